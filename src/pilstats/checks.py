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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, Inexact
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pilstats.decimals import CONTEXT, isolated
from pilstats.errors import UnitError
from pilstats.figure import DEFAULT_CONVENTIONS, Conventions, Reported
from pilstats.findings import DerivedValue, Explain, Finding, FindingCode, Status, derived_text
from pilstats.interval import Interval, format_fraction
from pilstats.rounding import round_to
from pilstats.units import POINT_UNITS, UnitTable, active_units

if TYPE_CHECKING:
    from pilstats import formula as _formula

__all__ = [
    "Change",
    "Check",
    "Formula",
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
    "rounding_witnesses",
    "share_bounds",
    "sum_bounds",
]

HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")
_EXACT = CONTEXT.copy()
_EXACT.traps[Inexact] = True


# --------------------------------------------------------------------------- specs


def _at_least(ids: tuple[str, ...], fewest: int, message: str) -> None:
    if len(ids) < fewest:
        raise ValueError(message)


@dataclass(frozen=True)
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

    def __post_init__(self) -> None:
        """A total of no parts states nothing: refused."""
        _at_least(self.parts, 1, "a total needs at least one part")

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved, total first."""
        return (self.total, *self.parts)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ShareSum:
    """Printed shares of one partition add up to 100% (or to the printed ``total``).

    ``complete=False``: the shares of *some* members of a whole, which may not add up
    to more than 100% (or the ``total`` share) but may fall short of it.
    """

    id: str
    shares: tuple[str, ...]
    total: str | None = None
    complete: bool = True
    section: str | None = None
    note: str | None = None
    kind: Literal["share_sum"] = "share_sum"

    def __post_init__(self) -> None:
        """A sum of no shares states nothing: refused."""
        _at_least(self.shares, 1, "a share sum needs at least one share")

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return (*self.shares, *((self.total,) if self.total else ()))


@dataclass(frozen=True)
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

    def __post_init__(self) -> None:
        """A whole of no figures is refused."""
        _at_least(self.wholes, 1, "a subset needs a whole")

    @property
    def wholes(self) -> tuple[str, ...]:
        """The figures whose sum is the whole."""
        return (self.whole,) if isinstance(self.whole, str) else self.whole

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved, the part first."""
        return (self.part, *self.wholes)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Same:
    """One quantity stated more than once; all statements must agree."""

    id: str
    statements: tuple[str, ...]
    section: str | None = None
    note: str | None = None
    kind: Literal["same"] = "same"

    def __post_init__(self) -> None:
        """One quantity stated once is not a relation: refused."""
        _at_least(self.statements, 2, "a same relation needs at least two statements")

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures involved."""
        return self.statements


@dataclass(frozen=True)
class Formula:
    """A relation written as an equation or inequality over figure ids.

    ``expr`` is e.g. ``birth_rate - death_rate = natural_rate`` or
    ``civil >= max(criminal, administrative)``; see :mod:`pilstats.formula` for the
    syntax and semantics (values in base units, so % and ‰ and 亿 convert themselves).
    ``same_noun``: every count is a plain number (名 and 个 of one list may meet).
    """

    id: str
    expr: str
    same_noun: bool = False
    section: str | None = None
    note: str | None = None
    kind: Literal["formula"] = "formula"

    def __post_init__(self) -> None:
        """Parse the expression now, so a malformed one is refused when declared."""
        from pilstats import formula as _formula  # noqa: PLC0415 - only formulas need it

        try:
            _formula.parse_formula(self.expr)
        except _formula.FormulaError as exc:
            msg = f"formula {self.expr!r}: {exc}"
            raise ValueError(msg) from None

    @property
    def figures(self) -> tuple[str, ...]:
        """Ids of the figures the formula names, in order of appearance."""
        from pilstats import formula as _formula  # noqa: PLC0415 - only formulas need it

        return _formula.parse_formula(self.expr).names


Check = Total | Share | ShareSum | Subset | Change | Rate | Same | Formula
"""Any check specification."""


# ------------------------------------------------------------------ pure deciders


def sum_bounds(parts: list[Interval]) -> Interval:
    """Interval of every sum of one value drawn from each part."""
    if len(parts) == 1:
        return parts[0]
    lo = hi = Decimal(0)
    lo_closed = hi_closed = True
    for p in parts:
        lo = _EXACT.add(lo, p.lo)
        hi = _EXACT.add(hi, p.hi)
        lo_closed = lo_closed and p.lo_closed
        hi_closed = hi_closed and p.hi_closed
    return Interval(lo, hi, lo_closed, hi_closed)


def share_bounds(part: Interval, whole: Interval, per: Fraction | int = 100) -> Interval:
    """Interval of ``per * part / whole`` (percent by default); ``whole`` must be positive."""
    return (part / whole).scale(per)


def previous_bounds(current: Interval, change: Interval, direction: str) -> Interval:
    """Interval of previous values ``p`` with ``current = p * (1 ± change/100)``."""
    factor = change.scale(_PERCENT)
    one = Interval.point(1)
    factor = one + factor if direction == "up" else one - factor
    return current / factor


def numerator_bounds(rate: Interval, base: Interval) -> Interval:
    """Interval of ``rate/100 * base``: the numerators a printed rate allows."""
    return rate.scale(_PERCENT) * base


def _ratio(part: Nominal, whole: Nominal, per: Fraction | int = 100) -> Decimal:
    """``per * part / whole`` to 60 significant digits (percent by default).

    Exact when it terminates; otherwise it cannot sit on a printed rounding boundary
    (those terminate), so membership and rounding decisions made on it are exact.
    """
    if isinstance(part, Decimal) and isinstance(whole, Decimal) and per == 100:
        return _RATIO.divide(_RATIO.multiply(part, HUNDRED), whole)
    ratio = Fraction(part) * per / Fraction(whole)
    return _RATIO.divide(Decimal(ratio.numerator), Decimal(ratio.denominator))


_RATIO = CONTEXT.copy()
_RATIO.prec = 60


def _always_holds_integer(iv: Interval) -> bool:
    return iv.width > 1 or (iv.width == 1 and (iv.lo_closed or iv.hi_closed))


def _fmt(x: Decimal | Fraction) -> str:
    return format_fraction(x)


Nominal = Decimal | Fraction


def _nsum(values: list[Nominal]) -> Nominal:
    """Exact sum of printed values (Fractions only when a unit conversion was needed)."""
    decimals = [v for v in values if isinstance(v, Decimal)]
    if len(decimals) == len(values):
        total = Decimal(0)
        for v in decimals:
            total = _EXACT.add(total, v)
        return total
    return sum((Fraction(v) for v in values), Fraction(0))


# ---------------------------------------------------------------------- evaluate


class _Ctx:
    """The figures of one evaluation run, with their intervals memoised by id.

    The unit table in force when the run starts is kept, so explanations written
    later (lazily) convert units the same way.
    """

    __slots__ = ("_bounds", "conventions", "figures", "own", "units")

    def __init__(
        self,
        figures: Mapping[str, Reported],
        conventions: Conventions,
        own: Mapping[str, Conventions] | None = None,
    ) -> None:
        self.figures = figures
        self.conventions = conventions
        self.own = own or {}
        self.units: UnitTable = active_units()
        self._bounds: dict[str, Interval] = {}

    def fig(self, fid: str) -> Reported:
        return self.figures[fid]

    def pin(self, fid: str) -> None:
        """Take the figure at face value: its printed value, exactly."""
        self._bounds[fid] = Interval.point(self.figures[fid].value)

    def bounds(self, fid: str, unit: str | None = None) -> Interval:
        iv = self._bounds.get(fid)
        f = self.figures[fid]
        if iv is None:
            iv = self._bounds[fid] = f.bounds(self.own.get(fid, self.conventions))
        if unit is None or unit == f.unit:
            return iv
        return iv.scale(self.units.conversion_factor(f.unit, unit))

    def nominal(self, fid: str, unit: str | None = None) -> Nominal:
        f = self.figures[fid]
        if unit is None or unit == f.unit:
            return f.value
        return Fraction(f.value) * self.units.conversion_factor(f.unit, unit)

    def per(self, fid: str) -> Fraction:
        """How many of the figure's ratio unit make one: 100 for %, 1000 for ‰."""
        return 1 / self.units.ratio_factor(self.figures[fid].unit)


def _units_agree(ctx: _Ctx, ids: tuple[str, ...], same_noun: bool) -> str | None:
    """Return an error message when the figures' units are not commensurable."""
    if same_noun:
        return None
    target = ctx.fig(ids[0]).unit
    for fid in ids[1:]:
        unit = ctx.fig(fid).unit
        if unit == target:
            continue
        try:
            ctx.units.conversion_factor(unit, target)
        except UnitError:
            return f"{fid} is in {unit!r} but {ids[0]} is in {target!r}"
    return None


def _exact_unit(ctx: _Ctx, ids: tuple[str, ...], preferred: str) -> str:
    """A unit all ``ids`` convert into by a terminating decimal factor, ``preferred`` if it is one.

    A conversion by 1/15 (亩 → 公顷) would round each bound outward and close it, so two
    figures that merely touch (15亩 = [14.5, 15.5) and 16亩 = [15.5, 16.5)) would seem to
    meet; converting the other way (× 15) is exact. Any unit gives the same verdict.
    """
    units = [ctx.fig(f).unit for f in ids]
    if all(u == preferred for u in units):
        return preferred
    for target in dict.fromkeys([preferred, *units]):
        if all(_terminates(ctx.units.conversion_factor(u, target)) for u in units):
            return target
    return preferred


def _terminates(k: Fraction) -> bool:
    """Whether ``k`` has a finite decimal expansion (its denominator is 2**a * 5**b)."""
    d = k.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _said(message: str, derived: dict[str, DerivedValue] | None = None) -> Explain:
    return lambda: (message, derived or {})


def _finding(  # noqa: PLR0917 - internal constructor mirroring Finding's fields
    c: Check,
    code: FindingCode,
    status: Status,
    explain: Explain,
    computed: Interval | None = None,
    printed: Interval | None = None,
    slack: bool = False,
) -> Finding:
    return Finding(
        c.id, c.kind, code, status, c.figures, computed, printed, slack, c.section, explain
    )


def _unit_finding(check: Check, message: str) -> Finding:
    return _finding(check, FindingCode.UNIT_MISMATCH, Status.FAIL, _said(message))


def _status(ok: bool) -> Status:
    return Status.PASS if ok else Status.FAIL


def _eval_total(c: Total, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, c.same_noun)
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else _exact_unit(ctx, c.figures, ctx.fig(c.total).unit)
    total = ctx.bounds(c.total, unit)
    s = sum_bounds([ctx.bounds(p, unit) for p in c.parts])
    if c.complete:
        ok = s.intersects(total)
        # a sum of exact figures that meets an exact total has no slack to lean on
        slack = ok and not (s.is_point and total.is_point) and (
            _nsum([ctx.nominal(p, unit) for p in c.parts]) != ctx.nominal(c.total, unit)
        )
    else:
        # partial list: the listed parts may not exceed the total
        ok = s.lo < total.hi or (s.lo == total.hi and s.lo_closed and total.hi_closed)
        slack = ok and not (s.is_point and total.is_point) and (
            _nsum([ctx.nominal(p, unit) for p in c.parts]) > ctx.nominal(c.total, unit)
        )

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        expr = " + ".join(ctx.fig(p).numeral + ctx.fig(p).unit for p in c.parts)
        printed_total = str(ctx.fig(c.total))
        if c.complete:
            if not ok:
                gap = _fmt(s.gap(total))
                return (
                    f"{expr} = {s} but the printed total {printed_total} means {total}: "
                    f"off by at least {gap}"
                ), {}
            message = f"{expr} = {_fmt(_nsum([ctx.nominal(p, unit) for p in c.parts]))}; "
            message += f"printed total {printed_total}"
            if slack:
                message += f" (agrees within rounding: sum in {s}, total in {total})"
            return message, {}
        if not ok:
            gap = _fmt(s.gap(total))
            return (
                f"listed parts {expr} = {s} exceed the printed total {printed_total} "
                f"({total}) by at least {gap}"
            ), {}
        remainder = total - s
        lo = max(remainder.lo, Decimal(0))
        lo_closed = remainder.lo_closed if remainder.lo >= 0 else True
        rem = Interval(lo, remainder.hi, lo_closed, remainder.hi_closed)
        listed = _fmt(_nsum([ctx.nominal(p, unit) for p in c.parts]))
        message = (
            f"listed parts {expr} = {listed} ≤ printed total {printed_total}; "
            f"unlisted remainder {_fmt(ctx.nominal(c.total, unit))} − {listed} = {rem}"
        )
        return message, {c.remainder or "remainder": rem}

    if c.complete:
        code = FindingCode.SUM_OK if ok else FindingCode.SUM_MISMATCH
    else:
        code = FindingCode.PARTIAL_SUM_OK if ok else FindingCode.PARTIAL_SUM_EXCEEDS
    return _finding(c, code, _status(ok), explain, s, total, slack)


def _eval_share(c: Share, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, (c.part, c.whole), c.same_noun)
    share_fig = ctx.fig(c.share)
    if not problem and (not share_fig.is_ratio or share_fig.unit in POINT_UNITS):
        problem = f"{c.share} is in {share_fig.unit!r}, not a percentage"
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else _exact_unit(ctx, (c.part, c.whole), ctx.fig(c.whole).unit)
    part, whole = ctx.bounds(c.part, unit), ctx.bounds(c.whole, unit)
    printed = ctx.bounds(c.share)
    per = ctx.per(c.share)
    sign = share_fig.unit

    def ratio_text() -> str:
        p, w = ctx.fig(c.part), ctx.fig(c.whole)
        return f"{p.numeral}{p.unit} / {w.numeral}{w.unit}"

    if whole.lo <= 0:
        return _finding(
            c, FindingCode.SHARE_UNTESTABLE, Status.UNTESTABLE,
            lambda: (f"{ratio_text()}: the whole may be zero", {}), None, printed,
        )  # fmt: skip
    if part.lo < 0:
        return _finding(
            c, FindingCode.SHARE_UNTESTABLE, Status.UNTESTABLE,
            lambda: (f"{ratio_text()}: the part may be negative", {}), None, printed,
        )  # fmt: skip
    computed = share_bounds(part, whole, per)
    if computed.lo <= 0 and computed.hi >= per:
        return _finding(
            c, FindingCode.SHARE_UNTESTABLE, Status.UNTESTABLE,
            lambda: (f"{ratio_text()} may be anything from 0 to 100%", {}), computed, printed,
        )  # fmt: skip
    ok = computed.intersects(printed)
    slack = False
    if ok and not (part.is_point and whole.is_point):
        nominal = _ratio(ctx.nominal(c.part, unit), ctx.nominal(c.whole, unit), per)
        slack = nominal not in printed

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        nominal = _ratio(ctx.nominal(c.part, unit), ctx.nominal(c.whole, unit), per)
        as_printed = round_to(nominal, share_fig.exponent, ctx.conventions.rounding)
        shown = format_fraction(nominal, direction=0, digits=8)
        if ok:
            message = f"{ratio_text()} = {shown}{sign} → {as_printed}{sign}; printed {share_fig}"
            if slack:
                message += f" (agrees only within rounding: {computed} vs {printed})"
        else:
            message = (
                f"{ratio_text()} = {shown}{sign} (in {computed}) but printed {share_fig} "
                f"means {printed}; at this precision it should print as {as_printed}{sign}"
            )
        return message, {"share": as_printed}

    code = FindingCode.SHARE_OK if ok else FindingCode.SHARE_MISMATCH
    return _finding(c, code, _status(ok), explain, computed, printed, slack)


def _eval_share_sum(c: ShareSum, ctx: _Ctx) -> Finding:
    not_ratio = [s for s in c.figures if not ctx.fig(s).is_ratio]
    if not_ratio:
        return _unit_finding(c, f"not percentages: {', '.join(not_ratio)}")
    units = {ctx.fig(x).unit for x in c.figures}
    if len(units) > 1:
        return _unit_finding(c, f"shares printed in different units: {', '.join(sorted(units))}")
    per = ctx.per(c.shares[0])
    whole = _EXACT.divide(Decimal(per.numerator), Decimal(per.denominator))
    s = sum_bounds([ctx.bounds(x) for x in c.shares])
    target = ctx.bounds(c.total) if c.total else Interval.point(whole)
    nominal_target = ctx.nominal(c.total) if c.total else whole
    if c.complete:
        ok = s.intersects(target)
        slack = ok and _nsum([ctx.nominal(x) for x in c.shares]) != nominal_target
    else:
        ok = s.lo < target.hi or (s.lo == target.hi and s.lo_closed and target.hi_closed)
        slack = ok and _nsum([ctx.nominal(x) for x in c.shares]) > nominal_target

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        sign = ctx.fig(c.shares[0]).unit
        target_txt = str(ctx.fig(c.total)) if c.total else f"{_fmt(whole)}{sign}"
        nominal = _fmt(_nsum([ctx.nominal(x) for x in c.shares]))
        expr = " + ".join(ctx.fig(x).numeral for x in c.shares)
        relation = "against" if c.complete else "may not exceed"
        if ok:
            message = f"{expr} = {nominal}{sign} {relation} {target_txt}"
            if slack:
                message += f": agrees within propagated rounding ({s} meets {target})"
            return message, {}
        gap = _fmt(s.gap(target))
        if not c.complete:
            return (
                f"{expr} = {nominal}{sign}: shares of part of a whole exceed {target_txt} even "
                f"with rounding ({s} vs {target}) by {gap}"
            ), {}
        return (
            f"{expr} = {nominal}{sign} against {target_txt}: even with rounding the sum "
            f"lies in {s}, which misses {target} by {gap}"
        ), {}

    code = FindingCode.SHARE_SUM_OK if ok else FindingCode.SHARE_SUM_MISMATCH
    return _finding(c, code, _status(ok), explain, s, target, slack)


def _eval_subset(c: Subset, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, c.same_noun)
    if problem:
        return _unit_finding(c, problem)
    unit = None if c.same_noun else _exact_unit(ctx, c.figures, ctx.fig(c.wholes[0]).unit)
    part = ctx.bounds(c.part, unit)
    whole = sum_bounds([ctx.bounds(w, unit) for w in c.wholes])
    ok = part.lo < whole.hi or (part.lo == whole.hi and part.lo_closed and whole.hi_closed)
    slack = ok and not (part.is_point and whole.is_point) and (
        ctx.nominal(c.part, unit) > _nsum([ctx.nominal(w, unit) for w in c.wholes])
    )

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        pf = ctx.fig(c.part)
        wf = " + ".join(str(ctx.fig(w)) for w in c.wholes)
        if not ok:
            return f"{pf} ({part}) cannot be a part of {wf} ({whole})", {}
        message = f"{pf} ≤ {wf}"
        if slack:
            message += f" (only within qualifier slack: {part} vs {whole})"
        return message, {}

    code = FindingCode.SUBSET_OK if ok else FindingCode.SUBSET_EXCEEDS
    return _finding(c, code, _status(ok), explain, part, whole, slack)


def _eval_change(c: Change, ctx: _Ctx) -> Finding:
    cur, chg = ctx.fig(c.current), ctx.fig(c.change)
    if not chg.is_ratio or chg.unit in POINT_UNITS or chg.unit == "":
        return _unit_finding(c, f"{c.change} is in {chg.unit!r}, not a percentage or multiple")
    unit = cur.unit
    if c.previous is not None:
        problem = _units_agree(ctx, (c.current, c.previous), same_noun=False)
        if problem:
            return _unit_finding(c, problem)
        unit = _exact_unit(ctx, (c.current, c.previous), cur.unit)
    to_percent = 100 * ctx.units.ratio_factor(chg.unit)
    current = ctx.bounds(c.current, unit)
    change = ctx.bounds(c.change)
    if to_percent != 1:  # 倍, 成, ‰: the interval in percent, as previous_bounds reads it
        change = change.scale(to_percent)
    verb = "上升" if c.direction == "up" else "下降"
    head = f"{cur} = previous × (1 {'+' if c.direction == 'up' else '−'} {chg})"
    if current.lo < 0 or (c.direction == "up" and change.lo <= -HUNDRED):
        return _finding(
            c, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head}: a value that may be negative has no relative change to check"),
        )  # fmt: skip
    if c.direction == "down" and change.hi >= HUNDRED:
        return _eval_steep_fall(c, ctx, current, change, head, unit=unit)
    prev = previous_bounds(current, change, c.direction)
    if c.previous is not None:
        printed_prev = ctx.bounds(c.previous, unit)
        ok = prev.intersects(printed_prev)
        face = _face_change(c, ctx)
        slack = ok and (face is None or face not in ctx.bounds(c.change))
        message = (
            f"{head} → previous in {prev}; printed previous {ctx.fig(c.previous)}"
            + ("" if ok else f" ({printed_prev}) is outside it")
        )
        if slack and face is not None:
            shown = format_fraction(face, direction=0, digits=8)
            message += (f" (holds only within rounding: at face value the change is "
                        f"{shown}{chg.unit}, not {chg})")  # fmt: skip
        code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
        return _finding(c, code, _status(ok), _said(message), prev, printed_prev, slack)
    if not cur.is_count:
        return _finding(
            c, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head} → previous in {prev}; {cur.unit} is not a count, so any value fits",
                  {"previous": prev}),
            prev,
        )  # fmt: skip
    candidates = prev.integers()
    derived: dict[str, DerivedValue] = {"previous": candidates}
    if _always_holds_integer(prev):
        return _finding(
            c, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head} → previous in {prev}: {len(candidates)} integers fit, so the "
                  f"printed {verb} {chg} cannot be wrong at this precision", derived),
            prev,
        )  # fmt: skip
    ok = len(candidates) > 0
    if ok:
        message = f"{head} → previous in {prev}: integer previous value {derived_text(candidates)}"
    else:
        message = f"{head} → previous in {prev}, which holds no integer count"
    pct = Fraction(chg.value) * to_percent / 100
    factor = 1 + pct if c.direction == "up" else 1 - pct
    slack = ok and (Fraction(cur.value) / factor).denominator != 1
    code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
    return _finding(c, code, _status(ok), _said(message, derived), prev, None, slack)


def _face_change(c: Change, ctx: _Ctx) -> Fraction | None:
    """The change (in the change figure's unit) the printed values imply at face value.

    None when the printed previous value is 0.
    """
    assert c.previous is not None
    cur, chg = ctx.fig(c.current), ctx.fig(c.change)
    previous = Fraction(ctx.nominal(c.previous, cur.unit))
    if previous == 0:
        return None
    ratio = Fraction(cur.value) / previous
    rate = ratio - 1 if c.direction == "up" else 1 - ratio
    return rate / ctx.units.ratio_factor(chg.unit)


def _eval_steep_fall(
    c: Change, ctx: _Ctx, current: Interval, change: Interval, head: str, *, unit: str
) -> Finding:
    """A fall (``change``, in %) whose interval reaches 100%: the previous value is unbounded."""
    if change.lo >= HUNDRED:
        ok = 0 in current
        message = f"{head}: a fall of 100% or more leaves 0, " + (
            "consistent with the current value" if ok else f"but the current value is {current}"
        )
        status = Status.UNTESTABLE if ok else Status.FAIL
        code = FindingCode.CHANGE_UNTESTABLE if ok else FindingCode.CHANGE_NO_PREVIOUS
        return _finding(c, code, status, _said(message))
    lower = Fraction(current.lo) / (1 - Fraction(change.lo) / 100)
    # the least previous value is attained only when both ends it comes from are
    lower_attained = current.lo_closed and (change.lo_closed or current.lo == 0)
    bound = f"previous ≥ {format_fraction(lower, direction=-1)}"
    if c.previous is None:
        return _finding(
            c, FindingCode.CHANGE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head}: {bound}, unbounded above, so some integer always fits"),
        )  # fmt: skip
    printed_prev = ctx.bounds(c.previous, unit)
    ok = printed_prev.hi > lower or (
        printed_prev.hi == lower and printed_prev.hi_closed and lower_attained
    )
    message = f"{head}: {bound}; printed previous {ctx.fig(c.previous)}" + (
        "" if ok else " is below it"
    )
    code = FindingCode.CHANGE_OK if ok else FindingCode.CHANGE_NO_PREVIOUS
    return _finding(c, code, _status(ok), _said(message), None, printed_prev)


def _eval_rate(c: Rate, ctx: _Ctx) -> Finding:
    """Some integer numerator of the base gives the printed rate.

    ``computed`` is on the printed rate's scale: the rates the fitting integer
    numerators give, or (when none fits) the achievable rate nearest the printed one.
    """
    rf, bf = ctx.fig(c.rate), ctx.fig(c.base)
    if not rf.is_ratio or rf.unit in POINT_UNITS:
        return _unit_finding(c, f"{c.rate} is in {rf.unit!r}, not a percentage")
    rate, base = ctx.bounds(c.rate), ctx.bounds(c.base)
    if rate.lo < 0 or base.lo < 0:
        return _finding(
            c, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{rf} of {bf}: a negative rate or base has no numerator to check"),
        )  # fmt: skip
    if base.lo == 0:
        return _finding(
            c, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{rf} of {bf}: a base that may be zero gives no rate to check"),
        )  # fmt: skip
    per = ctx.per(c.rate)
    numerators = numerator_bounds(rate if per == 100 else rate.scale(Fraction(100) / per), base)
    head = f"{rf} of {bf} = {numerators}"
    if not bf.is_count:
        return _finding(
            c, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head}; {bf.unit} is not a count, so any value fits",
                  {"numerator": numerators}),
            None, rate,
        )  # fmt: skip
    candidates = numerators.integers()
    derived: dict[str, DerivedValue] = {"numerator": candidates}
    if len(candidates):
        achieved = share_bounds(Interval.point(candidates.start) + Interval(
            Decimal(0), Decimal(len(candidates) - 1)), base, per)
    else:
        nearest = round(Fraction(numerators.lo + numerators.hi) / 2)
        achieved = share_bounds(Interval.point(max(nearest, 0)), base, per)
    if _always_holds_integer(numerators):
        return _finding(
            c, FindingCode.RATE_UNTESTABLE, Status.UNTESTABLE,
            _said(f"{head}: {len(candidates)} integer numerators fit, so the rate cannot be "
                  "wrong at this precision", derived),
            achieved, rate,
        )  # fmt: skip
    ok = len(candidates) > 0
    if ok:
        message = f"{head}: numerator {derived_text(candidates)}"
    else:
        message = (f"{head}: no integer fits; the nearest numerator gives {achieved}"
                   f"{rf.unit}, outside the printed {rate}")  # fmt: skip
    code = FindingCode.RATE_OK if ok else FindingCode.RATE_NO_NUMERATOR
    return _finding(c, code, _status(ok), _said(message, derived), achieved, rate)


def _eval_same(c: Same, ctx: _Ctx) -> Finding:
    problem = _units_agree(ctx, c.figures, same_noun=False)
    if problem:
        return _unit_finding(c, problem)
    unit = _exact_unit(ctx, c.statements, ctx.fig(c.statements[0]).unit)
    ivs = [ctx.bounds(s, unit) for s in c.statements]
    ok = all(a.intersects(b) for i, a in enumerate(ivs) for b in ivs[i + 1 :])
    slack = ok and not all(i.is_point for i in ivs) and (
        len({ctx.nominal(s, unit) for s in c.statements}) > 1
    )

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        texts = " = ".join(f"{ctx.fig(s)}" for s in c.statements)
        if ok:
            return texts, {}
        return f"{texts}: {' vs '.join(str(i) for i in ivs)} do not meet", {}

    code = FindingCode.SAME_OK if ok else FindingCode.SAME_MISMATCH
    return _finding(c, code, _status(ok), explain, ivs[0], ivs[-1], slack)


def _formula_env(c: Formula, ctx: _Ctx) -> dict[str, _formula.FInterval]:
    from pilstats import formula as _formula  # noqa: PLC0415 - only formulas need it

    env = {}
    for fid in c.figures:
        f = ctx.fig(fid)
        iv = ctx.bounds(fid)
        factor, dims = ctx.units.to_base(f.unit)
        if c.same_noun:
            dims = {d: p for d, p in dims.items() if not d.startswith("[count_")}
        env[fid] = _formula.FInterval(
            Fraction(iv.lo) * factor, Fraction(iv.hi) * factor, iv.lo_closed, iv.hi_closed,
            tuple(sorted(dims.items())), Fraction(f.value) * factor,
        )  # fmt: skip
    return env


def _to_interval(x: _formula.FInterval) -> Interval:
    return Interval.of(x.lo, x.hi, x.lo_closed, x.hi_closed)


def _eval_formula(c: Formula, ctx: _Ctx) -> Finding:
    from pilstats import formula as _formula  # noqa: PLC0415 - only formulas need it

    parsed = _formula.parse_formula(c.expr)
    try:
        env = _formula_env(c, ctx)
        left = _formula.evaluate(parsed.left, env)
        right = _formula.evaluate(parsed.right, env)
        ok = _formula.decide(parsed.comparison, left, right)
    except (_formula.UnitMismatch, UnitError) as exc:
        return _unit_finding(c, f"{c.expr}: {exc}")
    except _formula.UnboundedError as exc:
        return _finding(c, FindingCode.FORMULA_UNTESTABLE, Status.UNTESTABLE,
                        _said(f"{c.expr}: {exc}, so any value fits"))  # fmt: skip
    # The right side is the printed result: at face value of the inputs, the left side
    # must satisfy the comparison with some value the printed result admits.
    nominal_ok = left.nominal is not None and _formula.decide(
        parsed.comparison, _formula.FInterval(left.nominal, left.nominal, True, True, left.dims),
        right,
    )
    slack = ok and not nominal_ok
    repeated = len(c.figures) < sum(1 for _ in _formula_ids(c.expr))
    lo_iv, ro_iv = _to_interval(left), _to_interval(right)

    def explain() -> tuple[str, dict[str, DerivedValue]]:
        values = ", ".join(f"{fid} = {ctx.fig(fid)}" for fid in c.figures)
        faces = ""
        if left.nominal is not None and right.nominal is not None:
            faces = (f"; at face value {_fmt_fraction(left.nominal)} "
                     f"{parsed.comparison} {_fmt_fraction(right.nominal)}")  # fmt: skip
        units = "" if not left.dims else f" (in base units: {_formula._dims_text(left.dims)})"  # noqa: SLF001
        verdict = "holds" if ok else "cannot hold"
        message = (f"{c.expr} with {values}: left in {lo_iv}, right in {ro_iv}{units}; "
                   f"{verdict}{' only within rounding' if slack else ''}{faces}")  # fmt: skip
        if repeated:
            message += " (a figure named twice varies independently: the test is lenient)"
        return message, {}

    code = FindingCode.FORMULA_OK if ok else FindingCode.FORMULA_MISMATCH
    return _finding(c, code, _status(ok), explain, lo_iv, ro_iv, slack)


def _formula_ids(expr: str) -> list[str]:
    from pilstats import formula as _formula  # noqa: PLC0415 - only formulas need it

    out: list[str] = []
    parsed = _formula.parse_formula(expr)

    def walk(node: _formula.Node) -> None:
        if node.op == "id" and node.name is not None:
            out.append(node.name)
        for a in node.args:
            walk(a)

    walk(parsed.left)
    walk(parsed.right)
    return out


def _fmt_fraction(x: Fraction) -> str:
    return format_fraction(x, digits=10)


@isolated
def evaluate(
    check: Check,
    figures: Mapping[str, Reported],
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> Finding:
    """Decide one check against the figures (a mapping from id to :class:`Reported`).

    Raises:
        KeyError: the check names a figure that is not in ``figures``.
    """
    return _evaluate(check, _Ctx(figures, conventions))


def _evaluate(check: Check, ctx: _Ctx) -> Finding:
    try:
        return _DECIDERS[type(check)](check, ctx)
    except KeyError:
        missing = [f for f in check.figures if f not in ctx.figures]
        if missing:
            msg = f"check {check.id!r} names unknown figure(s): {', '.join(missing)}"
            raise KeyError(msg) from None
        raise


_DECIDERS: dict[type, Callable[[Any, _Ctx], Finding]] = {
    Total: _eval_total,
    Share: _eval_share,
    ShareSum: _eval_share_sum,
    Subset: _eval_subset,
    Change: _eval_change,
    Rate: _eval_rate,
    Same: _eval_same,
    Formula: _eval_formula,
}


@isolated
def rounding_witnesses(
    check: Check,
    figures: Mapping[str, Reported],
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> tuple[str, ...]:
    """The figures whose rounding interval alone makes ``check`` hold.

    For each figure of the check, every other figure is taken at face value (its
    printed value, exactly) and only this one ranges over its printed interval; it is a
    witness when the check then passes. A pass within rounding with no witness needs
    the rounding of several figures together (44.2 + 12.5 + 0.8 + 4.4 against 61.8).
    """
    out = []
    for fid in dict.fromkeys(check.figures):
        ctx = _Ctx(figures, conventions)
        for other in check.figures:
            if other != fid:
                ctx.pin(other)
        if _evaluate(check, ctx).status is Status.PASS:
            out.append(fid)
    return tuple(out)


@isolated
def evaluate_all(
    checks: list[Check] | tuple[Check, ...],
    figures: Mapping[str, Reported],
    conventions: Conventions = DEFAULT_CONVENTIONS,
    *,
    own: Mapping[str, Conventions] | None = None,
) -> list[Finding]:
    """Decide every check; never stops at the first failure.

    The figures' intervals are computed once per run and shared by all checks.
    ``own`` gives figures read under conventions of their own (the figures of several
    documents, each read as its fixture says).
    """
    ctx = _Ctx(figures, conventions, own)
    return [_evaluate(c, ctx) for c in checks]
