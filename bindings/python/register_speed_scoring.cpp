// The columnar fast path of scoring.score(df) and the vectorised position → expected-levels
// lookup. A DataFrame is read column by column (numpy arrays, pandas Categorical codes), never a
// Python object per cell: text cells are looked at once per distinct value, ids are checked for
// duplicates by a radix sort of their hashes. With the GIL it only takes buffers and references
// (the id and name objects, one increment each); it reads and checks ids and names, converts the
// numeric columns and scores without it, so that calls from several threads run at once.
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
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <ctime>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "batch_kernel.hpp"
#include "columns.hpp"
#include "registry.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

/// Not for the fast path: the caller takes the table path, which says why (or scores the same).
struct NotFast {};

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

/// A column of Python objects as a C-contiguous 1-D object array of n rows (a view with other
/// strides, such as a column of df.iloc[::-1], is copied: its data pointer is not row 0 of
/// contiguous rows), else not fast.
py::array object_column(const py::handle& column, std::size_t n) {
  if (!py::isinstance<py::array>(column)) throw NotFast{};
  auto a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n || a.dtype().kind() != 'O')
    throw NotFast{};
  if (!(a.flags() & py::array::c_style)) a = py::array::ensure(a, py::array::c_style);
  if (!a) throw py::error_already_set();
  return a;
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
  if (!codes || static_cast<std::size_t>(codes.size()) != n) throw NotFast{};
  const py::array cats = object_column(t[1], static_cast<std::size_t>(py::len(t[1])));
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
  return distinct_objects(object_column(column, n));
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

/// No control character but tab and line breaks (check_person_text's rule for names). First a
/// loop without branches over every character (vectorised) for anything below U+0020 or U+007F,
/// which names almost never have; then, only if there is, the exact rule.
template <class C>
bool plain_text(const C* p, Py_ssize_t len) {
  unsigned low = 0;
  for (Py_ssize_t k = 0; k < len; ++k) low |= static_cast<unsigned>((p[k] < 0x20) | (p[k] == 0x7F));
  if (!low) return true;
  for (Py_ssize_t k = 0; k < len; ++k) {
    const auto cp = static_cast<std::uint32_t>(p[k]);
    if (cp == 0x7F || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')) return false;
  }
  return true;
}

/// Whether a str is in the compact form whose characters can be read without the GIL (every str
/// from Python 3.12; a legacy str of the old C API is left to the steps that hold the GIL).
bool ready(PyObject* s) noexcept {
#if PY_VERSION_HEX < 0x030C0000
  return PyUnicode_IS_READY(s);
#else
  (void)s;
  return true;
#endif
}

/// A name cell as person_from_cells keeps it (control characters refused, spaces and tabs
/// around it trimmed), read from the str's own characters: no UTF-8 copy of a million names.
/// A new reference: the cell itself when nothing is trimmed. With the GIL.
PyObject* name_of(PyObject* o, PyObject* na, PyObject* empty) {
  if (!PyUnicode_Check(o)) {  // a flag test; empty_cell's float check calls into Python
    if (!empty_cell(o, na)) throw NotFast{};
    Py_INCREF(empty);
    return empty;
  }
  if (PyUnicode_READY(o) < 0) throw py::error_already_set();
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

/// Whether name_of keeps a name cell as it is, decided without the GIL from the str's own
/// characters (the cell is kept alive by a reference the caller holds): true for a clean str
/// with nothing to trim, false for a cell name_of must see (an empty cell, spaces to trim, a
/// legacy str); anything else (a number, a control character, a very long text) is not fast.
bool name_as_is(PyObject* o, PyObject* na) {
  if (!o) throw NotFast{};
  if (!PyUnicode_Check(o)) {  // flag tests and reads of immutable objects: no GIL needed
    if (empty_cell(o, na)) return false;
    throw NotFast{};
  }
  if (!ready(o)) return false;
  const int kind = PyUnicode_KIND(o);
  const void* data = PyUnicode_DATA(o);
  const Py_ssize_t len = PyUnicode_GET_LENGTH(o);
  if (len * 4 > 65536) throw NotFast{};
  const bool clean =
      kind == PyUnicode_1BYTE_KIND   ? plain_text(static_cast<const Py_UCS1*>(data), len)
      : kind == PyUnicode_2BYTE_KIND ? plain_text(static_cast<const Py_UCS2*>(data), len)
                                     : plain_text(static_cast<const Py_UCS4*>(data), len);
  if (!clean) throw NotFast{};
  if (len == 0) return true;
  const Py_UCS4 first = PyUnicode_READ(kind, data, 0), last = PyUnicode_READ(kind, data, len - 1);
  return first != ' ' && first != '\t' && last != ' ' && last != '\t';
}

/// Rows [begin, end) of the id and name rows of the object block := the columns' objects, one
/// new reference each (`names` may be null: no name column). With the GIL; afterwards the slots
/// keep their objects alive while they are read without it (whatever other threads do to the
/// DataFrame meanwhile). Both columns in one loop: twice the cache misses in flight.
void own_columns(const py::array& ids, const py::array* names, PyObject** out, std::size_t n,
                 std::size_t begin, std::size_t end) {
  constexpr std::size_t kAhead = 32;  // the str objects lie wherever Python put them
  auto* const* v = static_cast<PyObject* const*>(ids.data());
  if (!names) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) __builtin_prefetch(v[i + kAhead], 1);
      Py_XINCREF(v[i]);
      out[i] = v[i];
    }
    return;
  }
  auto* const* w = static_cast<PyObject* const*>(names->data());
  PyObject** out_names = out + n;
  for (std::size_t i = begin; i < end; ++i) {
    if (i + kAhead < end) {
      __builtin_prefetch(v[i + kAhead], 1);
      __builtin_prefetch(w[i + kAhead], 1);
    }
    Py_XINCREF(v[i]);
    Py_XINCREF(w[i]);
    out[i] = v[i];
    out_names[i] = w[i];
  }
}

/// The rows in [begin, end) of the name row (owned references) that name_of must see, added to
/// `with_gil`. Without the GIL.
void scan_names(PyObject* const* names, std::size_t begin, std::size_t end, PyObject* na,
                std::vector<std::size_t>& with_gil) {
  for (std::size_t i = begin; i < end; ++i) {
    if (i + 16 < end && names[i + 16]) {
      __builtin_prefetch(names[i + 16]);
      __builtin_prefetch(reinterpret_cast<const char*>(names[i + 16]) + 64);
    }
    if (!name_as_is(names[i], na)) with_gil.push_back(i);
  }
}

/// Those rows as name_of keeps them (with the GIL): each slot still owns a reference.
void fix_names(PyObject** names, const std::vector<std::size_t>& rows, PyObject* na) {
  if (rows.empty()) return;
  const py::str empty("");
  for (const std::size_t i : rows) {
    PyObject* cell = names[i];
    names[i] = name_of(cell, na, empty.ptr());
    Py_DECREF(cell);
  }
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

/// The hash values that occur more than once in `h` (sorted; usually none): an LSD radix sort of
/// the top 33 bits (sequential memory, unlike a hash table of a million ids), then each run of
/// equal top bits (short) sorted fully. No GIL needed: C++ values only.
std::vector<std::uint64_t> repeated_hashes(std::vector<std::uint64_t> h) {
  const std::size_t n = h.size();
  std::vector<std::uint64_t> tmp(n);
  for (int shift = 31; shift < 64; shift += 11) {
    std::vector<std::size_t> count(2049, 0);
    for (const std::uint64_t x : h) ++count[((x >> shift) & 0x7FF) + 1];
    for (std::size_t b = 0; b < 2048; ++b) count[b + 1] += count[b];
    for (const std::uint64_t x : h) tmp[count[(x >> shift) & 0x7FF]++] = x;
    h.swap(tmp);
  }
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < n;) {
    std::size_t e = i + 1;
    while (e < n && (h[e] >> 31) == (h[i] >> 31)) ++e;
    if (e - i > 1) {
      std::sort(h.begin() + static_cast<std::ptrdiff_t>(i),
                h.begin() + static_cast<std::ptrdiff_t>(e));
      for (std::size_t k = i + 1; k < e; ++k)
        if (h[k] == h[k - 1] && (out.empty() || out.back() != h[k])) out.push_back(h[k]);
    }
    i = e;
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The person_id column as person_id_from_cell keys it: the keys of the rows read with the GIL
/// (not plain ASCII ids: person_id_from_cell's rules), whether every key is above the one before
/// (an export sorted by id: then no two are equal, and no hash is made), else a hash per row for
/// repeated_hashes.
struct Ids {
  std::vector<std::uint64_t> hash;
  std::vector<std::size_t> with_gil;                     ///< rows fix_ids reads
  std::unordered_map<std::size_t, std::string> changed;  ///< their keys
  bool increasing = true;
  std::string_view before;  ///< the order check's last key
};

/// a < b as std::string_view compares them, without a library call: eight bytes at a time
/// (ids such as P0000001 and P0000002 share most of their bytes), then byte by byte.
bool less(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little)
    for (; i + 8 <= n; i += 8) {
      std::uint64_t x, y;
      std::memcpy(&x, a.data() + i, 8);
      std::memcpy(&y, b.data() + i, 8);
      if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);  // as big-endian: byte order
    }
  for (; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

/// Printable ASCII (U+0020..U+007E), not empty, no space at either end: an id that
/// person_id_from_cell keeps as it is. One pass without a branch per character.
bool plain_ascii_id(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  unsigned bad = 0;
  for (const char c : s) bad |= static_cast<unsigned>(static_cast<unsigned char>(c - 0x20) > 0x5E);
  return !bad;
}

/// An ASCII str's characters (its data is UTF-8 already). No GIL needed.
std::string_view ascii(PyObject* s) noexcept {
  return {static_cast<const char*>(PyUnicode_DATA(s)),
          static_cast<std::size_t>(PyUnicode_GET_LENGTH(s))};
}

/// Row i's key: its cell's text (plain ASCII) unless fix_ids read it. No GIL needed.
std::string_view key_of(const Ids& ids, PyObject* const* id_objects, std::size_t i) {
  if (!ids.changed.empty()) {
    const auto it = ids.changed.find(i);
    if (it != ids.changed.end()) return it->second;
  }
  return ascii(id_objects[i]);
}

/// Row i in the order check: no hash while every key is above the one before; from the first
/// that is not, a hash per row (those before it too).
void order_row(Ids& ids, PyObject* const* id, std::size_t n, std::size_t i, std::string_view key) {
  if (ids.increasing && i > 0 && !less(ids.before, key)) {
    ids.increasing = false;
    ids.hash.reserve(n);
    for (std::size_t k = 0; k < i; ++k) ids.hash.push_back(hash_bytes(key_of(ids, id, k)));
  }
  if (!ids.increasing) ids.hash.push_back(hash_bytes(key));
  ids.before = key;
}

/// Rows [begin, end) of the id row (owned references; n rows) without the GIL: the rows fix_ids
/// must read, and the order check as long as there is none (after them, order_ids does it again).
void scan_ids(PyObject* const* id, std::size_t n, std::size_t begin, std::size_t end, Ids& ids) {
  for (std::size_t i = begin; i < end; ++i) {
    if (i + 16 < end && id[i + 16]) __builtin_prefetch(id[i + 16]);
    PyObject* o = id[i];
    if (!o || !PyUnicode_Check(o)) throw NotFast{};
    if (ready(o) && PyUnicode_IS_ASCII(o) && plain_ascii_id(ascii(o))) {
      if (ids.with_gil.empty()) order_row(ids, id, n, i, ascii(o));
    } else {
      ids.with_gil.push_back(i);
    }
  }
}

/// With the GIL: the rows scan_ids left, keyed by person_id_from_cell; a slot whose key differs
/// from its text gets the key's str.
void fix_ids(PyObject** id, Ids& ids) {
  for (const std::size_t i : ids.with_gil) {
    PyObject* cell = id[i];
    std::string k = person_id_from_cell("person_id", utf8(cell), no_where());
    if (k.empty()) throw NotFast{};
    id[i] = str_for(k, cell);
    Py_DECREF(cell);
    ids.changed.emplace(i, std::move(k));
  }
}

/// The order check over every row once fix_ids has keyed the rows it read. Without the GIL.
void order_ids(PyObject* const* id, std::size_t n, Ids& ids) {
  ids.increasing = true;
  ids.hash.clear();
  for (std::size_t i = 0; i < n; ++i) order_row(ids, id, n, i, key_of(ids, id, i));
}

/// Whether two rows whose hashes are among `repeated` have the same key (else the hashes merely
/// collided).
bool same_keys(const Ids& ids, PyObject* const* id_objects, std::size_t n,
               const std::vector<std::uint64_t>& repeated) {
  std::unordered_map<std::uint64_t, std::vector<std::string_view>> seen;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view key = key_of(ids, id_objects, i);
    const std::uint64_t h = hash_bytes(key);
    if (!std::binary_search(repeated.begin(), repeated.end(), h)) continue;
    auto& keys = seen[h];
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    keys.push_back(key);
  }
  return false;
}

/// Levels 0..max as int8 into `out` (n); false at anything else (empty, fraction, out of range).
/// One pass without a branch (the compiler vectorises it). No GIL needed.
template <class T>
bool levels_from(const void* data, std::size_t n, int max_level, std::int8_t* out) noexcept {
  const T* x = static_cast<const T*>(data);
  if constexpr (std::is_integral_v<T>) {
    // One unsigned compare a value (a negative one wraps above top) and the low byte: the
    // compiler vectorises this form (several times faster than the select below).
    using U = std::make_unsigned_t<T>;
    const U top = static_cast<U>(max_level);
    U over = 0;
    for (std::size_t i = 0; i < n; ++i) {
      over |= static_cast<U>(static_cast<U>(x[i]) > top);
      out[i] = static_cast<std::int8_t>(x[i]);
    }
    return over == 0;
  } else {
    const T top = static_cast<T>(max_level);
    bool bad = false;
    for (std::size_t i = 0; i < n; ++i) {
      const T xi = x[i];
      const bool in = !(xi < T(0)) && xi <= top;  // NaN: not in
      bad |= !in;
      out[i] = static_cast<std::int8_t>(in ? xi : T(0));
    }
    for (std::size_t i = 0; i < n; ++i) bad |= x[i] != static_cast<T>(out[i]);
    return !bad;
  }
}

/// Whether x is a level 0..top (a whole number; NaN is not).
template <class T>
bool is_level(T x, int top) noexcept {
  if constexpr (std::is_floating_point_v<T>)
    return x >= T(0) && x <= static_cast<T>(top) && x == std::trunc(x);
  else if constexpr (std::is_signed_v<T>)
    return x >= T(0) && static_cast<std::int64_t>(x) <= top;
  else
    return static_cast<std::uint64_t>(x) <= static_cast<std::uint64_t>(top);
}

/// One competency column of score_arrays' DataFrame `held`: a C-contiguous array of the type
/// `narrow` reads, kept with the GIL and read without it.
struct HeldColumn {
  py::array keep;
  bool (*narrow)(const void*, std::size_t, int, std::int8_t*) noexcept;
  std::size_t (*first_bad)(const void*, std::size_t, int) noexcept;
  int top;
};

template <class T>
std::size_t first_bad_of(const void* data, std::size_t n, int top) noexcept {
  const T* x = static_cast<const T*>(data);
  for (std::size_t i = 0; i < n; ++i)
    if (!is_level(x[i], top)) return i;
  return n;
}

template <class T>
HeldColumn held_column(const py::array& a, int top) {
  return {py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a), &levels_from<T>,
          &first_bad_of<T>, top};
}

/// A column of numbers of any width (int, uint, float), else nullopt (bool, object, ...).
std::optional<HeldColumn> held_column_of(const py::array& a, int top) {
  const char kind = a.dtype().kind();
  const auto size = a.dtype().itemsize();
  if (kind == 'i') {
    if (size == 1) return held_column<std::int8_t>(a, top);
    if (size == 2) return held_column<std::int16_t>(a, top);
    if (size == 4) return held_column<std::int32_t>(a, top);
    return held_column<std::int64_t>(a, top);
  }
  if (kind == 'u') {
    if (size == 1) return held_column<std::uint8_t>(a, top);
    if (size == 2) return held_column<std::uint16_t>(a, top);
    if (size == 4) return held_column<std::uint32_t>(a, top);
    return held_column<std::uint64_t>(a, top);
  }
  if (kind == 'f') return size == 4 ? held_column<float>(a, top) : held_column<double>(a, top);
  return std::nullopt;
}

constexpr std::size_t held_block = 4096;  ///< rows narrowed at a time (c × 4 KB of columns)

/// Rows [0, m) of c columns of held_block levels each (tmp) into row-major `out` (m × c): the
/// writes sequential (one pass of strided byte stores per column costs several times more).
/// `C`: c when known at compile time, else 0.
template <std::size_t C>
void interleave(std::int8_t* __restrict out, const std::int8_t* __restrict tmp, std::size_t m,
                std::size_t c) noexcept {
  const std::size_t w = C ? C : c;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < w; ++j) out[i * w + j] = tmp[j * held_block + i];
}

/// score_arrays' `held` from a DataFrame's competency columns (1-D, n numbers each, read without
/// a copy when C-contiguous): the row-major int8 n × c array score_arrays reads, narrowed without
/// the GIL on batch::threads_for(n, threads) threads, 4096 rows at a time. Returns
/// (array, None); or (None, (column, row)) of the first value in row order that is not a level
/// 0..max_level (fraction, NaN, out of range); or (None, (column, -1)) for a column that does not
/// hold numbers (bool, object, ...). scoring.score_arrays says where, in DataFrame terms.
py::tuple held_levels(const py::list& columns, const std::vector<int>& max_level, int threads) {
  const std::size_t c = columns.size();
  if (max_level.size() != c) throw ValidationError("max_level needs one value per competency");
  std::vector<HeldColumn> cols;
  std::size_t n = 0;
  for (std::size_t j = 0; j < c; ++j) {
    const auto a = py::array::ensure(columns[j]);
    if (!a || a.ndim() != 1) throw ValidationError("held columns must be 1-D arrays");
    if (j == 0) n = static_cast<std::size_t>(a.shape(0));
    if (static_cast<std::size_t>(a.shape(0)) != n)
      throw ValidationError("held columns must have one value per person");
    auto col = held_column_of(a, max_level[j]);
    if (!col) return py::make_tuple(py::none(), py::make_tuple(j, -1));
    cols.push_back(std::move(*col));
  }
  py::array_t<std::int8_t> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(c)});
  std::int8_t* o = out.mutable_data();
  bool ok = true;
  {
    py::gil_scoped_release release;
    ok = batch::in_parallel(n, batch::threads_for(n, threads), [&](std::size_t b, std::size_t e) {
      std::vector<std::int8_t> tmp(c * held_block);  // column j's levels at tmp[j * held_block]
      bool good = true;
      for (std::size_t r = b; r < e; r += held_block) {
        const std::size_t m = std::min(held_block, e - r);
        for (std::size_t j = 0; j < c; ++j) {
          const HeldColumn& col = cols[j];
          const auto* from = static_cast<const char*>(col.keep.data()) + r * col.keep.itemsize();
          good &= col.narrow(from, m, col.top, tmp.data() + j * held_block);
        }
        if (c == 5)
          interleave<5>(o + r * c, tmp.data(), m, c);
        else
          interleave<0>(o + r * c, tmp.data(), m, c);
      }
      return good;
    });
  }
  if (ok) return py::make_tuple(std::move(out), py::none());
  std::size_t row = n, col = 0;
  for (std::size_t j = 0; j < c; ++j) {
    const std::size_t i = cols[j].first_bad(cols[j].keep.data(), n, cols[j].top);
    if (i < row) row = i, col = j;
  }
  return py::make_tuple(py::none(), py::make_tuple(col, static_cast<py::ssize_t>(row)));
}

/// The numeric columns, read without the GIL: arrays taken (converted if need be) with it.
struct Numbers {
  using LevelsFn = bool (*)(const void*, std::size_t, int, std::int8_t*) noexcept;
  struct Levels {
    py::array keep;  ///< C-contiguous, of the type `read` takes
    LevelsFn read;
    int max_level;
    std::int8_t* out;
  };
  std::vector<Levels> levels;
  py::array results_keep;  ///< float64, C-contiguous
  double* results = nullptr;

  /// Levels and results into the blocks: false at a value the fast path does not take.
  bool run(std::size_t n) const noexcept {
    for (const Levels& l : levels)
      if (!l.read(l.keep.data(), n, l.max_level, l.out)) return false;
    if (!results) return true;
    const double* x = static_cast<const double*>(results_keep.data());
    bool bad = false;
    for (std::size_t i = 0; i < n; ++i) {
      bad |= !(x[i] >= 0 && x[i] <= 100);  // NaN (empty) too
      results[i] = x[i];
    }
    return !bad;
  }
};

template <class T>
Numbers::Levels levels_column(const py::array& a, int max_level, std::int8_t* out) {
  auto v = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a);
  if (!v) throw NotFast{};
  return {std::move(v), &levels_from<T>, max_level, out};
}

/// A level column to read into `out` (n): numbers of any width, else not fast.
Numbers::Levels read_levels(const py::handle& column, std::size_t n, const Competency& comp,
                            std::int8_t* out) {
  if (!py::isinstance<py::array>(column)) throw NotFast{};  // a Categorical's (codes, categories)
  const py::array a = py::reinterpret_borrow<py::array>(column);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n) throw NotFast{};
  const int m = comp.max_level();
  const auto size = a.dtype().itemsize();
  switch (a.dtype().kind()) {
    case 'i':
      if (size == 1) return levels_column<std::int8_t>(a, m, out);
      if (size == 2) return levels_column<std::int16_t>(a, m, out);
      if (size == 4) return levels_column<std::int32_t>(a, m, out);
      return levels_column<std::int64_t>(a, m, out);
    case 'u':  // forcecast: values above int64 are not levels either
      return size == 1 ? levels_column<std::uint8_t>(a, m, out)
                       : levels_column<std::int64_t>(a, m, out);
    case 'f':
      return levels_column<double>(a, m, out);
    default:
      throw NotFast{};  // bool, object (text levels): the table path reads or refuses them
  }
}

/// The results column to read into `out` (n): numbers 0..100, else not fast.
void read_results(const py::handle& column, std::size_t n, double* out, Numbers& numbers) {
  if (!py::isinstance<py::array>(column)) throw NotFast{};
  const py::array a = py::reinterpret_borrow<py::array>(column);
  const char k = a.dtype().kind();
  if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n ||
      (k != 'i' && k != 'u' && k != 'f'))
    throw NotFast{};
  numbers.results_keep = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  if (!numbers.results_keep) throw NotFast{};
  numbers.results = out;
}

/// What the fast path needs of the options: the table path's defaults and checks.
struct FastOptions {
  int threads = 0;  ///< 1: no second thread; 0: one from g_parallel_from rows on two cores
  std::shared_ptr<const Framework> fw;
  std::shared_ptr<const Profile> prof;
  ScoringRules rules;
};

FastOptions fast_options(const py::object& fw_arg, const py::object& profile_arg,
                         const std::optional<std::string>& method,
                         const std::optional<double>& weight, bool ratio_cap, bool dpis_rounding) {
  FastOptions o;
  o.fw = framework_of_arg(fw_arg);
  o.prof = profile_of_arg(profile_arg, *o.fw);
  o.prof->check(*o.fw);
  if (o.prof->has_sets()) throw NotFast{};  // per-position sets: the general path
  // The other part (Scheme::other_weight): each person's other figure, checked and added to the
  // total by score_cohort; the columnar path has no such column.
  if (o.prof->scheme().other_weight > 0) throw NotFast{};
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

/// A row of the object block that repeats a few objects (units, positions, codes, bands):
/// written without the GIL as borrowed pointers, the references counted per object and added
/// with the GIL afterwards (one addition per object instead of one increment per row).
struct RepeatedRow {
  PyObject** dst = nullptr;
  std::vector<PyObject*> objects;
  std::vector<Py_ssize_t> count;
  RepeatedRow(PyObject** row, const std::vector<py::object>& of) : dst(row), count(of.size(), 0) {
    for (const auto& o : of) objects.push_back(o.ptr());
  }
  template <class Index>
  void fill(const Index* index, std::size_t n) noexcept {
    PyObject* const* obj = objects.data();
    Py_ssize_t* cnt = count.data();
    for (std::size_t i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(index[i]);
      dst[i] = obj[k];
      ++cnt[k];
    }
  }
  /// With the GIL, after fill: each slot then owns its reference.
  void add_references() noexcept {
    for (std::size_t k = 0; k < objects.size(); ++k) {
#if PY_VERSION_HEX < 0x030C0000 && !defined(Py_REF_DEBUG) && !defined(Py_GIL_DISABLED)
      Py_SET_REFCNT(objects[k], Py_REFCNT(objects[k]) + count[k]);
#else
      for (Py_ssize_t r = 0; r < count[k]; ++r) Py_INCREF(objects[k]);
#endif
      count[k] = 0;
    }
  }
};

/// Number of rows from which score() uses a second thread (tests lower it).
std::size_t g_parallel_from = 200000;

/// The scoring of rows [begin, end): their expected levels from their positions into the int8
/// block, then the batch kernel. No Python object: runs without the GIL.
struct Scoring {
  const batch::Tables* tables;
  batch::Columns columns;
  std::int8_t* expected;  ///< row 0 of the expected levels: competency j at expected + 3j·n
  std::size_t n, c;
  const std::int8_t* expected_of;  ///< distinct position × c
  const std::int32_t* position_of;
  bool rows(std::size_t begin, std::size_t end) const noexcept {
    constexpr std::size_t kBlock = 4096;
    for (std::size_t b = begin; b < end; b += kBlock) {
      const std::size_t e = std::min(end, b + kBlock);
      for (std::size_t j = 0; j < c; ++j) {
        std::int8_t* out = expected + 3 * j * n;
        for (std::size_t i = b; i < e; ++i)
          out[i] = expected_of[static_cast<std::size_t>(position_of[i]) * c + j];
      }
      if (!batch::score_rows(*tables, columns, b, e)) return false;
    }
    return true;
  }
};

/// CPU time (ns) the calling threads of score(df)'s columnar path spent without the GIL, for
/// the benchmark's figure of what 2 threads can gain (bench_scale.py): a call's CPU time less
/// this is the part that holds the GIL, which calls from several threads take one at a time.
std::atomic<std::int64_t> g_without_gil_ns{0};

std::int64_t thread_cpu_ns() noexcept {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

/// py::gil_scoped_release that adds its thread's CPU time to g_without_gil_ns.
class WithoutGil {
 public:
  WithoutGil() : start_(thread_cpu_ns()) {}
  ~WithoutGil() { g_without_gil_ns += thread_cpu_ns() - start_; }
  WithoutGil(const WithoutGil&) = delete;
  WithoutGil& operator=(const WithoutGil&) = delete;

 private:
  py::gil_scoped_release release_;
  std::int64_t start_;
};

/// What score_fast_impl reads with the GIL: the numeric columns (converted without it), the id
/// and name columns (a Python object per row), units and positions as their distinct values.
struct Read {
  Ids ids;
  Numbers numbers;
  std::optional<py::array> id_column, name_column;
  std::optional<Distinct> units, positions;
  bool with_results = false;
};

/// The blocks of the result DataFrame (scoring.score builds it without copying them): objects
/// (person_id, name, unit, position, position_code[, band]) k × n, int8 held/expected/gap per
/// competency 3c × n, float64 part, points per competency[, results, total] × n.
struct Blocks {
  std::size_t n, c;
  bool with_results;
  py::array objects;  ///< numpy fills a new object array with NULL: no slot holds a reference yet
  py::array_t<std::int8_t> i8;
  py::array_t<double> f8;
  PyObject** slots;
  std::int8_t* b8;
  double* bf;
  Blocks(std::size_t rows, std::size_t comps, bool results)
      : n(rows),
        c(comps),
        with_results(results),
        objects(py::dtype("O"), std::vector<py::ssize_t>{results ? 6 : 5, ssize(rows)}),
        i8(fresh_array<std::int8_t>({3 * ssize(comps), ssize(rows)})),
        f8(fresh_array<double>({ssize(comps) + 1 + (results ? 2 : 0), ssize(rows)})),
        slots(static_cast<PyObject**>(objects.mutable_data())),
        b8(i8.mutable_data()),
        bf(f8.mutable_data()) {}
  static py::ssize_t ssize(std::size_t k) { return static_cast<py::ssize_t>(k); }
  double* results() const { return with_results ? bf + (1 + c) * n : nullptr; }
  py::dict dict() const {
    py::dict d;
    d["objects"] = objects;
    d["int8"] = i8;
    d["float64"] = f8;
    d["has_results"] = with_results;
    return d;
  }
};

/// Every column taken as the fast path reads it (with the GIL; the work is done without it).
void read_columns(const std::vector<std::string>& headers, const py::list& columns,
                  const RatingsHeader& h, const Framework& fw, const Blocks& b, Read& r) {
  std::vector<char> have(fw.size(), 0);
  const std::size_t n = b.n;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const py::handle col = columns[i];
    switch (h.role[i]) {
      case RatingsColumn::competency: {
        const std::size_t j = h.competency[i];
        if (have[j]) throw NotFast{};  // rated twice: the table path says so
        r.numbers.levels.push_back(read_levels(col, n, fw.competencies()[j], b.b8 + 3 * j * n));
        have[j] = 1;
        break;
      }
      case RatingsColumn::person_id:
        if (r.id_column) throw NotFast{};
        r.id_column = object_column(col, n);  // not a Categorical's (codes, categories) either
        break;
      case RatingsColumn::name:
        if (r.name_column) throw NotFast{};
        r.name_column = object_column(col, n);
        break;
      case RatingsColumn::unit:
        if (r.units) throw NotFast{};
        r.units = distinct_of(col, n);
        break;
      case RatingsColumn::position:
        if (r.positions) throw NotFast{};
        r.positions = distinct_of(col, n);
        break;
      case RatingsColumn::results:
        if (!b.with_results || r.with_results) throw NotFast{};
        read_results(col, n, b.results(), r.numbers);
        r.with_results = true;
        break;
      default:
        throw NotFast{};
    }
  }
  if (std::find(have.begin(), have.end(), 0) != have.end() || !r.id_column || !r.positions)
    throw NotFast{};  // a competency not rated, no ids, no positions: the table path says so
}

/// The objects the repeated rows show, made once per distinct value (with the GIL), and each
/// distinct position's expected levels.
struct Texts {
  Positions pos;
  std::vector<py::object> units, bands, empty;
};
Texts texts_of(const Read& r, const Framework& fw, const Profile& prof,
               const std::vector<int>& maxl, PyObject* na) {
  Texts t;
  t.pos = positions_of(*r.positions, fw, prof, na, false);
  for (std::size_t k = 0; k < t.pos.expected.size(); ++k)
    if (t.pos.expected[k] < 0 || t.pos.expected[k] > maxl[k % fw.size()]) throw NotFast{};
  t.empty = {py::str("")};
  t.units = r.units ? person_texts(*r.units, PersonText::unit, na, nullptr) : t.empty;
  for (const auto& band : prof.scheme().bands) t.bands.push_back(py::str(band.th));
  return t;
}

/// The rows of the object block that repeat a few objects: unit, position, position_code, band,
/// name (filled only when there is no name column).
std::vector<RepeatedRow> repeated_rows(const Blocks& b, const Texts& t) {
  std::vector<RepeatedRow> rows;
  rows.emplace_back(b.slots + 2 * b.n, t.units);
  rows.emplace_back(b.slots + 3 * b.n, t.pos.shown);
  rows.emplace_back(b.slots + 4 * b.n, t.pos.code);
  rows.emplace_back(b.with_results ? b.slots + 5 * b.n : nullptr, t.bands);
  rows.emplace_back(b.slots + b.n, t.empty);
  return rows;
}

Scoring scoring_of(const batch::Tables& tables, const Blocks& b, const Texts& t, const Read& r,
                   std::vector<std::int8_t>& band) {
  const std::size_t n = b.n;
  const py::ssize_t sn = Blocks::ssize(n);
  double* results = b.results();
  return Scoring{&tables,
                 batch::Columns{{b.b8, 1, 3 * sn},
                                {b.b8 + n, 1, 3 * sn},
                                {b.b8 + 2 * n, 1, 3 * sn},
                                {b.bf + n, 1, sn},
                                b.bf,
                                results,
                                results ? results + n : nullptr,
                                b.with_results ? band.data() : nullptr},
                 b.b8 + n,
                 n,
                 b.c,
                 t.pos.expected.data(),
                 r.positions->row.data()};
}

/// The work that needs no Python object: the numeric columns into the blocks, the scores, and
/// the repeated rows (borrowed pointers). On a second thread while the first reads ids and
/// names, else on the first without the GIL.
struct Background {
  const Numbers& numbers;
  const Scoring& scoring;
  std::vector<RepeatedRow>& rows;
  const Read& read;
  const std::vector<std::int32_t>& zeros;
  const std::vector<std::int8_t>& band;
  std::size_t n;
  bool scored = false;
  void operator()() noexcept {
    rows[0].fill(read.units ? read.units->row.data() : zeros.data(), n);
    rows[1].fill(read.positions->row.data(), n);
    rows[2].fill(read.positions->row.data(), n);
    if (!read.name_column) rows[4].fill(zeros.data(), n);
    scored = numbers.run(n) && scoring.rows(0, n);
    if (scored && read.with_results) rows[3].fill(band.data(), n);
  }
};

/// The hashes given by more than one id (usually none). Without the GIL.
std::vector<std::uint64_t> duplicates(Ids& ids) {
  if (ids.increasing) return {};
  try {
    return repeated_hashes(std::move(ids.hash));
  } catch (...) {
    throw NotFast{};  // out of memory: the table path will say
  }
}

/// The id and name rows of the object block, a chunk of rows at a time (its objects still in the
/// cache from one step to the next): the column's objects referenced with the GIL, then read
/// without it; the few cells the rules change (trimmed, empty, keyed otherwise) fixed with it,
/// duplicate ids looked for without it. Returns the hashes given by more than one id.
std::vector<std::uint64_t> read_ids_names(const Blocks& b, Read& r, PyObject* na) {
  constexpr std::size_t kChunk = 8192;
  PyObject** ids = b.slots;
  PyObject** names = b.slots + b.n;
  std::vector<std::size_t> name_rows;
  for (std::size_t begin = 0; begin < b.n; begin += kChunk) {
    const std::size_t end = std::min(b.n, begin + kChunk);
    own_columns(*r.id_column, r.name_column ? &*r.name_column : nullptr, ids, b.n, begin, end);
    WithoutGil release;
    scan_ids(ids, b.n, begin, end, r.ids);
    if (r.name_column) scan_names(names, begin, end, na, name_rows);
  }
  if (r.ids.with_gil.empty() && name_rows.empty()) {  // the usual case
    if (r.ids.increasing) return {};
    WithoutGil release;
    return duplicates(r.ids);
  }
  fix_ids(ids, r.ids);
  fix_names(names, name_rows, na);
  WithoutGil release;
  if (!r.ids.with_gil.empty()) order_ids(ids, b.n, r.ids);
  return duplicates(r.ids);
}

/// With the GIL, once the background work is over: each repeated row's references.
void finish(std::thread& other, std::vector<RepeatedRow>& rows) {
  if (other.joinable()) {
    WithoutGil release;
    other.join();
  }
  for (auto& row : rows) row.add_references();
}

/// The background work (on a second thread when `second`, else first on this one without the
/// GIL) and the reading of ids and names. Returns the hashes given by more than one id.
std::vector<std::uint64_t> run_steps(Background& background, std::vector<RepeatedRow>& rows,
                                     const Blocks& b, Read& r, PyObject* na, bool second) {
  std::thread other;
  try {
    if (second) other = std::thread(std::ref(background));
  } catch (const std::system_error&) {  // no thread: the same work on this one, below
  }
  std::vector<std::uint64_t> repeated;
  try {
    if (!other.joinable()) {
      WithoutGil release;
      // The pages of the id and name rows, faulted in here rather than under the GIL.
      std::memset(static_cast<void*>(b.slots), 0, 2 * b.n * sizeof(PyObject*));
      background();
    }
    if (other.joinable() || background.scored) repeated = read_ids_names(b, r, na);
  } catch (...) {
    finish(other, rows);
    throw;
  }
  finish(other, rows);
  if (!background.scored) throw NotFast{};
  return repeated;
}

/// The blocks of the result DataFrame (Blocks), or NotFast.
py::dict score_fast_impl(const std::vector<std::string>& headers, const py::list& columns,
                         const py::object& na, const FastOptions& o) {
  const Framework& fw = *o.fw;
  const std::size_t c = fw.size(),
                    n = columns.empty() ? 0 : static_cast<std::size_t>(py::len(columns[0]));
  const RatingsHeader h = ratings_header(
      headers, fw, [](std::size_t, std::string_view) -> Location { throw NotFast{}; });
  if (h.has_raters || n == 0 || n > 0x7FFFFFFF) throw NotFast{};
  std::vector<int> maxl;
  for (const auto& comp : fw.competencies()) maxl.push_back(comp.max_level());
  const std::optional<batch::Tables> tables = batch::Tables::make(o.rules, maxl, o.prof->scheme());
  if (!tables) throw NotFast{};  // weighted ratings, levels above 15: the table path
  const Blocks b(n, c, h.has_results);
  Read r;
  read_columns(headers, columns, h, fw, b, r);
  const Texts t = texts_of(r, fw, *o.prof, maxl, na.ptr());
  std::vector<RepeatedRow> rows = repeated_rows(b, t);
  const std::vector<std::int32_t> zeros(r.units && r.name_column ? 0 : n, 0);
  std::vector<std::int8_t> band(b.with_results ? n : 0);
  const Scoring scoring = scoring_of(*tables, b, t, r, band);
  Background background{r.numbers, scoring, rows, r, zeros, band, n};
  const bool second = o.threads >= 2 || (o.threads == 0 && n >= g_parallel_from &&
                                         std::thread::hardware_concurrency() > 1);
  const std::vector<std::uint64_t> repeated = run_steps(background, rows, b, r, na.ptr(), second);
  if (!repeated.empty() && same_keys(r.ids, b.slots, n, repeated)) throw NotFast{};  // given twice
  return b.dict();
}

py::dict metadata(const FastOptions& o) {
  py::dict d;
  scoring_metadata(d, *o.fw, *o.prof, o.rules);
  return d;
}

/// scoring.score's fast path: the result's blocks and metadata, or None for the table path.
py::object score_fast(const std::vector<std::string>& headers, const py::list& columns,
                      const py::object& na, const py::object& fw_arg, const py::object& profile_arg,
                      const std::optional<std::string>& method, const std::optional<double>& weight,
                      bool ratio_cap, bool dpis_rounding, int threads) {
  try {
    FastOptions o = fast_options(fw_arg, profile_arg, method, weight, ratio_cap, dpis_rounding);
    o.threads = threads;
    py::dict d = score_fast_impl(headers, columns, na, o);
    d["meta"] = metadata(o);
    return d;
  } catch (const NotFast&) {
    return py::none();
  } catch (const Error&) {
    return py::none();  // the table path raises it, located in the DataFrame
  }
}

/// Row i of `out` (n × c) = row row[i] of `table`, byte by byte (a memcpy call per row of five
/// bytes costs more than the copy). `C`: c when known at compile time, else 0.
template <std::size_t C>
void spread_rows(std::int8_t* __restrict out, const std::int8_t* __restrict table,
                 const std::int32_t* __restrict row, std::size_t n, std::size_t c) noexcept {
  const std::size_t w = C ? C : c;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int8_t* src = table + static_cast<std::size_t>(row[i]) * w;
    std::int8_t* dst = out + i * w;
    for (std::size_t j = 0; j < w; ++j) dst[j] = src[j];
  }
}

/// Expected levels (n × c int8, framework order) of a column of positions.
py::array_t<std::int8_t> expected_levels(const py::object& column, const py::object& na,
                                         const py::object& fw_arg, const py::object& profile_arg) {
  const auto fw = framework_of_arg(fw_arg);
  const auto prof = profile_of_arg(profile_arg, *fw);
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
  {
    py::gil_scoped_release release;
    if (c == 5)  // the BMA's and OCSC's core frameworks: the copy of a row unrolled
      spread_rows<5>(out.mutable_data(), p.expected.data(), d.row.data(), n, c);
    else
      spread_rows<0>(out.mutable_data(), p.expected.data(), d.row.data(), n, c);
  }
  return out;
}

/// For tests: how many of `x` the kernel's rounding of totals (batch::round_half_away_small,
/// twice) rounds otherwise than the library's round_dpis.
std::size_t rounding_differences(
    const py::array_t<double, py::array::c_style | py::array::forcecast>& x) {
  std::size_t differ = 0;
  for (py::ssize_t i = 0; i < x.size(); ++i) {
    const double v = x.data()[i];
    const double fast =
        batch::round_half_away_small(batch::round_half_away_small(v, 1000.0), 100.0);
    const double ref = round_dpis(v);
    differ += !(fast == ref && std::signbit(fast) == std::signbit(ref));
  }
  return differ;
}

/// For tests: batch::score_row_major over score_arrays' arrays (C-contiguous int8 n × c, float64
/// results or None): the dict score_arrays returns, or None where the kernel leaves the input
/// to score_batch. What register_scoring.cpp's batch() calls once it uses the kernel.
py::object score_rows_kernel(const py::array_t<std::int8_t>& held,
                             const py::array_t<std::int8_t>& expected,
                             const std::vector<int>& max_level, const py::object& results,
                             const std::string& method, double weight, bool dpis_rounding,
                             bool ratio_cap, const py::object& profile_arg) {
  const auto n = static_cast<std::size_t>(held.shape(0)),
             c = static_cast<std::size_t>(held.shape(1));
  std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>> res;
  if (!results.is_none())
    res = results.cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
  ScoringRules rules;
  rules.method = method_from_string(method).value();
  rules.weight = weight;
  rules.dpis_rounding = dpis_rounding;
  rules.ratio_cap = ratio_cap;
  Scheme scheme;
  if (!profile_arg.is_none()) {
    const std::string id = py::str(profile_arg);
    scheme = profile(id)->scheme();
  }
  BatchArrays arrays(n, c);
  const BatchOutput out = arrays.output();
  bool taken = false;
  {
    py::gil_scoped_release release;
    taken = batch::score_row_major(
        n, c, {held.data(), n * c}, {expected.data(), n * c}, max_level,
        res ? std::span<const double>(res->data(), n) : std::span<const double>(), rules, scheme,
        out);
  }
  if (!taken) return py::none();
  return arrays.dict();
}

void register_speed_scoring(py::module_& m) {
  m.def("_speed_score_rows", &score_rows_kernel, py::arg("held"), py::arg("expected"),
        py::arg("max_level"), py::arg("results"), py::arg("method"), py::arg("weight"),
        py::arg("dpis_rounding"), py::arg("ratio_cap"), py::arg("profile"),
        "For tests: score_arrays' result by the batch kernel (batch_kernel.hpp), or None where it "
        "leaves the input to score_batch.");
  m.def("_speed_rounding_differences", &rounding_differences, py::arg("x"),
        "For tests: how many values the columnar path's rounding of totals rounds otherwise than "
        "round_dpis.");
  m.def("_score_fast", &score_fast, py::arg("headers"), py::arg("columns"), py::arg("na"),
        py::arg("framework"), py::arg("profile"), py::arg("method"), py::arg("weight"),
        py::arg("ratio_cap"), py::arg("dpis_rounding"), py::arg("threads") = 0,
        "score(df)'s columnar path: the result's blocks, or None when the table path must decide.");
  m.def(
      "_speed_parallel_from", [](std::size_t rows) { return std::exchange(g_parallel_from, rows); },
      py::arg("rows"),
      "For tests: score(df)'s columnar path uses a second thread from this many rows (default "
      "200000); returns the previous value.");
  m.def(
      "_speed_without_gil_seconds",
      [] { return static_cast<double>(g_without_gil_ns.exchange(0)) * 1e-9; },
      "For benchmarks: CPU seconds the calling threads of score(df)'s columnar path spent without "
      "the GIL since the last call (the library's own second thread not counted).");
  m.def("_held_levels", &held_levels, py::arg("columns"), py::arg("max_level"),
        py::arg("threads") = 0,
        "score_arrays' held levels from a DataFrame's competency columns: (int8 n × c, None), "
        "or (None, (column, row)) of the first value that is not a level (row -1: not numbers).");
  m.def("_expected_levels", &expected_levels, py::arg("positions"), py::arg("na"),
        py::arg("framework"), py::arg("profile"),
        "Expected levels (n × c int8) of positions (object array or (codes, categories)).");
}

const Area area("speed_scoring", register_speed_scoring);

}  // namespace
}  // namespace samatthana::python
