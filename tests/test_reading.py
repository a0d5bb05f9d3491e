"""Issue 12, rows 3, 5, 6, 9, 11, 12: what is read, from where, how much, in which encoding."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import pilstats
from pilstats.audit import audit
from pilstats.cli import main
from pilstats.load import bundled_path, source_text
from pilstats.load import load as load_fixture
from pilstats.reading import decode, read_bytes, read_text
from samples import run

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
WP = ROOT / "whitepaper-2023.yaml"
TEXT = (ROOT / "whitepaper-2023.txt").read_text(encoding="utf-8")
PARAGRAPH = "共办理案件 100 件。其中，甲类 60 件，乙类 50 件。"  # one failing check
TRADITIONAL = "共辦理案件 100 件。其中，甲類 60 件，乙類 50 件。"


def cli(
    *args: str,
    stdin: int | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """`python -m pilstats ARGS` in a child process (what a shell would run)."""
    return subprocess.run(
        [sys.executable, "-m", "pilstats", *args], capture_output=True, check=False,
        stdin=stdin, env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout,
    )  # fmt: skip


def fixture_with(tmp_path: Path, source: str, *, name: str = "f.yaml") -> Path:
    """The 2023 fixture, copied into ``tmp_path``, naming ``source`` as its source text."""
    text = WP.read_text(encoding="utf-8")
    assert "source_text: whitepaper-2023.txt" in text
    path = tmp_path / name
    path.write_text(text.replace("source_text: whitepaper-2023.txt", f"source_text: {source}"),
                    encoding="utf-8")  # fmt: skip
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


class TestBoundedReads:
    """Row 5: only regular files or standard input; the cap holds while reading."""

    def test_fifo_fixture_refused_at_once(
        self, fifo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A FIFO as a fixture is refused with exit 2 (no writer needed: nothing blocks)."""
        code, _, err = run(capsys, "check", str(fifo))
        assert code == 2
        assert "FIFO" in err

    def test_fifo_text_refused_at_once(
        self, fifo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A FIFO as a text to scan, draft or report is refused too."""
        for args in (["scan", str(fifo)], ["draft", str(fifo)],
                     ["report", str(fifo), "--html", str(fifo.with_suffix(".html"))]):  # fmt: skip
            code, _, err = run(capsys, *args)
            assert code == 2, args
            assert "FIFO" in err

    def test_devices_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`pilstats scan /dev/zero` is refused before anything is read."""
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        code, _, err = run(capsys, "scan", "/dev/zero")
        assert code == 2
        assert "device" in err

    def test_directories_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A directory is neither a text nor a fixture."""
        assert run(capsys, "scan", str(tmp_path))[0] == 2
        code, _, err = run(capsys, "check", str(tmp_path))
        assert code == 2
        assert "directory" in err

    def test_cap_while_reading_stdin(self) -> None:
        """An endless standard input stops at the cap: exit 2, a bounded read."""
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        with Path("/dev/zero").open("rb") as zero:
            proc = cli("scan", "-", "--max-bytes", "1M", stdin=zero.fileno())
        assert proc.returncode == 2
        assert b"larger than 1048576 bytes" in proc.stderr

    def test_cap_reads_at_most_one_byte_more(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The stream is read up to max_bytes + 1 bytes, however long it is."""

        class Endless(io.RawIOBase):
            served = 0

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
                buffer[:] = b"1" * len(buffer)
                Endless.served += len(buffer)
                return len(buffer)

        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(Endless(), 4096)))
        with pytest.raises(pilstats.FixtureError, match="larger than 10000 bytes"):
            read_bytes("-", max_bytes=10_000)
        assert Endless.served <= 10_001 + 4096  # one buffer of read-ahead at most

    def test_cap_on_files_whatever_their_stated_size(self) -> None:
        """/proc files state size 0; the cap still applies to what is read."""
        status = Path("/proc/self/status")
        if not status.exists() or status.stat().st_size != 0:
            pytest.skip("no /proc with zero-size files")
        with pytest.raises(pilstats.FixtureError, match="larger than 10 bytes"):
            read_bytes(status, max_bytes=10)

    def test_fixture_cap(self) -> None:
        """pilstats.load refuses a fixture over max_bytes, naming the limit."""
        with pytest.raises(pilstats.FixtureError, match="larger than 1000 bytes"):
            pilstats.load(WP, max_bytes=1000)
        code = main(["check", str(WP), "--max-bytes", "1K"])
        assert code == 2

    def test_max_bytes_syntax(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--max-bytes takes a count with K/M/G suffixes; anything else is a usage error."""
        assert run(capsys, "check", "--max-bytes", "16M")[0] == 0
        with pytest.raises(SystemExit) as info:
            main(["check", "--max-bytes", "lots"])
        assert info.value.code == 2
        capsys.readouterr()

    @pytest.mark.parametrize("when", ["before start-up", "after start-up"])
    def test_closed_stdin(self, when: str) -> None:
        """`pilstats scan - <&-`: a clear input error, not a traceback."""
        if when == "before start-up":
            command = [sys.executable, "-m", "pilstats", "scan", "-"]
            proc = subprocess.run(
                ["/bin/sh", "-c", 'exec "$@" <&-', "sh", *command],
                capture_output=True, check=False, timeout=60,
            )  # fmt: skip
        else:
            proc = subprocess.run(
                [sys.executable, "-c", ("import os, sys; os.close(0); "
                 "from pilstats.cli import main; sys.exit(main(['scan', '-']))")],
                capture_output=True, check=False, timeout=60,
            )  # fmt: skip
        assert proc.returncode == 2
        assert b"standard input is closed" in proc.stderr
        assert b"Traceback" not in proc.stderr


class TestDecoding:
    """Rows 6, 9, 12: one decoding for every text; never mojibake."""

    def test_utf8_bom_is_not_a_character(self) -> None:
        """A UTF-8 byte-order mark is dropped: offsets count from the first character."""
        assert decode(b"\xef\xbb\xbf" + TEXT.encode(), "t") == TEXT

    def test_utf16_with_bom(self) -> None:
        """UTF-16 with a byte-order mark, either byte order."""
        assert decode(TEXT.encode("utf-16"), "t") == TEXT
        assert decode(b"\xfe\xff" + TEXT.encode("utf-16-be"), "t") == TEXT

    def test_gb18030(self) -> None:
        """GB18030 (GBK, GB2312) text, simplified or traditional."""
        assert decode(TEXT.encode("gb18030"), "t") == TEXT
        traditional = "檢察機關共辦理公益訴訟案件 189885 件"
        assert decode(traditional.encode("gb18030"), "t") == traditional

    @pytest.mark.parametrize("text", [TEXT, TRADITIONAL, "共辦理案件 100 件"])
    def test_big5_refused_naming_it(self, text: str) -> None:
        """Big5 bytes are valid GB18030 too: refused, naming Big5, never decoded as mojibake."""
        raw = text.encode("big5", errors="replace")
        with pytest.raises(pilstats.FixtureError, match=r"Big5.*--encoding big5"):
            decode(raw, "t")
        assert decode(raw, "t", "big5") == raw.decode("big5")

    @pytest.mark.parametrize(
        ("raw", "named"),
        [
            (TEXT.encode("utf-16-le"), "UTF-16-LE text without a byte-order mark"),
            (TEXT.encode("utf-32"), "UTF-32"),
            ("café naïve".encode("latin-1"), "Windows-1252 or Latin-1"),
            ("日本の統計局は人口推計を公表した。総人口は一億二千四百万人で、前年より減少した。"
             .encode("shift_jis"), "Shift_JIS"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ],
    )  # fmt: skip
    def test_other_encodings_refused_naming_them(self, raw: bytes, named: str) -> None:
        """Anything else is refused with the likely encoding named."""
        with pytest.raises(pilstats.FixtureError, match=named):
            decode(raw, "t")

    def test_explicit_encoding_is_strict(self) -> None:
        """--encoding decodes strictly: a wrong guess is an error naming the byte."""
        with pytest.raises(pilstats.FixtureError, match="not ascii text: invalid byte 0xe5"):
            decode(TEXT.encode(), "t", "ascii")
        with pytest.raises(pilstats.FixtureError, match="unknown encoding"):
            decode(b"x", "t", "klingon")

    def test_cli_big5(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Row 9: `pilstats scan` on Big5 exits 2; with --encoding big5 it checks (and fails)."""
        path = tmp_path / "b5.txt"
        path.write_bytes(TRADITIONAL.encode("big5"))
        code, out, err = run(capsys, "scan", str(path))
        assert (code, out) == (2, "")
        assert "Big5" in err
        code, out, _ = run(capsys, "scan", str(path), "--encoding", "big5")
        assert code == 1
        assert "1 fail" in out

    def test_utf16_fixture_and_text(self, tmp_path: Path) -> None:
        """Row 12: a UTF-16 fixture is read (not called binary data), and so is a UTF-16 text."""
        fixture = tmp_path / "whitepaper.yaml"
        fixture.write_bytes(WP.read_text(encoding="utf-8").encode("utf-16"))
        (tmp_path / "whitepaper-2023.txt").write_bytes(TEXT.encode("utf-16"))
        assert pilstats.check(fixture).summary() == pilstats.check(WP).summary()
        assert audit(fixture) == []

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
    def test_source_text_encodings_audit_clean(
        self, encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Row 6: a BOM or GB18030 source text: audit finds 0 discrepancies, report exits 0."""
        (tmp_path / "t.txt").write_bytes(TEXT.encode(encoding))
        fixture = fixture_with(tmp_path, "t.txt")
        assert audit(fixture) == []
        page = tmp_path / "r.html"
        code, _, err = run(capsys, "report", str(fixture), "--html", str(page))
        assert code == 0, err
        html = page.read_text(encoding="utf-8")
        # the highlighted characters are the figure itself, not one character off
        assert 'data-figure="cases_total"' in html
        assert '189885 件<span class="tip">' in html

    def test_gb18030_text_through_every_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """scan, draft and report read GB18030 like UTF-8."""
        gb, utf8 = tmp_path / "gb.txt", tmp_path / "u8.txt"
        gb.write_bytes(PARAGRAPH.encode("gb18030"))
        utf8.write_text(PARAGRAPH, encoding="utf-8")
        assert run(capsys, "scan", str(gb)) == run(capsys, "scan", str(utf8))
        assert run(capsys, "draft", str(gb))[1].replace("gb", "u8") == run(
            capsys, "draft", str(utf8))[1]  # fmt: skip
        assert run(capsys, "report", str(gb), "--html", str(tmp_path / "p.html"))[0] == 1


class TestSourceTextConfined:
    """Row 3: source_text is read from the fixture's folder only."""

    @pytest.mark.parametrize("source", ["/proc/self/environ", "../../../../../../etc/passwd",
                                        "/etc/hostname", "sub/../../outside.txt"])  # fmt: skip
    def test_outside_refused(
        self, source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Absolute paths and .. out of the folder: exit 2 naming file, line, field."""
        (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
        inner = tmp_path / "inner"
        (inner / "sub").mkdir(parents=True)
        fixture = fixture_with(inner, source)
        page = tmp_path / "r.html"
        code, out, err = run(capsys, "report", str(fixture), "--html", str(page))
        assert (code, out) == (2, "")
        assert f"{fixture}:16: report.source_text:" in err
        assert "outside the fixture's folder" in err
        assert not page.exists()
        assert run(capsys, "audit", str(fixture))[0] == 2

    def test_symlink_out_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A link inside the folder that leads out of it is refused (the environment leaks not)."""
        os.environ["PILSTATS_TEST_SECRET"] = "s3cr3t-value"  # noqa: S105 - a canary
        try:
            (tmp_path / "link.txt").symlink_to("/proc/self/environ")
            fixture = fixture_with(tmp_path, "link.txt")
            page = tmp_path / "r.html"
            code, _, err = run(capsys, "report", str(fixture), "--html", str(page))
            assert code == 2
            assert "outside the fixture's folder" in err
            assert not page.exists()
            assert "s3cr3t" not in err
        finally:
            del os.environ["PILSTATS_TEST_SECRET"]

    def test_symlink_inside_and_dotdot_inside_allowed(self, tmp_path: Path) -> None:
        """A link to a file in the folder, or a path that returns into it, is fine."""
        (tmp_path / "texts").mkdir()
        (tmp_path / "texts" / "wp.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "alias.txt").symlink_to(tmp_path / "texts" / "wp.txt")
        for name in ("alias.txt", "texts/../texts/wp.txt"):
            fixture = fixture_with(tmp_path, name)
            assert source_text(pilstats.load(fixture), fixture) == TEXT

    def test_allow_outside(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--allow-outside PATH admits texts at or under PATH, and nothing else."""
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "wp.txt").write_text(TEXT, encoding="utf-8")
        fixtures = tmp_path / "fixtures"
        fixtures.mkdir()
        fixture = fixture_with(fixtures, "../corpus/wp.txt")
        page = tmp_path / "r.html"
        assert run(capsys, "report", str(fixture), "--html", str(page))[0] == 2
        for place in (corpus, corpus / "wp.txt"):
            code, _, err = run(capsys, "report", str(fixture), "--html", str(page),
                               "--allow-outside", str(place))  # fmt: skip
            assert code == 0, err
        code, _, _ = run(capsys, "audit", str(fixture), "--allow-outside", str(corpus))
        assert code == 0
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        assert run(capsys, "audit", str(fixture), "--allow-outside", str(elsewhere))[0] == 2

    def test_missing_and_not_a_file(self, tmp_path: Path) -> None:
        """A missing text: None, or with required an error on the field; a FIFO: refused."""
        fixture = fixture_with(tmp_path, "nope.txt")
        with pytest.raises(pilstats.FixtureError, match=r"report\.source_text: .*not there"):
            pilstats.load(fixture)
        report = load_fixture(fixture, verify_source=False)
        assert source_text(report, fixture) is None
        with pytest.raises(pilstats.FixtureError, match=r"report\.source_text: .*not there"):
            source_text(report, fixture, required=True)
        if hasattr(os, "mkfifo"):
            os.mkfifo(tmp_path / "pipe.txt")
            fixture = fixture_with(tmp_path, "pipe.txt")
            with pytest.raises(pilstats.FixtureError, match="FIFO"):
                pilstats.load(fixture)


class TestNames:
    """Row 11: bundled names are not shadowed by the working folder."""

    def test_directory_does_not_shadow(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory named whitepaper-2023 in the cwd: the bundled report is checked."""
        (tmp_path / "whitepaper-2023").mkdir()
        monkeypatch.chdir(tmp_path)
        for args in ([], ["check"], ["check", "whitepaper-2023"], ["figures"], ["audit"]):
            code, out, err = run(capsys, *args)
            assert code == 0, (args, err)
            assert out
        assert pilstats.check("whitepaper-2023").ok

    def test_no_argument_always_means_bundled(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A *file* named whitepaper-2023 wins when named, never when nothing is named."""
        (tmp_path / "whitepaper-2023").write_text("not: [a, fixture", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert run(capsys, "check")[0] == 0
        assert run(capsys, "explain", "case_volume.sum")[0] == 0
        code, _, err = run(capsys, "check", "whitepaper-2023")
        assert code == 2
        assert "whitepaper-2023:2: YAML syntax error" in err

    def test_existing_file_path_wins(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`./whitepaper-2023.yaml` is the local file."""
        data = yaml.safe_load(WP.read_text(encoding="utf-8"))
        data["report"]["id"] = "local-copy"
        del data["report"]["source_text"]
        (tmp_path / "whitepaper-2023.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                       encoding="utf-8")  # fmt: skip
        monkeypatch.chdir(tmp_path)
        assert pilstats.load("./whitepaper-2023.yaml").report.id == "local-copy"
        assert pilstats.load("whitepaper-2023").report.id == "whitepaper-2023"
        assert bundled_path("whitepaper-2023").parent.name == "fixtures"

    def test_unknown_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown name lists the bundled reports."""
        code, _, err = run(capsys, "check", "whitepaper-1999")
        assert code == 2
        assert "bundled: " in err
        assert "whitepaper-2023" in err


class TestReportDecidesByContent:
    """Row 12: `report` reads a fixture or a text by what the file holds, or --text."""

    def test_markdown_text_is_scanned(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`report X.md` with prose scans it (exit 1: the paragraph's check fails)."""
        md = tmp_path / "X.md"
        md.write_text(f"# 标题\n\n{PARAGRAPH}\n", encoding="utf-8")
        page = tmp_path / "r.html"
        code, _, err = run(capsys, "report", str(md), "--html", str(page))
        assert code == 1, err
        assert 'data-figure="f1"' in page.read_text(encoding="utf-8")

    def test_fixture_whatever_its_name(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A fixture saved as .txt is still a fixture; --text forces a scan."""
        (tmp_path / "whitepaper-2023.txt").write_text(TEXT, encoding="utf-8")
        fixture = tmp_path / "fixture.txt"
        fixture.write_text(WP.read_text(encoding="utf-8"), encoding="utf-8")
        page = tmp_path / "r.html"
        assert run(capsys, "report", str(fixture), "--html", str(page))[0] == 0
        assert 'data-figure="cases_total"' in page.read_text(encoding="utf-8")
        code, _, _ = run(capsys, "report", str(fixture), "--text", "--html", str(page))
        assert 'data-figure="cases_total"' not in page.read_text(encoding="utf-8")
        assert code in (0, 1)

    def test_read_text_helper(self, tmp_path: Path) -> None:
        """read_text = bounded read + the one decoding."""
        path = tmp_path / "t.txt"
        path.write_bytes(b"\xef\xbb\xbf" + PARAGRAPH.encode())
        assert read_text(path) == PARAGRAPH
