"""Reports from Python and the CLI: well-formed, self-contained HTML for everyone in the sample
cohort, escaping, Markdown, notebook hooks and the matplotlib radar (no browser needed)."""
from __future__ import annotations

import html as html_module
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

rp = pytest.importorskip("samatthana.report")

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples"
RATINGS, EVIDENCE, RESULTS = (SAMPLES / f for f in ("ratings.csv", "evidence.csv", "results.csv"))
COMPETENCIES = ("คุณธรรมจริยธรรม", "การบริการที่ดี", "การมุ่งผลสัมฤทธิ์", "การทำงานเป็นทีม",
                "การส่งเสริมความเชี่ยวชาญในงานอาชีพ")
SVG = "{http://www.w3.org/2000/svg}"


def _inline(frame: str) -> str:
    """The report document inside a notebook's inline frame (``_repr_html_``)."""
    m = re.fullmatch(r'<iframe class="samatthana-report" [^>]*srcdoc="([^"]*)"></iframe>', frame)
    assert m, frame[:300]
    return html_module.unescape(m.group(1))


def _tree(html: str) -> ET.Element:
    """The reports are also well-formed XML: parse them strictly."""
    return ET.fromstring(html.split("\n", 1)[1])  # after <!DOCTYPE html>


def test_every_person_sheet_is_well_formed() -> None:
    sheets = rp.person_sheets(RATINGS, evidence=EVIDENCE, results=RESULTS, round="2567/1")
    assert len(sheets) == 320
    for s in sheets:
        html = s.to_html()
        root = _tree(html)
        assert root.tag == "html" and root.get("lang") == "th"
        assert root.find(".//script") is None
        text = "".join(root.itertext())
        assert s.name in text and s.unit in text
        for c in COMPETENCIES:
            assert c in text
        held = root.find(f".//{SVG}polygon[@class='held']")
        assert held is not None and len(held.get("points").split()) == 5
        assert "ปีงบประมาณ ๒๕๖๗ รอบที่ ๑" in text


def test_person_sheet_api_and_notebook_hooks() -> None:
    s = rp.person_sheet(RATINGS, "BKK00220", evidence=EVIDENCE, results=RESULTS)
    assert s.name == "รัตนา ประเสริฐวงศ์"
    assert s.competencies == ["integrity", "service", "achievement", "teamwork", "expertise"]
    assert s.max_levels == [5, 6, 5, 5, 5]
    assert len(s.held) == len(s.expected) == 5
    assert s.band in ("ดีเด่น", "ดีมาก", "ดี", "พอใช้", "ต้องปรับปรุง")
    assert _inline(s._repr_html_()) == s.to_html()
    assert "<svg" in s.radar_svg()
    arabic = s.to_html(digits="arabic")
    assert f"{s.competency_score:.2f}" in arabic
    assert f"{s.competency_score:.2f}" not in s.to_html()
    md = s.to_markdown()
    assert md.startswith("# ") and "| คุณธรรมจริยธรรม |" in md
    assert "BKK00220" in repr(s)


def test_dataframes_as_input() -> None:
    pd = pytest.importorskip("pandas")
    ratings = pd.read_csv(RATINGS, encoding="utf-8-sig", dtype=str)
    results = pd.read_csv(RESULTS, encoding="utf-8-sig")
    a = rp.person_sheet(ratings, "BKK00001", results=results)
    b = rp.person_sheet(RATINGS, "BKK00001", results=RESULTS)
    assert a.held == b.held and a.total == b.total


def test_cohort_overview() -> None:
    ov = rp.cohort_overview(RATINGS, evidence=EVIDENCE, results=RESULTS, round=(2567, 1))
    assert len(ov) == 320
    root = _tree(_inline(ov._repr_html_()))
    cells = root.findall(f".//{SVG}g[@class='cell']")
    assert len(cells) == 9 * 5
    assert "ส่วนต่างเฉลี่ย" in cells[0].find(f"{SVG}title").text
    md = ov.to_markdown()
    assert "| สำนักการแพทย์ |" in md and "ดีเด่น" in md


def test_escaping(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "ratings.csv"
    bad.write_text("person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
                   'X1,<script>alert(1)</script>,"<img src=x onerror=alert(2)> & ""q""",K2,2,2,2,2,2\n'
                   "X2,ก,<b>u</b>,K1,1,1,1,1,1\n", encoding="utf-8")
    for html in (rp.person_sheet(bad, "X1").to_html(), rp.cohort_overview(bad).to_html()):
        root = _tree(html)
        assert root.find(".//script") is None and root.find(".//img") is None and root.find(".//b") is None
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rp.person_sheet(bad, "X1").to_html()
    text = "".join(_tree(rp.person_sheet(bad, "X1").to_html()).itertext())
    assert "<script>alert(1)</script>" in text  # shows as text
    assert "<script>" not in rp.person_sheet(bad, "X1").to_markdown()
    assert rp.html_escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"


def test_save(tmp_path: pathlib.Path) -> None:
    s = rp.person_sheet(RATINGS, "BKK00002", evidence=EVIDENCE)
    s.save(tmp_path / "s.html")
    s.save(tmp_path / "s.md")
    assert (tmp_path / "s.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "s.md").read_text(encoding="utf-8").startswith("# ")


def test_radar_plot() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from samatthana import plot

    s = rp.person_sheet(RATINGS, "BKK00220", evidence=EVIDENCE)
    ax = plot.radar(s)
    held_line = ax.lines[-1]
    assert list(held_line.get_ydata()) == s.held + s.held[:1]
    assert len(held_line.get_xdata()) == 6
    assert ax.get_ylim()[1] >= 6  # service reaches 6
    ax2 = plot.radar({"101": 2, "service": 6, "achievement": 1, "teamwork": 0, "expertise": 5})
    assert list(ax2.lines[-1].get_ydata())[:5] == [2, 6, 1, 0, 5]
    with pytest.raises(ValueError):
        plot.radar([1, 2, 3])
    import matplotlib.pyplot as plt

    plt.close("all")


def test_cli(cli: str, tmp_path: pathlib.Path) -> None:
    base = [cli, "report", str(RATINGS), "--evidence", str(EVIDENCE), "--results", str(RESULTS), "--round", "2567/2"]
    subprocess.run(base + ["--person", "BKK00001", "-o", str(tmp_path / "p.html")], check=True)
    subprocess.run(base + ["--cohort", "-o", str(tmp_path / "c.html")], check=True)
    md = subprocess.run(base + ["--cohort", "--format", "markdown", "--digits", "arabic"], check=True,
                        capture_output=True, text=True).stdout
    assert "1 เมษายน 2567 – 30 กันยายน 2567" in md
    _tree((tmp_path / "p.html").read_text(encoding="utf-8"))
    _tree((tmp_path / "c.html").read_text(encoding="utf-8"))
    r = subprocess.run(base + ["--person", "NOBODY"], capture_output=True, text=True)
    assert r.returncode != 0 and "NOBODY" in r.stderr
    r = subprocess.run([cli, "report", str(RATINGS)], capture_output=True, text=True)
    assert r.returncode == 2


def test_cli_title_must_be_utf8_and_markdown_is_escaped(cli: str, tmp_path: pathlib.Path) -> None:
    base = [cli, "report", str(RATINGS), "--evidence", str(EVIDENCE), "--round", "none", "--cohort"]
    r = subprocess.run([*base, "--title", b"x\xff\xfe"], capture_output=True)
    assert r.returncode == 2 and b"--title: is not valid UTF-8" in r.stderr and r.stdout == b""
    r = subprocess.run([*base, "--format", "markdown", "--title", "<b>ชื่อ</b> | *x*"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# &lt;b&gt;ชื่อ&lt;/b&gt; \\| \\*x\\*\n")


def test_inline_report_is_scoped_to_its_frame() -> None:
    """Regression: _repr_html_ returned the whole document, whose page-wide CSS (body, table, th,
    td …) restyled every DataFrame of the notebook. Now the document sits in an <iframe srcdoc>:
    nothing of it (no <style>, no element) reaches the notebook's page."""
    s = rp.person_sheet(RATINGS, "BKK00001", evidence=EVIDENCE, results=RESULTS)
    for shown in (s._repr_html_(), rp.cohort_overview(RATINGS, evidence=EVIDENCE)._repr_html_()):
        assert shown.startswith("<iframe ") and shown.endswith("</iframe>")
        outside = re.sub(r'srcdoc="[^"]*"', "", shown)
        assert "<style" not in outside and "<" not in outside[1:-len("</iframe>")]
        assert 'sandbox="allow-same-origin"' in outside  # nothing in the frame may run
        assert re.search(r"height:\d+px", outside)
        assert "<style" in _inline(shown)
    # the standalone document stays a full page
    assert s.to_html().startswith("<!DOCTYPE html>")


def test_person_sheets_equal_one_by_one_and_read_once() -> None:
    sheets = rp.person_sheets(RATINGS, evidence=EVIDENCE, results=RESULTS)
    assert [x.person_id for x in sheets][:3] == ["BKK00001", "BKK00002", "BKK00003"]
    for x in sheets[::40]:
        one = rp.person_sheet(RATINGS, x.person_id, evidence=EVIDENCE, results=RESULTS)
        assert x.to_html() == one.to_html() and x.total == one.total
    r360 = SAMPLES / "ratings-360.csv"  # one row per rater: every rater's ratings reach the sheet
    for raters in ("supervisor", "weighted"):
        every = rp.person_sheets(r360, raters=raters)
        assert len(every) == 35
        for x in every:
            assert x.to_markdown() == rp.person_sheet(r360, x.person_id, raters=raters).to_markdown()


def test_person_sheets_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (quadratic person_sheets): the tables are read and parsed once for everyone,
    not once per person (8 000 people took 15.7 s; benchmarks/bench_reports.py times 80 000)."""
    import samatthana._samatthana as ext

    calls = {"one": 0, "all": 0}
    one, every = ext._person_sheet, ext._person_sheets

    def count_one(*a: object, **k: object) -> object:
        calls["one"] += 1
        return one(*a, **k)

    def count_all(*a: object, **k: object) -> object:
        calls["all"] += 1
        return every(*a, **k)

    monkeypatch.setattr(ext, "_person_sheet", count_one)
    monkeypatch.setattr(ext, "_person_sheets", count_all)
    assert len(rp.person_sheets(RATINGS, evidence=EVIDENCE, results=RESULTS)) == 320
    assert calls == {"one": 0, "all": 1}


def test_raters_as_the_cli(cli: str, tmp_path: pathlib.Path) -> None:
    r360 = SAMPLES / "ratings-360.csv"
    import samatthana

    pid = "BKK00097"  # the peers and self lift the weighted levels above the supervisor's
    sup = rp.person_sheet(r360, pid)
    w = rp.person_sheet(r360, pid, raters="weighted")
    assert sup.held != w.held and w.competency_score > sup.competency_score
    scored = samatthana.score(samatthana.scoring.read_ratings(r360), raters="weighted")
    row = scored[scored["person_id"] == pid].iloc[0]
    assert w.held == [int(row[f"{c}_held"]) for c in w.competencies]
    w2 = rp.person_sheet(r360, pid, raters="weighted", rater_weights={"supervisor": 1, "self": 1},
                         rater_rounding="down")
    s2 = samatthana.score(samatthana.scoring.read_ratings(r360), raters="weighted",
                          rater_weights={"supervisor": 1, "self": 1}, rater_rounding="down")
    assert w2.held == [int(s2[s2["person_id"] == pid].iloc[0][f"{c}_held"]) for c in w.competencies]
    out = tmp_path / "w.md"
    subprocess.run([cli, "report", str(r360), "--person", pid, "--raters", "weighted", "--round", "none",
                    "--format", "markdown", "-o", str(out)], check=True)
    assert out.read_text(encoding="utf-8") == w.to_markdown()
    every = rp.person_sheets(r360, raters="weighted")
    assert next(x for x in every if x.person_id == pid).held == w.held
    ov = rp.cohort_overview(r360, raters="weighted")
    assert len(ov) == len(every)
    with pytest.raises(ValueError, match="raters must be 'supervisor' or 'weighted'"):
        rp.person_sheet(r360, "BKK00001", raters="everyone")
    with pytest.raises(ValueError, match="rater_weights"):
        rp.person_sheet(r360, "BKK00001", rater_weights={"self": 1})


def test_plan_cohort() -> None:
    pd = pytest.importorskip("pandas")
    import samatthana

    scored = samatthana.score(samatthana.scoring.read_ratings(RATINGS),
                              evidence=samatthana.scoring.read_evidence(EVIDENCE))
    plan = rp.plan_cohort(scored)
    assert list(plan.columns) == rp.PLAN_COLUMNS
    fw = samatthana.bma_core()
    # exactly the indicators of levels held+1..expected of every competency below expected
    want = set()
    for _, row in scored.iterrows():
        for c in fw.competencies:
            h, e = int(row[f"{c.id}_held"]), int(row[f"{c.id}_expected"])
            for lv in c.levels:
                if h < lv.number <= e:
                    want.update((row["person_id"], i.id) for i in lv.indicators)
    assert set(zip(plan["person_id"], plan["indicator_id"])) == want
    assert not plan["stretch"].any() and (plan["target_level"] == plan["expected"]).all()
    needs = plan.groupby(["unit", "competency"])["person_id"].nunique()
    assert needs.sum() == sum(int((scored[f"{c.id}_held"] < scored[f"{c.id}_expected"]).sum())
                              for c in fw.competencies)
    stretch = rp.plan_cohort(scored, stretch=True)
    top = stretch[stretch["stretch"]]
    assert len(top) and (top["level"] == top["held"] + 1).all() and (top["held"] >= top["expected"]).all()
    # one person, the same indicators as the sheet's plan text
    p1 = plan[plan["person_id"] == "BKK00001"]
    text = samatthana.plan("BKK00001", "K3", {c: int(scored.loc[0, f"{c}_held"]) for c in scored.attrs["competencies"]})
    for ind in p1["indicator_id"]:
        assert f"[{ind}]" in text
    empty = rp.plan_cohort(scored.iloc[0:0])
    assert list(empty.columns) == rp.PLAN_COLUMNS and len(empty) == 0
    assert isinstance(plan, pd.DataFrame)
