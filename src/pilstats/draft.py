"""Draft a fixture from a raw text: every figure with its quote, every other number excluded.

:func:`draft` reads a text the way :func:`pilstats.scan.scan` does and writes the YAML of
a fixture that loads as it is: each figure with a readable ASCII id taken from the
words before it (pinyin), its printed form, its section (from the document's headings,
else its paragraph), its clause as the quote and the clause's offset; each relation
the scan inferred, as a declared relation whose ``note`` holds the scan's evidence;
every other number under ``excluded`` with a reason (date, numbering, ordinal, name …).

A draft is a starting point for curation, not a verdict: read each relation, delete
what the text does not state, add what it does, and move traps to ``not_stated``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pilstats.checks import Change, Check, Formula, Rate, Same, Share, ShareSum, Subset, Total
from pilstats.scan import ScannedFigure, ScanResult, normalise, scan

__all__ = ["Draft", "draft", "draft_yaml"]

_CLAUSE_STOP = "，,。；;：:！!？?\n"
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_HEADING = re.compile(
    r"^[ \t\u3000]*(?P<label>[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[、.．](?!\d))",
    re.MULTILINE,
)
_STOP_CHARS = set("的了和与及或等共各为是在从对将把被由向于中其之并且也又还已均达约近超逾余多")
_ID_SYLLABLES = 5


@dataclass(frozen=True)
class Draft:
    """A drafted fixture: the mapping written as YAML, and what went into it."""

    data: dict[str, Any]
    figures: int
    relations: int
    excluded: int


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and text[lo - 1] not in _CLAUSE_STOP and start - lo < 60:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in _CLAUSE_STOP and hi - end < 40:
        hi += 1
    return lo, hi


def _pinyin(words: str) -> list[str]:
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - only drafting needs it

    out = []
    for syllable in lazy_pinyin(words, errors="ignore"):
        clean = re.sub(r"[^a-z0-9]", "", syllable.lower())
        if clean:
            out.append(clean)
    return out


def _context_words(norm: str, start: int) -> str:
    """The last few meaningful characters before ``start`` within its clause."""
    lo = start
    while lo > 0 and norm[lo - 1] not in _CLAUSE_STOP and start - lo < 30:
        lo -= 1
    chars = [ch for ch in norm[lo:start] if "\u4e00" <= ch <= "\u9fff" and ch not in _STOP_CHARS]
    return "".join(chars[-_ID_SYLLABLES:])


def _unit_word(f: ScannedFigure) -> str:
    unit = f.reported.unit
    names = {"%": "pct", "‰": "permille", "个百分点": "pp", "百分点": "pp", "倍": "times"}
    if unit in names:
        return names[unit]
    return "_".join(_pinyin(unit)) if unit else "n"


def _ids(figures: Iterable[ScannedFigure], norm: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: dict[str, int] = {}
    for f in figures:
        words = _pinyin(_context_words(norm, f.start))
        stem = "_".join(words) or "figure"
        base = f"{stem}_{_unit_word(f)}"
        base = re.sub(r"[^a-z0-9_]", "", base)[:60].strip("_") or "figure"
        if not base[0].isalpha():
            base = "f_" + base
        n = used.get(base, 0) + 1
        used[base] = n
        ids[f.id] = base if n == 1 else f"{base}_{n}"
    return ids


def _sections(text: str) -> list[tuple[int, str]]:
    """(offset, label) of each heading, nested: 一、 then （一） then 1、."""
    out: list[tuple[int, str]] = []
    top = sub = ""
    for m in _HEADING.finditer(text):
        label = m["label"]
        if label.endswith("、") and not label[0].isdigit():
            top, sub = label[:-1], ""
            out.append((m.start(), top))
        elif label[0] in "（(":
            sub = "（" + label[1:-1] + "）"
            out.append((m.start(), top + sub))
        else:
            out.append((m.start(), top + sub + label[:-1]))
    return out


def _section_of(pos: int, sections: list[tuple[int, str]], text: str) -> str:
    label = ""
    for at, name in sections:
        if at > pos:
            break
        label = name
    if label:
        return label
    return f"¶{text.count(chr(10), 0, pos) + 1}"


def _relation(check: Check, ids: Mapping[str, str], evidence: str) -> dict[str, Any]:
    def r(x: str) -> str:
        return ids[x]

    out: dict[str, Any] = {"kind": check.kind, "id": check.id}
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
    out["note"] = f"drafted by pilstats scan: {evidence}"
    return out


def _exclusion_reason(text: str, start: int, end: int) -> str:
    after = text[end : end + 1]
    before = text[max(0, start - 1) : start]
    line_start = text.rfind("\n", 0, start) + 1
    if after in "年月日时号点" and after:
        return "date"
    if before == "第":
        return "ordinal"
    if text[line_start:start].strip() in ("", "（", "(") and after in "、.．)）":
        return "numbering"
    if before in "+＋" or after in "+＋":
        return "name"
    if re.match(r"\d{4}", text[start:end]) and after in "-—–至":
        return "date"
    return "other"


def _exclusions(text: str, norm: str, figures: list[ScannedFigure]) -> list[dict[str, Any]]:
    covered = bytearray(len(text))
    for f in figures:
        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    out = []
    for m in _NUMBER.finditer(norm):
        if any(covered[m.start() : m.end()]):
            continue
        out.append({"text": text[m.start() : m.end()], "offset": m.start(),
                    "reason": _exclusion_reason(norm, m.start(), m.end())})  # fmt: skip
    return out


def draft(text: str, *, name: str = "report", source_text: str | None = None) -> Draft:
    """Draft the fixture of ``text``; ``name`` gives the report id, ``source_text`` its file."""
    scanned: ScanResult = scan(text)
    norm = normalise(text)
    figures = list(scanned.figures)
    ids = _ids(figures, norm)
    sections = _sections(norm)
    records = []
    for f in figures:
        lo, hi = _clause(text, f.start, f.end)
        quote = text[lo:hi]
        records.append({
            "id": ids[f.id], "printed": f.text, "section": _section_of(f.start, sections, norm),
            "quote": quote, "offset": lo,
        })  # fmt: skip
    relations = []
    known = {c.id for c in scanned.checks}
    for check in scanned.checks:
        if not all(x in ids for x in check.figures) or check.id not in known:
            continue
        a, b = scanned.evidence.get(check.id, (0, 0))
        evidence = " ".join(text[a : min(b + 1, a + 120)].split())
        relations.append(_relation(check, ids, f"“{evidence}”"))
    excluded = _exclusions(text, norm, figures)
    title = _title(text)
    year = _year(norm)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "report"
    if not slug[0].isalnum():
        slug = "r" + slug
    data: dict[str, Any] = {
        "schema_version": 1,
        "report": {
            "id": slug[:80], "title": title, "publisher": "unknown (draft: fill in)",
            "year": year, "source_text": source_text,
            "note": "Drafted by `pilstats draft`; curate before use.",
        },
        "figures": records,
        "relations": relations,
        "excluded": excluded,
    }  # fmt: skip
    if source_text is None:
        del data["report"]["source_text"]
    return Draft(data, len(records), len(relations), len(excluded))


def _title(text: str) -> str:
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("TITLE:"):
            return line[6:].strip() or "untitled"
        if line and not line.startswith("SOURCE:"):
            return line[:120]
    return "untitled"


def _year(norm: str) -> int:
    m = re.search(r"(19[5-9]\d|20\d\d)年", norm)
    return int(m.group(1)) if m else 2000


def draft_yaml(d: Draft) -> str:
    """The draft as YAML text, every value a plain or quoted scalar (no aliases)."""
    import yaml  # noqa: PLC0415

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - PyYAML's signature
            return True

    header = (
        "# Drafted by `pilstats draft`: every figure the scanner found, every relation it\n"
        "# inferred (note: its evidence), every other number excluded. Curate: check each\n"
        "# relation against the text, move traps to not_stated, fill in report metadata.\n"
    )
    body = yaml.dump(d.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)  # fmt: skip
    return header + body
