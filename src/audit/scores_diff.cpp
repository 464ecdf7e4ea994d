// diff-scores: who changed band, total, competency score or a held level between two published
// score outputs; as Thai text, CSV and JSON.
#include <array>
#include <cstdio>
#include <unordered_map>

#include "io/csv.hpp"
#include "io/json.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/output.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;

std::string fixed2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", round_half_away(x, 2));
  return buf;
}

bool differ2(double a, double b) { return fixed2(a) != fixed2(b); }

PersonChange compare_person(const PublishedPerson& a, const PublishedPerson& b) {
  PersonChange c;
  c.id = a.id;
  c.name = a.name.empty() ? b.name : a.name;
  if (a.band != b.band) {
    c.band_a = a.band;
    c.band_b = b.band;
  }
  if (a.total.has_value() != b.total.has_value() ||
      (a.total && b.total && differ2(*a.total, *b.total))) {
    c.total_a = a.total;
    c.total_b = b.total;
  }
  if (differ2(a.competency_score, b.competency_score)) {
    c.part_a = a.competency_score;
    c.part_b = b.competency_score;
  }
  for (const auto& [id, held] : a.held)
    for (const auto& [id2, held2] : b.held)
      if (id == id2 && held != held2) c.levels.emplace_back(id, held, held2);
  return c;
}

bool changed(const PersonChange& c) {
  return c.band_a || c.total_a || c.total_b || c.part_a || !c.levels.empty();
}

std::string opt_num(const std::optional<double>& x) { return x ? fixed2(*x) : ""; }

const char* kind_name(PersonChange::Kind k) {
  switch (k) {
    case PersonChange::Kind::added:
      return "added";
    case PersonChange::Kind::removed:
      return "removed";
    case PersonChange::Kind::changed:
      return "changed";
  }
  return "changed";
}

/// (field, a, b) rows of one change, as the CSV and JSON write them.
std::vector<std::array<std::string, 3>> fields_of(const PersonChange& c) {
  std::vector<std::array<std::string, 3>> rows;
  if (c.band_a) rows.push_back({"band", *c.band_a, *c.band_b});
  if (c.total_a || c.total_b) rows.push_back({"total", opt_num(c.total_a), opt_num(c.total_b)});
  if (c.part_a) rows.push_back({"competency_score", fixed2(*c.part_a), fixed2(*c.part_b)});
  for (const auto& [id, x, y] : c.levels)
    rows.push_back({id + "_held", std::to_string(x), std::to_string(y)});
  return rows;
}

std::string thai_line(const PersonChange& c, text::Digits digits) {
  std::string s = c.id + (c.name.empty() ? "" : " " + c.name) + ": ";
  if (c.kind == PersonChange::Kind::added) return s + "มีเฉพาะในผลชุด B (เพิ่มเข้ามา)";
  if (c.kind == PersonChange::Kind::removed) return s + "มีเฉพาะในผลชุด A (หายไป)";
  std::vector<std::string> parts;
  const auto d = [&](const std::string& x) {
    return text::with_digits(x.empty() ? "–" : x, digits);
  };
  if (c.band_a) parts.push_back("ระดับผลการประเมิน " + d(*c.band_a) + " → " + d(*c.band_b));
  if (c.total_a || c.total_b)
    parts.push_back("คะแนนรวม " + d(opt_num(c.total_a)) + " → " + d(opt_num(c.total_b)));
  if (c.part_a)
    parts.push_back("คะแนนสมรรถนะ " + d(fixed2(*c.part_a)) + " → " + d(fixed2(*c.part_b)));
  for (const auto& [id, x, y] : c.levels)
    parts.push_back("ระดับที่แสดงออก " + id + " " + d(std::to_string(x)) + " → " +
                    d(std::to_string(y)));
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? "; " : "") + parts[i];
  return s;
}

/// A field's value in the JSON: the band as text, numbers as numbers, a missing value as null.
json::value json_value(const std::string& field, const std::string& v) {
  if (field == "band") return json::string(v);
  if (v.empty()) return nullptr;
  if (field.ends_with("_held")) return std::stoll(v);
  return std::stod(v);
}

}  // namespace

ScoresDiff diff_scores(const PublishedScores& a, const PublishedScores& b) {
  ScoresDiff d;
  d.a = a.source;
  d.b = b.source;
  d.people_a = a.people.size();
  d.people_b = b.people.size();
  std::unordered_map<std::string_view, const PublishedPerson*> in_b, in_a;
  for (const auto& p : b.people) in_b.emplace(p.id, &p);
  for (const auto& p : a.people) in_a.emplace(p.id, &p);
  for (const auto& p : a.people) {
    const auto it = in_b.find(p.id);
    if (it == in_b.end()) {
      d.changes.push_back({PersonChange::Kind::removed, p.id, p.name, {}, {}, {}, {}, {}, {}, {}});
      continue;
    }
    PersonChange c = compare_person(p, *it->second);
    if (changed(c)) d.changes.push_back(std::move(c));
  }
  for (const auto& p : b.people)
    if (!in_a.contains(p.id))
      d.changes.push_back({PersonChange::Kind::added, p.id, p.name, {}, {}, {}, {}, {}, {}, {}});
  return d;
}

std::string scores_diff_text(const ScoresDiff& d, text::Digits digits) {
  const auto n = [&](std::size_t x) { return text::with_digits(std::to_string(x), digits); };
  std::string s = "เปรียบเทียบผลคะแนน A: " + d.a + " (" + n(d.people_a) + " คน) กับ B: " + d.b + " (" +
                  n(d.people_b) + " คน)\n";
  if (d.changes.empty())
    s += "ไม่มีผู้ใดเปลี่ยนระดับผลการประเมิน คะแนนรวม คะแนนสมรรถนะ หรือระดับที่แสดงออก\n";
  else
    s += "เปลี่ยน " + n(d.changes.size()) + " คน:\n";
  for (const auto& c : d.changes) s += "  " + thai_line(c, digits) + "\n";
  if (!d.causes.empty()) {
    s += "สิ่งที่ต่างกันระหว่างสองรอบการคำนวณ (จาก manifest):\n";
    for (const auto& m : d.causes)
      s += "  " + m.field + ": " + (m.a.empty() ? "–" : m.a) + " → " + (m.b.empty() ? "–" : m.b) +
           "\n";
  }
  return s;
}

std::string scores_diff_csv(const ScoresDiff& d) {
  std::string out = "\xEF\xBB\xBF";
  detail::append_csv_row(out, {"person_id", "name", "change", "field", "a", "b"});
  for (const auto& c : d.changes) {
    const auto rows = fields_of(c);
    if (rows.empty()) detail::append_csv_row(out, {c.id, c.name, kind_name(c.kind), "", "", ""});
    for (const auto& r : rows)
      detail::append_csv_row(out, {c.id, c.name, kind_name(c.kind), r[0], r[1], r[2]});
  }
  for (const auto& m : d.causes) detail::append_csv_row(out, {"", "", "cause", m.field, m.a, m.b});
  return out;
}

std::string scores_diff_json(const ScoresDiff& d) {
  json::object root;
  root["a"] = d.a;
  root["b"] = d.b;
  root["people_a"] = d.people_a;
  root["people_b"] = d.people_b;
  json::array changes;
  for (const auto& c : d.changes) {
    json::object o;
    o["person_id"] = c.id;
    o["name"] = c.name;
    o["change"] = kind_name(c.kind);
    json::object f;
    for (const auto& r : fields_of(c))
      f[r[0]] = json::array{json_value(r[0], r[1]), json_value(r[0], r[2])};
    o["fields"] = std::move(f);
    changes.push_back(std::move(o));
  }
  root["changes"] = std::move(changes);
  json::array causes;
  for (const auto& m : d.causes) {
    json::object o;
    o["field"] = m.field;
    o["a"] = m.a;
    o["b"] = m.b;
    causes.push_back(std::move(o));
  }
  root["causes"] = std::move(causes);
  return detail::canonical_json(root);
}

}  // namespace samatthana
