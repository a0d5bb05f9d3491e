"""Adversarial inputs of issue 12: seconds per 100 KB for every row of its table.

Each row runs in a child process with a time budget, so a row that still takes
super-linear time cannot stall the benchmark. Growing rows are measured at doubling
sizes from 32 bytes up to 100 KB (102400 bytes); when the budget runs out first, the
time per 100 KB is extrapolated from the last two sizes with their measured growth
exponent (marked ``~``). Rows whose input does not grow (a FIFO, a device, a refused
path) print the time of one run, marked ``once``.

Target (issue 12): every row well under a second per 100 KB. Rows 1 are the scanner's
own patterns (``pilstats.scan.scan``), printed as they measure today; rows that scan a
text (10, 12) include the scanner's time, and a "no scan" row shows the reading alone.

Run: python benchmarks/adversarial.py [--budget SECONDS] [--rows 1,2,5]
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import textwrap

TARGET = 102_400

# Each row: (row, label, mode, setup, body). In the child, ``n`` is the input size in
# bytes (growing rows), ``tmp`` a scratch folder; ``body`` is timed.
PRELUDE = """
import decimal, io, os, sys, tempfile, time, contextlib
from pathlib import Path
import pilstats
from pilstats.cli import main
from pilstats.scan import scan
from pilstats.errors import PilstatsError
from pilstats.load import bundled_path
tmp = Path(tempfile.mkdtemp())
FIX = bundled_path('whitepaper-2023')
TEXT = FIX.with_suffix('.txt').read_text(encoding='utf-8')
MINI = '''schema_version: 1
report: {id: demo, title: t, publisher: p, year: 2024, source_text: SRC}
figures:
  - {id: total, printed: "120件", section: "一", quote: "共立案120件", offset: 0}
relations: []
'''
def quiet(*args):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))
def pad(text, n):
    # a YAML fixture padded to n bytes with a comment block
    body = text.encode('utf-8')
    lines = max(0, n - len(body)) // 80
    return ('# ' + 'x' * 77 + '\\n') * lines + text
"""

GROW = "grow"
ONCE = "once"

ROWS: list[tuple[str, str, str, str, str]] = [
    # ---------------------------------------------------------------- scanner (row 1)
    ("1", "scan '1' + n spaces + 'x'", GROW, "t = '1' + ' ' * (n - 2) + 'x'", "scan(t)"),
    ("1", "scan '一' × n", GROW, "t = '一' * (n // 3)", "scan(t)"),
    ("1", "scan n digits", GROW, "t = '1' * n", "scan(t)"),
    ("1", "scan '第12页\\n1' + newlines", GROW, "t = '第12页\\n1' + '\\n' * (n - 10)", "scan(t)"),
    ("1", "scan '1件其中' × n", GROW, "t = '1件其中' * (n // 10)", "scan(t)"),
    ("1", "scan '1件同比上升1%' × n", GROW, "t = '1件同比上升1%' * (n // 18)", "scan(t)"),
    # ---------------------------------------------------------------- owned rows
    ("2", "parse_figure('1'*n + '件')", GROW, "t = '1' * n + '件'",
     "with contextlib.suppress(PilstatsError): pilstats.parse_figure(t)"),
    ("2", "check: fixture whose printed has n digits", GROW,
     ("p = tmp / 'f.yaml'; p.write_text(MINI.replace('120件', '1' * n + '件')"
     ".replace('source_text: SRC', 'note: x'), encoding='utf-8')"),
     "quiet('check', str(p))"),
    ("3", "report: source_text /proc/self/environ (100 KB fixture)", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(pad(MINI.replace('SRC', '/proc/self/environ'), 102400),"
     " encoding='utf-8')"),
     "assert quiet('report', str(p), '--html', str(tmp / 'o.html')) == 2"),
    ("3", "report: source_text ../../etc/passwd", ONCE,
     ("(tmp / 'a' / 'b').mkdir(parents=True); p = tmp / 'a' / 'b' / 'f.yaml';"
     " p.write_text(MINI.replace('SRC', '../../../../../../etc/passwd'), encoding='utf-8')"),
     "assert quiet('report', str(p), '--html', str(tmp / 'o.html')) == 2"),
    ("4", "load: n-byte fixture ending in a: !!bool maybe", GROW,
     ("p = tmp / 'f.yaml'; bad = MINI.replace('SRC', 't.txt') + 'a: !!bool maybe\\n';"
      " p.write_text(pad(bad, n), encoding='utf-8')"),
     "with contextlib.suppress(PilstatsError): pilstats.load(p)"),
    ("4", "load: n-byte fixture ending in ? [a]: 1", GROW,
     ("p = tmp / 'f.yaml'; p.write_text(pad(MINI.replace('SRC', 't.txt') + '? [a]\\n: 1\\n', n),"
     " encoding='utf-8')"),
     "with contextlib.suppress(PilstatsError): pilstats.load(p)"),
    ("5", "check a FIFO", ONCE, "p = tmp / 'fifo.yaml'; os.mkfifo(p)",
     "assert quiet('check', str(p)) == 2"),
    ("5", "scan /dev/zero", ONCE, "", "assert quiet('scan', '/dev/zero') == 2"),
    ("5", "scan - < /dev/zero, --max-bytes n", GROW,
     "z = open('/dev/zero', 'rb'); sys.stdin = io.TextIOWrapper(z)",
     "assert quiet('scan', '-', '--max-bytes', str(n)) == 2"),
    ("6", "audit: the 2023 fixture, its text in GB18030 padded to 100 KB", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(FIX.read_text(encoding='utf-8'), encoding='utf-8');"
     " raw = TEXT.encode('gb18030'); (tmp / 'whitepaper-2023.txt').write_bytes(raw + '\\n'"
     ".encode() + '甲'.encode('gb18030') * ((n - len(raw)) // 2))"),
     "assert quiet('audit', str(p)) == 0"),
    ("6", "report: the 2023 fixture, its text in UTF-8 with a BOM, padded to 100 KB", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(FIX.read_text(encoding='utf-8'), encoding='utf-8');"
     " raw = TEXT.encode(); (tmp / 'whitepaper-2023.txt').write_bytes(b'\\xef\\xbb\\xbf' + raw"
     " + b'\\n' + '甲'.encode() * ((n - len(raw)) // 3))"),
     "assert quiet('report', str(p), '--html', str(tmp / 'o.html')) == 0"),
    ("7", "check the 2023 fixture (42 KB) under prec=11, traps, Emax=10", ONCE,
     ("decimal.setcontext(decimal.Context(prec=11, Emax=10, Emin=-10,"
     " traps=[decimal.Rounded, decimal.Inexact, decimal.Overflow]))"),
     "assert pilstats.check('whitepaper-2023').ok"),
    ("8", "check --format junit: relation id with ESC/OSC", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(MINI.replace('source_text: SRC', 'note: x').replace("
     "'relations: []', 'relations: [{kind: same, id: \"a\\\\e]8;;x\\\\a\", statements: [total,"
     " total]}]'), encoding='utf-8')"),
     "assert quiet('check', str(p), '--format', 'junit') == 2"),
    ("8", "figures > /dev/full", ONCE,
     "sys.stdout = open('/dev/full', 'w')", "assert main(['figures']) == 2"),
    ("8", "check, stdout in GBK with U+2212", ONCE,
     "sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding='gbk')",
     "assert main(['check', '--format', 'json']) == 0"),
    ("9", "scan an n-byte Big5 text", GROW,
     ("p = tmp / 'b5.txt'; p.write_bytes(('共辦理案件 100 件。其中，甲類 60 件，乙類 50 件。'"
     " * (n // 40 + 1)).encode('big5')[:n])"),
     "assert quiet('scan', str(p)) == 2"),
    ("10", "scan f.txt --format json | head -1 (100 KB, a check fails; with start-up)", ONCE,
     ("p = tmp / 't.txt'; p.write_text('共办理案件 100 件。其中，甲类 60 件，乙类 50 件。\\n'"
     " * (n // 64 + 1), encoding='utf-8')"),
     ("pr = subprocess.Popen([sys.executable, '-m', 'pilstats', 'scan', str(p), '--format',"
     " 'json'], stdout=subprocess.PIPE); pr.stdout.readline(); pr.stdout.close();"
     " assert pr.wait() == 1")),
    ("11", "check with a directory named whitepaper-2023 in the cwd", ONCE,
     "os.chdir(tmp); (tmp / 'whitepaper-2023').mkdir()", "assert quiet('check') == 0"),
    ("12", "load: parts: []", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(MINI.replace('source_text: SRC', 'note: x').replace("
     "'relations: []', 'relations: [{kind: total, id: t, total: total, parts: []}]'),"
     " encoding='utf-8')"),
     "assert quiet('check', str(p)) == 2"),
    ("12", "load: 0x1E in an int field", ONCE,
     ("p = tmp / 'f.yaml'; p.write_text(MINI.replace('year: 2024', 'year: 0x1E'),"
     " encoding='utf-8')"),
     "assert quiet('check', str(p)) == 2"),
    ("12", "scan n bytes of '2⁰件，①件，'", GROW, "t = '2⁰件，①件，' * (n // 18)", "scan(t)"),
    ("12", "report X.md (n bytes of prose)", GROW,
     ("p = tmp / 'X.md'; p.write_text('# 标题\\n\\n' + '共办理案件 100 件，其中甲类 60 件。\\n'"
     " * (n // 50 + 1), encoding='utf-8')"),
     "quiet('report', str(p), '--html', str(tmp / 'o.html'))"),
    ("12", "read and decode an n-byte UTF-16 text (no scan)", GROW,
     ("p = tmp / 'u16.txt'; p.write_bytes(('共办理案件 100 件。其中，甲类 60 件，乙类 50 件。'"
      " * (n // 60 + 1)).encode('utf-16'))"),
     "from pilstats.reading import read_text; read_text(p)"),
    ("12", "scan an n-byte UTF-16 text", GROW,
     ("p = tmp / 'u16.txt'; p.write_bytes(('共办理案件 100 件。其中，甲类 60 件，乙类 50 件。'"
     " * (n // 60 + 1)).encode('utf-16'))"),
     "quiet('scan', str(p))"),
]  # fmt: skip

CHILD = """
{prelude}
import subprocess
sizes = {sizes}
for n in sizes:
{setup}
    start = time.perf_counter()
{body}
    print(n, time.perf_counter() - start, file=sys.__stdout__, flush=True)
"""


def child_code(setup: str, body: str, sizes: list[int]) -> str:
    return CHILD.format(
        prelude=PRELUDE,
        sizes=sizes,
        setup=textwrap.indent(setup or "pass", "    "),
        body=textwrap.indent(body, "    "),
    )


def measure(mode: str, setup: str, body: str, budget: float) -> list[tuple[int, float]]:
    if mode == ONCE:
        sizes = [TARGET]
    else:
        sizes = []
        n = 32
        while n < TARGET:
            sizes.append(n)
            n *= 2
        sizes.append(TARGET)
    code = child_code(setup, body, sizes)
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,  # noqa: S603
                              timeout=budget, check=False)  # fmt: skip
        out, err = proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = ""
    points = []
    for line in out.splitlines():
        size, seconds = line.split()
        points.append((int(size), float(seconds)))
    if not points and err:
        print(textwrap.indent(err.strip()[-800:], "    ! "), file=sys.stderr)
    return points


def per_100kb(points: list[tuple[int, float]], mode: str) -> tuple[str, str]:
    """The time per 100 KB and how it was obtained."""
    if not points:
        return "  > budget", "no size finished"
    n, t = points[-1]
    if mode == ONCE:
        return f"{t:10.4f}", "once"
    if n >= TARGET:
        growth = _exponent(points)
        return f"{t:10.4f}", f"measured; growth ~n^{growth:.1f}" if growth else "measured"
    growth = _exponent(points) or 1.0
    estimate = t * (TARGET / n) ** max(1.0, growth)
    return f"~{estimate:9.3g}", f"extrapolated from {n} B ({t:.2f} s) as n^{growth:.1f}"


def _exponent(points: list[tuple[int, float]]) -> float | None:
    usable = [(n, t) for n, t in points if t > 0.002]
    if len(usable) < 2:
        return None
    (n1, t1), (n2, t2) = usable[-2], usable[-1]
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds per row (child process) before it is stopped")  # fmt: skip
    parser.add_argument("--rows", default="", help="comma-separated row numbers (default: all)")
    args = parser.parse_args()
    wanted = set(args.rows.split(",")) if args.rows else None
    print(f"{'row':>3}  {'s / 100 KB':>10}  input  [how]")
    worst: float | None = None
    for row, label, mode, setup, body in ROWS:
        if wanted and row not in wanted:
            continue
        points = measure(mode, setup, body, args.budget)
        shown, how = per_100kb(points, mode)
        print(f"{row:>3}  {shown}  {label}  [{how}]", flush=True)
        if row != "1":
            done = bool(points) and (points[-1][0] >= TARGET or mode == ONCE)
            seconds = points[-1][1] if done else float("inf")
            worst = seconds if worst is None else max(worst, seconds)
    if worst is not None:
        print(f"\nworst of rows 2-12: {worst:.4f} s per 100 KB (target: well under 1 s)")


if __name__ == "__main__":
    main()
