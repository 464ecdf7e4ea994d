#!/usr/bin/env bash
# Checks that every C++ file of the repository follows .clang-format (clang-format 14, Debian
# `clang-format-14`). Prints the files that differ and how to fix them; exit 1 if any does.
#   tools/format-check.sh          # check
#   tools/format-check.sh --fix    # rewrite the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${CLANG_FORMAT:-clang-format-14}
command -v "$CF" >/dev/null || { echo "format-check: $CF not found (apt install clang-format-14)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = --fix ]; then
  "$CF" -i --style=file "${files[@]}"
  echo "format-check: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$CF" --style=file --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -ne 0 ]; then
  printf 'format-check: %s does not follow .clang-format\n' "${bad[@]}" >&2
  echo "format-check: ${#bad[@]} of ${#files[@]} files differ; run tools/format-check.sh --fix" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files follow .clang-format"
