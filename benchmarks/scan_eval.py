"""The scanner against the labelled corpus: recall, precision, false fails, traps, speed.

Scans every text of ``tests/corpus/`` and compares with its fixture (see
:mod:`pilstats.evaluation`). Prints one line per text, the totals, the false fails and
missed relations with ``-v``, and throughput. Run: ``python benchmarks/scan_eval.py [-v]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from pilstats.evaluation import evaluate_fixture, summarise

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    paths = sorted(CORPUS.glob("*.yaml"))
    if names:
        paths = [p for p in paths if any(n in p.stem for n in names)]
    evaluations = [evaluate_fixture(p) for p in paths]
    print(
        f"{'text':<36} {'hold':>4} {'ok':>4} {'weak':>4} {'fail':>4} {'err':>3} "
        f"{'trap':>4} {'FF':>3} {'extra':>5}"
    )
    for e in evaluations:
        hold = [o for o in e.relations if o.verdict in ("pass", "rounding")]
        fails = [o for o in e.relations if o.verdict == "fail"]
        print(
            f"{e.name:<36} {len(hold):>4} {sum(o.agrees and not o.weaker for o in hold):>4} "
            f"{sum(o.agrees and o.weaker for o in hold):>4} {len(fails):>4} "
            f"{sum(o.scan_status == 'fail' for o in fails):>3} "
            f"{sum(o.found and o.scan_status in ('pass', 'fail') for o in e.traps):>4} "
            f"{len(e.false_fails):>3} {e.unlabelled['pass'] + e.unlabelled['fail']:>5}"
        )
        if verbose:
            for f in e.false_fails:
                print(f"    FALSE FAIL {f[:200]}")
            for o in e.relations:
                if not o.agrees or o.weaker:
                    what = "weaker" if o.weaker else (o.scan_status or "missed")
                    print(f"    {o.verdict:<8} {o.kind:<9} {o.relation:<44} {what}")
            for o in e.traps:
                if o.found and o.scan_status in ("pass", "fail"):
                    print(f"    TRAP CLAIMED {o.relation} as {o.scan_status} ({o.scan_check})")
    rules: Counter[tuple[str, str]] = Counter()
    for e in evaluations:
        rules.update(e.by_rule)
    print("\nfindings by reading (rule: pass/fail/untestable):")
    for rule in sorted({r for r, _ in rules}):
        print(
            f"  {rule:<18} {rules[(rule, 'pass')]:>4} / {rules[(rule, 'fail')]:>3} / "
            f"{rules[(rule, 'untestable')]:>3}"
        )
    s = summarise(evaluations)
    big = "".join((CORPUS / f"{p.stem}.txt").read_text(encoding="utf-8") for p in paths)
    from pilstats.scan import scan

    copies = max(1, 1_000_000 // max(1, len(big)))
    started = time.perf_counter()
    scan("\n".join([big] * copies))
    seconds = time.perf_counter() - started
    mb = len(("\n".join([big] * copies)).encode()) / 1e6
    print(
        f"\ncorpus: {s['texts']} texts, {s['relations_holding']} relations hold, "
        f"{s['relations_failing']} fail, {s['traps']} traps"
    )
    print(
        f"verified (pass, same relation): {s['verified']} = {s['recall']:.1%}; "
        f"with weaker partial totals: {s['verified'] + s['verified_weaker']} = "
        f"{s['recall_with_weaker']:.1%}; found at all: {s['found']}"
    )
    print(
        f"real errors failed: {s['real_errors_failed']}, reported untestable: "
        f"{s['real_errors_reported']} (of {s['relations_failing']})"
    )
    print(
        f"false fails: {s['false_fails']}; traps claimed: {s['traps_claimed']} "
        f"(as fail: {s['traps_claimed_as_fail']}); unlabelled claims: "
        f"{s['unlabelled_claims']}; precision: {s['precision']:.1%}"
    )
    print(
        f"throughput: {mb:.2f} MB concatenated corpus in {seconds:.2f} s = {mb / seconds:.2f} MB/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
