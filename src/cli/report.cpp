// samatthana report: a person's appraisal sheet or the cohort overview, as HTML or Markdown.
#include <chrono>
#include <memory>
#include <ostream>

#include "appraisal_options.hpp"
#include "manifest_option.hpp"
#include "options.hpp"
#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Writes a report people read: --person ID gives that person's appraisal sheet (header, "
    "levels,\n"
    "gaps, points and evidence notes per competency, scores and band, a radar chart and the\n"
    "development plan to fill in, as on the BMA form); --cohort gives the overview (a heatmap of\n"
    "units x competencies, the level distribution, band counts, a table per unit). HTML is one\n"
    "self-contained file (inline CSS and SVG, no scripts) that prints on A4. See docs/reports.md.";

struct Args {
  std::string ratings, person, evidence, results, framework, profile, output, format = "html",
                                                                              digits;
  std::string
      activities;  ///< --activities: a catalogue whose activities fill the plan's method column
  std::string round = "today", title, organisation;
  std::string manifest;  ///< --manifest: the audit manifest whose line goes in the footer
  const CLI::Option* organisation_given =
      nullptr;  ///< whether --organisation was given (may be "")
  bool cohort = false;
  ScoringArgs scoring;
  AppraisalArgs appraisal;
};

text::AppraisalRound parse_round(const std::string& v) {
  if (v == "today") {
    const auto now = std::chrono::system_clock::now();
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
    return text::round_of(text::make_date(static_cast<int>(ymd.year()),
                                          static_cast<int>(static_cast<unsigned>(ymd.month())),
                                          static_cast<int>(static_cast<unsigned>(ymd.day()))));
  }
  const auto slash = v.find('/');
  if (slash == std::string::npos)
    throw UsageError("--round needs YEAR/N such as 2567/1, not '" + v + "'");
  try {
    const long long year = text::parse_int(v.substr(0, slash), "fiscal year");
    const long long n = text::parse_int(v.substr(slash + 1), "round");
    if (year < 2400)
      throw UsageError("--round: give the fiscal year in the Buddhist Era (2567), not '" + v + "'");
    return text::round(static_cast<int>(year), static_cast<int>(n));
  } catch (const ParseError&) {
    throw UsageError("--round needs YEAR/N such as 2567/1, not '" + v + "'");
  }
}

/// --activities: the catalogue's suggestions for the sheet's gaps (docs/activities.md).
void with_activities(const Args& a, const Framework& fw, PersonSheet& sheet) {
  if (a.activities.empty()) return;
  sheet.activities =
      suggest_activities(ActivityIndex(activity_catalogue(a.activities), fw), sheet.score);
}

std::string render(const Args& a, const ScoringOptions& opt,
                   const std::shared_ptr<const Framework>& fw,
                   const std::shared_ptr<const Profile>& prof, const ReportOptions& ro) {
  const RatingsTable ratings = load_ratings_csv(a.ratings, fw);
  std::optional<EvidenceTable> evidence;
  if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
  std::optional<ResultsTable> results;
  if (!a.results.empty()) results = load_results_csv(a.results);
  const bool html = a.format == "html";
  if (!a.person.empty() && !a.appraisal.kpis.empty()) {
    KpiRules rules;
    if (a.appraisal.kpi_weights_100) rules.weights = WeightSum::must_be_100;
    rules.dpis_rounding = opt.rules.dpis_rounding;
    PersonSheet sheet = make_person_sheet(ratings, a.person, prof, load_kpis(a.appraisal.kpis),
                                          input_ref(evidence), opt, rules);
    with_activities(a, *fw, sheet);
    return html ? person_sheet_html(sheet, ro) : person_sheet_markdown(sheet, ro);
  }
  if (!a.appraisal.kpis.empty()) results = kpi_results(a.appraisal, *prof, opt);
  if (!a.person.empty()) {
    PersonSheet sheet =
        make_person_sheet(ratings, a.person, prof,
                          {.evidence = input_ref(evidence), .results = input_ref(results)}, opt);
    with_activities(a, *fw, sheet);
    return html ? person_sheet_html(sheet, ro) : person_sheet_markdown(sheet, ro);
  }
  const CohortScores s = score_cohort(
      ratings, prof, {.evidence = input_ref(evidence), .results = input_ref(results)}, opt);
  // With results, the overview adds the 9-box grid and the calibration (docs/reports.md).
  CohortExtras x;
  if (s.has_results) {
    x.nine_box = nine_box(s, nine_box_options(a.appraisal));
    x.calibration = calibrate(s, ratings, calibration_options(a.appraisal, *prof));
  }
  return html ? cohort_overview_html(s, x, ro) : cohort_overview_markdown(s, x, ro);
}

/// --manifest: the footer line, after checking that each input the report reads and the
/// manifest records (by role) is the file the manifest hashed: a report must not carry the
/// manifest of another run (docs/audit.md).
std::string manifest_footer_for(const Args& a, text::Digits digits) {
  const Manifest m = load_manifest(a.manifest);
  const std::pair<InputRole, const std::string*> given[] = {{InputRole::ratings, &a.ratings},
                                                            {InputRole::evidence, &a.evidence},
                                                            {InputRole::results, &a.results},
                                                            {InputRole::kpis, &a.appraisal.kpis}};
  for (std::size_t i = 0; i < m.inputs.size(); ++i)
    for (const auto& [role, path] : given) {
      if (m.inputs[i].role != role || path->empty()) continue;
      const FileDigest now = digest_file(*path);
      if (now.sha256 == m.inputs[i].digest.sha256) continue;
      Location where;
      where.file = a.manifest;
      where.path = "$.inputs[" + std::to_string(i) + "].sha256";
      where.value = m.inputs[i].digest.sha256;
      throw ValidationError(*path + " is not the " + std::string(to_string(role)) +
                                " file this manifest records (its SHA-256 begins " +
                                now.sha256.substr(0, 16) +
                                "): give the manifest of the run that scored these inputs",
                            where);
    }
  return manifest_footer_line(a.manifest, digits);
}

void run(const Args& a, std::ostream& out) {
  if (a.person.empty() && !a.cohort)
    throw UsageError("give --person ID for a person's sheet or --cohort for the overview");
  const auto fw = framework_arg(a.framework);
  const auto prof = profile_arg(a.profile, *fw);
  prof->check(*fw);
  const ScoringOptions opt = scoring_options(a.scoring, *prof);
  ReportOptions ro;
  ro.digits = digits_of(a.digits);
  if (a.round != "none") ro.round = parse_round(a.round);
  if (a.organisation_given->count() > 0) ro.organisation = a.organisation;
  ro.title = a.title;
  // The sheet lists each rater's level (issue 16) unless --min-raters asks for anonymity.
  if (a.appraisal.min_raters_given && a.appraisal.min_raters_given->count() > 0)
    ro.min_raters_per_role = a.appraisal.min_raters;
  if (!a.manifest.empty()) ro.footer = manifest_footer_for(a, ro.digits);
  write_output(a.output, render(a, opt, fw, prof, ro), out);
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
  auto* person = app.add_option("--person", a->person, "the person's sheet")->type_name("ID");
  app.add_flag("--cohort", a->cohort, "the cohort overview")->excludes(person);
  app.add_option("--activities", a->activities,
                 "with --person: a development-activity catalogue (built-in id or file) whose "
                 "activities fill the plan's method column (docs/activities.md)")
      ->type_name("CATALOGUE")
      ->needs(person);
  add_output_option(app, a->output, "the report");
  app.add_option("--format", a->format, "html (default) or markdown")
      ->type_name("F")
      ->check(one_of({"html", "markdown", "md"}));
  app.add_option("--evidence", a->evidence,
                 "long evidence CSV: person_id, indicator_id, observation[, evidence]")
      ->type_name("FILE");
  auto* results =
      app.add_option(
             "--results", a->results,
             "results (KPI) CSV: person_id, results (0..100)[, other (0..100) under a scheme with "
             "an other part]")
          ->type_name("FILE");
  add_kpi_options(app, a->appraisal, results);
  add_calibration_options(app, a->appraisal);
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile,
                 "expected levels: bma, ocsc or a profile file (default: the framework's)")
      ->type_name("P");
  add_scoring_options(app, a->scoring);
  app.add_option(
         "--round", a->round,
         "appraisal round in the header: 2567/1 (fiscal year BE / round 1 or 2), today (the round "
         "containing today's date), or none (default: today)")
      ->type_name("R");
  add_digits_option(app, a->digits, "thai");
  a->organisation_given = app.add_option("--organisation", a->organisation,
                                         "first header line (default กรุงเทพมหานคร; \"\" for none)")
                              ->type_name("T")
                              ->check(utf8_text());
  app.add_option("--title", a->title, "the report's title")->type_name("T")->check(utf8_text());
  app.add_option(
         "--manifest", a->manifest,
         "the audit manifest of the published scores (score --manifest): its SHA-256 and "
         "round go in the footer; the inputs it records must be the ones given (docs/audit.md)")
      ->type_name("FILE");
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("report", "a person's appraisal sheet or the cohort overview (HTML or Markdown)",
                   setup);

}  // namespace
}  // namespace samatthana::cli
