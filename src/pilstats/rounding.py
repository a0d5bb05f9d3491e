"""Rounding conventions, forward (:func:`round_to`) and backward (:func:`unround`).

The names follow the ``scrutiny`` R package: a printed number is the image of an
unknown true value under a rounding rule, so its *pre-image* is an interval whose ends
are open or closed depending on the rule. Chinese official statistics round
half-up (四舍五入), the default everywhere in pilstats.
"""

from __future__ import annotations

import math
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Decimal,
    Inexact,
)
from enum import StrEnum
from fractions import Fraction

from pilstats.decimals import CONTEXT, isolated
from pilstats.interval import Interval

__all__ = ["DECIMAL_MODES", "Rounding", "quantum", "round_to", "unround"]


class Rounding(StrEnum):
    """How a true value was turned into the printed one.

    * ``half_up``: 四舍五入; ties go away from zero (Decimal ``ROUND_HALF_UP``).
    * ``half_even``: banker's rounding; ties go to the even digit.
    * ``up_or_down``: ties may have gone either way (the safe choice when unknown).
    * ``truncate``: digits past the last printed one are dropped (toward zero).
    * ``ceiling``: toward +infinity.
    * ``floor``: toward -infinity.
    """

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    UP_OR_DOWN = "up_or_down"
    TRUNCATE = "truncate"
    CEILING = "ceiling"
    FLOOR = "floor"


_EXACT = CONTEXT.copy()
_EXACT.traps[Inexact] = True
_WIDE = CONTEXT.copy()

DECIMAL_MODES = {
    "half_up": ROUND_HALF_UP,
    "half_even": ROUND_HALF_EVEN,
    "up_or_down": ROUND_HALF_UP,
    "truncate": ROUND_DOWN,
    "ceiling": ROUND_CEILING,
    "floor": ROUND_FLOOR,
}
"""The :mod:`decimal` rounding mode that prints a value under each convention."""


@isolated
def quantum(printed: Decimal) -> Decimal:
    """One unit in the last printed place: ``88.4`` → 0.1, ``2.89E+5`` → 1E+3."""
    exponent = printed.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {printed}")  # noqa: TRY004 - a bad value
    return Decimal(1).scaleb(exponent)


@isolated
def unround(printed: Decimal, rounding: Rounding = Rounding.HALF_UP) -> Interval:
    """Interval of true values that print as ``printed`` under ``rounding``.

    The precision is read from the Decimal's exponent, so ``Decimal("12.30")`` has
    a step of 0.01 while ``Decimal("12.3")`` has 0.1.

    >>> str(unround(Decimal("88.4")))
    '[88.35, 88.45)'
    >>> str(unround(Decimal("88.4"), Rounding.TRUNCATE))
    '[88.4, 88.5)'
    """
    q = quantum(printed)
    v = printed
    half = q / 2
    below, above = _EXACT.subtract(v, half), _EXACT.add(v, half)
    if rounding is Rounding.HALF_UP:
        if v > 0:
            return Interval(below, above, True, False)
        if v < 0:
            return Interval(below, above, False, True)
        return Interval(-half, half, False, False)
    if rounding is Rounding.HALF_EVEN:
        even = v.as_tuple().digits[-1] % 2 == 0
        return Interval(below, above, even, even)
    if rounding is Rounding.UP_OR_DOWN:
        return Interval(below, above, True, True)
    if rounding is Rounding.TRUNCATE:
        if v > 0:
            return Interval(v, _EXACT.add(v, q), True, False)
        if v < 0:
            return Interval(_EXACT.subtract(v, q), v, False, True)
        return Interval(-q, q, False, False)
    if rounding is Rounding.CEILING:
        return Interval(_EXACT.subtract(v, q), v, False, True)
    return Interval(v, _EXACT.add(v, q), True, False)


@isolated
def round_to(
    value: Fraction | Decimal | int, exponent: int, rounding: Rounding = Rounding.HALF_UP
) -> Decimal:
    """Print the exact ``value`` with ``exponent`` (``-1`` = one decimal) under ``rounding``.

    ``up_or_down`` rounds ties up, one of the two outputs it admits.

    >>> round_to(Fraction(167776 * 100, 189885), -1)
    Decimal('88.4')
    """
    if isinstance(value, Decimal):
        return value.quantize(
            Decimal(1).scaleb(exponent), rounding=DECIMAL_MODES[rounding.value], context=_WIDE
        )
    scaled = Fraction(value) / Fraction(10) ** exponent
    floor = math.floor(scaled)
    frac = scaled - floor
    if rounding in (Rounding.HALF_UP, Rounding.UP_OR_DOWN):
        if scaled >= 0:
            n = floor + (1 if frac >= Fraction(1, 2) else 0)
        else:
            n = floor + (1 if frac > Fraction(1, 2) else 0)
    elif rounding is Rounding.HALF_EVEN:
        if frac > Fraction(1, 2) or (frac == Fraction(1, 2) and floor % 2 == 1):
            n = floor + 1
        else:
            n = floor
    elif rounding is Rounding.TRUNCATE:
        n = math.trunc(scaled)
    elif rounding is Rounding.CEILING:
        n = math.ceil(scaled)
    else:
        n = floor
    return Decimal(n).scaleb(exponent)
