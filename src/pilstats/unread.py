"""Numbers of a text that a fixture does not list as figures, each with the reason.

A release prints many numbers that are not statistics: dates (2023年, 03月09日), list
numbering (一、 （二） 3.), ordinals and article numbers (第四十六批, 第12条), names (“4+10”,
G20, 12345热线), numerals in set phrases (一批, 两个结合). :func:`number_tokens` finds
every number-like span of a text — Arabic numbers, and Chinese numerals before a
measure word — and :func:`unread_numbers` returns those that no figure covers (a
fixture's figures, or a scan's), each classified with :data:`REASONS`, the vocabulary
of a fixture's ``excluded`` block, and a detail that says what the number looked like.
``draft`` writes them under ``excluded``; ``audit`` reports those a fixture neither
lists nor excludes, so a figure never goes missing unnoticed. (``scan`` lists the
numbers *it* did not read with its own reasons: :attr:`pilstats.scan.ScanResult.unread`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple, get_args

from pilstats.chinese import normalise
from pilstats.models import Reason
from pilstats.units import active_units

__all__ = [
    "REASONS",
    "NumberToken",
    "Reason",
    "Unread",
    "classify",
    "number_tokens",
    "unread_numbers",
]

REASONS: tuple[Reason, ...] = get_args(Reason)
"""Why a number is not a figure (the ``reason`` of a fixture's exclusion)."""

_ARABIC = re.compile(r"\d+(?:\.\d+)*")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_LINE_LABEL_END = "、.)"
_NAME_WORDS = ("热线", "专线", "平台", "工程", "行动", "计划", "号文", "号令", "专项")
_STREET = "路街道巷弄"
_DATE = (
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?"
    r"|\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
)
_WEB = r"https?:|www\.|\.(?:com|cn|net|org|html?|shtml|jpe?g|png|gif|pdf|docx?)\b|/"
_NOT_COUNTS = {"岁": "an age", "周岁": "an age", "届": "an ordinal (届)", "度": "a degree"}


class NumberToken(NamedTuple):
    """A number-like span of a text.

    Attributes:
        start: offset of its first character.
        end: offset after its last character.
        text: the characters as printed.
        chinese: a Chinese numeral (found only before a measure word).
        unit: for a Chinese numeral, the measure word that follows it.
    """

    start: int
    end: int
    text: str
    chinese: bool = False
    unit: str = ""


class Unread(NamedTuple):
    """A number no figure covers, and why it is not one.

    Attributes:
        start: offset of its first character.
        end: offset after its last character.
        text: the number as printed.
        reason: one of :data:`REASONS`.
        detail: what the number looked like, in words (``a year``, ``followed by 艘
            …``), so that a reader can tell a date from a figure the scanner missed.
        chinese: a Chinese numeral (before a measure word) rather than digits.
    """

    start: int
    end: int
    text: str
    reason: Reason
    detail: str
    chinese: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"text": self.text, "offset": self.start, "reason": self.reason,
                "detail": self.detail}  # fmt: skip


def _measure_words() -> list[str]:
    words = (u for u in active_units().symbols() if not u.isascii())
    return sorted(words, key=len, reverse=True)


def _merge_thousands(text: str, norm: str) -> list[tuple[int, int]]:
    """Arabic spans of ``norm``; ``189,885`` is one number only with an ASCII comma."""
    spans: list[tuple[int, int]] = []
    for m in _ARABIC.finditer(norm):
        s, e = m.span()
        if spans:
            ps, pe = spans[-1]
            group = norm[ps:pe].replace(",", "")
            if (
                s == pe + 1 and text[pe] == "," and e - s == 3 and "." not in group
                and (pe - ps <= 3 or "," in norm[ps:pe])
            ):  # fmt: skip
                spans[-1] = (ps, e)
                continue
        spans.append((s, e))
    return spans


def number_tokens(text: str) -> list[NumberToken]:
    """Every number-like span of ``text``, in order.

    Arabic numbers (full-width digits, decimals and ``189,885`` included), and runs of
    Chinese numerals directly followed by a measure word of the active unit table
    (一批, 四十六件): Chinese numerals elsewhere (统一, 一是) are words, not numbers.
    """
    norm = normalise(text)
    out = [NumberToken(s, e, text[s:e]) for s, e in _merge_thousands(text, norm)]
    units = _measure_words()
    for m in _CHINESE.finditer(norm):
        if not m.group().strip("万亿"):
            continue  # 万人 in a table header (万人): a magnitude, no number
        unit = next((u for u in units if norm.startswith(u, m.end())), None)
        if unit is not None:
            out.append(NumberToken(m.start(), m.end(), text[m.start() : m.end()], True, unit))
    out.sort(key=lambda t: t.start)
    return out


def _next_char(norm: str, end: int) -> str:
    i = end
    while i < len(norm) and norm[i] in " \t":
        i += 1
    return norm[i : i + 1]


def _prev_char(norm: str, start: int) -> str:
    i = start
    while i > 0 and norm[i - 1] in " \t":
        i -= 1
    return norm[i - 1 : i]


def _at_line_start(norm: str, start: int) -> bool:
    line = norm[norm.rfind("\n", 0, start) + 1 : start]
    return line.strip(" \t(（【[") == ""


def classify(norm: str, token: NumberToken) -> tuple[Reason, str]:
    """Why ``token`` is not a figure: reason and detail (``norm`` is the normalised text)."""
    s, e = token.start, token.end
    digits = norm[s:e]
    after, before = _next_char(norm, e), _prev_char(norm, s)
    tail = norm[e : e + 4].lstrip(" \t")
    dates = re.compile(_DATE).finditer(norm, max(0, s - 12), e + 12)
    if any(m.start() <= s and e <= m.end() for m in dates):
        return "date", "part of a date or a time of day"
    word_start = max(norm.rfind(c, 0, s) for c in " \n\t|") + 1
    word_end = min((i for i in (norm.find(c, e) for c in " \n\t|") if i >= 0), default=len(norm))
    if re.compile(_WEB).search(norm, word_start, word_end):
        return "address", "part of a web address"
    if before == "第":
        if after in ("条", "款", "项", "章", "节", "编"):
            return "ordinal", f"an article number (第{digits}{after})"
        return "ordinal", f"an ordinal (第{digits}{after})"
    if token.chinese:
        return "idiom", f"{token.text}{token.unit}: a numeral in a set phrase, not a count"
    if before in ("+", "＋") or after in ("+", "＋"):
        return "name", "part of a name such as “4+10”"
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return "name", f"part of a name ({norm[max(0, s - 3) : e + 3].strip()})"
    if re.fullmatch(r"(?:19|20)\d\d", digits):
        return "date", "a year"
    if after in ("月", "日", "号", "时") or (after == "年" and len(digits) <= 2):
        if after == "号" and _prev_char(norm, s) and _prev_char(norm, s) in _STREET:
            return "address", f"a street number ({digits}号)"
        return "date", f"a date ({digits}{after})"
    year_before = re.search(r"\d{4}\D?$", norm[max(0, s - 6) : s])
    if re.match(r"[-—–/.~至]", norm[s - 1 : s]) and year_before:
        return "date", "part of a date or a range of years"
    if _at_line_start(norm, s) and after and after in _LINE_LABEL_END:
        return "numbering", f"list numbering ({digits}{after})"
    if before in ("(", "（") and after in (")", "）"):
        return "numbering", f"list numbering (（{digits}）)"
    if tail.startswith(_NAME_WORDS):
        return "name", f"part of a name ({digits}{tail[:2]})"
    word = next((w for w in _NOT_COUNTS if tail.startswith(w)), None)
    if word is not None:
        return "other", f"{_NOT_COUNTS[word]} ({digits}{word}), not a count"
    line_start = norm.rfind("\n", 0, s) + 1
    line_end = norm.find("\n", e)
    if "|" in norm[line_start : line_end if line_end >= 0 else len(norm)]:
        return "other", (
            "a table cell without a unit: list it as a figure with the unit of its "
            "column header in its `unit:` field"
        )
    if after in ("至", "-", "—", "–", "~"):
        return "other", f"the start of a range ({digits}{after}…), not a figure by itself"
    if after in ("万", "亿"):
        return "other", (
            f"a magnitude with no unit ({digits}{after}): if it is a figure, list it with "
            "its unit in the `unit:` field"
        )
    if after and "\u4e00" <= after <= "\u9fff":
        run = re.match(r"[\u4e00-\u9fff]{1,3}", tail)
        shown = run.group() if run else after
        return "other", (
            f"followed by {shown!r}, not a unit the scanner reads: if it is a figure, list "
            "it (a one-character measure word counts things of its own kind; declare a "
            "longer unit under units:)"
        )
    if after in ("%", "‰"):
        return "other", "a percentage the scanner could not read (check its form)"
    return "other", "no unit after it"


def unread_numbers(text: str, covered: Iterable[tuple[int, int]]) -> list[Unread]:
    """The numbers of ``text`` that no span of ``covered`` contains, each classified.

    ``covered`` holds the ``(start, end)`` spans of the figures (a scan's, or a
    fixture's figure positions); a number inside one of them is read.
    """
    mask = bytearray(len(text) + 1)
    for a, b in covered:
        mask[a:b] = b"\x01" * (b - a)
    norm = normalise(text)
    out = []
    for token in number_tokens(text):
        if all(mask[token.start : token.end]):
            continue
        reason, detail = classify(norm, token)
        out.append(Unread(token.start, token.end, token.text, reason, detail, token.chinese))
    return out
