// Thai dictionary order with ICU's "th" collation.
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/tblcoll.h>

#include <algorithm>
#include <numeric>

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

int Collator::compare(std::string_view a, std::string_view b) const {
  validate_utf8(a, "the first text to compare");
  validate_utf8(b, "the second text to compare");
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = impl_->coll->compareUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) throw Error("comparison failed: " + std::string(u_errorName(status)));
  return static_cast<int>(r);
}

std::string Collator::sort_key(std::string_view s) const {
  const icu::UnicodeString u = detail::to_icu(s);
  std::string key(std::max<std::size_t>(32, s.size() * 3), '\0');
  int32_t n = impl_->coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                      static_cast<int32_t>(key.size()));
  if (static_cast<std::size_t>(n) > key.size()) {
    key.resize(static_cast<std::size_t>(n));
    n = impl_->coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  // ICU counts and writes a terminating NUL; drop it so keys compare as plain byte strings.
  key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);
  return key;
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
