"""Data-driven tests over fixtures/*.yaml, and the golden test of the 2023 report."""

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import pilstats
from pilstats import Status
from pilstats.checks import Share, ShareSum, Total
from pilstats.load import source_text
from pilstats.units import unit_symbols

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURES = sorted(ROOT.glob("*.yaml"))
WP = ROOT / "whitepaper-2023.yaml"


@pytest.fixture(scope="module")
def wp() -> pilstats.Report:
    return pilstats.load(WP)


@pytest.fixture(scope="module")
def wp_text(wp: pilstats.Report) -> str:
    text = source_text(wp, WP)
    assert text is not None
    return text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
class TestEveryFixture:
    def test_loads_and_is_consistent(self, path: Path) -> None:
        """Every bundled fixture validates and passes every check."""
        result = pilstats.check(path)
        assert result.ok, [f.message for f in result.failures]

    def test_quotes_at_offsets(self, path: Path) -> None:
        """Every quote is found verbatim in the source text at its offset."""
        report = pilstats.load(path)
        text = source_text(report, path)
        assert text is not None
        for f in report.figures:
            assert text[f.offset : f.offset + len(f.quote)] == f.quote, f.id
        for e in report.excluded:
            assert text[e.offset : e.offset + len(e.text)] == e.text, e

    def test_every_number_is_a_figure_or_an_exclusion(self, path: Path) -> None:
        """No silent gaps: Arabic numbers, and Chinese numerals before a measure word."""
        report = pilstats.load(path)
        text = source_text(report, path)
        assert text is not None
        spans = [(f.position, f.position + len(f.printed)) for f in report.figures]
        excluded = {(e.offset, e.text) for e in report.excluded}
        units = sorted((u for u in unit_symbols() if not u.isascii()), key=len, reverse=True)
        arabic = re.finditer(r"[0-9０-９]+(?:[.,][0-9]+)*", text)
        chinese = re.finditer(r"[零〇一二两三四五六七八九十百千万亿]+", text)
        tokens = [(m.start(), m.group()) for m in arabic]
        tokens.extend(
            (m.start(), m.group())
            for m in chinese
            if any(text.startswith(u, m.end()) for u in units)
        )
        missing = [
            (pos, tok, text[max(0, pos - 8) : pos + len(tok) + 4])
            for pos, tok in tokens
            if (pos, tok) not in excluded
            and not any(a <= pos and pos + len(tok) <= b for a, b in spans)
        ]
        assert missing == []

    def test_exclusions_are_not_figures(self, path: Path) -> None:
        """An excluded number never overlaps a figure."""
        report = pilstats.load(path)
        spans = [(f.position, f.position + len(f.printed)) for f in report.figures]
        for e in report.excluded:
            assert not any(a <= e.offset < b for a, b in spans), e


class TestWhitePaper2023:
    def test_golden_counts(self, wp: pilstats.Report) -> None:
        """156 figures, 37 relations, 101 exclusions; 64 checks, 63 pass, 1 untestable."""
        assert (len(wp.figures), len(wp.relations), len(wp.excluded)) == (156, 37, 101)
        result = pilstats.check(wp)
        assert result.counts == {"pass": 63, "fail": 0, "untestable": 1, "revised": 0}
        assert len(result.findings) > 40

    def test_untestable_is_the_reply_rate(self, wp: pilstats.Report) -> None:
        """99.1% of 116489 cannot be wrong at this precision."""
        (f,) = [f for f in wp.findings() if f.status is Status.UNTESTABLE]
        assert f.check == "pre_litigation.rectification_rate"

    def test_key_arithmetic(self, wp: pilstats.Report) -> None:
        """The headline relations of section 一."""
        by_id = {f.check: f for f in wp.findings()}
        assert by_id["case_volume.sum"].message.startswith("167776件 + 22109件 = 189885")
        assert by_id["litigation.administrative_change"].derived == {"previous": "{722}"}
        shares = by_id["fields.traditional.shares_sum"]
        assert shares.slack
        assert "44.2 + 12.5 + 0.8 + 4.4 = 61.9%" in shares.message

    def test_anti_monopoly_is_derived_not_reported(self, wp: pilstats.Report) -> None:
        """The tenth statutory field is implied as 50656 − 50623 = 33."""
        by_id = {f.check: f for f in wp.findings()}
        assert by_id["fields.new_statutory.sum"].derived == {"anti_monopoly": "33"}
        assert not any("anti_monopoly" in f.id for f in wp.figures)

    def test_values(self, wp: pilstats.Report) -> None:
        """Magnitudes applied, units split off, qualifiers kept."""
        land = wp.figure("restored_land").reported
        assert (land.value, land.unit) == (Decimal(289000), "亩")
        assert land.qualifier is pilstats.Qualifier.ABOUT
        nearly = wp.figure("antibacterial_enterprises").reported.qualifier
        assert nearly is pilstats.Qualifier.NEARLY

    def test_fixture_text_is_the_shipped_copy(self, wp_text: str) -> None:
        """The bundled text is the white paper (title and release date in place)."""
        assert "公益诉讼检察工作白皮书（2023）" in wp_text
        assert "发布时间：2024年03月09日" in wp_text


def _corrupt(printed: str, how: str) -> str | None:
    m = re.search(r"[0-9]+(?:\.[0-9]+)?", printed)
    assert m
    number = m.group()
    if how == "swap":
        idx = [i for i, ch in enumerate(number) if ch.isdigit()]
        a, b = idx[-2], idx[-1]
        if number[a] == number[b]:
            return None
        new = number[:a] + number[b] + number[a + 1 : b] + number[a] + number[b + 1 :]
    else:
        d = Decimal(number)
        new = str(d + Decimal(1).scaleb(d.as_tuple().exponent))
    return printed[: m.start()] + new + printed[m.end() :]


def _tight_figures(report: pilstats.Report) -> list[str]:
    """Figures in an exact sum or a share relation."""
    out: list[str] = []
    for c in report.checks():
        if isinstance(c, Total | Share | ShareSum):
            out.extend(x for x in c.figures if x not in out)
    return out


# Corruptions that no honest check can see, listed rather than hidden:
# * a count that sits only in a share relation moves by one without changing its
#   rounded share (35681 → 35682 is still 21.3% of 167776);
# * members of a partial list (其中…等) may grow into the unlisted remainder (33 for the
#   ten new statutory fields, 8091 for the other new fields) or shrink freely.
_PARTIAL_MEMBERS = (
    "workplace_safety_cases", "minors_cases", "personal_information_cases", "women_cases",
    "heroes_cases", "service_members_cases", "telecom_fraud_cases",
    "agricultural_products_cases", "accessibility_cases", "public_safety_cases",
    "cultural_heritage_cases", "consumer_rights_cases", "national_defence_cases",
    "intellectual_property_cases",
)  # fmt: skip
UNDETECTABLE = {
    ("consultation_closed", "plus_one"),
    *((f, "plus_one") for f in _PARTIAL_MEMBERS),
    # swaps that lower a member (17286 → 17268) or raise it by less than the remainder
    *((f, "swap") for f in (
        "workplace_safety_cases", "personal_information_cases", "women_cases",
        "heroes_cases", "service_members_cases", "telecom_fraud_cases",
        "accessibility_cases", "public_safety_cases", "cultural_heritage_cases",
        "national_defence_cases", "intellectual_property_cases",
    )),
}  # fmt: skip


def test_single_corruptions_are_caught(wp: pilstats.Report) -> None:
    """Every figure in an exact sum or share relation, damaged, fails a check naming it."""
    raw: dict[str, Any] = yaml.safe_load(WP.read_text(encoding="utf-8"))
    index = {f["id"]: i for i, f in enumerate(raw["figures"])}
    missed = set()
    tried = 0
    for fid in _tight_figures(wp):
        for how in ("swap", "plus_one"):
            printed = raw["figures"][index[fid]]["printed"]
            corrupted = _corrupt(printed, how)
            if corrupted is None:
                continue
            data = yaml.safe_load(WP.read_text(encoding="utf-8"))
            data["figures"][index[fid]]["printed"] = corrupted
            data["figures"][index[fid]]["quote"] = corrupted
            result = pilstats.check(data)
            tried += 1
            if result.ok or not any(fid in f.figures for f in result.failures):
                missed.add((fid, how))
    assert tried == 76
    assert missed == UNDETECTABLE
