import pytest

from pilstats import (
    Change,
    FindingCode,
    Rate,
    Same,
    Share,
    ShareSum,
    Status,
    Subset,
    Total,
    evaluate,
    find_culprits,
    parse_figure,
)
from pilstats.checks import evaluate_all

F = {
    k: parse_figure(v)
    for k, v in {
        "total": "189885件", "admin": "167776件", "civil": "22109件",
        "admin_share": "88.4%", "civil_share": "11.6%",
        "s1": "44.2%", "s2": "12.5%", "s3": "0.8%", "s4": "4.4%", "s_all": "61.8%",
        "new": "50656件", "listed": "50623件",
        "current": "1276件", "up": "76.7%",
        "rate": "99.1%", "base": "116489件",
        "air": "5800余件", "xinjiang": "91件", "people": "20人",
        "nine": "9省", "nine_again": "9省", "land": "约28.9万亩", "land_ha": "约1.93万公顷",
    }.items()
}  # fmt: skip


class TestTotal:
    def test_exact_sum(self) -> None:
        """167776 + 22109 = 189885 passes without slack."""
        f = evaluate(Total("t", "total", ("admin", "civil")), F)
        assert (f.status, f.code, f.slack) == (Status.PASS, FindingCode.SUM_OK, False)
        assert "167776件 + 22109件 = 189885" in f.message

    def test_sum_mismatch(self) -> None:
        """admin + admin is not the total; the gap is shown."""
        f = evaluate(Total("t", "total", ("admin", "admin")), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.SUM_MISMATCH)
        assert "145667" in f.message

    def test_partial_reports_remainder(self) -> None:
        """其中…等: 50656 − 50623 = 33 is a derived figure."""
        f = evaluate(Total("t", "new", ("listed",), complete=False, remainder="anti_monopoly"), F)
        assert f.status is Status.PASS
        assert f.derived == {"anti_monopoly": "33"}

    def test_partial_exceeding(self) -> None:
        """Listed parts may not exceed the total."""
        f = evaluate(Total("t", "listed", ("new",), complete=False), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.PARTIAL_SUM_EXCEEDS)

    def test_unit_mismatch(self) -> None:
        """件 and 人 do not add."""
        f = evaluate(Total("t", "total", ("admin", "people")), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.UNIT_MISMATCH)

    def test_same_noun_allows_measure_words(self) -> None:
        """same_noun compares counts printed with different measure words."""
        f = evaluate(Subset("s", "people", "total", same_noun=True), F)
        assert f.status is Status.PASS


class TestShare:
    def test_share(self) -> None:
        """167776 / 189885 = 88.36% prints as 88.4%."""
        f = evaluate(Share("s", "admin", "total", "admin_share"), F)
        assert (f.status, f.slack) == (Status.PASS, False)
        assert f.derived == {"share": "88.4"}

    def test_share_mismatch(self) -> None:
        """civil / total is not 88.4%; the message says what it should print."""
        f = evaluate(Share("s", "civil", "total", "admin_share"), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.SHARE_MISMATCH)
        assert "11.6%" in f.message

    def test_share_sum_within_rounding(self) -> None:
        """44.2 + 12.5 + 0.8 + 4.4 = 61.9 against 61.8 holds, with slack."""
        f = evaluate(ShareSum("s", ("s1", "s2", "s3", "s4"), "s_all"), F)
        assert (f.status, f.slack) == (Status.PASS, True)
        assert "[61.7, 62.1)" in f.message

    def test_share_sum_gap_too_large(self) -> None:
        """Without 4.4 the gap exceeds the propagated rounding bound."""
        f = evaluate(ShareSum("s", ("s1", "s2", "s3"), "s_all"), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.SHARE_SUM_MISMATCH)

    def test_shares_sum_to_hundred(self) -> None:
        """88.4 + 11.6 = 100."""
        assert evaluate(ShareSum("s", ("admin_share", "civil_share")), F).status is Status.PASS


class TestChangeAndRate:
    def test_change_yields_previous(self) -> None:
        """1276 up 76.7% → exactly {722}."""
        f = evaluate(Change("c", "current", "up"), F)
        assert f.status is Status.PASS
        assert f.derived == {"previous": "{722}"}

    def test_change_without_integer_fails(self) -> None:
        """91 up 76.7% leaves no integer previous count."""
        f = evaluate(Change("c", "xinjiang", "up"), F)
        assert (f.status, f.code) == (Status.FAIL, FindingCode.CHANGE_NO_PREVIOUS)

    def test_change_untestable_when_coarse(self) -> None:
        """189885 up 76.7%: the interval holds many integers, so it cannot fail."""
        f = evaluate(Change("c", "total", "up"), F)
        assert f.status is Status.UNTESTABLE

    def test_change_down(self) -> None:
        """A fall: previous = current / (1 − x%)."""
        figs = {"cur": parse_figure("70件"), "pct": parse_figure("30%")}
        f = evaluate(Change("c", "cur", "pct", "down"), figs)
        assert f.derived == {"previous": "{100}"}

    def test_printed_previous_exact_or_within_rounding(self) -> None:
        """A printed previous: exact when the face-value rate rounds to the printed one."""
        figs = {"cur": parse_figure("1276件"), "pct": parse_figure("76.7%"),
                "prev": parse_figure("722件"), "rounded": parse_figure("3.8万件"),
                "small": parse_figure("2.9%"), "base": parse_figure("36733件")}  # fmt: skip
        exact = evaluate(Change("c", "cur", "pct", "up", "prev"), figs)
        assert (exact.status, exact.slack) == (Status.PASS, False)
        loose = evaluate(Change("c", "rounded", "small", "up", "base"), figs)
        assert (loose.status, loose.slack) == (Status.PASS, True)
        assert "at face value the change is 3.4492146…%" in loose.message

    def test_rate_untestable(self) -> None:
        """99.1% of 116489: 116 numerators fit."""
        f = evaluate(Rate("r", "rate", "base"), F)
        assert f.status is Status.UNTESTABLE
        assert "116 values" in f.derived["numerator"]

    def test_rate_testable_on_small_base(self) -> None:
        """A 3-case base with 50.0% is impossible."""
        figs = {"r": parse_figure("50.0%"), "b": parse_figure("3件")}
        assert evaluate(Rate("r", "r", "b"), figs).status is Status.FAIL


class TestSubsetAndSame:
    def test_qualified_subset(self) -> None:
        """91 ≤ 5800余."""
        assert evaluate(Subset("s", "xinjiang", "air"), F).status is Status.PASS
        assert evaluate(Subset("s", "air", "xinjiang"), F).status is Status.FAIL

    def test_whole_as_sum(self) -> None:
        """A whole may be the sum of several figures."""
        f = evaluate(Subset("s", "total", ("admin", "civil")), F)
        assert f.status is Status.PASS

    def test_same(self) -> None:
        """9省 twice agrees; 约28.9万亩 and 约1.93万公顷 agree through pint."""
        assert evaluate(Same("s", ("nine", "nine_again")), F).status is Status.PASS
        assert evaluate(Same("s", ("land", "land_ha")), F).status is Status.PASS
        assert evaluate(Same("s", ("admin", "civil")), F).code is FindingCode.SAME_MISMATCH

    def test_unknown_figure(self) -> None:
        """A check naming a missing figure is a programming error, not a finding."""
        with pytest.raises(KeyError, match="nope"):
            evaluate(Same("s", ("nope", "nine")), F)


class TestCulprits:
    def test_names_swapped_digits(self) -> None:
        """167767 for 167776: the sum and the share fail; the swap is named."""
        figs = {**F, "admin": parse_figure("167767件")}
        checks = [
            Total("t", "total", ("admin", "civil")),
            Share("s", "admin", "total", "admin_share"),
        ]
        findings = evaluate_all(checks, figs)
        culprits = find_culprits(checks, figs, findings)
        assert any(
            (c.figure, c.suggestion, c.operation) == ("admin", "167776件", "swap") for c in culprits
        )

    def test_nothing_to_find(self) -> None:
        """No failure, no culprit."""
        checks = [Total("t", "total", ("admin", "civil"))]
        assert find_culprits(checks, F, evaluate_all(checks, F)) == ()
