// Building a score run's manifest, and verifying one: re-read the inputs, score again with the
// recorded options, compare every hash.
#include <functional>

#include "samatthana/appraisal.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/output.hpp"
#include "samatthana/profile_io.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/spreadsheet.hpp"
#include "samatthana/tables_io.hpp"
#include "samatthana/version.hpp"

namespace samatthana {
namespace {

namespace fs = std::filesystem;
using Status = VerifyFinding::Status;

std::string short_hash(std::string_view h) { return std::string(h.substr(0, 12)) + "…"; }

std::string sizes(std::uint64_t recorded, std::uint64_t now) {
  if (recorded == now) return "same size, " + std::to_string(now) + " bytes";
  return "size " + std::to_string(recorded) + " → " + std::to_string(now) + " bytes";
}

/// A built-in framework when `arg` names one (as the CLI resolves --framework: built-ins first).
bool builtin_framework_named(const std::string& arg) {
  try {
    (void)builtin_framework(arg);
    return true;
  } catch (const LookupError&) {
    return false;
  }
}
bool builtin_profile_named(const std::string& arg) {
  if (arg.empty()) return true;  // the framework's default profile
  try {
    (void)builtin_profile(arg);
    return true;
  } catch (const LookupError&) {
    return false;
  }
}

/// A manifest hashes its files after the run: a pipe or a device would not give the same bytes.
void require_regular(const fs::path& p) {
  std::error_code ec;
  if (fs::exists(p, ec) && !fs::is_regular_file(p, ec)) {
    Location where;
    where.file = p.string();
    throw ValidationError(
        "a manifest records files that can be read again; this is not a regular file (a pipe or a "
        "device): save it to a file first",
        where);
  }
}

fs::path resolve(const fs::path& dir, const std::string& recorded) {
  const fs::path p(recorded);
  return p.is_absolute() ? p : dir / p;
}

/// Collects findings; every check adds one.
struct Checker {
  const Manifest& m;
  fs::path file, dir;
  VerifyReport report;

  void add(Status s, std::string subject, std::string json_path, std::string message) {
    Location where;
    where.file = file.string();
    where.path = std::move(json_path);
    report.findings.push_back({s, std::move(subject), where, std::move(message)});
  }
  /// The loader's error as a finding (its own location inside the message).
  void failed(std::string subject, std::string json_path, const Error& e) {
    add(Status::differs, std::move(subject), std::move(json_path),
        std::string("cannot be read any more: ") + e.what());
  }
};

void check_inputs(Checker& c) {
  for (std::size_t i = 0; i < c.m.inputs.size(); ++i) {
    const InputFile& in = c.m.inputs[i];
    const std::string subject = "input " + std::string(to_string(in.role));
    const std::string jpath = "$.inputs[" + std::to_string(i) + "]";
    FileDigest now;
    try {
      now = digest_file(resolve(c.dir, in.path));
    } catch (const IoError& e) {
      c.failed(subject, jpath + ".path", e);
      continue;
    }
    if (now == in.digest) {
      c.add(Status::ok, subject, jpath,
            in.path + ": same bytes (SHA-256 " + short_hash(now.sha256) + ")");
      continue;
    }
    c.add(Status::differs, subject, jpath + ".sha256",
          in.path + " has changed since the manifest was written: SHA-256 now " +
              short_hash(now.sha256) + ", recorded " + short_hash(in.digest.sha256) + " (" +
              sizes(in.digest.size, now.size) + ")");
  }
}

template <typename T>
std::shared_ptr<const T> load_ref(
    Checker& c, const ContentRef& ref, std::string_view what,
    const std::function<std::shared_ptr<const T>(const ContentRef&)>& load,
    const std::function<std::string(const T&)>& hash) {
  const std::string jpath = "$." + std::string(what);
  std::shared_ptr<const T> obj;
  try {
    obj = load(ref);
  } catch (const Error& e) {
    c.failed(std::string(what), jpath + ".source", e);
    return nullptr;
  }
  const std::string now = hash(*obj);
  if (now == ref.sha256) {
    c.add(Status::ok, std::string(what), jpath,
          ref.id + " (" + ref.source + "): same content (SHA-256 " + short_hash(now) + ")");
  } else {
    c.add(Status::differs, std::string(what), jpath + ".sha256",
          ref.id + " (" + ref.source + ") has changed: its content's SHA-256 is now " +
              short_hash(now) + ", recorded " + short_hash(ref.sha256));
  }
  return obj;
}

/// Scores the recorded inputs again with the recorded options.
CohortScores rescore(const Manifest& m, const fs::path& dir, std::shared_ptr<const Framework> fw,
                     std::shared_ptr<const Profile> prof) {
  const ScopedReadOptions scope(m.options.read);
  std::optional<RatingsTable> ratings;
  std::optional<EvidenceTable> evidence;
  std::optional<ResultsTable> results;
  for (const InputFile& in : m.inputs) {
    const fs::path p = resolve(dir, in.path);
    switch (in.role) {
      case InputRole::ratings:
        ratings = read_ratings_csv(read_table_file(p), fw, in.path);
        break;
      case InputRole::evidence:
        evidence = load_evidence_csv(p, *fw);
        break;
      case InputRole::results:
        results = load_results_csv(p);
        break;
      case InputRole::kpis: {
        KpiRules rules;
        if (m.options.kpi_weights_100) rules.weights = WeightSum::must_be_100;
        rules.dpis_rounding = m.options.scoring.rules.dpis_rounding;
        results = results_table(load_kpis(p), prof->scheme(), rules);
        break;
      }
      case InputRole::framework:
      case InputRole::profile:
        break;  // loaded and checked before
    }
  }
  return score_cohort(*ratings, std::move(prof),
                      {.evidence = input_ref(evidence), .results = input_ref(results)},
                      m.options.scoring);
}

void check_output_file(Checker& c) {
  const OutputFile& out = c.m.output;
  FileDigest now;
  try {
    now = digest_file(resolve(c.dir, out.path));
  } catch (const IoError& e) {
    c.failed("output", "$.output.path", e);
    return;
  }
  if (now == out.digest)
    c.add(Status::ok, "output", "$.output", out.path + ": the published file is the one recorded");
  else
    c.add(Status::differs, "output", "$.output.sha256",
          out.path + " is not the file the manifest recorded: SHA-256 now " +
              short_hash(now.sha256) + ", recorded " + short_hash(out.digest.sha256) + " (" +
              sizes(out.digest.size, now.size) + ")");
}

/// "; people who differ: A, B" between the published file and the recomputed scores, or "".
std::string people_who_differ(const Checker& c, const CohortScores& s) {
  std::string who;
  try {
    const ScoresDiff d = diff_scores(load_published_scores(resolve(c.dir, c.m.output.path)),
                                     parse_published_scores(scores_csv(s), "(recomputed)"));
    for (std::size_t i = 0; i < d.changes.size() && i < 5; ++i)
      who += (who.empty() ? "; people who differ: " : ", ") + d.changes[i].id;
    if (d.changes.size() > 5) who += " and " + std::to_string(d.changes.size() - 5) + " more";
  } catch (const Error&) {
    // A published file that cannot be read is reported by check_output_file.
  }
  return who;
}

void check_rescored(Checker& c, const CohortScores& s) {
  const OutputFile& out = c.m.output;
  const bool content_known = !out.content_sha256.empty();
  const std::string content = sha256_hex(scores_csv(s));
  if (content_known && content != out.content_sha256) {
    c.add(Status::differs, "scores", "$.output.content_sha256",
          "scoring the recorded inputs again gives other scores (SHA-256 " + short_hash(content) +
              ", recorded " + short_hash(out.content_sha256) + ")" + people_who_differ(c, s));
    return;
  }
  if (out.format == "xlsx") {
    c.add(Status::ok, "scores", "$.output.content_sha256",
          "scoring again gives the same scores (a workbook's bytes carry the time it was written: "
          "its content is compared)");
    return;
  }
  const std::string now = sha256_hex(render_scores(s, out.format));
  if (now == out.digest.sha256) {
    c.add(Status::ok, "scores", "$.output.sha256", "scoring again gives the same bytes");
    return;
  }
  const std::string hashes =
      " (SHA-256 " + short_hash(now) + ", recorded " + short_hash(out.digest.sha256) + ")";
  if (content_known)
    c.add(Status::differs, "scores", "$.output.sha256",
          "scoring again gives the same scores but other " + out.format + " bytes" + hashes +
              ": the output format has changed");
  else
    c.add(Status::differs, "scores", "$.output.sha256",
          "scoring the recorded inputs again gives another output" + hashes +
              people_who_differ(c, s));
}

}  // namespace

std::string render_scores(const CohortScores& s, std::string_view format) {
  if (format == "json") return scores_json(s);
  if (format == "table") return escape_for_terminal(scores_table(s));
  if (format == "xlsx") return scores_xlsx(s);
  return scores_csv(s);
}

Manifest make_manifest(const ScoreRunRecord& run, const std::optional<text::AppraisalRound>& round,
                       const fs::path& manifest_file) {
  const fs::path dir = manifest_file.parent_path();
  Manifest m;
  m.library_version = library_version();
  m.round = round;
  m.created = utc_now_iso8601();
  const bool fw_builtin = builtin_framework_named(run.framework_arg);
  const bool prof_builtin = builtin_profile_named(run.profile_arg);
  m.framework = {run.framework->id(),
                 fw_builtin ? "built-in" : manifest_relative_path(run.framework_arg, dir),
                 content_sha256(*run.framework)};
  m.profile = {run.profile->id(),
               prof_builtin ? "built-in" : manifest_relative_path(run.profile_arg, dir),
               content_sha256(*run.profile)};
  m.options = run.options;
  if (run.output.empty()) {
    Location where;
    where.file = manifest_file.string();
    throw ValidationError("a manifest records a published output file: write the scores to a file",
                          where);
  }
  for (const auto& [role, path] : run.inputs) require_regular(path);
  if (!fw_builtin) require_regular(run.framework_arg);
  if (!prof_builtin) require_regular(run.profile_arg);
  require_regular(run.output);
  for (const auto& [role, path] : run.inputs)
    m.inputs.push_back({role, manifest_relative_path(path, dir), digest_file(path)});
  if (!fw_builtin)
    m.inputs.push_back({InputRole::framework, m.framework.source, digest_file(run.framework_arg)});
  if (!prof_builtin)
    m.inputs.push_back({InputRole::profile, m.profile.source, digest_file(run.profile_arg)});
  m.output.path = manifest_relative_path(run.output, dir);
  m.output.format = run.format.empty() ? "csv" : run.format;
  m.output.digest = digest_file(run.output);
  // The content hash needs the scores; a streamed CSV output is scores_csv's bytes themselves.
  if (run.scores)
    m.output.content_sha256 = sha256_hex(scores_csv(*run.scores));
  else if (m.output.format == "csv")
    m.output.content_sha256 = m.output.digest.sha256;
  return m;
}

VerifyReport verify_manifest(const Manifest& m, const fs::path& manifest_file) {
  Checker c{m, manifest_file, manifest_file.parent_path(), {}};
  if (m.library_version != library_version())
    c.add(Status::note, "library", "$.library.version",
          "written by samatthana " + m.library_version + ", verified with " + library_version() +
              ": a difference below may come from the new version");
  check_inputs(c);
  const auto fw = load_ref<Framework>(
      c, m.framework, "framework",
      [&](const ContentRef& r) {
        return r.source == "built-in"
                   ? builtin_framework(r.id)
                   : std::make_shared<const Framework>(load_framework(resolve(c.dir, r.source)));
      },
      [](const Framework& f) { return content_sha256(f); });
  const auto prof = load_ref<Profile>(
      c, m.profile, "profile",
      [&](const ContentRef& r) {
        return r.source == "built-in"
                   ? builtin_profile(r.id)
                   : std::make_shared<const Profile>(load_profile(resolve(c.dir, r.source)));
      },
      [](const Profile& p) { return content_sha256(p); });
  if (fw && prof) {
    try {
      check_rescored(c, rescore(m, c.dir, fw, prof));
    } catch (const Error& e) {
      c.add(Status::differs, "scores", "$.inputs",
            std::string("the recorded inputs cannot be scored again: ") + e.what());
    }
  }
  check_output_file(c);
  return c.report;
}

std::string verify_text(const VerifyReport& r) {
  std::string out;
  std::size_t differs = 0;
  for (const VerifyFinding& f : r.findings) {
    const char* tag = f.status == Status::ok     ? "ok      "
                      : f.status == Status::note ? "note    "
                                                 : "DIFFERS ";
    if (f.status == Status::differs) ++differs;
    out += tag + f.subject + ": ";
    if (f.status == Status::differs) out += f.where.str() + ": ";
    out += escape_for_terminal(f.message, false) + "\n";
  }
  if (differs == 0)
    out +=
        "verified: the published output follows from the recorded inputs and options "
        "(ตรวจสอบแล้ว: ผลตรงกับข้อมูลและตัวเลือกที่บันทึกไว้)\n";
  else
    out += "NOT verified: " + std::to_string(differs) +
           (differs == 1 ? " difference" : " differences") + " (ตรวจสอบไม่ผ่าน: มีความแตกต่าง " +
           std::to_string(differs) + " รายการ)\n";
  return out;
}

std::string manifest_footer(std::string_view manifest_sha256,
                            const std::optional<text::AppraisalRound>& round, text::Digits digits) {
  std::string s =
      "ตรวจสอบได้ (audit manifest) SHA-256 " + std::string(manifest_sha256.substr(0, 16));
  if (round) s += " · รอบการประเมิน " + text::with_digits(round_label(*round), digits);
  return s;
}

std::string manifest_footer_of_file(const std::filesystem::path& manifest_file,
                                    text::Digits digits) {
  const std::string bytes = read_file(manifest_file);
  const Manifest m = parse_manifest(bytes, manifest_file.string());
  return manifest_footer(sha256_hex(bytes), m.round, digits);
}

}  // namespace samatthana
