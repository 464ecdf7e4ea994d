// CASE 1.1: export of every built-in framework, exact round trip, UUID v5, foreign packages and
// located errors for broken ones.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "helpers.hpp"
#include "samatthana/case.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;
namespace json = boost::json;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;
const std::string kForeign = kRoot + "/tests/data/case/opensalt-example.json";

ValidationError broken(const json::value& v) {
  return test::expect_error<ValidationError>(
      [&] { (void)parse_case_json(json::serialize(v), "broken.json"); });
}

json::value bma_package() { return json::parse(to_case_json(*test::bma())); }

/// Index of the CFItem with this humanCodingScheme / fullStatement.
std::size_t item_index(const json::value& pkg, std::string_view key, std::string_view value) {
  const auto& items = pkg.at("CFItems").as_array();
  for (std::size_t i = 0; i < items.size(); ++i)
    if (const auto* v = items[i].as_object().if_contains(key); v && v->as_string() == value)
      return i;
  FAIL("no such item");
  return 0;
}
}  // namespace

TEST_CASE("uuid_v5 gives the RFC 4122 / Python uuid.uuid5 values", "[case]") {
  // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's documentation.
  CHECK(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // Computed beforehand with Python's uuid.uuid5 in the samatthana namespace.
  CHECK(uuid_v5(kCaseNamespace, "bma-core-2550") == "df203ba8-31af-50f7-9cc0-8d32185f8d92");
  CHECK(uuid_v5(kCaseNamespace, "ocsc-core-2552/indicator/achievement.1.1") ==
        "60edf148-96ee-598d-bc61-8a7c8ec74c7b");
  CHECK_THROWS_AS(uuid_v5("not-a-uuid", "x"), ValidationError);
}

TEST_CASE("every built-in framework round-trips through CASE byte for byte", "[case]") {
  for (const auto& id : builtin_framework_ids()) {
    INFO(id);
    const auto fw = builtin_framework(id);
    const std::string a = to_case_json(*fw);
    CHECK(a == to_case_json(*fw));  // deterministic
    const Framework back = parse_case_json(a, id + ".case.json");
    CHECK(to_json(back) == to_json(*fw));
    CHECK(to_case_json(back) == a);
  }
}

TEST_CASE("the CASE export's structure: document, items, associations, rubrics", "[case]") {
  const auto fw = test::bma();
  const json::value pkg = bma_package();
  const auto& doc = pkg.at("CFDocument").as_object();
  CHECK(doc.at("identifier").as_string() == uuid_v5(kCaseNamespace, fw->id()));
  CHECK(doc.at("title").as_string() == fw->name().th);
  CHECK(doc.at("language").as_string() == "th");
  CHECK(doc.at("lastChangeDateTime").as_string() == "2007-01-31T00:00:00+00:00");
  std::size_t levels = 0;
  for (const auto& c : fw->competencies()) levels += c.levels.size();
  const std::size_t items = fw->size() + levels + fw->indicator_count();
  CHECK(pkg.at("CFItems").as_array().size() == items);
  CHECK(pkg.at("CFAssociations").as_array().size() == items);
  REQUIRE(pkg.at("CFRubrics").as_array().size() == fw->size());
  const auto& c0 = fw->competencies()[0];
  const auto& crit = pkg.at("CFRubrics").as_array()[0].at("CFRubricCriteria").as_array()[0];
  const auto& rl = crit.at("CFRubricCriterionLevels").as_array();
  REQUIRE(rl.size() == static_cast<std::size_t>(c0.max_level() + 1));
  CHECK(rl[0].at("quality").as_string() == fw->level_zero().th);
  CHECK(rl[2].at("score").as_int64() == 2);
  CHECK(rl[2].at("quality").as_string() == c0.full_title(2));
  const auto& item = pkg.at("CFItems").as_array()[0].as_object();
  CHECK(item.at("fullStatement").as_string() == c0.name.th);
  CHECK(item.at("humanCodingScheme").as_string() == c0.code("dpis"));
  CHECK(item.at("extensions").at("samatthana").at("name").at("en").as_string() == c0.name.en);
}

TEST_CASE("a foreign (OpenSALT-style) package imports by its structure", "[case]") {
  const Framework fw = parse_case_json(read_file(kForeign), kForeign);
  CHECK(fw.id() == "case-c5e2a0d4");
  CHECK(fw.version() == "1.0");
  CHECK(fw.name().th == "สมรรถนะตัวอย่างจาก OpenSALT");
  CHECK(fw.provenance().issuer.th == "สำนักงานตัวอย่าง");
  CHECK(fw.level_zero().th == "ยังไม่แสดงการคิดวิเคราะห์");
  REQUIRE(fw.size() == 2);
  const Competency& tw = fw.competencies()[0];  // sequenceNumber 1, though second in the file
  CHECK(tw.id == "tw_1");
  CHECK(tw.code("case") == "TW.1");
  CHECK(tw.definition.th == "ความตั้งใจที่จะทำงานร่วมกับผู้อื่น");
  REQUIRE(tw.max_level() == 2);
  CHECK(tw.level(1).title.th == "ทำหน้าที่ของตนในทีมให้สำเร็จ");
  REQUIRE(tw.level(1).indicators.size() == 2);
  CHECK(tw.level(1).indicators[1].id == "tw_1.1.2");
  CHECK(tw.level(1).indicators[1].text.th == "รายงานความคืบหน้าให้ทีมทราบ");
  const Competency& an = fw.competencies()[1];
  CHECK(an.id == "an_2");
  CHECK(an.definition.th == an.name.th);          // no notes: the statement
  CHECK(an.level(1).title.th == "แยกแยะปัญหาได้");  // titles from the rubric, by score
  CHECK(an.level(2).title.th == "วิเคราะห์ความสัมพันธ์เชิงเหตุผลได้");
  CHECK(an.level(2).indicators[0].text.th == "เห็นความสัมพันธ์ของเหตุและผล");
  // and it exports and comes back exactly
  CHECK(to_json(parse_case_json(to_case_json(fw))) == to_json(fw));
}

TEST_CASE("broken CASE packages are located errors", "[case]") {
  SECTION("not JSON") {
    const auto e = test::expect_error<ParseError>(
        [] { (void)parse_case_json("{\"CFDocument\": ", "x.json"); });
    CHECK(e.where().file == "x.json");
  }
  SECTION("missing document") {
    json::value v = bma_package();
    v.as_object().erase("CFDocument");
    const auto e = broken(v);
    CHECK(e.where().path == "$.CFDocument");
    CHECK(e.where().file == "broken.json");
  }
  SECTION("item without fullStatement") {
    json::value v = bma_package();
    v.at("CFItems").as_array()[12].as_object().erase("fullStatement");
    CHECK(broken(v).where().path == "$.CFItems[12].fullStatement");
    v.at("CFItems").as_array()[12].as_object()["fullStatement"] = "";
    CHECK(broken(v).where().path == "$.CFItems[12].fullStatement");
  }
  SECTION("duplicate identifier") {
    json::value v = bma_package();
    auto& items = v.at("CFItems").as_array();
    items[3].as_object()["identifier"] = items[1].at("identifier");
    const auto e = broken(v);
    CHECK(e.where().path == "$.CFItems[3].identifier");
    CHECK_THAT(e.message(), Catch::Contains("$.CFItems[1]"));
  }
  SECTION("unknown association target") {
    json::value v = bma_package();
    v.at("CFAssociations").as_array()[5].at("destinationNodeURI").as_object()["identifier"] =
        "00000000-0000-5000-8000-000000000000";
    CHECK(broken(v).where().path == "$.CFAssociations[5].destinationNodeURI.identifier");
  }
  SECTION("cycle in isChildOf") {
    json::value v = bma_package();
    // the first competency's first level becomes the parent of the competency
    auto& as = v.at("CFAssociations").as_array();
    as[0].at("destinationNodeURI").as_object()["identifier"] =
        as[1].at("originNodeURI").at("identifier");
    const auto e = broken(v);
    CHECK_THAT(e.message(), Catch::Contains("cycle"));
    CHECK(e.where().path.rfind("$.CFAssociations[", 0) == 0);
  }
  SECTION("an item outside the hierarchy") {
    json::value v = bma_package();
    v.at("CFAssociations").as_array().erase(v.at("CFAssociations").as_array().begin() + 2);
    const auto e = broken(v);
    CHECK(e.where().path == "$.CFItems[2]");
    CHECK_THAT(e.message(), Catch::Contains("not a child"));
  }
  SECTION("a foreign level without indicators") {
    json::value v = json::parse(read_file(kForeign));
    auto& as = v.at("CFAssociations").as_array();
    // drop the association of the one indicator of the analytical competency's level 2
    const std::size_t ind = item_index(v, "fullStatement", "เห็นความสัมพันธ์ของเหตุและผล");
    const auto id = v.at("CFItems").as_array()[ind].at("identifier");
    for (std::size_t i = 0; i < as.size(); ++i)
      if (as[i].at("originNodeURI").at("identifier") == id) {
        as.erase(as.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    const auto e = broken(v);
    CHECK_THAT(e.message(), Catch::Contains("no indicators"));
  }
  SECTION("a foreign rubric with a different number of levels") {
    json::value v = json::parse(read_file(kForeign));
    auto& levels = v.at("CFRubrics")
                       .as_array()[0]
                       .at("CFRubricCriteria")
                       .as_array()[0]
                       .at("CFRubricCriterionLevels")
                       .as_array();
    levels.erase(levels.begin());  // score 2
    const auto e = broken(v);
    CHECK(e.where().path == "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels");
  }
  SECTION("the extension's text is checked as a framework's") {
    json::value v = bma_package();
    v.at("CFItems").as_array()[0].at("extensions").at("samatthana").as_object()["id"] = "Bad Id";
    const auto e = broken(v);
    CHECK_THAT(e.message(), Catch::Contains("CASE package, at $.competencies[0].id"));
    CHECK(e.where().path == "$.CFItems[0]");
    CHECK(e.where().file == "broken.json");
  }
  SECTION("a framework rule broken in an indicator is located at its item") {
    json::value v = bma_package();
    const std::size_t i = item_index(v, "humanCodingScheme", "integrity.2.1");
    v.at("CFItems").as_array()[i].at("extensions").at("samatthana").as_object()["id"] =
        "integrity.3.1";
    const auto e = broken(v);
    CHECK(e.where().path == "$.CFItems[" + std::to_string(i) + "]");
    CHECK_THAT(e.message(), Catch::Contains("$.competencies[0].levels[1].indicators[0].id"));
  }
  SECTION("a long isChildOf chain is refused quickly") {
    json::value v = bma_package();
    auto& items = v.at("CFItems").as_array();
    auto& as = v.at("CFAssociations").as_array();
    // a chain of 20000 items hanging from an indicator
    const json::value top =
        items[item_index(v, "humanCodingScheme", "integrity.1.1")].at("identifier");
    json::value item = items[0], assoc = as[0];
    for (int k = 0; k < 20000; ++k) {
      const std::string id = uuid_v5(kCaseNamespace, "chain/" + std::to_string(k));
      item.as_object()["identifier"] = id;
      items.push_back(item);
      assoc.as_object()["identifier"] = uuid_v5(kCaseNamespace, "chain-a/" + std::to_string(k));
      assoc.at("originNodeURI").as_object()["identifier"] = id;
      assoc.at("destinationNodeURI").as_object()["identifier"] =
          k == 0 ? top : json::value(uuid_v5(kCaseNamespace, "chain/" + std::to_string(k - 1)));
      as.push_back(assoc);
    }
    const auto e = broken(v);
    CHECK_THAT(e.message(), Catch::Contains("deeper"));
  }
}
