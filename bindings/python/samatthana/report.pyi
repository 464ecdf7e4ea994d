import os
from typing import Any, Dict, List, Optional, Tuple, Union

import pandas as pd

__all__: List[str]

RoundArg = Union[None, str, Tuple[int, int]]
Source = Union[str, os.PathLike[str], Any]  # a CSV path or a pandas DataFrame

def html_escape(text: str) -> str: ...

class _Rendered:
    digits: str
    round: RoundArg
    organisation: str
    title: str
    footer: str
    manifest: Optional[str]
    min_raters: int
    def to_html(self, digits: Optional[str] = ...) -> str: ...
    def to_markdown(self, digits: Optional[str] = ...) -> str: ...
    def _repr_html_(self) -> str: ...
    def _repr_markdown_(self) -> str: ...
    def save(self, path: Union[str, os.PathLike[str]], format: Optional[str] = ...) -> None: ...

class PersonSheet(_Rendered):
    @property
    def person_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def competencies(self) -> list[str]: ...
    @property
    def competency_names(self) -> list[str]: ...
    @property
    def max_levels(self) -> list[int]: ...
    @property
    def held(self) -> list[int]: ...
    @property
    def expected(self) -> list[int]: ...
    @property
    def competency_score(self) -> float: ...
    @property
    def total(self) -> Optional[float]: ...
    @property
    def band(self) -> Optional[str]: ...
    def radar_svg(self, digits: Optional[str] = ...) -> str: ...
    def plot_radar(self, ax: Any = ..., **kw: Any) -> Any: ...

class CohortOverview(_Rendered):
    def __len__(self) -> int: ...

def person_sheet(ratings: Source, person_id: str, evidence: Optional[Source] = ..., results: Optional[Source] = ...,
                 *, framework: Any = ..., profile: Any = ..., method: Optional[str] = ...,
                 weight: Optional[float] = ..., policy: str = ..., threshold: float = ..., missing: str = ...,
                 raters: str = ..., rater_weights: Optional[Dict[str, float]] = ..., rater_rounding: str = ...,
                 digits: str = ..., round: RoundArg = ..., organisation: str = ..., title: str = ...,
                 footer: str = ..., manifest: Optional[Union[str, os.PathLike[str]]] = ...,
                 min_raters: int = ...) -> PersonSheet: ...
def person_sheets(ratings: Source, evidence: Optional[Source] = ..., results: Optional[Source] = ...,
                  *, framework: Any = ..., profile: Any = ..., method: Optional[str] = ...,
                  weight: Optional[float] = ..., policy: str = ..., threshold: float = ..., missing: str = ...,
                  raters: str = ..., rater_weights: Optional[Dict[str, float]] = ..., rater_rounding: str = ...,
                  digits: str = ..., round: RoundArg = ..., organisation: str = ...,
                  title: str = ..., footer: str = ...,
                  manifest: Optional[Union[str, os.PathLike[str]]] = ..., min_raters: int = ...) -> List[PersonSheet]: ...
def cohort_overview(ratings: Source, evidence: Optional[Source] = ..., results: Optional[Source] = ...,
                    *, framework: Any = ..., profile: Any = ..., method: Optional[str] = ...,
                    weight: Optional[float] = ..., policy: str = ..., threshold: float = ..., missing: str = ...,
                    raters: str = ..., rater_weights: Optional[Dict[str, float]] = ..., rater_rounding: str = ...,
                    digits: str = ..., round: RoundArg = ..., organisation: str = ...,
                    title: str = ..., footer: str = ...,
                    manifest: Optional[Union[str, os.PathLike[str]]] = ...) -> CohortOverview: ...

PLAN_COLUMNS: List[str]

def plan_cohort(scored: pd.DataFrame, framework: Any = ..., *, stretch: bool = ...) -> pd.DataFrame: ...
