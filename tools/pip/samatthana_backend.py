"""A minimal PEP 517 build backend: drives the project's CMake build and packs the Python
package (bindings/python/samatthana + the _samatthana extension) into a wheel.

Standard library only, so it works offline with --no-build-isolation. The CMake build directory
is $SAMATTHANA_PIP_BUILD_DIR when set (incremental rebuilds), else a temporary directory.
"""
from __future__ import annotations

import base64
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAME = "samatthana"


def _version() -> str:
    return (ROOT / "VERSION").read_text(encoding="utf-8").strip()


def _tag() -> str:
    impl = f"cp{sys.version_info.major}{sys.version_info.minor}"
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{impl}-{impl}-{plat}"


def _metadata() -> str:
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {_version()}\n"
        "Summary: Thai civil-service competency frameworks: model, appraisal and reports\n"
        "Requires-Python: >=3.9\n"
        "Requires-Dist: numpy\n"
        "Requires-Dist: pandas\n"
    )


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = pathlib.Path(metadata_directory) / f"{NAME}-{_version()}.dist-info"
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(), encoding="utf-8")
    return dist_info.name


def _build(build_dir: pathlib.Path) -> pathlib.Path:
    cmake = shutil.which("cmake") or "cmake"
    gen = ["-G", "Ninja"] if shutil.which("ninja") else []
    # The interpreter that owns the headers: a venv's python resolves to its base interpreter,
    # which stays valid after the (temporary) venv is gone, so a kept build dir stays usable.
    python = os.path.realpath(sys.executable)
    cache = build_dir / "CMakeCache.txt"
    if not cache.exists() or f"Python_EXECUTABLE:FILEPATH={python}" not in cache.read_text(errors="replace"):
        subprocess.run(
            [cmake, "-S", str(ROOT), "-B", str(build_dir), *gen,
             "-DCMAKE_BUILD_TYPE=Release", "-DSAMATTHANA_PYTHON=ON",
             "-DSAMATTHANA_BUILD_TESTS=OFF", "-DSAMATTHANA_BUILD_CLI=OFF",
             "-DSAMATTHANA_INSTALL=OFF", f"-DPython_EXECUTABLE:FILEPATH={python}"],
            check=True, stdout=sys.stderr)
    _run_with_progress([cmake, "--build", str(build_dir), "--target", "_samatthana",
                        "--parallel", str(os.cpu_count() or 2)])
    return build_dir / "python" / NAME


def _progress_stream():
    """Where build progress goes. pip captures a backend's output and shows it only with -v, so
    a build of several minutes would look hung: write to the controlling terminal when there is
    one (an interactive `pip install .`), else to stderr (shown by `pip install -v .`, and in
    logs)."""
    try:
        return open("/dev/tty", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        return None


def _run_with_progress(cmd: list[str]) -> None:
    """Runs the build, echoing every line to stderr and a one-line "[n/N] file" progress to the
    terminal; on failure the whole output is in the error."""
    tty = _progress_stream()
    lines: list[str] = []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace")
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            lines.append(line)
            sys.stderr.write(line)
            if tty and line.startswith("["):
                step, _, what = line.partition("] ")
                tty.write(f"\rsamatthana: building {step}] {what.strip()[-60:]:<60}")
                tty.flush()
        rc = proc.wait()
    finally:
        if tty:
            tty.write("\n")
            tty.close()
    if rc != 0:
        raise subprocess.CalledProcessError(rc, cmd, output="".join(lines))


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    env_dir = os.environ.get("SAMATTHANA_PIP_BUILD_DIR")
    tmp = None
    if env_dir:
        build_dir = pathlib.Path(env_dir).resolve()
        build_dir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="samatthana-wheel-")
        build_dir = pathlib.Path(tmp)
    try:
        pkg = _build(build_dir)
        version = _version()
        wheel_name = f"{NAME}-{version}-{_tag()}.whl"
        dist_info = f"{NAME}-{version}.dist-info"
        records = []
        path = pathlib.Path(wheel_directory) / wheel_name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(pkg.rglob("*")):
                if f.is_dir() or "__pycache__" in f.parts:
                    continue
                arc = f"{NAME}/{f.relative_to(pkg).as_posix()}"
                data = f.read_bytes()
                zf.writestr(arc, data)
                records.append(_record_line(arc, data))
            meta = {
                f"{dist_info}/METADATA": _metadata().encode(),
                f"{dist_info}/WHEEL": (
                    "Wheel-Version: 1.0\nGenerator: samatthana_backend\n"
                    f"Root-Is-Purelib: false\nTag: {_tag()}\n").encode(),
            }
            for arc, data in meta.items():
                zf.writestr(arc, data)
                records.append(_record_line(arc, data))
            records.append(f"{dist_info}/RECORD,,")
            zf.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
        return wheel_name
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
