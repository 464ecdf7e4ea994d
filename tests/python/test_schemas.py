"""The JSON Schemas of data/schemas/: each is a valid draft 2020-12 schema; every shipped framework,
profile and correspondence file validates; every JSON the CLI prints for those formats and for
scores validates; and the schemas reject what the library rejects structurally."""
import copy
import json
import pathlib
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema")
from jsonschema import Draft202012Validator  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "data" / "schemas"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(doc)]


@pytest.mark.parametrize("name", ["framework", "profile", "correspondence", "scores", "manifest", "activities"])
def test_schema_is_valid_2020_12(name):
    validator(name)


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "frameworks").glob("*.json")), ids=lambda p: p.name)
def test_shipped_frameworks_validate(path):
    assert errors("framework", json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "profiles").glob("*.json")), ids=lambda p: p.name)
def test_shipped_profiles_validate(path):
    assert errors("profile", json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "correspondence").glob("*.json")), ids=lambda p: p.name)
def test_shipped_correspondence_validates(path):
    assert errors("correspondence", json.loads(path.read_text(encoding="utf-8"))) == []


def run(cli: str, *args: str) -> str:
    out = subprocess.run([cli, *args], cwd=ROOT, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_cli_framework_json_validates(cli):
    for fw in sorted(p.stem for p in (ROOT / "data" / "frameworks").glob("*.json")):
        doc = json.loads(run(cli, "show", "--framework", fw, "--format", "json"))
        assert errors("framework", doc) == [], fw


SAMPLES = ROOT / "data" / "samples"


@pytest.mark.parametrize("args", [
    ["score", str(SAMPLES / "ratings.csv"), "--missing", "zero", "--format", "json"],
    ["score", str(SAMPLES / "ratings.csv"), "--evidence", str(SAMPLES / "evidence.csv"),
     "--results", str(SAMPLES / "results.csv"), "--format", "json"],
    ["score", str(SAMPLES / "ratings-360.csv"), "--raters", "weighted", "--format", "json"],
    ["score", str(SAMPLES / "ratings.csv"), "--evidence", str(SAMPLES / "evidence.csv"),
     "--method", "bar", "--format", "json"],
], ids=["ratings", "evidence-results", "weighted-raters", "bar"])
def test_cli_scores_json_validates(cli, args):
    doc = json.loads(run(cli, *args))
    assert doc["people"], "no people scored"
    assert errors("scores", doc) == []


def shipped(name: str) -> dict:
    return json.loads((ROOT / "data" / "frameworks" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d.update(extra=1), ""),
    (lambda d: d.pop("level_zero"), ""),
    (lambda d: d["competencies"][0].update(group="optional"), "competencies/0/group"),
    (lambda d: d["competencies"][0]["levels"][0].update(level=0), "competencies/0/levels/0/level"),
    (lambda d: d["competencies"][0]["levels"][0]["indicators"].clear(), "competencies/0/levels/0/indicators"),
    (lambda d: d["competencies"][0].update(levels=d["competencies"][0]["levels"] * 21), "competencies/0/levels"),
    (lambda d: d["competencies"][0].update(id="Integrity"), "competencies/0/id"),
    (lambda d: d["name"].update(th=""), "name/th"),
], ids=["unknown-field", "no-level-zero", "bad-group", "level-0", "no-indicators", "101-levels",
        "id-case", "empty-thai"])
def test_framework_schema_rejects(mutate, where):
    doc = copy.deepcopy(shipped("bma-core-2550"))
    mutate(doc)
    errs = errors("framework", doc)
    assert errs, "accepted"
    assert any(e.split(":")[0] == where for e in errs), errs


def test_profile_schema_rejects_bands_above_100_and_unknown_method():
    doc = json.loads((ROOT / "data" / "profiles" / "bma-core.json").read_text(encoding="utf-8"))
    doc["scheme"]["bands"][0]["min"] = 101
    doc["method"] = "median"
    where = {e.split(":")[0] for e in errors("profile", doc)}
    assert {"scheme/bands/0/min", "method"} <= where
