"""Runs the examples in docs/*.md so they cannot rot.

- A ```python block is executed (as a doctest when it starts with ">>> ") (blocks of one page share a namespace); when the next block is a
  plain ``` block (optionally after a line "Output:"), the printed output must equal it.
- A ```console block holds "$ command" lines followed by their expected output; the command runs
  in bash from the repository root with the built `samatthana` first on PATH; stderr is merged
  into stdout and a non-zero exit adds a line "[exit N]".
- A ```cpp block followed by an output block is compiled against the built library and run.
"""
import contextlib
import doctest
import io
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^```([a-z+]*)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


def blocks(page: pathlib.Path):
    text = page.read_text(encoding="utf-8")
    found = [(m.group(1), m.group(2), m.start(), m.end()) for m in FENCE.finditer(text)]
    out = []
    for i, (lang, body, start, end) in enumerate(found):
        expected = None
        if i + 1 < len(found) and found[i + 1][0] == "":
            between = text[end:found[i + 1][2]].strip()
            if between in ("", "Output:"):
                expected = found[i + 1][1]
        out.append((lang, body, expected, text.count("\n", 0, start) + 1))
    return out


def pages_with(lang):
    return [p for p in DOCS if any(b[0] == lang for b in blocks(p))]


@pytest.mark.parametrize("page", pages_with("python"), ids=lambda p: p.name)
def test_python_examples(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    ns: dict = {"__name__": f"docs_{page.stem}"}
    for lang, body, expected, line in blocks(page):
        if lang != "python":
            continue
        if body.lstrip().startswith(">>> "):  # a doctest session: run it as one
            test = doctest.DocTestParser().get_doctest(body, ns, f"{page.name}:{line}", str(page), line)
            runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
            out = io.StringIO()
            runner.run(test, out=out.write, clear_globs=False)
            assert runner.failures == 0, out.getvalue()
            continue
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(body, f"{page.name}:{line}", "exec"), ns)
        if expected is not None:
            assert buf.getvalue() == expected, f"{page.name}:{line}: output differs"


@pytest.mark.parametrize("page", pages_with("console"), ids=lambda p: p.name)
def test_console_examples(page, cli):
    env = dict(os.environ, PATH=f"{pathlib.Path(cli).parent}:{os.environ['PATH']}", LC_ALL="C.UTF-8")
    for lang, body, _, line in blocks(page):
        if lang != "console":
            continue
        runs = re.split(r"^\$ ", body, flags=re.M)[1:]
        for run in runs:
            cmd, _, expected = run.partition("\n")
            p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            got = p.stdout
            if p.returncode not in (0, 141):  # 141: SIGPIPE from `| head`
                got += f"[exit {p.returncode}]\n"
            assert got.rstrip("\n") == expected.rstrip("\n"), f"{page.name}:{line}: `{cmd}`"


def static_link_flags(build_dir):
    """What a static consumer links, read from the build's own samatthana.pc (so it follows the
    library's private dependencies): pkg-config of its Requires.private, then its Libs.private."""
    fields = {}
    for line in (build_dir / "samatthana.pc").read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep and key in ("Requires.private", "Libs.private"):
            fields[key] = value.split()
    requires = [r for r in fields.get("Requires.private", []) if r not in (",",)]
    libs = subprocess.run(["pkg-config", "--static", "--libs", *requires], check=True,
                          stdout=subprocess.PIPE, text=True).stdout.split() if requires else []
    return libs + fields.get("Libs.private", [])


@pytest.mark.parametrize("page", pages_with("cpp"), ids=lambda p: p.name)
def test_cpp_examples(page, build_dir, tmp_path):
    for i, (lang, body, expected, line) in enumerate(blocks(page)):
        if lang != "cpp" or expected is None:
            continue
        src = tmp_path / f"example{i}.cpp"
        src.write_text(body, encoding="utf-8")
        exe = tmp_path / f"example{i}"
        subprocess.run(["g++", "-std=c++20", f"-I{ROOT}/include", f"-I{build_dir}/include", str(src),
                        str(build_dir / "libsamatthana.a"), *static_link_flags(build_dir),
                        "-pthread", "-o", str(exe)], check=True)
        p = subprocess.run([str(exe)], cwd=tmp_path, stdout=subprocess.PIPE, text=True, check=True)
        assert p.stdout == expected, f"{page.name}:{line}"
