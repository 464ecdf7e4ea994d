// RatingsStream in the collect-all-errors mode (ReadOptions::all_errors, issue 17): every error
// of the file in one ImportErrors, the same list (messages, locations, order, cap) as the
// whole-file reader's collect mode, on random bad files in UTF-8, cp874 and UTF-16 and in any
// chunk size; the rules across chunks kept; nothing partial written.
#include <unistd.h>

#include <filesystem>
#include <fstream>
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
           ("samatthana-sae-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
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

ReadOptions options(std::size_t cap, Encoding e = Encoding::automatic) {
  ReadOptions o;
  o.encoding = e;
  o.all_errors = cap;
  return o;
}

/// What a read gave: "ok" and the rows, or the error's class and what(), and each collected
/// error's kind and location.
struct Outcome {
  std::string what;
  std::vector<std::string> items;
  std::size_t more = 0;
  bool rows_apart = false;
};

std::string item_of(const LocatedError& e) {
  return std::string(to_string(e.kind)) + " | " + e.text + " | " + e.where.file + ":" +
         std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " + e.where.path +
         " byte " +
         (e.where.byte_offset ? std::to_string(*e.where.byte_offset) : std::string("-")) +
         " value " + e.where.value;
}

template <class F>
Outcome outcome_of(F&& f) {
  Outcome o;
  try {
    o.what = "ok " + std::to_string(f());
  } catch (const RowsApartError& e) {
    o.rows_apart = true;
    o.what = e.what();
  } catch (const ImportErrors& e) {
    o.what = std::string("ImportErrors ") + e.what();
    for (const auto& x : e.errors().items()) o.items.push_back(item_of(x));
    o.more = e.errors().more();
  } catch (const Error& e) {
    o.what = std::string(typeid(e).name()) + " " + e.what();
  }
  return o;
}

Outcome whole(const fs::path& f, const ReadOptions& o) {
  const ScopedReadOptions scope(o);
  return outcome_of([&] { return load_ratings_csv(f, test::bma()).people.size(); });
}

/// Every chunk read (as tables, or column by column); the people given out.
Outcome streamed(const fs::path& f, const ReadOptions& o, std::size_t rows, bool columns = false,
                 std::size_t block = 64) {
  const ScopedReadOptions scope(o);
  return outcome_of([&] {
    RatingsStream in(f, test::bma(), StreamOptions{rows, block});
    std::size_t n = 0;
    if (columns) {
      RatingsColumns t;
      while (in.next(t)) n += t.rows;
      return n;
    }
    RatingsTable t;
    while (in.next(t)) n += t.people.size();
    return n;
  });
}

void same(const Outcome& a, const Outcome& b) {
  CHECK(a.what == b.what);
  CHECK(a.items == b.items);
  CHECK(a.more == b.more);
}

const std::string kHeader =
    "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n";
std::string row(int i, const std::string& level = "3", const std::string& id = "") {
  return (id.empty() ? "P" + std::to_string(i) : id) + ",ชื่อ " + std::to_string(i) + ",เขต " +
         std::to_string(i % 3) + ",K2," + level + ",2,2,2,2\r\n";
}

// ---- encodings of the random files -----------------------------------------------------------

/// Code points of UTF-8 text (valid input only).
std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

/// UTF-8 text (ASCII and Thai) as cp874: U+0E01..U+0E5B are 0xA1..0xFB.
std::string to_cp874(const std::string& s) {
  std::string out;
  for (const char32_t cp : code_points(s))
    out.push_back(static_cast<char>(cp < 0x80 ? cp : cp - 0x0E00 + 0xA0));
  return out;
}

/// UTF-8 text as UTF-16 LE with a byte-order mark (BMP only).
std::string to_utf16(const std::string& s) {
  std::string out = "\xFF\xFE";
  for (const char32_t cp : code_points(s)) {
    out.push_back(static_cast<char>(cp & 0xFF));
    out.push_back(static_cast<char>((cp >> 8) & 0xFF));
  }
  return out;
}

/// A random ratings file (UTF-8, no control bytes): good rows and faults of every row-level
/// kind, people given twice, and now and then an error that ends the reading.
std::string random_file(std::mt19937& rng, bool endings) {
  const char* positions[] = {"K1", "K2", "K3", "O1", "M1"};
  const char* cells[] = {"0", "1", "2", "3", "", "๓", "9", "x", "สาม", "๓3", "-1", " 2 "};
  std::string text = kHeader;
  const int n = 1 + static_cast<int>(rng() % 40);
  for (int i = 1; i <= n; ++i) {
    const auto fault = rng() % 6 == 0 ? 1 + rng() % 7 : rng() % 12 == 0 ? 1 : 0;
    std::string id = "P" + std::to_string(fault == 1 ? 1 + rng() % static_cast<unsigned>(i)
                                                     : static_cast<unsigned>(i));
    if (fault == 2) id = rng() % 2 ? "" : " " + id + " ";
    if (fault == 3) id = "ก" + std::to_string(rng() % 4);  // Thai ids, given twice now and then
    std::string r = id + ",ชื่อ " + std::to_string(i) + ",เขต " + std::to_string(rng() % 3) + "," +
                    positions[rng() % 5];
    for (int j = 0; j < 5; ++j) r += std::string(",") + cells[fault == 4 ? rng() % 12 : rng() % 4];
    if (fault == 5) r += ",extra";
    if (fault == 6) r = id + ",n,u,K2,1";  // a row too short
    if (fault == 7) r = "\"" + id + " \"\"quoted\"\"\",n,u,K2,1,1,1,1,1";
    text += r + "\r\n";
  }
  if (endings && rng() % 6 == 0) text += "P900,\"open,u,K2,1,1,1,1,1\r\n" + row(901);
  if (endings && rng() % 6 == 0) text += "P902,\"a\"b,u,K2,1,1,1,1,1\r\n" + row(903, "9");
  return text;
}

}  // namespace

TEST_CASE("stream all errors: the five bad rows of the docs, in any chunk size",
          "[stream][import-errors]") {
  const fs::path f = fs::path(SAMATTHANA_SOURCE_DIR) / "tests/data/import-errors/five_bad_rows.csv";
  for (std::size_t cap : {100, 2}) {
    const Outcome w = whole(f, options(cap));
    REQUIRE(w.items.size() == std::min<std::size_t>(cap, 5));
    for (std::size_t rows : {1, 2, 3, 100}) {
      INFO("cap " << cap << " rows " << rows);
      same(streamed(f, options(cap), rows), w);
      same(streamed(f, options(cap), rows, true), w);
    }
  }
}

TEST_CASE("stream all errors: rules across chunks, in file order with the rows' errors",
          "[stream][import-errors]") {
  TempDir d;
  std::string rows;
  for (int i = 1; i <= 12; ++i) rows += row(i);
  const auto check = [&](const std::string& text) {
    const fs::path f = d.write("r.csv", text);
    const Outcome w = whole(f, options(100));
    CHECK_FALSE(w.items.empty());
    for (std::size_t n : {1, 2, 4, 5, 7, 100}) {
      INFO("chunk rows " << n << "\n" << text);
      same(streamed(f, options(100), n), w);
    }
  };
  SECTION("a person given twice across chunks, around a bad level") {
    check(kHeader + rows + row(40, "9") + row(3) + row(41, "x"));
  }
  SECTION("a person given three times: every later row names the first line in the file") {
    check(kHeader + rows + row(20) + row(3) + row(21, "9") + row(3) + row(3));
  }
  SECTION("a row given twice whose first row was bad: the second is the first kept") {
    check(kHeader + row(1, "9") + rows.substr(rows.find("\r\n") + 2) + row(1) + row(1));
  }
  SECTION("the cap counts the rest across chunks") {
    std::string text = kHeader;
    for (int i = 1; i <= 20; ++i) text += row(i, i % 3 ? "9" : "2", i > 15 ? "P2" : "");
    const fs::path f = d.write("r.csv", text);
    const Outcome w = whole(f, options(4));
    CHECK(w.items.size() == 4);
    CHECK(w.more > 0);
    for (std::size_t n : {1, 3, 8}) same(streamed(f, options(4), n), w);
  }
}

TEST_CASE("stream all errors: an error of the file's bytes is its only error",
          "[stream][import-errors]") {
  TempDir d;
  std::string rows;
  for (int i = 1; i <= 12; ++i) rows += row(i, i % 4 ? "3" : "9");
  const auto check = [&](const std::string& text) {
    const fs::path f = d.write("r.csv", text);
    const Outcome w = whole(f, options(100));
    REQUIRE(w.items.size() == 1);
    for (std::size_t n : {1, 3, 5, 100}) same(streamed(f, options(100), n), w);
  };
  SECTION("invalid UTF-8 after bad rows") { check(kHeader + rows + "P77,\xFF,u,K2,1,1,1,1,1\r\n"); }
  SECTION("a byte-order mark inside, then invalid UTF-8: the invalid byte") {
    check(kHeader + rows + "P70,\xEF\xBB\xBFx,u,K2,1,1,1,1,1\r\n" + rows +
          "P77,\xC3,u,K2,1,1,1,1,1\r\n");
  }
  SECTION("a byte-order mark inside") {
    check(kHeader + rows + "P70,\xEF\xBB\xBFx,u,K2,1,1,1,1,1\r\n" + row(80, "x"));
  }
}

TEST_CASE("stream all errors: an error that ends the reading is the last",
          "[stream][import-errors]") {
  TempDir d;
  std::string rows;
  for (int i = 1; i <= 12; ++i) rows += row(i, i % 4 ? "3" : "9");
  for (const std::string& end :
       {std::string("P90,\"open,u,K2,1,1,1,1,1\r\n") + row(91, "9"),
        std::string("P90,\"a\"b,u,K2,1,1,1,1,1\r\n") + row(91, "9") + row(3),
        std::string("P90,a\"b,u,K2,1,1,1,1,1\r\n") + row(91, "9")}) {
    const fs::path f = d.write("r.csv", kHeader + rows + row(3) + end);
    const Outcome w = whole(f, options(100));
    REQUIRE(w.items.size() == 5);  // lines 5, 9, 13 (levels), 14 (P3 again), then line 15
    CHECK_THAT(w.items.back(), Catch::Matchers::Contains("r.csv:15:"));
    for (std::size_t n : {1, 2, 6, 100}) same(streamed(f, options(100), n), w);
  }
}

TEST_CASE("stream all errors: errors before the first chunk, as the whole-file reader's",
          "[stream][import-errors]") {
  TempDir d;
  for (const std::string& text : {std::string(), std::string("person_id,position,nonsense\n"),
                                  std::string("\xFFperson_id,position\n")}) {
    const fs::path f = d.write("r.csv", text);
    const Outcome w = whole(f, options(100));
    CHECK(w.items.size() == 1);
    same(streamed(f, options(100), 3), w);
  }
  const fs::path missing = d.path / "missing.csv";
  same(streamed(missing, options(100), 3), whole(missing, options(100)));
  SECTION("cp874 and UTF-16 bytes their encoding does not define") {
    const fs::path c =
        d.write("c.csv", to_cp874(kHeader + row(1, "9")) + "P2,\xFF,u,K2,1,1,1,1,1\r\n");
    same(streamed(c, options(100, Encoding::cp874), 1), whole(c, options(100, Encoding::cp874)));
    CHECK(whole(c, options(100, Encoding::cp874)).items.size() == 1);
    const fs::path u =
        d.write("u.csv", to_utf16(kHeader + row(1, "9")) + std::string("\x00\xD8", 2));
    same(streamed(u, options(100), 1), whole(u, options(100)));
  }
}

TEST_CASE("stream all errors: good chunks are handed out until the first bad one",
          "[stream][import-errors]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 20; ++i) text += row(i, i == 11 || i == 18 ? "9" : "3");
  const fs::path f = d.write("r.csv", text);
  const ScopedReadOptions scope(options(100));
  RatingsStream in(f, test::bma(), StreamOptions{5, 64});
  RatingsTable t;
  std::size_t people = 0;
  const auto e = test::expect_error<ImportErrors>([&] {
    while (in.next(t)) people += t.people.size();
  });
  CHECK(people == 10);  // chunks 1 and 2; chunk 3 holds line 12
  CHECK(in.rows() == 10);
  REQUIRE(e.errors().size() == 2);
  CHECK(e.errors().items()[0].where.line == 12);
  CHECK(e.errors().items()[1].where.line == 19);
}

TEST_CASE("stream all errors: a good file reads as in the first-error mode",
          "[stream][import-errors]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 30; ++i) text += row(i);
  const fs::path f = d.write("r.csv", text);
  CHECK(streamed(f, options(100), 4).what == "ok 30");
  CHECK(streamed(f, options(100), 4, true).what == "ok 30");
}

TEST_CASE("stream all errors: rater files", "[stream][import-errors]") {
  TempDir d;
  const std::string h =
      "person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n";
  std::string text = h;
  for (int i = 1; i <= 9; ++i) {
    const std::string id = "P" + std::to_string(i);
    text += id + ",K2,supervisor,S,3,3,3,3,3\n";
    text += id + (i % 3 == 0 ? ",K3" : ",") + ",peer,A," + (i % 4 == 0 ? "9" : "2") + ",2,2,2,2\n";
    if (i == 5) text += id + ",K2,supervisor,S2,3,3,3,3,3\n";  // a second supervisor
  }
  const fs::path f = d.write("r.csv", text);
  const Outcome w = whole(f, options(100));
  CHECK(w.items.size() >= 4);
  for (std::size_t n : {1, 2, 5, 100}) {
    same(streamed(f, options(100), n), w);
    same(streamed(f, options(100), n, true), w);
  }
  SECTION("a person's rows apart: RowsApartError, so the caller reads the file whole") {
    const fs::path g = d.write("g.csv", text + "P1,K2,self,P1,3,3,3,3,3\n");
    CHECK(streamed(g, options(100), 2).rows_apart);
  }
}

TEST_CASE("stream all errors: random bad files in UTF-8, cp874 and UTF-16 give the whole-file list",
          "[stream][import-errors]") {
  TempDir d;
  std::mt19937 rng(20261203);
  int lists = 0, goods = 0;
  for (int file = 0; file < 50; ++file) {
    const std::string text = random_file(rng, true);
    for (int enc = 0; enc < 3; ++enc) {
      const std::string bytes = enc == 0 ? text : enc == 1 ? to_cp874(text) : to_utf16(text);
      const Encoding e = enc == 1 ? Encoding::cp874 : Encoding::automatic;
      const fs::path f = d.write("random.csv", bytes);
      for (std::size_t cap : {100, 3}) {
        const Outcome w = whole(f, options(cap, e));
        (w.items.empty() ? goods : lists) += 1;
        for (std::size_t rows : {1, 3, 16}) {
          INFO("file " << file << " encoding " << enc << " cap " << cap << " rows " << rows << "\n"
                       << text);
          same(streamed(f, options(cap, e), rows, rows == 3, enc == 2 ? 7 : 64), w);
        }
      }
    }
  }
  CHECK(lists > 100);  // both kinds were exercised
  CHECK(goods > 5);
}

TEST_CASE("stream all errors: score_stream writes nothing and throws the list",
          "[stream][import-errors]") {
  TempDir d;
  std::string text = kHeader;
  for (int i = 1; i <= 30; ++i) text += row(i, i == 7 || i == 29 ? "x" : "3");
  const fs::path f = d.write("r.csv", text);
  const fs::path out = d.write("scores.csv", "the old scores\n");
  const auto fw = test::bma();
  const ScopedReadOptions scope(options(100));
  for (const bool to_file : {true, false}) {
    RatingsStream in(f, fw, StreamOptions{4, 64});
    StreamOutput o;
    bool called = false;
    if (to_file)
      o.file = out;
    else
      o.at_end = [&](std::string_view) { called = true; };
    o.summary = true;
    const auto e = test::expect_error<ImportErrors>(
        [&] { (void)score_stream(in, default_profile(*fw), {}, o); });
    REQUIRE(e.errors().size() == 2);  // read on the read-ahead thread: still collected
    CHECK(e.errors().items()[1].where.line == 30);
    CHECK_FALSE(called);
    CHECK(slurp(out) == "the old scores\n");
  }
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(d.path)) ++files;
  CHECK(files == 2);  // no temporary file left beside the output
}
