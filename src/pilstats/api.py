"""The library entry points: :func:`load` a report and :func:`check` it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from pilstats import load as _load
from pilstats.decimals import isolated
from pilstats.findings import Result, Status
from pilstats.models import Report
from pilstats.reading import MAX_FIXTURE_BYTES

__all__ = ["check", "load"]

Source = str | Path | Mapping[str, Any] | Report


@isolated
def load(
    source: str | Path | Mapping[str, Any],
    *,
    strict: bool = False,
    max_bytes: int = MAX_FIXTURE_BYTES,
    allow_outside: Iterable[str | Path] = (),
) -> Report:
    """Load a fixture (bundled name, path or mapping) into a validated :class:`Report`.

    Lenient (default): inconsistent figures are not an error; read them with
    :func:`check`. Strict: raise one :class:`pydantic.ValidationError` listing every
    failed check, each with its finding code as the error ``type``. A fixture file
    larger than ``max_bytes`` (16 MiB) is refused while it is read; its source text
    is read from the fixture's folder only, unless ``allow_outside`` names its place.
    Whatever the content, malformed input raises :class:`~pilstats.FixtureError` and
    nothing else.

    Raises:
        pilstats.FixtureError: malformed input (file, line and field named).
        pydantic.ValidationError: with ``strict=True``, when any check fails.
        TypeError: ``source`` is not a name, a path or a mapping.
    """
    report = _load.load(source, max_bytes=max_bytes, allow_outside=allow_outside)
    if strict:
        failed = [f for f in report.findings() if f.status is Status.FAIL]
        if failed:
            details = [
                InitErrorDetails(
                    type=PydanticCustomError(str(f.code), f.message),
                    loc=("checks", f.check),
                    input=list(f.figures),
                )
                for f in failed
            ]
            raise ValidationError.from_exception_data("Report", details)
    return report


@isolated
def check(source: Source) -> Result:
    """Every finding for a report, with likely culprits when checks fail.

    ``source`` is a :class:`Report`, a bundled report name, a fixture path or a
    mapping. Inconsistent data never raises: it yields failing findings.

    Raises:
        pilstats.FixtureError: the input itself is malformed.
    """
    report = source if isinstance(source, Report) else _load.load(source)
    findings = report.findings()
    culprits: tuple[Any, ...] = ()
    if any(f.status is Status.FAIL for f in findings):
        from pilstats.culprits import find_culprits  # noqa: PLC0415 - only failures need it
        from pilstats.units import using_units  # noqa: PLC0415

        with using_units(report.unit_table):
            culprits = find_culprits(
                report.checks(), report.values(), findings, report.conventions.to_conventions()
            )
    return Result(findings, culprits)
