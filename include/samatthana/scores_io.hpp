#pragma once
// Writing cohort scores (the I/O layer): CSV, JSON, the terminal table, and the Thai texts (the
// cohort summary, a person's development plan). See docs/scoring.md.
#include <string>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/text/digits.hpp"

namespace samatthana {

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
