// Framework <-> JSON (docs/framework-format.md).
#include <cerrno>
#include <fstream>
#include <mutex>
#include <sstream>

#include "io/csv.hpp"
#include "io/embedded.hpp"
#include "io/json.hpp"
#include "samatthana/io.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;
using detail::ObjectReader;
using detail::text_json;

constexpr std::string_view kFormat = "samatthana-framework/1";

struct FrameworkReader {
  std::string file;

  /// Rejects a control character (C0 except TAB, and DEL; line breaks too unless `lines`) in an
  /// id or a text: a NUL (written \u0000 in JSON) cuts the text in C programs, an ESC drives the
  /// terminal. Ids, codes, names, titles and indicators are one line; notes may have several.
  const std::string& plain(const std::string& v, const std::string& path,
                           bool lines = false) const {
    for (std::size_t k = 0; k < v.size(); ++k) {
      const auto c = static_cast<unsigned char>(v[k]);
      const bool line_break = c == '\n' || c == '\r';
      if ((c < 0x20 && c != '\t' && !(lines && line_break)) || c == 0x7F) {
        Location where;
        where.file = file;
        where.path = path;
        where.value = v;
        throw ValidationError("this text holds the control character " +
                                  detail::shown(std::string_view(v).substr(k, 1)) +
                                  "; remove it: ids, names and texts are plain text",
                              where);
      }
    }
    return v;
  }
  std::string plain_str(const ObjectReader& r, std::string_view key, bool required = true,
                        bool lines = false) const {
    return plain(r.str(key, required), r.child(key), lines);
  }

  Text text(const json::value& v, const std::string& path, bool flattened_indicator = false) const {
    ObjectReader r(v, path, file);
    if (flattened_indicator)
      r.only({"id", "th", "en", "correction", "variants"});
    else
      r.only({"th", "en", "correction", "variants"});
    Text t;
    t.th = plain_str(r, "th");
    t.en = plain_str(r, "en", false);
    if (const auto* c = r.get("correction", false)) {
      ObjectReader cr(*c, r.child("correction"), file);
      cr.only({"source_text", "note"});
      t.correction =
          Correction{plain_str(cr, "source_text", true, true), plain_str(cr, "note", true, true)};
    }
    const auto& vs = r.array("variants", false);
    for (std::size_t i = 0; i < vs.size(); ++i) {
      ObjectReader vr(vs[i], r.child("variants") + "[" + std::to_string(i) + "]", file);
      vr.only({"witness", "th", "note"});
      t.variants.push_back(Variant{plain_str(vr, "witness"), plain_str(vr, "th", true, true),
                                   plain_str(vr, "note", false, true)});
    }
    return t;
  }

  FrameworkData read(const json::value& root) const {
    ObjectReader r(root, "$", file);
    r.only({"format", "id", "version", "name", "provenance", "level_zero", "competencies"});
    const std::string format = r.str("format");
    if (format != kFormat)
      r.fail("$.format", "unsupported format '" + detail::shown(format) +
                             "' (this library reads '" + std::string(kFormat) + "')");
    FrameworkData d;
    d.id = plain_str(r, "id");
    d.version = plain_str(r, "version");
    d.name = text(*r.get("name"), "$.name");
    d.provenance = provenance(*r.get("provenance"));
    d.level_zero = text(*r.get("level_zero"), "$.level_zero");
    const auto& cs = r.array("competencies");
    for (std::size_t ci = 0; ci < cs.size(); ++ci)
      d.competencies.push_back(competency(cs[ci], "$.competencies[" + std::to_string(ci) + "]"));
    return d;
  }

  Provenance provenance(const json::value& v) const {
    ObjectReader p(v, "$.provenance", file);
    p.only({"issuer", "approved", "approved_as_written", "letter_number", "letter_date",
            "letter_date_as_written", "source_document", "witnesses", "notes"});
    Provenance pv;
    pv.issuer = text(*p.get("issuer"), p.child("issuer"));
    pv.approved = p.str("approved", false);
    pv.approved_as_written = p.str("approved_as_written", false);
    pv.letter_number = p.str("letter_number", false);
    pv.letter_date = p.str("letter_date", false);
    pv.letter_date_as_written = p.str("letter_date_as_written", false);
    pv.source_document = p.str("source_document");
    const auto& ws = p.array("witnesses");
    for (std::size_t i = 0; i < ws.size(); ++i) {
      ObjectReader w(ws[i], p.child("witnesses") + "[" + std::to_string(i) + "]", file);
      w.only({"id", "description"});
      pv.witnesses.push_back(Witness{plain_str(w, "id"), plain_str(w, "description", true, true)});
    }
    pv.notes = p.str("notes", false);
    for (auto [key, value] :
         {std::pair{"approved", &pv.approved}, {"letter_date", &pv.letter_date}})
      if (!value->empty() && !iso_date_ok(*value))
        p.fail(p.child(key),
               "expected a date as YYYY-MM-DD, found '" + detail::shown(*value) + "'");
    return pv;
  }

  Competency competency(const json::value& v, const std::string& cp) const {
    ObjectReader c(v, cp, file);
    c.only({"id", "group", "name", "definition", "codes", "aliases", "levels"});
    Competency comp;
    comp.id = plain_str(c, "id");
    const std::string group = c.str("group");
    if (auto g = group_from_string(group))
      comp.group = *g;
    else
      c.fail(c.child("group"),
             "unknown group '" + detail::shown(group) + "' (core, managerial or functional)");
    comp.name = text(*c.get("name"), c.child("name"));
    comp.definition = text(*c.get("definition"), c.child("definition"));
    if (const auto* codes = c.get("codes", false)) {
      ObjectReader cr(*codes, c.child("codes"), file);
      for (const auto& kv : cr.object()) {
        if (!kv.value().is_string())
          cr.fail(cr.child(kv.key()),
                  "expected a string, found " + detail::json_type_name(kv.value()));
        comp.codes.push_back(Code{plain(std::string(kv.key()), cr.child(kv.key())),
                                  plain(std::string(kv.value().get_string()), cr.child(kv.key()))});
      }
    }
    const auto& as = c.array("aliases", false);
    for (std::size_t i = 0; i < as.size(); ++i) {
      ObjectReader a(as[i], c.child("aliases") + "[" + std::to_string(i) + "]", file);
      a.only({"th", "source"});
      comp.aliases.push_back(Alias{plain_str(a, "th"), plain_str(a, "source", false, true)});
    }
    const auto& ls = c.array("levels");
    for (std::size_t li = 0; li < ls.size(); ++li)
      comp.levels.push_back(level(ls[li], c.child("levels") + "[" + std::to_string(li) + "]"));
    return comp;
  }

  Level level(const json::value& v, const std::string& lp) const {
    ObjectReader l(v, lp, file);
    l.only({"level", "title", "indicators"});
    Level level;
    const long long n = l.integer("level");
    if (n < 0 || n > 1000)
      l.fail(l.child("level"), "level number " + std::to_string(n) + " is out of range");
    level.number = static_cast<int>(n);
    level.title = text(*l.get("title"), l.child("title"));
    const auto& is = l.array("indicators");
    for (std::size_t ii = 0; ii < is.size(); ++ii) {
      const std::string ip = l.child("indicators") + "[" + std::to_string(ii) + "]";
      ObjectReader ir(is[ii], ip, file);
      Indicator ind;
      ind.id = plain_str(ir, "id");
      ind.text = text(is[ii], ip, true);
      level.indicators.push_back(std::move(ind));
    }
    return level;
  }

  static bool iso_date_ok(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
      if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)),
              d = std::stoi(s.substr(8, 2));
    return text::is_valid_date(y, m, d);  // a real date: not 2007-02-30
  }
};

json::value to_value(const FrameworkData& d) {
  json::object root;
  root["format"] = kFormat;
  root["id"] = d.id;
  root["version"] = d.version;
  root["name"] = text_json(d.name);
  json::object pv;
  const auto& p = d.provenance;
  pv["issuer"] = text_json(p.issuer);
  auto opt = [&](const char* key, const std::string& v) {
    if (!v.empty()) pv[key] = v;
  };
  opt("approved", p.approved);
  opt("approved_as_written", p.approved_as_written);
  opt("letter_number", p.letter_number);
  opt("letter_date", p.letter_date);
  opt("letter_date_as_written", p.letter_date_as_written);
  pv["source_document"] = p.source_document;
  json::array ws;
  for (const auto& w : p.witnesses)
    ws.push_back(json::object{{"id", w.id}, {"description", w.description}});
  pv["witnesses"] = std::move(ws);
  opt("notes", p.notes);
  root["provenance"] = std::move(pv);
  root["level_zero"] = text_json(d.level_zero);
  json::array cs;
  for (const auto& c : d.competencies) {
    json::object co;
    co["id"] = c.id;
    co["group"] = to_string(c.group);
    co["name"] = text_json(c.name);
    co["definition"] = text_json(c.definition);
    if (!c.codes.empty()) {
      json::object codes;
      for (const auto& code : c.codes) codes[code.system] = code.value;
      co["codes"] = std::move(codes);
    }
    if (!c.aliases.empty()) {
      json::array as;
      for (const auto& a : c.aliases) {
        json::object ao{{"th", a.th}};
        if (!a.source.empty()) ao["source"] = a.source;
        as.push_back(std::move(ao));
      }
      co["aliases"] = std::move(as);
    }
    json::array ls;
    for (const auto& l : c.levels) {
      json::object lo;
      lo["level"] = l.number;
      lo["title"] = text_json(l.title);
      json::array is;
      for (const auto& ind : l.indicators) {
        json::object io{{"id", ind.id}};
        for (auto& kv : text_json(ind.text)) io[kv.key()] = kv.value();
        is.push_back(std::move(io));
      }
      lo["indicators"] = std::move(is);
      ls.push_back(std::move(lo));
    }
    co["levels"] = std::move(ls);
    cs.push_back(std::move(co));
  }
  root["competencies"] = std::move(cs);
  return root;
}

}  // namespace

Framework parse_framework(std::string_view text, std::string_view source_name) {
  const json::value root = detail::parse_json(text, source_name);
  FrameworkReader reader{std::string(source_name)};
  try {
    return Framework(reader.read(root));
  } catch (const Error& e) {
    if (!e.where().file.empty() || source_name.empty()) throw;
    Location where = e.where();
    where.file = std::string(source_name);
    if (dynamic_cast<const EncodingError*>(&e)) throw EncodingError(e.message(), where);
    throw ValidationError(e.message(), where);
  }
}

Framework load_framework(const std::filesystem::path& file) {
  return parse_framework(read_file(file), file.string());
}

std::string to_json(const Framework& fw) { return detail::canonical_json(to_value(fw.data())); }

void save_framework(const Framework& fw, const std::filesystem::path& file) {
  write_file_atomic(file, to_json(fw));
}

// ---- combined frameworks ----------------------------------------------------------------------

Framework combine_frameworks(std::string id, std::string version, Text name,
                             std::span<const Framework* const> parts) {
  if (parts.empty()) throw ValidationError("combine_frameworks needs at least one framework");
  FrameworkData d;
  d.id = std::move(id);
  d.version = std::move(version);
  d.name = std::move(name);
  d.level_zero = parts[0]->level_zero();
  d.provenance.issuer = parts[0]->provenance().issuer;
  std::string list;
  for (const Framework* f : parts) {
    if (f->level_zero().th != d.level_zero.th)
      throw ValidationError("framework '" + f->id() + "' words level 0 differently from '" +
                            parts[0]->id() + "': a combined framework has one level 0");
    list += (list.empty() ? "" : ", ") + f->id() + " " + f->version();
    for (const Witness& w : f->provenance().witnesses) {
      auto it = std::find_if(d.provenance.witnesses.begin(), d.provenance.witnesses.end(),
                             [&](const Witness& x) { return x.id == w.id; });
      if (it == d.provenance.witnesses.end())
        d.provenance.witnesses.push_back(w);
      else if (it->description.find(w.description) == std::string::npos)
        it->description += "\n" + w.description;
    }
    for (const Competency& c : f->competencies()) d.competencies.push_back(c);
  }
  d.provenance.source_document = parts[0]->provenance().source_document;
  d.provenance.notes =
      "Combined from " + list +
      " (each keeps its provenance, corrections and source; see those frameworks).";
  return Framework(std::move(d));
}

namespace {
/// Built-in frameworks combined from others at first use (not files: listed by id here only).
std::shared_ptr<const Framework> combined_builtin(const std::string& key) {
  if (key != "ocsc-full-2552") return nullptr;
  const std::shared_ptr<const Framework> parts[] = {builtin_framework("ocsc-core-2552"),
                                                    builtin_framework("ocsc-managerial-2552"),
                                                    builtin_framework("ocsc-functional-2552")};
  const Framework* ptrs[] = {parts[0].get(), parts[1].get(), parts[2].get()};
  Text name;
  name.th = "สมรรถนะหลัก สมรรถนะผู้บริหาร และสมรรถนะประจำสายงาน (ก.พ.) พ.ศ. ๒๕๕๒";
  name.en = "OCSC core, managerial and functional competencies, 2552 BE (2009)";
  return std::make_shared<const Framework>(
      combine_frameworks(key, "2552.1", std::move(name), ptrs));
}
}  // namespace

// ---- built-ins ------------------------------------------------------------------------------

std::string_view embedded_data(std::string_view name) {
  for (const auto* f : detail::embedded_files())
    if (f->name == name) return f->bytes;
  Location where;
  where.value = std::string(name);
  throw LookupError("no such data file is compiled into the library", where);
}

std::vector<std::string> builtin_framework_ids() {
  std::vector<std::string> ids;
  for (const auto* f : detail::embedded_files()) {
    std::string_view n = f->name;
    if (n.rfind("frameworks/", 0) == 0 && n.size() > 16 && n.substr(n.size() - 5) == ".json")
      ids.emplace_back(n.substr(11, n.size() - 16));
  }
  return ids;
}

std::shared_ptr<const Framework> builtin_framework(std::string_view id) {
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::shared_ptr<const Framework>>> cache;
  std::string key(id);
  if (key == "bma" || key == "bma-core") key = "bma-core-2550";
  if (key == "ocsc" || key == "ocsc-core") key = "ocsc-core-2552";
  if (key == "ocsc-2548") key = "ocsc-core-2548";
  if (key == "ocsc-2552") key = "ocsc-core-2552";
  if (key == "ocsc-full") key = "ocsc-full-2552";
  {
    std::lock_guard lock(mutex);
    for (const auto& [k, fw] : cache)
      if (k == key) return fw;
  }
  // Outside the lock: a combined framework loads its parts through this function.
  if (auto fw = combined_builtin(key)) {
    std::lock_guard lock(mutex);
    for (const auto& [k, have] : cache)
      if (k == key) return have;  // another thread was first
    cache.emplace_back(key, fw);
    return fw;
  }
  std::lock_guard lock(mutex);
  for (const auto& [k, fw] : cache)
    if (k == key) return fw;
  const std::string name = "frameworks/" + key + ".json";
  for (const auto* f : detail::embedded_files()) {
    if (f->name == name) {
      auto fw =
          std::make_shared<const Framework>(parse_framework(f->bytes, "(built-in) data/" + name));
      cache.emplace_back(key, fw);
      return fw;
    }
  }
  std::string known;
  for (const auto& k : builtin_framework_ids()) known += (known.empty() ? "" : ", ") + k;
  Location where;
  where.value = std::string(id);
  throw LookupError(
      "no built-in framework has this id (built-in: " + known + "; combined: ocsc-full-2552)",
      where);
}

const Framework& bma_core() {
  static const std::shared_ptr<const Framework> fw = builtin_framework("bma-core-2550");
  return *fw;
}

std::shared_ptr<const Framework> framework(std::string_view id_or_path) {
  const std::string s(id_or_path);
  const bool looks_like_path = s.find('/') != std::string::npos || s.ends_with(".json");
  if (!looks_like_path) return builtin_framework(s);
  return std::make_shared<const Framework>(load_framework(s));
}

}  // namespace samatthana
