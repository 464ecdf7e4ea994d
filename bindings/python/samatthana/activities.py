"""Development activities (docs/activities.md): a catalogue an agency supplies (competency, level,
activity, description), checked against a framework, and the activities suggested to each person
below an expected level: those of the next level above the one shown, as DPIS's development plan
does. The sample ``dpis-tisi-guide`` is one agency's guide from DPIS (read its ``warning``)."""
from __future__ import annotations

import os
from typing import Any, List, Optional, Union

from . import _samatthana as _m

__all__ = ["read_activities", "suggest_activities", "builtin_activity_ids", "SUGGESTION_COLUMNS"]

SUGGESTION_COLUMNS = ["person_id", "name", "unit", "position_code", "competency_id", "held", "expected",
                      "level", "title", "description"]


def builtin_activity_ids() -> List[str]:
    """The catalogues compiled into the library."""
    return list(_m._builtin_activity_ids())


def read_activities(catalogue: Union[str, "os.PathLike[str]"] = "dpis-tisi-guide", framework: Any = None,
                    encoding: str = "auto", sheet: Optional[str] = None) -> "Any":
    """A catalogue (built-in id, or a CSV/.xlsx/JSON file) checked against ``framework`` (default:
    the catalogue's first framework, else bma-core-2550), as a DataFrame with one row per activity:
    competency_id (the framework's id), competency (as the file writes it), level, title,
    description, details, source, where (file and line or JSON path), in framework order, then
    level. A row that does not fit the framework raises the located error the CLI prints
    (``samatthana activities``). ``attrs`` holds the catalogue's id, name, source and warning."""
    import pandas as pd

    arg = os.fspath(catalogue)
    d = _m._activities(arg, framework, encoding, sheet or "")
    df = pd.DataFrame(d["columns"])
    df["level"] = df["level"].astype("int64")
    for k in ("id", "name", "framework", "frameworks", "source", "warning"):
        df.attrs[k] = d[k]
    return df


def suggest_activities(scored: Any, catalogue: Union[str, "os.PathLike[str]", Any] = "dpis-tisi-guide",
                       framework: Any = None) -> "Any":
    """For a ``samatthana.score()`` result: one row per person, competency below its expected level
    and suggested activity (``SUGGESTION_COLUMNS``); ``level`` is the level the activity develops,
    held + 1. A gap for which the catalogue has no activity keeps one row with ``title`` NA, so no
    gap is hidden. ``catalogue`` may also be a ``read_activities`` DataFrame. Persons in the order
    of ``scored``, then framework order."""
    import pandas as pd

    fw = framework if framework is not None else scored.attrs.get("framework")
    acts = catalogue if isinstance(catalogue, pd.DataFrame) else read_activities(catalogue, fw)
    comps = scored.attrs.get("competencies") or [c[:-5] for c in scored.columns if c.endswith("_held")]
    base = scored.reset_index(drop=True)
    parts = []
    for j, cid in enumerate(comps):
        held = base[f"{cid}_held"].astype("int64")
        exp = base[f"{cid}_expected"].astype("int64")
        below = held < exp
        if not below.any():
            continue
        people = base.loc[below, ["person_id", "name", "unit", "position_code"]].copy()
        people["_order"], people["_comp"] = people.index, j
        people["competency_id"] = cid
        people["held"], people["expected"] = held[below], exp[below]
        people["level"] = people["held"] + 1
        mine = acts.loc[acts["competency_id"] == cid, ["level", "title", "description"]]
        parts.append(people.merge(mine, on="level", how="left"))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("held", "expected", "level") else "object")
                             for c in SUGGESTION_COLUMNS})
    out = pd.concat(parts, ignore_index=True).sort_values(["_order", "_comp"], kind="stable")
    out.attrs["warning"] = acts.attrs.get("warning", "")
    return out[SUGGESTION_COLUMNS].reset_index(drop=True)
