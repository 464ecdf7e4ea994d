// Input rules of the readers (docs/bad-input.md, "Input rules"): duplicate JSON keys after
// unescaping, bounded and escaped error values, huge header cells, control characters in ids and
// names, UTF-16 files, Unicode white space and digit sets in numbers, person-id keys.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <string>

#include "io/csv.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;

std::string bma_json() { return read_file(kRoot + "/data/frameworks/bma-core-2550.json"); }
std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}
RatingsTable ratings(const std::string& csv) {
  return read_ratings_csv(csv, builtin_framework("bma"), "ratings.csv");
}
/// what() has no raw control character and is as long as strlen says (no NUL inside).
void check_printable(const Error& e) {
  const std::string w = e.what();
  CHECK(std::strlen(e.what()) == w.size());
  CHECK(w.find('\x1b') == std::string::npos);
  CHECK(text::is_valid_utf8(w));
}
}  // namespace

TEST_CASE("json: duplicate keys are found after unescaping, with the JSON path",
          "[input-rules][json]") {
  SECTION("\\u0069d is id") {
    try {
      (void)parse_framework("{\"id\": \"x\",\n \"\\u0069d\": \"y\"}", "input.json");
      FAIL("accepted");
    } catch (const ParseError& e) {
      CHECK_THAT(e.message(), Catch::Contains("duplicate key \"id\""));
      CHECK_THAT(e.message(), Catch::Contains("spelt \"id\" there and \"\\u0069d\" here"));
      CHECK(e.where().path == "$.id");
      CHECK(e.where().line == 2);
      CHECK(e.where().column == 2);
      CHECK(e.where().byte_offset == 13u);
    }
  }
  SECTION("in a profile, deep inside") {
    std::string p = read_file(kRoot + "/data/profiles/bma-core.json");
    p = replaced(p, "\"expected\": 1", "\"expected\": 1, \"expect\\u0065d\": 0");
    try {
      (void)parse_profile(p, "profile.json");
      FAIL("accepted");
    } catch (const ParseError& e) {
      CHECK_THAT(e.message(), Catch::Contains("duplicate key \"expected\""));
      CHECK(e.where().path == "$.positions[0].expected");
    }
  }
  SECTION("surrogate pairs and escaped quotes unescape too") {
    CHECK_THROWS_AS(parse_framework("{\"\\ud83d\\ude00\": 1, \"\xF0\x9F\x98\x80\": 2}", "x.json"),
                    ParseError);
    CHECK_THROWS_AS(parse_framework("{\"a\\\"b\": 1, \"a\\u0022b\": 2}", "x.json"), ParseError);
    // Different keys stay different.
    CHECK_THROWS_AS(parse_framework("{\"a\\\\\": 1, \"a\\\\b\": 2}", "x.json"), ValidationError);
  }
  SECTION("the shipped framework still reads") {
    CHECK_NOTHROW(parse_framework(bma_json(), "bma.json"));
  }
}

TEST_CASE("errors: every echoed value is bounded and escaped", "[input-rules][error]") {
  SECTION("a 1 MB value shows 80 characters and the full length") {
    Location w;
    w.value = std::string(1 << 20, 'x');
    const ValidationError e("too long", w);
    CHECK(std::string(e.what()).size() < 200);
    CHECK_THAT(e.what(), Catch::Contains("… (1048576 bytes)"));
    CHECK(text::is_valid_utf8(e.where().value));
  }
  SECTION("NUL and ESC are shown escaped, the message is complete") {
    Location w;
    w.value = std::string("a\0b\x1b[31m", 8);
    w.path = std::string("col\0x", 5);
    const ValidationError e(std::string("bad \0 here", 10), w);
    check_printable(e);
    CHECK_THAT(e.what(), Catch::Contains("a\\x00b\\x1b[31m"));
    CHECK_THAT(e.what(), Catch::Contains("col\\x00x"));
    CHECK_THAT(e.what(), Catch::Contains("bad \\x00 here"));
  }
  SECTION("Thai text is cut at a character boundary; shown() is idempotent") {
    std::string thai;
    for (int i = 0; i < 200; ++i) thai += "ก";
    const std::string s = detail::shown(thai);
    CHECK(text::is_valid_utf8(s));
    CHECK_THAT(s, Catch::EndsWith("… (600 bytes)"));
    CHECK(detail::shown(s) == s);
    const std::string nul = detail::shown(std::string(100, '\0'));
    CHECK(detail::shown(nul) == nul);
    CHECK(detail::shown("\xE0\xB8", 80) == "\\xe0\\xb8");  // not UTF-8: bytes shown
  }
  SECTION("line breaks stay in messages, not in values") {
    Location w;
    w.value = "a\nb";
    const ValidationError e("one\ntwo", w);
    CHECK(e.message() == "one\ntwo");
    CHECK(e.where().value == "a\\x0ab");
  }
}

TEST_CASE("csv: a huge header cell fails fast with a short message", "[input-rules][csv]") {
  // 20 MB header cell: before, the whole cell was normalised (ICU) and echoed in the message.
  const std::string csv = "person_id,position," + std::string(20u << 20, 'x') + "\nP1,K1,2\n";
  const auto t0 = std::chrono::steady_clock::now();
  try {
    (void)ratings(csv);
    FAIL("accepted");
  } catch (const LookupError& e) {
    CHECK(std::string(e.what()).size() < 600);
    CHECK_THAT(e.message(), Catch::Contains("far too long for a column name"));
    CHECK(e.where().column == 3);
    CHECK_THAT(e.where().path, Catch::EndsWith("(20971520 bytes)"));
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(s < 5.0);
  for (auto reader : {0, 1}) {
    const std::string h = "person_id," + std::string(2000, 'y') + "\n";
    CHECK_THROWS_AS(reader ? (void)read_results_csv(h, "r.csv")
                           : (void)read_evidence_csv(h, bma_core(), "e.csv"),
                    LookupError);
  }
  SECTION("a huge person cell is refused, not copied around") {
    const std::string big =
        "person_id,name,position,integrity\nP1," + std::string(70000, 'n') + ",K1,2\n";
    try {
      (void)ratings(big);
      FAIL("accepted");
    } catch (const ValidationError& e) {
      CHECK_THAT(e.message(), Catch::Contains("name is too long (70000 bytes; at most 65536)"));
      CHECK(e.where().column == 2);
    }
  }
}

TEST_CASE("control characters in ids and names are located errors", "[input-rules][csv][json]") {
  const std::string head = "person_id,name,unit,position,rater_role,rater_id,integrity\n";
  struct Row {
    std::string line;
    std::size_t column;
    const char* path;
  };
  for (const Row& r :
       {Row{std::string("P\0"
                        "1,a,u,K1,self,,2\n",
                        17),
            1, "person_id"},
        Row{std::string("P1,a\0b,u,K1,self,,2\n", 19), 2, "name"},
        Row{"P1,a,u\x1b[2J,K1,self,,2\n", 3, "unit"}, Row{"P1,a,u,K1\x07,self,,2\n", 4, "position"},
        Row{"P1,a,u,K1,self,R\x01,2\n", 6, "rater_id"}}) {
    INFO(r.path);
    try {
      (void)ratings(head + r.line);
      FAIL("accepted");
    } catch (const ValidationError& e) {
      check_printable(e);
      CHECK_THAT(e.message(), Catch::Contains("holds the control character \\x"));
      CHECK(e.where().line == 2);
      CHECK(e.where().column == r.column);
      CHECK(e.where().path == r.path);
    }
  }
  // A TAB is allowed (and trimmed around an id); a line break in a quoted name or unit too, not
  // in an id.
  CHECK(ratings("person_id,position,integrity\n\tP1\t,K1,2\n").people[0].id == "P1");
  CHECK(ratings("person_id,name,position,integrity\nP1,\"a\r\nb\",K1,2\n").people[0].name ==
        "a\r\nb");
  CHECK_THROWS_WITH(ratings("person_id,position,integrity\n\"P\n1\",K1,2\n"),
                    Catch::Contains("person_id holds the control character \\x0a"));
  SECTION("wide files, evidence and results too") {
    CHECK_THROWS_AS(ratings(std::string("person_id,position,integrity\nP\0"
                                        "1,K1,2\n",
                                        36)),
                    ValidationError);
    CHECK_THROWS_AS(read_results_csv(std::string("person_id,results\nP\0"
                                                 "1,50\n",
                                                 27),
                                     "r.csv"),
                    ValidationError);
    CHECK_THROWS_AS(read_evidence_csv(std::string("person_id,indicator_id,observation\nP\0"
                                                  "1,"
                                                  "integrity.1.1,shown\n",
                                                  56),
                                      bma_core(), "e.csv"),
                    ValidationError);
  }
  SECTION("framework ids and names") {
    try {
      (void)parse_framework(
          replaced(bma_json(), "\"th\": \"คุณธรรมจริยธรรม\"", "\"th\": \"คุณธรรม\\u0000\""),
          "input.json");
      FAIL("accepted");
    } catch (const ValidationError& e) {
      check_printable(e);
      CHECK(e.where().path == "$.competencies[0].name.th");
      CHECK_THAT(e.message(), Catch::Contains("control character \\x00"));
    }
    CHECK_THROWS_AS(parse_framework(replaced(bma_json(), "\"id\": \"bma-core-2550\"",
                                             "\"id\": \"bma\\u001b-core\""),
                                    "input.json"),
                    ValidationError);
  }
}

TEST_CASE("UTF-16 files are named as such, not as TIS-620", "[input-rules][csv][json]") {
  const std::string le_bom("\xFF\xFEp\0e\0r\0s\0o\0n\0_\0i\0d\0", 20);
  const std::string le_plain("p\0e\0r\0s\0o\0n\0_\0i\0d\0,\0p\0o\0s\0", 28);
  const std::string be_bom("\xFE\xFF\0p\0e", 6);
  for (const auto& in : {le_bom, le_plain, be_bom}) {
    try {
      (void)ratings(in);
      FAIL("accepted");
    } catch (const EncodingError& e) {
      CHECK_THAT(
          e.message(),
          Catch::StartsWith("this file is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8"));
      CHECK_THAT(e.message(), !Catch::Contains("convert it from TIS-620"));
      CHECK(e.where().byte_offset == 0u);
      check_printable(e);
    }
  }
  CHECK_THROWS_WITH(parse_framework(std::string("\xFF\xFE{\0}\0", 6), "fw.json"),
                    Catch::Contains("this file is UTF-16"));
  // One NUL in a UTF-8 file is not UTF-16: it is reported where it is.
  CHECK_THROWS_WITH(ratings(std::string("person_id,position,integrity\nP\0"
                                        "1,K1,2\n",
                                        36)),
                    Catch::Contains("control character"));
}

TEST_CASE("numbers: Unicode white space, a leading +, one digit set", "[input-rules][csv]") {
  const std::string head = "person_id,position,results,integrity\n";
  SECTION("NBSP, U+202F, zero-width space around levels and results") {
    const auto t = ratings(head +
                           "P1,K1,\xC2\xA0"
                           "80\xE2\x80\xAF,\xC2\xA0"
                           "2\xC2\xA0\n" +
                           "P2,K1,\xE2\x80\x8B"
                           "70,\xE2\x80\xAF\xE0\xB9\x93\xE2\x80\xAF\n");
    REQUIRE(t.people.size() == 2);
    CHECK(t.levels[0] == 2);
    CHECK(t.levels[t.columns.size()] == 3);
    CHECK(t.results[0] == 80);
    CHECK(t.results[1] == 70);
    // A cell of white space only is empty (not rated).
    CHECK(ratings(head + "P1,K1,80,\xC2\xA0\n").levels[0] == -1);
  }
  SECTION("+1 is a level as +5 is a result") {
    const auto t = ratings(head + "P1,K1,+5,+1\n");
    CHECK(t.levels[0] == 1);
    CHECK(t.results[0] == 5);
    CHECK_THROWS_AS(ratings(head + "P1,K1,5,+-1\n"), ParseError);
    CHECK_THROWS_AS(ratings(head + "P1,K1,5,+\n"), ParseError);
    double v = 0;
    CHECK(detail::read_decimal("+-5", v) == detail::NumberStatus::not_a_number);
    CHECK(detail::read_decimal("\xC2\xA0+5.5", v) == detail::NumberStatus::ok);
    CHECK(v == 5.5);
  }
  SECTION("mixed digit sets are a located error, for levels and results alike") {
    for (const auto& [row, column, path] :
         {std::tuple{std::string("P1,K1,80,๑2\n"), 4u, "integrity"},
          std::tuple{std::string("P1,K1,๘5,2\n"), 3u, "results"}}) {
      try {
        (void)ratings(head + row);
        FAIL("accepted");
      } catch (const ParseError& e) {
        CHECK_THAT(e.message(), Catch::Contains("Thai and Arabic digits mixed in one number"));
        CHECK(e.where().column == column);
        CHECK(e.where().path == path);
      }
    }
    CHECK_THROWS_WITH(read_results_csv("person_id,results\nP1,๘5\n", "r.csv"),
                      Catch::Contains("Thai and Arabic digits mixed"));
    int level = 0;
    CHECK(detail::read_level("๘5", level) == detail::NumberStatus::mixed_digits);
    CHECK(detail::read_level("๘๕", level) == detail::NumberStatus::ok);
    CHECK(level == 85);
    CHECK(detail::read_level("๘x", level) == detail::NumberStatus::not_a_number);
  }
}

TEST_CASE("person ids compare by their NFC, zero-width-free, trimmed key", "[input-rules][csv]") {
  const std::string head = "person_id,position,integrity\n";
  SECTION("a zero-width space makes no second person") {
    try {
      (void)ratings(head +
                    "P1,K1,2\nP\xE2\x80\x8B"
                    "1,K1,3\n");
      FAIL("accepted");
    } catch (const ValidationError& e) {
      CHECK_THAT(e.message(), Catch::Contains("person_id given twice (first on line 2)"));
      CHECK(e.where().line == 3);
    }
  }
  SECTION("NFD and NFC are one person") {
    // "สมชาย" is NFC either way; use a Latin id with a combining accent.
    CHECK_THROWS_WITH(ratings(head + "Jos\xC3\xA9,K1,2\nJose\xCC\x81,K1,3\n"),
                      Catch::Contains("person_id given twice (first on line 2)"));
    CHECK_THROWS_WITH(
        read_results_csv("person_id,results\nJos\xC3\xA9,5\n\xC2\xA0Jose\xCC\x81,6\n", "r.csv"),
        Catch::Contains("person_id given twice"));
    CHECK_THROWS_WITH(
        read_evidence_csv("person_id,indicator_id,observation\nP1,integrity.1.1,shown\n"
                          "\xEF\xBB\xBF"
                          "P1\xE2\x80\x8C,integrity.1.1,shown\n",
                          bma_core(), "e.csv"),
        Catch::Contains("byte-order mark"));  // U+FEFF mid-file: its own error
    CHECK_THROWS_WITH(
        read_evidence_csv("person_id,indicator_id,observation\nP1,integrity.1.1,shown\n"
                          "P\xE2\x81\xA0"
                          "1,integrity.1.1,shown\n",
                          bma_core(), "e.csv"),
        Catch::Contains("given twice"));
  }
  SECTION("the id kept is the key") {
    const auto t = ratings(head +
                           "\xE2\x80\x8B"
                           "Jose\xCC\x81\xC2\xA0,K1,2\nก\xE2\x80\x8D"
                           "1,K1,2\n");
    CHECK(t.people[0].id == "Jos\xC3\xA9");
    CHECK(t.people[1].id == "ก1");
    const auto cols = read_ratings_columns(head +
                                               "P\xE2\x80\x8B"
                                               "2,K1,2\n",
                                           builtin_framework("bma"), "r.csv");
    CHECK(cols.cell(RatingsColumns::person_id, 0) == "P2");
    CHECK(text::normalize_id("  a b\xE2\x80\x8B  ") == "a b");
    CHECK(text::normalize_id("AB") == "AB");  // case kept
    // Thai ids: as written when NFC; marks typed out of canonical order (tone mark, then sara u)
    // are put in order, so both typings are one person.
    CHECK(text::normalize_id("สมชาย ใจดี") == "สมชาย ใจดี");
    CHECK(text::normalize_id("ก\u0E48\u0E38") == "ก\u0E38\u0E48");
    CHECK_THROWS_WITH(ratings(head + "ก\u0E38\u0E481,K1,2\nก\u0E48\u0E381,K1,3\n"),
                      Catch::Contains("person_id given twice (first on line 2)"));
  }
  SECTION("rater files: the rows of one person join") {
    const auto t = ratings(
        "person_id,position,rater_role,integrity\nP1,K1,supervisor,2\nP\xE2\x80\x8B"
        "1,,self,3\n");
    CHECK(t.people.size() == 1);
    CHECK(t.raters.size() == 2);
  }
}

TEST_CASE("parse_int trims every Unicode space, U+202F and U+3000 included",
          "[input-rules][numbers]") {
  CHECK(text::parse_int("\xE2\x80\xAF"
                        "๕\xE2\x80\xAF") == 5);  // U+202F narrow no-break space
  CHECK(text::parse_int("\xE3\x80\x80"
                        "12\xE2\x80\x83") == 12);          // U+3000, U+2003
  CHECK(text::parse_int("\xC2\xA0-3\xE2\x81\xA0") == -3);  // NBSP, U+2060 word joiner
}
