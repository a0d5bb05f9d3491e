from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats import Interval, Rounding, round_to, unround


class TestUnround:
    @pytest.mark.parametrize(
        ("rounding", "expected"),
        [
            (Rounding.HALF_UP, "[88.35, 88.45)"),
            (Rounding.UP_OR_DOWN, "[88.35, 88.45]"),
            (Rounding.HALF_EVEN, "[88.35, 88.45]"),
            (Rounding.TRUNCATE, "[88.4, 88.5)"),
            (Rounding.FLOOR, "[88.4, 88.5)"),
            (Rounding.CEILING, "(88.3, 88.4]"),
        ],
    )
    def test_conventions(self, rounding: Rounding, expected: str) -> None:
        """Each convention has its own pre-image of 88.4."""
        assert str(unround(Decimal("88.4"), rounding)) == expected

    def test_half_even_odd_digit_is_open(self) -> None:
        """88.3 under banker's rounding: ties at both ends go elsewhere."""
        assert str(unround(Decimal("88.3"), Rounding.HALF_EVEN)) == "(88.25, 88.35)"

    def test_precision_from_exponent(self) -> None:
        """12.30 is known to the hundredth, 12.3 to the tenth."""
        assert unround(Decimal("12.30")).width == Fraction(1, 100)
        assert unround(Decimal("12.3")).width == Fraction(1, 10)


@given(
    x=st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6),
    exponent=st.integers(min_value=-3, max_value=2),
    rounding=st.sampled_from(list(Rounding)),
)
def test_unround_is_the_preimage_of_round(x: Fraction, exponent: int, rounding: Rounding) -> None:
    """x lies in unround(round_to(x)) for every convention (up_or_down rounds ties up)."""
    printed = round_to(x, exponent, rounding)
    assert x in unround(printed, rounding)


@given(
    x=st.fractions(min_value=0, max_value=1000, max_denominator=10**4),
    exponent=st.integers(min_value=-3, max_value=1),
)
def test_half_up_preimage_is_exact(x: Fraction, exponent: int) -> None:
    """Under half-up, a value prints as p exactly when it lies in unround(p)."""
    printed = round_to(x, exponent, Rounding.HALF_UP)
    step = Decimal(1).scaleb(exponent)
    for raw in (printed - step, printed + step):
        neighbour = raw.quantize(step)
        if neighbour > 0:
            assert x not in unround(neighbour, Rounding.HALF_UP)


def test_interval_type() -> None:
    """unround returns an Interval."""
    assert isinstance(unround(Decimal(1)), Interval)


class TestEdges:
    @pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
    def test_only_finite_numbers_have_a_place(self, bad: str) -> None:
        """quantum (and so unround) refuses NaN and infinities with a ValueError."""
        with pytest.raises(ValueError, match="not a finite number"):
            unround(Decimal(bad))

    @pytest.mark.parametrize(
        ("value", "exponent", "expected"),
        [(Fraction(1, 2), 0, "1"), (Fraction(1, 20), -1, "0.1"), (Fraction(-1, 2), 0, "-1"),
         (Fraction(0), -2, "0.00"), (Fraction(49, 100), 0, "0")],
    )  # fmt: skip
    def test_half_up_between_zero_and_one(
        self, value: Fraction, exponent: int, expected: str
    ) -> None:
        """Ties away from zero just above and below 0 as everywhere else."""
        assert str(round_to(value, exponent, Rounding.HALF_UP)) == expected
