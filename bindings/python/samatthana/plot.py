"""Charts for notebooks and slides, drawn with matplotlib (Debian: python3-matplotlib).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from samatthana import plot
>>> ax = plot.radar({"integrity": 3, "service": 6, "achievement": 2, "teamwork": 3, "expertise": 1},
...                 expected={"integrity": 3, "service": 3, "achievement": 3, "teamwork": 3, "expertise": 3})
>>> len(ax.lines[-1].get_xdata())      # the held polygon, closed: one vertex per competency + 1
6

- ``radar``: one person's (or any) held levels against expected levels; averages (floats) work.
- ``average_radar``: a unit's or the cohort's mean held and expected levels from ``score()``.
- ``heatmap``: competency × unit (or person, or any column): share meeting the expected level,
  mean gap or mean held level, on a colour scale stretched over the values shown.
- ``level_distribution``: people per held level, one stacked bar per competency.

Text is drawn in a font with Thai glyphs (``thai_font()``: Sarabun, Noto Sans Thai, Leelawadee,
Tahoma, the TLWG fonts of Debian's fonts-thai-tlwg …); without one, a warning says so and numbers
are written in Arabic digits. Nothing here calls ``plt.show()``; it works under the Agg backend.
See docs/plots.md.
"""
from __future__ import annotations

import contextlib
import math
import warnings
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

__all__ = ["radar", "average_radar", "heatmap", "level_distribution", "thai_font", "NoThaiFontWarning"]

# Fonts with Thai glyphs: Google, Windows, macOS, Debian fonts-thai-tlwg.
_THAI_FONTS = ("Sarabun", "Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", "Leelawadee", "Thonburi",
               "Tahoma", "Loma", "Garuda", "Waree", "Umpush", "Laksaman", "Norasi", "Kinnari", "Sawasdee")

Levels = Union[Mapping[str, float], Sequence[float]]
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
HELD_COLOUR, EXPECTED_COLOUR = "#1f5fa8", "#d9822b"


class NoThaiFontWarning(UserWarning):
    """No installed font has Thai glyphs: Thai labels would be drawn as boxes."""


def thai_font() -> Optional[str]:
    """The first installed font family that has Thai glyphs, or None."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in _THAI_FONTS:
        if name in have:
            return name
    return None


@contextlib.contextmanager
def _thai_text() -> Iterator[Dict[str, Any]]:
    """The font keywords for every text drawn ({"fontfamily": [Thai font, DejaVu Sans]}, or {}
    with a NoThaiFontWarning when no Thai font is installed). Tick labels take them explicitly:
    matplotlib re-creates ticks at draw time, after any rc_context has ended."""
    import matplotlib

    font = thai_font()
    if font is None:
        warnings.warn("no installed font has Thai glyphs (Debian: apt install fonts-thai-tlwg); Thai text will "
                      "show as boxes and numbers are written in Arabic digits", NoThaiFontWarning, stacklevel=3)
        yield {}
        return
    with matplotlib.rc_context({"font.family": [font, "DejaVu Sans"]}):
        yield {"fontfamily": [font, "DejaVu Sans"]}


def _located(message: str, path: str, value: Any) -> Exception:
    """A samatthana.ValidationError located at ``path`` (competency id or argument) with ``value``."""
    from . import _samatthana as _m

    shown = str(value)
    err = _m.ValidationError(f"{path}: {message} (value: \"{shown}\")")
    for k, v in (("message", message), ("file", ""), ("line", 0), ("column", 0), ("path", path), ("value", shown),
                 ("byte_offset", None), ("row", None), ("index", None)):
        setattr(err, k, v)
    return err


def _framework(fw: Any) -> Any:
    from . import _samatthana as _m

    if fw is None:
        return _m.framework("bma-core-2550")
    if isinstance(fw, str):
        return _m.framework(fw)
    return fw


def _level(v: Any, cid: str, top: int, what: str) -> float:
    """One level, checked: a real number from 0 to the competency's highest level."""
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise _located(f"{what} level must be a number from 0 to {top}", f"{what}.{cid}", v) from None
    if isinstance(v, bool) or not math.isfinite(x) or x < 0 or x > top:
        raise _located(f"{what} level must be from 0 to {top} (the competency's highest level)", f"{what}.{cid}", v)
    return x


def _levels(values: Levels, ids: Sequence[str], tops: Sequence[int], fw: Any, what: str) -> List[float]:
    if isinstance(values, Mapping):
        by_id: Dict[str, Any] = {}
        for key, v in values.items():
            by_id[fw.competency(str(key)).id] = v
        missing = [cid for cid in ids if cid not in by_id]
        if missing:
            raise _located(f"no level for competency '{missing[0]}'", f"{what}.{missing[0]}", "")
        raw = [by_id[cid] for cid in ids]
    else:
        raw = list(values)
        if len(raw) != len(ids):
            raise _located(f"give {len(ids)} levels (one per competency, framework order), not {len(raw)}", what,
                           len(raw))
    return [_level(v, cid, t, what) for v, cid, t in zip(raw, ids, tops)]


def _number(x: float, thai: bool, decimals: int = 1) -> str:
    s = str(int(x)) if float(x).is_integer() else f"{x:.{decimals}f}"
    return s.translate(_THAI_DIGITS) if thai else s


def _wrap(label: str, width: int = 16) -> str:
    """A long Thai label on several lines, broken between words (Thai has no spaces)."""
    from . import thai

    if len(label) <= width:
        return label
    lines: List[str] = [""]
    for word in thai.segment(label):
        if lines[-1] and len(lines[-1]) + len(word) > width:
            lines.append("")
        lines[-1] += word
    return "\n".join(line.strip() for line in lines)


def _new_axes(ax: Any, polar: bool = False, size: Tuple[float, float] = (5.6, 4.8)) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # constrained layout: long Thai labels, colour bar and legend stay inside a saved figure
    _, ax = plt.subplots(figsize=size, subplot_kw={"projection": "polar"} if polar else {}, layout="constrained")
    return ax


def _radar_input(held: Any, expected: Optional[Levels], framework: Any) -> Tuple[List[str], List[str], List[int],
                                                                                 List[float], Optional[List[float]],
                                                                                 Optional[str]]:
    """(ids, names, highest levels, held, expected, default title) from a sheet or levels."""
    if hasattr(held, "held") and hasattr(held, "max_levels"):
        sheet = held
        ids, names, tops = list(sheet.competencies), list(sheet.competency_names), list(sheet.max_levels)
        fw = _framework(framework)
        h = [_level(v, cid, t, "held") for v, cid, t in zip(sheet.held, ids, tops)]
        e = ([float(v) for v in sheet.expected] if expected is None
             else _levels(expected, ids, tops, fw, "expected"))
        return ids, names, tops, h, e, sheet.name
    fw = _framework(framework)
    comps = list(fw.competencies)
    ids, names, tops = [c.id for c in comps], [c.name.th for c in comps], [int(c.max_level) for c in comps]
    h = _levels(held, ids, tops, fw, "held")
    e = None if expected is None else _levels(expected, ids, tops, fw, "expected")
    return ids, names, tops, h, e, None


def radar(held: Any, expected: Optional[Levels] = None, *, framework: Any = None, ax: Any = None,
          labels: Optional[Sequence[str]] = None, title: Optional[str] = None, thai_digits: bool = False) -> Any:
    """Radar chart of held against expected levels, one axis per competency (clockwise from the
    top, framework order), each axis as long as that competency's highest level (BMA service
    reaches 6).

    ``held`` is a ``samatthana.report.PersonSheet`` (its held and expected levels, names and
    levels), a mapping competency → level (ids, DPIS codes or Thai names), or a sequence in
    framework order. Levels may be averages (2.9 is drawn at 2.9 and labelled "2.9"); each must
    be from 0 to its competency's highest level, else ``samatthana.ValidationError`` with ``path``
    "held.<id>" (or "expected.<id>") and ``value``. Returns the matplotlib polar Axes (a new
    figure when ``ax`` is None); the held polygon is the last line.
    """
    ids, names, tops, h, e, default_title = _radar_input(held, expected, framework)
    if title is None:
        title = default_title
    if labels is not None:
        names = list(labels)
    with _thai_text() as fk:
        thai = thai_digits and bool(fk)
        ax = _new_axes(ax, polar=True, size=(6.4, 5.6))
        _draw_radar(ax, names, tops, h, e, thai, fk)
        if title:
            ax.set_title(title, pad=18, fontsize=11, **fk)
    return ax


def _draw_radar(ax: Any, names: Sequence[str], tops: Sequence[int], h: List[float], e: Optional[List[float]],
                thai: bool, fk: Dict[str, Any]) -> None:
    n = len(names)
    top = max(tops) if tops else 1
    # Angles 0..2π measured clockwise from north: no negative angle widens the polar view.
    ax.set_theta_zero_location("N")
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / n for i in range(n)]
    ax.set_xlim(0, 2 * math.pi)
    ax.set_ylim(0, top + 0.15)
    ax.set_yticks(range(1, top + 1))
    ax.set_yticklabels([_number(k, thai) for k in range(1, top + 1)], fontsize=7, color="#888888", **fk)
    ax.set_xticks(angles)
    ax.set_xticklabels([f"{_wrap(nm)}\n{_number(hv, thai)} / {_number(ev, thai)}" if e is not None else _wrap(nm)
                        for nm, hv, ev in zip(names, h, e if e is not None else h)], fontsize=9, **fk)
    ax.grid(color="#dddddd")
    ax.spines["polar"].set_visible(False)
    for a, t in zip(angles, tops):  # each axis as long as its competency's levels
        ax.plot([a, a], [0, t], color="#999999", linewidth=1)
    closed = angles + angles[:1]
    if e is not None:
        ax.plot(closed, e + e[:1], color=EXPECTED_COLOUR, linewidth=2, linestyle="--", label="ระดับที่คาดหวัง")
    ax.fill(closed, h + h[:1], color=HELD_COLOUR, alpha=0.25)
    ax.plot(closed, h + h[:1], color=HELD_COLOUR, linewidth=2, marker="o", markersize=4, label="ระดับที่แสดงออก")
    ax.set_xlim(0, 2 * math.pi)  # plotting must not have widened it
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False,
              prop={"size": 8, "family": fk.get("fontfamily", "sans-serif")})


def _competencies(scored: Any) -> List[str]:
    comps = scored.attrs.get("competencies") or [c[:-5] for c in scored.columns if str(c).endswith("_held")]
    if not comps:
        raise _located("not a samatthana.score() result: no <competency>_held columns", "scored", type(scored).__name__)
    return list(comps)


def _select(scored: Any, by: Optional[str], group: Any) -> Any:
    if group is None:
        return scored
    if by is None or by not in scored.columns:
        raise _located("name the column that holds the group (by=…)", "by", by)
    rows = scored[scored[by] == group]
    if rows.empty:
        raise _located(f"no row has {by} equal to this", "group", group)
    return rows


def average_radar(scored: Any, group: Any = None, *, by: str = "unit", framework: Any = None, ax: Any = None,
                  title: Optional[str] = None, thai_digits: bool = False) -> Any:
    """Radar of the mean held against the mean expected level per competency, over the rows of a
    ``samatthana.score()`` result where column ``by`` equals ``group`` (a unit, say), or over
    everyone when ``group`` is None. Labels show the means to one decimal."""
    rows = _select(scored, by, group)
    comps = _competencies(scored)
    fw = _framework(framework if framework is not None else scored.attrs.get("framework"))
    held = {c: float(rows[f"{c}_held"].mean()) for c in comps}
    exp = {c: float(rows[f"{c}_expected"].mean()) for c in comps}
    if title is None:
        who = "ทุกคน" if group is None else str(group)
        title = f"ค่าเฉลี่ย: {who} ({_number(len(rows), thai_digits and thai_font() is not None, 0)} คน)"
    return radar(held, exp, framework=fw, ax=ax, title=title, thai_digits=thai_digits)


_VALUES = {"share_meeting": "สัดส่วนที่ถึงระดับที่คาดหวัง", "mean_gap": "ส่วนต่างเฉลี่ย (แสดง − คาดหวัง)",
           "mean_held": "ระดับที่แสดงออกเฉลี่ย"}


def _heat_table(scored: Any, by: str, value: str, comps: Sequence[str]) -> Any:
    """Groups (Thai order) × competencies of the chosen value."""
    import pandas as pd

    from . import thai

    if value not in _VALUES:
        raise _located(f"value must be one of {', '.join(_VALUES)}", "value", value)
    if by not in scored.columns:
        raise _located("no such column in the scores", "by", by)
    cols = {}
    for c in comps:
        held, exp = scored[f"{c}_held"].astype(float), scored[f"{c}_expected"].astype(float)
        cols[c] = {"share_meeting": held >= exp, "mean_gap": held - exp, "mean_held": held}[value].astype(float)
    t = pd.DataFrame(cols).groupby(scored[by].astype(str).values, sort=False).mean()
    return t.loc[thai.sorted_thai(list(t.index))]


def _heat_norm(value: str, data: Any) -> Tuple[Any, str]:
    """A colour scale stretched over the values shown, so that differences show: a diverging one
    centred on 0 for gaps, red → yellow → green from the lowest to the highest value otherwise."""
    from matplotlib import colors

    lo, hi = float(data.min()), float(data.max())
    if value == "mean_gap":
        m = max(abs(lo), abs(hi), 1e-9)
        return colors.TwoSlopeNorm(vcenter=0.0, vmin=-m, vmax=m), "RdBu"
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    return colors.Normalize(vmin=lo, vmax=hi), "RdYlGn"


def heatmap(scored: Any, by: str = "unit", value: str = "share_meeting", *, framework: Any = None, ax: Any = None,
            annotate: bool = True, title: Optional[str] = None, thai_digits: bool = False) -> Any:
    """Heatmap of competencies (columns) × groups (rows, Thai order) of a ``samatthana.score()``
    result: ``by`` any column (``unit``, ``position_code``, ``person_id``, ``name`` …);
    ``value`` "share_meeting" (share of people at or above the expected level), "mean_gap" or
    "mean_held". The colour scale spans the values shown (0 in the middle for gaps) and a colour
    bar gives it, so a unit at 80 % stands out from one at 95 %. Returns the Axes."""
    import numpy as np

    comps = _competencies(scored)
    fw = _framework(framework if framework is not None else scored.attrs.get("framework"))
    t = _heat_table(scored, by, value, comps)
    data = t.to_numpy(dtype=float)
    norm, cmap = _heat_norm(value, data)
    with _thai_text() as fk:
        thai = thai_digits and bool(fk)
        ax = _new_axes(ax, size=(1.6 + 1.3 * len(comps), 1.2 + 0.38 * max(len(t), 1)))
        im = ax.imshow(data, cmap=cmap, norm=norm, aspect="auto")
        ax.set_xticks(np.arange(len(comps)))
        ax.set_xticklabels([fw.competency(c).name.th for c in comps], rotation=25, ha="right", fontsize=8, **fk)
        ax.set_yticks(np.arange(len(t)))
        ax.set_yticklabels(list(t.index), fontsize=8, **fk)
        bar = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label(_VALUES[value], fontsize=8, **fk)
        if value == "share_meeting":
            bar.ax.yaxis.set_major_formatter(_percent_formatter(thai))
        if annotate:
            _annotate(ax, data, norm, cmap, value, thai, fk)
        ax.set_title(title if title is not None else _VALUES[value], fontsize=10, **fk)
    return ax


def _percent_formatter(thai: bool) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: _number(round(x * 100), thai, 0) + "%")


def _annotate(ax: Any, data: Any, norm: Any, cmap: str, value: str, thai: bool, fk: Dict[str, Any]) -> None:
    from matplotlib import colormaps

    cm = colormaps[cmap]
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            v = data[i, j]
            if not math.isfinite(v):
                continue
            text = _number(round(v * 100), thai, 0) + "%" if value == "share_meeting" else _number(round(v, 2), thai, 2)
            r, g, b, _ = cm(norm(v))
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if dark else "#222222", **fk)


def level_colour(k: int, top: int) -> str:
    """Colour of level k of a competency whose highest level is ``top`` (as the HTML report)."""
    if k == 0:
        return "#e6e6e6"
    t = (k - 1) / (top - 1) if top > 1 else 1.0
    return "#{:02x}{:02x}{:02x}".format(int(198 - 170 * t), int(219 - 140 * t), int(239 - 75 * t))


def level_distribution(scored: Any, group: Any = None, *, by: str = "unit", framework: Any = None, ax: Any = None,
                       percent: bool = True, title: Optional[str] = None, thai_digits: bool = False) -> Any:
    """People per held level (0 .. highest), one horizontal stacked bar per competency, over the
    rows of a ``samatthana.score()`` result (where ``by`` equals ``group``, or everyone); shares in
    percent (``percent=False``: head counts). Returns the Axes."""
    rows = _select(scored, by, group)
    comps = _competencies(scored)
    fw = _framework(framework if framework is not None else scored.attrs.get("framework"))
    tops = [int(fw.competency(c).max_level) for c in comps]
    top = max(tops)
    with _thai_text() as fk:
        thai = thai_digits and bool(fk)
        ax = _new_axes(ax, size=(7.0, 1.0 + 0.5 * len(comps)))
        names = [fw.competency(c).name.th for c in comps]
        for k in range(top + 1):
            widths, lefts = [], []
            for c, t in zip(comps, tops):
                counts = rows[f"{c}_held"].value_counts()
                total = max(len(rows), 1)
                below = sum(int(counts.get(m, 0)) for m in range(k))
                here = int(counts.get(k, 0)) if k <= t else 0
                scale = 100.0 / total if percent else 1.0
                widths.append(here * scale)
                lefts.append(below * scale)
            ax.barh(range(len(comps)), widths, left=lefts, color=[level_colour(min(k, t), t) for t in tops], edgecolor="white",
                    label=f"ระดับ {_number(k, thai)}")
        ax.set_yticks(range(len(comps)))
        ax.set_yticklabels(names, fontsize=8, **fk)
        ax.invert_yaxis()  # framework order from the top
        hi = 100 if percent else len(rows)
        ax.set_xlim(0, hi)
        ticks = [x for x in ax.get_xticks() if 0 <= x <= hi]
        ax.set_xticks(ticks)
        ax.set_xlim(0, hi)
        ax.set_xticklabels([_number(x, thai, 0) for x in ticks], fontsize=8, **fk)
        ax.set_xlabel("ร้อยละของจำนวนคน" if percent else "จำนวนคน", fontsize=8, **fk)
        ax.legend(ncol=top + 1, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False,
                  prop={"size": 7, "family": fk.get("fontfamily", "sans-serif")})
        ax.set_title(title if title is not None else "การกระจายของระดับที่แสดงออก", fontsize=10, **fk)
    return ax
