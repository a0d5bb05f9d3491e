"""Boundary laws: every interval end is exactly where printing changes, open or closed as
documented; rounding is monotone; interval operations are tight, not merely enclosing."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle import EPS, Span, admits, extent, rounds_to, span
from pilstats import Interval, Rounding, parse_figure, round_to, unround
from pilstats.figure import Conventions, Reported

ROUNDINGS = st.sampled_from(list(Rounding))
CONVENTIONS = st.builds(Conventions, ROUNDINGS, ROUNDINGS, st.booleans())
WORDS = ("约", "左右", "余", "多", "近", "不足", "超", "逾", "超过")


@st.composite
def figure_texts(draw: st.DrawFn) -> str:
    """Printed figures of every shape: qualifiers, 万/亿, decimals, trailing zeros, signs."""
    digits = draw(st.integers(min_value=0, max_value=99999))
    places = draw(st.integers(min_value=0, max_value=3))
    number = format(Decimal(digits).scaleb(-places), "f")
    magnitude = draw(st.sampled_from(["", "", "万", "亿"])) if digits else ""
    unit = draw(st.sampled_from(["件", "人", "元", "亩", "%", "‰", "吨"]))
    word = draw(st.sampled_from([None, None, *WORDS]))
    if word is not None and digits == 0:
        word = None if word not in ("约", "左右") else word
    if word in ("余", "多"):
        return f"{number}{word}{magnitude}{unit}"
    if word == "左右":
        return f"{number}{magnitude}{unit}左右"
    sign = "-" if unit in ("%", "‰") and word in (None, "约") and draw(st.booleans()) else ""
    return f"{sign}{word or ''}{number}{magnitude}{unit}"


def _ends(iv: Interval) -> tuple[Fraction, Fraction, bool, bool]:
    return Fraction(iv.lo), Fraction(iv.hi), iv.lo_closed, iv.hi_closed


class TestFigureBounds:
    @given(figure_texts(), CONVENTIONS)
    def test_bounds_are_tight(self, text: str, conv: Conventions) -> None:
        """Each end is where printing starts or stops giving the figure: a closed end
        prints as the figure, an open one does not though every point just inside does,
        and nothing just outside does (every qualifier, convention, counts_exact)."""
        f = parse_figure(text)
        iv = f.bounds(conv)
        lo, hi = Fraction(iv.lo), Fraction(iv.hi)
        assert admits(f, lo, conv) is iv.lo_closed, (text, str(iv))
        assert admits(f, hi, conv) is iv.hi_closed, (text, str(iv))
        assert not admits(f, lo - EPS, conv), (text, str(iv))
        assert not admits(f, hi + EPS, conv), (text, str(iv))
        if lo < hi:
            assert admits(f, lo + EPS, conv), (text, str(iv))
            assert admits(f, hi - EPS, conv), (text, str(iv))
            assert admits(f, (lo + hi) / 2, conv), (text, str(iv))

    @given(figure_texts(), CONVENTIONS)
    def test_bounds_equal_the_oracle(self, text: str, conv: Conventions) -> None:
        """Reported.bounds and the oracle's probe of the definition agree end by end."""
        f = parse_figure(text)
        s = span(f, conv)
        assert _ends(f.bounds(conv)) == (s.lo, s.hi, s.lo_in, s.hi_in), text

    @given(figure_texts())
    def test_exact_counts_only_when_asked(self, text: str) -> None:
        """A point interval means an exact count, and counts_exact=False widens it."""
        f = parse_figure(text)
        exact = f.bounds(Conventions(counts_exact=True))
        loose = f.bounds(Conventions(counts_exact=False))
        assert exact.is_point is (f.exact and f.qualifier is None)
        assert not loose.is_point

    @pytest.mark.parametrize(
        ("text", "conv", "expected"),
        [
            ("约5000人", Conventions(approx_rounding=Rounding.HALF_UP), "[4500, 5500)"),
            ("约5000人", Conventions(approx_rounding=Rounding.TRUNCATE), "[5000, 6000)"),
            ("约0.5%", Conventions(), "[0.45, 0.55]"),
            ("5800件", Conventions(counts_exact=False), "[5799.5, 5800.5)"),
            ("12.5万件", Conventions(counts_exact=False), "[124500, 125500)"),
            ("-0.60‰", Conventions(), "(-0.605, -0.595]"),
            ("0%", Conventions(), "(-0.5, 0.5)"),
            ("0%", Conventions(rounding=Rounding.TRUNCATE), "(-1, 1)"),
            ("0%", Conventions(rounding=Rounding.HALF_EVEN), "[-0.5, 0.5]"),
            ("超5件", Conventions(), "(5, 6)"),
            ("逾1.5万人", Conventions(), "(15000, 16000)"),
            ("不足1万件", Conventions(), "[0, 10000)"),
            ("3239万余元", Conventions(), "[32390000, 32400000)"),
            ("28.9万亩左右", Conventions(), "[288500, 289500]"),
        ],
    )  # fmt: skip
    def test_documented_ends(self, text: str, conv: Conventions, expected: str) -> None:
        """Ends of qualifiers and conventions as the docstrings state them."""
        assert str(parse_figure(text).bounds(conv)) == expected


def _exponent(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent


def _printed(draw: st.DrawFn) -> Decimal:
    digits = draw(st.integers(min_value=-99999, max_value=99999))
    return Decimal(digits).scaleb(draw(st.integers(min_value=-4, max_value=3)))


class TestUnround:
    @given(st.data(), ROUNDINGS)
    def test_preimage_is_exact(self, data: st.DataObject, rounding: Rounding) -> None:
        """x lies in unround(p) exactly when x prints as p (ends, ties and EPS around them)."""
        p = _printed(data.draw)
        iv = unround(p, rounding)
        step = Fraction(10) ** _exponent(p)
        digits = Fraction(p) / step
        for k in range(-3, 4):
            mark = Fraction(p) + k * step / 2
            for x in (mark - EPS, mark, mark + EPS):
                prints = digits in rounds_to(x / step, rounding.value)
                assert (x in iv) is prints, (str(p), rounding, x, str(iv))

    @given(st.data(), ROUNDINGS)
    def test_width_is_one_place(self, data: st.DataObject, rounding: Rounding) -> None:
        """The pre-image is exactly one unit of the last printed place wide (or two at 0)."""
        p = _printed(data.draw)
        step = Decimal(1).scaleb(_exponent(p))
        iv = unround(p, rounding)
        zero_wide = p == 0 and rounding is Rounding.TRUNCATE
        assert iv.width == (2 * step if zero_wide else step)

    @pytest.mark.parametrize(
        ("printed", "expected"),
        [("88.4", "[88.35, 88.45]"), ("88.3", "(88.25, 88.35)"), ("2", "[1.5, 2.5]"),
         ("3", "(2.5, 3.5)"), ("0", "[-0.5, 0.5]"), ("-3", "(-3.5, -2.5)"),
         ("-2", "[-2.5, -1.5]"), ("2.90E+5", "[289500, 290500]"), ("2.89E+5", "(288500, 289500)")],
    )  # fmt: skip
    def test_half_even_ties_by_the_last_digit(self, printed: str, expected: str) -> None:
        """Half-even: both ends closed for an even last digit, open for an odd one."""
        assert str(unround(Decimal(printed), Rounding.HALF_EVEN)) == expected

    @pytest.mark.parametrize(
        ("rounding", "printed", "expected"),
        [
            (Rounding.HALF_UP, "-88.4", "(-88.45, -88.35]"),
            (Rounding.HALF_UP, "0.0", "(-0.05, 0.05)"),
            (Rounding.TRUNCATE, "-88.4", "(-88.5, -88.4]"),
            (Rounding.TRUNCATE, "0", "(-1, 1)"),
            (Rounding.CEILING, "-88.4", "(-88.5, -88.4]"),
            (Rounding.FLOOR, "-88.4", "[-88.4, -88.3)"),
            (Rounding.UP_OR_DOWN, "-88.4", "[-88.45, -88.35]"),
            (Rounding.HALF_UP, "12.30", "[12.295, 12.305)"),
        ],
    )
    def test_signs_and_zero(self, rounding: Rounding, printed: str, expected: str) -> None:
        """Negative and zero printed values: ties away from zero, truncation toward it."""
        assert str(unround(Decimal(printed), rounding)) == expected


class TestRoundTo:
    @given(st.fractions(min_value=-1000, max_value=1000, max_denominator=400),
           st.integers(min_value=-3, max_value=2), ROUNDINGS)  # fmt: skip
    def test_prints_what_the_definition_prints(
        self, x: Fraction, exponent: int, rounding: Rounding
    ) -> None:
        """round_to gives the definition's digits (ties up under up_or_down), at exactly
        the requested exponent, from a Fraction and from a Decimal alike."""
        got = round_to(x, exponent, rounding)
        assert _exponent(got) == exponent
        step = Fraction(10) ** exponent
        assert Fraction(got) / step in rounds_to(x / step, rounding.value)
        if rounding is Rounding.UP_OR_DOWN:  # documented: ties are printed as half-up does
            assert got == round_to(x, exponent, Rounding.HALF_UP)
        if (x * 10**6).denominator == 1:  # a terminating value also goes the Decimal way
            as_decimal = Decimal(x.numerator) / Decimal(x.denominator)
            d = round_to(as_decimal, exponent, rounding)
            assert _exponent(d) == exponent
            assert d == got

    @given(st.fractions(min_value=-1000, max_value=1000, max_denominator=400),
           st.fractions(min_value=-1000, max_value=1000, max_denominator=400),
           st.integers(min_value=-3, max_value=2), ROUNDINGS)  # fmt: skip
    def test_monotone(self, x: Fraction, y: Fraction, exponent: int, rounding: Rounding) -> None:
        """x <= y implies round(x) <= round(y), under every convention."""
        x, y = min(x, y), max(x, y)
        assert round_to(x, exponent, rounding) <= round_to(y, exponent, rounding)

    @pytest.mark.parametrize(
        ("value", "exponent", "expected"),
        [(Fraction(5, 2), 0, "2"), (Fraction(7, 2), 0, "4"), (Fraction(-5, 2), 0, "-2"),
         (Fraction(1, 4), -1, "0.2"), (Fraction(7, 20), -1, "0.4"), (Fraction(25), 1, "2E+1"),
         (Fraction(35), 1, "4E+1"), (Decimal("0.125"), -2, "0.12"), (Decimal("0.135"), -2, "0.14"),
         (Fraction(1, 2), 0, "0")],
    )  # fmt: skip
    def test_half_even_ties(self, value: Fraction | Decimal, exponent: int, expected: str) -> None:
        """Ties go to the even digit, from odd and from even neighbours, both input types."""
        got = round_to(value, exponent, Rounding.HALF_EVEN)
        assert str(got) == expected

    @pytest.mark.parametrize(
        ("rounding", "value", "expected"),
        [(Rounding.HALF_UP, Fraction(-5, 2), "-3"), (Rounding.UP_OR_DOWN, Fraction(5, 2), "3"),
         (Rounding.TRUNCATE, Fraction(-27, 10), "-2"), (Rounding.CEILING, Fraction(21, 10), "3"),
         (Rounding.FLOOR, Fraction(-21, 10), "-3"), (Rounding.HALF_UP, Fraction(5, 2), "3")],
    )  # fmt: skip
    def test_each_convention(self, rounding: Rounding, value: Fraction, expected: str) -> None:
        """Each convention on a tie or a negative value."""
        assert str(round_to(value, 0, rounding)) == expected


# ------------------------------------------------------------------------ intervals


@st.composite
def intervals(draw: st.DrawFn, *, positive: bool = False, signed: bool = False) -> Interval:
    """Intervals with ends on a small grid, so that ends often coincide."""
    low = -20 if signed else (1 if positive else 0)
    a, b = sorted(draw(st.integers(low, 40)) for _ in range(2))
    scale = draw(st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.1")]))
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if a == b:
        lo_closed = hi_closed = True
    return Interval(a * scale, b * scale, lo_closed, hi_closed)


def _span(iv: Interval) -> Span:
    return Span(Fraction(iv.lo), Fraction(iv.hi), iv.lo_closed, iv.hi_closed)


def _tight(iv: Interval, e: tuple[Fraction, bool, Fraction, bool]) -> None:
    """The interval is the image: same ends, an end closed iff it is attained; an end
    rounded outward (a quotient that does not terminate) is closed and within 1e-55."""
    m, m_in, big_m, big_m_in = e
    if Fraction(iv.lo) == m:
        assert iv.lo_closed is m_in
    else:
        assert iv.lo_closed
        assert m - Fraction(1, 10**55) < Fraction(iv.lo) < m
    if Fraction(iv.hi) == big_m:
        assert iv.hi_closed is big_m_in
    else:
        assert iv.hi_closed
        assert big_m < Fraction(iv.hi) < big_m + Fraction(1, 10**55)


class TestIntervalTightness:
    @given(intervals(signed=True), intervals(signed=True))
    def test_sum(self, a: Interval, b: Interval) -> None:
        """A + B is exactly the set of sums."""
        _tight(a + b, extent(lambda x, y: x + y, [_span(a), _span(b)]))

    @given(intervals(signed=True), intervals(signed=True))
    def test_difference(self, a: Interval, b: Interval) -> None:
        """A - B is exactly the set of differences."""
        _tight(a - b, extent(lambda x, y: x - y, [_span(a), _span(b)]))

    @given(intervals(signed=True), intervals(signed=True))
    def test_product(self, a: Interval, b: Interval) -> None:
        """A * B is exactly the set of products, signs and zero ends included."""
        _tight(a * b, extent(lambda x, y: x * y, [_span(a), _span(b)]))

    @given(intervals(signed=True), intervals(positive=True))
    def test_quotient(self, a: Interval, b: Interval) -> None:
        """A / B (B positive) is exactly the set of quotients, up to outward rounding."""
        _tight(a / b, extent(lambda x, y: x / y, [_span(a), _span(b)]))

    @given(intervals(signed=True), st.fractions(min_value=0, max_value=50, max_denominator=30))
    def test_scale(self, a: Interval, k: Fraction) -> None:
        """A * k for an exact k >= 0 (a unit conversion) is the set of scaled values."""
        if k == 0:
            assert a.scale(k) == Interval.point(0)
            return
        _tight(a.scale(k), extent(lambda x: x * k, [_span(a)]))

    @given(intervals(signed=True), intervals(signed=True))
    def test_intersects_iff_a_common_member(self, a: Interval, b: Interval) -> None:
        """intersects is true exactly when some number lies in both (checked on the
        candidate points of both: ends, EPS inside them, midpoints)."""
        candidates = {p for s in (_span(a), _span(b)) for p in (*s.points(), (s.lo + s.hi) / 2)}
        candidates |= {(x + y) / 2 for x in candidates for y in candidates}
        common = any(x in a and x in b for x in candidates)
        assert a.intersects(b) is common
        assert b.intersects(a) is common

    @given(intervals(signed=True), st.fractions(min_value=-25, max_value=45, max_denominator=20))
    def test_contains(self, a: Interval, x: Fraction) -> None:
        """Membership respects open and closed ends, for ints, Decimals and Fractions."""
        lo, hi = Fraction(a.lo), Fraction(a.hi)
        inside = (lo < x or (x == lo and a.lo_closed)) and (x < hi or (x == hi and a.hi_closed))
        assert (x in a) is inside
        for end, closed in ((a.lo, a.lo_closed), (a.hi, a.hi_closed)):
            assert (end in a) is closed
            assert (Fraction(end) in a) is closed
            if end == int(end):
                assert (int(end) in a) is closed

    @given(intervals(signed=True))
    def test_integers(self, a: Interval) -> None:
        """integers() lists exactly the integers inside, open ends respected."""
        expected = [n for n in range(-30, 50) if n in a]
        assert list(a.integers()) == expected

    @given(intervals(signed=True), intervals(signed=True))
    def test_gap(self, a: Interval, b: Interval) -> None:
        """gap is the distance between the closures: 0 when they touch or overlap."""
        below = max(Fraction(b.lo) - Fraction(a.hi), Fraction(0))
        above = max(Fraction(a.lo) - Fraction(b.hi), Fraction(0))
        assert a.gap(b) == max(below, above)


class TestIntervalNegatives:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            (Interval(Decimal(1), Decimal(2), True, False), Interval(Decimal(2), Decimal(3))),
            (Interval(Decimal(1), Decimal(2)), Interval(Decimal(2), Decimal(3), False, True)),
            (Interval(Decimal(1), Decimal(2)), Interval(Decimal(3), Decimal(4))),
            (Interval.point(Decimal(2)), Interval(Decimal(2), Decimal(3), False, True)),
            (Interval(Decimal(-3), Decimal(-1), True, False), Interval.point(Decimal(-1))),
        ],
    )
    def test_disjoint_do_not_intersect(self, a: Interval, b: Interval) -> None:
        """Touching at an open end, or apart: no common number, either way round."""
        assert not a.intersects(b)
        assert not b.intersects(a)

    def test_not_contained(self) -> None:
        """Open ends, outside points and non-numbers are not members."""
        iv = Interval(Decimal("88.35"), Decimal("88.45"), True, False)
        assert Decimal("88.45") not in iv
        assert Fraction(8834, 100) not in iv
        assert 88 not in iv
        assert "88.4" not in iv
        assert Decimal("88.35") in iv

    @pytest.mark.parametrize(
        ("lo", "hi", "lo_closed", "hi_closed"),
        [(1, 1, True, False), (1, 1, False, True), (1, 1, False, False), (2, 1, True, True)],
    )
    def test_empty_refused(self, lo: int, hi: int, lo_closed: bool, hi_closed: bool) -> None:
        """An interval with no member cannot be built."""
        with pytest.raises(ValueError, match="empty"):
            Interval(Decimal(lo), Decimal(hi), lo_closed, hi_closed)

    def test_quotient_needs_a_positive_divisor(self) -> None:
        """Division by an interval holding or touching 0 is refused."""
        one = Interval.point(Decimal(1))
        with pytest.raises(ValueError, match="b > 0"):
            _ = one / Interval(Decimal(0), Decimal(1))
        with pytest.raises(ValueError, match="unbounded"):
            _ = one / Interval(Decimal(0), Decimal(1), False, True)
        with pytest.raises(ValueError, match="non-negative"):
            Interval.point(Decimal(1)).scale(-1)

    def test_of_rounds_non_decimal_fractions_outward(self) -> None:
        """Interval.of keeps exact decimal ends as given and closes rounded ones."""
        iv = Interval.of(Fraction(1, 4), Fraction(1, 3), False, False)
        assert (iv.lo, iv.lo_closed, iv.hi_closed) == (Decimal("0.25"), False, True)
        assert Fraction(1, 3) < Fraction(iv.hi) < Fraction(1, 3) + Fraction(1, 10**58)

    def test_width_and_point(self) -> None:
        """width is hi - lo; only a degenerate interval is a point."""
        assert Interval(Decimal("0.5"), Decimal(2)).width == Decimal("1.5")
        assert Interval.point(3).is_point
        assert not Interval(Decimal(3), Decimal(4)).is_point


def test_reported_interval_is_memoised_per_convention() -> None:
    """A figure's bounds are computed once per convention and differ between them."""
    f: Reported = parse_figure("88.4%")
    up = f.bounds(Conventions())
    assert f.bounds(Conventions()) is up
    assert str(f.bounds(Conventions(rounding=Rounding.FLOOR))) == "[88.4, 88.5)"
