// Scoring benchmark: the columnar batch path on a synthetic 1M-person cohort, and CSV ingestion.
// Prints figures (not a test). Usage: bench_scoring [PEOPLE] [CSV_PATH]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Clock = std::chrono::steady_clock;

template <class F>
double best_of(int reps, F&& f) {
  double best = 1e99;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::string csv_path = argc > 2 ? argv[2] : "";
  const std::size_t c = 5;
  const Framework& fw = bma_core();
  const auto prof = builtin_profile("bma");
  std::vector<int> maxl;
  for (const auto& comp : fw.competencies()) maxl.push_back(comp.max_level());
  std::mt19937 rng(2567);
  std::vector<std::int8_t> held(n * c), exp(n * c);
  std::vector<double> results(n);
  const int expected_by_pos[] = {1, 1, 2, 3, 1, 2, 3, 3, 3, 3, 3, 3, 3};
  for (std::size_t i = 0; i < n; ++i) {
    const int e = expected_by_pos[rng() % 13];
    for (std::size_t j = 0; j < c; ++j) {
      exp[i * c + j] = static_cast<std::int8_t>(e);
      held[i * c + j] =
          static_cast<std::int8_t>(std::clamp(e + static_cast<int>(rng() % 5) - 2, 0, maxl[j]));
    }
    results[i] = 50 + static_cast<double>(rng() % 5001) / 100.0;
  }
  std::vector<std::int8_t> gap(n * c), band(n);
  std::vector<double> pts(n * c), part(n), total(n);
  for (Method m : {Method::bma, Method::bar, Method::rating, Method::ratio}) {
    ScoringRules rules;
    rules.method = m;
    const double t = best_of(5, [&] {
      score_batch(n, c, held, exp, maxl, results, rules, prof->scheme(),
                  {gap, pts, part, total, band});
    });
    std::printf("cpp_batch method=%s people=%zu seconds=%.6f people_per_s=%.0f\n",
                std::string(to_string(m)).c_str(), n, t, static_cast<double>(n) / t);
  }
  if (!csv_path.empty()) {
    const std::string bytes = read_file(csv_path);
    auto fwp = builtin_framework("bma-core-2550");
    std::size_t rows = 0;
    const double t = best_of(3, [&] { rows = read_ratings_csv(bytes, fwp, csv_path).size(); });
    std::printf("cpp_csv rows=%zu bytes=%zu seconds=%.6f MB_per_s=%.1f\n", rows, bytes.size(), t,
                static_cast<double>(bytes.size()) / 1e6 / t);
  }
  return 0;
}
