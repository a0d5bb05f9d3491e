"""Name the likely culprit when checks fail, as statistics offices do with typo rules.

For each figure that takes part in *every* failing check, try the corrections a
typist's slip would undo — two adjacent digits swapped, one digit changed — and keep
those under which every check the figure takes part in passes (deducorrect's
``correctTypos`` idea, applied to printed figures with their rounding intervals).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise

from pilstats.checks import Check, evaluate
from pilstats.decimals import isolated
from pilstats.errors import PilstatsError
from pilstats.figure import DEFAULT_CONVENTIONS, Conventions, Reported, format_figure, parse_figure
from pilstats.findings import Culprit, Finding, Status

__all__ = ["find_culprits", "typo_variants"]

_MAX_CULPRITS = 10


def typo_variants(numeral: str) -> Iterator[tuple[str, str]]:
    """Yield ``(operation, numeral)`` for every adjacent swap and single-digit change.

    Only ASCII digits are varied; a variant never gains a leading zero.
    """
    positions = [i for i, ch in enumerate(numeral) if ch.isascii() and ch.isdigit()]
    seen = {numeral}
    for a, b in pairwise(positions):
        if b == a + 1 and numeral[a] != numeral[b]:
            v = numeral[:a] + numeral[b] + numeral[a] + numeral[b + 1 :]
            if v not in seen and not _leading_zero(v):
                seen.add(v)
                yield "swap", v
    for i in positions:
        for d in "0123456789":
            if d == numeral[i]:
                continue
            v = numeral[:i] + d + numeral[i + 1 :]
            if v not in seen and not _leading_zero(v):
                seen.add(v)
                yield "digit", v


def _leading_zero(numeral: str) -> bool:
    return len(numeral) > 1 and numeral[0] == "0" and numeral[1].isdigit()


@isolated
def find_culprits(
    checks: Sequence[Check],
    figures: Mapping[str, Reported],
    findings: Sequence[Finding],
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> tuple[Culprit, ...]:
    """Single-figure corrections under which every failing check passes.

    ``findings`` are the results of ``checks`` in the same order. A candidate figure
    must take part in every failing check, and its correction must leave every check
    it takes part in passing (or untestable). Swaps are listed before digit changes.
    """
    failing = [f for f in findings if f.status is Status.FAIL]
    if not failing:
        return ()
    suspects = set(failing[0].figures)
    for f in failing[1:]:
        suspects &= set(f.figures)
    culprits: list[Culprit] = []
    for fid in sorted(suspects):
        figure = figures[fid]
        involved = [c for c in checks if fid in c.figures]
        for operation, numeral in typo_variants(figure.numeral):
            text = format_figure(
                Reported(figure.value, figure.unit, figure.qualifier, numeral, figure.exact)
            )
            try:
                candidate = parse_figure(text, exact=figure.exact)
            except PilstatsError:
                continue
            trial = {**figures, fid: candidate}
            if all(
                evaluate(c, trial, conventions).status is not Status.FAIL for c in involved
            ):
                culprits.append(Culprit(fid, str(figure), str(candidate), operation))
                if len(culprits) >= _MAX_CULPRITS:
                    return tuple(culprits)
    order = {"swap": 0, "digit": 1}
    return tuple(sorted(culprits, key=lambda c: (order[c.operation], c.figure)))
