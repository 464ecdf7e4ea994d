"""Charts for notebooks, drawn with matplotlib (Debian: python3-matplotlib).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from samatthana import plot
>>> ax = plot.radar({"integrity": 3, "service": 6, "achievement": 2, "teamwork": 3, "expertise": 1},
...                 expected={"integrity": 3, "service": 3, "achievement": 3, "teamwork": 3, "expertise": 3})
>>> len(ax.lines[-1].get_xdata())      # the held polygon, closed: one vertex per competency + 1
6

Nothing here calls ``plt.show()``; it works under the Agg backend (no display).
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Optional, Sequence, Union

__all__ = ["radar", "thai_font"]

# Fonts with Thai glyphs: Debian fonts-thai-tlwg, Windows, macOS, Google.
_THAI_FONTS = ("Sarabun", "Noto Sans Thai", "Leelawadee UI", "Leelawadee", "Thonburi", "Tahoma",
               "Loma", "Garuda", "Waree", "Umpush", "Laksaman", "Norasi")

Levels = Union[Mapping[str, int], Sequence[int]]


def thai_font() -> Optional[str]:
    """The first installed font family that has Thai glyphs, or None."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in _THAI_FONTS:
        if name in have:
            return name
    return None


def _framework(fw: Any) -> Any:
    from . import _samatthana as _m

    if fw is None:
        return _m.framework("bma-core-2550")
    if isinstance(fw, str):
        return _m.framework(fw)
    return fw


def _levels(values: Levels, ids: Sequence[str], fw: Any, what: str) -> list:
    if isinstance(values, Mapping):
        out = []
        by_id = {}
        for key, v in values.items():
            by_id[fw.competency(str(key)).id] = int(v)
        for cid in ids:
            if cid not in by_id:
                from . import _samatthana as _m

                raise _m.ValidationError(f"{what}: no level for competency '{cid}'")
            out.append(by_id[cid])
        return out
    seq = [int(v) for v in values]
    if len(seq) != len(ids):
        from . import _samatthana as _m

        raise _m.ValidationError(f"{what}: give {len(ids)} levels (one per competency), not {len(seq)}")
    return seq


def radar(held: Any, expected: Optional[Levels] = None, *, framework: Any = None, ax: Any = None,
          labels: Optional[Sequence[str]] = None, title: Optional[str] = None, thai_digits: bool = False) -> Any:
    """Radar chart of held against expected levels, one axis per competency, each axis as long as
    that competency's highest level (BMA service reaches 6).

    ``held`` is a ``samatthana.report.PersonSheet`` (its held and expected levels, names and
    levels), a mapping competency → level (ids, DPIS codes or Thai names), or a sequence in framework
    order. Returns the matplotlib polar Axes (a new figure when ``ax`` is None).
    """
    import matplotlib.pyplot as plt

    if hasattr(held, "held") and hasattr(held, "max_levels"):
        sheet = held
        ids, names, tops = sheet.competencies, sheet.competency_names, sheet.max_levels
        h = list(sheet.held)
        e = list(sheet.expected) if expected is None else None
        if expected is not None:
            fw = _framework(framework)
            e = _levels(expected, ids, fw, "expected")
        if title is None:
            title = sheet.name
    else:
        fw = _framework(framework)
        comps = list(fw.competencies)
        ids = [c.id for c in comps]
        names = [c.name.th for c in comps]
        tops = [c.max_level for c in comps]
        h = _levels(held, ids, fw, "held")
        e = None if expected is None else _levels(expected, ids, fw, "expected")
    if labels is not None:
        names = list(labels)
    n = len(ids)
    top = max(tops) if tops else 1
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]  # clockwise from the top

    if ax is None:
        fig, ax = plt.subplots(figsize=(5.2, 4.6), subplot_kw={"projection": "polar"})
    font = thai_font()
    fontkw = {"family": font} if font else {}
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙") if thai_digits else None

    def num(k: int) -> str:
        s = str(k)
        return s.translate(digits) if digits else s

    ax.set_ylim(0, top + 0.15)
    ax.set_yticks(range(1, top + 1))
    ax.set_yticklabels([num(k) for k in range(1, top + 1)], fontsize=7, color="#888888")
    ax.set_xticks(angles)
    ax.set_xticklabels([f"{nm}\n{num(hv)} / {num(ev)}" if e is not None else nm
                        for nm, hv, ev in zip(names, h, e if e is not None else h)], fontsize=9, **fontkw)
    ax.grid(color="#dddddd")
    ax.spines["polar"].set_visible(False)
    for a, t in zip(angles, tops):  # each axis as long as its competency's levels
        ax.plot([a, a], [0, t], color="#999999", linewidth=1)
    closed = angles + angles[:1]
    if e is not None:
        ax.plot(closed, e + e[:1], color="#d9822b", linewidth=2, linestyle="--", label="ระดับที่คาดหวัง")
    ax.fill(closed, h + h[:1], color="#1f5fa8", alpha=0.25)
    ax.plot(closed, h + h[:1], color="#1f5fa8", linewidth=2, marker="o", markersize=4, label="ระดับที่แสดงออก")
    ax.legend(loc="lower right", bbox_to_anchor=(1.25, -0.12), frameon=False, prop={**fontkw, "size": 8})
    if title:
        ax.set_title(title, pad=18, fontsize=11, **fontkw)
    return ax
