"""The unit layer: unit tables read from pint definitions, and one pint registry per table.

A :class:`UnitTable` answers every question pilstats asks of a unit word — is it known,
is it a count, a ratio (%, ‰, 个百分点, 倍, 成), what is its dimension, what factor
converts it to another unit — from the definitions file ``data/units_zh.txt``, plus
whatever a fixture declares in its ``units:`` block (same pint syntax).

Two costs are kept off the start-up and hot paths:

* the questions above are answered from a plain read of the definitions (no pint
  import), which is all that loading a fixture and checking figures of one unit need;
* :meth:`UnitTable.registry` imports pint and builds a registry only when two
  *different* units must be converted (``亩`` against ``公顷``) and the definitions
  alone cannot say how; a test checks the pint-free reading against pint for every unit.

Open measure words: a single Chinese character that is not in the table (台, 株, 尾 …)
is a count unit of a dimension of its own, so ``30余台`` reads and ``台 + 辆`` is still a
unit error; nothing is dropped. Longer unknown words must be declared.

Nothing else in pilstats creates a ``UnitRegistry``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pilstats.errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "DEFINITIONS",
    "POINT_UNITS",
    "UnitTable",
    "active_units",
    "base_units",
    "conversion_factor",
    "definitions_text",
    "dimension",
    "is_count_unit",
    "is_measure_word",
    "is_ratio_unit",
    "pint_dimension",
    "ratio_factor",
    "registry",
    "unit_symbols",
    "using_units",
]

DEFINITIONS = Path(__file__).with_name("data") / "units_zh.txt"
"""The pint definitions file shipped inside the package."""

POINT_UNITS = frozenset({"个百分点", "百分点", "percentage_point", "个千分点", "千分点",
                         "permille_point"})  # fmt: skip
"""Differences of two rates (9.6个百分点), never a relative change of a quantity."""

_NON_UNITS = frozenset(
    "零〇一二两三四五六七八九十百千万亿余多约近超逾足左右的了和与及或等共各每第其中为是"
)
"""Characters that never stand alone as a measure word (numerals, qualifiers, particles)."""


def is_measure_word(word: str) -> bool:
    """Whether ``word`` may be an open measure word: one CJK ideograph, not a numeral."""
    if len(word) != 1 or word in _NON_UNITS:
        return False
    code = ord(word)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF


@cache
def definitions_text() -> str:
    """The text of the bundled pint definitions file."""
    return DEFINITIONS.read_text(encoding="utf-8")


def _parse_definitions(text: str, origin: str) -> dict[str, str]:
    """Map every unit name, symbol and alias of pint definitions to its definition."""
    table: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("@"):
            continue
        if "=" not in line:
            raise UnitError(f"{origin} line {number}: not a definition (name = definition)")
        parts = [p.strip() for p in line.split("=")]
        name, definition, aliases = parts[0], parts[1], parts[2:]
        if not name or not definition:
            raise UnitError(f"{origin} line {number}: empty name or definition")
        if name.endswith("-"):
            continue
        for word in (name, *aliases):
            if word and word != "_":
                table[word] = definition
    return table


_TERM = re.compile(r"^(?P<name>[^\W\d][\w]*|%|‰)(?:\s*\*\*\s*(?P<power>-?\d+))?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?(?:e-?\d+)?$")

Dims = dict[str, int]


class UnitTable:
    """An immutable table of unit words: the bundled definitions plus declared ones.

    ``UnitTable.base()`` is the bundled table; :meth:`extend` returns a new table with
    a fixture's declarations (pint definition syntax), checked as it is built.
    """

    __slots__ = ("_cache", "_leads", "declared", "entries")

    def __init__(self, entries: Mapping[str, str], declared: tuple[str, ...] = ()) -> None:
        """Wrap a word → definition mapping; ``declared`` are the extra pint lines."""
        self.entries = dict(entries)
        self.declared = declared
        self._cache: dict[str, tuple[Fraction, Dims] | None] = {}
        self._leads: dict[frozenset[str], int] = {}

    @staticmethod
    @cache
    def base() -> UnitTable:
        """The table of the bundled definitions file."""
        return UnitTable(_parse_definitions(definitions_text(), DEFINITIONS.name))

    def extend(self, lines: Sequence[str], origin: str = "units") -> UnitTable:
        """A new table with ``lines`` (pint definitions) added; each one checked.

        Raises:
            UnitError: a line is not a definition, redefines a known word, or refers
                to a unit that is not defined.
        """
        for line in lines:
            _check_size(line, origin)
        extra = _parse_definitions("\n".join(lines), origin)
        clash = sorted(w for w in extra if w in self.entries)
        if clash:
            raise UnitError(f"{origin}: {', '.join(clash)} already defined")
        table = UnitTable({**self.entries, **extra}, (*self.declared, *lines))
        for word in extra:
            if table._base(word) is None:
                raise UnitError(
                    f"{origin}: cannot read the definition of {word!r} "
                    f"({extra[word]!r}): use [dimension] or known units and numbers"
                )
        return table

    # ------------------------------------------------------------------ queries

    def symbols(self) -> frozenset[str]:
        """Every word of the table (names, symbols and aliases)."""
        return frozenset(self.entries)

    def longest_lead(self, chars: frozenset[str]) -> int:
        """The longest run of ``chars`` that begins a unit word (1 for 千克 and numerals).

        ``a/b`` compounds begin with a word of the table, and open measure words are
        never numerals, so no known unit begins with a longer run.
        """
        lead = self._leads.get(chars)
        if lead is None:
            lead = 0
            for word in self.entries:
                n = 0
                while n < len(word) and word[n] in chars:
                    n += 1
                lead = max(lead, n)
            self._leads[chars] = lead
        return lead

    def knows(self, unit: str) -> bool:
        """Whether ``unit`` is a unit: in the table, an open measure word, or ``a/b``."""
        return self._base(unit) is not None

    def is_count(self, unit: str) -> bool:
        """True for measure words of counts (件, 人, 台 …), whose values are integers."""
        found = self._base(unit)
        if found is None:
            return False
        factor, dims = found
        return factor == 1 and len(dims) == 1 and all(
            power == 1 and dim.startswith("[count_") for dim, power in dims.items()
        )

    def is_ratio(self, unit: str) -> bool:
        """True for dimensionless units (%, ‰, 个百分点, 倍, 成) and the bare number ``""``."""
        found = self._base(unit)
        return found is not None and not found[1]

    def ratio_factor(self, unit: str) -> Fraction:
        """The value of one ``unit`` as a pure number: % → 1/100, ‰ → 1/1000, 倍 → 1."""
        found = self._base(unit)
        if found is None or found[1]:
            raise UnitError(f"{unit!r} is not a ratio unit")
        return found[0]

    def dimension(self, unit: str) -> str:
        """The dimensionality of ``unit`` as text, e.g. ``[length] ** 2`` for 亩."""
        found = self._base(unit)
        if found is None:
            raise UnitError(f"unknown unit {unit!r}")
        return _format_dimensions(found[1])

    def to_base(self, unit: str) -> tuple[Fraction, Dims]:
        """``(factor, dimensions)``: one ``unit`` is ``factor`` base units of ``dimensions``."""
        found = self._base(unit)
        if found is None:
            raise UnitError(f"unknown unit {unit!r}")
        return found[0], dict(found[1])

    def conversion_factor(self, source: str, target: str) -> Fraction:
        """Exact factor ``k`` such that ``x source == x * k target``.

        Raises:
            UnitError: a unit is unknown or the two measure different things.
        """
        if source == target:
            return Fraction(1)
        (fs, ds), (ft, dt) = self.to_base(source), self.to_base(target)
        if ds != dt:
            raise UnitError(f"{source!r} and {target!r} measure different things")
        return fs / ft

    def registry(self) -> pint.UnitRegistry[Fraction]:
        """A pint registry of this table (bundled file plus declarations), built once."""
        return _registry(self.declared)

    # ------------------------------------------------------------- internals

    def _base(self, unit: str, depth: int = 0) -> tuple[Fraction, Dims] | None:
        if unit in self._cache:
            return self._cache[unit]
        found = self._compute_base(unit, depth)
        if found is not None or unit in self.entries:
            # unknown words are not remembered: the table is shared by every reading
            # in the process, and arbitrary input must not grow it
            self._cache[unit] = found
        return found

    def _compute_base(self, unit: str, depth: int) -> tuple[Fraction, Dims] | None:
        if depth > 20:
            return None
        if unit == "":
            return Fraction(1), {}
        definition = self.entries.get(unit)
        if definition is None:
            if is_measure_word(unit):
                return Fraction(1), {f"[count_{unit}]": 1}
            if "/" in unit:
                head, _, tail = unit.partition("/")
                a, b = self._base(head.strip(), depth + 1), self._base(tail.strip(), depth + 1)
                if a is None or b is None:
                    return None
                return a[0] / b[0], _combine(a[1], b[1], -1)
            return None
        if definition.startswith("[") and definition.endswith("]"):
            return Fraction(1), {definition: 1}
        quick = self._expression(definition, depth)
        return quick if quick is not None else self._from_pint(unit)

    def _from_pint(self, unit: str) -> tuple[Fraction, Dims] | None:
        """What the definitions alone cannot say (offsets, functions): ask pint."""
        import pint  # noqa: PLC0415

        try:
            q = self.registry().Quantity(Fraction(1), unit).to_base_units()
        except (pint.PintError, ValueError, TypeError, RecursionError):  # A = A loops in pint
            return None
        dims = {k: int(Fraction(str(v))) for k, v in q.dimensionality.items()
                if Fraction(str(v)).denominator == 1}  # fmt: skip
        if len(dims) != len(q.dimensionality):
            return None
        return Fraction(q.magnitude), dims

    def _expression(self, definition: str, depth: int) -> tuple[Fraction, Dims] | None:
        factor = Fraction(1)
        dims: Dims = {}
        sign = 1
        for raw in re.split(r"\s*([*/])\s*(?!\*)", definition.replace("**", "^")):
            token = raw.replace("^", "**").strip()
            if token in ("*", "/"):
                sign = -1 if token == "/" else 1  # noqa: S105 - an operator, not a password
                continue
            if _NUMBER.match(token):
                value = Fraction(token)
                factor = factor / value if sign < 0 else factor * value
                continue
            m = _TERM.match(token)
            if m is None:
                return None
            inner = self._base(m["name"], depth + 1)
            if inner is None:
                return None
            power = int(m["power"] or 1) * sign
            factor *= inner[0] ** power
            if factor.numerator.bit_length() + factor.denominator.bit_length() > _MAX_BITS:
                raise UnitError(f"the factor of {definition!r} has more than {_MAX_BITS} bits")
            dims = _combine(dims, inner[1], power)
        return factor, dims


_MAX_BITS = 4096
_LITERAL = re.compile(r"(?P<digits>\d[\d.]*)(?:[eE](?P<exp>[-+]?\d+))?")
_POWER = re.compile(r"(?:\*\*|\^)\s*\(?\s*[-+]?(?P<n>\d+)")


def _check_size(line: str, origin: str) -> None:
    """Refuse definitions whose numbers or powers could not be computed in bounded time.

    ``x = 1e999999999 * 件`` or a tower of powers would hang pint and exact fractions;
    no unit needs more than 40 digits, an exponent beyond ±40, or powers beyond 6.
    """
    for m in _LITERAL.finditer(line):
        if len(m["digits"]) > 40 or (m["exp"] is not None and abs(int(m["exp"][:6])) > 40):
            raise UnitError(f"{origin}: number {m.group()[:20]!r} too large for a unit")
    powers = list(_POWER.finditer(line))
    if len(powers) > 2 or any(len(p["n"]) > 1 or int(p["n"]) > 6 for p in powers):
        raise UnitError(f"{origin}: powers beyond 6, or more than two of them, in {line[:60]!r}")


def _combine(a: Dims, b: Dims, power: int) -> Dims:
    out = dict(a)
    for dim, p in b.items():
        out[dim] = out.get(dim, 0) + p * power
    return {d: p for d, p in out.items() if p}


def _format_dimensions(dims: Mapping[str, int | Fraction]) -> str:
    if not dims:
        return "dimensionless"
    terms = []
    for name, power in sorted(dims.items()):
        p = Fraction(power)
        text = str(p.numerator) if p.denominator == 1 else str(p)
        terms.append(name if p == 1 else f"{name} ** {text}")
    return " * ".join(terms)


@lru_cache(maxsize=8)  # one per fixture's units: block; a long-lived process reads many
def _registry(declared: tuple[str, ...]) -> pint.UnitRegistry[Fraction]:
    import pint  # noqa: PLC0415 - deliberately lazy: ~0.2 s that most commands never pay

    ureg: pint.UnitRegistry[Fraction] = pint.UnitRegistry(
        None, non_int_type=Fraction, cache_folder=None
    )
    ureg.load_definitions(str(DEFINITIONS))
    for line in declared:
        if line.split("#", 1)[0].strip():
            ureg.define(line)
    return ureg


# ------------------------------------------------------------- the active table

_ACTIVE: ContextVar[UnitTable | None] = ContextVar("pilstats_units", default=None)


def active_units() -> UnitTable:
    """The table in force: a fixture's (inside :func:`using_units`) or the bundled one."""
    table = _ACTIVE.get()
    return table if table is not None else UnitTable.base()


def base_units() -> UnitTable:
    """The bundled table."""
    return UnitTable.base()


@contextmanager
def using_units(table: UnitTable) -> Iterator[UnitTable]:
    """Make ``table`` the active one for this thread or task while the block runs."""
    token = _ACTIVE.set(table)
    try:
        yield table
    finally:
        _ACTIVE.reset(token)


def unit_symbols() -> frozenset[str]:
    """Every unit word of the active table (names, symbols and aliases)."""
    return active_units().symbols()


def is_count_unit(unit: str) -> bool:
    """True for measure words of counts (件, 人, 家, 台 …), whose values are integers."""
    return active_units().is_count(unit)


def is_ratio_unit(unit: str) -> bool:
    """True for %, ‰, 个百分点, 千分点, 倍, 成 and the bare number."""
    return active_units().is_ratio(unit)


def ratio_factor(unit: str) -> Fraction:
    """One ``unit`` as a pure number: % → 1/100, ‰ → 1/1000, 倍 → 1, 成 → 1/10."""
    return active_units().ratio_factor(unit)


def dimension(unit: str) -> str:
    """The dimensionality of ``unit`` as text, e.g. ``[length] ** 2`` for 亩."""
    return active_units().dimension(unit)


def conversion_factor(source: str, target: str) -> Fraction:
    """Exact factor ``k`` such that ``x source == x * k target`` (active table)."""
    return active_units().conversion_factor(source, target)


def registry() -> pint.UnitRegistry[Fraction]:
    """The pint registry of the active table, built on first use."""
    return active_units().registry()


def pint_dimension(unit: str) -> str:
    """The dimensionality of ``unit`` according to pint (builds the registry)."""
    if not active_units().knows(unit):
        raise UnitError(f"unknown unit {unit!r}")
    if unit == "" or (unit not in active_units().entries and "/" not in unit):
        return active_units().dimension(unit)
    dims = registry().parse_units(unit).dimensionality
    return _format_dimensions(
        {k: v if isinstance(v, Fraction) else Fraction(str(v)) for k, v in dims.items()}
    )


def pint_factor(source: str, target: str) -> Fraction:
    """The conversion factor according to pint (builds the registry); for tests."""
    import pint  # noqa: PLC0415

    try:
        magnitude = registry().Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError as exc:
        raise UnitError(f"{source!r} and {target!r} measure different things") from exc
    return Fraction(magnitude)
