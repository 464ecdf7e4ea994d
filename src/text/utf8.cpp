// UTF-8 validation and conversion for the text layer.
#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"

namespace samatthana::detail {

std::size_t utf8_decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  // ICU's strict decoder: overlong forms, surrogates and code points past U+10FFFF are errors.
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data() + i);
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(4, s.size() - i));
  std::int32_t k = 0;
  UChar32 c = 0;
  U8_NEXT(p, k, length, c);
  if (c < 0) return 0;
  cp = static_cast<char32_t>(c);
  return static_cast<std::size_t>(k);
}

bool is_unicode_space(char32_t cp) noexcept {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

std::string_view trim_unicode_space(std::string_view s) noexcept {
  const auto plain = [](char c) { return c > 0x20 && c < 0x7F; };   // ASCII, not a space
  if (!s.empty() && plain(s.front()) && plain(s.back())) return s;  // the usual cell
  char32_t cp = 0;
  std::size_t n = 0;
  while (!s.empty() && (n = utf8_decode(s, 0, cp)) != 0 && is_unicode_space(cp)) s.remove_prefix(n);
  while (!s.empty()) {
    std::size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0u) == 0x80u) --k;
    if (utf8_decode(s, k, cp) != s.size() - k || !is_unicode_space(cp)) break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

icu::UnicodeString to_icu(std::string_view s, std::string_view what) {
  text::validate_utf8(s, what);
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string from_icu(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

Decoded utf8_decode_all(std::string_view s) {
  Decoded d;
  d.cps.reserve(s.size());
  d.offsets.reserve(s.size() + 1);
  char32_t cp = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_decode(s, i, cp);
    if (!n) {
      n = 1;
      cp = 0xFFFD;
    }
    d.cps.push_back(cp);
    d.offsets.push_back(i);
    i += n;
  }
  d.offsets.push_back(s.size());
  return d;
}

}  // namespace samatthana::detail

namespace samatthana::text {

bool is_valid_utf8(std::string_view s) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = detail::utf8_decode(s, i, cp);
    if (!n) return false;
    i += n;
  }
  return true;
}

void validate_utf8(std::string_view s, std::string_view what) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = detail::utf8_decode(s, i, cp);
    if (!n) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(s[i]));
      Location where;
      where.byte_offset = i;
      throw EncodingError(std::string(what) + " is not valid UTF-8: byte " + hex +
                              " cannot start or continue a character here (Thai text saved as "
                              "TIS-620/Windows-874? re-save it as UTF-8)",
                          where);
    }
    i += n;
  }
}

}  // namespace samatthana::text
