"""Chinese and Arabic numerals to exact :class:`~decimal.Decimal` values.

``parse_numeral`` reads the number part of a printed figure — Arabic digits
(``189885``, ``28.9``), Chinese numerals (``四十六``, ``两万``, ``一千零五``) and the
mixtures official texts use (``28.9万``, ``1万2千``) — and returns a Decimal whose
*exponent records the printed precision*: ``28.9万`` is ``Decimal("2.89E+5")`` (known to
the thousand), ``两万`` is ``Decimal("2E+4")``, ``189885`` is ``Decimal("189885")``.

Nothing is guessed: a range such as ``两三``, a unit with no number (``千``), units out
of order (``十百``) or an over-long number raise :class:`NumeralParseError` naming the
text and the position. Thousands separators and full-width forms are handled by the
caller (:func:`pilstats.figure.parse_figure`).
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Context, Decimal

from pilstats.errors import NumeralParseError

__all__ = ["MAGNITUDES", "NUMERAL_CHARS", "chinese_numeral", "parse_numeral"]

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES: dict[str, int] = {"万": 10**4, "亿": 10**8}
"""The large units that also serve as magnitudes after Arabic digits (28.9万)."""

NUMERAL_CHARS = frozenset("0123456789.") | set(_DIGITS) | set(_SMALL) | set(MAGNITUDES)
"""Every character that may occur in a numeral accepted by :func:`parse_numeral`."""

_MAX_DIGITS = 30
_PLAIN = re.compile(r"(?P<digits>[0-9]{1,30}(?:\.[0-9]{1,30})?)(?P<mags>[万亿]{0,2})")

# Exact reading: 80 digits hold any accepted numeral; an inexact step would be a bug.
# Every field is given, so the caller's context (precision, traps, Emax) never applies.
_CONTEXT = Context(
    prec=80, rounding=decimal.ROUND_HALF_EVEN, Emin=decimal.MIN_EMIN, Emax=decimal.MAX_EMAX,
    capitals=1, clamp=0, flags=[],
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)  # fmt: skip


@dataclass
class _Token:
    value: Decimal
    exponent: int  # printed exponent of the token itself
    start: int
    chinese: bool


def _arabic(text: str, i: int) -> tuple[_Token, int]:
    j = i
    dot = False
    digits = 0
    while j < len(text) and (text[j].isascii() and (text[j].isdigit() or text[j] == ".")):
        if text[j] == ".":
            if dot:
                raise NumeralParseError(text, j, "a second decimal point")
            dot = True
        else:
            digits += 1
            if digits > _MAX_DIGITS:  # stop here: the rest of the run is never read
                raise NumeralParseError(text, i, f"more than {_MAX_DIGITS} digits")
        j += 1
    run = text[i:j]
    if run.endswith("."):
        raise NumeralParseError(text, j - 1, "a decimal point with no digits after it")
    if run.startswith("."):
        raise NumeralParseError(text, i, "a decimal point with no digits before it")
    value = Decimal(run)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return _Token(value, exponent, i, chinese=False), j


def parse_numeral(text: str) -> Decimal:
    """Read a numeral exactly; the result's exponent is the finest printed place.

    >>> parse_numeral("28.9万")
    Decimal('2.89E+5')
    >>> parse_numeral("1万2千")
    Decimal('1.2E+4')
    >>> parse_numeral("四十六")
    Decimal('46')

    Reading takes time linear in the length of ``text``, whatever it holds.

    Raises:
        NumeralParseError: the text is not a single exactly readable number.
    """
    if not text:
        raise NumeralParseError(text, 0, "no number")
    with decimal.localcontext(_CONTEXT):
        m = _PLAIN.fullmatch(text)
        if m is not None and len(m["digits"].replace(".", "")) <= _MAX_DIGITS:
            # the common case, 28.9万: the digits scaled by the magnitudes, precision kept
            shift = sum(len(str(MAGNITUDES[ch])) - 1 for ch in m["mags"])
            if m["mags"] in ("", "万", "亿", "万亿"):
                value = Decimal(m["digits"]).scaleb(shift)
                if value.adjusted() < _MAX_DIGITS:
                    return value
        return _parse(text)


def _too_long(total: Decimal) -> bool:
    return total != 0 and total.adjusted() >= _MAX_DIGITS


def _parse(text: str) -> Decimal:
    total = Decimal(0)
    section = Decimal(0)
    pending: _Token | None = None
    pending_after_unit: int | None = None  # unit value right before a bare digit (一千二)
    zero_seen = False
    last_small: int | None = None
    last_big: int | None = None
    largest_big = 0  # the largest magnitude that has multiplied the total so far
    # finest exponent of the number tokens (after every multiplier): the precision;
    # None until a number is read. Kept as one value so that reading stays linear.
    exponent: int | None = None
    section_exp: int | None = None  # finest exponent in the current section
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii() and (ch.isdigit() or ch == "."):
            if pending is not None:
                raise NumeralParseError(text, i, "two numbers in a row")
            pending, i = _arabic(text, i)
            if zero_seen:
                pending_after_unit = None
                zero_seen = False
            continue
        if ch in _DIGITS:
            d = _DIGITS[ch]
            if pending is not None:
                raise NumeralParseError(
                    text, i, "two digits in a row (a range such as 两三 is not one figure)"
                )
            if d == 0:
                zero_seen = True
                pending_after_unit = None
                i += 1
                continue
            previous_unit = pending_after_unit if not zero_seen else None
            pending = _Token(Decimal(d), 0, i, chinese=True)
            pending_after_unit = previous_unit
            zero_seen = False
            i += 1
            continue
        if ch in _SMALL:
            u = _SMALL[ch]
            if pending is None:
                if u == 10 and section == 0 and total == 0 and exponent is None:
                    pending = _Token(Decimal(1), 0, i, chinese=True)
                else:
                    raise NumeralParseError(text, i, f"{ch} has no number before it")
            if last_small is not None and u >= last_small:
                raise NumeralParseError(text, i, f"{ch} out of order")
            section += pending.value * u
            section_exp = _finer(section_exp, pending.exponent + len(str(u)) - 1)
            last_small = u
            pending = None
            pending_after_unit = u
            zero_seen = False
            i += 1
            continue
        if ch in MAGNITUDES:
            big = MAGNITUDES[ch]
            if pending is not None:
                section += pending.value
                section_exp = _finer(section_exp, pending.exponent)
                pending = None
            if section == 0 and total == 0:
                raise NumeralParseError(text, i, f"{ch} has no number before it")
            shift = len(str(big)) - 1
            if last_big is not None and big == last_big:
                raise NumeralParseError(text, i, f"{ch} repeated")
            if last_big is not None and big > last_big:
                if largest_big >= big:
                    # 1亿1万1亿: the total already holds 亿; only 万亿, 三万五千亿 … compound
                    raise NumeralParseError(text, i, f"{ch} out of order")
                total = (total + section) * big
                exponent = _shifted(_finer(exponent, section_exp), shift)
            else:
                if section == 0:
                    raise NumeralParseError(text, i, f"{ch} has no number before it")
                total += section * big
                exponent = _finer(exponent, _shifted(section_exp, shift))
            if _too_long(total):
                raise NumeralParseError(text, i, f"more than {_MAX_DIGITS} digits")
            section = Decimal(0)
            section_exp = None
            largest_big = max(largest_big, big)
            last_small = None
            last_big = big
            pending_after_unit = big
            zero_seen = False
            i += 1
            continue
        raise NumeralParseError(text, i, f"{ch!r} is not part of a numeral")
    if pending is not None:
        if pending.chinese and pending_after_unit is not None and pending_after_unit >= 100:
            # colloquial 一千二 = 1200, 两万五 = 25000: the bare digit counts the next place down
            step = pending_after_unit // 10
            section += pending.value * step
            section_exp = _finer(section_exp, len(str(step)) - 1)
        elif not pending.chinese and pending_after_unit is not None and pending_after_unit >= 100:
            raise NumeralParseError(
                text, pending.start, "ambiguous: an Arabic number after a unit needs its own unit"
            )
        else:
            section += pending.value
            section_exp = _finer(section_exp, pending.exponent)
    elif zero_seen:
        raise NumeralParseError(text, len(text) - 1, "零 must be followed by a digit")
    total += section
    exponent = _finer(exponent, section_exp)
    if exponent is None:
        raise NumeralParseError(text, 0, "no number")
    if _too_long(total):
        raise NumeralParseError(text, 0, f"more than {_MAX_DIGITS} digits")
    return total.quantize(Decimal(1).scaleb(exponent))


def _finer(a: int | None, b: int | None) -> int | None:
    """The smaller of two exponents, either of which may be absent."""
    if a is None:
        return b
    return a if b is None else min(a, b)


def _shifted(exponent: int | None, shift: int) -> int | None:
    return None if exponent is None else exponent + shift


_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write a non-negative integer below 10**12 in Chinese numerals (standard form).

    >>> chinese_numeral(46), chinese_numeral(1005), chinese_numeral(20000)
    ('四十六', '一千零五', '二万')
    """
    if n < 0 or n >= 10**12:
        raise ValueError("chinese_numeral takes 0 <= n < 10**12")
    if n == 0:
        return "零"
    parts = []
    for big, word in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // big % 10**4 if big < 10**8 else n // big
        if chunk:
            parts.append((chunk, word, big))
    out = ""
    previous_big = None
    for chunk, word, big in parts:
        # a gap of zeros between sections, or a section below 1000, needs 零
        if previous_big is not None and (chunk < 1000 or previous_big // big > 10**4):
            out += "零"
        out += _section(chunk, leading=not out) + word
        previous_big = big
    return out


def _section(n: int, *, leading: bool) -> str:
    text = ""
    zero = False
    for value, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        if value == 10 and d == 1 and leading and not text:
            text += "十"
        else:
            text += _CN_DIGITS[d] + word
    return text
