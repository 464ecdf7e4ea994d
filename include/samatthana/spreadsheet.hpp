#pragma once
// Excel workbooks (.xlsx) of the scores (docs/formats.md). Reading ratings, evidence and results
// from .xlsx is read_table_file (samatthana/io.hpp) and the load_* functions.
#include <string>
#include <string_view>

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

/// True when `path` ends in ".xlsx" (any case): the name asks for a workbook.
[[nodiscard]] SAMATTHANA_API bool is_xlsx_path(std::string_view path) noexcept;

}  // namespace samatthana
