"""Three frameworks from Python and the CLI; diff checked for one pair."""
import json
import subprocess

import pytest

import samatthana

SHIPPED = ["bma-core-2550", "ocsc-core-2552", "ocsc-core-2548"]


@pytest.mark.parametrize("fid", SHIPPED)
def test_framework_loads_by_id_and_path(fid, root):
    fw = samatthana.framework(fid)
    assert fw.id == fid and len(fw) == 5
    assert samatthana.framework(str(root / "data/frameworks" / f"{fid}.json")) == fw
    assert fw.to_dataframe()["indicator_id"].is_unique


def test_codes_are_per_framework():
    assert samatthana.framework("bma-core-2550").competency("101").id == "integrity"
    assert samatthana.framework("ocsc-core-2552").competency("101").id == "achievement"
    assert samatthana.corresponding(samatthana.bma_core(), "integrity", samatthana.framework("ocsc")) == "integrity"


def test_diff_dataframe_2548_to_2552():
    df = samatthana.diff("ocsc-core-2548", "ocsc-core-2552")
    assert set(df["change"]) <= {"same", "reworded", "added", "removed"}
    lvl6 = df[(df.competency_a == "service") & (df.level == 6)]
    assert len(lvl6) == 3 and (lvl6.change == "removed").all()
    row = df[df.indicator_a == "achievement.1.1"].iloc[0]
    assert row.change == "reworded" and row.text_b == "พยายามทำงานในหน้าที่ให้ถูกต้อง"
    same = samatthana.diff("bma-core-2550", "bma-core-2550")
    assert (same.change == "same").all() and len(same) == samatthana.bma_core().indicator_count


@pytest.mark.parametrize("fid", SHIPPED)
def test_cli_show_every_framework(cli, fid):
    out = subprocess.run([cli, "show", "--framework", fid], capture_output=True, text=True, check=True).stdout
    fw = samatthana.framework(fid)
    assert fw.level_zero.th in out
    for c in fw.competencies:
        assert c.name.th in out


def test_cli_diff_text_and_json(cli):
    p = subprocess.run([cli, "diff", "ocsc-core-2548", "ocsc-core-2552"], capture_output=True, text=True, check=True)
    assert "ระดับ ๖: มีเฉพาะใน ocsc-core-2548" in p.stdout
    assert "~ ถ้อยคำเปลี่ยน achievement.1.1 → achievement.1.1" in p.stdout
    assert p.stdout.rstrip().splitlines()[-1].startswith("สรุป: เหมือนเดิม ")
    j = json.loads(subprocess.run([cli, "diff", "ocsc-core-2548", "ocsc-core-2552", "--format", "json"],
                                  capture_output=True, text=True, check=True).stdout)
    service = next(c for c in j["competencies"] if c["a"] == "service")
    assert service["levels"][5] ["in_b"] is False
    bad = subprocess.run([cli, "diff", "bma-core-2550"], capture_output=True, text=True)
    assert bad.returncode == 2 and "expected two frameworks" in bad.stderr
    bad = subprocess.run([cli, "diff", "bma-core-2550", "nope"], capture_output=True, text=True)
    # Neither a built-in id nor a file: a bad command line (exit 2), as docs/cli.md says.
    assert bad.returncode == 2 and "neither a built-in framework" in bad.stderr
