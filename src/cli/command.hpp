#pragma once
// The subcommands of the samatthana tool: each file registers one with its CLI11 options.
// Exit codes (docs/cli.md): 0 done, 1 bad input data, 2 bad command line, 3 internal error;
// a failed write of the output is 1 too.
#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace samatthana::cli {

/// A bad command line found after CLI11 parsed it (a value that needs the data to check, two
/// options that exclude each other); main prints it with the usage hint and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A command that printed its findings and ends with `code` (validate: 1 when the file has
/// problems); main prints nothing more.
struct Finished {
  int code;
};

/// What a command does once its options are parsed; writes its output to `out`.
using Runner = std::function<void(std::ostream& out)>;
/// Adds the command's options to its CLI11 subcommand; returns the runner bound to them.
using Setup = Runner (*)(CLI::App& app);

enum class Exit : int { ok = 0, bad_data = 1, usage = 2, internal = 3 };

struct CommandInfo {
  const char* name;
  const char* summary;  ///< one line for `samatthana --help`
  Setup setup;
};
/// The registry of subcommands; each command file adds itself with a static Register object.
inline std::vector<CommandInfo>& commands() {
  static std::vector<CommandInfo> all;
  return all;
}
struct Register {
  Register(const char* name, const char* summary, Setup setup) {
    commands().push_back({name, summary, setup});
  }
};

}  // namespace samatthana::cli
