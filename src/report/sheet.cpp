// Gathering what a person sheet shows.
#include <utility>

#include "samatthana/report.hpp"

namespace samatthana {

PersonSheet make_person_sheet(std::shared_ptr<const Framework> fw, std::shared_ptr<const Profile> profile,
                              Assessment assessment, const ScoringOptions& options) {
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

PersonSheet make_person_sheet(const RatingsTable& ratings, const EvidenceTable* evidence,
                              const ResultsTable* results, std::string_view person_id,
                              std::shared_ptr<const Profile> profile, const ScoringOptions& options) {
  Assessment a = assessment_of(ratings, evidence, person_id);
  if (results)
    for (const auto& [id, value] : results->rows)
      if (id == person_id) a.results = value;
  return make_person_sheet(ratings.framework, std::move(profile), std::move(a), options);
}

}  // namespace samatthana
