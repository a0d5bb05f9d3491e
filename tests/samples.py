"""Small fixtures and helpers shared by several test modules."""

import re

import pytest

from pilstats.cli import main
from pilstats.scan import scan

MINI = """\
schema_version: 1
report: {id: demo-2024, title: "某院公益诉讼工作情况", publisher: "某人民检察院", year: 2024}
figures:
  - {id: total, printed: "120件", section: "一", quote: "共立案120件", offset: 0}
  - {id: admin, printed: "100件", section: "一", quote: "行政公益诉讼100件", offset: 7}
  - {id: civil, printed: "20件", section: "一", quote: "民事公益诉讼20件", offset: 19}
  - {id: admin_share, printed: "83.3%", section: "一", quote: "占83.3%", offset: 30}
statistics:
  case_volume:
    {total: total, administrative: admin, civil: civil, administrative_share: admin_share}
relations:
  - {kind: subset, id: civil_within_total, part: civil, whole: total}
"""
"""A valid five-line report: three counts, a share, a statistic and one relation."""


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced; ``old`` must be there (a test edit that misses fails)."""
    assert old in text
    return text.replace(old, new)


def statuses(text: str) -> dict[tuple[str, tuple[str, ...]], str]:
    """(kind, figures as printed) → status, for every finding of a scan of ``text``."""
    result = scan(text)
    printed = {f.id: re.sub(r"\s+", "", f.text) for f in result.figures}
    return {
        (f.kind, tuple(printed[x] for x in f.figures)): f.status.value
        for f in result.result.findings
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``pilstats ARGS`` in this process: exit code, standard output, standard error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
