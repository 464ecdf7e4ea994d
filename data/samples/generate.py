#!/usr/bin/env python3
"""Generates the synthetic BMA cohort in data/samples/ (deterministic; no real people).

    /usr/bin/python3 data/samples/generate.py [--people 320] [--out data/samples]

Writes ratings.csv (wide, one row per person; headers mix ids, DPIS codes and Thai names, some
levels in Thai digits, some positions as Thai type and rank), evidence.csv (long: indicator
observations for some people, covering every empty ratings cell), results.csv (KPI part, 0..100)
and ratings-360.csv (several raters per person for one district office: the supervisor's row as in
ratings.csv, a self-assessment, two peers, and subordinates for directors; rater_role / rater_id).
"""
import argparse
import csv
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMEWORK = os.path.join(HERE, "..", "frameworks", "bma-core-2550.json")

UNITS = ["สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน", "สำนักงานเขตจตุจักร", "สำนักการแพทย์",
         "สำนักอนามัย", "สำนักการศึกษา", "สำนักการโยธา", "สำนักงบประมาณกรุงเทพมหานคร"]
POSITIONS = [("O1", "ทั่วไป", "ปฏิบัติงาน", 1), ("O2", "ทั่วไป", "ชำนาญงาน", 1), ("O3", "ทั่วไป", "อาวุโส", 2),
             ("O4", "ทั่วไป", "ทักษะพิเศษ", 3), ("K1", "วิชาการ", "ปฏิบัติการ", 1), ("K2", "วิชาการ", "ชำนาญการ", 2),
             ("K3", "วิชาการ", "ชำนาญการพิเศษ", 3), ("K4", "วิชาการ", "เชี่ยวชาญ", 3), ("K5", "วิชาการ", "ทรงคุณวุฒิ", 3),
             ("D1", "อำนวยการ", "ต้น", 3), ("D2", "อำนวยการ", "สูง", 3), ("M1", "บริหาร", "ต้น", 3), ("M2", "บริหาร", "สูง", 3)]
POSITION_WEIGHTS = [14, 14, 8, 3, 18, 16, 10, 3, 1, 5, 2, 4, 2]
FIRST = ["สมชาย", "สมหญิง", "วิภาวรรณ", "ธนพล", "กมลชนก", "ณัฐวุฒิ", "พรทิพย์", "ศิริพร", "อนุชา", "ปิยะนุช",
         "ชัยวัฒน์", "สุภาพร", "กิตติพงษ์", "นันทนา", "วรวุฒิ", "จันทร์เพ็ญ", "ประเสริฐ", "รัตนา", "อรุณี", "ภานุวัฒน์"]
LAST = ["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "แก้วมณี", "บุญมา", "ทองคำ", "สุขเจริญ", "รุ่งเรือง", "พึ่งบุญ", "มีสุข",
        "จันทร์แก้ว", "ประเสริฐวงศ์", "สมบูรณ์ชัย", "อินทร์แก้ว", "ศักดิ์สิทธิ์"]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
HEADERS = ["person_id", "name", "unit", "position", "คุณธรรมจริยธรรม", "102", "achievement", "teamwork",
           "การสั่งสมความเชี่ยวชาญในงานอาชีพ"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=320)
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--seed", type=int, default=2567)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fw = json.load(open(FRAMEWORK, encoding="utf-8"))
    comps = fw["competencies"]
    ratings, evidence, results = [], [], []
    for i in range(args.people):
        pid = "BKK%05d" % (i + 1)
        code, typ, rank, expected = rng.choices(POSITIONS, POSITION_WEIGHTS)[0]
        position = code if rng.random() < 0.8 else f"{typ} {rank}"
        row = [pid, f"{rng.choice(FIRST)} {rng.choice(LAST)}", UNITS[i % len(UNITS)] if rng.random() < 0.5
               else rng.choice(UNITS), position]
        with_evidence = rng.random() < 0.15
        for c in comps:
            top = len(c["levels"])
            level = max(0, min(top, expected + rng.choices([-2, -1, 0, 1, 2], [3, 17, 55, 20, 5])[0]))
            if rng.random() < 0.01:
                level = 0
            empty = with_evidence and rng.random() < 0.3
            cell = "" if empty else (str(level).translate(THAI) if rng.random() < 0.1 else str(level))
            row.append(cell)
            if with_evidence:
                for lv in c["levels"]:
                    for ind in lv["indicators"]:
                        n = int(ind["id"].split(".")[1])
                        if n <= level:
                            obs = "shown"
                        elif n == level + 1:
                            obs = rng.choice(["shown", "not_shown", "not_observed"])
                        else:
                            obs = "not_shown" if rng.random() < 0.9 else "shown"
                        if n > level + 2 and obs == "not_shown" and rng.random() < 0.7:
                            continue  # not recorded: not observed
                        text = f"บันทึกพฤติกรรม {ind['id']} รอบที่ ๑/๒๕๖๗" if obs == "shown" and rng.random() < 0.3 else ""
                        evidence.append([pid, ind["id"], obs, text])
        ratings.append(row)
        results.append([pid, "%.2f" % min(100.0, max(40.0, rng.gauss(82, 8)))])
    os.makedirs(args.out, exist_ok=True)
    def write(name, header, rows):
        with open(os.path.join(args.out, name), "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(header)
            w.writerows(rows)
    write("ratings.csv", HEADERS, ratings)
    write("evidence.csv", ["person_id", "indicator_id", "observation", "evidence"], evidence)
    write("results.csv", ["person_id", "results"], results)
    write("ratings-360.csv", HEADERS[:4] + ["rater_role", "rater_id"] + HEADERS[4:], raters_360(ratings, comps))


def raters_360(ratings, comps):
    """One row per rater for the people of the first unit whose supervisor rated everything."""
    rng = random.Random(360)
    rows = []
    for row in ratings:
        if row[2] != UNITS[0] or any(cell == "" for cell in row[4:]):
            continue
        pid = row[0]
        levels = [int(cell.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))) for cell in row[4:]]
        rows.append(row[:4] + ["supervisor", "S" + pid[3:]] + row[4:])
        raters = [("self", "")] + [("peer", "PE%03d" % rng.randrange(1000)) for _ in range(2)]
        if row[3] in ("D1", "D2", "M1", "M2"):
            raters += [("subordinate", "SU%03d" % rng.randrange(1000)) for _ in range(3)]
        seen = set()
        for role, rid in raters:
            if (role, rid) in seen:
                continue
            seen.add((role, rid))
            shift = {"self": [0, 1, 1, 2], "peer": [-1, 0, 0, 1], "subordinate": [-1, 0, 1]}[role]
            cells = []
            for c, lv in zip(comps, levels):
                if rng.random() < 0.05:
                    cells.append("")  # this rater did not rate it
                else:
                    cells.append(str(max(0, min(len(c["levels"]), lv + rng.choice(shift)))))
            rows.append([pid, "", "", "", role, rid] + cells)
    return rows


if __name__ == "__main__":
    main()
