#pragma once
// Thai word segmentation: ICU's dictionary-based word breaks, repaired (see docs/thai-text.md).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/export.hpp"

namespace samatthana::text {

/// A piece of a string as UTF-8 byte offsets [begin, end).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const noexcept { return end - begin; }
  [[nodiscard]] std::string_view of(std::string_view s) const {
    return s.substr(begin, end - begin);
  }
  bool operator==(const Span&) const = default;
};

/// Splits `s` into words. The spans cover all of `s` in order: each run of whitespace and each
/// punctuation mark is a span of its own. Throws EncodingError for invalid UTF-8.
/// Safe to call from many threads.
[[nodiscard]] SAMATTHANA_API std::vector<Span> segment(std::string_view s);
/// The same spans without raw ICU repairs (ICU's word boundaries as they are); for comparison.
[[nodiscard]] SAMATTHANA_API std::vector<Span> segment_icu(std::string_view s);
/// The words of `s` (segment() without whitespace spans), as strings.
[[nodiscard]] SAMATTHANA_API std::vector<std::string> words(std::string_view s);

}  // namespace samatthana::text
