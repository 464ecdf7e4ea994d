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

const char* converter_name(Encoding e, bool big_endian) {
  if (e == Encoding::cp874) return "windows-874-2000";
  return big_endian ? "UTF-16BE" : "UTF-16LE";
}

}  // namespace

/// UTF-16 or cp874 bytes, fed block by block, decoded to UTF-8 through the ICU converter; errors
/// are located in the file (line, column in characters, byte offset) wherever the blocks end.
class ByteDecoder {
 public:
  ByteDecoder(Encoding e, bool big_endian, std::string_view file, std::size_t begin)
      : cv_(nullptr, ucnv_close), enc_(e), file_(file), offset_(begin), begin_(begin) {
    UErrorCode st = U_ZERO_ERROR;
    cv_.reset(ucnv_open(converter_name(e, big_endian), &st));
    if (U_FAILURE(st))
      throw Error(std::string("the ICU converter ") + converter_name(e, big_endian) +
                  " is missing");
    ucnv_setToUCallBack(cv_.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  }

  /// Appends the UTF-8 of `block` (the file's next bytes) to `out`; `last` at the file's end.
  void feed(std::string_view block, bool last, std::string& out) {
    const char* src = block.data();
    const char* const end = block.data() + block.size();
    std::array<UChar, 8192> buf{};
    for (;;) {
      UChar* t = buf.data();
      UErrorCode st = U_ZERO_ERROR;
      ucnv_toUnicode(cv_.get(), &t, buf.data() + buf.size(), &src, end, nullptr, last, &st);
      const std::size_t n = static_cast<std::size_t>(t - buf.data());
      for (std::size_t k = 0; k < n; ++k) put(buf[k], block, out);
      if (st == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(st)) {
        std::array<char, 32> bad{};
        int8_t len = static_cast<int8_t>(bad.size());
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv_.get(), bad.data(), &len, &e2);
        const std::size_t shown_len = U_SUCCESS(e2) && len > 0 ? static_cast<std::size_t>(len) : 0;
        bad_bytes(next_byte(), std::string_view(bad.data(), shown_len), st);
      }
      break;
    }
    offset_ += block.size();
  }

 private:
  /// The file offset of the next code unit: every UTF-16 code unit is two bytes of the file,
  /// every Windows-874 character one, whatever blocks they came in.
  [[nodiscard]] std::size_t next_byte() const noexcept {
    return begin_ + units_ * (enc_ == Encoding::utf16 ? 2 : 1);
  }

  /// One UTF-16 code unit of the text.
  void put(char32_t u, std::string_view block, std::string& out) {
    const std::size_t at = next_byte();
    ++units_;
    if (u >= 0xD800 && u <= 0xDBFF) {
      lead_ = u;
      ++column_;
      return;
    }
    if (u >= 0xDC00 && u <= 0xDFFF && lead_) {
      append_utf8(out, 0x10000 + ((lead_ - 0xD800) << 10) + (u - 0xDC00));
      lead_ = 0;
      return;
    }
    if (enc_ == Encoding::cp874 && ((u >= 0x80 && u <= 0x9F) || (u >= 0xE000 && u <= 0xF8FF))) {
      // ICU's windows-874 table (Microsoft's) gives the bytes Windows-874 leaves undefined
      // (0x81, 0xDB..0xDE, 0xFC..0xFF, ...) as C1 controls or private-use characters: no text.
      const std::size_t i = at >= offset_ && at - offset_ < block.size() ? at - offset_ : 0;
      bad_bytes(at, block.substr(i, 1), U_INVALID_CHAR_FOUND);
    }
    if (u == 0xFEFF)
      throw EncodingError(
          "a byte-order mark (U+FEFF) in the middle of the file; were two files joined? "
          "Remove it and save the file again",
          located(file_, line_, column_, at, {}));
    append_utf8(out, u);
    if (u == '\n')
      ++line_, column_ = 1;
    else if (u < 0xDC00 || u > 0xDFFF)
      ++column_;  // a trail surrogate ends the character its lead began
  }

  [[noreturn]] void bad_bytes(std::size_t at, std::string_view bytes, UErrorCode st) const {
    const Location w = located(file_, line_, column_, at, bytes);
    if (enc_ == Encoding::cp874) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X",
                    bytes.empty() ? 0u : static_cast<unsigned char>(bytes[0]));
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

  std::unique_ptr<UConverter, void (*)(UConverter*)> cv_;
  Encoding enc_;
  std::string file_;
  std::size_t offset_;     ///< file offset of the next block's first byte
  std::size_t begin_;      ///< file offset of the text's first byte (after a byte-order mark)
  std::size_t units_ = 0;  ///< code units decoded so far
  std::size_t line_ = 1, column_ = 1;
  char32_t lead_ = 0;  ///< a lead surrogate waiting for its trail
};

/// Tab-separated text (Excel "Unicode text" and "Text (tab delimited)"), fed piece by piece:
/// fields quoted by Excel when they hold a tab, a quote or a line break. Gives the same records
/// comma-separated, each on the lines it had; a record is converted once it is whole.
class TsvToCsv {
 public:
  explicit TsvToCsv(std::string_view file) : file_(file) {}
  void feed(std::string_view text, bool last, std::string& out) {
    pending_.append(text);
    const std::size_t used = convert(pending_, last, out);
    pending_.erase(0, used);
  }

 private:
  [[noreturn]] void fail(const char* what, std::size_t line, std::size_t column,
                         const std::string* value) const {
    Location w;
    w.file = file_;
    w.line = line;
    w.column = column;
    if (value) w.value = shown(*value);
    throw ParseError(what, w);
  }

  /// Converts the whole records of `in` to `out`; returns the bytes used (all when `last`).
  std::size_t convert(std::string_view in, bool last, std::string& out) {
    std::string field;
    std::size_t i = 0, column = 1;
    const std::size_t n = in.size();
    std::size_t mark_i = 0, mark_out = out.size(), mark_line = line_;
    const auto more = [&] {  // the record goes on in the next piece
      out.resize(mark_out);
      line_ = mark_line;
      return mark_i;
    };
    while (i < n) {
      field.clear();
      const std::size_t field_line = line_;
      if (in[i] == '"') {
        ++i;
        for (;;) {
          const std::size_t q = in.find('"', i);
          if (q == std::string_view::npos) {
            if (!last) return more();
            fail("a quoted field is never closed: a \" is missing", field_line, column, nullptr);
          }
          line_ += static_cast<std::size_t>(std::count(in.begin() + static_cast<std::ptrdiff_t>(i),
                                                       in.begin() + static_cast<std::ptrdiff_t>(q),
                                                       '\n'));
          field.append(in.substr(i, q - i));
          i = q + 1;
          if (i >= n && !last) return more();
          if (i < n && in[i] == '"') {
            field.push_back('"');
            ++i;
            continue;
          }
          break;
        }
        if (i < n && in[i] != '\t' && in[i] != '\n' && in[i] != '\r')
          fail(
              "text after the closing quote of a field; write a quote inside a quoted field as "
              "\"\"",
              line_, column, &field);
      } else {
        const std::size_t e = in.find_first_of("\t\n\r", i);
        if (e == std::string_view::npos && !last) return more();
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
      if (in[i] == '\r') {
        if (i + 1 >= n && !last) return more();
        out.push_back(in[i++]);
      }
      if (i < n && in[i] == '\n') {
        out.push_back(in[i++]);
        ++line_;
      }
      column = 1;
      mark_i = i, mark_out = out.size(), mark_line = line_;
    }
    return last ? n : more();
  }

  std::string file_;
  std::size_t line_ = 1;
  std::string pending_;
};

namespace {

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

namespace {

[[noreturn]] void refuse(std::string_view file, const std::string& message) {
  Location start;
  start.file = std::string(file);
  start.line = 1;
  start.byte_offset = 0;
  throw EncodingError(message, start);
}

[[noreturn]] void refuse_utf8(std::string_view file) {
  refuse(file,
         "this file is valid UTF-8 with Thai (or other) letters in it: it is UTF-8, not cp874 "
         "(read as cp874 every Thai letter would become three wrong ones); read it with "
         "--encoding utf-8 (or auto)");
}

}  // namespace

std::unique_ptr<TableDecoder> TableDecoder::make(std::string_view head, Encoding encoding,
                                                 std::string_view file) {
  const bool bom8 = starts_with(head, "\xEF\xBB\xBF");
  const bool le = starts_with(head, "\xFF\xFE"), be = starts_with(head, "\xFE\xFF");
  Encoding e = encoding;
  if (e == Encoding::automatic) e = le || be ? Encoding::utf16 : Encoding::utf8;
  if (e == Encoding::utf8) return nullptr;  // CsvReader checks UTF-8 (and names UTF-16)
  if (bom8)
    refuse(
        file,
        "this file starts with a UTF-8 byte-order mark: it is UTF-8 (Excel \"CSV UTF-8\"), not " +
            std::string(to_string(e)) + "; read it with --encoding utf-8 (or auto)");
  if (e == Encoding::cp874 && (le || be))
    refuse(file,
           "this file starts with a UTF-16 byte-order mark: it is UTF-16 (Excel \"Unicode text\"), "
           "not cp874; read it with --encoding utf-16 (or auto)");
  auto d = std::unique_ptr<TableDecoder>(new TableDecoder());
  d->encoding_ = e;
  d->file_ = std::string(file);
  d->skip_ = e == Encoding::utf16 && (le || be) ? 2 : 0;
  d->bytes_ = std::make_unique<ByteDecoder>(e, be, file, d->skip_);
  d->described_ = le                     ? "UTF-16 LE (byte-order mark)"
                  : be                   ? "UTF-16 BE (byte-order mark)"
                  : e == Encoding::utf16 ? "UTF-16 LE (--encoding utf-16, no byte-order mark)"
                                         : "cp874 (Windows-874, --encoding cp874)";
  return d;
}

TableDecoder::TableDecoder() = default;
TableDecoder::~TableDecoder() = default;

void TableDecoder::decode(std::string_view block, bool last) {
  if (skip_) {  // the byte-order mark
    const std::size_t k = std::min(skip_, block.size());
    block.remove_prefix(k);
    skip_ -= k;
  }
  text_.clear();
  bytes_->feed(block, last, text_);
}

void TableDecoder::convert(bool last, std::string& out) {
  if (!decided_) {
    head_ += text_;
    text_.clear();
    if (head_.find('\n') == std::string::npos && !last) return;
    decided_ = true;
    if (tab_separated(head_)) tsv_ = std::make_unique<TsvToCsv>(file_);
    text_.swap(head_);
  }
  if (tsv_)
    tsv_->feed(text_, last, out);
  else
    out += text_;
}

void TableDecoder::feed(std::string_view block, bool last, std::string& out) {
  decode(block, last);
  convert(last, out);
}

void TableDecoder::check(std::string_view block, bool last) {
  if (encoding_ == Encoding::cp874 && utf8_) {  // all of the file valid UTF-8 so far?
    any_high_ = any_high_ || std::any_of(block.begin(), block.end(), [](char c) {
                  return static_cast<unsigned char>(c) >= 0x80;
                });
    std::string joined;
    std::string_view s = block;
    if (!carry_.empty()) s = joined = carry_ + std::string(block);
    const std::size_t p = find_invalid_utf8(s);
    carry_.clear();
    if (p != std::string_view::npos) {
      if (!last && s.size() - p < 4)
        carry_ = std::string(s.substr(p));  // a character cut by the block's end, perhaps
      else
        utf8_ = false;
    }
  }
  // As for the whole file: every byte decoded before the text is cut into fields, so a byte
  // error anywhere comes before a quoting error; the text itself is not kept.
  if (!bad_bytes_) {
    try {
      decode(block, last);
    } catch (const Error&) {
      bad_bytes_ = std::current_exception();
    }
  }
  if (!bad_bytes_ && !bad_text_) {
    try {
      std::string scratch;
      convert(last, scratch);
    } catch (const Error&) {
      bad_text_ = std::current_exception();
    }
  }
  if (!last) return;
  if (encoding_ == Encoding::cp874 && utf8_ && carry_.empty() && any_high_) refuse_utf8(file_);
  if (bad_bytes_) std::rethrow_exception(bad_bytes_);
  if (bad_text_) std::rethrow_exception(bad_text_);
}

bool decode_table_text(std::string_view bytes, Encoding encoding, std::string_view file,
                       std::string& out) {
  std::unique_ptr<TableDecoder> d = TableDecoder::make(bytes, encoding, file);
  if (!d) return false;
  if (d->encoding() == Encoding::cp874 && find_invalid_utf8(bytes) == std::string_view::npos &&
      std::any_of(bytes.begin(), bytes.end(),
                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    refuse_utf8(file);
  out.clear();
  out.reserve(bytes.size() * (d->encoding() == Encoding::cp874 ? 3 : 2) / 2 + 32);
  d->feed(bytes, true, out);
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
    if (options.on_decoded)
      options.on_decoded(file, "sheet " + origin->sheet + " of an .xlsx workbook");
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
