from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats import NumeralParseError, parse_numeral
from pilstats.numerals import chinese_numeral


class TestParseNumeral:
    @pytest.mark.parametrize(
        ("text", "value", "exponent"),
        [
            ("189885", "189885", 0),
            ("28.9万", "289000", 3),
            ("1.69万", "16900", 2),
            ("9.6亿", "960000000", 7),
            ("1万2千", "12000", 3),
            ("四十六", "46", 0),
            ("十", "10", 1),
            ("十五", "15", 0),
            ("两万", "20000", 4),
            ("一千零五", "1005", 0),
            ("一千二", "1200", 2),
            ("两万五", "25000", 3),
            ("1.0000001万", "10000.001", -3),
            ("12.30", "12.30", -2),
            ("3万亿", "3000000000000", 12),
        ],
    )
    def test_values_and_precision(self, text: str, value: str, exponent: int) -> None:
        """Values are exact and the exponent records the finest printed place."""
        got = parse_numeral(text)
        assert got == Decimal(value)
        assert got.as_tuple().exponent == exponent

    @pytest.mark.parametrize(
        ("text", "position"),
        [("两三", 1), ("千", 0), ("十百", 1), ("1万2", 2), ("1..2", 2), ("万万", 0), ("零", 0),
         ("1" * 31, 0), ("", 0), ("3x", 1)],
    )  # fmt: skip
    def test_rejects_with_position(self, text: str, position: int) -> None:
        """Ranges, dangling units, ambiguous forms and junk raise with the position."""
        with pytest.raises(NumeralParseError) as info:
            parse_numeral(text)
        assert info.value.position == position
        assert info.value.text == text
        assert str(position) in str(info.value)

    def test_error_is_a_value_error(self) -> None:
        """Callers that only know builtins can catch ValueError."""
        with pytest.raises(ValueError, match="两三"):
            parse_numeral("两三")


class TestChineseNumeral:
    @pytest.mark.parametrize(
        ("n", "text"),
        [(46, "四十六"), (10, "十"), (1005, "一千零五"), (10010, "一万零一十"),
         (100000001, "一亿零一"), (1000010000, "十亿零一万")],
    )  # fmt: skip
    def test_examples(self, n: int, text: str) -> None:
        """Standard forms, with 零 for gaps."""
        assert chinese_numeral(n) == text

    @given(st.integers(min_value=1, max_value=10**12 - 1))
    def test_round_trip(self, n: int) -> None:
        """parse_numeral(chinese_numeral(n)) == n for every n."""
        assert parse_numeral(chinese_numeral(n)) == n

    def test_range(self) -> None:
        """Negative numbers and 10**12 or more are refused."""
        for n in (-1, 10**12):
            with pytest.raises(ValueError, match="chinese_numeral"):
                chinese_numeral(n)


class TestRefusalsAndForms:
    @pytest.mark.parametrize(
        ("text", "position", "reason"),
        [
            ("12.", 2, "a decimal point with no digits after it"),
            (".5", 0, "a decimal point with no digits before it"),
            ("1.2.3", 3, "a second decimal point"),
            ("1亿万", 2, "万 has no number before it"),
            ("1百2", 2, "ambiguous: an Arabic number after a unit needs its own unit"),
            ("1" * 27 + "亿", 27, "more than 30 digits"),
            ("1" * 27 + "万", 27, "more than 30 digits"),
            ("1" * 30 + ".5", 0, "more than 30 digits"),
            ("两三", 1, "two digits in a row (a range such as 两三 is not one figure)"),
            ("二3", 1, "two numbers in a row"),
            ("千", 0, "千 has no number before it"),
            ("十百", 1, "百 has no number before it"),
            ("一十一十", 3, "十 out of order"),
            ("二千八千", 3, "千 out of order"),
            ("1亿1万1亿", 5, "亿 out of order"),  # only 万亿 compounds, not 亿…亿
            ("一十一百", 3, "百 out of order"),
            ("万", 0, "万 has no number before it"),
            ("1万万", 2, "万 repeated"),
            ("零", 0, "零 must be followed by a digit"),
            ("一百零", 2, "零 must be followed by a digit"),
            ("１２", 0, "'１' is not part of a numeral"),
        ],
    )
    def test_reason_and_position(self, text: str, position: int, reason: str) -> None:
        """Each refusal says why, and where."""
        with pytest.raises(NumeralParseError) as info:
            parse_numeral(text)
        assert (info.value.position, info.value.reason) == (position, reason)

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("1亿2万", "1.0002E+8"),
            ("3万亿", "3E+12"),
            ("三万亿", "3E+12"),
            ("五万七亿", "5.0007E+12"),
            ("一万二千亿", "1.2E+12"),
            ("1十2", "12"),
            ("一百二", "1.2E+2"),
            ("一千〇五", "1005"),
            ("一千零5", "1005"),
            ("0万", "0E+4"),
            ("1" * 29, "1" * 29),
            ("12345678901234567890123456789", "12345678901234567890123456789"),
            ("1234567890123456789012345.6789万", "12345678901234567890123456789"),
            ("1" * 27 + "千", "1.11111111111111111111111111E+29"),
            ("十" + "1" * 30, "1" * 28 + "21"),
        ],
    )
    def test_forms(self, text: str, value: str) -> None:
        """万亿 compositions, colloquial 一百二, 〇, and 30 digits kept exactly."""
        assert parse_numeral(text).as_tuple() == Decimal(value).as_tuple()

    @pytest.mark.parametrize(
        ("n", "text"),
        [(0, "零"), (1011, "一千零一十一"), (10101, "一万零一百零一"), (110, "一百一十"),
         (100010, "十万零一十"), (2000000001, "二十亿零一"), (1000, "一千"),
         (377810007161, "三千七百七十八亿一千万七千一百六十一"),
         (651622456885, "六千五百一十六亿二千二百四十五万六千八百八十五"),
         (501460013950, "五千零一十四亿六千零一万三千九百五十"),
         (10**12 - 1, "九千九百九十九亿九千九百九十九万九千九百九十九")],
    )  # fmt: skip
    def test_zeros_written_once_per_gap(self, n: int, text: str) -> None:
        """零 marks each gap once; zero itself is 零."""
        assert chinese_numeral(n) == text
