"""Per-position competency sets from Python (issue 19): score(df) with the ocsc-full profile on a
cohort mixing O-, K-, D- and M-positions with job lines; the CLI's figures; errors located in the
frame; summaries over those appraised. Figures: docs/scoring.md, "Per-position sets"."""
import json
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import samatthana
import samatthana.report

SAMPLE = "data/samples/ratings-ocsc-full.csv"


@pytest.fixture()
def cohort(root):
    return pd.read_csv(root / SAMPLE, dtype={"job_line": str})


def test_score_dataframe_mixed_cohort(cohort):
    s = samatthana.score(cohort, profile="ocsc-full")
    assert s.attrs["framework"] == "ocsc-full-2552"  # chosen by the profile
    assert list(s["competency_score"]) == pytest.approx([28.00, 27.50, 25.00, 26.43, 25.71])
    assert list(s["total"]) == pytest.approx([84.00, 80.00, 91.50, 85.93, 74.71])
    assert list(s["band"]) == ["ดีมาก", "ดีมาก", "ดีเด่น", "ดีมาก", "ดี"]
    assert list(s["job_line"]) == list(cohort["job_line"])
    # Outside a person's set: <NA>, points NaN; inside: whole numbers.
    assert s["leadership_held"].isna().tolist() == [True, True, True, False, False]
    assert s["leadership_expected"].dropna().tolist() == [1, 3]
    assert np.isnan(s.loc[0, "analytical_thinking_points"])
    assert s.loc[2, "analytical_thinking_held"] == 2


def test_dataframe_and_cli_agree(cohort, root, cli):
    s = samatthana.score(cohort, profile="ocsc-full")
    out = subprocess.run([cli, "score", SAMPLE, "--profile", "ocsc-full", "--format", "json"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    people = json.loads(out)["people"]
    assert [p["competency_score"] for p in people] == list(s["competency_score"])
    assert [len(p["competencies"]) for p in people] == [5, 8, 8, 14, 14]
    assert people[1]["job_line"] == "EX07"


def test_rating_outside_the_set_is_located(cohort):
    bad = cohort.copy()
    bad.loc[0, "301"] = 2  # an O1 rated on a functional competency
    with pytest.raises(samatthana.ValidationError, match="not appraised on 'analytical_thinking'") as e:
        samatthana.score(bad, profile="ocsc-full")
    assert e.value.row == 0 and e.value.path == "301"


def test_missing_job_line_is_located(cohort):
    bad = cohort.copy()
    bad.loc[2, "job_line"] = None  # a K2 needs one
    with pytest.raises(samatthana.ValidationError, match="job line") as e:
        samatthana.score(bad, profile="ocsc-full")
    assert e.value.row == 2


def test_thai_job_line_header(cohort):
    s = samatthana.score(cohort.rename(columns={"job_line": "สายงาน"}), profile="ocsc-full")
    assert list(s["competency_score"]) == pytest.approx([28.00, 27.50, 25.00, 26.43, 25.71])


def test_old_profiles_unchanged(root):
    df = pd.read_csv(root / "data/samples/ratings.csv")
    s = samatthana.score(df, missing="zero")
    assert "job_line" not in s.columns
    assert s["integrity_held"].dtype.kind == "i"  # plain integers: no <NA> without sets


def test_person_sheet_groups_by_type(root):
    sheet = samatthana.report.person_sheet(str(root / SAMPLE), "S04", profile="ocsc-full")
    assert len(sheet.competencies) == len(sheet.held) == len(sheet.max_levels) == 14
    html = sheet.to_html()
    assert "สมรรถนะผู้บริหาร" in html and "สมรรถนะประจำสายงาน" in html
    assert html.count('class="held-point"') == 14  # the radar: one axis per competency of the person


def test_summarize_over_those_appraised(cohort):
    s = samatthana.score(cohort, profile="ocsc-full")
    g = samatthana.summarize(s, by=None)
    row = g.iloc[0]
    assert row["people"] == 5
    assert row["change_leadership_share_meeting"] == pytest.approx(0.5)  # D1 and M1 only
    assert row["change_leadership_mean_gap"] == pytest.approx(-0.5)
    assert row["achievement_share_meeting"] == pytest.approx(1.0)  # all five
    assert pd.isna(row["information_seeking_share_meeting"])  # nobody is appraised on 305


def test_explain_and_plan_with_a_job_line():
    levels = {"101": 2, "102": 2, "103": 2, "104": 2, "105": 2, "301": 1, "303": 2, "307": 2}
    ex = samatthana.explain("P1", "K2", levels, profile="ocsc-full", job_line="นักทรัพยากรบุคคล")
    assert len(ex) == 8 and ex.loc["analytical_thinking", "gap"] == -1
    text = samatthana.plan("P1", "K2", levels, profile="ocsc-full", job_line="EX01")
    assert "สายงาน EX01" in text and "การคิดวิเคราะห์" in text
    with pytest.raises(samatthana.ValidationError, match="job line"):
        samatthana.plan("P1", "K2", levels, profile="ocsc-full")


@pytest.mark.parametrize("extra", [["--format", "csv"], ["--format", "json"], ["--summary"],
                                   ["--summary", "--format", "json"]])
def test_streaming_equals_the_whole_file_with_sets(cli, extra):
    """score reads in chunks by default: with per-position sets (variable columns, summaries over
    those appraised) two-row chunks give the bytes the whole-file path gives."""
    sample = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples" / "ratings-ocsc-full.csv"

    def run(chunk):
        return subprocess.run([cli, "score", str(sample), "--profile", "ocsc-full", *extra, "--chunk-rows", chunk],
                              capture_output=True, check=True).stdout

    assert run("2") == run("0")
