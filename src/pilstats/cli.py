"""The ``pilstats`` command: parses arguments, calls the library, prints.

Exit codes: 0 consistent; 1 a check failed (or the ``--fail-on`` threshold was
crossed); 2 usage or input error (message names file, line and field; no traceback);
3 an internal error (a bug in pilstats, reported with a traceback) — a crash is never
reported as "inconsistent".
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pilstats.errors import PilstatsError

if TYPE_CHECKING:
    from pilstats.findings import Result
    from pilstats.models import Report

__all__ = ["main"]

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_SOURCE = "whitepaper-2023"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"pilstats: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="pilstats",
        description="Check the internal consistency of figures in official reports "
        "(default: the bundled 2023 public interest litigation white paper).",
        epilog="exit codes: 0 consistent, 1 a check failed, 2 usage or input error, "
        "3 internal error",
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("check", help="run every consistency check of one or more reports")
    c.add_argument("sources", nargs="*", metavar="SOURCE",
                   help=f"fixture path or bundled report name (default: {DEFAULT_SOURCE})")
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

    f = sub.add_parser("figures", help="list every figure with value, unit, interval, quote")
    f.add_argument("source", nargs="?", default=DEFAULT_SOURCE, metavar="SOURCE")
    f.add_argument("--format", choices=["text", "json", "csv"], default="text")

    e = sub.add_parser("explain", help="the full arithmetic of one check, or one figure")
    e.add_argument("id", metavar="CHECK_OR_FIGURE_ID")
    e.add_argument("--source", default=DEFAULT_SOURCE)

    s = sub.add_parser("scan", help="find figures in raw text and check the relations it states")
    s.add_argument("files", nargs="+", metavar="FILE",
                   help="a UTF-8 (or GB18030) text file, or - for stdin")  # fmt: skip
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.add_argument("--figures", action="store_true", help="also list every figure found")
    s.add_argument("--rounding", default="half_up",
                   choices=["half_up", "half_even", "up_or_down", "truncate"],
                   help="how the text rounds its rates and shares (default half_up, 四舍五入; "
                        "truncate: a source that prints 125.49%% as 125.4%%)")  # fmt: skip
    s.add_argument("--across", action="store_true",
                   help="propose statistic keys and check the texts against each other")

    se = sub.add_parser("series", help="one statistic across documents and periods")
    se.add_argument("key", metavar="KEY", help="a statistic key, e.g. pil.cases_filed")
    se.add_argument("sources", nargs="+", metavar="SOURCE",
                    help="fixtures, bundled names, collection fixtures or .txt files")
    se.add_argument("--scope", default="national")
    se.add_argument("--measure", default="level",
                    choices=["level", "change", "difference", "change_difference"])
    se.add_argument("--format", choices=["text", "json", "csv"], default="text")

    d = sub.add_parser("draft", help="write a fixture from a raw text, ready to curate")
    d.add_argument("file", metavar="TEXT", help="a UTF-8 (or GB18030) text file")
    d.add_argument("-o", "--output", metavar="FIXTURE",
                   help="where to write the fixture (the text is copied beside it); "
                        "default: standard output")  # fmt: skip

    a = sub.add_parser("audit", help="compare a fixture with its source text")
    a.add_argument("source", nargs="?", default=DEFAULT_SOURCE, metavar="FIXTURE")
    a.add_argument("--format", choices=["text", "json"], default="text")

    r = sub.add_parser("report", help="a self-contained HTML page of a fixture or a plain text")
    r.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="fixture path, bundled report name, or a .txt file (scanned); several "
                        f"sources or a collection fixture make one page across them (default: "
                        f"{DEFAULT_SOURCE})")  # fmt: skip
    r.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    r.add_argument("--across", action="store_true",
                   help="a page across the sources (implied by several sources)")

    sc = sub.add_parser("schema", help="JSON Schema of the fixture format")
    sc.add_argument("--collection", action="store_true",
                    help="the schema of a collection fixture instead")
    sub.add_parser("units", help="the unit and qualifier table")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except PilstatsError as exc:
        print(f"pilstats: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - `pilstats figures | head`
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the one place that turns bugs into exit code 3
        import traceback  # noqa: PLC0415 - only a crash needs it

        traceback.print_exc()
        print("pilstats: internal error (a bug in pilstats, please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    if args.version:
        from pilstats import __version__  # noqa: PLC0415

        print(__version__)
        return EXIT_OK
    command = args.command or "check"
    if command == "check":
        if args.command and (args.across or _any_collection(args.sources)):
            return _check_across(args.sources, args.format, args.fail_on)
        return _check(args.sources if args.command else [], args.format if args.command else
                      "text", args.fail_on if args.command else "fail")  # fmt: skip
    if command == "series":
        return _series(args.key, args.sources, args.scope, args.measure, args.format)
    if command == "figures":
        return _figures(args.source, args.format)
    if command == "explain":
        return _explain(args.id, args.source)
    if command == "scan":
        if args.across:
            return _scan_across(args.files, args.format)
        if len(args.files) > 1:
            from pilstats.errors import FixtureError  # noqa: PLC0415

            raise FixtureError("several texts: add --across to check them against each other, "
                               "or scan them one at a time", path=" ".join(args.files))  # fmt: skip
        return _scan(args.files[0], args.format, show_figures=args.figures,
                     rounding=args.rounding)  # fmt: skip
    if command == "audit":
        return _audit(args.source, args.format)
    if command == "draft":
        return _draft(args.file, args.output)
    if command == "report":
        sources = args.sources or [DEFAULT_SOURCE]
        if args.across or len(sources) > 1 or _any_collection(sources):
            return _report_across(sources, args.html)
        return _report(sources[0], args.html)
    if command == "schema":
        import json  # noqa: PLC0415 - output formats import what they need

        if args.collection:
            from pilstats.collection import CollectionSpec  # noqa: PLC0415

            schema = CollectionSpec.model_json_schema()
        else:
            from pilstats.models import Report  # noqa: PLC0415

            schema = Report.model_json_schema()
        print(json.dumps(schema, ensure_ascii=False, indent=2))
        return EXIT_OK
    return _units()


def _check(sources: list[str], fmt: str, fail_on: str) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.api import check, load  # noqa: PLC0415

    results: list[tuple[Report, Result]] = []
    for source in sources or [DEFAULT_SOURCE]:
        rep = load(source)
        results.append((rep, check(rep)))
    if fmt == "json":
        sys.stdout.write(render.result_json(results))
    elif fmt == "csv":
        sys.stdout.write(render.findings_csv(results))
    elif fmt == "junit":
        sys.stdout.write(render.result_junit(results))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        for i, (rep, res) in enumerate(results):
            if i:
                sys.stdout.write("\n")
            sys.stdout.write(render.result_text(rep, res, colour=colour))
    failed = any(res.violations(fail_on) for _, res in results)
    return EXIT_FAIL if failed else EXIT_OK


def _any_collection(sources: list[str]) -> bool:
    from pilstats.collection import is_collection  # noqa: PLC0415

    return any(is_collection(s) for s in sources)


def _documents(sources: list[str]) -> list[object]:
    """Fixtures, bundled names and collection fixtures as given; .txt files scanned."""
    from pilstats.propose import propose  # noqa: PLC0415

    out: list[object] = []
    for source in sources:
        if source == "-" or source.endswith(".txt"):
            out.append(propose(_read_text(source), source).document)
        else:
            out.append(source)
    return out


def _check_across(sources: list[str], fmt: str, fail_on: str) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.collection import check_collection  # noqa: PLC0415

    result = check_collection(_documents(sources or [DEFAULT_SOURCE]))  # type: ignore[arg-type]
    if fmt == "json":
        sys.stdout.write(result.to_json() + "\n")
    elif fmt == "junit":
        sys.stdout.write(result.to_junit())
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render.collection_text(result, colour=colour))
    return EXIT_FAIL if result.violations(fail_on) else EXIT_OK


def _scan_across(names: list[str], fmt: str) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.collection import decide  # noqa: PLC0415
    from pilstats.errors import FixtureError  # noqa: PLC0415
    from pilstats.propose import propose  # noqa: PLC0415

    if len(names) < 2:
        raise FixtureError("--across needs at least two texts", path=names[0])
    proposals = [propose(_read_text(n), n) for n in names]
    result = decide([p.document for p in proposals])
    if fmt == "json":
        doc = result.to_document()
        for report, p in zip(doc["reports"], proposals, strict=True):
            report["keyed"] = {fid: {"statistic": p.document.stats[fid].label(), "why": why}
                               for fid, why in p.reasons.items()}  # fmt: skip
            report["ambiguous"] = {fid: list(c) for fid, c in p.ambiguous.items()}
        import json  # noqa: PLC0415 - only this output needs it

        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render.proposals_text(proposals))
        sys.stdout.write(render.collection_text(result, colour=colour))
    return EXIT_OK if result.across.ok else EXIT_FAIL


def _series(key: str, sources: list[str], scope: str, measure: str, fmt: str) -> int:
    from pilstats.collection import load_documents, merged_units  # noqa: PLC0415
    from pilstats.series import series_of  # noqa: PLC0415

    docs = load_documents(_documents(sources)).documents  # type: ignore[arg-type]
    found = series_of(docs, key, scope=scope, measure=measure, units=merged_units(docs))
    if fmt == "json":
        import json  # noqa: PLC0415 - only this output needs it

        print(json.dumps(found.to_document(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        sys.stdout.write(found.to_csv())
    else:
        sys.stdout.write(found.to_text())
    return EXIT_OK


def _report_across(sources: list[str], out: str) -> int:
    from pilstats.collection import check_collection  # noqa: PLC0415
    from pilstats.collection_page import render_collection  # noqa: PLC0415
    from pilstats.errors import FixtureError  # noqa: PLC0415

    result = check_collection(_documents(sources))  # type: ignore[arg-type]
    try:
        Path(out).write_text(render_collection(result), encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write: {exc.strerror}", path=out) from None
    print(f"wrote {out}")
    return EXIT_OK if result.ok else EXIT_FAIL


def _read_text(name: str) -> str:
    from pilstats.load import decode_text, read_text_file  # noqa: PLC0415

    if name == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return read_text_file(Path(name))


def _scan(name: str, fmt: str, *, show_figures: bool, rounding: str = "half_up") -> int:
    from pilstats.figure import Conventions  # noqa: PLC0415
    from pilstats.rounding import Rounding  # noqa: PLC0415
    from pilstats.scan import scan  # noqa: PLC0415

    text = _read_text(name)
    result = scan(text, conventions=Conventions(rounding=Rounding(rounding)))
    if fmt == "json":
        import json  # noqa: PLC0415 - output formats import what they need

        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(_scan_text(result, text, colour=colour, show_figures=show_figures))
    return EXIT_OK if result.result.ok else EXIT_FAIL


def _scan_text(result: object, text: str, *, colour: bool, show_figures: bool) -> str:
    from pilstats.scan import ScanResult  # noqa: PLC0415

    assert isinstance(result, ScanResult)
    lines = [f"{len(result.figures)} figures found"]
    if show_figures:
        lines.extend(
            f"  {f.id:<6} @{f.start:<7} {f.text.strip():<16} {f.reported.bounds()}"
            for f in result.figures
        )
    lines.append("")
    paint = {"pass": "32", "fail": "31;1", "untestable": "33", "revised": "35"}
    for f in result.result.findings:
        start, end = result.evidence.get(f.check, (0, 0))
        excerpt = " ".join(text[start : min(end + 1, start + 80)].split())
        label = f"{f.status.value:<10}"
        if colour:
            label = f"\x1b[{paint[f.status.value]}m{label}\x1b[0m"
        lines.append(f"{label} {f.check} @{start}: {excerpt}")
        lines.append(f"           {f.message}")
    lines.append("")
    lines.append(f"{len(result.unread)} numbers not read as figures:")
    lines.extend(f"  @{u.start:<7} {u.text.strip():<10} {u.reason}" for u in result.unread)
    lines.append("")
    lines.append(result.result.summary())
    return "\n".join(lines) + "\n"


def _draft(name: str, output: str | None) -> int:
    from pilstats.draft import draft, draft_yaml  # noqa: PLC0415
    from pilstats.errors import FixtureError  # noqa: PLC0415

    text = _read_text(name)
    stem = Path(output).stem if output else Path(name).stem
    if output is None:
        d = draft(text, name=stem, source_text=Path(name).name if name != "-" else None)
        sys.stdout.write(draft_yaml(d))
        return EXIT_OK
    out = Path(output)
    text_path = out.with_suffix(".txt")
    if text_path.resolve() == Path(name).resolve():
        text_path = out.with_name(out.stem + ".source.txt")
    d = draft(text, name=stem, source_text=text_path.name)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # bytes, not write_text: no newline translation, so offsets stay offsets
        text_path.write_bytes(text.encode("utf-8"))
        out.write_text(draft_yaml(d), encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write: {exc.strerror}", path=str(out)) from None
    print(f"wrote {out} ({d.figures} figures, {d.relations} relations, {d.excluded} "
          f"exclusions) and {text_path}")  # fmt: skip
    print(f"next: curate {out}, then `pilstats check {out}` and `pilstats audit {out}`")
    return EXIT_OK


def _audit(source: str, fmt: str) -> int:
    from pilstats.audit import audit  # noqa: PLC0415

    items = audit(source)
    if fmt == "json":
        import json  # noqa: PLC0415 - output formats import what they need

        from pilstats.findings import SCHEMA_VERSION  # noqa: PLC0415

        doc = {"schema_version": SCHEMA_VERSION, "ok": not items,
               "items": [i.to_dict() for i in items]}  # fmt: skip
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for i in items:
            print(f"{i.code:<16} @{i.offset:<7} {i.figure or '':<32} {i.message}")
        print(f"{len(items)} discrepancies")
    return EXIT_FAIL if items else EXIT_OK


def _report(source: str, out: str) -> int:
    from pilstats import page  # noqa: PLC0415
    from pilstats.api import check, load  # noqa: PLC0415
    from pilstats.errors import FixtureError  # noqa: PLC0415
    from pilstats.load import source_text  # noqa: PLC0415
    from pilstats.scan import scan  # noqa: PLC0415

    if source.endswith(".txt") or source == "-":
        text = _read_text(source)
        scanned = scan(text)
        html = page.render_scan(scanned, text, title=Path(source).name)
        failed = not scanned.result.ok
    else:
        rep = load(source)
        path = rep.source_path
        fixture_text = source_text(rep, path, required=True) if path is not None else None
        if fixture_text is None:  # pragma: no cover - a loaded path always has one
            raise FixtureError("the fixture names no readable source_text", path=source)
        result = check(rep)
        html = page.render_report(rep, result, fixture_text)
        failed = not result.ok
    try:
        Path(out).write_text(html, encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write: {exc.strerror}", path=out) from None
    print(f"wrote {out}")
    return EXIT_FAIL if failed else EXIT_OK


def _figures(source: str, fmt: str) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.api import check, load  # noqa: PLC0415

    rep = load(source)
    out = {"json": render.figures_json, "csv": render.figures_csv}.get(fmt, render.figures_text)
    sys.stdout.write(out(rep, check(rep)))
    return EXIT_OK


def _explain(ident: str, source: str) -> int:
    from pilstats import report as render  # noqa: PLC0415
    from pilstats.api import load  # noqa: PLC0415

    sys.stdout.write(render.explain_text(load(source), ident))
    return EXIT_OK


def _units() -> int:
    from pilstats.figure import Qualifier  # noqa: PLC0415
    from pilstats.units import definitions_text  # noqa: PLC0415

    print("Units (from data/units_zh.txt):")
    for raw in definitions_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and "=" in line and not line.startswith("@"):
            parts = [x.strip() for x in line.split("=")]
            print(f"  {' = '.join(parts[2:]) or parts[0]:<12} {parts[0]:<18} {parts[1]}")
    print()
    print("Qualifiers (u = one unit of the last non-zero digit, magnitude included):")
    meaning = {
        Qualifier.ABOUT: "rounding interval, both ends closed",
        Qualifier.AROUND: "rounding interval, both ends closed",
        Qualifier.MORE: "[x, x + u)", Qualifier.ODD: "[x, x + u)",
        Qualifier.NEARLY: "[x - u, x)", Qualifier.UNDER: "[x - u, x)",
        Qualifier.OVER: "(x, x + u)", Qualifier.BEYOND: "(x, x + u)",
        Qualifier.EXCEEDING: "(x, x + u)",
    }  # fmt: skip
    for q in Qualifier:
        print(f"  {q.value:<4} {meaning[q]}")
    print("  (none) exact for counts (件, 人 …) printed as integers without 万/亿;")
    print("         otherwise the half-up rounding interval, e.g. 88.4% → [88.35, 88.45)")
    return EXIT_OK
