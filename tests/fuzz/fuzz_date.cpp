// Thai dates: whatever parse_date accepts is a real date, and formats back (every style that can
// hold it) to text that parses to the same date. Fiscal years and appraisal rounds agree.
#include "fuzz_common.hpp"
#include "samatthana/text.hpp"

using namespace samatthana;
using text::DateStyle;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  text::Date d;
  try {
    d = text::parse_date(in);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  FUZZ_CHECK(text::is_valid_date(d.year, d.month, d.day), "parse_date returned an impossible date");
  for (auto style :
       {DateStyle::full, DateStyle::official, DateStyle::iso, DateStyle::abbreviated}) {
    // The abbreviated style writes a two-digit BE year, read back as 25xx.
    if (style == DateStyle::abbreviated && (d.year_be() < 2500 || d.year_be() > 2599)) continue;
    for (auto digits : {text::Digits::thai, text::Digits::arabic}) {
      const std::string s = text::format_date(d, style, digits);
      text::Date back;
      try {
        back = text::parse_date(s);
      } catch (const ParseError& e) {
        // Known: years before 1941 CE format as BE years that look like CE years (๑๕๔๖).
        if (fuzz::allowed_known("date-early-be-year") && style != DateStyle::iso && d.year < 1941)
          continue;
        fuzz::fail("format_date output does not parse", s + "  <-  " + e.what());
      } catch (const Error& e) {
        fuzz::fail("format_date output does not parse", s + "  <-  " + e.what());
      }
      FUZZ_CHECK(back == d, s);
    }
  }
  const auto r = text::round_of(d);
  FUZZ_CHECK(r.contains(d), "round_of(d) does not contain d");
  FUZZ_CHECK(r.fiscal_year_be == text::fiscal_year_be(d), "round and fiscal year disagree");
  return 0;
}
