// The columnar fast path of scoring.score(df) and the vectorised position → expected-levels
// lookup. A DataFrame is read column by column (numpy arrays, pandas Categorical codes), never a
// Python object per cell: text cells are looked at once per distinct value, ids are checked for
// duplicates by a radix sort of their hashes, and scoring runs with the GIL released.
//
// The fast path decides nothing on its own: it applies the same functions as the table path
// (register_scoring.cpp: ratings_header, person_id_from_cell, check_person_text, text::normalize,
// Profile::find, score_batch) to well-formed input only. At the first cell it cannot take as it is
// (text in a level column, an empty level or result, a duplicate id, an unknown position, ...)
// it returns None and scoring.score() takes the table path, which gives the located error or the
// same result. See docs/performance.md.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "registry.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

/// Not for the fast path: the caller takes the table path, which says why (or scores the same).
struct NotFast {};

std::shared_ptr<const Framework> framework_of(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();
}
std::shared_ptr<const Profile> profile_of(const py::object& p, const Framework& fw) {
  if (p.is_none()) return default_profile(fw);
  return profile(py::str(p).cast<std::string>());
}

/// A str's text as UTF-8 without copying when it is ASCII (its data is then UTF-8 already).
std::string_view utf8(PyObject* s) {
  if (PyUnicode_IS_ASCII(s))
    return {static_cast<const char*>(PyUnicode_DATA(s)),
            static_cast<std::size_t>(PyUnicode_GET_LENGTH(s))};
  Py_ssize_t len = 0;
  const char* p = PyUnicode_AsUTF8AndSize(s, &len);
  if (!p) {
    PyErr_Clear();
    throw NotFast{};  // a lone surrogate: the table path says so
  }
  return {p, static_cast<std::size_t>(len)};
}

/// An empty cell of an object column: None, NaN, pd.NA.
bool empty_cell(PyObject* o, PyObject* na) {
  return o == Py_None || o == na || (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o)));
}

/// A text column as its distinct values and, per row, the index of its value. Categorical
/// columns come as (codes, categories); object columns are read once per row by object identity
/// (read_csv gives repeated texts as one object), then by content.
struct Distinct {
  std::vector<PyObject*> values;  ///< borrowed: the arrays passed in keep them alive
  std::vector<std::int32_t> row;
};

Distinct distinct_categorical(const py::tuple& t, std::size_t n) {
  Distinct d;
  const auto codes =
      py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(t[0]);
  const py::array cats = py::reinterpret_borrow<py::array>(t[1]);
  if (!codes || static_cast<std::size_t>(codes.size()) != n || cats.dtype().kind() != 'O')
    throw NotFast{};
  auto* const* cv = static_cast<PyObject* const*>(cats.data());
  d.values.assign(cv, cv + cats.size());
  d.row.assign(codes.data(), codes.data() + n);
  for (const std::int32_t c : d.row)
    if (c < 0) throw NotFast{};  // a missing value: the table path decides what it means
  return d;
}

Distinct distinct_objects(const py::array& a) {
  Distinct d;
  const auto n = static_cast<std::size_t>(a.size());
  auto* const* v = static_cast<PyObject* const*>(a.data());
  d.row.resize(n);
  struct Seen {
    PyObject* object = nullptr;
    std::int32_t index = -1;
  };
  std::vector<Seen> recent(1024);  // by object address: a repeated object costs one compare
  py::dict by_text;                // the rest by content
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* o = v[i];
    Seen& r = recent[(reinterpret_cast<std::uintptr_t>(o) >> 4) & 1023];
    if (r.object != o) {
      if (!PyUnicode_Check(o)) throw NotFast{};
      PyObject* seen = PyDict_GetItemWithError(by_text.ptr(), o);
      std::int32_t index;
      if (seen) {
        index = static_cast<std::int32_t>(PyLong_AsLong(seen));
      } else {
        if (PyErr_Occurred()) throw py::error_already_set();
        index = static_cast<std::int32_t>(d.values.size());
        d.values.push_back(o);
        by_text[py::handle(o)] = index;
      }
      r = Seen{o, index};
    }
    d.row[i] = r.index;
  }
  return d;
}

Distinct distinct_of(const py::handle& column, std::size_t n) {
  if (py::isinstance<py::tuple>(column)) return distinct_categorical(column.cast<py::tuple>(), n);
  const py::array a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n || a.dtype().kind() != 'O')
    throw NotFast{};
  return distinct_objects(a);
}

/// A new reference to the str of `text`, or to `original` when that is its text already.
PyObject* str_for(std::string_view text, PyObject* original) {
  if (original && PyUnicode_Check(original)) {
    const std::string_view o = utf8(original);
    if (o == text) {
      Py_INCREF(original);
      return original;
    }
  }
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict");
  if (!s) throw py::error_already_set();
  return s;
}

std::string_view trim_tabs_spaces(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

const CellWhere& no_where() {
  static const CellWhere w = [](std::string_view, std::string_view) -> Location {
    throw NotFast{};
  };
  return w;
}

/// The output objects of a person text column (name, unit, position) per distinct value.
/// `kind` selects the rule of person_from_cells: name and position trimmed, unit normalised.
enum class PersonText : std::uint8_t { name, unit, position };
std::vector<py::object> person_texts(const Distinct& d, PersonText kind, PyObject* na,
                                     std::vector<std::string>* plain) {
  static const char* const column[] = {"name", "unit", "position"};
  std::vector<py::object> out;
  out.reserve(d.values.size());
  for (PyObject* o : d.values) {
    std::string_view t;
    if (!empty_cell(o, na)) {
      if (!PyUnicode_Check(o)) throw NotFast{};
      t = utf8(o);
    }
    check_person_text(column[static_cast<int>(kind)], t, PersonCell::text, no_where());
    const std::string v =
        kind == PersonText::unit ? text::normalize(t) : std::string(trim_tabs_spaces(t));
    if (plain) plain->push_back(v);
    out.push_back(py::reinterpret_steal<py::object>(str_for(v, empty_cell(o, na) ? nullptr : o)));
  }
  return out;
}

/// No control character but tab and line breaks (check_person_text's rule for names).
template <class C>
bool plain_text(const C* p, Py_ssize_t len) {
  bool ok = true;
  for (Py_ssize_t k = 0; k < len; ++k) {
    const auto cp = static_cast<std::uint32_t>(p[k]);
    ok &= (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0x7F;
  }
  return ok;
}

/// A name cell as person_from_cells keeps it (control characters refused, spaces and tabs
/// around it trimmed), read from the str's own characters: no UTF-8 copy of a million names.
/// A new reference: the cell itself when nothing is trimmed.
PyObject* name_of(PyObject* o, PyObject* na, PyObject* empty) {
  if (empty_cell(o, na)) {
    Py_INCREF(empty);
    return empty;
  }
  if (!PyUnicode_Check(o)) throw NotFast{};
  const int kind = PyUnicode_KIND(o);
  const void* data = PyUnicode_DATA(o);
  const Py_ssize_t len = PyUnicode_GET_LENGTH(o);
  if (len * 4 > 65536) throw NotFast{};  // maybe too long: the table path measures it
  const bool clean =
      kind == PyUnicode_1BYTE_KIND   ? plain_text(static_cast<const Py_UCS1*>(data), len)
      : kind == PyUnicode_2BYTE_KIND ? plain_text(static_cast<const Py_UCS2*>(data), len)
                                     : plain_text(static_cast<const Py_UCS4*>(data), len);
  if (!clean) throw NotFast{};
  Py_ssize_t b = 0, e = len;
  auto space = [&](Py_ssize_t k) {
    const Py_UCS4 cp = PyUnicode_READ(kind, data, k);
    return cp == ' ' || cp == '\t';
  };
  while (b < e && space(b)) ++b;
  while (e > b && space(e - 1)) --e;
  if (b == 0 && e == len) {
    Py_INCREF(o);
    return o;
  }
  PyObject* t = PyUnicode_Substring(o, b, e);
  if (!t) throw py::error_already_set();
  return t;
}

/// The name column's output objects, one new reference per row.
std::vector<PyObject*> read_names(const py::handle& column, std::size_t n, PyObject* na) {
  std::vector<PyObject*> out;
  if (py::isinstance<py::tuple>(column)) throw NotFast{};
  const py::array a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n || a.dtype().kind() != 'O')
    throw NotFast{};
  auto* const* v = static_cast<PyObject* const*>(a.data());
  const py::str empty("");
  out.reserve(n);
  try {
    for (std::size_t i = 0; i < n; ++i) out.push_back(name_of(v[i], na, empty.ptr()));
  } catch (...) {
    for (PyObject* o : out) Py_DECREF(o);
    throw;
  }
  return out;
}

std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 32);
}

/// Whether two keys are equal: hashes sorted by an LSD radix sort (sequential memory, unlike a
/// hash table of a million ids), equal neighbours compared by their text.
bool has_duplicate(const std::vector<std::string_view>& keys) {
  const std::size_t n = keys.size();
  std::vector<std::uint64_t> h(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) h[i] = hash_bytes(keys[i]);
  const std::vector<std::uint64_t> by_row = h;
  for (int shift = 31; shift < 64; shift += 11) {  // the top 33 bits, 11 at a time
    std::vector<std::size_t> count(2049, 0);
    for (const std::uint64_t x : h) ++count[((x >> shift) & 0x7FF) + 1];
    for (std::size_t b = 0; b < 2048; ++b) count[b + 1] += count[b];
    for (const std::uint64_t x : h) tmp[count[(x >> shift) & 0x7FF]++] = x;
    h.swap(tmp);
  }
  std::unordered_map<std::uint64_t, std::vector<std::string_view>> same_hash;
  for (std::size_t i = 0; i < n;) {  // runs of equal top bits are short: sort each fully
    std::size_t e = i + 1;
    while (e < n && (h[e] >> 31) == (h[i] >> 31)) ++e;
    if (e - i > 1) {
      std::sort(h.begin() + static_cast<std::ptrdiff_t>(i),
                h.begin() + static_cast<std::ptrdiff_t>(e));
      for (std::size_t k = i + 1; k < e; ++k)
        if (h[k] == h[k - 1]) same_hash.emplace(h[k], std::vector<std::string_view>{});
    }
    i = e;
  }
  if (same_hash.empty()) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (auto it = same_hash.find(by_row[i]); it != same_hash.end()) {
      for (const auto& k : it->second)
        if (k == keys[i]) return true;
      it->second.push_back(keys[i]);
    }
  return false;
}

/// The person_id column: per row the key as person_id_from_cell makes it and its output str.
struct Ids {
  std::vector<std::string_view> keys;
  std::vector<std::string> owned;  ///< keys that differ from the cell (normalised)
  std::vector<PyObject*> objects;  ///< new references
  ~Ids() {
    for (PyObject* o : objects) Py_XDECREF(o);
  }
};

bool plain_ascii_id(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (const char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

void read_ids(const py::handle& column, std::size_t n, Ids& ids) {
  if (py::isinstance<py::tuple>(column)) throw NotFast{};
  const py::array a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n || a.dtype().kind() != 'O')
    throw NotFast{};
  auto* const* v = static_cast<PyObject* const*>(a.data());
  ids.keys.resize(n);
  ids.objects.assign(n, nullptr);
  std::vector<std::pair<std::size_t, std::string>> changed;
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* o = v[i];
    if (!PyUnicode_Check(o)) throw NotFast{};
    const std::string_view s = utf8(o);
    if (PyUnicode_IS_ASCII(o) && plain_ascii_id(s)) {
      ids.keys[i] = s;
      Py_INCREF(o);
      ids.objects[i] = o;
      continue;
    }
    std::string k = person_id_from_cell("person_id", s, no_where());
    if (k.empty()) throw NotFast{};
    ids.objects[i] = str_for(k, o);
    if (k == s)
      ids.keys[i] = s;
    else
      changed.emplace_back(i, std::move(k));
  }
  ids.owned.reserve(changed.size());
  for (auto& [i, k] : changed) {
    ids.owned.push_back(std::move(k));
    ids.keys[i] = ids.owned.back();
  }
}

/// A level column as int8 levels 0..max into `out` (n); anything else (empty, fraction, text,
/// bool) is not fast.
template <class T>
void levels_from(const py::array& a, int max_level, std::int8_t* out) {
  const auto v = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a);
  if (!v) throw NotFast{};
  const T* x = v.data();
  const auto n = static_cast<std::size_t>(v.size());
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    ok &= x[i] >= 0 && x[i] <= max_level;
    out[i] = static_cast<std::int8_t>(ok ? x[i] : 0);
  }
  if constexpr (std::is_floating_point_v<T>)
    for (std::size_t i = 0; i < n; ++i) ok &= x[i] == static_cast<T>(out[i]);
  if (!ok) throw NotFast{};
}

void read_levels(const py::handle& column, std::size_t n, const Competency& comp,
                 std::int8_t* out) {
  if (py::isinstance<py::tuple>(column)) throw NotFast{};
  const py::array a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n) throw NotFast{};
  const int m = comp.max_level();
  const auto size = a.dtype().itemsize();
  switch (a.dtype().kind()) {
    case 'i':
      if (size == 1) return levels_from<std::int8_t>(a, m, out);
      if (size == 2) return levels_from<std::int16_t>(a, m, out);
      if (size == 4) return levels_from<std::int32_t>(a, m, out);
      return levels_from<std::int64_t>(a, m, out);
    case 'u':
      if (size == 1) return levels_from<std::uint8_t>(a, m, out);
      return levels_from<std::int64_t>(a, m,
                                       out);  // forcecast: values above int64 are not levels either
    case 'f':
      return levels_from<double>(a, m, out);
    default:
      throw NotFast{};  // bool, object (text levels): the table path reads or refuses them
  }
}

std::vector<double> read_results(const py::handle& column, std::size_t n) {
  if (py::isinstance<py::tuple>(column)) throw NotFast{};
  const py::array a = py::reinterpret_borrow<py::array>(column);
  const char k = a.dtype().kind();
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n ||
      (k != 'i' && k != 'u' && k != 'f'))
    throw NotFast{};
  const auto v = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  std::vector<double> r(v.data(), v.data() + n);
  for (const double x : r)
    if (!(x >= 0 && x <= 100)) throw NotFast{};  // empty (NaN) or out of range
  return r;
}

/// What the fast path needs of the options: the table path's defaults and checks.
struct FastOptions {
  std::shared_ptr<const Framework> fw;
  std::shared_ptr<const Profile> prof;
  ScoringRules rules;
};

FastOptions fast_options(const py::object& fw_arg, const py::object& profile_arg,
                         const std::optional<std::string>& method,
                         const std::optional<double>& weight, bool ratio_cap, bool dpis_rounding) {
  FastOptions o;
  o.fw = framework_of(fw_arg);
  o.prof = profile_of(profile_arg, *o.fw);
  o.prof->check(*o.fw);
  if (method) {
    const auto m = method_from_string(*method);
    if (!m) throw NotFast{};
    o.rules.method = *m;
  } else {
    o.rules.method = o.prof->data().method ? *o.prof->data().method : Method::bma;
  }
  o.rules.weight = weight.value_or(o.prof->scheme().competency_weight);
  o.rules.ratio_cap = ratio_cap;
  o.rules.dpis_rounding = dpis_rounding;
  o.rules.validate(o.fw->size());
  return o;
}

/// Expected levels and DPIS code per distinct position (trimmed as person_from_cells does).
struct Positions {
  std::vector<py::object> shown;      ///< the position column's output str
  std::vector<py::object> code;       ///< position_code str
  std::vector<std::int8_t> expected;  ///< distinct × c
};
Positions positions_of(const Distinct& d, const Framework& fw, const Profile& prof, PyObject* na,
                       bool located) {
  Positions p;
  std::vector<std::string> plain;
  p.shown = person_texts(d, PersonText::position, na, &plain);
  std::unordered_map<std::string, py::object> codes;
  for (std::size_t k = 0; k < plain.size(); ++k) {
    const PositionProfile* pp = prof.find(plain[k]);
    if (!pp) {
      if (!located) throw NotFast{};
      (void)prof.position(plain[k]);  // throws the LookupError listing the known positions
    }
    auto it = codes.find(pp->code);
    if (it == codes.end()) it = codes.emplace(pp->code, py::str(pp->code)).first;
    p.code.push_back(it->second);
    for (const auto& comp : fw.competencies())
      p.expected.push_back(static_cast<std::int8_t>(pp->expected_for(comp.id)));
  }
  return p;
}

/// Per-row object column of a block: `objects[row_index[i]]`.
void fill_objects(PyObject** dst, const std::vector<std::int32_t>& row,
                  const std::vector<py::object>& objects) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    PyObject* o = objects[static_cast<std::size_t>(row[i])].ptr();
    Py_INCREF(o);
    Py_XDECREF(dst[i]);
    dst[i] = o;
  }
}

/// round_half_away(x, places) without the library's round and trunc calls, the same value: for
/// |y| < 2^52 the truncation t = (double)(int64)y is exact, so is y − t, and std::round(y) is
/// t ± 1 exactly when |y − t| ≥ 0.5; larger values (none in 0..100) take round_half_away itself.
inline double round_half_away_fast(double x, int places) {
  constexpr double p10[] = {1, 10, 100, 1e3};
  if (places < 0 || places > 3) return round_half_away(x, places);
  const double f = p10[places];
  const double y = x * f;
  if (!(std::fabs(y) < 4503599627370496.0)) return round_half_away(x, places);
  const double t = std::copysign(static_cast<double>(static_cast<std::int64_t>(y)), y);
  const double frac = std::fabs(y - t);
  const double away = t + (y < 0 ? -1.0 : 1.0);
  double r = frac >= 0.5 ? away : t;
  if (std::fabs(frac - 0.5) < 1e-9 * std::max(1.0, std::fabs(y))) r = away;
  return r / f;
}
/// Scheme::total with the rounding above: the same value.
inline double total_fast(const Scheme& scheme, double results, double part) {
  const double x = results * scheme.results_weight / 100.0 + part;
  return round_half_away_fast(round_half_away_fast(x, 3), 2);
}

/// score_batch's loop (the same helpers, in the same order per person) over column-major blocks:
/// block row 3j held, 3j+1 expected, 3j+2 gap of competency j; float64 row 0 part, 1+j points.
/// Rows [begin, end): their expected levels (`expected_of` per distinct position, `position_of`
/// per row) into the blocks, then their scores.
struct Rows {
  std::size_t begin, end;
  const std::int8_t* expected_of;
  const std::int32_t* position_of;
};
void score_columns(std::size_t n, std::size_t c, std::int8_t* b8, double* bf,
                   const std::vector<double>& results, std::int8_t* band, const FastOptions& o,
                   const Rows& rows) {
  for (std::size_t i = rows.begin; i < rows.end; ++i) {
    const std::int8_t* e = rows.expected_of + static_cast<std::size_t>(rows.position_of[i]) * c;
    for (std::size_t j = 0; j < c; ++j) b8[(3 * j + 1) * n + i] = e[j];
  }
  const Framework& fw = *o.fw;
  std::vector<int> maxl;
  for (const auto& comp : fw.competencies()) maxl.push_back(comp.max_level());
  const detail::PointsTable pts(o.rules.method, maxl);
  detail::PartCache cache(o.rules, maxl);
  const Scheme& scheme = o.prof->scheme();
  std::vector<const std::int8_t*> held(c), expected(c);
  std::vector<std::int8_t*> gap(c);
  std::vector<double*> points(c);
  for (std::size_t j = 0; j < c; ++j) {
    held[j] = b8 + 3 * j * n;
    expected[j] = held[j] + n;
    gap[j] = b8 + (3 * j + 2) * n;
    points[j] = bf + (1 + j) * n;
  }
  double* part = bf;
  double* res = results.empty() ? nullptr : bf + (1 + c) * n;
  double* total = res ? res + n : nullptr;
  for (std::size_t i = rows.begin; i < rows.end; ++i) {
    detail::PartSums sums;
    for (std::size_t j = 0; j < c; ++j) {
      const int hl = held[j][i], e = expected[j][i];
      const double p = pts(hl, e);
      detail::add_points(sums, o.rules, j, e, p);
      gap[j][i] = static_cast<std::int8_t>(hl - e);
      points[j][i] = p;
    }
    part[i] = cache.part(sums);
    if (res) {
      res[i] = results[i];
      total[i] = total_fast(scheme, results[i], part[i]);
      band[i] = static_cast<std::int8_t>(scheme.band_index(total[i]));
    }
  }
}

/// The result's object block, k × n: person_id, name, unit, position, position_code[, band].
struct ObjectColumns {
  std::vector<PyObject*>* ids;    ///< new references, taken
  std::vector<PyObject*>* names;  ///< new references, taken; empty = no name column
  const Distinct* units;          ///< nullptr = no unit column
  const std::vector<py::object>* unit_objects;
  const Distinct* positions;
  const Positions* pos;
  const std::vector<std::int8_t>* band;  ///< empty = no results
};

py::array object_block(std::size_t n, const ObjectColumns& in, const Scheme& scheme) {
  const bool with_results = !in.band->empty();
  py::array objects(py::dtype("O"),
                    std::vector<py::ssize_t>{with_results ? 6 : 5, static_cast<py::ssize_t>(n)});
  auto** slots = static_cast<PyObject**>(objects.mutable_data());
  auto take = [&](PyObject** dst, std::vector<PyObject*>& from) {
    for (std::size_t i = 0; i < n; ++i) {
      Py_XDECREF(dst[i]);
      dst[i] = std::exchange(from[i], nullptr);
    }
  };
  const std::vector<std::int32_t> zeros(n, 0);
  const std::vector<py::object> empty{py::str("")};
  take(slots, *in.ids);
  if (in.names->empty())
    fill_objects(slots + n, zeros, empty);
  else
    take(slots + n, *in.names);
  if (in.units)
    fill_objects(slots + 2 * n, in.units->row, *in.unit_objects);
  else
    fill_objects(slots + 2 * n, zeros, empty);
  fill_objects(slots + 3 * n, in.positions->row, in.pos->shown);
  fill_objects(slots + 4 * n, in.positions->row, in.pos->code);
  if (with_results) {
    std::vector<py::object> bands;
    for (const auto& b : scheme.bands) bands.push_back(py::str(b.th));
    std::vector<std::int32_t> bi(in.band->begin(), in.band->end());
    fill_objects(slots + 5 * n, bi, bands);
  }
  return objects;
}

/// New references released unless taken (the fast path may give up after making them).
struct Owned {
  std::vector<PyObject*> v;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    for (PyObject* o : v) Py_XDECREF(o);
  }
};

/// The blocks of the result DataFrame (scoring.score builds it without copying them): objects
/// (person_id, name, unit, position, position_code[, band]) k × n, int8 held/expected/gap per
/// competency 3c × n, float64 part, points per competency[, results, total] × n.
py::dict score_fast_impl(const std::vector<std::string>& headers, const py::list& columns,
                         const py::object& na, const FastOptions& o) {
  const Framework& fw = *o.fw;
  const std::size_t c = fw.size(),
                    n = columns.empty() ? 0 : static_cast<std::size_t>(py::len(columns[0]));
  const RatingsHeader h = ratings_header(
      headers, fw, [](std::size_t, std::string_view) -> Location { throw NotFast{}; });
  if (h.has_raters || n == 0 || n > 0x7FFFFFFF) throw NotFast{};
  const auto sn = static_cast<py::ssize_t>(n), sc = static_cast<py::ssize_t>(c);
  py::array_t<std::int8_t> i8({3 * sc, sn});
  std::int8_t* b8 = i8.mutable_data();
  std::vector<double> results;
  std::optional<Distinct> units, positions;
  Ids ids;
  Owned names;
  std::vector<char> have(c, 0);
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const py::handle col = columns[i];
    switch (h.role[i]) {
      case RatingsColumn::competency: {
        const std::size_t j = h.competency[i];
        read_levels(col, n, fw.competencies()[j], b8 + 3 * j * n);
        have[j] = 1;
        break;
      }
      case RatingsColumn::person_id:
        read_ids(col, n, ids);
        break;
      case RatingsColumn::name:
        names.v = read_names(col, n, na.ptr());
        break;
      case RatingsColumn::unit:
        units = distinct_of(col, n);
        break;
      case RatingsColumn::position:
        positions = distinct_of(col, n);
        break;
      case RatingsColumn::results:
        results = read_results(col, n);
        break;
      default:
        throw NotFast{};
    }
  }
  if (std::find(have.begin(), have.end(), 0) != have.end())
    throw NotFast{};  // a competency not rated
  const Positions pos = positions_of(*positions, fw, *o.prof, na.ptr(), false);
  for (std::size_t k = 0; k < pos.expected.size(); ++k)
    if (pos.expected[k] < 0 || pos.expected[k] > fw.competencies()[k % c].max_level())
      throw NotFast{};
  const std::vector<py::object> unit_obj =
      units ? person_texts(*units, PersonText::unit, na.ptr(), nullptr) : std::vector<py::object>{};
  const bool with_results = h.has_results;
  py::array_t<double> f8({sc + 1 + (with_results ? 2 : 0), sn});
  double* bf = f8.mutable_data();
  std::vector<std::int8_t> band(with_results ? n : 0);
  {
    py::gil_scoped_release release;  // C++ values only from here on
    bool duplicate = false;
    std::thread dup([&] {  // the other core, if free, checks the ids meanwhile
      try {
        duplicate = has_duplicate(ids.keys);
      } catch (...) {
        duplicate = true;  // out of memory: the table path will say
      }
    });
    try {
      // Two halves at once when the machine has two cores: every row is independent.
      const std::size_t half = n >= 200000 && std::thread::hardware_concurrency() > 1 ? n / 2 : n;
      std::thread second;
      if (half < n)
        second = std::thread([&] {
          score_columns(n, c, b8, bf, results, band.data(), o,
                        Rows{half, n, pos.expected.data(), positions->row.data()});
        });
      try {
        score_columns(n, c, b8, bf, results, band.data(), o,
                      Rows{0, half, pos.expected.data(), positions->row.data()});
      } catch (...) {
        if (second.joinable()) second.join();
        throw;
      }
      if (second.joinable()) second.join();
    } catch (...) {
      dup.join();
      throw;
    }
    dup.join();
    if (duplicate) throw NotFast{};
  }
  py::dict d;
  d["objects"] = object_block(n,
                              ObjectColumns{&ids.objects, &names.v, units ? &*units : nullptr,
                                            &unit_obj, &*positions, &pos, &band},
                              o.prof->scheme());
  d["int8"] = i8;
  d["float64"] = f8;
  d["has_results"] = with_results;
  return d;
}

py::dict metadata(const FastOptions& o) {
  std::vector<std::string> ids, bands;
  for (const auto& comp : o.fw->competencies()) ids.push_back(comp.id);
  for (const auto& b : o.prof->scheme().bands) bands.push_back(b.th);
  py::dict d;
  d["competencies"] = ids;
  d["bands"] = bands;
  d["method"] = std::string(to_string(o.rules.method));
  d["weight"] = o.rules.weight;
  d["profile"] = o.prof->id();
  d["framework"] = o.fw->id();
  return d;
}

/// scoring.score's fast path: the result's blocks and metadata, or None for the table path.
py::object score_fast(const std::vector<std::string>& headers, const py::list& columns,
                      const py::object& na, const py::object& fw_arg, const py::object& profile_arg,
                      const std::optional<std::string>& method, const std::optional<double>& weight,
                      bool ratio_cap, bool dpis_rounding) {
  try {
    const FastOptions o =
        fast_options(fw_arg, profile_arg, method, weight, ratio_cap, dpis_rounding);
    py::dict d = score_fast_impl(headers, columns, na, o);
    d["meta"] = metadata(o);
    return d;
  } catch (const NotFast&) {
    return py::none();
  } catch (const Error&) {
    return py::none();  // the table path raises it, located in the DataFrame
  }
}

/// Expected levels (n × c int8, framework order) of a column of positions.
py::array_t<std::int8_t> expected_levels(const py::object& column, const py::object& na,
                                         const py::object& fw_arg, const py::object& profile_arg) {
  const auto fw = framework_of(fw_arg);
  const auto prof = profile_of(profile_arg, *fw);
  prof->check(*fw);
  const std::size_t n = py::isinstance<py::tuple>(column)
                            ? static_cast<std::size_t>(py::len(column.cast<py::tuple>()[0]))
                            : static_cast<std::size_t>(py::len(column));
  const std::size_t c = fw->size();
  Distinct d;
  try {
    d = distinct_of(column, n);
  } catch (const NotFast&) {
    throw ValidationError(
        "positions must be text (position codes such as \"K2\", or Thai type and rank)");
  }
  Positions p;
  for (std::size_t k = 0; k < d.values.size(); ++k) {
    try {
      Distinct one;
      one.values = {d.values[k]};
      Positions q = positions_of(one, *fw, *prof, na.ptr(), true);
      p.expected.insert(p.expected.end(), q.expected.begin(), q.expected.end());
    } catch (const NotFast&) {
      const std::size_t row =
          static_cast<std::size_t>(std::find(d.row.begin(), d.row.end(), k) - d.row.begin());
      Location w;
      w.path = "positions[" + std::to_string(row) + "]";
      w.value = PyUnicode_Check(d.values[k]) ? std::string(utf8(d.values[k]))
                                             : std::string(py::str(d.values[k]));
      throw ValidationError("not a position: a control character or an empty cell", w);
    } catch (const LookupError& e) {
      const std::size_t row =
          static_cast<std::size_t>(std::find(d.row.begin(), d.row.end(), k) - d.row.begin());
      Location w = e.where();
      w.path = "positions[" + std::to_string(row) + "]";
      throw LookupError(e.message(), w);
    }
  }
  py::array_t<std::int8_t> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(c)});
  std::int8_t* o = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i)
      std::memcpy(o + i * c, &p.expected[static_cast<std::size_t>(d.row[i]) * c], c);
  }
  return out;
}

/// What each header of a ratings table names (ratings_column): "person_id", "name", "unit",
/// "position", "results", "rater_role", "rater_id", the competency's id, or None (unknown).
py::list ratings_columns(const std::vector<std::string>& headers, const py::object& fw_arg) {
  static const char* const names[] = {"",         "person_id", "name",       "unit",
                                      "position", "results",   "rater_role", "rater_id"};
  const auto fw = framework_of(fw_arg);
  py::list out;
  for (const auto& h : headers) {
    const auto col = ratings_column(h, *fw);
    if (!col)
      out.append(py::none());
    else if (col->role == RatingsColumn::competency)
      out.append(fw->competencies()[col->competency].id);
    else
      out.append(names[static_cast<std::size_t>(col->role)]);
  }
  return out;
}

void register_speed_scoring(py::module_& m) {
  m.def("_ratings_columns", &ratings_columns, py::arg("headers"), py::arg("framework"),
        "What each header of a ratings table names (the CSV reader's rule), None for an unknown "
        "column.");
  m.def("_score_fast", &score_fast, py::arg("headers"), py::arg("columns"), py::arg("na"),
        py::arg("framework"), py::arg("profile"), py::arg("method"), py::arg("weight"),
        py::arg("ratio_cap"), py::arg("dpis_rounding"),
        "score(df)'s columnar path: the result's blocks, or None when the table path must decide.");
  m.def("_expected_levels", &expected_levels, py::arg("positions"), py::arg("na"),
        py::arg("framework"), py::arg("profile"),
        "Expected levels (n × c int8) of positions (object array or (codes, categories)).");
}

const Area area("speed_scoring", register_speed_scoring);

}  // namespace
}  // namespace samatthana::python
