// Ratings / evidence / results CSV: RFC 4180 details, and every malformed file's located error.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;

namespace {
const std::string kDir = std::string(SAMATTHANA_SOURCE_DIR) + "/tests/data/scoring/";
using test::bma;
using test::expect_error;
}  // namespace

TEST_CASE("scoring: ratings CSV with BOM, CRLF, quotes, Thai digits and aliases",
          "[scoring][csv]") {
  const std::string csv =
      "\xEF\xBB\xBF"
      "person_id,name,unit,position,คุณธรรมจริยธรรม,102,dpis:103,Teamwork,"
      "การสั่งสมความเชี่ยวชาญในงานอาชีพ\r\n"
      "P1,\"ใจดี, สมชาย\",\"สำนัก\r\nการแพทย์\",K2,๒,6,2,2,\r\n"
      "\r\n"
      "P2,\"ชื่อ \"\"เล่น\"\"\",เขตบางรัก,วิชาการ ชำนาญการ,0,1,2,3,4\r\n";
  const RatingsTable t = read_ratings_csv(csv, bma(), "r.csv");
  REQUIRE(t.size() == 2);
  CHECK(t.people[0].name == "ใจดี, สมชาย");
  CHECK(t.people[0].unit == "สำนัก การแพทย์");  // units are normalised (whitespace runs → one space)
  CHECK(t.people[1].name == "ชื่อ \"เล่น\"");
  CHECK(t.lines == std::vector<std::size_t>{2, 5});  // the quoted newline makes P2 start on line 5
  CHECK(t.levels == std::vector<std::int8_t>{2, 6, 2, 2, -1, 0, 1, 2, 3, 4});
  CHECK(t.columns[1] == "102");
  CHECK(t.columns[4] == "การสั่งสมความเชี่ยวชาญในงานอาชีพ");
}

TEST_CASE("scoring: malformed ratings files are reported with row, column and value",
          "[scoring][csv]") {
  auto load = [](const char* name) { return load_ratings_csv(kDir + name, bma()); };
  {
    auto e = expect_error<ValidationError>([&] { (void)load("duplicate_person.csv"); });
    CHECK(e.where().line == 4);
    CHECK(e.where().column == 1);
    CHECK(e.where().path == "person_id");
    CHECK(e.where().value == "P1");
    CHECK_THAT(e.message(), Contains("first on line 2"));
    CHECK_THAT(std::string(e.what()), Contains("duplicate_person.csv:4:1"));
  }
  {
    auto e = expect_error<LookupError>([&] { (void)load("unknown_competency.csv"); });
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 6);
    CHECK(e.where().value == "leadership");
  }
  {
    auto e = expect_error<ValidationError>([&] { (void)load("level_too_high.csv"); });
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 6);
    CHECK(e.where().path == "102");
    CHECK(e.where().value == "7");
    CHECK_THAT(e.message(), Contains("0..6"));
  }
  {
    auto e = expect_error<ParseError>([&] { (void)load("bad_level.csv"); });
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 7);
    CHECK(e.where().path == "achievement");
    CHECK(e.where().value == "สาม");
  }
  {
    auto e = expect_error<ParseError>([&] { (void)load("unterminated_quote.csv"); });
    CHECK(e.where().line == 4);  // the record after the two-line P1 row
    CHECK(e.where().column == 2);
  }
  {
    auto e = expect_error<EncodingError>([&] { (void)load("invalid_utf8.csv"); });
    CHECK(e.where().line == 3);
    REQUIRE(e.where().byte_offset);
    CHECK(*e.where().byte_offset == 117);
  }
  {
    auto e = expect_error<ParseError>([&] { (void)load("wrong_width.csv"); });
    CHECK(e.where().line == 2);
    CHECK_THAT(e.message(), Contains("8 fields but the header has 9"));
  }
  {
    auto e = expect_error<ValidationError>(
        [&] { (void)read_ratings_csv("name,unit,position,integrity\nก,ข,K1,1\n", bma()); });
    CHECK(e.where().path == "person_id");
  }
}

TEST_CASE("scoring: cohort errors name the person, row and column", "[scoring][csv]") {
  {
    const RatingsTable t = load_ratings_csv(kDir + "unknown_position.csv", bma());
    auto e = expect_error<LookupError>([&] { (void)score_cohort(t, nullptr); });
    CHECK(e.where().line == 3);
    CHECK(e.where().path == "position");
    CHECK(e.where().value == "K9");
  }
  {
    const RatingsTable t = load_ratings_csv(kDir + "empty_cell.csv", bma());
    auto e = expect_error<ValidationError>([&] { (void)score_cohort(t, nullptr); });
    CHECK(e.where().line == 3);
    CHECK(e.where().path == "service");
    CHECK_THAT(e.message(), Contains("P2"));
    // Chosen explicitly, missing counts as level 0 and is flagged.
    ScoringOptions o;
    o.missing = MissingPolicy::zero;
    const CohortScores s = score_cohort(t, nullptr, {}, o);
    CHECK(s.held[5 + 1] == 0);
    CHECK((s.flags[5 + 1] & flag_missing_as_zero) != 0);
    CHECK(s.part[1] == Approx(19.2));  // 4,0,4,4,4 = 16
  }
  {
    auto e = expect_error<LookupError>(
        [&] { (void)load_evidence_csv(kDir + "evidence_unknown_indicator.csv", *bma()); });
    CHECK(e.where().line == 3);
    CHECK(e.where().path == "indicator_id");
    CHECK(e.where().value == "integrity.9.9");
  }
  {
    auto e = expect_error<ParseError>(
        [&] { (void)load_evidence_csv(kDir + "evidence_bad_observation.csv", *bma()); });
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 3);
    CHECK(e.where().value == "maybe");
  }
  {
    const RatingsTable t = read_ratings_csv(
        "person_id,position,integrity,service,achievement,teamwork,expertise\n"
        "P1,K2,2,2,2,2,2\n",
        bma(), "r.csv");
    const ResultsTable r = read_results_csv("person_id,results\nP1,80\nP7,90\n", "res.csv");
    auto e = expect_error<LookupError>([&] { (void)score_cohort(t, nullptr, {.results = r}); });
    CHECK(e.where().file == "res.csv");
    CHECK(e.where().line == 3);
    CHECK(e.where().value == "P7");
  }
}

TEST_CASE("scoring: evidence fills empty cells by the strict rule and is explained",
          "[scoring][csv]") {
  const RatingsTable t = read_ratings_csv(
      "person_id,position,integrity,service,achievement,teamwork,expertise\n"
      "P1,K3,,3,3,3,3\n"
      "P2,K3,4,3,3,3,3\n",
      bma());
  const EvidenceTable ev = read_evidence_csv(
      "person_id,indicator_id,observation,evidence\n"
      "P1,integrity.1.1,shown,\n"
      "P1,integrity.1.2,shown,\"รายงานตรงไปตรงมา, มีหลักฐาน\"\n"
      "P1,integrity.2.1,shown,\n"
      "P1,integrity.2.2,not_shown,\n"
      "P1,integrity.3.1,shown,\n"
      "P2,integrity.1.1,shown,\n"
      "P2,integrity.1.2,not shown,\n",
      *bma());
  CHECK(ev.rows[1].evidence == "รายงานตรงไปตรงมา, มีหลักฐาน");
  const ResultsTable res = read_results_csv("person_id,results\nP1,๙๐\nP2,80.5\n");
  const CohortScores s = score_cohort(t, nullptr, {.evidence = ev, .results = res});
  CHECK(s.held[0] == 1);  // P1 integrity from evidence: level 2 lacks integrity.2.2
  CHECK(s.source[0] == static_cast<std::uint8_t>(LevelSource::evidence));
  CHECK((s.flags[0] & flag_shown_above_gap) != 0);   // integrity.3.1 shown above the gap
  CHECK(s.held[5] == 4);                             // P2's rating is used…
  CHECK((s.flags[5] & flag_rating_disagrees) != 0);  // …and flagged: the evidence gives 0
  // P1: bma points 2,4,4,4,4 = 18 → 21.6; total 90 × 0.7 + 21.6 = 84.6 ดีมาก.
  CHECK(s.part[0] == Approx(21.6));
  CHECK(s.total[0] == Approx(84.6));
  CHECK(s.band[0] == 1);
  // P2: 5,4,4,4,4 = 21 → 25.2; 80.5 × 0.7 = 56.35 + 25.2 = 81.55.
  CHECK(s.total[1] == Approx(81.55));
  // Strict policy ignores ratings: P2 integrity falls to 0.
  ScoringOptions o;
  o.levels.policy = LevelPolicy::strict;
  o.missing = MissingPolicy::zero;
  CHECK(score_cohort(t, nullptr, {.evidence = ev}, o).held[5] == 0);
}

TEST_CASE("scoring: CSV output has a BOM, neutralised formulas, numbers intact", "[scoring][csv]") {
  const RatingsTable t = read_ratings_csv(
      "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
      "=HYPERLINK(1),@name,\"+unit, x\",K2,1,2,2,2,2\n",
      bma());
  const CohortScores s = score_cohort(t, nullptr);
  const std::string out = scores_csv(s);
  REQUIRE(out.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK_THAT(
      out,
      Contains("person_id,name,unit,position,competency_score,integrity_held,integrity_expected,"
               "integrity_gap,integrity_points,service_held"));
  CHECK_THAT(out, Contains("'=HYPERLINK(1),'@name,\"'+unit, x\",K2,22.80,1,2,-1,3,2,2,0,4,"));
  // Round trip through the reader: the neutralised cells come back with their quote.
  detail::CsvReader r(out, "out.csv");
  REQUIRE(r.next());
  REQUIRE(r.next());
  CHECK(r[0] == "'=HYPERLINK(1)");
  CHECK(r[7] == "-1");
  std::string field;
  detail::append_csv_field(field, "-1.5");
  CHECK(field == "-1.5");
  field.clear();
  detail::append_csv_field(field, "-cmd");
  CHECK(field == "'-cmd");
}
