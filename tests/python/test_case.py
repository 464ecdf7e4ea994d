"""CASE 1.1 (docs/case.md): every built-in framework's CFPackage validates against
data/schemas/case-1.1.schema.json (draft 2020-12, formats checked: uuid, uri, date-time, date),
its identifiers are Python's uuid.uuid5 of the documented paths, the round trip is exact, and a
broken package is a located ValidationError."""
import copy
import datetime
import json
import pathlib
import re
import uuid

import pytest

import samatthana

jsonschema = pytest.importorskip("jsonschema")
from jsonschema import Draft202012Validator, FormatChecker  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "data" / "schemas" / "case-1.1.schema.json"
FOREIGN = ROOT / "tests" / "data" / "case" / "opensalt-example.json"
NS = uuid.UUID("5a1d7c3e-2b4f-5e60-9a8b-7c6d5e4f3a21")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

checker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)


@checker.checks("date-time", raises=ValueError)
def _date_time(value):  # Debian's jsonschema checks date-time only with rfc3339-validator
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        raise ValueError("not an RFC 3339 date-time")
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "NOT the schema published by 1EdTech" in schema["description"]
    return Draft202012Validator(schema, format_checker=checker)


def errors(doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(doc)]


IDS = samatthana.builtin_framework_ids()


@pytest.mark.parametrize("fid", IDS)
def test_export_validates_against_the_schema(fid):
    doc = json.loads(samatthana.to_case_json(samatthana.framework(fid)))
    assert errors(doc) == []


def test_foreign_example_validates():
    assert errors(json.loads(FOREIGN.read_text(encoding="utf-8"))) == []


def test_schema_rejects_bad_uuid_date_and_missing_fields():
    doc = json.loads(samatthana.to_case_json(samatthana.bma_core()))
    doc["CFItems"][0]["identifier"] = "x"
    doc["CFItems"][1]["lastChangeDateTime"] = "2007-13-01T00:00:00Z"
    del doc["CFItems"][2]["fullStatement"]
    doc["CFAssociations"][0]["associationType"] = "isParentOf"
    doc["CFDocument"]["extra"] = 1
    found = "\n".join(errors(doc))
    assert "CFItems/0/identifier" in found
    assert "CFItems/1/lastChangeDateTime" in found
    assert "'fullStatement' is a required property" in found
    assert "CFAssociations/0/associationType" in found
    assert "'extra' was unexpected" in found


@pytest.mark.parametrize("fid", IDS)
def test_identifiers_are_python_uuid5(fid):
    fw = samatthana.framework(fid)
    doc = json.loads(samatthana.to_case_json(fw))
    u = lambda path: str(uuid.uuid5(NS, path))  # noqa: E731
    assert samatthana.CASE_NAMESPACE == str(NS)
    assert doc["CFDocument"]["identifier"] == u(fid)
    items = {i["identifier"]: i for i in doc["CFItems"]}
    for c in fw.competencies:
        assert items[u(f"{fid}/{c.id}")]["fullStatement"] == c.name.th
        for lv in c.levels:
            assert items[u(f"{fid}/{c.id}/level/{lv.number}")]["fullStatement"] == lv.title.th
            for ind in lv.indicators:
                assert items[u(f"{fid}/indicator/{ind.id}")]["fullStatement"] == ind.text.th
    assert samatthana.uuid_v5(str(uuid.NAMESPACE_DNS), "python.org") == str(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
    # every identifier in the package is unique
    all_ids = [doc["CFDocument"]["identifier"]] + list(items) + [a["identifier"] for a in doc["CFAssociations"]]
    for r in doc["CFRubrics"]:
        all_ids.append(r["identifier"])
        for c in r["CFRubricCriteria"]:
            all_ids.append(c["identifier"])
            all_ids += [lv["identifier"] for lv in c["CFRubricCriterionLevels"]]
    assert len(all_ids) == len(set(all_ids))


@pytest.mark.parametrize("fid", IDS)
def test_round_trip_is_exact(fid):
    fw = samatthana.framework(fid)
    text = samatthana.to_case_json(fw)
    assert samatthana.to_case_json(fw) == text
    back = samatthana.parse_case_json(text, f"{fid}.case.json")
    assert back.to_json() == fw.to_json()


def test_foreign_package_and_located_error():
    fw = samatthana.parse_case_json(FOREIGN.read_text(encoding="utf-8"), str(FOREIGN))
    assert [c.id for c in fw.competencies] == ["tw_1", "an_2"]
    doc = json.loads(FOREIGN.read_text(encoding="utf-8"))
    doc["CFItems"][3]["fullStatement"] = ""
    with pytest.raises(samatthana.ValidationError) as e:
        samatthana.parse_case_json(json.dumps(doc), "broken.json")
    assert e.value.path == "$.CFItems[3].fullStatement"
    assert e.value.file == "broken.json"
