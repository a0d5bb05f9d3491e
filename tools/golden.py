"""Regenerate the scanner's golden lists: every inference on every corpus text, pinned.

``tests/test_golden.py`` compares the scanner's findings on ``fixtures/whitepaper-2023.txt``
and on each text of ``tests/corpus/`` with ``tests/golden/scan/<name>.json``; a changed
inference is then a visible diff in review. After an intended change run
``python tools/golden.py`` and commit the new files with the change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pilstats.scan import scan

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "scan"


def texts() -> list[Path]:
    """Every text the golden lists cover."""
    return [
        ROOT / "fixtures" / "whitepaper-2023.txt",
        *sorted((ROOT / "tests" / "corpus").glob("*.txt")),
    ]


def listing(text: str) -> list[dict[str, Any]]:
    """The scan's findings as plain data: id, kind, status, code, rule, figures."""
    result = scan(text)
    spans = {f.id: [f.start, f.text] for f in result.figures}
    out = []
    for f in result.result.findings:
        ev = result.evidence[f.check]
        out.append({
            "id": f.check, "kind": f.kind, "status": f.status.value, "code": str(f.code),
            "rule": ev.rule, "strength": ev.strength,
            "figures": [spans[x] for x in f.figures],
        })  # fmt: skip
    return out


def main() -> int:
    """Write every golden list; print what was written."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in texts():
        data = listing(path.read_text(encoding="utf-8"))
        out = GOLDEN / f"{path.stem}.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(data)} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
