"""Read fixtures: YAML with strings preserved, line numbers kept, nothing coerced.

:func:`load` accepts a bundled report name (``"whitepaper-2023"``), a path, or an
already-parsed mapping, and returns a validated :class:`~pilstats.models.Report`.
Every problem becomes one :class:`~pilstats.errors.FixtureError` naming the file, the
line and the field path. The file is read by :mod:`pilstats.reading` (regular files
only, size-capped while reading, one decoding for every text). Of YAML, a fixture may
use mappings with text keys, sequences, text, whole numbers in decimal digits,
booleans and null: anything else the safe loader would build — floats, dates,
``!!binary``, ``!!set``, merge keys, complex keys, hexadecimal or octal numbers, other
tags — is refused with its line and field. YAML aliases are refused (no "billion
laughs"), duplicate mapping keys are an error (PyYAML would silently keep the last),
nesting is limited, and numbers must be quoted where the model wants text.

A fixture's ``source_text`` is read only from the fixture's own folder (after
resolving symbolic links): an absolute path, a ``..`` or a link that leads elsewhere
is refused unless the caller allows that place explicitly (``allow_outside``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pilstats.decimals import isolated
from pilstats.errors import FixtureError
from pilstats.models import FIELD_KEY, Report
from pilstats.reading import MAX_FIXTURE_BYTES, MAX_TEXT_BYTES, decode, read_bytes, read_text

__all__ = [
    "MAX_FIXTURE_BYTES",
    "bundled_path",
    "bundled_reports",
    "decode_text",
    "error_location",
    "load",
    "load_text",
    "looks_like_fixture",
    "read_text_file",
    "read_yaml",
    "resolve_source",
    "source_text",
    "source_text_path",
    "validation_error",
]

_Path = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (10x faster), else the pure-Python one
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MAX_DEPTH = 64
"""Deeper nesting is refused (a fixture needs six levels)."""

_YAML = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL = (_YAML + t for t in ("str", "int", "bool", "null"))
_MAP, _SEQ = _YAML + "map", _YAML + "seq"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_WHY = {  # what the tag builds, and how to write what was meant
    "float": ("a number with a fraction or an exponent (YAML float)",
              'quote figures as printed ("12.3%"); whole numbers take no fraction'),
    "timestamp": ("an unquoted date or time (YAML timestamp)", 'quote it ("2024-03-09")'),
    "binary": ("binary data (!!binary)", ""),
    "set": ("a set (!!set)", "write a list"),
    "omap": ("an ordered map (!!omap)", "write a mapping"),
    "pairs": ("a list of pairs (!!pairs)", "write a mapping"),
    "merge": ("a merge key (<<)", "write the keys out"),
    "value": ("a value key (=)", ""),
}  # fmt: skip


_KINDS = {"int": "a number", "bool": "a boolean", "null": "null", "seq": "a list",
          "map": "a mapping"}  # fmt: skip


def _tag_error(node: yaml.Node, path: _Path) -> FixtureError:
    tag = str(node.tag)
    short = tag.removeprefix(_YAML)
    what, hint = _WHY.get(
        short, (f"the YAML tag {'!!' + short if tag.startswith(_YAML) else tag}", "")
    )
    value = f" {node.value[:40]!r}" if isinstance(node, yaml.ScalarNode) else ""
    return FixtureError(
        f"{what}{value} is not allowed in a fixture" + (f": {hint}" if hint else ""),
        line=node.start_mark.line + 1,
        field=_dotted(path),
    )


def _scalar(node: yaml.ScalarNode, path: _Path) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    line, field = node.start_mark.line + 1, _dotted(path)
    if tag == _INT:
        if not _DECIMAL.match(value):
            shown = repr(value) if len(value) <= 24 else repr(value[:24]) + "…"
            raise FixtureError(
                f"{shown}: write whole numbers in decimal digits (at most 18), without "
                "underscores; YAML 1.1 reads 0x1E as hexadecimal and 017 as octal",
                line=line, field=field,
            )  # fmt: skip
        return int(value)
    if tag == _BOOL:
        if value.lower() not in _BOOLS:
            raise FixtureError(f"{value[:24]!r} is not a boolean (true or false)", line=line,
                               field=field)  # fmt: skip
        return _BOOLS[value.lower()]
    if tag == _NULL:
        if value not in _NULLS:
            raise FixtureError(f"{value[:24]!r} is not null", line=line, field=field)
        return None
    raise _tag_error(node, path)


def _build(node: yaml.Node, path: _Path, out: dict[_Path, int], seen: set[int]) -> Any:
    """Construct the document from the node tree, recording every node's line.

    Only text-keyed mappings, sequences, text, decimal integers, booleans and null
    are built; every other tag is refused. Aliases (a node reached twice), duplicate
    keys and nesting deeper than :data:`_MAX_DEPTH` are refused too.
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
    if len(path) > _MAX_DEPTH:
        raise FixtureError(
            f"nested more than {_MAX_DEPTH} levels deep",
            line=node.start_mark.line + 1,
            field=_dotted(path[:4]) + "…",
        )
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _tag_error(node, path)
        mapping: dict[str, Any] = {}
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if id(key_node) in seen:
                raise FixtureError("YAML anchors and aliases (&name, *name) are not allowed "
                                   "in fixtures", line=line, field=_dotted(path))  # fmt: skip
            seen.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                if key_node.tag != _STR and isinstance(key_node, yaml.ScalarNode) and (
                    key_node.tag.removeprefix(_YAML) in _WHY
                ):
                    raise _tag_error(key_node, path)
                kind = _KINDS.get(key_node.tag.removeprefix(_YAML), str(key_node.tag))
                raise FixtureError(f"a mapping key must be a name (text), not {kind}",
                                   line=line, field=_dotted(path))  # fmt: skip
            k = key_node.value
            if k in keys:
                raise FixtureError(
                    f"duplicate key {k!r} (first at line {keys[k]})",
                    line=line,
                    field=_dotted((*path, k)),
                )
            keys[k] = line
            mapping[k] = _build(value_node, (*path, k), out, seen)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _tag_error(node, path)
        return [_build(item, (*path, i), out, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path)


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
        data = _build(node, (), lines, set())
    except FixtureError as exc:
        raise FixtureError(exc.message, path=name, line=exc.line, field=exc.field) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise FixtureError(f"YAML syntax error: {problem}", path=name, line=line) from None
    except RecursionError:
        # the pure-Python composer (no libyaml) recurses once per level
        raise FixtureError("YAML nested too deeply", path=name) from None
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
    """The field path of a pydantic error, without the tags of unions and validators.

    A model-level check that names its field (see :data:`pilstats.models.FIELD_KEY`)
    has that field appended.
    """
    loc: _Path = tuple(
        p for p in err["loc"]
        if not (isinstance(p, str) and (p[:1].isupper() or p.startswith("function-")))
    )  # fmt: skip
    field = (err.get("ctx") or {}).get(FIELD_KEY)
    return (*loc, field) if isinstance(field, str) else loc


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


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def bundled_path(name: str) -> Path:
    """The fixture file of the bundled report ``name``, wherever the working folder is.

    Raises:
        FixtureError: pilstats ships no report of that name.
    """
    root = _bundled_root()
    if _NAME.match(name) and root is not None and (root / f"{name}.yaml").is_file():
        return root / f"{name}.yaml"
    known = ", ".join(bundled_reports()) or "none"
    raise FixtureError(f"no such file or bundled report (bundled: {known})", path=name)


def resolve_source(source: str | Path) -> Path:
    """Map a path or a bundled report name to a fixture file.

    An existing file (anything but a directory) wins: ``./whitepaper-2023.yaml`` or a
    file named ``whitepaper-2023`` in the working folder. Otherwise a name without a
    ``/`` is looked up among the bundled reports, so a *directory* named like a
    bundled report never shadows it.

    Raises:
        FixtureError: no such report or file, or a directory.
    """
    path = Path(source)
    if path.exists() and not path.is_dir():
        return path
    text = str(source)
    if isinstance(source, str) and "/" not in text and "\\" not in text:
        root = _bundled_root()
        if root is not None and _NAME.match(text) and (root / f"{text}.yaml").is_file():
            return root / f"{text}.yaml"
    if path.is_dir():
        raise FixtureError("is a directory, not a fixture file", path=text)
    if isinstance(source, str) and "/" not in text and not text.endswith((".yaml", ".yml")):
        bundled_path(text)  # raises, listing the bundled reports
    raise FixtureError("no such file", path=text)


def read_text_file(
    path: Path, *, max_bytes: int = MAX_TEXT_BYTES, encoding: str | None = None
) -> str:
    """A text file as pilstats reads every text (see :mod:`pilstats.reading`).

    Regular files only, at most ``max_bytes``; UTF-8 (a BOM is not a character),
    UTF-16 with a BOM or GB18030, or ``encoding``. Line ends are kept as they are (no
    newline translation), so a character offset into the result is an offset into the
    file as every pilstats command reads it.

    Raises:
        FixtureError: the file cannot be read, is not a regular file, is too large,
            binary, or in an encoding pilstats does not guess.
    """
    return read_text(path, max_bytes=max_bytes, encoding=encoding)


def decode_text(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text as pilstats decodes every text (:func:`pilstats.reading.decode`)."""
    return decode(raw, name, encoding)


def source_text_path(report: Report, fixture: Path) -> Path | None:
    """Where the source text named by ``report.report.source_text`` is (links resolved)."""
    name = report.report.source_text
    return (fixture.parent / name).resolve() if name else None


def source_text(
    report: Report,
    fixture: Path,
    *,
    required: bool = False,
    allow_outside: Iterable[str | Path] = (),
    max_bytes: int = MAX_TEXT_BYTES,
    encoding: str | None = None,
) -> str | None:
    """The verbatim source text named by ``report.report.source_text``.

    The name is a path relative to the fixture's folder, and the file it leads to —
    after resolving every symbolic link — must lie inside that folder. A file
    elsewhere (an absolute path, ``../..``, a link out of the folder, ``/proc``) is a
    :class:`FixtureError` unless it is, or lies under, one of ``allow_outside``; that
    is decided before the file is read or even looked up. The text is read like every
    other (:func:`read_text_file`).

    ``None`` when the fixture names no text, or names one that is missing; with
    ``required=True`` both are a :class:`FixtureError` naming the resolved path.

    Raises:
        FixtureError: the text is outside the folder, unreadable or not text (or
            missing, with ``required``); the error names the fixture, the line and
            the field ``report.source_text``.
    """
    name = report.report.source_text
    if not name:
        if required:
            raise FixtureError(
                "the fixture names no source text: add report.source_text, the file name of "
                "the verbatim text beside the fixture",
                path=str(fixture), line=_line_of(("report",), report.lines), field="report",
            )
        return None
    where: dict[str, Any] = {"path": str(fixture), "field": "report.source_text",
                             "line": _line_of(("report", "source_text"), report.lines)}  # fmt: skip
    try:
        root = fixture.parent.resolve()
        target = source_text_path(report, fixture)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
        raise FixtureError(f"source text {name!r} cannot be resolved: {exc}", **where) from None
    assert target is not None
    inside = not Path(name).is_absolute() and target.is_relative_to(root)
    if not inside and not _allowed(target, allow_outside):
        raise FixtureError(
            f"source text {name!r} leads outside the fixture's folder {root}: refused "
            "(allow its place with --allow-outside PATH)", **where,
        )  # fmt: skip
    if not target.exists():
        if not required:
            return None
        raise FixtureError(
            f"the source text {name!r} is not there: {target} does not exist (put the text "
            "beside the fixture, or correct the name)", **where,
        )  # fmt: skip
    try:
        raw = read_bytes(target, max_bytes=max_bytes, follow_symlinks=False)
        return decode(raw, str(target), encoding)
    except FixtureError as exc:
        raise FixtureError(f"source text {name!r}: {exc.message}", **where) from None


def _allowed(target: Path, allow_outside: Iterable[str | Path]) -> bool:
    for place in allow_outside:
        try:
            allowed = Path(place).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if target == allowed or target.is_relative_to(allowed):
            return True
    return False


def _verify_quotes(report: Report, fixture: Path, name: str, **reading: Any) -> None:
    """Every quote must be found verbatim at its offset of the source text."""
    text = source_text(report, fixture, required=True, **reading)
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


_FIXTURE_MARK = re.compile(r"^\{?\s*[\"']?schema_version[\"']?\s*:", re.MULTILINE)


def looks_like_fixture(text: str) -> bool:
    """Whether ``text`` is a fixture: YAML whose top level has a ``schema_version`` key.

    Decided by content, never by the file's name: a report text has no line that
    begins with ``schema_version:``.
    """
    return _FIXTURE_MARK.search(text) is not None


@isolated
def load(
    source: str | Path | Mapping[str, Any],
    *,
    verify_source: bool = True,
    max_bytes: int = MAX_FIXTURE_BYTES,
    allow_outside: Iterable[str | Path] = (),
    text_max_bytes: int = MAX_TEXT_BYTES,
    encoding: str | None = None,
) -> Report:
    """Load and validate a fixture: a bundled name, a path, or a mapping.

    Every check runs during validation; read the results with :func:`pilstats.check`.
    A fixture that names its source text (``report.source_text``) must come with it,
    and every quote must be found verbatim at its offset (``verify_source=False``
    skips this, for :func:`pilstats.audit.audit`, which reports such problems). The
    fixture file is refused beyond ``max_bytes``; its source text is read as
    :func:`source_text` reads it (``allow_outside``, ``text_max_bytes``, ``encoding``).

    Raises:
        FixtureError: the input is malformed (names file, line and field).
        TypeError: ``source`` is not a name, a path or a mapping.
    """
    if isinstance(source, Mapping):
        return _validate(source, "<mapping>", {})
    if not isinstance(source, str | Path):
        raise TypeError(f"a fixture is a name, a path or a mapping, not {type(source).__name__}")
    path = resolve_source(source)
    raw = read_bytes(path, max_bytes=max_bytes)
    return load_text(
        decode(raw, str(path)), path, verify_source=verify_source, allow_outside=allow_outside,
        text_max_bytes=text_max_bytes, encoding=encoding,
    )  # fmt: skip


@isolated
def load_text(
    text: str,
    path: Path,
    *,
    verify_source: bool = True,
    allow_outside: Iterable[str | Path] = (),
    text_max_bytes: int = MAX_TEXT_BYTES,
    encoding: str | None = None,
) -> Report:
    """Validate the fixture ``text`` read from ``path`` (the base of its ``source_text``).

    Raises:
        FixtureError: the input is malformed (names file, line and field).
    """
    name = str(path)
    data, lines = _read_yaml(text, name)
    if not isinstance(data, Mapping):
        raise FixtureError(
            f"the top level must be a mapping, not {type(data).__name__}", path=name, line=1
        )
    report = _validate(data, name, lines)
    report._source = path  # noqa: SLF001 - the loader owns these provenance attributes
    report._lines = lines  # noqa: SLF001
    if verify_source and report.report.source_text:
        _verify_quotes(report, path, name, allow_outside=allow_outside,
                       max_bytes=text_max_bytes, encoding=encoding)  # fmt: skip
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
