// Validation of a framework: every rule names the JSON path it concerns.
#include <set>
#include <string>
#include <unordered_map>

#include "samatthana/model.hpp"

namespace samatthana::detail {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  Location where;
  where.path = path;
  throw ValidationError(message, where);
}

bool ascii_id(std::string_view s, bool allow_dash, bool allow_underscore) {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s[0]);
  if (!(std::islower(first) || (allow_dash && std::isdigit(first)))) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (!(std::islower(c) || std::isdigit(c) || (allow_dash && c == '-') ||
          (allow_underscore && c == '_')))
      return false;
  }
  return true;
}

// Limits that no real framework comes near (the longest shipped text is 2.3 kB); a field beyond
// them is a paste gone wrong or a hostile file.
constexpr std::size_t kMaxText = 64 * 1024;
constexpr std::size_t kMaxId = 200;

// Normalises a stored text field in place; names the path on invalid UTF-8.
void norm(std::string& s, const std::string& path, bool required) {
  try {
    s = text::normalize(s);
  } catch (const EncodingError& e) {
    Location where = e.where();
    where.path = path;
    throw EncodingError(e.message(), where);
  }
  if (required && s.empty()) fail(path, "text is empty; a value is required here");
  if (s.size() > kMaxText)
    fail(path, "text is too long (" + std::to_string(s.size()) + " bytes; at most " +
                   std::to_string(kMaxText) + "): is this the right field?");
}

void check_utf8(const std::string& s, const std::string& path) {
  if (!text::is_valid_utf8(s)) {
    try {
      text::validate_utf8(s);
    } catch (const EncodingError& e) {
      Location where = e.where();
      where.path = path;
      throw EncodingError(e.message(), where);
    }
  }
}

void text_field(Text& t, const std::string& path, const std::set<std::string>& witnesses) {
  norm(t.th, path + ".th", true);
  norm(t.en, path + ".en", false);
  if (t.correction) {
    check_utf8(t.correction->source_text, path + ".correction.source_text");
    check_utf8(t.correction->note, path + ".correction.note");
    if (t.correction->source_text.empty())
      fail(path + ".correction.source_text", "a correction must give the source's text");
    if (t.correction->note.empty())
      fail(path + ".correction.note", "a correction must say why the text was changed");
  }
  for (std::size_t i = 0; i < t.variants.size(); ++i) {
    auto& v = t.variants[i];
    const std::string vp = path + ".variants[" + std::to_string(i) + "]";
    norm(v.th, vp + ".th", true);
    check_utf8(v.note, vp + ".note");
    if (!witnesses.empty() && !witnesses.count(v.witness))
      fail(vp + ".witness",
           "unknown witness '" + v.witness + "'; witnesses are declared in $.provenance.witnesses");
  }
}

/// The framework's id, version, witnesses, names and provenance; the ids of its witnesses.
std::set<std::string> validate_head(FrameworkData& d) {
  if (!ascii_id(d.id, true, false))
    fail("$.id", "framework id '" + d.id + "' must be lower-case ASCII letters, digits and '-'");
  if (d.version.empty()) fail("$.version", "version is empty");
  if (d.id.size() > kMaxId || d.version.size() > kMaxId)
    fail(d.id.size() > kMaxId ? "$.id" : "$.version",
         "too long (at most " + std::to_string(kMaxId) + " bytes)");
  std::set<std::string> witnesses;
  for (std::size_t i = 0; i < d.provenance.witnesses.size(); ++i) {
    auto& w = d.provenance.witnesses[i];
    const std::string p = "$.provenance.witnesses[" + std::to_string(i) + "]";
    if (w.id.empty()) fail(p + ".id", "witness id is empty");
    if (!witnesses.insert(w.id).second) fail(p + ".id", "duplicate witness id '" + w.id + "'");
    check_utf8(w.description, p + ".description");
  }
  text_field(d.name, "$.name", witnesses);
  text_field(d.provenance.issuer, "$.provenance.issuer", witnesses);
  text_field(d.level_zero, "$.level_zero", witnesses);
  for (auto* s : {&d.provenance.approved_as_written, &d.provenance.letter_number,
                  &d.provenance.letter_date_as_written, &d.provenance.notes,
                  &d.provenance.source_document, &d.provenance.approved, &d.provenance.letter_date})
    check_utf8(*s, "$.provenance");
  if (d.competencies.empty()) fail("$.competencies", "a framework needs at least one competency");
  return witnesses;
}

/// What the checks of one competency share: the witnesses, and the ids and lookup keys seen.
struct Seen {
  const std::set<std::string>& witnesses;
  std::unordered_map<std::string, std::size_t> ids, keys, indicator_ids;
};

/// Level `li` of competency `ci` (`c`, at JSON path `cp`): numbered in order, titled, with
/// indicators whose ids are the competency's and the level's.
void validate_level(Competency& c, std::size_t ci, std::size_t li, const std::string& cp,
                    Seen& seen) {
  Level& l = c.levels[li];
  const std::string lp = cp + ".levels[" + std::to_string(li) + "]";
  if (l.number != static_cast<int>(li) + 1)
    fail(lp + ".level", "levels must be numbered 1..N in order: expected " +
                            std::to_string(li + 1) + " here, found " + std::to_string(l.number));
  text_field(l.title, lp + ".title", seen.witnesses);
  if (l.indicators.empty())
    fail(lp + ".indicators",
         "level " + std::to_string(l.number) + " of '" + c.id + "' has no indicators");
  const std::string prefix = c.id + "." + std::to_string(l.number) + ".";
  for (std::size_t ii = 0; ii < l.indicators.size(); ++ii) {
    Indicator& ind = l.indicators[ii];
    const std::string ip = lp + ".indicators[" + std::to_string(ii) + "]";
    if (ind.id.rfind(prefix, 0) != 0 || ind.id.size() == prefix.size() ||
        !ascii_id("x" + ind.id.substr(prefix.size()), false, true))
      fail(ip + ".id", "indicator id '" + ind.id + "' must be '" + prefix +
                           "<n>' (competency id, level, then a number or name)");
    if (auto [it, fresh] = seen.indicator_ids.emplace(ind.id, ci); !fresh)
      fail(ip + ".id", "duplicate indicator id '" + ind.id + "'");
    text_field(ind.text, ip, seen.witnesses);
  }
}

/// Competency `ci` of `d`: its id, texts, codes, aliases and levels, and lookup keys no other
/// competency answers to.
void validate_competency(FrameworkData& d, std::size_t ci, Seen& seen) {
  Competency& c = d.competencies[ci];
  const std::string cp = "$.competencies[" + std::to_string(ci) + "]";
  if (!ascii_id(c.id, false, true))
    fail(cp + ".id", "competency id '" + c.id +
                         "' must start with a lower-case ASCII letter and use only a-z, 0-9, _");
  if (auto [it, fresh] = seen.ids.emplace(c.id, ci); !fresh)
    fail(cp + ".id", "duplicate competency id '" + c.id + "' (also at $.competencies[" +
                         std::to_string(it->second) + "])");
  text_field(c.name, cp + ".name", seen.witnesses);
  text_field(c.definition, cp + ".definition", seen.witnesses);
  for (std::size_t i = 0; i < c.codes.size(); ++i) {
    const std::string p = cp + ".codes." + c.codes[i].system;
    if (c.codes[i].system.empty()) fail(cp + ".codes", "code system name is empty");
    norm(c.codes[i].value, p, true);
  }
  for (std::size_t i = 0; i < c.aliases.size(); ++i)
    norm(c.aliases[i].th, cp + ".aliases[" + std::to_string(i) + "].th", true);
  if (c.levels.empty()) fail(cp + ".levels", "competency '" + c.id + "' has no levels");
  if (c.levels.size() > static_cast<std::size_t>(kMaxLevels))
    fail(cp + ".levels", "competency '" + c.id + "' has " + std::to_string(c.levels.size()) +
                             " levels; at most " + std::to_string(kMaxLevels) +
                             " are allowed (levels are stored as small numbers)");
  for (std::size_t li = 0; li < c.levels.size(); ++li) validate_level(c, ci, li, cp, seen);
  for (const auto& k : Framework::detail_keys(c)) {
    if (auto [it, fresh] = seen.keys.emplace(k, ci); !fresh && it->second != ci)
      fail(cp, "competency '" + c.id + "' and '" + d.competencies[it->second].id +
                   "' answer to the same name, code or alias ('" + k +
                   "'), so lookups would be ambiguous");
  }
}

}  // namespace

void validate_framework_data(FrameworkData& d) {
  const std::set<std::string> witnesses = validate_head(d);
  Seen seen{witnesses, {}, {}, {}};
  for (std::size_t ci = 0; ci < d.competencies.size(); ++ci) validate_competency(d, ci, seen);
}

}  // namespace samatthana::detail

namespace samatthana {
void validate_framework(FrameworkData& data) { detail::validate_framework_data(data); }
}  // namespace samatthana
