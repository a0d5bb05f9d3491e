"""pilstats' own decimal context, whatever the caller's context says.

Python's :mod:`decimal` reads the *thread's current context* for every operation that
is not given one explicitly: precision, rounding, exponent limits and traps. A caller
who sets ``getcontext().prec = 11``, traps ``Rounded`` or lowers ``Emax`` would change
(or break) pilstats' arithmetic. Every public entry point that computes with Decimals
therefore runs under :func:`isolated`, which installs :data:`CONTEXT` for the duration
of the call (:func:`decimal.localcontext`, so the caller's context and its flags are
left untouched, in every thread and task).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import ParamSpec, TypeVar

__all__ = ["CONTEXT", "PRECISION", "isolated"]

PRECISION = 100
"""Significant digits of implicit operations: far more than any printed figure (30)."""

CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emin=MIN_EMIN,
    Emax=MAX_EMAX,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""Every field given, so nothing is inherited from :data:`decimal.DefaultContext`."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


_STATE = threading.local()


def isolated(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` under :data:`CONTEXT`; the caller's context is restored afterwards.

    A call made from inside another isolated call (in the same thread) already runs
    under :data:`CONTEXT` and does not install it again: entering a local context costs
    more than most of the functions it guards.
    """

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if getattr(_STATE, "inside", False):
            return fn(*args, **kwargs)
        with localcontext(CONTEXT):
            _STATE.inside = True
            try:
                return fn(*args, **kwargs)
            finally:
                _STATE.inside = False

    return wrapper
