"""Errors that teach: each message names file, line and field and says what would fix it."""

import subprocess
import sys
from pathlib import Path

import pytest

import pilstats
from pilstats.report import explain_text, result_text
from pilstats.testing import assert_consistent
from samples import run

ROOT = Path(__file__).resolve().parents[1] / "fixtures"

TEXT = "全国共立案120件，其中行政公益诉讼100件，占83.3%；民事公益诉讼20件。\n"
FIXTURE = """\
schema_version: 1
report: {id: demo, title: t, publisher: p, year: 2024, source_text: demo.txt}
figures:
  - {id: total, printed: "120件", section: "一", quote: "全国共立案120件", offset: 0}
  - {id: admin, printed: "100件", section: "一", quote: "其中行政公益诉讼100件", offset: 10}
  - {id: admin_share, printed: "83.3%", section: "一", quote: "占83.3%", offset: 23}
  - {id: civil, printed: "20件", section: "一", quote: "民事公益诉讼20件", offset: 30}
relations:
  - {kind: share, id: admin_share_of_total, part: admin, whole: total, share: admin_share}
  - {kind: total, id: by_kind, total: total, parts: [admin, civil]}
"""


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    (tmp_path / "demo.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "demo.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_demo_is_consistent(demo: Path) -> None:
    """The fixture the other tests break is itself fine."""
    assert pilstats.check(demo).ok


class TestFixtureErrors:
    def test_unknown_id_did_you_mean_with_line(
        self, demo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A misspelt figure id in a relation: file, line, field, and the nearest id."""
        edit(demo, "parts: [admin, civil]", "parts: [admin, civl]")
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2
        assert f"{demo}:10: relations[1].parts[1]: " in err
        assert "unknown figure 'civl'; did you mean 'civil'?" in err

    def test_unknown_key_did_you_mean(self, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt key: the nearest allowed key, and the keys allowed there."""
        edit(demo, 'quote: "占83.3%"', 'qoute: "占83.3%"')
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2
        assert f"{demo}:6:" in err
        assert "figures[2].qoute: unknown key 'qoute'; did you mean 'quote'?" in err
        assert "allowed here: id, printed, section, quote, offset" in err

    def test_unknown_kind_did_you_mean(
        self, demo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A misspelt relation kind names the nearest kind."""
        edit(demo, "kind: total", "kind: totl")
        _, _, err = run(capsys, "check", str(demo))
        assert "did you mean 'total'?" in err

    def test_unquoted_number_says_quote_it(
        self, demo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """printed: 120 unquoted: quote it exactly as printed."""
        edit(demo, 'printed: "120件"', "printed: 353")
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2
        assert f"{demo}:4: figures[0].printed:" in err
        assert 'quote it exactly as printed, e.g. "353"' in err

    def test_missing_source_text_names_the_resolved_path(
        self, demo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A source text that is not there: the path pilstats looked at."""
        (demo.parent / "demo.txt").unlink()
        for command in ("check", "audit"):
            code, _, err = run(capsys, command, str(demo))
            assert code == 2
            assert f"{demo}:2: report.source_text:" in err
            assert f"{(demo.parent / 'demo.txt').resolve()} does not exist" in err

    @pytest.mark.parametrize(
        ("old", "new", "field", "words"),
        [
            (
                "share: admin_share}",
                "share: admin}",
                "relations[0].share",
                "'admin' is 100件, a count",
            ),
            (
                "part: admin, whole: total, share: admin_share",
                "part: admin_share, whole: total, share: admin",
                "relations[0].share",
                "the roles look swapped",
            ),
            (
                "parts: [admin, civil]",
                "parts: [admin, admin_share]",
                "relations[1].parts[1]",
                "a percentage cannot be added to or compared with a count",
            ),
        ],
        ids=["count-as-share", "swapped", "percent-as-part"],
    )
    def test_role_clash_is_a_fixture_error(  # noqa: PLR0917 - parametrised
        self,
        demo: Path,
        capsys: pytest.CaptureFixture[str],
        old: str,
        new: str,
        field: str,
        words: str,
    ) -> None:
        """A % where a count belongs (or the reverse) is the fixture's mistake: exit 2."""
        edit(demo, old, new)
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2, err
        assert f": {field}: " in err
        assert words in err

    def test_quote_not_at_its_offset(self, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """check, not only audit: a quote elsewhere in the text says which offset to set."""
        edit(demo, "offset: 30}", "offset: 29}")
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2
        assert f"{demo}:7: figures[3].offset:" in err
        assert "but at 30: set offset: 30" in err

    def test_quote_nowhere_in_the_text(
        self, demo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A quote that is not in the source text at all is a fixture error in check."""
        edit(demo, 'quote: "民事公益诉讼20件"', 'quote: "民事诉讼20件"')
        code, _, err = run(capsys, "check", str(demo))
        assert code == 2
        assert "figures[3].quote: quote '民事诉讼20件' is nowhere in" in err
        assert "copy it verbatim" in err

    def test_without_source_text_quotes_are_not_verified(self, demo: Path) -> None:
        """A fixture naming no source text is checked on its own (nothing to compare)."""
        edit(demo, ", source_text: demo.txt", "")
        edit(demo, "offset: 30}", "offset: 29}")
        assert pilstats.check(demo).ok


class TestExplain:
    def test_unknown_id_lists_the_nearest(self, capsys: pytest.CaptureFixture[str]) -> None:
        """explain case_volume lists the ids that start with it; a typo the nearest ids."""
        code, _, err = run(capsys, "explain", "case_volume")
        assert code == 2
        assert "ids starting with it: case_volume.sum, case_volume.cases_admin" in err
        code, _, err = run(capsys, "explain", "cases_civl")
        assert code == 2
        assert "did you mean 'cases_civil'" in err

    def test_why_a_pass_is_within_rounding(self) -> None:
        """A pass within rounding names the figure whose rounding interval makes it hold."""
        report = pilstats.load("whitepaper-2023")
        text = explain_text(report, "litigation.administrative_change")
        assert (
            "it holds because suits_administrative_change = 76.7%, true value in [76.65, 76.75)"
        ) in text
        text = explain_text(report, "fields.traditional.shares_sum")
        assert "no single figure's rounding is enough" in text
        assert "traditional_share = 61.8%, true value in [61.75, 61.85)" in text

    def test_exact_values_print_without_tilde(self) -> None:
        """An exact quotient prints cut short with …, never as an interval of ~ bounds."""
        text = explain_text(pilstats.load("whitepaper-2023"), "case_volume.cases_civil_share")
        assert "computed: 11.6433630881…" in text
        assert "~" not in text

    def test_rate_on_the_scale_of_the_printed_percentage(self) -> None:
        """A rate's computed interval is in %, beside the printed %, not a count."""
        text = explain_text(pilstats.load("whitepaper-2023"), "pre_litigation.rectification_rate")
        computed = next(ln for ln in text.splitlines() if ln.strip().startswith("computed:"))
        assert computed.strip() == "computed: [~99.0505541295, ~99.1492758973]"
        assert "printed:  [99.05, 99.15)" in text


class TestTextOutput:
    def test_sections_in_document_order(self) -> None:
        """一（二） comes before 一（三）, and 二 after all of 一."""
        report = pilstats.load("whitepaper-2023")
        out = result_text(report, pilstats.check(report))
        headers = [ln for ln in out.splitlines() if ln.startswith("[")]
        first, second, third = (headers.index(f"[一（{n}）]") for n in "一二三")
        assert first < second < third
        assert headers.index("[一（五）]") < headers.index("[二（一）1]")
        assert headers.index("[五（三）2]") < headers.index("[六（一）]")


class TestAssertConsistent:
    def test_failure_names_the_fixture(self, demo: Path) -> None:
        """The message starts with the fixture it is about."""
        edit(demo, ", source_text: demo.txt", "")
        edit(demo, 'printed: "20件"', 'printed: "21件"')
        edit(demo, 'quote: "民事公益诉讼20件"', 'quote: "民事公益诉讼21件"')
        with pytest.raises(AssertionError) as info:
            assert_consistent(demo)
        assert str(info.value).startswith(f"{demo}: 1 of 2 checks do not hold")

    def test_malformed_fixture_is_one_short_message(self, demo: Path) -> None:
        """A malformed fixture: one line naming file, line and field; no chained traceback."""
        edit(demo, "parts: [admin, civil]", "parts: [admin, civl]")
        with pytest.raises(AssertionError) as info:
            assert_consistent(demo)
        message = str(info.value)
        assert message.startswith(f"not a valid fixture: {demo}:10: relations[1].parts[1]:")
        assert "\n" not in message
        assert info.value.__cause__ is None
        assert info.value.__suppress_context__

    def test_malformed_fixture_under_pytest_shows_no_pilstats_frames(self, demo: Path) -> None:
        """Run by pytest, the failure report shows the message, not pilstats' internals."""
        edit(demo, "parts: [admin, civil]", "parts: [admin, civl]")
        test = demo.parent / "test_it.py"
        test.write_text(
            "from pilstats.testing import assert_consistent\n\n"
            f"def test_it():\n    assert_consistent({str(demo)!r})\n",
            encoding="utf-8",
        )
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
            capture_output=True,
            text=True,
            cwd=demo.parent,
            check=False,
        )
        assert proc.returncode == 1
        assert "not a valid fixture" in proc.stdout
        assert "pilstats/load.py" not in proc.stdout
        assert "pydantic" not in proc.stdout
