"""The scanner pinned: every inference on the 2023 text and the corpus is a golden list.

A changed inference shows as a diff here; regenerate with ``python tools/golden.py`` when
the change is intended (and say why in the commit).
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import golden  # noqa: E402

CASES = golden.texts()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scan_matches_its_golden_list(path: Path) -> None:
    """Ids, kinds, statuses, rules and figures of every finding are as pinned."""
    expected = json.loads((golden.GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert golden.listing(path.read_text(encoding="utf-8")) == expected
