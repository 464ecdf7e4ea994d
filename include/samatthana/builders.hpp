#pragma once
// Builders that enforce the invariants of ratings, evidence and results tables, one row at a time,
// for callers that do not read CSV: the Python DataFrame path and C++ code. They give the same
// errors (class and message) as the CSV readers; only the location differs, which the caller
// supplies through a `Where` (e.g. DataFrame index label and column). See docs/guide.md.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"

namespace samatthana {

/// Where a cell is: called with the column's name (as the caller spells it) and the cell's value.
using CellWhere = std::function<Location(std::string_view column, std::string_view value)>;

/// One input cell as a caller holds it before it is a level, a result or a text.
struct SAMATTHANA_API Cell {
  enum class Kind : std::uint8_t {
    empty,    ///< not given (CSV: an empty cell; pandas: NaN, None, pd.NA)
    number,   ///< `number`
    text,     ///< `text`: digits in Thai or Arabic, as in a CSV cell
    boolean,  ///< `number` is 0 or 1; never a level nor a result
  };
  Kind kind = Kind::empty;
  double number = 0;
  std::string_view text;

  [[nodiscard]] static Cell of(double v) { return Cell{Kind::number, v, {}}; }
  [[nodiscard]] static Cell of(std::string_view s) { return Cell{Kind::text, 0, s}; }
  /// The cell as an error shows it ("3", "1.5", "True", the text).
  [[nodiscard]] std::string shown() const;
};

/// A level of `comp`: -1 for an empty cell (not rated), else 0..max. Text is read as the CSV
/// reader reads it; numbers must be whole (1.0 is 1). Booleans, fractions, negative numbers and
/// non-digits are a ParseError ("not a level: ..."), levels above the competency's highest a
/// ValidationError, with the CSV reader's messages.
[[nodiscard]] SAMATTHANA_API std::int8_t level_from_cell(const Cell& cell, const Competency& comp,
                                                         const Location& where);

/// What an empty results cell means.
enum class EmptyResults : std::uint8_t {
  allowed,  ///< a results column of a ratings table: NaN (score_cohort says which person lacks one)
  error,    ///< a results table: every row needs its number
};
/// A results value 0..100 (NaN when empty and allowed). ParseError for non-numbers and booleans,
/// ValidationError outside 0..100, with the CSV readers' messages.
[[nodiscard]] SAMATTHANA_API double results_from_cell(const Cell& cell, EmptyResults empty,
                                                      const Location& where);
/// An `other` value (DPIS's other part, 0..100 percent of it; NaN when empty): read as
/// results_from_cell reads results, with messages naming `other`.
[[nodiscard]] SAMATTHANA_API double other_from_cell(const Cell& cell, const Location& where);

/// A rater role as the CSV reader reads it (English or Thai); ParseError otherwise.
[[nodiscard]] SAMATTHANA_API RaterRole rater_role_from_cell(std::string_view text,
                                                            const Location& where);

/// The standard columns of a wide ratings table.
enum class RatingsColumn : std::uint8_t {
  competency,
  person_id,
  name,
  unit,
  position,
  results,
  rater_role,
  rater_id,
  job_line,  ///< job line (สายงาน): chooses the functional competencies (profiles with job lines)
  other,  ///< DPIS's other part (ผลงานองค์ประกอบอื่น), 0..100 percent of it
};
/// The standard name of a column role, as errors and locations name it ("person_id", …,
/// "other"); "" for a competency column. The one table of those names (CSV and DataFrame paths).
[[nodiscard]] SAMATTHANA_API const char* ratings_column_name(RatingsColumn c) noexcept;

/// What one header cell of a wide ratings table names.
struct RatingsColumnName {
  RatingsColumn role = RatingsColumn::competency;
  std::size_t competency = 0;  ///< framework index when role is competency
};
/// The one header rule of wide ratings tables (ratings_header, and so the DataFrame path; the CSV
/// reader names the same columns): spaces and tabs around the cell ignored, then a standard
/// column by its English or Thai name (person_id, id, รหัส, เลขประจำตัว; name, ชื่อ, ชื่อ-สกุล;
/// unit, หน่วยงาน, สังกัด; position, ตำแหน่ง, ระดับตำแหน่ง; results, ผลสัมฤทธิ์, ผลสัมฤทธิ์ของงาน;
/// rater_role, ผู้ประเมิน; rater_id, รหัสผู้ประเมิน; job_line, สายงาน, สายงานตำแหน่ง; other,
/// ผลงานองค์ประกอบอื่น, ผลงานองค์ประกอบอื่นๆ, องค์ประกอบอื่น, องค์ประกอบอื่นๆ; compared by
/// text::match_key), else a competency
/// of `fw` by id, DPIS code, Thai name or alias; nullopt when it is neither (an unknown column).
[[nodiscard]] SAMATTHANA_API std::optional<RatingsColumnName> ratings_column(
    std::string_view header, const Framework& fw);

/// A wide ratings header read as the CSV reader reads it.
struct RatingsHeader {
  std::vector<RatingsColumn> role;  ///< per header cell
  std::vector<std::size_t>
      competency;                    ///< per header cell: framework index when role is competency
  std::vector<std::string> columns;  ///< per competency: the header naming it ("" = none)
  bool has_results = false, has_raters = false;
  bool has_job_line = false;  ///< a job_line (สายงาน) column
  bool has_other = false;  ///< an other (ผลงานองค์ประกอบอื่น) column
};
/// Reads the header cells of a wide ratings table: standard columns by their English or Thai
/// names, competencies by id, DPIS code, Thai name or alias. Errors (unknown column, a column
/// twice, two columns for one competency, no person_id / position, rater_id without rater_role)
/// are located through `where(index of the header cell, its text)`.
[[nodiscard]] SAMATTHANA_API RatingsHeader
ratings_header(std::span<const std::string> headers, const Framework& fw,
               const std::function<Location(std::size_t, std::string_view)>& where);

/// The columns of an evidence table, read as the CSV reader reads its header (English or Thai
/// names; `shown` and `status` for observation); `evidence` may be absent (npos).
struct EvidenceHeader {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t person_id = npos, indicator_id = npos, observation = npos, evidence = npos;
};
[[nodiscard]] SAMATTHANA_API EvidenceHeader
evidence_header(std::span<const std::string> headers,
                const std::function<Location(std::size_t, std::string_view)>& where);
/// The columns of a results table: person_id and results (also `score`, `kpi`), optionally other
/// (the other part); name, unit and position are allowed and ignored.
struct ResultsHeader {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t person_id = 0, results = 0;
  std::size_t other = npos;  ///< the other column, npos without one
};
[[nodiscard]] SAMATTHANA_API ResultsHeader
results_header(std::span<const std::string> headers,
               const std::function<Location(std::size_t, std::string_view)>& where);

/// What a person cell may hold besides text.
enum class PersonCell : std::uint8_t {
  id,    ///< person_id, rater_id: TAB only
  text,  ///< name, unit, position: TAB and line breaks
};
/// Rejects a person cell that is too long (over 65 536 bytes) or holds a control character (C0
/// but what `kind` allows, or DEL): a NUL would cut the text in other programs, an ESC drive the
/// terminal. ValidationError located through `where(column, value)`.
SAMATTHANA_API void check_person_text(std::string_view column, std::string_view value,
                                      PersonCell kind, const CellWhere& where);

/// A person id (person_id in ratings, evidence and results): checked by check_person_text, then
/// its key as the CSV readers keep it (text::normalize_id: white space around it trimmed,
/// zero-width characters removed, NFC), so ids that differ only that way are one person.
[[nodiscard]] SAMATTHANA_API std::string person_id_from_cell(std::string_view column,
                                                             std::string_view value,
                                                             const CellWhere& where);

/// Units seen so far, as written → normalised (a cohort has few units; normalising is not free).
using UnitCache = std::unordered_map<std::string, std::string>;
/// A person as given in one row, each cell checked by check_person_text: the id as
/// person_id_from_cell, name and position trimmed (spaces and tabs), the unit normalised
/// (text::normalize) as the CSV reader does.
[[nodiscard]] SAMATTHANA_API Person person_from_cells(std::string_view id, std::string_view name,
                                                      std::string_view unit,
                                                      std::string_view position,
                                                      const CellWhere& where,
                                                      UnitCache* units = nullptr);
/// person_from_cells with a job line (สายงาน) cell: checked as a text cell, trimmed.
[[nodiscard]] SAMATTHANA_API Person person_from_cells(
    std::string_view id, std::string_view name, std::string_view unit, std::string_view position,
    std::string_view job_line, const CellWhere& where, UnitCache* units = nullptr);

/// Assembles a ratings table with one row per person (no rater columns; with them, use
/// RatingsBuilder). A person_id must not be empty nor given twice; levels are -1 (not rated) or
/// 0..max; `results` NaN = empty.
class SAMATTHANA_API PeopleBuilder {
 public:
  PeopleBuilder(std::shared_ptr<const Framework> fw, std::string file,
                std::vector<std::string> columns, bool has_results);
  /// Room for `rows` people (no rehashing of the duplicate check while adding).
  void reserve(std::size_t rows);
  void add(Person person, std::span<const std::int8_t> levels, double results, std::size_t line,
           const CellWhere& where);
  /// As add, with the row's `other` figure (NaN = empty); needs has_other(true) first.
  void add(Person person, std::span<const std::int8_t> levels, double results, double other,
           std::size_t line, const CellWhere& where);
  /// Whether the table keeps an `other` column (call before the first add); `column`: its
  /// 1-based position for errors (0 = unknown).
  void has_other(bool yes, std::size_t column = 0);
  [[nodiscard]] RatingsTable finish() &&;

 private:
  RatingsTable t_;
  std::unordered_map<std::string, std::size_t> seen_;  ///< person id → line
  bool has_results_ = false;
  bool has_other_ = false;
};

/// Assembles an evidence table: person_id not empty, indicator ids of the framework, observations
/// shown / not_shown / not_observed (English or Thai), a person's indicator given once.
class SAMATTHANA_API EvidenceBuilder {
 public:
  EvidenceBuilder(std::shared_ptr<const Framework> fw, std::string file);
  void add(std::string_view person_id, std::string_view indicator_id, std::string_view observation,
           std::string evidence, std::size_t line, const CellWhere& where);
  [[nodiscard]] EvidenceTable finish() &&;

 private:
  std::shared_ptr<const Framework> fw_;
  EvidenceTable t_;
  std::unordered_map<std::string, std::size_t> seen_;  ///< person\x1f indicator → line
};

/// Assembles a results table: person_id not empty and given once, results 0..100.
class SAMATTHANA_API ResultsBuilder {
 public:
  explicit ResultsBuilder(std::string file);
  void add(std::string_view person_id, const Cell& results, std::size_t line,
           const CellWhere& where);
  /// As add, with an `other` cell (the other part, 0..100; empty = none): the table then has an
  /// other column (every row must be added this way).
  void add(std::string_view person_id, const Cell& results, const Cell& other, std::size_t line,
           const CellWhere& where);
  /// 1-based position of the other column for errors (0 = unknown).
  void other_column(std::size_t column) { t_.other_column = column; }
  [[nodiscard]] ResultsTable finish() &&;

 private:
  bool has_other_ = false;
  ResultsTable t_;
  std::unordered_map<std::string, std::size_t> seen_;  ///< person id → line
};

/// Rater weights from (role, weight) pairs: roles in English or Thai, each at most once, weights
/// finite and ≥ 0, at least one above 0; roles not named weigh 0. ValidationError located through
/// `where(role as given)`.
[[nodiscard]] SAMATTHANA_API RaterWeights
rater_weights_from(std::span<const std::pair<std::string, double>> items,
                   const std::function<Location(std::string_view role)>& where);

}  // namespace samatthana
