"""Frozen rounds (docs/audit.md): `score --manifest` records what produced a published output,
`verify` recomputes and names what differs (one changed byte of an input is found and named),
`diff-scores` says who changed and, given the manifests, why."""
import hashlib
import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


def run(cli, *args, cwd=None, env=None):
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=env)


def sha256(path) -> str:
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


@pytest.fixture
def round_dir(tmp_path):
    """A folder with the sample ratings and results, as an HR office keeps a round."""
    d = tmp_path / "2569-1"
    d.mkdir()
    for name in ("ratings.csv", "evidence.csv", "results.csv", "kpis.csv"):
        shutil.copy(SAMPLES / name, d / name)
    return d


def score(cli, d, *extra, out="scores.csv", manifest="scores.manifest.json", env=None):
    p = run(cli, "score", "ratings.csv", "--evidence", "evidence.csv", "--results", "results.csv", "-o", out,
            "--manifest", manifest, "--round", "2569/1", *extra, cwd=d, env=env)
    assert p.returncode == 0, p.stderr
    return json.loads((d / manifest).read_text(encoding="utf-8"))


def test_manifest_records_inputs_output_round_and_options(cli, round_dir):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764720000")
    m = score(cli, round_dir, env=env)
    assert m["format"] == "samatthana-manifest/1"
    assert m["created"] == "2025-12-03T00:00:00Z"
    assert m["round"] == {"label": "2569/1", "fiscal_year": 2569, "round": 1,
                          "first_day": "2025-10-01", "last_day": "2026-03-31"}
    assert [(i["role"], i["path"]) for i in m["inputs"]] == [
        ("ratings", "ratings.csv"), ("evidence", "evidence.csv"), ("results", "results.csv")]
    for i in m["inputs"]:
        assert i["sha256"] == sha256(round_dir / i["path"])
        assert i["size"] == (round_dir / i["path"]).stat().st_size
    assert m["output"]["path"] == "scores.csv"
    assert m["output"]["sha256"] == sha256(round_dir / "scores.csv")
    assert m["output"]["content_sha256"] == m["output"]["sha256"]
    assert m["framework"]["source"] == "built-in" and m["framework"]["id"] == "bma-core-2550"
    # The content hash is the SHA-256 of the canonical JSON `show --format json` prints.
    canonical = run(cli, "show", "--format", "json").stdout.encode("utf-8")
    assert m["framework"]["sha256"] == hashlib.sha256(canonical).hexdigest()
    assert m["profile"]["sha256"] == sha256(ROOT / "data/profiles/bma-core.json")
    assert m["options"]["method"] == "bma" and m["options"]["weight"] == 30
    # Byte for byte the same manifest when run again at the same SOURCE_DATE_EPOCH.
    first = (round_dir / "scores.manifest.json").read_bytes()
    score(cli, round_dir, env=env)
    assert (round_dir / "scores.manifest.json").read_bytes() == first


def test_manifest_validates_against_its_schema(cli, round_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "data/schemas/manifest.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema,
                                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    m = score(cli, round_dir)
    assert [e.message for e in v.iter_errors(m)] == []
    bad = dict(m, inputs=[dict(m["inputs"][1])] + m["inputs"][:1])  # ratings not first
    assert list(v.iter_errors(bad))


def test_verify_passes_and_survives_moving_the_folder(cli, round_dir, tmp_path):
    score(cli, round_dir)
    p = run(cli, "verify", round_dir / "scores.manifest.json")
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.splitlines()[-1].startswith("verified:")
    moved = tmp_path / "archive" / "2569-1"
    shutil.move(round_dir, moved)
    p = run(cli, "verify", "2569-1/scores.manifest.json", cwd=moved.parent)
    assert p.returncode == 0, p.stdout + p.stderr


def test_one_changed_byte_of_an_input_fails_verify_naming_it(cli, round_dir):
    score(cli, round_dir)
    data = bytearray((round_dir / "ratings.csv").read_bytes())
    at = data.index(b"BKK00001,")
    at = data.index(b",K3,3,", at) + 4  # BKK00001's integrity level 3 -> 4
    data[at] = ord("4")
    (round_dir / "ratings.csv").write_bytes(bytes(data))
    p = run(cli, "verify", round_dir / "scores.manifest.json")
    assert p.returncode == 1
    lines = [l for l in p.stdout.splitlines() if l.startswith("DIFFERS")]
    assert lines[0].startswith("DIFFERS input ratings: ")
    assert "scores.manifest.json: $.inputs[0].sha256: ratings.csv has changed" in lines[0]
    n = (round_dir / "ratings.csv").stat().st_size
    assert f"(same size, {n} bytes)" in lines[0]
    assert any("$.output.content_sha256" in l and "BKK00001" in l for l in lines)
    assert not any("input results" in l for l in lines)
    assert p.stdout.splitlines()[-1].startswith("NOT verified: 2 differences")


def test_edited_output_and_json_report(cli, round_dir):
    score(cli, round_dir)
    out = round_dir / "scores.csv"
    out.write_bytes(out.read_bytes().replace(b"\r\n", b"\n"))
    p = run(cli, "verify", round_dir / "scores.manifest.json", "--format", "json")
    assert p.returncode == 1
    r = json.loads(p.stdout)
    assert r["verified"] is False
    differs = [f for f in r["findings"] if f["status"] == "differs"]
    assert [(f["subject"], f["path"]) for f in differs] == [("output", "$.output.sha256")]


def test_framework_file_changed(cli, round_dir):
    fw = json.loads((ROOT / "data/frameworks/bma-core-2550.json").read_text(encoding="utf-8"))
    (round_dir / "fw.json").write_text(json.dumps(fw, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    m = score(cli, round_dir, "--framework", "fw.json")
    assert m["framework"]["source"] == "fw.json"
    assert [i["role"] for i in m["inputs"]] == ["ratings", "evidence", "results", "framework"]
    fw["competencies"][0]["name"]["th"] += "ฯ"
    (round_dir / "fw.json").write_text(json.dumps(fw, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    p = run(cli, "verify", round_dir / "scores.manifest.json")
    assert p.returncode == 1
    assert "DIFFERS framework: " in p.stdout and "$.framework.sha256" in p.stdout
    assert "DIFFERS input framework: " in p.stdout


def test_xlsx_output_is_verified_by_content(cli, round_dir):
    m = score(cli, round_dir, out="scores.xlsx")
    assert m["output"]["format"] == "xlsx"
    p = run(cli, "verify", round_dir / "scores.manifest.json")
    assert p.returncode == 0, p.stdout


@pytest.mark.parametrize("args, message", [
    (["--manifest", "m.json", "--round", "2026/1"], "give the Buddhist-Era fiscal year (2569/1)"),
    (["--manifest", "m.json", "--round", "2569/3"], "the round must be 1"),
    (["--round", "2569/1"], "--round requires --manifest"),
    (["--manifest", "out.csv"], "name the same file"),
])
def test_bad_manifest_options_are_usage_errors(cli, round_dir, args, message):
    p = run(cli, "score", "ratings.csv", "--missing", "zero", "-o", "out.csv", *args, cwd=round_dir)
    assert p.returncode == 2, p.stderr
    assert message in p.stderr
    assert not (round_dir / "out.csv").exists()


def test_manifest_needs_an_output_file(cli, round_dir):
    p = run(cli, "score", "ratings.csv", "--missing", "zero", "--manifest", "m.json", cwd=round_dir)
    assert p.returncode == 2
    assert "--manifest requires --output" in p.stderr


def test_broken_manifest_is_located(cli, round_dir):
    (round_dir / "m.json").write_text('{"format": "samatthana-manifest/1", "x": 1}', encoding="utf-8")
    p = run(cli, "verify", round_dir / "m.json")
    assert p.returncode == 1
    assert "m.json: $.x: unknown field 'x'" in p.stderr


def test_diff_scores_says_who_changed_and_why(cli, round_dir):
    score(cli, round_dir, out="a.csv", manifest="a.manifest.json")
    score(cli, round_dir, "--method", "bar", out="b.json", manifest="b.manifest.json")
    p = run(cli, "diff-scores", "a.csv", "b.json", "--manifest-a", "a.manifest.json",
            "--manifest-b", "b.manifest.json", "--digits", "thai", cwd=round_dir)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("เปรียบเทียบผลคะแนน A: a.csv (๓๒๐ คน) กับ B: b.json (๓๒๐ คน)\n")
    assert "คะแนนสมรรถนะ" in p.stdout
    assert '  options.method: "bma" → "bar"\n' in p.stdout
    j = json.loads(run(cli, "diff-scores", "a.csv", "b.json", "--manifest-a", "a.manifest.json",
                       "--manifest-b", "b.manifest.json", "--format", "json", cwd=round_dir).stdout)
    assert j["people_a"] == j["people_b"] == 320
    assert j["causes"] == [{"field": "options.method", "a": '"bma"', "b": '"bar"'}]
    assert all(c["change"] == "changed" for c in j["changes"])
    csv = run(cli, "diff-scores", "a.csv", "b.json", "--format", "csv", "-o", "d.csv", cwd=round_dir)
    assert csv.returncode == 0 and csv.stdout == ""
    rows = (round_dir / "d.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "person_id,name,change,field,a,b"
    assert len(rows) > 1
    same = run(cli, "diff-scores", "a.csv", "a.csv", cwd=round_dir)
    assert "ไม่มีผู้ใดเปลี่ยน" in same.stdout


# ---- samatthana.audit: the same from Python -------------------------------------------------

def test_python_sha256_and_file_digest(round_dir):
    import samatthana.audit as audit

    for data in (b"", b"abc", bytes(range(256)) * 3, "สมรรถนะ".encode("utf-8")):
        assert audit.sha256(data) == hashlib.sha256(data).hexdigest()
    assert audit.sha256("สมรรถนะ") == hashlib.sha256("สมรรถนะ".encode("utf-8")).hexdigest()
    p = round_dir / "ratings.csv"
    assert audit.file_digest(p) == (sha256(p), p.stat().st_size)


def test_python_rounds():
    import samatthana
    import samatthana.audit as audit

    assert audit.parse_round("2569/2") == (2569, 2, "2026-04-01", "2026-09-30")
    with pytest.raises(samatthana.ValidationError, match="Christian-Era"):
        audit.parse_round("2026/2")


def test_python_verify_and_diff(cli, round_dir):
    import samatthana
    import samatthana.audit as audit

    score(cli, round_dir)
    m = audit.load_manifest(round_dir / "scores.manifest.json")
    assert m["round"]["label"] == "2569/1"
    report = audit.verify(round_dir / "scores.manifest.json")
    assert report.ok and len(report.findings) == 7
    (round_dir / "evidence.csv").write_bytes((round_dir / "evidence.csv").read_bytes() + b"\n")
    report = audit.verify(round_dir / "scores.manifest.json")
    assert not report.ok
    assert [(f.subject, f.path) for f in report.differences()] == [("input evidence",
                                                                     "$.inputs[1].sha256")]
    score(cli, round_dir, "--method", "bar", out="b.csv", manifest="b.manifest.json")
    d = audit.diff_scores(round_dir / "scores.csv", round_dir / "b.csv",
                          round_dir / "scores.manifest.json", round_dir / "b.manifest.json")
    assert d["people_a"] == 320 and d["changes"]
    assert {c["field"] for c in d["causes"]} == {"options.method", "inputs.evidence.sha256"}
    (round_dir / "bad.json").write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(samatthana.ValidationError, match=r"\$\.format"):
        audit.load_manifest(round_dir / "bad.json")


@pytest.mark.parametrize("args, out", [
    (["ratings-360.csv", "--raters", "weighted", "--rater-weights",
      "supervisor=60,self=0,peer=20,subordinate=20", "--missing", "zero", "--format", "json"], "s.json"),
    (["r874.csv", "--encoding", "cp874", "--missing", "zero", "--format", "table"], "s.txt"),
    (["ratings.csv", "--missing", "zero", "--kpis", "kpis.csv", "--method", "ratio"], "s.xlsx"),
])
def test_options_and_formats_are_recorded_and_verified(cli, round_dir, args, out):
    shutil.copy(SAMPLES / "ratings-360.csv", round_dir)
    text = (SAMPLES / "ratings.csv").read_text(encoding="utf-8-sig")
    (round_dir / "r874.csv").write_bytes(text.encode("cp874"))
    p = run(cli, "score", *args, "-o", out, "--manifest", "m.json", cwd=round_dir)
    assert p.returncode == 0, p.stderr
    m = json.loads((round_dir / "m.json").read_text(encoding="utf-8"))
    assert "round" not in m
    assert m["output"]["format"] == {"s.json": "json", "s.txt": "table", "s.xlsx": "xlsx"}[out]
    if "--encoding" in args:
        assert m["options"]["encoding"] == "cp874"
    if "--raters" in args:
        assert m["options"]["raters"] == "weighted" and m["options"]["rater_weights"]["supervisor"] == 60
    if "--kpis" in args:
        assert [i["role"] for i in m["inputs"]] == ["ratings", "kpis"] and m["options"]["method"] == "ratio"
    v = run(cli, "verify", "m.json", cwd=round_dir)
    assert v.returncode == 0, v.stdout
    # Verified with the recorded options, not the defaults: a changed option is found.
    m["options"]["missing"] = "error" if "--kpis" not in args else "zero"
    m["options"]["weight"] = 25
    (round_dir / "m.json").write_text(json.dumps(m), encoding="utf-8")
    v = run(cli, "verify", "m.json", cwd=round_dir)
    assert v.returncode == 1 and "DIFFERS scores: " in v.stdout, v.stdout


def test_manifest_refuses_pipes_and_devices(cli, round_dir):
    # A manifest hashes its files again after the run: a pipe would hash as empty.
    p = subprocess.run(["bash", "-c", f'"{cli}" score <(cat ratings.csv) --missing zero -o s.csv '
                                      "--manifest m.json"],
                       cwd=round_dir, capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 2, p.stderr
    assert "/dev/fd/" in p.stderr and "is not a regular file (a pipe or a device)" in p.stderr
    p = run(cli, "score", "ratings.csv", "--missing", "zero", "-o", "/dev/null", "--manifest", "m.json",
            cwd=round_dir)
    assert p.returncode == 2 and "/dev/null is not a regular file" in p.stderr
    assert not (round_dir / "s.csv").exists() and not (round_dir / "m.json").exists()


def test_verify_and_diff_scores_check_their_output(cli, round_dir):
    score(cli, round_dir)
    for argv in (["verify", "scores.manifest.json"], ["diff-scores", "scores.csv", "scores.csv"]):
        with open("/dev/full", "w") as full:
            p = subprocess.run([cli, *argv], cwd=round_dir, stdout=full, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")
        assert p.returncode == 1, p.stderr
        assert "write error: No space left on device" in p.stderr


def test_profile_file_changed_is_found(cli, round_dir):
    prof = json.loads((ROOT / "data/profiles/bma-core.json").read_text(encoding="utf-8"))
    (round_dir / "profile.json").write_text(json.dumps(prof), encoding="utf-8")  # not canonical
    m = score(cli, round_dir, "--profile", "profile.json")
    # The content hash is of the canonical JSON: the same as the shipped, canonical file's.
    assert m["profile"] == {"id": "bma-core", "source": "profile.json",
                            "sha256": sha256(ROOT / "data/profiles/bma-core.json")}
    assert m["inputs"][-1] == {"role": "profile", "path": "profile.json",
                               "sha256": sha256(round_dir / "profile.json"),
                               "size": (round_dir / "profile.json").stat().st_size}
    assert run(cli, "verify", "scores.manifest.json", cwd=round_dir).returncode == 0
    k3 = next(p for p in prof["positions"] if p["code"] == "K3")
    k3["expected"] += 1
    (round_dir / "profile.json").write_text(json.dumps(prof), encoding="utf-8")
    p = run(cli, "verify", "scores.manifest.json", cwd=round_dir)
    assert p.returncode == 1
    differs = [l.split(":")[0] for l in p.stdout.splitlines() if l.startswith("DIFFERS")]
    assert differs == ["DIFFERS input profile", "DIFFERS profile", "DIFFERS scores"]


def test_diff_scores_reads_csv_json_and_xlsx_alike(cli, round_dir):
    for out in ("s.csv", "s.json", "s.xlsx"):
        score(cli, round_dir, out=out, manifest=out + ".manifest.json")
    for a, b in (("s.csv", "s.json"), ("s.json", "s.xlsx"), ("s.xlsx", "s.csv")):
        p = run(cli, "diff-scores", a, b, "--format", "json", cwd=round_dir)
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)["changes"] == [], (a, b)
