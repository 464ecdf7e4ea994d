"""Formats through the CLI and the Python module: cp874 and UTF-16 CSV, .xlsx read (written by
python3-openpyxl) and written (read back by openpyxl). Fixtures: tests/data/encodings/make.py."""
import os
import pathlib
import subprocess

import pytest

openpyxl = pytest.importorskip("openpyxl")

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENC = ROOT / "tests/data/encodings"
XLSX = ROOT / "tests/data/xlsx"
SAMPLE = ROOT / "data/samples/ratings.csv"


def run(cli, *args, ok=True):
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    if ok:
        assert p.returncode == 0, p.stderr.decode()
    return p


def plan_head(cli, path, *extra):
    return run(cli, "plan", path, "--person", "BKK00003", *extra).stdout.decode().splitlines()[0]


def test_every_encoding_reads_as_utf8(cli):
    want = plan_head(cli, ENC / "ratings-utf8.csv")
    assert "ณัฐธิดา, ศรีสวัสดิ์" in want
    assert plan_head(cli, ENC / "ratings-cp874.csv", "--encoding", "cp874") == want
    assert plan_head(cli, ENC / "ratings-cp874-tab.txt", "--encoding", "tis-620") == want
    assert plan_head(cli, ENC / "ratings-utf16le.txt") == want
    assert plan_head(cli, ENC / "ratings-utf16be.txt", "--encoding", "utf-16") == want
    assert plan_head(cli, XLSX / "ratings.xlsx") == want


def test_cp874_without_encoding_is_an_error_that_says_what_to_do(cli):
    p = run(cli, "plan", ENC / "ratings-cp874.csv", "--person", "BKK00003", ok=False)
    assert p.returncode == 1
    err = p.stderr.decode()
    assert "ratings-cp874.csv:1:30 (byte 29)" in err and "--encoding cp874" in err


def test_undefined_cp874_byte_is_located(cli):
    p = run(cli, "plan", ENC / "ratings-cp874-bad.csv", "--person", "BKK00003", "--encoding", "cp874", ok=False)
    assert p.returncode == 1
    assert "ratings-cp874-bad.csv:3:11 (byte 167): byte 0xDB is not a character of Windows-874" in p.stderr.decode()


def test_bad_encoding_name_is_a_usage_error(cli):
    p = run(cli, "plan", SAMPLE, "--person", "BKK00001", "--encoding", "latin1", ok=False)
    assert p.returncode == 2
    assert "auto|utf-8|utf-16|cp874" in p.stderr.decode()


def _workbook(tmp_path, rows, title="Sheet1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    path = tmp_path / "ratings.xlsx"
    wb.save(path)
    return path


def _sample_rows(n=6):
    import csv
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[:n]
    return [rows[0]] + [r[:4] + [int(v) if v else None for v in r[4:]] for r in rows[1:]]


def test_openpyxl_workbook_errors_name_the_cell(tmp_path, cli):
    rows = _sample_rows()
    rows[3][6] = 7  # G4: achievement above its highest level
    path = _workbook(tmp_path, rows, "ผลประเมิน")
    p = run(cli, "score", path, "--missing", "zero", ok=False)
    assert p.returncode == 1
    assert "ratings.xlsx:4:7: ผลประเมิน!G4 (achievement): level above the highest level" in p.stderr.decode()
    p = run(cli, "score", path, "--sheet", "Sheet1", ok=False)
    assert "no sheet named 'Sheet1' in this workbook (its sheets: ผลประเมิน)" in p.stderr.decode()


def _score_supports_xlsx(cli):
    return "xlsx" in run(cli, "score", "--help").stdout.decode()


def test_score_xlsx_round_trip_equals_csv(tmp_path, cli):
    if not _score_supports_xlsx(cli):
        pytest.skip("score does not write .xlsx yet (src/cli/score.cpp must call output_scores)")
    import pandas as pd
    rows = _sample_rows(12)
    rows[1][1] = '=HYPERLINK("http://example.com","x")'  # a name that must stay text
    path = tmp_path / "ratings.csv"
    import csv
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    # openpyxl would write the name as a formula: make it a text cell, as Excel keeps a typed '=...
    wb.active["B2"].data_type = "s"
    wb.save(tmp_path / "ratings.xlsx")
    run(cli, "score", path, "--missing", "zero", "-o", tmp_path / "from-csv.xlsx")
    run(cli, "score", tmp_path / "ratings.xlsx", "--missing", "zero", "-o", tmp_path / "from-xlsx.xlsx")
    run(cli, "score", path, "--missing", "zero", "-o", tmp_path / "scores.csv")
    csv_df = pd.read_csv(tmp_path / "scores.csv", encoding="utf-8-sig", dtype={"person_id": str})
    for out in ("from-csv.xlsx", "from-xlsx.xlsx"):
        book = openpyxl.load_workbook(tmp_path / out)
        ws = book["scores"]
        assert ws.freeze_panes == "A2"
        assert ws["B2"].value == rows[1][1] and ws["B2"].data_type == "s"
        assert isinstance(ws["F2"].value, int)  # a level is a whole number
        assert ws["A1"].font.name == "Tahoma"
        df = pd.read_excel(tmp_path / out, dtype={"person_id": str})
        # The CSV neutralises formula-like text with a ' prefix; the workbook holds the text.
        csv_df["name"] = csv_df["name"].str.replace(r"^'(?=[=+\-@])", "", regex=True)
        pd.testing.assert_frame_equal(df, csv_df, check_dtype=False)
    # Thai text both ways.
    assert pd.read_excel(tmp_path / "from-xlsx.xlsx")["unit"].iloc[0] == rows[1][2]


def test_score_format_xlsx_to_a_pipe(tmp_path, cli):
    if not _score_supports_xlsx(cli):
        pytest.skip("score does not write .xlsx yet (src/cli/score.cpp must call output_scores)")
    p = run(cli, "score", SAMPLE, "--missing", "zero", "--format", "xlsx")
    assert p.stdout[:4] == b"PK\x03\x04"
    out = tmp_path / "s.xlsx"
    out.write_bytes(p.stdout)
    assert openpyxl.load_workbook(out)["scores"].max_row == 1 + len(SAMPLE.read_text(encoding="utf-8-sig").splitlines()) - 1


def test_python_reads_xlsx_and_utf16(tmp_path):
    samatthana = pytest.importorskip("samatthana")
    want = samatthana.read_ratings(ENC / "ratings-utf8.csv")
    for path in (XLSX / "ratings.xlsx", ENC / "ratings-utf16le.txt", ENC / "ratings-utf16be.txt"):
        got = samatthana.read_ratings(path)
        assert got.equals(want), path
    with pytest.raises(samatthana.Error, match="--encoding cp874"):
        samatthana.read_ratings(ENC / "ratings-cp874.csv")


def test_python_reads_cp874_when_told(tmp_path):
    samatthana = pytest.importorskip("samatthana")
    want = samatthana.read_ratings(ENC / "ratings-utf8.csv")
    for path in (ENC / "ratings-cp874.csv", ENC / "ratings-cp874-tab.txt"):
        assert samatthana.read_ratings(path, encoding="cp874").equals(want), path
    with pytest.raises(samatthana.EncodingError) as bad:
        samatthana.read_ratings(ENC / "ratings-cp874-bad.csv", encoding="cp874")
    assert bad.value.file.endswith("ratings-cp874-bad.csv") and bad.value.line == 3
    with pytest.raises(samatthana.ValidationError, match="not an encoding") as name:
        samatthana.read_ratings(ENC / "ratings-utf8.csv", encoding="latin-1")
    assert name.value.path == "encoding"
    import pandas as pd
    chunks = list(samatthana.read_ratings(ENC / "ratings-cp874.csv", encoding="cp874", chunksize=2))
    assert len(chunks) == 2 and pd.concat(chunks).equals(want)
    assert samatthana.read_ratings(XLSX / "ratings.xlsx", sheet="ผลประเมิน").equals(want)
    with pytest.raises(samatthana.LookupError, match="notes"):  # names the sheets there are
        samatthana.read_ratings(XLSX / "ratings.xlsx", sheet="ไม่มี")


# ---- the cohort summary and a plan as workbooks ------------------------------------------------

def _summary_ratings(tmp_path):
    """The sample ratings with a results column and a unit named like a formula (text, never run)."""
    rows = [r.split(",") for r in SAMPLE.read_text(encoding="utf-8-sig").splitlines()]
    rows[0].append("results")
    for k, r in enumerate(rows[1:], 1):
        r.append(f"{40 + (k * 7) % 60}.5")
    for r in rows[1:6]:
        r[2] = '=HYPERLINK("http://example.com","x")'
    path = tmp_path / "ratings.csv"
    import csv
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_summary_xlsx_sheets_hold_the_text_summarys_numbers(tmp_path, cli):
    path = _summary_ratings(tmp_path)
    run(cli, "score", path, "--missing", "zero", "--summary", "-o", tmp_path / "s.xlsx")
    text = run(cli, "score", path, "--missing", "zero", "--summary").stdout.decode()
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["scores", "สรุป", "หน่วยงาน", "ตำแหน่ง"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2" and ws["A1"].font.b and ws["A1"].font.name == "Tahoma"
    units = book["หน่วยงาน"]
    header = [c.value for c in units[1]]
    assert header[:9] == ["หน่วยงาน", "คน", "ถึงทุกด้าน", "คะแนนเฉลี่ย", "integrity", "service", "achievement",
                          "teamwork", "expertise"]
    bands = header[9:]  # people per band: the results column is there
    assert bands and all(b in text for b in bands)
    rows = list(units.iter_rows(min_row=2, values_only=True))
    assert sum(r[1] for r in rows) == 320 and all(isinstance(r[1], int) for r in rows)
    # The formula-like unit is a text cell; every unit, count, share and mean is in the text summary.
    formula = [c for c in units["A"] if c.value and str(c.value).startswith("=")]
    assert formula and all(c.data_type == "s" for c in formula)
    for r in rows:
        share, mean = f"{r[2] * 100:.1f}%", f"{r[3]:.2f}"
        line = next(line for line in text.splitlines() if line.startswith(str(r[0])) and f" {r[1]} " in line)
        assert share in line and mean in line, (r, line)
    assert units["C2"].number_format == "0.0%" and units["D2"].number_format == "0.00"
    overall = book["สรุป"]
    assert [c.value for c in overall[1]][:4] == ["competency", "สมรรถนะ", "ถึงระดับที่คาดหวัง", "ช่องว่างเฉลี่ย"]
    assert [r[0] for r in overall.iter_rows(min_row=2, values_only=True)] == \
        ["integrity", "service", "achievement", "teamwork", "expertise"]
    for r in overall.iter_rows(min_row=2, values_only=True):
        assert sum(v for v in r[4:] if v is not None) == 320
    positions = [r[0] for r in book["ตำแหน่ง"].iter_rows(min_row=2, values_only=True)]
    assert positions and all(p in text for p in positions)


def test_summary_with_results_streaming_equals_whole_file(tmp_path, cli):
    """The summary with a results column (band counts): streamed or whole, the same text."""
    path = _summary_ratings(tmp_path)
    streamed = run(cli, "score", path, "--missing", "zero", "--summary", "--chunk-rows", "7").stdout
    whole = run(cli, "score", path, "--missing", "zero", "--summary", "--chunk-rows", "0").stdout
    assert streamed == whole


def test_plan_xlsx_one_row_per_indicator_to_build(tmp_path, cli):
    run(cli, "plan", SAMPLE, "--person", "BKK00003", "--missing", "zero", "-o", tmp_path / "p.xlsx")
    text = run(cli, "plan", SAMPLE, "--person", "BKK00003", "--missing", "zero", "--digits", "arabic").stdout.decode()
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx")["plan"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == ["person_id", "name", "unit", "position", "competency", "สมรรถนะ", "held", "expected", "gap",
                      "source", "target", "from_level", "to_level", "indicator_id", "indicator"]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert {r["person_id"] for r in rows} == {"BKK00003"}
    assert {r["competency"] for r in rows} == {"integrity", "service", "achievement", "teamwork", "expertise"}
    for r in rows:
        assert isinstance(r["held"], int) and isinstance(r["expected"], int) and r["gap"] == r["held"] - r["expected"]
        assert f"ระดับที่แสดง {r['held']} · ระดับที่คาดหวัง {r['expected']}" in text
        if r["indicator_id"]:
            assert f"• {r['indicator']} [{r['indicator_id']}]" in text
            assert r["target"] in ("develop", "stretch") and r["from_level"] <= r["to_level"]
    assert sum(1 for r in rows if r["indicator_id"]) == text.count("    • ")
    # -o plan.txt: the text plan, the same as standard output.
    run(cli, "plan", SAMPLE, "--person", "BKK00003", "--missing", "zero", "-o", tmp_path / "p.txt")
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == run(
        cli, "plan", SAMPLE, "--person", "BKK00003", "--missing", "zero").stdout.decode()


def test_plan_xlsx_to_a_terminal_is_a_usage_error(cli):
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: standard output is a terminal
        os.execv(cli, [cli, "plan", str(SAMPLE), "--person", "BKK00003", "--missing", "zero", "--format", "xlsx"])
    out = b""
    try:
        while chunk := os.read(fd, 4096):
            out += chunk
    except OSError:
        pass
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 2 and b"-o FILE.xlsx" in out
