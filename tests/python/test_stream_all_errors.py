"""--all-errors on the streamed paths (issue 17): the chunked reader collects every error across
chunks and raises one ImportErrors, the same list as the whole-file reader's collect mode; the
CLI streams with --all-errors and leaves nothing partial (docs/cli.md, docs/scale.md)."""
import pathlib
import random
import subprocess

import pytest

import samatthana
from samatthana import _samatthana as _m
from samatthana import errors as se

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIVE = ROOT / "tests" / "data" / "import-errors" / "five_bad_rows.csv"
HEADER = "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n"


def _row(i: int, level: str = "3", pid: str = "") -> str:
    return f"{pid or 'P%d' % i},ชื่อ {i},เขต {i % 3},K2,{level},2,2,2,2\r\n"


def _chunked_errors(path, rows: int, cap: int = 100, encoding: str = "auto"):
    """Every chunk read with the collect mode: (people handed out, the ImportErrors or None)."""
    reader = getattr(_m, "_RatingsChunks")(str(path), "bma-core-2550", rows, 1 << 22, encoding, "", all_errors=cap)
    people = 0
    try:
        while True:
            d = reader.next()
            if d is None:
                return people, None
            people += len(d["person_id"])
    except se.ImportErrors as e:
        return people, e
    finally:
        reader.close()


def _whole_errors(path, cap: int = 100, encoding: str = "auto"):
    with pytest.raises(se.ImportErrors) as info:
        se.check_ratings(path, encoding=encoding, all_errors=cap)
    return info.value


def _same(a, b) -> None:
    assert str(a) == str(b)
    assert a.errors == b.errors
    assert (a.more, a.total) == (b.more, b.total)


@pytest.mark.parametrize("rows", [1, 2, 3, 100])
@pytest.mark.parametrize("cap", [100, 2])
def test_chunks_collect_the_whole_file_list(rows: int, cap: int) -> None:
    people, e = _chunked_errors(FIVE, rows, cap)
    assert e is not None
    _same(e, _whole_errors(FIVE, cap))
    assert [x["line"] for x in e.errors] == [3, 4, 5, 6, 8][:cap]


def test_random_files_in_three_encodings(tmp_path: pathlib.Path) -> None:
    rng = random.Random(20261203)
    cells = ["1", "2", "3", "", "9", "x", "สาม", "๓3"]
    compared = 0
    for n in range(25):
        lines = [HEADER]
        for i in range(1, rng.randint(2, 30)):
            pid = f"P{rng.randint(1, i)}" if rng.random() < 0.1 else f"P{i}"
            levels = ",".join(rng.choice(cells) if rng.random() < 0.15 else "2" for _ in range(5))
            lines.append(f"{pid},ชื่อ {i},เขต {i % 3},K2,{levels}\r\n")
        text = "".join(lines)
        for encoding, data in (("auto", text.encode("utf-8")), ("cp874", text.encode("cp874")),
                               ("auto", b"\xff\xfe" + text.encode("utf-16-le"))):
            p = tmp_path / f"r{n}.csv"
            p.write_bytes(data)
            try:
                se.check_ratings(p, encoding=encoding, all_errors=5)
                whole = None
            except se.ImportErrors as e:
                whole = e
            for rows in (1, 4):
                _, streamed = _chunked_errors(p, rows, 5, encoding)
                if whole is None:
                    assert streamed is None
                else:
                    _same(streamed, whole)
                    compared += 1
    assert compared > 20


def test_chunks_before_the_first_bad_one_are_handed_out(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text(HEADER + "".join(_row(i, "9" if i in (11, 18) else "3") for i in range(1, 21)), encoding="utf-8")
    people, e = _chunked_errors(p, 5)
    assert people == 10
    assert [x["line"] for x in e.errors] == [12, 19]


def test_a_person_given_twice_across_chunks(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text(HEADER + "".join(_row(i) for i in range(1, 9)) + _row(30, "x") + _row(3) + _row(3),
                 encoding="utf-8")
    whole = _whole_errors(p)
    assert [x["message"] for x in whole.errors][1:] == ["person_id given twice (first on line 4)"] * 2
    for rows in (1, 3, 5):
        _same(_chunked_errors(p, rows)[1], whole)


def test_first_error_mode_unchanged(tmp_path: pathlib.Path) -> None:
    reader = getattr(_m, "_RatingsChunks")(str(FIVE), "bma-core-2550", 2, 1 << 22, "auto", "")
    with pytest.raises(samatthana.ParseError):
        while reader.next() is not None:
            pass


# ---- the CLI ------------------------------------------------------------------------------------

def _cli(cli: str, *args):
    if not pathlib.Path(cli).exists():
        pytest.skip("no CLI built")
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.parametrize("rows", ["1", "3", "65536"])
def test_cli_score_streams_with_all_errors(cli: str, tmp_path: pathlib.Path, rows: str) -> None:
    """The same stderr as the whole-file read, exit 1, nothing on stdout, -o left as it was."""
    whole = _cli(cli, "score", FIVE, "--all-errors", "--chunk-rows", "0")
    assert whole[0] == 1
    assert _cli(cli, "score", FIVE, "--all-errors", "--chunk-rows", rows) == whole
    assert whole[1] == b""
    out = tmp_path / "scores.csv"
    out.write_text("old", encoding="utf-8")
    code, stdout, stderr = _cli(cli, "score", FIVE, "--all-errors=2", "--chunk-rows", rows, "-o", out,
                                "--summary")
    assert (code, stdout) == (1, b"")
    assert stderr.decode().splitlines()[-1].endswith("and 3 more errors (--all-errors=N shows up to N)")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


def test_cli_plan_streams_with_all_errors(cli: str) -> None:
    whole = _cli(cli, "plan", FIVE, "--person", "P8", "--all-errors", "--chunk-rows", "0")
    assert whole[0] == 1 and whole[1] == b""
    for rows in ("1", "4"):
        assert _cli(cli, "plan", FIVE, "--person", "P8", "--all-errors", "--chunk-rows", rows) == whole


def test_cli_score_cp874_streams_with_all_errors(cli: str, tmp_path: pathlib.Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes((HEADER + "".join(_row(i, "สาม" if i in (2, 7) else "3") for i in range(1, 10))).encode("cp874"))
    whole = _cli(cli, "score", p, "--encoding", "cp874", "--all-errors", "--chunk-rows", "0")
    assert whole[0] == 1
    assert _cli(cli, "score", p, "--encoding", "cp874", "--all-errors", "--chunk-rows", "2") == whole


def test_read_ratings_chunksize_all_errors() -> None:
    """samatthana.read_ratings(path, chunksize=N, all_errors=True): the chunked reader collects
    (the lead's change to _chunked.py and scoring.py passes all_errors through)."""
    import inspect

    from samatthana._chunked import read_ratings_chunks

    if "all_errors" not in inspect.signature(read_ratings_chunks).parameters:
        pytest.skip("_chunked.read_ratings_chunks does not take all_errors= yet (lead's change)")
    chunks = samatthana.read_ratings(FIVE, chunksize=2, all_errors=True)
    with pytest.raises(se.ImportErrors) as info:
        list(chunks)
    _same(info.value, _whole_errors(FIVE))
    with pytest.raises(se.ImportErrors) as capped:
        list(read_ratings_chunks(FIVE, chunksize=3, all_errors=2))
    _same(capped.value, _whole_errors(FIVE, 2))
    with pytest.raises(samatthana.ParseError):
        list(read_ratings_chunks(FIVE, chunksize=3))
