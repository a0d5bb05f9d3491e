"""Periods: what span of time (or which moment) a statistic covers.

A flow (cases filed, births) covers a span; a stock (population, institutions) is
counted at a point in time. :func:`parse_period` reads the forms a fixture writes:

==================  ======================================  ===================
written             meaning                                 canonical
==================  ======================================  ===================
``2023``            the calendar year                       ``2023``
``2023H1``          a half year                             ``2023H1``
``2023Q1``          a quarter                               ``2023Q1``
``2023-05``         a month                                 ``2023-05``
``2023-01..2023-09``  a span of months (inclusive)          ``2023-01..2023-09``
``2017-07..2022-06``  (五周年: July 2017 to June 2022)      ``2017-07..2022-06``
``2014..2019``      a span of years (inclusive)             ``2014..2019``
``2018-12-31``      a point in time (截至2018年底)            ``2018-12-31``
``2018 year-end``   the same point (also ``2018年末``, ``2018年底``)  ``2018-12-31``
==================  ======================================  ===================

Two periods are the same statistic's period when they are equal as spans (``2023``
and ``2023-01..2023-12`` are one period). :meth:`Period.previous` is the period a
year-over-year (同比) comparison refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pilstats.errors import PilstatsError

__all__ = ["FORMS", "Period", "PeriodError", "parse_period"]

FORMS = (
    "2023 (a year), 2023H1 (a half), 2023Q1 (a quarter), 2023-05 (a month), "
    "2023-01..2023-09 or 2017-07..2022-06 (a span of months), 2014..2019 (a span of years), "
    "2018-12-31 or '2018 year-end' (a point in time, for stocks)"
)
"""The accepted forms, quoted in every error message."""

_MIN_YEAR, _MAX_YEAR = 1949, 2200


class PeriodError(PilstatsError, ValueError):
    """A period that cannot be read; names the text and the accepted forms."""


_YEAR = re.compile(r"^(?P<y>\d{4})$")
_HALF = re.compile(r"^(?P<y>\d{4})H(?P<h>[12])$")
_QUARTER = re.compile(r"^(?P<y>\d{4})Q(?P<q>[1-4])$")
_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_YEAR_END = re.compile(r"^(?P<y>\d{4})(?:\s*year-end|\s*-end|年末|年底)$")
_SPAN = ".."


@dataclass(frozen=True, slots=True)
class Period:
    """A span of calendar months, or a point in time.

    Attributes:
        start: first day covered (for a point: the day itself).
        end: last day covered, inclusive (for a point: the day itself).
        point: a moment (a stock's date), not a span.
    """

    start: date
    end: date
    point: bool = False

    @property
    def months(self) -> int:
        """Number of calendar months a span covers (0 for a point)."""
        if self.point:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def kind(self) -> str:
        """``point``, ``year``, ``half``, ``quarter``, ``month``, ``years`` or ``months``."""
        if self.point:
            return "point"
        whole_years = self.start.month == 1 and self.end.month == 12
        if whole_years and self.start.year == self.end.year:
            return "year"
        if whole_years:
            return "years"
        n = self.months
        aligned = (self.start.month - 1) % n == 0 if n in (3, 6) else False
        if n == 6 and aligned:
            return "half"
        if n == 3 and aligned:
            return "quarter"
        return "month" if n == 1 else "months"

    def __str__(self) -> str:
        """The canonical written form (see the module table)."""
        if self.point:
            return self.start.isoformat()
        kind = self.kind
        y = self.start.year
        if kind == "year":
            return str(y)
        if kind == "years":
            return f"{y}..{self.end.year}"
        if kind == "half":
            return f"{y}H{(self.start.month - 1) // 6 + 1}"
        if kind == "quarter":
            return f"{y}Q{(self.start.month - 1) // 3 + 1}"
        if kind == "month":
            return f"{y}-{self.start.month:02d}"
        return f"{y}-{self.start.month:02d}..{self.end.year}-{self.end.month:02d}"

    def label(self) -> str:
        """A short Chinese label for tables and charts (2023年, 2018年末 …)."""
        if self.point:
            if (self.start.month, self.start.day) == (12, 31):
                return f"{self.start.year}年末"
            return f"{self.start.year}年{self.start.month}月{self.start.day}日"
        kind = self.kind
        if kind == "year":
            return f"{self.start.year}年"
        if kind == "years":
            return f"{self.start.year}—{self.end.year}年"
        return str(self)

    @property
    def sort_key(self) -> tuple[date, date]:
        """Order by end, then by start (a point sorts with the span ending that day)."""
        return (self.end, self.start)

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies within this period (a point within a span or itself)."""
        return self.start <= other.start and other.end <= self.end

    def shift_months(self, months: int) -> Period:
        """The period ``months`` calendar months later (earlier when negative)."""
        if self.point:
            return Period(_day_shift(self.start, months), _day_shift(self.end, months), True)
        return Period(_month_start(self.start, months), _month_end(self.end, months))

    def previous(self) -> Period:
        """The period a year-over-year (同比) comparison refers to.

        One year earlier for a point and for any span of at most twelve months
        (2023Q1 → 2022Q1, 2019-01..2019-09 → 2018-01..2018-09); the span of the same
        length just before for longer spans (2018..2022 → 2013..2017).
        """
        if self.point or self.months <= 12:
            return self.shift_months(-12)
        return self.shift_months(-self.months)


def monthrange(year: int, month: int) -> tuple[int, int]:
    """``(0, days in the month)``: :func:`calendar.monthrange` without its import cost.

    Only the number of days is used; :mod:`calendar` would import :mod:`locale` at start-up.
    """
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 0, 29 if leap else 28
    return 0, 30 if month in (4, 6, 9, 11) else 31


def _month_start(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    y, m = index // 12, index % 12 + 1
    return date(y, m, monthrange(y, m)[1])


def _day_shift(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    y, m = index // 12, index % 12 + 1
    last = monthrange(y, m)[1]
    # a month-end stays a month-end (2024-02-29 → 2023-02-28)
    day = last if d.day == monthrange(d.year, d.month)[1] else min(d.day, last)
    return date(y, m, day)


def _year(text: str, raw: str) -> int:
    y = int(raw)
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        raise PeriodError(f"period {text!r}: year {y} is outside {_MIN_YEAR}–{_MAX_YEAR}")
    return y


def _month(text: str, raw: str) -> int:
    m = int(raw)
    if not 1 <= m <= 12:
        raise PeriodError(f"period {text!r}: month {m} is not 01–12")
    return m


def _single(text: str, part: str) -> Period | None:
    """A period written without ``..``, or None when the form is not recognised."""
    if m := _YEAR.match(part):
        y = _year(text, m["y"])
        return Period(date(y, 1, 1), date(y, 12, 31))
    if m := _HALF.match(part):
        y, h = _year(text, m["y"]), int(m["h"])
        return Period(date(y, 6 * h - 5, 1), _month_end(date(y, 6 * h, 1), 0))
    if m := _QUARTER.match(part):
        y, q = _year(text, m["y"]), int(m["q"])
        return Period(date(y, 3 * q - 2, 1), _month_end(date(y, 3 * q, 1), 0))
    if m := _MONTH.match(part):
        y, mo = _year(text, m["y"]), _month(text, m["m"])
        return Period(date(y, mo, 1), _month_end(date(y, mo, 1), 0))
    if m := _DAY.match(part):
        y, mo = _year(text, m["y"]), _month(text, m["m"])
        d = int(m["d"])
        if not 1 <= d <= monthrange(y, mo)[1]:
            raise PeriodError(f"period {text!r}: {y}-{mo:02d} has no day {d}")
        at = date(y, mo, d)
        return Period(at, at, point=True)
    if m := _YEAR_END.match(part):
        at = date(_year(text, m["y"]), 12, 31)
        return Period(at, at, point=True)
    return None


def parse_period(value: str | int | Period) -> Period:
    """Read a period as a fixture writes it (see the module table).

    An ``int`` is a year (YAML reads an unquoted ``2023`` as a number).

    Raises:
        PeriodError: the text is not one of the accepted forms, names a month or day
            that does not exist, or a span that ends before it starts.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PeriodError(f"a period is text such as '2023', not {type(value).__name__}")
    text = str(value).strip()
    if len(text) > 40:
        raise PeriodError(f"period {text[:40]!r}…: too long; accepted forms: {FORMS}")
    if _SPAN in text:
        head, _, tail = text.partition(_SPAN)
        a, b = _single(text, head.strip()), _single(text, tail.strip())
        if a is None or b is None or a.point or b.point or a.kind != b.kind or (
            a.kind not in ("year", "month")
        ):
            raise PeriodError(
                f"period {text!r}: a span joins two years (2014..2019) or two months "
                f"(2017-07..2022-06); accepted forms: {FORMS}"
            )
        if b.end < a.start:
            raise PeriodError(f"period {text!r}: the span ends before it starts")
        return Period(a.start, b.end)
    found = _single(text, text)
    if found is None:
        raise PeriodError(f"cannot read period {text!r}; accepted forms: {FORMS}")
    return found
