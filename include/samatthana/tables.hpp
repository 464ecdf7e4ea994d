#pragma once
// Cohort tables as values: ratings (wide, one row per person, or one per rater), indicator
// evidence, results (KPI) scores, the ratings column by column, and RatingsBuilder, which holds a
// ratings table to its rules whoever gives the rows (the CSV readers of tables_io.hpp, a DataFrame,
// C++ code). No file here: reading and writing are the I/O layer's (tables_io.hpp, scores_io.hpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "samatthana/assessment.hpp"
#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"

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

/// The framework as the tables keep it (shared_ptr<const Framework>) from a reference: a
/// built-in framework (bma_core(), *builtin_framework(id)) is shared, not copied; any other is
/// copied once.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Framework> shared_framework(const Framework& fw);

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

}  // namespace samatthana
