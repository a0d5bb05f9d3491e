"""pilstats: the figures of China's public interest litigation white paper as typed,
unit-aware data with provenance, and proofs of their internal consistency.

>>> import pilstats
>>> result = pilstats.check("whitepaper-2023")
>>> result.ok
True
"""

from importlib.metadata import PackageNotFoundError, version

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
from pilstats.rounding import Rounding, round_to, unround

try:
    __version__ = version("pilstats")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

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
    "find_culprits",
    "format_figure",
    "load",
    "parse_figure",
    "parse_numeral",
    "round_to",
    "unround",
]
