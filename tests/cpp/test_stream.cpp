// RatingsStream and score_csv_stream: chunks equal the whole-file read, errors equal the
// whole-file reader's (message, line, column, value) and come in file order, rules across chunks
// hold, a failed streaming score leaves no output.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <typeinfo>

#include "helpers.hpp"
#include "samatthana/stream.hpp"

namespace fs = std::filesystem;
using namespace samatthana;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("samatthana-stream-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
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

std::string sample(const char* name) {
  return slurp(fs::path(SAMATTHANA_SOURCE_DIR) / "data/samples" / name);
}

/// Every chunk of `file` appended into one table (rows, levels, lines, results, raters).
RatingsTable chunked(const fs::path& file, std::size_t rows, std::size_t block = 64,
                     std::size_t* chunks = nullptr) {
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
  CHECK(streamed.where().value == whole.where().value);
  CHECK(streamed.where().path == whole.where().path);
}

const std::string kHeader =
    "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n";
std::string row(int i, const std::string& level = "3") {
  return "P" + std::to_string(i) + ",name " + std::to_string(i) + ",unit " + std::to_string(i % 3) +
         ",K2," + level + ",2,2,2,2\r\n";
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

TEST_CASE("stream: a person's rater rows apart are a RowsApartError in any chunking", "[stream]") {
  const std::string h =
      "person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n";
  const std::string text =
      h + "A,K2,supervisor,S,3,3,3,3,3\nB,K2,supervisor,S,3,3,3,3,3\nA,K2,peer,P1,2,2,2,2,2\n";
  TempDir d;
  const fs::path f = d.write("apart.csv", text);
  CHECK_NOTHROW((void)load_ratings_csv(f, test::bma()));  // the whole-file reader accepts it
  for (std::size_t rows : {1, 2, 100}) {
    const auto e = test::expect_error<RowsApartError>([&] { (void)chunked(f, rows); });
    CHECK(e.where().line == 4);
    CHECK(e.where().path == "person_id");
    CHECK(e.message().find("first is on line 2") != std::string::npos);
  }
}

TEST_CASE("stream: errors are the whole-file reader's, at the file's lines", "[stream]") {
  std::string rows;
  for (int i = 1; i <= 30; ++i) rows += row(i);
  SECTION("a bad level in a later chunk") {
    same_error(kHeader + rows + row(31, "9") + row(32), 4);
  }
  SECTION("not a level") { same_error(kHeader + rows + row(31, "x"), 7); }
  SECTION("a row too short") { same_error(kHeader + rows + "P99,a,b,K2,1\r\n", 5); }
  SECTION("a duplicate across chunks") { same_error(kHeader + rows + row(3), 4); }
  SECTION("a duplicate across chunks written with spaces: the cell as written") {
    same_error(kHeader + rows + "\" P3 \",n,u,K2,1,1,1,1,1\r\n", 4);
  }
  SECTION("a duplicate within a chunk") { same_error(kHeader + rows + row(30), 100); }
  SECTION("a duplicate within a later chunk: the first line is the file's") {
    same_error(kHeader + rows + row(30), 16);  // lines 18..33 in chunk 2, P30 on 31 and 32
  }
  SECTION("rater rows that disagree in a later chunk: the other row's line is the file's") {
    const std::string h =
        "person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n";
    std::string text = h;
    for (int i = 1; i <= 9; ++i) text += "P" + std::to_string(i) + ",K2,supervisor,S,3,3,3,3,3\n";
    same_error(text + "P10,K2,supervisor,S,3,3,3,3,3\nP10,K3,peer,A,2,2,2,2,2\n", 4);
  }
  SECTION("invalid UTF-8 in a later chunk") {
    same_error(kHeader + rows + "P77,\xFF\xFE,u,K2,1,1,1,1,1\r\n", 3);
  }
  SECTION("an unclosed quote") {
    same_error(kHeader + rows + "P78,\"open,u,K2,1,1,1,1,1\r\n" + row(79), 3);
  }
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

TEST_CASE("stream: records ending in a lone CR are read as the whole-file reader reads them",
          "[stream]") {
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
    const std::string whole = scores_csv(score_cohort(load_ratings_csv(in, fw), prof, {}, opt));
    const fs::path out = d.path / "scores.csv";
    for (std::size_t rows : {1, 8, 100000}) {
      const StreamScoreStats st =
          score_csv_stream(in, out, fw, prof, opt, StreamOptions{rows, 256});
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
  const auto e = test::expect_error<ValidationError>([&] {
    (void)score_csv_stream(in, out, fw, default_profile(*fw), {}, StreamOptions{4, 64});
  });
  CHECK(e.where().line == 46);
  CHECK_FALSE(fs::exists(out));
  std::ofstream(out) << "old";
  (void)test::expect_error<ValidationError>([&] {
    (void)score_csv_stream(in, out, fw, default_profile(*fw), {}, StreamOptions{4, 64});
  });
  CHECK(slurp(out) == "old");
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(d.path)) files += entry.is_regular_file();
  CHECK(files == 2);  // bad.csv and scores.csv: no temporary file left
}

TEST_CASE("stream: UTF-16 input is decoded block by block, then read in chunks", "[stream]") {
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
  CHECK(stream_reads_bounded(f16));
  const RatingsTable whole = load_ratings_csv(f16, test::bma());
  REQUIRE(whole.size() == 20);
  same_rows(chunked(f16, 6), whole);
}

// ---- scoring chunk by chunk: the whole-file path's bytes and errors ---------------------------

namespace {

/// The whole-file path's scores (or error) for `f`, and score_stream's in chunks of `rows`.
struct Both {
  std::string whole, streamed;  ///< the output, or "error: " + what()
};

std::string attempt(const std::function<std::string()>& f) {
  try {
    return f();
  } catch (const Error& e) {
    return std::string("error: ") + typeid(e).name() + " " + e.what();
  }
}

Both score_both(const fs::path& f, std::size_t rows, StreamFormat format,
                const ScoringOptions& opt = {}) {
  const auto fw = test::bma();
  const auto prof = default_profile(*fw);
  Both b;
  b.whole = attempt([&] {
    const CohortScores s = score_cohort(load_ratings_csv(f, fw), prof, {}, opt);
    return format == StreamFormat::json ? scores_json(s) : scores_csv(s);
  });
  b.streamed = attempt([&] {
    RatingsStream in(f, fw, StreamOptions{rows, 64});
    StreamOutput o;
    o.format = format;
    std::string got;
    o.at_end = [&](std::string_view piece) { got += piece; };
    (void)score_stream(in, prof, opt, o);
    return got;
  });
  return b;
}

}  // namespace

TEST_CASE("stream: score_stream writes the whole-file CSV and JSON, to a file or at the end",
          "[stream]") {
  TempDir d;
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  std::string made = kHeader;  // names that need JSON escapes, quotes and a line break
  for (int i = 1; i <= 9; ++i) made += row(i);
  made += "P10,\"a \"\"q\"\" \\ b\nc\",u,K2,1,1,1,1,1\r\n";
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string>{"ratings.csv", sample("ratings.csv")},
        {"ratings-360.csv", sample("ratings-360.csv")},
        {"made.csv", made},
        {"header.csv", kHeader}}) {
    const fs::path f = d.write(name, bytes);
    for (StreamFormat format : {StreamFormat::csv, StreamFormat::json})
      for (std::size_t rows : {1, 7, 100000}) {
        INFO(name << " rows " << rows << " json " << (format == StreamFormat::json));
        const Both b = score_both(f, rows, format, opt);
        CHECK(b.whole.rfind("error", 0) != 0);
        CHECK(b.streamed == b.whole);
      }
  }
}

TEST_CASE("stream: scoring errors are the whole-file path's, whichever chunk they are in",
          "[stream]") {
  TempDir d;
  auto with = [](std::map<int, std::string> special) {
    std::string text = kHeader;
    for (int i = 1; i <= 40; ++i) text += special.count(i) ? special[i] : row(i);
    return text;
  };
  const std::string missing = "P5,n,u,K2,,2,2,2,2\r\n";       // a competency nobody rated
  const std::string position = "P30,n,u,NOPE,1,1,1,1,1\r\n";  // a position the profile lacks
  const std::string missing2 = "P33,n,u,K2,1,,1,1,1\r\n";
  const std::string bad_level = "P36,n,u,K2,9,1,1,1,1\r\n";  // a reading error
  struct Case {
    const char* what;
    std::string text;
  };
  const Case cases[] = {
      {"a missing rating in chunk 1, an unknown position later: the position (checked first)",
       with({{5, missing}, {30, position}})},
      {"a missing rating in chunk 1, a bad level later: the reading error",
       with({{5, missing}, {36, bad_level}})},
      {"two missing ratings: the first", with({{5, missing}, {33, missing2}})},
      {"an unknown position only, late", with({{30, position}})},
      {"a duplicate id late after a missing rating: the reading error",
       with({{5, missing}, {38, row(2)}})},
  };
  for (const Case& c : cases) {
    const fs::path f = d.write("r.csv", c.text);
    for (std::size_t rows : {1, 4, 10, 1000}) {
      INFO(c.what << ", rows " << rows);
      const Both b = score_both(f, rows, StreamFormat::csv);
      CHECK(b.whole.rfind("error", 0) == 0);
      CHECK(b.streamed == b.whole);
    }
  }
}

TEST_CASE("stream: random files give the whole-file path's output or error", "[stream]") {
  TempDir d;
  std::mt19937 rng(20261203);
  const char* positions[] = {"K1", "K2", "K3", "O1", "M1", "NOPE"};
  const char* cells[] = {"0", "1", "2", "3", "", "๓", "9", "x"};
  int outputs = 0, errors = 0;
  for (int file = 0; file < 60; ++file) {
    std::string text = kHeader;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 1; i <= n; ++i) {
      const bool fault = rng() % 25 == 0;
      text += "P" + std::to_string(fault ? static_cast<int>(rng() % n) + 1 : i) + ",n,u" +
              std::to_string(rng() % 3) + "," + positions[fault ? rng() % 6 : rng() % 3];
      for (int j = 0; j < 5; ++j)
        text += std::string(",") + cells[fault ? rng() % 8 : 1 + rng() % 3];
      text += "\r\n";
    }
    const fs::path f = d.write("random.csv", text);
    for (std::size_t rows : {1, 3, 16}) {
      INFO("file " << file << " rows " << rows << "\n" << text);
      const Both b = score_both(f, rows, StreamFormat::csv);
      CHECK(b.streamed == b.whole);
      (b.whole.rfind("error", 0) == 0 ? errors : outputs) += 1;
    }
  }
  CHECK(outputs > 20);  // both kinds were exercised
  CHECK(errors > 20);
}

TEST_CASE("stream: nothing is written to the output or at the end when scoring fails", "[stream]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 30; ++i) text += i == 25 ? "P25,n,u,K2,,1,1,1,1\r\n" : row(i);
  const fs::path f = d.write("r.csv", text);
  const auto fw = test::bma();
  RatingsStream in(f, fw, StreamOptions{4, 64});
  StreamOutput o;
  bool called = false;
  o.at_end = [&](std::string_view) { called = true; };
  const auto e = test::expect_error<ValidationError>(
      [&] { (void)score_stream(in, default_profile(*fw), {}, o); });
  CHECK(e.where().line == 26);
  CHECK_FALSE(called);
}

TEST_CASE("stream: an output that cannot be made is reported after the input's errors",
          "[stream]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 30; ++i) text += row(i, i == 20 ? "9" : "3");
  const fs::path bad = d.write("bad.csv", text);
  const fs::path out = d.path / "no" / "such" / "scores.csv";
  const auto fw = test::bma();
  const auto e = test::expect_error<ValidationError>([&] {
    (void)score_csv_stream(bad, out, fw, default_profile(*fw), {}, StreamOptions{4, 64});
  });
  CHECK(e.where().line == 21);
  const fs::path good = d.write("good.csv", kHeader + row(1));
  const auto io = test::expect_error<IoError>([&] {
    (void)score_csv_stream(good, out, fw, default_profile(*fw), {}, StreamOptions{4, 64});
  });
  CHECK(std::string(io.what()).find("No such file or directory") != std::string::npos);
}

// ---- the cohort summary across chunks
// --------------------------------------------------------------

TEST_CASE("stream: the summary reduced across chunks equals the whole cohort's", "[stream]") {
  TempDir d;
  const auto fw = test::bma();
  const auto prof = default_profile(*fw);
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  std::mt19937 rng(7);
  std::string made =
      "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise,results\n";
  const char* units[] = {"สำนักงานเขตบางรัก", "กองคลัง", "สำนักงานเขตปทุมวัน", "ฝ่ายบุคคล"};
  const char* positions[] = {"K1", "K2", "K3", "O1", "O2", "M1"};
  for (int i = 1; i <= 300; ++i) {
    made += "P" + std::to_string(i) + ",n," + units[rng() % 4] + "," + positions[rng() % 6];
    for (int j = 0; j < 5; ++j) made += "," + std::to_string(rng() % 5);
    made += "," + std::to_string(static_cast<double>(rng() % 10001) / 100.0) + "\n";
  }
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string>{"ratings.csv", sample("ratings.csv")},
        {"ratings-360.csv", sample("ratings-360.csv")},
        {"made.csv", made},
        {"header.csv", kHeader}}) {
    const fs::path f = d.write(name, bytes);
    const CohortScores whole = score_cohort(load_ratings_csv(f, fw), prof, {}, opt);
    const std::string text = summary_text(whole);
    CHECK(summary_text(summarize_cohort(whole)) == text);
    CHECK(summary_text(summarize_cohort(whole), text::Digits::thai) ==
          summary_text(whole, text::Digits::thai));
    for (std::size_t rows : {1, 13, 100000}) {
      INFO(name << " rows " << rows);
      RatingsStream in(f, fw, StreamOptions{rows, 256});
      StreamOutput o;
      o.format = StreamFormat::none;
      o.summary = true;
      const StreamScoreStats st = score_stream(in, prof, opt, o);
      REQUIRE(st.summary);
      CHECK(summary_text(*st.summary) == text);
      for (GroupBy by : {GroupBy::all, GroupBy::unit, GroupBy::position}) {
        const auto want = summarize(whole, by);
        const auto& got = by == GroupBy::all    ? st.summary->all
                          : by == GroupBy::unit ? st.summary->units
                                                : st.summary->positions;
        REQUIRE(got.size() == want.size());
        for (std::size_t g = 0; g < got.size(); ++g) {
          CHECK(got[g].key == want[g].key);
          CHECK(got[g].people == want[g].people);
          CHECK(got[g].distribution == want[g].distribution);
          CHECK(got[g].share_meeting ==
                want[g].share_meeting);  // bit for bit: the same sums in the same order
          CHECK(got[g].mean_gap == want[g].mean_gap);
          CHECK(got[g].share_meeting_all == want[g].share_meeting_all);
          CHECK(got[g].mean_part == want[g].mean_part);
          CHECK(got[g].band_counts == want[g].band_counts);
        }
      }
    }
  }
}

// ---- one person's rows for a plan
// ------------------------------------------------------------------

TEST_CASE("stream: find_person_stream gives the person's rows, or none", "[stream]") {
  TempDir d;
  const auto fw = test::bma();
  for (const char* name : {"ratings.csv", "ratings-360.csv"}) {
    const fs::path f = d.write(name, sample(name));
    const RatingsTable whole = load_ratings_csv(f, fw);
    for (const std::string& id :
         {whole.people.front().id, whole.people[whole.size() / 2].id, whole.people.back().id}) {
      INFO(name << " " << id);
      RatingsStream in(f, fw, StreamOptions{5, 128});
      const RatingsTable one = find_person_stream(in, id);
      REQUIRE(one.size() == 1);
      const Assessment a = assessment_of(whole, id), b = assessment_of(one, id);
      CHECK(b.person.id == a.person.id);
      CHECK(b.ratings.size() == a.ratings.size());
      const auto prof = default_profile(*fw);
      ScoringOptions opt;
      opt.missing = MissingPolicy::zero;
      CHECK(plan_text(*fw, score_person(*fw, *prof, b, opt)) ==
            plan_text(*fw, score_person(*fw, *prof, a, opt)));
    }
    RatingsStream in(f, fw, StreamOptions{5, 128});
    const RatingsTable none = find_person_stream(in, "NOBODY");
    CHECK(none.size() == 0);
    const auto e = test::expect_error<LookupError>([&] { (void)assessment_of(none, "NOBODY"); });
    const auto w = test::expect_error<LookupError>([&] { (void)assessment_of(whole, "NOBODY"); });
    CHECK(std::string(e.what()) == w.what());
  }
}
