// Integers with Thai or Arabic digits.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

namespace samatthana::text {
namespace {

[[noreturn]] void bad_number(std::string_view what, std::string_view s, const std::string& why,
                             std::optional<std::size_t> offset = std::nullopt) {
  Location where;
  where.value = std::string(s);
  where.byte_offset = offset;
  throw ParseError(std::string(what) + " is not a whole number: " + why, where);
}

}  // namespace

long long parse_int(std::string_view s, std::string_view what) {
  validate_utf8(s, what);
  // Trim Unicode white space (and zero-width characters) at both ends.
  std::size_t b = 0, e = s.size();
  auto space_at = [&](std::size_t i, std::size_t& n) {
    char32_t cp;
    n = detail::utf8_decode(s, i, cp);
    return n != 0 && detail::is_unicode_space(cp);  // NBSP, U+202F, zero-width, ...
  };
  std::size_t n = 0;
  while (b < e && space_at(b, n)) b += n;
  while (e > b) {
    std::size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0u) == 0x80u) --k;
    if (!space_at(k, n)) break;
    e = k;
  }
  if (b == e) bad_number(what, s, "it is empty; write digits such as 3 or ๓");

  bool negative = false;
  std::size_t i = b;
  if (s[i] == '+' || s[i] == '-') {
    negative = s[i] == '-';
    ++i;
  }
  // Digits with optional thousands separators; separators must sit every three digits.
  std::uint64_t value = 0;
  const std::uint64_t limit =
      negative ? static_cast<std::uint64_t>(std::numeric_limits<long long>::max()) + 1
               : static_cast<std::uint64_t>(std::numeric_limits<long long>::max());
  int digits = 0, since_sep = 0;
  bool grouped = false;
  while (i < e) {
    char32_t cp;
    const std::size_t len = detail::utf8_decode(s, i, cp);
    int d = -1;
    if (cp >= '0' && cp <= '9')
      d = static_cast<int>(cp - '0');
    else if (cp >= 0x0E50 && cp <= 0x0E59)
      d = static_cast<int>(cp - 0x0E50);
    if (d >= 0) {
      if (value > (limit - static_cast<std::uint64_t>(d)) / 10)
        bad_number(what, s, "it is too large (the limit is 9,223,372,036,854,775,807)");
      value = value * 10 + static_cast<std::uint64_t>(d);
      ++digits;
      ++since_sep;
    } else if (cp == ',') {
      if (digits == 0 || (grouped && since_sep != 3) || (!grouped && since_sep > 3))
        bad_number(what, s, "a thousands separator ',' is out of place", i);
      grouped = true;
      since_sep = 0;
    } else {
      std::string ch(s.substr(i, len));
      bad_number(what, s,
                 "'" + ch +
                     "' is not a digit; only ๐-๙, 0-9, a leading sign and thousands "
                     "separators are allowed",
                 i);
    }
    i += len;
  }
  if (digits == 0) bad_number(what, s, "it has no digits");
  if (grouped && since_sep != 3) bad_number(what, s, "a thousands separator ',' is out of place");
  if (negative)
    return value == limit ? std::numeric_limits<long long>::min() : -static_cast<long long>(value);
  return static_cast<long long>(value);
}

std::string format_int(long long n, Digits digits, bool grouping) {
  const bool negative = n < 0;
  std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string plain = std::to_string(v);
  std::string out;
  if (negative) out += '-';
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (grouping && i > 0 && (plain.size() - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return with_digits(out, digits);
}

std::string format_level(int level, Digits digits) {
  return "ระดับที่ " + format_int(level, digits, false);
}

}  // namespace samatthana::text
