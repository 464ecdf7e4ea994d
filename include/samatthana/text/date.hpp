#pragma once
// Buddhist-Era dates and the appraisal calendar. Dates are proleptic Gregorian (CE) values;
// BE = CE + 543 (the calendar year starting 1 January, as used since 2484 BE / 1941 CE).
// Nothing here depends on a locale's default calendar.
#include <compare>
#include <string>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/text/digits.hpp"

namespace samatthana::text {

/// A calendar date (Gregorian, CE year). Plain value; construct with make_date to validate.
struct Date {
  int year = 1970;  ///< CE
  int month = 1;    ///< 1..12
  int day = 1;      ///< 1..31
  [[nodiscard]] constexpr int year_be() const noexcept { return year + 543; }
  auto operator<=>(const Date&) const = default;
};

/// True when y-m-d (CE) is a real date.
[[nodiscard]] SAMATTHANA_API bool is_valid_date(int year, int month, int day) noexcept;
/// The date y-m-d (CE); throws ValidationError for impossible dates ("30 February").
[[nodiscard]] SAMATTHANA_API Date make_date(int year, int month, int day);
/// The date with a Buddhist-Era year; throws ValidationError for impossible dates.
[[nodiscard]] SAMATTHANA_API Date make_date_be(int year_be, int month, int day);

/// How format_date writes a date.
enum class DateStyle {
  full,         ///< "๓๑ มกราคม ๒๕๕๐"
  abbreviated,  ///< "๓๑ ม.ค. ๕๐" (two-digit BE year)
  official,     ///< "วันที่ ๓๑ มกราคม พ.ศ. ๒๕๕๐"
  iso           ///< "2007-01-31" (CE, always Arabic digits)
};

/// Parses "๓๑ มกราคม ๒๕๕๐", "31 มกราคม 2550", "๓๑ ม.ค. ๕๐", "31 ม.ค. 50",
/// "วันที่ ๑ มีนาคม พ.ศ. ๒๕๕๐", "1 มี.ค. พ.ศ. 2550", "1 มีนาคม ค.ศ. 2007" and ISO "2007-01-31".
/// Thai years are BE unless marked ค.ศ.; a two-digit year means 25xx BE ("๕๐" is 2550). Spaces
/// and the damage text::normalize repairs do not matter. Throws ParseError naming the problem
/// (unknown month name, a day the month does not have, a CE-looking year without ค.ศ., missing
/// parts, anything left over); EncodingError for invalid UTF-8.
[[nodiscard]] SAMATTHANA_API Date parse_date(std::string_view s);

/// Writes `d` in `style` with `digits` (iso ignores digits). parse_date reads back every full,
/// official and iso result; abbreviated keeps only two digits of the year (25xx BE), and full
/// adds "พ.ศ." to a BE year of 1900-2399, which would otherwise look like a CE year.
[[nodiscard]] SAMATTHANA_API std::string format_date(const Date& d,
                                                     DateStyle style = DateStyle::full,
                                                     Digits digits = Digits::thai);

/// Thai month name, full ("มกราคม") or abbreviated ("ม.ค."); month 1..12, else LookupError.
[[nodiscard]] SAMATTHANA_API std::string_view month_name(int month, bool abbreviated = false);

/// The BE fiscal year a date falls in: 1 October 2549 – 30 September 2550 is fiscal year 2550.
[[nodiscard]] SAMATTHANA_API int fiscal_year_be(const Date& d) noexcept;

/// One appraisal round of a fiscal year: round 1 is 1 October – 31 March, round 2 is
/// 1 April – 30 September.
struct AppraisalRound {
  int fiscal_year_be = 0;
  int round = 1;  ///< 1 or 2
  Date start;
  Date end;  ///< inclusive
  [[nodiscard]] bool contains(const Date& d) const noexcept { return start <= d && d <= end; }
  bool operator==(const AppraisalRound&) const = default;
};

/// The appraisal round containing `d`.
[[nodiscard]] SAMATTHANA_API AppraisalRound round_of(const Date& d);
/// Round `round_no` (1 or 2) of BE fiscal year `fiscal_year_be`; throws ValidationError.
[[nodiscard]] SAMATTHANA_API AppraisalRound round(int fiscal_year_be, int round_no);

}  // namespace samatthana::text
