#!/usr/bin/env bash
# What the README's first command runs once built: the shipped framework, then the sample cohort.
set -euo pipefail
cli="$1"
cd "$(dirname "$0")/.."
"$cli" show
if [ -f data/samples/ratings.csv ] && "$cli" --help | grep -q '^  score'; then
  echo
  "$cli" score data/samples/ratings.csv --evidence data/samples/evidence.csv \
    --results data/samples/results.csv --summary
fi
