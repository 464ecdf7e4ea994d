// The score and plan subcommands, end to end through the built binary.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "samatthana/samatthana.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
const std::string kSrc = SAMATTHANA_SOURCE_DIR;

struct Run {
  int rc;
  std::string out, err;
};
Run run(const std::string& args) {
  const fs::path dir = fs::temp_directory_path() / ("samatthana-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cmd = std::string("\"") + SAMATTHANA_CLI + "\" " + args + " >\"" +
                          (dir / "out").string() + "\" 2>\"" + (dir / "err").string() + "\"";
  const int status = std::system(cmd.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  return {WEXITSTATUS(status), slurp(dir / "out"), slurp(dir / "err")};
}
}  // namespace

TEST_CASE("scoring: cli score writes the scores CSV of the sample cohort", "[scoring][cli]") {
  const fs::path out =
      fs::temp_directory_path() / ("samatthana-scores-" + std::to_string(::getpid()) + ".csv");
  const Run r = run("score " + kSrc + "/data/samples/ratings.csv --evidence " + kSrc +
                    "/data/samples/evidence.csv --results " + kSrc +
                    "/data/samples/results.csv -o " + out.string());
  REQUIRE(r.rc == 0);
  std::ifstream f(out, std::ios::binary);
  std::string header;
  std::getline(f, header);
  CHECK(header.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK_THAT(header, Contains("person_id,name,unit,position,competency_score,integrity_held"));
  CHECK_THAT(header, Contains("expertise_points,results,total,band"));
  std::size_t rows = 0;
  for (std::string line; std::getline(f, line);) ++rows;
  CHECK(rows == 320);
  fs::remove(out);
}

TEST_CASE("scoring: cli score computes the figures of a small file", "[scoring][cli]") {
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-cli-in-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "r.csv") << "person_id,name,unit,position,101,102,103,104,105\n"
                                  "A1,ก,เขตบางรัก,K2,3,2,1,2,0\n"
                                  "A2,ข,เขตบางรัก,ทั่วไป ปฏิบัติงาน,1,0,2,1,1\n";
  std::ofstream(dir / "res.csv") << "person_id,results\nA1,85\nA2,100\n";
  const std::string r = (dir / "r.csv").string(), res = (dir / "res.csv").string();
  Run x = run("score " + r + " --results " + res);
  REQUIRE(x.rc == 0);
  // A1: 19.2; 59.5 + 19.2 = 78.7 ดี. A2: 20.4; 70 + 20.4 = 90.4 ดีเด่น.
  CHECK_THAT(
      x.out,
      Contains("A1,ก,เขตบางรัก,K2,19.20,3,2,1,5,2,2,0,4,1,2,-1,3,2,2,0,4,0,2,-2,0,85,78.70,ดี\r\n"));
  CHECK_THAT(x.out, Contains(",100,90.40,ดีเด่น\r\n"));
  x = run("score " + r + " --method bar --format json");
  REQUIRE(x.rc == 0);
  CHECK_THAT(x.out, Contains("\"method\": \"bar\""));
  CHECK_THAT(x.out, Contains("\"competency_score\": 24,"));  // A1 bar: 3,3,2,3,1 = 12 → 12/15 × 30
  CHECK_THAT(x.out, Contains("\"weight\": 30,"));
  x = run("score " + r + " --method ratio --weight 50 --format table");
  REQUIRE(x.rc == 0);
  CHECK_THAT(x.out, Contains("40.00"));  // A1: 8/10 × 50
  x = run("score " + r + " --summary --digits thai");
  REQUIRE(x.rc == 0);
  CHECK_THAT(x.out, Contains("จำนวนผู้รับการประเมิน ๒ คน"));
  CHECK_THAT(x.out, Contains("ตามหน่วยงาน"));
  // Errors: exit 1 with the location; usage errors exit 2.
  std::ofstream(dir / "bad.csv") << "person_id,position,integrity\nA1,K2,9\n";
  x = run("score " + (dir / "bad.csv").string());
  CHECK(x.rc == 1);
  CHECK_THAT(x.err, Contains("bad.csv:2:3: integrity: level above the highest level"));
  x = run("score " + r + " --method best");
  CHECK(x.rc == 2);
  x = run("score " + r + " --profile ocsc");
  CHECK(x.rc == 1);
  CHECK_THAT(x.err, Contains("is for framework ocsc-core-2552"));
  fs::remove_all(dir);
}

TEST_CASE("scoring: cli plan prints targets in Thai", "[scoring][cli]") {
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-plan-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "r.csv")
      << "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
         "A1,สมชาย ใจดี,เขตบางรัก,K3,1,3,3,3,5\n";
  const Run x = run("plan " + (dir / "r.csv").string() + " --person A1");
  REQUIRE(x.rc == 0);
  CHECK_THAT(x.out, Contains("แผนพัฒนารายบุคคล (IDP): สมชาย ใจดี (A1)"));
  CHECK_THAT(x.out, Contains("ระดับที่แสดง ๑ · ระดับที่คาดหวัง ๓ · ช่องว่าง -๒"));
  CHECK_THAT(x.out, Contains("เป้าหมายการพัฒนา: ระดับ ๒ ถึง ๓"));
  CHECK_THAT(x.out, Contains("[integrity.2.1]"));
  CHECK_THAT(x.out, Contains("เป้าหมายต่อยอด: ระดับ ๔"));
  CHECK_THAT(x.out, Contains("แสดงสมรรถนะระดับสูงสุดแล้ว"));
  const Run y = run("plan " + (dir / "r.csv").string() + " --person Z9");
  CHECK(y.rc == 1);
  fs::remove_all(dir);
}

TEST_CASE("scoring: cli score, plan and report with several raters per person",
          "[scoring][cli][raters]") {
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-raters-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A1 is K2 (expected 2). Weighted 50/10/20/20: integrity (2×50 + 4×10 + 3×20) / 80 = 2.5 → 3.
  std::ofstream(dir / "r.csv")
      << "person_id,name,unit,position,rater_role,rater_id,101,102,103,104,105\n"
         "A1,สมชาย ใจดี,เขตบางรัก,K2,ผู้บังคับบัญชา,S1,2,2,2,2,2\n"
         "A1,,,,ตนเอง,,4,2,2,2,2\n"
         "A1,,,,เพื่อนร่วมงาน,P7,3,2,2,2,2\n";
  const std::string r = (dir / "r.csv").string();
  Run x = run("score " + r);
  REQUIRE(x.rc == 0);
  // The supervisor's rating: 2 everywhere → 4 × 5 = 20 → 24.00.
  CHECK_THAT(x.out, Contains("A1,สมชาย ใจดี,เขตบางรัก,K2,24.00,2,2,0,4,"));
  x = run("score " + r + " --raters weighted");
  REQUIRE(x.rc == 0);
  // integrity 3 (+1 → 5 points): 21 → 25.20.
  CHECK_THAT(x.out, Contains("A1,สมชาย ใจดี,เขตบางรัก,K2,25.20,3,2,1,5,"));
  x = run("score " + r + " --raters weighted --rater-rounding down");
  CHECK_THAT(x.out, Contains(",K2,24.00,2,2,0,4,"));
  x = run("score " + r + " --raters weighted --rater-weights supervisor=1,ตนเอง=1");
  CHECK_THAT(x.out, Contains(",K2,25.20,3,2,1,5,"));  // (2 + 4) / 2 = 3
  x = run("score " + r + " --raters weighted --rater-weights supervisor=1,peer=3");
  CHECK_THAT(x.out, Contains(",K2,25.20,3,2,1,5,"));  // (2 + 9) / 4 = 2.75 → 3
  x = run("score " + r + " --raters weighted --rater-rounding down --format json");
  CHECK_THAT(x.out, Contains("\"raters\": \"weighted\""));
  CHECK_THAT(x.out, Contains("\"rater_weights\": {\n    \"supervisor\": 50,\n    \"self\": 10,\n   "
                             " \"peer\": 20,\n    \"subordinate\": 20\n  }"));
  CHECK_THAT(x.out, Contains("\"rater_rounding\": \"down\""));
  x = run("score " + r + " --format json");
  CHECK_THAT(x.out, Contains("\"policy\": \"auto\""));
  CHECK_THAT(x.out, Contains("\"raters\": \"supervisor\""));
  x = run("plan " + r + " --person A1 --raters weighted");
  REQUIRE(x.rc == 0);
  CHECK_THAT(x.out, Contains("ที่มา: ค่าถ่วงน้ำหนักตามบทบาทของผู้ประเมิน ๓ คน"));
  CHECK_THAT(x.out, Contains("ผู้ประเมินที่นับ: ผู้บังคับบัญชา S1 ๒ · ตนเอง ๔ · เพื่อนร่วมงาน P7 ๓"));
  x = run("plan " + r + " --person A1");
  CHECK_THAT(x.out, Contains("ผู้ประเมินอื่น (ไม่นับ): ตนเอง ๔ · เพื่อนร่วมงาน P7 ๓"));
  x = run("report " + r + " --person A1 --raters weighted --format markdown --round none");
  REQUIRE(x.rc == 0);
  // Usage errors: exit 2 with what is wrong.
  x = run("score " + r + " --rater-weights self=1");
  CHECK(x.rc == 2);
  CHECK_THAT(x.err, Contains("--rater-weights needs --raters weighted"));
  x = run("score " + r + " --raters weighted --rater-weights boss=1");
  CHECK(x.rc == 2);
  CHECK_THAT(x.err, Contains("'boss' is not a rater role"));
  x = run("score " + r + " --raters weighted --rater-weights self=-1");
  CHECK(x.rc == 2);
  CHECK_THAT(x.err, Contains("must be a number ≥ 0"));
  x = run("score " + r + " --raters weighted --rater-weights self=0");
  CHECK(x.rc == 2);
  CHECK_THAT(x.err, Contains("at least one role a weight above 0"));
  x = run("score " + r + " --raters all");
  CHECK(x.rc == 2);
  // A file error: the same peer twice.
  std::ofstream(dir / "dup.csv") << "person_id,position,rater_role,rater_id,101\nA1,K2,supervisor,,"
                                    "2\nA1,,peer,P7,2\nA1,,peer,P7,3\n";
  x = run("score " + (dir / "dup.csv").string());
  CHECK(x.rc == 1);
  CHECK_THAT(
      x.err,
      Contains(
          "dup.csv:4:4: rater_id: this rater (peer 'P7') already rated this person on line 3"));
  fs::remove_all(dir);
}

TEST_CASE("cli: exit codes — 2 for a bad command line, 1 for bad data", "[cli]") {
  const std::string r = kSrc + "/data/samples/ratings.csv";
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> usage = {
      {"score " + r + " --weight -5", "--weight: must be in [0, 100], not '-5'"},
      {"score " + r + " --weight=-5", "--weight: must be in [0, 100], not '-5'"},
      {"score " + r + " --weight 101", "--weight: must be in [0, 100]"},
      {"score " + r + " --threshold 1.5", "--threshold: must be in (0, 1]"},
      {"score " + r + " --framework nope", "--framework: 'nope' is neither a built-in framework"},
      {"plan " + r + " --person A1 --framework nope",
       "--framework: 'nope' is neither a built-in framework"},
      {"search ทีม --limit abc", "--limit: needs a whole number 0 or more, not 'abc'"},
      {"search ทีม --limit 99999999999999999999999", "--limit: needs a whole number"},
      {"score", "RATINGS.csv is required"},
      {"score " + r + " --no-such-option", "--no-such-option"},
      {"report " + r + " --person A1 --cohort", "excludes"},
      {"report " + r + " --cohort --title \"$(printf 'x\\377\\376')\"",
       "--title: is not valid UTF-8"},
  };
  for (const auto& c : usage) {
    INFO(c.args);
    const Run x = run(c.args);
    CHECK(x.rc == 2);
    CHECK_THAT(x.err, Contains(c.message));
    CHECK_THAT(x.err, Contains("--help`."));
    CHECK(x.out.empty());
  }
  // Thai digits are numbers too.
  CHECK(run("search ทีม --limit ๒").rc == 0);
  CHECK(run("score " + r + " --missing zero --weight ๓๐ --format json").rc == 0);
  // Bad data: exit 1, and the message is printed whole (a NUL byte in the value does not cut it).
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-cli-codes-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream f(dir / "nul.csv", std::ios::binary);
    f << "person_id,position,integrity\nA" << '\0' << "B,K1,1\n";
  }
  const Run x = run("score " + (dir / "nul.csv").string());
  CHECK(x.rc == 1);
  CHECK_THAT(x.err, Contains("\\x00"));
  CHECK(x.err.find('\0') == std::string::npos);
  CHECK(x.err.find("\x1b") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("cli: no progress bar when stderr is not a terminal", "[cli]") {
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-cli-bar-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream f(dir / "big.csv");
    f << "person_id,position,integrity,service,achievement,teamwork,expertise\n";
    for (int i = 0; i < 100100; ++i) f << "P" << i << ",K1,1,1,1,1,1\n";
  }
  const Run x = run("score " + (dir / "big.csv").string() + " --format json -o " +
                    (dir / "out.json").string());
  CHECK(x.rc == 0);
  CHECK(x.err.empty());  // the bar used to be drawn into a redirected stderr
  fs::remove_all(dir);
}
