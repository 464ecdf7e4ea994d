// The older raw-pointer forms (deprecated, kept for the 0.1 series) give what the new forms
// give. The rest of the code base compiles with -Werror=deprecated-declarations, so this file is
// the only user of them; tests/consumer/deprecated.cmake checks that each one warns.
#include <catch2/catch.hpp>

#include <filesystem>

#include "samatthana/samatthana.hpp"

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

using namespace samatthana;

namespace {
const std::filesystem::path kSamples =
    std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "data/samples";
}  // namespace

TEST_CASE("deprecated forms: score_cohort and assessment_of give what the new forms give",
          "[api-style][deprecated]") {
  const auto fw = builtin_framework("bma");
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
  const EvidenceTable evidence = load_evidence_csv(kSamples / "evidence.csv", *fw);
  const auto prof = default_profile(*fw);
  const ResultsTable res = results_table(load_kpis(kSamples / "kpis.csv"), prof->scheme());
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const CohortScores old_s = score_cohort(ratings, &evidence, &res, prof, opt);
  const CohortScores new_s =
      score_cohort(ratings, prof, {.evidence = evidence, .results = res}, opt);
  CHECK(scores_json(old_s) == scores_json(new_s));
  CHECK(scores_json(score_cohort(ratings, nullptr, nullptr, prof, opt)) ==
        scores_json(score_cohort(ratings, prof, {}, opt)));
  CHECK(scores_json(score_cohort(ratings, nullptr, nullptr, prof, opt)) != scores_json(new_s));
  // The collect mode is the same through either form.
  ScoringOptions collect = opt;
  collect.all_errors = 100;
  CHECK(scores_json(score_cohort(ratings, &evidence, &res, prof, collect)) == scores_json(new_s));
  for (const Person& p : ratings.people) {
    const Assessment a = assessment_of(ratings, &evidence, p.id);
    const Assessment b = assessment_of(ratings, p.id, evidence);
    CHECK(score_person(*fw, *prof, a, opt).competency_score ==
          score_person(*fw, *prof, b, opt).competency_score);
    CHECK(a.evidence.size() == b.evidence.size());
    CHECK(a.ratings.size() == b.ratings.size());
  }
  CHECK_THROWS_AS(assessment_of(ratings, &evidence, "no-such"), LookupError);
}

TEST_CASE("deprecated forms: make_person_sheet and calibrate give what the new forms give",
          "[api-style][deprecated]") {
  const auto fw = builtin_framework("bma");
  const RatingsTable ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
  const EvidenceTable evidence = load_evidence_csv(kSamples / "evidence.csv", *fw);
  const KpiTable kpis = load_kpis(kSamples / "kpis.csv");
  const auto prof = default_profile(*fw);
  const ResultsTable res = results_table(kpis, prof->scheme());
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const std::string id = ratings.people.front().id;

  const PersonSheet old_sheet = make_person_sheet(ratings, &evidence, &res, id, prof, opt);
  const PersonSheet new_sheet =
      make_person_sheet(ratings, id, prof, {.evidence = evidence, .results = res}, opt);
  CHECK(person_sheet_markdown(old_sheet) == person_sheet_markdown(new_sheet));
  CHECK(person_sheet_html(old_sheet) == person_sheet_html(new_sheet));
  const PersonSheet old_none = make_person_sheet(ratings, nullptr, nullptr, id, prof, opt);
  CHECK(person_sheet_markdown(old_none) ==
        person_sheet_markdown(make_person_sheet(ratings, id, prof, {}, opt)));
  CHECK(person_sheet_markdown(old_none) != person_sheet_markdown(new_sheet));

  const PersonSheet old_kpi = make_person_sheet(ratings, &evidence, kpis, id, prof, opt);
  const PersonSheet new_kpi = make_person_sheet(ratings, id, prof, kpis, evidence, opt);
  CHECK(person_sheet_markdown(old_kpi) == person_sheet_markdown(new_kpi));
  REQUIRE(new_kpi.results_part);
  CHECK_THROWS_AS(make_person_sheet(ratings, &evidence, kpis, "no-such", prof, opt), LookupError);
  CHECK_THROWS_AS(make_person_sheet(ratings, "no-such", prof, kpis, evidence, opt), LookupError);

  const CohortScores s = score_cohort(ratings, prof, {.results = res}, opt);
  CalibrationOptions o;
  o.min_people = 1;
  CHECK(calibration_json(s, calibrate(s, &ratings, o)) ==
        calibration_json(s, calibrate(s, ratings, o)));
  CHECK(calibration_json(s, calibrate(s, nullptr, o)) ==
        calibration_json(s, calibrate(s, std::nullopt, o)));
  CHECK(calibration_json(s, calibrate(s)) == calibration_json(s, calibrate(s, std::nullopt, {})));
}
