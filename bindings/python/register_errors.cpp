// The collect-all-errors mode in Python (issue 17): samatthana.ImportErrors, raised with every
// located error of an import (.errors: one dict per error), and the checks that read a table in
// that mode (samatthana.errors: check_ratings, read_ratings(..., all_errors=True), score(...)).
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "read_options.hpp"
#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

/// One collected error as Python sees it.
py::dict error_dict(const LocatedError& e) {
  py::dict d;
  d["file"] = e.where.file;
  d["line"] = e.where.line;
  d["column"] = e.where.column;
  d["path"] = e.where.path;
  d["value"] = e.where.value;
  d["byte_offset"] = e.where.byte_offset ? py::cast(*e.where.byte_offset) : py::none();
  d["message"] = e.message;
  d["kind"] = std::string(to_string(e.kind));
  d["text"] = e.text;
  return d;
}

std::shared_ptr<const Framework> framework_of(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();  // a samatthana.Framework
}

/// The reading options of a check: encoding, sheet and the collect mode with `cap`.
ReadOptions collecting(const std::string& encoding, const std::string& sheet, std::size_t cap) {
  if (cap == 0) {
    Location at;
    at.path = "all_errors";
    at.value = "0";
    throw ValidationError("all_errors needs True or a number 1 or more (the most errors kept)", at);
  }
  ReadOptions o = read_options(encoding, sheet);
  o.all_errors = cap;
  return o;
}

/// What a check reads: a file, or CSV text (a DataFrame written as CSV).
enum class Table : std::uint8_t { ratings, evidence, results, kpis };

void check_file(Table table, const std::string& path, const py::object& fw_arg,
                const std::string& encoding, const std::string& sheet, std::size_t cap) {
  const auto fw =
      table == Table::ratings || table == Table::evidence ? framework_of(fw_arg) : nullptr;
  const ReadOptions how = collecting(encoding, sheet, cap);
  py::gil_scoped_release release;  // reading touches no Python object
  const ScopedReadOptions scope(how);
  switch (table) {
    case Table::ratings:
      (void)load_ratings_columns(path, fw);
      break;
    case Table::evidence:
      (void)load_evidence_csv(path, *fw);
      break;
    case Table::results:
      (void)load_results_csv(path);
      break;
    case Table::kpis:
      (void)load_kpis(path);
      break;
  }
}

void check_text(Table table, const std::string& text, const py::object& fw_arg,
                const std::string& file, std::size_t cap) {
  const auto fw =
      table == Table::ratings || table == Table::evidence ? framework_of(fw_arg) : nullptr;
  const ReadOptions how = collecting("auto", "", cap);
  py::gil_scoped_release release;
  const ScopedReadOptions scope(how);
  switch (table) {
    case Table::ratings:
      (void)read_ratings_columns(text, fw, file);
      break;
    case Table::evidence:
      (void)read_evidence_csv(text, *fw, file);
      break;
    case Table::results:
      (void)read_results_csv(text, file);
      break;
    case Table::kpis:
      (void)read_kpis_csv(text, file);
      break;
  }
}

Table table_of(const std::string& name) {
  if (name == "ratings") return Table::ratings;
  if (name == "evidence") return Table::evidence;
  if (name == "results") return Table::results;
  if (name == "kpis") return Table::kpis;
  Location at;
  at.value = name;
  throw ValidationError("not a table kind: ratings, evidence, results or kpis", at);
}

void register_errors(py::module_& m) {
  // samatthana.ImportErrors: a samatthana.Error (so a ValueError) with .errors.
  // Never released: the module's exception types live as long as the interpreter (a static
  // py::object would be released after the interpreter is gone).
  static PyObject* const import_errors = PyErr_NewExceptionWithDoc(
      "_samatthana.ImportErrors",
      "Every located error of an import (all_errors=True): .errors is a list of dicts (file, "
      "line, column, path, value, byte_offset, message, kind, text) in file order; .more counts "
      "those past the cap.",
      py::object(m.attr("Error")).ptr(), nullptr);
  if (!import_errors) throw py::error_already_set();
  m.attr("ImportErrors") = py::handle(import_errors);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ImportErrors& e) {
      py::object exc = python::error_object(py::handle(import_errors), e);
      py::list errors;
      for (const LocatedError& item : e.errors().items()) errors.append(error_dict(item));
      exc.attr("errors") = errors;
      exc.attr("more") = e.errors().more();
      exc.attr("total") = e.errors().total();
      PyErr_SetObject(import_errors, exc.ptr());
    }
  });
  m.def(
      "_check_table_file",
      [](const std::string& kind, const std::string& path, const py::object& fw,
         const std::string& encoding, const std::string& sheet,
         std::size_t cap) { check_file(table_of(kind), path, fw, encoding, sheet, cap); },
      py::arg("kind"), py::arg("path"), py::arg("framework") = py::none(),
      py::arg("encoding") = "auto", py::arg("sheet") = "", py::arg("cap") = ErrorList::default_cap,
      "Reads a ratings, evidence, results or KPI file collecting every error (at most `cap`); "
      "raises ImportErrors listing them, or returns None when the file is good.");
  m.def(
      "_check_table_text",
      [](const std::string& kind, const std::string& text, const py::object& fw,
         const std::string& file,
         std::size_t cap) { check_text(table_of(kind), text, fw, file, cap); },
      py::arg("kind"), py::arg("text"), py::arg("framework") = py::none(),
      py::arg("file") = "<DataFrame>", py::arg("cap") = ErrorList::default_cap,
      "As _check_table_file for CSV text (a DataFrame written with to_csv(index=False)).");
}

const Area area("errors", register_errors);

}  // namespace
}  // namespace samatthana::python
