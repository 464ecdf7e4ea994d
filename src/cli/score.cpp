// samatthana score: score a cohort's ratings (and evidence, results) against expected levels.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <ostream>

#include "cli/args.hpp"
#include "cli/scoring_args.hpp"
#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana score RATINGS.csv [--evidence EVIDENCE.csv] [--results RESULTS.csv]\n"
    "                        [--framework ID|FILE] [--profile bma|ocsc|FILE]\n"
    "                        [--method bma|bar|rating|ratio] [--weight 30]\n"
    "                        [--policy auto|strict|threshold|rated] [--threshold 0.5]\n"
    "                        [--missing error|zero] [--no-ratio-cap] [--no-dpis-rounding]\n"
    "                        [--raters supervisor|weighted [--rater-weights W] [--rater-rounding R]]\n"
    "                        [-o OUT] [--format csv|json|table] [--summary] [--digits thai|arabic]\n\n"
    "Scores the competency part of an appraisal for everyone in RATINGS.csv (one row per person:\n"
    "person_id, name, unit, position, then one level column per competency, named by id, DPIS\n"
    "code or Thai name; with a rater_role column, one row per rater). Held levels come from the\n"
    "supervisor's rating, or from the indicator evidence when a cell is empty (strict cumulative\n"
    "rule); expected levels from the profile. See docs/scoring.md.\n\n"
    "  --evidence FILE    long evidence CSV: person_id, indicator_id, observation[, evidence]\n"
    "  --results FILE     results (KPI) CSV: person_id, results (0..100); adds total and band\n"
    "  --framework ID     built-in framework id or file (default bma-core-2550)\n"
    "  --profile P        expected levels: bma, ocsc or a profile file (default: the one made for\n"
    "                     the framework)\n"
    "  --method M         bma (default for BMA), bar, rating or ratio\n"
    "  --weight W         weight of the competency part (default: the profile's, BMA 30)\n"
    "%LEVELS%"
    "  --no-ratio-cap     ratio method: do not cap at the part weight (as DPIS)\n"
    "  --no-dpis-rounding keep unrounded part scores\n"
    "  -o OUT             write the scores to OUT (else standard output)\n"
    "  --format F         csv (default; UTF-8 with BOM), json or table\n"
    "  --summary          print the cohort summary in Thai (by unit and by position)\n"
    "  --digits D         digits of the summary: arabic (default) or thai\n";

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

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h", "--summary", "--no-ratio-cap", "--no-dpis-rounding"},
         with_level_options({"--evidence", "--results", "--framework", "--profile", "--method", "--weight", "-o",
                             "--output", "--format", "--digits"}));
  if (a.flag("--help") || a.flag("-h")) {
    print_help(out, kHelp);
    return 0;
  }
  if (a.positional().size() != 1) throw UsageError("give one ratings file");
  const auto fw = framework(a.get_or("--framework", "bma-core-2550"));
  const auto prof = a.get("--profile") ? profile(*a.get("--profile")) : default_profile(*fw);

  const ScoringOptions opt = scoring_options(a, *prof);
  const std::string format = a.choice("--format", {"csv", "json", "table"}, "csv");
  const auto digits = digits_option(a, "arabic");
  const std::optional<std::string> output = output_path(a);

  const std::string path = a.positional()[0];
  const std::string bytes = read_file(path);
  ProgressBar bar;
  bar.on = std::count(bytes.begin(), bytes.end(), '\n') > 100000;
  RatingsTable ratings = read_ratings_csv(bytes, fw, path, [&](std::size_t d, std::size_t t) {
    bar("reading ratings", d, t);
  });
  std::optional<EvidenceTable> evidence;
  if (auto e = a.get("--evidence")) evidence = load_evidence_csv(*e, *fw);
  std::optional<ResultsTable> results;
  if (auto r = a.get("--results")) results = load_results_csv(*r);
  bar("scoring", 0, 1);
  const CohortScores s = score_cohort(ratings, evidence ? &*evidence : nullptr,
                                      results ? &*results : nullptr, prof, opt);
  bar("scoring", 1, 1);

  const bool write_scores = output.has_value() || !a.flag("--summary") || a.get("--format");
  if (write_scores) {
    std::string text = format == "json" ? scores_json(s) : format == "table" ? scores_table(s) : scores_csv(s);
    if (output) write_file_atomic(*output, text);
    else out << text;
  }
  if (a.flag("--summary")) {
    if (write_scores && !output) out << "\n";
    out << summary_text(s, digits);
  }
  return 0;
}

const Register reg("score", "score a cohort: held and expected levels, gaps, points, totals, bands", run);

}  // namespace
}  // namespace samatthana::cli
