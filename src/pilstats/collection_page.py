"""The HTML page of a collection: checks across documents, both sides shown, and series.

:func:`render_collection` writes one self-contained page (inline CSS and SVG, nothing
fetched): the documents with their own check counts; every check across documents —
failing and revised ones first — each with the figures it rests on in every document
(printed value, interval, quote); and for each statistic printed more than once a small
line chart and table of its values across documents and periods
(:class:`pilstats.series.Series`), so a reader sees a series and its revisions at a glance.
"""

from __future__ import annotations

from pilstats.collection import CollectionResult
from pilstats.findings import Finding, Status
from pilstats.page import _CLASS, _page, escape
from pilstats.series import Series, series_keys, series_of
from pilstats.units import using_units

__all__ = ["render_collection"]

_ORDER = {Status.FAIL: 0, Status.REVISED: 1, Status.UNTESTABLE: 2, Status.PASS: 3}

_EXTRA_CSS = """
<style>
.sides td { font-size: 12px; }
.finding { margin: 10px 0 16px; }
.finding .msg { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; }
.series-block { margin: 18px 0 28px; }
.badge.rev { background: var(--revised); }
</style>
"""


def _documents(result: CollectionResult) -> str:
    rows = []
    for d in result.documents:
        own = d.result.summary() if d.result is not None else "—"
        edition = "?" if d.edition is None else str(d.edition)
        rows.append(
            f"<tr><td>{escape(d.alias)}</td><td>{escape(d.id)}</td><td>{escape(d.title)}</td>"
            f"<td>{escape(d.publisher)}</td><td>{escape(edition)}</td><td>{len(d.stats)}</td>"
            f"<td>{escape(own)}</td></tr>"
        )
    return ("<table><tr><th>alias</th><th>document</th><th>title</th><th>publisher</th>"
            "<th>edition</th><th>keyed figures</th><th>its own checks</th></tr>"
            + "".join(rows) + "</table>")  # fmt: skip


def _finding(result: CollectionResult, f: Finding) -> str:
    sides = "".join(
        f"<tr><td>{escape(s.document)}</td><td>{escape(s.figure)}</td>"
        f"<td><b>{escape(s.printed)}</b></td><td>{escape(str(s.interval))}</td>"
        f"<td>{escape(s.statistic or '')}</td>"
        f"<td>{'' if s.original is None else ('original' if s.original else 'restated')}</td>"
        f"<td>“{escape(s.quote or '')}”</td></tr>"
        for s in result.sides(f)
    )
    slack = " (within rounding)" if f.slack else ""
    origin = result.origin.get(f.check, "declared")
    note = result.notes.get(f.check)
    note_html = f"<div>note: {escape(note)}</div>" if note else ""
    return (
        f'<div class="finding" data-check="{escape(f.check)}" data-status="{f.status.value}">'
        f'<span class="fig {_CLASS[f.status]}">{escape(f.status.value)}</span> '
        f"<b>{escape(f.check)}</b> [{escape(str(f.code))}]{slack} — {escape(origin)}"
        f'<div class="msg">{escape(f.message)}</div>{note_html}'
        '<table class="sides"><tr><th>document</th><th>figure</th><th>printed</th>'
        "<th>interval</th><th>statistic</th><th>edition</th><th>quote</th></tr>"
        f"{sides}</table></div>"
    )


def _series_block(s: Series) -> str:
    rows = "".join(
        f"<tr><td>{escape(p.when)}</td><td>{escape(p.printed)}</td>"
        f"<td>{escape(str(p.interval))}</td><td>{escape(p.document)} ({escape(p.figure)})</td>"
        f"<td>{'original' if p.original else 'restated'}</td></tr>"
        for p in s.points
    )
    revised = s.revised_periods()
    warn = ("<p>values that do not meet: " + ", ".join(escape(str(p)) for p in revised)
            + "</p>") if revised else ""  # fmt: skip
    return (
        f'<div class="series-block" data-key="{escape(s.key)}"><h3>{escape(s.title)}</h3>'
        f"{s.svg()}{warn}<table><tr><th>period</th><th>printed</th><th>interval</th>"
        f"<th>document (figure)</th><th>edition</th></tr>{rows}</table></div>"
    )


def render_collection(result: CollectionResult) -> str:
    """The HTML page of a collection result (see the module docstring)."""
    from pilstats.collection import merged_units  # noqa: PLC0415

    counts = result.across.counts
    if not result.across.ok:
        badge = '<span class="badge bad">inconsistent across documents</span>'
    elif counts["revised"]:
        badge = '<span class="badge rev">revised by a later edition</span>'
    else:
        badge = '<span class="badge ok">consistent across documents</span>'
    parts = [f"<span>{badge}</span>", f"<span>{len(result.across.findings)} checks</span>"]
    parts += [f'<span class="{_CLASS[s]}" data-count="{s.value}">{counts[s.value]} '
              f"{s.value}</span>" for s in Status]  # fmt: skip
    findings = sorted(result.across.findings, key=lambda f: _ORDER[f.status])
    listed = "".join(_finding(result, f) for f in findings) or (
        "<p>No statistic is printed in two of these documents.</p>")  # fmt: skip
    docs = list(result.documents)
    with using_units(merged_units(docs)):
        blocks = [_series_block(series_of(docs, key, scope=scope))
                  for key, scope, _, _ in series_keys(docs)]  # fmt: skip
    title = result.title or "pilstats: documents checked against each other"
    body = (
        f"{_EXTRA_CSS}<header><h1>{escape(title)}</h1>"
        f'<div class="summary">{"".join(parts)}</div></header>'
        f"<section><h2>Documents ({len(docs)})</h2>{_documents(result)}</section>"
        f"<section><h2>Checks across documents</h2>{listed}</section>"
        f"<section><h2>Series ({len(blocks)})</h2>"
        "<p>Filled dots: the edition that covers the period; hollow: a later edition's "
        "restatement; bars: the interval a rounded or qualified figure allows.</p>"
        f"{''.join(blocks) or '<p>No statistic is printed twice.</p>'}</section>"
    )
    return _page(title, body)
