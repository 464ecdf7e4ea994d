"""samatthana.thai.IndicatorIndex: ranked search with str-index highlights."""
from __future__ import annotations

import pytest

import samatthana
from samatthana import thai


@pytest.fixture(scope="module")
def ix() -> thai.IndicatorIndex:
    return thai.IndicatorIndex(samatthana.bma_core())


def test_highlights_are_str_indices(ix: thai.IndicatorIndex) -> None:
    hits = ix.search("ผลกระทบ")
    assert len(hits) == 3
    for h in hits:
        (a, b), = h.highlights
        assert h.text[a:b] == "ผลกระทบ"
        assert h.competency_id == "expertise"


def test_ranking_and_kinds(ix: thai.IndicatorIndex) -> None:
    hits = ix.search("คุณธรรมจริยธรรม")
    assert hits[0].kind == "competency_name" and hits[0].score == pytest.approx(1.0)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    hits = ix.search("ซื่อสัตย์สุจริต")
    assert hits[0].kind == "level_title" and hits[0].level == 1


def test_damaged_queries(ix: thai.IndicatorIndex) -> None:
    good = ix.search("แสดงน้ำใจ")
    assert good
    assert [h.indicator_id for h in ix.search("เเสดงน\u0e4d\u0e49\u0e32\u200bใจ")] == [
        h.indicator_id for h in good]


def test_errors(ix: thai.IndicatorIndex) -> None:
    with pytest.raises(samatthana.ValidationError):
        ix.search("")
    with pytest.raises(samatthana.LookupError):
        ix.search("ทีม", competency="leadership")
    assert ix.search("ไม่มีข้อความนี้ในกรอบ") == []


def test_index_keeps_framework_alive() -> None:
    ix = thai.IndicatorIndex(samatthana.parse_framework(samatthana.embedded_data(
        "frameworks/bma-core-2550.json"), "bma"))
    assert ix.search("ทีม", limit=1)


def test_typo_tolerance_and_definitions_from_python():
    from samatthana import thai
    hits = thai.search("โปรงใส", limit=3)
    assert hits and all(h.approximate for h in hits)
    assert "โปร่งใส" in hits[0].text
    assert thai.search("โปรงใส", typos=False) == []
    exact = thai.search("โปร่งใส", limit=3)
    assert exact and not any(h.approximate for h in exact)
    kinds = {h.kind for h in thai.search("สัมพันธภาพ", limit=10, definitions=True)}
    assert "definition" in kinds
    assert "definition" not in {h.kind for h in thai.search("สัมพันธภาพ", limit=10)}
