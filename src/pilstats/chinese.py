"""Character-level normalisation of Chinese text that keeps every offset.

:func:`normalise` maps each character to at most one character — full-width forms to
half-width (NFKC, where that gives one character), traditional forms to simplified
(``data/traditional.txt``, derived from OpenCC) — so an index into the result is an
index into the original text, and a span found in the normalised text can be quoted
verbatim from the original.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
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


@lru_cache(maxsize=1 << 16)  # bounded: a text may hold every code point there is
def _char(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1 or (n != ch and unicodedata.numeric(ch, None) is not None and (
        unicodedata.category(ch) != "Nd"
    )):  # fmt: skip
        n = ch  # superscript ², circled ① and ㊀ are not digits or numerals of a figure
    return simplified_table().get(ord(n), n)


class _Translation(dict[int, str]):
    """``str.translate`` table filled on first sight of each code point.

    Working out all 35 000 code points of the CJK ranges up front cost ~30 ms of every
    command's start-up; a text uses a few hundred of them.
    """

    def __missing__(self, code: int) -> str:
        n = self[code] = _char(chr(code))
        return n


@cache
def _translation() -> _Translation:
    return _Translation()


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
