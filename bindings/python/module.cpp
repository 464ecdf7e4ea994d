// _samatthana: the private extension. Thin shims only; Pythonic conveniences live in the
// samatthana package (bindings/python/samatthana/).
#include <algorithm>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace py = pybind11;
using namespace samatthana;

PYBIND11_MODULE(_samatthana, m) {
  m.doc() = "samatthana: Thai civil-service competency frameworks (private extension)";
  m.attr("__version__") = SAMATTHANA_VERSION;

  // One Python exception family; ValueError where the input is at fault.
  static py::exception<Error> error(m, "Error", PyExc_ValueError);
  static py::exception<ParseError> parse_error(m, "ParseError", error.ptr());
  static py::exception<ValidationError> validation_error(m, "ValidationError", error.ptr());
  static py::exception<EncodingError> encoding_error(m, "EncodingError", error.ptr());
  static py::exception<IoError> io_error(m, "IoError", error.ptr());
  PyObject* lookup_bases = PyTuple_Pack(2, error.ptr(), PyExc_KeyError);
  static py::exception<LookupError> lookup_error(m, "LookupError", lookup_bases);
  Py_DECREF(lookup_bases);
  py::register_exception_translator([](std::exception_ptr p) {
    auto raise = [](py::handle type, const Error& e) {
      PyErr_SetObject(type.ptr(), python::error_object(type, e).ptr());
    };
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ParseError& e) {
      raise(parse_error, e);
    } catch (const ValidationError& e) {
      raise(validation_error, e);
    } catch (const EncodingError& e) {
      raise(encoding_error, e);
    } catch (const LookupError& e) {
      raise(lookup_error, e);
    } catch (const IoError& e) {
      raise(io_error, e);
    } catch (const Error& e) {
      raise(error, e);
    }
  });

  auto all = python::areas();
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& area : all) area.fn(m);
}
