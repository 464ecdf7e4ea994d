// Development-activity catalogues: the table and JSON readers' located errors, the index checked
// against a framework, the built-in sample, and the plan's suggestions (the next level above the
// one shown, for each competency below expectation: DPIS's rule).
#include <catch2/catch.hpp>
#include <string>

#include "helpers.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {

template <class E, class F>
E thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  FAIL("no exception");
  throw;
}

PersonScore person(const Framework& fw, std::vector<int> held, std::vector<int> expected) {
  PersonScore ps;
  ps.person.id = "P1";
  for (std::size_t j = 0; j < fw.size(); ++j) {
    CompetencyScore cs;
    cs.competency = fw.competencies()[j].id;
    cs.held = held[j];
    cs.expected = expected[j];
    cs.gap = held[j] - expected[j];
    ps.competencies.push_back(cs);
  }
  return ps;
}

}  // namespace

TEST_CASE("activity table: Thai headers, Thai digits, codes and names; rows in order",
          "[activities]") {
  const std::string csv =
      "\xEF\xBB\xBFสมรรถนะ,ระดับ,กิจกรรม,รายละเอียด\r\n"
      "integrity,1,ศึกษาระเบียบ,\"อ่านระเบียบ\nสรุปให้ทีม\"\r\n"
      "101,๒,กรณีศึกษาจริยธรรม,\r\n"
      "การบริการที่ดี,3,ฝึกรับเรื่องร้องเรียน,\r\n";
  const ActivityCatalogue cat = read_activities_csv(csv, "acts.csv");
  REQUIRE(cat.activities.size() == 3);
  CHECK(cat.activities[0].description == "อ่านระเบียบ\nสรุปให้ทีม");
  CHECK(cat.activities[1].level == 2);
  CHECK(cat.activities[2].where.line == 5);
  const auto fw = test::bma();
  const ActivityIndex index(cat, *fw);
  CHECK(index.size() == 3);
  const auto integrity = *fw->find("integrity");
  CHECK(index.at(integrity, 1).size() == 1);
  CHECK(index.at(integrity, 2).size() == 1);  // BMA's DPIS code 101 is integrity
  CHECK(index.at(*fw->find("service"), 3).front().title == "ฝึกรับเรื่องร้องเรียน");
  CHECK(index.at(integrity, 9).empty());
  CHECK(index.at(99, 1).empty());
}

TEST_CASE("activity table: located errors", "[activities]") {
  const auto fw = test::bma();
  const auto err = [&](const std::string& csv) {
    return thrown<Error>([&] { (void)ActivityIndex(read_activities_csv(csv, "a.csv"), *fw); });
  };
  auto e = err("competency,level\nintegrity,1\n");
  CHECK_THAT(e.message(), Catch::Contains("no 'title' column"));
  e = err("competency,level,title,note\n");
  CHECK(e.where().column == 4);
  CHECK_THAT(e.message(), Catch::Contains("not a column"));
  e = err("competency,level,title,level\n");
  CHECK_THAT(e.message(), Catch::Contains("twice"));
  e = err("competency,level,title\nintegrity,1.5,x\n");
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 2);
  CHECK_THAT(e.message(), Catch::Contains("whole number"));
  e = err("competency,level,title\nintegrity,0,x\n");
  CHECK_THAT(e.message(), Catch::Contains("1 or more"));
  e = err("competency,level,title\nintegrity,1,\n");
  CHECK(e.where().column == 3);
  CHECK_THAT(e.message(), Catch::Contains("no title"));
  e = err("competency,level,title\n,1,x\n");
  CHECK_THAT(e.message(), Catch::Contains("no competency"));
  e = err("competency,level,title\nintegrity,1\n");
  CHECK_THAT(e.message(), Catch::Contains("fields"));
  e = err("competency,level,title\nleadership,1,x\n");
  CHECK_THROWS_AS(
      ActivityIndex(read_activities_csv("competency,level,title\nleadership,1,x\n"), *fw),
      LookupError);
  CHECK(e.where().line == 2);
  CHECK(e.where().value == "leadership");
  e = err("competency,level,title\nintegrity,6,x\n");
  CHECK_THAT(e.message(), Catch::Contains("levels 1..5"));
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 2);
  CHECK(e.where().value == "6");
  e = err("");
  CHECK_THAT(e.message(), Catch::Contains("empty"));
}

TEST_CASE("activity JSON: errors at their JSON path", "[activities]") {
  const auto fw = test::bma();
  const auto err = [&](const std::string& json) {
    return thrown<Error>([&] { (void)ActivityIndex(read_activities_json(json, "a.json"), *fw); });
  };
  const std::string head =
      R"({"format": "samatthana-activities/1", "id": "x", "name": {"th": "ก"}, )";
  auto e = err(head + R"("activities": [{"competency": "integrity", "level": 1}]})");
  CHECK(e.where().path == "$.activities[0].title");
  e = err(head +
          R"("activities": [{"competency": "integrity", "level": 1, "title": "t", "x": 1}]})");
  CHECK_THAT(e.where().path, Catch::Contains("$.activities[0]"));
  e = err(head + R"("activities": [{"competency": "nope", "level": 1, "title": "t"}]})");
  CHECK(e.where().path == "$.activities[0].competency");
  e = err(head + R"("frameworks": ["ocsc-core-2552"], "activities": []})");
  CHECK_THAT(e.message(), Catch::Contains("not for framework bma-core-2550"));
  e = err(R"({"format": "samatthana-framework/1"})");
  CHECK(e.where().path == "$.format");
}

TEST_CASE("the built-in sample: core and managerial rows, by concept, for the OCSC sets only",
          "[activities]") {
  const ActivityCatalogue cat = activity_catalogue("dpis-tisi-guide");
  CHECK(cat.activities.size() == 55);
  CHECK_FALSE(cat.warning.empty());
  for (const char* id : {"ocsc-core-2552", "ocsc-core-2548"}) {
    const ActivityIndex index(cat, *builtin_framework(id));
    CHECK(index.size() == 25);
    for (std::size_t j = 0; j < 5; ++j)
      for (int k = 1; k <= 5; ++k) CHECK(index.at(j, k).size() == 1);
  }
  const auto mgr = builtin_framework("ocsc-managerial-2552");
  const ActivityIndex m(cat, *mgr);
  CHECK(m.size() == 30);
  CHECK(m.at(*mgr->find("leadership"), 1).front().title == "Time Management");
  CHECK_THROWS_AS(ActivityIndex(cat, *test::bma()), ValidationError);
  // The combined OCSC framework (per-position sets): core and managerial rows, no functional ones.
  const auto full = builtin_framework("ocsc-full-2552");
  const ActivityIndex f(cat, *full);
  CHECK(f.size() == 55);
  CHECK(f.at(*full->find("leadership"), 1).size() == 1);
  CHECK_THROWS_AS(activity_catalogue("no-such-guide"), LookupError);
  CHECK(builtin_activity_ids() == std::vector<std::string>{"dpis-tisi-guide"});
}

TEST_CASE("suggestions: the next level above the one shown, for each competency below expectation",
          "[activities]") {
  const auto fw = builtin_framework("ocsc-core-2552");
  const ActivityIndex index(activity_catalogue("dpis-tisi-guide"), *fw);
  const PersonScore ps = person(*fw, {0, 2, 3, 1, 5}, {2, 2, 4, 3, 1});
  const auto s = suggest_activities(index, ps);
  REQUIRE(s.size() == 3);
  CHECK(s[0].competency == 0);
  CHECK(s[0].level == 1);
  CHECK(s[1].competency == 2);
  CHECK(s[1].level == 4);
  CHECK(s[2].level == 2);
  CHECK(s[1].activities.size() == 1);
  const std::string text = activities_text(*fw, ps, index);
  CHECK_THAT(text, Catch::Contains("พัฒนาสู่ระดับ ๔"));
  CHECK_THAT(text, Catch::Contains(s[1].activities[0].title));
  CHECK_THAT(activities_text(*fw, ps, index, text::Digits::arabic), Catch::Contains("พัฒนาสู่ระดับ 4"));
  // A catalogue without a row for a gap's level still lists the gap.
  const ActivityCatalogue one = read_activities_csv("competency,level,title\nachievement,1,x\n");
  const ActivityIndex small(one, *fw);
  const auto t = suggest_activities(small, ps);
  REQUIRE(t.size() == 3);
  CHECK(t[1].activities.empty());
  CHECK_THAT(activities_text(*fw, ps, small), Catch::Contains("ไม่มีกิจกรรมสำหรับระดับนี้"));
  CHECK(suggest_activities(small, person(*fw, {5, 5, 5, 5, 5}, {1, 1, 1, 1, 1})).empty());
}

TEST_CASE("person sheet: the plan's method column holds the suggested activities",
          "[activities][report]") {
  const auto fw = builtin_framework("ocsc-core-2552");
  const ActivityIndex index(activity_catalogue("dpis-tisi-guide"), *fw);
  Assessment a;
  a.person.id = "P1";
  a.person.name = "ทดสอบ";
  a.person.position = "K3";
  for (const Competency& c : fw->competencies()) {
    Rating r;
    r.competency = c.id;
    r.level = c.id == "teamwork" ? 1 : 5;
    a.ratings.push_back(r);
  }
  PersonSheet sh = make_person_sheet(fw, default_profile(*fw), a);
  const std::string without = person_sheet_html(sh, {});
  sh.activities = suggest_activities(index, sh.score);
  REQUIRE(sh.activities.size() == 1);
  const std::string title = sh.activities[0].activities.at(0).title;  // teamwork, level 2
  CHECK(sh.activities[0].level == 2);
  CHECK_THAT(person_sheet_html(sh, {}), Catch::Contains(title));
  CHECK_THAT(person_sheet_markdown(sh, {}), Catch::Contains(title));
  CHECK_THAT(without, !Catch::Contains(title));
}
