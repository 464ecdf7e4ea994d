// Search with typo tolerance (marks left out, a letter wrong) and over competency definitions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "samatthana/samatthana.hpp"
#include "samatthana/search.hpp"

using namespace samatthana;

namespace {
std::string first_highlight(const SearchHit& h) {
  return std::string(h.highlights.front().of(h.text));
}
}  // namespace

TEST_CASE("search typos: a tone mark left out", "[search][text][typos]") {
  const IndicatorIndex ix(bma_core());
  const auto exact = ix.search("โปร่งใส");
  REQUIRE_FALSE(exact.empty());
  CHECK_FALSE(exact[0].approximate);
  const auto hits = ix.search("โปรงใส");  // ่ (mai ek) left out
  REQUIRE(hits.size() == exact.size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    CHECK(hits[i].indicator_id == exact[i].indicator_id);
    CHECK(hits[i].approximate);
    CHECK(hits[i].score < exact[i].score);        // below what the word typed right gets
    CHECK(first_highlight(hits[i]) == "โปร่งใส");  // the text's word, its mark included
  }
  SearchOptions strict;
  strict.typos = false;
  CHECK(ix.search("โปรงใส", strict).empty());
  // A mark in the wrong place or a thanthakhat left out.
  CHECK_FALSE(ix.search("ทํางานเปนทีม").empty());
  CHECK(ix.search("ซื่อสัตยสุจริต").at(0).kind == HitKind::level_title);
}

TEST_CASE("search typos: one letter wrong in a longer word", "[search][text][typos]") {
  const IndicatorIndex ix(bma_core());
  const auto hits = ix.search("ผลกระทม");  // ม for บ
  REQUIRE(hits.size() >= 3);
  CHECK(hits[0].indicator_id == "expertise.3.1");
  CHECK(hits[0].approximate);
  for (const auto& h : hits) CHECK(first_highlight(h) == "ผลกระทบ");
  // A word found as typed is not looked for fuzzily: no approximate hit joins it.
  for (const auto& h : ix.search("ผลกระทบ")) CHECK_FALSE(h.approximate);
  // Short words (3 letters or fewer) are not fuzzy: too many words are one letter apart.
  for (const auto& h : ix.search("ทีน")) CHECK_FALSE(h.approximate);
  // Nonsense stays unfound.
  CHECK(ix.search("ไม่มีข้อความนี้ในกรอบ").empty());
  CHECK(ix.search("กขคงจฉชซฌญ").empty());
}

TEST_CASE("search: competency definitions on request", "[search][text]") {
  const Framework& fw = bma_core();
  const IndicatorIndex ix(fw);
  const Competency& integrity = fw.competency("integrity");
  REQUIRE(integrity.definition.th.size() > 30);
  // A stretch of the definition (from its 4th to its 14th character) as the query.
  const auto cut = [&](std::size_t from_char, std::size_t chars) {
    std::size_t b = 0, n = 0, i = 0;
    const std::string& t = integrity.definition.th;
    for (; i < t.size() && n < from_char + chars; ++i) {
      if ((static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) continue;
      if (n == from_char) b = i;
      ++n;
    }
    while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++i;
    return t.substr(b, i - b);
  };
  const std::string query = cut(3, 12);
  SearchOptions with;
  with.definitions = true;
  const auto hits = ix.search(query, with);
  const auto def = std::find_if(hits.begin(), hits.end(),
                                [](const SearchHit& h) { return h.kind == HitKind::definition; });
  REQUIRE(def != hits.end());
  CHECK(def->competency_id == "integrity");
  CHECK(def->level == 0);
  CHECK(def->text == integrity.definition.th);
  CHECK(first_highlight(*def).find(query) != std::string::npos);
  for (const auto& h : ix.search(query)) CHECK(h.kind != HitKind::definition);  // off by default
  CHECK(to_string(HitKind::definition) == "definition");
  with.competency = "service";
  for (const auto& h : ix.search(query, with)) CHECK(h.competency_id == "service");
}
