// ratings_column: the one header rule of wide ratings tables (builders.hpp), used by ratings_header
// and, through the Python binding, by score(df) to leave unknown columns out. Every header it knows
// the CSV reader reads to the same role.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/cohort.hpp"

using namespace samatthana;
using test::bma;

TEST_CASE("ratings_column names standard columns in English and Thai, and competencies",
          "[builders][header]") {
  const auto fw = bma();
  const auto role = [&](std::string_view h) { return ratings_column(h, *fw); };
  for (const char* h : {"person_id", "รหัส", " person_id ", "เลขประจำตัว", "id"}) {
    INFO(h);
    REQUIRE(role(h));
    CHECK(role(h)->role == RatingsColumn::person_id);
  }
  CHECK(role("ชื่อ")->role == RatingsColumn::name);
  CHECK(role("หน่วยงาน")->role == RatingsColumn::unit);
  CHECK(role("ตำแหน่ง")->role == RatingsColumn::position);
  CHECK(role("ผลสัมฤทธิ์ของงาน")->role == RatingsColumn::results);
  CHECK(role("ผู้ประเมิน")->role == RatingsColumn::rater_role);
  CHECK(role("รหัสผู้ประเมิน")->role == RatingsColumn::rater_id);
  const auto service = role("service");
  REQUIRE(service);
  CHECK(service->role == RatingsColumn::competency);
  CHECK(fw->competencies()[service->competency].id == "service");
  const auto thai = role(fw->competencies()[2].name.th);
  REQUIRE(thai);
  CHECK(thai->competency == 2);
  CHECK_FALSE(role("notes"));
  CHECK_FALSE(role("email"));
  CHECK_FALSE(role(""));
}

TEST_CASE("ratings_header reads each header as ratings_column says, and the CSV reader agrees",
          "[builders][header]") {
  const auto fw = bma();
  const std::vector<std::string> headers = {" รหัส",      "ชื่อ",           "หน่วยงาน",     "ตำแหน่ง ",
                                            "integrity", "service",      "achievement", "teamwork",
                                            "expertise", "ผลสัมฤทธิ์ของงาน"};
  const RatingsHeader h =
      ratings_header(headers, *fw, [](std::size_t, std::string_view) { return Location{}; });
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto col = ratings_column(headers[i], *fw);
    REQUIRE(col);
    CHECK(h.role[i] == col->role);
    if (col->role == RatingsColumn::competency) CHECK(h.competency[i] == col->competency);
  }
  std::string csv;
  for (std::size_t i = 0; i < headers.size(); ++i) csv += (i ? "," : "") + headers[i];
  csv += "\nA1,ก,สำนักอนามัย,K2,3,2,1,2,1,80\n";
  const RatingsTable t = read_ratings_csv(csv, fw);
  REQUIRE(t.people.size() == 1);
  CHECK(t.people[0].id == "A1");
  CHECK(t.people[0].position == "K2");
  CHECK(t.results.at(0) == 80.0);
}
