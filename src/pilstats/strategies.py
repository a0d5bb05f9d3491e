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

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from hypothesis import assume
from hypothesis import strategies as st

from pilstats.checks import Change, Check, Rate, Same, Share, ShareSum, Subset, Total
from pilstats.figure import Conventions, Qualifier, Reported, format_figure, parse_figure
from pilstats.numerals import chinese_numeral
from pilstats.rounding import Rounding, round_to

__all__ = [
    "Breakdown",
    "Corruption",
    "breakdowns",
    "corruptions",
    "figure_texts",
    "quantity_breakdowns",
    "report_texts",
    "roundings",
    "tight_figures",
]

_COUNT_UNITS = ("件", "人", "家", "条", "份", "个", "起", "项")
_OTHER_UNITS = ("元", "亩", "吨", "千克", "公顷")


def tight_figures(breakdown: Breakdown) -> tuple[str, ...]:
    """Figures of a breakdown that sit in exact relations (sums, shares).

    Any corruption of these beyond rounding must fail a check. The change, the
    previous-year figure and the rate are constrained only to the width the printed
    percentage allows, so they are left out.
    """
    return tuple(k for k in breakdown.figures if k not in ("change", "previous", "rate"))


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


def _tie_parts(draw: st.DrawFn, n: int, exponent: int) -> list[int]:
    """Parts whose total is 2 * 10**(2 - exponent): every odd part's share is a tie.

    ``100 * p / total`` printed with ``exponent`` is ``p / 2`` in units of the last place,
    so half-even rounding must decide between two digits for each odd ``p``.
    """
    total = 2 * 10 ** (2 - exponent)
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=n - 1, max_size=n - 1,
                                unique=True)))  # fmt: skip
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    if all(p % 2 == 0 for p in parts):  # make sure at least one share is a tie
        parts[0] -= 1
        parts[-1] += 1
    return parts


def _wan(true: int, exponent: int, rounding: Rounding) -> str:
    """``true`` printed in 万 with ``exponent`` decimals of 万 (a total rounded to 万)."""
    return format(round_to(Fraction(true), exponent + 4, rounding).scaleb(-4), "f") + "万"


@st.composite
def breakdowns(
    draw: st.DrawFn,
    *,
    min_parts: int = 2,
    max_parts: int = 8,
    max_count: int = 10**6,
    rounding: Rounding | None = None,
    qualifiers: bool = True,
    counts_exact: bool | None = None,
    ties: bool = False,
) -> Breakdown:
    """A total, its parts, their printed shares, a group share, a rate and a change.

    Checks: the parts sum to the total; the first parts, listed alone (其中…等), do
    not exceed it; each share agrees with part/total; the shares sum to 100%; a group
    of the first parts has a printed total and share, and its members' shares sum to
    the group's share within rounding; each part is a subset of the total; the total
    is stated a second time (in 万 or as printed); a printed rate of the first part
    admits an integer numerator; the first part changed by a printed percentage from a
    printed previous-year count (checked against it, and without it, as "some integer
    fits").

    With ``qualifiers`` some counts are hedged (约/余/近), the total or its restatement
    may be rounded to 万, and ``counts_exact`` is drawn unless given (when False every count is
    a rounded figure). With ``ties`` the total is ``2 * 10**(2 - e)`` so that every odd
    part's share lies exactly half-way between two printable values, which is where
    ``half_even`` and ``half_up`` part.
    """
    conv_rounding = draw(roundings()) if rounding is None else rounding
    if counts_exact is None:
        counts_exact = draw(st.booleans()) if qualifiers else True
    conventions = Conventions(rounding=conv_rounding, counts_exact=counts_exact)
    unit = draw(st.sampled_from(_COUNT_UNITS))
    n = draw(st.integers(min_value=min_parts, max_value=max_parts))
    exponent = draw(st.sampled_from([0, -1, -2]))
    if ties:
        parts = _tie_parts(draw, n, exponent)
    else:
        parts = draw(
            st.lists(st.integers(min_value=1, max_value=max_count), min_size=n, max_size=n)
        )
    total = sum(parts)
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
    listed = draw(st.integers(min_value=1, max_value=n))
    checks.insert(1, Total("listed_sum", "total", tuple(part_ids[:listed]), complete=False))
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
    # the total stated again; with qualifiers, one of the two statements may be rounded
    # to 万 (so shares and sums also meet a rounded whole)
    printed["total_again"] = printed["total"]
    if qualifiers and total >= 10**4:
        where = draw(st.sampled_from(["neither", "total", "total_again"]))
        if where != "neither":
            printed[where] = f"{_wan(total, draw(st.integers(-2, 0)), conv_rounding)}{unit}"
    truth["total_again"] = Fraction(total)
    checks.append(Same("total_restated", ("total", "total_again")))
    numerator = draw(st.integers(min_value=0, max_value=parts[0]))
    rate = Fraction(numerator * 100, parts[0])
    printed["rate"] = f"{round_to(rate, exponent, conv_rounding)}%"
    truth["rate"] = rate
    checks.append(Rate("rate_of_part_0", "rate", "part_0"))
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


_FAMILIES: dict[str, tuple[tuple[str, Fraction, int], ...]] = {
    # unit, its size in the family's unit of size 1, magnitude (万 = 4, 亿 = 8) it prints with
    "area": (("亩", Fraction(1), 4), ("公顷", Fraction(15), 0), ("亩", Fraction(1), 0),
             ("公顷", Fraction(15), 4)),
    "money": (("元", Fraction(1), 8), ("元", Fraction(1), 4), ("元", Fraction(1), 0)),
    "mass": (("吨", Fraction(1000), 4), ("千克", Fraction(1), 0), ("吨", Fraction(1000), 0)),
}


@st.composite
def _measured(
    draw: st.DrawFn, true: Fraction, family: str, rounding: Rounding
) -> tuple[str, Reported]:
    """Print a measured quantity (given in the family's unit of size 1) in some unit.

    Only units large enough for the value to print a significant digit are drawn.
    """
    fits = [f for f in _FAMILIES[family] if true / f[1] >= 10 ** f[2] or f[1:] == (Fraction(1), 0)]
    unit, size, magnitude = draw(st.sampled_from(fits))
    value = true / size / 10**magnitude
    places = draw(st.integers(min_value=-2, max_value=0))
    printed = round_to(value, places, rounding)
    word = {8: "亿", 4: "万", 0: ""}[magnitude]
    text = f"{format(printed, 'f')}{word}{unit}"
    return text, parse_figure(text)


@st.composite
def quantity_breakdowns(
    draw: st.DrawFn,
    *,
    min_parts: int = 2,
    max_parts: int = 5,
    rounding: Rounding | None = None,
) -> Breakdown:
    """Measured quantities printed in different units: 万亩 and 公顷, 亿元 and 万元, 吨 and 千克.

    A total and its parts (each printed rounded, in a unit of its own), the total
    stated again in another unit, the first part's share of the total, each part a
    subset of the total. Consistent by construction under any rounding convention:
    every check must pass, and the unit conversions must be exact for that.
    """
    conv_rounding = draw(roundings()) if rounding is None else rounding
    family = draw(st.sampled_from(sorted(_FAMILIES)))
    n = draw(st.integers(min_value=min_parts, max_value=max_parts))
    parts = [
        Fraction(draw(st.integers(min_value=1, max_value=10**7)), draw(st.sampled_from([1, 100])))
        * 10 ** draw(st.integers(min_value=0, max_value=4))
        for _ in range(n)
    ]
    total = sum(parts, Fraction(0))
    truth: dict[str, Fraction] = {}
    figures: dict[str, Reported] = {}
    for fid, true in [("total", total), ("total_again", total),
                      *((f"part_{i}", p) for i, p in enumerate(parts))]:  # fmt: skip
        _, figure = draw(_measured(true, family, conv_rounding))
        figures[fid] = figure
        first = next(size for u, size, _ in _FAMILIES[family] if u == figure.unit)
        truth[fid] = true / first
    share = parts[0] * 100 / total
    exponent = draw(st.sampled_from([0, -1, -2]))
    figures["share"] = parse_figure(f"{round_to(share, exponent, conv_rounding)}%")
    truth["share"] = share
    part_ids = tuple(f"part_{i}" for i in range(n))
    checks: list[Check] = [
        Total("sum", "total", part_ids),
        Same("total_restated", ("total", "total_again")),
        Share("share_of_part_0", "part_0", "total", "share"),
        *(Subset(f"{p}_within_total", p, "total") for p in part_ids),
    ]
    return Breakdown(figures, tuple(checks), truth, Conventions(rounding=conv_rounding))


def _retyped(figure: Reported, numeral: str) -> Reported | None:
    try:
        return parse_figure(
            format_figure(Reported(figure.value, figure.unit, figure.qualifier, numeral)),
            exact=figure.exact,
        )
    except ValueError:
        return None


_DIGIT_CHARS = "0123456789"
_LEADING_NUMBER = re.compile(r"^(-?)(\d+)(?:\.(\d+))?")


def _leading_zero(numeral: str) -> bool:
    body = numeral.lstrip("-")
    return len(body) > 1 and body[0] == "0" and body[1] in _DIGIT_CHARS


def _damaged(draw: st.DrawFn, numeral: str, operation: str) -> str | None:
    """The numeral after a typist's slip, or None when the slip cannot be made.

    Two adjacent digits swapped, one digit changed, or the last printed place of the
    leading number moved by one. (An implementation of its own, not the culprit
    finder's, so that a law can test the finder against it.)
    """
    digits = [i for i, ch in enumerate(numeral) if ch in _DIGIT_CHARS]
    if operation == "swap":
        pairs = [i for i in digits if i + 1 in digits and numeral[i] != numeral[i + 1]]
        if not pairs:
            return None
        i = draw(st.sampled_from(pairs))
        out = numeral[:i] + numeral[i + 1] + numeral[i] + numeral[i + 2 :]
    elif operation == "digit":
        if not digits:
            return None
        i = draw(st.sampled_from(digits))
        d = draw(st.sampled_from([d for d in _DIGIT_CHARS if d != numeral[i]]))
        out = numeral[:i] + d + numeral[i + 1 :]
    else:
        m = _LEADING_NUMBER.match(numeral)
        if m is None:
            return None
        places = len(m[3] or "")
        number = Decimal(m[2] + ("." + m[3] if m[3] else ""))
        moved = number + draw(st.sampled_from([1, -1])) * Decimal(1).scaleb(-places)
        if moved <= 0:
            return None
        out = m[1] + format(moved, "f") + numeral[m.end() :]
    return None if _leading_zero(out) else out


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
    printed place by one (``off_by_one``; skipped when ``typos_only``). Qualified
    figures (约/余/近 …) are damaged too, their qualifier kept. ``targets`` limits
    which figures may be hit (default: any).
    """
    fid = draw(st.sampled_from(sorted(targets or breakdown.figures)))
    original = breakdown.figures[fid]
    options = ["swap", "digit"] + ([] if typos_only else ["off_by_one"])
    operation = draw(st.sampled_from(options))
    numeral = _damaged(draw, original.numeral, operation)
    corrupted = None if numeral is None else _retyped(original, numeral)
    truth = breakdown.truth[fid]
    if corrupted is None or corrupted.value == 0 or truth in corrupted.bounds(
        breakdown.conventions
    ):
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
