// Framework <-> CASE 1.1 CFPackage (docs/case.md). Work in progress.
#include "samatthana/case.hpp"
