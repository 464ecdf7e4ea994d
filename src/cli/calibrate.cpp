// samatthana calibrate: the checks before bands are released — the 9-box grid (results part
// against competency part, per unit) and the calibration (band distribution against caps, people
// at band edges, supervisors' leniency).
#include <memory>
#include <optional>
#include <ostream>

#include "appraisal_options.hpp"
#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Scores RATINGS.csv with its results (a results column, --results or --kpis) and writes the\n"
    "calibration: the band distribution of everyone and per unit against the profile's caps (or\n"
    "the --cap limits, which replace them), the people within --edge points above a band's "
    "minimum,\n"
    "per supervisor (rater_id of the supervisor rows) the mean total and gap against the unit's,\n"
    "flagged beyond --leniency, and with several raters each role's mean per person (peer and\n"
    "subordinate means withheld below --min-raters raters). --ninebox writes the 9-box grid\n"
    "instead (JSON, or CSV with one row per person). See docs/reports.md.";

struct Args {
  std::string ratings, evidence, results, framework, profile, output, format = "json";
  bool ninebox = false;
  ScoringArgs scoring;
  AppraisalArgs appraisal;
};

void run(const Args& a, std::ostream& out) {
  const auto fw = framework_arg(a.framework);
  const auto prof = profile_arg(a.profile, *fw);
  const ScoringOptions opt = scoring_options(a.scoring, *prof);
  if (!a.ninebox && a.format == "csv")
    throw UsageError("the calibration is written as JSON; CSV is for --ninebox");
  const NineBoxOptions nb = nine_box_options(a.appraisal);
  const CalibrationOptions co = calibration_options(a.appraisal, *prof);
  const RatingsTable ratings = load_ratings_csv(a.ratings, fw);
  std::optional<EvidenceTable> evidence;
  if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
  std::optional<ResultsTable> results = kpi_results(a.appraisal, *prof, opt);
  if (!a.results.empty()) results = load_results_csv(a.results);
  const CohortScores s = score_cohort(
      ratings, prof, {.evidence = input_ref(evidence), .results = input_ref(results)}, opt);
  if (a.ninebox) {
    const NineBox b = nine_box(s, nb);
    write_output(a.output, a.format == "csv" ? nine_box_csv(s, b) : nine_box_json(s, b), out);
    return;
  }
  write_output(a.output, calibration_json(s, calibrate(s, ratings, co)), out);
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
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
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile, "expected levels and bands: bma, ocsc or a profile file")
      ->type_name("P");
  add_scoring_options(app, a->scoring);
  app.add_flag("--ninebox", a->ninebox, "write the 9-box grid instead of the calibration");
  add_calibration_options(app, a->appraisal);
  add_output_option(app, a->output, "the calibration");
  app.add_option("--format", a->format, "json (default) or csv (--ninebox only)")
      ->type_name("F")
      ->check(one_of({"json", "csv"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg(
    "calibrate",
    "calibration before release: band caps, band edges, rater leniency, the 9-box grid", setup);

}  // namespace
}  // namespace samatthana::cli
