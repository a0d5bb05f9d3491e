"""Intervals of real numbers with exact Decimal ends, the currency of every check.

An :class:`Interval` has :class:`~decimal.Decimal` ends, each open or closed, so that
``[88.35, 88.45)`` (the values that print as 88.4 under half-up rounding) is held
exactly. Sums, differences and products of the decimals a report prints are exact;
a quotient that does not terminate is rounded *outward* at 60 significant digits
(the lower end down, the upper end up, the end then closed), so a computed interval
always contains every exact combination of values drawn from its operands — a check
can never fail because of arithmetic. Nothing here uses floats.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Context, Decimal
from fractions import Fraction
from typing import NamedTuple, Self

from pilstats.decimals import CONTEXT, isolated

__all__ = ["PRECISION", "Interval", "format_fraction", "format_number"]

PRECISION = 60
"""Significant digits kept when a quotient does not terminate (then rounded outward)."""



def _directed(rounding: str) -> Context:
    ctx = CONTEXT.copy()  # every field set: nothing comes from the caller or DefaultContext
    ctx.prec = PRECISION
    ctx.rounding = rounding
    return ctx


_DOWN = _directed(ROUND_FLOOR)
_UP = _directed(ROUND_CEILING)
_ZERO = Decimal(0)

Number = Decimal | int | Fraction


def _rounded(x: Number, *, up: bool) -> tuple[Decimal, bool]:
    """``x`` as a Decimal rounded up (or down), and whether that was exact."""
    if isinstance(x, Decimal):
        return x, True
    if isinstance(x, int):
        return Decimal(x), True
    num, den = Decimal(x.numerator), Decimal(x.denominator)
    lo, hi = _DOWN.divide(num, den), _UP.divide(num, den)
    return (hi if up else lo), lo == hi


def _down(x: Number) -> tuple[Decimal, bool]:
    return _rounded(x, up=False)


def _up(x: Number) -> tuple[Decimal, bool]:
    return _rounded(x, up=True)


@isolated
def format_number(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing zeros: ``2.89E+5`` → ``289000``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@isolated
def format_fraction(value: Number, *, direction: int = 0, digits: int = 12) -> str:
    """Render a number in plain decimal notation, exactly when that is short.

    A value with more than ``digits`` decimal places (a rounded quotient, or a
    fraction that does not terminate) is shown shortened. A bound
    (``direction != 0``) is rounded *outward* — down when ``direction < 0``, up when
    ``direction > 0`` — and prefixed with ``~``: the printed number is not the bound
    but lies outside it. A value (``direction == 0``) is cut after ``digits`` places
    and followed by ``…``: every digit shown is a digit of the exact value.
    """
    if type(value) is Decimal:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent <= digits:
            return format_number(value)
    if isinstance(value, Fraction):
        d, exact = _up(value) if direction > 0 else _down(value)
    else:
        d, exact = (value if isinstance(value, Decimal) else Decimal(value)), True
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    if exact and -exponent <= digits:
        return format_number(d)
    whole = len(str(abs(int(d))))
    quantum = Decimal(1).scaleb(-max(1, digits - whole))
    if direction == 0:
        return format_number(d.quantize(quantum, rounding=ROUND_DOWN)) + "…"
    mode = ROUND_FLOOR if direction < 0 else ROUND_CEILING
    return "~" + format_number(d.quantize(quantum, rounding=mode))


class _Ends(NamedTuple):
    lo: Decimal
    hi: Decimal
    lo_closed: bool
    hi_closed: bool


class Interval(_Ends):
    """A bounded interval ``lo .. hi`` with independently open or closed ends.

    A point ``[x, x]`` is an exact value. Arithmetic covers what the reports need:
    sums, differences and products of any intervals, quotients by a positive
    interval, scaling by a non-negative exact factor. Intervals are immutable values
    (an immutable tuple underneath, for speed: checks build thousands of them).
    """

    __slots__ = ()

    def __new__(
        cls, lo: Decimal, hi: Decimal, lo_closed: bool = True, hi_closed: bool = True
    ) -> Self:
        """Build an interval; an empty one (``lo > hi``, or ``(x, x)``) is refused."""
        if lo > hi or (lo == hi and not (lo_closed and hi_closed)):
            msg = f"empty interval {lo}..{hi}"
            raise ValueError(msg)
        return tuple.__new__(cls, (lo, hi, lo_closed, hi_closed))

    @classmethod
    def point(cls, value: Decimal | int) -> Interval:
        """The degenerate interval holding exactly ``value``."""
        d = value if isinstance(value, Decimal) else Decimal(value)
        return _make(d, d, True, True)

    @classmethod
    def of(
        cls, lo: Number, hi: Number, lo_closed: bool = True, hi_closed: bool = True
    ) -> Interval:
        """An interval from any exact numbers; non-decimal fractions are rounded outward."""
        lo_d, lo_exact = _down(lo)
        hi_d, hi_exact = _up(hi)
        return cls(lo_d, hi_d, lo_closed or not lo_exact, hi_closed or not hi_exact)

    @property
    def is_point(self) -> bool:
        """True when the interval holds a single exact value."""
        return self.lo == self.hi

    @property
    def width(self) -> Decimal:
        """``hi - lo``."""
        return _UP.subtract(self.hi, self.lo)

    def __contains__(self, x: object) -> bool:
        """Whether the number ``x`` (int, Decimal or Fraction) lies in the interval."""
        if not isinstance(x, int | Decimal | Fraction):
            return False
        above = x > self.lo or (x == self.lo and self.lo_closed)
        below = x < self.hi or (x == self.hi and self.hi_closed)
        return above and below

    def __add__(self, other: Interval) -> Interval:  # type: ignore[override]
        """Every ``a + b`` with ``a`` in self and ``b`` in other."""
        return _make(
            _DOWN.add(self.lo, other.lo),
            _UP.add(self.hi, other.hi),
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __sub__(self, other: Interval) -> Interval:
        """Every ``a - b`` with ``a`` in self and ``b`` in other."""
        return _make(
            _DOWN.subtract(self.lo, other.hi),
            _UP.subtract(self.hi, other.lo),
            self.lo_closed and other.hi_closed,
            self.hi_closed and other.lo_closed,
        )

    def scale(self, k: Number) -> Interval:
        """Every ``a * k`` for a fixed non-negative exact ``k`` (a Fraction is allowed)."""
        if k < 0:
            raise ValueError("scale factor must be non-negative")
        if k == 0:
            return Interval.point(0)
        if isinstance(k, Fraction) and k.denominator != 1:
            num, den = Decimal(k.numerator), Decimal(k.denominator)
            lo = _DOWN.divide(_DOWN.multiply(self.lo, num), den)
            hi = _UP.divide(_UP.multiply(self.hi, num), den)
            lo_exact = lo == _UP.divide(_UP.multiply(self.lo, num), den)
            hi_exact = hi == _DOWN.divide(_DOWN.multiply(self.hi, num), den)
            return _make(lo, hi, self.lo_closed or not lo_exact, self.hi_closed or not hi_exact)
        f = Decimal(int(k)) if isinstance(k, int | Fraction) else k
        return _make(
            _DOWN.multiply(self.lo, f), _UP.multiply(self.hi, f), self.lo_closed, self.hi_closed
        )

    def __mul__(self, other: Interval) -> Interval:  # type: ignore[override]
        """Every ``a * b`` (either sign: a rate may be negative, a count may not)."""
        corners = []
        for x, x_closed in ((self.lo, self.lo_closed), (self.hi, self.hi_closed)):
            for y, y_closed in ((other.lo, other.lo_closed), (other.hi, other.hi_closed)):
                down, up = _DOWN.multiply(x, y), _UP.multiply(x, y)
                # a product with a closed zero end is 0 whatever the other factor is;
                # an end rounded outward is closed
                closed = (x_closed and y_closed) or (x == 0 and x_closed) or (
                    y == 0 and y_closed) or down != up  # fmt: skip
                corners.append((down, up, closed))
        lo = min(down for down, _, _ in corners)
        hi = max(up for _, up, _ in corners)
        lo_closed = any(closed for down, _, closed in corners if down == lo)
        hi_closed = any(closed for _, up, closed in corners if up == hi)
        return _make(lo, hi, lo_closed, hi_closed)

    def __truediv__(self, other: Interval) -> Interval:
        """Every ``a / b`` for ``b`` strictly positive (``a`` of either sign)."""
        if other.lo < 0 or (other.lo == 0 and other.lo_closed):
            raise ValueError("interval quotient needs b > 0")
        if other.lo == 0:
            msg = "divisor interval touches zero; the quotient is unbounded"
            raise ValueError(msg)
        # the smallest quotient divides the lower end by the largest divisor if it is
        # non-negative, by the smallest if it is negative; the largest one likewise
        lo_by, lo_by_closed = (other.hi, other.hi_closed) if self.lo >= 0 else (
            other.lo, other.lo_closed)  # fmt: skip
        hi_by, hi_by_closed = (other.lo, other.lo_closed) if self.hi >= 0 else (
            other.hi, other.hi_closed)  # fmt: skip
        lo = _DOWN.divide(self.lo, lo_by)
        hi = _UP.divide(self.hi, hi_by)
        lo_exact = lo == _UP.divide(self.lo, lo_by)
        hi_exact = hi == _DOWN.divide(self.hi, hi_by)
        lo_closed = (self.lo_closed and (lo_by_closed or self.lo == 0)) or not lo_exact
        hi_closed = (self.hi_closed and (hi_by_closed or self.hi == 0)) or not hi_exact
        return _make(lo, hi, lo_closed, hi_closed)

    def intersects(self, other: Interval) -> bool:
        """Whether some number lies in both intervals."""
        if self.lo > other.lo or (self.lo == other.lo and not self.lo_closed):
            lo, lo_closed = self.lo, self.lo_closed
        else:
            lo, lo_closed = other.lo, other.lo_closed
        if self.hi < other.hi or (self.hi == other.hi and not self.hi_closed):
            hi, hi_closed = self.hi, self.hi_closed
        else:
            hi, hi_closed = other.hi, other.hi_closed
        return lo < hi or (lo == hi and lo_closed and hi_closed)

    def gap(self, other: Interval) -> Decimal:
        """Distance between the intervals (0 when they touch or overlap)."""
        if self.hi < other.lo:
            return _DOWN.subtract(other.lo, self.hi)
        if other.hi < self.lo:
            return _DOWN.subtract(self.lo, other.hi)
        return _ZERO

    @isolated
    def integers(self) -> range:
        """The integers inside the interval, as a ``range`` (possibly empty)."""
        first = math.ceil(self.lo)
        if first == self.lo and not self.lo_closed:
            first += 1
        last = math.floor(self.hi)
        if last == self.hi and not self.hi_closed:
            last -= 1
        return range(first, max(first, last + 1))

    @property
    def is_rounded_point(self) -> bool:
        """True for a single exact value held as its outward rounding (22109 / 189885).

        A quotient that does not terminate is kept as the two closest 60-digit
        decimals around it; no printed figure is that precise, so such an interval
        always stands for one exact value of a computation.
        """
        return (
            self.lo_closed and self.hi_closed and self.lo < self.hi
            and _UP.next_plus(self.lo) >= self.hi
        )  # fmt: skip

    @isolated
    def __str__(self) -> str:
        """Mathematical notation, e.g. ``[88.35, 88.45)``; a point prints as its value.

        An exact value that does not terminate prints cut short, ``88.3566369118…``.
        """
        if self.is_point:
            return format_fraction(self.lo)
        if self.is_rounded_point:
            return format_fraction(self.lo, direction=0) if self.lo >= 0 else (
                "-" + format_fraction(-self.hi, direction=0)
            )
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        lo = format_fraction(self.lo, direction=-1)
        hi = format_fraction(self.hi, direction=1)
        return f"{left}{lo}, {hi}{right}"


_tuple_new = tuple.__new__


def _make(lo: Decimal, hi: Decimal, lo_closed: bool, hi_closed: bool) -> Interval:
    """Build an interval without the emptiness check (results of valid operations)."""
    return _tuple_new(Interval, (lo, hi, lo_closed, hi_closed))
