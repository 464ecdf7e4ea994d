// Report bindings: a person's sheet and the cohort overview from ratings / evidence / results
// given as CSV files or CSV text (samatthana/report.py turns DataFrames into CSV text), rendered
// to HTML or Markdown strings. The Python layer adds to_html / _repr_html_ / to_markdown.
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "columns.hpp"
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

/// The scoring options of a report, as samatthana/report.py passes them (one dict, the keys of
/// `_common` there): framework, profile, method, weight, policy, threshold, missing, raters,
/// rater_weights, rater_rounding.
struct ScoringArgs {
  py::object framework = py::none(), profile = py::none(), rater_weights = py::none();
  std::optional<std::string> method;
  std::optional<double> weight;
  std::string policy = "auto", missing = "error", raters = "supervisor", rater_rounding = "nearest";
  double threshold = 0.5;
};

ScoringArgs scoring_args(const py::dict& d) {
  ScoringArgs a;
  for (const auto& [k, v] : d) {
    const std::string key = py::str(k).cast<std::string>();
    const bool none = v.is_none();
    if (key == "framework")
      a.framework = py::reinterpret_borrow<py::object>(v);
    else if (key == "profile")
      a.profile = py::reinterpret_borrow<py::object>(v);
    else if (key == "rater_weights")
      a.rater_weights = py::reinterpret_borrow<py::object>(v);
    else if (key == "method") {
      if (!none) a.method = v.cast<std::string>();
    } else if (key == "weight") {
      if (!none) a.weight = v.cast<double>();
    } else if (key == "policy")
      a.policy = v.cast<std::string>();
    else if (key == "missing")
      a.missing = v.cast<std::string>();
    else if (key == "raters")
      a.raters = v.cast<std::string>();
    else if (key == "rater_rounding")
      a.rater_rounding = v.cast<std::string>();
    else if (key == "threshold")
      a.threshold = v.cast<double>();
    else
      throw ValidationError("unknown report option '" + key + "'");
  }
  return a;
}

/// The rater options of a report call (the same words and rules as samatthana.score).
void set_raters(HeldLevelOptions& o, const ScoringArgs& a) {
  set_rater_options(o, a.raters, a.rater_weights, a.rater_rounding);
}

ScoringOptions scoring_options(const ScoringArgs& a, const Profile& prof) {
  ScoringOptions opt;
  if (a.method) {
    const auto m = method_from_string(*a.method);
    if (!m) throw ValidationError("unknown method '" + *a.method + "' (bma, bar, rating, ratio)");
    opt.rules.method = *m;
  } else {
    opt.rules.method = prof.data().method.value_or(Method::bma);
  }
  opt.rules.weight = a.weight.value_or(prof.scheme().competency_weight);
  const auto pol = level_policy_from_string(a.policy);
  if (!pol)
    throw ValidationError("unknown policy '" + a.policy + "' (auto, strict, threshold, rated)");
  opt.levels.policy = *pol;
  opt.levels.threshold = a.threshold;
  if (a.missing != "error" && a.missing != "zero")
    throw ValidationError("missing must be 'error' or 'zero'");
  opt.missing = a.missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
  set_raters(opt.levels, a);
  return opt;
}

Inputs load(const Source& ratings, const Source& evidence, const Source& results,
            const py::dict& options) {
  const ScoringArgs a = scoring_args(options);
  Inputs in;
  in.fw = fw_of(a.framework);
  in.prof = a.profile.is_none() ? default_profile(*in.fw)
                                : profile(py::str(a.profile).cast<std::string>());
  in.prof->check(*in.fw);
  in.opt = scoring_options(a, *in.prof);
  if (!ratings) throw ValidationError("give the ratings (a CSV file or a DataFrame)");
  auto is_path = [](const std::pair<std::string, std::string>& s) { return s.first == "path"; };
  // Reading and parsing touch no Python object: the strings are C++ copies owned by this frame.
  py::gil_scoped_release release;
  in.ratings = is_path(*ratings) ? load_ratings_csv(ratings->second, in.fw)
                                 : read_ratings_csv(ratings->second, in.fw, "<DataFrame>");
  if (evidence)
    in.evidence = is_path(*evidence) ? load_evidence_csv(evidence->second, *in.fw)
                                     : read_evidence_csv(evidence->second, *in.fw, "<evidence>");
  if (results)
    in.results = is_path(*results) ? load_results_csv(results->second)
                                   : read_results_csv(results->second, "<results>");
  return in;
}

/// Everyone's assessment in one pass over each table (assessment_of looks one person up by
/// scanning every table, so calling it per person is quadratic): the same ratings, evidence
/// (file order) and results (a results table overrides the ratings' column; the last row wins).
std::vector<Assessment> all_assessments(const Inputs& in) {
  const RatingsTable& t = in.ratings;
  const Framework& fw = *t.framework;
  const std::size_t c = fw.size(), n = t.size();
  std::vector<Assessment> out(n);
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].person = t.people[i];
    index.emplace(t.people[i].id, i);  // the first row of an id, as assessment_of finds it
    if (!t.results.empty() && !std::isnan(t.results[i])) out[i].results = t.results[i];
    if (i < t.other.size() && !std::isnan(t.other[i])) out[i].other = t.other[i];
  }
  auto rate = [&](std::size_t i, std::size_t j, std::int8_t cell, RaterRole role,
                  const std::string& rater) {
    if (cell >= 0) out[i].ratings.push_back(Rating{fw.competencies()[j].id, cell, role, rater, ""});
  };
  if (t.has_raters()) {
    for (std::size_t k = 0; k < t.raters.size(); ++k)
      for (std::size_t j = 0; j < c; ++j)
        rate(t.raters[k].person, j, t.rater_levels[k * c + j], t.raters[k].role,
             t.raters[k].rater_id);
  } else {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < c; ++j)
        rate(i, j, t.levels[i * c + j], RaterRole::supervisor, "");
  }
  if (in.evidence)
    for (const EvidenceRow& e : in.evidence->rows)
      if (const auto it = index.find(e.person_id); it != index.end())
        out[it->second].evidence.push_back(IndicatorEvidence{
            e.indicator_id, e.observation, e.evidence, RaterRole::supervisor, ""});
  if (in.results)
    for (std::size_t k = 0; k < in.results->rows.size(); ++k) {
      const auto it = index.find(in.results->rows[k].first);
      if (it == index.end()) continue;
      out[it->second].results = in.results->rows[k].second;
      if (k < in.results->other.size() && !std::isnan(in.results->other[k]))
        out[it->second].other = in.results->other[k];  // the other part, with its results
    }
  return out;
}

ReportOptions report_options(bool thai_digits, int year_be, int round_no,
                             const std::string& organisation, const std::string& title,
                             const std::string& footer = "", std::size_t min_raters = 0) {
  ReportOptions ro;
  ro.digits = thai_digits ? text::Digits::thai : text::Digits::arabic;
  if (year_be) ro.round = text::round(year_be, round_no);
  ro.organisation = organisation;
  ro.title = title;
  ro.footer = footer;
  ro.min_raters_per_role = min_raters;
  return ro;
}

/// `f(competency)` for each competency of the person's own set, in the sheet's order.
template <class F>
auto per_competency(const PersonSheet& s, const F& f) {
  std::vector<std::decay_t<decltype(f(std::declval<const Competency&>()))>> v;
  for (const auto& cs : s.score.competencies)
    v.push_back(f(s.framework->competency(cs.competency)));
  return v;
}

/// _PersonSheet: the person, their levels and scores, and its renderings.
void register_person_sheet(py::module_& m) {
  py::class_<PersonSheet> cls(m, "_PersonSheet", "One person's scored appraisal, ready to render.");
  cls.def_property_readonly("person_id", [](const PersonSheet& s) { return s.score.person.id; })
      .def_property_readonly("name", [](const PersonSheet& s) { return s.score.person.name; })
      .def_property_readonly("unit", [](const PersonSheet& s) { return s.score.person.unit; })
      .def_property_readonly("position",
                             [](const PersonSheet& s) { return s.score.person.position; })
      .def_property_readonly("competencies",
                             [](const PersonSheet& s) {
                               return per_competency(s, [](const Competency& c) { return c.id; });
                             })
      .def_property_readonly("names",
                             [](const PersonSheet& s) {
                               return per_competency(s,
                                                     [](const Competency& c) { return c.name.th; });
                             })
      .def_property_readonly("max_levels",
                             [](const PersonSheet& s) {
                               return per_competency(
                                   s, [](const Competency& c) { return c.max_level(); });
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
      .def_property_readonly("competency_score",
                             [](const PersonSheet& s) { return s.score.competency_score; })
      .def_property_readonly("results", [](const PersonSheet& s) { return s.score.results; })
      .def_property_readonly("other", [](const PersonSheet& s) { return s.score.other; })
      .def_property_readonly("other_points",
                             [](const PersonSheet& s) { return s.score.other_points; })
      .def_property_readonly("total", [](const PersonSheet& s) { return s.score.total; })
      .def_property_readonly("band", [](const PersonSheet& s) -> std::optional<std::string> {
        if (!s.score.band) return std::nullopt;
        return s.profile->scheme().bands.at(*s.score.band).th;
      });
  cls.def(
         "html",
         [](const PersonSheet& s, bool thai, int y, int r, const std::string& org,
            const std::string& title, const std::string& footer, std::size_t min_raters) {
           return person_sheet_html(s, report_options(thai, y, r, org, title, footer, min_raters));
         },
         py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
         py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "", py::arg("footer") = "",
         py::arg("min_raters") = 0)
      .def(
          "markdown",
          [](const PersonSheet& s, bool thai, int y, int r, const std::string& org,
             const std::string& title, const std::string& footer, std::size_t min_raters) {
            return person_sheet_markdown(
                s, report_options(thai, y, r, org, title, footer, min_raters));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "", py::arg("footer") = "",
          py::arg("min_raters") = 0)
      .def(
          "radar_svg",
          [](const PersonSheet& s, bool thai) {
            return radar_svg(s, report_options(thai, 0, 0, "", ""));
          },
          py::arg("thai_digits") = true);
}

/// _CohortReport: a scored cohort and its renderings.
void register_cohort_report(py::module_& m) {
  py::class_<CohortReport>(m, "_CohortReport", "A scored cohort, ready to render.")
      .def_property_readonly("size", [](const CohortReport& s) { return s.scores.n; })
      .def(
          "html",
          [](const CohortReport& s, bool thai, int y, int r, const std::string& org,
             const std::string& title, const std::string& footer) {
            return cohort_overview_html(s.scores, report_options(thai, y, r, org, title, footer));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "", py::arg("footer") = "")
      .def(
          "markdown",
          [](const CohortReport& s, bool thai, int y, int r, const std::string& org,
             const std::string& title, const std::string& footer) {
            return cohort_overview_markdown(s.scores,
                                            report_options(thai, y, r, org, title, footer));
          },
          py::arg("thai_digits") = true, py::arg("year_be") = 0, py::arg("round") = 0,
          py::arg("organisation") = "กรุงเทพมหานคร", py::arg("title") = "", py::arg("footer") = "");
}

/// The functions that read the tables and make the sheets and the cohort report.
void register_report_functions(py::module_& m) {
  m.def(
      "_person_sheet",
      [](const Source& ratings, const std::string& person_id, const Source& evidence,
         const Source& results, const py::dict& options) {
        Inputs in = load(ratings, evidence, results, options);
        return make_person_sheet(
            in.ratings, person_id, in.prof,
            {.evidence = input_ref(in.evidence), .results = input_ref(in.results)}, in.opt);
      },
      py::arg("ratings"), py::arg("person_id"), py::arg("evidence") = py::none(),
      py::arg("results") = py::none(), py::arg("options") = py::dict());
  m.def(
      "_person_sheets",
      [](const Source& ratings, const Source& evidence, const Source& results,
         const py::dict& options) {
        const Inputs in = load(ratings, evidence, results, options);
        std::vector<PersonSheet> sheets;
        {
          py::gil_scoped_release release;  // pure C++ on values owned by this frame
          std::vector<Assessment> all = all_assessments(in);
          sheets.reserve(all.size());
          for (Assessment& a : all)
            sheets.push_back(make_person_sheet(in.fw, in.prof, std::move(a), in.opt));
        }
        return sheets;
      },
      "Everyone's sheet, in file order: each table read once, linear in the number of people.",
      py::arg("ratings"), py::arg("evidence") = py::none(), py::arg("results") = py::none(),
      py::arg("options") = py::dict());
  m.def(
      "_person_ids",
      [](const Source& ratings, const py::dict& options) {
        Inputs in = load(ratings, std::nullopt, std::nullopt, options);
        std::vector<std::string> ids;
        for (const auto& p : in.ratings.people) ids.push_back(p.id);
        return ids;
      },
      py::arg("ratings"), py::arg("options") = py::dict());
  m.def(
      "_score_cohort_for_report",
      [](const Source& ratings, const Source& evidence, const Source& results,
         const py::dict& options) {
        Inputs in = load(ratings, evidence, results, options);
        py::gil_scoped_release release;  // pure C++ on values owned by this frame
        return CohortReport{score_cohort(
            in.ratings, in.prof,
            {.evidence = input_ref(in.evidence), .results = input_ref(in.results)}, in.opt)};
      },
      py::arg("ratings"), py::arg("evidence") = py::none(), py::arg("results") = py::none(),
      py::arg("options") = py::dict());
  m.def("_html_escape", &html_escape, py::arg("text"));
}

void register_report(py::module_& m) {
  register_person_sheet(m);
  register_cohort_report(m);
  register_report_functions(m);
}

const Area area("report", register_report);

}  // namespace
}  // namespace samatthana::python
