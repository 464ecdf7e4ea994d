"""samatthana (สมรรถนะ): Thai civil-service competency frameworks, appraisal and reports.

>>> import samatthana
>>> fw = samatthana.bma_core()
>>> fw.competency("101").name.th
'คุณธรรมจริยธรรม'

The API (every name is in ``samatthana.__all__``; docs/guide.md walks through it):

Frameworks
    framework(name_or_path), bma_core(), load_framework(path), parse_framework(text),
    builtin_framework_ids(), embedded_data(), diff(a, b), corresponding(a, b),
    text_similarity(a, b); classes Framework, Competency, Level, Indicator, Text, Correction,
    Variant, Alias, Witness, Provenance. CASE 1.1: to_case_json, parse_case_json, uuid_v5,
    CASE_NAMESPACE (docs/case.md).
Appraisal (samatthana.scoring, docs/scoring.md)
    read_ratings(path), read_evidence(path), score(df, ...), score_arrays(held, expected, ...),
    summarize(scored, by), level_distribution(scored, by), explain(person_id, position, ...),
    plan(person_id, position, levels), round_dpis(x).
Reports (samatthana.report, docs/reports.md)
    person_sheet(ratings, person_id, ...), person_sheets(ratings, ...), cohort_overview(ratings,
    ...) give PersonSheet / CohortOverview (to_html, to_markdown, save; shown inline in a
    notebook); plan_cohort(scored): the cohort's development plan as one long DataFrame.
Plots (samatthana.plot, docs/plots.md)
    plot.radar, plot.average_radar, plot.heatmap, plot.level_distribution (matplotlib).
Thai text (samatthana.thai, docs/thai-text.md)
    normalisation, digits, Buddhist-Era dates and appraisal rounds, collation (sort_key,
    sorted_thai, Collator), word segmentation, search over indicators.
Errors
    Error and its subclasses ParseError, ValidationError, EncodingError, IoError, LookupError,
    each with a location: file, line, column, path, value. ImportErrors (read_ratings(...,
    all_errors=True), score(..., all_errors=True), samatthana.errors): every bad row at once,
    in .errors.

A worked notebook: docs/notebooks/analyst.ipynb.
"""
from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING, Any

from . import _samatthana
from ._samatthana import (  # noqa: F401  (re-exported)
    Alias,
    Competency,
    Correction,
    Error,
    EncodingError,
    Framework,
    ImportErrors,
    Indicator,
    IoError,
    Level,
    LookupError,
    ParseError,
    Provenance,
    Text,
    ValidationError,
    Variant,
    Witness,
    builtin_framework_ids,
    embedded_data,
    load_framework,
    parse_framework,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__version__: str = _samatthana.__version__

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def framework(name_or_path: str = "bma-core-2550") -> Framework:
    """A built-in framework by id (``bma-core-2550``, ``ocsc-core-2552``, ``ocsc-core-2548``,
    or ``bma``/``ocsc``) or a framework JSON file by path."""
    return _samatthana.framework(str(name_or_path))


def bma_core() -> Framework:
    """The BMA core competencies (สมรรถนะหลักของข้าราชการกรุงเทพมหานครสามัญ, 2550 BE)."""
    return _samatthana.framework("bma-core-2550")


# ---- Pythonic conveniences on the extension's classes -----------------------------------------

def _framework_to_dataframe(self: Framework) -> "pandas.DataFrame":
    """One row per indicator: competency id, level, indicator id, Thai text (and more)."""
    import pandas as pd

    rows = []
    for c in self.competencies:
        for lv in c.levels:
            for ind in lv.indicators:
                rows.append(
                    {
                        "competency_id": c.id,
                        "competency": c.name.th,
                        "level": lv.number,
                        "level_title": lv.title.th,
                        "indicator_id": ind.id,
                        "text": ind.th,
                        "text_en": ind.en,
                        "corrected": ind.correction is not None,
                    }
                )
    df = pd.DataFrame(rows)
    df["level"] = df["level"].astype("int64")
    return df


def _framework_competencies_frame(self: Framework) -> "pandas.DataFrame":
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "competency_id": c.id,
                "name": c.name.th,
                "name_en": c.name.en,
                "group": c.group,
                "levels": c.max_level,
                "indicators": sum(len(lv.indicators) for lv in c.levels),
                **{f"code_{k}": v for k, v in c.codes.items()},
            }
            for c in self.competencies
        ]
    )


def _framework_repr(self: Framework) -> str:
    return (
        f"<Framework {self.id} v{self.version} '{self.name.th}': "
        f"{len(self)} competencies, {self.indicator_count} indicators>"
    )


def _e(s: Any) -> str:
    return _html.escape(str(s), quote=True)


def _framework_html(self: Framework) -> str:
    rows = "".join(
        f"<tr><td><code>{_e(c.id)}</code></td><td>{_e(c.name.th)}</td><td>{_e(c.name.en)}</td>"
        f"<td>{_e(', '.join(f'{k} {v}' for k, v in c.codes.items()))}</td>"
        f"<td style='text-align:right'>{c.max_level}</td>"
        f"<td style='text-align:right'>{sum(len(lv.indicators) for lv in c.levels)}</td></tr>"
        for c in self.competencies
    )
    return (
        f"<div><strong>{_e(self.name.th)}</strong> <code>{_e(self.id)}</code> v{_e(self.version)}"
        "<table><thead><tr><th>id</th><th>ชื่อ</th><th>name</th><th>codes</th><th>levels</th>"
        f"<th>indicators</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _competency_repr(self: Competency) -> str:
    return f"<Competency {self.id} '{self.name.th}': levels 1..{self.max_level}>"


def _competency_html(self: Competency) -> str:
    rows = "".join(
        f"<tr><td style='text-align:right;vertical-align:top'>{_e(str(lv.number).translate(_THAI_DIGITS))}</td>"
        f"<td style='vertical-align:top'>{_e(self.full_title(lv.number))}</td><td><ul>"
        + "".join(f"<li><code>{_e(i.id)}</code> {_e(i.th)}</li>" for i in lv.indicators)
        + "</ul></td></tr>"
        for lv in self.levels
    )
    return (
        f"<div><strong>{_e(self.name.th)}</strong> <code>{_e(self.id)}</code><p>{_e(self.definition.th)}</p>"
        "<table><thead><tr><th>ระดับ</th><th>คำอธิบายระดับ</th><th>พฤติกรรมบ่งชี้</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _level_repr(self: Level) -> str:
    return f"<Level {self.number} '{self.title.th}': {len(self.indicators)} indicators>"


def _level_html(self: Level) -> str:
    items = "".join(f"<li><code>{_e(i.id)}</code> {_e(i.th)}</li>" for i in self.indicators)
    return f"<div><strong>ระดับ {_e(str(self.number).translate(_THAI_DIGITS))}</strong> {_e(self.title.th)}<ul>{items}</ul></div>"


def _indicator_repr(self: Indicator) -> str:
    return f"<Indicator {self.id} '{self.th}'>"


def _text_repr(self: Text) -> str:
    extra = " (corrected)" if self.correction is not None else ""
    return f"<Text '{self.th}'{extra}>"


def _correction_repr(self: Correction) -> str:
    return f"<Correction source_text='{self.source_text}' note='{self.note}'>"


def _variant_repr(self: Variant) -> str:
    return f"<Variant {self.witness}: '{self.th}'>"


def _alias_repr(self: Alias) -> str:
    return f"<Alias '{self.th}' ({self.source})>"


def _framework_corrections(self: Framework) -> "pandas.DataFrame":
    """Every recorded correction: where, what the source says, what the data says, why."""
    import pandas as pd

    rows = []

    def add(where: str, t: Text) -> None:
        if t.correction is not None:
            rows.append(
                {"where": where, "source_text": t.correction.source_text, "text": t.th, "note": t.correction.note}
            )

    add("name", self.name)
    for c in self.competencies:
        add(f"{c.id}.name", c.name)
        add(f"{c.id}.definition", c.definition)
        for lv in c.levels:
            add(f"{c.id}.{lv.number}.title", lv.title)
            for i in lv.indicators:
                add(i.id, i.text)
    return pd.DataFrame(rows, columns=["where", "source_text", "text", "note"])


# Methods added in Python to the extension's classes (declared in _samatthana.pyi). setattr: the
# classes are the extension's, and a type checker sees them through the stubs.
_ADDED: Any = (
    (Framework, "to_dataframe", _framework_to_dataframe),
    (Framework, "competencies_frame", _framework_competencies_frame),
    (Framework, "corrections", _framework_corrections),
    (Framework, "__repr__", _framework_repr),
    (Framework, "_repr_html_", _framework_html),
    (Competency, "__repr__", _competency_repr),
    (Competency, "_repr_html_", _competency_html),
    (Level, "__repr__", _level_repr),
    (Level, "_repr_html_", _level_html),
    (Indicator, "__repr__", _indicator_repr),
    (Text, "__repr__", _text_repr),
    (Correction, "__repr__", _correction_repr),
    (Variant, "__repr__", _variant_repr),
    (Alias, "__repr__", _alias_repr),
)
for _cls, _name, _fn in _ADDED:
    setattr(_cls, _name, _fn)
del _cls, _name, _fn

from . import thai  # noqa: E402,F401  (samatthana.thai: Thai text, dates, collation, search)
from . import scoring  # noqa: E402,F401  (appraisal: held levels, scores, bands, cohorts)
from .scoring import (  # noqa: E402,F401
    explain,
    get_threads,
    level_distribution,
    plan,
    read_evidence,
    read_ratings,
    round_dpis,
    score,
    score_arrays,
    set_threads,
    summarize,
)
from . import report  # noqa: E402,F401  (HTML/Markdown person sheets and cohort overviews)
from .report import (  # noqa: E402,F401
    CohortOverview,
    PersonSheet,
    cohort_overview,
    person_sheet,
    person_sheets,
    plan_cohort,
)
from . import plot  # noqa: E402,F401  (matplotlib is imported only when a plot is drawn)
from . import activities  # noqa: E402,F401  (development-activity catalogues, docs/activities.md)
from . import errors  # noqa: E402,F401  (every error of an import at once: ImportErrors, all_errors=)
from . import excel  # noqa: E402,F401  (.xlsx workbooks from DataFrames, docs/formats.md)
from .excel import to_excel  # noqa: E402,F401

from ._samatthana import corresponding, text_similarity  # noqa: E402,F401
from ._samatthana import CASE_NAMESPACE, parse_case_json, to_case_json, uuid_v5  # noqa: E402,F401  (CASE 1.1, docs/case.md)
from . import _pickle  # noqa: E402,F401  (registers copyreg reducers: frameworks and models pickle)

__all__ = [
    # frameworks
    "framework", "bma_core", "load_framework", "parse_framework", "builtin_framework_ids", "embedded_data",
    "diff", "corresponding", "text_similarity",
    "Framework", "Competency", "Level", "Indicator", "Text", "Correction", "Variant", "Alias", "Witness",
    "Provenance",
    "CASE_NAMESPACE", "parse_case_json", "to_case_json", "uuid_v5",
    # appraisal
    "read_ratings", "read_evidence", "score", "score_arrays", "summarize", "level_distribution", "explain",
    "plan", "round_dpis", "set_threads", "get_threads",
    # reports
    "person_sheet", "person_sheets", "cohort_overview", "plan_cohort", "PersonSheet", "CohortOverview",
    # workbooks
    "to_excel",
    # errors
    "Error", "ParseError", "ValidationError", "EncodingError", "IoError", "LookupError", "ImportErrors",
    # submodules
    "thai", "scoring", "report", "plot", "activities", "errors", "excel",
    "__version__",
]


def diff(a: "Framework | str", b: "Framework | str", threshold: float = 0.5) -> "pandas.DataFrame":
    """What changed from framework ``a`` to ``b``: one row per indicator pairing, with
    ``change`` in {same, reworded, added, removed}, per competency (paired by the correspondence
    table) and level."""
    import pandas as pd

    fa = framework(a) if isinstance(a, str) else a
    fb = framework(b) if isinstance(b, str) else b
    cols = ["competency_a", "competency_b", "level", "change", "indicator_a", "indicator_b",
            "text_a", "text_b", "similarity"]
    return pd.DataFrame(_samatthana._diff_rows(fa, fb, threshold), columns=cols)
