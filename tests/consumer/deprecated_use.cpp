// A consumer still on the older raw-pointer forms (docs/guide.md, "One ownership style"): each
// call below must compile with a deprecation warning naming the new form
// (tests/consumer/deprecated.cmake counts them). Never run; only compiled.
#include <samatthana/samatthana.hpp>

namespace s = samatthana;

void old_forms(const s::RatingsTable& r, const s::EvidenceTable& e, const s::ResultsTable& res,
               const s::KpiTable& k, const s::CohortScores& c) {
  (void)s::make_person_sheet(r, &e, &res, "P1", nullptr);  // deprecated 1
  (void)s::make_person_sheet(r, &e, k, "P1", nullptr);     // deprecated 2
  (void)s::calibrate(c, &r);                               // deprecated 3
  (void)s::calibrate(c, nullptr);                          // deprecated 4
  (void)s::score_cohort(r, &e, nullptr, nullptr);          // deprecated 5
  (void)s::assessment_of(r, &e, "P1");                     // deprecated 6
}

void new_forms(const s::RatingsTable& r, const s::EvidenceTable& e, const s::ResultsTable& res,
               const s::KpiTable& k, const s::CohortScores& c) {
  (void)s::make_person_sheet(r, "P1", nullptr, {.evidence = e, .results = res});
  (void)s::make_person_sheet(r, "P1", nullptr, k, e);
  (void)s::calibrate(c, r);
  (void)s::calibrate(c);
  (void)s::score_cohort(r, nullptr, {.evidence = e});
  (void)s::assessment_of(r, "P1", e);
}
