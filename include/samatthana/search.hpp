#pragma once
// Searching a framework's indicators, level titles, competency names and (on request) competency
// definitions, tolerating typing slips (see docs/search.md).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

/// What a search hit is.
enum class HitKind { competency_name, level_title, indicator, definition };

[[nodiscard]] constexpr std::string_view to_string(HitKind k) noexcept {
  switch (k) {
    case HitKind::competency_name:
      return "competency_name";
    case HitKind::level_title:
      return "level_title";
    case HitKind::indicator:
      return "indicator";
    case HitKind::definition:
      return "definition";
  }
  return "indicator";
}

struct SearchOptions {
  std::string competency;  ///< only this competency (id, code, name or alias); "" for all
  std::size_t limit = 20;  ///< at most this many hits (0: no limit)
  double min_score = 0.0;  ///< drop hits scoring below this (scores are in (0, 1])
  /// Tolerate typing slips: a word found nowhere as typed is looked for without tone marks
  /// (่ ้ ๊ ๋), maitaikhu (็) and thanthakhat (์), then with one edit (two for words of 8
  /// letters or more; words of 4 letters or more): โปรงใส finds โปร่งใส. Such hits score lower.
  bool typos = true;
  /// Search the competencies' definitions too (hits of kind HitKind::definition, level 0).
  bool definitions = false;
};

/// One hit. Highlight spans are UTF-8 byte offsets into `text`.
struct SearchHit {
  HitKind kind = HitKind::indicator;
  std::string competency_id;
  int level = 0;             ///< 0 for competency names and definitions
  std::string indicator_id;  ///< "" unless kind == indicator
  std::string language;      ///< "th" or "en": which text matched
  std::string text;          ///< the text that matched (the framework's normalised text)
  double score = 0.0;        ///< 1.0 = the whole query found as written; higher ranks first
  std::vector<text::Span> highlights;  ///< byte offsets into text, sorted, not overlapping
  bool approximate = false;            ///< found only with typo tolerance (SearchOptions::typos)
};

/// An index over one framework. Queries are normalised like the framework's text (spacing,
/// zero-width characters, เเ/แ and the other repairs of text::normalize, case, Thai/Arabic
/// digits do not matter), and found inside words too, so a word the segmenter splits wrongly
/// (ผลกระทบ) is still found. Built once; search() is const and safe from many threads.
/// The framework must outlive the index.
class SAMATTHANA_API IndicatorIndex {
 public:
  explicit IndicatorIndex(const Framework& framework);
  IndicatorIndex(IndicatorIndex&&) noexcept;
  IndicatorIndex& operator=(IndicatorIndex&&) noexcept;
  ~IndicatorIndex();

  /// The longest query, in characters (code points): four times the longest shipped indicator
  /// (235), so a pasted indicator is always found, while a pasted document is refused at once.
  static constexpr std::size_t max_query_chars = 1000;

  /// Ranked hits, best first (ties in framework order). Throws ValidationError for an empty or
  /// blank query or one longer than max_query_chars, EncodingError for invalid UTF-8,
  /// LookupError for an unknown competency.
  [[nodiscard]] std::vector<SearchHit> search(std::string_view query,
                                              const SearchOptions& options = {}) const;
  [[nodiscard]] const Framework& framework() const noexcept;
  /// Number of searchable texts (names, aliases, titles and indicators, Thai and English; the
  /// definitions, searched on request, not counted).
  [[nodiscard]] std::size_t size() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samatthana
