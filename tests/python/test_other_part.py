"""DPIS's third part, ผลงานองค์ประกอบอื่นๆ (Scheme::other_weight; the per-person `other` figure):
totals against an independent re-implementation with exact fractions (x.xx5 edges included), every
path giving the same figures (score(df) on both of its paths, the CLI whole and streamed, --kpis,
the person sheet), located errors, and the shipped profiles without the part."""
from __future__ import annotations

import csv
import io
import json
import pathlib
import random
import subprocess
from fractions import Fraction

import pytest

pd = pytest.importorskip("pandas")
import samatthana  # noqa: E402
import samatthana.scoring as scoring  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
PROFILE = SAMPLES / "profile-other.json"
RATINGS, EVIDENCE, KPIS = (SAMPLES / f for f in ("ratings.csv", "evidence.csv", "kpis.csv"))
RESULTS_OTHER = SAMPLES / "results-other.csv"
COMPS = ["integrity", "service", "achievement", "teamwork", "expertise"]


def php_round(x: Fraction, places: int) -> Fraction:
    """PHP's round() (and Oracle's NUMBER(p, 2) on storing) on an exact value: halves away from
    zero."""
    scale = Fraction(10) ** places
    y = x * scale
    n = abs(y)
    q = n.numerator // n.denominator
    if n - q >= Fraction(1, 2):
        q += 1
    return Fraction(q if y >= 0 else -q) / scale


def dpis_total(results, part, other, results_weight=60, other_weight=10) -> Fraction:
    """SUM_OTHER = SCORE_OTHER × OTHER_WEIGHT stored to two decimals (kpi_kpi_form_detail_3.php 120,
    SUM_OTHER NUMBER(6,2)), with SCORE_OTHER = other ÷ 100; the total, DPIS-rounded as the
    competency/results parts (round(round(x, 3), 2)), of results points + part + other points."""
    other_points = php_round(Fraction(str(other)) / 100 * other_weight, 2)
    x = Fraction(str(results)) * results_weight / 100 + Fraction(str(part)) + other_points
    return php_round(php_round(x, 3), 2)


def random_frame(rng: random.Random, n: int) -> "pd.DataFrame":
    def percent():
        k = rng.random()
        if k < 0.3:
            return float(rng.randint(0, 100))
        if k < 0.8:
            return rng.randint(0, 10000) / 100
        return rng.randint(0, 100000) / 1000  # three decimals: totals that are exactly x.xx5
    rows = []
    for i in range(n):
        row = {"person_id": f"P{i}", "name": f"คน {i}", "unit": f"หน่วย {i % 4}",
               "position": rng.choice(["K1", "K2", "K3", "O1", "O2", "D1", "M1"])}
        for c in COMPS:
            row[c] = rng.randint(0, 5)
        row["results"] = percent()
        row["other"] = rng.choice([rng.randint(0, 100) / 1, rng.randint(0, 10000) / 100,
                                   rng.randint(0, 100000) / 1000])
        rows.append(row)
    return pd.DataFrame(rows)


def test_totals_match_exact_fractions_on_random_cohorts():
    rng = random.Random(20)
    edges = other_edges = 0
    for _ in range(4):
        df = random_frame(rng, 400)
        out = samatthana.score(df, profile=str(PROFILE))
        for r, s in zip(df.itertuples(), out.itertuples()):
            part = Fraction(str(round(s.competency_score, 2)))
            want = dpis_total(r.results, part, r.other)
            assert Fraction(str(round(s.total, 2))) == want, (r, s.total, want)
            assert abs(s.total - float(want)) < 1e-9
            assert Fraction(str(round(s.other_points, 2))) == php_round(Fraction(str(r.other)) / 10, 2)
            x = Fraction(str(r.results)) * 60 / 100 + part + php_round(Fraction(str(r.other)) / 10, 2)
            edges += (x * 1000).denominator == 1 and (x * 1000).numerator % 10 == 5
            y = Fraction(str(r.other)) / 10
            other_edges += (y * 1000).denominator == 1 and (y * 1000).numerator % 10 == 5
    assert edges >= 5 and other_edges >= 5, (edges, other_edges)


def test_rounding_edges():
    # other 85.55 → 8.555 → 8.56; 85.549 → 8.5549 → 8.55 once rounded (the double rounding of
    # the parts would give 8.56: DPIS stores SUM_OTHER to two decimals, once).
    df = pd.DataFrame([{"person_id": "A", "position": "K2", **{c: 2 for c in COMPS}, "results": 85, "other": 85.55},
                       {"person_id": "B", "position": "K2", **{c: 2 for c in COMPS}, "results": 85, "other": 85.549},
                       {"person_id": "C", "position": "K2", **{c: 2 for c in COMPS}, "results": 84.725,
                        "other": 0}])
    out = samatthana.score(df, profile=str(PROFILE))
    assert list(out["other_points"].round(2)) == [8.56, 8.55, 0.0]
    assert list(out["total"].round(2)) == [83.56, 83.55, 74.84]  # C: 50.835 + 24 → 74.835 → 74.84
    assert list(out.columns[-5:]) == ["results", "other", "other_points", "total", "band"]


def test_fast_and_general_paths_agree():
    df = random_frame(random.Random(5), 300)
    fast = samatthana.score(df, profile=str(PROFILE))
    scoring._FAST = False
    try:
        general = samatthana.score(df, profile=str(PROFILE))
    finally:
        scoring._FAST = True
    pd.testing.assert_frame_equal(fast, general)


def test_cli_whole_streamed_and_python_agree(tmp_path, cli):
    df = random_frame(random.Random(7), 250)
    path = tmp_path / "ratings.csv"
    df.to_csv(path, index=False)
    whole = subprocess.run([cli, "score", str(path), "--profile", str(PROFILE), "--chunk-rows", "0"],
                           capture_output=True, check=True).stdout
    streamed = subprocess.run([cli, "score", str(path), "--profile", str(PROFILE), "--chunk-rows", "7"],
                              capture_output=True, check=True).stdout
    assert whole == streamed
    rows = list(csv.DictReader(io.StringIO(whole.decode("utf-8-sig"))))
    py = samatthana.score(df, profile=str(PROFILE))
    assert [r["total"] for r in rows] == [f"{t:.2f}" for t in py["total"]]
    assert [r["other_points"] for r in rows] == [f"{t:.2f}" for t in py["other_points"]]
    js = json.loads(subprocess.run([cli, "score", str(path), "--profile", str(PROFILE), "--format", "json"],
                                   capture_output=True, check=True).stdout)
    assert js["other_weight"] == 10
    assert [p["total"] for p in js["people"]] == [round(t, 2) for t in py["total"]]


def test_results_file_and_kpis(tmp_path, cli):
    res = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--results", str(RESULTS_OTHER),
                          "--profile", str(PROFILE)], capture_output=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(res.decode("utf-8-sig"))))
    given = {r["person_id"]: r for r in csv.DictReader(io.StringIO(RESULTS_OTHER.read_text(encoding="utf-8-sig")))}
    for r in rows:
        g = given[r["person_id"]]
        assert Fraction(r["total"]) == dpis_total(g["results"], Fraction(r["competency_score"]), g["other"])
    # The results part from KPIs, the other part from the ratings' column (Thai header).
    ratings = pd.read_csv(RATINGS, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ratings["ผลงานองค์ประกอบอื่น"] = [str(50 + i % 50) + ".5" for i in range(len(ratings))]
    path = tmp_path / "ratings-other.csv"
    ratings.to_csv(path, index=False)
    k = subprocess.run([cli, "score", str(path), "--evidence", str(EVIDENCE), "--kpis", str(KPIS),
                        "--profile", str(PROFILE)], capture_output=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(k.decode("utf-8-sig"))))
    kpi = pd.read_csv(KPIS, encoding="utf-8-sig")
    for i, r in enumerate(rows):
        mine = kpi[kpi.person_id == r["person_id"]]
        score = sum(Fraction(str(a)) * Fraction(str(w)) for a, w in zip(mine.achieved, mine.weight))
        sum_kpi = php_round(php_round(score / (sum(Fraction(str(w)) for w in mine.weight) * 5) * 60, 3), 2)
        other = php_round(Fraction(str(50 + i % 50) + ".5") / 10, 2)
        # DPIS: TOTAL_SCORE = SUM_KPI + SUM_COMPETENCE + SUM_OTHER (kpi_kpi_form.php 1531)
        assert Fraction(r["total"]) == sum_kpi + Fraction(r["competency_score"]) + other, r["person_id"]
    # The person sheet (CLI) shows the part's row and the same total.
    sheet = subprocess.run([cli, "report", str(path), "--person", rows[0]["person_id"], "--evidence", str(EVIDENCE),
                            "--kpis", str(KPIS), "--profile", str(PROFILE), "--format", "markdown", "--digits",
                            "arabic"], capture_output=True, check=True).stdout.decode()
    assert "| อื่น ๆ (10 คะแนน; ร้อยละ 50.50 × 10 ÷ 100) | 5.05 |" in sheet
    assert f"| **รวม** | **{rows[0]['total']}** |" in sheet


def test_located_errors(tmp_path, cli):
    df = random_frame(random.Random(1), 3)
    # An other column under a scheme without an other part: never ignored.
    with pytest.raises(samatthana.ValidationError) as e:
        samatthana.score(df)
    assert "has no other part" in str(e.value)
    assert e.value.path == "other"
    # Results but no other figure.
    df.loc[1, "other"] = float("nan")
    with pytest.raises(samatthana.ValidationError) as e:
        samatthana.score(df, profile=str(PROFILE))
    assert "person 'P1' has results but no 'other' figure" in str(e.value)
    assert e.value.line == 3
    # Out of range, in the CLI: file:line:column.
    path = tmp_path / "r.csv"
    df.loc[1, "other"] = 100.5
    df.to_csv(path, index=False)
    p = subprocess.run([cli, "score", str(path), "--profile", str(PROFILE)], capture_output=True, text=True)
    assert p.returncode != 0
    assert f"{path}:3:11" in p.stderr and "other must be between 0 and 100" in p.stderr


def test_shipped_outputs_have_no_other_column(cli):
    out = subprocess.run([cli, "score", str(RATINGS), "--evidence", str(EVIDENCE), "--kpis", str(KPIS)],
                         capture_output=True, check=True).stdout.decode("utf-8-sig")
    assert "other" not in out.splitlines()[0]
    df = pd.read_csv(RATINGS, encoding="utf-8-sig")
    assert "other" not in samatthana.score(df, evidence=pd.read_csv(EVIDENCE, encoding="utf-8-sig")).columns


def test_score_arrays_takes_other():
    import numpy as np

    df = random_frame(random.Random(9), 300)
    want = samatthana.score(df, profile=str(PROFILE))
    held = df[COMPS].to_numpy(dtype=np.int8)
    exp = scoring.expected_levels(df["position"], profile=str(PROFILE))
    results = df["results"].to_numpy(dtype=np.float64)
    other = df["other"].to_numpy(dtype=np.float64)
    got = scoring.score_arrays(held, exp, results=results, other=other, profile=str(PROFILE))
    assert np.array_equal(got["total"], want["total"].to_numpy())
    for threads in (1, 2):
        again = scoring.score_arrays(held, exp, results=results, other=other, profile=str(PROFILE), threads=threads)
        assert np.array_equal(again["total"], got["total"])
    # Without the figures under a scheme that has the part: an error, never a wrong total.
    with pytest.raises(samatthana.ValidationError, match="no other figure"):
        scoring.score_arrays(held, exp, results=results, profile=str(PROFILE))
    with pytest.raises(samatthana.ValidationError, match="no other part"):
        scoring.score_arrays(held, exp, results=results, other=other)


def test_read_ratings_keeps_the_other_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("person_id,position,integrity,service,achievement,teamwork,expertise,results,"
                    "ผลงานองค์ประกอบอื่น\nA1,K2,2,2,2,2,2,85,๘๕.๕๕\n", encoding="utf-8")
    df = samatthana.read_ratings(path)
    assert list(df["other"]) == [85.55]
    out = samatthana.score(df, profile=str(PROFILE))
    assert round(out["total"][0], 2) == 83.56
    assert out.attrs["other_weight"] == 10


def test_manifest_verify_and_diff_scores(tmp_path, cli):
    import shutil

    for f in (RATINGS, EVIDENCE, RESULTS_OTHER, PROFILE):
        shutil.copy(f, tmp_path / f.name)

    def score(out):
        subprocess.run([cli, "score", "ratings.csv", "--evidence", "evidence.csv", "--results", "results-other.csv",
                        "--profile", "profile-other.json", "-o", out, "--manifest", out + ".manifest.json",
                        "--round", "2567/1"], cwd=tmp_path, check=True, capture_output=True)

    score("a.csv")
    v = subprocess.run([cli, "verify", "a.csv.manifest.json"], cwd=tmp_path, capture_output=True, text=True)
    assert v.returncode == 0, v.stdout + v.stderr
    manifest = json.loads((tmp_path / "a.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest["profile"]["id"] == "bma-core-other-example"
    # BKK00001's other figure changes: the total moves, and diff-scores says so.
    text = (tmp_path / "results-other.csv").read_text(encoding="utf-8-sig")
    first = text.splitlines()[1]
    changed = first.rsplit(",", 1)[0] + ",0"
    (tmp_path / "results-other.csv").write_text("\ufeff" + text.replace(first, changed, 1), encoding="utf-8")
    v = subprocess.run([cli, "verify", "a.csv.manifest.json"], cwd=tmp_path, capture_output=True, text=True)
    assert v.returncode == 1 and "BKK00001" in v.stdout
    score("b.csv")
    d = subprocess.run([cli, "diff-scores", "a.csv", "b.csv", "--format", "csv"], cwd=tmp_path, capture_output=True,
                       text=True)
    assert "BKK00001" in d.stdout and "total" in d.stdout


def test_python_person_sheet_carries_the_other_part():
    """samatthana.report.person_sheet: other, other_points and the total with them (the worked
    figure of docs/scoring.md: 49.632 + 24.00 + 9.80 → 83.43)."""
    from samatthana import report

    sheet = report.person_sheet(str(RATINGS), "BKK00001", evidence=str(EVIDENCE), results=str(RESULTS_OTHER),
                                profile=str(PROFILE))
    assert (sheet.results, sheet.other, sheet.other_points, sheet.total) == (82.72, 98.0, 9.8, 83.43)
    plain = report.person_sheet(str(RATINGS), "BKK00001", evidence=str(EVIDENCE))
    assert plain.other is None and plain.other_points is None
