// Scoring bindings: the columnar batch path over numpy arrays, and a table-scoring shim that the
// Python layer (samatthana/scoring.py) turns into pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <string_view>
#include <unordered_map>
#include <limits>
#include <map>
#include <optional>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

using I8 = py::array_t<std::int8_t, py::array::c_style | py::array::forcecast>;
using F64 = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::shared_ptr<const Framework> to_framework(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();  // a samatthana.Framework
}
std::shared_ptr<const Profile> to_profile(const py::object& p, const Framework& fw) {
  if (p.is_none()) return default_profile(fw);
  return profile(py::str(p).cast<std::string>());
}
Method to_method(const std::optional<std::string>& m, const Profile* prof) {
  if (!m) return prof && prof->data().method ? *prof->data().method : Method::bma;
  if (auto v = method_from_string(*m)) return *v;
  Location w;
  w.value = *m;
  throw ValidationError("unknown method (bma, bar, rating, ratio)", w);
}

py::dict batch(const I8& held, const I8& expected, const py::object& max_level, const py::object& results,
               const std::optional<std::string>& method, double weight, bool dpis_rounding, bool ratio_cap,
               std::vector<double> rating_weights, const py::object& profile_arg) {
  if (held.ndim() != 2 || expected.ndim() != 2 || held.shape(0) != expected.shape(0) ||
      held.shape(1) != expected.shape(1))
    throw ValidationError("held and expected must be 2-D arrays of the same shape (people × competencies)");
  const auto n = static_cast<std::size_t>(held.shape(0)), c = static_cast<std::size_t>(held.shape(1));
  std::vector<int> maxl;
  if (max_level.is_none()) {
    const Framework& fw = bma_core();
    if (fw.size() != c) throw ValidationError("give max_level (one per competency) for a non-BMA layout");
    for (const auto& comp : fw.competencies()) maxl.push_back(comp.max_level());
  } else {
    maxl = max_level.cast<std::vector<int>>();
  }
  std::optional<F64> res;
  if (!results.is_none()) {
    res = results.cast<F64>();
    if (res->ndim() != 1 || static_cast<std::size_t>(res->shape(0)) != n)
      throw ValidationError("results must be a 1-D array with one value per person");
  }
  std::shared_ptr<const Profile> prof;
  Scheme scheme;
  if (!profile_arg.is_none()) {
    prof = profile(py::str(profile_arg).cast<std::string>());
    scheme = prof->scheme();
  }
  ScoringRules rules;
  rules.method = to_method(method, prof.get());
  rules.weight = weight;
  rules.dpis_rounding = dpis_rounding;
  rules.ratio_cap = ratio_cap;
  rules.rating_weights = std::move(rating_weights);

  const auto sn = static_cast<py::ssize_t>(n), sc = static_cast<py::ssize_t>(c);
  py::array_t<std::int8_t> gap({sn, sc});
  py::array_t<double> points({sn, sc});
  py::array_t<double> part(sn), total(sn);
  py::array_t<std::int8_t> band(sn);
  // Spans over the numpy buffers: inputs are read in place (no copy when they are already
  // C-contiguous int8/float64), outputs are written in place.
  std::span<const std::int8_t> h(held.data(), n * c), e(expected.data(), n * c);
  std::span<const double> r = res ? std::span<const double>(res->data(), n) : std::span<const double>();
  BatchOutput out{std::span<std::int8_t>(gap.mutable_data(), n * c),
                  std::span<double>(points.mutable_data(), n * c), std::span<double>(part.mutable_data(), n),
                  std::span<double>(total.mutable_data(), n), std::span<std::int8_t>(band.mutable_data(), n)};
  {
    // Safe to release the GIL: every Python object (the arrays, the profile) is owned by this
    // frame and kept alive until after the block; score_batch touches only the raw buffers and
    // C++ values, never a Python object. An exception unwinds through the guard, which takes the
    // GIL back before pybind11 translates it.
    py::gil_scoped_release release;
    score_batch(n, c, h, e, maxl, r, rules, scheme, out);
  }
  py::dict d;
  d["gap"] = gap;
  d["points"] = points;
  d["part"] = part;
  d["total"] = total;
  d["band"] = band;
  return d;
}

// A 1-D numpy object array of `rows` Python str, cell i being `cell_of(i)` (a string_view).
// `shared`: one str object per distinct value (unit, position and rater roles repeat a few values).
template <class CellOf>
py::array str_array(std::size_t rows, const CellOf& cell_of, bool shared) {
  const auto n = static_cast<py::ssize_t>(rows);
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{n});
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  std::unordered_map<std::string_view, PyObject*> seen;
  for (py::ssize_t i = 0; i < n; ++i) {
    const std::string_view v = cell_of(static_cast<std::size_t>(i));
    PyObject* obj = nullptr;
    if (shared) {
      if (auto it = seen.find(v); it != seen.end()) {
        obj = it->second;
        Py_INCREF(obj);
      }
    }
    if (!obj) {
      obj = PyUnicode_DecodeUTF8(v.data(), static_cast<Py_ssize_t>(v.size()), "strict");
      if (!obj) throw py::error_already_set();
      if (shared) seen.emplace(v, obj);
    }
    Py_XDECREF(slots[i]);  // a new object array holds None (or NULL) in every slot
    slots[i] = obj;
  }
  return out;
}

// Member `field` of every person.
py::array str_column(const std::vector<Person>& people, std::string Person::*field, bool shared) {
  return str_array(people.size(), [&](std::size_t i) -> std::string_view { return people[i].*field; }, shared);
}

/// Rater mode, weights ({"supervisor": 50, ...}; roles not named weigh 0) and rounding.
void set_rater_options(HeldLevelOptions& o, const std::string& raters, const py::object& weights,
                       const std::string& rounding) {
  if (raters != "supervisor" && raters != "weighted")
    throw ValidationError("raters must be 'supervisor' or 'weighted', not '" + raters + "'");
  o.raters = raters == "weighted" ? RaterMode::weighted : RaterMode::supervisor_only;
  if (rounding != "nearest" && rounding != "down")
    throw ValidationError("rater_rounding must be 'nearest' or 'down', not '" + rounding + "'");
  o.rounding = rounding == "down" ? RaterRounding::down : RaterRounding::nearest_half_up;
  if (weights.is_none()) return;
  RaterWeights w{0, 0, 0, 0};
  double sum = 0;
  for (const auto& [key, value] : weights.cast<std::map<std::string, double>>()) {
    const auto role = rater_role_from_string(key);
    Location at;
    at.path = "rater_weights." + key;
    if (!role) throw ValidationError("not a rater role (supervisor, self, peer, subordinate)", at);
    if (!(value >= 0) || !std::isfinite(value)) throw ValidationError("a rater weight is a number ≥ 0", at);
    (*role == RaterRole::supervisor ? w.supervisor : *role == RaterRole::self ? w.self
     : *role == RaterRole::peer     ? w.peer : w.subordinate) = value;
    sum += value;
  }
  if (!(sum > 0)) throw ValidationError("give at least one rater role a weight above 0");
  o.weights = w;
}

/// Scores a table given as columns (what scoring.score builds from a DataFrame).
py::dict score_table(std::vector<std::string> headers, const F64& levels, std::vector<std::string> person_id,
                     std::vector<std::string> name, std::vector<std::string> unit,
                     std::vector<std::string> position, const py::object& results, const py::object& evidence,
                     const py::object& fw_arg, const py::object& profile_arg,
                     const std::optional<std::string>& method, const std::optional<double>& weight,
                     const std::string& policy, double threshold, const std::string& missing,
                     bool ratio_cap, bool dpis_rounding, const py::object& rater_role,
                     const py::object& rater_id, const std::string& raters, const py::object& rater_weights,
                     const std::string& rater_rounding) {
  auto fw = to_framework(fw_arg);
  auto prof = to_profile(profile_arg, *fw);
  const std::size_t n = person_id.size(), k = headers.size(), c = fw->size();
  if (levels.ndim() != 2 || static_cast<std::size_t>(levels.shape(0)) != n ||
      static_cast<std::size_t>(levels.shape(1)) != k)
    throw ValidationError("levels must be a people × competency-columns array");
  if (name.size() != n || unit.size() != n || position.size() != n)
    throw ValidationError("person_id, name, unit and position must have the same length");
  RatingsTable t;
  t.file = "<DataFrame>";
  t.framework = fw;
  t.columns.assign(c, "");
  std::vector<std::size_t> col(k);
  for (std::size_t i = 0; i < k; ++i) {
    const auto idx = fw->find(headers[i]);
    if (!idx) {
      Location w;
      w.path = headers[i];
      w.value = headers[i];
      throw LookupError("unknown column: not a competency of '" + fw->id() + "'", w);
    }
    if (!t.columns[*idx].empty()) {
      Location w;
      w.path = headers[i];
      throw ValidationError("two columns name competency '" + fw->competencies()[*idx].id + "'", w);
    }
    t.columns[*idx] = headers[i];
    col[i] = *idx;
  }
  t.levels.assign(n * c, -1);
  const double* lv = levels.data();
  std::unordered_map<std::string_view, std::size_t> seen;
  // DataFrames with a rater_role column: one row per rater, assembled as the CSV reader does.
  const bool with_raters = !rater_role.is_none();
  std::vector<std::string> roles, rater_ids;
  if (with_raters) {
    roles = rater_role.cast<std::vector<std::string>>();
    rater_ids = rater_id.is_none() ? std::vector<std::string>(n) : rater_id.cast<std::vector<std::string>>();
    if (roles.size() != n || rater_ids.size() != n)
      throw ValidationError("rater_role and rater_id must have one value per row");
  }
  std::optional<RatingsBuilder> builder;
  std::vector<std::int8_t> row(c);
  if (with_raters) builder.emplace(fw, t.file, t.columns, !results.is_none());
  const double* rater_results = nullptr;  // with raters, results go into the table row by row
  std::optional<F64> results_array;
  if (with_raters && !results.is_none()) {
    results_array = results.cast<F64>();
    if (results_array->ndim() != 1 || static_cast<std::size_t>(results_array->shape(0)) != n)
      throw ValidationError("results must have one value per row");
    rater_results = results_array->data();
  }
  // Row r's levels into dest (indexed by competency); NaN is "not rated" and leaves dest as it is.
  auto read_levels = [&](std::size_t r, std::int8_t* dest) {
    for (std::size_t i = 0; i < k; ++i) {
      const double v = lv[r * k + i];
      if (std::isnan(v)) continue;
      const int maxl = fw->competencies()[col[i]].max_level();
      if (v != std::trunc(v) || v < 0 || v > maxl) {
        Location w;
        w.file = t.file;
        w.line = r + 1;
        w.path = headers[i];
        w.column = i + 1;
        w.value = std::to_string(v);
        throw ValidationError("level must be a whole number 0.." + std::to_string(maxl) + " (DataFrame row " +
                                  std::to_string(r) + ")",
                              w);
      }
      dest[col[i]] = static_cast<std::int8_t>(v);
    }
  };
  for (std::size_t r = 0; r < n; ++r) {
    Location w;
    w.file = t.file;
    w.line = r + 1;
    w.path = "person_id";
    w.value = person_id[r];
    if (person_id[r].empty()) throw ValidationError("person_id is empty (DataFrame row " + std::to_string(r) + ")", w);
    if (!with_raters && !seen.emplace(person_id[r], r).second)
      throw ValidationError("person_id given twice (DataFrame row " + std::to_string(r) +
                                "; several raters need a rater_role column)",
                            w);
    if (with_raters) {
      std::fill(row.begin(), row.end(), std::int8_t{-1});
      const auto role = rater_role_from_string(roles[r]);
      if (!role) {
        w.path = "rater_role";
        w.value = roles[r];
        throw ValidationError("not a rater role: supervisor, self, peer or subordinate (DataFrame row " +
                                  std::to_string(r) + ")",
                              w);
      }
      read_levels(r, row.data());
      const double res = rater_results ? rater_results[r] : std::numeric_limits<double>::quiet_NaN();
      builder->add(Person{person_id[r], name[r], unit[r], position[r]}, *role, rater_ids[r], row, res, r + 1,
                   [&](std::string_view column, std::string_view value) {
                     Location at;
                     at.file = t.file;
                     at.line = r + 1;
                     at.path = std::string(column);
                     at.value = std::string(value);
                     return at;
                   });
      continue;
    }
    read_levels(r, t.levels.data() + r * c);
    t.people.push_back(Person{person_id[r], name[r], unit[r], position[r]});
    t.lines.push_back(r + 1);
  }
  if (with_raters) t = std::move(*builder).finish();
  ResultsTable rt;
  const bool has_results = !results.is_none() && !with_raters;  // with raters: in the table
  if (has_results) {
    rt.file = "<results>";
    const F64 rv = results.cast<F64>();
    if (rv.ndim() != 1 || static_cast<std::size_t>(rv.shape(0)) != n)
      throw ValidationError("results must have one value per person");
    for (std::size_t r = 0; r < n; ++r) {
      const double v = rv.data()[r];
      if (std::isnan(v) || v < 0 || v > 100) {
        Location w;
        w.line = r + 1;
        w.path = "results";
        w.value = std::to_string(v);
        throw ValidationError("results must be 0..100 for every person (DataFrame row " + std::to_string(r) + ")", w);
      }
      rt.rows.emplace_back(person_id[r], v);
      rt.lines.push_back(r + 1);
    }
  }
  EvidenceTable et;
  const bool has_evidence = !evidence.is_none();
  if (has_evidence) {
    et.file = "<evidence>";
    auto [pids, inds, obs] = evidence.cast<std::tuple<std::vector<std::string>, std::vector<std::string>,
                                                      std::vector<std::string>>>();
    for (std::size_t r = 0; r < pids.size(); ++r) {
      Location w;
      w.file = et.file;
      w.line = r + 1;
      (void)fw->indicator(inds[r]);
      const auto o = observation_from_string(obs[r]);
      if (!o) {
        w.path = "observation";
        w.value = obs[r];
        throw ParseError("not an observation: shown, not_shown or not_observed", w);
      }
      et.rows.push_back(EvidenceRow{pids[r], inds[r], *o, "", r + 1});
    }
  }
  ScoringOptions opt;
  opt.rules.method = to_method(method, prof.get());
  opt.rules.weight = weight.value_or(prof->scheme().competency_weight);
  opt.rules.ratio_cap = ratio_cap;
  opt.rules.dpis_rounding = dpis_rounding;
  const auto pol = level_policy_from_string(policy);
  if (!pol) throw ValidationError("unknown policy '" + policy + "' (auto, strict, threshold, rated)");
  opt.levels.policy = *pol;
  opt.levels.threshold = threshold;
  if (missing != "error" && missing != "zero") throw ValidationError("missing must be 'error' or 'zero'");
  opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  set_rater_options(opt.levels, raters, rater_weights, rater_rounding);

  CohortScores s;
  {
    py::gil_scoped_release release;  // pure C++ on values owned by this frame
    s = score_cohort(t, has_evidence ? &et : nullptr, has_results ? &rt : nullptr, prof, opt);
  }
  auto arr2 = [&](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    py::array_t<T> a({static_cast<py::ssize_t>(s.n), static_cast<py::ssize_t>(s.c)});
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
  };
  auto arr1 = [&](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
  };
  py::dict d;
  std::vector<std::string> ids, bands;
  for (const auto& comp : fw->competencies()) ids.push_back(comp.id);
  for (const auto& b : prof->scheme().bands) bands.push_back(b.th);
  d["competencies"] = ids;
  d["bands"] = bands;
  d["position_code"] = s.position_codes;
  if (with_raters) {
    d["person_id"] = str_column(s.people, &Person::id, false);
    d["name"] = str_column(s.people, &Person::name, false);
    d["unit"] = str_column(s.people, &Person::unit, true);
    d["position"] = str_column(s.people, &Person::position, true);
  }
  d["held"] = arr2(s.held);
  d["expected"] = arr2(s.expected);
  d["gap"] = arr2(s.gap);
  d["points"] = arr2(s.points);
  d["source"] = arr2(s.source);
  d["flags"] = arr2(s.flags);
  d["part"] = arr1(s.part);
  d["has_results"] = s.has_results;
  d["results"] = arr1(s.results);
  d["total"] = arr1(s.total);
  d["band"] = arr1(s.band);
  d["method"] = std::string(to_string(opt.rules.method));
  d["policy"] = std::string(to_string(opt.levels.policy));
  d["raters"] = raters;
  d["weight"] = opt.rules.weight;
  d["profile"] = prof->id();
  d["framework"] = fw->id();
  return d;
}

// One text column of a RatingsColumns.
py::array text_column(const RatingsColumns& t, RatingsColumns::Text col, bool shared) {
  return str_array(t.rows, [&](std::size_t i) { return t.cell(col, i); }, shared);
}

py::dict read_ratings(const std::string& path, const py::object& fw_arg) {
  auto fw = to_framework(fw_arg);
  RatingsColumns t;
  {
    py::gil_scoped_release release;  // file reading and parsing touch no Python object
    t = load_ratings_columns(path, fw);
  }
  const std::size_t n = t.rows, c = fw->size();
  py::array_t<double> lv({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(c)});
  double* p = lv.mutable_data();
  for (std::size_t i = 0; i < n * c; ++i)
    p[i] = t.levels[i] < 0 ? std::numeric_limits<double>::quiet_NaN() : t.levels[i];
  py::dict d;
  // numpy object arrays of str built directly (pandas takes them as columns without another pass).
  d["person_id"] = text_column(t, RatingsColumns::person_id, false);
  d["name"] = text_column(t, RatingsColumns::name, false);
  d["unit"] = text_column(t, RatingsColumns::unit, true);
  d["position"] = text_column(t, RatingsColumns::position, true);
  if (t.has_raters) {
    d["rater_role"] = text_column(t, RatingsColumns::rater_role, true);
    d["rater_id"] = text_column(t, RatingsColumns::rater_id, true);
  }
  std::vector<std::string> ids;
  for (const auto& comp : fw->competencies()) ids.push_back(comp.id);
  d["competencies"] = ids;
  d["levels"] = lv;
  if (!t.results.empty()) d["results"] = py::array_t<double>(static_cast<py::ssize_t>(n), t.results.data());
  py::gil_scoped_release release;  // freeing the buffers touches no Python object
  t = RatingsColumns{};
  return d;
}

py::dict read_evidence(const std::string& path, const py::object& fw_arg) {
  auto fw = to_framework(fw_arg);
  const EvidenceTable t = load_evidence_csv(path, *fw);
  std::vector<std::string> pid, ind, obs, ev;
  for (const auto& r : t.rows) {
    pid.push_back(r.person_id);
    ind.push_back(r.indicator_id);
    obs.emplace_back(to_string(r.observation));
    ev.push_back(r.evidence);
  }
  py::dict d;
  d["person_id"] = pid;
  d["indicator_id"] = ind;
  d["observation"] = obs;
  d["evidence"] = ev;
  return d;
}

std::string plan(const py::object& fw_arg, const py::object& profile_arg, const std::string& person_id,
                 const std::string& position, std::vector<std::string> competencies, std::vector<int> levels,
                 const std::string& name, const std::string& unit, bool thai_digits) {
  auto fw = to_framework(fw_arg);
  auto prof = to_profile(profile_arg, *fw);
  Assessment a;
  a.person = Person{person_id, name, unit, position};
  if (competencies.size() != levels.size()) throw ValidationError("one level per competency");
  for (std::size_t i = 0; i < levels.size(); ++i)
    a.ratings.push_back(Rating{competencies[i], levels[i], RaterRole::supervisor, "", ""});
  const PersonScore ps = score_person(*fw, *prof, a);
  return plan_text(*fw, ps, thai_digits ? text::Digits::thai : text::Digits::arabic);
}

// One person's held levels with their explanation, one dict per competency.
py::list explain(const py::object& fw_arg, const py::object& profile_arg, const std::string& person_id,
                 const std::string& position, std::vector<std::string> competencies, std::vector<int> levels,
                 std::vector<std::string> indicator_ids, std::vector<std::string> observations,
                 const std::string& policy, double threshold, const std::string& missing,
                 std::vector<std::string> rating_competencies, std::vector<int> rating_levels,
                 std::vector<std::string> rating_roles, std::vector<std::string> rating_ids,
                 const std::string& raters, const py::object& rater_weights, const std::string& rater_rounding) {
  auto fw = to_framework(fw_arg);
  auto prof = to_profile(profile_arg, *fw);
  if (competencies.size() != levels.size()) throw ValidationError("one level per competency");
  if (indicator_ids.size() != observations.size()) throw ValidationError("one observation per indicator");
  Assessment a;
  a.person = Person{person_id, "", "", position};
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i] >= 0) a.ratings.push_back(Rating{competencies[i], levels[i], RaterRole::supervisor, "", ""});
  if (rating_levels.size() != rating_competencies.size() || rating_roles.size() != rating_competencies.size() ||
      rating_ids.size() != rating_competencies.size())
    throw ValidationError("one level, rater_role and rater_id per rating");
  for (std::size_t i = 0; i < rating_competencies.size(); ++i) {
    Location where;
    where.path = "ratings[" + std::to_string(i) + "]";
    const auto role = rater_role_from_string(rating_roles[i]);
    if (!role) {
      where.value = rating_roles[i];
      throw ValidationError("not a rater role: supervisor, self, peer or subordinate", where);
    }
    const auto idx = fw->find(rating_competencies[i]);
    if (!idx) {
      where.value = rating_competencies[i];
      throw LookupError("not a competency of '" + fw->id() + "'", where);
    }
    const int maxl = fw->competencies()[*idx].max_level();
    if (rating_levels[i] < 0 || rating_levels[i] > maxl) {
      where.value = std::to_string(rating_levels[i]);
      throw ValidationError("level must be 0.." + std::to_string(maxl), where);
    }
    a.ratings.push_back(Rating{fw->competencies()[*idx].id, rating_levels[i], *role, rating_ids[i], ""});
  }
  for (std::size_t i = 0; i < indicator_ids.size(); ++i) {
    const auto obs = observation_from_string(observations[i]);
    if (!obs) {
      Location where;
      where.path = "observation";
      where.value = observations[i];
      throw ValidationError("an observation is shown, not_shown or not_observed", where);
    }
    a.evidence.push_back(IndicatorEvidence{indicator_ids[i], *obs, "", RaterRole::supervisor, ""});
  }
  ScoringOptions opt;
  const auto pol = level_policy_from_string(policy);
  if (!pol) throw ValidationError("policy is auto, strict, threshold or rated, not '" + policy + "'");
  opt.levels.policy = *pol;
  opt.levels.threshold = threshold;
  opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  set_rater_options(opt.levels, raters, rater_weights, rater_rounding);
  const PersonScore ps = score_person(*fw, *prof, a, opt);
  py::list out;
  for (const CompetencyScore& cs : ps.competencies) {
    const HeldLevel& h = cs.detail;
    py::dict d;
    d["competency_id"] = cs.competency;
    d["held"] = cs.held;
    d["expected"] = cs.expected;
    d["gap"] = cs.gap;
    d["points"] = cs.points;
    d["source"] = std::string(to_string(h.source));
    d["rated"] = h.rated ? py::cast(*h.rated) : py::none();
    d["evidence_level"] = h.evidence_level ? py::cast(*h.evidence_level) : py::none();
    py::list held_levels;
    for (const auto& lc : h.levels)
      if (lc.holds) held_levels.append(lc.level);
    d["levels_holding"] = held_levels;
    d["missing"] = h.missing;
    d["shown_above_gap"] = h.shown_above_gap;
    d["rating_disagrees"] = h.rating_disagrees;
    py::list seen;
    for (const auto& r : h.ratings)
      seen.append(py::make_tuple(std::string(to_string(r.role)), r.rater_id, r.level, r.counted));
    d["ratings"] = seen;
    d["level_title"] = fw->level_title(fw->competency(cs.competency), cs.held);
    d["notes"] = h.notes;
    out.append(d);
  }
  return out;
}

void register_scoring(py::module_& m) {
  m.def("_explain", &explain, py::arg("framework"), py::arg("profile"), py::arg("person_id"),
        py::arg("position"), py::arg("competencies"), py::arg("levels"), py::arg("indicator_ids"),
        py::arg("observations"), py::arg("policy"), py::arg("threshold"), py::arg("missing"),
        py::arg("rating_competencies") = std::vector<std::string>{}, py::arg("rating_levels") = std::vector<int>{},
        py::arg("rating_roles") = std::vector<std::string>{}, py::arg("rating_ids") = std::vector<std::string>{},
        py::arg("raters") = "supervisor", py::arg("rater_weights") = py::none(),
        py::arg("rater_rounding") = "nearest");
  m.def("_score_batch", &batch, py::arg("held"), py::arg("expected"), py::arg("max_level") = py::none(),
        py::arg("results") = py::none(), py::arg("method") = py::none(), py::arg("weight") = 30.0,
        py::arg("dpis_rounding") = true, py::arg("ratio_cap") = true,
        py::arg("rating_weights") = std::vector<double>{}, py::arg("profile") = py::none(),
        "Columnar scoring of n people × c competencies (int8 levels); returns gap, points, part, total, band.");
  m.def("_score_table", &score_table, py::arg("headers"), py::arg("levels"), py::arg("person_id"),
        py::arg("name"), py::arg("unit"), py::arg("position"), py::arg("results"), py::arg("evidence"),
        py::arg("framework"), py::arg("profile"), py::arg("method"), py::arg("weight"), py::arg("policy"),
        py::arg("threshold"), py::arg("missing"), py::arg("ratio_cap"), py::arg("dpis_rounding"),
        py::arg("rater_role") = py::none(), py::arg("rater_id") = py::none(), py::arg("raters") = "supervisor",
        py::arg("rater_weights") = py::none(), py::arg("rater_rounding") = "nearest");
  m.def("_read_ratings", &read_ratings, py::arg("path"), py::arg("framework") = py::none());
  m.def("_read_evidence", &read_evidence, py::arg("path"), py::arg("framework") = py::none());
  m.def("_plan", &plan, py::arg("framework"), py::arg("profile"), py::arg("person_id"), py::arg("position"),
        py::arg("competencies"), py::arg("levels"), py::arg("name") = "", py::arg("unit") = "",
        py::arg("thai_digits") = true);
  m.def("_round_dpis", &round_dpis, py::arg("x"), "round(round(x, 3), 2), halves away from zero");
}

const Area area("scoring", register_scoring);

}  // namespace
}  // namespace samatthana::python
