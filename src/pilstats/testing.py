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
    rounding or qualifier slack. The message shows each offending check with its
    arithmetic, and the likely culprit when one figure explains every failure.
    """
    __tracebackhide__ = True  # pytest: show the caller's line, not this one
    result = check(source)
    bad = result.violations(fail_on)
    if not bad:
        return result
    lines = [f"{len(bad)} of {len(result.findings)} checks do not hold ({result.summary()}):"]
    for f in bad:
        tag = f.status.value if not f.slack else "pass within rounding"
        lines.append(f"  {f.check} [{f.code}, {tag}] figures {', '.join(f.figures)}")
        lines.append(f"      {f.message}")
    lines.extend(
        f"  likely culprit: {c.figure} printed {c.printed}, perhaps {c.suggestion}"
        for c in result.culprits
    )
    raise AssertionError("\n".join(lines))
