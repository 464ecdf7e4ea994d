"""The appraisal with KPIs as a person sees it, in headless Chromium: the person sheet's two parts
(the KPI table, then the competencies) with the total and band, and the cohort overview's 9-box and
calibration sections; no sideways overflow at A4 width. Artifacts: <build>/report-artifacts/kpi-*."""
from __future__ import annotations

import pathlib
import subprocess

import pytest

from test_browser_report import _measure, _no_overflow, _screenshot  # the same harness and checks

PERSON = "BKK00001"


@pytest.fixture(scope="module")
def kpi_artifacts(build_dir: pathlib.Path, root: pathlib.Path, cli: str) -> pathlib.Path:
    out = build_dir / "report-artifacts"
    out.mkdir(parents=True, exist_ok=True)
    s = root / "data" / "samples"
    base = [cli, "report", str(s / "ratings.csv"), "--evidence", str(s / "evidence.csv"),
            "--kpis", str(s / "kpis.csv"), "--round", "2567/1"]
    subprocess.run(base + ["--person", PERSON, "-o", str(out / "kpi-person.html")], check=True)
    subprocess.run(base + ["--cohort", "--cap", "ดีมาก=0.3", "-o", str(out / "kpi-cohort.html")], check=True)
    return out


def test_person_sheet_with_kpis_in_browser(kpi_artifacts: pathlib.Path, root: pathlib.Path) -> None:
    data = _measure(kpi_artifacts, root, "kpi-person")
    text = data["innerText"]
    assert data["thai"] and data["scripts"] == 0
    for must in ("แบบสรุปการประเมินผลการปฏิบัติราชการ", "องค์ประกอบที่ ๑: ผลสัมฤทธิ์ของงาน (๗๐ คะแนน)",
                 "ระดับความพึงพอใจของผู้รับบริการ", "ร้อยละ 80", "องค์ประกอบที่ ๒: ผลการประเมินสมรรถนะหลัก",
                 "๓๘๐ ÷ (๑๐๐ × ๕) × ๗๐ = ๕๓.๒๐", "รวม (๑๐๐ คะแนน)", "๗๗.๒๐", "ดี"):
        assert must in text, must
    # Part 1 comes before part 2.
    assert text.index("องค์ประกอบที่ ๑") < text.index("องค์ประกอบที่ ๒") < text.index("สรุปคะแนน")
    _no_overflow(data)
    _screenshot(kpi_artifacts, "kpi-person", data["height"])


def test_cohort_overview_with_ninebox_and_calibration_in_browser(kpi_artifacts: pathlib.Path,
                                                                   root: pathlib.Path) -> None:
    data = _measure(kpi_artifacts, root, "kpi-cohort")
    text = data["innerText"]
    for must in ("ตาราง ๙ ช่อง", "การกระจายระดับผลการประเมิน", "ดีมากขึ้นไป", "ไม่เกิน ๓๐%",
                 "ผู้ที่อยู่ที่ขอบระดับ"):
        assert must in text, must
    _no_overflow(data)
    _screenshot(kpi_artifacts, "kpi-cohort", data["height"])
