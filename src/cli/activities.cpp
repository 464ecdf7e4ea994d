// samatthana activities: a development-activity catalogue checked against a framework and listed
// per competency and level, in Thai (docs/activities.md).
#include <memory>
#include <ostream>
#include <sstream>

#include "options.hpp"
#include "output.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Checks a development-activity catalogue against a framework and lists its activities per\n"
    "competency and level. CATALOGUE is a built-in id (dpis-tisi-guide, a sample) or a file: CSV\n"
    "(UTF-8, UTF-16 or cp874 with --encoding) or .xlsx with the columns competency, level, title\n"
    "[, description, details, source], or JSON. `samatthana plan --activities CATALOGUE` suggests\n"
    "them in a person's plan. Exit 1 when the catalogue does not fit the framework.";

struct Args {
  std::string catalogue, framework, digits, competency;
  bool framework_given = false;
  bool descriptions = false;
};

void list(const Args& a, std::ostream& out) {
  const ActivityCatalogue loaded = activity_catalogue(a.catalogue);
  // Without --framework: the first framework the catalogue is for, else the default.
  const auto fw = framework_arg(
      !a.framework_given && !loaded.frameworks.empty() ? loaded.frameworks.front() : a.framework);
  const ActivityIndex index(loaded, *fw);
  const text::Digits d = digits_of(a.digits);
  const auto n = [&](long long v) { return text::with_digits(std::to_string(v), d); };
  const ActivityCatalogue& cat = index.catalogue();
  out << (cat.name.th.empty() ? cat.file : cat.name.th) << "\n";
  if (!cat.source.empty()) out << "ที่มา: " << cat.source << "\n";
  if (!cat.warning.empty()) out << "หมายเหตุ: " << cat.warning << "\n";
  out << "กรอบสมรรถนะ " << fw->id() << ": " << n(static_cast<long long>(index.size()))
      << " กิจกรรม\n";
  std::optional<std::size_t> only;
  if (!a.competency.empty()) only = fw->find(a.competency);
  if (!a.competency.empty() && !only)
    throw UsageError("--competency: not a competency of " + fw->id());
  for (std::size_t j = 0; j < fw->size(); ++j) {
    if (only && *only != j) continue;
    const Competency& c = fw->competencies()[j];
    out << "\n" << c.name.th << " (" << c.id << ")\n";
    for (int k = 1; k <= c.max_level(); ++k) {
      const auto acts = index.at(j, k);
      out << "  ระดับ " << n(k) << (acts.empty() ? ": —" : "") << "\n";
      for (const Activity& act : acts) {
        out << "    • " << act.title << "\n";
        if (!a.descriptions) continue;
        std::size_t b = 0;
        while (b < act.description.size()) {
          const std::size_t e = std::min(act.description.find('\n', b), act.description.size());
          if (e > b) out << "        " << act.description.substr(b, e - b) << "\n";
          b = e + 1;
        }
      }
    }
  }
}

void run(const Args& a, std::ostream& out) {
  std::ostringstream text;  // catalogue text is the user's: shown safe for the terminal
  list(a, text);
  out << escape_for_terminal(text.str());
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("CATALOGUE", a->catalogue, "built-in id or file")->required();
  CLI::Option* fw = add_framework_option(app, a->framework);
  fw->description(
      "a built-in framework id or a framework JSON file (default: the catalogue's first "
      "framework, else bma-core-2550)");
  app.add_option("--competency", a->competency, "only this competency (id, code or name)")
      ->type_name("C");
  app.add_flag("--descriptions", a->descriptions, "print each activity's description too");
  add_input_options(app);
  add_digits_option(app, a->digits, "thai");
  return [a, fw](std::ostream& out) {
    a->framework_given = fw->count() > 0;
    run(*a, out);
  };
}

const Register reg("activities", "check and list a development-activity catalogue", setup);

}  // namespace
}  // namespace samatthana::cli
