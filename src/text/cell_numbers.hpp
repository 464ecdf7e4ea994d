#pragma once
// Number cells of tables, however they arrive (a CSV file, a DataFrame, C++ code): a level or a
// decimal in Thai or Arabic digits, never a mix. Text rules, no file: the CSV reader (io/csv.hpp)
// and the scoring layer's builders share them.
#include <string_view>

namespace samatthana::detail {

/// How a number cell read.
enum class NumberStatus {
  ok,
  not_a_number,  ///< letters, empty, too long, out of range
  mixed_digits,  ///< Thai and Arabic digits in one number ("๘5"): a typing slip, never guessed
};
/// A non-negative integer in Thai or Arabic digits, with an optional leading '+' ("+1", what
/// spreadsheets write); Unicode white space around it (NBSP, U+202F, ...) is trimmed.
NumberStatus read_level(std::string_view s, int& out) noexcept;
/// A decimal number in Thai or Arabic digits ("85", "๘๕.๕", "-1.25", "+5"), trimmed likewise.
NumberStatus read_decimal(std::string_view s, double& out) noexcept;
/// read_level / read_decimal == ok.
bool parse_level(std::string_view s, int& out) noexcept;
bool parse_decimal(std::string_view s, double& out) noexcept;

}  // namespace samatthana::detail
