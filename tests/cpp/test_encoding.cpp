// Table files in cp874 and UTF-16 (tests/data/encodings, made by make.py with Python's codecs).
#include <filesystem>
#include <string>

#include "helpers.hpp"
#include "io/formats.hpp"

using namespace samatthana;

namespace {
std::filesystem::path fixture(const char* name) {
  return std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "tests/data/encodings" / name;
}
ReadOptions with(Encoding e) {
  ReadOptions o;
  o.encoding = e;
  return o;
}
}  // namespace

TEST_CASE("encoding names", "[encoding]") {
  CHECK(encoding_from_string("CP874") == Encoding::cp874);
  CHECK(encoding_from_string("tis-620") == Encoding::cp874);
  CHECK(encoding_from_string("windows-874") == Encoding::cp874);
  CHECK(encoding_from_string("UTF-16") == Encoding::utf16);
  CHECK(encoding_from_string("utf8") == Encoding::utf8);
  CHECK(encoding_from_string("auto") == Encoding::automatic);
  CHECK_FALSE(encoding_from_string("latin1"));
  for (const Encoding e : {Encoding::automatic, Encoding::utf8, Encoding::utf16, Encoding::cp874})
    CHECK(encoding_from_string(to_string(e)) == e);
}

TEST_CASE("cp874 and UTF-16 files read as the UTF-8 one", "[encoding]") {
  const auto fw = test::bma();
  const RatingsTable want = load_ratings_csv(fixture("ratings-utf8.csv"), fw);
  REQUIRE(want.people.size() == 3);
  CHECK(want.people[2].name == "ณัฐธิดา, ศรีสวัสดิ์");
  struct Case {
    const char* file;
    Encoding encoding;
  };
  for (const Case c :
       {Case{"ratings-cp874.csv", Encoding::cp874}, Case{"ratings-cp874-tab.txt", Encoding::cp874},
        Case{"ratings-utf16le.txt", Encoding::automatic},
        Case{"ratings-utf16le.txt", Encoding::utf16},
        Case{"ratings-utf16be.txt", Encoding::automatic}}) {
    INFO(c.file);
    const ScopedReadOptions scope(with(c.encoding));
    const RatingsTable got = load_ratings_csv(fixture(c.file), fw);
    REQUIRE(got.people.size() == want.people.size());
    for (std::size_t i = 0; i < got.people.size(); ++i) {
      CHECK(got.people[i].id == want.people[i].id);
      CHECK(got.people[i].name == want.people[i].name);
      CHECK(got.people[i].unit == want.people[i].unit);
    }
    CHECK(got.levels == want.levels);
    CHECK(got.lines == want.lines);  // the same lines: errors point where they are in the file
  }
  CHECK(current_read_options().encoding == Encoding::automatic);  // the scopes restored it
}

TEST_CASE("the columns too: load_ratings_columns and evidence follow the read options",
          "[encoding]") {
  const ScopedReadOptions scope(with(Encoding::cp874));
  const RatingsColumns cols = load_ratings_columns(fixture("ratings-cp874.csv"), test::bma());
  CHECK(cols.rows == 3);
}

TEST_CASE("bytes Windows-874 does not define: located, never replaced", "[encoding]") {
  const ScopedReadOptions scope(with(Encoding::cp874));
  const auto e = test::expect_error<EncodingError>(
      [] { (void)load_ratings_csv(fixture("ratings-cp874-bad.csv"), test::bma()); });
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 11);  // characters: "BKK00002," and one Thai letter before it
  CHECK(e.where().byte_offset == 167u);
  CHECK(e.where().value == "\\xdb");
  CHECK_THAT(e.message(), Catch::StartsWith("byte 0xDB is not a character of Windows-874"));
  // C1 bytes (0x81) the ICU table passes through as controls are refused the same way.
  const std::string bytes = "person_id,name\r\nP1,\xA1\x81\r\n";
  std::string out;
  const auto c1 = test::expect_error<EncodingError>(
      [&] { (void)detail::decode_table_text(bytes, Encoding::cp874, "x.csv", out); });
  CHECK(c1.where().line == 2);
  CHECK(c1.where().column == 5);
  CHECK(c1.where().byte_offset == 20u);
  // Every defined byte decodes (0x80 is the euro sign, 0xA1 ko kai, 0xFB the last Thai digit sign).
  CHECK(detail::decode_table_text("\x80\xA1\xFB", Encoding::cp874, "x.csv", out));
  CHECK(out == "€ก๛");
}

TEST_CASE("automatic: a BOM says UTF-16, invalid UTF-8 suggests cp874, nothing is guessed",
          "[encoding]") {
  const auto e = test::expect_error<EncodingError>(
      [] { (void)load_ratings_csv(fixture("ratings-cp874.csv"), test::bma()); });
  CHECK(e.where().line == 1);
  CHECK(e.where().byte_offset.has_value());
  CHECK_THAT(e.message(), Catch::Contains("--encoding cp874"));
  std::string out;
  CHECK_FALSE(detail::decode_table_text("a,b\n", Encoding::automatic, "x.csv", out));
  CHECK_FALSE(
      detail::decode_table_text("\xEF\xBB\xBF"
                                "a,b\n",
                                Encoding::automatic, "x.csv", out));
}

TEST_CASE("a declared encoding the bytes contradict", "[encoding]") {
  std::string out;
  // UTF-8 Thai read as cp874 would be mojibake: refused.
  const auto utf8 = test::expect_error<EncodingError>([&] {
    (void)detail::decode_table_text("person_id,name\nP1,กข\n", Encoding::cp874, "x.csv", out);
  });
  CHECK_THAT(utf8.message(), Catch::Contains("it is UTF-8, not cp874"));
  const auto bom = test::expect_error<EncodingError>([&] {
    (void)detail::decode_table_text(std::string("\xFF\xFEp\0", 4), Encoding::cp874, "x.csv", out);
  });
  CHECK_THAT(bom.message(), Catch::Contains("UTF-16"));
  const auto bom8 = test::expect_error<EncodingError>(
      [&] { (void)detail::decode_table_text("\xEF\xBB\xBFp", Encoding::utf16, "x.csv", out); });
  CHECK_THAT(bom8.message(), Catch::Contains("it is UTF-8"));
}

TEST_CASE("UTF-16: cut short, half a surrogate pair, a BOM in the middle", "[encoding]") {
  const auto cut = test::expect_error<EncodingError>(
      [] { (void)read_table_file(fixture("ratings-utf16-cut.txt")); });
  CHECK(cut.where().line == 4);
  CHECK(cut.where().byte_offset == 552u);
  std::string out;
  // "a\n" then a lone high surrogate D800 and "b": line 2, column 1, byte 6.
  const std::string lone(
      "\xFF\xFE"
      "a\0\n\0\x00\xD8"
      "b\0",
      10);
  const auto half = test::expect_error<EncodingError>(
      [&] { (void)detail::decode_table_text(lone, Encoding::automatic, "x.txt", out); });
  CHECK(half.where().line == 2);
  CHECK(half.where().column == 1);
  CHECK(half.where().byte_offset == 6u);
  // A surrogate pair is one character: U+1F600 then "x".
  CHECK(detail::decode_table_text(std::string("\xFF\xFE\x3D\xD8\x00\xDE"
                                              "x\0",
                                              8),
                                  Encoding::utf16, "x.txt", out));
  CHECK(out == "\xF0\x9F\x98\x80x");
  const auto mid = test::expect_error<EncodingError>([&] {
    (void)detail::decode_table_text(std::string("\xFF\xFE"
                                                "a\0\xFF\xFE"
                                                "b\0",
                                                8),
                                    Encoding::utf16, "x.txt", out);
  });
  CHECK(mid.where().byte_offset == 4u);
  CHECK(mid.where().column == 2);
  // Without a BOM, --encoding utf-16 means little-endian (what Windows writes).
  CHECK(detail::decode_table_text(std::string("a\0,\0b\0", 6), Encoding::utf16, "x.txt", out));
  CHECK(out == "a,b");
}

TEST_CASE("tab-separated text becomes CSV on the same lines", "[encoding]") {
  std::string out;
  // Excel quotes a field holding a tab, a quote or a line break; commas need quoting in CSV.
  const std::string tsv =
      "person_id\tname\r\nP1\t\"two\r\nlines\"\r\n\r\nP2\ta, b\r\nP3\t\"say \"\"hi\"\"\"\r\n";
  REQUIRE(detail::decode_table_text(
      std::string("\xFF\xFE", 2) +
          [&] {
            std::string u;
            for (char c : tsv) u += std::string{c, '\0'};
            return u;
          }(),
      Encoding::automatic, "x.txt", out));
  CHECK(out ==
        "person_id,name\r\nP1,\"two\r\nlines\"\r\n\r\nP2,\"a, b\"\r\nP3,\"say \"\"hi\"\"\"\r\n");
  // A first line with a comma is CSV already.
  REQUIRE(detail::decode_table_text("a,b\tc\r\n", Encoding::cp874, "x.csv", out));
  CHECK(out == "a,b\tc\r\n");
  // An unclosed quote in the tab-separated text is located.
  const auto e = test::expect_error<ParseError>([&] {
    (void)detail::decode_table_text("a\tb\r\n1\t\"x\r\n", Encoding::cp874, "x.txt", out);
  });
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 2);
}

TEST_CASE("an old .xls and --sheet on a CSV file", "[encoding]") {
  std::string out;
  bool converted = false;
  const auto xls = test::expect_error<ParseError>([&] {
    (void)detail::table_text(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), {}, "old.xls", out,
                             converted);
  });
  CHECK_THAT(xls.message(), Catch::Contains(".xlsx"));
  ReadOptions o;
  o.sheet = "Sheet1";
  CHECK_THROWS_AS(detail::table_text("a,b\n", o, "x.csv", out, converted), ValidationError);
}
