// Thai dictionary order with ICU's "th" collation.
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/tblcoll.h>

#include <unicode/ustring.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

namespace samatthana::text {

// The ICU collator is created once per Collator and never modified afterwards; every use below
// goes through const member functions, which ICU (>= 53) documents as safe to call concurrently.
struct Collator::Impl {
  std::unique_ptr<const icu::Collator> coll;
};

Collator::Collator(Options options) : options_(options) {
  UErrorCode status = U_ZERO_ERROR;
  // The collation locale only selects the tailoring; calendars play no part here.
  std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("th"), status));
  if (U_FAILURE(status) || !c)
    throw Error("the Thai collation (ICU locale 'th') is unavailable: " +
                std::string(u_errorName(status)));
  c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
  c->setAttribute(UCOL_NUMERIC_COLLATION, options.numeric ? UCOL_ON : UCOL_OFF, status);
  if (U_FAILURE(status))
    throw Error("cannot configure the Thai collation: " + std::string(u_errorName(status)));
  auto impl = std::make_shared<Impl>();
  impl->coll = std::move(c);
  impl_ = std::move(impl);
}

Collator::Collator() : Collator(Options{}) {}
Collator::Collator(const Collator&) = default;
Collator& Collator::operator=(const Collator&) = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;
Collator::~Collator() = default;

namespace {

// A sort key written into a buffer on the stack, moving to the heap only for long texts.
class KeyBuffer {
 public:
  // s must be valid UTF-8 (callers validate it, with their own wording).
  KeyBuffer(const icu::Collator& coll, std::string_view s) {
    // UTF-16 on the stack too: most names and titles are well under 128 code units.
    UChar small16[128];
    const UChar* u = small16;
    int32_t len = 0;
    icu::UnicodeString heap16;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(small16, 128, &len, s.data(), static_cast<int32_t>(s.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING ||
        len > 128) {
      heap16 =
          icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
      u = heap16.getBuffer();
      len = heap16.length();
    } else if (U_FAILURE(status)) {
      throw Error("cannot convert the text to compare: " + std::string(u_errorName(status)));
    }
    int32_t n = coll.getSortKey(u, len, small_, sizeof small_);
    if (n > static_cast<int32_t>(sizeof small_)) {
      heap_.resize(static_cast<std::size_t>(n));
      n = coll.getSortKey(u, len, heap_.data(), n);
      data_ = heap_.data();
    }
    size_ = n > 0 ? static_cast<std::size_t>(n - 1) : 0;  // without ICU's terminating NUL
  }
  KeyBuffer(const KeyBuffer&) = delete;
  KeyBuffer& operator=(const KeyBuffer&) = delete;
  [[nodiscard]] std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(data_), size_};
  }

 private:
  std::uint8_t small_[256];
  std::vector<std::uint8_t> heap_;
  const std::uint8_t* data_ = small_;
  std::size_t size_ = 0;
};

// ICU 72's compare() skips the identical prefix of the two texts and compares from there (or a
// little before, over characters in contractions). The Thai tailoring sorts with
// alternate=shifted, and the UCA then ignores a character without a primary weight (a mark)
// that follows a variable one (punctuation, spaces, ฯ, ๆ, "⑴", " ٌ"…) at levels 1–3. Sort keys
// do; compare() does not when the prefix it skips ends with the variable character:
// "(((((((" and "((((์" have equal keys (both all ignorable) and both compare equal to "", yet
// compare() put the first before the second — an order that is not even transitive, which
// std::sort must not be given (found by fuzz_text, corpus file
// tests/fuzz/corpus/text/collation-mark-after-variable).
//
// step() reads one character and says whether it may be such a mark. Exact for printable ASCII
// and Thai: ASCII letters and digits and Thai consonants, vowels with a primary weight and digits
// are neither variable nor ignorable; the rest of printable ASCII and ฯ ฿ ๆ ๏ ๚ ๛ may be variable
// but are never ignorable; Thai marks may be ignorable. A control character may be either: a
// mark after "..\x04" is ignored too (the run of ignorables goes on through the control; found
// by the same fuzzer after the first fix, corpus file collation-mark-after-control). Any other
// character may be either (true more often than needed, never less). The collation tests check
// every BMP character against the collator itself.
bool step(std::string_view s, std::size_t& i, bool& after_variable) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    // Controls: completely ignorable (so an ignorable run goes on through them) or, for tab and
    // line breaks, variable.
    if (c < 0x20 || c == 0x7F) {
      if (after_variable) return true;
      after_variable = true;
      return false;
    }
    after_variable = !((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
    return false;
  }
  char32_t cp = 0;
  const std::size_t n = detail::utf8_decode(s, i, cp);
  if (n == 0) return true;  // not reached: callers validate first
  i += n;
  const bool thai_base = (cp >= 0x0E01 && cp <= 0x0E2E) || cp == 0x0E30 || cp == 0x0E32 ||
                         cp == 0x0E33 || (cp >= 0x0E40 && cp <= 0x0E45) ||
                         (cp >= 0x0E50 && cp <= 0x0E59);
  const bool thai_sign =
      cp == 0x0E2F || cp == 0x0E3F || cp == 0x0E46 || cp == 0x0E4F || cp == 0x0E5A || cp == 0x0E5B;
  if (thai_base || thai_sign) {
    after_variable = thai_sign;
    return false;
  }
  if (after_variable) return true;
  const bool thai_mark =
      cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
  after_variable = !thai_mark;  // a character of another script may be variable
  return false;
}

// Whether ICU's compare() may lose that context for a and b (different, valid UTF-8). Only the
// common prefix and the character after it matter: beyond the first difference ICU compares
// with the context intact.
bool prefix_may_hide_variable(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t p = static_cast<std::size_t>(
      std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin()).first -
      a.begin());
  while (p > 0 && p < a.size() && (static_cast<unsigned char>(a[p]) & 0xC0) == 0x80) --p;
  bool after_variable = false;
  for (std::size_t i = 0; i < p;) {
    // Eight ASCII bytes at a time: only the last one decides the state.
    if (i + 8 <= p) {
      std::uint64_t word;
      std::memcpy(&word, a.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 7;
        (void)step(a, i, after_variable);
        continue;
      }
    }
    if (step(a, i, after_variable)) return true;
  }
  bool after_variable_b = after_variable;
  std::size_t ia = p, ib = p;
  return (ia < a.size() && step(a, ia, after_variable)) ||
         (ib < b.size() && step(b, ib, after_variable_b));
}

// Whether s may hold a digit: ASCII or Thai, or any character of another script. ICU 72's
// compare() with numeric collation also disagrees with the sort keys, around digit runs
// (found with a differential test of random texts: "1๑" against "1\uFFFF", "(๑๑" against
// "(๑-\u200Bำ"), so a numeric Collator compares such texts by keys.
bool may_hold_digit(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= '0' && c <= '9') return true;
      continue;
    }
    if (c != 0xE0 || i + 2 >= s.size() ||
        (static_cast<unsigned char>(s[i + 1]) != 0xB8 &&
         static_cast<unsigned char>(s[i + 1]) != 0xB9))
      return true;  // not Thai
    const auto c2 = static_cast<unsigned char>(s[i + 1]), c3 = static_cast<unsigned char>(s[i + 2]);
    if (c2 == 0xB9 && c3 >= 0x90 && c3 <= 0x99) return true;  // ๐..๙
    i += 2;
  }
  return false;
}

}  // namespace

// compare() uses ICU's comparison, which stops at the first difference, except where that
// comparison is known to disagree with the sort keys (above): there it compares keys, so
// compare(), less(), sort() and sort_key() always agree.
int Collator::compare(std::string_view a, std::string_view b) const {
  validate_utf8(a, "the first text to compare");
  validate_utf8(b, "the second text to compare");
  if (a == b) return 0;
  if (prefix_may_hide_variable(a, b) ||
      (options_.numeric && (may_hold_digit(a) || may_hold_digit(b)))) {
    const KeyBuffer ka(*impl_->coll, a);
    const KeyBuffer kb(*impl_->coll, b);
    const int c = ka.view().compare(kb.view());
    return (c > 0) - (c < 0);
  }
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r =
      impl_->coll->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                               icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) throw Error("comparison failed: " + std::string(u_errorName(status)));
  return static_cast<int>(r);
}

std::string Collator::sort_key(std::string_view s) const {
  validate_utf8(s, "text");
  const KeyBuffer k(*impl_->coll, s);
  return std::string(k.view());
}

std::size_t Collator::sort_key_utf16(std::u16string_view s, std::uint8_t* out,
                                     std::size_t capacity) const {
  const auto cap = static_cast<std::int32_t>(std::min<std::size_t>(
      capacity, static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())));
  const std::int32_t n = impl_->coll->getSortKey(reinterpret_cast<const UChar*>(s.data()),
                                                 static_cast<std::int32_t>(s.size()), out, cap);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

void Collator::sort(std::vector<std::string>& v) const {
  std::vector<std::string> keys;
  keys.reserve(v.size());
  for (const auto& s : v) keys.push_back(sort_key(s));
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
  std::vector<std::string> out;
  out.reserve(v.size());
  for (std::size_t i : order) out.push_back(std::move(v[i]));
  v = std::move(out);
}

}  // namespace samatthana::text
