#pragma once
// Each register_<area>.cpp adds the bindings of its area with a static Area object; module.cpp
// calls them all in name order. Keeps the extension thin and organised by area.
#include <pybind11/pybind11.h>

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
}  // namespace samatthana::python
