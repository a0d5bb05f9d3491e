"""Character-level normalisation of Chinese text that keeps every offset.

:func:`normalise` maps each character to at most one character — full-width forms to
half-width (NFKC, where that gives one character), traditional forms to simplified
(``data/traditional.txt``, derived from OpenCC) — so an index into the result is an
index into the original text, and a span found in the normalised text can be quoted
verbatim from the original.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

__all__ = ["normalise", "simplified_table"]

_DATA = Path(__file__).with_name("data") / "traditional.txt"


@cache
def simplified_table() -> dict[int, str]:
    """The translation table: code point of a character → its normalised character."""
    table: dict[int, str] = {}
    for raw in _DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        trad, simp = line.split(" ")
        table[ord(trad)] = simp
    return table


@cache
def _char(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1 or (n.isdigit() and unicodedata.category(ch) != "Nd"):
        n = ch  # superscript ², circled ① are not digits of a figure
    return simplified_table().get(ord(n), n)


_RANGES = ((0x00A0, 0x0500), (0x2000, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
           (0xF900, 0xFAFF), (0xFE10, 0xFE6F), (0xFF00, 0xFFEF))  # fmt: skip


@cache
def _translation() -> dict[int, str]:
    """Every character of the ranges CJK texts use that normalises to another one."""
    table = {}
    for lo, hi in _RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            n = _char(ch)
            if n != ch:
                table[code] = n
    return table


def normalise(text: str) -> str:
    """Half-width, simplified form of ``text`` with exactly the same length.

    >>> normalise("佔立案總數的８８．４％")
    '占立案总数的88.4%'
    """
    if text.isascii():
        return text
    out = text.translate(_translation())
    if len(out) != len(text):  # pragma: no cover - the table maps one to one
        return "".join(map(_char, text))
    return out
