"""The collect-all-errors mode in Python (issue 17): samatthana.errors.read_ratings / score with
all_errors raise one ImportErrors whose .errors lists every bad row, located, in file order."""
import pathlib

import pytest

import samatthana
from samatthana import errors as se

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIVE = ROOT / "tests" / "data" / "import-errors" / "five_bad_rows.csv"


def test_five_bad_rows_five_located_errors() -> None:
    with pytest.raises(se.ImportErrors) as info:
        se.read_ratings(FIVE)
    e = info.value
    assert isinstance(e, samatthana.Error) and isinstance(e, ValueError)
    assert [x["line"] for x in e.errors] == [3, 4, 5, 6, 8]
    assert [x["kind"] for x in e.errors] == ["parse", "validation", "parse", "validation", "validation"]
    first = e.errors[0]
    assert first["file"] == str(FIVE)
    assert (first["column"], first["path"], first["value"]) == (7, "achievement", "สาม")
    assert first["message"].startswith("not a level")
    assert set(first) >= {"file", "line", "column", "path", "message"}
    assert e.more == 0 and e.total == 5
    assert str(e).splitlines()[0] == f"{FIVE}: 5 errors; nothing was imported"
    assert len(str(e).splitlines()) == 6


def test_the_cap() -> None:
    with pytest.raises(se.ImportErrors) as info:
        se.read_ratings(FIVE, all_errors=2)
    e = info.value
    assert [x["line"] for x in e.errors] == [3, 4]
    assert e.more == 3 and e.total == 5
    assert str(e).splitlines()[-1] == "and 3 more errors"
    with pytest.raises(samatthana.ValidationError):
        se.read_ratings(FIVE, all_errors=0)


def test_first_error_mode_unchanged() -> None:
    with pytest.raises(samatthana.ParseError) as plain:
        samatthana.read_ratings(FIVE)
    with pytest.raises(samatthana.ParseError) as off:
        se.read_ratings(FIVE, all_errors=False)
    assert str(plain.value) == str(off.value)
    assert (plain.value.line, plain.value.column) == (3, 7)
    with pytest.raises(se.ImportErrors) as info:
        se.read_ratings(FIVE)
    assert info.value.errors[0]["text"] == str(plain.value)


def test_a_good_file_reads_as_before(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "good.csv"
    p.write_text("person_id,position,integrity\nP1,K2,2\n", encoding="utf-8")
    a = se.read_ratings(p)
    b = samatthana.read_ratings(p)
    assert a.equals(b)


def test_score_dataframe_all_errors() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "person_id": ["P1", "P2", "P3", "P1"],
        "position": ["K2", "K2", "K2", "K2"],
        "integrity": [2, 9, 2, 2],
        "service": ["2", "2", "x", "2"],
    }, index=["a", "b", "c", "d"])
    with pytest.raises(se.ImportErrors) as info:
        se.score(df)
    e = info.value
    assert [(x["line"], x["row"], x["index"]) for x in e.errors] == [(3, 1, "b"), (4, 2, "c"), (5, 3, "d")]
    assert e.errors[0]["path"] == "integrity"
    assert "given twice" in e.errors[2]["message"]
    # Float levels with NaN (a sheet with empty cells) are whole numbers, not errors.
    ok = pd.DataFrame({"person_id": ["P1", "P2"], "position": ["K2", "K2"],
                       "integrity": [2.0, float("nan")], "service": [1.0, 2.0],
                       "achievement": [2, 2], "teamwork": [2, 2], "expertise": [2, 2]})
    ok.loc[1, "integrity"] = 3.0
    scored = se.score(ok)
    assert list(scored["person_id"]) == ["P1", "P2"]


def test_evidence_and_other_tables(tmp_path: pathlib.Path) -> None:
    d = ROOT / "tests" / "data" / "import-errors"
    with pytest.raises(se.ImportErrors) as ev:
        se.check_evidence(d / "evidence_three_bad.csv")
    assert [x["line"] for x in ev.value.errors] == [3, 4, 5]
    with pytest.raises(se.ImportErrors) as res:
        se.check_results(d / "results_three_bad.csv")
    assert [x["line"] for x in res.value.errors] == [3, 4, 5]
    k = tmp_path / "k.csv"
    k.write_text("person_id,kpi_id,name,weight,achieved\nP1,K1,a,abc,3\nP1,K2,a,50,9\n", encoding="utf-8")
    with pytest.raises(se.ImportErrors) as kp:
        se.check_kpis(k)
    assert [x["line"] for x in kp.value.errors] == [2, 3]


def test_the_main_functions_take_all_errors() -> None:
    """samatthana.read_ratings / samatthana.score with all_errors= (scoring.py delegates here)."""
    pd = pytest.importorskip("pandas")
    if "all_errors" not in samatthana.read_ratings.__code__.co_varnames:
        pytest.skip("scoring.py does not take all_errors= yet (lead's change)")
    with pytest.raises(samatthana.ImportErrors) as info:
        samatthana.read_ratings(FIVE, all_errors=True)
    assert [x["line"] for x in info.value.errors] == [3, 4, 5, 6, 8]
    df = pd.DataFrame({"person_id": ["P1", "P1"], "position": ["K2", "K2"], "integrity": [2, 7]})
    with pytest.raises(samatthana.ImportErrors) as scored:
        samatthana.score(df, all_errors=3)
    assert [(x["row"], x["path"]) for x in scored.value.errors] == [(1, "integrity")]
