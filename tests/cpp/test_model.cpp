// The model and the shipped BMA framework: structure, lookups, cumulative queries, validation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;
const std::string kBmaFile = kRoot + "/data/frameworks/bma-core-2550.json";
}  // namespace

TEST_CASE("model: the version comes from VERSION", "[model]") {
  std::string v = read_file(kRoot + "/VERSION");
  while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.pop_back();
  CHECK(std::string(version) == v);
}

TEST_CASE("model: built-in BMA framework has the five competencies of the source", "[model]") {
  const Framework& fw = bma_core();
  CHECK(fw.id() == "bma-core-2550");
  REQUIRE(fw.size() == 5);
  const std::vector<std::string> ids{"integrity", "service", "achievement", "teamwork",
                                     "expertise"};
  const std::vector<int> levels{5, 6, 5, 5, 5};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(fw.competencies()[i].id == ids[i]);
    CHECK(fw.competencies()[i].max_level() == levels[i]);
    CHECK(fw.competencies()[i].code("dpis") == std::to_string(101 + i));
    CHECK(fw.competencies()[i].group == Group::core);
    for (const auto& l : fw.competencies()[i].levels) CHECK_FALSE(l.indicators.empty());
  }
  CHECK(fw.level_zero().th == "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน");
  CHECK(fw.provenance().letter_number == "กท ๐๓๐๒/๖๙๐");
  CHECK(fw.provenance().approved == "2007-01-31");
  CHECK(fw.competency("integrity").name.th == "คุณธรรมจริยธรรม");
}

TEST_CASE("model: the built-in framework is the shipped file", "[model]") {
  CHECK(bma_core() == load_framework(kBmaFile));
  CHECK(std::string(embedded_data("frameworks/bma-core-2550.json")) == read_file(kBmaFile));
}

TEST_CASE("model: lookup by id, DPIS code, Thai name, alias, ignoring spacing", "[model]") {
  const Framework& fw = bma_core();
  CHECK(fw.competency("service").id == "service");
  CHECK(fw.competency("102").id == "service");
  CHECK(fw.competency("๑๐๒").id == "service");
  CHECK(fw.competency("dpis:105").id == "expertise");
  CHECK(fw.competency("การบริการที่ดี").id == "service");
  CHECK(fw.competency("การ บริการ ที่ดี").id == "service");
  CHECK(fw.competency("การ\u200Bบริการ\u200Bที่ดี").id == "service");
  CHECK(fw.competency("  การบริการที่ดี ").id == "service");
  CHECK(fw.competency("ทำงานเป็นทีม").id == "teamwork");  // the source's list name
  CHECK(fw.competency("การทำงานเป็นทีม").id == "teamwork");
  CHECK(fw.competency("คุณธรรมและจรรยาบรรณ").id == "integrity");           // the list's name
  CHECK(fw.competency("การสั่งสมความเชี่ยวชาญในงานอาชีพ").id == "expertise");  // DPIS's name
  CHECK(fw.competency("INTEGRITY").id == "integrity");
  CHECK_FALSE(fw.find("leadership").has_value());
  CHECK_FALSE(fw.find("\xff\xfe").has_value());
  try {
    (void)fw.competency("ภาวะผู้นำ");
    FAIL("expected LookupError");
  } catch (const LookupError& e) {
    CHECK(e.where().value == "ภาวะผู้นำ");
    CHECK_THAT(e.what(), Catch::Contains("known ids: integrity, service"));
  }
}

TEST_CASE("model: levels are cumulative", "[model]") {
  const Competency& service = bma_core().competency("service");
  std::size_t total = 0;
  for (int k = 1; k <= service.max_level(); ++k) {
    const auto through = service.indicators_through(k);
    total += service.indicators_at(k).size();
    CHECK(through.size() == total);
    CHECK(through.back() == &service.indicators_at(k).back());
  }
  CHECK(service.indicators_through(0).empty());
  CHECK(service.indicators_at(0).empty());
  CHECK(service.indicators_through(6).front()->id == "service.1.1");
  CHECK_THROWS_AS(service.indicators_through(7), LookupError);
  CHECK_THROWS_AS(service.level(0), LookupError);
  CHECK(service.full_title(1) == service.level(1).title.th);
  CHECK(service.full_title(3) == "แสดงสมรรถนะระดับที่ ๒ และ" + service.level(3).title.th);
  CHECK(service.full_title(3, text::Digits::arabic).rfind("แสดงสมรรถนะระดับที่ 2 และ", 0) == 0);
  CHECK(bma_core().level_title(service, 0) == "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน");
  const auto between = service.indicators_between(2, 4);
  CHECK(between.size() == service.level(3).indicators.size() + service.level(4).indicators.size());
  CHECK(between.front()->id == "service.3.1");
}

TEST_CASE("model: indicator ids are stable and unique", "[model]") {
  const Framework& fw = bma_core();
  std::size_t n = 0;
  for (const auto& c : fw.competencies())
    for (const auto& l : c.levels)
      for (std::size_t i = 0; i < l.indicators.size(); ++i) {
        ++n;
        CHECK(l.indicators[i].id ==
              c.id + "." + std::to_string(l.number) + "." + std::to_string(i + 1));
        CHECK(&fw.indicator(l.indicators[i].id) == &l.indicators[i]);
      }
  CHECK(fw.indicator_count() == n);
  CHECK_THROWS_AS(fw.indicator("integrity.9.9"), LookupError);
}

TEST_CASE("model: known corrections are recorded with the source's text", "[model]") {
  const Framework& fw = bma_core();
  const Level& l1 = fw.competency("integrity").level(1);
  CHECK(l1.title.th == "ซื่อสัตย์สุจริต");
  REQUIRE(l1.title.correction);
  CHECK(l1.title.correction->source_text == "ชื่อสัตย์สุจริต");
  bool found_padphara = false;
  for (const auto& ind : fw.competency("service").level(3).indicators)
    if (ind.text.th.find("ปัดภาระ") != std::string::npos) {
      found_padphara = true;
      REQUIRE(ind.text.correction);
      CHECK(ind.text.correction->source_text.find("ปิดการะ") != std::string::npos);
    }
  CHECK(found_padphara);
}

TEST_CASE("model: a Framework copy is independent and equal", "[model]") {
  Framework copy = bma_core();
  CHECK(copy == bma_core());
  CHECK(&copy.indicator("service.6.1") != &bma_core().indicator("service.6.1"));
  CHECK(copy.indicator("service.6.1").id == "service.6.1");
}
