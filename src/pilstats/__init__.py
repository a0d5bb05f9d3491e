"""pilstats: typed, unit-aware figures of China's public interest litigation reports.

The figures of the white paper, each exact as printed with its unit, qualifier and
provenance, and proofs (or disproofs) of their internal consistency.

>>> import pilstats
>>> result = pilstats.check("whitepaper-2023")
>>> result.ok
True
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from pilstats.collection import CollectionResult, Document, check_collection
    from pilstats.periods import Period, parse_period
    from pilstats.series import Series, series_of

_LAZY = {
    "CollectionResult": "pilstats.collection",
    "Document": "pilstats.collection",
    "check_collection": "pilstats.collection",
    "Period": "pilstats.periods",
    "parse_period": "pilstats.periods",
    "Series": "pilstats.series",
    "series_of": "pilstats.series",
}


def __getattr__(name: str) -> Any:
    """``__version__`` and the collection API, loaded on first access (start-up stays small)."""
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415

        return getattr(import_module(_LAZY[name]), name)
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
    "CollectionResult",
    "Conventions",
    "Culprit",
    "Document",
    "FieldGroup",
    "FigureRecord",
    "Finding",
    "FindingCode",
    "FixtureError",
    "Interval",
    "NumeralParseError",
    "Period",
    "PilstatsError",
    "Qualifier",
    "Rate",
    "Report",
    "Reported",
    "Result",
    "Rounding",
    "Same",
    "Series",
    "Share",
    "ShareSum",
    "Status",
    "Subset",
    "Total",
    "UnitError",
    "__version__",
    "check",
    "check_collection",
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
    "parse_period",
    "round_to",
    "series_of",
    "unround",
]
