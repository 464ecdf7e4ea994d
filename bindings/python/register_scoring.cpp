// Scoring bindings: the columnar batch path over numpy arrays, and the DataFrame path: cells
// converted here (frame_cells.hpp), checked and assembled by the core's builders
// (samatthana/builders.hpp) and scored by score_cohort, as the CLI does with CSV files.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "batch_kernel.hpp"
#include "columns.hpp"
#include "frame_cells.hpp"
#include "read_options.hpp"
#include "registry.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

using I8 = py::array_t<std::int8_t, py::array::c_style | py::array::forcecast>;
using F64 = py::array_t<double, py::array::c_style | py::array::forcecast>;

Method to_method(const std::optional<std::string>& m, const Profile* prof) {
  if (!m) return prof && prof->data().method ? *prof->data().method : Method::bma;
  if (auto v = method_from_string(*m)) return *v;
  Location w;
  w.value = *m;
  throw ValidationError("unknown method (bma, bar, rating, ratio)", w);
}

/// A level array as int8: int8 arrays as they are (no copy when C-contiguous); any other dtype
/// only when every value is a whole number in int8's range (-128..127; score_batch checks the
/// levels themselves), never wrapped or truncated by a cast (256 is not level 0, 2.7 not 2).
I8 int8_levels(const py::array& a, const char* name) {
  if (a.dtype().is(py::dtype::of<std::int8_t>())) return I8::ensure(a);
  const F64 v = F64::ensure(a);
  if (!v) throw ValidationError(std::string(name) + " must be an array of whole-number levels");
  const double* p = v.data();
  for (py::ssize_t i = 0; i < v.size(); ++i) {
    if (p[i] == std::trunc(p[i]) && p[i] >= -128 && p[i] <= 127) continue;
    Location w;
    w.path = std::string(name) + "[" + std::to_string(v.ndim() == 2 ? i / v.shape(1) : i) +
             (v.ndim() == 2 ? ", " + std::to_string(i % v.shape(1)) : std::string()) + "]";
    w.value = Cell::of(p[i]).shown();
    throw ValidationError("a level is a whole number (0 up to the competency's highest level)", w);
  }
  return I8::ensure(a);
}

/// score_batch over consecutive slices of the rows at once (batch::threads_for: two from 100 000
/// rows on two cores, or the caller's `threads`; every row is independent, so the results are
/// the same). An error in any slice is raised by scoring the whole again on one thread: the first
/// error, with its row, as score_batch gives it.
void score_batch_parallel(std::size_t n, std::size_t c, std::span<const std::int8_t> h,
                          std::span<const std::int8_t> e, std::span<const int> maxl,
                          std::span<const double> r, const ScoringRules& rules,
                          const Scheme& scheme, const BatchOutput& out, int threads,
                          std::span<const double> o = {}) {
  const std::size_t parts = batch::threads_for(n, threads);
  if (parts == 1) return score_batch(n, c, h, e, maxl, r, rules, scheme, out, {}, o);
  auto cut = [](auto span, std::size_t from, std::size_t count) {
    return span.empty() ? span : span.subspan(from, count);
  };
  const bool ok = batch::in_parallel(n, parts, [&](std::size_t b, std::size_t end) {
    const std::size_t k = end - b;
    try {
      score_batch(k, c, h.subspan(b * c, k * c), e.subspan(b * c, k * c), maxl, cut(r, b, k), rules,
                  scheme,
                  BatchOutput{cut(out.gap, b * c, k * c), cut(out.points, b * c, k * c),
                              cut(out.part, b, k), cut(out.total, b, k), cut(out.band, b, k)},
                  {}, cut(o, b, k));
      return true;
    } catch (...) {
      return false;
    }
  });
  if (!ok) score_batch(n, c, h, e, maxl, r, rules, scheme, out, {}, o);
}

/// What score_arrays reads, checked and converted once.
struct BatchInput {
  BatchInput(I8 h, I8 e) : held(std::move(h)), expected(std::move(e)) {}
  I8 held, expected;
  std::size_t n = 0, c = 0;
  std::vector<int> max_level;
  std::optional<F64> results;
  std::optional<F64> other;  ///< the other part's figures (schemes with one), NaN = none
  Scheme scheme;
  ScoringRules rules;
  std::span<const std::int8_t> h() const { return {held.data(), n * c}; }
  std::span<const std::int8_t> e() const { return {expected.data(), n * c}; }
  std::span<const double> r() const {
    return results ? std::span<const double>(results->data(), n) : std::span<const double>();
  }
  std::span<const double> o() const {
    return other ? std::span<const double>(other->data(), n) : std::span<const double>();
  }
};

BatchInput batch_input(const py::array& held_arg, const py::array& expected_arg,
                       const py::object& max_level, const py::object& results,
                       const std::optional<std::string>& method, double weight, bool dpis_rounding,
                       bool ratio_cap, std::vector<double> rating_weights,
                       const py::object& profile_arg, const py::object& other) {
  BatchInput in(int8_levels(held_arg, "held"), int8_levels(expected_arg, "expected"));
  const I8& held = in.held;
  const I8& expected = in.expected;
  if (held.ndim() != 2 || expected.ndim() != 2 || held.shape(0) != expected.shape(0) ||
      held.shape(1) != expected.shape(1))
    throw ValidationError(
        "held and expected must be 2-D arrays of the same shape (people × competencies)");
  in.n = static_cast<std::size_t>(held.shape(0));
  in.c = static_cast<std::size_t>(held.shape(1));
  if (max_level.is_none()) {
    const Framework& fw = bma_core();
    if (fw.size() != in.c)
      throw ValidationError("give max_level (one per competency) for a non-BMA layout");
    for (const auto& comp : fw.competencies()) in.max_level.push_back(comp.max_level());
  } else {
    in.max_level = max_level.cast<std::vector<int>>();
  }
  if (!results.is_none()) {
    in.results = results.cast<F64>();
    if (in.results->ndim() != 1 || static_cast<std::size_t>(in.results->shape(0)) != in.n)
      throw ValidationError("results must be a 1-D array with one value per person");
  }
  if (!other.is_none()) {
    in.other = other.cast<F64>();
    if (in.other->ndim() != 1 || static_cast<std::size_t>(in.other->shape(0)) != in.n)
      throw ValidationError("other must be a 1-D array with one value per person");
  }
  std::shared_ptr<const Profile> prof;
  if (!profile_arg.is_none()) {
    prof = profile(py::str(profile_arg).cast<std::string>());
    in.scheme = prof->scheme();
  }
  in.rules.method = to_method(method, prof.get());
  in.rules.weight = weight;
  in.rules.dpis_rounding = dpis_rounding;
  in.rules.ratio_cap = ratio_cap;
  in.rules.rating_weights = std::move(rating_weights);
  return in;
}

/// score_arrays' `out`: the caller's arrays (a dict of gap, points, part, total, band), checked
/// against the inputs actually read (held and expected as int8, results and other as float64).
BatchArrays caller_arrays(const py::object& out, const BatchInput& in) {
  if (!py::isinstance<py::dict>(out)) {
    Location at;
    at.path = "out";
    throw ValidationError(
        "must be a dict of arrays (gap, points, part, total, band), as "
        "score_arrays returns",
        at);
  }
  const auto bytes = &BatchArrays::bytes_of;
  std::vector<std::pair<std::string, std::span<const std::byte>>> inputs{
      {"held", bytes(in.held)}, {"expected", bytes(in.expected)}};
  if (in.results) inputs.emplace_back("results", bytes(*in.results));
  if (in.other) inputs.emplace_back("other", bytes(*in.other));
  return BatchArrays(out.cast<py::dict>(), in.n, in.c, std::move(inputs));
}

/// How score_arrays scores: the batch kernel where it applies (batch_kernel.hpp), else
/// score_batch on threads; or, for tests, score_batch alone on one thread (the reference).
enum class BatchEngine : std::uint8_t { fastest, reference };

py::dict batch_with(BatchEngine engine, const py::array& held_arg, const py::array& expected_arg,
                    const py::object& max_level, const py::object& results,
                    const std::optional<std::string>& method, double weight, bool dpis_rounding,
                    bool ratio_cap, std::vector<double> rating_weights,
                    const py::object& profile_arg, int threads, const py::object& other,
                    const py::object& out_arg = py::none()) {
  const BatchInput in =
      batch_input(held_arg, expected_arg, max_level, results, method, weight, dpis_rounding,
                  ratio_cap, std::move(rating_weights), profile_arg, other);
  BatchArrays arrays = out_arg.is_none() ? BatchArrays(in.n, in.c) : caller_arrays(out_arg, in);
  const BatchOutput out = arrays.output();
  {
    // Safe to release the GIL: every Python object (the arrays, the profile) is owned by this
    // frame and kept alive until after the block; score_batch touches only the raw buffers and
    // C++ values, never a Python object. An exception unwinds through the guard, which takes the
    // GIL back before pybind11 translates it.
    py::gil_scoped_release release;
    // The kernel has no other part (Tables::make refuses such a scheme): other figures take
    // score_batch, which checks them against the scheme.
    if (engine == BatchEngine::reference)
      score_batch(in.n, in.c, in.h(), in.e(), in.max_level, in.r(), in.rules, in.scheme, out, {},
                  in.o());
    else if (in.other || !batch::score_row_major(in.n, in.c, in.h(), in.e(), in.max_level, in.r(),
                                                 in.rules, in.scheme, out, threads))
      score_batch_parallel(in.n, in.c, in.h(), in.e(), in.max_level, in.r(), in.rules, in.scheme,
                           out, threads, in.o());
  }
  return arrays.dict();
}

py::dict batch(const py::array& held_arg, const py::array& expected_arg,
               const py::object& max_level, const py::object& results,
               const std::optional<std::string>& method, double weight, bool dpis_rounding,
               bool ratio_cap, std::vector<double> rating_weights, const py::object& profile_arg,
               int threads, const py::object& other, const py::object& out) {
  return batch_with(BatchEngine::fastest, held_arg, expected_arg, max_level, results, method,
                    weight, dpis_rounding, ratio_cap, std::move(rating_weights), profile_arg,
                    threads, other, out);
}

py::dict batch_reference(const py::array& held_arg, const py::array& expected_arg,
                         const py::object& max_level, const py::object& results,
                         const std::optional<std::string>& method, double weight,
                         bool dpis_rounding, bool ratio_cap, std::vector<double> rating_weights,
                         const py::object& profile_arg, const py::object& other) {
  return batch_with(BatchEngine::reference, held_arg, expected_arg, max_level, results, method,
                    weight, dpis_rounding, ratio_cap, std::move(rating_weights), profile_arg, 1,
                    other);
}

// Member `field` of every person.
py::array str_column(const std::vector<Person>& people, std::string Person::*field, bool shared) {
  return str_array(
      people.size(), [&](std::size_t i) -> std::string_view { return people[i].*field; }, shared);
}

std::string_view trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// A frame's location for a column named as the builders name it (standard name or the header).
struct FrameWhere {
  const Frame& f;
  std::unordered_map<std::string, std::size_t> col_of;
  bool raw_ids = true;  ///< person_id errors show the cell as given (the CSV readers' choice)
  Location operator()(std::size_t row, std::string_view column, std::string_view value) const {
    const auto it = col_of.find(std::string(column));
    if (raw_ids && column == "person_id" && it != col_of.end()) {
      return f.where(row, it->second, Frame::text(f.columns[it->second][row]));
    }
    Location w = f.where(row, it == col_of.end() ? Frame::npos : it->second, value);
    if (w.path.empty()) w.path = std::string(column);
    return w;
  }
};

/// One row's cells read by the header's roles: levels into `lv`, the rest into the out-params.
struct RatingsRow {
  std::string id, name, unit, position, rater_id, job_line;
  RaterRole role = RaterRole::supervisor;
  double results = std::numeric_limits<double>::quiet_NaN();
  double other = std::numeric_limits<double>::quiet_NaN();
};
RatingsRow read_row(const Frame& f, const RatingsHeader& h, const Framework& fw, std::size_t r,
                    std::vector<std::int8_t>& lv) {
  RatingsRow row;
  std::fill(lv.begin(), lv.end(), std::int8_t{-1});
  for (std::size_t i = 0; i < f.headers.size(); ++i) {
    const Cell& cell = f.columns[i][r];
    switch (h.role[i]) {
      case RatingsColumn::competency: {
        const std::size_t j = h.competency[i];
        lv[j] = level_from_cell(cell, fw.competencies()[j], f.where(r, i, ""));
        break;
      }
      case RatingsColumn::person_id:
        row.id = Frame::text(cell);
        break;
      case RatingsColumn::name:
        row.name = Frame::text(cell);
        break;
      case RatingsColumn::unit:
        row.unit = Frame::text(cell);
        break;
      case RatingsColumn::position:
        row.position = Frame::text(cell);
        break;
      case RatingsColumn::results:
        row.results = results_from_cell(cell, EmptyResults::allowed, f.where(r, i, ""));
        break;
      case RatingsColumn::rater_role:
        row.role = rater_role_from_cell(Frame::text(cell), f.where(r, i, Frame::text(cell)));
        break;
      case RatingsColumn::rater_id:
        row.rater_id = std::string(trimmed(Frame::text(cell)));
        break;
      case RatingsColumn::job_line:
        row.job_line = Frame::text(cell);
        break;
      case RatingsColumn::other:
        row.other = other_from_cell(cell, f.where(r, i, ""));
        break;
    }
  }
  return row;
}

/// Locations of header errors: a header cell (path = its name), or a column missing (index =
/// the number of headers, the column's name as path).
std::function<Location(std::size_t, std::string_view)> header_where(const Frame& f) {
  return [&f](std::size_t i, std::string_view v) {
    if (i < f.headers.size()) return f.where(Frame::npos, i, v);
    Location w = f.where(Frame::npos, Frame::npos, "");
    w.path = std::string(v);
    return w;
  };
}

/// The ratings frame as a table, through the core's builders (PeopleBuilder, or RatingsBuilder
/// with rater columns): the CSV reader's checks, located in the frame.
RatingsTable ratings_of(const Frame& f, const std::shared_ptr<const Framework>& fw) {
  const RatingsHeader h = ratings_header(f.headers, *fw, header_where(f));
  FrameWhere at{f, {}};
  for (std::size_t i = 0; i < f.headers.size(); ++i)
    at.col_of.emplace(h.role[i] == RatingsColumn::competency
                          ? h.columns[h.competency[i]]
                          : std::string(ratings_column_name(h.role[i])),
                      i);
  std::optional<PeopleBuilder> people;
  std::optional<RatingsBuilder> raters;
  at.raw_ids = !h.has_raters;  // RatingsBuilder's errors show its values, as the CSV reader's
  if (h.has_raters)
    raters.emplace(fw, f.file, h.columns, h.has_results);
  else
    people.emplace(fw, f.file, h.columns, h.has_results);
  if (h.has_other) {  // the other part's column: its position names it in errors
    const auto col = static_cast<std::size_t>(
        std::find(h.role.begin(), h.role.end(), RatingsColumn::other) - h.role.begin());
    if (raters) raters->has_other(true, col + 1);
    if (people) people->has_other(true, col + 1);
  }
  if (people) people->reserve(f.rows);
  std::vector<std::int8_t> lv(fw->size());
  UnitCache units;
  for (std::size_t r = 0; r < f.rows; ++r) {
    RatingsRow row = read_row(f, h, *fw, r, lv);
    const auto where = [&](std::string_view column, std::string_view value) {
      return at(r, column, value);
    };
    Person p =
        person_from_cells(row.id, row.name, row.unit, row.position, row.job_line, where, &units);
    check_person_text("rater_id", row.rater_id, PersonCell::id, where);
    if (raters)
      raters->add(std::move(p), row.role, std::move(row.rater_id), lv, row.results, row.other,
                  Frame::line_of(r), where);
    else if (h.has_other)
      people->add(std::move(p), lv, row.results, row.other, Frame::line_of(r), where);
    else
      people->add(std::move(p), lv, row.results, Frame::line_of(r), where);
  }
  return raters ? std::move(*raters).finish() : std::move(*people).finish();
}

EvidenceTable evidence_of(const Frame& f, const std::shared_ptr<const Framework>& fw) {
  const EvidenceHeader h = evidence_header(f.headers, header_where(f));
  FrameWhere at{f,
                {{"person_id", h.person_id},
                 {"indicator_id", h.indicator_id},
                 {"observation", h.observation}}};
  EvidenceBuilder b(fw, f.file);
  for (std::size_t r = 0; r < f.rows; ++r) {
    const std::string evidence =
        h.evidence == EvidenceHeader::npos ? "" : Frame::text(f.columns[h.evidence][r]);
    b.add(Frame::text(f.columns[h.person_id][r]), Frame::text(f.columns[h.indicator_id][r]),
          Frame::text(f.columns[h.observation][r]), evidence, Frame::line_of(r),
          [&](std::string_view column, std::string_view value) { return at(r, column, value); });
  }
  return std::move(b).finish();
}

ResultsTable results_of(const Frame& f) {
  const ResultsHeader h = results_header(f.headers, header_where(f));
  FrameWhere at{f, {{"person_id", h.person_id}, {"results", h.results}}};
  ResultsBuilder b(f.file);
  const bool other = h.other != ResultsHeader::npos;
  if (other) {
    at.col_of.emplace("other", h.other);
    b.other_column(h.other + 1);
  }
  for (std::size_t r = 0; r < f.rows; ++r) {
    const auto where = [&](std::string_view column, std::string_view value) {
      return at(r, column, value);
    };
    if (other)
      b.add(Frame::text(f.columns[h.person_id][r]), f.columns[h.results][r], f.columns[h.other][r],
            Frame::line_of(r), where);
    else
      b.add(Frame::text(f.columns[h.person_id][r]), f.columns[h.results][r], Frame::line_of(r),
            where);
  }
  return std::move(b).finish();
}

/// A frame passed from Python as (headers, arrays), or none.
std::optional<Frame> frame_arg(std::string file, const py::object& arg, const py::handle& na,
                               const py::handle& np_bool) {
  if (arg.is_none()) return std::nullopt;
  const auto t = arg.cast<py::tuple>();
  return to_frame(std::move(file), t[0].cast<std::vector<std::string>>(), t[1].cast<py::list>(), na,
                  np_bool);
}

ScoringOptions scoring_options(const Profile& prof, const std::optional<std::string>& method,
                               const std::optional<double>& weight, const std::string& policy,
                               double threshold, const std::string& missing, bool ratio_cap,
                               bool dpis_rounding) {
  ScoringOptions opt;
  opt.rules.method = to_method(method, &prof);
  opt.rules.weight = weight.value_or(prof.scheme().competency_weight);
  opt.rules.ratio_cap = ratio_cap;
  opt.rules.dpis_rounding = dpis_rounding;
  const auto pol = level_policy_from_string(policy);
  if (!pol)
    throw ValidationError("unknown policy '" + policy + "' (auto, strict, threshold, rated)");
  opt.levels.policy = *pol;
  opt.levels.threshold = threshold;
  if (missing != "error" && missing != "zero")
    throw ValidationError("missing must be 'error' or 'zero'");
  opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  return opt;
}

/// What scoring.score returns to Python, from the cohort's scores.
py::dict scores_dict(const CohortScores& s, const ScoringOptions& opt, const std::string& raters) {
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
  scoring_metadata(d, *s.framework, *s.profile, opt.rules);
  d["position_code"] = s.position_codes;
  d["person_id"] = str_column(s.people, &Person::id, false);
  d["name"] = str_column(s.people, &Person::name, false);
  d["unit"] = str_column(s.people, &Person::unit, true);
  d["position"] = str_column(s.people, &Person::position, true);
  if (s.profile->has_sets()) {  // per-position sets: who is appraised on what, and the job lines
    d["job_line"] = str_column(s.people, &Person::job_line, true);
    d["appraised"] = arr2(s.appraised);
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
  d["has_other"] = s.has_other();
  if (s.has_other()) {  // the scheme's other part: the figure and its points
    d["other_weight"] = s.profile->scheme().other_weight;
    d["other"] = arr1(s.other);
    d["other_points"] = arr1(s.other_points);
  }
  d["total"] = arr1(s.total);
  d["band"] = arr1(s.band);
  d["policy"] = std::string(to_string(opt.levels.policy));
  d["raters"] = raters;
  return d;
}

/// Scores a DataFrame given as headers and one numpy array per column (what scoring.score
/// builds), with optional evidence and results frames as (headers, arrays). Converts the cells,
/// then, with the GIL released, builds the tables through the core's builders and scores them
/// with score_cohort: the CLI's checks and errors, located in the frames. `all_errors` N > 0:
/// score_cohort's collect mode (every scoring error, at most N, as one ImportErrors).
py::dict score_table(std::vector<std::string> headers, const py::list& columns,
                     const py::object& evidence, const py::object& results, const py::object& na,
                     const py::object& np_bool, const py::object& fw_arg,
                     const py::object& profile_arg, const std::optional<std::string>& method,
                     const std::optional<double>& weight, const std::string& policy,
                     double threshold, const std::string& missing, bool ratio_cap,
                     bool dpis_rounding, const std::string& raters, const py::object& rater_weights,
                     const std::string& rater_rounding, std::size_t all_errors) {
  auto fw = framework_of_arg(fw_arg);
  auto prof = profile_of_arg(profile_arg, *fw);
  ScoringOptions opt =
      scoring_options(*prof, method, weight, policy, threshold, missing, ratio_cap, dpis_rounding);
  set_rater_options(opt.levels, raters, rater_weights, rater_rounding);
  if (all_errors > 0) opt.all_errors = all_errors;  // every scoring error: one ImportErrors
  const Frame ratings = to_frame("<DataFrame>", std::move(headers), columns, na, np_bool);
  const std::optional<Frame> ef = frame_arg("<evidence DataFrame>", evidence, na, np_bool);
  const std::optional<Frame> rf = frame_arg("<results DataFrame>", results, na, np_bool);
  CohortScores s;
  bool with_raters = false;
  {
    // Safe without the GIL: the frames hold only C++ values and views of str objects they keep
    // alive; the builders and score_cohort touch no Python object.
    py::gil_scoped_release release;
    const RatingsTable t = ratings_of(ratings, fw);
    with_raters = t.has_raters();
    std::optional<EvidenceTable> et;
    if (ef) et = evidence_of(*ef, fw);
    std::optional<ResultsTable> rt;
    if (rf) rt = results_of(*rf);
    s = score_cohort(t, prof, {.evidence = input_ref(et), .results = input_ref(rt)}, opt);
  }
  py::dict d = scores_dict(s, opt, raters);
  d["has_raters"] = with_raters;
  return d;
}

py::dict read_ratings(const std::string& path, const py::object& fw_arg,
                      const std::string& encoding, const std::string& sheet) {
  auto fw = framework_of_arg(fw_arg);
  const ReadOptions how = read_options(encoding, sheet);
  RatingsColumns t;
  {
    py::gil_scoped_release release;  // file reading and parsing touch no Python object
    const ScopedReadOptions scope(how);
    t = load_ratings_columns(path, fw);
  }
  py::dict d = ratings_dict(t, *fw);
  py::gil_scoped_release release;  // freeing the buffers touches no Python object
  t = RatingsColumns{};
  return d;
}

py::dict read_evidence(const std::string& path, const py::object& fw_arg,
                       const std::string& encoding, const std::string& sheet) {
  auto fw = framework_of_arg(fw_arg);
  const ScopedReadOptions scope(read_options(encoding, sheet));
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

std::string plan(const py::object& fw_arg, const py::object& profile_arg,
                 const std::string& person_id, const std::string& position,
                 std::vector<std::string> competencies, std::vector<int> levels,
                 const std::string& name, const std::string& unit, bool thai_digits,
                 const std::string& job_line) {
  auto fw = framework_of_arg(fw_arg);
  auto prof = profile_of_arg(profile_arg, *fw);
  Assessment a;
  a.person = Person{person_id, name, unit, position, job_line};
  if (competencies.size() != levels.size()) throw ValidationError("one level per competency");
  for (std::size_t i = 0; i < levels.size(); ++i)
    a.ratings.push_back(Rating{competencies[i], levels[i], RaterRole::supervisor, "", ""});
  const PersonScore ps = score_person(*fw, *prof, a);
  return plan_text(*fw, ps, thai_digits ? text::Digits::thai : text::Digits::arabic);
}

// ---- explain: one person's held levels with their explanation ---------------------------------

/// The ratings of other raters as _explain takes them: four aligned lists.
struct RaterRatings {
  const std::vector<std::string>& competencies;
  const std::vector<int>& levels;
  const std::vector<std::string>& roles;
  const std::vector<std::string>& ids;
};

/// Rater `i`'s rating checked (role, competency, level) and turned into a Rating.
Rating rater_rating(const Framework& fw, const RaterRatings& r, std::size_t i) {
  Location where;
  where.path = "ratings[" + std::to_string(i) + "]";
  const auto role = rater_role_from_string(r.roles[i]);
  if (!role) {
    where.value = r.roles[i];
    throw ValidationError("not a rater role: supervisor, self, peer or subordinate", where);
  }
  const auto idx = fw.find(r.competencies[i]);
  if (!idx) {
    where.value = r.competencies[i];
    throw LookupError("not a competency of '" + fw.id() + "'", where);
  }
  const int maxl = fw.competencies()[*idx].max_level();
  if (r.levels[i] < 0 || r.levels[i] > maxl) {
    where.value = std::to_string(r.levels[i]);
    throw ValidationError("level must be 0.." + std::to_string(maxl), where);
  }
  return Rating{fw.competencies()[*idx].id, r.levels[i], *role, r.ids[i], ""};
}

/// The evidence of _explain (one observation per indicator, sizes checked).
void add_observations(Assessment& a, const std::vector<std::string>& indicator_ids,
                      const std::vector<std::string>& observations) {
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
}

/// The assessment _explain scores: the supervisor's levels (-1 = not rated), other raters'
/// ratings, and the evidence.
Assessment explain_assessment(const Framework& fw, Person person,
                              const std::vector<std::string>& competencies,
                              const std::vector<int>& levels, const RaterRatings& raters,
                              const std::vector<std::string>& indicator_ids,
                              const std::vector<std::string>& observations) {
  if (competencies.size() != levels.size()) throw ValidationError("one level per competency");
  if (indicator_ids.size() != observations.size())
    throw ValidationError("one observation per indicator");
  Assessment a;
  a.person = std::move(person);
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i] >= 0)
      a.ratings.push_back(Rating{competencies[i], levels[i], RaterRole::supervisor, "", ""});
  const std::size_t n = raters.competencies.size();
  if (raters.levels.size() != n || raters.roles.size() != n || raters.ids.size() != n)
    throw ValidationError("one level, rater_role and rater_id per rating");
  for (std::size_t i = 0; i < n; ++i) a.ratings.push_back(rater_rating(fw, raters, i));
  add_observations(a, indicator_ids, observations);
  return a;
}

/// One competency's score and the explanation of its held level, as _explain returns it.
py::dict explained(const Framework& fw, const CompetencyScore& cs) {
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
  d["level_title"] = fw.level_title(fw.competency(cs.competency), cs.held);
  d["notes"] = h.notes;
  return d;
}

// One person's held levels with their explanation, one dict per competency.
py::list explain(const py::object& fw_arg, const py::object& profile_arg,
                 const std::string& person_id, const std::string& position,
                 std::vector<std::string> competencies, std::vector<int> levels,
                 std::vector<std::string> indicator_ids, std::vector<std::string> observations,
                 const std::string& policy, double threshold, const std::string& missing,
                 std::vector<std::string> rating_competencies, std::vector<int> rating_levels,
                 std::vector<std::string> rating_roles, std::vector<std::string> rating_ids,
                 const std::string& raters, const py::object& rater_weights,
                 const std::string& rater_rounding, const std::optional<std::string>& method,
                 const std::optional<double>& weight, bool ratio_cap, bool dpis_rounding,
                 const std::string& job_line) {
  auto fw = framework_of_arg(fw_arg);
  auto prof = profile_of_arg(profile_arg, *fw);
  // The rules as score() takes them: method and weight default to the profile's.
  ScoringOptions opt =
      scoring_options(*prof, method, weight, policy, threshold, missing, ratio_cap, dpis_rounding);
  set_rater_options(opt.levels, raters, rater_weights, rater_rounding);
  const Assessment a =
      explain_assessment(*fw, Person{person_id, "", "", position, job_line}, competencies, levels,
                         RaterRatings{rating_competencies, rating_levels, rating_roles, rating_ids},
                         indicator_ids, observations);
  const PersonScore ps = score_person(*fw, *prof, a, opt);
  py::list out;
  for (const CompetencyScore& cs : ps.competencies) out.append(explained(*fw, cs));
  return out;
}

void register_scoring(py::module_& m) {
  m.def("_explain", &explain, py::arg("framework"), py::arg("profile"), py::arg("person_id"),
        py::arg("position"), py::arg("competencies"), py::arg("levels"), py::arg("indicator_ids"),
        py::arg("observations"), py::arg("policy"), py::arg("threshold"), py::arg("missing"),
        py::arg("rating_competencies") = std::vector<std::string>{},
        py::arg("rating_levels") = std::vector<int>{},
        py::arg("rating_roles") = std::vector<std::string>{},
        py::arg("rating_ids") = std::vector<std::string>{}, py::arg("raters") = "supervisor",
        py::arg("rater_weights") = py::none(), py::arg("rater_rounding") = "nearest",
        py::arg("method") = py::none(), py::arg("weight") = py::none(), py::arg("ratio_cap") = true,
        py::arg("dpis_rounding") = true, py::arg("job_line") = "");
  m.def("_score_batch", &batch, py::arg("held"), py::arg("expected"),
        py::arg("max_level") = py::none(), py::arg("results") = py::none(),
        py::arg("method") = py::none(), py::arg("weight") = 30.0, py::arg("dpis_rounding") = true,
        py::arg("ratio_cap") = true, py::arg("rating_weights") = std::vector<double>{},
        py::arg("profile") = py::none(), py::arg("threads") = 0, py::arg("other") = py::none(),
        py::arg("out") = py::none(),
        "Columnar scoring of n people × c competencies (int8 levels); returns gap, points, part, "
        "total, band (new arrays, or out's written in place). "
        "threads: 0 = two from 100 000 rows on two cores, n = at most n threads. other: the "
        "other part's figures (0..100, NaN = none) under a profile whose scheme has one.");
  m.def("_score_batch_reference", &batch_reference, py::arg("held"), py::arg("expected"),
        py::arg("max_level") = py::none(), py::arg("results") = py::none(),
        py::arg("method") = py::none(), py::arg("weight") = 30.0, py::arg("dpis_rounding") = true,
        py::arg("ratio_cap") = true, py::arg("rating_weights") = std::vector<double>{},
        py::arg("profile") = py::none(), py::arg("other") = py::none(),
        "For tests: _score_batch by the library's score_batch alone, on one thread (no batch "
        "kernel).");
  m.def(
      "_ratings_column_roles",
      [](const std::vector<std::string>& headers, const py::object& fw_arg) {
        // What each header names by the one header rule (builders: ratings_column): a standard
        // column's name ("person_id", ..., "job_line"), a competency's id, or None (unknown).
        const auto fw = framework_of_arg(fw_arg);
        py::list out;
        for (const auto& h : headers) {
          const auto col = ratings_column(h, *fw);
          if (!col)
            out.append(py::none());
          else if (col->role == RatingsColumn::competency)
            out.append(fw->competencies()[col->competency].id);
          else
            out.append(ratings_column_name(col->role));
        }
        return out;
      },
      py::arg("headers"), py::arg("framework"));
  m.def(
      "_profile_framework",
      [](const std::string& profile_arg) -> std::optional<std::string> {
        const auto p = profile(profile_arg);
        const auto& f = p->data().frameworks;
        if (f.size() == 1) return f.front();
        return std::nullopt;
      },
      py::arg("profile"), "The one framework id a profile is made for, or None");
  m.def(
      "_profile_has_sets",
      [](const py::object& fw_arg, const py::object& profile_arg) {
        const auto fw = framework_of_arg(fw_arg);
        return profile_of_arg(profile_arg, *fw)->has_sets();
      },
      py::arg("framework"), py::arg("profile"),
      "Whether the profile has per-position competency sets (score() then takes its general path)");
  m.def("_score_table", &score_table, py::arg("headers"), py::arg("columns"), py::arg("evidence"),
        py::arg("results"), py::arg("na"), py::arg("np_bool"), py::arg("framework"),
        py::arg("profile"), py::arg("method"), py::arg("weight"), py::arg("policy"),
        py::arg("threshold"), py::arg("missing"), py::arg("ratio_cap"), py::arg("dpis_rounding"),
        py::arg("raters") = "supervisor", py::arg("rater_weights") = py::none(),
        py::arg("rater_rounding") = "nearest", py::arg("all_errors") = 0);
  m.def("_read_ratings", &read_ratings, py::arg("path"), py::arg("framework") = py::none(),
        py::arg("encoding") = "auto", py::arg("sheet") = "");
  m.def("_read_evidence", &read_evidence, py::arg("path"), py::arg("framework") = py::none(),
        py::arg("encoding") = "auto", py::arg("sheet") = "");
  m.def("_plan", &plan, py::arg("framework"), py::arg("profile"), py::arg("person_id"),
        py::arg("position"), py::arg("competencies"), py::arg("levels"), py::arg("name") = "",
        py::arg("unit") = "", py::arg("thai_digits") = true, py::arg("job_line") = "");
  m.def("_round_dpis", &round_dpis, py::arg("x"), "round(round(x, 3), 2), halves away from zero");
}

const Area area("scoring", register_scoring);

}  // namespace
}  // namespace samatthana::python
