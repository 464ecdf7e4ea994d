#pragma once
// `samatthana score ... --manifest FILE [--round 2569/1]`: the audit manifest of the published
// output (docs/audit.md). score.cpp adds the options and, after writing the scores, calls
// write_manifest; everything else lives here and in the library (samatthana/manifest.hpp).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "samatthana/manifest.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

struct ManifestArgs {
  std::string manifest;  ///< where to write the manifest; "" = none
  std::string round;     ///< "2569/1" (checked when parsed)
};

/// --manifest FILE and --round YEAR/ROUND. Call after add_output_option: --manifest needs -o
/// (a manifest records a published file), --round needs --manifest.
void add_manifest_options(CLI::App& app, ManifestArgs& a);

/// What `score` read and wrote, as given on its command line.
struct ManifestInputs {
  std::string framework_arg, profile_arg;
  std::shared_ptr<const Framework> framework;
  std::shared_ptr<const Profile> profile;
  ScoringOptions options;
  bool kpi_weights_100 = false;
  std::string ratings, evidence, results, kpis;  ///< paths as given; "" = not given
  std::string output, format;                    ///< -o and --format as given
  const CohortScores* scores = nullptr;          ///< null when the scores were streamed
};

/// Writes the manifest (atomically, as -o) when --manifest was given; nothing otherwise. Call
/// after the scores were written to -o.
void write_manifest(const ManifestArgs& a, const ManifestInputs& in);

/// The footer line of a report for the manifest in `manifest_path` (read and checked: a located
/// error for a bad one): its SHA-256 and round, "ตรวจสอบได้ (audit manifest) SHA-256 … ·
/// รอบการประเมิน ๒๕๖๙/๑". For `report --manifest FILE` (docs/audit.md).
std::string manifest_footer_line(const std::string& manifest_path, text::Digits digits);

}  // namespace samatthana::cli
