#pragma once
// Internal JSON helpers over Boost.JSON: located parse errors, strict object reading with JSON
// paths, and the canonical writer.
#include <boost/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "samatthana/error.hpp"
#include "samatthana/model.hpp"

namespace samatthana::detail {

/// Parses JSON; ParseError / EncodingError carry file, line, column and byte offset.
boost::json::value parse_json(std::string_view text, std::string_view file);

/// Canonical form: 2-space indent, keys in stored order, UTF-8 as is, newline at the end
/// (the bytes of Python's json.dumps(v, indent=2, ensure_ascii=False) + "\n").
std::string canonical_json(const boost::json::value& v);

/// A JSON string literal (quoted and escaped as the canonical writer does).
std::string json_quote(std::string_view s);

/// Line and column (1-based, columns in characters) of a byte offset.
void line_column(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& col);

/// Strict reading of one JSON object: unknown keys and wrong types are errors naming the path.
class ObjectReader {
 public:
  ObjectReader(const boost::json::value& v, std::string path, std::string_view file);
  /// Rejects any key not in `known`.
  void only(std::initializer_list<std::string_view> known) const;
  [[nodiscard]] bool has(std::string_view key) const { return obj_->contains(key); }
  [[nodiscard]] std::string str(std::string_view key, bool required = true) const;
  [[nodiscard]] long long integer(std::string_view key, bool required = true,
                                  long long dflt = 0) const;
  [[nodiscard]] double number(std::string_view key, bool required = true, double dflt = 0) const;
  [[nodiscard]] bool boolean(std::string_view key, bool required = true, bool dflt = false) const;
  /// The array at key (empty when absent and not required).
  [[nodiscard]] const boost::json::array& array(std::string_view key, bool required = true) const;
  [[nodiscard]] const boost::json::value* get(std::string_view key, bool required = true) const;
  [[nodiscard]] std::string child(std::string_view key) const {
    return path_ + "." + std::string(key);
  }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const boost::json::object& object() const { return *obj_; }
  [[noreturn]] void fail(const std::string& path, const std::string& message) const;

 private:
  const boost::json::object* obj_;
  std::string path_;
  std::string file_;
};

std::string json_type_name(const boost::json::value& v);

/// A Text as the framework format writes it: {"th", "en"?, "correction"?, "variants"?}; without
/// "th" when `with_th` is false (CASE keeps the Thai in a field of its own).
boost::json::object text_json(const Text& t, bool with_th = true);

}  // namespace samatthana::detail
