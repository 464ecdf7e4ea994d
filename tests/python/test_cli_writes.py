"""`-o FILE` writes safely (mode kept, umask honoured, links followed, devices and FIFOs written in
place, no temporary file left) and every command checks its output (`> /dev/full` fails)."""
import os
import pathlib
import shutil
import stat
import subprocess
import tempfile
import threading

import pytest


def run(cli, *args, **kw):
    return subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8", **kw)


@pytest.fixture
def ratings(root):
    return str(root / "data/samples/ratings.csv")


def score_to(cli, ratings, out, **kw):
    return run(cli, "score", ratings, "--missing", "zero", "-o", str(out), **kw)


def test_new_file_honours_the_umask(cli, ratings, tmp_path):
    def with_umask(mask):
        return lambda: os.umask(mask)

    p = score_to(cli, ratings, tmp_path / "a.csv", preexec_fn=with_umask(0o022))
    assert p.returncode == 0, p.stderr
    q = score_to(cli, ratings, tmp_path / "b.csv", preexec_fn=with_umask(0o077))
    assert q.returncode == 0, q.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "a.csv").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "b.csv").st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == ["a.csv", "b.csv"]


def test_existing_0600_file_keeps_its_mode(cli, ratings, tmp_path):
    out = tmp_path / "scores.csv"
    out.write_text("old\n")
    os.chmod(out, 0o600)
    p = score_to(cli, ratings, out, preexec_fn=lambda: os.umask(0o022))
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text(encoding="utf-8-sig").startswith("person_id,")
    assert os.listdir(tmp_path) == ["scores.csv"]


def test_symlink_target_updated_and_link_kept(cli, ratings, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "scores.csv"
    target.write_text("old\n")
    link = tmp_path / "scores.csv"
    link.symlink_to("real/scores.csv")
    p = score_to(cli, ratings, link)
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and os.readlink(link) == "real/scores.csv"
    assert target.read_text(encoding="utf-8-sig").startswith("person_id,")
    assert sorted(os.listdir(tmp_path)) == ["real", "scores.csv"]
    assert os.listdir(tmp_path / "real") == ["scores.csv"]


def test_fifo_reader_gets_the_report(cli, ratings, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as f:
            got["bytes"] = f.read()

    t = threading.Thread(target=read, daemon=True)  # blocks for ever if the FIFO is replaced
    t.start()
    p = run(cli, "report", ratings, "--missing", "zero", "--cohort", "--round", "none", "-o", str(fifo), timeout=60)
    t.join(timeout=60)
    assert p.returncode == 0, p.stderr
    assert not t.is_alive(), "the reader got nothing: the FIFO was replaced"
    assert got["bytes"].startswith(b"<!DOCTYPE html>") and got["bytes"].rstrip().endswith(b"</html>")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_device_stays_a_device(cli, ratings, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to make a device node")
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        pytest.skip("mknod not permitted here")
    p = score_to(cli, ratings, dev)
    assert p.returncode == 0, p.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert os.listdir(tmp_path) == ["null"]


def _as_nobody():
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv:
        return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere and setpriv is missing")
    return []


def test_read_only_folder_names_the_reason(cli, ratings):
    prefix = _as_nobody()
    base = pathlib.Path(tempfile.mkdtemp(prefix="samatthana-ro-"))  # reachable by nobody
    try:
        os.chmod(base, 0o755)
        folder = base / "ro"
        folder.mkdir()
        (folder / "x.csv").write_text("old\n")
        os.chmod(folder / "x.csv", 0o666)
        os.chmod(folder, 0o555)
        p = subprocess.run([*prefix, cli, "score", ratings, "--missing", "zero", "-o", str(folder / "x.csv")],
                           capture_output=True, text=True, encoding="utf-8")
        assert p.returncode == 1
        assert "Permission denied" in p.stderr and "Success" not in p.stderr
        assert "temporary file" in p.stderr
        assert (folder / "x.csv").read_text() == "old\n"
        assert os.listdir(folder) == ["x.csv"]
    finally:
        os.chmod(base / "ro", 0o755)
        shutil.rmtree(base)


def test_missing_folder_names_the_reason(cli, ratings, tmp_path):
    p = score_to(cli, ratings, tmp_path / "no" / "such" / "x.csv")
    assert p.returncode == 1
    assert "No such file or directory" in p.stderr
    assert os.listdir(tmp_path) == []


def full_device(tmp_path):
    """/dev/full, or as root a copy of it (so an old binary that replaced devices could not
    damage the real one)."""
    if os.geteuid() != 0:
        return "/dev/full"
    dev = tmp_path / "full"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("mknod not permitted here")
    return str(dev)


def test_o_dev_full_fails(cli, ratings, tmp_path):
    dev = full_device(tmp_path)
    p = score_to(cli, ratings, dev)
    assert p.returncode == 1
    assert "No space left on device" in p.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


# ---- standard output checked at the end of every command ----------------------------------

FULL_DISK_COMMANDS = [
    ["score", "{ratings}", "--missing", "zero"],
    ["score", "{ratings}", "--missing", "zero", "--summary"],
    ["report", "{ratings}", "--missing", "zero", "--cohort", "--round", "none"],
    ["report", "{ratings}", "--missing", "zero", "--person", "BKK00003", "--format", "markdown", "--round", "none"],
    ["show"],
    ["show", "--format", "json"],
    ["plan", "{ratings}", "--missing", "zero", "--person", "BKK00003"],
    ["search", "ผลกระทบ"],
    ["search", "ผลกระทบ", "--format", "json"],
    ["diff", "ocsc-core-2548", "ocsc-core-2552"],
    ["diff", "ocsc-core-2548", "ocsc-core-2552", "--format", "json"],
    ["--help"],
    ["--version"],
    ["show", "--help"],
]


@pytest.mark.parametrize("args", FULL_DISK_COMMANDS, ids=lambda a: "-".join(a).replace("{ratings}", "R").replace("--missing-zero-", ""))
def test_full_disk_on_stdout_is_an_error(cli, ratings, args):
    argv = [a.format(ratings=ratings) for a in args]
    with open("/dev/full", "w") as full:
        p = subprocess.run([cli, *argv], stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert p.returncode == 1, p.stderr
    assert "write error: No space left on device" in p.stderr


def test_closed_stdout_is_an_error(cli):
    p = subprocess.run(f'"{cli}" show >&-', shell=True, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert p.returncode == 1
    assert "write error: Bad file descriptor" in p.stderr


def test_o_dev_stdout_to_a_pipe_and_to_a_file(cli, tmp_path):
    p = subprocess.run([cli, "show", "--format", "json"], capture_output=True)
    q = subprocess.run([cli, "diff", "ocsc-core-2548", "ocsc-core-2552", "--format", "json", "-o", "/dev/stdout"],
                       capture_output=True)
    assert q.returncode == 2  # diff has no -o; the score/report commands do
    q = subprocess.run([cli, "score", str(tmp_path / "none.csv"), "-o", "/dev/stdout"], capture_output=True)
    assert q.returncode == 1
    r = subprocess.run(f'"{cli}" report "$R" --missing zero --cohort --round none -o /dev/stdout | wc -c',
                       shell=True, capture_output=True, text=True,
                       env=dict(os.environ, R=str(pathlib.Path(__file__).resolve().parents[2] / "data/samples/ratings.csv")))
    assert r.returncode == 0 and int(r.stdout) > 10000, r.stderr
    out = tmp_path / "out.html"
    s = subprocess.run(f'"{cli}" report "$R" --missing zero --cohort --round none -o /dev/stdout > "{out}"',
                       shell=True, capture_output=True, text=True,
                       env=dict(os.environ, R=str(pathlib.Path(__file__).resolve().parents[2] / "data/samples/ratings.csv")))
    assert s.returncode == 0, s.stderr
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["out.html"]
    assert p.returncode == 0


# ---- score streams its output (chunk by chunk): the same safe writes ------------------------

def _bad_late(tmp_path, rows=60, bad=55):
    """A ratings file whose row `bad` has a level out of range: found after several chunks."""
    header = "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\n"
    body = "".join(f"P{i},ชื่อ {i},หน่วย,K2,{'9' if i == bad else '3'},2,2,2,2\n" for i in range(1, rows + 1))
    f = tmp_path / "late.csv"
    f.write_text(header + body, encoding="utf-8")
    return f


def test_streaming_failure_leaves_the_old_file_and_no_temporary(cli, tmp_path):
    f = _bad_late(tmp_path)
    out = tmp_path / "scores.csv"
    out.write_text("old\n")
    os.chmod(out, 0o640)
    p = run(cli, "score", str(f), "--chunk-rows", "5", "-o", str(out))
    assert p.returncode == 1 and ":56:" in p.stderr, p.stderr
    assert out.read_text() == "old\n" and stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["late.csv", "scores.csv"]
    q = run(cli, "score", str(f), "--chunk-rows", "5", "-o", str(tmp_path / "new.csv"))
    assert q.returncode == 1 and not (tmp_path / "new.csv").exists()
    assert sorted(os.listdir(tmp_path)) == ["late.csv", "scores.csv"]


def test_streaming_failure_writes_nothing_to_stdout_or_a_fifo(cli, tmp_path):
    f = _bad_late(tmp_path)
    p = subprocess.run([cli, "score", str(f), "--chunk-rows", "5"], capture_output=True)
    assert p.returncode == 1 and p.stdout == b""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as r:
            got["bytes"] = r.read()

    t = threading.Thread(target=read, daemon=True)
    t.start()
    q = run(cli, "score", str(f), "--chunk-rows", "5", "-o", str(fifo), timeout=60)
    assert q.returncode == 1
    with open(fifo, "wb"):  # release the reader: the command never opened the FIFO
        pass
    t.join(timeout=60)
    assert got["bytes"] == b""


def test_streaming_to_a_fifo_the_reader_gets_all_of_it(cli, ratings, tmp_path):
    whole = subprocess.run([cli, "score", ratings, "--missing", "zero", "--chunk-rows", "0"], capture_output=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as r:
            got["bytes"] = r.read()

    t = threading.Thread(target=read, daemon=True)
    t.start()
    p = run(cli, "score", ratings, "--missing", "zero", "--chunk-rows", "7", "-o", str(fifo), timeout=60)
    t.join(timeout=60)
    assert p.returncode == 0, p.stderr
    assert got["bytes"] == whole.stdout and len(whole.stdout) > 10000
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(tmp_path) == ["pipe"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_streaming_full_disk_is_exit_1(cli, ratings, tmp_path, fmt):
    dev = full_device(tmp_path)
    p = run(cli, "score", ratings, "--missing", "zero", "--chunk-rows", "7", "--format", fmt, "-o", dev)
    assert p.returncode == 1 and "No space left on device" in p.stderr
    with open("/dev/full", "w") as full:
        q = subprocess.run([cli, "score", ratings, "--missing", "zero", "--chunk-rows", "7", "--format", fmt],
                           stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert q.returncode == 1 and "write error: No space left on device" in q.stderr


def test_streaming_o_dev_stdout_to_a_file_and_a_pipe(cli, ratings, tmp_path):
    whole = subprocess.run([cli, "score", ratings, "--missing", "zero", "--chunk-rows", "0"], capture_output=True).stdout
    out = tmp_path / "out.csv"
    env = dict(os.environ, R=ratings)
    s = subprocess.run(f'"{cli}" score "$R" --missing zero --chunk-rows 9 -o /dev/stdout > "{out}"',
                       shell=True, capture_output=True, text=True, env=env)
    assert s.returncode == 0, s.stderr
    assert out.read_bytes() == whole
    r = subprocess.run(f'"{cli}" score "$R" --missing zero --chunk-rows 9 -o /dev/stdout | cat', shell=True,
                       capture_output=True, env=env)
    assert r.returncode == 0 and r.stdout == whole
    assert os.listdir(tmp_path) == ["out.csv"]


def test_streaming_spool_is_never_left_behind(cli, ratings, tmp_path):
    """Output bound for standard output waits in an unnamed file in TMPDIR: nothing is left there,
    after success or failure; an unusable TMPDIR is a located error, exit 1."""
    spool = tmp_path / "tmp"
    spool.mkdir()
    env = dict(os.environ, TMPDIR=str(spool))
    ok = subprocess.run([cli, "score", ratings, "--missing", "zero", "--chunk-rows", "9"], capture_output=True, env=env)
    assert ok.returncode == 0 and ok.stdout
    bad = subprocess.run([cli, "score", str(_bad_late(tmp_path)), "--chunk-rows", "9"], capture_output=True, env=env)
    assert bad.returncode == 1
    assert os.listdir(spool) == []
    env["TMPDIR"] = str(tmp_path / "missing")
    gone = subprocess.run([cli, "score", ratings, "--missing", "zero", "--chunk-rows", "9"], capture_output=True,
                          text=True, env=env)
    assert gone.returncode == 1 and "TMPDIR" in gone.stderr and gone.stdout == ""
