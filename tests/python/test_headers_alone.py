"""Each public header of the layer split (issue 17: tables.hpp, tables_io.hpp, scores_io.hpp, what is
left of cohort.hpp, profile_io.hpp and scoring.hpp without the profile files) compiles alone, as a
consumer's first include, with the warnings of the library's own build."""
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
HEADERS = ["tables.hpp", "tables_io.hpp", "scores_io.hpp", "cohort.hpp", "profile_io.hpp", "scoring.hpp"]
CXX = os.environ.get("CXX", "g++")


@pytest.mark.skipif(shutil.which(CXX) is None, reason=f"no C++ compiler ({CXX})")
@pytest.mark.parametrize("header", HEADERS)
def test_header_compiles_alone(header: str, tmp_path: pathlib.Path) -> None:
    src = tmp_path / "alone.cpp"
    src.write_text(f'#include "samatthana/{header}"\n#include "samatthana/{header}"\n',
                   encoding="utf-8")
    cmd = [CXX, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Wpedantic", "-Wshadow",
           "-Wconversion", "-Werror", f"-I{ROOT / 'include'}", str(src)]
    build = os.environ.get("SAMATTHANA_BUILD_DIR")
    if build:
        cmd.insert(-1, f"-I{pathlib.Path(build) / 'include'}")  # the generated version.hpp
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
