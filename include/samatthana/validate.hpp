#pragma once
// Checking a user's JSON file against the shipped JSON Schemas (data/schemas/, compiled into the
// library) and the library's own rules, collecting every schema problem with its place
// (docs/schemas.md). The validator knows exactly the keywords our schemas use; a schema with any
// other keyword is refused when it is loaded, so a schema change cannot silently weaken a check.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/error.hpp"
#include "samatthana/export.hpp"

namespace samatthana {

/// Where a problem was found by: the JSON syntax, the JSON Schema, or the library's own rules.
enum class ProblemSource { syntax, schema, rule };

[[nodiscard]] constexpr std::string_view to_string(ProblemSource s) noexcept {
  switch (s) {
    case ProblemSource::syntax:
      return "syntax";
    case ProblemSource::schema:
      return "schema";
    case ProblemSource::rule:
      return "rule";
  }
  return "?";
}

/// One problem: its place (file, line and column of the value, JSON path
/// `$.competencies[1].levels[0].level`, the value as shown) and what is wrong.
struct Problem {
  Location where;
  std::string message;
  ProblemSource source = ProblemSource::schema;
};

/// The kinds of file `validate_file` checks; `detect` reads the file's "format" field.
enum class FileKind { detect, framework, profile };

/// Every problem of `json` against the shipped schema `schema_name` ("framework", "profile",
/// "scores", "correspondence"; ".schema.json" may be added). Empty when valid. Malformed JSON is
/// one problem of source `syntax`. `file` appears in the locations. Throws LookupError for an
/// unknown schema name and ValidationError for a schema that uses an unsupported keyword.
[[nodiscard]] SAMATTHANA_API std::vector<Problem> validate_json(std::string_view json,
                                                                std::string_view schema_name,
                                                                std::string_view file = "<string>");

/// A framework or profile text checked against its schema (every problem) and then against the
/// library's own rules (parse_framework / parse_profile, which stop at their first error: at
/// most one `rule` problem is reported, and none that repeats a schema problem's path).
/// With FileKind::detect the kind comes from the "format" field; an unknown format is a problem.
[[nodiscard]] SAMATTHANA_API std::vector<Problem> validate_text(std::string_view json,
                                                                FileKind kind,
                                                                std::string_view file = "<string>");

/// validate_text on a file's bytes. Throws IoError when the file cannot be read.
[[nodiscard]] SAMATTHANA_API std::vector<Problem> validate_file(const std::filesystem::path& file,
                                                                FileKind kind = FileKind::detect);

}  // namespace samatthana
