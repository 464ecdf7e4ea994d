"""samatthana.to_excel: DataFrames written by the library's workbook writer (the CLI's rules), read
back with python3-openpyxl and compared with the CLI's CSV output."""
import csv
import os
import pathlib
import stat
import subprocess

import pytest

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

import samatthana  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data/samples/ratings.csv"
RESULTS = ROOT / "data/samples/results.csv"
XLSX = ROOT / "tests/data/xlsx"
ENC = ROOT / "tests/data/encodings"
FORMULA = '=HYPERLINK("http://example.com","x")'


def run(cli, *args):
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    assert p.returncode == 0, p.stderr.decode()
    return p


def sheet_values(path, sheet):
    """Header and rows of a sheet as openpyxl reads them (None = empty cell)."""
    ws = openpyxl.load_workbook(path)[sheet]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return rows[0], rows[1:]


def csv_values(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def assert_same_values(xlsx_path, sheet, csv_path):
    """Every cell of the CLI's scores CSV equals the workbook's cell of the same column: numbers
    as numbers, text as text, empty as empty (columns the CSV does not have are left out)."""
    xh, xrows = sheet_values(xlsx_path, sheet)
    ch, crows = csv_values(csv_path)
    assert len(xrows) == len(crows)
    at = {h: k for k, h in enumerate(xh)}
    for h in ch:
        k, j = at[h], ch.index(h)
        for xr, cr in zip(xrows, crows):
            want, got = cr[j], xr[k]
            if want == "":
                assert got is None, (h, got)
            elif isinstance(got, (int, float)):
                assert got == float(want), (h, got, want)
            else:
                assert got == (want[1:] if want.startswith("'=") else want), (h, got, want)


def test_scores_equal_the_cli_csv_in_values(tmp_path, cli):
    results = pd.read_csv(RESULTS, dtype={"person_id": str}, encoding="utf-8-sig")
    scored = samatthana.score(samatthana.read_ratings(SAMPLE), missing="zero", results=results)
    samatthana.to_excel(scored, tmp_path / "s.xlsx")
    run(cli, "score", SAMPLE, "--results", RESULTS, "--missing", "zero", "-o", tmp_path / "s.csv")
    assert_same_values(tmp_path / "s.xlsx", "scores", tmp_path / "s.csv")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["scores"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.name == "Tahoma" and ws["A1"].font.b
    header = [c.value for c in ws[1]]
    held = header.index("integrity_held") + 1
    cell = ws.cell(row=2, column=held)
    assert isinstance(cell.value, int) and cell.number_format == "0"
    score_cell = ws.cell(row=2, column=header.index("competency_score") + 1)
    assert isinstance(score_cell.value, (int, float)) and score_cell.number_format == "0.00"
    assert ws.cell(row=2, column=header.index("band") + 1).data_type == "s"
    assert ws.column_dimensions["C"].width > len("unit") + 2  # widened to the Thai unit names


def test_a_formula_like_name_stays_text(tmp_path):
    df = samatthana.read_ratings(SAMPLE).head(3)
    df.loc[1, "name"] = FORMULA
    df.loc[2, "name"] = "+66 2 123 4567"
    samatthana.to_excel(samatthana.score(df, missing="zero"), tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx")["scores"]
    assert ws["B3"].value == FORMULA and ws["B3"].data_type == "s"
    assert ws["B4"].value == "+66 2 123 4567" and ws["B4"].data_type == "s"
    assert b"<f>" not in (tmp_path / "f.xlsx").read_bytes()


def test_round_trip_xlsx_ratings_score_to_excel_equals_the_csv_path(tmp_path, cli):
    """ratings.xlsx → read_ratings → score → to_excel → read back == samatthana score on the same
    ratings as UTF-8 CSV, cell for cell."""
    scored = samatthana.score(samatthana.read_ratings(XLSX / "ratings.xlsx"), missing="zero")
    samatthana.to_excel(scored, tmp_path / "rt.xlsx")
    run(cli, "score", ENC / "ratings-utf8.csv", "--missing", "zero", "-o", tmp_path / "rt.csv")
    assert_same_values(tmp_path / "rt.xlsx", "scores", tmp_path / "rt.csv")
    # and read back with pandas: the DataFrame's values
    back = pd.read_excel(tmp_path / "rt.xlsx", dtype={"person_id": str, "position_code": str})
    assert back["person_id"].tolist() == scored["person_id"].tolist()
    assert back["competency_score"].tolist() == scored["competency_score"].tolist()
    assert back["integrity_held"].tolist() == scored["integrity_held"].tolist()


def test_per_position_sets_leave_cells_outside_a_set_empty(tmp_path):
    df = pd.DataFrame({"person_id": ["A1"], "position": ["K2"], "job_line": ["นักทรัพยากรบุคคล"]})
    fw = samatthana.framework("ocsc-full-2552")
    try:
        scored = samatthana.score(df, profile="ocsc-full", missing="zero")
    except samatthana.Error as e:  # pragma: no cover - depends on the profile's job lines
        pytest.skip(f"no such job line in the profile: {e}")
    samatthana.to_excel(scored, tmp_path / "sets.xlsx")
    kinds = samatthana.excel.cell_kinds(scored)
    header, rows = sheet_values(tmp_path / "sets.xlsx", "scores")
    assert header[4] == "job_line"
    for c in fw.competencies:
        k = header.index(f"{c.id}_held")
        assert kinds[f"{c.id}_held"] == "integer"
        value = scored[f"{c.id}_held"].iloc[0]
        assert rows[0][k] == (None if pd.isna(value) else int(value))


def test_several_sheets_summary_as_percentages_with_the_group_index(tmp_path):
    scored = samatthana.score(samatthana.read_ratings(SAMPLE), missing="zero")
    by_unit = samatthana.summarize(scored, "unit")
    samatthana.to_excel({"scores": scored, "หน่วยงาน": by_unit}, tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert book.sheetnames == ["scores", "หน่วยงาน"]
    ws = book["หน่วยงาน"]
    header = [c.value for c in ws[1]]
    assert header[0] == "unit" and ws.freeze_panes == "A2"
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == [str(u) for u in by_unit.index]
    k = header.index("share_meeting_all") + 1
    assert ws.cell(row=2, column=k).number_format == "0.0%"
    assert ws.cell(row=2, column=k).value == pytest.approx(by_unit["share_meeting_all"].iloc[0])
    assert ws.cell(row=2, column=header.index("people") + 1).value == by_unit["people"].iloc[0]


def test_plain_dataframe_kinds(tmp_path):
    df = pd.DataFrame({"id": ["007", None], "n": pd.array([3, None], dtype="Int8"), "x": [0.5, float("nan")],
                       "ok": [True, False], "cat": pd.Categorical(["ก", "ข"])})
    assert samatthana.excel.cell_kinds(df) == {"id": "text", "n": "integer", "x": "number", "ok": "text",
                                               "cat": "text"}
    samatthana.to_excel(df, tmp_path / "p.xlsx", sheet="ข้อมูล")
    header, rows = sheet_values(tmp_path / "p.xlsx", "ข้อมูล")
    assert header == ["id", "n", "x", "ok", "cat"]
    assert rows == [["007", 3, 0.5, "TRUE", "ก"], [None, None, None, "FALSE", "ข"]]


def test_dates_are_refused_not_guessed(tmp_path):
    df = pd.DataFrame({"when": pd.to_datetime(["2026-01-01"])})
    with pytest.raises(TypeError, match="when"):
        samatthana.to_excel(df, tmp_path / "d.xlsx")
    assert not (tmp_path / "d.xlsx").exists()


def test_bad_sheet_name_is_a_validation_error_and_the_old_file_stays(tmp_path):
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(samatthana.ValidationError) as e:
        samatthana.to_excel(pd.DataFrame({"a": [1]}), out, sheet="a/b")
    assert e.value.path == "sheet" and "a/b" in str(e.value)
    with pytest.raises(samatthana.ValidationError):
        samatthana.to_excel({"x": pd.DataFrame({"a": [1]}), "X": pd.DataFrame({"a": [2]})}, out)
    assert out.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["keep.xlsx"]  # no temporary file left


def test_written_as_the_cli_writes_mode_kept_symlink_target_replaced(tmp_path):
    target = tmp_path / "real.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    samatthana.to_excel(pd.DataFrame({"a": [1]}), link)
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes()[:4] == b"PK\x03\x04"
    with pytest.raises(samatthana.IoError):
        samatthana.to_excel(pd.DataFrame({"a": [1]}), tmp_path / "no-such-folder" / "x.xlsx")


def test_too_long_text_is_located(tmp_path):
    df = pd.DataFrame({"a": ["x", "ก" * 40000]})
    with pytest.raises(samatthana.ValidationError) as e:
        samatthana.to_excel(df, tmp_path / "long.xlsx")
    assert e.value.line == 3 and e.value.column == 1


def test_not_a_dataframe_is_a_type_error(tmp_path):
    with pytest.raises(TypeError):
        samatthana.to_excel([1, 2], tmp_path / "x.xlsx")
    with pytest.raises(TypeError):
        samatthana.to_excel({"a": [1]}, tmp_path / "x.xlsx")
