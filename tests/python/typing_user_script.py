"""An analyst's script, type-checked by test_typing.py with ``mypy --strict`` against the built
package (its inline annotations and .pyi stubs). It is also run, so it must work."""
from __future__ import annotations

import pathlib
from typing import Dict, List, Optional

import pandas as pd

import samatthana
from samatthana import plot, report, thai

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples"


def competency_names(fw: samatthana.Framework) -> Dict[str, str]:
    return {c.id: c.name.th for c in fw.competencies}


def top_level(fw: samatthana.Framework, key: str) -> int:
    c: samatthana.Competency = fw.competency(key)
    return c.max_level


def scores() -> pd.DataFrame:
    ratings: pd.DataFrame = samatthana.read_ratings(SAMPLES / "ratings.csv")
    evidence: pd.DataFrame = samatthana.read_evidence(SAMPLES / "evidence.csv")
    return samatthana.score(ratings, evidence=evidence, raters="supervisor")


def training_needs(scored: pd.DataFrame) -> pd.DataFrame:
    plans: pd.DataFrame = samatthana.plan_cohort(scored, stretch=False)
    return plans.groupby(["unit", "competency"])["person_id"].nunique().unstack(fill_value=0)


def sheets() -> List[report.PersonSheet]:
    out: List[report.PersonSheet] = samatthana.person_sheets(SAMPLES / "ratings.csv", evidence=SAMPLES / "evidence.csv",
                                                             raters="supervisor", digits="arabic")
    return out


def first_total(people: List[report.PersonSheet]) -> Optional[float]:
    return people[0].total if people else None


def lowest_unit(scored: pd.DataFrame) -> str:
    summary: pd.DataFrame = samatthana.summarize(scored, by="unit")
    return str(summary["mean_score"].idxmin())


def units_in_thai_order(scored: pd.DataFrame) -> List[str]:
    return thai.sorted_thai(str(u) for u in scored["unit"].unique())


def main() -> None:
    fw = samatthana.framework("bma")
    assert competency_names(fw)["integrity"] == "คุณธรรมจริยธรรม"
    assert top_level(fw, "service") == 6
    scored = scores()
    needs = training_needs(scored)
    assert len(needs) == scored["unit"].nunique()
    people = sheets()
    assert first_total(people) is None  # no results given
    sheet: samatthana.PersonSheet = people[0]
    html: str = sheet.to_html()
    assert html.startswith("<!DOCTYPE html>")
    overview: samatthana.CohortOverview = samatthana.cohort_overview(SAMPLES / "ratings.csv",
                                                                     evidence=SAMPLES / "evidence.csv")
    assert len(overview) == len(people)
    assert lowest_unit(scored) in units_in_thai_order(scored)
    try:
        plot.radar([1, 2, 3])
    except samatthana.ValidationError as e:
        where: str = e.path
        assert where == "held"
    font: Optional[str] = plot.thai_font()
    print("ok", len(people), font is not None)


if __name__ == "__main__":
    main()
