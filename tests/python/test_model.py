"""The Python model API on the shipped BMA framework."""
import json
import pathlib

import pandas as pd
import pytest

import samatthana


def test_version_matches_version_file(root):
    assert samatthana.__version__ == (root / "VERSION").read_text().strip()


def test_bma_core_structure():
    fw = samatthana.bma_core()
    assert fw.id == "bma-core-2550"
    assert [c.id for c in fw.competencies] == ["integrity", "service", "achievement", "teamwork", "expertise"]
    assert [c.max_level for c in fw.competencies] == [5, 6, 5, 5, 5]
    assert [c.codes["dpis"] for c in fw.competencies] == ["101", "102", "103", "104", "105"]
    assert fw.level_zero.th == "ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน"
    assert fw.provenance.letter_number == "กท ๐๓๐๒/๖๙๐"
    assert len(fw) == 5 and "service" in fw and "leadership" not in fw


def test_lookup_by_code_name_alias_and_spacing():
    fw = samatthana.bma_core()
    assert fw.competency("102").id == "service"
    assert fw.competency("๑๐๒").id == "service"
    assert fw["การ บริการ\u200bที่ดี"].id == "service"
    assert fw.competency("ทำงานเป็นทีม").id == "teamwork"
    assert fw.find("ภาวะผู้นำ") is None
    with pytest.raises(samatthana.LookupError) as exc:
        fw.competency("ภาวะผู้นำ")
    assert isinstance(exc.value, KeyError)
    assert exc.value.value == "ภาวะผู้นำ"
    assert "known ids: integrity" in str(exc.value)


def test_cumulative_queries():
    service = samatthana.bma_core().competency("service")
    through3 = service.indicators_through(3)
    assert [i.id for i in through3] == [
        i.id for k in (1, 2, 3) for i in service.level(k).indicators
    ]
    assert service.indicators_at(0) == [] and service.indicators_through(0) == []
    assert service.full_title(2).startswith("แสดงสมรรถนะระดับที่ ๑ และ")
    assert service.full_title(2, digits="arabic").startswith("แสดงสมรรถนะระดับที่ 1 และ")
    with pytest.raises(samatthana.LookupError):
        service.indicators_through(7)


def test_objects_outlive_their_framework_reference():
    c = samatthana.framework("bma-core-2550").competency("integrity")
    import gc

    gc.collect()
    assert c.level(1).title.th == "ซื่อสัตย์สุจริต"


def test_to_dataframe_one_row_per_indicator():
    fw = samatthana.bma_core()
    df = fw.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == fw.indicator_count
    assert list(df.columns[:5]) == ["competency_id", "competency", "level", "level_title", "indicator_id"]
    assert df["indicator_id"].is_unique
    row = df.set_index("indicator_id").loc["integrity.1.1"]
    assert row["level"] == 1 and row["text"].startswith("ปฏิบัติหน้าที่ด้วยความโปร่งใส")
    assert df.groupby("competency_id")["level"].max().to_dict()["service"] == 6


def test_corrections_table_lists_source_and_corrected_text():
    corr = samatthana.bma_core().corrections()
    row = corr.set_index("where").loc["integrity.1.title"]
    assert row["source_text"] == "ชื่อสัตย์สุจริต" and row["text"] == "ซื่อสัตย์สุจริต"
    assert (corr["note"].str.len() > 0).all()


def test_reprs_and_html():
    fw = samatthana.bma_core()
    assert repr(fw).startswith("<Framework bma-core-2550")
    assert "5 competencies" in repr(fw)
    assert repr(fw.competency("service")) == "<Competency service 'การบริการที่ดี': levels 1..6>"
    html = fw._repr_html_()
    assert "<table>" in html and "คุณธรรมจริยธรรม" in html
    chtml = fw.competency("service")._repr_html_()
    assert "๖" in chtml and "service.6.1" in chtml
    assert repr(fw.indicator("integrity.1.1")).startswith("<Indicator integrity.1.1 ")


def test_json_round_trip_and_save(tmp_path, root):
    fw = samatthana.bma_core()
    shipped = (root / "data/frameworks/bma-core-2550.json").read_text(encoding="utf-8")
    assert fw.to_json() == shipped
    fw.save(tmp_path / "copy.json")
    assert samatthana.load_framework(tmp_path / "copy.json") == fw


def test_malformed_file_errors_have_location(tmp_path, root):
    text = (root / "data/frameworks/bma-core-2550.json").read_text(encoding="utf-8")
    bad = text.replace('"id": "service"', '"id": "integrity"', 1)
    p = tmp_path / "dup.json"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(samatthana.ValidationError) as exc:
        samatthana.load_framework(p)
    assert exc.value.path == "$.competencies[1].id"
    assert exc.value.file == str(p)
    assert isinstance(exc.value, ValueError)

    p.write_text(text[:500], encoding="utf-8")
    with pytest.raises(samatthana.ParseError) as exc:
        samatthana.load_framework(p)
    assert exc.value.line > 1 and exc.value.column >= 1

    p.write_bytes(text.encode()[:300] + b"\xff" + text.encode()[300:])
    with pytest.raises(samatthana.EncodingError) as exc:
        samatthana.load_framework(p)
    assert exc.value.byte_offset == 300

    with pytest.raises(samatthana.IoError):
        samatthana.load_framework(tmp_path / "missing.json")


def test_unknown_builtin_framework():
    with pytest.raises(samatthana.LookupError):
        samatthana.framework("no-such-framework")
    assert "bma-core-2550" in samatthana.builtin_framework_ids()
