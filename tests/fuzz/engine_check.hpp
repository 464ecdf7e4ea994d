#pragma once
// The differential check of the scoring engine, shared by the fuzz_engine target (libFuzzer) and
// the [engine] unit tests. Bytes become a random framework (1..8 competencies of 1..10 levels,
// random level-0 wording), a random profile (positions, overrides, weights, bands), random
// scoring options (all four methods, rating weights, rounding, ratio cap, missing policy, level
// policy, rater mode) and a random cohort of 1..4 people (built with RatingsBuilder or read from
// CSV text, with evidence and results). Every path must agree: score_person per person,
// score_cohort, score_batch, and the CSV and JSON outputs (what the CLI prints) parsed back. A path
// may fail only as every other does (the same error class). check() returns "" or a description of
// the disagreement.
#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <typeinfo>
#include <vector>

#include "io/csv.hpp"
#include "samatthana/cohort.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/tables_io.hpp"

namespace engine_check {
using namespace samatthana;

/// The fuzzer's bytes, read as small numbers; zeros after the end.
class Bytes {
 public:
  Bytes(const std::uint8_t* p, std::size_t n) : p_(p), n_(n) {}
  std::uint8_t next() { return at_ < n_ ? p_[at_++] : 0; }
  /// 0..k (k ≤ 255).
  int upto(int k) { return k <= 0 ? 0 : next() % (k + 1); }
  bool bit() { return next() & 1; }
  /// True about once in `n` draws.
  bool rare(int n) { return at_ < n_ && p_[at_++] % n == 0; }

 private:
  const std::uint8_t* p_;
  std::size_t n_, at_ = 0;
};

inline const char* const kLevelZero[] = {"ไม่แสดงสมรรถนะให้เห็นอย่างชัดเจน", "ยังไม่ปรากฏ",
                                         "ระดับ ๐ ยังไม่แสดง", "level 0: not shown", "—"};

/// A framework of competencies c0, c1, … with `levels[j]` levels, `indicators[j]` indicators a
/// level, and level-0 wording `zero`.
inline FrameworkData framework_data(const std::vector<int>& levels,
                                    const std::vector<int>& indicators, int zero = 0) {
  FrameworkData d;
  d.id = "engine-test";
  d.version = "1";
  d.name.th = "กรอบทดสอบ";
  d.provenance.issuer.th = "ทดสอบ";
  d.level_zero.th = kLevelZero[static_cast<std::size_t>(zero) % std::size(kLevelZero)];
  for (std::size_t j = 0; j < levels.size(); ++j) {
    Competency c;
    c.id = "c" + std::to_string(j);
    c.name.th = "สมรรถนะข้อ " + std::to_string(j + 1);
    c.definition.th = "นิยาม";
    for (int k = 1; k <= levels[j]; ++k) {
      Level l;
      l.number = k;
      l.title.th = "ระดับ";
      for (int q = 1; q <= (indicators.empty() ? 1 : indicators[j]); ++q)
        l.indicators.push_back(Indicator{c.id + "." + std::to_string(k) + "." + std::to_string(q),
                                         {"ตัวชี้วัด", "", {}, {}}});
      c.levels.push_back(std::move(l));
    }
    d.competencies.push_back(std::move(c));
  }
  return d;
}

/// Frameworks are validated (their texts normalised) once per shape: the fuzzer sees few shapes.
inline std::shared_ptr<const Framework> framework(Bytes& in) {
  static std::map<std::vector<int>, std::shared_ptr<const Framework>> cache;
  const int c = 1 + in.upto(7);
  std::vector<int> levels, indicators;
  for (int j = 0; j < c; ++j) {
    levels.push_back(1 + in.upto(9));
    indicators.push_back(1 + in.upto(1));
  }
  const int zero = in.upto(static_cast<int>(std::size(kLevelZero)) - 1);
  std::vector<int> key = levels;
  key.insert(key.end(), indicators.begin(), indicators.end());
  key.push_back(zero);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() > 2000) cache.clear();  // bounded memory in long runs
  auto fw = std::make_shared<const Framework>(framework_data(levels, indicators, zero));
  cache.emplace(std::move(key), fw);
  return fw;
}

inline const char* const kCodes[] = {"K1", "K2", "O3", "M1", "D2"};

inline Scheme scheme(Bytes& in) {
  Scheme s;
  const double rw[] = {70, 50, 0, 100, 80, static_cast<double>(in.upto(100))};
  s.results_weight = rw[in.upto(5)];
  s.competency_weight = 100 - s.results_weight;
  if (in.bit()) return s;  // the BMA bands
  s.bands.clear();
  const double tops[] = {100, 99.99, 90, 50, 0.01, 60.005};
  double m = tops[in.upto(5)];
  const int nb = 1 + in.upto(5);
  for (int b = 0; b < nb; ++b) {
    if (b == nb - 1 && in.bit()) m = 0;
    s.bands.push_back(Band{"ระดับ " + std::to_string(b), "", m});
    m = std::max(0.0, m - 0.005 - in.upto(40));
    if (m == s.bands.back().min) break;
  }
  if (in.rare(32)) s.bands.front().min = 100.5;  // unreachable: rejected
  return s;
}

/// A profile whose expected levels fit the framework, now and then one that does not.
inline ProfileData profile_data(Bytes& in, const Framework& fw) {
  ProfileData d;
  d.id = "engine-profile";
  if (in.rare(16)) d.frameworks = {in.bit() ? fw.id() : std::string("other-framework")};
  int lowest = kMaxLevels;
  for (const auto& c : fw.competencies()) lowest = std::min(lowest, c.max_level());
  const int np = 1 + in.upto(3);
  for (int p = 0; p < np; ++p) {
    PositionProfile pos;
    pos.code = kCodes[p];
    pos.expected = in.upto(lowest) + (in.rare(32) ? 1 : 0);
    for (int o = in.upto(2); o > 0; --o) {
      const auto j = static_cast<std::size_t>(in.upto(static_cast<int>(fw.size()) - 1));
      const Competency& c = fw.competencies()[j];
      pos.overrides.emplace_back(c.id, in.upto(c.max_level()) + (in.rare(32) ? 1 : 0));
    }
    d.positions.push_back(std::move(pos));
  }
  d.scheme = scheme(in);
  return d;
}

inline ScoringOptions options(Bytes& in, const Framework& fw, const Scheme& sc) {
  ScoringOptions o;
  o.rules.method = static_cast<Method>(in.upto(3));
  o.rules.weight = in.rare(4) ? in.upto(100) : sc.competency_weight;
  o.rules.dpis_rounding = !in.rare(3);
  o.rules.ratio_cap = in.bit();
  if (in.rare(3)) {
    double left = 100;
    for (std::size_t j = 0; j + 1 < fw.size(); ++j) {
      const double w = std::min(left, static_cast<double>(in.upto(60)) + (in.bit() ? 0.5 : 0));
      o.rules.rating_weights.push_back(w);
      left -= w;
    }
    o.rules.rating_weights.push_back(left + (in.rare(16) ? 1 : 0));
  }
  o.missing = in.rare(3) ? MissingPolicy::zero : MissingPolicy::error;
  o.levels.policy = static_cast<LevelPolicy>(in.upto(3));
  o.levels.threshold = (1 + in.upto(9)) / 10.0;
  o.levels.raters = in.rare(3) ? RaterMode::weighted : RaterMode::supervisor_only;
  if (in.bit())
    o.levels.weights =
        RaterWeights{double(in.upto(60)), double(in.upto(30)), double(in.upto(30)), 0};
  o.levels.rounding = in.bit() ? RaterRounding::down : RaterRounding::nearest_half_up;
  return o;
}

/// One generated row of the ratings: who, which rater, the levels (-1 = empty cell).
struct Row {
  Person person;
  RaterRole role = RaterRole::supervisor;
  std::string rater_id;
  std::vector<std::int8_t> levels;
  double results = 0;
};

struct Cohort {
  std::vector<Row> rows;
  bool raters = false;          ///< rows carry rater_role / rater_id
  bool results_column = false;  ///< the ratings have a results column
  bool results_file = false;    ///< a results table is given as well
  EvidenceTable evidence;
  bool has_evidence = false;
  ResultsTable results;
};

inline std::string thai_digit(char d) {
  return std::string("๐๑๒๓๔๕๖๗๘๙").substr(3 * static_cast<std::size_t>(d - '0'), 3);
}

/// A position code as people write it: K2, k2 or K๒.
inline std::string spelled(Bytes& in, const std::string& code) {
  switch (in.upto(3)) {
    case 0:
      return std::string(1, static_cast<char>(code[0] - 'A' + 'a')) + code.substr(1);
    case 1:
      return code.substr(0, 1) + thai_digit(code[1]);
    default:
      return code;
  }
}

inline Cohort cohort(Bytes& in, const Framework& fw, const ProfileData& prof) {
  Cohort k;
  k.raters = in.bit();
  k.results_column = in.rare(3);
  k.results_file = in.rare(3);
  k.has_evidence = in.bit();
  k.evidence.file = "evidence.csv";
  k.results.file = "results.csv";
  const std::size_t c = fw.size();
  const int n = 1 + in.upto(3);  // 1..4 people (each with up to 3 rater rows)
  for (int i = 0; i < n; ++i) {
    Person p{"P" + std::to_string(i), "ชื่อ " + std::to_string(i), in.bit() ? "หน่วย ก" : "หน่วย ข",
             ""};
    const auto& pos = prof.positions[static_cast<std::size_t>(
        in.upto(static_cast<int>(prof.positions.size()) - 1))];
    p.position = in.rare(64) ? std::string("X9") : spelled(in, pos.code);
    const double res =
        in.bit() ? in.upto(200) / 2.0 : std::round(in.next() * 10000.0 / 255.0) / 100.0;
    const int raters = k.raters ? 1 + in.upto(2) : 1;
    for (int r = 0; r < raters; ++r) {
      Row row{p,
              r == 0 || in.rare(8) ? RaterRole::supervisor : static_cast<RaterRole>(1 + in.upto(2)),
              "R" + std::to_string(r),
              {},
              res};
      for (std::size_t j = 0; j < c; ++j) {
        const int m = fw.competencies()[j].max_level();
        row.levels.push_back(static_cast<std::int8_t>(in.rare(4) ? -1 : in.upto(m)));
      }
      k.rows.push_back(std::move(row));
    }
    if (k.results_file) {
      k.results.rows.emplace_back(p.id, res);
      k.results.lines.push_back(k.results.rows.size() + 1);
    }
    if (k.has_evidence)
      for (const auto& comp : fw.competencies())
        for (const auto& l : comp.levels)
          for (const auto& ind : l.indicators)
            if (in.rare(3))
              k.evidence.rows.push_back(EvidenceRow{p.id, ind.id,
                                                    static_cast<Observation>(in.upto(2)), "",
                                                    k.evidence.rows.size() + 2});
  }
  return k;
}

inline std::string digits(Bytes& in, int v) {
  std::string s = std::to_string(v);
  if (!in.rare(4)) return s;
  std::string t;
  for (char ch : s) t += thai_digit(ch);
  return t;
}

inline std::string ratings_csv(Bytes& in, const Framework& fw, const Cohort& k) {
  std::string s = "person_id,name,unit,position";
  if (k.raters) s += ",rater_role,rater_id";
  for (const auto& c : fw.competencies()) s += "," + c.id;
  if (k.results_column) s += ",results";
  s += "\n";
  for (const Row& r : k.rows) {
    s += r.person.id + "," + r.person.name + "," + r.person.unit + "," + r.person.position;
    if (k.raters) s += "," + std::string(to_string(r.role)) + "," + r.rater_id;
    for (std::int8_t v : r.levels) s += "," + (v < 0 ? std::string() : digits(in, v));
    if (k.results_column) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", r.results);
      s += std::string(",") + buf;
    }
    s += "\n";
  }
  return s;
}

inline RatingsTable ratings_table(Bytes& in, const std::shared_ptr<const Framework>& fw,
                                  const Cohort& k) {
  if (!k.raters || in.bit()) return read_ratings_csv(ratings_csv(in, *fw, k), fw, "ratings.csv");
  std::vector<std::string> columns;
  for (const auto& c : fw->competencies()) columns.push_back(c.id);
  RatingsBuilder b(fw, "ratings", columns, k.results_column);
  std::size_t line = 1;
  for (const Row& r : k.rows) {
    ++line;
    b.add(r.person, r.role, r.rater_id, r.levels, k.results_column ? r.results : std::nan(""), line,
          [&](std::string_view col, std::string_view value) {
            Location w;
            w.file = "ratings";
            w.line = line;
            w.path = std::string(col);
            w.value = std::string(value);
            return w;
          });
  }
  return std::move(b).finish();
}

/// The class of an error, for "every path fails alike".
inline std::string error_class(const Error& e) { return typeid(e).name(); }

struct Mismatch {
  std::string what;
};
#define ENGINE_EXPECT(cond, msg)                                                  \
  do {                                                                            \
    if (!(cond)) throw ::engine_check::Mismatch{std::string(#cond ": ") + (msg)}; \
  } while (0)

inline std::string fixed2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}
inline std::string num(double x) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}
inline double json_double(const boost::json::value& v) {
  return v.is_int64()    ? static_cast<double>(v.as_int64())
         : v.is_uint64() ? static_cast<double>(v.as_uint64())
                         : v.as_double();
}

/// Per person vs cohort vs batch, cell by cell, bit for bit.
inline void compare_scores(const CohortScores& s, const std::vector<PersonScore>& ps,
                           const ScoringRules& rules, const Scheme& scheme) {
  const std::size_t c = s.c;
  for (std::size_t i = 0; i < s.n; ++i) {
    const std::string who = "person " + s.people[i].id;
    for (std::size_t j = 0; j < c; ++j) {
      const CompetencyScore& cs = ps[i].competencies[j];
      const std::size_t k = i * c + j;
      ENGINE_EXPECT(cs.held == s.held[k] && cs.expected == s.expected[k] && cs.gap == s.gap[k],
                    who + " " + cs.competency);
      ENGINE_EXPECT(cs.points == s.points[k], who + " " + cs.competency + " points " +
                                                  num(cs.points) + " vs " + num(s.points[k]));
      ENGINE_EXPECT(static_cast<std::uint8_t>(cs.detail.source) == s.source[k], who + " source");
      ENGINE_EXPECT(cs.detail.rating_disagrees == bool(s.flags[k] & flag_rating_disagrees),
                    who + " disagrees flag");
      ENGINE_EXPECT(cs.detail.shown_above_gap.empty() != bool(s.flags[k] & flag_shown_above_gap),
                    who + " gap flag");
    }
    ENGINE_EXPECT(ps[i].competency_score == s.part[i],
                  who + " part " + num(ps[i].competency_score) + " vs " + num(s.part[i]));
    ENGINE_EXPECT(ps[i].total.has_value() == s.has_results, who + " has a total on one path only");
    if (ps[i].total) {
      ENGINE_EXPECT(*ps[i].total == s.total[i],
                    who + " total " + num(*ps[i].total) + " vs " + num(s.total[i]));
      ENGINE_EXPECT(static_cast<std::int8_t>(*ps[i].band) == s.band[i], who + " band");
      ENGINE_EXPECT(*ps[i].results == s.results[i], who + " results");
    }
  }
  // The batch path on its own, from the cohort's levels.
  std::vector<int> maxl;
  for (const auto& comp : s.framework->competencies()) maxl.push_back(comp.max_level());
  std::vector<std::int8_t> gap(s.n * c), band(s.n);
  std::vector<double> points(s.n * c), part(s.n), total(s.n);
  score_batch(s.n, c, s.held, s.expected, maxl,
              s.has_results ? std::span<const double>(s.results) : std::span<const double>(), rules,
              scheme, BatchOutput{gap, points, part, total, band});
  for (std::size_t i = 0; i < s.n; ++i) {
    ENGINE_EXPECT(part[i] == ps[i].competency_score, "batch part of " + s.people[i].id);
    ENGINE_EXPECT(band[i] == s.band[i], "batch band of " + s.people[i].id);
    if (s.has_results) ENGINE_EXPECT(total[i] == s.total[i], "batch total of " + s.people[i].id);
  }
  ENGINE_EXPECT(gap == s.gap && points == s.points, "batch gaps or points");
}

/// scores_csv parsed back, field by field, against the per-person scores.
inline void compare_csv(const CohortScores& s, const std::vector<PersonScore>& ps) {
  const std::string csv = scores_csv(s);  // the reader keeps a view of it
  detail::CsvReader r(csv, "scores.csv");
  ENGINE_EXPECT(r.next(), "no CSV header");
  const std::size_t width = 5 + 4 * s.c + (s.has_results ? 3 : 0);
  ENGINE_EXPECT(r.size() == width, "CSV header width");
  const auto& bands = s.profile->scheme().bands;
  for (std::size_t i = 0; i < s.n; ++i) {
    ENGINE_EXPECT(r.next() && r.size() == width, "CSV row " + std::to_string(i));
    ENGINE_EXPECT(r[0] == ps[i].person.id && r[3] == ps[i].person.position, "CSV person " + r[0]);
    ENGINE_EXPECT(r[4] == fixed2(ps[i].competency_score),
                  "CSV part " + r[4] + " vs " + num(ps[i].competency_score));
    for (std::size_t j = 0; j < s.c; ++j) {
      const CompetencyScore& cs = ps[i].competencies[j];
      const std::size_t f = 5 + 4 * j;
      ENGINE_EXPECT(r[f] == std::to_string(cs.held) && r[f + 1] == std::to_string(cs.expected) &&
                        r[f + 2] == std::to_string(cs.gap),
                    "CSV levels of " + cs.competency);
      double p = -1;
      std::from_chars(r[f + 3].data(), r[f + 3].data() + r[f + 3].size(), p);
      ENGINE_EXPECT(p == cs.points, "CSV points " + r[f + 3]);
    }
    if (s.has_results) {
      const std::size_t f = 5 + 4 * s.c;
      double res = -1;
      std::from_chars(r[f].data(), r[f].data() + r[f].size(), res);
      ENGINE_EXPECT(res == *ps[i].results, "CSV results " + r[f]);
      ENGINE_EXPECT(r[f + 1] == fixed2(*ps[i].total), "CSV total " + r[f + 1]);
      ENGINE_EXPECT(r[f + 2] == bands[*ps[i].band].th, "CSV band " + r[f + 2]);
    }
  }
  ENGINE_EXPECT(!r.next(), "CSV has extra rows");
}

/// The numbers after each `"key":` in JSON text, in order, read exactly (Boost 1.81's parser
/// reads doubles to within an ulp or so, not exactly).
inline std::vector<double> json_numbers(std::string_view text, std::string_view key) {
  std::vector<double> out;
  const std::string k = "\"" + std::string(key) + "\":";
  for (std::size_t at = text.find(k); at != std::string_view::npos; at = text.find(k, at + 1)) {
    std::size_t p = at + k.size();
    while (p < text.size() && text[p] == ' ') ++p;
    double v = std::nan("");
    std::from_chars(text.data() + p, text.data() + text.size(), v);
    out.push_back(v);
  }
  return out;
}

/// scores_json parsed back against the per-person scores: numbers exactly.
inline void compare_json(const CohortScores& s, const std::vector<PersonScore>& ps) {
  const std::string text = scores_json(s);
  // The parsed document lives in one reused buffer: the parser's hundreds of small allocations
  // (boost::json is not instrumented; each one cost an ASan malloc/free) become pointer bumps.
  static std::vector<unsigned char> buffer(1 << 20);
  boost::json::monotonic_resource memory(buffer.data(), buffer.size());
  const boost::json::value root = boost::json::parse(text, &memory);
  const auto parts = json_numbers(text, "competency_score"), totals = json_numbers(text, "total"),
             results = json_numbers(text, "results");
  ENGINE_EXPECT(parts.size() == s.n && totals.size() == (s.has_results ? s.n : 0) &&
                    results.size() == totals.size(),
                "JSON number count");
  const auto& people = root.at("people").as_array();
  ENGINE_EXPECT(people.size() == s.n, "JSON people");
  const auto& bands = s.profile->scheme().bands;
  for (std::size_t i = 0; i < s.n; ++i) {
    const auto& p = people[i].as_object();
    ENGINE_EXPECT(p.at("person_id").as_string() == ps[i].person.id, "JSON person");
    ENGINE_EXPECT(parts[i] == ps[i].competency_score,
                  "JSON part " + num(parts[i]) + " vs " + num(ps[i].competency_score));
    const auto& comps = p.at("competencies").as_object();
    for (const CompetencyScore& cs : ps[i].competencies) {
      const auto& cj = comps.at(cs.competency).as_object();
      ENGINE_EXPECT(
          cj.at("held").as_int64() == cs.held && cj.at("expected").as_int64() == cs.expected &&
              cj.at("gap").as_int64() == cs.gap && json_double(cj.at("points")) == cs.points,
          "JSON levels of " + cs.competency);
      ENGINE_EXPECT(cj.at("source").as_string() == to_string(cs.detail.source), "JSON source");
    }
    ENGINE_EXPECT(p.contains("total") == ps[i].total.has_value(), "JSON total present");
    if (ps[i].total) {
      ENGINE_EXPECT(totals[i] == *ps[i].total,
                    "JSON total " + num(totals[i]) + " vs " + num(*ps[i].total));
      ENGINE_EXPECT(results[i] == *ps[i].results, "JSON results " + num(results[i]));
      ENGINE_EXPECT(p.at("band").as_string() == bands[*ps[i].band].th, "JSON band");
    }
  }
}

/// Every person through score_person; the error class of each that fails ("" = scored).
inline std::vector<std::string> score_people(const RatingsTable& t, const Cohort& k,
                                             const Profile& prof, const ScoringOptions& opt,
                                             std::vector<PersonScore>& out) {
  std::vector<std::string> errors;
  for (const Person& p : t.people) {
    try {
      Assessment a = assessment_of(
          t, p.id, k.has_evidence ? InputRef<EvidenceTable>(k.evidence) : std::nullopt);
      if (k.results_file)
        for (const auto& [id, v] : k.results.rows)
          if (id == p.id) a.results = v;
      out.push_back(score_person(*t.framework, prof, a, opt));
      errors.emplace_back();
    } catch (const Error& e) {
      errors.push_back(error_class(e));
    }
  }
  return errors;
}

/// Cohort vs people: both succeed, or both fail with an error class one of the people failed with.
inline void compare_outcomes(const std::optional<std::string>& cohort_error,
                             const std::vector<std::string>& people, bool both_results) {
  std::set<std::string> failed;
  for (const auto& e : people)
    if (!e.empty()) failed.insert(e);
  if (failed.empty() && both_results) {
    ENGINE_EXPECT(cohort_error && *cohort_error == typeid(ValidationError).name(),
                  "a results column and a results file must be a ValidationError");
    return;
  }
  if (both_results) failed.insert(typeid(ValidationError).name());
  ENGINE_EXPECT(cohort_error.has_value() == !failed.empty(),
                cohort_error ? "only the cohort failed: " + *cohort_error
                             : "only people failed: " + *failed.begin());
  if (cohort_error)
    ENGINE_EXPECT(failed.count(*cohort_error), "the cohort failed otherwise: " + *cohort_error);
}

/// Runs one generated case; "" when every path agrees, else what differs.
inline std::string check(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  const auto fw = framework(in);
  const ProfileData pd = profile_data(in, *fw);
  std::shared_ptr<const Profile> prof;
  try {
    prof = std::make_shared<const Profile>(pd);
  } catch (const ValidationError&) {
    return "";  // a scheme the validation rejects (unreachable band): no path sees it
  }
  const ScoringOptions opt = options(in, *fw, prof->scheme());
  const Cohort k = cohort(in, *fw, pd);
  RatingsTable t;
  try {
    t = ratings_table(in, fw, k);
  } catch (const Error& e) {
    return "";  // the readers' own checks (two supervisors disagreeing, …); not an engine path
  }
  try {
    std::optional<std::string> cohort_error;
    CohortScores s;
    try {
      s = score_cohort(
          t, prof,
          {.evidence = k.has_evidence ? InputRef<EvidenceTable>(k.evidence) : std::nullopt,
           .results = k.results_file ? InputRef<ResultsTable>(k.results) : std::nullopt},
          opt);
    } catch (const Error& e) {
      cohort_error = error_class(e);
    }
    std::vector<PersonScore> ps;
    const auto people = score_people(t, k, *prof, opt, ps);
    compare_outcomes(cohort_error, people, k.results_file && k.results_column);
    if (cohort_error) return "";
    compare_scores(s, ps, opt.rules, prof->scheme());
    compare_csv(s, ps);
    compare_json(s, ps);
  } catch (const Mismatch& m) {
    std::string d = m.what + "\n  framework levels:";
    for (const auto& c : fw->competencies()) d += " " + std::to_string(c.max_level());
    d += "\n  method " + std::string(to_string(opt.rules.method)) + ", weight " +
         num(opt.rules.weight) + ", rounding " + std::to_string(opt.rules.dpis_rounding) +
         ", cap " + std::to_string(opt.rules.ratio_cap) + ", rating weights " +
         std::to_string(opt.rules.rating_weights.size()) + ", policy " +
         std::string(to_string(opt.levels.policy)) + ", raters " +
         std::to_string(int(opt.levels.raters)) + ", missing " + std::to_string(int(opt.missing)) +
         "\n  ratings:\n" + ratings_csv(in, *fw, k);
    return d;
  }
  return "";
}

}  // namespace engine_check
