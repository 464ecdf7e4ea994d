// The row builders (samatthana/builders.hpp) against the CSV readers: the same tables from the same
// cells, the same error class and message for the same bad cell.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "samatthana/builders.hpp"

using namespace samatthana;
using test::bma;

namespace {

using Rows = std::vector<std::vector<std::string>>;  // header, then rows; no commas, quotes, breaks

std::string csv_of(const Rows& rows) {
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + r[i];
    out += "\n";
  }
  return out;
}

Location at(std::string_view column, std::string_view value) {
  Location w;
  w.path = std::string(column);
  w.value = std::string(value);
  return w;
}

/// The ratings rows through ratings_header and PeopleBuilder / RatingsBuilder, cells as text.
RatingsTable built(const Rows& rows) {
  const auto fw = bma();
  const RatingsHeader h = ratings_header(rows[0], *fw, [&](std::size_t i, std::string_view v) {
    return at(i < rows[0].size() ? rows[0][i] : std::string(v), v);
  });
  std::optional<PeopleBuilder> people;
  std::optional<RatingsBuilder> raters;
  if (h.has_raters)
    raters.emplace(fw, "b", h.columns, h.has_results);
  else
    people.emplace(fw, "b", h.columns, h.has_results);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<std::int8_t> lv(fw->size(), -1);
    std::string cells[4];
    RaterRole role = RaterRole::supervisor;
    std::string rater_id;
    double res = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      const Cell c = rows[r][i].empty() ? Cell{} : Cell::of(std::string_view(rows[r][i]));
      const Location w = at(rows[0][i], rows[r][i]);
      switch (h.role[i]) {
        case RatingsColumn::competency:
          lv[h.competency[i]] = level_from_cell(c, fw->competencies()[h.competency[i]], w);
          break;
        case RatingsColumn::person_id:
          cells[0] = rows[r][i];
          break;
        case RatingsColumn::name:
          cells[1] = rows[r][i];
          break;
        case RatingsColumn::unit:
          cells[2] = rows[r][i];
          break;
        case RatingsColumn::position:
          cells[3] = rows[r][i];
          break;
        case RatingsColumn::results:
          res = results_from_cell(c, EmptyResults::allowed, w);
          break;
        case RatingsColumn::rater_role:
          role = rater_role_from_cell(rows[r][i], w);
          break;
        case RatingsColumn::rater_id:
          rater_id = rows[r][i];
          break;
        case RatingsColumn::job_line:
        case RatingsColumn::other:
          break;
      }
    }
    Person p = person_from_cells(cells[0], cells[1], cells[2], cells[3], at);
    if (raters)
      raters->add(std::move(p), role, rater_id, lv, res, r + 1, at);
    else
      people->add(std::move(p), lv, res, r + 1, at);
  }
  return raters ? std::move(*raters).finish() : std::move(*people).finish();
}

/// Runs `f`; the error it throws (class name and message), or "" when it throws none.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ParseError& e) {
    return "ParseError: " + e.message();
  } catch (const ValidationError& e) {
    return "ValidationError: " + e.message();
  } catch (const LookupError& e) {
    return "LookupError: " + e.message();
  } catch (const Error& e) {
    return "Error: " + e.message();
  }
  return "";
}

const std::vector<std::string> kHeader = {"person_id",   "name",      "unit",
                                          "position",    "integrity", "service",
                                          "achievement", "teamwork",  "expertise"};

}  // namespace

TEST_CASE("builders: the same ratings table as the CSV reader", "[builders]") {
  const Rows rows = {{"รหัส", "ชื่อ", "หน่วยงาน", "ตำแหน่ง", "คุณธรรมจริยธรรม", "102", "achievement",
                      "teamwork", "expertise", "results"},
                     {" P1 ", "สมชาย ใจดี", "สำนัก  การแพทย์", "K2", "๒", "6", "", "2", "1", "85.5"},
                     {"P2", "", "", "วิชาการ ชำนาญการ", "0", "1", "2", "3", "4", ""}};
  const RatingsTable a = read_ratings_csv(csv_of(rows), bma(), "a");
  const RatingsTable b = built(rows);
  REQUIRE(b.size() == 2);
  CHECK(b.levels == a.levels);
  CHECK(b.columns == a.columns);
  CHECK(b.lines == a.lines);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(b.people[i].id == a.people[i].id);
    CHECK(b.people[i].name == a.people[i].name);
    CHECK(b.people[i].unit == a.people[i].unit);
    CHECK(b.people[i].position == a.people[i].position);
  }
  CHECK(b.results[0] == 85.5);
  CHECK(std::isnan(b.results[1]));
}

TEST_CASE("builders: every bad ratings cell gives the CSV reader's error", "[builders]") {
  auto row = [](std::vector<std::string> r) {
    Rows rows = {kHeader, {"P1", "ก", "", "K2", "2", "2", "2", "2", "2"}};
    rows.push_back(std::move(r));
    return rows;
  };
  const std::vector<Rows> cases = {
      row({"P2", "", "", "K2", "2", "7", "2", "2", "2"}),    // above the highest level
      row({"P2", "", "", "K2", "2", "-1", "2", "2", "2"}),   // negative
      row({"P2", "", "", "K2", "2", "1.5", "2", "2", "2"}),  // a fraction
      row({"P2", "", "", "K2", "2", "สอง", "2", "2", "2"}),  // not digits
      row({"P2", "", "", "K2", "2", "๘5", "2", "2", "2"}),   // mixed digits
      row({"P1", "", "", "K2", "2", "2", "2", "2", "2"}),    // a person twice
      row({"", "", "", "K2", "2", "2", "2", "2", "2"}),      // no id
      row({"P\x01"
           "2",
           "", "", "K2", "2", "2", "2", "2", "2"}),  // a control character
      row({"P2",
           "a\x1b"
           "b",
           "", "K2", "2", "2", "2", "2", "2"}),
      {{"person_id", "integrity"}, {"P1", "2"}},                     // no position column
      {{"person_id", "position", "leadership"}, {"P1", "K2", "2"}},  // unknown column
      {{"person_id", "position", "integrity", "101"},
       {"P1", "K2", "2", "2"}},                                    // one competency twice
      {{"person_id", "position", "rater_id"}, {"P1", "K2", "x"}},  // rater_id without rater_role
      {{"person_id", "position", "rater_role", "integrity"}, {"P1", "K2", "boss", "2"}},
      {{"person_id", "position", "rater_role", "integrity"},
       {"P1", "K2", "self", "2"},
       {"P1", "", "self", "3"}},
      {{"person_id", "position", "results"}, {"P1", "K2", "101"}},
      {{"person_id", "position", "results"}, {"P1", "K2", "many"}},
  };
  for (const Rows& rows : cases) {
    INFO(csv_of(rows));
    const std::string csv = error_of([&] { (void)read_ratings_csv(csv_of(rows), bma(), "a"); });
    REQUIRE(!csv.empty());
    CHECK(error_of([&] { (void)built(rows); }) == csv);
  }
}

TEST_CASE("builders: numbers as levels: whole numbers only, never booleans", "[builders]") {
  const Competency& service = bma()->competency("service");
  CHECK(level_from_cell(Cell::of(3.0), service, {}) == 3);
  CHECK(level_from_cell(Cell{}, service, {}) == -1);
  CHECK(level_from_cell(Cell::of(std::numeric_limits<double>::quiet_NaN()), service, {}) == -1);
  const std::string as_text =
      error_of([&] { (void)level_from_cell(Cell::of(std::string_view("1.5")), service, {}); });
  CHECK(error_of([&] { (void)level_from_cell(Cell::of(1.5), service, {}); }) == as_text);
  CHECK(error_of([&] {
          (void)level_from_cell(Cell{Cell::Kind::boolean, 1, {}}, service, {});
        }) == as_text);
  CHECK(error_of([&] { (void)level_from_cell(Cell::of(7.0), service, {}); }) ==
        "ValidationError: level above the highest level of 'service' (0..6)");
  CHECK(error_of([&] { (void)level_from_cell(Cell::of(1e300), service, {}); }) ==
        "ValidationError: level above the highest level of 'service' (0..6)");
  try {
    (void)level_from_cell(Cell::of(2.5), service, at("service", ""));
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.where().value == "2.5");  // the cell as shown, when the caller gave no value
  }
}

TEST_CASE("builders: evidence and results tables as the CSV readers", "[builders]") {
  const auto fw = bma();
  auto evidence = [&](const Rows& rows) {
    EvidenceBuilder b(fw, "e");
    const EvidenceHeader h =
        evidence_header(rows[0], [&](std::size_t, std::string_view v) { return at(v, v); });
    for (std::size_t r = 1; r < rows.size(); ++r)
      b.add(rows[r][h.person_id], rows[r][h.indicator_id], rows[r][h.observation], "", r + 1, at);
    return std::move(b).finish();
  };
  const std::vector<Rows> bad_evidence = {
      {{"person_id", "indicator_id", "observation"},
       {"P1", "integrity.1.1", "shown"},
       {"P1", "integrity.1.1", "not_shown"}},
      {{"person_id", "indicator_id", "observation"}, {"P1", "integrity.9.9", "shown"}},
      {{"person_id", "indicator_id", "observation"}, {"P1", "integrity.1.1", "maybe"}},
      {{"person_id", "indicator_id", "observation"}, {"", "integrity.1.1", "shown"}},
      {{"person_id", "indicator_id"}, {"P1", "integrity.1.1"}},
      {{"person_id", "indicator_id", "observation", "note"}, {"P1", "integrity.1.1", "shown", "x"}},
  };
  for (const Rows& rows : bad_evidence) {
    INFO(csv_of(rows));
    const std::string csv = error_of([&] { (void)read_evidence_csv(csv_of(rows), *fw, "e"); });
    REQUIRE(!csv.empty());
    CHECK(error_of([&] { (void)evidence(rows); }) == csv);
  }
  const Rows good = {{"person_id", "indicator_id", "status"}, {"P1", "integrity.1.1", "แสดง"}};
  CHECK(evidence(good).rows.size() == 1);
  CHECK(evidence(good).rows[0].observation ==
        read_evidence_csv(csv_of(good), *fw).rows[0].observation);

  auto results = [&](const Rows& rows) {
    ResultsBuilder b("s");
    const ResultsHeader h =
        results_header(rows[0], [&](std::size_t, std::string_view v) { return at(v, v); });
    for (std::size_t r = 1; r < rows.size(); ++r)
      b.add(rows[r][h.person_id], Cell::of(std::string_view(rows[r][h.results])), r + 1, at);
    return std::move(b).finish();
  };
  const std::vector<Rows> bad_results = {
      {{"person_id", "results"}, {"P1", "80"}, {"P1", "80"}},
      {{"person_id", "results"}, {"P1", "180"}},
      {{"person_id", "results"}, {"P1", ""}},
      {{"person_id", "results"}, {"P1", "๘0"}},
      {{"person_id", "kpi", "extra"}, {"P1", "80", "x"}},
      {{"person_id"}, {"P1"}},
  };
  for (const Rows& rows : bad_results) {
    INFO(csv_of(rows));
    const std::string csv = error_of([&] { (void)read_results_csv(csv_of(rows), "s"); });
    REQUIRE(!csv.empty());
    CHECK(error_of([&] { (void)results(rows); }) == csv);
  }
  const ResultsTable ok = results({{"person_id", "ผลสัมฤทธิ์"}, {"P1", "๘๕.๕"}});
  CHECK(ok.rows.at(0).second == 85.5);
}

TEST_CASE("builders: rater weights", "[builders]") {
  using Items = std::vector<std::pair<std::string, double>>;
  auto where = [](std::string_view role) { return at("rater_weights", role); };
  const RaterWeights w = rater_weights_from(Items{{"ผู้บังคับบัญชา", 1}, {"peer", 2}}, where);
  CHECK(w.supervisor == 1);
  CHECK(w.peer == 2);
  CHECK(w.self == 0);
  CHECK(error_of([&] {
          (void)rater_weights_from(Items{{"boss", 1}}, where);
        }) == "ValidationError: 'boss' is not a rater role (supervisor, self, peer, subordinate)");
  CHECK(error_of([&] {
          (void)rater_weights_from(Items{{"self", 1}, {"ตนเอง", 2}}, where);
        }) == "ValidationError: self given twice");
  CHECK(error_of([&] {
          (void)rater_weights_from(Items{{"self", -1}}, where);
        }) == "ValidationError: the weight of self must be a number ≥ 0");
  CHECK(error_of([&] {
          (void)rater_weights_from(Items{{"self", 0}}, where);
        }) == "ValidationError: give at least one role a weight above 0");
}
