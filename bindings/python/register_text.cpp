// Bindings of the text layer (Thai text, numbers, dates, collation, segmentation) and of
// IndicatorIndex search, in the private submodule _samatthana.text. The public, Pythonic surface
// is samatthana/thai.py; this file stays thin.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "registry.hpp"
#include "samatthana/search.hpp"
#include "samatthana/text.hpp"

namespace py = pybind11;
using namespace samatthana;

namespace {

text::Digits digits_of(const std::string& d) {
  if (d == "thai") return text::Digits::thai;
  if (d == "arabic") return text::Digits::arabic;
  throw ValidationError("digits must be 'thai' or 'arabic', not '" + d + "'");
}

text::DateStyle style_of(const std::string& s) {
  if (s == "full") return text::DateStyle::full;
  if (s == "abbreviated") return text::DateStyle::abbreviated;
  if (s == "official") return text::DateStyle::official;
  if (s == "iso") return text::DateStyle::iso;
  throw ValidationError("date style must be 'full', 'abbreviated', 'official' or 'iso', not '" + s +
                        "'");
}

// Python str indices count code points; C++ offsets count UTF-8 bytes.
std::size_t code_points_before(const std::string& s, std::size_t byte) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u) ++n;
  return n;
}

py::tuple date_tuple(const text::Date& d) { return py::make_tuple(d.year, d.month, d.day); }
py::tuple round_tuple(const text::AppraisalRound& r) {
  return py::make_tuple(r.fiscal_year_be, r.round, date_tuple(r.start), date_tuple(r.end));
}

// Sort keys for many strings: the inputs are copied into C++ strings while the GIL is held, the
// keys are computed with the GIL released (pure C++ on those copies and a const Collator, which
// is thread-safe), and the bytes objects are made after the GIL is taken back.
py::list sort_keys(const text::Collator& coll, const py::iterable& items) {
  std::vector<std::string> in;
  for (py::handle h : items) in.push_back(h.cast<std::string>());
  std::vector<std::string> keys(in.size());
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < in.size(); ++i) keys[i] = coll.sort_key(in[i]);
  }
  py::list out(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) out[i] = py::bytes(keys[i]);
  return out;
}

/// A search hit as the dict samatthana.search returns (spans in code points).
py::dict hit_dict(const SearchHit& h) {
  py::list spans;
  for (const auto& s : h.highlights)
    spans.append(
        py::make_tuple(code_points_before(h.text, s.begin), code_points_before(h.text, s.end)));
  py::dict d;
  d["kind"] = std::string(to_string(h.kind));
  d["competency_id"] = h.competency_id;
  d["level"] = h.level;
  d["indicator_id"] = h.indicator_id;
  d["language"] = h.language;
  d["text"] = h.text;
  d["score"] = h.score;
  d["highlights"] = spans;
  d["approximate"] = h.approximate;
  return d;
}

/// Normalisation, digits, UTF-8 checks and numbers.
void register_strings(py::module_& m) {
  m.def("normalize", &text::normalize, py::arg("s"));
  m.def("match_key", &text::match_key, py::arg("s"));
  m.def("to_thai_digits", &text::to_thai_digits, py::arg("s"));
  m.def("to_arabic_digits", &text::to_arabic_digits, py::arg("s"));
  m.def("is_valid_utf8", [](const py::bytes& b) { return text::is_valid_utf8(std::string(b)); });
  m.def(
      "validate_utf8",
      [](const py::bytes& b, const std::string& what) {
        text::validate_utf8(std::string(b), what);
      },
      py::arg("data"), py::arg("what") = "text");
  m.def(
      "parse_int",
      [](const std::string& s, const std::string& what) { return text::parse_int(s, what); },
      py::arg("s"), py::arg("what") = "number");
  m.def(
      "format_int",
      [](long long n, const std::string& d, bool g) {
        return text::format_int(n, digits_of(d), g);
      },
      py::arg("n"), py::arg("digits"), py::arg("grouping"));
  m.def(
      "format_level",
      [](int k, const std::string& d) { return text::format_level(k, digits_of(d)); },
      py::arg("level"), py::arg("digits"));
}

/// Dates and appraisal rounds.
void register_dates(py::module_& m) {
  m.def(
      "parse_date", [](const std::string& s) { return date_tuple(text::parse_date(s)); },
      py::arg("s"));
  m.def(
      "format_date",
      [](int y, int mo, int d, const std::string& style, const std::string& dg) {
        return text::format_date(text::make_date(y, mo, d), style_of(style), digits_of(dg));
      },
      py::arg("year"), py::arg("month"), py::arg("day"), py::arg("style"), py::arg("digits"));
  m.def("month_name", &text::month_name, py::arg("month"), py::arg("abbreviated") = false);
  m.def("round_of", [](int y, int mo, int d) {
    return round_tuple(text::round_of(text::make_date(y, mo, d)));
  });
  m.def("round", [](int fy, int r) { return round_tuple(text::round(fy, r)); });
}

/// Collation and word segmentation.
void register_collation(py::module_& m) {
  py::class_<text::Collator>(m, "Collator")
      .def(py::init([](bool numeric) { return text::Collator(text::Collator::Options{numeric}); }),
           py::arg("numeric") = false)
      .def_property_readonly("numeric", [](const text::Collator& c) { return c.options().numeric; })
      .def("compare", &text::Collator::compare, py::arg("a"), py::arg("b"))
      .def(
          "sort_key",
          [](const text::Collator& c, const std::string& s) { return py::bytes(c.sort_key(s)); },
          py::arg("s"))
      .def("sort_keys", &sort_keys, py::arg("items"));

  m.def(
      "segment",
      [](const std::string& s) {
        std::vector<std::string> out;
        for (const auto& sp : text::segment(s)) out.emplace_back(sp.of(s));
        return out;
      },
      py::arg("s"));
  m.def(
      "segment_icu",
      [](const std::string& s) {
        std::vector<std::string> out;
        for (const auto& sp : text::segment_icu(s)) out.emplace_back(sp.of(s));
        return out;
      },
      py::arg("s"));
  m.def("words", &text::words, py::arg("s"));
}

/// IndicatorIndex search (the GIL released while searching).
void register_search(py::module_& m) {
  py::class_<IndicatorIndex>(m, "IndicatorIndex")
      .def(py::init<const Framework&>(), py::arg("framework"), py::keep_alive<1, 2>())
      .def("__len__", &IndicatorIndex::size)
      .def(
          "search",
          [](const IndicatorIndex& ix, const std::string& q, const std::string& comp,
             std::size_t limit, double min_score, bool typos, bool definitions) {
            SearchOptions o;
            o.competency = comp;
            o.limit = limit;
            o.min_score = min_score;
            o.typos = typos;
            o.definitions = definitions;
            std::vector<SearchHit> hits;
            {
              // search() is const and touches only C++ data (the index and the framework it
              // keeps alive); q and o are C++ copies, so no Python object is used here.
              py::gil_scoped_release release;
              hits = ix.search(q, o);
            }
            py::list out;
            for (const auto& h : hits) out.append(hit_dict(h));
            return out;
          },
          py::arg("query"), py::arg("competency") = "", py::arg("limit") = 20,
          py::arg("min_score") = 0.0, py::arg("typos") = true, py::arg("definitions") = false);
}

void register_text(py::module_& top) {
  py::module_ m = top.def_submodule("text", "Thai text: private shims behind samatthana.thai");
  register_strings(m);
  register_dates(m);
  register_collation(m);
  register_search(m);
}

const samatthana::python::Area area("text", register_text);

}  // namespace
