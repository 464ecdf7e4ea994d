// samatthana verify: does a published score output still follow from the inputs and options its
// manifest recorded? (docs/audit.md)
#include <memory>
#include <ostream>

#include "manifest_option.hpp"
#include "options.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Reads MANIFEST (written by `samatthana score ... --manifest`), hashes every recorded input\n"
    "file again, reloads the framework and profile, scores again with the recorded options and\n"
    "compares the result and the published output file with the recorded SHA-256s. Exit 0: the\n"
    "published output follows from the recorded inputs; exit 1: what differs, located in the\n"
    "manifest. Recorded paths are relative to the manifest's folder. See docs/audit.md.";

struct Args {
  std::string manifest, format = "text";
};

std::string findings_json(const VerifyReport& r) {
  std::string s =
      "{\n  \"verified\": " + std::string(r.ok() ? "true" : "false") + ",\n  \"findings\": [";
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const VerifyFinding& f = r.findings[i];
    const char* status = f.status == VerifyFinding::Status::ok     ? "ok"
                         : f.status == VerifyFinding::Status::note ? "note"
                                                                   : "differs";
    s += std::string(i ? "," : "") + "\n    {\"status\": \"" + status +
         "\", \"subject\": " + json_string(f.subject) + ", \"path\": " + json_string(f.where.path) +
         ", \"message\": " + json_string(f.message) + "}";
  }
  s += r.findings.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return s;
}

void run(const Args& a, std::ostream& out) {
  const Manifest m = load_manifest(a.manifest);
  const VerifyReport r = verify_manifest(m, a.manifest);
  if (a.format == "json")
    out << findings_json(r);
  else
    out << verify_text(r);
  if (!r.ok()) throw Finished{static_cast<int>(Exit::bad_data)};
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("MANIFEST", a->manifest, "the manifest written by score --manifest")->required();
  app.add_option("--format", a->format, "text (default) or json")
      ->type_name("F")
      ->check(one_of({"text", "json"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("verify",
                   "check a published score output against its manifest: same inputs, same result",
                   setup);

}  // namespace
}  // namespace samatthana::cli
