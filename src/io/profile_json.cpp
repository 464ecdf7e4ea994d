// Profile files: expected levels by position, per-competency overrides, the appraisal scheme.
#include <mutex>

#include "io/json.hpp"
#include "samatthana/io.hpp"
#include "samatthana/profile_io.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {
namespace {

/// A position's "groups": {"core": 3, "managerial": 1, "functional": 3}; levels 1..20.
void read_groups(detail::ObjectReader& pr, PositionProfile& p) {
  const auto* gv = pr.get("groups", false);
  if (!gv) return;
  if (!gv->is_object() || gv->as_object().empty())
    pr.fail(pr.child("groups"),
            "expected an object {group: expected level} naming core, managerial or functional");
  for (const auto& kv : gv->as_object()) {
    const std::string kpath = pr.child("groups") + "." + std::string(kv.key());
    const auto g = group_from_string(kv.key());
    if (!g) pr.fail(kpath, "unknown group (core, managerial, functional)");
    if (!kv.value().is_int64() || kv.value().as_int64() < 1 || kv.value().as_int64() > 20)
      pr.fail(kpath,
              "expected a level 1..20 (leave a group out when the position is not appraised on it; "
              "DPIS leaves targets of 0 off the form)");
    p.groups.emplace_back(*g, static_cast<int>(kv.value().as_int64()));
  }
}

/// "job_lines": {"note": "...", "lines": [{"code", "name", "competencies": [...]}]}.
void read_job_lines(const boost::json::value& v, const std::string& path, const std::string& file,
                    ProfileData& d) {
  detail::ObjectReader jr(v, path, file);
  jr.only({"note", "lines"});
  d.job_lines_note = jr.str("note", false);
  const auto& lines = jr.array("lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string lpath = jr.child("lines") + "[" + std::to_string(i) + "]";
    detail::ObjectReader lr(lines[i], lpath, file);
    lr.only({"code", "name", "competencies"});
    JobLine l;
    l.code = lr.str("code", false);
    l.name = lr.str("name");
    const auto& comps = lr.array("competencies");
    if (comps.empty())
      lr.fail(lr.child("competencies"), "a job line lists at least one functional competency");
    for (std::size_t k = 0; k < comps.size(); ++k) {
      if (!comps[k].is_string())
        lr.fail(lr.child("competencies") + "[" + std::to_string(k) + "]",
                "expected a competency id (string)");
      l.competencies.emplace_back(comps[k].as_string());
    }
    d.job_lines.push_back(std::move(l));
  }
}

/// "calibration": {"caps": [{"band": "ดีเด่น", "max_share": 0.1}, ...]}: the target band
/// distribution (band names are checked against the scheme by Profile).
void read_calibration(const boost::json::value& v, const std::string& path, const std::string& file,
                      ProfileData& d) {
  detail::ObjectReader cr(v, path, file);
  cr.only({"caps"});
  const auto& caps = cr.array("caps");
  for (std::size_t i = 0; i < caps.size(); ++i) {
    detail::ObjectReader kr(caps[i], cr.child("caps") + "[" + std::to_string(i) + "]", file);
    kr.only({"band", "max_share"});
    BandCap c;
    c.band = kr.str("band");
    c.max_share = kr.number("max_share");
    if (!(c.max_share >= 0 && c.max_share <= 1))
      kr.fail(kr.child("max_share"), "a share between 0 and 1 (0.1 = at most 10 % of people)");
    d.caps.push_back(std::move(c));
  }
}

}  // namespace

namespace {

/// "scheme": the parts' weights (results, competency, other) and the bands. A weight that is
/// not 0 or more is located at its own key; a sum other than 100 at the scheme.
void read_scheme(const boost::json::value& v, const std::string& path, const std::string& file,
                 Scheme& scheme) {
  detail::ObjectReader sr(v, path, file);
  sr.only({"results_weight", "competency_weight", "other_weight", "bands"});
  scheme.results_weight = sr.number("results_weight", false, 70);
  scheme.competency_weight = sr.number("competency_weight", false, 30);
  scheme.other_weight = sr.number("other_weight", false, 0);
  for (const char* key : {"results_weight", "competency_weight", "other_weight"}) {
    const double w = std::string_view(key) == "results_weight"      ? scheme.results_weight
                     : std::string_view(key) == "competency_weight" ? scheme.competency_weight
                                                                    : scheme.other_weight;
    if (!(w >= 0) && sr.has(key))
      sr.fail(sr.child(key),
              "a weight must be 0 or more (the results, competency and other "
              "weights sum to 100)");
  }
  if (sr.has("bands")) {
    scheme.bands.clear();
    const auto& bands = sr.array("bands");
    for (std::size_t i = 0; i < bands.size(); ++i) {
      detail::ObjectReader br(bands[i], sr.child("bands") + "[" + std::to_string(i) + "]", file);
      br.only({"th", "en", "min"});
      scheme.bands.push_back(Band{br.str("th"), br.str("en", false), br.number("min")});
    }
  }
  try {
    scheme.validate();
  } catch (const ValidationError& e) {
    sr.fail(sr.path(), e.message());
  }
}

/// One entry of "positions".
PositionProfile read_position(const boost::json::value& v, const std::string& path,
                              const std::string& file) {
  detail::ObjectReader pr(v, path, file);
  pr.only({"code", "type", "rank", "expected", "overrides", "groups"});
  PositionProfile p;
  p.code = pr.str("code");
  p.type = pr.str("type", false);
  p.rank = pr.str("rank", false);
  read_groups(pr, p);
  if (p.groups.empty() || pr.has("expected")) {
    const long long e = pr.integer("expected");
    if (e < 0 || e > 20) pr.fail(pr.child("expected"), "expected level must be 0..20");
    p.expected = static_cast<int>(e);
    if (!p.groups.empty())
      pr.fail(pr.child("expected"),
              "give either expected (every competency) or groups (a set per group), not both");
  }
  if (const auto* ov = pr.get("overrides", false)) {
    if (!ov->is_object())
      pr.fail(pr.child("overrides"), "expected an object {competency id: level}");
    for (const auto& kv : ov->as_object()) {
      const std::string kpath = pr.child("overrides") + "." + std::string(kv.key());
      if (!kv.value().is_int64() || kv.value().as_int64() < 0 || kv.value().as_int64() > 20)
        pr.fail(kpath, "expected a level 0..20");
      p.overrides.emplace_back(std::string(kv.key()), static_cast<int>(kv.value().as_int64()));
    }
  }
  return p;
}

/// id, name, frameworks, source, method.
void read_identity(detail::ObjectReader& r, const std::string& file, ProfileData& d) {
  d.id = r.str("id");
  if (const auto* nv = r.get("name", false)) {
    detail::ObjectReader nr(*nv, r.child("name"), file);
    nr.only({"th", "en"});
    d.name.th = nr.str("th");
    d.name.en = nr.str("en", false);
  }
  const auto& fws = r.array("frameworks", false);
  for (std::size_t i = 0; i < fws.size(); ++i) {
    if (!fws[i].is_string())
      r.fail(r.child("frameworks") + "[" + std::to_string(i) + "]",
             "expected a framework id (string)");
    d.frameworks.emplace_back(fws[i].as_string());
  }
  d.source = r.str("source", false);
  if (r.has("method")) {
    const std::string m = r.str("method");
    d.method = method_from_string(m);
    if (!d.method)
      r.fail(r.child("method"), "unknown method '" + m + "' (bma, bar, rating, ratio)");
  }
}

}  // namespace

Profile parse_profile(std::string_view json, std::string_view source_name) {
  const std::string file(source_name);
  const boost::json::value root = detail::parse_json(json, source_name);
  detail::ObjectReader r(root, "$", file);
  r.only({"format", "id", "name", "frameworks", "source", "method", "scheme", "positions",
          "job_lines", "calibration"});
  const std::string format = r.str("format");
  if (format != "samatthana-profile/1")
    r.fail(r.child("format"),
           "unknown profile format '" + format + "' (expected samatthana-profile/1)");
  ProfileData d;
  read_identity(r, file, d);
  if (const auto* sv = r.get("scheme", false)) read_scheme(*sv, r.child("scheme"), file, d.scheme);
  const auto& pos = r.array("positions");
  for (std::size_t i = 0; i < pos.size(); ++i)
    d.positions.push_back(
        read_position(pos[i], r.child("positions") + "[" + std::to_string(i) + "]", file));
  if (const auto* jv = r.get("job_lines", false))
    read_job_lines(*jv, r.child("job_lines"), file, d);
  if (const auto* cv = r.get("calibration", false))
    read_calibration(*cv, r.child("calibration"), file, d);
  try {
    return Profile(std::move(d));
  } catch (const ValidationError& e) {
    Location where = e.where();  // the cap checks know their JSON path
    where.file = file;
    if (where.path.empty()) where.path = "$";
    throw ValidationError(e.message(), where);
  }
}

Profile load_profile(const std::filesystem::path& file) {
  return parse_profile(read_file(file), file.string());
}

std::shared_ptr<const Profile> builtin_profile(std::string_view id) {
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::shared_ptr<const Profile>>> cache;
  std::string key(id);
  if (key == "bma") key = "bma-core";
  if (key == "ocsc") key = "ocsc-core";
  std::lock_guard lock(mutex);
  for (const auto& [k, p] : cache)
    if (k == key) return p;
  const std::string name = "profiles/" + key + ".json";
  std::string_view bytes;
  try {
    bytes = embedded_data(name);
  } catch (const LookupError&) {
    Location where;
    where.value = std::string(id);
    throw LookupError(
        "no built-in profile has this id (built-in: bma, ocsc, ocsc-full, ocsc-employee; or give "
        "a profile file)",
        where);
  }
  auto p = std::make_shared<const Profile>(parse_profile(bytes, "(built-in) data/" + name));
  cache.emplace_back(key, p);
  return p;
}

std::shared_ptr<const Profile> profile(std::string_view id_or_path) {
  const std::string s(id_or_path);
  if (s.find('/') != std::string::npos || s.ends_with(".json"))
    return std::make_shared<const Profile>(load_profile(s));
  return builtin_profile(s);
}

std::shared_ptr<const Profile> default_profile(const Framework& fw) {
  for (const char* id : {"bma-core", "ocsc-core", "ocsc-full"}) {
    std::shared_ptr<const Profile> p;
    try {
      p = builtin_profile(id);
    } catch (const LookupError&) {
      continue;
    }
    const auto& f = p->data().frameworks;
    if (std::find(f.begin(), f.end(), fw.id()) != f.end()) return p;
  }
  Location where;
  where.value = fw.id();
  throw LookupError(
      "no built-in expected-level profile is made for this framework; give one with "
      "--profile FILE (see docs/scoring.md)",
      where);
}

}  // namespace samatthana
