"""The tables behind every output: figures and findings as plain records, or DataFrames.

:func:`figure_records` gives one record per figure of a report — its exact value as a
string and as a float, its interval as numbers with open or closed ends, its unit,
qualifier, section, quote and offset, and the worst status of the checks it takes part
in with their ids; :func:`finding_records` one per check (see
:meth:`pilstats.Finding.to_dict`). Records are plain ``dict`` objects of strings,
numbers, booleans, lists and (for ``derived``) nested dicts, ready for ``json.dumps``,
a CSV writer (:func:`csv_cell` flattens the lists and dicts) or a DataFrame. The CLI
writes its JSON and CSV from exactly these records.

:func:`figures_frame` and :func:`findings_frame` return ``pandas.DataFrame`` objects;
they need the optional ``pandas`` extra (``pip install 'pilstats[pandas]'``). pandas is
imported by these two functions only, never by ``import pilstats`` or a check.

>>> import pilstats
>>> from pilstats.records import figure_records
>>> row = figure_records(pilstats.load("whitepaper-2023"))[3]
>>> row["id"], row["value"], row["lo"], row["hi"], row["status"]
('cases_administrative_share', '88.4', 88.35, 88.45, 'pass')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pilstats.api import check, load
from pilstats.findings import Result, Status, interval_record
from pilstats.interval import format_number
from pilstats.models import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FIGURE_COLUMNS",
    "FINDING_COLUMNS",
    "csv_cell",
    "figure_records",
    "figures_frame",
    "finding_records",
    "findings_frame",
]

FIGURE_COLUMNS = (
    "id", "printed", "value", "value_float", "unit", "qualifier", "exact", "lo", "hi",
    "lo_closed", "hi_closed", "interval", "section", "quote", "offset", "position",
    "status", "checks",
)  # fmt: skip
"""Fields of a figure record, in order.

``value`` is the exact value as a plain decimal string (magnitude applied: 28.9万 →
``"289000"``), ``value_float`` the same as a float; ``lo``/``hi`` the interval of true
values as numbers, ``lo_closed``/``hi_closed`` whether each end belongs to it, and
``interval`` the same interval exactly, in mathematical notation; ``status`` the worst
status of the checks naming the figure (``fail`` > ``untestable`` > ``pass``; ``None``
when no check names it) and ``checks`` their ids.
"""

FINDING_COLUMNS = (
    "check", "kind", "code", "status", "figures", "message", "computed", "printed", "slack",
    "derived", "section", "computed_lo", "computed_hi", "computed_lo_closed",
    "computed_hi_closed", "printed_lo", "printed_hi", "printed_lo_closed", "printed_hi_closed",
)  # fmt: skip
"""Fields of a finding record, in order (see :meth:`pilstats.Finding.to_dict`)."""

_RANK = {Status.PASS.value: 0, Status.UNTESTABLE.value: 1, Status.FAIL.value: 2}

Source = str | Path | Report


def _report(source: Source) -> Report:
    return source if isinstance(source, Report) else load(source)


def _result(report: Report, result: Result | None) -> Result:
    return result if result is not None else check(report)


def figure_records(source: Source, result: Result | None = None) -> list[dict[str, Any]]:
    """One record per figure of ``source`` (a :class:`Report`, a bundled name or a path).

    ``result`` is the report's check result (computed when not given); it supplies
    each figure's worst status and check ids. Fields: :data:`FIGURE_COLUMNS`.
    """
    report = _report(source)
    findings = _result(report, result).findings
    conventions = report.conventions.to_conventions()
    involved: dict[str, list[tuple[str, str]]] = {}
    for f in findings:
        for fid in dict.fromkeys(f.figures):
            involved.setdefault(fid, []).append((f.check, f.status.value))
    rows = []
    for record in report.figures:
        r = record.reported
        iv = r.bounds(conventions)
        checks = involved.get(record.id, [])
        worst = max((s for _, s in checks), key=_RANK.__getitem__, default=None)
        rows.append({
            "id": record.id,
            "printed": record.printed,
            "value": format_number(r.value),
            "value_float": float(r.value),
            "unit": r.unit,
            "qualifier": r.qualifier.value if r.qualifier else None,
            "exact": r.exact,
            **interval_record(iv),
            "interval": str(iv),
            "section": record.section,
            "quote": record.quote,
            "offset": record.offset,
            "position": record.position,
            "status": worst,
            "checks": [c for c, _ in checks],
        })  # fmt: skip
    return rows


def finding_records(source: Source | Result) -> list[dict[str, Any]]:
    """One record per check of ``source`` (a :class:`Result`, a report, a name or a path).

    Fields: :data:`FINDING_COLUMNS`.
    """
    result = source if isinstance(source, Result) else _result(_report(source), None)
    return [f.to_dict() for f in result.findings]


def csv_cell(value: Any) -> Any:
    """A record value as a CSV cell: lists joined with ``;``, dicts as compact JSON."""
    import json  # noqa: PLC0415 - only this output needs it

    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    try:
        import pandas as pd  # noqa: PLC0415 - the optional extra, imported only here
    except ImportError:  # pragma: no cover - exercised where pandas is absent
        from pilstats.errors import PilstatsError  # noqa: PLC0415

        msg = "DataFrames need pandas: pip install 'pilstats[pandas]'"
        raise PilstatsError(msg) from None
    return pd.DataFrame.from_records(list(rows), columns=list(columns))


def figures_frame(source: Source, result: Result | None = None) -> pd.DataFrame:
    """:func:`figure_records` as a ``pandas.DataFrame`` indexed by figure id (needs pandas)."""
    return _frame(figure_records(source, result), FIGURE_COLUMNS).set_index("id")


def findings_frame(source: Source | Result) -> pd.DataFrame:
    """:func:`finding_records` as a ``pandas.DataFrame`` indexed by check id (needs pandas)."""
    return _frame(finding_records(source), FINDING_COLUMNS).set_index("check")
