#!/usr/bin/env python3
"""Report benchmark: ``samatthana.person_sheets`` for a whole cohort (target: 80 000 people in
under a minute on the 2-core test machine; it was quadratic, 8 000 took 15.7 s), the growth from
n/10 to n people (linear: about 10×), the old one-call-per-person path on a small cohort for
comparison, and rendering a sample of the sheets to HTML. Prints figures and ratios in one run.

    PYTHONPATH=build-notebook/python /usr/bin/python3 benchmarks/bench_reports.py --people 80000

The cohort is synthetic (Thai names and units, BMA positions, evidence for one person in ten,
results for everyone), written to a temporary directory as the CSV files the CLI reads.
"""
from __future__ import annotations

import argparse
import csv
import pathlib
import random
import tempfile
import time
from typing import Any, Callable, Tuple

import samatthana
import samatthana.report as rp

POSITIONS = ["O1", "O2", "O3", "K1", "K2", "K3", "K4", "D1", "M1", "M2"]
UNITS = ["สำนักการแพทย์", "สำนักอนามัย", "สำนักการศึกษา", "สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน",
         "สำนักงานเขตจตุจักร", "สำนักการโยธา", "สำนักงบประมาณกรุงเทพมหานคร"]
FIRST = ["สมชาย", "สุภาพร", "ภานุวัฒน์", "รัตนา", "วิไล", "ประเสริฐ", "กมล", "อรุณี"]
LAST = ["ใจดี", "มีสุข", "สมบูรณ์ชัย", "ประเสริฐวงศ์", "ศรีสุข", "บุญมา"]
TARGET_PEOPLE, TARGET_SECONDS = 80_000, 60.0


def write_cohort(n: int, folder: pathlib.Path, seed: int = 2567) -> Tuple[pathlib.Path, pathlib.Path, pathlib.Path]:
    rnd = random.Random(seed)
    fw = samatthana.bma_core()
    comps = [c.id for c in fw.competencies]
    tops = [c.max_level for c in fw.competencies]
    ratings, evidence, results = folder / "ratings.csv", folder / "evidence.csv", folder / "results.csv"
    with open(ratings, "w", encoding="utf-8", newline="") as f, \
            open(evidence, "w", encoding="utf-8", newline="") as g, \
            open(results, "w", encoding="utf-8", newline="") as h:
        rw, ew, hw = csv.writer(f), csv.writer(g), csv.writer(h)
        rw.writerow(["person_id", "name", "unit", "position", *comps])
        ew.writerow(["person_id", "indicator_id", "observation", "evidence"])
        hw.writerow(["person_id", "results"])
        for i in range(n):
            pid = f"P{i:07d}"
            rw.writerow([pid, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", rnd.choice(UNITS), rnd.choice(POSITIONS),
                         *[rnd.randint(0, t) for t in tops]])
            hw.writerow([pid, f"{rnd.uniform(50, 100):.2f}"])
            if i % 10 == 0:
                ew.writerow([pid, "integrity.1.1", "shown", "ตัวอย่างหลักฐาน"])
    return ratings, evidence, results


def timed(fn: Callable[[], Any]) -> Tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=TARGET_PEOPLE)
    ap.add_argument("--one-by-one", type=int, default=300, help="cohort size for the per-person path")
    args = ap.parse_args()
    n = args.people
    with tempfile.TemporaryDirectory(prefix="samatthana-bench-reports-") as tmp:
        folder = pathlib.Path(tmp)
        small = folder / "small"
        small.mkdir()
        r, e, s = write_cohort(n, folder)
        r10, e10, s10 = write_cohort(max(n // 10, 1), small)
        t10, _ = timed(lambda: rp.person_sheets(r10, evidence=e10, results=s10))
        t, sheets = timed(lambda: rp.person_sheets(r, evidence=e, results=s))
        assert len(sheets) == n
        print(f"person_sheets, {n:,} people: {t:.2f} s ({1e6 * t / n:.0f} µs a person); "
              f"target {TARGET_PEOPLE:,} in < {TARGET_SECONDS:.0f} s")
        print(f"person_sheets, {n // 10:,} people: {t10:.2f} s; growth ×{t / t10:.1f} for ×10 people (linear ≈ 10)")
        k = min(args.one_by_one, n // 10)
        ids = [x.person_id for x in sheets[:k]]
        t1, _ = timed(lambda: [rp.person_sheet(r10, pid, evidence=e10, results=s10) for pid in ids])
        print(f"person_sheet one call a person, {k:,} of {n // 10:,}: {t1:.2f} s "
              f"(each call reads the files again); person_sheets is ×{(t1 / k) / (t10 / max(n // 10, 1)):.0f} "
              f"faster a person")
        sample = sheets[:: max(n // 200, 1)]
        th, _ = timed(lambda: [x.to_html() for x in sample])
        print(f"to_html: {1e3 * th / len(sample):.1f} ms a sheet ({len(sample)} rendered)")
        if n >= TARGET_PEOPLE:
            verdict = "PASS" if t < TARGET_SECONDS else "FAIL"
            print(f"{verdict}: {n:,} sheets in {t:.1f} s (target < {TARGET_SECONDS:.0f} s)")


if __name__ == "__main__":
    main()
