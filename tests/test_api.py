import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

import pilstats
from pilstats.load import bundled_reports

WpData = Callable[..., dict[str, Any]]


class TestPublicApi:
    def test_all_resolves_and_is_sorted(self) -> None:
        """Every name in __all__ exists; the list is sorted; nothing private leaks."""
        for name in pilstats.__all__:
            assert hasattr(pilstats, name), name
        assert list(pilstats.__all__) == sorted(pilstats.__all__)
        assert not [n for n in pilstats.__all__ if n.startswith("_") and n != "__version__"]

    def test_every_module_declares_all(self) -> None:
        """Each public module states its API explicitly."""
        for info in pkgutil.iter_modules(pilstats.__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"pilstats.{info.name}")
            if info.name != "cli":
                assert hasattr(module, "__all__"), info.name

    def test_errors_subclass_builtins(self) -> None:
        """PilstatsError is the root; the concrete errors are ValueErrors."""
        for cls in (pilstats.FixtureError, pilstats.NumeralParseError, pilstats.UnitError):
            assert issubclass(cls, pilstats.PilstatsError)
            assert issubclass(cls, ValueError)

    def test_bundled(self) -> None:
        """The 2023 report ships with the package."""
        assert "whitepaper-2023" in bundled_reports()


class TestLoadAndCheck:
    def test_check_accepts_name_path_mapping_report(self, wp_data: WpData) -> None:
        """check() takes a bundled name, a path, a mapping or a Report."""
        report = pilstats.load("whitepaper-2023")
        assert report.source_path is not None
        for source in ("whitepaper-2023", report.source_path, wp_data(), report):
            assert pilstats.check(source).ok

    def test_strict_raises_one_error_listing_every_failure(self, wp_data: WpData) -> None:
        """strict=True: one ValidationError, one entry per failed check, codes as types."""
        with pytest.raises(ValidationError) as info:
            pilstats.load(wp_data(cases_total="189886 件"), strict=True)
        errors = info.value.errors()
        assert len(errors) == 2  # the case-volume sum and the field-groups sum
        types = {e["type"] for e in errors}
        assert "sum-mismatch" in types
        assert all(e["loc"][0] == "checks" for e in errors)

    def test_lenient_never_raises_for_inconsistency(self, wp_data: WpData) -> None:
        """A failing check is a finding, not an exception."""
        result = pilstats.check(wp_data(cases_total="189886 件"))
        assert not result.ok
        assert result.summary().endswith("untestable")

    def test_models_standalone_raise(self) -> None:
        """A typed model built without the loader raises on its first inconsistent check."""
        from pilstats.models import CaseVolume, FigureRecord

        def rec(fid: str, printed: str) -> FigureRecord:
            return FigureRecord(id=fid, printed=printed, section="一", quote=printed, offset=0)

        total, admin = rec("t", "10件"), rec("a", "7件")
        ok = CaseVolume(total=total, administrative=admin, civil=rec("c", "3件"))
        assert ok.checks()[0].kind == "total"
        with pytest.raises(ValidationError, match=r"off by at least 1"):
            CaseVolume(total=total, administrative=admin, civil=rec("c", "4件"))


class TestPipelineHelpers:
    def test_result_to_json_and_junit(self, wp_data: WpData) -> None:
        """Result serialises itself: versioned JSON, JUnit XML with one case per check."""
        import json
        from xml.etree import ElementTree as ET

        result = pilstats.check(wp_data(cases_civil="22190 件"))
        doc = json.loads(result.to_json(report="x"))
        assert (doc["schema_version"], doc["report"], doc["ok"]) == (1, "x", False)
        root = ET.fromstring(result.to_junit("x").split("\n", 1)[1])  # noqa: S314
        suite = root.find("testsuite")
        assert suite is not None
        assert int(suite.get("failures", "0")) == result.counts["fail"] > 0

    def test_assert_consistent_passes_and_returns(self) -> None:
        """A consistent report returns its result."""
        from pilstats.testing import assert_consistent

        assert assert_consistent("whitepaper-2023").ok

    def test_assert_consistent_message(self, wp_data: WpData) -> None:
        """A failing report raises AssertionError naming checks, arithmetic and culprit."""
        from pilstats.testing import assert_consistent

        with pytest.raises(AssertionError) as info:
            assert_consistent(wp_data(cases_civil="22190 件"))
        text = str(info.value)
        assert "case_volume.sum [sum-mismatch, fail]" in text
        assert "likely culprit: cases_civil printed 22190件, perhaps 22109件" in text

    def test_assert_consistent_stricter(self) -> None:
        """fail_on='untestable' rejects the 2023 report's one untestable check."""
        from pilstats.testing import assert_consistent

        with pytest.raises(AssertionError, match="rectification_rate"):
            assert_consistent("whitepaper-2023", fail_on="untestable")

    def test_colour_only_when_asked(self) -> None:
        """Text output carries ANSI colour only when requested (a terminal)."""
        from pilstats.report import result_text

        report = pilstats.load("whitepaper-2023")
        result = pilstats.check(report)
        assert "\x1b[" in result_text(report, result, colour=True)
        assert "\x1b[" not in result_text(report, result, colour=False)
