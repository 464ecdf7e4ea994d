#pragma once
// Options shared by the commands that score a cohort (score, report): one parser, one meaning.
#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>
#include <string>

#include "cli/args.hpp"
#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

/// A command's own options plus the held-level options every scoring command shares.
inline std::set<std::string> with_level_options(std::set<std::string> own) {
  own.insert({"--policy", "--threshold", "--missing", "--raters", "--rater-weights", "--rater-rounding"});
  return own;
}

/// Help lines for the held-level options.
constexpr const char* kLevelHelp =
    "  --policy P         held level: auto (rating, else evidence), strict, threshold, rated\n"
    "  --threshold S      share of a level's indicators for --policy threshold (default 0.5)\n"
    "  --missing M        a competency with no rating and no evidence: error (default) or zero\n"
    "  --raters R         files with a rater_role column: supervisor (default; the BMA counts the\n"
    "                     supervisor's rating) or weighted (every rater, combined by role)\n"
    "  --rater-weights W  weighted raters: role=weight list (default\n"
    "                     supervisor=50,self=10,peer=20,subordinate=20; Thai role names work too)\n"
    "  --rater-rounding R weighted mean to a level: nearest (default; halves up) or down\n";

/// Prints a command's help, its "%LEVELS%" replaced by kLevelHelp.
inline void print_help(std::ostream& out, std::string_view help) {
  const std::size_t at = help.find("%LEVELS%");
  if (at == std::string_view::npos) {
    out << help;
    return;
  }
  out << help.substr(0, at) << kLevelHelp << help.substr(at + 8);
}

/// --rater-weights "supervisor=50,self=10,peer=20,subordinate=20": roles not named weigh 0.
inline RaterWeights parse_rater_weights(const std::string& spec) {
  RaterWeights w{0, 0, 0, 0};
  bool seen[4] = {false, false, false, false};
  std::size_t at = 0;
  double sum = 0;
  while (at <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', at), spec.size());
    const std::string item = spec.substr(at, comma - at);
    at = comma + 1;
    if (item.find_first_not_of(' ') == std::string::npos) {
      if (comma == spec.size()) break;
      continue;
    }
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos)
      throw UsageError("--rater-weights: write role=weight, not '" + item + "'");
    const auto role = rater_role_from_string(item.substr(0, eq));
    if (!role)
      throw UsageError("--rater-weights: '" + item.substr(0, eq) +
                       "' is not a rater role (supervisor, self, peer, subordinate)");
    double v;
    if (!detail::parse_decimal(item.substr(eq + 1), v) || !(v >= 0) || !std::isfinite(v))
      throw UsageError("--rater-weights: the weight of " + std::string(to_string(*role)) +
                       " must be a number ≥ 0, not '" + item.substr(eq + 1) + "'");
    const auto i = static_cast<std::size_t>(*role);
    if (seen[i]) throw UsageError("--rater-weights: " + std::string(to_string(*role)) + " given twice");
    seen[i] = true;
    (i == 0 ? w.supervisor : i == 1 ? w.self : i == 2 ? w.peer : w.subordinate) = v;
    sum += v;
    if (comma == spec.size()) break;
  }
  if (!(sum > 0)) throw UsageError("--rater-weights: give at least one role a weight above 0");
  return w;
}

/// The held-level options into `opt`.
inline void level_options(const Args& a, ScoringOptions& opt) {
  opt.levels.policy = *level_policy_from_string(
      a.choice("--policy", {"auto", "strict", "threshold", "rated"}, "auto"));
  if (auto t = a.get("--threshold")) {
    double v;
    if (!detail::parse_decimal(*t, v) || !(v > 0 && v <= 1))
      throw UsageError("--threshold needs a share in (0, 1], not '" + *t + "'");
    opt.levels.threshold = v;
  }
  opt.missing = a.choice("--missing", {"error", "zero"}, "error") == "zero" ? MissingPolicy::zero
                                                                            : MissingPolicy::error;
  opt.levels.raters = a.choice("--raters", {"supervisor", "weighted"}, "supervisor") == "weighted"
                          ? RaterMode::weighted
                          : RaterMode::supervisor_only;
  if (auto w = a.get("--rater-weights")) {
    if (opt.levels.raters != RaterMode::weighted) throw UsageError("--rater-weights needs --raters weighted");
    opt.levels.weights = parse_rater_weights(*w);
  }
  if (auto r = a.get("--rater-rounding")) {
    if (opt.levels.raters != RaterMode::weighted) throw UsageError("--rater-rounding needs --raters weighted");
    opt.levels.rounding = a.choice("--rater-rounding", {"nearest", "down"}, "nearest") == "down"
                              ? RaterRounding::down
                              : RaterRounding::nearest_half_up;
  }
}

/// Scoring options from --method, --weight, --no-ratio-cap, --no-dpis-rounding and the level
/// options; defaults come from the profile.
inline ScoringOptions scoring_options(const Args& a, const Profile& prof) {
  ScoringOptions opt;
  const std::string method = a.choice("--method", {"bma", "bar", "rating", "ratio"},
                                      std::string(to_string(prof.data().method.value_or(Method::bma))));
  opt.rules.method = *method_from_string(method);
  opt.rules.weight = prof.scheme().competency_weight;
  if (auto w = a.get("--weight")) {
    double v;
    if (!detail::parse_decimal(*w, v)) throw UsageError("--weight needs a number, not '" + *w + "'");
    opt.rules.weight = v;
  }
  opt.rules.ratio_cap = !a.flag("--no-ratio-cap");
  opt.rules.dpis_rounding = !a.flag("--no-dpis-rounding");
  level_options(a, opt);
  return opt;
}

/// The output file from -o or --output (not both), or none for stdout.
inline std::optional<std::string> output_path(const Args& a) {
  std::optional<std::string> output = a.get("-o");
  if (auto o2 = a.get("--output")) {
    if (output) throw UsageError("give -o or --output, not both");
    output = o2;
  }
  return output;
}

/// --digits thai|arabic with the command's default.
inline text::Digits digits_option(const Args& a, const std::string& dflt) {
  return a.choice("--digits", {"thai", "arabic"}, dflt) == "thai" ? text::Digits::thai
                                                                  : text::Digits::arabic;
}

}  // namespace samatthana::cli
