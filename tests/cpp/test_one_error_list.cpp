// --all-errors as one list (issue 17): the readers return the rows that read when given
// ReadOptions::on_row_error, and the CLI's OneList (src/cli/one_list.hpp) scores them and lists
// reading and scoring errors together in file order, one cap; people named by a bad row are not
// scored, so they cause no false scoring error.
#include <random>
#include <string>
#include <vector>

#include "cli/one_list.hpp"
#include "helpers.hpp"

using namespace samatthana;

namespace {

const std::string kHeader =
    "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n";

/// Bad level on line 3, unknown position on line 5, a missing rating on line 6.
const std::string kRatings = kHeader +
                             "P1,ก,หน่วย,K2,2,2,2,2,2\n"
                             "P2,ข,หน่วย,K2,2,2,สาม,2,2\n"
                             "P3,ค,หน่วย,K2,2,2,2,2,2\n"
                             "P4,ง,หน่วย,K9,2,2,2,2,2\n"
                             "P5,จ,หน่วย,K2,2,,2,2,2\n";
const std::string kEvidence =
    "person_id,indicator_id,observation\n"
    "P2,integrity.1.1,shown\n"   // P2's ratings row is bad: not "not in the ratings file"
    "P9,integrity.1.1,shown\n"   // P9 is nobody: a scoring error
    "P3,integrity.1.1,maybe\n";  // a reading error: P3 is not scored
const std::string kResults =
    "person_id,results\n"
    "P1,85\n"
    "P2,80\n"
    "P3,90\n"
    "P5,abc\n";  // a reading error: P5 (missing service) is not scored

struct Run {
  std::size_t cap = ErrorList::default_cap;
  std::string ratings = kRatings, evidence = kEvidence, results = kResults;
};

/// The one list of `run` (what `score --all-errors=cap` prints), or an empty list.
ErrorList one_list(const Run& run) {
  cli::OneList list(run.cap, {"r.csv", "e.csv", "res.csv"});
  RatingsTable ratings;
  std::optional<EvidenceTable> evidence;
  std::optional<ResultsTable> results;
  {
    const ScopedReadOptions scope(list.read_options());
    list.read([&] { ratings = read_ratings_csv(run.ratings, test::bma(), "r.csv"); });
    list.read([&] {
      evidence = read_evidence_csv(run.evidence, *test::bma(), "e.csv");
      results = read_results_csv(run.results, "res.csv");
    });
  }
  if (!list.unreadable()) {
    list.leave_out(ratings);
    list.leave_out(*evidence);
    list.leave_out(*results);
    ScoringOptions opt;
    opt.all_errors = run.cap;
    list.score([&] {
      (void)score_cohort(ratings, builtin_profile("bma"),
                         {.evidence = input_ref(evidence), .results = input_ref(results)}, opt);
    });
  }
  try {
    list.finish();
  } catch (const ImportErrors& e) {
    return e.errors();
  }
  return ErrorList{};
}

std::vector<std::string> places(const ErrorList& l) {
  std::vector<std::string> out;
  for (const LocatedError& e : l.items())
    out.push_back(e.where.file + ":" + std::to_string(e.where.line));
  return out;
}

}  // namespace

TEST_CASE("on_row_error: the readers return the rows that read and name each bad row's person",
          "[one_error_list]") {
  std::vector<std::pair<std::string, std::size_t>> seen;
  ReadOptions o;
  o.all_errors = 100;
  o.on_row_error = [&](const Error& e, std::string_view id) {
    seen.emplace_back(std::string(id), e.where().line);
  };
  const ScopedReadOptions scope(o);
  const RatingsTable t = read_ratings_csv(kRatings, test::bma(), "r.csv");
  REQUIRE(t.size() == 4);
  CHECK(t.people[1].id == "P3");
  CHECK(t.lines[1] == 4);
  const ResultsTable r = read_results_csv(kResults, "res.csv");
  CHECK(r.rows.size() == 3);
  const EvidenceTable e = read_evidence_csv(kEvidence, *test::bma(), "e.csv");
  CHECK(e.rows.size() == 2);
  const std::vector<std::pair<std::string, std::size_t>> want = {{"P2", 3}, {"P5", 5}, {"P3", 4}};
  CHECK(seen == want);
}

TEST_CASE("on_row_error: an error that ends the read is still one ImportErrors",
          "[one_error_list]") {
  ReadOptions o;
  o.all_errors = 100;
  std::size_t calls = 0;
  o.on_row_error = [&](const Error&, std::string_view) { ++calls; };
  const ScopedReadOptions scope(o);
  const auto e = test::expect_error<ImportErrors>([&] {
    (void)read_ratings_csv("person_id,name,unit,position,nonsense\n", test::bma(), "h.csv");
  });
  CHECK(e.errors().total() == 1);
  CHECK(calls == 0);
}

TEST_CASE("without on_row_error the collect mode throws as before", "[one_error_list]") {
  ReadOptions o;
  o.all_errors = 100;
  const ScopedReadOptions scope(o);
  const auto e = test::expect_error<ImportErrors>(
      [&] { (void)read_ratings_csv(kRatings, test::bma(), "r.csv"); });
  CHECK(e.errors().total() == 1);
}

TEST_CASE("one list: reading and scoring errors in file order, no false errors of dropped rows",
          "[one_error_list]") {
  const ErrorList l = one_list(Run{});
  const std::vector<std::string> want = {"r.csv:3", "r.csv:5", "r.csv:5",
                                         "e.csv:3", "e.csv:4", "res.csv:5"};
  REQUIRE(places(l) == want);
  CHECK(l.items()[0].kind == ErrorKind::parse);   // the bad level
  CHECK(l.items()[1].kind == ErrorKind::lookup);  // the unknown position
  CHECK(l.items()[3].message.find("not in the ratings file") != std::string::npos);  // P9
  for (const LocatedError& e : l.items()) {
    CHECK(e.text.find("'P2'") == std::string::npos);  // dropped: never a scoring error
    CHECK(e.text.find("'P5'") == std::string::npos);
  }
}

TEST_CASE("one list: one cap over both lists", "[one_error_list]") {
  const ErrorList all = one_list(Run{});
  for (std::size_t cap : {1, 3, 100}) {
    Run run;
    run.cap = cap;
    const ErrorList l = one_list(run);
    CHECK(l.total() == all.total());
    REQUIRE(l.size() == std::min(cap, all.size()));
    for (std::size_t k = 0; k < l.size(); ++k) CHECK(l.items()[k].text == all.items()[k].text);
  }
}

TEST_CASE("one list: random bad files, any cap gives the first errors of the uncapped list",
          "[one_error_list]") {
  std::mt19937 rng(17);
  const char* const positions[] = {"K1", "K2", "K9", "O1"};
  const char* const levels[] = {"1", "2", "3", "", "x", "9"};
  for (int round = 0; round < 30; ++round) {
    Run run;
    run.ratings = kHeader;
    run.results = "person_id,results\n";
    run.evidence = "person_id,indicator_id,observation\n";
    const std::size_t n = 3 + rng() % 10;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string id = "P" + std::to_string(rng() % (n + 2));
      run.ratings += id + ",ก,หน่วย," + positions[rng() % 4];
      for (int j = 0; j < 5; ++j) run.ratings += std::string(",") + levels[rng() % 6];
      run.ratings += "\n";
      run.results += "P" + std::to_string(rng() % (n + 2)) + "," + (rng() % 5 ? "80" : "x") + "\n";
      run.evidence += "P" + std::to_string(rng() % (n + 2)) + ",integrity.1.1," +
                      (rng() % 4 ? "shown" : "maybe") + "\n";
    }
    run.cap = 100000;
    const ErrorList all = one_list(run);
    for (std::size_t cap : {1, 3, 100}) {
      run.cap = cap;
      const ErrorList l = one_list(run);
      CHECK(l.total() == all.total());
      REQUIRE(l.size() == std::min(cap, all.size()));
      for (std::size_t k = 0; k < l.size(); ++k) CHECK(l.items()[k].text == all.items()[k].text);
    }
    const auto rank = [](const LocatedError& e) {
      return e.where.file == "r.csv" ? 0 : e.where.file == "e.csv" ? 1 : 2;
    };
    for (std::size_t k = 1; k < all.size(); ++k) {
      const auto& a = all.items()[k - 1];
      const auto& b = all.items()[k];
      CHECK((rank(a) < rank(b) || (rank(a) == rank(b) && a.where.line <= b.where.line)));
    }
  }
}
