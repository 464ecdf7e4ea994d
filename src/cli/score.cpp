// samatthana score: score a cohort's ratings (and evidence, results) against expected levels.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <ostream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Scores the competency part of an appraisal for everyone in RATINGS.csv (one row per person:\n"
    "person_id, name, unit, position, then one level column per competency, named by id, DPIS\n"
    "code or Thai name; with a rater_role column, one row per rater). Held levels come from the\n"
    "supervisor's rating, or from the indicator evidence when a cell is empty (strict cumulative\n"
    "rule); expected levels from the profile. See docs/scoring.md.";

struct Args {
  std::string ratings, evidence, results, kpis, framework, profile, output, format, digits;
  bool summary = false;
  bool kpi_weights_100 = false;
  ScoringArgs scoring;
};

/// A progress bar on stderr for large files, only when stderr is a terminal.
struct ProgressBar {
  bool on = false;
  void operator()(const char* stage, std::size_t done, std::size_t total) const {
    if (!on) return;
    const int pct = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100;
    const int bars = pct / 5;
    std::fprintf(stderr, "\r%-18s [%-20.*s] %3d%%", stage, bars, "####################", pct);
    if (done >= total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }
};

void run(const Args& a, std::ostream& out) {
  const auto fw = framework_arg(a.framework);
  const auto prof = profile_arg(a.profile, *fw);
  const ScoringOptions opt = scoring_options(a.scoring, *prof);

  const std::string bytes = read_table_file(a.ratings);
  ProgressBar bar;
  bar.on = ::isatty(2) == 1 && std::count(bytes.begin(), bytes.end(), '\n') > 100000;
  RatingsTable ratings = read_ratings_csv(bytes, fw, a.ratings, [&](std::size_t d, std::size_t t) {
    bar("reading ratings", d, t);
  });
  std::optional<EvidenceTable> evidence;
  if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
  std::optional<ResultsTable> results;
  if (!a.results.empty() && !a.kpis.empty())
    throw UsageError("--results and --kpis both give the results part: give one of them");  // CLI11 excludes, too
  if (!a.results.empty()) results = load_results_csv(a.results);
  if (!a.kpis.empty()) {
    KpiRules rules;
    if (a.kpi_weights_100) rules.weights = WeightSum::must_be_100;
    rules.dpis_rounding = opt.rules.dpis_rounding;
    results = results_table(load_kpis(a.kpis), prof->scheme(), rules);
  }
  bar("scoring", 0, 1);
  const CohortScores s = score_cohort(ratings, evidence ? &*evidence : nullptr, results ? &*results : nullptr, prof, opt);
  bar("scoring", 1, 1);

  const bool write_scores = !a.output.empty() || !a.summary || !a.format.empty();
  if (write_scores) output_scores(a.output, a.format, s, out);
  if (a.summary) {
    if (write_scores && a.output.empty()) out << "\n";
    out << escape_for_terminal(summary_text(s, digits_of(a.digits)));
  }
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
  app.add_option("--evidence", a->evidence, "long evidence CSV: person_id, indicator_id, observation[, evidence]")
      ->type_name("FILE");
  app.add_option("--results", a->results, "results (KPI) CSV: person_id, results (0..100); adds total and band")
      ->type_name("FILE");
  app.add_option("--kpis", a->kpis,
                 "performance agreements (long CSV or JSON: person_id, kpi_id, name, weight, "
                 "target_1..target_5, achieved): the results part by DPIS's formula; adds total and band")
      ->type_name("FILE");
  app.add_flag("--kpi-weights-100", a->kpi_weights_100,
               "with --kpis: each person's KPI weights must sum to 100 (DPIS divides by their sum)");
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile, "expected levels: bma, ocsc or a profile file (default: the framework's)")
      ->type_name("P");
  add_scoring_options(app, a->scoring);
  add_output_option(app, a->output, "the scores");
  app.add_option("--format", a->format,
                 "csv (default; UTF-8 with BOM), json, table or xlsx (also when -o ends in .xlsx)")
      ->type_name("F")
      ->check(one_of({"csv", "json", "table", "xlsx"}));
  app.add_flag("--summary", a->summary, "print the cohort summary in Thai (by unit and by position)");
  add_digits_option(app, a->digits, "arabic")->description("digits of the summary: arabic (default) or thai");
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("score", "score a cohort: held and expected levels, gaps, points, totals, bands", setup);

}  // namespace
}  // namespace samatthana::cli
