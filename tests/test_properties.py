"""Laws of the aggregation logic, over constructed data (see pilstats.strategies)."""

import re
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from oracle import rounds_to, verdict
from pilstats import Status, evaluate, find_culprits
from pilstats.checks import Change, Rate, Share, Total, evaluate_all
from pilstats.rounding import Rounding
from pilstats.strategies import (
    Breakdown,
    breakdowns,
    corruptions,
    quantity_breakdowns,
    tight_figures,
)


def _failing(b: Breakdown) -> list[str]:
    return [
        f.check for f in evaluate_all(b.checks, b.figures, b.conventions) if f.status is Status.FAIL
    ]


@given(breakdowns())
def test_no_false_failure(b: Breakdown) -> None:
    """Soundness: consistent data, any rounding convention and qualifier, never fails."""
    assert _failing(b) == []


@given(st.data(), st.sampled_from(list(Rounding)))
def test_no_false_failure_for_every_convention(data: st.DataObject, rounding: Rounding) -> None:
    """Soundness holds convention by convention, with qualifiers attached."""
    b = data.draw(breakdowns(rounding=rounding, qualifiers=True))
    assert _failing(b) == []


@given(st.data(), st.sampled_from(list(Rounding)))
def test_no_false_failure_at_ties(data: st.DataObject, rounding: Rounding) -> None:
    """Shares exactly half-way between two printable values pass under every convention.

    The data are printed with ``round_to``; a wrong tie-break there (or in ``unround``)
    prints a share its own interval does not hold.
    """
    b = data.draw(breakdowns(rounding=rounding, ties=True, qualifiers=False))
    assert _failing(b) == []


@given(quantity_breakdowns())
def test_no_false_failure_across_units(b: Breakdown) -> None:
    """万亩 against 公顷, 亿元 against 万元, 吨 against 千克: conversions are exact."""
    assert _failing(b) == []


@given(st.one_of(breakdowns(), breakdowns(ties=True), quantity_breakdowns()))
def test_intervals_contain_the_truth(b: Breakdown) -> None:
    """Every printed figure's interval contains the true value behind it."""
    for fid, fig in b.figures.items():
        assert b.truth[fid] in fig.bounds(b.conventions), fid


@given(st.data())
def test_corruption_is_caught(data: st.DataObject) -> None:
    """Sensitivity: a figure moved outside its interval makes a check on it fail.

    With exact counts every relation is tight, so any corruption beyond rounding is
    visible: a count change breaks the sum, a share change breaks its share check.
    """
    b = data.draw(breakdowns(qualifiers=False))
    c = data.draw(corruptions(b, targets=tight_figures(b)))
    findings = evaluate_all(c.breakdown.checks, c.breakdown.figures, b.conventions)
    failing = [f for f in findings if f.status is Status.FAIL]
    assert failing, (c.figure, str(c.original), str(c.corrupted))
    assert any(c.figure in f.figures for f in failing)


@given(st.data())
def test_verdicts_on_damaged_data_match_the_oracle(data: st.DataObject) -> None:
    """Any figure of a breakdown damaged, qualified ones included, counts exact or not:
    every check's verdict is the brute-force oracle's."""
    b = data.draw(breakdowns(max_parts=3, max_count=5000))
    c = data.draw(corruptions(b))
    figures = c.breakdown.figures
    for check in b.checks:
        finding = evaluate(check, figures, b.conventions)
        assert finding.status.value == verdict(check, figures, b.conventions), check.id


@given(st.data())
def test_culprit_finder_names_the_corrupted_figure(data: st.DataObject) -> None:
    """With exactly one figure hit by a typo, the culprit finder names it.

    The typos come from the strategies' own damage routine, not from the finder's
    ``typo_variants``, so a finder that missed a kind of slip would be caught.
    """
    b = data.draw(breakdowns(qualifiers=False, max_parts=5))
    c = data.draw(corruptions(b, typos_only=True, targets=tight_figures(b)))
    figs = c.breakdown.figures
    findings = evaluate_all(b.checks, figs, b.conventions)
    culprits = find_culprits(b.checks, figs, findings, b.conventions)
    assert c.figure in {x.figure for x in culprits}
    restored = {x.suggestion for x in culprits if x.figure == c.figure}
    assert str(c.original) in restored


def _members(text: str) -> set[int] | range:
    """The integers a derived-set text such as ``{722}`` or ``{5, …, 9} (5 values)`` names."""
    listed = re.fullmatch(r"\{([-\d, ]*)\}", text)
    if listed:
        return {int(x) for x in listed[1].split(",") if x.strip()}
    spanned = re.fullmatch(r"\{(-?\d+), …, (-?\d+)\} \((\d+) values\)", text)
    assert spanned, text
    first, last = int(spanned[1]), int(spanned[2])
    assert int(spanned[3]) == last - first + 1
    return range(first, last + 1)


@given(breakdowns(max_parts=4, qualifiers=False))
def test_findings_show_the_true_arithmetic(b: Breakdown) -> None:
    """The arithmetic a finding shows is the truth's: the sum is the exact sum of the
    printed parts, the share prints as the true ratio rounded, the derived previous
    year and numerator sets hold the true counts."""
    figures, conv = b.figures, b.conventions
    for check in b.checks:
        f = evaluate(check, figures, conv)
        if isinstance(check, Total) and check.complete:
            total = sum(Fraction(figures[p].value) for p in check.parts)
            assert f"= {total}; printed total" in f.message, f.message
        elif isinstance(check, Share):
            share = figures[check.share]
            exact = Fraction(figures[check.part].value) * 100 / Fraction(figures[check.whole].value)
            step = Fraction(10) ** share.exponent
            expected = {n * step for n in rounds_to(exact / step, conv.rounding.value)}
            assert Fraction(f.derived["share"]) in expected, (f.derived, str(share))
        elif isinstance(check, Change) and "previous" in f.derived:
            assert int(b.truth["previous"]) in _members(f.derived["previous"])
        elif isinstance(check, Rate) and "numerator" in f.derived:
            numerator = b.truth["rate"] * b.truth["part_0"] / 100
            assert int(numerator) in _members(f.derived["numerator"])


@given(st.data())
def test_previous_year_verdict_matches_the_oracle(data: st.DataObject) -> None:
    """A printed previous-year figure, intact or damaged, is judged as the oracle judges
    it, steep falls included."""
    b = data.draw(breakdowns(qualifiers=False, max_parts=3))
    c = data.draw(corruptions(b, targets=("previous", "change", "part_0")))
    figs = c.breakdown.figures
    for check in (x for x in b.checks if isinstance(x, Change)):
        assert evaluate(check, figs, b.conventions).status.value == verdict(
            check, figs, b.conventions
        )
