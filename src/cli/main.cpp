// samatthana: the command-line front end. Errors go to stderr with a non-zero exit code:
// 1 for bad input data, 2 for a bad command line.
#include <algorithm>
#include <iostream>

#include "cli/args.hpp"
#include "cli/output.hpp"
#include "samatthana/samatthana.hpp"

namespace {

void usage(std::ostream& out) {
  auto cmds = samatthana::cli::commands();
  std::sort(cmds.begin(), cmds.end(),
            [](const auto& a, const auto& b) { return std::string_view(a.name) < b.name; });
  out << "samatthana " << samatthana::version
      << " — Thai civil-service competency frameworks (สมรรถนะ)\n\n"
         "usage: samatthana COMMAND [OPTIONS]\n\ncommands:\n";
  for (const auto& c : cmds) {
    std::string name = c.name;
    name.resize(10, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\n`samatthana COMMAND --help` explains a command.\n";
}

}  // namespace

int run_main(int argc, char** argv, std::ostream& cout);

/// Every command's output goes through one checked buffer; a failed write (full disk, closed
/// pipe) is reported at the end and the exit code is 1 even if the command itself succeeded.
int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  samatthana::cli::FdOutBuf buf(1);
  std::ostream out(&buf);
  int rc = run_main(argc, argv, out);
  out.flush();
  if (const int e = buf.finish()) {
    std::cerr << "samatthana: " << samatthana::cli::write_error_text(e) << "\n";
    if (rc == 0) rc = 1;
  }
  return rc;
}

int run_main(int argc, char** argv, std::ostream& cout) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? std::cerr : cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    cout << "samatthana " << samatthana::version << "\n";
    return 0;
  }
  for (const auto& c : samatthana::cli::commands()) {
    if (args[0] != c.name) continue;
    try {
      std::vector<std::string> rest(args.begin() + 1, args.end());
      const int rc = c.run(rest, cout);
      cout.flush();
      return rc;
    } catch (const samatthana::cli::UsageError& e) {
      std::cerr << "samatthana " << c.name << ": " << e.what() << "\n"
                << "Try `samatthana " << c.name << " --help`.\n";
      return 2;
    } catch (const samatthana::Error& e) {
      std::cerr << "samatthana " << c.name << ": error: " << e.what() << "\n";
      return 1;
    } catch (const std::exception& e) {
      std::cerr << "samatthana " << c.name << ": internal error: " << e.what() << "\n";
      return 3;
    }
  }
  std::cerr << "samatthana: unknown command '" << args[0] << "'\n\n";
  usage(std::cerr);
  return 2;
}
