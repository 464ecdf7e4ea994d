// One scoring engine under any framework: the per-person path (score_person, part_score) and the
// cohort and batch paths (score_cohort, score_batch) give the same figures bit for bit, whatever
// the number of levels; storage limits (levels, bands) are validated, never wrapped; one source for
// results. The differential check is the fuzz_engine target's (tests/fuzz/engine_check.hpp).
#include <catch2/catch.hpp>

#include <random>

#include "../fuzz/engine_check.hpp"
#include "helpers.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Framework> framework_of(std::vector<int> levels) {
  return std::make_shared<const Framework>(engine_check::framework_data(levels, {}));
}

/// A profile where every position expects `expected` of every competency.
std::shared_ptr<const Profile> flat_profile(int expected) {
  ProfileData d;
  d.id = "flat";
  d.positions.push_back(PositionProfile{"K1", "", "", expected, {}});
  return std::make_shared<const Profile>(d);
}

/// One person, supervisor ratings `held`, results `results`.
RatingsTable one_person(const std::shared_ptr<const Framework>& fw, const std::vector<int>& held,
                        double results) {
  std::string csv = "person_id,name,unit,position";
  for (const auto& c : fw->competencies()) csv += "," + c.id;
  csv += ",results\nP1,สมชาย,หน่วย,K1";
  for (int h : held) csv += "," + std::to_string(h);
  csv += "," + std::to_string(results) + "\n";
  return read_ratings_csv(csv, fw, "ratings.csv");
}

}  // namespace

TEST_CASE("engine: a framework of 4-level competencies scores as the person sheet does",
          "[engine]") {
  // The issue's case: five competencies of 4 levels, expected 1, held 4,4,4,4,4, results 50.
  // The batch cache was sized by the highest level (4 × 5 + 1 slots) and indexed by the points
  // sum (5 × 5 = 25): 0.00 / 35.00 / ต้องปรับปรุง instead of 30.00 / 65.00 / พอใช้.
  const auto fw = framework_of({4, 4, 4, 4, 4});
  const auto prof = flat_profile(1);
  const RatingsTable t = one_person(fw, {4, 4, 4, 4, 4}, 50);
  const CohortScores s = score_cohort(t, prof);
  CHECK(s.part[0] == 30.0);
  CHECK(s.total[0] == 65.0);
  CHECK(prof->scheme().bands[static_cast<std::size_t>(s.band[0])].th == "พอใช้");
  const PersonScore ps = score_person(*fw, *prof, assessment_of(t, "P1"));
  CHECK(ps.competency_score == 30.0);
  CHECK(*ps.total == 65.0);
  CHECK(*ps.band == static_cast<std::size_t>(s.band[0]));
}

TEST_CASE("engine: bar under 2-level competencies, and every method at the top of small scales",
          "[engine]") {
  for (int top : {1, 2, 3, 4}) {
    const auto fw = framework_of({top, top, top});
    const auto prof = flat_profile(0);
    for (Method m : {Method::bma, Method::bar, Method::rating, Method::ratio}) {
      ScoringOptions o;
      o.rules.method = m;
      o.rules.dpis_rounding = false;
      const RatingsTable t = one_person(fw, {top, top, top}, 100);
      const CohortScores s = score_cohort(t, prof, {}, o);
      const PersonScore ps = score_person(*fw, *prof, assessment_of(t, "P1"), o);
      INFO("levels " << top << ", method " << to_string(m));
      // Held at the top, expected 0: the whole part, but for the rating method with one level
      // (gap +1 is a rating of 4 of 5).
      const double want = m == Method::rating && top < 2 ? 24.0 : 30.0;
      CHECK(s.part[0] == want);
      CHECK(ps.competency_score == s.part[0]);
      CHECK(s.total[0] == 70.0 + want);
    }
  }
}

TEST_CASE("engine: score_batch equals part_score for random levels under every method",
          "[engine]") {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t c = 1 + rng() % 8, n = 1 + rng() % 6;
    std::vector<int> maxl(c);
    for (auto& m : maxl) m = 1 + static_cast<int>(rng() % 10);
    ScoringRules rules;
    rules.method = static_cast<Method>(rng() % 4);
    rules.dpis_rounding = rng() % 2;
    rules.ratio_cap = rng() % 2;
    rules.weight = static_cast<double>(rng() % 101);
    if (rng() % 3 == 0) {
      double left = 100;
      for (std::size_t j = 0; j + 1 < c; ++j) {
        const double w = std::min(left, static_cast<double>(rng() % 50) + 0.5);
        rules.rating_weights.push_back(w);
        left -= w;
      }
      rules.rating_weights.push_back(left);
    }
    std::vector<std::int8_t> h(n * c), e(n * c);
    for (std::size_t k = 0; k < n * c; ++k) {
      h[k] = static_cast<std::int8_t>(rng() % static_cast<unsigned>(maxl[k % c] + 1));
      e[k] = static_cast<std::int8_t>(rng() % static_cast<unsigned>(maxl[k % c] + 1));
    }
    std::vector<double> part(n), total(n), results(n, 75.5);
    std::vector<std::int8_t> band(n);
    const Scheme scheme;
    score_batch(n, c, h, e, maxl, results, rules, scheme, BatchOutput{{}, {}, part, total, band});
    for (std::size_t i = 0; i < n; ++i) {
      const std::vector<int> hi(h.begin() + static_cast<long>(i * c),
                                h.begin() + static_cast<long>((i + 1) * c));
      const std::vector<int> ei(e.begin() + static_cast<long>(i * c),
                                e.begin() + static_cast<long>((i + 1) * c));
      const double x = part_score(hi, ei, rules);
      REQUIRE(part[i] == x);
      REQUIRE(total[i] == scheme.total(75.5, x));
      REQUIRE(static_cast<std::size_t>(band[i]) == scheme.band_index(total[i]));
    }
  }
}

TEST_CASE("engine: the differential check agrees on 3000 generated cases", "[engine]") {
  // What fuzz_engine runs, over pseudo-random bytes, in the ordinary test run.
  std::mt19937 rng(7);
  std::vector<std::uint8_t> bytes;
  for (int round = 0; round < 3000; ++round) {
    bytes.resize(rng() % 600);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    const std::string d = engine_check::check(bytes.data(), bytes.size());
    INFO("round " << round << ": " << d);
    REQUIRE(d.empty());
  }
}

TEST_CASE("engine: at most 100 levels a competency; a rating of 256 is never level 0", "[engine]") {
  CHECK(framework_of({kMaxLevels})->competencies()[0].max_level() == 100);
  const auto e = test::expect_error<ValidationError>([] {
    (void)framework_of({3, kMaxLevels + 1});
  });
  CHECK(e.where().path == "$.competencies[1].levels");
  CHECK_THAT(e.message(), Contains("at most 100"));
  CHECK_THROWS_AS(framework_of({1000}), ValidationError);

  const auto fw = framework_of({100});
  const auto prof = flat_profile(0);
  // From a file: 256 (or 101, or 128) is above the highest level, not 0 or "not rated".
  for (const char* v : {"256", "101", "128", "๒๕๖"}) {
    INFO(v);
    CHECK_THROWS_AS(read_ratings_csv(std::string("person_id,position,c0\nP1,K1,") + v + "\n", fw),
                    ValidationError);
  }
  // One person's ratings.
  Assessment a;
  a.person = Person{"P1", "", "", "K1"};
  a.ratings.push_back(Rating{"c0", 256, RaterRole::supervisor, "", ""});
  CHECK_THROWS_AS(score_person(*fw, *prof, a), ValidationError);
  a.ratings[0].level = 100;
  CHECK(score_person(*fw, *prof, a).competencies[0].held == 100);
  // The batch path: a max_level beyond what int8 storage holds is refused.
  std::vector<std::int8_t> h{1}, ex{1};
  std::vector<int> maxl{200};
  std::vector<double> part(1);
  CHECK_THROWS_AS(score_batch(1, 1, h, ex, maxl, {}, ScoringRules{}, Scheme{},
                              BatchOutput{{}, {}, part, {}, {}}),
                  ValidationError);
}

TEST_CASE("engine: bands must be reachable and fit their storage", "[engine]") {
  Scheme s;
  s.validate();
  s.bands.front().min = 101;  // totals are 0..100
  auto e = test::expect_error<ValidationError>([&] { s.validate(); });
  CHECK_THAT(e.message(), Contains("between 0 and 100"));
  s = Scheme{};
  s.bands.back().min = -5;  // leaves nothing for a band after it; below 0 is the last band anyway
  CHECK_THROWS_AS(s.validate(), ValidationError);
  s = Scheme{};
  s.bands.front().min = std::nan("");
  CHECK_THROWS_AS(s.validate(), ValidationError);
  s = Scheme{};
  s.bands.front().min = 100;  // a perfect total is reachable
  s.validate();

  s.bands.clear();
  for (int b = 0; b < 128; ++b)
    s.bands.push_back(Band{"ระดับ " + std::to_string(b), "", 100 - b * 0.5});
  e = test::expect_error<ValidationError>([&] { s.validate(); });
  CHECK_THAT(e.message(), Contains("at most 127"));
  s.bands.pop_back();
  s.validate();  // 127 bands: band indexes 0..126 fit int8
  // The lowest of 127 bands is found by both paths.
  std::vector<std::int8_t> h{0}, ex{0}, band(1);
  std::vector<int> maxl{1};
  std::vector<double> results{0}, part(1), total(1);
  ScoringRules r;
  r.weight = 0;
  s.results_weight = 100;
  s.competency_weight = 0;
  score_batch(1, 1, h, ex, maxl, results, r, s, BatchOutput{{}, {}, part, total, band});
  CHECK(band[0] == 126);

  // From a profile file: located at the band.
  const std::string profile =
      R"({"format": "samatthana-profile/1", "id": "p", "positions": [{"code": "K1", "expected": 1}],
    "scheme": {"bands": [{"th": "ดีเยี่ยม", "min": 101}, {"th": "ดี", "min": 0}]}})";
  e = test::expect_error<ValidationError>([&] { (void)parse_profile(profile, "p.json"); });
  CHECK_THAT(e.message(), Contains("ดีเยี่ยม"));
  CHECK(e.where().file == "p.json");
}

TEST_CASE("engine: a results column and a results file are one source too many", "[engine]") {
  const auto fw = framework_of({4, 4});
  const RatingsTable t = one_person(fw, {1, 1}, 50);
  ResultsTable res = read_results_csv("person_id,results\nP1,80\n", "results.csv");
  const auto e = test::expect_error<ValidationError>(
      [&] { (void)score_cohort(t, flat_profile(1), {.results = res}); });
  CHECK(e.where().file == "ratings.csv");
  CHECK(e.where().path == "results");
  CHECK_THAT(e.message(), Contains("results.csv"));
  CHECK_THAT(e.message(), Contains("one place"));
  // Either one alone is fine.
  CHECK(score_cohort(t, flat_profile(1)).results[0] == 50);
}

TEST_CASE("engine: score_person checks what score_cohort checks", "[engine]") {
  const auto fw = framework_of({2, 3});
  ProfileData d;
  d.id = "too-high";
  d.positions.push_back(PositionProfile{"K1", "", "", 1, {}});
  d.positions.push_back(PositionProfile{"K2", "", "", 3, {}});  // above c0's 2 levels, unused below
  const auto prof = std::make_shared<const Profile>(d);
  const RatingsTable t = one_person(fw, {1, 1}, 50);
  CHECK_THROWS_AS(score_cohort(t, prof), ValidationError);
  CHECK_THROWS_AS(score_person(*fw, *prof, assessment_of(t, "P1")), ValidationError);
  // Results outside 0..100 given to the per-person path directly.
  Assessment a = assessment_of(t, "P1");
  a.results = 100.5;
  CHECK_THROWS_AS(score_person(*fw, *flat_profile(1), a), ValidationError);
}

TEST_CASE("engine: weighted raters weigh a file without rater columns as the supervisor's",
          "[engine]") {
  // Found by fuzz_engine: score_cohort took the single rating of a file without rater columns as
  // the combined rating whatever the supervisor's weight, while score_person weighed it (weight
  // 0: not counted). Both now weigh it.
  const auto fw = framework_of({3, 3});
  const RatingsTable t = one_person(fw, {2, 1}, 50);
  ScoringOptions o;
  o.levels.raters = RaterMode::weighted;
  o.levels.weights.supervisor = 0;
  o.missing = MissingPolicy::zero;
  const CohortScores s = score_cohort(t, flat_profile(1), {}, o);
  const PersonScore ps = score_person(*fw, *flat_profile(1), assessment_of(t, "P1"), o);
  for (std::size_t j = 0; j < 2; ++j) {
    CHECK(s.held[j] == 0);
    CHECK(s.source[j] == static_cast<std::uint8_t>(LevelSource::none));
    CHECK(ps.competencies[j].held == 0);
    CHECK(ps.competencies[j].detail.source == LevelSource::none);
  }
  CHECK(s.part[0] == ps.competency_score);
  o.missing = MissingPolicy::error;
  CHECK_THROWS_AS(score_cohort(t, flat_profile(1), {}, o), ValidationError);
  CHECK_THROWS_AS(score_person(*fw, *flat_profile(1), assessment_of(t, "P1"), o), ValidationError);
  o.levels.weights.supervisor = 50;  // a positive weight: the rating itself
  CHECK(score_cohort(t, flat_profile(1), {}, o).held[0] == 2);
}
