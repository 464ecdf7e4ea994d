// Ratings CSV (wide, one row per person, or one per rater with rater_role / rater_id) against the
// built-in BMA framework and profile: never crash; a table that reads scores (missing = zero;
// supervisor only and weighted raters) or fails with a located error, its outputs render, and
// writing it back as a ratings CSV reads back to the same people, levels and raters.
#include <cmath>
#include <vector>

#include "fuzz_common.hpp"
#include "io/csv.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/tables_io.hpp"

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
  // The columnar reader (samatthana.read_ratings) reads the same: rows, or rater rows.
  {
    const RatingsColumns cols = read_ratings_columns(in, fw(), "fuzz.csv");
    // A rater file with no rows: the columns keep the rater columns, the table has no rater row.
    FUZZ_CHECK(cols.has_raters == t.has_raters() || (cols.has_raters && cols.rows == 0 && n == 0));
    FUZZ_CHECK(cols.rows == (t.has_raters() ? t.raters.size() : n));
    FUZZ_CHECK(cols.levels == (t.has_raters() ? t.rater_levels : t.levels));
    for (std::size_t k = 0; k < cols.rows; ++k) {
      const Person& p = t.people[t.has_raters() ? t.raters[k].person : k];
      FUZZ_CHECK(cols.cell(RatingsColumns::person_id, k) == p.id &&
                     cols.cell(RatingsColumns::name, k) == p.name &&
                     cols.cell(RatingsColumns::unit, k) == p.unit &&
                     cols.cell(RatingsColumns::position, k) == p.position,
                 p.id);
    }
  }
  FUZZ_CHECK(t.levels.size() == n * c && t.lines.size() == n);
  FUZZ_CHECK(t.results.empty() || t.results.size() == n);
  for (auto l : t.levels) FUZZ_CHECK(l >= -1 && l <= 6);
  FUZZ_CHECK(t.rater_levels.size() == t.raters.size() * c);
  for (const auto& r : t.raters) FUZZ_CHECK(r.person < n);
  for (std::size_t k = 0; k < t.raters.size(); ++k)  // the supervisor's levels are in `levels`
    if (t.raters[k].role == RaterRole::supervisor)
      for (std::size_t j = 0; j < c; ++j)
        if (t.rater_levels[k * c + j] >= 0)
          FUZZ_CHECK(t.levels[t.raters[k].person * c + j] == t.rater_levels[k * c + j]);

  // Write it back: standard columns, one column per competency by id, empty = not rated; with
  // raters, one row per rater with every person cell filled in.
  std::string out;
  std::vector<std::string> row{"person_id", "name", "unit", "position"};
  if (t.has_raters()) row.insert(row.end(), {"rater_role", "rater_id"});
  for (const auto& comp : fw()->competencies()) row.push_back(comp.id);
  detail::append_csv_row(out, row, false);
  const std::size_t rows = t.has_raters() ? t.raters.size() : n;
  for (std::size_t k = 0; k < rows; ++k) {
    const std::size_t i = t.has_raters() ? t.raters[k].person : k;
    const Person& p = t.people[i];
    row = {p.id, p.name, p.unit, p.position};
    if (t.has_raters())
      row.insert(row.end(), {std::string(to_string(t.raters[k].role)), t.raters[k].rater_id});
    for (std::size_t j = 0; j < c; ++j) {
      const int l = t.has_raters() ? t.rater_levels[k * c + j] : t.levels[i * c + j];
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
  FUZZ_CHECK(back.rater_levels == t.rater_levels, out);
  FUZZ_CHECK(back.raters.size() == t.raters.size(), out);
  for (std::size_t k = 0; k < t.raters.size(); ++k)
    FUZZ_CHECK(back.raters[k].person == t.raters[k].person &&
                   back.raters[k].role == t.raters[k].role &&
                   back.raters[k].rater_id == t.raters[k].rater_id,
               out);

  // Scoring: a located error or a result, never a crash.
  for (const RaterMode mode : {RaterMode::supervisor_only, RaterMode::weighted}) try {
      ScoringOptions opt;
      opt.missing = MissingPolicy::zero;
      opt.levels.raters = mode;
      const CohortScores s = score_cohort(t, default_profile(*fw()), {}, opt);
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
