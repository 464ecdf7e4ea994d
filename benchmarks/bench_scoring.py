#!/usr/bin/env python3
"""Scoring benchmark, all in one run: the numpy batch path (samatthana.scoring.score_arrays),
the C++ batch path (bench_scoring, same data size), an idiomatic pandas implementation of the same
BMA rules, and CSV ingestion (samatthana reader vs pandas.read_csv). Prints figures and ratios.

    PYTHONPATH=build-scoring/python /usr/bin/python3 benchmarks/bench_scoring.py \
        --people 1000000 --cpp build-scoring/benchmarks/bench_scoring
"""
import argparse
import os
import re
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

import samatthana.scoring as sc

EXPECTED_BY_POS = {"O1": 1, "O2": 1, "O3": 2, "O4": 3, "K1": 1, "K2": 2, "K3": 3, "K4": 3, "K5": 3,
                   "D1": 3, "D2": 3, "M1": 3, "M2": 3}
IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]
MAXL = np.array([5, 6, 5, 5, 5], dtype=np.int8)


def best(fn, reps=3):
    t = float("inf")
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        t = min(t, time.perf_counter() - t0)
    return t, out


def cohort(n, seed=2567):
    rng = np.random.default_rng(seed)
    codes = np.array(list(EXPECTED_BY_POS))
    pos = codes[rng.integers(0, len(codes), n)]
    exp1 = np.array([EXPECTED_BY_POS[p] for p in codes], dtype=np.int8)[np.searchsorted(codes, pos, sorter=np.argsort(codes)).clip(0)]
    exp1 = pd.Series(pos).map(EXPECTED_BY_POS).to_numpy(np.int8)
    expected = np.repeat(exp1[:, None], 5, axis=1)
    held = np.clip(expected + rng.integers(-2, 3, (n, 5)), 0, MAXL).astype(np.int8)
    results = 50 + rng.integers(0, 5001, n) / 100.0
    return pos, held, np.ascontiguousarray(expected), results


def pandas_bma(df):
    """Idiomatic pandas: the BMA rules column by column, DPIS rounding, totals, bands."""
    out = pd.DataFrame(index=df.index)
    pts = []
    for c in IDS:
        gap = df[f"{c}_held"] - df[f"{c}_expected"]
        p = (4 + gap).clip(upper=5, lower=0).where(df[f"{c}_held"] != 0, 0)
        out[f"{c}_gap"] = gap
        out[f"{c}_points"] = p
        pts.append(p)
    part = pd.concat(pts, axis=1).mean(axis=1) / 5 * 30
    # DPIS: round(round(x, 3), 2), halves away from zero.
    def round_away(x, d):
        f = 10.0 ** d
        return np.sign(x) * np.floor(np.abs(x) * f + 0.5 + 1e-9) / f
    out["part"] = round_away(round_away(part, 3), 2)
    out["total"] = round_away(round_away(df["results"] * 0.7 + out["part"], 3), 2)
    out["band"] = pd.cut(out["total"], [-np.inf, 60, 70, 80, 90, np.inf], right=False,
                         labels=["ต้องปรับปรุง", "พอใช้", "ดี", "ดีมาก", "ดีเด่น"])
    return out


def pandas_rowwise(df):
    """The row-by-row version analysts often write first (DataFrame.apply over people): the same
    BMA rules, one Python call per person. Shown for context next to the vectorised baseline."""
    bands = [(90, "ดีเด่น"), (80, "ดีมาก"), (70, "ดี"), (60, "พอใช้"), (-1, "ต้องปรับปรุง")]

    def person(row):
        pts = []
        for c in IDS:
            held, exp = row[f"{c}_held"], row[f"{c}_expected"]
            pts.append(0 if held == 0 else max(0, min(5, 4 + held - exp)))
        part = round(round(sum(pts) / len(pts) / 5 * 30 + 1e-12, 3), 2)
        total = round(round(row["results"] * 0.7 + part + 1e-12, 3), 2)
        return pd.Series({"part": part, "total": total, "band": next(b for t, b in bands if total >= t)})

    return df.apply(person, axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--cpp", default="build-scoring/benchmarks/bench_scoring")
    args = ap.parse_args()
    n = args.people
    pos, held, expected, results = cohort(n)

    t_np, out = best(lambda: sc.score_arrays(held, expected, results=results), reps=5)
    df = pd.DataFrame({"person_id": [f"P{i:07d}" for i in range(n)], "position": pos, "results": results})
    for j, c in enumerate(IDS):
        df[f"{c}_held"] = held[:, j]
        df[f"{c}_expected"] = expected[:, j]
    t_pd, ref = best(lambda: pandas_bma(df), reps=3)
    assert np.allclose(ref["part"].to_numpy(), out["part"]), "pandas and samatthana disagree"
    assert np.allclose(ref["total"].to_numpy(), out["total"]), "pandas and samatthana disagree on totals"
    print(f"numpy batch (score_arrays)   people={n} seconds={t_np:.4f}")
    print(f"pandas idiomatic             people={n} seconds={t_pd:.4f}")
    print(f"ratio pandas / numpy batch   {t_pd / t_np:.1f}x")
    # Row-wise apply is too slow for a million people: timed on the first 20 000, against the
    # numpy path on the same people.
    m = min(n, 20_000)
    small = df.iloc[:m]
    t_ap, ref_ap = best(lambda: pandas_rowwise(small), reps=1)
    t_np_small, out_small = best(lambda: sc.score_arrays(held[:m], expected[:m], results=results[:m]), reps=5)
    assert np.allclose(ref_ap["part"].to_numpy(float), out_small["part"]), "row-wise pandas disagrees"
    print(f"pandas row-wise apply        people={m} seconds={t_ap:.4f}")
    print(f"numpy batch (same people)    people={m} seconds={t_np_small:.5f}")
    print(f"ratio pandas apply / numpy   {t_ap / t_np_small:.0f}x")

    # CSV ingestion: the ratings file as the CLI reads it.
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "ratings.csv")
    # Realistic text: every name different (as people's are), units from a few district offices.
    first = np.array(["สมชาย", "สมหญิง", "วิภาวรรณ", "ธนพล", "กมลชนก", "ณัฐวุฒิ", "พรทิพย์", "ศิริพร"])
    last = np.array(["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "แก้วมณี", "บุญมา", "ทองคำ", "สุขเจริญ", "รุ่งเรือง"])
    idx = np.arange(n)
    names = pd.Series(first[idx % 8]) + " " + pd.Series(last[(idx // 8) % 8]) + pd.Series(idx // 64).astype(str)
    units = np.array(["สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน", "สำนักงานเขตจตุจักร", "สำนักการแพทย์",
                      "สำนักอนามัย", "สำนักการศึกษา", "สำนักการโยธา", "สำนักงบประมาณกรุงเทพมหานคร"])
    wide = pd.DataFrame({"person_id": df["person_id"], "name": names, "unit": units[idx % 8], "position": pos})
    for j, c in enumerate(IDS):
        wide[c] = held[:, j]
    wide.to_csv(path, index=False, encoding="utf-8-sig")
    # Alternating rounds, medians: page-cache and allocator state favour whichever runs second.
    times = {"ours": [], "pandas": []}
    for k in range(5):
        for who in (("ours", "pandas") if k % 2 == 0 else ("pandas", "ours")):
            t0 = time.perf_counter()
            got = sc.read_ratings(path) if who == "ours" else pd.read_csv(path, encoding="utf-8-sig")
            times[who].append(time.perf_counter() - t0)
            assert len(got) == n
            del got
    t_rs, t_rc = (float(np.median(times[w])) for w in ("ours", "pandas"))
    size = os.path.getsize(path) / 1e6
    print(f"csv samatthana.read_ratings  rows={n} MB={size:.1f} median seconds={t_rs:.4f} (5 rounds)")
    print(f"csv pandas.read_csv          rows={n} MB={size:.1f} median seconds={t_rc:.4f} (5 rounds)")
    print(f"ratio pandas / samatthana csv {t_rc / t_rs:.2f}x")

    if os.path.exists(args.cpp):
        txt = subprocess.run([args.cpp, str(n), path], capture_output=True, text=True, check=True).stdout
        print(txt, end="")
        m = re.search(r"cpp_batch method=bma people=\d+ seconds=([0-9.]+)", txt)
        t_cpp = float(m.group(1))
        print(f"ratio numpy batch / C++ batch {t_np / t_cpp:.2f}x")
        m = re.search(r"cpp_csv rows=\d+ bytes=\d+ seconds=([0-9.]+)", txt)
        if m:
            print(f"ratio pandas / C++ csv       {t_rc / float(m.group(1)):.2f}x")
    else:
        print(f"(C++ benchmark {args.cpp} not built; configure with -DSAMATTHANA_BENCHMARKS=ON)")
    os.remove(path)


if __name__ == "__main__":
    main()
