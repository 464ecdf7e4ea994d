// Framework <-> IMS/1EdTech CASE 1.1 CFPackage (docs/case.md).
#include "samatthana/case.hpp"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "io/json.hpp"
#include "samatthana/io.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;
using detail::ObjectReader;

constexpr std::string_view kExtension = "samatthana";
constexpr std::string_view kCaseFormat = "samatthana-case/1";
constexpr std::string_view kUnknownDate = "1970-01-01T00:00:00+00:00";
/// Level 0's wording for a foreign package whose rubrics have no score-0 level (docs/case.md).
constexpr std::string_view kLevelZeroDefault = "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน";

enum class ItemKind { competency, level, indicator };

constexpr std::string_view item_type(ItemKind k) {
  switch (k) {
    case ItemKind::competency:
      return "Competency";
    case ItemKind::level:
      return "Proficiency Level";
    case ItemKind::indicator:
      return "Behavioural Indicator";
  }
  return "Competency";
}

// ---- export ---------------------------------------------------------------------------------

/// Everything of a Text except its Thai (which has a CASE field of its own).
json::object text_rest(const Text& t) { return detail::text_json(t, false); }

json::object text_whole(const Text& t) { return detail::text_json(t); }

struct Writer {
  const Framework& fw;
  std::string date;
  std::string doc_id;
  json::array items, associations, rubrics;

  static std::string uri(const std::string& id) { return "urn:uuid:" + id; }
  std::string ident(const std::string& path) const { return uuid_v5(kCaseNamespace, path); }
  static json::object link(const std::string& id, const std::string& title) {
    return json::object{{"title", title}, {"identifier", id}, {"uri", uri(id)}};
  }
  static json::object ext(json::object o) { return json::object{{kExtension, std::move(o)}}; }

  /// One CFItem and its isChildOf association to the parent (sequence = position, 1-based).
  std::string item(ItemKind kind, const std::string& path, const std::string& statement,
                   json::object fields, json::object extension, const std::string& parent,
                   const std::string& parent_title, std::size_t sequence) {
    const std::string id = ident(path);
    json::object o{{"identifier", id}, {"uri", uri(id)}, {"fullStatement", statement}};
    for (auto& kv : fields) o[kv.key()] = kv.value();
    o["CFItemType"] = item_type(kind);
    o["language"] = "th";
    o["lastChangeDateTime"] = date;
    o["extensions"] = ext(std::move(extension));
    items.push_back(std::move(o));
    const std::string aid = ident(path + "/isChildOf");
    associations.push_back(json::object{{"identifier", aid},
                                        {"uri", uri(aid)},
                                        {"associationType", "isChildOf"},
                                        {"sequenceNumber", sequence},
                                        {"originNodeURI", link(id, statement)},
                                        {"destinationNodeURI", link(parent, parent_title)},
                                        {"lastChangeDateTime", date}});
    return id;
  }

  void competency(const Competency& c, std::size_t position) {
    const std::string path = fw.id() + "/" + c.id;
    json::object fields;
    if (auto dpis = c.code("dpis"); !dpis.empty()) fields["humanCodingScheme"] = dpis;
    fields["listEnumeration"] = std::to_string(position);
    fields["notes"] = c.definition.th;
    json::object e{{"id", c.id},
                   {"group", to_string(c.group)},
                   {"name", text_rest(c.name)},
                   {"definition", text_rest(c.definition)}};
    if (!c.codes.empty()) {
      json::object codes;
      for (const auto& code : c.codes) codes[code.system] = code.value;
      e["codes"] = std::move(codes);
    }
    if (!c.aliases.empty()) {
      json::array as;
      for (const auto& a : c.aliases) {
        json::object ao{{"th", a.th}};
        if (!a.source.empty()) ao["source"] = a.source;
        as.push_back(std::move(ao));
      }
      e["aliases"] = std::move(as);
    }
    const std::string cid = item(ItemKind::competency, path, c.name.th, std::move(fields),
                                 std::move(e), doc_id, fw.name().th, position);
    for (const auto& l : c.levels) {
      const std::string lpath = path + "/level/" + std::to_string(l.number);
      json::object lf{{"listEnumeration", std::to_string(l.number)}};
      const std::string lid = item(ItemKind::level, lpath, l.title.th, std::move(lf),
                                   json::object{{"level", l.number}, {"title", text_rest(l.title)}},
                                   cid, c.name.th, static_cast<std::size_t>(l.number));
      for (std::size_t i = 0; i < l.indicators.size(); ++i) {
        const Indicator& ind = l.indicators[i];
        json::object f{{"humanCodingScheme", ind.id}, {"listEnumeration", std::to_string(i + 1)}};
        item(ItemKind::indicator, fw.id() + "/indicator/" + ind.id, ind.text.th, std::move(f),
             json::object{{"id", ind.id}, {"text", text_rest(ind.text)}}, lid, l.title.th, i + 1);
      }
    }
    rubric(c, path, cid);
  }

  /// One CFRubric per competency: one criterion, its levels the proficiency levels 0..N.
  void rubric(const Competency& c, const std::string& path, const std::string& item_id) {
    const std::string rid = ident(path + "/rubric");
    const std::string crid = ident(path + "/rubric/criterion");
    json::array levels;
    for (int k = 0; k <= c.max_level(); ++k) {
      const std::string id = ident(path + "/rubric/level/" + std::to_string(k));
      levels.push_back(json::object{{"identifier", id},
                                    {"uri", uri(id)},
                                    {"quality", fw.level_title(c, k)},
                                    {"score", k},
                                    {"position", k},
                                    {"rubricCriterionId", crid},
                                    {"lastChangeDateTime", date}});
    }
    json::object criterion{{"identifier", crid},
                           {"uri", uri(crid)},
                           {"category", c.name.th},
                           {"CFItemURI", link(item_id, c.name.th)},
                           {"position", 1},
                           {"rubricId", rid},
                           {"lastChangeDateTime", date},
                           {"CFRubricCriterionLevels", std::move(levels)}};
    rubrics.push_back(json::object{{"identifier", rid},
                                   {"uri", uri(rid)},
                                   {"title", c.name.th},
                                   {"lastChangeDateTime", date},
                                   {"CFRubricCriteria", json::array{std::move(criterion)}}});
  }

  json::object document() const {
    const Provenance& p = fw.provenance();
    json::object pv = json::parse(to_json(fw)).as_object()["provenance"].as_object();
    json::object d{{"identifier", doc_id},       {"uri", uri(doc_id)},
                   {"caseVersion", "1.1"},       {"frameworkType", "Competency Framework"},
                   {"creator", p.issuer.th},     {"title", fw.name().th},
                   {"lastChangeDateTime", date}, {"publisher", p.issuer.th},
                   {"language", "th"},           {"version", fw.version()},
                   {"adoptionStatus", "Adopted"}};
    if (!p.approved.empty()) d["statusStartDate"] = p.approved;
    d["extensions"] = ext(json::object{{"format", kCaseFormat},
                                       {"id", fw.id()},
                                       {"name", text_rest(fw.name())},
                                       {"provenance", std::move(pv)},
                                       {"level_zero", text_whole(fw.level_zero())}});
    return d;
  }
};

/// lastChangeDateTime: the approval date, else the letter's date, else a fixed "unknown" date.
std::string change_date(const Framework& fw) {
  const Provenance& p = fw.provenance();
  const std::string& day = !p.approved.empty() ? p.approved : p.letter_date;
  return day.empty() ? std::string(kUnknownDate) : day + "T00:00:00+00:00";
}

// ---- import ---------------------------------------------------------------------------------

struct Node {
  std::string id;
  std::size_t index = 0;  // in $.CFItems
  std::string path;       // $.CFItems[i]
  const json::object* obj = nullptr;
  std::string statement;
  std::string parent;       // identifier of the parent (item or document), "" for none
  std::string parent_path;  // path of the association that gave it
  long long sequence = 0;   // sequenceNumber (0 when absent)
  std::size_t order = 0;    // position of that association
  std::vector<std::string> children;
};

struct Reader {
  std::string file;
  std::string doc_id;
  std::string doc_title;
  const json::object* doc = nullptr;
  const json::array* root_rubrics = nullptr;
  mutable std::set<std::string> used;                  // items placed in the framework
  mutable std::map<std::string, std::string> origins;  // framework path -> CASE item path
  std::map<std::string, Node> nodes;
  std::vector<std::string> top;  // children of the document, ordered

  [[noreturn]] void fail(const std::string& path, const std::string& message,
                         const std::string& value = {}) const {
    Location where;
    where.file = file;
    where.path = path;
    where.value = value;
    throw ValidationError(message, where);
  }

  void read_document(const ObjectReader& root) {
    if (!root.has("CFDocument"))
      fail("$.CFDocument",
           "this is not a CASE package: it has no CFDocument (a CFPackage holds "
           "one CFDocument, its CFItems and CFAssociations)");
    ObjectReader d(*root.get("CFDocument"), "$.CFDocument", file);
    doc = &d.object();
    doc_id = d.str("identifier");
    if (doc_id.empty()) fail("$.CFDocument.identifier", "the document's identifier is empty");
    doc_title = d.str("title");
    if (doc_title.empty())
      fail("$.CFDocument.title", "the document's title is empty; give the framework's Thai name");
  }

  void read_items(const ObjectReader& root) {
    const auto& items = root.array("CFItems", false);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string p = "$.CFItems[" + std::to_string(i) + "]";
      ObjectReader r(items[i], p, file);
      Node n;
      n.index = i;
      n.path = p;
      n.obj = &r.object();
      const std::string id = r.str("identifier");
      if (id.empty()) fail(r.child("identifier"), "the item's identifier is empty");
      n.id = id;
      if (!r.has("fullStatement"))
        fail(r.child("fullStatement"), "the item has no fullStatement (its Thai text)");
      n.statement = r.str("fullStatement");
      if (n.statement.empty())
        fail(r.child("fullStatement"), "the item's fullStatement (its Thai text) is empty");
      if (id == doc_id) fail(r.child("identifier"), "the item has the document's identifier", id);
      if (auto it = nodes.find(id); it != nodes.end())
        fail(r.child("identifier"), "duplicate identifier (also at " + it->second.path + ")", id);
      nodes.emplace(id, std::move(n));
    }
  }

  std::string link_id(const ObjectReader& a, std::string_view key) const {
    ObjectReader l(*a.get(key), a.child(key), file);
    return l.str("identifier");
  }

  void read_associations(const ObjectReader& root) {
    const auto& as = root.array("CFAssociations", false);
    for (std::size_t i = 0; i < as.size(); ++i) {
      const std::string p = "$.CFAssociations[" + std::to_string(i) + "]";
      ObjectReader a(as[i], p, file);
      if (a.str("associationType") != "isChildOf") continue;  // not part of the hierarchy
      const std::string from = link_id(a, "originNodeURI");
      const std::string to = link_id(a, "destinationNodeURI");
      auto it = nodes.find(from);
      if (it == nodes.end())
        fail(a.child("originNodeURI") + ".identifier",
             "isChildOf from an item that is not in this package's CFItems", from);
      if (to != doc_id && !nodes.contains(to))
        fail(a.child("destinationNodeURI") + ".identifier",
             "unknown association target: no CFItem and not the CFDocument has this identifier",
             to);
      Node& n = it->second;
      if (!n.parent.empty())
        fail(p, "the item " + n.path + " is a child of two parents (also at " + n.parent_path + ")",
             from);
      n.parent = to;
      n.parent_path = p;
      n.sequence = a.integer("sequenceNumber", false, 0);
      n.order = i;
    }
    check_cycles();
    for (auto& [id, n] : nodes) {
      if (n.parent.empty()) continue;
      (n.parent == doc_id ? top : nodes.at(n.parent).children).push_back(id);
    }
    auto by_sequence = [&](const std::string& a, const std::string& b) {
      const Node &x = nodes.at(a), &y = nodes.at(b);
      return std::pair(x.sequence, x.order) < std::pair(y.sequence, y.order);
    };
    std::sort(top.begin(), top.end(), by_sequence);
    for (auto& [id, n] : nodes) std::sort(n.children.begin(), n.children.end(), by_sequence);
  }

  /// Follows each item's parents once (linear time): meeting an item already on the current
  /// path is a cycle.
  void check_cycles() const {
    std::unordered_map<std::string, int> state;  // 1: on the current path, 2: done
    for (const auto& [id, n] : nodes) {
      std::vector<const std::string*> path;
      for (const std::string* at = &id;;) {
        int& st = state[*at];
        if (st == 2) break;
        const Node& x = nodes.at(*at);
        if (st == 1)
          fail(x.parent_path, "isChildOf associations form a cycle through " + x.path, *at);
        st = 1;
        path.push_back(at);
        if (x.parent.empty() || x.parent == doc_id) break;
        at = &x.parent;
      }
      for (const auto* p : path) state[*p] = 2;
    }
  }

  /// Records which CASE item a part of the rebuilt framework came from (for error locations).
  void came_from(std::string framework_path, const Node& n) const {
    origins[std::move(framework_path)] = n.path;
  }
  /// The CASE path of the item a framework path points into ("" when none).
  std::string origin(const std::string& framework_path) const {
    std::string best;
    std::size_t best_len = 0;
    for (const auto& [fp, cp] : origins) {
      const bool prefix = framework_path.rfind(fp, 0) == 0 &&
                          (framework_path.size() == fp.size() || framework_path[fp.size()] == '.' ||
                           framework_path[fp.size()] == '[');
      if (prefix && fp.size() >= best_len) best = cp, best_len = fp.size();
    }
    return best;
  }

  const Node& node(const std::string& id) const {
    used.insert(id);
    return nodes.at(id);
  }
  /// A string field that may be absent ("" then); any other type is an error.
  std::string opt_str(const json::object& o, std::string_view key, const std::string& path) const {
    const auto* v = o.if_contains(key);
    if (!v) return {};
    if (!v->is_string())
      fail(path + "." + std::string(key), "expected a string, found " + detail::json_type_name(*v));
    return std::string(v->get_string());
  }
  void all_used() const {
    for (const auto& [id, n] : nodes)
      if (!used.contains(id))
        fail(n.path,
             n.parent.empty()
                 ? "this item is not a child (isChildOf) of the document or of any item"
                 : "this item is deeper than competency > level > indicator",
             n.statement);
  }
  const json::object* extension(const Node& n) const { return extension_of(*n.obj); }
  static const json::object* extension_of(const json::object& o) {
    const auto* e = o.if_contains("extensions");
    if (!e || !e->is_object()) return nullptr;
    const auto* s = e->as_object().if_contains(kExtension);
    return s && s->is_object() ? &s->as_object() : nullptr;
  }
  std::string ext_path(const std::string& p) const {
    return p + ".extensions." + std::string(kExtension);
  }
  /// A Text from a CASE field (Thai) and the rest under extensions.
  json::object text(const std::string& th, const json::object& ext, std::string_view key,
                    const std::string& path) const {
    json::object t{{"th", th}};
    if (const auto* rest = ext.if_contains(key)) {
      if (!rest->is_object()) fail(ext_path(path) + "." + std::string(key), "expected an object");
      for (const auto& kv : rest->as_object())
        if (kv.key() != "th") t[kv.key()] = kv.value();
    }
    return t;
  }
  json::value ext_field(const json::object& ext, std::string_view key,
                        const std::string& path) const {
    const auto* v = ext.if_contains(key);
    if (!v)
      fail(ext_path(path) + "." + std::string(key),
           "required field '" + std::string(key) + "' is missing from the extension");
    return *v;
  }

  std::vector<std::string> children(const Node& n, ItemKind kind) const {
    if (n.children.empty())
      fail(n.path,
           kind == ItemKind::level ? "this competency has no levels (no item isChildOf it)"
                                   : "this level has no indicators (no item isChildOf it)",
           n.statement);
    return n.children;
  }

  json::object exact(const json::object& dext) const;
  json::object exact_competency(const Node& c, std::size_t ci) const;
  json::object foreign() const;
  json::object foreign_competency(const Node& c, std::size_t position,
                                  std::optional<std::string>& level_zero) const;
  const json::object* rubric_criterion(const std::string& item_id, std::string& path) const;
  std::vector<std::string> rubric_titles(const Node& c, std::size_t levels,
                                         std::optional<std::string>& level_zero) const;
};

json::object Reader::exact_competency(const Node& c, std::size_t ci) const {
  const std::string cp = "$.competencies[" + std::to_string(ci) + "]";
  came_from(cp, c);
  const json::object* e = extension(c);
  if (!e)
    fail(ext_path(c.path),
         "this competency item has no samatthana extension, though the "
         "document has (a package written by samatthana, then edited?)");
  json::object co{{"id", ext_field(*e, "id", c.path)}, {"group", ext_field(*e, "group", c.path)}};
  co["name"] = text(c.statement, *e, "name", c.path);
  const std::string notes = opt_str(*c.obj, "notes", c.path);
  if (notes.empty()) fail(c.path + ".notes", "the competency's definition (notes) is missing");
  co["definition"] = text(notes, *e, "definition", c.path);
  if (const auto* v = e->if_contains("codes")) co["codes"] = *v;
  if (const auto* v = e->if_contains("aliases")) co["aliases"] = *v;
  json::array levels;
  for (const auto& lid : children(c, ItemKind::level)) {
    const Node& l = node(lid);
    const std::string lp = cp + ".levels[" + std::to_string(levels.size()) + "]";
    came_from(lp, l);
    const json::object* le = extension(l);
    if (!le) fail(ext_path(l.path), "this level item has no samatthana extension");
    json::object lo{{"level", ext_field(*le, "level", l.path)},
                    {"title", text(l.statement, *le, "title", l.path)}};
    json::array inds;
    for (const auto& iid : children(l, ItemKind::indicator)) {
      const Node& in = node(iid);
      came_from(lp + ".indicators[" + std::to_string(inds.size()) + "]", in);
      const json::object* ie = extension(in);
      if (!ie) fail(ext_path(in.path), "this indicator item has no samatthana extension");
      json::object io{{"id", ext_field(*ie, "id", in.path)}};
      for (auto& kv : text(in.statement, *ie, "text", in.path)) io[kv.key()] = kv.value();
      inds.push_back(std::move(io));
    }
    lo["indicators"] = std::move(inds);
    levels.push_back(std::move(lo));
  }
  co["levels"] = std::move(levels);
  return co;
}

json::object Reader::exact(const json::object& dext) const {
  const std::string p = "$.CFDocument";
  const json::value format = ext_field(dext, "format", p);
  if (!format.is_string() || format.get_string() != kCaseFormat)
    fail(ext_path(p) + ".format", "unsupported samatthana extension format (this library reads '" +
                                      std::string(kCaseFormat) + "')");
  json::object root{{"format", "samatthana-framework/1"}, {"id", ext_field(dext, "id", p)}};
  root["version"] = opt_str(*doc, "version", p);
  root["name"] = text(doc_title, dext, "name", p);
  root["provenance"] = ext_field(dext, "provenance", p);
  root["level_zero"] = ext_field(dext, "level_zero", p);
  json::array cs;
  for (const auto& id : top) cs.push_back(exact_competency(node(id), cs.size()));
  root["competencies"] = std::move(cs);
  return root;
}

/// The criterion of a CFRubric whose CFItemURI names the item, with its path.
const json::object* Reader::rubric_criterion(const std::string& item_id, std::string& path) const {
  const auto* rs = root_rubrics;
  if (!rs) return nullptr;
  for (std::size_t r = 0; r < rs->size(); ++r) {
    const std::string rp = "$.CFRubrics[" + std::to_string(r) + "]";
    ObjectReader rr((*rs)[r], rp, file);
    const auto& cs = rr.array("CFRubricCriteria", false);
    for (std::size_t c = 0; c < cs.size(); ++c) {
      const std::string cp = rr.child("CFRubricCriteria") + "[" + std::to_string(c) + "]";
      ObjectReader cr(cs[c], cp, file);
      if (!cr.has("CFItemURI")) continue;
      ObjectReader link(*cr.get("CFItemURI"), cr.child("CFItemURI"), file);
      if (link.str("identifier") == item_id) {
        path = cp;
        return &cr.object();
      }
    }
  }
  return nullptr;
}

/// Level titles 1..N from the competency's rubric (criterion levels by score; score 0 gives
/// level 0's wording), or none when it has no rubric.
std::vector<std::string> Reader::rubric_titles(const Node& c, std::size_t levels,
                                               std::optional<std::string>& level_zero) const {
  std::string cpath;
  const json::object* crit = rubric_criterion(c.id, cpath);
  if (!crit) return {};
  const auto* lv = crit->if_contains("CFRubricCriterionLevels");
  const std::string lpath = cpath + ".CFRubricCriterionLevels";
  if (!lv || !lv->is_array()) fail(lpath, "the competency's rubric criterion has no levels");
  std::vector<std::pair<double, std::string>> scored;
  for (std::size_t i = 0; i < lv->as_array().size(); ++i) {
    const std::string p = lpath + "[" + std::to_string(i) + "]";
    ObjectReader l(lv->as_array()[i], p, file);
    const double score = l.number("score");
    std::string title = l.str("quality", false);
    if (title.empty()) title = l.str("description", false);
    if (title.empty()) fail(p + ".quality", "the rubric level has neither quality nor description");
    if (score == 0) {
      level_zero = title;
      continue;
    }
    if (score != static_cast<double>(scored.size() + 1) && score != std::floor(score))
      fail(p + ".score", "rubric level scores must be whole numbers 0..N");
    scored.emplace_back(score, title);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = 0; k < scored.size(); ++k)
    if (scored[k].first != static_cast<double>(k + 1))
      fail(lpath, "rubric level scores must be 0..N without gaps or repeats (level " +
                      std::to_string(k + 1) + " is missing or repeated)");
  if (scored.size() != levels)
    fail(lpath, "the rubric has " + std::to_string(scored.size()) +
                    " levels above 0, but the competency has " + std::to_string(levels) +
                    " child items (levels)");
  std::vector<std::string> titles;
  for (auto& s : scored) titles.push_back(std::move(s.second));
  return titles;
}

/// An id from a code: lower-case ASCII letters, digits and '_' (others become '_'), starting
/// with a letter ("c_" in front otherwise); "" when nothing is left.
std::string sanitised_id(std::string_view code) {
  std::string id;
  for (char ch : code) {
    const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok)
      id += c;
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (!id.empty() && !(id[0] >= 'a' && id[0] <= 'z')) id = "c_" + id;
  return id;
}

json::object Reader::foreign_competency(const Node& c, std::size_t position,
                                        std::optional<std::string>& level_zero) const {
  const std::string cp = "$.competencies[" + std::to_string(position - 1) + "]";
  came_from(cp, c);
  const std::string code = opt_str(*c.obj, "humanCodingScheme", c.path);
  std::string id = sanitised_id(code);
  if (id.empty()) id = "c" + std::to_string(position);
  std::string notes = opt_str(*c.obj, "notes", c.path);
  json::object co{{"id", id}, {"group", "core"}, {"name", json::object{{"th", c.statement}}}};
  co["definition"] = json::object{{"th", notes.empty() ? c.statement : notes}};
  if (!code.empty()) co["codes"] = json::object{{"case", code}};
  const std::vector<std::string> kids = children(c, ItemKind::level);
  const std::vector<std::string> titles = rubric_titles(c, kids.size(), level_zero);
  json::array levels;
  for (std::size_t k = 1; k <= kids.size(); ++k) {
    const Node& l = node(kids[k - 1]);
    const std::string lp = cp + ".levels[" + std::to_string(k - 1) + "]";
    came_from(lp, l);
    json::array inds;
    const auto ikids = children(l, ItemKind::indicator);
    for (std::size_t n = 1; n <= ikids.size(); ++n) {
      const Node& in = node(ikids[n - 1]);
      came_from(lp + ".indicators[" + std::to_string(n - 1) + "]", in);
      if (!in.children.empty())
        fail(nodes.at(in.children.front()).path,
             "this item is deeper than competency > level > indicator",
             nodes.at(in.children.front()).statement);
      inds.push_back(json::object{{"id", id + "." + std::to_string(k) + "." + std::to_string(n)},
                                  {"th", in.statement}});
    }
    levels.push_back(
        json::object{{"level", k},
                     {"title", json::object{{"th", titles.empty() ? l.statement : titles[k - 1]}}},
                     {"indicators", std::move(inds)}});
  }
  co["levels"] = std::move(levels);
  return co;
}

}  // namespace
}  // namespace samatthana

namespace samatthana {
namespace {

std::string foreign_framework_id(std::string_view doc_id) {
  std::string tail;
  for (char ch : doc_id) {
    const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    if (((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) && tail.size() < 8) tail += c;
  }
  return tail.empty() ? std::string("case") : "case-" + tail;
}

}  // namespace

json::object Reader::foreign() const {
  const std::string p = "$.CFDocument";
  std::string issuer = opt_str(*doc, "publisher", p);
  if (issuer.empty()) issuer = opt_str(*doc, "creator", p);
  if (issuer.empty()) fail(p + ".creator", "the document names neither a creator nor a publisher");
  std::string source = opt_str(*doc, "officialSourceURL", p);
  if (source.empty()) source = opt_str(*doc, "uri", p);
  if (source.empty()) source = "CASE CFDocument " + doc_id;
  std::string version = opt_str(*doc, "version", p);
  json::object root{{"format", "samatthana-framework/1"},
                    {"id", foreign_framework_id(doc_id)},
                    {"version", version.empty() ? std::string("1") : version},
                    {"name", json::object{{"th", doc_title}}}};
  root["provenance"] = json::object{{"issuer", json::object{{"th", issuer}}},
                                    {"source_document", source},
                                    {"witnesses", json::array{}}};
  std::optional<std::string> level_zero;
  json::array cs;
  std::map<std::string, std::string> ids;  // competency id -> item path
  for (std::size_t i = 0; i < top.size(); ++i) {
    const Node& c = node(top[i]);
    json::object co = foreign_competency(c, i + 1, level_zero);
    const std::string id(co["id"].as_string());
    if (auto [it, fresh] = ids.emplace(id, c.path); !fresh)
      fail(c.path + ".humanCodingScheme",
           "two competencies would get the id '" + id + "' (also " + it->second + ")", id);
    cs.push_back(std::move(co));
  }
  root["level_zero"] = json::object{{"th", level_zero.value_or(std::string(kLevelZeroDefault))}};
  root["competencies"] = std::move(cs);
  return root;
}

}  // namespace samatthana

namespace samatthana {

std::string uuid_v5(std::string_view ns, std::string_view name) {
  boost::uuids::uuid space;
  try {
    space = boost::uuids::string_generator()(std::string(ns));
  } catch (const std::runtime_error&) {
    Location where;
    where.value = std::string(ns);
    throw ValidationError("not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", where);
  }
  boost::uuids::name_generator_sha1 gen(space);
  return boost::uuids::to_string(gen(name.data(), name.size()));
}

std::string to_case_json(const Framework& fw) {
  Writer w{fw, change_date(fw), uuid_v5(kCaseNamespace, fw.id()), {}, {}, {}};
  const auto cs = fw.competencies();
  for (std::size_t i = 0; i < cs.size(); ++i) w.competency(cs[i], i + 1);
  json::object package{{"CFDocument", w.document()},
                       {"CFItems", std::move(w.items)},
                       {"CFAssociations", std::move(w.associations)},
                       {"CFRubrics", std::move(w.rubrics)}};
  return detail::canonical_json(package);
}

Framework parse_case_json(std::string_view text, std::string_view source_name) {
  const json::value root = detail::parse_json(text, source_name);
  Reader r;
  r.file = std::string(source_name);
  ObjectReader top(root, "$", r.file);
  r.read_document(top);
  if (top.has("CFRubrics")) r.root_rubrics = &top.array("CFRubrics");
  r.read_items(top);
  r.read_associations(top);
  if (r.top.empty())
    r.fail("$.CFAssociations",
           "no item is a child (isChildOf) of the document, so the package "
           "has no competencies");
  const json::object* dext = Reader::extension_of(*r.doc);
  const json::object fw = dext ? r.exact(*dext) : r.foreign();
  r.all_used();
  try {
    return parse_framework(detail::canonical_json(fw), source_name);
  } catch (const ValidationError& e) {
    // Located at the CASE item the part came from (the document for framework-wide parts).
    Location where = e.where();
    const std::string item = r.origin(where.path);
    const std::string framework_path = where.path;
    where.path = item.empty() ? "$.CFDocument" : item;
    throw ValidationError(
        e.message() + " (in the framework read from this CASE package, at " + framework_path + ")",
        where);
  }
}

}  // namespace samatthana
