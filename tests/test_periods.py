"""Periods: the forms a fixture writes, their canonical text, and the 同比 period."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        ("2023", "2023", "year"),
        (2023, "2023", "year"),
        ("2023H2", "2023H2", "half"),
        ("2023Q1", "2023Q1", "quarter"),
        ("2023-05", "2023-05", "month"),
        ("2023-01..2023-09", "2023-01..2023-09", "months"),
        ("2017-07..2022-06", "2017-07..2022-06", "months"),
        ("2014..2019", "2014..2019", "years"),
        ("2018-12-31", "2018-12-31", "point"),
        ("2018 year-end", "2018-12-31", "point"),
        ("2018年末", "2018-12-31", "point"),
        ("2023-01..2023-12", "2023", "year"),
    ],
)
def test_forms(written: str | int, canonical: str, kind: str) -> None:
    """Each accepted form reads to its span and prints canonically."""
    p = parse_period(written)
    assert str(p) == canonical
    assert p.kind == kind


def test_equal_spans_are_one_period() -> None:
    """2023 and 2023-01..2023-12 are the same period; 2023 and its year-end are not."""
    assert parse_period("2023") == parse_period("2023-01..2023-12")
    assert parse_period("2023") != parse_period("2023-12-31")


@pytest.mark.parametrize(
    ("written", "previous"),
    [("2023", "2022"), ("2023Q1", "2022Q1"), ("2019-01..2019-09", "2018-01..2018-09"),
     ("2018-12-31", "2017-12-31"), ("2018..2022", "2013..2017"), ("2024-02-29", "2023-02-28")],
)  # fmt: skip
def test_previous_is_the_year_over_year_period(written: str, previous: str) -> None:
    """同比: a year earlier; a multi-year span compares with the span just before it."""
    assert str(parse_period(written).previous()) == previous


@pytest.mark.parametrize(
    ("written", "says"),
    [("2023Q5", "accepted forms"), ("2023-13", "month 13"), ("2023-02-30", "no day 30"),
     ("2019..2014", "ends before it starts"), ("2023..2023-05", "a span joins"),
     ("last year", "cannot read"), ("1800", "outside"), ("", "cannot read")],
)  # fmt: skip
def test_unparseable_periods_say_why(written: str, says: str) -> None:
    """A period that does not parse names the text and what is wrong with it."""
    with pytest.raises(PeriodError, match=says):
        parse_period(written)


def test_bool_is_not_a_year() -> None:
    """YAML's true is not the year 1."""
    with pytest.raises(PeriodError):
        parse_period(True)


def test_contains() -> None:
    """A quarter lies within its year, a year within its span, a point within its year."""
    year = parse_period("2023")
    assert year.contains(parse_period("2023Q3"))
    assert parse_period("2014..2019").contains(parse_period("2019"))
    assert year.contains(parse_period("2023-12-31"))
    assert not year.contains(parse_period("2022"))


@given(st.integers(1950, 2190), st.integers(1, 12), st.integers(0, 30))
def test_canonical_text_reads_back(year: int, month: int, length: int) -> None:
    """parse_period(str(p)) == p for month spans of any length."""
    start = date(year, month, 1)
    end_index = year * 12 + month - 1 + length
    p = parse_period(f"{start:%Y-%m}..{end_index // 12}-{end_index % 12 + 1:02d}")
    assert parse_period(str(p)) == p
    assert isinstance(p, Period)
    assert p.previous().months == p.months


@given(st.integers(1950, 2199), st.integers(1, 12))
def test_days_in_month_as_the_calendar_says(year: int, month: int) -> None:
    """The start-up-free month length agrees with calendar.monthrange."""
    import calendar

    from pilstats.periods import monthrange

    assert monthrange(year, month)[1] == calendar.monthrange(year, month)[1]
