// Many threads over one shared framework at once: lookups, collation, search, cohort scoring and
// summaries, compared with a single-threaded reference. Meant to run under ThreadSanitizer
// (cmake --preset tsan; build-tsan/tests/samatthana_tests "[concurrency]"), and passes without.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "samatthana/samatthana.hpp"
#include "samatthana/search.hpp"

using namespace samatthana;

namespace {

constexpr int kThreads = 8;

// Runs body(t) on kThreads threads released together; collects failure messages (Catch2 macros
// are not thread-safe, so threads report by string and the main thread checks).
template <class F>
std::vector<std::string> run_threads(F body) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t)
    pool.emplace_back([&, t] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      try {
        body(t, errors[static_cast<std::size_t>(t)]);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] += std::string("exception: ") + e.what() + "\n";
      }
    });
  while (ready.load() < kThreads) std::this_thread::yield();
  go.store(true);
  for (auto& th : pool) th.join();
  std::vector<std::string> out;
  for (auto& e : errors)
    if (!e.empty()) out.push_back(e);
  return out;
}

#define EXPECT_T(cond)                                          \
  do {                                                          \
    if (!(cond)) err += std::string("failed: ") + #cond + "\n"; \
  } while (0)

// A cohort of n people with levels derived from their index (every level 0..5 appears).
std::string cohort_csv(std::size_t n) {
  static const char* positions[] = {"O1", "O2", "K1", "K2", "K3", "วิชาการ ชำนาญการพิเศษ", "M1"};
  static const char* units[] = {"กองคลัง", "สำนักงานเขตบางรัก", "สำนักการศึกษา"};
  std::string s =
      "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise,results\n";
  for (std::size_t i = 0; i < n; ++i) {
    s += "P" + std::to_string(i) + ",คนที่ " + std::to_string(i) + "," + units[i % 3] + ",\"" +
         positions[i % 7] + "\"";
    for (std::size_t j = 0; j < 5; ++j) s += "," + std::to_string((i * 7 + j * 3) % 6);
    s += "," + std::to_string(40 + (i * 13) % 61) + "\n";
  }
  return s;
}

std::vector<std::string> thai_words() {
  std::vector<std::string> w;
  for (const auto& c : bma_core().competencies()) {
    w.push_back(c.name.th);
    for (const auto& l : c.levels)
      for (const auto& ind : l.indicators) w.push_back(ind.text.th);
  }
  w.push_back("ระดับ ๑๐");
  w.push_back("ระดับ 2");
  return w;
}

}  // namespace

TEST_CASE("concurrency: first use of the built-in data from many threads at once",
          "[concurrency]") {
  std::vector<const void*> fw(kThreads), prof(kThreads);
  auto errors = run_threads([&](int t, std::string& err) {
    auto f = builtin_framework("bma");
    auto p = default_profile(*f);
    fw[static_cast<std::size_t>(t)] = f.get();
    prof[static_cast<std::size_t>(t)] = p.get();
    EXPECT_T(f->size() == 5);
    EXPECT_T(bma_core().size() == 5);
    EXPECT_T(!builtin_framework_ids().empty());
  });
  CHECK(errors.empty());
  for (const auto& e : errors) INFO(e);
  for (int t = 1; t < kThreads; ++t) {
    CHECK(*static_cast<const Framework*>(fw[static_cast<std::size_t>(t)]) ==
          *static_cast<const Framework*>(fw[0]));
    CHECK(static_cast<const Profile*>(prof[static_cast<std::size_t>(t)])->id() ==
          static_cast<const Profile*>(prof[0])->id());
  }
}

TEST_CASE("concurrency: lookups, text, collation and search over one framework", "[concurrency]") {
  const Framework& fw = bma_core();
  const text::Collator collator;
  const IndicatorIndex index(fw);
  const std::vector<std::string> words = thai_words();
  const std::vector<std::string> queries = {"ทำงานเป็นทีม", "บริการ",       "ผลกระทบ", "เเก้ไข",
                                            "integrity",  "ความรับผิดชอบ", "๑"};

  // Single-threaded reference.
  std::vector<std::string> ref_sorted = words;
  collator.sort(ref_sorted);
  std::vector<std::string> ref_keys;
  for (const auto& w : words) ref_keys.push_back(collator.sort_key(w));
  std::vector<std::vector<SearchHit>> ref_hits;
  for (const auto& q : queries) ref_hits.push_back(index.search(q));
  std::vector<std::string> ref_norm;
  for (const auto& w : words) ref_norm.push_back(text::match_key(w));

  auto errors = run_threads([&](int t, std::string& err) {
    for (int round = 0; round < 3; ++round) {
      // Lookups by id, code, Thai name and indicator id.
      for (const auto& c : fw.competencies()) {
        EXPECT_T(fw.competency(c.id).id == c.id);
        EXPECT_T(fw.competency(c.name.th).id == c.id);
        if (!c.code("dpis").empty()) EXPECT_T(fw.competency(c.code("dpis")).id == c.id);
        for (const auto& l : c.levels)
          for (const auto& ind : l.indicators) EXPECT_T(&fw.indicator(ind.id) == &ind);
      }
      EXPECT_T(!fw.find("no such competency"));
      // Text and collation, each thread starting at a different word.
      for (std::size_t k = 0; k < words.size(); ++k) {
        const std::size_t i = (k + static_cast<std::size_t>(t) * 7) % words.size();
        EXPECT_T(collator.sort_key(words[i]) == ref_keys[i]);
        EXPECT_T(text::match_key(words[i]) == ref_norm[i]);
        const std::size_t j = (i + 1) % words.size();
        EXPECT_T((collator.compare(words[i], words[j]) < 0) == (ref_keys[i] < ref_keys[j]));
        EXPECT_T(!text::segment(words[i]).empty());
      }
      std::vector<std::string> mine = words;
      std::rotate(mine.begin(), mine.begin() + t, mine.end());
      collator.sort(mine);
      EXPECT_T(mine == ref_sorted);
      // Search.
      for (std::size_t q = 0; q < queries.size(); ++q) {
        const auto hits = index.search(queries[q]);
        EXPECT_T(hits.size() == ref_hits[q].size());
        for (std::size_t h = 0; h < std::min(hits.size(), ref_hits[q].size()); ++h) {
          EXPECT_T(hits[h].text == ref_hits[q][h].text);
          EXPECT_T(hits[h].score == ref_hits[q][h].score);
          EXPECT_T(hits[h].highlights == ref_hits[q][h].highlights);
        }
      }
    }
  });
  for (const auto& e : errors) INFO(e);
  CHECK(errors.empty());
}

TEST_CASE("concurrency: cohorts scored and summarised by many threads at once", "[concurrency]") {
  const auto fw = builtin_framework("bma");
  const auto prof = default_profile(*fw);
  const std::string csv = cohort_csv(300);
  const RatingsTable shared_table = read_ratings_csv(csv, fw, "cohort.csv");

  const CohortScores ref = score_cohort(shared_table, prof);
  const std::string ref_csv = scores_csv(ref);
  const std::string ref_json = scores_json(ref);
  const auto ref_units = summarize(ref, GroupBy::unit);

  const std::size_t n = ref.n, c = ref.c;
  std::vector<int> maxl;
  for (const auto& comp : fw->competencies()) maxl.push_back(comp.max_level());

  auto errors = run_threads([&](int t, std::string& err) {
    for (int round = 0; round < 2; ++round) {
      // The shared table, and a table each thread reads itself.
      const CohortScores s = score_cohort(shared_table, prof);
      EXPECT_T(scores_csv(s) == ref_csv);
      EXPECT_T(scores_json(s) == ref_json);
      const RatingsTable own = read_ratings_csv(csv, fw, "cohort.csv");
      const CohortScores s2 = score_cohort(own, prof);
      EXPECT_T(s2.held == ref.held && s2.points == ref.points && s2.part == ref.part);
      const auto units = summarize(s2, GroupBy::unit);
      EXPECT_T(units.size() == ref_units.size());
      for (std::size_t g = 0; g < std::min(units.size(), ref_units.size()); ++g) {
        EXPECT_T(units[g].key == ref_units[g].key);
        EXPECT_T(units[g].people == ref_units[g].people);
        EXPECT_T(units[g].mean_part == ref_units[g].mean_part);
      }
      // The columnar batch path over the same levels.
      std::vector<double> part(n);
      std::vector<std::int8_t> gap(n * c);
      BatchOutput out;
      out.part = part;
      out.gap = gap;
      score_batch(n, c, ref.held, ref.expected, maxl, {}, ref.rules, prof->scheme(), out);
      EXPECT_T(gap == ref.gap);
      for (std::size_t i = 0; i < n; ++i) EXPECT_T(std::abs(part[i] - ref.part[i]) < 1e-9);
      (void)t;
    }
  });
  for (const auto& e : errors) INFO(e);
  CHECK(errors.empty());
}

TEST_CASE("concurrency: score_batch on frameworks of few levels, every method, from many threads",
          "[concurrency]") {
  // Each call has its own part-score cache (sized by the largest points sum): threads scoring
  // 4-level and 2-level shapes at once get exactly part_score's figures.
  const std::size_t n = 2000, c = 5;
  auto errors = run_threads([&](int t, std::string& err) {
    const int top = t % 2 ? 4 : 2;
    const std::vector<int> maxl(c, top);
    std::vector<std::int8_t> held(n * c), expected(n * c);
    for (std::size_t k = 0; k < n * c; ++k) {
      held[k] = static_cast<std::int8_t>((k * 7 + static_cast<std::size_t>(t)) %
                                         static_cast<std::size_t>(top + 1));
      expected[k] = static_cast<std::int8_t>((k / c) % static_cast<std::size_t>(top + 1));
    }
    for (Method m : {Method::bma, Method::bar, Method::rating, Method::ratio}) {
      ScoringRules rules;
      rules.method = m;
      std::vector<double> part(n);
      BatchOutput out;
      out.part = part;
      score_batch(n, c, held, expected, maxl, {}, rules, Scheme{}, out);
      for (std::size_t i = 0; i < n; i += 97) {
        const std::vector<int> h(held.begin() + static_cast<long>(i * c),
                                 held.begin() + static_cast<long>(i * c + c));
        const std::vector<int> e(expected.begin() + static_cast<long>(i * c),
                                 expected.begin() + static_cast<long>(i * c + c));
        EXPECT_T(part[i] == part_score(h, e, rules));
      }
    }
  });
  for (const auto& e : errors) INFO(e);
  CHECK(errors.empty());
}
