"""Findings: the outcome of one check, with its arithmetic, and the collected result.

Every check yields exactly one :class:`Finding` — a pass is reported as carefully as a
failure — and :class:`Result` gathers them all (lazy validation: nothing stops at the
first failure). Codes are stable strings, safe to match on in pipelines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from pilstats.decimals import isolated
from pilstats.escaping import json_dumps, xml_text
from pilstats.interval import Interval, format_fraction

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = [
    "SCHEMA_VERSION",
    "Culprit",
    "DerivedValue",
    "Explain",
    "Finding",
    "FindingCode",
    "Result",
    "Status",
    "derived_record",
    "derived_text",
    "interval_record",
    "junit_document",
    "number",
]

SCHEMA_VERSION = 1
"""Version of the JSON output layout; bumped on any incompatible change."""


class Status(StrEnum):
    """Outcome of a check.

    * ``pass``: the printed figures are consistent with each other.
    * ``fail``: no values within the figures' intervals satisfy the relation.
    * ``untestable``: at the printed precision the check could not have failed
      (e.g. a 99.1% rate of 116489 cases is met by 116 different numerators);
      never counted as a pass.
    * ``revised``: a later edition restates a value of an earlier period differently
      from the original edition (across documents only): not an inconsistency within
      either document, not a silent pass either — a revision a reader must see.
    """

    PASS = "pass"  # noqa: S105 - not a password
    FAIL = "fail"
    UNTESTABLE = "untestable"
    REVISED = "revised"


class FindingCode(StrEnum):
    """Stable code of a finding: ``<kind>-ok``, ``<kind>-untestable`` or the failure."""

    SUM_OK = "sum-ok"
    SUM_MISMATCH = "sum-mismatch"
    SUM_UNTESTABLE = "sum-untestable"
    PARTIAL_SUM_OK = "partial-sum-ok"
    PARTIAL_SUM_EXCEEDS = "partial-sum-exceeds"
    SHARE_OK = "share-ok"
    SHARE_MISMATCH = "share-mismatch"
    SHARE_UNTESTABLE = "share-untestable"
    SHARE_SUM_OK = "share-sum-ok"
    SHARE_SUM_MISMATCH = "share-sum-mismatch"
    SHARE_SUM_UNTESTABLE = "share-sum-untestable"
    SUBSET_OK = "subset-ok"
    SUBSET_EXCEEDS = "subset-exceeds"
    SUBSET_UNTESTABLE = "subset-untestable"
    CHANGE_OK = "change-ok"
    CHANGE_NO_PREVIOUS = "change-no-previous"
    CHANGE_UNTESTABLE = "change-untestable"
    RATE_OK = "rate-ok"
    RATE_NO_NUMERATOR = "rate-no-numerator"
    RATE_UNTESTABLE = "rate-untestable"
    SAME_OK = "same-ok"
    SAME_MISMATCH = "same-mismatch"
    SAME_UNTESTABLE = "same-untestable"
    FORMULA_OK = "formula-ok"
    FORMULA_MISMATCH = "formula-mismatch"
    FORMULA_UNTESTABLE = "formula-untestable"
    UNIT_MISMATCH = "unit-mismatch"
    REVISION = "revision"


DerivedValue = Interval | range | Decimal
"""A figure a check derives: an interval, a set of consecutive integers, or a number."""

Explain = Callable[[], tuple[str, dict[str, Any]]]
"""Writes a finding's message and derived figures when they are first asked for.

The derived values are :data:`DerivedValue` objects (an explainer may also give text).
"""


def number(value: Decimal | int) -> int | float:
    """A JSON/DataFrame number: an ``int`` when integral, else the nearest ``float``."""
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return float(value)


def derived_text(value: DerivedValue | str) -> str:
    """A derived figure as text: ``33``, ``[0, 5)``, ``{722}``, ``{1, …, 9} (9 values)``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Interval):
        return str(value)
    if isinstance(value, Decimal):
        return format_fraction(value)
    if len(value) == 0:
        return "{}"
    if len(value) <= 5:
        return "{" + ", ".join(str(x) for x in value) + "}"
    return f"{{{value.start}, …, {value.stop - 1}}} ({len(value)} values)"


def interval_record(iv: Interval | None) -> dict[str, Any]:
    """``lo``, ``hi`` as numbers and whether each end is closed (all ``None`` without one)."""
    if iv is None:
        return {"lo": None, "hi": None, "lo_closed": None, "hi_closed": None}
    return {"lo": number(iv.lo), "hi": number(iv.hi), "lo_closed": iv.lo_closed,
            "hi_closed": iv.hi_closed}  # fmt: skip


def derived_record(value: DerivedValue | str) -> dict[str, Any]:
    """A derived figure as a structured value.

    ``text`` as :func:`derived_text` writes it; ``lo`` and ``hi`` as numbers with their
    ends; ``integers``: for a set of integers (a previous-year count, a numerator), how
    many there are (``None`` for an interval of real values).
    """
    out: dict[str, Any] = {"text": derived_text(value)}
    if isinstance(value, Interval):
        out.update(interval_record(value), integers=None)
    elif isinstance(value, Decimal):
        out.update(interval_record(Interval.point(value)), integers=None)
    elif isinstance(value, range):
        if len(value):
            out.update(lo=value.start, hi=value.stop - 1, lo_closed=True, hi_closed=True)
        else:
            out.update(interval_record(None))
        out["integers"] = len(value)
    else:
        out.update(interval_record(None), integers=None)
    return out


class _FindingFields(NamedTuple):
    check: str
    kind: str
    code: FindingCode
    status: Status
    figures: tuple[str, ...]
    computed_bounds: Interval | None = None
    printed_bounds: Interval | None = None
    slack: bool = False
    section: str | None = None
    explain: Explain | None = None


class Finding(_FindingFields):
    """The outcome of one check (an immutable value).

    The decision (``status``, ``code``, ``slack``, the intervals) is made when the
    check runs; the words (``message``, ``derived``) are written when asked for, so
    a pipeline that only reads statuses does not pay for explanations.

    Attributes:
        check: id of the check.
        kind: the check's kind (``total``, ``share`` …).
        code: stable code, see :class:`FindingCode`.
        status: pass, fail or untestable.
        figures: ids of the figures involved.
        computed_bounds: interval implied by the other figures, if any.
        printed_bounds: interval of the printed figure it is compared with, if any.
        slack: passes only thanks to rounding or qualifier slack (the printed
            numbers taken at face value would not agree).
        section: where in the report the relation is stated.
        explain: returns ``(message, derived)``; pure, so it may be called again.
    """

    __slots__ = ()

    @property
    def message(self) -> str:
        """The arithmetic, in words and numbers."""
        return self._explained()[0]

    @property
    def derived(self) -> dict[str, str]:
        """Figures the check derives, as text, e.g. ``{"remainder": "33"}``."""
        return {k: derived_text(v) for k, v in self.derived_values.items()}

    @property
    def derived_values(self) -> dict[str, DerivedValue | str]:
        """Figures the check derives, as values (an interval, a range of integers …)."""
        return dict(self._explained()[1])

    @isolated
    def _explained(self) -> tuple[str, dict[str, DerivedValue | str]]:
        """The explanation, written now (in pilstats' own decimal context)."""
        return self.explain() if self.explain is not None else ("", {})

    @property
    def computed(self) -> str | None:
        """``computed_bounds`` as text, e.g. ``[61.7, 62.1)``."""
        return None if self.computed_bounds is None else str(self.computed_bounds)

    @property
    def printed(self) -> str | None:
        """``printed_bounds`` as text."""
        return None if self.printed_bounds is None else str(self.printed_bounds)

    def __eq__(self, other: object) -> bool:
        """Findings are equal when everything they report is equal."""
        if not isinstance(other, Finding):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __ne__(self, other: object) -> bool:
        """The negation of ``==``."""
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The finding as a plain record (the JSON and CSV row of a check).

        The fields above; ``figures`` a list; ``computed`` and ``printed`` as text and
        as numbers (``computed_lo`` … ``printed_hi_closed``); ``derived`` as structured
        values (see :func:`derived_record`).
        """
        message, derived = self._explained()
        out = {
            "check": self.check,
            "kind": self.kind,
            "code": str(self.code),
            "status": str(self.status),
            "figures": list(self.figures),
            "message": message,
            "computed": self.computed,
            "printed": self.printed,
            "slack": self.slack,
            "derived": {k: derived_record(v) for k, v in derived.items()},
            "section": self.section,
        }
        for name, iv in (("computed", self.computed_bounds), ("printed", self.printed_bounds)):
            out.update({f"{name}_{k}": v for k, v in interval_record(iv).items()})
        return out


@dataclass(frozen=True, slots=True)
class Culprit:
    """A single figure whose correction would make every failing check pass.

    Attributes:
        figure: the figure's id.
        printed: the figure as printed.
        suggestion: the corrected figure.
        operation: ``swap`` (two adjacent digits exchanged) or ``digit`` (one changed).
    """

    figure: str
    printed: str
    suggestion: str
    operation: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping with the fields above."""
        return {
            "figure": self.figure,
            "printed": self.printed,
            "suggestion": self.suggestion,
            "operation": self.operation,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """Every finding of a run, and the likely culprits when some failed."""

    findings: tuple[Finding, ...]
    culprits: tuple[Culprit, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per status (all three keys always present)."""
        c = Counter(f.status for f in self.findings)
        return {str(s): c.get(s, 0) for s in Status}

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return all(f.status is not Status.FAIL for f in self.findings)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The failing findings, in check order."""
        return tuple(f for f in self.findings if f.status is Status.FAIL)

    @property
    def revisions(self) -> tuple[Finding, ...]:
        """The findings of values a later edition revised (across documents)."""
        return tuple(f for f in self.findings if f.status is Status.REVISED)

    def summary(self) -> str:
        """One line: ``58 checks: 55 pass, 0 fail, 3 untestable`` (and ``, 1 revised``)."""
        c = self.counts
        revised = f", {c['revised']} revised" if c["revised"] else ""
        return (
            f"{len(self.findings)} checks: {c['pass']} pass, {c['fail']} fail, "
            f"{c['untestable']} untestable{revised}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: ``ok``, ``counts``, ``findings``, ``culprits``."""
        return {
            "ok": self.ok,
            "checks": len(self.findings),
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
            "culprits": [c.to_dict() for c in self.culprits],
        }

    def violations(self, fail_on: str = "fail") -> list[Finding]:
        """Findings that break a pipeline at the ``fail_on`` threshold.

        ``fail``: failing checks; ``revised``: also values a later edition revised;
        ``untestable``: also checks that could not have failed (and revisions);
        ``rounding``: also passes that hold only within rounding slack.
        """
        bad = [f for f in self.findings if f.status is Status.FAIL]
        if fail_on in ("revised", "untestable", "rounding"):
            bad += [f for f in self.findings if f.status is Status.REVISED]
        if fail_on in ("untestable", "rounding"):
            bad += [f for f in self.findings if f.status is Status.UNTESTABLE]
        if fail_on == "rounding":
            bad += [f for f in self.findings if f.status is Status.PASS and f.slack]
        return bad

    def to_document(self, *, report: str | None = None) -> dict[str, Any]:
        """The versioned JSON document as a mapping (see :data:`SCHEMA_VERSION`)."""
        doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if report is not None:
            doc["report"] = report
        doc.update(self.to_dict())
        return doc

    def to_json(self, *, report: str | None = None, indent: int | None = 2) -> str:
        """The versioned JSON document (see :data:`SCHEMA_VERSION` and the README).

        Control characters from the data are JSON escapes, never raw.
        """
        return json_dumps(self.to_document(report=report), indent=indent)

    def junit_suite(self, name: str) -> Element:
        """A JUnit ``<testsuite>``: one testcase per check, untestable ones skipped.

        Every text from the data passes :func:`~pilstats.escaping.xml_text`, so the
        document is well-formed XML 1.0 whatever the ids and messages hold.
        """
        from xml.etree import ElementTree as ET  # noqa: PLC0415 - only JUnit output needs it

        c = self.counts
        x = xml_text
        suite = ET.Element(
            "testsuite", name=x(name), tests=str(len(self.findings)), failures=str(c["fail"]),
            skipped=str(c["untestable"] + c["revised"]), errors="0",
        )  # fmt: skip
        for f in self.findings:
            case = ET.SubElement(suite, "testcase", name=x(f.check),
                                 classname=x(f"{name}.{f.kind}"))  # fmt: skip
            if f.status is Status.FAIL:
                message = x(f.message)
                fail = ET.SubElement(case, "failure", message=message, type=str(f.code))
                fail.text = f"figures: {x(', '.join(f.figures))}\n{message}"
            elif f.status is Status.UNTESTABLE:
                ET.SubElement(case, "skipped", message=x(f.message))
            elif f.status is Status.REVISED:
                # JUnit has no "warning": a revision is reported as skipped, typed revision
                ET.SubElement(case, "skipped", message=x(f"revised: {f.message}"),
                              type="revision")  # fmt: skip
        return suite

    def to_junit(self, name: str = "pilstats") -> str:
        """A JUnit XML document with one testsuite, readable by CI systems."""
        return junit_document([self.junit_suite(name)])


def junit_document(suites: list[Element], *, ascii_only: bool = False) -> str:
    """Wrap testsuites in ``<testsuites>`` and serialise with an XML declaration.

    ``ascii_only`` writes every non-ASCII character as a character reference (for an
    output that cannot encode it); the declaration then says ``us-ascii``.
    """
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - only JUnit output needs it

    root = ET.Element("testsuites", name="pilstats")
    root.extend(suites)
    ET.indent(root)
    if ascii_only:
        body = bytes(ET.tostring(root, "us-ascii", xml_declaration=False)).decode("ascii")
        return '<?xml version="1.0" encoding="us-ascii"?>\n' + body + "\n"
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
