#pragma once
// Comparing frameworks: which competency corresponds to which across frameworks, and what changed
// between two frameworks per competency and level (indicators added, removed, reworded).
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/export.hpp"
#include "samatthana/model.hpp"

namespace samatthana {

/// A table of corresponding competencies across frameworks (data/correspondence/*.json).
struct Correspondence {
  struct Row {
    std::string concept_id;                      ///< the concept, e.g. "integrity"
    std::string th;                              ///< a Thai name for the concept
    std::map<std::string, std::string> members;  ///< framework id -> competency id
    std::string note;
  };
  std::string id;
  std::string note;
  std::vector<Row> rows;

  /// The competency of framework `to` that corresponds to competency `competency_id` of `from`,
  /// or nullptr when the table pairs it with nothing there.
  [[nodiscard]] const Competency* corresponding(const Framework& from,
                                                std::string_view competency_id,
                                                const Framework& to) const {
    for (const auto& r : rows) {
      auto a = r.members.find(from.id());
      auto b = r.members.find(to.id());
      if (a == r.members.end() || b == r.members.end() || a->second != competency_id) continue;
      if (auto i = to.find(b->second)) return &to.competencies()[*i];
    }
    return nullptr;
  }
};

/// The shipped table of the core sets (BMA 2550, OCSC 2552, OCSC 2548).
[[nodiscard]] SAMATTHANA_API const Correspondence& core_correspondence();
/// Reads a correspondence table; errors name the JSON path.
[[nodiscard]] SAMATTHANA_API Correspondence
parse_correspondence(std::string_view json, std::string_view source_name = "<string>");

/// Similarity of two texts in [0, 1]: Dice coefficient of the code-point bigrams of their match
/// keys (1 for equal keys, also when both are shorter than two code points).
[[nodiscard]] SAMATTHANA_API double text_similarity(std::string_view a, std::string_view b);

enum class Change { same, reworded, added, removed };

[[nodiscard]] constexpr std::string_view to_string(Change c) noexcept {
  switch (c) {
    case Change::same:
      return "same";
    case Change::reworded:
      return "reworded";
    case Change::added:
      return "added";
    case Change::removed:
      return "removed";
  }
  return "same";
}

struct IndicatorChange {
  Change change = Change::same;
  const Indicator* a = nullptr;  ///< in the first framework (null when added)
  const Indicator* b = nullptr;  ///< in the second framework (null when removed)
  double similarity = 0;
};

struct LevelDiff {
  int level = 0;
  const Level* a = nullptr;  ///< null when the first framework has no such level
  const Level* b = nullptr;
  bool title_changed = false;
  std::vector<IndicatorChange> indicators;
  [[nodiscard]] bool unchanged() const {
    return a && b && !title_changed &&
           std::all_of(indicators.begin(), indicators.end(),
                       [](const auto& c) { return c.change == Change::same; });
  }
};

/// How diff() paired two competencies, in the order it tries: the correspondence table (when it
/// lists both frameworks), the same id, the same DPIS code, the same Thai name.
enum class Pairing : std::uint8_t { table, id, code, name };

[[nodiscard]] constexpr std::string_view to_string(Pairing p) noexcept {
  switch (p) {
    case Pairing::table:
      return "table";
    case Pairing::id:
      return "id";
    case Pairing::code:
      return "code";
    case Pairing::name:
      return "name";
  }
  return "table";
}

struct CompetencyDiff {
  const Competency* a = nullptr;
  const Competency* b = nullptr;
  Pairing paired_by = Pairing::table;
  bool name_changed = false;
  bool definition_changed = false;
  std::vector<LevelDiff> levels;
};

struct FrameworkDiff {
  std::vector<CompetencyDiff> competencies;  ///< corresponding pairs, in the first's order
  std::vector<const Competency*> only_in_a;
  std::vector<const Competency*> only_in_b;
};

/// Options of diff(): texts at least this similar are "reworded", below it "removed" + "added".
struct DiffOptions {
  double reworded_threshold = 0.5;
};

/// Pairs the indicators of two levels: equal match keys are "same"; then, with `by_id` (the two
/// competencies are one competency in two versions: paired by id), indicators with the same id are
/// "same" or "reworded" however much the text changed (diff() sets it for competencies paired by
/// id and for two versions of one framework id); otherwise the most similar pairs above the
/// threshold are "reworded"; the rest are "removed" or "added". Order follows the first level,
/// then additions in the second level's order.
[[nodiscard]] inline std::vector<IndicatorChange> diff_indicators(std::span<const Indicator> a,
                                                                  std::span<const Indicator> b,
                                                                  const DiffOptions& opt = {},
                                                                  bool by_id = false) {
  struct Cand {
    double rank;  ///< exact text 3, same id 2, else the similarity
    double s;     ///< the similarity itself
    std::size_t i, j;
  };
  std::vector<Cand> cands;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) {
      const bool exact = text::match_key(a[i].text.th) == text::match_key(b[j].text.th);
      const double s = exact ? 1.0 : text_similarity(a[i].text.th, b[j].text.th);
      const bool same_id = by_id && !a[i].id.empty() && a[i].id == b[j].id;
      if (exact || same_id || s >= opt.reworded_threshold)
        cands.push_back({exact ? 3.0 : same_id ? 2.0 : s, s, i, j});
    }
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Cand& x, const Cand& y) { return x.rank > y.rank; });
  std::vector<int> pair_of_a(a.size(), -1), pair_of_b(b.size(), -1);
  std::vector<double> sim(a.size(), 0);
  std::vector<bool> exact(a.size(), false);
  for (const auto& c : cands) {
    if (pair_of_a[c.i] >= 0 || pair_of_b[c.j] >= 0) continue;
    pair_of_a[c.i] = static_cast<int>(c.j);
    pair_of_b[c.j] = static_cast<int>(c.i);
    sim[c.i] = c.s;
    exact[c.i] = c.rank == 3.0;
  }
  std::vector<IndicatorChange> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (pair_of_a[i] < 0) {
      out.push_back({Change::removed, &a[i], nullptr, 0});
    } else {
      const auto& bj = b[static_cast<std::size_t>(pair_of_a[i])];
      out.push_back({exact[i] ? Change::same : Change::reworded, &a[i], &bj, sim[i]});
    }
  }
  for (std::size_t j = 0; j < b.size(); ++j)
    if (pair_of_b[j] < 0) out.push_back({Change::added, nullptr, &b[j], 0});
  return out;
}

namespace detail {
/// Pairs the competencies of `a` with those of `b` (index into b, or none), each of b at most
/// once: by the correspondence table when it lists both frameworks, then the same id, the same
/// DPIS code, the same Thai name (match keys). A table that lists both frameworks decides alone.
inline std::vector<std::optional<std::pair<std::size_t, Pairing>>> pair_competencies(
    const Framework& a, const Framework& b, const Correspondence& table) {
  std::vector<std::optional<std::pair<std::size_t, Pairing>>> out(a.size());
  std::vector<bool> used(b.size(), false);
  auto pass = [&](Pairing how, auto&& same) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (out[i]) continue;
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (used[j] || !same(a.competencies()[i], b.competencies()[j])) continue;
        out[i] = std::pair{j, how};
        used[j] = true;
        break;
      }
    }
  };
  pass(Pairing::table, [&](const Competency& x, const Competency& y) {
    return table.corresponding(a, x.id, b) == &y;
  });
  // A table that lists both frameworks is authoritative: what it leaves unpaired stays unpaired.
  auto lists = [&](const std::string& fw) {
    return std::any_of(table.rows.begin(), table.rows.end(),
                       [&](const auto& r) { return r.members.count(fw) > 0; });
  };
  if (lists(a.id()) && lists(b.id())) return out;
  pass(Pairing::id, [](const Competency& x, const Competency& y) { return x.id == y.id; });
  pass(Pairing::code, [](const Competency& x, const Competency& y) {
    return !x.code("dpis").empty() && x.code("dpis") == y.code("dpis");
  });
  pass(Pairing::name, [](const Competency& x, const Competency& y) {
    return !x.name.th.empty() && text::match_key(x.name.th) == text::match_key(y.name.th);
  });
  return out;
}
}  // namespace detail

/// What changed from framework `a` to framework `b`, competency by competency (paired as
/// detail::pair_competencies says: table, id, DPIS code, Thai name) and level by level.
[[nodiscard]] inline FrameworkDiff diff(const Framework& a, const Framework& b,
                                        const Correspondence& table, const DiffOptions& opt = {}) {
  FrameworkDiff out;
  const auto pairs = detail::pair_competencies(a, b, table);
  std::vector<bool> b_used(b.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Competency& ca = a.competencies()[i];
    if (!pairs[i]) {
      out.only_in_a.push_back(&ca);
      continue;
    }
    const auto [j, how] = *pairs[i];
    const Competency* cb = &b.competencies()[j];
    b_used[j] = true;
    CompetencyDiff cd;
    cd.a = &ca;
    cd.b = cb;
    cd.paired_by = how;
    cd.name_changed = text::match_key(ca.name.th) != text::match_key(cb->name.th);
    cd.definition_changed = text::match_key(ca.definition.th) != text::match_key(cb->definition.th);
    const int n = std::max(ca.max_level(), cb->max_level());
    for (int k = 1; k <= n; ++k) {
      LevelDiff ld;
      ld.level = k;
      ld.a = k <= ca.max_level() ? &ca.level(k) : nullptr;
      ld.b = k <= cb->max_level() ? &cb->level(k) : nullptr;
      ld.title_changed =
          ld.a && ld.b && text::match_key(ld.a->title.th) != text::match_key(ld.b->title.th);
      ld.indicators = diff_indicators(
          ld.a ? std::span<const Indicator>(ld.a->indicators) : std::span<const Indicator>(),
          ld.b ? std::span<const Indicator>(ld.b->indicators) : std::span<const Indicator>(), opt,
          how == Pairing::id || a.id() == b.id());
      cd.levels.push_back(std::move(ld));
    }
    out.competencies.push_back(std::move(cd));
  }
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!b_used[j]) out.only_in_b.push_back(&b.competencies()[j]);
  return out;
}

}  // namespace samatthana
