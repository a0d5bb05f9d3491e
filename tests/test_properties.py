"""Laws of the aggregation logic, over constructed data (see pilstats.strategies)."""

from hypothesis import given
from hypothesis import strategies as st

from pilstats import Status, evaluate, find_culprits
from pilstats.checks import Change, evaluate_all, previous_bounds
from pilstats.rounding import Rounding
from pilstats.strategies import Breakdown, breakdowns, corruptions, tight_figures


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


@given(breakdowns())
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
def test_culprit_finder_names_the_corrupted_figure(data: st.DataObject) -> None:
    """With exactly one figure hit by a typo, the culprit finder names it."""
    b = data.draw(breakdowns(qualifiers=False, max_parts=5))
    c = data.draw(corruptions(b, typos_only=True, targets=tight_figures(b)))
    figs = c.breakdown.figures
    findings = evaluate_all(b.checks, figs, b.conventions)
    culprits = find_culprits(b.checks, figs, findings, b.conventions)
    assert c.figure in {x.figure for x in culprits}
    restored = {x.suggestion for x in culprits if x.figure == c.figure}
    assert str(c.original) in restored


@given(breakdowns(max_parts=4))
def test_findings_show_their_arithmetic(b: Breakdown) -> None:
    """Every finding names its figures and carries a message."""
    for check in b.checks:
        f = evaluate(check, b.figures, b.conventions)
        assert f.figures == check.figures
        assert f.message


@given(st.data())
def test_change_decides_exactly(data: st.DataObject) -> None:
    """A printed previous-year figure passes iff it lies in the derived interval."""
    b = data.draw(breakdowns(qualifiers=False, max_parts=3))
    c = data.draw(corruptions(b, targets=("previous",)))
    check = next(x for x in b.checks if isinstance(x, Change) and x.previous)
    figs = c.breakdown.figures
    finding = evaluate(check, figs, b.conventions)
    change = figs["change"].bounds(b.conventions)
    if check.direction == "down" and change.hi >= 100:
        return
    allowed = previous_bounds(figs["part_0"].bounds(), change, check.direction)
    inside = allowed.intersects(figs["previous"].bounds())
    assert (finding.status is Status.PASS) == inside
