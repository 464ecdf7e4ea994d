// Several raters per person in ratings files: one row per rater (rater_role, rater_id), the
// supervisor's rating as the BMA counts it, or every rater combined by role with stated weights
// and rounding. Figures computed by hand in the comments.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "helpers.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;

namespace {
using test::bma;
using test::expect_error;

// Columns: integrity, service, achievement, teamwork, expertise (maxima 5, 6, 5, 5, 5).
// P1 is K2 (expected 2 everywhere), P2 is O1 (expected 1).
const std::string kHeader =
    "person_id,name,unit,position,rater_role,rater_id,results,integrity,service,achievement,"
    "teamwork,expertise\n";
const std::string kFile = kHeader +
                          "P1,สมชาย ใจดี,สำนักการแพทย์,K2,supervisor,S1,80,2,2,2,2,1\n"  // line 2
                          "P1,,,,self,,,3,4,3,3,3\n"                                  // line 3
                          "P1,,,,peer,A,,3,2,1,2,2\n"                                 // line 4
                          "P1,,,,peer,B,,3,2,2,2,2\n"                                 // line 5
                          "P1,,,,subordinate,X,,3,3,,2,2\n"                           // line 6
                          "P2,วิภาวรรณ แก้วมณี,สำนักอนามัย,O1,ตนเอง,,,2,2,2,2,2\n"         // line 7
                          "P2,,,,ผู้บังคับบัญชา,S9,70,1,1,1,1,1\n";                        // line 8
}  // namespace

TEST_CASE("raters: a file with rater columns has one row per rater", "[scoring][raters]") {
  const RatingsTable t = read_ratings_csv(kFile, bma(), "raters.csv");
  REQUIRE(t.size() == 2);
  REQUIRE(t.has_raters());
  REQUIRE(t.raters.size() == 7);
  CHECK(t.people[0].id == "P1");
  CHECK(t.people[0].name == "สมชาย ใจดี");
  CHECK(t.people[1].position == "O1");
  CHECK(t.lines == std::vector<std::size_t>{2, 7});  // the person's first row
  // `levels` is what the BMA counts: the supervisor's row (P2's supervisor comes second).
  CHECK(t.levels == std::vector<std::int8_t>{2, 2, 2, 2, 1, 1, 1, 1, 1, 1});
  CHECK(t.results == std::vector<double>{80, 70});  // P2's results are on its second row
  CHECK(t.raters[1].role == RaterRole::self);
  CHECK(t.raters[1].rater_id.empty());
  CHECK(t.raters[2].rater_id == "A");
  CHECK(t.raters[5].role == RaterRole::self);  // Thai role names
  CHECK(t.raters[6].role == RaterRole::supervisor);
  CHECK(t.raters[6].person == 1);
  CHECK(t.raters[6].line == 8);
  // The subordinate left achievement empty.
  CHECK(std::vector<std::int8_t>(t.rater_levels.begin() + 4 * 5, t.rater_levels.begin() + 5 * 5) ==
        std::vector<std::int8_t>{3, 3, -1, 2, 2});
}

TEST_CASE("raters: supervisor only by default, weighted by role on request", "[scoring][raters]") {
  const RatingsTable t = read_ratings_csv(kFile, bma(), "raters.csv");
  ScoringOptions opt;
  SECTION("supervisor only (the BMA): others are read, not counted") {
    const CohortScores s = score_cohort(t, nullptr, {}, opt);
    CHECK(s.held == std::vector<std::int8_t>{2, 2, 2, 2, 1, 1, 1, 1, 1, 1});
    // BMA points (4 for meeting the expected level, 5 above, 3 one below) P1: gaps 0,0,0,0,-1
    // → 4,4,4,4,3 = 19 → 19/25 × 30 = 22.8; total 80 × 0.7 + 22.8 = 78.8.
    CHECK(s.part[0] == Approx(22.8));
    CHECK(s.total[0] == Approx(78.8));
  }
  SECTION("weighted, default weights supervisor 50, self 10, peer 20, subordinate 20, nearest") {
    opt.levels.raters = RaterMode::weighted;
    const CohortScores s = score_cohort(t, nullptr, {}, opt);
    // P1 integrity: 2×50 + 3×10 + mean(3,3)×20 + 3×20 = 250 / 100 = 2.5 → 3 (halves up)
    //    service:   2×50 + 4×10 + mean(2,2)×20 + 3×20 = 240 / 100 = 2.4 → 2
    //    achievement: 2×50 + 3×10 + mean(1,2)×20 (no subordinate) = 160 / 80 = 2.0 → 2
    //    teamwork:  2×50 + 3×10 + 2×20 + 2×20 = 210 / 100 = 2.1 → 2
    //    expertise: 1×50 + 3×10 + 2×20 + 2×20 = 160 / 100 = 1.6 → 2
    // P2: supervisor 1 ×50, self 2 ×10 → 70 / 60 = 1.1667 → 1 everywhere.
    CHECK(s.held == std::vector<std::int8_t>{3, 2, 2, 2, 2, 1, 1, 1, 1, 1});
    // P1 BMA points: gaps 1,0,0,0,0 → 5,4,4,4,4 = 21 → 21/25 × 30 = 25.2
    CHECK(s.part[0] == Approx(25.2));
  }
  SECTION("weighted, rounding down: 2.5 is not yet level 3") {
    opt.levels.raters = RaterMode::weighted;
    opt.levels.rounding = RaterRounding::down;
    const CohortScores s = score_cohort(t, nullptr, {}, opt);
    CHECK(s.held == std::vector<std::int8_t>{2, 2, 2, 2, 1, 1, 1, 1, 1, 1});
  }
  SECTION("weighted with own weights: roles weighing 0 do not count") {
    opt.levels.raters = RaterMode::weighted;
    opt.levels.weights = RaterWeights{1, 0, 1, 0};
    const CohortScores s = score_cohort(t, nullptr, {}, opt);
    // P1: mean(supervisor, mean of peers): integrity (2+3)/2 = 2.5 → 3; service 2; achievement
    // (2+1.5)/2 = 1.75 → 2; teamwork 2; expertise (1+2)/2 = 1.5 → 2. P2 has no peer: its
    // supervisor.
    CHECK(s.held == std::vector<std::int8_t>{3, 2, 2, 2, 2, 1, 1, 1, 1, 1});
  }
  SECTION("explanations see every rater") {
    const Assessment a = assessment_of(t, "P1");
    CHECK(a.ratings.size() == 24);  // 5 + 5 + 5 + 5 + 4 filled cells
    opt.levels.raters = RaterMode::weighted;
    const PersonScore ps = score_person(*t.framework, *default_profile(*t.framework), a, opt);
    CHECK(ps.competencies[0].held == 3);
    CHECK(ps.competencies[0].detail.rated == 3);
  }
}

TEST_CASE("raters: a person without a supervisor row", "[scoring][raters]") {
  const std::string csv = kHeader + "P1,ก ข,หน่วย,K2,self,,75,2,2,2,2,2\n";
  const RatingsTable t = read_ratings_csv(csv, bma(), "r.csv");
  CHECK(t.levels == std::vector<std::int8_t>(5, -1));
  ScoringOptions opt;
  auto e = expect_error<ValidationError>([&] { (void)score_cohort(t, nullptr, {}, opt); });
  CHECK_THAT(e.message(), Contains("only raters other than the supervisor rated it"));
  CHECK(e.where().line == 2);
  opt.levels.raters = RaterMode::weighted;
  opt.rules.method = Method::bar;
  CHECK(score_cohort(t, nullptr, {}, opt).held == std::vector<std::int8_t>(5, 2));
}

TEST_CASE("raters: malformed rater rows are reported with row, column and value",
          "[scoring][raters]") {
  auto read = [](const std::string& rows) {
    return read_ratings_csv(kHeader + rows, bma(), "r.csv");
  };
  {
    auto e = expect_error<ValidationError>([&] {
      (void)read(
          "P1,สมชาย ใจดี,หน่วย,K2,supervisor,S1,,2,2,2,2,2\nP1,สมหญิง ใจดี,,,self,,,2,2,2,2,2\n");
    });
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 2);
    CHECK(e.where().value == "สมหญิง ใจดี");
    CHECK_THAT(e.message(),
               Contains("name differs from this person's row on line 2 ('สมชาย ใจดี')"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read("P1,,,K2,supervisor,S1,,2,2,2,2,2\nP1,,,K3,self,,,2,2,2,2,2\n"); });
    CHECK(e.where().column == 4);
    CHECK_THAT(e.message(), Contains("position differs"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read("P1,,,K2,supervisor,S1,80,2,2,2,2,2\nP1,,,,self,,75,2,2,2,2,2\n"); });
    CHECK(e.where().column == 7);
    CHECK_THAT(e.message(), Contains("results differs from this person's row on line 2 (80)"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read("P1,,,K2,peer,A,,2,2,2,2,2\nP1,,,,peer,A,,3,3,3,3,3\n"); });
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 6);
    CHECK(e.where().value == "A");
    CHECK_THAT(e.message(), Contains("this rater (peer 'A') already rated this person on line 2"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read("P1,,,K2,self,,,2,2,2,2,2\nP1,,,,self,,,3,3,3,3,3\n"); });
    CHECK(e.where().column == 5);
    CHECK_THAT(e.message(),
               Contains("a second self row for this person without a rater_id (first on line 2)"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read("P1,,,K2,supervisor,S1,,2,2,2,2,2\nP1,,,,supervisor,S2,,2,3,,2,2\n"); });
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 9);  // service
    CHECK(e.where().value == "3");
    CHECK_THAT(
        e.message(),
        Contains("a second supervisor rating of 'service' (3) differs from the one on line 2 (2)"));
  }
  {
    // Two supervisors who agree are one rating.
    const RatingsTable t = read("P1,,,K2,supervisor,S1,,2,2,,2,2\nP1,,,,supervisor,S2,,2,2,4,,2\n");
    CHECK(t.levels == std::vector<std::int8_t>{2, 2, 4, 2, 2});
  }
  {
    auto e = expect_error<ParseError>([&] { (void)read("P1,,,K2,boss,,,2,2,2,2,2\n"); });
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 5);
    CHECK(e.where().value == "boss");
    CHECK_THAT(e.message(),
               Contains("not a rater role: write supervisor, self, peer or subordinate"));
  }
  {
    auto e = expect_error<ParseError>([&] { (void)read("P1,,,K2,,,,2,2,2,2,2\n"); });
    CHECK_THAT(e.message(), Contains("rater_role is empty"));
  }
  {
    auto e = expect_error<ValidationError>([&] { (void)read("P1,,,K2,self,,,2,7,2,2,2\n"); });
    CHECK(e.where().column == 9);
  }
  {
    auto e = expect_error<ValidationError>([&] {
      (void)read_ratings_csv("person_id,position,rater_id,integrity\nP1,K2,S1,2\n", bma(), "r.csv");
    });
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 3);
    CHECK_THAT(e.message(), Contains("a rater_id column needs a rater_role column"));
  }
}

TEST_CASE("raters: the builder checks what the binding gives it", "[scoring][raters]") {
  RatingsBuilder b(bma(), "<DataFrame>", {}, false);
  auto where = [](std::string_view col, std::string_view value) {
    Location w;
    w.path = std::string(col);
    w.value = std::string(value);
    return w;
  };
  const std::vector<std::int8_t> ok{1, 2, 3, 4, 5}, too_high{1, 7, 3, 4, 5}, short_row{1, 2};
  b.add(Person{"A", "", "", "K1"}, RaterRole::supervisor, "", ok, NAN, 1, where);
  auto e = expect_error<ValidationError>([&] {
    b.add(Person{"A", "", "", ""}, RaterRole::peer, "", too_high, NAN, 2, where);
  });
  CHECK(e.where().path == "service");
  CHECK_THROWS_AS(b.add(Person{"A", "", "", ""}, RaterRole::peer, "", short_row, NAN, 3, where),
                  ValidationError);
  CHECK_THROWS_AS(b.add(Person{"", "", "", ""}, RaterRole::peer, "", ok, NAN, 4, where),
                  ValidationError);
  const RatingsTable t = std::move(b).finish();
  CHECK(t.size() == 1);
  CHECK(t.raters.size() == 1);
}

TEST_CASE("ratings columns: the columnar reader gives what the table reader gives",
          "[scoring][csv]") {
  const std::string dir = std::string(SAMATTHANA_SOURCE_DIR) + "/data/samples/";
  {
    const RatingsTable t = load_ratings_csv(dir + "ratings.csv", bma());
    const RatingsColumns c = load_ratings_columns(dir + "ratings.csv", bma());
    REQUIRE(c.rows == t.size());
    CHECK_FALSE(c.has_raters);
    CHECK(c.levels == t.levels);
    CHECK(c.lines == t.lines);
    CHECK(c.columns == t.columns);
    CHECK(c.offsets[RatingsColumns::rater_role].empty());
    for (std::size_t i = 0; i < t.size(); ++i) {
      CHECK(c.cell(RatingsColumns::person_id, i) == t.people[i].id);
      CHECK(c.cell(RatingsColumns::name, i) == t.people[i].name);
      CHECK(c.cell(RatingsColumns::unit, i) == t.people[i].unit);
      CHECK(c.cell(RatingsColumns::position, i) == t.people[i].position);
    }
  }
  {
    const RatingsTable t = load_ratings_csv(dir + "ratings-360.csv", bma());
    const RatingsColumns c = load_ratings_columns(dir + "ratings-360.csv", bma());
    REQUIRE(c.has_raters);
    REQUIRE(c.rows == t.raters.size());
    CHECK(c.levels == t.rater_levels);
    for (std::size_t k = 0; k < c.rows; ++k) {
      CHECK(c.cell(RatingsColumns::person_id, k) == t.people[t.raters[k].person].id);
      CHECK(c.cell(RatingsColumns::position, k) ==
            t.people[t.raters[k].person].position);  // filled in
      CHECK(c.cell(RatingsColumns::rater_role, k) == to_string(t.raters[k].role));
      CHECK(c.cell(RatingsColumns::rater_id, k) == t.raters[k].rater_id);
      CHECK(c.lines[k] == t.raters[k].line);
    }
  }
  // The same located errors.
  const std::string bad = "person_id,position,integrity\nP1,K1,2\nP2,K1,9\n";
  auto e1 = expect_error<ValidationError>([&] { (void)read_ratings_csv(bad, bma(), "b.csv"); });
  auto e2 = expect_error<ValidationError>([&] { (void)read_ratings_columns(bad, bma(), "b.csv"); });
  CHECK(std::string(e1.what()) == std::string(e2.what()));
  const std::string dup = "person_id,position,integrity\nP1,K1,2\nP2,K1,3\nP1,K2,1\n";
  e2 = expect_error<ValidationError>([&] { (void)read_ratings_columns(dup, bma(), "d.csv"); });
  CHECK(e2.where().line == 4);
  CHECK_THAT(e2.message(), Contains("person_id given twice (first on line 2)"));
}

TEST_CASE("ratings files over 2 MiB (read into huge-page memory) read as their bytes do",
          "[scoring][csv]") {
  std::string csv =
      "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n";
  for (int i = 0; csv.size() < (std::size_t{5} << 20); ++i)
    csv += "P" + std::to_string(i) + ",\"สมชาย, ใจดี " + std::to_string(i) +
           "\",สำนักงานเขตบางรัก,K2,1,2,3,๔,5\r\n";
  const auto path = std::filesystem::temp_directory_path() /
                    ("samatthana-big-" + std::to_string(::getpid()) + ".csv");
  write_file_atomic(path, csv);
  const RatingsTable from_file = load_ratings_csv(path, bma());
  const RatingsTable from_bytes = read_ratings_csv(csv, bma(), path.string());
  const RatingsColumns cols = load_ratings_columns(path, bma());
  std::filesystem::remove(path);
  REQUIRE(from_file.size() > 40000);
  CHECK(from_file.people == from_bytes.people);
  CHECK(from_file.levels == from_bytes.levels);
  CHECK(cols.rows == from_file.size());
  CHECK(cols.levels == from_file.levels);
  CHECK(cols.cell(RatingsColumns::name, cols.rows - 1) == from_file.people.back().name);
}

TEST_CASE("raters: weighted ratings with evidence beside them, the supervisor weighing 0",
          "[scoring][raters]") {
  // P1 (K2): the supervisor rated integrity 1, two peers 3 and 4; evidence shows integrity 1 and 2.
  const std::string csv = kHeader +
                          "P1,ก ข,หน่วย,K2,supervisor,S1,80,1,2,2,2,2\n"
                          "P1,,,,peer,A,,3,2,2,2,2\n"
                          "P1,,,,peer,B,,4,2,2,2,2\n";
  const RatingsTable t = read_ratings_csv(csv, bma(), "r.csv");
  EvidenceTable ev;
  const Competency& integrity = t.framework->competency("integrity");
  for (int l = 0; l < 2; ++l)
    for (const Indicator& ind : integrity.levels[static_cast<std::size_t>(l)].indicators)
      ev.rows.push_back(EvidenceRow{"P1", ind.id, Observation::shown, "", 0});
  ScoringOptions opt;
  opt.levels.raters = RaterMode::weighted;
  opt.levels.weights = RaterWeights{0, 0, 1, 0};  // peers only: mean(3, 4) = 3.5 → 4
  const CohortScores s = score_cohort(t, nullptr, {.evidence = ev}, opt);
  CHECK(static_cast<int>(s.held[0]) == 4);
  CHECK(s.source[0] == static_cast<std::uint8_t>(LevelSource::rating));
  CHECK((s.flags[0] & flag_rating_disagrees) != 0);  // the evidence supports 2
  opt.levels.raters = RaterMode::supervisor_only;
  CHECK(static_cast<int>(score_cohort(t, nullptr, {.evidence = ev}, opt).held[0]) == 1);
}

TEST_CASE("raters: a rater file with a header and no rows", "[scoring][raters][regression]") {
  // fuzz_ratings_csv (long run): the columnar reader said "raters", the table could not.
  const std::string csv = "person_id,position,rater_role,rater_id,results,integrity\n";
  const RatingsTable t = read_ratings_csv(csv, bma(), "r.csv");
  CHECK(t.size() == 0);
  CHECK_FALSE(t.has_raters());
  const RatingsColumns c = read_ratings_columns(csv, bma(), "r.csv");
  CHECK(c.rows == 0);
  CHECK(c.has_raters);
  CHECK(c.offsets[RatingsColumns::rater_role].size() == 1);  // no cell
}
