"""Scoring from Python: DataFrames in and out, the numpy batch path, summaries, located errors."""
import numpy as np
import pandas as pd
import pytest

import samatthana.scoring as sc
from samatthana import _samatthana as _m

IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]


def frame(rows, position="K2"):
    data = {"person_id": [f"P{i}" for i in range(len(rows))], "position": [position] * len(rows)}
    for j, cid in enumerate(IDS):
        data[cid] = [r[j] for r in rows]
    return pd.DataFrame(data)


def test_docstring_example_and_bma_figures():
    s = sc.score(frame([[3, 2, 1, 2, 0], [2, 2, 2, 2, 2], [5, 6, 5, 5, 5]]))
    assert s["competency_score"].tolist() == [19.2, 24.0, 30.0]
    assert s["service_points"].tolist() == [4, 4, 5]
    assert s["expertise_gap"].tolist() == [-2, 0, 3]


@pytest.mark.parametrize("method,expected", [("bar", 24.0), ("rating", 15.6), ("ratio", 24.0), ("bma", 19.2)])
def test_four_methods(method, expected):
    # K2, held 3,2,1,2,0: bar 3,3,2,3,1 = 12/15 × 30; rating 4,3,2,3,1 = 13 × 1.2; ratio 8/10 × 30.
    assert sc.score(frame([[3, 2, 1, 2, 0]]), method=method)["competency_score"][0] == pytest.approx(expected)


def test_totals_bands_and_thai_columns():
    df = pd.DataFrame({"person_id": ["A", "B"], "position": ["K3", "วิชาการ ชำนาญการ"],
                       "คุณธรรมจริยธรรม": ["๒", "2"], "102": [4, 2], "achievement": [3, 2], "teamwork": [3, 2],
                       "expertise": [5, 2], "results": [85.0, 80.0]})
    s = sc.score(df)
    assert s["competency_score"].tolist() == pytest.approx([25.2, 24.0])
    assert s["total"].tolist() == pytest.approx([84.7, 80.0])
    assert s["band"].tolist() == ["ดีมาก", "ดีมาก"]
    assert s["position_code"].tolist() == ["K3", "K2"]


def test_errors_are_located():
    with pytest.raises(_m.LookupError):
        sc.score(frame([[2, 2, 2, 2, 2]], position="K9"))
    # As the CLI says it for the same table as CSV; located by index label, row and column, and by
    # the row's line in df.to_csv(index=False) (header = line 1).
    with pytest.raises(_m.ValidationError) as e:
        sc.score(frame([[2, 7, 2, 2, 2]]))
    assert e.value.path == "service" and e.value.line == 2 and e.value.row == 0 and e.value.index == 0
    assert e.value.message == "level above the highest level of 'service' (0..6)" and e.value.value == "7"
    assert "index 0 (row 0), column 'service'" in str(e.value)
    df = frame([[2, 2, 2, 2, 2], [2, 2, 2.5, 2, 2]]).set_index(pd.Index(["a", "b"]))
    with pytest.raises(_m.ParseError) as e:
        sc.score(df)
    assert e.value.path == "achievement" and e.value.line == 3 and e.value.index == "b" and e.value.row == 1
    assert e.value.message.startswith("not a level: write a whole number 0..5") and e.value.value == "2.5"
    with pytest.raises(_m.ValidationError):
        sc.score(frame([[2, np.nan, 2, 2, 2]]))  # not rated and no evidence
    assert sc.score(frame([[2, np.nan, 2, 2, 2]]), missing="zero")["service_held"][0] == 0
    with pytest.raises(_m.ParseError):
        sc.score(frame([[2, "สอง", 2, 2, 2]]))


def test_evidence_strict_rule():
    df = frame([[np.nan, 2, 2, 2, 2]])
    ev = pd.DataFrame({"person_id": ["P0"] * 3, "indicator_id": ["integrity.1.1", "integrity.1.2", "integrity.2.1"],
                       "observation": ["shown", "shown", "not_shown"]})
    assert sc.score(df, evidence=ev)["integrity_held"][0] == 1


def test_batch_zero_copy_outputs_and_rules():
    held = np.array([[2, 2, 2, 2, 2], [3, 2, 1, 2, 0]], dtype=np.int8)
    exp = np.full((2, 5), 2, dtype=np.int8)
    out = sc.score_arrays(held, exp, results=np.array([100.0, np.nan]))
    assert out["part"].tolist() == [24.0, 19.2]
    assert out["total"][0] == pytest.approx(94.0) and np.isnan(out["total"][1])
    assert out["band"].tolist() == [0, -1]
    assert out["gap"].dtype == np.int8 and out["gap"].flags.c_contiguous
    assert out["points"][1].tolist() == [5, 4, 3, 4, 0]
    # int64 input is converted once, same figures.
    assert sc.score_arrays(held.astype(np.int64), exp, method="bar")["part"].tolist() == [30.0, 24.0]
    with pytest.raises(_m.ValidationError):
        sc.score_arrays(np.full((1, 5), 9, dtype=np.int8), np.full((1, 5), 2, dtype=np.int8))


def test_sample_cohort_summary(root):
    r = sc.read_ratings(root / "data/samples/ratings.csv")
    ev = sc.read_evidence(root / "data/samples/evidence.csv")
    res = pd.read_csv(root / "data/samples/results.csv", encoding="utf-8-sig")
    s = sc.score(r, evidence=ev, results=res)
    assert len(s) == 320 and s["person_id"].is_unique
    by_unit = sc.summarize(s, "unit")
    assert by_unit["people"].sum() == 320
    assert set(by_unit.columns) >= {"share_meeting_all", "mean_score", "integrity_share_meeting", "ดีเด่น"}
    everyone = sc.summarize(s, None)
    assert everyone["people"].iloc[0] == 320
    # Shares agree with the held/expected columns.
    assert everyone["integrity_share_meeting"].iloc[0] == pytest.approx(
        (s["integrity_held"] >= s["integrity_expected"]).mean())
    dist = sc.level_distribution(s, None)
    assert dist.loc[("all", "service")].sum() == 320


def test_plan_in_thai():
    text = sc.plan("A1", "K3", {"integrity": 1, "service": 3, "achievement": 3, "teamwork": 3, "expertise": 5},
                   name="สมชาย ใจดี")
    assert "เป้าหมายการพัฒนา: ระดับ ๒ ถึง ๓" in text
    assert "[integrity.2.1]" in text


def test_docs_examples_run(root):
    import doctest

    failures, tried = doctest.testfile(str(root / "docs/scoring.md"), module_relative=False,
                                       optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 6 and failures == 0
    failures, tried = doctest.testmod(sc)
    assert tried >= 1 and failures == 0


def raters_frame():
    # P1 is K2 (expected 2). Columns integrity, service, achievement, teamwork, expertise.
    rows = [("P1", "สมชาย ใจดี", "supervisor", "S1", [2, 2, 2, 2, 1]),
            ("P1", "", "self", "", [3, 4, 3, 3, 3]),
            ("P1", "", "peer", "A", [3, 2, 1, 2, 2]),
            ("P1", "", "peer", "B", [3, 2, 2, 2, 2]),
            ("P1", "", "subordinate", "X", [3, 3, None, 2, 2])]
    data = {"person_id": [r[0] for r in rows], "name": [r[1] for r in rows],
            "position": ["K2"] + [""] * 4, "rater_role": [r[2] for r in rows], "rater_id": [r[3] for r in rows]}
    for j, cid in enumerate(IDS):
        data[cid] = [r[4][j] for r in rows]
    return pd.DataFrame(data)


def test_several_raters_supervisor_then_weighted():
    df = raters_frame()
    s = sc.score(df)  # as the BMA: the supervisor's rating
    assert len(s) == 1 and s["person_id"].tolist() == ["P1"] and s["name"].tolist() == ["สมชาย ใจดี"]
    assert [int(s[f"{c}_held"][0]) for c in IDS] == [2, 2, 2, 2, 1]
    # Weighted 50/10/20/20: integrity 2.5 → 3, service 2.4 → 2, achievement 160/80 = 2,
    # teamwork 2.1 → 2, expertise 1.6 → 2; BMA points 5,4,4,4,4 = 21 → 25.2.
    assert s.attrs["raters"] == "supervisor" and s.attrs["policy"] == "auto"
    w = sc.score(df, raters="weighted")
    assert w.attrs["raters"] == "weighted"
    assert [int(w[f"{c}_held"][0]) for c in IDS] == [3, 2, 2, 2, 2]
    assert w["competency_score"][0] == pytest.approx(25.2)
    down = sc.score(df, raters="weighted", rater_rounding="down")
    assert int(down["integrity_held"][0]) == 2
    own = sc.score(df, raters="weighted", rater_weights={"ผู้บังคับบัญชา": 1, "peer": 1})
    assert [int(own[f"{c}_held"][0]) for c in IDS] == [3, 2, 2, 2, 2]


def test_several_raters_errors_are_located():
    df = raters_frame()
    df.loc[2, "rater_id"] = "B"  # peer B twice
    with pytest.raises(_m.ValidationError) as e:
        sc.score(df)
    assert "already rated this person on line 4" in str(e.value) and e.value.line == 5 and e.value.row == 3
    assert e.value.path == "rater_id"
    df = raters_frame()
    df.loc[1, "rater_role"] = "boss"
    with pytest.raises(_m.ParseError) as e:
        sc.score(df)
    assert e.value.path == "rater_role" and e.value.value == "boss" and e.value.message.startswith("not a rater role")
    df = raters_frame()
    df.loc[3, "teamwork"] = 6  # teamwork has 5 levels
    with pytest.raises(_m.ValidationError) as e:
        sc.score(df)
    assert e.value.path == "teamwork" and e.value.row == 3 and "highest level of 'teamwork' (0..5)" in str(e.value)
    df = raters_frame()
    df.loc[4, "integrity"] = -1
    with pytest.raises(_m.ParseError) as e:
        sc.score(df)
    assert e.value.path == "integrity" and e.value.row == 4 and e.value.message.startswith("not a level")
    with pytest.raises(_m.ValidationError, match="one value per row"):
        sc.score(raters_frame(), results=[80.0, 90.0])
    with pytest.raises(_m.ValidationError, match="rater_rounding"):
        sc.score(raters_frame(), raters="weighted", rater_rounding="up")
    with pytest.raises(_m.ValidationError, match="weight above 0"):
        sc.score(raters_frame(), raters="weighted", rater_weights={"self": 0})
    with pytest.raises(_m.ValidationError, match="boss") as e:
        sc.score(raters_frame(), raters="weighted", rater_weights={"boss": 1})
    assert e.value.path == "rater_weights.boss"
    with pytest.raises(_m.ValidationError, match=r"person_id given twice \(first on line 2\)"):
        sc.score(raters_frame().drop(columns=["rater_role", "rater_id"]))
    with pytest.raises(_m.ValidationError, match="a rater_id column needs a rater_role column"):
        sc.score(raters_frame().drop(columns=["rater_role"]))


def test_read_ratings_with_raters_round_trips_into_score(root):
    df = sc.read_ratings(root / "data" / "samples" / "ratings-360.csv")
    assert {"rater_role", "rater_id"} <= set(df.columns)
    assert set(df["rater_role"]) == {"supervisor", "self", "peer", "subordinate"}
    assert (df["position"] != "").all()  # person cells filled in from the first row
    sup = sc.score(df)
    plain = sc.read_ratings(root / "data" / "samples" / "ratings.csv")
    # The supervisor rows are the people's rows of ratings.csv: the same scores.
    same = sc.score(plain[plain["person_id"].isin(sup["person_id"])].reset_index(drop=True))
    assert sup["competency_score"].tolist() == same["competency_score"].tolist()
    weighted = sc.score(df, raters="weighted")
    assert len(weighted) == len(sup) == df["person_id"].nunique()
    assert (weighted["competency_score"] != sup["competency_score"]).any()


def test_read_ratings_of_a_rater_file_without_rows_keeps_its_columns(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("person_id,position,rater_role,rater_id,integrity\n", encoding="utf-8")
    df = sc.read_ratings(p)
    assert len(df) == 0 and {"rater_role", "rater_id", "integrity"} <= set(df.columns)


@pytest.mark.parametrize("level", [256, -255, 2.7, 128, np.nan])
def test_score_arrays_refuses_levels_a_cast_would_wrap(level):
    """Finding 21 (docs/hardening.md): non-int8 level arrays were converted with a C cast (256 was
    level 0, -255 level 1, 2.7 level 2)."""
    held = np.array([[2, 2, level, 2, 2]])
    with pytest.raises(_m.ValidationError) as e:
        sc.score_arrays(held, np.full((1, 5), 2))
    assert e.value.path == "held[0, 2]"
    # Whole numbers of any dtype are levels; int8 arrays are used as they are.
    ok = sc.score_arrays(np.array([[3, 2, 1, 2, 0]], dtype=np.float64), np.full((1, 5), 2, dtype=np.int64))
    assert ok["part"].tolist() == [19.2]
