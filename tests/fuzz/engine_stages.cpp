// Where fuzz_engine's time goes: runs engine_check::check's stages on every file of a corpus
// folder, three passes (the first fills the framework cache), and prints the CPU time of each
// stage. Not a fuzz target; built on request in the fuzz build (same sanitizers):
//
//   cmake --build build-fuzz --target engine_stages
//   ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1 \
//     build-fuzz/tests/fuzz/engine_stages build-fuzz/corpus/engine
//
// The stages mirror engine_check::check (keep them in step); docs/hardening.md quotes the figures.
#include <dirent.h>
#include <time.h>

#include <array>
#include <fstream>
#include <sstream>

#include "engine_check.hpp"

using namespace engine_check;

namespace {
enum Stage {
  kFramework,
  kProfile,
  kCase,
  kRatings,
  kCohort,
  kPeople,
  kScores,
  kCsv,
  kJson,
  kStages
};
constexpr std::array<const char*, kStages> kNames = {
    "framework",    "profile",        "options+cohort", "ratings table", "score_cohort",
    "score_people", "compare_scores", "compare_csv",    "compare_json"};

double cpu() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Timings {
  std::array<double, kStages> seconds{};
  long scored = 0, failed = 0;
  template <class F>
  auto time(Stage s, F&& f) {
    const double t0 = cpu();
    struct Add {
      double& to;
      double t0;
      ~Add() { to += cpu() - t0; }
    } add{seconds[s], t0};
    return f();
  }
};

void run(const std::string& bytes, Timings& t) {
  Bytes in(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  const auto fw = t.time(kFramework, [&] { return framework(in); });
  const ProfileData pd = t.time(kProfile, [&] { return profile_data(in, *fw); });
  std::shared_ptr<const Profile> prof;
  try {
    prof = t.time(kProfile, [&] { return std::make_shared<const Profile>(pd); });
  } catch (const ValidationError&) {
    return;
  }
  const ScoringOptions opt = t.time(kCase, [&] { return options(in, *fw, prof->scheme()); });
  const Cohort k = t.time(kCase, [&] { return cohort(in, *fw, pd); });
  RatingsTable table;
  try {
    table = t.time(kRatings, [&] { return ratings_table(in, fw, k); });
  } catch (const Error&) {
    return;
  }
  std::optional<std::string> cohort_error;
  CohortScores s;
  t.time(kCohort, [&] {
    try {
      s = score_cohort(
          table, prof,
          {.evidence = k.has_evidence ? InputRef<EvidenceTable>(k.evidence) : std::nullopt,
           .results = k.results_file ? InputRef<ResultsTable>(k.results) : std::nullopt},
          opt);
    } catch (const Error& e) {
      cohort_error = error_class(e);
    }
    return 0;
  });
  std::vector<PersonScore> ps;
  const auto people = t.time(kPeople, [&] { return score_people(table, k, *prof, opt, ps); });
  compare_outcomes(cohort_error, people, k.results_file && k.results_column);
  if (cohort_error) {
    ++t.failed;
    return;
  }
  t.time(kScores, [&] { return compare_scores(s, ps, opt.rules, prof->scheme()), 0; });
  t.time(kCsv, [&] { return compare_csv(s, ps), 0; });
  t.time(kJson, [&] { return compare_json(s, ps), 0; });
  t.scored += static_cast<long>(table.people.size());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: engine_stages CORPUS_FOLDER\n");
    return 2;
  }
  std::vector<std::string> inputs;
  DIR* dir = opendir(argv[1]);
  if (!dir) return 2;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    std::ifstream f(std::string(argv[1]) + "/" + e->d_name, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    inputs.push_back(ss.str());
  }
  closedir(dir);
  for (int pass = 1; pass <= 3; ++pass) {
    Timings t;
    const double t0 = cpu();
    for (const auto& in : inputs) run(in, t);
    const double total = cpu() - t0;
    std::printf(
        "pass %d: %zu inputs, %.3f ms CPU each; %ld people scored, %ld cases failing alike\n", pass,
        inputs.size(), total * 1e3 / static_cast<double>(inputs.size()), t.scored, t.failed);
    for (int s = 0; s < kStages; ++s)
      std::printf("  %-15s %7.3f s %5.1f%%\n", kNames[static_cast<std::size_t>(s)],
                  t.seconds[static_cast<std::size_t>(s)],
                  100 * t.seconds[static_cast<std::size_t>(s)] / total);
  }
  return 0;
}
