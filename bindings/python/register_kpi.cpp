// KPI bindings: performance agreements read from files or DataFrames (the core's KpiBuilder does
// every check), DPIS's results part, and the scheme's results weight of a profile. The Pythonic
// layer is samatthana/appraisal.py.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>

#include "frame_cells.hpp"
#include "read_options.hpp"
#include "registry.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::python {
namespace {

/// The table as columns (one entry per KPI row).
py::dict table_dict(const KpiTable& t) {
  py::list pid, kid, name, weight, achieved, line;
  std::array<py::list, 5> targets;
  for (const Agreement& a : t.agreements)
    for (const Kpi& k : a.kpis) {
      pid.append(a.person_id);
      kid.append(k.id);
      name.append(k.name);
      weight.append(k.weight);
      achieved.append(k.achieved);
      line.append(k.line);
      for (std::size_t i = 0; i < 5; ++i) targets[i].append(k.targets[i]);
    }
  py::dict d;
  d["person_id"] = pid;
  d["kpi_id"] = kid;
  d["name"] = name;
  d["weight"] = weight;
  for (std::size_t i = 0; i < 5; ++i) d[py::str("target_" + std::to_string(i + 1))] = targets[i];
  d["achieved"] = achieved;
  d["line"] = line;
  return d;
}

/// A KPI table from DataFrame columns, located in DataFrame terms (as frame_cells.hpp does).
KpiTable frame_table(const std::string& file, std::vector<std::string> headers,
                     const py::list& columns, const py::handle& na, const py::handle& np_bool) {
  Frame f = to_frame(file, std::move(headers), columns, na, np_bool);
  std::array<std::size_t, 11> at;
  at.fill(Frame::npos);
  for (std::size_t j = 0; j < f.headers.size(); ++j) {
    const KpiColumn c = kpi_column(f.headers[j], f.where(Frame::npos, j, f.headers[j]));
    if (c == KpiColumn::ignored) continue;
    if (at[static_cast<std::size_t>(c)] != Frame::npos)
      throw ValidationError("column given twice", f.where(Frame::npos, j, f.headers[j]));
    at[static_cast<std::size_t>(c)] = j;
  }
  for (KpiColumn c : {KpiColumn::person_id, KpiColumn::kpi_id, KpiColumn::name, KpiColumn::weight,
                      KpiColumn::achieved})
    if (at[static_cast<std::size_t>(c)] == Frame::npos) {
      Location w = f.where(Frame::npos, Frame::npos, "");
      w.path = std::string(to_string(c));
      throw ValidationError("the KPI DataFrame has no '" + w.path + "' column", w);
    }
  KpiBuilder b{file};
  for (std::size_t r = 0; r < f.rows; ++r) {
    std::array<std::string, 11> text;
    const auto cell = [&](KpiColumn c) -> Cell {
      const std::size_t j = at[static_cast<std::size_t>(c)];
      return j == Frame::npos ? Cell{} : f.columns[j][r];
    };
    const auto str = [&](KpiColumn c) -> std::string_view {
      const std::size_t j = at[static_cast<std::size_t>(c)];
      auto& s = text[static_cast<std::size_t>(c)];
      if (j != Frame::npos) s = Frame::text(f.columns[j][r]);
      return s;
    };
    KpiBuilder::Row row;
    row.person_id = str(KpiColumn::person_id);
    row.kpi_id = str(KpiColumn::kpi_id);
    row.name = str(KpiColumn::name);
    row.weight = cell(KpiColumn::weight);
    row.achieved = cell(KpiColumn::achieved);
    for (std::size_t t = 0; t < 5; ++t)
      row.targets[t] =
          str(static_cast<KpiColumn>(static_cast<std::size_t>(KpiColumn::target1) + t));
    const CellWhere where = [&](std::string_view column, std::string_view value) {
      for (std::size_t c = 0; c < at.size(); ++c)
        if (at[c] != Frame::npos && to_string(static_cast<KpiColumn>(c)) == column)
          return f.where(r, at[c], value);
      Location w = f.where(r, Frame::npos, value);
      w.path = std::string(column);
      return w;
    };
    b.add(row, Frame::line_of(r), where);
  }
  return std::move(b).finish();
}

KpiRules rules_of(bool dpis_rounding, bool weights_100) {
  KpiRules r;
  r.dpis_rounding = dpis_rounding;
  if (weights_100) r.weights = WeightSum::must_be_100;
  return r;
}

/// Per person: score (Σ achieved × weight), weight_sum, results_part (points), results (percent).
py::dict results_dict(const KpiTable& t, double results_weight, const KpiRules& rules) {
  Scheme scheme;
  scheme.results_weight = results_weight;
  scheme.competency_weight = 100 - results_weight;
  py::list pid, score, wsum, points, percent, line;
  const ResultsTable check = results_table(t, scheme, rules);  // located errors
  (void)check;
  for (const Agreement& a : t.agreements) {
    const ResultsPart r = results_part(a, scheme, rules);
    pid.append(a.person_id);
    score.append(r.score);
    wsum.append(r.weight_sum);
    points.append(r.points);
    percent.append(r.percent());
    line.append(a.line);
  }
  py::dict d;
  d["person_id"] = pid;
  d["kpi_score"] = score;
  d["weight_sum"] = wsum;
  d["results_part"] = points;
  d["results"] = percent;
  d["line"] = line;
  return d;
}

/// The 9-box of scored people given as columns (the C++ nine_box on a cohort holding just what it
/// reads: ids, units, results percent, competency part and its weight).
py::dict nine_box_of(std::vector<std::string> ids, std::vector<std::string> units,
                     std::vector<double> results, std::vector<double> part, double weight,
                     const std::vector<double>& results_cutoffs,
                     const std::vector<double>& competency_cutoffs) {
  if (ids.size() != units.size() || ids.size() != results.size() || ids.size() != part.size())
    throw ValidationError("nine_box: the columns differ in length");
  CohortScores s;
  s.n = ids.size();
  s.has_results = true;
  s.rules.weight = weight;
  for (std::size_t i = 0; i < s.n; ++i) {
    Person p;
    p.id = std::move(ids[i]);
    p.unit = std::move(units[i]);
    s.people.push_back(std::move(p));
    if (std::isnan(results[i])) {
      Location w;
      w.path = "results";
      w.line = i + 2;
      throw ValidationError(
          "the 9-box needs everyone's results part; person '" + s.people[i].id + "' has none", w);
    }
  }
  s.results = std::move(results);
  s.part = std::move(part);
  NineBoxOptions o;
  if (results_cutoffs.size() != 2 || competency_cutoffs.size() != 2)
    throw ValidationError("give two cut-offs (low, high) per axis");
  o.results_low = results_cutoffs[0];
  o.results_high = results_cutoffs[1];
  o.competency_low = competency_cutoffs[0];
  o.competency_high = competency_cutoffs[1];
  const NineBox b = nine_box(s, o);
  py::dict d;
  d["results_percent"] = b.results_percent;
  d["competency_percent"] = b.competency_percent;
  d["results_tier"] = std::vector<int>(b.results_tier.begin(), b.results_tier.end());
  d["competency_tier"] = std::vector<int>(b.competency_tier.begin(), b.competency_tier.end());
  py::list groups;
  for (const NineBoxGroup& g : b.groups) {
    py::dict gd;
    gd["unit"] = g.unit;
    gd["people"] = g.people;
    gd["counts"] = std::vector<std::size_t>(g.counts.begin(), g.counts.end());
    groups.append(gd);
  }
  d["groups"] = groups;
  return d;
}

/// The calibration of scored people given as columns (ids, units, totals), as calibration_json.
std::string calibration_of(std::vector<std::string> ids, std::vector<std::string> units,
                           std::vector<double> totals, const py::object& fw_arg,
                           const py::object& profile_arg,
                           const std::optional<std::vector<std::pair<std::string, double>>>& caps,
                           double edge) {
  if (ids.size() != units.size() || ids.size() != totals.size())
    throw ValidationError("calibration: the columns differ in length");
  std::shared_ptr<const Framework> fw = fw_arg.is_none() ? builtin_framework("bma-core-2550")
                                        : py::isinstance<py::str>(fw_arg)
                                            ? framework(fw_arg.cast<std::string>())
                                            : fw_arg.cast<std::shared_ptr<Framework>>();
  CohortScores s;
  s.profile = profile_arg.is_none() ? default_profile(*fw)
                                    : profile(py::str(profile_arg).cast<std::string>());
  s.n = ids.size();
  s.has_results = true;
  for (std::size_t i = 0; i < s.n; ++i) {
    if (std::isnan(totals[i])) {
      Location w;
      w.path = "total";
      w.line = i + 2;
      throw ValidationError("calibration needs everyone's total; person '" + ids[i] + "' has none",
                            w);
    }
    Person p;
    p.id = std::move(ids[i]);
    p.unit = std::move(units[i]);
    s.people.push_back(std::move(p));
    s.band.push_back(static_cast<std::int8_t>(s.profile->scheme().band_index(totals[i])));
  }
  s.total = std::move(totals);
  CalibrationOptions o;
  if (!caps)
    o.caps = s.profile->data().caps;  // None: the profile's target distribution
  else
    for (const auto& [band, share] : *caps) o.caps.push_back(BandCap{band, share});
  o.edge = edge;
  return calibration_json(s, calibrate(s, std::nullopt, o));
}

void register_kpi(py::module_& m) {
  m.def("_calibration", &calibration_of, py::arg("ids"), py::arg("units"), py::arg("totals"),
        py::arg("framework"), py::arg("profile"), py::arg("caps"), py::arg("edge"));
  m.def("_nine_box", &nine_box_of, py::arg("ids"), py::arg("units"), py::arg("results"),
        py::arg("part"), py::arg("weight"), py::arg("results_cutoffs"),
        py::arg("competency_cutoffs"));
  m.def(
      "_read_kpis",
      [](const std::string& path, const std::string& encoding, const std::string& sheet) {
        const ScopedReadOptions scope(read_options(encoding, sheet));
        return table_dict(load_kpis(path));
      },
      py::arg("path"), py::arg("encoding") = "auto", py::arg("sheet") = "");
  m.def(
      "_kpi_frame",
      [](std::vector<std::string> headers, const py::list& columns, const py::handle& na,
         const py::handle& np_bool) {
        return table_dict(frame_table("<KPI DataFrame>", std::move(headers), columns, na, np_bool));
      },
      py::arg("headers"), py::arg("columns"), py::arg("na"), py::arg("np_bool"));
  m.def(
      "_kpi_results",
      [](std::vector<std::string> headers, const py::list& columns, const py::handle& na,
         const py::handle& np_bool, double results_weight, bool dpis_rounding, bool weights_100) {
        const KpiTable t = frame_table("<KPI DataFrame>", std::move(headers), columns, na, np_bool);
        return results_dict(t, results_weight, rules_of(dpis_rounding, weights_100));
      },
      py::arg("headers"), py::arg("columns"), py::arg("na"), py::arg("np_bool"),
      py::arg("results_weight"), py::arg("dpis_rounding"), py::arg("weights_100"));
  m.def(
      "_results_part",
      [](const std::vector<double>& achieved, const std::vector<double>& weights,
         double results_weight, bool dpis_rounding, bool weights_100) {
        if (achieved.size() != weights.size())
          throw ValidationError("give one weight per achieved level (" +
                                std::to_string(achieved.size()) + " levels, " +
                                std::to_string(weights.size()) + " weights)");
        std::vector<Kpi> kpis(achieved.size());
        for (std::size_t i = 0; i < kpis.size(); ++i) {
          kpis[i].id = std::to_string(i + 1);
          kpis[i].achieved = achieved[i];
          kpis[i].weight = weights[i];
        }
        const ResultsPart r =
            results_part(kpis, results_weight, rules_of(dpis_rounding, weights_100));
        py::dict d;
        d["kpi_score"] = r.score;
        d["weight_sum"] = r.weight_sum;
        d["results_part"] = r.points;
        d["results"] = r.percent();
        return d;
      },
      py::arg("achieved"), py::arg("weights"), py::arg("results_weight"),
      py::arg("dpis_rounding") = true, py::arg("weights_100") = false);
  m.def(
      "_scheme_weights",
      [](const py::object& fw_arg, const py::object& profile_arg) {
        std::shared_ptr<const Framework> fw = fw_arg.is_none() ? builtin_framework("bma-core-2550")
                                              : py::isinstance<py::str>(fw_arg)
                                                  ? framework(fw_arg.cast<std::string>())
                                                  : fw_arg.cast<std::shared_ptr<Framework>>();
        const auto prof = profile_arg.is_none() ? default_profile(*fw)
                                                : profile(py::str(profile_arg).cast<std::string>());
        return py::make_tuple(prof->scheme().results_weight, prof->scheme().competency_weight);
      },
      py::arg("framework"), py::arg("profile"));
}

const Area area("kpi", register_kpi);

}  // namespace
}  // namespace samatthana::python
