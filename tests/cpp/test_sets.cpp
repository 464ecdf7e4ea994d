// Per-position competency sets (issue 19): the ocsc-full profile over the combined OCSC 2552
// framework, job lines, scoring over each person's own set by every path (docs/profiles.md,
// docs/scoring.md "Per-position sets"; the sample cohort's figures are checked by hand there).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Framework> full() { return builtin_framework("ocsc-full-2552"); }
std::shared_ptr<const Profile> full_profile() { return builtin_profile("ocsc-full"); }

std::string sample_path() {
  return std::string(SAMATTHANA_SOURCE_DIR) + "/data/samples/ratings-ocsc-full.csv";
}

/// Ids of the competencies with an expected level (not kNotAppraised).
std::vector<std::string> set_of(const Framework& fw, const std::vector<int>& exp) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < exp.size(); ++j)
    if (exp[j] != kNotAppraised) out.push_back(std::string(fw.competencies()[j].code("dpis")));
  return out;
}

Person person(std::string position, std::string job_line = "") {
  Person p;
  p.id = "P1";
  p.position = std::move(position);
  p.job_line = std::move(job_line);
  return p;
}

Assessment rated(Person p, const std::vector<std::pair<std::string, int>>& levels) {
  Assessment a;
  a.person = std::move(p);
  for (const auto& [code, l] : levels)
    a.ratings.push_back(Rating{code, l, RaterRole::supervisor, "", ""});
  return a;
}

}  // namespace

TEST_CASE("sets: the combined OCSC 2552 framework holds core, managerial and functional",
          "[sets]") {
  const auto fw = full();
  REQUIRE(fw->size() == 27);
  CHECK(fw->competency("101").group == Group::core);
  CHECK(fw->competency("206").group == Group::managerial);
  CHECK(fw->competency("316").group == Group::functional);
  CHECK(fw->level_zero().th == builtin_framework("ocsc-core-2552")->level_zero().th);
  CHECK(builtin_framework("ocsc-full") == fw);  // short name, one shared object
  // Not a file: the listing of built-in framework files is unchanged.
  const auto ids = builtin_framework_ids();
  CHECK(std::find(ids.begin(), ids.end(), "ocsc-full-2552") == ids.end());
  // Clashing parts are refused.
  const Framework* twice[] = {builtin_framework("ocsc-core-2552").get(),
                              builtin_framework("ocsc-core-2552").get()};
  CHECK_THROWS_AS(combine_frameworks("x", "1", Text{"x", "", {}, {}}, twice), ValidationError);
}

TEST_CASE("sets: who is appraised on what (DPIS's sets and expected levels)", "[sets]") {
  const auto fw = full();
  const auto prof = full_profile();
  prof->check(*fw);
  REQUIRE(prof->has_sets());
  // O1: core only (DPIS's functional target 0 leaves them off the form).
  const auto o1 = prof->expected(*fw, person("O1", "EX07"));
  CHECK(set_of(*fw, o1) == std::vector<std::string>{"101", "102", "103", "104", "105"});
  CHECK(o1[0] == 1);
  // K2 of a job line: core 2 and the line's three functional competencies at 2.
  const auto k2 = prof->expected(*fw, person("K2", "นักทรัพยากรบุคคล"));
  CHECK(set_of(*fw, k2) ==
        std::vector<std::string>{"101", "102", "103", "104", "105", "301", "303", "307"});
  CHECK(k2[*fw->find("303")] == 2);
  // D1: core 3, managerial 1 (all six), functional 3.
  const auto d1 = prof->expected(*fw, person("อำนวยการ ต้น", "ex08"));
  CHECK(set_of(*fw, d1).size() == 14);
  CHECK(d1[*fw->find("101")] == 3);
  CHECK(d1[*fw->find("201")] == 1);
  CHECK(d1[*fw->find("302")] == 3);
  const auto m2 = prof->expected(*fw, person("M2", "EX08"));
  CHECK(m2[*fw->find("101")] == 5);
  CHECK(m2[*fw->find("206")] == 4);
  // A job line is needed where functional competencies are appraised, and must be known.
  CHECK_THROWS_WITH(prof->expected(*fw, person("K2")), Contains("job_line"));
  CHECK_THROWS_AS(prof->expected(*fw, person("K2", "นักบินอวกาศ")), LookupError);
  // ... but not for O1 (no functional competencies).
  CHECK(set_of(*fw, prof->expected(*fw, person("O1"))).size() == 5);
}

TEST_CASE("sets: the government-employee profile", "[sets]") {
  const auto fw = full();
  const auto prof = builtin_profile("ocsc-employee");
  prof->check(*fw);
  const auto e4 = prof->expected(*fw, person("E4", "EX01"));
  CHECK(set_of(*fw, e4).size() == 8);
  CHECK(e4[*fw->find("101")] == 3);
  CHECK(e4[*fw->find("201")] == kNotAppraised);
  CHECK(prof->expected(*fw, person("S3", "EX01"))[*fw->find("301")] == 5);
  CHECK(prof->expected(*fw, person("E7", "EX01"))[*fw->find("102")] == 1);
}

TEST_CASE("sets: profile files with groups and job lines are checked", "[sets]") {
  auto parse = [](const std::string& positions, const std::string& extra = "") {
    return parse_profile(R"({"format": "samatthana-profile/1", "id": "t", "positions": [)" +
                             positions + "]" + extra + "}",
                         "t.json");
  };
  CHECK_THROWS_WITH(parse(R"({"code": "O1", "groups": {"core": 1, "functional": 0}})"),
                    Contains("leave a group out"));
  CHECK_THROWS_WITH(parse(R"({"code": "O1", "groups": {"corps": 1}})"), Contains("unknown group"));
  CHECK_THROWS_WITH(parse(R"({"code": "O1", "expected": 1, "groups": {"core": 1}})"),
                    Contains("not both"));
  CHECK_THROWS_WITH(parse(R"({"code": "O1", "groups": {"core": 1}})",
                          R"(, "job_lines": {"lines": [{"name": "a", "competencies": []}]})"),
                    Contains("at least one"));
  const Profile p =
      parse(R"({"code": "K1", "groups": {"core": 1, "functional": 1}})",
            R"(, "job_lines": {"lines": [{"name": "a", "competencies": ["integrity"]}]})");
  CHECK_THROWS_WITH(p.check(*full()), Contains("functional competencies only"));
  const Profile q = parse(R"({"code": "K1", "groups": {"core": 1}, "overrides": {"301": 2}})");
  CHECK_THROWS_WITH(q.check(*full()), Contains("not appraised on"));
  // Old profiles: every competency, as before.
  CHECK_FALSE(builtin_profile("ocsc")->has_sets());
  CHECK(builtin_profile("ocsc")->expected(*builtin_framework("ocsc-core-2552"), "K2") ==
        std::vector<int>(5, 2));
}

TEST_CASE("sets: one person scored over their own set, DPIS-exact", "[sets]") {
  const auto fw = full();
  const auto prof = full_profile();
  ScoringOptions o;
  o.rules.method = Method::bar;
  // D1 of EX08: 14 competencies; Σ bar points 37 → 37 / 42 × 30 = 26.428… → 26.43.
  const Assessment d1 = rated(person("D1", "นักบริหาร"), {{"101", 3},
                                                        {"102", 3},
                                                        {"103", 2},
                                                        {"104", 3},
                                                        {"105", 3},
                                                        {"201", 1},
                                                        {"202", 2},
                                                        {"203", 1},
                                                        {"204", 0},
                                                        {"205", 1},
                                                        {"206", 1},
                                                        {"302", 3},
                                                        {"304", 2},
                                                        {"308", 1}});
  const PersonScore ps = score_person(*fw, *prof, d1, o);
  CHECK(ps.competencies.size() == 14);
  CHECK(ps.competency_score == Approx(26.43));
  // The other methods over the same 14.
  o.rules.method = Method::ratio;  // Σheld 26 / Σexpected (15 + 6 + 9 = 30) → 26.00
  CHECK(score_person(*fw, *prof, d1, o).competency_score == Approx(26.0));
  // A rating outside the set is a located error; development targets cover the set only.
  Assessment extra = d1;
  extra.ratings.push_back(Rating{"301", 2, RaterRole::supervisor, "", ""});
  o.rules.method = Method::bar;
  CHECK_THROWS_WITH(score_person(*fw, *prof, extra, o),
                    Contains("is not appraised on 'analytical_thinking'"));
  CHECK(development_targets(*fw, std::span<const CompetencyScore>(ps.competencies)).size() == 14);
  // Weighted ratings cannot apply to sets that differ.
  o.rules.method = Method::rating;
  o.rules.rating_weights.assign(27, 100.0 / 27);
  CHECK_THROWS_WITH(score_person(*fw, *prof, d1, o), Contains("equal weights"));
}

TEST_CASE("sets: the mixed sample cohort, CSV reader to totals, per-person and batch alike",
          "[sets]") {
  const auto fw = full();
  const auto prof = full_profile();
  const RatingsTable t = load_ratings_csv(sample_path(), fw);
  REQUIRE(t.size() == 5);
  CHECK(t.people[1].job_line == "EX07");
  ScoringOptions o;
  o.rules.method = Method::bar;
  const CohortScores s = score_cohort(t, prof, {}, o);
  // docs/scoring.md, "Per-position sets": the figures checked by hand.
  const double part[] = {28.00, 27.50, 25.00, 26.43, 25.71};
  const double total[] = {84.00, 80.00, 91.50, 85.93, 74.71};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(s.part[i] == Approx(part[i]));
    CHECK(s.total[i] == Approx(total[i]));
    // The per-person path gives the same, bit for bit.
    const PersonScore ps = score_person(*fw, *prof, assessment_of(t, t.people[i].id), o);
    CHECK(ps.competency_score == s.part[i]);
    REQUIRE(ps.total);
    CHECK(*ps.total == s.total[i]);
  }
  CHECK(s.band[2] == 0);  // ดีเด่น
  CHECK(s.band[4] == 2);  // ดี
  // Cells outside a set: not scored.
  const std::size_t j301 = *fw->find("301");
  CHECK_FALSE(s.is_appraised(0, j301));
  CHECK(s.held[j301] == -1);
  CHECK(std::isnan(s.points[j301]));
  // Summaries per competency over those appraised on it.
  const auto all = summarize(s, GroupBy::all);
  REQUIRE(all.size() == 1);
  CHECK(all[0].appraised[*fw->find("101")] == 5);
  CHECK(all[0].appraised[*fw->find("201")] == 2);
  CHECK(all[0].appraised[*fw->find("310")] == 1);
  CHECK(all[0].appraised[*fw->find("301")] == 1);
  CHECK(all[0].share_meeting[*fw->find("201")] == Approx(1.0));  // D1 1 of 1, M1 3 of 3
  CHECK(all[0].share_meeting[*fw->find("204")] == Approx(0.5));  // D1 0 of 1, M1 3 of 3
  CHECK(all[0].mean_gap[*fw->find("204")] == Approx(-0.5));
  // Outputs: empty CSV cells, JSON with the person's own competencies, a job_line column.
  const std::string csv = scores_csv(s);
  CHECK_THAT(csv, Contains("person_id,name,unit,position,job_line,competency_score"));
  CHECK_THAT(csv, Contains("S01,สุดา ทองดี,กองการเจ้าหน้าที่,O1,เจ้าพนักงานธุรการ,28.00,1,1,0,3,"));
  const std::string json = scores_json(s);
  CHECK_THAT(json, Contains("\"job_line\": \"EX07\""));
  CHECK_THAT(summary_text(s), Contains("ผู้รับการประเมิน"));
}

TEST_CASE("sets: ratings or evidence outside a person's set are located errors", "[sets]") {
  const auto fw = full();
  const auto prof = full_profile();
  const std::string head = "person_id,position,job_line,101,102,103,104,105,301\n";
  // O1 rated on a functional competency.
  const RatingsTable t = read_ratings_csv(head + "A1,O1,EX01,1,1,1,1,1,2\n", fw, "r.csv");
  try {
    (void)score_cohort(t, prof);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().path == "301");
    CHECK_THAT(e.message(), Contains("is not appraised on 'analytical_thinking'"));
  }
  // A blank cell outside the set is fine; a K2 without a job line is an error at its row.
  const RatingsTable ok = read_ratings_csv(head + "A1,O1,,1,1,1,1,1,\n", fw, "r.csv");
  CHECK(score_cohort(ok, prof).part[0] == 24.0);  // default rules: bma, 4 points each
  const RatingsTable nol = read_ratings_csv(head + "A1,K2,,1,1,1,1,1,2\n", fw, "r.csv");
  try {
    (void)score_cohort(nol, prof);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().path == "job_line");
  }
  const RatingsTable unknown =
      read_ratings_csv(head + "A1,K2,นักบินอวกาศ,1,1,1,1,1,2\n", fw, "r.csv");
  CHECK_THROWS_AS(score_cohort(unknown, prof), LookupError);
  // Evidence for a competency outside the set.
  const EvidenceTable ev = read_evidence_csv(
      "person_id,indicator_id,observation\nA1,leadership.1.1,shown\n", *fw, "e.csv");
  try {
    (void)score_cohort(ok, prof, {.evidence = ev});
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(e.where().file == "e.csv");
    CHECK(e.where().line == 2);
  }
}

TEST_CASE("sets: batch scoring over per-person sets", "[sets][engine]") {
  // Two people × 3 competencies (max level 5): the first on all three, the second on two.
  const std::int8_t held[] = {3, 2, 1, 2, 0, 5};
  const std::int8_t exp[] = {2, 2, 2, 2, 0, 4};
  const std::uint8_t appraised[] = {1, 1, 1, 1, 0, 1};
  const int maxl[] = {5, 5, 5};
  ScoringRules rules;
  rules.method = Method::bar;
  std::vector<double> part(2), points(6);
  std::vector<std::int8_t> gap(6);
  BatchOutput out{gap, points, part, {}, {}};
  score_batch(2, 3, held, exp, maxl, {}, rules, Scheme{}, out, appraised);
  CHECK(part[0] == Approx(8.0 / 9 * 30).epsilon(1e-3));  // 3 + 3 + 2 = 8 of 9 → 26.67
  CHECK(part[0] == 26.67);
  CHECK(part[1] == 30.0);  // 3 + 3 of 6
  CHECK(std::isnan(points[4]));
  // Nothing appraised: an error naming the row.
  const std::uint8_t none[] = {1, 1, 1, 0, 0, 0};
  CHECK_THROWS_WITH(score_batch(2, 3, held, exp, maxl, {}, rules, Scheme{}, out, none),
                    Contains("row 1"));
}

TEST_CASE("sets: the CLI scores the mixed cohort with --profile ocsc-full alone", "[sets][cli]") {
  namespace fs = std::filesystem;
  const fs::path out =
      fs::temp_directory_path() / ("samatthana-sets-" + std::to_string(::getpid()) + ".csv");
  const std::string cli = std::string(SAMATTHANA_CLI);
  const std::string cmd =
      cli + " score " + sample_path() + " --profile ocsc-full -o " + out.string();
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Contains(",91.50,ดีเด่น"));
  fs::remove(out);
}

TEST_CASE("sets: batch and per-person paths agree on random sets, every method", "[sets][engine]") {
  // score_batch with an appraised mask against part_score over each person's own competencies:
  // the one formula, bit for bit.
  std::uint32_t seed = 12345;
  auto next = [&seed](std::uint32_t m) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % m;
  };
  const std::size_t n = 200, c = 9;
  std::vector<int> maxl(c);
  for (auto& m : maxl) m = 3 + static_cast<int>(next(4));
  std::vector<std::int8_t> held(n * c), exp(n * c);
  std::vector<std::uint8_t> appraised(n * c);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      held[i * c + j] = static_cast<std::int8_t>(next(static_cast<std::uint32_t>(maxl[j]) + 1));
      exp[i * c + j] = static_cast<std::int8_t>(next(static_cast<std::uint32_t>(maxl[j]) + 1));
      appraised[i * c + j] = next(3) != 0;
    }
    appraised[i * c + next(c)] = 1;  // at least one
  }
  for (const Method m : {Method::bma, Method::bar, Method::rating, Method::ratio}) {
    for (const bool cap : {true, false}) {
      ScoringRules rules;
      rules.method = m;
      rules.ratio_cap = cap;
      std::vector<double> part(n);
      score_batch(n, c, held, exp, maxl, {}, rules, Scheme{}, BatchOutput{{}, {}, part, {}, {}},
                  appraised);
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<int> h, e;
        for (std::size_t j = 0; j < c; ++j)
          if (appraised[i * c + j]) {
            h.push_back(held[i * c + j]);
            e.push_back(exp[i * c + j]);
          }
        INFO("method " << to_string(m) << ", row " << i);
        CHECK(part[i] == part_score(h, e, rules));
      }
    }
  }
}

TEST_CASE("sets: a person appraised on no competency of the framework is named", "[sets]") {
  const auto prof = std::make_shared<const Profile>(parse_profile(
      R"({"format": "samatthana-profile/1", "id": "t", "positions": [{"code": "D1", "groups": {"managerial": 1}}]})",
      "t.json"));
  const auto core = builtin_framework("ocsc-core-2552");  // no managerial competencies
  const RatingsTable t = read_ratings_csv("person_id,position\nA1,D1\n", core, "r.csv");
  try {
    (void)score_cohort(t, prof);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK_THAT(e.message(), Contains("person 'A1' (D1) is appraised on no competency"));
    CHECK(e.where().line == 2);
  }
  Assessment a;
  a.person = person("D1");
  CHECK_THROWS_WITH(score_person(*core, *prof, a), Contains("appraised on no competency"));
}
