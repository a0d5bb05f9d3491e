"""Helpers for test suites that embed pilstats (pytest or plain ``assert``).

>>> from pilstats.testing import assert_consistent
>>> assert_consistent("whitepaper-2023").ok
True
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pilstats.api import check
from pilstats.errors import FixtureError, PilstatsError
from pilstats.findings import Result
from pilstats.models import Report

__all__ = ["assert_consistent"]


def assert_consistent(
    source: str | Path | Mapping[str, Any] | Report,
    *,
    fail_on: Literal["fail", "untestable", "rounding"] = "fail",
) -> Result:
    """Check a report and raise ``AssertionError`` listing every problem; else return.

    ``fail_on`` makes the assertion stricter: ``untestable`` also rejects checks that
    could not have failed, ``rounding`` also rejects passes that hold only within
    rounding or qualifier slack. The message names the fixture and shows each offending
    check with its arithmetic, and the likely culprit when one figure explains every
    failure. A malformed fixture fails with one short message (file, line, field), not
    a traceback through pilstats.
    """
    __tracebackhide__ = True  # pytest: show the caller's line, not this one
    name = _name(source)
    try:
        result = check(source)
    except FixtureError as exc:
        where = exc if exc.path != "<mapping>" else FixtureError(
            exc.message, path=name, line=exc.line, field=exc.field
        )
        raise AssertionError(f"not a valid fixture: {where}") from None
    except PilstatsError as exc:
        raise AssertionError(f"{name}: not a valid fixture: {exc}") from None
    bad = result.violations(fail_on)
    if not bad:
        return result
    head = f"{name}: {len(bad)} of {len(result.findings)} checks do not hold ({result.summary()}):"
    lines = [head]
    for f in bad:
        tag = f.status.value if not f.slack else "pass within rounding"
        lines.append(f"  {f.check} [{f.code}, {tag}] figures {', '.join(f.figures)}")
        lines.append(f"      {f.message}")
    lines.extend(
        f"  likely culprit: {c.figure} printed {c.printed}, perhaps {c.suggestion}"
        for c in result.culprits
    )
    raise AssertionError("\n".join(lines))


def _name(source: str | Path | Mapping[str, Any] | Report) -> str:
    """How a message names the fixture: its path or bundled name, else its report id."""
    if isinstance(source, Report):
        path = source.source_path
        return str(path) if path is not None else source.report.id
    if isinstance(source, Mapping):
        meta = source.get("report")
        rid = meta.get("id") if isinstance(meta, Mapping) else None
        return f"<mapping {rid}>" if isinstance(rid, str) else "<mapping>"
    return str(source)
