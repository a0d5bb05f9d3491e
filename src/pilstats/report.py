"""Render results and figures: text, JSON (versioned schema), JUnit XML, CSV.

Pure functions from values to strings; printing is the CLI's business. The JSON
layout is versioned by :data:`SCHEMA_VERSION` and stable across runs (no timestamps,
no absolute paths), so outputs can be diffed and cached. Control characters from the
data are escaped in every format (:mod:`pilstats.escaping`); ``ascii_only`` writes
JSON that an ASCII-only output can carry unchanged in meaning, and XML that declares
and holds nothing but ASCII.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pilstats.checks import Check
from pilstats.errors import UnknownIdError
from pilstats.escaping import escape_controls, json_dumps
from pilstats.findings import SCHEMA_VERSION, Finding, Result, Status, junit_document
from pilstats.models import Report
from pilstats.records import (
    FIGURE_COLUMNS,
    FINDING_COLUMNS,
    csv_cell,
    figure_records,
    finding_records,
)

if TYPE_CHECKING:
    from pilstats.collection import CollectionResult
    from pilstats.propose import Proposal

__all__ = [
    "SCHEMA_VERSION",
    "collection_text",
    "explain_text",
    "figures_csv",
    "figures_json",
    "figures_text",
    "findings_csv",
    "proposals_text",
    "records_csv",
    "result_dict",
    "result_json",
    "result_junit",
    "result_text",
    "section_order",
]

_COLOURS = {Status.PASS: "32", Status.FAIL: "31;1", Status.UNTESTABLE: "33", Status.REVISED: "35"}


def result_dict(result: Result, report: Report | None = None) -> dict[str, Any]:
    """The JSON document of a check run."""
    return result.to_document(report=report.report.id if report is not None else None)


def result_json(results: list[tuple[Report, Result]], *, ascii_only: bool = False) -> str:
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
    return json_dumps(doc, ascii_only=ascii_only) + "\n"


def _clean(text: str) -> str:
    """Data in text output: control characters written as visible escapes."""
    return escape_controls(text)


def result_text(report: Report, result: Result, *, colour: bool = False) -> str:
    """A table of checks grouped by section, failures with their arithmetic."""
    paint = _painter(colour)
    lines = [f"{_clean(report.report.title)} ({report.report.id})", ""]
    sections: dict[str, list[Finding]] = {}
    figure_sections = {fr.id: fr.section for fr in report.figures}
    for f in result.findings:
        # a relation that names no section is shown with its first figure's
        section = f.section or next(
            (figure_sections[x] for x in f.figures if x in figure_sections), "—"
        )
        sections.setdefault(section, []).append(f)
    order = section_order(report, sections)
    for section in order:
        lines.append(f"[{_clean(section)}]")
        lines.extend(_finding_lines(sections[section], paint))
    if result.culprits:
        lines.append("")
        lines.append("Likely culprit (one figure whose correction makes every failing check pass):")
        lines.extend(
            _clean(f"  {c.figure}: printed {c.printed}, perhaps {c.suggestion} ({c.operation})")
            for c in result.culprits
        )
    # only totals derive figures worth listing; other findings' words stay unwritten
    totals = [f for f in result.findings if f.kind == "total" and f.status is not Status.FAIL]
    derived = [(f.check, k, v) for f in totals for k, v in f.derived.items()]
    if derived:
        lines.append("")
        lines.append("Derived figures (not printed in the report):")
        lines.extend(_clean(f"  {k} = {v}  (from {check})") for check, k, v in derived)
    lines.append("")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def result_junit(results: list[tuple[Report, Result]], *, ascii_only: bool = False) -> str:
    """JUnit XML: one testsuite per report, one testcase per check."""
    suites = [res.junit_suite(rep.report.id) for rep, res in results]
    return junit_document(suites, ascii_only=ascii_only)


_FRONT = ("前言", "序言", "引言", "导言")
_BACK = ("结语", "结束语", "后记", "附录")
_NUMERAL_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")}


def _numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (the numbers of headings); ``12`` → 12."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _NUMERAL_VALUES.get(tens, 1) * 10 + _NUMERAL_VALUES.get(ones, 0)
    return _NUMERAL_VALUES.get(text, 0)


def _label_key(section: str) -> tuple[int, tuple[int, ...], str]:
    """Heading numbers in order: 前言, 一, 一（一）, 一（一）2, 一（二）, 二 … 结语; ¶3 < ¶12."""
    head = section.replace(" ", "")
    if head.startswith(_FRONT):
        return (0, (), section)
    if head.startswith(_BACK):
        return (3, (), section)
    numbers = tuple(_numeral(m) for m in re.findall(r"[零一二三四五六七八九十]+|\d+", head))
    return (1, numbers, section) if numbers else (2, (), section)


def section_order(report: Report, sections: Iterable[str]) -> list[str]:
    """``sections`` in document order.

    A section's place is the offset of its first figure in the source text; sections
    no figure belongs to (a relation's own label) go by their heading numbers, so
    一（二） comes before 一（三） and 二 before 十, never in character order.
    """
    first: dict[str, int] = {}
    for f in report.figures:
        first.setdefault(f.section, f.offset)
        first[f.section] = min(first[f.section], f.offset)
    labelled = sorted(sections, key=_label_key)
    rank = {s: i for i, s in enumerate(labelled)}

    def key(section: str) -> tuple[int, int]:
        if section in first:
            return (first[section], rank[section])
        # between the figure-bearing sections that surround it by heading number
        before = [first[s] for s in labelled[: rank[section]] if s in first]
        return (max(before, default=-1), rank[section])

    return sorted(labelled, key=key)


def _finding_lines(findings: list[Finding], paint: Callable[[Status], str]) -> list[str]:
    lines = []
    for f in findings:
        mark = " (within rounding)" if f.slack else ""
        lines.append(f"  {paint(f.status)} {_clean(f.check)}{mark}")
        if f.status is not Status.PASS:
            lines.append(f"             {_clean(f.message)}")
    return lines


def records_csv(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """Records as CSV with a header row (lists joined with ``;``, dicts as JSON).

    Control characters in cells are visible escapes; newlines and tabs stay (quoted).
    """
    import csv  # noqa: PLC0415 - only this output format needs it

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(csv_cell(row.get(k))) for k in columns} for row in rows)
    return buf.getvalue()


def _cell(value: Any) -> Any:
    return escape_controls(value, keep="\n\t") if isinstance(value, str) else value


def figures_json(
    report: Report, result: Result | None = None, *, ascii_only: bool = False
) -> str:
    """Every figure of the report as a JSON list of figure records."""
    items = figure_records(report, result)
    return json_dumps(items, ascii_only=ascii_only) + "\n"


def figures_csv(report: Report, result: Result | None = None) -> str:
    """Every figure of the report as CSV, one figure record per row."""
    return records_csv(figure_records(report, result), FIGURE_COLUMNS)


def findings_csv(results: list[tuple[Report, Result]]) -> str:
    """Every finding as CSV, one finding record per row (a ``report`` column first)."""
    rows = [{"report": rep.report.id, **row} for rep, res in results
            for row in finding_records(res)]  # fmt: skip
    return records_csv(rows, ("report", *FINDING_COLUMNS))


def figures_text(report: Report, result: Result | None = None) -> str:
    """Every figure as an aligned text table: id, printed, unit, interval, check status."""
    lines = [
        f"{d['id']:<40} {d['printed']:<16} {d['unit']:<4} {d['interval']:<28} "
        f"{d['status'] or '-'}".rstrip()
        for d in figure_records(report, result)
    ]
    return "\n".join(_clean(line) for line in lines) + "\n"


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
    lines = [_clean(f"{title}{f' ({result.id})' if result.id else ''}"), ""]
    for d in result.documents:
        edition = "?" if d.edition is None else str(d.edition)
        own = d.result.summary() if d.result is not None else "no checks of its own"
        lines.append(_clean(f"  {d.alias:<24} {d.id} (edition {edition}, {len(d.stats)} keyed "
                            f"figures): {own}"))  # fmt: skip
        if d.result is not None:
            lines.extend(
                f"    {paint(f.status)} {_clean(f.check)}: {_clean(f.message)}"
                for f in d.result.failures
            )
    lines += ["", "Across documents:"]
    if not result.across.findings:
        lines.append("  no statistic is printed in two of these documents (see pilstats series)")
    for f in result.across.findings:
        mark = " (within rounding)" if f.slack else ""
        origin = "" if result.origin.get(f.check) == "keys" else " [declared]"
        lines.append(f"  {paint(f.status)} {_clean(f.check)}{mark}{origin}")
        lines.append(f"             {_clean(f.message)}")
        for side in result.sides(f):
            quote = f" “{side.quote}”" if side.quote else ""
            lines.append(_clean(f"             ← {side.qid}: {side.printed} in {side.document}"
                                f"{quote}"))  # fmt: skip
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
    return "\n".join(_clean(line) for line in lines) + "\n\n"


def explain_text(report: Report, ident: str, result: Result | None = None) -> str:
    """The full arithmetic of the check ``ident``, or a figure with its checks.

    A pass within rounding says which figure's rounding interval makes it hold.

    Raises:
        UnknownIdError: no check or figure has that id (the message lists the nearest).
    """
    for check, finding in zip(report.checks(), report.findings(), strict=True):
        if check.id == ident:
            return escape_controls(_explain_check(report, check, finding), keep="\n")
    ids = [f.id for f in report.figures]
    if ident in ids:
        record = next(r for r in figure_records(report, result) if r["id"] == ident)
        lines = [json_dumps(record), "checks:"]
        lines.extend(f"  {f.status.value:<10} {f.check}: {f.message}"
                     for f in report.findings() if ident in f.figures)  # fmt: skip
        return escape_controls("\n".join(lines), keep="\n") + "\n"
    raise UnknownIdError(_unknown_id_message(report, ident, ids))


def _unknown_id_message(report: Report, ident: str, figure_ids: list[str]) -> str:
    from pilstats.models import did_you_mean  # noqa: PLC0415

    checks = [c.id for c in report.checks()]
    name = report.report.id
    prefixed = [c for c in (*checks, *figure_ids) if c.startswith(ident)]
    if prefixed:
        shown = ", ".join(prefixed[:12]) + (f" (and {len(prefixed) - 12} more)"
                                            if len(prefixed) > 12 else "")  # fmt: skip
        return f"no check or figure {ident!r} in {name}; ids starting with it: {shown}"
    hint = did_you_mean(ident, [*checks, *figure_ids], limit=5)
    if not hint:
        hint = "; `pilstats figures` lists the figure ids, `pilstats check` the check ids"
    return f"no check or figure {ident!r} in {name}{hint}"


def _explain_check(report: Report, check: Check, finding: Finding) -> str:
    lines = [f"{finding.check} ({finding.kind}): {finding.status.value} [{finding.code}]",
             f"  {finding.message}"]  # fmt: skip
    if finding.computed is not None:
        lines.append(f"  computed: {finding.computed}")
    if finding.printed is not None:
        lines.append(f"  printed:  {finding.printed}")
    lines.extend(f"  derived {k} = {v}" for k, v in finding.derived.items())
    if finding.slack and finding.status is Status.PASS:
        lines.extend(_why_within_rounding(report, check))
    if check.note:
        lines.append(f"  note: {check.note}")
    known = {f.id for f in report.figures}
    for fid in dict.fromkeys(finding.figures):
        if fid in known:
            fr = report.figure(fid)
            lines.append(f"  {fid}: {fr.printed} — “{fr.quote}” @ {fr.offset}")
    return "\n".join(lines) + "\n"


def _why_within_rounding(report: Report, check: Check) -> list[str]:
    """Which figure's rounding interval makes a pass hold (the others at face value)."""
    from pilstats.checks import rounding_witnesses  # noqa: PLC0415
    from pilstats.units import using_units  # noqa: PLC0415

    values = report.values()
    conventions = report.conventions.to_conventions()
    with using_units(report.unit_table):
        witnesses = rounding_witnesses(check, values, conventions)

    def shown(fid: str) -> str:
        return f"{fid} = {values[fid]}, true value in {values[fid].bounds(conventions)}"

    if len(witnesses) == 1:
        return [("  within rounding: at face value the figures disagree; it holds because "
                 f"{shown(witnesses[0])}")]  # fmt: skip
    if witnesses:
        head = ("  within rounding: at face value the figures disagree; the rounding of any "
                "one of these makes it hold:")  # fmt: skip
        return [head, *(f"    {shown(w)}" for w in witnesses)]
    rounded = [f for f in dict.fromkeys(check.figures)
               if not values[f].bounds(conventions).is_point]  # fmt: skip
    head = ("  within rounding: no single figure's rounding is enough; it holds with the "
            "rounding of these together:")  # fmt: skip
    return [head, *(f"    {shown(f)}" for f in rounded)]
