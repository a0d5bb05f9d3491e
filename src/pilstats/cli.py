r"""The ``pilstats`` command: parses arguments, calls the library, prints.

Exit codes: 0 consistent; 1 a check failed (or the ``--fail-on`` threshold was
crossed); 2 usage or input error (message names file, line and field; no traceback),
or output that cannot be written; 3 an internal error (a bug in pilstats, reported
with a traceback) — a crash is never reported as "inconsistent".

Output: everything goes through :class:`_Output`. A reader that goes away
(``pilstats check | head -1``) does not change the exit code: the verdict stands. A
write error (a full disk, a closed standard output) is one line on standard error
and exit code 2. Characters the output's encoding cannot hold are written as
escapes (``\u2212``), and JSON and XML switch to their own ASCII escapes, so the
document means the same.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pilstats.errors import FixtureError, PilstatsError
from pilstats.escaping import escape_controls, json_dumps
from pilstats.reading import MAX_FIXTURE_BYTES, MAX_TEXT_BYTES

if TYPE_CHECKING:
    from pilstats.findings import Result
    from pilstats.models import Report

__all__ = ["main"]

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_SOURCE = "whitepaper-2023"


class _WriteError(Exception):
    """Standard output cannot be written (not a broken pipe: a real error)."""


def _silence(stream: object) -> None:
    """Point the stream's descriptor at /dev/null: its buffered rest goes nowhere at exit."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        return  # an in-memory stream (tests): nothing is flushed to a descriptor
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


class _Output:
    """Standard output that survives a reader going away and reports write errors once."""

    def __init__(self) -> None:
        self.gone = False  # the reader closed the pipe: the rest is dropped

    def write(self, text: str) -> None:
        if self.gone:
            return
        stream = sys.stdout
        if stream is None:
            raise _WriteError("standard output is closed")
        try:
            stream.write(text)
        except BrokenPipeError:
            self._lost()
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed
            raise _WriteError(getattr(exc, "strerror", None) or str(exc)) from None

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def flush(self) -> None:
        if self.gone or sys.stdout is None:
            return
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            self._lost()
        except (OSError, ValueError) as exc:
            raise _WriteError(getattr(exc, "strerror", None) or str(exc)) from None

    def _lost(self) -> None:
        self.gone = True
        _silence(sys.stdout)

    @staticmethod
    def utf8() -> bool:
        """Whether standard output writes UTF-8 (what the XML declaration says)."""
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            return codecs.lookup(encoding).name == "utf-8"
        except LookupError:
            return False

    @staticmethod
    def ascii_only(text: str) -> bool:
        """Whether ``text`` must be written in ASCII escapes to survive the output encoding."""
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            if codecs.lookup(encoding).name.startswith("utf"):
                return False
            text.encode(encoding)
        except (LookupError, UnicodeEncodeError):
            return True
        return False


_OUT = _Output()


def _say(text: str = "") -> None:
    """One line of plain text output; control characters from the data made visible."""
    _OUT.line(escape_controls(text))


def _error(message: str) -> None:
    """One message on standard error (never raises: there is nowhere left to report)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"pilstats: error: {escape_controls(message, keep=chr(10))}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _prepare_streams() -> None:
    """Unencodable characters become backslash escapes instead of an exception."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.print_usage(sys.stderr)
        _error(message)
        raise SystemExit(EXIT_INPUT)


_SIZE = re.compile(r"(?P<n>[0-9]{1,15})(?P<unit>[KMG]i?B?|B)?\Z", re.IGNORECASE)


def _size(text: str) -> int:
    """``64M`` → 67108864: a byte count with an optional K, M or G (binary) suffix."""
    m = _SIZE.match(text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (e.g. 1000000, 64M)")
    power = "BKMG".index((m["unit"] or "B")[0].upper())
    size = int(m["n"]) << (10 * power)
    if size < 1:
        raise argparse.ArgumentTypeError("the size must be at least 1 byte")
    return size


def _limits(p: argparse.ArgumentParser, *, text: bool = False, confined: bool = False) -> None:
    """The input options of a command that reads files."""
    p.add_argument("--max-bytes", type=_size, metavar="N",
                   help="refuse any input file larger than N bytes (suffixes K, M, G); "
                        f"default {MAX_FIXTURE_BYTES // 2**20}M for fixtures, "
                        f"{MAX_TEXT_BYTES // 2**20}M for texts")  # fmt: skip
    if text:
        p.add_argument("--encoding", metavar="NAME",
                       help="decode the text in this encoding (e.g. big5) instead of detecting "
                            "UTF-8, UTF-16 with a byte-order mark, or GB18030")  # fmt: skip
    if confined:
        p.add_argument("--allow-outside", action="append", default=[], metavar="PATH",
                       help="also read a fixture's source_text from PATH (a file, or anything "
                            "under a folder); without it, source_text must lie in the "
                            "fixture's folder")  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="pilstats",
        description="Check the internal consistency of figures in official reports "
        "(default: the bundled 2023 public interest litigation white paper).",
        epilog="exit codes: 0 consistent, 1 a check failed, 2 usage, input or output error, "
        "3 internal error",
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    named = (f"fixture path or bundled report name (default: the bundled {DEFAULT_SOURCE}; "
             "an existing file wins over a bundled name)")  # fmt: skip

    c = sub.add_parser("check", help="run every consistency check of one or more reports")
    c.add_argument("sources", nargs="*", metavar="SOURCE", help=named)
    c.add_argument("--format", choices=["text", "json", "junit", "csv"], default="text",
                   help="csv: one row per check, the same records as the JSON findings")
    c.add_argument("--fail-on", choices=["fail", "revised", "untestable", "rounding"],
                   default="fail",
                   help="exit 1 on failures (default), also on values a later edition revised, "
                        "also on untestable checks, or also on checks that pass only within "
                        "rounding")  # fmt: skip
    c.add_argument("--across", action="store_true",
                   help="also check the sources against each other (one statistic in several "
                        "documents; implied by a collection fixture)")  # fmt: skip
    _limits(c, text=True, confined=True)

    f = sub.add_parser("figures", help="list every figure with value, unit, interval, quote")
    f.add_argument("source", nargs="?", metavar="SOURCE", help=named)
    f.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _limits(f, text=True, confined=True)

    e = sub.add_parser("explain", help="the full arithmetic of one check, or one figure")
    e.add_argument("id", metavar="CHECK_OR_FIGURE_ID")
    e.add_argument("--source", help=named)
    _limits(e, text=True, confined=True)

    s = sub.add_parser("scan", help="find figures in raw text and check the relations it states")
    s.add_argument("files", nargs="+", metavar="FILE", help="a text file (UTF-8, UTF-16 with a "
                   "byte-order mark, or GB18030), or - for standard input")  # fmt: skip
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.add_argument("--figures", action="store_true", help="also list every figure found")
    s.add_argument("--rounding", default="half_up",
                   choices=["half_up", "half_even", "up_or_down", "truncate"],
                   help="how the text rounds its rates and shares (default half_up, 四舍五入; "
                        "truncate: a source that prints 125.49%% as 125.4%%)")  # fmt: skip
    s.add_argument("--across", action="store_true",
                   help="propose statistic keys and check the texts against each other")
    _limits(s, text=True)

    se = sub.add_parser("series", help="one statistic across documents and periods")
    se.add_argument("key", metavar="KEY", help="a statistic key, e.g. pil.cases_filed")
    se.add_argument("sources", nargs="+", metavar="SOURCE",
                    help="fixtures, bundled names, collection fixtures or texts (decided by "
                         "content)")  # fmt: skip
    se.add_argument("--scope", default="national")
    se.add_argument("--measure", default="level",
                    choices=["level", "change", "difference", "change_difference"])
    se.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _limits(se, text=True, confined=True)

    d = sub.add_parser("draft", help="write a fixture from a raw text, ready to curate")
    d.add_argument("file", metavar="TEXT", help="a text file, or - for standard input")
    d.add_argument("-o", "--output", metavar="FIXTURE",
                   help="where to write the fixture (the text is copied beside it); "
                        "default: standard output")  # fmt: skip
    _limits(d, text=True)

    a = sub.add_parser("audit", help="compare a fixture with its source text")
    a.add_argument("source", nargs="?", metavar="FIXTURE", help=named)
    a.add_argument("--format", choices=["text", "json"], default="text")
    _limits(a, text=True, confined=True)

    r = sub.add_parser("report", help="a self-contained HTML page of a fixture or a plain text")
    r.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="a fixture (YAML with schema_version), a bundled report name, or a "
                        "plain text to scan (- for standard input), decided by content; "
                        "several sources or a collection fixture make one page across them "
                        f"(default: the bundled {DEFAULT_SOURCE})")  # fmt: skip
    r.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    r.add_argument("--text", action="store_true",
                   help="treat SOURCE as a plain text to scan, whatever it holds")  # fmt: skip
    r.add_argument("--across", action="store_true",
                   help="a page across the sources (implied by several sources)")
    _limits(r, text=True, confined=True)

    sc = sub.add_parser("schema", help="JSON Schema of the fixture format")
    sc.add_argument("--collection", action="store_true",
                    help="the schema of a collection fixture instead")
    sub.add_parser("units", help="the unit and qualifier table")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    _prepare_streams()
    _OUT.gone = False
    args = _parser().parse_args(argv)
    try:
        code = _dispatch(args)
        _OUT.flush()
    except PilstatsError as exc:
        _error(str(exc))
        return EXIT_INPUT
    except _WriteError as exc:
        _error(f"cannot write to standard output: {exc}")
        _silence(sys.stdout)  # what is still buffered must not fail again at exit
        return EXIT_INPUT
    except Exception:  # noqa: BLE001 - the one place that turns bugs into exit code 3
        if sys.stderr is not None:
            traceback.print_exc()
        _error("internal error (a bug in pilstats, please report it)")
        return EXIT_INTERNAL
    return code


def _fixture(source: str | None) -> Path:
    """The fixture a command names; no argument always means the bundled report."""
    from pilstats.load import bundled_path, resolve_source  # noqa: PLC0415

    return bundled_path(DEFAULT_SOURCE) if source is None else resolve_source(source)


def _load(source: str | None, args: argparse.Namespace) -> Report:
    from pilstats.load import load  # noqa: PLC0415

    return load(
        _fixture(source), max_bytes=args.max_bytes or MAX_FIXTURE_BYTES,
        text_max_bytes=args.max_bytes or MAX_TEXT_BYTES, allow_outside=args.allow_outside,
        encoding=args.encoding,
    )  # fmt: skip


def _dispatch(args: argparse.Namespace) -> int:
    if args.version:
        from pilstats import __version__  # noqa: PLC0415

        _say(__version__)
        return EXIT_OK
    command = args.command or "check"
    if command == "check":
        if args.command is None:
            args = argparse.Namespace(sources=[], format="text", fail_on="fail", max_bytes=None,
                                      across=False, encoding=None, allow_outside=[])  # fmt: skip
        if args.across or _any_collection(args.sources):
            return _check_across(args)
        return _check(args)
    if command == "series":
        return _series(args)
    if command == "figures":
        return _figures(args)
    if command == "explain":
        return _explain(args)
    if command == "scan":
        if args.across:
            return _scan_across(args)
        if len(args.files) > 1:
            raise FixtureError("several texts: add --across to check them against each other, "
                               "or scan them one at a time", path=" ".join(args.files))  # fmt: skip
        return _scan(args)
    if command == "audit":
        return _audit(args)
    if command == "draft":
        return _draft(args)
    if command == "report":
        sources = args.sources
        if args.across or len(sources) > 1 or _any_collection(sources):
            return _report_across(args)
        return _report(args)
    if command == "schema":
        if args.collection:
            from pilstats.collection import CollectionSpec  # noqa: PLC0415

            schema = CollectionSpec.model_json_schema()
        else:
            from pilstats.models import Report  # noqa: PLC0415

            schema = Report.model_json_schema()
        _json(schema)
        return EXIT_OK
    return _units()


def _check(args: argparse.Namespace) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.api import check  # noqa: PLC0415

    results: list[tuple[Report, Result]] = []
    for source in args.sources or [None]:
        rep = _load(source, args)
        results.append((rep, check(rep)))
    if args.format == "json":
        doc = render.result_json(results)
        if _OUT.ascii_only(doc):
            doc = render.result_json(results, ascii_only=True)
        _OUT.write(doc)
    elif args.format == "csv":
        _OUT.write(render.findings_csv(results))
    elif args.format == "junit":
        # the declaration says utf-8; any other output encoding gets pure ASCII
        _OUT.write(render.result_junit(results, ascii_only=not _OUT.utf8()))
    else:
        colour = _colour()
        for i, (rep, res) in enumerate(results):
            if i:
                _OUT.write("\n")
            _OUT.write(render.result_text(rep, res, colour=colour))
    failed = any(res.violations(args.fail_on) for _, res in results)
    return EXIT_FAIL if failed else EXIT_OK


def _colour() -> bool:
    stream = sys.stdout
    return stream is not None and stream.isatty() and "NO_COLOR" not in os.environ


def _any_collection(sources: list[str]) -> bool:
    named = [s for s in sources if s.endswith((".yaml", ".yml"))]
    if not named:
        return False  # a bundled name or a text: no need to load the collection module
    from pilstats.collection import is_collection  # noqa: PLC0415

    return any(is_collection(s) for s in named)


def _documents(sources: list[str], args: argparse.Namespace) -> list[object]:
    """Fixtures, bundled names and collection fixtures as given; plain texts scanned.

    Fixture or text is decided by content (``schema_version:``), as for ``report``.
    """
    from pilstats.load import looks_like_fixture  # noqa: PLC0415
    from pilstats.propose import propose  # noqa: PLC0415

    out: list[object] = []
    for source in sources:
        if source != "-" and (_any_collection([source]) or not Path(source).is_file()):
            out.append(source)  # a collection, a bundled name, or an error to report
            continue
        text = _read_text(source, args)
        out.append(source if looks_like_fixture(text) else propose(text, source).document)
    return out


def _check_across(args: argparse.Namespace) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.collection import check_collection  # noqa: PLC0415

    sources = args.sources or [str(_fixture(None))]
    result = check_collection(_documents(sources, args))  # type: ignore[arg-type]
    if args.format == "json":
        _json(result.to_document())
    elif args.format == "junit":
        _OUT.write(result.to_junit(ascii_only=not _OUT.utf8()))
    else:
        _OUT.write(render.collection_text(result, colour=_colour()))
    return EXIT_FAIL if result.violations(args.fail_on) else EXIT_OK


def _scan_across(args: argparse.Namespace) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.collection import decide  # noqa: PLC0415
    from pilstats.propose import propose  # noqa: PLC0415

    names = args.files
    if len(names) < 2:
        raise FixtureError("--across needs at least two texts", path=names[0])
    proposals = [propose(_read_text(n, args), n) for n in names]
    result = decide([p.document for p in proposals])
    if args.format == "json":
        doc = result.to_document()
        for report, p in zip(doc["reports"], proposals, strict=True):
            report["keyed"] = {fid: {"statistic": p.document.stats[fid].label(), "why": why}
                               for fid, why in p.reasons.items()}  # fmt: skip
            report["ambiguous"] = {fid: list(c) for fid, c in p.ambiguous.items()}
        _json(doc)
    else:
        _OUT.write(render.proposals_text(proposals))
        _OUT.write(render.collection_text(result, colour=_colour()))
    return EXIT_OK if result.across.ok else EXIT_FAIL


def _series(args: argparse.Namespace) -> int:
    from pilstats.collection import load_documents, merged_units  # noqa: PLC0415
    from pilstats.series import series_of  # noqa: PLC0415

    docs = load_documents(_documents(args.sources, args)).documents  # type: ignore[arg-type]
    found = series_of(docs, args.key, scope=args.scope, measure=args.measure,
                      units=merged_units(docs))  # fmt: skip
    if args.format == "json":
        _json(found.to_document())
    elif args.format == "csv":
        _OUT.write(escape_controls(found.to_csv(), keep="\n\t\r"))
    else:
        _OUT.write(escape_controls(found.to_text(), keep="\n"))
    return EXIT_OK


def _report_across(args: argparse.Namespace) -> int:
    from pilstats.collection import check_collection  # noqa: PLC0415
    from pilstats.collection_page import render_collection  # noqa: PLC0415

    result = check_collection(_documents(args.sources, args))  # type: ignore[arg-type]
    return _write_page(args.html, render_collection(result), failed=not result.ok)


def _json(value: object) -> None:
    doc = json_dumps(value)
    _OUT.write((json_dumps(value, ascii_only=True) if _OUT.ascii_only(doc) else doc) + "\n")


def _read_text(name: str, args: argparse.Namespace) -> str:
    from pilstats.reading import read_text  # noqa: PLC0415

    return read_text(name, max_bytes=args.max_bytes or MAX_TEXT_BYTES, encoding=args.encoding)


def _scan(args: argparse.Namespace) -> int:
    from pilstats.figure import Conventions  # noqa: PLC0415
    from pilstats.rounding import Rounding  # noqa: PLC0415
    from pilstats.scan import scan  # noqa: PLC0415

    text = _read_text(args.files[0], args)
    result = scan(text, conventions=Conventions(rounding=Rounding(args.rounding)))
    if args.format == "json":
        _json(result.to_dict())
    else:
        _OUT.write(_scan_text(result, text, colour=_colour(), show_figures=args.figures))
    return EXIT_OK if result.result.ok else EXIT_FAIL


def _scan_text(result: object, text: str, *, colour: bool, show_figures: bool) -> str:
    from pilstats.scan import ScanResult  # noqa: PLC0415

    assert isinstance(result, ScanResult)
    clean = escape_controls
    lines = [f"{len(result.figures)} figures found"]
    if show_figures:
        lines.extend(
            f"  {f.id:<6} @{f.start:<7} {clean(f.text.strip()):<16} {f.reported.bounds()}"
            for f in result.figures
        )
    lines.append("")
    paint = {"pass": "32", "fail": "31;1", "untestable": "33"}
    for f in result.result.findings:
        start, end = result.evidence.get(f.check, (0, 0))
        excerpt = " ".join(text[start : min(end + 1, start + 80)].split())
        label = f"{f.status.value:<10}"
        if colour:
            label = f"\x1b[{paint[f.status.value]}m{label}\x1b[0m"
        lines.append(f"{label} {clean(f.check)} @{start}: {clean(excerpt)}")
        lines.append(f"           {clean(f.message)}")
    lines.append("")
    lines.append(f"{len(result.unread)} numbers not read as figures:")
    lines.extend(f"  @{u.start:<7} {clean(u.text.strip()):<10} {u.reason}" for u in result.unread)
    lines.append("")
    lines.append(result.result.summary())
    return "\n".join(lines) + "\n"


def _draft(args: argparse.Namespace) -> int:
    from pilstats.draft import draft, draft_yaml  # noqa: PLC0415

    name, output = args.file, args.output
    text = _read_text(name, args)
    stem = Path(output).stem if output else Path(name).stem
    if output is None:
        d = draft(text, name=stem, source_text=Path(name).name if name != "-" else None)
        body = draft_yaml(d)
        _OUT.write(draft_yaml(d, ascii_only=True) if _OUT.ascii_only(body) else body)
        return EXIT_OK
    out = Path(output)
    text_path = out.with_suffix(".txt")
    if name != "-" and text_path.resolve() == Path(name).resolve():
        text_path = out.with_name(out.stem + ".source.txt")
    d = draft(text, name=stem, source_text=text_path.name)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # bytes, not write_text: no newline translation, so offsets stay offsets
        text_path.write_bytes(text.encode("utf-8"))
        out.write_text(draft_yaml(d), encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write: {exc.strerror}", path=str(out)) from None
    _say(f"wrote {out} ({d.figures} figures, {d.relations} relations, {d.excluded} "
         f"exclusions) and {text_path}")  # fmt: skip
    _say(f"next: curate {out}, then `pilstats check {out}` and `pilstats audit {out}`")
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from pilstats.audit import audit  # noqa: PLC0415

    items = audit(
        _fixture(args.source), allow_outside=args.allow_outside, encoding=args.encoding,
        max_bytes=args.max_bytes,
    )  # fmt: skip
    if args.format == "json":
        from pilstats.findings import SCHEMA_VERSION  # noqa: PLC0415

        _json({"schema_version": SCHEMA_VERSION, "ok": not items,
               "items": [i.to_dict() for i in items]})  # fmt: skip
    else:
        for i in items:
            _say(f"{i.code:<16} @{i.offset:<7} {i.figure or '':<32} {i.message}")
        _say(f"{len(items)} discrepancies")
    return EXIT_FAIL if items else EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from pilstats import page  # noqa: PLC0415
    from pilstats.api import check  # noqa: PLC0415
    from pilstats.load import load_text, looks_like_fixture, source_text  # noqa: PLC0415
    from pilstats.reading import decode, read_bytes  # noqa: PLC0415
    from pilstats.scan import scan  # noqa: PLC0415

    source: str | None = args.sources[0] if args.sources else None
    text: str | None = None
    if args.text or source == "-":
        if source is None:
            raise FixtureError("--text needs a SOURCE file (or - for standard input)", path="-")
        text = _read_text(source, args)
        name = "-" if source == "-" else Path(source).name
    else:
        path = _fixture(source)
        raw = read_bytes(path, max_bytes=args.max_bytes or MAX_TEXT_BYTES)
        name = path.name
        try:
            content: str | None = decode(raw, str(path))
        except FixtureError:
            if args.encoding is None:
                raise
            content = None
        if content is not None and looks_like_fixture(content):
            limit = args.max_bytes or MAX_FIXTURE_BYTES
            if len(raw) > limit:
                raise FixtureError(f"larger than {limit} bytes for a fixture (the limit; "
                                   "raise it with --max-bytes)", path=str(path))  # fmt: skip
            rep = load_text(
                content, path, text_max_bytes=args.max_bytes or MAX_TEXT_BYTES,
                allow_outside=args.allow_outside, encoding=args.encoding,
            )  # fmt: skip
            fixture_text = source_text(
                rep, path, required=True, allow_outside=args.allow_outside,
                encoding=args.encoding, max_bytes=args.max_bytes or MAX_TEXT_BYTES,
            )  # fmt: skip
            assert fixture_text is not None
            result = check(rep)
            html = page.render_report(rep, result, fixture_text)
            failed = not result.ok
            return _write_page(args.html, html, failed=failed)
        text = decode(raw, str(path), args.encoding) if args.encoding else content
    assert text is not None
    scanned = scan(text)
    html = page.render_scan(scanned, text, title=name)
    return _write_page(args.html, html, failed=not scanned.result.ok)


def _write_page(out: str, html: str, *, failed: bool) -> int:
    try:
        Path(out).write_text(html, encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write: {exc.strerror}", path=out) from None
    _say(f"wrote {out}")
    return EXIT_FAIL if failed else EXIT_OK


def _figures(args: argparse.Namespace) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.api import check  # noqa: PLC0415

    rep = _load(args.source, args)
    result = check(rep)
    if args.format == "json":
        doc = render.figures_json(rep, result)
        if _OUT.ascii_only(doc):
            doc = render.figures_json(rep, result, ascii_only=True)
        _OUT.write(doc)
    elif args.format == "csv":
        _OUT.write(render.figures_csv(rep, result))
    else:
        _OUT.write(render.figures_text(rep, result))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from pilstats import report as render  # noqa: PLC0415

    _OUT.write(render.explain_text(_load(args.source, args), args.id))
    return EXIT_OK


def _units() -> int:
    from pilstats.figure import Qualifier  # noqa: PLC0415
    from pilstats.units import definitions_text  # noqa: PLC0415

    _say("Units (from data/units_zh.txt):")
    for raw in definitions_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and "=" in line and not line.startswith("@"):
            parts = [x.strip() for x in line.split("=")]
            _say(f"  {' = '.join(parts[2:]) or parts[0]:<12} {parts[0]:<18} {parts[1]}")
    _say()
    _say("Qualifiers (u = one unit of the last non-zero digit, magnitude included):")
    meaning = {
        Qualifier.ABOUT: "rounding interval, both ends closed",
        Qualifier.AROUND: "rounding interval, both ends closed",
        Qualifier.MORE: "[x, x + u)", Qualifier.ODD: "[x, x + u)",
        Qualifier.NEARLY: "[x - u, x)", Qualifier.UNDER: "[x - u, x)",
        Qualifier.OVER: "(x, x + u)", Qualifier.BEYOND: "(x, x + u)",
        Qualifier.EXCEEDING: "(x, x + u)",
    }  # fmt: skip
    for q in Qualifier:
        _say(f"  {q.value:<4} {meaning[q]}")
    _say("  (none) exact for counts (件, 人 …) printed as integers without 万/亿;")
    _say("         otherwise the half-up rounding interval, e.g. 88.4% → [88.35, 88.45)")
    return EXIT_OK
