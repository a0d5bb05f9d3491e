"""A self-contained HTML page: the source text with every figure marked by its checks.

:func:`render_report` (a fixture) and :func:`render_scan` (a plain text) produce one
HTML file with inline CSS, JavaScript and SVG — no network, no CDN. Each figure in
the text is highlighted by the worst status of the checks it takes part in (fail,
untestable, pass, or in no check); hovering or focusing it shows its interval, its
quote and the arithmetic of each check. Failing checks are listed first, with links
into the text and the suggested correction. For a fixture with a field breakdown the
page also draws the chart the printed white paper has and its text lacks: cases by
field, in the three groups.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as _html_escape

from pilstats.escaping import escape_controls
from pilstats.findings import Finding, Result, Status
from pilstats.models import FieldBreakdown, Report
from pilstats.scan import ScanResult

__all__ = ["render_report", "render_scan"]



def escape(text: str, keep: str = "\n\t") -> str:
    r"""HTML-escaped text with control characters made visible (``\x1b``)."""
    return _html_escape(escape_controls(text, keep=keep))


def _source(text: str) -> str:
    """A stretch of the source text: its line breaks (CR LF too) and tabs kept."""
    return escape(text, keep="\n\t\r")


_RANK = {None: 0, Status.PASS: 1, Status.UNTESTABLE: 2, Status.REVISED: 3, Status.FAIL: 4}
_CLASS = {None: "st-none", Status.PASS: "st-pass", Status.UNTESTABLE: "st-untestable",
          Status.REVISED: "st-revised", Status.FAIL: "st-fail"}  # fmt: skip


@dataclass(frozen=True)
class _Mark:
    fid: str
    start: int
    end: int
    label: str
    interval: str
    quote: str


_CSS = """
:root { --pass: #1a7f37; --fail: #cf222e; --untestable: #9a6700; --none: #8c959f;
        --revised: #8250df; }
body { font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, main, section { max-width: 960px; margin: 0 auto; padding: 0 24px; }
h1 { font-size: 22px; margin: 24px 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; }
.summary span { display: inline-block; margin-right: 14px; }
.badge { padding: 2px 10px; border-radius: 10px; color: #fff; font-weight: 600; }
.ok { background: var(--pass); } .bad { background: var(--fail); }
.text { white-space: pre-wrap; background: #f6f8fa; padding: 16px; border-radius: 6px; }
.fig { border-bottom: 2px solid; cursor: pointer; position: relative; padding: 0 1px; }
.st-pass { border-color: var(--pass); background: #dafbe1; }
.st-fail { border-color: var(--fail); background: #ffebe9; font-weight: 600; }
.st-untestable { border-color: var(--untestable); background: #fff8c5; }
.st-none { border-color: var(--none); border-bottom-style: dotted; }
.st-revised { border-color: var(--revised); background: #fbefff; }
.tip { display: none; position: absolute; left: 0; top: 1.8em; z-index: 10; width: 420px;
       background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px;
       box-shadow: 0 8px 24px rgba(140,149,159,.3); font-weight: normal; white-space: normal;
       font-size: 13px; line-height: 1.5; }
.fig:hover .tip, .fig:focus .tip, .fig.open .tip { display: block; }
.tip b { font-family: ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
td, th { border-bottom: 1px solid #d0d7de; padding: 4px 6px; text-align: left;
         vertical-align: top; }
.failing li { margin-bottom: 6px; }
.legend span { margin-right: 12px; }
svg text { font-size: 12px; fill: #1f2328; }
"""

_JS = """
document.querySelectorAll('.fig').forEach(function (el) {
  el.addEventListener('click', function () { el.classList.toggle('open'); });
});
"""


def _status_of(findings: Iterable[Finding]) -> Status | None:
    worst: Status | None = None
    for f in findings:
        if _RANK[f.status] > _RANK[worst]:
            worst = f.status
    return worst


def _text_with_marks(text: str, marks: list[_Mark], by_figure: dict[str, list[Finding]]) -> str:
    out: list[str] = []
    pos = 0
    for m in sorted(marks, key=lambda m: m.start):
        if m.start < pos:
            continue  # overlapping spans: keep the first
        out.append(_source(text[pos : m.start]))
        findings = by_figure.get(m.fid, [])
        status = _status_of(findings)
        lines = [f"<b>{escape(m.fid)}</b> {escape(m.label)}",
                 f"interval {escape(m.interval)}", f"“{escape(m.quote)}”"]  # fmt: skip
        lines.extend(
            f"<span class='{_CLASS[f.status]}'>{escape(f.status.value)}</span> "
            f"<b>{escape(f.check)}</b>: {escape(f.message)}"
            for f in findings
        )
        if not findings:
            lines.append("in no check")
        checks = json.dumps([f.check for f in findings])
        out.append(
            f'<span class="fig {_CLASS[status]}" id="fig-{escape(m.fid)}" tabindex="0" '
            f'data-figure="{escape(m.fid)}" data-status="{status.value if status else "none"}" '
            f"data-checks='{escape(checks)}'>{_source(text[m.start : m.end])}"
            f'<span class="tip">{"<br>".join(lines)}</span></span>'
        )
        pos = m.end
    out.append(_source(text[pos:]))
    return "".join(out)


def _summary(result: Result) -> str:
    counts = result.counts
    kinds = Counter(f.kind for f in result.findings)
    badge = '<span class="badge ok">consistent</span>' if result.ok else (
        '<span class="badge bad">inconsistent</span>')  # fmt: skip
    parts = [f"<span>{badge}</span>", f"<span>{len(result.findings)} checks</span>"]
    parts += [f'<span class="{_CLASS[s]}" data-count="{s.value}">{counts[s.value]} '
              f"{s.value}</span>" for s in Status]  # fmt: skip
    kind_rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{n}</td></tr>" for k, n in sorted(kinds.items())
    )
    return (
        f'<div class="summary">{"".join(parts)}</div>'
        f"<table><tr><th>check kind</th><th>checks</th></tr>{kind_rows}</table>"
    )


def _failing(result: Result, first_figure: dict[str, str]) -> str:
    failures = [f for f in result.findings if f.status is Status.FAIL]
    if not failures:
        return "<p>No check fails.</p>"
    items = []
    for f in failures:
        target = first_figure.get(f.check)
        link = f'<a href="#fig-{escape(target)}">{escape(f.check)}</a>' if target else escape(
            f.check)  # fmt: skip
        items.append(f'<li class="failing-check" data-check="{escape(f.check)}">{link} '
                     f"[{escape(str(f.code))}]: {escape(f.message)}</li>")  # fmt: skip
    culprits = "".join(
        f'<li class="culprit">{escape(c.figure)}: printed {escape(c.printed)}, perhaps '
        f"<b>{escape(c.suggestion)}</b> ({escape(c.operation)})</li>"
        for c in result.culprits
    )
    more = f"<p>Likely culprit:</p><ul>{culprits}</ul>" if culprits else ""
    return f'<ul class="failing">{"".join(items)}</ul>{more}'


def _derived(result: Result) -> str:
    rows = [
        f"<tr><td>{escape(k)}</td><td>{escape(v)}</td><td>{escape(f.check)}</td></tr>"
        for f in result.findings
        if f.kind == "total" and f.status is not Status.FAIL
        for k, v in f.derived.items()
    ]
    if not rows:
        return "<p>None.</p>"
    return "<table><tr><th>derived figure</th><th>value</th><th>from</th></tr>" + "".join(
        rows) + "</table>"  # fmt: skip


def _chart(fields: FieldBreakdown, by_check: dict[str, Finding]) -> str:
    """Horizontal bars: cases by field, grouped, from the figures themselves.

    A field the text leaves unlisted (反垄断 in 2023) is drawn from the remainder its
    group's sum check derived, labelled as inferred, when that remainder is exact.
    """
    rows: list[tuple[str, str, int, str | None]] = []  # (group, label, count, figure id)
    for g in fields.groups:
        rows.extend(
            (g.group.value, m.field.chinese, int(m.count.reported.value), m.count.id)
            for m in g.members
        )
        finding = by_check.get(f"fields.{g.group.value}.sum")
        key = "+".join(f.value for f in g.unlisted)
        derived = finding.derived.get(key, "") if finding is not None and key else ""
        if derived.isdigit():
            label = "、".join(f.chinese for f in g.unlisted) + "（推算）"
            rows.append((g.group.value, label, int(derived), None))
    if not rows:
        return ""
    largest = max(count for _, _, count, _ in rows) or 1
    bar_h, gap, label_w, width = 18, 6, 170, 900
    colours = {"traditional": "#0969da", "new_statutory": "#8250df", "other_new": "#bf8700"}
    group_names = {"traditional": "传统法定领域", "new_statutory": "新增法定领域",
                   "other_new": "其他新领域"}  # fmt: skip
    svg = []
    y = 10
    current = None
    for group, label, count, fid in rows:
        if group != current:
            y += 8
            svg.append(f'<text x="0" y="{y + 12}" font-weight="600">{group_names[group]}</text>')
            y += bar_h + gap
            current = group
        w = max(1, round((width - label_w - 80) * count / largest))
        data = f' data-figure="{escape(fid)}"' if fid else ' data-derived="true"'
        svg.append(
            f'<text x="8" y="{y + 13}">{escape(label)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" '
            f'fill="{colours[group]}"{data}><title>{escape(label)} {count}件</title></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 13}">{count}</text>'
        )
        y += bar_h + gap
    return (
        f'<svg class="chart" role="img" aria-label="全国检察机关各领域立案数" '
        f'width="{width}" height="{y + 10}" viewBox="0 0 {width} {y + 10}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(svg)}</svg>'
    )


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body>{body}<script>{_JS}</script></body></html>\n"
    )


def _by_figure(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for fid in f.figures:
            out.setdefault(fid, []).append(f)
    return out


_LEGEND = (
    '<p class="legend"><span class="fig st-fail">fail</span>'
    '<span class="fig st-untestable">untestable</span>'
    '<span class="fig st-pass">pass</span><span class="fig st-none">in no check</span>'
    " — hover, focus or click a figure for its interval, quote and arithmetic.</p>"
)


def render_report(report: Report, result: Result, text: str) -> str:
    """The HTML page of a fixture and its findings over its source ``text``."""
    conventions = report.conventions.to_conventions()
    marks = [
        _Mark(f.id, f.position, f.position + len(f.printed), f.printed,
              str(f.reported.bounds(conventions)), f.quote)
        for f in report.figures
    ]  # fmt: skip
    by_figure = _by_figure(result.findings)
    first = {f.check: f.figures[0] for f in result.findings if f.figures}
    chart = ""
    if report.statistics is not None and report.statistics.fields is not None:
        by_check = {f.check: f for f in result.findings}
        chart = ("<section><h2>全国检察机关各领域立案数 (cases by field)</h2>"
                 f"{_chart(report.statistics.fields, by_check)}</section>")  # fmt: skip
    exclusions = "".join(
        f"<tr><td>{e.offset}</td><td>{escape(e.text)}</td><td>{escape(e.reason)}</td>"
        f"<td>{escape(e.note or '')}</td></tr>"
        for e in report.excluded
    )
    body = (
        f"<header><h1>{escape(report.report.title)}</h1>"
        f"<p>{escape(report.report.publisher)} · {report.report.year} · "
        f"{len(report.figures)} figures</p>{_summary(result)}</header>"
        f"<section><h2>Failing checks</h2>{_failing(result, first)}</section>"
        f"<section><h2>Derived figures</h2>{_derived(result)}</section>"
        f"{chart}"
        f'<main><h2>Source text</h2>{_LEGEND}<div class="text">'
        f"{_text_with_marks(text, marks, by_figure)}</div></main>"
        f"<section><h2>Exclusions ({len(report.excluded)})</h2><table><tr><th>offset</th>"
        f"<th>text</th><th>reason</th><th>note</th></tr>{exclusions}</table></section>"
    )
    return _page(report.report.title, body)


def render_scan(scanned: ScanResult, text: str, title: str = "pilstats scan") -> str:
    """The HTML page of a plain text scanned by :func:`pilstats.scan.scan`."""
    marks = [
        _Mark(f.id, f.start, f.end, f.text.strip(), str(f.reported.bounds()), f.text.strip())
        for f in scanned.figures
    ]
    result = scanned.result
    by_figure = _by_figure(result.findings)
    first = {f.check: f.figures[0] for f in result.findings if f.figures}
    body = (
        f"<header><h1>{escape(title)}</h1><p>{len(scanned.figures)} figures found</p>"
        f"{_summary(result)}</header>"
        f"<section><h2>Failing checks</h2>{_failing(result, first)}</section>"
        f"<section><h2>Derived figures</h2>{_derived(result)}</section>"
        f'<main><h2>Source text</h2>{_LEGEND}<div class="text">'
        f"{_text_with_marks(text, marks, by_figure)}</div></main>"
    )
    return _page(title, body)
