"""The HTML report: structure from the markup, and rendering in a real headless Chromium."""

import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import pilstats
from pilstats.cli import main
from pilstats.load import source_text
from pilstats.page import render_report, render_scan
from pilstats.scan import scan

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
WP = ROOT / "whitepaper-2023.yaml"


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, str] = {}
        self.bars = 0
        self.failing: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "span" and "fig" in (a.get("class") or "").split() and a.get("data-figure"):
            self.figures[a["data-figure"] or ""] = a.get("data-status") or ""
        if tag == "rect" and a.get("class") == "bar":
            self.bars += 1
        if tag == "li" and a.get("class") == "failing-check":
            self.failing.append(a.get("data-check") or "")
        for key in ("src", "href"):
            value = a.get(key) or ""
            if value and not value.startswith("#"):
                self.external.append(value)


def _corrupted(tmp_path: Path) -> Path:
    """The 2023 fixture and text with 22109 misprinted as 22190 (same length, same offsets)."""
    data = yaml.safe_load(WP.read_text(encoding="utf-8"))
    text = (ROOT / "whitepaper-2023.txt").read_text(encoding="utf-8")
    text = text.replace("办理民事公益诉讼案件 22109 件", "办理民事公益诉讼案件 22190 件")
    for f in data["figures"]:
        if f["id"] == "cases_civil":
            f["printed"] = "22190 件"
            f["quote"] = "办理民事公益诉讼案件 22190 件"
    (tmp_path / "whitepaper-2023.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "corrupted.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    return p


class TestMarkup:
    def test_every_figure_marked_with_its_status(self) -> None:
        """156 figures marked; the one untestable check colours the reply rate."""
        report = pilstats.load(WP)
        html = render_report(report, pilstats.check(report), source_text(report, WP) or "")
        marks = _parse(html)
        assert len(marks.figures) == len(report.figures)
        assert marks.figures["rectification_rate"] == "untestable"
        assert marks.figures["cases_total"] == "pass"
        assert marks.figures["court_support_rate"] == "none"
        assert marks.failing == []
        assert marks.external == []  # self-contained: no CDN, no network

    def test_chart_from_the_data(self) -> None:
        """18 printed fields and the derived 反垄断 bar."""
        report = pilstats.load(WP)
        html = render_report(report, pilstats.check(report), source_text(report, WP) or "")
        assert _parse(html).bars == 19
        assert "反垄断（推算）" in html
        assert 'aria-label="全国检察机关各领域立案数"' in html

    def test_failing_fixture(self, tmp_path: Path) -> None:
        """A corrupted figure shows as failing, listed first with its correction."""
        report = pilstats.load(_corrupted(tmp_path))
        assert report.source_path is not None
        result = pilstats.check(report)
        html = render_report(report, result, source_text(report, report.source_path) or "")
        marks = _parse(html)
        assert marks.figures["cases_civil"] == "fail"
        assert "case_volume.sum" in marks.failing
        assert "perhaps <b>22109件</b>" in html

    def test_scan_page(self) -> None:
        """A plain text gets the same page from the scanner's findings."""
        text = "共办理案件 100 件。其中，甲类 60 件，乙类 50 件。"
        marks = _parse(render_scan(scan(text), text))
        assert marks.figures == {"f1": "fail", "f2": "fail", "f3": "fail"}

    def test_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`pilstats report --html` writes the page; exit 1 when a check fails."""
        out = tmp_path / "r.html"
        assert main(["report", "--html", str(out)]) == 0
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        txt = tmp_path / "t.txt"
        txt.write_text("共办理案件 100 件。其中，甲类 60 件，乙类 50 件。", encoding="utf-8")
        assert main(["report", str(txt), "--html", str(out)]) == 1
        capsys.readouterr()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


BROWSER = _chromium()
needs_browser = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("PILSTATS_REQUIRE_BROWSER"),
    reason="no Chromium here (.ci/run installs it and sets PILSTATS_REQUIRE_BROWSER)",
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def _browser(*args: str) -> str:
    assert BROWSER is not None, "PILSTATS_REQUIRE_BROWSER is set but Chromium is missing"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@needs_browser
class TestInChromium:
    def test_rendered_dom_and_screenshot(self, tmp_path: Path) -> None:
        """The rendered DOM marks figures, shows the failing check and the chart."""
        page = tmp_path / "r.html"
        assert main(["report", str(_corrupted(tmp_path)), "--html", str(page)]) == 1
        dom = _browser("--dump-dom", page.as_uri())
        marks = _parse(dom)
        assert len(marks.figures) == 156
        assert marks.figures["cases_civil"] == "fail"
        assert "case_volume.sum" in marks.failing
        assert marks.bars == 19
        shot = tmp_path / "r.png"
        _browser("--window-size=1280,2000", f"--screenshot={shot}", page.as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1280, 2000)
        assert len(data) > 20_000  # a rendered page, not a blank one
        assert re.search(r"fail", dom)
