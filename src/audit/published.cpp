// Reading published score outputs back (CSV, JSON, .xlsx as `samatthana score` writes them) for
// diff-scores and verify.
#include <unordered_map>

#include "io/csv.hpp"
#include "io/json.hpp"
#include "samatthana/manifest.hpp"

namespace samatthana {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct CsvColumns {
  std::size_t id = kNone, name = kNone, unit = kNone, position = kNone, part = kNone;
  std::size_t total = kNone, band = kNone;
  std::vector<std::pair<std::string, std::size_t>> held;  ///< competency id → field
};

CsvColumns csv_columns(const detail::CsvReader& r) {
  CsvColumns c;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string& h = r[i];
    if (h == "person_id")
      c.id = i;
    else if (h == "name")
      c.name = i;
    else if (h == "unit")
      c.unit = i;
    else if (h == "position")
      c.position = i;
    else if (h == "competency_score")
      c.part = i;
    else if (h == "total")
      c.total = i;
    else if (h == "band")
      c.band = i;
    else if (h.size() > 5 && h.ends_with("_held"))
      c.held.emplace_back(h.substr(0, h.size() - 5), i);
  }
  for (const auto& [col, at] :
       {std::pair{"person_id", c.id}, std::pair{"competency_score", c.part}})
    if (at == kNone)
      throw ValidationError(
          std::string("not a score output of `samatthana score`: no ") + col + " column",
          r.where(0));
  return c;
}

double csv_number(const detail::CsvReader& r, std::size_t i, std::string_view column) {
  double v = 0;
  if (!detail::parse_decimal(r[i], v))
    throw ValidationError("expected a number", r.where(i, column, r[i]));
  return v;
}

PublishedPerson csv_person(const detail::CsvReader& r, const CsvColumns& c) {
  if (r.size() <= std::max({c.id, c.part}))
    throw ValidationError("this row has fewer fields than the header",
                          r.where(r.size() ? r.size() - 1 : 0));
  const auto field = [&](std::size_t at) {
    return at != kNone && at < r.size() ? r[at] : std::string();
  };
  PublishedPerson p;
  p.id = r[c.id];
  p.name = field(c.name);
  p.unit = field(c.unit);
  p.position = field(c.position);
  p.competency_score = csv_number(r, c.part, "competency_score");
  if (c.total != kNone && c.total < r.size() && !r[c.total].empty())
    p.total = csv_number(r, c.total, "total");
  p.band = field(c.band);
  for (const auto& [id, at] : c.held) {
    int level = 0;
    if (at >= r.size() || !detail::parse_level(r[at], level))
      throw ValidationError(
          "expected a held level (a whole number)",
          r.where(std::min(at, r.size() ? r.size() - 1 : 0), id + "_held", field(at)));
    p.held.emplace_back(id, level);
  }
  return p;
}

PublishedScores parse_csv(std::string_view bytes, std::string_view source_name) {
  detail::CsvReader r(bytes, std::string(source_name));
  if (!r.next()) {
    Location where;
    where.file = std::string(source_name);
    throw ValidationError("the file is empty: not a score output", where);
  }
  const CsvColumns c = csv_columns(r);
  PublishedScores out;
  out.source = std::string(source_name);
  std::unordered_map<std::string, std::size_t> seen;
  while (r.next()) {
    PublishedPerson p = csv_person(r, c);
    if (!seen.emplace(p.id, r.line()).second)
      throw ValidationError(
          "person listed twice (first on line " + std::to_string(seen[p.id]) + ")",
          r.where(c.id, "person_id", p.id));
    out.people.push_back(std::move(p));
  }
  return out;
}

PublishedPerson json_person(const boost::json::value& v, const std::string& path,
                            std::string_view file) {
  detail::ObjectReader r(v, path, file);
  PublishedPerson p;
  p.id = r.str("person_id");
  p.name = r.str("name", false);
  p.unit = r.str("unit", false);
  p.position = r.str("position", false);
  p.competency_score = r.number("competency_score");
  if (r.has("total")) p.total = r.number("total");
  p.band = r.str("band", false);
  detail::ObjectReader comps(*r.get("competencies"), r.child("competencies"), file);
  for (const auto& kv : comps.object()) {
    detail::ObjectReader cr(kv.value(), comps.child(kv.key()), file);
    const long long held = cr.integer("held");
    p.held.emplace_back(std::string(kv.key()), static_cast<int>(held));
  }
  return p;
}

PublishedScores parse_json_scores(std::string_view bytes, std::string_view source_name) {
  const boost::json::value root = detail::parse_json(bytes, source_name);
  detail::ObjectReader r(root, "$", source_name);
  const auto& people = r.array("people");
  PublishedScores out;
  out.source = std::string(source_name);
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const std::string path = "$.people[" + std::to_string(i) + "]";
    PublishedPerson p = json_person(people[i], path, source_name);
    if (!seen.emplace(p.id, i).second)
      r.fail(path + ".person_id", "person '" + p.id + "' listed twice (first at $.people[" +
                                      std::to_string(seen[p.id]) + "])");
    out.people.push_back(std::move(p));
  }
  return out;
}

}  // namespace

PublishedScores parse_published_scores(std::string_view bytes, std::string_view source_name) {
  std::size_t i = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
    ++i;
  if (i < bytes.size() && bytes[i] == '{') return parse_json_scores(bytes, source_name);
  return parse_csv(bytes, source_name);
}

PublishedScores load_published_scores(const std::filesystem::path& file) {
  const std::string bytes = read_file(file);
  if (bytes.starts_with("PK\x03\x04"))  // an .xlsx workbook: its first sheet as CSV text
    return parse_published_scores(read_table_file(file, ReadOptions{}), file.string());
  return parse_published_scores(bytes, file.string());
}

}  // namespace samatthana
