// Framework JSON: lossless round trips and located errors for malformed copies of the shipped file.
#include <catch2/catch.hpp>

#include <filesystem>

#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;
const std::string kBmaFile = kRoot + "/data/frameworks/bma-core-2550.json";

std::string shipped() { return read_file(kBmaFile); }

// The shipped file with the first occurrence of `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
  std::string s = shipped();
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

template <class E>
E error_of(const std::string& json) {
  try {
    (void)parse_framework(json, "copy.json");
  } catch (const E& e) {
    return e;
  }
  FAIL("expected an error");
  throw;
}

ValidationError invalid(FrameworkData d) {
  try {
    Framework fw(std::move(d));
  } catch (const ValidationError& e) {
    return e;
  }
  FAIL("expected a ValidationError");
  throw;
}
}  // namespace

TEST_CASE("io: saving the shipped file gives the same bytes", "[io]") {
  const std::string bytes = shipped();
  CHECK(to_json(parse_framework(bytes)) == bytes);
}

TEST_CASE("io: edited copies round-trip losslessly", "[io]") {
  FrameworkData d = bma_core().data();
  d.version = "2550.1-local";
  d.competencies[1].levels[2].indicators[0].text.th = "ข้อความ \"ที่แก้\" ใหม่\\ทดสอบ";
  d.competencies[1].levels[2].indicators[0].text.variants.push_back({"dpis", "อีกแบบ", "ทดสอบ"});
  d.competencies[0].aliases.push_back({"ความซื่อสัตย์", "agency"});
  d.provenance.notes += "\nแก้ไขโดยหน่วยงาน";
  Level extra;
  extra.number = 6;
  extra.title.th = "ระดับพิเศษ";
  extra.indicators.push_back({"integrity.6.1", {"พฤติกรรมใหม่", "new behaviour", {}, {}}});
  d.competencies[0].levels.push_back(extra);
  const Framework fw(d);
  const std::string once = to_json(fw);
  const Framework back = parse_framework(once);
  CHECK(back == fw);
  CHECK(to_json(back) == once);
  CHECK(back.competency("integrity").max_level() == 6);

  const auto dir = std::filesystem::temp_directory_path() / "samatthana-io-test";
  std::filesystem::create_directories(dir);
  save_framework(fw, dir / "edited.json");
  CHECK(load_framework(dir / "edited.json") == fw);
  CHECK_FALSE(std::filesystem::exists(dir / "edited.json.tmp-samatthana"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("io: loading normalises damaged Thai text", "[io]") {
  // A zero-width space and doubled spaces typed into an indicator are removed on load.
  const std::string t = bma_core().indicator("achievement.1.1").text.th;
  const std::string damaged = t.substr(0, 6) + "\u200B" + t.substr(6) + "  ";
  const Framework fw =
      parse_framework(edited("\"th\": \"" + t + "\"", "\"th\": \"" + damaged + "\""));
  CHECK(fw.indicator("achievement.1.1").text.th == t);
}

TEST_CASE("io: malformed JSON is reported with line and column", "[io][errors]") {
  const std::string s = shipped();
  auto e = error_of<ParseError>(s.substr(0, s.size() / 2));
  CHECK(e.where().file == "copy.json");
  CHECK(e.where().line > 100);
  CHECK_THAT(e.what(), Catch::Contains("ends too early"));

  auto e2 = error_of<ParseError>(edited("\"format\": \"samatthana-framework/1\",",
                                        "\"format\": \"samatthana-framework/1\",,"));
  CHECK(e2.where().line == 2);
  CHECK(e2.where().column == 38);  // the second comma
  CHECK_THAT(e2.what(), Catch::StartsWith("copy.json:2:38 (byte 39): malformed JSON"));

  auto e3 = error_of<ParseError>(shipped() + "{}");
  CHECK_THAT(e3.what(), Catch::Contains("malformed JSON"));
  CHECK_THROWS_AS(parse_framework(""), ParseError);
}

TEST_CASE("io: duplicate JSON keys are an error, not a silent overwrite", "[io][errors]") {
  auto e = error_of<ParseError>(
      edited("\"version\": \"2550.1\",", "\"version\": \"2550.1\",\n  \"version\": \"9\","));
  CHECK(e.where().line == 5);
  CHECK(e.where().column == 3);
  CHECK_THAT(
      e.what(),
      Catch::Contains("duplicate key \"version\" in the same object (first at line 4, column 3)"));
  // The same key in different objects is fine (every indicator has an "id").
  CHECK_NOTHROW(parse_framework(shipped()));
  // A byte-order mark is accepted.
  CHECK(parse_framework("\xEF\xBB\xBF" + shipped()) == bma_core());
}

TEST_CASE("io: invalid UTF-8 is reported with its byte offset", "[io][errors]") {
  const std::string bad = edited("คุณธรรมจริยธรรม", "คุณธรรม\xE0\xB8จริยธรรม");
  auto e = error_of<EncodingError>(bad);
  REQUIRE(e.where().byte_offset);
  CHECK(bad.substr(*e.where().byte_offset, 2) == "\xE0\xB8");
  CHECK(e.where().line > 1);
  CHECK_THAT(e.what(), Catch::Contains("not valid UTF-8"));
}

TEST_CASE("io: unknown fields are rejected, not ignored", "[io][errors]") {
  auto e =
      error_of<ValidationError>(edited("\"version\":", "\"colour\": \"red\",\n  \"version\":"));
  CHECK(e.where().path == "$.colour");
  CHECK_THAT(e.what(), Catch::Contains("unknown field 'colour'"));
  auto e2 = error_of<ValidationError>(
      edited("\"id\": \"integrity.1.1\",", "\"id\": \"integrity.1.1\", \"score\": 3,"));
  CHECK(e2.where().path == "$.competencies[0].levels[0].indicators[0].score");
}

TEST_CASE("io: wrong types, missing fields and bad values name their JSON path", "[io][errors]") {
  auto e = error_of<ValidationError>(edited("\"level\": 1,", "\"level\": \"1\","));
  CHECK(e.where().path == "$.competencies[0].levels[0].level");
  CHECK_THAT(e.what(), Catch::Contains("expected an integer, found a string"));

  auto e2 = error_of<ValidationError>(edited("\"version\": ", "\"versio\": "));
  CHECK((e2.where().path == "$.versio" || e2.where().path == "$.version"));

  auto e3 = error_of<ValidationError>(
      edited("\"format\": \"samatthana-framework/1\"", "\"format\": \"samatthana-framework/9\""));
  CHECK(e3.where().path == "$.format");
  CHECK_THAT(e3.what(), Catch::Contains("unsupported format"));

  auto e4 = error_of<ValidationError>(edited("\"group\": \"core\"", "\"group\": \"corr\""));
  CHECK(e4.where().path == "$.competencies[0].group");

  auto e5 = error_of<ValidationError>(
      edited("\"approved\": \"2007-01-31\"", "\"approved\": \"31/01/2007\""));
  CHECK(e5.where().path == "$.provenance.approved");

  auto e6 = error_of<ValidationError>(edited("\"level\": 2,", "\"level\": 2.5,"));
  CHECK(e6.where().path == "$.competencies[0].levels[1].level");
  CHECK_THAT(e6.what(), Catch::Contains("expected an integer, found a number"));
}

TEST_CASE("io: duplicate competency ids are rejected", "[io][errors]") {
  auto e = error_of<ValidationError>(edited("\"id\": \"service\"", "\"id\": \"integrity\""));
  CHECK(e.where().path == "$.competencies[1].id");
  CHECK_THAT(e.what(), Catch::Contains("duplicate competency id 'integrity'"));
}

TEST_CASE("io: levels must be numbered 1..N", "[io][errors]") {
  auto e = error_of<ValidationError>(edited("\"level\": 3,", "\"level\": 4,"));
  CHECK(e.where().path == "$.competencies[0].levels[2].level");
  CHECK_THAT(e.what(), Catch::Contains("expected 3 here, found 4"));
}

TEST_CASE("io: empty text is rejected", "[io][errors]") {
  const std::string t = bma_core().indicator("integrity.1.1").text.th;
  auto e = error_of<ValidationError>(edited("\"th\": \"" + t + "\"", "\"th\": \" \\u200b \""));
  CHECK(e.where().path == "$.competencies[0].levels[0].indicators[0].th");
  CHECK_THAT(e.what(), Catch::Contains("text is empty"));
}

TEST_CASE("io: semantic defects name their path", "[io][errors]") {
  SECTION("empty level") {
    FrameworkData d = bma_core().data();
    d.competencies[3].levels[1].indicators.clear();
    auto e = invalid(d);
    CHECK(e.where().path == "$.competencies[3].levels[1].indicators");
    CHECK_THAT(e.what(), Catch::Contains("has no indicators"));
  }
  SECTION("no levels") {
    FrameworkData d = bma_core().data();
    d.competencies[2].levels.clear();
    CHECK(invalid(d).where().path == "$.competencies[2].levels");
  }
  SECTION("duplicate indicator id") {
    FrameworkData d = bma_core().data();
    d.competencies[0].levels[0].indicators[1].id = d.competencies[0].levels[0].indicators[0].id;
    auto e = invalid(d);
    CHECK(e.where().path == "$.competencies[0].levels[0].indicators[1].id");
    CHECK_THAT(e.what(), Catch::Contains("duplicate indicator id"));
  }
  SECTION("indicator id not under its level") {
    FrameworkData d = bma_core().data();
    d.competencies[1].levels[1].indicators[0].id = "service.3.9";
    CHECK(invalid(d).where().path == "$.competencies[1].levels[1].indicators[0].id");
  }
  SECTION("non-ASCII competency id") {
    FrameworkData d = bma_core().data();
    d.competencies[0].id = "คุณธรรม";
    CHECK(invalid(d).where().path == "$.competencies[0].id");
  }
  SECTION("an alias that names another competency") {
    FrameworkData d = bma_core().data();
    d.competencies[1].aliases.push_back({"คุณธรรม จริยธรรม", "agency"});
    auto e = invalid(d);
    CHECK(e.where().path == "$.competencies[1]");
    CHECK_THAT(e.what(), Catch::Contains("ambiguous"));
  }
  SECTION("a variant from an undeclared witness") {
    FrameworkData d = bma_core().data();
    d.competencies[0].name.variants.push_back({"nobody", "ชื่ออื่น", ""});
    CHECK(invalid(d).where().path == "$.competencies[0].name.variants[0].witness");
  }
  SECTION("a correction without a note") {
    FrameworkData d = bma_core().data();
    d.competencies[0].definition.correction = Correction{"เดิม", ""};
    CHECK(invalid(d).where().path == "$.competencies[0].definition.correction.note");
  }
  SECTION("no competencies") {
    FrameworkData d = bma_core().data();
    d.competencies.clear();
    CHECK(invalid(d).where().path == "$.competencies");
  }
}

TEST_CASE("io: a missing file is an IoError naming it", "[io][errors]") {
  try {
    (void)load_framework("/nonexistent/fw.json");
    FAIL("expected IoError");
  } catch (const IoError& e) {
    CHECK(e.where().file == "/nonexistent/fw.json");
    CHECK_THAT(e.what(), Catch::Contains("no such file"));
  }
  CHECK_THROWS_AS(builtin_framework("no-such-framework"), LookupError);
}

#include "io/json.hpp"

TEST_CASE("io: canonical JSON numbers are written as Python writes them", "[io]") {
  const auto v =
      boost::json::parse("[30.0, 0.1, 1e16, 1e-5, -2.5, 123456789.125, 0.0001, 1e15, 5e-324]");
  CHECK(detail::canonical_json(v) ==
        "[\n  30.0,\n  0.1,\n  1e+16,\n  1e-05,\n  -2.5,\n  123456789.125,\n  0.0001,\n"
        "  1000000000000000.0,\n  5e-324\n]\n");
}
