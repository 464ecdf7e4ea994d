"""Differential: one cohort through CSV and the CLI, through C++ on the CSV files
(samatthana.report.cohort_overview: read_ratings_csv + score_cohort), through read_ratings() and
score(), and as DataFrames of every level dtype (object, pandas string, Int8, float) into score():
identical scores. Bad inputs: the same error class and the same message (and, because a
DataFrame row's `line` is its line in df.to_csv(index=False), the same line) every way."""
import io
import pathlib
import random
import subprocess

import numpy as np
import pandas as pd
import pytest

import samatthana.report as rp
import samatthana.scoring as sc
from samatthana import _samatthana as _m

ROOT = pathlib.Path(__file__).resolve().parents[2]
IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]
MAXL = {"integrity": 5, "service": 6, "achievement": 5, "teamwork": 5, "expertise": 5}
POSITIONS = ["K1", "K2", "K3", "K4", "O1", "O2", "O3", "D1", "M1", "วิชาการ ชำนาญการ"]
NAMES = ["สมชาย ใจดี", "สุภาพร, มีสุข", 'ภานุวัฒน์ "ต้น"', "Somchai", "", "นิภา\tแก้ว"]
UNITS = ["สำนักงานเขตบางรัก", "สำนักการคลัง", "", "Unit A"]
INDICATORS = sorted(set(pd.read_csv(ROOT / "data/samples/evidence.csv", encoding="utf-8-sig")["indicator_id"]))
OBS = ["shown", "not_shown", "not_observed"]
DTYPES = ["object", "string", "Int8", "float"]


def cohort(rng: random.Random, n: int, with_results: bool) -> pd.DataFrame:
    """Levels as Python ints or None (not rated); results as floats with two decimals."""
    rows = []
    for i in range(n):
        row = {"person_id": f"P{i:03d}", "name": rng.choice(NAMES), "unit": rng.choice(UNITS),
               "position": rng.choice(POSITIONS)}
        for cid in IDS:
            row[cid] = None if rng.random() < 0.15 else rng.randint(0, MAXL[cid])
        if with_results:
            row["results"] = round(rng.uniform(0, 100), 2)
        rows.append(row)
    return pd.DataFrame(rows)


def evidence_frame(rng: random.Random, people: list) -> pd.DataFrame:
    pairs = {(p, rng.choice(INDICATORS)) for p in people for _ in range(rng.randint(0, 4))}
    rows = [{"person_id": p, "indicator_id": i, "observation": rng.choice(OBS), "evidence": ""}
            for p, i in sorted(pairs)]
    return pd.DataFrame(rows, columns=["person_id", "indicator_id", "observation", "evidence"])


def typed(df: pd.DataFrame, dtype: str, rng: random.Random) -> pd.DataFrame:
    """The cohort with its level columns in one dtype (object: a mix of ints, Thai-digit and
    Arabic-digit strings, None and NaN; string: pandas string dtype for every column)."""
    out = df.copy()
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    for cid in IDS:
        vals = out[cid].astype(object).where(out[cid].notna(), None).tolist()
        if dtype == "object":
            mixed = []
            for v in vals:
                if v is None:
                    mixed.append(rng.choice([None, np.nan, ""]))
                else:
                    mixed.append(rng.choice([int(v), str(int(v)), str(int(v)).translate(thai)]))
            out[cid] = pd.Series(mixed, dtype=object)
        elif dtype == "string":
            out[cid] = pd.array([None if v is None else str(int(v)) for v in vals], dtype="string")
        elif dtype == "Int8":
            out[cid] = pd.array([None if v is None else int(v) for v in vals], dtype="Int8")
        else:
            out[cid] = np.array([np.nan if v is None else float(v) for v in vals])
    if dtype == "string":
        for col in ("person_id", "name", "unit", "position"):
            out[col] = out[col].astype("string")
    return out


def write_csv(df: pd.DataFrame, path: pathlib.Path) -> pathlib.Path:
    out = df.copy()
    for cid in IDS:
        if cid in out.columns:
            out[cid] = out[cid].map(lambda v: "" if v is None or v != v else str(int(v)))
    path.write_text(out.to_csv(index=False), encoding="utf-8")
    return path


def run_cli(cli: str, args: list) -> subprocess.CompletedProcess:
    return subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")


def cli_scores(cli: str, ratings: pathlib.Path, evidence=None, results=None, missing="zero") -> pd.DataFrame:
    args = ["score", str(ratings), "--format", "csv", "--missing", missing]
    if evidence is not None:
        args += ["--evidence", str(evidence)]
    if results is not None:
        args += ["--results", str(results)]
    p = run_cli(cli, args)
    assert p.returncode == 0, p.stderr
    return pd.read_csv(io.StringIO(p.stdout.lstrip("\ufeff")), dtype={"person_id": str}, keep_default_na=False)


def same_scores(got: pd.DataFrame, want: pd.DataFrame, has_results: bool) -> None:
    assert list(got["person_id"]) == list(want["person_id"])
    assert np.allclose(got["competency_score"].astype(float), want["competency_score"].astype(float))
    for cid in IDS:
        assert list(got[f"{cid}_held"].astype(int)) == list(want[f"{cid}_held"].astype(int)), cid
        assert list(got[f"{cid}_gap"].astype(int)) == list(want[f"{cid}_gap"].astype(int)), cid
    if has_results:
        assert np.allclose(got["total"].astype(float), want["total"].astype(float))
        assert list(got["band"]) == list(want["band"])


@pytest.mark.parametrize("seed", range(12))
def test_random_cohorts_score_the_same_every_way(seed, cli, tmp_path):
    rng = random.Random(seed)
    n = rng.randint(1, 25)
    results_mode = rng.choice(["none", "column", "table"])
    df = cohort(rng, n, results_mode == "column")
    ev = evidence_frame(rng, list(df["person_id"])) if rng.random() < 0.6 else None
    res = None
    if results_mode == "table":
        res = pd.DataFrame({"person_id": df["person_id"], "results": [round(rng.uniform(0, 100), 2) for _ in range(n)]})
    rpath = write_csv(df, tmp_path / "ratings.csv")
    epath = None if ev is None else tmp_path / "evidence.csv"
    if ev is not None:
        ev.to_csv(epath, index=False)
    spath = None if res is None else tmp_path / "results.csv"
    if res is not None:
        res.to_csv(spath, index=False)
    has_results = results_mode != "none"

    want = cli_scores(cli, rpath, epath, spath)
    ev_back = None if ev is None else sc.read_evidence(epath)
    # The C++ reader into a DataFrame (Int8 levels), then score(): the same.
    back = sc.read_ratings(rpath)
    assert all(str(back[c].dtype) == "Int8" for c in IDS)
    same_scores(sc.score(back, evidence=ev_back, results=res, missing="zero"), want, has_results)
    # The DataFrame in every level dtype.
    for dtype in DTYPES:
        got = sc.score(typed(df, dtype, rng), evidence=ev, results=res, missing="zero")
        same_scores(got, want, has_results)
    # And the round trip: read_ratings -> to_csv -> read_ratings gives the same frame and scores.
    again = sc.read_ratings(write_round_trip(back, tmp_path / "again.csv"))
    pd.testing.assert_frame_equal(again, back)


def write_round_trip(df: pd.DataFrame, path: pathlib.Path) -> pathlib.Path:
    df.to_csv(path, index=False)
    return path


def test_read_ratings_round_trips_through_to_csv(root, tmp_path):
    for name in ("ratings.csv", "ratings-360.csv"):
        df = sc.read_ratings(root / "data/samples" / name)
        assert str(df["integrity"].dtype) == "Int8"
        df.to_csv(tmp_path / name, index=False)
        again = sc.read_ratings(tmp_path / name)
        pd.testing.assert_frame_equal(again, df)
        pd.testing.assert_frame_equal(sc.score(again, missing="zero"), sc.score(df, missing="zero"))


def test_integral_floats_and_nullable_ints_are_levels_fractions_and_booleans_are_not():
    base = {"person_id": ["A", "B"], "position": ["K2", "K2"], "service": [2, 2], "achievement": [2, 2],
            "teamwork": [2, 2], "expertise": [2, 2]}
    as_float = sc.score(pd.DataFrame(dict(base, integrity=[1.0, 3.0])))
    as_int8 = sc.score(pd.DataFrame(dict(base, integrity=pd.array([1, 3], dtype="Int8"))))
    assert as_float["integrity_held"].tolist() == as_int8["integrity_held"].tolist() == [1, 3]
    na = sc.score(pd.DataFrame(dict(base, integrity=pd.array([pd.NA, 3], dtype="Int8"))), missing="zero")
    assert na["integrity_held"].tolist() == [0, 3]
    for bad, value in (([1.5, 3.0], "1.5"), ([True, False], "True")):
        df = pd.DataFrame(dict(base, integrity=bad), index=["x", "y"])
        with pytest.raises(_m.ParseError) as e:
            sc.score(df)
        assert e.value.index == "x" and e.value.path == "integrity" and e.value.value == value
        assert e.value.message.startswith("not a level: write a whole number 0..5")
        assert "index 'x' (row 0), column 'integrity'" in str(e.value)


# ---- bad input: the same error every way --------------------------------------------------------

GOOD = [["P1", "K2", 2, 2, 2, 2, 2], ["P2", "K3", 3, 3, 3, 3, 3], ["P3", "K1", 1, 1, 1, 1, 1]]


def ratings_rows(rows):
    return pd.DataFrame(rows, columns=["person_id", "position", *IDS])


def case_frames(case):
    """(ratings, evidence, results) DataFrames of a bad-input case."""
    ev = res = None
    rows = [list(r) for r in GOOD]
    if case == "evidence-conflict":
        ev = pd.DataFrame({"person_id": ["P1", "P2", "P1"], "indicator_id": ["integrity.1.1"] * 3,
                           "observation": ["shown", "shown", "not_shown"]})
    elif case == "evidence-unknown-person":
        ev = pd.DataFrame({"person_id": ["P9"], "indicator_id": ["integrity.1.1"], "observation": ["shown"]})
    elif case == "evidence-unknown-indicator":
        ev = pd.DataFrame({"person_id": ["P1"], "indicator_id": ["integrity.9.9"], "observation": ["shown"]})
    elif case == "evidence-bad-observation":
        ev = pd.DataFrame({"person_id": ["P1"], "indicator_id": ["integrity.1.1"], "observation": ["maybe"]})
    elif case == "results-unknown-person":
        res = pd.DataFrame({"person_id": ["P1", "P2", "P3", "P9"], "results": [80.0, 70.0, 60.0, 50.0]})
    elif case == "results-duplicate":
        res = pd.DataFrame({"person_id": ["P1", "P2", "P3", "P2"], "results": [80.0, 70.0, 60.0, 70.0]})
    elif case == "results-missing-person":
        res = pd.DataFrame({"person_id": ["P1", "P2"], "results": [80.0, 70.0]})
    elif case == "results-out-of-range":
        res = pd.DataFrame({"person_id": ["P1", "P2", "P3"], "results": [80.0, 170.0, 60.0]})
    elif case == "level-above":
        rows[1][3] = 7
    elif case == "level-negative":
        rows[2][4] = -1
    elif case == "level-fraction":
        rows[2][4] = 1.5
    elif case == "level-text":
        rows[0][2] = "สอง"
    elif case == "level-mixed-digits":
        rows[0][2] = "๘5"
    elif case == "cr-id":
        rows[1][0] = "P\r2"
    elif case == "duplicate-person":
        rows.append(["P2", "K2", 1, 1, 1, 1, 1])
    elif case == "duplicate-person-zero-width":  # ids differing by a zero-width space are one person
        rows.append(["P\u200b2", "K2", 1, 1, 1, 1, 1])
    elif case == "evidence-id-nfd":  # evidence ids are keyed as the ratings': NFD is the same person
        rows[0][0] = "P\u00e9"
        ev = pd.DataFrame({"person_id": ["Pe\u0301", "P\u00e9"], "indicator_id": ["integrity.1.1"] * 2,
                           "observation": ["shown", "shown"]})
    elif case == "empty-id":
        rows[1][0] = ""
    elif case == "nul-id":
        rows[1][0] = "P\x002"
    elif case == "esc-name":
        df = ratings_rows(rows)
        df.insert(1, "name", ["ก", "ข\x1b[31m", "ค"])
        return df, None, None
    elif case == "unknown-position":
        rows[0][1] = "K9"
    elif case == "unknown-column":
        df = ratings_rows(rows)
        df["leadership"] = 1
        return df, None, None
    elif case == "no-position":
        return ratings_rows(rows).drop(columns=["position"]), None, None
    elif case == "not-rated":
        rows[0][6] = None
    elif case == "results-column-and-table":
        df = ratings_rows(rows)
        df["results"] = [80.0, 70.0, 60.0]
        return df, None, pd.DataFrame({"person_id": ["P1", "P2", "P3"], "results": [80.0, 70.0, 60.0]})
    return ratings_rows(rows), ev, res


CASES = ["evidence-conflict", "evidence-unknown-person", "evidence-unknown-indicator", "evidence-bad-observation",
         "results-unknown-person", "results-duplicate", "results-missing-person", "results-out-of-range",
         "level-above", "level-negative", "level-fraction", "level-text", "level-mixed-digits", "cr-id", "duplicate-person", "duplicate-person-zero-width", "evidence-id-nfd", "empty-id",
         "nul-id", "esc-name", "unknown-position", "no-position", "not-rated",
         "results-column-and-table"]


def csv_text(df: pd.DataFrame) -> str:
    out = df.copy()
    for c in out.columns:
        out[c] = out[c].map(lambda v: "" if v is None or v != v else (str(int(v)) if isinstance(v, float) and v == int(v) else str(v)))
    return out.to_csv(index=False, lineterminator="\r\n")  # CRLF: csv quotes a lone CR


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_the_same_error_every_way(case, cli, tmp_path):
    df, ev, res = case_frames(case)
    files = {"ratings": df, "evidence": ev, "results": res}
    paths = {}
    for k, frame in files.items():
        if frame is not None:
            paths[k] = tmp_path / f"{k}.csv"
            paths[k].write_bytes(csv_text(frame).encode("utf-8"))
    # 1. C++ on the CSV files (the readers and score_cohort), as Python exceptions.
    with pytest.raises(_m.Error) as cpp:
        rp.cohort_overview(paths["ratings"], evidence=paths.get("evidence"), results=paths.get("results"))
    # 2. The DataFrames into score().
    with pytest.raises(_m.Error) as frame:
        sc.score(df, evidence=ev, results=res)
    # 3. The CLI on the CSV files.
    args = ["score", str(paths["ratings"])]
    for k in ("evidence", "results"):
        if k in paths:
            args += [f"--{k}", str(paths[k])]
    p = run_cli(cli, args)
    assert p.returncode == 1 and "error:" in p.stderr, p.stderr
    a, b = cpp.value, frame.value
    assert type(a) is type(b), (a, b)
    # Messages naming a file name it as the input is named: a path, or "<results DataFrame>".
    unnamed = a.message
    for k, path in paths.items():
        unnamed = unnamed.replace(str(path), f"<{k} DataFrame>" if k != "ratings" else "<DataFrame>")
    assert unnamed == b.message, (str(a), str(b))
    assert a.message in p.stderr, (a.message, p.stderr)
    assert a.line == b.line and a.value == b.value, (str(a), str(b))
    # The DataFrame's error names the frame, and for a row its index label and position.
    assert b.file.startswith("<") and b.file.endswith("DataFrame>")
    if b.line >= 2:
        assert b.row == b.line - 2 and f"index {b.index!r} (row {b.row})" in str(b)


def test_pd_na_none_and_nan_are_empty_cells_in_every_dtype():
    """pd.NA in a string or object column crashed with TypeError / AttributeError, and a pd.NA
    person_id became the id "<NA>"."""
    base = {"person_id": ["A", "B", "C"], "position": ["K2", "K2", "K2"], "service": [2, 2, 2],
            "achievement": [2, 2, 2], "teamwork": [2, 2, 2], "expertise": [2, 2, 2]}
    for col in (pd.array(["2", None, "๓"], dtype="string"), pd.Series([2, pd.NA, None], dtype=object),
                pd.Series(["2", np.nan, pd.NA], dtype=object), pd.array([2, None, 3], dtype="Int8")):
        held = sc.score(pd.DataFrame(dict(base, integrity=col)), missing="zero")["integrity_held"].tolist()
        assert held[:2] == [2, 0]
    df = pd.DataFrame(dict(base, integrity=[2, 2, 2])).astype({"person_id": "string"})
    df.loc[1, "person_id"] = pd.NA
    with pytest.raises(_m.ValidationError) as e:
        sc.score(df)
    assert e.value.message == "person_id is empty" and e.value.row == 1 and e.value.path == "person_id"


def test_levels_with_nbsp_or_a_plus_sign_read_as_in_a_csv_file(cli, tmp_path):
    df = pd.DataFrame({"person_id": ["A"], "position": ["K2"], "integrity": ["\u00a02\u00a0"], "service": ["+3"],
                       "achievement": ["๒"], "teamwork": [" 2"], "expertise": ["\u202f1"]})
    path = tmp_path / "r.csv"
    path.write_text(df.to_csv(index=False), encoding="utf-8")
    want = cli_scores(cli, path)
    got = sc.score(df)
    same_scores(got, want, False)
    assert [int(got[f"{c}_held"][0]) for c in IDS] == [2, 3, 2, 2, 1]


def test_an_unknown_column_is_an_error_in_a_file_and_left_out_of_a_dataframe(tmp_path):
    """A CSV file's unknown column is an error (the reader cannot tell a typo from a note); a
    DataFrame's is left out with a UserWarning naming it (analysts' frames carry notes and emails),
    and with columns=[...] naming it, it is the file's error, word for word."""
    df, _, _ = case_frames("unknown-column")
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_text(df).encode("utf-8"))
    with pytest.raises(_m.Error) as cpp:
        rp.cohort_overview(path)
    with pytest.warns(UserWarning, match="'leadership' left out"):
        out = sc.score(df)
    assert len(out) == len(df)
    with pytest.raises(_m.Error) as frame:
        sc.score(df, columns=list(df.columns))
    a, b = cpp.value, frame.value
    assert type(a) is type(b) and a.message == b.message and a.value == b.value == "leadership"
