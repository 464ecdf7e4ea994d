// Structure-aware differential fuzzing of the scoring engine: the bytes choose a framework
// (1..8 competencies of 1..10 levels), a profile, scoring options and a cohort of 1..4 people
// (engine_check.hpp); score_person per person, score_cohort, score_batch and the CSV / JSON
// outputs parsed back must agree bit for bit, or fail with the same error class. A disagreement
// prints the case and traps.
#include "engine_check.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string d = engine_check::check(data, size);
  if (!d.empty()) {
    std::fprintf(stderr, "\n*** PROPERTY BROKEN: the scoring paths disagree\n*** detail: %s\n",
                 d.c_str());
    __builtin_trap();
  }
  return 0;
}
