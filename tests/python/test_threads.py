"""The module from a thread pool: the same results as one thread, no crashes. Batch functions
release the GIL around their C++ work, so threads run them at once."""
from __future__ import annotations

import concurrent.futures as cf

import pytest

import samatthana

THREADS = 8


def _pool_map(fn, items):
    with cf.ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(fn, items))


def test_parse_and_save_from_a_thread_pool():
    text = samatthana.embedded_data("frameworks/bma-core-2550.json").decode()
    ref = samatthana.parse_framework(text).to_json()
    out = _pool_map(lambda _: samatthana.parse_framework(text, "t.json").to_json(), range(32))
    assert all(o == ref for o in out)


def test_lookups_on_one_shared_framework_from_a_thread_pool():
    fw = samatthana.framework("bma")
    keys = []
    for c in fw.competencies:
        keys += [c.id, c.name.th]
        keys += [i.id for lvl in c.levels for i in lvl.indicators]

    def look(key):
        if "." in key:
            return fw.indicator(key).th
        return fw.competency(key).id

    ref = [look(k) for k in keys]
    for _ in range(4):
        assert _pool_map(look, keys) == ref


def test_errors_from_a_thread_pool_are_located():
    bad = samatthana.embedded_data("frameworks/bma-core-2550.json").decode()[:5000]

    def parse(_):
        try:
            samatthana.parse_framework(bad, "cut.json")
        except samatthana.ParseError as e:
            return (e.file, e.line, e.column, e.message)
        return None

    out = _pool_map(parse, range(16))
    assert out[0] is not None and out[0][0] == "cut.json"
    assert all(o == out[0] for o in out)


def test_batch_scoring_from_a_thread_pool_matches_one_thread():
    """score_arrays releases the GIL around its C++ loop: chunks scored by a pool of threads give
    exactly what one call gives for the whole cohort."""
    import numpy as np

    rng = np.random.default_rng(2567)
    n = 200_000
    expected = np.repeat(rng.integers(1, 4, n, dtype=np.int8)[:, None], 5, axis=1)
    held = np.clip(expected + rng.integers(-2, 3, (n, 5), dtype=np.int8), 0, [5, 6, 5, 5, 5]).astype(np.int8)
    results = rng.uniform(50, 100, n)
    whole = samatthana.score_arrays(held, expected, results=results)
    bounds = np.linspace(0, n, THREADS * 2 + 1, dtype=int)
    chunks = list(zip(bounds[:-1], bounds[1:]))
    parts = _pool_map(lambda ab: samatthana.score_arrays(np.ascontiguousarray(held[ab[0]:ab[1]]),
                                                         np.ascontiguousarray(expected[ab[0]:ab[1]]),
                                                         results=results[ab[0]:ab[1]]), chunks)
    for key in ("gap", "points", "part", "total", "band"):
        joined = np.concatenate([p[key] for p in parts])
        assert np.array_equal(joined, whole[key], equal_nan=key in ("part", "total")), key


def test_dataframe_scoring_from_a_thread_pool_matches_one_thread(root):
    """score() converts the cells, then builds the tables and scores them in C++ with the GIL
    released: DataFrame chunks scored by a pool of threads give what one call gives, and a bad
    chunk raises its own located error in its own thread."""
    import pandas as pd

    ratings = samatthana.scoring.read_ratings(root / "data/samples/ratings.csv")
    evidence = samatthana.scoring.read_evidence(root / "data/samples/evidence.csv")
    whole = samatthana.scoring.score(ratings, evidence=evidence, missing="zero")
    chunks = [ratings.iloc[i:i + 40] for i in range(0, len(ratings), 40)]

    def one(chunk):
        ev = evidence[evidence["person_id"].isin(chunk["person_id"])]
        return samatthana.scoring.score(chunk, evidence=ev, missing="zero")

    joined = pd.concat(_pool_map(one, chunks))
    pd.testing.assert_frame_equal(joined, whole)
    bad = ratings.iloc[:40].copy()
    bad.loc[bad.index[7], "service"] = 9
    errors = _pool_map(lambda _: pytest.raises(samatthana.ValidationError, one, bad).value, range(THREADS))
    assert all(e.row == 7 and e.path == "service" for e in errors)


def test_chunked_reading_from_a_thread_pool(root, tmp_path):
    """read_ratings_chunks and score_csv_stream release the GIL while C++ reads and scores: files
    read by a pool of threads at once give what one thread gives, each its own chunks; each
    thread's bad file raises its own located error."""
    import pandas as pd

    from samatthana import _chunked

    path = root / "data/samples/ratings.csv"
    whole = samatthana.read_ratings(path)
    frames = _pool_map(lambda _: pd.concat(list(_chunked.read_ratings_chunks(path, chunksize=33))), range(THREADS))
    for f in frames:
        pd.testing.assert_frame_equal(f, whole)
    outs = [tmp_path / f"scores-{k}.csv" for k in range(THREADS)]
    _pool_map(lambda o: _chunked.score_csv_stream(path, o, chunksize=50, missing="zero"), outs)
    assert len({o.read_bytes() for o in outs}) == 1
    bad = [tmp_path / f"bad-{k}.csv" for k in range(THREADS)]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for k, b in enumerate(bad):
        rows = list(lines)
        rows[10 + k] = rows[10 + k].rsplit(",", 1)[0] + ",9"
        b.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def line_of(b):
        with pytest.raises(samatthana.ValidationError) as e:
            list(_chunked.read_ratings_chunks(b, chunksize=4))
        return e.value.line

    assert _pool_map(line_of, bad) == [11 + k for k in range(THREADS)]
