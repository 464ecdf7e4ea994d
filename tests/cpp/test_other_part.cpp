// Issue 20's last piece: DPIS's third part, "ผลงานองค์ประกอบอื่นๆ" (Scheme::other_weight; the
// per-person `other` figure, 0..100 percent of the part). Every path gives the same totals
// (per person, cohort, streamed, KPI, score_batch); located errors; the person sheet's row; the
// shipped profiles have no other part.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include "helpers.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"
#include "samatthana/stream.hpp"

using namespace samatthana;
namespace fs = std::filesystem;

namespace {

const fs::path kSamples = fs::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";

/// A file under the system's temporary folder, removed at the end of the test.
struct TempFile {
  fs::path path;
  TempFile(std::string_view name, std::string_view bytes) {
    static int n = 0;
    path = fs::temp_directory_path() / ("samatthana-other-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(++n) + "-" + std::string(name));
    write_file_atomic(path, bytes);
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

/// The sample 60/30/10 profile (data/samples/profile-other.json).
std::shared_ptr<const Profile> other_profile() {
  static const auto p =
      std::make_shared<const Profile>(load_profile(kSamples / "profile-other.json"));
  return p;
}

const std::string kHeader =
    "person_id,name,unit,position,integrity,service,achievement,teamwork,"
    "expertise";

/// A random cohort's ratings CSV with results and other columns (other at `other_header`).
std::string random_cohort(std::mt19937& rng, std::size_t n,
                          const std::string& other_header = "other") {
  std::string csv = kHeader + ",results," + other_header + "\n";
  const char* positions[] = {"K1", "K2", "K3", "O1", "O2", "D1", "M1"};
  std::uniform_int_distribution<int> level(0, 5), pos(0, 6), cents(0, 10000), whole(0, 100),
      kind(0, 2);
  for (std::size_t i = 0; i < n; ++i) {
    csv += "P" + std::to_string(i) + ",ชื่อ " + std::to_string(i) + ",หน่วย " + std::to_string(i % 3) +
           "," + positions[pos(rng)];
    for (int j = 0; j < 5; ++j) csv += "," + std::to_string(level(rng));
    auto percent = [&] {
      const int k = kind(rng);
      if (k == 0) return std::to_string(whole(rng));
      const int c = cents(rng);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%d.%02d", c / 100, c % 100);
      return std::string(buf);
    };
    csv += "," + percent() + "," + percent() + "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("the scheme's other part: weights, validation, defaults", "[other]") {
  Scheme s;
  CHECK(s.other_weight == 0);
  CHECK_FALSE(s.has_other());
  s.results_weight = 60;
  s.other_weight = 10;
  CHECK_NOTHROW(s.validate());
  CHECK(s.has_other());
  s.results_weight = 70;  // 70 + 30 + 10 = 110
  const auto e = test::expect_error<ValidationError>([&] { s.validate(); });
  CHECK(e.message() ==
        "the results, competency and other weights must each be 0 or more and sum to 100 (given "
        "70.000000 + 30.000000 + 10.000000)");
  s.results_weight = 80;
  s.other_weight = -10;
  CHECK_THROWS_AS(s.validate(), ValidationError);
  // Without an other part the message is the one it always was.
  Scheme t;
  t.results_weight = 75;
  CHECK(test::expect_error<ValidationError>([&] { t.validate(); }).message() ==
        "the results and competency weights must sum to 100 (given 75.000000 + 30.000000)");
  // The shipped profiles have none (the BMA form never shows it: DPIS's BKK_FLAG).
  for (const char* id : {"bma", "ocsc", "ocsc-full", "ocsc-employee"})
    CHECK(builtin_profile(id)->scheme().other_weight == 0);
}

TEST_CASE("other points: once rounded to 2 decimals, halves away from zero", "[other]") {
  Scheme s;
  s.results_weight = 60;
  s.other_weight = 10;
  CHECK(s.other_points(85) == Approx(8.5).margin(1e-12));
  CHECK(s.other_points(85.55) == Approx(8.56).margin(1e-12));   // 8.555 → 8.56
  CHECK(s.other_points(85.549) == Approx(8.55).margin(1e-12));  // 8.5549 → 8.55 (not 8.56)
  CHECK(s.other_points(0) == 0);
  CHECK(s.other_points(100) == Approx(10).margin(1e-12));
  // total = round_dpis(results × 60 ÷ 100 + part + other points)
  CHECK(s.total(85, 25.2, s.other_points(85.55)) == Approx(51 + 25.2 + 8.56).margin(1e-9));
  // The two-argument total is the three-argument one with no other points.
  CHECK(s.total(85.7, 20) == s.total(85.7, 20, 0));
}

TEST_CASE("profile JSON reads other_weight; canonical JSON names it only when set", "[other]") {
  const auto p = other_profile();
  CHECK(p->scheme().results_weight == 60);
  CHECK(p->scheme().competency_weight == 30);
  CHECK(p->scheme().other_weight == 10);
  const std::string j = to_json(*p);
  CHECK(j.find("\"other_weight\"") != std::string::npos);
  CHECK(parse_profile(j).scheme() == p->scheme());
  CHECK(to_json(*builtin_profile("bma")).find("other_weight") == std::string::npos);

  const std::string bma = to_json(*builtin_profile("bma"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = bma;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const auto neg = test::expect_error<ValidationError>([&] {
    (void)parse_profile(
        with("\"results_weight\": 70", "\"other_weight\": -10, \"results_weight\": 80"), "p.json");
  });
  CHECK(neg.where().path == "$.scheme.other_weight");
  CHECK(neg.where().file == "p.json");
  const auto sum = test::expect_error<ValidationError>([&] {
    (void)parse_profile(
        with("\"results_weight\": 70", "\"other_weight\": 10, \"results_weight\": 70"), "p.json");
  });
  CHECK(sum.where().path == "$.scheme");
  CHECK(sum.message().find("results, competency and other weights") != std::string::npos);
}

TEST_CASE("every path gives the same totals on random cohorts (60/30/10)", "[other]") {
  const auto fw = test::bma();
  const auto prof = other_profile();
  const Scheme& scheme = prof->scheme();
  std::mt19937 rng(20);
  for (int round = 0; round < 6; ++round) {
    const std::string csv = random_cohort(rng, 200, round % 2 ? "ผลงานองค์ประกอบอื่น" : "other");
    const RatingsTable t = read_ratings_csv(csv, fw, "cohort.csv");
    REQUIRE(t.other.size() == t.size());
    ScoringOptions opt;
    opt.missing = MissingPolicy::zero;
    const CohortScores s = score_cohort(t, prof, {}, opt);
    REQUIRE(s.has_other());
    REQUIRE(s.other.size() == s.n);
    for (std::size_t i = 0; i < s.n; ++i) {
      // The formula, from the cohort's own figures.
      const double other_points = round_half_away(t.other[i] * 10 / 100.0, 2);
      CHECK(s.other_points[i] == other_points);
      CHECK(s.total[i] == round_dpis(t.results[i] * 60 / 100.0 + s.part[i] + other_points));
      CHECK(s.band[i] == static_cast<std::int8_t>(scheme.band_index(s.total[i])));
      // The per-person path (score_person, the person sheet).
      if (i % 20 == 0) {
        const PersonSheet sheet = make_person_sheet(t, t.people[i].id, prof, {}, opt);
        REQUIRE(sheet.score.total);
        CHECK(*sheet.score.total == s.total[i]);
        CHECK(*sheet.score.other_points == s.other_points[i]);
      }
    }
    // score_batch with the other figures: the same totals.
    std::vector<int> maxl;
    for (const auto& c : fw->competencies()) maxl.push_back(c.max_level());
    std::vector<double> part(s.n), total(s.n);
    std::vector<std::int8_t> band(s.n);
    score_batch(s.n, s.c, s.held, s.expected, maxl, s.results, opt.rules, scheme,
                BatchOutput{{}, {}, part, total, band}, {}, s.other);
    CHECK(total == s.total);
    // The streamed path (score chunk by chunk) writes the whole-file bytes.
    const TempFile in("ratings.csv", csv);
    const TempFile out("scores.csv", "");
    StreamOptions so;
    so.chunk_rows = 7;
    (void)score_csv_stream(in.path, out.path, fw, prof, opt, so);
    const RatingsTable whole = load_ratings_csv(in.path, fw);
    CHECK(read_file(out.path) == scores_csv(score_cohort(whole, prof, {}, opt)));
  }
}

TEST_CASE("the other column: header aliases, digits, outputs", "[other]") {
  const auto fw = test::bma();
  const auto prof = other_profile();
  const std::string csv = kHeader +
                          ",ผลสัมฤทธิ์ของงาน,องค์ประกอบอื่นๆ\n"
                          "A1,ก,หน่วย,K2,2,2,2,2,2,85,๘๕.๕๕\n"
                          "A2,ข,หน่วย,K3,2,4,3,3,5,85,90\n";
  const RatingsTable t = read_ratings_csv(csv, fw, "r.csv");
  REQUIRE(t.other.size() == 2);
  CHECK(t.other[0] == Approx(85.55));
  CHECK(t.other_column == 11);
  const CohortScores s = score_cohort(t, prof);
  // A1: part 24.00, results 85 × 0.6 = 51, other 85.55 × 0.1 = 8.555 → 8.56: 83.56 ดีมาก
  CHECK(s.part[0] == Approx(24));
  CHECK(s.other_points[0] == Approx(8.56).margin(1e-12));
  CHECK(s.total[0] == Approx(83.56).margin(1e-9));
  CHECK(prof->scheme().bands[static_cast<std::size_t>(s.band[0])].th == "ดีมาก");
  const std::string out = scores_csv(s);
  CHECK(out.find("results,other,other_points,total,band\r\n") != std::string::npos);
  CHECK(out.find(",85,85.55,8.56,83.56,ดีมาก\r\n") != std::string::npos);
  const std::string json = scores_json(s);
  CHECK(json.find("\"other_weight\": 10") != std::string::npos);
  CHECK(json.find("\"other_points\": 8.56") != std::string::npos);
  CHECK(scores_table(s).find("other") != std::string::npos);
  // Without an other part, no other column in any output.
  const RatingsTable plain =
      read_ratings_csv(kHeader + ",results\nA1,ก,หน่วย,K2,2,2,2,2,2,85\n", fw);
  const CohortScores b = score_cohort(plain, builtin_profile("bma"));
  CHECK_FALSE(b.has_other());
  CHECK(b.other.empty());
  CHECK(scores_csv(b).find("other") == std::string::npos);
  CHECK(scores_json(b).find("other") == std::string::npos);
}

TEST_CASE("other: located errors", "[other]") {
  const auto fw = test::bma();
  const auto prof = other_profile();
  SECTION("an other column under a scheme without an other part") {
    const RatingsTable t =
        read_ratings_csv(kHeader + ",results,other\nA1,ก,หน่วย,K2,2,2,2,2,2,85,90\n", fw, "r.csv");
    const auto e =
        test::expect_error<ValidationError>([&] { (void)score_cohort(t, builtin_profile("bma")); });
    CHECK(e.where().file == "r.csv");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 11);
    CHECK(e.where().path == "other");
    CHECK(e.message().find("has no other part") != std::string::npos);
  }
  SECTION("results but no other figure") {
    const RatingsTable t = read_ratings_csv(
        kHeader + ",results,other\nA1,ก,หน่วย,K2,2,2,2,2,2,85,90\nA2,ข,หน่วย,K2,2,2,2,2,2,85,\n", fw,
        "r.csv");
    const auto e = test::expect_error<ValidationError>([&] { (void)score_cohort(t, prof); });
    CHECK(e.where().file == "r.csv");
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 11);
    CHECK(e.message().find("person 'A2' has results but no 'other' figure") != std::string::npos);
    // No other column at all: the person's line, path other.
    const RatingsTable u =
        read_ratings_csv(kHeader + ",results\nA1,ก,หน่วย,K2,2,2,2,2,2,85\n", fw, "u.csv");
    const auto f = test::expect_error<ValidationError>([&] { (void)score_cohort(u, prof); });
    CHECK(f.where().line == 2);
    CHECK(f.where().path == "other");
    // An empty other without results is fine: no total.
    const RatingsTable v =
        read_ratings_csv(kHeader + ",other\nA1,ก,หน่วย,K2,2,2,2,2,2,\n", fw, "v.csv");
    CHECK_FALSE(score_cohort(v, prof).has_results);
  }
  SECTION("out of range, not a number, mixed digits") {
    const auto e = test::expect_error<ValidationError>([&] {
      (void)read_ratings_csv(kHeader + ",other\nA1,ก,หน่วย,K2,2,2,2,2,2,100.5\n", fw, "r.csv");
    });
    CHECK(e.message() == "other must be between 0 and 100");
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 10);
    CHECK(e.where().path == "other");
    const auto p = test::expect_error<ParseError>([&] {
      (void)read_ratings_csv(kHeader + ",other\nA1,ก,หน่วย,K2,2,2,2,2,2,85%\n", fw, "r.csv");
    });
    CHECK(p.message() == "not a number (other, 0 to 100)");
    CHECK_THROWS_AS(read_ratings_csv(kHeader + ",other\nA1,ก,หน่วย,K2,2,2,2,2,2,๘5\n", fw, "r.csv"),
                    ParseError);
  }
  SECTION("other in the ratings and in the results file") {
    const RatingsTable t =
        read_ratings_csv(kHeader + ",other\nA1,ก,หน่วย,K2,2,2,2,2,2,90\n", fw, "r.csv");
    const ResultsTable r = read_results_csv("person_id,results,other\nA1,85,90\n", "res.csv");
    CHECK_THROWS_AS(score_cohort(t, prof, {.results = r}), ValidationError);
  }
  SECTION("score_person") {
    Assessment a;
    a.person = Person{"A1", "ก", "หน่วย", "K2", ""};
    for (const auto& c : fw->competencies())
      a.ratings.push_back(Rating{c.id, 2, RaterRole::supervisor, "", ""});
    a.results = 85;
    CHECK_THROWS_AS(score_person(*fw, *prof, a), ValidationError);  // no other figure
    a.other = 120;
    CHECK_THROWS_AS(score_person(*fw, *prof, a), ValidationError);  // out of range
    a.other = 90;
    CHECK(*score_person(*fw, *prof, a).total == Approx(24 + 51 + 9.0).margin(1e-9));
    CHECK_THROWS_AS(score_person(*fw, *builtin_profile("bma"), a), ValidationError);
  }
}

TEST_CASE("other from a results file, and with the results part from KPIs", "[other]") {
  const auto fw = test::bma();
  const auto prof = other_profile();
  const RatingsTable t = load_ratings_csv(kSamples / "ratings.csv", fw);
  const EvidenceTable ev = load_evidence_csv(kSamples / "evidence.csv", *fw);
  const ResultsTable r = load_results_csv(kSamples / "results-other.csv");
  REQUIRE(r.other.size() == r.rows.size());
  const CohortScores s = score_cohort(t, prof, {.evidence = ev, .results = r});
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const std::size_t i = s.index_of(r.rows[k].first);
    CHECK(s.total[i] == round_dpis(r.rows[k].second * 60 / 100.0 + s.part[i] +
                                   round_half_away(r.other[k] * 10 / 100.0, 2)));
  }
  // The person sheet takes the results file's figure.
  const PersonSheet sheet =
      make_person_sheet(t, t.people[0].id, prof, {.evidence = ev, .results = r});
  CHECK(*sheet.score.total == s.total[0]);

  // KPIs give the results part; the ratings' other column gives the other part.
  std::string csv = read_file(kSamples / "ratings.csv");
  std::string with_other;
  std::size_t line = 0;
  for (std::size_t b = 0; b < csv.size();) {
    std::size_t e = csv.find('\n', b);
    if (e == std::string::npos) e = csv.size();
    std::string row = csv.substr(b, e - b);
    const bool cr = !row.empty() && row.back() == '\r';
    if (cr) row.pop_back();
    if (!row.empty()) row += line == 0 ? ",other" : "," + std::to_string(50 + line % 50) + ".5";
    with_other += row + (cr ? "\r\n" : "\n");
    ++line;
    b = e + 1;
  }
  const RatingsTable to = read_ratings_csv(with_other, fw, "ratings.csv");
  const KpiTable kpis = load_kpis(kSamples / "kpis.csv");
  const ResultsTable kr = results_table(kpis, prof->scheme());
  const CohortScores k = score_cohort(to, prof, {.evidence = ev, .results = kr});
  for (std::size_t i = 0; i < k.n; ++i) {
    const Agreement* a = kpis.find(to.people[i].id);
    REQUIRE(a);
    const ResultsPart part = results_part(*a, prof->scheme());
    const double other_points = round_half_away(to.other[i] * 10 / 100.0, 2);
    // DPIS: TOTAL_SCORE = SUM_KPI + SUM_COMPETENCE + SUM_OTHER, each of two decimals.
    CHECK(k.total[i] == Approx(part.points + k.part[i] + other_points).margin(1e-9));
  }
  const PersonSheet ks = make_person_sheet(to, to.people[0].id, prof, kpis, ev);
  CHECK(*ks.score.total == k.total[0]);
}

TEST_CASE("person sheet: the other part's row only when the scheme has one", "[other]") {
  const auto fw = test::bma();
  const RatingsTable t =
      read_ratings_csv(kHeader + ",results,other\nA1,สมศรี,หน่วย,K2,2,2,2,2,2,85,85.55\n", fw);
  const PersonSheet sheet = make_person_sheet(t, "A1", other_profile());
  const std::string html = person_sheet_html(sheet);
  CHECK(html.find("<tr class=\"other-part\"><th>อื่น ๆ (๑๐ คะแนน)</th><td class=\"n "
                  "other-points\">๘.๕๖<br/><span class=\"small muted\">(ร้อยละ ๘๕.๕๕ × ๑๐ ÷ "
                  "๑๐๐)</span></td></tr>") != std::string::npos);
  CHECK(html.find("<strong>๘๓.๕๖</strong>") != std::string::npos);
  ReportOptions arabic;
  arabic.digits = text::Digits::arabic;
  const std::string md = person_sheet_markdown(sheet, arabic);
  CHECK(md.find("| อื่น ๆ (10 คะแนน; ร้อยละ 85.55 × 10 ÷ 100) | 8.56 |\n") != std::string::npos);
  CHECK(md.find("| **รวม** | **83.56** |") != std::string::npos);
  // The BMA sheet: no such row.
  const RatingsTable b = read_ratings_csv(kHeader + ",results\nA1,สมศรี,หน่วย,K2,2,2,2,2,2,85\n", fw);
  const PersonSheet bs = make_person_sheet(b, "A1", builtin_profile("bma"));
  CHECK(person_sheet_html(bs).find("other-part") == std::string::npos);
  CHECK(person_sheet_markdown(bs).find("อื่น ๆ") == std::string::npos);
}
