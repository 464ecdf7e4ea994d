#!/usr/bin/env python3
"""Writes data/activities/dpis-tisi-guide.json from Part C of data/sources/ocsc-dictionary-in-dpis.txt
(DPIS's PER_DEVELOPE_GUIDE seed, an agency-specific development guide).

Only the rows the guide shares by concept with the shipped OCSC sets are taken: codes 101-105 (the
core competencies, same concepts as ocsc-core-2552/2548) and 201-206 (the managerial ones,
ocsc-managerial-2552). Its codes 301-315 are that agency's own functional competencies, not the OCSC
301-316, so they are left out (docs/activities.md). Rows are joined to our competencies by id, never
by DPIS code (the BMA set numbers the same concepts differently).

Text is copied as transcribed: each DESCRIPTION line one line of the value (blank lines kept)."""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "ocsc-dictionary-in-dpis.txt"
OUT = ROOT / "data" / "activities" / "dpis-tisi-guide.json"

# The guide's code -> our competency id (by concept; the heading of each code in Part C names both).
IDS = {"101": "achievement", "102": "service", "103": "expertise", "104": "integrity", "105": "teamwork",
       "201": "leadership", "202": "visioning", "203": "strategic_orientation", "204": "change_leadership",
       "205": "self_control", "206": "coaching_empowering_others"}

ROW = re.compile(r"^--- PD_GUIDE_ID (\d+) · competency (\d+) · level (\d)\s+\[full: line (\d+); short: line (\d+)\]$")
COURSE = "ชื่อหลักสูตรการฝึกอบรม:"


def rows(lines):
    """(guide id, code, level, full line, short title, description1 lines, description2 lines, line no)."""
    cur = None
    part = None
    for no, line in enumerate(lines, 1):
        m = ROW.match(line)
        if m:
            if cur:
                yield cur
            cur = {"guide_id": int(m[1]), "code": m[2], "level": int(m[3]), "source_line": int(m[4]),
                   "short": None, "d1": [], "d2": [], "line": no}
            part = None
            continue
        if cur is None:
            continue
        if line.startswith("ชื่อหลักสูตร (short file): "):
            cur["short"] = line.split(": ", 1)[1]
        elif line == "DESCRIPTION1:":
            part = "d1"
        elif line == "DESCRIPTION2:":
            part = "d2"
        elif part and line.startswith("  "):
            cur[part].append(line[2:])
        elif part and line.strip() == "" and cur[part]:
            part = None  # the blank line that ends a row
        elif line.startswith("=") or line.startswith("#"):
            part = None
    if cur:
        yield cur


def title_of(r):
    """The training course's title as DESCRIPTION2 names it, else the short file's title."""
    for line in r["d2"]:
        if line.startswith(COURSE):
            return line[len(COURSE):].strip(), "description2"
    return r["short"], "short file"


def main():
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("PART C — แนวทางการพัฒนา"))
    end = next(i for i, l in enumerate(lines) if l.startswith("PART D — expected levels and job-line"))
    activities = []
    for r in rows(lines[start:end]):
        if r["code"] not in IDS:
            continue
        title, from_ = title_of(r)
        activities.append({
            "competency": IDS[r["code"]], "level": r["level"], "title": title,
            "description": "\n".join(r["d1"]).rstrip("\n"), "details": "\n".join(r["d2"]).rstrip("\n"),
            "source": f"PD_GUIDE_ID {r['guide_id']}, competency {r['code']}, level {r['level']} "
                      f"(tisi_develope_guide_full.php line {r['source_line']}; title from {from_})"})
    doc = {
        "format": "samatthana-activities/1",
        "id": "dpis-tisi-guide",
        "name": {"th": "แนวทางการพัฒนาสมรรถนะ (ตัวอย่างจาก DPIS)",
                 "en": "Development guide (sample from DPIS)"},
        "frameworks": ["ocsc-core-2552", "ocsc-core-2548", "ocsc-managerial-2552", "ocsc-full-2552"],
        "source": "DPIS PER_DEVELOPE_GUIDE seed, narupak/dpis admin/php_scripts/tisi_develope_guide_full.php "
                  "(commit 01aa04fe), as transcribed in data/sources/ocsc-dictionary-in-dpis.txt Part C; "
                  "rows of codes 101-105 and 201-206 only.",
        "warning": "ตัวอย่างเท่านั้น: แนวทางนี้เป็นข้อมูลตั้งต้นของหน่วยงานหนึ่งใน DPIS (กรมในกระทรวงอุตสาหกรรม) "
                   "ไม่ใช่ของสำนักงาน ก.พ. จับคู่กับสมรรถนะหลักและสมรรถนะผู้บริหารของ ก.พ. ตามความหมาย "
                   "หน่วยงานควรจัดทำแนวทางการพัฒนาของตนเอง",
        "activities": activities,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(activities)} activities")


if __name__ == "__main__":
    main()
