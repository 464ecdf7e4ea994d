#pragma once
// SAMATTHANA_API marks the compiled functions and classes of the public API. The library is built
// with hidden visibility, so a shared libsamatthana exports exactly these (and no
// samatthana::detail function, no ICU or Boost type); in a static build the macro is empty.
// SAMATTHANA_SHARED is set for consumers of the shared library by the CMake package and
// pkg-config; SAMATTHANA_BUILDING while the library itself compiles.
#if defined(SAMATTHANA_SHARED)
#if defined(_WIN32)
#if defined(SAMATTHANA_BUILDING)
#define SAMATTHANA_API __declspec(dllexport)
#else
#define SAMATTHANA_API __declspec(dllimport)
#endif
#else
#define SAMATTHANA_API __attribute__((visibility("default")))
#endif
#else
#define SAMATTHANA_API
#endif
