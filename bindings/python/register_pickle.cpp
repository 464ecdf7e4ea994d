// Pickling support for the model's value classes (Text, Indicator, Level, Competency, ...):
// `_pickle_state(obj)` gives a tuple of the object's fields as Python objects (nested model
// objects stay objects, so each pickles by its own reducer) and `_unpickle_<Class>(state)` builds
// it back. samatthana/_pickle.py registers the reducers with copyreg; a Framework pickles through
// its canonical JSON (Framework.to_json / parse_framework) instead.
//
// The classes are registered by the "model" area, which module.cpp calls before this one ("model"
// < "pickle"). This area also gives the value classes without one an `__eq__` (their C++
// operator==) and a `__hash__` consistent with it, so that a round trip can be checked for
// equality; Framework and Correction keep theirs.
#include <pybind11/stl.h>

#include <functional>
#include <string>
#include <vector>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

py::tuple state(const Correction& c) { return py::make_tuple(c.source_text, c.note); }
py::tuple state(const Variant& v) { return py::make_tuple(v.witness, v.th, v.note); }
py::tuple state(const Text& t) {
  return py::make_tuple(t.th, t.en, t.correction ? py::cast(*t.correction) : py::none(),
                        t.variants);
}
py::tuple state(const Alias& a) { return py::make_tuple(a.th, a.source); }
py::tuple state(const Witness& w) { return py::make_tuple(w.id, w.description); }
py::tuple state(const Indicator& i) { return py::make_tuple(i.id, i.text); }
py::tuple state(const Level& l) { return py::make_tuple(l.number, l.title, l.indicators); }
py::tuple state(const Competency& c) {
  std::vector<std::pair<std::string, std::string>> codes;
  for (const auto& code : c.codes) codes.emplace_back(code.system, code.value);
  return py::make_tuple(c.id, std::string(to_string(c.group)), c.name, c.definition, codes,
                        c.aliases, c.levels);
}
py::tuple state(const Provenance& p) {
  return py::make_tuple(p.issuer, p.approved, p.approved_as_written, p.letter_number, p.letter_date,
                        p.letter_date_as_written, p.source_document, p.witnesses, p.notes);
}

/// Field `i` of a state tuple as T; a state of the wrong length is a ValidationError.
void check_size(const py::tuple& s, std::size_t n, const char* what) {
  if (s.size() != n)
    throw ValidationError(std::string("not a pickled ") + what + ": its state has " +
                          std::to_string(s.size()) + " fields, not " + std::to_string(n));
}

Correction correction_of(const py::tuple& s) {
  check_size(s, 2, "Correction");
  return Correction{s[0].cast<std::string>(), s[1].cast<std::string>()};
}
Variant variant_of(const py::tuple& s) {
  check_size(s, 3, "Variant");
  return Variant{s[0].cast<std::string>(), s[1].cast<std::string>(), s[2].cast<std::string>()};
}
Text text_of(const py::tuple& s) {
  check_size(s, 4, "Text");
  Text t;
  t.th = s[0].cast<std::string>();
  t.en = s[1].cast<std::string>();
  if (!s[2].is_none()) t.correction = s[2].cast<Correction>();
  t.variants = s[3].cast<std::vector<Variant>>();
  return t;
}
Alias alias_of(const py::tuple& s) {
  check_size(s, 2, "Alias");
  return Alias{s[0].cast<std::string>(), s[1].cast<std::string>()};
}
Witness witness_of(const py::tuple& s) {
  check_size(s, 2, "Witness");
  return Witness{s[0].cast<std::string>(), s[1].cast<std::string>()};
}
Indicator indicator_of(const py::tuple& s) {
  check_size(s, 2, "Indicator");
  return Indicator{s[0].cast<std::string>(), s[1].cast<Text>()};
}
Level level_of(const py::tuple& s) {
  check_size(s, 3, "Level");
  return Level{s[0].cast<int>(), s[1].cast<Text>(), s[2].cast<std::vector<Indicator>>()};
}
Competency competency_of(const py::tuple& s) {
  check_size(s, 7, "Competency");
  Competency c;
  c.id = s[0].cast<std::string>();
  const auto group = group_from_string(s[1].cast<std::string>());
  if (!group)
    throw ValidationError("not a pickled Competency: unknown group '" + s[1].cast<std::string>() +
                          "'");
  c.group = *group;
  c.name = s[2].cast<Text>();
  c.definition = s[3].cast<Text>();
  for (const auto& [system, value] : s[4].cast<std::vector<std::pair<std::string, std::string>>>())
    c.codes.push_back(Code{system, value});
  c.aliases = s[5].cast<std::vector<Alias>>();
  c.levels = s[6].cast<std::vector<Level>>();
  return c;
}
Provenance provenance_of(const py::tuple& s) {
  check_size(s, 9, "Provenance");
  Provenance p;
  p.issuer = s[0].cast<Text>();
  p.approved = s[1].cast<std::string>();
  p.approved_as_written = s[2].cast<std::string>();
  p.letter_number = s[3].cast<std::string>();
  p.letter_date = s[4].cast<std::string>();
  p.letter_date_as_written = s[5].cast<std::string>();
  p.source_document = s[6].cast<std::string>();
  p.witnesses = s[7].cast<std::vector<Witness>>();
  p.notes = s[8].cast<std::string>();
  return p;
}

/// `_pickle_state` for T, `_unpickle_<name>`, and (unless the class has its own) `__eq__` by
/// operator== and a `__hash__` of `key(obj)` (equal objects have equal keys).
template <class T, class Key>
void add_value_class(py::module_& m, const char* name, T (*from)(const py::tuple&), Key key,
                     bool eq) {
  m.def(
      "_pickle_state", [](const T& v) { return state(v); }, py::arg("obj"));
  m.def((std::string("_unpickle_") + name).c_str(), from, py::arg("state"));
  if (!eq) return;
  py::object cls = py::type::of<T>();
  cls.attr("__eq__") = py::cpp_function(
      [](const T& a, const py::object& b) -> py::object {
        if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<const T&>());
      },
      py::is_method(cls), py::name("__eq__"));
  cls.attr("__hash__") =
      py::cpp_function([key](const T& v) { return std::hash<std::string>{}(key(v)); },
                       py::is_method(cls), py::name("__hash__"));
}

/// `cls.__reduce__` by samatthana._pickle's reducers, so that objects pickle whether or not the
/// program imported samatthana._pickle (the import registers the copyreg reducers, which
/// pickle then prefers).
void reduce_through_pickle_module(const py::object& cls) {
  cls.attr("__reduce__") = py::cpp_function(
      [](const py::object& self) {
        return py::module_::import("samatthana._pickle").attr("_reduce")(self);
      },
      py::is_method(cls), py::name("__reduce__"));
}

void register_pickle(py::module_& m) {
  add_value_class<Correction>(
      m, "Correction", &correction_of, [](const Correction&) { return std::string(); }, false);
  add_value_class<Variant>(
      m, "Variant", &variant_of, [](const Variant& v) { return v.th; }, true);
  add_value_class<Text>(
      m, "Text", &text_of, [](const Text& t) { return t.th; }, true);
  add_value_class<Alias>(
      m, "Alias", &alias_of, [](const Alias& a) { return a.th; }, true);
  add_value_class<Witness>(
      m, "Witness", &witness_of, [](const Witness& w) { return w.id; }, true);
  add_value_class<Indicator>(
      m, "Indicator", &indicator_of, [](const Indicator& i) { return i.id; }, true);
  add_value_class<Level>(
      m, "Level", &level_of, [](const Level& l) { return l.title.th; }, true);
  add_value_class<Competency>(
      m, "Competency", &competency_of, [](const Competency& c) { return c.id; }, true);
  add_value_class<Provenance>(
      m, "Provenance", &provenance_of, [](const Provenance& p) { return p.letter_number; }, true);
  for (const char* name : {"Framework", "Correction", "Variant", "Text", "Alias", "Witness",
                           "Indicator", "Level", "Competency", "Provenance"})
    reduce_through_pickle_module(m.attr(name));
}

const Area area("pickle", register_pickle);

}  // namespace
}  // namespace samatthana::python
