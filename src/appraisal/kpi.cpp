// The results part: performance agreements (KPIs), DPIS's formula, the KPI file readers.
// See docs/kpis.md; the formula's source lines are cited in docs/scoring.md.
#include "samatthana/appraisal.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/json.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

/// Whether v has at most two decimals (DPIS stores weights and achieved levels as NUMBER(p,2)).
bool two_decimals(double v) noexcept {
  const double y = v * 100.0;
  return std::fabs(y - std::round(y)) <= 1e-9 * std::max(1.0, std::fabs(y));
}

[[noreturn]] void mixed(const Location& at) {
  throw ParseError(
      "Thai and Arabic digits mixed in one number (a typing slip?): write the whole number in Thai "
      "(๐-๙) or in Arabic (0-9) digits",
      at);
}

/// A number cell (weight or achieved): text in Thai or Arabic digits, or a number. `what` names it
/// in the messages ("weight (a number above 0, up to 100)").
double number_cell(const Cell& cell, const std::string& what, Location at) {
  if (at.value.empty()) at.value = cell.shown();
  double v = std::nan("");
  switch (cell.kind) {
    case Cell::Kind::empty:
      break;
    case Cell::Kind::boolean:
      throw ParseError("not a number: " + what, at);
    case Cell::Kind::text:
      switch (detail::read_decimal(cell.text, v)) {
        case detail::NumberStatus::ok:
          break;
        case detail::NumberStatus::mixed_digits:
          mixed(at);
        case detail::NumberStatus::not_a_number:
          throw ParseError((detail::trim_unicode_space(cell.text).empty() ? "empty: give the "
                                                                          : "not a number: ") +
                               what,
                           at);
      }
      break;
    case Cell::Kind::number:
      v = cell.number;
      break;
  }
  if (std::isnan(v)) throw ParseError("empty: give the " + what, at);
  if (!std::isfinite(v)) throw ParseError("not a number: " + what, at);
  return v;
}

const char* const kWeight = "weight (a number above 0, up to 100, at most two decimals)";
const char* const kAchieved = "achieved level (1 to 5, at most two decimals)";

std::string trimmed(std::string_view s) { return std::string(detail::trim_unicode_space(s)); }

}  // namespace

const Agreement* KpiTable::find(std::string_view person_id) const {
  for (const Agreement& a : agreements)
    if (a.person_id == person_id) return &a;
  return nullptr;
}

// ---- the formula -------------------------------------------------------------------------

ResultsPart results_part(std::span<const Kpi> kpis, double results_weight, const KpiRules& rules) {
  if (!(results_weight >= 0 && results_weight <= 100))
    throw ValidationError("the results part weight must be between 0 and 100, not " +
                          fmt(results_weight));
  if (kpis.empty()) throw ValidationError("the performance agreement has no KPI");
  ResultsPart r;
  r.weight = results_weight;
  for (const Kpi& k : kpis) {
    if (!(k.weight > 0 && k.weight <= 100))
      throw ValidationError("KPI '" + k.id + "': the weight must be above 0 and at most 100, not " +
                            fmt(k.weight));
    if (!(k.achieved >= 1 && k.achieved <= 5))
      throw ValidationError("KPI '" + k.id + "': the achieved level must be 1 to 5, not " +
                            fmt(k.achieved));
    // DPIS adds in the order it reads the rows (kpi_kpi_form_detail_1.php 226–238).
    r.weight_sum += k.weight;
    r.score += k.achieved * k.weight;
  }
  if (rules.weights == WeightSum::must_be_100 && std::fabs(r.weight_sum - 100) > 1e-9)
    throw ValidationError("the KPI weights sum to " + fmt(r.weight_sum) + ", not 100");
  const double x = r.score / (r.weight_sum * 5) * results_weight;  // line 240, in its order
  r.points = rules.dpis_rounding ? round_dpis(x) : x;
  return r;
}

ResultsPart results_part(const Agreement& agreement, const Scheme& scheme, const KpiRules& rules) {
  try {
    return results_part(agreement.kpis, scheme.results_weight, rules);
  } catch (const ValidationError& e) {
    throw ValidationError("person '" + agreement.person_id + "': " + e.message(), e.where());
  }
}

ResultsTable results_table(const KpiTable& kpis, const Scheme& scheme, const KpiRules& rules) {
  ResultsTable t;
  t.file = kpis.file;
  if (!(scheme.results_weight > 0))
    throw ValidationError(
        "the scheme gives the results part no weight, so KPIs cannot count towards the total");
  for (const Agreement& a : kpis.agreements) {
    ResultsPart r;
    try {
      r = results_part(a, scheme, rules);
    } catch (const ValidationError& e) {
      Location where;
      where.file = kpis.file;
      where.line = a.line;
      where.path = "person_id";
      where.value = a.person_id;
      throw ValidationError(e.message(), where);
    }
    t.rows.emplace_back(a.person_id, r.percent());
    t.lines.push_back(a.line);
  }
  return t;
}

// ---- columns and rows --------------------------------------------------------------------

std::string_view to_string(KpiColumn c) noexcept {
  static constexpr std::string_view names[] = {"person_id", "kpi_id",   "name",     "weight",
                                               "target_1",  "target_2", "target_3", "target_4",
                                               "target_5",  "achieved", "ignored"};
  return names[static_cast<std::size_t>(c)];
}

KpiColumn kpi_column(std::string_view header, const Location& where) {
  const std::string k = text::match_key(header);
  using C = KpiColumn;
  static const std::pair<const char*, C> names[] = {
      {"person_id", C::person_id}, {"personid", C::person_id},
      {"รหัส", C::person_id},       {"เลขประจำตัว", C::person_id},
      {"รหัสบุคคล", C::person_id},   {"kpi_id", C::kpi_id},
      {"kpiid", C::kpi_id},        {"kpi", C::kpi_id},
      {"รหัสตัวชี้วัด", C::kpi_id},     {"name", C::name},
      {"kpi_name", C::name},       {"ตัวชี้วัด", C::name},
      {"ชื่อตัวชี้วัด", C::name},        {"weight", C::weight},
      {"น้ำหนัก", C::weight},        {"achieved", C::achieved},
      {"level", C::achieved},      {"achieved_level", C::achieved},
      {"ระดับที่ได้", C::achieved},    {"ผลการประเมิน", C::achieved},
      {"person_name", C::ignored}, {"unit", C::ignored},
      {"position", C::ignored},    {"weighted", C::ignored},
      {"ชื่อ", C::ignored},          {"หน่วยงาน", C::ignored},
      {"ตำแหน่ง", C::ignored},
  };
  for (const auto& [n, col] : names)
    if (k == n) return col;
  for (int i = 1; i <= 5; ++i) {
    const std::string d = std::to_string(i);
    if (k == "target_" + d || k == "target" + d || k == "เป้าหมายระดับ" + d ||
        k == "เป้าหมายระดับ_" + d)
      return static_cast<C>(static_cast<int>(C::target1) + i - 1);
  }
  throw ParseError(
      "unknown column (expected person_id, kpi_id, name, weight, target_1..target_5, achieved; "
      "person_name, unit, position, weighted allowed)",
      where);
}

KpiBuilder::KpiBuilder(std::string file) { t_.file = std::move(file); }

void KpiBuilder::add(const Row& row, std::size_t line, const CellWhere& where) {
  const std::string pid = person_id_from_cell("person_id", row.person_id, where);
  if (pid.empty()) throw ValidationError("person_id is empty", where("person_id", row.person_id));
  check_person_text("kpi_id", row.kpi_id, PersonCell::id, where);
  Kpi k;
  k.line = line;
  k.id = trimmed(row.kpi_id);
  if (k.id.empty())
    throw ValidationError("kpi_id is empty: give each KPI an id", where("kpi_id", row.kpi_id));
  check_person_text("name", row.name, PersonCell::text, where);
  k.name = trimmed(row.name);
  if (k.name.empty()) throw ValidationError("the KPI has no name", where("name", row.name));
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string col = "target_" + std::to_string(i + 1);
    check_person_text(col, row.targets[i], PersonCell::text, where);
    k.targets[i] = trimmed(row.targets[i]);
  }
  const Location wat = where("weight", row.weight.shown());
  k.weight = number_cell(row.weight, kWeight, wat);
  if (!(k.weight > 0 && k.weight <= 100))
    throw ValidationError("the weight must be above 0 and at most 100", wat);
  if (!two_decimals(k.weight))
    throw ValidationError("the weight has more than two decimals (DPIS keeps two)", wat);
  const Location aat = where("achieved", row.achieved.shown());
  k.achieved = number_cell(row.achieved, kAchieved, aat);
  if (!(k.achieved >= 1 && k.achieved <= 5))
    throw ValidationError("the achieved level must be 1 to 5 (the agreement's five target levels)",
                          aat);
  if (!two_decimals(k.achieved))
    throw ValidationError("the achieved level has more than two decimals (DPIS keeps two)", aat);
  if (auto [it, fresh] = seen_.emplace(pid + '\x1f' + k.id, line); !fresh)
    throw ValidationError(
        "this person's KPI id is given twice (first on line " + std::to_string(it->second) + ")",
        where("kpi_id", row.kpi_id));
  auto [pit, fresh] = people_.emplace(pid, t_.agreements.size());
  if (fresh) {
    Agreement a;
    a.person_id = pid;
    a.line = line;
    t_.agreements.push_back(std::move(a));
  }
  t_.agreements[pit->second].kpis.push_back(std::move(k));
}

KpiTable KpiBuilder::finish() && { return std::move(t_); }

}  // namespace samatthana
