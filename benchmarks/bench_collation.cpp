// Collator::compare (ICU's comparison, with sort keys where ICU's identical-prefix shortcut can
// disagree with the keys: docs/thai-text.md) against the previous compare (UTF-8 validation and
// ICU's compareUTF8) and plain ICU, on every ordered pair of the distinct Thai texts of the
// shipped frameworks; then std::sort with Collator::less against Collator::sort (keys once).
//   build-bench/benchmarks/bench_collation [repetitions]
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "samatthana/samatthana.hpp"
#include "shipped_texts.hpp"

namespace {
using clk = std::chrono::steady_clock;
double seconds(clk::time_point a, clk::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}
// Best of `reps` passes over every ordered pair of `w`, in nanoseconds a pair.
template <class Compare>
double ns_per_pair(const std::vector<std::string>& w, int reps, Compare compare, long& checksum) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = clk::now();
    for (const auto& a : w)
      for (const auto& b : w) checksum += compare(a, b);
    best = std::min(best, seconds(t0, clk::now()));
  }
  return best / (static_cast<double>(w.size()) * static_cast<double>(w.size())) * 1e9;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace samatthana;
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::vector<std::string> w = shipped_thai_texts();

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> icu(icu::Collator::createInstance(icu::Locale("th"), status));
  icu->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
  if (U_FAILURE(status)) return 1;
  const text::Collator coll;

  long checksum = 0;
  const auto previous = [&](const icu::Collator& c) {
    return [&](const std::string& a, const std::string& b) {
      text::validate_utf8(a, "a");
      text::validate_utf8(b, "b");
      return static_cast<int>(c.compareUTF8(a, b, status));
    };
  };
  const double t_icu = ns_per_pair(
      w, reps,
      [&](const std::string& a, const std::string& b) { return icu->compareUTF8(a, b, status); },
      checksum);
  const double t_prev = ns_per_pair(w, reps, previous(*icu), checksum);
  const double t_ours = ns_per_pair(
      w, reps, [&](const std::string& a, const std::string& b) { return coll.compare(a, b); },
      checksum);
  std::printf("%zu distinct Thai texts, %zu ordered pairs, best of %d\n", w.size(),
              w.size() * w.size(), reps);
  std::printf("  ICU compareUTF8 alone            %7.0f ns/pair\n", t_icu);
  std::printf("  previous compare (validate+ICU)  %7.0f ns/pair\n", t_prev);
  std::printf("  Collator::compare                %7.0f ns/pair  (%.2fx previous)\n", t_ours,
              t_ours / t_prev);

  // Numeric collation over level labels with digits ("ระดับ ๗", "ระดับ 12"): every pair has a
  // digit, so Collator::compare takes the sort-key path.
  std::vector<std::string> labels;
  for (int k = 0; k <= 120; ++k) {
    labels.push_back("ระดับ " + std::to_string(k));
    labels.push_back("ระดับ " + text::to_thai_digits(std::to_string(k)));
  }
  std::unique_ptr<icu::Collator> icu_num(icu->clone());
  icu_num->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
  const text::Collator num(text::Collator::Options{true});
  const double n_prev = ns_per_pair(labels, reps, previous(*icu_num), checksum);
  const double n_ours = ns_per_pair(
      labels, reps, [&](const std::string& a, const std::string& b) { return num.compare(a, b); },
      checksum);
  std::printf("numeric, %zu level labels, %zu ordered pairs\n", labels.size(),
              labels.size() * labels.size());
  std::printf("  previous compare (validate+ICU)  %7.0f ns/pair\n", n_prev);
  std::printf("  Collator::compare (keys)         %7.0f ns/pair  (%.2fx previous)\n", n_ours,
              n_ours / n_prev);

  std::vector<std::string> big;
  std::mt19937 g(1);
  while (big.size() < 20000) big.insert(big.end(), w.begin(), w.end());
  std::shuffle(big.begin(), big.end(), g);
  auto v1 = big, v2 = big;
  auto t0 = clk::now();
  std::sort(v1.begin(), v1.end(), coll);
  auto t1 = clk::now();
  coll.sort(v2);
  auto t2 = clk::now();
  std::printf(
      "sort %zu texts: std::sort with Collator::less %.3f s, Collator::sort %.3f s (%.1fx)\n",
      big.size(), seconds(t0, t1), seconds(t1, t2), seconds(t0, t1) / seconds(t1, t2));
  std::printf("(checksum %ld)\n", checksum);
  return v1 == v2 ? 0 : 2;
}
