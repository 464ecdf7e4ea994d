#!/usr/bin/env python3
"""Formats benchmark, all in one run: reading a ratings table of N rows (default 100 000) from
UTF-8 CSV, cp874 CSV, UTF-16 text and .xlsx (samatthana's readers: the CLI and
samatthana.read_ratings) beside pandas.read_csv and pandas.read_excel (openpyxl); writing the scores
as CSV and as .xlsx (the CLI; libxlsxwriter), the scores DataFrame with samatthana.to_excel (the
same C++ writer) beside DataFrame.to_csv and DataFrame.to_excel (openpyxl); read_ratings in chunks
(chunksize=) of each format beside the whole read. Prints seconds and ratios against the UTF-8 CSV
path and against pandas.

    PYTHONPATH=build-formats/python /usr/bin/python3 benchmarks/bench_formats.py \
        --cli build-formats/samatthana [--rows 100000]
"""
import argparse
import os
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

import samatthana
from samatthana._chunked import read_ratings_chunks

COLUMNS = ["person_id", "name", "unit", "position", "integrity", "service", "achievement", "teamwork",
           "expertise"]
POSITIONS = ["O1", "O2", "O3", "K1", "K2", "K3", "K4", "D1", "M1"]
UNITS = ["สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน", "สำนักการศึกษา", "สำนักอนามัย"]
NAMES = ["สุภาพร ใจดี", "ภานุวัฒน์ มีสุข", "ณัฐธิดา ศรีสวัสดิ์", "ประเสริฐ แก้วมณี"]


def best(fn, reps):
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def frame(n, seed=2567):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "person_id": [f"BKK{i:07d}" for i in range(n)],
        "name": np.array(NAMES)[rng.integers(0, len(NAMES), n)],
        "unit": np.array(UNITS)[rng.integers(0, len(UNITS), n)],
        "position": np.array(POSITIONS)[rng.integers(0, len(POSITIONS), n)],
    })
    for c in COLUMNS[4:]:
        df[c] = rng.integers(1, 5, n)
    return df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--cli", default="build/samatthana")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--pandas-reps", type=int, default=1, help="pandas.read_excel/to_excel are slow")
    ap.add_argument("--no-openpyxl", action="store_true",
                    help="leave out pandas.read_excel and DataFrame.to_excel (minutes each at 100 000 rows); "
                         "the .xlsx fixture is then written by samatthana.to_excel")
    a = ap.parse_args()
    df = frame(a.rows)
    with tempfile.TemporaryDirectory() as d:
        p = {k: os.path.join(d, k) for k in ("r.csv", "r874.csv", "r16.txt", "r.xlsx", "s.csv", "s.xlsx", "pd.xlsx")}
        text = df.to_csv(index=False, lineterminator="\r\n")
        with open(p["r.csv"], "w", encoding="utf-8-sig", newline="") as f:
            f.write(text)
        with open(p["r874.csv"], "wb") as f:
            f.write(text.encode("cp874"))
        with open(p["r16.txt"], "wb") as f:
            f.write(df.to_csv(index=False, sep="\t", lineterminator="\r\n").encode("utf-16"))
        t0 = time.perf_counter()
        if a.no_openpyxl:
            samatthana.to_excel(df, p["r.xlsx"])
        else:
            df.to_excel(p["r.xlsx"], index=False, engine="openpyxl")
        t_pd_write_in = time.perf_counter() - t0
        writer = "samatthana.to_excel" if a.no_openpyxl else "openpyxl"
        print(f"{a.rows} rows; fixture files: csv {os.path.getsize(p['r.csv']):,} B, "
              f"xlsx {os.path.getsize(p['r.xlsx']):,} B ({writer} wrote it in {t_pd_write_in:.2f} s)")
        nan = float("nan")

        rows = []

        def cli(*args):
            subprocess.run([a.cli, *args], check=True, stdout=subprocess.DEVNULL)

        # Reading: the CLI scores the file (read + score + write CSV to /dev/null); Python reads it.
        for label, path, extra in (("UTF-8 CSV", p["r.csv"], []), ("cp874 CSV", p["r874.csv"], ["--encoding", "cp874"]),
                                   ("UTF-16 text", p["r16.txt"], []), (".xlsx", p["r.xlsx"], [])):
            t_cli = best(lambda: cli("score", path, *extra, "-o", "/dev/null"), a.reps)
            enc = "cp874" if label == "cp874 CSV" else "auto"
            t_py = best(lambda: samatthana.read_ratings(path, encoding=enc), a.reps)
            t_chunks = best(lambda: [len(c) for c in read_ratings_chunks(path, chunksize=10_000, encoding=enc)],
                            a.reps)
            rows.append((f"read {label}", t_cli, t_py, t_chunks))
        t_pd_csv = best(lambda: pd.read_csv(p["r.csv"], encoding="utf-8-sig"), a.reps)
        t_pd_xlsx = nan if a.no_openpyxl else best(lambda: pd.read_excel(p["r.xlsx"], engine="openpyxl"),
                                                   a.pandas_reps)

        print(f"\n{'reading':<22} {'CLI score (s)':>14} {'read_ratings (s)':>17} {'vs UTF-8 CSV':>13} "
              f"{'chunks of 10 000 (s)':>21} {'vs whole':>9}")
        base_py = rows[0][2]
        for label, t_cli, t_py, t_chunks in rows:
            print(f"{label:<22} {t_cli:>14.3f} {t_py:>17.3f} {t_py / base_py:>12.2f}x {t_chunks:>21.3f} "
                  f"{t_chunks / t_py:>8.2f}x")
        print(f"{'pandas.read_csv':<22} {'':>14} {t_pd_csv:>17.3f}")
        print(f"{'pandas.read_excel':<22} {'':>14} {t_pd_xlsx:>17.3f}")
        t_xlsx = rows[3][2]
        print(f"read_ratings(.xlsx) is {t_pd_xlsx / t_xlsx:.1f}x faster than pandas.read_excel(openpyxl); "
              f"read_ratings(csv) is {t_pd_csv / base_py:.1f}x pandas.read_csv")

        # Writing the scores.
        help_text = subprocess.run([a.cli, "score", "--help"], capture_output=True, text=True).stdout
        t_w_csv = best(lambda: cli("score", p["r.csv"], "-o", p["s.csv"]), a.reps)
        scores = pd.read_csv(p["s.csv"], encoding="utf-8-sig")
        t_pd_w = nan if a.no_openpyxl else best(
            lambda: scores.to_excel(p["pd.xlsx"], index=False, engine="openpyxl"), a.pandas_reps)
        print(f"\n{'writing scores':<22} {'seconds':>10}")
        print(f"{'CLI -o scores.csv':<22} {t_w_csv:>10.3f}")
        if "xlsx" in help_text:
            t_w_xlsx = best(lambda: cli("score", p["r.csv"], "-o", p["s.xlsx"]), a.reps)
            print(f"{'CLI -o scores.xlsx':<22} {t_w_xlsx:>10.3f}   ({t_w_xlsx / t_w_csv:.2f}x the CSV path)")
            print(f"{'DataFrame.to_excel':<22} {t_pd_w:>10.3f}   (writing only; the CLI also reads and scores: "
                  f"{t_pd_w / t_w_xlsx:.1f}x)")
        else:
            print("CLI -o scores.xlsx: this samatthana's score does not write .xlsx yet")
            print(f"{'DataFrame.to_excel':<22} {t_pd_w:>10.3f}")

        # The scores DataFrame written from Python: to_excel (the C++ writer) beside pandas.
        scored = samatthana.score(samatthana.read_ratings(p["r.csv"]))
        t_to_csv = best(lambda: scored.to_csv(p["s.csv"], index=False), a.reps)
        t_to_excel = best(lambda: samatthana.to_excel(scored, p["s.xlsx"]), a.reps)
        t_pd_scored = nan if a.no_openpyxl else best(
            lambda: scored.to_excel(p["pd.xlsx"], index=False, engine="openpyxl"), a.pandas_reps)
        print(f"\n{'score() DataFrame':<22} {'seconds':>10}")
        print(f"{'DataFrame.to_csv':<22} {t_to_csv:>10.3f}")
        print(f"{'samatthana.to_excel':<22} {t_to_excel:>10.3f}   ({t_to_excel / t_to_csv:.2f}x to_csv)")
        print(f"{'DataFrame.to_excel':<22} {t_pd_scored:>10.3f}   (openpyxl: {t_pd_scored / t_to_excel:.1f}x "
              f"samatthana.to_excel)")


if __name__ == "__main__":
    main()
