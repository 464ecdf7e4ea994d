"""Frozen appraisal rounds: SHA-256 of files, appraisal rounds, audit manifests written by
``samatthana score --manifest``, their verification and the differences between two published
score outputs (docs/audit.md).

>>> import samatthana.audit as audit
>>> audit.sha256(b"abc")
'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
>>> audit.parse_round("๒๕๖๙/๑")
AppraisalRound(fiscal_year=2569, round=1, first_day='2025-10-01', last_day='2026-03-31')
"""
from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass
from typing import Any, Callable, List, NamedTuple, Optional, Tuple, Union, cast

__all__ = ["sha256", "file_digest", "AppraisalRound", "parse_round", "load_manifest", "Finding",
           "VerifyReport", "verify", "diff_scores"]

PathLike = Union[str, "os.PathLike[str]"]


def _ext(name: str) -> Callable[..., Any]:
    # The audit functions of the private extension are not in its stub: reached by name.
    return cast(Callable[..., Any], getattr(importlib.import_module("samatthana._samatthana"), name))


def sha256(data: Union[bytes, str]) -> str:
    """SHA-256 of ``data`` (a str is hashed as UTF-8) as 64 lowercase hex digits."""
    return cast(str, _ext("_audit_sha256")(data.encode("utf-8") if isinstance(data, str) else data))


def file_digest(path: PathLike) -> Tuple[str, int]:
    """The SHA-256 and size in bytes of a file as it is (read in blocks)."""
    return cast(Tuple[str, int], _ext("_audit_file_digest")(os.fspath(path)))


class AppraisalRound(NamedTuple):
    """A Buddhist-Era fiscal year and round, with its first and last day (ISO 8601, CE)."""
    fiscal_year: int
    round: int
    first_day: str
    last_day: str


def parse_round(text: str) -> AppraisalRound:
    """``"2569/1"`` (Thai or Arabic digits); a located ``samatthana.ValidationError`` otherwise."""
    return AppraisalRound(*_ext("_audit_parse_round")(text))


def load_manifest(path: PathLike) -> "dict[str, Any]":
    """A manifest as a dict, after the library's checks (located errors for anything the format
    does not allow)."""
    p = os.fspath(path)
    with open(p, encoding="utf-8") as f:
        text = f.read()
    return cast("dict[str, Any]", json.loads(_ext("_audit_check_manifest")(text, p)))


@dataclass(frozen=True)
class Finding:
    """One check of verify: status ``ok``, ``note`` or ``differs``; the JSON path in the manifest."""
    status: str
    subject: str
    path: str
    message: str


@dataclass(frozen=True)
class VerifyReport:
    findings: List[Finding]

    @property
    def ok(self) -> bool:
        """True when nothing differs: the published output follows from the recorded inputs."""
        return all(f.status != "differs" for f in self.findings)

    def differences(self) -> List[Finding]:
        return [f for f in self.findings if f.status == "differs"]


def verify(manifest: PathLike) -> VerifyReport:
    """What ``samatthana verify MANIFEST`` checks: every input's hash, the framework and profile,
    the scores computed again, the published file. Recorded paths are relative to the manifest."""
    rows = _ext("_audit_verify")(os.fspath(manifest))
    return VerifyReport([Finding(**r) for r in rows])


def diff_scores(a: PathLike, b: PathLike, manifest_a: Optional[PathLike] = None,
                manifest_b: Optional[PathLike] = None) -> "dict[str, Any]":
    """Who changed band, total, competency score or a held level between two score outputs (CSV,
    JSON or .xlsx), and, given both manifests, what differs between the runs: the dict of
    ``samatthana diff-scores --format json``."""
    if (manifest_a is None) != (manifest_b is None):
        raise ValueError("give both manifest_a and manifest_b, or neither")
    text = _ext("_audit_diff_scores")(os.fspath(a), os.fspath(b),
                                      os.fspath(manifest_a) if manifest_a is not None else "",
                                      os.fspath(manifest_b) if manifest_b is not None else "")
    return cast("dict[str, Any]", json.loads(text))
