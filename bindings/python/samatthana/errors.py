"""Every error of an import at once (issue 17): an HR import screen shows every bad row, not the
first.

``read_ratings(path, all_errors=True)`` and ``score(df, all_errors=True)`` read as
``samatthana.read_ratings`` and ``samatthana.score`` do, but a table with bad rows raises one
``ImportErrors`` listing every error, located, in file order (at most ``all_errors`` of them when
it is a number; default 100, the rest counted in ``.more``). ``ImportErrors`` is a
``samatthana.Error`` (so a ``ValueError``); ``.errors`` is a list of dicts with ``file``,
``line``, ``column``, ``path``, ``value``, ``byte_offset``, ``message``, ``kind`` ("parse",
"validation", "lookup", "encoding", "io") and ``text`` (the line as the first-error mode says
it); for a DataFrame also ``row`` (position) and ``index`` (label). A row's error leaves that row
out and the reading goes on; an error that leaves the rest unreadable (a bad header, bytes that
are not text, an unclosed quote) is the last one. ``score(df, all_errors=True)`` then lists every
person who cannot be scored the same way (the scoring errors: docs/guide.md, "Errors"). See
docs/formats.md.
"""
from __future__ import annotations

import os
import warnings
from typing import Any, Dict, List, Optional, Union

from . import _samatthana as _m

ImportErrors = _m.ImportErrors
# The private checks of the extension (register_errors.cpp), typed loosely here.
_ext: Any = _m

DEFAULT_CAP = 100

PathLike = Union[str, "os.PathLike[str]"]


def _cap(all_errors: Union[bool, int]) -> int:
    """The most errors kept: True → 100, N ≥ 1 → N."""
    if all_errors is True:
        return DEFAULT_CAP
    if isinstance(all_errors, bool) or not isinstance(all_errors, int) or all_errors < 1:
        raise _m.ValidationError(f"all_errors needs True or a number 1 or more, not {all_errors!r}")
    return all_errors


def _framework_arg(framework: Any) -> Any:
    return framework if framework is not None else "bma-core-2550"


def check_ratings(path: PathLike, framework: Any = None, encoding: str = "auto",
                  sheet: Optional[str] = None, all_errors: Union[bool, int] = True) -> None:
    """Reads a ratings file collecting every error; raises ImportErrors, or returns None."""
    _ext._check_table_file("ratings", os.fspath(path), _framework_arg(framework), encoding, sheet or "",
                         _cap(all_errors))


def check_evidence(path: PathLike, framework: Any = None, encoding: str = "auto",
                   sheet: Optional[str] = None, all_errors: Union[bool, int] = True) -> None:
    """Reads an evidence file collecting every error; raises ImportErrors, or returns None."""
    _ext._check_table_file("evidence", os.fspath(path), _framework_arg(framework), encoding, sheet or "",
                         _cap(all_errors))


def check_results(path: PathLike, encoding: str = "auto", sheet: Optional[str] = None,
                  all_errors: Union[bool, int] = True) -> None:
    """Reads a results file collecting every error; raises ImportErrors, or returns None."""
    _ext._check_table_file("results", os.fspath(path), None, encoding, sheet or "", _cap(all_errors))


def check_kpis(path: PathLike, encoding: str = "auto", sheet: Optional[str] = None,
               all_errors: Union[bool, int] = True) -> None:
    """Reads a KPI file (CSV, .xlsx or JSON) collecting every error; raises ImportErrors, or
    returns None."""
    _ext._check_table_file("kpis", os.fspath(path), None, encoding, sheet or "", _cap(all_errors))


def read_ratings(path: PathLike, framework: Any = None, encoding: str = "auto",
                 sheet: Optional[str] = None, all_errors: Union[bool, int] = True) -> "Any":
    """``samatthana.read_ratings`` that reports every bad row (ImportErrors) instead of the first;
    ``all_errors=False`` is the first-error mode."""
    from .scoring import read_ratings as _read

    if all_errors is not False:
        check_ratings(path, framework, encoding, sheet, all_errors)
    return _read(path, framework, encoding=encoding, sheet=sheet)


def read_evidence(path: PathLike, framework: Any = None, encoding: str = "auto",
                  sheet: Optional[str] = None, all_errors: Union[bool, int] = True) -> "Any":
    """``samatthana.read_evidence`` that reports every bad row (ImportErrors)."""
    from .scoring import read_evidence as _read

    if all_errors is not False:
        check_evidence(path, framework, encoding, sheet, all_errors)
    return _read(path, framework, encoding=encoding, sheet=sheet)


# ---- DataFrames: checked as the same table written as CSV (the CSV reader's rules) --------------

def _as_csv_frame(df: "Any") -> "Any":
    """``df`` as the CSV reader should see it: float columns whose values are whole numbers
    (levels read from a sheet with empty cells: 2.0, NaN) written as whole numbers."""
    import pandas as pd

    out = df.copy(deep=False)
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if pd.api.types.is_float_dtype(s.dtype):
            v = s.dropna()
            if len(v) and (v == v.round()).all() and v.abs().max() < 2**53:
                out.isetitem(i, s.astype("Int64"))
    return out


def _record_lines(df: "Any") -> List[int]:
    """The CSV line of each row of ``df.to_csv(index=False)`` (a quoted cell may hold line breaks)."""
    import numpy as np

    breaks = np.zeros(len(df), dtype=np.int64)
    for i in range(df.shape[1]):
        s = df.iloc[:, i]
        if s.dtype == object or str(s.dtype) == "string":
            breaks += s.map(lambda v: str(v).count("\n") if isinstance(v, str) else 0).to_numpy(dtype=np.int64)
    header = sum(str(c).count("\n") for c in df.columns)
    starts = 2 + header + np.concatenate([[0], np.cumsum(breaks + 1)[:-1]])
    return [int(x) for x in starts]


def _check_frame(kind: str, df: "Any", framework: Any, name: str, cap: int) -> List[Dict[str, Any]]:
    """The errors of one DataFrame (empty when it is good), each with its row and index label."""
    if df is None:
        return []
    frame = _as_csv_frame(df)
    try:
        _ext._check_table_text(kind, frame.to_csv(index=False), _framework_arg(framework), name, cap)
    except ImportErrors as e:
        lines = _record_lines(frame)
        row_of = {line: r for r, line in enumerate(lines)}
        found = []
        for item in e.errors:
            item = dict(item)
            r = row_of.get(item["line"])
            item["row"] = r
            item["index"] = df.index[r] if r is not None else None
            found.append(item)
        return found + [{"file": name, "more": e.more}] if e.more else found
    return []


def _raise(found: List[Dict[str, Any]]) -> None:
    more = sum(f.get("more", 0) for f in found)
    errors = [f for f in found if "message" in f]
    total = len(errors) + more
    lines = [f"{total} error{'s' if total != 1 else ''}; nothing was imported"]
    lines += [f["text"] + (f" (row {f['row']}, index {f['index']!r})" if f.get("row") is not None else "")
              for f in errors]
    if more:
        lines.append(f"and {more} more error{'s' if more != 1 else ''}")
    exc = ImportErrors("\n".join(lines))
    exc.message, exc.errors, exc.more, exc.total = lines[0], errors, more, total
    exc.file, exc.line, exc.column, exc.path, exc.value, exc.byte_offset = "", 0, 0, "", "", None
    raise exc


_SCORE_DEFAULTS: Dict[str, Any] = dict(method=None, weight=None, policy="auto", threshold=0.5, missing="error",
                                       ratio_cap=True, dpis_rounding=True, raters="supervisor",
                                       rater_weights=None, rater_rounding="nearest")


def _in_frame_rows(e: "Any", frames: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The items of a scoring ImportErrors with the ``row`` and ``index`` of their DataFrame
    (score()'s frames put row r on CSV line r + 2)."""
    found = []
    for item in e.errors:
        item = dict(item)
        frame = frames.get(item["file"])
        r = item["line"] - 2 if frame is not None and 2 <= item["line"] < len(frame) + 2 else None
        item["row"] = r
        item["index"] = frame.index[r] if frame is not None and r is not None else None
        found.append(item)
    return found + [{"file": "", "more": e.more}] if e.more else found


def _scoring_errors(df: "Any", framework: Any, profile: Optional[str], cap: int, columns: Any,
                    results: Any, evidence: Any, options: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every scoring error of DataFrames that read well (score() stopped at the first): score()'s
    general path in the core's collect mode (ScoringOptions::all_errors), each error with its
    ``row`` and ``index``; empty when it scores."""
    import numpy as np
    import pandas as pd

    from . import scoring

    sc: Any = scoring  # its private helpers: the frames exactly as score() passes them
    opt = {k: options.get(k, v) for k, v in _SCORE_DEFAULTS.items()}
    fw = framework if framework is not None or profile is None else _ext._profile_framework(str(profile))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # score() has warned of left-out columns
        part = sc._ratings_part(df, _framework_arg(fw), columns, results if isinstance(results, str) else None)
    headers = [str(c) for c in part.columns]
    arrays = sc._frame_arg(part, "the ratings")[1]
    res_frame = None
    if isinstance(results, str):
        headers = ["results" if h == results else h for h in headers]
    elif isinstance(results, pd.DataFrame):
        res_frame = sc._frame_arg(results, "results")
    elif results is not None:
        headers.append("results")
        arrays.append(sc._column_array(pd.Series(list(results) if not isinstance(results, np.ndarray) else results)))
    ev_frame = sc._frame_arg(evidence, "evidence") if evidence is not None else None
    try:
        _ext._score_table(headers, arrays, ev_frame, res_frame, pd.NA, np.bool_, _framework_arg(fw), profile,
                          opt["method"], opt["weight"], opt["policy"], opt["threshold"], opt["missing"],
                          opt["ratio_cap"], opt["dpis_rounding"], opt["raters"], opt["rater_weights"],
                          opt["rater_rounding"], all_errors=cap)
    except ImportErrors as e:
        return _in_frame_rows(e, dict(zip(sc._FRAMES, (part, evidence, results))))
    return []


def score(df: "Any", framework: Any = None, profile: Optional[str] = None, *,
          all_errors: Union[bool, int] = True, columns: Any = None, results: Any = None,
          evidence: Any = None, **options: Any) -> "Any":
    """``samatthana.score`` that first reads the ratings DataFrame (and ``evidence`` and
    ``results`` DataFrames) collecting every error: one ImportErrors lists them all, each with
    its CSV line (as ``df.to_csv(index=False)`` writes the table), ``row`` and ``index``. The
    checks are the CSV reader's, on the columns score() reads. Then scores as ``samatthana.score``;
    when a person cannot be scored (a position the profile lacks, a competency neither rated nor
    evidenced, an evidence or results row naming nobody of ``df``, ...), one ImportErrors lists
    every such person's errors the same way, in file order (``df``, then ``evidence``, then
    ``results``; by row), at most ``all_errors``.
    """
    from . import scoring

    private: Any = scoring  # its _ratings_part: the columns score() reads
    if all_errors is not False:
        cap = _cap(all_errors)
        fw = framework
        if fw is None and profile is not None:
            fw = _ext._profile_framework(str(profile))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # score() itself warns of left-out columns
            part = private._ratings_part(df, _framework_arg(fw), columns,
                                         results if isinstance(results, str) else None)
        if isinstance(results, str):
            part = part.rename(columns={results: "results"}) if results != "results" else part
        found = _check_frame("ratings", part, fw, "<ratings>", cap)
        if evidence is not None and hasattr(evidence, "to_csv"):
            found += _check_frame("evidence", evidence, fw, "<evidence>", cap)
        if results is not None and hasattr(results, "to_csv"):
            found += _check_frame("results", results, None, "<results>", cap)
        if found:
            _raise(found)
    unscorable: List[Dict[str, Any]] = []
    try:
        return scoring.score(df, framework=framework, profile=profile, columns=columns, results=results,
                             evidence=evidence, **options)
    except _m.Error:
        # A person who cannot be scored: every such error, as the collect mode of the core finds them.
        if all_errors is not False:
            unscorable = _scoring_errors(df, framework, profile, _cap(all_errors), columns, results, evidence,
                                         options)
        if not unscorable:
            raise
    _raise(unscorable)  # outside the except: the list is the error, not a consequence of the first
    raise AssertionError("not reached: _raise raises")


__all__ = ["ImportErrors", "check_ratings", "check_evidence", "check_results", "check_kpis",
           "read_ratings", "read_evidence", "score", "DEFAULT_CAP"]
