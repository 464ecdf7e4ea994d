#pragma once
// Shared helpers of the libFuzzer targets. A target may throw only samatthana::Error for bad
// input; any other exception escapes to libFuzzer ("uncaught exception": a finding). Broken
// properties call fail(), which prints what broke and aborts (also a finding).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n*** PROPERTY BROKEN: %s\n", what);
  if (!detail.empty())
    std::fprintf(stderr, "*** detail: %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}
#define FUZZ_CHECK(cond, ...)                                                      \
  do {                                                                             \
    if (!(cond)) ::fuzz::fail("FUZZ_CHECK(" #cond ")" __VA_OPT__(, ) __VA_ARGS__); \
  } while (0)

/// Known findings waiting for a fix in code this target does not own are still findings by
/// default. To fuzz past one (for the long run), name it in FUZZ_ALLOW_KNOWN (comma-separated);
/// see docs/hardening.md for the list.
inline bool allowed_known(std::string_view id) {
  const char* env = std::getenv("FUZZ_ALLOW_KNOWN");
  if (!env) return false;
  const std::string_view list(env);
  for (std::size_t at = 0; at <= list.size();) {
    const auto comma = list.find(',', at);
    const auto end = comma == std::string_view::npos ? list.size() : comma;
    if (list.substr(at, end - at) == id) return true;
    at = end + 1;
  }
  return false;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Every error must be located sensibly: an offset never points past the input, and the
/// message a user sees is not empty.
inline void check_error(const samatthana::Error& e, std::size_t input_size) {
  FUZZ_CHECK(!e.message().empty(), e.what());
  // The message is shown to people (and turned into a Python str): it must be valid UTF-8,
  // so a quoted value must never be cut inside a character.
  if (!allowed_known("csv-value-cut"))
    FUZZ_CHECK(samatthana::text::is_valid_utf8(e.what()), "error message is not valid UTF-8");
  if (e.where().byte_offset) FUZZ_CHECK(*e.where().byte_offset <= input_size, e.what());
  (void)e.where().str();
}

/// Splits fuzz input in two at the first NUL (or the middle when there is none).
inline std::pair<std::string_view, std::string_view> split2(std::string_view s) {
  auto at = s.find('\0');
  if (at == std::string_view::npos) at = s.size() / 2;
  return {s.substr(0, at), s.substr(at < s.size() ? at + 1 : at)};
}

}  // namespace fuzz
