"""Formulas: a relation between figures written as an equation or inequality.

For the relations the other check kinds do not name — a difference of rates
(``birth_rate - death_rate = natural_rate``), a rate over a derived base
(``births / ((pop + pop - increase) / 2) = birth_rate``), a product with a unit
conversion (``yield_per_mu * area = output``), a largest member
(``civil >= max(criminal, administrative, other)``) — a fixture writes a formula over
figure ids with ``+ - * /``, parentheses, exact decimal numbers, ``max``, ``min`` and
``abs``, and one comparison: ``=``, ``<=``, ``>=``, ``<``, ``>`` (``≤``, ``≥`` too).
In a collection of documents a figure of another document is named ``alias.figure_id``
(``juv2023.arrests - juv2024.arrests``).

Semantics (decided by :func:`decide`): each figure stands for every true value its
printed interval admits, converted to base units (% is 1/100, ‰ is 1/1000, 亿斤 is
10⁸ 斤 = 5×10⁷ kg), so units convert themselves and a sum of 亩 and 吨 is a unit error.
The relation passes when *some* choice of values satisfies it — interval arithmetic
with exact fractions, open and closed ends kept. A figure that occurs twice is let vary
independently in each place: the interval can only grow, so a formula never fails
falsely, though it may pass where a finer analysis would not.

Write the printed result on the right: a pass is *exact* (no slack) when the left side,
computed from the inputs at face value, meets the right side's interval — the way a
reader checks that 97709 / 237242 rounds to the printed 41.19% — and *within rounding*
(slack) when only the inputs' rounding intervals make the two sides meet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

__all__ = [
    "COMPARISONS",
    "FInterval",
    "FormulaError",
    "Node",
    "Parsed",
    "UnboundedError",
    "UnitMismatch",
    "decide",
    "evaluate",
    "parse_formula",
]

COMPARISONS = {
    "=": "=",
    "==": "=",
    "<=": "<=",
    "≤": "<=",
    ">=": ">=",
    "≥": ">=",
    "<": "<",
    ">": ">",
}
_FUNCTIONS = ("max", "min", "abs")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)"
    r"|(?P<op><=|>=|==|[-+*/()=<>,≤≥]))"
)
MAX_FORMULA_CHARS = 2000


class FormulaError(ValueError):
    """A formula that cannot be read: names the position and what was expected."""


class UnboundedError(ArithmeticError):
    """A division by an interval that contains zero: the result is unbounded."""


@dataclass(frozen=True, slots=True)
class Node:
    """A node of a formula: ``op`` is ``num``, ``id``, a function, or an operator."""

    op: str
    args: tuple[Node, ...] = ()
    value: Fraction | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed formula: two sides, the comparison, and the figure ids used."""

    left: Node
    comparison: str
    right: Node
    names: tuple[str, ...]


@cache
def parse_formula(text: str) -> Parsed:
    """Parse ``left <comparison> right``.

    Raises:
        FormulaError: not a formula (names the position and what was expected).
    """
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaError(f"longer than {MAX_FORMULA_CHARS} characters")
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            at = len(text) - len(text[pos:].lstrip())
            raise FormulaError(f"unexpected {text[at]!r} at position {at}")
        kind = m.lastgroup or ""
        tokens.append((kind, m[kind], m.start(kind)))
        pos = m.end()
    parser = _Parser(tokens, text)
    left = parser.expr()
    kind, tok, at = parser.peek()
    if kind != "op" or tok not in COMPARISONS:
        raise FormulaError(f"expected a comparison (=, <=, >=, <, >) at position {at}")
    parser.i += 1
    right = parser.expr()
    if parser.i != len(tokens):
        raise FormulaError(f"unexpected {parser.peek()[1]!r} at position {parser.peek()[2]}")
    names: list[str] = []
    for node in (left, right):
        _names(node, names)
    if not names:
        raise FormulaError("a formula must name at least one figure")
    return Parsed(left, COMPARISONS[tok], right, tuple(names))


def _names(node: Node, out: list[str]) -> None:
    if node.op == "id" and node.name is not None and node.name not in out:
        out.append(node.name)
    for a in node.args:
        _names(a, out)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]], text: str) -> None:
        self.tokens = tokens
        self.i = 0
        self.end = len(text)
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "", self.end)

    def take(self, tok: str) -> None:
        kind, got, at = self.peek()
        if kind != "op" or got != tok:
            raise FormulaError(f"expected {tok!r} at position {at}")
        self.i += 1

    def expr(self) -> Node:
        self.depth += 1
        if self.depth > 100:
            raise FormulaError("nested too deeply")
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.peek()[1]
            self.i += 1
            node = Node(op, (node, self.term()))
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in "*/":
            op = self.peek()[1]
            self.i += 1
            node = Node(op, (node, self.unary()))
        return node

    def unary(self) -> Node:
        kind, tok, _ = self.peek()
        if kind == "op" and tok in "+-":
            self.i += 1
            inner = self.unary()
            return inner if tok == "+" else Node("neg", (inner,))
        return self.atom()

    def atom(self) -> Node:
        kind, tok, at = self.peek()
        if kind == "num":
            self.i += 1
            return Node("num", value=Fraction(tok))
        if kind == "name":
            self.i += 1
            if self.peek()[:2] == ("op", "("):
                if tok not in _FUNCTIONS:
                    raise FormulaError(
                        f"unknown function {tok!r} at position {at} "
                        f"(known: {', '.join(_FUNCTIONS)})"
                    )
                self.i += 1
                args = [self.expr()]
                while self.peek()[:2] == ("op", ","):
                    self.i += 1
                    args.append(self.expr())
                self.take(")")
                if tok == "abs" and len(args) != 1:
                    raise FormulaError(f"abs takes one argument (position {at})")
                return Node(tok, tuple(args))
            return Node("id", name=tok)
        if kind == "op" and tok == "(":
            self.i += 1
            node = self.expr()
            self.take(")")
            return node
        what = "the end" if kind == "end" else repr(tok)
        raise FormulaError(f"expected a figure id, a number or '(' at position {at}, got {what}")


# ------------------------------------------------------------------ arithmetic

Dims = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class FInterval:
    """Exact interval with open or closed ends, a unit dimension, and a face value."""

    lo: Fraction
    hi: Fraction
    lo_closed: bool
    hi_closed: bool
    dims: Dims = ()
    nominal: Fraction | None = None

    def contains_zero(self) -> bool:
        """Whether 0 is in the interval."""
        above = self.lo < 0 or (self.lo == 0 and self.lo_closed)
        below = self.hi > 0 or (self.hi == 0 and self.hi_closed)
        return above and below


def _dims_mul(a: Dims, b: Dims, sign: int) -> Dims:
    out = dict(a)
    for d, p in b:
        out[d] = out.get(d, 0) + sign * p
    return tuple(sorted((d, p) for d, p in out.items() if p))


def _same_dims(a: FInterval, b: FInterval, what: str) -> None:
    if a.dims != b.dims:
        raise UnitMismatch(f"{what} of {_dims_text(a.dims)} and {_dims_text(b.dims)}")


class UnitMismatch(ValueError):  # noqa: N818 - reads as the finding it becomes
    """Two quantities of different dimensions added or compared."""


def _dims_text(dims: Dims) -> str:
    if not dims:
        return "pure numbers"
    return " * ".join(d if p == 1 else f"{d} ** {p}" for d, p in dims)


def _nom(f: Callable[..., Fraction], *xs: Fraction | None) -> Fraction | None:
    if any(x is None for x in xs):
        return None
    try:
        return f(*xs)
    except ZeroDivisionError:
        return None


def _add(a: FInterval, b: FInterval) -> FInterval:
    _same_dims(a, b, "a sum")
    return FInterval(
        a.lo + b.lo,
        a.hi + b.hi,
        a.lo_closed and b.lo_closed,
        a.hi_closed and b.hi_closed,
        a.dims,
        _nom(lambda x, y: x + y, a.nominal, b.nominal),
    )


def _neg(a: FInterval) -> FInterval:
    return FInterval(-a.hi, -a.lo, a.hi_closed, a.lo_closed, a.dims, _nom(lambda x: -x, a.nominal))


def _mul(a: FInterval, b: FInterval) -> FInterval:
    corners: list[tuple[Fraction, bool]] = []
    for x, xc in ((a.lo, a.lo_closed), (a.hi, a.hi_closed)):
        for y, yc in ((b.lo, b.lo_closed), (b.hi, b.hi_closed)):
            # a product with a closed zero end is 0 whatever the other factor is
            closed = (xc and yc) or (x == 0 and xc) or (y == 0 and yc)
            corners.append((x * y, closed))
    lo = min(v for v, _ in corners)
    hi = max(v for v, _ in corners)
    lo_closed = any(c for v, c in corners if v == lo)
    hi_closed = any(c for v, c in corners if v == hi)
    return FInterval(
        lo,
        hi,
        lo_closed,
        hi_closed,
        _dims_mul(a.dims, b.dims, 1),
        _nom(lambda x, y: x * y, a.nominal, b.nominal),
    )


def _div(a: FInterval, b: FInterval) -> FInterval:
    if b.contains_zero():
        raise UnboundedError("a divisor may be zero")
    if b.lo == 0 or b.hi == 0:
        raise UnboundedError("a divisor may be arbitrarily close to zero")
    inverse = FInterval(
        1 / b.hi,
        1 / b.lo,
        b.hi_closed,
        b.lo_closed,
        tuple((d, -p) for d, p in b.dims),
        _nom(lambda y: 1 / y, b.nominal),
    )
    out = _mul(a, inverse)
    return FInterval(
        out.lo,
        out.hi,
        out.lo_closed,
        out.hi_closed,
        out.dims,
        _nom(lambda x, y: x / y, a.nominal, b.nominal),
    )


def _max(a: FInterval, b: FInterval) -> FInterval:
    _same_dims(a, b, "max")
    if a.lo == b.lo:
        lo, lo_closed = a.lo, a.lo_closed and b.lo_closed
    else:
        lo, lo_closed = (a.lo, a.lo_closed) if a.lo > b.lo else (b.lo, b.lo_closed)
    if a.hi == b.hi:
        hi, hi_closed = a.hi, a.hi_closed or b.hi_closed
    else:
        hi, hi_closed = (a.hi, a.hi_closed) if a.hi > b.hi else (b.hi, b.hi_closed)
    return FInterval(lo, hi, lo_closed, hi_closed, a.dims, _nom(max, a.nominal, b.nominal))


def _abs(a: FInterval) -> FInterval:
    nominal = _nom(abs, a.nominal)
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        n = _neg(a)
        return FInterval(n.lo, n.hi, n.lo_closed, n.hi_closed, n.dims, nominal)
    top, closed = (-a.lo, a.lo_closed) if -a.lo > a.hi else (a.hi, a.hi_closed)
    if -a.lo == a.hi:
        closed = a.lo_closed or a.hi_closed
    return FInterval(Fraction(0), top, True, closed, a.dims, nominal)


def evaluate(node: Node, env: Mapping[str, FInterval]) -> FInterval:
    """The interval of every value ``node`` takes as each figure ranges over ``env``.

    Raises:
        UnboundedError: a divisor may be zero.
        UnitMismatch: quantities of different dimensions are added or compared.
        KeyError: a figure id is not in ``env``.
    """
    op = node.op
    if op == "num":
        assert node.value is not None
        return FInterval(node.value, node.value, True, True, (), node.value)
    if op == "id":
        assert node.name is not None
        return env[node.name]
    args = [evaluate(a, env) for a in node.args]
    if op == "+":
        return _add(args[0], args[1])
    if op == "-":
        return _add(args[0], _neg(args[1]))
    if op == "neg":
        return _neg(args[0])
    if op == "*":
        return _mul(args[0], args[1])
    if op == "/":
        return _div(args[0], args[1])
    if op == "abs":
        return _abs(args[0])
    out = args[0]
    for other in args[1:]:
        out = _max(out, other) if op == "max" else _neg(_max(_neg(out), _neg(other)))
    return out


def decide(comparison: str, left: FInterval, right: FInterval) -> bool:
    """Whether some value of ``left`` and some value of ``right`` satisfy the comparison."""
    _same_dims(left, right, "a comparison")
    if comparison == "=":
        lo, lo_closed = (
            (left.lo, left.lo_closed)
            if left.lo > right.lo
            else (
                (right.lo, right.lo_closed)
                if right.lo > left.lo
                else (left.lo, left.lo_closed and right.lo_closed)
            )
        )
        hi, hi_closed = (
            (left.hi, left.hi_closed)
            if left.hi < right.hi
            else (
                (right.hi, right.hi_closed)
                if right.hi < left.hi
                else (left.hi, left.hi_closed and right.hi_closed)
            )
        )
        return lo < hi or (lo == hi and lo_closed and hi_closed)
    if comparison in ("<=", "<"):
        a, b = left, right
    else:
        a, b = right, left
    # some x in a and y in b with x <= y (or x < y)
    if a.lo < b.hi:
        return True
    return comparison in ("<=", ">=") and a.lo == b.hi and a.lo_closed and b.hi_closed
