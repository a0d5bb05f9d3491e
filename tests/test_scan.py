"""Scanning raw text: figures with spans, statements, relations with evidence, no false alarm."""

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats import Status
from pilstats.audit import audit
from pilstats.cli import main
from pilstats.scan import normalise, scan, scan_figures
from pilstats.scan.figures import find_figures
from pilstats.scan.lexicon import lexicon
from pilstats.scan.statements import Statement, read_statements
from pilstats.scan.text import Text
from pilstats.strategies import Breakdown, report_texts
from samples import statuses as relations

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
TEXT = (ROOT / "whitepaper-2023.txt").read_text(encoding="utf-8")


def found(text: str, kind: str, *figures: str) -> str | None:
    """The status of the relation of ``kind`` over exactly these figures, if inferred."""
    for (k, figs), status in relations(text).items():
        if k == kind and sorted(figs) == sorted(figures):
            return status
    return None


class TestFigures:
    def test_spans_point_at_the_text(self) -> None:
        """Every figure's span holds its text, including figures broken over lines."""
        figures = scan_figures(TEXT)
        assert len(figures) >= 150
        for f in figures:
            assert TEXT[f.start : f.end] == f.text
        assert any(f.text.strip() == "1276 件" for f in figures)

    def test_kinds_of_figure(self) -> None:
        """Qualifiers, magnitudes, Chinese numerals, percentages, 个百分点, ‰, signs."""
        text = ("约28.9万亩，5800余件，近5600家，十个法定领域，88.4%，上升2.5个百分点，3239万余元，"
                "30余台，自然增长率为-0.60‰")  # fmt: skip
        got = [(f.reported.unit, f.reported.qualifier.value if f.reported.qualifier else None)
               for f in scan_figures(text)]  # fmt: skip
        assert got == [("亩", "约"), ("件", "余"), ("家", "近"), ("个", None), ("%", None),
                       ("个百分点", None), ("元", "余"), ("台", "余"), ("‰", None)]  # fmt: skip
        assert scan_figures(text)[-1].reported.value == Decimal("-0.60")

    def test_skips_dates_ordinals_idioms(self) -> None:
        """2023年, 第四十六批, 一批, 五年来 are not figures; 15 年 is."""
        got = [
            f.text
            for f in scan_figures("2023年发布第四十六批案例，推动一批问题解决，五年来历时15年")
        ]
        assert got == ["15年"]

    def test_unread_numbers_are_listed_with_a_reason(self) -> None:
        """Nothing is dropped silently: a number that is no figure says why."""
        result = scan("2023年6月1日，第3批案例发布，1659歲的人口。")
        reasons = {u.text: u.reason for u in result.unread}
        assert reasons["2023"] == "date"
        assert reasons["3"] == "ordinal"
        assert reasons["1659"] == "no unit"

    def test_superscripts_and_circled_digits_are_not_figures(self) -> None:
        """2⁰件 and ①件 are not 20 and 1."""
        assert [f.text for f in scan_figures("共2⁰件，①件，3件")] == ["3件"]

    def test_pinyin_gloss_inside_a_figure(self) -> None:
        """A mirror's gloss 12.6萬(wàn)件 reads as 12.6万件; the span keeps the gloss."""
        (f,) = scan_figures("共受理申請12.6萬(wàn)件")
        assert f.text == "12.6萬(wàn)件"
        assert f.reported.value == Decimal("1.26E+5")

    @pytest.mark.parametrize(
        ("text", "figures", "unread"),
        [
            # a figure at the very start of a text has no sign before it
            ("1899年", [("1899年", "1899", None)], []),
            ("1.5万亿元", [("1.5万亿元", "1.5E+12", None)], []),
            ("300件左右", [("300件左右", "300", "左右")], []),
            # a sign the unit refuses is dropped, the qualifier kept
            ("为-3件左右", [("3件左右", "3", "左右")], []),
            ("为-0.6‰", [("-0.6‰", "-0.6", None)], []),
            ("A-3件", [("3件", "3", None)], []),  # a code's hyphen is no sign
            ("A-3%", [("3%", "3", None)], []),
            ("编号 A-3%", [("3%", "3", None)], []),
            ("为-3%", [("-3%", "-3", None)], []),
            ("B -3%", [("-3%", "-3", None)], []),
            ("3万亿亿元", [], [("3", "no unit"), ("万亿亿", "unreadable")]),  # no such magnitude
            ("近0件，超0%", [], [("0", "unreadable"), ("0", "unreadable")]),  # qualifier kept
            ("共3万", [], [("3", "no unit")]),  # a magnitude at the very end, no unit
            ("约  3件", [("约  3件", "3", "约")], []),  # up to two spaces after a qualifier
            ("约 、3件", [("3件", "3", None)], []),  # not across a 、
            ("共300  件", [("300  件", "300", None)], []),  # two spaces before the unit
            ("共300   件", [], [("300", "no unit")]),  # but not three
            ("约   3件", [("3件", "3", None)], []),  # nor three after a qualifier
            ("2023年6月1日", [], [("2023", "date"), ("6", "date"), ("1", "date")]),
            ("约 3件", [("约 3件", "3", "约")], []),  # a space after the qualifier
            ("总人口140967万人", [("140967万人", "1.40967E+9", None)], []),
            ("比为104.64,", [("104.64", "104.64", None)], []),  # a bare ratio
            ("1900年至2100年间", [], [("1900", "date"), ("2100", "date")]),
            ("实施“4+10”行动，共3件", [("3件", "3", None)], [("4", "name"), ("10", "name")]),
            ("办理+5件", [], [("5", "name")]),
            ("\n1. 总体情况共3件", [("3件", "3", None)], [("1", "numbering")]),
            ("\u3000" * 6 + "1、受理3件", [("3件", "3", None)], [("1", "numbering")]),
            ("共1、2件", [("2件", "2", None)], [("1", "no unit")]),
        ],
    )  # fmt: skip
    def test_reading_rules(
        self, text: str, figures: list[tuple[str, str, str | None]],
        unread: list[tuple[str, str]],
    ) -> None:  # fmt: skip
        """Where a figure starts and ends, its sign and qualifier, and why a number is no figure."""
        result = scan(text)
        got = [(f.text, str(f.reported.value),
                f.reported.qualifier.value if f.reported.qualifier else None)
               for f in result.figures]  # fmt: skip
        assert got == figures
        assert [(u.text, u.reason) for u in result.unread] == unread

    def test_offsets_around_a_removed_gloss(self) -> None:
        """A span maps to the original it covers, gloss included; an empty span stays empty
        at its own place."""
        t = Text.read("共受(shòu)理300件")
        assert t.clean == "共受理300件"
        assert t.original_slice(1, 3) == "受(shòu)理"
        assert t.original_span(2, 2) == (8, 8)
        assert t.original_span(1, 1) == (1, 1)

    def test_a_gloss_needs_a_word_before_it(self) -> None:
        """(shòu) opening a text glosses nothing: it is kept."""
        assert Text.read("(shòu)受理3件").clean == "(shòu)受理3件"

    def test_normalise_keeps_offsets(self) -> None:
        """Full-width and traditional forms map one character to one."""
        text = "佔立案總數的８８．４％"
        assert len(normalise(text)) == len(text)
        assert normalise(text) == "占立案总数的88.4%"


def statements(text: str) -> list[Statement]:
    """The statements the scanner reads from ``text``, one per figure."""
    prepared = Text.read(text)
    return read_statements(prepared, find_figures(prepared)[0], lexicon())


class TestStatements:
    def test_a_relative_year_after_a_printed_one(self) -> None:
        """2022年…，今年1月至9月: the later figure's year is not printed, so it has none."""
        first, second = statements("2022年受理5件，今年1月至9月受理3件。")
        assert (first.year, first.months) == (2022, None)
        assert (second.year, second.months) == (None, (1, 9))

    def test_a_printed_year_after_a_relative_one(self) -> None:
        """今年（2023年）1至9月: the printed year names 今年."""
        (st,) = statements("今年（2023年）1至9月受理3件。")
        assert (st.year, st.months) == (2023, (1, 9))

    def test_month_ranges(self) -> None:
        """1月至9月, 1—6月, 1至9月份 are spans of months; 2.5至3月 is not."""
        assert statements("2023年1—6月受理3件。")[0].months == (1, 6)
        assert statements("2023年1至9月份受理3件。")[0].months == (1, 9)
        assert statements("2023年1月至9月受理3件。")[0].months == (1, 9)
        assert statements("工期2.5至3月，受理3件。")[-1].months is None

    def test_a_span_of_months_covers_its_sentence(self) -> None:
        """2019年1-7月，…24050家，…5331.4亿元: both figures are of January to July; 7月当月
        after the span names one month, which is no span."""
        a, b, c = statements(
            "2019年1-7月,新设立企业24050家,实际使用外资5331.4亿元。7月当月548.2亿元。"
        )
        assert (a.months, b.months, c.months) == ((1, 7), (1, 7), None)
        (d,) = statements("2019年1-7月累计5331.4亿元,其中7月当月548.2亿元。")[1:]
        assert d.months is None

    def test_a_named_proportion_is_no_share(self) -> None:
        """优良天数比例为87.5%: the proportion its own words name, not a share of 365天."""
        days, share = statements("全年监测365天，优良天数比例为87.5%。")
        assert days.role == "level"
        assert (share.role, share.name) == ("ratio_other", "优良天数比例")

    @pytest.mark.parametrize(
        ("text", "roles"),
        [
            ("全国人口性别比为104.64。", [("ratio", "全国人口性别比")]),
            ("城镇化率为65.2%。", [("rate", "城镇化率")]),
            ("年均增长5.2%。", [("ratio_other", None)]),  # a compound rate, not one year's
            ("同比上升5.2%。", [("change", None)]),
            ("出口首次突破3000亿元，达3080.3亿元。", [("bound", None), ("level", None)]),
            ("起诉五类犯罪1000人。", [("kinds", None), ("level", None)]),
            ("涉及十二类犯罪。", [("kinds", None)]),  # how many kinds, not a count
        ],
    )  # fmt: skip
    def test_roles(self, text: str, roles: list[tuple[str, str | None]]) -> None:
        """What a figure is: a ratio, a named rate, an average change, a change, a mark passed."""
        assert [(st.role, st.name) for st in statements(text)] == roles

    @pytest.mark.parametrize(
        ("text", "direction"),
        [("比上年多1284万元", "up"), ("比上年少1284万元", "down"), ("比上年增加1284万元", "up"),
         ("比上年减收1070万元", "down")],
    )  # fmt: skip
    def test_increments_and_their_direction(self, text: str, direction: str) -> None:
        """多 / 少 after 比上年 say the direction as 增加 / 减收 do."""
        level, increment = statements("全年收入5000万元，" + text + "。")
        assert (level.role, increment.role, increment.direction) == (
            "level",
            "increment",
            direction,
        )

    def test_a_companion_of_an_average_is_an_average(self) -> None:
        """人均结案274件、312人: 312人 is an average too, never a part of a sum."""
        sts = statements("全省法官人均结案274件、312人。")
        assert [(st.found.reported.printed, st.additive) for st in sts] == [
            ("274件", False),
            ("312人", False),
        ]

    def test_alternate_units_pair_up(self) -> None:
        """6924件13485人、4098件7889人: each 人 figure is the companion of the 件 before it."""
        sts = statements("受理案件6924件13485人、4098件7889人。")
        assert [st.companion_of for st in sts] == [None, 0, None, 2]


class TestSentences:
    LONG = (
        "检察机关立案办理生态环境和资源保护领域公益诉讼案件并依法向人民法院提起行政公益诉讼"  # 41
    )

    def sentences(self, text: str) -> list[str]:
        t = Text.read(text)
        out, pos = [], 0
        while pos < len(t.clean):
            span = t.sentence_of(pos)
            out.append(t.clean[span.start : span.end].strip())
            pos = span.end
        return [x for x in out if x]

    def test_a_long_line_broken_before_a_figure_continues(self) -> None:
        """提起行政公益诉讼 / (blank line) / 1276 件: one sentence, as in the 2023 white paper."""
        assert len(self.LONG) > 40
        assert self.sentences(self.LONG + "\n\n1276件。") == [self.LONG + "\n\n1276件。"]
        assert self.sentences(self.LONG + "\n\n8月受理3件。") == [self.LONG + "\n\n8月受理3件。"]

    def test_a_line_break_before_words_ends_the_sentence(self) -> None:
        """After a long line, a line that starts with words (第1批) is a new sentence."""
        assert self.sentences(self.LONG + "\n第1批案例3件。") == [self.LONG, "第1批案例3件。"]

    def test_a_short_line_is_a_heading(self) -> None:
        """A line of at most 40 characters without final punctuation ends where it ends."""
        heading = self.LONG[:40]
        assert self.sentences(heading + "\n1276件。") == [heading, "1276件。"]

    def test_a_heading_on_a_later_line(self) -> None:
        """The length of every line counts, not only the first: 41 characters go on."""
        first = "一、总体情况。"
        assert self.sentences(first + "\n" + self.LONG + "\n1276件。") == [
            first,
            self.LONG + "\n1276件。",
        ]
        heading = self.LONG[:40]
        assert self.sentences(first + "\n" + heading + "\n1276件。") == [first, heading, "1276件。"]

    def test_a_line_break_ends_a_clause(self) -> None:
        """The clause of a figure that opens a line starts at that figure."""
        t = Text.read("受理3件\n5件。")
        clause = t.clause_of(t.clean.index("5"))
        assert t.clean[clause.start : clause.end] == "5件。"

    def test_trailing_blank_lines(self) -> None:
        """A long line and nothing after it but blank lines is one sentence."""
        assert self.sentences(self.LONG + "\n\n  \n") == [self.LONG]

    def test_punctuation_in_parentheses_ends_no_clause(self) -> None:
        """共300件（民事200件，行政100件）: one clause up to the closing parenthesis."""
        t = Text.read("共300件（民事200件，行政100件），同比上升5%。")
        clause = t.clause_of(t.clean.index("行政"))
        assert t.clean[clause.start : clause.end] == "共300件(民事200件,行政100件),"
        nested = Text.read("共300件（民事200件（一审150件，二审50件），行政100件），同比上升5%。")
        clause = nested.clause_of(nested.clean.index("行政"))
        assert nested.clean[clause.start : clause.end] == (
            "共300件(民事200件(一审150件,二审50件),行政100件),"
        )


class TestRealTerms:
    def test_growth_at_comparable_prices(self) -> None:
        """按可比价格计算 anywhere before, even at the very start: a money value's growth
        may be real, not nominal, so 4000 → 5000亿元 up 5% is no contradiction."""
        text = "2023年全市生产总值5000亿元，比2022年的4000亿元增长5%。"
        change = ("change", ("5000亿元", "5%", "4000亿元"))
        assert relations(text) == {change: "fail"}
        assert relations("可比价格计算，" + text) == {change: "untestable"}
        assert relations("===\n可比价格计算。\n===\n" + text)[change] == "fail"  # another document


class TestListsClosedByTheirWording:
    def test_every_year_of_a_span(self) -> None:
        """2019年至2021年…其中2019年…2020年…2021年: the years close the list, so a sum
        short of the total fails; the span's end is not the total's year."""
        text = "2019年至2021年，共受理案件300件，其中2019年100件，2020年90件，2021年{}件。"
        assert found(text.format(110), "total", "300件", "100件", "90件", "110件") == "pass"
        assert found(text.format(100), "total", "300件", "100件", "90件", "100件") == "fail"
        assert statements(text.format(110))[0].year is None

    def test_one_member_per_clause_between_semicolons(self) -> None:
        """其中设定通报值的13项，我省达标12项；其他44项，有24项达标: the first figure of each
        clause between ； is the list's member, the others count within it."""
        text = "全省监测指标共57项，其中设定通报值的13项，我省达标12项；其他44项，有24项达标。"
        assert relations(text) == {("total", ("57项", "13项", "44项")): "pass"}

    def test_a_year_span_with_one_year_missing_stays_open(self) -> None:
        """Two of three years listed: the sum may fall short of the total."""
        text = "2019年至2021年，共受理案件300件，其中2019年100件，2020年90件。"
        assert found(text, "total", "300件", "100件", "90件") != "fail"

    def test_including_in_parentheses_is_not_a_breakdown(self) -> None:
        """300件（含调解案件100件、撤诉案件50件）: 含 names some members, read with 其中 lists."""
        assert relations("全年共受理案件300件（含调解案件100件、撤诉案件50件）。") == {}
        assert found("全年共受理案件300件（调解案件100件、撤诉案件50件）。", "total",
                     "300件", "100件", "50件") == "pass"  # fmt: skip


class TestPatterns:
    """One test per pattern of tests/corpus/PATTERNS.md (its invented examples)."""

    def test_p1_list_ends_at_a_new_predicate(self) -> None:
        """3100+640 ≤ 4200; 1800 after ；向…发出 is not a part."""
        text = (
            "全年共受理复议申请4200件，其中维持原决定3100件，撤销原决定640件；"
            "向有关部门发出建议函1800件。"
        )
        assert found(text, "total", "4200件", "3100件", "640件") == "pass"
        assert not any("1800件" in figs for _, figs in relations(text))

    def test_p2_of_which_after_a_full_stop(self) -> None:
        """870 ≤ 3120, never against the nearer 460."""
        text = "全市共抽检餐饮门店3120家，责令整改460家。其中，学校周边门店870家。"
        assert found(text, "subset", "870家", "3120家") == "pass"
        assert "fail" not in relations(text).values()

    def test_p3_parallel_pairs(self) -> None:
        """收案 and 结案 broken down together: two sums, never one of four."""
        text = ("全区法院共收案4.6万件，结案4.1万件。其中，民事案件收案3.1万件，结案2.8万件；"
                "刑事案件收案1.5万件，结案1.3万件。")  # fmt: skip
        assert found(text, "total", "4.6万件", "3.1万件", "1.5万件") == "pass"
        assert found(text, "total", "4.1万件", "2.8万件", "1.3万件") == "pass"

    def test_p4_framing_whole(self) -> None:
        """在320件…中: 118 + 202 = 320."""
        text = "在已审结的320件案件中，调解结案118件，判决结案202件。"
        assert found(text, "total", "320件", "118件", "202件") == "pass"

    def test_p5_bare_share_of_the_leading_total(self) -> None:
        """占62.5% with no named whole: of the 共 total; shares sum to 100."""
        text = "全年共处理举报2400件，其中，电话举报1500件，占62.5%；网络举报900件，占37.5%。"
        assert found(text, "share", "1500件", "2400件", "62.5%") == "pass"
        assert found(text, "share", "900件", "2400件", "37.5%") == "pass"
        assert found(text, "share_sum", "62.5%", "37.5%") == "pass"

    def test_p6_paraphrased_whole(self) -> None:
        """占同期受案数的64%: the 受理 count."""
        text = "今年共受理劳动争议仲裁申请5000件，裁决结案3200件，占同期受案数的64%。"
        assert found(text, "share", "3200件", "5000件", "64%") == "pass"

    def test_p7_whole_printed_after_the_share(self) -> None:
        """The whole comes in the next sentence."""
        text = "新型案件共2600件，占案件总数的13%。全年共办理各类案件20000件。"
        assert found(text, "share", "2600件", "20000件", "13%") == "pass"

    def test_p8_breakdown_over_sentences(self) -> None:
        """No 其中; the parts in the next sentences, closed by 其他, add up within rounding."""
        text = ("今年共办理消防监督案件8.4万件。办理高层建筑类案件3.9万件；人员密集场所类案件2.0万件。"
                "此外，还办理其他类案件2.5万件。")  # fmt: skip
        assert found(text, "total", "8.4万件", "3.9万件", "2.0万件", "2.5万件") == "pass"

    def test_p8a_breakdown_introduced_by_cong_kan(self) -> None:
        """从…看: a partial list, never forced to 100%."""
        text = "全年共立项科研课题1860项。从资助来源看，国家级课题320项，省级课题910项。"
        assert found(text, "total", "1860项", "320项", "910项") == "pass"
        assert "fail" not in relations(text).values()

    def test_p8b_parts_right_after_a_total(self) -> None:
        """Sum, two shares, shares sum to 100."""
        text = "前三季度共接处警12.6万起，刑事类8.1万起，占比64.3%；治安类4.5万起，占比35.7%。"
        assert found(text, "share", "8.1万起", "12.6万起", "64.3%") == "pass"
        assert found(text, "share_sum", "64.3%", "35.7%") == "pass"
        assert found(text, "total", "12.6万起", "8.1万起", "4.5万起") == "pass"

    def test_p9_named_rate_over_the_counts_just_given(self) -> None:
        """答复率96% of 1250 letters with 1200 answered."""
        text = "共收到群众来信1250件，已答复1200件，答复率96%。"
        assert found(text, "share", "1200件", "1250件", "96%") == "pass"

    def test_p10_rate_needing_a_definition_is_never_a_fail(self) -> None:
        """拒贷率 is not in the definitions table: no failure whatever it prints."""
        text = "共批准贷款申请3.0万件，拒绝1.0万件，拒贷率75%。"
        assert "fail" not in relations(text).values()

    def test_p11_gap_between_two_rates(self) -> None:
        """71.4 − 61.8 = 9.6 个百分点."""
        text = "全市学校体检达标率为61.8%。乡村学校达标率为71.4%，高于全市9.6个百分点。"
        assert found(text, "formula", "71.4%", "61.8%", "9.6个百分点") == "pass"
        wrong = text.replace("9.6个", "8.6个")
        assert found(wrong, "formula", "71.4%", "61.8%", "8.6个百分点") == "fail"

    def test_p12_stage_of_a_stock(self) -> None:
        """已整改到位590份 ≤ 发出640份."""
        text = "共发出整改通知640份，截至年底已整改到位590份。"
        assert found(text, "subset", "590份", "640份") == "pass"

    def test_p13_subject_matter_subsets_are_not_inferred(self) -> None:
        """No wording states 7600 ≤ 9000: no check."""
        text = "全年办理行政类案件9000件。发出事前提醒函7600份。"
        assert relations(text) == {}

    def test_p14_main_parts_respectively(self) -> None:
        """主要是A和B，分别为a和b: 2100+1800 ≤ 5300."""
        text = "共查处违规车辆5300辆。查处的违规行为主要是超载和超速，分别为2100辆和1800辆。"
        assert found(text, "total", "5300辆", "2100辆", "1800辆") == "pass"

    def test_p15_of_which_as_a_pronoun(self) -> None:
        """违反其中6项条款: no check."""
        text = "上半年共检查企业9800家。新条例施行以来，已对违反其中6项条款的140家企业立案。"
        assert "fail" not in relations(text).values()
        assert found(text, "subset", "140家", "9800家") is None

    def test_p16_implied_bases_of_yoy_add_up(self) -> None:
        """同比 of parts and whole: 2000 = 1200 + 800 within rounding."""
        text = ("共受理案件2200件，同比增长10%；其中民事案件1500件，同比增长25%；"
                "行政案件700件，同比下降12.5%。")  # fmt: skip
        assert found(text, "formula", "2200件", "10%", "1500件", "25%", "700件", "12.5%") == "pass"

    def test_p17_part_of_a_total(self) -> None:
        """其中 后五年 3.6万 of 6万 人次."""
        text = "2015年至2024年共培训教师6万人次。其中，后五年培训3.6万人次，较前五年增长50%。"
        assert found(text, "subset", "3.6万人次", "6万人次") == "pass"

    def test_p18_gloss_inside_figures(self) -> None:
        """12.6萬(wàn)件 and 9.8萬(wàn)件: 9.8 ≤ 12.6."""
        text = "共受理申請12.6萬(wàn)件,其中網(wǎng)上申請9.8萬(wàn)件。"
        assert found(text, "subset", "9.8萬(wàn)件", "12.6萬(wàn)件") == "pass"

    def test_decisions_are_not_parts_of_receipts(self) -> None:
        """批捕 + 不捕 vs 受理审查逮捕 without 其中: no part ≤ whole (a trap)."""
        text = "共受理审查逮捕12000人，经审查，批准逮捕8000人，不批准逮捕3900人。"
        assert relations(text) == {}

    def test_several_reports_in_one_file(self) -> None:
        """References never cross a report; the nearest total of the same report wins."""
        one = "共立案1000件。其中，行政案件600件，占立案总数的60.0%。"
        two = "共立案2000件。其中，行政案件1200件，占立案总数的60.0%。"
        got = relations(one + "\n===\n" + two)
        assert got[("share", ("600件", "1000件", "60.0%"))] == "pass"
        assert got[("share", ("1200件", "2000件", "60.0%"))] == "pass"


class TestNationalReports:
    def test_a_region_within_the_national_count_of_its_field(self) -> None:
        """内蒙古's 410 cases in two fields: within the national counts of both fields."""
        text = (
            "全国检察机关办理国有土地使用权出让领域案件 1468 件、国有财产保护领域案件 8268 件。"
            "内蒙古自治区检察机关共立案办理国有财产保护和国有土地使用权出让领域公益诉讼案件 410 件。"
        )
        assert found(text, "subset", "410件", "1468件", "8268件") == "pass"

    def test_a_region_within_the_national_count_of_its_topic(self) -> None:
        """新疆…大气污染防治…91 件 within the national 大气污染防治 5800 余件."""
        text = (
            "全年共办理大气污染防治领域公益诉讼案件 5800 余件。新疆检察机关开展大气污染防治"
            "公益诉讼检察专项监督活动，共办案 91 件。"
        )
        assert found(text, "subset", "91件", "5800余件") == "pass"

    def test_nested_selections(self) -> None:
        """从2905件…中筛选推荐出100件…和10件: 2905 → 100 → 10."""
        text = "从2905件“千案展示”案例中筛选推荐出100件“百案评析”和10件“十案示范”案例。"
        assert found(text, "subset", "100件", "2905件") == "pass"
        assert found(text, "subset", "10件", "100件") == "pass"

    def test_of_which_as_pronoun_with_its_referent_in_the_sentence(self) -> None:
        """…234 条问题线索集中交办，并对其中 16 起重点线索挂牌督办: 16 ≤ 234."""
        text = "最高检对警示片反映的 234 条问题线索集中交办，并对其中 16 起重点线索挂牌督办。"
        assert found(text, "subset", "16起", "234条") == "pass"

    def test_a_sentence_broken_by_a_blank_line(self) -> None:
        """提起行政公益诉讼 / (blank line) / 1276 件: one sentence, one list."""
        text = (
            "共提起公益诉讼 12579 件。其中，提起民事公益诉讼 11303 件，占起诉总量的 89.9%；"
            "提起行政公益诉讼\n\n1276 件，占起诉总量的 10.1%。"
        )
        assert found(text, "total", "12579件", "11303件", "1276件") == "pass"


class TestWhitePaper:
    def test_no_failure_on_the_2023_text(self) -> None:
        """The 2023 text: 0 failures."""
        result = scan(TEXT).result
        assert result.counts["fail"] == 0
        assert result.counts["pass"] >= 25

    def test_site_junk_and_several_reports(self) -> None:
        """Reposted text with navigation junk, two copies: the same verdicts per copy."""
        junk = "首页 > 新闻中心 > 正文\n分享到：微信 微博 QQ空间\n"
        tail = "\n责任编辑：王五\n【打印本页】【关闭窗口】\n版权所有 2024 ICP备 12345678 号\n"
        single = scan(TEXT).result.counts
        double = scan(junk + TEXT + tail + "\f" + junk + TEXT + tail).result.counts
        assert double == {k: 2 * v for k, v in single.items()}


class TestCatchesErrors:
    def test_share_that_does_not_match_its_counts(self) -> None:
        """800 of 1000 printed as 70.0%."""
        text = "全年共立案 1000 件。其中，行政案件 800 件，占立案总数的 70.0%。"
        assert found(text, "share", "800件", "1000件", "70.0%") == "fail"

    def test_partition_that_does_not_add_up(self) -> None:
        """Listed parts exceed the total: a 其中 list proves it."""
        got = relations("共办理案件 100 件。其中，甲类 60 件，乙类 50 件。")
        assert got == {("total", ("100件", "60件", "50件")): "fail"}

    def test_shares_forced_to_100_but_wrong(self) -> None:
        """70% + 30% = 100%, yet 150 of 200 is 75%."""
        text = "共立案 200 件。其中，行政案件 150 件，占立案总数的 70%；民事案件 50 件，占立案总数的 30%。"
        assert found(text, "share", "150件", "200件", "70%") == "fail"
        assert found(text, "share", "50件", "200件", "30%") == "fail"
        assert found(text, "share_sum", "70%", "30%") == "pass"

    def test_change_without_integer_previous(self) -> None:
        """91 cases up 76.7%: no integer previous-year count exists."""
        assert relations("共办案 91 件，同比上升 76.7%。") == {
            ("change", ("91件", "76.7%")): "fail"
        }

    def test_change_against_a_printed_earlier_value(self) -> None:
        """比2014年上升42.6%, with 2014 printed in a later sentence."""
        text = "2015年，某院受理案件15985件，比2014年上升42.6%。2014年，某院受理案件11210件。"
        assert found(text, "change", "15985件", "42.6%", "11210件") == "pass"
        wrong = text.replace("42.6%", "40.6%")
        assert found(wrong, "change", "15985件", "40.6%", "11210件") == "fail"

    def test_five_crime_share_of_a_named_whole(self) -> None:
        """五类…合计占…69.4%: the listed sum over the named total (juv_wp_2024)."""
        text = ("全国检察机关受理审查起诉未成年犯罪嫌疑人101526人。受理审查起诉未成年人犯罪人数较多的罪名"
                "包括:盗窃罪33519人、诈骗罪10166人、聚众斗殴罪10054人、强奸罪9457人、抢劫罪7356人,"
                "五类犯罪人数合计占受理审查起诉未成年人犯罪总数的69.4%。")  # fmt: skip
        got = relations(text)
        key = (
            "formula",
            ("33519人", "10166人", "10054人", "9457人", "7356人", "101526人", "69.4%"),
        )
        assert got[key] == "fail"


class TestNoFalseAlarm:
    def test_partial_list_without_deng(self) -> None:
        """A 其中 list that does not cover its total, with no 等, is not an error."""
        got = relations("共办理案件 100 件。其中，甲类 30 件，乙类 20 件。")
        assert got == {("total", ("100件", "30件", "20件")): "pass"}

    def test_partition_shares_with_a_member_unlisted(self) -> None:
        """60% + 30% of a whole with 10% unlisted: never forced to 100%."""
        text = ("共立案 1000 件。其中，行政案件 600 件，占立案总数的 60.0%；"
                "民事案件 300 件，占立案总数的 30.0%。")  # fmt: skip
        got = relations(text)
        assert set(got.values()) == {"pass"}
        assert not any(kind == "share_sum" for kind, _ in got)

    def test_rounded_to_wan(self) -> None:
        """约1.2万 + 约2.4万 against 约3.5万: consistent within rounding."""
        got = relations("共办理案件约3.5万件。其中，甲类约1.2万件，乙类约2.4万件。")
        assert set(got.values()) == {"pass"}

    def test_ambiguous_whole_is_untestable(self) -> None:
        """Two totals could be 总数: list the candidates, decide nothing."""
        text = "共立案 5000 件，共起诉 4000 件。某类 300 件，占总数的 6.0%。"
        (finding,) = scan(text).result.findings
        assert finding.status is Status.UNTESTABLE
        assert "2 candidates" in finding.message

    def test_traditional_and_half_width(self) -> None:
        """Traditional characters, half-width punctuation and stray spaces."""
        text = "全年共立案 1000 件,其中,行政案件 600 件 ,佔立案總數的 60.0% ;"
        assert found(text, "share", "600件", "1000件", "60.0%") == "pass"

    def test_definition_mismatch_is_untestable(self) -> None:
        """自然增长率 printed without its minus: a definitional doubt, never a fail."""
        text = "人口出生率为6.39‰；人口死亡率为7.87‰；人口自然增长率为1.48‰。"
        assert found(text, "formula", "6.39‰", "7.87‰", "1.48‰") == "untestable"

    def test_taxonomy_gap_is_reported_with_its_remainder(self) -> None:
        """Gansu: five domain groups short of the total by 157, one counted as 办理."""
        text = (Path(__file__).parent / "corpus" / "pil_gansu_5yr_2022_trad.txt").read_text(
            encoding="utf-8"
        )
        result = scan(text)
        gap = [f for f in result.result.findings if "14240" in f.message]
        assert gap
        assert gap[0].status is Status.UNTESTABLE
        assert "157" in gap[0].message


class TestEvidenceAndIds:
    def test_every_finding_carries_its_evidence(self) -> None:
        """Cue words and figures, with spans into the original text, and a strength."""
        text = "全年共立案 1000 件,其中,行政案件 600 件 ,佔立案總數的 60.0% ;"
        result = scan(text)
        for f in result.result.findings:
            ev = result.evidence[f.check]
            assert ev.strength in ("stated", "definition", "inferred")
            assert ev.reason
            for _label, start, end, quoted in ev.cues:
                assert text[start:end] == quoted

    def test_cues_point_at_the_original_around_glosses(self) -> None:
        """Glosses and junk removed before reading do not shift a cue's original span."""
        text = (
            "全年共受理(shòu)案件??1000件，其中(qí)行政(xíng)案件600件，佔(zhàn)立案總數的60.0%。"
        )
        result = scan(text)
        cues = {f.kind: [(label, quoted) for label, _, _, quoted in result.evidence[f.check].cues]
                for f in result.result.findings}  # fmt: skip
        assert cues == {
            "subset": [("其中", "其中"), ("total", "1000件"), ("part", "600件")],
            "share": [("share", "60.0%"), ("part", "600件")],
        }
        (of_which,) = (f for f in result.result.findings if f.kind == "subset")
        assert result.evidence[of_which.check].spans[0] == ("其中", 21, 23)

    def test_ids_are_unique_and_stable(self) -> None:
        """Ids do not depend on text elsewhere: a paragraph added before changes none."""
        ids = [f.check for f in scan(TEXT).result.findings]
        assert len(ids) == len(set(ids))
        moved = [f.check for f in scan("前言：新增一段文字，共计 12 件。\n" + TEXT).result.findings]
        assert set(ids) <= set(moved)


class TestCommands:
    def test_scan_json_from_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`pilstats scan - --format json` reads stdin; findings carry evidence."""
        import io

        text = "共办理案件 100 件。其中，甲类 60 件，乙类 50 件。"
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code = main(["scan", "-", "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 1
        evidence = doc["findings"][0]["evidence"]
        assert evidence["span"][0] == text.index("100")
        assert evidence["strength"] == "stated"
        assert len(doc["figures"]) == 3

    def test_scan_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 2023 text scans clean from a file."""
        assert main(["scan", str(ROOT / "whitepaper-2023.txt"), "--figures"]) == 0
        out = capsys.readouterr().out
        assert "0 fail" in out

    def test_audit_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled fixture matches its text."""
        assert main(["audit"]) == 0
        assert "0 discrepancies" in capsys.readouterr().out

    def test_audit_finds_changes(self, tmp_path: Path) -> None:
        """A shifted text, a changed value and a new figure are all reported."""
        shutil.copy(ROOT / "whitepaper-2023.yaml", tmp_path / "w.yaml")
        text = TEXT.replace("共立案办理公益诉讼案件 189885 件", "共立案办理公益诉讼案件 189886 件")
        text = text.replace("安全生产 17286 件", "安全生产 17286 件（新增 12 件）")
        (tmp_path / "whitepaper-2023.txt").write_text("转载：\n" + text, encoding="utf-8")
        codes = [(i.code, i.figure) for i in audit(tmp_path / "w.yaml")]
        assert ("value-differs", "cases_total") in codes
        assert ("quote-moved", "cases_civil") in codes
        assert sum(1 for c, _ in codes if c == "unlisted-figure") == 1


class TestPartitionDetails:
    def test_including_is_nested_not_a_part(self) -> None:
        """（含 … 件） inside a part is a subset of that part, not another part."""
        got = relations("共起诉 100 件。其中，民事 90 件（含刑附民 80 件），行政 10 件。")
        assert got[("total", ("100件", "90件", "10件"))] == "pass"
        assert got[("subset", ("80件", "90件"))] == "pass"

    def test_of_which_across_units_needs_counts(self) -> None:
        """其中 after an amount in 元 never pairs it with a count."""
        assert relations("罚款 1100 万元。其中 20 家企业整改。") == {}


class TestScanLaws:
    @given(report_texts())
    def test_no_false_alarm_on_consistent_text(self, case: tuple[str, Breakdown]) -> None:
        """A consistent paragraph, listed fully or partly, never yields a failure."""
        text, _ = case
        assert scan(text).result.counts["fail"] == 0, text

    @given(report_texts(all_listed=True), st.data())
    def test_a_wrong_share_is_caught(
        self, case: tuple[str, Breakdown], data: st.DataObject
    ) -> None:
        """Moving one printed share by 0.2 points or more makes the scan fail."""
        text, _ = case
        shares = re.findall(r"(\d+\.\d)%", text)
        i = data.draw(st.integers(min_value=0, max_value=len(shares) - 1))
        bump = data.draw(st.sampled_from(["0.2", "0.5", "1.0", "3.0"]))
        old = shares[i]
        new = str(Decimal(old) + Decimal(bump))
        pieces = text.split("%")
        pieces[i] = pieces[i][: -len(old)] + new
        corrupted = "%".join(pieces)
        assert scan(corrupted).result.counts["fail"] >= 1, corrupted
