// The results part (KPIs): DPIS's formula against an exact re-implementation in integers on
// random agreements (rounding edges included), the KPI readers' located errors, and the results
// part reaching the total through score_cohort.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

#include "helpers.hpp"
#include "samatthana/appraisal.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {

const std::filesystem::path kSamples =
    std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";

/// The results part in hundredths, exactly: weights W/100, levels A/100, part weight R/100 are
/// integers, so x = Σ(A·W)·R ÷ (5·ΣW·10⁴) is a fraction N/D; rounded half up (x ≥ 0) to
/// thousandths, then to hundredths, as PHP's round(round(x, 3), 2).
struct Exact {
  std::int64_t hundredths = 0;
  bool half_at_3 = false;    ///< x is exactly a half at the 4th decimal (x.xxx5)
  bool double_step = false;  ///< the two roundings differ from rounding once to 2 decimals
};
Exact exact(const std::vector<std::int64_t>& A, const std::vector<std::int64_t>& W,
            std::int64_t R) {
  std::int64_t S = 0, T = 0;
  for (std::size_t i = 0; i < A.size(); ++i) {
    S += A[i] * W[i];
    T += W[i];
  }
  const std::int64_t N = S * R, D = 5 * T * 10000;
  const std::int64_t q3 = (2 * N * 1000 + D) / (2 * D);  // round half up to thousandths
  Exact e;
  e.hundredths = (q3 + 5) / 10;
  e.half_at_3 = (2 * N * 1000) % (2 * D) == D;
  e.double_step = e.hundredths != (2 * N * 100 + D) / (2 * D);
  return e;
}

}  // namespace

TEST_CASE("results part: DPIS's formula equals an exact integer re-implementation", "[kpi]") {
  std::mt19937_64 rng(20);
  int edges = 0, double_steps = 0;
  for (int trial = 0; trial < 200000; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 8);
    std::vector<std::int64_t> A(n), W(n);
    std::vector<Kpi> kpis(n);
    const bool fractions = trial % 3 == 0;
    for (int i = 0; i < n; ++i) {
      A[i] = fractions ? 100 + static_cast<std::int64_t>(rng() % 401)
                       : 100 * (1 + static_cast<std::int64_t>(rng() % 5));
      W[i] = trial % 2 ? 100 * (1 + static_cast<std::int64_t>(rng() % 100))
                       : 1 + static_cast<std::int64_t>(rng() % 10000);
      kpis[i].id = std::to_string(i);
      kpis[i].achieved = static_cast<double>(A[i]) / 100.0;
      kpis[i].weight = static_cast<double>(W[i]) / 100.0;
    }
    const std::int64_t R =
        trial % 4 == 0 ? 100 * (1 + static_cast<std::int64_t>(rng() % 100)) : 7000;
    const Exact e = exact(A, W, R);
    const ResultsPart got = results_part(kpis, static_cast<double>(R) / 100.0);
    INFO("trial " << trial << " n " << n << " R " << R);
    REQUIRE(std::llround(got.points * 100) == e.hundredths);
    REQUIRE(std::fabs(got.points - static_cast<double>(e.hundredths) / 100.0) < 1e-9);
    edges += e.half_at_3;
    double_steps += e.double_step;
  }
  // The random agreements reach the rounding edges: x.xxx5 exactly, and cases where rounding
  // twice (3 then 2 decimals) gives another figure than rounding once.
  CHECK(edges > 100);
  CHECK(double_steps > 100);
}

TEST_CASE("results part: worked figures and rules", "[kpi]") {
  std::vector<Kpi> k(2);
  k[0].id = "a";
  k[0].weight = 60;
  k[0].achieved = 4;
  k[1].id = "b";
  k[1].weight = 40;
  k[1].achieved = 3;
  // (4·60 + 3·40) ÷ (100·5) × 70 = 360 ÷ 500 × 70 = 50.4
  ResultsPart r = results_part(k, 70);
  CHECK(r.score == 360);
  CHECK(r.weight_sum == 100);
  CHECK(r.points == Approx(50.4));
  CHECK(r.percent() == Approx(72));
  // Weights not summing to 100: DPIS divides by their sum (3·2 + 5·1) ÷ (3·5) × 70 = 51.333…
  // → 51.33.
  k[0].weight = 2;
  k[0].achieved = 3;
  k[1].weight = 1;
  k[1].achieved = 5;
  CHECK(results_part(k, 70).points == Approx(51.33));
  KpiRules strict;
  strict.weights = WeightSum::must_be_100;
  test::expect_error<ValidationError>([&] { (void)results_part(k, 70, strict); });
  std::vector<Kpi> one(1);
  one[0].id = "x";
  one[0].weight = 100;
  one[0].achieved = 4.99;
  CHECK(results_part(one, 70).points == Approx(69.86));  // 4.99 ÷ 5 × 70 = 69.86
  one[0].achieved = 0.5;
  test::expect_error<ValidationError>([&] { (void)results_part(one, 70); });
  test::expect_error<ValidationError>([&] { (void)results_part(std::vector<Kpi>{}, 70); });
}

TEST_CASE("KPI CSV: columns, Thai digits, targets, agreements in order", "[kpi]") {
  const std::string csv =
      "\xEF\xBB\xBFperson_id,kpi_id,name,weight,target_1,target_2,target_3,target_4,target_5,"
      "achieved\n"
      "P1,K1,ร้อยละของงานเสร็จ,๖๐,ร้อยละ ๖๐,,,,ร้อยละ ๑๐๐,4\n"
      "P2,K1,จำนวนโครงการ,100,,,,,,3.5\n"
      "P1,K2,ความพึงพอใจ,40,,,,,,๓\n";
  const KpiTable t = read_kpis_csv(csv, "k.csv");
  REQUIRE(t.agreements.size() == 2);
  CHECK(t.agreements[0].person_id == "P1");
  CHECK(t.agreements[0].line == 2);
  REQUIRE(t.agreements[0].kpis.size() == 2);
  CHECK(t.agreements[0].kpis[0].weight == 60);
  CHECK(t.agreements[0].kpis[0].targets[0] == "ร้อยละ ๖๐");
  CHECK(t.agreements[0].kpis[0].targets[4] == "ร้อยละ ๑๐๐");
  CHECK(t.agreements[0].kpis[1].achieved == 3);
  CHECK(t.agreements[0].kpis[1].line == 4);
  CHECK(t.agreements[1].kpis[0].achieved == 3.5);
  Scheme bma;
  const ResultsTable rt = results_table(t, bma);
  REQUIRE(rt.rows.size() == 2);
  CHECK(rt.rows[0].second == Approx(72));  // 50.4 of 70
  CHECK(rt.rows[1].second == Approx(70));  // 3.5 ÷ 5 × 70 = 49 of 70
  // The writer's output reads back to the same table.
  const KpiTable back = read_kpis_csv(kpis_csv(t), "back.csv");
  REQUIRE(back.agreements.size() == t.agreements.size());
  for (std::size_t i = 0; i < t.agreements.size(); ++i) {
    REQUIRE(back.agreements[i].kpis.size() == t.agreements[i].kpis.size());
    for (std::size_t j = 0; j < t.agreements[i].kpis.size(); ++j) {
      Kpi a = back.agreements[i].kpis[j], b = t.agreements[i].kpis[j];
      a.line = b.line = 0;
      CHECK(a == b);
    }
  }
}

TEST_CASE("KPI CSV: located errors", "[kpi]") {
  const std::string head = "person_id,kpi_id,name,weight,achieved\n";
  struct Case {
    std::string row;
    std::size_t column;
    std::string words;
  };
  const Case cases[] = {
      {"P1,K1,งาน,0,3", 4, "above 0"},
      {"P1,K1,งาน,-5,3", 4, "above 0"},
      {"P1,K1,งาน,abc,3", 4, "not a number"},
      {"P1,K1,งาน,,3", 4, "empty"},
      {"P1,K1,งาน,150,3", 4, "at most 100"},
      {"P1,K1,งาน,33.333,3", 4, "two decimals"},
      {"P1,K1,งาน,50,6", 5, "1 to 5"},
      {"P1,K1,งาน,50,0", 5, "1 to 5"},
      {"P1,K1,งาน,50,4.125", 5, "two decimals"},
      {"P1,K1,งาน,50,๓5", 5, "mixed"},
      {"P1,K1,งาน,50,", 5, "empty"},
      {",K1,งาน,50,3", 1, "person_id is empty"},
      {"P1,,งาน,50,3", 2, "kpi_id is empty"},
      {"P1,K1,,50,3", 3, "no name"},
  };
  for (const Case& c : cases) {
    INFO(c.row);
    const auto e =
        test::expect_error<Error>([&] { (void)read_kpis_csv(head + c.row + "\n", "k.csv"); });
    CHECK(e.where().file == "k.csv");
    CHECK(e.where().line == 2);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Catch::Contains(c.words));
  }
  const auto dup = test::expect_error<ValidationError>(
      [&] { (void)read_kpis_csv(head + "P1,K1,a,50,3\nP2,K1,a,50,3\nP1,K1,b,50,3\n", "k.csv"); });
  CHECK(dup.where().line == 4);
  CHECK(dup.where().path == "kpi_id");
  CHECK_THAT(dup.message(), Catch::Contains("first on line 2"));
  const auto unknown = test::expect_error<ParseError>(
      [&] { (void)read_kpis_csv("person_id,kpi_id,bogus\n", "k.csv"); });
  CHECK(unknown.where().column == 3);
  const auto missing = test::expect_error<ValidationError>(
      [&] { (void)read_kpis_csv("person_id,kpi_id,name,weight\n", "k.csv"); });
  CHECK(missing.where().path == "achieved");
}

TEST_CASE("KPI JSON: rows as objects, errors at their JSON path", "[kpi]") {
  const std::string json = R"([
    {"person_id": "P1", "kpi_id": "K1", "name": "งาน", "weight": 60, "achieved": 4, "target_5": "ครบ"},
    {"person_id": "P1", "kpi_id": "K2", "name": "งาน ๒", "weight": "๔๐", "achieved": 3}
  ])";
  const KpiTable t = read_kpis_json(json, "k.json");
  REQUIRE(t.agreements.size() == 1);
  CHECK(t.agreements[0].kpis[0].targets[4] == "ครบ");
  CHECK(t.agreements[0].kpis[1].weight == 40);
  const auto e = test::expect_error<ValidationError>([&] {
    (void)read_kpis_json(
        R"({"kpis": [{"person_id": "P1", "kpi_id": "K1", "name": "x", "weight": 10, "achieved": 9}]})",
        "k.json");
  });
  CHECK(e.where().path == "$.kpis[0].achieved");
  CHECK(e.where().value == "9");
  const auto m = test::expect_error<ValidationError>([&] {
    (void)read_kpis_json(R"([{"person_id": "P1", "kpi_id": "K1", "name": "x", "weight": 10}])",
                         "k.json");
  });
  CHECK(m.where().path == "$[0].achieved");
}

TEST_CASE("KPIs through score_cohort: total = results part + competency part; people must match",
          "[kpi]") {
  auto fw = test::bma();
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
  const EvidenceTable evidence = load_evidence_csv(kSamples / "evidence.csv", *fw);
  const KpiTable kpis = load_kpis(kSamples / "kpis.csv");
  const auto prof = default_profile(*fw);
  const ResultsTable res = results_table(kpis, prof->scheme());
  const CohortScores s = score_cohort(ratings, prof, {.evidence = evidence, .results = res});
  for (std::size_t i = 0; i < s.n; ++i) {
    const Agreement* a = kpis.find(s.people[i].id);
    REQUIRE(a);
    const double part = results_part(*a, prof->scheme()).points;
    // DPIS: TOTAL_SCORE = SUM_KPI + SUM_COMPETENCE (kpi_kpi_form_detail_1.php 245/249).
    CHECK(s.total[i] == Approx(part + s.part[i]).margin(1e-9));
  }
  // A KPI file naming someone not in the ratings: located at that person's first KPI.
  const KpiTable extra =
      read_kpis_csv("person_id,kpi_id,name,weight,achieved\nNOBODY,K1,x,100,3\n", "x.csv");
  const ResultsTable xr = results_table(extra, prof->scheme());
  const auto e = test::expect_error<LookupError>(
      [&] { (void)score_cohort(ratings, prof, {.evidence = evidence, .results = xr}); });
  CHECK(e.where().file == "x.csv");
  CHECK(e.where().line == 2);
}

namespace {
/// A hand-made cohort: ids, units, results percent, competency parts (weight 30), totals, bands.
CohortScores small_cohort() {
  CohortScores s;
  s.profile = default_profile(*test::bma());
  s.rules.weight = 30;
  s.has_results = true;
  struct P {
    const char* id;
    const char* unit;
    double results, part;
  };
  const P ps[] = {{"A", "หน่วย ก", 100, 30},
                  {"B", "หน่วย ก", 33.33, 9},
                  {"C", "หน่วย ข", 100.0 / 3, 20},
                  {"D", "หน่วย ข", 20, 5},
                  {"E", "หน่วย ก", 70, 25}};
  for (const P& p : ps) {
    Person x;
    x.id = p.id;
    x.unit = p.unit;
    s.people.push_back(x);
    s.results.push_back(p.results);
    s.part.push_back(p.part);
    const double total = s.profile->scheme().total(p.results, p.part);
    s.total.push_back(total);
    s.band.push_back(static_cast<std::int8_t>(s.profile->scheme().band_index(total)));
  }
  s.n = s.people.size();
  return s;
}
}  // namespace

TEST_CASE("9-box: tiers by cut-offs (at a cut-off: the higher tier), per unit, options checked",
          "[kpi][calibration]") {
  const CohortScores s = small_cohort();
  const NineBox b = nine_box(s);
  // A: 100/100 → high/high; B: 33.33 (< 33.33…) low, 30 % low; C: exactly a third → middle, exactly
  // two thirds → high; D low/low; E 70 % and 83 % → high/high.
  CHECK(b.results_tier == std::vector<std::int8_t>{2, 0, 1, 0, 2});
  CHECK(b.competency_tier == std::vector<std::int8_t>{2, 0, 2, 0, 2});
  REQUIRE(b.groups.size() == 3);
  CHECK(b.groups[0].people == 5);
  CHECK(b.groups[0].counts[8] == 2);  // high results, high competency: A, E
  CHECK(b.groups[0].counts[0] == 2);  // B, D
  CHECK(b.groups[1].unit == "หน่วย ก");
  CHECK(b.groups[1].people == 3);
  NineBoxOptions o;
  o.results_low = 80;
  o.results_high = 50;
  test::expect_error<ValidationError>([&] { (void)nine_box(s, o); });
  CohortScores none = s;
  none.has_results = false;
  test::expect_error<ValidationError>([&] { (void)nine_box(none); });
  const std::string csv = nine_box_csv(s, b);
  CHECK_THAT(csv, Catch::Contains("A,หน่วย ก,100.00,100.00,2,2,9"));
  CHECK_THAT(nine_box_json(s, b), Catch::Contains("\"grid\""));
}

TEST_CASE("calibration: band distribution against caps, people at band edges",
          "[kpi][calibration]") {
  const CohortScores s = small_cohort();
  // totals: A 100, B 23.33+9 = 32.33, C 23.33+20 = 43.33, D 14+5 = 19, E 49+25 = 74
  CalibrationOptions o;
  o.caps = {{"ดีมาก", 0.2}, {"excellent", 0.5}};
  o.edge = 5;
  const Calibration c = calibrate(s, std::nullopt, o);
  REQUIRE(c.distribution.size() == 3);
  const BandDistribution& all = c.distribution[0];
  CHECK(all.people == 5);
  CHECK(all.counts[0] == 1);  // ดีเด่น: A
  CHECK(all.counts[2] == 1);  // ดี: E (74)
  CHECK(all.capped_share[0] == Approx(0.2));
  CHECK_FALSE(all.over_cap[0]);
  const BandDistribution& ka = c.distribution[1];  // หน่วย ก: A, B, E → 1 of 3 ดีมาก or above
  CHECK(ka.capped_share[0] == Approx(1.0 / 3));
  CHECK(ka.over_cap[0]);
  REQUIRE(c.edges.size() == 1);  // E: 74 is 4 above ดี's 70; A is 10 above 90
  CHECK(s.people[c.edges[0].person].id == "E");
  CHECK(c.edges[0].above_min == Approx(4));
  CHECK(c.raters.empty());
  CalibrationOptions bad;
  bad.caps = {{"ไม่มี", 0.1}};
  test::expect_error<ValidationError>([&] { (void)calibrate(s, std::nullopt, bad); });
  bad.caps = {{"ดีมาก", 1.5}};
  test::expect_error<ValidationError>([&] { (void)calibrate(s, std::nullopt, bad); });
}

TEST_CASE("calibration: supervisors' leniency from the rater ids of a 360 file",
          "[kpi][calibration]") {
  auto fw = test::bma();
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings-360.csv", fw);
  const KpiTable all = load_kpis(kSamples / "kpis.csv");
  KpiTable kpis;
  kpis.file = all.file;
  for (const Person& p : ratings.people) kpis.agreements.push_back(*all.find(p.id));
  const auto prof = default_profile(*fw);
  const ResultsTable res = results_table(kpis, prof->scheme());
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const CohortScores s = score_cohort(ratings, prof, {.results = res}, opt);
  CalibrationOptions o;
  o.min_people = 1;
  o.leniency_threshold = 0;
  const Calibration c = calibrate(s, ratings, o);
  REQUIRE_FALSE(c.raters.empty());
  std::size_t people = 0;
  for (const RaterLeniency& r : c.raters) {
    people += r.people;
    CHECK_FALSE(r.rater_id.empty());
    CHECK(r.flagged == (std::fabs(r.mean_total - r.unit_mean_total) > 0));
  }
  CHECK(people == s.n);  // every person has one supervisor
  o.min_people = 1000;
  for (const RaterLeniency& r : calibrate(s, ratings, o).raters) CHECK_FALSE(r.flagged);
}

TEST_CASE("person sheet with KPIs: part 1 table, formula, total; errors", "[kpi][report]") {
  auto fw = test::bma();
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
  const EvidenceTable evidence = load_evidence_csv(kSamples / "evidence.csv", *fw);
  const KpiTable kpis = load_kpis(kSamples / "kpis.csv");
  const PersonSheet sheet = make_person_sheet(ratings, "BKK00001", nullptr, kpis, evidence);
  REQUIRE(sheet.results_part);
  CHECK(sheet.results_part->points == Approx(53.2));
  REQUIRE(sheet.score.total);
  CHECK(*sheet.score.total == Approx(77.2));
  const std::string html = person_sheet_html(sheet);
  CHECK_THAT(html, Catch::Contains("องค์ประกอบที่ ๑: ผลสัมฤทธิ์ของงาน"));
  CHECK_THAT(html, Catch::Contains("๓๘๐ ÷ (๑๐๐ × ๕) × ๗๐ = ๕๓.๒๐"));
  CHECK_THAT(html, Catch::Contains(
                       "class=\"small achieved\">ร้อยละ 75"));  // K1 achieved 4: target 4 marked
  CHECK(html.find("องค์ประกอบที่ ๑") < html.find("องค์ประกอบที่ ๒"));
  const std::string md = person_sheet_markdown(sheet);
  CHECK_THAT(md, Catch::Contains("| ความสำเร็จของการจัดทำฐานข้อมูล (K2) | ๑๐ |  | ๔.๕ | ๔๕ |"));
  CHECK_THAT(md, Catch::Contains("คะแนนผลสัมฤทธิ์ของงาน = ๓๘๐ ÷ (๑๐๐ × ๕) × ๗๐ = ๕๓.๒๐"));
  KpiTable other;
  other.file = "k.csv";
  test::expect_error<LookupError>(
      [&] { (void)make_person_sheet(ratings, "BKK00001", nullptr, other, evidence); });
}
