"""The umbrella header <samatthana/samatthana.hpp> includes every public header (issue 17), so
that a consumer who includes it sees the whole API."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
INCLUDE = ROOT / "include" / "samatthana"


def test_umbrella_includes_every_public_header() -> None:
    umbrella = (INCLUDE / "samatthana.hpp").read_text(encoding="utf-8")
    included = set(re.findall(r'#include "samatthana/([^"]+)"', umbrella))
    public = {p.relative_to(INCLUDE).as_posix() for p in INCLUDE.rglob("*.hpp")} - {"samatthana.hpp"}
    assert public - included == set(), "samatthana.hpp misses these public headers"
    # version.hpp is generated into the build folder (cmake/version.hpp.in).
    assert included - public == {"version.hpp"}
