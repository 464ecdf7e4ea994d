#pragma once
// The competency model: Framework -> Competency -> Level -> Indicator. Plain value types,
// validated once when a Framework is built, immutable and cheap to share between threads after.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

/// The most levels a competency may have. Levels, expected levels and gaps are stored as int8
/// (ratings tables, cohort scores, the batch path), which hold −127..127: 100 levels keep every
/// gap (−100..100) in range with room to spare, and no real framework comes near (the shipped
/// ones have 5 or 6). Validation rejects more, so nothing is ever wrapped.
inline constexpr int kMaxLevels = 100;

/// A spelling or wording fix: what the text of record says, and why it was changed.
struct Correction {
  std::string source_text;
  std::string note;
  bool operator==(const Correction&) const = default;
};

/// Another witness's reading of the same text (different wording, not a typo of ours).
struct Variant {
  std::string witness;  ///< id of a Provenance::witnesses entry
  std::string th;
  std::string note;
  bool operator==(const Variant&) const = default;
};

/// A piece of Thai text with its English rendering, correction record and variant readings.
struct Text {
  std::string th;
  std::string en;
  std::optional<Correction> correction;
  std::vector<Variant> variants;
  /// The text exactly as the source of record wrote it (the correction's source text if any).
  [[nodiscard]] const std::string& as_in_source() const {
    return correction ? correction->source_text : th;
  }
  bool operator==(const Text&) const = default;
};

/// Another name of a competency, and who uses it (a witness id or system name).
struct Alias {
  std::string th;
  std::string source;
  bool operator==(const Alias&) const = default;
};

/// One behavioural indicator; id is stable: "<competency>.<level>.<n>".
struct Indicator {
  std::string id;
  Text text;
  bool operator==(const Indicator&) const = default;
};

/// Level k of a competency. Levels are cumulative: holding k means holding 1..k.
struct Level {
  int number = 0;
  Text title;  ///< the distinctive part, without "แสดงสมรรถนะระดับที่ k-1 และ"
  std::vector<Indicator> indicators;
  bool operator==(const Level&) const = default;
};

enum class Group { core, managerial, functional };

[[nodiscard]] constexpr std::string_view to_string(Group g) noexcept {
  switch (g) {
    case Group::core:
      return "core";
    case Group::managerial:
      return "managerial";
    case Group::functional:
      return "functional";
  }
  return "core";
}
[[nodiscard]] inline std::optional<Group> group_from_string(std::string_view s) noexcept {
  if (s == "core") return Group::core;
  if (s == "managerial") return Group::managerial;
  if (s == "functional") return Group::functional;
  return std::nullopt;
}

/// External code of a competency in some system, e.g. {"dpis", "101"}.
struct Code {
  std::string system;
  std::string value;
  bool operator==(const Code&) const = default;
};

struct Competency {
  std::string id;  ///< stable ASCII id: integrity, service, achievement, teamwork, expertise, …
  Group group = Group::core;
  Text name;
  Text definition;
  std::vector<Code> codes;
  std::vector<Alias> aliases;
  std::vector<Level> levels;  ///< levels 1..N in order

  /// N, the highest level.
  [[nodiscard]] int max_level() const noexcept { return static_cast<int>(levels.size()); }
  /// Level k (1..N); throws LookupError otherwise.
  [[nodiscard]] const Level& level(int k) const {
    if (k < 1 || k > max_level())
      throw LookupError("competency '" + id + "' has levels 1.." + std::to_string(max_level()) +
                        ", not " + std::to_string(k));
    return levels[static_cast<std::size_t>(k - 1)];
  }
  /// What level k adds (its own indicators). Level 0 adds nothing.
  [[nodiscard]] std::span<const Indicator> indicators_at(int k) const {
    if (k == 0) return {};
    return level(k).indicators;
  }
  /// Everything a person at level k must show: the indicators of levels 1..k, in order.
  [[nodiscard]] std::vector<const Indicator*> indicators_through(int k) const {
    if (k < 0 || k > max_level())
      throw LookupError("competency '" + id + "' has levels 0.." + std::to_string(max_level()) +
                        ", not " + std::to_string(k));
    std::vector<const Indicator*> out;
    for (int j = 1; j <= k; ++j)
      for (const auto& ind : level(j).indicators) out.push_back(&ind);
    return out;
  }
  /// Indicators of the levels after `from` up to and including `to` (development targets).
  [[nodiscard]] std::vector<const Indicator*> indicators_between(int from, int to) const {
    std::vector<const Indicator*> out;
    for (int j = std::max(from + 1, 1); j <= std::min(to, max_level()); ++j)
      for (const auto& ind : level(j).indicators) out.push_back(&ind);
    return out;
  }
  /// The code of this competency in `system` ("dpis"), or "" when it has none.
  [[nodiscard]] std::string_view code(std::string_view system) const noexcept {
    for (const auto& c : codes)
      if (c.system == system) return c.value;
    return {};
  }
  /// The full title of level k as the source writes it: "แสดงสมรรถนะระดับที่ ๑ และ<title>" for
  /// k > 1, the title alone for k = 1. Level 0 is the framework's; see Framework::level_title.
  [[nodiscard]] std::string full_title(int k, text::Digits digits = text::Digits::thai) const {
    const Level& l = level(k);
    if (k == 1) return l.title.th;
    return "แสดงสมรรถนะระดับที่ " + text::with_digits(std::to_string(k - 1), digits) + " และ" +
           l.title.th;
  }
  bool operator==(const Competency&) const = default;
};

struct Witness {
  std::string id;
  std::string description;
  bool operator==(const Witness&) const = default;
};

struct Provenance {
  Text issuer;
  std::string approved;  ///< ISO date (CE), may be empty
  std::string approved_as_written;
  std::string letter_number;
  std::string letter_date;  ///< ISO date (CE), may be empty
  std::string letter_date_as_written;
  std::string source_document;
  std::vector<Witness> witnesses;
  std::string notes;
  bool operator==(const Provenance&) const = default;
};

/// The raw content of a framework, as in its file. Build a Framework from it to validate it.
struct FrameworkData {
  std::string id;
  std::string version;
  Text name;
  Provenance provenance;
  Text level_zero;
  std::vector<Competency> competencies;
  bool operator==(const FrameworkData&) const = default;
};

/// Validates framework data and normalises its Thai text in place: what Framework's constructor
/// does. Throws ValidationError naming the JSON path of the first broken rule.
SAMATTHANA_API void validate_framework(FrameworkData& data);

/// A validated, immutable competency framework with lookups by id, code, name and alias.
class Framework {
 public:
  /// Validates `data` (errors name the JSON path), normalises its Thai text, builds indexes.
  explicit Framework(FrameworkData data) : data_(std::move(data)) {
    validate_framework(data_);
    build_index();
  }

  [[nodiscard]] const std::string& id() const noexcept { return data_.id; }
  [[nodiscard]] const std::string& version() const noexcept { return data_.version; }
  [[nodiscard]] const Text& name() const noexcept { return data_.name; }
  [[nodiscard]] const Provenance& provenance() const noexcept { return data_.provenance; }
  /// What level 0 means in this framework ("does not clearly show this competency").
  [[nodiscard]] const Text& level_zero() const noexcept { return data_.level_zero; }
  [[nodiscard]] std::span<const Competency> competencies() const noexcept {
    return data_.competencies;
  }
  [[nodiscard]] std::size_t size() const noexcept { return data_.competencies.size(); }
  [[nodiscard]] const FrameworkData& data() const noexcept { return data_; }

  /// Index of the competency named by id, external code ("101", "dpis:101", "๑๐๑"), Thai or
  /// English name or alias; insensitive to spacing, zero-width characters and case.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view key) const {
    if (auto it = by_key_.find(std::string(key)); it != by_key_.end()) return it->second;
    if (!text::is_valid_utf8(key)) return std::nullopt;
    std::string k = text::match_key(text::to_arabic_digits(key));
    if (auto it = by_key_.find(k); it != by_key_.end()) return it->second;
    return std::nullopt;
  }
  /// The competency named by `key` (see find); throws LookupError listing the known ids.
  [[nodiscard]] const Competency& competency(std::string_view key) const {
    if (auto i = find(key)) return data_.competencies[*i];
    std::string known;
    for (const auto& c : data_.competencies) known += (known.empty() ? "" : ", ") + c.id;
    Location where;
    where.value = std::string(key);
    throw LookupError("no competency in framework '" + data_.id +
                          "' has this id, code, name or alias (known ids: " + known + ")",
                      where);
  }
  /// The indicator with this id ("integrity.1.2"); throws LookupError.
  [[nodiscard]] const Indicator& indicator(std::string_view id) const {
    if (auto it = indicators_.find(std::string(id)); it != indicators_.end()) {
      const auto [ci, li, ii] = it->second;
      return data_.competencies[ci].levels[li].indicators[ii];
    }
    Location where;
    where.value = std::string(id);
    throw LookupError("no indicator in framework '" + data_.id + "' has this id", where);
  }
  /// Title of level k of a competency, level 0 included (the framework's level_zero).
  [[nodiscard]] std::string level_title(const Competency& c, int k,
                                        text::Digits digits = text::Digits::thai) const {
    return k == 0 ? data_.level_zero.th : c.full_title(k, digits);
  }
  /// Total number of indicators.
  [[nodiscard]] std::size_t indicator_count() const noexcept { return indicators_.size(); }

  bool operator==(const Framework& o) const { return data_ == o.data_; }

 private:
  void build_index() {
    // Validation has rejected ambiguous keys, so each key names one competency.
    for (std::size_t i = 0; i < data_.competencies.size(); ++i) {
      const Competency& c = data_.competencies[i];
      by_key_.emplace(c.id, i);
      for (const auto& k : detail_keys(c)) by_key_.emplace(k, i);
      for (std::size_t li = 0; li < c.levels.size(); ++li)
        for (std::size_t ii = 0; ii < c.levels[li].indicators.size(); ++ii)
          indicators_.emplace(c.levels[li].indicators[ii].id, IndicatorPos{i, li, ii});
    }
  }

 public:
  /// All lookup keys of a competency (match keys of id, codes, names, aliases). Used by
  /// validation to reject two competencies answering to the same key.
  [[nodiscard]] static std::vector<std::string> detail_keys(const Competency& c) {
    std::vector<std::string> keys{text::match_key(c.id)};
    for (const auto& code : c.codes) {
      keys.push_back(text::match_key(code.value));
      keys.push_back(text::match_key(code.system + ":" + code.value));
    }
    keys.push_back(text::match_key(c.name.th));
    if (!c.name.en.empty()) keys.push_back(text::match_key(c.name.en));
    for (const auto& v : c.name.variants) keys.push_back(text::match_key(v.th));
    if (c.name.correction) keys.push_back(text::match_key(c.name.correction->source_text));
    for (const auto& a : c.aliases) keys.push_back(text::match_key(a.th));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  }

 private:
  FrameworkData data_;
  std::unordered_map<std::string, std::size_t> by_key_;
  struct IndicatorPos {
    std::size_t competency, level, indicator;
  };
  std::unordered_map<std::string, IndicatorPos> indicators_;
};

/// One framework holding the competencies of `parts` in order (e.g. the OCSC core, managerial and
/// functional sets, so one profile can appraise a person on competencies of several): id, version
/// and name as given, level 0 and issuer of the first part (every part must word level 0 alike),
/// witnesses merged by id, the parts named in the provenance notes. Competency ids, codes and
/// names must not clash (ValidationError naming them, as for one framework's file).
[[nodiscard]] SAMATTHANA_API Framework combine_frameworks(std::string id, std::string version,
                                                          Text name,
                                                          std::span<const Framework* const> parts);

}  // namespace samatthana
