// A JSON Schema (draft 2020-12) validator for exactly the keywords our schemas use, and the
// `validate` checks of framework and profile files (include/samatthana/validate.hpp).
#include "samatthana/validate.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>

#include "io/json.hpp"
#include "samatthana/io.hpp"
#include "samatthana/profile_io.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;

// ---- paths and locations ----------------------------------------------------------------------

std::string key_path(const std::string& parent, std::string_view key) {
  return parent + "." + std::string(key);
}
std::string index_path(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

/// Byte offsets of every value of a well-formed JSON text, by JSON path (built only when a
/// problem needs a line and column).
class Offsets {
 public:
  explicit Offsets(std::string_view text) : t_(text) { value("$"); }
  [[nodiscard]] std::optional<std::size_t> at(const std::string& path) const {
    const auto it = map_.find(path);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

 private:
  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t'))
      ++i_;
  }
  std::string_view string_token() {
    const std::size_t start = i_++;
    while (i_ < t_.size() && t_[i_] != '"') i_ += t_[i_] == '\\' ? 2 : 1;
    ++i_;
    return t_.substr(start, i_ - start);
  }
  void value(const std::string& path) {
    ws();
    if (i_ >= t_.size()) return;
    map_.emplace(path, i_);
    const char c = t_[i_];
    if (c == '{') {
      ++i_;
      for (ws(); i_ < t_.size() && t_[i_] != '}'; ws()) {
        if (t_[i_] == ',') {
          ++i_;
          ws();
        }
        const std::string_view tok = string_token();
        const auto key = json::parse(tok).as_string();
        ws();
        ++i_;  // ':'
        value(key_path(path, std::string_view(key.data(), key.size())));
      }
      ++i_;
    } else if (c == '[') {
      ++i_;
      std::size_t n = 0;
      for (ws(); i_ < t_.size() && t_[i_] != ']'; ws()) {
        if (t_[i_] == ',') ++i_;
        value(index_path(path, n++));
      }
      ++i_;
    } else if (c == '"') {
      string_token();
    } else {
      while (i_ < t_.size() &&
             std::string_view(",]} \n\r\t").find(t_[i_]) == std::string_view::npos)
        ++i_;
    }
  }
  std::string_view t_;
  std::size_t i_ = 0;
  std::unordered_map<std::string, std::size_t> map_;
};

// ---- JSON values as the schema sees them ------------------------------------------------------

bool is_number(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }
double number_of(const json::value& v) {
  return v.is_int64()    ? static_cast<double>(v.get_int64())
         : v.is_uint64() ? static_cast<double>(v.get_uint64())
                         : v.get_double();
}
bool is_integer(const json::value& v) {
  return v.is_int64() || v.is_uint64() ||
         (v.is_double() && std::isfinite(v.get_double()) &&
          std::floor(v.get_double()) == v.get_double());
}

/// JSON equality (numbers by value: 1 equals 1.0), as JSON Schema's enum, const, uniqueItems.
bool json_equal(const json::value& a, const json::value& b) {
  if (is_number(a) && is_number(b)) return number_of(a) == number_of(b);
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!json_equal(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [k, v] : x) {
      const auto* w = y.if_contains(k);
      if (!w || !json_equal(v, *w)) return false;
    }
    return true;
  }
  return a == b;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

bool has_type(const json::value& v, std::string_view t) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "string") return v.is_string();
  if (t == "boolean") return v.is_bool();
  if (t == "null") return v.is_null();
  if (t == "number") return is_number(v);
  if (t == "integer") return is_integer(v);
  return false;
}

std::string brief(const json::value& v) {
  return detail::shown(v.is_string() ? std::string(v.get_string()) : json::serialize(v));
}

// ---- the compiled schema ----------------------------------------------------------------------

struct Node;
using NodePtr = std::shared_ptr<Node>;

/// One schema (or boolean schema), its keywords compiled.
struct Node {
  std::optional<bool> always;  ///< a boolean schema
  std::vector<std::string> types;
  std::vector<std::pair<std::string, NodePtr>> properties;
  std::optional<bool> additional_bool;
  NodePtr additional, items, ref;
  std::string ref_name;
  std::vector<std::string> required;
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::optional<json::array> enum_values;
  std::optional<json::value> const_value;
  std::optional<std::size_t> min_length, max_length, min_items, max_items, min_properties;
  std::optional<double> minimum, maximum;
  bool unique_items = false;
  std::string pattern_text;
  std::optional<std::regex> pattern;
  std::vector<NodePtr> any_of;
};

class Schema {
 public:
  Schema(const json::value& root, std::string name) : name_(std::move(name)) {
    if (const auto* o = root.if_object(); o && o->contains("$defs")) {
      for (const auto& [k, v] : o->at("$defs").as_object()) defs_[std::string(k)] = nullptr;
      for (const auto& [k, v] : o->at("$defs").as_object())
        defs_[std::string(k)] = compile(v, "$.$defs." + std::string(k));
    }
    root_ = compile(root, "$");
    for (auto& [from, to] : refs_) {
      const auto it = defs_.find(to);
      if (it == defs_.end()) fail("$ref to an unknown definition #/$defs/" + to, from->ref_name);
      from->ref = it->second;
    }
  }
  [[nodiscard]] const Node& root() const { return *root_; }

 private:
  [[noreturn]] void fail(const std::string& message, const std::string& path) const {
    Location where;
    where.file = name_;
    where.path = path;
    throw ValidationError("the schema cannot be used: " + message, where);
  }
  NodePtr compile(const json::value& v, const std::string& path);
  void keyword(Node& n, std::string_view k, const json::value& v, const std::string& path);
  std::size_t count_of(const json::value& v, const std::string& path) const {
    if (!v.is_int64() || v.get_int64() < 0) fail("expected a whole number >= 0", path);
    return static_cast<std::size_t>(v.get_int64());
  }
  std::vector<std::string> strings(const json::value& v, const std::string& path) const {
    if (!v.is_array()) fail("expected an array of strings", path);
    std::vector<std::string> out;
    for (const auto& s : v.get_array()) {
      if (!s.is_string()) fail("expected an array of strings", path);
      out.emplace_back(s.get_string());
    }
    return out;
  }

  std::string name_;
  std::map<std::string, NodePtr> defs_;
  std::vector<std::pair<Node*, std::string>> refs_;
  NodePtr root_;
};

NodePtr Schema::compile(const json::value& v, const std::string& path) {
  auto n = std::make_shared<Node>();
  if (v.is_bool()) {
    n->always = v.get_bool();
    return n;
  }
  if (!v.is_object()) fail("a schema must be an object or a boolean", path);
  for (const auto& [k, val] : v.get_object()) keyword(*n, k, val, key_path(path, k));
  return n;
}

void Schema::keyword(Node& n, std::string_view k, const json::value& v, const std::string& path) {
  static const std::set<std::string_view> annotations = {
      "$schema", "$id", "$comment", "title", "description", "examples", "default", "format"};
  if (annotations.count(k)) return;  // "format" is an annotation in 2020-12 (not checked)
  if (k == "$defs") {
    if (path != "$.$defs") fail("$defs is supported only at the top of a schema", path);
  } else if (k == "type") {
    n.types =
        v.is_string() ? std::vector<std::string>{std::string(v.get_string())} : strings(v, path);
  } else if (k == "properties") {
    if (!v.is_object()) fail("expected an object", path);
    for (const auto& [pk, pv] : v.get_object())
      n.properties.emplace_back(std::string(pk), compile(pv, key_path(path, pk)));
  } else if (k == "additionalProperties") {
    if (v.is_bool())
      n.additional_bool = v.get_bool();
    else
      n.additional = compile(v, path);
  } else if (k == "items") {
    n.items = compile(v, path);
  } else if (k == "required") {
    n.required = strings(v, path);
  } else if (k == "dependentRequired") {
    if (!v.is_object()) fail("expected an object", path);
    for (const auto& [dk, dv] : v.get_object())
      n.dependent_required.emplace_back(std::string(dk), strings(dv, key_path(path, dk)));
  } else if (k == "enum") {
    if (!v.is_array()) fail("expected an array", path);
    n.enum_values = v.get_array();
  } else if (k == "const") {
    n.const_value = v;
  } else if (k == "minLength") {
    n.min_length = count_of(v, path);
  } else if (k == "maxLength") {
    n.max_length = count_of(v, path);
  } else if (k == "minItems") {
    n.min_items = count_of(v, path);
  } else if (k == "maxItems") {
    n.max_items = count_of(v, path);
  } else if (k == "minProperties") {
    n.min_properties = count_of(v, path);
  } else if (k == "uniqueItems") {
    if (!v.is_bool()) fail("expected true or false", path);
    n.unique_items = v.get_bool();
  } else if (k == "minimum" || k == "maximum") {
    if (!is_number(v)) fail("expected a number", path);
    (k == "minimum" ? n.minimum : n.maximum) = number_of(v);
  } else if (k == "pattern") {
    if (!v.is_string()) fail("expected a string", path);
    n.pattern_text = std::string(v.get_string());
    try {
      n.pattern.emplace(n.pattern_text, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      fail("the pattern is not a regular expression this validator can use", path);
    }
  } else if (k == "$ref") {
    const std::string_view r = v.is_string() ? std::string_view(v.get_string()) : "";
    if (r.rfind("#/$defs/", 0) != 0) fail("only $ref to \"#/$defs/NAME\" is supported", path);
    n.ref_name = path;
    refs_.emplace_back(&n, std::string(r.substr(8)));
  } else if (k == "anyOf") {
    if (!v.is_array() || v.get_array().empty()) fail("expected a non-empty array of schemas", path);
    for (std::size_t i = 0; i < v.get_array().size(); ++i)
      n.any_of.push_back(compile(v.get_array()[i], index_path(path, i)));
  } else {
    fail("the keyword \"" + std::string(k) + "\" is not supported by this validator", path);
  }
}

// ---- checking -----------------------------------------------------------------------------------

struct Found {
  std::string path;
  std::string message;
  std::string value;  ///< a scalar value as shown, or ""
};

class Checker {
 public:
  explicit Checker(std::vector<Found>& out) : out_(out) {}
  void check(const Node& n, const json::value& v, const std::string& path);

 private:
  void add(const std::string& path, std::string message, const json::value* v = nullptr) {
    const bool scalar = v && !v->is_object() && !v->is_array();
    out_.push_back({path, std::move(message), scalar ? brief(*v) : std::string()});
  }
  void check_object(const Node& n, const json::object& o, const std::string& path);
  void check_array(const Node& n, const json::array& a, const std::string& path);
  void check_scalar(const Node& n, const json::value& v, const std::string& path);
  std::vector<Found>& out_;
};

void Checker::check(const Node& n, const json::value& v, const std::string& path) {
  if (n.always) {
    if (!*n.always) add(path, "no value is allowed here");
    return;
  }
  if (!n.types.empty()) {
    bool ok = false;
    for (const auto& t : n.types) ok = ok || has_type(v, t);
    if (!ok) {
      std::string want;
      for (const auto& t : n.types) want += (want.empty() ? "" : " or ") + t;
      add(path, "expected " + want + ", found " + detail::json_type_name(v), &v);
    }
  }
  if (n.ref) check(*n.ref, v, path);
  if (n.const_value && !json_equal(v, *n.const_value))
    add(path, "must be " + json::serialize(*n.const_value), &v);
  if (n.enum_values) {
    bool ok = false;
    for (const auto& e : *n.enum_values) ok = ok || json_equal(v, e);
    if (!ok) {
      std::string all;
      for (const auto& e : *n.enum_values) all += (all.empty() ? "" : ", ") + json::serialize(e);
      add(path, "must be one of " + all, &v);
    }
  }
  if (!n.any_of.empty()) {
    bool ok = false;
    for (const auto& alt : n.any_of) {
      std::vector<Found> scratch;
      Checker(scratch).check(*alt, v, path);
      ok = ok || scratch.empty();
    }
    if (!ok) add(path, "matches none of the allowed forms (anyOf)");
  }
  if (v.is_object())
    check_object(n, v.get_object(), path);
  else if (v.is_array())
    check_array(n, v.get_array(), path);
  else
    check_scalar(n, v, path);
}

void Checker::check_object(const Node& n, const json::object& o, const std::string& path) {
  for (const auto& r : n.required)
    if (!o.contains(r)) add(path, "the required key \"" + r + "\" is missing");
  for (const auto& [key, deps] : n.dependent_required) {
    if (!o.contains(key)) continue;
    for (const auto& d : deps)
      if (!o.contains(d))
        add(path, "the key \"" + d + "\" is required when \"" + key + "\" is given");
  }
  if (n.min_properties && o.size() < *n.min_properties)
    add(path, "needs at least " + std::to_string(*n.min_properties) + " key(s)");
  for (const auto& [k, v] : o) {
    const std::string child = key_path(path, k);
    const Node* p = nullptr;
    for (const auto& [pk, pn] : n.properties)
      if (pk == k) p = pn.get();
    if (p)
      check(*p, v, child);
    else if (n.additional_bool == false)
      add(child, "unknown key \"" + detail::shown(k) + "\" (not allowed here)");
    else if (n.additional)
      check(*n.additional, v, child);
  }
}

void Checker::check_array(const Node& n, const json::array& a, const std::string& path) {
  if (n.min_items && a.size() < *n.min_items)
    add(path, "needs at least " + std::to_string(*n.min_items) + " item(s), has " +
                  std::to_string(a.size()));
  if (n.max_items && a.size() > *n.max_items)
    add(path, "allows at most " + std::to_string(*n.max_items) + " item(s), has " +
                  std::to_string(a.size()));
  if (n.unique_items) {
    for (std::size_t i = 1; i < a.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (json_equal(a[i], a[j])) {
          add(path, "items must be unique: [" + std::to_string(i) + "] repeats [" +
                        std::to_string(j) + "]");
          i = a.size();
          break;
        }
  }
  if (n.items)
    for (std::size_t i = 0; i < a.size(); ++i) check(*n.items, a[i], index_path(path, i));
}

void Checker::check_scalar(const Node& n, const json::value& v, const std::string& path) {
  if (v.is_string()) {
    const std::string_view s(v.get_string());
    const std::size_t len = code_points(s);
    if (n.min_length && len < *n.min_length)
      add(path,
          *n.min_length == 1
              ? std::string("must not be empty")
              : "must have at least " + std::to_string(*n.min_length) + " characters",
          &v);
    if (n.max_length && len > *n.max_length)
      add(path, "must have at most " + std::to_string(*n.max_length) + " characters", &v);
    if (n.pattern && !std::regex_search(s.begin(), s.end(), *n.pattern))
      add(path, "does not match the pattern " + n.pattern_text, &v);
  } else if (is_number(v)) {
    const double x = number_of(v);
    const auto fmt = [](double d) { return json::serialize(json::value(d)); };
    if (n.minimum && x < *n.minimum) add(path, "must be at least " + fmt(*n.minimum), &v);
    if (n.maximum && x > *n.maximum) add(path, "must be at most " + fmt(*n.maximum), &v);
  }
}

// ---- schemas by name ----------------------------------------------------------------------------

const Schema& schema_named(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Schema>, std::less<>> cache;
  std::string file(name);
  if (file.size() < 12 || file.substr(file.size() - 12) != ".schema.json") file += ".schema.json";
  std::lock_guard lock(mutex);
  auto it = cache.find(file);
  if (it == cache.end()) {
    const std::string full = "schemas/" + file;
    const std::string_view bytes = embedded_data(full);
    auto s = std::make_unique<Schema>(detail::parse_json(bytes, full), full);
    it = cache.emplace(file, std::move(s)).first;
  }
  return *it->second;
}

Problem problem_of(const Error& e, ProblemSource source) {
  return {e.where(), e.message(), source};
}

std::vector<Problem> located(std::string_view json, std::string_view file,
                             std::vector<Found> found) {
  std::vector<Problem> out;
  if (found.empty()) return out;
  const Offsets offsets(json);
  for (auto& f : found) {
    Problem p;
    p.where.file = std::string(file);
    p.where.path = f.path;
    if (const auto off = offsets.at(f.path)) {
      detail::line_column(json, *off, p.where.line, p.where.column);
      p.where.byte_offset = *off;
    }
    p.where.value = std::move(f.value);
    p.message = std::move(f.message);
    p.where = detail::shortened(std::move(p.where));
    out.push_back(std::move(p));
  }
  return out;
}

FileKind kind_of(const json::value& doc) {
  const auto* o = doc.if_object();
  const auto* f = o ? o->if_contains("format") : nullptr;
  if (f && f->is_string()) {
    if (f->get_string() == "samatthana-framework/1") return FileKind::framework;
    if (f->get_string() == "samatthana-profile/1") return FileKind::profile;
  }
  return FileKind::detect;
}

}  // namespace

std::vector<Problem> validate_json(std::string_view json, std::string_view schema_name,
                                   std::string_view file) {
  const Schema& schema = schema_named(schema_name);
  json::value doc;
  try {
    doc = detail::parse_json(json, file);
  } catch (const ParseError& e) {
    return {problem_of(e, ProblemSource::syntax)};
  } catch (const EncodingError& e) {
    return {problem_of(e, ProblemSource::syntax)};
  }
  std::vector<Found> found;
  Checker(found).check(schema.root(), doc, "$");
  return located(json, file, std::move(found));
}

std::vector<Problem> validate_text(std::string_view json, FileKind kind, std::string_view file) {
  if (kind == FileKind::detect) {
    try {
      kind = kind_of(detail::parse_json(json, file));
    } catch (const ParseError& e) {
      return {problem_of(e, ProblemSource::syntax)};
    } catch (const EncodingError& e) {
      return {problem_of(e, ProblemSource::syntax)};
    }
    if (kind == FileKind::detect) {
      Location where;
      where.file = std::string(file);
      where.path = "$.format";
      return {
          {detail::shortened(where),
           "cannot tell what kind of file this is: \"format\" must be \"samatthana-framework/1\" "
           "or \"samatthana-profile/1\" (or give --kind framework|profile)",
           ProblemSource::schema}};
    }
  }
  auto problems = validate_json(json, kind == FileKind::framework ? "framework" : "profile", file);
  if (!problems.empty() && problems.front().source == ProblemSource::syntax) return problems;
  try {
    if (kind == FileKind::framework)
      (void)parse_framework(json, file);
    else
      (void)parse_profile(json, file);
  } catch (const Error& e) {
    bool repeated = false;
    for (const auto& p : problems)
      repeated = repeated || (!e.where().path.empty() && p.where.path == e.where().path);
    if (!repeated) problems.push_back(problem_of(e, ProblemSource::rule));
  }
  return problems;
}

std::vector<Problem> validate_file(const std::filesystem::path& file, FileKind kind) {
  return validate_text(read_file(file), kind, file.string());
}

}  // namespace samatthana
