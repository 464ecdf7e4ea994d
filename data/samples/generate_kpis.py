#!/usr/bin/env python3
"""Generates data/samples/kpis.csv: a performance agreement (3 to 5 KPIs) for every person of
data/samples/ratings.csv (deterministic; synthetic, no real agreements).

    /usr/bin/python3 data/samples/generate_kpis.py

Weights are whole numbers summing to 100; achieved levels are whole numbers 1..5, a few with a
half (DPIS stores two decimals). Target descriptions are given for the first KPI of each person.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
KPIS = [
    ("ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จภายในเวลาที่กำหนด", ["ร้อยละ 60", "ร้อยละ 70", "ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"]),
    ("จำนวนโครงการที่ดำเนินการตามแผน", ["1 โครงการ", "2 โครงการ", "3 โครงการ", "4 โครงการ", "5 โครงการ"]),
    ("ระดับความพึงพอใจของผู้รับบริการ", ["ร้อยละ 60", "ร้อยละ 65", "ร้อยละ 70", "ร้อยละ 75", "ร้อยละ 80"]),
    ("ร้อยละของการเบิกจ่ายงบประมาณตามแผน", ["ร้อยละ 80", "ร้อยละ 85", "ร้อยละ 90", "ร้อยละ 95", "ร้อยละ 100"]),
    ("จำนวนเรื่องร้องเรียนที่ได้รับการแก้ไข", ["10 เรื่อง", "15 เรื่อง", "20 เรื่อง", "25 เรื่อง", "30 เรื่อง"]),
    ("ความสำเร็จของการจัดทำฐานข้อมูล", ["วางแผน", "เก็บข้อมูล", "จัดทำร่าง", "ทดสอบ", "ใช้งานได้"]),
]


def split_weights(rng, n):
    cuts = sorted(rng.sample(range(1, 20), n - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [20])]
    return [p * 5 for p in parts]


def main():
    rng = random.Random(2567)
    with open(os.path.join(HERE, "ratings.csv"), encoding="utf-8-sig") as f:
        people = [row["person_id"] for row in csv.DictReader(f)]
    rows = []
    for pid in people:
        n = rng.randint(3, 5)
        chosen = rng.sample(range(len(KPIS)), n)
        for k, (w, i) in enumerate(zip(split_weights(rng, n), chosen)):
            name, targets = KPIS[i]
            achieved = rng.choices([1, 2, 3, 4, 5], [2, 6, 25, 45, 22])[0]
            if achieved < 5 and rng.random() < 0.05:
                achieved += 0.5
            rows.append([pid, f"K{k + 1}", name, w] + (targets if k == 0 else [""] * 5) + [achieved])
    with open(os.path.join(HERE, "kpis.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["person_id", "kpi_id", "name", "weight", "target_1", "target_2", "target_3",
                    "target_4", "target_5", "achieved"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
