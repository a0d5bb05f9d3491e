"""Benchmarks: print figures and ratios (no assertions; targets are stated, not tested).

1. Evaluating the section 一 relations of the 2023 report with pilstats (exact
   interval arithmetic on fractions) against a hand-written Decimal baseline doing the
   same arithmetic with half-ulp tolerances. Target: within 10x.
2. Start-up: ``pilstats check`` on the bundled report against a bare
   ``python -c "import pydantic, yaml"``. Target: within 3x.
3. Throughput of parse_figure.

Run: python benchmarks/bench.py
"""

from __future__ import annotations

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


def baseline(checks, values) -> list[bool]:
    """The same relations in plain Decimal arithmetic, tolerances from printed precision."""
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


def main() -> None:
    report = pilstats.load("whitepaper-2023")
    pairs = [(c, f) for c, f in zip(report.checks(), report.findings(), strict=True)
             if (f.section or "").startswith("一")]
    checks = [c for c, _ in pairs]
    figures = report.values()
    conventions = report.conventions.to_conventions()
    decimals = {k: v.value for k, v in figures.items()}
    assert all(baseline(checks, decimals)), "baseline disagrees with the report"

    t_pil = best_of(lambda: evaluate_all(checks, figures, conventions))
    t_base = best_of(lambda: baseline(checks, decimals))
    print(f"section 一: {len(checks)} relations")
    print(f"  pilstats evaluate_all : {t_pil * 1e6:9.1f} µs per run")
    print(f"  Decimal baseline      : {t_base * 1e6:9.1f} µs per run")
    print(f"  ratio                 : {t_pil / t_base:9.1f}x (target <= 10x)")

    texts = [f.printed for f in report.figures]
    t_parse = best_of(lambda: [pilstats.parse_figure(t) for t in texts], number=20)
    print(f"parse_figure: {len(texts) / t_parse:,.0f} figures/s ({t_parse / len(texts) * 1e6:.1f} µs each)")

    def run(cmd: list[str]) -> float:
        samples = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    bare = run([sys.executable, "-c", "import pydantic, yaml"])
    check = run([sys.executable, "-m", "pilstats", "check"])
    print("start-up (median of 7 runs)")
    print(f"  python -c 'import pydantic, yaml' : {bare * 1e3:7.1f} ms")
    print(f"  python -m pilstats check          : {check * 1e3:7.1f} ms")
    print(f"  ratio                             : {check / bare:7.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
