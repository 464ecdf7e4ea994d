// normalize() and match_key() over every distinct text of the shipped frameworks, in µs a text.
// No baseline runs beside it (the alternative is an earlier build of this library): compare two
// commits by building each and running this program, e.g. a807484 against its parent.
//   build-bench/benchmarks/bench_normalize [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "samatthana/samatthana.hpp"
#include "shipped_texts.hpp"

int main(int argc, char** argv) {
  using namespace samatthana;
  using clk = std::chrono::steady_clock;
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::vector<std::string> w = shipped_thai_texts();
  double best_n = 1e9, best_k = 1e9;
  std::size_t sum = 0;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = clk::now();
    for (int k = 0; k < 20; ++k)
      for (const auto& x : w) sum += text::normalize(x).size();
    const auto t1 = clk::now();
    for (int k = 0; k < 20; ++k)
      for (const auto& x : w) sum += text::match_key(x).size();
    const auto t2 = clk::now();
    best_n = std::min(best_n, std::chrono::duration<double>(t1 - t0).count());
    best_k = std::min(best_k, std::chrono::duration<double>(t2 - t1).count());
  }
  const double n = 20.0 * static_cast<double>(w.size());
  std::printf(
      "%zu distinct texts, best of %d: normalize %.2f us/text, match_key %.2f us/text (%zu)\n",
      w.size(), reps, best_n / n * 1e6, best_k / n * 1e6, sum);
}
