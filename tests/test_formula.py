"""Formula relations: the parser, exact interval arithmetic with open ends, units, verdicts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle import EPS, Span, extent
from pilstats import parse_figure
from pilstats.checks import Formula, evaluate
from pilstats.findings import FindingCode, Status
from pilstats.formula import (
    FInterval,
    FormulaError,
    UnboundedError,
    UnitMismatch,
    decide,
    parse_formula,
)
from pilstats.formula import evaluate as evaluate_node


def run(expr: str, *, same_noun: bool = False, **printed: str):
    figures = {k: parse_figure(v) for k, v in printed.items()}
    return evaluate(Formula("f", expr, same_noun=same_noun), figures)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("a =", "expected a figure id, a number or '(' at position 3, got the end"),
            ("a + b", "expected a comparison (=, <=, >=, <, >) at position 5"),
            ("= a", "expected a figure id, a number or '(' at position 0, got '='"),
            ("a = b c", "unexpected 'c' at position 6"),
            ("foo(a) = b", "unknown function 'foo' at position 0 (known: max, min, abs)"),
            ("abs(a, b) = c", "abs takes one argument (position 0)"),
            ("1 = 2", "a formula must name at least one figure"),
            ("a = (b", "expected ')' at position 6"),
            ("a = $", "unexpected '$' at position 4"),
            ("(" * 101 + "a" + ")" * 101 + " = b", "nested too deeply"),
            ("a" * 2001 + " = b", "longer than 2000 characters"),
            ("a ) b", "expected a comparison (=, <=, >=, <, >) at position 2"),
            ("(a = b)", "expected ')' at position 3"),
            ("max(a, b = c", "expected ')' at position 9"),
        ],
    )
    def test_errors_name_the_position(self, text: str, message: str) -> None:
        """A malformed formula is refused with what was expected and where."""
        with pytest.raises(FormulaError) as info:
            parse_formula(text)
        assert str(info.value) == message

    def test_spaces_and_length(self) -> None:
        """Spaces around tokens and at the end are fine; 2000 characters are allowed."""
        assert parse_formula("  a=b  ").comparison == "="
        assert parse_formula("a = b ").names == ("a", "b")
        assert parse_formula("a" * 1996 + " = b").names == ("a" * 1996, "b")

    def test_parsed_formulas_are_frozen(self) -> None:
        """Parsed formulas are cached and shared, so they are immutable."""
        import dataclasses

        parsed = parse_formula("a = b")
        with pytest.raises(dataclasses.FrozenInstanceError):
            parsed.comparison = "<"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            parsed.left.op = "num"  # type: ignore[misc]

    def test_declared_formula_is_parsed_at_once(self) -> None:
        """A Formula check with a bad expression cannot be declared."""
        with pytest.raises(ValueError, match=r"formula 'a \+': expected"):
            Formula("f", "a +")

    @pytest.mark.parametrize(
        ("text", "comparison"),
        [("a = b", "="), ("a == b", "="), ("a <= b", "<="), ("a ≤ b", "<="), ("a >= b", ">="),
         ("a ≥ b", ">="), ("a < b", "<"), ("a > b", ">")],
    )  # fmt: skip
    def test_comparisons(self, text: str, comparison: str) -> None:
        """Every spelling of the five comparisons."""
        assert parse_formula(text).comparison == comparison

    def test_names_in_order_of_appearance(self) -> None:
        """Figure ids are listed once each, left to right; functions are not ids."""
        parsed = parse_formula("max(b, a) + b * 2.5 >= -c / (d - a)")
        assert parsed.names == ("b", "a", "c", "d")
        assert Formula("f", "max(b, a) + b * 2.5 >= -c / (d - a)").figures == ("b", "a", "c", "d")

    def test_precedence_and_unary_signs(self) -> None:
        """* and / bind tighter than + and -; unary minus and plus apply to the next atom."""
        env = {n: FInterval(Fraction(v), Fraction(v), True, True, (), Fraction(v))
               for n, v in {"a": 2, "b": 3, "c": 4}.items()}  # fmt: skip
        parsed = parse_formula("a + b * c - -a / +b = c")
        value = evaluate_node(parsed.left, env)
        assert (value.lo, value.hi) == (Fraction(2 + 12) + Fraction(2, 3),) * 2
        parsed = parse_formula("(a + b) * c = 0.25")
        assert evaluate_node(parsed.left, env).lo == 20
        assert evaluate_node(parsed.right, env).lo == Fraction(1, 4)


# --------------------------------------------------------------- interval arithmetic


@st.composite
def fintervals(draw: st.DrawFn, *, positive: bool = False) -> FInterval:
    """Exact intervals on a small grid (ends coincide often), of either sign."""
    low = 1 if positive else -6
    a, b = sorted(Fraction(draw(st.integers(low, 8)), draw(st.sampled_from([1, 2]))) for _ in
                  range(2))  # fmt: skip
    lo_closed, hi_closed = (True, True) if a == b else (draw(st.booleans()), draw(st.booleans()))
    return FInterval(a, b, lo_closed, hi_closed, (), (a + b) / 2)


def _span(x: FInterval) -> Span:
    return Span(x.lo, x.hi, x.lo_closed, x.hi_closed)


def _same(x: FInterval, e: tuple[Fraction, bool, Fraction, bool]) -> None:
    assert (x.lo, x.lo_closed, x.hi, x.hi_closed) == (e[0], e[1], e[2], e[3])


def _eval(expr: str, **env: FInterval) -> FInterval:
    return evaluate_node(parse_formula(f"{expr} = 0").left, env)


class TestArithmetic:
    @given(fintervals(), fintervals())
    def test_sum_difference_product(self, a: FInterval, b: FInterval) -> None:
        """+, - and * give exactly the set of results, ends open or closed as attained."""
        spans = [_span(a), _span(b)]
        _same(_eval("a + b", a=a, b=b), extent(lambda x, y: x + y, spans))
        _same(_eval("a - b", a=a, b=b), extent(lambda x, y: x - y, spans))
        _same(_eval("a * b", a=a, b=b), extent(lambda x, y: x * y, spans))
        _same(_eval("-a", a=a), extent(lambda x: -x, spans[:1]))

    @given(fintervals(), fintervals(positive=True))
    def test_quotient(self, a: FInterval, b: FInterval) -> None:
        """/ by an interval away from 0 gives exactly the set of quotients."""
        _same(_eval("a / b", a=a, b=b), extent(lambda x, y: x / y, [_span(a), _span(b)]))
        negative = FInterval(-b.hi, -b.lo, b.hi_closed, b.lo_closed)
        _same(_eval("a / b", a=a, b=negative),
              extent(lambda x, y: x / y, [_span(a), _span(negative)]))  # fmt: skip

    @given(fintervals(), fintervals())
    def test_max_min(self, a: FInterval, b: FInterval) -> None:
        """max and min give exactly the set of results."""
        spans = [_span(a), _span(b)]
        _same(_eval("max(a, b)", a=a, b=b), extent(max, spans))
        _same(_eval("min(a, b)", a=a, b=b), extent(min, spans))

    @given(fintervals())
    def test_abs(self, a: FInterval) -> None:
        """abs folds the negative part: [0, …] when the interval holds 0."""
        got = _eval("abs(a)", a=a)
        points = [*_span(a).points(), Fraction(0)]
        values = {abs(x) for x in points if x in _span(a)}
        lo = min(abs(x) for x in (a.lo, a.hi)) if not (a.lo < 0 < a.hi) else Fraction(0)
        hi = max(abs(a.lo), abs(a.hi))
        assert (got.lo, got.hi) == (lo, hi)
        assert got.lo_closed is (lo in values)
        assert got.hi_closed is (hi in values)

    @given(fintervals(), fintervals(), st.sampled_from(["=", "<=", "<", ">=", ">"]))
    def test_decide(self, a: FInterval, b: FInterval, comparison: str) -> None:
        """decide is true exactly when some pair of members satisfies the comparison."""
        spans = [_span(a), _span(b)]
        m, m_in, big_m, big_m_in = extent(lambda x, y: x - y, spans)
        expected = {
            "=": m < 0 < big_m or (m == 0 and m_in) or (big_m == 0 and big_m_in),
            "<=": m < 0 or (m == 0 and m_in),
            "<": m < 0,
            ">=": big_m > 0 or (big_m == 0 and big_m_in),
            ">": big_m > 0,
        }[comparison]
        assert decide(comparison, a, b) is expected

    def test_divisor_touching_zero(self) -> None:
        """A divisor that may be 0, or comes arbitrarily close to it, is unbounded."""
        one = FInterval(Fraction(1), Fraction(1), True, True)
        for lo, hi, lo_closed, hi_closed in [(0, 1, True, True), (0, 1, False, True),
                                             (-1, 0, True, False), (-1, 1, False, False),
                                             (0, 0, True, True)]:  # fmt: skip
            divisor = FInterval(Fraction(lo), Fraction(hi), lo_closed, hi_closed)
            with pytest.raises(UnboundedError):
                _eval("a / b", a=one, b=divisor)

    def test_dimensions(self) -> None:
        """Adding or comparing different dimensions is a UnitMismatch; products combine."""
        area = FInterval(Fraction(1), Fraction(1), True, True, (("[length]", 2),))
        length = FInterval(Fraction(2), Fraction(2), True, True, (("[length]", 1),))
        assert _eval("a * b", a=length, b=length).dims == (("[length]", 2),)
        assert _eval("a / b", a=area, b=length).dims == (("[length]", 1),)
        assert _eval("a / b", a=length, b=length).dims == ()
        with pytest.raises(UnitMismatch, match="a sum of"):
            _eval("a + b", a=area, b=length)
        with pytest.raises(UnitMismatch, match="max of"):
            _eval("max(a, b)", a=area, b=length)
        with pytest.raises(UnitMismatch, match="a comparison of"):
            decide("=", area, length)

    def test_nominal_values(self) -> None:
        """The face value is carried through, and dropped where a division by 0 would be."""
        a = FInterval(Fraction(1), Fraction(3), True, True, (), Fraction(2))
        b = FInterval(Fraction(-1), Fraction(1), True, True, (), Fraction(0))
        assert _eval("max(a, 2 * a) - abs(-a)", a=a).nominal == 2
        assert _eval("a * b + min(a, b)", a=a, b=b).nominal == 0
        assert _eval("a / b", a=a, b=a).nominal == 1


# ------------------------------------------------------------------------ verdicts


class TestFormulaCheck:
    def test_largest_member(self) -> None:
        """civil >= max(…) holds at equality; > does not."""
        f = run("civil >= max(a, b)", civil="50件", a="40件", b="50件")
        assert (f.status, f.slack) == (Status.PASS, False)
        assert run("civil > max(a, b)", civil="50件", a="40件", b="50件").status is Status.FAIL

    def test_product_with_unit_conversion(self) -> None:
        """400千克/亩 × 1.5万亩 = 6000吨 = 600万千克: units convert themselves."""
        assert run("a * b = c", a="400千克/亩", b="1.5万亩", c="6000吨").status is Status.PASS
        assert run("a * b = c", a="400千克/亩", b="1.5万亩", c="600万千克").status is Status.PASS
        f = run("a * b = c", a="400千克/亩", b="1.5万亩", c="6000亩")
        assert (f.status, f.code) == (Status.FAIL, FindingCode.UNIT_MISMATCH)

    def test_rate_over_an_average(self) -> None:
        """births / mean population at face value rounds to the printed rate: no slack."""
        f = run("births / ((pop + pop2) / 2) = rate", births="902万人", pop="140967万人",
                pop2="141175万人", rate="6.39‰")  # fmt: skip
        assert (f.status, f.slack) == (Status.PASS, False)
        assert "holds;" in f.message

    def test_slack_when_only_the_inputs_rounding_reaches(self) -> None:
        """6.4‰ - 7.9‰ is -1.5‰ at face value, not in -1.4‰'s interval: a slack pass."""
        f = run("a - b = c", a="6.4‰", b="7.9‰", c="-1.4‰")
        assert (f.status, f.slack) == (Status.PASS, True)
        assert "holds only within rounding" in f.message
        assert run("a - b = c", a="6.4‰", b="7.9‰", c="-1.5‰").slack is False

    def test_a_figure_named_twice_is_lenient_and_says_so(self) -> None:
        """Each occurrence varies on its own; the message warns."""
        f = run("a + a = b", a="5件", b="10件")
        assert f.status is Status.PASS
        assert f.message.endswith(
            "(a figure named twice varies independently: the test is lenient)"
        )
        assert "lenient" not in run("a + c = b", a="5件", c="5件", b="10件").message

    def test_numbers_are_pure(self) -> None:
        """A bare number has no unit: comparing it with a count is a unit mismatch."""
        f = run("-a + 2 * b = 3", a="1件", b="2件")
        assert (f.status, f.code) == (Status.FAIL, FindingCode.UNIT_MISMATCH)
        assert f.message == "-a + 2 * b = 3: a comparison of [count_jian] and pure numbers"
        assert run("a = 0.1 * b", a="1件", b="10件").status is Status.PASS

    def test_percent_is_a_hundredth(self) -> None:
        """5.0% - 4.5% is 0.005, never 0.5: values are in base units."""
        assert run("a - b >= 0.5", a="5.0%", b="4.5%").status is Status.FAIL
        assert run("a - b >= 0.004", a="5.0%", b="4.5%").status is Status.PASS

    def test_message_shows_both_sides(self) -> None:
        """The message gives each side's interval, the verdict and the face values."""
        f = run("a - b = c", a="6.39‰", b="7.87‰", c="1.48‰")
        assert f.message == (
            "a - b = c with a = 6.39‰, b = 7.87‰, c = 1.48‰: left in (-0.00149, -0.00147), "
            "right in [0.001475, 0.001485); cannot hold; at face value -0.00148 = 0.00148"
        )
        assert f.code is FindingCode.FORMULA_MISMATCH

    def test_message_names_base_units(self) -> None:
        """Sides with a dimension say which."""
        f = run("a <= b", a="5件", b="7件")
        assert "(in base units: [count_jian])" in f.message

    def test_open_ends_decide(self) -> None:
        """超5件 < 6件 may hold; 超5件 <= 5件 cannot; 5余件 <= 5件 can."""
        assert run("a < b", a="超5件", b="6件").status is Status.PASS
        assert run("a <= b", a="超5件", b="5件").status is Status.FAIL
        assert run("a <= b", a="5余件", b="5件").status is Status.PASS
        assert run("a >= b", a="近5件", b="5件").status is Status.FAIL

    def test_same_noun(self) -> None:
        """same_noun lets 件 and 人 of one list meet."""
        assert run("a + b = c", a="5件", b="5人", c="10件").code is FindingCode.UNIT_MISMATCH
        assert run("a + b = c", same_noun=True, a="5件", b="5人", c="10件").status is Status.PASS

    def test_unbounded_is_untestable(self) -> None:
        """A divisor that may be zero makes the relation untestable."""
        f = run("a / b = c", a="5件", b="不足1万件", c="50%")
        assert (f.status, f.code) == (Status.UNTESTABLE, FindingCode.FORMULA_UNTESTABLE)
        assert f.message == "a / b = c: a divisor may be zero, so any value fits"


def test_eps_is_below_every_gap() -> None:
    """The oracle's EPS is far below the finest printed place it is used with."""
    assert Fraction(1, 10**50) > EPS


def test_nesting_limit_counts_depth_not_length() -> None:
    """Siblings do not use up the nesting allowance of 100 levels."""
    deep = "(" * 98 + "a" + ")" * 98
    assert parse_formula(f"max(a, a, a, a, a, {deep}) = b").names == ("a", "b")
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_formula(f"max(a, a, a, a, a, ({deep})) = b")


@pytest.mark.parametrize(
    ("a", "why"),
    [("超5件", "may be arbitrarily close to zero"), ("5余件", "may be zero")],
)
def test_divisor_just_below_zero(a: str, why: str) -> None:
    """5件 - 超5件 lies in (-1, 0): never 0; 5件 - 5余件 in (-1, 0]: may be 0."""
    f = run("c / (b - a) = d", a=a, b="5件", c="1件", d="2件")
    assert f.message == f"c / (b - a) = d: a divisor {why}, so any value fits"


def test_abs_of_a_symmetric_interval() -> None:
    """abs of [-1, 1) reaches 1 (at -1); of (-1, 1) it does not."""
    closed_left = FInterval(Fraction(-1), Fraction(1), True, False)
    assert (_eval("abs(a)", a=closed_left).hi, _eval("abs(a)", a=closed_left).hi_closed) == (
        1,
        True,
    )
    open_both = FInterval(Fraction(-1), Fraction(1), False, False)
    assert _eval("abs(a)", a=open_both).hi_closed is False


def test_intervals_are_frozen() -> None:
    """Formula intervals are immutable values."""
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        FInterval(Fraction(1), Fraction(2), True, True).lo = Fraction(0)  # type: ignore[misc]


def test_divisor_arbitrarily_close_to_zero() -> None:
    """超5件 - 5件 lies in (0, 1): as a divisor it is unbounded, and the message says why."""
    f = run("c / (a - b) = d", a="超5件", b="5件", c="1件", d="2件")
    assert (f.status, f.message) == (
        Status.UNTESTABLE,
        "c / (a - b) = d: a divisor may be arbitrarily close to zero, so any value fits",
    )
