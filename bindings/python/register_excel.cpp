// Excel workbooks from Python (samatthana.to_excel, samatthana/excel.py): DataFrame columns, typed
// in Python, written by the library's workbook writer (table_xlsx, samatthana/spreadsheet.hpp)
// and saved as the CLI's -o saves (write_file_atomic), with the GIL released while C++ works.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>

#include "registry.hpp"
#include "samatthana/error.hpp"
#include "samatthana/io.hpp"
#include "samatthana/spreadsheet.hpp"

namespace samatthana::python {
namespace {

CellKind kind_of(const std::string& k) {
  if (k == "text") return CellKind::text;
  if (k == "integer") return CellKind::integer;
  if (k == "number") return CellKind::number;
  if (k == "two_decimals") return CellKind::two_decimals;
  if (k == "percent") return CellKind::percent;
  throw ValidationError("unknown cell kind '" + k +
                        "' (text, integer, number, two_decimals, percent)");
}

/// One column: (header, kind, cells): a list of str ("" = empty) for text, a float64 array (NaN
/// = empty) for the other kinds.
SheetColumn column_of(const py::tuple& t) {
  SheetColumn c;
  c.header = t[0].cast<std::string>();
  c.kind = kind_of(t[1].cast<std::string>());
  if (c.kind == CellKind::text) {
    c.text = t[2].cast<std::vector<std::string>>();
    return c;
  }
  const auto a = t[2].cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
  c.numbers.assign(a.data(), a.data() + a.size());
  return c;
}

/// [(sheet name, [(header, kind, cells), ...]), ...] as the writer's sheets.
std::vector<SheetData> book_of(const py::list& sheets) {
  std::vector<SheetData> book;
  for (const auto& s : sheets) {
    const auto t = s.cast<py::tuple>();
    SheetData d;
    d.name = t[0].cast<std::string>();
    for (const auto& col : t[1].cast<py::list>())
      d.columns.push_back(column_of(col.cast<py::tuple>()));
    book.push_back(std::move(d));
  }
  return book;
}

void register_excel(py::module_& m) {
  m.def(
      "_write_xlsx",
      [](const py::list& sheets, const std::string& path) {
        const std::vector<SheetData> book = book_of(sheets);
        py::gil_scoped_release release;
        write_file_atomic(path, table_xlsx(book));
      },
      py::arg("sheets"), py::arg("path"),
      "Writes [(sheet name, [(header, kind, cells), ...]), ...] as an .xlsx workbook at path "
      "(table_xlsx, "
      "written as write_file_atomic writes).");
}

const Area area("excel", register_excel);

}  // namespace
}  // namespace samatthana::python
