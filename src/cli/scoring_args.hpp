#pragma once
// Options shared by the commands that score a cohort (score, report): one parser, one meaning.
#include <optional>
#include <string>

#include "cli/args.hpp"
#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

/// Scoring options from --method, --weight, --no-ratio-cap, --no-dpis-rounding, --policy,
/// --threshold and --missing; defaults come from the profile.
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
