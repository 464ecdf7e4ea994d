// Framework JSON: never crash; whatever parses saves and re-parses to the same value, and the
// canonical bytes are a fixed point (save(parse(save(x))) == save(x)).
#include "fuzz_common.hpp"
#include "samatthana/io.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  std::optional<Framework> fw;
  try {
    fw.emplace(parse_framework(in, "fuzz.json"));
  } catch (const EncodingError& e) {
    FUZZ_CHECK(e.where().byte_offset.has_value(), e.what());
    FUZZ_CHECK(*e.where().byte_offset < size, e.what());
    return 0;
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  const std::string once = to_json(*fw);
  std::optional<Framework> back;
  try {
    back.emplace(parse_framework(once, "saved.json"));
  } catch (const Error& e) {
    fuzz::fail("a parsed framework does not re-parse after saving", e.what());
  }
  FUZZ_CHECK(*back == *fw, "re-parsed framework differs");
  FUZZ_CHECK(to_json(*back) == once, "canonical JSON is not a fixed point");
  // Lookups agree with the content.
  std::size_t n = 0;
  for (std::size_t i = 0; i < fw->size(); ++i) {
    const Competency& c = fw->competencies()[i];
    FUZZ_CHECK(fw->find(c.id) == i, c.id);
    FUZZ_CHECK(fw->competency(c.id).id == c.id);
    for (int k = 0; k <= c.max_level(); ++k) {
      (void)fw->level_title(c, k);
      n += c.indicators_at(k).size();
      FUZZ_CHECK(c.indicators_through(k).size() >= c.indicators_at(k).size());
    }
    for (const auto& l : c.levels)
      for (const auto& ind : l.indicators) FUZZ_CHECK(&fw->indicator(ind.id) == &ind);
  }
  FUZZ_CHECK(n == fw->indicator_count(), "indicator count differs from the levels");
  return 0;
}
