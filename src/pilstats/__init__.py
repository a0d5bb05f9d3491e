"""pilstats: typed, unit-aware figures of China's public interest litigation reports.

The figures of the white paper, each exact as printed with its unit, qualifier and
provenance, and proofs (or disproofs) of their internal consistency.

>>> import pilstats
>>> result = pilstats.check("whitepaper-2023")
>>> result.ok
True
"""

from pilstats.api import check, load
from pilstats.checks import Change, Check, Rate, Same, Share, ShareSum, Subset, Total, evaluate
from pilstats.culprits import find_culprits
from pilstats.errors import FixtureError, NumeralParseError, PilstatsError, UnitError
from pilstats.fields import CaseField, FieldGroup
from pilstats.figure import Conventions, Qualifier, Reported, format_figure, parse_figure
from pilstats.findings import Culprit, Finding, FindingCode, Result, Status
from pilstats.interval import Interval
from pilstats.models import FigureRecord, Report
from pilstats.numerals import parse_numeral
from pilstats.records import figure_records, figures_frame, finding_records, findings_frame
from pilstats.rounding import Rounding, round_to, unround


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first access (25 ms saved)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("pilstats")
        except PackageNotFoundError:  # pragma: no cover - a bare source tree
            return "0+unknown"
    raise AttributeError(f"module 'pilstats' has no attribute {name!r}")

__all__ = [
    "CaseField",
    "Change",
    "Check",
    "Conventions",
    "Culprit",
    "FieldGroup",
    "FigureRecord",
    "Finding",
    "FindingCode",
    "FixtureError",
    "Interval",
    "NumeralParseError",
    "PilstatsError",
    "Qualifier",
    "Rate",
    "Report",
    "Reported",
    "Result",
    "Rounding",
    "Same",
    "Share",
    "ShareSum",
    "Status",
    "Subset",
    "Total",
    "UnitError",
    "__version__",
    "check",
    "evaluate",
    "figure_records",
    "figures_frame",
    "find_culprits",
    "finding_records",
    "findings_frame",
    "format_figure",
    "load",
    "parse_figure",
    "parse_numeral",
    "round_to",
    "unround",
]
