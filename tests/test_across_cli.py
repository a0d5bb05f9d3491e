"""The command line across documents: check/scan/report --across and pilstats series."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from pilstats.propose import document_period, propose
from samples import run

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SPP = str(ROOT / "fixtures" / "spp-work-report-2024.yaml")
JUVENILE = str(CORPUS / "collections" / "juvenile.yaml")


def texts(*names: str) -> list[str]:
    return [str(CORPUS / f"{n}.txt") for n in names]


class TestCheckAcross:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Both documents' summaries, each check across them with its sides, a summary line."""
        code, out, _ = run(capsys, "check", "whitepaper-2023", SPP, "--across")
        assert code == 0
        assert (
            "same:pil.cases_filed@2023:whitepaper_2023~spp_work_report_2024 (within rounding)"
            in out
        )
        assert "← spp_work_report_2024.cases_filed: 19万件 in spp-work-report-2024" in out
        assert out.rstrip().endswith("across 2 documents: 6 checks: 6 pass, 0 fail, 0 untestable")

    def test_json_and_junit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON has reports and across; JUnit one suite per document and one across."""
        code, out, _ = run(capsys, "check", "whitepaper-2023", SPP, "--across", "--format", "json")
        doc = json.loads(out)
        assert code == 0
        assert doc["across"]["counts"]["pass"] == 6
        code, out, _ = run(capsys, "check", "whitepaper-2023", SPP, "--across", "--format", "junit")
        suites = ET.fromstring(out.split("\n", 1)[1]).findall("testsuite")  # noqa: S314 - ours
        assert [s.get("name") for s in suites] == [
            "whitepaper-2023",
            "spp-work-report-2024",
            "across",
        ]
        out_text = suites[-1].find("testcase/system-out")
        assert out_text is not None
        assert "whitepaper_2023.cases_total" in (out_text.text or "")

    def test_collection_fixture_implies_across(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A collection fixture is checked across; its documents' own ✗ make it exit 1."""
        code, out, _ = run(capsys, "check", JUVENILE)
        assert code == 1  # juv 2023's 6.92% and juv 2024's 69.4% (INDEX ✗) fail in their documents
        assert "FAIL       five_crimes_share_check" in out
        assert "12 checks: 12 pass, 0 fail, 0 untestable" in out

    def test_fail_on_rounding_across(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--fail-on rounding: the environmental rates that hold only within rounding."""
        env = str(CORPUS / "collections" / "environment.yaml")
        assert run(capsys, "check", env)[0] == 0
        assert run(capsys, "check", env, "--fail-on", "rounding")[0] == 1

    def test_broken_collection_exit_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A collection naming a missing fixture: exit 2, no traceback."""
        path = tmp_path / "c.yaml"
        path.write_text(
            "schema_version: 1\ncollection: {id: c, title: t}\ndocuments:\n"
            "  - {source: nope.yaml}\n  - {source: whitepaper-2023}\n",
            "utf-8",
        )
        code, _, err = run(capsys, "check", str(path))
        assert code == 2
        assert "nope.yaml" in err
        assert "Traceback" not in err


class TestScanAcross:
    def test_keys_proposed_and_pairs_checked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two scanned editions: the 同比 claims of 2024 decided against 2023's counts."""
        code, out, _ = run(capsys, "scan", *texts("juv_wp_2023", "juv_wp_2024_trad"), "--across")
        assert code == 0
        assert "f22   57156人       juv.arrests_approved.against_minors 2024" in out
        assert "change:juv.arrests_approved.against_minors@2024:juv_wp_2024_trad~juv_wp_2023" in out
        assert "across 2 documents: 5 checks: 5 pass, 0 fail, 0 untestable" in out

    def test_scanned_corpus_reproduces_index(self) -> None:
        """Scans key enough to decide 5 of INDEX's 7 juvenile lines and its 3 ≈ rates."""
        from pilstats.collection import decide

        juv = [propose(Path(t).read_text("utf-8"), t).document for t in texts(
            "juv_wp_2020", "juv_wp_2021_trad", "juv_wp_2022_cns_garbled", "juv_wp_2023",
            "juv_wp_2024_trad")]  # fmt: skip
        result = decide(juv)
        ids = {f.check for f in result.across.findings if f.status.value == "pass"}
        assert {
            "same:juv.arrest_review.minors@2021:juv_wp_2021_trad~juv_wp_2022_cns_garbled",
            "same:juv.prosecution_review.minors@2021:juv_wp_2021_trad~juv_wp_2022_cns_garbled",
            "change:juv.arrests_approved.against_minors@2024:juv_wp_2024_trad~juv_wp_2023",
            "change:juv.prosecuted.against_minors@2024:juv_wp_2024_trad~juv_wp_2023",
            "change:juv.prosecuted.minors@2024:juv_wp_2024_trad~juv_wp_2023",
        } <= ids
        assert result.across.ok
        env = [
            propose(Path(t).read_text("utf-8"), t).document
            for t in texts("env_trial_2019_peoplesdaily", "env_trial_2020_fazhiribao")
        ]
        rates = decide(env).across.findings
        assert [(f.status.value, f.slack) for f in rates] == [("pass", True)] * 3

    def test_ambiguous_readings_stay_unkeyed(self) -> None:
        """A 分别 list with more levels than changes, and a series read with one year: unkeyed."""
        env = propose((CORPUS / "env_trial_2019_peoplesdaily.txt").read_text("utf-8"), "e.txt")
        assert "f10" in env.ambiguous  # 收结案数上升50.9%: after 受理, 审结 and 判处罪犯
        assert "f10" not in env.document.stats
        cns = propose((CORPUS / "juv_wp_2022_cns_garbled.txt").read_text("utf-8"), "c.txt")
        assert {"f9", "f10", "f11"} <= set(cns.ambiguous)

    def test_document_period_from_the_title(self) -> None:
        """《…白皮书(2023)》 in the title wins over the years the text mentions."""
        text = (CORPUS / "juv_wp_2022_cns_garbled.txt").read_text("utf-8")
        assert str(document_period(text)) == "2022"
        assert document_period("没有年份的文字。") is None

    def test_several_texts_need_across(self, capsys: pytest.CaptureFixture[str]) -> None:
        """scan a b without --across is a usage error that says what to do."""
        code, _, err = run(capsys, "scan", *texts("juv_wp_2023", "juv_wp_2024_trad"))
        assert code == 2
        assert "--across" in err

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON lists what was keyed (and why) per text, and the findings across them."""
        code, out, _ = run(capsys, "scan", *texts("juv_wp_2023", "juv_wp_2024_trad"),
                           "--across", "--format", "json")  # fmt: skip
        doc = json.loads(out)
        assert code == 0
        assert doc["reports"][1]["keyed"]["f22"]["why"] == "批准逮捕 + 侵害未成年人犯罪"
        assert doc["across"]["checks"] == 5


def test_collection_schema_validates_the_corpus_collections(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """pilstats schema --collection: a JSON Schema every collection fixture meets."""
    import jsonschema
    import yaml

    code, out, _ = run(capsys, "schema", "--collection")
    schema = json.loads(out)
    assert code == 0
    for path in sorted((CORPUS / "collections").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)


class TestSeries:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Values across documents and periods, each with its interval, document and edition."""
        code, out, _ = run(capsys, "series", "juv.arrest_review.minors", JUVENILE)
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "juv.arrest_review.minors — 受理审查逮捕未成年犯罪嫌疑人 (人, national)"
        assert "juv-wp-2022-cns-garbled (arrest_review_persons_2021)  restated" in out
        assert [line.split()[0] for line in lines[2:]] == [
            "2020",
            "2020",
            "2021",
            "2021",
            "2022",
            "2024",
        ]

    def test_rounded_values_keep_their_interval(self, capsys: pytest.CaptureFixture[str]) -> None:
        """19万件 is 190000 in [185000, 195000)."""
        code, out, _ = run(
            capsys, "series", "pil.cases_filed", "whitepaper-2023", SPP, "--format", "json"
        )
        doc = json.loads(out)
        assert code == 0
        assert [(p["value"], p["interval"]) for p in doc["points"]] == [
            ("189885", "189885"), ("190000", "[185000, 195000)")]  # fmt: skip

    def test_revision_is_marked(self) -> None:
        """A period whose values do not meet is listed as revised, and drawn in the chart."""
        import copy

        import yaml

        import pilstats
        from pilstats.collection import load_documents
        from pilstats.series import series_of

        data = yaml.safe_load((CORPUS / "juv_wp_2022_cns_garbled.yaml").read_text("utf-8"))
        data = copy.deepcopy(data)
        for f in data["figures"]:
            if f["id"] == "arrest_review_persons_2021":
                f["printed"] = "55397人"
                f["quote"] = f["quote"].replace("55379人", "55397人")
        data["relations"] = []
        docs = load_documents([CORPUS / "juv_wp_2021_trad.yaml", pilstats.load(data)]).documents
        s = series_of(docs, "juv.arrest_review.minors")
        assert [str(p) for p in s.revised_periods()] == ["2021"]
        assert "← values differ" in s.to_text()
        svg = s.svg()
        assert svg.count('class="point"') == 4  # 2020, 2021 twice, 2022
        assert 'data-edition="restated"' in svg

    def test_unknown_key(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt key: exit 2 with did-you-mean."""
        code, _, err = run(capsys, "series", "juv.arest_review.minors", JUVENILE)
        assert code == 2
        assert "did you mean juv.arrest_review.minors" in err


class TestReportAcross:
    def test_html_page(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """One self-contained page: documents, findings with sides, a chart per series."""
        out = tmp_path / "c.html"
        code, _, _ = run(capsys, "report", JUVENILE, "--html", str(out))
        html = out.read_text("utf-8")
        assert code == 1  # the documents' own INDEX ✗
        assert html.count('class="finding"') == 12
        assert 'data-check="arrests_against_minors_growth_drop"' in html
        assert html.count('<svg class="series"') == 14
        assert "http://" not in html.split("<body>")[1].replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )

    def test_failing_first(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A failing check across documents is listed before the passing ones."""
        import yaml

        data = yaml.safe_load(Path(SPP).read_text("utf-8"))
        for f in data["figures"]:
            if f["id"] == "cases_filed":
                f["printed"], f["quote"] = "18万件", f["quote"].replace("19万件", "18万件")
        data["relations"] = []
        data["report"]["source_text"] = None
        path = tmp_path / "spp.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        out = tmp_path / "c.html"
        code, _, _ = run(capsys, "report", "whitepaper-2023", str(path), "--html", str(out))
        html = out.read_text("utf-8")
        assert code == 1
        first = html.index('class="finding"')
        assert html[first : first + 200].count('data-status="fail"') == 1


def _chromium() -> str | None:
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.skipif(
    _chromium() is None and not __import__("os").environ.get("PILSTATS_REQUIRE_BROWSER"),
    reason="no Chromium here (.ci/run installs it and sets PILSTATS_REQUIRE_BROWSER)",
)
def test_collection_page_renders_in_chromium(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The rendered DOM holds every finding and every series point, restatements hollow."""
    import subprocess
    import tempfile

    page = tmp_path / "c.html"
    run(capsys, "report", JUVENILE, "--html", str(page))
    browser = _chromium()
    assert browser is not None, "PILSTATS_REQUIRE_BROWSER is set but Chromium is missing"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    from pilstats.collection import load_documents
    from pilstats.series import series_keys, series_of

    docs = load_documents([JUVENILE]).documents
    points = [p for k, s, _, _ in series_keys(docs) for p in series_of(docs, k, scope=s).points]
    assert dom.count('class="finding"') == 12
    assert dom.count('class="point"') == len(points) == 48
    assert dom.count('data-edition="restated"') == sum(not p.original for p in points) == 8
