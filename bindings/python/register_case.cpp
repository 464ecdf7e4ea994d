// Bindings of the CASE 1.1 export and import (samatthana/case.hpp, docs/case.md).
#include <pybind11/stl.h>

#include "registry.hpp"
#include "samatthana/case.hpp"
#include "samatthana/samatthana.hpp"

namespace py = pybind11;
using namespace samatthana;

namespace {

void register_case(py::module_& m) {
  m.def("to_case_json", &to_case_json, py::arg("framework"),
        "The framework as a CASE 1.1 CFPackage (JSON text, deterministic bytes).");
  m.def("parse_case_json", &parse_case_json, py::arg("json"), py::arg("source_name") = "<string>",
        "A framework from a CASE 1.1 CFPackage (JSON text); ValidationError with the JSON path "
        "for missing or inconsistent parts.");
  m.def("uuid_v5", &uuid_v5, py::arg("namespace"), py::arg("name"),
        "UUID v5 (RFC 4122, SHA-1) of name in namespace, as text.");
  m.attr("CASE_NAMESPACE") = std::string(kCaseNamespace);
}

const python::Area area("case", register_case);

}  // namespace
