// RatingsStream and score_csv_stream: chunks equal the whole-file read, errors equal the
// whole-file reader's (message, line, column, value) and come in file order, rules across chunks
// hold, a failed streaming score leaves no output.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "helpers.hpp"
#include "samatthana/stream.hpp"

namespace fs = std::filesystem;
using namespace samatthana;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int n = 0;
    path = fs::temp_directory_path() / ("samatthana-stream-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return path / name;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

std::string sample(const char* name) { return slurp(fs::path(SAMATTHANA_SOURCE_DIR) / "data/samples" / name); }

/// Every chunk of `file` appended into one table (rows, levels, lines, results, raters).
RatingsTable chunked(const fs::path& file, std::size_t rows, std::size_t block = 64, std::size_t* chunks = nullptr) {
  RatingsStream in(file, test::bma(), StreamOptions{rows, block});
  RatingsTable all, t;
  std::size_t n = 0;
  while (in.next(t)) {
    ++n;
    const std::size_t base = all.people.size();
    for (auto& p : t.people) all.people.push_back(p);
    all.levels.insert(all.levels.end(), t.levels.begin(), t.levels.end());
    all.lines.insert(all.lines.end(), t.lines.begin(), t.lines.end());
    all.results.insert(all.results.end(), t.results.begin(), t.results.end());
    for (auto r : t.raters) {
      r.person += base;
      all.raters.push_back(r);
    }
    all.rater_levels.insert(all.rater_levels.end(), t.rater_levels.begin(), t.rater_levels.end());
  }
  if (chunks) *chunks = n;
  return all;
}

void same_rows(const RatingsTable& a, const RatingsTable& b) {
  REQUIRE(a.people.size() == b.people.size());
  for (std::size_t i = 0; i < a.people.size(); ++i) {
    CHECK(a.people[i].id == b.people[i].id);
    CHECK(a.people[i].name == b.people[i].name);
    CHECK(a.people[i].unit == b.people[i].unit);
    CHECK(a.people[i].position == b.people[i].position);
  }
  CHECK(a.levels == b.levels);
  CHECK(a.lines == b.lines);
  CHECK(a.results.size() == b.results.size());
  CHECK(a.rater_levels == b.rater_levels);
  REQUIRE(a.raters.size() == b.raters.size());
  for (std::size_t i = 0; i < a.raters.size(); ++i) {
    CHECK(a.raters[i].person == b.raters[i].person);
    CHECK(a.raters[i].line == b.raters[i].line);
    CHECK(a.raters[i].rater_id == b.raters[i].rater_id);
  }
}

/// The error of reading `bytes` whole, and of streaming it in chunks of `rows`: the same.
void same_error(const std::string& bytes, std::size_t rows) {
  TempDir d;
  const fs::path f = d.write("r.csv", bytes);
  const auto whole = test::expect_error<Error>([&] { (void)load_ratings_csv(f, test::bma()); });
  const auto streamed = test::expect_error<Error>([&] { (void)chunked(f, rows); });
  INFO(whole.what());
  CHECK(std::string(streamed.what()) == whole.what());
  CHECK(typeid(streamed) == typeid(whole));
  CHECK(streamed.where().line == whole.where().line);
  CHECK(streamed.where().column == whole.where().column);
  CHECK(streamed.where().byte_offset == whole.where().byte_offset);
}

const std::string kHeader = "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n";
std::string row(int i, const std::string& level = "3") {
  return "P" + std::to_string(i) + ",name " + std::to_string(i) + ",unit " + std::to_string(i % 3) + ",K2," + level +
         ",2,2,2,2\r\n";
}

}  // namespace

TEST_CASE("stream: chunks of every size give the whole-file table", "[stream]") {
  TempDir d;
  // BOM, CRLF, blank lines, a quoted name over two lines, Thai digits and names.
  std::string text = "\xEF\xBB\xBF\r\n" + kHeader;
  for (int i = 1; i <= 40; ++i) {
    text += i == 7 ? "\r\n\n" : "";
    text += i == 11 ? "P11,\"two\nlines, \"\"quoted\"\"\",หน่วย,K2,๓,2,2,2,2\r\n" : row(i);
  }
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"made.csv", text},
                                    {"ratings.csv", sample("ratings.csv")}}) {
    const fs::path f = d.write(name, bytes);
    const RatingsTable whole = load_ratings_csv(f, test::bma());
    for (std::size_t rows : {1, 2, 7, 1000}) {
      for (std::size_t block : {1, 5, 64, 1 << 20}) {
        INFO(name << " rows " << rows << " block " << block);
        std::size_t chunks = 0;
        same_rows(chunked(f, rows, block, &chunks), whole);
        CHECK(chunks == (whole.size() + rows - 1) / rows);
      }
    }
  }
}

TEST_CASE("stream: rater files are cut between people only", "[stream]") {
  TempDir d;
  const fs::path f = d.write("r360.csv", sample("ratings-360.csv"));
  const RatingsTable whole = load_ratings_csv(f, test::bma());
  REQUIRE(whole.has_raters());
  for (std::size_t rows : {1, 3, 10, 100000}) {
    INFO("rows " << rows);
    RatingsStream in(f, test::bma(), StreamOptions{rows, 100});
    CHECK(in.has_raters());
    RatingsTable t;
    std::size_t people = 0, raters = 0;
    while (in.next(t)) {
      people += t.people.size();
      raters += t.raters.size();
      if (rows == 1) CHECK(t.people.size() == 1);
    }
    CHECK(people == whole.people.size());
    CHECK(raters == whole.raters.size());
    CHECK(in.rows() == whole.raters.size());
  }
}

TEST_CASE("stream: a person's rater rows apart are an error in any chunking", "[stream]") {
  const std::string h = "person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n";
  const std::string text = h + "A,K2,supervisor,S,3,3,3,3,3\nB,K2,supervisor,S,3,3,3,3,3\nA,K2,peer,P1,2,2,2,2,2\n";
  TempDir d;
  const fs::path f = d.write("apart.csv", text);
  CHECK_NOTHROW((void)load_ratings_csv(f, test::bma()));  // the whole-file reader accepts it
  for (std::size_t rows : {1, 2, 100}) {
    const auto e = test::expect_error<ValidationError>([&] { (void)chunked(f, rows); });
    CHECK(e.where().line == 4);
    CHECK(e.where().path == "person_id");
    CHECK(e.message().find("first is on line 2") != std::string::npos);
  }
}

TEST_CASE("stream: errors are the whole-file reader's, at the file's lines", "[stream]") {
  std::string rows;
  for (int i = 1; i <= 30; ++i) rows += row(i);
  SECTION("a bad level in a later chunk") { same_error(kHeader + rows + row(31, "9") + row(32), 4); }
  SECTION("not a level") { same_error(kHeader + rows + row(31, "x"), 7); }
  SECTION("a row too short") { same_error(kHeader + rows + "P99,a,b,K2,1\r\n", 5); }
  SECTION("a duplicate across chunks") { same_error(kHeader + rows + row(3), 4); }
  SECTION("a duplicate within a chunk") { same_error(kHeader + rows + row(30), 100); }
  SECTION("invalid UTF-8 in a later chunk") { same_error(kHeader + rows + "P77,\xFF\xFE,u,K2,1,1,1,1,1\r\n", 3); }
  SECTION("an unclosed quote") { same_error(kHeader + rows + "P78,\"open,u,K2,1,1,1,1,1\r\n" + row(79), 3); }
  SECTION("an empty file") { same_error("", 3); }
  SECTION("an unknown column") { same_error("person_id,position,nonsense\n", 3); }
  SECTION("a duplicate across chunks before a bad row of the same chunk comes first") {
    // rows 1..30 in chunks of 25: chunk 2 holds P3 again (line 28+4) before a bad level.
    same_error(kHeader + rows + row(3) + row(40, "9"), 25);
  }
}

TEST_CASE("stream: a file with a header only gives one empty chunk", "[stream]") {
  TempDir d;
  const fs::path f = d.write("h.csv", kHeader);
  RatingsStream in(f, test::bma());
  RatingsTable t;
  REQUIRE(in.next(t));
  CHECK(t.people.empty());
  CHECK_FALSE(in.next(t));
}

TEST_CASE("stream: records ending in a lone CR are read as the whole-file reader reads them", "[stream]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 12; ++i) text += row(i);
  text += "P13,n,u,K2,1,1,1,1,1\rP14,n,u,K2,1,1,1,1,1\r\n" + row(15);
  const fs::path f = d.write("cr.csv", text);
  same_rows(chunked(f, 3), load_ratings_csv(f, test::bma()));
}

TEST_CASE("stream: score_csv_stream writes what scores_csv writes for the whole file", "[stream]") {
  TempDir d;
  const auto fw = test::bma();
  const auto prof = default_profile(*fw);
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;  // the samples leave some cells empty
  for (const char* name : {"ratings.csv", "ratings-360.csv"}) {
    const fs::path in = d.write(name, sample(name));
    const std::string whole = scores_csv(score_cohort(load_ratings_csv(in, fw), nullptr, nullptr, prof, opt));
    const fs::path out = d.path / "scores.csv";
    for (std::size_t rows : {1, 8, 100000}) {
      const StreamScoreStats st = score_csv_stream(in, out, fw, prof, opt, StreamOptions{rows, 256});
      CHECK(slurp(out) == whole);
      CHECK(st.people == load_ratings_csv(in, fw).size());
    }
  }
}

TEST_CASE("stream: a failed streaming score leaves no partial output", "[stream]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 50; ++i) text += row(i, i == 45 ? "9" : "3");
  const fs::path in = d.write("bad.csv", text);
  const fs::path out = d.path / "scores.csv";
  const auto fw = test::bma();
  const auto e = test::expect_error<ValidationError>(
      [&] { (void)score_csv_stream(in, out, fw, default_profile(*fw), {}, StreamOptions{4, 64}); });
  CHECK(e.where().line == 46);
  CHECK_FALSE(fs::exists(out));
  std::ofstream(out) << "old";
  (void)test::expect_error<ValidationError>(
      [&] { (void)score_csv_stream(in, out, fw, default_profile(*fw), {}, StreamOptions{4, 64}); });
  CHECK(slurp(out) == "old");
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(d.path)) files += entry.is_regular_file();
  CHECK(files == 2);  // bad.csv and scores.csv: no temporary file left
}

TEST_CASE("stream: UTF-16 input is decoded whole, then read in chunks", "[stream]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 20; ++i) text += row(i);
  // ASCII rows written as UTF-16 LE with its byte-order mark.
  std::string wide = "\xFF\xFE";
  for (char ch : text) {
    wide.push_back(ch);
    wide.push_back('\0');
  }
  const fs::path f16 = d.write("r16.csv", wide), f8 = d.write("r8.csv", text);
  CHECK(stream_reads_bounded(f8));
  CHECK_FALSE(stream_reads_bounded(f16));
  const RatingsTable whole = load_ratings_csv(f16, test::bma());
  REQUIRE(whole.size() == 20);
  same_rows(chunked(f16, 6), whole);
}
