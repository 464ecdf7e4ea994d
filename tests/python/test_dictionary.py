"""The OCSC managerial and functional dictionaries from Python: built in, one row per indicator in
to_dataframe(), the competency group readable on every competency, corrections visible, and the
usual tools (search, plans, the canonical JSON) working on them."""
import json
from pathlib import Path

import pytest

import samatthana

ROOT = Path(__file__).resolve().parents[2]
SETS = [
    # id, group, competencies, level rows, indicator lines (the transcription header's counts)
    ("ocsc-managerial-2552", "managerial", 6, 30, 65),
    ("ocsc-functional-2552", "functional", 16, 80, 156),
]


@pytest.mark.parametrize("fid,group,n_comp,n_levels,n_ind", SETS)
def test_to_dataframe_has_one_row_per_indicator(fid, group, n_comp, n_levels, n_ind):
    fw = samatthana.framework(fid)
    df = fw.to_dataframe()
    assert len(df) == n_ind
    assert df["competency_id"].nunique() == n_comp
    assert len(df[["competency_id", "level"]].drop_duplicates()) == n_levels
    assert set(df["level"]) == {1, 2, 3, 4, 5}
    assert df["text"].str.len().min() > 0
    assert (df["text_en"].str.len() > 0).all()  # every indicator has the project's English


@pytest.mark.parametrize("fid,group,n_comp,n_levels,n_ind", SETS)
def test_group_is_queryable(fid, group, n_comp, n_levels, n_ind):
    assert fid in samatthana.builtin_framework_ids()
    fw = samatthana.framework(fid)
    assert {c.group for c in fw.competencies} == {group}
    assert set(fw.competencies_frame()["group"]) == {group}
    # DPIS codes in the source's order: 201-206, 301-316.
    first = 201 if group == "managerial" else 301
    assert [c.codes["dpis"] for c in fw.competencies] == [str(first + i) for i in range(n_comp)]
    # Core sets stay core: a caller can tell the three kinds apart across frameworks.
    assert {c.group for c in samatthana.framework("ocsc-core-2552").competencies} == {"core"}


@pytest.mark.parametrize("fid", [s[0] for s in SETS])
def test_shipped_file_is_canonical(fid):
    fw = samatthana.framework(fid)
    assert fw.to_json() == (ROOT / "data/frameworks" / f"{fid}.json").read_text(encoding="utf-8")


def test_corrections_show_the_source_text():
    df = samatthana.framework("ocsc-functional-2552").to_dataframe()
    row = df.set_index("indicator_id").loc["flexibility.3.1"]
    assert bool(row["corrected"])
    assert "วิจารณญาณ" in row["text"]
    ind = samatthana.framework("ocsc-functional-2552").competency("flexibility").level(3).indicators[0]
    assert "วิจารณญาน" in ind.correction.source_text


def test_search_finds_a_dictionary_indicator():
    fw = samatthana.framework("ocsc-functional-2552")
    target = fw.competency("analytical_thinking").level(2).indicators[0]
    hits = samatthana.thai.IndicatorIndex(fw).search(target.th[:12])
    assert any(h.indicator_id == target.id for h in hits)


def test_plan_needs_a_profile_and_works_with_one(tmp_path):
    """No expected-level profile ships for these sets (docs/ocsc-dictionary-decisions.md, left for
    later): a plan says so; with a profile of DPIS's managerial array (D1 1, D2 2, M1 3, M2 4) it works."""
    levels = {c.id: 1 for c in samatthana.framework("ocsc-managerial-2552").competencies}
    with pytest.raises(samatthana.LookupError, match="profile"):
        samatthana.plan("P0", "M1", levels, framework="ocsc-managerial-2552")
    core = json.loads((ROOT / "data/profiles/ocsc-core.json").read_text(encoding="utf-8"))
    profile = {
        "format": core["format"],
        "id": "ocsc-managerial-dpis",
        "name": {"th": "ระดับสมรรถนะผู้บริหารที่คาดหวัง (DPIS)", "en": "Expected managerial levels (DPIS)"},
        "frameworks": ["ocsc-managerial-2552"],
        "source": "DPIS kpi_competence.php lines 1706-1722",
        "method": core["method"],
        "scheme": core["scheme"],
        "positions": [p | {"expected": e} for p, e in zip(core["positions"][9:], [1, 2, 3, 4])],
    }
    path = tmp_path / "managerial.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    mg = samatthana.framework("ocsc-managerial-2552")
    text = samatthana.plan("P0", "M1", levels, framework="ocsc-managerial-2552", profile=str(path))
    assert mg.competency("leadership").level(2).indicators[0].th in text


def test_generator_reproduces_the_shipped_files():
    """data/sources/make_dictionary.py --check: the shipped JSON is what the generator makes from the
    transcription, corrections and translation (so a hand edit of one is caught)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run([sys.executable, str(ROOT / "data/sources/make_dictionary.py"), "--check"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
