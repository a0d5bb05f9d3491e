"""The data API: figures and findings as plain records and DataFrames; CLI JSON/CSV from them."""

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import pilstats
from pilstats.cli import main
from pilstats.records import FIGURE_COLUMNS, FINDING_COLUMNS, figure_records, finding_records


@pytest.fixture(scope="module")
def wp() -> pilstats.Report:
    return pilstats.load("whitepaper-2023")


class TestRecords:
    def test_figure_record(self, wp: pilstats.Report) -> None:
        """Exact value as text, float, interval as numbers with ends, worst status, checks."""
        rows = {r["id"]: r for r in figure_records(wp)}
        land = rows["restored_land"]
        assert list(land) == list(FIGURE_COLUMNS)
        assert (land["value"], land["value_float"], land["unit"], land["qualifier"]) == (
            "289000", 289000.0, "亩", "约")
        assert (land["lo"], land["hi"], land["lo_closed"], land["hi_closed"]) == (
            288500, 289500, True, True)
        share = rows["cases_administrative_share"]
        assert (share["lo"], share["hi"], share["hi_closed"]) == (88.35, 88.45, False)
        assert share["status"] == "pass"
        assert "case_volume.cases_administrative_share" in share["checks"]
        assert rows["prelitigation_suggestions"]["status"] == "untestable"  # worst of its checks

    def test_worst_status_is_fail(self, wp_data: Callable[..., dict[str, Any]]) -> None:
        """A figure in a failing and a passing check has status fail."""
        data = wp_data(cases_civil="22190 件")
        rows = {r["id"]: r for r in figure_records(pilstats.load(data))}
        assert rows["cases_civil"]["status"] == "fail"

    def test_finding_record(self, wp: pilstats.Report) -> None:
        """Figure ids as a list, intervals as numbers, derived as structured values."""
        rows = {r["check"]: r for r in finding_records(wp)}
        rate = rows["pre_litigation.rectification_rate"]
        assert list(rate) == list(FINDING_COLUMNS)
        assert rate["figures"] == ["rectification_rate", "prelitigation_suggestions"]
        assert (rate["printed_lo"], rate["printed_hi"], rate["printed_hi_closed"]) == (
            99.05, 99.15, False)
        assert rate["derived"]["numerator"] == {
            "text": "{115383, …, 115498} (116 values)", "lo": 115383, "hi": 115498,
            "lo_closed": True, "hi_closed": True, "integers": 116,
        }
        remainder = rows["fields.new_statutory.sum"]["derived"]["anti_monopoly"]
        assert (remainder["lo"], remainder["hi"], remainder["integers"]) == (33, 33, None)
        assert json.loads(json.dumps(rows))  # plain values only

    def test_records_from_a_result(self, wp: pilstats.Report) -> None:
        """finding_records takes a Result, a Report, a name or a path alike."""
        result = pilstats.check(wp)
        assert finding_records(result) == finding_records("whitepaper-2023")


class TestCommandLine:
    def test_check_json_findings_are_the_records(
        self, wp: pilstats.Report, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check --format json: each finding is exactly its record."""
        main(["check", "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert doc["findings"] == finding_records(wp)

    def test_check_csv_rows_are_the_records(
        self, wp: pilstats.Report, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check --format csv: one row per check; lists joined with ;, derived as JSON."""
        main(["check", "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert list(rows[0]) == ["report", *FINDING_COLUMNS]
        by_check = {r["check"]: r for r in rows}
        rate = by_check["pre_litigation.rectification_rate"]
        assert rate["figures"] == "rectification_rate;prelitigation_suggestions"
        assert json.loads(rate["derived"])["numerator"]["integers"] == 116
        assert len(rows) == len(finding_records(wp))
        assert "[" not in rate["figures"]
        assert "'" not in rate["derived"]

    def test_figures_csv_and_json_from_the_same_records(
        self, wp: pilstats.Report, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """figures --format json is the records; CSV has the same columns and values."""
        main(["figures", "--format", "json"])
        assert json.loads(capsys.readouterr().out) == figure_records(wp)
        main(["figures", "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert list(rows[0]) == list(FIGURE_COLUMNS)
        land = next(r for r in rows if r["id"] == "restored_land")
        assert (land["value"], land["lo"], land["hi"]) == ("289000", "288500", "289500")


class TestFrames:
    def test_figures_and_findings_frames(self, wp: pilstats.Report) -> None:
        """DataFrames indexed by id, numeric columns as numbers."""
        pd = pytest.importorskip("pandas")
        figures = pilstats.figures_frame(wp)
        assert isinstance(figures, pd.DataFrame)
        assert figures.loc["restored_land", "lo"] == 288500
        assert figures["value_float"].dtype == float
        findings = pilstats.findings_frame(wp)
        assert findings.loc["pre_litigation.rectification_rate", "status"] == "untestable"
        counts = findings["status"].value_counts().to_dict()
        assert counts == {"pass": 63, "untestable": 1}

    def test_pandas_is_never_imported_by_check(self) -> None:
        """import pilstats and a check run do not import pandas (it is an optional extra)."""
        pytest.importorskip("pandas")  # the test means something only where pandas exists
        code = (
            "import sys, pilstats; pilstats.check('whitepaper-2023'); "
            "pilstats.records.figure_records('whitepaper-2023'); "
            "from pilstats.cli import main; main(['check', '--format', 'csv']); "
            "sys.stderr.write(str('pandas' in sys.modules))"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert proc.stderr == "False"
