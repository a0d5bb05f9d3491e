"""Read fixtures: YAML with strings preserved, line numbers kept, nothing coerced.

:func:`load` accepts a bundled report name (``"whitepaper-2023"``), a path, or an
already-parsed mapping, and returns a validated :class:`~pilstats.models.Report`.
Every problem becomes one :class:`~pilstats.errors.FixtureError` naming the file, the
line and the field path. YAML aliases are refused (no "billion laughs"), duplicate
mapping keys are an error (PyYAML would silently keep the last), and numbers must be
quoted where the model wants text.
"""

from __future__ import annotations

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
    "load",
    "read_yaml",
    "resolve_source",
    "source_text",
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
    exc: ValidationError, name: str, lines: dict[_Path, int]
) -> FixtureError:
    problems: list[tuple[int | None, str, str]] = []
    errors = exc.errors(include_url=False)
    if any(e["type"] != "unresolved_reference" for e in errors):
        # references cannot resolve while the figures themselves are invalid: noise
        errors = [e for e in errors if e["type"] != "unresolved_reference"]
    for err in errors:
        # drop the tags pydantic inserts for unions and function validators
        loc = tuple(
            p for p in err["loc"]
            if not (isinstance(p, str) and (p[:1].isupper() or p.startswith("function-")))
        )  # fmt: skip
        line = None
        probe: _Path = loc
        while probe:
            if probe in lines:
                line = lines[probe]
                break
            probe = probe[:-1]
        problems.append((line, _dotted(loc), err["msg"]))
    line, field, msg = problems[0]
    if len(problems) == 1:
        return FixtureError(msg, path=name, line=line, field=field)
    listing = "\n".join(
        f"  {'line ' + str(ln) + ': ' if ln else ''}{fd}: {m}" for ln, fd, m in problems
    )
    return FixtureError(f"{len(problems)} problems:\n{listing}", path=name, line=line)


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


def source_text(report: Report, fixture: Path) -> str | None:
    """The verbatim source text named by ``report.report.source_text``, if present."""
    name = report.report.source_text
    if not name:
        return None
    path = fixture.parent / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def load(source: str | Path | Mapping[str, Any]) -> Report:
    """Load and validate a fixture: a bundled name, a path, or a mapping.

    Every check runs during validation; read the results with :func:`pilstats.check`.

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
    report._source = path  # noqa: SLF001 - the loader owns this provenance attribute
    return report


def _validate(data: Mapping[str, Any], name: str, lines: dict[_Path, int]) -> Report:
    try:
        return Report.from_mapping(data)
    except ValidationError as exc:
        raise _from_validation_error(exc, name, lines) from None


read_yaml = _read_yaml
"""Strict YAML reading with line numbers (for other fixture kinds: collections)."""

validation_error = _from_validation_error
"""A pydantic ValidationError as one FixtureError naming file, line and field."""
