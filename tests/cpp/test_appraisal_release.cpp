// Issue 20, the release checks: the audit manifest's line in report footers, band caps from the
// profile ("calibration": {"caps": [...]}) and the minimum of raters per role (anonymity of
// peer and subordinate means) in the calibration and on the person sheet.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "helpers.hpp"
#include "samatthana/calibration.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;
namespace fs = std::filesystem;

namespace {

const fs::path kSamples = fs::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";

/// A file under the system's temporary folder, removed at the end of the test.
struct TempFile {
  fs::path path;
  TempFile(std::string_view name, std::string_view bytes) {
    static int n = 0;
    path = fs::temp_directory_path() / ("samatthana-release-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(++n) + "-" + std::string(name));
    write_file_atomic(path, bytes);
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

/// Person P1 rated by a supervisor, themself, 3 peers and 1 subordinate; P2 by a supervisor and
/// 2 peers; P3 by the supervisor only. Competencies in BMA order: five columns.
constexpr std::string_view kMixed =
    "person_id,name,unit,position,rater_role,rater_id,results,c1,c2,c3,c4,c5\n"
    "P1,ก,หน่วย ก,K2,supervisor,S1,80,3,3,3,3,3\n"
    "P1,,,,self,,,4,4,4,4,4\n"
    "P1,,,,peer,A,,2,2,2,2,2\n"
    "P1,,,,peer,B,,3,3,3,3,3\n"
    "P1,,,,peer,C,,4,4,4,4,4\n"
    "P1,,,,subordinate,D,,1,1,1,1,1\n"
    "P2,ข,หน่วย ก,K2,supervisor,S1,70,2,2,2,2,2\n"
    "P2,,,,peer,A,,5,5,5,5,5\n"
    "P2,,,,peer,E,,4,4,4,4,4\n"
    "P3,ค,หน่วย ก,K2,supervisor,S1,60,1,1,1,1,1\n";

std::string mixed_csv() {
  // The header names the framework's competencies by id.
  const auto fw = test::bma();
  std::string csv(kMixed);
  const std::string ids = fw->competencies()[0].id + "," + fw->competencies()[1].id + "," +
                          fw->competencies()[2].id + "," + fw->competencies()[3].id + "," +
                          fw->competencies()[4].id;
  csv.replace(csv.find("c1,c2,c3,c4,c5"), 14, ids);
  return csv;
}

}  // namespace

TEST_CASE("report footer: the line is escaped into HTML and Markdown, sheets and overview",
          "[report][manifest]") {
  auto fw = test::bma();
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
  const ResultsTable results = load_results_csv(kSamples / "results.csv");
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const PersonSheet sheet =
      make_person_sheet(ratings, "BKK00001", nullptr, {.results = results}, opt);
  const CohortScores s = score_cohort(ratings, nullptr, {.results = results}, opt);
  ReportOptions ro;
  CHECK(person_sheet_html(sheet, ro).find("class=\"manifest\"") == std::string::npos);
  CHECK(person_sheet_markdown(sheet, ro).find("ตรวจสอบได้") == std::string::npos);
  ro.footer = "ตรวจสอบได้ <b>&</b>";
  const std::string esc =
      "<span class=\"manifest\">ตรวจสอบได้ &lt;b&gt;&amp;&lt;/b&gt;</span></footer>";
  CHECK_THAT(person_sheet_html(sheet, ro), Catch::Contains(esc));
  CHECK_THAT(cohort_overview_html(s, ro), Catch::Contains(esc));
  CHECK_THAT(person_sheet_markdown(sheet, ro),
             Catch::EndsWith("\n---\n\nตรวจสอบได้ &lt;b&gt;&amp;&lt;/b&gt;\n"));
  CHECK_THAT(cohort_overview_markdown(s, ro),
             Catch::EndsWith("\n---\n\nตรวจสอบได้ &lt;b&gt;&amp;&lt;/b&gt;\n"));
  ro.footer = "\xff";
  test::expect_error<EncodingError>([&] { (void)person_sheet_html(sheet, ro); });
}

TEST_CASE("report footer: the line of a manifest file (its bytes' SHA-256 and round)",
          "[report][manifest]") {
  Manifest m;
  m.library_version = "0";
  m.created = "2026-12-03T08:00:00Z";
  m.round = text::round(2569, 1);
  m.framework = {"bma-core-2550", "built-in", std::string(64, 'a')};
  m.profile = {"bma-core", "built-in", std::string(64, 'b')};
  InputFile in;
  in.path = "ratings.csv";
  in.digest.sha256 = std::string(64, 'd');
  m.inputs.push_back(in);
  m.output.path = "scores.csv";
  m.output.digest.sha256 = std::string(64, 'c');
  const std::string bytes = to_json(m);
  const TempFile f("m.json", bytes);
  CHECK(manifest_footer_of_file(f.path) == "ตรวจสอบได้ (audit manifest) SHA-256 " +
                                               sha256_hex(bytes).substr(0, 16) +
                                               " · รอบการประเมิน ๒๕๖๙/๑");
  CHECK_THAT(manifest_footer_of_file(f.path, text::Digits::arabic), Catch::EndsWith("2569/1"));
  const TempFile bad("bad.json", "{\"format\": \"samatthana-manifest/1\", \"oops\": 1}");
  const auto e = test::expect_error<Error>([&] { (void)manifest_footer_of_file(bad.path); });
  CHECK(e.where().file == bad.path.string());
}

TEST_CASE("profile caps: read, written back, used by default, replaced by the caller's",
          "[calibration][profile]") {
  const Profile p = load_profile(kSamples / "profile-caps.json");
  REQUIRE(p.data().caps.size() == 2);
  CHECK(p.data().caps[0] == BandCap{"ดีเด่น", 0.1});
  CHECK(p.data().caps[1] == BandCap{"ดีมาก", 0.3});
  const std::string j = to_json(p);
  CHECK_THAT(j, Catch::Contains("\"calibration\""));
  CHECK(to_json(parse_profile(j)) == j);
  // Profiles without caps are written as before (their content hash does not change).
  CHECK(to_json(*builtin_profile("bma")).find("calibration") == std::string::npos);
  CHECK(builtin_profile("bma")->data().caps.empty());
}

TEST_CASE("profile caps: located errors", "[calibration][profile]") {
  const std::string base = R"({"format": "samatthana-profile/1", "id": "x",
    "positions": [{"code": "K1", "expected": 1}], "calibration": )";
  const auto err = [&](const std::string& cal) {
    return test::expect_error<ValidationError>(
        [&] { (void)parse_profile(base + cal + "}", "p.json"); });
  };
  auto e = err(R"({"caps": [{"band": "ยอดเยี่ยม", "max_share": 0.1}]})");
  CHECK(e.where().file == "p.json");
  CHECK(e.where().path == "$.calibration.caps[0].band");
  CHECK(e.where().value == "ยอดเยี่ยม");
  CHECK_THAT(e.message(), Catch::Contains("ดีเด่น, ดีมาก"));
  e = err(R"({"caps": [{"band": "ดีเด่น", "max_share": 1.5}]})");
  CHECK(e.where().path == "$.calibration.caps[0].max_share");
  e = err(R"({"caps": [{"band": "ดีเด่น", "max_share": -0.1}]})");
  CHECK(e.where().path == "$.calibration.caps[0].max_share");
  e = err(R"({"caps": [{"band": "ดีเด่น", "max_share": 0.1}, {"band": "ดีเด่น", "max_share": 0.2}]})");
  CHECK(e.where().path == "$.calibration.caps[1].band");
  e = err(R"({"caps": [{"band": "ดีเด่น", "share": 0.1}]})");
  CHECK_THAT(e.where().path, Catch::StartsWith("$.calibration.caps[0]"));
  e = err(R"({"limits": []})");
  CHECK_THAT(e.where().path, Catch::StartsWith("$.calibration"));
  // English band names are accepted, as --cap accepts them.
  CHECK(parse_profile(base + R"({"caps": [{"band": "excellent", "max_share": 0.1}]})" + "}")
            .data()
            .caps.size() == 1);
}

TEST_CASE("minimum raters per role: peer and subordinate means withheld below N",
          "[calibration][raters]") {
  auto fw = test::bma();
  const TempFile f("mixed.csv", mixed_csv());
  const RatingsTable ratings = load_ratings_csv(f.path, fw);
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const CohortScores s = score_cohort(ratings, nullptr, {}, opt);
  CalibrationOptions o;  // default: 3
  REQUIRE(o.min_raters_per_role == 3);
  const Calibration c = calibrate(s, ratings, o);
  REQUIRE(c.roles.size() == 2);  // P3 has only the supervisor
  const auto role = [](const PersonRoles& pr, RaterRole r) {
    for (const RoleMean& m : pr.roles)
      if (m.role == r) return m;
    FAIL("no such role");
    return RoleMean{};
  };
  const PersonRoles& p1 = c.roles[0];
  CHECK(s.people[p1.person].id == "P1");
  CHECK(role(p1, RaterRole::supervisor).mean_level == Approx(3));
  CHECK(role(p1, RaterRole::self).mean_level == Approx(4));  // one self rater: never anonymous
  CHECK_FALSE(role(p1, RaterRole::self).withheld);
  CHECK(role(p1, RaterRole::peer).raters == 3);
  CHECK_FALSE(role(p1, RaterRole::peer).withheld);
  CHECK(role(p1, RaterRole::peer).mean_level == Approx(3));
  CHECK(role(p1, RaterRole::subordinate).raters == 1);
  CHECK(role(p1, RaterRole::subordinate).withheld);
  CHECK(role(p1, RaterRole::subordinate).mean_level == 0);
  const PersonRoles& p2 = c.roles[1];
  CHECK(role(p2, RaterRole::peer).raters == 2);
  CHECK(role(p2, RaterRole::peer).withheld);
  const std::string json = calibration_json(s, c);
  CHECK_THAT(json, Catch::Contains("\"min_raters_per_role\": 3"));
  CHECK_THAT(json, Catch::Contains("\"mean_level\": null"));
  // The overview says the mean is withheld and shows no single rater's level.
  CohortExtras x;
  x.calibration = c;
  const std::string html = cohort_overview_html(s, x);
  CHECK_THAT(html, Catch::Contains("ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)"));
  CHECK_THAT(cohort_overview_markdown(s, x), Catch::Contains("ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)"));
  // min 2: P2's two peers count (mean 4.5), P1's single subordinate still does not.
  o.min_raters_per_role = 2;
  const Calibration c2 = calibrate(s, ratings, o);
  CHECK(role(c2.roles[1], RaterRole::peer).mean_level == Approx(4.5));
  CHECK(role(c2.roles[0], RaterRole::subordinate).withheld);
  o.min_raters_per_role = 0;  // everyone's mean counts
  CHECK_FALSE(role(calibrate(s, ratings, o).roles[0], RaterRole::subordinate).withheld);
  // Without rater columns: no roles, and the JSON is as before.
  const RatingsTable plain = load_ratings_csv(kSamples / "ratings.csv", fw);
  const ResultsTable res = load_results_csv(kSamples / "results.csv");
  const CohortScores sp = score_cohort(plain, nullptr, {.results = res}, opt);
  CHECK(calibration_json(sp, calibrate(sp, plain)).find("roles") == std::string::npos);
}

TEST_CASE("minimum raters per role on the person sheet", "[report][raters]") {
  auto fw = test::bma();
  const TempFile f("mixed.csv", mixed_csv());
  const RatingsTable ratings = load_ratings_csv(f.path, fw);
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const auto sheet = [&](const char* id) {
    return make_person_sheet(ratings, id, nullptr, {}, opt);
  };
  ReportOptions ro;  // default 0: every rater's level, as issue 16's sheet
  CHECK_THAT(person_sheet_html(sheet("P1"), ro),
             Catch::Contains("เพื่อนร่วมงาน ๒, ๓, ๔ · ผู้ใต้บังคับบัญชา ๑"));
  ro.min_raters_per_role = 3;
  const std::string p1 = person_sheet_html(sheet("P1"), ro);
  CHECK_THAT(p1, Catch::Contains(
                     "ผลการประเมินรายผู้ประเมิน: ผู้บังคับบัญชา ๓ · ตนเอง ๔ · เพื่อนร่วมงาน เฉลี่ย ๓.๐๐ (๓ คน) · "
                     "ผู้ใต้บังคับบัญชา ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)"));
  const std::string p2 = person_sheet_markdown(sheet("P2"), ro);
  CHECK_THAT(p2, Catch::Contains("เพื่อนร่วมงาน ไม่แสดง"));
  CHECK(p2.find("๕, ๔") == std::string::npos);
}

TEST_CASE("a profile's canonical JSON holds everything it scores by (the manifest hash covers it)",
          "[profile][manifest]") {
  for (const char* id : {"bma-core", "ocsc-core", "ocsc-full", "ocsc-employee"}) {
    INFO(id);
    const auto p = builtin_profile(id);
    const std::string j = to_json(*p);
    const Profile back = parse_profile(j);
    // Per-position sets and the job-line table change who is appraised on what: a profile that
    // differs only there must not hash alike.
    CHECK(back.data().positions == p->data().positions);
    CHECK(back.data().job_lines == p->data().job_lines);
    CHECK(back.data().job_lines_note == p->data().job_lines_note);
    CHECK(back.data().scheme == p->data().scheme);
    CHECK(to_json(back) == j);
  }
  ProfileData d = builtin_profile("ocsc-full")->data();
  const std::string before = content_sha256(Profile(d));
  REQUIRE_FALSE(d.job_lines.empty());
  d.job_lines.front().competencies.pop_back();
  if (d.job_lines.front().competencies.empty()) d.job_lines.erase(d.job_lines.begin());
  CHECK(content_sha256(Profile(d)) != before);
}
