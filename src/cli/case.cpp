// samatthana export / import: frameworks as IMS/1EdTech CASE 1.1 packages (docs/case.md).
#include <filesystem>
#include <memory>
#include <ostream>

#include "options.hpp"
#include "samatthana/case.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

struct ExportArgs {
  std::string framework, positional, format = "case", output;
};

void run_export(const ExportArgs& a, std::ostream& out) {
  if (!a.framework.empty() && !a.positional.empty())
    throw UsageError("give the framework once: either --framework or FRAMEWORK");
  const std::string which = a.positional.empty() ? a.framework : a.positional;
  if (which.empty()) throw UsageError("give the framework to export: a built-in id or a file");
  const auto fw = framework_arg(which, a.positional.empty() ? "--framework" : "FRAMEWORK");
  write_output(a.output, to_case_json(*fw), out);
}

Runner setup_export(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  app.footer(
      "Writes the framework as a CASE 1.1 CFPackage (JSON): CFDocument, CFItems, CFAssociations,\n"
      "CFRubrics, UUID v5 identifiers. `samatthana import` reads it back exactly.");
  app.add_option("FRAMEWORK", a->positional, "a built-in framework id or a framework file");
  app.add_option("--framework", a->framework, "the same as FRAMEWORK")->type_name("ID|FILE");
  app.add_option("--format", a->format, "case (the only format for now)")
      ->type_name("F")
      ->check(one_of({"case"}));
  add_output_option(app, a->output, "the package");
  return [a](std::ostream& out) { run_export(*a, out); };
}

struct ImportArgs {
  std::string file, output;
};

void run_import(const ImportArgs& a, std::ostream& out) {
  std::error_code ec;
  if (!std::filesystem::exists(a.file, ec))
    throw UsageError("FILE: no such file: '" + a.file + "'");
  const Framework fw = parse_case_json(read_file(a.file), a.file);
  write_output(a.output, to_json(fw), out);
}

Runner setup_import(CLI::App& app) {
  auto a = std::make_shared<ImportArgs>();
  app.footer(
      "Reads a CASE 1.1 CFPackage (JSON) and writes the framework as samatthana framework JSON\n"
      "(canonical). A package from `samatthana export` comes back exactly; others are read by\n"
      "their structure (docs/case.md).");
  app.add_option("FILE", a->file, "the CASE package (JSON)")->required();
  add_output_option(app, a->output, "the framework JSON");
  return [a](std::ostream& out) { run_import(*a, out); };
}

const Register reg_export("export", "write a framework as a CASE 1.1 package (JSON)", setup_export);
const Register reg_import("import", "read a CASE 1.1 package into framework JSON", setup_import);

}  // namespace
}  // namespace samatthana::cli
