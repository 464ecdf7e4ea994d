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


# ---- the CLI streams: the same bytes and the same errors as reading the whole file ------------

import random  # noqa: E402
import subprocess  # noqa: E402


def _cli_run(cli, *args):
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    return p.returncode, p.stdout, p.stderr


def _same_as_whole(cli, *args, chunks=(1, 3)):
    """`samatthana ARGS` in chunks of each size gives exactly what it gives reading the whole file
    (--chunk-rows 0): exit status, standard output, standard error."""
    whole = _cli_run(cli, *args, "--chunk-rows", "0")
    for n in chunks:
        got = _cli_run(cli, *args, "--chunk-rows", n)
        assert got == whole, (args, n, got[2].decode(), whole[2].decode())
    return whole


def _bad_input_rows():
    from test_bad_input import CASES_ROWS, _input  # the catalogue's own reader

    return [(c["id"], _input(c["input"])) for c in CASES_ROWS if c["parser"] in ("ratings", "score")]


@pytest.mark.parametrize("case", _bad_input_rows(), ids=lambda c: c[0])
def test_cli_bad_input_catalogue_same_error_streaming_or_whole(case, cli, tmp_path):
    _, data = case
    f = tmp_path / "ratings.csv"
    f.write_bytes(data)
    rc, out, err = _same_as_whole(cli, "score", f)
    assert rc != 0 and out == b"" and err
    _same_as_whole(cli, "score", f, "--format", "json", "--summary")
    _same_as_whole(cli, "plan", f, "--person", "P1")


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--summary"], ["--format", "json", "--summary"],
                                  ["--summary", "--digits", "thai"]])
@pytest.mark.parametrize("name", ["ratings.csv", "ratings-360.csv"])
def test_cli_samples_same_output_streaming_or_whole(cli, name, args):
    rc, out, err = _same_as_whole(cli, "score", SAMPLES / name, "--missing", "zero", *args, chunks=(1, 7, 100))
    assert rc == 0 and out, err


def _random_file(rng: random.Random) -> str:
    positions = ["K1", "K2", "K3", "O1", "M1"]
    cells = ["0", "1", "2", "3", "4", "", "๓", "9", "x", "-1"]
    n = rng.randint(1, 30)
    lines = [HEADER.rstrip("\n") + ",results"]
    for i in range(1, n + 1):
        fault = rng.random() < 0.04
        pid = f"P{rng.randint(1, n) if fault else i}"
        if fault and rng.random() < 0.3:
            pid = f" {pid} "  # the same id written with spaces: a duplicate, shown as written
        pos = rng.choice(positions + ["Z9"]) if fault else rng.choice(positions)
        levels = [rng.choice(cells) if fault else rng.choice(cells[:5]) for _ in range(5)]
        results = rng.choice(["", "101", "ดี"]) if fault and rng.random() < 0.3 else f"{rng.uniform(0, 100):.2f}"
        lines.append(",".join([pid, f"ชื่อ {i}", f"หน่วย {rng.randint(1, 4)}", pos, *levels, results]))
    return "\n".join(lines) + "\n"


def test_cli_random_files_same_output_or_error_streaming_or_whole(cli, tmp_path):
    rng = random.Random(20261203)
    kinds = {"ok": 0, "error": 0}
    for k in range(40):
        f = tmp_path / f"r{k}.csv"
        f.write_text(_random_file(rng), encoding="utf-8")
        args = rng.choice([[], ["--summary"], ["--format", "json"], ["--missing", "zero", "--summary"]])
        rc, _, _ = _same_as_whole(cli, "score", f, *args, chunks=(1, 4))
        kinds["ok" if rc == 0 else "error"] += 1
    assert kinds["ok"] >= 5 and kinds["error"] >= 5, kinds


def test_cli_plan_streams_the_same_plan(cli):
    for name, person in [("ratings.csv", "BKK00003"), ("ratings.csv", "BKK00320"), ("ratings-360.csv", "BKK00097")]:
        rc, out, err = _same_as_whole(cli, "plan", SAMPLES / name, "--person", person, "--missing", "zero",
                                      chunks=(1, 50))
        assert rc == 0 and "แผนพัฒนารายบุคคล" in out.decode(), err
    rc, _, err = _same_as_whole(cli, "plan", SAMPLES / "ratings.csv", "--person", "NOBODY")
    assert rc == 1 and b"no person with this id" in err


def test_cli_rater_rows_apart_are_read_whole(cli, tmp_path):
    """A rater file whose person's rows are apart cannot be cut into chunks: the CLI reads it whole
    (as before streaming), with the same output."""
    f = tmp_path / "apart.csv"
    f.write_text("person_id,position,rater_role,rater_id,integrity,service,achievement,teamwork,expertise\n"
                 "A,K2,supervisor,S,3,3,3,3,3\nB,K2,supervisor,S,3,3,3,3,3\nA,K2,peer,P1,2,2,2,2,2\n", encoding="utf-8")
    rc, out, err = _same_as_whole(cli, "score", f, "--raters", "weighted", chunks=(1, 2))
    assert rc == 0 and out.count(b"\n") == 3, err
    _same_as_whole(cli, "plan", f, "--person", "A", chunks=(1, 2))


def test_cli_reads_a_pipe_whole(cli, tmp_path):
    """Standard input or a shell's <(...) cannot be looked at twice: read whole, the same scores."""
    want = _cli_run(cli, "score", SAMPLES / "ratings.csv", "--missing", "zero")
    p = subprocess.run(f'"{cli}" score /dev/stdin --missing zero < "{SAMPLES / "ratings.csv"}"', shell=True,
                       capture_output=True)
    q = subprocess.run(f'cat "{SAMPLES / "ratings.csv"}" | "{cli}" score /dev/stdin --missing zero --chunk-rows 5',
                       shell=True, capture_output=True)
    assert p.returncode == 0 and q.returncode == 0, q.stderr
    assert p.stdout == want[1] and q.stdout == want[1]


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_streaming_and_whole_file_name_a_missing_input_alike(tmp_path, cli, what):
    path = tmp_path / "ratings.csv"
    if what == "folder":
        path.mkdir()

    def run(chunk):
        p = subprocess.run([cli, "score", str(path), "--chunk-rows", chunk], capture_output=True, text=True)
        return p.returncode, p.stderr

    assert run("0") == run("65536")
    assert run("0")[0] == 1
    assert ("no such file" if what == "missing" else "this is a folder, not a file") in run("0")[1]
