// Row builders for ratings, evidence and results tables given cell by cell (DataFrames, C++ code):
// the CSV readers' checks and messages, located by the caller.
#include "samatthana/builders.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "samatthana/scoring.hpp"
#include "text/cell_numbers.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

bool blank(std::string_view s) noexcept { return detail::trim_unicode_space(s).empty(); }

/// `where` with its value filled in from the cell when the caller left it empty.
Location with_value(Location where, const Cell& cell) {
  if (where.value.empty()) where.value = cell.shown();
  return where;
}

std::string not_a_level(const Competency& comp) {
  return "not a level: write a whole number 0.." + std::to_string(comp.max_level()) +
         " in Thai or Arabic digits, or leave the cell empty (not rated)";
}

std::int8_t checked_level(long long level, const Competency& comp, const Location& where) {
  if (level > comp.max_level())
    throw ValidationError("level above the highest level of '" + comp.id + "' (0.." +
                              std::to_string(comp.max_level()) + ")",
                          where);
  return static_cast<std::int8_t>(level);
}

/// Standard column of a header cell (match_key'd), or nullopt for a competency column. The same
/// names as the CSV reader's (src/io/ratings_csv.cpp).
std::optional<RatingsColumn> standard_column(std::string_view header) {
  const std::string k = text::match_key(header);
  using C = RatingsColumn;
  static const std::pair<const char*, C> names[] = {
      {"person_id", C::person_id},
      {"personid", C::person_id},
      {"id", C::person_id},
      {"รหัส", C::person_id},
      {"เลขประจำตัว", C::person_id},
      {"รหัสบุคคล", C::person_id},
      {"name", C::name},
      {"ชื่อ", C::name},
      {"ชื่อ-สกุล", C::name},
      {"ชื่อ-นามสกุล", C::name},
      {"unit", C::unit},
      {"หน่วยงาน", C::unit},
      {"สังกัด", C::unit},
      {"position", C::position},
      {"ตำแหน่ง", C::position},
      {"ระดับตำแหน่ง", C::position},
      {"results", C::results},
      {"result", C::results},
      {"ผลสัมฤทธิ์", C::results},
      {"ผลสัมฤทธิ์ของงาน", C::results},
      {"rater_role", C::rater_role},
      {"raterrole", C::rater_role},
      {"rater", C::rater_role},
      {"role", C::rater_role},
      {"ผู้ประเมิน", C::rater_role},
      {"บทบาทผู้ประเมิน", C::rater_role},
      {"rater_id", C::rater_id},
      {"raterid", C::rater_id},
      {"รหัสผู้ประเมิน", C::rater_id},
      {"job_line", C::job_line},
      {"jobline", C::job_line},
      {"สายงาน", C::job_line},
      {"สายงานตำแหน่ง", C::job_line},
      {"other", C::other},
      {"ผลงานองค์ประกอบอื่น", C::other},
      {"ผลงานองค์ประกอบอื่นๆ", C::other},
      {"องค์ประกอบอื่น", C::other},
      {"องค์ประกอบอื่นๆ", C::other},
  };
  for (const auto& [n, col] : names)
    if (k == n) return col;
  return std::nullopt;
}

}  // namespace

const char* ratings_column_name(RatingsColumn c) noexcept {
  switch (c) {
    case RatingsColumn::person_id:
      return "person_id";
    case RatingsColumn::name:
      return "name";
    case RatingsColumn::unit:
      return "unit";
    case RatingsColumn::position:
      return "position";
    case RatingsColumn::results:
      return "results";
    case RatingsColumn::rater_role:
      return "rater_role";
    case RatingsColumn::rater_id:
      return "rater_id";
    case RatingsColumn::job_line:
      return "job_line";
    case RatingsColumn::other:
      return "other";
    case RatingsColumn::competency:
      break;
  }
  return "";
}

std::string Cell::shown() const {
  switch (kind) {
    case Kind::empty:
      return {};
    case Kind::text:
      return std::string(text);
    case Kind::boolean:
      return number != 0 ? "True" : "False";
    case Kind::number:
      break;
  }
  if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 1e15)
    return std::to_string(static_cast<long long>(number));
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, number);
  return ec == std::errc() ? std::string(buf, p) : std::string("?");
}

/// Thai and Arabic digits in one number ("๘5"): a typing slip, never guessed (as the CSV reader).
[[noreturn]] void mixed_digits(const Location& at) {
  throw ParseError(
      "Thai and Arabic digits mixed in one number (a typing slip?): write the whole "
      "number in Thai (๐-๙) or in Arabic (0-9) digits",
      at);
}

std::int8_t level_from_cell(const Cell& cell, const Competency& comp, const Location& where) {
  const Location at = with_value(where, cell);
  switch (cell.kind) {
    case Cell::Kind::empty:
      return -1;
    case Cell::Kind::boolean:
      throw ParseError(not_a_level(comp), at);
    case Cell::Kind::text: {
      int level;
      const auto st = detail::read_level(cell.text, level);
      if (st == detail::NumberStatus::mixed_digits) mixed_digits(at);
      if (st == detail::NumberStatus::ok) return checked_level(level, comp, at);
      if (blank(cell.text)) return -1;
      throw ParseError(not_a_level(comp), at);
    }
    case Cell::Kind::number:
      break;
  }
  const double v = cell.number;
  if (std::isnan(v)) return -1;
  if (!std::isfinite(v) || v < 0 || v != std::trunc(v)) throw ParseError(not_a_level(comp), at);
  return checked_level(v > 1e6 ? 1000000 : static_cast<long long>(v), comp, at);
}

namespace {
/// A percent cell (results, other): 0..100, NaN when empty and allowed.
double percent_from_cell(const Cell& cell, EmptyResults empty, const Location& where,
                         const std::string& what) {
  const Location at = with_value(where, cell);
  const double none = std::numeric_limits<double>::quiet_NaN();
  const std::string nan_message = "not a number (" + what + ", 0 to 100)";
  double v = none;
  switch (cell.kind) {
    case Cell::Kind::empty:
      break;
    case Cell::Kind::boolean:
      throw ParseError(nan_message, at);
    case Cell::Kind::text:
      if (empty == EmptyResults::allowed && blank(cell.text)) break;
      switch (detail::read_decimal(cell.text, v)) {
        case detail::NumberStatus::ok:
          break;
        case detail::NumberStatus::mixed_digits:
          mixed_digits(at);
        case detail::NumberStatus::not_a_number:
          throw ParseError(nan_message, at);
      }
      break;
    case Cell::Kind::number:
      v = cell.number;
      break;
  }
  if (std::isnan(v)) {
    if (empty == EmptyResults::allowed) return none;
    throw ParseError(nan_message, at);
  }
  if (!(v >= 0 && v <= 100)) throw ValidationError(what + " must be between 0 and 100", at);
  return v;
}
}  // namespace

double results_from_cell(const Cell& cell, EmptyResults empty, const Location& where) {
  return percent_from_cell(cell, empty, where, "results");
}

double other_from_cell(const Cell& cell, const Location& where) {
  return percent_from_cell(cell, EmptyResults::allowed, where, "other");
}

RaterRole rater_role_from_cell(std::string_view text, const Location& where) {
  if (const auto role = rater_role_from_string(detail::trim_space_tab(text))) return *role;
  const bool empty = text.find_first_not_of(" \t") == std::string_view::npos;  // as the CSV reader
  throw ParseError(std::string(empty ? "rater_role is empty" : "not a rater role") +
                       ": write supervisor, self, peer or subordinate (ผู้บังคับบัญชา, ตนเอง, "
                       "เพื่อนร่วมงาน, ผู้ใต้บังคับบัญชา)",
                   where);
}

std::optional<RatingsColumnName> ratings_column(std::string_view header, const Framework& fw) {
  const std::string name(detail::trim_space_tab(header));
  if (const auto s = standard_column(name)) return RatingsColumnName{*s, 0};
  if (const auto idx = fw.find(name)) return RatingsColumnName{RatingsColumn::competency, *idx};
  return std::nullopt;
}

RatingsHeader ratings_header(std::span<const std::string> headers, const Framework& fw,
                             const std::function<Location(std::size_t, std::string_view)>& where) {
  RatingsHeader h;
  h.columns.assign(fw.size(), "");
  h.role.resize(headers.size());
  h.competency.assign(headers.size(), 0);
  std::vector<RatingsColumn> seen;
  auto has = [&](RatingsColumn c) { return std::find(seen.begin(), seen.end(), c) != seen.end(); };
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string name(detail::trim_space_tab(headers[i]));
    const auto col = ratings_column(name, fw);
    if (col && col->role != RatingsColumn::competency) {
      const RatingsColumn s = col->role;
      if (has(s))
        throw ValidationError("column '" + std::string(ratings_column_name(s)) + "' appears twice",
                              where(i, name));
      seen.push_back(s);
      h.role[i] = s;
      continue;
    }
    const std::optional<std::size_t> idx =
        col ? std::optional<std::size_t>(col->competency) : std::nullopt;
    if (!idx) {
      std::string known;
      for (const auto& comp : fw.competencies()) known += (known.empty() ? "" : ", ") + comp.id;
      throw LookupError(
          "unknown column: not person_id, name, unit, position, results, rater_role, rater_id, nor "
          "a competency of '" +
              fw.id() + "' (" + known + "; DPIS codes and Thai names work too)",
          where(i, name));
    }
    if (!h.columns[*idx].empty())
      throw ValidationError("two columns name competency '" + fw.competencies()[*idx].id + "' ('" +
                                h.columns[*idx] + "' and '" + name + "')",
                            where(i, name));
    h.columns[*idx] = name;
    h.role[i] = RatingsColumn::competency;
    h.competency[i] = *idx;
  }
  for (const RatingsColumn need : {RatingsColumn::person_id, RatingsColumn::position})
    if (!has(need))
      throw ValidationError(
          std::string("the header has no '") + ratings_column_name(need) + "' column",
          where(headers.size(), ratings_column_name(need)));
  h.has_results = has(RatingsColumn::results);
  h.has_raters = has(RatingsColumn::rater_role);
  h.has_job_line = has(RatingsColumn::job_line);
  h.has_other = has(RatingsColumn::other);
  if (!h.has_raters && has(RatingsColumn::rater_id)) {
    const auto at = static_cast<std::size_t>(
        std::find(h.role.begin(), h.role.end(), RatingsColumn::rater_id) - h.role.begin());
    throw ValidationError(
        "a rater_id column needs a rater_role column (supervisor, self, peer, subordinate)",
        where(at, std::string(detail::trim_space_tab(headers[at]))));
  }
  return h;
}

EvidenceHeader evidence_header(
    std::span<const std::string> headers,
    const std::function<Location(std::size_t, std::string_view)>& where) {
  EvidenceHeader h;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string k = text::match_key(headers[i]);
    std::size_t* slot = nullptr;
    if (k == "person_id" || k == "รหัส")
      slot = &h.person_id;
    else if (k == "indicator_id" || k == "indicator" || k == "พฤติกรรมบ่งชี้")
      slot = &h.indicator_id;
    else if (k == "observation" || k == "shown" || k == "status" || k == "ผลการสังเกต")
      slot = &h.observation;
    else if (k == "evidence" || k == "หลักฐาน" || k == "พฤติกรรมที่พบ")
      slot = &h.evidence;
    if (!slot)
      throw ValidationError(
          "unknown column (expected person_id, indicator_id, observation, evidence)",
          where(i, headers[i]));
    if (*slot != EvidenceHeader::npos)
      throw ValidationError("column given twice", where(i, headers[i]));
    *slot = i;
  }
  const char* missing = h.person_id == EvidenceHeader::npos      ? "person_id"
                        : h.indicator_id == EvidenceHeader::npos ? "indicator_id"
                        : h.observation == EvidenceHeader::npos  ? "observation"
                                                                 : nullptr;
  if (missing)
    throw ValidationError(std::string("the evidence header has no '") + missing + "' column",
                          where(headers.size(), missing));
  return h;
}

ResultsHeader results_header(std::span<const std::string> headers,
                             const std::function<Location(std::size_t, std::string_view)>& where) {
  constexpr auto none = static_cast<std::size_t>(-1);
  std::size_t pid = none, res = none, other = none;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto s = standard_column(headers[i]);
    const std::string k = text::match_key(headers[i]);
    if (s == RatingsColumn::person_id)
      pid = i;
    else if (s == RatingsColumn::results || k == "score" || k == "kpi")
      res = i;
    else if (s == RatingsColumn::other && other == none)
      other = i;
    else if (s != RatingsColumn::name && s != RatingsColumn::unit && s != RatingsColumn::position)
      throw ValidationError(
          s == RatingsColumn::other
              ? std::string("column 'other' appears twice")
              : std::string("unknown column (expected person_id, results; other, name, unit, "
                            "position allowed)"),
          where(i, headers[i]));
  }
  if (pid == none || res == none) {
    const char* missing = pid == none ? "person_id" : "results";
    throw ValidationError(std::string("the results header has no '") + missing + "' column",
                          where(headers.size(), missing));
  }
  return ResultsHeader{pid, res, other};
}

void check_person_text(std::string_view column, std::string_view value, PersonCell kind,
                       const CellWhere& where) {
  constexpr std::size_t max_bytes = 65536;  // as the CSV reader (src/io/ratings_csv.cpp)
  if (value.size() > max_bytes)
    throw ValidationError(std::string(column) + " is too long (" + std::to_string(value.size()) +
                              " bytes; at most " + std::to_string(max_bytes) +
                              "): is this the right column?",
                          where(column, value));
  for (std::size_t k = 0; k < value.size(); ++k) {
    const auto c = static_cast<unsigned char>(value[k]);
    const bool allowed = c == '\t' || (kind == PersonCell::text && (c == '\n' || c == '\r'));
    if ((c < 0x20 && !allowed) || c == 0x7F)
      throw ValidationError(std::string(column) + " holds the control character " +
                                detail::shown(value.substr(k, 1)) +
                                "; remove it (ids, names, units and positions are plain text)",
                            where(column, value));
  }
}

std::string person_id_from_cell(std::string_view column, std::string_view value,
                                const CellWhere& where) {
  check_person_text(column, value, PersonCell::id, where);
  const std::string_view t = detail::trim_unicode_space(value);
  for (const char c : t)
    if (static_cast<unsigned char>(c) >= 0x80) return text::normalize_id(t);
  return std::string(t);
}

Person person_from_cells(std::string_view id, std::string_view name, std::string_view unit,
                         std::string_view position, const CellWhere& where, UnitCache* units) {
  std::string person_id = person_id_from_cell("person_id", id, where);
  const std::pair<const char*, std::string_view> cells[] = {
      {"name", name}, {"unit", unit}, {"position", position}};
  for (const auto& [column, value] : cells)
    check_person_text(column, value, PersonCell::text, where);
  std::string normal_unit;
  if (units) {
    auto it = units->find(std::string(unit));
    if (it == units->end()) it = units->emplace(std::string(unit), text::normalize(unit)).first;
    normal_unit = it->second;
  } else {
    normal_unit = text::normalize(unit);
  }
  return Person{std::move(person_id), std::string(detail::trim_space_tab(name)),
                std::move(normal_unit), std::string(detail::trim_space_tab(position))};
}

Person person_from_cells(std::string_view id, std::string_view name, std::string_view unit,
                         std::string_view position, std::string_view job_line,
                         const CellWhere& where, UnitCache* units) {
  Person p = person_from_cells(id, name, unit, position, where, units);
  check_person_text("job_line", job_line, PersonCell::text, where);
  p.job_line = std::string(detail::trim_space_tab(job_line));
  return p;
}

PeopleBuilder::PeopleBuilder(std::shared_ptr<const Framework> fw, std::string file,
                             std::vector<std::string> columns, bool has_results)
    : has_results_(has_results) {
  if (!fw) throw ValidationError("PeopleBuilder needs a framework");
  t_.file = std::move(file);
  t_.framework = std::move(fw);
  t_.columns = std::move(columns);
  t_.columns.resize(t_.framework->size());
}

void PeopleBuilder::reserve(std::size_t rows) {
  t_.people.reserve(rows);
  t_.lines.reserve(rows);
  t_.levels.reserve(rows * t_.framework->size());
  if (has_results_) t_.results.reserve(rows);
  seen_.reserve(rows);
}

void PeopleBuilder::add(Person person, std::span<const std::int8_t> levels, double results,
                        std::size_t line, const CellWhere& where) {
  const Framework& fw = *t_.framework;
  const std::size_t c = fw.size();
  if (levels.size() != c)
    throw ValidationError(
        "a ratings row needs one level per competency (" + std::to_string(c) + ")",
        where("person_id", person.id));
  for (std::size_t j = 0; j < c; ++j) {
    const Competency& comp = fw.competencies()[j];
    if (levels[j] < -1 || levels[j] > comp.max_level())
      throw ValidationError(
          "level above the highest level of '" + comp.id + "' (0.." +
              std::to_string(comp.max_level()) + ")",
          where(t_.columns[j].empty() ? comp.id : t_.columns[j], std::to_string(levels[j])));
  }
  if (person.id.empty()) throw ValidationError("person_id is empty", where("person_id", ""));
  if (auto [it, fresh] = seen_.emplace(person.id, line); !fresh)
    throw ValidationError(
        "person_id given twice (first on line " + std::to_string(it->second) + ")",
        where("person_id", person.id));
  t_.people.push_back(std::move(person));
  t_.lines.push_back(line);
  t_.levels.insert(t_.levels.end(), levels.begin(), levels.end());
  if (has_results_) t_.results.push_back(results);
  if (has_other_) t_.other.push_back(std::numeric_limits<double>::quiet_NaN());
}

void PeopleBuilder::add(Person person, std::span<const std::int8_t> levels, double results,
                        double other, std::size_t line, const CellWhere& where) {
  if (!has_other_)
    throw ValidationError("PeopleBuilder: an other figure needs has_other(true) first",
                          where("other", ""));
  if (!std::isnan(other) && !(other >= 0 && other <= 100))
    throw ValidationError("other must be between 0 and 100", where("other", std::to_string(other)));
  add(std::move(person), levels, results, line, where);
  t_.other.back() = other;
}

void PeopleBuilder::has_other(bool yes, std::size_t column) {
  has_other_ = yes;
  t_.other_column = column;
}

RatingsTable PeopleBuilder::finish() && { return std::move(t_); }

EvidenceBuilder::EvidenceBuilder(std::shared_ptr<const Framework> fw, std::string file)
    : fw_(std::move(fw)) {
  if (!fw_) throw ValidationError("EvidenceBuilder needs a framework");
  t_.file = std::move(file);
}

void EvidenceBuilder::add(std::string_view person_id, std::string_view indicator_id,
                          std::string_view observation, std::string evidence, std::size_t line,
                          const CellWhere& where) {
  EvidenceRow e;
  e.line = line;
  e.person_id = person_id_from_cell("person_id", person_id, where);
  if (e.person_id.empty())
    throw ValidationError("person_id is empty", where("person_id", person_id));
  e.indicator_id = std::string(detail::trim_space_tab(indicator_id));
  try {
    (void)fw_->indicator(e.indicator_id);
  } catch (const LookupError& err) {
    throw LookupError(err.message() + " (ids look like 'integrity.1.2')",
                      where("indicator_id", indicator_id));
  }
  const auto o = observation_from_string(observation);
  if (!o)
    throw ParseError("not an observation: write shown, not_shown or not_observed",
                     where("observation", observation));
  e.observation = *o;
  e.evidence = std::move(evidence);
  if (auto [it, fresh] = seen_.emplace(e.person_id + '\x1f' + e.indicator_id, line); !fresh)
    throw ValidationError(
        "this person's indicator is given twice (first on line " + std::to_string(it->second) + ")",
        where("indicator_id", indicator_id));
  t_.rows.push_back(std::move(e));
}

EvidenceTable EvidenceBuilder::finish() && { return std::move(t_); }

ResultsBuilder::ResultsBuilder(std::string file) { t_.file = std::move(file); }

void ResultsBuilder::add(std::string_view person_id, const Cell& results, std::size_t line,
                         const CellWhere& where) {
  std::string id = person_id_from_cell("person_id", person_id, where);
  if (id.empty()) throw ValidationError("person_id is empty", where("person_id", person_id));
  const double v =
      results_from_cell(results, EmptyResults::error, where("results", results.shown()));
  if (auto [it, fresh] = seen_.emplace(id, line); !fresh)
    throw ValidationError(
        "person_id given twice (first on line " + std::to_string(it->second) + ")",
        where("person_id", person_id));
  t_.rows.emplace_back(std::move(id), v);
  t_.lines.push_back(line);
  if (has_other_) t_.other.push_back(std::numeric_limits<double>::quiet_NaN());
}

void ResultsBuilder::add(std::string_view person_id, const Cell& results, const Cell& other,
                         std::size_t line, const CellWhere& where) {
  if (!has_other_ && !t_.rows.empty())
    throw ValidationError("ResultsBuilder: give every row an other cell, or none",
                          where("other", other.shown()));
  has_other_ = true;
  const double o = other_from_cell(other, where("other", other.shown()));
  add(person_id, results, line, where);
  t_.other.back() = o;
}

ResultsTable ResultsBuilder::finish() && { return std::move(t_); }

RaterWeights rater_weights_from(std::span<const std::pair<std::string, double>> items,
                                const std::function<Location(std::string_view role)>& where) {
  RaterWeights w{0, 0, 0, 0};
  bool seen[4] = {false, false, false, false};
  double sum = 0;
  for (const auto& [name, value] : items) {
    const auto role = rater_role_from_string(name);
    if (!role)
      throw ValidationError(
          "'" + name + "' is not a rater role (supervisor, self, peer, subordinate)", where(name));
    const auto i = static_cast<std::size_t>(*role);
    if (seen[i]) throw ValidationError(std::string(to_string(*role)) + " given twice", where(name));
    seen[i] = true;
    if (!(value >= 0) || !std::isfinite(value))
      throw ValidationError(
          "the weight of " + std::string(to_string(*role)) + " must be a number ≥ 0", where(name));
    (i == 0 ? w.supervisor : i == 1 ? w.self : i == 2 ? w.peer : w.subordinate) = value;
    sum += value;
  }
  if (!(sum > 0)) throw ValidationError("give at least one role a weight above 0", where(""));
  return w;
}

// ---- RatingsBuilder: a ratings table held to its rules, whoever gives the rows --------------

RatingsBuilder::RatingsBuilder(std::shared_ptr<const Framework> fw, std::string file,
                               std::vector<std::string> columns, bool has_results)
    : has_results_(has_results) {
  if (!fw) throw ValidationError("RatingsBuilder needs a framework");
  t_.file = std::move(file);
  t_.framework = std::move(fw);
  t_.columns = std::move(columns);
  t_.columns.resize(t_.framework->size());
}

namespace {

/// The header naming competency j of `t` (its id when the table has none).
const std::string& level_column(const RatingsTable& t, std::size_t j) {
  return t.columns[j].empty() ? t.framework->competencies()[j].id : t.columns[j];
}

/// A row's own checks: one level per competency, each -1 (empty) .. the competency's highest,
/// and a person id.
void check_rater_row(const RatingsTable& t, const std::string& person_id,
                     std::span<const std::int8_t> levels, const RatingsBuilder::Where& where) {
  const Framework& fw = *t.framework;
  const std::size_t c = fw.size();
  if (levels.size() != c)
    throw ValidationError(
        "a ratings row needs one level per competency (" + std::to_string(c) + ")",
        where("person_id", person_id));
  if (person_id.empty()) throw ValidationError("person_id is empty", where("person_id", ""));
  for (std::size_t j = 0; j < c; ++j) {
    const int maxl = fw.competencies()[j].max_level();
    if (levels[j] < -1 || levels[j] > maxl)
      throw ValidationError("level above the highest level of '" + fw.competencies()[j].id +
                                "' (0.." + std::to_string(maxl) + ")",
                            where(level_column(t, j), std::to_string(levels[j])));
  }
}

/// A person's rows after the first: empty person cells are the first row's; given ones (and
/// results) must agree with it.
void merge_person_row(RatingsTable& t, std::size_t pi, const Person& person, double results,
                      bool has_results, const RatingsBuilder::Where& where) {
  Person& first = t.people[pi];
  const std::string first_line = std::to_string(t.lines[pi]);
  auto agree = [&](std::string& have, const std::string& got, const char* col) {
    if (got.empty() || got == have) return;
    if (have.empty()) {
      have = got;
      return;
    }
    throw ValidationError(std::string(col) + " differs from this person's row on line " +
                              first_line + " ('" + detail::shown(have) +
                              "'); a person's rows must agree (or leave it empty)",
                          where(col, got));
  };
  agree(first.name, person.name, "name");
  agree(first.unit, person.unit, "unit");
  agree(first.position, person.position, "position");
  agree(first.job_line, person.job_line, "job_line");
  if (has_results && !std::isnan(results)) {
    double& have = t.results[pi];
    if (std::isnan(have)) {
      have = results;
    } else if (have != results) {
      std::ostringstream os;
      os << have;
      throw ValidationError("results differs from this person's row on line " + first_line + " (" +
                                os.str() + "); a person's rows must agree (or leave it empty)",
                            where("results", ""));
    }
  }
}

/// One rater (role and rater_id) rates a person once: `seen` maps person, role, rater to the line.
void check_rater_once(std::unordered_map<std::string, std::size_t>& seen,
                      const std::string& person_id, RaterRole role, const std::string& rater_id,
                      std::size_t line, const RatingsBuilder::Where& where) {
  const std::string key = person_id + '\x1f' + std::string(to_string(role)) + '\x1f' + rater_id;
  if (auto [rit, new_rater] = seen.emplace(key, line); !new_rater) {
    const std::string first = std::to_string(rit->second);
    throw ValidationError(
        rater_id.empty()
            ? "a second " + std::string(to_string(role)) +
                  " row for this person without a rater_id (first on line " + first +
                  "); give each rater a rater_id"
            : "this rater (" + std::string(to_string(role)) + " '" + detail::shown(rater_id) +
                  "') already rated this person on line " + first + "; one row per rater",
        where(rater_id.empty() ? "rater_role" : "rater_id",
              rater_id.empty() ? to_string(role) : rater_id));
  }
}

/// A supervisor row's levels into the table's `levels` (what the BMA counts); two supervisor
/// ratings of one competency must agree. `supervisor_line`: per person × c, the line of each.
void keep_supervisor_levels(RatingsTable& t, std::vector<std::size_t>& supervisor_line,
                            std::size_t pi, std::span<const std::int8_t> levels, std::size_t line,
                            const RatingsBuilder::Where& where) {
  const Framework& fw = *t.framework;
  const std::size_t c = fw.size();
  for (std::size_t j = 0; j < c; ++j) {
    if (levels[j] < 0) continue;
    std::int8_t& cell = t.levels[pi * c + j];
    if (cell >= 0 && cell != levels[j])
      throw ValidationError(
          "a second supervisor rating of '" + fw.competencies()[j].id + "' (" +
              std::to_string(levels[j]) + ") differs from the one on line " +
              std::to_string(supervisor_line[pi * c + j]) + " (" + std::to_string(cell) +
              "); the BMA counts one supervisor rating: give one, or give the other "
              "rater another role",
          where(level_column(t, j), std::to_string(levels[j])));
    cell = levels[j];
    supervisor_line[pi * c + j] = line;
  }
}

}  // namespace

void RatingsBuilder::add(Person person, RaterRole role, std::string rater_id,
                         std::span<const std::int8_t> levels, double results, std::size_t line,
                         const Where& where) {
  check_rater_row(t_, person.id, levels, where);
  const std::size_t c = t_.framework->size();
  auto [it, fresh] = index_.emplace(person.id, t_.people.size());
  const std::size_t pi = it->second;
  if (fresh) {
    t_.people.push_back(std::move(person));
    t_.lines.push_back(line);
    t_.levels.resize(t_.levels.size() + c, std::int8_t{-1});
    supervisor_line_.resize(supervisor_line_.size() + c, 0);
    if (has_results_) t_.results.push_back(results);
    if (has_other_) t_.other.push_back(std::numeric_limits<double>::quiet_NaN());
  } else {
    merge_person_row(t_, pi, person, results, has_results_, where);
  }
  check_rater_once(rater_seen_, t_.people[pi].id, role, rater_id, line, where);
  if (role == RaterRole::supervisor)
    keep_supervisor_levels(t_, supervisor_line_, pi, levels, line, where);
  t_.raters.push_back(RatingsTable::RaterRow{pi, role, std::move(rater_id), line});
  t_.rater_levels.insert(t_.rater_levels.end(), levels.begin(), levels.end());
}

void RatingsBuilder::add(Person person, RaterRole role, std::string rater_id,
                         std::span<const std::int8_t> levels, double results, double other,
                         std::size_t line, const Where& where) {
  if (!has_other_) {
    if (!std::isnan(other))
      throw ValidationError("RatingsBuilder: an other figure needs has_other(true) first",
                            where("other", ""));
    return add(std::move(person), role, std::move(rater_id), levels, results, line, where);
  }
  if (!std::isnan(other) && !(other >= 0 && other <= 100))
    throw ValidationError("other must be between 0 and 100", where("other", std::to_string(other)));
  // A person's rows after the first may leave other empty, or must repeat it (as results).
  if (const auto it = index_.find(person.id); it != index_.end() && !std::isnan(other)) {
    const double have = t_.other[it->second];
    if (!std::isnan(have) && have != other) {
      std::ostringstream os;
      os << have;
      throw ValidationError("other differs from this person's row on line " +
                                std::to_string(t_.lines[it->second]) + " (" + os.str() +
                                "); a person's rows must agree (or leave it empty)",
                            where("other", ""));
    }
  }
  const std::string id = person.id;
  add(std::move(person), role, std::move(rater_id), levels, results, line, where);
  double& have = t_.other[index_.at(id)];  // NaN for a person's first row (add put it there)
  if (!std::isnan(other)) have = other;
}

RatingsTable RatingsBuilder::finish() && { return std::move(t_); }

}  // namespace samatthana
