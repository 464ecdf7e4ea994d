"""The package as a user's type checker and help() see it: ``__all__``, ``help(samatthana)``
listing the API, and ``mypy --strict`` clean on an analyst's script (typing_user_script.py)
checked against the built package (MYPYPATH), its inline annotations and its .pyi stubs.

mypy settings: --strict, except that pandas is not analysed (Debian's pandas 1.5 ships no
py.typed and pandas-stubs is not packaged), so DataFrames are Any to the checker.
"""
from __future__ import annotations

import os
import pathlib
import pydoc
import re
import subprocess
import sys
from typing import Dict, List

import pytest

import samatthana

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "typing_user_script.py"
# Files of the package whose owners were asked for a fix (see the test's xfail message); an error
# anywhere else fails the test.
OTHERS = {"scoring.pyi": "H1", "thai.pyi": "H1", "_samatthana.pyi": "H1", "_pickle.py": "H4",
          "_chunked.py": "H4"}


def test_all_names_exist_and_are_public() -> None:
    assert len(set(samatthana.__all__)) == len(samatthana.__all__)
    for name in samatthana.__all__:
        assert hasattr(samatthana, name), name
    for name in ("score", "summarize", "person_sheet", "person_sheets", "cohort_overview", "plan_cohort",
                 "read_ratings", "framework", "Framework", "ValidationError", "thai", "plot", "report"):
        assert name in samatthana.__all__, name
    from samatthana import plot, report

    for mod in (plot, report, samatthana.scoring, samatthana.thai):
        for name in mod.__all__:
            assert hasattr(mod, name), f"{mod.__name__}.{name}"
    star: Dict[str, object] = {}
    exec("from samatthana import *", star)
    assert "plan_cohort" in star and "_samatthana" not in star and "_pickle" not in star


def test_help_lists_the_api() -> None:
    text = pydoc.render_doc(samatthana, renderer=pydoc.plaintext)
    for name in ("person_sheet", "plan_cohort", "score", "summarize", "read_ratings", "framework", "plot.radar",
                 "plot.heatmap", "ValidationError", "analyst.ipynb"):
        assert name in text, name
    # the classes and functions sections name only the public API
    functions = text.split("\nFUNCTIONS\n", 1)[1].split("\nDATA\n", 1)[0]
    defined = set(re.findall(r"^    (\w+)\(", functions, re.M))
    assert defined and defined <= set(samatthana.__all__), defined - set(samatthana.__all__)
    assert {"score", "person_sheet", "plan_cohort", "framework"} <= defined


def _mypy(build_dir: pathlib.Path, tmp_path: pathlib.Path) -> List[str]:
    pytest.importorskip("mypy")
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n\n[mypy-pandas.*]\nignore_missing_imports = True\n", encoding="utf-8")
    env = dict(os.environ, MYPYPATH=str(build_dir / "python"))
    env.pop("PYTHONPATH", None)
    r = subprocess.run(["/usr/bin/python3", "-m", "mypy", "--config-file", str(config), "--no-incremental",
                        "--cache-dir", os.devnull, "--no-error-summary", "--show-error-codes", str(SCRIPT)],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False)
    assert r.returncode in (0, 1), r.stderr
    return [line for line in r.stdout.splitlines() if ": error:" in line]


def test_mypy_strict_on_a_user_script(build_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    errors = _mypy(build_dir, tmp_path)
    mine = [e for e in errors if pathlib.Path(e.split(":", 1)[0]).name not in OTHERS]
    assert not mine, "\n".join(mine)
    if errors:
        pytest.xfail("mypy --strict errors in files of other owners (fix requested):\n" + "\n".join(errors))


def test_user_script_runs(build_dir: pathlib.Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(build_dir / "python"))
    r = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok 320")


def test_mypy_sees_a_wrong_call(build_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """The control: the stubs are not Any everywhere; a wrong argument type is caught."""
    pytest.importorskip("mypy")
    bad = tmp_path / "bad.py"
    bad.write_text("import samatthana\n"
                   "s: samatthana.PersonSheet = samatthana.person_sheet('r.csv', 'X', raters=3)\n"
                   "n: str = samatthana.framework('bma').competency('service').max_level\n", encoding="utf-8")
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    env = dict(os.environ, MYPYPATH=str(build_dir / "python"))
    r = subprocess.run(["/usr/bin/python3", "-m", "mypy", "--config-file", str(config), "--no-incremental",
                        "--cache-dir", os.devnull, "--follow-imports=silent", str(bad)],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False)
    assert 'bad.py:2: error: Argument "raters" to "person_sheet" has incompatible type "int"' in r.stdout, r.stdout
    assert "bad.py:3: error: Incompatible types in assignment" in r.stdout, r.stdout
