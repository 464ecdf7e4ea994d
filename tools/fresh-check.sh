#!/usr/bin/env bash
# Proves the main job's dependency set: configures and builds the library and the CLI in a scratch
# folder with every test-only package hidden from CMake (Catch2, pybind11, Python), as on a fresh
# machine that has only the build packages, then runs the main job with that CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${FRESH_BUILD_DIR:-build-fresh}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DCMAKE_DISABLE_FIND_PACKAGE_pybind11=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_Python=ON -DSAMATTHANA_PYTHON=OFF >"$log" 2>&1 \
  || { cat "$log" >&2; echo "fresh-check: configure failed without the test packages" >&2; exit 1; }
grep -q "^SAMATTHANA_BUILD_TESTS:BOOL=OFF" "$B/CMakeCache.txt" \
  || { echo "fresh-check: tests were not turned off without Catch2" >&2; exit 1; }
cmake --build "$B" --target samatthana_cli -- -j"$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^ninja: no work to do' || true; }
out=$(tools/main-job.sh "$B/samatthana")
grep -q "สมรรถนะ" <<<"$out" || { echo "fresh-check: the main job printed no framework" >&2; exit 1; }
echo "fresh-check: library and CLI built without Catch2/pybind11/Python; main job ran ($(wc -l <<<"$out") lines)"
