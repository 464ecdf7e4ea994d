#pragma once
// Cohorts: ratings and evidence tables (read from CSV in src/), columnar scoring of everyone, the
// summaries by unit and position, and the CSV / JSON / text outputs. See docs/scoring.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "samatthana/assessment.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {

/// Called now and then while reading: bytes read so far, total bytes.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// A wide ratings file, columnar: one row per person, one level column per competency.
struct RatingsTable {
  std::string file;
  std::shared_ptr<const Framework> framework;
  std::vector<Person> people;        ///< n
  std::vector<std::size_t> lines;    ///< physical line of each row (1-based; 0 = not from a file)
  std::vector<std::int8_t> levels;   ///< n × c, framework order; -1 = empty cell (not rated)
  std::vector<std::string> columns;  ///< c: the header naming each competency ("" = none)
  std::vector<double> results;       ///< n, from an optional `results` column (NaN = none)
  /// n, from an optional `other` column (NaN = none; empty without the column): DPIS's other part,
  /// 0..100 percent of it (docs/scoring.md, "Other part")
  std::vector<double> other;
  std::size_t other_column = 0;  ///< 1-based column of the `other` header (0 = none / unknown)

  /// One row of a file with rater columns (`rater_role`, optional `rater_id`).
  struct RaterRow {
    std::size_t person = 0;  ///< index into `people`
    RaterRole role = RaterRole::supervisor;
    std::string rater_id;
    std::size_t line = 0;
  };
  /// Several raters: every rater's row (the supervisor's too) when the file has rater columns;
  /// empty otherwise, when every row is the supervisor's. `levels` holds the supervisor's
  /// ratings either way, so that everything reading `levels` sees what the BMA counts.
  std::vector<RaterRow> raters;
  std::vector<std::int8_t> rater_levels;  ///< raters.size() × c; -1 = empty cell

  [[nodiscard]] std::size_t size() const noexcept { return people.size(); }
  [[nodiscard]] bool has_raters() const noexcept { return !raters.empty(); }
  [[nodiscard]] std::size_t competencies() const noexcept {
    return framework ? framework->size() : 0;
  }
  /// The level of person i on competency j (framework order) as an int, -1 = not rated (an
  /// int8_t streamed with << prints a raw byte, not a number).
  [[nodiscard]] int level(std::size_t i, std::size_t j) const {
    return levels.at(i * competencies() + j);
  }
  /// The id of competency j (framework order): column j of `levels`.
  [[nodiscard]] const std::string& competency_id(std::size_t j) const {
    return framework->competencies()[j].id;
  }
};

/// One row of a long evidence file.
struct EvidenceRow {
  std::string person_id;
  std::string indicator_id;
  Observation observation = Observation::not_observed;
  std::string evidence;
  std::size_t line = 0;
};
struct EvidenceTable {
  std::string file;
  std::vector<EvidenceRow> rows;
};
/// Results (KPI) scores, 0..100 percent of the results part, by person id.
struct ResultsTable {
  std::string file;
  std::vector<std::pair<std::string, double>> rows;
  std::vector<std::size_t> lines;
  /// Per row, from an optional `other` column (NaN = empty; empty without the column): the other
  /// part, 0..100 percent of it.
  std::vector<double> other;
  std::size_t other_column = 0;  ///< 1-based column of the `other` header (0 = none / unknown)
};

/// Reads a wide ratings CSV (see docs/scoring.md): person_id, name, unit, position, then one column
/// per competency of `fw` named by id, DPIS code, Thai name or alias; optional `results`. Levels
/// in Thai or Arabic digits; an empty cell is "not rated". With a `rater_role` column (and
/// optionally `rater_id`) a person has one row per rater (see RatingsBuilder); without, one row,
/// the supervisor's. Throws ParseError / ValidationError / LookupError / EncodingError with row
/// (physical line), column and value.
[[nodiscard]] SAMATTHANA_API RatingsTable read_ratings_csv(std::string_view bytes,
                                                           std::shared_ptr<const Framework> fw,
                                                           std::string_view file = "<string>",
                                                           const Progress& progress = {});
[[nodiscard]] SAMATTHANA_API RatingsTable load_ratings_csv(const std::filesystem::path& file,
                                                           std::shared_ptr<const Framework> fw,
                                                           const Progress& progress = {});
/// The framework as the tables keep it (shared_ptr<const Framework>) from a reference: a
/// built-in framework (bma_core(), *builtin_framework(id)) is shared, not copied; any other is
/// copied once.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Framework> shared_framework(const Framework& fw);
/// read_ratings_csv / load_ratings_csv with a framework by reference (bma_core(), a framework
/// you hold): the same reading (see shared_framework).
[[nodiscard]] inline RatingsTable read_ratings_csv(std::string_view bytes, const Framework& fw,
                                                   std::string_view file = "<string>",
                                                   const Progress& progress = {}) {
  return read_ratings_csv(bytes, shared_framework(fw), file, progress);
}
[[nodiscard]] inline RatingsTable load_ratings_csv(const std::filesystem::path& file,
                                                   const Framework& fw,
                                                   const Progress& progress = {}) {
  return load_ratings_csv(file, shared_framework(fw), progress);
}
/// A ratings file column by column, each text column's cells back to back in one buffer: what
/// `samatthana.read_ratings` turns into numpy columns, without a string per cell. Same checks and
/// errors as read_ratings_csv. A file with rater columns has one row per rater row (person cells
/// filled in from the person) and the rater_role (English) and rater_id columns.
struct RatingsColumns {
  enum Text : std::uint8_t { person_id, name, unit, position, rater_role, rater_id, job_line };
  std::string file;
  std::shared_ptr<const Framework> framework;
  std::size_t rows = 0;
  bool has_raters = false;
  std::array<std::string, 7> text;  ///< per Text column: its cells back to back
  std::array<std::vector<std::size_t>, 7>
      offsets;                       ///< per Text column: rows + 1 offsets (empty if absent)
  std::vector<std::int8_t> levels;   ///< rows × c, framework order; -1 = empty
  std::vector<std::string> columns;  ///< c: the header naming each competency
  std::vector<double> results;       ///< rows (NaN = empty), or empty without a results column
  std::vector<double> other;         ///< rows (NaN = empty), or empty without an other column
  std::vector<std::size_t> lines;    ///< rows: physical line

  [[nodiscard]] std::string_view cell(Text col, std::size_t row) const {
    const auto& o = offsets[col];
    return std::string_view(text[col]).substr(o[row], o[row + 1] - o[row]);
  }
};
[[nodiscard]] SAMATTHANA_API RatingsColumns
read_ratings_columns(std::string_view bytes, std::shared_ptr<const Framework> fw,
                     std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API RatingsColumns
load_ratings_columns(const std::filesystem::path& file, std::shared_ptr<const Framework> fw);

/// Assembles a ratings table from rows that carry a rater (what the CSV reader does for files
/// with rater columns, and the Python binding for DataFrames with them). A person's rows after
/// the first may leave name, unit, position and results empty (they are the first row's) or must
/// repeat them; one rater (role and rater_id) rates a person once; two supervisor ratings of one
/// competency must agree. Errors are located through `where(column, value)`.
class SAMATTHANA_API RatingsBuilder {
 public:
  using Where = std::function<Location(std::string_view column, std::string_view value)>;
  RatingsBuilder(std::shared_ptr<const Framework> fw, std::string file,
                 std::vector<std::string> columns, bool has_results);
  /// One row: `levels` has one entry per competency (framework order, -1 = empty cell);
  /// `results` NaN = empty.
  void add(Person person, RaterRole role, std::string rater_id, std::span<const std::int8_t> levels,
           double results, std::size_t line, const Where& where);
  /// As add, with the row's `other` figure (NaN = empty; the table has an other column once any
  /// row is added this way: see has_other).
  void add(Person person, RaterRole role, std::string rater_id, std::span<const std::int8_t> levels,
           double results, double other, std::size_t line, const Where& where);
  /// Whether the table keeps an `other` column (call before the first add).
  void has_other(bool yes, std::size_t column = 0) {
    has_other_ = yes;
    t_.other_column = column;
  }
  [[nodiscard]] RatingsTable finish() &&;

 private:
  RatingsTable t_;
  bool has_other_ = false;
  std::unordered_map<std::string, std::size_t> index_;       ///< person id → index
  std::unordered_map<std::string, std::size_t> rater_seen_;  ///< person\x1f role\x1f rater → line
  std::vector<std::size_t> supervisor_line_;  ///< per person × c: line of the supervisor rating
  bool has_results_ = false;
};

/// Reads a long evidence CSV: person_id, indicator_id, observation (shown / not_shown /
/// not_observed; the column may also be named `shown` or `status`), optional `evidence` text.
/// Indicator ids are checked against `fw`; a person/indicator pair given twice is an error.
[[nodiscard]] SAMATTHANA_API EvidenceTable read_evidence_csv(std::string_view bytes,
                                                             const Framework& fw,
                                                             std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API EvidenceTable load_evidence_csv(const std::filesystem::path& file,
                                                             const Framework& fw);
/// Reads a results CSV: person_id, results (0..100; Thai or Arabic digits, decimal point), and
/// optionally other (the other part, 0..100; empty = none).
[[nodiscard]] SAMATTHANA_API ResultsTable read_results_csv(std::string_view bytes,
                                                           std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API ResultsTable load_results_csv(const std::filesystem::path& file);

/// Bits of CohortScores::flags.
enum CellFlag : std::uint8_t {
  flag_rating_disagrees = 1,  ///< the rating differs from what the evidence supports
  flag_shown_above_gap = 2,   ///< indicators shown above the first gap (not counted)
  flag_missing_as_zero = 4,   ///< not assessed, counted as 0 because MissingPolicy::zero
};

/// Everyone's results, columnar (n people × c competencies, row-major).
struct CohortScores {
  std::shared_ptr<const Framework> framework;
  std::shared_ptr<const Profile> profile;
  ScoringRules rules;
  HeldLevelOptions levels;  ///< how held levels were derived (policy, raters)
  std::vector<Person> people;
  std::vector<std::string> position_codes;  ///< n: the profile's code of each person's position
  std::size_t n = 0, c = 0;
  std::vector<std::int8_t> held, expected, gap;  ///< n × c
  std::vector<std::uint8_t> source;              ///< n × c: LevelSource
  std::vector<std::uint8_t> flags;               ///< n × c: CellFlag bits
  std::vector<double> points;                    ///< n × c
  std::vector<double> part;                      ///< n
  std::vector<double> results, total;            ///< n (NaN = none)
  /// n, only when the scheme has an other part (Scheme::other_weight > 0; else empty): the other
  /// figure (0..100 percent of the part) and its points (Scheme::other_points), NaN = none.
  std::vector<double> other, other_points;
  std::vector<std::int8_t> band;  ///< n (-1 = none)
  bool has_results = false;
  /// Whether the scheme has an other part: the outputs then carry `other` and `other_points`.
  [[nodiscard]] bool has_other() const noexcept { return profile && profile->scheme().has_other(); }
  /// n × c: 1 where the person is appraised on the competency (a profile with per-position sets);
  /// empty when everyone is appraised on every competency. A cell outside a person's set holds
  /// held = expected = -1, gap 0, points NaN, source none.
  std::vector<std::uint8_t> appraised;

  /// Whether person i is appraised on competency j.
  [[nodiscard]] bool is_appraised(std::size_t i, std::size_t j) const noexcept {
    return appraised.empty() || appraised[i * c + j] != 0;
  }

  [[nodiscard]] SAMATTHANA_API std::size_t index_of(
      std::string_view person_id) const;  ///< LookupError

  // ---- reading one cell without the row-major arithmetic (person i, competency j) ----------
  // Levels come back as int (an int8_t streamed with << prints a raw byte, not a number).

  /// The ids of the competencies, framework order: column j of every n × c vector is
  /// competency_ids()[j].
  [[nodiscard]] std::vector<std::string> competency_ids() const {
    std::vector<std::string> ids;
    for (const auto& comp : framework->competencies()) ids.push_back(comp.id);
    return ids;
  }
  [[nodiscard]] const std::string& competency_id(std::size_t j) const {
    return framework->competencies()[j].id;
  }
  /// The column of a competency named by id, DPIS code, Thai name or alias; LookupError.
  [[nodiscard]] std::size_t competency_index(std::string_view key) const {
    if (const auto j = framework->find(key)) return *j;
    return static_cast<std::size_t>(&framework->competency(key) - framework->competencies().data());
  }
  /// The level held (-1 outside the person's set).
  [[nodiscard]] int held_level(std::size_t i, std::size_t j) const { return held.at(cell(i, j)); }
  /// The level expected (-1 outside the person's set).
  [[nodiscard]] int expected_level(std::size_t i, std::size_t j) const {
    return expected.at(cell(i, j));
  }
  /// held − expected, clipped as scoring.md says (0 outside the person's set).
  [[nodiscard]] int gap_of(std::size_t i, std::size_t j) const { return gap.at(cell(i, j)); }
  /// Points of the cell (NaN outside the person's set).
  [[nodiscard]] double points_of(std::size_t i, std::size_t j) const {
    return points.at(cell(i, j));
  }
  /// Where the held level came from.
  [[nodiscard]] LevelSource source_of(std::size_t i, std::size_t j) const {
    return static_cast<LevelSource>(source.at(cell(i, j)));
  }
  /// Whether the cell has the CellFlag `f`.
  [[nodiscard]] bool has_flag(std::size_t i, std::size_t j, std::uint8_t f) const {
    return (flags.at(cell(i, j)) & f) != 0;
  }
  /// The band index of person i in the scheme (-1 = none: no results).
  [[nodiscard]] int band_of(std::size_t i) const { return band.empty() ? -1 : band.at(i); }
  /// i * c + j, the index of a cell in the n × c vectors; std::out_of_range past n or c.
  [[nodiscard]] std::size_t cell(std::size_t i, std::size_t j) const {
    if (i >= n || j >= c)
      throw std::out_of_range("CohortScores: no cell (" + std::to_string(i) + ", " +
                              std::to_string(j) + ")");
    return i * c + j;
  }
};

/// Scores a cohort. `evidence` and `results` may be null. Every person must resolve to a profile
/// position, every competency must be rated or evidenced (unless MissingPolicy::zero), every
/// evidence and results row must name a person of the ratings; otherwise a located error (the
/// first one found). With `options.all_errors` (the collect mode, docs/guide.md "Errors") every
/// such error is found and one ImportErrors lists them in file order (ratings, evidence, results
/// file; by line), at most N, with the same located messages; an error of the whole input (the
/// rules, the profile against the framework, results or other figures given in two places or
/// refused by the scheme) is listed alone. A person whose position is not known is not checked
/// further (their expected levels, hence their competencies, are not known).
[[nodiscard]] SAMATTHANA_API CohortScores score_cohort(const RatingsTable& ratings,
                                                       const EvidenceTable* evidence,
                                                       const ResultsTable* results,
                                                       std::shared_ptr<const Profile> profile,
                                                       const ScoringOptions& options = {});

/// An optional input passed by reference: nothing (the default), or a table the caller keeps
/// alive for the call (`std::cref(table)`, or just `table`). No copy, no pointer, no temporary
/// (a temporary table does not convert: it would be gone before the call uses it).
template <class T>
using InputRef = std::optional<std::reference_wrapper<const T>>;
/// The InputRef of a table held in a std::optional (empty when it is).
template <class T>
[[nodiscard]] InputRef<T> input_ref(const std::optional<T>& table) {
  return table ? InputRef<T>(std::cref(*table)) : InputRef<T>();
}

/// The optional inputs of score_cohort.
struct CohortInputs {
  /// Indicator evidence (held levels where a rating is empty). The initializers spare callers
  /// GCC's missing-initializer warning for `{.evidence = e}`.
  InputRef<EvidenceTable> evidence = std::nullopt;
  /// the results part (and, with an `other` column, the other part); adds total and band
  InputRef<ResultsTable> results = std::nullopt;
};

/// score_cohort in the one ownership style of the API (docs/guide.md): tables by reference,
/// shared models (profile, framework) by shared_ptr<const>, optional inputs as InputRef:
/// `score_cohort(ratings, profile, {.evidence = evidence}, options)`.
[[nodiscard]] inline CohortScores score_cohort(const RatingsTable& ratings,
                                               std::shared_ptr<const Profile> profile,
                                               const CohortInputs& inputs = {},
                                               const ScoringOptions& options = {}) {
  return score_cohort(ratings, inputs.evidence ? &inputs.evidence->get() : nullptr,
                      inputs.results ? &inputs.results->get() : nullptr, std::move(profile),
                      options);
}

/// One assessment (with its evidence) of a person of a ratings table: for explanations and plans.
[[nodiscard]] SAMATTHANA_API Assessment assessment_of(const RatingsTable& ratings,
                                                      const EvidenceTable* evidence,
                                                      std::string_view person_id);
/// assessment_of with the evidence as an InputRef (nothing by default).
[[nodiscard]] inline Assessment assessment_of(const RatingsTable& ratings,
                                              std::string_view person_id,
                                              InputRef<EvidenceTable> evidence = {}) {
  return assessment_of(ratings, evidence ? &evidence->get() : nullptr, person_id);
}

// ---- summaries ---------------------------------------------------------------------------

enum class GroupBy : std::uint8_t { all, unit, position };

struct GroupSummary {
  std::string key;  ///< unit name, position code, or "" for everyone
  std::size_t people = 0;
  std::vector<std::vector<std::size_t>> distribution;  ///< c × (max level + 1): people per level
  std::vector<double> share_meeting;                   ///< c: share with held ≥ expected
  std::vector<double> mean_gap;                        ///< c
  /// c: people of the group appraised on each competency; distribution, share_meeting and
  /// mean_gap are over them (0 people: share and mean 0)
  std::vector<std::size_t> appraised;
  double share_meeting_all = 0;          ///< share meeting every competency of their own set
  double mean_part = 0;                  ///< mean competency part score
  std::vector<std::size_t> band_counts;  ///< per scheme band (empty without results)
};

/// Summaries per group, groups sorted by key (positions in the profile's order).
[[nodiscard]] SAMATTHANA_API std::vector<GroupSummary> summarize(const CohortScores& s, GroupBy by);

// ---- output ------------------------------------------------------------------------------

/// CSV, UTF-8 with BOM: person_id, competency_score, per competency <id>_held, <id>_expected,
/// <id>_gap, <id>_points, and total, band when there are results. Text cells starting with
/// = + - @ (or a tab/CR) are prefixed with ' so spreadsheets do not run them as formulas.
[[nodiscard]] SAMATTHANA_API std::string scores_csv(const CohortScores& s);
/// JSON: {"framework", "profile", "method", "weight", "policy", "raters" (with "rater_weights"
/// and "rater_rounding" when weighted), "people": [{...}]}.
[[nodiscard]] SAMATTHANA_API std::string scores_json(const CohortScores& s);
/// An aligned text table for the terminal.
[[nodiscard]] SAMATTHANA_API std::string scores_table(const CohortScores& s);
/// The cohort summary in Thai: overall, by unit, by position.
[[nodiscard]] SAMATTHANA_API std::string summary_text(const CohortScores& s,
                                                      text::Digits digits = text::Digits::arabic);
/// One person's development plan in Thai (targets, explanations).
[[nodiscard]] SAMATTHANA_API std::string plan_text(const Framework& fw, const PersonScore& ps,
                                                   text::Digits digits = text::Digits::thai);

}  // namespace samatthana
