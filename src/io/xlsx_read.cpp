// Reading one sheet of an .xlsx workbook as CSV text (docs/formats.md): the zip through minizip
// from memory, the XML parts through expat (streamed, never a DOM). Shared strings, inline
// strings, numbers (as Excel shows them, 15 significant digits), booleans and saved formula
// values are read; dates, percentages, error values and formulas without a saved value are
// located errors naming the sheet and the cell, as is every sign of a damaged workbook.
#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <unordered_map>

#include "io/csv.hpp"
#include "io/formats.hpp"
#include "samatthana/error.hpp"

namespace samatthana::detail {
namespace {

constexpr std::size_t kMaxRow = 1048576, kMaxColumn = 16384;  // Excel's limits (XFD1048576)
constexpr std::uint64_t kMaxPart = std::uint64_t{1} << 30;    // 1 GiB of XML per part

// ---- the zip, from memory -----------------------------------------------------------------

struct MemFile {
  std::string_view data;
  std::uint64_t pos = 0;
};
voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<MemFile*>(stream);
  const std::uint64_t left = m->pos < m->data.size() ? m->data.size() - m->pos : 0;
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, left));
  if (n) std::memcpy(buf, m->data.data() + m->pos, n);
  m->pos += n;
  return n;
}
uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<MemFile*>(stream)->pos; }
long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<MemFile*>(stream);
  const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                             : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                                                                : m->data.size();
  if (offset > m->data.size() || base + offset > m->data.size()) return -1;
  m->pos = base + offset;
  return 0;
}
int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

class Zip {
 public:
  Zip(std::string_view bytes, std::string_view file) : mem_{bytes, 0}, file_(file) {
    zlib_filefunc64_def f{mem_open, mem_read,  mem_write, mem_tell,
                          mem_seek, mem_close, mem_error, &mem_};
    zip_ = unzOpen2_64("workbook", &f);
    if (!zip_)
      damaged(
          "not a readable zip archive (an .xlsx file is one); the file is damaged or cut short");
  }
  ~Zip() {
    if (zip_) unzClose(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  [[nodiscard]] bool has(const std::string& name) {
    return unzLocateFile(zip_, name.c_str(), 1) == UNZ_OK;
  }
  /// Streams the part `name` to `sink` in pieces; false when there is no such part.
  bool read(const std::string& name, const std::function<void(std::string_view, bool)>& sink) {
    if (!has(name)) return false;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) damaged("the part " + name + " cannot be opened");
    std::vector<char> buf(1 << 16);
    std::uint64_t total = 0;
    for (;;) {
      const int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        damaged("the part " + name + " is damaged (it does not decompress)");
      }
      total += static_cast<std::uint64_t>(n);
      if (total > kMaxPart) {
        unzCloseCurrentFile(zip_);
        damaged("the part " + name + " is larger than 1 GiB");
      }
      sink(std::string_view(buf.data(), static_cast<std::size_t>(n)), n == 0);
      if (n == 0) break;
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK)
      damaged("the part " + name + " is damaged (its checksum is wrong)");
    return true;
  }
  [[noreturn]] void damaged(const std::string& what) const {
    Location w;
    w.file = std::string(file_);
    throw ParseError("not a readable Excel workbook: " + what, w);
  }

 private:
  MemFile mem_;
  std::string_view file_;
  unzFile zip_ = nullptr;
};

// ---- XML through expat ----------------------------------------------------------------------

std::string_view local_name(const XML_Char* name) {
  const std::string_view s(name);
  const auto bar = s.rfind('|');
  return bar == std::string_view::npos ? s : s.substr(bar + 1);
}
const char* attr(const XML_Char** atts, std::string_view local) {
  for (; *atts; atts += 2)
    if (local_name(atts[0]) == local) return atts[1];
  return nullptr;
}

/// A handler of one part: start/end/text callbacks; an error is recorded (expat is C: nothing
/// may be thrown through it) and the parser stopped.
struct Handler {
  XML_Parser parser = nullptr;
  std::exception_ptr error;
  virtual ~Handler() = default;
  virtual void start(std::string_view name, const XML_Char** atts) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  template <class E>
  void fail(E e) {
    if (!error) error = std::make_exception_ptr(std::move(e));
    XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL on_start(void* u, const XML_Char* name, const XML_Char** atts) {
  auto* h = static_cast<Handler*>(u);
  try {
    h->start(local_name(name), atts);
  } catch (...) {
    if (!h->error) h->error = std::current_exception();
    XML_StopParser(h->parser, XML_FALSE);
  }
}
void XMLCALL on_end(void* u, const XML_Char* name) {
  auto* h = static_cast<Handler*>(u);
  try {
    h->end(local_name(name));
  } catch (...) {
    if (!h->error) h->error = std::current_exception();
    XML_StopParser(h->parser, XML_FALSE);
  }
}
void XMLCALL on_text(void* u, const XML_Char* s, int len) {
  auto* h = static_cast<Handler*>(u);
  try {
    h->text(std::string_view(s, static_cast<std::size_t>(len)));
  } catch (...) {
    if (!h->error) h->error = std::current_exception();
    XML_StopParser(h->parser, XML_FALSE);
  }
}

/// Parses the part `name` with `h`; false when the workbook has no such part.
bool parse_part(Zip& zip, const std::string& name, Handler& h) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> p(
      XML_ParserCreateNS(nullptr, '|'), XML_ParserFree);
  if (!p) throw std::bad_alloc();
  h.parser = p.get();
  XML_SetUserData(p.get(), &h);
  XML_SetElementHandler(p.get(), on_start, on_end);
  XML_SetCharacterDataHandler(p.get(), on_text);
  const bool found = zip.read(name, [&](std::string_view chunk, bool last) {
    if (h.error) return;
    if (XML_Parse(p.get(), chunk.data(), static_cast<int>(chunk.size()), last) ==
            XML_STATUS_ERROR &&
        !h.error)
      zip.damaged("the part " + name + " is not well-formed XML (line " +
                  std::to_string(XML_GetCurrentLineNumber(p.get())) + ": " +
                  XML_ErrorString(XML_GetErrorCode(p.get())) + ")");
  });
  if (h.error) std::rethrow_exception(h.error);
  return found;
}

/// Excel's escapes of characters XML cannot hold: _xHHHH_ (and _x005F_ for a literal _).
std::string unescape_xstring(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned v = 0;
    if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, v, 16).ptr == s.data() + i + 6 &&
        (v < 0xD800 || v > 0xDFFF)) {
      char32_t cp = v;
      std::string enc;
      if (cp < 0x80)
        enc.push_back(static_cast<char>(cp));
      else if (cp < 0x800)
        enc = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
      else
        enc = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
               static_cast<char>(0x80 | (cp & 0x3F))};
      out += enc;
      i += 7;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

// ---- workbook.xml, its relationships, shared strings, styles ----------------------------------

struct SheetEntry {
  std::string name, rid;
};
struct WorkbookHandler : Handler {
  std::vector<SheetEntry> sheets;
  void start(std::string_view n, const XML_Char** atts) override {
    if (n != "sheet") return;
    const char* name = attr(atts, "name");
    const char* rid = attr(atts, "id");
    sheets.push_back({name ? name : "", rid ? rid : ""});
  }
  void end(std::string_view) override {}
};

struct RelsHandler : Handler {
  std::unordered_map<std::string, std::string> target;  // Id -> Target
  std::string shared_strings, styles;
  void start(std::string_view n, const XML_Char** atts) override {
    if (n != "Relationship") return;
    const char* id = attr(atts, "Id");
    const char* t = attr(atts, "Target");
    const char* type = attr(atts, "Type");
    if (!id || !t) return;
    target[id] = t;
    const std::string_view ty = type ? type : "";
    if (ty.ends_with("/sharedStrings")) shared_strings = t;
    if (ty.ends_with("/styles")) styles = t;
  }
  void end(std::string_view) override {}
};

/// The part a relationship target names, from xl/.
std::string part_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

struct SharedStringsHandler : Handler {
  std::vector<std::string> strings;
  std::string cur;
  int depth_si = 0, depth_rph = 0;
  bool in_t = false;
  void start(std::string_view n, const XML_Char**) override {
    if (n == "si")
      ++depth_si, cur.clear();
    else if (n == "rPh")
      ++depth_rph;
    else if (n == "t" && depth_si && !depth_rph)
      in_t = true;
  }
  void end(std::string_view n) override {
    if (n == "si" && depth_si) {
      --depth_si;
      strings.push_back(unescape_xstring(std::move(cur)));
      cur.clear();
    } else if (n == "rPh" && depth_rph) {
      --depth_rph;
    } else if (n == "t") {
      in_t = false;
    }
  }
  void text(std::string_view s) override {
    if (in_t) cur.append(s);
  }
};

enum class NumberKind : std::uint8_t { plain, date, percent };

/// A custom number format shows a date or a time: d, m, y, h, s or b (Buddhist year) outside
/// quoted text, [...] sections and escapes.
NumberKind kind_of_format(std::string_view code) {
  std::string lower;
  for (char c : code) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (lower == "general" || lower == "@") return NumberKind::plain;
  bool percent = false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '"') {
      const auto q = lower.find('"', i + 1);
      if (q == std::string::npos) break;
      i = q;
    } else if (c == '[') {
      const auto q = lower.find(']', i + 1);
      if (q == std::string::npos) break;
      const std::string_view inside = std::string_view(lower).substr(i + 1, q - i - 1);
      if (inside == "h" || inside == "hh" || inside == "m" || inside == "mm" || inside == "s" ||
          inside == "ss")
        return NumberKind::date;  // elapsed time
      i = q;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's' || c == 'b') {
      return NumberKind::date;
    } else if (c == '%') {
      percent = true;
    }
  }
  return percent ? NumberKind::percent : NumberKind::plain;
}

NumberKind kind_of_builtin(unsigned id) {
  if (id == 9 || id == 10) return NumberKind::percent;
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
    return NumberKind::date;
  return NumberKind::plain;
}

struct StylesHandler : Handler {
  std::unordered_map<unsigned, std::pair<NumberKind, std::string>>
      custom;                                          // numFmtId -> kind, code
  std::vector<std::pair<NumberKind, std::string>> xf;  // cellXfs in order
  int in_cell_xfs = 0;
  static unsigned number(const char* s) {
    unsigned v = 0;
    if (s) std::from_chars(s, s + std::strlen(s), v);
    return v;
  }
  void start(std::string_view n, const XML_Char** atts) override {
    if (n == "numFmt") {
      const char* code = attr(atts, "formatCode");
      custom[number(attr(atts, "numFmtId"))] = {kind_of_format(code ? code : ""), code ? code : ""};
    } else if (n == "cellXfs") {
      ++in_cell_xfs;
    } else if (n == "xf" && in_cell_xfs) {
      const unsigned id = number(attr(atts, "numFmtId"));
      const auto it = custom.find(id);
      xf.push_back(it != custom.end()
                       ? it->second
                       : std::pair{kind_of_builtin(id), "built-in format " + std::to_string(id)});
    }
  }
  void end(std::string_view n) override {
    if (n == "cellXfs" && in_cell_xfs) --in_cell_xfs;
  }
};

// ---- the sheet ------------------------------------------------------------------------------

/// Column and row of a reference like "C7"; false when it is not one within Excel's limits.
bool parse_ref(std::string_view r, std::size_t& column, std::size_t& row) {
  std::size_t i = 0;
  column = 0;
  while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z' && i < 3)
    column = column * 26 + static_cast<std::size_t>(r[i++] - 'A' + 1);
  if (i == 0 || column > kMaxColumn || i == r.size()) return false;
  const auto [p, ec] = std::from_chars(r.data() + i, r.data() + r.size(), row);
  return ec == std::errc() && p == r.data() + r.size() && row >= 1 && row <= kMaxRow;
}

std::string quoted_sheet(std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          static_cast<unsigned char>(c) >= 0x80))
      plain = false;
  if (plain) return std::string(name);
  std::string q = "'";
  for (const char c : name) {
    if (c == '\'') q.push_back('\'');
    q.push_back(c);
  }
  return q + "'";
}

/// A number as Excel shows it in a General cell: 15 significant digits, integers without a point.
std::string excel_number(std::string_view v, bool& ok) {
  // Fast path: a whole number as Excel writes it (no leading zero, at most 15 digits) is shown as
  // is.
  const std::string_view digits = v.substr(!v.empty() && v[0] == '-' ? 1 : 0);
  if (!digits.empty() && digits.size() <= 15 && (digits[0] != '0' || digits.size() == 1) &&
      v != "-0" &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    ok = true;
    return std::string(v);
  }
  double x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  ok = ec == std::errc() && p == v.data() + v.size() && std::isfinite(x);
  if (!ok) return {};
  char buf[64];
  if (x == std::trunc(x) && std::fabs(x) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", x == 0 ? 0.0 : x);
  else
    std::snprintf(buf, sizeof buf, "%.15g", x);
  return buf;
}

struct SheetHandler : Handler {
  // inputs
  const std::vector<std::string>* shared = nullptr;
  const StylesHandler* styles = nullptr;
  std::string file, sheet;  // sheet as quoted in references
  TableOrigin* origin = nullptr;
  // output
  std::string out;
  // state
  std::size_t row = 0, col = 0, header_width = 0, line = 1, offset = 0, recorded_offset = 0;
  bool in_row = false, in_c = false, in_v = false, in_is = false, in_t = false, has_f = false;
  int depth_rph = 0;
  std::string type, value, inline_text;
  unsigned style = 0;
  std::vector<std::pair<std::size_t, std::string>> cells;  // this row's non-empty cells

  Location where() const {
    Location w;
    w.file = file;
    w.line = row;
    w.column = col;
    w.path = sheet + "!" + cell_name(col, row);
    return w;
  }
  void start(std::string_view n, const XML_Char** atts) override {
    if (n == "row") {
      const char* r = attr(atts, "r");
      std::size_t next = row + 1;
      if (r && (std::from_chars(r, r + std::strlen(r), next).ec != std::errc() || next < 1 ||
                next > kMaxRow))
        return fail(ParseError(
            "not a readable Excel workbook: a row number '" + shown(r) + "' Excel does not have",
            where()));
      if (next <= row)
        return fail(ParseError("not a readable Excel workbook: row " + std::to_string(next) +
                                   " comes after row " + std::to_string(row),
                               where()));
      row = next;
      col = 0;
      in_row = true;
      cells.clear();
    } else if (n == "c" && in_row) {
      const char* r = attr(atts, "r");
      std::size_t c = col + 1, rr = row;
      if (r && !parse_ref(r, c, rr))
        return fail(ParseError("not a readable Excel workbook: a cell reference '" + shown(r) +
                                   "' Excel does not have",
                               where()));
      if (rr != row || c <= col)
        return fail(ParseError("not a readable Excel workbook: cell " + shown(r ? r : "") +
                                   " is out of place in row " + std::to_string(row),
                               where()));
      col = c;
      const char* t = attr(atts, "t");
      type = t ? t : "n";
      const char* s = attr(atts, "s");
      style = s ? StylesHandler::number(s) : 0;
      in_c = true;
      has_f = false;
      value.clear();
      inline_text.clear();
    } else if (in_c && n == "v") {
      in_v = true;
    } else if (in_c && n == "f") {
      has_f = true;
    } else if (in_c && n == "is") {
      in_is = true;
    } else if (in_is && n == "rPh") {
      ++depth_rph;
    } else if (in_is && n == "t" && !depth_rph) {
      in_t = true;
    }
  }
  void text(std::string_view s) override {
    if (in_v)
      value.append(s);
    else if (in_t)
      inline_text.append(s);
  }
  void end(std::string_view n) override {
    if (n == "v")
      in_v = false;
    else if (n == "t")
      in_t = false;
    else if (n == "rPh" && depth_rph)
      --depth_rph;
    else if (n == "is")
      in_is = false;
    else if (n == "c" && in_c) {
      in_c = false;
      std::string v = cell_value();
      if (!error && !v.empty()) cells.emplace_back(col, std::move(v));
    } else if (n == "row" && in_row) {
      in_row = false;
      emit_row();
    }
  }
  std::string cell_value();
  void emit_row();
};

std::string SheetHandler::cell_value() {
  if (type == "s") {
    std::size_t i = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), i);
    if (ec != std::errc() || p != value.data() + value.size() || i >= shared->size()) {
      fail(ParseError("not a readable Excel workbook: the cell names shared string " +
                          shown(value) + ", which the workbook does not have",
                      where()));
      return {};
    }
    return (*shared)[i];
  }
  if (type == "inlineStr") return unescape_xstring(std::move(inline_text));
  if (type == "str") return unescape_xstring(std::move(value));
  if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
  if (type == "e") {
    fail(ValidationError("the cell holds the error value " + shown(value) +
                             "; correct its formula or clear the cell",
                         where()));
    return {};
  }
  if (type == "d") {
    fail(ValidationError("the cell holds a date (" + shown(value) +
                             "); ratings, evidence and results hold ids, "
                             "names, levels and numbers: format the cell as Text or General",
                         where()));
    return {};
  }
  if (value.empty()) {
    if (has_f)
      fail(ValidationError(
          "the cell has a formula but no saved value (the file was written by a program that does "
          "not calculate); open it in Excel or LibreOffice and save it again",
          where()));
    return {};
  }
  const auto kind = style < styles->xf.size() ? styles->xf[style].first : NumberKind::plain;
  if (kind == NumberKind::date) {
    fail(ValidationError(
        "the cell is formatted as a date or time (" + shown(styles->xf[style].second) +
            "); ratings, evidence and results hold ids, names, levels and numbers: format the "
            "cell as Text or General",
        where()));
    return {};
  }
  if (kind == NumberKind::percent) {
    fail(ValidationError(
        "the cell is formatted as a percentage (its value is " + shown(value) +
            "); results are numbers from 0 to 100: format the cell as General and type 85, not 85%",
        where()));
    return {};
  }
  bool ok = false;
  std::string num = excel_number(value, ok);
  if (!ok)
    fail(ParseError("not a readable Excel workbook: the number cell holds '" + shown(value) + "'",
                    where()));
  return num;
}

void SheetHandler::emit_row() {
  if (error || cells.empty()) return;  // an empty row is a blank line: the readers skip it
  if (!header_width) header_width = cells.back().first;
  // Row `row` on line row + offset (offset: line breaks inside cells above).
  while (line < row + offset) {
    out += "\r\n";
    ++line;
  }
  if (line != row + offset) offset = line - row;
  if (offset != recorded_offset) {
    origin->shifted.emplace_back(line, row);
    recorded_offset = offset;
  }
  const std::size_t width = std::max(header_width, cells.back().first);
  std::size_t k = 0;
  for (std::size_t c = 1; c <= width; ++c) {
    if (c > 1) out.push_back(',');
    if (k < cells.size() && cells[k].first == c) {
      append_csv_field(out, cells[k].second, false);
      line += static_cast<std::size_t>(
          std::count(cells[k].second.begin(), cells[k].second.end(), '\n'));
      ++k;
    }
  }
  out += "\r\n";
  ++line;
}

}  // namespace

std::string xlsx_sheet_csv(std::string_view bytes, std::string_view sheet, std::string_view file,
                           TableOrigin& origin) {
  Zip zip(bytes, file);
  WorkbookHandler wb;
  if (!parse_part(zip, "xl/workbook.xml", wb))
    zip.damaged(
        "it has no xl/workbook.xml (is it an OpenDocument .ods or a Word file? save it from Excel "
        "as .xlsx)");
  RelsHandler rels;
  parse_part(zip, "xl/_rels/workbook.xml.rels", rels);
  const SheetEntry* chosen = nullptr;
  std::string names;
  for (const auto& s : wb.sheets) {
    names += (names.empty() ? "" : ", ") + s.name;
    if (!chosen && (sheet.empty() || s.name == sheet)) chosen = &s;
  }
  Location w;
  w.file = std::string(file);
  if (!chosen && sheet.empty()) zip.damaged("it has no sheet");
  if (!chosen)
    throw LookupError(
        "no sheet named '" + shown(sheet) + "' in this workbook (its sheets: " + names + ")", w);
  const auto target = rels.target.find(chosen->rid);
  if (target == rels.target.end()) zip.damaged("the sheet '" + chosen->name + "' has no part");
  SharedStringsHandler strings;
  parse_part(zip,
             part_path(rels.shared_strings.empty() ? "sharedStrings.xml" : rels.shared_strings),
             strings);
  StylesHandler styles;
  parse_part(zip, part_path(rels.styles.empty() ? "styles.xml" : rels.styles), styles);
  SheetHandler h;
  h.shared = &strings.strings;
  h.styles = &styles;
  h.file = std::string(file);
  h.sheet = quoted_sheet(chosen->name);
  h.origin = &origin;
  origin.sheet = h.sheet;
  if (!parse_part(zip, part_path(target->second), h))
    zip.damaged("the part of sheet '" + chosen->name + "' (" + part_path(target->second) +
                ") is missing");
  return std::move(h.out);
}

}  // namespace samatthana::detail
