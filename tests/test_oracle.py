"""The interval verdict of every check kind equals the brute-force oracle's (tests/oracle.py).

Instances are small and drawn *near the boundary*: true values are published under a
random style (exact, rounded under any convention at any place, 约/左右, 余/多, 近/不足,
超/逾) and then often moved by one unit of the last printed place, so that pass, fail
and untestable all occur, for every qualifier, every rounding convention and
``counts_exact`` both ways.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from oracle import EPS, admits, integer_witness, rounds_to, span, verdict
from pilstats import Rounding, parse_figure
from pilstats.checks import (
    Change,
    Check,
    Formula,
    Rate,
    Same,
    Share,
    ShareSum,
    Subset,
    Total,
    evaluate,
)
from pilstats.figure import Conventions, Reported
from pilstats.findings import FindingCode, Status

STYLES = ("exact", "round", "约", "左右", "余", "多", "近", "不足", "超", "逾", "超过")


def _text(value: Decimal) -> str:
    return format(value, "f")


@st.composite
def conventions(draw: st.DrawFn) -> Conventions:
    """Any rounding of plain figures, any rounding behind 约, counts exact or not."""
    return Conventions(
        rounding=draw(st.sampled_from(list(Rounding))),
        approx_rounding=draw(st.sampled_from(list(Rounding))),
        counts_exact=draw(st.booleans()),
    )


def _round(x: Fraction, places: int, mode: str) -> int:
    """x / 10**places printed under mode (the lower choice at an up_or_down tie)."""
    return min(rounds_to(x / Fraction(10) ** places, mode))


@st.composite
def printed(draw: st.DrawFn, true: Fraction, unit: str, *, signed: bool = False) -> str:
    """Print a true value in a random style, often moved by one unit of its last place."""
    style = draw(st.sampled_from(STYLES))
    places = draw(st.integers(min_value=-2, max_value=2))
    mode = draw(st.sampled_from([r.value for r in Rounding]))
    step = Fraction(10) ** places
    shift = draw(st.sampled_from([0, 0, 0, 1, -1]))
    if style == "exact" and true.denominator == 1:
        n = int(true) + shift
        return f"{max(n, 0)}{unit}"
    if style in ("exact", "round", "约", "左右"):
        mode = "half_up" if style in ("约", "左右") else mode
        n = _round(true, places, mode) + shift
        if not signed:
            n = max(n, 0)
        number = _text(Decimal(n).scaleb(places))
        if places == 2 and n and draw(st.booleans()):  # 0.03万: 300 known to the hundred
            number = _text(Decimal(n).scaleb(places - 4)) + "万"
        if style == "约":  # a sign goes first: -约1‰
            return f"-约{number[1:]}{unit}" if number.startswith("-") else f"约{number}{unit}"
        if style == "左右":
            return f"{number}{unit}左右"
        return f"{number}{unit}"
    # 余/多 floor, 近/不足 ceiling, 超/逾 strictly below: a non-zero multiple of the step
    if style in ("余", "多", "超", "逾", "超过"):
        n = math.floor(true / step) + shift
    else:
        n = math.ceil(true / step) + shift
    if n <= 0:
        n = 1
    number = _text(Decimal(n).scaleb(places))
    if style in ("余", "多"):
        return f"{number}{style}{unit}"
    return f"{style}{number}{unit}"


def _parsed(texts: dict[str, str]) -> dict[str, Reported]:
    return {k: parse_figure(v) for k, v in texts.items()}


def _checker(check: Check, figures: dict[str, Reported], conv: Conventions) -> str:
    finding = evaluate(check, figures, conv)
    if finding.code is FindingCode.UNIT_MISMATCH:
        return "unit-mismatch"
    return finding.status.value


def _agree(check: Check, texts: dict[str, str], conv: Conventions) -> None:
    figures = _parsed(texts)
    expected = verdict(check, figures, conv)
    event(f"{check.kind}: {expected}")
    got = _checker(check, figures, conv)
    assert got == expected, (check, texts, conv)


_COUNTS = st.sampled_from(["件", "人"])
_TRUE_COUNTS = st.integers(min_value=0, max_value=120).map(Fraction)


@given(st.data(), conventions())
def test_total(data: st.DataObject, conv: Conventions) -> None:
    """Sums, complete and partial, agree with the oracle."""
    unit = data.draw(_COUNTS)
    parts = data.draw(st.lists(_TRUE_COUNTS, min_size=1, max_size=3))
    total = sum(parts, Fraction(0)) + data.draw(st.sampled_from([0, 0, 1, -1, 2, 10]))
    texts = {"total": data.draw(printed(max(total, Fraction(0)), unit))}
    for i, p in enumerate(parts):
        texts[f"p{i}"] = data.draw(printed(p, unit))
    complete = data.draw(st.booleans())
    _agree(Total("t", "total", tuple(f"p{i}" for i in range(len(parts))), complete), texts, conv)


@given(st.data(), conventions())
def test_total_across_units(data: st.DataObject, conv: Conventions) -> None:
    """Sums of 亩 and 公顷, 吨 and 千克 convert exactly; 件 and 人 are a unit mismatch."""
    family = data.draw(st.sampled_from([("亩", "公顷"), ("千克", "吨"), ("件", "人")]))
    units = [data.draw(st.sampled_from(family)) for _ in range(3)]
    base = [Fraction(1), Fraction(15) if family[0] == "亩" else Fraction(1000)]
    truths = [data.draw(st.integers(1, 60)) * Fraction(1, 4) for _ in range(2)]
    in_first = [t * base[family.index(u)] for t, u in zip(truths, units[1:], strict=True)]
    total = sum(in_first, Fraction(0)) / base[family.index(units[0])]
    texts = {"total": data.draw(printed(total, units[0]))}
    for i, (t, u) in enumerate(zip(truths, units[1:], strict=True)):
        texts[f"p{i}"] = data.draw(printed(t, u))
    _agree(Total("t", "total", ("p0", "p1")), texts, conv)


@given(st.data(), conventions())
def test_subset(data: st.DataObject, conv: Conventions) -> None:
    """A part against one whole or the sum of two."""
    unit = data.draw(_COUNTS)
    wholes = data.draw(st.lists(_TRUE_COUNTS, min_size=1, max_size=2))
    part = sum(wholes, Fraction(0)) + data.draw(st.sampled_from([0, 0, -1, 1, -5]))
    texts = {"part": data.draw(printed(max(part, Fraction(0)), unit))}
    for i, w in enumerate(wholes):
        texts[f"w{i}"] = data.draw(printed(w, unit))
    whole = "w0" if len(wholes) == 1 else ("w0", "w1")
    _agree(Subset("s", "part", whole), texts, conv)


_SHARE_UNITS = st.sampled_from(["%", "%", "%", "‰", "成", "倍"])
_PER = {"%": 100, "‰": 1000, "成": 10, "倍": 1}


@given(st.data(), conventions())
def test_share(data: st.DataObject, conv: Conventions) -> None:
    """part / whole against a printed share, in %, ‰, 成 or 倍."""
    unit = data.draw(_COUNTS)
    whole = data.draw(st.integers(min_value=1, max_value=150))
    part = data.draw(st.integers(min_value=0, max_value=whole))
    share_unit = data.draw(_SHARE_UNITS)
    ratio = Fraction(part * _PER[share_unit], whole)
    texts = {
        "part": data.draw(printed(Fraction(part), unit)),
        "whole": data.draw(printed(Fraction(whole), unit)),
        "share": data.draw(printed(ratio, share_unit)),
    }
    _agree(Share("s", "part", "whole", "share"), texts, conv)


@given(st.data(), conventions())
def test_share_sum(data: st.DataObject, conv: Conventions) -> None:
    """Shares summing to 100%, to a printed total share, or (partial) not above it."""
    n = data.draw(st.integers(min_value=1, max_value=3))
    counts = data.draw(st.lists(st.integers(1, 50), min_size=n + 1, max_size=n + 1))
    whole = sum(counts)
    unit = data.draw(st.sampled_from(["%", "‰"]))
    per = _PER[unit]
    texts = {f"s{i}": data.draw(printed(Fraction(c * per, whole), unit))
             for i, c in enumerate(counts[:n])}  # fmt: skip
    complete = data.draw(st.booleans())
    total = None
    if data.draw(st.booleans()):
        texts["total"] = data.draw(printed(Fraction(sum(counts[:n]) * per, whole), unit))
        total = "total"
    elif complete:
        texts[f"s{n}"] = data.draw(printed(Fraction(counts[n] * per, whole), unit))
    shares = tuple(k for k in texts if k.startswith("s"))
    _agree(ShareSum("ss", shares, total, complete), texts, conv)


@given(st.data(), conventions())
def test_change(data: st.DataObject, conv: Conventions) -> None:
    """A change with and without a printed previous value, rises, falls and steep falls."""
    unit = data.draw(st.sampled_from(["件", "件", "亩"]))
    previous = data.draw(st.integers(min_value=1, max_value=400))
    current = data.draw(st.integers(min_value=0, max_value=800))
    pct = Fraction(abs(current - previous) * 100, previous)
    direction: Literal["up", "down"] = "up" if current >= previous else "down"
    if data.draw(st.integers(0, 9)) == 0:
        direction = "down" if direction == "up" else "up"
    change_unit = data.draw(st.sampled_from(["%", "%", "‰", "倍", "成"]))
    in_unit = pct * {"%": 1, "‰": 10, "倍": Fraction(1, 100), "成": Fraction(1, 10)}[change_unit]
    texts = {
        "current": data.draw(printed(Fraction(current), unit)),
        "change": data.draw(printed(in_unit, change_unit)),
    }
    with_previous = data.draw(st.booleans())
    if with_previous:
        texts["previous"] = data.draw(printed(Fraction(previous), unit))
    check = Change("c", "current", "change", direction, "previous" if with_previous else None)
    _agree(check, texts, conv)


@given(st.data(), conventions())
def test_rate(data: st.DataObject, conv: Conventions) -> None:
    """A printed rate of a count (or of a non-count) base admits an integer numerator."""
    unit = data.draw(st.sampled_from(["件", "件", "元"]))
    base = data.draw(st.integers(min_value=1, max_value=300))
    numerator = data.draw(st.integers(min_value=0, max_value=base))
    rate_unit = data.draw(st.sampled_from(["%", "%", "‰", "成"]))
    per = {"%": 100, "‰": 1000, "成": 10}[rate_unit]
    texts = {
        "rate": data.draw(printed(Fraction(numerator * per, base), rate_unit)),
        "base": data.draw(printed(Fraction(base), unit)),
    }
    _agree(Rate("r", "rate", "base"), texts, conv)


@given(st.data(), conventions())
def test_same(data: st.DataObject, conv: Conventions) -> None:
    """One quantity stated two or three times, in 亩 and 公顷, 千克 and 吨."""
    family = data.draw(st.sampled_from([("亩", "公顷"), ("千克", "吨"), ("件",)]))
    true = Fraction(data.draw(st.integers(1, 3000)), data.draw(st.sampled_from([1, 4, 10])))
    factors = {"亩": 15, "公顷": 1, "千克": 1000, "吨": 1, "件": 1}
    n = data.draw(st.integers(2, 3))
    texts = {}
    for i in range(n):
        u = data.draw(st.sampled_from(family))
        texts[f"x{i}"] = data.draw(printed(true * factors[u], u))
    _agree(Same("same", tuple(texts)), texts, conv)


_FORMULAS = (
    ("a - b = c", ("‰", "‰", "‰"), lambda a, b: a - b),
    ("a + b <= c", ("件", "件", "件"), lambda a, b: a + b),
    ("a + b < c", ("件", "件", "件"), lambda a, b: a + b),
    ("a / b = c", ("件", "件", "%"), lambda a, b: a / b * 100),
    ("a * b = c", ("千克/亩", "亩", "吨"), lambda a, b: a * b / 1000),
    ("max(a, b) >= c", ("件", "件", "件"), max),
    ("min(a, b) > c", ("人", "人", "人"), min),
    ("a - b == c", ("%", "%", "个百分点"), lambda a, b: a - b),
    ("a ≥ b + c", ("元", "元", "元"), lambda a, b: a - b),
)


@given(st.data(), conventions())
def test_formula(data: st.DataObject, conv: Conventions) -> None:
    """Formulas: differences of rates, ratios, products with unit conversion, max and min."""
    expr, units, relation = data.draw(st.sampled_from(_FORMULAS))
    a = Fraction(data.draw(st.integers(1, 200)), data.draw(st.sampled_from([1, 10])))
    b = Fraction(data.draw(st.integers(1, 200)), data.draw(st.sampled_from([1, 10])))
    c = relation(a, b)
    if expr.startswith("a ≥"):
        b, c = c, b
    signed = units[0] in ("‰", "%")
    texts = {
        "a": data.draw(printed(a, units[0])),
        "b": data.draw(printed(b, units[1])),
        "c": data.draw(printed(c, units[2], signed=signed)),
    }
    _agree(Formula("f", expr), texts, conv)


@given(st.data(), conventions())
def test_integer_counts_that_fit_are_accepted(data: st.DataObject, conv: Conventions) -> None:
    """Whenever integer counts, each admitted by its figure, satisfy a sum, a subset or a
    restatement, the check does not fail (reading counts as reals only adds leniency)."""
    n = data.draw(st.integers(min_value=1, max_value=3))
    truths = data.draw(st.lists(_TRUE_COUNTS, min_size=n, max_size=n))
    total = sum(truths, Fraction(0)) + data.draw(st.sampled_from([0, 0, 1, -1, 3]))
    texts = {"t": data.draw(printed(max(total, Fraction(0)), "件"))}
    texts |= {f"p{i}": data.draw(printed(x, "件")) for i, x in enumerate(truths)}
    parts = tuple(f"p{i}" for i in range(n))
    figures = _parsed(texts)
    for check in (Total("t", "t", parts), Total("t", "t", parts, complete=False),
                  Subset("s", "p0", "t"), Same("m", ("t", "p0"))):  # fmt: skip
        if integer_witness(check, figures, conv):
            assert evaluate(check, figures, conv).status is not Status.FAIL, (check, texts)


# ------------------------------------------------------- the oracle checks itself


@pytest.mark.parametrize(
    ("mode", "x", "expected"),
    [
        ("half_up", Fraction(5, 2), {3}), ("half_up", Fraction(-5, 2), {-3}),
        ("half_even", Fraction(5, 2), {2}), ("half_even", Fraction(7, 2), {4}),
        ("up_or_down", Fraction(5, 2), {2, 3}), ("truncate", Fraction(-27, 10), {-2}),
        ("ceiling", Fraction(21, 10), {3}), ("floor", Fraction(-21, 10), {-3}),
    ],
)  # fmt: skip
def test_oracle_rounding(mode: str, x: Fraction, expected: set[int]) -> None:
    """The oracle's own printing rule, on ties and negative values."""
    assert rounds_to(x, mode) == expected


def test_oracle_spans_of_documented_examples() -> None:
    """The oracle reads the README's table the same way, end by end."""
    conv = Conventions()
    expected = {
        "88.4%": (Fraction("88.35"), Fraction("88.45"), True, False),
        "约5000人": (Fraction(4500), Fraction(5500), True, True),
        "3100余万元": (Fraction(31000000), Fraction(32000000), True, False),
        "近5600家": (Fraction(5500), Fraction(5600), True, False),
        "超100万元": (Fraction(1000000), Fraction(2000000), False, False),
    }
    for text, ends in expected.items():
        s = span(parse_figure(text), conv)
        assert (s.lo, s.hi, s.lo_in, s.hi_in) == ends, text
    assert admits(parse_figure("超100万元"), Fraction(1000000) + EPS, conv)
