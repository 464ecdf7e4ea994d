#pragma once
// IMS/1EdTech CASE 1.1 (Competencies and Academic Standards Exchange) export and import of
// frameworks: one CFPackage per framework (docs/case.md). Boost.JSON stays in src/.
#include <string>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/model.hpp"

namespace samatthana {

/// The framework as a CASE 1.1 CFPackage (JSON): a CFDocument, CFItems for competencies, levels
/// and indicators, isChildOf CFAssociations and one CFRubric per competency. Identifiers are
/// UUID v5 of stable paths, so the bytes depend on the framework only (canonical JSON, newline
/// at the end). Thai is the document language; English and everything CASE has no field for
/// goes under "extensions" → "samatthana", so parse_case_json rebuilds the framework exactly.
[[nodiscard]] SAMATTHANA_API std::string to_case_json(const Framework& fw);

/// Reads a CASE 1.1 CFPackage into a framework. A package written by to_case_json is rebuilt
/// exactly (to_json of the result equals to_json of the original); a package from elsewhere is
/// read by its structure (see docs/case.md). `source_name` appears in error locations.
/// Throws ParseError / EncodingError for malformed JSON and ValidationError with the JSON path
/// ($.CFItems[12].fullStatement) for missing or inconsistent parts.
[[nodiscard]] SAMATTHANA_API Framework parse_case_json(std::string_view json,
                                                       std::string_view source_name = "<string>");

/// The UUID v5 (RFC 4122 §4.3, SHA-1) of `name` in the namespace `ns` (both as text,
/// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower case). Throws ValidationError for a bad `ns`.
[[nodiscard]] SAMATTHANA_API std::string uuid_v5(std::string_view ns, std::string_view name);

/// The namespace of the identifiers to_case_json writes.
inline constexpr std::string_view kCaseNamespace = "5a1d7c3e-2b4f-5e60-9a8b-7c6d5e4f3a21";

}  // namespace samatthana
