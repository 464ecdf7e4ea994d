"""Appraisal scoring: held and expected levels, gaps, DPIS-exact part scores, totals and bands.

>>> import pandas as pd, samatthana.scoring as sc
>>> df = pd.DataFrame({"person_id": ["A1"], "position": ["K2"],
...                    "integrity": [3], "service": [2], "achievement": [1], "teamwork": [2], "expertise": [0]})
>>> float(sc.score(df)["competency_score"][0])   # BMA: points 5,4,3,4,0 = 16 → 16/5/5 × 30
19.2

See docs/scoring.md for the rules, the profile format and every decision.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence, Union

import numpy as np

from . import _samatthana as _m

_STANDARD = {"person_id", "name", "unit", "position", "results", "rater_role", "rater_id"}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

__all__ = ["score", "score_arrays", "summarize", "read_ratings", "read_evidence", "plan", "round_dpis"]


def round_dpis(x: float) -> float:
    """DPIS rounding of a part score: round(round(x, 3), 2), halves away from zero."""
    return _m._round_dpis(x)


def _framework_arg(framework: Any) -> Any:
    return framework if framework is not None else "bma-core-2550"


def _levels_matrix(df: "Any", columns: Sequence[str]) -> np.ndarray:
    import pandas as pd

    out = np.empty((len(df), len(columns)), dtype=np.float64)
    for j, col in enumerate(columns):
        s = df[col]
        if s.dtype == object:
            s = s.map(lambda v: v.translate(_THAI_DIGITS).strip() if isinstance(v, str) else v)
            s = s.replace("", np.nan)
            num = pd.to_numeric(s, errors="coerce")
            bad = num.isna() & s.notna()
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                err = _m.ParseError(f"row {row}: {col}: not a level (value: {df[col].iloc[row]!r})")
                err.path, err.line, err.value = col, row + 1, str(df[col].iloc[row])
                raise err
            s = num
        out[:, j] = s.to_numpy(dtype=np.float64, na_value=np.nan)
    return out


def score(df: "Any", framework: Any = None, profile: Optional[str] = None, method: Optional[str] = None,
          weight: Optional[float] = None, results: Any = None, evidence: Any = None, policy: str = "auto",
          threshold: float = 0.5, missing: str = "error", ratio_cap: bool = True,
          dpis_rounding: bool = True, raters: str = "supervisor",
          rater_weights: Optional[Dict[str, float]] = None, rater_rounding: str = "nearest") -> "Any":
    """Scores a ratings DataFrame and returns one row per person.

    ``df`` has ``person_id``, ``position`` (DPIS code such as "K2" or Thai type and rank), optional
    ``name``, ``unit`` and ``results``, and one column per competency named by id, DPIS code or Thai
    name (levels as numbers, Thai-digit strings, or NaN/empty for "not rated").
    ``results`` may be a column name, an array aligned with ``df``, or a DataFrame with
    ``person_id`` and ``results`` (0..100 percent of the results part). ``evidence`` is a DataFrame
    with ``person_id``, ``indicator_id``, ``observation``. Returns columns person_id, name, unit,
    position, position_code, competency_score, then per competency <id>_held, <id>_expected,
    <id>_gap, <id>_points, and results, total, band when results are given.

    Several raters: with a ``rater_role`` column (supervisor, self, peer, subordinate; optional
    ``rater_id``) ``df`` has one row per rater and the result one row per person, in order of first
    appearance. ``raters="supervisor"`` (default, as the BMA) counts the supervisor's rating;
    ``raters="weighted"`` combines every rater: the mean per role, then the roles weighted by
    ``rater_weights`` (default supervisor 50, self 10, peer 20, subordinate 20; roles not named
    weigh 0) and rounded by ``rater_rounding`` ("nearest", halves up; or "down").
    """
    import pandas as pd

    cols = [c for c in df.columns if str(c) not in _STANDARD]
    for need in ("person_id", "position"):
        if need not in df.columns:
            raise _m.ValidationError(f"the DataFrame has no '{need}' column")
    n = len(df)

    def text_col(name: str) -> list:
        if name not in df.columns:
            return [""] * n
        return ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v).strip()
                for v in df[name].tolist()]

    res = None
    if results is None and "results" in df.columns:
        results = "results"
    if isinstance(results, str):
        res = pd.to_numeric(df[results], errors="raise").to_numpy(dtype=np.float64)
    elif isinstance(results, pd.DataFrame):
        m = results.set_index(results["person_id"].astype(str))["results"]
        res = df["person_id"].astype(str).map(m).to_numpy(dtype=np.float64)
    elif results is not None:
        res = np.asarray(results, dtype=np.float64)
    ev = None
    if evidence is not None:
        ev = (evidence["person_id"].astype(str).tolist(), evidence["indicator_id"].astype(str).tolist(),
              evidence["observation"].fillna("").astype(str).tolist())
    with_raters = "rater_role" in df.columns
    d = _m._score_table([str(c) for c in cols], _levels_matrix(df, cols), text_col("person_id"),
                        text_col("name"), text_col("unit"), text_col("position"), res, ev,
                        _framework_arg(framework), profile, method, weight, policy, threshold, missing,
                        ratio_cap, dpis_rounding,
                        text_col("rater_role") if with_raters else None,
                        text_col("rater_id") if with_raters else None,
                        raters, rater_weights, rater_rounding)
    if with_raters:
        person = {k: d[k] for k in ("person_id", "name", "unit", "position")}
    else:
        person = {k: text_col(k) for k in ("person_id", "name", "unit", "position")}
    out: Dict[str, Any] = dict(person, position_code=d["position_code"], competency_score=d["part"])
    for j, cid in enumerate(d["competencies"]):
        out[f"{cid}_held"] = d["held"][:, j]
        out[f"{cid}_expected"] = d["expected"][:, j]
        out[f"{cid}_gap"] = d["gap"][:, j]
        out[f"{cid}_points"] = d["points"][:, j]
    if d["has_results"]:
        bands = np.array(d["bands"] + [""], dtype=object)
        out["results"] = d["results"]
        out["total"] = d["total"]
        out["band"] = bands[d["band"]]
    frame = pd.DataFrame(out) if with_raters else pd.DataFrame(out, index=df.index)
    frame.attrs.update(competencies=list(d["competencies"]), bands=list(d["bands"]), method=d["method"],
                       weight=d["weight"], profile=d["profile"], framework=d["framework"], policy=d["policy"],
                       raters=d["raters"])
    return frame


def score_arrays(held: np.ndarray, expected: np.ndarray, max_level: Optional[Sequence[int]] = None,
                 results: Optional[np.ndarray] = None, method: str = "bma", weight: float = 30.0,
                 dpis_rounding: bool = True, ratio_cap: bool = True,
                 rating_weights: Sequence[float] = (), profile: Optional[str] = None) -> Dict[str, np.ndarray]:
    """The columnar batch path: ``held`` and ``expected`` are (people × competencies) level arrays.

    Zero-copy for C-contiguous ``int8`` levels and ``float64`` results (others are converted once);
    the outputs are new numpy arrays written in place by C++ with the GIL released. ``max_level``
    defaults to the BMA core framework's (5, 6, 5, 5, 5). ``profile`` gives the bands and weights of
    the total (default BMA 70/30). Returns ``gap``, ``points`` (n × c), ``part``, ``total``
    (NaN without results) and ``band`` (index into the profile's bands, -1 without results).
    """
    return dict(_m._score_batch(held, expected, None if max_level is None else list(max_level), results,
                                method, float(weight), dpis_rounding, ratio_cap, list(rating_weights), profile))


def summarize(scored: "Any", by: Optional[str] = "unit") -> "Any":
    """Cohort summary of a ``score()`` result, grouped ``by`` "unit", "position" (the profile code)
    or None (everyone): people, share meeting every expected level, mean competency score, per
    competency the share meeting the expected level and the mean gap, and band counts."""
    import pandas as pd

    comps = scored.attrs.get("competencies") or [c[:-5] for c in scored.columns if c.endswith("_held")]
    key = {"unit": "unit", "position": "position_code", None: None}[by]
    df = scored.copy()
    meets = pd.DataFrame({c: df[f"{c}_held"] >= df[f"{c}_expected"] for c in comps})
    df["_all"] = meets.all(axis=1)
    for c in comps:
        df[f"{c}_meets"] = meets[c]
    g = df.groupby(key, sort=True) if key else df.groupby(lambda _: "all")
    agg: Dict[str, Any] = {"people": ("person_id", "size"), "share_meeting_all": ("_all", "mean"),
                           "mean_score": ("competency_score", "mean")}
    for c in comps:
        agg[f"{c}_share_meeting"] = (f"{c}_meets", "mean")
        agg[f"{c}_mean_gap"] = (f"{c}_gap", "mean")
    out = g.agg(**agg)
    if "band" in df.columns:
        counts = pd.crosstab(df[key] if key else pd.Series("all", index=df.index), df["band"])
        for b in scored.attrs.get("bands", sorted(df["band"].unique())):
            out[b] = counts[b] if b in counts.columns else 0
    out.index.name = by or "all"
    return out


def level_distribution(scored: "Any", by: Optional[str] = "unit") -> "Any":
    """People per held level, per competency (rows: group × competency; columns: levels)."""
    import pandas as pd

    comps = scored.attrs.get("competencies") or [c[:-5] for c in scored.columns if c.endswith("_held")]
    key = {"unit": "unit", "position": "position_code", None: None}[by]
    parts = []
    for c in comps:
        grp = scored[key] if key else pd.Series("all", index=scored.index)
        t = pd.crosstab(grp, scored[f"{c}_held"])
        t.index = pd.MultiIndex.from_product([t.index, [c]], names=[by or "all", "competency"])
        parts.append(t)
    return pd.concat(parts).fillna(0).astype(int).sort_index()


def read_ratings(path: Union[str, "os.PathLike[str]"], framework: Any = None) -> "Any":
    """Reads a wide ratings CSV (all the checks of the C++ reader) into a DataFrame whose
    competency columns are the framework's ids (float, NaN = not rated). A file with rater
    columns gives one row per rater with ``rater_role`` (English) and ``rater_id`` columns, person
    cells left empty in the file filled in from the person's first row; ``score()`` takes it."""
    import pandas as pd

    d = _m._read_ratings(os.fspath(path), _framework_arg(framework))
    data: Dict[str, Any] = {k: d[k] for k in ("person_id", "name", "unit", "position")}
    for j, cid in enumerate(d["competencies"]):
        data[cid] = d["levels"][:, j]
    if "results" in d:
        data["results"] = d["results"]
    if "rater_role" in d:
        data["rater_role"] = d["rater_role"]
        data["rater_id"] = d["rater_id"]
    return pd.DataFrame(data)


def read_evidence(path: Union[str, "os.PathLike[str]"], framework: Any = None) -> "Any":
    """Reads a long evidence CSV into a DataFrame: person_id, indicator_id, observation, evidence."""
    import pandas as pd

    return pd.DataFrame(_m._read_evidence(os.fspath(path), _framework_arg(framework)))


def explain(person_id: str, position: str, levels: Optional[Dict[str, Optional[int]]] = None,
            evidence: Any = None, framework: Any = None, profile: Optional[str] = None,
            policy: str = "auto", threshold: float = 0.5, missing: str = "error", ratings: Any = None,
            raters: str = "supervisor", rater_weights: Optional[Dict[str, float]] = None,
            rater_rounding: str = "nearest") -> "Any":
    """Why each held level is what it is, for one person: a DataFrame with one row per competency
    (held, expected, gap, points, source of the level, the rated level, what the evidence alone
    gives, the levels whose indicators hold, the first indicators missing, evidence shown above a
    gap (flagged, not counted), whether the rating disagrees with the evidence, the held level's
    title in the framework's words (level 0 included) and notes).

    ``levels`` maps competency (id, code or name) to the supervisor's rating (None = not rated);
    ``evidence`` is a DataFrame with ``indicator_id`` and ``observation`` (shown / not_shown /
    not_observed) or an iterable of such pairs. ``ratings`` adds other raters' ratings: a
    DataFrame with ``competency``, ``level``, ``rater_role`` and optional ``rater_id``, or an
    iterable of (competency, level, rater_role[, rater_id]); ``raters``, ``rater_weights`` and
    ``rater_rounding`` as for ``score``. The ``ratings`` column lists every rating of the
    competency as (rater_role, rater_id, level, counted)."""
    import pandas as pd

    levels = levels or {}
    if evidence is None:
        ids, obs = [], []
    elif hasattr(evidence, "columns"):
        ids, obs = list(evidence["indicator_id"]), list(evidence["observation"])
    else:
        pairs = list(evidence)
        ids, obs = [p[0] for p in pairs], [p[1] for p in pairs]
    if ratings is None:
        rated: list = []
    elif hasattr(ratings, "columns"):
        rid = ratings["rater_id"] if "rater_id" in ratings.columns else [""] * len(ratings)
        rated = list(zip(ratings["competency"], ratings["level"], ratings["rater_role"], rid))
    else:
        rated = [tuple(r) + ("",) * (4 - len(r)) for r in ratings]
    rows = _m._explain(_framework_arg(framework), profile, person_id, position, list(levels.keys()),
                       [-1 if v is None else int(v) for v in levels.values()], [str(i) for i in ids],
                       [str(o) for o in obs], policy, float(threshold), missing,
                       [str(r[0]) for r in rated], [int(r[1]) for r in rated], [str(r[2]) for r in rated],
                       ["" if r[3] is None else str(r[3]) for r in rated], raters, rater_weights, rater_rounding)
    return pd.DataFrame(rows).set_index("competency_id")


def plan(person_id: str, position: str, levels: Dict[str, int], framework: Any = None,
         profile: Optional[str] = None, name: str = "", unit: str = "", thai_digits: bool = True) -> str:
    """One person's development plan in Thai, from their levels by competency."""
    return _m._plan(_framework_arg(framework), profile, person_id, position, list(levels.keys()),
                    [int(v) for v in levels.values()], name, unit, thai_digits)
