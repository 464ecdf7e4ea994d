"""Thai text done right: normalisation, Thai digits, Buddhist-Era dates, collation, segmentation
and indicator search. See docs/thai-text.md and docs/search.md.

>>> from samatthana import thai
>>> thai.normalize("เเสดงน\u0e4d\u0e49\u0e32ใจ")
'แสดงน้ำใจ'
>>> thai.format_level(3)
'ระดับที่ ๓'
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, List, Literal, Optional, Tuple

from . import _samatthana

_t = _samatthana.text

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

    from ._samatthana import Framework

DigitSet = Literal["thai", "arabic"]
DateStyle = Literal["full", "abbreviated", "official", "iso"]
HitKind = Literal["competency_name", "level_title", "indicator", "definition"]

__all__ = [
    "decode_utf8", "normalize", "match_key", "to_thai_digits", "to_arabic_digits", "parse_int", "format_int",
    "format_level", "parse_date", "format_date", "month_name", "fiscal_year_be", "AppraisalRound",
    "appraisal_round", "appraisal_round_of_year", "Collator", "sort_key", "sort_keys",
    "sort_key_series", "sorted_thai", "argsort", "ranks", "segment", "segment_icu", "words", "SearchHit",
    "IndicatorIndex", "search",
]


# ---- normalisation and digits -------------------------------------------------------------------

def normalize(s: str) -> str:
    """The safe normaliser for stored and displayed Thai text: NFC, เเ→แ, ํา→ำ, tone marks after
    upper vowels, doubled marks collapsed, zero-width characters removed, spaces collapsed and
    trimmed, ๆ spaced as "คำ ๆ คำ". Never NFKC."""
    return _t.normalize(s)


def match_key(s: str) -> str:
    """normalize(), case-folded, all spaces removed: the key for lookups and search."""
    return _t.match_key(s)


def decode_utf8(data: bytes, what: str = "text") -> str:
    """`data` decoded as UTF-8; anything else raises samatthana.EncodingError whose
    `byte_offset` is the first bad byte (nothing is silently replaced)."""
    _t.validate_utf8(data, what)
    return data.decode("utf-8")


def to_thai_digits(s: str) -> str:
    """Every Arabic digit replaced by its Thai digit: "2550" → "๒๕๕๐"."""
    return _t.to_thai_digits(s)


def to_arabic_digits(s: str) -> str:
    """Every Thai digit replaced by its Arabic digit: "๒๕๕๐" → "2550"."""
    return _t.to_arabic_digits(s)


def parse_int(s: str, what: str = "number") -> int:
    """An integer written with Thai, Arabic or mixed digits ("๒๕๕๐", "2550", "๑,๒๓๔").
    Anything else raises samatthana.ParseError naming `what` and the offending character."""
    return int(_t.parse_int(s, what))


def format_int(n: int, digits: DigitSet = "thai", grouping: bool = False) -> str:
    """`n` in Thai or Arabic digits; `grouping` adds thousands separators. Years, levels and
    document numbers are never grouped."""
    return _t.format_int(n, digits, grouping)


def format_level(level: int, digits: DigitSet = "thai") -> str:
    """"ระดับที่ ๓" (or "ระดับที่ 3" with digits="arabic")."""
    return _t.format_level(level, digits)


# ---- dates --------------------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"\s*([0-9๐-๙]+)([-/])([0-9๐-๙]+)\2([0-9๐-๙]+)\s*")
# A four-digit year from 2400 on is Buddhist Era (2400 BE = 1857 CE; no appraisal date is that old).
_BE_FROM = 2400


def _date_error(message: str, value: str) -> Exception:
    e = _samatthana.ParseError(f'not a date: {message} (value: "{value}")')
    e.message, e.file, e.line, e.column, e.path, e.value, e.byte_offset = (
        f"not a date: {message}", "", 0, 0, "", value, None)
    return e


def _numeric_date(s: str) -> Optional[_dt.date]:
    """``yyyy-mm-dd`` with a BE year (from 2400), and the spreadsheet form ``d/m/yyyy`` (BE from
    2400, else CE); None for any other text (the C++ reader takes it)."""
    m = _NUMERIC_DATE.fullmatch(s)
    if not m:
        return None
    a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
    if sep == "-" and len(a) == 4:
        year, month, day = a, b, c
    elif sep == "/" and len(c) == 4:
        day, month, year = a, b, c
    else:
        return None
    y, mo, d = (parse_int(x, what="date") for x in (year, month, day))
    if sep == "-" and y < _BE_FROM:
        return None  # an ISO CE date: as before
    ce = y - 543 if y >= _BE_FROM else y
    if not 1 <= ce <= 9999:
        raise _date_error(f"the year {y} is out of range", s)
    if not 1 <= mo <= 12:
        raise _date_error(f"month {mo} does not exist; months are 1 to 12 (day/month/year)", s)
    last = calendar.monthrange(ce, mo)[1]
    if not 1 <= d <= last:
        shown = f"{y} BE" if y >= _BE_FROM else str(y)
        raise _date_error(f"{calendar.month_name[mo]} {shown} has {last} days, not {d}", s)
    return _dt.date(ce, mo, d)


def parse_date(s: str) -> _dt.date:
    """A Thai or numeric date: "๓๑ มกราคม ๒๕๕๐", "31 ม.ค. 50", "วันที่ ๑ มีนาคม พ.ศ. ๒๕๕๐",
    "2007-01-31", "2550-01-31", "31/01/2550", "31/1/2007". Thai years are Buddhist Era (CE + 543);
    in the numeric forms (ISO yyyy-mm-dd and the spreadsheet's d/m/yyyy) a year from 2400 on is BE,
    an earlier one CE. Raises samatthana.ParseError."""
    numeric = _numeric_date(s)
    if numeric is not None:
        return numeric
    y, m, d = _t.parse_date(s)
    return _dt.date(y, m, d)


def format_date(d: _dt.date, style: DateStyle = "full", digits: DigitSet = "thai") -> str:
    """`d` as "๓๑ มกราคม ๒๕๕๐" (full), "๓๑ ม.ค. ๕๐" (abbreviated),
    "วันที่ ๓๑ มกราคม พ.ศ. ๒๕๕๐" (official) or "2007-01-31" (iso)."""
    return _t.format_date(d.year, d.month, d.day, style, digits)


def month_name(month: int, abbreviated: bool = False) -> str:
    """"มกราคม" … "ธันวาคม", or "ม.ค." … "ธ.ค."."""
    return _t.month_name(month, abbreviated)


def fiscal_year_be(d: _dt.date) -> int:
    """The Thai fiscal year (BE) of a date: 1 Oct 2549 – 30 Sep 2550 BE is fiscal year 2550."""
    return appraisal_round(d).fiscal_year_be


@dataclass(frozen=True)
class AppraisalRound:
    """One appraisal round: round 1 is 1 October – 31 March, round 2 is 1 April – 30 September."""

    fiscal_year_be: int
    round: int
    start: _dt.date
    end: _dt.date  # inclusive

    def __contains__(self, d: object) -> bool:
        return isinstance(d, _dt.date) and self.start <= d <= self.end


def _round(t: Tuple[int, int, Tuple[int, int, int], Tuple[int, int, int]]) -> AppraisalRound:
    return AppraisalRound(t[0], t[1], _dt.date(*t[2]), _dt.date(*t[3]))


def appraisal_round(d: _dt.date) -> AppraisalRound:
    """The appraisal round that contains `d`."""
    return _round(_t.round_of(d.year, d.month, d.day))


def appraisal_round_of_year(fiscal_year_be: int, round: int) -> AppraisalRound:
    """Round 1 or 2 of a BE fiscal year; other round numbers raise samatthana.ValidationError."""
    return _round(_t.round(fiscal_year_be, round))


# ---- collation ----------------------------------------------------------------------------------

class Collator:
    """Thai dictionary order (ICU "th"). One Collator may be shared by many threads.

    >>> Collator().sorted(["ขา", "เก", "กา"])
    ['กา', 'เก', 'ขา']
    """

    def __init__(self, numeric: bool = False) -> None:
        self._c = _t.Collator(numeric)

    @property
    def numeric(self) -> bool:
        return bool(self._c.numeric)

    def compare(self, a: str, b: str) -> int:
        """<0, 0 or >0 as `a` sorts before, with or after `b`."""
        return int(self._c.compare(a, b))

    def sort_key(self, s: str) -> bytes:
        """Bytes that sort like the text does: use as key= for sorted()."""
        return bytes(self._c.sort_key(s))

    def sort_keys(self, items: Iterable[str]) -> List[bytes]:
        """Sort keys for many strings at once (the work runs without the GIL)."""
        return list(self._c.sort_keys(items))

    def sorted(self, items: Iterable[str]) -> List[str]:
        """The strings in Thai order."""
        return _samatthana._thai_sorted(_texts(items), self.numeric)  # a new list

    def __repr__(self) -> str:
        return f"Collator(numeric={self.numeric})"


_COLLATORS = {False: Collator(False), True: Collator(True)}


def sort_key(s: str, numeric: bool = False) -> bytes:
    """Thai sort key: ``sorted(names, key=thai.sort_key)``."""
    return _COLLATORS[numeric].sort_key(s)


def sort_keys(items: Iterable[str], numeric: bool = False) -> List[bytes]:
    """Sort keys for a whole column at once."""
    return _COLLATORS[numeric].sort_keys(items)


def _texts(items: Iterable[str]) -> Any:
    """A list or tuple as it is; a Series, Index or array as a list of its values (positions, not
    labels); anything else iterated once."""
    if isinstance(items, (list, tuple)):
        return items
    if hasattr(items, "tolist"):
        return items.tolist()
    return list(items)


def sorted_thai(items: Iterable[str], numeric: bool = False) -> List[str]:
    """The strings in Thai dictionary order: one sort key per string, computed in C++ without the
    GIL, one sort (stable: equal strings keep their order). The same order as
    ``sorted(items, key=thai.sort_key)``, faster (docs/performance.md).

    >>> sorted_thai(["ขา", "เก", "กา"])
    ['กา', 'เก', 'ขา']
    """
    return _samatthana._thai_sorted(_texts(items), numeric)  # a new list


def argsort(items: Iterable[str], numeric: bool = False) -> "numpy.ndarray":
    """Positions that put ``items`` in Thai order (an int64 numpy array; stable), as
    ``numpy.argsort`` does for numbers: ``[items[i] for i in argsort(items)] == sorted_thai(items)``.

    >>> argsort(["ขา", "เก", "กา"]).tolist()
    [2, 1, 0]
    """
    return _samatthana._thai_argsort(_texts(items), numeric)


def ranks(items: Iterable[str], numeric: bool = False) -> "numpy.ndarray":
    """Each string's rank in Thai order (int64; 0 = first, equal strings share a rank).

    >>> ranks(["ขา", "เก", "กา", "เก"]).tolist()
    [2, 1, 0, 1]
    """
    return _samatthana._thai_ranks(_texts(items), numeric)


def sort_key_series(series: Any, numeric: bool = False) -> Any:
    """The ``key=`` for pandas sorting in Thai order: ``df.sort_values(["unit", "name"],
    key=thai.sort_key_series)`` and ``df.sort_index(key=thai.sort_key_series)``.

    Text columns (and indexes) become their Thai ranks (numbers: pandas then sorts them as usual,
    so ``ascending``, several columns and ``na_position`` work); missing values stay missing.
    Numeric, date and boolean columns are returned as they are and sort by value. A column that
    mixes text with numbers is a ``TypeError`` (there is no one order for both).
    """
    import numpy as np
    import pandas as pd

    values = series.array if hasattr(series, "array") else np.asarray(series)
    dtype = getattr(series, "dtype", None)
    text_like = dtype is not None and (dtype == object or pd.api.types.is_string_dtype(dtype)
                                       or isinstance(dtype, pd.CategoricalDtype))
    if not text_like:
        return series
    obj = np.asarray(values, dtype=object)
    missing = np.asarray(pd.isna(obj), dtype=bool)
    present = obj[~missing].tolist()
    bad = next((v for v in present if not isinstance(v, str)), None)
    if bad is not None:
        raise TypeError(f"sort_key_series: the column {getattr(series, 'name', None)!r} mixes text with "
                        f"{type(bad).__name__} values ({bad!r}); make it all text or all numbers first")
    out = np.full(len(obj), np.nan)
    out[~missing] = _samatthana._thai_ranks(present, numeric)
    if isinstance(series, pd.Index):
        return pd.Index(out, name=series.name)
    return pd.Series(out, index=series.index, name=series.name)


# ---- segmentation -------------------------------------------------------------------------------

def segment(s: str) -> List[str]:
    """The pieces of `s`: words, spaces and punctuation, in order; "".join(...) == s."""
    return list(_t.segment(s))


def segment_icu(s: str) -> List[str]:
    """ICU's own word boundaries, without the repair layer (for comparison)."""
    return list(_t.segment_icu(s))


def words(s: str) -> List[str]:
    """The words of `s` (segment() without the spaces)."""
    return list(_t.words(s))


# ---- search -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchHit:
    """One search hit; `highlights` are (start, end) str indices into `text`."""

    kind: HitKind
    competency_id: str
    level: int
    indicator_id: str
    language: str
    text: str
    score: float
    highlights: Tuple[Tuple[int, int], ...]
    approximate: bool = False  # found only by typo tolerance (a word within an edit, or without tone marks)

    def highlighted(self, before: str = "[", after: str = "]") -> str:
        """The text with each highlight wrapped in `before` … `after`."""
        out, pos = [], 0
        for a, b in self.highlights:
            out += [self.text[pos:a], before, self.text[a:b], after]
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


class IndicatorIndex:
    """Search a framework's indicators, level titles and competency names.

    >>> import samatthana
    >>> ix = IndicatorIndex(samatthana.bma_core())
    >>> ix.search("ผลกระทบ")[0].kind
    'indicator'
    """

    def __init__(self, framework: "Framework") -> None:
        self.framework = framework
        self._ix = _t.IndicatorIndex(framework)

    def __len__(self) -> int:
        return len(self._ix)

    def search(self, query: str, competency: Optional[str] = None, limit: int = 20,
               min_score: float = 0.0, typos: bool = True, definitions: bool = False) -> List[SearchHit]:
        """Ranked hits, best first. ``typos``: a word found nowhere as typed is also looked for
        without tone marks, then within one edit (such hits are ``approximate`` and score lower);
        ``definitions``: search the competencies' definitions too (kind ``"definition"``). An empty
        query raises samatthana.ValidationError; an unknown competency samatthana.LookupError."""
        hits = self._ix.search(query, competency or "", limit, min_score, typos, definitions)
        return [SearchHit(h["kind"], h["competency_id"], h["level"], h["indicator_id"],
                          h["language"], h["text"], h["score"],
                          tuple(tuple(s) for s in h["highlights"]),  # type: ignore[misc]
                          h["approximate"])
                for h in hits]


_DEFAULT_INDEX: Optional[IndicatorIndex] = None


def search(query: str, competency: Optional[str] = None, limit: int = 20,
           framework: Optional["Framework"] = None, typos: bool = True,
           definitions: bool = False) -> List[SearchHit]:
    """Search the built-in BMA framework (or `framework`); see IndicatorIndex.search."""
    global _DEFAULT_INDEX
    if framework is not None:
        return IndicatorIndex(framework).search(query, competency, limit, typos=typos, definitions=definitions)
    if _DEFAULT_INDEX is None:
        _DEFAULT_INDEX = IndicatorIndex(_samatthana.framework("bma-core-2550"))
    return _DEFAULT_INDEX.search(query, competency, limit, typos=typos, definitions=definitions)
