"""The analyst notebook (docs/notebooks/analyst.ipynb) executed as a user would, and a notebook's
HTML rendered in headless Chromium to check that reports shown inline leave the notebook alone.

- The notebook is executed with ``jupyter nbconvert --to notebook --execute`` (Debian
  jupyter-nbconvert + python3-ipykernel; the kernel is /usr/bin/python3 with the built module on
  PYTHONPATH). Its outputs: no error, the key numbers equal to what the library computes here.
- The executed notebook is converted to HTML (nbconvert's lab template) three ways: as executed;
  without the report outputs; with the report outputs replaced by the raw report documents (what
  ``_repr_html_`` returned before the reports went into an iframe). A script measuring every
  DataFrame's computed style is added and the page rendered by Chromium: the first two must agree,
  the third must not (the control: the measurement does see a restyled notebook).

Artifacts: <build>/notebook-artifacts/.
"""
from __future__ import annotations

import copy
import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
from typing import Any, Dict, List

import pytest

nbformat = pytest.importorskip("nbformat")

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "notebooks" / "analyst.ipynb"
IFRAME = re.compile(r'^<iframe class="samatthana-report" [^>]*srcdoc="([^"]*)"></iframe>$')


def _nbconvert() -> List[str]:
    exe = shutil.which("jupyter-nbconvert")
    if exe is None:
        pytest.skip("jupyter-nbconvert is not installed (Debian: jupyter-nbconvert python3-ipykernel)")
    return ["/usr/bin/python3", exe]


def _env(build_dir: pathlib.Path) -> Dict[str, str]:
    env = dict(os.environ)
    py = str(build_dir / "python")
    env["PYTHONPATH"] = py + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


@pytest.fixture(scope="module")
def artifacts(build_dir: pathlib.Path) -> pathlib.Path:
    out = build_dir / "notebook-artifacts"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def executed(artifacts: pathlib.Path, build_dir: pathlib.Path) -> Any:
    out = artifacts / "analyst.ipynb"
    if out.exists():
        out.unlink()
    r = subprocess.run(_nbconvert() + ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120",
                                       "--ExecutePreprocessor.kernel_name=python3", str(NOTEBOOK),
                                       "--output-dir", str(artifacts), "--output", "analyst.ipynb"],
                       capture_output=True, text=True, env=_env(build_dir), timeout=300, check=False)
    assert r.returncode == 0, r.stderr[-4000:]
    return nbformat.read(str(out), as_version=4)


def _outputs(nb: Any) -> List[Any]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _stdout(nb: Any) -> str:
    return "".join(o.text for o in _outputs(nb) if o.output_type == "stream" and o.name == "stdout")


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "clear the outputs"
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_analyst_notebook_runs(executed: Any) -> None:
    import pandas as pd

    import samatthana

    outs = _outputs(executed)
    errors = [o for o in outs if o.output_type == "error"]
    assert not errors, "\n".join(f"{o.ename}: {o.evalue}" for o in errors)
    assert not [o for o in outs if o.output_type == "stream" and o.name == "stderr" and "Error" in o.text]
    text = _stdout(executed)
    samples = ROOT / "data" / "samples"
    scored = samatthana.score(samatthana.read_ratings(samples / "ratings.csv"),
                              evidence=samatthana.read_evidence(samples / "evidence.csv"),
                              results=pd.read_csv(samples / "results.csv", encoding="utf-8-sig"))
    plans = samatthana.plan_cohort(scored)
    for line in ("Thai font for plots: Loma" if samatthana.plot.thai_font() == "Loma" else "Thai font for plots:",
                 "320 people in 8 units, 2875 evidence rows",
                 "people scored: 320",
                 f"mean competency score: {round(scored['competency_score'].mean(), 2)}",
                 "bands: ดีเด่น 12, ดีมาก 156, ดี 135, พอใช้ 17, ต้องปรับปรุง 0",
                 "<PersonSheet BKK00220 'รัตนา ประเสริฐวงศ์'",
                 f"sheets: 320 · lowest total: {scored['total'].min()}",
                 f"plan rows: {len(plans)} · people with a plan: {plans['person_id'].nunique()}"):
        assert line in text, line
    pictures = [o for o in outs if "image/png" in o.get("data", {})]
    assert len(pictures) == 6
    frames = [o for o in outs if IFRAME.match(o.get("data", {}).get("text/html", ""))]
    assert len(frames) == 2  # the person sheet and the cohort overview, each in its own frame
    tables = [o for o in outs if "dataframe" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 6
    last = tables[-1]["data"]["text/html"]
    assert "สำนักการแพทย์" in last and "คุณธรรมจริยธรรม" in last  # training needs by unit × competency


# ---- the notebook page in Chromium ------------------------------------------------------------

MEASURE = """
<pre id="samatthana-measure">pending</pre>
<script>
"use strict";
window.addEventListener("load", () => {
  const out = document.getElementById("samatthana-measure");
  const TABLE = ["font-family", "font-size", "width", "table-layout", "border-collapse", "margin-left",
                 "margin-right", "margin-top", "margin-bottom", "color", "line-height"];
  const CELL = ["padding-top", "padding-left", "padding-right", "text-align", "font-size", "font-weight",
                "border-bottom-width", "border-bottom-style", "white-space", "line-height", "vertical-align",
                "background-color"];
  const style = (el, props) => { const cs = getComputedStyle(el); const o = {};
                                 props.forEach(p => { o[p] = cs.getPropertyValue(p); }); return o; };
  const tables = [...document.querySelectorAll("table.dataframe")].map(t => {
    const box = t.getBoundingClientRect();
    return {table: style(t, TABLE), th: style(t.querySelector("th"), CELL), td: style(t.querySelector("td"), CELL),
            width: Math.round(box.width), height: Math.round(box.height)};
  });
  const b = document.body;
  out.textContent = JSON.stringify({tables, body: style(b, ["margin-top", "margin-left", "font-family", "font-size"]),
                                    frames: document.querySelectorAll("iframe.samatthana-report").length,
                                    fit: [...document.querySelectorAll("iframe.samatthana-report")].map(f =>
                                      [Math.round(f.clientHeight),
                                       Math.round(f.contentDocument.documentElement.getBoundingClientRect().height)])});
});
</script>
"""


def _chromium_dump(page: pathlib.Path) -> Dict[str, Any]:
    from test_browser_report import _run_chromium

    r = _run_chromium(["--allow-file-access-from-files", "--virtual-time-budget=10000", "--window-size=1200,2000",
                       "--dump-dom", page.as_uri()], timeout=180)
    m = re.search(r'<pre id="samatthana-measure">(.*?)</pre>', r.stdout, re.S)
    assert m and m.group(1) != "pending", f"no measurement; chromium said:\n{r.stderr[-2000:]}"
    return dict(json.loads(html.unescape(m.group(1))))


def _variant(nb: Any, how: str) -> Any:
    """The executed notebook as is ("inline"), without the report outputs ("none"), or with the
    raw report documents instead of their frames ("raw", the old _repr_html_)."""
    nb = copy.deepcopy(nb)
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        kept = []
        for o in c.outputs:
            shown = o.get("data", {}).get("text/html", "")
            m = IFRAME.match(shown)
            if m and how == "none":
                continue
            if m and how == "raw":
                o["data"]["text/html"] = html.unescape(m.group(1))
            kept.append(o)
        c.outputs = kept
    return nb


def _page(nb: Any, artifacts: pathlib.Path, build_dir: pathlib.Path, how: str) -> pathlib.Path:
    src = artifacts / f"page-{how}.ipynb"
    nbformat.write(_variant(nb, how), str(src))
    r = subprocess.run(_nbconvert() + ["--to", "html", str(src), "--output-dir", str(artifacts)],
                       capture_output=True, text=True, env=_env(build_dir), timeout=300, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    page = artifacts / f"page-{how}.html"
    text = page.read_text(encoding="utf-8")
    assert "</body>" in text
    page.write_text(text.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
    return page


@pytest.mark.skipif(sys.platform != "linux", reason="headless Chromium as installed by tools/deps.sh")
def test_inline_reports_leave_dataframes_alone(executed: Any, artifacts: pathlib.Path,
                                               build_dir: pathlib.Path) -> None:
    """Regression: the inline report's page-wide CSS (body, table, th, td) restyled every
    DataFrame of the notebook, earlier cells too. Each DataFrame's computed style and size is now
    the same with and without the reports shown."""
    got = {how: _chromium_dump(_page(executed, artifacts, build_dir, how)) for how in ("inline", "none", "raw")}
    (artifacts / "styles.json").write_text(json.dumps(got, ensure_ascii=False, indent=1), encoding="utf-8")
    assert got["inline"]["frames"] == 2 and got["none"]["frames"] == 0
    for inner, report in got["inline"]["fit"]:  # each frame sized to its report on load (not the
        assert report > 800 and abs(inner - report) <= 4, got["inline"]["fit"]  # default height)
    assert len(got["inline"]["tables"]) == len(got["none"]["tables"]) >= 6
    assert got["inline"]["tables"] == got["none"]["tables"]
    assert got["inline"]["body"] == got["none"]["body"]
    # the control: the raw documents do restyle the notebook, and the measurement sees it
    assert got["raw"]["tables"] != got["none"]["tables"] or got["raw"]["body"] != got["none"]["body"]
