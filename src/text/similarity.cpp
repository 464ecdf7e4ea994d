// text_similarity (samatthana/compare.hpp): Dice coefficient of code-point bigrams of match keys.
#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/compare.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

/// The sorted code-point bigrams of `key` (valid UTF-8: a match key), each as its bytes.
std::vector<std::string_view> bigrams(std::string_view key) {
  std::vector<std::size_t> starts;  // byte offset of each code point
  char32_t cp = 0;
  for (std::size_t i = 0; i < key.size();) {
    starts.push_back(i);
    const std::size_t n = detail::utf8_decode(key, i, cp);
    i += n ? n : 1;
  }
  starts.push_back(key.size());
  std::vector<std::string_view> out;
  for (std::size_t k = 0; k + 2 < starts.size(); ++k)
    out.push_back(key.substr(starts[k], starts[k + 2] - starts[k]));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
  const std::string ka = text::match_key(a), kb = text::match_key(b);
  const auto x = bigrams(ka), y = bigrams(kb);
  if (x.empty() && y.empty()) return ka == kb ? 1.0 : 0.0;
  std::vector<std::string_view> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) / static_cast<double>(x.size() + y.size());
}

}  // namespace samatthana
