// samatthana diff-scores: who changed band, total, competency score or a held level between two
// published score outputs, and (given their manifests) which input or option differs.
#include <memory>
#include <ostream>

#include "manifest_option.hpp"
#include "options.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "A and B are score outputs as `samatthana score` writes them (CSV, JSON or .xlsx). People are\n"
    "paired by person_id; totals and scores are compared at the published two decimals. With\n"
    "--manifest-a and --manifest-b (written by score --manifest) it also lists what differs\n"
    "between the two runs: input files (by content), framework, profile, options, library\n"
    "version, round. Exit 0 either way. See docs/audit.md.";

struct Args {
  std::string a, b, manifest_a, manifest_b, output, format = "text", digits;
};

void run(const Args& args, std::ostream& out) {
  ScoresDiff d = diff_scores(load_published_scores(args.a), load_published_scores(args.b));
  if (!args.manifest_a.empty())
    d.causes = compare_manifests(load_manifest(args.manifest_a), load_manifest(args.manifest_b));
  const std::string text = args.format == "json"  ? scores_diff_json(d)
                           : args.format == "csv" ? scores_diff_csv(d)
                                                  : scores_diff_text(d, digits_of(args.digits));
  const bool to_terminal = args.output.empty() && args.format == "text";
  write_output(args.output, to_terminal ? escape_for_terminal(text) : text, out);
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("A", a->a, "the earlier score output")->required();
  app.add_option("B", a->b, "the later score output")->required();
  auto* ma = app.add_option("--manifest-a", a->manifest_a, "A's manifest")->type_name("FILE");
  auto* mb = app.add_option("--manifest-b", a->manifest_b, "B's manifest")->type_name("FILE");
  ma->needs(mb);
  mb->needs(ma);
  app.add_option("--format", a->format, "text (Thai; default), csv or json")
      ->type_name("F")
      ->check(one_of({"text", "csv", "json"}));
  add_digits_option(app, a->digits, "arabic")
      ->description("digits of the text: arabic (default) or thai");
  add_output_option(app, a->output, "the differences");
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("diff-scores",
                   "who changed band, total or level between two score outputs, and why", setup);

}  // namespace
}  // namespace samatthana::cli
