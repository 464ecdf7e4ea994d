#!/usr/bin/env bash
# Every test: install what is missing, build (incrementally), run the C++ tests (ctest), the
# Python tests (pytest, against the built module) and the pip-install check.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh test
echo "== Formatting (.clang-format, clang-format 14)"
tools/format-check.sh
PY=/usr/bin/python3   # Debian's interpreter: the one that has pytest, numpy and pandas
if ! grep -q "^SAMATTHANA_PYTHON:BOOL=ON" build/CMakeCache.txt 2>/dev/null \
   || ! grep -q "^SAMATTHANA_BUILD_TESTS:BOOL=ON" build/CMakeCache.txt; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMATTHANA_BUILD_TESTS=ON \
    -DSAMATTHANA_PYTHON=ON -DPython_EXECUTABLE=$PY >/dev/null
fi
cmake --build build -- -j"$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^ninja: no work to do' || true; }
echo "== C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
echo "== Python tests (pytest)"
PYTHONPATH="$PWD/build/python" SAMATTHANA_CLI="$PWD/build/samatthana" SAMATTHANA_BUILD_DIR="$PWD/build" \
  $PY -m pytest -q -p no:cacheprovider tests/python
echo "== The main job with the build packages only (test packages hidden from CMake)"
tools/fresh-check.sh
echo "== Shared library: symbols, consumers and the main job against libsamatthana.so"
tools/shared-check.sh
echo "== Fuzzing (short run: a few seconds per parser, ASan+UBSan, build-fuzz)"
tests/fuzz/run.sh short
