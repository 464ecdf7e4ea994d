// Reading ratings, evidence and results CSV files into columnar tables.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "io/csv.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

/// Standard column of a header cell (match_key'd), or "" when it is not a standard column.
std::string standard_column(std::string_view header) {
  const std::string k = text::match_key(header);
  static const std::pair<const char*, const char*> names[] = {
      {"person_id", "person_id"}, {"personid", "person_id"}, {"id", "person_id"},
      {"รหัส", "person_id"}, {"เลขประจำตัว", "person_id"}, {"รหัสบุคคล", "person_id"},
      {"name", "name"}, {"ชื่อ", "name"}, {"ชื่อ-สกุล", "name"}, {"ชื่อ-นามสกุล", "name"},
      {"unit", "unit"}, {"หน่วยงาน", "unit"}, {"สังกัด", "unit"},
      {"position", "position"}, {"ตำแหน่ง", "position"}, {"ระดับตำแหน่ง", "position"},
      {"results", "results"}, {"result", "results"}, {"ผลสัมฤทธิ์", "results"},
      {"ผลสัมฤทธิ์ของงาน", "results"},
  };
  for (const auto& [n, col] : names)
    if (k == n) return col;
  return {};
}

void require_columns(const detail::CsvReader& r, const std::vector<std::string>& have,
                     std::initializer_list<const char*> need) {
  for (const char* n : need) {
    if (std::find(have.begin(), have.end(), n) == have.end()) {
      Location w;
      w.file = r.file();
      w.line = r.line();
      w.path = n;
      throw ValidationError(std::string("the header has no '") + n + "' column", w);
    }
  }
}

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

}  // namespace

RatingsTable read_ratings_csv(std::string_view bytes, std::shared_ptr<const Framework> fw,
                              std::string_view file, const Progress& progress) {
  if (!fw) throw ValidationError("read_ratings_csv needs a framework");
  detail::CsvReader r(bytes, std::string(file));
  RatingsTable t;
  t.file = std::string(file);
  t.framework = fw;
  const std::size_t c = fw->size();
  t.columns.assign(c, "");
  if (!r.next()) {
    Location w;
    w.file = t.file;
    throw ValidationError("the ratings file is empty; it needs a header row", w);
  }
  // Column roles: -1 ignored never happens; -2 person_id, -3 name, -4 unit, -5 position,
  // -6 results, >= 0 competency index.
  const std::size_t width = r.size();
  std::vector<long> role(width);
  std::vector<std::string> std_seen;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string h = trim(r[i]);
    const std::string s = standard_column(h);
    if (!s.empty()) {
      if (std::find(std_seen.begin(), std_seen.end(), s) != std_seen.end())
        throw ValidationError("column '" + s + "' appears twice", r.where(i, s, h));
      std_seen.push_back(s);
      role[i] = s == "person_id" ? -2 : s == "name" ? -3 : s == "unit" ? -4 : s == "position" ? -5 : -6;
      continue;
    }
    const auto idx = fw->find(h);
    if (!idx) {
      std::string known;
      for (const auto& comp : fw->competencies()) known += (known.empty() ? "" : ", ") + comp.id;
      throw LookupError("unknown column: not person_id, name, unit, position, results, nor a "
                        "competency of '" + fw->id() + "' (" + known + "; DPIS codes and Thai names work too)",
                        r.where(i, h, h));
    }
    if (!t.columns[*idx].empty())
      throw ValidationError("two columns name competency '" + fw->competencies()[*idx].id + "' ('" +
                                t.columns[*idx] + "' and '" + h + "')",
                            r.where(i, h, h));
    t.columns[*idx] = h;
    role[i] = static_cast<long>(*idx);
  }
  require_columns(r, std_seen, {"person_id", "position"});
  const bool has_results = std::find(std_seen.begin(), std_seen.end(), "results") != std_seen.end();

  std::vector<int> maxl(c);
  for (std::size_t j = 0; j < c; ++j) maxl[j] = fw->competencies()[j].max_level();
  // Reserve for every line, so that nothing reallocates while reading: the duplicate check keys
  // are views of the stored ids.
  const std::size_t lines_estimate = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
  t.people.reserve(lines_estimate);
  t.lines.reserve(lines_estimate);
  t.levels.reserve(lines_estimate * c);
  if (has_results) t.results.reserve(lines_estimate);
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(lines_estimate);
  std::unordered_map<std::string, std::string> unit_cache;
  std::size_t next_report = 1 << 20;
  while (r.next()) {
    check_width(r, width);
    const std::size_t row = t.people.size();
    Person p;
    t.levels.resize(t.levels.size() + c, std::int8_t{-1});
    double res = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < width; ++i) {
      const std::string& v = r[i];
      switch (role[i]) {
        case -2: p.id = trim(v); break;
        case -3: p.name = trim(v); break;
        case -4: {
          auto it = unit_cache.find(v);
          if (it == unit_cache.end()) it = unit_cache.emplace(v, text::normalize(v)).first;
          p.unit = it->second;
          break;
        }
        case -5: p.position = trim(v); break;
        case -6: {
          if (v.find_first_not_of(" \t") == std::string::npos) break;
          if (!detail::parse_decimal(v, res))
            throw ParseError("not a number (results, 0 to 100)", r.where(i, "results"));
          if (res < 0 || res > 100)
            throw ValidationError("results must be between 0 and 100", r.where(i, "results"));
          break;
        }
        default: {
          const auto j = static_cast<std::size_t>(role[i]);
          int level;
          if (detail::parse_level(v, level)) {
            if (level > maxl[j])
              throw ValidationError("level above the highest level of '" + fw->competencies()[j].id +
                                        "' (0.." + std::to_string(maxl[j]) + ")",
                                    r.where(i, t.columns[j]));
            t.levels[row * c + j] = static_cast<std::int8_t>(level);
          } else if (v.find_first_not_of(" \t") != std::string::npos) {
            throw ParseError("not a level: write a whole number 0.." + std::to_string(maxl[j]) +
                                 " in Thai or Arabic digits, or leave the cell empty (not rated)",
                             r.where(i, t.columns[j]));
          }
        }
      }
    }
    if (p.id.empty()) {
      std::size_t col = 0;
      while (role[col] != -2) ++col;
      throw ValidationError("person_id is empty", r.where(col, "person_id"));
    }
    t.people.push_back(std::move(p));
    if (auto [it, fresh] = seen.emplace(t.people.back().id, r.line()); !fresh) {
      std::size_t col = 0;
      while (role[col] != -2) ++col;
      throw ValidationError("person_id given twice (first on line " + std::to_string(it->second) + ")",
                            r.where(col, "person_id"));
    }
    t.lines.push_back(r.line());
    if (has_results) t.results.push_back(res);
    if (progress && r.offset() >= next_report) {
      progress(r.offset(), r.bytes());
      next_report = r.offset() + (1 << 20);
    }
  }
  if (progress) progress(r.bytes(), r.bytes());
  return t;
}

RatingsTable load_ratings_csv(const std::filesystem::path& file, std::shared_ptr<const Framework> fw,
                              const Progress& progress) {
  const std::string bytes = read_file(file);
  return read_ratings_csv(bytes, std::move(fw), file.string(), progress);
}

EvidenceTable read_evidence_csv(std::string_view bytes, const Framework& fw, std::string_view file) {
  detail::CsvReader r(bytes, std::string(file));
  EvidenceTable t;
  t.file = std::string(file);
  if (!r.next()) {
    Location w;
    w.file = t.file;
    throw ValidationError("the evidence file is empty; it needs a header row", w);
  }
  const std::size_t width = r.size();
  long pid = -1, ind = -1, obs = -1, ev = -1;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string k = text::match_key(r[i]);
    long* slot = nullptr;
    if (k == "person_id" || k == "รหัส") slot = &pid;
    else if (k == "indicator_id" || k == "indicator" || k == "พฤติกรรมบ่งชี้") slot = &ind;
    else if (k == "observation" || k == "shown" || k == "status" || k == "ผลการสังเกต") slot = &obs;
    else if (k == "evidence" || k == "หลักฐาน" || k == "พฤติกรรมที่พบ") slot = &ev;
    if (!slot)
      throw ValidationError("unknown column (expected person_id, indicator_id, observation, evidence)",
                            r.where(i, r[i], r[i]));
    if (*slot >= 0) throw ValidationError("column given twice", r.where(i, r[i], r[i]));
    *slot = static_cast<long>(i);
  }
  if (pid < 0 || ind < 0 || obs < 0) {
    Location w;
    w.file = t.file;
    w.line = r.line();
    w.path = pid < 0 ? "person_id" : ind < 0 ? "indicator_id" : "observation";
    throw ValidationError("the evidence header has no '" + w.path + "' column", w);
  }
  std::unordered_map<std::string, std::size_t> seen;
  while (r.next()) {
    check_width(r, width);
    EvidenceRow e;
    e.line = r.line();
    e.person_id = trim(r[static_cast<std::size_t>(pid)]);
    if (e.person_id.empty())
      throw ValidationError("person_id is empty", r.where(static_cast<std::size_t>(pid), "person_id"));
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
                       r.where(static_cast<std::size_t>(obs), r[static_cast<std::size_t>(obs)].empty() ? "observation" : "observation"));
    e.observation = *o;
    if (ev >= 0) e.evidence = r[static_cast<std::size_t>(ev)];
    if (auto [it, fresh] = seen.emplace(e.person_id + '\x1f' + e.indicator_id, e.line); !fresh)
      throw ValidationError("this person's indicator is given twice (first on line " +
                                std::to_string(it->second) + ")",
                            r.where(static_cast<std::size_t>(ind), "indicator_id"));
    t.rows.push_back(std::move(e));
  }
  return t;
}

EvidenceTable load_evidence_csv(const std::filesystem::path& file, const Framework& fw) {
  const std::string bytes = read_file(file);
  return read_evidence_csv(bytes, fw, file.string());
}

ResultsTable read_results_csv(std::string_view bytes, std::string_view file) {
  detail::CsvReader r(bytes, std::string(file));
  ResultsTable t;
  t.file = std::string(file);
  if (!r.next()) {
    Location w;
    w.file = t.file;
    throw ValidationError("the results file is empty; it needs a header row", w);
  }
  const std::size_t width = r.size();
  long pid = -1, res = -1;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string s = standard_column(r[i]);
    const std::string k = text::match_key(r[i]);
    if (s == "person_id") pid = static_cast<long>(i);
    else if (s == "results" || k == "score" || k == "kpi") res = static_cast<long>(i);
    else if (s != "name" && s != "unit" && s != "position")
      throw ValidationError("unknown column (expected person_id, results; name, unit, position allowed)",
                            r.where(i, r[i], r[i]));
  }
  if (pid < 0 || res < 0) {
    Location w;
    w.file = t.file;
    w.line = r.line();
    w.path = pid < 0 ? "person_id" : "results";
    throw ValidationError("the results header has no '" + w.path + "' column", w);
  }
  std::unordered_map<std::string, std::size_t> seen;
  while (r.next()) {
    check_width(r, width);
    std::string id = trim(r[static_cast<std::size_t>(pid)]);
    if (id.empty()) throw ValidationError("person_id is empty", r.where(static_cast<std::size_t>(pid), "person_id"));
    double v;
    if (!detail::parse_decimal(r[static_cast<std::size_t>(res)], v))
      throw ParseError("not a number (results, 0 to 100)", r.where(static_cast<std::size_t>(res), "results"));
    if (v < 0 || v > 100)
      throw ValidationError("results must be between 0 and 100", r.where(static_cast<std::size_t>(res), "results"));
    if (auto [it, fresh] = seen.emplace(id, r.line()); !fresh)
      throw ValidationError("person_id given twice (first on line " + std::to_string(it->second) + ")",
                            r.where(static_cast<std::size_t>(pid), "person_id"));
    t.rows.emplace_back(std::move(id), v);
    t.lines.push_back(r.line());
  }
  return t;
}

ResultsTable load_results_csv(const std::filesystem::path& file) {
  const std::string bytes = read_file(file);
  return read_results_csv(bytes, file.string());
}

}  // namespace samatthana
