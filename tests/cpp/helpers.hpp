#pragma once
// Small helpers shared by the C++ test files.
#include <catch2/catch.hpp>

#include <memory>

#include "samatthana/samatthana.hpp"

namespace test {

/// The built-in BMA core framework.
inline std::shared_ptr<const samatthana::Framework> bma() {
  return samatthana::builtin_framework("bma-core-2550");
}

/// Runs `f`, which must throw E; returns the exception (fails the test otherwise).
template <class E, class F>
E expect_error(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  FAIL("expected an error");
  throw;
}

}  // namespace test
