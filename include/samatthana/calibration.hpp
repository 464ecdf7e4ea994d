#pragma once
// Calibration before bands are released: the 9-box grid (results part against competency part,
// per unit), the band distribution against caps (with the people at each band's edge), and rater
// leniency (per supervisor, mean total and gap against the unit's). See docs/reports.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

// ---- 9-box -----------------------------------------------------------------------------------

/// Cut-offs of the 9-box grid, in percent of each part's weight (0..100): a part below `low` is
/// tier 0 (low), below `high` tier 1 (middle), else tier 2 (high); a part exactly at a cut-off
/// goes to the higher tier. Default thirds.
struct NineBoxOptions {
  double results_low = 100.0 / 3, results_high = 200.0 / 3;
  double competency_low = 100.0 / 3, competency_high = 200.0 / 3;
  /// ValidationError unless 0 ≤ low ≤ high ≤ 100 on both axes.
  SAMATTHANA_API void validate() const;
};

/// Counts of one group: counts[results tier × 3 + competency tier].
struct NineBoxGroup {
  std::string unit;  ///< "" = everyone
  std::size_t people = 0;
  std::array<std::size_t, 9> counts{};
};

struct NineBox {
  NineBoxOptions options;
  std::vector<double> results_percent;     ///< n: results part, percent of its weight
  std::vector<double> competency_percent;  ///< n: competency part, percent of its weight
  std::vector<std::int8_t> results_tier, competency_tier;  ///< n: 0 low, 1 middle, 2 high
  std::vector<NineBoxGroup> groups;  ///< everyone first, then per unit (Thai dictionary order)
};

/// The 9-box of a scored cohort. ValidationError when the cohort has no results (the results part
/// is one axis) or the options are out of range.
[[nodiscard]] SAMATTHANA_API NineBox nine_box(const CohortScores& s,
                                              const NineBoxOptions& options = {});
/// One row per person: person_id, unit, results_percent, competency_percent, results_tier,
/// competency_tier, box (1..9, box = results tier × 3 + competency tier + 1). UTF-8 with BOM.
[[nodiscard]] SAMATTHANA_API std::string nine_box_csv(const CohortScores& s, const NineBox& box);
/// {"cutoffs": {...}, "groups": [{"unit", "people", "grid": [[...3], [...3], [...3]]}],
///  "people": [{person_id, unit, results_percent, competency_percent, results_tier,
///  competency_tier}]};
/// grid rows are results tiers high → low, columns competency tiers low → high.
[[nodiscard]] SAMATTHANA_API std::string nine_box_json(const CohortScores& s, const NineBox& box);

// ---- calibration -----------------------------------------------------------------------------

// BandCap (a cap on the share of people in a band and above) is in samatthana/scoring.hpp: a
// profile carries its target distribution ("calibration": {"caps": [...]}).

struct CalibrationOptions {
  /// The caps to check. calibration_options(profile) starts from the profile's caps; options
  /// given by the caller (CLI --cap, Python caps=) replace them all (docs/reports.md).
  std::vector<BandCap> caps;
  double edge = 1.0;  ///< a person whose total is within `edge` points above a band's minimum sits
                      ///< at its edge
  double leniency_threshold =
      5.0;                     ///< flag a rater whose mean total differs from the unit's by more
  std::size_t min_people = 3;  ///< a rater with fewer people is listed, never flagged
  /// Anonymity with several raters (360): a peer or subordinate role's mean rating of a person
  /// counts only when at least this many distinct raters of that role rated the person; below,
  /// the mean is withheld and no single rating is shown. Self and supervisor ratings are not
  /// anonymous and always count. 0 or 1: every role's mean counts. Default 3, as 360 practice
  /// does (docs/reports.md).
  std::size_t min_raters_per_role = 3;
};

/// Whether a role's mean of `raters` distinct raters counts under the minimum `min`: self and
/// supervisor always (when they rated), peer and subordinate from `min` raters on.
[[nodiscard]] constexpr bool role_mean_counts(RaterRole role, std::size_t raters,
                                              std::size_t min) noexcept {
  if (raters == 0) return false;
  return role == RaterRole::supervisor || role == RaterRole::self || raters >= min;
}
/// What a report shows instead of a withheld mean: "ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)".
[[nodiscard]] SAMATTHANA_API std::string withheld_th(std::size_t min, text::Digits digits);

/// One rater role's view of one person.
struct RoleMean {
  RaterRole role = RaterRole::supervisor;
  std::size_t raters = 0;  ///< distinct raters of this role who rated the person
  bool withheld = false;   ///< fewer raters than min_raters_per_role (peer, subordinate only)
  /// Mean of the role's levels over its raters and every competency they rated; 0 when withheld.
  double mean_level = 0;
};

/// The roles' means of one person who has a rater besides the supervisor.
struct PersonRoles {
  std::size_t person = 0;       ///< index into the cohort
  std::vector<RoleMean> roles;  ///< the roles that rated, in RaterRole order (supervisor first)
};

struct BandDistribution {
  std::string unit;  ///< "" = everyone
  std::size_t people = 0;
  std::vector<std::size_t> counts;  ///< per scheme band
  /// Per cap (in CalibrationOptions order): the share at that band or above, and whether it is
  /// over.
  std::vector<double> capped_share;
  std::vector<bool> over_cap;
};

struct BandEdge {
  std::size_t person = 0;  ///< index into the cohort
  std::size_t band = 0;    ///< the band the person is in
  double total = 0;
  double above_min = 0;  ///< total − band minimum (0 ≤ above_min < edge)
};

struct RaterLeniency {
  std::string rater_id;
  std::string unit;
  std::size_t people = 0;
  double mean_total = 0, unit_mean_total = 0;
  double mean_gap = 0, unit_mean_gap = 0;  ///< mean gap over every competency of the rater's people
  bool flagged = false;  ///< |mean_total − unit_mean_total| > threshold, with at least min_people
};

struct Calibration {
  CalibrationOptions options;
  std::vector<BandDistribution> distribution;  ///< everyone first, then per unit
  std::vector<BandEdge> edges;                 ///< by band, then total
  std::vector<RaterLeniency> raters;           ///< by unit, then rater id; empty without rater ids
  /// Per person with self, peer or subordinate ratings, each role's mean (withheld below
  /// min_raters_per_role), in cohort order; empty without rater columns.
  std::vector<PersonRoles> roles;
};

/// Calibration of a scored cohort. The supervisors come from `ratings` (rater_id of each person's
/// supervisor row; none, or a file without rater columns: no rater section). ValidationError when
/// the cohort has no totals, a cap names no band of the scheme or is outside 0..1.
[[nodiscard]] SAMATTHANA_API Calibration calibrate(const CohortScores& s,
                                                   InputRef<RatingsTable> ratings = std::nullopt,
                                                   const CalibrationOptions& options = {});
/// The older form with the ratings as a raw pointer (docs/guide.md, "One ownership style"): the
/// same calibration. Kept, deprecated, for the 0.1 series.
[[nodiscard,
  deprecated("use calibrate(s, ratings or std::nullopt, options)")]] SAMATTHANA_API Calibration
calibrate(const CohortScores& s, const RatingsTable* ratings,
          const CalibrationOptions& options = {});
/// The calibration as JSON (distribution, caps, edges with person ids, raters, and "roles":
/// per person the roles' means, a withheld mean as null with "withheld": true).
[[nodiscard]] SAMATTHANA_API std::string calibration_json(const CohortScores& s,
                                                          const Calibration& c);

}  // namespace samatthana
