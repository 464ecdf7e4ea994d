"""Runs the ```python blocks of docs/search.md and checks each ```console example against the
real command-line tool (output and exit status)."""
from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess

import pytest

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "search.md"
TEXT = DOC.read_text(encoding="utf-8")
PY_BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, flags=re.S)
CONSOLE = re.findall(r"```console\n(.*?)```", TEXT, flags=re.S)


@pytest.mark.parametrize("code", PY_BLOCKS, ids=[f"python{i + 1}" for i in range(len(PY_BLOCKS))])
def test_python_block(code: str) -> None:
    exec(compile(code, str(DOC), "exec"), {"__name__": "docs_search"})


@pytest.mark.parametrize("block", CONSOLE, ids=[f"console{i + 1}" for i in range(len(CONSOLE))])
def test_console_block(block: str, cli: str) -> None:
    if not os.path.exists(cli):
        pytest.skip(f"command-line tool not built: {cli}")
    first, *expected = block.rstrip("\n").split("\n")
    assert first.startswith("$ samatthana ")
    status = 0
    if expected and expected[-1].startswith("[exit "):
        status = int(expected.pop()[6:-1])
    args = shlex.split(first[2:])[1:]
    r = subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == status, r.stderr
    got = (r.stdout + r.stderr).rstrip("\n").split("\n")
    assert got == expected


def test_every_console_block_is_checked() -> None:
    assert len(CONSOLE) >= 3
