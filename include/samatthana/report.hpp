#pragma once
// Reports: one person's appraisal sheet (modelled on the BMA appraisal form) and a cohort
// overview, as one self-contained HTML file each (inline CSS and SVG, no scripts, nothing
// fetched) and as Markdown for pasting into other documents. Rendering functions return strings;
// every piece of user text (names, units, evidence notes, framework text) is escaped.
// See docs/reports.md.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "samatthana/activities.hpp"
#include "samatthana/appraisal.hpp"
#include "samatthana/assessment.hpp"
#include "samatthana/calibration.hpp"
#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

/// How a report is written. `title` and `organisation` must be valid UTF-8: the renderers throw
/// EncodingError otherwise (they would reach the HTML as raw bytes).
struct ReportOptions {
  text::Digits digits = text::Digits::thai;   ///< Thai numerals by default, Arabic on request
  std::optional<text::AppraisalRound> round;  ///< the appraisal round shown in the header
  std::string organisation = "กรุงเทพมหานคร";  ///< first header line; empty = none
  std::string title;                          ///< replaces the default title when not empty
  /// A last line under the report's footer, e.g. manifest_footer(...) of the audit manifest of
  /// the published scores (docs/audit.md); empty = none. UTF-8 (EncodingError otherwise); escaped.
  std::string footer;
  /// Anonymity on the person sheet: with at least 2, peer and subordinate ratings are shown as
  /// their mean when at least this many distinct raters of the role rated the competency, else
  /// withheld ("ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)"); never one rater's level. 0 (default): every
  /// rater's level is listed, as the 360 sheet always did (docs/reports.md).
  std::size_t min_raters_per_role = 0;
};

/// Everything one person's sheet shows: the inputs (for evidence notes) and the scores.
struct PersonSheet {
  std::shared_ptr<const Framework> framework;
  std::shared_ptr<const Profile> profile;
  ScoringRules rules;     ///< the method and weight the part score used
  Assessment assessment;  ///< ratings and indicator evidence, with their free-text notes
  PersonScore score;
  /// The performance agreement and its results part, when the results come from KPIs: the sheet
  /// then shows the KPI table (part 1) before the competencies (part 2).
  std::optional<Agreement> agreement;
  std::optional<ResultsPart> results_part;
  /// Development activities suggested for the plan's gaps (suggest_activities), shown in its
  /// "วิธีการพัฒนา" column; empty: the column is left to fill in by hand.
  std::vector<ActivitySuggestion> activities;
};

/// Scores `assessment` and keeps what the sheet needs. Throws as score_person does.
[[nodiscard]] SAMATTHANA_API PersonSheet make_person_sheet(std::shared_ptr<const Framework> fw,
                                                           std::shared_ptr<const Profile> profile,
                                                           Assessment assessment,
                                                           const ScoringOptions& options = {});
/// The sheet of person `person_id` of a ratings table. `inputs` adds evidence and results (a
/// results table overrides the ratings' `results` column): `make_person_sheet(ratings, id,
/// profile, {.evidence = evidence, .results = results})`. A null profile: the framework's default.
/// LookupError for an unknown id.
[[nodiscard]] SAMATTHANA_API PersonSheet make_person_sheet(const RatingsTable& ratings,
                                                           std::string_view person_id,
                                                           std::shared_ptr<const Profile> profile,
                                                           const CohortInputs& inputs = {},
                                                           const ScoringOptions& options = {});

/// The sheet of `person_id` with the results part computed from their agreement in `kpis`
/// (LookupError when they have none; ValidationError when the ratings have a results column too).
[[nodiscard]] SAMATTHANA_API PersonSheet make_person_sheet(
    const RatingsTable& ratings, std::string_view person_id, std::shared_ptr<const Profile> profile,
    const KpiTable& kpis, InputRef<EvidenceTable> evidence = std::nullopt,
    const ScoringOptions& options = {}, const KpiRules& kpi_rules = {});

/// The older forms with optional inputs as raw pointers (docs/guide.md, "One ownership style"):
/// the same sheets. Kept, deprecated, for the 0.1 series.
[[nodiscard, deprecated("use make_person_sheet(ratings, person_id, profile, {.evidence = e, "
                        ".results = r}, options)")]] SAMATTHANA_API PersonSheet
make_person_sheet(const RatingsTable& ratings, const EvidenceTable* evidence,
                  const ResultsTable* results, std::string_view person_id,
                  std::shared_ptr<const Profile> profile, const ScoringOptions& options = {});
[[nodiscard, deprecated("use make_person_sheet(ratings, person_id, profile, kpis, evidence, "
                        "options, kpi_rules)")]] SAMATTHANA_API PersonSheet
make_person_sheet(const RatingsTable& ratings, const EvidenceTable* evidence, const KpiTable& kpis,
                  std::string_view person_id, std::shared_ptr<const Profile> profile,
                  const ScoringOptions& options = {}, const KpiRules& kpi_rules = {});

/// What a cohort overview adds besides the competencies: the 9-box grid and the calibration.
struct CohortExtras {
  std::optional<NineBox> nine_box;
  std::optional<Calibration> calibration;
};

/// The person's appraisal sheet: header (name, position, unit, round), per competency expected
/// and held level, gap, points and evidence notes; part, results and total scores with the band;
/// a radar chart; the development plan (BMA form part 3) ready to fill in. Prints on A4.
[[nodiscard]] SAMATTHANA_API std::string person_sheet_html(const PersonSheet& sheet,
                                                           const ReportOptions& options = {});
/// The same sheet in Markdown (GitHub tables).
[[nodiscard]] SAMATTHANA_API std::string person_sheet_markdown(const PersonSheet& sheet,
                                                               const ReportOptions& options = {});
/// The radar chart alone: an <svg> element, held (class "held") against expected (class
/// "expected") levels, one axis per competency, each as long as the competency's highest level.
[[nodiscard]] SAMATTHANA_API std::string radar_svg(const PersonSheet& sheet,
                                                   const ReportOptions& options = {});

/// The cohort overview: a heatmap of units × competencies (share meeting the expected level; mean
/// gap in each cell's title), the level distribution per competency (stacked bars), band counts
/// and a table per unit. Units in Thai dictionary order. Prints on A4.
[[nodiscard]] SAMATTHANA_API std::string cohort_overview_html(const CohortScores& scores,
                                                              const ReportOptions& options = {});
/// The overview with the 9-box and calibration sections (each when given).
[[nodiscard]] SAMATTHANA_API std::string cohort_overview_html(const CohortScores& scores,
                                                              const CohortExtras& extras,
                                                              const ReportOptions& options = {});
/// The same overview in Markdown.
[[nodiscard]] SAMATTHANA_API std::string cohort_overview_markdown(
    const CohortScores& scores, const ReportOptions& options = {});
[[nodiscard]] SAMATTHANA_API std::string cohort_overview_markdown(
    const CohortScores& scores, const CohortExtras& extras, const ReportOptions& options = {});

/// Escapes & < > " ' for HTML text and attribute values (also well-formed XML).
[[nodiscard]] SAMATTHANA_API std::string html_escape(std::string_view s);
/// Escapes text for a Markdown table cell or paragraph: HTML-special characters as entities,
/// Markdown punctuation with a backslash, line breaks as spaces, other control characters,
/// bidirectional overrides and bytes that are not UTF-8 visible as escape_for_terminal shows them
/// (`\x1b`). One escaper for every Markdown the library and the CLI write (reports, `show`).
[[nodiscard]] SAMATTHANA_API std::string markdown_escape(std::string_view s);

}  // namespace samatthana
