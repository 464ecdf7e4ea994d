"""`samatthana show` end to end: formats, digits, errors on stderr with exit codes."""
import json
import subprocess

import samatthana


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True)


def test_help(cli):
    p = run(cli, "show", "--help")
    assert p.returncode == 0 and "usage: samatthana show" in p.stdout
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
    assert p.returncode == 2 and "--digits must be one of thai|arabic" in p.stderr
    p = run(cli, "show", "--colour")
    assert p.returncode == 2 and "unknown option --colour" in p.stderr
    p = run(cli, "show", "--competency", "ภาวะผู้นำ")
    assert p.returncode == 1 and "known ids" in p.stderr
    p = run(cli, "frobnicate")
    assert p.returncode == 2 and "unknown command" in p.stderr
