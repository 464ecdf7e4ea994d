#include "io/csv.hpp"

#include <algorithm>

#include <charconv>
#include <cstring>

#include "text/utf8.hpp"

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
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

bool has_control_bytes(std::string_view data) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto control = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
  };
  std::size_t k = 0;
  for (; k + 8 <= data.size(); k += 8) {
    std::uint64_t w;
    std::memcpy(&w, data.data() + k, 8);
    const std::uint64_t del = w ^ (0x7F * ones);
    if (!((((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & highs)) continue;
    for (std::size_t j = k; j < k + 8; ++j)
      if (control(data[j])) return true;
  }
  for (; k < data.size(); ++k)
    if (control(data[k])) return true;
  return false;
}

bool has_utf16_bom(std::string_view data) noexcept {
  return data.size() >= 2 &&
         ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'));
}

bool looks_utf16(std::string_view data) noexcept {
  if (has_utf16_bom(data)) return true;
  const std::string_view head = data.substr(0, 4096);
  const auto controls =
      static_cast<std::size_t>(std::count_if(head.begin(), head.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
      }));
  return head.size() >= 2 && controls * 4 >= head.size();
}

void throw_utf16(std::string_view file, std::string_view save_as) {
  Location where;
  where.file = std::string(file);
  where.line = 1;
  where.byte_offset = 0;
  // Tables (save_as "CSV UTF-8") are read through the file layer, which decodes UTF-16.
  const bool table = save_as.starts_with("CSV");
  throw EncodingError("this file is UTF-16 (Excel 'Unicode text'); save it as " +
                          std::string(save_as) +
                          " (not TIS-620: the bytes are two per character, with NUL bytes between "
                          "Latin letters)" +
                          (table ? ", or read the file with --encoding utf-16" : ""),
                      where);
}

CsvReader::CsvReader(std::string_view data, std::string file)
    : data_(data), file_(std::move(file)), origin_(origin_of(file_, data_)) {
  if (has_utf16_bom(data_)) throw_utf16(file_, "CSV UTF-8");
  // The file, the line, the column (characters from the start of the line: the bytes before
  // `offset` are valid UTF-8, so each character is one lead byte) and the byte of an encoding
  // problem at `offset`.
  const auto at = [&](std::size_t offset) {
    const std::string_view before = data_.substr(0, offset);
    const std::size_t nl = before.rfind('\n');
    const std::string_view line_start =
        nl == std::string_view::npos ? before : before.substr(nl + 1);
    Location where;
    where.file = file_;
    where.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    where.column = 1 + static_cast<std::size_t>(
                           std::count_if(line_start.begin(), line_start.end(), [](char c) {
                             return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
                           }));
    where.byte_offset = offset;
    return where;
  };
  if (const std::size_t bad = find_invalid_utf8(data_); bad != std::string_view::npos)
    throw EncodingError(
        "this file is not valid UTF-8; save it as \"CSV UTF-8\" (Excel) or convert "
        "it from TIS-620 / Windows-874 first; a CSV saved by Thai Windows Excel is read "
        "with --encoding cp874 (Python: encoding=\"cp874\")",
        at(bad));
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  // A byte-order mark anywhere else is invisible in every editor and would end up inside a
  // value (usually after two exported files were joined): an error, never silent data.
  if (const std::size_t bom = data_.find("\xEF\xBB\xBF", pos_); bom != std::string_view::npos)
    throw EncodingError(
        "a byte-order mark (U+FEFF) in the middle of the file; were two CSV files "
        "joined? Remove it and save the file again",
        at(bom));
}

Location CsvReader::where(std::size_t i, std::string_view column_name,
                          std::string_view value) const {
  Location w;
  w.file = file_;
  w.line = line();
  w.column = i + 1;
  // Shown (bounded, escaped) before any copy: a 1 GB cell costs 80 characters here.
  w.path = shown(column_name, ShownLimits::name);
  if (origin_) {
    const std::string cell = origin_->sheet + "!" + cell_name(i + 1, w.line);
    w.path = w.path.empty() ? cell : cell + " (" + w.path + ")";
  }
  w.value = shown(value.empty() && i < fields_.size() ? std::string_view(fields_[i]) : value);
  return w;
}

namespace {

/// Where a malformed field is: the file, line and field number (1-based).
Location field_at(const std::string& file, std::size_t line, std::size_t column) {
  Location w;
  w.file = file;
  w.line = line;
  w.column = column;
  return w;
}

/// Reads the quoted field that starts at d[pos] (a '"') into `f`: `pos` ends after its closing
/// quote, `line` counts the line breaks inside. `column`: the field's number, for errors.
void read_quoted(std::string_view d, std::size_t& pos, std::size_t& line, std::string& f,
                 const std::string& file, std::size_t column) {
  const std::size_t n = d.size(), open_line = line;
  ++pos;
  for (;;) {
    const void* q = pos < n ? std::memchr(d.data() + pos, '"', n - pos) : nullptr;
    if (!q)
      throw ParseError("a quoted field is never closed: a \" is missing",
                       field_at(file, open_line, column));
    const std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - d.data());
    for (std::size_t k = pos; k < qpos; ++k)
      if (d[k] == '\n') ++line;
    f.append(d.data() + pos, qpos - pos);
    pos = qpos + 1;
    if (pos < n && d[pos] == '"') {
      f.push_back('"');
      ++pos;
      continue;
    }
    break;
  }
  if (pos < n && d[pos] != ',' && d[pos] != '\n' && d[pos] != '\r') {
    Location w = field_at(file, line, column);
    w.value = shown(f);
    throw ParseError(
        "text after the closing quote of a field; write a quote inside a quoted "
        "field as \"\"",
        w);
  }
}

/// Reads the unquoted field that starts at d[pos] into `f`: `pos` ends at the ',', line end or
/// end of data after it. A quote inside is an error (at `line`, field `column`).
void read_unquoted(std::string_view d, std::size_t& pos, std::string& f, const std::string& file,
                   std::size_t line, std::size_t column) {
  const std::size_t n = d.size(), start = pos;
  while (pos < n) {
    const char c = d[pos];
    if (c == ',' || c == '\n' || c == '\r') break;
    if (c == '"') {
      Location w = field_at(file, line, column);
      std::size_t len = std::min<std::size_t>(pos - start + 1, 60);
      while (start + len < n && len > 0 &&
             (static_cast<unsigned char>(d[start + len]) & 0xC0) == 0x80)
        --len;  // never end inside a UTF-8 character
      w.value = shown(d.substr(start, len));
      throw ParseError(
          "a quote inside an unquoted field; quote the whole field and double "
          "the quote (\"\")",
          w);
    }
    ++pos;
  }
  f.assign(d.data() + start, pos - start);
}

}  // namespace

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
  for (;;) {
    // Reuse the strings of the previous record: no allocation per field once warmed up.
    if (used_ == fields_.size()) fields_.emplace_back();
    std::string& f = fields_[used_++];
    f.clear();
    if (pos_ < n && data_[pos_] == '"')
      read_quoted(data_, pos_, line_, f, file_, used_);
    else
      read_unquoted(data_, pos_, f, file_, line_, used_);
    if (pos_ >= n) {
      fields_.resize(used_);
      return true;
    }
    if (data_[pos_] == ',') {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF or lone CR.
    if (data_[pos_] == '\r') ++pos_;
    if (pos_ < n && data_[pos_] == '\n') ++pos_;
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

}  // namespace samatthana::detail
