"""Statistic keys: what a figure measures, for which period and scope.

The same statistic is printed in many documents — the white paper's 189885 cases, the
work report's 19万, next year's restatement. A fixture figure says which statistic it is
with a *key* from the vocabulary in ``data/statistics.yaml`` (a fixture may add keys in
its ``keys:`` block), the *period* it covers (:mod:`pilstats.periods`) and its *scope*
(``national``, a province such as ``zhejiang``, or a place inside one:
``jiangsu.zhenjiang``). Its *measure* says how it relates to the statistic:

* ``level`` (default): the statistic itself (189885件);
* ``change``: its relative change from the ``base`` period (同比上升76.7%);
* ``difference``: its absolute change from ``base`` (比上年末减少208万人; 出生率 −0.38千分点);
* ``change_difference``: the change of its growth rate (增幅下降28个百分点: this period's
  change minus the base period's change).

``direction`` (``up``/``down``) is the wording's 上升/下降 for unsigned figures; ``base``
defaults to :meth:`pilstats.periods.Period.previous` (the 同比 period).

The typed statistics models set keys for the figures they type (``typed:`` in the data
file): a fixture with a ``statistics:`` block needs no keys written by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pilstats.errors import PilstatsError
from pilstats.fields import CaseField, FieldGroup
from pilstats.periods import Period, parse_period
from pilstats.units import POINT_UNITS, active_units

__all__ = [
    "KEY_PATTERN",
    "KIND_NAMES",
    "MEASURES",
    "KeySpec",
    "ScanHint",
    "Stat",
    "StatKeyError",
    "Vocabulary",
    "check_key_format",
    "check_scope",
    "figure_problem",
    "typed_keys",
    "vocabulary",
]

DATA = Path(__file__).with_name("data") / "statistics.yaml"

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
"""``domain.statistic[.qualifier…]``: lower-case ASCII, at least two dot-separated parts."""

MEASURES = ("level", "change", "difference", "change_difference")
"""How a figure relates to its statistic (see the module docstring)."""

KIND_NAMES = ("flow", "stock", "rate")
"""Flows and rates cover a span of time; stocks are counted at a point in time."""

Measure = Literal["level", "change", "difference", "change_difference"]
Kind = Literal["flow", "stock", "rate"]

_SCOPE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")


class StatKeyError(PilstatsError, ValueError):
    """An unknown or malformed statistic key or scope; suggests the closest known ones."""


@dataclass(frozen=True, slots=True)
class ScanHint:
    """How a scanned statement is recognised as this statistic.

    Attributes:
        predicates: the canonical predicates the statement may have (``None``: none).
        nouns: one of these must occur in the statement's words ("" matches any).
        exclude: none of these may occur in them.
    """

    predicates: tuple[str | None, ...]
    nouns: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def matches(self, predicate: str | None, words: str) -> bool:
        """Whether a statement with this predicate and these words names the statistic.

        ``words`` are the statement's noun and the words before its figure (predicate
        forms included: 提起民事公益诉讼 is 提起诉讼 of 民事 suits).
        """
        if predicate not in self.predicates:
            return False
        if not any(n in words for n in self.nouns):
            return False
        return not any(x in words for x in self.exclude)


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One statistic of the vocabulary.

    Attributes:
        key: the key (``pil.cases_filed``).
        zh: the Chinese name.
        en: an English name.
        unit: the unit of its level (件, 人, 亩, %, ‰ or "" for a bare number).
        kind: ``flow``, ``stock`` or ``rate``.
        scan: how the scanner recognises it, if it can.
        origin: ``bundled`` or the fixture that declared it.
    """

    key: str
    zh: str
    en: str
    unit: str
    kind: Kind
    scan: ScanHint | None = None
    origin: str = "bundled"


@dataclass(frozen=True, slots=True)
class Stat:
    """What a keyed figure states: a statistic, for a period and scope, by a measure.

    Two figures with equal ``identity`` state the same quantity and must agree.
    """

    key: str
    period: Period
    scope: str = "national"
    measure: Measure = "level"
    base: Period | None = None
    direction: Literal["up", "down"] = "up"

    @property
    def identity(self) -> tuple[str, str, str, str, str]:
        """``(key, scope, measure, period, base)`` as text: equal for one quantity."""
        return (self.key, self.scope, self.measure, str(self.period),
                "" if self.base is None else str(self.base))  # fmt: skip

    def label(self) -> str:
        """``pil.cases_filed 2023`` (with the measure and base when not a level)."""
        where = "" if self.scope == "national" else f" [{self.scope}]"
        if self.measure == "level":
            return f"{self.key} {self.period}{where}"
        return f"{self.key} {self.period} {self.measure} since {self.base}{where}"


@dataclass(frozen=True)
class Vocabulary:
    """The statistic keys and scopes a fixture may name."""

    keys: Mapping[str, KeySpec]
    scopes: Mapping[str, str]
    _lower: Mapping[str, str] = field(default_factory=dict, repr=False)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is a known key."""
        return key in self.keys

    def __iter__(self) -> Iterator[str]:
        """The keys, in the order of the data file (bundled first)."""
        return iter(self.keys)

    def get(self, key: str) -> KeySpec:
        """The entry of ``key``.

        Raises:
            StatKeyError: unknown key; the message suggests the closest known keys.
        """
        found = self.keys.get(key)
        if found is None:
            raise StatKeyError(self.unknown_message(key))
        return found

    def suggestions(self, key: str) -> list[str]:
        """Up to three known keys closest to ``key`` (did you mean …?)."""
        import difflib  # noqa: PLC0415 - only a misspelt key needs it

        return difflib.get_close_matches(key, list(self.keys), n=3, cutoff=0.6)

    def unknown_message(self, key: str) -> str:
        """``unknown statistic key …; did you mean …?`` with a pointer to the keys: block."""
        close = self.suggestions(key)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        return (
            f"unknown statistic key {key!r}{hint} (keys are listed in "
            "pilstats/data/statistics.yaml; declare a new one in the fixture's keys: block)"
        )

    def extend(self, entries: Mapping[str, Mapping[str, Any]], origin: str) -> Vocabulary:
        """A vocabulary with a fixture's own keys added.

        Raises:
            StatKeyError: a key is malformed or already known.
        """
        keys = dict(self.keys)
        for key, spec in entries.items():
            check_key_format(key)
            if key in keys:
                raise StatKeyError(
                    f"key {key!r} is already in the vocabulary ({keys[key].origin}); "
                    "use it without declaring it"
                )
            keys[key] = _spec(key, spec, origin)
        return Vocabulary(keys, self.scopes)


def check_key_format(key: object) -> str:
    """``key`` when it is a well-formed key.

    Raises:
        StatKeyError: not a string, or not ``domain.statistic`` in lower-case ASCII.
    """
    if not isinstance(key, str):
        raise StatKeyError(f"a statistic key is text, not {type(key).__name__}")
    if not KEY_PATTERN.match(key):
        raise StatKeyError(
            f"malformed statistic key {key!r}: lower-case ASCII words joined by dots, "
            "e.g. pil.cases_filed"
        )
    return key


def check_scope(scope: object, vocab: Vocabulary | None = None) -> str:
    """``scope`` when it is ``national``, a province id, or ``province.place``.

    Raises:
        StatKeyError: malformed, or its first part is not a known scope (suggests the
            closest ones).
    """
    vocab = vocab or vocabulary()
    if not isinstance(scope, str) or not _SCOPE.match(scope):
        raise StatKeyError(
            f"malformed scope {scope!r}: national, a province (zhejiang) or a place in "
            "one (jiangsu.zhenjiang), lower-case ASCII"
        )
    head = scope.split(".", 1)[0]
    if head not in vocab.scopes:
        import difflib  # noqa: PLC0415 - only a misspelt scope needs it

        close = difflib.get_close_matches(head, list(vocab.scopes), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise StatKeyError(f"unknown scope {head!r}{hint} (known: national and the provinces)")
    if head == "national" and scope != "national":
        raise StatKeyError(f"scope {scope!r}: a place inside national is its province's scope")
    return scope


def _spec(key: str, raw: Mapping[str, Any], origin: str) -> KeySpec:
    if not isinstance(raw, Mapping):
        raise StatKeyError(f"key {key!r}: expected a mapping with zh, en, unit and kind")
    unknown = sorted(set(raw) - {"zh", "en", "unit", "kind", "scan"})
    if unknown:
        raise StatKeyError(f"key {key!r}: unknown field(s) {', '.join(unknown)}")
    scan_fields = raw.get("scan")
    if scan_fields is not None and (
        not isinstance(scan_fields, Mapping) or set(scan_fields) - {"predicate", "nouns", "not"}
    ):
        raise StatKeyError(f"key {key!r}: scan takes predicate, nouns and not")
    kind = raw.get("kind")
    if kind not in KIND_NAMES:
        kinds = ", ".join(KIND_NAMES)
        raise StatKeyError(f"key {key!r}: kind must be one of {kinds}, not {kind!r}")
    unit = raw.get("unit", "")
    zh = raw.get("zh")
    if not isinstance(zh, str) or not zh or not isinstance(unit, str):
        raise StatKeyError(f"key {key!r}: zh (the Chinese name) and unit must be text")
    en = raw.get("en", "")
    scan = raw.get("scan")
    hint = None
    if scan is not None:
        raw_predicate = scan.get("predicate")
        predicates = tuple(raw_predicate) if isinstance(raw_predicate, list) else (raw_predicate,)
        hint = ScanHint(predicates, tuple(scan.get("nouns", ())), tuple(scan.get("not", ())))
    return KeySpec(key, zh, str(en), unit, kind, hint, origin)


def _expand(template: str, raw: Mapping[str, Any], groups: Mapping[str, str]) -> Iterator[
    tuple[str, dict[str, Any]]
]:
    """One entry per field or group for a key written with ``{field}`` / ``{group}``."""
    if "{field}" in template:
        for f in CaseField:
            fill = {"field": f.value, "field_zh": f.chinese, "field_en": f.english}
            yield template.format(**fill), {k: _fill(v, fill) for k, v in raw.items()}
    elif "{group}" in template:
        for g in FieldGroup:
            fill = {"group": g.value, "group_zh": groups.get(g.value, g.value)}
            yield template.format(**fill), {k: _fill(v, fill) for k, v in raw.items()}
    else:
        yield template, dict(raw)


def _fill(value: Any, fill: Mapping[str, str]) -> Any:
    return value.format(**fill) if isinstance(value, str) else value


@cache
def _data() -> dict[str, Any]:
    import yaml  # noqa: PLC0415 - read once, only when keys are used

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    loaded: dict[str, Any] = yaml.load(DATA.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    return loaded


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary (``data/statistics.yaml``), read once."""
    raw = _data()
    groups = raw.get("groups", {})
    keys: dict[str, KeySpec] = {}
    for template, spec in raw["keys"].items():
        for key, filled in _expand(template, spec, groups):
            keys[key] = _spec(check_key_format(key), filled, "bundled")
    return Vocabulary(keys, dict(raw["scopes"]))


@cache
def _typed_table() -> dict[str, tuple[str, Measure]]:
    raw = _data()
    out: dict[str, tuple[str, Measure]] = {}
    for path_template, target in raw["typed"].items():
        key_template: str = target if isinstance(target, str) else target["key"]
        measure: Measure = "level" if isinstance(target, str) else target["measure"]
        if "{field}" in path_template:
            for f in CaseField:
                out[path_template.format(field=f.value)] = (key_template.format(field=f.value),
                                                            measure)  # fmt: skip
        elif "{group}" in path_template:
            for g in FieldGroup:
                out[path_template.format(group=g.value)] = (key_template.format(group=g.value),
                                                            measure)  # fmt: skip
        else:
            out[path_template] = (key_template, measure)
    return out


def _is_record(value: Any) -> bool:
    return hasattr(value, "reported") and hasattr(value, "id") and hasattr(value, "quote")


def _typed_paths(statistics: Any) -> Iterator[tuple[str, Any, Any]]:
    """``(path, record, owner)`` for every figure a typed statistics model holds."""
    for name in ("case_volume", "pre_litigation", "litigation", "outcomes"):
        model = getattr(statistics, name, None)
        if model is None:
            continue
        for fname in type(model).model_fields:
            value = getattr(model, fname)
            if _is_record(value):
                yield f"{name}.{fname}", value, model
    fields = getattr(statistics, "fields", None)
    if fields is None:
        return
    yield "fields.total", fields.total, fields
    for g in fields.groups:
        yield f"fields.group.{g.group.value}.total", g.total, g
        if g.share is not None:
            yield f"fields.group.{g.group.value}.share", g.share, g
        for m in g.members:
            yield f"fields.field.{m.field.value}.count", m.count, m
            if m.share is not None:
                yield f"fields.field.{m.field.value}.share", m.share, m


def typed_keys(statistics: Any) -> dict[str, tuple[str, Measure, Literal["up", "down"]]]:
    """Figure id → ``(key, measure, direction)`` for the figures the typed models type.

    ``statistics`` is a :class:`pilstats.models.Statistics` (or ``None``). A figure typed
    twice (the case total of ``case_volume`` and of ``fields``) gets its key once; a
    ``change`` takes its direction from the model (``administrative_change_direction``).
    """
    out: dict[str, tuple[str, Measure, Literal["up", "down"]]] = {}
    if statistics is None:
        return out
    table = _typed_table()
    for path, record, owner in _typed_paths(statistics):
        entry = table.get(path)
        if entry is None:
            continue
        key, measure = entry
        direction: Literal["up", "down"] = "up"
        if measure == "change":
            attr = path.rsplit(".", 1)[1] + "_direction"
            direction = "down" if getattr(owner, attr, "up") == "down" else "up"
        out.setdefault(record.id, (key, measure, direction))
    return out


def resolve_stat(
    *,
    key: str,
    kind: str,
    period: str | int | None,
    report_period: Period,
    scope: str | None,
    report_scope: str,
    measure: Measure = "level",
    base: str | int | None = None,
    direction: Literal["up", "down"] = "up",
) -> Stat:
    """The :class:`Stat` of a keyed figure, its defaults filled from its report.

    A figure without a period takes its report's (``report.period``, else the year);
    for a stock that is the year-end of the report's period. A change without a base
    compares with the previous period (同比).
    """
    if period is not None:
        p = parse_period(period)
    elif kind == "stock" and not report_period.point:
        p = Period(report_period.end, report_period.end, point=True)
    else:
        p = report_period
    b = parse_period(base) if base is not None else (None if measure == "level" else p.previous())
    return Stat(key, p, scope or report_scope, measure, b, direction)


def _converts(unit: str, target: str) -> bool:
    table = active_units()
    try:
        table.conversion_factor(unit, target)
    except PilstatsError:
        return False
    return True


def figure_problem(
    spec: KeySpec, measure: Measure, unit: str, period: Period | None, base: Period | None
) -> str | None:
    """Why a figure in ``unit`` cannot state ``spec`` by ``measure`` (None when it can).

    A stock's period is a point in time, a flow's or rate's a span; a level is in the
    key's unit (or one convertible to it: 万吨 and 千克 are both masses); a change in
    %, 倍 or 成; a difference in the key's unit, or for a rate in any ratio unit
    (千分点, 个百分点); a change of a growth rate in a ratio unit (个百分点).
    """
    if period is not None:
        if spec.kind == "stock" and not period.point:
            return (
                f"{spec.key} ({spec.zh}) is a stock, counted at a point in time: write its "
                f"period as a date such as {period.end.isoformat()} or '{period.end.year} "
                f"year-end', not {period}"
            )
        if spec.kind != "stock" and period.point:
            return (
                f"{spec.key} ({spec.zh}) is a {spec.kind} over a span of time: write its "
                f"period as a year, quarter or span (e.g. {period.start.year}), not the "
                f"point {period}"
            )
        if base is not None and base.sort_key >= period.sort_key:
            return f"the base period {base} is not earlier than the period {period}"
    table = active_units()
    if measure == "level":
        if not _converts(unit, spec.unit):
            return f"{spec.key} ({spec.zh}) is in {spec.unit!r}, but the figure is in {unit!r}"
    elif measure == "change":
        if not table.is_ratio(unit) or unit in POINT_UNITS or unit == "":
            return f"a change (measure: change) is printed in %, 倍 or 成, not {unit!r}"
    elif measure == "difference":
        if table.is_ratio(spec.unit):
            if not table.is_ratio(unit):
                return (f"a difference of {spec.key} (a ratio in {spec.unit}) is in a ratio "
                        f"unit such as 个百分点 or 千分点, not {unit!r}")  # fmt: skip
        elif not _converts(unit, spec.unit):
            return f"a difference of {spec.key} is in {spec.unit!r}, not {unit!r}"
    elif not table.is_ratio(unit) or unit == "":
        return f"a change of a growth rate (change_difference) is in 个百分点, not {unit!r}"
    return None
