"""`samatthana validate`: the C++ JSON Schema validator agrees with Python's jsonschema (valid or
not, and the set of failing JSON paths) on the shipped frameworks and profiles and on a few hundred
seeded random mutations of them; every problem is located; the library's own rules are applied;
exit codes 0 / 1 / 2."""
import copy
import json
import pathlib
import random
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema")
from jsonschema import Draft202012Validator  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "data" / "schemas"
FRAMEWORKS = sorted((ROOT / "data" / "frameworks").glob("*.json"))
PROFILES = sorted((ROOT / "data" / "profiles").glob("*.json"))


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")))


def path_of(parts) -> str:
    s = "$"
    for p in parts:
        s += f"[{p}]" if isinstance(p, int) else f".{p}"
    return s


def python_paths(kind: str, doc) -> set[str]:
    """Failing paths as the C++ validator reports them: an unknown key at the key itself."""
    out = set()
    for e in validator(kind).iter_errors(doc):
        if e.validator == "additionalProperties" and e.validator_value is False:
            allowed = set(e.schema.get("properties", {}))
            for k in e.instance:
                if k not in allowed:
                    out.add(path_of([*e.absolute_path, k]))
        else:
            out.add(path_of(e.absolute_path))
    return out


def run(cli, *args, **kw):
    return subprocess.run([cli, *args], cwd=ROOT, capture_output=True, **kw)


def cpp_report(cli, kind: str, path: pathlib.Path) -> dict:
    p = run(cli, "validate", "--kind", kind, "--format", "json", str(path))
    assert p.returncode in (0, 1), p.stderr.decode()
    report = json.loads(p.stdout.decode("utf-8"))
    assert report["valid"] == (p.returncode == 0)
    return report


def cpp_paths(report: dict) -> set[str]:
    return {p["path"] for p in report["problems"] if p["source"] == "schema"}


@pytest.mark.parametrize("path", FRAMEWORKS + PROFILES, ids=lambda p: p.name)
def test_shipped_files_are_valid(cli, path):
    p = run(cli, "validate", str(path))
    assert p.returncode == 0, p.stdout.decode() + p.stderr.decode()
    assert p.stdout.decode().endswith(": valid\n")


# ---- mutations ----------------------------------------------------------------------------------

REPLACEMENTS = [None, True, 0, -1, 7, 1.5, 1e9, "", "x", "BAD ID!", "๑", [], {}, [1], {"x": 1}]


def nodes(doc, parts=()):
    yield parts, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from nodes(v, (*parts, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from nodes(v, (*parts, i))


def set_at(doc, parts, value):
    if not parts:
        return value
    target = doc
    for p in parts[:-1]:
        target = target[p]
    target[parts[-1]] = value
    return doc


def mutate(doc, rng: random.Random):
    doc = copy.deepcopy(doc)
    for _ in range(rng.choice([1, 1, 2, 3])):
        parts, node = rng.choice(list(nodes(doc)))
        op = rng.randrange(5)
        if op == 0 and isinstance(node, dict) and node:
            del node[rng.choice(list(node))]
        elif op == 1 and isinstance(node, dict):
            node[rng.choice(["unexpected", "note", "en", "level"])] = rng.choice(REPLACEMENTS)
        elif op == 2 and isinstance(node, list) and node:
            rng.choice([lambda: node.clear(), lambda: node.append(copy.deepcopy(node[0])), lambda: node.pop()])()
        else:
            doc = set_at(doc, parts, copy.deepcopy(rng.choice(REPLACEMENTS)))
    return doc


def mutation_cases():
    rng = random.Random(20261203)
    cases = []
    for path in FRAMEWORKS + PROFILES:
        kind = "framework" if path in FRAMEWORKS else "profile"
        doc = json.loads(path.read_text(encoding="utf-8"))
        for i in range(40):
            cases.append((f"{path.stem}-{i}", kind, mutate(doc, rng)))
    return cases


def test_agrees_with_jsonschema_on_mutations(cli, tmp_path):
    cases = mutation_cases()
    assert len(cases) >= 200
    disagreements, invalid = [], 0
    for name, kind, doc in cases:
        f = tmp_path / f"{name}.json"
        f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        report = cpp_report(cli, kind, f)
        want = python_paths(kind, doc)
        got = cpp_paths(report)
        invalid += bool(want)
        if got != want:
            disagreements.append((name, sorted(want - got), sorted(got - want)))
        for p in report["problems"]:
            if p["source"] == "schema" and p["path"] != "$":
                assert p["line"] > 0 and p["column"] > 0, (name, p)
    assert not disagreements, disagreements[:5]
    assert invalid > len(cases) // 2  # the mutations do break things


# ---- the command --------------------------------------------------------------------------------

def test_every_problem_located_in_text(cli, tmp_path):
    doc = json.loads(FRAMEWORKS[0].read_text(encoding="utf-8"))
    doc["id"] = "Bad Id"
    doc["competencies"][1]["levels"][0]["level"] = "one"
    doc["competencies"][0]["surprise"] = 1
    f = tmp_path / "fw.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    p = run(cli, "validate", str(f))
    assert p.returncode == 1
    out = p.stdout.decode("utf-8").splitlines()
    assert any(l.startswith(f"{f}:3:9: $.id: does not match the pattern") for l in out), out
    assert any("$.competencies[1].levels[0].level: expected integer, found a string" in l for l in out), out
    assert any("$.competencies[0].surprise: unknown key" in l for l in out), out
    assert out[-1] == f"{f}: 3 problems"


def test_rule_problem_after_schema(cli, tmp_path):
    """Schema-valid but breaks a library rule (duplicate competency id): one rule problem."""
    doc = json.loads(FRAMEWORKS[0].read_text(encoding="utf-8"))
    doc["competencies"].append(copy.deepcopy(doc["competencies"][0]))
    f = tmp_path / "dup.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert python_paths("framework", doc) == set()
    report = cpp_report(cli, "framework", f)
    assert [p["source"] for p in report["problems"]] == ["rule"]


def test_kind_from_format_and_errors(cli, tmp_path):
    f = tmp_path / "x.json"
    f.write_text('{"format": "other"}', encoding="utf-8")
    p = run(cli, "validate", str(f))
    assert p.returncode == 1 and b"$.format: cannot tell what kind of file" in p.stdout
    f.write_text('{"format": "samatthana-profile/1",\n  "id": 5', encoding="utf-8")
    p = run(cli, "validate", str(f))
    assert p.returncode == 1 and f"{f}:2".encode() in p.stdout
    assert run(cli, "validate").returncode == 2
    assert run(cli, "validate", "--kind", "people", str(f)).returncode == 2
    p = run(cli, "validate", str(tmp_path / "missing.json"))
    assert p.returncode == 1 and b"missing.json" in p.stderr


def test_terminal_escapes_in_problems(cli, tmp_path):
    doc = json.loads(PROFILES[0].read_text(encoding="utf-8"))
    doc["id"] = "\x1b[31mred"
    doc["\u202eevil"] = 1
    f = tmp_path / "p.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = run(cli, "validate", str(f))
    assert p.returncode == 1
    assert b"\x1b" not in p.stdout and "\u202e".encode() not in p.stdout


# ---- export / import (CASE 1.1) -----------------------------------------------------------------

def test_case_round_trip_every_builtin(cli, tmp_path):
    ids = [p.stem for p in FRAMEWORKS]
    for fw in ids:
        pkg = tmp_path / f"{fw}.case.json"
        back = tmp_path / f"{fw}.json"
        assert run(cli, "export", "--format", "case", fw, "-o", str(pkg)).returncode == 0
        doc = json.loads(pkg.read_text(encoding="utf-8"))
        assert "CFDocument" in doc and "CFItems" in doc
        assert run(cli, "import", str(pkg), "-o", str(back)).returncode == 0
        want = run(cli, "show", "--framework", fw, "--format", "json").stdout
        assert back.read_bytes() == want, fw
        assert run(cli, "validate", str(back)).returncode == 0
        # stdout and --framework give the same bytes
        assert run(cli, "export", "--framework", fw).stdout == pkg.read_bytes()


def test_import_broken_package_located(cli, tmp_path):
    pkg = json.loads(run(cli, "export", "bma-core-2550").stdout)
    del pkg["CFItems"][3]["fullStatement"]
    f = tmp_path / "broken.json"
    f.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    p = run(cli, "import", str(f))
    assert p.returncode == 1 and p.stdout == b""
    assert f"{f}".encode() in p.stderr and b"$.CFItems[3]" in p.stderr, p.stderr
    f.write_text("{not json", encoding="utf-8")
    p = run(cli, "import", str(f))
    assert p.returncode == 1 and f"{f}:1:".encode() in p.stderr


def test_export_import_usage_errors(cli, tmp_path):
    assert run(cli, "export").returncode == 2
    assert run(cli, "export", "nope").returncode == 2
    assert run(cli, "export", "--format", "xml", "bma").returncode == 2
    assert run(cli, "export", "bma", "--framework", "ocsc").returncode == 2
    assert run(cli, "import").returncode == 2
    assert run(cli, "import", str(tmp_path / "none.json")).returncode == 2
