"""The text a scan reads: a clean view with an offset map, documents, sentences, clauses.

Mirror sites leave pinyin glosses inside words and figures (``12.6萬(wàn)件``) and runs
of ``??``; :class:`Text` keeps the original, and a *clean* view with those removed and
every character normalised (full width → half width, traditional → simplified). All
reading happens on the clean view; :meth:`Text.original_span` maps a span back, so a
quote is always the verbatim original.

A text may hold several documents — files given together, or parts separated by a
form feed or a line of ``===`` / ``---`` — and references never cross a document.
Sentences end at 。！？ and at a line break after a line that ends a sentence or is a
heading (a short line without final punctuation); a long line broken mid-sentence
continues (the 2023 white paper breaks one). Clauses end at ，；： and sentence ends.
Everything here is one pass over the text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

from pilstats.chinese import normalise

__all__ = ["OffsetMap", "Span", "Text"]

_GLOSS = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7})\)")
_JUNK = re.compile(r"\?{2,8}")
_DOC_BREAK = re.compile(r"\f|^[ \t]*(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
_SENTENCE_END = frozenset("。！？!?")
_CLAUSE_END = frozenset("，,；;：:")
_HEADING_MAX = 40
_MARKS = re.compile(r"[。！？!?，,；;：:（()）\n]")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open span ``[start, end)`` of the clean text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Clean offsets to original ones: each kept run of the clean text is a shifted copy."""

    clean_starts: array[int]
    orig_starts: array[int]

    def to_original(self, pos: int) -> int:
        """The original offset of clean offset ``pos``."""
        k = bisect_right(self.clean_starts, pos) - 1
        return self.orig_starts[k] + pos - self.clean_starts[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``[start, end)`` of the clean text covers."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


@dataclass
class Text:
    """A text prepared for reading.

    Attributes:
        original: the text as given.
        clean: normalised, with glosses and ``??`` junk removed.
        documents: spans of the documents in the clean text.
        sentences: end offsets (exclusive) of the sentences, ascending.
        clauses: end offsets (exclusive) of the clauses, ascending.
    """

    original: str
    clean: str = ""
    documents: list[Span] = field(default_factory=list)
    sentences: array[int] = field(default_factory=lambda: array("q"))
    clauses: array[int] = field(default_factory=lambda: array("q"))
    semicolons: array[int] = field(default_factory=lambda: array("q"))
    _spans: dict[tuple[int, int], Span] = field(default_factory=dict)
    _map: OffsetMap = field(
        default_factory=lambda: OffsetMap(array("q", [0]), array("q", [0])), repr=False
    )

    @classmethod
    def read(cls, original: str) -> Text:
        """Prepare ``original`` for reading (linear in its length)."""
        text = cls(original)
        norm = normalise(original)
        removed: list[tuple[int, int]] = []
        for pattern in (_GLOSS, _JUNK):
            for m in pattern.finditer(norm):
                if pattern is _GLOSS and (m.start() == 0 or norm[m.start() - 1].isascii()):
                    continue  # (ab) after Latin text is not a gloss
                removed.append(m.span())
        removed.sort()
        pieces: list[str] = []
        clean_starts: list[int] = [0]
        orig_starts: list[int] = [0]
        at = 0
        length = 0
        for first, b in removed:
            if b <= at:
                continue
            a = max(first, at)
            pieces.append(norm[at:a])
            length += a - at
            at = b
            clean_starts.append(length)
            orig_starts.append(b)
        pieces.append(norm[at:])
        text.clean = "".join(pieces)
        text._map = OffsetMap(array("q", clean_starts), array("q", orig_starts))
        text._split()
        return text

    def offsets(self) -> OffsetMap:
        """The offset map alone (small), for results that outlive the text's reading."""
        return self._map

    def to_original(self, pos: int) -> int:
        """The original offset of clean offset ``pos`` (each kept run is a shifted copy)."""
        return self._map.to_original(pos)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``[start, end)`` of the clean text covers."""
        return self._map.original_span(start, end)

    def original_slice(self, start: int, end: int) -> str:
        """The verbatim original text behind ``[start, end)`` of the clean text."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    # ------------------------------------------------------------ structure

    def _split(self) -> None:
        clean = self.clean
        starts = [0] + [m.end() for m in _DOC_BREAK.finditer(clean)]
        ends = [m.start() for m in _DOC_BREAK.finditer(clean)] + [len(clean)]
        self.documents = [Span(a, b) for a, b in zip(starts, ends, strict=True) if b > a]
        sentences: list[int] = []
        clauses: list[int] = []
        semicolons: list[int] = []
        line_start = 0
        depth = 0  # punctuation inside （…） does not end a clause
        for m in _MARKS.finditer(clean):
            ch = m.group()
            i = m.start()
            if ch in "（(":
                depth = min(depth + 1, 3)
            elif ch in "）)":
                depth = max(depth - 1, 0)
            elif ch in _SENTENCE_END:
                sentences.append(i + 1)
                clauses.append(i + 1)
                depth = 0
            elif ch in _CLAUSE_END:
                if depth == 0:
                    clauses.append(i + 1)
                    if ch in "；;":
                        semicolons.append(i + 1)
            else:  # a line break
                depth = 0
                line = clean[line_start:i].strip()
                if line and (
                    line[-1] in _SENTENCE_END
                    or line[-1] in "：:"
                    or len(line) <= _HEADING_MAX
                    or not _continues(clean, i + 1)
                ):
                    sentences.append(i + 1)
                clauses.append(i + 1)
                line_start = i + 1
        for d in self.documents:
            sentences.append(d.end)
            clauses.append(d.end)
        self.sentences = array("q", sorted(set(sentences)))
        self.clauses = array("q", sorted(set(clauses)))
        self.semicolons = array("q", semicolons)

    def sentence_of(self, pos: int) -> Span:
        """The sentence holding ``pos`` (one shared object per sentence)."""
        return _enclosing(self.sentences, pos, self._spans)

    def clause_of(self, pos: int) -> Span:
        """The clause holding ``pos`` (one shared object per clause)."""
        return _enclosing(self.clauses, pos, self._spans)


def _enclosing(ends: array[int], pos: int, cache: dict[tuple[int, int], Span]) -> Span:
    i = bisect_right(ends, pos)
    start = ends[i - 1] if i > 0 else 0
    end = ends[i] if i < len(ends) else (ends[-1] if ends else 0)
    key = (start, max(end, start))
    span = cache.get(key)
    if span is None:
        span = cache[key] = Span(*key)
    return span


def _continues(clean: str, at: int) -> bool:
    """Whether the line starting at ``at`` continues a sentence broken by a line break.

    After a long line without final punctuation, a line (past blank ones) that starts
    with a digit, a measure word or a comma continues it: the 2023 white paper breaks
    ``提起行政公益诉讼`` / ``1276 件`` across a blank line.
    """
    j = at
    while j < len(clean) and j - at < 8 and clean[j] in " \t\u3000\n\r":
        j += 1
    return j < len(clean) and (clean[j].isdigit() or clean[j] in "，,、；;。%件人个")
