// samatthana: the command-line front end, on CLI11. Exit codes (docs/cli.md): 0 done, 1 bad
// input data (or a failed write of the output), 2 bad command line, 3 internal error. Everything
// printed for people goes through escape_for_terminal; the output is checked at the end.
#include <algorithm>
#include <iostream>
#include <string_view>

#include "command.hpp"
#include "options.hpp"
#include "output.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr std::string_view kTool = "samatthana";

/// The whole message of a library error — std::exception::what() would stop at a NUL byte in
/// an offending value — made safe for the terminal, on one line.
std::string full_message(const Error& e) {
  std::string s = e.where().str();
  if (!s.empty()) s += ": ";
  s += e.message();
  if (!e.where().value.empty()) s += " (value: \"" + e.where().value + "\")";
  return escape_for_terminal(s, false);
}

std::string prefix(const CLI::App* cmd) {
  return cmd ? std::string(kTool) + " " + cmd->get_name() : std::string(kTool);
}

int usage_error(const CLI::App* cmd, std::string_view message) {
  std::cerr << prefix(cmd) << ": " << escape_for_terminal(message, false) << "\n"
            << "Try `" << prefix(cmd) << " --help`.\n";
  return static_cast<int>(Exit::usage);
}

/// Runs the chosen command, turning exceptions into messages and exit codes.
int run_command(const CLI::App& cmd, const Runner& runner, std::ostream& out) {
  try {
    runner(out);
    return static_cast<int>(Exit::ok);
  } catch (const Finished& f) {
    return f.code;
  } catch (const UsageError& e) {
    return usage_error(&cmd, e.what());
  } catch (const ImportErrors& e) {  // --all-errors: every error, one a line
    print_import_errors(std::cerr, prefix(&cmd), e);
    return static_cast<int>(Exit::bad_data);
  } catch (const Error& e) {
    std::cerr << prefix(&cmd) << ": error: " << full_message(e) << "\n";
    return static_cast<int>(Exit::bad_data);
  } catch (const std::exception& e) {
    std::cerr << prefix(&cmd) << ": internal error: " << escape_for_terminal(e.what(), false)
              << "\n";
    return static_cast<int>(Exit::internal);
  }
}

bool known_command(std::string_view name) {
  return std::any_of(commands().begin(), commands().end(),
                     [&](const CommandInfo& c) { return name == c.name; });
}

int run_main(int argc, char** argv, std::ostream& out) {
  CLI::App app(
      std::string(kTool) + " " + version + " — Thai civil-service competency frameworks (สมรรถนะ)",
      std::string(kTool));
  app.set_version_flag("--version", std::string(kTool) + " " + version);
  app.footer("`samatthana COMMAND --help` explains a command.");
  app.require_subcommand(1);
  app.get_formatter()->column_width(14);  // command names are short (diff-scores is the longest)
  auto cmds = commands();
  std::sort(cmds.begin(), cmds.end(),
            [](const auto& a, const auto& b) { return std::string_view(a.name) < b.name; });
  std::vector<std::pair<CLI::App*, Runner>> subs;
  for (const auto& c : cmds) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    auto fmt = std::make_shared<CLI::Formatter>();
    fmt->column_width(24);
    sub->formatter(fmt);
    subs.emplace_back(sub, c.setup(*sub));
  }
  const std::string_view first = argc > 1 ? argv[1] : "";
  if (argc < 2) {
    std::cerr << app.help();
    return static_cast<int>(Exit::usage);
  }
  if (first == "help") {
    out << app.help();
    return static_cast<int>(Exit::ok);
  }
  if (!first.empty() && first[0] != '-' && !known_command(first)) {
    std::cerr << kTool << ": unknown command '" << escape_for_terminal(first, false) << "'\n\n"
              << app.help();
    return static_cast<int>(Exit::usage);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e, out, std::cerr);
  } catch (const CLI::ParseError& e) {
    const auto chosen = app.get_subcommands();
    return usage_error(chosen.empty() ? nullptr : chosen.front(), e.what());
  }
  for (const auto& [sub, runner] : subs)
    if (sub->parsed()) return run_command(*sub, runner, out);
  return usage_error(nullptr, "give a command");
}

}  // namespace
}  // namespace samatthana::cli

/// Every command's output goes through one checked buffer; a failed write (full disk, closed
/// pipe) is reported at the end and the exit code is 1 even if the command itself succeeded.
int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  samatthana::cli::FdOutBuf buf(1);
  std::ostream out(&buf);
  int rc = samatthana::cli::run_main(argc, argv, out);
  out.flush();
  if (const int e = buf.finish()) {
    std::cerr << "samatthana: " << samatthana::cli::write_error_text(e) << "\n";
    if (rc == 0) rc = 1;
  }
  return rc;
}
