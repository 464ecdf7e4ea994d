// Regression tests for what the fuzzers found (tests/fuzz/run.sh), one per finding.
#include <catch2/catch.hpp>

#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;

TEST_CASE("regression: match_key is its own key when removing spaces joins marks", "[regression]") {
  // fuzz_text: control characters read as spaces separated a sara am and a nikhahit.
  const std::string in = "\x15LF\x01\x0B\xE0\xB8\xB3\x0B\xE0\xB9\x8D\x01\x15LF\x01";
  const std::string k = text::match_key(in);
  CHECK(text::match_key(k) == k);
  CHECK(text::match_key("ทำ ํา") == text::match_key(text::match_key("ทำ ํา")));
}

TEST_CASE("regression: dates outside 1000-9999 BE are rejected, so every date formats back",
          "[regression]") {
  // fuzz_date: ISO 0224-10-01 parsed to 767 BE, which no Thai format can write with four digits.
  CHECK_THROWS_WITH(text::parse_date("0224-10-01"), Catch::Contains("outside the supported years"));
  CHECK_THROWS_WITH(text::parse_date("1 มีนาคม ค.ศ. 0100"),
                    Catch::Contains("outside the supported years"));
  CHECK_THROWS_AS(text::make_date(100, 1, 1), ValidationError);
  const text::Date d = text::parse_date("1 มีนาคม ค.ศ. 1003");
  for (auto style : {text::DateStyle::full, text::DateStyle::official, text::DateStyle::iso})
    CHECK(text::parse_date(text::format_date(d, style, text::Digits::thai)) == d);
}

TEST_CASE("regression: a byte-order mark in the middle of a CSV file is an error", "[regression]") {
  // fuzz_csv: a BOM after the first line was kept inside a value and lost on write/read.
  try {
    detail::CsvReader r(
        "a,b\n\xEF\xBB\xBF"
        "999,1\n",
        "joined.csv");
    while (r.next()) {
    }
    FAIL("expected EncodingError");
  } catch (const EncodingError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().byte_offset == std::size_t{4});
    CHECK_THAT(e.what(), Catch::Contains("byte-order mark (U+FEFF) in the middle"));
  }
  detail::CsvReader ok(
      "\xEF\xBB\xBF"
      "a,b\n",
      "bom-first.csv");  // one at the start is fine
  REQUIRE(ok.next());
  CHECK(ok.fields()[0] == "a");
}

TEST_CASE("regression: an error quoting a long Thai value stays valid UTF-8", "[regression]") {
  // fuzz_numbers: the offending value was cut at byte 80, inside a Thai digit.
  const std::string in = "-926" + std::string(76, 'N') + "๕๕๕";
  try {
    (void)text::parse_int(in);
    FAIL("expected ParseError");
  } catch (const ParseError& e) {
    CHECK(text::is_valid_utf8(e.what()));
    // Errors show a bounded value (detail::shown: 80 characters, then "… (N bytes)").
    CHECK(text::is_valid_utf8(e.where().value));
    CHECK(e.where().value.size() <= 120);
    CHECK(e.where().value.ends_with(" bytes)"));
  }
  CHECK(detail::shorten_utf8("กขค", 5) == "...");
  CHECK(detail::shorten_utf8("abc", 5) == "abc");
}

TEST_CASE("regression: normalize is idempotent when a repair leaves marks out of order",
          "[regression]") {
  // test_properties (hypothesis): tone mark + sara i + sara u with no base letter.
  const std::string in = "\xE0\xB9\x88\xE0\xB8\xB4\xE0\xB8\xB8";  // ่ ิ ุ
  const std::string once = text::normalize(in);
  CHECK(text::normalize(once) == once);
  CHECK(once == "\xE0\xB8\xB4\xE0\xB8\xB8\xE0\xB9\x88");  // ิ ุ ่: vowels first, then the tone
}

TEST_CASE("regression: a position code written with Thai digits finds itself", "[regression]") {
  // fuzz_profile_json: a code with ๗ was indexed as written but looked up with Arabic digits.
  const std::string json = R"({"format": "samatthana-profile/1", "id": "agency", "method": "bma",
    "scheme": {"results_weight": 70, "competency_weight": 30, "bands": [{"th": "ดี", "min": 0}]},
    "positions": [{"code": "ประ๗ั่วไาน", "expected": 1}, {"code": "K๒", "expected": 2}]})";
  const Profile p = parse_profile(json, "agency.json");
  for (const auto& pos : p.data().positions) CHECK(p.find(pos.code) == &pos);
  CHECK(p.find("K2") == &p.data().positions[1]);
  CHECK(p.find("k ๒") == &p.data().positions[1]);
}
