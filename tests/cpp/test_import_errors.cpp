// The collect-all-errors mode of the table readers (ReadOptions::all_errors, issue 17): every bad
// row located, in file order, capped; the first-error mode unchanged; errors that leave the rest
// unreadable end the list. Also the located column of invalid UTF-8 (docs/hardening.md, 23).
#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {
const std::string kDir = std::string(SAMATTHANA_SOURCE_DIR) + "/tests/data/import-errors/";
using test::bma;
using test::expect_error;

/// Collects every error of the reads in `f` (at most `cap`).
template <class F>
ImportErrors collect(F&& f, std::size_t cap = ErrorList::default_cap) {
  ReadOptions o;
  o.all_errors = cap;
  const ScopedReadOptions scope(o);
  return expect_error<ImportErrors>(std::forward<F>(f));
}

std::vector<std::size_t> lines_of(const ErrorList& list) {
  std::vector<std::size_t> lines;
  for (const auto& e : list.items()) lines.push_back(e.where.line);
  return lines;
}

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) + 1;
}
}  // namespace

TEST_CASE("import errors: five bad rows, five located errors in file order", "[import-errors]") {
  const std::string file = kDir + "five_bad_rows.csv";
  const ImportErrors e = collect([&] { (void)load_ratings_csv(file, bma()); });
  const ErrorList& list = e.errors();
  REQUIRE(list.size() == 5);
  CHECK(list.more() == 0);
  CHECK(lines_of(list) == std::vector<std::size_t>{3, 4, 5, 6, 8});
  const auto& items = list.items();
  CHECK(items[0].kind == ErrorKind::parse);  // not a level: "สาม"
  CHECK(items[0].where.column == 7);
  CHECK(items[0].where.path == "achievement");
  CHECK(items[0].where.value == "สาม");
  CHECK(items[1].kind == ErrorKind::validation);  // level 9 above the highest
  CHECK(items[1].where.column == 6);
  CHECK_THAT(items[1].message, Contains("level above the highest level"));
  CHECK(items[2].kind == ErrorKind::parse);  // 7 fields
  CHECK_THAT(items[2].message, Contains("this row has 7 fields"));
  CHECK(items[3].kind == ErrorKind::validation);
  CHECK(items[3].message == "person_id is empty");
  CHECK(items[4].kind == ErrorKind::validation);  // P1 again
  CHECK_THAT(items[4].message, Contains("first on line 2"));
  for (const auto& item : items) CHECK(item.where.file == file);
  // what(): the count, then one located error a line, each as the first-error mode says it.
  const std::string what = e.what();
  CHECK_THAT(what, StartsWith(file + ": 5 errors; nothing was imported\n"));
  CHECK(count_lines(what) == 6);
  CHECK_THAT(what, Contains("\n" + file + ":3:7: achievement: not a level"));
  CHECK(e.message() == "5 errors; nothing was imported");
  CHECK(e.where().file == file);
  // The same through the string reader and the columnar reader (the Python path).
  const std::string bytes = read_file(file);
  CHECK(lines_of(collect([&] { (void)read_ratings_csv(bytes, bma(), "r.csv"); }).errors()) ==
        lines_of(list));
  CHECK(lines_of(collect([&] { (void)load_ratings_columns(file, bma()); }).errors()) ==
        lines_of(list));
}

TEST_CASE("import errors: the first-error mode is unchanged", "[import-errors]") {
  const std::string file = kDir + "five_bad_rows.csv";
  const auto first = expect_error<ParseError>([&] { (void)load_ratings_csv(file, bma()); });
  CHECK(first.where().line == 3);
  CHECK(first.where().column == 7);
  CHECK(std::string(first.what()) ==
        file +
            ":3:7: achievement: not a level: write a whole number 0..5 in Thai or Arabic digits, "
            "or leave the cell empty (not rated) (value: \"สาม\")");
  // The collected entry says exactly what the first-error mode says.
  const ImportErrors all = collect([&] { (void)load_ratings_csv(file, bma()); });
  CHECK(all.errors().items().front().text == first.what());
  CHECK(all.errors().items().front().message == first.message());
  // A good file reads the same in both modes.
  const std::string good = "person_id,position,integrity\nP1,K2,2\nP2,K2,3\n";
  ReadOptions o;
  o.all_errors = 10;
  const ScopedReadOptions scope(o);
  const RatingsTable t = read_ratings_csv(good, bma(), "g.csv");
  CHECK(t.size() == 2);
  CHECK(t.level(1, 0) == 3);
}

TEST_CASE("import errors: the cap keeps N and counts the rest", "[import-errors]") {
  const std::string file = kDir + "five_bad_rows.csv";
  const ImportErrors e = collect([&] { (void)load_ratings_csv(file, bma()); }, 2);
  CHECK(e.errors().size() == 2);
  CHECK(e.errors().more() == 3);
  CHECK(e.errors().total() == 5);
  CHECK(lines_of(e.errors()) == std::vector<std::size_t>{3, 4});
  const std::string what = e.what();
  CHECK_THAT(what, StartsWith(file + ": 5 errors; nothing was imported\n"));
  CHECK_THAT(what, EndsWith("\nand 3 more errors"));
  CHECK(count_lines(what) == 4);
  const ImportErrors one = collect([&] { (void)load_ratings_csv(file, bma()); }, 4);
  CHECK_THAT(std::string(one.what()), EndsWith("\nand 1 more error"));
}

TEST_CASE("import errors: what leaves the rest unreadable ends the list", "[import-errors]") {
  // An unclosed quote after a bad row: the row's error, then the quote's, and no more.
  const std::string quote = "person_id,position,integrity\nP1,K2,x\nP2,K2,\"2\nP3,K2,9\n";
  const ImportErrors q = collect([&] { (void)read_ratings_csv(quote, bma(), "q.csv"); });
  REQUIRE(q.errors().size() == 2);
  CHECK(q.errors().items()[0].where.line == 2);
  CHECK_THAT(q.errors().items()[1].message, Contains("never closed"));
  // A bad header: one error, the header's.
  const ImportErrors h = collect(
      [&] { (void)read_ratings_csv("person_id,position,bogus\nP1,K2,x\n", bma(), "h.csv"); });
  REQUIRE(h.errors().size() == 1);
  CHECK(h.errors().items()[0].kind == ErrorKind::lookup);
  CHECK(h.errors().items()[0].where.line == 1);
  // Bytes that are not UTF-8: one encoding error.
  const ImportErrors u = collect([&] {
    (void)read_ratings_csv("person_id,position,integrity\nP1,\xA1\xD2,2\n", bma(), "u.csv");
  });
  REQUIRE(u.errors().size() == 1);
  CHECK(u.errors().items()[0].kind == ErrorKind::encoding);
  // A missing file: one I/O error, the file named.
  const ImportErrors m = collect([&] { (void)load_ratings_csv(kDir + "no-such.csv", bma()); });
  REQUIRE(m.errors().size() == 1);
  CHECK(m.errors().items()[0].kind == ErrorKind::io);
}

TEST_CASE("import errors: rater files, evidence, results and KPI tables", "[import-errors]") {
  const std::string raters =
      "person_id,position,rater_role,rater_id,integrity\n"
      "P1,K2,supervisor,,2\n"
      "P1,K2,boss,,2\n"        // not a rater role
      "P1,K2,supervisor,,2\n"  // a second supervisor row without a rater_id
      "P2,K2,self,,x\n";       // not a level
  const ImportErrors r = collect([&] { (void)read_ratings_csv(raters, bma(), "r.csv"); });
  CHECK(lines_of(r.errors()) == std::vector<std::size_t>{3, 4, 5});

  const ImportErrors ev =
      collect([&] { (void)load_evidence_csv(kDir + "evidence_three_bad.csv", *bma()); });
  CHECK(lines_of(ev.errors()) == std::vector<std::size_t>{3, 4, 5});
  CHECK(ev.errors().items()[0].kind == ErrorKind::lookup);
  CHECK(ev.errors().items()[1].kind == ErrorKind::parse);
  CHECK_THAT(ev.errors().items()[2].message, Contains("given twice"));

  const ImportErrors res = collect([&] { (void)load_results_csv(kDir + "results_three_bad.csv"); });
  CHECK(lines_of(res.errors()) == std::vector<std::size_t>{3, 4, 5});

  const std::string kpis =
      "person_id,kpi_id,name,weight,achieved\n"
      "P1,K1,งาน,50,3\n"
      "P1,K2,งาน,abc,3\n"
      ",K3,งาน,50,3\n"
      "P2,K1,งาน,50,9\n";
  const ImportErrors k = collect([&] { (void)read_kpis_csv(kpis, "k.csv"); });
  CHECK(lines_of(k.errors()) == std::vector<std::size_t>{3, 4, 5});
  const std::string json =
      R"({"kpis": [{"person_id": "P1", "kpi_id": "K1", "name": "a", "weight": 50, "achieved": 3},)"
      R"( {"person_id": "P1", "kpi_id": "K2", "name": "a", "weight": "x", "achieved": 3},)"
      R"( {"person_id": "P2", "kpi_id": "K1", "name": "a", "weight": 50, "achieved": 7}]})";
  const ImportErrors kj = collect([&] { (void)read_kpis_json(json, "k.json"); });
  REQUIRE(kj.errors().size() == 2);
  CHECK(kj.errors().items()[0].where.path == "$.kpis[1].weight");
  CHECK(kj.errors().items()[1].where.path == "$.kpis[2].achieved");
}

TEST_CASE("import errors: ErrorList on its own", "[import-errors]") {
  ErrorList list(2);
  CHECK(list.empty());
  CHECK(list.str().empty());
  Location w;
  w.file = "a.csv";
  w.line = 4;
  list.add(ParseError("bad", w));
  list.add(ValidationError("worse", w));
  list.add(LookupError("lost", w));
  CHECK(list.full());
  CHECK(list.total() == 3);
  CHECK(list.str() == "a.csv:4: bad\na.csv:4: worse\nand 1 more error");
  CHECK(to_string(list.items()[1].kind) == "validation");
  const ImportErrors e("a.csv", list);
  CHECK(std::string(e.what()) == "a.csv: 3 errors; nothing was imported\n" + list.str());
  // An ImportErrors is an Error: one catch (const Error&) still catches everything.
  const Error& base = e;
  CHECK(base.where().file == "a.csv");
}

TEST_CASE("import errors: invalid UTF-8 in a CSV cell names its column", "[import-errors][csv]") {
  // docs/hardening.md finding 23: line, column (characters from the line's start) and byte.
  const auto e = expect_error<EncodingError>([] {
    (void)read_ratings_csv("person_id,position,integrity\nP1,\xA1\xD2,2\n", bma(), "ratings.csv");
  });
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 4);
  CHECK(e.where().byte_offset == 32);
  // Thai before the bad byte: one column per character, not per byte.
  const auto t = expect_error<EncodingError>([] {
    (void)read_ratings_csv("person_id,name,position,integrity\nP1,สม\xFF,K2,2\n", bma(), "r.csv");
  });
  CHECK(t.where().column == 6);
  const auto first = expect_error<EncodingError>(
      [] { (void)read_ratings_csv("\xFFperson_id,position\n", bma(), "r.csv"); });
  CHECK(first.where().line == 1);
  CHECK(first.where().column == 1);
}
