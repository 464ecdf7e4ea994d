#!/usr/bin/env bash
# Applies .clang-format to every C++ file of the project (or checks with --check).
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.hpp' '*.cpp' | grep -v '^tests/fuzz/corpus/')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror $files
else
  clang-format -i $files
fi
