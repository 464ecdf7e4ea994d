// Normalisation and UTF-8 validation (initial implementation; see docs/thai-text.md).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>

#include <string>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"

namespace samatthana::text {
namespace {

// Decodes one code point at s[i]; returns its length, or 0 when the bytes are not valid UTF-8.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) { cp = c; return 1; }
  std::size_t n;
  char32_t min;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1Fu; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0Fu; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07u; min = 0x10000; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (!n) return false;
    i += n;
  }
  return true;
}

void validate_utf8(std::string_view s, std::string_view what) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (!n) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(s[i]));
      Location where;
      where.byte_offset = i;
      throw EncodingError(std::string(what) + " is not valid UTF-8: byte " + hex +
                              " cannot start or continue a character here",
                          where);
    }
    i += n;
  }
}

std::string normalize(std::string_view s) {
  validate_utf8(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString n = nfc->normalize(in, status);
  if (U_FAILURE(status)) throw Error("normalisation failed: " + std::string(u_errorName(status)));
  // Thai fixes NFC does not make, zero-width removal, whitespace.
  icu::UnicodeString out;
  const int32_t len = n.length();
  for (int32_t i = 0; i < len; ++i) {
    char16_t c = n.charAt(i);
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD)
      continue;
    if (c == 0x0E40 && i + 1 < len && n.charAt(i + 1) == 0x0E40) {  // เเ -> แ
      out.append(static_cast<char16_t>(0x0E41));
      ++i;
      continue;
    }
    if (c == 0x0E4D) {  // nikhahit (+ tone) + sara aa -> (tone) + sara am
      if (i + 1 < len && n.charAt(i + 1) == 0x0E32) {
        out.append(static_cast<char16_t>(0x0E33));
        ++i;
        continue;
      }
      if (i + 2 < len && n.charAt(i + 1) >= 0x0E48 && n.charAt(i + 1) <= 0x0E4B &&
          n.charAt(i + 2) == 0x0E32) {
        out.append(n.charAt(i + 1));
        out.append(static_cast<char16_t>(0x0E33));
        i += 2;
        continue;
      }
    }
    if (u_isWhitespace(c) || c == 0x00A0) c = u' ';
    if (c == u' ' && (out.isEmpty() || out.charAt(out.length() - 1) == u' ')) continue;
    out.append(c);
  }
  while (!out.isEmpty() && out.charAt(out.length() - 1) == u' ') out.truncate(out.length() - 1);
  // ๆ spacing: one space before, one after when a letter or digit follows.
  icu::UnicodeString spaced;
  for (int32_t i = 0; i < out.length(); ++i) {
    const char16_t c = out.charAt(i);
    if (c == 0x0E46) {
      while (!spaced.isEmpty() && spaced.charAt(spaced.length() - 1) == u' ')
        spaced.truncate(spaced.length() - 1);
      if (!spaced.isEmpty()) spaced.append(u' ');
      spaced.append(c);
      if (i + 1 < out.length()) {
        const char16_t next = out.charAt(i + 1);
        if (u_isalnum(next) || (next >= 0x0E01 && next <= 0x0E5B && next != 0x0E46))
          spaced.append(u' ');
      }
      continue;
    }
    if (c == u' ' && !spaced.isEmpty() && spaced.charAt(spaced.length() - 1) == u' ') continue;
    spaced.append(c);
  }
  std::string result;
  spaced.toUTF8String(result);
  return result;
}

std::string match_key(std::string_view s) {
  std::string n = normalize(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(n);
  u.foldCase();
  icu::UnicodeString k;
  for (int32_t i = 0; i < u.length(); ++i)
    if (u.charAt(i) != u' ') k.append(u.charAt(i));
  std::string out;
  k.toUTF8String(out);
  return out;
}

std::string to_thai_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out += "\xE0\xB9";
      out += static_cast<char>(0x90 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

std::string to_arabic_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i] == '\xE0' && s[i + 1] == '\xB9' &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string with_digits(std::string_view s, Digits d) {
  return d == Digits::thai ? to_thai_digits(s) : to_arabic_digits(s);
}

}  // namespace samatthana::text
