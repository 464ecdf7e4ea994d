#include <algorithm>
#include "io/csv.hpp"

#include <charconv>
#include <cstring>

namespace samatthana::detail {

std::size_t find_invalid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

CsvReader::CsvReader(std::string_view data, std::string file) : data_(data), file_(std::move(file)) {
  // The file, the line and the byte of an encoding problem at `offset`.
  const auto at = [&](std::size_t offset) {
    Location where;
    where.file = file_;
    where.line = 1 + static_cast<std::size_t>(std::count(data_.begin(), data_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    where.byte_offset = offset;
    return where;
  };
  if (const std::size_t bad = find_invalid_utf8(data_); bad != std::string_view::npos)
    throw EncodingError("this file is not valid UTF-8; save it as \"CSV UTF-8\" (Excel) or convert "
                        "it from TIS-620 / Windows-874 first", at(bad));
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  // A byte-order mark anywhere else is invisible in every editor and would end up inside a
  // value (usually after two exported files were joined): an error, never silent data.
  if (const std::size_t bom = data_.find("\xEF\xBB\xBF", pos_); bom != std::string_view::npos)
    throw EncodingError("a byte-order mark (U+FEFF) in the middle of the file; were two CSV files "
                        "joined? Remove it and save the file again", at(bom));
}

Location CsvReader::where(std::size_t i, std::string_view column_name, std::string_view value) const {
  Location w;
  w.file = file_;
  w.line = record_line_;
  w.column = i + 1;
  w.path = std::string(column_name);
  std::string v(value.empty() && i < fields_.size() ? std::string_view(fields_[i]) : value);
  if (v.size() > 80) {
    std::size_t cut = 77;  // never inside a UTF-8 character
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
    v = v.substr(0, cut) + "...";
  }
  w.value = v;
  return w;
}

bool CsvReader::next() {
  const std::size_t n = data_.size();
  // Skip blank lines.
  while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  used_ = 0;
  if (pos_ >= n) {
    fields_.clear();
    return false;
  }
  record_line_ = line_;
  record_offset_ = pos_;
  const char* d = data_.data();
  for (;;) {
    // Reuse the strings of the previous record: no allocation per field once warmed up.
    if (used_ == fields_.size()) fields_.emplace_back();
    std::string& f = fields_[used_++];
    f.clear();
    if (pos_ < n && d[pos_] == '"') {
      const std::size_t open_line = line_;
      ++pos_;
      for (;;) {
        const void* q = pos_ < n ? std::memchr(d + pos_, '"', n - pos_) : nullptr;
        if (!q) {
          Location w;
          w.file = file_;
          w.line = open_line;
          w.column = used_;
          throw ParseError("a quoted field is never closed: a \" is missing", w);
        }
        const std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - d);
        for (std::size_t k = pos_; k < qpos; ++k)
          if (d[k] == '\n') ++line_;
        f.append(d + pos_, qpos - pos_);
        pos_ = qpos + 1;
        if (pos_ < n && d[pos_] == '"') {
          f.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < n && d[pos_] != ',' && d[pos_] != '\n' && d[pos_] != '\r') {
        Location w;
        w.file = file_;
        w.line = line_;
        w.column = used_;
        w.value = f;
        throw ParseError("text after the closing quote of a field; write a quote inside a quoted "
                         "field as \"\"", w);
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < n) {
        const char c = d[pos_];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
          Location w;
          w.file = file_;
          w.line = line_;
          w.column = used_;
          std::size_t len = std::min<std::size_t>(pos_ - start + 1, 60);
          while (start + len < n && len > 0 &&
                 (static_cast<unsigned char>(d[start + len]) & 0xC0) == 0x80)
            --len;  // never end inside a UTF-8 character
          w.value = std::string(data_.substr(start, len));
          throw ParseError("a quote inside an unquoted field; quote the whole field and double "
                           "the quote (\"\")", w);
        }
        ++pos_;
      }
      f.assign(d + start, pos_ - start);
    }
    if (pos_ >= n) {
      fields_.resize(used_);
      return true;
    }
    if (d[pos_] == ',') {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF or lone CR.
    if (d[pos_] == '\r') ++pos_;
    if (pos_ < n && d[pos_] == '\n') ++pos_;
    ++line_;
    fields_.resize(used_);
    return true;
  }
}

namespace {
bool is_numberish(std::string_view s) {
  double v;
  return parse_decimal(s, v);
}
}  // namespace

void append_csv_field(std::string& out, std::string_view field, bool neutralise) {
  bool prefix = false;
  if (neutralise && !field.empty()) {
    const char c = field[0];
    if ((c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') &&
        !is_numberish(field))
      prefix = true;
  }
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    if (prefix) out.push_back('\'');
    out.append(field);
    return;
  }
  out.push_back('"');
  if (prefix) out.push_back('\'');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields, bool neutralise) {
  // A record of one empty field would be a blank line, which readers skip: quote it.
  if (fields.size() == 1 && fields[0].empty()) {
    out.append("\"\"\r\n");
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    append_csv_field(out, fields[i], neutralise);
  }
  out.append("\r\n");
}

namespace {
// Copies `s` with Thai digits turned Arabic and surrounding spaces trimmed; false if too long.
bool ascii_digits(std::string_view s, char* buf, std::size_t cap, std::size_t& len) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  len = 0;
  for (std::size_t i = b; i < e;) {
    if (len >= cap) return false;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE0 && i + 2 < e + 0 && static_cast<unsigned char>(s[i + 1]) == 0xB9) {
      const auto t = static_cast<unsigned char>(s[i + 2]);
      if (t >= 0x90 && t <= 0x99) {
        buf[len++] = static_cast<char>('0' + (t - 0x90));
        i += 3;
        continue;
      }
      return false;
    }
    if (c >= 0x80) return false;
    buf[len++] = static_cast<char>(c);
    ++i;
  }
  return true;
}
}  // namespace

bool parse_level(std::string_view s, int& out) noexcept {
  // Fast path: one ASCII digit.
  if (s.size() == 1 && s[0] >= '0' && s[0] <= '9') {
    out = s[0] - '0';
    return true;
  }
  char buf[32];
  std::size_t len;
  if (!ascii_digits(s, buf, sizeof buf, len) || len == 0) return false;
  for (std::size_t i = 0; i < len; ++i)
    if (buf[i] < '0' || buf[i] > '9') return false;
  auto [p, ec] = std::from_chars(buf, buf + len, out);
  return ec == std::errc() && p == buf + len;
}

bool parse_decimal(std::string_view s, double& out) noexcept {
  char buf[64];
  std::size_t len;
  if (!ascii_digits(s, buf, sizeof buf, len) || len == 0) return false;
  const char* b = buf;
  if (*b == '+') ++b;
  if (b == buf + len) return false;
  for (const char* q = b; q < buf + len; ++q)
    if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == '-')) return false;
  auto [p, ec] = std::from_chars(b, buf + len, out);
  return ec == std::errc() && p == buf + len;
}

}  // namespace samatthana::detail
