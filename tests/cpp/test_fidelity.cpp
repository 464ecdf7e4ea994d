// Fidelity of the shipped BMA framework to its source document, both ways: every text of record
// occurs in the source, and every sentence of the source's level tables is covered by an
// indicator, in order. Nothing lost, nothing invented.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;

// Removes HTML tags and bullets, then normalises (whitespace and ๆ spacing) like the data.
std::string clean(const std::string& s) {
  std::string out = std::regex_replace(s, std::regex("<[^>]*>"), " ");
  std::string no_bullets;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 3, "\u2022") == 0) {
      no_bullets += ' ';
      i += 2;
    } else {
      no_bullets += out[i];
    }
  }
  return text::normalize(no_bullets);
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

bool is_level_row(const std::string& line) {
  // "๑\t…": a Thai digit (3 bytes) then a tab.
  return line.size() > 4 && line.compare(0, 2, "\xE0\xB9") == 0 && line[3] == '\t';
}

void check_texts_occur(const Framework& fw, const std::string& doc) {
  auto occurs = [&](const Text& t, const std::string& where) {
    INFO(where << ": " << t.as_in_source());
    CHECK(doc.find(clean(t.as_in_source())) != std::string::npos);
  };
  for (const auto& c : fw.competencies()) {
    occurs(c.definition, c.id + ".definition");
    for (const auto& v : c.definition.variants)
      if (v.witness.rfind("bma", 0) == 0)
        occurs(Text{v.th, "", std::nullopt, {}}, c.id + ".definition variant");
    for (const auto& l : c.levels) {
      occurs(l.title, c.id + "." + std::to_string(l.number) + ".title");
      for (const auto& ind : l.indicators) occurs(ind.text, ind.id);
    }
  }
}
}  // namespace

TEST_CASE("fidelity: every BMA text of record occurs in the source document", "[fidelity]") {
  const std::string doc = clean(read_file(kRoot + "/data/sources/bma-core-competencies.txt"));
  check_texts_occur(bma_core(), doc);
}

TEST_CASE("fidelity: every sentence of the BMA level tables is covered by an indicator",
          "[fidelity]") {
  const auto lines = lines_of(read_file(kRoot + "/data/sources/bma-core-competencies.txt"));
  std::vector<std::string> rows;
  for (const auto& l : lines)
    if (is_level_row(l)) rows.push_back(l);
  const Framework& fw = bma_core();
  std::size_t expected_rows = 0;
  for (const auto& c : fw.competencies()) expected_rows += c.levels.size();
  REQUIRE(rows.size() == expected_rows);  // 26 level rows: 5 + 6 + 5 + 5 + 5

  std::size_t r = 0;
  for (const auto& c : fw.competencies()) {
    for (const auto& l : c.levels) {
      const std::string& row = rows[r++];
      const auto ul = row.find("<ul");
      REQUIRE(ul != std::string::npos);
      // The title part: "แสดงสมรรถนะระดับที่ k-1 และ" + the distinctive title.
      std::string title = clean(row.substr(4, ul - 4));
      const std::string prefix =
          "แสดงสมรรถนะระดับที่ " + text::to_thai_digits(std::to_string(l.number - 1)) + " และ";
      if (l.number > 1) {
        REQUIRE(title.rfind(prefix, 0) == 0);
        title = title.substr(prefix.size());
      }
      CHECK(title == clean(l.title.as_in_source()));
      // The indicators consume the row's list, in order, leaving nothing.
      std::string rest = clean(row.substr(ul));
      std::size_t cursor = 0;
      for (const auto& ind : l.indicators) {
        const std::string piece = clean(ind.text.as_in_source());
        const auto at = rest.find(piece, cursor);
        INFO(ind.id << " not found in order in: " << rest);
        REQUIRE(at != std::string::npos);
        CHECK(text::normalize(rest.substr(cursor, at - cursor)).empty());
        cursor = at + piece.size();
      }
      INFO(c.id << " level " << l.number << " has uncovered text");
      CHECK(text::normalize(rest.substr(cursor)).empty());
    }
  }
}

TEST_CASE("fidelity: corrections differ from the source, variants from the text", "[fidelity]") {
  std::size_t corrections = 0;
  for (const auto& c : bma_core().competencies())
    for (const auto& l : c.levels)
      for (const auto& ind : l.indicators) {
        if (ind.text.correction) {
          ++corrections;
          CHECK(clean(ind.text.correction->source_text) != ind.text.th);
          CHECK_FALSE(ind.text.correction->note.empty());
        }
        for (const auto& v : ind.text.variants) CHECK(v.th != ind.text.th);
      }
  CHECK(corrections >= 4);
}
