// A consumer's program in the one ownership style (docs/guide.md, issue 17): only the umbrella
// header; frameworks by reference or shared_ptr alike, optional inputs as InputRef, results read
// through accessors that give int and competency ids, every import error collected.
#include <catch2/catch.hpp>

#include <samatthana/samatthana.hpp>

#include <cmath>
#include <sstream>

namespace {
const std::string kSamples = std::string(SAMATTHANA_SOURCE_DIR) + "/data/samples/";
}  // namespace

TEST_CASE("public API: the one ownership style, int accessors, competency ids", "[api-style]") {
  namespace s = samatthana;
  // The built-in framework by reference: no shared_ptr to make; it is shared, not copied.
  const s::RatingsTable ratings = s::load_ratings_csv(kSamples + "ratings.csv", s::bma_core());
  CHECK(ratings.framework.get() == &s::bma_core());
  CHECK(ratings.framework == s::builtin_framework("bma"));
  // A framework of one's own by reference: copied once into the table.
  const s::Framework mine = s::bma_core();
  const s::RatingsTable copied =
      s::read_ratings_csv("person_id,position,integrity\nP1,K2,2\n", mine);
  CHECK(copied.framework.get() != &mine);
  CHECK(copied.level(0, 0) == 2);
  CHECK(copied.level(0, 1) == -1);
  CHECK(copied.competency_id(0) == "integrity");

  const s::EvidenceTable evidence = s::load_evidence_csv(kSamples + "evidence.csv", s::bma_core());
  const auto profile = s::builtin_profile("bma");
  // Optional inputs as InputRef: nothing, or a table the caller keeps alive.
  s::ScoringOptions zero;  // some people are rated on some competencies only: count those as 0
  zero.missing = s::MissingPolicy::zero;
  const s::CohortScores plain = s::score_cohort(ratings, profile, {}, zero);
  const s::CohortScores with = s::score_cohort(ratings, profile, {.evidence = evidence});
  // The same again (the older pointer forms, deprecated: test_deprecated_forms.cpp).
  const s::CohortScores old = s::score_cohort(ratings, profile, {.evidence = evidence});
  CHECK(with.held == old.held);
  CHECK(with.points == old.points);
  const std::optional<s::EvidenceTable> maybe = evidence;
  CHECK(s::score_cohort(ratings, profile, {.evidence = s::input_ref(maybe)}).held == old.held);
  const std::optional<s::EvidenceTable> none;
  CHECK(s::score_cohort(ratings, profile, {.evidence = s::input_ref(none)}, zero).held ==
        plain.held);
  CHECK(plain.held != with.held);

  REQUIRE(with.n > 0);
  REQUIRE(with.competency_ids().size() == with.c);
  CHECK(with.competency_ids().front() == "integrity");
  const std::size_t j = with.competency_index("101");  // a DPIS code finds the column
  CHECK(with.competency_id(j) == "integrity");
  CHECK_THROWS_AS(with.competency_index("no-such"), s::LookupError);
  // Levels as int: streamed, they print as numbers (an int8_t would print a raw byte).
  std::ostringstream os;
  os << with.held_level(0, j) << "/" << with.expected_level(0, j) << "/" << with.gap_of(0, j);
  CHECK(os.str() == std::to_string(int(with.held[j])) + "/" +
                        std::to_string(int(with.expected[j])) + "/" +
                        std::to_string(int(with.gap[j])));
  CHECK(with.points_of(0, j) == with.points[j]);
  CHECK(with.source_of(0, j) == static_cast<s::LevelSource>(with.source[j]));
  CHECK(with.band_of(0) == -1);  // no results given
  CHECK_THROWS_AS(with.held_level(with.n, 0), std::out_of_range);
  // The assessment of one person, evidence as InputRef.
  const s::Assessment a = s::assessment_of(ratings, ratings.people.front().id, evidence);
  CHECK(a.person.id == ratings.people.front().id);
}

TEST_CASE("public API: every import error of a file at once", "[api-style]") {
  namespace s = samatthana;
  s::ReadOptions options;
  options.all_errors = 10;
  const s::ScopedReadOptions scope(options);
  try {
    (void)s::read_ratings_csv("person_id,position,integrity\nP1,K2,x\nP2,K2,9\nP3,K2,2\n",
                              s::bma_core(), "upload.csv");
    FAIL("expected ImportErrors");
  } catch (const s::ImportErrors& e) {
    REQUIRE(e.errors().size() == 2);
    std::ostringstream os;
    for (const s::LocatedError& item : e.errors().items())
      os << item.where.line << ":" << item.where.column << " " << to_string(item.kind) << "\n";
    CHECK(os.str() == "2:3 parse\n3:3 validation\n");
  }
}
