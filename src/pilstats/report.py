"""Render results and figures: text, JSON (versioned schema), JUnit XML, CSV.

Pure functions from values to strings; printing is the CLI's business. The JSON
layout is versioned by :data:`SCHEMA_VERSION` and stable across runs (no timestamps,
no absolute paths), so outputs can be diffed and cached.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pilstats.findings import SCHEMA_VERSION, Finding, Result, Status, junit_document
from pilstats.interval import format_fraction
from pilstats.models import FigureRecord, Report

if TYPE_CHECKING:
    from pilstats.collection import CollectionResult
    from pilstats.propose import Proposal

__all__ = [
    "SCHEMA_VERSION",
    "collection_text",
    "figure_dict",
    "figures_csv",
    "figures_json",
    "figures_text",
    "proposals_text",
    "result_dict",
    "result_json",
    "result_junit",
    "result_text",
]

_COLOURS = {Status.PASS: "32", Status.FAIL: "31;1", Status.UNTESTABLE: "33", Status.REVISED: "35"}


def result_dict(result: Result, report: Report | None = None) -> dict[str, Any]:
    """The JSON document of a check run."""
    return result.to_document(report=report.report.id if report is not None else None)


def result_json(results: list[tuple[Report, Result]]) -> str:
    """JSON for one report (an object) or several (``{"reports": [...]}``)."""
    if len(results) == 1:
        report, result = results[0]
        doc: dict[str, Any] = result_dict(result, report)
    else:
        docs = [result_dict(res, rep) for rep, res in results]
        doc = {
            "schema_version": SCHEMA_VERSION,
            "ok": all(d["ok"] for d in docs),
            "reports": docs,
        }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def result_text(report: Report, result: Result, *, colour: bool = False) -> str:
    """A table of checks grouped by section, failures with their arithmetic."""

    def paint(status: Status) -> str:
        label = status.value.upper() if status is Status.FAIL else status.value
        if not colour:
            return f"{label:<10}"
        return f"\x1b[{_COLOURS[status]}m{label:<10}\x1b[0m"

    lines = [f"{report.report.title} ({report.report.id})", ""]
    sections: dict[str, list[Finding]] = {}
    for f in result.findings:
        sections.setdefault(f.section or "—", []).append(f)
    for section, findings in sorted(sections.items(), key=lambda kv: _section_key(kv[0])):
        lines.append(f"[{section}]")
        lines.extend(_finding_lines(findings, paint))
    if result.culprits:
        lines.append("")
        lines.append("Likely culprit (one figure whose correction makes every failing check pass):")
        lines.extend(
            f"  {c.figure}: printed {c.printed}, perhaps {c.suggestion} ({c.operation})"
            for c in result.culprits
        )
    derived = [(f.check, k, v) for f in result.findings for k, v in f.derived.items()
               if f.kind == "total" and f.status is not Status.FAIL]  # fmt: skip
    if derived:
        lines.append("")
        lines.append("Derived figures (not printed in the report):")
        lines.extend(f"  {k} = {v}  (from {check})" for check, k, v in derived)
    lines.append("")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def result_junit(results: list[tuple[Report, Result]]) -> str:
    """JUnit XML: one testsuite per report, one testcase per check."""
    return junit_document([res.junit_suite(rep.report.id) for rep, res in results])


_CHINESE_ORDINALS = "前一二三四五六七八九十结"


def _section_key(section: str) -> tuple[int, str]:
    """Sort sections in report order: 前言, 一 … 六, 结语; anything else last."""
    head = section[:1]
    rank = _CHINESE_ORDINALS.find(head)
    return (rank if rank >= 0 else len(_CHINESE_ORDINALS), section)


def _finding_lines(findings: list[Finding], paint: Callable[[Status], str]) -> list[str]:
    lines = []
    for f in findings:
        mark = " (within rounding)" if f.slack else ""
        lines.append(f"  {paint(f.status)} {f.check}{mark}")
        if f.status is not Status.PASS:
            lines.append(f"             {f.message}")
    return lines


def figure_dict(record: FigureRecord, report: Report) -> dict[str, Any]:
    """One figure as a JSON-ready mapping."""
    r = record.reported
    iv = r.bounds(report.conventions.to_conventions())
    return {
        "id": record.id,
        "printed": record.printed,
        "value": format(r.value, "f"),
        "unit": r.unit,
        "qualifier": r.qualifier.value if r.qualifier else None,
        "exact": r.exact,
        "lo": format_fraction(iv.lo, direction=-1),
        "hi": format_fraction(iv.hi, direction=1),
        "lo_closed": iv.lo_closed,
        "hi_closed": iv.hi_closed,
        "section": record.section,
        "quote": record.quote,
        "offset": record.offset,
        "position": record.position,
    }


def figures_json(report: Report) -> str:
    """Every figure of the report as a JSON list."""
    items = [figure_dict(f, report) for f in report.figures]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def figures_csv(report: Report) -> str:
    """Every figure of the report as CSV with a header row."""
    import csv  # noqa: PLC0415 - only this output format needs it

    buf = io.StringIO()
    rows = [figure_dict(f, report) for f in report.figures]
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def figures_text(report: Report) -> str:
    """Every figure as an aligned text table."""
    lines = []
    for f in report.figures:
        d = figure_dict(f, report)
        left = "[" if d["lo_closed"] else "("
        right = "]" if d["hi_closed"] else ")"
        interval = d["value"] if d["lo"] == d["hi"] else f"{left}{d['lo']}, {d['hi']}{right}"
        lines.append(f"{f.id:<40} {f.printed:<16} {d['unit']:<4} {interval}")
    return "\n".join(lines) + "\n"


def _painter(colour: bool) -> Callable[[Status], str]:
    def paint(status: Status) -> str:
        label = status.value.upper() if status in (Status.FAIL, Status.REVISED) else status.value
        if not colour:
            return f"{label:<10}"
        return f"\x1b[{_COLOURS[status]}m{label:<10}\x1b[0m"

    return paint


def collection_text(result: CollectionResult, *, colour: bool = False) -> str:
    """Each document's summary (and failures), then every check across documents.

    A cross-document check is listed with its arithmetic and both sides: the document,
    figure, printed value and quote each side rests on.
    """
    paint = _painter(colour)
    title = result.title or f"{len(result.documents)} documents checked against each other"
    lines = [f"{title}{f' ({result.id})' if result.id else ''}", ""]
    for d in result.documents:
        edition = "?" if d.edition is None else str(d.edition)
        own = d.result.summary() if d.result is not None else "no checks of its own"
        lines.append(f"  {d.alias:<24} {d.id} (edition {edition}, {len(d.stats)} keyed "
                     f"figures): {own}")  # fmt: skip
        if d.result is not None:
            lines.extend(
                f"    {paint(f.status)} {f.check}: {f.message}" for f in d.result.failures
            )
    lines += ["", "Across documents:"]
    if not result.across.findings:
        lines.append("  no statistic is printed in two of these documents (see pilstats series)")
    for f in result.across.findings:
        mark = " (within rounding)" if f.slack else ""
        origin = "" if result.origin.get(f.check) == "keys" else " [declared]"
        lines.append(f"  {paint(f.status)} {f.check}{mark}{origin}")
        lines.append(f"             {f.message}")
        for side in result.sides(f):
            quote = f" “{side.quote}”" if side.quote else ""
            lines.append(f"             ← {side.qid}: {side.printed} in {side.document}{quote}")
    lines.append("")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def proposals_text(proposals: list[Proposal]) -> str:
    """The statistic keys proposed for scanned texts, and the figures left unkeyed."""
    lines = []
    for p in proposals:
        d = p.document
        edition = "no period found: nothing keyed" if d.edition is None else str(d.edition)
        lines.append(f"{d.id} ({edition}): {len(d.stats)} of {len(d.values)} figures keyed")
        for fid, stat in d.stats.items():
            lines.append(f"  {fid:<5} {d.values[fid].printed:<12} {stat.label()}  "
                         f"({p.reasons.get(fid, '')})")  # fmt: skip
        for fid, candidates in p.ambiguous.items():
            lines.append(f"  {fid:<5} {d.values[fid].printed:<12} unkeyed: "
                         f"{' | '.join(candidates)}")  # fmt: skip
    return "\n".join(lines) + "\n\n"
