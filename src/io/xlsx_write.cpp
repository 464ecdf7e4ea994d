// Writing .xlsx workbooks with libxlsxwriter (docs/formats.md): the scores, the cohort summary and
// a development plan. Text is written with
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

#include "io/text_table.hpp"
#include "samatthana/error.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/spreadsheet.hpp"
#include "samatthana/stream.hpp"

namespace samatthana {
namespace {

using detail::display_width;

/// A number as the CSV writes it with "%.2f", read back: the same value in both outputs.
double fixed2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return std::strtod(buf, nullptr);
}

/// Cell kinds of a column (the public CellKind: text, integer, number, two_decimals, percent).
using Kind = CellKind;

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
          std::pair{Kind::number, "General"}, std::pair{Kind::two_decimals, "0.00"},
          std::pair{Kind::percent, "0.0%"}}) {
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
    if (const lxw_error e = workbook_validate_sheet_name(wb_, name); e != LXW_NO_ERROR) {
      Location w;
      w.path = "sheet";
      w.value = name;
      throw ValidationError(std::string("Excel does not take this sheet name: ") + lxw_strerror(e) +
                                " (1 to 31 characters, none of [ ] : * ? / \\, each name once)",
                            w);
    }
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
  lxw_format* formats_[5] = {};
};

std::vector<Column> score_columns(const CohortScores& s) {
  std::vector<Column> cols{{"person_id", Kind::text, 9},
                           {"name", Kind::text, 4},
                           {"unit", Kind::text, 4},
                           {"position", Kind::text, 8}};
  if (s.profile->has_sets()) cols.push_back({"job_line", Kind::text, 8});  // as scores_csv
  cols.push_back({"competency_score", Kind::two_decimals, 16});
  for (const auto& comp : s.framework->competencies()) {
    for (const char* suffix : {"_held", "_expected", "_gap"})
      cols.push_back({comp.id + suffix, Kind::integer, comp.id.size() + std::strlen(suffix)});
    cols.push_back({comp.id + "_points", Kind::number, comp.id.size() + 7});
  }
  // As scores_csv: the other part's columns (schemes with one) after results, before total.
  if (s.has_results) cols.push_back({"results", Kind::number, 7});
  if (s.has_other()) {
    cols.push_back({"other", Kind::number, 5});
    cols.push_back({"other_points", Kind::two_decimals, 12});
  }
  if (s.has_results) {
    cols.push_back({"total", Kind::two_decimals, 6});
    cols.push_back({"band", Kind::text, 4});
  }
  return cols;
}

std::string band_of(const CohortScores& s, std::size_t i) {
  return s.band[i] >= 0 ? s.profile->scheme().bands[static_cast<std::size_t>(s.band[i])].th
                        : std::string();
}

// ---- the cohort summary -------------------------------------------------------------------------

/// Widths of the text columns (the first `n`) grown to their cells.
void fit(std::vector<Column>& cols, std::size_t k, std::string_view cell) {
  cols[k].width = std::max(cols[k].width, display_width(cell));
}

/// "สรุป": everyone, one row per competency: share meeting, mean gap, people per level.
void overall_sheet(Book& book, const CohortSummary& s) {
  const Framework& fw = *s.framework;
  int maxl = 0;
  for (const auto& comp : fw.competencies()) maxl = std::max(maxl, comp.max_level());
  std::vector<Column> cols{{"competency", Kind::text, 10},
                           {"สมรรถนะ", Kind::text, 8},
                           {"ถึงระดับที่คาดหวัง", Kind::percent, 18},
                           {"ช่องว่างเฉลี่ย", Kind::two_decimals, 14}};
  for (int l = 0; l <= maxl; ++l) cols.push_back({"ระดับ " + std::to_string(l), Kind::integer, 7});
  for (const auto& comp : fw.competencies()) fit(cols, 1, comp.name.th);
  const GroupSummary* g = s.all.empty() ? nullptr : &s.all[0];
  book.sheet("สรุป", cols, g ? fw.size() : 0,
             [&](std::size_t j, const auto& number, const auto& text) {
               text(0, fw.competencies()[j].id);
               text(1, fw.competencies()[j].name.th);
               number(2, g->share_meeting[j]);
               number(3, g->mean_gap[j]);
               for (std::size_t l = 0; l < g->distribution[j].size(); ++l)
                 number(4 + l, static_cast<double>(g->distribution[j][l]));
             });
}

/// "หน่วยงาน" / "ตำแหน่ง": one row per group: people, share meeting every competency, mean score,
/// share meeting each competency, people per band.
void groups_sheet(Book& book, const CohortSummary& s, GroupBy by,
                  const std::vector<GroupSummary>& groups) {
  const Framework& fw = *s.framework;
  std::vector<Column> cols{{by == GroupBy::unit ? "หน่วยงาน" : "ตำแหน่ง", Kind::text, 8},
                           {"คน", Kind::integer, 4},
                           {"ถึงทุกด้าน", Kind::percent, 10},
                           {"คะแนนเฉลี่ย", Kind::two_decimals, 11}};
  for (const auto& comp : fw.competencies())
    cols.push_back({comp.id, Kind::percent, std::max<std::size_t>(comp.id.size(), 6)});
  if (s.has_results)
    for (const auto& b : s.profile->scheme().bands)
      cols.push_back({b.th, Kind::integer, display_width(b.th)});
  for (const auto& g : groups) fit(cols, 0, g.key);
  const std::size_t c = fw.size();
  book.sheet(by == GroupBy::unit ? "หน่วยงาน" : "ตำแหน่ง", cols, groups.size(),
             [&](std::size_t i, const auto& number, const auto& text) {
               const GroupSummary& g = groups[i];
               text(0, g.key);
               number(1, static_cast<double>(g.people));
               number(2, g.share_meeting_all);
               number(3, g.mean_part);
               for (std::size_t j = 0; j < c; ++j) number(4 + j, g.share_meeting[j]);
               for (std::size_t b = 0; b < g.band_counts.size(); ++b)
                 number(4 + c + b, static_cast<double>(g.band_counts[b]));
             });
}

void summary_sheets(Book& book, const CohortSummary& s) {
  overall_sheet(book, s);
  groups_sheet(book, s, GroupBy::unit, s.units);
  groups_sheet(book, s, GroupBy::position, s.positions);
}

/// The scores sheet.
void scores_sheet(Book& book, const CohortScores& s) {
  std::vector<Column> cols = score_columns(s);
  for (std::size_t i = 0; i < s.n; ++i) {
    const Person& p = s.people[i];
    const std::string_view cells[4] = {p.id, p.name, p.unit, p.position};
    for (std::size_t k = 0; k < 4; ++k) fit(cols, k, cells[k]);
    if (s.profile->has_sets()) fit(cols, 4, p.job_line);
    if (s.has_results) fit(cols, cols.size() - 1, band_of(s, i));
  }
  const std::size_t c = s.c;
  // With per-position sets: a job_line column after position, and a competency outside the
  // person's set leaves its four cells empty (as scores_csv).
  const bool sets = s.profile->has_sets();
  const std::size_t at = sets ? 5 : 4;
  book.sheet("scores", cols, s.n, [&](std::size_t i, const auto& number, const auto& text) {
    const Person& p = s.people[i];
    text(0, p.id);
    text(1, p.name);
    text(2, p.unit);
    text(3, p.position);
    if (sets) text(4, p.job_line);
    number(at, fixed2(s.part[i]));
    for (std::size_t j = 0; j < c; ++j) {
      if (sets && !s.is_appraised(i, j)) continue;
      const std::size_t k = i * c + j;
      number(at + 1 + 4 * j, s.held[k]);
      number(at + 2 + 4 * j, s.expected[k]);
      number(at + 3 + 4 * j, s.gap[k]);
      number(at + 4 + 4 * j, s.points[k]);
    }
    std::size_t k = at + 1 + 4 * c;
    if (s.has_results) number(k++, s.results[i]);
    if (s.has_other()) {
      if (!std::isnan(s.other[i])) number(k, s.other[i]);
      if (!std::isnan(s.other_points[i])) number(k + 1, fixed2(s.other_points[i]));
      k += 2;
    }
    if (s.has_results) {
      number(k, fixed2(s.total[i]));
      text(k + 1, band_of(s, i));
    }
  });
}

// ---- a development plan
// ----------------------------------------------------------------------------

/// One row of the plan sheet: a competency's levels and one indicator to build (or none).
struct PlanRow {
  const CompetencyScore* score;
  const DevelopmentTarget* target;  ///< null: nothing to build (the highest level)
  const Indicator* indicator;
};

std::vector<PlanRow> plan_rows(const PersonScore& ps,
                               const std::vector<DevelopmentTarget>& targets) {
  std::vector<PlanRow> rows;
  for (const CompetencyScore& cs : ps.competencies) {
    bool any = false;
    for (const DevelopmentTarget& t : targets) {
      if (t.competency != cs.competency) continue;
      for (const Indicator* ind : t.indicators) rows.push_back(PlanRow{&cs, &t, ind});
      any = any || !t.indicators.empty();
    }
    if (!any) rows.push_back(PlanRow{&cs, nullptr, nullptr});
  }
  return rows;
}

// ---- any tables (samatthana.to_excel) ------------------------------------------------------

/// The width in characters of a numeric column's cells as Excel shows them: the smallest and
/// largest values and the first 1 000 cells formatted (widths are a convenience; formatting
/// every cell of 100 000 rows would double the time of the workbook).
std::size_t number_width(const SheetColumn& col) {
  const char* f = col.kind == Kind::integer        ? "%.0f"
                  : col.kind == Kind::two_decimals ? "%.2f"
                  : col.kind == Kind::percent      ? "%.1f%%"
                                                   : "%.10g";
  const double scale = col.kind == Kind::percent ? 100 : 1;
  std::size_t w = 0;
  char buf[64];
  const auto width = [&](double v) {
    if (std::isnan(v)) return;
    w = std::max<std::size_t>(
        w, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, f, v * scale)));
  };
  double lo = NAN, hi = NAN;
  for (std::size_t r = 0; r < col.numbers.size(); ++r) {
    const double v = col.numbers[r];
    if (r < 1000) width(v);
    if (std::isnan(v)) continue;
    if (std::isnan(lo) || v < lo) lo = v;
    if (std::isnan(hi) || v > hi) hi = v;
  }
  width(lo);
  width(hi);
  return w;
}

/// The rows of a sheet: every column's cells one per row, numbers finite.
std::size_t checked_rows(const SheetData& sheet) {
  std::size_t rows = 0;
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const SheetColumn& col = sheet.columns[c];
    const std::size_t n = col.kind == Kind::text ? col.text.size() : col.numbers.size();
    const std::size_t other = col.kind == Kind::text ? col.numbers.size() : col.text.size();
    Location w;
    w.path = col.header;
    w.value = sheet.name;
    if (other != 0 || (c > 0 && n != rows))
      throw ValidationError("this column's cells are not one per row of the sheet", w);
    rows = n;
    for (std::size_t r = 0; r < col.numbers.size(); ++r)
      if (std::isinf(col.numbers[r])) {
        w.line = r + 2;
        w.column = c + 1;
        throw ValidationError("an infinite number cannot be written to a cell", w);
      }
  }
  return rows;
}

void table_sheet(Book& book, const SheetData& sheet) {
  const std::size_t rows = checked_rows(sheet);
  std::vector<Column> cols;
  for (const SheetColumn& col : sheet.columns) {
    Column c{col.header, col.kind, std::max<std::size_t>(display_width(col.header), 4)};
    if (col.kind == Kind::text)
      for (const std::string& t : col.text) c.width = std::max(c.width, display_width(t));
    else
      c.width = std::max(c.width, number_width(col));
    cols.push_back(std::move(c));
  }
  book.sheet(sheet.name.c_str(), cols, rows,
             [&](std::size_t r, const auto& number, const auto& text) {
               for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
                 const SheetColumn& col = sheet.columns[c];
                 if (col.kind == Kind::text)
                   text(c, col.text[r]);
                 else
                   number(c, col.kind == Kind::two_decimals && !std::isnan(col.numbers[r])
                                 ? fixed2(col.numbers[r])
                                 : col.numbers[r]);
               }
             });
}

}  // namespace

std::string table_xlsx(const std::vector<SheetData>& sheets) {
  if (sheets.empty()) throw ValidationError("a workbook needs at least one sheet");
  Book book;
  for (const SheetData& sheet : sheets) table_sheet(book, sheet);
  return book.finish();
}

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
  Book book;
  scores_sheet(book, s);
  return book.finish();
}

std::string scores_xlsx(const CohortScores& s, const CohortSummary& summary) {
  Book book;
  scores_sheet(book, s);
  summary_sheets(book, summary);
  return book.finish();
}

std::string summary_xlsx(const CohortSummary& s) {
  Book book;
  summary_sheets(book, s);
  return book.finish();
}

std::string plan_xlsx(const Framework& fw, const PersonScore& ps) {
  std::vector<int> held, expected;
  for (const auto& cs : ps.competencies) {
    held.push_back(cs.held);
    expected.push_back(cs.expected);
  }
  const std::vector<DevelopmentTarget> targets = development_targets(fw, held, expected);
  const std::vector<PlanRow> rows = plan_rows(ps, targets);
  std::vector<Column> cols{{"person_id", Kind::text, 9},   {"name", Kind::text, 4},
                           {"unit", Kind::text, 4},        {"position", Kind::text, 8},
                           {"competency", Kind::text, 10}, {"สมรรถนะ", Kind::text, 8},
                           {"held", Kind::integer, 4},     {"expected", Kind::integer, 8},
                           {"gap", Kind::integer, 3},      {"source", Kind::text, 6},
                           {"target", Kind::text, 7},      {"from_level", Kind::integer, 10},
                           {"to_level", Kind::integer, 8}, {"indicator_id", Kind::text, 12},
                           {"indicator", Kind::text, 9}};
  const Person& p = ps.person;
  const std::string_view who[4] = {p.id, p.name, p.unit, p.position};
  for (std::size_t k = 0; k < 4; ++k) fit(cols, k, who[k]);
  for (const PlanRow& r : rows) {
    fit(cols, 5, fw.competency(r.score->competency).name.th);
    if (r.indicator) fit(cols, 13, r.indicator->id);
    if (r.indicator) fit(cols, 14, r.indicator->text.th);
  }
  Book book;
  book.sheet("plan", cols, rows.size(), [&](std::size_t i, const auto& number, const auto& text) {
    const PlanRow& r = rows[i];
    const CompetencyScore& cs = *r.score;
    for (std::size_t k = 0; k < 4; ++k) text(k, who[k]);
    text(4, cs.competency);
    text(5, fw.competency(cs.competency).name.th);
    number(6, cs.held);
    number(7, cs.expected);
    number(8, cs.gap);
    text(9, to_string(cs.detail.source));
    if (!r.target) return;
    text(10, r.target->stretch ? "stretch" : "develop");
    number(11, r.target->from_level);
    number(12, r.target->to_level);
    text(13, r.indicator->id);
    text(14, r.indicator->text.th);
  });
  return book.finish();
}

}  // namespace samatthana
