// score --manifest / --round (see manifest_option.hpp).
#include "manifest_option.hpp"

#include "command.hpp"

namespace samatthana::cli {

void add_manifest_options(CLI::App& app, ManifestArgs& a) {
  auto* manifest =
      app.add_option("--manifest", a.manifest,
                     "also write the audit manifest (inputs' and output's SHA-256, framework, "
                     "profile, options, round) to FILE; needs -o (docs/audit.md)")
          ->type_name("FILE");
  auto* output = app.get_option_no_throw("--output");
  if (output) manifest->needs(output);
  // Checked once parsing is done, before anything is read or written.
  // final_callback: parse_complete_callback is add_framework_option's (one per app in CLI11).
  app.final_callback([&app, manifest, output] {
    if (!output || !manifest->count() || !output->count()) return;
    namespace fs = std::filesystem;
    const std::string out = output->as<std::string>();
    if (fs::path(manifest->as<std::string>()).lexically_normal() ==
        fs::path(out).lexically_normal())
      throw CLI::ValidationError("--manifest",
                                 "--manifest and -o name the same file: give the manifest a name "
                                 "of its own");
    // The manifest hashes the files again after the run: a pipe or a device cannot be re-read.
    for (const char* name : {"--output", "RATINGS.csv", "--evidence", "--results", "--kpis"}) {
      const CLI::Option* o = app.get_option_no_throw(name);
      if (!o || !o->count()) continue;
      const std::string path = o->as<std::string>();
      std::error_code ec;
      if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
        throw CLI::ValidationError("--manifest", "records files that can be read again; " + path +
                                                     " is not a regular file (a pipe or a device)");
    }
  });
  app.add_option("--round", a.round,
                 "with --manifest: the appraisal round, Buddhist-Era fiscal year/round (2569/1)")
      ->type_name("YYYY/R")
      ->needs(manifest)
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            try {
              (void)parse_round(v);
            } catch (const ValidationError& e) {
              return e.message() + ", not '" + v + "'";
            }
            return {};
          },
          "", "round"));
}

void write_manifest(const ManifestArgs& a, const ManifestInputs& in) {
  if (a.manifest.empty()) return;
  ScoreRunRecord run;
  run.framework_arg = in.framework_arg;
  run.profile_arg = in.profile_arg;
  run.framework = in.framework;
  run.profile = in.profile;
  run.options.scoring = in.options;
  run.options.read = current_read_options();
  run.options.kpi_weights_100 = in.kpi_weights_100;
  run.inputs.emplace_back(InputRole::ratings, in.ratings);
  if (!in.evidence.empty()) run.inputs.emplace_back(InputRole::evidence, in.evidence);
  if (!in.results.empty()) run.inputs.emplace_back(InputRole::results, in.results);
  if (!in.kpis.empty()) run.inputs.emplace_back(InputRole::kpis, in.kpis);
  run.output = in.output;
  run.format = !in.format.empty() ? in.format : is_xlsx_path(in.output) ? "xlsx" : "csv";
  run.scores = in.scores;
  std::optional<text::AppraisalRound> round;
  if (!a.round.empty()) round = parse_round(a.round);
  write_file_atomic(a.manifest, to_json(make_manifest(run, round, a.manifest)));
}

std::string manifest_footer_line(const std::string& manifest_path, text::Digits digits) {
  return manifest_footer_of_file(manifest_path, digits);
}

}  // namespace samatthana::cli
