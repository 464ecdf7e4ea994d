"""score(df)'s columnar path reads ids, names, levels and results without the GIL (docs/scale.md,
threads): what it reads that way, what it leaves to the steps that hold the GIL (ids keyed by
person_id_from_cell, names trimmed or empty), and that both give exactly the table path's
result. Timings are never tested here: benchmarks/bench_scale.py prints the figures."""
import concurrent.futures as cf

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import samatthana  # noqa: E402
import samatthana.scoring as sc  # noqa: E402
from samatthana import _samatthana as _m  # noqa: E402

IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]


def frame(n, seed=3):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "person_id": [f"P{i:06d}" for i in range(n)],
        "name": [f"สมหญิง ศรีสุข{i}" for i in range(n)],
        "unit": np.array(["สำนักอนามัย", "สำนักการแพทย์"], dtype=object)[np.arange(n) % 2],
        "position": np.array(["K2", "O1", "K3"], dtype=object)[rng.integers(0, 3, n)],
    })
    for c, top in zip(IDS, [5, 6, 5, 5, 5]):
        df[c] = rng.integers(0, top + 1, n)
    df["results"] = rng.integers(0, 10001, n) / 100.0
    return df


def both(df, threads, **kw):
    """score() by the columnar path (asserted taken) and by the table path."""
    taken = []
    real = _m._score_fast

    def spy(*a, **k):
        out = real(*a, **k)
        taken.append(out is not None)
        return out

    sc._m._score_fast = spy
    try:
        fast = sc.score(df, threads=threads, **kw)
    finally:
        sc._m._score_fast = real
    sc._FAST = False
    try:
        slow = sc.score(df, **kw)
    finally:
        sc._FAST = True
    assert taken == [True], "the columnar path was not taken"
    assert list(fast.columns) == list(slow.columns) and fast.index.equals(slow.index)
    for c in slow.columns:
        assert fast[c].dtype == slow[c].dtype and fast[c].tolist() == slow[c].tolist(), c
    return fast


def test_the_columnar_path_works_without_the_gil():
    """Its calling thread spends CPU time without the GIL (reading ids and names, converting
    levels, scoring): what lets calls from several Python threads run at once."""
    _m._speed_without_gil_seconds()
    both(frame(20_000), 1, results="results")
    assert _m._speed_without_gil_seconds() > 0
    assert _m._speed_without_gil_seconds() == 0  # read and reset


@pytest.mark.parametrize("threads", [1, 2])
def test_ids_keyed_with_the_gil_in_a_sorted_column(threads):
    """A sorted id column (no hash made) with, far into it, ids person_id_from_cell changes
    (spaces, Thai digits, a zero-width space): the order check is made again over every key."""
    df = frame(3000)
    ids = df["person_id"].tolist()
    ids[2000] = " P002000"
    ids[2500] = "P00๒๕๐๐\u200b"
    out = both(df.assign(person_id=ids), threads, results="results")
    assert out["person_id"][2000] == "P002000" and out["person_id"][2500] == "P00๒๕๐๐"
    dup = ids[:]
    dup[2900] = "\u200bP002000 "    # keyed as P002000: given twice, found after the keying
    with pytest.raises(samatthana.ValidationError, match="person_id given twice") as e:
        sc.score(df.assign(person_id=dup), results="results", threads=threads)
    assert e.value.index == 2900


@pytest.mark.parametrize("threads", [1, 2])
def test_names_trimmed_or_empty_with_the_gil(threads):
    df = frame(2000)
    names = df["name"].tolist()
    names[5], names[700], names[1999] = " ณัฐวุฒิ\t", None, "   "
    names[800], names[801] = np.nan, ""
    obj = pd.Series(names, dtype=object)
    obj[900] = pd.NA
    out = both(df.assign(name=obj), threads, results="results")
    assert out["name"][[5, 700, 800, 801, 900, 1999]].tolist() == ["ณัฐวุฒิ", "", "", "", "", ""]
    kept = df["name"][10]
    assert out["name"][10] is kept    # a name kept as it is: the same str object, not a copy


@pytest.mark.parametrize("bad", [123, b"bytes", "ชื่อ\x01"])
def test_names_the_columnar_path_leaves_to_the_table_path(bad):
    df = frame(50)
    df["name"] = df["name"].astype(object)
    df.loc[17, "name"] = bad
    sc._FAST = False
    try:
        try:
            want = sc.score(df, results="results")
        except samatthana.Error as e:
            want = e
    finally:
        sc._FAST = True
    assert _m._score_fast([str(c) for c in df.columns], sc._fast_columns(df, None), pd.NA, "bma-core-2550",
                          None, None, None, True, True, 1) is None
    try:
        got = sc.score(df, results="results")
    except samatthana.Error as e:
        assert isinstance(want, samatthana.Error) and str(e) == str(want)
    else:
        assert not isinstance(want, Exception)
        assert got.equals(want)


def test_calls_from_threads_while_another_thread_changes_the_frame():
    """The id and name objects are referenced before they are read without the GIL: a thread
    that replaces cells of the DataFrame meanwhile cannot free them under the reader. Every
    result is one the table path could give (each row's name is an old or a new one)."""
    df = frame(30_000)
    old = df["name"].tolist()
    stop = []

    def writer():
        k = 0
        while not stop:
            i = k % len(df)
            df.iat[i, 1] = f"ใหม่{k}"
            k += 1

    with cf.ThreadPoolExecutor(3) as pool:
        w = pool.submit(writer)
        try:
            outs = list(pool.map(lambda _: sc.score(df, results="results", threads=1), range(6)))
        finally:
            stop.append(True)
        w.result()
    for out in outs:
        assert len(out) == len(df)
        names = out["name"].tolist()
        assert all(a == b or a.startswith("ใหม่") for a, b in zip(names, old))
