"""Draft a fixture from a raw text: every figure with its quote, every other number excluded.

:func:`draft` reads a text the way :func:`pilstats.scan.scan` does and writes the
fixture as a mapping that loads as it is:

* each figure the scanner finds, with a readable ASCII id named after the words before
  it (their pinyin: ``zhan_li_an_zong_shu_pct`` for 占立案总数的 88.4%), its printed
  form, its section (from the document's headings: 前言, 一, 一（二）, 一（二）3 …, else
  its paragraph ``¶4``), its clause as the quote and the clause's offset;
* each relation the scan inferred, as a declared relation whose ``note`` holds the
  scan's evidence (the words that state it);
* every other number (dates, list numbering, article numbers, names such as “4+10”,
  Chinese numerals in set phrases) under ``excluded``, with its reason and, in ``note``,
  what it looked like (see :mod:`pilstats.unread`).

A draft always loads: a relation the fixture format would refuse is left out and
named in the YAML header instead. It is a starting point for curation, not a verdict:
read each relation against the text, delete what the text does not state, add what
it does, and move traps to ``not_stated``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pilstats.checks import Change, Check, Formula, Rate, Same, Share, ShareSum, Subset, Total
from pilstats.chinese import normalise
from pilstats.decimals import isolated
from pilstats.errors import PilstatsError
from pilstats.figure import parse_figure
from pilstats.findings import Status
from pilstats.load import error_location
from pilstats.models import Report
from pilstats.scan import ScannedFigure, ScanResult, scan
from pilstats.unread import unread_numbers

__all__ = ["Draft", "draft", "draft_yaml"]

_WORDS = Path(__file__).with_name("data") / "draft_words.txt"
_CLAUSE_STOP = ",。;:!?"
"""Clause ends in the normalised text (，；：！？ normalise to their ASCII forms)."""
_LINE_END = "。;:!?,)」”』】>"
"""A line ending in one of these ends its clause; a line ending in a word runs on."""
_HEADING = re.compile(
    r"^[ \t]*(?P<label>[一二三四五六七八九十]+、|[(][一二三四五六七八九十]+[)]"
    r"|\d{1,2}[、.](?!\d))",
    re.MULTILINE,
)
_FRONT_BACK = re.compile(
    r"^[ \t]*(前[ \t]*言|序[ \t]*言|引[ \t]*言|导[ \t]*言|结[ \t]*语|结[ \t]*束[ \t]*语"
    r"|后[ \t]*记)[ \t]*$",
    re.MULTILINE,
)
_MAX_SYLLABLES = 8
_MAX_ID = 60


@dataclass(frozen=True)
class Draft:
    """A drafted fixture: the mapping written as YAML, and what went into it.

    Attributes:
        data: the fixture as plain data (loads with :func:`pilstats.load`).
        figures: number of figures.
        relations: number of relations drafted.
        excluded: number of exclusions.
        comments: lines for the YAML header: references the scan could not resolve
            and relations left out, for the curator to read.
    """

    data: dict[str, Any]
    figures: int
    relations: int
    excluded: int
    comments: tuple[str, ...] = ()


@cache
def _words() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in _WORDS.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).extend(line.split())
    return sections


def _unit_names() -> dict[str, str]:
    pairs = _words().get("units", [])
    return dict(zip(pairs[::2], pairs[1::2], strict=True))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# ------------------------------------------------------------------ clauses


def _headings(norm: str) -> set[int]:
    """Offsets of the line starts that are headings."""
    return {m.start() for m in _HEADING.finditer(norm)} | {
        m.start() for m in _FRONT_BACK.finditer(norm)
    }


def _soft_break(norm: str, at: int, headings: set[int]) -> bool:
    """Whether the line break run around ``at`` continues the sentence (a broken line)."""
    lo = at
    while lo > 0 and norm[lo - 1].isspace():
        lo -= 1
    hi = at
    while hi < len(norm) and norm[hi].isspace():
        hi += 1
    if lo == 0 or hi >= len(norm) or norm[lo - 1] in _LINE_END:
        return False
    next_line = norm.rfind("\n", 0, hi) + 1
    this_line = norm.rfind("\n", 0, lo) + 1
    return next_line not in headings and this_line not in headings


def _clause(norm: str, start: int, end: int, headings: set[int]) -> tuple[int, int]:
    """The clause around ``start``..``end``: between clause marks, across broken lines."""
    lo = start
    while lo > 0 and start - lo < 60:
        ch = norm[lo - 1]
        if ch in _CLAUSE_STOP or (ch == "\n" and not _soft_break(norm, lo - 1, headings)):
            break
        lo -= 1
    hi = end
    while hi < len(norm) and hi - end < 40:
        ch = norm[hi]
        if ch in _CLAUSE_STOP or (ch == "\n" and not _soft_break(norm, hi, headings)):
            break
        hi += 1
    while lo < start and norm[lo].isspace():
        lo += 1
    while hi > end and norm[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _quote(text: str, lo: int, hi: int, f: ScannedFigure) -> tuple[int, str]:
    """The clause as a quote in which the figure is the first occurrence of its text."""
    while text.find(f.text, lo, hi) != f.start:
        lo = text.find(f.text, lo, hi) + len(f.text)
        if lo > f.start:  # an earlier occurrence overlaps the figure: quote from it
            lo = f.start
            break
        while lo < f.start and text[lo].isspace():
            lo += 1
    return lo, text[lo:hi]


# ---------------------------------------------------------------------- ids


def _signed(f: ScannedFigure, text: str, norm: str) -> ScannedFigure:
    """The figure with the minus sign printed before it (-0.60‰), which a scan leaves out."""
    at = f.start
    if at == 0 or norm[at - 1] not in "-−" or (at > 1 and norm[at - 2].isascii()
                                                and norm[at - 2].isalnum()):
        return f
    try:
        reported = parse_figure(text[at - 1 : f.end])
    except PilstatsError:
        return f
    return replace(f, start=at - 1, text=text[at - 1 : f.end], reported=reported)


def _pinyin(words: str) -> list[str]:
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - only drafting needs it

    out = []
    for syllable in lazy_pinyin(words, errors="ignore"):
        clean = re.sub(r"[^a-z0-9]", "", syllable.lower())
        if clean:
            out.append(clean)
    return out


def _name_words(before: str) -> str:
    """The noun phrase that names a figure, from the words of its clause before it.

    Numbers (with 年/月/日 after them) and anything but Chinese characters break
    the words; hedges and verbs that lead into a number are dropped from the end
    (共立案 … 达到); the name starts after the last separator (的, 和, 检察机关 …).
    """
    s = re.sub(r"\s*\d+\s*[年月日]\s*", "", before)  # 同比 2022 年上升: a date, not a break
    s = re.sub(r"\d+(?:\.\d+)?", " ", s)
    s = "".join(ch if _is_cjk(ch) else " " for ch in s).rstrip()
    s = s.rsplit(" ", 1)[-1]
    trailing = sorted(_words().get("trailing", []), key=len, reverse=True)
    changed = True
    while changed and s:
        changed = False
        for w in trailing:
            if s.endswith(w) and len(s) > len(w):
                s = s[: -len(w)]
                changed = True
                break
    cut = 0
    for sep in _words().get("separators", []):
        at = s.rfind(sep)
        if at >= 0 and at + len(sep) < len(s):
            cut = max(cut, at + len(sep))
    return s[cut:][-_MAX_SYLLABLES:]


def _after_words(norm: str, end: int) -> str:
    m = re.match(r"\s*([\u4e00-\u9fff]{1,6})", norm[end : end + 12])
    return m.group(1) if m else ""


def _unit_word(f: ScannedFigure) -> str:
    unit = f.reported.unit
    names = _unit_names()
    if unit in names:
        return names[unit]
    if "/" in unit:
        head, _, tail = unit.partition("/")
        return f"{''.join(_pinyin(head)) or 'x'}_per_{''.join(_pinyin(tail)) or 'x'}"
    return "".join(_pinyin(unit)) or "n"


def _ids(figures: Iterable[ScannedFigure], norm: str, clauses: Mapping[str, int]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for f in figures:
        words = _name_words(norm[clauses[f.id] : f.start])
        if len(words) < 2:
            words = _after_words(norm, f.end) or words
        stem = "_".join(_pinyin(words)) or "figure"
        base = re.sub(r"[^a-z0-9_]", "", f"{stem}_{_unit_word(f)}")[:_MAX_ID].strip("_")
        if not base or not base[0].isalpha():
            base = "figure_" + base
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        ids[f.id] = name
    return ids


# ----------------------------------------------------------------- sections


def _sections(norm: str) -> list[tuple[int, str]]:
    """(offset, label) of each heading, nested: 一、 then （一） then 1、; 前言 and 结语."""
    marks = [(m.start(), m["label"]) for m in _HEADING.finditer(norm)]
    marks += [(m.start(), m.group(1)) for m in _FRONT_BACK.finditer(norm)]
    out: list[tuple[int, str]] = []
    top = sub = ""
    for at, label in sorted(marks):
        if label[-1] == "、" and not label[0].isdigit():
            top, sub = label[:-1], ""
            out.append((at, top))
        elif label[0] == "(":
            sub = "（" + label[1:-1] + "）"
            out.append((at, top + sub))
        elif label[0].isdigit():
            out.append((at, top + sub + label[:-1]))
        else:
            top, sub = re.sub(r"\s", "", label), ""
            out.append((at, top))
    return out


class _Sections:
    """The section (or, before the first heading, the paragraph) of an offset.

    Headings, line starts and the first non-blank character of every line are indexed
    once, so each question is a bisection and drafting stays n log n in the length of
    the text (counting the paragraphs before each figure anew would be quadratic).
    """

    def __init__(self, sections: list[tuple[int, str]], norm: str) -> None:
        self.starts = [at for at, _ in sections]
        self.names = [name for _, name in sections]
        self.lines = [0, *(m.end() for m in re.finditer("\n", norm))]
        self.first: list[int | None] = []  # first non-blank character of each line
        self.before: list[int] = [0]  # non-blank lines before each line
        for i, start in enumerate(self.lines):
            end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else len(norm)
            m = _NON_BLANK.search(norm, start, end)
            self.first.append(m.start() if m else None)
            self.before.append(self.before[-1] + (m is not None))

    def of(self, pos: int) -> str:
        """The heading label, else ``¶n``: the non-blank lines up to ``pos`` (at least 1)."""
        i = bisect_right(self.starts, pos)
        label = self.names[i - 1] if i else ""
        if label:
            return label
        k = bisect_right(self.lines, pos) - 1
        first = self.first[k]
        paragraphs = self.before[k] + (first is not None and first < pos)
        return f"¶{max(paragraphs, 1)}"


_NON_BLANK = re.compile(r"\S")


# ---------------------------------------------------------------- relations


def _relation(check: Check, ids: Mapping[str, str], rid: str, evidence: str) -> dict[str, Any]:
    def r(x: str) -> str:
        return ids[x]

    out: dict[str, Any] = {"kind": check.kind, "id": rid}
    if isinstance(check, Total):
        out.update(total=r(check.total), parts=[r(p) for p in check.parts])
        if not check.complete:
            out["complete"] = False
        if check.same_noun:
            out["same_noun"] = True
    elif isinstance(check, Share):
        out.update(part=r(check.part), whole=r(check.whole), share=r(check.share))
    elif isinstance(check, ShareSum):
        out["shares"] = [r(s) for s in check.shares]
        if check.total:
            out["total"] = r(check.total)
        if not check.complete:
            out["complete"] = False
    elif isinstance(check, Subset):
        out.update(part=r(check.part), whole=[r(w) for w in check.wholes]
                   if len(check.wholes) > 1 else r(check.wholes[0]))  # fmt: skip
        if check.same_noun:
            out["same_noun"] = True
    elif isinstance(check, Change):
        out.update(current=r(check.current), change=r(check.change), direction=check.direction)
        if check.previous:
            out["previous"] = r(check.previous)
    elif isinstance(check, Rate):
        out.update(rate=r(check.rate), base=r(check.base))
    elif isinstance(check, Same):
        out["statements"] = [r(s) for s in check.statements]
    elif isinstance(check, Formula):
        expr = check.expr
        for old in sorted(ids, key=len, reverse=True):
            expr = re.sub(rf"\b{re.escape(old)}\b", ids[old], expr)
        out["expr"] = expr
    out["note"] = f"drafted by pilstats scan: “{evidence}”"
    return out  # the caller adds the section


def _key_figure(check: Check) -> str:
    """The figure a relation is named after: its share, rate, change, total or part."""
    if isinstance(check, Share):
        return check.share
    if isinstance(check, Rate):
        return check.rate
    if isinstance(check, Change):
        return check.change
    if isinstance(check, ShareSum) and check.total:
        return check.total
    return check.figures[0]


def _relation_id(check: Check, ids: Mapping[str, str], used: set[str]) -> str:
    """``<kind>_<id of its key figure>``: readable whatever ids the scanner gives."""
    base = f"{check.kind}_{ids[_key_figure(check)]}"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}_{n}"
    used.add(name)
    return name


def _evidence(text: str, span: Iterable[int]) -> str:
    a, b = span
    return " ".join(text[a : min(b + 1, a + 120)].split())


# -------------------------------------------------------------------- draft


@isolated
def draft(text: str, *, name: str = "report", source_text: str | None = None) -> Draft:
    """Draft the fixture of ``text``; ``name`` gives the report id, ``source_text`` its file.

    The offsets are character offsets into ``text`` exactly as given: write the text
    beside the fixture without changing its line ends.
    """
    scanned: ScanResult = scan(text)
    norm = normalise(text)
    headings = _headings(norm)
    figures = [_signed(f, text, norm) for f in scanned.figures]
    clauses = {f.id: _clause(norm, f.start, f.end, headings) for f in figures}
    ids = _ids(figures, norm, {k: lo for k, (lo, _) in clauses.items()})
    sections = _Sections(_sections(norm), norm)
    records = []
    for f in figures:
        lo, hi = clauses[f.id]
        offset, quote = _quote(text, lo, hi, f)
        records.append({
            "id": ids[f.id], "printed": f.text, "section": sections.of(f.start),
            "quote": quote, "offset": offset,
        })  # fmt: skip
    relations = []
    used: set[str] = set()
    section_of = {r["id"]: r["section"] for r in records}
    for check in scanned.checks:
        if not all(x in ids for x in check.figures):
            continue
        rid = _relation_id(check, ids, used)
        evidence = _evidence(text, scanned.evidence.get(check.id, (0, 0)))
        relation = _relation(check, ids, rid, evidence)
        relation["section"] = section_of[ids[check.figures[0]]]
        relations.append(relation)
    declared = {c.id for c in scanned.checks}
    comments = []
    for finding in scanned.result.findings:
        if finding.status is Status.UNTESTABLE and finding.check not in declared:
            at, _ = scanned.evidence.get(finding.check, (0, 0))
            comments.append(f"unresolved: {finding.check} ({finding.kind}) at offset {at}: "
                            f"{finding.message}")  # fmt: skip
    covered = [(f.start, f.end) for f in figures]
    excluded = [
        {"text": u.text, "offset": u.start, "reason": u.reason, "note": u.detail}
        for u in unread_numbers(text, covered)
    ]
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "report"
    if not slug[0].isalnum():
        slug = "r" + slug
    data: dict[str, Any] = {
        "schema_version": 1,
        "report": {
            "id": slug[:80], "title": _title(text), "publisher": "unknown (draft: fill in)",
            "year": _year(norm), "source_text": source_text,
            "note": "Drafted by `pilstats draft`; curate before use.",
        },
        "figures": records,
        "relations": relations,
        "excluded": excluded,
    }  # fmt: skip
    if source_text is None:
        del data["report"]["source_text"]
    comments += _keep_loadable(data)
    return Draft(data, len(records), len(data["relations"]), len(excluded), tuple(comments))


def _keep_loadable(data: dict[str, Any]) -> list[str]:
    """Leave out the relations the fixture format refuses; say which and why."""
    dropped: list[str] = []
    for _ in range(len(data["relations"]) + 1):
        try:
            Report.from_mapping(data)
        except ValidationError as exc:
            bad: dict[int, str] = {}
            for err in exc.errors(include_url=False):
                loc = error_location(err)
                if len(loc) >= 2 and loc[0] == "relations" and isinstance(loc[1], int):
                    bad.setdefault(loc[1], err["msg"])
            if not bad:
                raise
            for i in sorted(bad, reverse=True):
                rel = data["relations"].pop(i)
                dropped.append(f"left out: relation {rel['id']}: {bad[i]}")
            continue
        break
    return sorted(dropped)


def _title(text: str) -> str:
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("TITLE:"):
            return line[6:].strip() or "untitled"
        if line and not line.startswith("SOURCE:"):
            return line[:120]
    return "untitled"


def _year(norm: str) -> int:
    m = re.search(r"(19[5-9]\d|20\d\d)\s*年", norm)
    return int(m.group(1)) if m else 2000


def draft_yaml(d: Draft, *, ascii_only: bool = False) -> str:
    """The draft as YAML text, every value a plain or quoted scalar (no aliases).

    ``ascii_only`` writes non-ASCII characters as YAML escapes in double-quoted
    scalars (for an output that cannot encode them); the fixture reads the same.
    """
    import yaml  # noqa: PLC0415

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - PyYAML's signature
            return True

    header = [
        "# Drafted by `pilstats draft`: every figure the scanner found, every relation it",
        "# inferred (note: its evidence), every other number excluded (note: what it looked",
        "# like). Curate: check each relation against the text, delete what the text does",
        "# not state, move traps to not_stated, rename ids, fill in the report metadata;",
        "# then `pilstats check` and `pilstats audit` this file.",
    ]
    header += [f"# {line}" for c in d.comments for line in c.splitlines()]
    body = yaml.dump(d.data, Dumper=_Dumper, allow_unicode=not ascii_only, sort_keys=False,
                     width=100, default_flow_style=False)  # fmt: skip
    return "\n".join(header) + "\n" + body
