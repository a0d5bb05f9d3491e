"""Compare a fixture with its source text: what moved, what differs, what is missing.

:func:`audit` reports, for a fixture whose ``report.source_text`` is available:

* ``quote-moved`` — a quote is no longer at its offset but found elsewhere;
* ``quote-missing`` — a quote is not in the text at all;
* ``value-differs`` — the figure printed in the text reads differently from the fixture;
* ``unlisted-figure`` — the scanner finds a figure the fixture neither lists nor excludes;
* ``unlisted-number`` — any other number the fixture neither lists nor excludes (the
  scanner could not read it as a figure: a date, a measure word it does not know …),
  with the reason it is not read (see :mod:`pilstats.unread`). A Chinese numeral in a
  set phrase (一批, 两年) or an ordinal (第三次) is a word, not a number to account for;
* ``exclusion-moved`` — an excluded number is not at its offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pilstats.decimals import isolated
from pilstats.load import load, resolve_source, source_text
from pilstats.reading import MAX_FIXTURE_BYTES, MAX_TEXT_BYTES
from pilstats.scan import normalise, scan_figures
from pilstats.unread import unread_numbers

__all__ = ["AuditItem", "audit"]

_WORDS = ("idiom", "ordinal")
"""Reasons for which a Chinese numeral is part of a word (一批, 第三次), not a number."""


@dataclass(frozen=True)
class AuditItem:
    """One discrepancy between a fixture and its text."""

    code: str
    offset: int
    message: str
    figure: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"code": self.code, "offset": self.offset, "figure": self.figure,
                "message": self.message}  # fmt: skip


def _relocate(fid: str, quote: str, printed: str, offset: int, text: str) -> AuditItem:
    """Where a quote went: moved, changed in its number, or gone."""
    found = text.find(quote)
    if found >= 0:
        return AuditItem("quote-moved", offset, f"quote now at offset {found}", fid)
    # the same words around a different number: the value differs
    at = quote.index(printed)
    number = re.compile(r"[0-9０-９][0-9０-９.,，]*")
    head, tail = re.escape(quote[:at]), re.escape(quote[at + len(printed) :])
    body = number.sub(lambda _: "[0-9０-９][0-9０-９.,，]*", printed)
    body = re.escape(body).replace(re.escape("[0-9０-９][0-9０-９.,，]*"), number.pattern)
    m = re.search(head + f"(?P<fig>{body})" + tail, text)
    if m:
        return AuditItem(
            "value-differs", m.start("fig"),
            f"the text now prints {m['fig']!r} where the fixture has {printed!r}", fid,
        )  # fmt: skip
    return AuditItem("quote-missing", offset, f"quote {quote!r} is not in the text", fid)


@isolated
def audit(
    source: str | Path,
    *,
    allow_outside: Iterable[str | Path] = (),
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> list[AuditItem]:
    """Every discrepancy between a fixture and the source text it names.

    The text is read as :func:`pilstats.load.source_text` reads it: from the fixture's
    folder unless ``allow_outside`` names its place, decoded by ``encoding`` if given.
    ``max_bytes`` caps the fixture and the text (default 16 MiB and 64 MiB).

    Raises:
        FixtureError: the fixture is malformed or names no readable source text.
    """
    path = resolve_source(source)
    report = load(path, verify_source=False, max_bytes=max_bytes or MAX_FIXTURE_BYTES)
    text = source_text(report, path, required=True, allow_outside=allow_outside,
                       encoding=encoding, max_bytes=max_bytes or MAX_TEXT_BYTES)  # fmt: skip
    assert text is not None
    items: list[AuditItem] = []
    spans: list[tuple[int, int]] = []
    shifts: list[tuple[int, int]] = []  # (old offset, new - old) of every located quote
    excluded_values: set[int] = set()  # figures already reported as value-differs
    for f in report.figures:
        at = f.offset
        if text[at : at + len(f.quote)] != f.quote:
            item = _relocate(f.id, f.quote, f.printed, f.offset, text)
            items.append(item)
            if item.code == "value-differs":
                excluded_values.add(item.offset)
            if item.code != "quote-moved":
                continue
            at = text.find(f.quote)
        shifts.append((f.offset, at - f.offset))
        start = at + f.quote.index(f.printed)
        spans.append((start, start + len(f.printed)))
    shifts.sort()
    shift_at = [o for o, _ in shifts]
    excluded: set[int] = set()
    for e in report.excluded:
        # the shift of the last located quote at or before the exclusion (bisect: the
        # audit stays n log n however many figures and exclusions a fixture holds)
        i = bisect_right(shift_at, e.offset)
        delta = shifts[i - 1][1] if i else 0
        for candidate in (e.offset, e.offset + delta):
            if text[candidate : candidate + len(e.text)] == e.text:
                excluded.add(candidate)
                if candidate != e.offset:
                    moved = f"excluded {e.text!r} now at offset {candidate}"
                    items.append(AuditItem("exclusion-moved", e.offset, moved))
                break
        else:
            items.append(AuditItem("exclusion-moved", e.offset,
                                   f"excluded {e.text!r} is not at its offset"))  # fmt: skip
    norm = normalise(text)
    covering = _Cover(spans)
    scanned = scan_figures(text)
    for s in scanned:
        covered = covering.covers(s.start, s.end)
        number_at = next((i for i in range(s.start, s.end) if norm[i].isdigit()), s.start)
        known = excluded | excluded_values
        if not covered and s.start not in known and number_at not in known:
            lacking = f"{s.text.strip()!r} is neither a figure nor an exclusion"
            items.append(AuditItem("unlisted-figure", s.start, lacking))
    read = [*spans, *((s.start, s.end) for s in scanned)]
    known = excluded | excluded_values
    items.extend(
        AuditItem("unlisted-number", u.start,
                  f"{u.text!r} is neither a figure nor an exclusion: {u.reason}, {u.detail}")
        for u in unread_numbers(text, read)
        if u.start not in known and not (u.chinese and u.reason in _WORDS)
    )  # fmt: skip
    return sorted(items, key=lambda i: i.offset)


class _Cover:
    """Whether a span lies inside one of many spans, in logarithmic time per question."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        # the furthest end among the spans starting at or before each one
        self.reach: list[int] = []
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end
