#pragma once
// One error hierarchy. Every error says where (file, line, column, JSON path, CSV row/column,
// byte offset: whichever apply) and what, in words a non-programmer can act on.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samatthana/export.hpp"

namespace samatthana {

/// Where a problem is. Empty fields do not apply.
struct Location {
  std::string file;                        ///< file name, or "" for in-memory input
  std::size_t line = 0;                    ///< 1-based line (CSV: physical line of the record)
  std::size_t column = 0;                  ///< 1-based column (character) or CSV field number
  std::string path;                        ///< JSON path ($.competencies[0].id) or CSV column name
  std::optional<std::size_t> byte_offset;  ///< 0-based byte offset in the input
  std::string value;                       ///< the offending value as shown (detail::shown)

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

/// Bounds of the text echoed in error messages (characters, i.e. code points).
struct ShownLimits {
  static constexpr std::size_t value = 80;      ///< Location::value and values inside messages
  static constexpr std::size_t name = 160;      ///< file names, JSON paths, CSV column names
  static constexpr std::size_t message = 2000;  ///< a whole message (a safety net)
};

/// Length of the valid UTF-8 character at s[i] (with its code point), or 0 when invalid.
inline std::size_t shown_char(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  const std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xF0 && c <= 0xF4 ? 4
                                                 : 0;
  if (n == 0) return 0;
  const char32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  cp = c & (0x7Fu >> n);
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/// Characters a terminal or a C string would act on instead of showing (C0 controls, DEL, C1
/// controls, the bidirectional overrides/isolates) and the invisible ones that make two values
/// look equal (zero-width space, joiners, marks, word joiner, BOM).
inline bool shown_escaped(char32_t cp, bool keep_layout) noexcept {
  if (keep_layout && (cp == '\n' || cp == '\t')) return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/// Appends s as shown, escaped, while it fits in `budget` characters; returns where it stopped.
inline std::size_t shown_append(std::string& out, std::string_view s, std::size_t budget,
                                bool keep_layout) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t i = 0, used = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    const std::size_t n = shown_char(s, i, cp);
    const bool raw_byte = n == 0 || (n == 1 && shown_escaped(cp, keep_layout));
    const bool escaped = !raw_byte && shown_escaped(cp, keep_layout);
    const std::size_t width = raw_byte ? 4 : escaped ? 6 : 1;
    if (used + width > budget) break;
    used += width;
    if (raw_byte) {
      const auto c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (escaped) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
    } else {
      out.append(s.substr(i, n));
    }
    i += n ? n : 1;
  }
  return i;
}

/// `s` as an error message shows it: control and invisible characters escaped (`\x00`, `\x1b`,
/// `\u202e`, `\u200b`), bytes that are not UTF-8 as `\xHH`, and at most `max_chars` characters
/// in all, cut at a character boundary with "…" and the full length ("xxxx… (1048576 bytes)").
/// Reads only what it shows, so a 1 GB value costs no more than a short one;
/// shown(shown(s)) == shown(s).
/// `keep_layout` keeps line breaks and tabs (whole messages).
inline std::string shown(std::string_view s, std::size_t max_chars = ShownLimits::value,
                         bool keep_layout = false) {
  std::string out;
  if (shown_append(out, s, max_chars, keep_layout) == s.size()) return out;
  const std::string tail = "… (" + std::to_string(s.size()) + " bytes)";
  out.clear();
  shown_append(out, s, max_chars > tail.size() ? max_chars - tail.size() : 0, keep_layout);
  return out + tail;
}

inline Location shortened(Location where) {
  where.value = shown(where.value);
  where.path = shown(where.path, ShownLimits::name);
  where.file = shown(where.file, ShownLimits::name);
  return where;
}
}  // namespace detail

/// Base of every error the library throws. Every echoed text is bounded and escaped
/// (detail::shown): the value, the path or column name and the file name at most 80/160
/// characters with "…" and the full length, control characters shown as \x00 / \x1b, so what()
/// is valid UTF-8 without a raw NUL or ESC and never grows with the input.
class SAMATTHANA_API Error : public std::runtime_error {
 public:
  explicit Error(std::string message, Location where = {})
      : Error(detail::shown(message, detail::ShownLimits::message, true),
              detail::shortened(std::move(where)), 0) {}
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

 protected:
  /// For ImportErrors: `what` is composed of messages already bounded (each an Error's).
  struct Composed {};
  Error(Composed, const std::string& what, std::string message, Location where)
      : std::runtime_error(what), message_(std::move(message)), where_(std::move(where)) {}
};

/// Input that is not well-formed: malformed JSON or CSV, bad numbers and dates.
class SAMATTHANA_API ParseError : public Error {
  using Error::Error;
};
/// Well-formed input that breaks a rule: duplicates, unknown fields, levels out of range.
class SAMATTHANA_API ValidationError : public Error {
  using Error::Error;
};
/// A name, id, code or position that is not known.
class SAMATTHANA_API LookupError : public Error {
  using Error::Error;
};
/// Bytes that are not valid UTF-8; `where().byte_offset` is the first bad byte.
class SAMATTHANA_API EncodingError : public Error {
  using Error::Error;
};
/// A file that cannot be read or written.
class SAMATTHANA_API IoError : public Error {
  using Error::Error;
};

// ---- collecting every error of an import (ReadOptions::all_errors) -------------------------

/// What kind of error a collected entry was (the class the first-error mode throws).
enum class ErrorKind : std::uint8_t { parse, validation, lookup, encoding, io, other };

/// The kind of `e` (its most derived class of the hierarchy above).
[[nodiscard]] inline ErrorKind kind_of(const Error& e) noexcept {
  if (dynamic_cast<const ParseError*>(&e)) return ErrorKind::parse;
  if (dynamic_cast<const ValidationError*>(&e)) return ErrorKind::validation;
  if (dynamic_cast<const LookupError*>(&e)) return ErrorKind::lookup;
  if (dynamic_cast<const EncodingError*>(&e)) return ErrorKind::encoding;
  if (dynamic_cast<const IoError*>(&e)) return ErrorKind::io;
  return ErrorKind::other;
}
/// "parse", "validation", "lookup", "encoding", "io", "error".
[[nodiscard]] constexpr std::string_view to_string(ErrorKind k) noexcept {
  switch (k) {
    case ErrorKind::parse:
      return "parse";
    case ErrorKind::validation:
      return "validation";
    case ErrorKind::lookup:
      return "lookup";
    case ErrorKind::encoding:
      return "encoding";
    case ErrorKind::io:
      return "io";
    case ErrorKind::other:
      break;
  }
  return "error";
}

/// One collected error: where, what, and its kind.
struct LocatedError {
  Location where;
  std::string message;  ///< without the location
  ErrorKind kind = ErrorKind::other;
  /// As the first-error mode's what() says it ("file:3:5: path: message (value: ...)").
  std::string text;
};

/// Errors of one import in file order, at most `cap` kept; past the cap they are only counted
/// ("and 12 more"). An HR import screen shows every bad row instead of the first.
class ErrorList {
 public:
  static constexpr std::size_t default_cap = 100;
  explicit ErrorList(std::size_t cap = default_cap) : cap_(cap == 0 ? 1 : cap) {}

  /// Keeps `e` (or counts it when the list is full).
  void add(const Error& e) {
    if (items_.size() < cap_)
      items_.push_back(LocatedError{e.where(), e.message(), kind_of(e), e.what()});
    else
      ++more_;
  }
  /// Keeps an error another list collected (or counts it when the list is full): merging lists.
  void add(const LocatedError& e) {
    if (items_.size() < cap_)
      items_.push_back(e);
    else
      ++more_;
  }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  /// Errors kept (at most cap()).
  [[nodiscard]] const std::vector<LocatedError>& items() const noexcept { return items_; }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  /// Errors found past the cap: counted, not kept.
  [[nodiscard]] std::size_t more() const noexcept { return more_; }
  /// Every error found (size() + more()).
  [[nodiscard]] std::size_t total() const noexcept { return items_.size() + more_; }
  [[nodiscard]] std::size_t cap() const noexcept { return cap_; }
  [[nodiscard]] bool full() const noexcept { return items_.size() >= cap_; }
  /// One located error a line, then "and K more errors" past the cap.
  [[nodiscard]] std::string str() const {
    std::string s;
    for (const auto& e : items_) s += e.text + "\n";
    if (more_) s += "and " + std::to_string(more_) + " more error" + (more_ == 1 ? "" : "s") + "\n";
    if (!s.empty()) s.pop_back();
    return s;
  }

 private:
  std::vector<LocatedError> items_;
  std::size_t cap_;
  std::size_t more_ = 0;
};

/// Every error of an import (ReadOptions::all_errors). what() lists them: a first line that
/// counts them ("ratings.csv: 5 errors; nothing was imported"), then one located error a line
/// (each as the first-error mode's what() says it), then "and K more errors" past the cap.
/// message() is the count ("5 errors; nothing was imported"), where() names the file only.
/// Row-level errors are all there, in file order; an error that leaves the rest unreadable (a
/// bad header, bytes that are not text, an unclosed quote) is the last one.
class SAMATTHANA_API ImportErrors : public Error {
 public:
  ImportErrors(std::string file, ErrorList errors)
      : Error(Composed{}, compose(file, errors), count_line(errors), file_only(file)),
        errors_(std::move(errors)) {}
  [[nodiscard]] const ErrorList& errors() const noexcept { return errors_; }

 private:
  static std::string count_line(const ErrorList& errors) {
    const std::size_t n = errors.total();
    return std::to_string(n) + " error" + (n == 1 ? "" : "s") + "; nothing was imported";
  }
  static Location file_only(const std::string& file) {
    Location w;
    w.file = detail::shown(file, detail::ShownLimits::name);
    return w;
  }
  static std::string compose(const std::string& file, const ErrorList& errors) {
    std::string s = file_only(file).str();
    if (!s.empty()) s += ": ";
    return s + count_line(errors) + "\n" + errors.str();
  }
  ErrorList errors_;
};

}  // namespace samatthana
