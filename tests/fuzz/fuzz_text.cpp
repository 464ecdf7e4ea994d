// Thai text: UTF-8 validation, normalize (idempotent), match_key, digits, segmentation and
// collation. Properties from include/samatthana/text.hpp and text/*.hpp.
#include <vector>

#include "fuzz_common.hpp"
#include "samatthana/text.hpp"

using namespace samatthana;

namespace {
int sign(int x) { return (x > 0) - (x < 0); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  const bool valid = text::is_valid_utf8(in);
  try {
    text::validate_utf8(in, "fuzz");
    FUZZ_CHECK(valid, "validate_utf8 accepted what is_valid_utf8 rejects");
  } catch (const EncodingError& e) {
    FUZZ_CHECK(!valid, "validate_utf8 rejected valid UTF-8");
    FUZZ_CHECK(e.where().byte_offset && *e.where().byte_offset < size, e.what());
    FUZZ_CHECK(text::is_valid_utf8(in.substr(0, *e.where().byte_offset)),
               "bytes before the reported offset are not valid");
  }
  if (!valid) {
    try {
      (void)text::normalize(in);
      fuzz::fail("normalize accepted invalid UTF-8");
    } catch (const EncodingError&) {
    }
    return 0;
  }
  const std::string n = text::normalize(in);
  FUZZ_CHECK(text::is_valid_utf8(n), "normalize produced invalid UTF-8");
  FUZZ_CHECK(text::normalize(n) == n, "normalize is not idempotent");
  FUZZ_CHECK(text::match_key(n) == text::match_key(in), "match_key(normalize(s)) != match_key(s)");
  const std::string k = text::match_key(in);
  FUZZ_CHECK(text::match_key(k) == k, "match_key is not idempotent");
  FUZZ_CHECK(text::to_arabic_digits(text::to_thai_digits(in)) == text::to_arabic_digits(in));
  FUZZ_CHECK(text::to_thai_digits(text::to_arabic_digits(in)) == text::to_thai_digits(in));

  const auto spans = text::segment(in);
  std::size_t at = 0;
  for (const auto& s : spans) {
    FUZZ_CHECK(s.begin == at && s.end > s.begin && s.end <= size, "segment spans do not tile");
    at = s.end;
  }
  FUZZ_CHECK(at == size, "segment spans do not cover the input");

  static const text::Collator plain;
  static const text::Collator numeric(text::Collator::Options{true});
  const auto [a, b] = fuzz::split2(in);
  if (text::is_valid_utf8(a) && text::is_valid_utf8(b)) {
    for (const text::Collator* collator : {&plain, &numeric}) {
      FUZZ_CHECK(collator->compare(a, a) == 0);
      const int c = sign(collator->compare(a, b));
      FUZZ_CHECK(c == -sign(collator->compare(b, a)), "compare is not antisymmetric");
      const std::string ka = collator->sort_key(a), kb = collator->sort_key(b);
      FUZZ_CHECK(sign(ka.compare(kb)) == c, "sort key order differs from compare");
    }
  }
  return 0;
}
