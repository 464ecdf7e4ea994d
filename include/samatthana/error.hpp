#pragma once
// One error hierarchy. Every error says where (file, line, column, JSON path, CSV row/column,
// byte offset: whichever apply) and what, in words a non-programmer can act on.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace samatthana {

/// Where a problem is. Empty fields do not apply.
struct Location {
  std::string file;                        ///< file name, or "" for in-memory input
  std::size_t line = 0;                    ///< 1-based line (CSV: physical line of the record)
  std::size_t column = 0;                  ///< 1-based column (character) or CSV field number
  std::string path;                        ///< JSON path ($.competencies[0].id) or CSV column name
  std::optional<std::size_t> byte_offset;  ///< 0-based byte offset in the input
  std::string value;                       ///< the offending value, when short enough to show

  [[nodiscard]] bool empty() const {
    return file.empty() && line == 0 && column == 0 && path.empty() && !byte_offset &&
           value.empty();
  }
  /// "file:3:14: $.a.b (byte 120)" — the parts that apply, in that order.
  [[nodiscard]] std::string str() const {
    std::string s = file;
    if (line) {
      s += (s.empty() ? "line " : ":") + std::to_string(line);
      if (column) s += ":" + std::to_string(column);
    } else if (column) {
      s += (s.empty() ? "column " : ": column ") + std::to_string(column);
    }
    if (!path.empty()) s += (s.empty() ? "" : ": ") + path;
    if (byte_offset) {
      s += s.empty() ? "byte " + std::to_string(*byte_offset)
                     : " (byte " + std::to_string(*byte_offset) + ")";
    }
    return s;
  }
};

namespace detail {
/// At most `max` bytes of `s`, cut at a UTF-8 character boundary, with "..." when cut.
inline std::string shorten_utf8(std::string_view s, std::size_t max = 80) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max > 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0u) == 0x80u) --cut;
  return std::string(s.substr(0, cut)) + "...";
}
inline Location shortened(Location where) {
  where.value = shorten_utf8(where.value);
  return where;
}
}  // namespace detail

/// Base of every error the library throws. A long offending value is shortened (at a character
/// boundary) so messages stay readable and valid UTF-8.
class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, Location where = {})
      : Error(std::move(message), detail::shortened(std::move(where)), 0) {}
  /// The message without the location.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] const Location& where() const noexcept { return where_; }

 private:
  Error(std::string message, Location where, int)
      : std::runtime_error(compose(message, where)),
        message_(std::move(message)),
        where_(std::move(where)) {}
  static std::string compose(const std::string& message, const Location& where) {
    std::string s = where.str();
    if (!s.empty()) s += ": ";
    s += message;
    if (!where.value.empty()) s += " (value: \"" + where.value + "\")";
    return s;
  }
  std::string message_;
  Location where_;
};

/// Input that is not well-formed: malformed JSON or CSV, bad numbers and dates.
class ParseError : public Error {
  using Error::Error;
};
/// Well-formed input that breaks a rule: duplicates, unknown fields, levels out of range.
class ValidationError : public Error {
  using Error::Error;
};
/// A name, id, code or position that is not known.
class LookupError : public Error {
  using Error::Error;
};
/// Bytes that are not valid UTF-8; `where().byte_offset` is the first bad byte.
class EncodingError : public Error {
  using Error::Error;
};
/// A file that cannot be read or written.
class IoError : public Error {
  using Error::Error;
};

}  // namespace samatthana
