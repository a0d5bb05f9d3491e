"""Statistic keys on fixture figures: vocabulary, validation with file/line/field, typed keys."""

from pathlib import Path
from typing import Any

import pytest
import yaml

import pilstats
from pilstats.collection import document_of
from pilstats.keys import StatKeyError, check_scope, typed_keys, vocabulary

MINI = """\
schema_version: 1
report: {id: demo-2024, title: "某院公益诉讼工作情况", publisher: "某人民检察院", year: 2023}
figures:
  - id: total
    printed: "120件"
    section: "一"
    quote: "共立案120件"
    offset: 0
    key: pil.cases_filed
"""


def _load(tmp_path: Path, text: str) -> pilstats.Report:
    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    return pilstats.load(path)


def _error(tmp_path: Path, text: str) -> pilstats.FixtureError:
    with pytest.raises(pilstats.FixtureError) as info:
        _load(tmp_path, text)
    return info.value


class TestValidation:
    def test_a_keyed_figure_loads(self, tmp_path: Path) -> None:
        """A known key is accepted; the figure's statistic takes the report's year."""
        report = _load(tmp_path, MINI)
        stat = document_of(report).stats["total"]
        assert (stat.key, str(stat.period), stat.scope) == ("pil.cases_filed", "2023", "national")

    def test_unknown_key_suggests_the_closest(self, tmp_path: Path) -> None:
        """A misspelt key: file, line and field, and a did-you-mean."""
        err = _error(tmp_path, MINI.replace("pil.cases_filed", "pil.case_filed"))
        assert err.line == 9
        assert err.field == "figures[0].key"
        assert "did you mean pil.cases_filed" in str(err)
        assert str(err).startswith(f"{tmp_path / 'k.yaml'}:9:")

    def test_malformed_key(self, tmp_path: Path) -> None:
        """A key that is not domain.statistic in lower-case ASCII."""
        err = _error(tmp_path, MINI.replace("pil.cases_filed", "Cases"))
        assert "malformed statistic key" in str(err)

    def test_unparseable_period(self, tmp_path: Path) -> None:
        """An unreadable period: its line and field, and the accepted forms."""
        err = _error(tmp_path, MINI + '    period: "2023Q5"\n')
        assert (err.line, err.field) == (10, "figures[0].period")
        assert "accepted forms" in str(err)

    def test_stock_needs_a_point_in_time(self, tmp_path: Path) -> None:
        """A stock (year-end population) with a year for its period is refused, with the fix."""
        text = MINI.replace('"120件"', '"140967万人"').replace("共立案120件", "共140967万人")
        err = _error(tmp_path, text.replace("pil.cases_filed", "pop.total") + "    period: 2023\n")
        assert "2023-12-31" in str(err)
        assert "year-end" in str(err)

    def test_unit_must_fit_the_key(self, tmp_path: Path) -> None:
        """A count of 人 cannot state a statistic counted in 件."""
        err = _error(tmp_path, MINI.replace("pil.cases_filed", "juv.prosecuted.minors"))
        assert "'人'" in str(err)

    def test_unknown_scope(self, tmp_path: Path) -> None:
        """A misspelt province."""
        err = _error(tmp_path, MINI + "    scope: zhejang\n")
        assert err.field == "figures[0].scope"
        assert "did you mean zhejiang" in str(err)

    def test_fields_without_a_key(self, tmp_path: Path) -> None:
        """A period without a key describes nothing."""
        err = _error(tmp_path, MINI.replace("    key: pil.cases_filed\n", "    period: 2023\n"))
        assert "name it with key:" in str(err)

    def test_base_belongs_to_a_change(self, tmp_path: Path) -> None:
        """base on a level is refused."""
        err = _error(tmp_path, MINI + "    base: 2022\n")
        assert "belong to a change" in str(err)

    def test_fixture_keys_block(self, tmp_path: Path) -> None:
        """A fixture declares its own key and uses it."""
        text = MINI.replace("pil.cases_filed", "demo.cases") + (
            "keys:\n  demo.cases: {zh: 立案, unit: 件, kind: flow}\n"
        )
        report = _load(tmp_path, text)
        assert "demo.cases" in report.vocabulary
        assert document_of(report).stats["total"].key == "demo.cases"

    def test_fixture_key_clashing_with_the_vocabulary(self, tmp_path: Path) -> None:
        """Redeclaring a bundled key is refused (and the figure's key is not re-reported)."""
        text = MINI + "keys:\n  pil.cases_filed: {zh: 立案, unit: 件, kind: flow}\n"
        err = _error(tmp_path, text)
        assert "already in the vocabulary" in str(err)
        assert "unknown statistic key" not in str(err)

    def test_typed_key_conflict(self, wp_data: Any) -> None:
        """A figure typed as the case total cannot declare another key."""
        data = wp_data()
        data["figures"][1]["key"] = "pil.suits_filed"
        with pytest.raises(pilstats.FixtureError, match=r"typed as pil\.cases_filed"):
            pilstats.load(data)


class TestVocabulary:
    def test_field_keys_expand_from_the_taxonomy(self) -> None:
        """{field} keys exist for every case field, with its Chinese name."""
        spec = vocabulary().get("pil.cases_filed.field.ecology")
        assert spec.zh.startswith("生态环境和资源保护")

    def test_scopes(self) -> None:
        """national, a province, a place in a province; nothing else."""
        assert check_scope("national") == "national"
        assert check_scope("jiangsu.zhenjiang") == "jiangsu.zhenjiang"
        with pytest.raises(StatKeyError):
            check_scope("national.beijing")

    def test_the_2023_white_paper_is_keyed_by_its_typed_models(self) -> None:
        """The typed statistics set keys: case total, suits, the 76.7% change, every field."""
        report = pilstats.load("whitepaper-2023")
        keys = typed_keys(report.statistics)
        assert keys["cases_total"] == ("pil.cases_filed", "level", "up")
        assert keys["suits_administrative_change"] == (
            "pil.suits_filed.administrative", "change", "up")  # fmt: skip
        assert keys["ecology_cases"][0] == "pil.cases_filed.field.ecology"
        stats = document_of(report).stats
        assert len(stats) == len(keys) == 52
        assert str(stats["suits_administrative_change"].base) == "2022"

    def test_vocabulary_file_is_well_formed(self) -> None:
        """Every bundled key parses; scan hints name predicates the scanner knows."""
        from pilstats.scan.lexicon import lexicon

        raw = yaml.safe_load(
            (Path(pilstats.__file__).parent / "data" / "statistics.yaml").read_text("utf-8")
        )
        assert raw["keys"]
        predicates = set(lexicon().classes)
        for key in vocabulary():
            hint = vocabulary().get(key).scan
            for predicate in hint.predicates if hint is not None else ():
                assert predicate is None or predicate in predicates, key
