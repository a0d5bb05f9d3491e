"""An independent brute-force decider of every check kind, for small instances.

It shares no code with pilstats' deciders (``interval``, ``rounding``, ``checks``,
``formula``, ``Reported.bounds``); it reads only the data of a parsed figure (value,
exponent, unit, qualifier, exact flag) and of a check specification.

1. **What a figure admits**, by definition and forwards: a true value ``x`` is
   admissible when *printing* ``x`` gives the figure — ``x`` rounded under the
   convention equals the printed digits (:func:`rounds_to`, written here from scratch),
   ``5800余`` holds ``5800 <= x < 5900``, and so on (:func:`admits`). Nothing computes a
   pre-image.
2. **The admissible set** of a figure is probed at its *landmarks* — the printed value
   plus multiples of half its last place and of half its last non-zero digit, where
   every end of every convention lies — and at points :data:`EPS` inside and outside
   each: the smallest landmark ``L`` with ``L`` or ``L + EPS`` admissible is the lower
   end, closed iff ``L`` itself is admissible (:func:`span`). The test points of a
   figure are its closed ends and the points ``EPS`` inside its open ends.
3. **A relation** ``g(x1, …, xn) ∘ 0`` (a sum minus a total, ``per·part/whole −
   share`` …) is decided from the values of ``g`` on those points: every ``g`` here is
   monotone in each figure separately (each figure occurs once), so its infimum and
   supremum over the admissible box are its values at the box's corners, and an
   extreme is *attained* exactly when some test point hits it (:func:`extent`). The
   range of ``g`` is an interval (the box is connected), so ``g = 0`` has a solution
   iff ``inf < 0 < sup`` or an attained extreme is ``0``.
4. **Integer unknowns** (a previous-year count, a rate's numerator) are enumerated one
   by one; each is then a fixed number in the relation above.

The true value behind a *printed* figure is any real number its interval admits, as
pilstats documents (a count printed ``约5000人`` may stand for 4999.5). Reading counts
as integers is stricter; :func:`integer_witness` enumerates integer counts outright for
sums, subsets and restatements, and a law checks that whatever integers satisfy, the
checks accept (they may accept more: ``5800余件 + 5800余件 = 11799件`` passes, though
integer counts reach 11798 at most).

``EPS`` is ``10**-60``: far below every positive gap the instances can produce (values
of at most 12 digits with at most 4 decimals, combined in relations of degree ≤ 3), so
"``EPS`` inside an open end" stands for "arbitrarily close". The oracle refuses larger
instances rather than answer wrongly.
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import product

from pilstats.checks import Change, Check, Formula, Rate, Same, Share, ShareSum, Subset, Total
from pilstats.figure import Conventions, Reported

__all__ = ["EPS", "Span", "admits", "integer_witness", "rounds_to", "span", "verdict"]

EPS = Fraction(1, 10**60)
_MAX_DIGITS = 12
_MIN_EXPONENT = -4

# ------------------------------------------------------------------ units (own table)

_COUNT_WORDS = frozenset("件人家条份个起项批次省名所座套只处类种部篇场台株辆户位张市县村")
_RATIO = {"%": Fraction(1, 100), "‰": Fraction(1, 1000), "倍": Fraction(1),
          "成": Fraction(1, 10), "": Fraction(1)}  # fmt: skip
_POINTS = {"个百分点": Fraction(1, 100), "百分点": Fraction(1, 100),
           "个千分点": Fraction(1, 1000), "千分点": Fraction(1, 1000)}  # fmt: skip
_MEASURES = {
    "亩": (Fraction(10000, 15), "area"), "公顷": (Fraction(10000), "area"),
    "平方米": (Fraction(1), "area"), "平方公里": (Fraction(10**6), "area"),
    "千克": (Fraction(1), "mass"), "公斤": (Fraction(1), "mass"), "吨": (Fraction(1000), "mass"),
    "斤": (Fraction(1, 2), "mass"), "克": (Fraction(1, 1000), "mass"),
    "元": (Fraction(1), "currency"), "米": (Fraction(1), "length"),
    "公里": (Fraction(1000), "length"),
}  # fmt: skip


Dims = tuple[tuple[str, int], ...]


def _base(unit: str) -> tuple[Fraction, Dims]:
    """``(factor, dimensions)`` of one ``unit`` in base units; ratios have no dimension."""
    if "/" in unit:
        head, _, tail = unit.partition("/")
        (fa, da), (fb, db) = _base(head), _base(tail)
        powers = dict(da)
        for d, p in db:
            powers[d] = powers.get(d, 0) - p
        return fa / fb, tuple(sorted((d, p) for d, p in powers.items() if p))
    if unit in _RATIO:
        return _RATIO[unit], ()
    if unit in _POINTS:
        return _POINTS[unit], ()
    if unit in _MEASURES:
        factor, dim = _MEASURES[unit]
        return factor, ((dim, 1),)
    if unit in _COUNT_WORDS:
        return Fraction(1), ((f"count:{unit}", 1),)
    msg = f"the oracle does not know the unit {unit!r}"
    raise ValueError(msg)


def _is_count(unit: str) -> bool:
    return unit in _COUNT_WORDS


def _is_ratio(unit: str) -> bool:
    return unit in _RATIO or unit in _POINTS


def _factor(source: str, target: str) -> Fraction | None:
    """``x source = x * k target``, or None when the two measure different things."""
    (fs, ds), (ft, dt) = _base(source), _base(target)
    return fs / ft if ds == dt else None


# ------------------------------------------------------------- printing, forwards


def rounds_to(x: Fraction, mode: str) -> set[int]:
    """The integers ``x`` prints as under a rounding convention (two at a tie of up_or_down)."""
    below = math.floor(x)
    rest = x - below
    half = Fraction(1, 2)
    if mode == "floor":
        return {below}
    if mode == "ceiling":
        return {math.ceil(x)}
    if mode == "truncate":
        return {below if x >= 0 else math.ceil(x)}
    if rest != half:
        return {below + 1 if rest > half else below}
    if mode == "half_up":  # 四舍五入: a tie goes away from zero
        return {below + 1 if x > 0 else below}
    if mode == "half_even":
        return {below if below % 2 == 0 else below + 1}
    if mode == "up_or_down":
        return {below, below + 1}
    msg = f"unknown rounding {mode!r}"
    raise ValueError(msg)


def _digits(value: Decimal) -> tuple[int, int]:
    """``(coefficient, exponent)`` with ``value == coefficient * 10**exponent``."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    coefficient = int("".join(map(str, digits)) or "0")
    return (-coefficient if sign else coefficient), exponent


def _last_nonzero_exponent(value: Decimal) -> int:
    coefficient, exponent = _digits(value)
    while coefficient and coefficient % 10 == 0:
        coefficient //= 10
        exponent += 1
    return exponent


def _prints_as(x: Fraction, value: Decimal, exponent: int, mode: str) -> bool:
    """Whether ``x`` printed with ``exponent`` under ``mode`` gives ``value``."""
    target = Fraction(value) / Fraction(10) ** exponent
    assert target.denominator == 1
    return target.numerator in rounds_to(x / Fraction(10) ** exponent, mode)


def admits(figure: Reported, x: Fraction, conventions: Conventions) -> bool:
    """Whether a report printing ``x`` could have printed ``figure`` (README's table)."""
    value = figure.value
    v = Fraction(value)
    _, exponent = _digits(value)
    word = figure.qualifier.value if figure.qualifier else None
    if word is None:
        if figure.exact and conventions.counts_exact:
            return x == v
        return _prints_as(x, value, exponent, conventions.rounding.value)
    if word in ("约", "左右"):
        places = _last_nonzero_exponent(value) if exponent >= 0 and v != 0 else exponent
        return _prints_as(x, value, places, conventions.approx_rounding.value)
    unit = Fraction(10) ** _last_nonzero_exponent(value)
    if word in ("余", "多"):
        return v <= x < v + unit
    if word in ("近", "不足"):
        return v - unit <= x < v
    if word in ("超", "逾", "超过"):
        return v < x < v + unit
    msg = f"unknown qualifier {word!r}"
    raise ValueError(msg)


# ------------------------------------------------------------------ admissible sets


@dataclass(frozen=True)
class Span:
    """The admissible set of one quantity: closure ends, whether each is attained."""

    lo: Fraction
    hi: Fraction
    lo_in: bool
    hi_in: bool

    def points(self) -> tuple[Fraction, ...]:
        """Closed ends, and the points EPS inside open ends (one point for an exact value)."""
        if self.lo == self.hi:
            return (self.lo,)
        out = [self.lo + EPS, self.hi - EPS]
        if self.lo_in:
            out.append(self.lo)
        if self.hi_in:
            out.append(self.hi)
        return tuple(out)

    def scaled(self, k: Fraction) -> Span:
        """The set times a positive factor (a unit conversion)."""
        assert k > 0
        return Span(self.lo * k, self.hi * k, self.lo_in, self.hi_in)

    def __contains__(self, x: object) -> bool:
        """Membership of an exact number."""
        assert isinstance(x, Fraction | int)
        above = x > self.lo or (x == self.lo and self.lo_in)
        below = x < self.hi or (x == self.hi and self.hi_in)
        return above and below


def _landmarks(figure: Reported) -> list[Fraction]:
    v = Fraction(figure.value)
    _, exponent = _digits(figure.value)
    steps = {Fraction(10) ** exponent / 2, Fraction(10) ** _last_nonzero_exponent(figure.value) / 2}
    return sorted({v + k * s for s in steps for k in range(-4, 5)} | {Fraction(0)})


@functools.cache
def span(figure: Reported, conventions: Conventions) -> Span:
    """The admissible set of ``figure``, found by probing its landmarks (module docstring)."""
    coefficient, exponent = _digits(figure.value)
    if len(str(abs(coefficient))) > _MAX_DIGITS or exponent < _MIN_EXPONENT:
        msg = f"instance too large for the oracle: {figure}"
        raise ValueError(msg)
    ok = lambda x: admits(figure, x, conventions)  # noqa: E731
    marks = _landmarks(figure)
    lows = [m for m in marks if ok(m) or ok(m + EPS)]
    highs = [m for m in marks if ok(m) or ok(m - EPS)]
    assert lows, f"nothing admissible near {figure}"
    lo, hi = min(lows), max(highs)
    if lo < hi:  # the set is an interval: its middle and both sides of it are admissible
        assert ok((lo + hi) / 2), figure
    assert not ok(lo - EPS), figure
    assert not ok(hi + EPS), figure
    return Span(lo, hi, ok(lo), ok(hi))


# ----------------------------------------------------------------- ranges of a relation

Extent = tuple[Fraction, bool, Fraction, bool]


def extent(g: Callable[..., Fraction], spans: Sequence[Span]) -> Extent:
    """``(inf, attained, sup, attained)`` of ``g`` over the product of the sets.

    ``g`` must be monotone in each argument separately and defined on the closure.
    """
    corners = [g(*c) for c in product(*[(s.lo, s.hi) for s in spans])]
    values = {g(*c) for c in product(*[s.points() for s in spans])}
    m, big_m = min(corners), max(corners)
    return m, m in values, big_m, big_m in values


def _zero_in(e: Extent) -> bool:
    m, m_in, big_m, big_m_in = e
    return m < 0 < big_m or (m == 0 and m_in) or (big_m == 0 and big_m_in)


def _can_be_at_most_zero(e: Extent) -> bool:
    return e[0] < 0 or (e[0] == 0 and e[1])


def _holds_an_integer_always(e: Extent) -> bool:
    """The set contains a whole unit interval, so some integer fits wherever it sits."""
    m, m_in, big_m, big_m_in = e
    return big_m - m > 1 or (big_m - m == 1 and (m_in or big_m_in))


def _integers(e: Extent) -> range:
    return range(math.ceil(e[0]), math.floor(e[2]) + 1)


# ---------------------------------------------------------------------- verdicts

PASS, FAIL, UNTESTABLE, UNITS = "pass", "fail", "untestable", "unit-mismatch"


class _Run:
    def __init__(self, figures: Mapping[str, Reported], conventions: Conventions) -> None:
        self.figures = figures
        self.conventions = conventions

    def unit(self, fid: str) -> str:
        return self.figures[fid].unit

    def span(self, fid: str, target: str | None = None) -> Span:
        s = span(self.figures[fid], self.conventions)
        if target is None or target == self.unit(fid):
            return s
        k = _factor(self.unit(fid), target)
        assert k is not None
        return s.scaled(k)

    def convertible(self, ids: Sequence[str]) -> bool:
        return all(_factor(self.unit(f), self.unit(ids[0])) is not None for f in ids)


def _integers_in(figure: Reported, conventions: Conventions) -> list[int]:
    s = span(figure, conventions)
    return [n for n in range(math.floor(s.lo), math.ceil(s.hi) + 1) if Fraction(n) in s]


def _sums(lists: Sequence[list[int]]) -> set[int]:
    """Every sum of one integer from each list (built list by list, so it stays small)."""
    sums = {0}
    for values in lists:
        sums = {a + b for a in sums for b in values}
    return sums


def integer_witness(
    check: Total | Subset | Same, figures: Mapping[str, Reported], conventions: Conventions
) -> bool:
    """Whether integer counts, each admitted by its figure, satisfy the relation.

    Brute force over every integer each count figure admits; all figures must be counts
    of one unit (no conversion).
    """
    ints = {fid: _integers_in(figures[fid], conventions) for fid in check.figures}
    assert len({figures[f].unit for f in check.figures}) == 1
    if isinstance(check, Total):
        totals = set(ints[check.total])
        sums = _sums([ints[p] for p in check.parts])
        if check.complete:
            return bool(sums & totals)
        return bool(totals) and bool(sums) and min(sums) <= max(totals)
    if isinstance(check, Subset):
        wholes = _sums([ints[w] for w in check.wholes])
        return bool(ints[check.part]) and bool(wholes) and min(ints[check.part]) <= max(wholes)
    common = set(ints[check.statements[0]])
    for fid in check.statements[1:]:
        common &= set(ints[fid])
    return bool(common)


def verdict(check: Check, figures: Mapping[str, Reported], conventions: Conventions) -> str:
    """``pass``, ``fail``, ``untestable`` or ``unit-mismatch`` (a failure) for one check."""
    run = _Run(figures, conventions)
    decide = {
        Total: _total, Share: _share, ShareSum: _share_sum, Subset: _subset,
        Change: _change, Rate: _rate, Same: _same, Formula: _formula,
    }[type(check)]  # fmt: skip
    return decide(check, run)  # type: ignore[operator]


def _ok(flag: bool) -> str:
    return PASS if flag else FAIL


def _total(c: Total, run: _Run) -> str:
    ids = (c.total, *c.parts)
    if not c.same_noun and not run.convertible(ids):
        return UNITS
    target = None if c.same_noun else run.unit(c.total)
    spans = [run.span(f, target) for f in ids]
    e = extent(lambda t, *parts: sum(parts, Fraction(0)) - t, spans)
    return _ok(_zero_in(e) if c.complete else _can_be_at_most_zero(e))


def _subset(c: Subset, run: _Run) -> str:
    ids = (c.part, *c.wholes)
    if not c.same_noun and not run.convertible((c.wholes[0], *ids)):
        return UNITS
    target = None if c.same_noun else run.unit(c.wholes[0])
    spans = [run.span(f, target) for f in ids]
    e = extent(lambda part, *wholes: part - sum(wholes, Fraction(0)), spans)
    return _ok(_can_be_at_most_zero(e))


def _same(c: Same, run: _Run) -> str:
    if not run.convertible(c.statements):
        return UNITS
    target = run.unit(c.statements[0])
    spans = [run.span(f, target) for f in c.statements]
    return _ok(all(_zero_in(extent(lambda a, b: a - b, [a, b]))
                   for i, a in enumerate(spans) for b in spans[i + 1 :]))  # fmt: skip


def _per(unit: str) -> Fraction:
    factor = _RATIO.get(unit, _POINTS.get(unit))
    assert factor is not None
    return 1 / factor


def _share(c: Share, run: _Run) -> str:
    if not c.same_noun and not run.convertible((c.part, c.whole)):
        return UNITS
    unit = run.unit(c.share)
    if unit not in _RATIO:
        return UNITS
    target = None if c.same_noun else run.unit(c.whole)
    part, whole, share = run.span(c.part, target), run.span(c.whole, target), run.span(c.share)
    per = _per(unit)
    if whole.lo <= 0 or part.lo < 0:  # documented: the whole may be 0, the part negative
        return UNTESTABLE
    ratio = extent(lambda p, w: per * p / w, [part, whole])
    if ratio[0] <= 0 and ratio[2] >= per:
        return UNTESTABLE
    return _ok(_zero_in(extent(lambda p, w, s: per * p / w - s, [part, whole, share])))


def _share_sum(c: ShareSum, run: _Run) -> str:
    ids = c.figures
    if not all(_is_ratio(run.unit(f)) for f in ids) or len({run.unit(f) for f in ids}) > 1:
        return UNITS
    spans = [run.span(f) for f in c.shares]
    per = _per(run.unit(ids[0]))
    whole = run.span(c.total) if c.total else Span(per, per, True, True)
    e = extent(lambda t, *shares: sum(shares, Fraction(0)) - t, [whole, *spans])
    return _ok(_zero_in(e) if c.complete else _can_be_at_most_zero(e))


def _change(c: Change, run: _Run) -> str:
    unit = run.unit(c.change)
    if unit not in _RATIO or unit == "":
        return UNITS
    sign = 1 if c.direction == "up" else -1
    current = run.span(c.current)
    change = run.span(c.change).scaled(_RATIO[unit] * 100)  # in percent
    after = lambda p, x: p * (1 + sign * x / 100)  # noqa: E731 - the relation itself
    if c.previous is not None and not run.convertible((c.current, c.previous)):
        return UNITS
    if current.lo < 0 or (sign > 0 and change.lo <= -100):
        return UNTESTABLE  # documented: a value that may be negative has no relative change
    if sign < 0 and change.hi >= 100:
        if change.lo >= 100:  # documented: a fall of 100% or more leaves 0
            return UNTESTABLE if 0 in current else FAIL
        if c.previous is None:
            return UNTESTABLE  # the previous value is unbounded above
    if c.previous is not None:
        previous = run.span(c.previous, run.unit(c.current))
        e = extent(lambda p, x, cur: after(p, x) - cur, [previous, change, current])
        return _ok(_zero_in(e))
    if not _is_count(run.unit(c.current)):
        return UNTESTABLE
    before = extent(lambda cur, x: cur / (1 + sign * x / 100), [current, change])
    if _holds_an_integer_always(before):
        return UNTESTABLE
    return _ok(any(
        _zero_in(extent(lambda x, cur, n=Fraction(n): after(n, x) - cur, [change, current]))
        for n in _integers(before)
    ))  # fmt: skip


def _rate(c: Rate, run: _Run) -> str:
    unit = run.unit(c.rate)
    if unit not in _RATIO:
        return UNITS
    rate = run.span(c.rate).scaled(_RATIO[unit])
    base = run.span(c.base)
    if rate.lo < 0 or base.lo <= 0:  # documented: no numerator of a negative rate or 0 base
        return UNTESTABLE
    if not _is_count(run.unit(c.base)):
        return UNTESTABLE
    numerators = extent(lambda r, b: r * b, [rate, base])
    if _holds_an_integer_always(numerators):
        return UNTESTABLE
    return _ok(any(
        _zero_in(extent(lambda r, b, n=Fraction(n): r * b - n, [rate, base]))
        for n in _integers(numerators)
    ))  # fmt: skip


# ---------------------------------------------------------------------- formulas

_COMPARE = {ast.Eq: "=", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}


class _Mismatch(Exception):  # noqa: N818
    pass


def _formula(c: Formula, run: _Run) -> str:
    """Formulas naming each figure once, without abs (then ``left - right`` is monotone)."""
    text = re.sub(r"(?<![<>=])=(?!=)", "==", c.expr.replace("≤", "<=").replace("≥", ">="))
    tree = ast.parse(text, mode="eval").body
    assert isinstance(tree, ast.Compare)
    assert len(tree.ops) == 1
    comparison = _COMPARE[type(tree.ops[0])]
    functions = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    names = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in functions]
    assert len(names) == len(set(names)), "the oracle needs each figure once"
    order = list(dict.fromkeys(names))
    dims: dict[str, Dims] = {}
    spans = []
    for fid in order:
        factor, dim = _base(run.unit(fid))
        if c.same_noun:
            dim = tuple((d, p) for d, p in dim if not d.startswith("count:"))
        dims[fid] = dim
        spans.append(run.span(fid).scaled(factor))
    try:
        same = _dims(tree.left, dims) == _dims(tree.comparators[0], dims)
    except _Mismatch:
        same = False
    if not same:
        return UNITS
    for divisor in _divisors(tree):
        sub = extent(lambda *xs, d=divisor: _value(d, dict(zip(order, xs, strict=True))), spans)
        if sub[0] <= 0 <= sub[2]:
            return UNTESTABLE  # a divisor may be zero

    def g(*xs: Fraction) -> Fraction:
        env = dict(zip(order, xs, strict=True))
        return _value(tree.left, env) - _value(tree.comparators[0], env)

    e = extent(g, spans)
    if comparison == "=":
        return _ok(_zero_in(e))
    if comparison == "<=":
        return _ok(_can_be_at_most_zero(e))
    if comparison == "<":
        return _ok(e[0] < 0)
    if comparison == ">=":
        return _ok(e[2] > 0 or (e[2] == 0 and e[3]))
    return _ok(e[2] > 0)


def _divisors(tree: ast.AST) -> list[ast.AST]:
    return [n.right for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(
        n.op, ast.Div)]  # fmt: skip


def _value(node: ast.AST, env: Mapping[str, Fraction]) -> Fraction:
    if isinstance(node, ast.Constant):
        return Fraction(str(node.value))
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _value(node.operand, env)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        a, b = _value(node.left, env), _value(node.right, env)
        ops: dict[type[ast.operator], Callable[[Fraction, Fraction], Fraction]] = {
            ast.Add: lambda x, y: x + y, ast.Sub: lambda x, y: x - y,
            ast.Mult: lambda x, y: x * y, ast.Div: lambda x, y: x / y,
        }  # fmt: skip
        return ops[type(node.op)](a, b)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_value(a, env) for a in node.args]
        return {"max": max, "min": min}[node.func.id](args)
    msg = f"the oracle cannot evaluate {ast.unparse(node)}"
    raise ValueError(msg)


def _dims(node: ast.AST, dims: Mapping[str, Dims]) -> Dims:
    if isinstance(node, ast.Constant):
        return ()
    if isinstance(node, ast.Name):
        return dims[node.id]
    if isinstance(node, ast.UnaryOp):
        return _dims(node.operand, dims)
    if isinstance(node, ast.BinOp):
        a, b = _dims(node.left, dims), _dims(node.right, dims)
        if isinstance(node.op, ast.Add | ast.Sub):
            if a != b:
                raise _Mismatch
            return a
        sign = 1 if isinstance(node.op, ast.Mult) else -1
        out = dict(a)
        for d, p in b:
            out[d] = out.get(d, 0) + sign * p
        return tuple(sorted((d, p) for d, p in out.items() if p))
    if isinstance(node, ast.Call):
        found = [_dims(a, dims) for a in node.args]
        if any(f != found[0] for f in found):
            raise _Mismatch
        return found[0]
    msg = f"the oracle cannot read {ast.unparse(node)}"
    raise ValueError(msg)
