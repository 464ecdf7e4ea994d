import os
from typing import Any, Dict, Optional, Sequence, Union

import numpy as np
import pandas as pd

__all__: list[str]

def round_dpis(x: float) -> float: ...
def score(df: pd.DataFrame, framework: Any = ..., profile: Optional[str] = ..., method: Optional[str] = ...,
          weight: Optional[float] = ..., results: Any = ..., evidence: Optional[pd.DataFrame] = ...,
          policy: str = ..., threshold: float = ..., missing: str = ..., ratio_cap: bool = ...,
          dpis_rounding: bool = ..., raters: str = ..., rater_weights: Optional[Dict[str, float]] = ...,
          rater_rounding: str = ...) -> pd.DataFrame: ...
def score_arrays(held: np.ndarray, expected: np.ndarray, max_level: Optional[Sequence[int]] = ...,
                 results: Optional[np.ndarray] = ..., method: str = ..., weight: float = ...,
                 dpis_rounding: bool = ..., ratio_cap: bool = ..., rating_weights: Sequence[float] = ...,
                 profile: Optional[str] = ...) -> Dict[str, np.ndarray]: ...
def summarize(scored: pd.DataFrame, by: Optional[str] = ...) -> pd.DataFrame: ...
def level_distribution(scored: pd.DataFrame, by: Optional[str] = ...) -> pd.DataFrame: ...
def read_ratings(path: Union[str, os.PathLike[str]], framework: Any = ...) -> pd.DataFrame: ...
def read_evidence(path: Union[str, os.PathLike[str]], framework: Any = ...) -> pd.DataFrame: ...
def explain(person_id: str, position: str, levels: Optional[Dict[str, Optional[int]]] = ...,
            evidence: Any = ..., framework: Any = ..., profile: Optional[str] = ...,
            policy: str = ..., threshold: float = ..., missing: str = ..., ratings: Any = ...,
            raters: str = ..., rater_weights: Optional[Dict[str, float]] = ...,
            rater_rounding: str = ..., method: Optional[str] = ..., weight: Optional[float] = ...,
            ratio_cap: bool = ..., dpis_rounding: bool = ...) -> pd.DataFrame: ...
def plan(person_id: str, position: str, levels: Dict[str, int], framework: Any = ..., profile: Optional[str] = ...,
         name: str = ..., unit: str = ..., thai_digits: bool = ...) -> str: ...
