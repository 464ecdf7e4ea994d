"""Scoring-time errors in the collect-all-errors mode (issue 17): score(df, all_errors=...) and the
CLI's score/plan --all-errors list every person who cannot be scored (an unknown position, a
competency neither rated nor evidenced, an evidence or results row naming nobody), located, in
file order, capped; without the mode the first error is unchanged."""
import pathlib
import subprocess

import pandas as pd
import pytest

import samatthana
from samatthana import errors as se

ROOT = pathlib.Path(__file__).resolve().parents[2]
UNSCORABLE = ROOT / "tests" / "data" / "import-errors" / "four_unscorable.csv"
GHOST_EVIDENCE = ROOT / "tests" / "data" / "import-errors" / "evidence_unscorable.csv"
COMPS = ["integrity", "service", "achievement", "teamwork", "expertise"]


def _frame() -> pd.DataFrame:
    rows = [("P1", "K2", [2, 2, 2, 2, 2]), ("P2", "K9", [2, 2, 2, 2, 2]), ("P3", "K2", [2, None, 2, 2, 2]),
            ("P4", "K2", [2, 2, 2, 2, 2]), ("P5", "O1", [2, 2, 2, None, None])]
    df = pd.DataFrame([{"person_id": p, "position": pos, **dict(zip(COMPS, lv))} for p, pos, lv in rows])
    df.index = [f"r{i}" for i in range(len(df))]
    return df


def test_dataframe_every_scoring_error() -> None:
    df = _frame()
    ev = pd.DataFrame({"person_id": ["P1", "P9"], "indicator_id": ["integrity.1.1"] * 2,
                       "observation": ["shown", "shown"]})
    with pytest.raises(se.ImportErrors) as info:
        samatthana.score(df, evidence=ev, all_errors=True)
    e = info.value
    assert isinstance(e, samatthana.Error)
    got = [(x["file"], x["line"], x["path"], x["row"], x["index"]) for x in e.errors]
    assert got == [("<DataFrame>", 3, "position", 1, "r1"), ("<DataFrame>", 4, "service", 2, "r2"),
                   ("<DataFrame>", 6, "teamwork", 4, "r4"), ("<DataFrame>", 6, "expertise", 4, "r4"),
                   ("<evidence DataFrame>", 3, "person_id", 1, 1)]
    assert [x["kind"] for x in e.errors] == ["lookup", "validation", "validation", "validation", "lookup"]
    assert e.total == 5 and e.more == 0
    lines = str(e).splitlines()
    assert lines[0] == "5 errors; nothing was imported"
    assert lines[1].endswith("(row 1, index 'r1')")
    # The first-error mode: today's error, the first the checks find (the evidence's person).
    with pytest.raises(samatthana.LookupError) as first:
        samatthana.score(df, evidence=ev)
    assert first.value.message == e.errors[-1]["message"]


def test_dataframe_cap_and_first_error_text() -> None:
    df = _frame()
    with pytest.raises(se.ImportErrors) as info:
        samatthana.score(df, all_errors=2)
    e = info.value
    assert [x["line"] for x in e.errors] == [3, 4]
    assert (e.more, e.total) == (2, 4)
    assert str(e).splitlines()[-1] == "and 2 more errors"
    with pytest.raises(samatthana.LookupError) as first:
        samatthana.score(df)
    assert first.value.message == e.errors[0]["message"]
    assert first.value.line == 3


def test_dataframe_results_frame_ghost_and_absent() -> None:
    df = _frame()
    df.loc["r1", "position"] = "K2"
    df.loc["r2", "service"] = 3
    df.loc["r4", ["teamwork", "expertise"]] = 1
    res = pd.DataFrame({"person_id": ["P1", "NOBODY", "P2", "P3", "P5"], "results": [80, 70, 60, 50, 40]},
                       index=list("abcde"))
    with pytest.raises(se.ImportErrors) as info:
        samatthana.score(df, results=res, all_errors=True)
    got = [(x["file"], x["line"], x["row"], x["index"]) for x in info.value.errors]
    assert got == [("<DataFrame>", 5, 3, "r3"), ("<results DataFrame>", 3, 1, "b")]


def test_good_dataframe_scores_as_before() -> None:
    df = _frame()
    df.loc["r1", "position"] = "K2"
    df.loc["r2", "service"] = 3
    df.loc["r4", ["teamwork", "expertise"]] = 1
    a = samatthana.score(df, all_errors=True)
    b = samatthana.score(df)
    pd.testing.assert_frame_equal(a, b)


# ---- the CLI ------------------------------------------------------------------------------------

def _cli(cli: str, *args):
    if not pathlib.Path(cli).exists():
        pytest.skip("no CLI built")
    p = subprocess.run([cli, *map(str, args)], capture_output=True)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.parametrize("rows", ["1", "2", "65536"])
def test_cli_score_lists_every_scoring_error(cli: str, tmp_path: pathlib.Path, rows: str) -> None:
    whole = _cli(cli, "score", UNSCORABLE, "--all-errors", "--chunk-rows", "0")
    assert whole[0] == 1 and whole[1] == b""
    err = whole[2].decode().splitlines()
    assert err[0] == f"samatthana score: error: {UNSCORABLE}: 4 errors; nothing was imported"
    assert [line.split(": ")[2].split(":")[1] for line in err[1:]] == ["3", "4", "6", "6"]
    assert _cli(cli, "score", UNSCORABLE, "--all-errors", "--chunk-rows", rows) == whole
    out = tmp_path / "scores.csv"
    code, stdout, stderr = _cli(cli, "score", UNSCORABLE, "--all-errors=3", "--chunk-rows", rows, "-o", out)
    assert (code, stdout) == (1, b"")
    assert stderr.decode().splitlines()[-1].endswith("and 1 more error (--all-errors=N shows up to N)")
    assert not out.exists()


def test_cli_score_first_error_unchanged(cli: str) -> None:
    code, stdout, stderr = _cli(cli, "score", UNSCORABLE)
    assert (code, stdout) == (1, b"")
    first = stderr.decode().splitlines()
    assert len(first) == 1
    listed = _cli(cli, "score", UNSCORABLE, "--all-errors")[2].decode().splitlines()
    assert first[0] == listed[1]  # the unknown position: the first found and the first in the file


def test_cli_score_evidence_ghost_after_the_ratings(cli: str) -> None:
    code, _, stderr = _cli(cli, "score", UNSCORABLE, "--evidence", GHOST_EVIDENCE, "--all-errors")
    err = stderr.decode().splitlines()
    assert code == 1
    assert err[0] == "samatthana score: error: 5 errors; nothing was imported"
    assert f"{GHOST_EVIDENCE}:3" in err[-1] and "not in the ratings file" in err[-1]


def test_cli_plan_lists_the_persons_errors(cli: str) -> None:
    code, stdout, stderr = _cli(cli, "plan", UNSCORABLE, "--person", "P5", "--all-errors")
    err = stderr.decode().splitlines()
    assert (code, stdout) == (1, b"")
    assert err[0] == f"samatthana plan: error: {UNSCORABLE}: 2 errors; nothing was imported"
    assert "teamwork" in err[1] and "expertise" in err[2]
    for rows in ("0", "1"):
        assert _cli(cli, "plan", UNSCORABLE, "--person", "P5", "--all-errors", "--chunk-rows", rows)[2] == stderr
    assert _cli(cli, "plan", UNSCORABLE, "--person", "P1", "--all-errors")[0] == 0
