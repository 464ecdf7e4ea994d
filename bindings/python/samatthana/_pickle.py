"""Pickling of samatthana's objects, so they can be shipped to other processes (multiprocessing,
Dask workers): importing this module registers ``copyreg`` reducers (samatthana imports it).

- ``Framework``: its canonical JSON (``Framework.to_json``), read back by ``parse_framework``; the
  copy is equal (``==``) to the original. Built-in and file frameworks alike.
- ``Competency``, ``Level``, ``Indicator``, ``Text``, ``Correction``, ``Variant``, ``Alias``,
  ``Witness``, ``Provenance``: their fields (the C++ side gives and takes them; see
  register_pickle.cpp). The copy is equal to the original but stands alone (a Competency
  unpickled is not tied to a Framework).
- ``Profile`` (when the module has the class): through its JSON when it has ``to_json``.
- ``thai.Collator`` (its ``numeric`` flag) and ``thai.IndicatorIndex`` (its framework; the index
  is rebuilt on unpickling).
- Not picklable: ``PersonSheet`` and ``CohortOverview`` (render them where they are made:
  ``to_html()`` gives a str, which pickles).
- Errors (``samatthana.Error`` and subclasses) pickle as Python exceptions do, with their
  location attributes (``file``, ``line``, ``column``, ``path``, ``value``, ...).

Scoring options are plain Python values (str, float, bool, dict) and need nothing.
"""
from __future__ import annotations

import copyreg
from typing import Any, Callable, Tuple

from . import _samatthana as _m

__all__ = ["register"]

_VALUE_CLASSES = ("Correction", "Variant", "Text", "Alias", "Witness", "Indicator", "Level", "Competency",
                  "Provenance")


def _framework(json_text: str, source_name: str) -> Any:
    return _m.parse_framework(json_text, source_name)


def _reduce_framework(fw: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    return _framework, (fw.to_json(), f"<pickled framework {fw.id}>")


def _value(name: str, state: Tuple[Any, ...]) -> Any:
    return getattr(_m, "_unpickle_" + name)(state)


def _reducer(name: str) -> Callable[[Any], Tuple[Callable[..., Any], Tuple[Any, ...]]]:
    def reduce(obj: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
        return _value, (name, getattr(_m, "_pickle_state")(obj))

    reduce.__name__ = f"_reduce_{name}"
    return reduce


def _reduce(obj: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    """The reducer of `obj`'s class (the classes' own ``__reduce__`` calls this)."""
    if isinstance(obj, _m.Framework):
        return _reduce_framework(obj)
    return _reducer(type(obj).__name__)(obj)


def _profile(json_text: str) -> Any:
    return getattr(_m, "parse_profile")(json_text)


def _reduce_profile(p: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    return _profile, (p.to_json(),)


def _reduce_collator(c: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    return type(c), (c.numeric,)


def _reduce_indicator_index(ix: Any) -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    return type(ix), (ix.framework,)  # the index is rebuilt from the framework


def register() -> None:
    """Registers the reducers (idempotent; done on import)."""
    copyreg.pickle(_m.Framework, _reduce_framework)
    for name in _VALUE_CLASSES:
        if hasattr(_m, "_unpickle_" + name):
            copyreg.pickle(getattr(_m, name), _reducer(name))
    from . import thai

    copyreg.pickle(thai.Collator, _reduce_collator)
    copyreg.pickle(thai.IndicatorIndex, _reduce_indicator_index)
    profile = getattr(_m, "Profile", None)
    if profile is not None and hasattr(profile, "to_json") and hasattr(_m, "parse_profile"):
        copyreg.pickle(profile, _reduce_profile)


register()
