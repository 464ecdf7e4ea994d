// Table files in other encodings (docs/formats.md): UTF-16 and Windows-874 CSV decoded through
// ICU converters (no hand-written tables), tab-separated text made comma-separated, the read
// options of the calling thread, and read_table_file.
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/formats.hpp"
#include "samatthana/error.hpp"

namespace samatthana {

namespace {
thread_local ReadOptions g_options;  // NOLINT: per-thread settings, see ScopedReadOptions

std::string lower_ascii(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}
}  // namespace

std::optional<Encoding> encoding_from_string(std::string_view s) {
  const std::string k = lower_ascii(s);
  if (k == "auto") return Encoding::automatic;
  if (k == "utf-8" || k == "utf8") return Encoding::utf8;
  if (k == "utf-16" || k == "utf16") return Encoding::utf16;
  if (k == "cp874" || k == "windows-874" || k == "tis-620" || k == "tis620") return Encoding::cp874;
  return std::nullopt;
}

std::string_view to_string(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf16:
      return "utf-16";
    case Encoding::cp874:
      return "cp874";
    case Encoding::automatic:
      break;
  }
  return "auto";
}

const ReadOptions& current_read_options() noexcept { return g_options; }

ScopedReadOptions::ScopedReadOptions(ReadOptions options) : previous_(std::move(g_options)) {
  g_options = std::move(options);
}
ScopedReadOptions::~ScopedReadOptions() { g_options = std::move(previous_); }

namespace detail {
namespace {

struct OriginEntry {
  std::string file;
  const char* data = nullptr;
  std::size_t size = 0;
  std::shared_ptr<const TableOrigin> origin;
};
thread_local OriginEntry g_origin;  // NOLINT: the last table file read on this thread

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Location located(std::string_view file, std::size_t line, std::size_t column, std::size_t offset,
                 std::string_view bytes) {
  Location w;
  w.file = std::string(file);
  w.line = line;
  w.column = column;
  w.byte_offset = offset;
  w.value = shown(bytes);
  return w;
}

/// Line and column (characters) of byte `at` in text of `unit`-byte code units from `begin`.
void position_of(std::string_view bytes, std::size_t begin, std::size_t at, bool utf16,
                 bool big_endian, std::size_t& line, std::size_t& column) {
  line = 1;
  column = 1;
  if (!utf16) {
    for (std::size_t i = begin; i < at; ++i) {
      if (bytes[i] == '\n')
        ++line, column = 1;
      else
        ++column;
    }
    return;
  }
  for (std::size_t i = begin; i < at && i + 1 < bytes.size(); i += 2) {
    const auto b0 = static_cast<unsigned char>(bytes[i]),
               b1 = static_cast<unsigned char>(bytes[i + 1]);
    const unsigned u = big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0);
    if (u == '\n')
      ++line, column = 1;
    else if (u < 0xDC00 || u > 0xDFFF)
      ++column;  // a trail surrogate ends the character its lead began
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Source {
  std::string_view bytes;
  std::size_t begin = 0;  ///< after the byte-order mark
  Encoding encoding = Encoding::cp874;
  bool big_endian = false;
  std::string_view file;
};

const char* converter_name(const Source& s) {
  if (s.encoding == Encoding::cp874) return "windows-874-2000";
  return s.big_endian ? "UTF-16BE" : "UTF-16LE";
}

[[noreturn]] void bad_bytes(const Source& s, std::size_t at, std::size_t len, UErrorCode st) {
  std::size_t line = 0, column = 0;
  const bool utf16 = s.encoding == Encoding::utf16;
  position_of(s.bytes, s.begin, at, utf16, s.big_endian, line, column);
  const Location w =
      located(s.file, line, column, at, s.bytes.substr(at, std::max<std::size_t>(len, 1)));
  if (!utf16) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(s.bytes[at]));
    throw EncodingError(
        std::string("byte ") + hex +
            " is not a character of Windows-874 (cp874, TIS-620); this file is in another "
            "encoding: try --encoding utf-8 or utf-16, or save it from Excel as "
            "\"CSV UTF-8\"",
        w);
  }
  throw EncodingError(
      st == U_TRUNCATED_CHAR_FOUND
          ? "the file ends in the middle of a UTF-16 character (an odd number of bytes, or "
            "half a surrogate pair): the file was cut short"
          : "not valid UTF-16 here (half a surrogate pair); was the file saved as "
            "\"Unicode text\" by Excel, or is it in another encoding?",
      w);
}

/// Decodes s.bytes[s.begin..] into `out` (UTF-8) through the ICU converter.
void convert(const Source& s, std::string& out) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cv = ucnv_open(converter_name(s), &st);
  if (U_FAILURE(st))
    throw Error(std::string("the ICU converter ") + converter_name(s) + " is missing");
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(cv, ucnv_close);
  ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  out.clear();
  out.reserve((s.bytes.size() - s.begin) * (s.encoding == Encoding::cp874 ? 3 : 2) / 2 + 32);
  const char* src = s.bytes.data() + s.begin;
  const char* const end = s.bytes.data() + s.bytes.size();
  std::array<UChar, 8192> buf{};
  std::array<int32_t, 8192> offsets{};
  char32_t lead = 0;  // a lead surrogate waiting for its trail across chunks
  for (;;) {
    const std::size_t call_start = static_cast<std::size_t>(src - s.bytes.data());
    UChar* t = buf.data();
    st = U_ZERO_ERROR;
    ucnv_toUnicode(cv, &t, buf.data() + buf.size(), &src, end, offsets.data(), true, &st);
    const std::size_t n = static_cast<std::size_t>(t - buf.data());
    for (std::size_t k = 0; k < n; ++k) {
      const char32_t u = buf[k];
      if (u >= 0xD800 && u <= 0xDBFF) {
        lead = u;
        continue;
      }
      if (u >= 0xDC00 && u <= 0xDFFF && lead) {
        append_utf8(out, 0x10000 + ((lead - 0xD800) << 10) + (u - 0xDC00));
        lead = 0;
        continue;
      }
      if (s.encoding == Encoding::cp874 &&
          ((u >= 0x80 && u <= 0x9F) || (u >= 0xE000 && u <= 0xF8FF))) {
        // ICU's windows-874 table (Microsoft's) gives the bytes Windows-874 leaves undefined
        // (0x81, 0xDB..0xDE, 0xFC..0xFF, ...) as C1 controls or private-use characters: no text.
        const std::size_t at =
            call_start + static_cast<std::size_t>(std::max<int32_t>(offsets[k], 0));
        bad_bytes(s, at, 1, U_INVALID_CHAR_FOUND);
      }
      if (u == 0xFEFF) {
        const std::size_t at =
            call_start + static_cast<std::size_t>(std::max<int32_t>(offsets[k], 0));
        std::size_t line = 0, column = 0;
        position_of(s.bytes, s.begin, at, s.encoding == Encoding::utf16, s.big_endian, line,
                    column);
        throw EncodingError(
            "a byte-order mark (U+FEFF) in the middle of the file; were two files joined? "
            "Remove it and save the file again",
            located(s.file, line, column, at, {}));
      }
      append_utf8(out, u);
    }
    if (st == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(st)) {
      std::array<char, 32> bad{};
      int8_t len = static_cast<int8_t>(bad.size());
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cv, bad.data(), &len, &e2);
      const std::size_t consumed = static_cast<std::size_t>(src - s.bytes.data());
      const std::size_t l = U_SUCCESS(e2) && len > 0 ? static_cast<std::size_t>(len) : 1;
      bad_bytes(s, consumed >= l ? consumed - l : 0, l, st);
    }
    break;
  }
}

/// Tab-separated text (Excel "Unicode text" and "Text (tab delimited)"): fields quoted by Excel
/// when they hold a tab, a quote or a line break. Returns the same records comma-separated, each
/// on the lines it had.
std::string tsv_to_csv(std::string_view in, std::string_view file) {
  std::string out;
  out.reserve(in.size() + in.size() / 8 + 32);
  std::string field;
  std::size_t i = 0, line = 1, column = 1;
  const std::size_t n = in.size();
  while (i < n) {
    field.clear();
    const std::size_t field_line = line;
    if (in[i] == '"') {
      ++i;
      for (;;) {
        const std::size_t q = in.find('"', i);
        if (q == std::string_view::npos) {
          Location w;
          w.file = std::string(file);
          w.line = field_line;
          w.column = column;
          throw ParseError("a quoted field is never closed: a \" is missing", w);
        }
        line +=
            static_cast<std::size_t>(std::count(in.begin() + static_cast<std::ptrdiff_t>(i),
                                                in.begin() + static_cast<std::ptrdiff_t>(q), '\n'));
        field.append(in.substr(i, q - i));
        i = q + 1;
        if (i < n && in[i] == '"') {
          field.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      if (i < n && in[i] != '\t' && in[i] != '\n' && in[i] != '\r') {
        Location w;
        w.file = std::string(file);
        w.line = line;
        w.column = column;
        w.value = shown(field);
        throw ParseError(
            "text after the closing quote of a field; write a quote inside a quoted field as \"\"",
            w);
      }
    } else {
      const std::size_t e = in.find_first_of("\t\n\r", i);
      field.assign(in.substr(i, (e == std::string_view::npos ? n : e) - i));
      i = e == std::string_view::npos ? n : e;
    }
    append_csv_field(out, field, false);
    if (i >= n) break;
    if (in[i] == '\t') {
      out.push_back(',');
      ++i;
      ++column;
      continue;
    }
    // The line break as it was (CRLF, LF or CR).
    if (in[i] == '\r') out.push_back(in[i++]);
    if (i < n && in[i] == '\n') {
      out.push_back(in[i++]);
      ++line;
    }
    column = 1;
  }
  return out;
}

/// Tab-separated: the first line has a tab and no comma.
bool tab_separated(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  return first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos;
}

}  // namespace

std::size_t TableOrigin::row_of(std::size_t line) const noexcept {
  if (shifted.empty() || line < shifted.front().first) return line;
  auto it = std::upper_bound(shifted.begin(), shifted.end(), std::make_pair(line, ~std::size_t{0}));
  --it;  // the last shifted record at or before `line`
  return it->second + (line - it->first);
}

void remember_origin(std::string_view file, std::string_view text,
                     std::shared_ptr<const TableOrigin> origin) {
  g_origin.file.assign(file);
  g_origin.data = text.data();
  g_origin.size = text.size();
  g_origin.origin = std::move(origin);
}

std::shared_ptr<const TableOrigin> origin_of(std::string_view file,
                                             std::string_view text) noexcept {
  if (!g_origin.origin || g_origin.data != text.data() || g_origin.size != text.size() ||
      g_origin.file != file)
    return nullptr;
  return g_origin.origin;
}

std::string cell_name(std::size_t column, std::size_t row) {
  std::string letters;
  for (std::size_t c = column; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

bool is_zip(std::string_view bytes) noexcept {
  return starts_with(bytes, std::string_view("PK\x03\x04", 4));
}
bool is_ole2(std::string_view bytes) noexcept {
  return starts_with(bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

bool decode_table_text(std::string_view bytes, Encoding encoding, std::string_view file,
                       std::string& out) {
  Source s{bytes, 0, encoding, false, file};
  const bool bom8 = starts_with(bytes, "\xEF\xBB\xBF");
  const bool le = starts_with(bytes, "\xFF\xFE"), be = starts_with(bytes, "\xFE\xFF");
  if (encoding == Encoding::automatic) s.encoding = le || be ? Encoding::utf16 : Encoding::utf8;
  if (s.encoding == Encoding::utf8) return false;  // CsvReader checks UTF-8 (and names UTF-16)
  Location start;
  start.file = std::string(file);
  start.line = 1;
  start.byte_offset = 0;
  if (bom8)
    throw EncodingError(
        "this file starts with a UTF-8 byte-order mark: it is UTF-8 (Excel \"CSV UTF-8\"), not " +
            std::string(to_string(s.encoding)) + "; read it with --encoding utf-8 (or auto)",
        start);
  if (s.encoding == Encoding::cp874 && (le || be))
    throw EncodingError(
        "this file starts with a UTF-16 byte-order mark: it is UTF-16 (Excel \"Unicode text\"), "
        "not cp874; read it with --encoding utf-16 (or auto)",
        start);
  if (s.encoding == Encoding::cp874 && find_invalid_utf8(bytes) == std::string_view::npos &&
      std::any_of(bytes.begin(), bytes.end(),
                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    throw EncodingError(
        "this file is valid UTF-8 with Thai (or other) letters in it: it is UTF-8, not cp874 "
        "(read as cp874 every Thai letter would become three wrong ones); read it with "
        "--encoding utf-8 (or auto)",
        start);
  if (s.encoding == Encoding::utf16) {
    s.big_endian = be;
    s.begin = le || be ? 2 : 0;
  }
  convert(s, out);
  if (tab_separated(out)) out = tsv_to_csv(out, file);
  return true;
}

std::shared_ptr<const TableOrigin> table_text(std::string_view bytes, const ReadOptions& options,
                                              std::string_view file, std::string& out,
                                              bool& converted) {
  converted = false;
  if (is_ole2(bytes)) {
    Location w;
    w.file = std::string(file);
    throw ParseError(
        "this is an old Excel workbook (.xls); save it as an Excel Workbook (.xlsx) or as "
        "\"CSV UTF-8\"",
        w);
  }
  if (is_zip(bytes)) {
    auto origin = std::make_shared<TableOrigin>();
    out = xlsx_sheet_csv(bytes, options.sheet, file, *origin);
    converted = true;
    if (options.on_decoded) options.on_decoded(file, "sheet " + origin->sheet + " of an .xlsx workbook");
    return origin;
  }
  if (!options.sheet.empty()) {
    Location w;
    w.file = std::string(file);
    throw ValidationError("a sheet was asked for (--sheet " + shown(options.sheet) +
                              "), but this file is not an .xlsx workbook",
                          w);
  }
  converted = decode_table_text(bytes, options.encoding, file, out);
  if (converted && options.on_decoded) {
    const bool le = starts_with(bytes, "\xFF\xFE"), be = starts_with(bytes, "\xFE\xFF");
    options.on_decoded(file, le   ? "UTF-16 LE (byte-order mark)"
                             : be ? "UTF-16 BE (byte-order mark)"
                             : options.encoding == Encoding::utf16
                                 ? "UTF-16 LE (--encoding utf-16, no byte-order mark)"
                                 : "cp874 (Windows-874, --encoding cp874)");
  }
  return nullptr;
}

FileBytes read_file_bytes(const std::filesystem::path& file) {
  FileBytes raw = read_raw_file_bytes(file);
  const std::string name = file.string();
  std::string text;
  bool converted = false;
  auto origin = table_text(raw.view(), current_read_options(), name, text, converted);
  if (!converted) {
    remember_origin(name, {}, nullptr);
    return raw;
  }
  FileBytes out;
  out.fallback = std::move(text);
  out.fallback.reserve(
      32);  // never in the string object itself: moving it keeps the bytes where they are
  remember_origin(name, out.fallback, std::move(origin));
  return out;
}

}  // namespace detail

std::string read_table_file(const std::filesystem::path& file, const ReadOptions& options) {
  ScopedReadOptions scope(options);
  detail::FileBytes bytes = detail::read_file_bytes(file);
  if (bytes.data) return std::string(bytes.view());
  return std::move(bytes.fallback);  // keeps the buffer remember_origin saw
}

std::string read_table_file(const std::filesystem::path& file) {
  return read_table_file(file, current_read_options());
}

}  // namespace samatthana
