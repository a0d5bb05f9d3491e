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

from fractions import Fraction
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from pilstats.errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "RATIO_UNITS",
    "conversion_factor",
    "definitions_text",
    "dimension",
    "is_count_unit",
    "registry",
    "unit_symbols",
]

RATIO_UNITS = frozenset({"%", "percent", "个百分点", "百分点", "percentage_point"})
"""Units of printed shares and rates."""


@cache
def definitions_text() -> str:
    """The text of the bundled pint definitions file."""
    return (resources.files("pilstats") / "data" / "units_zh.txt").read_text(encoding="utf-8")


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
def registry() -> pint.UnitRegistry:
    """The single pint registry, built on first use.

    ``non_int_type=Fraction`` keeps definitions such as 亩 = 10000/15 m² exact (with
    Decimal, 1 亩 would be 666.6…667 m²).
    """
    import pint  # noqa: PLC0415 - deliberately lazy: ~0.1 s that most commands never pay

    ureg = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    path = resources.files("pilstats") / "data" / "units_zh.txt"
    with resources.as_file(path) as file:
        ureg.load_definitions(str(file))
    return ureg


def _check_known(unit: str) -> None:
    if unit not in _table():
        raise UnitError(f"unknown unit {unit!r}")


@cache
def dimension(unit: str) -> str:
    """The pint dimensionality of ``unit`` as text, e.g. ``[length] ** 2`` for 亩."""
    _check_known(unit)
    dims = registry().get_dimensionality(unit)
    if not dims:
        return "dimensionless"
    terms = []
    for name, exp in sorted(dims.items()):
        power = Fraction(exp)
        text = str(power.numerator) if power.denominator == 1 else str(power)
        terms.append(name if power == 1 else f"{name} ** {text}")
    return " * ".join(terms)


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
    return Fraction(magnitude)
