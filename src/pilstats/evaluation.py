"""Measure the scanner against labelled fixtures: what it finds, misses, and gets wrong.

A labelled fixture records what a careful reader checks in a text: its ``relations``
(each decided by pilstats: pass, pass within rounding, or fail) and its ``not_stated``
traps (relations a careless reader would infer but the text does not state).
:func:`evaluate_fixture` scans the fixture's source text and compares: scanned figures
are matched to fixture figures by position, scanned relations to fixture relations by
the figures they relate.

* **found** — a scanned relation relates exactly the figures of a fixture relation
  (constants aside); **agrees** — and reaches the fixture's verdict (pass, or fail for
  a relation that fails); **weaker** — a partial total (≤) found for a complete one.
* **false fail** — a scanned ``fail`` that no failing fixture relation confirms.
* **trap claimed** — a scanned pass or fail on a ``not_stated`` relation.
* **real error found** — a failing fixture relation that the scan also fails;
  **reported** — one it reports ``untestable`` with the reason.

Used by ``benchmarks/scan_eval.py`` and by the regression test of the corpus.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pilstats.checks import Check, Total
from pilstats.findings import Finding, Status
from pilstats.load import load, source_text
from pilstats.models import Report

__all__ = ["FixtureEvaluation", "RelationOutcome", "evaluate_fixture", "summarise"]


@dataclass(frozen=True)
class RelationOutcome:
    """One fixture relation (or trap) and what the scan made of it."""

    relation: str
    kind: str
    verdict: str  # pass, rounding (pass within rounding), fail, or trap
    found: bool
    agrees: bool
    weaker: bool
    scan_status: str | None
    scan_check: str | None


@dataclass
class FixtureEvaluation:
    """The comparison of one labelled fixture with the scan of its text."""

    name: str
    chars: int
    seconds: float
    relations: list[RelationOutcome] = field(default_factory=list)
    traps: list[RelationOutcome] = field(default_factory=list)
    false_fails: list[str] = field(default_factory=list)
    unlabelled: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)


def _figures(check: Check, constants: set[str]) -> frozenset[str]:
    return frozenset(f for f in check.figures if f not in constants)


def _complete(check: Check) -> bool:
    return not isinstance(check, Total) or check.complete


def evaluate_fixture(path: str | Path) -> FixtureEvaluation:
    """Scan the source text of the fixture at ``path`` and compare with its labels."""
    from pilstats.scan import scan  # noqa: PLC0415

    report: Report = load(path)
    text = source_text(report, Path(path))
    if text is None:
        msg = f"{path}: the fixture names no readable source text"
        raise ValueError(msg)
    started = time.perf_counter()
    scanned = scan(text)
    seconds = time.perf_counter() - started
    ev = FixtureEvaluation(Path(path).stem, len(text), seconds)
    # scanned figure id → fixture figure id, by position
    by_start = {}
    for fr in report.figures:
        by_start[fr.position] = fr.id
    spans = [(fr.position, fr.position + len(fr.printed), fr.id) for fr in report.figures]
    to_fixture: dict[str, str] = {}
    for sf in scanned.figures:
        if sf.start in by_start:
            to_fixture[sf.id] = by_start[sf.start]
            continue
        for a, b, fid in spans:
            if a < sf.end and sf.start < b:
                to_fixture[sf.id] = fid
                break
    constants = {c.id for c in report.constants}
    scan_by_set: dict[frozenset[str], list[tuple[Check, Finding]]] = {}
    for check, finding in zip(scanned.checks, scanned.result.findings, strict=True):
        ids = [to_fixture.get(f) for f in check.figures]
        if None in ids:
            continue
        scan_by_set.setdefault(frozenset(i for i in ids if i), []).append((check, finding))
    labelled: set[str] = set()
    fixture_fails: set[frozenset[str]] = set()
    for check, finding in zip(report.checks(), report.findings(), strict=True):
        verdict = _verdict(finding)
        key = _figures(check, constants)
        if verdict == "fail":
            fixture_fails.add(key)
        ev.relations.append(_outcome(check, verdict, scan_by_set.get(key, []), labelled))
    for trap in report.not_stated:
        key = _figures(trap.relation, constants)
        outcome = _outcome(trap.relation, "trap", scan_by_set.get(key, []), labelled, trap=True)
        ev.traps.append(outcome)
    for check, finding in zip(scanned.checks, scanned.result.findings, strict=True):
        rule = scanned.evidence[check.id].rule if check.id in scanned.evidence else "?"
        ev.by_rule[(rule, finding.status.value)] += 1
        mapped = [to_fixture.get(f) for f in check.figures]
        known = frozenset(i for i in mapped if i) if None not in mapped else None
        if finding.status is Status.FAIL and known not in fixture_fails:
            ev.false_fails.append(f"{finding.check}: {finding.message}")
        if finding.check not in labelled:
            ev.unlabelled[finding.status.value] += 1
    return ev


def _verdict(finding: Finding) -> str:
    if finding.status is Status.FAIL:
        return "fail"
    if finding.status is Status.UNTESTABLE:
        return "untestable"
    return "rounding" if finding.slack else "pass"


def _outcome(
    check: Check,
    verdict: str,
    candidates: list[tuple[Check, Finding]],
    labelled: set[str],
    *,
    trap: bool = False,
) -> RelationOutcome:
    if not candidates:
        return RelationOutcome(check.id, check.kind, verdict, False, False, False, None, None)
    same = [c for c in candidates if _complete(c[0]) == _complete(check)]
    if trap and not same:
        # a partial total (parts ≤ whole) does not claim the complete relation of a trap
        return RelationOutcome(check.id, check.kind, verdict, False, False, False, None, None)
    chosen, weaker = (same[0], False) if same else (candidates[0], True)
    scan_check, finding = chosen
    labelled.add(finding.check)
    status = finding.status.value
    if trap:
        agrees = finding.status is Status.UNTESTABLE
    elif verdict == "fail":
        agrees = finding.status is Status.FAIL
    else:
        agrees = finding.status is Status.PASS
    return RelationOutcome(
        check.id, check.kind, verdict, True, agrees, weaker, status, scan_check.id
    )


def summarise(evaluations: list[FixtureEvaluation]) -> dict[str, float | int]:
    """Totals over a corpus: recall, precision, false fails, traps claimed, throughput."""
    holding = [o for e in evaluations for o in e.relations if o.verdict in ("pass", "rounding")]
    failing = [o for e in evaluations for o in e.relations if o.verdict == "fail"]
    traps = [o for e in evaluations for o in e.traps]
    verified = sum(1 for o in holding if o.agrees and not o.weaker)
    weaker = sum(1 for o in holding if o.agrees and o.weaker)
    claimed_traps = sum(1 for o in traps if o.found and o.scan_status in ("pass", "fail"))
    traps_as_fail = sum(1 for o in traps if o.found and o.scan_status == "fail")
    false_fails = sum(len(e.false_fails) for e in evaluations)
    claims = sum(1 for o in holding + failing if o.found and o.scan_status != "untestable")
    right = sum(1 for o in holding + failing if o.found and o.agrees)
    chars = sum(e.chars for e in evaluations)
    seconds = sum(e.seconds for e in evaluations)
    return {
        "texts": len(evaluations),
        "relations_holding": len(holding),
        "verified": verified,
        "verified_weaker": weaker,
        "found": sum(1 for o in holding if o.found),
        "recall": verified / len(holding) if holding else 0.0,
        "recall_with_weaker": (verified + weaker) / len(holding) if holding else 0.0,
        "precision": right / (claims + claimed_traps + false_fails)
        if claims + claimed_traps + false_fails
        else 1.0,
        "relations_failing": len(failing),
        "real_errors_failed": sum(1 for o in failing if o.scan_status == "fail"),
        "real_errors_reported": sum(1 for o in failing if o.scan_status == "untestable"),
        "traps": len(traps),
        "traps_claimed": claimed_traps,
        "traps_claimed_as_fail": traps_as_fail,
        "false_fails": false_fails,
        "unlabelled_claims": sum(e.unlabelled["pass"] + e.unlabelled["fail"] for e in evaluations),
        "chars": chars,
        "seconds": seconds,
    }
