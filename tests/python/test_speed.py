"""The speed work of docs/performance.md: score(df)'s columnar path gives exactly what the table
path gives (or leaves the input to it), expected_levels, the batch Thai sort against PyICU and
thai.sort_key, the pandas sort key, and the benchmark script's quick mode. Timings are never
tested here: benchmarks/bench_python.py prints the ratios."""
import os
import pathlib
import random
import subprocess
import sys

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import samatthana  # noqa: E402
import samatthana.scoring as sc  # noqa: E402
from samatthana import _samatthana as _m  # noqa: E402
from samatthana import thai  # noqa: E402

IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]
ROOT = pathlib.Path(__file__).resolve().parents[2]


def both_paths(df, **kw):
    """score() by the columnar path and by the table path; asserts the columnar path was taken."""
    headers = [str(c) for c in df.columns]
    taken = []
    real = _m._score_fast

    def spy(*a, **k):
        out = real(*a, **k)
        taken.append(out is not None)
        return out

    sc._m._score_fast = spy
    try:
        fast = sc.score(df, **kw)
    finally:
        sc._m._score_fast = real
    sc._FAST = False
    try:
        slow = sc.score(df, **kw)
    finally:
        sc._FAST = True
    assert headers and taken == [True], "the columnar path was not taken"
    return fast, slow


def assert_same(fast, slow):
    assert list(fast.columns) == list(slow.columns)
    assert fast.index.equals(slow.index)
    for c in slow.columns:
        assert fast[c].dtype == slow[c].dtype, c
        assert fast[c].tolist() == slow[c].tolist(), c
    assert fast.attrs == slow.attrs


def cohort(n=300, seed=1):
    rng = np.random.default_rng(seed)
    pos = np.array(["K2", "O1", "k๓", "ประเภทวิชาการ ระดับชำนาญการพิเศษ", " M1 ", "D1"], dtype=object)
    units = np.array(["สำนักงานเขตบางรัก", "เเขวง", "สำนักการแพทย์", ""], dtype=object)  # เเ → แ
    names = [f"สมชาย ใจดี{i}" if i % 3 else f" ณัฐ\tวุฒิ {i} " for i in range(n)]
    df = pd.DataFrame({
        "person_id": [f"P{i:05d}" if i % 7 else f" ไทย{i}\u200b" for i in range(n)],  # trimmed, ZWSP removed
        "name": names,
        "unit": units[rng.integers(0, len(units), n)],
        "position": pos[rng.integers(0, len(pos), n)],
    })
    for c, top in zip(IDS, [5, 6, 5, 5, 5]):
        df[c] = rng.integers(0, top + 1, n)
    df["results"] = rng.integers(0, 10001, n) / 100.0
    return df


def test_columnar_path_equals_table_path():
    df = cohort()
    assert_same(*both_paths(df, results="results"))
    assert_same(*both_paths(df.drop(columns=["results"])))
    assert_same(*both_paths(df.drop(columns=["results"]), results=df["results"].to_numpy()))
    assert_same(*both_paths(df.set_index("person_id", drop=False), results="results"))


@pytest.mark.parametrize("method", ["bma", "bar", "rating", "ratio"])
def test_columnar_path_every_method(method):
    df = cohort(120, seed=2)
    assert_same(*both_paths(df, results="results", method=method, weight=40.0, dpis_rounding=method != "bar"))


def test_columnar_path_dtypes_and_categoricals():
    df = cohort(200, seed=3)
    df["integrity"] = df["integrity"].astype("Int8")      # nullable, no NA
    df["service"] = df["service"].astype(float)           # integral floats
    df["teamwork"] = df["teamwork"].astype(np.int8)
    df["expertise"] = df["expertise"].astype(np.uint8)
    df["unit"] = df["unit"].astype("category")
    df["position"] = df["position"].astype("category")
    df["name"] = df["name"].astype("string")
    assert_same(*both_paths(df, results="results"))


def test_columnar_path_thai_headers_and_other_framework():
    df = cohort(50, seed=4).rename(columns={"person_id": "รหัส", "name": "ชื่อ", "unit": "หน่วยงาน",
                                            "position": "ตำแหน่ง", "results": "ผลสัมฤทธิ์ของงาน"})
    assert_same(*both_paths(df))
    o = cohort(50, seed=5).drop(columns=IDS)
    fw = samatthana.framework("ocsc-core-2552")
    for k, comp in enumerate(fw.competencies):
        o[comp.id] = (np.arange(50) + k) % 4
    o["position"] = "K2"
    assert_same(*both_paths(o, framework=fw, results="results"))


@pytest.mark.parametrize("change", [
    lambda df: df.assign(integrity=df["integrity"].astype(object).where(df.index != 5, "๓")),  # text level
    lambda df: df.assign(service=df["service"].astype(float).where(df.index != 7, np.nan)),     # not rated
    lambda df: df.assign(service=df["service"].astype(float).where(df.index != 7, 2.5)),       # fraction
    lambda df: df.assign(teamwork=df["teamwork"] > 2),                                          # booleans
    lambda df: df.assign(person_id=df["person_id"].where(df.index != 9, df["person_id"][3])),  # given twice
    lambda df: df.assign(position=df["position"].where(df.index != 4, "X9")),                  # unknown
    lambda df: df.assign(name=df["name"].where(df.index != 4, "a\x1bb")),                      # control char
    lambda df: df.assign(results=df["results"].where(df.index != 6, 101.0)),                   # out of range
    lambda df: df.assign(results=df["results"].where(df.index != 6, np.nan)),                  # empty
])
def test_what_the_columnar_path_leaves_to_the_table_path(change):
    """The same error (class, message, location) or the same result as the table path."""
    df = change(cohort(40, seed=6))
    outcomes = []
    for fast in (True, False):
        sc._FAST = fast
        try:
            outcomes.append(("ok", sc.score(df, results="results")))
        except Exception as e:  # noqa: BLE001 — compared below
            outcomes.append(("error", (type(e), str(e), getattr(e, "index", None), getattr(e, "path", None))))
        finally:
            sc._FAST = True
    (k1, a), (k2, b) = outcomes
    assert k1 == k2
    if k1 == "ok":
        assert_same(a, b)
    else:
        assert a == b


@pytest.fixture
def second_thread():
    """score(df)'s columnar path with its second thread from 1 row (normally 200 000)."""
    before = _m._speed_parallel_from(1)
    try:
        yield
    finally:
        _m._speed_parallel_from(before)


def test_columnar_path_with_its_second_thread(second_thread):
    """Ids and names read while the second thread scores; blocks of rows not a multiple of the
    kernel's 256; no name or unit column (their rows filled with ""); ids in and out of order."""
    df = cohort(1000, seed=11)
    assert_same(*both_paths(df, results="results"))
    assert_same(*both_paths(df.drop(columns=["name", "unit"]), results="results"))
    assert_same(*both_paths(df.drop(columns=["results"]), method="ratio", ratio_cap=False))
    ordered = df.assign(person_id=[f"P{i:05d}" for i in range(1000)])   # increasing: no hash sort
    assert_same(*both_paths(ordered, results="results"))
    assert_same(*both_paths(ordered.iloc[::-1], results="results"))
    for n in (1, 255, 256, 257):
        assert_same(*both_paths(cohort(n, seed=n), results="results"))


def test_columnar_path_duplicates_found_in_or_out_of_order(second_thread):
    df = cohort(600, seed=12).assign(person_id=[f"P{i:05d}" for i in range(600)])
    for i, j in ((10, 11), (500, 3), (599, 0)):
        dup = df.assign(person_id=df["person_id"].where(df.index != i, df["person_id"][j]))
        with pytest.raises(samatthana.ValidationError, match="person_id given twice") as e:
            sc.score(dup, results="results")
        assert e.value.index == max(i, j)
    # Ids in byte order of different lengths (compared eight bytes at a time, then by length).
    ids = sorted(f"P{i}" if i % 2 else f"P{i:012d}x" for i in range(600))
    bytewise = df.assign(person_id=ids)
    assert_same(*both_paths(bytewise, results="results"))
    twice = bytewise.assign(person_id=ids[:300] + [ids[299]] + ids[301:])
    with pytest.raises(samatthana.ValidationError, match="person_id given twice"):
        sc.score(twice, results="results")


def test_columnar_rounding_of_totals_is_round_dpis():
    """The columnar path rounds totals in double arithmetic (batch_kernel.hpp): the same value
    as round_dpis for every total 0..100 in steps of 1/20000 (every half of the 3rd and 4th
    place), random ones, negative ones and ones beyond 2^31 thousandths."""
    rng = np.random.default_rng(13)
    for x in (np.arange(-200_000, 2_000_001) / 20000.0, rng.uniform(-200, 200, 500_000),
              np.array([0.0, -0.0, 0.0005, 0.0025, 0.005, -0.005, 2.675, 1.005, 99.995, 1e9, -1e12, 3e15])):
        assert _m._speed_rounding_differences(x) == 0


def test_columnar_path_reads_views_with_other_strides():
    """Columns of df.iloc[::-1] or df.iloc[::2] are numpy views with a negative or doubled stride."""
    df = cohort(300, seed=14)
    for view in (df.iloc[::-1], df.iloc[::2], df.iloc[::-3]):
        assert_same(*both_paths(view, results="results"))
    cat = df.assign(unit=df["unit"].astype("category"), position=df["position"].astype("category"))
    assert_same(*both_paths(cat.iloc[::-1], results="results"))


@pytest.mark.parametrize("method", ["bma", "bar", "rating", "ratio"])
def test_batch_kernel_over_row_major_arrays_equals_score_arrays(method):
    """batch::score_row_major (what score_arrays' binding can call: register_scoring.cpp) gives
    score_batch's arrays, NaN results included; a level or result out of range is left to
    score_batch (None), which gives the located error."""
    rng = np.random.default_rng(15)
    n, top = 150_001, np.array([5, 6, 5, 5, 5])                     # two threads, a partial block
    held = rng.integers(0, top + 1, (n, 5)).astype(np.int8)
    exp = rng.integers(0, 4, (n, 5)).astype(np.int8)
    res = np.round(rng.uniform(0, 100, n), 3)
    res[::97] = np.nan
    for kw in (dict(weight=30.0, dpis_rounding=True, ratio_cap=True, profile=None),
               dict(weight=40.0, dpis_rounding=False, ratio_cap=False, profile="bma-core")):
        for results in (res, None):
            got = _m._speed_score_rows(held, exp, list(top), results, method, **kw)
            want = sc.score_arrays(held, exp, list(top), results, method, **kw)
            assert got is not None and set(got) == set(want)
            for k in want:
                assert got[k].dtype == want[k].dtype and np.array_equal(got[k], want[k], equal_nan=True), k
    bad = held.copy()
    bad[7, 1] = 7
    assert _m._speed_score_rows(bad, exp, list(top), res, method, 30.0, True, True, None) is None
    with pytest.raises(samatthana.ValidationError, match=r"held level out of range 0\.\.6 \(row 7"):
        sc.score_arrays(bad, exp, list(top), res, method)
    high = res.copy()
    high[3] = 100.5
    assert _m._speed_score_rows(held, exp, list(top), high, method, 30.0, True, True, None) is None


def test_duplicate_ids_that_differ_only_by_spaces_are_found():
    df = cohort(30, seed=7)
    df.loc[3, "person_id"] = "P00001 "
    with pytest.raises(samatthana.ValidationError, match="person_id given twice") as e:
        sc.score(df)
    assert e.value.index == 3


def test_expected_levels():
    df = cohort(100, seed=8)
    scored = sc.score(df, results="results")
    want = scored[[f"{c}_expected" for c in IDS]].to_numpy()
    for positions in (df["position"], df["position"].astype("category"), df["position"].tolist(),
                      df["position"].to_numpy()):
        got = sc.expected_levels(positions)
        assert got.dtype == np.int8 and got.shape == (100, 5)
        assert (got == want).all()
    out = sc.score_arrays(df[IDS].to_numpy(np.int8), sc.expected_levels(df["position"]),
                          results=df["results"].to_numpy())
    assert np.array_equal(out["total"], scored["total"].to_numpy())
    with pytest.raises(samatthana.LookupError) as e:
        sc.expected_levels(["K2", "K2", "X9"])
    assert e.value.path == "positions[2]" and e.value.value == "X9"
    backwards = df["position"].iloc[::-1]           # a view with a negative stride
    assert (sc.expected_levels(backwards) == want[::-1]).all()
    ocsc = sc.expected_levels(["K2"], framework="ocsc-core-2552")
    assert ocsc.shape == (1, len(samatthana.framework("ocsc-core-2552").competencies))


def thai_names(n, seed):
    rng = random.Random(seed)
    cons = [chr(c) for c in range(0x0E01, 0x0E2F)]
    vowels = ["า", "ิ", "ี", "ุ", "ู", "ั", "ำ", "เ", "แ", "โ", "ใ", "ไ", "่", "้", "๊", "็", "์", ""]

    def word():
        s = ""
        for _ in range(rng.randint(1, 4)):
            v = rng.choice(vowels)
            s += v + rng.choice(cons) if v in "เแโใไ" else rng.choice(cons) + v
        return s
    names = [word() + " " + word() for _ in range(n)]
    return names + names[: n // 10] + ["", "ABC abc", "๑๒ 12", "…", "\U0001F600 ยิ้ม", "é"]


def test_thai_sort_matches_pyicu_and_sort_key():
    icu = pytest.importorskip("icu")
    names = thai_names(3000, seed=16)
    coll = icu.Collator.createInstance(icu.Locale("th_TH"))
    ref = sorted(names, key=coll.getSortKey)
    assert thai.sorted_thai(names) == ref
    assert [names[i] for i in thai.argsort(names)] == ref
    assert ref == sorted(names, key=thai.sort_key)
    assert thai.Collator().sorted(names) == ref


def test_thai_sort_without_pyicu():
    names = thai_names(2000, seed=17)
    ref = sorted(names, key=thai.sort_key)   # Python's sort: stable, keys once
    assert thai.sorted_thai(names) == ref
    order = thai.argsort(names)
    assert order.dtype == np.int64 and [names[i] for i in order] == ref
    assert thai.sorted_thai(names, numeric=True) == sorted(names, key=lambda s: thai.sort_key(s, numeric=True))
    r = thai.ranks(names)
    keys = [thai.sort_key(s) for s in names]
    for i in range(0, len(names), 37):
        for j in range(0, len(names), 41):
            assert (r[i] < r[j]) == (keys[i] < keys[j]) and (r[i] == r[j]) == (keys[i] == keys[j])


def test_thai_sort_is_stable_and_keeps_the_objects():
    a, b = "ก" + "", "".join(["ก"])
    assert a is not b or True
    items = ["ข", a, "ค", b]
    out = thai.sorted_thai(items)
    assert out == ["ก", "ก", "ข", "ค"] and out[0] is items[1] and out[1] is items[3]
    assert thai.argsort(pd.Series(items, index=[9, 8, 7, 6])).tolist() == [1, 3, 0, 2]  # positions, not labels
    assert thai.sorted_thai(x for x in ["ข", "ก"]) == ["ก", "ข"]
    assert thai.sorted_thai([]) == [] and thai.argsort([]).tolist() == []


def test_thai_sort_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="item 1"):
        thai.sorted_thai(["ก", None])
    with pytest.raises(samatthana.EncodingError, match="surrogate"):
        thai.argsort(["ก", "\ud800"])


def test_sort_values_key_several_columns_and_sort_index():
    df = pd.DataFrame({"unit": ["ข", "ก", "ข", None, "ก"], "score": [2.0, 10.0, 1.0, 3.0, 9.5],
                       "name": ["ค", "ก", "ข", "ง", "จ"]}, index=["ค", "ข", "ก", "ง", "เก"])
    out = df.sort_values(["unit", "score"], key=thai.sort_key_series)
    assert out["name"].tolist() == ["จ", "ก", "ข", "ค", "ง"]                 # score numerically: 9.5 < 10
    desc = df.sort_values(["unit", "score"], ascending=[True, False], key=thai.sort_key_series)
    assert desc["name"].tolist() == ["ก", "จ", "ค", "ข", "ง"]
    assert df.sort_index(key=thai.sort_key_series).index.tolist() == ["ก", "เก", "ข", "ค", "ง"]  # เก with ก
    assert df.sort_values("unit", key=thai.sort_key_series, na_position="first")["name"].tolist()[0] == "ง"
    cat = df.assign(unit=df["unit"].astype("category"))
    assert cat.sort_values(["unit", "score"], key=thai.sort_key_series)["name"].tolist() == out["name"].tolist()
    with pytest.raises(TypeError, match="mixes text"):
        pd.DataFrame({"x": ["ก", 3]}).sort_values("x", key=thai.sort_key_series)


def test_benchmark_quick_mode_runs():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_python.py"), "--quick"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "score(df)" in out.stdout and "score_arrays" in out.stdout


# ---- the CSV reader's input rules for score(df) ----------------------------------------------------

def small():
    return pd.DataFrame({"รหัส": ["A1", "A2"], "ชื่อ": ["ก", "ข"], "หน่วยงาน": ["สำนักอนามัย", "สำนักอนามัย"],
                         "ตำแหน่ง": ["K2", "O1"], "integrity": [3, 1], "service": [2, 1], "achievement": [1, 1],
                         "teamwork": [2, 1], "expertise": [1, 1], "ผลสัมฤทธิ์ของงาน": [80, 70]},
                        index=["x", "y"])


def test_thai_headers_and_a_spaced_person_id_header():
    out = sc.score(small())
    assert out["person_id"].tolist() == ["A1", "A2"] and out["total"].tolist() == [78.8, 73.0]
    spaced = small().rename(columns={"รหัส": "person_id "})
    assert sc.score(spaced)["total"].tolist() == [78.8, 73.0]
    bad = spaced.assign(integrity=[3, "x"])
    with pytest.raises(samatthana.ParseError) as e:
        sc.score(bad)
    assert e.value.index == "y" and e.value.path == "integrity" and "index 'y' (row 1)" in str(e.value)


def test_extra_columns_are_left_out_with_a_warning():
    df = small().assign(notes=["ดี", ""], email=["a@b", "c@d"])
    with pytest.warns(UserWarning, match=r"'notes', 'email' left out"):
        out = sc.score(df)
    pd.testing.assert_frame_equal(out, sc.score(small()))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chosen = sc.score(df, columns=[c for c in small().columns])
    pd.testing.assert_frame_equal(chosen, out)
    with pytest.raises(samatthana.LookupError, match="unknown column") as e:
        sc.score(df, columns=list(small().columns) + ["notes"])
    assert e.value.path == "notes"
    with pytest.raises(samatthana.ValidationError, match="no column 'nope'"):
        sc.score(df, columns=["nope"])


def test_results_cells_thai_digits_percent_and_booleans():
    df = small().astype({"ผลสัมฤทธิ์ของงาน": object})
    df["ผลสัมฤทธิ์ของงาน"] = ["๘๐", "70"]
    assert sc.score(df)["results"].tolist() == [80.0, 70.0]
    for bad in ["85%", True]:
        df["ผลสัมฤทธิ์ของงาน"] = [bad, "70"]
        with pytest.raises(samatthana.ParseError, match="not a number") as e:
            sc.score(df)
        assert e.value.index == "x" and e.value.path == "ผลสัมฤทธิ์ของงาน"
    with pytest.raises(samatthana.ParseError, match="not a level") as e:
        sc.score(small().assign(service=[True, False]))
    assert e.value.path == "service"


# ---- summarize ----------------------------------------------------------------------------------------

def test_summarize_by_any_column_in_thai_order_and_long():
    df = cohort(60, seed=9)
    df["unit"] = np.array(["สำนักอนามัย", "เขตบางรัก", "กองคลัง"], dtype=object)[np.arange(60) % 3]
    s = sc.score(df, results="results")
    by_unit = sc.summarize(s)
    assert by_unit.index.tolist() == ["กองคลัง", "เขตบางรัก", "สำนักอนามัย"]     # Thai order, not code points
    assert by_unit["people"].tolist() == [20, 20, 20]
    s["grade"] = np.where(np.arange(60) < 30, "เอ", "บี")
    two = sc.summarize(s, by=["unit", "grade"])
    assert two.index.names == ["unit", "grade"] and two["people"].sum() == 60
    assert list(two.index.get_level_values(0)) == sorted(two.index.get_level_values(0), key=thai.sort_key)
    by_band = sc.summarize(s, by="band")
    assert set(by_band.index) == set(s["band"]) and by_band["people"].sum() == 60
    pos = sc.summarize(s, by="position")
    assert pos.index.name == "position" and set(pos.index) <= {"K2", "O1", "K3", "K4", "M1", "D1"}
    long = sc.summarize(s, by="unit", long=True)
    assert long.index.names == ["unit", "competency"] and len(long) == 3 * 5
    row = long.loc[("กองคลัง", "service")]
    assert row["share_meeting"] == by_unit.loc["กองคลัง", "service_share_meeting"]
    assert row["mean_gap"] == by_unit.loc["กองคลัง", "service_mean_gap"]
    everyone = sc.summarize(s, by=None, long=True)
    assert everyone.index.names == ["all", "competency"] and everyone["people"].tolist() == [60] * 5
    with pytest.raises(samatthana.ValidationError, match="no column 'nope'"):
        sc.summarize(s, by="nope")


# ---- dates --------------------------------------------------------------------------------------------

def test_parse_date_numeric_forms_be_from_2400():
    import datetime
    d = datetime.date(2023, 10, 1)
    for s in ["2566-10-01", "01/10/2566", "1/10/2566", "๑/๑๐/๒๕๖๖", "2023-10-01", "1/10/2023", " 01/10/2566 "]:
        assert thai.parse_date(s) == d, s
    assert thai.parse_date("29/02/2567") == datetime.date(2024, 2, 29)
    for bad, says in [("30/02/2567", "2567 BE has 29 days"), ("2566-02-30", "has 28 days"),
                      ("1/13/2566", "month 13"), ("01/10/66", "not a Thai month name")]:
        with pytest.raises(samatthana.ParseError, match=says) as e:
            thai.parse_date(bad)
        assert e.value.value == bad


def test_read_ratings_chunksize_delegates_to_the_chunked_reader():
    path = ROOT / "data" / "samples" / "ratings.csv"
    whole = sc.read_ratings(path)
    chunks = list(sc.read_ratings(path, chunksize=7))
    assert len(chunks) > 1 and all(len(c) <= 7 for c in chunks[:-1])
    pd.testing.assert_frame_equal(pd.concat(chunks), whole)
    assert isinstance(samatthana.read_ratings(path), pd.DataFrame)
