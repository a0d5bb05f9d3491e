"""Collections: one statistic printed in several documents, checked across them.

The white paper says 189885 cases, the work report 19万, next year's edition restates
last year's count and claims a 同比 rise over it. :func:`check_collection` loads several
documents (fixtures, or scanned texts with proposed keys) and adds checks *between*
them, found from the statistic keys of their figures (:mod:`pilstats.keys`):

* **agreement** — one statistic for one period and scope in two documents: the two
  printed intervals must meet (189885 vs 19万 passes; vs 18万 fails). When the later
  of two editions restates an earlier period differently, the finding is a
  **revision** (status ``revised``, code ``revision``): not a failure of either
  document, not a silent pass;
* **change** — a relative change (同比上升x%) whose base period is printed in another
  document is decided against that value, exactly (the :class:`~pilstats.checks.Change`
  check with a cross-document ``previous``);
* **difference** — an absolute change (比上年末减少208万人, 出生率 −0.38 千分点) against
  the other document's level;
* **change_difference** — a change of a growth rate in 个百分点 (增幅下降28个百分点)
  against the growth rate the earlier edition printed.

A collection fixture (``collections/*.yaml``) names its documents and may declare
relations of its own over ``alias.figure_id``; a declared relation replaces a derived
one over the same figures. Every decision uses the same interval arithmetic as a single
document, each figure read under its own fixture's conventions and units.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from pilstats.checks import Change, Check, Formula, Same, evaluate_all
from pilstats.errors import FixtureError, UnitError
from pilstats.escaping import json_dumps, xml_text
from pilstats.figure import Conventions, Reported
from pilstats.findings import (
    SCHEMA_VERSION,
    Finding,
    FindingCode,
    Result,
    Status,
    junit_document,
)
from pilstats.interval import Interval
from pilstats.keys import Stat, resolve_stat, typed_keys
from pilstats.load import MAX_FIXTURE_BYTES, load, read_yaml, source_text, validation_error
from pilstats.models import Relation, Report
from pilstats.periods import Period, parse_period
from pilstats.reading import decode, read_bytes
from pilstats.units import UnitTable, base_units, using_units

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = [
    "CollectionMeta",
    "CollectionResult",
    "CollectionSpec",
    "Document",
    "DocumentRef",
    "Side",
    "alias_of",
    "check_collection",
    "decide",
    "document_of",
    "is_collection",
    "load_documents",
    "merged_units",
]

ALIAS = re.compile(r"^[a-z][a-z0-9_]*$")
"""A document's alias in a collection: it prefixes figure ids (``juv_wp_2023.arrests``)."""


@dataclass(frozen=True)
class Document:
    """One document of a collection: its figures, their statistics, its provenance.

    Attributes:
        alias: the name its figures are qualified with (``juv_wp_2023``).
        id: the report id (or the file name of a scanned text).
        title: its title.
        publisher: who issued or printed it.
        edition: the period it reports on (a restatement is a figure of an earlier
            period); None when unknown (a scanned text naming no year).
        values: every figure (and constant), parsed, by id.
        stats: the statistic each keyed figure states, by figure id.
        conventions: how its figures are read.
        units: its unit table.
        quotes: ``(quote, offset)`` of each figure in its source text.
        source: the path or name it was loaded from.
        published: its publication date, if known.
        report: the validated fixture (None for a scanned text).
        result: its own checks, decided within the document.
        text: its source text, when available.
    """

    alias: str
    id: str
    title: str
    publisher: str
    edition: Period | None
    values: Mapping[str, Reported]
    stats: Mapping[str, Stat]
    conventions: Conventions = field(default_factory=Conventions)
    units: UnitTable = field(default_factory=base_units)
    quotes: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    source: str | None = None
    published: str | None = None
    report: Report | None = None
    result: Result | None = None
    text: str | None = None

    def is_original(self, period: Period) -> bool:
        """Whether this document is the edition that covers ``period`` (not a restatement)."""
        return self.edition is not None and self.edition.contains(period)

    def qid(self, fid: str) -> str:
        """The collection-wide id of figure ``fid``: ``alias.fid``."""
        return f"{self.alias}.{fid}"


@dataclass(frozen=True)
class Side:
    """One document's figure in a cross-document finding."""

    qid: str
    alias: str
    document: str
    title: str
    figure: str
    printed: str
    interval: Interval
    quote: str | None
    offset: int | None
    statistic: str | None
    original: bool | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "id": self.qid,
            "document": self.document,
            "alias": self.alias,
            "title": self.title,
            "figure": self.figure,
            "printed": self.printed,
            "interval": str(self.interval),
            "quote": self.quote,
            "offset": self.offset,
            "statistic": self.statistic,
            "edition": None if self.original is None else (
                "original" if self.original else "restated"),
        }  # fmt: skip


def alias_of(report_id: str) -> str:
    """The default alias of a report id: ``juv-wp-2023`` → ``juv_wp_2023``."""
    alias = re.sub(r"[^a-z0-9_]", "_", report_id.lower())
    return alias if alias[:1].isalpha() else f"d_{alias}"


def _edition(report: Report) -> Period:
    meta = report.report
    return parse_period(meta.period if meta.period is not None else meta.year)


def document_of(
    report: Report,
    *,
    alias: str | None = None,
    source: str | None = None,
    result: Result | None = None,
    text: str | None = None,
) -> Document:
    """A collection :class:`Document` of a validated fixture.

    Figures keyed in the fixture and figures the typed statistics type get their
    :class:`~pilstats.keys.Stat`; defaults come from the report (period, scope).
    """
    meta = report.report
    edition = _edition(report)
    scope = meta.scope or "national"
    vocab = report.vocabulary
    typed = typed_keys(report.statistics)
    stats: dict[str, Stat] = {}
    for f in report.figures:
        guess = typed.get(f.id)
        key = f.key or (guess[0] if guess else None)
        if key is None:
            continue
        measure = f.measure or (guess[1] if guess and guess[0] == key else "level")
        direction = f.direction or (guess[2] if guess and guess[0] == key else "up")
        stats[f.id] = resolve_stat(
            key=key, kind=vocab.get(key).kind, period=f.period, report_period=edition,
            scope=f.scope, report_scope=scope, measure=measure, base=f.base,
            direction=direction,
        )  # fmt: skip
    return Document(
        alias=alias or alias_of(meta.id),
        id=meta.id,
        title=meta.title,
        publisher=meta.publisher,
        edition=edition,
        values=report.values(),
        stats=stats,
        conventions=report.conventions.to_conventions(),
        units=report.unit_table,
        quotes={f.id: (f.quote, f.offset) for f in report.figures},
        source=source,
        published=meta.published,
        report=report,
        result=result,
        text=text,
    )


# ------------------------------------------------------------- collection files

_Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentRef(_Strict):
    """A member of a collection fixture: a fixture path (relative to it) or bundled name."""

    source: str
    alias: _Identifier | None = None


class CollectionMeta(_Strict):
    """What a collection gathers, and why."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: str
    note: str | None = None


class CollectionSpec(_Strict):
    """A collection fixture: documents, and relations between them over ``alias.figure``."""

    schema_version: Literal[1]
    collection: CollectionMeta
    documents: tuple[DocumentRef, ...] = Field(min_length=2)
    relations: tuple[Relation, ...] = ()


_COLLECTION = re.compile(r"^collection\s*:", re.MULTILINE)


def is_collection(source: str | Path) -> bool:
    """Whether ``source`` is a collection fixture (a YAML file with a ``collection:`` block)."""
    path = Path(source)
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        text = decode(read_bytes(path, max_bytes=MAX_FIXTURE_BYTES), str(path))
    except FixtureError:
        return False  # not one: reading it as a fixture reports what is wrong
    return bool(_COLLECTION.search(text))


def _read_collection(path: Path) -> tuple[CollectionSpec, dict[Any, int]]:
    name = str(path)
    text = decode(read_bytes(path, max_bytes=MAX_FIXTURE_BYTES), name)
    data, lines = read_yaml(text, name)
    if not isinstance(data, Mapping):
        raise FixtureError("the top level must be a mapping", path=name, line=1)
    try:
        spec = CollectionSpec.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, name, lines) from None
    return spec, lines


@dataclass(frozen=True)
class _Loaded:
    documents: list[Document]
    relations: list[tuple[Check, str, int | None]]  # check, file, line
    id: str | None = None
    title: str | None = None
    note: str | None = None


def _fixture_document(source: str | Path | Report, alias: str | None) -> Document:
    from pilstats.api import check  # noqa: PLC0415 - api sits above this module

    report = source if isinstance(source, Report) else load(source)
    path = report.source_path
    text = source_text(report, path) if path is not None else None
    return document_of(report, alias=alias, source=str(path) if path else None,
                       result=check(report), text=text)  # fmt: skip


def load_documents(sources: Sequence[str | Path | Report | Document]) -> _Loaded:
    """Documents of fixture paths, bundled names, Reports, Documents or collection files.

    A collection fixture contributes its documents and its declared relations.

    Raises:
        FixtureError: a source is malformed, two documents share an alias, or a declared
            relation names a figure no document has.
    """
    docs: list[Document] = []
    relations: list[tuple[Check, str, int | None]] = []
    meta: tuple[str | None, str | None, str | None] = (None, None, None)
    for source in sources:
        if isinstance(source, Document):
            docs.append(source)
        elif isinstance(source, Report):
            docs.append(_fixture_document(source, None))
        elif is_collection(source):
            path = Path(source)
            spec, lines = _read_collection(path)
            meta = (spec.collection.id, spec.collection.title, spec.collection.note)
            for ref in spec.documents:
                target: str | Path = ref.source
                if "/" in ref.source or ref.source.endswith((".yaml", ".yml")):
                    target = path.parent / ref.source
                docs.append(_fixture_document(target, ref.alias))
            relations.extend(
                (rel, str(path), lines.get(("relations", i)))
                for i, rel in enumerate(spec.relations)
            )
        else:
            docs.append(_fixture_document(source, None))
    seen: dict[str, Document] = {}
    for d in docs:
        if not ALIAS.match(d.alias):
            raise FixtureError(f"alias {d.alias!r} is not lower-case ASCII snake_case",
                               path=d.source or d.id)  # fmt: skip
        if d.alias in seen:
            first = seen[d.alias].source or seen[d.alias].id
            raise FixtureError(
                f"two documents have the alias {d.alias!r} ({first} and {d.source or d.id}): "
                "give one an alias: in a collection fixture",
                path=d.source or d.id,
            )
        seen[d.alias] = d
    known = {d.qid(fid) for d in docs for fid in d.values}
    for rel, where, line in relations:
        unknown = [fid for fid in rel.figures if fid not in known]
        if unknown:
            aliases = ", ".join(d.alias for d in docs)
            raise FixtureError(
                f"relation {rel.id} names {', '.join(unknown)}, which no document has "
                f"(figures are alias.figure_id; aliases: {aliases})",
                path=where, line=line, field="relations",
            )  # fmt: skip
    return _Loaded(docs, relations, *meta)


# ------------------------------------------------------------------ derivation


@dataclass(frozen=True)
class _Entry:
    doc: Document
    fid: str
    stat: Stat

    @property
    def qid(self) -> str:
        return self.doc.qid(self.fid)


Identity = tuple[str, str, str, str, str]


def _index(docs: Sequence[Document]) -> dict[Identity, list[_Entry]]:
    index: dict[Identity, list[_Entry]] = {}
    for d in docs:
        for fid, stat in d.stats.items():
            index.setdefault(stat.identity, []).append(_Entry(d, fid, stat))
    return index


def _level(stat: Stat, period: Period) -> Identity:
    return (stat.key, stat.scope, "level", str(period), "")


def _change_of(stat: Stat, period: Period) -> Identity:
    return (stat.key, stat.scope, "change", str(period), str(period.previous()))


def _prefer(entries: list[_Entry], doc: Document | None, period: Period) -> _Entry:
    """The entry of ``doc`` if any, else of the original edition of ``period``, else first."""
    for e in entries:
        if e.doc is doc:
            return e
    for e in entries:
        if e.doc.is_original(period):
            return e
    return entries[0]


@dataclass(frozen=True)
class _Derived:
    check: Check
    stat: Stat
    entries: tuple[_Entry, ...]


def _scope_suffix(stat: Stat) -> str:
    return "" if stat.scope == "national" else f"[{stat.scope}]"


def _derive(docs: Sequence[Document]) -> list[_Derived]:
    index = _index(docs)
    out: list[_Derived] = []
    # agreement: one quantity in several documents
    for entries in index.values():
        firsts: dict[str, _Entry] = {}
        for e in entries:
            firsts.setdefault(e.doc.alias, e)
        if len(firsts) < 2:
            continue
        group = list(firsts.values())
        ref = _prefer(group, None, group[0].stat.period)
        st = ref.stat
        measure = "" if st.measure == "level" else f":{st.measure}"
        for e in group:
            if e is ref:
                continue
            where = f"{st.key}@{st.period}{_scope_suffix(st)}{measure}"
            cid = f"same:{where}:{ref.doc.alias}~{e.doc.alias}"
            out.append(_Derived(Same(cid, (ref.qid, e.qid)), st, (ref, e)))
    # claims whose base period is printed in another document
    for entries in list(index.values()):
        for e in entries:
            st = e.stat
            if st.measure == "level" or st.base is None:
                continue
            if st.measure == "change_difference":
                cur_all = index.get(_change_of(st, st.period))
                prev_all = index.get(_change_of(st, st.base))
            else:
                cur_all = index.get(_level(st, st.period))
                prev_all = index.get(_level(st, st.base))
            if not cur_all or not prev_all or any(p.doc is e.doc for p in prev_all):
                continue  # nothing printed to compare with, or the document's own business
            cur = _prefer(cur_all, e.doc, st.period)
            prev = _prefer(prev_all, None, st.base)
            tag = f"{st.key}@{st.period}{_scope_suffix(st)}:{e.doc.alias}~{prev.doc.alias}"
            check: Check
            if st.measure == "change":
                check = Change(f"change:{tag}", cur.qid, e.qid, st.direction, prev.qid)
            elif st.measure == "difference":
                lhs = f"{cur.qid} - {prev.qid}" if st.direction == "up" else (
                    f"{prev.qid} - {cur.qid}")  # fmt: skip
                check = Formula(f"difference:{tag}", f"{lhs} = {e.qid}")
            else:
                expr = f"{_signed(cur)} - {_signed(prev)} = {_signed(e)}"
                check = Formula(f"change_difference:{tag}", expr)
            out.append(_Derived(check, st, (e, cur, prev)))
    return out


def _signed(e: _Entry) -> str:
    return e.qid if e.stat.direction == "up" else f"(-{e.qid})"


def merged_units(docs: Sequence[Document]) -> UnitTable:
    """One unit table for several documents: the bundled one and every units: block.

    Raises:
        FixtureError: two documents define one unit word differently.
    """
    table = base_units()
    seen = set(table.declared)
    for d in docs:
        new = [line for line in d.units.declared if line not in seen]
        if not new:
            continue
        try:
            table = table.extend(new, origin=f"{d.alias} units:")
        except UnitError as exc:
            raise FixtureError(f"the documents' units: blocks clash: {exc}",
                               path=d.source or d.id) from None  # fmt: skip
        seen.update(new)
    return table


# ------------------------------------------------------------------- the result


@dataclass(frozen=True)
class CollectionResult:
    """Every document's own findings, and the findings between documents.

    Attributes:
        documents: the documents, in the order given.
        checks: the cross-document checks, in decision order.
        across: their findings (statuses pass, fail, untestable or revised).
        origin: ``keys`` (derived from statistic keys) or ``declared``, by check id.
        stats: the statistic each derived check concerns, by check id.
        notes: the note of each declared relation, by check id.
        id: the collection's id (a collection fixture's), if any.
        title: its title, if any.
    """

    documents: tuple[Document, ...]
    checks: tuple[Check, ...]
    across: Result
    origin: Mapping[str, str] = field(default_factory=dict)
    stats: Mapping[str, Stat] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    id: str | None = None
    title: str | None = None

    @property
    def ok(self) -> bool:
        """True when no check failed, within any document or across them."""
        own = all(d.result is None or d.result.ok for d in self.documents)
        return own and self.across.ok

    def violations(self, fail_on: str = "fail") -> list[Finding]:
        """Findings at the ``fail_on`` threshold, in the documents and across them."""
        bad = [f for d in self.documents if d.result is not None
               for f in d.result.violations(fail_on)]  # fmt: skip
        return bad + self.across.violations(fail_on)

    def summary(self) -> str:
        """One line about the checks across documents."""
        return f"across {len(self.documents)} documents: {self.across.summary()}"

    def document(self, alias: str) -> Document:
        """The document with this alias."""
        for d in self.documents:
            if d.alias == alias:
                return d
        raise KeyError(alias)

    def side(self, qid: str) -> Side:
        """The figure ``alias.figure_id`` with its document and provenance."""
        alias, _, fid = qid.partition(".")
        d = self.document(alias)
        value = d.values[fid]
        stat = d.stats.get(fid)
        quote, offset = d.quotes.get(fid, (None, None))
        return Side(
            qid, alias, d.id, d.title, fid, value.printed or str(value),
            value.bounds(d.conventions), quote, offset,
            stat.label() if stat else None,
            d.is_original(stat.period) if stat else None,
        )  # fmt: skip

    def sides(self, finding: Finding) -> list[Side]:
        """Both (or all) sides of a cross-document finding."""
        return [self.side(q) for q in finding.figures]

    def finding_dict(self, finding: Finding) -> dict[str, Any]:
        """A finding as JSON, with its sides, origin and note."""
        d = finding.to_dict()
        d["origin"] = self.origin.get(finding.check, "declared")
        stat = self.stats.get(finding.check)
        d["statistic"] = stat.label() if stat else None
        d["note"] = self.notes.get(finding.check)
        d["sides"] = [s.to_dict() for s in self.sides(finding)]
        return d

    def to_document(self) -> dict[str, Any]:
        """The versioned JSON document: every document's own result, then ``across``."""
        reports = []
        for d in self.documents:
            doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "report": d.id,
                                   "alias": d.alias}  # fmt: skip
            if d.result is not None:
                doc.update(d.result.to_dict())
            reports.append(doc)
        across = {
            "collection": self.id,
            "title": self.title,
            "documents": [
                {"alias": d.alias, "report": d.id, "title": d.title, "publisher": d.publisher,
                 "edition": None if d.edition is None else str(d.edition),
                 "published": d.published,
                 "source": Path(d.source).name if d.source else None,
                 "keyed_figures": len(d.stats)}
                for d in self.documents
            ],
            "ok": self.across.ok,
            "checks": len(self.across.findings),
            "counts": self.across.counts,
            "findings": [self.finding_dict(f) for f in self.across.findings],
        }  # fmt: skip
        return {"schema_version": SCHEMA_VERSION, "ok": self.ok, "reports": reports,
                "across": across}  # fmt: skip

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document as text (control characters from the data escaped)."""
        return json_dumps(self.to_document(), indent=indent)

    def junit_suite(self) -> Element:
        """The cross-document checks as one JUnit testsuite, each naming both sides."""
        suite = self.across.junit_suite(self.id or "across")
        by_id = {f.check: f for f in self.across.findings}
        for case in suite:
            finding = by_id[case.get("name", "")]
            lines = [xml_text(f"{s.qid}: {s.printed} in {s.document} “{s.quote or ''}”")
                     for s in self.sides(finding)]  # fmt: skip
            for child in case:
                child.text = ((child.text or "") + "\n" if child.text else "") + "\n".join(lines)
            if not len(case):
                from xml.etree import ElementTree as ET  # noqa: PLC0415

                ET.SubElement(case, "system-out").text = "\n".join(lines)
        return suite

    def to_junit(self, *, ascii_only: bool = False) -> str:
        """JUnit XML: one testsuite per document, and one for the checks across them."""
        suites = [d.result.junit_suite(d.id) for d in self.documents if d.result is not None]
        return junit_document([*suites, self.junit_suite()], ascii_only=ascii_only)


def _explain_across(
    finding: Finding, stat: Stat | None, describe: Callable[[str], str]
) -> Callable[[], tuple[str, dict[str, str]]]:
    """The finding's arithmetic, headed by its statistic and naming both documents."""
    explain = finding.explain
    head = f"{stat.label()}: " if stat is not None else ""

    def told() -> tuple[str, dict[str, str]]:
        message, derived = explain() if explain is not None else ("", {})
        return f"{head}{message}", derived

    def agreement() -> tuple[str, dict[str, str]]:
        a, b = (describe(q) for q in finding.figures)
        iva, ivb = finding.computed_bounds, finding.printed_bounds
        if finding.status is Status.PASS and not finding.slack:
            return f"{head}{a} and {b} agree", {}
        if finding.status is Status.PASS:
            return f"{head}{a} and {b} agree within rounding ({iva} meets {ivb})", {}
        gap = "" if iva is None or ivb is None else f": apart by at least {iva.gap(ivb)}"
        return f"{head}{a} means {iva} and {b} means {ivb}, which do not meet{gap}", {}

    if finding.kind == "same" and len(finding.figures) == 2:
        return agreement
    return told


def _revision(
    finding: Finding, a: _Entry, b: _Entry, describe: Callable[[str], str]
) -> Finding | None:
    """A failed agreement between two editions of one statistic, as a revision."""
    if a.doc.edition is None or b.doc.edition is None or a.doc.edition == b.doc.edition:
        return None
    period = a.stat.period
    if a.doc.is_original(period) and b.doc.is_original(period):
        return None
    later, earlier = (a, b) if a.doc.edition.sort_key > b.doc.edition.sort_key else (b, a)

    def told() -> tuple[str, dict[str, str]]:
        ivl = later.doc.values[later.fid].bounds(later.doc.conventions)
        ive = earlier.doc.values[earlier.fid].bounds(earlier.doc.conventions)
        message = (
            f"{a.stat.label()}: revised — the {later.doc.edition} edition restates "
            f"{period} as {describe(later.qid)}, in {ivl}; the {earlier.doc.edition} "
            f"edition printed {describe(earlier.qid)}, in {ive}"
        )
        return message, {}

    return finding._replace(status=Status.REVISED, code=FindingCode.REVISION, explain=told)


def decide(
    docs: Sequence[Document],
    declared: Iterable[Check] = (),
    *,
    notes: Mapping[str, str] | None = None,
    id: str | None = None,  # noqa: A002 - the collection's id, as in fixtures
    title: str | None = None,
) -> CollectionResult:
    """Derive the cross-document checks of ``docs``, add ``declared`` ones, decide them all."""
    declared = list(declared)
    taken = {(c.kind, frozenset(c.figures)) for c in declared}
    derived = [d for d in _derive(docs) if (d.check.kind, frozenset(d.check.figures)) not in taken]
    entries: dict[str, tuple[_Entry, ...]] = {d.check.id: d.entries for d in derived}
    checks: list[Check] = [*declared, *(d.check for d in derived)]
    ids = [c.id for c in checks]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise FixtureError(f"duplicate relation id(s) across the collection: {', '.join(dup)}")
    by_alias = {d.alias: d for d in docs}
    values: dict[str, Reported] = {}
    own: dict[str, Conventions] = {}
    for d in docs:
        for fid, value in d.values.items():
            values[d.qid(fid)] = value
            own[d.qid(fid)] = d.conventions
    # a declared Same over keyed figures of one statistic may be a revision too
    for c in declared:
        if isinstance(c, Same) and len(c.statements) == 2:
            a, b = (_keyed(by_alias, q) for q in c.statements)
            if a is not None and b is not None and a.stat.identity == b.stat.identity:
                entries[c.id] = (a, b)

    def describe(qid: str) -> str:
        alias, _, fid = qid.partition(".")
        d = by_alias[alias]
        return f"{_printed(d.values[fid])} ({d.id} {fid})"

    with using_units(merged_units(docs)):
        findings = evaluate_all(checks, values, own=own)
    stats = {d.check.id: d.stat for d in derived}
    for c in declared:
        keyed = [e for e in (_keyed(by_alias, q) for q in c.figures) if e is not None]
        if keyed:
            stats[c.id] = max(keyed, key=lambda e: _MEASURE_RANK[e.stat.measure]).stat
    out: list[Finding] = []
    for c, f in zip(checks, findings, strict=True):
        sides = entries.get(c.id)
        if isinstance(c, Same) and f.status is Status.FAIL and sides is not None:
            revised = _revision(f, sides[0], sides[1], describe)
            if revised is not None:
                out.append(revised)
                continue
        out.append(f._replace(explain=_explain_across(f, stats.get(c.id), describe)))
    origin = {c.id: "declared" for c in declared} | {d.check.id: "keys" for d in derived}
    return CollectionResult(
        tuple(docs), tuple(checks), Result(tuple(out)), origin, stats,
        dict(notes or {}), id, title,
    )  # fmt: skip


def _printed(value: Reported) -> str:
    """The figure as printed, with its unit when the text prints it apart (a table cell)."""
    text = value.printed or str(value)
    unit = value.unit
    return text if not unit or text.endswith(unit) or _normalised_ends(text, unit) else (
        f"{text}({unit})")  # fmt: skip


def _normalised_ends(text: str, unit: str) -> bool:
    from pilstats.chinese import normalise  # noqa: PLC0415

    return normalise(text).replace(" ", "").endswith(unit)


_MEASURE_RANK = {"level": 0, "change": 1, "difference": 2, "change_difference": 3}


def _keyed(by_alias: Mapping[str, Document], qid: str) -> _Entry | None:
    alias, _, fid = qid.partition(".")
    d = by_alias.get(alias)
    if d is None or fid not in d.stats:
        return None
    return _Entry(d, fid, d.stats[fid])


def check_collection(
    sources: Sequence[str | Path | Report | Document],
    *,
    relations: Iterable[Check] = (),
) -> CollectionResult:
    """Check several documents against each other (and each on its own).

    ``sources`` are fixture paths, bundled report names, validated
    :class:`~pilstats.models.Report` objects, :class:`Document` objects (a scanned text
    with proposed keys, see :mod:`pilstats.propose`), or collection fixtures. Inconsistent
    data never raises: it yields failing (or revised) findings.

    Raises:
        pilstats.FixtureError: a source is malformed, or fewer than two documents.
    """
    loaded = load_documents(sources)
    if len(loaded.documents) < 2:
        raise FixtureError("a collection needs at least two documents")
    declared = [c for c, _, _ in loaded.relations] + list(relations)
    notes = {c.id: c.note for c in declared if c.note}
    return decide(loaded.documents, declared, notes=notes, id=loaded.id, title=loaded.title)
