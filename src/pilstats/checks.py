"""Consistency checks: declared as frozen values, decided by pure interval arithmetic.

A check *declares* what it relates (:class:`Total`, :class:`Share`, …) by figure id;
:func:`evaluate` *decides* it from the figures' intervals and returns a
:class:`~pilstats.findings.Finding` with the arithmetic. The deciding functions
(:func:`sum_bounds`, :func:`share_bounds`, :func:`previous_bounds`, …) work on
:class:`~pilstats.interval.Interval` only: they know nothing of Pydantic or fixtures,
so model validators and property tests call exactly the same code.

Every decision is "is there *some* set of true values, each inside its printed
figure's interval, that satisfies the relation?" — so rounding and 约/余/近 slack can
never raise a false alarm, and a failure is a proof of inconsistency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation
from fractions import Fraction
from typing import Literal

from pilstats.errors import UnitError
from pilstats.figure import DEFAULT_CONVENTIONS, Conventions, Reported
from pilstats.findings import Finding, FindingCode, Status
from pilstats.interval import Interval, format_fraction
from pilstats.rounding import round_to
from pilstats.units import conversion_factor, is_count_unit

__all__ = [
    "Change",
    "Check",
    "Rate",
    "Same",
    "Share",
    "ShareSum",
    "Subset",
    "Total",
    "evaluate",
    "evaluate_all",
    "numerator_bounds",
    "previous_bounds",
    "share_bounds",
    "sum_bounds",
]

HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")
_EXACT = Context(prec=100, traps=[Inexact, InvalidOperation])


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True, slots=True)
class Total:
    """Parts add up to a total.

    ``complete=True``: the parts are the whole partition (=). ``complete=False``: a
    partial list (其中…等), so the parts may not exceed the total and the remainder is
    reported as a derived figure named ``remainder`` (50656 − 50623 = 33).
    """

    id: str
    total: str
    parts: tuple[str, ...]
    complete: bool = True
    remainder: str | None = None
    same_noun: bool = False
    section: str | None = None
    note: str | None = None
    kind: Literal["total"] = "total"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved, total first."""
        return (self.total, *self.parts)


@dataclass(frozen=True, slots=True)
class Share:
    """``part / whole`` agrees with the printed percentage ``share``."""

    id: str
    part: str
    whole: str
    share: str
    same_noun: bool = False
    section: str | None = None
    note: str | None = None
    kind: Literal["share"] = "share"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return (self.part, self.whole, self.share)


@dataclass(frozen=True, slots=True)
class ShareSum:
    """Printed shares of one partition add up to 100% (or to the printed ``total``)."""

    id: str
    shares: tuple[str, ...]
    total: str | None = None
    section: str | None = None
    note: str | None = None
    kind: Literal["share_sum"] = "share_sum"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return (*self.shares, *((self.total,) if self.total else ()))


@dataclass(frozen=True, slots=True)
class Subset:
    """``part`` is a selection from ``whole``, so part ≤ whole.

    ``whole`` may name several figures, whose sum is the whole (410 cases of one
    province ≤ the national 1468 + 8268 of the two fields they belong to).
    """

    id: str
    part: str
    whole: str | tuple[str, ...]
    same_noun: bool = False
    section: str | None = None
    note: str | None = None
    kind: Literal["subset"] = "subset"

    @property
    def wholes(self) -> tuple[str, ...]:
        """The figures whose sum is the whole."""
        return (self.whole,) if isinstance(self.whole, str) else self.whole

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved, the part first."""
        return (self.part, *self.wholes)


@dataclass(frozen=True, slots=True)
class Change:
    """``current`` is ``previous`` changed by ``change`` percent, ``up`` or ``down``.

    Without a printed ``previous`` the check derives every integer previous-year
    count consistent with the figures (1276 up 76.7% → {722}); none means failure.
    """

    id: str
    current: str
    change: str
    direction: Literal["up", "down"] = "up"
    previous: str | None = None
    section: str | None = None
    note: str | None = None
    kind: Literal["change"] = "change"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return (self.current, self.change, *((self.previous,) if self.previous else ()))


@dataclass(frozen=True, slots=True)
class Rate:
    """A printed ``rate`` (%) of a known count ``base``: some integer numerator fits."""

    id: str
    rate: str
    base: str
    section: str | None = None
    note: str | None = None
    kind: Literal["rate"] = "rate"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return (self.rate, self.base)


@dataclass(frozen=True, slots=True)
class Same:
    """One quantity stated more than once; all statements must agree."""

    id: str
    statements: tuple[str, ...]
    section: str | None = None
    note: str | None = None
    kind: Literal["same"] = "same"

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return self.statements


Check = Total | Share | ShareSum | Subset | Change | Rate | Same
"""Any check specification."""


# ------------------------------------------------------------------ pure deciders


def sum_bounds(parts: list[Interval]) -> Interval:
    """Interval of every sum of one value drawn from each part."""
    acc = Interval.point(0)
    for p in parts:
        acc = acc + p
    return acc


def share_bounds(part: Interval, whole: Interval) -> Interval:
    """Interval of ``100 * part / whole`` in percent; ``whole`` must be positive."""
    return (part / whole).scale(HUNDRED)


def previous_bounds(current: Interval, change: Interval, direction: str) -> Interval:
    """Interval of previous values ``p`` with ``current = p * (1 ± change/100)``."""
    factor = change.scale(_PERCENT)
    one = Interval.point(1)
    factor = one + factor if direction == "up" else one - factor
    return current / factor


def numerator_bounds(rate: Interval, base: Interval) -> Interval:
    """Interval of ``rate/100 * base``: the numerators a printed rate allows."""
    return rate.scale(_PERCENT) * base


def _ratio(part: Nominal, whole: Nominal) -> Decimal:
    """``100 * part / whole`` to 60 significant digits.

    Exact when it terminates; otherwise it cannot sit on a printed rounding boundary
    (those terminate), so membership and rounding decisions made on it are exact.
    """
    if isinstance(part, Decimal) and isinstance(whole, Decimal):
        return _RATIO.divide(_RATIO.multiply(part, HUNDRED), whole)
    ratio = Fraction(part) * 100 / Fraction(whole)
    return _RATIO.divide(Decimal(ratio.numerator), Decimal(ratio.denominator))


_RATIO = Context(prec=60)


def _always_holds_integer(iv: Interval) -> bool:
    return iv.width > 1 or (iv.width == 1 and (iv.lo_closed or iv.hi_closed))


def _fmt(x: Decimal | Fraction) -> str:
    return format_fraction(x)


Nominal = Decimal | Fraction


def _nsum(values: list[Nominal]) -> Nominal:
    """Exact sum of printed values (Fractions only when a unit conversion was needed)."""
    if all(isinstance(v, Decimal) for v in values):
        total = Decimal(0)
        for v in values:
            total = _EXACT.add(total, v)
        return total
    return sum((Fraction(v) for v in values), Fraction(0))


# ---------------------------------------------------------------------- evaluate


class _Ctx:
    def __init__(self, figures: Mapping[str, Reported], conventions: Conventions) -> None:
        self.figures = figures
        self.conventions = conventions

    def fig(self, fid: str) -> Reported:
        return self.figures[fid]

    def bounds(self, fid: str, unit: str | None = None) -> Interval:
        f = self.figures[fid]
        iv = f.bounds(self.conventions)
        if unit is None or unit == f.unit:
            return iv
        return iv.scale(conversion_factor(f.unit, unit))

    def nominal(self, fid: str, unit: str | None = None) -> Nominal:
        f = self.figures[fid]
        if unit is None or unit == f.unit:
            return f.value
        return Fraction(f.value) * conversion_factor(f.unit, unit)


def _units_agree(ctx: _Ctx, ids: tuple[str, ...], same_noun: bool) -> str | None:
    """Return an error message when the figures' units are not commensurable."""
    if same_noun:
        return None
    target = ctx.fig(ids[0]).unit
    for fid in ids[1:]:
        unit = ctx.fig(fid).unit
        try:
            conversion_factor(unit, target)
        except UnitError:
            return f"{fid} is in {unit!r} but {ids[0]} is in {target!r}"
    return None


def _unit_finding(check: Check, message: str) -> Finding:
    return Finding(
        check=check.id,
        kind=check.kind,
        code=FindingCode.UNIT_MISMATCH,
        status=Status.FAIL,
        figures=check.figures,
        message=message,
        section=check.section,
    )


def _status(ok: bool) -> Status:
    return Status.PASS if ok else Status.FAIL


def _eval_total(c: Total, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, c.same_noun)
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else ctx.fig(c.total).unit
    total = ctx.bounds(c.total, unit)
    parts = [ctx.bounds(p, unit) for p in c.parts]
    s = sum_bounds(parts)
    nominal_sum = _nsum([ctx.nominal(p, unit) for p in c.parts])
    nominal_total = ctx.nominal(c.total, unit)
    expr = " + ".join(ctx.fig(p).numeral + ctx.fig(p).unit for p in c.parts)
    printed_total = str(ctx.fig(c.total))
    if c.complete:
        ok = s.intersects(total)
        slack = ok and nominal_sum != nominal_total
        if ok:
            message = f"{expr} = {_fmt(nominal_sum)}; printed total {printed_total}"
            if slack:
                message += f" (agrees within rounding: sum in {s}, total in {total})"
        else:
            message = (
                f"{expr} = {s} but the printed total {printed_total} means {total}: "
                f"off by at least {_fmt(s.gap(total))}"
            )
        code = FindingCode.SUM_OK if ok else FindingCode.SUM_MISMATCH
        return Finding(
            c.id, c.kind, code, _status(ok), c.figures, message, str(s), str(total),
            slack, {}, c.section,
        )  # fmt: skip
    # partial list: the listed parts may not exceed the total
    ok = s.lo < total.hi or (s.lo == total.hi and s.lo_closed and total.hi_closed)
    slack = ok and nominal_sum > nominal_total
    derived: dict[str, str] = {}
    if ok:
        remainder = total - s
        lo = max(remainder.lo, Decimal(0))
        lo_closed = remainder.lo_closed if remainder.lo >= 0 else True
        rem = Interval(lo, remainder.hi, lo_closed, remainder.hi_closed)
        derived[c.remainder or "remainder"] = str(rem)
        message = (
            f"listed parts {expr} = {_fmt(nominal_sum)} ≤ printed total {printed_total}; "
            f"unlisted remainder {_fmt(nominal_total)} − {_fmt(nominal_sum)} = {rem}"
        )
    else:
        message = (
            f"listed parts {expr} = {s} exceed the printed total {printed_total} ({total}) "
            f"by at least {_fmt(s.gap(total))}"
        )
    code = FindingCode.PARTIAL_SUM_OK if ok else FindingCode.PARTIAL_SUM_EXCEEDS
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(s), str(total),
        slack, derived, c.section,
    )  # fmt: skip


def _eval_share(c: Share, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, (c.part, c.whole), c.same_noun)
    if not problem and not ctx.fig(c.share).is_ratio:
        problem = f"{c.share} is in {ctx.fig(c.share).unit!r}, not a percentage"
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else ctx.fig(c.whole).unit
    part, whole = ctx.bounds(c.part, unit), ctx.bounds(c.whole, unit)
    share_fig = ctx.fig(c.share)
    printed = ctx.bounds(c.share)
    p, w = ctx.fig(c.part), ctx.fig(c.whole)
    ratio_txt = f"{p.numeral}{p.unit} / {w.numeral}{w.unit}"
    if whole.lo <= 0:
        return Finding(
            c.id, c.kind, FindingCode.SHARE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{ratio_txt}: the whole may be zero", None, str(printed), section=c.section,
        )  # fmt: skip
    computed = share_bounds(part, whole)
    if computed.lo <= 0 and computed.hi >= HUNDRED:
        return Finding(
            c.id, c.kind, FindingCode.SHARE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{ratio_txt} may be anything from 0 to 100%", str(computed), str(printed),
            section=c.section,
        )  # fmt: skip
    ok = computed.intersects(printed)
    nominal = _ratio(ctx.nominal(c.part, unit), ctx.nominal(c.whole, unit))
    as_printed = round_to(nominal, share_fig.exponent, ctx.conventions.rounding)
    slack = ok and nominal not in printed
    shown = format_fraction(nominal, direction=0, digits=8)
    if ok:
        message = f"{ratio_txt} = {shown}% → {as_printed}%; printed {share_fig}"
        if slack:
            message += f" (agrees only within rounding: {computed} vs {printed})"
    else:
        message = (
            f"{ratio_txt} = {shown}% (in {computed}) but printed {share_fig} means {printed}; "
            f"at this precision it should print as {as_printed}%"
        )
    code = FindingCode.SHARE_OK if ok else FindingCode.SHARE_MISMATCH
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(computed), str(printed),
        slack, {"share": str(as_printed)}, c.section,
    )  # fmt: skip


def _eval_share_sum(c: ShareSum, ctx: _Ctx) -> Finding:
    not_ratio = [s for s in c.figures if not ctx.fig(s).is_ratio]
    if not_ratio:
        return _unit_finding(c, f"not percentages: {', '.join(not_ratio)}")
    s = sum_bounds([ctx.bounds(x) for x in c.shares])
    target = ctx.bounds(c.total) if c.total else Interval.point(HUNDRED)
    target_txt = str(ctx.fig(c.total)) if c.total else "100%"
    nominal = _nsum([ctx.nominal(x) for x in c.shares])
    nominal_target = ctx.nominal(c.total) if c.total else HUNDRED
    ok = s.intersects(target)
    slack = ok and nominal != nominal_target
    expr = " + ".join(ctx.fig(x).numeral for x in c.shares)
    if ok:
        message = f"{expr} = {_fmt(nominal)}% against {target_txt}"
        if slack:
            message += f": agrees within propagated rounding ({s} meets {target})"
    else:
        message = (
            f"{expr} = {_fmt(nominal)}% against {target_txt}: even with rounding the sum "
            f"lies in {s}, which misses {target} by {_fmt(s.gap(target))}"
        )
    code = FindingCode.SHARE_SUM_OK if ok else FindingCode.SHARE_SUM_MISMATCH
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(s), str(target), slack,
        {}, c.section,
    )  # fmt: skip


def _eval_subset(c: Subset, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, c.same_noun)
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else ctx.fig(c.wholes[0]).unit
    part = ctx.bounds(c.part, unit)
    whole = sum_bounds([ctx.bounds(w, unit) for w in c.wholes])
    ok = part.lo < whole.hi or (part.lo == whole.hi and part.lo_closed and whole.hi_closed)
    nominal_whole = _nsum([ctx.nominal(w, unit) for w in c.wholes])
    slack = ok and ctx.nominal(c.part, unit) > nominal_whole
    pf = ctx.fig(c.part)
    wf = " + ".join(str(ctx.fig(w)) for w in c.wholes)
    if ok:
        message = f"{pf} ≤ {wf}"
        if slack:
            message += f" (only within qualifier slack: {part} vs {whole})"
    else:
        message = f"{pf} ({part}) cannot be a part of {wf} ({whole})"
    code = FindingCode.SUBSET_OK if ok else FindingCode.SUBSET_EXCEEDS
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(part), str(whole), slack,
        {}, c.section,
    )  # fmt: skip


def _eval_change(c: Change, ctx: _Ctx) -> Finding:
    if not ctx.fig(c.change).is_ratio:
        return _unit_finding(c, f"{c.change} is not a percentage")
    current = ctx.bounds(c.current)
    change = ctx.bounds(c.change)
    cur, chg = ctx.fig(c.current), ctx.fig(c.change)
    verb = "上升" if c.direction == "up" else "下降"
    head = f"{cur} = previous × (1 {'+' if c.direction == 'up' else '−'} {chg})"
    if c.direction == "down" and change.hi >= HUNDRED:
        return _eval_steep_fall(c, ctx, current, change, head)
    prev = previous_bounds(current, change, c.direction)
    if c.previous is not None:
        problem = _units_agree(ctx, (c.current, c.previous), same_noun=False)
        if problem:
            return _unit_finding(c, problem)
        printed_prev = ctx.bounds(c.previous, cur.unit)
        ok = prev.intersects(printed_prev)
        message = (
            f"{head} → previous in {prev}; printed previous {ctx.fig(c.previous)}"
            + ("" if ok else f" ({printed_prev}) is outside it")
        )
        code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
        return Finding(
            c.id, c.kind, code, _status(ok), c.figures, message, str(prev),
            str(printed_prev), section=c.section,
        )  # fmt: skip
    if not is_count_unit(cur.unit):
        return Finding(
            c.id, c.kind, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{head} → previous in {prev}; {cur.unit} is not a count, so any value fits",
            str(prev), None, derived={"previous": str(prev)}, section=c.section,
        )  # fmt: skip
    candidates = prev.integers()
    derived = {"previous": _range_text(candidates)}
    if _always_holds_integer(prev):
        return Finding(
            c.id, c.kind, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{head} → previous in {prev}: {len(candidates)} integers fit, so the "
            f"printed {verb} {chg} cannot be wrong at this precision",
            str(prev), None, derived=derived, section=c.section,
        )  # fmt: skip
    ok = len(candidates) > 0
    if ok:
        message = f"{head} → previous in {prev}: integer previous value {derived['previous']}"
    else:
        message = f"{head} → previous in {prev}, which holds no integer count"
    pct = Fraction(chg.value) / 100
    factor = 1 + pct if c.direction == "up" else 1 - pct
    slack = ok and (Fraction(cur.value) / factor).denominator != 1
    code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(prev), None, slack,
        derived, c.section,
    )  # fmt: skip


def _eval_steep_fall(
    c: Change, ctx: _Ctx, current: Interval, change: Interval, head: str
) -> Finding:
    """A fall whose interval reaches 100%: the previous value has no upper bound."""
    if change.lo >= HUNDRED:
        ok = 0 in current
        message = f"{head}: a fall of 100% or more leaves 0, " + (
            "consistent with the current value" if ok else f"but the current value is {current}"
        )
        status = Status.UNTESTABLE if ok else Status.FAIL
        code = FindingCode.CHANGE_UNTESTABLE if ok else FindingCode.CHANGE_NO_PREVIOUS
        return Finding(c.id, c.kind, code, status, c.figures, message, section=c.section)
    lower = Fraction(current.lo) / (1 - Fraction(change.lo) / 100)
    bound = f"previous ≥ {format_fraction(lower, direction=-1)}"
    if c.previous is None:
        return Finding(
            c.id, c.kind, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{head}: {bound}, unbounded above, so some integer always fits",
            section=c.section,
        )  # fmt: skip
    printed_prev = ctx.bounds(c.previous, ctx.fig(c.current).unit)
    ok = printed_prev.hi > lower or (printed_prev.hi == lower and printed_prev.hi_closed)
    message = f"{head}: {bound}; printed previous {ctx.fig(c.previous)}" + (
        "" if ok else " is below it"
    )
    code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, None, str(printed_prev),
        section=c.section,
    )  # fmt: skip


def _range_text(r: range) -> str:
    if len(r) == 0:
        return "{}"
    if len(r) <= 5:
        return "{" + ", ".join(str(x) for x in r) + "}"
    return f"{{{r.start}, …, {r.stop - 1}}} ({len(r)} values)"


def _eval_rate(c: Rate, ctx: _Ctx) -> Finding:
    if not ctx.fig(c.rate).is_ratio:
        return _unit_finding(c, f"{c.rate} is not a percentage")
    rate, base = ctx.bounds(c.rate), ctx.bounds(c.base)
    rf, bf = ctx.fig(c.rate), ctx.fig(c.base)
    numerators = numerator_bounds(rate, base)
    head = f"{rf} of {bf} = {numerators}"
    if not is_count_unit(bf.unit):
        return Finding(
            c.id, c.kind, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{head}; {bf.unit} is not a count, so any value fits", str(numerators),
            str(rate), derived={"numerator": str(numerators)}, section=c.section,
        )  # fmt: skip
    candidates = numerators.integers()
    derived = {"numerator": _range_text(candidates)}
    if _always_holds_integer(numerators):
        return Finding(
            c.id, c.kind, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE, c.figures,
            f"{head}: {len(candidates)} integer numerators fit, so the rate cannot be "
            "wrong at this precision",
            str(numerators), str(rate), derived=derived, section=c.section,
        )  # fmt: skip
    ok = len(candidates) > 0
    message = f"{head}: numerator {derived['numerator']}" if ok else f"{head}: no integer fits"
    code = FindingCode.RATE_OK if ok else FindingCode.RATE_NO_NUMERATOR
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(numerators), str(rate),
        False, derived, c.section,
    )  # fmt: skip


def _eval_same(c: Same, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, same_noun=False)
    if problem:
        return _unit_finding(c, problem)
    unit = ctx.fig(c.statements[0]).unit
    ivs = [ctx.bounds(s, unit) for s in c.statements]
    ok = all(a.intersects(b) for i, a in enumerate(ivs) for b in ivs[i + 1 :])
    texts = " = ".join(f"{ctx.fig(s)}" for s in c.statements)
    nominal = {ctx.nominal(s, unit) for s in c.statements}
    slack = ok and len(nominal) > 1
    message = f"{texts}" + ("" if ok else f": {' vs '.join(str(i) for i in ivs)} do not meet")
    code = FindingCode.SAME_OK if ok else FindingCode.SAME_MISMATCH
    return Finding(
        c.id, c.kind, code, _status(ok), c.figures, message, str(ivs[0]),
        str(ivs[-1]), slack, {}, c.section,
    )  # fmt: skip


def evaluate(
    check: Check,
    figures: Mapping[str, Reported],
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> Finding:
    """Decide one check against the figures (a mapping from id to :class:`Reported`).

    Raises:
        KeyError: the check names a figure that is not in ``figures``.
    """
    missing = [f for f in check.figures if f not in figures]
    if missing:
        raise KeyError(f"check {check.id!r} names unknown figure(s): {', '.join(missing)}")
    ctx = _Ctx(figures, conventions)
    if isinstance(check, Total):
        return _eval_total(check, ctx)
    if isinstance(check, Share):
        return _eval_share(check, ctx)
    if isinstance(check, ShareSum):
        return _eval_share_sum(check, ctx)
    if isinstance(check, Subset):
        return _eval_subset(check, ctx)
    if isinstance(check, Change):
        return _eval_change(check, ctx)
    if isinstance(check, Rate):
        return _eval_rate(check, ctx)
    return _eval_same(check, ctx)


def evaluate_all(
    checks: list[Check] | tuple[Check, ...],
    figures: Mapping[str, Reported],
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> list[Finding]:
    """Decide every check; never stops at the first failure."""
    return [evaluate(c, figures, conventions) for c in checks]
