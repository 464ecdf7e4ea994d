// samatthana plan: one person's development targets (IDP) in Thai.
#include <ostream>

#include "cli/args.hpp"
#include "cli/scoring_args.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana plan RATINGS.csv --person ID [--evidence EVIDENCE.csv]\n"
    "                       [--framework ID|FILE] [--profile bma|ocsc|FILE]\n"
    "                       [--policy auto|strict|threshold|rated] [--threshold 0.5]\n"
    "                       [--missing error|zero] [--digits thai|arabic]\n"
    "                       [--raters supervisor|weighted [--rater-weights W] [--rater-rounding R]]\n\n"
    "Prints one person's development plan in Thai: per competency the level shown, the level\n"
    "expected and the gap, why that level (rating or evidence, missing indicators, evidence above\n"
    "a gap, a rating that disagrees with the evidence), and the targets: the indicators of the\n"
    "levels between shown and expected, or the next level's as a stretch target.\n\n"
    "%LEVELS%";

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h"},
         with_level_options({"--person", "--evidence", "--framework", "--profile", "--digits"}));
  if (a.flag("--help") || a.flag("-h")) {
    print_help(out, kHelp);
    return 0;
  }
  if (a.positional().size() != 1) throw UsageError("give one ratings file");
  const auto person = a.get("--person");
  if (!person) throw UsageError("give the person with --person ID");
  const auto fw = framework(a.get_or("--framework", "bma-core-2550"));
  const auto prof = a.get("--profile") ? profile(*a.get("--profile")) : default_profile(*fw);
  prof->check(*fw);
  ScoringOptions opt;
  opt.rules.method = prof->data().method.value_or(Method::bma);
  opt.rules.weight = prof->scheme().competency_weight;
  level_options(a, opt);
  const auto digits = a.choice("--digits", {"thai", "arabic"}, "thai") == "thai" ? text::Digits::thai
                                                                                 : text::Digits::arabic;
  const RatingsTable ratings = load_ratings_csv(a.positional()[0], fw);
  std::optional<EvidenceTable> evidence;
  if (auto e = a.get("--evidence")) evidence = load_evidence_csv(*e, *fw);
  const Assessment as = assessment_of(ratings, evidence ? &*evidence : nullptr, *person);
  const PersonScore ps = score_person(*fw, *prof, as, opt);
  out << plan_text(*fw, ps, digits);
  return 0;
}

const Register reg("plan", "one person's development targets (IDP) in Thai", run);

}  // namespace
}  // namespace samatthana::cli
