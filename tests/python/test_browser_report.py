"""The reports as a person sees them: rendered by headless Chromium (Debian `chromium`, installed
by tools/deps.sh test), measured from the rendered page, and screenshotted.

Artifacts (kept for looking at): <build>/report-artifacts/{person,cohort}.{html,png,json}.
The reports themselves carry no script: the measuring script lives in tests/browser/measure.html,
which loads a report in an A4-wide iframe.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

PERSON = "BKK00220"  # M2, service rated 5 of 6: the radar's service axis and a level-6 target
A4_WIDTH = 794


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("chromium is not installed and could not be installed (tools/deps.sh test installs it)")
    return ""


def _run_chromium(args: list, timeout: int = 120) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="samatthana-chromium-")
    try:
        cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
               f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def artifacts(build_dir: pathlib.Path, root: pathlib.Path, cli: str) -> pathlib.Path:
    out = build_dir / "report-artifacts"
    out.mkdir(parents=True, exist_ok=True)
    s = root / "data" / "samples"
    base = [cli, "report", str(s / "ratings.csv"), "--evidence", str(s / "evidence.csv"),
            "--results", str(s / "results.csv"), "--round", "2567/1"]
    subprocess.run(base + ["--person", PERSON, "-o", str(out / "person.html")], check=True)
    subprocess.run(base + ["--cohort", "-o", str(out / "cohort.html")], check=True)
    return out


def _measure(artifacts: pathlib.Path, root: pathlib.Path, name: str) -> dict:
    harness = (root / "tests" / "browser" / "measure.html").read_text(encoding="utf-8")
    page = artifacts / f"{name}-harness.html"
    page.write_text(harness.replace("REPORT_URL", (artifacts / f"{name}.html").as_uri()), encoding="utf-8")
    r = _run_chromium(["--allow-file-access-from-files", "--virtual-time-budget=8000",
                       f"--window-size={A4_WIDTH + 40},1200", "--dump-dom", page.as_uri()])
    m = re.search(r'<pre id="result">(.*?)</pre>', r.stdout, re.S)
    assert m, f"no result from the harness; chromium said:\n{r.stderr[-2000:]}"
    import html

    data = json.loads(html.unescape(m.group(1)))
    assert "error" not in data, data
    (artifacts / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return data


def _screenshot(artifacts: pathlib.Path, name: str, height: int) -> pathlib.Path:
    png = artifacts / f"{name}.png"
    if png.exists():
        png.unlink()
    r = _run_chromium([f"--window-size={A4_WIDTH},{min(max(height, 600), 6000)}", f"--screenshot={png}",
                       (artifacts / f"{name}.html").as_uri()])
    assert png.exists() and png.stat().st_size > 10_000, r.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


def _no_overflow(data: dict) -> None:
    assert data["viewport"] == A4_WIDTH
    assert data["scrollWidth"] <= A4_WIDTH, "the page scrolls sideways at A4 width"
    assert data["overflowCount"] == 0, "elements stick out of the A4 text area:\n" + "\n".join(data["overflow"])


def test_person_sheet_in_browser(artifacts: pathlib.Path, root: pathlib.Path) -> None:
    data = _measure(artifacts, root, "person")
    text = data["innerText"]
    assert data["thai"]
    assert data["scripts"] == 0
    for must in ("รัตนา ประเสริฐวงศ์", "สำนักงานเขตจตุจักร", "แบบสรุปผลการประเมินสมรรถนะหลัก",
                 "ปีงบประมาณ ๒๕๖๗ รอบที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)", "คุณธรรมจริยธรรม",
                 "การบริการที่ดี", "การมุ่งผลสัมฤทธิ์", "การทำงานเป็นทีม", "การส่งเสริมความเชี่ยวชาญในงานอาชีพ",
                 "แผนพัฒนาการปฏิบัติราชการรายบุคคล", "ระดับผลการประเมิน"):
        assert must in text, must
    assert "สมรรถนะ (๓๐ คะแนน)" in text  # Thai numerals by default
    assert data["heldVertices"] == 5 and data["expectedVertices"] == 5
    assert data["axes"] == 5 and data["heldBox"] > 50
    lengths = data["axisLengths"]
    assert lengths[1] == max(lengths) and lengths[1] > lengths[0]  # service reaches 6, the others 5
    assert data["thaiWidth"] > 100
    _no_overflow(data)
    _screenshot(artifacts, "person", data["height"])


def test_cohort_overview_in_browser(artifacts: pathlib.Path, root: pathlib.Path) -> None:
    data = _measure(artifacts, root, "cohort")
    text = data["innerText"]
    assert data["thai"] and data["scripts"] == 0
    for must in ("ภาพรวมผลการประเมินสมรรถนะหลัก", "สำนักการแพทย์", "สำนักอนามัย", "ดีเด่น", "ต้องปรับปรุง"):
        assert must in text, must
    units = [re.sub(r" \(.*\)$", "", u) for u in data["unitRows"]]
    assert len(units) == 8 and units[0] == "สำนักการแพทย์" and units[-1] == "สำนักอนามัย"  # Thai order
    assert data["heatCells"] == (len(units) + 1) * 5
    assert "ส่วนต่างเฉลี่ย" in data["cellTitles"][0]
    assert data["stacks"] == 5
    _no_overflow(data)
    _screenshot(artifacts, "cohort", data["height"])
