"""The unit layer: one pint registry, built lazily from ``data/units_zh.txt``.

Two costs are kept off the start-up and hot paths:

* :func:`unit_symbols` answers "is this a known unit?" from a plain read of the
  definitions file (no pint import), which is all that loading a fixture needs;
* :func:`registry` imports pint and builds the registry only when two *different*
  units must be compared or converted (``亩`` against ``公顷``); checks between
  figures of the same unit never touch pint, and compute on Decimal/Fraction.

Nothing else in pilstats creates a ``UnitRegistry``.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pilstats.errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "DEFINITIONS",
    "RATIO_UNITS",
    "conversion_factor",
    "definitions_text",
    "dimension",
    "is_count_unit",
    "pint_dimension",
    "registry",
    "unit_symbols",
]

DEFINITIONS = Path(__file__).with_name("data") / "units_zh.txt"
"""The pint definitions file shipped inside the package."""

RATIO_UNITS = frozenset({"%", "percent", "个百分点", "百分点", "percentage_point"})
"""Units of printed shares and rates."""


@cache
def definitions_text() -> str:
    """The text of the bundled pint definitions file."""
    return DEFINITIONS.read_text(encoding="utf-8")


@cache
def _table() -> dict[str, str]:
    """Map every unit name, symbol and alias to its definition's right-hand side."""
    table: dict[str, str] = {}
    for raw in definitions_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("@") or "=" not in line:
            continue
        parts = [p.strip() for p in line.split("=")]
        name, definition, aliases = parts[0], parts[1], parts[2:]
        if name.endswith("-"):
            continue
        for word in (name, *aliases):
            if word and word != "_":
                table[word] = definition
    return table


def unit_symbols() -> frozenset[str]:
    """Every unit word a figure may carry (names, symbols and aliases)."""
    return frozenset(_table())


def is_count_unit(unit: str) -> bool:
    """True for measure words of counts (件, 人, 家 …), whose values are integers."""
    definition = _table().get(unit, "")
    return definition.startswith("[count_")


@cache
def registry() -> pint.UnitRegistry[Fraction]:
    """The single pint registry, built on first use.

    ``non_int_type=Fraction`` keeps definitions such as 亩 = 10000/15 m² exact (with
    Decimal, 1 亩 would be 666.6…667 m²).
    """
    import pint  # noqa: PLC0415 - deliberately lazy: ~0.1 s that most commands never pay

    ureg: pint.UnitRegistry[Fraction] = pint.UnitRegistry(
        None, non_int_type=Fraction, cache_folder=None
    )
    ureg.load_definitions(str(DEFINITIONS))
    return ureg


def _check_known(unit: str) -> None:
    if unit not in _table():
        raise UnitError(f"unknown unit {unit!r}")


_TERM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s*\*\*\s*(?P<power>-?\d+))?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?(?:e\d+)?$")


def _quick_dimensions(unit: str, depth: int = 0) -> dict[str, int] | None:
    """Dimensions read straight off the definitions file, without pint.

    Handles the shapes the file uses — ``[dim]``, and products and quotients of
    numbers and named units with integer powers. Anything else returns ``None`` and
    :func:`dimension` asks pint; a test checks both agree on every unit.
    """
    definition = _table().get(unit)
    if definition is None or depth > 10:
        return None
    if definition.startswith("[") and definition.endswith("]"):
        return {definition: 1}
    dims: dict[str, int] = {}
    sign = 1
    for raw in re.split(r"\s*([*/])\s*(?!\*)", definition.replace("**", "^")):
        token = raw.replace("^", "**").strip()
        if token in ("*", "/"):
            sign = -1 if token == "/" else 1  # noqa: S105 - an operator, not a password
            continue
        if _NUMBER.match(token):
            continue
        m = _TERM.match(token)
        if m is None:
            return None
        inner = _quick_dimensions(m["name"], depth + 1)
        if inner is None:
            return None
        power = int(m["power"] or 1) * sign
        for dim, p in inner.items():
            dims[dim] = dims.get(dim, 0) + p * power
    return {d: p for d, p in dims.items() if p}


def _format_dimensions(dims: dict[str, Fraction]) -> str:
    if not dims:
        return "dimensionless"
    terms = []
    for name, power in sorted(dims.items()):
        text = str(power.numerator) if power.denominator == 1 else str(power)
        terms.append(name if power == 1 else f"{name} ** {text}")
    return " * ".join(terms)


@cache
def dimension(unit: str) -> str:
    """The dimensionality of ``unit`` as text, e.g. ``[length] ** 2`` for 亩.

    Read from the definitions file directly when it is simple (no pint import);
    otherwise from the pint registry.
    """
    _check_known(unit)
    quick = _quick_dimensions(unit)
    if quick is not None:
        return _format_dimensions({k: Fraction(v) for k, v in quick.items()})
    return pint_dimension(unit)


def pint_dimension(unit: str) -> str:
    """The dimensionality of ``unit`` according to pint (builds the registry)."""
    _check_known(unit)
    dims = registry().parse_units(unit).dimensionality
    return _format_dimensions(
        {k: v if isinstance(v, Fraction) else Fraction(str(v)) for k, v in dims.items()}
    )


@cache
def conversion_factor(source: str, target: str) -> Fraction:
    """Exact factor ``k`` such that ``x source == x * k target``.

    Identical units return 1 without touching pint.

    Raises:
        UnitError: a unit is unknown or the two are not commensurable (件 vs 人).
    """
    if source == target:
        return Fraction(1)
    _check_known(source)
    _check_known(target)
    ureg = registry()
    import pint  # noqa: PLC0415

    try:
        magnitude = ureg.Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError as exc:
        raise UnitError(f"{source!r} and {target!r} measure different things") from exc
    if isinstance(magnitude, Fraction):
        return magnitude
    if isinstance(magnitude, int):
        return Fraction(magnitude)
    raise UnitError(f"inexact conversion from {source!r} to {target!r}: {magnitude!r}")
