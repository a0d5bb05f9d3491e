"""Series: one statistic across documents and periods, with every printed value's interval.

:func:`series_of` gathers the figures that state one key (for one scope and measure)
from the documents of a collection, in period order: each value converted to the key's
unit (19万件 → 190000 件), with its interval, its document and figure, and whether
it comes from the edition that covers its period (*original*) or from a later one
(*restated*). :meth:`Series.revised_periods` lists the periods whose printed values do
not meet. The series renders as a text table, CSV, JSON rows, and a small inline SVG
line chart (drawn through the original editions' values, every value with its interval).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape as _html_escape
from typing import Any

from pilstats.collection import Document
from pilstats.escaping import escape_controls
from pilstats.interval import Interval, format_fraction
from pilstats.keys import KeySpec, Vocabulary, vocabulary
from pilstats.periods import Period
from pilstats.units import UnitTable, active_units

__all__ = ["Point", "Series", "series_keys", "series_of"]


def escape(text: str) -> str:
    """HTML-escaped text with control characters made visible."""
    return _html_escape(escape_controls(text, keep="\n\t"))


@dataclass(frozen=True)
class Point:
    """One printed value of a series.

    Attributes:
        period: the period it covers.
        alias: its document's alias.
        document: its document's id.
        title: its document's title.
        figure: the figure's id.
        printed: the figure as printed.
        value: its value in the series' unit (signed for a change 下降).
        interval: the interval of the true value, in the series' unit.
        original: printed by the edition that covers its period (not a restatement).
        quote: the quote it was read from, if known.
        base: the period a change compares with (None for a level).
    """

    period: Period
    alias: str
    document: str
    title: str
    figure: str
    printed: str
    value: Fraction
    interval: Interval
    original: bool
    quote: str | None = None
    base: Period | None = None

    @property
    def when(self) -> str:
        """The period, and for a change the period it compares with (``2022 vs 2020``)."""
        return str(self.period) if self.base is None else f"{self.period} vs {self.base}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "period": str(self.period),
            "base": None if self.base is None else str(self.base),
            "value": format_fraction(self.value, digits=12),
            "interval": str(self.interval),
            "printed": self.printed,
            "document": self.document,
            "alias": self.alias,
            "figure": self.figure,
            "edition": "original" if self.original else "restated",
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Series:
    """The values of one statistic (key, scope, measure) in period order."""

    key: str
    spec: KeySpec
    scope: str
    measure: str
    unit: str
    points: tuple[Point, ...]

    @property
    def title(self) -> str:
        """``key — 中文名 (unit, scope)``."""
        what = "" if self.measure == "level" else f", {self.measure}"
        return f"{self.key} — {self.spec.zh} ({self.unit or 'number'}, {self.scope}{what})"

    def periods(self) -> list[Period]:
        """The distinct periods, in order."""
        seen: dict[Period, None] = {}
        for p in self.points:
            seen.setdefault(p.period, None)
        return list(seen)

    def revised_periods(self) -> list[Period]:
        """Periods whose printed values cannot all be one true value (a revision or an error)."""
        out = []
        for period in self.periods():
            ivs = [p.interval for p in self.points if p.period == period]
            if any(not a.intersects(b) for i, a in enumerate(ivs) for b in ivs[i + 1 :]):
                out.append(period)
        return out

    def to_rows(self) -> list[dict[str, Any]]:
        """Every point as a JSON-ready mapping, with ``revised`` marking its period."""
        revised = set(self.revised_periods())
        return [p.to_dict() | {"revised": p.period in revised} for p in self.points]

    def to_document(self) -> dict[str, Any]:
        """The series as a JSON document."""
        return {"key": self.key, "zh": self.spec.zh, "en": self.spec.en, "unit": self.unit,
                "scope": self.scope, "measure": self.measure,
                "revised_periods": [str(p) for p in self.revised_periods()],
                "points": self.to_rows()}  # fmt: skip

    def to_text(self) -> str:
        """An aligned table: period, value, interval, printed, document, edition."""
        revised = set(self.revised_periods())
        rows = [("period", "value", "interval", "printed", "document (figure)", "edition")]
        for p in self.points:
            mark = " ← values differ" if p.period in revised else ""
            rows.append((p.when, format_fraction(p.value, digits=12), str(p.interval),
                         p.printed, f"{p.document} ({p.figure})",
                         ("original" if p.original else "restated") + mark))  # fmt: skip
        widths = [max(_width(r[i]) for r in rows) for i in range(5)]
        lines = [self.title]
        for r in rows:
            cells = [r[i] + " " * (widths[i] - _width(r[i])) for i in range(5)]
            lines.append("  ".join([*cells, r[5]]).rstrip())
        if not self.points:
            lines.append("(no document prints this statistic)")
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """The rows as CSV with a header."""
        import csv  # noqa: PLC0415 - only this output needs it

        buf = io.StringIO()
        fields = ["period", "base", "value", "interval", "printed", "document", "alias", "figure",
                  "edition", "revised", "quote"]  # fmt: skip
        writer = csv.DictWriter(buf, fieldnames=fields)
        writer.writeheader()
        writer.writerows(self.to_rows())
        return buf.getvalue()

    def svg(self, width: int = 640, height: int = 240) -> str:
        """A small line chart: the original editions' values joined, every value's interval.

        Filled dots are original editions, hollow ones restatements; a vertical bar is a
        value's interval (a rounded or qualified figure); hovering a dot shows its printed
        form, interval and document. Pixel positions are display arithmetic only.
        """
        periods = self.periods()
        if not periods:
            return ""
        left, right, top, bottom = 64, 16, 14, 30
        lows = [p.interval.lo for p in self.points]
        highs = [p.interval.hi for p in self.points]
        lo, hi = float(min(lows)), float(max(highs))
        if hi == lo:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.08
        lo, hi = lo - pad, hi + pad
        plot_w, plot_h = width - left - right, height - top - bottom

        # x: the middle of each period on a time axis, so a missing year leaves a gap
        mids = {q: (q.start.toordinal() + q.end.toordinal()) / 2 for q in periods}
        t0, t1 = min(mids.values()), max(mids.values())
        span = (t1 - t0) or 1.0

        def x(i: int) -> float:
            t = mids[periods[i]]
            return left + 20 + (plot_w - 40) * ((t - t0) / span if t1 > t0 else 0.5)

        def y(v: float) -> float:
            return top + plot_h * (1 - (v - lo) / (hi - lo))

        at = {period: i for i, period in enumerate(periods)}
        parts = [
            _axis(left, top + plot_h, width - right, top + plot_h),
            _axis(left, top, left, top + plot_h),
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_tick(hi)}</text>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">{_tick(lo)}</text>',
        ]
        for period, i in at.items():
            parts.append(f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle">'
                         f"{escape(period.label())}</text>")  # fmt: skip
        # the original editions' values, joined; dashed across a period no document prints
        last: tuple[Period, str] | None = None
        for period in periods:
            first = next((p for p in self.points if p.period == period and p.original), None)
            if first is None:
                continue
            here = f"{x(at[period]):.1f},{y(float(first.value)):.1f}"
            if last is not None:
                dash = "" if period.previous() == last[0] else ' stroke-dasharray="4 4"'
                parts.append(f'<polyline class="series-line" points="{last[1]} {here}" '
                             f'fill="none" stroke="#0969da" stroke-width="2"{dash}/>')  # fmt: skip
            last = (period, here)
        revised = set(self.revised_periods())
        offsets: dict[Period, int] = {}
        for p in self.points:
            k = offsets.get(p.period, 0)
            offsets[p.period] = k + 1
            cx = x(at[p.period]) + 7 * k
            colour = "#8250df" if p.period in revised else "#0969da"
            tip = (f"{p.printed} — {p.period.label()}, {p.document} ({p.figure}); interval "
                   f"{p.interval}; {'original' if p.original else 'restated'}")  # fmt: skip
            if not p.interval.is_point:
                parts.append(
                    f'<line class="interval" x1="{cx:.1f}" x2="{cx:.1f}" '
                    f'y1="{y(float(p.interval.lo)):.1f}" y2="{y(float(p.interval.hi)):.1f}" '
                    f'stroke="{colour}" stroke-width="3" opacity="0.45"/>'
                )
            fill = colour if p.original else "#fff"
            parts.append(
                f'<circle class="point" cx="{cx:.1f}" cy="{y(float(p.value)):.1f}" r="4" '
                f'fill="{fill}" stroke="{colour}" stroke-width="2" '
                f'data-period="{escape(str(p.period))}" data-document="{escape(p.document)}" '
                f'data-edition="{"original" if p.original else "restated"}">'
                f"<title>{escape(tip)}</title></circle>"
            )
        return (
            f'<svg class="series" role="img" aria-label="{escape(self.title)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
        )


def _axis(x1: int, y1: int, x2: int, y2: int) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#8c959f"/>'


def _tick(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}"  # a chart label, not a figure


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _signed(iv: Interval, down: bool) -> Interval:
    if not down:
        return iv
    return Interval(-iv.hi, -iv.lo, iv.hi_closed, iv.lo_closed)


def _target_unit(spec: KeySpec, measure: str) -> str:
    return "%" if measure in ("change", "change_difference") else spec.unit


def series_of(
    documents: Sequence[Document],
    key: str,
    *,
    scope: str = "national",
    measure: str = "level",
    vocab: Vocabulary | None = None,
    units: UnitTable | None = None,
) -> Series:
    """The values of ``key`` (for ``scope`` and ``measure``) across ``documents``.

    Raises:
        pilstats.keys.StatKeyError: ``key`` is not in the vocabulary (suggests close ones).
    """
    vocab = vocab or _vocabulary_of(documents)
    spec = vocab.get(key)
    unit = _target_unit(spec, measure)
    table = units or active_units()
    points: list[tuple[tuple[Any, ...], Point]] = []
    for order, d in enumerate(documents):
        for fid, stat in d.stats.items():
            if stat.key != key or stat.scope != scope or stat.measure != measure:
                continue
            value = d.values[fid]
            factor = table.conversion_factor(value.unit, unit)
            down = stat.direction == "down" and measure != "level"
            iv = _signed(value.bounds(d.conventions).scale(factor), down)
            face = Fraction(value.value) * factor * (-1 if down else 1)
            quote = d.quotes.get(fid, (None, 0))[0]
            original = d.is_original(stat.period)
            point = Point(stat.period, d.alias, d.id, d.title, fid, value.printed or str(value),
                          face, iv, original, quote, stat.base)  # fmt: skip
            points.append(((stat.period.sort_key, not original, order), point))
    points.sort(key=lambda kp: kp[0])
    return Series(key, spec, scope, measure, unit, tuple(p for _, p in points))


def _vocabulary_of(documents: Sequence[Document]) -> Vocabulary:
    """The bundled keys and every document's own keys: block."""
    vocab = vocabulary()
    for d in documents:
        if d.report is not None and d.report.keys:
            extra = {k: v.model_dump(exclude_none=True) for k, v in d.report.keys.items()
                     if k not in vocab}  # fmt: skip
            if extra:
                vocab = vocab.extend(extra, d.id)
    return vocab


def series_keys(documents: Sequence[Document]) -> list[tuple[str, str, int, int]]:
    """``(key, scope, periods, documents)`` of every level statistic printed more than once.

    Ordered by key; a statistic printed in one document for one period is left out.
    """
    seen: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for d in documents:
        for stat in d.stats.values():
            if stat.measure != "level":
                continue
            periods, docs = seen.setdefault((stat.key, stat.scope), (set(), set()))
            periods.add(str(stat.period))
            docs.add(d.alias)
    return sorted(
        (k, s, len(p), len(ds)) for (k, s), (p, ds) in seen.items() if len(p) > 1 or len(ds) > 1
    )

