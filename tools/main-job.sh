#!/usr/bin/env bash
# What the README's first command runs once built: the shipped BMA framework in Thai (Thai
# numerals), then the sample cohort scored against it with its summary by unit and position.
set -euo pipefail
cli="$1"
cd "$(dirname "$0")/.."
"$cli" show
echo
"$cli" score data/samples/ratings.csv --evidence data/samples/evidence.csv \
  --results data/samples/results.csv --summary
