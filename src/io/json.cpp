#include "io/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/csv.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

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

unsigned hex4(std::string_view s) {
  unsigned v = 0;
  for (char c : s.substr(0, 4))
    v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  return v;
}

// The text of a JSON string literal's inside (already checked by the parser): escapes resolved,
// \uXXXX (and surrogate pairs) as UTF-8, so "\u0069d" and "id" are the same key.
std::string unescape_json(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        char32_t cp = hex4(raw.substr(i + 1));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 1, 2) == "\\u") {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(raw.substr(i + 3)) - 0xDC00);
          i += 6;
        }
        utf8_append(out, cp);
        break;
      }
      default:
        out += e;  // " \ /
    }
  }
  return out;
}

// Boost.JSON keeps the last of duplicate keys silently. A document that parsed is valid JSON,
// so a small scanner of strings and brackets finds duplicates reliably. Keys compare after
// unescaping; the error names both places and the JSON path so nothing is silently dropped.
class DuplicateKeyScanner {
 public:
  DuplicateKeyScanner(std::string_view text, std::string_view file, std::size_t bom)
      : text_(text), file_(file), bom_(bom) {}
  void run() {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '"') {
        const std::size_t start = i;
        for (++i; i < text_.size() && text_[i] != '"'; ++i)
          if (text_[i] == '\\') ++i;
        last_ = text_.substr(start + 1, i - start - 1);
        last_at_ = start;
      } else if (c == '{' || c == '[') {
        stack_.push_back({c == '{', {}, {}, 0});
      } else if (c == '}' || c == ']') {
        if (!stack_.empty()) stack_.pop_back();
      } else if (c == ',' && !stack_.empty() && !stack_.back().object) {
        ++stack_.back().index;
      } else if (c == ':' && !stack_.empty() && stack_.back().object) {
        key();
      }
    }
  }

 private:
  struct Frame {
    bool object;
    std::unordered_map<std::string, std::size_t> keys;  // key -> offset of its first spelling
    std::string key;                                    // the current key (for paths)
    std::size_t index;                                  // the current element (arrays)
  };
  void key() {
    Frame& f = stack_.back();
    f.key = unescape_json(last_);
    const auto [it, fresh] = f.keys.emplace(f.key, last_at_);
    if (!fresh) fail(it->second);
  }
  /// The inside of the string literal whose opening quote is at `at`, as written.
  [[nodiscard]] std::string_view raw_string_at(std::size_t at) const {
    std::size_t i = at + 1;
    while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
    return text_.substr(at + 1, i - at - 1);
  }
  [[noreturn]] void fail(std::size_t first_at) const {
    std::string path = "$";
    for (const Frame& f : stack_)
      path += f.object ? "." + f.key : "[" + std::to_string(f.index) + "]";
    Location where;
    where.file = std::string(file_);
    where.path = path;
    where.byte_offset = last_at_ + bom_;
    line_column(text_, last_at_, where.line, where.column);
    std::size_t l0, c0;
    line_column(text_, first_at, l0, c0);
    const std::string& k = stack_.back().key;
    std::string spelled;
    if (const std::string_view first_raw = raw_string_at(first_at); first_raw != last_)
      spelled = ", spelt \"" + detail::shown(first_raw) + "\" there and \"" + detail::shown(last_) +
                "\" here: escapes such as \\u0069 are the same character";
    throw ParseError("duplicate key \"" + detail::shown(k) +
                         "\" in the same object (first at line " + std::to_string(l0) +
                         ", column " + std::to_string(c0) + spelled + "); a value would be lost",
                     where);
  }
  std::string_view text_, file_;
  std::size_t bom_;
  std::vector<Frame> stack_;
  std::string_view last_;
  std::size_t last_at_ = 0;
};

}  // namespace

boost::json::value parse_json(std::string_view text, std::string_view file) {
  Location where;
  where.file = std::string(file);
  if (looks_utf16(text)) throw_utf16(file, "UTF-8");
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
    if (off >= text.size())
      msg = "malformed JSON: the document ends too early (" + ec.message() + ")";
    throw ParseError(msg, where);
  }
  DuplicateKeyScanner(text, file, bom).run();
  return p.release();
}

namespace {

void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
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
      if (o.empty()) {
        out += "{}";
        return;
      }
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
      if (a.empty()) {
        out += "[]";
        return;
      }
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
    case boost::json::kind::string:
      put_string(out, v.get_string());
      return;
    case boost::json::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case boost::json::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case boost::json::kind::double_: {
      out += python_float_repr(v.get_double());
      return;
    }
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::null:
      out += "null";
      return;
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
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "an integer";
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::bool_:
      return "true/false";
    case boost::json::kind::null:
      return "null";
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
      fail(child(kv.key()), "unknown field '" + shown(kv.key()) + "' (allowed here: " + list + ")");
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

boost::json::object text_json(const Text& t, bool with_th) {
  boost::json::object o;
  if (with_th) o["th"] = t.th;
  if (!t.en.empty()) o["en"] = t.en;
  if (t.correction)
    o["correction"] = boost::json::object{{"source_text", t.correction->source_text},
                                          {"note", t.correction->note}};
  if (!t.variants.empty()) {
    boost::json::array vs;
    for (const auto& v : t.variants) {
      boost::json::object vo{{"witness", v.witness}, {"th", v.th}};
      if (!v.note.empty()) vo["note"] = v.note;
      vs.push_back(std::move(vo));
    }
    o["variants"] = std::move(vs);
  }
  return o;
}

}  // namespace samatthana::detail
