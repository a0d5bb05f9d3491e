"""Pydantic models of a report fixture and of the statistics every edition carries.

A fixture (``fixtures/<report>.yaml``) holds the figures as printed with their quotes,
the typed statistics (which figure is the case total, which the administrative share
…), the narrative relations, and the exclusions. Validation parses every figure,
resolves every reference, and runs every check:

* the typed statistics models (:class:`CaseVolume`, :class:`Litigation`,
  :class:`FieldBreakdown` …) *declare* the checks their structure implies in
  ``checks()``, and their ``model_validator(mode="after")`` hands them to
  :func:`pilstats.checks.evaluate` — no arithmetic is re-implemented here;
* the fixture's ``relations`` are check specifications of their own.

Findings are collected, never raised one by one: :func:`pilstats.check` reads them
from the validated :class:`Report`; :func:`pilstats.load` with ``strict=True`` raises
one :class:`pydantic.ValidationError` listing every failed check.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from pilstats.checks import (
    Change,
    Check,
    Formula,
    Rate,
    Same,
    Share,
    ShareSum,
    Subset,
    Total,
    evaluate_all,
)
from pilstats.decimals import isolated
from pilstats.errors import PilstatsError
from pilstats.fields import CaseField, FieldGroup
from pilstats.figure import Conventions, Reported, parse_figure
from pilstats.findings import Finding, Status
from pilstats.rounding import Rounding
from pilstats.units import POINT_UNITS, UnitTable, base_units, dimension, using_units

if TYPE_CHECKING:
    from pilstats import keys as _keys

__all__ = [
    "FIELD_KEY",
    "RELATION_ID",
    "CaseVolume",
    "ConstantRecord",
    "ConventionsSpec",
    "Exclusion",
    "FieldBreakdown",
    "FieldGroupBreakdown",
    "FieldMember",
    "FigureRecord",
    "KeyDefinition",
    "Litigation",
    "NotStated",
    "Outcomes",
    "PreLitigation",
    "Reason",
    "Report",
    "ReportMeta",
    "Statistics",
    "did_you_mean",
]

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
"""Figure and check ids: lower-case ASCII snake_case."""

FIELD_KEY = "pilstats_field"
"""Context key of a validation error raised for one field by a model-level validator."""

RELATION_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
"""Relation ids: ASCII letters, digits, ``_ . -`` (no spaces, no control characters)."""
_RELATION_ID = re.compile(RELATION_ID)
_RELATION_ID_MAX = 120

_HUNDRED = Decimal(100)

for _spec in (Total, Share, ShareSum, Subset, Change, Rate, Same, Formula):
    # The check specs are plain dataclasses (checks.py stays free of pydantic); reject
    # misspelt keys in fixtures instead of dropping them.
    setattr(_spec, "__pydantic_config__", ConfigDict(extra="forbid"))  # noqa: B010


# Fields of the check specs that hold lists of figure ids, with the fewest ids that
# make a relation (a total of no parts, a sum of no shares, one statement "twice").
_MIN_IDS = {"parts": 1, "shares": 1, "statements": 2, "whole": 1}


def _relation_field_error(field: str, message: str) -> PydanticCustomError:
    """An error for one field of a relation (the loader appends the field to its path)."""
    return PydanticCustomError("relation_field", "{message}", {FIELD_KEY: field,
                                                               "message": message})  # fmt: skip


_SPECS: dict[str, type] = {
    "total": Total, "share": Share, "share_sum": ShareSum, "subset": Subset, "change": Change,
    "rate": Rate, "same": Same, "formula": Formula,
}  # fmt: skip


def _check_relation(value: Any) -> Any:
    """Refuse what the specs' plain types would let through: odd ids, empty lists, 0 as false.

    The specs are plain dataclasses (pydantic-free), so these checks sit here.
    """
    if not isinstance(value, dict):
        return value
    kind = value.get("kind")
    spec = _SPECS.get(kind) if isinstance(kind, str) else None
    rid = value.get("id")
    if isinstance(rid, str) and (len(rid) > _RELATION_ID_MAX or not _RELATION_ID.match(rid)):
        raise _relation_field_error(
            "id", f"{rid[:40]!r} is not a relation id: ASCII letters, digits, _ . - only, "
            f"at most {_RELATION_ID_MAX} characters",
        )  # fmt: skip
    for key, fewest in _MIN_IDS.items():
        ids = value.get(key)
        if isinstance(ids, list | tuple) and len(ids) < fewest:
            what = "no figure" if not ids else "one figure"
            raise _relation_field_error(
                key, f"names {what}; a {kind} relation needs at least {fewest}"
            )
    if spec is not None:
        for f in dataclasses.fields(spec):
            if f.type == "bool" and f.name in value and not isinstance(value[f.name], bool):
                raise _relation_field_error(
                    f.name, f"Input should be true or false, not {value[f.name]!r}"
                )
    return value


Relation = Annotated[
    Total | Share | ShareSum | Subset | Change | Rate | Same | Formula,
    Field(discriminator="kind"),
    BeforeValidator(_check_relation),
]


def _whole_number(value: Any) -> Any:
    """Refuse ``true`` and ``1.0`` where a whole number is meant (bool and float are not)."""
    if isinstance(value, bool | float):
        raise PydanticCustomError("int_type", "Input should be a whole number")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ReportMeta(_Frozen):
    """What the fixture describes and where its text comes from (provenance)."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: str
    publisher: str
    year: StrictInt = Field(ge=1949, le=2200)
    published: str | None = None
    source_text: str | None = Field(
        default=None, description="File name, beside the fixture, of the verbatim source text."
    )
    source_url: str | None = None
    retrieved: str | None = None
    note: str | None = None
    period: str | int | None = Field(
        default=None,
        description="The period the report covers (its edition), e.g. 2023 or 2014..2019; "
        "default: the year. Keyed figures without a period take it.",
    )
    scope: str | None = Field(
        default=None,
        description="Where its statistics are counted: national (default), a province "
        "(zhejiang) or a place in one (jiangsu.zhenjiang).",
    )

    @field_validator("period", mode="after")
    @classmethod
    def _period(cls, v: str | int | None) -> str | int | None:
        return _check_period(v)

    @field_validator("scope", mode="after")
    @classmethod
    def _scope(cls, v: str | None) -> str | None:
        return _check_scope(v)


def _check_period(value: str | int | None) -> str | int | None:
    if value is not None:
        from pilstats.periods import parse_period  # noqa: PLC0415 - keyed fixtures only

        try:
            parse_period(value)
        except PilstatsError as exc:
            raise PydanticCustomError(
                "unparseable_period", "{error}", {"error": str(exc)}
            ) from None
    return value


def _check_scope(value: str | None) -> str | None:
    if value is not None:
        from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only

        try:
            _keys.check_scope(value)
        except PilstatsError as exc:
            raise PydanticCustomError("unknown_scope", "{error}", {"error": str(exc)}) from None
    return value


def _vocabulary_broken(info: ValidationInfo) -> bool:
    return isinstance(info.context, dict) and info.context.get("vocabulary") == "broken"


def _vocabulary(info: ValidationInfo) -> _keys.Vocabulary:
    from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only

    context = info.context if isinstance(info.context, dict) else {}
    found = context.get("vocabulary")
    return found if isinstance(found, _keys.Vocabulary) else _keys.vocabulary()


class ConventionsSpec(_Frozen):
    """How this report's figures are read; see :class:`pilstats.figure.Conventions`."""

    rounding: Rounding = Rounding.HALF_UP
    approx_rounding: Rounding = Rounding.UP_OR_DOWN
    counts_exact: StrictBool = True

    def to_conventions(self) -> Conventions:
        """The equivalent :class:`~pilstats.figure.Conventions`."""
        return Conventions(self.rounding, self.approx_rounding, self.counts_exact)


def _parse(printed: str, exact: bool | None, unit: str | None = None) -> Reported:
    try:
        return parse_figure(printed, exact=exact, unit=unit)
    except PilstatsError as exc:
        code = "unknown_unit" if "unit" in type(exc).__name__.lower() else "unparseable_figure"
        raise PydanticCustomError(code, "{error}", {"error": str(exc),
                                                     FIELD_KEY: "printed"}) from None  # fmt: skip


class FigureRecord(_Frozen):
    """One printed figure with its provenance.

    ``printed`` is the figure exactly as the text prints it (a YAML string, so that
    ``12.30`` keeps its zero); ``quote`` is a verbatim span of the source containing
    it, found at character ``offset`` of the source text.
    """

    id: Identifier
    printed: StrictStr
    section: str
    quote: StrictStr
    offset: StrictInt = Field(ge=0)
    exact: StrictBool | None = None
    unit: str | None = Field(
        default=None,
        description="The unit when the text prints it apart from the number (a table "
        "header such as 人口出生率(‰)); read as if it followed the number.",
    )
    note: str | None = None
    key: str | None = Field(
        default=None,
        description="The statistic the figure states: a key of pilstats/data/statistics.yaml "
        "or of the fixture's keys: block (e.g. pil.cases_filed).",
    )
    period: str | int | None = Field(
        default=None,
        description="The period it covers: 2023, 2023Q1, 2023-05, 2017-07..2022-06, "
        "2014..2019, or a point in time for stocks (2018-12-31, '2018 year-end'); default: "
        "the report's.",
    )
    scope: str | None = Field(
        default=None, description="national (default: the report's), a province, or a place."
    )
    measure: Literal["level", "change", "difference", "change_difference"] | None = Field(
        default=None,
        description="level (default): the statistic itself; change: its relative change "
        "since base (%); difference: its absolute change since base; change_difference: the "
        "change of its growth rate since base (个百分点).",
    )
    base: str | int | None = Field(
        default=None, description="The period a change compares with; default: the previous "
        "period (同比).",
    )  # fmt: skip
    direction: Literal["up", "down"] | None = Field(
        default=None, description="上升 (up, default) or 下降 (down), for unsigned changes."
    )
    _reported: Reported = PrivateAttr()

    @field_validator("key", mode="after")
    @classmethod
    def _known_key(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is not None and _vocabulary_broken(info):
            return v
        if v is not None:
            from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only

            try:
                _vocabulary(info).get(_keys.check_key_format(v))
            except PilstatsError as exc:
                raise PydanticCustomError("unknown_key", "{error}", {"error": str(exc)}) from None
        return v

    @field_validator("period", "base", mode="after")
    @classmethod
    def _period(cls, v: str | int | None) -> str | int | None:
        return _check_period(v)

    @field_validator("scope", mode="after")
    @classmethod
    def _scope(cls, v: str | None) -> str | None:
        return _check_scope(v)

    @model_validator(mode="after")
    def _read(self, info: ValidationInfo) -> Self:
        self._reported = _parse(self.printed, self.exact, self.unit)
        if self.printed not in self.quote:
            raise PydanticCustomError(
                "figure_not_in_quote", "printed figure {printed} is not inside its quote",
                {"printed": repr(self.printed)},
            )  # fmt: skip
        self._check_stat(info)
        return self

    def _check_stat(self, info: ValidationInfo) -> None:
        extra = [n for n in ("period", "scope", "measure", "base", "direction")
                 if getattr(self, n) is not None]  # fmt: skip
        if self.key is None:
            if extra:
                raise PydanticCustomError(
                    "key_missing", "{fields} describe a statistic: name it with key:",
                    {"fields": ", ".join(extra)},
                )  # fmt: skip
            return
        measure = self.measure or "level"
        if measure == "level" and (self.base is not None or self.direction is not None):
            raise PydanticCustomError(
                "base_without_change",
                "base and direction belong to a change (measure: change, difference or "
                "change_difference), not to a level",
            )
        if _vocabulary_broken(info):
            return
        from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only
        from pilstats.periods import parse_period  # noqa: PLC0415

        spec = _vocabulary(info).get(self.key)
        period = parse_period(self.period) if self.period is not None else None
        base = parse_period(self.base) if self.base is not None else None
        if period is not None and base is None and measure != "level":
            base = period.previous()
        problem = _keys.figure_problem(spec, measure, self._reported.unit, period, base)
        if problem:
            raise PydanticCustomError("key_mismatch", "{error}", {"error": problem})

    @property
    def reported(self) -> Reported:
        """The parsed figure."""
        return self._reported

    @property
    def position(self) -> int:
        """Character offset of the figure itself in the source text."""
        return self.offset + self.quote.index(self.printed)


class ConstantRecord(_Frozen):
    """A number the report does not print but relations need (31 provincial units)."""

    id: Identifier
    printed: StrictStr
    note: str
    _reported: Reported = PrivateAttr()

    @model_validator(mode="after")
    def _read(self) -> Self:
        self._reported = _parse(self.printed, None)
        return self

    @property
    def reported(self) -> Reported:
        """The parsed constant."""
        return self._reported


Reason = Literal["date", "numbering", "name", "ordinal", "duration", "address", "idiom", "other"]
"""Why a number of the text is not a figure (see :mod:`pilstats.unread`)."""


class Exclusion(_Frozen):
    """A number in the text that is not a statistical figure, and why."""

    text: StrictStr
    offset: StrictInt = Field(ge=0)
    reason: Reason = Field(description="Why it is not a figure (see pilstats.unread).")
    note: str | None = None


# ----------------------------------------------------------- typed statistics


def _resolve(value: Any, info: ValidationInfo) -> Any:
    """Turn a figure id from the fixture into its :class:`FigureRecord`."""
    if isinstance(value, FigureRecord):
        return value
    figures = (info.context or {}).get("figures")
    if figures is None:
        raise PydanticCustomError(
            "unresolved_reference",
            "figure references need the report's valid figures (use pilstats.load)",
        )
    if not isinstance(value, str) or value not in figures:
        hint = did_you_mean(value, figures) if isinstance(value, str) else ""
        raise PydanticCustomError(
            "unknown_figure", "no figure with id {id}{hint}", {"id": repr(value), "hint": hint}
        )
    return figures[value]


def did_you_mean(name: str, known: Iterable[str], *, limit: int = 3) -> str:
    """``"; did you mean 'x'?"`` naming the known words closest to ``name``, or ``""``.

    Close spellings first (only those nearly as close as the closest), then words that
    contain ``name``.
    """
    from difflib import SequenceMatcher  # noqa: PLC0415 - only error messages need it

    words = list(dict.fromkeys(known))
    scored = sorted(
        ((SequenceMatcher(None, name, w).ratio(), w) for w in words), key=lambda x: -x[0]
    )
    best = scored[0][0] if scored else 0.0
    close = [w for score, w in scored if score >= max(0.6, best - 0.1)][:limit]
    close += [w for w in words if name and name in w and w not in close][: limit - len(close)]
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def _count(record: FigureRecord) -> FigureRecord:
    if not record.reported.is_count:
        raise PydanticCustomError(
            "not_a_count", "{id} is in {unit}, not a count",
            {"id": record.id, "unit": record.reported.unit},
        )  # fmt: skip
    return record


def _percent(record: FigureRecord) -> FigureRecord:
    r = record.reported
    if not r.is_ratio:
        raise PydanticCustomError(
            "not_a_percentage", "{id} is in {unit}, not %", {"id": record.id, "unit": r.unit}
        )
    if r.value > _HUNDRED:
        raise PydanticCustomError(
            "share_over_100", "{id} = {value}% is over 100%", {"id": record.id, "value": r.value}
        )
    return record


class _Dimension:
    """Validator marker: the figure's unit has the pint dimensionality ``dim``."""

    def __init__(self, dim: str) -> None:
        self.dim = dim

    def __call__(self, record: FigureRecord) -> FigureRecord:
        actual = dimension(record.reported.unit)
        if actual != self.dim:
            raise PydanticCustomError(
                "unit_mismatch", "{id} is in {unit} ({actual}), expected {expected}",
                {"id": record.id, "unit": record.reported.unit, "actual": actual,
                 "expected": self.dim},
            )  # fmt: skip
        return record


_Ref = BeforeValidator(_resolve)
_RefSchema = WithJsonSchema(
    {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "description": "id of a figure"}
)
Count = Annotated[FigureRecord, _Ref, _RefSchema, AfterValidator(_count)]
"""A figure whose unit is a measure word of counts (件, 人 …)."""
Percent = Annotated[FigureRecord, _Ref, _RefSchema, AfterValidator(_percent)]
"""A share or rate in %, at most 100."""
Growth = Annotated[FigureRecord, _Ref, _RefSchema]
"""A year-over-year change in % (may exceed 100)."""
Area = Annotated[FigureRecord, _Ref, _RefSchema, AfterValidator(_Dimension("[length] ** 2"))]
Mass = Annotated[FigureRecord, _Ref, _RefSchema, AfterValidator(_Dimension("[mass]"))]
Money = Annotated[FigureRecord, _Ref, _RefSchema, AfterValidator(_Dimension("[currency]"))]


class _Statistic(_Frozen):
    """Base of the typed statistics: declares checks, evaluates them after validation."""

    def checks(self) -> list[Check]:
        """The checks this statistic's structure implies (none by default)."""
        return []

    def records(self) -> dict[str, FigureRecord]:
        """Every figure record held by this model and its sub-models, by id."""
        out: dict[str, FigureRecord] = {}
        for name in type(self).model_fields:
            _collect(getattr(self, name), out)
        return out

    @model_validator(mode="after")
    def _run_checks(self, info: ValidationInfo) -> Self:
        checks = self.checks()
        if not checks:
            return self
        figures = {k: r.reported for k, r in self.records().items()}
        context = info.context if isinstance(info.context, dict) else {}
        conventions = context.get("conventions") or Conventions()
        findings = evaluate_all(checks, figures, conventions)
        sink = context.get("findings")
        if isinstance(sink, list):
            sink.extend(zip(checks, findings, strict=True))
            return self
        failed = [f for f in findings if f.status is Status.FAIL]
        if failed:
            raise PydanticCustomError(
                str(failed[0].code), "{messages}",
                {"messages": "; ".join(f"{f.check}: {f.message}" for f in failed)},
            )  # fmt: skip
        return self


def _collect(value: Any, out: dict[str, FigureRecord]) -> None:
    if isinstance(value, FigureRecord):
        out[value.id] = value
    elif isinstance(value, _Statistic):
        out.update(value.records())
    elif isinstance(value, (list, tuple)):
        for v in value:
            _collect(v, out)


class CaseVolume(_Statistic):
    """Cases filed (立案): total, administrative and civil, with their shares."""

    total: Count
    administrative: Count
    civil: Count
    administrative_share: Percent | None = None
    civil_share: Percent | None = None

    def checks(self) -> list[Check]:
        """Administrative + civil = total; each share of the total; shares sum to 100%."""
        out: list[Check] = [
            Total("case_volume.sum", self.total.id, (self.administrative.id, self.civil.id),
                  section=self.total.section),
        ]  # fmt: skip
        shares = []
        for part, share in ((self.administrative, self.administrative_share),
                            (self.civil, self.civil_share)):  # fmt: skip
            if share is not None:
                out.append(Share(f"case_volume.{share.id}", part.id, self.total.id, share.id,
                                 section=share.section))  # fmt: skip
                shares.append(share.id)
        if len(shares) == 2:
            out.append(ShareSum("case_volume.shares_sum", tuple(shares),
                                section=self.total.section))  # fmt: skip
        return out


class PreLitigation(_Statistic):
    """Pre-litigation procedure (诉前程序) of administrative cases."""

    administrative_cases: Count
    consultation_closed: Count | None = None
    consultation_share: Percent | None = None
    suggestions: Count | None = None
    rectification_rate: Percent | None = None

    def checks(self) -> list[Check]:
        """Consultations ≤ and as a share of administrative cases; reply rate numerators."""
        out: list[Check] = []
        base = self.administrative_cases.id
        if self.consultation_closed is not None:
            c = self.consultation_closed
            out.append(Subset(f"pre_litigation.{c.id}_within", c.id, base, section=c.section))
            if self.consultation_share is not None:
                out.append(Share(f"pre_litigation.{self.consultation_share.id}", c.id, base,
                                 self.consultation_share.id, section=c.section))  # fmt: skip
        if self.suggestions is not None:
            s = self.suggestions
            out.append(Subset(f"pre_litigation.{s.id}_within", s.id, base, section=s.section))
            if self.rectification_rate is not None:
                out.append(Rate(f"pre_litigation.{self.rectification_rate.id}",
                                self.rectification_rate.id, s.id, section=s.section))  # fmt: skip
        return out


class Litigation(_Statistic):
    """Suits filed (提起诉讼): civil (with criminal-incidental civil) and administrative."""

    total: Count
    civil: Count
    administrative: Count
    criminal_incidental_civil: Count | None = None
    civil_share: Percent | None = None
    administrative_share: Percent | None = None
    administrative_change: Growth | None = None
    administrative_change_direction: Literal["up", "down"] = "up"
    court_support_rate: Percent | None = None

    def checks(self) -> list[Check]:
        """Civil + administrative = total, shares, 刑附民 ≤ civil, year-over-year change."""
        sec = self.total.section
        out: list[Check] = [
            Total("litigation.sum", self.total.id, (self.civil.id, self.administrative.id),
                  section=sec),
        ]  # fmt: skip
        shares = []
        for part, share in ((self.civil, self.civil_share),
                            (self.administrative, self.administrative_share)):  # fmt: skip
            if share is not None:
                out.append(Share(f"litigation.{share.id}", part.id, self.total.id, share.id,
                                 section=sec))  # fmt: skip
                shares.append(share.id)
        if len(shares) == 2:
            out.append(ShareSum("litigation.shares_sum", tuple(shares), section=sec))
        if self.criminal_incidental_civil is not None:
            out.append(Subset("litigation.criminal_incidental_within_civil",
                              self.criminal_incidental_civil.id, self.civil.id, section=sec))
        if self.administrative_change is not None:
            out.append(Change("litigation.administrative_change", self.administrative.id,
                              self.administrative_change.id,
                              self.administrative_change_direction, section=sec))
        return out  # fmt: skip


class Outcomes(_Statistic):
    """What the cases achieved (办案效果), each with a unit of the right dimension."""

    restored_land: Area | None = None
    solid_waste: Mass | None = None
    environmental_compensation: Money | None = None
    counterfeit_food: Mass | None = None
    counterfeit_drugs: Mass | None = None
    state_assets: Money | None = None
    land_fees: Money | None = None


class FieldMember(_Frozen):
    """One field's case count (and share) inside a group."""

    field: CaseField
    count: Count
    share: Percent | None = None


class FieldGroupBreakdown(_Statistic):
    """A group of fields: its total, its share of all cases, and the listed members.

    ``partial`` marks a list that the text does not close (其中…等): members may sum
    to less than the total. ``unlisted`` names the field(s) the remainder belongs to,
    reported as a derived figure, never as a reported one.
    """

    group: FieldGroup
    total: Count
    share: Percent | None = None
    members: tuple[FieldMember, ...] = ()
    partial: StrictBool = False
    unlisted: tuple[CaseField, ...] = ()
    members_share: Percent | None = None

    def records(self) -> dict[str, FigureRecord]:
        """The group's figures, members' included."""
        out = super().records()
        for m in self.members:
            out[m.count.id] = m.count
            if m.share is not None:
                out[m.share.id] = m.share
        return out

    def checks(self) -> list[Check]:
        """Members sum to (or stay within) the total; member shares sum to the group's."""
        g = self.group.value
        sec = self.total.section
        out: list[Check] = []
        if self.members:
            remainder = "+".join(f.value for f in self.unlisted) or None
            out.append(Total(f"fields.{g}.sum", self.total.id,
                             tuple(m.count.id for m in self.members),
                             complete=not self.partial, remainder=remainder, section=sec))
        shares = [m.share.id for m in self.members if m.share is not None]
        if shares and len(shares) == len(self.members) and self.share is not None:
            out.append(ShareSum(f"fields.{g}.shares_sum", tuple(shares), self.share.id,
                                section=sec))
        return out  # fmt: skip

    @model_validator(mode="after")
    def _members_belong(self) -> Self:
        for m in self.members:
            if m.field.group is not self.group:
                raise PydanticCustomError(
                    "field_not_in_group", "{field} belongs to {actual}, not {group}",
                    {"field": m.field.value, "actual": m.field.group.value,
                     "group": self.group.value},
                )  # fmt: skip
        return self


class FieldBreakdown(_Statistic):
    """Cases by field: the three groups and the grand total they partition."""

    total: Count
    groups: tuple[FieldGroupBreakdown, ...]

    def checks(self) -> list[Check]:
        """Group totals partition the grand total; shares of it; group shares sum to 100%."""
        sec = self.total.section
        out: list[Check] = [
            Total("fields.groups_sum", self.total.id, tuple(g.total.id for g in self.groups),
                  section=sec),
        ]
        for g in self.groups:
            out.extend(
                Share(f"fields.{m.share.id}", m.count.id, self.total.id, m.share.id,
                      section=m.share.section)
                for m in g.members if m.share is not None
            )
            if g.share is not None:
                out.append(Share(f"fields.{g.share.id}", g.total.id, self.total.id,
                                 g.share.id, section=g.share.section))
        shares = [g.share.id for g in self.groups if g.share is not None]
        if len(shares) == len(self.groups):
            out.append(ShareSum("fields.group_shares_sum", tuple(shares), section=sec))
        return out  # fmt: skip

    def records(self) -> dict[str, FigureRecord]:
        """The grand total and every group's figures."""
        out = {self.total.id: self.total}
        for g in self.groups:
            out.update(g.records())
        return out


class Statistics(_Frozen):
    """The statistics every edition of the white paper reports, by figure id."""

    case_volume: CaseVolume | None = None
    pre_litigation: PreLitigation | None = None
    litigation: Litigation | None = None
    outcomes: Outcomes | None = None
    fields: FieldBreakdown | None = None


class NotStated(_Frozen):
    """A relation a careless reader might infer that the text does **not** state (a trap).

    Decisions against receipts (批捕 + 不捕 vs 受理), overlapping categories, lists not
    stated to be complete, rates whose base is not printed. Never checked; a scanner
    that infers one has made a mistake (see ``benchmarks/scan_eval.py``).
    """

    reason: str
    relation: Relation


class KeyDefinition(_Frozen):
    """A statistic key a fixture adds to the vocabulary (same fields as the data file)."""

    zh: str = Field(min_length=1, description="The statistic's Chinese name.")
    en: str = ""
    unit: str = Field(description="Unit of its level: 件, 人, 亩, %, ‰ … or '' for a number.")
    kind: Literal["flow", "stock", "rate"]
    scan: dict[str, Any] | None = None

    @field_validator("unit", mode="after")
    @classmethod
    def _known_unit(cls, v: str) -> str:
        from pilstats.units import active_units  # noqa: PLC0415

        if not active_units().knows(v):
            raise PydanticCustomError(
                "unknown_unit", "unknown unit {unit}: declare it in the units: block",
                {"unit": repr(v)},
            )  # fmt: skip
        return v


def _units_table(data: Any) -> UnitTable:
    """The unit table a fixture's ``units:`` block declares (the bundled one if none)."""
    raw = data.get("units") if isinstance(data, dict) else None
    if not raw:
        return base_units()
    if not isinstance(raw, list | tuple) or not all(isinstance(x, str) for x in raw):
        return base_units()  # the field's own validation reports the shape
    from pilstats.errors import UnitError  # noqa: PLC0415

    table = base_units()
    for i, line in enumerate(raw):
        try:
            table = table.extend([line], origin=f"units[{i}]")
        except UnitError as exc:
            details = [InitErrorDetails(
                type=PydanticCustomError("unit_definition", "{error}", {"error": str(exc)}),
                loc=("units", i), input=line,
            )]  # fmt: skip
            raise ValidationError.from_exception_data("Report", details) from None
    return table


class Report(_Frozen):
    """A validated fixture: figures, typed statistics, relations, exclusions, findings.

    Build it with :func:`pilstats.load` (or :meth:`from_mapping`), which provides the
    validation context the figure references need.
    """

    schema_version: Annotated[Literal[1], BeforeValidator(_whole_number)]
    report: ReportMeta
    conventions: ConventionsSpec = ConventionsSpec()
    units: tuple[StrictStr, ...] = Field(
        default=(),
        description="Unit definitions in pint syntax, added to the bundled table for this "
        "fixture (e.g. 'biaozhunxiang = [count_biaozhunxiang] = 标准箱').",
    )
    keys: dict[str, KeyDefinition] = Field(
        default_factory=dict,
        description="Statistic keys this fixture adds to pilstats/data/statistics.yaml, "
        "e.g. {my.cases: {zh: 立案, unit: 件, kind: flow}}.",
    )
    figures: tuple[FigureRecord, ...]
    constants: tuple[ConstantRecord, ...] = ()
    statistics: Statistics | None = None
    relations: tuple[Relation, ...] = ()
    not_stated: tuple[NotStated, ...] = Field(
        default=(),
        description="Relations the text does not state (traps): recorded, never checked.",
    )
    excluded: tuple[Exclusion, ...] = ()
    _evaluated: tuple[tuple[Check, Finding], ...] = PrivateAttr(default=())
    _source: Path | None = PrivateAttr(default=None)
    _units: UnitTable | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    @field_validator("conventions", mode="after")
    @classmethod
    def _share_conventions(cls, v: ConventionsSpec, info: ValidationInfo) -> ConventionsSpec:
        if isinstance(info.context, dict):
            info.context["conventions"] = v.to_conventions()
        return v

    @field_validator("keys", mode="after")
    @classmethod
    def _share_keys(
        cls, v: dict[str, KeyDefinition], info: ValidationInfo
    ) -> dict[str, KeyDefinition]:
        if not v:
            return v
        from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only

        vocab = _keys.vocabulary()
        if v:
            try:
                vocab = vocab.extend(
                    {k: d.model_dump(exclude_none=True) for k, d in v.items()}, "fixture keys:"
                )
            except PilstatsError as exc:
                if isinstance(info.context, dict):
                    info.context["vocabulary"] = "broken"  # figures' keys: not re-reported
                raise PydanticCustomError("bad_key", "{error}", {"error": str(exc)}) from None
        if isinstance(info.context, dict):
            info.context["vocabulary"] = vocab
        return v

    @field_validator("figures", mode="after")
    @classmethod
    def _index_figures(
        cls, v: tuple[FigureRecord, ...], info: ValidationInfo
    ) -> tuple[FigureRecord, ...]:
        seen: dict[str, int] = {}
        for i, f in enumerate(v):
            if f.id in seen:
                raise PydanticCustomError(
                    "duplicate_id",
                    "duplicate figure id {id} at figures[{i}] (first at figures[{j}])",
                    {"id": f.id, "i": i, "j": seen[f.id]},
                )  # fmt: skip
            seen[f.id] = i
        if isinstance(info.context, dict):
            info.context["figures"] = {f.id: f for f in v}
        return v

    @model_validator(mode="after")
    def _typed_keys_agree(self) -> Self:
        if self.statistics is None or not any(f.key for f in self.figures):
            return self
        from pilstats import keys as _keys  # noqa: PLC0415 - keyed fixtures only

        typed = _keys.typed_keys(self.statistics)
        for f in self.figures:
            if f.key is not None and f.id in typed and typed[f.id][0] != f.key:
                raise PydanticCustomError(
                    "key_mismatch", "figure {id} is typed as {typed} by the statistics: block "
                    "but declares key {key}",
                    {"id": f.id, "typed": typed[f.id][0], "key": f.key},
                )  # fmt: skip
        return self

    @property
    def vocabulary(self) -> _keys.Vocabulary:
        """The statistic keys this fixture may name: the bundled ones and its keys: block."""
        from pilstats import keys as _keys  # noqa: PLC0415

        if not self.keys:
            return _keys.vocabulary()
        return _keys.vocabulary().extend(
            {k: d.model_dump(exclude_none=True) for k, d in self.keys.items()}, "fixture keys:"
        )

    @model_validator(mode="after")
    def _evaluate(self, info: ValidationInfo) -> Self:
        values = self.values()
        if len(values) != len(self.figures) + len(self.constants):
            dup = sorted({c.id for c in self.constants} & {f.id for f in self.figures})
            raise PydanticCustomError("duplicate_id", "constant ids repeat figure ids: {ids}",
                                      {"ids": ", ".join(dup)})  # fmt: skip
        problems: list[InitErrorDetails] = []
        for i, trap in enumerate(self.not_stated):
            problems += _unknown_references(trap.relation, values, ("not_stated", i, "relation"))
        ids: dict[str, int] = {}
        for i, rel in enumerate(self.relations):
            if rel.id in ids:
                problems.append(_problem(
                    "duplicate_id", f"duplicate relation id {rel.id!r} (first at "
                    f"relations[{ids[rel.id]}])", ("relations", i, "id"), rel.id,
                ))  # fmt: skip
            ids.setdefault(rel.id, i)
            unknown = _unknown_references(rel, values, ("relations", i))
            problems += unknown or _role_clashes(rel, values, ("relations", i))
        if problems:
            raise ValidationError.from_exception_data("Report", problems)
        context = info.context if isinstance(info.context, dict) else {}
        model_findings = context.get("findings")
        evaluated: list[tuple[Check, Finding]] = list(
            model_findings if isinstance(model_findings, list) else []
        )
        conventions = self.conventions.to_conventions()
        findings = evaluate_all(self.relations, values, conventions)
        evaluated.extend(zip(self.relations, findings, strict=True))
        self._evaluated = tuple(evaluated)
        return self

    @classmethod
    @isolated
    def from_mapping(cls, data: Any) -> Report:
        """Validate plain data (as read from YAML) with the context references need.

        The fixture's ``units:`` block is read first; figures are parsed and checks
        decided with that unit table in force.
        """
        table = _units_table(data)
        with using_units(table):
            report = cls.model_validate(data, context={"findings": []})
        report._units = table  # noqa: SLF001 - set once, right after validation
        return report

    @property
    def unit_table(self) -> UnitTable:
        """The unit table of this fixture: the bundled one plus its ``units:`` block."""
        return self._units if self._units is not None else base_units()

    def values(self) -> dict[str, Reported]:
        """Every figure and constant, parsed, by id."""
        out = {f.id: f.reported for f in self.figures}
        out.update({c.id: c.reported for c in self.constants})
        return out

    def checks(self) -> tuple[Check, ...]:
        """Every check: the typed statistics' first, then the fixture's relations."""
        return tuple(c for c, _ in self._evaluated)

    def findings(self) -> tuple[Finding, ...]:
        """The finding of every check, in the order of :meth:`checks`."""
        return tuple(f for _, f in self._evaluated)

    @property
    def lines(self) -> dict[tuple[str | int, ...], int]:
        """Line of each node of the fixture file, by field path (empty for a mapping)."""
        return self._lines

    @property
    def source_path(self) -> Path | None:
        """The fixture file this report was loaded from, if any."""
        return self._source

    def figure(self, fid: str) -> FigureRecord:
        """The figure record with id ``fid``."""
        for f in self.figures:
            if f.id == fid:
                return f
        raise KeyError(fid)


_ROLE_FIELDS = ("total", "parts", "part", "whole", "share", "shares", "current", "change",
                "previous", "rate", "base", "statements")  # fmt: skip


def _references(rel: Check) -> list[tuple[tuple[str | int, ...], str]]:
    """Every figure id a relation names, with the field (and index) that names it."""
    if isinstance(rel, Formula):
        return [(("expr",), name) for name in rel.figures]
    out: list[tuple[tuple[str | int, ...], str]] = []
    for name in _ROLE_FIELDS:
        value = getattr(rel, name, None)
        if isinstance(value, str):
            out.append(((name,), value))
        elif isinstance(value, tuple):
            out.extend(((name, j), v) for j, v in enumerate(value))
    return out


def _problem(kind: str, message: str, loc: tuple[str | int, ...], value: Any) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, "{message}", {"message": message}), loc=loc, input=value
    )


def _unknown_references(
    rel: Check, values: dict[str, Reported], at: tuple[str | int, ...]
) -> list[InitErrorDetails]:
    return [
        _problem("unknown_figure", f"relation {rel.id!r} names unknown figure {fid!r}"
                 f"{did_you_mean(fid, values)}", (*at, *field), fid)
        for field, fid in _references(rel)
        if fid not in values
    ]  # fmt: skip


def _describe(fid: str, r: Reported) -> str:
    if r.unit == "%":
        kind = "a percentage"
    elif r.is_ratio:
        kind = f"a ratio in {r.unit or 'plain numbers'}"
    else:
        kind = "a count" if r.is_count else f"a quantity in {r.unit}"
    return f"{fid!r} is {r}, {kind}"


def _role_clashes(
    rel: Check, values: dict[str, Reported], at: tuple[str | int, ...]
) -> list[InitErrorDetails]:
    """Figures in roles their units cannot play: a count as a share, a % as a base.

    Such a relation is a mistake of the fixture (roles swapped, a wrong id), not an
    inconsistency of the report, so it is refused on load instead of failing a check.
    """
    def ratio(fid: str) -> bool:
        return values[fid].is_ratio

    def share_like(fid: str) -> bool:
        return ratio(fid) and values[fid].unit not in POINT_UNITS and values[fid].unit != ""

    out: list[InitErrorDetails] = []

    def clash(field: tuple[str | int, ...], fid: str, message: str) -> None:
        out.append(_problem("role_clash", f"relation {rel.id!r}: {message}", (*at, *field), fid))

    if isinstance(rel, Share | Rate):
        pct, bases = (rel.share, (rel.part, rel.whole)) if isinstance(rel, Share) else (
            rel.rate, (rel.base,))
        pct_field = "share" if isinstance(rel, Share) else "rate"
        names = ("part", "whole") if isinstance(rel, Share) else ("base",)
        swapped = [b for b in bases if ratio(b)]
        if not share_like(pct):
            hint = (f"; the roles look swapped ({_describe(swapped[0], values[swapped[0]])})"
                    if swapped else "; name a percentage here")  # fmt: skip
            clash((pct_field,), pct, f"{pct_field} {_describe(pct, values[pct])}{hint}")
        elif isinstance(rel, Rate) and ratio(rel.base):
            clash(("base",), rel.base, f"base {_describe(rel.base, values[rel.base])}: a rate "
                  "is a percentage of a quantity; name the count it is a rate of")
        elif isinstance(rel, Share) and ratio(rel.part) != ratio(rel.whole):
            odd = next(n for n, b in zip(names, bases, strict=True) if ratio(b))
            fid = getattr(rel, odd)
            clash((odd,), fid, f"{odd} {_describe(fid, values[fid])}, but a share divides "
                  "two quantities of one kind; name the count here")
    elif isinstance(rel, ShareSum):
        for j, fid in enumerate(rel.shares):
            if not share_like(fid):
                clash(("shares", j), fid, f"{_describe(fid, values[fid])}; shares_sum adds "
                      "percentages")
        if rel.total is not None and not share_like(rel.total):
            clash(("total",), rel.total, f"total {_describe(rel.total, values[rel.total])}; "
                  "name the printed share the shares add up to")
    elif isinstance(rel, Change):
        if not share_like(rel.change) or values[rel.change].unit in POINT_UNITS:
            reversed_roles = ratio(rel.current) and not ratio(rel.change)
            hint = "; the roles look swapped" if reversed_roles else ""
            clash(("change",), rel.change, f"change {_describe(rel.change, values[rel.change])}"
                  f"; name the printed % (or 倍) of the change{hint}")
        elif rel.previous is not None and ratio(rel.previous) != ratio(rel.current):
            clash(("previous",), rel.previous, f"previous "
                  f"{_describe(rel.previous, values[rel.previous])} but current "
                  f"{_describe(rel.current, values[rel.current])}")
    elif isinstance(rel, Total | Subset | Same):
        refs = _references(rel)
        kinds = {ratio(fid) for _, fid in refs}
        if len(kinds) > 1:
            first_field, first = refs[0]
            for field, fid in refs[1:]:
                if ratio(fid) != ratio(first):
                    clash(field, fid, f"{_describe(fid, values[fid])} but "
                          f"{'.'.join(map(str, first_field))} {_describe(first, values[first])}"
                          "; a percentage cannot be added to or compared with a count")
                    break
    if not out:
        shares = {"share": (rel.share,)} if isinstance(rel, Share) else (
            {"shares": rel.shares} if isinstance(rel, ShareSum) else
            {"rate": (rel.rate,)} if isinstance(rel, Rate) else {})  # fmt: skip
        for name, ids in shares.items():
            for j, fid in enumerate(ids):
                r = values[fid]
                if r.value * _ratio_factor(r) > 1:
                    field = (name, j) if isinstance(rel, ShareSum) else (name,)
                    out.append(_problem("share_over_100", f"relation {rel.id!r}: {fid} = {r} is "
                                        "a share over 100%", (*at, *field), fid))  # fmt: skip
    return out


def _ratio_factor(r: Reported) -> Decimal:
    from pilstats.units import ratio_factor  # noqa: PLC0415

    f = ratio_factor(r.unit)
    return Decimal(f.numerator) / Decimal(f.denominator)
