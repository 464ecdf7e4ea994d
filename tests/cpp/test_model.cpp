#include <catch2/catch.hpp>

#include "samatthana/samatthana.hpp"

using namespace samatthana;

TEST_CASE("model: placeholder builds", "[model]") { CHECK(std::string(version) == "0.1.0"); }
