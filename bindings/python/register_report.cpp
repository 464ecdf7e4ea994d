// Report bindings: a person's sheet and the cohort overview from ratings / evidence / results
// given as CSV files or CSV text (samatthana/report.py turns DataFrames into CSV text), rendered
// to HTML or Markdown strings. The Python layer adds to_html / _repr_html_ / to_markdown.
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "registry.hpp"
#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

/// Own wrapper, so the scoring area may bind CohortScores itself without a clash.
struct CohortReport {
  CohortScores scores;
};

struct Inputs {
  std::shared_ptr<const Framework> fw;
  std::shared_ptr<const Profile> prof;
  RatingsTable ratings;
  std::optional<EvidenceTable> evidence;
  std::optional<ResultsTable> results;
  ScoringOptions opt;
};

std::shared_ptr<const Framework> fw_of(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();
}

/// Each source is ("path", value) or ("text", value) or None.
using Source = std::optional<std::pair<std::string, std::string>>;

Inputs load(const Source& ratings, const Source& evidence, const Source& results, const py::object& fw_arg,
            const py::object& profile_arg, const std::optional<std::string>& method, const std::optional<double>& weight,
            const std::string& policy, double threshold, const std::string& missing) {
  Inputs in;
  in.fw = fw_of(fw_arg);
  in.prof = profile_arg.is_none() ? default_profile(*in.fw) : profile(py::str(profile_arg).cast<std::string>());
  in.prof->check(*in.fw);
  if (!ratings) throw ValidationError("give the ratings (a CSV file or a DataFrame)");
  auto is_path = [](const std::pair<std::string, std::string>& s) { return s.first == "path"; };
  {
    // Reading and parsing touch no Python object: the strings are C++ copies owned by this frame.
    py::gil_scoped_release release;
    in.ratings = is_path(*ratings) ? load_ratings_csv(ratings->second, in.fw)
                                   : read_ratings_csv(ratings->second, in.fw, "<DataFrame>");
    if (evidence)
      in.evidence = is_path(*evidence) ? load_evidence_csv(evidence->second, *in.fw)
                                       : read_evidence_csv(evidence->second, *in.fw, "<evidence>");
    if (results)
      in.results = is_path(*results) ? load_results_csv(results->second) : read_results_csv(results->second, "<results>");
  }
  if (method) {
    const auto m = method_from_string(*method);
    if (!m) throw ValidationError("unknown method '" + *method + "' (bma, bar, rating, ratio)");
    in.opt.rules.method = *m;
  } else {
    in.opt.rules.method = in.prof->data().method.value_or(Method::bma);
  }
  in.opt.rules.weight = weight.value_or(in.prof->scheme().competency_weight);
  const auto pol = level_policy_from_string(policy);
  if (!pol) throw ValidationError("unknown policy '" + policy + "' (auto, strict, threshold, rated)");
  in.opt.levels.policy = *pol;
  in.opt.levels.threshold = threshold;
  if (missing != "error" && missing != "zero") throw ValidationError("missing must be 'error' or 'zero'");
  in.opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  return in;
}

ReportOptions report_options(bool thai_digits, int year_be, int round_no, const std::string& organisation,
                             const std::string& title) {
  ReportOptions ro;
  ro.digits = thai_digits ? text::Digits::thai : text::Digits::arabic;
  if (year_be) ro.round = text::round(year_be, round_no);
  ro.organisation = organisation;
  ro.title = title;
  return ro;
}

void register_report(py::module_& m) {
  py::class_<PersonSheet>(m, "_PersonSheet", "One person's scored appraisal, ready to render.")
      .def_property_readonly("person_id", [](const PersonSheet& s) { return s.score.person.id; })
      .def_property_readonly("name", [](const PersonSheet& s) { return s.score.person.name; })
      .def_property_readonly("unit", [](const PersonSheet& s) { return s.score.person.unit; })
      .def_property_readonly("position", [](const PersonSheet& s) { return s.score.person.position; })
      .def_property_readonly("competencies",
                             [](const PersonSheet& s) {
                               std::vector<std::string> v;
                               for (const auto& c : s.framework->competencies()) v.push_back(c.id);
                               return v;
                             })
      .def_property_readonly("names",
                             [](const PersonSheet& s) {
                               std::vector<std::string> v;
                               for (const auto& c : s.framework->competencies()) v.push_back(c.name.th);
                               return v;
                             })
      .def_property_readonly("max_levels",
                             [](const PersonSheet& s) {
                               std::vector<int> v;
                               for (const auto& c : s.framework->competencies()) v.push_back(c.max_level());
                               return v;
                             })
      .def_property_readonly("held",
                             [](const PersonSheet& s) {
                               std::vector<int> v;
                               for (const auto& c : s.score.competencies) v.push_back(c.held);
                               return v;
                             })
      .def_property_readonly("expected",
                             [](const PersonSheet& s) {
                               std::vector<int> v;
                               for (const auto& c : s.score.competencies) v.push_back(c.expected);
                               return v;
                             })
      .def_property_readonly("competency_score", [](const PersonSheet& s) { return s.score.competency_score; })
      .def_property_readonly("results", [](const PersonSheet& s) { return s.score.results; })
      .def_property_readonly("total", [](const PersonSheet& s) { return s.score.total; })
      .def_property_readonly("band",
                             [](const PersonSheet& s) -> std::optional<std::string> {
                               if (!s.score.band) return std::nullopt;
                               return s.profile->scheme().bands.at(*s.score.band).th;
                             })
      .def(
          "html",
          [](const PersonSheet& s, bool thai, int y, int r, const std::string& org, const std::string& title) {
            return person_sheet_html(s, report_options(thai, y, r, org, title));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "")
      .def(
          "markdown",
          [](const PersonSheet& s, bool thai, int y, int r, const std::string& org, const std::string& title) {
            return person_sheet_markdown(s, report_options(thai, y, r, org, title));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "")
      .def(
          "radar_svg", [](const PersonSheet& s, bool thai) { return radar_svg(s, report_options(thai, 0, 0, "", "")); },
          py::arg("thai_digits") = true);

  py::class_<CohortReport>(m, "_CohortReport", "A scored cohort, ready to render.")
      .def_property_readonly("size", [](const CohortReport& s) { return s.scores.n; })
      .def(
          "html",
          [](const CohortReport& s, bool thai, int y, int r, const std::string& org, const std::string& title) {
            return cohort_overview_html(s.scores, report_options(thai, y, r, org, title));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "")
      .def(
          "markdown",
          [](const CohortReport& s, bool thai, int y, int r, const std::string& org, const std::string& title) {
            return cohort_overview_markdown(s.scores, report_options(thai, y, r, org, title));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "");

  m.def(
      "_person_sheet",
      [](const Source& ratings, const std::string& person_id, const Source& evidence, const Source& results,
         const py::object& fw, const py::object& prof, const std::optional<std::string>& method,
         const std::optional<double>& weight, const std::string& policy, double threshold, const std::string& missing) {
        Inputs in = load(ratings, evidence, results, fw, prof, method, weight, policy, threshold, missing);
        return make_person_sheet(in.ratings, in.evidence ? &*in.evidence : nullptr, in.results ? &*in.results : nullptr,
                                 person_id, in.prof, in.opt);
      },
      py::arg("ratings"), py::arg("person_id"), py::arg("evidence") = py::none(), py::arg("results") = py::none(),
      py::arg("framework") = py::none(), py::arg("profile") = py::none(), py::arg("method") = py::none(),
      py::arg("weight") = py::none(), py::arg("policy") = "auto", py::arg("threshold") = 0.5,
      py::arg("missing") = "error");
  m.def(
      "_person_ids",
      [](const Source& ratings, const py::object& fw) {
        Inputs in = load(ratings, std::nullopt, std::nullopt, fw, py::none(), std::nullopt, std::nullopt, "auto", 0.5,
                         "error");
        std::vector<std::string> ids;
        for (const auto& p : in.ratings.people) ids.push_back(p.id);
        return ids;
      },
      py::arg("ratings"), py::arg("framework") = py::none());
  m.def(
      "_score_cohort_for_report",
      [](const Source& ratings, const Source& evidence, const Source& results, const py::object& fw,
         const py::object& prof, const std::optional<std::string>& method, const std::optional<double>& weight,
         const std::string& policy, double threshold, const std::string& missing) {
        Inputs in = load(ratings, evidence, results, fw, prof, method, weight, policy, threshold, missing);
        py::gil_scoped_release release;  // pure C++ on values owned by this frame
        return CohortReport{score_cohort(in.ratings, in.evidence ? &*in.evidence : nullptr, in.results ? &*in.results : nullptr,
                            in.prof, in.opt)};
      },
      py::arg("ratings"), py::arg("evidence") = py::none(), py::arg("results") = py::none(),
      py::arg("framework") = py::none(), py::arg("profile") = py::none(), py::arg("method") = py::none(),
      py::arg("weight") = py::none(), py::arg("policy") = "auto", py::arg("threshold") = 0.5,
      py::arg("missing") = "error");
  m.def("_html_escape", &html_escape, py::arg("text"));
}

const Area area("report", register_report);

}  // namespace
}  // namespace samatthana::python
