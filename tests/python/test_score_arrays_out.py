"""score_arrays(..., out=...): the caller's output arrays written in place (issue 21: calls that
reuse their outputs skip the kernel's zeroing of fresh pages, so threads scale). Over random
layouts, out gives exactly the arrays of a call without it, whatever was in out before, whatever
the threads; the dict returned holds the caller's own arrays; every wrong out is refused before
anything is written, naming out['key'] and what is wrong. Timings: benchmarks/bench_scale.py
--threads-only."""
import concurrent.futures as cf
import pathlib

import numpy as np
import pytest

import samatthana.scoring as sc
from samatthana import _samatthana as _m
from test_speed_threads import random_case  # the same random layouts as the kernel's tests

OTHER_PROFILE = pathlib.Path(__file__).resolve().parents[2] / "data/samples/profile-other.json"
KEYS = ["gap", "points", "part", "total", "band"]


def garbage(rng, n, c):
    """Outputs full of values no call writes (so a cell left unwritten would show)."""
    out = sc.empty_outputs(n, c)
    for k, a in out.items():
        if a.dtype == np.int8:
            a[...] = rng.integers(-128, 128, a.shape)
        else:
            a[...] = rng.choice([np.inf, -7.5, 1e300, np.nan], a.shape)
    return out


def assert_same(got, want):
    assert list(got) == KEYS
    for k in KEYS:
        assert got[k].dtype == want[k].dtype and got[k].shape == want[k].shape, k
        assert np.array_equal(got[k], want[k], equal_nan=True), k


@pytest.mark.parametrize("seed", range(30))
def test_out_equals_fresh_arrays_on_random_layouts(seed):
    rng = np.random.default_rng(5000 + seed)
    n = int(rng.choice([0, 1, 7, 255, 256, 257, 3001, 120_000]))
    held, exp, kw = random_case(rng, n)
    want = sc.score_arrays(held, exp, **kw)
    for threads in (1, 2, 3):
        out = garbage(rng, n, held.shape[1])
        ids = {k: id(a) for k, a in out.items()}
        got = sc.score_arrays(held, exp, threads=threads, out=out, **kw)
        assert_same(got, want)
        assert {k: id(a) for k, a in got.items()} == ids  # the caller's own arrays, written in place


def test_out_reused_call_after_call_holds_only_the_last_call():
    rng = np.random.default_rng(17)
    n, c = 2000, 5
    out = sc.empty_outputs(n, c)
    for round_ in range(6):
        held = rng.integers(0, 6, (n, c)).astype(np.int8)
        exp = rng.integers(0, 4, (n, c)).astype(np.int8)
        res = None if round_ % 2 else rng.uniform(0, 100, n)  # NaN totals and -1 bands after real ones
        want = sc.score_arrays(held, exp, results=res)
        assert_same(sc.score_arrays(held, exp, results=res, out=out), want)
        assert_same(out, want)


def test_a_returned_dict_can_be_passed_back_as_out():
    rng = np.random.default_rng(3)
    held = rng.integers(0, 6, (500, 5)).astype(np.int8)
    exp = rng.integers(0, 4, (500, 5)).astype(np.int8)
    first = sc.score_arrays(held, exp, results=rng.uniform(0, 100, 500))
    res2 = rng.uniform(0, 100, 500)
    assert_same(sc.score_arrays(exp, held, results=res2, out=first), sc.score_arrays(exp, held, results=res2))


def test_threads_each_with_their_own_out_equal_one_call():
    rng = np.random.default_rng(11)
    cases = [random_case(rng, int(rng.integers(1, 50_000))) for _ in range(8)]
    wants = [sc.score_arrays(h, e, **kw) for h, e, kw in cases]

    def run(i):
        h, e, kw = cases[i]
        return sc.score_arrays(h, e, threads=1, out=garbage(np.random.default_rng(i), *h.shape), **kw)

    with cf.ThreadPoolExecutor(2) as pool:
        for got, want in zip(pool.map(run, range(len(cases))), wants):
            assert_same(got, want)


def test_out_with_the_other_part():
    """A scheme with an other part takes score_batch's path (not the kernel): out is written too."""
    rng = np.random.default_rng(5)
    n = 300
    held = rng.integers(0, 6, (n, 5)).astype(np.int8)
    exp = rng.integers(0, 4, (n, 5)).astype(np.int8)
    kw = dict(results=rng.uniform(0, 100, n), other=rng.uniform(0, 100, n), profile=str(OTHER_PROFILE))
    want = sc.score_arrays(held, exp, **kw)
    assert_same(sc.score_arrays(held, exp, out=garbage(rng, n, 5), **kw), want)


def good(n=40, c=5):
    rng = np.random.default_rng(0)
    held = rng.integers(0, 6, (n, c)).astype(np.int8)
    exp = rng.integers(0, 4, (n, c)).astype(np.int8)
    return held, exp, rng.uniform(0, 100, n)


def refused(out, message, held=None, exp=None, res=None):
    h, e, r = good()
    h = h if held is None else held
    e = e if exp is None else exp
    r = r if res is None else res
    before = {k: v.copy() for k, v in out.items() if isinstance(v, np.ndarray)} if isinstance(out, dict) else {}
    with pytest.raises(_m.ValidationError) as err:
        sc.score_arrays(h, e, results=r, out=out)
    assert message in str(err.value), str(err.value)
    for k, v in before.items():  # refused before anything is written
        assert np.array_equal(out[k], v, equal_nan=True), k
    return str(err.value)


def test_wrong_out_is_refused_naming_the_key_and_what_is_wrong():
    n, c = 40, 5
    fresh = lambda: garbage(np.random.default_rng(1), n, c)  # noqa: E731
    refused([1, 2], "out: must be a dict")
    o = fresh(); del o["band"]
    refused(o, "out['band']: missing")
    o = fresh(); o["points"] = np.empty((n, c), np.float32)
    msg = refused(o, "out['points']: must have dtype float64")
    assert "float32" in msg
    o = fresh(); o["gap"] = o["gap"].astype(np.int64)
    refused(o, "out['gap']: must have dtype int8")
    o = fresh(); o["part"] = np.empty(n + 1)
    refused(o, "out['part']: must have shape (40,)")
    o = fresh(); o["gap"] = np.empty((n, c + 1), np.int8)
    refused(o, "out['gap']: must have shape (40, 5)")
    o = fresh(); o["points"] = np.empty((c, n)).T
    refused(o, "out['points']: must be C-contiguous")
    o = fresh(); o["total"] = np.empty(2 * n)[::2]
    refused(o, "out['total']: must be C-contiguous")
    o = fresh(); o["total"].flags.writeable = False
    refused(o, "out['total']: must be writeable")
    o = fresh(); o["band"] = [0] * n
    refused(o, "out['band']: must be a numpy array")
    o = fresh(); o["gaps"] = o["gap"]
    refused(o, "out['gaps']: not an output of score_arrays")


def test_out_sharing_memory_is_refused():
    h, e, r = good()
    o = garbage(np.random.default_rng(1), 40, 5)
    o["gap"] = h
    refused(o, "out['gap']: shares memory with held", held=h)
    o = garbage(np.random.default_rng(1), 40, 5)
    o["gap"] = e
    refused(o, "out['gap']: shares memory with expected", exp=e)
    o = garbage(np.random.default_rng(1), 40, 5)
    o["part"] = r
    refused(o, "out['part']: shares memory with results", res=r)
    o = garbage(np.random.default_rng(1), 40, 5)
    o["total"] = o["part"]
    refused(o, "out['part']: shares memory with out['total']")
    both = np.empty(80)
    o = garbage(np.random.default_rng(1), 40, 5)
    o["part"], o["total"] = both[:40], both[40:]  # two halves of one buffer: apart, so accepted
    h, e, r = good()
    assert_same(sc.score_arrays(h, e, results=r, out=o), sc.score_arrays(h, e, results=r))
    o = garbage(np.random.default_rng(1), 40, 5)
    o["part"], o["total"] = both[:40], both[39:79]  # one element in common
    refused(o, "out['part']: shares memory with out['total']")


def test_a_converted_input_never_clashes_with_out():
    """held given as int64 is read through a converted copy: an out array over the caller's int64
    buffer is not the memory read, so it is accepted (and the result is right)."""
    h, e, r = good()
    h64 = h.astype(np.int64)
    o = garbage(np.random.default_rng(1), 40, 5)
    assert_same(sc.score_arrays(h64, e, results=r, out=o), sc.score_arrays(h, e, results=r))


def test_a_scoring_error_with_out_is_the_error_without_it():
    h, e, r = good()
    h[7, 2] = 9
    with pytest.raises(_m.ValidationError) as a:
        sc.score_arrays(h, e, results=r)
    with pytest.raises(_m.ValidationError) as b:
        sc.score_arrays(h, e, results=r, out=sc.empty_outputs(40, 5))
    assert str(a.value) == str(b.value)
