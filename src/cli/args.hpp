#pragma once
// A small, strict argument parser for the samatthana command-line tool.
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "samatthana/error.hpp"

namespace samatthana::cli {

/// Thrown for bad command lines; main prints it with the usage hint and exits 2.
struct UsageError : Error {
  using Error::Error;
};

class Args {
 public:
  /// `flags` take no value; `options` take one (--name VALUE or --name=VALUE).
  Args(const std::vector<std::string>& argv, std::set<std::string> flags,
       std::set<std::string> options)
      : flags_(std::move(flags)), options_(std::move(options)) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
      const std::string& a = argv[i];
      if (a == "--") {
        for (++i; i < argv.size(); ++i) positional_.push_back(argv[i]);
        break;
      }
      if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && std::isdigit(static_cast<unsigned char>(a[1])))) {
        std::string name = a, value;
        bool has_value = false;
        if (auto eq = a.find('='); eq != std::string::npos) {
          name = a.substr(0, eq);
          value = a.substr(eq + 1);
          has_value = true;
        }
        if (flags_.count(name)) {
          if (has_value) throw UsageError("option " + name + " takes no value");
          set_.insert(name);
        } else if (options_.count(name)) {
          if (!has_value) {
            if (i + 1 >= argv.size()) throw UsageError("option " + name + " needs a value");
            value = argv[++i];
          }
          if (values_.count(name)) throw UsageError("option " + name + " given twice");
          values_[name] = value;
        } else {
          throw UsageError("unknown option " + name);
        }
      } else {
        positional_.push_back(a);
      }
    }
  }
  [[nodiscard]] bool flag(const std::string& name) const { return set_.count(name) > 0; }
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
    if (auto it = values_.find(name); it != values_.end()) return it->second;
    return std::nullopt;
  }
  [[nodiscard]] std::string get_or(const std::string& name, std::string dflt) const {
    return get(name).value_or(std::move(dflt));
  }
  /// The value of an option restricted to `choices`.
  [[nodiscard]] std::string choice(const std::string& name, const std::vector<std::string>& choices,
                                   const std::string& dflt) const {
    std::string v = get_or(name, dflt);
    for (const auto& c : choices)
      if (c == v) return v;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : "|") + c;
    throw UsageError("option " + name + " must be one of " + list + ", not '" + v + "'");
  }
  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::set<std::string> flags_, options_, set_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

/// Each subcommand: int run(const std::vector<std::string>& args, std::ostream& out).
using Command = int (*)(const std::vector<std::string>&, std::ostream&);

}  // namespace samatthana::cli

namespace samatthana::cli {

struct CommandInfo {
  const char* name;
  const char* summary;  ///< one line for `samatthana --help`
  Command run;
};
/// The registry of subcommands; each command file adds itself with a static Register object.
inline std::vector<CommandInfo>& commands() {
  static std::vector<CommandInfo> all;
  return all;
}
struct Register {
  Register(const char* name, const char* summary, Command run) {
    commands().push_back({name, summary, run});
  }
};

}  // namespace samatthana::cli
