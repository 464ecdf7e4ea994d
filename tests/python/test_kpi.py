"""The results part from KPIs: DPIS's formula against an independent re-implementation with exact
fractions (rounding edges included), the KPI file and DataFrame readers' located errors, the CLI's
--kpis, and score_with_kpis."""
from __future__ import annotations

import csv
import json
import pathlib
import random
import subprocess
from fractions import Fraction

import pytest

ap = pytest.importorskip("samatthana.appraisal")
pd = pytest.importorskip("pandas")
import samatthana  # noqa: E402

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples"
RATINGS, EVIDENCE, KPIS = (SAMPLES / f for f in ("ratings.csv", "evidence.csv", "kpis.csv"))


def php_round(x: Fraction, places: int) -> Fraction:
    """PHP's round() on an exact value: halves away from zero."""
    scale = Fraction(10) ** places
    y = x * scale
    n = abs(y)
    q = n.numerator // n.denominator
    if n - q >= Fraction(1, 2):
        q += 1
    return Fraction(q if y >= 0 else -q) / scale


def dpis_results_part(achieved, weights, part_weight) -> Fraction:
    """kpi_kpi_form_detail_1.php 226–240, in exact arithmetic:
    round(round(Σ(PG_EVALUATE × KPI_WEIGHT) ÷ (Σ KPI_WEIGHT × 5) × PERFORMANCE_WEIGHT, 3), 2)."""
    a = [Fraction(str(v)) for v in achieved]
    w = [Fraction(str(v)) for v in weights]
    score = sum(x * y for x, y in zip(a, w))
    x = score / (sum(w) * 5) * Fraction(str(part_weight))
    return php_round(php_round(x, 3), 2)


def random_agreement(rng: random.Random):
    n = rng.randint(1, 8)
    two = rng.random() < 0.4
    achieved = [round(rng.uniform(1, 5), 2) if two else rng.randint(1, 5) for _ in range(n)]
    weights = [round(rng.uniform(0.01, 100), 2) if rng.random() < 0.5 else rng.randint(1, 100) for _ in range(n)]
    return achieved, weights


def test_formula_matches_exact_fractions_on_random_agreements():
    rng = random.Random(2020)
    edges = 0
    for _ in range(20000):
        achieved, weights = random_agreement(rng)
        part_weight = rng.choice([70, 80, 50, 60.5])
        want = dpis_results_part(achieved, weights, part_weight)
        got = ap.results_part(achieved, weights, results_weight=part_weight)
        assert round(got * 100) == want * 100, (achieved, weights, part_weight, got, want)
        x = sum(Fraction(str(a)) * Fraction(str(w)) for a, w in zip(achieved, weights)) / (
            sum(Fraction(str(w)) for w in weights) * 5) * Fraction(str(part_weight))
        edges += (x * 10000).denominator == 1 and (x * 10000).numerator % 10 == 5
    assert edges >= 5  # exact x.xxx5 values were among them (8 with this seed)


@pytest.mark.parametrize("achieved,weights,part,want", [
    ([4, 3], [60, 40], 70, "50.4"),
    ([3, 5], [2, 1], 70, "51.33"),          # weights not summing to 100: divided by their sum
    ([3.5], [100], 70, "49"),
    ([4.99], [100], 70, "69.86"),
    ([3, 4], [90, 42], 70, "46.46"),        # x = 46.4545…: rounding once to 2 decimals gives 46.45
])
def test_worked_figures(achieved, weights, part, want):
    assert Fraction(str(ap.results_part(achieved, weights, results_weight=part))) == Fraction(want)
    assert dpis_results_part(achieved, weights, part) == Fraction(want)


def test_double_rounding_edge():
    # Find an agreement where round(round(x, 3), 2) differs from round(x, 2) and check both agree.
    rng = random.Random(7)
    found = 0
    for _ in range(15000):
        achieved, weights = random_agreement(rng)
        x = sum(Fraction(str(a)) * Fraction(str(w)) for a, w in zip(achieved, weights)) / (
            sum(Fraction(str(w)) for w in weights) * 5) * 70
        if php_round(php_round(x, 3), 2) != php_round(x, 2):
            found += 1
            got = ap.results_part(achieved, weights, results_weight=70)
            assert Fraction(str(got)) == php_round(php_round(x, 3), 2)
    assert found > 0


def test_rules():
    with pytest.raises(samatthana.ValidationError, match="sum to 3"):
        ap.results_part([3, 5], [2, 1], weights_100=True)
    with pytest.raises(samatthana.ValidationError, match="1 to 5"):
        ap.results_part([0.5], [100])
    with pytest.raises(samatthana.ValidationError, match="no KPI"):
        ap.results_part([], [])


def test_read_kpis_and_the_cli_agree(tmp_path, cli):
    df = ap.read_kpis(KPIS)
    assert list(df.columns)[:4] == ["person_id", "kpi_id", "name", "weight"]
    res = ap.kpi_results(df)
    for pid, grp in df.groupby("person_id", sort=False):
        row = res[res.person_id == pid].iloc[0]
        assert Fraction(str(row.results_part)) == dpis_results_part(grp.achieved, grp.weight, 70)
    out = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(KPIS),
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    people = json.loads(out)["people"]
    parts = dict(zip(res.person_id, res.results_part))
    for p in people:
        # DPIS's total: SUM_KPI + SUM_COMPETENCE.
        assert abs(p["total"] - (parts[p["person_id"]] + p["competency_score"])) < 1e-9


def test_score_with_kpis_equals_the_cli(cli):
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False)
    evidence = pd.read_csv(EVIDENCE, dtype=str, keep_default_na=False)
    scored = ap.score_with_kpis(ratings, KPIS, evidence=evidence)
    out = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(KPIS),
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    totals = {p["person_id"]: p["total"] for p in json.loads(out)["people"]}
    assert len(totals) == len(scored)
    for pid, total, part, comp in zip(scored.person_id, scored.total, scored.results_part, scored.competency_score):
        assert total == totals[pid]
        assert abs(total - (part + comp)) < 1e-9


def _write(path: pathlib.Path, rows) -> pathlib.Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


HEAD = ["person_id", "kpi_id", "name", "weight", "achieved"]


@pytest.mark.parametrize("row,column,words", [
    (["P1", "K1", "งาน", "0", "3"], "weight", "above 0"),
    (["P1", "K1", "งาน", "12.345", "3"], "weight", "two decimals"),
    (["P1", "K1", "งาน", "50", "6"], "achieved", "1 to 5"),
    (["P1", "K1", "งาน", "50", "x"], "achieved", "not a number"),
])
def test_located_errors_file_and_dataframe(tmp_path, cli, row, column, words):
    f = _write(tmp_path / "k.csv", [HEAD, row])
    with pytest.raises(samatthana.Error) as e:
        ap.read_kpis(f)
    assert (e.value.line, e.value.path) == (2, column) and words in e.value.message
    r = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(f)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and f"k.csv:2:{HEAD.index(column) + 1}" in r.stderr and words in r.stderr
    df = pd.DataFrame([row], columns=HEAD, index=["first"])
    with pytest.raises(samatthana.Error) as e:
        ap.kpi_results(df)
    assert e.value.path == column and e.value.index == "first" and words in e.value.message


def test_people_must_match(tmp_path, cli):
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False).head(2)
    kpis = pd.DataFrame([["NOBODY", "K1", "งาน", 100, 3]], columns=HEAD)
    with pytest.raises(samatthana.LookupError) as e:
        ap.score_with_kpis(ratings, kpis, missing="zero")
    assert e.value.file == "<KPI DataFrame>" and e.value.line == 2
    f = _write(tmp_path / "k.csv", [HEAD, ["BKK00001", "K1", "งาน", "100", "3"]])
    r = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(f)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "BKK00002" in r.stderr and "no results" in r.stderr
    r = subprocess.run([cli, "score", str(RATINGS), "--kpis", str(f), "--results", str(SAMPLES / "results.csv")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "one of them" in r.stderr


def test_calibrate_cli_and_python_nine_box_agree(cli):
    base = [cli, "calibrate", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(KPIS)]
    nine = json.loads(subprocess.run(base + ["--ninebox"], capture_output=True, text=True, check=True).stdout)
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False)
    evidence = pd.read_csv(EVIDENCE, dtype=str, keep_default_na=False)
    scored = ap.score_with_kpis(ratings, KPIS, evidence=evidence)
    placed = ap.nine_box(scored)
    by_id = {p["person_id"]: p for p in nine["people"]}
    for pid, rt, ct in zip(placed.person_id, placed.results_tier, placed.competency_tier):
        assert (by_id[pid]["results_tier"], by_id[pid]["competency_tier"]) == (rt, ct)
    grid = ap.nine_box_grid(scored)
    assert grid.values.tolist() == nine["groups"][0]["grid"]
    assert grid.values.sum() == len(scored) == nine["groups"][0]["people"]
    # Other cut-offs move people between boxes; the same in both.
    nine2 = json.loads(subprocess.run(base + ["--ninebox", "--results-cutoffs", "50,90"], capture_output=True,
                                      text=True, check=True).stdout)
    assert ap.nine_box_grid(scored, results_cutoffs=(50, 90)).values.tolist() == nine2["groups"][0]["grid"]
    assert nine2["groups"][0]["grid"] != nine["groups"][0]["grid"]
    # Calibration: the distribution sums to the cohort, the cap is checked, edges are within 1 point.
    cal = json.loads(subprocess.run(base + ["--cap", "ดีมาก=0.3", "--edge", "0.5"], capture_output=True, text=True,
                                    check=True).stdout)
    everyone = cal["distribution"][0]
    assert sum(everyone["counts"]) == 320 and everyone["over_cap"] == [everyone["capped_share"][0] > 0.3]
    mins = {b["th"]: b["min"] for b in cal["bands"]}
    totals = dict(zip(scored.person_id, scored.total))
    for e in cal["edges"]:
        assert 0 <= totals[e["person_id"]] - mins[e["band"]] < 0.5
    bad = subprocess.run(base + ["--cap", "ดีมาก=2"], capture_output=True, text=True)
    assert bad.returncode == 2 and "BAND=SHARE" in bad.stderr
    bad = subprocess.run(base + ["--cap", "ไม่มี=0.2"], capture_output=True, text=True)
    assert bad.returncode == 1 and "no band" in bad.stderr


def test_plot_nine_box():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False)
    evidence = pd.read_csv(EVIDENCE, dtype=str, keep_default_na=False)
    scored = ap.score_with_kpis(ratings, KPIS, evidence=evidence)
    fig = ap.plot_nine_box(scored, unit="สำนักอนามัย")
    ax = fig.axes[0]
    assert len(ax.collections[0].get_offsets()) == (scored.unit == "สำนักอนามัย").sum()
    assert sum(int(t.get_text()) for t in ax.texts) == (scored.unit == "สำนักอนามัย").sum()


def test_python_calibration_equals_the_cli(cli):
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False)
    evidence = pd.read_csv(EVIDENCE, dtype=str, keep_default_na=False)
    scored = ap.score_with_kpis(ratings, KPIS, evidence=evidence)
    cal = ap.calibration(scored, caps={"ดีมาก": 0.3}, edge=0.5)
    out = subprocess.run([cli, "calibrate", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(KPIS),
                          "--cap", "ดีมาก=0.3", "--edge", "0.5"], capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    dist = cal["distribution"]
    assert dist["unit"].tolist() == [g["unit"] for g in d["distribution"]]
    assert dist["people"].tolist() == [g["people"] for g in d["distribution"]]
    assert dist["ดีมาก_over"].tolist() == [g["over_cap"][0] for g in d["distribution"]]
    assert cal["edges"]["person_id"].tolist() == [e["person_id"] for e in d["edges"]]
    with pytest.raises(samatthana.ValidationError, match="no band"):
        ap.calibration(scored, caps={"ไม่มี": 0.3})


def test_kpi_files_in_other_encodings_and_xlsx_read_as_the_utf8_file(tmp_path, cli):
    """KPI files go through the same decoder as ratings: cp874 and UTF-16 (tab-separated, as
    Excel saves "Unicode text") CSV and .xlsx sheets read equal to the UTF-8 file; the CLI's
    --encoding applies to --kpis too; a byte cp874 does not define is a located error."""
    want = ap.read_kpis(KPIS)
    text = KPIS.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    cp = tmp_path / "kpis-cp874.csv"
    cp.write_bytes(text.encode("cp874"))
    u16 = tmp_path / "kpis-utf16.txt"
    u16.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("utf-16"))
    pd.testing.assert_frame_equal(ap.read_kpis(cp, encoding="cp874"), want)
    pd.testing.assert_frame_equal(ap.read_kpis(u16), want)
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "notes"
    ws = wb.create_sheet("ตัวชี้วัด")
    for r in rows:
        ws.append(r)
    xl = tmp_path / "kpis.xlsx"
    wb.save(xl)
    pd.testing.assert_frame_equal(ap.read_kpis(xl, sheet="ตัวชี้วัด"), want)
    with pytest.raises(samatthana.ValidationError):
        ap.read_kpis(KPIS, encoding="latin-1")

    def total(ratings, evidence, kpis, *extra):
        out = subprocess.run([cli, "score", str(ratings), "--evidence", str(evidence), "--kpis", str(kpis), *extra,
                              "--format", "json"], capture_output=True, text=True, check=True).stdout
        return [(p["person_id"], p["total"]) for p in json.loads(out)["people"]]

    # --encoding applies to every table the command reads: all three files in cp874.
    r874, e874 = tmp_path / "ratings.csv", tmp_path / "evidence.csv"
    r874.write_bytes(RATINGS.read_text(encoding="utf-8-sig").encode("cp874"))
    e874.write_bytes(EVIDENCE.read_text(encoding="utf-8-sig").encode("cp874"))
    assert total(RATINGS, EVIDENCE, KPIS) == total(r874, e874, cp, "--encoding", "cp874")

    bad = tmp_path / "kpis-bad.csv"
    raw = text.encode("cp874")
    at = raw.index(b"\n") + 3  # line 2, inside the first field
    bad.write_bytes(raw[:at] + b"\xdb" + raw[at:])
    with pytest.raises(samatthana.Error) as e:
        ap.read_kpis(bad, encoding="cp874")
    assert f"kpis-bad.csv:2:3 (byte {at})" in str(e.value) and "0xDB" in str(e.value)
