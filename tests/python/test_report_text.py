"""Text cells with line breaks in the reports' DataFrame input: a CR (or LF, CRLF) inside a cell
stays in its cell. Free text (the evidence column) renders in person sheets and cohort overviews
and names and units render in person sheets and cohort overviews exactly as from the same CSV
file; a person id with a CR is refused with the located error the CLI gives for the same file
(docs/bad-input.md) — never a CSV ParseError about field counts."""
import pathlib
import subprocess

import pandas as pd
import pytest

import samatthana.report as rp
import samatthana.scoring as sc
from samatthana import _samatthana as _m

ROOT = pathlib.Path(__file__).resolve().parents[2]
RATINGS = ROOT / "data/samples/ratings.csv"
EVIDENCE = ROOT / "data/samples/evidence.csv"
PERSON = "BKK00003"  # has evidence rows in the sample


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n"])
def test_line_breaks_in_evidence_text_render_in_person_sheets_and_cohort_overviews(brk, tmp_path):
    ev = sc.read_evidence(EVIDENCE)
    first = ev.index[ev["person_id"] == PERSON][0]
    ev.loc[first, "evidence"] = f"ประชุม{brk}ครั้งที่ ๒"
    ratings = sc.read_ratings(RATINGS)
    sheet = rp.person_sheet(ratings, PERSON, evidence=ev)
    html, md = sheet.to_html(), sheet.to_markdown()
    assert f"ประชุม{brk}ครั้งที่ ๒" in html
    assert "ประชุม" in md and "ครั้งที่ ๒" in md
    # The same sheet as from the CSV files (the CLI's input; CRLF records, so that csv quotes a
    # lone CR).
    ev.to_csv(tmp_path / "evidence.csv", index=False, lineterminator="\r\n")
    from_files = rp.person_sheet(RATINGS, PERSON, evidence=tmp_path / "evidence.csv")
    assert from_files.to_html() == html and from_files.to_markdown() == md
    overview = rp.cohort_overview(ratings, evidence=ev, missing="zero")
    assert overview.to_html() == rp.cohort_overview(RATINGS, evidence=tmp_path / "evidence.csv",
                                                    missing="zero").to_html()


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n"])
@pytest.mark.parametrize("column", ["name", "unit"])
def test_line_breaks_in_names_and_units_render_in_person_sheets_and_cohort_overviews(column, brk, cli, tmp_path):
    ratings = sc.read_ratings(RATINGS)
    row = int((ratings["person_id"] == PERSON).to_numpy().nonzero()[0][0])
    ratings.loc[row, column] = f"สมชาย{brk}ใจดี"
    ev = sc.read_evidence(EVIDENCE)
    sheet = rp.person_sheet(ratings, PERSON, evidence=ev)
    overview = rp.cohort_overview(ratings, evidence=ev, missing="zero")
    shown = [sheet.to_html(), sheet.to_markdown()]
    if column == "unit":  # the overview lists units, not names
        shown += [overview.to_html(), overview.to_markdown()]
    for text in shown:
        assert "สมชาย" in text and "ใจดี" in text
    # The same reports as from the CSV file (written with CRLF records, so that csv quotes a lone
    # CR), and the CLI reads that file too.
    path = tmp_path / "ratings.csv"
    ratings.to_csv(path, index=False, lineterminator="\r\n")
    assert rp.person_sheet(path, PERSON, evidence=EVIDENCE).to_html() == sheet.to_html()
    assert rp.cohort_overview(path, evidence=EVIDENCE, missing="zero").to_html() == overview.to_html()
    p = subprocess.run([cli, "report", str(path), "--person", PERSON, "--evidence", str(EVIDENCE),
                        "--format", "markdown"], capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 0, p.stderr
    assert "สมชาย" in p.stdout and "ใจดี" in p.stdout


def test_a_carriage_return_in_a_person_id_is_the_clis_located_error(cli, tmp_path):
    ratings = sc.read_ratings(RATINGS)
    ratings.loc[1, "person_id"] = "BKK\r00002"
    path = tmp_path / "ratings.csv"
    ratings.to_csv(path, index=False, lineterminator="\r\n")
    errors = []
    for call in (lambda: rp.person_sheet(ratings, PERSON), lambda: rp.cohort_overview(ratings),
                 lambda: sc.score(ratings, missing="zero")):
        with pytest.raises(_m.Error) as e:
            call()
        errors.append(e.value)
    p = subprocess.run([cli, "report", str(path), "--cohort"], capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 1
    for e in errors:
        assert type(e) is _m.ValidationError, e
        assert e.message == errors[0].message and e.message in p.stderr
        assert e.line == 3 and e.path == "person_id"
    assert "control character \\x0d" in errors[0].message
    assert errors[2].index == 1 and errors[2].row == 1
