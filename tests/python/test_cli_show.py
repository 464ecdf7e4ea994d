"""`samatthana show` end to end: formats, digits, errors on stderr with exit codes."""
import json
import subprocess

import samatthana


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True)


def test_help(cli):
    p = run(cli, "show", "--help")
    assert p.returncode == 0 and "Usage: samatthana show [OPTIONS] [FRAMEWORK.json]" in p.stdout
    assert "--competency KEY" in p.stdout and "Levels are cumulative" in p.stdout
    top = run(cli, "--help")
    assert top.returncode == 0 and "show" in top.stdout and "diff" in top.stdout
    assert run(cli).returncode == 2


def test_text_thai_digits_and_cumulative_titles(cli):
    out = run(cli, "show").stdout
    assert "ระดับ ๖  แสดงสมรรถนะระดับที่ ๕ และร่วมวางแผนเป็นที่ปรึกษาที่ผู้รับบริการวางใจ" in out
    assert "หนังสือที่ กท ๐๓๐๒/๖๙๐ ลงวันที่ ๑ มีนาคม ๒๕๕๐" in out
    assert "ระดับ ๐  ไม่แสดงสมรรถนะด้านนี้อย่างชัดเจน" in out
    arabic = run(cli, "show", "--digits", "arabic").stdout
    assert "กท 0302/690" in arabic and "ระดับ 6" in arabic and "๖" not in arabic


def test_markdown(cli):
    out = run(cli, "show", "--format", "markdown", "--competency", "service").stdout
    assert out.startswith("# สมรรถนะหลักของข้าราชการกรุงเทพมหานครสามัญ")
    assert "## การบริการที่ดี (`service`)" in out
    assert out.count("\n| ") == 1 + 7  # header + level 0 + levels 1..6


def test_json_is_a_loadable_framework(cli, tmp_path):
    full = run(cli, "show", "--format", "json").stdout
    assert full == samatthana.bma_core().to_json()
    one = run(cli, "show", "--format", "json", "--competency", "๑๐๓").stdout
    p = tmp_path / "one.json"
    p.write_text(one, encoding="utf-8")
    fw = samatthana.load_framework(p)
    assert [c.id for c in fw.competencies] == ["achievement"]
    assert json.loads(one)["id"] == "bma-core-2550"


def test_file_argument_and_errors(cli, root, tmp_path):
    ocsc = run(cli, "show", str(root / "data/frameworks/ocsc-core-2552.json"))
    assert ocsc.returncode == 0 and "ไม่แสดงสมรรถนะด้านนี้ หรือแสดงอย่างไม่ชัดเจน" in ocsc.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "samatthana-framework/1", "id": "x",}', encoding="utf-8")
    p = run(cli, "show", str(bad))
    assert p.returncode == 1 and p.stdout == ""
    assert f"{bad}:1:48 (byte 47): malformed JSON" in p.stderr
    p = run(cli, "show", "--digits", "roman")
    assert p.returncode == 2 and "--digits: must be one of thai|arabic, not 'roman'" in p.stderr
    assert "Try `samatthana show --help`." in p.stderr
    p = run(cli, "show", "--colour")
    assert p.returncode == 2 and "not expected: --colour" in p.stderr
    p = run(cli, "show", "--competency", "ภาวะผู้นำ")
    assert p.returncode == 1 and "known ids" in p.stderr
    p = run(cli, "frobnicate")
    assert p.returncode == 2 and "unknown command" in p.stderr


def test_usage_errors_exit_2(cli, root, tmp_path):
    ratings = str(root / "data/samples/ratings.csv")
    cases = [
        (["show", "--framework", "nope"], "--framework: 'nope' is neither a built-in framework"),
        (["show", "--framework", "bma-core-2550", str(root / "data/frameworks/ocsc-core-2552.json")], "excludes"),
        (["score", ratings, "--weight", "-5"], "--weight: must be in [0, 100], not '-5'"),
        (["score", ratings, "--weight", "abc"], "--weight: needs a number, not 'abc'"),
        (["score", ratings, "--threshold", "0"], "--threshold: must be in (0, 1]"),
        (["score", ratings, "--profile", "nope"], "--profile: 'nope' is neither a built-in profile"),
        (["score", ratings, "-o", "a.csv", "--output", "b.csv"], "--output"),
        (["search", "x", "--limit", "abc"], "--limit: needs a whole number 0 or more, not 'abc'"),
        (["search", "x", "--limit", "-1"], "--limit"),
        (["diff", "bma-core-2550", "nope"], "FRAMEWORK_B: 'nope' is neither a built-in framework"),
        (["report", ratings], "give --person ID for a person's sheet or --cohort"),
        (["report", ratings, "--cohort", "--round", "2567"], "--round needs YEAR/N"),
        (["plan", ratings], "--person is required"),
        (["nope"], "unknown command 'nope'"),
        ([], "Usage: samatthana"),
    ]
    for args, message in cases:
        p = run(cli, *args)
        assert p.returncode == 2, (args, p.stderr)
        assert message in p.stderr, (args, p.stderr)
        assert p.stdout == "", args


def test_thai_digits_in_numbers(cli):
    p = run(cli, "search", "ทีม", "--limit", "๒")
    assert p.returncode == 0 and p.stdout.count("\n      ") == 2


def test_bad_data_exit_1_and_a_missing_input_file(cli, tmp_path):
    p = run(cli, "score", str(tmp_path / "missing.csv"))
    assert p.returncode == 1 and "no such file" in p.stderr


def evil_framework(cli, tmp_path, name, definition):
    fw = json.loads(run(cli, "show", "--format", "json").stdout)
    fw["competencies"][0]["name"]["th"] = name
    fw["competencies"][0]["definition"]["th"] = definition
    p = tmp_path / "evil.json"
    p.write_text(json.dumps(fw, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_markdown_escapes_framework_text(cli, tmp_path):
    path = evil_framework(cli, tmp_path, "ยึดมั่น <script>alert(1)</script> | ท่อ", "นิยาม *หนา* | \u202eกลับ")
    md = run(cli, "show", path, "--format", "markdown", "--competency", "integrity").stdout
    assert "<script>" not in md
    assert "## ยึดมั่น &lt;script&gt;alert(1)&lt;/script&gt; \\| ท่อ (`integrity`)" in md
    assert "นิยาม \\*หนา\\* \\| \\\\u202eกลับ" in md
    assert "\u202e" not in md


def test_text_output_escapes_terminal_controls(cli, tmp_path):
    path = evil_framework(cli, tmp_path, "ยึดมั่น", "นิยาม \u202eกลับ")
    out = run(cli, "show", path, "--competency", "integrity").stdout
    assert "นิยาม \\u202eกลับ" in out
    assert "\u202e" not in out
    assert "ยึดมั่น" in out  # Thai untouched


def test_errors_escape_controls_and_are_not_cut_at_nul(cli, tmp_path):
    p = run(cli, "show", "--competency", "ab\x1b[31mcd")
    assert p.returncode == 1
    assert "\x1b" not in p.stderr and "ab\\x1b[31mcd" in p.stderr
    p = run(cli, "show", "--framework", "\x1b]0;title\x07")
    assert p.returncode == 2 and "\\x1b]0;title\\x07" in p.stderr and "\x1b" not in p.stderr


def test_plan_and_table_escape_input_text(cli, tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
                       "A1,สมชาย \u202eใจดี,เขต\u202eบางรัก,K2,2,2,2,2,2\n", encoding="utf-8")
    p = run(cli, "plan", str(ratings), "--person", "A1")
    assert p.returncode == 0, p.stderr
    assert "\u202e" not in p.stdout and "สมชาย \\u202eใจดี" in p.stdout
    p = run(cli, "score", str(ratings), "--summary")
    assert p.returncode == 0, p.stderr
    assert "\u202e" not in p.stdout and "\\u202e" in p.stdout


def test_group_shown_in_text_and_markdown(cli):
    """Each competency's group: สมรรถนะหลัก / สมรรถนะผู้บริหาร / สมรรถนะประจำสายงาน."""
    out = run(cli, "show", "--competency", "service").stdout
    assert "   กลุ่ม: สมรรถนะหลัก (core)\n" in out
    md = run(cli, "show", "--format", "markdown", "--competency", "service").stdout
    assert "\nกลุ่ม: สมรรถนะหลัก \\(core\\)\n" in md or "\nกลุ่ม: สมรรถนะหลัก (core)\n" in md
    mgr = run(cli, "show", "--framework", "ocsc-managerial-2552").stdout
    assert "กลุ่ม: สมรรถนะผู้บริหาร (managerial)" in mgr and "สมรรถนะหลัก (core)" not in mgr
    fn = run(cli, "show", "--framework", "ocsc-functional-2552").stdout
    assert "กลุ่ม: สมรรถนะประจำสายงาน (functional)" in fn
