"""Statistic keys for scanned texts, so that plain texts join collections.

:func:`propose` scans a text and proposes a key for each figure whose statement names
exactly one statistic of the vocabulary (the ``scan:`` hints of ``data/statistics.yaml``:
its predicate, words of its noun, its unit), with the period the statement prints
(2023年, 1月至9月, a year of a 2020年至2022年…分别为 series) or, failing that, the
document's own period (read from its title and date lines: ``《…白皮书(2023)》``, or the
year it names most). A 同比 change the scanner attaches to a keyed figure becomes a change
claim of that statistic. Everything else stays unkeyed, and so untestable across
documents: a figure whose words match two statistics, or none, is never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pilstats.checks import Change
from pilstats.collection import Document, alias_of
from pilstats.keys import KeySpec, Stat, Vocabulary, vocabulary
from pilstats.periods import Period, parse_period
from pilstats.scan import ScanResult, scan
from pilstats.units import active_units

__all__ = ["Proposal", "document_period", "propose"]

_TITLED_YEAR = re.compile(
    r"《[^》]{1,60}?[(（](?P<a>(?:19|20)\d{2})(?:\s*[—–-]\s*(?P<b>(?:19|20)\d{2}))?(?:年)?[)）]》"
)
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?!\s*\d{1,2}\s*月)")
_BASE = re.compile(r"(?:较|比|与)(?P<y>(?:19|20)\d{2})年")
_NATIONAL = ("全国", "全國", "最高人民检察院", "最高检", "最高檢", "最高人民法院", "最高法",
             "国家统计局", "國家統計局")  # fmt: skip
_HEAD_LINES = 6
_RELATIVE = ("去年", "今年", "上年", "本年", "当年", "同年", "前年")
_HEAD_CHARS = 600


@dataclass(frozen=True)
class Proposal:
    """A scanned text as a collection document, with what was (not) keyed and why.

    Attributes:
        document: the document (figures ``f1``, ``f2`` … of the scan, keyed ones in ``stats``).
        scanned: the scan itself (its own findings are the document's result).
        reasons: why each keyed figure got its key (the words that matched).
        ambiguous: figures whose words name several statistics, with the candidates.
    """

    document: Document
    scanned: ScanResult
    reasons: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)


def document_period(text: str) -> Period | None:
    """The period a text reports on, from its title and date lines.

    A titled edition ``《…(2023)》`` (or ``(2014—2019)``) in the first lines wins; else
    the year the text names most often (the latest of equals); None when it names none.
    """
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    m = _TITLED_YEAR.search(head)
    if m is not None:
        return parse_period(m["a"] if not m["b"] else f"{m['a']}..{m['b']}")
    years = Counter(int(y["y"]) for y in _YEAR.finditer(text))
    if not years:
        return None
    top = max(years.values())
    return parse_period(max(y for y, n in years.items() if n == top))


def _scope(text: str, vocab: Vocabulary) -> str | None:
    head = text[:_HEAD_CHARS]
    if any(cue in head for cue in _NATIONAL):
        return "national"
    for scope, name in vocab.scopes.items():
        short = re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", name)
        if scope != "national" and (name in head or short in head):
            return scope
    return None


def _candidates(specs: list[KeySpec], predicate: str | None, words: str, unit: str) -> list[str]:
    table = active_units()
    out = []
    for spec in specs:
        if spec.scan is None or not spec.scan.matches(predicate, words):
            continue
        try:
            table.conversion_factor(unit, spec.unit)
        except ValueError:
            continue
        out.append(spec.key)
    return out


def propose(
    text: str, name: str, *, alias: str | None = None, vocab: Vocabulary | None = None
) -> Proposal:
    """Scan ``text`` and propose statistic keys for its figures (see the module docstring)."""
    vocab = vocab or vocabulary()
    scanned = scan(text)
    edition = document_period(text)
    scope = _scope(text, vocab)
    specs = [vocab.get(k) for k in vocab if vocab.get(k).scan is not None]
    stats: dict[str, Stat] = {}
    reasons: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    by_id = {f.id: (f, st) for f, st in zip(scanned.figures, scanned.statements, strict=True)}
    if edition is not None and scope is not None:
        for f, st in by_id.values():
            if not st.is_level:
                continue
            if st.year is None and any(w in st.context[-30:] for w in _RELATIVE):
                continue  # 去年 / 今年: a year the text does not print
            keys = _candidates(specs, st.predicate, f"{st.noun}|{st.lead}", f.reported.unit)
            if len(keys) > 1:
                ambiguous[f.id] = tuple(keys)
            if len(keys) != 1:
                continue
            period = _statement_period(st.year, st.months, edition)
            kind = vocab.get(keys[0]).kind
            if kind == "stock":
                period = Period(period.end, period.end, point=True)
            stats[f.id] = Stat(keys[0], period, scope)
            reasons[f.id] = f"{st.predicate or '—'} + {st.noun}"
        _drop_conflicts(stats, reasons, ambiguous, scanned)
        statements = list(scanned.statements)
        for check in scanned.checks:
            if not isinstance(check, Change) or check.previous is not None:
                continue  # a change whose base the text prints is the scan's own business
            host = stats.get(check.current)
            if host is None or host.measure != "level" or check.change in stats:
                continue
            if not _paired_plainly(statements, int(check.change[1:]) - 1):
                ambiguous[check.change] = (f"change of {host.key}?",)
                continue
            lead = by_id[check.change][1].context[-40:]
            m = _BASE.search(lead)
            base = parse_period(m["y"]) if m else host.period.previous()
            direction: Literal["up", "down"] = "down" if check.direction == "down" else "up"
            stats[check.change] = Stat(host.key, host.period, host.scope, "change", base,
                                       direction)  # fmt: skip
            reasons[check.change] = f"同比 change of {check.current}"
    title = _title(text) or Path(name).name
    document = Document(
        alias=alias or alias_of(Path(name).stem),
        id=Path(name).name,
        title=title,
        publisher="",
        edition=edition,
        values={f.id: f.reported for f in scanned.figures},
        stats=stats,
        quotes={f.id: (f.text.strip(), f.start) for f in scanned.figures},
        source=name,
        result=scanned.result,
        text=text,
    )
    return Proposal(document, scanned, reasons, ambiguous)


def _drop_conflicts(
    stats: dict[str, Stat],
    reasons: dict[str, str],
    ambiguous: dict[str, tuple[str, ...]],
    scanned: ScanResult,
) -> None:
    """Unkey figures that give one statistic several values (a series read wrongly)."""
    values = {f.id: f.reported.value for f in scanned.figures}
    groups: dict[tuple[str, ...], list[str]] = {}
    for fid, stat in stats.items():
        groups.setdefault(stat.identity, []).append(fid)
    for identity, fids in groups.items():
        if len({values[f] for f in fids}) > 1:
            for f in fids:
                del stats[f]
                del reasons[f]
                ambiguous[f] = (f"{identity[0]} {identity[3]}: several values",)


def _paired_plainly(statements: list[Any], index: int) -> bool:
    """Whether a change's level is plain (its key may pass to the change).

    Plain: a lone 同比 after its figure, or a 分别 list of as many changes as the levels
    stated since the sentence's last change (收结案数 after 受理、审结 and 判处罪犯 is not
    plain: three levels, two changes).
    """
    st = statements[index]
    if not st.respectively:
        return True
    run = [s for s in statements if s.sentence == st.sentence and s.role == "change"
           and s.respectively and s.clause == st.clause]  # fmt: skip
    first = min(s.index for s in run)
    levels = 0
    for s in reversed(statements[:first]):
        if s.sentence != st.sentence or not (s.is_level or s.in_parens):
            break
        levels += int(s.is_level and not s.in_parens)
    return levels == len(run)


def _statement_period(year: int | None, months: tuple[int, int] | None, edition: Period) -> Period:
    y = year if year is not None else edition.end.year
    if months is not None and 1 <= months[0] <= months[1] <= 12:
        a, b = months
        return parse_period(f"{y}-{a:02d}..{y}-{b:02d}")
    if year is None:
        return edition
    return parse_period(y)


def _title(text: str) -> str | None:
    for line in text.splitlines()[:_HEAD_LINES]:
        stripped = line.strip()
        if stripped.startswith("TITLE:"):
            return stripped.removeprefix("TITLE:").strip()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("SOURCE:"):
            return stripped[:80]
    return None
