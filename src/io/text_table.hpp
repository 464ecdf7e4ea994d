#pragma once
// Aligned text tables for the terminal and the numbers in them: what summary_text and
// scores_table print (src/io/scores_out.cpp and the streamed summary, src/stream/summary.cpp).
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace samatthana::detail {

inline std::string fixed2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}
inline std::string fixed1(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}
/// The shortest decimal that reads back as `x` ("30", "0.5").
inline std::string num(double x) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}
inline std::string percent(double share) { return fixed1(share * 100) + "%"; }
/// Two decimals with a sign for positive values ("+0.25", "-1.00", "0.00").
inline std::string signed2(double x) {
  std::string r = fixed2(x);
  if (r == "-0.00") r = "0.00";
  return (x > 0 && r != "0.00" ? "+" : "") + r;
}

/// Columns a string takes in a terminal: code points, minus Thai combining marks.
inline std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 3 && i + 2 < s.size() && c == 0xE0) {
      const unsigned cp = ((c & 0x0Fu) << 12) |
                          ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      const bool combining =
          cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
      if (!combining) ++w;
    } else {
      ++w;
    }
    i += len;
  }
  return w;
}
inline std::string pad(std::string s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  const std::string sp(width - w, ' ');
  return right ? sp + s : s + sp;
}

/// Renders rows as an aligned table; the first row is the header, underlined. Columns after the
/// first `left` ones are right-aligned.
inline std::string render(const std::vector<std::vector<std::string>>& rows, std::size_t left = 1) {
  std::vector<std::size_t> widths;
  for (const auto& r : rows) {
    if (widths.size() < r.size()) widths.resize(r.size(), 0);
    for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], display_width(r[i]));
  }
  std::string out;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string line;
    for (std::size_t i = 0; i < rows[k].size(); ++i) {
      if (i) line += "  ";
      line += pad(rows[k][i], widths[i], i >= left);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (k == 0) {
      std::size_t total = 0;
      for (auto w : widths) total += w;
      out += std::string(total + 2 * (widths.size() - 1), '-') + "\n";
    }
  }
  return out;
}

}  // namespace samatthana::detail
