// Buddhist-Era dates and the appraisal calendar. Gregorian arithmetic by std::chrono's calendar
// types (not ICU's, whose "th" locale defaults to the Buddhist calendar), BE = CE + 543.
#include <array>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <string>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"

namespace samatthana::text {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",    "เมษายน",
                                                      "พฤษภาคม", "มิถุนายน",  "กรกฎาคม",  "สิงหาคม",
                                                      "กันยายน",  "ตุลาคม",   "พฤศจิกายน", "ธันวาคม"};
constexpr std::array<std::string_view, 12> kMonthsAbbr = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.",
                                                          "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
                                                          "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."};
constexpr std::array<std::string_view, 12> kMonthsEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/// Days in month m (1..12) of Gregorian year y, by the standard calendar (leap years included).
int days_in_month(int y, int m) {
  namespace ch = std::chrono;
  const ch::year_month_day_last last{ch::year{y},
                                     ch::month_day_last{ch::month{static_cast<unsigned>(m)}}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::string without_dots(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '.') out += c;
  return out;
}

[[noreturn]] void bad_date(std::string_view input, const std::string& why) {
  Location where;
  where.value = std::string(input);  // Error shortens it at a character boundary
  throw ParseError("not a date: " + why, where);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Dates are supported from 1000 to 9999 BE (457 to 9456 CE): every such date has a four-digit
// Buddhist-Era year, so every format reads back.
bool is_valid_date(int year, int month, int day) noexcept {
  return year >= 457 && year <= 9456 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

Date make_date(int year, int month, int day) {
  if (!is_valid_date(year, month, day)) {
    if (month < 1 || month > 12)
      throw ValidationError("month " + std::to_string(month) +
                            " does not exist; months are 1 to 12");
    if (year < 457 || year > 9456)
      throw ValidationError("year " + std::to_string(year) + " CE (" + std::to_string(year + 543) +
                            " BE) is outside the supported years 1000 to 9999 BE");
    throw ValidationError(
        std::string(kMonthsEn[static_cast<std::size_t>(month - 1)]) + " " + std::to_string(year) +
        " CE (" + std::string(kMonths[static_cast<std::size_t>(month - 1)]) + " " +
        std::to_string(year + 543) + " BE) has " + std::to_string(days_in_month(year, month)) +
        " days, not day " + std::to_string(day));
  }
  return Date{year, month, day};
}

Date make_date_be(int year_be, int month, int day) { return make_date(year_be - 543, month, day); }

std::string_view month_name(int month, bool abbreviated) {
  if (month < 1 || month > 12)
    throw LookupError("month " + std::to_string(month) + " does not exist; months are 1 to 12");
  return (abbreviated ? kMonthsAbbr : kMonths)[static_cast<std::size_t>(month - 1)];
}

namespace {

/// Reads a normalised date string left to right; every failure is a located ParseError naming the
/// original input.
struct DateScanner {
  std::string_view input;  ///< as the caller gave it (for messages)
  std::string s;           ///< NFC, Arabic digits
  std::size_t i = 0;

  void skip_spaces() {
    while (i < s.size() && s[i] == ' ') ++i;
  }
  std::string read_digits(std::size_t max) {
    const std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i - b > max) bad_date(input, "'" + s.substr(b, i - b) + "' has too many digits here");
    return s.substr(b, i - b);
  }
  /// Consumes the first of `spellings` found at the cursor.
  bool take_any(std::initializer_list<std::string_view> spellings) {
    for (std::string_view w : spellings) {
      if (s.compare(i, w.size(), w) == 0) {
        i += w.size();
        return true;
      }
    }
    return false;
  }
};

/// ISO 8601: YYYY-MM-DD (CE).
Date parse_iso_date(DateScanner& sc) {
  constexpr const char* kIso = "ISO dates are written YYYY-MM-DD";
  const std::string y = sc.read_digits(4);
  if (sc.i >= sc.s.size() || sc.s[sc.i] != '-') bad_date(sc.input, kIso);
  ++sc.i;
  const std::string m = sc.read_digits(2);
  if (sc.i >= sc.s.size() || sc.s[sc.i] != '-' || m.empty()) bad_date(sc.input, kIso);
  ++sc.i;
  const std::string d = sc.read_digits(2);
  if (d.empty() || sc.i != sc.s.size()) bad_date(sc.input, kIso);
  const int yy = std::stoi(y), mm = std::stoi(m), dd = std::stoi(d);
  if (mm < 1 || mm > 12) bad_date(sc.input, "month " + m + " does not exist; months are 01 to 12");
  if (yy < 457 || yy > 9456)
    bad_date(sc.input,
             "year " + y + " CE is outside the supported years 457 to 9456 CE (1000 to 9999 BE)");
  if (!is_valid_date(yy, mm, dd))
    bad_date(sc.input, std::string(kMonthsEn[static_cast<std::size_t>(mm - 1)]) + " " + y +
                           " has " + std::to_string(days_in_month(yy, mm)) + " days, not " +
                           std::to_string(dd));
  return Date{yy, mm, dd};
}

enum class Era { unstated, be, ce };

/// The Thai month word at the cursor (full or abbreviated, with or without dots), and an era glued
/// to an abbreviated month ("ม.ค.พ.ศ.").
int read_thai_month(DateScanner& sc, Era& era) {
  const std::size_t b = sc.i;
  while (sc.i < sc.s.size() && sc.s[sc.i] != ' ' && !is_digit(sc.s[sc.i])) ++sc.i;
  std::string word = sc.s.substr(b, sc.i - b);
  for (std::string_view e : {"พ.ศ.", "ค.ศ."}) {
    if (word.size() > e.size() && word.compare(word.size() - e.size(), e.size(), e) == 0) {
      era = e == "พ.ศ." ? Era::be : Era::ce;
      word.resize(word.size() - e.size());
      break;
    }
  }
  if (word.empty()) bad_date(sc.input, "the month name is missing after the day");
  const std::string key = without_dots(word);
  for (std::size_t m = 0; m < 12; ++m) {
    if (key == kMonths[m] || key == without_dots(kMonthsAbbr[m])) return static_cast<int>(m) + 1;
  }
  bad_date(sc.input, "'" + word +
                         "' is not a Thai month name; write it in full (มกราคม … ธันวาคม) or "
                         "abbreviated (ม.ค. … ธ.ค.)");
}

/// The CE year of a Thai date's year digits: BE unless ค.ศ. was written; two digits are 25xx BE;
/// a bare 1900–2399 is refused as a probable CE year.
int thai_year_to_ce(const DateScanner& sc, const std::string& year, Era era) {
  const int y = std::stoi(year);
  if (era == Era::ce) {
    if (year.size() != 4) bad_date(sc.input, "write a Christian-Era year (ค.ศ.) with four digits");
    return y;
  }
  if (year.size() == 2) return y + 2500 - 543;
  if (year.size() != 4)
    bad_date(sc.input, "write the Buddhist-Era year with four digits (๒๕๕๐) or two (๕๐)");
  if (y >= 1900 && y < 2400 && era != Era::be)
    bad_date(sc.input, "year " + year +
                           " looks like a Christian-Era year; Thai dates use Buddhist-Era years "
                           "(CE + 543), or write ค.ศ. before a CE year");
  return y - 543;
}

/// Thai: [วันที่] D MONTH [พ.ศ.|ค.ศ.] YEAR
Date parse_thai_date(DateScanner& sc) {
  sc.take_any({"วันที่"});
  sc.skip_spaces();
  const std::string day = sc.read_digits(2);
  if (day.empty()) bad_date(sc.input, "it should start with the day, as in ๓๑ มกราคม ๒๕๕๐");
  sc.skip_spaces();
  Era era = Era::unstated;
  const int month = read_thai_month(sc, era);
  sc.skip_spaces();
  if (era == Era::unstated) {
    if (sc.take_any({"พ.ศ.", "พ.ศ", "พศ."}))
      era = Era::be;
    else if (sc.take_any({"ค.ศ.", "ค.ศ", "คศ."}))
      era = Era::ce;
  }
  sc.skip_spaces();
  const std::string year = sc.read_digits(4);
  if (year.empty()) bad_date(sc.input, "the year is missing after the month, as in ๓๑ มกราคม ๒๕๕๐");
  if (sc.i != sc.s.size())
    bad_date(sc.input, "'" + sc.s.substr(sc.i) + "' after the year is not part of a date");
  const int year_ce = thai_year_to_ce(sc, year, era);
  const int d = std::stoi(day);
  if (year_ce < 457 || year_ce > 9456)
    bad_date(sc.input, "year " + std::to_string(year_ce + 543) +
                           " BE is outside the supported years 1000 to 9999 BE");
  if (!is_valid_date(year_ce, month, d))
    bad_date(sc.input, std::string(kMonths[static_cast<std::size_t>(month - 1)]) + " " +
                           std::to_string(year_ce + 543) + " has " +
                           std::to_string(days_in_month(year_ce, month)) + " days, so day " + day +
                           " does not exist");
  return Date{year_ce, month, d};
}

}  // namespace

Date parse_date(std::string_view input) {
  DateScanner sc{input, to_arabic_digits(normalize(input))};
  if (sc.s.empty())
    bad_date(input, "it is empty; write a date such as ๓๑ มกราคม ๒๕๕๐ or 2007-01-31");
  if (sc.s.size() >= 8 && is_digit(sc.s[0]) && sc.s.find('-') == 4) return parse_iso_date(sc);
  return parse_thai_date(sc);
}

std::string format_date(const Date& d, DateStyle style, Digits digits) {
  if (!is_valid_date(d.year, d.month, d.day)) (void)make_date(d.year, d.month, d.day);  // throws
  const auto m = static_cast<std::size_t>(d.month - 1);
  const std::string day = format_int(d.day, digits);
  switch (style) {
    case DateStyle::full: {
      // A BE year that could be read as a CE year (1900-2399) is marked พ.ศ. so it reads back.
      const bool mark = d.year_be() >= 1900 && d.year_be() < 2400;
      return day + " " + std::string(kMonths[m]) + (mark ? " พ.ศ. " : " ") +
             format_int(d.year_be(), digits);
    }
    case DateStyle::abbreviated: {
      char yy[4];
      std::snprintf(yy, sizeof yy, "%02d", d.year_be() % 100);
      return day + " " + std::string(kMonthsAbbr[m]) + " " + with_digits(yy, digits);
    }
    case DateStyle::official:
      return "วันที่ " + day + " " + std::string(kMonths[m]) + " พ.ศ. " +
             format_int(d.year_be(), digits);
    case DateStyle::iso: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
      return buf;
    }
  }
  return {};
}

int fiscal_year_be(const Date& d) noexcept { return (d.month >= 10 ? d.year + 1 : d.year) + 543; }

AppraisalRound round_of(const Date& d) {
  if (!is_valid_date(d.year, d.month, d.day)) (void)make_date(d.year, d.month, d.day);  // throws
  return round(fiscal_year_be(d), d.month >= 4 && d.month <= 9 ? 2 : 1);
}

AppraisalRound round(int fiscal_year_be, int round_no) {
  if (round_no != 1 && round_no != 2)
    throw ValidationError("appraisal round " + std::to_string(round_no) +
                          " does not exist; a fiscal year has round 1 (1 October - 31 March) "
                          "and round 2 (1 April - 30 September)");
  const int y = fiscal_year_be - 543;  // CE year in which the fiscal year ends
  if (y < 2 || y > 9999)
    throw ValidationError("fiscal year " + std::to_string(fiscal_year_be) + " BE is out of range");
  if (round_no == 1) return {fiscal_year_be, 1, Date{y - 1, 10, 1}, Date{y, 3, 31}};
  return {fiscal_year_be, 2, Date{y, 4, 1}, Date{y, 9, 30}};
}

}  // namespace samatthana::text
