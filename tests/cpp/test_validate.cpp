// The JSON Schema validator (include/samatthana/validate.hpp): shipped files valid, every schema
// problem collected with its path and line/column, the library's rules after the schema, keywords.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "helpers.hpp"
#include "samatthana/samatthana.hpp"
#include "samatthana/validate.hpp"

using namespace samatthana;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;

bool has_path(const std::vector<Problem>& ps, const std::string& path) {
  return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.where.path == path; });
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("validate: every built-in framework and profile is valid", "[validate]") {
  for (const auto& id : builtin_framework_ids()) {
    INFO(id);
    CHECK(validate_json(embedded_data("frameworks/" + id + ".json"), "framework", id).empty());
    CHECK(validate_text(to_json(*builtin_framework(id)), FileKind::detect, id).empty());
  }
  CHECK(validate_file(kRoot + "/data/profiles/bma-core.json").empty());
  CHECK(validate_file(kRoot + "/data/profiles/ocsc-core.json").empty());
}

TEST_CASE("validate: every schema problem with its path, line and column", "[validate]") {
  std::string fw = to_json(*test::bma());
  fw = replaced(fw, "\"id\": \"bma-core-2550\"", "\"id\": \"Bad Id\"");
  fw = replaced(fw, "\"level\": 1", "\"level\": \"one\"");
  fw = replaced(fw, "\"format\": \"samatthana-framework/1\",",
                "\"format\": \"samatthana-framework/1\", \"extra\": 1,");
  const auto ps = validate_json(fw, "framework", "fw.json");
  REQUIRE(ps.size() == 3);
  CHECK(has_path(ps, "$.id"));
  CHECK(has_path(ps, "$.extra"));
  CHECK(has_path(ps, "$.competencies[0].levels[0].level"));
  for (const auto& p : ps) {
    CHECK(p.source == ProblemSource::schema);
    CHECK(p.where.file == "fw.json");
    CHECK(p.where.line > 0);
    CHECK(p.where.column > 0);
  }
  const auto id =
      std::find_if(ps.begin(), ps.end(), [](const Problem& p) { return p.where.path == "$.id"; });
  CHECK(id->where.line == 3);
  CHECK(id->where.column == 9);
  CHECK(id->where.value == "Bad Id");
  CHECK(id->message.find("pattern") != std::string::npos);
}

TEST_CASE("validate: syntax errors are one located problem", "[validate]") {
  const auto ps = validate_json("{\n  \"format\": }", "profile", "p.json");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].source == ProblemSource::syntax);
  CHECK(ps[0].where.line == 2);
}

TEST_CASE("validate: the library's first rule error after the schema", "[validate]") {
  std::string fw = to_json(*test::bma());
  // a second competency with the first one's id: schema-valid, a rule error
  fw = replaced(fw, "\"id\": \"service\"", "\"id\": \"integrity\"");
  const auto ps = validate_text(fw, FileKind::framework, "dup.json");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].source == ProblemSource::rule);
  CHECK_FALSE(ps[0].message.empty());
}

TEST_CASE("validate: kind from the format field", "[validate]") {
  const auto ps = validate_text(R"({"format": "what"})", FileKind::detect, "x.json");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].where.path == "$.format");
  const auto prof =
      validate_text(R"({"format": "samatthana-profile/1"})", FileKind::detect, "x.json");
  CHECK(has_path(prof, "$"));  // required id, positions
}

TEST_CASE("validate: keywords of the scores schema (uniqueItems, dependentRequired, minProperties)",
          "[validate]") {
  // an unknown schema is a located LookupError
  CHECK_THROWS_AS((void)validate_json("{}", "nope", "x"), LookupError);
  // numbers compare by value: 1.0 is an integer as JSON Schema says
  std::string fw = to_json(*test::bma());
  CHECK(validate_json(replaced(fw, "\"level\": 1", "\"level\": 1.0"), "framework", "f").empty());
  CHECK_FALSE(
      validate_json(replaced(fw, "\"level\": 1", "\"level\": 1.5"), "framework", "f").empty());
  CHECK_FALSE(
      validate_json(replaced(fw, "\"level\": 1", "\"level\": true"), "framework", "f").empty());
}
