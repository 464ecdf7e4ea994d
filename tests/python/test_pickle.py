"""Every public object pickles (protocols 2..5) and comes back equal, also in another process
(multiprocessing spawn), so that frameworks, their parts and errors can be shipped to Dask
workers. See docs/scale.md."""
from __future__ import annotations

import concurrent.futures as cf
import copy
import multiprocessing as mp
import pickle

import pandas as pd
import pytest

import samatthana
import samatthana._pickle  # noqa: F401  (registers the reducers; samatthana imports it too)
from samatthana import thai

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def _texts(fw):
    yield fw.name
    yield fw.level_zero
    yield fw.provenance.issuer
    for c in fw.competencies:
        yield c.name
        yield c.definition
        for lv in c.levels:
            yield lv.title
            for i in lv.indicators:
                yield i.text


def _objects():
    """(label, object) of every public class, with corrections and variants where a shipped
    framework has them."""
    out = []
    for fid in samatthana.builtin_framework_ids():
        fw = samatthana.framework(fid)
        out.append((f"Framework {fid}", fw))
        c = fw.competencies[-1]
        out += [(f"Competency {c.id}", c), (f"Level {c.id}.2", c.levels[1]),
                (f"Indicator {c.levels[0].indicators[0].id}", c.levels[0].indicators[0]),
                (f"Text {c.id}", c.name), (f"Provenance {fid}", fw.provenance)]
        out += [(f"Witness {w.id}", w) for w in fw.provenance.witnesses[:1]]
        out += [(f"Alias {fid}", a) for comp in fw.competencies for a in comp.aliases][:1]
        corrected = [t for t in _texts(fw) if t.correction is not None][:1]
        out += [(f"Text with correction {fid}", t) for t in corrected]
        out += [(f"Correction {fid}", t.correction) for t in corrected]
        varied = [t for t in _texts(fw) if t.variants][:1]
        out += [(f"Text with variants {fid}", t) for t in varied]
        out += [(f"Variant {fid}", t.variants[0]) for t in varied]
    out.append(("Collator", thai.Collator(numeric=True)))
    return out


OBJECTS = _objects()


def _same(a, b):
    if isinstance(a, thai.Collator):
        return b.numeric == a.numeric and b.sorted(["ข10", "ข9", "ก"]) == a.sorted(["ข10", "ข9", "ก"])
    return a == b


def test_every_kind_is_covered():
    kinds = {type(o).__name__ for _, o in OBJECTS}
    assert kinds >= {"Framework", "Competency", "Level", "Indicator", "Text", "Correction", "Variant",
                     "Alias", "Witness", "Provenance", "Collator"}


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("label,obj", OBJECTS, ids=[label for label, _ in OBJECTS])
def test_round_trip_equal(label, obj, protocol):
    back = pickle.loads(pickle.dumps(obj, protocol=protocol))
    assert type(back) is type(obj)
    assert _same(obj, back), label


def test_thai_text_survives_and_copies_work():
    fw = samatthana.bma_core()
    back = pickle.loads(pickle.dumps(fw))
    assert back.competency("101").name.th == "คุณธรรมจริยธรรม"
    assert back.to_json() == fw.to_json()
    assert copy.deepcopy(fw) == fw and copy.copy(fw.competencies[0]) == fw.competencies[0]


def test_a_custom_framework_round_trips():
    text = samatthana.embedded_data("frameworks/bma-core-2550.json").decode().replace(
        '"bma-core-2550"', '"my-office-2567"', 1)
    fw = samatthana.parse_framework(text, "mine.json")
    back = pickle.loads(pickle.dumps(fw))
    assert back == fw and back.id == "my-office-2567"


def test_unpickled_parts_work_alone():
    fw = samatthana.bma_core()
    c = pickle.loads(pickle.dumps(fw.competency("integrity")))
    del fw
    assert c.full_title(2).startswith("แสดงสมรรถนะระดับที่ ๑ และ")
    assert [i.id for i in c.indicators_through(2)] == [i.id for lv in c.levels[:2] for i in lv.indicators]


def test_equality_and_hash_agree():
    fw = samatthana.bma_core()
    a, b = fw.competencies[0], pickle.loads(pickle.dumps(fw.competencies[0]))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != fw.competencies[1] and (a == "integrity") is False
    assert fw.competencies[0].levels[0] != fw.competencies[0].levels[1]


def test_indicator_index_pickles_by_its_framework():
    ix = thai.IndicatorIndex(samatthana.bma_core())
    back = pickle.loads(pickle.dumps(ix))
    assert len(back) == len(ix)
    assert [h.indicator_id for h in back.search("โปร่งใส")] == [h.indicator_id for h in ix.search("โปร่งใส")]


def test_located_errors_pickle_with_their_location():
    df = pd.DataFrame({"person_id": ["A1"], "position": ["K2"], "integrity": [9], "service": [2],
                       "achievement": [1], "teamwork": [2], "expertise": [0]})
    with pytest.raises(samatthana.ValidationError) as info:
        samatthana.score(df)
    for protocol in PROTOCOLS:
        e = pickle.loads(pickle.dumps(info.value, protocol=protocol))
        assert type(e) is samatthana.ValidationError and str(e) == str(info.value)
        for k in ("message", "file", "line", "column", "path", "value", "row", "index"):
            assert getattr(e, k) == getattr(info.value, k), k
    with pytest.raises(samatthana.LookupError) as lk:
        samatthana.bma_core().competency("nope")
    e = pickle.loads(pickle.dumps(lk.value))
    assert isinstance(e, KeyError) and e.message == lk.value.message


# ---- across processes ----------------------------------------------------------------------

def _child_echo(blob: bytes) -> bytes:
    """In the child: unpickle, use, pickle back."""
    obj = pickle.loads(blob)
    if isinstance(obj, samatthana.Framework):
        assert obj.competency(obj.competencies[0].id).id == obj.competencies[0].id
    return pickle.dumps(obj)


def _child_score(fw, kw):
    df = pd.DataFrame({"person_id": ["A1", "A2"], "position": ["K2", "O3"], "integrity": [3, 4],
                       "service": [2, 3], "achievement": [1, 3], "teamwork": [2, 3], "expertise": [0, 3]})
    return samatthana.score(df, framework=fw, **kw)


def test_objects_cross_processes_equal():
    ctx = mp.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        blobs = list(pool.map(_child_echo, [pickle.dumps(o) for _, o in OBJECTS]))
        for (label, obj), blob in zip(OBJECTS, blobs):
            assert _same(obj, pickle.loads(blob)), label
        # A framework object and options sent to a worker score as they do here.
        kw = dict(method="bar", raters="supervisor", dpis_rounding=True)
        there = pool.submit(_child_score, samatthana.bma_core(), kw).result()
    pd.testing.assert_frame_equal(there, _child_score(samatthana.bma_core(), kw))


def test_pickling_needs_no_extra_import():
    """The classes' own __reduce__ works in a program that imported only samatthana."""
    import subprocess
    import sys

    code = ("import pickle, samatthana; fw = samatthana.bma_core(); "
            "assert pickle.loads(pickle.dumps(fw)) == fw; "
            "c = fw.competencies[0]; assert pickle.loads(pickle.dumps(c, 2)) == c; print('ok')")
    env = dict(__import__("os").environ, PYTHONPATH=__import__("os").pathsep.join(sys.path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.stdout.strip() == "ok", r.stderr
