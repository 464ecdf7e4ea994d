#pragma once
// Assessment: who is assessed, the ratings and indicator evidence given for them, and the policies
// that turn those into a held level per competency, with an explanation of every result.
// Header-only value types and pure functions (see docs/scoring.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "samatthana/error.hpp"
#include "samatthana/model.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

/// What a rater saw of one behavioural indicator.
enum class Observation : std::uint8_t { not_observed = 0, shown = 1, not_shown = 2 };

[[nodiscard]] constexpr std::string_view to_string(Observation o) noexcept {
  switch (o) {
    case Observation::shown:
      return "shown";
    case Observation::not_shown:
      return "not_shown";
    case Observation::not_observed:
      return "not_observed";
  }
  return "not_observed";
}
/// "shown" / "not_shown" / "not_observed" (also "not shown", "yes"/"no", Thai
/// แสดง/ไม่แสดง/ไม่ได้สังเกต, "1"/"0"/""); nullopt for anything else.
[[nodiscard]] inline std::optional<Observation> observation_from_string(std::string_view s) {
  const std::string k = text::match_key(s);
  if (k == "shown" || k == "yes" || k == "y" || k == "1" || k == "true" || k == "แสดง" ||
      k == "ใช่" || k == "✓")
    return Observation::shown;
  if (k == "not_shown" || k == "notshown" || k == "no" || k == "n" || k == "0" || k == "false" ||
      k == "ไม่แสดง" || k == "ไม่ใช่")
    return Observation::not_shown;
  if (k == "not_observed" || k == "notobserved" || k.empty() || k == "na" || k == "n/a" ||
      k == "-" || k == "ไม่ได้สังเกต" || k == "ไม่ทราบ")
    return Observation::not_observed;
  return std::nullopt;
}

/// Who gave a rating.
enum class RaterRole : std::uint8_t { supervisor = 0, self = 1, peer = 2, subordinate = 3 };

[[nodiscard]] constexpr std::string_view to_string(RaterRole r) noexcept {
  switch (r) {
    case RaterRole::supervisor:
      return "supervisor";
    case RaterRole::self:
      return "self";
    case RaterRole::peer:
      return "peer";
    case RaterRole::subordinate:
      return "subordinate";
  }
  return "supervisor";
}
/// English role names or Thai ผู้บังคับบัญชา / ตนเอง / เพื่อนร่วมงาน / ผู้ใต้บังคับบัญชา.
/// The role as the BMA form names it.
[[nodiscard]] constexpr std::string_view thai_name(RaterRole r) noexcept {
  switch (r) {
    case RaterRole::supervisor:
      return "ผู้บังคับบัญชา";
    case RaterRole::self:
      return "ตนเอง";
    case RaterRole::peer:
      return "เพื่อนร่วมงาน";
    case RaterRole::subordinate:
      return "ผู้ใต้บังคับบัญชา";
  }
  return "ผู้บังคับบัญชา";
}

[[nodiscard]] inline std::optional<RaterRole> rater_role_from_string(std::string_view s) {
  const std::string k = text::match_key(s);
  if (k == "supervisor" || k == "ผู้บังคับบัญชา") return RaterRole::supervisor;
  if (k == "self" || k == "ตนเอง" || k == "ประเมินตนเอง") return RaterRole::self;
  if (k == "peer" || k == "เพื่อนร่วมงาน") return RaterRole::peer;
  if (k == "subordinate" || k == "ผู้ใต้บังคับบัญชา") return RaterRole::subordinate;
  return std::nullopt;
}

/// The person assessed. `position` is a DPIS rank code (K2) or the Thai type and rank
/// ("วิชาการ ชำนาญการ"); profiles resolve it.
struct Person {
  std::string id;
  std::string name;
  std::string unit;
  std::string position;
  /// Job line (สายงาน): code or name of the profile's job-line table; "" when not given. It
  /// chooses the functional competencies of a profile with job lines (docs/profiles.md).
  std::string job_line = {};
  bool operator==(const Person&) const = default;
};

/// One rater's level for one competency, with the evidence they wrote.
struct Rating {
  std::string competency;  ///< id (or any key Framework::find accepts)
  int level = 0;           ///< 0..N
  RaterRole role = RaterRole::supervisor;
  std::string rater_id;
  std::string evidence;  ///< free text: the incident or behaviour observed
  bool operator==(const Rating&) const = default;
};

/// One indicator observation ("integrity.1.2" shown), with free-text evidence.
struct IndicatorEvidence {
  std::string indicator_id;
  Observation observation = Observation::not_observed;
  std::string evidence;
  RaterRole role = RaterRole::supervisor;
  std::string rater_id;
  bool operator==(const IndicatorEvidence&) const = default;
};

/// Everything given about one person for one appraisal round.
struct Assessment {
  Person person;
  int year_be = 0;  ///< fiscal year, Buddhist Era (e.g. 2567); 0 = not stated
  int round = 0;    ///< 1 (1 Oct – 31 Mar) or 2 (1 Apr – 30 Sep); 0 = not stated
  std::vector<Rating> ratings;
  std::vector<IndicatorEvidence> evidence;
  std::optional<double> results;  ///< results (KPI) part, 0..100 percent of that part
  std::optional<double> other;  ///< DPIS's other part, 0..100 percent of it (Scheme::other_weight)
};

// ---- held-level policies -------------------------------------------------------------------

/// How ratings and evidence become a held level.
enum class LevelPolicy : std::uint8_t {
  automatic,  ///< the (combined) rating when there is one, else the strict evidence rule
  strict,     ///< cumulative: level k holds only if every indicator of levels 1..k is shown
  threshold,  ///< cumulative: level k holds if levels 1..k-1 hold and ≥ share of k's are shown
  rated,      ///< the rater's level, evidence only checked
};
[[nodiscard]] constexpr std::string_view to_string(LevelPolicy p) noexcept {
  switch (p) {
    case LevelPolicy::automatic:
      return "auto";
    case LevelPolicy::strict:
      return "strict";
    case LevelPolicy::threshold:
      return "threshold";
    case LevelPolicy::rated:
      return "rated";
  }
  return "auto";
}
[[nodiscard]] inline std::optional<LevelPolicy> level_policy_from_string(std::string_view s) {
  if (s == "auto" || s == "automatic" || s == "default") return LevelPolicy::automatic;
  if (s == "strict") return LevelPolicy::strict;
  if (s == "threshold") return LevelPolicy::threshold;
  if (s == "rated") return LevelPolicy::rated;
  return std::nullopt;
}

/// Which raters count.
enum class RaterMode : std::uint8_t {
  supervisor_only,  ///< as the BMA does: only the supervisor's rating (others are shown, not used)
  weighted,         ///< weighted mean of the roles present, rounded by RaterRounding
};
/// How a weighted mean of levels becomes a whole level.
enum class RaterRounding : std::uint8_t {
  nearest_half_up,  ///< 2.5 → 3, 2.49 → 2 (default)
  down,             ///< 2.99 → 2: a level counts only when the weighted raters reach it
};

struct RaterWeights {
  double supervisor = 50, self = 10, peer = 20, subordinate = 20;
  [[nodiscard]] double of(RaterRole r) const noexcept {
    switch (r) {
      case RaterRole::supervisor:
        return supervisor;
      case RaterRole::self:
        return self;
      case RaterRole::peer:
        return peer;
      case RaterRole::subordinate:
        return subordinate;
    }
    return 0;
  }
};

struct HeldLevelOptions {
  LevelPolicy policy = LevelPolicy::automatic;
  double threshold = 0.5;  ///< for LevelPolicy::threshold: share of a level's indicators (0..1]
  RaterMode raters = RaterMode::supervisor_only;
  RaterWeights weights;
  RaterRounding rounding = RaterRounding::nearest_half_up;
};

/// Where a held level came from.
enum class LevelSource : std::uint8_t { none, rating, evidence };
[[nodiscard]] constexpr std::string_view to_string(LevelSource s) noexcept {
  switch (s) {
    case LevelSource::none:
      return "none";
    case LevelSource::rating:
      return "rating";
    case LevelSource::evidence:
      return "evidence";
  }
  return "none";
}

/// One level's evidence count.
struct LevelCheck {
  int level = 0;
  int shown = 0, not_shown = 0, not_observed = 0, total = 0;
  bool holds = false;  ///< holds on its own (all shown, or the threshold share)
  bool operator==(const LevelCheck&) const = default;
};

/// A held level and why. `level` is -1 when nothing was given (not assessed).
struct HeldLevel {
  int level = -1;
  LevelSource source = LevelSource::none;
  std::optional<int> rated;  ///< the rating used (after combining raters)
  int raters_counted = 0;    ///< ratings that counted toward `rated`
  struct RatingSeen {
    RaterRole role = RaterRole::supervisor;
    std::string rater_id;
    int level = 0;
    bool counted =
        false;  ///< false: shown, not counted (another role under supervisor_only, or weight 0)
    bool operator==(const RatingSeen&) const = default;
  };
  std::vector<RatingSeen> ratings;    ///< every rating given, in the order given
  bool combined = false;              ///< `rated` is the weighted combination of several roles
  std::optional<int> evidence_level;  ///< what the evidence alone gives (by the policy's rule)
  std::vector<LevelCheck> levels;     ///< per level 1..N, when there is evidence
  std::vector<std::string> missing;   ///< first indicators missing: those of the first level
                                      ///< that does not hold, not shown or not observed
  std::vector<std::string> shown_above_gap;  ///< shown above the first gap: flagged, not counted
  bool rating_disagrees = false;             ///< the rating differs from what the evidence supports
  std::vector<std::string> notes;            ///< one line per fact above, in English

  [[nodiscard]] bool assessed() const noexcept { return level >= 0; }
};

namespace detail {
inline int round_level(double x, RaterRounding r) {
  return r == RaterRounding::down ? static_cast<int>(std::floor(x + 1e-9))
                                  : static_cast<int>(std::floor(x + 0.5 + 1e-9));
}
/// Levels given per role, for the weighted combination: the mean per role first (several peers
/// count as one peer role), then the roles' means weighted by RaterWeights and rounded.
struct RoleSums {
  double sum[4] = {0, 0, 0, 0};
  int count[4] = {0, 0, 0, 0};
  void add(RaterRole role, int level) noexcept {
    const auto i = static_cast<std::size_t>(role);
    sum[i] += level;
    ++count[i];
  }
  /// nullopt when no role with a positive weight rated.
  [[nodiscard]] std::optional<int> combine(const HeldLevelOptions& opt) const {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      if (!count[i]) continue;
      const double w = opt.weights.of(static_cast<RaterRole>(i));
      num += w * sum[i] / count[i];
      den += w;
    }
    if (den <= 0) return std::nullopt;
    return round_level(num / den, opt.rounding);
  }
};
}  // namespace detail

/// Combines ratings of one competency by the rater mode; nullopt when none counts.
[[nodiscard]] inline std::optional<int> combine_ratings(std::span<const Rating* const> ratings,
                                                        const HeldLevelOptions& opt) {
  if (ratings.empty()) return std::nullopt;
  if (opt.raters == RaterMode::supervisor_only) {
    std::optional<int> level;
    for (const Rating* r : ratings) {
      if (r->role != RaterRole::supervisor) continue;
      if (level && *level != r->level)
        throw ValidationError("two supervisor ratings of '" + r->competency +
                              "' disagree; give one, or use weighted raters");
      level = r->level;
    }
    return level;
  }
  detail::RoleSums sums;
  for (const Rating* r : ratings) sums.add(r->role, r->level);
  return sums.combine(opt);
}

namespace detail {
/// held_level's first step: the evidence count per level (h.levels), and when any indicator was
/// observed the level it supports (h.evidence_level), the indicators missing at the first level
/// that does not hold (h.missing) and those shown above it (h.shown_above_gap).
template <class Observe>
void count_evidence(const Competency& c, Observe& observe, const HeldLevelOptions& opt,
                    HeldLevel& h) {
  bool any_evidence = false;
  for (const Level& l : c.levels) {
    LevelCheck lc;
    lc.level = l.number;
    for (const Indicator& ind : l.indicators) {
      const Observation o = observe(std::string_view(ind.id));
      ++lc.total;
      if (o == Observation::shown)
        ++lc.shown;
      else if (o == Observation::not_shown)
        ++lc.not_shown;
      else
        ++lc.not_observed;
      if (o != Observation::not_observed) any_evidence = true;
    }
    const bool threshold = opt.policy == LevelPolicy::threshold;
    lc.holds = lc.total > 0 &&
               (threshold ? lc.shown >= opt.threshold * lc.total - 1e-9 : lc.shown == lc.total);
    h.levels.push_back(lc);
  }
  if (!any_evidence) {
    h.levels.clear();
    return;
  }
  int k = 0;
  while (k < static_cast<int>(h.levels.size()) && h.levels[static_cast<std::size_t>(k)].holds) ++k;
  h.evidence_level = k;
  if (k < c.max_level()) {
    for (const Indicator& ind : c.levels[static_cast<std::size_t>(k)].indicators)
      if (observe(std::string_view(ind.id)) != Observation::shown) h.missing.push_back(ind.id);
    for (int j = k + 1; j < c.max_level(); ++j)
      for (const Indicator& ind : c.levels[static_cast<std::size_t>(j)].indicators)
        if (observe(std::string_view(ind.id)) == Observation::shown)
          h.shown_above_gap.push_back(ind.id);
  }
}

/// held_level's second step: the ratings combined by the rater mode (h.rated), and every rating
/// seen, counted or not.
inline void record_ratings(std::span<const Rating* const> ratings, const HeldLevelOptions& opt,
                           HeldLevel& h) {
  h.rated = combine_ratings(ratings, opt);
  for (const Rating* r : ratings) {
    const bool counted = opt.raters == RaterMode::weighted ? opt.weights.of(r->role) > 0
                                                           : r->role == RaterRole::supervisor;
    h.raters_counted += counted;
    h.ratings.push_back(HeldLevel::RatingSeen{r->role, r->rater_id, r->level, counted});
  }
  h.combined = opt.raters == RaterMode::weighted && h.rated.has_value();
}

/// held_level's third step: the level by the policy, from the rating or the evidence.
inline void choose_level(const HeldLevelOptions& opt, HeldLevel& h) {
  switch (opt.policy) {
    case LevelPolicy::automatic:
      if (h.rated) {
        h.level = *h.rated;
        h.source = LevelSource::rating;
      } else if (h.evidence_level) {
        h.level = *h.evidence_level;
        h.source = LevelSource::evidence;
      }
      break;
    case LevelPolicy::strict:
    case LevelPolicy::threshold:
      if (h.evidence_level) {
        h.level = *h.evidence_level;
        h.source = LevelSource::evidence;
      }
      break;
    case LevelPolicy::rated:
      if (h.rated) {
        h.level = *h.rated;
        h.source = LevelSource::rating;
      }
      break;
  }
  if (h.rated && h.evidence_level && *h.rated != *h.evidence_level) h.rating_disagrees = true;
}

/// held_level's last step: one note per fact, in English; the CLI prints Thai from the same
/// fields.
inline void held_level_notes(const HeldLevelOptions& opt, HeldLevel& h) {
  auto n = [](int v) { return std::to_string(v); };
  if (h.source == LevelSource::rating)
    h.notes.push_back("level " + n(h.level) + " from the rating");
  else if (h.source == LevelSource::evidence)
    h.notes.push_back("level " + n(h.level) + " from the evidence (" +
                      std::string(opt.policy == LevelPolicy::threshold ? "threshold" : "strict") +
                      " rule)");
  else
    h.notes.push_back("not assessed: no rating and no evidence");
  for (const auto& lc : h.levels)
    if (lc.holds && lc.level <= h.evidence_level.value_or(0))
      h.notes.push_back("level " + n(lc.level) + " holds: " + n(lc.shown) + " of " + n(lc.total) +
                        " indicators shown");
  if (!h.missing.empty()) {
    std::string s;
    for (const auto& m : h.missing) s += (s.empty() ? "" : ", ") + m;
    h.notes.push_back("level " + n(h.evidence_level.value_or(0) + 1) + " does not hold; missing " +
                      s);
  }
  if (!h.shown_above_gap.empty()) {
    std::string s;
    for (const auto& m : h.shown_above_gap) s += (s.empty() ? "" : ", ") + m;
    h.notes.push_back("shown above the gap, not counted: " + s);
  }
  if (h.rating_disagrees)
    h.notes.push_back("the rating (" + n(*h.rated) + ") disagrees with the evidence (" +
                      n(*h.evidence_level) + ")");
}
}  // namespace detail

/// The held level of one competency from its ratings and an observation lookup
/// (`observe(indicator_id)`, not_observed when unknown). Pure; never throws for missing input
/// (the result is then not assessed, level -1).
template <class Observe>
requires std::is_invocable_r_v<Observation, Observe&, std::string_view>
[[nodiscard]] HeldLevel held_level(const Competency& c, std::span<const Rating* const> ratings,
                                   Observe&& observe, const HeldLevelOptions& opt = {}) {
  HeldLevel h;
  detail::count_evidence(c, observe, opt, h);
  detail::record_ratings(ratings, opt, h);
  detail::choose_level(opt, h);
  detail::held_level_notes(opt, h);
  return h;
}

/// Convenience: observations from a map indicator id → observation.
[[nodiscard]] inline HeldLevel held_level(const Competency& c,
                                          std::span<const Rating* const> ratings,
                                          const std::unordered_map<std::string, Observation>& obs,
                                          const HeldLevelOptions& opt = {}) {
  return held_level(
      c, ratings,
      [&](std::string_view id) {
        auto it = obs.find(std::string(id));
        return it == obs.end() ? Observation::not_observed : it->second;
      },
      opt);
}

/// Held levels of every competency of `fw` for one assessment, in framework order. Ratings and
/// evidence naming unknown competencies or indicators, and levels out of range, are errors.
[[nodiscard]] inline std::vector<HeldLevel> held_levels(const Framework& fw, const Assessment& a,
                                                        const HeldLevelOptions& opt = {}) {
  std::vector<std::vector<const Rating*>> by(fw.size());
  for (const Rating& r : a.ratings) {
    const Competency& c = fw.competency(r.competency);
    if (r.level < 0 || r.level > c.max_level()) {
      Location where;
      where.path = c.id;
      where.value = std::to_string(r.level);
      throw ValidationError("person '" + a.person.id + "': level out of range for '" + c.id +
                                "' (0.." + std::to_string(c.max_level()) + ")",
                            where);
    }
    by[static_cast<std::size_t>(&c - fw.competencies().data())].push_back(&r);
  }
  std::unordered_map<std::string, Observation> obs;
  for (const IndicatorEvidence& e : a.evidence) {
    (void)fw.indicator(e.indicator_id);  // throws LookupError for an unknown id
    if (opt.raters == RaterMode::supervisor_only && e.role != RaterRole::supervisor) continue;
    auto [it, fresh] = obs.emplace(e.indicator_id, e.observation);
    if (!fresh && e.observation == Observation::shown)
      it->second = Observation::shown;
    else if (!fresh && it->second == Observation::not_observed)
      it->second = e.observation;
  }
  std::vector<HeldLevel> out;
  out.reserve(fw.size());
  for (std::size_t i = 0; i < fw.size(); ++i)
    out.push_back(held_level(fw.competencies()[i], by[i], obs, opt));
  return out;
}

}  // namespace samatthana
