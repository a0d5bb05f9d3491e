"""Numbers that are not figures: found, classified, listed by scan and audit."""

import json
from pathlib import Path

import pytest

from pilstats.audit import audit
from pilstats.cli import main
from pilstats.scan import scan_figures
from pilstats.unread import number_tokens, unread_numbers


def reasons(text: str) -> dict[str, str]:
    covered = [(f.start, f.end) for f in scan_figures(text)]
    return {u.text: u.reason for u in unread_numbers(text, covered)}


class TestTokens:
    def test_arabic_and_chinese_before_measure_words(self) -> None:
        """Arabic numbers (189,885 is one), Chinese numerals only before a measure word."""
        tokens = [t.text for t in number_tokens("共189,885件，推动一批问题解决，统一规划，二十大")]
        assert tokens == ["189,885", "一"]

    def test_a_magnitude_alone_is_not_a_number(self) -> None:
        """人口(万人): 万 before a measure word, with no digit, is not a number."""
        assert number_tokens("全国人口(万人) | 140967") == [
            number_tokens("140967")[0]._replace(start=11, end=17)]

    def test_full_width_comma_separates(self) -> None:
        """2022，2023 are two numbers: only an ASCII comma groups thousands."""
        assert [t.text for t in number_tokens("2022，2023年")] == ["2022", "2023"]


class TestReasons:
    @pytest.mark.parametrize(
        ("text", "number", "reason"),
        [
            ("2023年，全国检察机关", "2023", "date"),
            ("发布时间：2024-03-09 16:52", "09", "date"),
            ("持续扩展到“4+10”", "10", "name"),
            ("拨打12345热线", "12345", "name"),
            ("依照刑法第260条之一", "260", "ordinal"),
            ("发布第四十六批指导性案例", "四十六", "ordinal"),
            ("推动一批问题解决", "一", "idiom"),
            ("\n3、加强协作", "3", "numbering"),
            ("来源 http://www.example.cn/news/694709.html", "694709", "address"),
            ("查获走私船舶5艘", "5", "other"),
        ],
    )
    def test_classified(self, text: str, number: str, reason: str) -> None:
        """Each kind of non-figure gets its reason."""
        assert reasons(text)[number] == reason

    def test_a_figure_is_not_listed(self) -> None:
        """Numbers inside figures are read, so not listed."""
        assert reasons("全国共立案120件，占88.4%") == {}

    def test_unknown_measure_word_says_what_to_do(self) -> None:
        """A number before a word the scanner does not read says how to list it."""
        covered: list[tuple[int, int]] = []
        (u,) = unread_numbers("查获卷烟1200标准箱", covered)
        assert "'标准箱'" in u.detail
        assert "units:" in u.detail


class TestCommands:
    def test_scan_lists_unread_numbers(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """scan's text output lists every number it could not read, with the reason."""
        path = tmp_path / "t.txt"
        path.write_text("2023年，查获走私船舶5艘，立案120件。", encoding="utf-8")
        main(["scan", str(path)])
        out = capsys.readouterr().out
        assert "2 numbers not read as figures:" in out
        assert "@0       2023       date" in out
        assert "@12      5          no unit" in out
        main(["scan", str(path), "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert [(u["text"], u["reason"]) for u in doc["unread"]] == [
            ("2023", "date"), ("5", "no unit")]

    def test_audit_lists_a_number_the_fixture_forgot(self, tmp_path: Path) -> None:
        """audit: a number neither listed nor excluded is reported, with its reason."""
        (tmp_path / "t.txt").write_text("2023年，立案120件，查获船舶5艘。", encoding="utf-8")
        (tmp_path / "f.yaml").write_text(
            "schema_version: 1\n"
            "report: {id: t, title: t, publisher: p, year: 2023, source_text: t.txt}\n"
            "figures:\n"
            '  - {id: cases, printed: "120件", section: "一", quote: "立案120件", offset: 6}\n'
            "excluded:\n"
            "  - {text: '2023', offset: 0, reason: date}\n",
            encoding="utf-8",
        )
        items = audit(tmp_path / "f.yaml")
        assert [(i.code, i.offset) for i in items] == [("unlisted-number", 17)]
        assert items[0].message.startswith("'5' is neither a figure nor an exclusion: other, ")
        assert "followed by '艘'" in items[0].message
