// Scoring a whole cohort: held levels (fast path for plain ratings, the explained path where there
// is evidence), expected levels from the profile, then the columnar batch rules. score_cohort runs
// as named steps over one context (Cohort); each step's row errors go through ScoringErrors, which
// throws the first (the default) or collects them all (ScoringOptions::all_errors).
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "samatthana/scoring.hpp"
#include "scoring/cohort_checks.hpp"

namespace samatthana {

std::size_t CohortScores::index_of(std::string_view person_id) const {
  for (std::size_t i = 0; i < people.size(); ++i)
    if (people[i].id == person_id) return i;
  Location where;
  where.path = "person_id";
  where.value = std::string(person_id);
  throw LookupError("no person with this id in the ratings", where);
}

namespace {

std::unordered_map<std::string_view, std::size_t> person_index(const RatingsTable& t) {
  std::unordered_map<std::string_view, std::size_t> idx;
  idx.reserve(t.people.size());
  for (std::size_t i = 0; i < t.people.size(); ++i) idx.emplace(t.people[i].id, i);
  return idx;
}

Location row_location(const std::string& file, std::size_t line, std::string path,
                      std::string value) {
  Location w;
  w.file = file;
  w.line = line;
  w.path = std::move(path);
  w.value = std::move(value);
  return w;
}

/// Where a column header is: file, line 1, its column.
Location header_location(const std::string& file, std::size_t column, std::string path) {
  Location w;
  w.file = file;
  w.line = 1;
  w.column = column;
  w.path = std::move(path);
  return w;
}

// ---- the errors of one scoring: the first thrown, or every one collected ---------------------

/// The errors of one score_cohort. First-error mode (the default): a check's error is thrown as
/// it is. Collect mode (ScoringOptions::all_errors): a row's error is kept and the checks go on;
/// finish() throws one ImportErrors listing them in file order (the ratings file, then the
/// evidence file, then the results file; each by line; errors of one line in the order the
/// checks find them), at most `cap` of them. An error of the whole input (whole()) is thrown at
/// once, alone, as an ImportErrors too.
class ScoringErrors {
 public:
  ScoringErrors(std::optional<std::size_t> cap, std::vector<std::string> files)
      : cap_(cap), files_(std::move(files)) {}
  [[nodiscard]] bool collecting() const noexcept { return cap_.has_value(); }

  /// Runs the check `f` of one row; in the collect mode its Error is kept and false returned.
  template <class F>
  bool row(F&& f) {
    if (!cap_) {
      std::forward<F>(f)();
      return true;
    }
    try {
      std::forward<F>(f)();
      return true;
    } catch (const ImportErrors&) {
      throw;
    } catch (const Error& e) {
      found_.push_back(Found{rank_of(e.where().file), e.where().line, std::current_exception()});
      return false;
    }
  }

  /// Runs a check of the whole input (the rules, the profile, where a column comes from): in the
  /// collect mode its Error is thrown at once as an ImportErrors of that one error.
  template <class F>
  void whole(F&& f) {
    if (!cap_) return std::forward<F>(f)();
    try {
      std::forward<F>(f)();
    } catch (const ImportErrors&) {
      throw;
    } catch (const Error& e) {
      ErrorList one(*cap_);
      one.add(e);
      throw ImportErrors(e.where().file, std::move(one));
    }
  }

  /// Throws the collected errors, in file order, as one ImportErrors (none: returns).
  void finish() {
    if (found_.empty()) return;
    std::stable_sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) {
      return a.rank != b.rank ? a.rank < b.rank : a.line < b.line;
    });
    ErrorList list(*cap_);
    for (const Found& f : found_) {
      try {
        std::rethrow_exception(f.error);
      } catch (const Error& e) {
        list.add(e);
      }
    }
    const bool one_file = std::all_of(found_.begin(), found_.end(),
                                      [&](const Found& f) { return f.rank == found_[0].rank; });
    const std::size_t r = found_[0].rank;
    throw ImportErrors(one_file && r < files_.size() ? files_[r] : std::string(), std::move(list));
  }

 private:
  struct Found {
    std::size_t rank;  ///< which input file: its index in files_ (files_.size(): another)
    std::size_t line;
    std::exception_ptr error;
  };
  /// The index of the input file an error names (as Location shows a file name).
  [[nodiscard]] std::size_t rank_of(const std::string& shown_file) const {
    for (std::size_t k = 0; k < files_.size(); ++k)
      if (detail::shown(files_[k], detail::ShownLimits::name) == shown_file) return k;
    return files_.size();
  }

  std::optional<std::size_t> cap_;
  std::vector<std::string> files_;  ///< ratings, evidence, results ("" when not given)
  std::vector<Found> found_;
};

// ---- the context of one score_cohort --------------------------------------------------------

/// What every step of score_cohort reads, and the errors it finds.
struct Cohort {
  const RatingsTable& ratings;
  const EvidenceTable* evidence;
  const ResultsTable* results;
  const Profile& profile;
  const ScoringOptions& options;
  const Framework& fw;
  std::size_t n, c;
  std::unordered_map<std::string_view, std::size_t> index;  ///< person id → row
  ScoringErrors errors;
  /// n: 1 for a person whose expected levels are not known (collect mode: an unknown position or
  /// job line); the checks that need them (sets, held levels) leave that person out.
  std::vector<char> unknown_position;

  [[nodiscard]] std::size_t line_of(std::size_t i) const {
    return ratings.lines.empty() ? std::size_t{0} : ratings.lines[i];
  }
  /// The ratings file's header of competency j (its id when the table has none).
  [[nodiscard]] std::string column_of(std::size_t j) const {
    return ratings.columns[j].empty() ? fw.competencies()[j].id : ratings.columns[j];
  }
  [[nodiscard]] bool evidence_policy() const {
    return options.levels.policy == LevelPolicy::strict ||
           options.levels.policy == LevelPolicy::threshold;
  }
};

std::vector<std::string> input_files(const RatingsTable& ratings, const EvidenceTable* evidence,
                                     const ResultsTable* results) {
  return {ratings.file, evidence ? evidence->file : std::string(),
          results ? results->file : std::string()};
}

// ---- whole-input checks ---------------------------------------------------------------------

/// The results from a results file or from the ratings' results column, never both (two sources
/// for one number are ambiguous).
void check_results_source(const RatingsTable& ratings, const ResultsTable* results) {
  if (!results || ratings.results.empty()) return;
  const Location where = row_location(ratings.file, 0, "results", "");
  throw ValidationError("the ratings have a results column and a results file (" + results->file +
                            ") is given as well: give the results in one place only (remove the "
                            "column, or leave out the results file)",
                        where);
}

bool other_in_ratings(const RatingsTable& ratings) {
  return !ratings.other.empty() || ratings.other_column != 0;
}
bool other_in_results(const ResultsTable* results) {
  return results && (!results->other.empty() || results->other_column != 0);
}

/// The other part's figures from the ratings' other column or the results file's, never both;
/// under a scheme without one, an other column is an error (never silently ignored).
void check_other_source(const RatingsTable& ratings, const ResultsTable* results,
                        const Profile& profile) {
  const bool in_ratings = other_in_ratings(ratings), in_results = other_in_results(results);
  if (!profile.scheme().has_other()) {
    if (in_ratings)
      detail::other_without_part(profile.id(),
                                 header_location(ratings.file, ratings.other_column, "other"));
    if (in_results)
      detail::other_without_part(profile.id(),
                                 header_location(results->file, results->other_column, "other"));
    return;
  }
  if (in_ratings && in_results)
    throw ValidationError("the ratings have an other column and the results file (" +
                              results->file +
                              ") has one as well: give the other part in one place only",
                          header_location(ratings.file, ratings.other_column, "other"));
}

}  // namespace

namespace detail {

std::shared_ptr<const Profile> check_cohort_setup(const RatingsTable& ratings,
                                                  std::shared_ptr<const Profile> profile,
                                                  const ScoringOptions& options) {
  if (!ratings.framework) throw ValidationError("the ratings table has no framework");
  const Framework& fw = *ratings.framework;
  if (!profile) profile = default_profile(fw);
  profile->check(fw);
  options.rules.validate(fw.size());
  check_rules_for_sets(*profile, options.rules);
  return profile;
}

void check_cohort_sources(const RatingsTable& ratings, const ResultsTable* results,
                          const Profile& profile) {
  check_results_source(ratings, results);
  check_other_source(ratings, results, profile);
}

}  // namespace detail

namespace {

/// Weighted raters: each person's ratings of each competency combined by role (detail::RoleSums,
/// what combine_ratings does for one person), -1 where no role with a positive weight rated. A
/// table without rater rows holds the supervisor's ratings: they are weighed as such, so a
/// supervisor weight of 0 counts them as not rated, as score_person does.
std::vector<std::int8_t> combine_raters(const RatingsTable& ratings, std::size_t c,
                                        const HeldLevelOptions& opt) {
  const std::size_t n = ratings.size();
  std::vector<std::int8_t> combined(n * c, std::int8_t{-1});
  auto put = [&](std::size_t cell, const detail::RoleSums& sums) {
    if (const auto l = sums.combine(opt)) combined[cell] = static_cast<std::int8_t>(*l);
  };
  if (!ratings.has_raters()) {
    for (std::size_t k = 0; k < n * c; ++k) {
      detail::RoleSums sums;
      if (ratings.levels[k] >= 0) sums.add(RaterRole::supervisor, ratings.levels[k]);
      put(k, sums);
    }
    return combined;
  }
  if (ratings.rater_levels.size() != ratings.raters.size() * c)
    throw ValidationError("the ratings table's rater_levels do not match its raters");
  std::vector<std::size_t> start(n + 1, 0), order(ratings.raters.size());
  for (const auto& r : ratings.raters) ++start[r.person + 1];
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t k = 0; k < ratings.raters.size(); ++k)
    order[fill[ratings.raters[k].person]++] = k;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      detail::RoleSums sums;
      for (std::size_t q = start[i]; q < start[i + 1]; ++q) {
        const std::size_t k = order[q];
        const std::int8_t v = ratings.rater_levels[k * c + j];
        if (v >= 0) sums.add(ratings.raters[k].role, v);
      }
      put(i * c + j, sums);
    }
  }
  return combined;
}

// ---- the steps of score_cohort ----------------------------------------------------------------

/// The scores of `k`'s people sized and filled with "nothing yet".
CohortScores empty_scores(const Cohort& k, std::shared_ptr<const Profile> profile) {
  const std::size_t n = k.n, c = k.c;
  CohortScores s;
  s.framework = k.ratings.framework;
  s.profile = std::move(profile);
  s.rules = k.options.rules;
  s.levels = k.options.levels;
  s.people = k.ratings.people;
  s.n = n;
  s.c = c;
  s.held.assign(n * c, 0);
  s.expected.assign(n * c, 0);
  s.gap.assign(n * c, 0);
  s.source.assign(n * c, 0);
  s.flags.assign(n * c, 0);
  s.points.assign(n * c, 0);
  s.part.assign(n, 0);
  s.results.assign(n, std::numeric_limits<double>::quiet_NaN());
  s.total.assign(n, std::numeric_limits<double>::quiet_NaN());
  s.band.assign(n, -1);
  s.position_codes.resize(n);
  if (k.profile.has_sets()) s.appraised.assign(n * c, 1);
  return s;
}

/// Evidence rows per person; a row naming nobody of the ratings is an error of its row.
std::vector<std::vector<const EvidenceRow*>> evidence_by_person(Cohort& k) {
  std::vector<std::vector<const EvidenceRow*>> ev(k.n);
  if (!k.evidence) return ev;
  for (const EvidenceRow& e : k.evidence->rows) {
    const auto it = k.index.find(e.person_id);
    if (it != k.index.end()) {
      ev[it->second].push_back(&e);
      continue;
    }
    k.errors.row([&] {
      throw LookupError("the evidence names a person who is not in the ratings file",
                        row_location(k.evidence->file, e.line, "person_id", e.person_id));
    });
  }
  return ev;
}

/// Person `i`'s position in the profile and expected levels, or the error located at the row.
std::pair<const PositionProfile*, std::vector<int>> position_of(const Cohort& k, std::size_t i) {
  const Person& person = k.ratings.people[i];
  const PositionProfile* p = k.profile.find(person.position);
  if (!p) {
    try {
      (void)k.profile.position(person.position);
    } catch (const LookupError& e) {
      throw LookupError(e.message() + " for person '" + person.id + "'",
                        row_location(k.ratings.file, k.line_of(i), "position", person.position));
    }
  }
  std::vector<int> exp;
  try {
    exp = k.profile.expected(k.fw, person);
  } catch (const Error& e) {
    const Location where = row_location(k.ratings.file, k.line_of(i), "job_line", person.job_line);
    if (dynamic_cast<const LookupError*>(&e))
      throw LookupError(e.message() + " for person '" + person.id + "'", where);
    throw ValidationError(e.message(), where);
  }
  return {p, std::move(exp)};
}

/// Expected levels (and the appraised set), one lookup per distinct position (and job line)
/// spelling; a person whose position is not known is an error of their row.
void expected_levels(Cohort& k, CohortScores& s) {
  const bool sets = k.profile.has_sets();
  const std::size_t c = k.c;
  std::unordered_map<std::string, std::pair<const PositionProfile*, std::vector<int>>> cache;
  for (std::size_t i = 0; i < k.n; ++i) {
    const Person& person = k.ratings.people[i];
    std::string key = person.position;
    if (sets) key += '\x1f' + person.job_line;
    auto it = cache.find(key);
    if (it == cache.end()) {
      std::pair<const PositionProfile*, std::vector<int>> found;
      if (!k.errors.row([&] { found = position_of(k, i); })) {
        k.unknown_position[i] = 1;  // not cached: the next person of it is named too
        continue;
      }
      it = cache.emplace(key, std::move(found)).first;
    }
    s.position_codes[i] = it->second.first->code;
    const std::vector<int>& exp = it->second.second;
    for (std::size_t j = 0; j < c; ++j) {
      s.expected[i * c + j] = static_cast<std::int8_t>(exp[j]);
      if (exp[j] == kNotAppraised) s.appraised[i * c + j] = 0;
    }
  }
}

/// Per-position sets: a rating (by any rater) or evidence of a competency outside a person's set
/// is an error located at its row and column.
void check_sets(Cohort& k, const CohortScores& s) {
  const RatingsTable& ratings = k.ratings;
  const Framework& fw = k.fw;
  const std::size_t c = k.c;
  const auto outside = [&](std::size_t i, std::size_t j, Location where) {
    k.errors.row([&] { detail::not_in_set(ratings.people[i], fw.competencies()[j], where); });
  };
  for (std::size_t i = 0; i < k.n; ++i)
    for (std::size_t j = 0; j < c && !k.unknown_position[i]; ++j)
      if (!s.is_appraised(i, j) && ratings.levels[i * c + j] >= 0)
        outside(i, j,
                row_location(ratings.file, k.line_of(i), k.column_of(j),
                             std::to_string(ratings.levels[i * c + j])));
  for (std::size_t q = 0; q < ratings.raters.size(); ++q) {
    const auto& r = ratings.raters[q];
    for (std::size_t j = 0; j < c && !k.unknown_position[r.person]; ++j)
      if (!s.is_appraised(r.person, j) && ratings.rater_levels[q * c + j] >= 0)
        outside(r.person, j,
                row_location(ratings.file, r.line, k.column_of(j),
                             std::to_string(ratings.rater_levels[q * c + j])));
  }
  if (!k.evidence) return;
  for (const EvidenceRow& e : k.evidence->rows) {
    const auto it = k.index.find(e.person_id);
    if (it == k.index.end() || k.unknown_position[it->second]) continue;  // located already
    // "<competency>.<level>.<n>": the competency is what comes before the last two dots.
    std::string_view comp_id = e.indicator_id;
    for (int dots = 0; dots < 2 && comp_id.find('.') != std::string_view::npos; ++dots)
      comp_id = comp_id.substr(0, comp_id.rfind('.'));
    const auto j = fw.find(comp_id);
    if (j && !s.is_appraised(it->second, *j))
      outside(it->second, *j,
              row_location(k.evidence->file, e.line, "indicator_id", e.indicator_id));
  }
}

/// The held levels' inputs: each cell's rating (the supervisor's, or every rater's combined by
/// role), the evidence rows of each person, and held_level's options for a cell.
struct HeldInputs {
  const std::vector<std::int8_t>* cells = nullptr;
  std::vector<std::int8_t> combined;  ///< weighted raters: the combined ratings
  const std::vector<std::vector<const EvidenceRow*>>* evidence = nullptr;
  /// The cell holds one rating already combined by the rater mode: held_level must not weigh it
  /// again.
  HeldLevelOptions cell_options;
  bool weighted = false;
};

/// The error for a cell of person i, competency j neither rated nor evidenced.
[[noreturn]] void missing_error(const Cohort& k, const HeldInputs& in, std::size_t i,
                                std::size_t j) {
  const RatingsTable& ratings = k.ratings;
  const Competency& comp = k.fw.competencies()[j];
  const bool evidence_policy = k.evidence_policy();
  std::string hint;
  if (!in.weighted && !evidence_policy)
    for (std::size_t q = 0; q < ratings.raters.size(); ++q)
      if (ratings.raters[q].person == i && ratings.rater_levels[q * k.c + j] >= 0) {
        hint =
            " (only raters other than the supervisor rated it: count them with weighted "
            "raters)";
        break;
      }
  throw ValidationError(
      "person '" + ratings.people[i].id + "' has no " +
          (evidence_policy ? std::string("evidence") : std::string("rating and no evidence")) +
          " for '" + comp.id + "' (" + comp.name.th + ")" + hint +
          "; rate it, give evidence, or choose to count missing as level 0",
      row_location(ratings.file, k.line_of(i), k.column_of(j), ""));
}

/// The held level of person i on competency j into `s` (a missing one: an error of the row, or
/// 0 under MissingPolicy::zero).
void held_cell(Cohort& k, const HeldInputs& in, std::size_t i, std::size_t j, CohortScores& s) {
  const std::size_t c = k.c;
  const std::int8_t cell = (*in.cells)[i * c + j];
  const Competency& comp = k.fw.competencies()[j];
  const auto& rows = (*in.evidence)[i];
  int level = -1;
  LevelSource src = LevelSource::none;
  std::uint8_t fl = 0;
  if (rows.empty() && !k.evidence_policy()) {
    if (cell >= 0) {
      level = cell;
      src = LevelSource::rating;
    }
  } else {
    Rating rating;
    const Rating* rp[1] = {&rating};
    std::span<const Rating* const> rs;
    if (cell >= 0) {
      rating.competency = comp.id;
      rating.level = cell;
      rs = rp;
    }
    const HeldLevel h = held_level(
        comp, rs,
        [&](std::string_view id) {
          for (const EvidenceRow* e : rows)
            if (e->indicator_id == id) return e->observation;
          return Observation::not_observed;
        },
        in.cell_options);
    level = h.level;
    src = h.source;
    if (h.rating_disagrees) fl |= flag_rating_disagrees;
    if (!h.shown_above_gap.empty()) fl |= flag_shown_above_gap;
  }
  if (level < 0) {
    if (k.options.missing == MissingPolicy::error) {
      k.errors.row([&] { missing_error(k, in, i, j); });
      return;
    }
    level = 0;
    fl |= flag_missing_as_zero;
  }
  s.held[i * c + j] = static_cast<std::int8_t>(level);
  s.source[i * c + j] = static_cast<std::uint8_t>(src);
  s.flags[i * c + j] = fl;
}

/// Held levels of everyone (outside a person's set: -1).
void held_levels(Cohort& k, const std::vector<std::vector<const EvidenceRow*>>& ev,
                 CohortScores& s) {
  HeldInputs in;
  in.weighted = k.options.levels.raters == RaterMode::weighted;
  if (in.weighted) in.combined = combine_raters(k.ratings, k.c, k.options.levels);
  in.cells = in.weighted ? &in.combined : &k.ratings.levels;
  in.evidence = &ev;
  in.cell_options = k.options.levels;
  in.cell_options.raters = RaterMode::supervisor_only;
  if (k.profile.has_sets()) check_sets(k, s);
  for (std::size_t i = 0; i < k.n; ++i) {
    if (k.unknown_position[i]) continue;
    for (std::size_t j = 0; j < k.c; ++j) {
      if (!s.is_appraised(i, j)) {
        s.held[i * k.c + j] = -1;
        continue;
      }
      held_cell(k, in, i, j, s);
    }
  }
}

/// Results: from a results file (each row naming a person of the ratings, everyone given one)
/// or from the ratings' results column (no empty cell).
void results_of(Cohort& k, CohortScores& s) {
  const RatingsTable& ratings = k.ratings;
  check_results_source(ratings, k.results);
  if (k.results) {
    const ResultsTable& results = *k.results;
    s.has_results = true;
    std::vector<char> got(k.n, 0);
    for (std::size_t q = 0; q < results.rows.size(); ++q) {
      // Not a structured binding: clang 14 cannot capture one in the lambda below.
      const std::string& id = results.rows[q].first;
      const double v = results.rows[q].second;
      const auto it = k.index.find(id);
      if (it == k.index.end()) {
        k.errors.row([&] {
          throw LookupError("the results name a person who is not in the ratings file",
                            row_location(results.file, results.lines.empty() ? 0 : results.lines[q],
                                         "person_id", id));
        });
        continue;
      }
      s.results[it->second] = v;
      got[it->second] = 1;
    }
    for (std::size_t i = 0; i < k.n; ++i)
      if (!got[i])
        k.errors.row([&] {
          throw ValidationError(
              "person '" + ratings.people[i].id + "' has no results score in " + results.file,
              row_location(ratings.file, k.line_of(i), "person_id", ratings.people[i].id));
        });
  } else if (!ratings.results.empty()) {
    s.has_results = true;
    for (std::size_t i = 0; i < k.n; ++i) {
      if (std::isnan(ratings.results[i]))
        k.errors.row([&] {
          throw ValidationError("person '" + ratings.people[i].id + "' has an empty results cell",
                                row_location(ratings.file, k.line_of(i), "results", ""));
        });
      s.results[i] = ratings.results[i];
    }
  }
}

/// A person appraised on nothing (a profile whose groups the framework lacks): named at their row.
void check_appraised(Cohort& k, const CohortScores& s) {
  const std::size_t c = k.c;
  for (std::size_t i = 0; !s.appraised.empty() && i < k.n; ++i) {
    if (k.unknown_position[i]) continue;
    const auto row = s.appraised.begin() + static_cast<std::ptrdiff_t>(i * c);
    if (std::any_of(row, row + static_cast<std::ptrdiff_t>(c),
                    [](std::uint8_t a) { return a != 0; }))
      continue;
    k.errors.row([&] {
      throw ValidationError(
          "person '" + k.ratings.people[i].id + "' (" + s.position_codes[i] +
              ") is appraised on no competency of framework '" + k.fw.id() + "'",
          row_location(k.ratings.file, k.line_of(i), "position", k.ratings.people[i].position));
    });
  }
}

/// The other part's figures of `s` (its scheme has one) from the ratings' other column or the
/// results file's (check_other_source); a person with results needs their figure.
void other_figures(Cohort& k, CohortScores& s) {
  const RatingsTable& ratings = k.ratings;
  const ResultsTable* results = k.results;
  const Scheme& scheme = k.profile.scheme();
  check_other_source(ratings, results, k.profile);
  if (!scheme.has_other()) return;
  const bool in_ratings = other_in_ratings(ratings), in_results = other_in_results(results);
  const std::size_t n = k.n;
  s.other.assign(n, std::numeric_limits<double>::quiet_NaN());
  s.other_points.assign(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<std::size_t> line(n, 0);  // where each person's figure was (or would be) given
  const std::string& file = in_results ? results->file : ratings.file;
  const std::size_t column = in_results ? results->other_column : ratings.other_column;
  for (std::size_t i = 0; i < n; ++i) line[i] = k.line_of(i);
  if (in_results) {
    for (std::size_t q = 0; q < results->rows.size() && q < results->other.size(); ++q) {
      const auto it = k.index.find(results->rows[q].first);
      if (it == k.index.end()) continue;  // the results check names them
      s.other[it->second] = results->other[q];
      line[it->second] = results->lines.empty() ? 0 : results->lines[q];
    }
  } else if (in_ratings) {
    for (std::size_t i = 0; i < n && i < ratings.other.size(); ++i) s.other[i] = ratings.other[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(s.other[i])) {
      s.other_points[i] = scheme.other_points(s.other[i]);
      continue;
    }
    if (!s.has_results || std::isnan(s.results[i])) continue;
    Location where =
        row_location(in_results || in_ratings ? file : ratings.file, line[i], "other", "");
    where.column = in_results || in_ratings ? column : 0;
    k.errors.row([&] { detail::other_missing(s.people[i], scheme, std::move(where)); });
  }
}

/// Gaps, points, part scores, totals and bands of `s` by the columnar batch rules.
void batch_scores(const Cohort& k, CohortScores& s) {
  std::vector<int> maxl(k.c);
  for (std::size_t j = 0; j < k.c; ++j) maxl[j] = k.fw.competencies()[j].max_level();
  BatchOutput out{s.gap, s.points, s.part, s.total, s.band};
  score_batch(k.n, k.c, s.held, s.expected, maxl,
              s.has_results ? std::span<const double>(s.results) : std::span<const double>(),
              k.options.rules, k.profile.scheme(), out, s.appraised, s.other);
}

}  // namespace

CohortScores score_cohort(const RatingsTable& ratings, std::shared_ptr<const Profile> profile,
                          const CohortInputs& inputs, const ScoringOptions& options) {
  const EvidenceTable* evidence = inputs.evidence ? &inputs.evidence->get() : nullptr;
  const ResultsTable* results = inputs.results ? &inputs.results->get() : nullptr;
  ScoringErrors setup_errors(options.all_errors, input_files(ratings, evidence, results));
  setup_errors.whole([&] {
    profile = detail::check_cohort_setup(ratings, std::move(profile), options);
    // The collect mode checks where the results and the other part come from first: an error
    // there is the whole input's, alone. The first-error mode finds it in its step, as always.
    if (options.all_errors) detail::check_cohort_sources(ratings, results, *profile);
  });
  const Framework& fw = *ratings.framework;
  Cohort k{ratings,
           evidence,
           results,
           *profile,
           options,
           fw,
           ratings.size(),
           fw.size(),
           person_index(ratings),
           ScoringErrors(options.all_errors, input_files(ratings, evidence, results)),
           std::vector<char>(ratings.size(), 0)};
  CohortScores s = empty_scores(k, profile);
  const auto ev = evidence_by_person(k);
  expected_levels(k, s);
  held_levels(k, ev, s);
  results_of(k, s);
  check_appraised(k, s);
  other_figures(k, s);
  k.errors.finish();
  batch_scores(k, s);
  return s;
}

Assessment assessment_of(const RatingsTable& ratings, std::string_view person_id,
                         InputRef<EvidenceTable> evidence_ref) {
  const EvidenceTable* evidence = evidence_ref ? &evidence_ref->get() : nullptr;
  const Framework& fw = *ratings.framework;
  const std::size_t c = fw.size();
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    if (ratings.people[i].id != person_id) continue;
    Assessment a;
    a.person = ratings.people[i];
    if (ratings.has_raters()) {
      for (std::size_t k = 0; k < ratings.raters.size(); ++k) {
        const auto& r = ratings.raters[k];
        if (r.person != i) continue;
        for (std::size_t j = 0; j < c; ++j)
          if (const std::int8_t cell = ratings.rater_levels[k * c + j]; cell >= 0)
            a.ratings.push_back(Rating{fw.competencies()[j].id, cell, r.role, r.rater_id, ""});
      }
    } else {
      for (std::size_t j = 0; j < c; ++j) {
        const std::int8_t cell = ratings.levels[i * c + j];
        if (cell >= 0)
          a.ratings.push_back(Rating{fw.competencies()[j].id, cell, RaterRole::supervisor, "", ""});
      }
    }
    if (evidence)
      for (const EvidenceRow& e : evidence->rows)
        if (e.person_id == person_id)
          a.evidence.push_back(IndicatorEvidence{e.indicator_id, e.observation, e.evidence,
                                                 RaterRole::supervisor, ""});
    if (!ratings.results.empty() && !std::isnan(ratings.results[i])) a.results = ratings.results[i];
    if (i < ratings.other.size() && !std::isnan(ratings.other[i])) a.other = ratings.other[i];
    return a;
  }
  Location where;
  where.file = ratings.file;
  where.path = "person_id";
  where.value = std::string(person_id);
  throw LookupError("no person with this id in the ratings file", where);
}

namespace {

/// An empty group `key` sized for the cohort's competencies, levels and bands.
GroupSummary empty_group(const CohortScores& s, const std::string& key) {
  const Framework& fw = *s.framework;
  GroupSummary g;
  g.key = key;
  g.distribution.assign(s.c, {});
  for (std::size_t j = 0; j < s.c; ++j)
    g.distribution[j].assign(static_cast<std::size_t>(fw.competencies()[j].max_level() + 1), 0);
  g.share_meeting.assign(s.c, 0);
  g.mean_gap.assign(s.c, 0);
  g.appraised.assign(s.c, 0);
  if (s.has_results) g.band_counts.assign(s.profile->scheme().bands.size(), 0);
  return g;
}

/// The groups of `by` (positions in the profile's order, units by key) and each person's group.
std::vector<GroupSummary> make_groups(const CohortScores& s, GroupBy by,
                                      std::vector<std::size_t>& group_of) {
  std::map<std::string, std::size_t> order;  // key → group index
  std::vector<GroupSummary> groups;
  auto make = [&](const std::string& key) {
    groups.push_back(empty_group(s, key));
    return groups.size() - 1;
  };
  if (by == GroupBy::position) {
    // Profile order, only positions present.
    std::vector<char> present(s.profile->positions().size(), 0);
    for (std::size_t i = 0; i < s.n; ++i)
      for (std::size_t p = 0; p < present.size(); ++p)
        if (s.profile->positions()[p].code == s.position_codes[i]) present[p] = 1;
    for (std::size_t p = 0; p < present.size(); ++p)
      if (present[p]) order[s.profile->positions()[p].code] = make(s.profile->positions()[p].code);
  }
  group_of.assign(s.n, 0);
  for (std::size_t i = 0; i < s.n; ++i) {
    const std::string key = by == GroupBy::all    ? std::string()
                            : by == GroupBy::unit ? s.people[i].unit
                                                  : s.position_codes[i];
    auto it = order.find(key);
    if (it == order.end()) it = order.emplace(key, make(key)).first;
    group_of[i] = it->second;
  }
  if (by == GroupBy::position) return groups;
  // Units sorted by key: std::map order; rebuild groups in map order for units/all.
  std::vector<GroupSummary> sorted;
  std::vector<std::size_t> remap(groups.size());
  for (const auto& [k, gi] : order) {
    remap[gi] = sorted.size();
    sorted.push_back(std::move(groups[gi]));
  }
  for (auto& g : group_of) g = remap[g];
  return sorted;
}

/// Adds person `i` to `g`; true when they meet every expected level they are appraised on.
bool add_person(const CohortScores& s, std::size_t i, GroupSummary& g) {
  const std::size_t c = s.c;
  ++g.people;
  bool all = true;
  for (std::size_t j = 0; j < c; ++j) {
    if (!s.is_appraised(i, j)) continue;
    const int h = s.held[i * c + j], e = s.expected[i * c + j];
    ++g.appraised[j];
    ++g.distribution[j][static_cast<std::size_t>(h)];
    if (h >= e)
      g.share_meeting[j] += 1;
    else
      all = false;
    g.mean_gap[j] += h - e;
  }
  if (s.has_results && s.band[i] >= 0) ++g.band_counts[static_cast<std::size_t>(s.band[i])];
  return all;
}

/// Counts and sums of `g` turned into shares and means.
void finish_group(GroupSummary& g, std::size_t all_met, double part_sum) {
  const double np = static_cast<double>(g.people);
  if (!g.people) return;
  for (std::size_t j = 0; j < g.appraised.size(); ++j) {
    if (!g.appraised[j]) continue;  // nobody of the group is appraised on it: 0
    const double nj = static_cast<double>(g.appraised[j]);
    g.share_meeting[j] /= nj;
    g.mean_gap[j] /= nj;
  }
  g.share_meeting_all = static_cast<double>(all_met) / np;
  g.mean_part = part_sum / np;
}

}  // namespace

std::vector<GroupSummary> summarize(const CohortScores& s, GroupBy by) {
  std::vector<std::size_t> group_of;
  std::vector<GroupSummary> groups = make_groups(s, by, group_of);
  std::vector<std::size_t> all_met(groups.size(), 0);
  std::vector<double> part_sum(groups.size(), 0);
  for (std::size_t i = 0; i < s.n; ++i) {
    if (add_person(s, i, groups[group_of[i]])) ++all_met[group_of[i]];
    part_sum[group_of[i]] += s.part[i];
  }
  for (std::size_t gi = 0; gi < groups.size(); ++gi)
    finish_group(groups[gi], all_met[gi], part_sum[gi]);
  return groups;
}

// The deprecated raw-pointer forms (kept, deprecated, for the 0.1 series).
CohortScores score_cohort(const RatingsTable& ratings, const EvidenceTable* evidence,
                          const ResultsTable* results, std::shared_ptr<const Profile> profile,
                          const ScoringOptions& options) {
  CohortInputs in;
  if (evidence) in.evidence = std::cref(*evidence);
  if (results) in.results = std::cref(*results);
  return score_cohort(ratings, std::move(profile), in, options);
}

Assessment assessment_of(const RatingsTable& ratings, const EvidenceTable* evidence,
                         std::string_view person_id) {
  return assessment_of(ratings, person_id,
                       evidence ? InputRef<EvidenceTable>(*evidence) : std::nullopt);
}

}  // namespace samatthana
