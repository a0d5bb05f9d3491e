"""Mutation testing of pilstats' verdict modules: how many small code changes do the tests catch?

Each *mutant* is the module with one change made through its syntax tree:

* an arithmetic operator swapped (``+``/``-``, ``*``/``/``, ``//`` → ``/``, ``%`` → ``*``);
* a comparison moved across its boundary (``<``/``<=``, ``>``/``>=``) or negated
  (``==``/``!=``, ``is``/``is not``, ``in``/``not in``);
* ``and``/``or`` swapped, a ``not`` or a unary minus dropped;
* a constant changed (``True``/``False``; an integer ``n`` → ``n + 1``);
* an ``if`` branch removed (its condition replaced by ``False``).

Docstrings, annotations, ``assert`` statements, f-strings and ``__all__`` are left alone.
Mutants are sampled per module with a seed, so a run is repeatable; each is run in a
temporary copy of the checkout (the working tree is never touched) against only the
test files that exercise that module, with ``pytest -x -q -p no:cacheprovider`` and the
derandomised Hypothesis profile ``mutation``. A mutant is *killed* when the tests fail
(or error, or time out), *survives* when they pass. Mutants listed in
``tools/equivalent_mutants.md`` (no test can tell them from the original) are reported
but excluded from the ratio.

Usage::

    python tools/mutate.py                      # 45 mutants of each verdict module
    python tools/mutate.py -n 20 --modules checks formula --seed 7
    python tools/mutate.py --list --modules rounding   # print the sites, run nothing
    python tools/mutate.py --rekey              # after code moved: re-key the equivalents
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tools" / "equivalent_mutants.md"

_SCAN_TESTS = (
    "tests/test_scan_redteam.py", "tests/test_scan.py", "tests/test_corpus.py",
    "tests/test_golden.py", "tests/test_scan_robust.py",
)  # fmt: skip
MODULES: dict[str, tuple[str, ...]] = {
    "interval": (
        "tests/test_interval.py", "tests/test_boundaries.py", "tests/test_oracle.py",
        "tests/test_rounding.py", "tests/test_modes.py", "tests/test_checks.py",
    ),
    "rounding": ("tests/test_rounding.py", "tests/test_boundaries.py", "tests/test_oracle.py"),
    "figure": (
        "tests/test_figure.py", "tests/test_boundaries.py", "tests/test_oracle.py",
        "tests/test_modes.py",
    ),
    "numerals": ("tests/test_numerals.py", "tests/test_figure.py"),
    "checks": (
        "tests/test_modes.py", "tests/test_checks.py", "tests/test_oracle.py",
        "tests/test_formula.py", "tests/test_properties.py",
    ),
    "formula": ("tests/test_formula.py", "tests/test_oracle.py"),
    # the scanner: its patterns, the red teams' texts, the labelled corpus, golden lists
    "scan/figures": _SCAN_TESTS,
    "scan/statements": _SCAN_TESTS,
    "scan/relations": _SCAN_TESTS,
    "scan/text": _SCAN_TESTS,
}  # fmt: skip
"""Each verdict module and the test files that exercise it, fastest first."""

_BINOPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Mod: ast.Mult, ast.Pow: ast.Mult,
}  # fmt: skip
_CMPOPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}  # fmt: skip
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
    ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
    ast.And: "and", ast.Or: "or",
}  # fmt: skip


@dataclass(frozen=True)
class Site:
    """One mutation: the ``index``-th node of the walk, changed as ``label`` says."""

    module: str
    index: int
    variant: int
    line: int
    col: int
    label: str

    @property
    def key(self) -> str:
        """Stable name, as listed in ``equivalent_mutants.md``: ``checks.py:220:16 and → or``."""
        return f"{self.module}.py:{self.line}:{self.col} {self.label}"


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Ids of nodes never mutated: docstrings, annotations, asserts, f-strings, __all__."""
    skip: set[int] = set()

    def skip_tree(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                skip_tree(body[0])
        if isinstance(node, ast.arg | ast.AnnAssign):
            skip_tree(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            skip_tree(node.returns)
        if isinstance(node, ast.Assert | ast.JoinedStr):
            skip_tree(node)
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            skip_tree(node)
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and (node.test.id == "TYPE_CHECKING")
        ):
            skip_tree(node)
    return skip


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    )


def _variants(node: ast.AST) -> Iterator[tuple[str, Callable[[ast.AST], ast.AST | None]]]:
    """Yield ``(label, apply)`` for every mutation of ``node``.

    ``apply`` mutates the node in place and returns a replacement node, or None to keep it.
    """
    if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOPS:
        operands = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.value,)
        if not any(_is_text(o) for o in operands):
            new = _BINOPS[type(node.op)]

            def swap_op(n: ast.AST, new: type[ast.operator] = new) -> None:
                n.op = new()  # type: ignore[attr-defined]

            yield f"{_SYMBOLS[type(node.op)]} → {_SYMBOLS[new]}", swap_op
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            new_cmp = _CMPOPS[type(op)]

            def swap_cmp(n: ast.AST, i: int = i, new: type[ast.cmpop] = new_cmp) -> None:
                n.ops[i] = new()  # type: ignore[attr-defined]

            yield f"{_SYMBOLS[type(op)]} → {_SYMBOLS[new_cmp]}", swap_cmp
    if isinstance(node, ast.BoolOp):
        new_bool = ast.Or if isinstance(node.op, ast.And) else ast.And

        def swap_bool(n: ast.AST, new: type[ast.boolop] = new_bool) -> None:
            n.op = new()  # type: ignore[attr-defined]

        yield f"{_SYMBOLS[type(node.op)]} → {_SYMBOLS[new_bool]}", swap_bool
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        word = "not" if isinstance(node.op, ast.Not) else "unary -"
        yield f"drop {word}", lambda n: n.operand  # type: ignore[attr-defined,no-any-return]
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        flipped = not node.value

        def flip(n: ast.AST, v: bool = flipped) -> None:
            n.value = v  # type: ignore[attr-defined]

        yield f"{node.value} → {flipped}", flip
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        bumped = node.value + 1

        def bump(n: ast.AST, v: int = bumped) -> None:
            n.value = v  # type: ignore[attr-defined]

        yield f"{node.value} → {bumped}", bump
    if isinstance(node, ast.If):

        def never(n: ast.AST) -> None:
            n.test = ast.Constant(value=False)  # type: ignore[attr-defined]

        yield "if-branch removed", never


def _walk(tree: ast.Module) -> list[ast.AST]:
    """Every node in a fixed order (the same for two parses of one text)."""
    return list(ast.walk(tree))


def sites(module: str, source: str) -> list[Site]:
    """Every mutation of ``source`` (the text of ``src/pilstats/<module>.py``)."""
    tree = ast.parse(source)
    skip = _skipped_nodes(tree)
    out = []
    for index, node in enumerate(_walk(tree)):
        if id(node) in skip:
            continue
        for variant, (label, _) in enumerate(_variants(node)):
            line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
            out.append(Site(module, index, variant, line, col, label))
    return out


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST) -> None:
        self.target, self.replacement = target, replacement

    def visit(self, node: ast.AST) -> ast.AST:
        if node is self.target:
            return self.replacement
        return super().visit(node)  # type: ignore[no-any-return]


def mutated_source(source: str, site: Site) -> str:
    """The module text with the one mutation ``site`` applied (re-printed from the tree)."""
    tree = ast.parse(source)
    node = _walk(tree)[site.index]
    _, apply = list(_variants(node))[site.variant]
    replacement = apply(node)
    if replacement is not None:
        tree = _Replace(node, replacement).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


def equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Keys and reasons of the mutants declared equivalent: lines ``- `key` — reason``."""
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^- `(?P<key>[^`]+)`\s*(?:—|--|-)\s*(?P<why>.+)$", line)
        if m:
            found[m["key"]] = m["why"]
    return found


def rekey(path: Path = EQUIVALENTS) -> int:
    """Move each declared key to the line that now holds its quoted code; 1 if one is lost.

    An entry is ``- `key` — reason`` followed by its source line in backticks. When the
    code moves, the line of that source nearest the old number (with a site of the same
    column and mutation) becomes the key's line; an entry whose code is gone is printed.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    cache: dict[str, tuple[list[str], set[str]]] = {}
    lost = 0
    for i, line in enumerate(lines[:-1]):
        m = re.match(r"^- `(?P<key>[^`]+)`", line)
        code = re.match(r"^\s+`(?P<code>.+)`\s*$", lines[i + 1])
        k = re.match(r"^(?P<mod>[\w/]+)\.py:(?P<line>\d+):(?P<col>\d+) (?P<label>.+)$",
                     m["key"]) if m else None  # fmt: skip
        if m is None or code is None or k is None:
            continue
        module = k["mod"]
        if module not in cache:
            source = (ROOT / "src" / "pilstats" / f"{module}.py").read_text(encoding="utf-8")
            cache[module] = (source.splitlines(), {s.key for s in sites(module, source)})
        text, keys = cache[module]
        want = code["code"].strip()
        near = sorted((n + 1 for n, t in enumerate(text) if t.strip() == want),
                      key=lambda n: abs(n - int(k["line"])))  # fmt: skip
        moved = (f"{module}.py:{n}:{k['col']} {k['label']}" for n in near)
        new = next((key for key in moved if key in keys), None)
        if new is None:
            print(f"lost: {m['key']} ({want})")
            lost += 1
        elif new != m["key"]:
            print(f"moved: {m['key']} -> {new}")
            lines[i] = line.replace(m["key"], new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if lost else 0


@dataclass
class Outcome:
    """What happened to one mutant."""

    site: Site
    status: str  # killed, survived, timeout, equivalent
    seconds: float


def _copy_checkout(into: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git", ".venv", ".ci-venv", "__pycache__", ".hypothesis", ".mypy_cache",
        ".ruff_cache", ".pytest_cache", "*.egg-info", "dist", "build", "mutants",
    )  # fmt: skip
    target = into / "checkout"
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _run_tests(checkout: Path, tests: tuple[str, ...], timeout: float) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(checkout / "src"), str(checkout / "tests")]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HYPOTHESIS_PROFILE": "mutation",
    }
    present = [t for t in tests if (checkout / t).exists()]
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *present]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            cmd, cwd=checkout, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if done.returncode == 0 else "killed"


class _Worker:
    """A private copy of the checkout in which one mutant at a time is written."""

    def __init__(self, base: Path) -> None:
        self.checkout = _copy_checkout(base)

    def run(self, site: Site, source: str, timeout: float) -> Outcome:
        path = self.checkout / "src" / "pilstats" / f"{site.module}.py"
        start = time.perf_counter()
        path.write_text(mutated_source(source, site), encoding="utf-8")
        try:
            status = _run_tests(self.checkout, MODULES[site.module], timeout)
        finally:
            path.write_text(source, encoding="utf-8")
        return Outcome(site, status, time.perf_counter() - start)

    def baseline(self, module: str, source: str, timeout: float) -> None:
        """The re-printed, unmutated module must pass its tests, or nothing can be measured."""
        path = self.checkout / "src" / "pilstats" / f"{module}.py"
        path.write_text(ast.unparse(ast.parse(source)), encoding="utf-8")
        try:
            status = _run_tests(self.checkout, MODULES[module], timeout * 2)
        finally:
            path.write_text(source, encoding="utf-8")
        if status != "survived":
            raise SystemExit(f"baseline: the tests of {module} do not pass unmutated ({status})")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--modules", nargs="+", default=list(MODULES), choices=list(MODULES))
    p.add_argument("-n", "--per-module", type=int, default=45, help="mutants sampled per module")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=300, help="seconds per mutant")
    p.add_argument("--list", action="store_true", help="print the sampled sites and stop")
    p.add_argument("--all", action="store_true", help="every site, not a sample")
    p.add_argument(
        "--rekey", action="store_true",
        help="move the keys of equivalent_mutants.md to where their code now is, and stop",
    )  # fmt: skip
    p.add_argument(
        "--site", action="append", default=[], metavar="KEY",
        help="run only this mutant (its key as listed, e.g. 'checks.py:416:28 and → or')",
    )  # fmt: skip
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Sample, run and report; exit 1 when the kill ratio of a module is below 85%."""
    args = _parse_args(argv)
    if args.rekey:
        return rekey()
    rng = random.Random(args.seed)
    declared = equivalents()
    plan: list[Site] = []
    sources: dict[str, str] = {}
    modules = args.modules
    if args.site:
        modules = [m for m in MODULES if any(k.startswith(f"{m}.py:") for k in args.site)]
    for module in modules:
        sources[module] = (ROOT / "src" / "pilstats" / f"{module}.py").read_text(encoding="utf-8")
        every = sites(module, sources[module])
        if args.site:
            chosen = [s for s in every if s.key in args.site]
        elif args.all:
            chosen = every
        else:
            chosen = rng.sample(every, min(args.per_module, len(every)))
        plan.extend(sorted(chosen, key=lambda s: (s.line, s.col, s.label)))
        print(f"{module}: {len(every)} sites, {len(chosen)} sampled", flush=True)
    if args.list:
        for site in plan:
            print(site.key + ("  [equivalent]" if site.key in declared else ""))
        return 0
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="pilstats-mutate-") as tmp:
        workers = [_Worker(Path(tmp) / f"w{i}") for i in range(max(1, args.jobs))]
        for module in modules:
            workers[0].baseline(module, sources[module], args.timeout)
        todo = [s for s in plan if s.key not in declared]
        outcomes.extend(Outcome(s, "equivalent", 0.0) for s in plan if s.key in declared)
        free = list(workers)

        def run(site: Site) -> Outcome:
            worker = free.pop()
            try:
                return worker.run(site, sources[site.module], args.timeout)
            finally:
                free.append(worker)

        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            for outcome in pool.map(run, todo):
                outcomes.append(outcome)
                if outcome.status == "survived":
                    print(f"  survived: {outcome.site.key}", flush=True)
    if args.site:
        found = {o.site.key for o in outcomes}
        for key in args.site:
            print(f"{key}: " + next((o.status for o in outcomes if o.site.key == key),
                                     "no such site"))  # fmt: skip
        if not found:
            return 2
    return _report(modules, outcomes)


def _report(modules: list[str], outcomes: list[Outcome]) -> int:
    print()
    print(f"{'module':<10} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} "
          f"{'equiv.':>6} {'score':>6}")  # fmt: skip
    total_killed = total_counted = 0
    low = []
    for module in [*modules, None]:
        mine = [o for o in outcomes if module is None or o.site.module == module]
        killed = sum(o.status == "killed" for o in mine)
        timeout = sum(o.status == "timeout" for o in mine)
        survived = sum(o.status == "survived" for o in mine)
        equivalent = sum(o.status == "equivalent" for o in mine)
        counted = killed + timeout + survived
        score = (killed + timeout) / counted if counted else 1.0
        if module is None:
            total_killed, total_counted = killed + timeout, counted
        elif score < 0.85:
            low.append(module)
        name = module or "all"
        print(f"{name:<10} {len(mine):>7} {killed:>6} {timeout:>7} {survived:>8} "
              f"{equivalent:>6} {score:>6.1%}")  # fmt: skip
    print(f"\nkilled {total_killed} of {total_counted} non-equivalent mutants")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
