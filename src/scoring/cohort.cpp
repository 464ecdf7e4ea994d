// Scoring a whole cohort: held levels (fast path for plain ratings, the explained path where there
// is evidence), expected levels from the profile, then the columnar batch rules.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "samatthana/scoring.hpp"

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

/// Per-position sets: a rating (by any rater) or evidence of a competency outside a person's set
/// is an error located at its row and column.
void check_sets(const RatingsTable& ratings, const EvidenceTable* evidence, const CohortScores& s) {
  const Framework& fw = *ratings.framework;
  const std::size_t c = s.c;
  auto line_of = [&](std::size_t i) {
    return ratings.lines.empty() ? std::size_t{0} : ratings.lines[i];
  };
  auto column = [&](std::size_t j) {
    return ratings.columns[j].empty() ? fw.competencies()[j].id : ratings.columns[j];
  };
  for (std::size_t i = 0; i < s.n; ++i)
    for (std::size_t j = 0; j < c; ++j)
      if (!s.is_appraised(i, j) && ratings.levels[i * c + j] >= 0)
        detail::not_in_set(ratings.people[i], fw.competencies()[j],
                           row_location(ratings.file, line_of(i), column(j),
                                        std::to_string(ratings.levels[i * c + j])));
  for (std::size_t k = 0; k < ratings.raters.size(); ++k) {
    const auto& r = ratings.raters[k];
    for (std::size_t j = 0; j < c; ++j)
      if (!s.is_appraised(r.person, j) && ratings.rater_levels[k * c + j] >= 0)
        detail::not_in_set(ratings.people[r.person], fw.competencies()[j],
                           row_location(ratings.file, r.line, column(j),
                                        std::to_string(ratings.rater_levels[k * c + j])));
  }
  if (!evidence) return;
  const auto index = person_index(ratings);
  for (const EvidenceRow& e : evidence->rows) {
    const auto it = index.find(e.person_id);
    if (it == index.end()) continue;  // score_cohort has located it already
    // "<competency>.<level>.<n>": the competency is what comes before the last two dots.
    std::string_view comp_id = e.indicator_id;
    for (int dots = 0; dots < 2 && comp_id.find('.') != std::string_view::npos; ++dots)
      comp_id = comp_id.substr(0, comp_id.rfind('.'));
    const auto j = fw.find(comp_id);
    if (j && !s.is_appraised(it->second, *j))
      detail::not_in_set(ratings.people[it->second], fw.competencies()[*j],
                         row_location(evidence->file, e.line, "indicator_id", e.indicator_id));
  }
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

/// The other part's figures of `s` (its scheme has one) from the ratings' other column or the
/// results file's, never both; under a scheme without one, an other column is an error (never
/// silently ignored). A person with results needs their figure.
void other_figures(const RatingsTable& ratings, const ResultsTable* results, CohortScores& s) {
  const Scheme& scheme = s.profile->scheme();
  const bool in_ratings = !ratings.other.empty() || ratings.other_column != 0;
  const bool in_results = results && (!results->other.empty() || results->other_column != 0);
  if (!scheme.has_other()) {
    if (in_ratings)
      detail::other_without_part(s.profile->id(),
                                 header_location(ratings.file, ratings.other_column, "other"));
    if (in_results)
      detail::other_without_part(s.profile->id(),
                                 header_location(results->file, results->other_column, "other"));
    return;
  }
  if (in_ratings && in_results)
    throw ValidationError("the ratings have an other column and the results file (" +
                              results->file +
                              ") has one as well: give the other part in one place only",
                          header_location(ratings.file, ratings.other_column, "other"));
  const std::size_t n = s.n;
  s.other.assign(n, std::numeric_limits<double>::quiet_NaN());
  s.other_points.assign(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<std::size_t> line(n, 0);  // where each person's figure was (or would be) given
  std::string file = in_results ? results->file : ratings.file;
  const std::size_t column = in_results ? results->other_column : ratings.other_column;
  for (std::size_t i = 0; i < n; ++i) line[i] = ratings.lines.empty() ? 0 : ratings.lines[i];
  if (in_results) {
    const auto index = person_index(ratings);
    for (std::size_t k = 0; k < results->rows.size() && k < results->other.size(); ++k) {
      const auto it = index.find(results->rows[k].first);
      if (it == index.end()) continue;  // the results check names them
      s.other[it->second] = results->other[k];
      line[it->second] = results->lines.empty() ? 0 : results->lines[k];
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
    detail::other_missing(s.people[i], scheme, std::move(where));
  }
}

}  // namespace

CohortScores score_cohort(const RatingsTable& ratings, const EvidenceTable* evidence,
                          const ResultsTable* results, std::shared_ptr<const Profile> profile,
                          const ScoringOptions& options) {
  if (!ratings.framework) throw ValidationError("the ratings table has no framework");
  const Framework& fw = *ratings.framework;
  if (!profile) profile = default_profile(fw);
  profile->check(fw);
  options.rules.validate(fw.size());
  detail::check_rules_for_sets(*profile, options.rules);
  const std::size_t n = ratings.size(), c = fw.size();

  CohortScores s;
  s.framework = ratings.framework;
  s.profile = profile;
  s.rules = options.rules;
  s.levels = options.levels;
  s.people = ratings.people;
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

  const auto index = person_index(ratings);

  // Evidence rows per person.
  std::vector<std::vector<const EvidenceRow*>> ev(n);
  if (evidence) {
    for (const EvidenceRow& e : evidence->rows) {
      auto it = index.find(e.person_id);
      if (it == index.end())
        throw LookupError("the evidence names a person who is not in the ratings file",
                          row_location(evidence->file, e.line, "person_id", e.person_id));
      ev[it->second].push_back(&e);
    }
  }

  // Expected levels, one lookup per distinct position (and job line) spelling.
  std::vector<int> maxl(c);
  for (std::size_t j = 0; j < c; ++j) maxl[j] = fw.competencies()[j].max_level();
  const bool sets = profile->has_sets();
  if (sets) s.appraised.assign(n * c, 1);
  std::unordered_map<std::string, std::pair<const PositionProfile*, std::vector<int>>> pos_cache;
  for (std::size_t i = 0; i < n; ++i) {
    const Person& person = ratings.people[i];
    const std::size_t line = ratings.lines.empty() ? 0 : ratings.lines[i];
    std::string key = person.position;
    if (sets) key += '\x1f' + person.job_line;
    auto it = pos_cache.find(key);
    if (it == pos_cache.end()) {
      const PositionProfile* p = profile->find(person.position);
      if (!p) {
        try {
          (void)profile->position(person.position);
        } catch (const LookupError& e) {
          throw LookupError(e.message() + " for person '" + person.id + "'",
                            row_location(ratings.file, line, "position", person.position));
        }
      }
      std::vector<int> exp;
      try {
        exp = profile->expected(fw, person);
      } catch (const Error& e) {
        const Location where = row_location(ratings.file, line, "job_line", person.job_line);
        if (dynamic_cast<const LookupError*>(&e))
          throw LookupError(e.message() + " for person '" + person.id + "'", where);
        throw ValidationError(e.message(), where);
      }
      it = pos_cache.emplace(key, std::make_pair(p, std::move(exp))).first;
    }
    s.position_codes[i] = it->second.first->code;
    const std::vector<int>& exp = it->second.second;
    for (std::size_t j = 0; j < c; ++j) {
      s.expected[i * c + j] = static_cast<std::int8_t>(exp[j]);
      if (exp[j] == kNotAppraised) s.appraised[i * c + j] = 0;
    }
  }

  // Ratings per cell: the supervisor's (as the BMA counts), or every rater's combined by role.
  const bool weighted = options.levels.raters == RaterMode::weighted;
  std::vector<std::int8_t> combined;
  if (weighted) combined = combine_raters(ratings, c, options.levels);
  const std::vector<std::int8_t>* cells = weighted ? &combined : &ratings.levels;

  // The cell holds one rating already combined by the rater mode: held_level must not weigh it
  // again.
  HeldLevelOptions cell_options = options.levels;
  cell_options.raters = RaterMode::supervisor_only;

  // Held levels.
  const bool evidence_policy = options.levels.policy == LevelPolicy::strict ||
                               options.levels.policy == LevelPolicy::threshold;
  if (sets) check_sets(ratings, evidence, s);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      if (!s.is_appraised(i, j)) {
        s.held[i * c + j] = -1;
        continue;
      }
      const std::int8_t cell = (*cells)[i * c + j];
      const Competency& comp = fw.competencies()[j];
      int level = -1;
      LevelSource src = LevelSource::none;
      std::uint8_t fl = 0;
      if (ev[i].empty() && !evidence_policy) {
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
        const auto& rows = ev[i];
        const HeldLevel h = held_level(
            comp, rs,
            [&](std::string_view id) {
              for (const EvidenceRow* e : rows)
                if (e->indicator_id == id) return e->observation;
              return Observation::not_observed;
            },
            cell_options);
        level = h.level;
        src = h.source;
        if (h.rating_disagrees) fl |= flag_rating_disagrees;
        if (!h.shown_above_gap.empty()) fl |= flag_shown_above_gap;
      }
      if (level < 0) {
        if (options.missing == MissingPolicy::error) {
          const std::string col = ratings.columns[j].empty() ? comp.id : ratings.columns[j];
          std::string hint;
          if (!weighted && !evidence_policy)
            for (std::size_t k = 0; k < ratings.raters.size(); ++k)
              if (ratings.raters[k].person == i && ratings.rater_levels[k * c + j] >= 0) {
                hint =
                    " (only raters other than the supervisor rated it: count them with weighted "
                    "raters)";
                break;
              }
          throw ValidationError(
              "person '" + ratings.people[i].id + "' has no " +
                  (evidence_policy ? std::string("evidence")
                                   : std::string("rating and no evidence")) +
                  " for '" + comp.id + "' (" + comp.name.th + ")" + hint +
                  "; rate it, give evidence, or choose to count missing as level 0",
              row_location(ratings.file, ratings.lines.empty() ? 0 : ratings.lines[i], col, ""));
        }
        level = 0;
        fl |= flag_missing_as_zero;
      }
      s.held[i * c + j] = static_cast<std::int8_t>(level);
      s.source[i * c + j] = static_cast<std::uint8_t>(src);
      s.flags[i * c + j] = fl;
    }
  }

  // Results: from a results file or from the ratings' results column, never both (two sources
  // for one number are ambiguous).
  if (results && !ratings.results.empty()) {
    const Location where = row_location(ratings.file, 0, "results", "");
    throw ValidationError("the ratings have a results column and a results file (" + results->file +
                              ") is given as well: give the results in one place only (remove the "
                              "column, or leave out the results file)",
                          where);
  }
  if (results) {
    s.has_results = true;
    std::vector<char> got(n, 0);
    for (std::size_t k = 0; k < results->rows.size(); ++k) {
      const auto& [id, v] = results->rows[k];
      auto it = index.find(id);
      if (it == index.end())
        throw LookupError(
            "the results name a person who is not in the ratings file",
            row_location(results->file, results->lines.empty() ? 0 : results->lines[k], "person_id",
                         id));
      s.results[it->second] = v;
      got[it->second] = 1;
    }
    for (std::size_t i = 0; i < n; ++i)
      if (!got[i])
        throw ValidationError(
            "person '" + ratings.people[i].id + "' has no results score in " + results->file,
            row_location(ratings.file, ratings.lines.empty() ? 0 : ratings.lines[i], "person_id",
                         ratings.people[i].id));
  } else if (!ratings.results.empty()) {
    s.has_results = true;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(ratings.results[i]))
        throw ValidationError(
            "person '" + ratings.people[i].id + "' has an empty results cell",
            row_location(ratings.file, ratings.lines.empty() ? 0 : ratings.lines[i], "results",
                         ""));
      s.results[i] = ratings.results[i];
    }
  }

  // A person appraised on nothing (a profile whose groups the framework lacks): name them.
  for (std::size_t i = 0; sets && i < n; ++i)
    if (std::none_of(s.appraised.begin() + static_cast<std::ptrdiff_t>(i * c),
                     s.appraised.begin() + static_cast<std::ptrdiff_t>((i + 1) * c),
                     [](std::uint8_t a) { return a != 0; }))
      throw ValidationError("person '" + ratings.people[i].id + "' (" + s.position_codes[i] +
                                ") is appraised on no competency of framework '" + fw.id() + "'",
                            row_location(ratings.file, ratings.lines.empty() ? 0 : ratings.lines[i],
                                         "position", ratings.people[i].position));
  other_figures(ratings, results, s);
  BatchOutput out{s.gap, s.points, s.part, s.total, s.band};
  score_batch(n, c, s.held, s.expected, maxl,
              s.has_results ? std::span<const double>(s.results) : std::span<const double>(),
              options.rules, profile->scheme(), out, s.appraised, s.other);
  return s;
}

Assessment assessment_of(const RatingsTable& ratings, const EvidenceTable* evidence,
                         std::string_view person_id) {
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

}  // namespace samatthana
