#!/usr/bin/python3
"""Functions longer than a limit (default 80 lines) in the C++ sources: src/, include/ and
bindings/ (*.cpp, *.hpp). A heuristic, not a parser: comments, strings and character literals are
blanked, then every top-level brace block (inside namespaces and classes) whose opening line looks
like a function (a parenthesis before the brace, not a control statement, class or lambda
assignment) is measured from its signature's first line to its closing brace.

    tools/long-functions.py [--limit 80] [ROOT]

Prints "lines path:line name" for each, longest first, and the count; exits 0 (a report, not a
check). See STYLE.md ("functions fit on a screen").
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Iterator, List, Tuple

DIRS = ("src", "include", "bindings")
EXTS = (".cpp", ".hpp")
CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else|return|try)\b")
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b[^;()]*$")


def blank(text: str) -> str:
    """`text` with comments, string and character literals replaced by spaces (newlines kept)."""
    out: List[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                out.append(c)  # a digit separator: 1'000'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def signature_start(lines: List[str], line: int) -> int:
    """The first line of the declaration whose body opens on `line` (0-based)."""
    k = line
    while k > 0:
        prev = lines[k - 1].strip()
        if not prev or prev.endswith((";", "{", "}")) or prev.startswith("#") or prev.endswith(":"):
            break
        k -= 1
    return k


def functions(text: str) -> Iterator[Tuple[int, int, str]]:
    """(first line, line count, name) of each function body in `text` (1-based lines)."""
    clean = blank(text)
    lines = clean.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    stack: List[Tuple[str, int]] = []  # ("scope" | "func" | "block", line of the opening brace)
    for pos, ch in enumerate(clean):
        if ch not in "{}":
            continue
        line = _line_of(starts, pos)
        if ch == "{":
            head = _head(clean, pos)
            inside_func = any(kind == "func" for kind, _ in stack)
            if inside_func:
                stack.append(("block", line))
            elif SCOPE.search(head) or head.rstrip().endswith(("=", ",", "(", "return")) or not head.strip():
                stack.append(("scope" if SCOPE.search(head) else "block", line))
            elif ")" in head and not CONTROL.match(head.split("\n")[-1] if head else ""):
                stack.append(("func", line))
            else:
                stack.append(("block", line))
        elif stack:
            kind, open_line = stack.pop()
            if kind == "func" and not any(k == "func" for k, _ in stack):
                first = signature_start(lines, open_line)
                name = _name(" ".join(l.strip() for l in lines[first:open_line + 1]))
                yield first + 1, line - first + 1, name


def _line_of(starts: List[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _head(clean: str, pos: int) -> str:
    """The text between the previous ; { or } and the brace at `pos`."""
    k = pos - 1
    while k >= 0 and clean[k] not in ";{}":
        k -= 1
    return clean[k + 1:pos]


def _name(signature: str) -> str:
    m = re.search(r"([~\w:]+(?:operator\s*\S+?)?)\s*\(", signature)
    return m.group(1) if m else signature[:60]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("root", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    found = []
    for d in DIRS:
        for dirpath, _, files in os.walk(os.path.join(a.root, d)):
            for f in sorted(files):
                if not f.endswith(EXTS):
                    continue
                path = os.path.join(dirpath, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                rel = os.path.relpath(path, a.root)
                for first, count, name in functions(text):
                    if count > a.limit:
                        found.append((count, rel, first, name))
    for count, rel, first, name in sorted(found, key=lambda t: (-t[0], t[1], t[2])):
        print(f"{count:5d} {rel}:{first} {name}")
    print(f"{len(found)} function{'s' if len(found) != 1 else ''} over {a.limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
