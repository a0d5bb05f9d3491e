"""The reported figure: a printed number with its unit, qualifier and precision.

:func:`parse_figure` turns ``"约 28.9 万亩"`` into a :class:`Reported` whose ``value``
is the exact ``Decimal("2.89E+5")`` (the magnitude applied, the printed precision kept
in the exponent), ``unit`` ``"亩"`` and ``qualifier`` :attr:`Qualifier.ABOUT`.
:meth:`Reported.bounds` gives the interval the true value lies in, by the conventions
documented on :class:`Qualifier` and :class:`Conventions`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, Inexact
from enum import StrEnum

from pilstats.chinese import normalise
from pilstats.decimals import CONTEXT, isolated
from pilstats.errors import NumeralParseError, UnitError
from pilstats.interval import Interval
from pilstats.numerals import MAGNITUDES, NUMERAL_CHARS, parse_numeral
from pilstats.rounding import Rounding, unround
from pilstats.units import active_units

__all__ = [
    "Conventions",
    "Qualifier",
    "Reported",
    "compose_figure",
    "format_figure",
    "last_nonzero_unit",
    "parse_figure",
]


class Qualifier(StrEnum):
    """Hedge words printed with a figure, and the interval each one means.

    With ``u`` one unit of the figure's last non-zero printed digit, magnitude included
    (5800 → 100, 3239万 → 1万, 3100万 → 100万, 9.6亿 → 0.1亿):

    * ``约`` / ``左右`` (about): the rounding interval at the printed precision, both
      ends closed (约31.5亿元 → [31.45亿, 31.55亿]); trailing zeros of an integer are
      not taken as significant (约5000人 → [4500, 5500], 约30% → [25, 35]).
    * ``余`` / ``多`` (more than, "odd"): ``[x, x + u)`` (5800余件 → [5800, 5900);
      3100余万元 → [3100万, 3200万); 9.6亿余元 → [9.6亿, 9.7亿)).
    * ``近`` (nearly) / ``不足`` (short of): ``[x - u, x)`` (近5600家 → [5500, 5600)).
    * ``超`` / ``逾`` / ``超过`` (over): ``(x, x + u)``.
    """

    ABOUT = "约"
    AROUND = "左右"
    MORE = "余"
    ODD = "多"
    NEARLY = "近"
    UNDER = "不足"
    OVER = "超"
    BEYOND = "逾"
    EXCEEDING = "超过"

    @property
    def is_prefix(self) -> bool:
        """Whether the word is printed before the number (约, 近 …) rather than after."""
        return self not in (Qualifier.MORE, Qualifier.ODD, Qualifier.AROUND)


_PREFIXES = sorted((q for q in Qualifier if q.is_prefix), key=lambda q: -len(q.value))
_INFIXES = (Qualifier.MORE, Qualifier.ODD)


@dataclass(frozen=True, slots=True)
class Conventions:
    """How printed figures are read; every default is the Chinese official practice.

    Attributes:
        rounding: rounding of unqualified figures that are not exact counts.
        approx_rounding: rounding assumed behind 约/左右; ``up_or_down`` (both ends
            closed) because "about" promises no tie-breaking rule.
        counts_exact: an unqualified integer count with no 万/亿 (189885件) is exact.
    """

    rounding: Rounding = Rounding.HALF_UP
    approx_rounding: Rounding = Rounding.UP_OR_DOWN
    counts_exact: bool = True


DEFAULT_CONVENTIONS = Conventions()

_EXACT = CONTEXT.copy()
_EXACT.traps[Inexact] = True


@isolated
def last_nonzero_unit(value: Decimal) -> Decimal:
    """One unit of the last non-zero digit: 5800 → 1E+2, ``2.89E+5`` → 1E+3, 0.8 → 0.1."""
    if value == 0:
        raise ValueError("zero has no last non-zero digit")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing = 0
    for d in reversed(digits):
        if d != 0:
            break
        trailing += 1
    return Decimal(1).scaleb(exponent + trailing)


@dataclass(frozen=True, slots=True)
class Reported:
    """A figure as printed, read exactly.

    Attributes:
        value: exact value in ``unit``, magnitude applied; its exponent is the printed
            precision (``Decimal("2.89E+5")`` for 28.9万).
        unit: the measure word or ``%`` (never a magnitude): 件, 亩, 元, % …
        qualifier: the hedge word, if any.
        numeral: the number as written, normalised (``28.9万``, ``四十六``, ``3100余万``):
            it keeps the form so that :func:`format_figure` reproduces it.
        exact: whether the figure is an exact value rather than a rounded one.
        printed: the text it was parsed from (not part of equality).
        count: whether the unit is a measure word of counts (件, 人, 台 …), decided when
            the figure was read (a fixture may declare count units of its own).
    """

    value: Decimal
    unit: str
    qualifier: Qualifier | None = None
    numeral: str = ""
    exact: bool = False
    printed: str = field(default="", compare=False)
    count: bool | None = field(default=None, compare=False)
    _intervals: dict[Conventions, Interval] | None = field(
        default=None, init=False, compare=False, repr=False
    )

    @property
    def exponent(self) -> int:
        """Exponent of the last printed place (−1 for 88.4, 3 for 28.9万)."""
        exponent = self.value.as_tuple().exponent
        assert isinstance(exponent, int)
        return exponent

    @property
    def is_ratio(self) -> bool:
        """Whether the unit is dimensionless: %, ‰, 个百分点, 千分点, 倍, 成 or none."""
        return active_units().is_ratio(self.unit)

    @property
    def is_count(self) -> bool:
        """Whether the unit is a measure word of counts (件, 人, 台 …)."""
        return self.count if self.count is not None else active_units().is_count(self.unit)

    @property
    def is_percent(self) -> bool:
        """Whether the figure is printed in % (the unit of shares and changes)."""
        return self.unit == "%"

    def bounds(self, conventions: Conventions = DEFAULT_CONVENTIONS) -> Interval:
        """Interval of true values consistent with the printed figure.

        >>> str(parse_figure("88.4%").bounds())
        '[88.35, 88.45)'
        >>> str(parse_figure("5800余件").bounds())
        '[5800, 5900)'
        """
        cache = self._intervals
        if cache is None:  # made on first use: most figures are read, few are bounded twice
            cache = {}
            object.__setattr__(self, "_intervals", cache)
        iv = cache.get(conventions)
        if iv is None:
            iv = cache[conventions] = self._compute_bounds(conventions)
        return iv

    @isolated
    def _compute_bounds(self, conventions: Conventions) -> Interval:
        q = self.qualifier
        if q is None:
            if self.exact and conventions.counts_exact:
                return Interval.point(self.value)
            return unround(self.value, conventions.rounding)
        if q in (Qualifier.ABOUT, Qualifier.AROUND):
            value = self.value
            if self.exponent >= 0 and value != 0:
                # 约5000: trailing zeros of an integer say nothing about precision
                value = value.quantize(last_nonzero_unit(value), context=_EXACT)
            return unround(value, conventions.approx_rounding)
        v = self.value
        u = last_nonzero_unit(v)
        if q in (Qualifier.MORE, Qualifier.ODD):
            return Interval(v, _EXACT.add(v, u), True, False)
        if q in (Qualifier.NEARLY, Qualifier.UNDER):
            return Interval(_EXACT.subtract(v, u), v, True, False)
        return Interval(v, _EXACT.add(v, u), False, False)

    def nominal(self) -> Decimal:
        """The printed value itself."""
        return self.value

    def __str__(self) -> str:
        """The canonical printed form (see :func:`format_figure`)."""
        return format_figure(self)


_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<![0-9.])\d{1,3}(?:,\d{3})+(?![0-9])")
_GLOSS = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7})\)")
_UNIT_IN_PARENS = re.compile(r"^(?P<head>[^()]*)\((?P<unit>[^()]*)\)$")
_SIGNS = "-−"

MAX_FIGURE_CHARS = 120
"""Longer texts are refused before any parsing: no figure is that long (30 digits at most)."""

_HEAD_CHARS = NUMERAL_CHARS | frozenset("余多")
"""Characters of the number part of a figure (numerals, decimal point, 余/多)."""


def _special_digit(ch: str) -> bool:
    """Superscript, subscript, circled, parenthesised digits: numeric, but not figures."""
    return (
        ch not in _HEAD_CHARS
        and unicodedata.numeric(ch, None) is not None
        and unicodedata.category(ch) not in ("Nd", "Lo")
    )


def _normalise(text: str) -> str:
    """Full-width to half-width, traditional to simplified, no white space or separators."""
    s = normalise(text)
    s = _GLOSS.sub("", s)  # a mirror's pinyin gloss inside a figure: 12.6萬(wàn)件
    s = _SPACE.sub("", s)
    return _THOUSANDS.sub(lambda m: m.group().replace(",", ""), s)


def parse_figure(text: str, *, exact: bool | None = None, unit: str | None = None) -> Reported:
    """Parse one printed figure such as ``"约 28.9 万亩"``, ``"189,885件"``, ``"5800余件"``.

    Args:
        text: the figure as printed; full-width forms, spaces inside and thousands
            separators are accepted, and a unit in parentheses (``-208(万人)``, as
            tables print it).
        exact: override whether the figure is exact. By default an unqualified figure
            is exact when it is a count (件, 人 …) printed as an integer without 万/亿;
            every other figure is a rounded one.
        unit: the unit when it is printed apart from the number (a table's header
            ``人口出生率(‰)``): read as if it followed the number.

    A sign (``-0.60‰``) is accepted for anything but counts: a count is never
    negative, and a fall in a count is printed as a word (减少85万人).

    Raises:
        NumeralParseError: the number cannot be read exactly (names text and position).
        UnitError: the unit is neither known, nor an open measure word, nor declared.

    >>> f = parse_figure("约 28.9 万亩")
    >>> f.value, f.unit, f.qualifier.value
    (Decimal('2.89E+5'), '亩', '约')
    """
    if not isinstance(text, str):
        raise TypeError(f"a figure is text, not {type(text).__name__}")
    if len(text) > MAX_FIGURE_CHARS:
        raise NumeralParseError(
            text[:40] + "…", 0, f"longer than {MAX_FIGURE_CHARS} characters: not one figure"
        )
    return _parse_figure(text, exact, unit)


@isolated
def _parse_figure(text: str, exact: bool | None, unit: str | None) -> Reported:
    s = _normalise(text + (unit or ""))
    if not s:
        raise NumeralParseError(text, 0, "empty figure")
    m = _UNIT_IN_PARENS.match(s)
    if m:
        s = m["head"] + m["unit"]
    negative = s[0] in _SIGNS
    if negative or s[0] == "+":
        s = s[1:]
    qualifier: Qualifier | None = None
    for q in _PREFIXES:
        if s.startswith(q.value):
            qualifier = q
            s = s[len(q.value) :]
            break
    if s.endswith(Qualifier.AROUND.value):
        if qualifier is not None:
            raise NumeralParseError(text, len(text) - 1, "two qualifiers")
        qualifier = Qualifier.AROUND
        s = s[: -len(Qualifier.AROUND.value)]
    head_end = 0
    while head_end < len(s) and s[head_end] in _HEAD_CHARS:
        head_end += 1
    if head_end < len(s) and _special_digit(s[head_end]):
        raise NumeralParseError(
            text, max(0, text.find(s[head_end])), f"{s[head_end]!r} is a superscript, "
            "circled or other special digit, not part of a printed figure",
        )  # fmt: skip
    if head_end == 0:
        raise NumeralParseError(text, 0, "no number")
    table = active_units()
    # The numeral characters 十/百/千 also begin units (千克): give the unit the longest
    # known suffix, then parse what precedes it. A unit word begins with at most
    # ``lead`` such characters, so only the last ``lead + 1`` cuts can leave a known
    # unit: each is tried once, and the work stays linear in the length of the figure.
    lead = table.longest_lead(_HEAD_CHARS)
    error: NumeralParseError | None = None
    for cut in range(max(1, head_end - lead), head_end + 1):
        suffix = s[cut:]
        if suffix and not table.knows(suffix):
            continue
        try:
            figure = _build(text, s[:cut], suffix, qualifier, exact)
        except NumeralParseError as exc:
            error = error or exc
            continue
        return _signed(figure, text) if negative else figure
    suffix = s[head_end:]
    if not table.knows(suffix):
        hint = (
            "; declare it in the fixture's units: block (pint syntax, e.g. "
            f"'{_ascii_name(suffix)} = [count_{_ascii_name(suffix)}] = {suffix}')"
        )
        raise UnitError(f"unknown unit {suffix!r} in figure {text!r}{hint}")
    assert error is not None
    raise error


@isolated
def compose_figure(
    head: str,
    unit: str,
    qualifier: Qualifier | None = None,
    *,
    negative: bool = False,
    printed: str = "",
) -> Reported:
    """A figure from parts a reader has already separated, without re-reading text.

    ``head`` is the numeral with its 余/多 and 万/亿 as printed (``3100余万``), ``unit``
    a known unit word. Same result as :func:`parse_figure` on the whole printed text.

    Raises:
        NumeralParseError: the numeral cannot be read exactly.
    """
    text = printed or f"{qualifier.value if qualifier else ''}{head}{unit}"
    figure = _build(text, head, unit, qualifier, None)
    return _signed(figure, text) if negative else figure


def _ascii_name(word: str) -> str:
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in word).strip("_") or (
        "my_unit"
    )


def _signed(figure: Reported, text: str) -> Reported:
    """The figure printed with a minus sign (refused for counts and one-sided qualifiers)."""
    if figure.is_count:
        raise NumeralParseError(
            text, 0, "a signed count; write the direction (减少/下降) in the relation"
        )
    if figure.qualifier not in (None, Qualifier.ABOUT, Qualifier.AROUND):
        raise NumeralParseError(text, 0, "a signed figure with 余/多/近/超 is ambiguous")
    return Reported(
        -figure.value, figure.unit, figure.qualifier, "-" + figure.numeral, figure.exact,
        printed=text, count=False,
    )  # fmt: skip


def _build(
    text: str, head: str, unit: str, qualifier: Qualifier | None, exact: bool | None
) -> Reported:
    marker_at = [i for i, ch in enumerate(head) if ch in "余多"]
    if len(marker_at) > 1:
        raise NumeralParseError(text, marker_at[1], "more than one 余/多")
    numeral = head
    if marker_at:
        at = marker_at[0]
        rest = head[at + 1 :]
        if rest and any(ch not in MAGNITUDES for ch in rest):
            raise NumeralParseError(text, at, "余/多 may only be followed by 万 or 亿")
        if qualifier is not None:
            raise NumeralParseError(text, at, "two qualifiers")
        qualifier = Qualifier(head[at])
        numeral = head[:at] + rest
        if not numeral[:at]:
            raise NumeralParseError(text, at, "余/多 with no number before it")
    try:
        value = parse_numeral(numeral)
    except NumeralParseError as exc:
        raise NumeralParseError(text, exc.position, exc.reason) from None
    if qualifier not in (None, Qualifier.ABOUT, Qualifier.AROUND) and value == 0:
        raise NumeralParseError(text, 0, f"{qualifier.value} needs a non-zero figure")
    count = active_units().is_count(unit)
    if exact is None:
        exact = (
            qualifier is None
            and not any(ch in MAGNITUDES for ch in numeral)
            and "." not in numeral
            and count
        )
    return Reported(value, unit, qualifier, head, exact, printed=text, count=count)


def format_figure(figure: Reported) -> str:
    """Canonical printed form: prefix qualifier, numeral (with 余/多 inside), unit.

    ``parse_figure(format_figure(f)) == f`` for every figure.
    """
    prefix = figure.qualifier.value if figure.qualifier and figure.qualifier.is_prefix else ""
    suffix = Qualifier.AROUND.value if figure.qualifier is Qualifier.AROUND else ""
    numeral = figure.numeral
    sign = ""
    if numeral.startswith("-"):
        sign, numeral = "-", numeral[1:]
    return f"{sign}{prefix}{numeral}{figure.unit}{suffix}"
