// Output helpers (see samatthana/output.hpp): diff and search JSON, terminal escaping.
#include "samatthana/output.hpp"

#include <boost/json.hpp>

#include <cstdio>

#include "io/json.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;

json::object indicator_ref(const Indicator& i) {
  return json::object{{"id", i.id}, {"th", i.text.th}};
}

json::object change_json(const IndicatorChange& ic) {
  json::object ch{{"change", std::string(to_string(ic.change))}};
  if (ic.a) ch["a"] = indicator_ref(*ic.a);
  if (ic.b) ch["b"] = indicator_ref(*ic.b);
  if (ic.change == Change::reworded)
    ch["similarity"] =
        static_cast<double>(static_cast<long long>(ic.similarity * 1000 + 0.5)) / 1000.0;
  return ch;
}

json::object competency_json(const CompetencyDiff& cd) {
  json::object co{{"a", cd.a->id},
                  {"b", cd.b->id},
                  {"name_a", cd.a->name.th},
                  {"name_b", cd.b->name.th},
                  {"paired_by", std::string(to_string(cd.paired_by))},
                  {"name_changed", cd.name_changed},
                  {"definition_changed", cd.definition_changed}};
  json::array levels;
  for (const auto& ld : cd.levels) {
    json::object lo{{"level", ld.level},
                    {"in_a", ld.a != nullptr},
                    {"in_b", ld.b != nullptr},
                    {"title_changed", ld.title_changed}};
    json::array changes;
    for (const auto& ic : ld.indicators) changes.push_back(change_json(ic));
    lo["indicators"] = std::move(changes);
    levels.push_back(std::move(lo));
  }
  co["levels"] = std::move(levels);
  return co;
}

/// Appends one code point as UTF-8 and returns its length, or 0 for an invalid sequence.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80             ? 1
                  : (b & 0xE0) == 0xC0 ? 2
                  : (b & 0xF0) == 0xE0 ? 3
                  : (b & 0xF8) == 0xF0 ? 4
                                       : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  const char32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : n == 4 ? 0x10000 : 0;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool hidden_format(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string diff_json(const Framework& a, const Framework& b, const FrameworkDiff& d) {
  json::object root{{"a", a.id()}, {"b", b.id()}};
  json::array comps;
  for (const auto& cd : d.competencies) comps.push_back(competency_json(cd));
  root["competencies"] = std::move(comps);
  json::array oa, ob;
  for (const auto* c : d.only_in_a) oa.push_back(json::string(c->id));
  for (const auto* c : d.only_in_b) ob.push_back(json::string(c->id));
  root["only_in_a"] = std::move(oa);
  root["only_in_b"] = std::move(ob);
  return detail::canonical_json(root);
}

std::string json_string(std::string_view s) { return detail::json_quote(s); }

std::string search_json(std::string_view query, std::string_view framework_id,
                        const std::vector<SearchHit>& hits) {
  std::string out = "{\n  \"query\": " + json_string(query) +
                    ",\n  \"framework\": " + json_string(framework_id) + ",\n  \"hits\": [";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const SearchHit& h = hits[i];
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    out += std::string(i ? "," : "") + "\n    {\"kind\": " + json_string(to_string(h.kind)) +
           ", \"competency_id\": " + json_string(h.competency_id) +
           ", \"level\": " + std::to_string(h.level) +
           ", \"indicator_id\": " + json_string(h.indicator_id) +
           ", \"language\": " + json_string(h.language) + ", \"score\": " + score +
           ",\n     \"text\": " + json_string(h.text) + ",\n     \"highlights\": [";
    for (std::size_t k = 0; k < h.highlights.size(); ++k)
      out += std::string(k ? ", " : "") + "[" + std::to_string(h.highlights[k].begin) + ", " +
             std::to_string(h.highlights[k].end) + "]";
    out += "]}";
  }
  out += hits.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string escape_for_terminal(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  char buf[16];
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      const bool safe = (b >= 0x20 && b != 0x7F) || (keep_newlines && (b == '\n' || b == '\t'));
      if (safe) {
        out += static_cast<char>(b);
      } else {
        std::snprintf(buf, sizeof buf, "\\x%02x", b);
        out += buf;
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      out += buf;
      ++i;
    } else if (hidden_format(cp)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace samatthana
