#!/usr/bin/env python3
"""Thai word segmentation quality: boundary precision/recall/F1 and word F1, micro-averaged over
a file of |-separated gold segmentations (default: the wisesight-160 sample).

Compares ICU's raw word breaks, libthai (through ctypes on libthai.so.0, when installed) and
samatthana's segmenter (ICU + repair layer). Run with the build's Python package on the path:

    PYTHONPATH=build-text/python /usr/bin/python3 benchmarks/segmentation_f1.py [FILE]

Counting: a boundary is a character offset where a token starts (offset 0 excluded). libthai
only breaks Thai runs, so for it boundaries are also added where a Thai run meets other text and
around every whitespace character, as the data README describes ("whitespace counted as a
boundary").
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import pathlib
import sys
import time
from typing import Callable, Iterable, List, Optional, Set, Tuple

DEFAULT = pathlib.Path("/work/shared/data/thai-segmentation/wisesight-160.label")


def boundaries(tokens: Iterable[str]) -> Tuple[Set[int], Set[Tuple[int, int]]]:
    cuts, spans, pos = set(), set(), 0
    for t in tokens:
        if not t:
            continue
        if pos:
            cuts.add(pos)
        spans.add((pos, pos + len(t)))
        pos += len(t)
    return cuts, spans


def is_thai(c: str) -> bool:
    return "\u0e00" <= c <= "\u0e7f"


class LibThai:
    """libthai's maximal-matching breaker through its wide-character API."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("thai") or "libthai.so.0"
        self.lib = ctypes.CDLL(name)
        self.lib.th_brk_new.restype = ctypes.c_void_p
        self.lib.th_brk_new.argtypes = [ctypes.c_char_p]
        self.lib.th_brk_wc_find_breaks.restype = ctypes.c_int
        self.lib.th_brk_wc_find_breaks.argtypes = [
            ctypes.c_void_p, ctypes.c_wchar_p, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t]
        self.brk = self.lib.th_brk_new(None)
        if not self.brk:
            raise RuntimeError("th_brk_new failed (libthai dictionary missing?)")

    def segment(self, s: str) -> List[str]:
        pos = (ctypes.c_int * (len(s) + 1))()
        n = self.lib.th_brk_wc_find_breaks(self.brk, s, pos, len(s) + 1)
        cuts = {pos[i] for i in range(n)}
        for i in range(1, len(s)):
            a, b = s[i - 1], s[i]
            if a.isspace() or b.isspace() or is_thai(a) != is_thai(b):
                cuts.add(i)
        cuts = sorted(c for c in cuts if 0 < c < len(s))
        edges = [0] + cuts + [len(s)]
        return [s[edges[k]:edges[k + 1]] for k in range(len(edges) - 1)]


def evaluate(lines: List[List[str]], seg: Callable[[str], List[str]]) -> Tuple[float, ...]:
    tp = fp = fn = wtp = wfp = wfn = 0
    for gold in lines:
        text = "".join(gold)
        got = seg(text)
        if "".join(got) != text:
            raise AssertionError(f"segmenter changed the text: {text!r}")
        g_cuts, g_spans = boundaries(gold)
        s_cuts, s_spans = boundaries(got)
        tp += len(g_cuts & s_cuts)
        fp += len(s_cuts - g_cuts)
        fn += len(g_cuts - s_cuts)
        wtp += len(g_spans & s_spans)
        wfp += len(s_spans - g_spans)
        wfn += len(g_spans - s_spans)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    wp = wtp / (wtp + wfp) if wtp + wfp else 0.0
    wr = wtp / (wtp + wfn) if wtp + wfn else 0.0
    wf = 2 * wp * wr / (wp + wr) if wp + wr else 0.0
    return p, r, f, wf


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=pathlib.Path, default=DEFAULT)
    args = ap.parse_args(argv)
    lines = [ln.rstrip("\n").split("|") for ln in args.file.read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    from samatthana import thai

    systems: List[Tuple[str, Callable[[str], List[str]]]] = [
        ("ICU 72 raw", thai.segment_icu),
    ]
    try:
        systems.append(("libthai", LibThai().segment))
    except (OSError, AttributeError, RuntimeError) as e:  # pragma: no cover
        print(f"libthai unavailable: {e}", file=sys.stderr)
    systems.append(("samatthana", thai.segment))

    print(f"{args.file.name}: {len(lines)} lines, "
          f"{sum(len(''.join(g)) for g in lines)} characters, {sum(len(g) for g in lines)} gold tokens")
    print(f"{'segmenter':<12} {'P':>7} {'R':>7} {'F1':>7} {'word F1':>8} {'ms':>7}")
    for name, seg in systems:
        t0 = time.perf_counter()
        p, r, f, wf = evaluate(lines, seg)
        ms = (time.perf_counter() - t0) * 1000
        print(f"{name:<12} {p:7.4f} {r:7.4f} {f:7.4f} {wf:8.4f} {ms:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
