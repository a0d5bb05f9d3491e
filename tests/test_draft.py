"""pilstats draft: a fixture from a raw text that loads, checks and audits clean."""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import pilstats
from pilstats.audit import audit
from pilstats.cli import main
from pilstats.draft import draft, draft_yaml

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    *sorted((ROOT / "tests" / "corpus").glob("*.txt")),
    ROOT / "fixtures" / "whitepaper-2023.txt",
]
WP_TEXT = (ROOT / "fixtures" / "whitepaper-2023.txt").read_text(encoding="utf-8")


def drafted(tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / f"{source.stem}.yaml"
    assert main(["draft", str(source), "-o", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.fixture(scope="module")
def wp_draft() -> dict[str, Any]:
    return draft(WP_TEXT, name="wp", source_text="wp.txt").data


def figure(data: dict[str, Any], printed: str) -> dict[str, Any]:
    return next(f for f in data["figures"] if f["printed"] == printed)


@pytest.mark.parametrize("source", TEXTS, ids=lambda p: p.stem)
def test_draft_loads_checks_and_audits_clean(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every corpus text: the draft checks with exit 0 or 1 (never 2) and audits clean."""
    out = drafted(tmp_path, source, capsys)
    code = main(["check", str(out)])
    _, err = capsys.readouterr()
    assert code in (0, 1), err
    assert audit(out) == []
    report = pilstats.load(out)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", f.id) for f in report.figures)
    assert not any(re.fullmatch(r"f_?\d+", f.id) for f in report.figures)


class TestDraftContent:
    def test_ids_are_named_after_the_words_before_the_figure(
        self, wp_draft: dict[str, Any]
    ) -> None:
        """Pinyin of the noun phrase and the unit: 占立案总数的 88.4% → zhan_li_an_zong_shu_pct."""
        assert figure(wp_draft, "88.4%")["id"] == "zhan_li_an_zong_shu_pct"
        assert figure(wp_draft, "167776 件")["id"] == "xing_zheng_gong_yi_su_song_an_jian_jian"
        assert figure(wp_draft, "76.7%")["id"] == "tong_bi_shang_sheng_pct"

    def test_sections_follow_the_headings(self, wp_draft: dict[str, Any]) -> None:
        """前言 (not the table of contents' last entry), 一（一）, 二（一）1 …"""
        assert figure(wp_draft, "4个")["section"] == "前言"
        assert figure(wp_draft, "189885 件")["section"] == "一（一）"
        assert figure(wp_draft, "35681 件")["section"] == "一（二）"

    def test_quote_is_the_clause_across_a_broken_line(self, wp_draft: dict[str, Any]) -> None:
        """A clause ends at a clause mark, not at a line break inside a sentence."""
        f = figure(wp_draft, "1276 件")
        assert f["quote"] == "提起行政公益诉讼\n\n1276 件"
        assert WP_TEXT[f["offset"] : f["offset"] + len(f["quote"])] == f["quote"]
        assert figure(wp_draft, "88.4%")["quote"] == "占立案总数的 88.4%"

    def test_other_numbers_are_excluded_with_a_reason(self, wp_draft: dict[str, Any]) -> None:
        """Dates, the name 4+10, list numbering, set phrases: each excluded and why."""
        by_offset = {e["offset"]: e for e in wp_draft["excluded"]}
        four = WP_TEXT.index("4+10")
        assert by_offset[four]["reason"] == by_offset[four + 2]["reason"] == "name"
        assert by_offset[WP_TEXT.index("2023")]["reason"] == "date"
        reasons = {e["reason"] for e in wp_draft["excluded"]}
        assert {"date", "name", "numbering", "idiom", "ordinal"} <= reasons
        assert all(e["note"] for e in wp_draft["excluded"])

    def test_relations_keep_the_scan_evidence(self, wp_draft: dict[str, Any]) -> None:
        """Each drafted relation names drafted ids and quotes the words that state it."""
        ids = {f["id"] for f in wp_draft["figures"]}
        share = next(
            r for r in wp_draft["relations"] if r.get("share") == "zhan_li_an_zong_shu_pct"
        )
        assert share["id"] == "share_zhan_li_an_zong_shu_pct"
        assert (share["part"], share["whole"]) == (
            "xing_zheng_gong_yi_su_song_an_jian_jian", "gong_yi_su_song_an_jian_jian")
        assert "占立案总数的 88.4%" in share["note"]
        roles = ("part", "whole", "share", "total", "parts", "shares", "current", "change",
                 "previous", "rate", "base", "statements")  # fmt: skip
        for rel in wp_draft["relations"]:
            named: set[str] = set()
            for key in roles:
                value = rel.get(key, [])
                named.update([value] if isinstance(value, str) else value)
            assert named <= ids, rel["id"]

    def test_signed_rate_keeps_its_sign(self) -> None:
        """人口自然增长率为-0.60‰ is drafted as -0.60‰, not 0.60‰."""
        d = draft("全年出生人口956万人，人口自然增长率为-0.60‰。").data
        assert [f["printed"] for f in d["figures"]] == ["956万人", "-0.60‰"]

    def test_refused_relation_is_left_out_and_named(self) -> None:
        """A relation the format refuses (a share over 100%) is named in the header, not kept."""
        d = draft("共立案100件。其中行政案件80件，占立案总数的120%。")
        assert [r["kind"] for r in d.data["relations"]] == ["subset"]
        assert any("over 100%" in c for c in d.comments)
        assert "# left out: relation share_" in draft_yaml(d)
        pilstats.load(yaml.safe_load(draft_yaml(d)))

    def test_cli_writes_the_text_beside_the_fixture(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """draft -o writes FIXTURE and its text, and says what to run next."""
        src = tmp_path / "in.txt"
        src.write_text("全国共立案120件，其中行政公益诉讼100件。\r\n", encoding="utf-8")
        assert main(["draft", str(src), "-o", str(tmp_path / "demo.yaml")]) == 0
        out = capsys.readouterr().out
        assert "pilstats check" in out
        text = (tmp_path / "demo.txt").read_bytes()
        assert text == src.read_bytes()  # line ends kept: offsets stay offsets
        assert pilstats.check(tmp_path / "demo.yaml").ok
