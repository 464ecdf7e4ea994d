// samatthana plan: one person's development targets (IDP) in Thai.
#include <memory>
#include <ostream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Prints one person's development plan in Thai: per competency the level shown, the level\n"
    "expected and the gap, why that level (rating or evidence, missing indicators, evidence above\n"
    "a gap, a rating that disagrees with the evidence), and the targets: the indicators of the\n"
    "levels between shown and expected, or the next level's as a stretch target.";

struct Args {
  std::string ratings, person, evidence, framework, profile, digits;
  LevelArgs levels;
};

void run(const Args& a, std::ostream& out) {
  const auto fw = framework_arg(a.framework);
  const auto prof = profile_arg(a.profile, *fw);
  prof->check(*fw);
  ScoringOptions opt;
  opt.rules.method = prof->data().method.value_or(Method::bma);
  opt.rules.weight = prof->scheme().competency_weight;
  apply_level_options(a.levels, opt);
  const RatingsTable ratings = load_ratings_csv(a.ratings, fw);
  std::optional<EvidenceTable> evidence;
  if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
  const Assessment as = assessment_of(ratings, evidence ? &*evidence : nullptr, a.person);
  const PersonScore ps = score_person(*fw, *prof, as, opt);
  out << escape_for_terminal(plan_text(*fw, ps, digits_of(a.digits)));
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
  app.add_option("--person", a->person, "the person's id")->type_name("ID")->required();
  app.add_option("--evidence", a->evidence, "long evidence CSV: person_id, indicator_id, observation[, evidence]")
      ->type_name("FILE");
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile, "expected levels: bma, ocsc or a profile file (default: the framework's)")
      ->type_name("P");
  add_level_options(app, a->levels);
  add_digits_option(app, a->digits, "thai");
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("plan", "one person's development targets (IDP) in Thai", setup);

}  // namespace
}  // namespace samatthana::cli
