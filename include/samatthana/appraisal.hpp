#pragma once
// The results part of an appraisal: each person's performance agreement (KPIs with weights, five
// target levels and the achieved level) and DPIS's formula for the part score, plus the readers
// of a long KPI file (CSV or JSON) and a row builder for other callers (the Python DataFrame
// path). See docs/kpis.md and docs/scoring.md ("Results part").
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "samatthana/builders.hpp"
#include "samatthana/cohort.hpp"
#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {

/// One KPI (ตัวชี้วัด) of a performance agreement.
struct Kpi {
  std::string id;     ///< the KPI's id within the person's agreement
  std::string name;   ///< what is measured
  double weight = 0;  ///< > 0, at most two decimals (DPIS KPI_WEIGHT NUMBER(6,2))
  /// What each target level 1..5 means ("" = not described).
  std::array<std::string, 5> targets;
  double achieved =
      0;  ///< level reached, 1..5, at most two decimals (DPIS PG_EVALUATE NUMBER(3,2))
  std::size_t line = 0;  ///< the row it came from (1-based; 0 = not from a file)

  /// achieved × weight: the KPI's line in DPIS's sum SCORE_KPI.
  [[nodiscard]] double weighted() const noexcept { return achieved * weight; }
  bool operator==(const Kpi&) const = default;
};

/// One person's performance agreement (ข้อตกลงการปฏิบัติราชการ): KPIs in file order.
struct Agreement {
  std::string person_id;
  std::vector<Kpi> kpis;
  std::size_t line = 0;  ///< line of the person's first KPI
  bool operator==(const Agreement&) const = default;
};

/// Every agreement of a KPI file, people in order of first appearance.
struct KpiTable {
  std::string file;
  std::vector<Agreement> agreements;

  /// The agreement of `person_id`, or null.
  [[nodiscard]] SAMATTHANA_API const Agreement* find(std::string_view person_id) const;
};

/// What DPIS's results part needs to hold.
enum class WeightSum : std::uint8_t {
  as_given,     ///< DPIS: Σ(achieved × weight) ÷ (Σweight × 5), whatever Σweight is (default)
  must_be_100,  ///< a person's weights must sum to 100 (ValidationError otherwise)
};

struct KpiRules {
  WeightSum weights = WeightSum::as_given;
  bool dpis_rounding = true;  ///< round(round(x, 3), 2) halves away from zero; else unrounded
};

/// The results part of one agreement, as DPIS computes it (kpi_kpi_form_detail_1.php 226–240).
struct ResultsPart {
  double score = 0;       ///< Σ achieved × weight (DPIS SCORE_KPI)
  double weight_sum = 0;  ///< Σ weight (DPIS TOTAL_KPI_WEIGHT)
  double weight = 0;      ///< the results part's weight in the scheme (DPIS PERFORMANCE_WEIGHT)
  double points = 0;      ///< the part score out of `weight` (DPIS SUM_KPI)

  /// The part as 0..100 percent of its weight: what score_cohort takes as `results`.
  [[nodiscard]] double percent() const noexcept { return weight > 0 ? points * 100.0 / weight : 0; }
};

/// DPIS's results part: round(round(Σ(achieved × weight) ÷ (Σweight × 5) × results_weight, 3), 2),
/// halves away from zero (round_dpis, the competency part's rounding). Throws ValidationError for
/// an empty agreement, a weight ≤ 0, an achieved level outside 1..5, a results weight outside
/// 0..100, or weights not summing to 100 when the rules require it.
[[nodiscard]] SAMATTHANA_API ResultsPart results_part(std::span<const Kpi> kpis,
                                                      double results_weight,
                                                      const KpiRules& rules = {});
[[nodiscard]] SAMATTHANA_API ResultsPart results_part(const Agreement& agreement,
                                                      const Scheme& scheme,
                                                      const KpiRules& rules = {});

/// The results of every agreement as a results table (percent of the results part, the first
/// KPI's line per person), for score_cohort: so a person sheet, the scores and the cohort get the
/// total DPIS adds up (SUM_KPI + SUM_COMPETENCE). ValidationError (located at the person's first
/// KPI) as results_part throws.
[[nodiscard]] SAMATTHANA_API ResultsTable results_table(const KpiTable& kpis, const Scheme& scheme,
                                                        const KpiRules& rules = {});

// ---- reading -------------------------------------------------------------------------------

/// The columns of a KPI table (CSV header or JSON keys), English or Thai names.
enum class KpiColumn : std::uint8_t {
  person_id,
  kpi_id,
  name,
  weight,
  target1,
  target2,
  target3,
  target4,
  target5,
  achieved,
  ignored,  ///< name, unit, position of the person: allowed, not read
};
/// The column a header cell names; ParseError via `where` when it is none of them.
[[nodiscard]] SAMATTHANA_API KpiColumn kpi_column(std::string_view header, const Location& where);
/// The English name of a column ("person_id", "target_3", ...).
[[nodiscard]] SAMATTHANA_API std::string_view to_string(KpiColumn c) noexcept;

/// Assembles a KPI table one row at a time, with the same checks (and messages) for the CSV
/// reader, the JSON reader and the Python DataFrame path; only the location differs, given by
/// `where(column, value)`. Checks: person_id and kpi_id not empty, a name, a weight > 0 and ≤ 100
/// with at most two decimals, an achieved level 1..5 with at most two decimals, a person's
/// kpi_id given once.
class SAMATTHANA_API KpiBuilder {
 public:
  explicit KpiBuilder(std::string file);
  struct Row {
    std::string_view person_id, kpi_id, name;
    Cell weight, achieved;
    std::array<std::string_view, 5> targets;
  };
  void add(const Row& row, std::size_t line, const CellWhere& where);
  [[nodiscard]] KpiTable finish() &&;

 private:
  KpiTable t_;
  std::unordered_map<std::string, std::size_t> people_;  ///< person id → agreement index
  std::unordered_map<std::string, std::size_t> seen_;    ///< person\x1f kpi id → line
};

/// Reads a long KPI CSV (UTF-8): person_id, kpi_id, name, weight, target_1..target_5 (optional),
/// achieved; one row per KPI. Errors carry file, line, column and value.
[[nodiscard]] SAMATTHANA_API KpiTable read_kpis_csv(std::string_view bytes,
                                                    std::string_view file = "<string>");
/// Reads a KPI JSON file: an array of objects with the CSV's columns as keys (numbers or digit
/// strings for weight and achieved), or {"kpis": [...]}. Errors carry the JSON path.
[[nodiscard]] SAMATTHANA_API KpiTable read_kpis_json(std::string_view text,
                                                     std::string_view file = "<string>");
/// Reads a KPI file: JSON (UTF-8) when its first non-blank character is '[' or '{'; else a table
/// read as read_table_file reads ratings (UTF-8, UTF-16 or cp874 CSV, or an .xlsx sheet, with
/// current_read_options()), so its errors name the line or the cell.
[[nodiscard]] SAMATTHANA_API KpiTable load_kpis(const std::filesystem::path& file);

/// The agreements as a long CSV (UTF-8 with BOM), the columns read_kpis_csv reads plus
/// `weighted` (achieved × weight).
[[nodiscard]] SAMATTHANA_API std::string kpis_csv(const KpiTable& kpis);

}  // namespace samatthana
