import os
from typing import Any, List, Optional, Union

__all__: List[str]
SUGGESTION_COLUMNS: List[str]

def builtin_activity_ids() -> List[str]: ...
def read_activities(catalogue: Union[str, "os.PathLike[str]"] = ..., framework: Any = ...,
                    encoding: str = ..., sheet: Optional[str] = ...) -> Any: ...
def suggest_activities(scored: Any, catalogue: Union[str, "os.PathLike[str]", Any] = ...,
                       framework: Any = ...) -> Any: ...
