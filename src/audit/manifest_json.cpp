// Manifests as JSON (data/schemas/manifest.schema.json), the canonical profile JSON, content
// hashes, appraisal rounds and the time stamp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "io/json.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/version.hpp"

namespace samatthana {
namespace {

namespace json = boost::json;

json::value jnum(double x) {
  if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) < 1e15)
    return static_cast<std::int64_t>(x);
  return x;
}

constexpr InputRole kRoles[] = {InputRole::ratings, InputRole::evidence,  InputRole::results,
                                InputRole::kpis,    InputRole::framework, InputRole::profile};

std::string iso(const text::Date& d) { return text::format_date(d, text::DateStyle::iso); }

/// "2026-12-03T08:00:00Z": what utc_now_iso8601 writes.
bool is_utc_time(std::string_view s) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i]) return false;
  return true;
}

bool is_sha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

json::object content_ref_json(const ContentRef& r) {
  json::object o;
  o["id"] = r.id;
  o["source"] = r.source;
  o["sha256"] = r.sha256;
  return o;
}

json::object digest_fields(json::object o, const FileDigest& d) {
  o["sha256"] = d.sha256;
  o["size"] = d.size;
  return o;
}

json::object options_json(const ManifestOptions& mo) {
  const ScoringOptions& s = mo.scoring;
  json::object o;
  o["method"] = std::string(to_string(s.rules.method));
  o["weight"] = jnum(s.rules.weight);
  o["dpis_rounding"] = s.rules.dpis_rounding;
  o["ratio_cap"] = s.rules.ratio_cap;
  json::array rw;
  for (double w : s.rules.rating_weights) rw.push_back(jnum(w));
  o["rating_weights"] = std::move(rw);
  o["policy"] = std::string(to_string(s.levels.policy));
  o["threshold"] = jnum(s.levels.threshold);
  o["missing"] = s.missing == MissingPolicy::zero ? "zero" : "error";
  o["raters"] = s.levels.raters == RaterMode::weighted ? "weighted" : "supervisor";
  json::object w;
  for (const RaterRole r :
       {RaterRole::supervisor, RaterRole::self, RaterRole::peer, RaterRole::subordinate})
    w[std::string(to_string(r))] = jnum(s.levels.weights.of(r));
  o["rater_weights"] = std::move(w);
  o["rater_rounding"] = s.levels.rounding == RaterRounding::down ? "down" : "nearest";
  o["encoding"] = std::string(to_string(mo.read.encoding));
  o["sheet"] = mo.read.sheet;
  o["kpi_weights_100"] = mo.kpi_weights_100;
  return o;
}

ContentRef read_content_ref(const detail::ObjectReader& parent, std::string_view key,
                            std::string_view file) {
  detail::ObjectReader r(*parent.get(key), parent.child(key), file);
  r.only({"id", "source", "sha256"});
  ContentRef c{r.str("id"), r.str("source"), r.str("sha256")};
  if (!is_sha256(c.sha256)) r.fail(r.child("sha256"), "expected 64 lowercase hex digits (SHA-256)");
  return c;
}

FileDigest read_digest(const detail::ObjectReader& r) {
  FileDigest d;
  d.sha256 = r.str("sha256");
  if (!is_sha256(d.sha256)) r.fail(r.child("sha256"), "expected 64 lowercase hex digits (SHA-256)");
  const long long size = r.integer("size");
  if (size < 0) r.fail(r.child("size"), "a size in bytes cannot be negative");
  d.size = static_cast<std::uint64_t>(size);
  return d;
}

/// `value` of key as one of `names` (the enum's spellings); a located error otherwise.
template <typename T>
T choice(const detail::ObjectReader& r, std::string_view key,
         std::initializer_list<std::pair<std::string_view, T>> names) {
  const std::string v = r.str(key);
  std::string known;
  for (const auto& [name, value] : names) {
    if (v == name) return value;
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  r.fail(r.child(key), "unknown value '" + v + "' (known: " + known + ")");
}

void read_rater_options(const detail::ObjectReader& r, std::string_view file, ScoringOptions& s) {
  s.levels.raters = choice<RaterMode>(
      r, "raters", {{"supervisor", RaterMode::supervisor_only}, {"weighted", RaterMode::weighted}});
  detail::ObjectReader w(*r.get("rater_weights"), r.child("rater_weights"), file);
  w.only({"supervisor", "self", "peer", "subordinate"});
  s.levels.weights.supervisor = w.number("supervisor");
  s.levels.weights.self = w.number("self");
  s.levels.weights.peer = w.number("peer");
  s.levels.weights.subordinate = w.number("subordinate");
  s.levels.rounding = choice<RaterRounding>(
      r, "rater_rounding",
      {{"nearest", RaterRounding::nearest_half_up}, {"down", RaterRounding::down}});
}

ManifestOptions read_options(const detail::ObjectReader& parent, std::string_view file) {
  detail::ObjectReader r(*parent.get("options"), parent.child("options"), file);
  r.only({"method", "weight", "dpis_rounding", "ratio_cap", "rating_weights", "policy", "threshold",
          "missing", "raters", "rater_weights", "rater_rounding", "encoding", "sheet",
          "kpi_weights_100"});
  ManifestOptions mo;
  ScoringOptions& s = mo.scoring;
  s.rules.method = choice<Method>(r, "method",
                                  {{"bma", Method::bma},
                                   {"bar", Method::bar},
                                   {"rating", Method::rating},
                                   {"ratio", Method::ratio}});
  s.rules.weight = r.number("weight");
  s.rules.dpis_rounding = r.boolean("dpis_rounding");
  s.rules.ratio_cap = r.boolean("ratio_cap");
  const auto& rw = r.array("rating_weights");
  for (std::size_t i = 0; i < rw.size(); ++i) {
    if (!rw[i].is_number())
      r.fail(r.child("rating_weights") + "[" + std::to_string(i) + "]", "expected a number");
    s.rules.rating_weights.push_back(rw[i].to_number<double>());
  }
  s.levels.policy = choice<LevelPolicy>(r, "policy",
                                        {{"auto", LevelPolicy::automatic},
                                         {"strict", LevelPolicy::strict},
                                         {"threshold", LevelPolicy::threshold},
                                         {"rated", LevelPolicy::rated}});
  s.levels.threshold = r.number("threshold");
  s.missing = choice<MissingPolicy>(
      r, "missing", {{"error", MissingPolicy::error}, {"zero", MissingPolicy::zero}});
  read_rater_options(r, file, s);
  const std::string enc = r.str("encoding");
  const auto e = encoding_from_string(enc);
  if (!e || to_string(*e) != enc)
    r.fail(r.child("encoding"), "unknown encoding '" + enc + "' (auto, utf-8, utf-16, cp874)");
  mo.read.encoding = *e;
  mo.read.sheet = r.str("sheet");
  mo.kpi_weights_100 = r.boolean("kpi_weights_100");
  return mo;
}

std::optional<text::AppraisalRound> read_round(const detail::ObjectReader& parent,
                                               std::string_view file) {
  if (!parent.has("round")) return std::nullopt;
  detail::ObjectReader r(*parent.get("round"), parent.child("round"), file);
  r.only({"label", "fiscal_year", "round", "first_day", "last_day"});
  text::AppraisalRound round;
  try {
    round = parse_round(r.str("label"));
  } catch (const ValidationError& e) {
    r.fail(r.child("label"), e.message());
  }
  if (r.integer("fiscal_year") != round.fiscal_year_be || r.integer("round") != round.round ||
      r.str("first_day") != iso(round.start) || r.str("last_day") != iso(round.end))
    r.fail(r.path(), "fiscal_year, round, first_day and last_day must agree with the label '" +
                         round_label(round) + "'");
  return round;
}

std::vector<InputFile> read_inputs(const detail::ObjectReader& root, std::string_view file) {
  std::vector<InputFile> inputs;
  const auto& arr = root.array("inputs");
  for (std::size_t i = 0; i < arr.size(); ++i) {
    detail::ObjectReader r(arr[i], root.child("inputs") + "[" + std::to_string(i) + "]", file);
    r.only({"role", "path", "sha256", "size"});
    InputFile in;
    in.role = choice<InputRole>(r, "role",
                                {{"ratings", InputRole::ratings},
                                 {"evidence", InputRole::evidence},
                                 {"results", InputRole::results},
                                 {"kpis", InputRole::kpis},
                                 {"framework", InputRole::framework},
                                 {"profile", InputRole::profile}});
    for (const InputFile& other : inputs)
      if (other.role == in.role)
        r.fail(r.child("role"), "a second " + std::string(to_string(in.role)) + " input");
    in.path = r.str("path");
    if (in.path.empty()) r.fail(r.child("path"), "must not be empty");
    in.digest = read_digest(r);
    inputs.push_back(std::move(in));
  }
  if (inputs.empty() || inputs.front().role != InputRole::ratings)
    root.fail(root.child("inputs"), "the ratings file must be the first input");
  return inputs;
}

OutputFile read_output(const detail::ObjectReader& root, std::string_view file) {
  detail::ObjectReader r(*root.get("output"), root.child("output"), file);
  r.only({"path", "format", "sha256", "size", "content_sha256"});
  OutputFile out;
  out.path = r.str("path");
  if (out.path.empty()) r.fail(r.child("path"), "must not be empty");
  out.format = r.str("format");
  if (out.format != "csv" && out.format != "json" && out.format != "table" && out.format != "xlsx")
    r.fail(r.child("format"), "unknown format '" + out.format + "' (csv, json, table, xlsx)");
  out.digest = read_digest(r);
  out.content_sha256 = r.str("content_sha256", false);
  if (r.has("content_sha256") && !is_sha256(out.content_sha256))
    r.fail(r.child("content_sha256"), "expected 64 lowercase hex digits (SHA-256)");
  return out;
}

}  // namespace

std::string_view to_string(InputRole r) noexcept {
  switch (r) {
    case InputRole::ratings:
      return "ratings";
    case InputRole::evidence:
      return "evidence";
    case InputRole::results:
      return "results";
    case InputRole::kpis:
      return "kpis";
    case InputRole::framework:
      return "framework";
    case InputRole::profile:
      return "profile";
  }
  return "ratings";
}

text::AppraisalRound parse_round(std::string_view s) {
  Location where;
  where.value = std::string(s);
  const std::string a = text::to_arabic_digits(s);
  const auto slash = a.find('/');
  const auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 4 &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (slash == std::string::npos || !digits(a.substr(0, slash)) || !digits(a.substr(slash + 1)))
    throw ValidationError(
        "write the appraisal round as FISCAL-YEAR/ROUND in the Buddhist Era, e.g. 2569/1", where);
  const int year = std::stoi(a.substr(0, slash)), n = std::stoi(a.substr(slash + 1));
  if (year >= 1900 && year < 2400)
    throw ValidationError(
        "this looks like a Christian-Era year: give the Buddhist-Era fiscal year (" +
            std::to_string(year + 543) + "/" + std::to_string(n) + ")",
        where);
  if (year < 2400 || year > 2700)
    throw ValidationError("the fiscal year must be a Buddhist-Era year between 2400 and 2700",
                          where);
  if (n != 1 && n != 2)
    throw ValidationError("the round must be 1 (October–March) or 2 (April–September)", where);
  return text::round(year, n);
}

std::string round_label(const text::AppraisalRound& r) {
  return std::to_string(r.fiscal_year_be) + "/" + std::to_string(r.round);
}

std::string to_json(const Profile& p) {
  const ProfileData& d = p.data();
  json::object o;
  o["format"] = "samatthana-profile/1";
  o["id"] = d.id;
  if (!d.name.th.empty()) {
    json::object n;
    n["th"] = d.name.th;
    if (!d.name.en.empty()) n["en"] = d.name.en;
    o["name"] = std::move(n);
  }
  if (!d.frameworks.empty()) {
    json::array f;
    for (const auto& id : d.frameworks) f.emplace_back(id);
    o["frameworks"] = std::move(f);
  }
  if (!d.source.empty()) o["source"] = d.source;
  if (d.method) o["method"] = std::string(to_string(*d.method));
  json::object scheme;
  scheme["results_weight"] = jnum(d.scheme.results_weight);
  scheme["competency_weight"] = jnum(d.scheme.competency_weight);
  // Only a scheme with an other part names it: the canonical JSON (and so the profile hash) of
  // every profile without one stays as it was.
  if (d.scheme.other_weight != 0) scheme["other_weight"] = jnum(d.scheme.other_weight);
  json::array bands;
  for (const Band& b : d.scheme.bands) {
    json::object bo;
    bo["th"] = b.th;
    if (!b.en.empty()) bo["en"] = b.en;
    bo["min"] = jnum(b.min);
    bands.push_back(std::move(bo));
  }
  scheme["bands"] = std::move(bands);
  o["scheme"] = std::move(scheme);
  json::array positions;
  for (const PositionProfile& pos : d.positions) {
    json::object po;
    po["code"] = pos.code;
    if (!pos.type.empty()) po["type"] = pos.type;
    if (!pos.rank.empty()) po["rank"] = pos.rank;
    if (pos.groups.empty()) {
      po["expected"] = pos.expected;
    } else {  // a per-position set: the profile file holds groups instead of expected
      json::object g;
      for (const auto& [group, level] : pos.groups) g[to_string(group)] = level;
      po["groups"] = std::move(g);
    }
    if (!pos.overrides.empty()) {
      json::object ov;
      for (const auto& [id, lvl] : pos.overrides) ov[id] = lvl;
      po["overrides"] = std::move(ov);
    }
    positions.push_back(std::move(po));
  }
  o["positions"] = std::move(positions);
  if (!d.job_lines.empty() || !d.job_lines_note.empty()) {
    json::object jl;
    if (!d.job_lines_note.empty()) jl["note"] = d.job_lines_note;
    json::array lines;
    for (const JobLine& l : d.job_lines) {
      json::object lo;
      if (!l.code.empty()) lo["code"] = l.code;
      lo["name"] = l.name;
      json::array comps;
      for (const auto& c : l.competencies) comps.emplace_back(c);
      lo["competencies"] = std::move(comps);
      lines.push_back(std::move(lo));
    }
    jl["lines"] = std::move(lines);
    o["job_lines"] = std::move(jl);
  }
  if (!d.caps.empty()) {  // only when given: every earlier profile keeps its hash
    json::array caps;
    for (const BandCap& c : d.caps)
      caps.push_back(json::object{{"band", c.band}, {"max_share", jnum(c.max_share)}});
    o["calibration"] = json::object{{"caps", std::move(caps)}};
  }
  return detail::canonical_json(o);
}

std::string content_sha256(const Framework& fw) { return sha256_hex(to_json(fw)); }
std::string content_sha256(const Profile& p) { return sha256_hex(to_json(p)); }

std::string utc_now_iso8601() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0 || epoch[0] == '-' || epoch[0] == '+') {
      Location where;
      where.value = epoch;
      throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (UTC)",
                            where);
    }
    t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string to_json(const Manifest& m) {
  json::object o;
  o["format"] = std::string(kManifestFormat);
  json::object lib;
  lib["name"] = "samatthana";
  lib["version"] = m.library_version;
  o["library"] = std::move(lib);
  o["command"] = m.command;
  if (m.round) {
    json::object r;
    r["label"] = round_label(*m.round);
    r["fiscal_year"] = m.round->fiscal_year_be;
    r["round"] = m.round->round;
    r["first_day"] = iso(m.round->start);
    r["last_day"] = iso(m.round->end);
    o["round"] = std::move(r);
  }
  o["created"] = m.created;
  o["framework"] = content_ref_json(m.framework);
  o["profile"] = content_ref_json(m.profile);
  o["options"] = options_json(m.options);
  json::array inputs;
  for (const InputFile& in : m.inputs) {
    json::object io;
    io["role"] = std::string(to_string(in.role));
    io["path"] = in.path;
    inputs.push_back(digest_fields(std::move(io), in.digest));
  }
  o["inputs"] = std::move(inputs);
  json::object out;
  out["path"] = m.output.path;
  out["format"] = m.output.format;
  out = digest_fields(std::move(out), m.output.digest);
  if (!m.output.content_sha256.empty()) out["content_sha256"] = m.output.content_sha256;
  o["output"] = std::move(out);
  return detail::canonical_json(o);
}

Manifest parse_manifest(std::string_view text, std::string_view source_name) {
  const std::string file(source_name);
  const json::value root = detail::parse_json(text, source_name);
  detail::ObjectReader r(root, "$", file);
  r.only({"format", "library", "command", "round", "created", "framework", "profile", "options",
          "inputs", "output"});
  if (r.str("format") != kManifestFormat)
    r.fail(r.child("format"), "unknown manifest format '" + r.str("format") + "' (expected " +
                                  std::string(kManifestFormat) + ")");
  Manifest m;
  detail::ObjectReader lib(*r.get("library"), r.child("library"), file);
  lib.only({"name", "version"});
  if (lib.str("name") != "samatthana") lib.fail(lib.child("name"), "expected \"samatthana\"");
  m.library_version = lib.str("version");
  m.command = r.str("command");
  if (m.command != "score") r.fail(r.child("command"), "only manifests of `score` are known");
  m.round = read_round(r, file);
  m.created = r.str("created");
  if (!is_utc_time(m.created))
    r.fail(r.child("created"), "expected a UTC time such as 2026-12-03T08:00:00Z");
  m.framework = read_content_ref(r, "framework", file);
  m.profile = read_content_ref(r, "profile", file);
  m.options = read_options(r, file);
  m.inputs = read_inputs(r, file);
  m.output = read_output(r, file);
  return m;
}

Manifest load_manifest(const std::filesystem::path& file) {
  return parse_manifest(read_file(file), file.string());
}

std::string manifest_relative_path(const std::filesystem::path& file,
                                   const std::filesystem::path& dir) {
  const auto abs_file = std::filesystem::absolute(file).lexically_normal();
  const auto abs_dir = std::filesystem::absolute(dir.empty() ? "." : dir).lexically_normal();
  const auto rel = abs_file.lexically_relative(abs_dir);
  return rel.empty() ? abs_file.generic_string() : rel.generic_string();
}

std::vector<ManifestDifference> compare_manifests(const Manifest& a, const Manifest& b) {
  std::vector<ManifestDifference> out;
  const auto add = [&](std::string field, std::string x, std::string y) {
    if (x != y) out.push_back({std::move(field), std::move(x), std::move(y)});
  };
  add("library.version", a.library_version, b.library_version);
  add("round", a.round ? round_label(*a.round) : "", b.round ? round_label(*b.round) : "");
  add("framework.id", a.framework.id, b.framework.id);
  add("framework.sha256", a.framework.sha256, b.framework.sha256);
  add("profile.id", a.profile.id, b.profile.id);
  add("profile.sha256", a.profile.sha256, b.profile.sha256);
  const json::object oa = options_json(a.options), ob = options_json(b.options);
  for (const auto& kv : oa) {
    const json::value* other = ob.if_contains(kv.key());
    const std::string x = json::serialize(kv.value()), y = other ? json::serialize(*other) : "";
    add("options." + std::string(kv.key()), x, y);
  }
  for (const InputRole role : kRoles) {
    const auto find = [&](const Manifest& m) -> const InputFile* {
      for (const InputFile& in : m.inputs)
        if (in.role == role) return &in;
      return nullptr;
    };
    const InputFile *x = find(a), *y = find(b);
    const std::string field = "inputs." + std::string(to_string(role));
    if (!x || !y) {
      if (x || y) add(field, x ? x->path : "", y ? y->path : "");
      continue;
    }
    if (x->digest.sha256 != y->digest.sha256)
      out.push_back({field + ".sha256", x->path + " " + x->digest.sha256.substr(0, 12),
                     y->path + " " + y->digest.sha256.substr(0, 12)});
  }
  return out;
}

}  // namespace samatthana
