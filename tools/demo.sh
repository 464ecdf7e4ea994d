#!/usr/bin/env bash
# The main job: install what is missing, build, and score the sample cohort with the shipped
# BMA framework, printing the framework summary and the cohort summary.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh build
[ -f build/CMakeCache.txt ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target samatthana_cli -- -j"$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^ninja: no work to do' || true; }
exec tools/main-job.sh build/samatthana
