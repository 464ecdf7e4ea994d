"""`pip install .` into a fresh virtual environment, offline, with Debian's pip and
--no-build-isolation: the build backend drives the same CMake build."""
import os
import subprocess
import sys

import pytest


def test_pip_install_into_venv(root, build_dir, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    env = dict(os.environ, SAMATTHANA_PIP_BUILD_DIR=str(build_dir / "pip-build"), PIP_NO_INDEX="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    p = subprocess.run([str(py), "-m", "pip", "install", "--no-build-isolation", "--no-index", "-q", str(root)],
                       env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    code = ("import samatthana, pathlib; fw = samatthana.bma_core(); "
            "print(samatthana.__version__, len(fw), fw.competency('102').id, "
            "pathlib.Path(samatthana.__file__).is_relative_to(pathlib.Path(__import__('sys').prefix)), "
            "(pathlib.Path(samatthana.__file__).parent / 'py.typed').exists())")
    out = subprocess.run([str(py), "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    version = (root / "VERSION").read_text().strip()
    assert out.stdout.split() == [version, "5", "service", "True", "True"]
