#!/usr/bin/env python3
"""Scale benchmark (docs/scale.md): time and peak memory of scoring big ratings files, whole-file
and streaming, in C++ and Python, on Dask (time and peak memory per worker), and how batch calls
scale with threads. Each run is its own process, measured by /usr/bin/time -v (peak RSS).

    PYTHONPATH=build-scale/python /usr/bin/python3 benchmarks/bench_scale.py \
        --rows 1000000,10000000 --bench build-scale/benchmarks/bench_stream [--cli build-scale/samatthana]

--threads-only: the threads figure alone: 2 Python threads against 1 with the library's own
threads off (set_threads(1)), calls of >= 0.1 s (at most 6M or 2M rows): score_arrays with fresh
outputs, score_arrays into each thread's own outputs (out=), the same from the ratings DataFrame
(expected_levels + score_arrays(df, out=)), and score(df) with the share of its call that holds
the GIL. The out= lines reach about 2x on 2 idle cores; score(df) does not scale with threads
(docs/scale.md, Threads: a call in a worker thread is slower than on the main thread). The load
average is printed: other work takes cores away.
--quick: 20 000 rows, every mode once (a smoke run: the script cannot rot). --skip MODE,...
leaves modes out (e.g. py-whole on 10M rows needs about 13 GB).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]
UNITS = ["สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน", "สำนักงานเขตจตุจักร", "สำนักการแพทย์", "สำนักอนามัย",
         "สำนักการศึกษา", "สำนักการโยธา", "สำนักงบประมาณกรุงเทพมหานคร"]
FIRST = ["สมชาย", "สมหญิง", "วิภาวรรณ", "ธนพล", "กมลชนก", "ณัฐวุฒิ", "พรทิพย์", "ศิริพร"]
LAST = ["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "แก้วมณี", "บุญมา", "ทองคำ", "สุขเจริญ", "รุ่งเรือง"]
POSITIONS = ["O1", "O2", "O3", "K1", "K2", "K3", "K4", "D1"]
MODES = ["cpp-whole", "cpp-stream", "cli-whole", "cli-stream", "cli-summary", "py-whole", "py-chunks", "py-stream",
         "dask"]
# The CLI's modes: `samatthana score` reading the whole file (--chunk-rows 0, what it did before
# it streamed), streaming (the default), and the cohort summary alone, streaming.
CLI_ARGS = {"cli-whole": ["--chunk-rows", "0", "-o", "{out}"], "cli-stream": ["-o", "{out}"],
            "cli-summary": ["--summary"]}


def generate(path: str, rows: int, seed: int = 2567) -> None:
    """A wide ratings file: person_id, Thai name and unit, position, 5 levels (0..5, every cell
    rated), a results column."""
    rng = np.random.default_rng(seed)
    block = 500_000
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("person_id,name,unit,position," + ",".join(IDS) + ",results\n")
        for start in range(0, rows, block):
            n = min(block, rows - start)
            ids = np.char.add("P", np.char.zfill(np.arange(start + 1, start + n + 1).astype(str), 9))
            first = np.array(FIRST)[rng.integers(0, len(FIRST), n)]
            last = np.array(LAST)[rng.integers(0, len(LAST), n)]
            unit = np.array(UNITS)[rng.integers(0, len(UNITS), n)]
            pos = np.array(POSITIONS)[rng.integers(0, len(POSITIONS), n)]
            lv = rng.integers(0, 6, (n, 5))
            lv[:, [0, 2, 3, 4]] = np.minimum(lv[:, [0, 2, 3, 4]], 5)
            res = np.round(rng.uniform(40, 100, n), 2)
            cols = [ids, np.char.add(np.char.add(first, " "), last), unit, pos] + [lv[:, j].astype(str) for j in range(5)]
            cols.append(res.astype(str))
            lines = cols[0]
            for c in cols[1:]:
                lines = np.char.add(np.char.add(lines, ","), c)
            f.write("\n".join(lines.tolist()))
            f.write("\n")


# ---- one measured run per process ---------------------------------------------------------------

def child(mode: str, path: str, out: str, chunk: int) -> None:
    """Runs one mode in this process (under /usr/bin/time -v); prints people and seconds."""
    t0 = time.perf_counter()
    import pandas as pd

    import samatthana
    from samatthana import _chunked

    people = 0
    if mode == "py-whole":
        scored = samatthana.score(samatthana.read_ratings(path))
        people = len(scored)
    elif mode == "py-chunks":
        for part in _chunked.read_ratings_chunks(path, chunksize=chunk):
            people += len(samatthana.score(part))
    elif mode == "py-stream":
        people = _chunked.score_csv_stream(path, out, chunksize=chunk)["people"]
    elif mode == "dask":
        people = dask_run(path)
    print(f"people={people} seconds={time.perf_counter() - t0:.3f}")
    del pd


def dask_run(path: str) -> int:
    import dask.dataframe as dd
    import distributed

    import samatthana.dask as sd

    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                       silence_logs=40, memory_limit=0)
    client = distributed.Client(cluster)
    try:
        t0 = time.perf_counter()
        ddf = dd.read_csv(path, blocksize=32 * 2**20, dtype={"person_id": object, "position": object})
        summary = sd.summarize(sd.score(ddf), by="unit", check=False)
        secs = time.perf_counter() - t0

        def peak() -> int:
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB

        peaks = client.run(peak)
        print("dask workers peak RSS MiB: " + ", ".join(f"{v / 1024:.0f}" for v in peaks.values()) +
              f"; score+summarize {secs:.1f} s")
        return int(summary["people"].sum())
    finally:
        client.close()
        cluster.close()


def measure(cmd: list, env: dict) -> tuple:
    """(seconds, peak RSS MiB, stdout) of `cmd` under /usr/bin/time -v."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", r.stderr).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return secs, rss, r.stdout


# ---- threads -----------------------------------------------------------------------------------

def _calibrated(make, call, rows: int, seconds: float, cap: int) -> int:
    """Rows for which one call on one thread takes about `seconds` (from a timed call on `rows`)."""
    data = make(rows)
    call(data)
    t0 = time.thread_time()
    call(data)
    per_row = max((time.thread_time() - t0) / rows, 1e-9)
    return max(rows, min(cap, int(seconds / per_row * 1.15)))


def gil_share(call, data, calls: int) -> float:
    """What of one score(df) call (result freed included) holds the GIL, in CPU time of the
    calling thread, so nearly independent of the load: the columnar path counts its CPU time
    without the GIL (_speed_without_gil_seconds). With a share g of a call holding the GIL, calls
    from 2 threads can at best take 2 cores while g <= 1/2 (speed-up min(2, 1/g)). Prints and
    returns the median share."""
    import statistics

    from samatthana import _samatthana as _m

    total, free, dels = [], [], []
    for _ in range(calls):
        _m._speed_without_gil_seconds()
        c0 = time.thread_time()
        out = call(data)
        c1 = time.thread_time()
        del out
        c2 = time.thread_time()
        total.append(c2 - c0)
        dels.append(c2 - c1)
        free.append(_m._speed_without_gil_seconds())
    t, f, d = statistics.median(total), statistics.median(free), statistics.median(dels)
    g = (t - f) / t
    print(f"threads score(df)     GIL held {(t - f) * 1000:.0f} ms of {t * 1000:.0f} ms CPU a call ({g:.0%}; of it "
          f"{d * 1000:.0f} ms freeing the result), so 2 threads can reach {min(2.0, 1 / g):.2f}x (median of {calls} "
          f"calls, CPU time of the calling thread; load average {os.getloadavg()[0]:.1f})", flush=True)
    return g


def threads_figure(n: int, rounds: int = 5, call_seconds: float = 0.1, quick: bool = False) -> float:
    """Issue 21: batch calls from 2 Python threads on 2 cores. The library's own threads are off
    (samatthana.scoring.set_threads(1)), so each call runs on its caller's thread; the calls are
    sized to take >= `call_seconds` each on one thread (n = 0: calibrated; else n rows). Each
    round runs 4 calls one after the other on one thread, then 4 calls from a pool of 2 threads;
    the rounds alternate so that both meet the same load, and the speed-up printed is the median
    of the per-round ratios (best in brackets). Prints the load average: with other work on the
    machine, 2 threads cannot get 2 cores. Returns the lower median speed-up."""
    import concurrent.futures as cf
    import statistics
    import threading

    import pandas as pd

    import samatthana
    from samatthana import scoring

    rng = np.random.default_rng(7)

    def arrays(m: int) -> tuple:
        held = rng.integers(0, 6, (m, 5)).astype(np.int8)
        return held, rng.integers(1, 4, (m, 5)).astype(np.int8), rng.uniform(40, 100, m)

    def frame(m: int) -> "pd.DataFrame":
        units = np.array(UNITS, dtype=object)
        return pd.DataFrame({"person_id": [f"P{i:09d}" for i in range(m)],
                             "name": [f"{FIRST[i % 8]} {LAST[(i // 8) % 8]}" for i in range(m)],
                             "unit": units[np.arange(m) % len(UNITS)],
                             "position": np.array(POSITIONS, dtype=object)[rng.integers(0, len(POSITIONS), m)],
                             **{c: rng.integers(0, 6, m) for c in IDS}, "results": rng.uniform(40, 100, m)})

    local = threading.local()

    def own_outputs(rows: int) -> dict:
        """This thread's own outputs for calls of `rows` rows (made on its first such call)."""
        out = getattr(local, "out", None)
        if out is None or out["part"].shape[0] != rows:
            out = local.out = scoring.empty_outputs(rows, len(IDS))
        return out

    def reusing(a: tuple) -> dict:
        """score_arrays writing into this thread's own outputs."""
        return scoring.score_arrays(a[0], a[1], results=a[2], out=own_outputs(len(a[0])))

    def from_frame(df: "pd.DataFrame") -> dict:
        """The same from the ratings DataFrame: expected levels of its positions, its level
        columns read in place, into this thread's own outputs."""
        return scoring.score_arrays(df, scoring.expected_levels(df["position"]),
                                    results=df["results"].to_numpy(), out=own_outputs(len(df)))

    # name: (make data of m rows, one call, rows to calibrate on, most rows a call may take)
    jobs = {"score_arrays": (arrays, lambda a: scoring.score_arrays(a[0], a[1], results=a[2]), 1_000_000, 6_000_000),
            "score_arrays out=": (arrays, reusing, 1_000_000, 6_000_000),
            "score_arrays(df) out=": (frame, from_frame, 200_000, 2_000_000),
            "score(df)": (frame, lambda df: samatthana.score(df, results="results"), 200_000, 2_000_000)}
    before = scoring.set_threads(1)
    worst = float("inf")
    try:
        with cf.ThreadPoolExecutor(2) as pool:
            for name, (make, call, probe, cap) in jobs.items():
                rows = n or (20_000 if quick else _calibrated(make, call, probe, call_seconds, cap))
                data = make(rows)
                call(data)
                both = threading.Barrier(2)  # one warm call on each pool thread (its own outputs made)
                list(pool.map(lambda _: (both.wait(), call(data)), range(2)))
                ratios, ones, twos, busy = [], [], [], []
                for _ in range(1 if quick else rounds):
                    t0 = time.perf_counter()
                    for _ in range(4):
                        call(data)
                    one = time.perf_counter() - t0
                    t0, c0 = time.perf_counter(), time.process_time()
                    list(pool.map(lambda _: call(data), range(4)))
                    two = time.perf_counter() - t0
                    ratios.append(one / two)
                    ones.append(one / 4)
                    twos.append(two)
                    busy.append((time.process_time() - c0) / two)
                speed_up = statistics.median(ratios)
                worst = min(worst, speed_up)
                print(f"threads {name:21s} 4 calls x {rows} rows ({statistics.median(ones):.3f} s a call on one "
                      f"thread): 1 thread {statistics.median(ones) * 4:6.3f} s, 2 threads {statistics.median(twos):6.3f} s,"
                      f" speed-up {speed_up:.2f}x (median of {len(ratios)} rounds; best {max(ratios):.2f}x; "
                      f"2 threads kept {statistics.median(busy):.2f} cores busy; load average "
                      f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
                if name == "score(df)":
                    gil_share(call, data, 3 if quick else 9)
    finally:
        scoring.set_threads(before)
    return worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="1000000,10000000")
    ap.add_argument("--bench", default="build-scale/benchmarks/bench_stream", help="the bench_stream program")
    ap.add_argument("--cli", default="", help="the samatthana CLI (optional)")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "samatthana-bench-scale"))
    ap.add_argument("--chunk", type=int, default=65536)
    ap.add_argument("--skip", default="")
    ap.add_argument("--threads-rows", type=int, default=0,
                    help="rows per call in the threads figure (0: sized for >= 0.1 s a call)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads-only", action="store_true",
                    help="only the threads figure (2 threads vs 1 for score_arrays and score(df))")
    ap.add_argument("--child", nargs=4, metavar=("MODE", "PATH", "OUT", "CHUNK"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        return child(a.child[0], a.child[1], a.child[2], int(a.child[3]))
    if a.threads_only:
        threads_figure(a.threads_rows, quick=a.quick)
        return None
    rows = [20_000] if a.quick else [int(r) for r in a.rows.split(",")]
    skip = set(filter(None, a.skip.split(",")))
    os.makedirs(a.workdir, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p and os.path.isdir(os.path.join(p, "samatthana")))
    print(f"{'rows':>10} {'mode':11} {'seconds':>8} {'peak MiB':>9}  notes")
    for n in rows:
        path = os.path.join(a.workdir, f"ratings-{n}.csv")
        if not os.path.exists(path):
            t0 = time.perf_counter()
            generate(path, n)
            print(f"# generated {path} ({os.path.getsize(path) / 2**20:.0f} MiB) in {time.perf_counter() - t0:.0f} s")
        out = os.path.join(a.workdir, "scores.csv")
        for mode in MODES:
            if mode in skip or (mode.startswith("cli") and not a.cli):
                continue
            if mode.startswith("cpp"):
                cmd = [a.bench, mode[4:], path, out, str(a.chunk)]
            elif mode.startswith("cli"):
                cmd = [a.cli, "score", path] + [x.format(out=out) for x in CLI_ARGS[mode]]
            else:
                cmd = [sys.executable, os.path.abspath(__file__), "--child", mode, path, out, str(a.chunk)]
            secs, rss, stdout = measure(cmd, env)
            note = " ".join(line for line in stdout.splitlines() if line.startswith("dask"))
            if mode == "cli-summary":
                note = stdout.splitlines()[2] if len(stdout.splitlines()) > 2 else ""  # "จำนวนผู้รับการประเมิน N คน"
            print(f"{n:>10} {mode:11} {secs:8.1f} {rss:9.0f}  {note}", flush=True)
    threads_figure(a.threads_rows, quick=a.quick)


if __name__ == "__main__":
    main()
