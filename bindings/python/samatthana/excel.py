"""Excel workbooks (.xlsx) from DataFrames, written as ``samatthana score -o scores.xlsx`` writes
them (docs/formats.md): the library's C++ workbook writer (libxlsxwriter), the header row bold and
frozen, the Tahoma font (Thai-capable), column widths to fit, numbers as numbers, levels as whole
numbers and text always as text cells (a name such as ``=HYPERLINK(...)`` never becomes a
formula). The file is replaced whole or not at all, as the CLI's ``-o`` does.

>>> import samatthana, tempfile, os
>>> scored = samatthana.score(samatthana.read_ratings("data/samples/ratings.csv"), missing="zero")
>>> path = os.path.join(tempfile.mkdtemp(), "scores.xlsx")
>>> samatthana.to_excel(scored, path)
>>> import openpyxl
>>> openpyxl.load_workbook(path)["scores"].freeze_panes
'A2'
"""
from __future__ import annotations

import math
import os
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import numpy as np

from . import _samatthana as _m

__all__ = ["to_excel", "cell_kinds"]

#: Columns written as numbers to two decimals ("0.00", the CSV's "%.2f" value), as the CLI does.
_TWO_DECIMALS = ("competency_score", "total", "other_points")


def _is_share(name: str) -> bool:
    """Columns of summarize() holding shares 0..1 (shown as percentages)."""
    return name == "share_meeting" or name.startswith("share_") or name.endswith("_share_meeting")


def _kind(name: str, s: Any) -> str:
    """How the cells of column ``s`` named ``name`` are written (see ``to_excel``)."""
    import pandas as pd

    t = pd.api.types
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype) or t.is_bool_dtype(dtype) or t.is_object_dtype(dtype) \
            or t.is_string_dtype(dtype):
        return "text"
    if t.is_datetime64_any_dtype(dtype) or t.is_timedelta64_dtype(dtype) or t.is_complex_dtype(dtype) \
            or isinstance(dtype, pd.PeriodDtype):
        raise TypeError(f"to_excel: column {name!r} holds {dtype} values, which the workbook writer does not "
                        f"take; convert it first (e.g. df[{name!r}] = df[{name!r}].astype(str))")
    if name in _TWO_DECIMALS:
        return "two_decimals"
    if t.is_integer_dtype(dtype):
        return "integer"
    return "percent" if _is_share(name) else "number"


def _text_cells(s: Any) -> List[str]:
    """A column's cells as text: missing values (None, NaN, pd.NA, NaT) empty, booleans TRUE or
    FALSE (as Excel shows them), anything else ``str()``."""
    out: List[str] = []
    for v in s.astype(object).tolist():
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is _pd_na():
            out.append("")
        elif isinstance(v, (bool, np.bool_)):
            out.append("TRUE" if v else "FALSE")
        else:
            out.append(v if isinstance(v, str) else str(v))
    return out


def _pd_na() -> Any:
    import pandas as pd

    return pd.NA


def cell_kinds(df: Any) -> Dict[str, str]:
    """How ``to_excel`` writes each column of ``df``: ``text``, ``integer`` (whole numbers: levels,
    gaps, counts), ``number``, ``two_decimals`` (``competency_score``, ``total`` and ``other_points``, as the CLI) or
    ``percent`` (shares 0..1 of ``summarize``)."""
    return {str(c): _kind(str(c), df.iloc[:, j]) for j, c in enumerate(df.columns)}


def _with_index(df: Any, index: Optional[bool]) -> Any:
    names = [n for n in df.index.names if n is not None]
    if index is None:
        index = bool(names)
    return df.reset_index() if index else df


def _sheet(name: str, df: Any, index: Optional[bool]) -> Tuple[str, List[Tuple[str, str, Any]]]:
    if not (hasattr(df, "columns") and hasattr(df, "iloc")):
        raise TypeError(f"to_excel: sheet {name!r} must be a pandas DataFrame, not {type(df).__name__}")
    df = _with_index(df, index)
    columns = []
    for j, c in enumerate(df.columns):
        s = df.iloc[:, j]
        header = str(c)
        kind = _kind(header, s)
        if kind == "text":
            cells: Any = _text_cells(s)
        else:
            cells = np.ascontiguousarray(s.to_numpy(dtype=np.float64, na_value=np.nan))
        columns.append((header, kind, cells))
    return name, columns


def _default_sheet(df: Any) -> str:
    attrs = getattr(df, "attrs", {}) or {}
    comps = attrs.get("competencies")
    if comps and all(f"{c}_held" in df.columns for c in comps):
        return "scores"  # a score() result: the CLI's sheet name
    return "Sheet1"


def to_excel(data: Union[Any, Mapping[str, Any]], path: Union[str, "os.PathLike[str]"],
             sheet: Optional[str] = None, index: Optional[bool] = None) -> None:
    """Writes ``data`` to the .xlsx workbook ``path``.

    ``data`` is a DataFrame (one sheet: ``sheet``, default ``scores`` for a ``score()`` result,
    else ``Sheet1``) or a mapping ``{sheet name: DataFrame}`` (one sheet each, in order), e.g.
    ``{"scores": scored, "หน่วยงาน": samatthana.summarize(scored, "unit")}``.

    Cells, column by column: text, Categorical, boolean and object columns are text cells
    (missing values empty, booleans TRUE/FALSE, other objects ``str()``), never formulas; integer
    columns (also nullable ``Int8``) are whole numbers; ``competency_score`` and ``total`` numbers
    to two decimals (the CSV's values); ``share_*`` and ``*_share_meeting`` columns of
    ``summarize`` percentages; other numbers as they are. Missing numbers are empty cells. Date,
    time and complex columns are a TypeError (convert them first). ``cell_kinds(df)`` says what
    each column becomes.

    ``index``: None (default) writes the index as the first column(s) when it has a name (as
    ``summarize``'s groups), not an unnamed row number; True or False forces it.

    The file is written as the CLI's ``-o`` writes: whole or not at all, an existing file's
    permissions kept, a symbolic link's target replaced. Errors: ``ValidationError`` for a sheet
    name Excel refuses (1..31 characters, none of ``[]:*?/\\``, each once) or a text longer than
    32 767 characters; ``IoError`` when the file cannot be written."""
    if hasattr(data, "columns") and hasattr(data, "iloc"):
        sheets = [_sheet(sheet if sheet is not None else _default_sheet(data), data, index)]
    elif isinstance(data, Mapping):
        if sheet is not None:
            raise TypeError("to_excel: sheet= names the sheet of one DataFrame; a mapping's keys name its sheets")
        sheets = [_sheet(str(k), v, index) for k, v in data.items()]
    else:
        raise TypeError(f"to_excel: data must be a pandas DataFrame or a mapping of sheet names to DataFrames, "
                        f"not {type(data).__name__}")
    getattr(_m, "_write_xlsx")(sheets, os.fspath(path))
