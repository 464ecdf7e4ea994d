"""Property tests (python3-hypothesis): generated frameworks round-trip through JSON unchanged;
generated cohorts round-trip through CSV; held level monotone in evidence and in any one rater's
level (weighted raters), within the raters' range; points monotone in held level; gaps and points as
defined (these also run in C++ as the fuzz_scoring target)."""
from __future__ import annotations

import json
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import samatthana  # noqa: E402

# HYPOTHESIS_EXAMPLES=1000 for a longer run than the test command's.
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "40")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# ---- text -------------------------------------------------------------------------------------
# Thai syllables the normaliser leaves alone: an optional leading vowel, a consonant, at most one
# upper/lower vowel, at most one tone mark (after the vowel), an optional final.
CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F) if chr(c) not in "ฃฅ"]
LEADING = ["", "", "เ", "แ", "โ", "ไ"]
MIDDLE = ["", "", "ิ", "ี", "ึ", "ุ", "ู"]
TONES = ["", "", "่", "้", "๊", "๋"]
FINALS = ["", "", "า", "ง", "น", "ม", "ก"]

_PARTS = (LEADING, CONSONANTS, MIDDLE, TONES, FINALS)
_SYLLABLES = 1
for _p in _PARTS:
    _SYLLABLES *= len(_p)


def _syllable(n: int) -> str:
    out = ""
    for part in _PARTS:
        n, k = divmod(n, len(part))
        out += part[k]
    return out


# One integer draw per syllable keeps generation cheap (a framework has hundreds of texts).
syllable = st.integers(0, _SYLLABLES - 1).map(_syllable)
thai_word = st.lists(syllable, min_size=1, max_size=3).map("".join)
thai_text = st.lists(thai_word, min_size=1, max_size=4).map(" ".join)
english_text = st.lists(st.sampled_from(["Integrity", "service", "team-work", "(draft)", "K2,",
                                        "O'Neil", "level", "3.5", "Bangkok"]),
                       min_size=1, max_size=5).map(" ".join)
# Anything in the Thai block, plus spaces and a zero-width space: normalised on load.
raw_thai = st.text(alphabet=st.sampled_from([chr(c) for c in range(0x0E01, 0x0E5C)] +
                                            [" ", "\u200b", "a", "1"]), min_size=1, max_size=30)
comp_id = st.from_regex(r"[a-z][a-z0-9_]{1,10}", fullmatch=True)


TEMPLATE = json.loads(samatthana.embedded_data("frameworks/bma-core-2550.json").decode())


@st.composite
def framework_docs(draw, text=thai_text):
    template = TEMPLATE
    ids = draw(st.lists(comp_id, min_size=1, max_size=4, unique=True))
    names = draw(st.lists(thai_text, min_size=len(ids), max_size=len(ids),
                          unique_by=lambda s: s.replace(" ", "")))
    comps = []
    for i, cid in enumerate(ids):
        levels = []
        for k in range(1, draw(st.integers(1, 5)) + 1):
            inds = []
            for n in range(1, draw(st.integers(1, 3)) + 1):
                ind = {"id": f"{cid}.{k}.{n}", "th": draw(text)}
                if draw(st.booleans()):
                    ind["en"] = draw(english_text)
                inds.append(ind)
            levels.append({"level": k, "title": {"th": draw(text)}, "indicators": inds})
        comps.append({
            "id": cid, "group": draw(st.sampled_from(["core", "managerial", "functional"])),
            "name": {"th": names[i], "en": f"Competency {i} {draw(english_text)}"},
            "definition": {"th": draw(text)},
            "levels": levels,
        })
    doc = {k: template[k] for k in ("format", "id", "version", "name", "provenance", "level_zero")}
    doc["id"] = draw(st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True))
    doc["competencies"] = comps
    return doc


def check_round_trip(fw: samatthana.Framework) -> None:
    once = fw.to_json()
    back = samatthana.parse_framework(once, "saved.json")
    assert back == fw
    assert back.to_json() == once


@SETTINGS
@given(framework_docs())
def test_generated_frameworks_round_trip_unchanged(doc):
    fw = samatthana.parse_framework(json.dumps(doc, ensure_ascii=False), "generated.json")
    assert len(fw) == len(doc["competencies"])
    for c_doc, c in zip(doc["competencies"], fw.competencies):
        assert c.id == c_doc["id"]
        assert c.group == c_doc["group"]
        assert c.name.th == c_doc["name"]["th"]
        assert c.name.en == c_doc["name"]["en"]
        assert c.definition.th == c_doc["definition"]["th"]
        assert c.max_level == len(c_doc["levels"])
        for l_doc, lvl in zip(c_doc["levels"], c.levels):
            assert lvl.number == l_doc["level"]
            assert lvl.title.th == l_doc["title"]["th"]
            assert [i.id for i in lvl.indicators] == [i["id"] for i in l_doc["indicators"]]
            for i_doc, ind in zip(l_doc["indicators"], lvl.indicators):
                assert ind.th == i_doc["th"]
                assert ind.en == i_doc.get("en", "")
                assert fw.indicator(ind.id).th == i_doc["th"]
        assert fw.competency(c_doc["id"]).id == c_doc["id"]
        assert fw.competency(c_doc["name"]["th"]).id == c_doc["id"]
    # The saved JSON is the document itself (same content, canonical layout).
    assert json.loads(fw.to_json())["competencies"] == doc["competencies"]
    check_round_trip(fw)


@SETTINGS
@given(framework_docs(text=raw_thai))
def test_frameworks_with_damaged_text_reach_a_fixed_point(doc):
    try:
        fw = samatthana.parse_framework(json.dumps(doc, ensure_ascii=False), "generated.json")
    except samatthana.ValidationError as e:
        # Random text may normalise to nothing, or make two names the same: both are rejected
        # with a located message, never accepted silently.
        assert e.path.startswith("$.competencies")
        assume(False)
    check_round_trip(fw)


# ---- cohorts through CSV ----------------------------------------------------------------------
POSITIONS = ["O1", "O2", "O3", "O4", "K1", "K2", "K3", "K4", "K5", "D1", "D2", "M1", "M2"]
MAX_LEVELS = {"integrity": 5, "service": 6, "achievement": 5, "teamwork": 5, "expertise": 5}
# Cell text a person might type: Thai words, commas, quotes and line breaks (quoted on write).
cell_text = st.lists(st.sampled_from(["สมชาย", "ใจดี", "สำนักงานเขต", "บางรัก", ", ", '"', "\n", "ฝ่าย", "A"]),
                     min_size=1, max_size=5).map("".join).map(str.strip).filter(bool)


@st.composite
def cohorts(draw):
    import pandas as pd

    n = draw(st.integers(1, 12))
    rows = []
    for i in range(n):
        row = {"person_id": f"P{i:03d}", "name": draw(cell_text), "unit": draw(cell_text),
               "position": draw(st.sampled_from(POSITIONS))}
        for cid, top in MAX_LEVELS.items():
            row[cid] = draw(st.one_of(st.none(), st.integers(0, top)))
        rows.append(row)
    return pd.DataFrame(rows)


@SETTINGS
@given(df=cohorts(), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans(), thai_digits=st.booleans())
def test_generated_cohorts_round_trip_through_csv(df, newline, bom, thai_digits, tmp_path_factory):
    """A cohort written as CSV (LF or CRLF, with or without BOM, levels in Thai or Arabic digits,
    empty cells for "not rated") reads back to the same people and levels."""
    import numpy as np
    import pandas as pd

    out = df.copy()
    for cid in MAX_LEVELS:
        col = out[cid].map(lambda v: "" if v is None or v != v else str(int(v)))
        out[cid] = col.map(lambda s: s.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))) if thai_digits else col
    path = tmp_path_factory.mktemp("csv") / "ratings.csv"
    text = out.to_csv(index=False, lineterminator=newline)
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    back = samatthana.read_ratings(path)
    assert list(back["person_id"]) == list(df["person_id"])
    assert list(back["name"]) == list(df["name"])
    assert list(back["unit"]) == [samatthana.thai.normalize(u) for u in df["unit"]]
    assert list(back["position"]) == list(df["position"])
    for cid in MAX_LEVELS:
        want = np.array([np.nan if v is None or v != v else float(v) for v in df[cid]])
        # float with NaN or nullable Int8 with <NA>: "not rated" either way
        got = back[cid].to_numpy(dtype=np.float64, na_value=np.nan)
        assert np.array_equal(got, want, equal_nan=True), cid


# ---- scoring ----------------------------------------------------------------------------------
MAXL = [5, 6, 5, 5, 5]
level_rows = st.lists(st.tuples(*[st.integers(0, m) for m in MAXL]), min_size=1, max_size=30)


def _arrays(rows, expected_level):
    import numpy as np

    held = np.array(rows, dtype=np.int8)
    expected = np.full_like(held, expected_level)
    return held, expected


@SETTINGS
@given(rows=level_rows, expected_level=st.integers(1, 5))
def test_gaps_and_points_follow_the_method_definitions(rows, expected_level):
    import numpy as np

    held, expected = _arrays(rows, expected_level)
    bma = samatthana.score_arrays(held, expected, method="bma")
    gap = held.astype(int) - expected
    assert np.array_equal(bma["gap"], gap)
    want_bma = np.where(held == 0, 0, np.clip(4 + gap, 0, 5))
    assert np.array_equal(bma["points"], want_bma)
    bar = samatthana.score_arrays(held, expected, method="bar")
    want_bar = np.where(gap >= 0, 3, np.clip(3 + gap, 0, 3))
    assert np.array_equal(bar["points"], want_bar)
    # Part scores: BMA mean(points)/5*30, bar sum/(n*3)*30, both DPIS-rounded.
    for got, pts, top in ((bma["part"], want_bma, 5), (bar["part"], want_bar, 3)):
        raw = pts.sum(axis=1) / (pts.shape[1] * top) * 30
        assert np.allclose(got, [samatthana.round_dpis(x) for x in raw])


@SETTINGS
@given(rows=level_rows, expected_level=st.integers(1, 5), which=st.integers(0, 4),
       method=st.sampled_from(["bma", "bar", "rating", "ratio"]))
def test_score_is_monotone_in_held_level(rows, expected_level, which, method):
    import numpy as np

    held, expected = _arrays(rows, expected_level)
    more = held.copy()
    more[:, which] = np.minimum(more[:, which] + 1, MAXL[which])
    a = samatthana.score_arrays(held, expected, method=method)["part"]
    b = samatthana.score_arrays(more, expected, method=method)["part"]
    assert np.all(b >= a)


@SETTINGS
@given(shown=st.lists(st.booleans(), min_size=15, max_size=15), extra=st.integers(0, 14))
def test_held_level_is_monotone_in_evidence(shown, extra):
    """Showing one more indicator of the service competency never lowers the held level."""
    import pandas as pd

    fw = samatthana.bma_core()
    service = [i.id for lvl in fw.competency("service").levels for i in lvl.indicators]
    assert len(service) == 15

    def held(flags):
        ev = pd.DataFrame({"person_id": "P1", "indicator_id": service,
                           "observation": ["shown" if f else "not_shown" for f in flags]})
        df = pd.DataFrame([{"person_id": "P1", "position": "K2", "integrity": 2, "service": None,
                            "achievement": 2, "teamwork": 2, "expertise": 2}])
        return int(samatthana.score(df, evidence=ev)["service_held"].iloc[0])

    more = list(shown)
    more[extra] = True
    assert held(more) >= held(shown)


ROLES = ["supervisor", "self", "peer", "subordinate"]


@SETTINGS
@given(ratings=st.lists(st.tuples(st.sampled_from(ROLES), st.integers(0, 6)), min_size=1, max_size=8)
       .filter(lambda rs: sum(role == "supervisor" for role, _ in rs) <= 1),  # two must agree: by design
       which=st.integers(0, 7),
       weights=st.lists(st.integers(0, 100), min_size=4, max_size=4).filter(lambda w: sum(w) > 0),
       rounding=st.sampled_from(["nearest", "down"]))
def test_weighted_raters_are_monotone_and_within_the_raters_range(ratings, which, weights, rounding):
    """Raising one rater's level never lowers the combined level, and the combined level lies
    between the lowest and highest level of the raters that count."""
    import pandas as pd

    def held(rs):
        rows = [{"person_id": "P1", "position": "K2", "rater_role": role, "rater_id": f"R{k}",
                 "integrity": 2, "service": level, "achievement": 2, "teamwork": 2, "expertise": 2}
                for k, (role, level) in enumerate(rs)]
        s = samatthana.score(pd.DataFrame(rows), raters="weighted", rater_rounding=rounding, missing="zero",
                             rater_weights=dict(zip(ROLES, weights)))
        return int(s["service_held"].iloc[0])

    counted = [level for role, level in ratings if weights[ROLES.index(role)] > 0]
    got = held(ratings)
    if counted:
        assert min(counted) <= got <= max(counted)
    else:
        assert got == 0  # nobody who counts rated it: not rated, counted as 0 (missing="zero")
    which %= len(ratings)
    role, level = ratings[which]
    assume(level < 6)
    raised = list(ratings)
    raised[which] = (role, level + 1)
    assert held(raised) >= got


# ---- one scoring engine under any framework ---------------------------------------------------
# Frameworks of 1..6 competencies with 1..10 levels each (the batch cache once overflowed when a
# framework's levels were fewer than the points a competency can earn), random level-0 wording,
# a random profile and cohort: score() (the cohort path), explain() (the per-person path) and
# score_arrays() (the batch path) must give the same figures, exactly.
LEVEL_ZERO = ["ไม่แสดงสมรรถนะให้เห็นอย่างชัดเจน", "ยังไม่ปรากฏ", "ระดับ ๐", "level 0: not shown"]


@st.composite
def engine_cases(draw):
    import pandas as pd

    tops = draw(st.lists(st.integers(1, 10), min_size=1, max_size=6))
    ids = [f"c{j}" for j in range(len(tops))]
    comps = [{"id": cid, "group": "core", "name": {"th": f"สมรรถนะข้อ {j + 1}"}, "definition": {"th": "นิยาม"},
              "levels": [{"level": k, "title": {"th": "ระดับ"}, "indicators": [{"id": f"{cid}.{k}.1", "th": "ตัวชี้วัด"}]}
                         for k in range(1, top + 1)]}
             for j, (cid, top) in enumerate(zip(ids, tops))]
    doc = {k: TEMPLATE[k] for k in ("format", "version", "name", "provenance")}
    doc.update(id="engine-generated", level_zero={"th": draw(st.sampled_from(LEVEL_ZERO))}, competencies=comps)
    codes = ["K1", "K2", "O3"][:draw(st.integers(1, 3))]
    positions = []
    for code in codes:
        pos = {"code": code, "expected": draw(st.integers(0, min(tops)))}
        over = draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 10), max_size=2))
        if over:
            pos["overrides"] = {cid: min(v, tops[ids.index(cid)]) for cid, v in over.items()}
        positions.append(pos)
    results_weight = draw(st.sampled_from([70, 50, 0, 100, 80]))
    tops_band = draw(st.lists(st.integers(1, 100), min_size=0, max_size=4, unique=True))
    bands = [{"th": f"ระดับ {b}", "min": m} for b, m in enumerate(sorted(tops_band, reverse=True))]
    bands.append({"th": "ต่ำสุด", "min": 0})
    profile = {"format": "samatthana-profile/1", "id": "engine-generated", "positions": positions,
               "scheme": {"results_weight": results_weight, "competency_weight": 100 - results_weight,
                          "bands": bands}}
    rows = []
    for i in range(draw(st.integers(1, 6))):
        row = {"person_id": f"P{i}", "position": draw(st.sampled_from(codes))}
        for cid, top in zip(ids, tops):
            row[cid] = draw(st.integers(0, top))
        rows.append(row)
    df = pd.DataFrame(rows)
    if draw(st.booleans()):
        df["results"] = draw(st.lists(st.integers(0, 10000), min_size=len(df), max_size=len(df)))
        df["results"] = df["results"] / 100
    options = dict(method=draw(st.sampled_from(["bma", "bar", "rating", "ratio"])),
                   dpis_rounding=draw(st.booleans()), ratio_cap=draw(st.booleans()))
    return doc, profile, df, tops, options


@SETTINGS
@given(case=engine_cases())
def test_score_explain_and_score_arrays_agree_on_any_framework(case, tmp_path_factory):
    import numpy as np

    doc, profile, df, tops, options = case
    fw = samatthana.parse_framework(json.dumps(doc, ensure_ascii=False), "generated.json")
    path = tmp_path_factory.mktemp("profile") / "generated.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    weight = profile["scheme"]["competency_weight"]
    scored = samatthana.score(df, framework=fw, profile=str(path), weight=weight, **options)
    ids = [c.id for c in fw.competencies]
    held = np.array([[int(v) for v in scored[f"{cid}_held"]] for cid in ids], dtype=np.int8).T.copy()
    expected = np.array([[int(v) for v in scored[f"{cid}_expected"]] for cid in ids], dtype=np.int8).T.copy()
    # The per-person path: explain() per person (explain scores with the bma method).
    for i, row in df.iterrows():
        ex = samatthana.explain(row["person_id"], row["position"], {cid: int(row[cid]) for cid in ids},
                                framework=fw, profile=str(path))
        for j, cid in enumerate(ids):
            assert ex.loc[cid, "held"] == scored[f"{cid}_held"][i] == row[cid]
            assert ex.loc[cid, "expected"] == scored[f"{cid}_expected"][i]
            assert ex.loc[cid, "gap"] == scored[f"{cid}_gap"][i]
            if options["method"] == "bma":
                assert ex.loc[cid, "points"] == scored[f"{cid}_points"][i]
    # The batch path on the same levels.
    results = df["results"].to_numpy(dtype=np.float64) if "results" in df else None
    arrays = samatthana.score_arrays(held, expected, max_level=tops, results=results, weight=weight,
                                     profile=str(path), **options)
    assert np.array_equal(arrays["part"], scored["competency_score"].to_numpy())
    assert np.array_equal(arrays["points"], np.array([scored[f"{cid}_points"] for cid in ids]).T)
    if results is not None:
        assert np.array_equal(arrays["total"], scored["total"].to_numpy())
        bands = [b["th"] for b in profile["scheme"]["bands"]]
        assert [bands[k] for k in arrays["band"]] == list(scored["band"])
    # The part score is the engine's formula on those points (part_from_sums), within rounding.
    n = len(ids)
    pts = arrays["points"]
    top = {"bma": 5, "bar": 3, "rating": 5}.get(options["method"])
    if top:
        raw = pts.sum(axis=1) / (n * top) * weight
    else:
        s_exp = expected.sum(axis=1).astype(float)
        ratio = np.where(s_exp > 0, held.sum(axis=1) / np.where(s_exp > 0, s_exp, 1), 1.0)
        raw = (np.minimum(ratio, 1.0) if options["ratio_cap"] else ratio) * weight
    want = [samatthana.round_dpis(x) for x in raw] if options["dpis_rounding"] else raw
    assert np.allclose(arrays["part"], want, rtol=0, atol=1e-9)


# Finding 22 (docs/hardening.md), fixed: explain() follows the profile's method as score() does.
def test_explain_follows_the_profile_method(tmp_path):
    import pandas as pd

    profile = {"format": "samatthana-profile/1", "id": "bar-profile", "method": "bar",
               "positions": [{"code": "K2", "expected": 3}]}
    path = tmp_path / "bar.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    levels = {"integrity": 1, "service": 2, "achievement": 3, "teamwork": 0, "expertise": 5}
    scored = samatthana.score(pd.DataFrame([dict(person_id="P1", position="K2", **levels)]), profile=str(path))
    ex = samatthana.explain("P1", "K2", levels, profile=str(path))
    for cid in levels:
        assert ex.loc[cid, "points"] == scored[f"{cid}_points"][0]


# Finding 21 (docs/hardening.md), fixed: score_arrays refuses levels a cast would wrap.
@pytest.mark.parametrize("level", [256, -255, 2.7, 128])
def test_score_arrays_never_wraps_a_level(level):
    import numpy as np

    held = np.array([[level, 2, 2, 2, 2]])
    with pytest.raises((samatthana.ValidationError, TypeError, ValueError, OverflowError)):
        samatthana.score_arrays(held, np.full((1, 5), 2), method="bma")
