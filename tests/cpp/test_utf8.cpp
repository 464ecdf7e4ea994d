// The text layer's UTF-8 decoder (ICU's U8_NEXT) against a plain reading of RFC 3629 over every
// sequence of up to three bytes and a sample of four-byte ones.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "text/utf8.hpp"

namespace {

/// RFC 3629, table 3.1: the well-formed byte sequences; 0 when `s` does not start with one.
std::size_t reference_decode(const std::string& s, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && b(k) >= lo && b(k) <= hi;
  };
  const unsigned c = b(0);
  if (c < 0x80) return cp = c, 1;
  if (c >= 0xC2 && c <= 0xDF && cont(1)) return cp = ((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2))
      return cp = ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3;
    return 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2) && cont(3))
      return cp = ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) |
                  (b(3) & 0x3Fu),
             4;
  }
  return 0;
}

bool agrees(const std::string& s) {
  char32_t a = 0, b = 0;
  const std::size_t n = samatthana::detail::utf8_decode(s, 0, a);
  const std::size_t m = reference_decode(s, b);
  return n == m && (n == 0 || a == b);
}

}  // namespace

TEST_CASE("utf8: the decoder accepts exactly RFC 3629's sequences", "[text][utf8]") {
  std::size_t disagreements = 0;
  for (unsigned x = 0; x < 0x1000000; ++x) {  // every 1-, 2- and 3-byte string (and its prefixes)
    const std::string s{static_cast<char>(x >> 16), static_cast<char>((x >> 8) & 0xFF),
                        static_cast<char>(x & 0xFF)};
    if (!agrees(s)) ++disagreements;
    if ((x & 0xFFFF) == 0 && !agrees(s.substr(0, 1))) ++disagreements;
    if ((x & 0xFF) == 0 && !agrees(s.substr(0, 2))) ++disagreements;
  }
  std::uint32_t state = 12345;  // four-byte strings: a deterministic sample
  for (int i = 0; i < 2000000; ++i) {
    state = state * 1664525u + 1013904223u;
    std::string s(4, '\0');
    for (int k = 0; k < 4; ++k)
      s[static_cast<std::size_t>(k)] = static_cast<char>((state >> (k * 8)) & 0xFF);
    s[0] = static_cast<char>(0xF0 | (static_cast<unsigned char>(s[0]) & 0x0F));
    if (!agrees(s)) ++disagreements;
  }
  CHECK(disagreements == 0);
  char32_t cp = 0;
  CHECK(samatthana::detail::utf8_decode("\xF4\x8F\xBF\xBF", 0, cp) == 4);
  CHECK(cp == 0x10FFFF);
  CHECK(samatthana::detail::utf8_decode("\xED\xA0\x80", 0, cp) == 0);  // a surrogate
  CHECK(samatthana::detail::utf8_decode("\xC0\x80", 0, cp) == 0);      // overlong NUL
}
