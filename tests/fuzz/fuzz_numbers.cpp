// Thai/Arabic integers: whatever parse_int accepts formats back (any digits, grouped or not) and
// re-parses to the same value.
#include "fuzz_common.hpp"
#include "samatthana/text.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  long long v = 0;
  try {
    v = text::parse_int(in, "fuzz");
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  for (auto digits : {text::Digits::thai, text::Digits::arabic})
    for (bool grouping : {false, true}) {
      const std::string s = text::format_int(v, digits, grouping);
      long long back = 0;
      try {
        back = text::parse_int(s, "formatted");
      } catch (const Error& e) {
        fuzz::fail("format_int output does not parse", s);
      }
      FUZZ_CHECK(back == v, s);
    }
  return 0;
}
