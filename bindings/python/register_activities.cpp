// Activity-catalogue bindings: a catalogue read (built-in id or file, any table encoding or .xlsx,
// or JSON) and checked against a framework by the core's ActivityIndex, returned as columns. The
// Pythonic layer is samatthana/activities.py.
#include <pybind11/stl.h>

#include "read_options.hpp"
#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

std::shared_ptr<const Framework> framework_of(const py::object& fw_arg) {
  if (fw_arg.is_none()) return nullptr;
  if (py::isinstance<py::str>(fw_arg)) return framework(fw_arg.cast<std::string>());
  return fw_arg.cast<std::shared_ptr<Framework>>();
}

/// The catalogue's rows indexed for the framework (the catalogue's first framework when none is
/// given, else bma-core-2550), in framework order, then level, then catalogue order.
py::dict catalogue_dict(const std::string& catalogue, const py::object& fw_arg,
                        const std::string& encoding, const std::string& sheet) {
  ActivityCatalogue cat;
  {
    const ScopedReadOptions scope(read_options(encoding, sheet));
    cat = activity_catalogue(catalogue);
  }
  auto fw = framework_of(fw_arg);
  if (!fw)
    fw = builtin_framework(cat.frameworks.empty() ? "bma-core-2550" : cat.frameworks.front());
  const ActivityIndex index(cat, *fw);
  py::list cid, written, level, title, description, details, source, where;
  for (std::size_t j = 0; j < fw->size(); ++j)
    for (int k = 1; k <= fw->competencies()[j].max_level(); ++k)
      for (const Activity& a : index.at(j, k)) {
        cid.append(fw->competencies()[j].id);
        written.append(a.competency);
        level.append(a.level);
        title.append(a.title);
        description.append(a.description);
        details.append(a.details);
        source.append(a.source);
        where.append(a.where.str());
      }
  py::dict cols;
  cols["competency_id"] = cid;
  cols["competency"] = written;
  cols["level"] = level;
  cols["title"] = title;
  cols["description"] = description;
  cols["details"] = details;
  cols["source"] = source;
  cols["where"] = where;
  py::dict d;
  d["columns"] = cols;
  d["id"] = cat.id;
  d["name"] = cat.name.th;
  d["framework"] = fw->id();
  d["frameworks"] = cat.frameworks;
  d["source"] = cat.source;
  d["warning"] = cat.warning;
  return d;
}

void register_activities(py::module_& m) {
  m.def("_activities", &catalogue_dict, py::arg("catalogue"), py::arg("framework"),
        py::arg("encoding") = "auto", py::arg("sheet") = "");
  m.def("_builtin_activity_ids", &builtin_activity_ids);
}

const Area area("activities", register_activities);

}  // namespace
}  // namespace samatthana::python
