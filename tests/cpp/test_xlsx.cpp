// .xlsx read (tests/data/xlsx, written by python3-openpyxl through tests/data/encodings/make.py)
// and written (scores_xlsx, read back by our reader here and by openpyxl in test_formats.py).
#include <cstdio>
#include <filesystem>
#include <string>

#include "helpers.hpp"
#include "io/csv.hpp"
#include "io/formats.hpp"
#include "samatthana/spreadsheet.hpp"

using namespace samatthana;

namespace {
std::filesystem::path fixture(const char* dir, const char* name) {
  return std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "tests/data" / dir / name;
}
ReadOptions sheet(const char* name) {
  ReadOptions o;
  o.sheet = name;
  return o;
}
/// A temporary file removed at the end of the scope.
struct TempPath {
  std::filesystem::path path;
  explicit TempPath(const char* name)
      : path(std::filesystem::temp_directory_path() / (std::string("samatthana-test-") + name)) {}
  ~TempPath() { std::filesystem::remove(path); }
};
std::vector<std::vector<std::string>> records(const std::string& csv) {
  detail::CsvReader r(csv, "x.csv");
  std::vector<std::vector<std::string>> out;
  while (r.next()) out.push_back(r.fields());
  return out;
}
}  // namespace

TEST_CASE("an openpyxl workbook reads as the CSV file", "[xlsx]") {
  std::string want = read_file(fixture("encodings", "ratings-utf8.csv"));
  want.erase(0, 3);  // the BOM
  CHECK(read_table_file(fixture("xlsx", "ratings.xlsx")) == want);
  CHECK(read_table_file(fixture("xlsx", "ratings.xlsx"), sheet("ผลประเมิน")) == want);
  CHECK(read_table_file(fixture("xlsx", "ratings.xlsx"), sheet("notes")) ==
        "not a ratings sheet\r\n");
  const auto e = test::expect_error<LookupError>(
      [] { (void)read_table_file(fixture("xlsx", "ratings.xlsx"), sheet("Sheet9")); });
  CHECK_THAT(e.message(), Catch::Contains("ผลประเมิน, notes"));
  const RatingsTable t = load_ratings_csv(fixture("xlsx", "ratings.xlsx"), test::bma());
  REQUIRE(t.people.size() == 3);
  CHECK(t.people[2].name == "ณัฐธิดา, ศรีสวัสดิ์");
  CHECK(t.lines == std::vector<std::size_t>{2, 3, 4});  // sheet rows
}

TEST_CASE("errors in a sheet name the sheet and the cell", "[xlsx]") {
  const auto path = fixture("xlsx", "ratings-bad.xlsx");
  const auto level = test::expect_error<ValidationError>([&] {
    const ScopedReadOptions scope(sheet("level"));
    (void)load_ratings_csv(path, test::bma());
  });
  CHECK(level.where().path == "level!F3 (102)");
  CHECK(level.where().line == 3);
  CHECK(level.where().column == 6);
  CHECK(level.where().value == "9");
  // A line break inside B2 does not move the rows below it.
  const auto multi = test::expect_error<ValidationError>([&] {
    const ScopedReadOptions scope(sheet("multiline"));
    (void)load_ratings_csv(path, test::bma());
  });
  CHECK(multi.where().path == "multiline!F4 (102)");
  CHECK(multi.where().line == 4);
  struct Case {
    const char* sheet;
    const char* cell;
    const char* words;
  };
  for (const Case c :
       {Case{"date", "date!G2", "date"}, Case{"percent", "percent!E3", "percentage"},
        Case{"formula", "formula!E4", "no saved value"}, Case{"error", "error!H2", "#N/A"}}) {
    INFO(c.sheet);
    const auto e =
        test::expect_error<ValidationError>([&] { (void)read_table_file(path, sheet(c.sheet)); });
    CHECK(e.where().path == c.cell);
    CHECK_THAT(e.message(), Catch::Contains(c.words));
    CHECK(e.where().file == path.string());
  }
}

TEST_CASE("origins: rows of lines, cell names", "[xlsx]") {
  CHECK(detail::cell_name(1, 1) == "A1");
  CHECK(detail::cell_name(26, 7) == "Z7");
  CHECK(detail::cell_name(27, 7) == "AA7");
  CHECK(detail::cell_name(16384, 1048576) == "XFD1048576");
  detail::TableOrigin o;
  CHECK(o.row_of(5) == 5);
  o.shifted = {{6, 5}, {10, 7}};  // row 5 on line 6 (a break above), row 7 on line 10
  CHECK(o.row_of(4) == 4);
  CHECK(o.row_of(6) == 5);
  CHECK(o.row_of(8) == 7 - 0 + 0);  // line 8 would be row 7 at the same offset
  CHECK(o.row_of(10) == 7);
  CHECK(o.row_of(12) == 9);
  // Only the bytes remembered, under their name, carry the origin.
  const std::string text = "a,b\r\n";
  detail::remember_origin("x.xlsx", text, std::make_shared<detail::TableOrigin>());
  CHECK(detail::origin_of("x.xlsx", text) != nullptr);
  const std::string copy = text;
  CHECK(detail::origin_of("x.xlsx", copy) == nullptr);
  CHECK(detail::origin_of("y.xlsx", text) == nullptr);
  detail::remember_origin("", {}, nullptr);
}

TEST_CASE("damaged workbooks are located errors, never a crash", "[xlsx]") {
  const std::string good = read_file(fixture("xlsx", "ratings.xlsx"));
  detail::TableOrigin o;
  for (const std::size_t cut :
       {std::size_t{4}, std::size_t{30}, good.size() / 2, good.size() - 10}) {
    INFO(cut);
    CHECK_THROWS_AS(detail::xlsx_sheet_csv(good.substr(0, cut), "", "x.xlsx", o), ParseError);
  }
  std::string flipped = good;
  for (std::size_t i = 100; i < flipped.size(); i += 97)
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  CHECK_THROWS_AS(detail::xlsx_sheet_csv(flipped, "", "x.xlsx", o), Error);
}

TEST_CASE("scores as .xlsx: values as in the CSV, text never a formula", "[xlsx]") {
  const RatingsTable t = read_ratings_csv(
      "person_id,name,unit,position,results,integrity,service,achievement,teamwork,expertise\n"
      "P1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",สำนักงานเขตบางรัก,K3,90,2,3,3,3,3\n"
      "007,สุภาพร ใจดี,@unit,K2,80.5,4,3,3,3,3\n",
      test::bma(), "r.csv");
  const CohortScores s = score_cohort(t, nullptr);
  TempPath out("scores.xlsx");
  write_file_atomic(out.path, scores_xlsx(s));
  const auto got = records(read_table_file(out.path));
  const auto want = records(scores_csv(s).substr(3));
  REQUIRE(got.size() == want.size());
  CHECK(got[0] == want[0]);
  for (std::size_t r = 1; r < got.size(); ++r) {
    REQUIRE(got[r].size() == want[r].size());
    for (std::size_t c = 0; c < got[r].size(); ++c) {
      INFO(r << "," << c << ": " << got[r][c] << " vs " << want[r][c]);
      double a = 0, b = 0;
      if (c >= 4 && detail::parse_decimal(want[r][c], b)) {
        REQUIRE(detail::parse_decimal(got[r][c], a));
        CHECK(a == b);
      } else if (want[r][c].starts_with("'")) {
        CHECK(got[r][c] == want[r][c].substr(1));  // the CSV neutralises, the workbook holds text
      } else {
        CHECK(got[r][c] == want[r][c]);
      }
    }
  }
  CHECK(got[1][1] == "=HYPERLINK(\"http://x\",\"y\")");
  CHECK(got[2][0] == "007");
  CHECK(got[2][2] == "@unit");
  CHECK(is_xlsx_path("out/Scores.XLSX"));
  CHECK_FALSE(is_xlsx_path("scores.csv"));
  CHECK_FALSE(is_xlsx_path("xlsx"));
}
