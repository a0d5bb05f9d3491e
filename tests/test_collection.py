"""Checks across documents: agreement, disagreement, revision, cross-document changes."""

import copy
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import pilstats
from pilstats import Status
from pilstats.checks import Change
from pilstats.collection import check_collection, document_of

ROOT = Path(__file__).resolve().parents[1]
SPP = ROOT / "fixtures" / "spp-work-report-2024.yaml"
CORPUS = ROOT / "tests" / "corpus"


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _reprint(data: dict[str, Any], fid: str, old: str, new: str) -> pilstats.Report:
    """The fixture with figure ``fid`` printed ``new`` instead of ``old`` (relations dropped)."""
    data = copy.deepcopy(data)
    for f in data["figures"]:
        if f["id"] == fid:
            assert f["printed"] == old
            f["printed"] = new
            f["quote"] = f["quote"].replace(old, new)
    data["relations"] = []
    return pilstats.load(data)


def _by_check(result: pilstats.CollectionResult) -> dict[str, pilstats.Finding]:
    return {f.check: f for f in result.across.findings}


class TestAgreement:
    def test_white_paper_and_work_report_agree(self) -> None:
        """189885 vs 19万 passes, within rounding; every restated figure is checked."""
        result = check_collection(["whitepaper-2023", SPP])
        findings = _by_check(result)
        cases = findings["same:pil.cases_filed@2023:whitepaper_2023~spp_work_report_2024"]
        assert cases.status is Status.PASS
        assert cases.slack
        assert "[185000, 195000)" in cases.message
        assert result.across.counts == {"pass": 6, "fail": 0, "untestable": 0, "revised": 0}
        rate = findings["same:pil.rectification_rate@2023:whitepaper_2023~spp_work_report_2024"]
        assert not rate.slack  # 99.1% = 99.1%

    def test_disagreement_fails_naming_both_documents(self) -> None:
        """189885 vs 18万 fails: the intervals cannot meet; both sides are named."""
        spp = _reprint(_data(SPP), "cases_filed", "19万件", "18万件")
        result = check_collection(["whitepaper-2023", spp])
        (bad,) = result.across.failures
        assert bad.code == "same-mismatch"
        assert "whitepaper-2023" in bad.message
        assert "spp-work-report-2024" in bad.message
        assert "apart by at least 4885" in bad.message
        assert not result.ok
        sides = result.sides(bad)
        assert [(s.document, s.printed) for s in sides] == [
            ("whitepaper-2023", "189885 件"), ("spp-work-report-2024", "18万件")]  # fmt: skip

    def test_a_mirror_that_lost_a_sign(self) -> None:
        """Two copies of the 2023 release: −1.48‰ in one, 1.48‰ in the mirror that lost the sign."""
        result = check_collection([CORPUS / "nbs_pop_2023_maigoo.yaml",
                                   CORPUS / "nbs_pop_2023_hongxing_trad.yaml"])  # fmt: skip
        (bad,) = result.across.failures
        assert bad.check == "same:pop.natural_growth_rate@2023:nbs_pop_2023_maigoo~nbs_pop_2023_hongxing_trad"
        assert "-1.48(‰)" in bad.message
        assert "apart by at least 2.950" in bad.message
        assert not result.across.revisions  # one edition, two copies: not a revision
        assert len(result.across.findings) == 10  # nine levels and the −208万 change

    def test_qualifiers_are_honoured(self) -> None:
        """近19万 ([180000, 190000)) still admits 189885; 超19万 does not."""
        data = _data(SPP)
        near = _reprint(data, "cases_filed", "19万件", "近19万件")
        assert check_collection(["whitepaper-2023", near]).across.ok
        over = _reprint(data, "cases_filed", "19万件", "超19万件")
        assert not check_collection(["whitepaper-2023", over]).across.ok


class TestRevision:
    def test_a_later_edition_restating_differently_is_a_revision(self) -> None:
        """The 2022 series restates 2021 as 55397, the 2021 edition printed 55379: revised."""
        later = _reprint(_data(CORPUS / "juv_wp_2022_cns_garbled.yaml"),
                         "arrest_review_persons_2021", "55379人", "55397人")  # fmt: skip
        result = check_collection([CORPUS / "juv_wp_2021_trad.yaml", later])
        (revised,) = result.across.revisions
        assert revised.status is Status.REVISED
        assert revised.code == "revision"
        assert "the 2022 edition restates 2021 as 55397人" in revised.message
        assert result.ok  # a revision is not an inconsistency …
        assert result.violations("revised") == [revised]  # … unless a pipeline says so
        assert result.across.summary().endswith("1 revised")
        doc = result.to_document()
        (entry,) = [f for f in doc["across"]["findings"] if f["status"] == "revised"]
        assert [s["edition"] for s in entry["sides"]] == ["original", "restated"]
        xml = result.to_junit().split("\n", 1)[1]
        suite = ET.fromstring(xml).findall("testsuite")[-1]  # noqa: S314 - our own output
        assert suite.find("testcase/skipped[@type='revision']") is not None

    def test_two_sources_for_one_edition_disagreeing_is_a_failure(self) -> None:
        """Two documents on 2023 disagreeing is 数出多门, not a revision."""
        spp = _reprint(_data(SPP), "suits_filed", "1.3万件", "1.5万件")
        result = check_collection(["whitepaper-2023", spp])
        assert [f.status for f in result.across.findings].count(Status.FAIL) == 1
        assert not result.across.revisions


class TestCrossDocumentChange:
    def test_growth_rate_decided_against_the_previous_edition(self) -> None:
        """57156 up 7.3% admits the 2023 edition's 53286; 11% admits 67103; 46% admits 38954."""
        result = check_collection([CORPUS / "juv_wp_2023.yaml", CORPUS / "juv_wp_2024_trad.yaml"])
        changes = {c.id: f for c, f in zip(result.checks, result.across.findings, strict=True)
                   if isinstance(c, Change)}  # fmt: skip
        arrests = changes["change:juv.arrests_approved.against_minors@2024:juv_wp_2024_trad~juv_wp_2023"]
        assert arrests.status is Status.PASS
        assert not arrests.slack
        assert "printed previous 53286人" in arrests.message
        assert all(f.status is Status.PASS for f in changes.values())

    def test_a_wrong_base_fails(self) -> None:
        """Had 2023 printed 54286, 7.3% could not be right: 57156/54286 − 1 = 5.3%."""
        wrong = _reprint(_data(CORPUS / "juv_wp_2023.yaml"), "arrest_approved_against_minors",
                         "53286人", "54286人")  # fmt: skip
        result = check_collection([wrong, CORPUS / "juv_wp_2024_trad.yaml"])
        failed = {f.check for f in result.across.failures}
        assert "change:juv.arrests_approved.against_minors@2024:juv_wp_2024_trad~juv_wp_2023" in failed

    def test_change_of_a_growth_rate_in_percentage_points(self) -> None:
        """增幅下降28个百分点: 35.3% (2023) − 7.3% (2024) = 28, exactly; 29 would fail."""
        result = check_collection([CORPUS / "juv_wp_2023.yaml", CORPUS / "juv_wp_2024_trad.yaml"])
        tag = "change_difference:juv.arrests_approved.against_minors@2024:juv_wp_2024_trad~juv_wp_2023"
        drop = _by_check(result)[tag]
        assert drop.status is Status.PASS
        assert not drop.slack
        wrong = _reprint(_data(CORPUS / "juv_wp_2024_trad.yaml"),
                         "arrest_against_minors_growth_drop", "28個", "29個")  # fmt: skip
        result = check_collection([CORPUS / "juv_wp_2023.yaml", wrong])
        assert _by_check(result)[tag].status is Status.FAIL

    def test_rates_that_hold_only_within_rounding_are_flagged(self) -> None:
        """2020 审结 3.8万 up 2.9% admits 2019's 36733 only thanks to the rounding of 3.8万."""
        result = check_collection([CORPUS / "env_trial_2019_peoplesdaily.yaml",
                                   CORPUS / "env_trial_2020_fazhiribao.yaml"])  # fmt: skip
        assert [(f.status, f.slack) for f in result.across.findings] == [(Status.PASS, True)] * 3
        assert "at face value the change is 3.4492146…%, not 2.9%" in result.across.findings[0].message
        assert result.across.violations("rounding") == list(result.across.findings)

    def test_absolute_change_against_the_previous_release(self) -> None:
        """The 2023 table's −54万 births: 956 − 902 = 54 (万人), from the 2022 release."""
        result = check_collection([CORPUS / "nbs_pop_2022_huanqiu.yaml",
                                   CORPUS / "nbs_pop_2023_maigoo.yaml"])  # fmt: skip
        births = _by_check(result)["difference:pop.births@2023:nbs_pop_2023_maigoo~nbs_pop_2022_huanqiu"]
        assert births.status is Status.PASS
        assert len(result.across.findings) == 6

    def test_a_claim_whose_base_is_in_its_own_document_is_left_to_it(self) -> None:
        """The 2022 series' 30.2% over its own 2020 value is not re-checked across documents."""
        result = check_collection([CORPUS / "juv_wp_2020.yaml", CORPUS / "juv_wp_2022_cns_garbled.yaml"])
        assert all(c.kind == "same" for c in result.checks)


class TestCollections:
    def test_declared_relation_replaces_the_derived_one(self) -> None:
        """One check per relation: a collection's own relation over the same figures wins."""
        result = check_collection([CORPUS / "collections" / "juvenile.yaml"])
        assert result.origin["arrests_against_minors_2024_vs_2023"] == "declared"
        assert not any(c.startswith("change:juv.arrests_approved.against_minors") for c in result.origin)

    def test_unknown_figure_in_a_collection(self, tmp_path: Path) -> None:
        """A relation naming a figure no document has: file, line, and the aliases known."""
        text = (CORPUS / "collections" / "environment.yaml").read_text(encoding="utf-8")
        text = text.replace("previous: env2019.criminal_concluded,", "previous: env2019.criminal_conclude,")
        for name in ("env_trial_2019_peoplesdaily", "env_trial_2020_fazhiribao"):
            text = text.replace(f"../{name}.yaml", str(CORPUS / f"{name}.yaml"))
        path = tmp_path / "c.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(pilstats.FixtureError) as info:
            check_collection([path])
        assert info.value.line is not None
        assert "env2019.criminal_conclude" in str(info.value)
        assert "aliases: env2019, env2020" in str(info.value)

    def test_alias_clash(self) -> None:
        """The same document twice needs aliases to tell them apart."""
        with pytest.raises(pilstats.FixtureError, match="alias"):
            check_collection(["whitepaper-2023", "whitepaper-2023"])

    def test_needs_two_documents(self) -> None:
        """A collection of one is an input error."""
        with pytest.raises(pilstats.FixtureError, match="two documents"):
            check_collection(["whitepaper-2023"])

    def test_each_figure_keeps_its_own_conventions(self) -> None:
        """A document read with truncation: 19万 means [190000, 200000) there, so 189885 misses."""
        data = _data(SPP)
        data["conventions"] = {"rounding": "truncate"}
        report = pilstats.load(data)
        result = check_collection(["whitepaper-2023", report])
        cases = _by_check(result)["same:pil.cases_filed@2023:whitepaper_2023~spp_work_report_2024"]
        assert cases.status is Status.FAIL

    def test_json_names_documents_and_sides(self) -> None:
        """The JSON document: every report's own result, then the checks across, with sides."""
        doc = json.loads(check_collection(["whitepaper-2023", SPP]).to_json())
        assert [r["report"] for r in doc["reports"]] == ["whitepaper-2023", "spp-work-report-2024"]
        finding = doc["across"]["findings"][0]
        assert finding["origin"] == "keys"
        assert finding["statistic"] == "pil.cases_filed 2023"
        assert {s["document"] for s in finding["sides"]} == {"whitepaper-2023", "spp-work-report-2024"}
        assert doc["across"]["documents"][1]["edition"] == "2023"

    def test_document_of_a_report(self) -> None:
        """A fixture as a document: its edition, its keyed figures, its quotes."""
        d = document_of(pilstats.load(SPP))
        assert (d.alias, str(d.edition), len(d.stats)) == ("spp_work_report_2024", "2023", 6)
        assert d.quotes["cases_filed"] == ("检察机关立案办理公益诉讼19万件", 187)


def _doc(rid: str, printed: str) -> dict[str, Any]:
    quote = f"共立案{printed}"
    return {"schema_version": 1,
            "report": {"id": rid, "title": "t", "publisher": "p", "year": 2023},
            "figures": [{"id": "cases", "printed": printed, "section": "一", "quote": quote,
                         "offset": 0, "key": "pil.cases_filed"}]}  # fmt: skip


@given(st.integers(1, 10**9), st.integers(0, 2), st.integers(-3, 3))
def test_restatement_rounded_to_wan_agrees_unless_moved(n: int, places: int, moved: int) -> None:
    """n件 and n rounded half-up to 万 agree; moved by ≥1 unit of the last digit, they fail."""
    unit = Decimal(1).scaleb(-places)
    q = (Decimal(n) / 10000).quantize(unit, rounding=ROUND_HALF_UP) + moved * unit
    if q <= 0:
        return
    a = pilstats.load(_doc("a", f"{n}件"))
    b = pilstats.load(_doc("b", f"{q}万件"))
    (finding,) = check_collection([a, b]).across.findings
    assert finding.status is (Status.PASS if moved == 0 else Status.FAIL), (n, q)
