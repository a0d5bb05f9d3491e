"""Exact intervals of real numbers, the currency in which every check is decided.

An :class:`Interval` has :class:`~fractions.Fraction` ends, each open or closed, so that
``[88.35, 88.45)`` (the values that print as 88.4 under half-up rounding) is represented
exactly and sums, differences, products and quotients of intervals contain every
combination of values drawn from their operands. Nothing here uses floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = ["Interval", "format_fraction"]


def format_fraction(value: Fraction, *, direction: int = 0, digits: int = 12) -> str:
    """Render a fraction as a decimal string, exactly when the expansion terminates.

    A non-terminating value is rounded *outward*: down when ``direction < 0`` (a lower
    bound), up when ``direction > 0``, to ``digits`` significant digits, and prefixed
    with ``~`` so a reader never mistakes it for an exact figure.
    """
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den == 1:
        num, den2 = value.numerator, value.denominator
        places = 0
        while den2 != 1:
            num *= 10
            places += 1
            g = math.gcd(num, den2)
            num //= g
            den2 //= g
        text = format(Decimal(num).scaleb(-places), "f")
        return _strip_zeros(text)
    scale = digits - max(0, len(str(abs(value.numerator) // value.denominator)))
    scale = max(scale, 1)
    shifted = value * 10**scale
    rounded = math.floor(shifted) if direction < 0 else math.ceil(shifted)
    if direction == 0:
        rounded = round(shifted)
    return "~" + _strip_zeros(format(Decimal(rounded).scaleb(-scale), "f"))


def _strip_zeros(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


@dataclass(frozen=True, slots=True)
class Interval:
    """A bounded interval ``lo .. hi`` with independently open or closed ends.

    A point ``[x, x]`` is an exact value. Arithmetic assumes what the reports need:
    sums and differences of any intervals; products and quotients of non-negative ones.
    """

    lo: Fraction
    hi: Fraction
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self) -> None:
        """Reject empty intervals; an interval always contains at least one number."""
        if self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed)):
            msg = f"empty interval {self.lo}..{self.hi}"
            raise ValueError(msg)

    @classmethod
    def point(cls, value: Fraction | Decimal | int) -> Interval:
        """The degenerate interval holding exactly ``value``."""
        f = Fraction(value)
        return cls(f, f)

    @property
    def is_point(self) -> bool:
        """True when the interval holds a single exact value."""
        return self.lo == self.hi

    @property
    def width(self) -> Fraction:
        """``hi - lo``."""
        return self.hi - self.lo

    def __contains__(self, x: object) -> bool:
        """Whether the number ``x`` lies in the interval, ends respected."""
        if not isinstance(x, (int, Fraction, Decimal)):
            return False
        f = Fraction(x)
        above = f > self.lo or (f == self.lo and self.lo_closed)
        below = f < self.hi or (f == self.hi and self.hi_closed)
        return above and below

    def __add__(self, other: Interval) -> Interval:
        """Minkowski sum: every ``a + b`` with ``a`` in self and ``b`` in other."""
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __sub__(self, other: Interval) -> Interval:
        """Every ``a - b`` with ``a`` in self and ``b`` in other."""
        return Interval(
            self.lo - other.hi,
            self.hi - other.lo,
            self.lo_closed and other.hi_closed,
            self.hi_closed and other.lo_closed,
        )

    def scale(self, k: Fraction | int) -> Interval:
        """Every ``a * k`` for a fixed non-negative ``k``."""
        k = Fraction(k)
        if k < 0:
            raise ValueError("scale factor must be non-negative")
        if k == 0:
            return Interval.point(0)
        return Interval(self.lo * k, self.hi * k, self.lo_closed, self.hi_closed)

    def __mul__(self, other: Interval) -> Interval:
        """Every ``a * b``; both operands must be non-negative."""
        if self.lo < 0 or other.lo < 0:
            raise ValueError("interval product is defined here for non-negative operands")
        lo = self.lo * other.lo
        hi = self.hi * other.hi
        lo_closed = (self.lo == 0 and self.lo_closed) or (other.lo == 0 and other.lo_closed)
        lo_closed = lo_closed or (self.lo_closed and other.lo_closed)
        hi_closed = (self.hi_closed and other.hi_closed) or (
            (self.hi == 0 and self.hi_closed) or (other.hi == 0 and other.hi_closed)
        )
        return Interval(lo, hi, lo_closed, hi_closed)

    def __truediv__(self, other: Interval) -> Interval:
        """Every ``a / b``; ``a`` non-negative, ``b`` strictly positive."""
        if self.lo < 0 or other.lo < 0 or (other.lo == 0 and other.lo_closed):
            raise ValueError("interval quotient needs a >= 0 and b > 0")
        lo = self.lo / other.hi
        lo_closed = self.lo_closed and (other.hi_closed or self.lo == 0)
        if other.lo == 0:
            msg = "divisor interval touches zero; the quotient is unbounded"
            raise ValueError(msg)
        hi = self.hi / other.lo
        hi_closed = self.hi_closed and (other.lo_closed or self.hi == 0)
        return Interval(lo, hi, lo_closed, hi_closed)

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

    def gap(self, other: Interval) -> Fraction:
        """Distance between the intervals (0 when they touch or overlap)."""
        if self.hi < other.lo:
            return other.lo - self.hi
        if other.hi < self.lo:
            return self.lo - other.hi
        return Fraction(0)

    def integers(self) -> range:
        """The integers inside the interval, as a ``range`` (possibly empty)."""
        first = math.ceil(self.lo)
        if first == self.lo and not self.lo_closed:
            first += 1
        last = math.floor(self.hi)
        if last == self.hi and not self.hi_closed:
            last -= 1
        return range(first, max(first, last + 1))

    def __str__(self) -> str:
        """Mathematical notation, e.g. ``[88.35, 88.45)``; a point prints as its value."""
        if self.is_point:
            return format_fraction(self.lo)
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        lo = format_fraction(self.lo, direction=-1)
        hi = format_fraction(self.hi, direction=1)
        return f"{left}{lo}, {hi}{right}"
