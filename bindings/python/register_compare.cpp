// Bindings of framework comparison: correspondence and diff (as rows for a DataFrame).
#include <pybind11/stl.h>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace py = pybind11;
using namespace samatthana;

namespace {

void register_compare(py::module_& m) {
  m.def(
      "_diff_rows",
      [](const Framework& a, const Framework& b, double threshold) {
        const FrameworkDiff d = diff(a, b, core_correspondence(), DiffOptions{threshold});
        py::list rows;
        for (const auto& cd : d.competencies)
          for (const auto& ld : cd.levels)
            for (const auto& ic : ld.indicators) {
              py::dict r;
              r["competency_a"] = cd.a->id;
              r["competency_b"] = cd.b->id;
              r["level"] = ld.level;
              r["change"] = std::string(to_string(ic.change));
              r["indicator_a"] = ic.a ? py::cast(ic.a->id) : py::none();
              r["indicator_b"] = ic.b ? py::cast(ic.b->id) : py::none();
              r["text_a"] = ic.a ? py::cast(ic.a->text.th) : py::none();
              r["text_b"] = ic.b ? py::cast(ic.b->text.th) : py::none();
              r["similarity"] = ic.similarity;
              rows.append(r);
            }
        return rows;
      },
      py::arg("a"), py::arg("b"), py::arg("threshold") = 0.5);
  m.def(
      "corresponding",
      [](const Framework& from, const std::string& id, const Framework& to) -> py::object {
        const Competency* c = core_correspondence().corresponding(from, id, to);
        return c ? py::cast(c->id) : py::none();
      },
      py::arg("from_framework"), py::arg("competency_id"), py::arg("to_framework"),
      "The id of the competency of `to_framework` that corresponds to `competency_id`, or None.");
  m.def("text_similarity", &text_similarity, py::arg("a"), py::arg("b"));
}

const python::Area area("compare", register_compare);

}  // namespace
