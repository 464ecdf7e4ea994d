// Profile JSON (expected levels by position): never crash; a profile that parses resolves each
// of its positions by code and checks against the built-in frameworks with a located error or OK.
#include "fuzz_common.hpp"
#include "samatthana/io.hpp"
#include "samatthana/profile_io.hpp"
#include "samatthana/scoring.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  std::optional<Profile> p;
  try {
    p.emplace(parse_profile(in, "fuzz.json"));
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  for (const auto& pos : p->positions()) {
    if (!pos.code.empty()) FUZZ_CHECK(p->find(pos.code) == &pos, pos.code);
    FUZZ_CHECK(pos.expected >= 0);
  }
  try {
    p->check(bma_core());
    for (const auto& pos : p->positions())
      (void)p->expected(bma_core(), pos.code.empty() ? pos.type + pos.rank : pos.code);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
  }
  (void)p->scheme();
  return 0;
}
