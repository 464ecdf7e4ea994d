// Evidence CSV (long: person, indicator, observation) and results CSV against the built-in BMA
// framework: never crash; rows refer to real indicators; errors are located.
#include <cmath>

#include "fuzz_common.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/tables_io.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  const Framework& fw = bma_core();
  try {
    const EvidenceTable t = read_evidence_csv(in, fw, "fuzz.csv");
    for (const auto& row : t.rows) {
      FUZZ_CHECK(fw.indicator(row.indicator_id).id == row.indicator_id);
      FUZZ_CHECK(!row.person_id.empty());
      FUZZ_CHECK(row.line >= 1);
    }
  } catch (const Error& e) {
    fuzz::check_error(e, size);
  }
  try {
    const ResultsTable t = read_results_csv(in, "fuzz.csv");
    for (const auto& [id, v] : t.rows) FUZZ_CHECK(std::isfinite(v) && v >= 0 && v <= 100);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
  }
  return 0;
}
