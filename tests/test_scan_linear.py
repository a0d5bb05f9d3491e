"""The scanner's cost grows linearly with its input, whatever the input holds.

No timings: the work is counted (Python function calls, deterministic for a given input)
on inputs of size n and 4n; the ratio must stay near 4. The figure pattern is checked to
have bounded runs only, so the regular-expression engine cannot backtrack more than a
constant at each position.
"""

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pilstats.scan import figures as figures_module
from pilstats.scan import scan

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "whitepaper-2023.txt").read_text(
    encoding="utf-8"
)


def work(fn: Callable[[], object]) -> int:
    """Python-level calls made by ``fn`` (a deterministic measure of work)."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return calls


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits_spaces_x": lambda n: "1" + " " * (75 * n) + "x",
    "chinese_numerals": lambda n: "一" * (250 * n),
    "digits": lambda n: "1234567890" * (250 * n),
    "page_then_newlines": lambda n: ("第12页\n1" + "\n" * 300) * n,
    "of_which_repeated": lambda n: "1件其中" * (250 * n),
    "changes_repeated": lambda n: "1件同比上升1%" * (100 * n),
    "no_punctuation": lambda n: "共立案100件行政案件60件占立案总数的60%" * (50 * n),
    "report_without_headings": lambda n: re.sub(r"[一二三四五六七八九十]+、", "", TEXT[:4000]) * n,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_work_grows_linearly(name: str) -> None:
    """Four times the input costs at most about four times the work.

    The inputs are large enough that every bounded lookback (a few hundred statements)
    is already full at the smaller size, so what is measured is the growth itself.
    """
    make = ADVERSARIAL[name]
    small = work(lambda: scan(make(4)))
    large = work(lambda: scan(make(16)))
    assert large <= 4.6 * small, (small, large)


def test_figure_pattern_has_bounded_runs_only() -> None:
    """No *, + or {n,} in the number pattern: each match attempt reads a bounded window."""
    source = figures_module._NUMBER.pattern
    assert not re.search(r"(?<!\\)[*+]|\{\d*,\}", source), source
