// Ratings CSV (wide, one row per person) against the built-in BMA framework and profile: never
// crash; a table that reads scores (missing = zero) or fails with a located error, its outputs
// render, and writing it back as a ratings CSV reads back to the same people and levels.
#include <cmath>
#include <vector>

#include "fuzz_common.hpp"
#include "io/csv.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"

using namespace samatthana;

namespace {
const std::shared_ptr<const Framework>& fw() {
  static const auto f = builtin_framework("bma-core-2550");
  return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  RatingsTable t;
  try {
    t = read_ratings_csv(in, fw(), "fuzz.csv");
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  const std::size_t n = t.size(), c = t.competencies();
  FUZZ_CHECK(t.levels.size() == n * c && t.lines.size() == n);
  FUZZ_CHECK(t.results.empty() || t.results.size() == n);
  for (auto l : t.levels) FUZZ_CHECK(l >= -1 && l <= 6);

  // Write it back: standard columns, one column per competency by id, empty = not rated.
  std::string out;
  std::vector<std::string> row{"person_id", "name", "unit", "position"};
  for (const auto& comp : fw()->competencies()) row.push_back(comp.id);
  detail::append_csv_row(out, row, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Person& p = t.people[i];
    row = {p.id, p.name, p.unit, p.position};
    for (std::size_t j = 0; j < c; ++j) {
      const int l = t.levels[i * c + j];
      row.push_back(l < 0 ? "" : std::to_string(l));
    }
    detail::append_csv_row(out, row, false);
  }
  RatingsTable back;
  try {
    back = read_ratings_csv(out, fw(), "saved.csv");
  } catch (const Error& e) {
    fuzz::fail("a ratings table written back does not read", std::string(e.what()) + "\n" + out);
  }
  FUZZ_CHECK(back.people == t.people, out);
  FUZZ_CHECK(back.levels == t.levels, out);

  // Scoring: a located error or a result, never a crash.
  try {
    ScoringOptions opt;
    opt.missing = MissingPolicy::zero;
    const CohortScores s = score_cohort(t, nullptr, nullptr, default_profile(*fw()), opt);
    FUZZ_CHECK(s.n == n && s.held.size() == n * c);
    for (std::size_t k = 0; k < n * c; ++k) FUZZ_CHECK(s.gap[k] == s.held[k] - s.expected[k]);
    for (double p : s.part) FUZZ_CHECK(std::isfinite(p));
    (void)scores_csv(s);
    (void)scores_json(s);
    (void)summarize(s, GroupBy::unit);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
  }
  return 0;
}
