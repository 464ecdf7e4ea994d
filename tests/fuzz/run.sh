#!/usr/bin/env bash
# Runs every libFuzzer target for a fixed budget and fails on any finding (crash, leak, timeout,
# out-of-memory, sanitizer report, broken property).
#
#   tests/fuzz/run.sh short            # part of tools/test.sh: ~5 s per target
#   tests/fuzz/run.sh long             # release check: 10M executions per target (hours)
#   tests/fuzz/run.sh short csv date   # only these targets
#   FUZZ_RUNS=... FUZZ_SECONDS=... tests/fuzz/run.sh custom [targets]
#   FUZZ_TIMEOUT=seconds per input (short/custom 10, long 60)
#   FUZZ_JOBS=2 tests/fuzz/run.sh long text   # one target on two cores: 2 processes, one corpus
#   FUZZ_LOG_DIR=dir: write the libFuzzer logs there (default build-fuzz/findings)
#
# Builds build-fuzz itself (clang, ASan + UBSan + libFuzzer; `cmake --preset fuzz`) incrementally.
# Seeds come from tests/fuzz/corpus/<target> (read only); new inputs go to build-fuzz/corpus/<target>.
# Crash files go to build-fuzz/findings/<target>/. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-short}
shift || true
case "$mode" in
  short) runs=${FUZZ_RUNS:-100000000}; seconds=${FUZZ_SECONDS:-5}; timeout=${FUZZ_TIMEOUT:-10} ;;
  # Long runs share the machine for hours: a wall-clock timeout of 10 s fired on 4 ms inputs while
  # a build took the CPU, so they allow 60 s per input (a real hang still fails).
  long)  runs=${FUZZ_RUNS:-10000000};  seconds=${FUZZ_SECONDS:-14400}; timeout=${FUZZ_TIMEOUT:-60} ;;
  custom) runs=${FUZZ_RUNS:?set FUZZ_RUNS}; seconds=${FUZZ_SECONDS:?set FUZZ_SECONDS}; timeout=${FUZZ_TIMEOUT:-10} ;;
  *) echo "usage: $0 short|long|custom [target...]" >&2; exit 2 ;;
esac
all=(framework_json profile_json csv ratings_csv evidence_csv numbers date text search scoring engine xlsx encoding stream_decode)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

B=build-fuzz
jobs=${FUZZ_BUILD_JOBS:-2}
if [ ! -f "$B/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake --preset fuzz >/dev/null
fi
cmake --build "$B" -j"$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}") \
  2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^ninja: no work to do' || true; }  # a failed build stops here

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs_per_target=${FUZZ_JOBS:-1}
logdir=${FUZZ_LOG_DIR:-$B/findings}  # FUZZ_LOG_DIR=dir: libFuzzer logs there (<target>.log)
mkdir -p "$logdir"
failed=()
printf '%-16s %12s %8s %8s  %s\n' target executions seconds exec/s result
for t in "${targets[@]}"; do
  bin="$B/tests/fuzz/fuzz_$t"
  seeds="tests/fuzz/corpus/$t"
  work="$B/corpus/$t"
  art="$B/findings/$t/"
  mkdir -p "$work" "$art"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  # tests/fuzz/<target>.options: extra libFuzzer flags of one target, on one line.
  extra=()
  [ -f "tests/fuzz/$t.options" ] && read -ra extra < "tests/fuzz/$t.options"
  # One process needs no corpus reload: libFuzzer otherwise lists and stats the whole output
  # corpus every second (5% of fuzz_engine's time with 1 600 files, more on a loaded machine).
  [ "$jobs_per_target" -eq 1 ] && extra=(-reload=0 "${extra[@]}")
  log="$logdir/$t.log"
  # FUZZ_JOBS=N: N processes share the target's corpus (libFuzzer reloads it every few seconds)
  # and the executions (runs/N each); logs $t.log, $t.2.log, …; executions are their sum.
  logs=("$log")
  rm -f "$logdir/$t".[0-9]*.log
  for ((j = 2; j <= jobs_per_target; j++)); do logs+=("$logdir/$t.$j.log"); done
  start=$(date +%s)
  pids=()
  set +e
  for l in "${logs[@]}"; do
    # The target's own flags come last: libFuzzer keeps the last value of a flag given twice.
    "$bin" "$work" "$seeds" "${dict[@]}" -runs="$(( runs / jobs_per_target ))" -max_total_time="$seconds" \
      -timeout="$timeout" -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=${FUZZ_MAX_LEN:-16384} \
      -print_final_stats=1 -artifact_prefix="$art" -close_fd_mask=1 "${extra[@]}" >"$l" 2>&1 &
    pids+=($!)
  done
  rc=0
  for pid in "${pids[@]}"; do
    wait "$pid"; r=$?
    [ $r -ne 0 ] && rc=$r
  done
  set -e
  secs=$(( $(date +%s) - start ))
  execs=0
  for l in "${logs[@]}"; do
    e=$(sed -n 's/^stat::number_of_executed_units: *//p' "$l" | tail -1)
    execs=$(( execs + ${e:-0} ))
  done
  rate=$(( execs / (secs > 0 ? secs : 1) ))
  result=ok
  if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|PROPERTY BROKEN|SUMMARY: ' "${logs[@]}"; then
    result="FAIL (exit $rc; log ${logs[*]})"
    failed+=("$t")
  fi
  printf '%-16s %12s %8s %8s  %s\n' "$t" "${execs:-?}" "$secs" "${rate:-?}" "$result"
done
if [ ${#failed[@]} -ne 0 ]; then
  for t in "${failed[@]}"; do
    for l in "$logdir/$t.log" "$logdir/$t".[0-9]*.log; do
      [ -f "$l" ] || continue
      grep -qE 'PROPERTY|ERROR|runtime error|SUMMARY' "$l" || continue
      echo "== $t: last lines of $l"
      grep -E 'PROPERTY|ERROR|runtime error|SUMMARY|detail|^    #[0-9]' "$l" | head -30
    done
    ls "$B/findings/$t/" 2>/dev/null | head
  done
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no findings"
