// Bindings of the model: Framework, Competency, Level, Indicator, Text and the loaders.
// Objects returned from a Framework keep it alive (reference_internal / keep_alive), so a
// Competency taken from fw stays valid after fw goes out of scope in Python.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace py = pybind11;
using namespace samatthana;

namespace {

// pybind11 holders cannot be shared_ptr<const T>; Framework exposes no mutating member, so
// casting constness away for the holder keeps it immutable from Python.
using FrameworkPtr = std::shared_ptr<Framework>;
FrameworkPtr hold(std::shared_ptr<const Framework> p) {
  return std::const_pointer_cast<Framework>(p);
}

/// Text and its provenance: Correction, Variant, Text, Alias, Witness.
void register_texts(py::module_& m) {
  py::class_<Correction>(m, "Correction", "A spelling or wording fix and the source's text.")
      .def_readonly("source_text", &Correction::source_text)
      .def_readonly("note", &Correction::note)
      .def("__eq__", [](const Correction& a, const Correction& b) { return a == b; });

  py::class_<Variant>(m, "Variant", "Another witness's reading of a text.")
      .def_readonly("witness", &Variant::witness)
      .def_readonly("th", &Variant::th)
      .def_readonly("note", &Variant::note);

  py::class_<Text>(m, "Text", "Thai text with English rendering, correction and variants.")
      .def_readonly("th", &Text::th)
      .def_readonly("en", &Text::en)
      .def_property_readonly("correction",
                             [](const Text& t) -> py::object {
                               return t.correction ? py::cast(*t.correction) : py::none();
                             })
      .def_readonly("variants", &Text::variants)
      .def_property_readonly("as_in_source", &Text::as_in_source)
      .def("__str__", [](const Text& t) { return t.th; });

  py::class_<Alias>(m, "Alias")
      .def_readonly("th", &Alias::th)
      .def_readonly("source", &Alias::source);
  py::class_<Witness>(m, "Witness")
      .def_readonly("id", &Witness::id)
      .def_readonly("description", &Witness::description);
}

/// Indicator, Level and Competency (views into a Framework).
void register_competency(py::module_& m) {
  py::class_<Indicator>(m, "Indicator", "A behavioural indicator (id like 'integrity.1.2').")
      .def_readonly("id", &Indicator::id)
      .def_readonly("text", &Indicator::text)
      .def_property_readonly("th", [](const Indicator& i) { return i.text.th; })
      .def_property_readonly("en", [](const Indicator& i) { return i.text.en; })
      .def_property_readonly("correction", [](const Indicator& i) -> py::object {
        return i.text.correction ? py::cast(*i.text.correction) : py::none();
      });

  py::class_<Level>(m, "Level", "Level k of a competency; levels are cumulative.")
      .def_readonly("number", &Level::number)
      .def_readonly("title", &Level::title)
      .def_readonly("indicators", &Level::indicators);

  py::class_<Competency>(m, "Competency")
      .def_readonly("id", &Competency::id)
      .def_property_readonly("group",
                             [](const Competency& c) { return std::string(to_string(c.group)); })
      .def_readonly("name", &Competency::name)
      .def_readonly("definition", &Competency::definition)
      .def_property_readonly("codes",
                             [](const Competency& c) {
                               py::dict d;
                               for (const auto& code : c.codes)
                                 d[py::str(code.system)] = code.value;
                               return d;
                             })
      .def_readonly("aliases", &Competency::aliases)
      .def_readonly("levels", &Competency::levels)
      .def_property_readonly("max_level", &Competency::max_level)
      .def("level", &Competency::level, py::arg("k"), py::return_value_policy::reference_internal,
           "Level k (1..max_level).")
      .def(
          "indicators_at",
          [](const Competency& c, int k) {
            auto s = c.indicators_at(k);
            return std::vector<Indicator>(s.begin(), s.end());
          },
          py::arg("k"), "What level k adds: its own indicators (none for level 0).")
      .def(
          "indicators_through",
          [](const Competency& c, int k) {
            std::vector<Indicator> out;
            for (const auto* i : c.indicators_through(k)) out.push_back(*i);
            return out;
          },
          py::arg("k"), "Everything a person at level k must show: levels 1..k.")
      .def(
          "full_title",
          [](const Competency& c, int k, const std::string& digits) {
            return c.full_title(k, digits == "arabic" ? text::Digits::arabic : text::Digits::thai);
          },
          py::arg("k"), py::arg("digits") = "thai",
          "The title as the source writes it, with 'แสดงสมรรถนะระดับที่ k-1 และ'.");
}

/// Provenance and the Framework class.
void register_framework_class(py::module_& m) {
  py::class_<Provenance>(m, "Provenance")
      .def_readonly("issuer", &Provenance::issuer)
      .def_readonly("approved", &Provenance::approved)
      .def_readonly("approved_as_written", &Provenance::approved_as_written)
      .def_readonly("letter_number", &Provenance::letter_number)
      .def_readonly("letter_date", &Provenance::letter_date)
      .def_readonly("letter_date_as_written", &Provenance::letter_date_as_written)
      .def_readonly("source_document", &Provenance::source_document)
      .def_readonly("witnesses", &Provenance::witnesses)
      .def_readonly("notes", &Provenance::notes);

  py::class_<Framework, FrameworkPtr>(m, "Framework",
                                      "A validated, immutable competency framework.")
      .def_property_readonly("id", &Framework::id)
      .def_property_readonly("version", &Framework::version)
      .def_property_readonly("name", &Framework::name)
      .def_property_readonly("provenance", &Framework::provenance)
      .def_property_readonly("level_zero", &Framework::level_zero)
      .def_property_readonly(
          "competencies",
          [](const Framework& f) {
            std::vector<const Competency*> out;
            for (const auto& c : f.competencies()) out.push_back(&c);
            return out;
          },
          py::return_value_policy::reference_internal)
      .def("competency", &Framework::competency, py::arg("key"),
           py::return_value_policy::reference_internal,
           "The competency named by id, DPIS code, Thai/English name or alias.")
      .def(
          "find",
          [](const Framework& f, const std::string& key) -> py::object {
            auto i = f.find(key);
            if (!i) return py::none();
            return py::cast(&f.competencies()[*i], py::return_value_policy::reference);
          },
          py::arg("key"), py::keep_alive<0, 1>(), "Like competency() but None when unknown.")
      .def("indicator", &Framework::indicator, py::arg("id"),
           py::return_value_policy::reference_internal)
      .def(
          "level_title",
          [](const Framework& f, const std::string& key, int k, const std::string& digits) {
            return f.level_title(f.competency(key), k,
                                 digits == "arabic" ? text::Digits::arabic : text::Digits::thai);
          },
          py::arg("competency"), py::arg("k"), py::arg("digits") = "thai")
      .def_property_readonly("indicator_count", &Framework::indicator_count)
      .def("__len__", &Framework::size)
      .def("__contains__",
           [](const Framework& f, const std::string& key) { return f.find(key).has_value(); })
      .def("__getitem__", &Framework::competency, py::return_value_policy::reference_internal)
      .def("__eq__", [](const Framework& a, const Framework& b) { return a == b; })
      .def(
          "to_json", [](const Framework& f) { return to_json(f); },
          "The canonical JSON text (what save() writes).")
      .def(
          "save", [](const Framework& f, const std::filesystem::path& p) { save_framework(f, p); },
          py::arg("path"), "Write the canonical JSON atomically.");
}

/// The loaders: files, strings, built-in ids.
void register_loaders(py::module_& m) {
  m.def(
      "load_framework",
      [](const std::filesystem::path& p) { return std::make_shared<Framework>(load_framework(p)); },
      py::arg("path"), "Load and validate a framework JSON file.");
  m.def(
      "parse_framework",
      [](const std::string& s, const std::string& name) {
        return std::make_shared<Framework>(parse_framework(s, name));
      },
      py::arg("text"), py::arg("source_name") = "<string>");
  m.def(
      "framework", [](const std::string& s) { return hold(framework(s)); }, py::arg("name_or_path"),
      "A built-in framework by id ('bma-core-2550', 'ocsc-core-2552', …) or a JSON file.");
  m.def("builtin_framework_ids", &builtin_framework_ids);
  m.def(
      "embedded_data",
      [](const std::string& name) { return py::bytes(std::string(embedded_data(name))); },
      py::arg("name"));
}

void register_model(py::module_& m) {
  register_texts(m);
  register_competency(m);
  register_framework_class(m);
  register_loaders(m);
}

const python::Area area("model", register_model);

}  // namespace
