from fractions import Fraction

import pytest

from pilstats import UnitError
from pilstats.units import (
    conversion_factor,
    definitions_text,
    dimension,
    is_count_unit,
    unit_symbols,
)


class TestUnits:
    def test_area_and_mass(self) -> None:
        """1 公顷 = 15 亩; 1 吨 = 1000 千克; exactly."""
        assert conversion_factor("公顷", "亩") == 15
        assert conversion_factor("吨", "千克") == 1000
        assert conversion_factor("亩", "平方米") == Fraction(2000, 3)

    def test_count_words_do_not_mix(self) -> None:
        """件 and 人 are different dimensions; so are 亩 and 吨."""
        with pytest.raises(UnitError):
            conversion_factor("件", "人")
        with pytest.raises(UnitError):
            conversion_factor("亩", "吨")

    def test_identical_units_skip_pint(self) -> None:
        """Same unit: factor 1 even for a word pint has never seen."""
        assert conversion_factor("不存在", "不存在") == 1

    def test_unknown(self) -> None:
        """Unknown units are named in the error."""
        with pytest.raises(UnitError, match="furlong"):
            dimension("furlong")

    def test_dimensions(self) -> None:
        """亩 is an area, 元 a currency, 件 a count."""
        assert dimension("亩") == "[length] ** 2"
        assert dimension("元") == "[currency]"
        assert is_count_unit("件")
        assert not is_count_unit("亩")

    def test_definitions_file(self) -> None:
        """Units are data: 亩 is mu_cn, never pint's ambiguous `mu`."""
        text = definitions_text()
        assert "mu_cn" in text
        assert "\nmu =" not in text
        assert {"亩", "公顷", "吨", "千克", "元", "件", "%"} <= unit_symbols()


def test_quick_reading_agrees_with_pint() -> None:
    """The pint-free reading of the definitions agrees with pint on every defined unit:
    dimension, and the conversion factor to every other unit of that dimension."""
    from pilstats.units import UnitTable, pint_dimension, pint_factor

    table = UnitTable.base()
    units = sorted(u for u in unit_symbols() if u)
    for unit in units:
        assert dimension(unit) == pint_dimension(unit), unit
    by_dim: dict[str, list[str]] = {}
    for unit in units:
        by_dim.setdefault(dimension(unit), []).append(unit)
    for same in by_dim.values():
        for target in same[:3]:
            for source in same:
                assert table.conversion_factor(source, target) == pint_factor(source, target)
