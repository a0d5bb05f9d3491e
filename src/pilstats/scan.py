"""Scan raw report text: find every figure, infer the relations the text states, check them.

:func:`scan` works without a fixture. It finds each printed figure with its
character span (Arabic, full-width and Chinese numerals, 万/亿, qualifiers, measure
words, percentages, figures broken over white space or lines), then reads the
relations the wording states:

* ``A 件，占<名词>的 x%`` and ``分别占<名词>的 p1、p2…和 pn`` — shares, the whole
  resolved from the noun phrase (立案总数 → the preceding 共立案…件);
* ``共 N 件。其中，a 件…b 件(等)`` — the listed parts may not exceed the total
  (``（含 … 件）`` inside a part is a subset of that part);
* ``同比上升/下降 x%`` — a year-over-year change of the figure it follows;
* ``从 N 件…中筛选出 M 件`` — nested selections;
* shares of one whole whose parts add up exactly to it — shares summing to 100%.

A reference that cannot be resolved to exactly one figure gives an ``untestable``
finding listing the candidates: a scan never guesses, because a false alarm on a
correct report is the worst outcome. Every inferred relation is decided by the same
check functions as fixtures (:mod:`pilstats.checks`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pilstats.chinese import normalise
from pilstats.checks import Change, Check, Share, ShareSum, Subset, Total, evaluate_all
from pilstats.errors import PilstatsError
from pilstats.figure import Reported, parse_figure
from pilstats.findings import SCHEMA_VERSION, Finding, FindingCode, Result, Status
from pilstats.units import is_count_unit, unit_symbols

__all__ = ["ScanResult", "ScannedFigure", "normalise", "scan", "scan_figures"]

_CN_NUM = "零〇一二两三四五六七八九十百千"


@dataclass(frozen=True)
class ScannedFigure:
    """A figure found in the text.

    Attributes:
        id: ``f1``, ``f2`` … in text order.
        start: offset of the first character in the original text.
        end: offset after the last character.
        text: the original characters (may contain spaces or line breaks).
        reported: the parsed figure.
    """

    id: str
    start: int
    end: int
    text: str
    reported: Reported

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        r = self.reported
        iv = r.bounds()
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": format(r.value, "f"),
            "unit": r.unit,
            "qualifier": r.qualifier.value if r.qualifier else None,
            "interval": str(iv),
        }


@dataclass(frozen=True)
class ScanResult:
    """The figures of a text and the findings of the relations it states."""

    figures: tuple[ScannedFigure, ...]
    checks: tuple[Check, ...]
    result: Result
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: figures, findings with evidence spans, counts."""
        findings = []
        for f in self.result.findings:
            d = f.to_dict()
            d["evidence"] = list(self.evidence.get(f.check, (0, 0)))
            findings.append(d)
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.result.ok,
            "figures": [f.to_dict() for f in self.figures],
            "checks": len(findings),
            "counts": self.result.counts,
            "findings": findings,
        }


def _figure_pattern() -> re.Pattern[str]:
    words = (u for u in unit_symbols() if not u.isascii() or u == "%")
    units = sorted(words, key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    return re.compile(
        rf"""
        (?P<pre>约|近|超过|超|逾|不足)?\s*
        (?P<num>\d[\d,]*(?:\.\d+)?(?:\s*[万亿])?|[{_CN_NUM}]+[万亿]?[{_CN_NUM}]*)
        \s*(?P<mid>余|多)?\s*(?P<mag>[万亿])?\s*(?P<post>余|多)?\s*
        (?P<unit>{unit_alt})
        (?P<around>左右)?
        """,
        re.VERBOSE,
    )


_PATTERN: re.Pattern[str] | None = None


def scan_figures(text: str) -> list[ScannedFigure]:
    """Every figure in ``text`` with its span; dates, ordinals and idioms are skipped."""
    global _PATTERN  # noqa: PLW0603 - compiled once, on first use (needs the unit table)
    if _PATTERN is None:
        _PATTERN = _figure_pattern()
    norm = normalise(text)
    figures: list[ScannedFigure] = []
    for m in _PATTERN.finditer(norm):
        start, end = m.start("num") if not m.group("pre") else m.start(), m.end()
        num, unit = m.group("num"), m.group("unit")
        before = norm[max(0, start - 1) : start]
        if before == "第" or (before.isascii() and before.isalnum()):
            continue  # 第四十六批 is an ordinal; 3D, A1 are names
        if unit == "年" and re.fullmatch(r"\d{4}", num.strip()):
            continue  # a year, not a duration
        if num in ("一", "两") and unit in ("批", "个", "次", "类", "年", "项", "种"):
            continue  # 一批, 两个结合, 一年来: idioms, not counts
        piece = norm[start:end].strip()
        try:
            reported = parse_figure(piece)
        except PilstatsError:
            continue
        figures.append(ScannedFigure(f"f{len(figures) + 1}", start, end, text[start:end], reported))
    return figures


# --------------------------------------------------------------------- inference

# A blank line does not end a sentence: the 2023 text breaks one (提起行政公益诉讼 / 1276 件).
_SENTENCE_END = re.compile(r"[。；！？;!?]")
_PERIOD = re.compile(r"[。！？!?]")
_TOTAL_CUE = re.compile(r"(共|合计|总计|共计|累计)")


_CHAPTER = re.compile(
    r"^[ \t]*(?:[一二三四五六七八九十]+、"
    r"|[^\n。；，,]{0,40}(?:白皮书|工作报告|情况通报|新闻发布)[^\n。；]{0,20}$)",
    re.MULTILINE,
)


@dataclass
class _Doc:
    text: str
    figures: list[ScannedFigure]
    checks: list[Check] = field(default_factory=list)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    untestable: list[Finding] = field(default_factory=list)
    shares: list[tuple[ScannedFigure, ScannedFigure, ScannedFigure, str]] = field(
        default_factory=list
    )  # (part, whole, share, noun phrase)
    partitions: list[tuple[ScannedFigure, list[ScannedFigure]]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)
    _scopes: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [f.start for f in self.figures]
        self._ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        self._scopes = [m.start() for m in _CHAPTER.finditer(self.text)]

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self._ends, pos) - 1
        return self._ends[i] if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect_right(self._ends, pos)
        return self._ends[i] - 1 if i < len(self._ends) else len(self.text)

    def period_end(self, pos: int) -> int:
        """Index of the next 。！？ (a list introduced by 其中 may run across ；)."""
        m = _PERIOD.search(self.text, pos)
        return m.start() if m else len(self.text)

    def scope_start(self, pos: int) -> int:
        """Start of the chapter (一、…) or report the position belongs to."""
        i = bisect_right(self._scopes, pos) - 1
        return self._scopes[i] if i >= 0 else 0

    def clause_start(self, pos: int) -> int:
        lo = max(0, pos - 200)
        i = max(self.text.rfind(c, lo, pos) for c in "，,。；;：:\n")
        return i + 1 if i >= 0 else lo

    def between(self, start: int, end: int) -> list[ScannedFigure]:
        """Figures lying wholly within ``start``..``end``."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.figures) and self.figures[i].start < end:
            if self.figures[i].end <= end:
                out.append(self.figures[i])
            i += 1
        return out

    def before(self, pos: int, start: int) -> list[ScannedFigure]:
        """Figures between ``start`` and ``pos``, leaving out those inside （…）."""
        return [f for f in self.between(start, pos) if not self.in_parens(f, start)]

    def in_parens(self, f: ScannedFigure, start: int) -> bool:
        """Whether ``f`` sits inside an unclosed （ opened after ``start``."""
        opener = max(self.text.rfind("（", start, f.start), self.text.rfind("(", start, f.start))
        closer = max(self.text.rfind("）", start, f.start), self.text.rfind(")", start, f.start))
        return opener > closer

    def add(self, check: Check, span: tuple[int, int]) -> None:
        self.checks.append(check)
        self.evidence[check.id] = span

    def unresolved(  # noqa: PLR0917 - an internal recorder, called positionally
        self, cid: str, kind: str, code: FindingCode, ids: list[str], why: str,
        span: tuple[int, int],
    ) -> None:
        def explain() -> tuple[str, dict[str, str]]:
            return why, {}

        self.untestable.append(Finding(cid, kind, code, Status.UNTESTABLE, tuple(ids),
                                       explain=explain))  # fmt: skip
        self.evidence[cid] = span


def _is_count(f: ScannedFigure) -> bool:
    return not f.reported.is_ratio


def _stem(np: str) -> str:
    np = np.strip().removesuffix("的")
    for suffix in ("立案总数", "总数", "总量", "立案数", "数量", "数"):
        if np.endswith(suffix):
            return np[: -len(suffix)]
    return np


_SYNONYMS = {"起诉": ("起诉", "提起"), "立案": ("立案",)}


def _resolve_whole(
    doc: _Doc, np: str, parts: list[ScannedFigure]
) -> tuple[ScannedFigure | None, list[ScannedFigure]]:
    """The figure a noun phrase such as 立案总数 refers to, and the candidates seen.

    Candidates are figures before the first part, in the same unit, that are at least
    as large as every part (a share is at most 100%), whose clause names the phrase's
    stem — for a 总数/总量 phrase, a total introduced by 共/合计. Exactly one
    candidate resolves; otherwise the reference is ambiguous.
    """
    first = min(p.start for p in parts)
    unit = parts[0].reported.unit
    largest = max(p.reported.value for p in parts)
    stem = _stem(np)
    is_total = np.strip().removesuffix("的").endswith(("总数", "总量"))
    if np.endswith(("立案总数", "立案总数的")):
        stems: tuple[str, ...] = ("立案",)
    else:
        stems = _SYNONYMS.get(stem, (stem,))
    candidates = []
    for f in doc.between(doc.scope_start(first), first):
        if f.reported.unit != unit or f in parts:
            continue
        if f.reported.value < largest:
            continue
        clause = doc.text[doc.clause_start(f.start) : f.start]
        if is_total and not _TOTAL_CUE.search(clause):
            continue
        if not any(s in clause for s in stems):  # an empty stem (总数) matches any total
            continue
        candidates.append(f)
    return (candidates[0] if len(candidates) == 1 else None), candidates


_SHARE = re.compile(r"占(?P<np>[^，,。；;、%\d]{1,24}?)的?\s*$")
_RESPECTIVELY = re.compile(r"分别占(?P<np>[^，,。；;%\d]{1,24}?)的?\s*$")


def _infer_shares(doc: _Doc) -> None:
    pct = [f for f in doc.figures if f.reported.unit == "%"]
    used: set[str] = set()
    for f in pct:
        if f.id in used:
            continue
        lead = doc.text[max(0, f.start - 30) : f.start]
        m = _RESPECTIVELY.search(lead)
        if m:
            _respectively(doc, f, m, used)
            continue
        m = _SHARE.search(lead)
        if not m:
            continue
        cue = f.start - len(lead) + m.start()
        sentence = doc.sentence_start(cue)
        parts = [p for p in doc.before(cue, sentence) if _is_count(p)]
        if not parts:
            continue
        part = parts[-1]
        whole, candidates = _resolve_whole(doc, m["np"], [part])
        cid = f"share_{f.id}"
        span = (part.start, f.end)
        if whole is None:
            doc.unresolved(cid, "share", FindingCode.SHARE_UNTESTABLE,
                           [part.id, f.id, *(c.id for c in candidates)],
                           f"“占{m['np']}”: cannot tell which figure is the whole "
                           f"({len(candidates)} candidates: "
                           f"{', '.join(c.text.strip() for c in candidates) or 'none'})",
                           span)  # fmt: skip
            continue
        doc.add(Share(cid, part.id, whole.id, f.id), span)
        doc.shares.append((part, whole, f, m["np"]))
        used.add(f.id)


def _respectively(doc: _Doc, first: ScannedFigure, m: re.Match[str], used: set[str]) -> None:
    end = doc.sentence_end(first.start)
    shares = [f for f in doc.between(first.start, end + 1) if f.reported.unit == "%"]
    cue = first.start - len(doc.text[max(0, first.start - 30) : first.start]) + m.start()
    sentence = doc.sentence_start(cue)
    start = doc.text.find("其中", sentence, cue)
    start = sentence if start < 0 else start
    parts = [p for p in doc.before(cue, start) if _is_count(p)]
    parts = parts[-len(shares) :] if len(parts) >= len(shares) else parts
    for s in shares:
        used.add(s.id)
    cid = f"shares_{first.id}"
    span = (parts[0].start if parts else first.start, shares[-1].end)
    if len(parts) != len(shares) or len({p.reported.unit for p in parts}) != 1:
        doc.unresolved(cid, "share", FindingCode.SHARE_UNTESTABLE, [s.id for s in shares],
                       f"“分别占”: {len(shares)} shares but {len(parts)} figures to pair them "
                       "with", span)  # fmt: skip
        return
    whole, candidates = _resolve_whole(doc, m["np"], parts)
    if whole is None:
        doc.unresolved(cid, "share", FindingCode.SHARE_UNTESTABLE,
                       [*(s.id for s in shares), *(c.id for c in candidates)],
                       f"“分别占{m['np']}”: cannot tell which figure is the whole "
                       f"({len(candidates)} candidates)", span)  # fmt: skip
        return
    for p, s in zip(parts, shares, strict=True):
        doc.add(Share(f"share_{s.id}", p.id, whole.id, s.id), (p.start, s.end))
        doc.shares.append((p, whole, s, m["np"]))


_OF_WHICH = re.compile(r"其中")
_INCLUDING = re.compile(r"[（(]\s*含")


def _infer_partitions(doc: _Doc) -> None:
    for m in _OF_WHICH.finditer(doc.text):
        cue = m.start()
        sentence = doc.sentence_start(cue)
        # the total: last count figure before 其中, in this or the previous sentence
        scope = doc.sentence_start(max(0, sentence - 1))
        prior = [f for f in doc.before(cue, scope) if _is_count(f)]
        if not prior:
            continue
        total = prior[-1]
        end = doc.period_end(m.end())
        listed = [f for f in doc.between(m.end(), end) if _is_count(f)]
        parts: list[ScannedFigure] = []
        nested: list[tuple[ScannedFigure, ScannedFigure]] = []
        for f in listed:
            if doc.in_parens(f, m.end()):
                opener = max(doc.text.rfind("（", 0, f.start), doc.text.rfind("(", 0, f.start))
                if parts and _INCLUDING.match(doc.text, opener):
                    nested.append((parts[-1], f))
                continue
            if f.reported.unit == total.reported.unit:
                parts.append(f)
        span = (total.start, end)
        first = listed[0] if listed else None
        counts = first is not None and all(
            is_count_unit(x.reported.unit) for x in (first, total)
        )
        if not parts and first is not None and counts and first.start - m.end() <= 3:
            # 其中 16 起 after 234 条: one thing counted with two measure words
            doc.add(Subset(f"of_which_{first.id}", first.id, total.id, same_noun=True), span)
        elif len(parts) == 1:
            doc.add(Subset(f"of_which_{parts[0].id}", parts[0].id, total.id), span)
        elif len(parts) >= 2:
            doc.add(Total(f"of_which_{total.id}", total.id, tuple(p.id for p in parts),
                          complete=False), span)  # fmt: skip
            doc.partitions.append((total, parts))
        for outer, inner in nested:
            doc.add(Subset(f"including_{inner.id}", inner.id, outer.id), (outer.start, inner.end))


_CHANGE = re.compile(
    r"同比(?:\s*\d{4}\s*年)?\s*(?P<dir>上升|增长|增加|提高|下降|减少|降低)\s*$"
)


def _infer_changes(doc: _Doc) -> None:
    for f in doc.figures:
        if f.reported.unit != "%":
            continue
        lead = doc.text[max(0, f.start - 20) : f.start]
        m = _CHANGE.search(lead)
        if not m:
            continue
        cue = f.start - len(lead) + m.start()
        current = [c for c in doc.before(cue, doc.sentence_start(cue)) if _is_count(c)]
        direction: Literal["up", "down"] = (
            "up" if m["dir"] in ("上升", "增长", "增加", "提高") else "down"
        )
        cid = f"change_{f.id}"
        if not current:
            doc.unresolved(cid, "change", FindingCode.CHANGE_UNTESTABLE, [f.id],
                           "a change with no figure in its sentence to apply to",
                           (cue, f.end))  # fmt: skip
            continue
        doc.add(Change(cid, current[-1].id, f.id, direction), (current[-1].start, f.end))


_SELECTION = re.compile(r"从\s*$")
_CHOSEN = re.compile(r"中\s*(?:筛选|遴选|挑选|选取|评选)(?:推荐)?出?")


def _infer_selections(doc: _Doc) -> None:
    for f in doc.figures:
        if not _SELECTION.search(doc.text[max(0, f.start - 3) : f.start]):
            continue
        end = doc.sentence_end(f.end)
        m = _CHOSEN.search(doc.text, f.end, end)
        if not m:
            continue
        chosen = [c for c in doc.between(m.end(), end) if _is_count(c)]
        for c in chosen:
            if c.reported.unit == f.reported.unit:
                doc.add(Subset(f"selected_{c.id}", c.id, f.id), (f.start, c.end))


def _infer_share_sums(doc: _Doc) -> None:
    """Shares of one whole whose exact parts add up to it must add up to 100%.

    Only runs of consecutive shares (in text order) whose exact parts cover the whole
    exactly are used: two different breakdowns of one total (by case type, by field)
    are never mixed, and a list that may be incomplete is never forced to 100%.
    """
    groups: dict[str, list[tuple[ScannedFigure, ScannedFigure]]] = {}
    for part, whole, share, _np in doc.shares:
        groups.setdefault(whole.id, []).append((part, share))
    by_id = {f.id: f for f in doc.figures}
    for wid, members in groups.items():
        whole = by_id[wid]
        if not whole.reported.exact:
            continue
        members.sort(key=lambda m: m[1].start)
        for i in range(len(members)):
            acc = Decimal(0)
            for j in range(i, len(members)):
                part = members[j][0]
                if not part.reported.exact:
                    break
                acc += part.reported.value
                if acc > whole.reported.value:
                    break
                if acc == whole.reported.value and j > i:
                    run = members[i : j + 1]
                    shares = tuple(s.id for _, s in run)
                    span = (min(p.start for p, _ in run), max(s.end for _, s in run))
                    doc.add(ShareSum(f"shares_of_{wid}_{run[0][1].id}", shares), span)
                    break


def _infer_group_shares(doc: _Doc) -> None:
    """其中 parts that exactly make up a total: their shares of a whole sum to its share."""
    share_of = {(p.id, w.id): s for p, w, s, _np in doc.shares}
    for total, parts in doc.partitions:
        exact = total.reported.exact and all(p.reported.exact for p in parts)
        if not exact or sum(p.reported.value for p in parts) != total.reported.value:
            continue
        for (pid, wid), total_share in share_of.items():
            if pid != total.id:
                continue
            shares = [share_of.get((p.id, wid)) for p in parts]
            if all(s is not None for s in shares):
                ids = tuple(s.id for s in shares if s is not None)
                span = (total.start, max(s.end for s in shares if s is not None))
                doc.add(ShareSum(f"group_shares_{total.id}", ids, total_share.id), span)


_RULES: tuple[Callable[[_Doc], None], ...] = (
    _infer_shares,
    _infer_partitions,
    _infer_changes,
    _infer_selections,
    _infer_share_sums,
    _infer_group_shares,
)


def scan(text: str) -> ScanResult:
    """Find the figures of ``text``, infer the relations it states, and check them."""
    figures = scan_figures(text)
    doc = _Doc(normalise(text), figures)
    for rule in _RULES:
        rule(doc)
    values = {f.id: f.reported for f in figures}
    findings = evaluate_all(doc.checks, values) + doc.untestable
    order = dict(doc.evidence)
    findings.sort(key=lambda f: order.get(f.check, (0, 0)))
    return ScanResult(tuple(figures), tuple(doc.checks), Result(tuple(findings)), doc.evidence)
