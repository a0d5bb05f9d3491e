from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats import Interval
from pilstats.interval import format_fraction

decimals = st.decimals(
    min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False
)


@st.composite
def intervals_with_member(draw: st.DrawFn, *, positive: bool = False) -> tuple[Interval, Fraction]:
    a, b = sorted([draw(decimals), draw(decimals)])
    if positive:
        a, b = a + 1, b + 1
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if a == b:
        lo_closed = hi_closed = True
    iv = Interval(a, b, lo_closed, hi_closed)
    t = draw(st.fractions(min_value=0, max_value=1, max_denominator=97))
    x = Fraction(a) + (Fraction(b) - Fraction(a)) * t
    if x not in iv:
        x = (Fraction(a) + Fraction(b)) / 2
    return iv, x


class TestLaws:
    @given(intervals_with_member(), intervals_with_member())
    def test_sum_contains(self, p: tuple[Interval, Fraction], q: tuple[Interval, Fraction]) -> None:
        """a in A and b in B imply a + b in A + B."""
        assert p[1] + q[1] in p[0] + q[0]

    @given(intervals_with_member(), intervals_with_member())
    def test_difference_contains(
        self, p: tuple[Interval, Fraction], q: tuple[Interval, Fraction]
    ) -> None:
        """a - b lies in A - B."""
        assert p[1] - q[1] in p[0] - q[0]

    @given(intervals_with_member(), intervals_with_member())
    def test_product_contains(
        self, p: tuple[Interval, Fraction], q: tuple[Interval, Fraction]
    ) -> None:
        """a * b lies in A * B for non-negative intervals."""
        assert p[1] * q[1] in p[0] * q[0]

    @given(intervals_with_member(), intervals_with_member(positive=True))
    def test_quotient_contains(
        self, p: tuple[Interval, Fraction], q: tuple[Interval, Fraction]
    ) -> None:
        """a / b lies in A / B when B is positive."""
        assert p[1] / q[1] in p[0] / q[0]

    @given(intervals_with_member(), intervals_with_member())
    def test_common_member_means_intersects(
        self, p: tuple[Interval, Fraction], q: tuple[Interval, Fraction]
    ) -> None:
        """Intervals sharing a member intersect; intersects is symmetric."""
        assert p[0].intersects(q[0]) == q[0].intersects(p[0])
        if p[1] in q[0]:
            assert p[0].intersects(q[0])


class TestBasics:
    def test_half_open_neighbours_do_not_intersect(self) -> None:
        """[1, 2) and [2, 3) share no number; [1, 2] and [2, 3) do."""
        half_open = Interval(Decimal(1), Decimal(2), True, False)
        assert not half_open.intersects(Interval(Decimal(2), Decimal(3)))
        assert Interval(Decimal(1), Decimal(2)).intersects(Interval(Decimal(2), Decimal(3)))

    def test_integers(self) -> None:
        """Integers respect open ends: (721.9, 722.3] holds only 722."""
        iv = Interval(Decimal("721.9"), Decimal("722.3"), False, True)
        assert list(iv.integers()) == [722]
        assert list(Interval(Decimal(1), Decimal(2), False, False).integers()) == []

    def test_empty_rejected(self) -> None:
        """An interval must hold a number."""
        with pytest.raises(ValueError, match="empty"):
            Interval(Decimal(1), Decimal(1), True, False)

    def test_format(self) -> None:
        """Terminating fractions print exactly; others outward-rounded with ~."""
        assert format_fraction(Fraction(1, 8)) == "0.125"
        assert format_fraction(Fraction(1, 3), direction=-1).startswith("~0.3333")
        assert format_fraction(Fraction(2, 3), direction=1).endswith("7")
        assert str(Interval.point(5)) == "5"

    def test_outward_rounding_of_fractions(self) -> None:
        """A non-decimal fraction becomes a closed, slightly wider interval."""
        iv = Interval.of(Fraction(1, 3), Fraction(2, 3), False, False)
        assert Fraction(1, 3) in iv
        assert Fraction(2, 3) in iv
        assert iv.lo_closed
        assert iv.hi_closed

    def test_quotient_rounded_outward(self) -> None:
        """1/3 as an interval quotient contains the exact third."""
        q = Interval.point(1) / Interval.point(3)
        assert Fraction(1, 3) in q
        assert q.width < Decimal("1e-50")


def _iv(lo: int, hi: int, lo_closed: bool, hi_closed: bool) -> Interval:
    return Interval(Decimal(lo), Decimal(hi), lo_closed, hi_closed)


class TestEdges:
    def test_of_keeps_exact_ends_as_given(self) -> None:
        """Integer and decimal ends stay exact (open stays open); ends default to closed."""
        iv = Interval.of(1, Decimal("2.5"), False, False)
        assert (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) == (1, Decimal("2.5"), False, False)
        huge = Interval.of(10**70 + 1, 10**71, False, False)
        assert (huge.lo, huge.lo_closed, huge.hi_closed) == (10**70 + 1, False, False)
        assert str(Interval.of(1, 2)) == "[1, 2]"

    def test_non_terminating_quotients_keep_60_digits(self) -> None:
        """A quotient that does not terminate is rounded outward at 60 significant digits."""
        third = Interval.point(1) / Interval.point(3)
        assert len(third.lo.as_tuple().digits) == len(third.hi.as_tuple().digits) == 60
        assert third.hi - third.lo == Decimal("1e-60")
        assert str(third) == "0.33333333333…"  # one exact value: cut short
        assert str(third + Interval(Decimal(0), Decimal(1))) == "[~0.33333333333, ~1.33333333334]"

    def test_default_rendering_cuts_short(self) -> None:
        """Without a direction a long value is cut after its digits and marked with …."""
        assert format_fraction(Fraction(2, 3)) == "0.66666666666…"

    @pytest.mark.parametrize(
        ("value", "direction", "text"),
        [
            (7, 0, "7"),
            (Decimal("2.50"), 0, "2.5"),
            (Fraction(1, 4096), 0, "0.000244140625"),
            (Fraction(1, 8192), 0, "0.00012207031…"),
            (Fraction(2, 3), 0, "0.66666666666…"),
            (Fraction(2, 3), -1, "~0.66666666666"),
            (Fraction(2, 3), 1, "~0.66666666667"),
            (Fraction(1, 3), 1, "~0.33333333334"),
            (Decimal("0.1234567890123"), -1, "~0.12345678901"),
            (Decimal("-0"), 0, "0"),
            (Fraction(10**11, 3), 0, "33333333333.3…"),
        ],
    )
    def test_format_fraction(
        self, value: Decimal | int | Fraction, direction: int, text: str
    ) -> None:
        """Exact up to 12 decimals; beyond, a bound outward after ~, a value cut before …."""
        assert format_fraction(value, direction=direction) == text

    @pytest.mark.parametrize(
        ("a", "b", "product"),
        [
            (_iv(0, 1, True, True), _iv(0, 1, False, True), "[0, 1]"),
            (_iv(0, 1, False, True), _iv(0, 1, False, True), "(0, 1]"),
            (_iv(-1, 2, False, True), _iv(-3, 1, True, False), "[-6, 3)"),
            (_iv(-2, -1, True, False), _iv(3, 4, True, True), "[-8, -3)"),
            (_iv(-1, 1, True, True), _iv(-1, 1, True, False), "[-1, 1]"),
            (_iv(-1, 1, False, True), _iv(-1, 1, True, False), "[-1, 1)"),
        ],
    )
    def test_products_at_zero_and_across_signs(
        self, a: Interval, b: Interval, product: str
    ) -> None:
        """A closed zero end makes 0 attained whatever the other factor; signs cross."""
        assert str(a * b) == product
        assert str(b * a) == product

    def test_gap(self) -> None:
        """Distance between separate intervals, either order; 0 when they touch."""
        a, b = Interval(Decimal(1), Decimal(2)), Interval(Decimal("3.5"), Decimal(4))
        assert a.gap(b) == b.gap(a) == Decimal("1.5")
        assert a.gap(Interval(Decimal(2), Decimal(3), False, True)) == 0

    def test_rounded_points(self) -> None:
        """A non-terminating exact value is a rounded point, shown cut short, signs kept;
        an exact point or a real interval is not one."""
        third = Interval.point(1) / Interval.point(3)
        minus_third = Interval.point(-1) / Interval.point(3)
        assert third.is_rounded_point
        assert minus_third.is_rounded_point
        assert str(minus_third) == "-0.33333333333…"
        assert not Interval.point(5).is_rounded_point
        assert not Interval(Decimal(1), Decimal(2)).is_rounded_point
