#pragma once
// Umbrella header: everything public in samatthana.
#include "samatthana/compare.hpp"
#include "samatthana/error.hpp"
#include "samatthana/io.hpp"
#include "samatthana/model.hpp"
#include "samatthana/output.hpp"
#include "samatthana/search.hpp"
#include "samatthana/text.hpp"
#include "samatthana/validate.hpp"
#include "samatthana/version.hpp"
#if __has_include("samatthana/scoring.hpp")
#include "samatthana/scoring.hpp"
#include "samatthana/report.hpp"
#endif
