"""Property tests (python3-hypothesis): generated frameworks round-trip through JSON unchanged.
The scoring properties (held level monotone in evidence, points monotone in held level, gaps and
points as defined) run in C++ as the fuzz_scoring target until scoring is bound in Python."""
from __future__ import annotations

import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import samatthana  # noqa: E402

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

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
