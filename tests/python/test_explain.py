"""samatthana.explain: every held level explains itself, from Python."""
import pytest

import samatthana

FW = samatthana.bma_core()
SERVICE = [i.id for lvl in FW.competency("service").levels for i in lvl.indicators]


def test_rating_that_disagrees_with_evidence_is_flagged_with_the_gap_and_what_is_missing():
    # Levels 1-2 shown (5 indicators), 3.1 not shown, 3.2 not observed, 4.2 shown above the gap.
    ev = [(i, "shown") for i in SERVICE[:5]] + [(SERVICE[5], "not_shown"), (SERVICE[8], "shown")]
    df = samatthana.explain("P1", "K2", {"integrity": 2, "service": 4}, evidence=ev, missing="zero")
    r = df.loc["service"]
    assert (r.held, r.expected, r.gap, r.source) == (4, 2, 2, "rating")
    assert r.evidence_level == 2 and r.levels_holding == [1, 2]
    assert r.missing == ["service.3.1", "service.3.2"]
    assert r.shown_above_gap == ["service.4.2"]
    assert bool(r.rating_disagrees) is True


def test_evidence_alone_gives_the_strict_cumulative_level():
    ev = [(i, "shown") for i in SERVICE[:7]]  # all of levels 1..3
    df = samatthana.explain("P2", "K3", {"service": None}, evidence=ev, missing="zero")
    r = df.loc["service"]
    assert (r.held, r.source, r.levels_holding) == (3, "evidence", [1, 2, 3])
    assert r.missing == [i for i in SERVICE[7:10]]  # the whole of level 4: not observed
    assert not r.rating_disagrees


@pytest.mark.parametrize("fid", ["bma-core-2550", "ocsc-core-2552"])
def test_level_zero_is_worded_by_the_framework(fid):
    fw = samatthana.framework(fid)
    df = samatthana.explain("P3", "K1", {c.id: 0 for c in fw.competencies}, framework=fid)
    assert (df["level_title"] == fw.level_zero.th).all()
    assert (df["held"] == 0).all()


def test_bad_observation_and_unrated_without_evidence_are_errors():
    with pytest.raises(samatthana.ValidationError, match="shown, not_shown or not_observed"):
        samatthana.explain("P4", "K1", {"service": 1}, evidence=[(SERVICE[0], "maybe")])
    with pytest.raises(samatthana.ValidationError):
        samatthana.explain("P5", "K1", {"service": 1})  # the other four: no rating, no evidence
    with pytest.raises(samatthana.LookupError):
        samatthana.explain("P6", "X9", {c.id: 1 for c in FW.competencies})


def test_other_raters_are_listed_and_count_only_when_weighted():
    others = [("service", 4, "self"), ("service", 3, "peer", "P7"), ("service", 3, "peer", "P8")]
    sup = samatthana.explain("P3", "K2", {"service": 2}, ratings=others, missing="zero")
    r = sup.loc["service"]
    assert r.held == 2 and r.rated == 2
    assert r.ratings == [("supervisor", "", 2, True), ("self", "", 4, False), ("peer", "P7", 3, False),
                         ("peer", "P8", 3, False)]
    # Weighted 50/10/20: (2×50 + 4×10 + 3×20) / 80 = 2.5 → 3; rounding down → 2.
    w = samatthana.explain("P3", "K2", {"service": 2}, ratings=others, raters="weighted", missing="zero")
    assert w.loc["service", "held"] == 3
    assert all(counted for *_, counted in w.loc["service", "ratings"])
    down = samatthana.explain("P3", "K2", {"service": 2}, ratings=others, raters="weighted",
                              rater_rounding="down", missing="zero")
    assert down.loc["service", "held"] == 2
    only_peers = samatthana.explain("P3", "K2", {}, ratings=others, raters="weighted",
                                    rater_weights={"peer": 1}, missing="zero")
    r = only_peers.loc["service"]
    assert r.held == 3 and r.ratings[0] == ("self", "", 4, False)
    with pytest.raises(samatthana.ValidationError):
        samatthana.explain("P3", "K2", {}, ratings=[("service", 9, "peer")])
    with pytest.raises(samatthana.ValidationError):
        samatthana.explain("P3", "K2", {}, ratings=[("service", 2, "boss")])
    with pytest.raises(samatthana.LookupError):
        samatthana.explain("P3", "K2", {}, ratings=[("leadership", 2, "peer")])


def test_explain_scores_with_the_profiles_method_as_score_does(tmp_path):
    """Finding 22 (docs/hardening.md): explain() always scored with bma."""
    import json

    import pandas as pd

    profile = {"format": "samatthana-profile/1", "id": "bar-profile", "method": "bar",
               "positions": [{"code": "K2", "expected": 3}]}
    path = tmp_path / "bar.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    levels = {"integrity": 1, "service": 2, "achievement": 3, "teamwork": 0, "expertise": 5}
    for method in (None, "bma", "rating", "ratio"):
        scored = samatthana.score(pd.DataFrame([dict(person_id="P1", position="K2", **levels)]), profile=str(path),
                                  method=method)
        ex = samatthana.explain("P1", "K2", levels, profile=str(path), method=method)
        assert [ex.loc[c, "points"] for c in levels] == [scored[f"{c}_points"][0] for c in levels], method
