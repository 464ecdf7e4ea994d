"""Issue 20's release checks through the CLI and Python: the audit manifest's line in report
footers (also as headless Chromium renders it), band caps from the profile, and the minimum of
raters per role (peer and subordinate means withheld below it)."""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import shutil
import subprocess

import pytest

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples"
CAPS_PROFILE = SAMPLES / "profile-caps.json"


def run(cli: str, *args: str, cwd: pathlib.Path | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764720000")
    r = subprocess.run([cli, *args], capture_output=True, text=True, cwd=cwd, env=env)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory, cli: str) -> pathlib.Path:
    """A folder with the sample inputs, scores.csv and its manifest (round 2569/1)."""
    d = tmp_path_factory.mktemp("release")
    for f in ("ratings.csv", "evidence.csv", "results.csv"):
        shutil.copy(SAMPLES / f, d / f)
    run(cli, "score", "ratings.csv", "--evidence", "evidence.csv", "--results", "results.csv", "-o",
        "scores.csv", "--manifest", "scores.manifest.json", "--round", "2569/1", cwd=d)
    return d


def manifest_prefix(d: pathlib.Path) -> str:
    return hashlib.sha256((d / "scores.manifest.json").read_bytes()).hexdigest()[:16]


def test_report_manifest_footer_html_and_markdown(scored: pathlib.Path, cli: str) -> None:
    base = ["report", "ratings.csv", "--evidence", "evidence.csv", "--results", "results.csv",
            "--manifest", "scores.manifest.json", "--round", "2569/1"]
    line = f"ตรวจสอบได้ (audit manifest) SHA-256 {manifest_prefix(scored)} · รอบการประเมิน ๒๕๖๙/๑"
    sheet = run(cli, *base, "--person", "BKK00001", cwd=scored).stdout
    assert f'<span class="manifest">{line}</span></footer>' in sheet
    cohort = run(cli, *base, "--cohort", cwd=scored).stdout
    assert f'<span class="manifest">{line}</span></footer>' in cohort
    md = run(cli, *base, "--cohort", "--format", "markdown", "--digits", "arabic", cwd=scored).stdout
    assert md.rstrip("\n").endswith(f"SHA-256 {manifest_prefix(scored)} · รอบการประเมิน 2569/1")
    # Without --manifest: no such line (the reports are as before).
    assert 'class="manifest"' not in run(cli, *base[:-4], "--cohort", cwd=scored).stdout


def test_report_manifest_of_other_inputs_is_refused(scored: pathlib.Path, cli: str,
                                                    tmp_path: pathlib.Path) -> None:
    changed = tmp_path / "ratings.csv"
    lines = (scored / "ratings.csv").read_text(encoding="utf-8-sig").splitlines()
    changed.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    r = run(cli, "report", str(changed), "--cohort", "--manifest", str(scored / "scores.manifest.json"),
            ok=False)
    assert r.returncode != 0
    assert "is not the ratings file this manifest records" in r.stderr
    assert "$.inputs[0].sha256" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "samatthana-manifest/1", "oops": 1}', encoding="utf-8")
    r = run(cli, "report", str(scored / "ratings.csv"), "--cohort", "--manifest", str(bad), ok=False)
    assert r.returncode != 0 and "bad.json" in r.stderr


def test_python_report_manifest_and_footer(scored: pathlib.Path) -> None:
    rp = pytest.importorskip("samatthana.report")
    m = scored / "scores.manifest.json"
    sheet = rp.person_sheet(str(scored / "ratings.csv"), "BKK00001", evidence=str(scored / "evidence.csv"),
                            results=str(scored / "results.csv"), manifest=m)
    prefix = manifest_prefix(scored)
    assert f"SHA-256 {prefix} · รอบการประเมิน ๒๕๖๙/๑</span></footer>" in sheet.to_html()
    assert sheet.to_markdown(digits="arabic").rstrip().endswith(f"SHA-256 {prefix} · รอบการประเมิน 2569/1")
    ov = rp.cohort_overview(str(scored / "ratings.csv"), missing="zero", footer="<ลับ>")
    assert '<span class="manifest">&lt;ลับ&gt;</span>' in ov.to_html()
    import samatthana

    with pytest.raises(samatthana.Error):
        rp.cohort_overview(str(scored / "ratings.csv"), missing="zero", manifest=scored / "ratings.csv")


def test_manifest_footer_in_chromium(scored: pathlib.Path, cli: str, build_dir: pathlib.Path,
                                     root: pathlib.Path) -> None:
    import test_browser_report as browser  # the same harness and checks

    browser._chromium()  # skips when there is no Chromium
    out = build_dir / "report-artifacts"
    out.mkdir(parents=True, exist_ok=True)
    run(cli, "report", "ratings.csv", "--evidence", "evidence.csv", "--results", "results.csv", "--person",
        "BKK00001", "--manifest", "scores.manifest.json", "--round", "2569/1", "-o",
        str(out / "manifest-person.html"), cwd=scored)
    data = browser._measure(out, root, "manifest-person")
    assert f"SHA-256 {manifest_prefix(scored)} · รอบการประเมิน ๒๕๖๙/๑" in data["innerText"]
    browser._no_overflow(data)


def calibrate(cli: str, *args: str) -> dict:
    s = SAMPLES
    out = run(cli, "calibrate", str(s / "ratings.csv"), "--evidence", str(s / "evidence.csv"), "--kpis",
              str(s / "kpis.csv"), *args).stdout
    return json.loads(out)


def test_caps_from_the_profile_and_cli_override(cli: str) -> None:
    d = calibrate(cli, "--profile", str(CAPS_PROFILE))
    assert d["caps"] == [{"band": "ดีเด่น", "max_share": 0.1}, {"band": "ดีมาก", "max_share": 0.3}]
    everyone = d["distribution"][0]
    assert everyone["over_cap"] == [False, True]
    # --cap replaces the profile's caps entirely.
    d = calibrate(cli, "--profile", str(CAPS_PROFILE), "--cap", "ดีเด่น=0.01")
    assert d["caps"] == [{"band": "ดีเด่น", "max_share": 0.01}]
    assert d["distribution"][0]["over_cap"] == [True]
    # The built-in profiles have no caps.
    assert calibrate(cli)["caps"] == []


def test_profile_cap_errors_are_located(cli: str, tmp_path: pathlib.Path) -> None:
    p = json.loads(CAPS_PROFILE.read_text(encoding="utf-8"))
    p["calibration"]["caps"][1]["band"] = "ยอดเยี่ยม"
    f = tmp_path / "p.json"
    f.write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    r = run(cli, "calibrate", str(SAMPLES / "ratings.csv"), "--results", str(SAMPLES / "results.csv"),
            "--profile", str(f), ok=False)
    assert r.returncode != 0
    assert "$.calibration.caps[1].band" in r.stderr and "ยอดเยี่ยม" in r.stderr


def test_python_calibration_uses_the_profile_caps() -> None:
    ap = pytest.importorskip("samatthana.appraisal")
    pd = pytest.importorskip("pandas")
    ratings = pd.read_csv(SAMPLES / "ratings.csv", dtype=str, keep_default_na=False)
    evidence = pd.read_csv(SAMPLES / "evidence.csv", dtype=str, keep_default_na=False)
    scored = ap.score_with_kpis(ratings, str(SAMPLES / "kpis.csv"), evidence=evidence)
    dist = ap.calibration(scored, profile=str(CAPS_PROFILE))["distribution"]
    assert {"ดีเด่น_share", "ดีมาก_over"} <= set(dist.columns)
    assert bool(dist.iloc[0]["ดีมาก_over"])
    assert "ดีเด่น_share" not in ap.calibration(scored, profile=str(CAPS_PROFILE), caps={})["distribution"].columns
    only = ap.calibration(scored, profile=str(CAPS_PROFILE), caps={"ดี": 0.5})["distribution"]
    assert "ดีเด่น_share" not in only.columns and "ดี_share" in only.columns


MIXED = """person_id,name,unit,position,rater_role,rater_id,results,{ids}
P1,ก,หน่วย ก,K2,supervisor,S1,80,3,3,3,3,3
P1,,,,self,,,4,4,4,4,4
P1,,,,peer,A,,2,2,2,2,2
P1,,,,peer,B,,3,3,3,3,3
P1,,,,peer,C,,4,4,4,4,4
P1,,,,subordinate,D,,1,1,1,1,1
P2,ข,หน่วย ก,K2,supervisor,S1,70,2,2,2,2,2
P2,,,,peer,A,,5,5,5,5,5
P2,,,,peer,E,,4,4,4,4,4
P3,ค,หน่วย ก,K2,supervisor,S1,60,1,1,1,1,1
"""


def test_min_raters_per_role(cli: str, tmp_path: pathlib.Path) -> None:
    import samatthana

    ids = ",".join(c.id for c in samatthana.framework("bma-core-2550").competencies)
    f = tmp_path / "mixed.csv"
    f.write_text(MIXED.format(ids=ids), encoding="utf-8")
    d = json.loads(run(cli, "calibrate", str(f), "--missing", "zero").stdout)
    assert d["min_raters_per_role"] == 3
    roles = {r["person_id"]: {x["role"]: x for x in r["roles"]} for r in d["roles"]}
    assert set(roles) == {"P1", "P2"}
    assert roles["P1"]["peer"] == {"role": "peer", "raters": 3, "withheld": False, "mean_level": 3.0}
    assert roles["P1"]["subordinate"] == {"role": "subordinate", "raters": 1, "withheld": True, "mean_level": None}
    assert roles["P1"]["self"]["mean_level"] == 4.0 and roles["P1"]["supervisor"]["mean_level"] == 3.0
    assert roles["P2"]["peer"]["withheld"] and roles["P2"]["peer"]["mean_level"] is None
    d = json.loads(run(cli, "calibrate", str(f), "--missing", "zero", "--min-raters", "2").stdout)
    roles = {r["person_id"]: {x["role"]: x for x in r["roles"]} for r in d["roles"]}
    assert roles["P2"]["peer"]["mean_level"] == 4.5
    # The cohort report withholds too; the sheet only when --min-raters is given.
    html = run(cli, "report", str(f), "--cohort", "--missing", "zero").stdout
    assert "ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)" in html
    sheet = run(cli, "report", str(f), "--person", "P2", "--missing", "zero").stdout
    assert "เพื่อนร่วมงาน ๕, ๔" in sheet
    sheet = run(cli, "report", str(f), "--person", "P2", "--missing", "zero", "--min-raters", "3").stdout
    assert "เพื่อนร่วมงาน ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)" in sheet and "๕, ๔" not in sheet


def test_example_profile_with_caps_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    root = SAMPLES.parents[1]
    schema = json.loads((root / "data" / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    doc = json.loads(CAPS_PROFILE.read_text(encoding="utf-8"))
    assert list(v.iter_errors(doc)) == []
    doc["calibration"]["caps"][0]["max_share"] = 1.5
    assert list(v.iter_errors(doc))


def test_python_sheet_min_raters(tmp_path: pathlib.Path) -> None:
    rp = pytest.importorskip("samatthana.report")
    import samatthana

    ids = ",".join(c.id for c in samatthana.framework("bma-core-2550").competencies)
    f = tmp_path / "mixed.csv"
    f.write_text(MIXED.format(ids=ids), encoding="utf-8")
    assert "เพื่อนร่วมงาน ๕, ๔" in rp.person_sheet(str(f), "P2", missing="zero").to_html()
    html = rp.person_sheet(str(f), "P2", missing="zero", min_raters=3).to_html()
    assert "เพื่อนร่วมงาน ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)" in html and "๕, ๔" not in html
    sheets = rp.person_sheets(str(f), missing="zero", min_raters=3)
    assert "เพื่อนร่วมงาน เฉลี่ย ๓.๐๐ (๓ คน)" in sheets[0].to_html()


def test_role_means_section_fits_a4_in_chromium(cli: str, build_dir: pathlib.Path, root: pathlib.Path,
                                                tmp_path: pathlib.Path) -> None:
    """The 360 sample's overview with the means by role (peers withheld): the section is there and
    nothing sticks out of the A4 text area."""
    import csv

    import test_browser_report as browser

    browser._chromium()  # skips when there is no Chromium
    ids = {r["person_id"] for r in csv.DictReader(open(SAMPLES / "ratings-360.csv", encoding="utf-8-sig"))}
    lines = (SAMPLES / "results.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    results = tmp_path / "results.csv"
    results.write_text("".join(lines[:1] + [x for x in lines[1:] if x.split(",")[0] in ids]), encoding="utf-8")
    out = build_dir / "report-artifacts"
    out.mkdir(parents=True, exist_ok=True)
    run(cli, "report", str(SAMPLES / "ratings-360.csv"), "--cohort", "--results", str(results), "--missing",
        "zero", "--round", "2569/1", "-o", str(out / "roles-cohort.html"))
    data = browser._measure(out, root, "roles-cohort")
    text = data["innerText"]
    assert "ระดับเฉลี่ยตามบทบาทผู้ประเมิน" in text and "ไม่แสดง (ผู้ประเมินไม่ถึง ๓ คน)" in text
    browser._no_overflow(data)
