#pragma once
// Options shared by `report` and `calibrate`: KPI files, 9-box cut-offs and calibration settings.
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

struct AppraisalArgs {
  std::string kpis;
  bool kpi_weights_100 = false;
  std::vector<double> results_cutoffs, competency_cutoffs;  ///< LOW,HIGH in percent
  std::vector<std::string> caps;                            ///< BAND=SHARE
  double edge = 1.0, leniency = 5.0;
  std::size_t min_people = 3;
  std::size_t min_raters = 3;  ///< --min-raters: anonymity of peer and subordinate means
  const CLI::Option* min_raters_given = nullptr;  ///< whether --min-raters was given
};

inline void add_kpi_options(CLI::App& app, AppraisalArgs& a, CLI::Option* results) {
  auto* k =
      app.add_option("--kpis", a.kpis,
                     "performance agreements (long CSV or JSON: person_id, kpi_id, name, weight, "
                     "target_1..target_5, achieved): the results part by DPIS's formula")
          ->type_name("FILE");
  if (results) k->excludes(results);
  app.add_flag(
      "--kpi-weights-100", a.kpi_weights_100,
      "with --kpis: each person's KPI weights must sum to 100 (DPIS divides by their sum)");
}

inline void add_calibration_options(CLI::App& app, AppraisalArgs& a) {
  app.add_option(
         "--results-cutoffs", a.results_cutoffs,
         "9-box: the results part's two cut-offs in percent of its weight (default 33.33,66.67)")
      ->delimiter(',')
      ->expected(2)
      ->type_name("LOW,HIGH");
  app.add_option(
         "--competency-cutoffs", a.competency_cutoffs,
         "9-box: the competency part's two cut-offs in percent of its weight (default 33.33,66.67)")
      ->delimiter(',')
      ->expected(2)
      ->type_name("LOW,HIGH");
  app.add_option(
         "--cap", a.caps,
         "calibration: at most SHARE (0..1) of people in BAND or above, e.g. ดีมาก=0.3 (repeatable; "
         "replaces the profile's caps)")
      ->type_name("BAND=SHARE");
  app.add_option(
         "--edge", a.edge,
         "calibration: list people within this many points above a band's minimum (default 1)")
      ->type_name("POINTS");
  app.add_option("--leniency", a.leniency,
                 "calibration: flag a supervisor whose mean total differs from the unit's by more "
                 "(default 5)")
      ->type_name("POINTS");
  a.min_raters_given =
      app.add_option(
             "--min-raters", a.min_raters,
             "calibration: a peer or subordinate mean counts only with at least N distinct "
             "raters of that role; below, it is withheld (default 3; self and supervisor are "
             "never anonymous)")
          ->type_name("N");
  app.add_option("--min-people", a.min_people,
                 "calibration: a supervisor with fewer people is never flagged (default 3)")
      ->type_name("N");
}

/// The results table from --kpis, or nullopt.
inline std::optional<ResultsTable> kpi_results(const AppraisalArgs& a, const Profile& prof,
                                               const ScoringOptions& opt) {
  if (a.kpis.empty()) return std::nullopt;
  KpiRules rules;
  if (a.kpi_weights_100) rules.weights = WeightSum::must_be_100;
  rules.dpis_rounding = opt.rules.dpis_rounding;
  return results_table(load_kpis(a.kpis), prof.scheme(), rules);
}

inline NineBoxOptions nine_box_options(const AppraisalArgs& a) {
  NineBoxOptions o;
  if (a.results_cutoffs.size() == 2) {
    o.results_low = a.results_cutoffs[0];
    o.results_high = a.results_cutoffs[1];
  }
  if (a.competency_cutoffs.size() == 2) {
    o.competency_low = a.competency_cutoffs[0];
    o.competency_high = a.competency_cutoffs[1];
  }
  try {
    o.validate();
  } catch (const ValidationError& e) {
    throw UsageError(e.message());
  }
  return o;
}

/// A share 0..1 written as a plain decimal ("0.3"); false for anything else.
inline bool detail_parse_share(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && out >= 0 && out <= 1;
}

/// The calibration settings: the profile's caps unless --cap is given (then only the --cap ones).
inline CalibrationOptions calibration_options(const AppraisalArgs& a, const Profile& prof) {
  CalibrationOptions o;
  if (a.caps.empty()) o.caps = prof.data().caps;
  for (const std::string& c : a.caps) {
    const auto eq = c.rfind('=');
    double share = -1;
    if (eq == std::string::npos || eq == 0 || !detail_parse_share(c.substr(eq + 1), share))
      throw UsageError("--cap needs BAND=SHARE such as ดีมาก=0.3, not '" + c + "'");
    o.caps.push_back(BandCap{c.substr(0, eq), share});
  }
  o.edge = a.edge;
  o.leniency_threshold = a.leniency;
  o.min_people = a.min_people;
  o.min_raters_per_role = a.min_raters;
  return o;
}

}  // namespace samatthana::cli
