// Calibration: the 9-box grid, band distribution against caps with the people at band edges, and
// rater leniency. See docs/reports.md ("9-box" and "Calibration").
#include "samatthana/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "io/csv.hpp"
#include "io/json.hpp"
#include "samatthana/text/collator.hpp"
#include "samatthana/text/numbers.hpp"

namespace samatthana {
namespace {

std::string num(double v, int places = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

/// Unit names in Thai dictionary order.
std::vector<std::string> units_of(const CohortScores& s) {
  std::vector<std::string> units;
  for (const Person& p : s.people) units.push_back(p.unit);
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  const text::Collator coll;
  std::stable_sort(units.begin(), units.end(),
                   [&](const std::string& a, const std::string& b) { return coll.less(a, b); });
  return units;
}

int tier(double v, double low, double high) { return v < low - 1e-9 ? 0 : v < high - 1e-9 ? 1 : 2; }

void need_results(const CohortScores& s, const char* what) {
  if (!s.has_results)
    throw ValidationError(std::string(what) +
                          " needs the results part of everyone: give results (a results column, "
                          "--results or --kpis)");
}

}  // namespace

void NineBoxOptions::validate() const {
  const auto ok = [](double lo, double hi) { return lo >= 0 && lo <= hi && hi <= 100; };
  if (!ok(results_low, results_high) || !ok(competency_low, competency_high))
    throw ValidationError(
        "9-box cut-offs must satisfy 0 ≤ low ≤ high ≤ 100 (percent of each part's weight); given "
        "results " +
        num(results_low) + "/" + num(results_high) + ", competency " + num(competency_low) + "/" +
        num(competency_high));
}

NineBox nine_box(const CohortScores& s, const NineBoxOptions& options) {
  options.validate();
  need_results(s, "the 9-box grid");
  if (!(s.rules.weight > 0))
    throw ValidationError("the competency part has no weight, so it cannot be an axis");
  NineBox b;
  b.options = options;
  const std::vector<std::string> units = units_of(s);
  b.groups.resize(units.size() + 1);
  for (std::size_t u = 0; u < units.size(); ++u) b.groups[u + 1].unit = units[u];
  for (std::size_t i = 0; i < s.n; ++i) {
    const double r = s.results[i], c = s.part[i] / s.rules.weight * 100.0;
    const int rt = tier(r, options.results_low, options.results_high);
    const int ct = tier(c, options.competency_low, options.competency_high);
    b.results_percent.push_back(r);
    b.competency_percent.push_back(c);
    b.results_tier.push_back(static_cast<std::int8_t>(rt));
    b.competency_tier.push_back(static_cast<std::int8_t>(ct));
    const auto u = static_cast<std::size_t>(
        std::find(units.begin(), units.end(), s.people[i].unit) - units.begin());
    for (NineBoxGroup* g : {&b.groups[0], &b.groups[u + 1]}) {
      ++g->people;
      ++g->counts[static_cast<std::size_t>(rt * 3 + ct)];
    }
  }
  return b;
}

std::string nine_box_csv(const CohortScores& s, const NineBox& b) {
  std::string out = "\xEF\xBB\xBF";
  detail::append_csv_row(out, {"person_id", "unit", "results_percent", "competency_percent",
                               "results_tier", "competency_tier", "box"});
  for (std::size_t i = 0; i < s.n; ++i)
    detail::append_csv_row(out, {s.people[i].id, s.people[i].unit, num(b.results_percent[i]),
                                 num(b.competency_percent[i]), std::to_string(b.results_tier[i]),
                                 std::to_string(b.competency_tier[i]),
                                 std::to_string(b.results_tier[i] * 3 + b.competency_tier[i] + 1)});
  return out;
}

std::string nine_box_json(const CohortScores& s, const NineBox& b) {
  namespace json = boost::json;
  json::object root;
  root["cutoffs"] = json::object{{"results_low", b.options.results_low},
                                 {"results_high", b.options.results_high},
                                 {"competency_low", b.options.competency_low},
                                 {"competency_high", b.options.competency_high}};
  json::array groups;
  for (const NineBoxGroup& g : b.groups) {
    json::array grid;
    for (int r = 2; r >= 0; --r) {
      json::array row;
      for (int c = 0; c < 3; ++c) row.push_back(g.counts[static_cast<std::size_t>(r * 3 + c)]);
      grid.push_back(std::move(row));
    }
    groups.push_back(
        json::object{{"unit", g.unit}, {"people", g.people}, {"grid", std::move(grid)}});
  }
  root["groups"] = std::move(groups);
  json::array people;
  for (std::size_t i = 0; i < s.n; ++i)
    people.push_back(
        json::object{{"person_id", s.people[i].id},
                     {"unit", s.people[i].unit},
                     {"results_percent", std::round(b.results_percent[i] * 100) / 100},
                     {"competency_percent", std::round(b.competency_percent[i] * 100) / 100},
                     {"results_tier", b.results_tier[i]},
                     {"competency_tier", b.competency_tier[i]}});
  root["people"] = std::move(people);
  return detail::canonical_json(root);
}

// ---- calibration ---------------------------------------------------------------------------

namespace {

std::size_t band_named(const Scheme& scheme, const std::string& name) {
  for (std::size_t k = 0; k < scheme.bands.size(); ++k)
    if (scheme.bands[k].th == name || scheme.bands[k].en == name) return k;
  std::string list;
  for (const Band& b : scheme.bands) list += (list.empty() ? "" : ", ") + b.th;
  Location w;
  w.value = name;
  throw ValidationError("no band of the scheme is called '" + name + "' (bands: " + list + ")", w);
}

void add_to(BandDistribution& d, std::size_t band) {
  ++d.people;
  ++d.counts[band];
}

void finish_caps(BandDistribution& d, const std::vector<std::size_t>& cap_band,
                 const CalibrationOptions& o) {
  for (std::size_t k = 0; k < cap_band.size(); ++k) {
    std::size_t at_or_above = 0;
    for (std::size_t b = 0; b <= cap_band[k]; ++b) at_or_above += d.counts[b];
    const double share =
        d.people ? static_cast<double>(at_or_above) / static_cast<double>(d.people) : 0;
    d.capped_share.push_back(share);
    d.over_cap.push_back(share > o.caps[k].max_share + 1e-12);
  }
}

std::vector<RaterLeniency> leniency(const CohortScores& s, const RatingsTable& ratings,
                                    const CalibrationOptions& o) {
  // Unit means of total and gap.
  std::map<std::string, std::pair<double, double>> unit_sum;  // unit → (Σtotal, Σmean gap)
  std::map<std::string, std::size_t> unit_n;
  std::vector<double> mean_gap(s.n, 0);
  for (std::size_t i = 0; i < s.n; ++i) {
    double g = 0;
    for (std::size_t j = 0; j < s.c; ++j) g += s.gap[i * s.c + j];
    mean_gap[i] = s.c ? g / static_cast<double>(s.c) : 0;
    auto& us = unit_sum[s.people[i].unit];
    us.first += s.total[i];
    us.second += mean_gap[i];
    ++unit_n[s.people[i].unit];
  }
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>>
      by_rater;  // (unit, rater) → people
  for (const auto& r : ratings.raters)
    if (r.role == RaterRole::supervisor && !r.rater_id.empty() && r.person < s.n)
      by_rater[{s.people[r.person].unit, r.rater_id}].push_back(r.person);
  std::vector<RaterLeniency> out;
  for (auto& [key, people] : by_rater) {
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    RaterLeniency l;
    l.unit = key.first;
    l.rater_id = key.second;
    l.people = people.size();
    for (std::size_t i : people) {
      l.mean_total += s.total[i];
      l.mean_gap += mean_gap[i];
    }
    l.mean_total /= static_cast<double>(l.people);
    l.mean_gap /= static_cast<double>(l.people);
    const double un = static_cast<double>(unit_n[l.unit]);
    l.unit_mean_total = unit_sum[l.unit].first / un;
    l.unit_mean_gap = unit_sum[l.unit].second / un;
    l.flagged = l.people >= o.min_people &&
                std::fabs(l.mean_total - l.unit_mean_total) > o.leniency_threshold;
    out.push_back(std::move(l));
  }
  return out;
}

/// Per person, each rater role's distinct raters and levels (RatingsTable::raters order).
std::vector<PersonRoles> role_means(const CohortScores& s, const RatingsTable& ratings,
                                    const CalibrationOptions& o) {
  struct Acc {
    std::vector<std::string>
        ids;  ///< distinct rater ids (a row without an id is a rater of its own)
    double sum = 0;
    std::size_t levels = 0;
  };
  std::map<std::size_t, std::array<Acc, 4>> by_person;
  const std::size_t c = ratings.competencies();
  for (std::size_t k = 0; k < ratings.raters.size(); ++k) {
    const auto& r = ratings.raters[k];
    if (r.person >= s.n) continue;
    Acc& a = by_person[r.person][static_cast<std::size_t>(r.role)];
    const std::string id = r.rater_id.empty() ? "\x01row " + std::to_string(k) : r.rater_id;
    if (std::find(a.ids.begin(), a.ids.end(), id) == a.ids.end()) a.ids.push_back(id);
    for (std::size_t j = 0; j < c; ++j)
      if (const int v = ratings.rater_levels[k * c + j]; v >= 0) {
        a.sum += v;
        ++a.levels;
      }
  }
  std::vector<PersonRoles> out;
  for (const auto& [person, accs] : by_person) {
    const bool others =
        std::any_of(accs.begin() + 1, accs.end(), [](const Acc& a) { return !a.ids.empty(); });
    if (!others) continue;
    PersonRoles pr;
    pr.person = person;
    for (std::size_t role = 0; role < accs.size(); ++role) {
      const Acc& a = accs[role];
      if (a.ids.empty()) continue;
      RoleMean m;
      m.role = static_cast<RaterRole>(role);
      m.raters = a.ids.size();
      m.withheld = !role_mean_counts(m.role, m.raters, o.min_raters_per_role);
      if (!m.withheld && a.levels) m.mean_level = a.sum / static_cast<double>(a.levels);
      pr.roles.push_back(m);
    }
    out.push_back(std::move(pr));
  }
  return out;
}

}  // namespace

std::string withheld_th(std::size_t min, text::Digits digits) {
  return "ไม่แสดง (ผู้ประเมินไม่ถึง " + text::format_int(static_cast<long long>(min), digits) + " คน)";
}

Calibration calibrate(const CohortScores& s, const RatingsTable* ratings,
                      const CalibrationOptions& options) {
  return calibrate(s, ratings ? InputRef<RatingsTable>(*ratings) : std::nullopt, options);
}

Calibration calibrate(const CohortScores& s, InputRef<RatingsTable> ratings_ref,
                      const CalibrationOptions& options) {
  const RatingsTable* ratings = ratings_ref ? &ratings_ref->get() : nullptr;
  need_results(s, "calibration");
  if (!(options.edge >= 0) || !(options.leniency_threshold >= 0))
    throw ValidationError("the band edge and the leniency threshold must be numbers ≥ 0");
  const Scheme& scheme = s.profile->scheme();
  std::vector<std::size_t> cap_band;
  for (const BandCap& c : options.caps) {
    if (!(c.max_share >= 0 && c.max_share <= 1))
      throw ValidationError("the cap of '" + c.band + "' must be a share between 0 and 1, not " +
                            num(c.max_share));
    cap_band.push_back(band_named(scheme, c.band));
  }
  Calibration cal;
  cal.options = options;
  const std::vector<std::string> units = units_of(s);
  cal.distribution.resize(units.size() + 1);
  for (std::size_t u = 0; u <= units.size(); ++u) {
    cal.distribution[u].unit = u ? units[u - 1] : "";
    cal.distribution[u].counts.assign(scheme.bands.size(), 0);
  }
  for (std::size_t i = 0; i < s.n; ++i) {
    const auto band = static_cast<std::size_t>(s.band[i]);
    add_to(cal.distribution[0], band);
    const auto u = static_cast<std::size_t>(
        std::find(units.begin(), units.end(), s.people[i].unit) - units.begin());
    add_to(cal.distribution[u + 1], band);
    const double above = s.total[i] - scheme.bands[band].min;
    if (scheme.bands[band].min > 0 && above >= -1e-9 && above < options.edge - 1e-9)
      cal.edges.push_back(BandEdge{i, band, s.total[i], std::max(0.0, above)});
  }
  for (auto& d : cal.distribution) finish_caps(d, cap_band, options);
  std::stable_sort(cal.edges.begin(), cal.edges.end(), [](const BandEdge& a, const BandEdge& b) {
    return a.band != b.band ? a.band < b.band : a.total < b.total;
  });
  if (ratings && ratings->has_raters()) {
    cal.raters = leniency(s, *ratings, options);
    cal.roles = role_means(s, *ratings, options);
  }
  return cal;
}

std::string calibration_json(const CohortScores& s, const Calibration& c) {
  namespace json = boost::json;
  const Scheme& scheme = s.profile->scheme();
  json::object root;
  json::array bands;
  for (const Band& b : scheme.bands)
    bands.push_back(json::object{{"th", b.th}, {"en", b.en}, {"min", b.min}});
  root["bands"] = std::move(bands);
  json::array caps;
  for (const BandCap& cap : c.options.caps)
    caps.push_back(json::object{{"band", cap.band}, {"max_share", cap.max_share}});
  root["caps"] = std::move(caps);
  json::array dist;
  for (const BandDistribution& d : c.distribution) {
    json::array counts(d.counts.begin(), d.counts.end());
    json::array shares, over;
    for (double v : d.capped_share) shares.push_back(std::round(v * 10000) / 10000);
    for (bool v : d.over_cap) over.push_back(v);
    dist.push_back(json::object{{"unit", d.unit},
                                {"people", d.people},
                                {"counts", std::move(counts)},
                                {"capped_share", std::move(shares)},
                                {"over_cap", std::move(over)}});
  }
  root["distribution"] = std::move(dist);
  json::array edges;
  for (const BandEdge& e : c.edges)
    edges.push_back(json::object{{"person_id", s.people[e.person].id},
                                 {"unit", s.people[e.person].unit},
                                 {"band", scheme.bands[e.band].th},
                                 {"total", e.total},
                                 {"above_min", std::round(e.above_min * 100) / 100}});
  root["edges"] = std::move(edges);
  json::array raters;
  for (const RaterLeniency& r : c.raters)
    raters.push_back(json::object{{"rater_id", r.rater_id},
                                  {"unit", r.unit},
                                  {"people", r.people},
                                  {"mean_total", std::round(r.mean_total * 100) / 100},
                                  {"unit_mean_total", std::round(r.unit_mean_total * 100) / 100},
                                  {"mean_gap", std::round(r.mean_gap * 100) / 100},
                                  {"unit_mean_gap", std::round(r.unit_mean_gap * 100) / 100},
                                  {"flagged", r.flagged}});
  root["raters"] = std::move(raters);
  json::array roles;
  for (const PersonRoles& pr : c.roles) {
    json::array rs;
    for (const RoleMean& m : pr.roles) {
      json::object o{{"role", to_string(m.role)}, {"raters", m.raters}, {"withheld", m.withheld}};
      o["mean_level"] =
          m.withheld ? json::value(nullptr) : json::value(std::round(m.mean_level * 100) / 100);
      rs.push_back(std::move(o));
    }
    roles.push_back(json::object{{"person_id", s.people[pr.person].id},
                                 {"unit", s.people[pr.person].unit},
                                 {"roles", std::move(rs)}});
  }
  if (!c.roles.empty()) {  // only with several raters: other outputs stay as they were
    root["min_raters_per_role"] = c.options.min_raters_per_role;
    root["roles"] = std::move(roles);
  }
  return detail::canonical_json(root);
}

}  // namespace samatthana
