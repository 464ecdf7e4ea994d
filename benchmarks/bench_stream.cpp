// Scores a ratings file the whole-file way (in memory: read, score_cohort, scores_csv,
// write_file_atomic; what `samatthana score --chunk-rows 0` does) or streaming (score_csv_stream,
// what `samatthana score` does), so that bench_scale.py can measure each under /usr/bin/time -v.
// Prints people and seconds.
//
//   bench_stream whole|stream RATINGS.csv OUT.csv [chunk_rows]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "samatthana/samatthana.hpp"
#include "samatthana/stream.hpp"

int main(int argc, char** argv) {
  using namespace samatthana;
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_stream whole|stream RATINGS.csv OUT.csv [chunk_rows]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const auto fw = builtin_framework("bma-core-2550");
    const auto prof = default_profile(*fw);
    ScoringOptions opt;
    opt.rules.weight = prof->scheme().competency_weight;
    std::size_t people = 0;
    if (mode == "whole") {
      const std::string bytes = read_file(argv[2]);  // as src/cli/score.cpp reads a whole file
      const RatingsTable t = read_ratings_csv(bytes, fw, argv[2]);
      const CohortScores s = score_cohort(t, prof, {}, opt);
      write_file_atomic(argv[3], scores_csv(s));
      people = s.n;
    } else {
      StreamOptions so;
      if (argc > 4) so.chunk_rows = std::strtoul(argv[4], nullptr, 10);
      people = score_csv_stream(argv[2], argv[3], fw, prof, opt, so).people;
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s people=%zu seconds=%.3f\n", mode.c_str(), people, secs);
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
