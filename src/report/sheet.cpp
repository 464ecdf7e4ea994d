// Gathering what a person sheet shows.
#include <cmath>
#include <functional>
#include <utility>

#include "samatthana/report.hpp"

namespace samatthana {

PersonSheet make_person_sheet(std::shared_ptr<const Framework> fw,
                              std::shared_ptr<const Profile> profile, Assessment assessment,
                              const ScoringOptions& options) {
  if (!fw) throw ValidationError("a person sheet needs a framework");
  if (!profile) profile = default_profile(*fw);
  PersonSheet s;
  s.score = score_person(*fw, *profile, assessment, options);
  s.framework = std::move(fw);
  s.profile = std::move(profile);
  s.rules = options.rules;
  s.assessment = std::move(assessment);
  return s;
}

PersonSheet make_person_sheet(const RatingsTable& ratings, std::string_view person_id,
                              std::shared_ptr<const Profile> profile, const CohortInputs& inputs,
                              const ScoringOptions& options) {
  Assessment a = assessment_of(ratings, person_id, inputs.evidence);
  if (inputs.results) {
    const ResultsTable& results = inputs.results->get();
    for (std::size_t k = 0; k < results.rows.size(); ++k) {
      if (results.rows[k].first != person_id) continue;
      a.results = results.rows[k].second;
      if (k < results.other.size() && !std::isnan(results.other[k])) a.other = results.other[k];
    }
  }
  return make_person_sheet(ratings.framework, std::move(profile), std::move(a), options);
}

PersonSheet make_person_sheet(const RatingsTable& ratings, std::string_view person_id,
                              std::shared_ptr<const Profile> profile, const KpiTable& kpis,
                              InputRef<EvidenceTable> evidence, const ScoringOptions& options,
                              const KpiRules& kpi_rules) {
  if (!ratings.results.empty()) {
    Location where;
    where.file = ratings.file;
    where.path = "results";
    throw ValidationError("the ratings have a results column and a KPI file (" + kpis.file +
                              ") is given as well: give the results in one place only",
                          where);
  }
  if (!profile) profile = default_profile(*ratings.framework);
  Assessment a = assessment_of(ratings, person_id, evidence);
  const Agreement* agreement = kpis.find(a.person.id);
  if (!agreement) {
    Location where;
    where.file = kpis.file;
    where.path = "person_id";
    where.value = a.person.id;
    throw LookupError("person '" + a.person.id + "' has no performance agreement in the KPI file",
                      where);
  }
  const ResultsPart part = results_part(*agreement, profile->scheme(), kpi_rules);
  a.results = part.percent();
  PersonSheet sheet =
      make_person_sheet(ratings.framework, std::move(profile), std::move(a), options);
  sheet.agreement = *agreement;
  sheet.results_part = part;
  return sheet;
}

// The deprecated raw-pointer forms (kept, deprecated, for the 0.1 series).
PersonSheet make_person_sheet(const RatingsTable& ratings, const EvidenceTable* evidence,
                              const ResultsTable* results, std::string_view person_id,
                              std::shared_ptr<const Profile> profile,
                              const ScoringOptions& options) {
  CohortInputs in;
  if (evidence) in.evidence = std::cref(*evidence);
  if (results) in.results = std::cref(*results);
  return make_person_sheet(ratings, person_id, std::move(profile), in, options);
}

PersonSheet make_person_sheet(const RatingsTable& ratings, const EvidenceTable* evidence,
                              const KpiTable& kpis, std::string_view person_id,
                              std::shared_ptr<const Profile> profile, const ScoringOptions& options,
                              const KpiRules& kpi_rules) {
  return make_person_sheet(ratings, person_id, std::move(profile), kpis,
                           evidence ? InputRef<EvidenceTable>(*evidence) : std::nullopt, options,
                           kpi_rules);
}

}  // namespace samatthana
