"""The scanner never crashes: sentences of real releases, recombined, scrambled, zeroed.

A red team's text once crashed the scan (two parallel totals and a 其中 repeating one of
their verbs), and a random recombination of real sentences found zero and negative
bounds that the checks divided by. The law here: whatever sentences of real releases a
text is made of, in whatever order, with whatever numbers, ``scan`` returns a result
whose every finding names figures it found — it never raises.
"""

import re
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pilstats.scan import scan

HERE = Path(__file__).resolve().parent


@cache
def sentences() -> tuple[str, ...]:
    """Every sentence with a digit, of every real text the tests hold."""
    out: list[str] = []
    for folder in ("corpus", "redteam"):
        for p in sorted((HERE / folder).glob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            out += [s + "。" for s in re.split(r"[。\n]", text) if re.search(r"\d", s)
                    and len(s) < 300]  # fmt: skip
    return tuple(out)


_EDGE_NUMBERS = ("0", "0.0", "1", "100", "99999", "-1", "1.5")


@st.composite
def recombined(draw: st.DrawFn) -> str:
    """Sentences of real releases: some joined, clauses shuffled, numbers replaced."""
    pool = sentences()
    picked = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    text = "".join(picked)
    how = draw(st.sampled_from(("as is", "clauses shuffled", "numbers replaced")))
    if how == "clauses shuffled":
        clauses = re.split(r"([，,；;])", text)
        text = "".join(draw(st.permutations(clauses)))
    elif how == "numbers replaced":
        numbers = list(re.finditer(r"\d+(?:\.\d+)?", text))
        new = draw(st.lists(st.sampled_from(_EDGE_NUMBERS), min_size=len(numbers),
                            max_size=len(numbers)))  # fmt: skip
        for m, n in zip(reversed(numbers), reversed(new), strict=True):
            text = text[: m.start()] + n + text[m.end() :]
    return text


@given(recombined())
def test_scan_never_raises(text: str) -> None:
    result = scan(text)
    ids = {f.id for f in result.figures}
    for finding in result.result.findings:
        assert set(finding.figures) <= ids
        assert finding.message  # every explanation can be written


def test_the_pool_is_large() -> None:
    assert len(sentences()) > 1500


def test_crashes_found_before() -> None:
    """The red team's crash and the fuzzer's: a finding each, untestable, no exception."""
    for text in ("新收和审结案件2928件和2899件,其中新收2150件。", "共1件0.0件占1%",
                 "0.0件上升1倍", "支持起诉0件,其中采纳率为50%"):  # fmt: skip
        result = scan(text)
        assert all(f.status.value != "fail" for f in result.result.findings), text
