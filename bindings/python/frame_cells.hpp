#pragma once
// DataFrames given to C++ column by column: numpy arrays (float64 for numeric columns, NaN =
// empty; object for the rest) turned into samatthana::Cell values, and locations in DataFrame
// terms. Only conversion: every check is the core's (samatthana/builders.hpp).
#include <pybind11/numpy.h>

#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registry.hpp"
#include "samatthana/builders.hpp"

namespace samatthana::python {

/// A DataFrame as cells. `file` names it in errors ("<DataFrame>", "<evidence DataFrame>", ...);
/// a row's `line` is its line in `df.to_csv(index=False)` (header = line 1), so that messages
/// naming lines read as the CLI's for the same table written as CSV.
struct Frame {
  std::string file;
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> columns;  ///< per header: one cell per row
  std::size_t rows = 0;
  std::vector<py::object> keep;  ///< the str objects whose UTF-8 the cells view

  [[nodiscard]] static std::size_t line_of(std::size_t row) { return row + 2; }
  /// A location in this frame: header `col` (npos = none) of row `row` (npos = the header).
  [[nodiscard]] Location where(std::size_t row, std::size_t col, std::string_view value) const {
    Location w;
    w.file = file;
    w.line = row == npos ? 1 : line_of(row);
    if (col < headers.size()) {
      w.column = col + 1;
      w.path = headers[col];
    }
    w.value = std::string(value);
    return w;
  }
  /// The text of a cell used as text (ids, names, roles): empty cells are "".
  [[nodiscard]] static std::string text(const Cell& c) {
    return c.kind == Cell::Kind::text ? std::string(c.text) : c.shown();
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

namespace detail_frame {

inline std::string_view utf8_of(PyObject* s, const Frame& f, std::size_t row, std::size_t col) {
  Py_ssize_t len = 0;
  const char* p = PyUnicode_AsUTF8AndSize(s, &len);
  if (!p) {
    PyErr_Clear();
    Location w = f.where(row, col, "");
    throw EncodingError("this text cell cannot be written as UTF-8 (a lone surrogate?)", w);
  }
  return std::string_view(p, static_cast<std::size_t>(len));
}

/// One Python object as a cell: None, pd.NA and NaN are empty; bool and numpy.bool_ are booleans;
/// str is text; int, float and anything with __float__ (numpy numbers) are numbers; the rest is
/// its str().
inline Cell cell_of(PyObject* o, PyObject* na, PyObject* np_bool, Frame& f, std::size_t row,
                    std::size_t col) {
  if (o == Py_None || o == na) return Cell{};
  if (PyBool_Check(o) || (np_bool && PyObject_IsInstance(o, np_bool) == 1))
    return Cell{Cell::Kind::boolean, PyObject_IsTrue(o) == 1 ? 1.0 : 0.0, {}};
  if (PyUnicode_Check(o)) {
    f.keep.push_back(py::reinterpret_borrow<py::object>(o));
    return Cell::of(utf8_of(o, f, row, col));
  }
  if (PyFloat_Check(o) || PyLong_Check(o) || PyNumber_Check(o)) {
    const double v = PyFloat_AsDouble(o);
    if (!(v == -1.0 && PyErr_Occurred())) return std::isnan(v) ? Cell{} : Cell::of(v);
    PyErr_Clear();
  }
  py::object s = py::reinterpret_steal<py::object>(PyObject_Str(o));
  if (!s) throw py::error_already_set();
  f.keep.push_back(s);
  return Cell::of(utf8_of(s.ptr(), f, row, col));
}

}  // namespace detail_frame

/// A frame from its headers and one 1-D numpy array per header (float64 or object, same length).
inline Frame to_frame(std::string file, std::vector<std::string> headers, const py::list& columns,
                      const py::handle& na, const py::handle& np_bool) {
  Frame f;
  f.file = std::move(file);
  f.headers = std::move(headers);
  if (columns.size() != f.headers.size()) throw ValidationError("one array per column");
  f.columns.resize(f.headers.size());
  for (std::size_t j = 0; j < f.headers.size(); ++j) {
    const py::array a = py::reinterpret_borrow<py::array>(columns[j]);
    if (a.ndim() != 1)
      throw ValidationError("a DataFrame column must be 1-D", f.where(Frame::npos, j, ""));
    const auto n = static_cast<std::size_t>(a.shape(0));
    if (j == 0) f.rows = n;
    if (n != f.rows)
      throw ValidationError("columns of different lengths", f.where(Frame::npos, j, ""));
    auto& cells = f.columns[j];
    cells.reserve(n);
    if (a.dtype().kind() == 'f') {
      const auto d = py::array_t<double, py::array::forcecast>::ensure(a);
      const auto v = d.unchecked<1>();
      for (std::size_t r = 0; r < n; ++r) {
        const double x = v(static_cast<py::ssize_t>(r));
        cells.push_back(std::isnan(x) ? Cell{} : Cell::of(x));
      }
    } else if (a.dtype().kind() == 'O') {
      for (std::size_t r = 0; r < n; ++r) {
        auto* const* item = static_cast<PyObject* const*>(a.data(static_cast<py::ssize_t>(r)));
        cells.push_back(detail_frame::cell_of(*item, na.ptr(), np_bool.ptr(), f, r, j));
      }
    } else {
      throw ValidationError("a DataFrame column must come as a float64 or object array",
                            f.where(Frame::npos, j, ""));
    }
  }
  return f;
}

}  // namespace samatthana::python
