// Audit manifests: SHA-256, appraisal rounds, the canonical profile JSON, manifests written and
// read, verify (tampering found and named), diff-scores.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "helpers.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/profile_io.hpp"

using namespace samatthana;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) { return read_file(p); }

void spit(const fs::path& p, std::string_view bytes) { write_file_atomic(p, bytes); }

/// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("samatthana-manifest-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const fs::path kSamples = fs::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";

/// Scores `ratings` with dir/evidence.csv (and results) as `samatthana score` does, writes the
/// output to dir/scores.<format> and returns its manifest in `dir`.
Manifest scored_run(const fs::path& dir, const fs::path& ratings, const fs::path& results = {},
                    const std::string& format = "csv") {
  const auto fw = builtin_framework("bma-core-2550");
  const auto prof = default_profile(*fw);
  ScoringOptions opt;
  const RatingsTable t = load_ratings_csv(ratings, fw);
  const EvidenceTable ev = load_evidence_csv(dir / "evidence.csv", *fw);
  std::optional<ResultsTable> res;
  if (!results.empty()) res = load_results_csv(results);
  const CohortScores s = score_cohort(t, prof, {.evidence = ev, .results = input_ref(res)}, opt);
  const fs::path out = dir / ("scores." + format);
  spit(out, render_scores(s, format));
  ScoreRunRecord run;
  run.framework_arg = "bma-core-2550";
  run.framework = fw;
  run.profile = prof;
  run.options.scoring = opt;
  run.inputs.emplace_back(InputRole::ratings, ratings);
  run.inputs.emplace_back(InputRole::evidence, dir / "evidence.csv");
  if (!results.empty()) run.inputs.emplace_back(InputRole::results, results);
  run.output = out;
  run.format = format;
  run.scores = &s;
  return make_manifest(run, text::round(2569, 1), dir / "scores.manifest.json");
}

const VerifyFinding* finding(const VerifyReport& r, std::string_view subject) {
  for (const auto& f : r.findings)
    if (f.subject == subject && f.status == VerifyFinding::Status::differs) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("manifest: SHA-256 against FIPS 180-2 and hashlib", "[manifest]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqkl"
            "mnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex("สมรรถนะ") ==
        "7fd890e5bf579e3ad2a6f987f39bb2e9dbac789212e33aa066786446b82e7b2c");
  // A million 'a', fed in uneven pieces.
  Sha256 h;
  const std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    h.update(piece);
    fed += piece.size();
  }
  h.update(std::string(1000000 - fed, 'a'));
  CHECK(h.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Every length 0..299 (each block boundary and padding case): the digests of bytes
  // (7i + n) mod 256, concatenated and hashed, as Python's hashlib computes them.
  std::string all;
  for (int n = 0; n < 300; ++n) {
    std::string m;
    for (int i = 0; i < n; ++i) m += static_cast<char>((i * 7 + n) % 256);
    Sha256 split;  // fed one byte, then the rest: the same digest
    split.update(std::string_view(m).substr(0, n ? 1 : 0));
    split.update(std::string_view(m).substr(n ? 1 : 0));
    const std::string d = sha256_hex(m);
    REQUIRE(split.hex_digest() == d);
    all += d;
  }
  CHECK(sha256_hex(all) == "def85da8f53f8ad58eda585dce61c0d7bfbb3da6924badae49d32d11288c576f");
}

TEST_CASE("manifest: a file's digest is its bytes' SHA-256 and size", "[manifest]") {
  TempDir t;
  const std::string bytes = "\xEF\xBB\xBFperson_id\r\nก\r\n";
  spit(t.path / "x.csv", bytes);
  const FileDigest d = digest_file(t.path / "x.csv");
  CHECK(d.sha256 == sha256_hex(bytes));
  CHECK(d.size == bytes.size());
  const auto e = test::expect_error<IoError>([&] { (void)digest_file(t.path / "missing.csv"); });
  CHECK(e.where().file == (t.path / "missing.csv").string());
  CHECK(e.message() == "no such file");
  CHECK(test::expect_error<IoError>([&] { (void)digest_file(t.path); }).message() ==
        "this is a folder, not a file");
}

TEST_CASE("manifest: appraisal rounds", "[manifest]") {
  const text::AppraisalRound r1 = parse_round("2569/1");
  CHECK(r1 == text::round(2569, 1));
  CHECK(r1.start == text::Date{2025, 10, 1});
  CHECK(r1.end == text::Date{2026, 3, 31});
  const text::AppraisalRound r2 = parse_round("๒๕๖๙/๒");
  CHECK(round_label(r2) == "2569/2");
  CHECK(r2.start == text::Date{2026, 4, 1});
  CHECK(r2.end == text::Date{2026, 9, 30});
  CHECK(manifest_footer("0123456789abcdef0123", r2) ==
        "ตรวจสอบได้ (audit manifest) SHA-256 0123456789abcdef · รอบการประเมิน ๒๕๖๙/๒");
  const auto ce = test::expect_error<ValidationError>([] { (void)parse_round("2026/1"); });
  CHECK(ce.message().find("Christian-Era") != std::string::npos);
  CHECK(ce.message().find("2569/1") != std::string::npos);
  CHECK(ce.where().value == "2026/1");
  for (const char* bad : {"2569/3", "2569/0", "2569", "2569-1", "", "abc/1", "3000/1", "2569/1x"})
    CHECK_THROWS_AS(parse_round(bad), ValidationError);
}

TEST_CASE("manifest: the canonical profile JSON is the shipped files' bytes", "[manifest]") {
  for (const char* id : {"bma-core", "ocsc-core"}) {
    const auto p = builtin_profile(id);
    const std::string j = to_json(*p);
    CHECK(j == slurp(fs::path(SAMATTHANA_SOURCE_DIR) / "data" / "profiles" /
                     (std::string(id) + ".json")));
    const Profile back = parse_profile(j);
    CHECK(to_json(back) == j);
    CHECK(content_sha256(back) == sha256_hex(j));
  }
  CHECK(content_sha256(*builtin_framework("bma-core-2550")) == sha256_hex(to_json(bma_core())));
}

TEST_CASE("manifest: the time is UTC ISO 8601, SOURCE_DATE_EPOCH fixes it", "[manifest]") {
  ::setenv("SOURCE_DATE_EPOCH", "1764720000", 1);
  CHECK(utc_now_iso8601() == "2025-12-03T00:00:00Z");
  ::setenv("SOURCE_DATE_EPOCH", "soon", 1);
  const auto e = test::expect_error<ValidationError>([] { (void)utc_now_iso8601(); });
  CHECK(e.where().value == "soon");
  ::unsetenv("SOURCE_DATE_EPOCH");
  const std::string now = utc_now_iso8601();
  CHECK(now.size() == 20);
  CHECK(now.back() == 'Z');
  CHECK(now[10] == 'T');
}

TEST_CASE("manifest: written, read back, located errors", "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  fs::copy_file(kSamples / "evidence.csv", t.path / "evidence.csv");
  const Manifest m = scored_run(t.path, t.path / "ratings.csv");
  CHECK(m.library_version == library_version());
  CHECK(m.framework.source == "built-in");
  CHECK(m.profile.id == "bma-core");
  REQUIRE(m.inputs.size() == 2);
  CHECK(m.inputs[1].path == "evidence.csv");
  CHECK(m.inputs[0].path == "ratings.csv");
  CHECK(m.inputs[0].digest == digest_file(kSamples / "ratings.csv"));
  CHECK(m.output.path == "scores.csv");
  CHECK(m.output.content_sha256 == m.output.digest.sha256);  // the CSV is the content
  const std::string j = to_json(m);
  const Manifest back = parse_manifest(j, "m.json");
  CHECK(to_json(back) == j);
  CHECK(compare_manifests(m, back).empty());

  std::string bad = j;
  bad.replace(bad.find(m.inputs[0].digest.sha256), 3, "XYZ");
  const auto e = test::expect_error<ValidationError>([&] { (void)parse_manifest(bad, "m.json"); });
  CHECK(e.where().path == "$.inputs[0].sha256");
  CHECK(e.where().file == "m.json");
  std::string method = j;
  method.replace(method.find("\"method\": \"bma\""), 15, "\"method\": \"dpis\"");
  CHECK(test::expect_error<ValidationError>([&] { (void)parse_manifest(method); }).where().path ==
        "$.options.method");
  std::string created = j;
  created.replace(created.find(m.created), m.created.size(), "3 December 2026");
  CHECK(test::expect_error<ValidationError>([&] { (void)parse_manifest(created); }).where().path ==
        "$.created");
  std::string round = j;
  round.replace(round.find("\"round\": 1"), 10, "\"round\": 2");
  CHECK(test::expect_error<ValidationError>([&] { (void)parse_manifest(round); }).where().path ==
        "$.round");
}

TEST_CASE("manifest: verify passes on the untouched files", "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  fs::copy_file(kSamples / "evidence.csv", t.path / "evidence.csv");
  fs::copy_file(kSamples / "results.csv", t.path / "results.csv");
  for (const std::string format : {"csv", "json", "xlsx"}) {
    const Manifest m = scored_run(t.path, t.path / "ratings.csv", t.path / "results.csv", format);
    const VerifyReport r = verify_manifest(m, t.path / "scores.manifest.json");
    INFO(verify_text(r));
    CHECK(r.ok());
    CHECK(r.findings.size() == 7);  // 3 inputs, framework, profile, scores, output
  }
}

TEST_CASE("manifest: verify names a tampered input, output, or option", "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  fs::copy_file(kSamples / "evidence.csv", t.path / "evidence.csv");
  fs::copy_file(kSamples / "results.csv", t.path / "results.csv");
  const Manifest m = scored_run(t.path, t.path / "ratings.csv", t.path / "results.csv");
  const fs::path mf = t.path / "scores.manifest.json";

  SECTION("one byte of the results file") {
    std::string bytes = slurp(t.path / "results.csv");
    const auto at = bytes.rfind('5');
    REQUIRE(at != std::string::npos);
    bytes[at] = '4';
    spit(t.path / "results.csv", bytes);
    const VerifyReport r = verify_manifest(m, mf);
    CHECK_FALSE(r.ok());
    const VerifyFinding* f = finding(r, "input results");
    REQUIRE(f);
    CHECK(f->where.path == "$.inputs[2].sha256");
    CHECK(f->where.file == mf.string());
    CHECK(f->message.find("results.csv has changed") != std::string::npos);
    CHECK_FALSE(finding(r, "input ratings"));
    CHECK(verify_text(r).find("NOT verified") != std::string::npos);
  }
  SECTION("the published output edited") {
    std::string bytes = slurp(t.path / "scores.csv");
    bytes.back() = ' ';
    spit(t.path / "scores.csv", bytes);
    const VerifyReport r = verify_manifest(m, mf);
    REQUIRE(finding(r, "output"));
    CHECK(finding(r, "output")->where.path == "$.output.sha256");
    CHECK_FALSE(finding(r, "scores"));  // recomputing still gives the recorded scores
  }
  SECTION("a recorded option changed") {
    Manifest other = m;
    other.options.scoring.rules.method = Method::bar;
    const VerifyReport r = verify_manifest(other, mf);
    const VerifyFinding* f = finding(r, "scores");
    REQUIRE(f);
    CHECK(f->where.path == "$.output.content_sha256");
    CHECK(f->message.find("people who differ: ") != std::string::npos);
    const auto diffs = compare_manifests(m, other);
    REQUIRE(diffs.size() == 1);
    CHECK(diffs[0] == ManifestDifference{"options.method", "\"bma\"", "\"bar\""});
  }
  SECTION("an input removed") {
    fs::remove(t.path / "ratings.csv");
    const VerifyReport r = verify_manifest(m, mf);
    REQUIRE(finding(r, "input ratings"));
    CHECK(finding(r, "input ratings")->where.path == "$.inputs[0].path");
    REQUIRE(finding(r, "scores"));  // cannot be scored again: said so, located
    CHECK(finding(r, "scores")->message.find("no such file") != std::string::npos);
  }
}

TEST_CASE("manifest: diff-scores names who changed and why", "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  fs::copy_file(kSamples / "evidence.csv", t.path / "evidence.csv");
  fs::copy_file(kSamples / "results.csv", t.path / "results.csv");
  const Manifest ma = scored_run(t.path, t.path / "ratings.csv", t.path / "results.csv");
  fs::rename(t.path / "scores.csv", t.path / "a.csv");
  // BKK00001's first level 3 → 5 (integrity); BKK00320 dropped from ratings and results.
  std::string ratings = slurp(t.path / "ratings.csv");
  const auto row = ratings.find("BKK00001,");
  const auto cell = ratings.find(",K3,3,", row);
  ratings.replace(cell, 6, ",K3,5,");
  ratings.erase(ratings.rfind("BKK00320"));
  spit(t.path / "ratings.csv", ratings);
  std::string results = slurp(t.path / "results.csv");
  results.erase(results.rfind("BKK00320"));
  spit(t.path / "results-b.csv", results);
  const Manifest mb = scored_run(t.path, t.path / "ratings.csv", t.path / "results-b.csv");
  ScoresDiff d = diff_scores(load_published_scores(t.path / "a.csv"),
                             load_published_scores(t.path / "scores.csv"));
  d.causes = compare_manifests(ma, mb);
  CHECK(d.people_a == d.people_b + 1);
  REQUIRE(d.changes.size() == 2);
  const PersonChange& c = d.changes[0];
  CHECK(c.id == "BKK00001");
  CHECK(c.kind == PersonChange::Kind::changed);
  REQUIRE(c.levels.size() == 1);
  CHECK(c.levels[0] == std::tuple<std::string, int, int>{"integrity", 3, 5});
  CHECK(c.part_a);
  CHECK(d.changes[1].kind == PersonChange::Kind::removed);
  REQUIRE(d.causes.size() == 2);
  CHECK(d.causes[0].field == "inputs.ratings.sha256");
  CHECK(d.causes[1].field == "inputs.results.sha256");
  CHECK(d.causes[1].a.starts_with("results.csv "));
  CHECK(d.causes[1].b.starts_with("results-b.csv "));
  const std::string text = scores_diff_text(d, text::Digits::thai);
  CHECK(text.find("ระดับที่แสดงออก integrity ๓ → ๕") != std::string::npos);
  CHECK(text.find("inputs.ratings.sha256") != std::string::npos);
  CHECK(scores_diff_csv(d).find("BKK00001,สุภาพร ใจดี,changed,integrity_held,3,5\r\n") !=
        std::string::npos);
  CHECK(scores_diff_json(d).find("\"integrity_held\": [\n") != std::string::npos);
  // JSON and CSV outputs of the same scores read alike.
  const auto fw = builtin_framework("bma-core-2550");
  const EvidenceTable ev = load_evidence_csv(t.path / "evidence.csv", *fw);
  const CohortScores s = score_cohort(load_ratings_csv(t.path / "ratings.csv", fw),
                                      default_profile(*fw), {.evidence = ev});
  CHECK(diff_scores(parse_published_scores(scores_json(s), "a.json"),
                    parse_published_scores(scores_csv(s), "b.csv"))
            .changes.empty());
}

TEST_CASE("manifest: a score output that is not one is a located error", "[manifest]") {
  const auto e = test::expect_error<ValidationError>(
      [] { (void)parse_published_scores("id,name\r\nx,y\r\n", "x.csv"); });
  CHECK(e.where().file == "x.csv");
  CHECK(e.message().find("person_id") != std::string::npos);
  const auto n = test::expect_error<ValidationError>([] {
    (void)parse_published_scores("person_id,competency_score\r\nA,12.5\r\nB,ten\r\n", "y.csv");
  });
  CHECK(n.where().line == 3);
  CHECK(n.where().value == "ten");
  const auto d = test::expect_error<ValidationError>([] {
    (void)parse_published_scores("person_id,competency_score\r\nA,1\r\nA,2\r\n", "z.csv");
  });
  CHECK(d.where().line == 3);
  CHECK(d.message().find("line 2") != std::string::npos);
}

TEST_CASE("manifest: a pipe cannot be recorded (it would hash as empty)", "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  REQUIRE(::mkfifo((t.path / "fifo").c_str(), 0600) == 0);
  ScoreRunRecord run;
  run.framework_arg = "bma-core-2550";
  run.framework = builtin_framework("bma-core-2550");
  run.profile = default_profile(*run.framework);
  run.inputs.emplace_back(InputRole::ratings, t.path / "fifo");
  run.output = t.path / "scores.csv";
  const auto e = test::expect_error<ValidationError>(
      [&] { (void)make_manifest(run, std::nullopt, t.path / "m.json"); });
  CHECK(e.where().file == (t.path / "fifo").string());
  CHECK(e.message().find("not a regular file") != std::string::npos);
}

TEST_CASE("manifest: a streamed JSON output (no content hash) is verified by its bytes",
          "[manifest]") {
  TempDir t;
  fs::copy_file(kSamples / "ratings.csv", t.path / "ratings.csv");
  fs::copy_file(kSamples / "evidence.csv", t.path / "evidence.csv");
  Manifest m = scored_run(t.path, t.path / "ratings.csv", {}, "json");
  m.output.content_sha256.clear();  // as a streamed run without the scores in memory writes it
  CHECK(to_json(m).find("content_sha256") == std::string::npos);
  CHECK(verify_manifest(m, t.path / "m.json").ok());
  m.options.scoring.rules.weight = 20;
  const VerifyReport r = verify_manifest(m, t.path / "m.json");
  const VerifyFinding* f = finding(r, "scores");
  REQUIRE(f);
  CHECK(f->where.path == "$.output.sha256");
  CHECK(f->message.find("gives another output") != std::string::npos);
  CHECK(f->message.find("people who differ: BKK") != std::string::npos);
}
