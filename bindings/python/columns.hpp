#pragma once
// Helpers shared by the binding areas: Python str columns built straight from C++ cells, the
// dict samatthana.read_ratings (whole file or one chunk) builds its DataFrame from, and the rater
// options with the words of samatthana.score (the same rules as the CLI's --raters).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "samatthana/samatthana.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace samatthana::python {
namespace py = pybind11;

/// A 1-D numpy object array of `rows` Python str, cell i being `cell_of(i)` (a string_view).
/// `shared`: one str object per distinct value (units, positions and rater roles repeat a few).
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

/// One text column of a RatingsColumns.
inline py::array text_column(const RatingsColumns& t, RatingsColumns::Text col, bool shared) {
  return str_array(
      t.rows, [&](std::size_t i) { return t.cell(col, i); }, shared);
}

/// What samatthana.read_ratings builds its DataFrame from: str columns, competency ids, int8
/// levels (-1 = not rated; pandas Int8 <NA>), results when the file has them.
inline py::dict ratings_dict(const RatingsColumns& t, const Framework& fw) {
  const std::size_t n = t.rows, c = fw.size();
  py::array_t<std::int8_t> lv({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(c)});
  std::copy(t.levels.begin(), t.levels.end(), lv.mutable_data());
  py::dict d;
  d["person_id"] = text_column(t, RatingsColumns::person_id, false);
  d["name"] = text_column(t, RatingsColumns::name, false);
  d["unit"] = text_column(t, RatingsColumns::unit, true);
  d["position"] = text_column(t, RatingsColumns::position, true);
  if (t.has_raters) {
    d["rater_role"] = text_column(t, RatingsColumns::rater_role, true);
    d["rater_id"] = text_column(t, RatingsColumns::rater_id, true);
  }
  if (!t.offsets[RatingsColumns::job_line].empty())
    d["job_line"] = text_column(t, RatingsColumns::job_line, true);
  std::vector<std::string> ids;
  for (const auto& comp : fw.competencies()) ids.push_back(comp.id);
  d["competencies"] = ids;
  d["levels"] = lv;
  if (!t.results.empty())
    d["results"] = py::array_t<double>(static_cast<py::ssize_t>(n), t.results.data());
  if (!t.other.empty())  // the other part's column (docs/scoring.md, "Other part")
    d["other"] = py::array_t<double>(static_cast<py::ssize_t>(n), t.other.data());
  return d;
}

/// Rater mode ('supervisor' or 'weighted'), weights ({"supervisor": 50, ...}; roles not named
/// weigh 0; only with 'weighted') and rounding ('nearest' or 'down').
inline void set_rater_options(HeldLevelOptions& o, const std::string& raters,
                              const py::object& weights, const std::string& rounding) {
  if (raters != "supervisor" && raters != "weighted")
    throw ValidationError("raters must be 'supervisor' or 'weighted', not '" + raters + "'");
  o.raters = raters == "weighted" ? RaterMode::weighted : RaterMode::supervisor_only;
  if (rounding != "nearest" && rounding != "down")
    throw ValidationError("rater_rounding must be 'nearest' or 'down', not '" + rounding + "'");
  o.rounding = rounding == "down" ? RaterRounding::down : RaterRounding::nearest_half_up;
  if (weights.is_none()) return;
  if (o.raters != RaterMode::weighted)
    throw ValidationError("rater_weights needs raters='weighted'");
  std::vector<std::pair<std::string, double>> items;
  for (const auto& [key, value] : weights.cast<py::dict>())
    items.emplace_back(py::str(key).cast<std::string>(), value.cast<double>());
  o.weights = rater_weights_from(items, [](std::string_view role) {
    Location at;
    at.path = "rater_weights";
    if (!role.empty()) at.path += "." + std::string(role);
    at.value = std::string(role);
    return at;
  });
}

/// The `framework` argument of the Python API: None (the BMA core framework), a built-in id or
/// a samatthana.Framework.
inline std::shared_ptr<const Framework> framework_of_arg(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();
}

/// The `profile` argument: None (the framework's default profile) or a built-in profile id.
inline std::shared_ptr<const Profile> profile_of_arg(const py::object& p, const Framework& fw) {
  if (p.is_none()) return default_profile(fw);
  return profile(py::str(p).cast<std::string>());
}

/// A new C-contiguous numeric array of `shape` for a batch result. From 1 MB on (Linux) its memory
/// is a mapping of its own, 2 MB-aligned and advised for 2 MB pages (MADV_HUGEPAGE), freed
/// (munmap) with the array: a call's fresh memory is then faulted in 2 MB at a time instead of
/// 4 KB at a time. numpy advises only from 4 MB (a 1 MB array took 256 faults), and in this VM a
/// 4 KB fault costs about 11 us: score_arrays on 1M rows went from about 20 to 11-13 ms
/// (docs/performance.md, fourth round; score(df) unchanged). Numbers only: an object array that
/// does not own its memory would not release its references.
template <class T>
py::array_t<T> fresh_array(const std::vector<py::ssize_t>& shape) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  std::size_t count = 1;
  for (const py::ssize_t k : shape) count *= static_cast<std::size_t>(k);
  const std::size_t bytes = count * sizeof(T);
  constexpr std::size_t huge = std::size_t{2} << 20;
  if (bytes >= (std::size_t{1} << 20)) {
    const std::size_t len = (bytes + huge - 1) / huge * huge + huge;  // room to align
    void* p = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t aligned = (start + huge - 1) & ~(huge - 1);
    madvise(reinterpret_cast<void*>(aligned), len - (aligned - start), MADV_HUGEPAGE);
    struct Mapping {
      void* p;
      std::size_t len;
    };
    auto* m = new Mapping{p, len};
    const py::capsule owner(m, [](void* v) {
      auto* mapping = static_cast<Mapping*>(v);
      munmap(mapping->p, mapping->len);
      delete mapping;
    });
    return py::array_t<T>(shape, reinterpret_cast<T*>(aligned), owner);
  }
#endif
  return py::array_t<T>(shape);
}

/// score_arrays' outputs (score_batch's BatchOutput, include/samatthana/scoring.hpp) as new numpy
/// arrays written in place: gap and points n × c, part, total and band n. The one place that
/// makes them and the dict returned (score_arrays, the kernel's and the reference's test entries).
struct BatchArrays {
  /// The bytes of an array's buffer (for the shared-memory checks of `out`).
  static std::span<const std::byte> bytes_of(const py::array& a) {
    return {static_cast<const std::byte*>(a.data()), static_cast<std::size_t>(a.nbytes())};
  }
  static bool is_output(std::string_view key) {
    return key == "gap" || key == "points" || key == "part" || key == "total" || key == "band";
  }
  static bool overlap(std::span<const std::byte> a, std::span<const std::byte> b) {
    if (a.empty() || b.empty()) return false;
    const auto lo = [](auto s) { return reinterpret_cast<std::uintptr_t>(s.data()); };
    return lo(a) < lo(b) + b.size() && lo(b) < lo(a) + a.size();
  }
  [[noreturn]] static void shared(std::string_view output, std::string_view other,
                                  bool other_is_output) {
    Location at;
    at.path = "out['" + std::string(output) + "']";
    throw ValidationError(
        "shares memory with " +
            (other_is_output ? "out['" + std::string(other) + "']" : std::string(other)) +
            ": each output needs its own array, apart from the inputs",
        at);
  }
  /// out[key] as the array to write: exactly dtype T, shape (rows) or (rows, cols),
  /// C-contiguous, writeable; else a ValidationError naming out[key] and what is wrong.
  template <class T>
  static py::array_t<T> out_array(const py::dict& out, const char* key, std::size_t rows,
                                  std::size_t cols, int ndim) {
    Location at;
    at.path = std::string("out['") + key + "']";
    const std::string want_dtype = py::str(py::dtype::of<T>()).cast<std::string>();
    const std::string want_shape =
        ndim == 2 ? "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")"
                  : "(" + std::to_string(rows) + ",)";
    if (!out.contains(key))
      throw ValidationError("missing: out needs gap, points, part, total and band", at);
    const py::object v = out[key];
    if (!py::isinstance<py::array>(v))
      throw ValidationError("must be a numpy array (" + want_dtype + ", shape " + want_shape + ")",
                            at);
    const auto a = py::reinterpret_borrow<py::array>(v);
    at.value = "dtype " + py::str(a.dtype()).cast<std::string>() + ", shape " +
               py::str(py::getattr(a, "shape")).cast<std::string>();
    if (!a.dtype().is(py::dtype::of<T>()))
      throw ValidationError("must have dtype " + want_dtype + " (it is written, not converted)",
                            at);
    const bool shape_ok = a.ndim() == ndim && static_cast<std::size_t>(a.shape(0)) == rows &&
                          (ndim == 1 || static_cast<std::size_t>(a.shape(1)) == cols);
    if (!shape_ok) throw ValidationError("must have shape " + want_shape, at);
    if (!(a.flags() & py::array::c_style))
      throw ValidationError(
          "must be C-contiguous (np.ascontiguousarray makes a copy: pass the "
          "array to write)",
          at);
    if (!a.writeable()) throw ValidationError("must be writeable", at);
    return py::reinterpret_borrow<py::array_t<T>>(v);
  }
  py::array_t<std::int8_t> gap, band;
  py::array_t<double> points, part, total;
  std::size_t n, c;
  BatchArrays(std::size_t rows, std::size_t competencies)
      : gap(fresh_array<std::int8_t>(
            {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(competencies)})),
        band(fresh_array<std::int8_t>({static_cast<py::ssize_t>(rows)})),
        points(fresh_array<double>(
            {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(competencies)})),
        part(fresh_array<double>({static_cast<py::ssize_t>(rows)})),
        total(fresh_array<double>({static_cast<py::ssize_t>(rows)})),
        n(rows),
        c(competencies) {}
  /// Spans over the arrays (to fill without the GIL: only the raw buffers are touched).
  BatchOutput output() {
    return BatchOutput{{gap.mutable_data(), n * c},
                       {points.mutable_data(), n * c},
                       {part.mutable_data(), n},
                       {total.mutable_data(), n},
                       {band.mutable_data(), n}};
  }
  /// The caller's arrays of score_arrays' `out` (a dict with the five keys) to write into
  /// instead of new ones, each checked as it must be: a numpy array of exactly the dtype and
  /// shape above, C-contiguous and writeable (never converted: a copy would be written instead
  /// of the caller's array). `inputs` are the buffers the call reads (name, bytes): an output
  /// may share memory with none of them nor with another output (the kernel reads a row after
  /// writing the row before, so an alias would change what it reads).
  BatchArrays(const py::dict& out, std::size_t rows, std::size_t competencies,
              std::vector<std::pair<std::string, std::span<const std::byte>>> inputs)
      : gap(out_array<std::int8_t>(out, "gap", rows, competencies, 2)),
        band(out_array<std::int8_t>(out, "band", rows, 0, 1)),
        points(out_array<double>(out, "points", rows, competencies, 2)),
        part(out_array<double>(out, "part", rows, 0, 1)),
        total(out_array<double>(out, "total", rows, 0, 1)),
        n(rows),
        c(competencies) {
    for (const auto& key : out)
      if (!is_output(py::str(key.first).cast<std::string>())) {
        Location at;
        at.path = "out[" + py::repr(key.first).cast<std::string>() + "]";
        throw ValidationError("not an output of score_arrays (gap, points, part, total, band)", at);
      }
    const std::pair<const char*, std::span<const std::byte>> outs[] = {{"gap", bytes_of(gap)},
                                                                       {"points", bytes_of(points)},
                                                                       {"part", bytes_of(part)},
                                                                       {"total", bytes_of(total)},
                                                                       {"band", bytes_of(band)}};
    for (std::size_t i = 0; i < std::size(outs); ++i) {
      for (std::size_t j = i + 1; j < std::size(outs); ++j)
        if (overlap(outs[i].second, outs[j].second)) shared(outs[i].first, outs[j].first, true);
      for (const auto& [name, in] : inputs)
        if (overlap(outs[i].second, in)) shared(outs[i].first, name, false);
    }
  }
  py::dict dict() const {
    py::dict d;
    d["gap"] = gap;
    d["points"] = points;
    d["part"] = part;
    d["total"] = total;
    d["band"] = band;
    return d;
  }
};

/// What a scored DataFrame's attrs say of how it was scored, for both paths of scoring.score:
/// competency ids and band names in order, method, weight, profile and framework ids.
inline void scoring_metadata(py::dict& d, const Framework& fw, const Profile& prof,
                             const ScoringRules& rules) {
  std::vector<std::string> ids, bands;
  for (const auto& comp : fw.competencies()) ids.push_back(comp.id);
  for (const auto& b : prof.scheme().bands) bands.push_back(b.th);
  d["competencies"] = ids;
  d["bands"] = bands;
  d["method"] = std::string(to_string(rules.method));
  d["weight"] = rules.weight;
  d["profile"] = prof.id();
  d["framework"] = fw.id();
}

}  // namespace samatthana::python
