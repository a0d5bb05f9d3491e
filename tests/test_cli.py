import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from pilstats.cli import main
from samples import MINI, replaced, run

WP = Path(__file__).resolve().parents[1] / "fixtures" / "whitepaper-2023.yaml"


def write(tmp_path: Path, text: str | bytes, name: str = "f.yaml") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


class TestCheck:
    def test_default_is_bundled_2023(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`pilstats check` with no argument checks the bundled report and exits 0."""
        code, out, _ = run(capsys, "check")
        assert code == 0
        assert out.rstrip().endswith("64 checks: 63 pass, 0 fail, 1 untestable")
        assert "anti_monopoly = 33" in out

    def test_no_command_means_check(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A bare `pilstats` runs the main job."""
        code, out, _ = run(capsys)
        assert code == 0
        assert "64 checks" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON carries schema_version, ok, counts and every finding's fields."""
        code, out, _ = run(capsys, "check", "--format", "json")
        doc = json.loads(out)
        assert code == 0
        assert doc["schema_version"] == 1
        assert doc["ok"] is True
        assert doc["counts"] == {"pass": 63, "fail": 0, "untestable": 1, "revised": 0}
        first = doc["findings"][0]
        assert {"code", "status", "figures", "message", "computed", "printed"} <= set(first)

    def test_json_is_stable(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two runs print identical JSON (diffable)."""
        assert run(capsys, "check", "--format", "json") == run(capsys, "check", "--format", "json")

    def test_junit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JUnit: one testcase per check, untestable as skipped."""
        code, out, _ = run(capsys, "check", "--format", "junit")
        root = ET.fromstring(out.split("\n", 1)[1])  # noqa: S314 - our own output
        suite = root.find("testsuite")
        assert suite is not None
        assert code == 0
        assert suite.get("tests") == "64"
        assert suite.get("skipped") == "1"
        assert len(suite.findall("testcase")) == 64

    def test_fail_on_untestable(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--fail-on untestable makes the one untestable check count."""
        assert run(capsys, "check", "--fail-on", "untestable")[0] == 1
        assert run(capsys, "check", "--fail-on", "rounding")[0] == 1

    def test_inconsistent_exits_1_with_culprit(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, wp_data: Callable[..., Any]
    ) -> None:
        """A corrupted figure: exit 1, arithmetic shown, culprit named with its correction."""
        data = wp_data(cases_civil="22190 件")
        bad = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
        code, out, _ = run(capsys, "check", bad)
        assert code == 1
        assert "FAIL" in out
        assert "cases_civil: printed 22190件, perhaps 22109件 (swap)" in out
        code, out, _ = run(capsys, "check", bad, "--format", "json")
        doc = json.loads(out)
        assert doc["ok"] is False
        assert any("cases_civil" in f["figures"] for f in doc["findings"] if f["status"] == "fail")
        assert doc["culprits"][0]["figure"] == "cases_civil"

    def test_several_sources(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Several fixtures in one run; JSON lists them."""
        mini = write(tmp_path, MINI)
        code, out, _ = run(capsys, "check", mini, "whitepaper-2023", "--format", "json")
        doc = json.loads(out)
        assert code == 0
        assert [r["report"] for r in doc["reports"]] == ["demo-2024", "whitepaper-2023"]


class TestOtherCommands:
    def test_figures_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each figure record has id, printed, exact value, unit, qualifier, lo/hi numbers."""
        code, out, _ = run(capsys, "figures", "--format", "json")
        items = json.loads(out)
        assert code == 0
        assert len(items) == 156
        land = next(i for i in items if i["id"] == "restored_land")
        assert (land["value"], land["unit"], land["qualifier"]) == ("289000", "亩", "约")
        assert (land["lo"], land["hi"], land["interval"]) == (288500, 289500, "[288500, 289500]")
        assert {"quote", "offset", "printed", "status", "checks"} <= set(land)

    def test_figures_csv_and_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV has a header and a row per figure; text one line per figure."""
        _, out, _ = run(capsys, "figures", "--format", "csv")
        assert out.splitlines()[0].startswith("id,printed,value")
        assert len(out.splitlines()) == 157
        _, out, _ = run(capsys, "figures")
        assert len(out.splitlines()) == 156

    def test_explain_check_and_figure(self, capsys: pytest.CaptureFixture[str]) -> None:
        """explain shows a check's arithmetic, or a figure with its checks."""
        code, out, _ = run(capsys, "explain", "litigation.administrative_change")
        assert code == 0
        assert "{722}" in out
        code, out, _ = run(capsys, "explain", "suits_administrative")
        assert code == 0
        assert "litigation.sum" in out
        assert run(capsys, "explain", "nope")[0] == 2

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON Schema describes figure references as ids."""
        code, out, _ = run(capsys, "schema")
        schema = json.loads(out)
        assert code == 0
        assert schema["$defs"]["CaseVolume"]["properties"]["total"]["type"] == "string"

    def test_schema_validates_fixtures_elsewhere(
        self, capsys: pytest.CaptureFixture[str], wp_data: Callable[..., Any]
    ) -> None:
        """A generic JSON Schema validator accepts the fixture and rejects an unquoted number."""
        import jsonschema

        main(["schema"])
        schema = json.loads(capsys.readouterr().out)
        data = wp_data()
        jsonschema.validate(data, schema)
        data["figures"][0]["printed"] = 12.3
        with pytest.raises(jsonschema.ValidationError, match="not of type 'string'"):
            jsonschema.validate(data, schema)

    def test_units(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The unit table lists 亩 and the qualifier semantics."""
        code, out, _ = run(capsys, "units")
        assert code == 0
        assert "亩" in out
        assert "[x, x + u)" in out

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the version."""
        code, out, _ = run(capsys, "--version")
        assert code == 0
        assert out.strip()

    def test_python_dash_m(self) -> None:
        """`python -m pilstats check` works as a subprocess."""
        proc = subprocess.run(
            [sys.executable, "-m", "pilstats", "check", "--format", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0
        assert json.loads(proc.stdout)["ok"] is True


BAD_INPUTS = {
    "yaml_syntax": (MINI.replace("year: 2024}", "year: 2024"), "f.yaml:3", "YAML syntax"),
    "empty": ("", "f.yaml:1", "empty"),
    "binary": (b"\x00\x01\x02garbage", "f.yaml", "binary"),
    "top_level_list": ("- 1\n- 2\n", "f.yaml:1", "mapping"),
    "missing_field": (replaced(MINI, ' publisher: "某人民检察院",', ""), "f.yaml:2",
                      "report.publisher"),
    "duplicate_id": (replaced(MINI, "{id: civil,", "{id: admin,"), "f.yaml", "duplicate"),
    "unknown_unit": (replaced(MINI, '"20件"', '"20furlong"'), "f.yaml:6", "unknown unit"),
    "unparseable": (replaced(MINI, '"20件"', '"两三件"'), "f.yaml:6", "两三件"),
    "negative_count": (replaced(MINI, '"20件"', '"-20件"'), "f.yaml:6", "signed"),
    "share_over_100": (replaced(replaced(MINI, '"83.3%"', '"120%"'), "占83.3%", "占120%"),
                       "f.yaml:10", "over 100%"),
    "absurdly_long": (replaced(MINI, '"20件"', '"' + "9" * 400 + '件"'), "f.yaml:6", "longer than"),
    "unquoted_number": (replaced(MINI, 'printed: "83.3%"', "printed: 83.3"), "f.yaml:7",
                        "YAML float"),
    "alias_bomb": ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "f.yaml:1", "aliases"),
    "duplicate_key": (MINI + "schema_version: 1\n", "f.yaml:13", "duplicate key"),
    "unknown_figure_ref": (replaced(MINI, "whole: total}", "whole: totl}"), "f.yaml",
                           "unknown figure"),
    "misspelt_relation_key": (replaced(MINI, "whole: total}", "hole: total}"), "f.yaml",
                              "relations[0]"),
}  # fmt: skip


class TestBadInput:
    @pytest.mark.parametrize("case", sorted(BAD_INPUTS))
    def test_clear_error_exit_2(
        self, case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Malformed input: one message naming file (and line, field), exit 2, no traceback."""
        text, where, what = BAD_INPUTS[case]
        path = write(tmp_path, text)
        code, out, err = run(capsys, "check", path)
        assert code == 2, err
        assert out == ""
        assert where in err
        assert what in err
        assert "Traceback" not in err

    def test_missing_path(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A path that does not exist."""
        code, _, err = run(capsys, "check", str(tmp_path / "nope.yaml"))
        assert code == 2
        assert "no such file" in err

    def test_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory is not a fixture."""
        code, _, err = run(capsys, "check", str(tmp_path))
        assert code == 2
        assert "directory" in err

    def test_usage_error(self) -> None:
        """Unknown options are usage errors: exit 2."""
        with pytest.raises(SystemExit) as info:
            main(["check", "--format", "xml"])
        assert info.value.code == 2
