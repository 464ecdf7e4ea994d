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
are not text, an unclosed quote) is the last one. See docs/formats.md.
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


def score(df: "Any", framework: Any = None, profile: Optional[str] = None, *,
          all_errors: Union[bool, int] = True, columns: Any = None, results: Any = None,
          evidence: Any = None, **options: Any) -> "Any":
    """``samatthana.score`` that first reads the ratings DataFrame (and ``evidence`` and
    ``results`` DataFrames) collecting every error: one ImportErrors lists them all, each with
    its CSV line (as ``df.to_csv(index=False)`` writes the table), ``row`` and ``index``. The
    checks are the CSV reader's, on the columns score() reads. Then scores as ``samatthana.score``.
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
    return scoring.score(df, framework=framework, profile=profile, columns=columns, results=results,
                         evidence=evidence, **options)


__all__ = ["ImportErrors", "check_ratings", "check_evidence", "check_results", "check_kpis",
           "read_ratings", "read_evidence", "score", "DEFAULT_CAP"]
