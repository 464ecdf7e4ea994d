// Differential: a cp874 or UTF-16 file decoded block by block (detail::TableDecoder: the check
// pass, then feed, as RatingsStream reads) gives exactly what the whole-file decode gives: the
// same UTF-8 text, or the same error (class, message, line, column, byte offset, value). The
// first byte picks the encoding and the block size.
#include <string>
#include <typeinfo>

#include "fuzz_common.hpp"
#include "io/formats.hpp"

using namespace samatthana;

namespace {

struct Outcome {
  std::string text, error;
};

template <class F>
Outcome outcome_of(const F& f) {
  Outcome o;
  try {
    o.text = f();
  } catch (const Error& e) {
    o.error = std::string(typeid(e).name()) + " " + e.what();
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Encoding e = static_cast<Encoding>(data[0] % 4);
  const std::size_t block = 1 + (data[0] >> 2) % 17;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const Outcome whole = outcome_of([&] {
    std::string out;
    if (!detail::decode_table_text(bytes, e, "fuzz.csv", out)) return std::string("(as it is)");
    return out;
  });
  const Outcome blocks = outcome_of([&] {
    const std::string head = bytes.substr(0, 4096);
    auto check = detail::TableDecoder::make(head, e, "fuzz.csv");
    if (!check) return std::string("(as it is)");
    for (std::size_t at = 0;; at += block) {
      const bool last = at >= bytes.size();
      check->check(last ? std::string_view() : std::string_view(bytes).substr(at, block), last);
      if (last) break;
    }
    auto d = detail::TableDecoder::make(head, e, "fuzz.csv");
    std::string out;
    for (std::size_t at = 0;; at += block) {
      const bool last = at >= bytes.size();
      d->feed(last ? std::string_view() : std::string_view(bytes).substr(at, block), last, out);
      if (last) break;
    }
    return out;
  });
  FUZZ_CHECK(whole.error == blocks.error, whole.error + " | " + blocks.error);
  FUZZ_CHECK(whole.text == blocks.text, whole.text);
  return 0;
}
