"""Read fixtures: YAML with strings preserved, line numbers kept, nothing coerced.

:func:`load` accepts a bundled report name (``"whitepaper-2023"``), a path, or an
already-parsed mapping, and returns a validated :class:`~pilstats.models.Report`.
Every problem becomes one :class:`~pilstats.errors.FixtureError` naming the file, the
line and the field path. YAML aliases are refused (no "billion laughs"), duplicate
mapping keys are an error (PyYAML would silently keep the last), and numbers must be
quoted where the model wants text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pilstats.errors import FixtureError
from pilstats.models import Report

__all__ = [
    "MAX_FIXTURE_BYTES",
    "bundled_reports",
    "decode_text",
    "error_location",
    "load",
    "read_text_file",
    "read_yaml",
    "resolve_source",
    "source_text",
    "source_text_path",
    "validation_error",
]

MAX_FIXTURE_BYTES = 16 * 1024 * 1024
"""Larger fixture files are refused rather than read."""

_Path = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (10x faster), else the pure-Python one
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_SCALARS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
}
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _build(
    loader: yaml.SafeLoader, node: yaml.Node, path: _Path, out: dict[_Path, int], seen: set[int]
) -> Any:
    """Construct the document from libyaml's node tree, recording every node's line.

    Refuses aliases (a node reached twice) and duplicate keys. Plain strings, ints,
    booleans and nulls are built here directly; other tags go to PyYAML's constructor.
    """
    if id(node) in seen:
        # an alias (*name) hands back the anchored node itself: refuse it, so that a
        # "billion laughs" document can never expand
        raise FixtureError(
            "YAML anchors and aliases (&name, *name) are not allowed in fixtures",
            line=node.start_mark.line + 1,
            field=_dotted(path),
        )
    seen.add(id(node))
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            k = _build(loader, key_node, (*path, "<key>"), {}, seen)
            if k in keys:
                raise FixtureError(
                    f"duplicate key {k!r} (first at line {keys[k]})",
                    line=key_node.start_mark.line + 1,
                    field=_dotted((*path, k)),
                )
            keys[k] = key_node.start_mark.line + 1
            mapping[k] = _build(loader, value_node, (*path, k), out, seen)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), out, seen) for i, item in enumerate(node.value)]
    tag = node.tag
    if tag in _SCALARS:
        return _SCALARS[tag](node.value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool" and node.value.lower() in _BOOLS:
        return _BOOLS[node.value.lower()]
    return loader.construct_object(node, deep=True)


def _dotted(path: _Path) -> str:
    text = ""
    for p in path:
        text += f"[{p}]" if isinstance(p, int) else (f".{p}" if text else str(p))
    return text or "<document>"


def _read_yaml(text: str, name: str) -> tuple[Any, dict[_Path, int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FixtureError("the file is empty", path=name, line=1)  # noqa: TRY301
        lines: dict[_Path, int] = {}
        data = _build(loader, node, (), lines, set())
    except FixtureError as exc:
        raise FixtureError(exc.message, path=name, line=exc.line, field=exc.field) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise FixtureError(f"YAML syntax error: {problem}", path=name, line=line) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise FixtureError(f"YAML error: {exc}", path=name) from None
    finally:
        loader.dispose()
    return data, lines


def _from_validation_error(
    exc: ValidationError, name: str, lines: dict[_Path, int], data: Any = None
) -> FixtureError:
    problems: list[tuple[int | None, str, str]] = []
    errors = exc.errors(include_url=False)
    if any(e["type"] != "unresolved_reference" for e in errors):
        # references cannot resolve while the figures themselves are invalid: noise
        errors = [e for e in errors if e["type"] != "unresolved_reference"]
    for err in errors:
        loc = error_location(err)
        problems.append((_line_of(loc, lines), _dotted(loc), _teach(err, loc, data)))
    return _problems_error(name, problems)


def error_location(err: Any) -> _Path:
    """The field path of a pydantic error, without the tags of unions and validators."""
    return tuple(
        p for p in err["loc"]
        if not (isinstance(p, str) and (p[:1].isupper() or p.startswith("function-")))
    )  # fmt: skip


def _problems_error(name: str, problems: list[tuple[int | None, str, str]]) -> FixtureError:
    """One error for one problem, or one listing them all (the first one's line)."""
    line, field, msg = problems[0]
    if len(problems) == 1:
        return FixtureError(msg, path=name, line=line, field=field)
    listing = "\n".join(
        f"  {'line ' + str(ln) + ': ' if ln else ''}{fd}: {m}" for ln, fd, m in problems
    )
    return FixtureError(f"{len(problems)} problems:\n{listing}", path=name, line=line)


def _line_of(loc: _Path, lines: dict[_Path, int]) -> int | None:
    probe = loc
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return None


def _teach(err: Any, loc: _Path, data: Any) -> str:
    """The message pydantic gives, with what would fix it: quote it, did you mean …?"""
    from pilstats.models import did_you_mean  # noqa: PLC0415 - error path only

    kind, msg, value = err["type"], err["msg"], err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f"{msg}: YAML read {value!r} as a number; quote it exactly as printed, "
            f'e.g. "{value}" (a figure keeps its printed form, 12.30 its zero)'
        )
    if kind == "extra_forbidden" and loc:
        allowed = _keys_at(loc[:-1], data)
        hint = did_you_mean(str(loc[-1]), allowed)
        known = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return f"unknown key {loc[-1]!r}{hint}{known}"
    if kind == "union_tag_invalid":
        tags = re.findall(r"'([^']+)'", str(ctx.get("expected_tags", "")))
        return f"{msg}{did_you_mean(str(ctx.get('tag', '')), tags)}"
    if kind in ("literal_error", "enum") and isinstance(value, str):
        expected = re.findall(r"'([^']+)'", str(ctx.get("expected", "")))
        return f"{msg}{did_you_mean(value, expected)}"
    return str(msg)


def _keys_at(loc: _Path, data: Any) -> list[str]:
    """The keys the fixture format allows at ``loc`` (from the JSON Schema)."""
    from pilstats.models import Report  # noqa: PLC0415 - error path only

    schema = Report.model_json_schema()
    defs = schema.get("$defs", {})
    node: Any = schema
    value = data
    for step in loc:
        node = _schema_branch(node, defs, value)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
        value = _child(value, step)
    node = _schema_branch(node, defs, value)
    return list(node.get("properties", {}))


def _child(value: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return value[step] if isinstance(value, list) and step < len(value) else None
    return value.get(step) if isinstance(value, Mapping) else None


def _schema_branch(node: dict[str, Any], defs: dict[str, Any], value: Any) -> dict[str, Any]:
    """Follow ``$ref`` and pick the member of a union that describes ``value``."""
    for _ in range(10):
        if "$ref" in node:
            node = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
            continue
        options = node.get("oneOf") or node.get("anyOf")
        if not options:
            return node
        kind = value.get("kind") if isinstance(value, Mapping) else None
        mapping = node.get("discriminator", {}).get("mapping", {})
        if kind in mapping:
            node = defs.get(mapping[kind].rsplit("/", 1)[-1], {})
            continue
        objects = [o for o in options if "$ref" in o or o.get("type") in ("object", "array")]
        wanted = "array" if isinstance(value, list) else "object"
        node = next(
            (o for o in objects if o.get("type", "object") == wanted), objects[0] if objects else {}
        )
    return node


def bundled_reports() -> list[str]:
    """Names of the reports shipped with pilstats (``whitepaper-2023`` …)."""
    root = _bundled_root()
    return sorted(p.stem for p in root.glob("*.yaml")) if root else []


def _bundled_root() -> Path | None:
    packaged = Path(__file__).with_name("fixtures")
    if packaged.is_dir():
        return packaged
    # editable install / source checkout: the repository's top-level fixtures/
    here = Path(__file__).resolve().parents[2] / "fixtures"
    return here if here.is_dir() else None


def resolve_source(source: str | Path) -> Path:
    """Map a bundled report name or a path to an existing fixture file.

    Raises:
        FixtureError: no such report or file, or a directory.
    """
    path = Path(source)
    if not path.exists() and isinstance(source, str) and "/" not in source and not source.endswith(
        (".yaml", ".yml")
    ):
        root = _bundled_root()
        if root is not None and (root / f"{source}.yaml").is_file():
            return root / f"{source}.yaml"
        known = ", ".join(bundled_reports()) or "none"
        raise FixtureError(f"no such file or bundled report (bundled: {known})", path=str(source))
    if not path.exists():
        raise FixtureError("no such file", path=str(source))
    if path.is_dir():
        raise FixtureError("is a directory, not a fixture file", path=str(source))
    return path


def read_text_file(path: Path) -> str:
    """A text file as pilstats reads every source text: UTF-8 (BOM ignored) or GB18030.

    Line ends are kept as they are (no newline translation), so a character offset
    into the result is an offset into the file as every pilstats command reads it.

    Raises:
        FixtureError: the file cannot be read, is binary, or is neither encoding.
    """
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise FixtureError("is a directory, not a text file", path=str(path)) from None
    except OSError as exc:
        raise FixtureError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> str:
    """Decode a source text: UTF-8 (BOM ignored) or GB18030; binary data is refused."""
    if b"\x00" in raw:
        raise FixtureError("binary data, not a text file", path=name)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FixtureError("neither UTF-8 nor GB18030 text", path=name)  # pragma: no cover


def source_text_path(report: Report, fixture: Path) -> Path | None:
    """Where the source text named by ``report.report.source_text`` should be."""
    name = report.report.source_text
    return (fixture.parent / name).resolve() if name else None


def source_text(report: Report, fixture: Path, *, required: bool = False) -> str | None:
    """The verbatim source text named by ``report.report.source_text``.

    ``None`` when the fixture names none, or names one that is missing; with
    ``required=True`` both are a :class:`FixtureError` naming the resolved path.
    """
    path = source_text_path(report, fixture)
    if path is None:
        if required:
            raise FixtureError(
                "the fixture names no source text: add report.source_text, the file name of "
                "the verbatim text beside the fixture",
                path=str(fixture), line=_line_of(("report",), report.lines), field="report",
            )
        return None
    if not path.is_file():
        if not required:
            return None
        raise FixtureError(
            f"the source text {report.report.source_text!r} is not there: {path} does not "
            "exist (put the text beside the fixture, or correct the name)",
            path=str(fixture), line=_line_of(("report", "source_text"), report.lines),
            field="report.source_text",
        )
    return read_text_file(path)


def _verify_quotes(report: Report, fixture: Path, name: str) -> None:
    """Every quote must be found verbatim at its offset of the source text."""
    text = source_text(report, fixture, required=True)
    assert text is not None
    where = source_text_path(report, fixture)
    problems: list[tuple[int | None, str, str]] = []
    for i, f in enumerate(report.figures):
        if text.startswith(f.quote, f.offset):
            continue
        loc: _Path = ("figures", i, "offset")
        found = text.find(f.quote)
        if found >= 0:
            msg = (f"quote {f.quote!r} is not at offset {f.offset} of {where} but at "
                   f"{found}: set offset: {found}")  # fmt: skip
        else:
            loc = ("figures", i, "quote")
            at = text.find(f.printed)
            hint = (f"; {f.printed!r} itself is at offset {at}" if at >= 0 else
                    f"; {f.printed!r} is not in the text either")  # fmt: skip
            msg = (f"quote {f.quote!r} is nowhere in {where}: copy it verbatim from the "
                   f"text{hint}")  # fmt: skip
        problems.append((_line_of(loc, report.lines), _dotted(loc), msg))
    if problems:
        raise _problems_error(name, problems)


def load(source: str | Path | Mapping[str, Any], *, verify_source: bool = True) -> Report:
    """Load and validate a fixture: a bundled name, a path, or a mapping.

    Every check runs during validation; read the results with :func:`pilstats.check`.
    A fixture that names its source text (``report.source_text``) must come with it,
    and every quote must be found verbatim at its offset (``verify_source=False``
    skips this, for :func:`pilstats.audit.audit`, which reports such problems).

    Raises:
        FixtureError: the input is malformed (names file, line and field).
    """
    if isinstance(source, Mapping):
        return _validate(source, "<mapping>", {})
    path = resolve_source(source)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FixtureError(f"cannot read: {exc.strerror}", path=name) from None
    if len(raw) > MAX_FIXTURE_BYTES:
        raise FixtureError(f"larger than {MAX_FIXTURE_BYTES} bytes", path=name)
    if b"\x00" in raw:
        raise FixtureError("binary data, not a YAML text file", path=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FixtureError(f"not UTF-8 text (byte {exc.start})", path=name) from None
    data, lines = _read_yaml(text, name)
    if not isinstance(data, Mapping):
        raise FixtureError(
            f"the top level must be a mapping, not {type(data).__name__}", path=name, line=1
        )
    report = _validate(data, name, lines)
    report._source = path  # noqa: SLF001 - the loader owns these provenance attributes
    report._lines = lines  # noqa: SLF001
    if verify_source and report.report.source_text:
        _verify_quotes(report, path, name)
    return report


def _validate(data: Mapping[str, Any], name: str, lines: dict[_Path, int]) -> Report:
    try:
        return Report.from_mapping(data)
    except ValidationError as exc:
        raise _from_validation_error(exc, name, lines, data) from None


read_yaml = _read_yaml
"""Strict YAML reading with line numbers (for other fixture kinds: collections)."""

validation_error = _from_validation_error
"""A pydantic ValidationError as one FixtureError naming file, line and field."""
