from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilstats import NumeralParseError, Qualifier, Reported, UnitError, format_figure, parse_figure
from pilstats.figure import Conventions, compose_figure, last_nonzero_unit
from pilstats.rounding import Rounding
from pilstats.strategies import figure_texts

_MAGNITUDE = {"": 0, "万": 4, "亿": 8}


@st.composite
def meant_figures(draw: st.DrawFn) -> tuple[str, Decimal, str, str | None]:
    """``(text, value, unit, qualifier)``: the text written from the value's parts."""
    digits = draw(st.integers(min_value=1, max_value=10**6))
    places = draw(st.integers(min_value=0, max_value=3))
    magnitude = draw(st.sampled_from(sorted(_MAGNITUDE)))
    unit = draw(st.sampled_from(["件", "人", "元", "亩", "吨", "公顷", "千克"]))
    qualifier = draw(st.sampled_from([None, "约", "左右", "余", "多", "近", "不足", "超", "逾"]))
    number = format(Decimal(digits).scaleb(-places), "f")
    value = Decimal(digits).scaleb(_MAGNITUDE[magnitude] - places)
    if qualifier in ("余", "多"):
        if magnitude and draw(st.booleans()):
            text = f"{number}{qualifier}{magnitude}{unit}"
        else:
            text = f"{number}{magnitude}{qualifier}{unit}"
    elif qualifier == "左右":
        text = f"{number}{magnitude}{unit}左右"
    else:
        text = f"{qualifier or ''}{number}{magnitude}{unit}"
    return text, value, unit, qualifier


class TestParseFigure:
    @pytest.mark.parametrize(
        ("text", "value", "unit", "qualifier"),
        [
            ("约 28.9 万亩", "2.89E+5", "亩", "约"),
            ("189,885件", "189885", "件", None),
            ("189885 件", "189885", "件", None),
            ("１８９８８５件", "189885", "件", None),
            ("88.4%", "88.4", "%", None),
            ("88.4％", "88.4", "%", None),
            ("5800余件", "5800", "件", "余"),
            ("3239万余元", "3.239E+7", "元", "余"),
            ("3100余万元", "3.100E+7", "元", "余"),
            ("9.6 亿余元", "9.6E+8", "元", "余"),
            ("1100多万元", "1.100E+7", "元", "多"),
            ("近 5600 家", "5600", "家", "近"),
            ("约 33 万千克", "3.3E+5", "千克", "约"),
            ("约 8888 千克", "8888", "千克", "约"),
            ("四十六批", "46", "批", None),
            ("十个", "1E+1", "个", None),
            ("两万人", "2E+4", "人", None),
            ("1万2千元", "1.2E+4", "元", None),
            ("1.69 万吨", "1.69E+4", "吨", None),
            ("超100万元", "1.00E+6", "元", "超"),
            ("30%左右", "30", "%", "左右"),
            ("5个百分点", "5", "个百分点", None),
            ("12.30元", "12.30", "元", None),
            ("-0.60‰", "-0.60", "‰", None),
        ],
    )
    def test_examples(self, text: str, value: str, unit: str, qualifier: str | None) -> None:
        """Value with its printed precision (exponent compared too), unit, qualifier."""
        f = parse_figure(text)
        assert f.value.as_tuple() == Decimal(value).as_tuple()
        assert f.unit == unit
        assert (f.qualifier.value if f.qualifier else None) == qualifier
        assert f.printed == text

    def test_precision_is_kept(self) -> None:
        """28.90 keeps two decimals; 28.9万 is known to the thousand."""
        assert parse_figure("28.90元").exponent == -2
        assert parse_figure("28.9万元").exponent == 3

    def test_measure_word_beats_numeral_character(self) -> None:
        """千克 is a unit, not 千 times 克."""
        assert parse_figure("8888千克").value == 8888

    @pytest.mark.parametrize(
        "text", ["两三个", "-5件", "", "约", "件", "1..2件", "1万2元", "5800余余件", "约5800余件"]
    )
    def test_unreadable(self, text: str) -> None:
        """Ranges, signs, missing numbers and doubled qualifiers are errors, not guesses."""
        with pytest.raises(NumeralParseError):
            parse_figure(text)

    @pytest.mark.parametrize("text", ["5800件等", "12 furlongs", "3mu"])
    def test_unknown_unit(self, text: str) -> None:
        """A unit missing from the definitions file is a UnitError."""
        with pytest.raises(UnitError, match="unknown unit"):
            parse_figure(text)

    def test_not_text(self) -> None:
        """Floats are refused: they have already lost the printed precision."""
        with pytest.raises(TypeError):
            parse_figure(12.3)  # type: ignore[arg-type]


class TestBounds:
    @pytest.mark.parametrize(
        ("text", "interval"),
        [
            ("189885件", "189885"),
            ("88.4%", "[88.35, 88.45)"),
            ("528.9 万吨", "[5288500, 5289500)"),
            ("约 31.5 亿元", "[3145000000, 3155000000]"),
            ("约 28.9 万亩", "[288500, 289500]"),
            ("约5000人", "[4500, 5500]"),
            ("5800余件", "[5800, 5900)"),
            ("3239万余元", "[32390000, 32400000)"),
            ("3100余万元", "[31000000, 32000000)"),
            ("9.6亿余元", "[960000000, 970000000)"),
            ("1100多万元", "[11000000, 12000000)"),
            ("1000余个", "[1000, 2000)"),
            ("近5600家", "[5500, 5600)"),
            ("不足5600家", "[5500, 5600)"),
            ("超100万元", "(1000000, 2000000)"),
            ("逾3万人", "(30000, 40000)"),
            ("33千克", "[32.5, 33.5)"),
        ],
    )
    def test_documented_semantics(self, text: str, interval: str) -> None:
        """The intervals the README documents."""
        assert str(parse_figure(text).bounds()) == interval

    def test_conventions_change_unqualified_bounds(self) -> None:
        """Truncation moves 88.4% to [88.4, 88.5); inexact counts widen 189885件."""
        assert str(parse_figure("88.4%").bounds(Conventions(Rounding.TRUNCATE))) == "[88.4, 88.5)"
        loose = Conventions(counts_exact=False)
        assert str(parse_figure("189885件").bounds(loose)) == "[189884.5, 189885.5)"

    def test_exact_override(self) -> None:
        """exact=False makes a count a rounded figure."""
        assert not parse_figure("1200件", exact=False).bounds().is_point


class TestFormat:
    def test_canonical(self) -> None:
        """Spaces go, qualifiers keep their place."""
        assert format_figure(parse_figure("约 28.9 万亩")) == "约28.9万亩"
        assert format_figure(parse_figure("3100 余万元")) == "3100余万元"
        assert str(parse_figure("30%左右")) == "30%左右"

    @given(meant_figures())
    def test_reads_what_was_meant(self, meant: tuple[str, Decimal, str, str | None]) -> None:
        """A text written from its parts reads back as those parts, precision included."""
        text, value, unit, qualifier = meant
        f = parse_figure(text)
        assert f.value.as_tuple() == value.as_tuple(), text
        assert (f.unit, f.qualifier.value if f.qualifier else None) == (unit, qualifier)

    @given(meant_figures())
    def test_round_trip(self, meant: tuple[str, Decimal, str, str | None]) -> None:
        """format_figure's text reads back to the same figure, precision and interval."""
        f = parse_figure(meant[0])
        g = parse_figure(format_figure(f))
        assert g == f
        assert g.value.as_tuple() == f.value.as_tuple()
        assert g.exact is f.exact
        assert g.bounds() == f.bounds()

    @given(figure_texts())
    def test_shipped_strategy_texts_read(self, text: str) -> None:
        """Every text pilstats.strategies.figure_texts draws is a readable figure."""
        assert parse_figure(text).printed == text

    def test_qualifier_enum(self) -> None:
        """Qualifiers are the printed words."""
        assert Qualifier("余") is Qualifier.MORE
        assert not Qualifier.MORE.is_prefix
        assert Qualifier.ABOUT.is_prefix


_SPECIAL = "is a superscript, circled or other special digit, not part of a printed figure"


class TestRefusals:
    @pytest.mark.parametrize(
        ("text", "position", "reason"),
        [
            ("1" * 121 + "件", 0, "longer than 120 characters: not one figure"),
            ("   ", 0, "empty figure"),
            ("约30%左右", 5, "two qualifiers"),
            ("2⁰件", 1, f"'⁰' {_SPECIAL}"),
            ("①件", 0, f"'①' {_SPECIAL}"),
            ("5余3件", 1, "余/多 may only be followed by 万 or 亿"),
            ("5余余件", 2, "more than one 余/多"),
            ("0余件", 0, "余 needs a non-zero figure"),
            ("超0件", 0, "超 needs a non-zero figure"),
            ("-5件", 0, "a signed count; write the direction (减少/下降) in the relation"),
            ("-5余%", 0, "a signed figure with 余/多/近/超 is ambiguous"),
            ("-近5%", 0, "a signed figure with 余/多/近/超 is ambiguous"),
            ("余万件", 0, "余/多 with no number before it"),
        ],
    )
    def test_reason_and_position(self, text: str, position: int, reason: str) -> None:
        """Each refusal says why, and where."""
        with pytest.raises(NumeralParseError) as info:
            parse_figure(text)
        assert (info.value.position, info.value.reason) == (position, reason)

    @pytest.mark.parametrize(
        ("text", "unit", "hint"),
        [
            ("3mu", "mu", "'mu = [count_mu] = mu'"),
            ("123x", "x", "'x = [count_x] = x'"),
            ("12 furlongs", "furlongs", "'furlongs = [count_furlongs] = furlongs'"),
            ("5平方丈", "平方丈", "'my_unit = [count_my_unit] = 平方丈'"),
        ],
    )
    def test_unknown_unit_named_with_a_declaration_to_copy(
        self, text: str, unit: str, hint: str
    ) -> None:
        """The whole unknown word is named, with a pint line (ASCII name) to declare it."""
        with pytest.raises(UnitError) as info:
            parse_figure(text)
        assert f"unknown unit {unit!r} in figure {text!r}" in str(info.value)
        assert str(info.value).endswith(f"(pint syntax, e.g. {hint})")

    def test_last_nonzero_unit(self) -> None:
        """One unit of the last non-zero digit; zero has none."""
        assert last_nonzero_unit(Decimal(5800)) == 100
        assert last_nonzero_unit(Decimal("2.890E+5")).as_tuple().exponent == 3
        assert last_nonzero_unit(Decimal("0.80")) == Decimal("0.1")
        with pytest.raises(ValueError, match="zero has no last non-zero digit"):
            last_nonzero_unit(Decimal(0))

    def test_signed_figures(self) -> None:
        """A sign is kept in the value, the numeral and the canonical form."""
        f = parse_figure("-约0.6‰")
        assert (f.value, f.numeral, str(f)) == (Decimal("-0.6"), "-0.6", "-约0.6‰")
        assert f.count is False
        assert parse_figure("+0.6‰").value == Decimal("0.6")


class TestReportedValue:
    def test_not_text_is_named(self) -> None:
        """A float is refused by name: it has already lost the printed precision."""
        with pytest.raises(TypeError, match="a figure is text, not float"):
            parse_figure(12.3)  # type: ignore[arg-type]

    def test_length_limit(self) -> None:
        """120 characters are read (spaces too); 121 are refused, the text cut at 40."""
        assert parse_figure("1" + " " * 118 + "件").value == 1
        text = "1" + " " * 119 + "件"
        with pytest.raises(NumeralParseError) as info:
            parse_figure(text)
        assert info.value.text == text[:40] + "…"

    def test_no_number(self) -> None:
        """A unit alone has no number, at position 0."""
        with pytest.raises(NumeralParseError) as info:
            parse_figure("件")
        assert (info.value.position, info.value.reason) == (0, "no number")

    def test_unit_in_parentheses(self) -> None:
        """Tables print the unit apart: 12.5(万吨) is 12.5万吨, and unit= does the same."""
        assert parse_figure("12.5(万吨)") == parse_figure("12.5万吨")
        assert parse_figure("-0.60", unit="‰") == parse_figure("-0.60‰")

    def test_equality_ignores_spelling_count_and_cache(self) -> None:
        """Equality ignores the spelling, the count flag and the bounds cache."""
        a, b = parse_figure("189,885件"), parse_figure("189885 件")
        a.bounds()
        assert a == b
        assert a == Reported(Decimal(189885), "件", None, "189885", exact=True)
        assert "_intervals" not in repr(a)

    def test_built_directly(self) -> None:
        """A Reported built without flags is a rounded figure; count words are looked up."""
        f = Reported(Decimal(5), "件")
        assert f.exact is False
        assert f.is_count is True
        assert str(f.bounds()) == "[4.5, 5.5)"
        assert Reported(Decimal(5), "亩").is_count is False

    def test_is_percent(self) -> None:
        """Only % is percent; ‰ and 个百分点 are other ratio units."""
        assert parse_figure("5%").is_percent
        assert not parse_figure("5‰").is_percent
        assert parse_figure("5‰").is_ratio
        assert not parse_figure("5个百分点").is_percent

    def test_compose_figure(self) -> None:
        """A figure from parts already separated equals the one read from the text."""
        f = compose_figure("28.9万", "亩", Qualifier.ABOUT)
        assert f == parse_figure("约28.9万亩")
        assert f.printed == "约28.9万亩"
        assert f.value > 0
        g = compose_figure("0.60", "‰", negative=True, printed="-0.60‰")
        assert (g.value, g.printed) == (Decimal("-0.60"), "-0.60‰")
