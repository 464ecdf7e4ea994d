// diff() outside the correspondence table: competencies pair by id, then DPIS code, then name.
#include "helpers.hpp"

using namespace samatthana;

namespace {

/// The BMA framework under another id (so the correspondence table knows neither copy).
FrameworkData bma_copy(std::string id) {
  FrameworkData d = test::bma()->data();
  d.id = std::move(id);
  return d;
}

std::size_t changed_indicators(const FrameworkDiff& d) {
  std::size_t n = 0;
  for (const auto& cd : d.competencies)
    for (const auto& ld : cd.levels)
      for (const auto& ic : ld.indicators) n += ic.change != Change::same;
  return n;
}

}  // namespace

TEST_CASE(
    "compare: two copies unknown to the table pair by id; one indicator changed is one change",
    "[compare]") {
  const Framework a(bma_copy("mine-a"));
  FrameworkData db = bma_copy("mine-b");
  SECTION("reworded a little") {
    db.competencies[2].levels[1].indicators[0].text.th += "อย่างสม่ำเสมอ";
    CHECK(db.competencies[2].levels[1].indicators[0].text.th !=
          a.competencies()[2].levels[1].indicators[0].text.th);
  }
  SECTION("rewritten entirely: still the same indicator (same id)") {
    db.competencies[2].levels[1].indicators[0].text.th = "ข้อความใหม่ทั้งหมดที่ไม่เหมือนเดิมเลย";
    CHECK(db.competencies[2].levels[1].indicators[0].id ==
          a.competencies()[2].levels[1].indicators[0].id);
  }
  const Framework b(db);
  const FrameworkDiff d = diff(a, b, core_correspondence());
  REQUIRE(d.competencies.size() == 5);
  CHECK(d.only_in_a.empty());
  CHECK(d.only_in_b.empty());
  for (const auto& cd : d.competencies) CHECK(cd.paired_by == Pairing::id);
  CHECK(changed_indicators(d) == 1);
  const auto& ic = d.competencies[2].levels[1].indicators[0];
  CHECK(ic.change == Change::reworded);
  CHECK(ic.a->id == ic.b->id);
}

TEST_CASE("compare: a new version under the shipped id pairs indicators by id", "[compare]") {
  const auto bma = test::bma();
  FrameworkData db = bma->data();
  db.competencies[0].levels[0].indicators[0].text.th = "ข้อความใหม่ทั้งหมดที่ไม่เหมือนเดิมเลย";
  const Framework b(db);
  const FrameworkDiff d = diff(*bma, b, core_correspondence());
  REQUIRE(d.competencies.size() == 5);
  for (const auto& cd : d.competencies) CHECK(cd.paired_by == Pairing::table);
  CHECK(changed_indicators(d) == 1);
}

TEST_CASE("compare: renamed ids pair by DPIS code, then by Thai name", "[compare]") {
  const Framework a(bma_copy("mine-a"));
  FrameworkData db = bma_copy("mine-b");
  for (auto& c : db.competencies) {  // no id in common
    c.id = "x_" + c.id;
    for (auto& l : c.levels)
      for (auto& i : l.indicators) i.id = "x_" + i.id;
  }
  SECTION("codes") {
    const Framework b(db);
    const FrameworkDiff d = diff(a, b, core_correspondence());
    REQUIRE(d.competencies.size() == 5);
    for (const auto& cd : d.competencies) {
      CHECK(cd.paired_by == Pairing::code);
      CHECK(cd.b->id == "x_" + cd.a->id);
    }
    CHECK(changed_indicators(d) == 0);
  }
  SECTION("names, when the codes differ too") {
    for (auto& c : db.competencies) c.codes.clear();
    const Framework b(db);
    const FrameworkDiff d = diff(a, b, core_correspondence());
    REQUIRE(d.competencies.size() == 5);
    for (const auto& cd : d.competencies) {
      CHECK(cd.paired_by == Pairing::name);
      CHECK(cd.b->id == "x_" + cd.a->id);
    }
  }
  SECTION("nothing in common: nothing pairs") {
    for (auto& c : db.competencies) {
      c.codes.clear();
      c.name.th = "ชื่ออื่น " + c.id;
    }
    const Framework b(db);
    const FrameworkDiff d = diff(a, b, core_correspondence());
    CHECK(d.competencies.empty());
    CHECK(d.only_in_a.size() == 5);
    CHECK(d.only_in_b.size() == 5);
  }
}

TEST_CASE("compare: a table that lists both frameworks decides alone", "[compare]") {
  // BMA's and OCSC 2552's competencies that the table leaves unpaired are not paired by name or
  // id behind its back.
  const auto bma = builtin_framework("bma-core-2550");
  const auto ocsc = builtin_framework("ocsc-core-2552");
  const FrameworkDiff d = diff(*bma, *ocsc, core_correspondence());
  for (const auto& cd : d.competencies) {
    CHECK(cd.paired_by == Pairing::table);
    CHECK(core_correspondence().corresponding(*bma, cd.a->id, *ocsc) == cd.b);
  }
}
