"""Figures in prose: each number with its qualifier, magnitude and unit, in one linear pass.

A number token is found once by one regular expression whose runs are all bounded (at
most 30 digits, 16 numeral characters); from each token a fixed, small window to its
left (约 近 超过 不足 …, a sign) and right (余/多, 万/亿, the unit, 左右) is read by hand,
so the cost is proportional to the text whatever it holds. A unit is the longest word
of the unit table at that place; a number with no unit after it, a date, an ordinal
(第…), list numbering, or part of a name such as 4+10 is not a figure, and is reported
as an :class:`Unread` number with the reason, so nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pilstats.errors import PilstatsError
from pilstats.figure import Qualifier, Reported, compose_figure, parse_figure
from pilstats.scan.text import Text
from pilstats.units import UnitTable, active_units

__all__ = ["Found", "Unread", "find_figures"]

_NUMBER = re.compile(
    r"(?<![0-9.])(?P<arabic>[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3}){1,10}(?:\.[0-9]{1,15})?"
    r"(?![0-9])|[0-9]{1,30}(?:,[0-9]{3}){0,10}(?:\.[0-9]{1,15})?)(?![0-9])"
    r"|(?P<chinese>[零〇一二两三四五六七八九十百千万亿]{1,16})"
)
_PREFIXES = ("超过", "不足", "约", "近", "超", "逾")
_SPACES = " \t\u3000"
_NO_GROUP_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f")
_MAX_UNIT = 6
_DURATION_AFTER = ("来", "以来", "间", "多来")
_IDIOM_UNITS = frozenset("批个次类年项种份条名位起")
_NUMBERING_AFTER = "、.．)）"
_NAMES_AFTER = {"次": "产业"}
_RATIO_LEADS = ("比为", "比是", "指数为")


@dataclass(frozen=True, slots=True)
class Found:
    """A figure: clean-text span, the part that is the number, and the parsed value."""

    start: int
    end: int
    number_start: int
    reported: Reported


@dataclass(frozen=True, slots=True)
class Unread:
    """A number that is not read as a figure, and why (date, ordinal, no unit …)."""

    start: int
    end: int
    text: str
    reason: str


def _unit_words(table: UnitTable) -> dict[int, frozenset[str]]:
    by_length: dict[int, set[str]] = {}
    for w in table.symbols():
        if w and (not w.isascii() or w == "%") and len(w) <= _MAX_UNIT:
            by_length.setdefault(len(w), set()).add(w)
    return {k: frozenset(v) for k, v in by_length.items()}


def _unit_at(clean: str, p: int, words: dict[int, frozenset[str]]) -> str:
    """The longest unit word starting at ``p`` (possibly a quotient 公斤/亩), or ''."""
    for k in range(_MAX_UNIT, 0, -1):
        w = clean[p : p + k]
        if len(w) == k and w in words.get(k, ()):
            after = p + k
            if after < len(clean) and clean[after] == "/":
                tail = _unit_at(clean, after + 1, words) if after + 1 < len(clean) else ""
                if tail:
                    return f"{w}/{tail}"
            return w
    return ""


def _skip_spaces(clean: str, p: int, limit: int = 2) -> int:
    n = 0
    while p < len(clean) and clean[p] in _SPACES and n < limit:
        p += 1
        n += 1
    return p


def _date_like(clean: str, a: int, b: int, after: str) -> bool:
    if after in "月日时号":
        return True
    digits = clean[a:b]
    if after == "年" and len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return True
    return bool(after in "-—–/至" and len(digits) == 4 and digits.isdigit())


def find_figures(text: Text, units: UnitTable | None = None) -> tuple[list[Found], list[Unread]]:
    """Every figure and every unread number of the clean text, in order."""
    table = units or active_units()
    words = _unit_words(table)
    clean = text.clean
    found: list[Found] = []
    unread: list[Unread] = []
    consumed = 0
    for m in _NUMBER.finditer(clean):
        a, b = m.span()
        if a < consumed:
            continue  # the 万 of 140967万人, already read with its number
        chinese = m.group("chinese") is not None
        result = _read(clean, a, b, chinese, words)
        if isinstance(result, Found):
            consumed = result.end
        if isinstance(result, str):
            if not chinese or result not in ("no unit", "idiom"):
                unread.append(Unread(a, b, clean[a:b], result))
            continue
        found.append(result)
    _shared_points(clean, found)
    return found, unread


_POINTS = ("个百分点", "个千分点")


def _shared_points(clean: str, found: list[Found]) -> None:
    """``分别拉动1.3个、0.9个、1.8个百分点``: the list's last unit is every member's."""
    for k in range(len(found) - 2, -1, -1):
        f, nxt = found[k], found[k + 1]
        if (
            f.reported.unit == "个"
            and nxt.reported.unit in _POINTS
            and clean[f.end : nxt.start].strip() in ("、", "，", ",", "和", "与", "及")
        ):
            try:
                reported = compose_figure(
                    f.reported.numeral, nxt.reported.unit, f.reported.qualifier,
                    negative=f.reported.value < 0, printed=clean[f.start : f.end],
                )  # fmt: skip
            except PilstatsError:
                continue
            found[k] = Found(f.start, f.end, f.number_start, reported)


def _read(
    clean: str, a: int, b: int, chinese: bool, words: dict[int, frozenset[str]]
) -> Found | str:
    before = clean[a - 1] if a else ""
    if before == "第":
        return "ordinal"
    if (before and before in "+＋") or clean[b : b + 1] in ("+", "＋"):
        return "name"
    if before.isascii() and before.isalpha():
        return "name"  # PM10年平均浓度, CO2: part of a name, not 10年
    if before and before in "?？\ufffd":
        return "damaged"  # 包吃包?。?609元: a character lost before it may be a digit
    p = _skip_spaces(clean, b)
    after = clean[p : p + 1]
    if not chinese and _date_like(clean, a, b, after):
        return "date"
    prefix = clean[max(0, a - 6) : a]
    at_line_start = ("\n" in prefix or a <= 6) and not prefix.rsplit("\n", 1)[-1].strip(
        " \t（(\u3000"
    )
    if after and after in _NUMBERING_AFTER and at_line_start:
        return "numbering"
    if after.isascii() and after != "%" and not clean[max(0, a - 3) : a].endswith(_RATIO_LEADS):
        return "no unit"  # digits of an address, a code, a page: no unit follows
    # right: 余/多, magnitude, 余/多, unit, 左右
    q = p
    marker = ""
    if q < len(clean) and clean[q] in "余多" and not chinese:
        marker, q = clean[q], q + 1
    mag_end = q
    while mag_end < len(clean) and mag_end - q < 2 and clean[mag_end] in "万亿":
        mag_end += 1
    q = mag_end
    if not marker and q < len(clean) and clean[q] in "余多":
        marker, q = clean[q], q + 1
    q = _skip_spaces(clean, q)
    unit = _unit_at(clean, q, words)
    if not unit and not chinese and clean[max(0, a - 3) : a].endswith(_RATIO_LEADS):
        end = b  # 性别比为104.64: a bare ratio
        try:
            return Found(a, end, a, parse_figure(clean[a:end]))
        except PilstatsError:
            return "unreadable"
    if not unit:
        return "no unit"
    end = q + len(unit)
    if clean[end : end + 2] == "左右":
        end += 2
    if unit == "年" and any(clean.startswith(w, end) for w in _DURATION_AFTER):
        return "duration"
    if chinese and clean[a:b] in ("一", "两", "二") and unit in _IDIOM_UNITS:
        return "idiom"
    if clean.startswith(_NAMES_AFTER.get(unit, "\0"), end):
        return "name"  # 三次产业: the three sectors, not three times
    # left: qualifier, then sign
    start = a
    qualifier: Qualifier | None = None
    for w in _PREFIXES:
        at = a - len(w)
        if at >= 0 and clean[at:a] == w:
            start, qualifier = at, Qualifier(w)
            break
    else:
        at = a - 1
        while at >= 0 and a - at <= 2 and clean[at] in _SPACES:
            at -= 1
        for w in _PREFIXES:
            if at + 1 - len(w) >= 0 and clean[at + 1 - len(w) : at + 1] == w:
                start, qualifier = at + 1 - len(w), Qualifier(w)
                break
    negative = False
    if (
        start == a
        and before
        and before in "-−"
        and (a < 2 or not clean[a - 2].isascii() or not clean[a - 2].isalnum())
    ):
        start, negative = a - 1, True
    around = clean.startswith("左右", end - 2) and end - 2 >= q + len(unit)
    if around:
        qualifier = Qualifier.AROUND if qualifier is None else qualifier
    number = clean[a:b].replace(",", "")
    if not chinese and len(number) > 4:
        number = number.translate(_NO_GROUP_SPACES)  # 321 146件
    mid = marker if marker and clean[p : p + 1] == marker else ""
    post = marker if marker and not mid else ""
    head = number + mid + clean[p + len(mid) : mag_end] + post
    try:
        reported = compose_figure(
            head, unit, qualifier, negative=negative, printed=clean[start:end]
        )
    except PilstatsError:
        if not negative:
            return "unreadable"  # 近0件: a qualifier the figure refuses is not dropped
        try:  # -3件左右: a count has no sign, so the hyphen is no minus
            reported = compose_figure(head, unit, qualifier, printed=clean[a:end])
        except PilstatsError:
            return "unreadable"
        start = a
    return Found(start, end, a, reported)
