"""Scanning raw text: figures with spans, inferred relations, no false alarms."""

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pilstats
from pilstats import Status
from pilstats.audit import audit
from pilstats.cli import main
from pilstats.scan import normalise, scan, scan_figures
from pilstats.strategies import Breakdown, report_texts

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
TEXT = (ROOT / "whitepaper-2023.txt").read_text(encoding="utf-8")


def statuses(text: str) -> dict[str, str]:
    return {f.check: f.status.value for f in scan(text).result.findings}


class TestFigures:
    def test_spans_point_at_the_text(self) -> None:
        """Every figure's span holds its text, including figures broken over lines."""
        figures = scan_figures(TEXT)
        assert len(figures) >= 150
        for f in figures:
            assert TEXT[f.start : f.end] == f.text
        assert any(f.text.strip() == "1276 件" for f in figures)

    def test_kinds_of_figure(self) -> None:
        """Qualifiers, magnitudes, Chinese numerals, percentages, 个百分点."""
        text = "约28.9万亩，5800余件，近5600家，十个法定领域，88.4%，上升2.5个百分点，3239万余元"
        got = [(f.reported.unit, f.reported.qualifier.value if f.reported.qualifier else None)
               for f in scan_figures(text)]  # fmt: skip
        assert got == [("亩", "约"), ("件", "余"), ("家", "近"), ("个", None), ("%", None),
                       ("个百分点", None), ("元", "余")]  # fmt: skip

    def test_skips_dates_ordinals_idioms(self) -> None:
        """2023年, 第四十六批, 一批 are not figures; 15 年 is."""
        got = [f.text for f in scan_figures("2023年发布第四十六批案例，推动一批问题解决，历时15年")]
        assert got == ["15年"]

    def test_normalise_keeps_offsets(self) -> None:
        """Full-width and traditional forms map one character to one."""
        text = "佔立案總數的８８．４％"
        assert len(normalise(text)) == len(text)
        assert normalise(text) == "占立案总数的88.4%"


class TestWhitePaper:
    def test_no_failure_and_enough_relations(self) -> None:
        """The 2023 text: 0 failures; relations verified on its own."""
        result = scan(TEXT).result
        assert result.counts["fail"] == 0
        assert result.counts["pass"] >= 20

    def test_agrees_with_the_fixture(self) -> None:
        """At least 20 relations the fixture declares are inferred from the text alone."""
        report = pilstats.load("whitepaper-2023")
        by_position = {f.position: f.id for f in report.figures}
        found = scan(TEXT)
        to_fixture = {f.id: by_position.get(f.start) for f in found.figures}
        declared = {}
        for c in report.checks():
            declared.setdefault(type(c), []).append(frozenset(c.figures))
        matched = set()
        findings = {f.check: f for f in found.result.findings}
        for c in found.checks:
            ids = frozenset(to_fixture.get(x) for x in c.figures)
            if None in ids or findings[c.id].status is not Status.PASS:
                continue
            if ids in declared.get(type(c), []):
                matched.add((type(c).__name__, ids))
        assert len(matched) >= 20, sorted(matched)

    def test_site_junk_and_several_reports(self) -> None:
        """Reposted text with navigation junk, twice in one file: same verdicts, per copy."""
        junk = "首页 > 新闻中心 > 正文\n分享到：微信 微博 QQ空间\n"
        tail = "\n责任编辑：王五\n【打印本页】【关闭窗口】\n版权所有 2024 ICP备 12345678 号\n"
        single = scan(TEXT).result.counts
        double = scan(junk + TEXT + tail + junk + TEXT + tail).result.counts
        assert double == {k: 2 * v for k, v in single.items()}


class TestCatchesErrors:
    def test_share_that_does_not_match_its_counts(self) -> None:
        """800 of 1000 printed as 70.0%."""
        got = statuses("全年共立案 1000 件。其中，行政案件 800 件，占立案总数的 70.0%。")
        assert "fail" in got.values()

    def test_partition_that_does_not_add_up(self) -> None:
        """Listed parts exceed the total."""
        got = statuses("共办理案件 100 件。其中，甲类 60 件，乙类 50 件。")
        assert got == {"of_which_f1": "fail"}

    def test_shares_forced_to_100_but_wrong(self) -> None:
        """70% + 30% = 100%, yet 150 of 200 is 75%."""
        text = (
            "共立案 200 件。其中，行政案件 150 件，占立案总数的 70%；"
            "民事案件 50 件，占立案总数的 30%。"
        )
        got = statuses(text)
        assert got["share_f3"] == "fail"
        assert got["share_f5"] == "fail"
        assert got["shares_of_f1_f3"] == "pass"

    def test_change_without_integer_previous(self) -> None:
        """91 cases up 76.7%: no integer previous-year count exists."""
        got = statuses("共办案 91 件，同比上升 76.7%。")
        assert got == {"change_f2": "fail"}


class TestNoFalseAlarm:
    def test_partial_list_without_deng(self) -> None:
        """A 其中 list that does not cover its total, with no 等, is not an error."""
        got = statuses("共办理案件 100 件。其中，甲类 30 件，乙类 20 件。")
        assert got == {"of_which_f1": "pass"}

    def test_partition_shares_with_a_member_unlisted(self) -> None:
        """60% + 30% of a whole with 10% unlisted: never forced to 100%."""
        text = (
            "共立案 1000 件。其中，行政案件 600 件，占立案总数的 60.0%；"
            "民事案件 300 件，占立案总数的 30.0%。"
        )
        got = statuses(text)
        assert set(got.values()) == {"pass"}
        assert not any(k.startswith("shares_of") for k in got)

    def test_rounded_to_wan(self) -> None:
        """约1.2万 + 约2.4万 against 约3.5万: consistent within rounding."""
        got = statuses("共办理案件约3.5万件。其中，甲类约1.2万件，乙类约2.4万件。")
        assert got == {"of_which_f1": "pass"}

    def test_ambiguous_whole_is_untestable(self) -> None:
        """Two totals could be 总数: list the candidates, decide nothing."""
        text = "共立案 5000 件，共起诉 4000 件。某类 300 件，占总数的 6.0%。"
        (finding,) = scan(text).result.findings
        assert finding.status is Status.UNTESTABLE
        assert "2 candidates" in finding.message

    def test_traditional_and_half_width(self) -> None:
        """Traditional characters, half-width punctuation and stray spaces."""
        text = "全年共立案 1000 件,其中,行政案件 600 件 ,佔立案總數的 60.0% ;"
        got = statuses(text)
        assert got.get("share_f3") == "pass"


class TestCommands:
    def test_scan_json_from_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`pilstats scan - --format json` reads stdin; findings carry evidence spans."""
        import io

        text = "共办理案件 100 件。其中，甲类 60 件，乙类 50 件。"
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code = main(["scan", "-", "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 1
        assert doc["findings"][0]["evidence"][0] == text.index("100")
        assert len(doc["figures"]) == 3

    def test_scan_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 2023 text scans clean from a file."""
        assert main(["scan", str(ROOT / "whitepaper-2023.txt"), "--figures"]) == 0
        out = capsys.readouterr().out
        assert "0 fail" in out

    def test_audit_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled fixture matches its text."""
        assert main(["audit"]) == 0
        assert "0 discrepancies" in capsys.readouterr().out

    def test_audit_finds_changes(self, tmp_path: Path) -> None:
        """A shifted text, a changed value and a new figure are all reported."""
        shutil.copy(ROOT / "whitepaper-2023.yaml", tmp_path / "w.yaml")
        text = TEXT.replace("共立案办理公益诉讼案件 189885 件", "共立案办理公益诉讼案件 189886 件")
        text = text.replace("安全生产 17286 件", "安全生产 17286 件（新增 12 件）")
        (tmp_path / "whitepaper-2023.txt").write_text("转载：\n" + text, encoding="utf-8")
        codes = [(i.code, i.figure) for i in audit(tmp_path / "w.yaml")]
        assert ("value-differs", "cases_total") in codes
        assert ("quote-moved", "cases_civil") in codes
        assert sum(1 for c, _ in codes if c == "unlisted-figure") == 1


class TestPartitionDetails:
    def test_including_is_nested_not_a_part(self) -> None:
        """（含 … 件） inside a part is a subset of that part, not another part."""
        text = "共起诉 100 件。其中，民事 90 件（含刑附民 80 件），行政 10 件。"
        got = statuses(text)
        assert got == {"of_which_f1": "pass", "including_f3": "pass"}

    def test_of_which_across_units_needs_counts(self) -> None:
        """其中 after an amount in 元 never pairs it with a count."""
        text = "罚款 1100 万元。其中 20 家企业整改。"
        assert statuses(text) == {}


class TestScanLaws:
    @given(report_texts())
    def test_no_false_alarm_on_consistent_text(self, case: tuple[str, Breakdown]) -> None:
        """A consistent paragraph, listed fully or partly, never yields a failure."""
        text, _ = case
        assert scan(text).result.counts["fail"] == 0, text

    @given(report_texts(all_listed=True), st.data())
    def test_a_wrong_share_is_caught(
        self, case: tuple[str, Breakdown], data: st.DataObject
    ) -> None:
        """Moving one printed share by 0.2 points or more makes the scan fail."""
        text, _ = case
        shares = re.findall(r"(\d+\.\d)%", text)
        i = data.draw(st.integers(min_value=0, max_value=len(shares) - 1))
        bump = data.draw(st.sampled_from(["0.2", "0.5", "1.0", "3.0"]))
        old = shares[i]
        new = str(Decimal(old) + Decimal(bump))
        pieces = text.split("%")
        pieces[i] = pieces[i][: -len(old)] + new
        corrupted = "%".join(pieces)
        assert scan(corrupted).result.counts["fail"] >= 1, corrupted
