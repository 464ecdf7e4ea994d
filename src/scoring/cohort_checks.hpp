#pragma once
// The checks of score_cohort that concern the whole input rather than a row (the rules, the
// profile against the framework, where the results and the other part come from), for the
// streamed scorer's collect mode (src/stream/score_stream.cpp): it checks them once, on the first
// chunk, as the whole-file path does once for the file.
#include <memory>

#include "samatthana/scoring.hpp"

namespace samatthana::detail {

/// The ratings' framework, the profile (null: the framework's default, which is returned)
/// against it, and the rules; throws the first error as score_cohort does.
std::shared_ptr<const Profile> check_cohort_setup(const RatingsTable& ratings,
                                                  std::shared_ptr<const Profile> profile,
                                                  const ScoringOptions& options);

/// Results from the ratings' column or a results file, never both; the other part's figures
/// from one place, and only under a scheme with an other part.
void check_cohort_sources(const RatingsTable& ratings, const ResultsTable* results,
                          const Profile& profile);

}  // namespace samatthana::detail
