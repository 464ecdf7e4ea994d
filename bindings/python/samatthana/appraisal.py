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

__all__ = ["read_kpis", "results_part", "kpi_results", "score_with_kpis"]

_KPI_FRAME = "<KPI DataFrame>"


def _frame(d: dict) -> "Any":
    import pandas as pd

    cols = {k: v for k, v in d.items() if k != "line"}
    return pd.DataFrame(cols)


def read_kpis(path: Union[str, "os.PathLike[str]"]) -> "Any":
    """Reads a KPI file (long CSV, or JSON: an array of objects with the same keys) into a
    DataFrame with one row per KPI: person_id, kpi_id, name, weight, target_1..target_5,
    achieved. Every check and error is the CLI's (``samatthana score --kpis``)."""
    return _frame(_m._read_kpis(os.fspath(path)))


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
