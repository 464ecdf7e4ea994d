// Options shared by the commands (see options.hpp).
#include "options.hpp"

#include <iostream>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <utility>

#include <unistd.h>

#include "samatthana/builders.hpp"
#include "samatthana/profile_io.hpp"
#include "samatthana/spreadsheet.hpp"
#include "samatthana/text.hpp"

namespace samatthana::cli {
namespace {

using samatthana::text::to_arabic_digits;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(' ') - b + 1));
}

std::string fmt_bound(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

bool parse_number(std::string_view s, double& out) {
  const std::string a = trim(to_arabic_digits(s));
  if (a.empty() || a[0] == '+') return false;
  const auto r = std::from_chars(a.data(), a.data() + a.size(), out, std::chars_format::fixed);
  return r.ec == std::errc() && r.ptr == a.data() + a.size() && std::isfinite(out);
}

CLI::Validator one_of(std::vector<std::string> choices) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : "|") + c;
  return CLI::Validator(
      [choices = std::move(choices), list](std::string& v) -> std::string {
        for (const auto& c : choices)
          if (c == v) return {};
        return "must be one of " + list + ", not '" + v + "'";
      },
      "", "one_of");
}

CLI::Validator number_in(double lo, double hi, bool lo_open) {
  const std::string range = (lo_open ? "(" : "[") + fmt_bound(lo) + ", " + fmt_bound(hi) + "]";
  return CLI::Validator(
      [=](std::string& v) -> std::string {
        double x;
        if (!parse_number(v, x)) return "needs a number, not '" + v + "'";
        if (x < lo || x > hi || (lo_open && x == lo))
          return "must be in " + range + ", not '" + v + "'";
        v = trim(to_arabic_digits(v));
        return {};
      },
      "", "number_in");
}

CLI::Validator count() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        const std::string a = trim(to_arabic_digits(v));
        unsigned long long n = 0;
        const auto r = std::from_chars(a.data(), a.data() + a.size(), n);
        if (a.empty() || r.ec != std::errc() || r.ptr != a.data() + a.size())
          return "needs a whole number 0 or more, not '" + v + "'";
        v = a;
        return {};
      },
      "", "count");
}

CLI::Validator utf8_text() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        return text::is_valid_utf8(v)
                   ? std::string()
                   : "is not valid UTF-8 text (check the terminal's or script's encoding)";
      },
      "", "utf8");
}

CLI::Option* add_digits_option(CLI::App& app, std::string& var, const std::string& dflt) {
  var = dflt;
  return app.add_option("--digits", var, "thai or arabic numerals (default " + dflt + ")")
      ->type_name("D")
      ->check(one_of({"thai", "arabic"}));
}

text::Digits digits_of(const std::string& v) {
  return v == "arabic" ? text::Digits::arabic : text::Digits::thai;
}

namespace {
/// The one framework a profile (built-in id or file) is made for; "" when it names none or several,
/// or does not load (profile_arg then reports why).
std::string framework_of_profile(const std::string& value) {
  std::shared_ptr<const Profile> p;
  try {
    p = builtin_profile(value);
  } catch (const LookupError&) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(value, ec)) return {};
    try {
      p = std::make_shared<const Profile>(load_profile(value));
    } catch (const Error&) {
      return {};  // profile_arg loads it again and reports the error with its location
    }
  }
  const auto& f = p->data().frameworks;
  return f.size() == 1 ? f.front() : std::string();
}
}  // namespace

CLI::Option* add_framework_option(CLI::App& app, std::string& var) {
  var = "bma-core-2550";
  CLI::Option* opt =
      app.add_option("--framework", var,
                     "a built-in framework id or a framework JSON file (default: the one "
                     "framework --profile is made for, else bma-core-2550)")
          ->type_name("ID|FILE");
  // Without --framework, a --profile made for one framework (ocsc-full: ocsc-full-2552) chooses it.
  app.parse_complete_callback([&app, opt, &var] {
    const CLI::Option* prof = app.get_option_no_throw("--profile");
    if (opt->count() > 0 || !prof || prof->count() == 0) return;
    if (std::string fw = framework_of_profile(prof->as<std::string>()); !fw.empty())
      var = std::move(fw);
  });
  return opt;
}

std::shared_ptr<const Framework> framework_arg(const std::string& value, std::string_view option) {
  try {
    return builtin_framework(value);
  } catch (const LookupError&) {
  }
  std::error_code ec;
  if (!std::filesystem::exists(value, ec)) {
    std::string ids;
    for (const auto& id : builtin_framework_ids()) ids += (ids.empty() ? "" : ", ") + id;
    throw UsageError(std::string(option) + ": '" + value + "' is neither a built-in framework (" +
                     ids + ") nor a file");
  }
  return std::make_shared<const Framework>(load_framework(value));
}

std::shared_ptr<const Profile> profile_arg(const std::string& value, const Framework& fw) {
  if (value.empty()) return default_profile(fw);
  try {
    return builtin_profile(value);
  } catch (const LookupError&) {
  }
  std::error_code ec;
  if (!std::filesystem::exists(value, ec))
    throw UsageError(
        "--profile: '" + value +
        "' is neither a built-in profile (bma, ocsc, ocsc-full, ocsc-employee) nor a file");
  return std::make_shared<const Profile>(load_profile(value));
}

namespace {
/// The reading options of the run (ReadOptions for the rest of it, see add_input_options).
ReadOptions& input_options() {
  static ReadOptions options;
  return options;
}
/// Makes input_options() the calling thread's (ScopedReadOptions). The scope is never destroyed:
/// at exit the thread's options are gone before static objects, so restoring them then would
/// write to a destroyed object.
void apply_input_options() {
  static ScopedReadOptions* scope = nullptr;
  delete scope;  // restores the options before it, then the new ones apply
  scope = new ScopedReadOptions(input_options());
}
}  // namespace

void add_level_options(CLI::App& app, LevelArgs& a) {
  app.add_option("--policy", a.policy,
                 "held level: auto (rating, else evidence; default), strict, threshold, rated")
      ->type_name("P")
      ->check(one_of({"auto", "strict", "threshold", "rated"}));
  app.add_option("--threshold", a.threshold,
                 "share of a level's indicators for --policy threshold (default 0.5)")
      ->type_name("S")
      ->transform(number_in(0, 1, true));
  app.add_option("--missing", a.missing,
                 "a competency with no rating and no evidence: error (default) or zero")
      ->type_name("M")
      ->check(one_of({"error", "zero"}));
  app.add_option("--raters", a.raters,
                 "files with a rater_role column: supervisor (default; the BMA counts the "
                 "supervisor's rating) "
                 "or weighted (every rater, combined by role)")
      ->type_name("R")
      ->check(one_of({"supervisor", "weighted"}));
  app.add_option(
         "--rater-weights", a.rater_weights,
         "weighted raters: role=weight list (default supervisor=50,self=10,peer=20,subordinate=20; "
         "Thai role names work too)")
      ->type_name("W");
  app.add_option("--rater-rounding", a.rater_rounding,
                 "weighted mean to a level: nearest (default; halves up) or down")
      ->type_name("R")
      ->check(one_of({"nearest", "down"}));
  add_input_options(app);
  add_all_errors_option(app, [](std::size_t cap) {
    input_options().all_errors = cap;
    apply_input_options();
  });
}

void add_input_options(CLI::App& app) {
  // Every command reads its tables on the main thread after parsing: the options apply to the
  // whole run.
  static ReadOptions& options = input_options();
  const auto apply = [] { apply_input_options(); };
  // A table not read as UTF-8 is named on stderr, with how it was read (docs/formats.md).
  options.on_decoded = [](std::string_view file, std::string_view how) {
    std::cerr << escape_for_terminal(
                     "samatthana: note: " + std::string(file) + " was read as " + std::string(how),
                     false)
              << "\n";
  };
  apply();
  app.add_option_function<std::string>(
         "--encoding",
         [apply](const std::string& v) {
           options.encoding = *encoding_from_string(v);
           apply();
         },
         "of the CSV files read: auto (default: UTF-8, or UTF-16 with a byte-order mark), utf-8, "
         "utf-16 (Excel 'Unicode text') or cp874 (Thai Windows, TIS-620); see docs/formats.md")
      ->type_name("E")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            if (encoding_from_string(v)) return {};
            return "must be one of auto|utf-8|utf-16|cp874, not '" + v + "'";
          },
          "", "encoding"));
  app.add_option_function<std::string>(
         "--sheet",
         [apply](const std::string& v) {
           options.sheet = v;
           apply();
         },
         "the sheet of .xlsx files to read (default: the first)")
      ->type_name("NAME");
}

void add_all_errors_option(CLI::App& app, std::function<void(std::size_t)> set) {
  // A flag with an optional value (--all-errors, --all-errors=N): it never takes the next
  // argument (a file name) as its value.
  static std::string value;
  app.add_flag("--all-errors", value,
               "report every bad row of the input tables, then every person who cannot be "
               "scored (at most N, default " +
                   std::to_string(ErrorList::default_cap) +
                   "; past N they are counted), each located, instead of the first; exit 1")
      ->type_name("[=N]")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            if (v == "true") {  // the flag alone
              v = std::to_string(ErrorList::default_cap);
              return {};
            }
            const std::string a = trim(to_arabic_digits(v));
            unsigned long long n = 0;
            const auto r = std::from_chars(a.data(), a.data() + a.size(), n);
            if (a.empty() || r.ec != std::errc() || r.ptr != a.data() + a.size() || n == 0)
              return "needs a whole number 1 or more, not '" + v + "' (write --all-errors=N)";
            v = a;
            return {};
          },
          "", "all_errors"))
      ->each([set = std::move(set)](const std::string& v) {
        // The flag alone gives "true" here (the validator's rewrite reaches only the results).
        set(v == "true" ? ErrorList::default_cap
                        : static_cast<std::size_t>(std::stoull(trim(to_arabic_digits(v)))));
      });
}

void print_import_errors(std::ostream& err, std::string_view prefix, const ImportErrors& e) {
  const auto line = [&](const std::string& text) {
    err << prefix << ": error: " << escape_for_terminal(text, false) << "\n";
  };
  line(e.where().str() + (e.where().empty() ? "" : ": ") + e.message());
  for (const LocatedError& item : e.errors().items()) line(item.text);
  if (const std::size_t more = e.errors().more(); more > 0)
    line("and " + std::to_string(more) + " more error" + (more == 1 ? "" : "s") +
         " (--all-errors=N shows up to N)");
}

namespace {
/// "supervisor=50,self=10": the pairs, checked by the library's rules.
RaterWeights parse_rater_weights(const std::string& spec) {
  std::vector<std::pair<std::string, double>> items;
  std::size_t at = 0;
  while (at <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', at), spec.size());
    const std::string item = spec.substr(at, comma - at);
    at = comma + 1;
    if (trim(item).empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos)
      throw UsageError("--rater-weights: write role=weight, not '" + item + "'");
    double v;
    if (!parse_number(item.substr(eq + 1), v))
      throw UsageError("--rater-weights: the weight of " + trim(item.substr(0, eq)) +
                       " must be a number ≥ 0, not '" + item.substr(eq + 1) + "'");
    items.emplace_back(trim(item.substr(0, eq)), v);
  }
  try {
    return rater_weights_from(items, [](std::string_view) { return Location{}; });
  } catch (const Error& e) {
    throw UsageError("--rater-weights: " + e.message());
  }
}
}  // namespace

void apply_level_options(const LevelArgs& a, ScoringOptions& opt) {
  opt.levels.policy = *level_policy_from_string(a.policy);
  if (!a.threshold.empty()) {
    double v = 0;
    parse_number(a.threshold, v);  // checked by the validator
    opt.levels.threshold = v;
  }
  opt.missing = a.missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  opt.levels.raters = a.raters == "weighted" ? RaterMode::weighted : RaterMode::supervisor_only;
  if (!a.rater_weights.empty()) {
    if (opt.levels.raters != RaterMode::weighted)
      throw UsageError("--rater-weights needs --raters weighted");
    opt.levels.weights = parse_rater_weights(a.rater_weights);
  }
  if (!a.rater_rounding.empty()) {
    if (opt.levels.raters != RaterMode::weighted)
      throw UsageError("--rater-rounding needs --raters weighted");
    opt.levels.rounding =
        a.rater_rounding == "down" ? RaterRounding::down : RaterRounding::nearest_half_up;
  }
}

void add_scoring_options(CLI::App& app, ScoringArgs& a) {
  app.add_option("--method", a.method, "bma (default for BMA), bar, rating or ratio")
      ->type_name("M")
      ->check(one_of({"bma", "bar", "rating", "ratio"}));
  app.add_option("--weight", a.weight,
                 "weight of the competency part, 0 to 100 (default: the profile's, BMA 30)")
      ->type_name("W")
      ->transform(number_in(0, 100));
  add_level_options(app, a.levels);
  app.add_flag("--no-ratio-cap", a.no_ratio_cap,
               "ratio method: do not cap at the part weight (as DPIS)");
  app.add_flag("--no-dpis-rounding", a.no_dpis_rounding, "keep unrounded part scores");
}

ScoringOptions scoring_options(const ScoringArgs& a, const Profile& prof) {
  ScoringOptions opt;
  opt.rules.method =
      a.method.empty() ? prof.data().method.value_or(Method::bma) : *method_from_string(a.method);
  opt.rules.weight = prof.scheme().competency_weight;
  if (!a.weight.empty()) parse_number(a.weight, opt.rules.weight);  // checked by the validator
  opt.rules.ratio_cap = !a.no_ratio_cap;
  opt.rules.dpis_rounding = !a.no_dpis_rounding;
  apply_level_options(a.levels, opt);
  // --all-errors: the people who cannot be scored are listed too (score, report, calibrate).
  opt.all_errors = input_options().all_errors;
  return opt;
}

CLI::Option* add_output_option(CLI::App& app, std::string& var, const std::string& what) {
  return app.add_option("-o,--output", var, "write " + what + " to OUT (else standard output)")
      ->type_name("OUT");
}

void output_scores(const std::string& path, const std::string& format, const CohortScores& s,
                   std::ostream& out) {
  if (format == "xlsx" || (format.empty() && is_xlsx_path(path))) {
    if (path.empty() && ::isatty(1) == 1)
      throw UsageError(
          "--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect the output)");
    write_output(path, scores_xlsx(s), out);
    return;
  }
  const std::string text = format == "json"    ? scores_json(s)
                           : format == "table" ? escape_for_terminal(scores_table(s))
                                               : scores_csv(s);
  write_output(path, text, out);
}

void write_output(const std::string& path, const std::string& text, std::ostream& out) {
  if (path.empty())
    out << text;
  else
    write_file_atomic(path, text);
}

}  // namespace samatthana::cli
