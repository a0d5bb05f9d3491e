"""Issue 12, rows 4, 7, 8, 10, 12: hostile fixtures and contexts give input errors, clean output."""

import contextlib
import decimal
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import pilstats
from pilstats import report as render
from pilstats.audit import audit
from pilstats.checks import evaluate_all
from pilstats.cli import main
from pilstats.draft import draft, draft_yaml
from pilstats.figure import compose_figure
from pilstats.load import source_text
from pilstats.page import render_report, render_scan
from pilstats.scan import scan, scan_figures
from pilstats.strategies import breakdowns, figure_texts
from samples import MINI, replaced

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
WP = ROOT / "whitepaper-2023.yaml"
TEXT = (ROOT / "whitepaper-2023.txt").read_text(encoding="utf-8")


def _swap(old: str, new: str) -> str:
    return replaced(MINI, old, new)


def _add(relation: str) -> str:
    return MINI + f"  - {relation}\n"


def load_text(text: str) -> pilstats.Report:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_text(text, encoding="utf-8")
        return pilstats.load(path)


# (fixture text, line, field, what the message says)
YAML_CASES = {
    "bool_maybe": (_swap("year: 2024", "year: !!bool maybe"), 2, "report.year", "not a boolean"),
    "timestamp_x": (_swap("year: 2024", "year: !!timestamp x"), 2, "report.year", "timestamp"),
    "unquoted_date": (_swap("year: 2024", "year: 2024-01-01"), 2, "report.year", "timestamp"),
    "complex_key": (MINI + "? [a]\n: 1\n", 13, "<document>", "must be a name"),
    "int_key": (MINI + "1: x\n", 13, "<document>", "must be a name"),
    "binary": (MINI + "note: !!binary aGVsbG8=\n", 13, "note", "!!binary"),
    "set": (MINI + "note: !!set {a, b}\n", 13, "note", "!!set"),
    "omap": (MINI + "note: !!omap [{a: 1}]\n", 13, "note", "!!omap"),
    "merge_key": (MINI + "<<: {a: 1}\n", 13, "<document>", "merge key"),
    "custom_tag": (MINI + "note: !custom x\n", 13, "note", "YAML tag !custom"),
    "python_tag": (MINI + "note: !!python/object:os.system x\n", 13, "note", "python/object"),
    "float_int_field": (_swap("year: 2024", "year: 2024.0"), 2, "report.year", "YAML float"),
    "float_tagged": (_swap("offset: 7}", "offset: !!float 7}"), 5, "figures[1].offset", "float"),
    "hex_int": (_swap("offset: 7}", "offset: 0x1E}"), 5, "figures[1].offset", "hexadecimal"),
    "octal_int": (_swap("offset: 7}", "offset: 017}"), 5, "figures[1].offset", "octal"),
    "underscore_int": (_swap("offset: 7}", "offset: 1_0}"), 5, "figures[1].offset", "underscores"),
    "sexagesimal": (_swap("offset: 7}", "offset: 1:30}"), 5, "figures[1].offset", "decimal digits"),
    "huge_int": (_swap("year: 2024", "year: " + "9" * 5000), 2, "report.year", "at most 18"),
    "quoted_int": (_swap("year: 2024", "year: '2024'"), 2, "report.year", "valid integer"),
    "bool_version": (_swap("schema_version: 1", "schema_version: true"), 1, "schema_version",
                     "whole number"),
    "null_x": (_swap("offset: 7}", "offset: !!null x}"), 5, "figures[1].offset", "not null"),
    "deep": (MINI + "note: " + "[" * 500 + "]" * 500 + "\n", 13, "note[0][0][0]…", "nested"),
    "empty_parts": (_add("{kind: total, id: t, total: total, parts: []}"), 13,
                    "relations[1].parts", "names no figure"),
    "empty_shares": (_add("{kind: share_sum, id: t, shares: []}"), 13, "relations[1].shares",
                     "names no figure"),
    "one_statement": (_add("{kind: same, id: t, statements: [total]}"), 13,
                      "relations[1].statements", "names one figure"),
    "empty_whole": (_add("{kind: subset, id: t, part: civil, whole: []}"), 13,
                    "relations[1].whole", "names no figure"),
    "zero_as_false": (_add("{kind: subset, id: t, part: civil, whole: total, same_noun: 0}"), 13,
                      "relations[1].same_noun", "true or false"),
    "control_in_id": (_add('{kind: subset, id: "a\\eb\\x01", part: civil, whole: total}'), 13,
                      "relations[1].id", "not a relation id"),
    "osc_in_id": (_add('{kind: subset, id: "x\\e]8;;http://e\\a", part: civil, whole: total}'),
                  13, "relations[1].id", "not a relation id"),
    "huge_unit_number": (MINI + 'units: ["foo = 1e999999999 * 件"]\n', 13, "units[0]",
                         "too large"),
    "power_tower": (MINI + 'units: ["foo = 6 ** 6 ** 6 ** 6 * 件"]\n', 13, "units[0]", "powers"),
    "superscript_printed": (_swap('printed: "20件", section: "一", quote: "民事公益诉讼20件"',
                                  'printed: "2⁰件", section: "一", quote: "民事公益诉讼2⁰件"'), 6,
                            "figures[2].printed", "superscript"),
    "circled_printed": (_swap('printed: "20件", section: "一", quote: "民事公益诉讼20件"',
                              'printed: "⑳件", section: "一", quote: "民事公益诉讼⑳件"'), 6,
                        "figures[2].printed", "circled"),
    "million_digits": (_swap('"20件"', '"' + "2" * 10**6 + '件"'), 6, "figures[2].printed",
                       "longer than 120"),
}  # fmt: skip


class TestYamlConstructs:
    """Row 4 and 12: what the safe loader builds but the schema does not allow."""

    @pytest.mark.parametrize("case", sorted(YAML_CASES))
    def test_fixture_error_with_line_and_field(self, case: str) -> None:
        """FixtureError naming the line and the field: never KeyError, TypeError, a float…"""
        text, line, field, what = YAML_CASES[case]
        with pytest.raises(pilstats.FixtureError) as info:
            load_text(text)
        assert (info.value.line, info.value.field) == (line, field), str(info.value)
        assert what in info.value.message

    @pytest.mark.parametrize("case", ["bool_maybe", "timestamp_x", "complex_key", "empty_parts"])
    def test_cli_exit_2(
        self, case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The CLI: exit 2, one message with file, line and field, no traceback."""
        text, line, field, _ = YAML_CASES[case]
        path = tmp_path / "f.yaml"
        path.write_text(text, encoding="utf-8")
        code = main(["check", str(path)])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert f"{path}:{line}: {field}:" in err
        assert "Traceback" not in err

    def test_library_specs_refuse_empty_lists(self) -> None:
        """The check specs themselves refuse a total of no parts and a sum of no shares."""
        with pytest.raises(ValueError, match="at least one part"):
            pilstats.Total("t", "total", ())
        with pytest.raises(ValueError, match="at least one share"):
            pilstats.ShareSum("s", ())


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.binary(max_size=4) | st.dates() | st.datetimes() | st.decimals(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=6,
)  # fmt: skip


@st.composite
def mangled(draw: st.DrawFn) -> dict[str, Any]:
    """MINI with one value replaced by anything (or removed)."""
    data: dict[str, Any] = yaml.safe_load(MINI)
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(_ANY)
    return data


class TestNeverCrash:
    """`pilstats.load` raises FixtureError and nothing else, whatever the input."""

    @given(mangled())
    def test_mapping(self, data: dict[str, Any]) -> None:
        """Any value anywhere in a mapping: a report or a FixtureError."""
        with contextlib.suppress(pilstats.FixtureError):
            pilstats.load(data)

    @given(mangled())
    def test_yaml_of_any_value(self, data: dict[str, Any]) -> None:
        """The same, written as YAML (floats, dates, !!binary, !!set, !!python/…)."""
        try:
            text = yaml.dump(data, allow_unicode=True)
        except yaml.YAMLError:
            return
        with contextlib.suppress(pilstats.FixtureError):
            load_text(text)

    @given(st.text(max_size=200))
    def test_any_text(self, text: str) -> None:
        """Arbitrary text as a fixture file."""
        with contextlib.suppress(pilstats.FixtureError):
            load_text(text)

    @given(st.lists(st.text(max_size=30), max_size=3))
    def test_any_units_block(self, lines: list[str]) -> None:
        """Arbitrary unit definitions: read, or refused as input."""
        data: dict[str, Any] = yaml.safe_load(MINI)
        data["units"] = lines
        with contextlib.suppress(pilstats.FixtureError):
            pilstats.load(data)

    @given(st.text(max_size=40) | figure_texts())
    def test_parse_figure(self, text: str) -> None:
        """Any text: a figure, or NumeralParseError / UnitError."""
        with contextlib.suppress(pilstats.PilstatsError):
            pilstats.parse_figure(text).bounds()


# ------------------------------------------------------------------- row 7

HOSTILE_CONTEXTS = {
    "prec=11": decimal.Context(prec=11),
    "trap Rounded": decimal.Context(traps=[decimal.Rounded]),
    "trap Inexact": decimal.Context(traps=[decimal.Inexact]),
    "Emax=10": decimal.Context(Emax=10, Emin=-10),
    "all at once": decimal.Context(
        prec=11, Emax=10, Emin=-10, rounding=decimal.ROUND_FLOOR,
        traps=[decimal.Rounded, decimal.Inexact, decimal.Overflow, decimal.Underflow,
               decimal.Subnormal, decimal.Clamped, decimal.InvalidOperation,
               decimal.DivisionByZero],
    ),
}  # fmt: skip


def _corrupted() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WP.read_text(encoding="utf-8"))
    for f in data["figures"]:
        if f["id"] == "cases_civil":
            f["printed"] = f["quote"] = "22190 件"
    return data


FIGURES = ["约 28.9 万亩", "123456789012345678901234567890件", "9.6亿余元", "1.0000001万",
           "-0.60‰", "约5000人", "近5600家", "超100万元", "3万亿元", "99.1%", "12.30%"]  # fmt: skip


def _everything() -> dict[str, Any]:
    """Every output of every entry point, as text."""
    report = pilstats.load("whitepaper-2023")
    result = pilstats.check(report)
    bad = pilstats.check(_corrupted())
    scanned = scan(TEXT)
    return {
        "json": result.to_json(), "junit": result.to_junit(), "bad": bad.to_json(),
        "text": render.result_text(report, result), "figures": render.figures_json(report),
        "csv": render.figures_csv(report), "table": render.figures_text(report),
        "page": render_report(report, result, source_text(report, WP) or ""),
        "scan": json.dumps(scanned.to_dict()), "scan_page": render_scan(scanned, TEXT),
        "draft": draft_yaml(draft(TEXT)), "audit": repr(audit("whitepaper-2023")),
        "figure_bounds": [str(pilstats.parse_figure(t).bounds()) for t in FIGURES],
        "unround": [str(pilstats.unround(pilstats.parse_figure(t).value, r))
                    for t in FIGURES for r in pilstats.Rounding],
        "round_to": str(pilstats.round_to(decimal.Decimal("12345678901234.5678"), -2)),
        "numeral": str(pilstats.parse_numeral("3万5千亿")),
        "composed": str(compose_figure("3100余万", "元").bounds()),
        "across": pilstats.check_collection(["whitepaper-2023", "spp-work-report-2024"]).to_json(),
    }  # fmt: skip


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    with decimal.localcontext(decimal.Context()):
        return _everything()


@pytest.fixture(params=sorted(HOSTILE_CONTEXTS))
def hostile(request: pytest.FixtureRequest) -> Iterator[decimal.Context]:
    """The caller's decimal context, set to something pilstats must not depend on."""
    ctx = HOSTILE_CONTEXTS[request.param].copy()
    ctx.clear_flags()
    previous = decimal.getcontext()
    decimal.setcontext(ctx)
    try:
        yield ctx
    finally:
        decimal.setcontext(previous)


class TestCallersDecimalContext:
    """Row 7: pilstats computes in its own decimal context."""

    def test_same_results_and_context_untouched(
        self, hostile: decimal.Context, baseline: dict[str, Any]
    ) -> None:
        """Every entry point: the same output as under the default context; no flag raised."""
        got = _everything()
        assert [k for k in baseline if got[k] != baseline[k]] == []
        assert decimal.getcontext() is hostile
        assert not any(hostile.flags.values())

    def test_cli(self, hostile: decimal.Context, capsys: pytest.CaptureFixture[str]) -> None:
        """The commands too (a program that embeds the CLI)."""
        assert main(["check"]) == 0
        assert capsys.readouterr().out.rstrip().endswith("64 checks: 63 pass, 0 fail, 1 untestable")
        assert decimal.getcontext() is hostile
        assert not any(hostile.flags.values())

    def test_isolation_after_an_error_and_in_another_thread(self, hostile: decimal.Context) -> None:
        """A nested call skips re-entering pilstats' context; an error inside must not
        leave that shortcut on, nor may one thread's call lend it to another."""
        expected = "[288500, 289500)"
        with pytest.raises(pilstats.PilstatsError):
            pilstats.parse_figure("两三件")
        assert str(pilstats.parse_figure("28.9万亩").bounds()) == expected
        out: list[str] = []

        def other() -> None:
            with decimal.localcontext(HOSTILE_CONTEXTS["all at once"]):
                out.append(str(pilstats.parse_figure("28.9万亩").bounds()))

        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        assert out == [expected]
        assert decimal.getcontext() is hostile

    @given(figure_texts(), st.sampled_from(sorted(HOSTILE_CONTEXTS)))
    def test_law_figures(self, text: str, name: str) -> None:
        """Law: a figure's value and interval do not depend on the caller's context."""
        expected = str(pilstats.parse_figure(text).bounds())
        with decimal.localcontext(HOSTILE_CONTEXTS[name]):
            assert str(pilstats.parse_figure(text).bounds()) == expected

    @given(breakdowns(), st.sampled_from(sorted(HOSTILE_CONTEXTS)))
    def test_law_checks(self, b: Any, name: str) -> None:
        """Law: every finding (status, intervals, message) is context-independent."""
        expected = [f.to_dict() for f in evaluate_all(b.checks, b.figures, b.conventions)]
        with decimal.localcontext(HOSTILE_CONTEXTS[name]):
            got = [f.to_dict() for f in evaluate_all(b.checks, b.figures, b.conventions)]
        assert got == expected


# ------------------------------------------------------------------- row 8

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NASTY = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\x1b[2J\u202e\x9b31m\x00\r"


def _nasty_fixture(tmp_path: Path) -> Path:
    """MINI whose free text holds terminal escapes, a bidi override, C1, NUL and CR.

    The source text is the quotes one after the other (each at its offset); a quote
    holds everything but the NUL, which would make the text binary data.
    """
    data: dict[str, Any] = yaml.safe_load(MINI)
    data["report"]["title"] = "标题" + _NASTY
    data["report"]["note"] = _NASTY
    data["report"]["source_text"] = "t.txt"
    for f in data["figures"]:
        f["section"] = "一" + _NASTY
    data["figures"][0]["quote"] = "共立案" + _NASTY.replace("\x00", "") + "120件"
    text = ""
    for f in data["figures"]:
        f["offset"] = len(text)
        text += f["quote"] + "，"
    data["relations"][0]["note"] = _NASTY
    data["relations"].append({"kind": "total", "id": "fails", "total": "total",
                              "parts": ["admin"], "note": _NASTY})  # fmt: skip
    (tmp_path / "t.txt").write_bytes(text.encode("utf-8"))
    path = tmp_path / "nasty.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _clean(output: str, what: str) -> None:
    found = _UNSAFE.search(output)
    assert found is None, f"{what}: raw {found.group()!r}" if found else ""


class TestCleanOutput:
    """Row 8: control characters are refused (ids) or escaped (free text) in every format."""

    def test_every_format(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """text, JSON, JUnit, CSV, HTML, explain, scan and audit: nothing raw gets out."""
        path = _nasty_fixture(tmp_path)
        outputs = {}
        for args in (["check"], ["check", "--format", "json"], ["check", "--format", "junit"],
                     ["figures"], ["figures", "--format", "json"], ["figures", "--format", "csv"],
                     ["explain", "civil_within_total", "--source"], ["explain", "total",
                     "--source"], ["audit"], ["audit", "--format", "json"]):  # fmt: skip
            code = main([*args, str(path)])
            out, err = capsys.readouterr()
            assert code in (0, 1), (args, err)
            outputs[" ".join(args)] = out
            _clean(out.replace("\r\n", "\n"), " ".join(args))  # CSV records end in CR LF
            _clean(err.replace("\n", ""), " ".join(args))
        page = tmp_path / "r.html"
        assert main(["report", str(path), "--html", str(page)]) == 1
        capsys.readouterr()
        html = page.read_text(encoding="utf-8")
        _clean(html.replace("\r", "").replace("\n", "").replace("\t", ""), "html")
        assert "\\x1b]8;;http://evil.example\\x07" in html
        assert "\\x1b" in outputs["check"]
        # JSON escapes are faithful: the document reads back the original text
        doc = json.loads(outputs["figures --format json"])
        assert doc[0]["quote"] == "共立案" + _NASTY.replace("\x00", "") + "120件"
        # JUnit is well-formed XML 1.0
        root = ET.fromstring(outputs["check --format junit"].split("\n", 1)[1])  # noqa: S314
        assert root.find(".//failure") is not None

    def test_scanned_text(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A text with escapes around a failing paragraph: scan text and page stay clean."""
        text = tmp_path / "t.txt"
        nasty = _NASTY.replace("\x00", "")
        paragraph = f"共办理案件 100 件。其中，甲类 60 件，乙类 50 件{nasty}。"
        text.write_text(paragraph, encoding="utf-8")
        assert main(["scan", str(text), "--figures"]) == 1
        _clean(capsys.readouterr().out, "scan")
        assert main(["scan", str(text), "--format", "json"]) == 1
        _clean(capsys.readouterr().out, "scan json")

    def test_junit_of_any_message(self) -> None:
        """Law-like: every C0 control in a check message still gives well-formed XML."""
        bad = "".join(chr(c) for c in range(32)) + "\ufffe\uffff\ud800"
        data: dict[str, Any] = yaml.safe_load(MINI)
        data["report"]["id"] = "demo"
        data["relations"].append({"kind": "total", "id": "fails", "total": "total",
                                  "parts": ["admin"]})  # fmt: skip
        result = pilstats.check(data)
        f = result.findings[-1]
        poisoned = f._replace(explain=lambda: (bad, {}))
        xml = pilstats.Result((poisoned,)).to_junit("x")
        ET.fromstring(xml.split("\n", 1)[1])  # noqa: S314 - our own output

    def test_csv_keeps_rows(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV: one record per figure, quotes with escapes readable back by csv."""
        import csv
        import io

        main(["figures", str(_nasty_fixture(tmp_path)), "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert len(rows) == 4
        assert rows[0]["quote"].startswith("共立案\\x1b]8;;http")


def _child(*args: str) -> list[str]:
    return [sys.executable, "-m", "pilstats", *args]


class TestOutputErrors:
    """Rows 8 and 10: the output side: full disks, closed pipes, narrow encodings."""

    def test_dev_full(self) -> None:
        """`pilstats figures > /dev/full`: exit 2 and one line, no traceback."""
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full")
        with Path("/dev/full").open("w") as full:
            proc = subprocess.run(_child("figures"), stdout=full, stderr=subprocess.PIPE,
                                  check=False, timeout=60)  # fmt: skip
        assert proc.returncode == 2
        lines = proc.stderr.decode().splitlines()
        assert lines == [("pilstats: error: cannot write to standard output: No space left on "
                         "device")]  # fmt: skip

    def test_broken_pipe_keeps_verdict(self, tmp_path: Path) -> None:
        """`pilstats scan f.txt --format json | head -1` with a failing check: exit 1."""
        text = tmp_path / "t.txt"
        paragraph = "共办理案件 100 件。其中，甲类 60 件，乙类 50 件。\n"
        text.write_text(paragraph * 3000, encoding="utf-8")
        with subprocess.Popen(_child("scan", str(text), "--format", "json"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:  # fmt: skip
            assert proc.stdout is not None
            assert proc.stderr is not None
            assert proc.stdout.readline() == b"{\n"
            proc.stdout.close()  # the reader goes away before the 1 MB document is written
            assert proc.wait(timeout=60) == 1
            assert proc.stderr.read() == b""

    def test_broken_pipe_consistent(self) -> None:
        """And exit 0 when everything is consistent."""
        with subprocess.Popen(_child("figures", "--format", "json"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) as proc:  # fmt: skip
            assert proc.stdout is not None
            proc.stdout.readline()
            proc.stdout.close()
            assert proc.wait(timeout=60) == 0

    def test_narrow_encoding(self) -> None:
        """PYTHONIOENCODING=gbk and U+2212 in the output: escapes, exit 0, valid JSON and XML."""
        env = {**os.environ, "PYTHONIOENCODING": "gbk"}
        commands = (
            ["check"],
            ["check", "--format", "json"],
            ["check", "--format", "junit"],
            ["explain", "fields.new_statutory.sum"],
        )
        run = [subprocess.run(_child(*a), capture_output=True, env=env, check=False, timeout=60)
               for a in commands]  # fmt: skip
        assert [p.returncode for p in run] == [0, 0, 0, 0], run[0].stderr
        assert "\\u2212" in run[3].stdout.decode("gbk")
        doc = json.loads(run[1].stdout.decode("gbk"))
        assert any("50656 − 50623" in f["message"] for f in doc["findings"])
        ET.fromstring(run[2].stdout)  # noqa: S314 - our own output
        text = run[0].stdout.decode("gbk")
        assert "公益诉讼" in text


# ------------------------------------------------------------------- row 12

SPECIAL_DIGITS = ["2⁰件", "①件", "㊀件", "²件", "⑳件", "Ⅻ件", "₃件"]


class TestSpecialDigits:
    """Row 12: superscript, subscript, circled and other special digits are not figures."""

    @pytest.mark.parametrize("text", SPECIAL_DIGITS)
    def test_parse_figure_refuses(self, text: str) -> None:
        """NumeralParseError naming the character (not an unknown-unit hint)."""
        with pytest.raises(pilstats.NumeralParseError, match="special digit"):
            pilstats.parse_figure(text)

    def test_numeric_characters_are_never_normalised_into_numerals(self) -> None:
        """No character with a numeric value but not a decimal digit becomes a numeral."""
        from pilstats.chinese import normalise
        from pilstats.numerals import NUMERAL_CHARS

        odd = [chr(c) for c in range(0x80, 0x30000)
               if unicodedata.numeric(chr(c), None) is not None
               and unicodedata.category(chr(c)) not in ("Nd", "Lo")]  # fmt: skip
        assert len(odd) > 500
        assert [ch for ch in odd if normalise(ch) != ch and normalise(ch) in NUMERAL_CHARS] == []

    def test_scan_end_to_end(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A text of such digits has no figures; full-width digits still count."""
        text = "共" + "，".join(SPECIAL_DIGITS) + "，另有３件。"
        assert [f.text for f in scan_figures(text)] == ["３件"]
        path = tmp_path / "t.txt"
        path.write_text(text, encoding="utf-8")
        assert main(["scan", str(path)]) == 0
        assert capsys.readouterr().out.startswith("1 figures found")
