"""Scoring on Dask: a Dask DataFrame of ratings scored partition by partition, and cohort
summaries reduced across partitions (docs/scale.md).

>>> import dask.dataframe as dd, samatthana, samatthana.dask as sd
>>> ratings = dd.from_pandas(samatthana.read_ratings("data/samples/ratings.csv"), npartitions=4)
>>> scored = sd.score(ratings, missing="zero")          # lazy: nothing scored yet
>>> int(scored.competency_score.count().compute())
320
>>> sd.summarize(scored, by=None)["people"].tolist()    # computed: a small pandas DataFrame
[320]

Every partition is scored by ``samatthana.score`` on a worker (the framework object and the
options are pickled and shipped); the result has the columns and dtypes of ``score``, declared
as ``meta``, and keeps the input's index. Rules across rows hold within a partition; across
partitions, ``check_unique_people`` finds a person scored in two partitions (``summarize`` calls
it). Frames with rater columns (one row per rater) must hold all of a person's rows in one
partition (e.g. ``set_index("person_id")`` / ``shuffle`` on person_id before scoring).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import numpy as np
import pandas as pd

from . import _pickle  # noqa: F401  (frameworks and errors pickle to and from the workers)
from . import _samatthana as _m
from .scoring import score as _score

__all__ = ["score", "summarize", "check_unique_people"]

_KEYS = {"unit": "unit", "position": "position_code", None: None}


def _score_partition(part: pd.DataFrame, framework: Any, kw: Dict[str, Any]) -> pd.DataFrame:
    out = _score(part, framework=framework, **kw)
    if "position_code" in out.columns and out["position_code"].dtype != object:
        out["position_code"] = out["position_code"].astype(object)  # an empty partition's column
    return out


def _meta(ddf: Any, framework: Any, kw: Dict[str, Any]) -> pd.DataFrame:
    """The columns and dtypes of score()'s result for this input, from its empty meta frame."""
    empty = ddf._meta
    meta = _score_partition(empty, framework, kw)
    named = kw.get("results")
    has_results = "results" in [str(c) for c in empty.columns] if named is None else isinstance(named, str)
    if has_results and "results" not in meta.columns:  # score() of no rows has no results columns
        # score()'s order: results, then the other part's two columns (schemes with one), total, band
        other = [c for c in ("other", "other_points") if c in meta.columns]
        tail = {c: meta.pop(c) for c in other}
        meta["results"] = pd.Series(dtype=np.float64)
        for c in other:
            meta[c] = tail[c]
        meta["total"] = pd.Series(dtype=np.float64)
        meta["band"] = pd.Series(dtype=object)
    return meta


def score(ddf: Any, framework: Any = None, **kw: Any) -> Any:
    """``samatthana.score`` on every partition of the Dask DataFrame ``ddf`` (lazy). ``framework``
    and the keyword arguments are ``score``'s; a ``results`` or ``evidence`` DataFrame is shipped
    whole to every partition's call and must name only people of that partition, so give results
    as a column of ``ddf`` instead. Errors are ``score``'s, raised on ``compute()``, located by
    the index label of the row (``e.index``; ``e.row`` and ``e.line`` count within the partition).
    The result's ``_meta.attrs`` hold ``score``'s attrs (competencies, bands, ...)."""
    if isinstance(kw.get("results"), pd.DataFrame) or kw.get("evidence") is not None:
        raise _m.ValidationError("samatthana.dask.score: give results as a column of the ratings "
                                 "(a results or evidence DataFrame names people of every partition)")
    meta = _meta(ddf, framework, kw)
    out = ddf.map_partitions(_score_partition, framework, kw, meta=meta, align_dataframes=False)
    return out


# ---- summaries across partitions --------------------------------------------------------------

def _sums(part: pd.DataFrame, comps: List[str], key: Optional[str], bands: List[str]) -> pd.DataFrame:
    """Per group of one partition: people, counts meeting, sums of scores and gaps, band counts."""
    groups = part[key].to_numpy(dtype=object) if key else np.full(len(part), "all", dtype=object)
    meets = {c: (part[f"{c}_held"] >= part[f"{c}_expected"]).to_numpy() for c in comps}
    cols: Dict[str, Any] = {"people": np.ones(len(part), dtype=np.int64),
                            "_all": np.logical_and.reduce([meets[c] for c in comps]).astype(np.int64)
                            if comps else np.ones(len(part), dtype=np.int64),
                            "_score": part["competency_score"].to_numpy(dtype=np.float64)}
    for c in comps:
        cols[f"{c}_meets"] = meets[c].astype(np.int64)
        cols[f"{c}_gap"] = part[f"{c}_gap"].to_numpy(dtype=np.int64)
    if "band" in part.columns:
        band = part["band"].to_numpy(dtype=object)
        for b in bands:
            cols[f"_band {b}"] = (band == b).astype(np.int64)
    frame = pd.DataFrame(cols, index=pd.Index(groups, name="_key"))
    return frame.groupby(level=0, sort=False).sum()


def summarize(scored: Any, by: Optional[str] = "unit", check: bool = True) -> pd.DataFrame:
    """``samatthana.summarize`` of a ``score`` result on Dask, reduced across partitions: per
    group (``by`` = "unit", "position", another column of the scores, or None; groups in
    ``summarize``'s order) people, the share meeting every expected level,
    the mean competency score, per competency the share meeting and the mean gap, and the
    count of each band. Counts and shares are exact; means are sums over partitions divided by
    the count (a last-digit difference from pandas' summation order is possible). Computes and
    returns a pandas DataFrame. ``check``: first ``check_unique_people`` (one more pass)."""
    key = _KEYS.get(by, by) if by is None or isinstance(by, str) else None
    if by is not None and (key is None or key not in scored.columns):
        raise _m.ValidationError(f"by must be 'unit', 'position', None or a column of the scores, not {by!r}")
    if check:
        check_unique_people(scored)
    attrs = dict(getattr(scored, "_meta", scored).attrs)
    comps = attrs.get("competencies") or [c[:-5] for c in scored.columns if c.endswith("_held")]
    bands = list(attrs.get("bands", []))
    meta = _sums(scored._meta, comps, key, bands)
    parts = scored.map_partitions(_sums, comps, key, bands, meta=meta).compute()
    tot = parts.groupby(level=0, sort=True).sum()
    n = tot["people"]
    out = pd.DataFrame(index=tot.index)
    out["people"] = n.astype(np.int64)
    out["share_meeting_all"] = tot["_all"] / n
    out["mean_score"] = tot["_score"] / n
    for c in comps:
        out[f"{c}_share_meeting"] = tot[f"{c}_meets"] / n
        out[f"{c}_mean_gap"] = tot[f"{c}_gap"] / n
    if "band" in scored.columns:
        for b in bands:
            out[b] = tot[f"_band {b}"].astype(np.int64)
    out.index.name = by or "all"
    from . import scoring

    in_order = getattr(scoring, "_in_thai_order", None)  # the groups in summarize's order (Thai)
    return in_order(out) if in_order is not None else out.sort_index()


def _ids(part: pd.DataFrame, number: int) -> pd.DataFrame:
    return pd.DataFrame({"person_id": part["person_id"].to_numpy(dtype=object),
                         "partition": np.full(len(part), number, dtype=np.int64),
                         "label": np.asarray(part.index, dtype=object)})


def check_unique_people(scored: Any) -> None:
    """Raises ``samatthana.ValidationError`` when a person_id was scored in two partitions (or
    twice in one rater-mode partition): the rule ``score`` applies to a whole frame. Computes the
    person ids (memory O(people) on the client)."""
    from dask.base import compute as dask_compute
    from dask.delayed import delayed

    compute: Any = dask_compute  # untyped in dask
    parts = list(scored[["person_id"]].to_delayed())
    frames = compute(*[delayed(_ids)(p, i) for i, p in enumerate(parts)])
    ids = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["person_id"])
    dup = ids[ids["person_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        again = dup[dup["person_id"] == first["person_id"]].iloc[1]
        err = _m.ValidationError(
            f"person_id given twice: {first['person_id']!r} is in partition {first['partition']} "
            f"(index {first['label']!r}) and partition {again['partition']} (index {again['label']!r})")
        err.path, err.value = "person_id", str(first["person_id"])
        err.index = again["label"]
        raise err
