// samatthana validate: check a framework or profile file against its JSON Schema and the
// library's own rules; print every problem located (docs/cli.md, docs/schemas.md).
#include <memory>
#include <ostream>
#include <sstream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"
#include "samatthana/validate.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Checks a framework or profile file against its JSON Schema (every problem) and the\n"
    "library's own rules (the first one broken), and prints each problem as\n"
    "FILE:LINE:COLUMN: $.path: message. Exit 0 when the file is valid, 1 when it is not.";

struct Args {
  std::string file, kind = "auto", format = "text";
};

FileKind kind_of(const std::string& k) {
  if (k == "framework") return FileKind::framework;
  if (k == "profile") return FileKind::profile;
  return FileKind::detect;
}

/// "file:3:14: $.a.b: message (value: "x")" on one line, escaped for the terminal.
std::string line_of(const Problem& p) {
  Location where = p.where;
  std::string s = where.str();
  if (where.byte_offset && where.line) {  // the line and column say it already
    where.byte_offset.reset();
    s = where.str();
  }
  s += (s.empty() ? "" : ": ") + p.message;
  if (!p.where.value.empty()) s += " (value: \"" + p.where.value + "\")";
  return escape_for_terminal(s, false) + "\n";
}

std::string problems_json(const std::string& file, const std::vector<Problem>& ps) {
  std::ostringstream o;
  o << "{\n  \"file\": " << json_string(file)
    << ",\n  \"valid\": " << (ps.empty() ? "true" : "false") << ",\n  \"problems\": [";
  bool first = true;
  for (const auto& p : ps) {
    o << (first ? "\n" : ",\n") << "    {\"source\": " << json_string(to_string(p.source))
      << ", \"path\": " << json_string(p.where.path) << ", \"line\": " << p.where.line
      << ", \"column\": " << p.where.column << ", \"message\": " << json_string(p.message)
      << ", \"value\": " << json_string(p.where.value) << "}";
    first = false;
  }
  o << (first ? "]\n}\n" : "\n  ]\n}\n");
  return o.str();
}

void run(const Args& a, std::ostream& out) {
  const auto problems = validate_file(a.file, kind_of(a.kind));
  if (a.format == "json") {
    out << problems_json(a.file, problems);
  } else {
    for (const auto& p : problems) out << line_of(p);
    if (problems.empty())
      out << escape_for_terminal(a.file, false) << ": valid\n";
    else
      out << escape_for_terminal(a.file, false) << ": " << problems.size()
          << (problems.size() == 1 ? " problem\n" : " problems\n");
  }
  if (!problems.empty()) throw Finished{static_cast<int>(Exit::bad_data)};
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("FILE", a->file, "the framework or profile file (JSON)")->required();
  app.add_option("--kind", a->kind, "framework, profile or auto (default: the file's \"format\")")
      ->type_name("K")
      ->check(one_of({"framework", "profile", "auto"}));
  app.add_option("--format", a->format, "text (default) or json")
      ->type_name("F")
      ->check(one_of({"text", "json"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("validate",
                   "check a framework or profile file: schema and rules, every problem located",
                   setup);

}  // namespace
}  // namespace samatthana::cli
