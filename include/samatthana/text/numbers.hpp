#pragma once
// Integers written with Thai digits, Arabic digits or both.
#include <string>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/text/digits.hpp"

namespace samatthana::text {

/// Parses an integer written with Thai digits (๐–๙), Arabic digits (0–9) or a mix of both, with
/// an optional leading sign and optional thousands separators in the right places ("๒,๕๕๐").
/// Surrounding spaces are ignored. Anything else (letters, "1.5", "1,00", an empty string, a value
/// that does not fit in 64 bits) throws ParseError naming `what` and the offending character.
[[nodiscard]] SAMATTHANA_API long long parse_int(std::string_view s,
                                                 std::string_view what = "number");

/// Formats `n` with the chosen digits; `grouping` adds thousands separators ("๑,๒๓๔").
/// Years, levels and document numbers are never grouped: format_int(2550) == "๒๕๕๐".
[[nodiscard]] SAMATTHANA_API std::string format_int(long long n, Digits digits = Digits::thai,
                                                    bool grouping = false);

/// "ระดับที่ ๓" (Thai digits) or "ระดับที่ 3" (Arabic digits).
[[nodiscard]] SAMATTHANA_API std::string format_level(int level, Digits digits = Digits::thai);

}  // namespace samatthana::text
