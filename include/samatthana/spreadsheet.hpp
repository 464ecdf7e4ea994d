#pragma once
// Excel workbooks (.xlsx) of the scores (docs/formats.md). Reading ratings, evidence and results
// from .xlsx is read_table_file (samatthana/io.hpp) and the load_* functions.
#include <string>
#include <string_view>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"

namespace samatthana {

/// The scores as an .xlsx workbook (the bytes of the file): one sheet "scores" with the columns
/// of scores_csv, the header row bold and frozen, column widths to fit, a Thai-capable font
/// (Tahoma); levels and gaps as whole numbers, competency_score and total as numbers to two
/// decimals (the CSV's values), points and results as numbers, ids, names, units, positions and
/// bands always as text (a name like "=HYPERLINK(...)" stays text, never a formula).
/// Throws IoError when the workbook cannot be written, ValidationError for a cell longer than
/// Excel's 32 767 characters.
[[nodiscard]] SAMATTHANA_API std::string scores_xlsx(const CohortScores& s);

/// True when `path` ends in ".xlsx" (any case): the name asks for a workbook.
[[nodiscard]] SAMATTHANA_API bool is_xlsx_path(std::string_view path) noexcept;

}  // namespace samatthana
