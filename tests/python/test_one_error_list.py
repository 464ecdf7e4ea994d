"""score --all-errors lists reading AND scoring errors as one list (issue 17, docs/cli.md): every
error of reading the ratings, evidence and results files and every scoring error of the rows that
did read, in file order, one cap; a person named by a row that could not be read is not scored.
The streamed path (any --chunk-rows) gives the same list; nothing on stdout, -o untouched."""
import pathlib
import random
import subprocess

import pytest

HEADER = "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
RATINGS = (HEADER
           + "P1,ก,หน่วย,K2,2,2,2,2,2\n"
           + "P2,ข,หน่วย,K2,2,2,สาม,2,2\n"     # line 3: a bad level (reading)
           + "P3,ค,หน่วย,K2,2,2,2,2,2\n"
           + "P4,ง,หน่วย,K9,2,2,2,2,2\n"     # line 5: an unknown position (scoring)
           + "P5,จ,หน่วย,K2,2,,2,2,2\n")      # line 6: no rating for service (scoring)


def _cli(cli: str, *args):
    if not pathlib.Path(cli).exists():
        pytest.skip("no CLI built")
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode()


def _places(stderr: str):
    """file:line of each listed error (the lines after the count)."""
    out = []
    for line in stderr.splitlines()[1:]:
        rest = line.split(": error: ", 1)[1]
        if rest.startswith("and "):
            continue
        f, n = rest.split(":")[:2]
        out.append(f"{pathlib.Path(f).name}:{n}")
    return out


@pytest.mark.parametrize("rows", ["0", "1", "3", "16"])
def test_bad_level_and_unknown_position_listed_together(cli: str, tmp_path: pathlib.Path, rows: str) -> None:
    r = tmp_path / "r.csv"
    r.write_text(RATINGS, encoding="utf-8")
    out = tmp_path / "scores.csv"
    code, stdout, stderr = _cli(cli, "score", r, "--all-errors", "--chunk-rows", rows, "-o", out)
    assert (code, stdout) == (1, b"")
    assert not out.exists()
    lines = stderr.splitlines()
    assert lines[0] == f"samatthana score: error: {r}: 3 errors; nothing was imported"
    assert _places(stderr) == ["r.csv:3", "r.csv:5", "r.csv:6"]
    assert "not a level" in lines[1] and "unknown position" in lines[2] and "'P5'" in lines[3]


def test_dropped_rows_cause_no_false_scoring_errors(cli: str, tmp_path: pathlib.Path) -> None:
    r = tmp_path / "r.csv"
    r.write_text(RATINGS, encoding="utf-8")
    e = tmp_path / "e.csv"
    e.write_text("person_id,indicator_id,observation\n"
                 "P2,integrity.1.1,shown\n"     # P2's ratings row is bad: not a ghost
                 "P9,integrity.1.1,shown\n"     # a ghost: a scoring error
                 "P3,integrity.1.1,maybe\n", encoding="utf-8")
    res = tmp_path / "res.csv"
    res.write_text("person_id,results\nP1,85\nP2,80\nP3,90\nP5,abc\n", encoding="utf-8")
    code, stdout, stderr = _cli(cli, "score", r, "--evidence", e, "--results", res, "--all-errors")
    assert (code, stdout) == (1, b"")
    assert stderr.splitlines()[0] == "samatthana score: error: 6 errors; nothing was imported"
    assert _places(stderr) == ["r.csv:3", "r.csv:5", "r.csv:5", "e.csv:3", "e.csv:4", "res.csv:5"]
    assert "'P2'" not in stderr and "'P5'" not in stderr and "'P3'" not in stderr


def test_without_all_errors_nothing_changes(cli: str, tmp_path: pathlib.Path) -> None:
    r = tmp_path / "r.csv"
    r.write_text(RATINGS, encoding="utf-8")
    code, stdout, stderr = _cli(cli, "score", r)
    assert (code, stdout) == (1, b"")
    assert len(stderr.splitlines()) == 1 and "not a level" in stderr


def test_random_files_same_list_streamed_or_whole(cli: str, tmp_path: pathlib.Path) -> None:
    rng = random.Random(17)
    cells = ["1", "2", "3", "", "9", "x"]
    for n in range(12):
        lines = [HEADER]
        for i in range(1, rng.randint(3, 25)):
            pid = f"P{rng.randint(1, i)}" if rng.random() < 0.1 else f"P{i}"
            pos = rng.choice(["K2", "K2", "K2", "K9"])
            levels = ",".join(rng.choice(cells) if rng.random() < 0.15 else "2" for _ in range(5))
            lines.append(f"{pid},ชื่อ {i},เขต {i % 3},{pos},{levels}\n")
        r = tmp_path / f"r{n}.csv"
        r.write_text("".join(lines), encoding="utf-8")
        for cap in ("1", "3", "100"):
            whole = _cli(cli, "score", r, f"--all-errors={cap}", "--chunk-rows", "0")
            for rows in ("1", "3", "16"):
                assert _cli(cli, "score", r, f"--all-errors={cap}", "--chunk-rows", rows) == whole
            if whole[0] == 1:
                uncapped = _cli(cli, "score", r, "--all-errors=100000", "--chunk-rows", "0")[2]
                assert whole[2].splitlines()[0] == uncapped.splitlines()[0]  # the same count
                kept = [x for x in whole[2].splitlines()[1:] if ": error: and " not in x]
                assert kept == uncapped.splitlines()[1:1 + len(kept)]


@pytest.mark.parametrize("rows", ["0", "1", "3"])
def test_plan_lists_reading_errors_with_the_persons_own(cli: str, tmp_path: pathlib.Path, rows: str) -> None:
    r = tmp_path / "r.csv"
    r.write_text(RATINGS, encoding="utf-8")
    code, stdout, stderr = _cli(cli, "plan", r, "--person", "P5", "--all-errors", "--chunk-rows", rows)
    assert (code, stdout) == (1, b"")
    assert stderr.splitlines()[0] == f"samatthana plan: error: {r}: 2 errors; nothing was imported"
    assert _places(stderr) == ["r.csv:3", "r.csv:6"]
    assert "'P5'" in stderr.splitlines()[2]
    # the person whose row is bad: the reading errors alone
    code, _, stderr = _cli(cli, "plan", r, "--person", "P2", "--all-errors", "--chunk-rows", rows)
    assert code == 1 and _places(stderr) == ["r.csv:3"]


@pytest.mark.parametrize("rows", ["0", "1", "2"])
def test_rater_file_a_bad_rater_row_leaves_the_person_out(cli: str, tmp_path: pathlib.Path, rows: str) -> None:
    r = tmp_path / "rr.csv"
    r.write_text("person_id,name,unit,position,rater_role,integrity,service,achievement,teamwork,expertise\n"
                 "P1,ก,หน่วย,K2,supervisor,2,,2,2,2\n"      # P1's self row is bad: not scored
                 "P1,ก,หน่วย,K2,self,2,x,2,2,2\n"
                 "P2,ข,หน่วย,K9,supervisor,2,2,2,2,2\n"
                 "P3,ค,หน่วย,K2,supervisor,2,,2,2,2\n"      # the other raters' rows stay P3's
                 "P3,ค,หน่วย,K2,self,2,2,2,2,2\n", encoding="utf-8")
    code, stdout, stderr = _cli(cli, "score", r, "--all-errors", "--chunk-rows", rows)
    assert (code, stdout) == (1, b"")
    assert _places(stderr) == ["rr.csv:3", "rr.csv:4", "rr.csv:5"]
    assert "'P1'" not in stderr
    assert "only raters other than the supervisor" in stderr.splitlines()[3]


def test_an_unreadable_file_stops_scoring_every_files_reading_errors_listed(cli: str, tmp_path: pathlib.Path) -> None:
    r = tmp_path / "r.csv"
    r.write_text(RATINGS, encoding="utf-8")
    e = tmp_path / "e.csv"
    e.write_text("person_id,indicator_id\nP1,x\n", encoding="utf-8")  # no observation column
    res = tmp_path / "res.csv"
    res.write_text("person_id,results\nP1,85\nP5,abc\n", encoding="utf-8")
    code, stdout, stderr = _cli(cli, "score", r, "--evidence", e, "--results", res, "--all-errors")
    assert (code, stdout) == (1, b"")
    assert _places(stderr) == ["r.csv:3", "e.csv:1", "res.csv:3"]  # no scoring error
