"""score_arrays' batch kernel against the library's score_batch over random layouts, and the
threads setting (issue 21): results identical whatever the threads, concurrent calls from Python
threads identical to one call. Timings are never tested here: benchmarks/bench_scale.py
--threads-only prints the threads figure, benchmarks/bench_python.py the speed ratios."""
import concurrent.futures as cf
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import samatthana
import samatthana.scoring as sc
from samatthana import _samatthana as _m

ROOT = pathlib.Path(__file__).resolve().parents[2]
IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]
PROFILES = [None, "bma-core", "ocsc-core", "ocsc-employee"]


def assert_same(got, want):
    assert set(got) == set(want)
    for k in want:
        assert got[k].dtype == want[k].dtype and got[k].shape == want[k].shape, k
        assert np.array_equal(got[k], want[k], equal_nan=True), k


def random_case(rng, n):
    """A random layout: 1..12 competencies with highest levels 1..15, levels in range (the
    expected ones mostly low), results 0..100 with NaN holes or none, any method and options."""
    c = int(rng.integers(1, 13))
    top = rng.integers(1, 16, c)
    held = rng.integers(0, top + 1, (n, c)).astype(np.int8)
    exp = np.minimum(rng.integers(0, 5, (n, c)), top).astype(np.int8)
    res = None
    if rng.random() < 0.8:
        res = np.round(rng.uniform(0, 100, n), int(rng.integers(0, 4)))
        res[rng.random(n) < 0.05] = np.nan
    kw = dict(max_level=[int(t) for t in top], results=res,
              method=str(rng.choice(["bma", "bar", "rating", "ratio"])),
              weight=float(rng.choice([30.0, 40.0, 12.5, 100.0])), dpis_rounding=bool(rng.random() < 0.7),
              ratio_cap=bool(rng.random() < 0.7), profile=PROFILES[int(rng.integers(0, len(PROFILES)))])
    return held, exp, kw


@pytest.mark.parametrize("seed", range(40))
def test_score_arrays_equals_score_batch_on_random_layouts(seed):
    """The kernel (batch_kernel.hpp: row-major blocks, AVX2 or not, several threads) gives
    exactly score_batch's arrays, on one thread, without the kernel."""
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.choice([1, 7, 255, 256, 257, 3001]))
    held, exp, kw = random_case(rng, n)
    want = _m._score_batch_reference(held, exp, **kw)
    for threads in (None, 1, 3):
        assert_same(sc.score_arrays(held, exp, threads=threads, **kw), want)


def test_score_arrays_equals_score_batch_split_over_threads():
    """Big enough for the default two threads, and split in 2, 3 and 8 parts with a partial last
    block; a level out of range in the last part gives score_batch's located error."""
    rng = np.random.default_rng(21)
    n = 150_003
    for method in ("bma", "ratio"):
        held, exp, kw = random_case(rng, n)
        kw["method"] = method
        want = _m._score_batch_reference(held, exp, **kw)
        for threads in (None, 1, 2, 3, 8):
            assert_same(sc.score_arrays(held, exp, threads=threads, **kw), want)
    held, exp = held.copy(), exp.copy()
    held[n - 2, 0] = kw["max_level"][0] + 1
    for threads in (None, 1, 3):
        with pytest.raises(samatthana.ValidationError, match=rf"held level out of range .*row {n - 2}"):
            sc.score_arrays(held, exp, threads=threads, **kw)


def test_score_arrays_other_layouts_equal_score_batch():
    """What the kernel leaves to score_batch (weighted ratings, levels above 15) and inputs that
    are converted first (int64, Fortran order, a strided view) give score_batch's arrays."""
    rng = np.random.default_rng(5)
    held, exp, kw = random_case(rng, 2000)
    c = held.shape[1]
    kw.update(method="rating", rating_weights=[float(w) for w in rng.multinomial(100, np.ones(c) / c)])
    assert_same(sc.score_arrays(held, exp, **kw), _m._score_batch_reference(held, exp, **kw))
    top = [20] * 3
    held = rng.integers(0, 21, (500, 3)).astype(np.int8)
    exp = rng.integers(0, 21, (500, 3)).astype(np.int8)
    assert_same(sc.score_arrays(held, exp, top), _m._score_batch_reference(held, exp, top))
    held, exp, kw = random_case(rng, 4000)
    want = _m._score_batch_reference(held, exp, **kw)
    assert_same(sc.score_arrays(held.astype(np.int64), np.asfortranarray(exp), **kw), want)
    big = np.zeros((4000, 2 * held.shape[1]), np.int8)
    big[:, ::2] = held
    assert_same(sc.score_arrays(big[:, ::2], exp, **kw), want)


def test_set_threads_and_the_threads_argument():
    before = sc.set_threads(1)
    try:
        assert sc.get_threads() == 1
        assert sc.set_threads(None) == 1 and sc.get_threads() == 0
        assert sc.set_threads(4) == 0 and sc.get_threads() == 4
    finally:
        sc.set_threads(before)
    for bad in (-1, 1.5, "2", True):
        with pytest.raises(ValueError, match="threads must be a whole number"):
            sc.set_threads(bad)
        with pytest.raises(ValueError, match="threads must be a whole number"):
            sc.score_arrays(np.zeros((1, 5), np.int8), np.zeros((1, 5), np.int8), threads=bad)
    assert sc.get_threads() == before


def cohort(n, seed=3):
    rng = np.random.default_rng(seed)
    pos = np.array(["K2", "O1", "K3", "D1", "ประเภทวิชาการ ระดับชำนาญการพิเศษ"], dtype=object)
    import pandas as pd

    df = pd.DataFrame({"person_id": [f"P{i:07d}" for i in range(n)],
                       "name": [f"สมชาย ใจดี{i}" for i in range(n)],
                       "unit": np.array(["สำนักอนามัย", "สำนักการแพทย์"], dtype=object)[np.arange(n) % 2],
                       "position": pos[rng.integers(0, len(pos), n)]})
    for c, top in zip(IDS, [5, 6, 5, 5, 5]):
        df[c] = rng.integers(0, top + 1, n)
    df["results"] = rng.integers(0, 10001, n) / 100.0
    return df


def test_score_with_threads_gives_the_same_frame():
    pd = pytest.importorskip("pandas")
    df = cohort(3000)
    before = _m._speed_parallel_from(1000)  # the default would take a second thread here
    try:
        frames = [sc.score(df, results="results", threads=t) for t in (None, 1, 2)]
        before_setting = sc.set_threads(1)
        try:
            frames.append(sc.score(df, results="results"))
        finally:
            sc.set_threads(before_setting)
    finally:
        _m._speed_parallel_from(before)
    for f in frames[1:]:
        pd.testing.assert_frame_equal(f, frames[0])


@pytest.mark.parametrize("threads", [None, 1])
def test_concurrent_calls_from_python_threads_give_identical_results(threads):
    """Calls from a pool of 4 Python threads at once (each releases the GIL) give what one call
    gives, with the internal threads on (default) or off (threads=1)."""
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(9)
    n = 120_000
    held, exp, kw = random_case(rng, n)
    want = sc.score_arrays(held, exp, **kw)
    df = cohort(20_000, seed=4)
    want_df = sc.score(df, results="results")
    with cf.ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: sc.score_arrays(held, exp, threads=threads, **kw), range(8)))
        got_df = list(pool.map(lambda _: sc.score(df, results="results", threads=threads), range(8)))
    for g in got:
        assert_same(g, want)
    for g in got_df:
        pd.testing.assert_frame_equal(g, want_df)


def test_threads_benchmark_quick_mode_runs():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_scale.py"), "--threads-only", "--quick"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "speed-up" in out.stdout and "score_arrays" in out.stdout and "score(df)" in out.stdout
