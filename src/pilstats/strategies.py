"""Hypothesis strategies for report data, consistent by construction, and corruptions.

Requires Hypothesis (``pip install pilstats[test]``). The strategies *construct* valid
data rather than filtering it: they draw the true counts, compute exact totals, then
"publish" them as a statistics office would — shares rounded under a convention, some
counts hedged with 约/余/近 — so every :class:`Breakdown` is consistent by design and
the checker must accept it. :func:`corruptions` then damages one printed figure the way
typists do (digit swap, digit change, off by one in the last place) so that the true
value leaves the figure's interval; the checker must reject it.

Use them to fuzz a pipeline that consumes pilstats::

    from hypothesis import given
    from pilstats.strategies import breakdowns

    @given(breakdowns())
    def test_my_pipeline_accepts_consistent_reports(b):
        assert my_pipeline(b.figures, b.checks).ok
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from hypothesis import assume
from hypothesis import strategies as st

from pilstats.checks import Change, Check, Share, ShareSum, Subset, Total
from pilstats.culprits import typo_variants
from pilstats.figure import Conventions, Qualifier, Reported, format_figure, parse_figure
from pilstats.numerals import chinese_numeral
from pilstats.rounding import Rounding, round_to

__all__ = [
    "Breakdown",
    "Corruption",
    "breakdowns",
    "corruptions",
    "figure_texts",
    "report_texts",
    "roundings",
    "tight_figures",
]

_COUNT_UNITS = ("件", "人", "家", "条", "份", "个", "起", "项")
_OTHER_UNITS = ("元", "亩", "吨", "千克", "公顷")


def tight_figures(breakdown: Breakdown) -> tuple[str, ...]:
    """Figures of a breakdown that sit in exact relations (sums, shares).

    Any corruption of these beyond rounding must fail a check. The change and the
    previous-year figure are constrained only to the width the printed percentage
    allows, so they are left out.
    """
    return tuple(k for k in breakdown.figures if k not in ("change", "previous"))


def roundings() -> st.SearchStrategy[Rounding]:
    """Any rounding convention."""
    return st.sampled_from(list(Rounding))


@dataclass(frozen=True)
class Breakdown:
    """A consistent set of figures with the checks that relate them.

    Attributes:
        figures: parsed figures by id, as a report would print them.
        checks: the checks that must all pass (none may fail).
        truth: the exact true value behind every figure, in the figure's unit.
        conventions: how the figures were published.
    """

    figures: dict[str, Reported]
    checks: tuple[Check, ...]
    truth: dict[str, Fraction]
    conventions: Conventions = field(default_factory=Conventions)


@dataclass(frozen=True)
class Corruption:
    """A breakdown with one figure damaged so that its true value is outside it."""

    breakdown: Breakdown
    figure: str
    original: Reported
    corrupted: Reported
    operation: str


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@st.composite
def _published_count(draw: st.DrawFn, true: int, unit: str, qualifiers: bool) -> str:
    """Print a true count as a report would: exact, or hedged with 约/余/近."""
    if not qualifiers or true < 10:
        return f"{true}{unit}"
    how = draw(st.sampled_from(["exact", "exact", "约", "余", "近"]))
    if how == "exact":
        return f"{true}{unit}"
    digits = len(str(true))
    k = draw(st.integers(min_value=1, max_value=max(1, digits - 1)))
    step = 10**k
    if how == "约":
        p = int(round_to(Fraction(true), k, Rounding.HALF_UP))
    elif how == "余":
        p = true // step * step
    else:
        p = (true // step + 1) * step
    if p == 0:
        return f"{true}{unit}"
    number = str(p)
    if p % 10**4 == 0 and draw(st.booleans()):
        number = _decimal_text(Decimal(p) / Decimal(10**4)) + "万"
    if how == "约":
        return f"约{number}{unit}"
    if how == "近":
        return f"近{number}{unit}"
    if number.endswith("万") and draw(st.booleans()):
        return f"{number[:-1]}余万{unit}"
    return f"{number}余{unit}"


@st.composite
def breakdowns(
    draw: st.DrawFn,
    *,
    min_parts: int = 2,
    max_parts: int = 8,
    max_count: int = 10**6,
    rounding: Rounding | None = None,
    qualifiers: bool = True,
) -> Breakdown:
    """A total, its parts, their printed shares, a group share and a year-over-year change.

    Checks: the parts sum to the total; each share agrees with part/total; the shares
    sum to 100%; a group of the first parts has a printed total and share, and its
    members' shares sum to the group's share within rounding; each part is a subset
    of the total; the first part changed by a printed percentage from a printed
    previous-year count (checked against it, and without it, as "some integer fits").
    """
    conv_rounding = draw(roundings()) if rounding is None else rounding
    conventions = Conventions(rounding=conv_rounding)
    unit = draw(st.sampled_from(_COUNT_UNITS))
    n = draw(st.integers(min_value=min_parts, max_value=max_parts))
    parts = draw(
        st.lists(st.integers(min_value=1, max_value=max_count), min_size=n, max_size=n)
    )
    total = sum(parts)
    exponent = draw(st.sampled_from([0, -1, -2]))
    printed: dict[str, str] = {"total": f"{total}{unit}"}
    truth: dict[str, Fraction] = {"total": Fraction(total)}
    checks: list[Check] = []
    part_ids = [f"part_{i}" for i in range(n)]
    share_ids = [f"share_{i}" for i in range(n)]
    for pid, sid, true in zip(part_ids, share_ids, parts, strict=True):
        printed[pid] = draw(_published_count(true, unit, qualifiers))
        truth[pid] = Fraction(true)
        share = Fraction(true * 100, total)
        printed[sid] = f"{round_to(share, exponent, conv_rounding)}%"
        truth[sid] = share
        checks.append(Share(f"{sid}_of_total", pid, "total", sid))
        checks.append(Subset(f"{pid}_within_total", pid, "total"))
    checks.insert(0, Total("sum", "total", tuple(part_ids)))
    checks.append(ShareSum("shares_sum", tuple(share_ids)))
    m = draw(st.integers(min_value=1, max_value=n))
    group_share = Fraction(sum(parts[:m]) * 100, total)
    printed["group_share"] = f"{round_to(group_share, exponent, conv_rounding)}%"
    truth["group_share"] = group_share
    printed["group_total"] = f"{sum(parts[:m])}{unit}"
    truth["group_total"] = Fraction(sum(parts[:m]))
    checks.append(Total("group_sum", "group_total", tuple(part_ids[:m])))
    checks.append(Share("group_share_of_total", "group_total", "total", "group_share"))
    checks.append(ShareSum("group_shares_sum", tuple(share_ids[:m]), "group_share"))
    previous = draw(st.integers(min_value=1, max_value=max_count))
    change = Fraction(parts[0] - previous, previous) * 100
    printed["change"] = f"{round_to(abs(change), -1, conv_rounding)}%"
    truth["change"] = abs(change)
    printed["previous"] = f"{previous}{unit}"
    truth["previous"] = Fraction(previous)
    direction: Literal["up", "down"] = "up" if change >= 0 else "down"
    checks.append(Change("change", "part_0", "change", direction, previous="previous"))
    checks.append(Change("change_implied", "part_0", "change", direction))
    figures = {k: parse_figure(v) for k, v in printed.items()}
    return Breakdown(figures, tuple(checks), truth, conventions)


def _retyped(figure: Reported, numeral: str) -> Reported | None:
    try:
        return parse_figure(
            format_figure(Reported(figure.value, figure.unit, figure.qualifier, numeral)),
            exact=figure.exact,
        )
    except ValueError:
        return None


@st.composite
def corruptions(
    draw: st.DrawFn,
    breakdown: Breakdown,
    *,
    typos_only: bool = False,
    targets: tuple[str, ...] | None = None,
) -> Corruption:
    """Damage one figure so that its true value falls outside its printed interval.

    Operations: ``swap`` two adjacent digits, change one ``digit``, or move the last
    printed place by one (``off_by_one``; skipped when ``typos_only``). ``targets``
    limits which figures may be hit (default: any).
    """
    fid = draw(st.sampled_from(sorted(targets or breakdown.figures)))
    original = breakdown.figures[fid]
    typos = list(typo_variants(original.numeral))
    options = sorted({op for op, _ in typos}) + ([] if typos_only else ["off_by_one"])
    assume(bool(options))
    operation = draw(st.sampled_from(options))
    numeral = original.numeral
    if operation != "off_by_one":
        numeral = draw(st.sampled_from([v for op, v in typos if op == operation]))
    corrupted: Reported | None
    if operation == "off_by_one":
        step = Decimal(1).scaleb(original.exponent)
        sign = draw(st.sampled_from([1, -1]))
        value = original.value + sign * step
        if value <= 0:
            value = original.value + step
        text = format(value, "f") if original.exponent < 0 else str(int(value))
        corrupted = parse_figure(f"{text}{original.unit}") if not original.qualifier else None
    else:
        corrupted = _retyped(original, numeral)
    truth = breakdown.truth[fid]
    bounds = None if corrupted is None else corrupted.bounds(breakdown.conventions)
    if corrupted is None or bounds is None or truth in bounds or corrupted.value == 0:
        # the damage is within rounding (or unprintable): not a corruption
        assume(False)
    assert corrupted is not None
    figures = {**breakdown.figures, fid: corrupted}
    damaged = Breakdown(figures, breakdown.checks, breakdown.truth, breakdown.conventions)
    return Corruption(damaged, fid, original, corrupted, operation)


@st.composite
def figure_texts(draw: st.DrawFn) -> str:
    """Printed figures of every shape pilstats reads: qualifiers, 万/亿, Chinese numerals."""
    kind = draw(st.sampled_from(["int", "decimal", "wan", "chinese", "percent"]))
    if kind == "chinese":
        n = draw(st.integers(min_value=1, max_value=10**9))
        number = chinese_numeral(n)
    elif kind == "percent":
        n = draw(st.integers(min_value=0, max_value=10000))
        number = format(Decimal(n).scaleb(-draw(st.integers(0, 2))), "f")
        return f"{number}%"
    else:
        n = draw(st.integers(min_value=1, max_value=10**7))
        places = draw(st.integers(min_value=0, max_value=3)) if kind != "int" else 0
        number = format(Decimal(n).scaleb(-places), "f")
        if kind == "wan":
            number += draw(st.sampled_from(["万", "亿"]))
    unit = draw(st.sampled_from(_COUNT_UNITS + _OTHER_UNITS))
    q = draw(st.sampled_from([None, *Qualifier]))
    if q is None:
        return f"{number}{unit}"
    if q in (Qualifier.MORE, Qualifier.ODD):
        if number.endswith(("万", "亿")) and draw(st.booleans()):
            return f"{number[:-1]}{q.value}{number[-1]}{unit}"
        return f"{number}{q.value}{unit}"
    if q is Qualifier.AROUND:
        return f"{number}{unit}{q.value}"
    return f"{q.value}{number}{unit}"


@st.composite
def report_texts(draw: st.DrawFn, *, all_listed: bool | None = None) -> tuple[str, Breakdown]:
    """A short report paragraph stating a consistent breakdown in words.

    ``共立案 T 件。其中，甲类 a 件，占立案总数的 x%；乙类 b 件，…`` with shares rounded
    half-up at one decimal; when not ``all_listed``, some parts are left out of the
    list (as reports do), so the listed parts and shares need not add up.
    """
    b = draw(breakdowns(rounding=Rounding.HALF_UP, qualifiers=False, max_parts=6))
    n = sum(1 for k in b.figures if k.startswith("part_"))
    listed = n if (all_listed or (all_listed is None and draw(st.booleans()))) else draw(
        st.integers(min_value=1, max_value=n)
    )  # fmt: skip
    names = "甲乙丙丁戊己庚辛"
    unit = b.figures["total"].unit
    pieces = []
    for i in range(listed):
        part = b.figures[f"part_{i}"]
        share = round_to(b.truth[f"share_{i}"], -1, Rounding.HALF_UP)
        pieces.append(f"{names[i]}类案件 {part.numeral} {unit}，占立案总数的 {share}%")
    ending = "等。" if listed < n and draw(st.booleans()) else "。"
    text = f"全年共立案 {b.figures['total'].numeral} {unit}。其中，" + "；".join(pieces) + ending
    return text, b
