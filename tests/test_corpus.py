"""The labelled corpus: every fixture as INDEX.md reads it, and the scanner's floor on it.

``tests/corpus/`` holds 34 real releases with fixtures that record what a careful reader
checks (``relations``, each noted ``INDEX ✓``, ``≈`` or ``✗``) and what looks like a
relation but is not (``not_stated``). The scanner is held to a floor measured with
:mod:`pilstats.evaluation` (see ``benchmarks/scan_eval.py`` for the full report).
"""

import re
from pathlib import Path

import pytest

import pilstats
from pilstats.audit import audit
from pilstats.evaluation import evaluate_fixture, summarise

CORPUS = Path(__file__).resolve().parent / "corpus"
FIXTURES = sorted(CORPUS.glob("*.yaml"))
VERDICT = {"✓": ("pass", False), "≈": ("pass", True), "✗": ("fail", None)}

# Measured when the floor was set (see the CHANGELOG); raise them as the scanner improves.
FLOOR_VERIFIED = 146


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
class TestFixtures:
    def test_verdicts_are_the_index_verdicts(self, path: Path) -> None:
        """Each relation is decided as INDEX.md says: ✓ exact, ≈ within rounding, ✗ fails."""
        report = pilstats.load(path)
        for check, finding in zip(report.checks(), report.findings(), strict=True):
            tag = re.search(r"INDEX\s*([✓≈✗])", check.note or "")
            assert tag, f"{check.id} has no INDEX verdict in its note"
            status, slack = VERDICT[tag.group(1)]
            assert finding.status.value == status, (check.id, finding.message)
            if slack is not None:
                assert finding.slack is slack, (check.id, finding.message)

    def test_audits_clean(self, path: Path) -> None:
        """Every quote is at its offset; every number is a figure or an exclusion."""
        assert audit(path) == []


def test_corpus_totals_are_the_index_totals() -> None:
    """150 ✓, 5 ≈ and 5 ✗ relations, and the traps, as INDEX.md counts them."""
    tags: dict[str, int] = {}
    traps = 0
    for path in FIXTURES:
        report = pilstats.load(path)
        traps += len(report.not_stated)
        for check in report.checks():
            tag = re.search(r"INDEX\s*([✓≈✗])", check.note or "")
            assert tag is not None
            tags[tag.group(1)] = tags.get(tag.group(1), 0) + 1
    assert tags == {"✓": 150, "≈": 5, "✗": 5}
    assert traps >= 34


@pytest.fixture(scope="module")
def evaluations() -> list:
    """The scanner evaluated on every corpus fixture (once for the module)."""
    return [evaluate_fixture(p) for p in FIXTURES]


class TestScannerFloor:
    def test_no_false_fail(self, evaluations: list) -> None:
        """A fail on a correct release is the worst outcome: none on the corpus."""
        assert [f for e in evaluations for f in e.false_fails] == []

    def test_no_trap_claimed_as_fail(self, evaluations: list) -> None:
        """No relation the text does not state is reported as failing."""
        assert summarise(evaluations)["traps_claimed_as_fail"] == 0

    def test_recall_floor(self, evaluations: list) -> None:
        """Relations that hold, verified as the same relation passing: not below the floor."""
        assert summarise(evaluations)["verified"] >= FLOOR_VERIFIED

    def test_the_real_errors(self, evaluations: list) -> None:
        """juv_wp_2024's 69.4% fails; Gansu's shortfall is reported with its remainder."""
        by_name = {e.name: e for e in evaluations}
        juv = [o for o in by_name["juv_wp_2024_trad"].relations if o.verdict == "fail"]
        assert [o.scan_status for o in juv] == ["fail"]
        gansu = [o for o in by_name["pil_gansu_5yr_2022_trad"].relations if o.verdict == "fail"]
        assert [o.scan_status for o in gansu] == ["untestable"]


def test_whitepaper_2023_checks_found_by_the_scan() -> None:
    """The scan of the 2023 text finds many of its fixture's checks and fails none."""
    e = evaluate_fixture(Path(pilstats.load("whitepaper-2023").source_path or ""))
    assert e.false_fails == []
    assert sum(o.found for o in e.relations) >= 40
