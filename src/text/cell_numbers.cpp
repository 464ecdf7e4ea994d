// Number cells of tables: levels and decimals in Thai or Arabic digits (cell_numbers.hpp).
#include "text/cell_numbers.hpp"

#include <charconv>

#include "text/utf8.hpp"

namespace samatthana::detail {

namespace {
// Copies the trimmed `s` with Thai digits turned Arabic; false if too long or not ASCII digits
// and signs. `thai`/`arabic`: which digit sets it used.
bool ascii_digits(std::string_view s, char* buf, std::size_t cap, std::size_t& len, bool& mixed) {
  s = trim_unicode_space(s);
  bool thai = false, arabic = false;
  len = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (len >= cap) return false;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE0 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB9) {
      const auto t = static_cast<unsigned char>(s[i + 2]);
      if (t < 0x90 || t > 0x99) return false;
      buf[len++] = static_cast<char>('0' + (t - 0x90));
      thai = true;
      i += 3;
      continue;
    }
    if (c >= 0x80) return false;
    arabic = arabic || (c >= '0' && c <= '9');
    buf[len++] = static_cast<char>(c);
    ++i;
  }
  mixed = thai && arabic;
  return len > 0;
}
}  // namespace

NumberStatus read_level(std::string_view s, int& out) noexcept {
  // Fast path: one ASCII digit.
  if (s.size() == 1 && s[0] >= '0' && s[0] <= '9') {
    out = s[0] - '0';
    return NumberStatus::ok;
  }
  char buf[32];
  std::size_t len;
  bool mixed = false;
  if (!ascii_digits(s, buf, sizeof buf, len, mixed)) return NumberStatus::not_a_number;
  const char* b = buf[0] == '+' ? buf + 1 : buf;
  if (b == buf + len) return NumberStatus::not_a_number;
  for (const char* q = b; q < buf + len; ++q)
    if (*q < '0' || *q > '9') return NumberStatus::not_a_number;
  auto [p, ec] = std::from_chars(b, buf + len, out);
  if (ec != std::errc() || p != buf + len) return NumberStatus::not_a_number;
  return mixed ? NumberStatus::mixed_digits : NumberStatus::ok;
}

NumberStatus read_decimal(std::string_view s, double& out) noexcept {
  char buf[64];
  std::size_t len;
  bool mixed = false;
  if (!ascii_digits(s, buf, sizeof buf, len, mixed)) return NumberStatus::not_a_number;
  const char* b = buf;
  if (*b == '+') ++b;
  if (b == buf + len || (b != buf && *b == '-')) return NumberStatus::not_a_number;  // "+", "+-5"
  for (const char* q = b; q < buf + len; ++q)
    if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == '-')) return NumberStatus::not_a_number;
  auto [p, ec] = std::from_chars(b, buf + len, out);
  if (ec != std::errc() || p != buf + len) return NumberStatus::not_a_number;
  return mixed ? NumberStatus::mixed_digits : NumberStatus::ok;
}

bool parse_level(std::string_view s, int& out) noexcept {
  return read_level(s, out) == NumberStatus::ok;
}
bool parse_decimal(std::string_view s, double& out) noexcept {
  return read_decimal(s, out) == NumberStatus::ok;
}

}  // namespace samatthana::detail
