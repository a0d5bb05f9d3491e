"""Benchmarks: print figures and ratios (no assertions; targets are stated, not tested).

1. Evaluating the section 一 relations of the 2023 report with pilstats against a
   hand-written Decimal baseline doing the same interval arithmetic (lower and upper
   bounds of every relation), and against one that takes the printed values at face
   value. Target: within 10x of the former.
2. Start-up: ``pilstats check`` on the bundled report against a bare
   ``python -c "import pydantic, yaml"``: the median of interleaved runs after a
   warm-up, byte-code caching on. Target: within 3x. This is the one place start-up
   is measured.
3. Throughput of parse_figure, and of ``scan`` on ~1 MB of report text.

Run: python benchmarks/bench.py            (everything)
     python benchmarks/bench.py startup    (start-up only; RUNS=41 for more runs)
"""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal

import pilstats
from pilstats.checks import Change, Rate, Share, ShareSum, Subset, Total, evaluate_all


def best_of(fn, repeat: int = 7, number: int = 200) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def point_baseline(checks, values) -> list[bool]:
    """The relations taken at face value: sums equal, shares re-rounded, no intervals."""
    out = []
    half = Decimal("0.5")
    for c in checks:
        if isinstance(c, Total):
            total = values[c.total]
            s = sum(values[p] for p in c.parts)
            out.append(s == total if c.complete else s <= total)
        elif isinstance(c, Share):
            share = values[c.share]
            q = Decimal(1).scaleb(share.as_tuple().exponent)
            ratio = values[c.part] / values[c.whole] * 100
            out.append(ratio.quantize(q, rounding=ROUND_HALF_UP) == share)
        elif isinstance(c, ShareSum):
            shares = [values[s] for s in c.shares]
            tol = sum(Decimal(1).scaleb(s.as_tuple().exponent) * half for s in shares)
            target = values[c.total] if c.total else Decimal(100)
            if c.total:
                tol += Decimal(1).scaleb(target.as_tuple().exponent) * half
            out.append(abs(sum(shares) - target) <= tol)
        elif isinstance(c, Subset):
            out.append(values[c.part] <= sum(values[w] for w in c.wholes))
        elif isinstance(c, Change):
            pct = values[c.change]
            q = Decimal(1).scaleb(pct.as_tuple().exponent) * half
            cur = values[c.current]
            lo = cur / (1 + (pct + q) / 100)
            hi = cur / (1 + (pct - q) / 100)
            out.append(int(hi) >= lo)
        elif isinstance(c, Rate):
            rate = values[c.rate]
            q = Decimal(1).scaleb(rate.as_tuple().exponent) * half
            base = values[c.base]
            out.append(int(base * (rate + q) / 100) >= base * (rate - q) / 100)
        else:
            vals = [values[s] for s in c.statements]
            out.append(len(set(vals)) == 1)
    return out


def interval_baseline(checks, bounds) -> list[bool]:
    """The same interval arithmetic by hand: (lo, hi) Decimal pairs, ends treated closed.

    ``bounds`` maps each figure id to the (lo, hi) of its printed interval, computed
    once beforehand (pilstats memoises them too).
    """
    out = []
    for c in checks:
        if isinstance(c, Total):
            t_lo, t_hi = bounds[c.total]
            s_lo = sum(bounds[p][0] for p in c.parts)
            s_hi = sum(bounds[p][1] for p in c.parts)
            out.append(s_lo <= t_hi and t_lo <= s_hi if c.complete else s_lo <= t_hi)
        elif isinstance(c, Share):
            p_lo, p_hi = bounds[c.part]
            w_lo, w_hi = bounds[c.whole]
            r_lo, r_hi = p_lo / w_hi * 100, p_hi / w_lo * 100
            s_lo, s_hi = bounds[c.share]
            out.append(r_lo <= s_hi and s_lo <= r_hi)
        elif isinstance(c, ShareSum):
            lo = sum(bounds[s][0] for s in c.shares)
            hi = sum(bounds[s][1] for s in c.shares)
            t_lo, t_hi = bounds[c.total] if c.total else (Decimal(100), Decimal(100))
            out.append(lo <= t_hi and t_lo <= hi)
        elif isinstance(c, Subset):
            out.append(bounds[c.part][0] <= sum(bounds[w][1] for w in c.wholes))
        elif isinstance(c, Change):
            c_lo, c_hi = bounds[c.current]
            g_lo, g_hi = bounds[c.change]
            lo, hi = c_lo / (1 + g_hi / 100), c_hi / (1 + g_lo / 100)
            out.append(math.floor(hi) >= lo)
        elif isinstance(c, Rate):
            r_lo, r_hi = bounds[c.rate]
            b_lo, b_hi = bounds[c.base]
            out.append(math.floor(r_hi * b_hi / 100) >= r_lo * b_lo / 100)
        else:
            ivs = [bounds[s] for s in c.statements]
            out.append(all(a[0] <= b[1] and b[0] <= a[1] for a in ivs for b in ivs))
    return out


def main() -> None:
    report = pilstats.load("whitepaper-2023")
    pairs = [(c, f) for c, f in zip(report.checks(), report.findings(), strict=True)
             if (f.section or "").startswith("一")]
    checks = [c for c, _ in pairs]
    figures = report.values()
    conventions = report.conventions.to_conventions()
    decimals = {k: v.value for k, v in figures.items()}
    bounds = {k: (v.bounds(conventions).lo, v.bounds(conventions).hi) for k, v in figures.items()}
    assert all(point_baseline(checks, decimals)), "point baseline disagrees with the report"
    assert all(interval_baseline(checks, bounds)), "interval baseline disagrees with the report"

    t_pil = best_of(lambda: evaluate_all(checks, figures, conventions))
    t_int = best_of(lambda: interval_baseline(checks, bounds))
    t_pt = best_of(lambda: point_baseline(checks, decimals))
    print(f"section 一: {len(checks)} relations")
    print(f"  pilstats evaluate_all (decisions + findings with arithmetic): {t_pil * 1e6:8.1f} µs")
    print(f"  hand-written Decimal, same interval arithmetic             : {t_int * 1e6:8.1f} µs")
    print(f"  hand-written Decimal, face values only                     : {t_pt * 1e6:8.1f} µs")
    print(f"  ratio to the interval baseline: {t_pil / t_int:5.1f}x (target <= 10x)")
    print(f"  ratio to the face-value baseline: {t_pil / t_pt:5.1f}x")

    texts = [f.printed for f in report.figures]
    t_parse = best_of(lambda: [pilstats.parse_figure(t) for t in texts], number=20)
    per = t_parse / len(texts) * 1e6
    print(f"parse_figure: {len(texts) / t_parse:,.0f} figures/s ({per:.1f} µs each)")

    from pilstats.scan import scan

    text = (report.source_path.parent / "whitepaper-2023.txt").read_text(encoding="utf-8")
    big = "\n\n".join([text] * 22)
    size = len(big.encode("utf-8")) / 1e6
    t_scan = best_of(lambda: scan(big), repeat=3, number=1)
    print(f"scan: {size:.2f} MB of Chinese text in {t_scan:.2f} s = {size / t_scan:.1f} MB/s "
          "(target >= 1 MB/s)")

    startup()


def startup(runs: int = 21) -> float:
    """Print the start-up figures and return the ratio of the medians."""
    # Byte-code caching on, as on any installed machine: with PYTHONDONTWRITEBYTECODE set,
    # pilstats' sources would be recompiled on every run while pydantic and yaml load
    # their installed .pyc files, which would not compare like with like.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    exe = shutil.which("pilstats")
    bare_cmd = [sys.executable, "-c", "import pydantic, yaml"]
    check_cmd = [exe, "check"] if exe else [sys.executable, "-m", "pilstats", "check"]
    for _ in range(3):  # warm-up: byte-code written, file cache hot
        subprocess.run(check_cmd, check=True, capture_output=True, env=env)  # noqa: S603
    bare_times, check_times = [], []
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        for cmd, times in ((bare_cmd, bare_times), (check_cmd, check_times)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)  # noqa: S603
            times.append(time.perf_counter() - start)
    bare, check = statistics.median(bare_times), statistics.median(check_times)
    print(f"start-up (median of {runs} interleaved runs after a warm-up)")
    print(f"  python -c 'import pydantic, yaml' : {bare * 1e3:7.1f} ms")
    print(f"  pilstats check                    : {check * 1e3:7.1f} ms")
    print(f"  ratio                             : {check / bare:7.2f}x (target <= 3x)")
    return check / bare


if __name__ == "__main__":
    if sys.argv[1:] == ["startup"]:
        startup(int(os.environ.get("RUNS", "21")))
    else:
        main()
