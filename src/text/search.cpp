// IndicatorIndex: search a framework's indicators, level titles and competency names.
#include "samatthana/search.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "text/utf8.hpp"

namespace samatthana {
namespace {

// The searchable form of a text: normalised, case-folded, Thai digits as Arabic, spaces removed;
// each code point remembers the byte range of the text it came from.
struct Folded {
  std::u32string key;
  std::vector<std::size_t> begin, end;  // byte offsets into the original text
};

Folded fold(std::string_view text) {
  // Framework text is already normalised; the fold works per code point so offsets survive.
  const detail::Decoded d = detail::utf8_decode_all(text);
  Folded f;
  for (std::size_t i = 0; i < d.cps.size(); ++i) {
    char32_t c = d.cps[i];
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) continue;
    if (c >= 0x0E50 && c <= 0x0E59) c = U'0' + (c - 0x0E50);
    icu::UnicodeString u(static_cast<UChar32>(c));
    u.foldCase();
    for (int32_t k = 0; k < u.length();) {
      const UChar32 x = u.char32At(k);
      k += U16_LENGTH(x);
      f.key.push_back(static_cast<char32_t>(x));
      f.begin.push_back(d.offsets[i]);
      f.end.push_back(d.offsets[i + 1]);
    }
  }
  return f;
}

struct Entry {
  HitKind kind;
  std::size_t competency;  // index in the framework
  int level;
  std::string indicator_id;
  std::string language;
  const std::string* text;
  Folded folded;
};

// Thai function words: too common to count as evidence when a query is split by the segmenter.
bool is_function_word(const std::u32string& w) {
  static const std::vector<std::u32string> words = {
      U"ใน", U"ที่", U"และ", U"ของ", U"การ", U"ความ", U"มี", U"ไม่", U"ให้", U"ได้", U"เป็น",
      U"กับ", U"แก่", U"ต่อ", U"นี้", U"หรือ", U"จะ", U"ซึ่ง", U"โดย", U"เพื่อ", U"แต่", U"จาก",
      U"อย่าง", U"ว่า", U"ก็", U"ไป", U"มา", U"อยู่", U"แล้ว", U"ด้วย"};
  return std::find(words.begin(), words.end(), w) != words.end();
}

struct Term {
  std::u32string key;
  double weight;
};

}  // namespace

struct IndicatorIndex::Impl {
  const Framework* fw = nullptr;
  std::vector<Entry> entries;
};

IndicatorIndex::IndicatorIndex(const Framework& framework) : impl_(std::make_unique<Impl>()) {
  impl_->fw = &framework;
  auto add = [&](HitKind kind, std::size_t ci, int level, std::string id, const Text& t) {
    impl_->entries.push_back({kind, ci, level, id, "th", &t.th, fold(t.th)});
    if (!t.en.empty()) impl_->entries.push_back({kind, ci, level, id, "en", &t.en, fold(t.en)});
  };
  const auto cs = framework.competencies();
  for (std::size_t ci = 0; ci < cs.size(); ++ci) {
    const Competency& c = cs[ci];
    add(HitKind::competency_name, ci, 0, "", c.name);
    for (const Alias& a : c.aliases)
      impl_->entries.push_back({HitKind::competency_name, ci, 0, "", "th", &a.th, fold(a.th)});
    for (const Level& l : c.levels) {
      add(HitKind::level_title, ci, l.number, "", l.title);
      for (const Indicator& ind : l.indicators) add(HitKind::indicator, ci, l.number, ind.id, ind.text);
    }
  }
}

IndicatorIndex::IndicatorIndex(IndicatorIndex&&) noexcept = default;
IndicatorIndex& IndicatorIndex::operator=(IndicatorIndex&&) noexcept = default;
IndicatorIndex::~IndicatorIndex() = default;

const Framework& IndicatorIndex::framework() const noexcept { return *impl_->fw; }
std::size_t IndicatorIndex::size() const noexcept { return impl_->entries.size(); }

std::vector<SearchHit> IndicatorIndex::search(std::string_view query,
                                              const SearchOptions& options) const {
  text::validate_utf8(query, "the search query");
  // Every term is looked for in every text: bound the work a query can ask for.
  const std::size_t chars = static_cast<std::size_t>(
      std::count_if(query.begin(), query.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
  if (chars > max_query_chars) {
    Location where;
    where.value = std::string(query);
    throw ValidationError("the search query is too long (" + std::to_string(chars) + " characters; at most " +
                              std::to_string(max_query_chars) + "): search for a word or a phrase",
                          where);
  }
  const std::string nq = text::normalize(query);
  const std::u32string phrase = fold(nq).key;
  if (phrase.empty()) {
    Location where;
    where.value = std::string(query);
    throw ValidationError("the search query is empty; type a word or phrase to look for, such "
                          "as ผลกระทบ or teamwork",
                          where);
  }
  std::optional<std::size_t> only;
  if (!options.competency.empty()) {
    const Competency& c = impl_->fw->competency(options.competency);  // LookupError if unknown
    only = static_cast<std::size_t>(&c - impl_->fw->competencies().data());
  }

  // Terms: the words of the query as typed (split at spaces); a term that is found nowhere as a
  // whole is split further by the segmenter. Single letters only count when they are the query.
  std::vector<Term> terms;
  auto add_term = [&](std::u32string k) {
    if (k.empty()) return;
    for (const Term& t : terms)
      if (t.key == k) return;
    terms.push_back({k, static_cast<double>(k.size())});
  };
  auto found_anywhere = [&](const std::u32string& k) {
    for (const Entry& e : impl_->entries)
      if (e.folded.key.find(k) != std::u32string::npos) return true;
    return false;
  };
  std::size_t start = 0;
  while (start <= nq.size()) {
    std::size_t sp = nq.find(' ', start);
    if (sp == std::string::npos) sp = nq.size();
    const std::string part = nq.substr(start, sp - start);
    const std::u32string k = fold(part).key;
    if (!k.empty()) {
      if (found_anywhere(k) || k.size() < 2) {
        add_term(k);
      } else {
        for (const auto& w : text::words(part)) {
          std::u32string wk = fold(w).key;
          if (wk.size() >= 2 && !is_function_word(wk)) add_term(std::move(wk));
        }
      }
    }
    start = sp + 1;
  }
  double total_weight = 0;
  for (const Term& t : terms) total_weight += t.weight;

  // Score each entry; keep the best entry per hit target (kind, competency, level, indicator).
  std::map<std::tuple<int, std::size_t, int, std::string>, SearchHit> best;
  std::map<std::tuple<int, std::size_t, int, std::string>, std::size_t> order;
  std::size_t seq = 0;
  for (const Entry& e : impl_->entries) {
    if (only && e.competency != *only) continue;
    const std::u32string& key = e.folded.key;
    if (key.empty()) continue;
    std::vector<std::pair<std::size_t, std::size_t>> hits;  // [from, to) in key
    double score = 0;
    for (std::size_t p = key.find(phrase); p != std::u32string::npos; p = key.find(phrase, p + 1))
      hits.emplace_back(p, p + phrase.size());
    if (!hits.empty()) {
      // The whole query: 0.6 .. 1.0, higher when it covers more of the text.
      score = 0.6 + 0.4 * static_cast<double>(phrase.size()) / static_cast<double>(key.size());
    } else if (total_weight > 0) {
      double matched = 0;
      for (const Term& t : terms) {
        bool any = false;
        for (std::size_t p = key.find(t.key); p != std::u32string::npos; p = key.find(t.key, p + 1)) {
          hits.emplace_back(p, p + t.key.size());
          any = true;
        }
        if (any) matched += t.weight;
      }
      // Partial matches must cover at least half of the query's words (by length).
      if (matched == 0 || matched < 0.5 * total_weight) continue;
      // Some or all of the query's words, apart: up to 0.55.
      score = 0.5 * matched / total_weight +
              0.05 * std::min(1.0, matched / static_cast<double>(key.size()));
    }
    if (hits.empty()) continue;
    // Names rank above titles, titles above indicators, when the match is as good.
    score *= e.kind == HitKind::competency_name ? 1.0 : e.kind == HitKind::level_title ? 0.99 : 0.98;
    if (score < options.min_score) continue;

    std::sort(hits.begin(), hits.end());
    std::vector<text::Span> spans;
    for (const auto& [from, to] : hits) {
      text::Span s{e.folded.begin[from], e.folded.end[to - 1]};
      if (!spans.empty() && s.begin <= spans.back().end)
        spans.back().end = std::max(spans.back().end, s.end);
      else
        spans.push_back(s);
    }
    const Competency& c = impl_->fw->competencies()[e.competency];
    auto id = std::make_tuple(static_cast<int>(e.kind), e.competency, e.level, e.indicator_id);
    auto it = best.find(id);
    if (it != best.end() && it->second.score >= score) continue;
    if (it == best.end()) order[id] = seq++;
    best[id] = SearchHit{e.kind, c.id, e.level, e.indicator_id, e.language, *e.text, score, spans};
  }
  std::vector<std::pair<std::size_t, SearchHit>> ranked;
  for (auto& [id, hit] : best) ranked.emplace_back(order[id], std::move(hit));
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score > b.second.score;
    return a.first < b.first;
  });
  std::vector<SearchHit> out;
  for (auto& [o, hit] : ranked) {
    if (options.limit && out.size() >= options.limit) break;
    out.push_back(std::move(hit));
  }
  return out;
}

}  // namespace samatthana
