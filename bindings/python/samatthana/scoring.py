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
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _samatthana as _m


__all__ = ["score", "score_arrays", "empty_outputs", "expected_levels", "summarize", "read_ratings", "read_evidence", "plan",
           "round_dpis", "set_threads", "get_threads"]


# Threads a batch call may use (score_arrays, score(df)'s columnar path): 0 = the library
# decides (two from 100 000 rows on a machine with two cores or more).
_THREADS = 0


def set_threads(n: Optional[int]) -> int:
    """How many threads one ``score_arrays`` or ``score`` call may use; returns the previous value.

    ``0`` or ``None`` (the default): the library decides, two from 100 000 rows (score_arrays) or
    200 000 rows (score) on a machine with two cores or more. ``1``: every call runs on the
    calling thread alone, which is what an application that runs calls from its own threads (a
    thread pool, Dask's threaded scheduler) wants: its threads then scale, as each call releases
    the GIL. ``n`` > 1: up to n threads per score_arrays call (score uses at most two). Each
    call's ``threads=`` argument overrides this setting. The results never depend on it.
    """
    global _THREADS
    before = _THREADS
    _THREADS = _threads_arg(n)
    return before


def get_threads() -> int:
    """The setting of ``set_threads`` (0: the library decides)."""
    return _THREADS


def _threads_arg(n: Optional[int]) -> int:
    if n is None:
        return 0
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"threads must be a whole number 0 or more (0: the library decides), not {n!r}")
    return int(n)


def _threads_of(threads: Optional[int]) -> int:
    return _THREADS if threads is None else _threads_arg(threads)


def round_dpis(x: float) -> float:
    """DPIS rounding of a part score: round(round(x, 3), 2), halves away from zero."""
    return _m._round_dpis(x)


def _framework_arg(framework: Any) -> Any:
    return framework if framework is not None else "bma-core-2550"


def _column_array(s: "Any") -> np.ndarray:
    """One DataFrame column as C++ takes it: float64 (NaN = empty) for numeric columns, plain or
    nullable (``Int8``, ``Float64``); object for the rest (str, pandas ``string``, booleans, mixed),
    where None, NaN and pd.NA are empty cells."""
    import pandas as pd

    t = pd.api.types
    if t.is_numeric_dtype(s.dtype) and not t.is_bool_dtype(s.dtype) and not t.is_complex_dtype(s.dtype):
        return np.ascontiguousarray(s.to_numpy(dtype=np.float64, na_value=np.nan))
    return np.ascontiguousarray(s.to_numpy(dtype=object))


def _frame_arg(df: "Any", what: str) -> tuple:
    """(headers, arrays) of a DataFrame, column by column (duplicate names kept, in order)."""
    if not (hasattr(df, "columns") and hasattr(df, "iloc")):
        raise TypeError(f"{what} must be a pandas DataFrame, not {type(df).__name__}")
    return ([str(c) for c in df.columns], [_column_array(df.iloc[:, j]) for j in range(df.shape[1])])


_FRAMES = ("<DataFrame>", "<evidence DataFrame>", "<results DataFrame>")


def _in_frames(err: "Any", frames: Dict[str, Any]) -> "Any":
    """The error of a DataFrame cell, its location said in DataFrame terms: the index label and
    position of the row and the column's name. ``message`` (the core's words, as the CLI's) and
    ``line`` (the row's line in ``df.to_csv(index=False)``) stay; ``row`` and ``index`` are added."""
    df = frames.get(getattr(err, "file", None))
    if df is None:
        return err
    where = []
    row = err.line - 2 if err.line >= 2 and err.line - 2 < len(df) else None
    label = df.index[row] if row is not None else None
    if row is not None:
        where.append(f"index {label!r} (row {row})")
    elif err.line == 1:
        where.append("header")
    if err.path:
        where.append(f"column {err.path!r}")
    text = err.file + ": " + ", ".join(where) + (": " if where else "") + err.message
    if err.value:
        text += f' (value: "{err.value}")'
    new = type(err)(text)
    for k in ("message", "file", "line", "column", "path", "value", "byte_offset"):
        setattr(new, k, getattr(err, k))
    new.row, new.index = row, label
    return new


def score(df: "Any", framework: Any = None, profile: Optional[str] = None, method: Optional[str] = None,
          weight: Optional[float] = None, results: Any = None, evidence: Any = None, policy: str = "auto",
          threshold: float = 0.5, missing: str = "error", ratio_cap: bool = True,
          dpis_rounding: bool = True, raters: str = "supervisor",
          rater_weights: Optional[Dict[str, float]] = None, rater_rounding: str = "nearest",
          columns: Optional[Sequence[Any]] = None, threads: Optional[int] = None,
          all_errors: Union[bool, int] = False) -> "Any":
    """Scores a ratings DataFrame and returns one row per person.

    ``df`` has the columns of a ratings CSV (docs/scoring.md): ``person_id``, ``position`` (DPIS
    code such as "K2" or Thai type and rank), optional ``name``, ``unit`` and ``results``, and one
    column per competency named by id, DPIS code or Thai name. Levels are whole numbers (int, nullable
    ``Int8``, or integral floats such as 1.0), Thai- or Arabic-digit strings, or empty (NaN, None,
    pd.NA) for "not rated"; pandas ``string`` columns work like object columns. The checks and
    errors are the CLI's for the same table written as CSV (``df.to_csv(index=False)``), located by
    index label and column (``e.index``, ``e.row``, ``e.path``; ``e.line`` is the CSV line).
    ``results`` may be a column name, an array aligned with ``df`` (a results column), or a
    DataFrame with ``person_id`` and ``results`` (0..100 percent of the results part; as the CLI's
    ``--results``; together with a results column it is an error). ``evidence`` is a DataFrame with
    ``person_id``, ``indicator_id``, ``observation`` and optional ``evidence``. Returns columns
    person_id, name, unit, position, position_code, competency_score, then per competency
    <id>_held, <id>_expected, <id>_gap, <id>_points, and results, total, band when results are given.

    The other part: under a profile whose scheme has ``other_weight`` (DPIS's ผลงานองค์ประกอบอื่นๆ,
    docs/scoring.md), an ``other`` column (0..100 percent of the part; also ``ผลงานองค์ประกอบอื่น``)
    in ``df`` or in the ``results`` DataFrame gives each person's figure; the result then has
    ``other`` and ``other_points`` (other × other_weight ÷ 100, 2 decimals) before ``total``, and
    total = results points + competency part + other points. A person with results but no figure is
    a located error, and so is an ``other`` column under a scheme without an other part.

    Several raters: with a ``rater_role`` column (supervisor, self, peer, subordinate; optional
    ``rater_id``) ``df`` has one row per rater and the result one row per person, in order of first
    appearance. ``raters="supervisor"`` (default, as the BMA) counts the supervisor's rating;
    ``raters="weighted"`` combines every rater: the mean per role, then the roles weighted by
    ``rater_weights`` (default supervisor 50, self 10, peer 20, subordinate 20; roles not named
    weigh 0) and rounded by ``rater_rounding`` ("nearest", halves up; or "down").

    Headers follow the CSV reader's one rule (English or Thai names such as ``รหัส``, ``ชื่อ``,
    ``หน่วยงาน``, ``ตำแหน่ง``, ``ผลสัมฤทธิ์ของงาน``, ``ผู้ประเมิน``; spaces around a header ignored).
    A column that is none of these nor a competency (notes, email, ...) is left out with a
    ``UserWarning`` naming it; ``columns=[...]`` names the columns to read instead (the others are
    left out without a warning, and a named column that is not a ratings column is an error, as
    in a CSV file). Results cells are numbers 0..100 or text in Thai or Arabic digits ("๘๕");
    "85%" is a ParseError located at its cell (write 85: the column is a percentage already), and
    booleans are never levels nor results (a located ParseError).

    Per-position competency sets (``profile="ocsc-full"``, docs/profiles.md): ``framework`` defaults
    to the one the profile is made for (``ocsc-full-2552``); a ``job_line`` (``สายงาน``) column
    names each person's job line; each person is scored over their own competencies, and the
    result has a ``job_line`` column and ``<NA>`` (points NaN) where a person is not appraised on a
    competency. A rating there is a located error; an empty cell is fine.

    Speed: a well-formed DataFrame (numeric level and results columns, text or Categorical ids,
    names, units and positions) is scored column by column without a Python object per cell;
    anything else takes the cell-by-cell path, which gives the located error (docs/performance.md).
    From 200 000 rows on two cores that path uses a second thread; ``threads=1`` (or
    ``set_threads(1)``) keeps each call on its caller's thread (docs/scale.md, threads).
    """
    import pandas as pd

    if not (hasattr(df, "columns") and hasattr(df, "iloc")):
        raise TypeError(f"the ratings must be a pandas DataFrame, not {type(df).__name__}")
    if all_errors is not False:  # every bad row at once (samatthana.errors, docs/guide.md)
        from .errors import score as _score_all_errors

        return _score_all_errors(df, framework, profile, all_errors=all_errors, columns=columns, results=results,
                                 evidence=evidence, method=method, weight=weight, policy=policy,
                                 threshold=threshold, missing=missing, ratio_cap=ratio_cap,
                                 dpis_rounding=dpis_rounding, raters=raters, rater_weights=rater_weights,
                                 rater_rounding=rater_rounding, threads=threads)
    if framework is None and profile is not None:  # a profile made for one framework chooses it, as in the CLI
        framework = _m._profile_framework(str(profile))
    df = _ratings_part(df, _framework_arg(framework), columns, results if isinstance(results, str) else None)
    headers = [str(c) for c in df.columns]
    res_frame = None
    res_column: Any = None
    if isinstance(results, str):
        if results not in [str(c) for c in df.columns]:
            raise _m.ValidationError(f"the DataFrame has no '{results}' column (results)")
        headers = ["results" if h == results else h for h in headers]
    elif isinstance(results, pd.DataFrame):
        res_frame = _frame_arg(results, "results")
    elif results is not None:
        res_column = pd.Series(list(results) if not isinstance(results, np.ndarray) else results)
        if len(res_column) != len(df):
            raise _m.ValidationError(f"results must have one value per row ({len(res_column)} for {len(df)} rows)")
        headers = headers + ["results"]
    fast = None
    # Per-position sets (a job_line column, a profile with groups) take the general path: the
    # columnar fast path scores every person on every competency.
    sets = _m._profile_has_sets(_framework_arg(framework), profile)
    if (_FAST and not sets and evidence is None and res_frame is None and policy in ("auto", "rated")
            and raters == "supervisor"):
        fast = _m._score_fast(headers, _fast_columns(df, res_column), pd.NA, _framework_arg(framework), profile,
                              method, weight, ratio_cap, dpis_rounding, _threads_of(threads))
    if fast is not None:
        return _frame_of_blocks(fast, df.index, policy, raters)
    columns = _frame_arg(df, "the ratings")[1] + ([_column_array(res_column)] if res_column is not None else [])
    ev_frame = _frame_arg(evidence, "evidence") if evidence is not None else None
    try:
        d = _m._score_table(headers, columns, ev_frame, res_frame, pd.NA, np.bool_, _framework_arg(framework),
                            profile, method, weight, policy, threshold, missing, ratio_cap, dpis_rounding,
                            raters, rater_weights, rater_rounding)
    except _m.Error as e:
        raise _in_frames(e, dict(zip(_FRAMES, (df, evidence, results)))) from None
    out: Dict[str, Any] = {k: d[k] for k in ("person_id", "name", "unit", "position")}
    appraised = d.get("appraised")
    if appraised is not None:
        out["job_line"] = d["job_line"]
    out.update(position_code=d["position_code"], competency_score=d["part"])
    for j, cid in enumerate(d["competencies"]):
        if appraised is None:
            out[f"{cid}_held"] = d["held"][:, j]
            out[f"{cid}_expected"] = d["expected"][:, j]
            out[f"{cid}_gap"] = d["gap"][:, j]
        else:  # outside a person's set: <NA> (nullable Int8), points NaN
            mask = appraised[:, j] == 0
            for part in ("held", "expected", "gap"):
                out[f"{cid}_{part}"] = pd.arrays.IntegerArray(d[part][:, j].copy(), mask.copy())
        out[f"{cid}_points"] = d["points"][:, j]
    if d["has_results"]:
        out["results"] = d["results"]
    if d["has_other"]:  # the scheme's other part (docs/scoring.md, "Other part")
        out["other"] = d["other"]
        out["other_points"] = d["other_points"]
    if d["has_results"]:
        bands = np.array(d["bands"] + [""], dtype=object)
        out["total"] = d["total"]
        out["band"] = bands[d["band"]]
    frame = pd.DataFrame(out) if d["has_raters"] else pd.DataFrame(out, index=df.index)
    frame.attrs.update(competencies=list(d["competencies"]), bands=list(d["bands"]), method=d["method"],
                       weight=d["weight"], profile=d["profile"], framework=d["framework"], policy=d["policy"],
                       raters=d["raters"])
    if d["has_other"]:
        frame.attrs["other_weight"] = d["other_weight"]
    return frame


def _ratings_part(df: "Any", framework: Any, columns: Optional[Sequence[Any]], results: Optional[str]) -> "Any":
    """The columns of ``df`` that score() reads: those named by ``columns``, else every column the
    header rule knows (the others left out with a UserWarning naming them). Row positions and
    index labels stay, so errors name the caller's rows."""
    import warnings

    names = [str(c) for c in df.columns]
    if columns is not None:
        wanted = [str(c) for c in columns]
        absent = [c for c in wanted if c not in names]
        if absent:
            raise _m.ValidationError(f"the DataFrame has no column {absent[0]!r} (columns=)")
        keep = [i for i, c in enumerate(names) if c in wanted]
    else:
        roles = _m._ratings_column_roles(names, framework)
        keep = [i for i, (c, r) in enumerate(zip(names, roles)) if r is not None or c == results]
        if len(keep) < len(names):
            left = [names[i] for i in range(len(names)) if i not in set(keep)]
            warnings.warn(f"score(): column{'s' if len(left) > 1 else ''} {', '.join(repr(c) for c in left)} "
                          "left out: not person_id, name, unit, position, results, other, rater_role, "
                          "rater_id nor a competency of the framework (pass columns=[...] to choose the columns yourself)",
                          UserWarning, stacklevel=3)
    return df if len(keep) == len(names) else df.iloc[:, keep]


# The columnar path of score() (docs/performance.md); tests switch it off to compare both paths.
_FAST = True


def _fast_column(s: "Any") -> Any:
    """A column as the columnar path takes it: (codes, categories) of a Categorical, numeric
    numpy arrays as they are (nullable ones as float64, <NA> = NaN), object arrays of the rest."""
    import pandas as pd

    t = pd.api.types
    if isinstance(s.dtype, pd.CategoricalDtype):
        return (np.asarray(s.cat.codes, dtype=np.int32), np.asarray(s.cat.categories, dtype=object))
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf":
        return s.to_numpy()
    if t.is_numeric_dtype(s.dtype) and not t.is_bool_dtype(s.dtype) and not t.is_complex_dtype(s.dtype):
        return s.to_numpy(dtype=np.float64, na_value=np.nan)
    if isinstance(s.dtype, np.dtype) and s.dtype.kind == "b":
        return s.to_numpy()
    return s.to_numpy(dtype=object)


def _fast_columns(df: "Any", results: Any) -> list:
    cols = [_fast_column(df.iloc[:, j]) for j in range(df.shape[1])]
    return cols + ([_fast_column(results)] if results is not None else [])


def _frame_of_blocks(d: Dict[str, Any], index: Any, policy: str, raters: str) -> "Any":
    """The result DataFrame of the columnar path, made from its three blocks without copying them
    (pandas' own block manager; a dict of columns, which copies, where that is unavailable)."""
    import pandas as pd

    meta = d["meta"]
    comps = list(meta["competencies"])
    names = ["person_id", "name", "unit", "position", "position_code", "competency_score"]
    for cid in comps:
        names += [f"{cid}_held", f"{cid}_expected", f"{cid}_gap", f"{cid}_points"]
    c = len(comps)
    obj_at = [0, 1, 2, 3, 4]
    f8_at = [5] + [9 + 4 * j for j in range(c)]
    i8_at = [p for j in range(c) for p in (6 + 4 * j, 7 + 4 * j, 8 + 4 * j)]
    if d["has_results"]:
        names += ["results", "total", "band"]
        f8_at += [len(names) - 3, len(names) - 2]
        obj_at += [len(names) - 1]
    blocks = [(d["objects"], obj_at), (d["int8"], i8_at), (d["float64"], f8_at)]
    frame = _from_blocks(names, index, blocks)
    frame.attrs.update(competencies=comps, bands=list(meta["bands"]), method=meta["method"], weight=meta["weight"],
                       profile=meta["profile"], framework=meta["framework"], policy=policy, raters=raters)
    return frame


def _from_blocks(names: list, index: Any, blocks: list) -> "Any":
    import pandas as pd

    try:
        from pandas.core.internals import BlockManager
        from pandas.core.internals.api import make_block

        mgr = BlockManager(tuple(make_block(v, placement=np.asarray(at, dtype=np.intp)) for v, at in blocks),
                           [pd.Index(names, dtype=object), index])
        if hasattr(pd.DataFrame, "_from_mgr"):  # pandas >= 2.1
            return pd.DataFrame._from_mgr(mgr, axes=mgr.axes)
        return pd.DataFrame(mgr)
    except (ImportError, AttributeError, TypeError, ValueError, AssertionError):
        cols: Dict[int, Any] = {}
        for v, at in blocks:
            for k, p in enumerate(at):
                cols[p] = v[k]
        return pd.DataFrame({names[p]: cols[p] for p in range(len(names))}, index=index)


def score_arrays(held: np.ndarray, expected: np.ndarray, max_level: Optional[Sequence[int]] = None,
                 results: Optional[np.ndarray] = None, method: str = "bma", weight: float = 30.0,
                 dpis_rounding: bool = True, ratio_cap: bool = True,
                 rating_weights: Sequence[float] = (), profile: Optional[str] = None,
                 threads: Optional[int] = None, other: Optional[np.ndarray] = None,
                 out: Optional[Dict[str, np.ndarray]] = None, framework: Any = None) -> Dict[str, np.ndarray]:
    """The columnar batch path: ``held`` and ``expected`` are (people × competencies) level arrays.

    ``held`` may also be a DataFrame (a ratings frame as ``score`` takes it): its competency
    columns, found by the header rule of ``score`` and the CSV reader (id, DPIS code or Thai name)
    for ``framework`` (default the BMA core framework), are read in the framework's order without
    a copy and narrowed to int8 without the GIL; other columns are not read. Every cell must be a
    level (a whole number 0..the competency's highest, any integer or float dtype, nullable
    ones too): a fraction, an empty cell or a boolean is a ``ParseError`` naming the index label
    and the column, as ``score`` names it. ``max_level`` then defaults to the framework's.

    Zero-copy for C-contiguous ``int8`` levels and ``float64`` results (others are converted once);
    the outputs are new numpy arrays written in place by C++ with the GIL released. ``max_level``
    defaults to the BMA core framework's (5, 6, 5, 5, 5). ``profile`` gives the bands and weights of
    the total (default BMA 70/30). Returns ``gap``, ``points`` (n × c), ``part``, ``total``
    (NaN without results) and ``band`` (index into the profile's bands, -1 without results).
    From 100 000 rows on two cores a call uses two threads; ``threads=1`` keeps it on the calling
    thread (for applications that run calls from their own threads), ``threads=n`` uses up to n;
    the default is ``set_threads``'s setting. The results never depend on it. ``other`` (one value
    per person, 0..100, NaN = none) is the other part's figure under a profile whose scheme has one
    (docs/scoring.md, "Other part"): the total then adds its points; a person with results needs one.

    ``out``: a dict of arrays to write instead of new ones (for example the dict an earlier call
    returned, or ``empty_outputs(n, c)``), each of exactly the dtype and shape of the output it
    replaces, C-contiguous, writeable, and sharing no memory with the inputs or each other;
    returns a dict of those same arrays. Calls that reuse their outputs skip the kernel's zeroing
    of fresh pages, which is what lets calls from several threads scale (docs/scale.md,
    "Threads"); give each thread its own ``out``. After a call that raises, their contents are
    unspecified.
    """
    if hasattr(held, "columns") and hasattr(held, "iloc"):
        held, max_level = _held_of_frame(held, framework, max_level, _threads_of(threads))
    return dict(_m._score_batch(held, expected, None if max_level is None else list(max_level), results,
                                method, float(weight), dpis_rounding, ratio_cap, list(rating_weights), profile,
                                _threads_of(threads), other, out))


def _held_of_frame(df: Any, framework: Any, max_level: Optional[Sequence[int]],
                   threads: int) -> Tuple[np.ndarray, List[int]]:
    """score_arrays' ``held`` from a DataFrame: (int8 n × c in the framework's order, max levels)."""
    import pandas as pd

    fw = _m.framework(_framework_arg(framework)) if framework is None or isinstance(framework, str) else framework
    comps = list(fw.competencies)
    ids = [c.id for c in comps]
    headers = [str(c) for c in df.columns]
    at: Dict[str, int] = {}
    for k, role in enumerate(_m._ratings_column_roles(headers, fw)):
        if role in ids:
            if role in at:
                raise _m.ValidationError(f"held: columns {headers[at[role]]!r} and {headers[k]!r} both name "
                                         f"competency {role!r}")
            at[role] = k
    missing = [i for i in ids if i not in at]
    if missing:
        raise _m.ValidationError(f"held: no column for competency {missing[0]!r} of {fw.id} (by id, DPIS code or "
                                 f"Thai name; columns: {', '.join(headers)})")
    tops = [int(t) for t in max_level] if max_level is not None else [int(c.max_level) for c in comps]
    if len(tops) != len(ids):
        raise _m.ValidationError(f"max_level needs one value per competency of {fw.id} ({len(ids)})")
    cols = []
    for i in ids:
        s = df.iloc[:, at[i]]
        if isinstance(s.dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_numeric_dtype(s.dtype) \
                and not pd.api.types.is_bool_dtype(s.dtype):
            cols.append(s.to_numpy(dtype=np.float64, na_value=np.nan))  # nullable Int8/Float64: NA = NaN
        elif s.dtype == object:
            cols.append(_numbers_of_objects(s.to_numpy()))
        else:
            cols.append(s.to_numpy())
    levels, bad = _m._held_levels(cols, tops, threads)
    if bad is None:
        return levels, tops
    j, row = bad
    k = at[ids[j]]
    if row < 0:
        what = "booleans are not levels" if cols[j].dtype == bool else f"holds {cols[j].dtype} values, not numbers"
        err = _m.ParseError(f"<DataFrame>: column {headers[k]!r}: {what}: score_arrays takes levels as numbers "
                            f"0..{tops[j]}")
        for name, v in (("message", what), ("file", "<DataFrame>"), ("line", 1), ("column", k + 1),
                        ("path", headers[k]), ("value", ""), ("byte_offset", None), ("row", None), ("index", None)):
            setattr(err, name, v)
        raise err
    value = df.iloc[row, k]
    if isinstance(value, (bool, np.bool_)):
        message = "booleans are not levels"
    elif isinstance(value, str):
        message = "not a number: score_arrays takes levels as numbers (score(df) reads text cells, Thai digits too)"
    else:
        message = (f"not a level: score_arrays takes a whole number 0..{tops[j]} in every cell (score(df) reads an "
                   f"empty cell as not rated)")
    shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(int(value)) if isinstance(value, (float, np.floating)) \
        and float(value).is_integer() and abs(value) < 1e15 else str(value)
    cell = _m.ParseError(message)  # located in DataFrame terms by _in_frames, as score(df)'s cells
    for name, v in (("message", message), ("file", "<DataFrame>"), ("line", row + 2), ("column", k + 1),
                    ("path", headers[k]), ("value", shown), ("byte_offset", None)):
        setattr(cell, name, v)
    raise _in_frames(cell, {"<DataFrame>": df})


def _numbers_of_objects(values: np.ndarray) -> np.ndarray:
    """An object column of score_arrays' DataFrame ``held`` as float64: numbers (int, float,
    numpy numbers) as they are, anything else (None, text, booleans) NaN, which is not a level:
    the error then shows the cell itself (score_arrays reads no text)."""
    import numbers

    return np.fromiter((v if isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) else np.nan
                        for v in values), dtype=np.float64, count=len(values))


def empty_outputs(rows: int, competencies: int) -> Dict[str, np.ndarray]:
    """Uninitialised output arrays of ``score_arrays`` for ``rows`` people × ``competencies``,
    to pass as its ``out`` (and reuse call after call): ``gap`` int8 and ``points`` float64
    (rows × competencies), ``part`` and ``total`` float64 and ``band`` int8 (rows)."""
    return {"gap": np.empty((rows, competencies), np.int8), "points": np.empty((rows, competencies), np.float64),
            "part": np.empty(rows, np.float64), "total": np.empty(rows, np.float64),
            "band": np.empty(rows, np.int8)}


def expected_levels(positions: Any, profile: Optional[str] = None, framework: Any = None) -> np.ndarray:
    """Expected levels of many positions at once: an (n × competencies) ``int8`` array in the
    framework's order, for ``score_arrays``. ``positions`` is a Series (object, ``string`` or
    Categorical: each distinct position is looked up once), a numpy array or a list; a position is
    a DPIS code ("K2", "k๒") or the Thai type and rank, as in a ratings file. An unknown position
    is a ``LookupError`` naming it and its row (``e.path`` = "positions[row]").

    >>> import samatthana.scoring as sc
    >>> sc.expected_levels(["K2", "O1", "ประเภทวิชาการ ระดับชำนาญการพิเศษ"]).tolist()
    [[2, 2, 2, 2, 2], [1, 1, 1, 1, 1], [3, 3, 3, 3, 3]]
    """
    import pandas as pd

    if isinstance(positions, (pd.Series, pd.Index)) and isinstance(positions.dtype, pd.CategoricalDtype):
        cat = pd.Categorical(positions)
        column: Any = (np.asarray(cat.codes, dtype=np.int32), np.asarray(cat.categories, dtype=object))
        if (column[0] < 0).any():
            row = int(np.argmax(column[0] < 0))
            raise _m.LookupError(f"positions[{row}]: an empty position (every row needs its position)")
    elif isinstance(positions, (pd.Series, pd.Index, np.ndarray)):
        column = np.asarray(positions, dtype=object)
    else:
        column = np.array(list(positions), dtype=object)
    return _m._expected_levels(column, pd.NA, _framework_arg(framework), profile)


def _group_keys(scored: "Any", by: Any) -> list:
    """The columns of ``scored`` a summary groups by: "position" is the profile code
    (position_code, as before), any other name is that column; None is everyone."""
    if by is None:
        return []
    names = [by] if isinstance(by, str) else list(by)
    keys = ["position_code" if k == "position" and "position_code" in scored.columns else k for k in names]
    missing = [k for k in keys if k not in scored.columns]
    if missing:
        raise _m.ValidationError(f"summarize: the scores have no column {missing[0]!r} to group by "
                                 f"(columns: {', '.join(map(str, scored.columns))})")
    return keys


def _in_thai_order(frame: "Any") -> "Any":
    """``frame`` with its index (each level of a MultiIndex) in Thai dictionary order, as the
    HTML report lists groups; numbers by value."""
    from . import thai

    return frame.sort_index(key=thai.sort_key_series, kind="stable")


def summarize(scored: "Any", by: Any = "unit", long: bool = False) -> "Any":
    """Cohort summary of a ``score()`` result per group: people, share meeting every expected
    level, mean competency score, per competency the share meeting the expected level and the
    mean gap, and band counts.

    ``by``: "unit" (default), "position" (the profile code), any other column of ``scored``
    (e.g. a column you added: ``scored["grade"] = ...``), a list of columns, or None (everyone).
    Groups come in Thai dictionary order (as in the HTML report; numbers by value), an empty
    group key (NaN) last. ``long=True`` gives one row per group and competency (people,
    share_meeting, mean_gap), for plotting and pivoting.

    >>> import pandas as pd, samatthana.scoring as sc
    >>> df = pd.DataFrame({"person_id": ["A", "B", "C"], "unit": ["สำนักอนามัย", "สำนักการแพทย์", "สำนักอนามัย"],
    ...                    "position": ["K2", "K2", "O1"], "integrity": [2, 1, 1], "service": [2, 2, 1],
    ...                    "achievement": [2, 2, 1], "teamwork": [2, 2, 1], "expertise": [2, 2, 1]})
    >>> sc.summarize(sc.score(df))["people"].to_dict()
    {'สำนักการแพทย์': 1, 'สำนักอนามัย': 2}
    >>> long = sc.summarize(sc.score(df), by=["unit", "position"], long=True)
    >>> long.loc[("สำนักอนามัย", "K2"), "share_meeting"].tolist()    # one row per competency
    [1.0, 1.0, 1.0, 1.0, 1.0]
    """
    import pandas as pd

    comps = scored.attrs.get("competencies") or [c[:-5] for c in scored.columns if c.endswith("_held")]
    keys = _group_keys(scored, by)
    df = scored.copy()
    meets = pd.DataFrame({c: df[f"{c}_held"] >= df[f"{c}_expected"] for c in comps})
    df["_all"] = meets.all(axis=1)
    for c in comps:
        df[f"{c}_meets"] = meets[c]
    if keys:
        g = df.groupby(keys if len(keys) > 1 else keys[0], sort=False, dropna=False)
    else:
        g = df.groupby(lambda _: "all")
    agg: Dict[str, Any] = {"people": ("person_id", "size"), "share_meeting_all": ("_all", "mean"),
                           "mean_score": ("competency_score", "mean")}
    for c in comps:
        agg[f"{c}_share_meeting"] = (f"{c}_meets", "mean")
        agg[f"{c}_mean_gap"] = (f"{c}_gap", "mean")
    out = g.agg(**agg)
    if "band" in df.columns:
        group = [df[k] for k in keys] if keys else [pd.Series("all", index=df.index)]
        counts = pd.crosstab(group, df["band"], dropna=False)
        for b in scored.attrs.get("bands", sorted(df["band"].unique())):
            out[b] = counts[b].reindex(out.index).fillna(0).astype(np.int64) if b in counts.columns else 0
    asked = [] if by is None else [by] if isinstance(by, str) else list(by)
    names = [a if k == "position_code" else k for a, k in zip(asked, keys)]
    out.index.names = names or ["all"]
    out = _in_thai_order(out)
    if not long:
        return out
    c_n = len(comps)
    index = [(*(g if isinstance(g, tuple) else (g,)), c) for g in out.index for c in comps]
    return pd.DataFrame({
        "people": np.repeat(out["people"].to_numpy(), c_n),
        "share_meeting": out[[f"{c}_share_meeting" for c in comps]].to_numpy().reshape(-1),
        "mean_gap": out[[f"{c}_mean_gap" for c in comps]].to_numpy().reshape(-1),
    }, index=pd.MultiIndex.from_tuples(index, names=list(out.index.names) + ["competency"]))


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


def read_ratings(path: Union[str, "os.PathLike[str]"], framework: Any = None,
                 chunksize: Optional[int] = None, encoding: str = "auto",
                 sheet: Optional[str] = None, all_errors: Union[bool, int] = False) -> "Any":
    """Reads a wide ratings CSV (all the checks of the C++ reader) into a DataFrame whose
    competency columns are the framework's ids, pandas nullable ``Int8`` (<NA> = not rated), so
    that ``df.to_csv(index=False)`` writes the levels as the file had them and reads back the same. A file with rater
    columns gives one row per rater with ``rater_role`` (English) and ``rater_id`` columns, person
    cells left empty in the file filled in from the person's first row; ``score()`` takes it.

    ``chunksize=N`` returns an iterator of DataFrames of about N rows instead, as
    ``pandas.read_csv(chunksize=N)`` does, with the same checks across the whole file
    (``samatthana._chunked.read_ratings_chunks``: the index counts rows over the file, so
    ``pd.concat(chunks)`` equals the whole read).

    ``encoding``: ``"auto"`` (a byte-order mark says UTF-8 or UTF-16, else the file must be valid
    UTF-8), ``"utf-8"``, ``"utf-16"`` or ``"cp874"`` (CSV saved by Thai Windows Excel); an .xlsx
    workbook is recognised by its content and ``sheet`` names its sheet (default: the first). See
    docs/formats.md.

    ``all_errors=True`` (or a number N, the most kept; True is 100) reports every bad row at once:
    one ``samatthana.ImportErrors`` whose ``.errors`` lists them (dicts: file, line, column, path,
    value, message, kind), in file order (samatthana.errors)."""
    if chunksize is not None:  # with all_errors: collected chunk by chunk, in bounded memory
        from ._chunked import read_ratings_chunks

        return read_ratings_chunks(path, framework, chunksize, encoding=encoding, sheet=sheet,
                                   all_errors=all_errors)
    if all_errors is not False:
        from .errors import check_ratings

        check_ratings(path, framework, encoding, sheet, all_errors)

    return _ratings_frame(_m._read_ratings(os.fspath(path), _framework_arg(framework), encoding, sheet or ""))


def _ratings_frame(d: Dict[str, Any], start: int = 0) -> "Any":
    """The DataFrame of a ratings dict from the binding (whole file, or one chunk whose first row
    is row ``start`` of the file): levels as pandas Int8 (<NA> = not rated)."""
    import pandas as pd

    data: Dict[str, Any] = {k: d[k] for k in ("person_id", "name", "unit", "position")}
    if "job_line" in d:  # a job_line (สายงาน) column: per-position sets (docs/profiles.md)
        data["job_line"] = d["job_line"]
    for j, cid in enumerate(d["competencies"]):
        col = np.ascontiguousarray(d["levels"][:, j])  # int8, -1 = not rated
        data[cid] = pd.arrays.IntegerArray(col, col < 0)
    if "results" in d:
        data["results"] = d["results"]
    if "other" in d:
        data["other"] = d["other"]
    if "rater_role" in d:
        data["rater_role"] = d["rater_role"]
        data["rater_id"] = d["rater_id"]
    return pd.DataFrame(data, index=pd.RangeIndex(start, start + len(d["person_id"])))


def read_evidence(path: Union[str, "os.PathLike[str]"], framework: Any = None, encoding: str = "auto",
                  sheet: Optional[str] = None) -> "Any":
    """Reads a long evidence CSV (or .xlsx sheet) into a DataFrame: person_id, indicator_id,
    observation, evidence. ``encoding`` and ``sheet`` as for ``read_ratings``."""
    import pandas as pd

    return pd.DataFrame(_m._read_evidence(os.fspath(path), _framework_arg(framework), encoding, sheet or ""))


def explain(person_id: str, position: str, levels: Optional[Dict[str, Optional[int]]] = None,
            evidence: Any = None, framework: Any = None, profile: Optional[str] = None,
            policy: str = "auto", threshold: float = 0.5, missing: str = "error", ratings: Any = None,
            raters: str = "supervisor", rater_weights: Optional[Dict[str, float]] = None,
            rater_rounding: str = "nearest", method: Optional[str] = None, weight: Optional[float] = None,
            ratio_cap: bool = True, dpis_rounding: bool = True, job_line: str = "") -> "Any":
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
    competency as (rater_role, rater_id, level, counted). ``method``, ``weight``, ``ratio_cap``
    and ``dpis_rounding`` as for ``score`` (method and weight default to the profile's), so the
    points are the ones ``score`` gives."""
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
    if framework is None and profile is not None:  # a set profile chooses its framework, as score()
        framework = _m._profile_framework(str(profile))
    rows = _m._explain(_framework_arg(framework), profile, person_id, position, list(levels.keys()),
                       [-1 if v is None else int(v) for v in levels.values()], [str(i) for i in ids],
                       [str(o) for o in obs], policy, float(threshold), missing,
                       [str(r[0]) for r in rated], [int(r[1]) for r in rated], [str(r[2]) for r in rated],
                       ["" if r[3] is None else str(r[3]) for r in rated], raters, rater_weights, rater_rounding,
                       method, weight, ratio_cap, dpis_rounding, job_line)
    return pd.DataFrame(rows).set_index("competency_id")


def plan(person_id: str, position: str, levels: Dict[str, int], framework: Any = None,
         profile: Optional[str] = None, name: str = "", unit: str = "", thai_digits: bool = True,
         job_line: str = "") -> str:
    """One person's development plan in Thai, from their levels by competency. With a profile of
    per-position sets (``ocsc-full``), ``job_line`` names the person's job line (สายงาน) and the
    framework defaults to the profile's."""
    if framework is None and profile is not None:
        framework = _m._profile_framework(str(profile))
    return _m._plan(_framework_arg(framework), profile, person_id, position, list(levels.keys()),
                    [int(v) for v in levels.values()], name, unit, thai_digits, job_line)
