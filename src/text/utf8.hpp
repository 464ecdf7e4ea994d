#pragma once
// Internal helpers of the text layer: UTF-8 decoding and ICU string conversion.
#include <unicode/unistr.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace samatthana::detail {

/// Decodes one code point at s[i]; returns its length in bytes, or 0 when the bytes there are
/// not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
std::size_t utf8_decode(std::string_view s, std::size_t i, char32_t& cp) noexcept;
/// Unicode white space (Zs, TAB..CR, NEL, LS, PS) and the zero-width characters U+200B-U+200D,
/// U+2060, U+FEFF.
bool is_unicode_space(char32_t cp) noexcept;
/// `s` without such characters at either end (no copy).
std::string_view trim_unicode_space(std::string_view s) noexcept;
/// `s` without spaces and tabs at either end (no copy): how the table readers and the header
/// rule trim a cell or a header.
inline std::string_view trim_space_tab(std::string_view s) noexcept {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}
/// Appends the UTF-8 encoding of cp.
void utf8_append(std::string& out, char32_t cp);
/// Validates (EncodingError naming `what`) and converts to ICU's UTF-16.
icu::UnicodeString to_icu(std::string_view s, std::string_view what = "text");
std::string from_icu(const icu::UnicodeString& u);
/// The UTF-16 text of u, without a copy (valid while u lives and is not modified).
inline std::u16string_view u16_view(const icu::UnicodeString& u) {
  return {u.getBuffer(), static_cast<std::size_t>(u.length())};
}
/// UTF-16 (well-formed) to UTF-8.
inline std::string from_utf16(std::u16string_view u) {
  // A read-only alias: ICU converts without copying the UTF-16 text first.
  return from_icu(icu::UnicodeString(false, u.data(), static_cast<int32_t>(u.size())));
}

/// Decoded code points with the byte offset where each starts (offsets has one extra entry:
/// the total size). Input must be valid UTF-8.
struct Decoded {
  std::u32string cps;
  std::vector<std::size_t> offsets;
};
Decoded utf8_decode_all(std::string_view s);

}  // namespace samatthana::detail
