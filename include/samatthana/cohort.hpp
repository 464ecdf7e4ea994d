#pragma once
// Cohorts: columnar scoring of everyone in the tables of tables.hpp, and the summaries by unit and
// position. Reading the tables: tables_io.hpp; writing the scores: scores_io.hpp. See
// docs/scoring.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/assessment.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/tables.hpp"

namespace samatthana {

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

/// Scores a cohort, in the one ownership style of the API (docs/guide.md): tables by reference,
/// shared models (profile, framework) by shared_ptr<const>, optional inputs as InputRef:
/// `score_cohort(ratings, profile, {.evidence = evidence}, options)`; a null profile: the
/// framework's default. Every person must resolve to a profile
/// position, every competency must be rated or evidenced (unless MissingPolicy::zero), every
/// evidence and results row must name a person of the ratings; otherwise a located error (the
/// first one found). With `options.all_errors` (the collect mode, docs/guide.md "Errors") every
/// such error is found and one ImportErrors lists them in file order (ratings, evidence, results
/// file; by line), at most N, with the same located messages; an error of the whole input (the
/// rules, the profile against the framework, results or other figures given in two places or
/// refused by the scheme) is listed alone. A person whose position is not known is not checked
/// further (their expected levels, hence their competencies, are not known).
[[nodiscard]] SAMATTHANA_API CohortScores score_cohort(const RatingsTable& ratings,
                                                       std::shared_ptr<const Profile> profile,
                                                       const CohortInputs& inputs = {},
                                                       const ScoringOptions& options = {});

/// One assessment (with its evidence, nothing by default) of a person of a ratings table: for
/// explanations and plans. LookupError for an unknown id.
[[nodiscard]] SAMATTHANA_API Assessment assessment_of(const RatingsTable& ratings,
                                                      std::string_view person_id,
                                                      InputRef<EvidenceTable> evidence = {});

/// The older forms with optional inputs as raw pointers (docs/guide.md, "One ownership style"):
/// the same results. Kept, deprecated, for the 0.1 series.
[[nodiscard, deprecated("use score_cohort(ratings, profile, {.evidence = e, .results = r}, "
                        "options)")]] SAMATTHANA_API CohortScores
score_cohort(const RatingsTable& ratings, const EvidenceTable* evidence,
             const ResultsTable* results, std::shared_ptr<const Profile> profile,
             const ScoringOptions& options = {});
[[nodiscard,
  deprecated("use assessment_of(ratings, person_id, evidence)")]] SAMATTHANA_API Assessment
assessment_of(const RatingsTable& ratings, const EvidenceTable* evidence,
              std::string_view person_id);

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

}  // namespace samatthana
