"""Batch results in memory of their own (columns.hpp fresh_array): score_arrays' outputs and
score(df)'s level and score blocks from 1 MB on are 2 MB-aligned anonymous mappings advised for
huge pages, unmapped with the array. What a user could notice is tested: the values, views and
slices outliving the dict or DataFrame, pickling, copying, pandas operations, and memory given
back (no growth over many calls). Timings: benchmarks/bench_scale.py --threads-only and
docs/performance.md (fourth round)."""
import gc
import pickle

import numpy as np
import pandas as pd
import pytest

import samatthana
import samatthana.scoring as sc

IDS = ["integrity", "service", "achievement", "teamwork", "expertise"]


def arrays(n, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 6, (n, 5)).astype(np.int8), rng.integers(1, 4, (n, 5)).astype(np.int8),
            rng.uniform(40, 100, n))


def frame(n, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"person_id": [f"P{i:07d}" for i in range(n)], "name": ["สมชาย ใจดี"] * n,
                         "position": rng.choice(["K1", "K2", "O1"], n), **{c: rng.integers(0, 6, n) for c in IDS},
                         "results": rng.uniform(40, 100, n)})


@pytest.mark.parametrize("n", [10, 100_000, 300_000])  # below and above 1 MB an output
def test_outputs_are_aligned_writeable_and_right(n):
    h, e, r = arrays(n)
    out = sc.score_arrays(h, e, results=r)
    want = sc.score_arrays(h, e, results=r, out=sc.empty_outputs(n, 5))
    for k, a in out.items():
        assert a.flags.c_contiguous and a.flags.writeable and a.flags.aligned, k
        assert np.array_equal(a, want[k], equal_nan=True), k
        if a.nbytes >= 1 << 20:
            assert a.ctypes.data % (2 << 20) == 0, k  # its own mapping, on a 2 MB boundary


def test_a_view_outlives_the_result():
    h, e, r = arrays(400_000, 1)
    out = sc.score_arrays(h, e, results=r)
    want = out["points"][1000:1010].copy()
    view = out["points"][1000:1010]
    column = out["points"][:, 2]
    del out
    gc.collect()
    junk = [sc.score_arrays(*arrays(400_000, 2)[:2]) for _ in range(3)]  # reuse of freed memory would show
    assert np.array_equal(view, want)
    assert np.array_equal(column[1000:1010], want[:, 2])
    del junk


def test_pickle_copy_and_pandas_operations_on_a_scored_frame():
    df = frame(200_000, 3)
    s = sc.score(df, results="results")
    back = pickle.loads(pickle.dumps(s))
    pd.testing.assert_frame_equal(back, s)
    c = s.copy()
    c.loc[0, "total"] = -1.0
    assert s.loc[0, "total"] != -1.0
    assert s.groupby("position_code")["total"].mean().notna().all()
    assert np.array_equal(s.sort_values("total")["total"].to_numpy(), np.sort(s["total"].to_numpy()))
    s2 = pd.concat([s, s])
    assert len(s2) == 400_000
    total = s["total"]
    del s, back, c, s2
    gc.collect()
    assert np.isfinite(total.to_numpy()).all()


def test_memory_is_given_back():
    psutil = pytest.importorskip("psutil")
    proc = psutil.Process()
    h, e, r = arrays(1_000_000, 4)
    df = frame(300_000, 4)
    for _ in range(3):
        sc.score_arrays(h, e, results=r)
        sc.score(df, results="results")
    gc.collect()
    before = proc.memory_info().rss
    for _ in range(40):  # 40 × (62 MB of outputs + a scored frame): 3 GB if nothing were unmapped
        sc.score_arrays(h, e, results=r)
        sc.score(df, results="results")
    gc.collect()
    grown = proc.memory_info().rss - before
    assert grown < 200 * 2**20, f"RSS grew by {grown / 2**20:.0f} MB over 40 calls"
