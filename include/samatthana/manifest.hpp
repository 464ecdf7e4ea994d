#pragma once
// Frozen appraisal rounds: the audit manifest of a published score output (what produced it:
// library version, framework and profile with content hashes, the options that affect results,
// every input file's SHA-256, the round, the time, the output's hashes), its check against the
// files as they are now (`samatthana verify`), and the differences between two published score
// outputs (`samatthana diff-scores`). See docs/audit.md.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"
#include "samatthana/io.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/text.hpp"
#include "samatthana/text/date.hpp"

namespace samatthana {

// ---- SHA-256 (FIPS 180-4) ------------------------------------------------------------------

/// SHA-256, fed in pieces. The library's own (no dependency it links has one; docs/audit.md).
class SAMATTHANA_API Sha256 {
 public:
  Sha256() noexcept;
  void update(std::string_view bytes) noexcept;
  /// The digest of everything fed, as 64 lowercase hex digits; the object starts over after.
  [[nodiscard]] std::string hex_digest();

 private:
  void block(const unsigned char* p) noexcept;
  std::uint32_t h_[8];
  std::uint64_t length_ = 0;  ///< bytes fed
  unsigned char buf_[64];
  std::size_t used_ = 0;
};
/// SHA-256 of `bytes`, 64 lowercase hex digits.
[[nodiscard]] SAMATTHANA_API std::string sha256_hex(std::string_view bytes);

/// A file's SHA-256 and size in bytes.
struct FileDigest {
  std::string sha256;
  std::uint64_t size = 0;
  bool operator==(const FileDigest&) const = default;
};
/// The SHA-256 and size of a file's bytes as they are (no decoding); IoError naming the file.
[[nodiscard]] SAMATTHANA_API FileDigest digest_file(const std::filesystem::path& file);

// ---- appraisal rounds ----------------------------------------------------------------------

// The round is text::AppraisalRound (samatthana/text/date.hpp): fiscal year BE, round 1
// (1 October – 31 March) or 2 (1 April – 30 September), its first and last day.

/// "2569/1" (Thai or Arabic digits: "๒๕๖๙/๑"): a fiscal year 2400..2700 BE and round 1 or 2.
/// Anything else is a ValidationError saying what to write (a Christian-Era year such as 2026 is
/// named so, with the Buddhist-Era year to write instead).
[[nodiscard]] SAMATTHANA_API text::AppraisalRound parse_round(std::string_view s);
/// "2569/1".
[[nodiscard]] SAMATTHANA_API std::string round_label(const text::AppraisalRound& r);

// ---- manifests -----------------------------------------------------------------------------

/// The framework or profile a run used: its id, where it came from ("built-in" or the file's
/// path, relative to the manifest's folder) and the SHA-256 of its canonical JSON.
struct ContentRef {
  std::string id;
  std::string source;
  std::string sha256;
  bool operator==(const ContentRef&) const = default;
};

/// What an input file was for.
enum class InputRole : std::uint8_t { ratings, evidence, results, kpis, framework, profile };
[[nodiscard]] SAMATTHANA_API std::string_view to_string(InputRole r) noexcept;

/// An input file: its path as recorded (relative to the manifest's folder, '/' separators), the
/// SHA-256 and size of its bytes.
struct InputFile {
  InputRole role = InputRole::ratings;
  std::string path;
  FileDigest digest;
};

/// The published output: path (relative to the manifest's folder), format (csv, json, table,
/// xlsx), the SHA-256 and size of its bytes, and `content_sha256`, the SHA-256 of the scores as
/// scores_csv writes them (the same for every format, so an .xlsx workbook, whose bytes carry the
/// time it was written, is checked by its content; "" when the scores were streamed to a format
/// other than CSV).
struct OutputFile {
  std::string path;
  std::string format = "csv";
  FileDigest digest;
  std::string content_sha256;
};

/// Everything that affects the scores besides the input files.
struct ManifestOptions {
  ScoringOptions scoring;
  ReadOptions read;
  bool kpi_weights_100 = false;  ///< score --kpi-weights-100
};

inline constexpr std::string_view kManifestFormat = "samatthana-manifest/1";

/// The audit manifest of one published score output (data/schemas/manifest.schema.json).
struct Manifest {
  std::string library_version;  ///< of the library that scored
  std::string command = "score";
  std::optional<text::AppraisalRound> round;
  std::string created;  ///< UTC, ISO 8601 ("2026-12-03T08:00:00Z")
  ContentRef framework, profile;
  ManifestOptions options;
  std::vector<InputFile> inputs;
  OutputFile output;
};

/// SHA-256 of to_json(fw), the canonical JSON of the framework as the library holds it.
[[nodiscard]] SAMATTHANA_API std::string content_sha256(const Framework& fw);
/// SHA-256 of to_json(p).
[[nodiscard]] SAMATTHANA_API std::string content_sha256(const Profile& p);
/// The canonical JSON of a profile (the profile file format, keys in the documented order,
/// 2-space indent, newline at the end); parse_profile gives the same profile back.
[[nodiscard]] SAMATTHANA_API std::string to_json(const Profile& p);

/// The time now, UTC, ISO 8601 to the second; when the environment variable SOURCE_DATE_EPOCH
/// holds a whole number of seconds, that time instead (reproducible runs, docs/audit.md).
[[nodiscard]] SAMATTHANA_API std::string utc_now_iso8601();

/// Canonical JSON of a manifest (2-space indent, newline at the end).
[[nodiscard]] SAMATTHANA_API std::string to_json(const Manifest& m);
/// Reads a manifest; ParseError / ValidationError with the JSON path for anything the format
/// does not allow (unknown keys, a hash that is not 64 hex digits, an unknown option value).
[[nodiscard]] SAMATTHANA_API Manifest parse_manifest(std::string_view json,
                                                     std::string_view source_name = "<string>");
[[nodiscard]] SAMATTHANA_API Manifest load_manifest(const std::filesystem::path& file);

/// `file` as a manifest in folder `dir` records it: relative to `dir` when both are on the same
/// root, '/' separators, nothing resolved through symbolic links.
[[nodiscard]] SAMATTHANA_API std::string manifest_relative_path(const std::filesystem::path& file,
                                                                const std::filesystem::path& dir);

/// One difference between two manifests: the field ("inputs.ratings.sha256",
/// "options.method", "framework.sha256", "round") and its two values ("" = absent).
struct ManifestDifference {
  std::string field;
  std::string a, b;
  bool operator==(const ManifestDifference&) const = default;
};
/// What differs between two runs' manifests in what affects results: library version,
/// framework, profile, options, input contents (inputs are paired by role; paths are not
/// compared, only contents), and the round. Time and output are left out.
[[nodiscard]] SAMATTHANA_API std::vector<ManifestDifference> compare_manifests(const Manifest& a,
                                                                               const Manifest& b);

// ---- verifying ------------------------------------------------------------------------------

/// One check of verify_manifest.
struct VerifyFinding {
  enum class Status : std::uint8_t { ok, differs, note };
  Status status = Status::ok;
  std::string subject;  ///< "input ratings", "framework", "profile", "scores", "output", "library"
  Location where;       ///< the manifest file and the JSON path of the recorded value
  std::string message;
};
struct VerifyReport {
  std::vector<VerifyFinding> findings;
  [[nodiscard]] bool ok() const noexcept {
    for (const auto& f : findings)
      if (f.status == VerifyFinding::Status::differs) return false;
    return true;
  }
};
/// Re-reads the recorded inputs, re-loads the framework and profile, scores again with the
/// recorded options and compares every hash with the manifest (`manifest_file` is where it was
/// read from: recorded paths are relative to its folder). Never stops at the first difference;
/// a file that no longer loads is a finding with the loader's located message.
[[nodiscard]] SAMATTHANA_API VerifyReport
verify_manifest(const Manifest& m, const std::filesystem::path& manifest_file);
/// The report for people: one line per check, then the verdict (English, with the Thai verdict).
[[nodiscard]] SAMATTHANA_API std::string verify_text(const VerifyReport& r);

/// What a score run read and produced, for building its manifest.
struct ScoreRunRecord {
  std::string framework_arg;  ///< as given (a built-in id or a file), "" = the default
  std::string profile_arg;    ///< likewise
  std::shared_ptr<const Framework> framework;
  std::shared_ptr<const Profile> profile;
  ManifestOptions options;
  std::vector<std::pair<InputRole, std::filesystem::path>> inputs;  ///< ratings first
  std::filesystem::path output;  ///< the file written (its bytes are hashed as they are now)
  std::string format;            ///< csv, json, table, xlsx ("" = csv)
  /// The scores, for the content hash; null when they were streamed (a CSV output's content hash
  /// is then its own hash; other formats get none).
  const CohortScores* scores = nullptr;
};
/// The manifest of a score run, to be written to `manifest_file` (paths relative to its folder).
/// Hashes every input file and the output file as they are now; IoError naming a file that
/// cannot be read.
[[nodiscard]] SAMATTHANA_API Manifest
make_manifest(const ScoreRunRecord& run, const std::optional<text::AppraisalRound>& round,
              const std::filesystem::path& manifest_file);
/// The scores output bytes in `format` (csv, json, table, xlsx) as `samatthana score` writes them.
[[nodiscard]] SAMATTHANA_API std::string render_scores(const CohortScores& s,
                                                       std::string_view format);
/// One line for a report footer: "ตรวจสอบได้: manifest SHA-256 1a2b3c4d… (รอบ 2569/1)".
[[nodiscard]] SAMATTHANA_API std::string manifest_footer(
    std::string_view manifest_sha256, const std::optional<text::AppraisalRound>& round,
    text::Digits digits = text::Digits::thai);
/// The footer line of the manifest in `manifest_file`: read, checked as load_manifest checks it
/// (a located error for a bad one), and its bytes hashed. For reports of published scores.
[[nodiscard]] SAMATTHANA_API std::string manifest_footer_of_file(
    const std::filesystem::path& manifest_file, text::Digits digits = text::Digits::thai);

// ---- comparing two published score outputs ------------------------------------------------

/// One person of a published score output (CSV, JSON or .xlsx as `samatthana score` writes).
struct PublishedPerson {
  std::string id, name, unit, position;
  double competency_score = 0;
  std::optional<double> total;
  std::string band;                               ///< "" without results
  std::vector<std::pair<std::string, int>> held;  ///< competency id → held level, in file order
};
struct PublishedScores {
  std::string source;  ///< file name
  std::vector<PublishedPerson> people;
};
/// Reads a published score output from its bytes: JSON when it starts with '{', else CSV (an
/// .xlsx workbook through load_published_scores). Errors are located in `source_name`.
[[nodiscard]] SAMATTHANA_API PublishedScores parse_published_scores(std::string_view bytes,
                                                                    std::string_view source_name);
[[nodiscard]] SAMATTHANA_API PublishedScores
load_published_scores(const std::filesystem::path& file);

/// What changed for one person between two outputs.
struct PersonChange {
  enum class Kind : std::uint8_t { added, removed, changed };
  Kind kind = Kind::changed;
  std::string id, name;
  std::optional<std::string> band_a, band_b;              ///< set when the band changed
  std::optional<double> total_a, total_b;                 ///< set when the total changed
  std::optional<double> part_a, part_b;                   ///< set when the competency score changed
  std::vector<std::tuple<std::string, int, int>> levels;  ///< competency, held in A, held in B
};
struct ScoresDiff {
  std::string a, b;  ///< sources
  std::size_t people_a = 0, people_b = 0;
  std::vector<PersonChange> changes;       ///< in A's order, then people only in B
  std::vector<ManifestDifference> causes;  ///< from the manifests, when given
};
/// Who changed band, total, competency score or a held level (totals and scores compared to
/// the published two decimals), who was added or removed.
[[nodiscard]] SAMATTHANA_API ScoresDiff diff_scores(const PublishedScores& a,
                                                    const PublishedScores& b);
/// Thai text: one line per person, then what differs between the runs' manifests.
[[nodiscard]] SAMATTHANA_API std::string scores_diff_text(
    const ScoresDiff& d, text::Digits digits = text::Digits::arabic);
/// CSV (UTF-8 with BOM): person_id, name, change, field, a, b — one row per changed field.
[[nodiscard]] SAMATTHANA_API std::string scores_diff_csv(const ScoresDiff& d);
/// JSON: {"a", "b", "people_a", "people_b", "changes": [{"person_id", "name", "change",
/// "fields": {field: [a, b]}}], "causes": [{"field", "a", "b"}]}; totals and scores as numbers
/// (two decimals), held levels as integers, bands as text, a missing value as null.
[[nodiscard]] SAMATTHANA_API std::string scores_diff_json(const ScoresDiff& d);

}  // namespace samatthana
