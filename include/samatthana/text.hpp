#pragma once
// Thai text: UTF-8 validation, normalisation, matching keys, Thai digits, numbers, Buddhist-Era
// dates and appraisal rounds, collation and word segmentation (see docs/thai-text.md).
// All text at this API is UTF-8 std::string / std::string_view; ICU stays in src/.
#include <cstdint>
#include <string>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/text/digits.hpp"

namespace samatthana::text {

/// Throws EncodingError with the byte offset of the first invalid byte. `what` names the input.
SAMATTHANA_API void validate_utf8(std::string_view s, std::string_view what = "text");
/// True when `s` is valid UTF-8.
[[nodiscard]] SAMATTHANA_API bool is_valid_utf8(std::string_view s) noexcept;

/// Safe normaliser for stored and displayed Thai text (see docs/thai-text.md): NFC, then the Thai
/// fixes NFC does not make (เเ→แ, ํา→ำ, tone mark before upper vowel reordered, duplicated
/// vowels/tone marks collapsed), zero-width and format characters removed, whitespace runs
/// collapsed to one space and trimmed, ๆ spaced as "คำ ๆ คำ". Never NFKC. Throws EncodingError.
/// Idempotent: normalize(normalize(s)) == normalize(s).
[[nodiscard]] SAMATTHANA_API std::string normalize(std::string_view s);

/// Key for search and lookups: normalize(), then case-folded, with all spaces removed, so that
/// "ทำงานเป็นทีม", "ทำงาน เป็นทีม" and "ทำงาน\u200Bเป็นทีม" give the same key.
[[nodiscard]] SAMATTHANA_API std::string match_key(std::string_view s);

/// Key of a person id (see docs/thai-text.md, "Person ids"): white space around it (NBSP, U+202F
/// and zero-width characters included) trimmed, the zero-width characters U+200B, U+200C, U+200D,
/// U+2060 and U+FEFF removed, then NFC. Ids that differ only that way are the same person; this
/// is also the id kept. Case, inner spaces and digits are kept as written. Throws EncodingError.
[[nodiscard]] SAMATTHANA_API std::string normalize_id(std::string_view s);

/// Replace every Arabic digit by its Thai digit, and the reverse.
[[nodiscard]] SAMATTHANA_API std::string to_thai_digits(std::string_view s);
[[nodiscard]] SAMATTHANA_API std::string to_arabic_digits(std::string_view s);
/// Digits in the requested set.
[[nodiscard]] SAMATTHANA_API std::string with_digits(std::string_view s, Digits d);

}  // namespace samatthana::text

#include "samatthana/text/collator.hpp"
#include "samatthana/text/date.hpp"
#include "samatthana/text/numbers.hpp"
#include "samatthana/text/segment.hpp"
