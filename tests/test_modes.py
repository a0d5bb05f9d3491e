"""Every mode of every check, one behaviour per test: boundaries that open or closed ends
decide, partial lists, steep falls, unit guards, wholes that may be zero, uninformative
shares, slack flags (which decide ``--fail-on rounding``) and unit mismatches as findings."""

from __future__ import annotations

import pytest

from pilstats import Conventions, Rounding, parse_figure
from pilstats.checks import (
    Change,
    Check,
    Formula,
    Rate,
    Same,
    Share,
    ShareSum,
    Subset,
    Total,
    evaluate,
    evaluate_all,
)
from pilstats.findings import Finding, FindingCode, Result, Status

PASS, FAIL, UNTESTABLE = Status.PASS, Status.FAIL, Status.UNTESTABLE


def run(check: Check, conventions: Conventions | None = None, **printed: str) -> Finding:
    figures = {k: parse_figure(v) for k, v in printed.items()}
    return evaluate(check, figures, conventions or Conventions())


SUM = Total("t", "t", ("a", "b"))
PARTIAL = Total("t", "t", ("a", "b"), complete=False, remainder="rest")


class TestTotal:
    def test_open_part_end_cannot_reach_the_total(self) -> None:
        """超100件 + 100件 is more than 200件: the open end of 超 is not a value."""
        f = run(SUM, t="200件", a="超100件", b="100件")
        assert (f.status, f.code) == (FAIL, FindingCode.SUM_MISMATCH)
        assert str(f.computed_bounds) == "(200, 300)"

    def test_closed_part_ends_reach_the_total(self) -> None:
        """5800余件 + 100件 = 5900件 holds at the closed lower end of 余."""
        f = run(SUM, t="5900件", a="5800余件", b="100件")
        assert (f.status, f.slack) == (PASS, False)
        assert str(f.computed_bounds) == "[5900, 6000)"

    def test_slack_when_only_rounding_agrees(self) -> None:
        """约100件 + 100件 against 201件 passes only within the qualifier: slack."""
        f = run(SUM, t="201件", a="约100件", b="100件")
        assert (f.status, f.slack) == (PASS, True)
        assert f.message == (
            "100件 + 100件 = 200; printed total 201件 (agrees within rounding: "
            "sum in [150, 250], total in 201)"
        )

    def test_no_slack_when_face_values_agree(self) -> None:
        """约100件 + 100件 = 200件 at face value: no slack, though a part is hedged."""
        assert run(SUM, t="200件", a="约100件", b="100件").slack is False
        assert run(SUM, t="200件", a="100件", b="100件").slack is False

    def test_mismatch_message_shows_the_gap(self) -> None:
        """A failing sum says by how much it misses at least."""
        f = run(SUM, t="190件", a="100件", b="100件")
        assert (
            f.message
            == "100件 + 100件 = 200 but the printed total 190件 means 190: off by at least 10"
        )

    def test_partial_may_fall_short(self) -> None:
        """其中…等: listed parts below the total pass, the remainder derived."""
        f = run(PARTIAL, t="250件", a="100件", b="100件")
        assert (f.status, f.code, f.slack) == (PASS, FindingCode.PARTIAL_SUM_OK, False)
        assert f.derived == {"rest": "50"}

    def test_partial_remainder_is_never_negative(self) -> None:
        """A hedged part may exceed the total at face value; the remainder starts at 0."""
        f = run(PARTIAL, t="199件", a="约100件", b="100件")
        assert (f.status, f.slack) == (PASS, True)
        assert f.derived == {"rest": "[0, 49]"}

    def test_partial_remainder_keeps_open_ends(self) -> None:
        """Total 超300件 less 100件 + 100件 leaves (100, 200)."""
        f = run(PARTIAL, t="超300件", a="100件", b="100件")
        assert f.derived == {"rest": "(100, 200)"}
        assert run(Total("t", "t", ("a",), complete=False), t="200件", a="100件").derived == {
            "remainder": "100"
        }

    def test_partial_exceeding_fails(self) -> None:
        """Listed parts above the total fail, with the excess."""
        f = run(PARTIAL, t="190件", a="100件", b="100件")
        assert (f.status, f.code) == (FAIL, FindingCode.PARTIAL_SUM_EXCEEDS)
        assert f.message.endswith("by at least 10")

    def test_partial_equal_only_at_an_open_end_fails(self) -> None:
        """200件 listed under 近200件 = [100, 200): the total cannot reach 200."""
        f = run(Total("t", "t", ("a",), complete=False), t="近200件", a="200件")
        assert f.status is FAIL
        assert run(Total("t", "t", ("a",), complete=False), t="200余件", a="200件").status is PASS

    def test_partial_equal_at_closed_ends_passes(self) -> None:
        """Listed 近200件 (up to 199.99…) under 199余件 (from 199): they meet."""
        f = run(Total("t", "t", ("a",), complete=False), t="199余件", a="近200件")
        assert f.status is PASS
        assert f.slack is True

    def test_unit_mismatch_is_a_finding(self) -> None:
        """件 and 人 do not add: a unit-mismatch failure, not an exception."""
        f = run(SUM, t="200件", a="100人", b="100件")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)
        assert f.message == "a is in '人' but t is in '件'"

    def test_units_convert(self) -> None:
        """1公顷 + 15亩 = 30亩 (公顷 = 15 亩), in whichever unit the total is."""
        assert run(SUM, t="30亩", a="1公顷", b="15亩").status is PASS
        assert run(SUM, t="2公顷", a="1公顷", b="15亩").status is PASS
        assert run(SUM, t="4公顷", a="1公顷", b="15亩").status is FAIL

    def test_same_noun_adds_measure_words(self) -> None:
        """same_noun: 人 and 件 of one list are plain numbers."""
        f = run(Total("t", "t", ("a", "b"), same_noun=True), t="200件", a="100人", b="100件")
        assert f.status is PASS


class TestSubset:
    def test_open_lower_end_exceeds(self) -> None:
        """超5800件 cannot be part of 5800件; 5800余件 can (it may be exactly 5800)."""
        assert run(Subset("s", "a", "w"), a="超5800件", w="5800件").status is FAIL
        f = run(Subset("s", "a", "w"), a="5800余件", w="5800件")
        assert (f.status, f.slack) == (PASS, False)

    def test_open_upper_end_of_the_whole(self) -> None:
        """5800件 within 近5800件 = [5700, 5800) fails; within 约5800件 passes."""
        assert (
            run(Subset("s", "a", "w"), a="5800件", w="近5800件").code is FindingCode.SUBSET_EXCEEDS
        )
        assert run(Subset("s", "a", "w"), a="5800件", w="约5800件").status is PASS

    def test_slack_when_face_values_exceed(self) -> None:
        """约5900件 within 5800余件 only within qualifier slack."""
        f = run(Subset("s", "a", "w"), a="约5900件", w="5800余件")
        assert (f.status, f.slack) == (PASS, True)
        assert (
            f.message
            == "约5900件 ≤ 5800余件 (only within qualifier slack: [5850, 5950] vs [5800, 5900))"
        )

    def test_whole_as_a_sum(self) -> None:
        """410 ≤ 200 + 210, exactly; 411 is not."""
        assert run(Subset("s", "a", ("w", "v")), a="410件", w="200件", v="210件").status is PASS
        f = run(Subset("s", "a", ("w", "v")), a="411件", w="200件", v="210件")
        assert f.status is FAIL
        assert f.message == "411件 (411) cannot be a part of 200件 + 210件 (410)"

    def test_unit_mismatch_is_a_finding(self) -> None:
        """A part in 人 of a whole in 件 is a finding."""
        f = run(Subset("s", "a", "w"), a="5人", w="10件")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)


SHARE = Share("s", "a", "w", "s")


class TestShare:
    def test_open_part_end_misses_a_closed_share_end(self) -> None:
        """超51件 / 200件 lies in (25.5, 26): it never equals 约25% = [24.5, 25.5]."""
        f = run(SHARE, a="超51件", w="200件", s="约25%")
        assert (f.status, f.code) == (FAIL, FindingCode.SHARE_MISMATCH)
        assert str(f.computed_bounds) == "(25.5, 26)"
        assert f.derived == {"share": "26"}
        assert "it should print as 26%" in f.message

    def test_closed_ends_meet(self) -> None:
        """51余件 / 200件 = [25.5, 26) meets 约25% at 25.5."""
        assert run(SHARE, a="51余件", w="200件", s="约25%").status is PASS

    def test_exact_share_without_slack(self) -> None:
        """51 / 200 = 25.5% exactly."""
        f = run(SHARE, a="51件", w="200件", s="25.5%")
        assert (f.status, f.slack) == (PASS, False)
        assert f.message == "51件 / 200件 = 25.5% → 25.5%; printed 25.5%"

    def test_slack_when_only_the_qualifier_reaches(self) -> None:
        """约51件 / 200件 against 25.6%: only a part other than 51 makes it: slack."""
        f = run(SHARE, a="约51件", w="200件", s="25.6%")
        assert (f.status, f.slack) == (PASS, True)
        assert "(agrees only within rounding: [25.25, 25.75] vs [25.55, 25.65))" in f.message

    def test_no_slack_when_the_face_value_rounds_right(self) -> None:
        """约51件 / 200件 against 25.5%: the printed values agree: no slack."""
        assert run(SHARE, a="约51件", w="200件", s="25.5%").slack is False

    def test_whole_that_may_be_zero_is_untestable(self) -> None:
        """不足1万件 = [0, 10000) may be 0: any share fits, no ValueError."""
        f = run(SHARE, a="5件", w="不足1万件", s="50%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.SHARE_UNTESTABLE)
        assert f.message == "5件 / 1万件: the whole may be zero"

    def test_whole_just_above_zero_is_testable(self) -> None:
        """A whole of 超0.5件 … is impossible to print; 1件 exact is positive: testable."""
        assert run(SHARE, a="1件", w="1件", s="100%").status is PASS
        assert run(SHARE, a="1件", w="2件", s="100%").status is FAIL

    def test_uninformative_share_is_untestable(self) -> None:
        """近1万件 / 5000件 may be anything from 0 to 200%: untestable, not a pass."""
        f = run(SHARE, a="近1万件", w="5000件", s="50%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.SHARE_UNTESTABLE)
        assert f.message == "1万件 / 5000件 may be anything from 0 to 100%"

    def test_informative_when_either_end_is_bounded(self) -> None:
        """A ratio bounded away from 0 or from 100% decides; one spanning [0, 100%] does not."""
        assert run(SHARE, a="近1万件", w="20000件", s="50%").status is PASS
        assert run(SHARE, a="近1万件", w="20000件", s="60%").status is FAIL
        assert run(SHARE, a="超1万件", w="10000件", s="50%").status is FAIL
        assert run(SHARE, a="近1万件", w="10000件", s="50%").status is UNTESTABLE

    @pytest.mark.parametrize(
        ("share", "status"),
        [("255‰", PASS), ("256‰", FAIL), ("2.6成", PASS), ("2.5成", FAIL), ("0.26倍", PASS),
         ("0.25倍", FAIL)],
    )  # fmt: skip
    def test_ratio_units(self, share: str, status: Status) -> None:
        """51 / 200 printed in ‰, 成 (tenths) and 倍 (times)."""
        assert run(SHARE, a="51件", w="200件", s=share).status is status

    def test_ratio_unit_in_the_message(self) -> None:
        """The message uses the share's own unit."""
        f = run(SHARE, a="51件", w="200件", s="2.6成")
        assert f.message == "51件 / 200件 = 2.55成 → 2.6成; printed 2.6成"

    def test_points_are_not_shares(self) -> None:
        """25.5个百分点 is a difference of rates, not a share."""
        f = run(SHARE, a="51件", w="200件", s="25.5个百分点")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)
        assert f.message == "s is in '个百分点', not a percentage"

    def test_counts_of_different_nouns(self) -> None:
        """51人 of 200件 is a unit mismatch unless same_noun."""
        assert run(SHARE, a="51人", w="200件", s="25.5%").code is FindingCode.UNIT_MISMATCH
        same = Share("s", "a", "w", "s", same_noun=True)
        assert run(same, a="51人", w="200件", s="25.5%").status is PASS

    def test_part_that_may_be_negative(self) -> None:
        """0件 read as a rounded count is (-0.5, 0.5): untestable, not a ValueError."""
        loose = Conventions(counts_exact=False)
        f = run(SHARE, loose, a="0件", w="100件", s="2%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.SHARE_UNTESTABLE)
        assert f.message == "0件 / 100件: the part may be negative"


SHARES = ShareSum("ss", ("a", "b"))


class TestShareSum:
    def test_complete_within_rounding(self) -> None:
        """49.9 + 49.9 and 50.0 + 49.9 miss 100%; 50.1 + 50.0 meets it within rounding."""
        assert run(SHARES, a="49.9%", b="49.9%").status is FAIL
        assert run(SHARES, a="50.0%", b="49.9%").status is FAIL
        f = run(SHARES, a="50.1%", b="50.0%")
        assert (f.status, f.slack) == (PASS, True)

    def test_complete_exact_without_slack(self) -> None:
        """60.2 + 39.8 = 100 at face value."""
        f = run(SHARES, a="60.2%", b="39.8%")
        assert (f.status, f.slack) == (PASS, False)
        assert f.message == "60.2 + 39.8 = 100% against 100%"

    def test_partial_below_the_whole_passes(self) -> None:
        """Shares of some members may fall short of 100%."""
        f = run(ShareSum("ss", ("a", "b"), complete=False), a="44.2%", b="12.5%")
        assert (f.status, f.code, f.slack) == (PASS, FindingCode.SHARE_SUM_OK, False)
        assert f.message == "44.2 + 12.5 = 56.7% may not exceed 100%"

    def test_partial_above_the_whole_fails(self) -> None:
        """Shares of some members above 100% even with rounding fail."""
        f = run(ShareSum("ss", ("a", "b"), complete=False), a="60.2%", b="40.3%")
        assert (f.status, f.code) == (FAIL, FindingCode.SHARE_SUM_MISMATCH)
        assert f.message == (
            "60.2 + 40.3 = 100.5%: shares of part of a whole exceed 100% even with rounding "
            "([100.4, 100.6) vs 100) by 0.4"
        )

    def test_partial_against_a_printed_total_share(self) -> None:
        """Partial shares under a group share: below passes, above by rounding is slack."""
        partial = ShareSum("ss", ("a", "b"), "t", complete=False)
        assert run(partial, a="44.2%", b="12.5%", t="56.8%").status is PASS
        f = run(partial, a="44.2%", b="12.5%", t="56.6%")
        assert (f.status, f.slack) == (PASS, True)
        assert run(partial, a="44.2%", b="12.5%", t="56.5%").status is FAIL

    def test_partial_meeting_only_at_open_ends_fails(self) -> None:
        """Sum [56.6, 56.8) against a total in [56.5, 56.6) under floor: 56.6 excluded."""
        partial = ShareSum("ss", ("a", "b"), "t", complete=False)
        floor = Conventions(rounding=Rounding.FLOOR)
        assert run(partial, floor, a="44.2%", b="12.4%", t="56.5%").status is FAIL
        assert run(partial, floor, a="44.1%", b="12.4%", t="56.5%").status is PASS

    def test_permille_shares_sum_to_a_thousand(self) -> None:
        """Shares printed in ‰ add up to 1000‰, and the message says ‰."""
        f = run(SHARES, a="602‰", b="398‰")
        assert f.status is PASS
        assert f.message == "602 + 398 = 1000‰ against 1000‰"

    def test_units_must_be_one_ratio(self) -> None:
        """Mixing % and ‰, or a count among shares, is a unit mismatch."""
        assert run(SHARES, a="60.2%", b="39.8‰").code is FindingCode.UNIT_MISMATCH
        f = run(SHARES, a="60.2%", b="39.8件")
        assert (f.code, f.message) == (FindingCode.UNIT_MISMATCH, "not percentages: b")


class TestChange:
    def test_integer_previous(self) -> None:
        """1276 up 76.7% → exactly {722}; slack because 1276/1.767 is not an integer."""
        f = run(Change("c", "a", "b"), a="1276件", b="76.7%")
        assert (f.status, f.slack) == (PASS, True)
        assert f.derived == {"previous": "{722}"}

    def test_exact_previous_without_slack(self) -> None:
        """70 down 30.0% → 100 exactly: no slack."""
        f = run(Change("c", "a", "b", "down"), a="70件", b="30.0%")
        assert (f.status, f.slack, f.derived) == (PASS, False, {"previous": "{100}"})

    @pytest.mark.parametrize("change", ["0.767倍", "7.67成", "767‰"])
    def test_ratio_units(self, change: str) -> None:
        """A change in 倍, 成 or ‰ is converted to percent: 1276 up 0.767倍 → {722}."""
        f = run(Change("c", "a", "b"), a="1276件", b=change)
        assert f.derived == {"previous": "{722}"}

    def test_times_is_not_percent(self) -> None:
        """增长 1.50 倍 is +150%: 250 from 100 (as 1.50% there would be no integer)."""
        f = run(Change("c", "a", "b"), a="250件", b="1.50倍")
        assert (f.status, f.derived) == (PASS, {"previous": "{100}"})

    @pytest.mark.parametrize("unit", ["件", "个百分点", "千分点", ""])
    def test_unit_guard(self, unit: str) -> None:
        """A change in 件, in points, or a bare number is a unit-mismatch finding."""
        f = run(Change("c", "a", "b"), a="1276件", b=f"76.7{unit}")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)
        assert f.message == f"b is in {unit!r}, not a percentage or multiple"

    def test_previous_in_another_noun(self) -> None:
        """A printed previous count in 人 against 件 is a finding, steep fall or not."""
        for change in ("76.7%", "100%"):
            f = run(Change("c", "a", "b", "down", previous="p"), a="1276件", b=change, p="722人")
            assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)

    def test_no_integer_previous(self) -> None:
        """91 up 76.7% leaves no integer previous count."""
        f = run(Change("c", "a", "b"), a="91件", b="76.7%")
        assert (f.status, f.code, f.derived) == (
            FAIL,
            FindingCode.CHANGE_NO_PREVIOUS,
            {"previous": "{}"},
        )

    def test_coarse_change_is_untestable(self) -> None:
        """189885 up 76.7%: the previous interval holds many integers."""
        f = run(Change("c", "a", "b"), a="189885件", b="76.7%")
        assert f.status is UNTESTABLE
        assert f.derived == {"previous": "{107432, …, 107492} (61 values)"}

    def test_non_count_is_untestable(self) -> None:
        """A change of an area has no integer to find."""
        f = run(Change("c", "a", "b"), a="1276亩", b="76.7%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.CHANGE_UNTESTABLE)

    def test_printed_previous(self) -> None:
        """A printed previous value passes when it lies in the derived interval."""
        assert (
            run(Change("c", "a", "b", previous="p"), a="1276件", b="76.7%", p="722件").status
            is PASS
        )
        f = run(Change("c", "a", "b", previous="p"), a="1276件", b="76.7%", p="723件")
        assert (f.status, f.code) == (FAIL, FindingCode.CHANGE_NO_PREVIOUS)
        assert f.message.endswith("printed previous 723件 (723) is outside it")

    def test_printed_previous_in_another_unit(self) -> None:
        """Previous 15亩, current 2.00公顷 (= 30亩): up 100% holds, up 90% does not."""
        f = run(Change("c", "a", "b", previous="p"), a="2.00公顷", b="100%", p="15亩")
        assert f.status is PASS
        f = run(Change("c", "a", "b", previous="p"), a="2.00公顷", b="90%", p="15亩")
        assert f.status is FAIL


class TestSteepFall:
    def test_fall_of_more_than_everything_leaves_zero(self) -> None:
        """A fall of 100% or more: 0 is consistent (untestable), 1 is not."""
        f = run(Change("c", "a", "b", "down"), a="0件", b="100.5%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.CHANGE_UNTESTABLE)
        f = run(Change("c", "a", "b", "down"), a="1件", b="100.5%")
        assert (f.status, f.code) == (FAIL, FindingCode.CHANGE_NO_PREVIOUS)
        assert f.message.endswith("but the current value is 1")

    def test_fall_reaching_100_without_previous(self) -> None:
        """约100% = [50, 150]: the previous value is unbounded above: untestable."""
        f = run(Change("c", "a", "b", "down"), a="10件", b="约100%")
        assert f.status is UNTESTABLE
        assert f.message.endswith("previous ≥ 20, unbounded above, so some integer always fits")

    def test_printed_previous_at_the_lower_bound(self) -> None:
        """10 down 约100%: previous ≥ 20, attained at 20; 19 and 超19 fall short."""
        fall = Change("c", "a", "b", "down", previous="p")
        assert run(fall, a="10件", b="约100%", p="20件").status is PASS
        assert run(fall, a="10件", b="约100%", p="19件").status is FAIL
        f = run(fall, a="10件", b="约100%", p="超19件")
        assert (f.status, str(f.printed_bounds)) == (FAIL, "(19, 20)")
        assert run(fall, a="10件", b="约100%", p="19余件").status is FAIL

    def test_lower_bound_not_attained_when_an_end_is_open(self) -> None:
        """超100件 down 约100%: previous > 200 strictly, so 200件 cannot be it."""
        fall = Change("c", "a", "b", "down", previous="p")
        assert run(fall, a="超100件", b="约100%", p="200件").status is FAIL
        assert run(fall, a="100件", b="约100%", p="200件").status is PASS
        assert run(fall, a="超100件", b="约100%", p="200余件").status is PASS

    def test_rise_of_minus_100_percent_is_a_steep_fall(self) -> None:
        """A rise whose interval reaches -100% has no upper bound either: untestable."""
        truncate = Conventions(approx_rounding=Rounding.TRUNCATE)
        f = run(Change("c", "a", "b", "up"), truncate, a="1亩", b="约0倍")
        assert f.status is UNTESTABLE


class TestRate:
    def test_width_one_with_a_closed_end_is_untestable(self) -> None:
        """12.3% of 1000件 = [122.5, 123.5): exactly one integer always fits."""
        f = run(Rate("r", "r", "b"), r="12.3%", b="1000件")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.RATE_UNTESTABLE)
        assert f.derived == {"numerator": "{123}"}

    def test_width_one_open_at_both_ends_decides(self) -> None:
        """超12% of 100件 = (12, 13) holds no integer: fail."""
        f = run(Rate("r", "r", "b"), r="超12%", b="100件")
        assert (f.status, f.code, f.derived) == (
            FAIL,
            FindingCode.RATE_NO_NUMERATOR,
            {"numerator": "{}"},
        )

    def test_narrow_rate_passes_with_its_numerator(self) -> None:
        """33.3% of 3件 = [0.9975, 1.0005): numerator 1."""
        f = run(Rate("r", "r", "b"), r="33.3%", b="3件")
        assert (f.status, f.code, f.derived) == (PASS, FindingCode.RATE_OK, {"numerator": "{1}"})
        assert f.message == "33.3% of 3件 = [0.9975, 1.0005): numerator {1}"
        assert run(Rate("r", "r", "b"), r="50.0%", b="3件").status is FAIL

    def test_what_the_numerators_achieve(self) -> None:
        """The computed value is what the fitting numerators give (20 of 200 is exactly 10%),
        or, when none fits, what the nearest integer gives (4 of 7 = 57.14…%)."""
        f = run(Rate("r", "r", "b"), r="10.0%", b="200件")
        assert str(f.computed) == "10"
        f = run(Rate("r", "r", "b"), r="50.0%", b="7件")
        assert str(f.computed) == "57.1428571428…"
        assert "nearest numerator gives 57.1428571428…%" in f.message
        f = run(Rate("r", "r", "b"), r="0.1%", b="3件")  # nearest is 0, never below
        assert (str(f.computed), f.status) == ("0", FAIL)

    def test_non_count_base_is_untestable(self) -> None:
        """A rate of an amount of money has no integer numerator to find."""
        f = run(Rate("r", "r", "b"), r="12.3%", b="1000元")
        assert (f.status, f.derived) == (UNTESTABLE, {"numerator": "[122.43875, 123.56175)"})

    def test_ratio_units(self) -> None:
        """‰ and 成 rates convert: 123‰ of 1000 is 123; 1成 of 3 admits no integer."""
        assert run(Rate("r", "r", "b"), r="123‰", b="1000件").derived == {"numerator": "{123}"}
        assert run(Rate("r", "r", "b"), r="1.0成", b="3件").status is FAIL

    def test_points_are_not_rates(self) -> None:
        """12.3个百分点 is not a rate of anything."""
        f = run(Rate("r", "r", "b"), r="12.3个百分点", b="1000件")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)

    def test_signed_rate(self) -> None:
        """A rate that may be negative has no numerator to check: untestable, no error."""
        for rate in ("-0.6‰", "0%"):
            f = run(Rate("r", "r", "b"), r=rate, b="10000人")
            assert (f.status, f.code) == (UNTESTABLE, FindingCode.RATE_UNTESTABLE)
        assert f.message == "0% of 10000人: a negative rate or base has no numerator to check"


class TestSame:
    def test_converted_units_agree(self) -> None:
        """1公顷 = 15亩."""
        f = run(Same("s", ("a", "b")), a="1公顷", b="15亩")
        assert (f.status, f.slack) == (PASS, False)

    def test_intervals_shown_are_the_first_and_the_last(self) -> None:
        """A finding of three statements shows the first's and the last's interval."""
        f = run(Same("s", ("a", "b", "c")), a="约5000人", b="5000人", c="5000余人")
        assert (str(f.computed_bounds), str(f.printed_bounds)) == ("[4500, 5500]", "[5000, 6000)")

    def test_touching_open_ends_after_conversion_do_not_meet(self) -> None:
        """16亩 and 15亩 only touch at an open end: they disagree, whatever the unit."""
        f = run(Same("s", ("a", "b", "c")), a="1公顷", b="16亩", c="15亩")
        assert (f.status, f.code) == (FAIL, FindingCode.SAME_MISMATCH)

    def test_slack(self) -> None:
        """约28.9万亩 and 约1.93万公顷 agree only within rounding."""
        f = run(Same("s", ("a", "b")), a="约28.9万亩", b="约1.93万公顷")
        assert (f.status, f.slack) == (PASS, True)

    def test_unit_mismatch_is_a_finding(self) -> None:
        """1人 and 1件 are different things."""
        f = run(Same("s", ("a", "b")), a="1人", b="1件")
        assert (f.status, f.code, f.message) == (
            FAIL,
            FindingCode.UNIT_MISMATCH,
            "b is in '件' but a is in '人'",
        )


class TestFormula:
    def test_signed_rates(self) -> None:
        """Birth rate minus death rate is the (negative) natural rate."""
        f = run(Formula("f", "a - b = c"), a="6.39‰", b="7.87‰", c="-1.48‰")
        assert (f.status, f.slack) == (PASS, False)
        assert run(Formula("f", "a - b = c"), a="6.39‰", b="7.87‰", c="1.48‰").status is FAIL

    def test_divisor_that_may_be_zero(self) -> None:
        """Division by 不足1万件 is untestable."""
        f = run(Formula("f", "a / b = c"), a="5件", b="不足1万件", c="50%")
        assert (f.status, f.code) == (UNTESTABLE, FindingCode.FORMULA_UNTESTABLE)

    def test_unit_mismatch_is_a_finding(self) -> None:
        """件 + 人 is a unit mismatch, unless same_noun."""
        f = run(Formula("f", "a + b = c"), a="5件", b="5人", c="10件")
        assert (f.status, f.code) == (FAIL, FindingCode.UNIT_MISMATCH)
        assert (
            run(Formula("f", "a + b = c", same_noun=True), a="5件", b="5人", c="10件").status
            is PASS
        )


class TestFailOnRounding:
    def test_slack_passes_are_violations_only_under_rounding(self) -> None:
        """--fail-on rounding rejects exactly the passes that lean on rounding."""
        figures = {k: parse_figure(v) for k, v in
                   {"t": "201件", "a": "约100件", "b": "100件", "u": "200件"}.items()}  # fmt: skip
        checks = [Total("slack", "t", ("a", "b")), Total("exact", "u", ("a", "b"))]
        result = Result(tuple(evaluate_all(checks, figures)))
        assert [f.check for f in result.violations("rounding")] == ["slack"]
        assert result.violations("untestable") == []
        assert result.violations("fail") == []


class TestDetails:
    def test_specs_are_frozen(self) -> None:
        """Check specifications are immutable values."""
        import dataclasses

        specs: list[Check] = [
            SUM, SHARE, SHARES, Subset("s", "a", "w"), Change("c", "a", "b"),
            Rate("r", "r", "b"), Same("s", ("a", "b")), Formula("f", "a = b"),
        ]  # fmt: skip
        for spec in specs:
            with pytest.raises(dataclasses.FrozenInstanceError):
                spec.id = "other"  # type: ignore[misc]

    def test_share_bounds_default_is_percent(self) -> None:
        """share_bounds is in percent unless told otherwise."""
        from pilstats.checks import share_bounds
        from pilstats.interval import Interval

        assert share_bounds(Interval.point(51), Interval.point(200)) == Interval.point(25.5)
        assert share_bounds(Interval.point(51), Interval.point(200), 1000) == Interval.point(255)

    def test_sum_across_units_at_face_value(self) -> None:
        """1公顷 + 15亩 is 30 (亩) at face value: no slack, and the message says 30."""
        f = run(SUM, t="30亩", a="1公顷", b="15亩")
        assert (f.status, f.slack) == (PASS, False)
        assert f.message == "1公顷 + 15亩 = 30; printed total 30亩"

    def test_comparison_unit_is_the_first_when_exact(self) -> None:
        """1吨 = 1000千克 is compared in 吨 (千克 → 吨 is exact), as the first statement."""
        f = run(Same("s", ("t", "k")), t="1吨", k="1000千克")
        assert (str(f.computed_bounds), str(f.printed_bounds)) == ("[0.5, 1.5)", "[0.9995, 1.0005)")

    def test_findings_without_arithmetic_have_no_slack(self) -> None:
        """Unit mismatches and untestable findings never carry a slack flag."""
        assert run(SUM, t="5件", a="5人", b="0件").slack is False
        assert run(SHARE, a="5件", w="不足1万件", s="50%").slack is False
        assert run(Change("c", "a", "b"), a="189885件", b="76.7%").slack is False

    def test_failures_have_no_slack(self) -> None:
        """A failing check is not 'a pass within rounding', whatever the face values."""
        assert run(SHARE, a="约51件", w="200件", s="30%").slack is False
        assert run(Subset("s", "a", "w"), a="约5900件", w="5800件").slack is False
        assert run(PARTIAL, t="140件", a="约100件", b="100件").slack is False

    def test_partial_lists_equal_at_face_value_have_no_slack(self) -> None:
        """Listed parts adding exactly to the total, or shares to the group's, are exact."""
        f = run(PARTIAL, t="200件", a="约100件", b="100件")
        assert (f.status, f.slack) == (PASS, False)
        partial = ShareSum("ss", ("a", "b"), "t", complete=False)
        assert run(partial, a="44.2%", b="12.5%", t="56.7%").slack is False

    def test_remainder_open_at_zero(self) -> None:
        """200件 less 近200件 = [100, 200) leaves (0, 100]: zero is not reached."""
        f = run(Total("t", "t", ("a",), complete=False, remainder="r"), t="200件", a="近200件")
        assert f.derived == {"r": "(0, 100]"}

    def test_share_message_of_a_repeating_ratio(self) -> None:
        """1 / 3 is shown to 8 digits, cut short and marked …."""
        f = run(SHARE, a="1件", w="3件", s="33.3%")
        assert f.message == "1件 / 3件 = 33.333333…% → 33.3%; printed 33.3%"

    def test_change_messages(self) -> None:
        """Each change outcome says what it found, in the report's own verb."""
        f = run(Change("c", "a", "b"), a="1276件", b="76.7%")
        assert f.message == (
            "1276件 = previous × (1 + 76.7%) → previous in [~721.923620933, ~722.3322955]: "
            "integer previous value {722}"
        )
        f = run(Change("c", "a", "b"), a="91件", b="76.7%")
        assert f.message.endswith("which holds no integer count")
        f = run(Change("c", "a", "b"), a="189885件", b="76.7%")
        assert f.message.endswith(
            "61 integers fit, so the printed 上升 76.7% cannot be wrong at this precision"
        )
        f = run(Change("c", "a", "b", "down"), a="189885件", b="7.7%")
        assert "so the printed 下降 7.7% cannot be wrong" in f.message

    @pytest.mark.parametrize(
        ("current", "change", "previous"),
        [("50件", "25.0%", "{40}"), ("250件", "1.50倍", "{100}"), ("70件", "300‰", "{100}")],
    )
    def test_exact_previous_has_no_slack(self, current: str, change: str, previous: str) -> None:
        """50 up 25.0% is exactly 40, 250 up 1.50倍 exactly 100: no slack, in any unit."""
        direction = "down" if change.endswith("‰") else "up"
        f = run(Change("c", "a", "b", direction), a=current, b=change)
        assert (f.status, f.slack, f.derived) == (PASS, False, {"previous": previous})

    def test_steep_fall_from_zero_to_zero(self) -> None:
        """0件 after a fall of 超90% from a printed 0件: consistent (0 = 0 x anything)."""
        f = run(Change("c", "a", "b", "down", previous="p"), a="0件", b="超90%", p="0件")
        assert f.status is PASS

    def test_candidate_lists(self) -> None:
        """Up to five candidates are listed one by one, more as a range with a count."""
        assert run(Rate("r", "r", "b"), r="1%", b="500件").derived == {
            "numerator": "{3, 4, 5, 6, 7}"
        }
        assert run(Rate("r", "r", "b"), r="1%", b="600件").derived == {
            "numerator": "{3, …, 8} (6 values)"
        }

    def test_rates_at_zero(self) -> None:
        """A rate whose interval starts at 0 has its numerator; a rate of 0 cases has none."""
        f = run(Rate("r", "r", "b"), r="50.0%", b="0件")
        assert (f.status, f.message) == (
            UNTESTABLE,
            "50.0% of 0件: a base that may be zero gives no rate to check",
        )
        f = run(Rate("r", "r", "b"), r="近1%", b="50件")
        assert (f.status, f.derived) == (PASS, {"numerator": "{0}"})

    def test_subset_slack_with_one_exact_side(self) -> None:
        """5850件 within 约5800件 = [5750, 5850]: a pass only thanks to 约: slack."""
        f = run(Subset("s", "a", "w"), a="5850件", w="约5800件")
        assert (f.status, f.slack) == (PASS, True)

    def test_same_message_of_a_pass(self) -> None:
        """A restatement that agrees is shown as the equation of the printed figures."""
        assert run(Same("s", ("a", "b")), a="1公顷", b="15亩").message == "1公顷 = 15亩"

    def test_formula_face_values_to_ten_digits(self) -> None:
        """A formula's face values are shown to 10 significant places."""
        f = run(
            Formula("f", "births / ((pop + pop2) / 2) = rate"),
            births="902万人", pop="140967万人", pop2="141175万人", rate="6.39‰",
        )  # fmt: skip
        assert f.message.endswith("; at face value 0.006393943… = 0.00639")

    def test_unknown_figure_is_named(self) -> None:
        """A check naming a missing figure raises KeyError naming the check and the ids."""
        with pytest.raises(KeyError, match=r"check 's' names unknown figure\(s\): nope"):
            run(Same("s", ("nope", "a")), a="9省")
