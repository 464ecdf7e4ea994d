#pragma once
// Options shared by the commands, on CLI11: validators with messages in the tool's words, the
// framework and profile arguments, the held-level and scoring options, the output file.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

// ---- validators: a bad value is a usage error (exit 2) naming the option -------------------

/// One of `choices` ("must be one of thai|arabic, not 'roman'").
CLI::Validator one_of(std::vector<std::string> choices);
/// A decimal number (Thai or Arabic digits) in [lo, hi] (or (lo, hi] with `lo_open`); the value
/// is rewritten with Arabic digits.
CLI::Validator number_in(double lo, double hi, bool lo_open = false);
/// A whole number ≥ 0 (Thai or Arabic digits); rewritten with Arabic digits.
CLI::Validator count();
/// Valid UTF-8 (text that ends up in a report).
CLI::Validator utf8_text();

/// A decimal number in Thai or Arabic digits ("85", "๘๕.๕", "-1.25"); false otherwise.
bool parse_number(std::string_view s, double& out);

/// --digits thai|arabic (default `dflt`) into `var`.
CLI::Option* add_digits_option(CLI::App& app, std::string& var, const std::string& dflt);
text::Digits digits_of(const std::string& v);

// ---- frameworks and profiles ----------------------------------------------------------------

/// --framework ID|FILE into `var`; without it, the one framework the command's --profile is made
/// for (e.g. ocsc-full → ocsc-full-2552), else bma-core-2550.
CLI::Option* add_framework_option(CLI::App& app, std::string& var);
/// A built-in framework id, or else a framework file. Neither (no such id, no such file) is a
/// usage error; a file that does not load is bad data (its ParseError, ValidationError, ...).
std::shared_ptr<const Framework> framework_arg(const std::string& value,
                                               std::string_view option = "--framework");
/// --profile bma|ocsc|ocsc-full|ocsc-employee|FILE, or the framework's default profile when `value`
/// is empty.
std::shared_ptr<const Profile> profile_arg(const std::string& value, const Framework& fw);

// ---- held levels and scoring ----------------------------------------------------------------

struct LevelArgs {
  std::string policy = "auto", threshold, missing = "error", raters = "supervisor";
  std::string rater_weights, rater_rounding;
};
/// The held-level options and the input options (add_input_options): every command that reads
/// ratings calls it.
void add_level_options(CLI::App& app, LevelArgs& a);
/// --encoding auto|utf-8|utf-16|cp874 and --sheet NAME: how ratings, evidence and results files
/// are read (samatthana::ScopedReadOptions for the rest of the run; docs/formats.md).
void add_input_options(CLI::App& app);
/// --all-errors[=N] (add_level_options adds it): collect every bad row of the tables read, at most
/// N (default 100), and report them all (ReadOptions::all_errors; ImportErrors); `set` gets N.
void add_all_errors_option(CLI::App& app, std::function<void(std::size_t)> set);
/// An ImportErrors on `err` for people: "<prefix>: error: FILE: N errors; nothing was imported",
/// then each error on its own line, located, made safe for the terminal, then "and K more".
void print_import_errors(std::ostream& err, std::string_view prefix, const ImportErrors& e);
/// The held-level options into `opt` (usage errors for options that need --raters weighted).
void apply_level_options(const LevelArgs& a, ScoringOptions& opt);

struct ScoringArgs {
  LevelArgs levels;
  std::string method, weight;
  bool no_ratio_cap = false, no_dpis_rounding = false;
};
/// --method, --weight, --no-ratio-cap, --no-dpis-rounding and the level options.
void add_scoring_options(CLI::App& app, ScoringArgs& a);
/// Scoring options; defaults come from the profile.
ScoringOptions scoring_options(const ScoringArgs& a, const Profile& prof);

// ---- output -----------------------------------------------------------------------------------

/// -o/--output OUT into `var` (once).
CLI::Option* add_output_option(CLI::App& app, std::string& var, const std::string& what);
/// The scores in `format` (csv when empty, json, table, xlsx; xlsx also when `path` ends in
/// .xlsx) to `path` or `out` (an .xlsx workbook to a terminal is a usage error).
void output_scores(const std::string& path, const std::string& format, const CohortScores& s,
                   std::ostream& out);
/// `text` to the file `path` (written safely, see write_file_atomic), or to `out` when empty.
void write_output(const std::string& path, const std::string& text, std::ostream& out);

}  // namespace samatthana::cli
