// The .xlsx reader (minizip from memory + expat): never crash, hang or leak; a workbook either
// reads as CSV text — valid UTF-8 that the CSV reader reads back, whose lines map to sheet rows in
// order — or fails with a located samatthana::Error (file named).
#include <string>

#include "fuzz_common.hpp"
#include "io/csv.hpp"
#include "io/formats.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  detail::TableOrigin origin;
  std::string csv;
  try {
    csv = detail::xlsx_sheet_csv(in, "", "fuzz.xlsx", origin);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    FUZZ_CHECK(e.where().file == "fuzz.xlsx", e.what());
    return 0;
  }
  FUZZ_CHECK(detail::find_invalid_utf8(csv) == std::string_view::npos, csv);  // expat gives UTF-8
  for (std::size_t k = 1; k < origin.shifted.size(); ++k)
    FUZZ_CHECK(origin.shifted[k - 1].first < origin.shifted[k].first &&
               origin.shifted[k - 1].second < origin.shifted[k].second);
  try {
    detail::remember_origin("fuzz.xlsx", csv, std::make_shared<detail::TableOrigin>(origin));
    detail::CsvReader r(csv, "fuzz.xlsx");
    std::size_t last = 0;
    while (r.next()) {
      FUZZ_CHECK(r.line() > last, csv);  // rows in order
      last = r.line();
      (void)r.where(r.size() - 1, "x");
    }
  } catch (const EncodingError& e) {
    fuzz::check_error(e, size);  // a U+FEFF inside a cell: located
  } catch (const ParseError& e) {
    fuzz::fail("the CSV made from a sheet does not read", std::string(e.what()) + "\n" + csv);
  }
  detail::remember_origin("", {}, nullptr);
  return 0;
}
