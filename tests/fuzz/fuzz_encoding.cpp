// Decoding CSV files (ICU converters: UTF-16 LE/BE, Windows-874; tab-separated text made CSV):
// the first byte picks the declared encoding. Never crash; either valid UTF-8 text with as many
// lines as the file, or a located samatthana::Error.
#include <algorithm>
#include <string>

#include "fuzz_common.hpp"
#include "io/csv.hpp"
#include "io/formats.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Encoding e = static_cast<Encoding>(data[0] % 4);
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string out;
  bool converted = false;
  try {
    converted = detail::decode_table_text(in, e, "fuzz.csv", out);
  } catch (const EncodingError& err) {  // bytes the encoding does not define: line, column, byte
    fuzz::check_error(err, size);
    FUZZ_CHECK(err.where().file == "fuzz.csv" && err.where().line >= 1 && err.where().byte_offset &&
                   *err.where().byte_offset <= in.size(),
               err.what());
    return 0;
  } catch (const Error& err) {  // a tab-separated file's quotes: line and field
    fuzz::check_error(err, size);
    FUZZ_CHECK(err.where().file == "fuzz.csv" && err.where().line >= 1 && err.where().column >= 1,
               err.what());
    return 0;
  }
  if (!converted) return 0;
  FUZZ_CHECK(detail::find_invalid_utf8(out) == std::string_view::npos, out);
  if (e == Encoding::cp874) {  // one byte per character: the lines stay
    FUZZ_CHECK(std::count(out.begin(), out.end(), '\n') == std::count(in.begin(), in.end(), '\n'),
               out);
  }
  try {
    detail::CsvReader r(out, "fuzz.csv");
    while (r.next()) {
    }
  } catch (const Error& err) {
    fuzz::check_error(err, size);
  }
  return 0;
}
