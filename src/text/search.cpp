// IndicatorIndex: search a framework's indicators, level titles, competency names and
// definitions, tolerating typing slips (marks left out, one letter wrong).
#include "samatthana/search.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>

#include "text/utf8.hpp"

namespace samatthana {
namespace {

/// Thai marks a typist leaves out or puts wrongly: maitaikhu, the four tone marks, thanthakhat.
constexpr bool is_loose_mark(char32_t c) noexcept { return c >= 0x0E47 && c <= 0x0E4C; }

// The searchable form of a text: normalised, case-folded, Thai digits as Arabic, spaces removed
// (and, for the loose form, the marks above dropped); each code point remembers the byte range of
// the text it came from.
struct Folded {
  std::u32string key;
  std::vector<std::size_t> begin, end;  // byte offsets into the original text
};

Folded fold(std::string_view text, bool loose = false) {
  // Framework text is already normalised; the fold works per code point so offsets survive.
  const detail::Decoded d = detail::utf8_decode_all(text);
  Folded f;
  for (std::size_t i = 0; i < d.cps.size(); ++i) {
    char32_t c = d.cps[i];
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) continue;
    if (loose && is_loose_mark(c)) continue;
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
  Folded loose;
};

// Thai function words: too common to count as evidence when a query is split by the segmenter.
bool is_function_word(const std::u32string& w) {
  static const std::vector<std::u32string> words = {
      U"ใน",  U"ที่",   U"และ",  U"ของ", U"การ", U"ความ", U"มี",  U"ไม่", U"ให้",  U"ได้",
      U"เป็น", U"กับ",  U"แก่",   U"ต่อ",  U"นี้",   U"หรือ",  U"จะ", U"ซึ่ง", U"โดย", U"เพื่อ",
      U"แต่",  U"จาก", U"อย่าง", U"ว่า",  U"ก็",   U"ไป",   U"มา", U"อยู่", U"แล้ว", U"ด้วย"};
  return std::find(words.begin(), words.end(), w) != words.end();
}

/// How a query word is looked for: as typed, without the loose marks, or within a few edits.
enum class Tier : std::uint8_t { exact, loose, fuzzy };

/// How much a match of each tier counts.
constexpr double tier_factor(Tier t) noexcept {
  return t == Tier::exact ? 1.0 : t == Tier::loose ? 0.9 : 0.75;
}

/// Edits allowed for a fuzzy word of n letters: none below 4, 1 up to 7, 2 from 8; words longer
/// than 40 letters are not looked for fuzzily (bounds the work of a long query).
constexpr int max_edits(std::size_t n) noexcept { return n < 4 || n > 40 ? 0 : n < 8 ? 1 : 2; }

struct Term {
  std::u32string key;  // exact form, or loose form for the loose and fuzzy tiers
  Tier tier;
  double weight;
};

using Range = std::pair<std::size_t, std::size_t>;  // [from, to) in a key

/// Where `p` occurs in `t` within `d` edits (Sellers' approximate matching): the best
/// non-overlapping ranges, fewest edits first, then those closest to `p` in length (ผลกระทม is
/// ผลกระทบ with one letter changed rather than ผลกระท with one left out).
std::vector<Range> approx_find(const std::u32string& t, const std::u32string& p, int d) {
  const std::size_t m = p.size();
  std::vector<int> prev(m + 1), cur(m + 1);
  std::vector<std::size_t> pstart(m + 1, 0), cstart(m + 1, 0);
  for (std::size_t i = 0; i <= m; ++i) prev[i] = static_cast<int>(i);
  std::vector<std::tuple<int, std::size_t, std::size_t, std::size_t>>
      found;  // edits, |length − m|, from, to
  for (std::size_t j = 1; j <= t.size(); ++j) {
    cur[0] = 0;
    cstart[0] = j;
    for (std::size_t i = 1; i <= m; ++i) {
      int best = prev[i - 1] + (p[i - 1] == t[j - 1] ? 0 : 1);
      std::size_t from = pstart[i - 1];
      if (prev[i] + 1 < best) best = prev[i] + 1, from = pstart[i];
      if (cur[i - 1] + 1 < best) best = cur[i - 1] + 1, from = cstart[i - 1];
      cur[i] = best;
      cstart[i] = from;
    }
    if (cur[m] <= d && j > cstart[m]) {
      const std::size_t len = j - cstart[m];
      found.emplace_back(cur[m], len > m ? len - m : m - len, cstart[m], j);
    }
    std::swap(prev, cur);
    std::swap(pstart, cstart);
  }
  std::sort(found.begin(), found.end());
  std::vector<Range> out;
  for (const auto& f : found) {  // fewest edits, then closest in length
    // copies: clang 14 cannot capture structured bindings in a lambda (a C++20 feature it lacks)
    const auto from = std::get<2>(f), to = std::get<3>(f);
    const bool overlaps = std::any_of(
        out.begin(), out.end(), [&](const Range& r) { return from < r.second && r.first < to; });
    if (!overlaps) out.emplace_back(from, to);
  }
  return out;
}

/// Ranges of `key` in the entry's exact or loose form, by tier.
std::vector<Range> occurrences(const Entry& e, const std::u32string& key, Tier tier) {
  const std::u32string& text = tier == Tier::exact ? e.folded.key : e.loose.key;
  if (tier == Tier::fuzzy) return approx_find(text, key, max_edits(key.size()));
  std::vector<Range> out;
  for (std::size_t p = text.find(key); p != std::u32string::npos; p = text.find(key, p + 1))
    out.emplace_back(p, p + key.size());
  return out;
}

/// Byte spans of key ranges of the entry's exact (or loose) form.
void add_spans(const Entry& e, Tier tier, const std::vector<Range>& ranges,
               std::vector<text::Span>& spans) {
  const Folded& f = tier == Tier::exact ? e.folded : e.loose;
  for (const auto& [from, to] : ranges) spans.push_back(text::Span{f.begin[from], f.end[to - 1]});
}

std::vector<text::Span> merged(std::vector<text::Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const text::Span& a, const text::Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::vector<text::Span> out;
  for (const text::Span& s : spans) {
    if (!out.empty() && s.begin <= out.back().end)
      out.back().end = std::max(out.back().end, s.end);
    else
      out.push_back(s);
  }
  return out;
}

}  // namespace

struct IndicatorIndex::Impl {
  const Framework* fw = nullptr;
  std::vector<Entry> entries;
};

IndicatorIndex::IndicatorIndex(const Framework& framework) : impl_(std::make_unique<Impl>()) {
  impl_->fw = &framework;
  auto entry = [](HitKind kind, std::size_t ci, int level, std::string id, std::string lang,
                  const std::string& t) {
    return Entry{kind, ci, level, std::move(id), std::move(lang), &t, fold(t), fold(t, true)};
  };
  auto add = [&](HitKind kind, std::size_t ci, int level, const std::string& id, const Text& t) {
    if (!t.th.empty()) impl_->entries.push_back(entry(kind, ci, level, id, "th", t.th));
    if (!t.en.empty()) impl_->entries.push_back(entry(kind, ci, level, id, "en", t.en));
  };
  const auto cs = framework.competencies();
  for (std::size_t ci = 0; ci < cs.size(); ++ci) {
    const Competency& c = cs[ci];
    add(HitKind::competency_name, ci, 0, "", c.name);
    for (const Alias& a : c.aliases)
      impl_->entries.push_back(entry(HitKind::competency_name, ci, 0, "", "th", a.th));
    for (const Level& l : c.levels) {
      add(HitKind::level_title, ci, l.number, "", l.title);
      for (const Indicator& ind : l.indicators)
        add(HitKind::indicator, ci, l.number, ind.id, ind.text);
    }
    add(HitKind::definition, ci, 0, "", c.definition);
  }
}

IndicatorIndex::IndicatorIndex(IndicatorIndex&&) noexcept = default;
IndicatorIndex& IndicatorIndex::operator=(IndicatorIndex&&) noexcept = default;
IndicatorIndex::~IndicatorIndex() = default;

const Framework& IndicatorIndex::framework() const noexcept { return *impl_->fw; }
std::size_t IndicatorIndex::size() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(impl_->entries.begin(), impl_->entries.end(),
                    [](const Entry& e) { return e.kind != HitKind::definition; }));
}

namespace {

/// A query ready to match: the whole phrase and the words, each with the tier it is found by.
struct Query {
  std::u32string phrase;
  Tier phrase_tier = Tier::exact;
  std::vector<Term> terms;
  double total_weight = 0;
};

/// At most this many query words are looked for fuzzily (bounds the work of a long query).
constexpr int fuzzy_words = 8;

struct Searched {
  const std::vector<Entry>& entries;
  const SearchOptions& options;
  std::optional<std::size_t> only;
  int fuzzy_left = fuzzy_words;
  [[nodiscard]] bool active(const Entry& e) const {
    return (options.definitions || e.kind != HitKind::definition) &&
           (!only || e.competency == *only);
  }
  [[nodiscard]] bool found(const std::u32string& key, Tier tier) const {
    if (tier == Tier::fuzzy && max_edits(key.size()) == 0) return false;
    return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
      return active(e) && !occurrences(e, key, tier).empty();
    });
  }
  /// The first tier that finds `exact` (its loose form for the loose and fuzzy tiers) somewhere.
  [[nodiscard]] std::optional<Term> tiered(const std::u32string& exact, bool fuzzy) {
    const double w = static_cast<double>(exact.size());
    if (found(exact, Tier::exact)) return Term{exact, Tier::exact, w};
    if (!options.typos) return std::nullopt;
    std::u32string loose;
    std::copy_if(exact.begin(), exact.end(), std::back_inserter(loose),
                 [](char32_t c) { return !is_loose_mark(c); });
    if (loose.size() < 2) return std::nullopt;
    if (found(loose, Tier::loose)) return Term{loose, Tier::loose, w};
    if (fuzzy && max_edits(loose.size()) > 0 && fuzzy_left > 0) {
      --fuzzy_left;
      if (found(loose, Tier::fuzzy)) return Term{loose, Tier::fuzzy, w};
    }
    return std::nullopt;
  }
};

// Terms: the words of the query as typed (split at spaces); a word found nowhere, even with typo
// tolerance, is split further by the segmenter. Single letters only count when they are the query.
Query make_query(const std::string& nq, Searched& s) {
  Query q;
  q.phrase = fold(nq).key;
  if (const auto t = s.tiered(q.phrase, true)) q.phrase = t->key, q.phrase_tier = t->tier;
  auto add_term = [&](Term t) {
    if (t.key.empty()) return;
    for (const Term& have : q.terms)
      if (have.key == t.key && have.tier == t.tier) return;
    q.terms.push_back(std::move(t));
  };
  std::size_t start = 0;
  while (start <= nq.size()) {
    std::size_t sp = nq.find(' ', start);
    if (sp == std::string::npos) sp = nq.size();
    const std::string part = nq.substr(start, sp - start);
    start = sp + 1;
    const std::u32string k = fold(part).key;
    if (k.empty()) continue;
    if (k.size() < 2) {
      add_term({k, Tier::exact, 1.0});
    } else if (auto t = s.tiered(k, true)) {
      add_term(*t);
    } else {
      for (const auto& w : text::words(part)) {
        std::u32string wk = fold(w).key;
        if (wk.size() < 2 || is_function_word(wk)) continue;
        auto t2 = s.tiered(wk, false);
        add_term(t2 ? *t2 : Term{wk, Tier::exact, static_cast<double>(wk.size())});
      }
    }
  }
  for (const Term& t : q.terms) q.total_weight += t.weight;
  return q;
}

struct Match {
  double score = 0;
  std::vector<text::Span> spans;
  bool approximate = false;
};

std::optional<Match> match(const Entry& e, const Query& q) {
  Match m;
  const std::vector<Range> whole = occurrences(e, q.phrase, q.phrase_tier);
  if (!whole.empty()) {
    // The whole query: 0.6 .. 1.0, higher when it covers more of the text.
    const std::u32string& key = q.phrase_tier == Tier::exact ? e.folded.key : e.loose.key;
    const double cover =
        std::min(1.0, static_cast<double>(q.phrase.size()) / static_cast<double>(key.size()));
    m.score = (0.6 + 0.4 * cover) * tier_factor(q.phrase_tier);
    add_spans(e, q.phrase_tier, whole, m.spans);
    m.approximate = q.phrase_tier != Tier::exact;
  } else if (q.total_weight > 0) {
    double matched = 0;
    for (const Term& t : q.terms) {
      const std::vector<Range> r = occurrences(e, t.key, t.tier);
      if (r.empty()) continue;
      matched += t.weight * tier_factor(t.tier);
      add_spans(e, t.tier, r, m.spans);
      m.approximate = m.approximate || t.tier != Tier::exact;
    }
    // Partial matches must cover at least half of the query's words (by length).
    if (matched == 0 || matched < 0.5 * q.total_weight) return std::nullopt;
    // Some or all of the query's words, apart: up to 0.55.
    m.score = 0.5 * matched / q.total_weight +
              0.05 * std::min(1.0, matched / static_cast<double>(e.folded.key.size()));
  }
  if (m.spans.empty()) return std::nullopt;
  // Names rank above titles, titles above indicators, indicators above definitions, when the
  // match is as good.
  m.score *= e.kind == HitKind::competency_name ? 1.0
             : e.kind == HitKind::level_title   ? 0.99
             : e.kind == HitKind::indicator     ? 0.98
                                                : 0.97;
  m.spans = merged(std::move(m.spans));
  return m;
}

/// The query normalised; ValidationError when it is too long or empty, EncodingError for bad UTF-8.
std::string checked_query(std::string_view query) {
  text::validate_utf8(query, "the search query");
  // Every term is looked for in every text: bound the work a query can ask for.
  const std::size_t chars =
      static_cast<std::size_t>(std::count_if(query.begin(), query.end(), [](char ch) {
        return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      }));
  Location where;
  where.value = std::string(query);
  if (chars > IndicatorIndex::max_query_chars)
    throw ValidationError(
        "the search query is too long (" + std::to_string(chars) + " characters; at most " +
            std::to_string(IndicatorIndex::max_query_chars) + "): search for a word or a phrase",
        where);
  std::string nq = text::normalize(query);
  if (fold(nq).key.empty())
    throw ValidationError(
        "the search query is empty; type a word or phrase to look for, such "
        "as ผลกระทบ or teamwork",
        where);
  return nq;
}

}  // namespace

std::vector<SearchHit> IndicatorIndex::search(std::string_view query,
                                              const SearchOptions& options) const {
  const std::string nq = checked_query(query);
  Searched s{impl_->entries, options, std::nullopt, fuzzy_words};
  if (!options.competency.empty()) {
    const Competency& c = impl_->fw->competency(options.competency);  // LookupError if unknown
    s.only = static_cast<std::size_t>(&c - impl_->fw->competencies().data());
  }
  const Query q = make_query(nq, s);

  // Score each entry; keep the best entry per hit target (kind, competency, level, indicator).
  using Target = std::tuple<int, std::size_t, int, std::string>;
  std::map<Target, std::pair<std::size_t, SearchHit>> best;  // target → (first seen, hit)
  for (const Entry& e : impl_->entries) {
    if (!s.active(e) || e.folded.key.empty()) continue;
    const std::optional<Match> m = match(e, q);
    if (!m || m->score < options.min_score) continue;
    Target id{static_cast<int>(e.kind), e.competency, e.level, e.indicator_id};
    auto it = best.find(id);
    if (it != best.end() && it->second.second.score >= m->score) continue;
    const std::size_t seen = it == best.end() ? best.size() : it->second.first;
    const Competency& c = impl_->fw->competencies()[e.competency];
    best[id] = {seen, SearchHit{e.kind, c.id, e.level, e.indicator_id, e.language, *e.text,
                                m->score, m->spans, m->approximate}};
  }
  std::vector<std::pair<std::size_t, SearchHit>> ranked;
  for (auto& [id, hit] : best) ranked.push_back(std::move(hit));
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
