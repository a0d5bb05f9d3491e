"""The scanner's speed and memory: prints figures and ratios against the stated targets.

1. Throughput on the labelled corpus concatenated (``tests/corpus/*.txt``, dense with
   figures and mirror junk) and on the 2023 white paper repeated to ~1 MB.
   Target: >= 2 MB/s on the corpus concatenated.
2. A 10 MB text without any heading (the 2023 white paper with its headings removed,
   repeated), scanned in a fresh process: CPU time and peak memory.
   Targets: under 10 s, under 200 MB.
3. Growth: 0.25 MB and 1 MB of headingless text (issue 9 measured 1.9 s and 23 s, a
   quadratic cost: every share rescanned back to its chapter start).

Times are process CPU time (this machine runs other work too; wall time is shown beside)
and the best of three. Run: ``python benchmarks/scan_bench.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from pilstats.scan import scan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
WHITEPAPER = ROOT / "fixtures" / "whitepaper-2023.txt"
_NUMERALS = "一二三四五六七八九十"
HEADING = re.compile(
    rf"^[ \t]*(?:[{_NUMERALS}]+、|[（(][{_NUMERALS}]+[）)]|\d+[.、]).*$", re.MULTILINE
)


def measure(text: str, repeat: int = 3) -> tuple[float, float]:
    """Best CPU and wall seconds of ``scan(text)``."""
    cpu = wall = float("inf")
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        scan(text)
        cpu = min(cpu, time.process_time() - c)
        wall = min(wall, time.perf_counter() - w)
    return cpu, wall


def mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def headingless(size_mb: float) -> str:
    body = HEADING.sub("", WHITEPAPER.read_text(encoding="utf-8"))
    return "\n".join([body] * int(size_mb * 1e6 / len(body.encode("utf-8")) + 1))


_CHILD = """
import resource, sys, time, tracemalloc
sys.path.insert(0, {bench!r})
from scan_bench import headingless
from pilstats.scan import scan
text = headingless(10)
scan(text[:20000])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
c, w = time.process_time(), time.perf_counter()
result = scan(text)
cpu, wall = time.process_time() - c, time.perf_counter() - w
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(text.encode()) / 1e6, cpu, wall, base, peak, len(result.figures))
"""


def main() -> None:
    scan("共立案 100 件。")  # tables read and patterns compiled once
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    big = "\n".join([corpus] * 16)
    cpu, wall = measure(big)
    print(f"corpus concatenated x16: {mb(big):.2f} MB in {cpu:.2f} s CPU ({wall:.2f} s wall) = "
          f"{mb(big) / cpu:.2f} MB/s (target >= 2)")
    paper = "\n\n".join([WHITEPAPER.read_text(encoding="utf-8")] * 22)
    cpu, wall = measure(paper)
    print(f"2023 white paper x22: {mb(paper):.2f} MB in {cpu:.2f} s CPU ({wall:.2f} s wall) = "
          f"{mb(paper) / cpu:.2f} MB/s")
    for size in (0.25, 1.0):
        text = headingless(size)
        cpu, wall = measure(text, repeat=1)
        print(f"headingless {mb(text):.2f} MB: {cpu:.2f} s CPU ({wall:.2f} s wall) "
              f"[issue 9 before: {'1.9' if size < 1 else '23'} s]")
    code = _CHILD.format(bench=str(Path(__file__).parent))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    size, cpu, wall, base, peak, figures = out.stdout.split()
    print(f"10 MB without headings ({float(size):.1f} MB, {figures} figures): {float(cpu):.1f} s "
          f"CPU ({float(wall):.1f} s wall), target < 10 s; peak memory {float(peak):.0f} MB "
          f"(interpreter and text {float(base):.0f} MB, the scan "
          f"{float(peak) - float(base):.0f} MB), target < 200 MB")


if __name__ == "__main__":
    main()
