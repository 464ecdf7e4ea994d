#pragma once
// Thai dictionary order (ICU's "th" collation), hidden behind a small value type.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/export.hpp"

namespace samatthana::text {

/// Compares and sorts UTF-8 strings in Thai dictionary order.
///
/// Thread safety: all member functions are const and may be called on one shared Collator
/// from many threads at once (ICU's RuleBasedCollator is thread-safe for const use since
/// ICU 53). Copies share the same immutable ICU collator; nothing is mutated after
/// construction. Creating a Collator costs far more than a comparison: make one, keep it.
class SAMATTHANA_API Collator {
 public:
  struct Options {
    /// Compare runs of digits (Thai or Arabic) by value: "ระดับ ๒" before "ระดับ ๑๐".
    bool numeric = false;
  };
  Collator();
  explicit Collator(Options options);
  Collator(const Collator&);
  Collator& operator=(const Collator&);
  Collator(Collator&&) noexcept;
  Collator& operator=(Collator&&) noexcept;
  ~Collator();

  /// <0, 0 or >0 as a sorts before, equal to or after b. Throws EncodingError.
  [[nodiscard]] int compare(std::string_view a, std::string_view b) const;
  /// a before b.
  [[nodiscard]] bool less(std::string_view a, std::string_view b) const {
    return compare(a, b) < 0;
  }
  [[nodiscard]] bool operator()(std::string_view a, std::string_view b) const { return less(a, b); }
  /// Bytes whose memcmp (or std::string <) order is the collation order of the inputs.
  [[nodiscard]] std::string sort_key(std::string_view s) const;
  /// The sort key of UTF-16 text (for callers that hold UTF-16, such as a Python str's own code
  /// units), in the order of sort_key: written to `out` when it fits in `capacity` bytes. Returns
  /// the key's length including its final zero byte; when that exceeds `capacity`, call again
  /// with a buffer that large. A lone surrogate sorts as U+FFFD would.
  [[nodiscard]] std::size_t sort_key_utf16(std::u16string_view s, std::uint8_t* out,
                                           std::size_t capacity) const;
  /// Sorts in place (stable), using sort keys.
  void sort(std::vector<std::string>& v) const;
  [[nodiscard]] const Options& options() const noexcept { return options_; }

 private:
  struct Impl;
  Options options_;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace samatthana::text
