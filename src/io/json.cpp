#include "io/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "samatthana/text.hpp"

namespace samatthana::detail {

void line_column(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& col) {
  line = 1;
  col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0u) != 0x80u) {
      ++col;
    }
  }
}

namespace {

// Boost.JSON keeps the last of duplicate keys silently. A document that parsed is valid JSON,
// so a small scanner of strings and brackets finds duplicates reliably; the error names both
// places so nothing is silently dropped.
void reject_duplicate_keys(std::string_view text, std::string_view file) {
  struct Frame {
    bool object;
    std::vector<std::pair<std::string, std::size_t>> keys;
  };
  std::vector<Frame> stack;
  std::string last_string;
  std::size_t last_string_at = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i;
      std::string s;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) s += text[i++];
        s += text[i];
      }
      last_string = std::move(s);
      last_string_at = start;
    } else if (c == '{' || c == '[') {
      stack.push_back({c == '{', {}});
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
    } else if (c == ':' && !stack.empty() && stack.back().object) {
      auto& keys = stack.back().keys;
      for (const auto& [k, at] : keys) {
        if (k != last_string) continue;
        Location where;
        where.file = std::string(file);
        where.byte_offset = last_string_at;
        line_column(text, last_string_at, where.line, where.column);
        std::size_t l0, c0;
        line_column(text, at, l0, c0);
        throw ParseError("duplicate key \"" + k + "\" in the same object (first at line " +
                             std::to_string(l0) + ", column " + std::to_string(c0) +
                             "); a value would be lost",
                         where);
      }
      keys.emplace_back(last_string, last_string_at);
    }
  }
}

}  // namespace

boost::json::value parse_json(std::string_view text, std::string_view file) {
  Location where;
  where.file = std::string(file);
  if (!text::is_valid_utf8(text)) {
    try {
      text::validate_utf8(text, "the file");
    } catch (const EncodingError& e) {
      where.byte_offset = e.where().byte_offset;
      line_column(text, *where.byte_offset, where.line, where.column);
      throw EncodingError(e.message(), where);
    }
  }
  std::size_t bom = 0;  // a leading byte-order mark is allowed; offsets still count it
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    bom = 3;
  }
  boost::json::stream_parser p;
  boost::system::error_code ec;
  std::size_t n = p.write_some(text.data(), text.size(), ec);
  if (!ec && n < text.size()) {
    ec = boost::json::error::extra_data;
  }
  if (!ec) p.finish(ec);
  if (ec) {
    std::size_t off = n;
    where.byte_offset = off + bom;
    line_column(text, off, where.line, where.column);
    std::string msg = "malformed JSON: " + ec.message();
    if (off >= text.size()) msg = "malformed JSON: the document ends too early (" + ec.message() + ")";
    throw ParseError(msg, where);
  }
  try {
    reject_duplicate_keys(text, file);
  } catch (const ParseError& e) {
    Location w = e.where();
    if (w.byte_offset) *w.byte_offset += bom;
    throw ParseError(e.message(), w);
  }
  return p.release();
}

namespace {

void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// Python's repr(float): the shortest digits that round-trip, in fixed notation when the decimal
// exponent is in [-4, 16), else as d.ddde+XX; whole numbers keep ".0".
std::string python_float_repr(double d) {
  if (std::isnan(d) || std::isinf(d)) return "null";  // not JSON; never produced by the library
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const auto e = sci.find('e');
  std::string mant = sci.substr(0, e);
  const int exp = std::stoi(sci.substr(e + 1));
  std::string sign;
  if (mant[0] == '-') {
    sign = "-";
    mant.erase(0, 1);
  }
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  if (exp >= -4 && exp < 16) {
    std::string s;
    if (exp < 0) {
      s = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    } else {
      const auto point = static_cast<std::size_t>(exp + 1);
      if (digits.size() <= point) {
        s = digits + std::string(point - digits.size(), '0') + ".0";
      } else {
        s = digits.substr(0, point) + "." + digits.substr(point);
      }
    }
    return sign + s;
  }
  std::string m = digits.substr(0, 1);
  if (digits.size() > 1) m += "." + digits.substr(1);
  char ebuf[16];
  std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return sign + m + ebuf;
}

void put(std::string& out, const boost::json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) { out += "{}"; return; }
      out += "{\n";
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out += ",\n";
        first = false;
        out += pad;
        put_string(out, kv.key());
        out += ": ";
        put(out, kv.value(), indent + 2);
      }
      out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
      return;
    }
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) { out += "[]"; return; }
      out += "[\n";
      bool first = true;
      for (const auto& e : a) {
        if (!first) out += ",\n";
        first = false;
        out += pad;
        put(out, e, indent + 2);
      }
      out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
      return;
    }
    case boost::json::kind::string: put_string(out, v.get_string()); return;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); return;
    case boost::json::kind::double_: {
      out += python_float_repr(v.get_double());
      return;
    }
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    case boost::json::kind::null: out += "null"; return;
  }
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out;
  put_string(out, s);
  return out;
}

std::string canonical_json(const boost::json::value& v) {
  std::string out;
  put(out, v, 0);
  out += '\n';
  return out;
}

std::string json_type_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: return "an object";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::bool_: return "true/false";
    case boost::json::kind::null: return "null";
  }
  return "a value";
}

ObjectReader::ObjectReader(const boost::json::value& v, std::string path, std::string_view file)
    : obj_(v.if_object()), path_(std::move(path)), file_(file) {
  if (!obj_) fail(path_, "expected an object, found " + json_type_name(v));
}

void ObjectReader::fail(const std::string& path, const std::string& message) const {
  Location where;
  where.file = file_;
  where.path = path;
  throw ValidationError(message, where);
}

void ObjectReader::only(std::initializer_list<std::string_view> known) const {
  for (const auto& kv : *obj_) {
    bool ok = false;
    for (auto k : known) ok = ok || kv.key() == k;
    if (!ok) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      fail(child(kv.key()), "unknown field '" + std::string(kv.key()) + "' (allowed here: " + list + ")");
    }
  }
}

const boost::json::value* ObjectReader::get(std::string_view key, bool required) const {
  auto it = obj_->find(key);
  if (it == obj_->end()) {
    if (required) fail(child(key), "required field '" + std::string(key) + "' is missing");
    return nullptr;
  }
  return &it->value();
}

std::string ObjectReader::str(std::string_view key, bool required) const {
  const auto* v = get(key, required);
  if (!v) return {};
  if (!v->is_string()) fail(child(key), "expected a string, found " + json_type_name(*v));
  return std::string(v->get_string());
}

long long ObjectReader::integer(std::string_view key, bool required, long long dflt) const {
  const auto* v = get(key, required);
  if (!v) return dflt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<long long>(v->get_uint64());
  fail(child(key), "expected an integer, found " + json_type_name(*v));
}

double ObjectReader::number(std::string_view key, bool required, double dflt) const {
  const auto* v = get(key, required);
  if (!v) return dflt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  fail(child(key), "expected a number, found " + json_type_name(*v));
}

bool ObjectReader::boolean(std::string_view key, bool required, bool dflt) const {
  const auto* v = get(key, required);
  if (!v) return dflt;
  if (!v->is_bool()) fail(child(key), "expected true or false, found " + json_type_name(*v));
  return v->get_bool();
}

const boost::json::array& ObjectReader::array(std::string_view key, bool required) const {
  static const boost::json::array empty;
  const auto* v = get(key, required);
  if (!v) return empty;
  if (!v->is_array()) fail(child(key), "expected an array, found " + json_type_name(*v));
  return v->get_array();
}

}  // namespace samatthana::detail
