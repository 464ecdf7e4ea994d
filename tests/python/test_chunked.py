"""samatthana._chunked: chunks concatenate to read_ratings' DataFrame; errors are read_ratings'
errors at the file's lines; rules across rows hold across chunks; the streaming scorer writes the
CLI's scores. See docs/scale.md."""
from __future__ import annotations

import pathlib

import pandas as pd
import pytest

import samatthana
from samatthana import _chunked as ch

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
HEADER = "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"


def _row(i: int, level: str = "3") -> str:
    return f"P{i},ชื่อ {i},หน่วย {i % 3},K2,{level},2,2,2,2\n"


@pytest.mark.parametrize("name", ["ratings.csv", "ratings-360.csv"])
@pytest.mark.parametrize("chunksize", [1, 7, 100, 10**6])
def test_chunks_concatenate_to_read_ratings(name, chunksize):
    whole = samatthana.read_ratings(SAMPLES / name)
    chunks = list(ch.read_ratings_chunks(SAMPLES / name, chunksize=chunksize))
    if "rater_role" not in whole.columns:
        assert [len(c) for c in chunks[:-1]] == [chunksize] * (len(chunks) - 1)
    else:  # a chunk ends between people: the next chunk starts with a supervisor row here
        assert all(c["person_id"].iloc[0] != p["person_id"].iloc[-1] for p, c in zip(chunks, chunks[1:]))
    pd.testing.assert_frame_equal(pd.concat(chunks), whole)
    assert all(list(c.dtypes) == list(whole.dtypes) for c in chunks)


def test_header_only_gives_one_empty_chunk(tmp_path):
    f = tmp_path / "h.csv"
    f.write_text(HEADER, encoding="utf-8")
    chunks = list(ch.read_ratings_chunks(f, chunksize=3))
    assert len(chunks) == 1 and len(chunks[0]) == 0
    assert list(chunks[0].columns) == list(samatthana.read_ratings(f).columns)


def _errors(path, chunksize):
    with pytest.raises(samatthana.Error) as whole:
        samatthana.read_ratings(path)
    seen = []
    with pytest.raises(samatthana.Error) as chunked:
        for c in ch.read_ratings_chunks(path, chunksize=chunksize):
            seen.append(len(c))
    return whole.value, chunked.value, seen


@pytest.mark.parametrize("tail,line", [
    (_row(40, "9"), 42),          # above the highest level
    (_row(40, "x"), 42),          # not a level
    (_row(5), 42),                # person_id given twice, across chunks
    ("P41,a,b,K2,1\n", 42),       # a short row
])
def test_errors_are_read_ratings_errors_at_the_file_line(tmp_path, tail, line):
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "".join(_row(i) for i in range(1, 41)) + tail + _row(99), encoding="utf-8")
    whole, chunked, seen = _errors(f, 8)
    assert type(chunked) is type(whole)
    assert str(chunked) == str(whole)
    assert (chunked.line, chunked.column, chunked.path) == (whole.line, whole.column, whole.path) == (
        line, whole.column, whole.path)
    assert seen == [8] * 5  # the chunks before the bad row were yielded


def test_a_persons_rater_rows_apart_are_an_error(tmp_path):
    f = tmp_path / "apart.csv"
    f.write_text("person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n"
                 "A,K2,supervisor,S,3,3,3,3,3\nB,K2,supervisor,S,3,3,3,3,3\nA,K2,peer,P1,2,2,2,2,2\n",
                 encoding="utf-8")
    assert len(samatthana.read_ratings(f)) == 3  # accepted when read whole
    with pytest.raises(samatthana.ValidationError) as e:
        list(ch.read_ratings_chunks(f, chunksize=1))
    assert e.value.line == 4 and e.value.path == "person_id" and "sort the file by person_id" in str(e.value)


def test_bad_chunksize():
    for bad in (0, -1, 2.5, "10", True):
        with pytest.raises(samatthana.ValidationError):
            next(ch.read_ratings_chunks(SAMPLES / "ratings.csv", chunksize=bad))


def test_scoring_chunk_by_chunk_equals_scoring_whole():
    whole = samatthana.score(samatthana.read_ratings(SAMPLES / "ratings.csv"), missing="zero")
    parts = [samatthana.score(c, missing="zero") for c in ch.read_ratings_chunks(SAMPLES / "ratings.csv", chunksize=50)]
    pd.testing.assert_frame_equal(pd.concat(parts), whole)


def test_score_csv_stream_writes_the_cli_scores(tmp_path, cli):
    import subprocess

    if not pathlib.Path(cli).exists():
        pytest.skip("no CLI built")
    out = tmp_path / "stream.csv"
    st = ch.score_csv_stream(SAMPLES / "ratings.csv", out, chunksize=64, missing="zero")
    assert st == {"people": 320, "chunks": 5}
    ref = tmp_path / "cli.csv"
    r = subprocess.run([cli, "score", str(SAMPLES / "ratings.csv"), "--missing", "zero", "-o", str(ref)],
                       capture_output=True)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == ref.read_bytes()


def test_score_csv_stream_failure_leaves_the_old_output(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "".join(_row(i, "9" if i == 90 else "3") for i in range(1, 100)), encoding="utf-8")
    out = tmp_path / "scores.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(samatthana.ValidationError) as e:
        ch.score_csv_stream(f, out, chunksize=10)
    assert e.value.line == 91
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "scores.csv"]
