"""Chunked reading of ratings files: ``read_ratings_chunks(path, chunksize=N)`` yields DataFrames
of at most N rows, with the checks of ``samatthana.read_ratings`` (docs/scale.md).

``samatthana.read_ratings(path, chunksize=N)`` delegates here.
"""
from __future__ import annotations

import os
from typing import Any, Iterator, Union

__all__ = ["read_ratings_chunks", "DEFAULT_CHUNKSIZE"]

DEFAULT_CHUNKSIZE = 100_000


def _check_chunksize(chunksize: Any) -> int:
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a whole number of rows, 1 or more (not {chunksize!r})")
    return int(chunksize)


def read_ratings_chunks(path: Union[str, "os.PathLike[str]"], framework: Any = None,
                        chunksize: int = DEFAULT_CHUNKSIZE, **kw: Any) -> Iterator[Any]:
    """Yields the ratings file at ``path`` as DataFrames of at most ``chunksize`` rows (the last
    may be shorter; a file with a header only yields one empty DataFrame), with the columns,
    dtypes and checks of ``read_ratings``. Each chunk keeps its rows' position in the whole file
    as its index (0, 1, ... over the file), as ``pandas.read_csv(chunksize=...)`` does."""
    from .scoring import read_ratings

    n = _check_chunksize(chunksize)
    df = read_ratings(path, framework, **kw)
    if len(df) == 0:
        yield df
        return
    for start in range(0, len(df), n):
        yield df.iloc[start:start + n]
