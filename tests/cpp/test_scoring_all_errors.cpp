// score_cohort's collect-all-errors mode (ScoringOptions::all_errors, issue 17): random cohorts
// with k scoring-time errors of each kind injected. The collected list is the errors the
// first-error mode finds when they are fixed one at a time, in file order, with the same located
// messages; the cap keeps a prefix and counts the rest; the streamed scorer gives the same list
// as the whole file; without the mode nothing changes.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "helpers.hpp"
#include "samatthana/stream.hpp"

namespace fs = std::filesystem;
using namespace samatthana;

namespace {

/// The kinds of scoring-time error injected.
enum class Fault {
  position,        ///< a position the profile does not know (ratings row)
  missing,         ///< a competency neither rated nor evidenced (ratings row)
  evidence_ghost,  ///< an evidence row naming nobody of the ratings (evidence row)
  results_ghost,   ///< a results row naming nobody of the ratings (results row)
  results_absent,  ///< a person without a results row (ratings row)
  results_empty,   ///< an empty cell of the ratings' results column (ratings row)
};

struct Injected {
  Fault kind;
  std::size_t person = 0;  ///< the person (ghosts: where among the rows the ghost row goes)
  std::size_t competency = 0;
};

/// A random cohort of n people rated on the BMA's five competencies, and its faults.
struct Cohort {
  std::size_t n = 0;
  std::vector<std::array<int, 5>> levels;
  std::vector<std::string> positions;
  std::vector<Injected> faults;
  bool results_file = true;  ///< results in results.csv (else a results column)
};

/// The CSV texts of a cohort with some of its faults active, and which fault is on which line.
struct Built {
  std::string ratings, evidence, results;
  std::map<std::pair<std::string, std::size_t>, std::size_t> fault_at;  ///< (file, line) → fault
};

const std::vector<std::string>& comp_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (const auto& c : test::bma()->competencies()) v.push_back(c.id);
    return v;
  }();
  return ids;
}

/// The active fault of kind `k` at person i (or its index), or -1.
long fault_of(const Cohort& c, const std::vector<bool>& active, Fault k, std::size_t i) {
  for (std::size_t f = 0; f < c.faults.size(); ++f)
    if (active[f] && c.faults[f].kind == k && c.faults[f].person == i) return static_cast<long>(f);
  return -1;
}

std::string build_ratings(const Cohort& c, const std::vector<bool>& active, Built& b) {
  std::string s = "person_id,name,unit,position";
  for (const auto& id : comp_ids()) s += "," + id;
  if (!c.results_file) s += ",results";
  s += "\n";
  for (std::size_t i = 0; i < c.n; ++i) {
    const std::size_t line = i + 2;
    const long pos = fault_of(c, active, Fault::position, i);
    const long miss = fault_of(c, active, Fault::missing, i);
    const long absent = fault_of(c, active, Fault::results_absent, i);
    const long empty = fault_of(c, active, Fault::results_empty, i);
    for (long f : {pos, miss, absent, empty})
      if (f >= 0) b.fault_at[{"ratings.csv", line}] = static_cast<std::size_t>(f);
    s += "P" + std::to_string(i) + ",ชื่อ " + std::to_string(i) + ",หน่วย,";
    s += pos >= 0 ? "ZZ9" : c.positions[i];
    for (std::size_t j = 0; j < 5; ++j) {
      s += ",";
      if (!(miss >= 0 && c.faults[static_cast<std::size_t>(miss)].competency == j))
        s += std::to_string(c.levels[i][j]);
    }
    if (!c.results_file) s += empty >= 0 ? "," : ",7" + std::to_string(i % 10);
    s += "\n";
  }
  return s;
}

/// Evidence: two good rows of P0 (never faulty), and a ghost row before person g's slot.
std::string build_evidence(const Cohort& c, const std::vector<bool>& active, Built& b) {
  std::string s = "person_id,indicator_id,observation\nP0,integrity.1.1,shown\n";
  std::size_t line = 3;
  for (std::size_t g = 0; g <= c.n; ++g) {
    const long f = fault_of(c, active, Fault::evidence_ghost, g);
    if (f < 0) continue;
    b.fault_at[{"evidence.csv", line++}] = static_cast<std::size_t>(f);
    s += "GHOST" + std::to_string(g) + ",integrity.1.1,shown\n";
  }
  s += "P0,integrity.1.2,shown\n";
  return s;
}

std::string build_results(const Cohort& c, const std::vector<bool>& active, Built& b) {
  std::string s = "person_id,results\n";
  std::size_t line = 2;
  for (std::size_t i = 0; i <= c.n; ++i) {
    if (const long f = fault_of(c, active, Fault::results_ghost, i); f >= 0) {
      b.fault_at[{"results.csv", line++}] = static_cast<std::size_t>(f);
      s += "NOBODY" + std::to_string(i) + ",55\n";
    }
    if (i == c.n || fault_of(c, active, Fault::results_absent, i) >= 0) continue;
    s += "P" + std::to_string(i) + ",6" + std::to_string(i % 10) + "\n";
    ++line;
  }
  return s;
}

Built build(const Cohort& c, const std::vector<bool>& active) {
  Built b;
  b.ratings = build_ratings(c, active, b);
  b.evidence = build_evidence(c, active, b);
  if (c.results_file) b.results = build_results(c, active, b);
  return b;
}

/// A cohort of n people with k faults of the kinds in `kinds`, one per person (person 0 none).
Cohort random_cohort(std::mt19937& rng, std::size_t n, std::size_t k,
                     const std::vector<Fault>& kinds, bool results_file) {
  static const char* const positions[] = {"K1", "K2", "K3", "O1", "O2"};
  Cohort c;
  c.n = n;
  c.results_file = results_file;
  for (std::size_t i = 0; i < n; ++i) {
    std::array<int, 5> l{};
    for (int& x : l) x = static_cast<int>(rng() % 4);
    c.levels.push_back(l);
    c.positions.emplace_back(positions[rng() % 5]);
  }
  std::vector<std::size_t> people(n - 1);
  for (std::size_t i = 0; i < n - 1; ++i) people[i] = i + 1;
  std::shuffle(people.begin(), people.end(), rng);
  for (std::size_t f = 0; f < k && f < people.size(); ++f)
    c.faults.push_back(Injected{kinds[rng() % kinds.size()], people[f], rng() % 5});
  return c;
}

struct Run {
  std::shared_ptr<const Profile> profile = builtin_profile("bma");
  ScoringOptions options;
};

CohortScores score_built(const Built& b, const Run& run) {
  const auto fw = test::bma();
  const RatingsTable r = read_ratings_csv(b.ratings, fw, "ratings.csv");
  const EvidenceTable e = read_evidence_csv(b.evidence, *fw, "evidence.csv");
  std::optional<ResultsTable> res;
  if (!b.results.empty()) res = read_results_csv(b.results, "results.csv");
  return score_cohort(r, run.profile, {.evidence = e, .results = input_ref(res)}, run.options);
}

/// What the first-error mode finds fixing one fault at a time: (fault, message, kind, what()).
struct FoundOne {
  std::size_t fault;
  std::string message, what;
  ErrorKind kind;
  std::pair<std::string, std::size_t> at;  ///< (file, line) with every fault active
};

std::vector<FoundOne> one_at_a_time(const Cohort& c, const Run& run) {
  std::vector<bool> active(c.faults.size(), true);
  const Built all = build(c, active);
  std::map<std::size_t, std::pair<std::string, std::size_t>> where_all;
  for (const auto& [at, f] : all.fault_at) where_all[f] = at;
  std::vector<FoundOne> found;
  for (std::size_t round = 0; round <= c.faults.size(); ++round) {
    const Built b = build(c, active);
    try {
      (void)score_built(b, run);
      return found;
    } catch (const Error& e) {
      const auto it = b.fault_at.find({e.where().file, e.where().line});
      INFO(e.what());
      REQUIRE(it != b.fault_at.end());
      found.push_back(
          FoundOne{it->second, e.message(), e.what(), kind_of(e), where_all[it->second]});
      active[it->second] = false;
    }
  }
  FAIL("the errors do not end");
  return found;
}

std::size_t rank(const std::string& file) {
  return file == "ratings.csv" ? 0 : file == "evidence.csv" ? 1 : 2;
}

/// The collect mode's ImportErrors of the cohort with every fault (none: an empty list).
std::optional<ImportErrors> collected(const Cohort& c, Run run, std::size_t cap) {
  run.options.all_errors = cap;
  try {
    (void)score_built(build(c, std::vector<bool>(c.faults.size(), true)), run);
  } catch (const ImportErrors& e) {
    return e;
  }
  return std::nullopt;
}

void check_cohort(const Cohort& c, const Run& run) {
  std::vector<FoundOne> expected = one_at_a_time(c, run);
  REQUIRE(expected.size() == c.faults.size());  // every fault is an error of its own
  const std::string first_what = expected.empty() ? "" : expected.front().what;
  std::stable_sort(expected.begin(), expected.end(), [](const FoundOne& a, const FoundOne& b) {
    return rank(a.at.first) != rank(b.at.first) ? rank(a.at.first) < rank(b.at.first)
                                                : a.at.second < b.at.second;
  });
  for (std::size_t cap : {std::size_t{1}, std::size_t{3}, std::size_t{100}}) {
    const auto e = collected(c, run, cap);
    if (expected.empty()) {
      CHECK_FALSE(e.has_value());
      continue;
    }
    REQUIRE(e.has_value());
    const ErrorList& list = e->errors();
    CHECK(list.total() == expected.size());
    CHECK(list.size() == std::min(cap, expected.size()));
    CHECK(list.more() == expected.size() - list.size());
    for (std::size_t q = 0; q < list.size(); ++q) {
      const LocatedError& item = list.items()[q];
      INFO("cap " << cap << ", item " << q << ": " << item.text);
      CHECK(item.where.file == expected[q].at.first);
      CHECK(item.where.line == expected[q].at.second);
      CHECK(item.message == expected[q].message);
      CHECK(item.kind == expected[q].kind);
    }
    // Today's first-error exception is in the list, word for word.
    if (cap == 100)
      CHECK(std::any_of(list.items().begin(), list.items().end(),
                        [&](const LocatedError& x) { return x.text == first_what; }));
  }
}

}  // namespace

TEST_CASE("all_errors: the collected scoring errors are those fixed one at a time, in file order",
          "[scoring_all_errors]") {
  std::mt19937 rng(20261203);
  const std::vector<Fault> with_file = {Fault::position, Fault::missing, Fault::evidence_ghost,
                                        Fault::results_ghost, Fault::results_absent};
  const std::vector<Fault> with_column = {Fault::position, Fault::missing, Fault::evidence_ghost,
                                          Fault::results_empty};
  for (int round = 0; round < 12; ++round) {
    const std::size_t n = 3 + rng() % 10;
    const std::size_t k = rng() % n;
    const bool file = round % 2 == 0;
    const Cohort c = random_cohort(rng, n, k, file ? with_file : with_column, file);
    INFO("round " << round << ": " << n << " people, " << k << " faults");
    check_cohort(c, Run{});
  }
}

TEST_CASE("all_errors: each kind alone; the first collected is today's first error",
          "[scoring_all_errors]") {
  std::mt19937 rng(7);
  for (Fault kind : {Fault::position, Fault::missing, Fault::evidence_ghost, Fault::results_ghost,
                     Fault::results_absent, Fault::results_empty}) {
    const bool file = kind != Fault::results_empty;
    const Cohort c = random_cohort(rng, 8, 4, {kind}, file);
    INFO("kind " << static_cast<int>(kind));
    check_cohort(c, Run{});
    // One kind: the first-error mode finds them in file order, so the first is today's error.
    const Built b = build(c, std::vector<bool>(c.faults.size(), true));
    std::string first_what;
    ErrorKind first_kind = ErrorKind::other;
    try {
      (void)score_built(b, Run{});
    } catch (const Error& x) {
      first_what = x.what();
      first_kind = kind_of(x);
    }
    const auto e = collected(c, Run{}, 100);
    REQUIRE(e.has_value());
    CHECK(e->errors().items().front().text == first_what);
    CHECK(e->errors().items().front().kind == first_kind);
  }
}

TEST_CASE("all_errors: a good cohort scores the same bits; missing as zero is no error",
          "[scoring_all_errors]") {
  std::mt19937 rng(11);
  Cohort c = random_cohort(rng, 9, 0, {Fault::missing}, true);
  const Built b = build(c, {});
  Run first, all;
  all.options.all_errors = 5;
  const CohortScores a = score_built(b, first), z = score_built(b, all);
  CHECK(a.held == z.held);
  CHECK(a.points == z.points);
  CHECK(a.part == z.part);
  CHECK(a.total == z.total);
  CHECK(a.band == z.band);
  // Missing cells counted as 0: not errors in either mode.
  c = random_cohort(rng, 9, 4, {Fault::missing}, true);
  first.options.missing = all.options.missing = MissingPolicy::zero;
  const Built m = build(c, std::vector<bool>(c.faults.size(), true));
  CHECK(score_built(m, first).held == score_built(m, all).held);
}

TEST_CASE("all_errors: an error of the whole input is listed alone", "[scoring_all_errors]") {
  std::mt19937 rng(3);
  const Cohort c = random_cohort(rng, 6, 3, {Fault::missing, Fault::position}, false);
  const Built b = build(c, std::vector<bool>(c.faults.size(), true));
  const auto fw = test::bma();
  const RatingsTable r = read_ratings_csv(b.ratings, fw, "ratings.csv");
  const ResultsTable res = read_results_csv("person_id,results\nP0,50\n", "results.csv");
  ScoringOptions opt;
  const Error first = test::expect_error<Error>(
      [&] { (void)score_cohort(r, builtin_profile("bma"), {.results = res}, opt); });
  opt.all_errors = 10;
  const ImportErrors e = test::expect_error<ImportErrors>(
      [&] { (void)score_cohort(r, builtin_profile("bma"), {.results = res}, opt); });
  REQUIRE(e.errors().size() == 1);
  CHECK_THAT(e.errors().items()[0].message, Catch::Contains("results column and a results file"));
  // The first-error mode finds the rows first, as always.
  CHECK_THAT(std::string(first.what()), !Catch::Contains("results column and a results file"));
}

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int k = 0;
    path = fs::temp_directory_path() /
           ("samatthana-scae-" + std::to_string(::getpid()) + "-" + std::to_string(++k));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// The what() and items of the collect mode on a ratings file, whole or streamed.
std::string outcome(const fs::path& file, std::size_t cap, std::size_t chunk_rows,
                    const fs::path& out) {
  ReadOptions ro;
  ro.all_errors = cap;
  const ScopedReadOptions scope(ro);
  ScoringOptions opt;
  opt.all_errors = cap;
  const auto fw = test::bma();
  try {
    if (chunk_rows == 0) {
      const CohortScores s =
          score_cohort(load_ratings_csv(file, fw), builtin_profile("bma"), {}, opt);
      return "ok " + std::to_string(s.n);
    }
    StreamOptions so;
    so.chunk_rows = chunk_rows;
    RatingsStream in(file, fw, so);
    StreamOutput o;
    o.file = out;
    const StreamScoreStats st = score_stream(in, builtin_profile("bma"), opt, o);
    return "ok " + std::to_string(st.people);
  } catch (const ImportErrors& e) {
    std::string s = std::string("ImportErrors ") + e.what();
    for (const auto& x : e.errors().items()) s += "\n" + std::string(to_string(x.kind));
    return s;
  }
}

}  // namespace

TEST_CASE("all_errors: the streamed scorer lists what the whole file lists",
          "[scoring_all_errors][stream]") {
  std::mt19937 rng(99);
  TempDir dir;
  for (int round = 0; round < 8; ++round) {
    const std::size_t n = 5 + rng() % 20;
    const Cohort c = random_cohort(rng, n, rng() % n,
                                   {Fault::position, Fault::missing, Fault::results_empty}, false);
    Built b = build(c, std::vector<bool>(c.faults.size(), true));
    if (round == 3) b.ratings.replace(b.ratings.find('\n') + 1, 0, "P0,x,y,K1,1,1,1,1,1,\nbad\n");
    const fs::path file = dir.path / ("r" + std::to_string(round) + ".csv");
    std::ofstream(file, std::ios::binary) << b.ratings;
    for (std::size_t cap : {std::size_t{1}, std::size_t{3}, std::size_t{100}}) {
      const std::string whole = outcome(file, cap, 0, {});
      INFO("round " << round << " cap " << cap << "\n" << whole);
      if (round == 3)  // the reading errors come first, alone
        CHECK_THAT(whole, Catch::Contains(cap == 1 ? "and 1 more error" : "given twice"));
      for (std::size_t rows : {std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
        const fs::path out = dir.path / "out.csv";
        CHECK(outcome(file, cap, rows, out) == whole);
        CHECK(fs::exists(out) == (whole.rfind("ok", 0) == 0));  // nothing written on failure
        fs::remove(out);
      }
    }
  }
}
