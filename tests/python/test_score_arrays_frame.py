"""score_arrays(df, expected, ...): held levels read from a ratings DataFrame's competency columns
(issue 16: the columnar path straight from the analyst's DataFrame, no df[ids].to_numpy(int8)).
Over random frames (columns in any order, named by id, DPIS code or Thai name, among other
columns; any integer or float dtype, nullable ones too) the result is exactly score_arrays on the
int8 array, and score(df)'s; every cell that is not a level is a ParseError naming the index label
and the column, the first in row order, as score(df) names it. Timings: bench_python.py."""
import numpy as np
import pandas as pd
import pytest

import samatthana
import samatthana.scoring as sc
from samatthana import _samatthana as _m

FW = samatthana.bma_core()
COMPS = list(FW.competencies)
IDS = [c.id for c in COMPS]
TOPS = [c.max_level for c in COMPS]
DTYPES = ["int64", "int32", "int16", "int8", "uint8", "uint64", "float64", "float32", "Int8", "Int64", "Float64"]
POSITIONS = ["K1", "K2", "K3", "O1", "O2", "M1", "D1"]


def header(rng, c):
    """A header the header rule reads as competency c: its id, a DPIS code or its Thai name."""
    names = [c.id, c.name.th] + list(c.codes.values())
    return str(names[int(rng.integers(0, len(names)))])


def random_frame(rng, n):
    levels = np.stack([rng.integers(0, t + 1, n) for t in TOPS], axis=1)
    cols = {"person_id": [f"P{i}" for i in range(n)], "position": rng.choice(POSITIONS, n),
            "results": np.round(rng.uniform(0, 100, n), 2), "หมายเหตุ": ["-"] * n}
    for j, c in enumerate(COMPS):
        cols[header(rng, c)] = pd.Series(levels[:, j]).astype(str(rng.choice(DTYPES))).to_numpy() \
            if rng.random() < 0.5 else pd.array(levels[:, j], dtype=str(rng.choice(DTYPES)))
    names = list(cols)
    order = rng.permutation(len(names))
    df = pd.DataFrame({names[k]: cols[names[k]] for k in order})
    if rng.random() < 0.5:
        df.index = pd.Index([f"r{i}" for i in rng.permutation(n)])
    return df, levels.astype(np.int8)


@pytest.mark.parametrize("seed", range(25))
def test_frame_equals_the_int8_array_and_score(seed):
    rng = np.random.default_rng(900 + seed)
    n = int(rng.choice([1, 5, 300, 4097, 150_000]))
    df, levels = random_frame(rng, n)
    exp = sc.expected_levels(df["position"])
    res = df["results"].to_numpy()
    want = sc.score_arrays(levels, exp, results=res)
    for threads in (None, 1, 2):
        got = sc.score_arrays(df, exp, results=res, threads=threads)
        for k in want:
            assert got[k].dtype == want[k].dtype and np.array_equal(got[k], want[k], equal_nan=True), k
    if n <= 4097:
        scored = samatthana.score(df[["person_id", "position", "results"] +
                                     [c for c in df.columns if c not in ("person_id", "position", "results",
                                                                          "หมายเหตุ")]])
        assert np.array_equal(scored["total"].to_numpy(), want["total"])


def test_frame_of_another_framework():
    fw = samatthana.framework("ocsc-core-2552")
    comps = list(fw.competencies)
    rng = np.random.default_rng(4)
    levels = np.stack([rng.integers(0, c.max_level + 1, 50) for c in comps], axis=1).astype(np.int8)
    df = pd.DataFrame({c.name.th: levels[:, j] for j, c in enumerate(comps)})
    exp = rng.integers(0, 3, levels.shape).astype(np.int8)
    got = sc.score_arrays(df, exp, framework=fw)
    want = sc.score_arrays(levels, exp, max_level=[c.max_level for c in comps])
    assert np.array_equal(got["points"], want["points"])
    got = sc.score_arrays(df, exp, framework="ocsc-core-2552")
    assert np.array_equal(got["gap"], want["gap"])


def base(n=6):
    df = pd.DataFrame({"person_id": [f"P{i}" for i in range(n)], "position": ["K2"] * n,
                       **{i: np.ones(n, np.int64) for i in IDS}}, index=[f"x{i}" for i in range(n)])
    return df, sc.expected_levels(df["position"])


def bad(df, exp, message):
    with pytest.raises(_m.ParseError) as e:
        sc.score_arrays(df, exp)
    assert message in str(e.value), str(e.value)
    return e.value


@pytest.mark.parametrize("value, shown", [(9, "9"), (-1, "-1"), (1.5, "1.5"), (np.nan, ""), (6, "6")])
def test_a_cell_that_is_not_a_level(value, shown):
    df, exp = base()
    col = "service" if value == 6 else "achievement"  # service's highest level is 6: 6 is a level
    df[col] = df[col].astype(np.float64)
    df.loc["x3", col] = value
    if value == 6:
        got, want = sc.score_arrays(df, exp), sc.score_arrays(df[IDS].to_numpy(np.int8), exp)
        assert all(np.array_equal(got[k], want[k], equal_nan=True) for k in want)
        return
    e = bad(df, exp, f"<DataFrame>: index 'x3' (row 3), column '{col}': not a level")
    assert (e.index, e.row, e.path, e.value, e.line, e.column) == ("x3", 3, col, shown, 5,
                                                                    list(df.columns).index(col) + 1)


def test_the_first_bad_cell_in_row_order():
    df, exp = base()
    df.loc["x4", "integrity"] = 8
    df.loc["x2", "expertise"] = 8
    df.loc["x2", "teamwork"] = 9
    e = bad(df, exp, "index 'x2' (row 2), column 'teamwork'")
    assert e.value == "9"


def test_nullable_na_and_booleans_and_objects():
    df, exp = base()
    df["teamwork"] = pd.array([1, 2, None, 1, 1, 1], dtype="Int8")
    bad(df, exp, "index 'x2' (row 2), column 'teamwork': not a level")
    df, exp = base()
    df["teamwork"] = [True] * 6
    bad(df, exp, "column 'teamwork': booleans are not levels")
    df, exp = base()
    df["teamwork"] = ["1"] * 6
    e = bad(df, exp, "index 'x0' (row 0), column 'teamwork': not a number")
    assert e.value == "1"
    df, exp = base()
    df["teamwork"] = pd.Series([1, 2, 3, True, 1, 1], dtype=object, index=df.index)
    bad(df, exp, "index 'x3' (row 3), column 'teamwork': booleans are not levels")
    df, exp = base()
    df["teamwork"] = pd.Series([1, 2.0, np.int8(3), None, 1, 1], dtype=object, index=df.index)
    bad(df, exp, "index 'x3' (row 3), column 'teamwork': not a level")
    df["teamwork"] = pd.Series([1, 2.0, np.int8(3), 4, 1, 1], dtype=object, index=df.index)
    got, want = sc.score_arrays(df, exp), sc.score_arrays(df[IDS].astype(np.int8).to_numpy(), exp)
    assert all(np.array_equal(got[k], want[k], equal_nan=True) for k in want)


def test_missing_or_doubled_competency_columns():
    df, exp = base()
    with pytest.raises(_m.ValidationError, match="held: no column for competency 'expertise'"):
        sc.score_arrays(df.drop(columns=["expertise"]), exp)
    df2 = df.copy()
    df2[COMPS[0].name.th] = 1
    with pytest.raises(_m.ValidationError, match="both name competency 'integrity'"):
        sc.score_arrays(df2, exp)


def test_other_columns_are_not_read():
    df, exp = base()
    df["notes"] = ["anything", None, 3.5, True, "", "ข้อความ"]
    df["email"] = np.nan
    want = sc.score_arrays(df[IDS].to_numpy(np.int8), exp)
    got = sc.score_arrays(df, exp)
    assert all(np.array_equal(got[k], want[k], equal_nan=True) for k in want)


def test_first_in_row_order_across_object_and_number_columns():
    df, exp = base()
    df["teamwork"] = pd.Series([1, 1, 1, 1, "๒", 1], dtype=object, index=df.index)
    df.loc["x2", "expertise"] = 6
    bad(df, exp, "index 'x2' (row 2), column 'expertise': not a level")
    df.loc["x2", "expertise"] = 5
    e = bad(df, exp, "index 'x4' (row 4), column 'teamwork': not a number")
    assert (e.value, e.column) == ("๒", list(df.columns).index("teamwork") + 1)
