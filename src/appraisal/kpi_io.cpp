// KPI files: the long CSV and JSON readers (through KpiBuilder) and the CSV writer.
#include <array>
#include <string>

#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/json.hpp"
#include "io/row_errors.hpp"
#include "samatthana/appraisal.hpp"
#include "samatthana/io.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

constexpr std::size_t kColumns = 11;  // KpiColumn values
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// Field index per KpiColumn; throws when a required column is missing or one is given twice.
std::array<std::size_t, kColumns> csv_header(const detail::CsvReader& r) {
  std::array<std::size_t, kColumns> at;
  at.fill(kNone);
  for (std::size_t i = 0; i < r.size(); ++i) {
    const KpiColumn c = kpi_column(r[i], r.where(i, r[i], r[i]));
    if (c == KpiColumn::ignored) continue;
    auto& slot = at[static_cast<std::size_t>(c)];
    if (slot != kNone) throw ValidationError("column given twice", r.where(i, r[i], r[i]));
    slot = i;
  }
  for (KpiColumn c : {KpiColumn::person_id, KpiColumn::kpi_id, KpiColumn::name, KpiColumn::weight,
                      KpiColumn::achieved})
    if (at[static_cast<std::size_t>(c)] == kNone) {
      Location w;
      w.file = r.file();
      w.line = r.line();
      w.path = std::string(to_string(c));
      throw ValidationError("the KPI header has no '" + w.path + "' column", w);
    }
  return at;
}

}  // namespace

namespace {
KpiTable read_csv(std::string_view bytes, std::string_view file, detail::RowErrors& errors) {
  if (detail::looks_utf16(bytes)) detail::throw_utf16(file, "CSV UTF-8");
  detail::CsvReader r(bytes, std::string(file));
  if (!r.next()) {
    Location w;
    w.file = std::string(file);
    throw ValidationError("the KPI file is empty; it needs a header row", w);
  }
  const auto at = csv_header(r);
  const std::size_t width = r.size();
  std::vector<std::string> names(width);
  for (std::size_t i = 0; i < width; ++i) names[i] = r[i];
  KpiBuilder b{std::string(file)};
  const auto cell = [&](KpiColumn c) -> std::string_view {
    const std::size_t i = at[static_cast<std::size_t>(c)];
    return i == kNone ? std::string_view() : std::string_view(r[i]);
  };
  const auto one_row = [&] {
    if (r.size() != width)
      throw ParseError("this row has " + std::to_string(r.size()) + " fields; the header has " +
                           std::to_string(width),
                       r.where(std::min(r.size(), width), ""));
    const CellWhere where = [&](std::string_view column, std::string_view value) {
      for (std::size_t c = 0; c < kColumns; ++c)
        if (at[c] != kNone && to_string(static_cast<KpiColumn>(c)) == column)
          return r.where(at[c], names[at[c]], value);
      return r.where(0, column, value);
    };
    KpiBuilder::Row row;
    row.person_id = cell(KpiColumn::person_id);
    row.kpi_id = cell(KpiColumn::kpi_id);
    row.name = cell(KpiColumn::name);
    row.weight = Cell::of(cell(KpiColumn::weight));
    row.achieved = Cell::of(cell(KpiColumn::achieved));
    for (std::size_t t = 0; t < 5; ++t)
      row.targets[t] =
          cell(static_cast<KpiColumn>(static_cast<std::size_t>(KpiColumn::target1) + t));
    b.add(row, r.line(), where);
  };
  while (r.next()) (void)errors.row(one_row);
  return std::move(b).finish();
}
}  // namespace

KpiTable read_kpis_csv(std::string_view bytes, std::string_view file) {
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] { return read_csv(bytes, file, errors); });
}

namespace {

/// A JSON value as a Cell: numbers and strings; anything else is a ParseError at `path`.
Cell json_cell(const boost::json::value* v, std::string& buf, const Location& where) {
  if (!v || v->is_null()) return Cell{};
  if (v->is_int64()) return Cell::of(static_cast<double>(v->as_int64()));
  if (v->is_uint64()) return Cell::of(static_cast<double>(v->as_uint64()));
  if (v->is_double()) return Cell::of(v->as_double());
  if (v->is_string()) {
    buf = std::string(v->as_string());
    return Cell::of(std::string_view(buf));
  }
  if (v->is_bool()) return Cell{Cell::Kind::boolean, v->as_bool() ? 1.0 : 0.0, {}};
  throw ParseError("expected a number or text, found " + detail::json_type_name(*v), where);
}

}  // namespace

namespace {
KpiTable read_json(std::string_view text, std::string_view file, detail::RowErrors& errors) {
  const boost::json::value doc = detail::parse_json(text, file);
  const boost::json::array* rows = doc.if_array();
  std::string base = "$";
  if (!rows) {
    const detail::ObjectReader top(doc, "$", file);
    top.only({"kpis"});
    rows = &top.array("kpis");
    base = "$.kpis";
  }
  KpiBuilder b{std::string(file)};
  const auto one_row = [&](std::size_t i) {
    const std::string path = base + "[" + std::to_string(i) + "]";
    const detail::ObjectReader o((*rows)[i], path, file);
    std::array<std::string, kColumns> text_of;
    std::array<const boost::json::value*, kColumns> value_of{};
    for (const auto& kv : o.object()) {
      Location w;
      w.file = std::string(file);
      w.path = path + "." + std::string(kv.key());
      const KpiColumn c = kpi_column(kv.key(), w);
      if (c == KpiColumn::ignored) continue;
      const auto ci = static_cast<std::size_t>(c);
      value_of[ci] = &kv.value();
      if (c != KpiColumn::weight && c != KpiColumn::achieved) {
        if (kv.value().is_string())
          text_of[ci] = std::string(kv.value().as_string());
        else if (!kv.value().is_null())
          throw ParseError("expected text, found " + detail::json_type_name(kv.value()), w);
      }
    }
    const CellWhere where = [&](std::string_view column, std::string_view value) {
      Location w;
      w.file = std::string(file);
      w.path = path + "." + std::string(column);
      w.value = detail::shown(value);
      return w;
    };
    for (KpiColumn c : {KpiColumn::person_id, KpiColumn::kpi_id, KpiColumn::name, KpiColumn::weight,
                        KpiColumn::achieved})
      if (!value_of[static_cast<std::size_t>(c)])
        throw ValidationError("this KPI has no '" + std::string(to_string(c)) + "'",
                              where(to_string(c), ""));
    std::string wbuf, abuf;
    KpiBuilder::Row row;
    row.person_id = text_of[0];
    row.kpi_id = text_of[1];
    row.name = text_of[2];
    row.weight = json_cell(value_of[3], wbuf, where("weight", ""));
    row.achieved = json_cell(value_of[9], abuf, where("achieved", ""));
    for (std::size_t t = 0; t < 5; ++t) row.targets[t] = text_of[4 + t];
    b.add(row, 0, where);
  };
  for (std::size_t i = 0; i < rows->size(); ++i) (void)errors.row([&] { one_row(i); });
  return std::move(b).finish();
}
}  // namespace

KpiTable read_kpis_json(std::string_view text, std::string_view file) {
  detail::RowErrors errors{std::string(file)};
  return errors.read([&] { return read_json(text, file, errors); });
}

namespace {
KpiTable load_kpis_file(const std::filesystem::path& file) {
  const std::string bytes = read_file(file);
  const std::size_t bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::size_t i = bom;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
    ++i;
  if (i < bytes.size() && (bytes[i] == '[' || bytes[i] == '{'))
    return read_kpis_json(std::string_view(bytes).substr(bom), file.string());
  // A table: UTF-8, UTF-16 or cp874 CSV, or an .xlsx sheet, as the ratings files are read
  // (current_read_options(): the CLI's --encoding and --sheet).
  const std::string text = read_table_file(file);
  return read_kpis_csv(text, file.string());
}
}  // namespace

KpiTable load_kpis(const std::filesystem::path& file) {
  return detail::RowErrors{file.string()}.read([&] { return load_kpis_file(file); });
}

namespace {
std::string plain(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}
}  // namespace

std::string kpis_csv(const KpiTable& kpis) {
  std::string out = "\xEF\xBB\xBF";
  detail::append_csv_row(out, {"person_id", "kpi_id", "name", "weight", "target_1", "target_2",
                               "target_3", "target_4", "target_5", "achieved", "weighted"});
  for (const Agreement& a : kpis.agreements)
    for (const Kpi& k : a.kpis) {
      std::vector<std::string> row{a.person_id, k.id, k.name, plain(k.weight)};
      for (const auto& t : k.targets) row.push_back(t);
      row.push_back(plain(k.achieved));
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.4f", k.weighted());
      std::string w = buf;
      while (w.back() == '0') w.pop_back();
      if (w.back() == '.') w.pop_back();
      row.push_back(w);
      detail::append_csv_row(out, row);
    }
  return out;
}

}  // namespace samatthana
