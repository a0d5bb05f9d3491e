"""Scan raw report text: find every figure, read what the prose states, check it.

:func:`scan` works without a fixture, as a pipeline of small steps on one text:

1. :mod:`~pilstats.scan.text` — a clean view of the text (normalised, mirror glosses
   removed, offsets kept), its documents, sentences and clauses;
2. :mod:`~pilstats.scan.figures` — every figure with its span, and every number that is
   not one, with the reason (date, ordinal, no unit …);
3. :mod:`~pilstats.scan.statements` — what each figure says: a level, a share, a
   change, a rate; its predicate, noun, year, and the figure it qualifies;
4. :mod:`~pilstats.scan.relations` — the relations the wording states, each with its
   evidence (cue words and spans) and a strength;
5. decision by the same check functions as fixtures (:mod:`pilstats.checks`).

Only a relation the wording states with one unambiguous whole may ``fail``. A relation
read from a definitions table or a taxonomy, or whose whole is chosen by proximity, is
reported ``untestable`` with the reason when it does not hold — a false alarm on a
correct report is the worst thing a scan can do. Finding ids are derived from the
figures' own text and their place in their sentence, so they stay the same when the
text elsewhere changes.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from pilstats.checks import Check, evaluate_all
from pilstats.chinese import normalise
from pilstats.decimals import isolated
from pilstats.figure import DEFAULT_CONVENTIONS, Conventions, Reported
from pilstats.findings import SCHEMA_VERSION, Finding, FindingCode, Result, Status
from pilstats.rounding import Rounding
from pilstats.scan.figures import find_figures
from pilstats.scan.lexicon import lexicon
from pilstats.scan.relations import Candidate, infer
from pilstats.scan.statements import Statement, read_statements
from pilstats.scan.text import OffsetMap, Text

__all__ = [
    "Evidence",
    "ScanResult",
    "ScannedFigure",
    "UnreadNumber",
    "normalise",
    "scan",
    "scan_figures",
]

_STRENGTH_ORDER = {"stated": 0, "definition": 1, "inferred": 2}
_UNTESTABLE_CODE = {
    "total": FindingCode.SUM_UNTESTABLE,
    "share": FindingCode.SHARE_UNTESTABLE,
    "share_sum": FindingCode.SHARE_SUM_UNTESTABLE,
    "subset": FindingCode.SUBSET_UNTESTABLE,
    "change": FindingCode.CHANGE_UNTESTABLE,
    "rate": FindingCode.RATE_UNTESTABLE,
    "same": FindingCode.SAME_UNTESTABLE,
    "formula": FindingCode.FORMULA_UNTESTABLE,
}


@dataclass(frozen=True)
class ScannedFigure:
    """A figure found in the text.

    Attributes:
        id: ``f1``, ``f2`` … in text order.
        start: offset of the first character in the original text.
        end: offset after the last character.
        text: the original characters (may contain spaces, line breaks or a gloss).
        reported: the parsed figure.
        role: what its words make it: ``level``, ``share``, ``change``, ``increment``,
            ``rate``, ``gap``, ``ratio``, ``frame`` …
    """

    id: str
    start: int
    end: int
    text: str
    reported: Reported
    role: str = "level"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        r = self.reported
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": format(r.value, "f"),
            "unit": r.unit,
            "qualifier": r.qualifier.value if r.qualifier else None,
            "interval": str(r.bounds()),
            "role": self.role,
        }


@dataclass(frozen=True)
class UnreadNumber:
    """A number in the text that is not read as a figure, and why."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why pilstats believes the text states a relation.

    Attributes:
        span: ``(start, end)`` of the original text the relation is read from.
        spans: ``(label, start, end)`` of each cue word and figure it rests on, in
            original offsets (see :attr:`cues` for their text).
        rule: the reading that found it (``of_which``, ``share``, ``identity`` …).
        strength: ``stated`` (may fail), ``definition`` or ``inferred`` (never fail).
        reason: the reading in words.
        source: the scanned text (shared, not copied), to quote the cues from.
    """

    span: tuple[int, int]
    clean_spans: tuple[tuple[str, int, int], ...] = field(repr=False)
    rule: str
    strength: str
    reason: str
    source: str = field(default="", repr=False, compare=False)
    offsets: OffsetMap | None = field(default=None, repr=False, compare=False)

    @property
    def spans(self) -> tuple[tuple[str, int, int], ...]:
        """``(label, start, end)`` of each cue in original offsets.

        Worked out on demand: a long text has tens of thousands of findings, most never
        shown.
        """
        if self.offsets is None:
            return self.clean_spans
        to = self.offsets.original_span
        return tuple((label, *to(a, b)) for label, a, b in self.clean_spans)

    @property
    def cues(self) -> tuple[tuple[str, int, int, str], ...]:
        """``(label, start, end, text)`` of each cue, the text quoted from the source."""
        return tuple((label, a, b, self.source[a:b]) for label, a, b in self.spans)

    def __iter__(self) -> Any:
        """Unpack as the span, ``start, end = evidence``."""
        return iter(self.span)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "span": list(self.span),
            "cues": [{"label": c[0], "start": c[1], "end": c[2], "text": c[3]} for c in self.cues],
            "rule": self.rule,
            "strength": self.strength,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ScanResult:
    """The figures of a text, the relations it states, and their findings.

    ``statements`` are the scanner's readings of each figure (predicate, noun, year …,
    in figure order), kept for readers that build on them (:mod:`pilstats.propose`).
    """

    figures: tuple[ScannedFigure, ...]
    checks: tuple[Check, ...]
    result: Result
    evidence: dict[str, Evidence] = field(default_factory=dict)
    unread: tuple[UnreadNumber, ...] = ()
    statements: tuple[Statement, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: figures, findings with their evidence, unread numbers."""
        findings = []
        for f in self.result.findings:
            d = f.to_dict()
            ev = self.evidence.get(f.check)
            d["evidence"] = ev.to_dict() if ev is not None else None
            findings.append(d)
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.result.ok,
            "figures": [f.to_dict() for f in self.figures],
            "unread": [u.to_dict() for u in self.unread],
            "checks": len(findings),
            "counts": self.result.counts,
            "findings": findings,
        }


def _prepare(text: str) -> tuple[Text, list[Statement], list[ScannedFigure], list[UnreadNumber]]:
    prepared = Text.read(text)
    found, unread = find_figures(prepared)
    statements = read_statements(prepared, found, lexicon())
    figures = []
    for st in statements:
        a, b = prepared.original_span(st.start, st.end)
        figures.append(
            ScannedFigure(f"f{st.index + 1}", a, b, text[a:b], st.found.reported, st.role)
        )
    unread_numbers = []
    for u in unread:
        a, b = prepared.original_span(u.start, u.end)
        unread_numbers.append(UnreadNumber(a, b, text[a:b], u.reason))
    return prepared, statements, figures, unread_numbers


@isolated
def scan_figures(text: str) -> list[ScannedFigure]:
    """Every figure in ``text`` with its span; dates, ordinals and idioms are skipped."""
    return _prepare(text)[2]


@isolated
def scan(text: str, *, conventions: Conventions = DEFAULT_CONVENTIONS) -> ScanResult:
    """Find the figures of ``text``, read the relations it states, and check them.

    The cost is linear in the length of the text. The cyclic garbage collector is paused
    while a scan runs (it builds many small acyclic objects, which the collector would
    otherwise traverse again and again on a long text) and resumed afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _scan(text, conventions)
    finally:
        if enabled:
            gc.enable()


def _scan(text: str, conventions: Conventions = DEFAULT_CONVENTIONS) -> ScanResult:
    prepared, statements, figures, unread = _prepare(text)
    values = {f.id: f.reported for f in figures}
    candidates = _dedupe(infer(prepared, statements, lexicon()))
    # the figures' roles may have been refined by the rules (frames)
    figures = [f if f.role == st.role else replace(f, role=st.role)
               for f, st in zip(figures, statements, strict=True)]  # fmt: skip
    findings: list[Finding] = []
    checks: list[Check] = []
    evidence: dict[str, Evidence] = {}
    decided = evaluate_all(
        [c.check for c in candidates if c.untestable_reason != "unresolved"], values, conventions
    )
    decided_iter = iter(decided)
    offsets = prepared.offsets()
    used: dict[str, int] = {}
    places: dict[str, str] = {}  # each figure's text and place in its sentence
    for cand in candidates:
        check = cand.check
        if cand.untestable_reason == "unresolved":
            cid = _stable_id(prepared, statements, cand, check, used, places=places)
            checks.append(replace(check, id=cid))
            findings.append(_unresolved(cid, check, cand.reason))
            evidence[cid] = _evidence(prepared, text, cand, offsets)
            continue
        finding = next(decided_iter)
        used_cand = cand
        if finding.status is Status.FAIL and cand.fallback is not None:
            check = cand.fallback
            finding = evaluate_all([check], values, conventions)[0]
            used_cand = replace(cand, strength=cand.fallback_strength or cand.strength)
        cid = _stable_id(prepared, statements, used_cand, check, used, places=places)
        check = replace(check, id=cid)
        finding = _relabel(finding, cid)
        finding = _apply_strength(finding, used_cand)
        if finding.status is Status.FAIL and conventions.rounding is not Rounding.TRUNCATE:
            finding = _if_truncated(finding, check, values, conventions)
        checks.append(check)
        findings.append(finding)
        evidence[cid] = _evidence(prepared, text, used_cand, offsets)
    order = {cid: ev.span for cid, ev in evidence.items()}
    pairs = sorted(zip(findings, checks, strict=True), key=lambda fc: order[fc[0].check])
    return ScanResult(
        tuple(figures),
        tuple(c for _, c in pairs),
        Result(tuple(f for f, _ in pairs)),
        evidence,
        tuple(unread),
        tuple(statements),
    )


def _key(check: Check) -> tuple[str, frozenset[str], bool]:
    complete = bool(getattr(check, "complete", True))
    return check.kind, frozenset(check.figures), complete


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per relation (kind, figures): the most strongly stated, then first."""
    best: dict[tuple[str, frozenset[str], bool], Candidate] = {}
    for cand in candidates:
        key = _key(cand.check)
        held = best.get(key)
        if held is None or _STRENGTH_ORDER[cand.strength] < _STRENGTH_ORDER[held.strength]:
            best[key] = cand
    return [c for c in candidates if best.get(_key(c.check)) is c]


def _stable_id(
    text: Text,
    statements: list[Statement],
    cand: Candidate,
    check: Check,
    used: dict[str, int],
    *,
    places: dict[str, str],
) -> str:
    """``<rule>_<digest>``: from the figures' text and place in their sentences."""
    parts = []
    for ident in check.figures:
        part = places.get(ident)
        if part is None:
            st = statements[int(ident[1:]) - 1]
            lo = max(st.sentence.start, st.start - 40)
            hi = min(st.sentence.end, st.end + 40)
            part = places[ident] = (
                f"{text.clean[lo:hi]}|{st.start - lo}|{st.found.reported.printed}"
            )
        parts.append(part)
    digest = hashlib.blake2s("\x1f".join([check.kind, *parts]).encode(), digest_size=4)
    base = f"{cand.rule}_{digest.hexdigest()}"
    n = used.get(base, 0) + 1
    used[base] = n
    return base if n == 1 else f"{base}_{n}"


def _relabel(finding: Finding, cid: str) -> Finding:
    return finding._replace(check=cid)


def _apply_strength(finding: Finding, cand: Candidate) -> Finding:
    """Only a relation the wording states may fail; anything weaker becomes untestable."""
    reason = cand.untestable_reason
    if reason == "earlier value not printed":
        if finding.status is Status.PASS:
            return _untestable(
                finding,
                "the earlier value is not printed, so nothing printed "
                "was checked (an integer earlier count exists)",
            )
        if cand.strength != "inferred":
            return finding  # no integer earlier count at all: the printed figures contradict
        reason = None
    if reason == "base by proximity" and finding.status is Status.PASS:
        # the base is only the nearest count: a fitting numerator proves nothing
        return _untestable(finding, "the base is the nearest count, not one the text names")
    if finding.status is not Status.FAIL:
        return finding
    if cand.strength == "definition":
        return _untestable(
            finding,
            f"definition: {cand.reason}; the printed figures do not "
            "follow it (an official formula may differ)",
        )
    if cand.strength == "inferred" or reason:
        why = reason or cand.reason
        return _untestable(
            finding, f"the text does not state this strongly enough to call it wrong ({why})"
        )
    return finding


def _if_truncated(
    finding: Finding, check: Check, values: dict[str, Reported], conventions: Conventions
) -> Finding:
    """A fail that holds when the text cuts digits instead of rounding says so."""
    cut = replace(conventions, rounding=Rounding.TRUNCATE)
    if evaluate_all([check], values, cut)[0].status is not Status.PASS:
        return finding
    explain = finding.explain

    def told() -> tuple[str, dict[str, Any]]:
        message, derived = explain() if explain is not None else ("", {})
        hint = "it holds if the source truncates instead of rounding: --rounding truncate"
        return f"{message} ({hint})", derived

    return finding._replace(explain=told)


def _unresolved(cid: str, check: Check, why: str) -> Finding:
    """A relation whose whole the text does not name unambiguously: nothing is decided."""
    figures = tuple(dict.fromkeys(check.figures))
    return Finding(
        cid,
        check.kind,
        _UNTESTABLE_CODE[check.kind],
        Status.UNTESTABLE,
        figures,
        explain=lambda: (why, {}),
    )


def _untestable(finding: Finding, why: str) -> Finding:
    explain = finding.explain

    def told() -> tuple[str, dict[str, str]]:
        message, derived = explain() if explain is not None else ("", {})
        return f"{message} — untestable: {why}", derived

    return finding._replace(
        status=Status.UNTESTABLE, code=_UNTESTABLE_CODE[finding.kind], explain=told
    )


def _evidence(text: Text, original: str, cand: Candidate, offsets: OffsetMap) -> Evidence:
    cues = cand.cues
    if cues:
        lo = min(a for _, a, _ in cues)
        hi = max(b for _, _, b in cues)
        span = (text.original_span(lo, lo + 1)[0], text.original_span(hi - 1, hi)[1])
    else:
        span = (0, 0)
    return Evidence(span, cues, cand.rule, cand.strength, cand.reason, original, offsets)
