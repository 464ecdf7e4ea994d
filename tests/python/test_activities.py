"""Development-activity catalogues from Python: the sample's rows equal the DPIS transcription
(Part C of data/sources/ocsc-dictionary-in-dpis.txt) line for line, a user's CSV/xlsx/cp874 file
reads as the CLI reads it, errors are located, and suggestions follow DPIS's rule (the next level
above the one shown, for each competency below expectation) on random cohorts."""
from __future__ import annotations

import json
import pathlib
import random
import re
import subprocess

import pytest

pd = pytest.importorskip("pandas")
import samatthana  # noqa: E402
from samatthana import activities as act  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "ocsc-dictionary-in-dpis.txt"
ROW = re.compile(r"^--- PD_GUIDE_ID (\d+) · competency (\d+) · level (\d)")


def transcription_rows():
    """(code, level) -> (description1 lines, description2 lines), read independently of make_guide.py."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("PART C — แนวทางการพัฒนา"))
    rows, cur, part = {}, None, None
    for line in lines[start:]:
        if line.startswith("PART D"):
            break
        m = ROW.match(line)
        if m:
            cur = rows.setdefault((m[2], int(m[3])), ([], []))
            part = None
        elif line == "DESCRIPTION1:":
            part = 0
        elif line == "DESCRIPTION2:":
            part = 1
        elif cur is not None and part is not None and line.startswith("  "):
            cur[part].append(line[2:])
        elif line.startswith(("=", "#")) or (line == "" and part == 1):
            part = None
    return rows


def test_sample_equals_the_transcription_both_ways():
    rows = transcription_rows()
    shipped = json.loads((ROOT / "data" / "activities" / "dpis-tisi-guide.json").read_text(encoding="utf-8"))
    by_id = {"achievement": "101", "service": "102", "expertise": "103", "integrity": "104", "teamwork": "105",
             "leadership": "201", "visioning": "202", "strategic_orientation": "203", "change_leadership": "204",
             "self_control": "205", "coaching_empowering_others": "206"}
    seen = set()
    for a in shipped["activities"]:
        key = (by_id[a["competency"]], a["level"])
        d1, d2 = rows[key]
        assert a["description"].split("\n") == "\n".join(d1).rstrip("\n").split("\n"), key
        assert a["details"] == "\n".join(d2).rstrip("\n"), key
        assert a["title"] in ("\n".join(d2) + "\n" + a["source"]) or a["title"], key
        seen.add(key)
    # Both ways: every core and managerial row of the guide is shipped, nothing else is.
    assert seen == {k for k in rows if k[0][0] in "12"}
    assert len(seen) == 55
    assert not any(k[0].startswith("3") for k in seen)


def test_read_activities_and_the_cli_agree():
    df = act.read_activities("dpis-tisi-guide")
    assert df.attrs["framework"] == "ocsc-core-2552" and df.attrs["warning"]
    assert len(df) == 25 and df.level.tolist() == [1, 2, 3, 4, 5] * 5
    mgr = act.read_activities("dpis-tisi-guide", framework="ocsc-managerial-2552")
    assert len(mgr) == 30
    assert act.builtin_activity_ids() == ["dpis-tisi-guide"]
    with pytest.raises(samatthana.ValidationError, match="not for framework bma-core-2550"):
        act.read_activities("dpis-tisi-guide", framework="bma-core-2550")


def test_user_catalogue_in_cp874_and_xlsx(tmp_path, cli):
    rows = [["สมรรถนะ", "ระดับ", "กิจกรรม", "รายละเอียด"], ["integrity", "๑", "ศึกษาระเบียบ", "อ่าน\nสรุป"],
            ["service", "2", "ฝึกรับเรื่องร้องเรียน", ""]]
    text = "\r\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\r\n"
    utf8, cp = tmp_path / "a.csv", tmp_path / "a874.csv"
    utf8.write_text(text, encoding="utf-8")
    cp.write_bytes(text.encode("cp874"))
    want = act.read_activities(utf8, framework="bma-core-2550")
    assert want.title.tolist() == ["ศึกษาระเบียบ", "ฝึกรับเรื่องร้องเรียน"]
    assert want.description.tolist()[0] == "อ่าน\nสรุป"
    got = act.read_activities(cp, framework="bma-core-2550", encoding="cp874")
    pd.testing.assert_frame_equal(got.drop(columns="where"), want.drop(columns="where"))
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append([int(c) if c.isdigit() else c for c in r])
    xl = tmp_path / "a.xlsx"
    wb.save(xl)
    pd.testing.assert_frame_equal(act.read_activities(xl, framework="bma").drop(columns=["where", "level"]),
                                  want.drop(columns=["where", "level"]))
    out = subprocess.run([cli, "activities", str(cp), "--encoding", "cp874", "--framework", "bma"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "ศึกษาระเบียบ" in out.stdout, out.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("competency,level,title\nintegrity,1,x\nleadership,2,y\n", encoding="utf-8")
    out = subprocess.run([cli, "activities", str(bad), "--framework", "bma"], capture_output=True, text=True)
    assert out.returncode == 1 and f"{bad}:3:1" in out.stderr and "leadership" in out.stderr
    with pytest.raises(samatthana.LookupError, match=r"bad.csv:3:1"):
        act.read_activities(bad, framework="bma")


def independent_suggestions(scored, acts):
    """Row by row, without pandas merges: (person, competency, level, title or None)."""
    comps = scored.attrs["competencies"]
    out = []
    for _, p in scored.iterrows():
        for cid in comps:
            held, exp = int(p[f"{cid}_held"]), int(p[f"{cid}_expected"])
            if held >= exp:
                continue
            titles = acts[(acts.competency_id == cid) & (acts.level == held + 1)].title.tolist() or [None]
            out += [(p.person_id, cid, held + 1, t) for t in titles]
    return out


@pytest.mark.parametrize("seed", range(5))
def test_suggestions_equal_a_row_by_row_reading_on_random_cohorts(seed):
    rng = random.Random(seed)
    fw = samatthana.framework("ocsc-core-2552")
    comps = [c.id for c in fw.competencies]
    positions = ["O1", "O2", "K1", "K2", "K3", "K4", "K5", "D1", "M2"]
    n = rng.randint(1, 40)
    df = pd.DataFrame({"person_id": [f"P{i}" for i in range(n)], "name": [f"ชื่อ {i}" for i in range(n)],
                       "unit": [rng.choice(["ก", "ข"]) for _ in range(n)],
                       "position": [rng.choice(positions) for _ in range(n)],
                       **{c: [rng.randint(0, 5) for _ in range(n)] for c in comps}})
    scored = samatthana.score(df, framework=fw)
    acts = act.read_activities("dpis-tisi-guide", framework="ocsc-core-2552")
    if rng.random() < 0.5:  # a catalogue with holes: gaps without an activity keep their row
        acts = acts.sample(frac=0.5, random_state=seed)
        acts.attrs["warning"] = ""
    got = act.suggest_activities(scored, acts)
    assert list(got.columns) == act.SUGGESTION_COLUMNS
    rows = [(r.person_id, r.competency_id, r.level, None if pd.isna(r.title) else r.title)
            for r in got.itertuples()]
    assert rows == independent_suggestions(scored, acts)
    assert (got.level == got.held + 1).all() and (got.held < got.expected).all()


def test_shipped_catalogue_validates_against_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "data" / "schemas" / "activities.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    for path in (ROOT / "data" / "activities").glob("*.json"):
        assert list(v.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == [], path
    assert list(v.iter_errors({"format": "samatthana-activities/1", "id": "x", "name": {"th": "ก"},
                               "activities": [{"competency": "integrity", "level": 0, "title": " "}]}))
