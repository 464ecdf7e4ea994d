"""Chunked reading of ratings files: ``read_ratings_chunks(path, chunksize=N)`` yields DataFrames
of at most N rows (as ``pandas.read_csv(chunksize=N)``), with the checks of
``samatthana.read_ratings``; memory stays bounded by the chunk, not the file (docs/scale.md).

``samatthana.read_ratings(path, chunksize=N)`` delegates here.

>>> import samatthana._chunked as ch
>>> sizes = [len(c) for c in ch.read_ratings_chunks("data/samples/ratings.csv", chunksize=100)]
>>> sizes
[100, 100, 100, 20]
"""
from __future__ import annotations

import os
from typing import Any, Dict, Iterator, Optional, Union

import numpy as np

from . import _samatthana as _m

__all__ = ["read_ratings_chunks", "score_csv_stream", "DEFAULT_CHUNKSIZE"]

DEFAULT_CHUNKSIZE = 100_000


def _check_chunksize(chunksize: Any) -> int:
    if isinstance(chunksize, (bool, np.bool_)) or not isinstance(chunksize, (int, np.integer)) or chunksize < 1:
        raise _m.ValidationError(f"chunksize must be a whole number of rows, 1 or more (not {chunksize!r})")
    return int(chunksize)


def _frame(d: Dict[str, Any], start: int) -> Any:
    """A chunk's DataFrame, as ``read_ratings`` builds the whole file's (index from ``start``)."""
    from .scoring import _ratings_frame

    return _ratings_frame(d, start)


def read_ratings_chunks(path: Union[str, "os.PathLike[str]"], framework: Any = None,
                        chunksize: int = DEFAULT_CHUNKSIZE, encoding: str = "auto", sheet: Optional[str] = None,
                        block_bytes: int = 1 << 22, all_errors: Union[bool, int] = False,
                        **kw: Any) -> Iterator[Any]:
    """Yields the ratings CSV at ``path`` as DataFrames of about ``chunksize`` rows, with the
    columns, dtypes and checks of ``read_ratings``; the index counts rows over the whole file, so
    ``pd.concat(chunks)`` equals ``read_ratings(path)``. A file with a header only yields one empty
    DataFrame.

    Errors are ``read_ratings``' errors, at the file's lines, raised when the chunk holding the
    row is read (chunks before it have been yielded). Rules across rows hold across chunks: a
    person_id given twice is an error wherever the rows are (the ids seen so far are kept: memory
    grows with the number of people, not rows). In files with rater columns a chunk ends between
    two people (it may be longer than ``chunksize``), and a person's rater rows must come one
    after another (sort the file by person_id); ``read_ratings`` without ``chunksize`` accepts
    them in any order.

    ``encoding`` and ``sheet`` as for ``read_ratings`` (docs/formats.md). A UTF-16 or cp874 file is
    decoded as it is read, in bounded memory: a first pass over the file checks its bytes (so a
    byte the encoding does not define is reported before any chunk, at the line, column and byte
    offset the whole-file reader gives), then the chunks are decoded. An .xlsx sheet is converted
    to text whole first (the workbook's XML is read in a stream, but the sheet's text is kept),
    then cut into chunks whose errors name the cells as the whole-file reader's do.
    ``block_bytes``: bytes read from the file at a time.

    ``all_errors=True`` (or N, the most kept) collects every error of the file, chunk by chunk:
    chunks are yielded while they have no error; from the first bad row on none is, the rest of
    the file is read for its errors, and one ``ImportErrors`` lists them all, as
    ``read_ratings(path, all_errors=...)`` does for the whole file (docs/scale.md).

    Other keyword arguments (options of ``read_ratings`` that the chunked reader does not have)
    read the file whole, then yield it in chunks."""
    n = _check_chunksize(chunksize)
    if kw:
        yield from _sliced(path, framework, n, encoding=encoding, sheet=sheet, all_errors=all_errors, **kw)
        return
    from .errors import _cap

    cap = 0 if all_errors is False else _cap(all_errors)
    fw = framework if framework is not None else "bma-core-2550"
    reader = getattr(_m, "_RatingsChunks")(os.fspath(path), fw, n, int(block_bytes), str(encoding), sheet or "",
                                           cap)
    start = 0
    try:
        while True:
            d = reader.next()
            if d is None:
                return
            df = _frame(d, start)
            start += len(df)
            yield df
    finally:
        reader.close()


def _sliced(path: Union[str, "os.PathLike[str]"], framework: Any, n: int, **kw: Any) -> Iterator[Any]:
    from .scoring import read_ratings

    df = read_ratings(path, framework, **kw)
    if len(df) == 0:
        yield df
        return
    for start in range(0, len(df), n):
        yield df.iloc[start:start + n]


def score_csv_stream(ratings: Union[str, "os.PathLike[str]"], output: Union[str, "os.PathLike[str]"],
                     framework: Any = None, profile: Optional[str] = None, chunksize: int = 65536,
                     missing: str = "error") -> Dict[str, int]:
    """Scores the ratings CSV ``ratings`` into the scores CSV ``output`` chunk by chunk in C++
    (what ``samatthana score RATINGS -o OUTPUT`` writes, byte for byte), with bounded memory and
    the GIL released; ``output`` appears whole or not at all. Returns ``{"people", "chunks"}``."""
    people, chunks = getattr(_m, "_score_csv_stream")(os.fspath(ratings), os.fspath(output),
                                          framework if framework is not None else "bma-core-2550", profile,
                                          _check_chunksize(chunksize), missing)
    return {"people": people, "chunks": chunks}
