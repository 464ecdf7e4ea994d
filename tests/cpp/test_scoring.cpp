// Scoring rules on the shipped BMA framework, with hand-computed DPIS figures (docs/scoring.md).
#include <catch2/catch.hpp>

#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;

namespace {

const Profile& bma_profile() { return *builtin_profile("bma"); }

Assessment person(std::string position, std::vector<int> levels,
                  std::optional<double> results = {}) {
  Assessment a;
  a.person = Person{"P1", "สมชาย ใจดี", "สำนักงานเขตบางรัก", std::move(position)};
  const char* ids[] = {"integrity", "service", "achievement", "teamwork", "expertise"};
  for (std::size_t i = 0; i < levels.size(); ++i)
    a.ratings.push_back(Rating{ids[i], levels[i], RaterRole::supervisor, "S1", ""});
  a.results = results;
  return a;
}

double part(Method m, const std::string& position, std::vector<int> held, bool cap = true) {
  ScoringOptions o;
  o.rules.method = m;
  o.rules.ratio_cap = cap;
  return score_person(bma_core(), bma_profile(), person(position, std::move(held)), o)
      .competency_score;
}

}  // namespace

TEST_CASE("scoring: the shipped framework and profile fit together", "[scoring]") {
  REQUIRE(bma_core().size() == 5);
  CHECK(bma_core().competency("102").max_level() == 6);
  bma_profile().check(bma_core());
  CHECK(bma_profile().expected(bma_core(), "K2") == std::vector<int>{2, 2, 2, 2, 2});
  CHECK(bma_profile().expected(bma_core(), "วิชาการ ชำนาญการพิเศษ") ==
        std::vector<int>{3, 3, 3, 3, 3});
  CHECK(bma_profile().expected(bma_core(), "ประเภทวิชาการ ระดับเชี่ยวชาญ") ==
        std::vector<int>{3, 3, 3, 3, 3});
  CHECK(bma_profile().position("o3").code == "O3");
  CHECK(bma_profile().position("M2").expected == 3);
  CHECK(builtin_profile("ocsc")->position("M2").expected == 5);
  CHECK_THROWS_AS(bma_profile().position("K9"), LookupError);
  CHECK_THROWS_AS(bma_profile().position(""), LookupError);
  // OCSC profile is for the OCSC frameworks, not the BMA one.
  CHECK_THROWS_AS(builtin_profile("ocsc")->check(bma_core()), ValidationError);
  CHECK(default_profile(bma_core())->id() == "bma-core");
  CHECK(default_profile(*builtin_framework("ocsc-core-2552"))->id() == "ocsc-core");
}

TEST_CASE("scoring: DPIS rounding, halves away from zero, round to 3 then 2", "[scoring]") {
  CHECK(round_dpis(22.8) == 22.8);
  CHECK(round_dpis(26.2449) ==
        Approx(26.25).margin(1e-12));  // 26.245 → 26.25 (one rounding: 26.24)
  CHECK(round_half_away(26.2449, 2) == Approx(26.24).margin(1e-12));
  CHECK(round_dpis(2.675) == Approx(2.68).margin(1e-12));  // stored as 2.67499999…; PHP gives 2.68
  CHECK(round_dpis(-1.005) == Approx(-1.01).margin(1e-12));
  CHECK(round_dpis(23.5714285714) == Approx(23.57).margin(1e-12));
}

TEST_CASE("scoring: bma method (points 0 for level 0, else min(5, 4 + gap))", "[scoring]") {
  CHECK(bma_points(0, 1) == 0);
  CHECK(bma_points(1, 1) == 4);
  CHECK(bma_points(2, 1) == 5);
  CHECK(bma_points(6, 2) == 5);
  CHECK(bma_points(1, 3) == 2);
  CHECK(bma_points(1, 5) == 0);  // OCSC M2 expected 5, held 1: 4 + 1 − 5 = 0
  // K2 meets everything: 5 × 4 = 20 → 20/5/5 × 30 = 24.
  CHECK(part(Method::bma, "K2", {2, 2, 2, 2, 2}) == 24.0);
  // K2, held 3,2,1,2,0 → 5,4,3,4,0 = 16 → 16/5/5 × 30 = 19.2.
  CHECK(part(Method::bma, "K2", {3, 2, 1, 2, 0}) == Approx(19.2).margin(1e-12));
  // Above expected, six-level service at its top: all 5 → 30.
  CHECK(part(Method::bma, "K2", {5, 6, 5, 5, 5}) == 30.0);
  // All level 0 → 0.
  CHECK(part(Method::bma, "O1", {0, 0, 0, 0, 0}) == 0.0);
  // O1 (expected 1): 1,0,2,1,1 → 4,0,5,4,4 = 17 → 20.4.
  CHECK(part(Method::bma, "O1", {1, 0, 2, 1, 1}) == Approx(20.4).margin(1e-12));
}

TEST_CASE("scoring: bar method (3/2/1/0 by levels below expected)", "[scoring]") {
  CHECK(bar_points(3, 3) == 3);
  CHECK(bar_points(4, 3) == 3);
  CHECK(bar_points(2, 3) == 2);
  CHECK(bar_points(1, 3) == 1);
  CHECK(bar_points(0, 3) == 0);
  CHECK(bar_points(0, 5) == 0);
  // K3 (expected 3): 3,2,1,0,4 → 3,2,1,0,3 = 9 → 9/15 × 30 = 18.
  CHECK(part(Method::bar, "K3", {3, 2, 1, 0, 4}) == 18.0);
  // D1 (expected 3): 3,3,3,3,2 → 14 → 28.
  CHECK(part(Method::bar, "D1", {3, 3, 3, 3, 2}) == 28.0);
}

TEST_CASE("scoring: rating method (weighted and equal)", "[scoring]") {
  CHECK(level_rating(2, 2) == 3);
  CHECK(level_rating(4, 2) == 5);
  CHECK(level_rating(6, 2) == 5);
  CHECK(level_rating(1, 3) == 1);
  CHECK(level_rating(0, 0) == 1);
  // Equal weights: K2 held 3,2,1,2,0 → ratings 4,3,2,3,1 = 13 → Σ(r × 20/100) = 2.6 → 2.6/5 × 30
  // = 15.6.
  CHECK(part(Method::rating, "K2", {3, 2, 1, 2, 0}) == Approx(15.6).margin(1e-12));
  // Weights 30,20,20,15,15: 1.2 + 0.6 + 0.4 + 0.45 + 0.15 = 2.8 → 16.8.
  ScoringOptions o;
  o.rules.method = Method::rating;
  o.rules.rating_weights = {30, 20, 20, 15, 15};
  CHECK(
      score_person(bma_core(), bma_profile(), person("K2", {3, 2, 1, 2, 0}), o).competency_score ==
      Approx(16.8).margin(1e-12));
  o.rules.rating_weights = {30, 20, 20, 15, 10};
  CHECK_THROWS_AS((void)score_person(bma_core(), bma_profile(), person("K2", {3, 2, 1, 2, 0}), o),
                  ValidationError);
}

TEST_CASE("scoring: ratio method, capped by default, uncapped as DPIS", "[scoring]") {
  // O3 (expected 2 × 5 = 10): held 9 → 27.
  CHECK(part(Method::ratio, "O3", {1, 2, 2, 2, 2}) == 27.0);
  // K2: held 13 of 10 → capped 30; DPIS's uncapped 39.
  CHECK(part(Method::ratio, "K2", {3, 3, 3, 2, 2}) == 30.0);
  CHECK(part(Method::ratio, "K2", {3, 3, 3, 2, 2}, false) == 39.0);
  // A profile with an override: expected 3,2,3,3,3 = 14; held 11 → 23.571428… → 23.57.
  const Profile p = parse_profile(R"({"format": "samatthana-profile/1", "id": "test",
      "frameworks": ["bma-core-2550"],
      "positions": [{"code": "X1", "expected": 3, "overrides": {"service": 2}}]})");
  p.check(bma_core());
  ScoringOptions o;
  o.rules.method = Method::ratio;
  CHECK(score_person(bma_core(), p, person("X1", {2, 2, 2, 2, 3}), o).competency_score ==
        Approx(23.57).margin(1e-12));
  o.rules.dpis_rounding = false;
  CHECK(score_person(bma_core(), p, person("X1", {2, 2, 2, 2, 3}), o).competency_score ==
        Approx(330.0 / 14.0).margin(1e-12));
}

TEST_CASE("scoring: gaps, total and band (70/30, bands from the table)", "[scoring]") {
  const PersonScore ps =
      score_person(bma_core(), bma_profile(), person("K3", {2, 4, 3, 3, 6 - 1}, 85.0));
  REQUIRE(ps.competencies.size() == 5);
  CHECK(ps.competencies[0].gap == -1);
  CHECK(ps.competencies[1].gap == 1);
  CHECK(ps.competencies[2].gap == 0);
  CHECK(ps.competencies[4].gap == 2);
  // points 3,5,4,4,5 = 21 → 25.2; total 85 × 0.7 = 59.5 + 25.2 = 84.7 → ดีมาก.
  CHECK(ps.competency_score == Approx(25.2).margin(1e-12));
  REQUIRE(ps.total);
  CHECK(*ps.total == Approx(84.7).margin(1e-12));
  CHECK(bma_profile().scheme().bands[*ps.band].th == "ดีมาก");
  const Scheme& s = bma_profile().scheme();
  CHECK(s.band(100).th == "ดีเด่น");
  CHECK(s.band(90).th == "ดีเด่น");
  CHECK(s.band(89.99).th == "ดีมาก");
  CHECK(s.band(80).th == "ดีมาก");
  CHECK(s.band(79.99).th == "ดี");
  CHECK(s.band(60).th == "พอใช้");
  CHECK(s.band(59.99).th == "ต้องปรับปรุง");
  CHECK(s.band(0).th == "ต้องปรับปรุง");
  // 85.7 × 0.7 = 59.99; + 20 = 79.99 → ดี, not ดีมาก.
  CHECK(s.total(85.7, 20) == Approx(79.99).margin(1e-12));
  CHECK(s.band(s.total(85.7, 20)).th == "ดี");
  Scheme bad;
  bad.results_weight = 60;
  CHECK_THROWS_AS(bad.validate(), ValidationError);
  Scheme probation;
  probation.results_weight = probation.competency_weight = 50;
  CHECK_NOTHROW(probation.validate());
}

TEST_CASE("scoring: held level by the strict, threshold and rated policies",
          "[scoring][assessment]") {
  const Competency& integ = bma_core().competency("integrity");  // levels of 2,2,2,2,1 indicators
  std::unordered_map<std::string, Observation> obs{
      {"integrity.1.1", Observation::shown}, {"integrity.1.2", Observation::shown},
      {"integrity.2.1", Observation::shown}, {"integrity.2.2", Observation::not_shown},
      {"integrity.3.1", Observation::shown}, {"integrity.3.2", Observation::shown}};
  HeldLevelOptions strict;
  strict.policy = LevelPolicy::strict;
  HeldLevel h = held_level(integ, {}, obs, strict);
  CHECK(h.level == 1);
  CHECK(h.source == LevelSource::evidence);
  CHECK(h.missing == std::vector<std::string>{"integrity.2.2"});
  CHECK(h.shown_above_gap == std::vector<std::string>{"integrity.3.1", "integrity.3.2"});
  CHECK_FALSE(h.rating_disagrees);

  HeldLevelOptions thr;
  thr.policy = LevelPolicy::threshold;
  thr.threshold = 0.5;
  h = held_level(integ, {}, obs, thr);
  CHECK(h.level == 3);  // 2/2, 1/2 ≥ half, 2/2, then 0/2
  CHECK(h.missing == std::vector<std::string>{"integrity.4.1", "integrity.4.2"});

  // Automatic: the supervisor's rating wins; disagreement with the evidence is flagged.
  Rating r{"integrity", 3, RaterRole::supervisor, "S1", "ดูแลเงินสดย่อยโปร่งใส"};
  const Rating* rs[] = {&r};
  h = held_level(integ, rs, obs);
  CHECK(h.level == 3);
  CHECK(h.source == LevelSource::rating);
  CHECK(h.evidence_level == 1);
  CHECK(h.rating_disagrees);
  // Rated policy without a rating: not assessed.
  HeldLevelOptions rated;
  rated.policy = LevelPolicy::rated;
  CHECK_FALSE(held_level(integ, {}, obs, rated).assessed());
  // Nothing at all: not assessed (never silently 0).
  CHECK_FALSE(held_level(integ, {}, std::unordered_map<std::string, Observation>{}).assessed());
  // Everything shown: the top level, nothing missing.
  std::unordered_map<std::string, Observation> all;
  for (const auto* ind : integ.indicators_through(5)) all[ind->id] = Observation::shown;
  h = held_level(integ, {}, all, strict);
  CHECK(h.level == 5);
  CHECK(h.missing.empty());
}

TEST_CASE("scoring: several raters, supervisor only or weighted with stated rounding",
          "[scoring][assessment]") {
  Rating sup{"teamwork", 3, RaterRole::supervisor, "S", ""},
      self{"teamwork", 4, RaterRole::self, "P", ""}, peer{"teamwork", 2, RaterRole::peer, "Q", ""},
      sub{"teamwork", 2, RaterRole::subordinate, "R", ""};
  const Rating* rs[] = {&sup, &self, &peer, &sub};
  HeldLevelOptions o;
  CHECK(combine_ratings(rs, o) == 3);  // supervisor only
  o.raters = RaterMode::weighted;      // 0.5×3 + 0.1×4 + 0.2×2 + 0.2×2 = 2.7
  CHECK(combine_ratings(rs, o) == 3);
  o.rounding = RaterRounding::down;
  CHECK(combine_ratings(rs, o) == 2);
  o.rounding = RaterRounding::nearest_half_up;
  o.weights = {50, 0, 50, 0};  // (3 + 2) / 2 = 2.5 → 3
  CHECK(combine_ratings(rs, o) == 3);
  const Rating* self_only[] = {&self};
  CHECK_FALSE(combine_ratings(self_only, HeldLevelOptions{}).has_value());
}

TEST_CASE("scoring: development targets between held and expected, stretch above", "[scoring]") {
  // K3 expects 3 everywhere. integrity held 1 → levels 2–3; service held 3 → stretch 4; teamwork
  // held 4 → stretch 5; service at 6 would have none.
  const std::vector<int> held{1, 3, 0, 4, 5}, exp{3, 3, 3, 3, 3};
  const auto t = development_targets(bma_core(), held, exp);
  REQUIRE(t.size() == 4);  // expertise at 5 (its top) has no target
  CHECK(t[0].competency == "integrity");
  CHECK_FALSE(t[0].stretch);
  CHECK(t[0].from_level == 2);
  CHECK(t[0].to_level == 3);
  std::vector<std::string> ids;
  for (const auto* i : t[0].indicators) ids.push_back(i->id);
  CHECK(ids == std::vector<std::string>{"integrity.2.1", "integrity.2.2", "integrity.3.1",
                                        "integrity.3.2"});
  CHECK(t[1].competency == "service");
  CHECK(t[1].stretch);
  CHECK(t[1].to_level == 4);
  CHECK(t[1].indicators.size() == 3);  // service.4.1–4.3
  CHECK(t[2].competency == "achievement");
  CHECK(t[2].from_level == 1);
  CHECK(t[2].indicators.size() == 4 + 3 + 3);
  CHECK(t[3].competency == "teamwork");
  CHECK(t[3].stretch);
  CHECK(t[3].to_level == 5);
  const std::vector<int> top{5, 6, 5, 5, 5};
  CHECK(development_targets(bma_core(), top, exp).empty());
}

TEST_CASE("scoring: batch path equals the per-person rules", "[scoring]") {
  const std::size_t n = 3, c = 5;
  const std::vector<std::int8_t> held{2, 2, 2, 2, 2, 3, 2, 1, 2, 0, 5, 6, 5, 5, 5};
  const std::vector<std::int8_t> exp{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
  const std::vector<int> maxl{5, 6, 5, 5, 5};
  const std::vector<double> results{100, 85, std::numeric_limits<double>::quiet_NaN()};
  std::vector<std::int8_t> gap(n * c), band(n);
  std::vector<double> pts(n * c), prt(n), tot(n);
  ScoringRules rules;
  score_batch(n, c, held, exp, maxl, results, rules, bma_profile().scheme(),
              {gap, pts, prt, tot, band});
  CHECK(prt == std::vector<double>{24.0, 19.2, 30.0});
  CHECK(tot[0] == Approx(94.0));
  CHECK(tot[1] == Approx(78.7));
  CHECK(std::isnan(tot[2]));
  CHECK(band == std::vector<std::int8_t>{0, 2, -1});
  CHECK(gap[5] == 1);
  CHECK(pts[9] == 0);
  std::vector<std::int8_t> bad = held;
  bad[6] = 7;  // service 7
  CHECK_THROWS_AS(score_batch(n, c, bad, exp, maxl, results, rules, bma_profile().scheme(),
                              {gap, pts, prt, tot, band}),
                  ValidationError);
}

TEST_CASE("scoring: profile files are validated with JSON paths", "[scoring]") {
  try {
    (void)parse_profile(R"({"format": "samatthana-profile/1", "id": "x",
        "positions": [{"code": "K1", "expected": 1, "rank": 3}]})",
                        "p.json");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.where().path == "$.positions[0].rank");
    CHECK(e.where().file == "p.json");
  }
  try {
    (void)parse_profile(R"({"format": "samatthana-profile/1", "id": "x",
        "scheme": {"results_weight": 70, "competency_weight": 20},
        "positions": [{"code": "K1", "expected": 1}]})");
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.where().path == "$.scheme");
    CHECK_THAT(e.message(), Contains("sum to 100"));
  }
  const Profile p = parse_profile(R"({"format": "samatthana-profile/1", "id": "x",
      "frameworks": ["bma-core-2550"],
      "positions": [{"code": "K1", "expected": 1, "overrides": {"leadership": 2}}]})");
  CHECK_THROWS_AS(p.check(bma_core()), LookupError);
  const Profile q = parse_profile(R"({"format": "samatthana-profile/1", "id": "x",
      "positions": [{"code": "K1", "expected": 6}]})");
  CHECK_THROWS_AS(q.check(bma_core()), ValidationError);  // integrity has 5 levels
}
