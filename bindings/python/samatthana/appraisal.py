"""The results part of an appraisal: performance agreements (KPIs) and DPIS's formula.

>>> import samatthana.appraisal as ap
>>> ap.results_part([4, 3], [60, 40], results_weight=70)   # (4×60 + 3×40) ÷ (100 × 5) × 70
50.4

See docs/kpis.md for the file format, the checks and every decision.
"""
from __future__ import annotations

import os
from typing import Any, Optional, Sequence, Union

import numpy as np

from . import _samatthana as _m
from . import scoring as _scoring

__all__ = ["read_kpis", "results_part", "kpi_results", "score_with_kpis", "nine_box", "nine_box_grid",
           "plot_nine_box", "calibration"]

_KPI_FRAME = "<KPI DataFrame>"


def _frame(d: dict) -> "Any":
    import pandas as pd

    cols = {k: v for k, v in d.items() if k != "line"}
    return pd.DataFrame(cols)


def read_kpis(path: Union[str, "os.PathLike[str]"], encoding: str = "auto", sheet: Optional[str] = None) -> "Any":
    """Reads a KPI file (long CSV or an .xlsx sheet, or JSON: an array of objects with the same
    keys) into a DataFrame with one row per KPI: person_id, kpi_id, name, weight,
    target_1..target_5, achieved. ``encoding`` and ``sheet`` as for ``read_ratings`` (a JSON file
    is always UTF-8). Every check and error is the CLI's (``samatthana score --kpis``)."""
    return _frame(_m._read_kpis(os.fspath(path), encoding, sheet or ""))


def results_part(achieved: Sequence[float], weights: Sequence[float], results_weight: float = 70.0,
                 dpis_rounding: bool = True, weights_100: bool = False) -> float:
    """DPIS's results part of one agreement: round(round(Σ(achieved × weight) ÷ (Σweight × 5) ×
    results_weight, 3), 2), halves away from zero. Levels 1..5, weights above 0."""
    d = _m._results_part([float(a) for a in achieved], [float(w) for w in weights], float(results_weight),
                         dpis_rounding, weights_100)
    return float(d["results_part"])


def _kpi_columns(kpis: "Any") -> tuple:
    import pandas as pd

    if isinstance(kpis, (str, os.PathLike)):
        kpis = read_kpis(kpis)
    if not isinstance(kpis, pd.DataFrame):
        raise TypeError(f"kpis must be a pandas DataFrame or a file path, not {type(kpis).__name__}")
    headers, columns = _scoring._frame_arg(kpis, "kpis")
    return kpis, headers, columns


def kpi_results(kpis: "Any", framework: Any = None, profile: Optional[str] = None,
                results_weight: Optional[float] = None, dpis_rounding: bool = True,
                weights_100: bool = False) -> "Any":
    """One row per person of a KPI DataFrame (or file): person_id, kpi_score (Σ achieved ×
    weight), weight_sum, results_part (points out of the results weight, DPIS-rounded) and results
    (the same as 0..100 percent of the results part, what ``score(results=...)`` takes). The
    results weight is the profile's scheme's (BMA 70) unless given."""
    import pandas as pd

    df, headers, columns = _kpi_columns(kpis)
    if results_weight is None:
        results_weight = _m._scheme_weights(framework, profile)[0]
    try:
        d = _m._kpi_results(headers, columns, pd.NA, np.bool_, float(results_weight), dpis_rounding, weights_100)
    except _m.Error as e:
        raise _scoring._in_frames(e, {_KPI_FRAME: df}) from None
    out = _frame(d)
    out.attrs["lines"] = list(d["line"])
    return out


def score_with_kpis(df: "Any", kpis: "Any", framework: Any = None, profile: Optional[str] = None,
                    weights_100: bool = False, **options: Any) -> "Any":
    """``scoring.score(df, ...)`` with the results part computed from ``kpis`` (a KPI DataFrame or
    file) by DPIS's formula, as ``samatthana score --kpis`` does. Every person of ``df`` needs an
    agreement and every agreement a person of ``df``; a results column in ``df`` as well is an
    error (the results in one place only). Adds the column ``results_part`` (points)."""
    if "results" in options:
        raise _m.ValidationError("score_with_kpis computes the results from the KPIs: do not give results as well")
    kdf, _, _ = _kpi_columns(kpis)
    res = kpi_results(kdf, framework=framework, profile=profile,
                      dpis_rounding=options.get("dpis_rounding", True), weights_100=weights_100)
    try:
        scored = _scoring.score(df, framework=framework, profile=profile, results=res[["person_id", "results"]],
                                **options)
    except _m.Error as e:
        if getattr(e, "file", None) == "<results DataFrame>" and e.line >= 2:
            # A results row stands for one person's agreement: point at its first KPI.
            line = res.attrs["lines"][e.line - 2]
            new = type(e)(e.message)
            for k in ("message", "column", "value", "byte_offset"):
                setattr(new, k, getattr(e, k))
            new.file, new.line, new.path = _KPI_FRAME, line, "person_id"
            raise _scoring._in_frames(new, {_KPI_FRAME: kdf}) from None
        raise
    parts = dict(zip(res["person_id"], res["results_part"]))
    scored.insert(list(scored.columns).index("results"), "results_part",
                  [parts.get(p, float("nan")) for p in scored["person_id"]])
    return scored


_THIRDS = (100.0 / 3, 200.0 / 3)
TIERS = ("low", "middle", "high")


def _nine(scored: "Any", results_cutoffs: Sequence[float], competency_cutoffs: Sequence[float]) -> dict:
    if "results" not in scored.columns:
        raise _m.ValidationError("the 9-box needs the results part: score with results (or score_with_kpis)")
    units = scored["unit"] if "unit" in scored.columns else [""] * len(scored)
    return _m._nine_box([str(p) for p in scored["person_id"]], ["" if u is None else str(u) for u in units],
                        [float(v) for v in scored["results"]], [float(v) for v in scored["competency_score"]],
                        float(scored.attrs.get("weight", 30.0)), list(results_cutoffs), list(competency_cutoffs))


def nine_box(scored: "Any", results_cutoffs: Sequence[float] = _THIRDS,
             competency_cutoffs: Sequence[float] = _THIRDS) -> "Any":
    """The 9-box placement of every person of a ``score()`` / ``score_with_kpis()`` result: the
    results part and the competency part as percent of their weights, each tier (0 low, 1 middle,
    2 high; a part at a cut-off goes to the higher tier) and the box 1..9 (results tier × 3 +
    competency tier + 1), as ``samatthana calibrate --ninebox`` writes them."""
    import pandas as pd

    d = _nine(scored, results_cutoffs, competency_cutoffs)
    out = pd.DataFrame({"person_id": scored["person_id"].to_numpy(),
                        "unit": scored["unit"].to_numpy() if "unit" in scored.columns else "",
                        "results_percent": d["results_percent"], "competency_percent": d["competency_percent"],
                        "results_tier": d["results_tier"], "competency_tier": d["competency_tier"]},
                       index=scored.index)
    out["box"] = out["results_tier"] * 3 + out["competency_tier"] + 1
    return out


def nine_box_grid(scored: "Any", unit: Optional[str] = None, results_cutoffs: Sequence[float] = _THIRDS,
                  competency_cutoffs: Sequence[float] = _THIRDS) -> "Any":
    """People per box as a 3 × 3 DataFrame: rows the results tier (high, middle, low), columns the
    competency tier (low, middle, high); everyone, or one ``unit``."""
    import pandas as pd

    d = _nine(scored, results_cutoffs, competency_cutoffs)
    key = "" if unit is None else unit
    for g in d["groups"]:
        if g["unit"] == key:
            counts = g["counts"]
            break
    else:
        raise _m.LookupError(f"no unit called {unit!r} among the scored people")
    return pd.DataFrame([[counts[r * 3 + c] for c in range(3)] for r in (2, 1, 0)],
                        index=pd.Index(["high", "middle", "low"], name="results"),
                        columns=pd.Index(list(TIERS), name="competency"))


def plot_nine_box(scored: "Any", unit: Optional[str] = None, results_cutoffs: Sequence[float] = _THIRDS,
                  competency_cutoffs: Sequence[float] = _THIRDS, ax: Any = None) -> Any:
    """A matplotlib figure of the 9-box: each person a dot (competency part % across, results part
    % up), the cut-offs as lines, the count of each box in its corner. Returns the Figure."""
    import matplotlib.pyplot as plt

    placed = nine_box(scored, results_cutoffs, competency_cutoffs)
    if unit is not None:
        placed = placed[placed["unit"] == unit]
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 6))
    else:
        fig = ax.figure
    ax.scatter(placed["competency_percent"], placed["results_percent"], s=14, alpha=0.6, color="#1f5fa8")
    for v in competency_cutoffs:
        ax.axvline(v, color="#888", lw=1)
    for v in results_cutoffs:
        ax.axhline(v, color="#888", lw=1)
    xs = (0, *competency_cutoffs, 100)
    ys = (0, *results_cutoffs, 100)
    for r in range(3):
        for c in range(3):
            n = int(((placed["results_tier"] == r) & (placed["competency_tier"] == c)).sum())
            ax.text(xs[c] + 2, ys[r + 1] - 2, str(n), va="top", ha="left", fontsize=12, color="#333")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("competency part (% of its weight)")
    ax.set_ylabel("results part (% of its weight)")
    ax.set_title("9-box" + (f": {unit}" if unit else ""))
    return fig


def calibration(scored: "Any", caps: Optional[dict] = None, edge: float = 1.0, framework: Any = None,
                profile: Optional[str] = None) -> dict:
    """The band distribution of a scored cohort (everyone, then per unit) against ``caps`` (band
    name → the highest share of people in that band or above, e.g. ``{"ดีมาก": 0.3}``; ``None``,
    the default: the profile's caps, its ``"calibration"``; ``{}``: none) and the
    people less than ``edge`` points above their band's minimum, as ``samatthana calibrate``
    computes them. Returns ``{"distribution": DataFrame, "edges": DataFrame}``; the distribution has
    one column per band, then ``<band>_share`` and ``<band>_over`` per cap. Rater leniency needs the
    rater rows: use the CLI."""
    import json

    import pandas as pd

    if "total" not in scored.columns:
        raise _m.ValidationError("calibration needs totals: score with results (or score_with_kpis)")
    units = scored["unit"] if "unit" in scored.columns else [""] * len(scored)
    d = json.loads(_m._calibration([str(p) for p in scored["person_id"]], ["" if u is None else str(u) for u in units],
                                   [float(v) for v in scored["total"]], framework if framework is not None
                                   else scored.attrs.get("framework"), profile if profile is not None
                                   else scored.attrs.get("profile"), None if caps is None else list(caps.items()), float(edge)))
    bands = [b["th"] for b in d["bands"]]
    rows = []
    for g in d["distribution"]:
        row = {"unit": g["unit"], "people": g["people"], **dict(zip(bands, g["counts"]))}
        for cap, share, over in zip(d["caps"], g["capped_share"], g["over_cap"]):
            row[f"{cap['band']}_share"] = share
            row[f"{cap['band']}_over"] = over
        rows.append(row)
    edges = pd.DataFrame(d["edges"], columns=["person_id", "unit", "band", "total", "above_min"])
    return {"distribution": pd.DataFrame(rows), "edges": edges}
