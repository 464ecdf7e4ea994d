#pragma once
// Scoring: expected-level profiles, gaps, the four DPIS scoring methods (bar, rating, ratio, bma),
// DPIS rounding, appraisal totals and bands, development targets, and a columnar batch path.
// Header-only rules (value types and pure functions); profile files are read in src/.
// See docs/scoring.md for every rule, with the worked figures the tests check.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samatthana/assessment.hpp"
#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

// ---- rounding ------------------------------------------------------------------------------

/// Rounds to `places` decimals, halves away from zero, as PHP's round() does: a value whose
/// decimal expansion is a half within floating-point noise (2.675 stored as 2.67499999…) counts
/// as the half.
[[nodiscard]] inline double round_half_away(double x, int places) {
  constexpr double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  const double f = places >= 0 && places <= 8 ? p10[places] : std::pow(10.0, places);
  const double y = x * f;
  double r = std::round(y);  // halves away from zero
  const double t = std::trunc(y);
  const double frac = std::fabs(y - t);
  if (std::fabs(frac - 0.5) < 1e-9 * std::max(1.0, std::fabs(y))) r = t + (y < 0 ? -1.0 : 1.0);
  return r / f;
}
/// DPIS's rounding of a part score: round(round(x, 3), 2), halves away from zero.
[[nodiscard]] inline double round_dpis(double x) {
  return round_half_away(round_half_away(x, 3), 2);
}

// ---- methods -------------------------------------------------------------------------------

/// The named scoring methods of the competency part (DOMAIN.md, DPIS `COMPETENCY_SCALE`).
enum class Method : std::uint8_t { bma, bar, rating, ratio };

[[nodiscard]] constexpr std::string_view to_string(Method m) noexcept {
  switch (m) {
    case Method::bma:
      return "bma";
    case Method::bar:
      return "bar";
    case Method::rating:
      return "rating";
    case Method::ratio:
      return "ratio";
  }
  return "bma";
}
[[nodiscard]] inline std::optional<Method> method_from_string(std::string_view s) noexcept {
  if (s == "bma") return Method::bma;
  if (s == "bar") return Method::bar;
  if (s == "rating") return Method::rating;
  if (s == "ratio") return Method::ratio;
  return std::nullopt;
}

/// Gap of one competency: held − expected (negative below expected).
[[nodiscard]] constexpr int gap(int held, int expected) noexcept { return held - expected; }

/// Bar scale (OCSC 3/2/1/0): at or above expected 3, one below 2, two below 1, further 0.
[[nodiscard]] constexpr int bar_points(int held, int expected) noexcept {
  return held >= expected ? 3 : std::max(0, 3 - (expected - held));
}
/// BMA: level 0 → 0; otherwise min(5, 4 + held − expected), and never below 0 (an expected
/// level more than 4 above a held level ≥ 1 cannot happen with the BMA profile, whose highest
/// expected level is 3; the floor keeps other profiles' scores in range).
[[nodiscard]] constexpr int bma_points(int held, int expected) noexcept {
  return held == 0 ? 0 : std::clamp(4 + held - expected, 0, 5);
}
/// The 1–5 rating a held level stands for, for the rating-scale method: meeting the expected
/// level is 3 (the middle of the scale), each level above or below moves one step, clamped to
/// 1..5; level 0 ("does not clearly show") is always 1. See docs/scoring.md.
[[nodiscard]] constexpr int level_rating(int held, int expected) noexcept {
  return held == 0 ? 1 : std::clamp(3 + held - expected, 1, 5);
}

/// How the part score is computed.
struct ScoringRules {
  Method method = Method::bma;
  double weight = 30;         ///< the competency part's weight (BMA 30)
  bool dpis_rounding = true;  ///< round(round(x, 3), 2) halves away from zero; else unrounded
  bool ratio_cap = true;      ///< ratio method: cap Σheld ÷ Σexpected at 1 (DPIS does not)
  /// Rating method: weight of each competency in percent, in framework order, summing to 100;
  /// empty = equal weights.
  std::vector<double> rating_weights;

  /// Throws ValidationError for a weight outside 0..100 or rating weights not summing to 100.
  void validate(std::size_t competencies) const {
    if (!(weight >= 0 && weight <= 100))
      throw ValidationError("the competency part weight must be between 0 and 100, not " +
                            std::to_string(weight));
    if (!rating_weights.empty()) {
      if (rating_weights.size() != competencies)
        throw ValidationError("rating weights: give one weight per competency (" +
                              std::to_string(competencies) + "), not " +
                              std::to_string(rating_weights.size()));
      double s = 0;
      for (double w : rating_weights) {
        if (!(w >= 0)) throw ValidationError("rating weights must not be negative");
        s += w;
      }
      if (std::fabs(s - 100) > 1e-6)
        throw ValidationError("rating weights must sum to 100, not " + std::to_string(s));
    }
  }
};

/// Points of one competency under `m` (ratio: the held level itself).
[[nodiscard]] constexpr double points(Method m, int held, int expected) noexcept {
  switch (m) {
    case Method::bma:
      return bma_points(held, expected);
    case Method::bar:
      return bar_points(held, expected);
    case Method::rating:
      return level_rating(held, expected);
    case Method::ratio:
      return held;
  }
  return 0;
}

namespace detail {
/// Running sums of one person's competencies: the part score depends on these alone. The
/// per-person path (part_score, score_person) and the batch path (score_batch, score_cohort)
/// both add competencies with add_points and finish with part_from_sums: the formula lives here
/// once. Sums of bma, bar, unweighted rating points and of ratio levels are whole numbers
/// (exact in a double), so score_batch may cache part_from_sums by them.
struct PartSums {
  double points = 0;  ///< Σ points (weighted ratings: Σ rating × weight ÷ 100, in framework order)
  double expected = 0;  ///< Σ expected levels (ratio method)
};
/// Adds competency j (held h, expected e, points p = points(method, h, e)) to the sums.
inline void add_points(PartSums& s, const ScoringRules& rules, std::size_t j, int e,
                       double p) noexcept {
  const bool weighted = rules.method == Method::rating && !rules.rating_weights.empty();
  s.points += weighted ? p * rules.rating_weights[j] / 100.0 : p;
  s.expected += e;
}
/// Whether the sums are whole numbers (every method but weighted ratings).
[[nodiscard]] inline bool integral_sums(const ScoringRules& rules) noexcept {
  return !(rules.method == Method::rating && !rules.rating_weights.empty());
}
/// The highest points of one competency under `m` (ratio: the held level, up to max_level).
[[nodiscard]] constexpr int max_points(Method m, int max_level) noexcept {
  switch (m) {
    case Method::bma:
      return 5;
    case Method::bar:
      return 3;
    case Method::rating:
      return 5;
    case Method::ratio:
      return max_level;
  }
  return 5;
}
/// The part score of n competencies from their sums, DPIS-rounded when the rules say so.
[[nodiscard]] inline double part_from_sums(const PartSums& s, const ScoringRules& rules,
                                           std::size_t n) noexcept {
  const double nd = static_cast<double>(n);
  double x = 0;
  switch (rules.method) {
    case Method::bma:
      x = s.points / nd / 5.0 * rules.weight;
      break;
    case Method::bar:
      x = s.points / (nd * 3.0) * rules.weight;
      break;
    case Method::rating:
      x = (integral_sums(rules) ? s.points / nd : s.points) / 5.0 * rules.weight;
      break;
    case Method::ratio: {
      // Nothing expected: everyone meets it.
      double r = s.expected > 0 ? s.points / s.expected : 1.0;
      if (rules.ratio_cap) r = std::min(r, 1.0);
      x = r * rules.weight;
      break;
    }
  }
  return rules.dpis_rounding ? round_dpis(x) : x;
}
}  // namespace detail

/// The competency part score of one person from held and expected levels (same order as the
/// framework's competencies). Throws ValidationError for mismatched sizes, or rating weights
/// that are not one per competency.
[[nodiscard]] inline double part_score(std::span<const int> held, std::span<const int> expected,
                                       const ScoringRules& rules) {
  if (held.size() != expected.size() || held.empty())
    throw ValidationError("held and expected levels must have the same, non-zero length");
  if (!detail::integral_sums(rules) && rules.rating_weights.size() != held.size())
    throw ValidationError("rating weights: give one weight per competency (" +
                          std::to_string(held.size()) + "), not " +
                          std::to_string(rules.rating_weights.size()));
  detail::PartSums s;
  for (std::size_t i = 0; i < held.size(); ++i)
    detail::add_points(s, rules, i, expected[i], points(rules.method, held[i], expected[i]));
  return detail::part_from_sums(s, rules, held.size());
}

// ---- the whole appraisal -----------------------------------------------------------------

/// One band: a total at or above `min` (and below the next band's min) falls in it.
struct Band {
  std::string th;
  std::string en;
  double min = 0;
  bool operator==(const Band&) const = default;
};

/// A cap on the share of people in a band and every band above it (e.g. ดีมาก: 0.3 = at most
/// 30 % in ดีเด่น and ดีมาก together): a profile's target distribution, checked by calibrate
/// (samatthana/calibration.hpp).
struct BandCap {
  std::string band;      ///< Thai or English name of a band of the scheme
  double max_share = 1;  ///< 0..1
  bool operator==(const BandCap&) const = default;
};

/// The most bands a scheme may have: band indexes are stored as int8 (−1 = no total).
inline constexpr std::size_t kMaxBands = 127;

/// Weights of the parts and the bands table (BMA default: 70/30, no other part, ดีเด่น 90, ดีมาก
/// 80, ดี 70, พอใช้ 60, ต้องปรับปรุง below). `other_weight` is DPIS's third part, "ผลงานองค์ประกอบ
/// อื่นๆ" (PER_KPI_FORM.OTHER_WEIGHT; docs/scoring.md, "Other part"): 0 = none, as in every shipped
/// profile (the BMA form never has it).
struct Scheme {
  double results_weight = 70;
  double competency_weight = 30;
  double other_weight = 0;
  std::vector<Band> bands = {{"ดีเด่น", "excellent", 90},
                             {"ดีมาก", "very good", 80},
                             {"ดี", "good", 70},
                             {"พอใช้", "fair", 60},
                             {"ต้องปรับปรุง", "needs improvement", 0}};
  bool operator==(const Scheme&) const = default;

  /// Weights ≥ 0 summing to 100; bands non-empty, named, with strictly descending minima.
  void validate() const {
    if (!(results_weight >= 0 && competency_weight >= 0 && other_weight >= 0) ||
        std::fabs(results_weight + competency_weight + other_weight - 100) > 1e-9)
      throw ValidationError(
          other_weight == 0
              ? "the results and competency weights must sum to 100 (given " +
                    std::to_string(results_weight) + " + " + std::to_string(competency_weight) + ")"
              : "the results, competency and other weights must each be 0 or more and sum to "
                "100 (given " +
                    std::to_string(results_weight) + " + " + std::to_string(competency_weight) +
                    " + " + std::to_string(other_weight) + ")");
    validate_bands();
  }
  /// Index of the band of `total` in `bands`; the last band catches everything below.
  [[nodiscard]] std::size_t band_index(double total) const noexcept {
    for (std::size_t i = 0; i < bands.size(); ++i)
      if (total >= bands[i].min - 1e-9) return i;
    return bands.size() - 1;
  }
  [[nodiscard]] const Band& band(double total) const { return bands.at(band_index(total)); }
  /// Whether the scheme has DPIS's other part (other_weight > 0).
  [[nodiscard]] bool has_other() const noexcept { return other_weight > 0; }
  /// The other part in points of its weight from `other` (0..100 percent of the part; DPIS's
  /// SCORE_OTHER × 100): other × other_weight ÷ 100 rounded once to 2 decimals, halves away from
  /// zero, as DPIS's database stores SUM_OTHER = SCORE_OTHER × OTHER_WEIGHT (NUMBER(6,2);
  /// kpi_kpi_form_detail_3.php 120).
  [[nodiscard]] double other_points(double other) const {
    return round_half_away(other * other_weight / 100.0, 2);
  }
  /// Results (0..100 percent of the results part) scaled by its weight plus the competency part
  /// (already in points of its weight), DPIS-rounded.
  [[nodiscard]] double total(double results_percent, double competency_part) const {
    return round_dpis(results_percent * results_weight / 100.0 + competency_part);
  }
  /// As total(results, part), plus the other part in points (other_points): DPIS's TOTAL_SCORE =
  /// SUM_KPI + SUM_COMPETENCE + SUM_OTHER (kpi_kpi_form_detail_3.php 121, kpi_kpi_form.php 1531).
  [[nodiscard]] double total(double results_percent, double competency_part,
                             double other_points) const {
    return round_dpis(results_percent * results_weight / 100.0 + competency_part + other_points);
  }

 private:
  void validate_bands() const {
    if (bands.empty()) throw ValidationError("the bands table is empty");
    if (bands.size() > kMaxBands)
      throw ValidationError("the bands table has " + std::to_string(bands.size()) +
                            " bands; at most " + std::to_string(kMaxBands) + " are allowed");
    for (std::size_t i = 0; i < bands.size(); ++i) {
      if (bands[i].th.empty())
        throw ValidationError("band " + std::to_string(i + 1) + " has no Thai name");
      // Totals are 0..100: a band whose minimum is above 100 can never be reached, and one
      // below 0 leaves the bands after it unreachable (the last band catches everything below).
      if (!(bands[i].min >= 0 && bands[i].min <= 100))
        throw ValidationError("band '" + bands[i].th + "' has the minimum " +
                              std::to_string(bands[i].min) +
                              "; totals are 0 to 100, so give a minimum between 0 and 100");
      if (i && !(bands[i].min < bands[i - 1].min))
        throw ValidationError("bands must be listed from the highest minimum down ('" +
                              bands[i].th + "' is not below '" + bands[i - 1].th + "')");
    }
  }
};

// ---- expected-level profiles ------------------------------------------------------------

/// The expected level Profile::expected_set gives a competency the person is not appraised on.
inline constexpr int kNotAppraised = -1;

/// Expected levels of one position.
struct PositionProfile {
  std::string code;  ///< DPIS rank code: O1..O4, K1..K5, D1..D2, M1..M2
  std::string type;  ///< Thai position type: ทั่วไป, วิชาการ, อำนวยการ, บริหาร
  std::string rank;  ///< Thai rank: ปฏิบัติงาน, ชำนาญการ, …
  int expected = 0;  ///< default expected level of every competency
  std::vector<std::pair<std::string, int>> overrides;  ///< competency id → expected level
  /// Per-position competency set (docs/profiles.md): empty = appraised on every competency of the
  /// framework at `expected`; else only on the competencies of these groups, each at its level
  /// (≥ 1; a group left out is not appraised, as DPIS leaves targets of 0 off the form).
  std::vector<std::pair<Group, int>> groups = {};
  bool operator==(const PositionProfile&) const = default;

  [[nodiscard]] int expected_for(std::string_view competency_id) const noexcept {
    for (const auto& [id, lvl] : overrides)
      if (id == competency_id) return lvl;
    return expected;
  }
  /// The level of group `g`, or nullopt when the position is not appraised on that group (always
  /// `expected` for a position without groups).
  [[nodiscard]] std::optional<int> group_level(Group g) const noexcept {
    if (groups.empty()) return expected;
    for (const auto& [gg, lvl] : groups)
      if (gg == g) return lvl;
    return std::nullopt;
  }
};

/// One line of an agency's job-line table (สายงาน, DPIS PER_LINE_COMPETENCE): the functional
/// competencies a person of that job line is appraised on.
struct JobLine {
  std::string code;  ///< the agency's code (DPIS PL_CODE); may be empty
  std::string name;  ///< Thai name, e.g. "นักทรัพยากรบุคคล"
  std::vector<std::string> competencies;  ///< functional competencies: id, DPIS code or name
  bool operator==(const JobLine&) const = default;
};

namespace detail {
/// Key of a position spelling: match_key with Arabic digits, without "ประเภท", "ระดับ", "/",
/// "-", "_". Codes and queries both go through it, so "K๒" finds "K2" and the reverse.
inline std::string position_key(std::string_view s) {
  std::string k = text::match_key(text::to_arabic_digits(s));
  for (std::string_view drop : {"ประเภท", "ระดับ", "/", "-", "_", "ตำแหน่ง"}) {
    for (std::size_t p; (p = k.find(drop)) != std::string::npos;) k.erase(p, drop.size());
  }
  return k;
}
}  // namespace detail

/// The raw content of a profile file (docs/scoring.md, "Profile files").
struct ProfileData {
  std::string id;
  Text name;
  std::vector<std::string> frameworks;  ///< framework ids it is for; empty = any
  std::string source;                   ///< where the numbers come from
  std::vector<PositionProfile> positions;
  Scheme scheme;
  std::optional<Method> method;  ///< the method the scheme's owner uses, if stated
  /// The job-line table: which functional competencies each job line is appraised on (empty =
  /// every functional competency of the framework, for positions appraised on that group).
  std::vector<JobLine> job_lines;
  std::string job_lines_note;  ///< where the table comes from ("an example, not an official table")
  /// The target band distribution ("calibration": {"caps": [...]}): the default caps of
  /// calibrate. Empty = none (no shipped profile states official caps; docs/reports.md).
  std::vector<BandCap> caps;
};

/// A validated expected-level profile: position → expected level per competency, plus the
/// appraisal scheme (weights, bands). An unknown position is a LookupError, never level 0.
class Profile {
 public:
  explicit Profile(ProfileData d) : d_(std::move(d)) {
    if (d_.id.empty()) throw ValidationError("a profile needs an id");
    if (d_.positions.empty()) throw ValidationError("profile '" + d_.id + "' lists no positions");
    d_.scheme.validate();
    for (std::size_t i = 0; i < d_.caps.size(); ++i) check_cap(d_.caps[i], i);
    for (const auto& p : d_.positions) {
      if (p.expected < 0)
        throw ValidationError("profile '" + d_.id + "': negative expected level for " + p.code);
      check_groups(p);
      std::vector<std::string> ks;
      if (!p.code.empty()) ks.push_back(detail::position_key(p.code));
      if (!p.type.empty() || !p.rank.empty()) ks.push_back(detail::position_key(p.type + p.rank));
      for (auto& k : ks) {
        for (const auto& [other, idx] : keys_)
          if (other == k)
            throw ValidationError("profile '" + d_.id + "': two positions answer to '" + k + "'");
        keys_.emplace_back(k, static_cast<std::size_t>(&p - d_.positions.data()));
      }
    }
    index_job_lines();
  }
  [[nodiscard]] const std::string& id() const noexcept { return d_.id; }
  [[nodiscard]] const ProfileData& data() const noexcept { return d_; }
  [[nodiscard]] const Scheme& scheme() const noexcept { return d_.scheme; }
  [[nodiscard]] std::span<const PositionProfile> positions() const noexcept { return d_.positions; }
  [[nodiscard]] std::span<const JobLine> job_lines() const noexcept { return d_.job_lines; }
  /// Whether some position has its own competency set (groups): people of one cohort may then
  /// be appraised on different competencies.
  [[nodiscard]] bool has_sets() const noexcept {
    return std::any_of(d_.positions.begin(), d_.positions.end(),
                       [](const auto& p) { return !p.groups.empty(); });
  }

  /// The position spelled `key`: its code ("K2", "k2", "๏" digits allowed) or Thai type and rank
  /// ("วิชาการ ชำนาญการ", "ประเภทวิชาการ ระดับชำนาญการ"); nullptr when unknown.
  [[nodiscard]] const PositionProfile* find(std::string_view key) const {
    if (!text::is_valid_utf8(key)) return nullptr;
    const std::string k = detail::position_key(key);
    for (const auto& [kk, idx] : keys_)
      if (kk == k) return &d_.positions[idx];
    return nullptr;
  }
  /// As find, but throws LookupError listing the known codes.
  [[nodiscard]] const PositionProfile& position(std::string_view key) const {
    if (const auto* p = find(key)) return *p;
    std::string known;
    for (const auto& p : d_.positions) known += (known.empty() ? "" : ", ") + p.code;
    Location where;
    where.value = std::string(key);
    throw LookupError("unknown position in profile '" + d_.id + "' (known: " + known +
                          ", or the Thai type and rank such as \"วิชาการ ชำนาญการ\")",
                      where);
  }
  /// The job line spelled `key` (its code or Thai name, insensitive to spacing and digits);
  /// nullptr when unknown.
  [[nodiscard]] const JobLine* find_job_line(std::string_view key) const {
    if (!text::is_valid_utf8(key)) return nullptr;
    const std::string k = detail::position_key(key);
    for (const auto& [kk, idx] : line_keys_)
      if (kk == k) return &d_.job_lines[idx];
    return nullptr;
  }
  /// As find_job_line, but throws LookupError listing the known job lines.
  [[nodiscard]] const JobLine& job_line(std::string_view key) const {
    if (const auto* l = find_job_line(key)) return *l;
    std::string known;
    for (const auto& l : d_.job_lines)
      known += (known.empty() ? "" : ", ") + (l.code.empty() ? l.name : l.code + " " + l.name);
    Location where;
    where.path = "job_line";
    where.value = std::string(key);
    throw LookupError("unknown job line (สายงาน) in profile '" + d_.id + "' (known: " + known + ")",
                      where);
  }
  /// Whether a person of position `p` needs a job line: appraised on functional competencies
  /// chosen by the profile's job-line table.
  [[nodiscard]] bool needs_job_line(const PositionProfile& p) const noexcept {
    return !p.groups.empty() && !d_.job_lines.empty() &&
           p.group_level(Group::functional).has_value();
  }

  /// Throws ValidationError when this profile is not for `fw`, or an override names a competency
  /// the framework lacks (or one outside the position's set), or an expected level is above a
  /// competency's maximum, or a job line lists a competency that is not a functional one of `fw`.
  void check(const Framework& fw) const {
    if (!d_.frameworks.empty() &&
        std::find(d_.frameworks.begin(), d_.frameworks.end(), fw.id()) == d_.frameworks.end()) {
      std::string list;
      for (const auto& f : d_.frameworks) list += (list.empty() ? "" : ", ") + f;
      throw ValidationError("profile '" + d_.id + "' is for framework " + list + ", not '" +
                            fw.id() + "'; choose a matching profile or framework");
    }
    for (const auto& p : d_.positions) {
      for (const auto& [cid, lvl] : p.overrides) {
        const Competency& c = fw.competency(cid);
        if (lvl < 0 || lvl > c.max_level())
          throw ValidationError("profile '" + d_.id + "', position " + p.code +
                                ": expected level " + std::to_string(lvl) + " of '" + cid +
                                "' is outside 0.." + std::to_string(c.max_level()));
        if (!p.group_level(c.group))
          throw ValidationError(
              "profile '" + d_.id + "', position " + p.code + ": an override of '" + cid + "', a " +
              std::string(to_string(c.group)) +
              " competency the position is not appraised on (add the group to its groups)");
      }
      for (const auto& c : fw.competencies()) {
        const auto g = p.group_level(c.group);
        if (!g) continue;
        const int e = p.groups.empty() ? p.expected_for(c.id) : override_or(p, c.id, *g);
        if (e > c.max_level())
          throw ValidationError("profile '" + d_.id + "', position " + p.code +
                                ": expected level " + std::to_string(e) +
                                " is above the highest level of '" + c.id + "' (" +
                                std::to_string(c.max_level()) + ")");
      }
    }
    for (const auto& l : d_.job_lines)
      for (const auto& key : l.competencies) {
        const Competency& c = fw.competency(key);
        if (c.group != Group::functional)
          throw ValidationError(
              "profile '" + d_.id + "', job line '" + l.name + "' lists '" + c.id + "', a " +
              std::string(to_string(c.group)) +
              " competency: a job line lists functional competencies only (core ones are "
              "everyone's, managerial ones the executives')");
      }
  }
  /// Expected level of every competency of `fw` (framework order) for position `p` and job line
  /// `line` (may be null when needs_job_line(p) is false): kNotAppraised for a competency outside
  /// the position's set. A position without groups is appraised on every competency.
  [[nodiscard]] std::vector<int> expected_set(const Framework& fw, const PositionProfile& p,
                                              const JobLine* line) const {
    std::vector<int> out;
    out.reserve(fw.size());
    std::vector<char> in_line;
    if (needs_job_line(p)) {
      if (!line)
        throw ValidationError("position " + p.code +
                              " is appraised on the functional competencies of its job line "
                              "(สายงาน): give the job line");
      in_line.assign(fw.size(), 0);
      for (const auto& key : line->competencies) {
        if (const auto j = fw.find(key))
          in_line[*j] = 1;
        else
          (void)fw.competency(key);  // the LookupError naming it
      }
    }
    for (std::size_t j = 0; j < fw.size(); ++j) {
      const Competency& c = fw.competencies()[j];
      if (p.groups.empty()) {
        out.push_back(p.expected_for(c.id));
        continue;
      }
      const auto g = p.group_level(c.group);
      const bool in = g && (c.group != Group::functional || in_line.empty() || in_line[j]);
      out.push_back(in ? override_or(p, c.id, *g) : kNotAppraised);
    }
    return out;
  }
  /// Expected levels of a position for every competency of `fw`, in framework order (a profile
  /// with sets: kNotAppraised outside the position's set; a position that needs a job line is an
  /// error here: use the overload taking the person).
  [[nodiscard]] std::vector<int> expected(const Framework& fw,
                                          std::string_view position_key) const {
    return expected_set(fw, position(position_key), nullptr);
  }
  /// Expected levels of a person: their position, and their job line when the position needs one
  /// (LookupError for an unknown position or job line, ValidationError for a missing job line).
  [[nodiscard]] std::vector<int> expected(const Framework& fw, const Person& person) const {
    const PositionProfile& p = position(person.position);
    const JobLine* line = nullptr;
    if (needs_job_line(p)) {
      if (person.job_line.empty()) {
        Location where;
        where.path = "job_line";
        throw ValidationError(
            "person '" + person.id + "' (" + p.code +
                ") is appraised on the functional competencies of a job line (สายงาน): "
                "give it in a job_line (สายงาน) column",
            where);
      }
      line = &job_line(person.job_line);
    }
    return expected_set(fw, p, line);
  }

 private:
  static int override_or(const PositionProfile& p, std::string_view id, int level) noexcept {
    for (const auto& [oid, lvl] : p.overrides)
      if (oid == id) return lvl;
    return level;
  }
  /// A cap names a band of the scheme (Thai or English name) once, with a share 0..1.
  void check_cap(const BandCap& c, std::size_t i) const {
    Location w;
    w.path = "$.calibration.caps[" + std::to_string(i) + "]";
    const auto& bands = d_.scheme.bands;
    const bool known = std::any_of(bands.begin(), bands.end(), [&](const Band& b) {
      return b.th == c.band || (!b.en.empty() && b.en == c.band);
    });
    if (!known) {
      std::string list;
      for (const Band& b : bands) list += (list.empty() ? "" : ", ") + b.th;
      w.path += ".band";
      w.value = c.band;
      throw ValidationError("profile '" + d_.id + "': no band of the scheme is called '" + c.band +
                                "' (bands: " + list + ")",
                            w);
    }
    if (!(c.max_share >= 0 && c.max_share <= 1)) {
      w.path += ".max_share";
      w.value = std::to_string(c.max_share);
      throw ValidationError("profile '" + d_.id + "': the cap of '" + c.band +
                                "' must be a share between 0 and 1 (0.1 = 10 %)",
                            w);
    }
    for (std::size_t k = 0; k < i; ++k)
      if (d_.caps[k].band == c.band) {
        w.path += ".band";
        w.value = c.band;
        throw ValidationError("profile '" + d_.id + "': band '" + c.band + "' is capped twice", w);
      }
  }
  void check_groups(const PositionProfile& p) const {
    for (std::size_t i = 0; i < p.groups.size(); ++i) {
      const auto [g, lvl] = p.groups[i];
      if (lvl < 1)
        throw ValidationError(
            "profile '" + d_.id + "', position " + p.code + ": the " + std::string(to_string(g)) +
            " group has expected level " + std::to_string(lvl) +
            "; leave the group out instead (a position is not appraised on a group whose "
            "expected level would be 0, as DPIS leaves targets of 0 off the form)");
      for (std::size_t k = 0; k < i; ++k)
        if (p.groups[k].first == g)
          throw ValidationError("profile '" + d_.id + "', position " + p.code + ": the " +
                                std::string(to_string(g)) + " group is given twice");
    }
  }
  void index_job_lines() {
    for (std::size_t i = 0; i < d_.job_lines.size(); ++i) {
      const JobLine& l = d_.job_lines[i];
      if (l.name.empty())
        throw ValidationError("profile '" + d_.id + "': job line " + std::to_string(i + 1) +
                              " has no name");
      if (l.competencies.empty())
        throw ValidationError("profile '" + d_.id + "': job line '" + l.name +
                              "' lists no competencies");
      std::vector<std::string> ks{detail::position_key(l.name)};
      if (!l.code.empty()) ks.push_back(detail::position_key(l.code));
      for (auto& k : ks) {
        for (const auto& [other, idx] : line_keys_)
          if (other == k && idx != i)
            throw ValidationError("profile '" + d_.id + "': two job lines answer to '" + k + "'");
        line_keys_.emplace_back(k, i);
      }
    }
  }

  ProfileData d_;
  std::vector<std::pair<std::string, std::size_t>> keys_;
  std::vector<std::pair<std::string, std::size_t>> line_keys_;
};

/// A built-in profile: "bma" / "bma-core", "ocsc" / "ocsc-core"; throws LookupError. (Profile
/// files: parse_profile, load_profile and profile(id_or_path) in profile_io.hpp.)
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Profile> builtin_profile(std::string_view id);
/// The built-in profile made for framework `fw` (bma-core for bma-core-2550, ocsc-core for the
/// OCSC frameworks); throws LookupError when none is.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Profile> default_profile(const Framework& fw);

// ---- one person --------------------------------------------------------------------------

struct CompetencyScore {
  std::string competency;  ///< id
  int held = 0;
  int expected = 0;
  int gap = 0;
  double points = 0;
  HeldLevel detail;
};

struct PersonScore {
  Person person;
  std::vector<CompetencyScore>
      competencies;                    ///< framework order; only those the person is appraised on
  double competency_score = 0;         ///< the part score, out of the part weight
  std::optional<double> results;       ///< 0..100 percent of the results part
  std::optional<double> other;         ///< 0..100 percent of the other part (schemes that have one)
  std::optional<double> other_points;  ///< Scheme::other_points(other), out of other_weight
  std::optional<double> total;
  std::optional<std::size_t> band;  ///< index into the scheme's bands
};

/// What to do with a competency that has neither a rating nor evidence.
enum class MissingPolicy : std::uint8_t {
  error,  ///< a ValidationError naming the person and competency (default)
  zero,   ///< level 0 ("does not clearly show"), explicitly chosen
};

struct ScoringOptions {
  HeldLevelOptions levels;
  ScoringRules rules;
  MissingPolicy missing = MissingPolicy::error;
  /// score_cohort's collect-all-errors mode (an import screen shows every person who cannot be
  /// scored): with a value N, every row error found while scoring (a position the profile lacks,
  /// a competency neither rated nor evidenced, an evidence or results row naming nobody of the
  /// ratings, a missing results or other figure, ...) is kept and one ImportErrors (error.hpp)
  /// lists them in file order, at most N ("and K more"), each located as the first-error mode
  /// throws it. An error of the whole input (the rules, the profile, a column given twice) is
  /// thrown alone, as an ImportErrors too. Empty (the default): the first error, as it is.
  /// score_person ignores it. See docs/guide.md, "Errors".
  std::optional<std::size_t> all_errors;
};

namespace detail {
/// The error for a rating or evidence of a competency outside the person's set.
[[noreturn]] inline void not_in_set(const Person& person, const Competency& c, Location where) {
  throw ValidationError(
      "person '" + person.id + "' (" + person.position +
          (person.job_line.empty() ? std::string() : ", " + person.job_line) +
          ") is not appraised on '" + c.id + "' (" + c.name.th + ", " +
          std::string(to_string(c.group)) +
          "), yet it is rated or evidenced: remove it, or check the position and job line",
      std::move(where));
}
/// Rating weights per competency need everyone on the same competencies: refused with a profile
/// that has per-position sets (score_person and score_cohort, after the rules' own checks).
inline void check_rules_for_sets(const Profile& prof, const ScoringRules& rules) {
  if (prof.has_sets() && !integral_sums(rules))
    throw ValidationError(
        "rating weights need every person appraised on the same competencies; profile '" +
        prof.id() + "' has per-position sets: use equal weights");
}
}  // namespace detail

namespace detail {
/// A percent figure of one person (results, other) checked to be 0..100.
inline void check_percent(const Person& person, const char* what, double v) {
  if (v >= 0 && v <= 100) return;
  Location where;
  where.path = what;
  where.value = std::to_string(v);
  throw ValidationError("person '" + person.id + "': " + what + " must be between 0 and 100",
                        where);
}
/// The error for an other figure given under a scheme without an other part (never ignored).
[[noreturn]] inline void other_without_part(const std::string& profile_id, Location where) {
  where.path = where.path.empty() ? "other" : where.path;
  throw ValidationError(
      "an 'other' figure (ผลงานองค์ประกอบอื่น) is given, but the scheme of profile '" + profile_id +
          "' has no other part (other_weight 0): remove the column, or use a profile whose "
          "scheme has other_weight",
      std::move(where));
}
/// A weight as people write it: 10, 12.5.
inline std::string weight_text(double w) {
  if (w == std::trunc(w) && std::fabs(w) < 1e15) return std::to_string(static_cast<long long>(w));
  std::string t = std::to_string(w);
  while (!t.empty() && t.back() == '0') t.pop_back();
  return t;
}
/// The error for a person with results but no other figure under a scheme with an other part.
[[noreturn]] inline void other_missing(const Person& person, const Scheme& scheme, Location where) {
  where.path = where.path.empty() ? "other" : where.path;
  throw ValidationError(
      "person '" + person.id +
          "' has results but no 'other' figure, and the scheme has an other "
          "part (ผลงานองค์ประกอบอื่น, weight " +
          weight_text(scheme.other_weight) +
          "): give it (0..100 percent of the part) in an 'other' column; write 0 for none",
      std::move(where));
}
/// Results, other part, total and band of `ps` from the assessment's figures.
inline void figures_of(const Profile& prof, const Assessment& a, PersonScore& ps) {
  const Scheme& scheme = prof.scheme();
  if (a.other) {
    if (!scheme.has_other()) other_without_part(prof.id(), Location{});
    check_percent(a.person, "other", *a.other);
    ps.other = a.other;
    ps.other_points = scheme.other_points(*a.other);
  }
  if (!a.results) return;
  check_percent(a.person, "results", *a.results);
  if (scheme.has_other() && !a.other) other_missing(a.person, scheme, Location{});
  ps.results = a.results;
  ps.total = scheme.total(*a.results, ps.competency_score, ps.other_points.value_or(0.0));
  ps.band = scheme.band_index(*ps.total);
}
}  // namespace detail

/// Scores one assessment: held levels (explained), expected levels from the profile, gaps,
/// points, the part score, and total and band when the assessment has a results score. With a
/// profile that has per-position sets, only the competencies the person is appraised on are
/// scored (and listed); a rating or evidence of another is a ValidationError.
[[nodiscard]] inline PersonScore score_person(const Framework& fw, const Profile& prof,
                                              const Assessment& a, const ScoringOptions& opt = {}) {
  // The checks score_cohort makes, in its order, so both paths fail alike on the same input.
  prof.check(fw);
  opt.rules.validate(fw.size());
  detail::check_rules_for_sets(prof, opt.rules);
  PersonScore ps;
  ps.person = a.person;
  const std::vector<int> exp = prof.expected(fw, a.person);
  std::vector<HeldLevel> held = held_levels(fw, a, opt.levels);
  std::vector<int> h, e;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    const Competency& c = fw.competencies()[i];
    if (exp[i] == kNotAppraised) {
      if (held[i].assessed()) {
        Location where;
        where.path = c.id;
        detail::not_in_set(a.person, c, where);
      }
      continue;
    }
    if (!held[i].assessed()) {
      if (opt.missing == MissingPolicy::error) {
        Location where;
        where.path = c.id;
        throw ValidationError("person '" + a.person.id + "' has no rating and no evidence for '" +
                                  c.id + "' (" + c.name.th +
                                  "); rate it, give evidence, or choose to count it as level 0",
                              where);
      }
      held[i].level = 0;
      held[i].notes.push_back("counted as level 0 (missing = zero)");
    }
    h.push_back(held[i].level);
    e.push_back(exp[i]);
    CompetencyScore cs;
    cs.competency = c.id;
    cs.held = h.back();
    cs.expected = exp[i];
    cs.gap = gap(h.back(), exp[i]);
    cs.points = points(opt.rules.method, h.back(), exp[i]);
    cs.detail = std::move(held[i]);
    ps.competencies.push_back(std::move(cs));
  }
  if (h.empty())
    throw ValidationError("person '" + a.person.id + "' (" + a.person.position +
                          ") is appraised on no competency of framework '" + fw.id() + "'");
  ps.competency_score = part_score(h, e, opt.rules);
  detail::figures_of(prof, a, ps);
  return ps;
}

// ---- development targets --------------------------------------------------------------------

struct DevelopmentTarget {
  std::string competency;  ///< id
  int held = 0;
  int expected = 0;
  bool stretch = false;                      ///< at or above expected: the next level's indicators
  int from_level = 0;                        ///< first level to build
  int to_level = 0;                          ///< last level to build
  std::vector<const Indicator*> indicators;  ///< in order; point into the framework
};

namespace detail {
/// The development target of one competency, or nullopt when it is already at its highest level.
[[nodiscard]] inline std::optional<DevelopmentTarget> target_of(const Competency& c, int held,
                                                                int expected) {
  DevelopmentTarget t;
  t.competency = c.id;
  t.held = held;
  t.expected = expected;
  if (held < expected) {
    t.from_level = held + 1;
    t.to_level = std::min(expected, c.max_level());
  } else {
    if (held >= c.max_level()) return std::nullopt;
    t.stretch = true;
    t.from_level = t.to_level = held + 1;
  }
  t.indicators = c.indicators_between(t.from_level - 1, t.to_level);
  return t;
}
}  // namespace detail

/// For each competency below expected, the indicators of levels held+1..expected; for those at or
/// above, the next level's (stretch), unless already at the highest level.
[[nodiscard]] inline std::vector<DevelopmentTarget> development_targets(
    const Framework& fw, std::span<const int> held, std::span<const int> expected) {
  if (held.size() != fw.size() || expected.size() != fw.size())
    throw ValidationError(
        "development targets need one held and one expected level per competency");
  std::vector<DevelopmentTarget> out;
  for (std::size_t i = 0; i < fw.size(); ++i)
    if (auto t = detail::target_of(fw.competencies()[i], held[i], expected[i]))
      out.push_back(std::move(*t));
  return out;
}

/// The development targets of the competencies a person was scored on (score_person: with
/// per-position sets, only those the person is appraised on), in their order.
[[nodiscard]] inline std::vector<DevelopmentTarget> development_targets(
    const Framework& fw, std::span<const CompetencyScore> scores) {
  std::vector<DevelopmentTarget> out;
  for (const auto& cs : scores)
    if (auto t = detail::target_of(fw.competency(cs.competency), cs.held, cs.expected))
      out.push_back(std::move(*t));
  return out;
}

// ---- the columnar batch path -------------------------------------------------------------

/// Output spans of score_batch; each may be empty to skip it.
struct BatchOutput {
  std::span<std::int8_t> gap;   ///< n × c
  std::span<double> points;     ///< n × c
  std::span<double> part;       ///< n
  std::span<double> total;      ///< n (NaN where results is NaN)
  std::span<std::int8_t> band;  ///< n (-1 where there is no total)
};

namespace detail {
/// Part scores of score_batch cached by their whole-number sums (see PartSums): slot
/// Σpoints for bma, bar and rating, Σheld × (Σmax + 1) + Σexpected for ratio, sized by the
/// largest sums the levels allow, so every key is in range. Weighted ratings, and ratio tables
/// too large to be worth it, are not cached. A key out of range (it cannot be) computes directly.
class PartCache {
 public:
  /// `n`: the number of competencies each part score is over (default: all of max_level).
  PartCache(const ScoringRules& rules, std::span<const int> max_level, std::size_t n = 0)
      : rules_(rules), n_(n ? n : max_level.size()) {
    if (!integral_sums(rules)) return;
    std::size_t top_points = 0, top_levels = 0;
    for (int m : max_level) {
      top_points += static_cast<std::size_t>(max_points(rules.method, m));
      top_levels += static_cast<std::size_t>(m);
    }
    stride_ = top_levels + 1;
    const std::size_t size = (top_points + 1) * (rules.method == Method::ratio ? stride_ : 1);
    if (size <= kMaxSlots) slots_.assign(size, std::numeric_limits<double>::quiet_NaN());
  }
  [[nodiscard]] double part(const PartSums& s) {
    if (!slots_.empty()) {
      const auto p = static_cast<std::size_t>(s.points);
      const std::size_t key =
          rules_.method == Method::ratio ? p * stride_ + static_cast<std::size_t>(s.expected) : p;
      if (key < slots_.size()) [[likely]] {
        double& cached = slots_[key];
        if (std::isnan(cached)) cached = part_from_sums(s, rules_, n_);
        return cached;
      }
    }
    return part_from_sums(s, rules_, n_);
  }

 private:
  static constexpr std::size_t kMaxSlots = std::size_t{1} << 22;
  const ScoringRules& rules_;
  std::size_t n_;
  std::size_t stride_ = 1;
  std::vector<double> slots_;
};

/// Points of (held, expected) up to level 15: a table, else computed.
class PointsTable {
 public:
  PointsTable(Method m, std::span<const int> max_level) : m_(m) {
    int top = 0;
    for (int l : max_level) top = std::max(top, l);
    tabled_ = top < kT;
    if (tabled_)
      for (int h = 0; h < kT; ++h)
        for (int e = 0; e < kT; ++e) tab_[h * kT + e] = points(m, h, e);
  }
  [[nodiscard]] double operator()(int h, int e) const noexcept {
    return tabled_ ? tab_[h * kT + e] : points(m_, h, e);
  }

 private:
  static constexpr int kT = 16;
  Method m_;
  bool tabled_ = false;
  double tab_[kT * kT] = {};
};

[[noreturn]] inline void batch_level_error(std::size_t i, std::size_t j, int h, int e,
                                           int max_level) {
  const bool bad_h = h < 0 || h > max_level;
  Location where;
  where.line = i + 1;
  where.column = j + 1;
  where.value = std::to_string(bad_h ? h : e);
  throw ValidationError(std::string(bad_h ? "held" : "expected") + " level out of range 0.." +
                            std::to_string(max_level) + " (row " + std::to_string(i) +
                            ", competency " + std::to_string(j) + ")",
                        where);
}

inline void check_batch_sizes(std::size_t n, std::size_t c, std::size_t held, std::size_t expected,
                              std::span<const int> max_level, std::size_t results,
                              const BatchOutput& out) {
  if (c == 0) throw ValidationError("score_batch needs at least one competency");
  auto need = [](std::size_t have, std::size_t want, const char* what) {
    if (have != want && have != 0)
      throw ValidationError(std::string(what) + " has " + std::to_string(have) +
                            " values; expected " + std::to_string(want));
  };
  if (held != n * c || expected != n * c)
    throw ValidationError("held and expected must both hold n × c levels");
  if (max_level.size() != c) throw ValidationError("max_level needs one value per competency");
  for (int m : max_level)
    if (m < 0 || m > kMaxLevels)
      throw ValidationError("max_level must be 0.." + std::to_string(kMaxLevels) + ", not " +
                            std::to_string(m));
  need(results, n, "results");
  need(out.gap.size(), n * c, "gap output");
  need(out.points.size(), n * c, "points output");
  need(out.part.size(), n, "part output");
  need(out.total.size(), n, "total output");
  need(out.band.size(), n, "band output");
}
/// score_batch's other figures: n of them (or none), each NaN or 0..100; none under a scheme
/// without an other part; one for every person with results under a scheme with one.
inline void check_batch_other(std::size_t n, std::span<const double> results,
                              std::span<const double> other, const Scheme& scheme) {
  if (!other.empty() && other.size() != n)
    throw ValidationError("other has " + std::to_string(other.size()) + " values; expected " +
                          std::to_string(n));
  if (other.empty() && !scheme.has_other()) return;  // no other part: nothing to check
  for (std::size_t i = 0; i < n; ++i) {
    const bool has_other = !other.empty() && !std::isnan(other[i]);
    const bool has_results = !results.empty() && !std::isnan(results[i]);
    Location where;
    where.line = i + 1;
    where.path = "other";
    if (has_other && !scheme.has_other())
      throw ValidationError("other figures are given (row " + std::to_string(i) +
                                "), but the scheme has no other part (other_weight 0)",
                            where);
    if (has_other && !(other[i] >= 0 && other[i] <= 100)) {
      where.value = std::to_string(other[i]);
      throw ValidationError("other must be between 0 and 100 (row " + std::to_string(i) + ")",
                            where);
    }
    if (has_results && !has_other && scheme.has_other())
      throw ValidationError("row " + std::to_string(i) +
                                " has results but no other figure, and the scheme has an other "
                                "part (weight " +
                                weight_text(scheme.other_weight) + ")",
                            where);
  }
}
}  // namespace detail

/// Scores n people × c competencies, row-major (person i, competency j at i*c + j). `held` and
/// `expected` are levels; `max_level` (c, each 0..kMaxLevels) bounds them; `results` (n, NaN =
/// none, may be empty) are 0..100 percents of the results part. Throws ValidationError naming the
/// row and column of the first level out of range. The same rules as part_score (one formula,
/// detail::part_from_sums). Pure and thread-safe; no allocation in the loop.
inline void score_batch(std::size_t n, std::size_t c, std::span<const std::int8_t> held,
                        std::span<const std::int8_t> expected, std::span<const int> max_level,
                        std::span<const double> results, const ScoringRules& rules,
                        const Scheme& scheme, BatchOutput out);

/// score_batch over per-person competency sets: `appraised` (n × c, may be empty = everyone on
/// everything) is 1 where person i is appraised on competency j. Each part score is over that
/// person's own competencies (DPIS divides by the rows of the person's form); a cell outside the
/// set is not scored (gap 0, points NaN; its levels are not read). Weighted ratings need every
/// person on every competency (ValidationError otherwise); a person appraised on nothing is one
/// too. `other` (n, NaN = none, may be empty) are 0..100 percents of the scheme's other part
/// (Scheme::other_weight > 0): a person with results needs one, and a scheme without an other part
/// takes none (ValidationError, located by row).
inline void score_batch(std::size_t n, std::size_t c, std::span<const std::int8_t> held,
                        std::span<const std::int8_t> expected, std::span<const int> max_level,
                        std::span<const double> results, const ScoringRules& rules,
                        const Scheme& scheme, BatchOutput out,
                        std::span<const std::uint8_t> appraised,
                        std::span<const double> other = {}) {
  rules.validate(c);
  detail::check_batch_sizes(n, c, held.size(), expected.size(), max_level, results.size(), out);
  if (!appraised.empty() && appraised.size() != n * c)
    throw ValidationError("appraised must hold n × c flags, not " +
                          std::to_string(appraised.size()));
  if (!appraised.empty() && !detail::integral_sums(rules))
    throw ValidationError(
        "rating weights need every person appraised on the same competencies; the "
        "profile has per-position sets: use equal weights");
  for (std::size_t i = 0; i < results.size(); ++i)
    if (!std::isnan(results[i]) && !(results[i] >= 0 && results[i] <= 100)) {
      Location where;
      where.line = i + 1;
      where.value = std::to_string(results[i]);
      throw ValidationError("results must be between 0 and 100 (row " + std::to_string(i) + ")",
                            where);
    }
  detail::check_batch_other(n, results, other, scheme);
  const detail::PointsTable pts(rules.method, max_level);
  // One cache per number of competencies a person is appraised on (only c without sets).
  std::vector<std::optional<detail::PartCache>> caches(c + 1);
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < n; ++i) {
    const std::int8_t* hr = held.data() + i * c;
    const std::int8_t* er = expected.data() + i * c;
    const std::uint8_t* ar = appraised.empty() ? nullptr : appraised.data() + i * c;
    detail::PartSums s;
    std::size_t m = 0;
    for (std::size_t j = 0; j < c; ++j) {
      if (ar && !ar[j]) {
        if (!out.gap.empty()) out.gap[i * c + j] = 0;
        if (!out.points.empty()) out.points[i * c + j] = nan;
        continue;
      }
      const int h = hr[j], e = er[j];
      if (static_cast<unsigned>(h) > static_cast<unsigned>(max_level[j]) ||
          static_cast<unsigned>(e) > static_cast<unsigned>(max_level[j])) [[unlikely]]
        detail::batch_level_error(i, j, h, e, max_level[j]);
      const double p = pts(h, e);
      detail::add_points(s, rules, j, e, p);
      ++m;
      if (!out.gap.empty()) out.gap[i * c + j] = static_cast<std::int8_t>(h - e);
      if (!out.points.empty()) out.points[i * c + j] = p;
    }
    if (m == 0) [[unlikely]] {
      Location where;
      where.line = i + 1;
      throw ValidationError("row " + std::to_string(i) + " is appraised on no competency", where);
    }
    if (!caches[m]) caches[m].emplace(rules, max_level, m);
    const double x = caches[m]->part(s);
    if (!out.part.empty()) out.part[i] = x;
    const bool has_results = !results.empty() && !std::isnan(results[i]);
    const double o = other.empty() || std::isnan(other[i]) ? 0.0 : scheme.other_points(other[i]);
    const double t = has_results ? scheme.total(results[i], x, o) : nan;
    if (!out.total.empty()) out.total[i] = t;
    if (!out.band.empty())
      out.band[i] = has_results ? static_cast<std::int8_t>(scheme.band_index(t)) : std::int8_t{-1};
  }
}

inline void score_batch(std::size_t n, std::size_t c, std::span<const std::int8_t> held,
                        std::span<const std::int8_t> expected, std::span<const int> max_level,
                        std::span<const double> results, const ScoringRules& rules,
                        const Scheme& scheme, BatchOutput out) {
  score_batch(n, c, held, expected, max_level, results, rules, scheme, out, {});
}

}  // namespace samatthana

#if __has_include("samatthana/cohort.hpp")
#include "samatthana/cohort.hpp"
#endif
