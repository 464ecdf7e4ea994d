// Reading ratings, evidence and results CSV files into columnar tables (tables_io.hpp); the
// tables' rules are the scoring layer's (RatingsBuilder, builders.hpp: src/scoring/builders.cpp).
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "io/csv.hpp"
#include "io/row_errors.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/tables_io.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

/// Longest header cell that can name a column: every standard name, competency name, code and
/// alias is far shorter. A longer one is reported without being normalised (a 1 GB header line
/// would cost gigabytes in ICU).
constexpr std::size_t kMaxHeaderCell = 1024;
/// Longest id, name, unit, position or rater id (bytes), as for framework text.
constexpr std::size_t kMaxPersonCell = 65536;

void check_header_cell(const detail::CsvReader& r, std::size_t i) {
  if (r[i].size() > kMaxHeaderCell)
    throw LookupError("unknown column: " + std::to_string(r[i].size()) +
                          " bytes is far too long for a column name; is the first line of this "
                          "file its header row?",
                      r.where(i, r[i], r[i]));
}

/// The header row's cells, each checked for length first (a huge cell is not normalised).
std::vector<std::string> header_cells(const detail::CsvReader& r) {
  std::vector<std::string> headers(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    check_header_cell(r, i);
    headers[i] = r[i];
  }
  return headers;
}

/// Where a header rule's error points: the header cell i (its text as column and value), or,
/// past the last cell, the header line with the missing column's name as the path.
std::function<Location(std::size_t, std::string_view)> header_where(const detail::CsvReader& r) {
  return [&r](std::size_t i, std::string_view text) {
    if (i >= r.size()) {
      Location w;
      w.file = r.file();
      w.line = r.line();
      w.path = std::string(text);
      return w;
    }
    return r.where(i, text, text);
  };
}

/// What a person cell may hold besides text.
enum class CellKind {
  id,    ///< person_id, rater_id: TAB only
  text,  ///< name, unit, position: TAB and line breaks (a quoted multi-line cell; normalised)
};

/// Offset of the first control character in `v` (C0 but TAB, and line breaks for texts; DEL),
/// or npos. Eight bytes at a time: no byte below 0x20 and none equal to 0x7F is the usual case.
std::size_t first_control(std::string_view v, CellKind kind) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  std::size_t k = 0;
  for (; k + 8 <= v.size(); k += 8) {
    std::uint64_t w;
    std::memcpy(&w, v.data() + k, 8);
    const std::uint64_t del = w ^ (0x7F * ones);
    if ((((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & highs) break;  // maybe one here
  }
  for (; k < v.size(); ++k) {
    const auto c = static_cast<unsigned char>(v[k]);
    const bool allowed = c == '\t' || (kind == CellKind::text && (c == '\n' || c == '\r'));
    if ((c < 0x20 && !allowed) || c == 0x7F) return k;
  }
  return std::string_view::npos;
}

/// Rejects a person cell that is too long or holds a control character (C0 but what `kind`
/// allows, and DEL): a NUL would cut the text in other programs, an ESC drive the terminal.
/// `file_controls`: the file has a control byte other than TAB and line breaks (has_control_bytes);
/// when it has none, only an id needs looking at (for a line break in a quoted cell).
void check_person_cell(const detail::CsvReader& r, std::size_t i, std::string_view column,
                       std::string_view v, bool file_controls, CellKind kind = CellKind::text) {
  if (v.size() > kMaxPersonCell)
    throw ValidationError(std::string(column) + " is too long (" + std::to_string(v.size()) +
                              " bytes; at most " + std::to_string(kMaxPersonCell) +
                              "): is this the right column?",
                          r.where(i, column));
  if (!file_controls && kind == CellKind::text) return;
  if (const std::size_t k = first_control(v, kind); k != std::string_view::npos)
    throw ValidationError(std::string(column) + " holds the control character " +
                              detail::shown(v.substr(k, 1)) +
                              "; remove it (ids, names, units and positions are plain text)",
                          r.where(i, column));
}

/// The person id of cell i: checked, then its key (text::normalize_id; ASCII ids need no copy).
std::string_view person_id_cell(const detail::CsvReader& r, std::size_t i, std::string& buf,
                                bool file_controls) {
  const std::string_view v = r[i];
  check_person_cell(r, i, "person_id", v, file_controls, CellKind::id);
  const std::string_view t = detail::trim_unicode_space(v);
  for (char c : t) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      buf = text::normalize_id(t);
      return buf;
    }
  }
  return t;
}

/// The person id of cell i of a row that could not be read (ReadOptions::on_row_error): its key,
/// or "" when the row has no such cell.
std::string row_person_id(const detail::CsvReader& r, std::size_t i) {
  std::string buf;
  return i < r.size() ? std::string(person_id_cell(r, i, buf, true)) : std::string();
}

[[noreturn]] void mixed_digits(const detail::CsvReader& r, std::size_t i, std::string_view column) {
  throw ParseError(
      "Thai and Arabic digits mixed in one number (a typing slip?): write the whole "
      "number in Thai (๐-๙) or in Arabic (0-9) digits",
      r.where(i, column));
}

bool blank(std::string_view v);

/// A percent cell (results, other) of column i: 0..100, NaN when blank; `what` names it.
double percent_cell(const detail::CsvReader& r, std::size_t i, const std::string& v,
                    const std::string& what) {
  double out = std::numeric_limits<double>::quiet_NaN();
  if (blank(v)) return out;
  const auto st = detail::read_decimal(v, out);
  if (st == detail::NumberStatus::mixed_digits) mixed_digits(r, i, what);
  if (st != detail::NumberStatus::ok)
    throw ParseError("not a number (" + what + ", 0 to 100)", r.where(i, what));
  if (out < 0 || out > 100)
    throw ValidationError(what + " must be between 0 and 100", r.where(i, what));
  return out;
}

bool blank(std::string_view v) { return detail::trim_unicode_space(v).empty(); }

void check_width(const detail::CsvReader& r, std::size_t width) {
  if (r.size() != width) {
    Location w;
    w.file = r.file();
    w.line = r.line();
    w.column = std::min(r.size(), width + 1);
    throw ParseError("this row has " + std::to_string(r.size()) + " fields but the header has " +
                         std::to_string(width) + " (an unquoted comma, or a missing one?)",
                     w);
  }
}

/// The rows seen so far by id, for the duplicate check: a flat set of row numbers (Boost's
/// open-addressing table) hashed and compared through the ids the sink holds, so a million-row
/// file costs no allocation per row (a node-based map was a seventh of the Python reader's time).
template <class IdOf>
class RowIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  RowIndex(std::size_t expected, IdOf id_of) : rows_(expected, Hash{id_of}, Equal{id_of}) {}
  /// The earlier row whose id is `id`, or npos.
  [[nodiscard]] std::size_t find(std::string_view id) const {
    const auto it = rows_.find(id);
    return it == rows_.end() ? npos : *it;
  }
  /// Adds `row` (its id must already be readable through id_of).
  void add(std::size_t row) { rows_.insert(static_cast<std::uint32_t>(row)); }

 private:
  struct Hash {
    using is_transparent = void;
    IdOf id_of;
    std::size_t operator()(std::string_view id) const noexcept {
      return std::hash<std::string_view>{}(id);
    }
    std::size_t operator()(std::uint32_t row) const noexcept { return (*this)(id_of(row)); }
  };
  struct Equal {
    using is_transparent = void;
    IdOf id_of;
    bool operator()(std::uint32_t a, std::uint32_t b) const noexcept { return a == b; }
    bool operator()(std::string_view id, std::uint32_t row) const noexcept {
      return id == id_of(row);
    }
    bool operator()(std::uint32_t row, std::string_view id) const noexcept {
      return id == id_of(row);
    }
  };
  boost::unordered_flat_set<std::uint32_t, Hash, Equal> rows_;
};

}  // namespace

namespace {

/// One row of a wide ratings file without rater columns, as the reader hands it to a sink: views
/// valid until the next row.
struct WideRow {
  std::string_view id, name, unit, position, job_line;
  const std::int8_t* levels = nullptr;  ///< c
  double results = 0;                   ///< NaN = empty
  double other = 0;                     ///< NaN = empty (the other part)
  std::size_t line = 0;
};

/// Keeps rows as a RatingsTable.
struct TableSink {
  RatingsTable& t;
  bool other = false;  ///< the file has an other column (set before the first row)
  void reserve(std::size_t n, std::size_t c, bool results) {
    t.people.reserve(n);
    t.lines.reserve(n);
    t.levels.reserve(n * c);
    if (results) t.results.reserve(n);
    if (other) t.other.reserve(n);
  }
  [[nodiscard]] std::string_view id_of(std::size_t row) const { return t.people[row].id; }
  [[nodiscard]] std::size_t line_of(std::size_t row) const { return t.lines[row]; }
  void add(const WideRow& r, std::size_t c, bool results) {
    t.people.push_back(Person{std::string(r.id), std::string(r.name), std::string(r.unit),
                              std::string(r.position), std::string(r.job_line)});
    t.levels.insert(t.levels.end(), r.levels, r.levels + c);
    t.lines.push_back(r.line);
    if (results) t.results.push_back(r.results);
    if (other) t.other.push_back(r.other);
  }
};

/// Keeps rows as RatingsColumns: text in one buffer per column, no allocation per cell.
struct ColumnsSink {
  RatingsColumns& t;
  std::size_t bytes = 0;
  bool job_line = false;  ///< the file has a job_line column (set before the first row)
  bool other = false;     ///< the file has an other column (set before the first row)
  void reserve(std::size_t n, std::size_t c, bool results) {
    if (other) t.other.reserve(n);
    for (std::size_t k = 0; k < 4; ++k) {
      t.offsets[k].reserve(n + 1);
      // No column holds more text than the file: reserving that much is address space only
      // (pages are touched as they fill) and spares the copies of growing.
      t.text[k].reserve(std::min<std::size_t>(bytes, std::size_t{1} << 30));
    }
    t.lines.reserve(n);
    t.levels.reserve(n * c);
    if (results) t.results.reserve(n);
  }
  [[nodiscard]] std::string_view id_of(std::size_t row) const {
    return t.cell(RatingsColumns::person_id, row);
  }
  [[nodiscard]] std::size_t line_of(std::size_t row) const { return t.lines[row]; }
  void add(const WideRow& r, std::size_t c, bool results) {
    const std::string_view cells[4] = {r.id, r.name, r.unit, r.position};
    for (std::size_t k = 0; k < 4; ++k) {
      t.text[k].append(cells[k]);
      t.offsets[k].push_back(t.text[k].size());
    }
    if (job_line) {
      t.text[RatingsColumns::job_line].append(r.job_line);
      t.offsets[RatingsColumns::job_line].push_back(t.text[RatingsColumns::job_line].size());
    }
    t.levels.insert(t.levels.end(), r.levels, r.levels + c);
    t.lines.push_back(r.line);
    if (results) t.results.push_back(r.results);
    if (other) t.other.push_back(r.other);
    ++t.rows;
  }
};

/// The header of a wide ratings file by the one rule of wide ratings tables (builders.hpp:
/// ratings_header, shared with the DataFrame path); its errors located at the header cell.
RatingsHeader wide_header(const detail::CsvReader& r, const Framework& fw) {
  const std::size_t width = r.size();
  std::vector<std::string> headers(width);
  for (std::size_t i = 0; i < width; ++i) {
    check_header_cell(r, i);
    headers[i] = r[i];
  }
  return ratings_header(headers, fw, [&](std::size_t i, std::string_view text) {
    if (i >= width) {  // a column the header lacks
      Location w;
      w.file = r.file();
      w.line = r.line();
      w.path = std::string(text);
      return w;
    }
    const auto col = ratings_column(text, fw);
    const bool standard = col && col->role != RatingsColumn::competency;
    return r.where(i, standard ? std::string_view(ratings_column_name(col->role)) : text, text);
  });
}

/// The header cell a RatingsBuilder error about column `name` points at (e.g. rater_id without
/// its column: the rater_role column).
std::size_t builder_column(const RatingsHeader& header, const Framework& fw,
                           std::string_view name) {
  const auto col = ratings_column(name, fw);
  const std::size_t width = header.role.size();
  for (std::size_t i = 0; i < width; ++i) {
    if (!col) break;
    if (header.role[i] == col->role &&
        (col->role != RatingsColumn::competency || header.competency[i] == col->competency))
      return i;
  }
  for (std::size_t i = 0; i < width; ++i)
    if (header.role[i] == RatingsColumn::rater_role) return i;
  return 0;
}

/// The cells of one row of a wide ratings file, each checked by its column's role: the row's
/// views stay valid until the next row (they point into the reader, `id_buf` and `unit_cache`).
class WideCells {
 public:
  WideCells(const detail::CsvReader& r, const Framework& fw, const RatingsHeader& header,
            bool controls)
      : r_(r), fw_(fw), header_(header), controls_(controls), lv_(fw.size()), maxl_(fw.size()) {
    for (std::size_t j = 0; j < maxl_.size(); ++j) maxl_[j] = fw.competencies()[j].max_level();
  }
  /// The current row of the reader; levels in levels().
  WideRow read() {
    check_width(r_, header_.role.size());
    WideRow row;
    std::fill(lv_.begin(), lv_.end(), std::int8_t{-1});
    row.levels = lv_.data();
    row.results = row.other = std::numeric_limits<double>::quiet_NaN();
    row.line = r_.line();
    rater = RaterRole::supervisor;
    rater_id = {};
    for (std::size_t i = 0; i < header_.role.size(); ++i) cell(i, row);
    return row;
  }
  [[nodiscard]] const std::vector<std::int8_t>& levels() const noexcept { return lv_; }
  RaterRole rater = RaterRole::supervisor;  ///< the row's rater_role (supervisor without)
  std::string_view rater_id;                ///< the row's rater_id

 private:
  void cell(std::size_t i, WideRow& row) {
    const std::string& v = r_[i];
    switch (header_.role[i]) {
      case RatingsColumn::person_id:
        row.id = person_id_cell(r_, i, id_buf_, controls_);
        break;
      case RatingsColumn::name:
        check_person_cell(r_, i, "name", v, controls_);
        row.name = detail::trim_space_tab(v);
        break;
      case RatingsColumn::unit: {
        check_person_cell(r_, i, "unit", v, controls_);
        auto it = unit_cache_.find(v);
        if (it == unit_cache_.end()) it = unit_cache_.emplace(v, text::normalize(v)).first;
        row.unit = it->second;  // node-based map: the value stays put
        break;
      }
      case RatingsColumn::position:
        check_person_cell(r_, i, "position", v, controls_);
        row.position = detail::trim_space_tab(v);
        break;
      case RatingsColumn::job_line:
        check_person_cell(r_, i, "job_line", v, controls_);
        row.job_line = detail::trim_space_tab(v);
        break;
      case RatingsColumn::results:
        row.results = percent_cell(r_, i, v, "results");
        break;
      case RatingsColumn::other:
        row.other = percent_cell(r_, i, v, "other");
        break;
      case RatingsColumn::rater_role:
        rater = rater_role_cell(i, v);
        break;
      case RatingsColumn::rater_id:
        check_person_cell(r_, i, "rater_id", v, controls_, CellKind::id);
        rater_id = detail::trim_space_tab(v);
        break;
      case RatingsColumn::competency:
        level_cell(i, v);
    }
  }
  [[nodiscard]] RaterRole rater_role_cell(std::size_t i, const std::string& v) const {
    const auto ro = rater_role_from_string(trim(v));
    if (!ro)
      throw ParseError(
          std::string(v.find_first_not_of(" \t") == std::string::npos ? "rater_role is empty"
                                                                      : "not a rater role") +
              ": write supervisor, self, peer or subordinate (ผู้บังคับบัญชา, ตนเอง, "
              "เพื่อนร่วมงาน, ผู้ใต้บังคับบัญชา)",
          r_.where(i, "rater_role"));
    return *ro;
  }
  void level_cell(std::size_t i, const std::string& v) {
    const std::size_t j = header_.competency[i];
    const std::string& column = header_.columns[j];
    int level;
    const auto st = detail::read_level(v, level);
    if (st == detail::NumberStatus::mixed_digits) mixed_digits(r_, i, column);
    if (st == detail::NumberStatus::ok) {
      if (level > maxl_[j])
        throw ValidationError("level above the highest level of '" + fw_.competencies()[j].id +
                                  "' (0.." + std::to_string(maxl_[j]) + ")",
                              r_.where(i, column));
      lv_[j] = static_cast<std::int8_t>(level);
    } else if (!blank(v)) {
      throw ParseError("not a level: write a whole number 0.." + std::to_string(maxl_[j]) +
                           " in Thai or Arabic digits, or leave the cell empty (not rated)",
                       r_.where(i, column));
    }
  }

  const detail::CsvReader& r_;
  const Framework& fw_;
  const RatingsHeader& header_;
  bool controls_;
  std::vector<std::int8_t> lv_;
  std::vector<int> maxl_;
  std::unordered_map<std::string, std::string> unit_cache_;  // raw cell → normalised
  std::string id_buf_;  // a person id that normalize_id changed
};

/// The wide ratings reader: header, then every row, into `sink`; files with rater columns go
/// through RatingsBuilder into `rated` (the sink then sees no row).
template <class Sink>
void read_wide(std::string_view bytes, const std::shared_ptr<const Framework>& fw,
               std::string_view file, const Progress& progress, std::vector<std::string>& columns,
               Sink& sink, std::optional<RatingsTable>& rated, bool& has_results,
               detail::RowErrors& errors) {
  if (detail::looks_utf16(bytes)) detail::throw_utf16(file, "CSV UTF-8");
  detail::CsvReader r(bytes, std::string(file));
  const bool controls = detail::has_control_bytes(bytes);
  const std::size_t c = fw->size();
  columns.assign(c, "");
  if (!r.next()) {
    Location w;
    w.file = std::string(file);
    throw ValidationError("the ratings file is empty; it needs a header row", w);
  }
  const RatingsHeader header = wide_header(r, *fw);
  if constexpr (requires { sink.job_line; }) sink.job_line = header.has_job_line;
  sink.other = header.has_other;
  const std::size_t other_col = static_cast<std::size_t>(
      std::find(header.role.begin(), header.role.end(), RatingsColumn::other) -
      header.role.begin());
  if constexpr (requires { sink.t.other_column; })
    sink.t.other_column = header.has_other ? other_col + 1 : 0;
  columns = header.columns;
  has_results = header.has_results;
  const bool has_raters = header.has_raters;
  // Files with rater columns: a person has one row per rater, assembled by RatingsBuilder.
  std::optional<RatingsBuilder> builder;
  if (has_raters) {
    builder.emplace(fw, std::string(file), columns, has_results);
    builder->has_other(header.has_other, header.has_other ? other_col + 1 : 0);
  }
  const std::size_t id_col = static_cast<std::size_t>(
      std::find(header.role.begin(), header.role.end(), RatingsColumn::person_id) -
      header.role.begin());
  const std::size_t lines_estimate =
      static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
  if (!has_raters) sink.reserve(lines_estimate, c, has_results);
  auto id_of = [&sink](std::size_t row) { return sink.id_of(row); };
  RowIndex<decltype(id_of)> seen(has_raters ? 16 : lines_estimate, id_of);
  WideCells cells(r, *fw, header, controls);
  std::size_t rows = 0, next_report = 1 << 20;
  // One row; in the collect mode (ReadOptions::all_errors) its error is kept and the row left out.
  const auto one_row = [&] {
    const WideRow row = cells.read();
    if (row.id.empty()) throw ValidationError("person_id is empty", r.where(id_col, "person_id"));
    if (has_raters) {
      builder->add(Person{std::string(row.id), std::string(row.name), std::string(row.unit),
                          std::string(row.position), std::string(row.job_line)},
                   cells.rater, std::string(cells.rater_id), cells.levels(), row.results, row.other,
                   r.line(), [&](std::string_view column, std::string_view value) {
                     return r.where(builder_column(header, *fw, column), column,
                                    std::string(value));
                   });
    } else {
      if (rows >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw ValidationError("more than 4 294 967 293 people in one file", r.where(0));
      if (const std::size_t first = seen.find(row.id); first != seen.npos)
        throw ValidationError(
            "person_id given twice (first on line " + std::to_string(sink.line_of(first)) + ")",
            r.where(id_col, "person_id"));
      sink.add(row, c, has_results);
      seen.add(rows);
      ++rows;
    }
  };
  while (r.next()) {
    (void)errors.row(one_row, [&] { return row_person_id(r, id_col); });
    if (progress && r.offset() >= next_report) {
      progress(r.offset(), r.bytes());
      next_report = r.offset() + (1 << 20);
    }
  }
  if (progress) progress(r.bytes(), r.bytes());
  if (has_raters) rated = std::move(*builder).finish();
}

}  // namespace

std::shared_ptr<const Framework> shared_framework(const Framework& fw) {
  // A built-in framework is the one object builtin_framework shares (bma_core() is *that*).
  if (&fw == &bma_core()) return builtin_framework(fw.id());
  for (const std::string& id : builtin_framework_ids())
    if (id == fw.id())
      if (auto b = builtin_framework(id); b.get() == &fw) return b;
  return std::make_shared<const Framework>(fw);
}

RatingsTable read_ratings_csv(std::string_view bytes, std::shared_ptr<const Framework> fw,
                              std::string_view file, const Progress& progress) {
  if (!fw) throw ValidationError("read_ratings_csv needs a framework");
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] {
    RatingsTable t;
    t.file = std::string(file);
    t.framework = fw;
    TableSink sink{t};
    std::optional<RatingsTable> rated;
    bool has_results = false;
    read_wide(bytes, fw, file, progress, t.columns, sink, rated, has_results, errors);
    if (rated) return std::move(*rated);
    return t;
  });
}

RatingsTable load_ratings_csv(const std::filesystem::path& file,
                              std::shared_ptr<const Framework> fw, const Progress& progress) {
  return detail::RowErrors{file.string()}.read([&] {
    const detail::FileBytes bytes = detail::read_file_bytes(file);
    return read_ratings_csv(bytes.view(), std::move(fw), file.string(), progress);
  });
}

namespace {
RatingsColumns read_columns(std::string_view bytes, const std::shared_ptr<const Framework>& fw,
                            std::string_view file, detail::RowErrors& errors) {
  RatingsColumns t;
  t.file = std::string(file);
  t.framework = fw;
  for (std::size_t k = 0; k < 4; ++k) t.offsets[k].push_back(0);
  ColumnsSink sink{t, bytes.size()};
  std::optional<RatingsTable> rated;
  bool has_results = false;
  // The job_line column's offsets start once the header has it (read_wide sets sink.job_line).
  t.offsets[RatingsColumns::job_line].push_back(0);
  read_wide(bytes, fw, file, {}, t.columns, sink, rated, has_results, errors);
  if (!sink.job_line && !rated) t.offsets[RatingsColumns::job_line].clear();
  if (!rated) return t;
  // Rater files: one row per rater row, person cells filled in from the person. A rater file
  // with no rows still has its rater columns (Python's DataFrame keeps them).
  const RatingsTable& rt = *rated;
  t.has_raters = true;
  for (std::size_t k = 4; k < 6; ++k) t.offsets[k].push_back(0);
  const std::size_t c = fw->size();
  for (std::size_t k = 0; k < rt.raters.size(); ++k) {
    const auto& rr = rt.raters[k];
    const Person& p = rt.people[rr.person];
    const std::string_view cells[6] = {p.id,       p.name, p.unit, p.position, to_string(rr.role),
                                       rr.rater_id};
    for (std::size_t col = 0; col < 6; ++col) {
      t.text[col].append(cells[col]);
      t.offsets[col].push_back(t.text[col].size());
    }
    t.levels.insert(t.levels.end(), rt.rater_levels.begin() + static_cast<std::ptrdiff_t>(k * c),
                    rt.rater_levels.begin() + static_cast<std::ptrdiff_t>((k + 1) * c));
    t.lines.push_back(rr.line);
    if (!rt.results.empty()) t.results.push_back(rt.results[rr.person]);
    if (!rt.other.empty()) t.other.push_back(rt.other[rr.person]);
    if (sink.job_line) {
      t.text[RatingsColumns::job_line].append(p.job_line);
      t.offsets[RatingsColumns::job_line].push_back(t.text[RatingsColumns::job_line].size());
    }
    ++t.rows;
  }
  if (!sink.job_line) t.offsets[RatingsColumns::job_line].clear();
  return t;
}
}  // namespace

RatingsColumns read_ratings_columns(std::string_view bytes, std::shared_ptr<const Framework> fw,
                                    std::string_view file) {
  if (!fw) throw ValidationError("read_ratings_columns needs a framework");
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] { return read_columns(bytes, fw, file, errors); });
}

RatingsColumns load_ratings_columns(const std::filesystem::path& file,
                                    std::shared_ptr<const Framework> fw) {
  return detail::RowErrors{file.string()}.read([&] {
    const detail::FileBytes bytes = detail::read_file_bytes(file);
    return read_ratings_columns(bytes.view(), std::move(fw), file.string());
  });
}

namespace {
EvidenceTable read_evidence(std::string_view bytes, const Framework& fw, std::string_view file,
                            detail::RowErrors& errors) {
  if (detail::looks_utf16(bytes)) detail::throw_utf16(file, "CSV UTF-8");
  detail::CsvReader r(bytes, std::string(file));
  const bool controls = detail::has_control_bytes(bytes);
  EvidenceTable t;
  t.file = std::string(file);
  if (!r.next()) {
    Location w;
    w.file = t.file;
    throw ValidationError("the evidence file is empty; it needs a header row", w);
  }
  const std::size_t width = r.size();
  const EvidenceHeader header = evidence_header(header_cells(r), header_where(r));
  const auto pid = static_cast<long>(header.person_id),
             ind = static_cast<long>(header.indicator_id),
             obs = static_cast<long>(header.observation),
             ev =
                 header.evidence == EvidenceHeader::npos ? -1L : static_cast<long>(header.evidence);
  std::unordered_map<std::string, std::size_t> seen;
  std::string id_buf;
  const auto one_row = [&] {
    check_width(r, width);
    EvidenceRow e;
    e.line = r.line();
    e.person_id = person_id_cell(r, static_cast<std::size_t>(pid), id_buf, controls);
    if (e.person_id.empty())
      throw ValidationError("person_id is empty",
                            r.where(static_cast<std::size_t>(pid), "person_id"));
    e.indicator_id = trim(r[static_cast<std::size_t>(ind)]);
    try {
      (void)fw.indicator(e.indicator_id);
    } catch (const LookupError& err) {
      throw LookupError(err.message() + " (ids look like 'integrity.1.2')",
                        r.where(static_cast<std::size_t>(ind), "indicator_id"));
    }
    const auto o = observation_from_string(r[static_cast<std::size_t>(obs)]);
    if (!o)
      throw ParseError("not an observation: write shown, not_shown or not_observed",
                       r.where(static_cast<std::size_t>(obs), "observation"));
    e.observation = *o;
    if (ev >= 0) e.evidence = r[static_cast<std::size_t>(ev)];
    if (auto [it, fresh] = seen.emplace(e.person_id + '\x1f' + e.indicator_id, e.line); !fresh)
      throw ValidationError("this person's indicator is given twice (first on line " +
                                std::to_string(it->second) + ")",
                            r.where(static_cast<std::size_t>(ind), "indicator_id"));
    t.rows.push_back(std::move(e));
  };
  while (r.next())
    (void)errors.row(one_row, [&] { return row_person_id(r, static_cast<std::size_t>(pid)); });
  return t;
}
}  // namespace

EvidenceTable read_evidence_csv(std::string_view bytes, const Framework& fw,
                                std::string_view file) {
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] { return read_evidence(bytes, fw, file, errors); });
}

EvidenceTable load_evidence_csv(const std::filesystem::path& file, const Framework& fw) {
  return detail::RowErrors{file.string()}.read([&] {
    const detail::FileBytes bytes = detail::read_file_bytes(file);
    return read_evidence_csv(bytes.view(), fw, file.string());
  });
}

namespace {
ResultsTable read_results(std::string_view bytes, std::string_view file,
                          detail::RowErrors& errors) {
  if (detail::looks_utf16(bytes)) detail::throw_utf16(file, "CSV UTF-8");
  detail::CsvReader r(bytes, std::string(file));
  const bool controls = detail::has_control_bytes(bytes);
  ResultsTable t;
  t.file = std::string(file);
  if (!r.next()) {
    Location w;
    w.file = t.file;
    throw ValidationError("the results file is empty; it needs a header row", w);
  }
  const std::size_t width = r.size();
  const ResultsHeader header = results_header(header_cells(r), header_where(r));
  const auto pid = static_cast<std::size_t>(header.person_id),
             res = static_cast<std::size_t>(header.results);
  const std::size_t oth = header.other;
  const bool has_other = oth != ResultsHeader::npos;
  if (has_other) t.other_column = oth + 1;
  std::unordered_map<std::string, std::size_t> seen;
  std::string id_buf;
  const auto one_row = [&] {
    check_width(r, width);
    std::string id(person_id_cell(r, pid, id_buf, controls));
    if (id.empty()) throw ValidationError("person_id is empty", r.where(pid, "person_id"));
    double v;
    const auto st = detail::read_decimal(r[res], v);
    if (st == detail::NumberStatus::mixed_digits) mixed_digits(r, res, "results");
    if (st != detail::NumberStatus::ok)
      throw ParseError("not a number (results, 0 to 100)", r.where(res, "results"));
    if (v < 0 || v > 100)
      throw ValidationError("results must be between 0 and 100", r.where(res, "results"));
    if (auto [it, fresh] = seen.emplace(id, r.line()); !fresh)
      throw ValidationError(
          "person_id given twice (first on line " + std::to_string(it->second) + ")",
          r.where(pid, "person_id"));
    const double o = has_other ? percent_cell(r, oth, r[oth], "other")
                               : std::numeric_limits<double>::quiet_NaN();
    t.rows.emplace_back(std::move(id), v);
    t.lines.push_back(r.line());
    if (has_other) t.other.push_back(o);
  };
  while (r.next()) (void)errors.row(one_row, [&] { return row_person_id(r, pid); });
  return t;
}
}  // namespace

ResultsTable read_results_csv(std::string_view bytes, std::string_view file) {
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] { return read_results(bytes, file, errors); });
}

ResultsTable load_results_csv(const std::filesystem::path& file) {
  return detail::RowErrors{file.string()}.read([&] {
    const detail::FileBytes bytes = detail::read_file_bytes(file);
    return read_results_csv(bytes.view(), file.string());
  });
}

}  // namespace samatthana
