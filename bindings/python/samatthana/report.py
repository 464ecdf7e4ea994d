"""Reports people look at: a person's appraisal sheet and a cohort overview.

Both are one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) that prints
on A4, or Markdown for pasting into other documents. In a notebook the objects show themselves::

    >>> import samatthana.report as rp
    >>> sheet = rp.person_sheet("data/samples/ratings.csv", "BKK00001",
    ...                         evidence="data/samples/evidence.csv", results="data/samples/results.csv")
    >>> sheet                       # doctest: +SKIP  (a notebook renders sheet._repr_html_())
    >>> sheet.save("sheet.html")    # doctest: +SKIP
    >>> overview = rp.cohort_overview("data/samples/ratings.csv", results="data/samples/results.csv",
    ...                               evidence="data/samples/evidence.csv")
    >>> overview.to_markdown()[:2]
    '# '

``ratings``, ``evidence`` and ``results`` are CSV files (paths) or pandas DataFrames with the
columns of those files (``samatthana.scoring.read_ratings`` / ``read_evidence`` give such frames).
See docs/reports.md.
"""
from __future__ import annotations

import csv
import html as _html
import io
import math
import os
import re
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _samatthana as _m

__all__ = ["PersonSheet", "CohortOverview", "person_sheet", "person_sheets", "cohort_overview", "plan_cohort",
           "html_escape"]

_STANDARD = ("person_id", "name", "unit", "position", "results", "other")
RoundArg = Union[None, str, Tuple[int, int]]


def html_escape(text: str) -> str:
    """Escapes & < > " ' exactly as the reports do."""
    return _m._html_escape(str(text))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    try:  # pandas NA / NaT
        import pandas as pd

        if pd.isna(v):
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    if hasattr(v, "item"):  # numpy scalars
        return _cell(v.item())
    return str(v)


def _frame_csv(df: Any, level_columns: bool = False) -> str:
    """A DataFrame as CSV text; whole-number levels written without ".0", NaN as empty."""
    buf = io.StringIO()
    # CRLF records: csv quotes every field holding a character of the line terminator, so a text
    # cell with a lone CR (or LF) stays one quoted field instead of ending the record.
    w = csv.writer(buf, lineterminator="\r\n")
    cols = [str(c) for c in df.columns]
    w.writerow(cols)
    for row in df.itertuples(index=False, name=None):
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def _source(x: Any) -> Optional[Tuple[str, str]]:
    if x is None:
        return None
    if isinstance(x, (str, os.PathLike)):
        return ("path", os.fspath(x))
    if hasattr(x, "columns") and hasattr(x, "itertuples"):
        return ("text", _frame_csv(x))
    raise TypeError(f"expected a CSV path or a pandas DataFrame, not {type(x).__name__}")


def _round(r: RoundArg) -> Tuple[int, int]:
    """(fiscal year BE, round) from "2567/1", (2567, 1) or None (no round shown)."""
    if r is None:
        return (0, 0)
    if isinstance(r, str):
        m = re.fullmatch(r"\s*([0-9๐-๙]{4})\s*/\s*([0-9๐-๙])\s*", r)
        if not m:
            raise _m.ValidationError(f"round must look like '2567/1' (fiscal year BE / round), not {r!r}")
        tr = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
        return (int(m.group(1).translate(tr)), int(m.group(2).translate(tr)))
    year, n = r
    return (int(year), int(n))


class _Rendered:
    """Shared by both reports: keeps the render options and gives HTML / Markdown."""

    _core: Any

    def __init__(self, core: Any, digits: str, round: RoundArg, organisation: str, title: str,
                 footer: str = "", manifest: Any = None, min_raters: int = 0) -> None:
        if digits not in ("thai", "arabic"):
            raise _m.ValidationError(f"digits must be 'thai' or 'arabic', not {digits!r}")
        self._core = core
        self.digits = digits
        self.round = round
        self.organisation = organisation
        self.title = title
        self.footer = footer
        self.min_raters = int(min_raters)
        # Read and checked now, so that a bad manifest fails where it is given.
        self.manifest = None if manifest is None else os.fspath(manifest)
        if self.manifest is not None:
            _m._audit_manifest_footer(self.manifest, True)

    def _kw(self, digits: Optional[str]) -> dict:
        year, n = _round(self.round)
        d = digits or self.digits
        if d not in ("thai", "arabic"):
            raise _m.ValidationError(f"digits must be 'thai' or 'arabic', not {d!r}")
        footer = self.footer
        if self.manifest is not None:  # the manifest's line, in the digits of this rendering
            line = _m._audit_manifest_footer(self.manifest, d == "thai")
            footer = f"{footer} · {line}" if footer else line
        kw = dict(thai_digits=d == "thai", year_be=year, round=n, organisation=self.organisation, title=self.title,
                  footer=footer)
        if self.min_raters:  # the person sheet's anonymity (the overview has no rater lines)
            kw["min_raters"] = self.min_raters
        return kw

    def to_html(self, digits: Optional[str] = None) -> str:
        """The whole self-contained HTML document (Thai numerals unless ``digits="arabic"``)."""
        return self._core.html(**self._kw(digits))

    def to_markdown(self, digits: Optional[str] = None) -> str:
        """The report in Markdown (GitHub tables)."""
        return self._core.markdown(**self._kw(digits))

    # Height of the inline frame before it is measured (the report at A4 width; a notebook that
    # runs the frame's onload handler sets the real height).
    _inline_height = 1500

    def _repr_html_(self) -> str:
        """The report for a notebook: the whole document in an ``<iframe srcdoc>``, so its
        page-wide styles (body, table, h1, @page) stay inside the frame and never restyle the
        notebook's other outputs. ``sandbox="allow-same-origin"``: nothing in the frame may run
        (the reports carry no script); the notebook sizes the frame to its content on load, and
        without scripts the frame keeps a height that fits the report at A4 width and scrolls."""
        doc = self.to_html()
        label = _html.escape(type(self).__name__, quote=True)
        # collapse first, so that the measured height is the report's, not the frame's
        fit = ("this.style.height='0';"
               "this.style.height=(this.contentDocument.documentElement.scrollHeight+2)+'px'")
        return (f'<iframe class="samatthana-report" title="{label}" sandbox="allow-same-origin" '
                f'style="width:100%;max-width:62rem;height:{self._inline_height}px;border:1px solid #e0e0e0" '
                f'onload="{fit}" srcdoc="{_html.escape(doc, quote=True)}"></iframe>')

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def save(self, path: Union[str, "os.PathLike[str]"], format: Optional[str] = None) -> None:
        """Writes the report; ``format`` is "html" or "markdown" (default from the suffix)."""
        p = os.fspath(path)
        fmt = format or ("markdown" if p.lower().endswith((".md", ".markdown")) else "html")
        text = self.to_markdown() if fmt == "markdown" else self.to_html()
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


class PersonSheet(_Rendered):
    """One person's appraisal sheet (BMA form): levels, gaps, points, evidence, scores, radar, plan."""

    _inline_height = 2000

    @property
    def person_id(self) -> str:
        return self._core.person_id

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def unit(self) -> str:
        return self._core.unit

    @property
    def competencies(self) -> list:
        """Competency ids, framework order: those the person is appraised on (all of the
        framework's unless the profile has per-position sets)."""
        return list(self._core.competencies)

    @property
    def competency_names(self) -> list:
        return list(self._core.names)

    @property
    def max_levels(self) -> list:
        return list(self._core.max_levels)

    @property
    def held(self) -> list:
        return list(self._core.held)

    @property
    def expected(self) -> list:
        return list(self._core.expected)

    @property
    def competency_score(self) -> float:
        return self._core.competency_score

    @property
    def results(self) -> Optional[float]:
        """The results part as given or computed from KPIs, 0..100 percent (None: none)."""
        return self._core.results

    @property
    def other(self) -> Optional[float]:
        """DPIS's other part, 0..100 percent of it (None: the scheme has none, or not given)."""
        return self._core.other

    @property
    def other_points(self) -> Optional[float]:
        """The other part in points of its weight (Scheme::other_points)."""
        return self._core.other_points

    @property
    def total(self) -> Optional[float]:
        return self._core.total

    @property
    def band(self) -> Optional[str]:
        return self._core.band

    def radar_svg(self, digits: Optional[str] = None) -> str:
        """The radar chart alone, as an <svg> element."""
        return self._core.radar_svg(thai_digits=(digits or self.digits) == "thai")

    def plot_radar(self, ax: Any = None, **kw: Any) -> Any:
        """The radar with matplotlib (see samatthana.plot.radar)."""
        from . import plot

        return plot.radar(self, ax=ax, **kw)

    def __repr__(self) -> str:
        extra = f", total {self.total:.2f} {self.band}" if self.total is not None else ""
        return (f"<PersonSheet {self.person_id} '{self.name}': competency score "
                f"{self.competency_score:.2f}{extra}>")


class CohortOverview(_Rendered):
    """The cohort overview: heatmap units × competencies, level distribution, bands, units table."""

    def __len__(self) -> int:
        return int(self._core.size)

    def __repr__(self) -> str:
        return f"<CohortOverview of {len(self)} people>"


def _common(framework: Any, profile: Any, method: Optional[str], weight: Optional[float], policy: str,
            threshold: float, missing: str, raters: str = "supervisor",
            rater_weights: Optional[Dict[str, float]] = None, rater_rounding: str = "nearest") -> Dict[str, Any]:
    """The scoring options as the extension takes them (one dict). Without ``framework``, a profile
    made for one framework (ocsc-full: ocsc-full-2552) chooses it, as in the CLI."""
    if framework is None and profile is not None:
        framework = _m._profile_framework(str(profile))
    return dict(framework=framework, profile=None if profile is None else str(profile), method=method,
                weight=None if weight is None else float(weight), policy=policy, threshold=float(threshold),
                missing=missing, raters=raters, rater_weights=None if rater_weights is None else dict(rater_weights),
                rater_rounding=rater_rounding)


def person_sheet(ratings: Any, person_id: str, evidence: Any = None, results: Any = None, *,
                 framework: Any = None, profile: Any = None, method: Optional[str] = None,
                 weight: Optional[float] = None, policy: str = "auto", threshold: float = 0.5,
                 missing: str = "error", raters: str = "supervisor",
                 rater_weights: Optional[Dict[str, float]] = None, rater_rounding: str = "nearest",
                 digits: str = "thai", round: RoundArg = None, organisation: str = "กรุงเทพมหานคร",
                 title: str = "", footer: str = "", manifest: Any = None, min_raters: int = 0) -> PersonSheet:
    """One person's appraisal sheet. ``ratings``/``evidence``/``results`` are CSV paths or
    DataFrames; scoring options as in ``samatthana.scoring.score`` (``raters="weighted"`` with
    ``rater_weights`` and ``rater_rounding`` combines every rater of a file with a ``rater_role``
    column, as the CLI's ``--raters``); ``round`` "2567/1" puts the appraisal round (Buddhist-Era
    dates) in the header; ``digits`` "thai" (default) or "arabic"; ``manifest`` (the file
    ``samatthana score --manifest`` wrote) puts its SHA-256 and round in the footer, ``footer``
    any other last line (docs/audit.md); ``min_raters=3`` shows peer and subordinate ratings as a
    mean of at least 3 raters, or withheld, instead of each rater's level (docs/reports.md)."""
    opts = _common(framework, profile, method, weight, policy, threshold, missing, raters, rater_weights,
                   rater_rounding)
    core = _m._person_sheet(_source(ratings), str(person_id), _source(evidence), _source(results), opts)
    return PersonSheet(core, digits, round, organisation, title, footer, manifest, min_raters)


def person_sheets(ratings: Any, evidence: Any = None, results: Any = None, *, framework: Any = None,
                  profile: Any = None, method: Optional[str] = None, weight: Optional[float] = None,
                  policy: str = "auto", threshold: float = 0.5, missing: str = "error", raters: str = "supervisor",
                  rater_weights: Optional[Dict[str, float]] = None, rater_rounding: str = "nearest",
                  digits: str = "thai", round: RoundArg = None, organisation: str = "กรุงเทพมหานคร",
                  title: str = "", footer: str = "", manifest: Any = None,
                  min_raters: int = 0) -> List[PersonSheet]:
    """The sheet of everyone in ``ratings``, in file order (options as ``person_sheet``). Each
    table is read once and each person scored once: time grows linearly with the cohort."""
    opts = _common(framework, profile, method, weight, policy, threshold, missing, raters, rater_weights,
                   rater_rounding)
    cores = _m._person_sheets(_source(ratings), _source(evidence), _source(results), opts)
    return [PersonSheet(core, digits, round, organisation, title, footer, manifest, min_raters) for core in cores]


def cohort_overview(ratings: Any, evidence: Any = None, results: Any = None, *, framework: Any = None,
                    profile: Any = None, method: Optional[str] = None, weight: Optional[float] = None,
                    policy: str = "auto", threshold: float = 0.5, missing: str = "error",
                    raters: str = "supervisor", rater_weights: Optional[Dict[str, float]] = None,
                    rater_rounding: str = "nearest", digits: str = "thai", round: RoundArg = None,
                    organisation: str = "กรุงเทพมหานคร", title: str = "", footer: str = "",
                    manifest: Any = None) -> CohortOverview:
    """The cohort overview (heatmap of units × competencies, level distribution, band counts);
    options as ``person_sheet``."""
    opts = _common(framework, profile, method, weight, policy, threshold, missing, raters, rater_weights,
                   rater_rounding)
    core = _m._score_cohort_for_report(_source(ratings), _source(evidence), _source(results), opts)
    return CohortOverview(core, digits, round, organisation, title, footer, manifest)


PLAN_COLUMNS = ["person_id", "name", "unit", "position_code", "competency_id", "competency", "held", "expected",
                "target_level", "stretch", "level", "indicator_id", "indicator"]


def _indicator_table(fw: Any) -> Any:
    import pandas as pd

    rows = [(c.id, c.name.th, c.max_level, lv.number, ind.id, ind.th)
            for c in fw.competencies for lv in c.levels for ind in lv.indicators]
    return pd.DataFrame(rows, columns=["competency_id", "competency", "max_level", "level", "indicator_id",
                                       "indicator"])


def plan_cohort(scored: Any, framework: Any = None, *, stretch: bool = False) -> Any:
    """The development plan of a whole cohort as one long DataFrame: one row per person,
    competency and indicator to develop (columns ``PLAN_COLUMNS``), from a ``samatthana.score()``
    result. As the person sheet's plan (BMA form part 3): below the expected level, the
    indicators of levels held+1 .. expected (``target_level`` = expected); with ``stretch=True``
    also, for those at or above it, the next level's indicators (``stretch`` True), unless held is
    the competency's highest level. Persons in the order of ``scored``, then framework order.

    Training needs by unit: ``plan.groupby(["unit", "competency"]).person_id.nunique()``.
    """
    import pandas as pd

    from . import _samatthana

    fw_arg = framework if framework is not None else scored.attrs.get("framework", "bma-core-2550")
    fw = _samatthana.framework(fw_arg) if isinstance(fw_arg, str) else fw_arg
    comps = scored.attrs.get("competencies") or [c.id for c in fw.competencies]
    inds = _indicator_table(fw)
    parts = []
    base = scored.reset_index(drop=True)
    for cid in comps:
        held = base[f"{cid}_held"].astype("int64")
        exp = base[f"{cid}_expected"].astype("int64")
        top = int(fw.competency(cid).max_level)
        below = held < exp
        want = below | (stretch & (held < top))
        if not want.any():
            continue
        people = base.loc[want, ["person_id", "name", "unit", "position_code"]].copy()
        people["_order"] = people.index
        people["held"], people["expected"] = held[want], exp[want]
        people["stretch"] = ~below[want]
        people["target_level"] = (exp[want].clip(upper=top)).where(below[want], held[want] + 1)
        m = people.merge(inds[inds["competency_id"] == cid], how="cross")
        m = m[(m["level"] > m["held"]) & (m["level"] <= m["target_level"])]
        parts.append(m)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("held", "expected", "target_level", "level")
                                          else ("bool" if c == "stretch" else "object")) for c in PLAN_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    order = {cid: j for j, cid in enumerate(comps)}
    out["_comp"] = out["competency_id"].map(order)
    out = out.sort_values(["_order", "_comp", "level"], kind="stable")
    return out[PLAN_COLUMNS].reset_index(drop=True)
