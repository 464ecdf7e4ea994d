"""The layers of docs/architecture and the shared design (issue 17): scoring rules know no files.
Nothing under src/scoring includes an I/O header (src/io/..., Boost.JSON) or ICU, not even through
the private headers it includes; reading and writing live in src/io. The public rule headers
(tables.hpp, cohort.hpp) declare no reader or writer: those are tables_io.hpp and scores_io.hpp."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
INCLUDE = ROOT / "include"
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# What the scoring layer must not reach: the I/O layer's private headers, Boost.JSON, ICU.
FORBIDDEN = (re.compile(r"^io/"), re.compile(r"^boost/json"), re.compile(r"^unicode/"))


def includes(path: pathlib.Path) -> list[str]:
    return [m.group(2) for m in INCLUDE_RE.finditer(path.read_text(encoding="utf-8"))]


def private_header(name: str) -> pathlib.Path | None:
    """A quoted include that is one of src/'s private headers (samatthana/... are public)."""
    p = SRC / name
    return p if p.is_file() else None


def reached(path: pathlib.Path) -> dict[str, list[str]]:
    """Every header `path` includes, directly or through src/'s private headers (the text layer's
    private headers are followed too: they may not bring io/ or Boost.JSON). Value: the chain."""
    out: dict[str, list[str]] = {}
    start = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    todo = [(path, [start])]
    while todo:
        f, chain = todo.pop()
        for name in includes(f):
            if name in out:
                continue
            out[name] = chain + [name]
            if (p := private_header(name)) is not None:
                todo.append((p, out[name]))
    return out


def scoring_files() -> list[pathlib.Path]:
    files = sorted(p for p in (SRC / "scoring").rglob("*") if p.suffix in (".cpp", ".hpp"))
    assert files, "src/scoring has no sources?"
    return files


def test_scoring_includes_no_io_json_or_icu_header() -> None:
    bad = []
    for f in scoring_files():
        for name in includes(f):
            if any(r.search(name) for r in FORBIDDEN):
                bad.append(f"{f.relative_to(ROOT)}: #include {name}")
    assert bad == [], "the scoring layer reads or writes files; move it to src/io:\n" + "\n".join(bad)


def test_scoring_reaches_no_io_header_through_private_headers() -> None:
    bad = []
    for f in scoring_files():
        for name, chain in reached(f).items():
            # ICU is the text layer's, which scoring may use (its private headers bring ICU).
            if FORBIDDEN[0].search(name) or FORBIDDEN[1].search(name):
                bad.append(" -> ".join(chain))
    assert bad == [], "the scoring layer reaches the I/O layer:\n" + "\n".join(bad)


def test_scoring_sources_list_only_scoring_files() -> None:
    listed = re.findall(r"^\s*([\w/]+\.cpp)", (SRC / "scoring" / "sources.cmake").read_text(), re.M)
    assert listed and all(p.startswith("scoring/") for p in listed), listed


def test_rule_headers_declare_no_reader_or_writer() -> None:
    io_names = re.compile(
        r"\b(read|load)_(ratings_csv|ratings_columns|evidence_csv|results_csv)\s*\(|"
        r"\b(scores_csv|scores_json|scores_table|summary_text|plan_text)\s*\(")
    for name in ("tables.hpp", "cohort.hpp"):
        text = (INCLUDE / "samatthana" / name).read_text(encoding="utf-8")
        code = "\n".join(line.split("//")[0] for line in text.splitlines())
        assert not io_names.search(code), f"{name} declares I/O: {io_names.search(code).group(0)}"
        assert "<filesystem>" not in code, f"{name} knows about files"
        assert "tables_io.hpp" not in code and "scores_io.hpp" not in code, name


def test_scoring_header_declares_no_profile_file_reader() -> None:
    """Profiles as files (parse_profile, load_profile, profile(id_or_path)) are profile_io.hpp's."""
    text = (INCLUDE / "samatthana" / "scoring.hpp").read_text(encoding="utf-8")
    code = "\n".join(line.split("//")[0] for line in text.splitlines())
    found = re.search(r"\b(parse_profile|load_profile)\s*\(|\bprofile\s*\(\s*std::string_view", code)
    assert not found, f"scoring.hpp declares a profile reader: {found.group(0)}"
    io = (INCLUDE / "samatthana" / "profile_io.hpp").read_text(encoding="utf-8")
    for name in ("parse_profile(", "load_profile(", "profile(std::string_view id_or_path)"):
        assert name in io, name


def test_the_rule_fails_on_an_io_include(tmp_path: pathlib.Path) -> None:
    """The check itself catches an I/O include, directly and through a private header."""
    f = tmp_path / "bad.cpp"
    f.write_text('#include "io/csv.hpp"\n#include <unicode/unistr.h>\n', encoding="utf-8")
    assert [n for n in includes(f) if any(r.search(n) for r in FORBIDDEN)] == [
        "io/csv.hpp", "unicode/unistr.h"]
    # Through a private header: io/csv.hpp brings io/file.hpp.
    chains = reached(f)
    assert chains["io/file.hpp"] == ["bad.cpp", "io/csv.hpp", "io/file.hpp"]
