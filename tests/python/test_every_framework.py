"""The same scenarios on every shipped framework: scoring, development plans, search and reports
work unchanged, with each framework's own codes, level counts and level-0 wording."""
import pandas as pd
import pytest

import samatthana

SHIPPED = ["bma-core-2550", "ocsc-core-2552", "ocsc-core-2548"]


def cohort(fw) -> pd.DataFrame:
    """Four people; competency columns named by DPIS code, so each framework reads its own codes."""
    rows = []
    for i, (pos, base) in enumerate([("K1", 1), ("K2", 2), ("O3", 0), ("M1", 4)]):
        row = {"person_id": f"P{i}", "name": f"คนที่ {i}", "unit": ["สำนักงานเขตบางรัก", "สำนักอนามัย"][i % 2],
               "position": pos}
        for c in fw.competencies:
            row[c.codes["dpis"]] = min(base, c.max_level)
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.mark.parametrize("fid", SHIPPED)
def test_scoring_reads_codes_against_the_chosen_framework(fid):
    fw = samatthana.framework(fid)
    df = cohort(fw)
    out = samatthana.score(df, framework=fid)
    assert list(out["person_id"]) == ["P0", "P1", "P2", "P3"]
    for c in fw.competencies:
        assert f"{c.id}_held" in out.columns
    # P2 (O3, expected 2) holds 0 everywhere: the gap is -2 in every competency.
    p2 = out.set_index("person_id").loc["P2"]
    assert all(p2[f"{c.id}_gap"] == -2 for c in fw.competencies)
    # P1 (K2, expected 2) holds 2: meets the expected level everywhere.
    p1 = out.set_index("person_id").loc["P1"]
    assert all(p1[f"{c.id}_gap"] == 0 for c in fw.competencies)
    summary = samatthana.summarize(out, by="unit")
    assert len(summary) == 2


@pytest.mark.parametrize("fid", SHIPPED)
def test_plan_names_the_next_levels_indicators(fid):
    fw = samatthana.framework(fid)
    first = fw.competencies[0]
    text = samatthana.plan("P0", "K2", {c.id: 1 for c in fw.competencies}, framework=fid)
    assert first.level(2).indicators[0].th in text
    # Someone who shows nothing: the plan words level 0 as this framework does.
    none = samatthana.plan("P9", "K2", {c.id: 0 for c in fw.competencies}, framework=fid)
    assert fw.level_zero.th in none


@pytest.mark.parametrize("fid", SHIPPED)
def test_search_finds_a_level_two_indicator(fid):
    fw = samatthana.framework(fid)
    target = fw.competencies[1].level(2).indicators[0]
    query = target.th[:12]
    hits = samatthana.thai.IndicatorIndex(fw).search(query)
    assert any(h.indicator_id == target.id for h in hits)


@pytest.mark.parametrize("fid", SHIPPED)
def test_reports_render_with_the_frameworks_own_level_zero(fid, tmp_path):
    fw = samatthana.framework(fid)
    df = cohort(fw)
    sheet = samatthana.person_sheet(df, "P2", framework=fid, round="2567/1")
    html = sheet.to_html()
    for c in fw.competencies:
        assert c.name.th.split()[0] in html
    assert "<script" not in html
    assert fw.level_zero.th in html  # P2 holds level 0: the sheet words it as this framework does
    overview = samatthana.cohort_overview(df, framework=fid, round="2567/1")
    assert "สำนักอนามัย" in overview.to_html()
    assert "|" in overview.to_markdown()
