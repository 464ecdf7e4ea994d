// samatthana report: a person's appraisal sheet or the cohort overview, as HTML or Markdown.
#include <chrono>
#include <ostream>

#include "cli/args.hpp"
#include "cli/scoring_args.hpp"
#include "io/csv.hpp"
#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana report RATINGS.csv (--person ID | --cohort) [-o OUT] [--format html|markdown]\n"
    "                         [--evidence EVIDENCE.csv] [--results RESULTS.csv]\n"
    "                         [--framework ID|FILE] [--profile bma|ocsc|FILE]\n"
    "                         [--method bma|bar|rating|ratio] [--weight 30]\n"
    "                         [--policy auto|strict|threshold|rated] [--threshold 0.5]\n"
    "                         [--missing error|zero] [--raters supervisor|weighted ...]\n"
    "                         [--round YEAR/N | --round today | --round none]\n"
    "                         [--digits thai|arabic] [--organisation TEXT] [--title TEXT]\n\n"
    "Writes a report people read: --person ID gives that person's appraisal sheet (header, levels,\n"
    "gaps, points and evidence notes per competency, scores and band, a radar chart and the\n"
    "development plan to fill in, as on the BMA form); --cohort gives the overview (a heatmap of\n"
    "units x competencies, the level distribution, band counts, a table per unit). HTML is one\n"
    "self-contained file (inline CSS and SVG, no scripts) that prints on A4. See docs/reports.md.\n\n"
    "  --person ID        the person's sheet\n"
    "  --cohort           the cohort overview\n"
    "  -o OUT             write to OUT (else standard output)\n"
    "  --format F         html (default) or markdown\n"
    "  --round R          appraisal round in the header: 2567/1 (fiscal year BE / round 1 or 2),\n"
    "                     today (the round containing today's date), or none (default: today)\n"
    "  --digits D         thai (default) or arabic numerals\n"
    "  --organisation T   first header line (default กรุงเทพมหานคร; \"\" for none)\n"
    "  --title T          the report's title\n"
    "%LEVELS%"
    "  other options      as for `samatthana score`\n";

text::AppraisalRound parse_round(const std::string& v) {
  if (v == "today") {
    const auto now = std::chrono::system_clock::now();
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
    return text::round_of(text::make_date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                                          static_cast<int>(static_cast<unsigned>(ymd.day()))));
  }
  const auto slash = v.find('/');
  if (slash == std::string::npos) throw UsageError("--round needs YEAR/N such as 2567/1, not '" + v + "'");
  try {
    const long long year = text::parse_int(v.substr(0, slash), "fiscal year");
    const long long n = text::parse_int(v.substr(slash + 1), "round");
    if (year < 2400) throw UsageError("--round: give the fiscal year in the Buddhist Era (2567), not '" + v + "'");
    return text::round(static_cast<int>(year), static_cast<int>(n));
  } catch (const ParseError&) {
    throw UsageError("--round needs YEAR/N such as 2567/1, not '" + v + "'");
  }
}

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h", "--cohort", "--no-ratio-cap", "--no-dpis-rounding"},
         with_level_options({"--person", "--evidence", "--results", "--framework", "--profile", "--method",
                             "--weight", "-o", "--output", "--format", "--digits", "--round", "--organisation",
                             "--title"}));
  if (a.flag("--help") || a.flag("-h")) {
    print_help(out, kHelp);
    return 0;
  }
  if (a.positional().size() != 1) throw UsageError("give one ratings file");
  const auto person = a.get("--person");
  if (!person && !a.flag("--cohort")) throw UsageError("give --person ID for a person's sheet or --cohort for the overview");
  if (person && a.flag("--cohort")) throw UsageError("give --person or --cohort, not both");
  const auto fw = framework(a.get_or("--framework", "bma-core-2550"));
  const auto prof = a.get("--profile") ? profile(*a.get("--profile")) : default_profile(*fw);
  prof->check(*fw);

  const ScoringOptions opt = scoring_options(a, *prof);
  const std::string format = a.choice("--format", {"html", "markdown", "md"}, "html");

  ReportOptions ro;
  ro.digits = digits_option(a, "thai");
  if (const std::string r = a.get_or("--round", "today"); r != "none") ro.round = parse_round(r);
  if (auto org = a.get("--organisation")) ro.organisation = *org;
  if (auto t = a.get("--title")) ro.title = *t;
  const std::optional<std::string> output = output_path(a);

  const RatingsTable ratings = load_ratings_csv(a.positional()[0], fw);
  std::optional<EvidenceTable> evidence;
  if (auto e = a.get("--evidence")) evidence = load_evidence_csv(*e, *fw);
  std::optional<ResultsTable> results;
  if (auto r = a.get("--results")) results = load_results_csv(*r);

  std::string text;
  if (person) {
    const PersonSheet sheet = make_person_sheet(ratings, evidence ? &*evidence : nullptr,
                                                results ? &*results : nullptr, *person, prof, opt);
    text = format == "html" ? person_sheet_html(sheet, ro) : person_sheet_markdown(sheet, ro);
  } else {
    const CohortScores s = score_cohort(ratings, evidence ? &*evidence : nullptr, results ? &*results : nullptr, prof, opt);
    text = format == "html" ? cohort_overview_html(s, ro) : cohort_overview_markdown(s, ro);
  }
  if (output) write_file_atomic(*output, text);
  else out << text;
  return 0;
}

const Register reg("report", "a person's appraisal sheet or the cohort overview (HTML or Markdown)", run);

}  // namespace
}  // namespace samatthana::cli
