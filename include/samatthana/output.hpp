#pragma once
// Output helpers for programs built on the library (the samatthana command-line tool uses only
// these and the other public headers): JSON of a framework diff and of search hits, and text made
// safe to print on a terminal.
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/compare.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/search.hpp"

namespace samatthana {

/// The JSON of diff(a, b): the frameworks' ids, per paired competency (ids, Thai names, how they
/// were paired, what changed) each level's indicator changes, and the competencies found in one
/// framework only. Canonical JSON (2-space indent, UTF-8 as is, newline at the end).
[[nodiscard]] SAMATTHANA_API std::string diff_json(const Framework& a, const Framework& b,
                                                   const FrameworkDiff& d);

/// The JSON of a search: the query, the framework id and each hit (kind, competency, level,
/// indicator, language, score to 4 decimals, text, highlights as UTF-8 byte offsets into text).
[[nodiscard]] SAMATTHANA_API std::string search_json(std::string_view query,
                                                     std::string_view framework_id,
                                                     const std::vector<SearchHit>& hits);

/// A JSON string literal: quoted, with " \ and control characters escaped, UTF-8 as is.
[[nodiscard]] SAMATTHANA_API std::string json_string(std::string_view s);

/// Text for a terminal: what could move the cursor, recolour or retitle the terminal, hide text
/// or reorder it is made visible instead. C0 controls other than newline and tab, DEL and bytes
/// that are not UTF-8 become \xNN (ESC is \x1b); C1 controls and the bidirectional overrides and
/// isolates (U+202A..U+202E, U+2066..U+2069) become \uNNNN. Everything else — Thai included —
/// is unchanged. With `keep_newlines` false, newline and tab are escaped too (for one-line
/// messages).
[[nodiscard]] SAMATTHANA_API std::string escape_for_terminal(std::string_view s,
                                                             bool keep_newlines = true);

}  // namespace samatthana
