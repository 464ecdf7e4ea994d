// Development-activity catalogues: the table and JSON readers, built-ins, the index checked
// against a framework, and the plan's text (include/samatthana/activities.hpp).
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/json.hpp"
#include "samatthana/activities.hpp"
#include "samatthana/io.hpp"
#include "samatthana/text.hpp"
#include "samatthana/text/numbers.hpp"

namespace samatthana {
namespace {

enum class Col : std::uint8_t { competency, level, title, description, details, source, count };
constexpr std::size_t kCols = static_cast<std::size_t>(Col::count);
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::array<std::string_view, kCols> kNames{"competency",  "level",   "title",
                                                     "description", "details", "source"};

/// The column a header names (English names case-insensitive, spaces around ignored).
std::optional<Col> column_of(std::string_view header) {
  std::string h;
  for (char c : header) h += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.pop_back();
  std::size_t b = 0;
  while (b < h.size() && (h[b] == ' ' || h[b] == '\t')) ++b;
  const std::string_view k = std::string_view(h).substr(b);
  struct Alias {
    std::string_view name;
    Col col;
  };
  static constexpr std::array<Alias, 16> kAliases{{
      {"competency", Col::competency},
      {"สมรรถนะ", Col::competency},
      {"level", Col::level},
      {"ระดับ", Col::level},
      {"title", Col::title},
      {"activity", Col::title},
      {"กิจกรรม", Col::title},
      {"หลักสูตร", Col::title},
      {"description", Col::description},
      {"รายละเอียด", Col::description},
      {"details", Col::details},
      {"รายละเอียดหลักสูตร", Col::details},
      {"source", Col::source},
      {"ที่มา", Col::source},
      {"course", Col::title},
      {"แนวทางการพัฒนา", Col::description},
  }};
  for (const Alias& a : kAliases)
    if (a.name == k) return a.col;
  return std::nullopt;
}

int level_of(std::string_view s, const Location& where) {
  long long v = 0;
  try {
    v = text::parse_int(s, "level");
  } catch (const ParseError&) {
    throw ValidationError("the level must be a whole number from 1 (Thai or Arabic digits)", where);
  }
  if (v < 1 || v > 100)
    throw ValidationError("the level must be 1 or more (a level of the competency)", where);
  return static_cast<int>(v);
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

ActivityCatalogue read_activities_csv(std::string_view text, std::string_view file) {
  if (detail::looks_utf16(text)) detail::throw_utf16(file, "CSV UTF-8");
  detail::CsvReader r(text, std::string(file));
  ActivityCatalogue cat;
  cat.file = std::string(file);
  if (!r.next()) {
    Location w;
    w.file = cat.file;
    throw ValidationError("the activity file is empty; it needs a header row", w);
  }
  std::array<std::size_t, kCols> at;
  at.fill(kNone);
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto c = column_of(r[i]);
    if (!c)
      throw ValidationError(
          "not a column of an activity file (competency, level, title, description, details, "
          "source)",
          r.where(i, r[i], r[i]));
    auto& slot = at[static_cast<std::size_t>(*c)];
    if (slot != kNone) throw ValidationError("column given twice", r.where(i, r[i], r[i]));
    slot = i;
  }
  for (Col c : {Col::competency, Col::level, Col::title})
    if (at[static_cast<std::size_t>(c)] == kNone) {
      Location w;
      w.file = cat.file;
      w.line = r.line();
      w.path = std::string(kNames[static_cast<std::size_t>(c)]);
      throw ValidationError("the activity file's header has no '" + w.path + "' column", w);
    }
  const std::size_t width = r.size();
  std::vector<std::string> names(r.fields().begin(), r.fields().end());
  while (r.next()) {
    if (r.size() != width)
      throw ParseError("this row has " + std::to_string(r.size()) + " fields; the header has " +
                           std::to_string(width),
                       r.where(std::min(r.size(), width), ""));
    const auto cell = [&](Col c) -> std::string {
      const std::size_t i = at[static_cast<std::size_t>(c)];
      return i == kNone ? std::string() : r[i];
    };
    const auto where = [&](Col c) {
      const std::size_t i = at[static_cast<std::size_t>(c)];
      return r.where(i, names[i], r[i]);
    };
    Activity a;
    a.competency = cell(Col::competency);
    if (blank(a.competency))
      throw ValidationError("the row names no competency", where(Col::competency));
    a.level = level_of(cell(Col::level), where(Col::level));
    a.title = cell(Col::title);
    if (blank(a.title)) throw ValidationError("the activity has no title", where(Col::title));
    a.description = cell(Col::description);
    a.details = cell(Col::details);
    a.source = cell(Col::source);
    a.where = where(Col::competency);
    a.level_where = where(Col::level);
    cat.activities.push_back(std::move(a));
  }
  return cat;
}

ActivityCatalogue read_activities_json(std::string_view text, std::string_view file) {
  const boost::json::value doc = detail::parse_json(text, file);
  const detail::ObjectReader top(doc, "$", file);
  top.only({"$schema", "format", "id", "name", "frameworks", "source", "warning", "activities"});
  if (top.str("format") != "samatthana-activities/1")
    top.fail("$.format",
             "this is not an activity catalogue: \"format\" must be \"samatthana-activities/1\"");
  ActivityCatalogue cat;
  cat.file = std::string(file);
  cat.id = top.str("id");
  const detail::ObjectReader name(*top.get("name"), "$.name", file);
  name.only({"th", "en"});
  cat.name.th = name.str("th");
  cat.name.en = name.str("en", false);
  const auto& fws = top.array("frameworks", false);
  for (std::size_t i = 0; i < fws.size(); ++i) {
    if (!fws[i].is_string())
      top.fail("$.frameworks[" + std::to_string(i) + "]", "expected a framework id (text)");
    cat.frameworks.emplace_back(fws[i].as_string());
  }
  cat.source = top.str("source", false);
  cat.warning = top.str("warning", false);
  const auto& rows = top.array("activities");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string path = "$.activities[" + std::to_string(i) + "]";
    const detail::ObjectReader o(rows[i], path, file);
    o.only({"competency", "level", "title", "description", "details", "source"});
    Activity a;
    a.where.file = cat.file;
    a.where.path = path;
    a.level_where = a.where;
    a.where.path = o.child("competency");
    a.level_where.path = o.child("level");
    a.competency = o.str("competency");
    if (blank(a.competency)) o.fail(o.child("competency"), "the row names no competency");
    const long long level = o.integer("level");
    if (level < 1 || level > 100)
      o.fail(o.child("level"), "the level must be 1 or more (a level of the competency)");
    a.level = static_cast<int>(level);
    a.title = o.str("title");
    if (blank(a.title)) o.fail(o.child("title"), "the activity has no title");
    a.description = o.str("description", false);
    a.details = o.str("details", false);
    a.source = o.str("source", false);
    cat.activities.push_back(std::move(a));
  }
  return cat;
}

ActivityCatalogue load_activities(const std::filesystem::path& file) {
  const std::string bytes = read_file(file);
  std::size_t i = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  const std::size_t bom = i;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
    ++i;
  if (i < bytes.size() && bytes[i] == '{')
    return read_activities_json(std::string_view(bytes).substr(bom), file.string());
  const std::string text = read_table_file(file);
  return read_activities_csv(text, file.string());
}

std::vector<std::string> builtin_activity_ids() { return {"dpis-tisi-guide"}; }

ActivityCatalogue activity_catalogue(std::string_view id_or_path) {
  const std::string s(id_or_path);
  const auto ends = [&](std::string_view e) { return s.size() >= e.size() && s.ends_with(e); };
  if (s.find('/') != std::string::npos || ends(".json") || ends(".csv") || ends(".txt") ||
      ends(".xlsx"))
    return load_activities(s);
  const auto ids = builtin_activity_ids();
  if (std::find(ids.begin(), ids.end(), s) == ids.end()) {
    std::string known;
    for (const auto& k : ids) known += (known.empty() ? "" : ", ") + k;
    Location w;
    w.value = s;
    throw LookupError("no built-in activity catalogue has this id (built-in: " + known +
                          "); give a file path for your own",
                      w);
  }
  const std::string name = "activities/" + s + ".json";
  return read_activities_json(embedded_data(name), "(built-in) data/" + name);
}

namespace {

/// True when `key` names a competency of one of the built-in frameworks in `ids` other than `fw`.
bool in_other_framework(const std::vector<std::string>& ids, const Framework& fw,
                        std::string_view key) {
  const auto builtin = builtin_framework_ids();
  for (const auto& id : ids) {
    if (id == fw.id()) continue;
    if (std::find(builtin.begin(), builtin.end(), id) == builtin.end())
      return true;  // cannot check
    if (builtin_framework(id)->find(key)) return true;
  }
  return false;
}

}  // namespace

ActivityIndex::ActivityIndex(const ActivityCatalogue& catalogue, const Framework& fw)
    : catalogue_(catalogue) {
  const auto& fws = catalogue_.frameworks;
  if (!fws.empty() && std::find(fws.begin(), fws.end(), fw.id()) == fws.end()) {
    std::string list;
    for (const auto& f : fws) list += (list.empty() ? "" : ", ") + f;
    Location w;
    w.file = catalogue_.file;
    w.path = "$.frameworks";
    w.value = fw.id();
    throw ValidationError(
        "this activity catalogue is for " + list + ", not for framework " + fw.id(), w);
  }
  for (const Competency& c : fw.competencies()) ids_.push_back(c.id);
  by_level_.resize(fw.size());
  for (std::size_t j = 0; j < fw.size(); ++j)
    by_level_[j].resize(static_cast<std::size_t>(fw.competencies()[j].max_level()));
  for (const Activity& a : catalogue_.activities) {
    const auto j = fw.find(a.competency);
    if (!j) {
      if (!fws.empty() && in_other_framework(fws, fw, a.competency)) continue;
      Location w = a.where;
      w.value = detail::shown(a.competency);
      throw LookupError("no competency of framework " + fw.id() + " has this id, code or name", w);
    }
    const Competency& c = fw.competencies()[*j];
    if (a.level > c.max_level()) {
      Location w = a.level_where;
      w.value = std::to_string(a.level);
      throw ValidationError(
          "competency '" + c.id + "' has levels 1.." + std::to_string(c.max_level()), w);
    }
    by_level_[*j][static_cast<std::size_t>(a.level - 1)].push_back(a);
    ++indexed_;
  }
}

std::span<const Activity> ActivityIndex::at(std::size_t index, int level) const {
  if (index >= by_level_.size() || level < 1 ||
      static_cast<std::size_t>(level) > by_level_[index].size())
    return {};
  return by_level_[index][static_cast<std::size_t>(level - 1)];
}

std::string activities_text(const Framework& fw, const PersonScore& ps, const ActivityIndex& index,
                            text::Digits d) {
  const auto n = [&](long long v) { return text::with_digits(std::to_string(v), d); };
  const ActivityCatalogue& cat = index.catalogue();
  std::string out = "\nแนวทางการพัฒนา (" + (cat.name.th.empty() ? cat.file : cat.name.th) + ")\n";
  if (!cat.warning.empty()) out += "  หมายเหตุ: " + cat.warning + "\n";
  const auto suggestions = suggest_activities(index, ps);
  if (suggestions.empty()) out += "  ไม่มีสมรรถนะที่ต่ำกว่าระดับที่คาดหวัง\n";
  for (const ActivitySuggestion& s : suggestions) {
    const Competency& c = fw.competencies()[s.competency];
    out += "\n" + c.name.th + " — พัฒนาสู่ระดับ " + n(s.level) + " (ระดับที่แสดง " + n(s.held) +
           " · ระดับที่คาดหวัง " + n(s.expected) + ")\n";
    if (s.activities.empty()) out += "  (ไม่มีกิจกรรมสำหรับระดับนี้ในแนวทาง)\n";
    for (const Activity& a : s.activities) {
      out += "  • " + a.title + "\n";
      std::size_t b = 0;
      while (b <= a.description.size() && !a.description.empty()) {
        const std::size_t e = std::min(a.description.find('\n', b), a.description.size());
        const std::string_view line = std::string_view(a.description).substr(b, e - b);
        if (!blank(line)) out += "      " + std::string(line) + "\n";
        b = e + 1;
      }
    }
  }
  return out;
}

}  // namespace samatthana
