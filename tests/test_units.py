from fractions import Fraction
from pathlib import Path

import pytest

import pilstats
from pilstats import UnitError
from pilstats.audit import audit
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


UNITS_TEXT = (
    "全市查获走私车辆30余台，其中轿车18台、货车12台；查获走私船舶5艘。"
    "出生率为6.39‰，死亡率为7.87‰，自然增长率为-1.48‰。"
    "城镇化率为66.2%，比上年提高0.9个百分点，上年为65.3%。"
    "查获卷烟1200标准箱，其中外烟300标准箱。\n"
)


def _units_fixture(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "u.txt").write_text(UNITS_TEXT, encoding="utf-8")
    quotes = {
        "vehicles": ("30余台", "查获走私车辆30余台"), "cars": ("18台", "其中轿车18台"),
        "trucks": ("12台", "货车12台"), "ships": ("5艘", "查获走私船舶5艘"),
        "births": ("6.39‰", "出生率为6.39‰"), "deaths": ("7.87‰", "死亡率为7.87‰"),
        "natural": ("-1.48‰", "自然增长率为-1.48‰"), "urban": ("66.2%", "城镇化率为66.2%"),
        "urban_rise": ("0.9个百分点", "比上年提高0.9个百分点"),
        "urban_before": ("65.3%", "上年为65.3%"),
        "cigarettes": ("1200标准箱", "查获卷烟1200标准箱"),
        "foreign": ("300标准箱", "其中外烟300标准箱"),
    }  # fmt: skip
    figures = "\n".join(
        f'  - {{id: {fid}, printed: "{p}", section: "一", quote: "{q}", '
        f"offset: {UNITS_TEXT.index(q)}}}"
        for fid, (p, q) in quotes.items()
    )
    path = tmp_path / "u.yaml"
    path.write_text(
        "schema_version: 1\n"
        "report: {id: units-demo, title: t, publisher: p, year: 2023, source_text: u.txt}\n"
        "units:\n"
        '  - "biaozhunxiang = [count_biaozhunxiang] = 标准箱"\n'
        f"figures:\n{figures}\n"
        "relations:\n"
        "  - {kind: total, id: vehicles_by_kind, total: vehicles, parts: [cars, trucks],"
        " complete: false}\n"
        "  - {kind: formula, id: natural_growth, expr: births - deaths = natural}\n"
        "  - {kind: formula, id: urban_points, expr: urban - urban_rise = urban_before}\n"
        "  - {kind: subset, id: foreign_within, part: foreign, whole: cigarettes}\n"
        f"{extra}",
        encoding="utf-8",
    )
    return path


class TestFixtureUnits:
    def test_open_measure_words_permille_points_and_declared_units_check(
        self, tmp_path: Path
    ) -> None:
        """台 and 艘 (open measure words), ‰, 个百分点 and a declared 标准箱 all check."""
        result = pilstats.check(_units_fixture(tmp_path))
        assert result.ok, [f.message for f in result.failures]
        assert result.counts == {"pass": 4, "fail": 0, "untestable": 0, "revised": 0}
        report = pilstats.load(tmp_path / "u.yaml")
        assert report.figure("ships").reported.is_count
        assert report.figure("cigarettes").reported.unit == "标准箱"
        assert audit(tmp_path / "u.yaml") == []

    def test_different_measure_words_do_not_add(self, tmp_path: Path) -> None:
        """台 + 艘 is a unit error, not a number: nothing is silently summed."""
        path = _units_fixture(
            tmp_path, "  - {kind: total, id: mixed, total: vehicles, parts: [cars, ships],"
            " complete: false}\n"
        )
        (f,) = pilstats.check(path).failures
        assert (f.check, f.code) == ("mixed", "unit-mismatch")

    def test_undeclared_long_unit_says_how_to_declare_it(self, tmp_path: Path) -> None:
        """Without the units: block, 标准箱 is refused with the pint line to add."""
        path = _units_fixture(tmp_path)
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'units:\n  - "biaozhunxiang = [count_biaozhunxiang] = 标准箱"\n', ""),
            encoding="utf-8",
        )
        with pytest.raises(pilstats.FixtureError, match=r"declare it in the fixture's units:"):
            pilstats.load(path)
