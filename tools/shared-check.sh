#!/usr/bin/env bash
# The shared-library variant: builds libsamatthana.so and the CLI against it (build-shared), checks
# that it exports only the public API (nm -D), builds and runs the consumer projects against the
# installed shared package (find_package, pkg-config, add_subdirectory), and runs the main job with
# the CLI linked to the shared library. The static variant is tools/test.sh's main build.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${SHARED_BUILD_DIR:-build-shared}
if [ ! -f "$B/CMakeCache.txt" ]; then
  cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
    -DSAMATTHANA_BUILD_TESTS=ON -DSAMATTHANA_PYTHON=OFF >/dev/null
fi
cmake --build "$B" -- -j"$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^ninja: no work to do' || true; }
# add_subdirectory is the static build's consumer test (tools/test.sh); here: the installed shared package.
ctest --test-dir "$B" --output-on-failure -R "shared_library_symbols|consumer_(install|find_package|pkg_config)"
ldd "$B/samatthana" | grep -q "libsamatthana.so" \
  || { echo "shared-check: the CLI is not linked to libsamatthana.so" >&2; exit 1; }
tools/main-job.sh "$B/samatthana" >/dev/null
echo "shared-check: $(readlink "$B/libsamatthana.so") built; consumers and the main job ran against it"
