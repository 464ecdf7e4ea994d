#pragma once
// Excel workbooks (.xlsx) of the scores (docs/formats.md). Reading ratings, evidence and results
// from .xlsx is read_table_file (samatthana/io.hpp) and the load_* functions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"
#include "samatthana/stream.hpp"

namespace samatthana {

/// The scores as an .xlsx workbook (the bytes of the file): one sheet "scores" with the columns
/// of scores_csv, the header row bold and frozen, column widths to fit, a Thai-capable font
/// (Tahoma); levels and gaps as whole numbers, competency_score and total as numbers to two
/// decimals (the CSV's values), points and results as numbers, ids, names, units, positions and
/// bands always as text (a name like "=HYPERLINK(...)" stays text, never a formula).
/// Throws IoError when the workbook cannot be written, ValidationError for a cell longer than
/// Excel's 32 767 characters.
[[nodiscard]] SAMATTHANA_API std::string scores_xlsx(const CohortScores& s);

/// The scores sheet and the cohort summary's sheets (as summary_xlsx) in one workbook: what
/// `samatthana score --summary -o x.xlsx` writes.
[[nodiscard]] SAMATTHANA_API std::string scores_xlsx(const CohortScores& s,
                                                     const CohortSummary& summary);

/// The cohort summary (summary_text's tables) as a workbook: sheet "สรุป" (one row per
/// competency: id, Thai name, share meeting the expected level, mean gap, people per level),
/// "หน่วยงาน" and "ตำแหน่ง" (one row per unit / position in summary_text's order: people, share
/// meeting every competency, mean competency score, share meeting each competency, people per
/// band when there are results). Shares are numbers 0..1 shown as percentages, counts whole
/// numbers, names text; header rows bold and frozen, Tahoma.
[[nodiscard]] SAMATTHANA_API std::string summary_xlsx(const CohortSummary& s);

/// One person's development plan (plan_text's content) as a workbook: sheet "plan", one row per
/// indicator to build (person_id, name, unit, position, competency, its Thai name, held,
/// expected, gap, source, target "develop" or "stretch", from_level, to_level, indicator_id,
/// indicator), a competency with nothing to build on one row without the target cells.
[[nodiscard]] SAMATTHANA_API std::string plan_xlsx(const Framework& fw, const PersonScore& ps);

/// How the cells of a column of a table written with table_xlsx are written (the kinds the
/// scores, summary and plan sheets use).
enum class CellKind : std::uint8_t {
  text,          ///< text cells, always (a value starting with '=' stays text); format "@"
  integer,       ///< numbers shown as whole numbers (levels, gaps, counts); format "0"
  number,        ///< numbers as they are; format General
  two_decimals,  ///< numbers written as the CSV's "%.2f" reads back, shown "0.00"
  percent,       ///< shares 0..1 shown "0.0%"
};

/// One column of a sheet: its header and one cell per row.
struct SheetColumn {
  std::string header;
  CellKind kind = CellKind::text;
  std::vector<std::string> text;  ///< kind text: the cells ("" = an empty cell)
  std::vector<double> numbers;    ///< the other kinds: the cells (NaN = an empty cell)
};

/// A sheet of a workbook written with table_xlsx.
struct SheetData {
  std::string name;  ///< Excel's rules: 1..31 characters, none of []:*?/\, unique in the book
  std::vector<SheetColumn> columns;
};

/// Any tables as a workbook (the bytes of the file), one sheet each, written as the scores sheet
/// is: the header row bold and frozen, Tahoma, column widths to fit the header and text cells,
/// text always as text cells, numbers as numbers. What samatthana.to_excel (Python) writes.
/// ValidationError for a sheet name Excel refuses or used twice (path "sheet"), a column whose
/// cells are not one per row (path: its header) or a text longer than 32 767 characters;
/// IoError when the workbook cannot be written.
[[nodiscard]] SAMATTHANA_API std::string table_xlsx(const std::vector<SheetData>& sheets);

/// True when `path` ends in ".xlsx" (any case): the name asks for a workbook.
[[nodiscard]] SAMATTHANA_API bool is_xlsx_path(std::string_view path) noexcept;

}  // namespace samatthana
