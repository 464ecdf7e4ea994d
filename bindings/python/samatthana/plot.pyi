from typing import Any, Mapping, Optional, Sequence, Union

Levels = Union[Mapping[str, int], Sequence[int]]

def thai_font() -> Optional[str]: ...
def radar(held: Any, expected: Optional[Levels] = ..., *, framework: Any = ..., ax: Any = ...,
          labels: Optional[Sequence[str]] = ..., title: Optional[str] = ..., thai_digits: bool = ...) -> Any: ...
