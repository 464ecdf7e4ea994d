// IndicatorIndex: finding indicators, level titles and competency names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "samatthana/error.hpp"
#include "samatthana/io.hpp"
#include "samatthana/search.hpp"

using namespace samatthana;

namespace {

Text th(std::string s, std::string en = "") { return Text{std::move(s), std::move(en), {}, {}}; }

// A small framework with indicator texts copied from data/sources/bma-core-in-dpis.txt; two of
// them are stored with the damage normalisation repairs (เเ, ํา, a zero-width space).
Framework small_framework() {
  FrameworkData d;
  d.id = "test-expertise";
  d.version = "1";
  d.name = th("สมรรถนะทดสอบ", "Test competencies");
  d.provenance.issuer = th("กรุงเทพมหานคร", "Bangkok Metropolitan Administration");
  d.level_zero = th("ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน");
  Competency e;
  e.id = "expertise";
  e.name = th("การสั่งสมความเชี่ยวชาญในงานอาชีพ", "Expertise");
  e.definition = th("ความขวนขวาย สนใจใฝ่รู้เพื่อพัฒนาศักยภาพ");
  e.codes = {{"dpis", "105"}};
  e.levels.push_back(Level{
      1,
      th("มีความสนใจใฝ่รู้ในสาขาอาชีพของตน"),
      {Indicator{"expertise.1.1",
                 th("กระตือรือร้นในการศึกษาหาความรู้ สนใจเทคโนโลยีและองค์ความรู้ใหม่ๆ ในสาขาอาชีพของตน")},
       Indicator{"expertise.1.2",
                 th("หมั่นทดลองวิธีการทํางานแบบใหม่เพื่อพัฒนาประสิทธิภาพและความรู้ความสามารถของตนให้ดียิ่งขึ้น")}}});
  e.levels.push_back(Level{
      2,
      th("รอบรู้เท่าทันเทคโนโลยีหรือองค์ความรู้ใหม่ ๆ"),
      {Indicator{"expertise.2.1", th("รอบรู้เท่าทันเทคโนโลยีหรือองค์ความรู้ใหม่ๆ ในสาขาอาชีพของตนและที่เกี่ยวข้อง "
                                     "หรืออาจมีผลกระทบต่อการปฏิบัติหน้าที่ของตน")}}});
  e.levels.push_back(Level{
      3,
      th("สามารถนำความรู้ วิทยาการ หรือเทคโนโลยีใหม่ ๆ ที่ได้ศึกษามาปรับใช้กับการทำงาน"),
      {Indicator{"expertise.3.1", th("เข้าใจประเด็นหลักๆ นัยสำคัญ และผลกระทบของวิทยาการต่างๆอย่างลึกซึ้ง")},
       Indicator{"expertise.3.2",
                 th("สามารถนําวิชาการ ความรู้ หรือเทคโนโลยีใหม่ๆ มาประยุกต์ใช้ในการปฏิบัติงานได้")}}});
  Competency t;
  t.id = "teamwork";
  t.name = th("การทำงานเป็นทีม", "Teamwork");
  t.definition = th("การทำงานโดยมีพฤติกรรมที่สามารถทำงานร่วมกันกับผู้อื่นได้");
  t.codes = {{"dpis", "104"}};
  t.levels.push_back(Level{
      1,
      th("ปฏิบัติหน้าที่ในส่วนของตนให้สำเร็จลุล่วง"),
      {Indicator{"teamwork.1.1", th("ทำงานในส่วนที่ตนได้รับมอบหมายได้สำเร็จ สนับสนุนการตัดสินใจในกลุ่ม")}}});
  t.levels.push_back(
      Level{2,
            th("ผูกมิตรและร่วมมือ"),
            {Indicator{"teamwork.2.1", th("เอื้อเฟื้อเผื่อแผ่ให้ความร่วมมือกับผู้อื่นในทีมและกลุ่มงานด้วยดี")},
             Indicator{"teamwork.2.2", th("สร้างสัมพันธ์เข้ากับผู้อื่นในกลุ่มได้ดี\u200B")}}});
  d.competencies = {e, t};
  return Framework(std::move(d));
}

std::vector<std::string> ids(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits)
    out.push_back(h.kind == HitKind::indicator
                      ? h.indicator_id
                      : std::string(to_string(h.kind)) + ":" + h.competency_id + ":" +
                            std::to_string(h.level));
  return out;
}

std::string highlighted(const SearchHit& h) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& s : h.highlights) {
    out += h.text.substr(pos, s.begin - pos) + "[" + h.text.substr(s.begin, s.size()) + "]";
    pos = s.end;
  }
  return out + h.text.substr(pos);
}

}  // namespace

TEST_CASE("search: finds a word the segmenter splits wrongly", "[search][text]") {
  const Framework fw = small_framework();
  const IndicatorIndex ix(fw);
  const auto hits = ix.search("ผลกระทบ");
  REQUIRE(hits.size() == 2);
  CHECK(ids(hits) ==
        std::vector<std::string>{"expertise.3.1", "expertise.2.1"});  // shorter text first
  CHECK(highlighted(hits[0]) == "เข้าใจประเด็นหลัก ๆ นัยสำคัญ และ[ผลกระทบ]ของวิทยาการต่าง ๆ อย่างลึกซึ้ง");
  CHECK(hits[0].competency_id == "expertise");
  CHECK(hits[0].level == 3);
  CHECK(hits[0].language == "th");
  // Highlights are byte offsets into the stored (normalised) text.
  CHECK(hits[1].highlights[0].of(hits[1].text) == "ผลกระทบ");
}

TEST_CASE("search: damage in the query or the source does not matter", "[search][text]") {
  const Framework fw = small_framework();
  const IndicatorIndex ix(fw);
  // The stored text had ทํางาน (ํ + า); the query is typed correctly, and the other way round.
  auto hits = ix.search("ทำงานแบบใหม่");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].indicator_id == "expertise.1.2");
  hits = ix.search("ท\u0E4D\u0E32งาน\u200Bแบบ  ใหม่");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].indicator_id == "expertise.1.2");
  CHECK(highlighted(hits[0]).find("[ทำงานแบบใหม่]") != std::string::npos);
  // เเ typed for แ, spaces inside a word.
  hits = ix.search("เผื่อเเผ่");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].indicator_id == "teamwork.2.1");
  // Spaces typed inside a word: the whole word still ranks first; pieces found elsewhere
  // (กระ in กระตือรือร้น) rank below.
  hits = ix.search("ผล กระ ทบ");
  REQUIRE(hits.size() >= 2);
  CHECK(ids(hits)[0] == "expertise.3.1");
  CHECK(ids(hits)[1] == "expertise.2.1");
  CHECK(hits[1].score >= 0.6);
  for (std::size_t i = 2; i < hits.size(); ++i) CHECK(hits[i].score < 0.6);
}

TEST_CASE("search: names and titles, English, ranking and filters", "[search][text]") {
  const Framework fw = small_framework();
  const IndicatorIndex ix(fw);
  auto hits = ix.search("การทำงานเป็นทีม");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].kind == HitKind::competency_name);
  CHECK(hits[0].competency_id == "teamwork");
  CHECK(hits[0].score == Approx(1.0));  // the whole name
  hits = ix.search("ทำงานเป็นทีม");
  CHECK(hits[0].competency_id == "teamwork");
  CHECK(hits[0].score < 1.0);
  CHECK(highlighted(hits[0]) == "การ[ทำงานเป็นทีม]");
  hits = ix.search("TEAMWORK");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].language == "en");
  CHECK(hits[0].text == "Teamwork");
  hits = ix.search("ผูกมิตร");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].kind == HitKind::level_title);
  CHECK(hits[0].level == 2);
  // Two words apart: hits holding both rank above hits holding one.
  hits = ix.search("เทคโนโลยี ผลกระทบ");
  REQUIRE(hits.size() >= 3);
  CHECK(hits[0].indicator_id == "expertise.2.1");
  CHECK(hits[0].highlights.size() == 2);
  CHECK(hits[0].score > hits[1].score);
  // Filter by competency (any key) and limit.
  hits = ix.search("ความรู้", SearchOptions{"105", 0, 0.0});
  CHECK_FALSE(hits.empty());
  CHECK(std::all_of(hits.begin(), hits.end(),
                    [](const SearchHit& h) { return h.competency_id == "expertise"; }));
  CHECK(ix.search("ความรู้", SearchOptions{"", 2, 0.0}).size() == 2);
  CHECK(ix.search("ในกลุ่ม", SearchOptions{"expertise", 0, 0.0}).empty());
  CHECK(ix.search("ไม่มีคำนี้แน่นอน").empty());
}

TEST_CASE("search: bad queries are clear errors", "[search][text]") {
  const Framework fw = small_framework();
  const IndicatorIndex ix(fw);
  CHECK_THROWS_AS(ix.search(""), ValidationError);
  CHECK_THROWS_WITH(ix.search("  \u200B "), Catch::Contains("query is empty"));
  CHECK_THROWS_AS(ix.search("ผล\xE0"), EncodingError);
  CHECK_THROWS_AS(ix.search("ผล", SearchOptions{"leadership", 0, 0.0}), LookupError);
  // Length is counted in characters: 1000 Thai letters (3000 bytes) are a query, 1001 are not.
  std::string thousand;
  for (int i = 0; i < 1000; ++i) thousand += "ก";
  CHECK(ix.search(thousand).empty());
  CHECK_THROWS_WITH(
      ix.search(thousand + "ก"),
      Catch::Contains("the search query is too long (1001 characters; at most 1000)"));
}

TEST_CASE("search: every shipped indicator, pasted whole, ranks first", "[search][text]") {
  for (const char* name : {"bma-core-2550", "ocsc-core-2552", "ocsc-core-2548"}) {
    const auto fw = builtin_framework(name);
    const IndicatorIndex ix(*fw);
    std::size_t longest = 0;
    for (const Competency& c : fw->competencies())
      for (const Level& l : c.levels)
        for (const Indicator& ind : l.indicators) {
          longest = std::max(longest, ind.text.th.size());
          const auto hits = ix.search(ind.text.th);
          const auto self = std::find_if(hits.begin(), hits.end(), [&](const SearchHit& h) {
            return h.kind == HitKind::indicator && h.indicator_id == ind.id;
          });
          REQUIRE(self != hits.end());
          CHECK(self->score == hits.front().score);  // ranked first (ties: identical texts)
        }
    CHECK(longest < IndicatorIndex::max_query_chars);  // bytes ≥ characters
  }
}

TEST_CASE("search: the built-in framework", "[search][text]") {
  const IndicatorIndex ix(bma_core());
  CHECK(ix.size() > bma_core().indicator_count());
  auto hits = ix.search("ผลกระทบ");
  REQUIRE(hits.size() >= 3);
  for (const auto& h : hits) {
    CHECK(h.competency_id == "expertise");
    CHECK(h.highlights.front().of(h.text) == "ผลกระทบ");
  }
  hits = ix.search("คุณธรรม");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].competency_id == "integrity");
  CHECK(hits[0].kind == HitKind::competency_name);
  // One index, many threads.
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  const auto expected = ix.search("ผู้รับบริการ");
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i)
        if (ids(ix.search("ผู้รับบริการ")) != ids(expected)) ++bad;
    });
  for (auto& th : threads) th.join();
  CHECK(bad == 0);
}

TEST_CASE("search: the CLI command", "[search][text][cli]") {
  const std::string cli = SAMATTHANA_CLI;
  if (cli.empty()) return;
  const std::string out_file = "samatthana_search_test.out";
  const std::string cmd = cli + " search ผลกระทบ --format json > " + out_file;
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out_file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::remove(out_file.c_str());
  CHECK(ss.str().find("\"indicator_id\": \"expertise.") != std::string::npos);
  CHECK(ss.str().find("ผลกระทบ") != std::string::npos);
  CHECK(std::system((cli + " search '' > /dev/null 2>&1").c_str()) != 0);
}
