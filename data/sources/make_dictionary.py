#!/usr/bin/env python3
"""Generates data/frameworks/ocsc-managerial-2552.json and ocsc-functional-2552.json from the
transcription data/sources/ocsc-dictionary-in-dpis.txt (parts A and B).

The shipped JSON is the product; this script only records how it was made. It parses the
transcription, strips the cumulative title prefix "แสดงสมรรถนะระดับที่ k-1 และ" (checking that it
names level k-1), applies the corrections listed in CORRECTIONS (each one must match the source
text exactly once) and writes the files in canonical form through the library itself
(samatthana.load_framework(...).to_json()), so that loading and saving gives the same bytes.

Usage (from the repository root, with the Python module built):
    PYTHONPATH=build-<dir>/python python3 data/sources/make_dictionary.py [--check]
--check writes nothing and fails if the shipped files differ from what would be generated.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data/sources/ocsc-dictionary-in-dpis.txt"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dictionary_en import EN  # noqa: E402  (the project's English translation, keyed like CORRECTIONS)

# DPIS code -> stable id, derived from the English name DPIS gives.
IDS = {
    "201": "leadership",
    "202": "visioning",
    "203": "strategic_orientation",
    "204": "change_leadership",
    "205": "self_control",
    "206": "coaching_empowering_others",
    "301": "analytical_thinking",
    "302": "conceptual_thinking",
    "303": "caring_others",
    "304": "holding_people_accountable",
    "305": "information_seeking",
    "306": "cultural_sensitivity",
    "307": "interpersonal_understanding",
    "308": "organizational_awareness",
    "309": "proactiveness",
    "310": "concern_for_order",
    "311": "self_confidence",
    "312": "flexibility",
    "313": "communication_influencing",
    "314": "aesthetic_quality",
    "315": "organizational_commitment",
    "316": "relationship_building",
}

# Where -> (source text, corrected text, note). "Where" is a competency id followed by
# ".definition", ".<level>.title" or ".<level>.<n>" (an indicator). The source text must occur
# exactly once in that field; the correction's source_text is the whole field as transcribed.
SPACE = ("Stray space: the space {what}; Thai writes no space there. Spacing only, the wording "
         "is unchanged.")
CORRECTIONS = {
    "change_leadership.1.2": (
        "รับการ เปลี่ยนแปลง", "รับการเปลี่ยนแปลง",
        SPACE.format(what="splits the word การเปลี่ยนแปลง ('change')")),
    "strategic_orientation.4.1": (
        "ในการกำหนด กลยุทธ์ภาครัฐ", "ในการกำหนดกลยุทธ์ภาครัฐ",
        SPACE.format(what="splits the term การกำหนดกลยุทธ์ ('setting strategy'), which the four level "
                     "titles of this competency write unspaced")),
    "coaching_empowering_others.definition": (
        "ว่าจะ สามารถ", "ว่าจะสามารถ",
        SPACE.format(what="separates the auxiliary จะ from the verb it governs (ว่าจะสามารถ, 'that … "
                     "will be able to')")),
    "interpersonal_understanding.2.1": (
        "ของ ผู้ที่ติดต่อด้วย", "ของผู้ที่ติดต่อด้วย",
        SPACE.format(what="separates the preposition ของ from its object; the definition of this "
                     "competency writes ของผู้ที่ติดต่อด้วย unspaced")),
    "proactiveness.definition": (
        "โดยอาจ ไม่มีใครร้องขอ", "โดยอาจไม่มีใครร้องขอ",
        SPACE.format(what="separates the auxiliary อาจ ('may') from its verb; indicator 2.1 of this "
                     "competency writes โดยอาจไม่มีใครร้องขอ unspaced")),
    "communication_influencing.1.1": (
        "นำเสนอ ข้อมูล", "นำเสนอข้อมูล",
        SPACE.format(what="separates the verb นำเสนอ ('present') from its object; the level title "
                     "writes the same phrase, นำเสนอข้อมูล หรือความเห็นอย่างตรงไปตรงมา, unspaced")),
    "concern_for_order.2.1": (
        "ในหน้าที่ ความรับผิดชอบ", "ในหน้าที่ความรับผิดชอบ",
        SPACE.format(what="splits the set phrase หน้าที่ความรับผิดชอบ ('duties and responsibilities'), "
                     "which indicator 3.1 of this competency writes unspaced")),
    "conceptual_thinking.5.1": (
        "ปรากฎ", "ปรากฏ",
        "Spelling: ปรากฎ (with ฎ) is a common misspelling of ปรากฏ (with ฏ), 'to appear'; the "
        "same correction is made in ocsc-core-2552 (integrity.2.2)."),
    "flexibility.3.title": (
        "วิจารณญาน", "วิจารณญาณ",
        "Spelling: วิจารณญาน (final น) is a common misspelling of วิจารณญาณ (final ณ), "
        "'judgement'; indicator 3.1 has the same slip."),
    "flexibility.3.1": (
        "วิจารณญาน", "วิจารณญาณ",
        "Spelling: วิจารณญาน (final น) is a common misspelling of วิจารณญาณ (final ณ), "
        "'judgement'; the level title has the same slip."),
}

# Level titles whose cumulative prefix is not the standard one. The title's correction records the
# whole title as the source writes it; the stored title is the distinctive part, as for every
# other level, and Competency::full_title() gives the standard prefix.
BAD_PREFIXES = {
    "caring_others.3.title": (
        "แสดงสมรรถนะที่ 2 และ",
        "Level title: the cumulative prefix reads แสดงสมรรถนะที่ 2 และ, without ระดับ, where every "
        "other title of the dictionary reads แสดงสมรรถนะระดับที่ N และ ('shows competency level N "
        "and'). The prefix is not stored (levels are cumulative); the distinctive part of the title "
        "is unchanged."),
}

WITNESS = {
    "managerial": ("PER_COMPETENCE lines 375-405 (codes 201-206), PER_COMPETENCE_LEVEL line 519 (level 0) "
                   "and lines 913-1127 (levels 1-5)"),
    "functional": ("PER_COMPETENCE lines 411-501 (codes 301-316), PER_COMPETENCE_LEVEL line 519 (level 0) "
                   "and lines 1128-1682 (levels 1-5)"),
}

NOTES = {
    "managerial": (
        "Text of record: the six OCSC managerial competencies (สมรรถนะผู้บริหาร, DPIS CP_MODEL 2, codes "
        "201-206) of the 2552 BE dictionary as DPIS installs them for non-BMA agencies (witness "
        "dpis-kpi-competence), transcribed in the source document, part A. The printed OCSC dictionary "
        "was not available, so the text is unverified against it. Source defect that is not a text "
        "correction: DPIS's INSERT for coaching_empowering_others level 2 (kpi_competence.php line 1099) "
        "has a malformed column list, \"(CP_CODE,, DEPARTMENT_ID CL_NO, ...)\", so it fails when DPIS seeds "
        "its database (errors are not shown) and a DPIS-built database lacks that level; the text is in "
        "the source and is shipped here. The English competency names are DPIS's; all other English "
        "(framework name, level 0, definitions, level titles, indicators) is the project's translation. "
        "Thai text is normalised (spaces collapsed, ๆ spaced); the title prefixes \"และ สร้าง\" (visioning "
        "level 3) and \"และ กำหนด\" (strategic_orientation level 4) lose their space with the prefix. "
        "Corrections are recorded on change_leadership.1.2, strategic_orientation.4.1 and the "
        "coaching_empowering_others definition (stray spaces). Expected levels by position (DPIS: D1=1, "
        "D2=2, M1=3, M2=4, no other position level) are not part of this file. See "
        "docs/ocsc-dictionary-decisions.md."),
    "functional": (
        "Text of record: the sixteen OCSC functional competencies (สมรรถนะประจำสายงาน, DPIS CP_MODEL 3, "
        "codes 301-316) of the 2552 BE dictionary as DPIS installs them for non-BMA agencies (witness "
        "dpis-kpi-competence), transcribed in the source document, part B. The printed OCSC dictionary "
        "was not available, so the text is unverified against it. Which functional competencies a job "
        "line (สายงาน) requires is not in DPIS's OCSC seed data, so none is recorded. The English "
        "competency names are DPIS's; all other English (framework name, level 0, definitions, level "
        "titles, indicators) is the project's translation. Thai text is normalised (spaces collapsed, "
        "ๆ spaced). Corrections: caring_others level 3 title (cumulative prefix without ระดับ), "
        "conceptual_thinking.5.1 (ปรากฎ), flexibility level 3 title and flexibility.3.1 (วิจารณญาน), and "
        "stray spaces in interpersonal_understanding.2.1, communication_influencing.1.1, "
        "concern_for_order.2.1 and the proactiveness definition. The codes 301-315 of DPIS's development guide (PER_DEVELOPE_GUIDE, "
        "an agency seed) are that agency's own functional set, not these, so the guide is not joined "
        "to this file. See docs/ocsc-dictionary-decisions.md."),
}

FRAMEWORKS = {
    "managerial": {
        "id": "ocsc-managerial-2552",
        "part": "PART A",
        "name": {"th": "สมรรถนะผู้บริหาร (ก.พ.) พ.ศ. ๒๕๕๒", "en": "OCSC managerial competencies, 2552 BE (2009)"},
    },
    "functional": {
        "id": "ocsc-functional-2552",
        "part": "PART B",
        "name": {"th": "สมรรถนะประจำสายงาน (ก.พ.) พ.ศ. ๒๕๕๒", "en": "OCSC functional competencies, 2552 BE (2009)"},
    },
}

DPIS_DESCRIPTION = (
    "DPIS seed data, public copy narupak/dpis, snapshot 01aa04fe21f3aaa36c3c28cf46b9fcea4aa5c34d (files "
    "unchanged since the first commit c515097196fb1a2ef4337ba87ce1a766cab0d9e4), CP874 converted to UTF-8: "
    "admin/php_scripts/kpi_competence.php (blob 549a5cea01e5a4203b2513b530bd3b8a703e56ad), non-BMA branch: "
    "{where}. Text of record.")


def parse_part(marker: str) -> list[dict]:
    """The competencies of one part of the transcription, texts exactly as transcribed."""
    comps: list[dict] = []
    inside = False
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("PART ") and " — " in line:
            inside = line.startswith(marker + " ")
            continue
        if not inside:
            continue
        if m := re.fullmatch(r"=== (.+) \((.+)\) ===", line):
            comps.append({"th": m[1], "en": m[2], "levels": []})
        elif m := re.fullmatch(r"code (\d{3}) · CP_MODEL (\d) \(.+\)", line):
            comps[-1]["code"] = m[1]
        elif line.startswith("คำจำกัดความ: "):
            comps[-1]["definition"] = line[len("คำจำกัดความ: "):]
        elif m := re.fullmatch(r"ระดับ (\d): (.+?)    \[line (\d+)\](    \(.*\))?", line):
            if m[1] == "0":
                comps[-1]["level_zero"] = m[2]
            else:
                assert int(m[1]) == len(comps[-1]["levels"]) + 1, line
                comps[-1]["levels"].append({"title": m[2], "line": int(m[3]), "indicators": []})
        elif line.startswith("- "):
            comps[-1]["levels"][-1]["indicators"].append(line[2:])
    return comps


USED_EN: set[str] = set()


def text(where: str, source: str) -> dict:
    """A Text object: th (corrected if CORRECTIONS says so), en, correction."""
    out: dict = {"th": source}
    if where in CORRECTIONS:
        wrong, right, note = CORRECTIONS[where]
        assert source.count(wrong) == 1, (where, wrong)
        out["th"] = source.replace(wrong, right)
        out["correction"] = {"source_text": source, "note": note}
    assert where in EN, f"no English for {where}"
    USED_EN.add(where)
    out["en"] = EN[where]
    return out


def title(cid: str, level: int, source: str) -> dict:
    where = f"{cid}.{level}.title"
    if level == 1:
        return text(where, source)
    prefix = f"แสดงสมรรถนะระดับที่ {level - 1} และ"
    if where in BAD_PREFIXES:
        bad, note = BAD_PREFIXES[where]
        assert source.startswith(bad) and not source.startswith(prefix), where
        out = text(where, source[len(bad):])
        out["correction"] = {"source_text": source, "note": note}
        return out
    assert source.startswith(prefix), (where, source)
    return text(where, source[len(prefix):].lstrip(" "))


def competency(group: str, c: dict) -> dict:
    cid = IDS[c["code"]]
    levels = []
    for n, lv in enumerate(c["levels"], start=1):
        inds = []
        for i, ind in enumerate(lv["indicators"], start=1):
            t = text(f"{cid}.{n}.{i}", ind)
            inds.append({"id": f"{cid}.{n}.{i}", **t})
        levels.append({"level": n, "title": title(cid, n, lv["title"]), "indicators": inds})
    return {
        "id": cid,
        "group": group,
        "name": {"th": c["th"], "en": c["en"]},
        "definition": text(f"{cid}.definition", c["definition"]),
        "codes": {"dpis": c["code"]},
        "levels": levels,
    }


def build(group: str) -> dict:
    spec = FRAMEWORKS[group]
    comps = parse_part(spec["part"])
    zero = {c["level_zero"] for c in comps}
    assert len(zero) == 1, zero
    return {
        "format": "samatthana-framework/1",
        "id": spec["id"],
        "version": "2552.1",
        "name": spec["name"],
        "provenance": {
            "issuer": {"th": "สำนักงานคณะกรรมการข้าราชการพลเรือน", "en": "Office of the Civil Service Commission"},
            "source_document": "data/sources/ocsc-dictionary-in-dpis.txt",
            "witnesses": [{"id": "dpis-kpi-competence", "description": DPIS_DESCRIPTION.format(where=WITNESS[group])}],
            "notes": NOTES[group],
        },
        "level_zero": {"th": zero.pop(), "en": "Does not show this competency, or does not show it clearly"},
        "competencies": [competency(group, c) for c in comps],
    }


def canonical(data: dict) -> str:
    import samatthana

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (data["id"] + ".json")
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return samatthana.framework(str(path)).to_json()


def main() -> int:
    check = "--check" in sys.argv[1:]
    used = set()
    status = 0
    for group in ("managerial", "functional"):
        data = build(group)
        ids = {data["id"]}
        for c in data["competencies"]:
            ids.add(c["id"])
        used |= {k for k in CORRECTIONS if k.split(".")[0] in ids}
        out = canonical(data)
        target = ROOT / "data/frameworks" / (data["id"] + ".json")
        if check:
            if target.read_text(encoding="utf-8") != out:
                print(f"{target} differs from the generated text", file=sys.stderr)
                status = 1
        else:
            target.write_text(out, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    assert used == set(CORRECTIONS), set(CORRECTIONS) - used
    assert USED_EN == set(EN), set(EN) - USED_EN
    return status


if __name__ == "__main__":
    sys.exit(main())
