// Writing .xlsx workbooks with libxlsxwriter (docs/formats.md): the scores. Text is written with
// worksheet_write_string only (a cell starting with '=' stays text), numbers as numbers.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>

#include "samatthana/error.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/spreadsheet.hpp"

namespace samatthana {
namespace {

/// Columns the text takes: code points, less Thai combining marks (above and below vowels, tones).
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    bool combining = false;
    if (len == 3 && c == 0xE0 && i + 2 < s.size()) {
      const unsigned cp = ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      combining = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
    }
    if (!combining) ++w;
    i += len;
  }
  return w;
}

/// A number as the CSV writes it with "%.2f", read back: the same value in both outputs.
double fixed2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return std::strtod(buf, nullptr);
}

/// Cell kinds of a column.
enum class Kind : std::uint8_t { text, integer, number, two_decimals };

struct Column {
  std::string header;
  Kind kind;
  std::size_t width;  ///< in characters
};

/// One workbook written to a temporary file (libxlsxwriter writes files), returned as bytes.
class Book {
 public:
  Book() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/samatthana-XXXXXX.xlsx";
    const int fd = ::mkstemps(tmpl.data(), 5);
    if (fd < 0)
      fail("cannot create a temporary file for the workbook in " + tmpl.substr(0, tmpl.rfind('/')));
    ::close(fd);
    path_ = tmpl;
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE;  // rows go straight to disk: 100 000 rows in constant memory
    wb_ = workbook_new_opt(path_.c_str(), &opt);
    if (!wb_) fail("cannot start the workbook");
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_font_name(header_, "Tahoma");
    format_set_bg_color(header_, 0xDDEBF7);
    for (auto [kind, code] :
         {std::pair{Kind::text, "@"}, std::pair{Kind::integer, "0"},
          std::pair{Kind::number, "General"}, std::pair{Kind::two_decimals, "0.00"}}) {
      lxw_format* f = workbook_add_format(wb_);
      format_set_font_name(f, "Tahoma");
      format_set_num_format(f, code);
      formats_[static_cast<std::size_t>(kind)] = f;
    }
  }
  ~Book() {
    if (wb_) workbook_close(wb_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  /// A sheet with `columns` (header row frozen), then `rows` rows written by `row(i, put)`.
  void sheet(
      const char* name, const std::vector<Column>& columns, std::size_t rows,
      const std::function<void(std::size_t, const std::function<void(std::size_t, double)>&,
                               const std::function<void(std::size_t, std::string_view)>&)>& row) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
    if (!ws) fail("cannot add the sheet");
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double width = static_cast<double>(std::min<std::size_t>(columns[c].width, 60)) + 2;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           formats_[static_cast<std::size_t>(columns[c].kind)]);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t c = 0; c < columns.size(); ++c)
      check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].header.c_str(),
                                   header_),
            0, c);
    std::size_t r = 0;
    std::string buf;
    const auto number = [&](std::size_t c, double v) {
      if (std::isnan(v)) return;  // no value: an empty cell
      check(worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), v,
                                   formats_[static_cast<std::size_t>(columns[c].kind)]),
            r + 1, c);
    };
    const auto text = [&](std::size_t c, std::string_view v) {
      if (v.empty()) return;
      buf.assign(v);
      check(worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                   buf.c_str(), formats_[static_cast<std::size_t>(Kind::text)]),
            r + 1, c);
    };
    for (; r < rows; ++r) row(r, number, text);
  }

  /// Closes the workbook and returns the file's bytes.
  std::string finish() {
    const lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR)
      fail(std::string("the workbook could not be written: ") + lxw_strerror(e));
    return read_file(path_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    Location w;
    w.file = path_;
    throw IoError(what, w);
  }
  void check(lxw_error e, std::size_t row, std::size_t col) const {
    if (e == LXW_NO_ERROR) return;
    Location w;
    w.line = row + 1;
    w.column = col + 1;
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
      throw ValidationError(
          "a text longer than Excel's 32 767 characters cannot be written to a cell", w);
    throw IoError(std::string("the workbook could not be written: ") + lxw_strerror(e), w);
  }
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* formats_[4] = {};
};

std::vector<Column> score_columns(const CohortScores& s) {
  std::vector<Column> cols{{"person_id", Kind::text, 9},
                           {"name", Kind::text, 4},
                           {"unit", Kind::text, 4},
                           {"position", Kind::text, 8},
                           {"competency_score", Kind::two_decimals, 16}};
  for (const auto& comp : s.framework->competencies()) {
    for (const char* suffix : {"_held", "_expected", "_gap"})
      cols.push_back({comp.id + suffix, Kind::integer, comp.id.size() + std::strlen(suffix)});
    cols.push_back({comp.id + "_points", Kind::number, comp.id.size() + 7});
  }
  if (s.has_results) {
    cols.push_back({"results", Kind::number, 7});
    cols.push_back({"total", Kind::two_decimals, 6});
    cols.push_back({"band", Kind::text, 4});
  }
  return cols;
}

std::string band_of(const CohortScores& s, std::size_t i) {
  return s.band[i] >= 0 ? s.profile->scheme().bands[static_cast<std::size_t>(s.band[i])].th
                        : std::string();
}

}  // namespace

bool is_xlsx_path(std::string_view path) noexcept {
  if (path.size() < 5) return false;
  std::string_view ext = path.substr(path.size() - 5);
  constexpr std::string_view want = ".xlsx";
  for (std::size_t i = 0; i < 5; ++i) {
    char c = ext[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != want[i]) return false;
  }
  return true;
}

std::string scores_xlsx(const CohortScores& s) {
  std::vector<Column> cols = score_columns(s);
  for (std::size_t i = 0; i < s.n; ++i) {
    const Person& p = s.people[i];
    const std::string_view cells[4] = {p.id, p.name, p.unit, p.position};
    for (std::size_t k = 0; k < 4; ++k)
      cols[k].width = std::max(cols[k].width, display_width(cells[k]));
    if (s.has_results)
      cols.back().width = std::max(cols.back().width, display_width(band_of(s, i)));
  }
  Book book;
  const std::size_t c = s.c;
  book.sheet("scores", cols, s.n, [&](std::size_t i, const auto& number, const auto& text) {
    const Person& p = s.people[i];
    text(0, p.id);
    text(1, p.name);
    text(2, p.unit);
    text(3, p.position);
    number(4, fixed2(s.part[i]));
    for (std::size_t j = 0; j < c; ++j) {
      const std::size_t k = i * c + j;
      number(5 + 4 * j, s.held[k]);
      number(6 + 4 * j, s.expected[k]);
      number(7 + 4 * j, s.gap[k]);
      number(8 + 4 * j, s.points[k]);
    }
    if (s.has_results) {
      number(5 + 4 * c, s.results[i]);
      number(6 + 4 * c, fixed2(s.total[i]));
      text(7 + 4 * c, band_of(s, i));
    }
  });
  return book.finish();
}

}  // namespace samatthana
