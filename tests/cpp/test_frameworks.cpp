// The three shipped frameworks: registry, per-framework codes and level 0, fidelity of the OCSC
// files to their transcription, correspondence and diff.
#include <catch2/catch.hpp>

#include <sstream>

#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;
const std::vector<std::string> kShipped{"bma-core-2550", "ocsc-core-2552", "ocsc-core-2548"};

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

struct Transcribed {
  std::vector<std::string> titles;      // "ระดับ N: …" for N ≥ 1, prefix removed
  std::vector<std::string> indicators;  // "- …" lines
  std::vector<std::string> level_zero;
};

// One part (A = 2552, B = 2548) of data/sources/ocsc-core-in-dpis.txt, normalised.
Transcribed transcription(const std::string& part_marker) {
  Transcribed t;
  bool in = false;
  for (const auto& l : lines_of(read_file(kRoot + "/data/sources/ocsc-core-in-dpis.txt"))) {
    if (l.rfind("PART ", 0) == 0 && l.find(" — ") != std::string::npos &&
        l.find("(DPIS") != std::string::npos)
      in = l.rfind(part_marker, 0) == 0;
    if (!in) continue;
    if (l.rfind("VARIANT READINGS", 0) == 0) break;
    if (l.rfind("- ", 0) == 0) t.indicators.push_back(text::normalize(l.substr(2)));
    if (l.rfind("ระดับ ", 0) == 0 && l.size() > 12) {
      std::string rest = l.substr(std::string("ระดับ ").size());
      const auto colon = rest.find(": ");
      const int n = std::stoi(rest.substr(0, colon));
      std::string title = rest.substr(colon + 2);
      title = title.substr(0, title.find("    ["));
      if (n == 0) {
        t.level_zero.push_back(text::normalize(title));
        continue;
      }
      const std::string prefix = "แสดงสมรรถนะระดับที่ " + std::to_string(n - 1) + " และ";
      if (n > 1 && title.rfind(prefix, 0) == 0) title = title.substr(prefix.size());
      t.titles.push_back(text::normalize(title));
    }
  }
  return t;
}
}  // namespace

TEST_CASE("frameworks: three ship built in and round-trip byte for byte", "[frameworks]") {
  const auto ids = builtin_framework_ids();
  for (const auto& id : kShipped) {
    INFO(id);
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
    const auto fw = builtin_framework(id);
    CHECK(fw->id() == id);
    CHECK(fw->size() == 5);
    const std::string file = read_file(kRoot + "/data/frameworks/" + id + ".json");
    CHECK(to_json(*fw) == file);
    CHECK(*framework(kRoot + "/data/frameworks/" + id + ".json") == *fw);
  }
  CHECK(builtin_framework("ocsc")->id() == "ocsc-core-2552");
  CHECK(builtin_framework("bma")->id() == "bma-core-2550");
}

TEST_CASE("frameworks: external codes are per framework", "[frameworks]") {
  CHECK(builtin_framework("bma-core-2550")->competency("101").id == "integrity");
  CHECK(builtin_framework("ocsc-core-2552")->competency("101").id == "achievement");
  CHECK(builtin_framework("ocsc-core-2548")->competency("101").id == "achievement");
  CHECK(builtin_framework("ocsc-core-2552")->competency("104").id == "integrity");
  CHECK(builtin_framework("ocsc-core-2552")->competency("การยึดมั่นในความถูกต้องชอบธรรมและจริยธรรม").id ==
        "integrity");
  CHECK(builtin_framework("ocsc-core-2548")->competency("ความร่วมแรงร่วมใจ").id == "teamwork");
}

TEST_CASE("frameworks: level 0 has each framework's own wording", "[frameworks]") {
  CHECK(builtin_framework("bma-core-2550")->level_zero().th == "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน");
  CHECK(builtin_framework("ocsc-core-2548")->level_zero().th == "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน");
  CHECK(builtin_framework("ocsc-core-2552")->level_zero().th ==
        "ไม่แสดงสมรรถนะด้านนี้ หรือแสดงอย่างไม่ชัดเจน");
}

TEST_CASE("frameworks: service levels per framework", "[frameworks]") {
  CHECK(builtin_framework("bma-core-2550")->competency("service").max_level() == 6);
  CHECK(builtin_framework("ocsc-core-2548")->competency("service").max_level() == 6);
  CHECK(builtin_framework("ocsc-core-2552")->competency("service").max_level() == 5);
}

TEST_CASE("frameworks: OCSC files are faithful to the transcription, both ways",
          "[frameworks][fidelity]") {
  for (const auto& [id, part] :
       {std::pair{"ocsc-core-2552", "PART A"}, {"ocsc-core-2548", "PART B"}}) {
    INFO(id);
    const auto fw = builtin_framework(id);
    const Transcribed t = transcription(part);
    std::vector<std::string> indicators, titles;
    for (const auto& c : fw->competencies())
      for (const auto& l : c.levels) {
        titles.push_back(text::normalize(l.title.as_in_source()));
        for (const auto& ind : l.indicators)
          indicators.push_back(text::normalize(ind.text.as_in_source()));
      }
    CHECK(indicators == t.indicators);  // every line covered once, in order, nothing invented
    CHECK(titles == t.titles);
    REQUIRE_FALSE(t.level_zero.empty());
    CHECK(fw->level_zero().th == t.level_zero.front());
  }
}

TEST_CASE("frameworks: correspondence pairs the core sets", "[frameworks][compare]") {
  const auto& table = core_correspondence();
  const auto bma = builtin_framework("bma-core-2550");
  const auto ocsc = builtin_framework("ocsc-core-2552");
  const Competency* c = table.corresponding(*bma, "integrity", *ocsc);
  REQUIRE(c);
  CHECK(c->name.th == "การยึดมั่นในความถูกต้องชอบธรรม และจริยธรรม");
  CHECK(c->code("dpis") == "104");
  CHECK(table.corresponding(*bma, "leadership", *ocsc) == nullptr);
  CHECK_THROWS_AS(
      parse_correspondence(R"({"format": "samatthana-correspondence/1", "id": "x", "rows": [
      {"concept": "a", "th": "ก", "members": {"f": "x"}}, {"concept": "b", "th": "ข", "members": {"f": "x"}}]})"),
      ValidationError);
}

TEST_CASE("frameworks: diff of a framework with itself changes nothing", "[frameworks][compare]") {
  const auto bma = builtin_framework("bma-core-2550");
  const FrameworkDiff d = diff(*bma, *bma, core_correspondence());
  REQUIRE(d.competencies.size() == 5);
  for (const auto& cd : d.competencies)
    for (const auto& ld : cd.levels) CHECK(ld.unchanged());
}

TEST_CASE("frameworks: diff 2548 -> 2552 finds service's sixth level and reworded indicators",
          "[frameworks][compare]") {
  const auto a = builtin_framework("ocsc-core-2548");
  const auto b = builtin_framework("ocsc-core-2552");
  const FrameworkDiff d = diff(*a, *b, core_correspondence());
  REQUIRE(d.competencies.size() == 5);
  CHECK(d.only_in_a.empty());
  CHECK(d.only_in_b.empty());
  const CompetencyDiff& service = d.competencies[1];
  REQUIRE(service.a->id == "service");
  REQUIRE(service.levels.size() == 6);
  CHECK(service.levels[5].a != nullptr);
  CHECK(service.levels[5].b == nullptr);
  for (const auto& ic : service.levels[5].indicators) CHECK(ic.change == Change::removed);
  // achievement.1.1: "พยายามทำงานในหน้าที่ให้ดีและถูกต้อง" became "พยายามทำงานในหน้าที่ให้ถูกต้อง".
  const auto& ach1 = d.competencies[0].levels[0].indicators;
  REQUIRE_FALSE(ach1.empty());
  CHECK(ach1[0].change == Change::reworded);
  CHECK(ach1[0].b->text.th == "พยายามทำงานในหน้าที่ให้ถูกต้อง");
  CHECK(ach1[0].similarity > 0.8);
  CHECK(text_similarity("ความรู้", "ความรู้") == 1.0);
  CHECK(text_similarity("ความรู้", "ทีม") == 0.0);
}
