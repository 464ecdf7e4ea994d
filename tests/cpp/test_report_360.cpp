// A 360 person sheet shows every rater's level per competency, by role (issue 16).
#include <catch2/catch.hpp>

#include <filesystem>

#include "helpers.hpp"
#include "samatthana/report.hpp"

using namespace samatthana;

TEST_CASE("360 person sheet: self, peer and subordinate levels next to the supervisor's",
          "[report][raters]") {
  const auto samples = std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";
  auto fw = test::bma();
  const RatingsTable ratings = load_ratings_csv(samples / "ratings-360.csv", fw);
  ScoringOptions opt;
  opt.missing = MissingPolicy::zero;
  const PersonSheet sheet = make_person_sheet(ratings, "BKK00097", nullptr, {}, opt);
  // teamwork: supervisor 0, self 2, peers 1 and 1.
  const std::string line = "ผลการประเมินรายผู้ประเมิน: ผู้บังคับบัญชา ๐ · ตนเอง ๒ · เพื่อนร่วมงาน ๑, ๑";
  CHECK_THAT(person_sheet_html(sheet), Catch::Contains("<li class=\"raters\">" + line + "</li>"));
  CHECK_THAT(person_sheet_markdown(sheet), Catch::Contains(line));
  // A sheet without other raters has no such line.
  const RatingsTable plain = load_ratings_csv(samples / "ratings.csv", fw);
  const PersonSheet one = make_person_sheet(plain, "BKK00001", nullptr, {}, opt);
  CHECK(person_sheet_html(one).find("ผลการประเมินรายผู้ประเมิน") == std::string::npos);
}
