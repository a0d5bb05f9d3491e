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

__all__ = ["Span", "Text"]

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
    sentences: list[int] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)
    semicolons: list[int] = field(default_factory=list)
    _map: array[int] = field(default_factory=lambda: array("l"))

    @classmethod
    def read(cls, original: str) -> Text:
        """Prepare ``original`` for reading (linear in its length)."""
        text = cls(original)
        norm = normalise(original)
        keep = bytearray(b"\x01") * len(norm)
        for pattern in (_GLOSS, _JUNK):
            for m in pattern.finditer(norm):
                if pattern is _GLOSS and (m.start() == 0 or norm[m.start() - 1].isascii()):
                    continue  # (ab) after Latin text is not a gloss
                keep[m.start() : m.end()] = b"\x00" * (m.end() - m.start())
        if b"\x00" not in keep:
            text.clean = norm
            text._map = array("l", range(len(norm) + 1))
        else:
            kept = [i for i in range(len(norm)) if keep[i]]
            text.clean = "".join(norm[i] for i in kept)
            text._map = array("l", kept)
            text._map.append(len(norm))
        text._split()
        return text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``[start, end)`` of the clean text covers."""
        if end <= start:
            o = self._map[start]
            return o, o
        return self._map[start], self._map[end - 1] + 1

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
        self.sentences = sorted(set(sentences))
        self.clauses = sorted(set(clauses))
        self.semicolons = semicolons

    def sentence_of(self, pos: int) -> Span:
        """The sentence holding ``pos``."""
        return _enclosing(self.sentences, pos)

    def clause_of(self, pos: int) -> Span:
        """The clause holding ``pos``."""
        return _enclosing(self.clauses, pos)


def _enclosing(ends: list[int], pos: int) -> Span:
    i = bisect_right(ends, pos)
    start = ends[i - 1] if i > 0 else 0
    end = ends[i] if i < len(ends) else (ends[-1] if ends else 0)
    return Span(start, max(end, start))


def _continues(clean: str, at: int) -> bool:
    """Whether the line starting at ``at`` continues a sentence broken by a line break.

    A line that starts with a digit, a unit or a lower-case continuation after a long
    line without final punctuation (the 2023 white paper's 提起行政公益诉讼 / 1276 件).
    """
    j = at
    while j < len(clean) and clean[j] in " \t\u3000\n":
        if clean[j] == "\n":
            return False
        j += 1
    return j < len(clean) and (clean[j].isdigit() or clean[j] in "，,、；;。%件人个")
