"""Issue 12, rows 2 and 5: reading takes linear time — asserted by the shape of the work, not by
timing (speed figures live in benchmarks/adversarial.py)."""

import contextlib
import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pilstats
from pilstats.units import UnitTable

SRC = str(Path(pilstats.__file__).parent)


def steps(fn: Callable[..., Any], *args: Any) -> int:
    """Lines of pilstats' own code executed by ``fn(*args)`` (errors included)."""
    count = 0

    def trace(frame: FrameType, event: str, _: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(SRC):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        fn(*args)
    except pilstats.PilstatsError:
        pass
    finally:
        sys.settrace(None)
    return count


def assert_linear(sizes: list[int], counts: list[int]) -> None:
    """Doubling the input at most doubles the work (plus a constant)."""
    points = list(zip(sizes, counts, strict=True))
    for (n1, c1), (n2, c2) in itertools.pairwise(points):
        assert c2 <= (n2 / n1) * c1 * 1.1 + 50, (sizes, counts)


class TestNumerals:
    def test_long_valid_numeral_is_linear(self) -> None:
        """A long run of 零 (valid Chinese) is read in steps linear in its length."""
        sizes = [500, 1000, 2000, 4000]
        counts = [steps(pilstats.parse_numeral, "一千" + "零" * n + "一") for n in sizes]
        assert_linear(sizes, counts)
        assert counts[-1] > counts[0]  # the counter sees the work at all

    def test_long_arabic_run_stops_at_the_limit(self) -> None:
        """A million digits cost what 31 do: reading stops at the first digit past 30."""
        assert steps(pilstats.parse_numeral, "1" * 10**6) == steps(pilstats.parse_numeral, "1" * 31)

    def test_magnitudes_cannot_multiply_without_end(self) -> None:
        """1亿1万1亿… is refused where it goes wrong, not after growing a 10⁸ⁿ number."""
        with pytest.raises(pilstats.NumeralParseError, match="out of order"):
            pilstats.parse_numeral("1亿1万1亿")
        short, long = steps(pilstats.parse_numeral, "1亿1万" * 3), steps(
            pilstats.parse_numeral, "1亿1万" * 10_000)  # fmt: skip
        assert long == short

    @given(st.text(alphabet="0123456789.零一二两三四五六七八九十百千万亿", max_size=60))
    def test_any_numeral_is_linear(self, text: str) -> None:
        """Law: at most a fixed number of steps per character, whatever the characters."""
        assert steps(pilstats.parse_numeral, text) <= 60 + 40 * len(text)


class TestParseFigure:
    def test_row_2_a_million_digits(self) -> None:
        """`parse_figure('1'*300000+'件')` is refused in the steps a short text takes."""
        long = "1" * 300_000 + "件"
        with pytest.raises(pilstats.NumeralParseError, match="longer than 120"):
            pilstats.parse_figure(long)
        assert steps(pilstats.parse_figure, long) == steps(pilstats.parse_figure, "1" * 121 + "件")

    @pytest.mark.parametrize("unit", ["件", "千克", "万元", ""])
    def test_unit_cut_examines_few_suffixes(
        self, unit: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The unit is not re-sliced from the rest of the figure at every cut.

        The characters handed to the unit table stay bounded by the figure's length
        (a constant number of cuts), where trying every cut would hand it n²/2.
        """
        examined: list[int] = []
        knows = UnitTable.knows

        def counting(self: UnitTable, word: str) -> bool:
            examined.append(len(word))
            return knows(self, word)

        monkeypatch.setattr(UnitTable, "knows", counting)
        for n in (20, 40, 80, 115):
            examined.clear()
            with contextlib.suppress(pilstats.PilstatsError):
                pilstats.parse_figure("1" * n + unit)
            assert sum(examined) <= 3 * (len(unit) + 2), (n, examined)
            assert len(examined) <= 3

    def test_unit_cut_still_finds_the_longest_unit(self) -> None:
        """千克 is a unit, not 千 of 克; 28.9千 alone is a figure of no unit."""
        assert pilstats.parse_figure("28.9千克").unit == "千克"
        assert pilstats.parse_figure("3千").value == 3000
        assert pilstats.parse_figure("5百分点").unit == "百分点"


class TestRefactorsKeepMeaning:
    """The near-linear rewrites in audit and draft answer as the quadratic originals did."""

    @given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12),
           st.integers(0, 60), st.integers(0, 20))  # fmt: skip
    def test_cover(self, raw: list[tuple[int, int]], start: int, length: int) -> None:
        """audit's span index agrees with checking every span."""
        from pilstats.audit import _Cover

        spans = [(a, a + w) for a, w in raw]
        end = start + length
        assert _Cover(spans).covers(start, end) == any(a <= start and end <= b for a, b in spans)

    @given(st.text(alphabet="一、（）(1.\n \t甲", max_size=40), st.data())
    def test_sections(self, text: str, data: st.DataObject) -> None:
        """draft's section index agrees with scanning the text before every figure."""
        from pilstats.draft import _Sections, _sections

        pos = data.draw(st.integers(0, len(text)))
        sections = _sections(text)
        label = ""
        for at, name in sections:
            if at > pos:
                break
            label = name
        paragraphs = sum(1 for line in text[:pos].split("\n") if line.strip())
        expected = label or f"¶{max(paragraphs, 1)}"
        assert _Sections(sections, text).of(pos) == expected
