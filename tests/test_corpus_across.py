"""The corpus's cross-document relations (end of INDEX.md), decided as INDEX.md decides them.

Each collection fixture in ``tests/corpus/collections/`` declares the INDEX lines about its
documents (note ``INDEX ✓`` or ``≈``); the figures' keys alone must find the same relations
with the same verdicts, and nothing across documents may fail.
"""

import re
from pathlib import Path

import pytest

from pilstats import Status
from pilstats.collection import check_collection, decide, load_documents

COLLECTIONS = sorted((Path(__file__).resolve().parent / "corpus" / "collections").glob("*.yaml"))
VERDICT = {"✓": (Status.PASS, False), "≈": (Status.PASS, True), "✗": (Status.FAIL, None)}

# INDEX.md's cross-document lines: 5 juvenile (two of them 增幅 lines counted once each),
# 2 restated 2021 values, 3 environmental rates, 6 population rows.
INDEX_LINES = {"juvenile.yaml": 7, "environment.yaml": 3, "population.yaml": 6}


@pytest.mark.parametrize("path", COLLECTIONS, ids=[p.stem for p in COLLECTIONS])
class TestIndexAcross:
    def test_declared_relations_are_the_index_verdicts(self, path: Path) -> None:
        """Every declared relation: ✓ pass exactly, ≈ pass only within rounding."""
        result = check_collection([path])
        declared = [(c, f) for c, f in zip(result.checks, result.across.findings, strict=True)
                    if result.origin[c.id] == "declared"]  # fmt: skip
        assert len(declared) == INDEX_LINES[path.name]
        for check, finding in declared:
            tag = re.search(r"INDEX\s*([✓≈✗])", check.note or "")
            assert tag, check.id
            status, slack = VERDICT[tag.group(1)]
            assert finding.status is status, (check.id, finding.message)
            assert slack is None or finding.slack is slack, (check.id, finding.message)

    def test_keys_alone_find_each_index_relation(self, path: Path) -> None:
        """Without the declared relations the keys derive the same checks, same verdicts."""
        loaded = load_documents([path])
        keyed = decide(loaded.documents)
        derived = {(c.kind, frozenset(c.figures)): f
                   for c, f in zip(keyed.checks, keyed.across.findings, strict=True)}  # fmt: skip
        full = check_collection([path])
        for check, finding in zip(full.checks, full.across.findings, strict=True):
            if full.origin[check.id] != "declared":
                continue
            twin = derived.get((check.kind, frozenset(check.figures)))
            assert twin is not None, f"{check.id}: no key-derived check over {check.figures}"
            assert (twin.status, twin.slack) == (finding.status, finding.slack), check.id

    def test_nothing_fails_across_documents(self, path: Path) -> None:
        """The corpus's documents agree with each other wherever a statistic repeats."""
        result = check_collection([path])
        assert result.across.failures == ()
        assert result.across.revisions == ()


def test_juvenile_series_found_beyond_index() -> None:
    """The keys find five more juvenile pairs than INDEX lists; all hold exactly."""
    result = check_collection([COLLECTIONS[[p.name for p in COLLECTIONS].index("juvenile.yaml")]])
    extra = [f for f in result.across.findings if result.origin[f.check] == "keys"]
    assert len(extra) == 5
    assert all(f.status is Status.PASS and not f.slack for f in extra)
