#pragma once
// Each register_<area>.cpp adds the bindings of its area with a static Area object; module.cpp
// calls them all in name order. Keeps the extension thin and organised by area.
#include <pybind11/pybind11.h>

#include "samatthana/error.hpp"

#include <string>
#include <vector>

namespace samatthana::python {
namespace py = pybind11;
using RegisterFn = void (*)(py::module_&);
struct AreaEntry {
  std::string name;
  RegisterFn fn;
};
inline std::vector<AreaEntry>& areas() {
  static std::vector<AreaEntry> all;
  return all;
}
struct Area {
  Area(const char* name, RegisterFn fn) { areas().push_back({name, fn}); }
};
/// The Python exception of `type` for `e`, with its location as attributes (message, file, line,
/// column, path, value, byte_offset): one shape for every samatthana exception.
inline py::object error_object(py::handle type, const Error& e) {
  py::object exc = type(e.what());
  const Location& w = e.where();
  exc.attr("message") = e.message();
  exc.attr("file") = w.file;
  exc.attr("line") = w.line;
  exc.attr("column") = w.column;
  exc.attr("path") = w.path;
  exc.attr("value") = w.value;
  exc.attr("byte_offset") = w.byte_offset ? py::cast(*w.byte_offset) : py::none();
  return exc;
}
}  // namespace samatthana::python
