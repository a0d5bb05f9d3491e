"""Relations the wording states, built from statements, each with its evidence and strength.

Every rule reads the statements (:mod:`pilstats.scan.statements`) and proposes
:class:`Candidate` relations — a check specification, the cue spans it rests on, a
*strength* and the reason pilstats believes the text states it:

* ``stated`` — the wording states the relation with one unambiguous whole (其中 after a
  total, 占立案总数的 x%, 同比上升 x% with the earlier value printed): it may fail;
* ``definition`` — a definitions table or taxonomy supplies it (不捕率 = 不捕 / (批捕 +
  不捕), 男 + 女 = 总人口): a mismatch is a definitional doubt, reported untestable;
* ``inferred`` — the reader's best reading, but the whole is chosen by proximity or the
  list is not closed: it never fails, a mismatch is reported untestable with the reason.

A list that the text does not close (no 其他, no shares adding to 100%, no taxonomy) is
proposed as a partial total (the parts may not exceed the whole) together with the
complete one: when the parts add up exactly the complete relation is reported, else the
partial one with its remainder — so an incomplete list never raises a false alarm.

The rules, with the patterns of ``tests/corpus/PATTERNS.md`` they read: 其中 lists (P1,
P2, P3, P14), framing wholes 在N件X中 (P4), shares with named, bare, paraphrased or later
wholes (P5–P7), breakdowns without 其中 right after a total or in parentheses (P8, P8b),
从X看 (P8a), named rates over the counts just given (P9) or by definition (P10), gaps in
个百分点 (P11), outcomes of a stock (P12), list sums (N类…合计占), changes with an earlier
value, an increment or a series (同比, 比2014年, 分别), implied bases of 同比 on parts
and whole (P16), changes of the parts of a partition, identities and taxonomies.
Lookbacks are bounded (:data:`REACH`), so the whole is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Literal

from pilstats.checks import Change, Check, Formula, Rate, Same, Share, ShareSum, Subset, Total
from pilstats.scan.lexicon import Lexicon, Taxonomy
from pilstats.scan.statements import Statement
from pilstats.scan.text import Span, Text
from pilstats.units import is_ratio_unit, ratio_factor

__all__ = ["REACH", "Candidate", "infer"]

REACH = 20000
"""How far back (characters) a reference may point for its whole."""
_MAX_ITEMS = 40
_MAX_BACK = 200

_OF_WHICH = re.compile(r"其中[：:，,]?")
_NP_STRIP = re.compile(r"(?:的|总数|总量|数量|人数|件数|数|全部|所有|总和|总额|比重|比例)+$")
_REGION_LEAD = re.compile(r"全[国省市区县]")
_WHOLE_TAIL = re.compile(r"(?:案件|案|件|人数|人员|人)$")
_NP_LEAD = re.compile(r"^(?:全部|所有|全|同期|当年|全年|各类)+")
_LIST_CLASS = re.compile(
    r"(?P<n>[一二三四五六七八九十两0-9]{1,2})类|(?P<named>[\u4e00-\u9fff]{1,6})类"
)
_NAMED_TOTAL = re.compile(r"总[\u4e00-\u9fff]{0,3}?(?:为|达|是|达到)?$")
_TOTAL_WORDS = ("总数", "总量", "总额", "总和", "总计")
_HEAD_FREE = re.compile(
    r"全国|全省|全市|全区|全县|全年|我省|我市|本省|本市|(?:19|20)\d{2}年|年末|年底|今年|去年|共|累计|合计"
    r"|各类|各种|全部|所有"
)
_TOTAL_NP = re.compile(r"(?:总数|总量|总额|总和|总计)的?$|^(?:全部|所有)")
_SUM_CUE = ("合计", "共计", "总计", "上述", "以上", "前述")
_FRAME_TAIL = re.compile(r"^[^，,。；;：:]{0,14}?中[，,:：]?")
_BASE_YEAR = re.compile(
    r"(?:比|较|与)\s*(?P<year>(?:19|20)\d{2})年|(?P<prior>比上年|较上年|上年同期|同比)"
)
_SERIES_SPAN = re.compile(r"(?P<a>(?:19|20)\d{2})(?:年)?(?:至|到|—|-|–)(?P<b>(?:19|20)\d{2})年")
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


@dataclass
class Candidate:
    """A relation the text states, before it is decided.

    Attributes:
        check: the check specification (figure ids are the scan's ``f1`` …).
        rule: which reading produced it (``of_which``, ``share`` …).
        strength: ``stated``, ``definition`` or ``inferred`` (see the module docs).
        cues: ``(label, start, end)`` spans of the clean text the reading rests on.
        reason: why pilstats believes the text states it, in words.
        anchor: clean offset of the statement the relation is read from.
        fallback: a weaker relation reported instead when ``check`` does not hold
            (a list not closed by the text: complete → partial).
    """

    check: Check
    rule: str
    strength: str
    cues: tuple[tuple[str, int, int], ...]
    reason: str
    anchor: int
    fallback: Check | None = None
    untestable_reason: str | None = None
    fallback_strength: str | None = None


def _ids(check: Total | Subset) -> tuple[str, ...]:
    if isinstance(check, Total):
        return (check.total, *check.parts)
    whole = (check.whole,) if isinstance(check.whole, str) else check.whole
    return (check.part, *whole)


def fid(st: Statement) -> str:
    """The scan's id of a statement's figure."""
    return f"f{st.index + 1}"


@dataclass
class Reader:
    """The statements of one text, with the lookups every rule needs."""

    text: Text
    statements: list[Statement]
    lex: Lexicon
    out: list[Candidate] = field(default_factory=list)
    partitions: list[tuple[Statement, list[Statement], bool, str]] = field(default_factory=list)
    shares: list[tuple[Statement, Statement, Statement, str]] = field(default_factory=list)
    series: dict[int, list[Statement]] = field(default_factory=dict)
    series_of: dict[int, list[Statement]] = field(default_factory=dict)
    doc_index: list[int] = field(default_factory=list)
    _canon: dict[str, str] = field(default_factory=dict)
    _nouns: dict[str, list[Statement]] | None = None
    _first: list[int] = field(default_factory=list)
    _last: list[int] = field(default_factory=list)
    _by_key: dict[tuple[int | None, str, str | None], list[Statement]] | None = None
    _heads: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        docs = self.text.documents
        j = 0
        for st in self.statements:
            while j + 1 < len(docs) and st.start >= docs[j].end:
                j += 1
            self.doc_index.append(j)
        self._first = [0] * len(self.statements)
        self._last = [0] * len(self.statements)
        for i in range(len(self.statements)):
            same = i > 0 and self.doc_index[i - 1] == self.doc_index[i]
            self._first[i] = self._first[i - 1] if same else i
        for i in range(len(self.statements) - 1, -1, -1):
            same = i + 1 < len(self.statements) and self.doc_index[i + 1] == self.doc_index[i]
            self._last[i] = self._last[i + 1] if same else i

    # ---------------------------------------------------------------- lookups

    def doc(self, st: Statement) -> int:
        return self.doc_index[st.index]

    def same_doc(self, a: Statement, b: Statement) -> bool:
        return self.doc_index[a.index] == self.doc_index[b.index]

    def back(self, st: Statement, *, reach: int = REACH) -> Iterator[Statement]:
        """Statements before ``st`` in its document, nearest first, within ``reach``."""
        stmts = self.statements
        limit = st.start - reach
        lo = max(self._first[st.index], st.index - _MAX_BACK)
        for k in range(st.index - 1, lo - 1, -1):
            other = stmts[k]
            if other.end < limit:
                return
            yield other

    def forward(self, st: Statement, until: int) -> Iterator[Statement]:
        """Statements after ``st`` that start before ``until``, in order."""
        stmts = self.statements
        hi = min(self._last[st.index], st.index + _MAX_BACK)
        for k in range(st.index + 1, hi + 1):
            other = stmts[k]
            if other.start >= until:
                return
            yield other

    def before(self, st: Statement, n: int) -> str:
        """At most ``n`` characters of ``st``'s sentence before it."""
        return self.text.clean[max(st.sentence.start, st.start - n) : st.start]

    def at(self, pos: int) -> int:
        """Index of the first statement starting at or after clean offset ``pos``."""
        lo, hi = 0, len(self.statements)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.statements[mid].start < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def canon(self, words: str) -> str:
        """``words`` with predicate forms replaced by their canonical predicate."""
        found = self._canon.get(words)
        if found is None:
            found = self._canon[words] = self.lex.canon(words)
        return found

    def names(self, st: Statement, np: str, *, strict: bool = False) -> bool:
        """Whether ``st``'s words name the noun phrase ``np`` (a whole, a slot).

        ``strict``: a whole named as a total (用水总量, 全部…) is no figure whose noun has a
        modifier before it (工业用水) — asked of figures printed after the share.
        """
        region = _REGION_LEAD.match(np.strip())
        core = _NP_LEAD.sub("", _NP_STRIP.sub("", np.strip()))
        if not core:
            return False
        if region:
            # 占全省外贸总值 names 我省完成进出口总值: the region, then the noun
            if region.group()[1] not in st.words[-40:]:
                return False
            core = core.removeprefix(region.group()[1:])
        for word, same in self.lex.noun_synonyms.items():
            core = core.replace(word, same)  # 外贸总值 → 进出口总值
        context = self.canon(st.words[-40:])
        core = self.canon(core)
        if core in context and not self._inside_compound(core, context):
            total = _TOTAL_NP.search(np)
            if total and np.rstrip("的").endswith(_TOTAL_WORDS) and context.find(
                total.group().rstrip("的"), context.find(core)
            ) >= 0:
                return True  # 占用水总量的 … 全国用水总量6040亿立方米
            if total and (strict or np.startswith(("全部", "所有"))):
                # 全部刑事案件 is not 未成年人刑事案件, nor 用水总量 工业用水: no modifier
                # before the noun (a region or a period may stand there)
                at = context.find(core)
                found = self.lex.predicate(context[:at])
                head = context[found[1] + len(found[0]) if found else 0 : at]
                return len(_HEAD_FREE.sub("", head).strip(" ，,、")) < 2
            return True
        # 立案总数 → a statement whose predicate is 立案; 受理审查起诉…总数 → its predicate
        found = self.lex.predicate(core)
        if found is None:
            return False
        predicate, at = found
        rest = (core[:at] + core[at + len(predicate) :]).strip()
        if st.predicate == predicate:
            # 未成年人犯罪 ~ 未成年犯罪嫌疑人: the same words, differently ordered
            return not rest or rest in context or _coverage(rest, context) >= 0.8
        # 行政公益诉讼立案数 → 办理行政公益诉讼案件: a generic verb, the same noun
        return st.pred_class == "generic" and bool(rest) and rest in context

    def _inside_compound(self, core: str, context: str) -> bool:
        """Whether every occurrence of ``core`` in ``context`` is inside a compound.

        The compounds table holds words that contain another (出口总值 in 进出口总值).
        """
        at = context.find(core)
        while at >= 0:
            if not any(
                core.startswith(c[k:]) and context[max(0, at - k) : at] == c[:k]
                for c in self.lex.compounds
                if c not in core
                for k in range(1, len(c))
            ):
                return False
            at = context.find(core, at + 1)
        return True

    def add(self, cand: Candidate) -> None:
        if isinstance(cand.check, Total | Subset) and not all(
            self.statements[int(f[1:]) - 1].additive for f in _ids(cand.check)
        ):
            return  # a yield, an average, a bound: never a total or a part
        self.out.append(cand)

    def span(self, label: str, st: Statement) -> tuple[str, int, int]:
        return (label, st.start, st.end)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the loop finds the last match
        pass
    return last


def _strip_parens(s: str) -> str:
    return re.sub(r"[（(][^（()）]*[）)]", "", s)


def _overlap(a: str, b: str) -> float:
    """Share of the character bigrams of ``a`` found in ``b``."""
    grams = {a[i : i + 2] for i in range(len(a) - 1)}
    if not grams:
        return 1.0 if a and a in b else 0.0
    return sum(1 for g in grams if g in b) / len(grams)


def _coverage(a: str, b: str) -> float:
    """Share of the distinct characters of ``a`` that occur in ``b``."""
    chars = set(a)
    return sum(1 for ch in chars if ch in b) / len(chars) if chars else 0.0


def _value(st: Statement) -> Decimal:
    return st.found.reported.value


def _same_unit(a: Statement, b: Statement) -> bool:
    return a.unit == b.unit


def _is_other(lex: Lexicon, st: Statement) -> bool:
    """Whether the member is the rest (其他案件, 其余…), not a name holding 其他.

    ``公民与法人及其他社会组织之间的矛盾纠纷277.3万件`` names a kind of dispute: 其他 after
    及/和/与/或 is part of the name.
    """
    words = st.lead[-20:]
    return any(
        at >= 0 and (at == 0 or words[at - 1] not in "及和与或、")
        for at in (words.rfind(w) for w in lex.other_members)
    )


# ------------------------------------------------------------------- the rules


def infer(text: Text, statements: list[Statement], lex: Lexicon) -> list[Candidate]:
    """Every relation the wording of ``text`` states, with its evidence."""
    r = Reader(text, statements, lex)
    _series(r)
    _of_which(r)
    _parentheses(r)
    _frames(r)
    _shares(r)
    _rates(r)
    _changes(r)
    _printed_increments(r)
    _outcomes(r)
    _taxonomies(r)
    _identities(r)
    _breakdowns(r)
    _enumerations(r)
    _case_stages(r)
    _main_parts(r)
    _stages(r)
    _gaps(r)
    _share_sums(r)
    _group_shares(r)
    _restatements(r)
    _regions(r)
    _noun_frames(r)
    _pronoun_of_which(r)
    _partition_changes(r)
    _previous_shares(r)
    _largest(r)
    _implied_bases(r)
    _selections(r)
    return r.out


# --- series: 分别为 a、b、c over a span of years --------------------------------


def _series(r: Reader) -> None:
    """``2021至2023年…分别为6924件13485人、4098件7889人、7049件12729人``: one value a year."""
    i = 0
    stmts = r.statements
    while i < len(stmts):
        st = stmts[i]
        if not (st.is_level and st.respectively and not st.inherited and st.companion_of is None):
            i += 1
            continue
        run = [st]
        j = i + 1
        while j < len(stmts) and stmts[j].inherited and stmts[j].sentence == st.sentence:
            if stmts[j].companion_of is None and stmts[j].unit == st.unit:
                run.append(stmts[j])
            j += 1
        m = _last(_SERIES_SPAN, r.before(st, 400))
        if m is not None and len(run) >= 2:
            first, last = int(m["a"]), int(m["b"])
            if last - first + 1 == len(run):
                for k, member in enumerate(run):
                    member.year = first + k
                r.series[st.index] = run
                for member in run:
                    r.series_of[member.index] = run
                # companions (the 人 beside each 件) take the same years
                for k in range(i, j):
                    c = stmts[k]
                    if c.companion_of is not None:
                        host = stmts[c.companion_of]
                        c.year = host.year
        i = max(j, i + 1)


# --- 其中 lists ----------------------------------------------------------------------


def _of_which(r: Reader) -> None:
    clean = r.text.clean
    for m in _OF_WHICH.finditer(clean):
        c = m.start()
        before = clean[c - 1] if c else "\n"
        if before not in "，,。；;：:\n \t\u3000(（":
            continue  # 违反其中6项条款: a pronoun, not a scope (P15)
        k = r.at(m.end())
        if k >= len(r.statements) or k == 0:
            continue
        first = r.statements[k]
        sentence = r.text.sentence_of(c)
        end = sentence.end
        if first.start >= end:
            # 其中，针对…。三年来，…4723件: the scope is the paragraph (env_sichuan)
            end = _paragraph_end(clean, c)
            if first.start >= end:
                continue
        semi = _SEMI.search(clean, m.end(), end)
        if semi is not None and not any(
            s.is_level for s in r.forward(r.statements[k - 1], semi.start()) if s.start >= m.end()
        ):
            # 14138件，占比45.46%，其中工伤保险案件占比为19.4%；涉及劳务派遣的…2028件: the
            # 其中 clause names a share only, and ends at the ；
            continue
        items = [s for s in r.forward(r.statements[k - 1], end) if s.start >= m.end()][:_MAX_ITEMS]
        starts_sentence = before in "。\n" or clean[r.text.sentence_of(c).start : c].strip() == ""
        totals = _referents(r, r.statements[k - 1], c, starts_sentence)
        if not totals:
            continue
        totals = _same_period(r, totals, items)
        if not totals:
            continue
        _read_list(r, totals, items, ("其中", c, m.end()), "of_which")


_SEMI = re.compile(r"[；;]")


def _same_period(r: Reader, totals: list[Statement], items: list[Statement]) -> list[Statement]:
    """The totals of the months the parts name.

    ``7月当月…548.2亿元。其中，1-7月，制造业…1548亿元``: parts of January to July are parts
    of the 1-7月 total printed before (5331.4亿元), not of July's.
    """
    spans = {st.months for st in items if st.is_level}
    months = spans.pop() if len(spans) == 1 else None  # 7月至12月…2018年…: parts by period
    if months is None or all(t.months == months for t in totals):
        return totals
    same = [t for t in totals if t.months == months]
    if same:
        return same
    first = totals[0]
    earlier = [
        st
        for st in r.back(first)
        if st.is_level
        and st.months == months
        and st.unit == first.unit
        and st.paragraph == first.paragraph
        and not st.in_parens
    ]
    return earlier[:1]


_INNER_FRAME = re.compile(r"^[，,\s]*(?P<np>[\u4e00-\u9fff]{2,8})中(?![心央国华])")
_LAST_CLAUSE = re.compile(r"[；;。]")


def _taxonomies_of(r: Reader, words: str) -> list[Taxonomy]:
    """The taxonomies whose whole ``words`` name at their end, with their sub-taxonomies."""
    tail = words[-16:]
    found = [t for t in r.lex.taxonomies if any(w in tail for w in t.whole)]
    subs = [
        t
        for t in r.lex.taxonomies
        if t not in found
        and any(w in member for f in found for member in f.members for w in t.whole)
    ]
    return found + subs


def _member_of_item(r: Reader, levels: list[Statement], st: Statement) -> bool:
    """Whether ``st`` names a member of a taxonomy whose whole an earlier item names."""
    for item in levels:
        for tax in _taxonomies_of(r, item.words):
            if _member_of(tax, st.words[-16:]) is not None and not any(
                w in st.words[-16:] for w in tax.whole
            ):
                return True
    return False


def _outside_taxonomy(
    r: Reader, totals: list[Statement], levels: list[Statement], st: Statement
) -> bool:
    """Whether ``st`` leaves a complete taxonomy the items so far belong to.

    粮食 is 谷物, 豆类, 薯类 and their kinds: 油料 after 小麦 and 玉米 is no more grain.
    """
    for total in totals:
        taxes = _taxonomies_of(r, total.words)
        if not taxes or not any(t.complete for t in taxes):
            continue
        if all(_named_in(taxes, p) for p in levels) and not _named_in(taxes, st):
            return True
    return False


def _named_in(taxes: list[Taxonomy], st: Statement) -> bool:
    return any(_member_of(t, st.words[-16:]) is not None for t in taxes)


def _opens_stage(r: Reader, last: Statement, st: Statement) -> bool:
    """Whether ``st``'s clause opens with a stage word (已, 截至年底已) after the list."""
    clause = _LAST_CLAUSE.split(r.text.clean[last.end : st.start])[-1]
    clause = clause.rsplit("，", 1)[-1].rsplit(",", 1)[-1].lstrip(" 、")
    return clause.startswith(r.lex.stage_cues)


def _names_item(levels: list[Statement], clause: str) -> bool:
    """Whether ``clause`` opens with a frame ``X中`` naming an item already listed.

    谷物中冬小麦 names the item 谷物产量; 刑事案件中 does not name 民事案件.
    """
    m = _INNER_FRAME.search(clause)
    return m is not None and any(m["np"][-4:] in st.words[-12:] for st in levels)


def _paragraph_end(clean: str, pos: int) -> int:
    nl = clean.find("\n", pos)
    return len(clean) if nl < 0 else nl


def _referents(r: Reader, last: Statement, cue: int, starts_sentence: bool) -> list[Statement]:
    """Level statements a 其中 may refer to: its sentence, or the previous one (P2).

    A sentence without any figure between them (粮食生产再获丰收，属历史上第二高产年。)
    is passed over: the total is in the last sentence before 其中 that has figures.
    """
    sentence = r.text.sentence_of(cue)
    lo = sentence.start
    if starts_sentence:
        lo = r.text.sentence_of(max(0, sentence.start - 1)).start
        for _ in range(2):
            if lo == 0 or any(
                st.start >= lo and st.is_level for st in [last, *r.back(last, reach=cue - lo + 1)]
            ):
                break
            lo = r.text.sentence_of(max(0, lo - 1)).start
    out = []
    for st in [last, *r.back(last)]:
        if st.start < lo:
            break
        if st.start < cue and st.is_level and not st.in_parens:
            out.append(st)
    return out


def _next_subject(totals: list[Statement], levels: list[Statement], st: Statement) -> bool:
    """Whether ``st`` is the next subject of an outer list rather than one more member.

    It names a subject like the total's (禽存栏 after 羊存栏) where no member listed so far
    did (山羊, 绵羊).
    """
    tail = _suffix(totals[0].noun)
    return (
        len(tail) == 2
        and len(totals) == 1
        and st.noun != totals[0].noun
        and _suffix(st.noun) == tail
        and len(st.noun) > 2
        and not any(_suffix(p.noun) == tail for p in levels)
    )


def _read_list(
    r: Reader,
    totals: list[Statement],
    items: list[Statement],
    cue: tuple[str, int, int],
    rule: str,
    *,
    strength: str = "stated",
    inside_parens: bool = False,
) -> None:
    """Parts listed after ``cue`` (其中, 包括, a frame, parentheses) of one of ``totals``."""
    lex = r.lex
    clean = r.text.clean
    levels: list[Statement] = []
    list_predicate: str | None = None
    inner = False  # inside a list of the last item's own parts (…65585万元，其中工业…)
    for st in items:
        if not st.is_level:
            continue
        if st.in_parens and not inside_parens:
            if levels:
                _nested(r, levels[-1], st)
            continue
        if levels:
            between = clean[levels[-1].end : st.start]
            clause = _LAST_CLAUSE.split(between)[-1]
            if inner and clause == between:
                continue
            inner = False
            if "其中" in clause:
                inner = True  # the parts of levels[-1]: its own 其中 reads them
                continue
            if _names_item(levels, clause):
                break  # 谷物中冬小麦…: the parts of an item, not more items
            if _member_of_item(r, levels, st):
                continue  # 地方一般公共预算收入…；地方税收收入…: a part of an item
            if not _is_other(lex, st) and _outside_taxonomy(r, totals, levels, st):
                break  # 粮食…其中，小麦…；玉米…；油料…: oil crops are no grain
        if levels and (st.total_cue or _NAMED_TOTAL.search(st.lead)):
            break  # a new total (共…, 公路总里程…): the list has ended
        if st.unit not in {p.unit for p in levels} and _semicolon_before(r, st, levels):
            break  # …其中专职11748人；全省有803个派出所…: a new unit after ； is a new statement
        if levels and _next_subject(totals, levels, st):
            break  # 羊存栏…其中：山羊…；绵羊…；禽存栏188399只: the next item of the outer list
        if levels and _semicolon_before(r, st, levels) and _breaks(r, st, levels[0]):
            break  # P1: …640件；向有关部门发出建议函1800件 is a new statement
        if levels and _opens_stage(r, levels[-1], st):
            break  # …33件，已处理474件: what was done of the total, not one more part
        if (
            st.predicate
            and list_predicate
            and st.predicate != list_predicate
            and (
                st.pred_class != "decisions"
                or _semicolon_before(r, st, levels)
                or (
                    # 受理109件，其中新收99件…，结案数为93件: closures are no part of receipts
                    lex.classes.get(list_predicate) == "receipts"
                    and not any(t.predicate == st.predicate for t in totals)
                )
            )
        ):
            if _stage_of(lex, st.predicate, list_predicate):
                levels.append(st)
                continue
            break  # P1: a clause with a new predicate ends the list
        if st.predicate and list_predicate is None:
            list_predicate = st.predicate
        levels.append(st)
    levels = [st for st in levels if not _other_population(r, st, totals)]
    if not levels or any(_CARRIED.match(clean, st.end) for st in levels):
        return  # 提起公诉673人（含上期积存）: not all of them were received this period
    fitting = [
        t for t in totals if all(_fits(r, t, p, p.predicate or list_predicate) for p in levels)
    ]
    exact = [t for t in fitting if _adds_up(t, levels)]
    if len(fitting) > 1 and len(exact) == 1 and not any(p.predicate for p in levels):
        # 提起诉讼17件。其中行政公益诉讼2件，民事…1件，刑附民…14件: the total they make up
        _propose_total(
            r, exact[0], levels, cue, rule, "inferred", why="the parts add up to it exactly"
        )
        return
    # group the parts by the total they belong to: same unit, and the predicate of the
    # total when parts carry one (P3: 收案/结案 broken down together)
    by_total: dict[int, list[Statement]] = {}
    ambiguous: list[Statement] = []
    candidates: dict[int, list[Statement]] = {}
    for st in levels:
        predicate = st.predicate or list_predicate
        matches = [t for t in totals if _fits(r, t, st, predicate)]
        if st.predicate is None and len(st.noun) >= 3:
            # 受理案件2139772件，审判执行案件1955599件；其中…受理案件29003件，审判执行案件
            # 25201件: a part naming a total's own noun belongs to that total
            named = [t for t in totals if t.noun == st.noun and _same_unit(t, st)]
            if len(named) == 1:
                matches = named
        if (
            not matches
            and rule in ("of_which", "breakdown")
            and not _SEMI.search(clean, cue[2], st.start)
        ):
            # 受理复议申请4200件，其中维持原决定3100件: 其中 says the decisions are among them
            # (not past a ；: 106个县…，其中专职11748人；全省有803个派出所…)
            matches = [
                t
                for t in totals
                if t.index != st.index and _same_unit(t, st) and _same_thing(r, t, st)
            ]
        if len(matches) > 1:
            preferred = [t for t in matches if predicate and t.predicate == predicate]
            preferred = preferred or [t for t in matches if t.total_cue]
            if len(preferred) == 1:
                matches = preferred
            else:
                nouns = [t for t in matches if t.noun and t.noun[-4:] in st.words]
                same = [t for t in nouns if t.noun == st.noun]  # 审判执行案件 … 审判执行案件
                matches = nouns if len(nouns) == 1 else same if len(same) == 1 else matches
        if len(matches) == 1:
            by_total.setdefault(matches[0].index, []).append(st)
        elif matches:
            ambiguous.append(st)
            candidates[st.index] = matches
    if ambiguous and not by_total:
        # one total that the listed parts make up exactly is the one the list breaks down
        cands = [
            t
            for t in totals
            if all(_fits(r, t, p, p.predicate or list_predicate) for p in ambiguous)
        ]
        exact = [t for t in cands if _adds_up(t, ambiguous)]
        if len(exact) == 1:
            _propose_total(
                r, exact[0], ambiguous, cue, rule, "inferred", why="the parts add up to it exactly"
            )
            return
    for tid, parts in by_total.items():
        total = r.statements[tid]
        if (
            any(p.pred_class == "decisions" for p in parts)
            and total.pred_class == "receipts"
            and (rule != "of_which")
        ):
            continue  # decisions are no part of receipts (批捕 + 不捕 vs 受理), unless 其中 says so
        _propose_total(r, total, parts, cue, rule, strength)
    for st in ambiguous:
        cands = candidates[st.index]
        r.add(
            Candidate(
                Subset("x", fid(st), fid(cands[0])),
                rule,
                "inferred",
                (cue, r.span("part", st)),
                f"“{cue[0]}” could refer to {len(cands)} totals "
                f"({', '.join(t.found.reported.printed for t in cands)})",
                st.start,
                untestable_reason="unresolved",
            )
        )


_ROLES = ("被害人", "嫌疑人", "罪犯", "监护人", "被告人")


def _other_population(r: Reader, st: Statement, totals: list[Statement]) -> bool:
    """涉及未成年被害人4661人 under 9450人 (suspects): victims are not a part of them."""
    del r
    if st.unit != "人":
        return False
    roles = [w for w in _ROLES if w in st.words[-5:]]
    if not roles:
        return False
    return all(not any(w in t.words for w in roles) for t in totals)


def _breaks(r: Reader, st: Statement, first: Statement) -> bool:
    """Whether ``st``'s clause opens a new statement, not another item like ``first``.

    (…撤销原决定640件；向有关部门发出建议函1800件 ends a list; 其中，向嫌疑人的监护人…；
    向被害人的监护人… continues one: its items open alike.)
    """

    def opening(s: Statement) -> str:
        words = re.sub(r"^[\s，,；;]+|^其中[，,：:]?", "", s.words.split("|")[0])
        return next((b for b in r.lex.list_breakers if words.startswith(b)), "")

    word = opening(st)
    return bool(word) and word != opening(first)


def _semicolon_before(r: Reader, st: Statement, levels: list[Statement]) -> bool:
    if not levels:
        return False
    between = r.text.clean[levels[-1].end : st.start]
    return "；" in between or ";" in between


def _stage_of(lex: Lexicon, part: str, stock: str) -> bool:
    return part in lex.outcomes.get(stock, ())


_CARRIED = re.compile(r"\s*[（(]\s*含(?:上期|上年|往年|以前|旧存|积存|前期)")
_COUNTED = re.compile(r"[\u4e00-\u9fff]{2,8}?(?=中|，|,|。|；|;|、|的|（|\(|$)")
_CLASSIFIERS = ("个", "项", "种", "类")


def _same_thing(r: Reader, total: Statement, part: Statement) -> bool:
    """Whether a generic measure word (个, 项) counts the same thing in both figures.

    ``在31个省区市中列第五位，数量为20813个``: 31个 counts provinces, 20813个 social groups.
    The thing a total counts is named right after its measure word, up to 中 or a mark
    (31个省区市中); a part counts it too if two characters of that name follow its own
    measure word (73个城市) or stand before it.
    """
    if total.unit not in _CLASSIFIERS:
        return True
    clean = r.text.clean
    named = _COUNTED.match(clean, total.end)
    if named is None:
        return True
    thing = named.group()  # 338个地级以上城市中, 168个重点城市排名中: 城市 in either
    near = clean[part.end : part.end + 8] + "|" + part.words
    return any(thing[k : k + 2] in near for k in range(len(thing) - 1))


def _fits(r: Reader, total: Statement, part: Statement, predicate: str | None = None) -> bool:
    """Whether ``part`` can be a part of ``total``: one unit, compatible predicates."""
    if total.index == part.index or not _same_unit(total, part):
        return False
    if not _same_thing(r, total, part):
        return False
    predicate = predicate if predicate is not None else part.predicate
    if predicate and total.predicate and predicate != total.predicate:
        part_class = r.lex.classes.get(predicate)
        if not _stage_of(r.lex, predicate, total.predicate) and not (
            total.pred_class == "generic" or part_class == "generic"
        ):
            return False
    return True


_PEOPLE = ("人", "名", "户")


def _propose_total(  # noqa: PLR0917 - an internal builder, called positionally
    r: Reader,
    total: Statement,
    parts: list[Statement],
    cue: tuple[str, int, int],
    rule: str,
    strength: str,
    *,
    why: str | None = None,
) -> None:
    cues = (cue, r.span("total", total), *(r.span("part", p) for p in parts))
    if len(parts) == 1:
        r.add(
            Candidate(
                Subset("x", fid(parts[0]), fid(total)),
                rule,
                strength,
                cues,
                f"“{cue[0]}” after {total.found.reported.printed}: a part of it",
                parts[0].start,
            )
        )
        return
    ids = tuple(fid(p) for p in parts)
    years = [p.year for p in parts]
    if total.unit in _PEOPLE and None not in years and len(set(years)) == len(years):
        # 2010年-2012年…涉案人数25人，其中2010年…5人: one person may be counted in two
        # years, so the years' counts need not add up to the span's
        strength = "inferred"
    closed, closed_by = _closed(r, total, parts)
    if why is not None:
        closed, closed_by = True, why
    if closed and _number_unread_among(r, parts):
        closed = False  # …其余为其他方式结案396件、尚未审结11: a part the scan cannot read
    complete = Total("x", fid(total), ids, complete=True)
    partial = Total("x", fid(total), ids, complete=False)
    if closed:
        heads = _segment_heads(r, parts)
        r.add(
            Candidate(
                complete,
                rule,
                strength,
                cues,
                f"“{cue[0]}” after {total.found.reported.printed}, list closed by {closed_by}",
                parts[0].start,
                # 设定通报值的13项，我省达标12项；其他44项，有24项…: the first figure of each
                # clause between ； may be the list, the others counts within it
                fallback=Total("x", fid(total), tuple(fid(p) for p in heads), complete=True)
                if heads
                else None,
                fallback_strength="inferred",
            )
        )
        r.partitions.append((total, parts, True, strength))
    else:
        # groups of people (农村地区生活困难当事人, 未成年人) may overlap: their sum may
        # exceed the total unless one alone does
        alone = max(_value(p) for p in parts) > _value(total)
        heads = _segment_heads(r, parts)
        fallback_strength = strength if alone or _disjoint(r, parts) else "inferred"
        if heads and not _exceeds(total, heads):
            # 村委会58.8万个，村民小组469.4万个；居委会91153个，居民小组133.5万个: each clause
            # between ； may hold a member and counts within it, so the sum proves nothing
            fallback_strength = "inferred"
        r.add(
            Candidate(
                complete,
                rule,
                "inferred",
                cues,
                f"“{cue[0]}” after {total.found.reported.printed}; the text does not "
                "close the list, so the parts may not exceed the total",
                parts[0].start,
                fallback=partial,
                fallback_strength=fallback_strength,
            )
        )
        r.partitions.append((total, parts, False, "inferred"))


def _exceeds(total: Statement, parts: list[Statement]) -> bool:
    """Whether the parts together must exceed the total (rounding and qualifiers kept)."""
    return sum(p.found.reported.bounds().lo for p in parts) > total.found.reported.bounds().hi


def _number_unread_among(r: Reader, parts: list[Statement]) -> bool:
    """Whether a number that is no figure stands among the parts or right after them."""
    clean = r.text.clean
    end = min(parts[-1].sentence.end, parts[-1].end + 30)
    pieces, at = [], parts[0].start
    for st in [parts[0], *r.forward(parts[0], end)]:
        pieces.append(clean[at : st.start])
        at = max(at, st.end)
    pieces.append(clean[at:end])
    return _BARE_NUMBER.search(" ".join(pieces)) is not None


def _segment_heads(r: Reader, parts: list[Statement]) -> list[Statement]:
    """The first part of each clause between ；, when some clause holds several parts."""
    semis = r.text.semicolons
    segments: dict[int, list[Statement]] = {}
    for p in parts:
        segments.setdefault(bisect_left(semis, p.start), []).append(p)
    if len(segments) < 2 or all(len(v) == 1 for v in segments.values()):
        return []
    return [v[0] for v in segments.values()]


def _disjoint(r: Reader, parts: list[Statement]) -> bool:
    """Whether the parts exclude one another: members of one taxonomy, or one predicate.

    Groups of people (农村地区生活困难当事人, 未成年人) may overlap.
    """
    for tax in r.lex.taxonomies:
        if all(_member_of(tax, p.words) for p in parts):
            return True
    if all(_KIND_NAMED.search(p.words.split("|")[0]) for p in parts):
        return True  # 甲类60件，乙类50件: classes of one classification
    predicates = {p.predicate for p in parts}
    return len(predicates) == 1 and None not in predicates


_KIND_NAMED = re.compile(r"[\u4e00-\u9fff]类(?:案件|犯罪|问题)?(?:为|有|达)?\s*$")


def _closed(r: Reader, total: Statement, parts: list[Statement]) -> tuple[bool, str]:
    """Whether the text closes a list, and by what."""
    lex = r.lex
    if any(_is_other(lex, p) for p in parts):
        return True, "a member named 其他"
    predicates = frozenset(p.predicate for p in parts if p.predicate)
    if (
        len(parts) == 2
        and predicates in lex.complements
        and (total.predicate not in ("受理审查逮捕", "受理审查起诉", "受理"))
    ):
        return True, f"a complementary pair ({' / '.join(sorted(predicates))})"
    for tax in lex.taxonomies:
        if not tax.complete or len(parts) != len(tax.members):
            continue
        named = {_member_of(tax, p.words) for p in parts}
        if None not in named and len(named) == len(tax.members):
            return True, f"the taxonomy {tax.name} (every member listed)"
    years = [p.year for p in parts]
    if all(y is not None for y in years) and len(set(years)) == len(years) and total.year is None:
        span = _SERIES_SPAN.search(r.before(total, 120))
        if span and list(range(int(span["a"]), int(span["b"]) + 1)) == sorted(years):  # type: ignore[type-var]
            return True, f"years {span['a']}–{span['b']} each listed"
    return False, ""


def _nested(r: Reader, outer: Statement, inner: Statement) -> None:
    """（含 … 件） inside a part: a subset of that part."""
    opener = max(
        r.text.clean.rfind("（", outer.end, inner.start),
        r.text.clean.rfind("(", outer.end, inner.start),
    )
    if opener < 0 or not r.text.clean.startswith("含", opener + 1):
        return
    if not _same_unit(outer, inner):
        return
    r.add(
        Candidate(
            Subset("x", fid(inner), fid(outer)),
            "including",
            "stated",
            (("含", opener, opener + 2), r.span("part", inner), r.span("whole", outer)),
            "（含 …） inside a part",
            inner.start,
        )
    )


# --- parenthesised breakdowns and 包括 lists (P8) -----------------------------------


def _parentheses(r: Reader) -> None:
    clean = r.text.clean
    for st in r.statements:
        if not st.is_level or st.in_parens:
            continue
        after = clean[st.end : st.end + 3]
        opener = None
        if after[:1] in "（(":
            opener = st.end
        elif after.startswith(("，包括", ",包括", "包括")):
            opener = clean.find("包括", st.end)
        if opener is None:
            continue
        if after[:1] in "（(":
            close = _matching_paren(clean, opener)
            if close < 0:
                continue
            inner = [s for s in r.forward(st, close) if s.start > opener]
            if clean.startswith("含", opener + 1):
                continue  # （含 …）: handled with 其中 lists
            label = "（…）"
        else:
            inner = list(r.forward(st, r.text.sentence_of(st.end).end))
            label = "包括"
        same = [s for s in inner if s.is_level and _same_unit(s, st)]
        if len(same) < 2:
            continue
        _read_list(
            r, [st], same, (label, opener, opener + 2), "breakdown", inside_parens=label == "（…）"
        )


def _matching_paren(clean: str, opener: int) -> int:
    depth = 0
    for k in range(opener, min(len(clean), opener + 400)):
        if clean[k] in "（(":
            depth += 1
        elif clean[k] in "）)":
            depth -= 1
            if depth == 0:
                return k
    return -1


# --- framing wholes: 在N件X中 / 全国338个城市中， (P4) ------------------------------


def _frames(r: Reader) -> None:
    clean = r.text.clean
    for st in r.statements:
        if not st.is_level:
            continue
        tail = clean[st.end : st.end + 16]
        m = _FRAME_TAIL.match(tail)
        if not m or not m.group().rstrip("，,:：").endswith("中"):
            continue
        if "其中" in m.group() or r.text.clean[max(0, st.start - 3) : st.start].rstrip().endswith(
            "从"
        ):
            continue  # 从2905件…中筛选: a selection, not a frame
        opened = "在" in st.words[-12:]
        if not opened and not m.group().endswith(("中，", "中,", "中:", "中：")):
            continue  # 在320件案件中 / 338个城市中，— not 线索集中交办
        st.role = "frame"
        end = _paragraph_end(clean, st.end)
        items = [
            s
            for s in r.forward(st, end)
            if s.is_level
            and _same_unit(s, st)
            and (s.sentence == st.sentence or _hosts_bare_share(r, s))
            and not _other_kind(r, st, s)
        ]
        if items:
            within = [s for s in items if s.sentence == st.sentence]
            strength = "stated" if within and len(within) == len(items) else "inferred"
            _read_list(
                r, [st], items, ("…中", st.end, st.end + len(m.group())), "frame", strength=strength
            )


_GENERIC_UNITS = ("个", "项", "次", "种", "类", "批")


def _other_kind(r: Reader, frame: Statement, item: Statement) -> bool:
    """在3个运动大项中获得4个世界冠军: a generic measure word counting other things."""
    if item.unit not in _GENERIC_UNITS:
        return False
    mine = _after_noun(r, item)[:2]
    tail = r.text.clean[frame.end : frame.end + 16]
    theirs = tail[: tail.find("中")] if "中" in tail else ""
    return bool(mine and theirs) and mine not in theirs  # 338个地级以上城市中，73个城市


def _hosts_bare_share(r: Reader, st: Statement) -> bool:
    return any(
        r.statements[c].role == "share" and not r.statements[c].share_np for c in st.children
    )


# --- shares (P5, P6, P7, list sums) -------------------------------------------------


def _shares(r: Reader) -> None:
    stmts = r.statements
    named: Statement | None = None
    for st in stmts:
        # 占到全国球类运动场地的52.05%；乒乓球和羽毛球场地99.62万个，占44.40%: a bare 占
        # after a named whole in the same sentence is of that whole
        if st.role != "share":
            continue
        if st.share_np:
            named = st
        elif named is not None and named.sentence == st.sentence and "占" in st.lead:
            st.share_np = named.share_np
    k = 0
    while k < len(stmts):
        st = stmts[k]
        if st.role != "share" or st.inherited:
            k += 1
            continue
        group = [st]
        j = k + 1
        while (
            j < len(stmts)
            and stmts[j].inherited
            and stmts[j].role == "share"
            and (stmts[j].clause == st.clause or stmts[j].sentence == st.sentence)
        ):
            group.append(stmts[j])
            j += 1
        if st.respectively or len(group) > 1:
            _respective_shares(r, group)
        else:
            _one_share(r, st)
        k = j


def _subject(r: Reader, share: Statement) -> str:
    """The words between the clause start and 占 (城镇人口占总人口比重 → 城镇人口)."""
    clause = r.text.clean[max(share.clause.start, share.start - 120) : share.start]
    at = clause.rfind("占")
    return _strip_parens(clause[:at]).strip(" ，,") if at > 0 else ""


def _one_share(r: Reader, share: Statement) -> None:
    if share.base is not None and share.host is not None:
        _share_of_base(r, share, r.statements[share.host], r.statements[share.base])
        return
    subject = _subject(r, share)
    listed = _list_sum(r, share, subject)
    if listed is not None:
        return
    part: Statement | None = None
    if subject and len(subject) >= 2:
        part = _best_named(r, share, subject[-8:])
    if part is None and share.host is not None:
        part = r.statements[share.host]
    if part is None:
        return
    whole, why, strength = _whole(r, share, [part])
    if whole is None:
        if why:
            r.add(
                Candidate(
                    Share("x", fid(part), fid(part), fid(share)),
                    "share",
                    "inferred",
                    (r.span("share", share), r.span("part", part)),
                    why,
                    share.start,
                    untestable_reason="unresolved",
                )
            )
        return
    other = _other_whole(r, share, part, whole)
    if (
        whole.sentence != share.sentence
        and "其中" not in r.text.clean[whole.end : part.start]
        and _far_off(part, whole, share)
    ):
        # 北京市共受理…9.9万件。三年来，北京市法律援助中心…3896件，占法律援助案件总量的41.7%:
        # a whole from another sentence, not tied to the part by 其中, that misses the
        # printed share threefold is likely another body's total
        strength = "inferred"
        why += " (printed in another sentence, and far from the printed share)"
    r.add(
        Candidate(
            Share("x", fid(part), fid(whole), fid(share)),
            "share",
            strength,
            (r.span("part", part), r.span("whole", whole), r.span("share", share)),
            f"{part.found.reported.printed} {why}",
            share.start,
            # 3月份进出口总值106.8亿元 … 占全省外贸总值的21%: the quarter's 264.5亿元,
            # also named so, is the whole it holds of
            fallback=Share("x", fid(part), fid(other), fid(share)) if other else None,
            fallback_strength="inferred",
        )
    )
    r.shares.append((part, whole, share, strength))


_LAST_YEAR = re.compile(r"(?<![比较与])(?:去年|上年)(?!同期)")  # its own time, not 比上年


def _same_count(r: Reader, np: str, whole: Statement, part: Statement) -> bool:
    """Whether ``whole`` counts what the share's words name, in the part's period.

    ``受理各类案件15400件…新收案件5730件，占…新收案件总数的44.8%``: 新收 (new cases) is not
    受理 (new and carried over). ``2017年上半年…25.37亿人次。去年…18亿人次，约占全国旅游
    人数的40.5%``: last year's part is not a share of this year's whole.
    """
    clean = r.text.clean
    if "新收" in np and "新收" not in whole.words:
        return False
    if whole.sentence == part.sentence:
        return True
    part_said = clean[part.clause.start : part.start]
    whole_said = clean[whole.sentence.start : whole.start]
    return not (_LAST_YEAR.search(part_said) and not _LAST_YEAR.search(whole_said))


def _far_off(part: Statement, whole: Statement, share: Statement) -> bool:
    """Whether part / whole misses the printed share by a factor of three or more."""
    full = _whole_of(share.unit)
    printed = share.found.reported.value
    if full is None or printed <= 0 or _value(whole) <= 0:
        return False
    computed = _value(part) / _value(whole) * full
    return computed >= 3 * printed or 3 * computed <= printed


def _share_of_base(r: Reader, share: Statement, part: Statement, base: Statement) -> None:
    """``完成24627万元，完成年初预算数60999万元的40.4%``: the subject over the base."""
    r.add(
        Candidate(
            Share("x", fid(part), fid(base), fid(share)),
            "share",
            "stated",
            (r.span("part", part), r.span("whole", base), r.span("share", share)),
            f"{part.found.reported.printed}, “{base.found.reported.printed}的"
            f"{share.found.reported.printed}”",
            share.start,
        )
    )


def _other_whole(
    r: Reader, share: Statement, part: Statement, whole: Statement
) -> Statement | None:
    """Another figure of another value before the share that its words name as well."""
    if not share.share_np:
        return None
    for st in r.back(share, reach=REACH):
        if (
            st is not whole
            and st is not part
            and st.is_level
            and not st.in_parens
            and st.unit == part.unit
            and _value(st) >= _value(part)
            and _value(st) != _value(whole)
            and r.names(st, share.share_np)
        ):
            return st
    return None


def _best_named(r: Reader, share: Statement, subject: str) -> Statement | None:
    """The level figure before ``share`` that ``subject`` names: exactly, else closest."""
    best: tuple[float, Statement] | None = None
    for st in r.back(share, reach=600):
        if not st.is_level:
            continue
        if r.names(st, subject):
            return st
        core = _NP_STRIP.sub("", subject)
        score = _overlap(core, st.words[-20:])
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, st)
    return best[1] if best else None


def _whole_of(unit: str) -> Decimal | None:
    """The whole in a share's ``unit`` (100 for %, 1000 for ‰, 10 for 成), from the units file."""
    if not is_ratio_unit(unit):
        return None
    full = 1 / ratio_factor(unit)
    return Decimal(full.numerator) / full.denominator


def _shares_over_whole(r: Reader, share: Statement) -> str:
    """Why the bare wholes (占总数的) of one sentence cannot be one whole, or ''.

    ``其中较大火灾60起、占总数的92.3%，重大火灾5起、占总数的83.3%``: shares of different
    figures that add up to more than the whole are each of their own category's total.
    """
    full = _whole_of(share.unit)
    if full is None:
        return ""
    peers = [
        st
        for st in (*r.back(share, reach=400), share, *r.forward(share, share.sentence.end))
        if st.sentence == share.sentence
        and st.role == "share"
        and st.unit == share.unit
        and st.share_np == share.share_np
    ]
    low = sum(st.found.reported.bounds().lo for st in peers)
    if len(peers) < 2 or low <= full:
        return ""
    listed = "、".join(st.found.reported.printed for st in peers)
    return (
        f"“占{share.share_np}” {len(peers)} times ({listed}): more than the whole together, "
        "so each is of its own total"
    )


def _whole(
    r: Reader, share: Statement, parts: list[Statement]
) -> tuple[Statement | None, str, str]:
    """The whole a share names (or implies), why, and how strongly the text states it."""
    largest = max(_value(p) for p in parts)
    first = min(parts, key=lambda p: p.start)
    unit = parts[0].unit

    part_ids = {p.index for p in parts}

    def sibling(st: Statement) -> bool:
        # 地表水源供水量4952.7亿立方米，占供水总量的82.3%；…; 共计495件，占总数的48.01%；
        # 共计85件，占总数的8.25%: a part with a share of the same whole is no whole
        return any(
            r.statements[c].role == "share" and r.statements[c].share_np == share.share_np
            for c in st.children
        )

    def ok(st: Statement) -> bool:
        return (
            st.unit == unit
            and st.role in {"level", "frame"}
            and (not st.in_parens and st.index not in part_ids and _value(st) >= largest)
            and not sibling(st)
        )

    if share.share_np and not _NP_LEAD.sub("", _NP_STRIP.sub("", share.share_np.strip())):
        over = _shares_over_whole(r, share)
        if over:
            return None, over, "inferred"
        # 占总数的: any total of the paragraph; one is the whole, several are a tie
        totals = [
            st
            for st in r.back(first)
            if ok(st)
            and (st.total_cue or st.role == "frame")  # 在…1031件…中: the frame is a total
            and st.paragraph == first.paragraph
        ]
        if len(totals) == 1:
            return totals[0], f"of the only total {totals[0].found.reported.printed}", "stated"
        if totals:
            listed = "、".join(t.found.reported.printed for t in totals)
            return (
                None,
                (
                    f"“占{share.share_np}”: cannot tell which figure is the whole "
                    f"({len(totals)} candidates: {listed})"
                ),
                "inferred",
            )
    if share.share_np:
        np = share.share_np
        found = [
            st
            for st in r.back(first)
            if ok(st) and r.names(st, np) and _same_count(r, np, st, first)
        ]
        if not found:
            later = r.text.sentence_of(share.end).end
            nxt = r.text.sentence_of(later).end  # P7: the whole printed after the share
            found = [st for st in r.forward(share, nxt) if ok(st) and r.names(st, np, strict=True)]
        if not found:
            return None, f"“占{np}”: no figure names this whole", "inferred"
        if _TOTAL_NP.search(np):
            # 占公益诉讼总数的: the total (共…), not a part that shares its words
            found = [st for st in found if st.total_cue] or found
        if parts[0].predicate and parts[0].pred_class != "generic":
            # 起诉…16972人占侵害未成年人犯罪的: the whole counted with the same verb
            found = [st for st in found if st.predicate == parts[0].predicate] or found
        best = found[0]
        # the nearest one wins; another with the same words in the same sentence is a tie
        ties = [
            st
            for st in found[1:]
            if st.sentence == best.sentence and st.noun == best.noun and _value(st) != _value(best)
        ]
        # 受理…支持起诉案件3844件，决定支持起诉2864件，其中…2552件，占支持起诉案件总数的: the
        # head of the part's own 其中 list, named with the whole's words, is as likely the whole
        core = _WHOLE_TAIL.sub("", _NP_STRIP.sub("", np))
        head = next((st for st in r.back(first) if st.is_level and st.unit == unit), None)
        if (
            head is not None
            and head.start > best.end
            and len(core) >= 2
            and core in head.words
            and "其中" in r.text.clean[head.end : first.start]
            and ok(head)
        ):
            ties.append(head)
        if ties:
            listed = "、".join(t.found.reported.printed for t in (best, *ties))
            return (
                None,
                (
                    f"“占{np}”: cannot tell which figure is the whole "
                    f"({len(ties) + 1} candidates: {listed})"
                ),
                "inferred",
            )
        return best, f"is part of “{np}” ({best.found.reported.printed})", "stated"
    # bare 占x% / 占比x%: the frame or the leading total
    for st in r.back(first):
        if st.role == "frame" and st.unit == unit and _value(st) >= largest:
            return st, f"under the frame {st.found.reported.printed}…中", "stated"
        if st.paragraph != first.paragraph:
            break
    for st in r.back(first):
        if ok(st) and st.total_cue:
            same = st.sentence == first.sentence
            return st, f"of the total {st.found.reported.printed}", "stated" if same else "inferred"
        if st.paragraph != first.paragraph and st.sentence != first.sentence:
            break
    return None, "", "inferred"


def _list_sum(r: Reader, share: Statement, subject: str) -> bool | None:
    """``五类犯罪人数合计占…69.4%`` / ``商标类犯罪占比为82.2%``: the share of a listed sum."""
    m = _LIST_CLASS.search(subject) if subject else None
    if m is None and not any(c in subject for c in _SUM_CUE):
        return None
    items = [st for st in r.back(share, reach=600) if st.sentence == share.sentence and st.is_level]
    items.reverse()
    if not items:
        return None
    unit = items[-1].unit
    items = [st for st in items if st.unit == unit and not st.total_cue]
    n = None
    if m is not None and m["n"]:
        n = int(m["n"]) if m["n"].isdigit() else _CN_DIGITS.get(m["n"])
    elif m is not None and m["named"]:
        named = m["named"][-2:]
        matching = [st for st in items if named in st.lead]
        if len(matching) >= 2:
            items = matching
            n = len(items)
    if n is None or len(items) < n or n < 2:
        return None
    items = items[-n:]
    whole, why, strength = _whole(r, share, items)
    if whole is None:
        whole = _whole_by_verb(r, share, items)
        why, strength = "of the total counted with the list's own verb", "inferred"
    if whole is None:
        return None
    expr = f"({' + '.join(fid(s) for s in items)}) / {fid(whole)} = {fid(share)}"
    r.add(
        Candidate(
            Formula("x", expr),
            "list_share",
            strength,
            (*(r.span("part", s) for s in items), r.span("whole", whole), r.span("share", share)),
            f"the {n} listed figures together, {why}",
            share.start,
        )
    )
    return True


def _whole_by_verb(r: Reader, share: Statement, items: list[Statement]) -> Statement | None:
    """The total counted with the verb that introduces a list.

    ``受理审查起诉…居前六位的罪名…分别是…，六类…占全部犯罪人数的82.28%``: the whole is the
    受理审查起诉 total.
    """
    intro = r.text.clean[max(share.sentence.start, items[0].start - 80) : items[0].start]
    found = r.lex.predicate(intro)
    if found is None:
        return None
    total = sum(_value(i) for i in items)
    for st in r.back(items[0]):
        if (
            st.is_level
            and st.predicate == found[0]
            and st.unit == items[0].unit
            and (_value(st) >= total and st not in items)
        ):
            return st
    return None


def _respective_shares(r: Reader, group: list[Statement]) -> None:
    """``分别占…p1、p2…pn``: one share per figure listed before, in order."""
    first = group[0]
    sentence_levels = [
        st
        for st in r.back(first, reach=800)
        if st.is_level and st.sentence == first.sentence and not st.in_parens
    ]
    sentence_levels.reverse()
    unit = sentence_levels[-1].unit if sentence_levels else None
    parts = [st for st in sentence_levels if st.unit == unit][-len(group) :]
    if len(parts) != len(group):
        return
    wholes_series = None
    if first.share_np:
        for st in r.back(parts[0]):
            if st.index in r.series and r.names(st, first.share_np):
                series = r.series[st.index]
                if len(series) == len(parts):
                    wholes_series = series
                break
    if wholes_series is not None:
        for p, s, w in zip(parts, group, wholes_series, strict=True):
            r.add(
                Candidate(
                    Share("x", fid(p), fid(w), fid(s)),
                    "share",
                    "stated",
                    (r.span("part", p), r.span("whole", w), r.span("share", s)),
                    f"“分别占{first.share_np}”: year by year",
                    s.start,
                )
            )
            r.shares.append((p, w, s, "stated"))
        return
    whole, why, strength = _whole(r, first, parts)
    if whole is None and not first.share_np:
        total = sum(_value(p) for p in parts)
        for st in r.back(parts[0]):
            if st.is_level and st.unit == unit and st.total_cue and _value(st) >= total:
                whole, why, strength = st, f"of the total {st.found.reported.printed}", "inferred"
                break
    if whole is None:
        return
    for p, s in zip(parts, group, strict=True):
        r.add(
            Candidate(
                Share("x", fid(p), fid(whole), fid(s)),
                "share",
                strength,
                (r.span("part", p), r.span("whole", whole), r.span("share", s)),
                f"“分别占”: {p.found.reported.printed} {why}",
                s.start,
            )
        )
        r.shares.append((p, whole, s, strength))


def _share_sums(r: Reader) -> None:
    """Shares of one whole: printed to 100% they close the list; a closed list adds to 100%.

    Shares printed together (one sentence) that add up to 100% at face value say the
    parts make up the whole. The shares of parts that make up the whole — a run of them
    whose exact counts add up to it, or a partition the text closes — add up to 100%.
    """
    by_whole: dict[int, list[tuple[Statement, Statement, str]]] = {}
    for part, whole, share, strength in r.shares:
        by_whole.setdefault(whole.index, []).append((part, share, strength))
    for wid, members in by_whole.items():
        whole = r.statements[wid]
        members.sort(key=lambda m: m[1].start)
        for run in _sentence_runs(members):
            pairs = [(m[0], m[1]) for m in run]
            if len(run) >= 2 and _printed_sum_is_whole(pairs):
                # 达标 73 + 超标 265 = 338: the parts' shares add to 100%, the parts make it up
                _share_closed(r, whole, run)
            if len(run) >= 2 and _printed_sum_is_whole(pairs):
                _propose_share_sum(r, whole, run, "printed together, adding up to 100%")
        for i in range(len(members)):
            acc = Decimal(0)
            for j in range(i, min(len(members), i + 12)):
                part = members[j][0]
                if not part.found.reported.exact or not whole.found.reported.exact:
                    break
                acc += _value(part)
                if acc > _value(whole):
                    break
                if acc == _value(whole) and j > i:
                    _propose_share_sum(r, whole, members[i : j + 1], "whose parts make it up")
                    break
        by_part = {m[0].index: m for m in members}
        for total, parts, closed, how in r.partitions:
            if (
                total.index == wid
                and _holds(total, parts, closed, how) == "stated"
                and all(p.index in by_part for p in parts)
            ):
                _propose_share_sum(r, whole, [by_part[p.index] for p in parts], "of a closed list")


def _sentence_runs(
    members: list[tuple[Statement, Statement, str]],
) -> list[list[tuple[Statement, Statement, str]]]:
    runs: list[list[tuple[Statement, Statement, str]]] = []
    for m in members:
        if runs and runs[-1][-1][1].sentence == m[1].sentence:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _share_closed(r: Reader, whole: Statement, run: list[tuple[Statement, Statement, str]]) -> None:
    parts = [m[0] for m in run]
    r.add(
        Candidate(
            Total("x", fid(whole), tuple(fid(p) for p in parts)),
            "share_closed",
            "inferred",
            (r.span("whole", whole), *(r.span("share", m[1]) for m in run)),
            f"the parts' shares add up to 100%, so the parts make up "
            f"{whole.found.reported.printed}",
            run[0][1].start,
        )
    )
    r.partitions.append((whole, parts, True, "inferred"))


def _propose_share_sum(
    r: Reader, whole: Statement, run: list[tuple[Statement, Statement, str]], why: str
) -> None:
    if len({m[1].unit for m in run}) != 1:
        return
    strength = max((m[2] for m in run), key=_STRENGTHS.index)
    r.add(
        Candidate(
            ShareSum("x", tuple(fid(m[1]) for m in run)),
            "share_sum",
            strength,
            tuple(r.span("share", m[1]) for m in run),
            f"shares of {whole.found.reported.printed} {why}",
            run[0][1].start,
        )
    )


_STRENGTHS = ("stated", "definition", "inferred")


def _suffix(noun: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", noun)[-2:]


_INTRO = re.compile(
    r"(?:从|按)[^，。]{1,8}(?:看|来看|分)|(?<![\u4e00-\u9fff])分[\u4e00-\u9fff]{1,6}(?:看|来看)"
)


_SECTION = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[章部节])",
    re.MULTILINE,
)


def _breakdowns(r: Reader) -> None:
    """A total, then its parts in the sentences after it, with no 其中 (P8, P8a).

    ``共办理消防监督案件8.4万件。办理高层建筑类案件3.9万件；人员密集场所类案件2.0万件。
    此外，还办理其他类案件2.5万件。`` — parts named like the total (…案件), counted with its
    verb or none, in the same paragraph or the next; ``从资助来源看，…`` introduces them.
    """
    clean = r.text.clean
    for total in r.statements:
        if not total.is_level or total.in_parens:
            continue
        overall = "各类" in _sentence_before(r, total)
        if not (total.total_cue or overall):
            continue
        if not total.total_cue and any(
            st.is_level
            and st.unit == total.unit
            and st.sentence == total.sentence
            and st.predicate == total.predicate  # 新收…15503件，审结15293件: another count
            for st in (*r.back(total, reach=300), *r.forward(total, total.sentence.end))
        ):
            continue  # 各类住宅…9.5万起，交通工具…2.3万起: one of a list, not its whole
        tail = _suffix(total.noun)
        if len(tail) < 2:
            continue
        end = total.end + 1500  # the next paragraphs (a page break may split one)
        groups: list[list[Statement]] = [[]]
        section = _SECTION.search(clean, total.end, end)
        if section is not None:
            end = section.start()  # 三、…: a new section, a new topic
        for st in r.forward(total, end):
            if st.sentence == total.sentence:
                continue
            if st.total_cue and not _is_other(r.lex, st):
                break
            if not st.is_level or st.in_parens or st.unit != total.unit:
                continue
            if _suffix(st.noun) != tail or "其中" in r.before(st, 60):
                continue
            if (
                "类" not in st.noun
                and not overall
                and not _is_other(r.lex, st)
                and (not _INTRO.search(clean[total.end : st.start]))
            ):
                continue  # parts are named as kinds (…类案件), under 从…看, or the total is 各类
            if (
                st.predicate
                and total.predicate
                and st.predicate != total.predicate
                and ("generic" not in (st.pred_class, total.pred_class))
            ):
                continue
            if groups[-1] and _INTRO.search(clean[groups[-1][-1].end : st.start]):
                groups.append([])  # 分活动类型看… 分活动主体看…: another breakdown of it
            groups[-1].append(st)
        for parts in groups:
            _propose_breakdown(r, total, parts)


def _propose_breakdown(r: Reader, total: Statement, parts: list[Statement]) -> None:
    """One breakdown of ``total`` read by :func:`_breakdowns`."""
    if len(parts) < 2:
        return
    intro = _INTRO.search(r.text.clean[total.end : parts[0].start])
    cue = ("从…看", total.end, total.end) if intro else ("…", total.end, total.end)
    _propose_total(r, total, parts, cue, "breakdown", "inferred" if not intro else "stated")
    if len(parts) > 2:
        # the first parts after a total may be its breakdown, the later ones another
        # topic (审结刑事3.8万、民事16.2万、行政5.3万 … then 公益诉讼103件): a prefix that
        # makes up the total exactly is reported as that breakdown, never as a failure
        for k in range(2, len(parts)):
            if _meets(total, parts[:k]):
                _propose_total(r, total, parts[:k], cue, "breakdown", "inferred",
                               why="the first parts listed after it add up to it")  # fmt: skip
                break


def _meets(total: Statement, parts: list[Statement]) -> bool:
    """Whether the parts' sum interval meets the total's (rounding and qualifiers kept)."""
    lo = sum(p.found.reported.bounds().lo for p in parts)
    hi = sum(p.found.reported.bounds().hi for p in parts)
    bounds = total.found.reported.bounds()
    return lo <= bounds.hi and bounds.lo <= hi


_LIST_INTRO = re.compile(r"(?:依次是|依次为|分别是|分别为|包括|是|为)[:：]?\s*$")
_ITEM = re.compile(r"^[\u4e00-\u9fff·]{1,14}$")
_KIND_NOUNS = ("领域", "方面", "行业", "部门", "地区", "省份", "类别")
_COUNTED_UNITS = ("个", "家", "项", "所", "座", "名", "条", "种", "类", "省", "市", "县", "部门")


def _enumerations(r: Reader) -> None:
    """``20个城市…依次是：安阳、邢台、…和郑州。``: the names listed are as many as said.

    Also ``生态环境和资源保护、食品药品安全、…4个领域``: the names before the count.
    """
    clean = r.text.clean
    for st in r.statements:
        if not (st.is_level or st.role == "kinds") or st.unit not in _COUNTED_UNITS:
            continue
        if not st.found.reported.exact:
            continue
        after = clean[st.end : min(st.sentence.end, st.end + 60)]
        intro = re.search(r"(?:依次是|依次为|分别是|分别为)[:：]?", after)
        if intro is not None and (
            any(s.start < st.end + intro.start() for s in r.forward(st, st.end + intro.start()))
            or _SEMI.search(after, 0, intro.start())
        ):
            intro = None  # …有23个；超过3万人的…有8个，分别是…: the names are the 8's
        items: list[str] | None = None
        split_on_and = False
        if intro is not None:
            tail = clean[st.end + intro.end() : st.sentence.end].split("。")[0]
            tail = re.split(r"[；;\n]", tail)[0].rstrip("，,")
            items, split_on_and = _names(tail)
        else:
            # names before a count of kinds (…、国有土地使用权出让4个领域): only fields,
            # sectors and the like — 企业、养殖场489个 counts places of two kinds
            if clean[st.end : st.end + 2] not in _KIND_NOUNS:
                continue
            before = _strip_parens(clean[max(st.clause.start, st.start - 120) : st.start])
            before = before.removesuffix("等").rstrip()
            if "、" in before and not before.endswith(("各有", "各")):
                lead = re.split(r"[，,：:。；;]", before)[-1]
                names, split_on_and = _names(re.sub(r"^(?:覆盖了?|涉及|包括|持续扩展到)", "", lead))
                items = names if names and len(names) >= 2 else None
        if not items or len(items) < 2:
            continue
        expr = f"{fid(st)} = {len(items)}"
        r.add(
            Candidate(
                Formula("x", expr, same_noun=True),
                "enumeration",
                "stated" if intro is not None and not split_on_and else "inferred",
                (r.span("count", st),),
                f"{len(items)} names listed: {'、'.join(items[:4])}"
                + ("…" if len(items) > 4 else ""),
                st.start,
            )
        )


def _names(text: str) -> tuple[list[str] | None, bool]:
    """Names separated by 、 (the last pair by 和/及/与); None if any piece is no name."""
    pieces = [p.strip() for p in text.split("、")]
    split = False
    last = pieces[-1]
    m = re.fullmatch(r"(.{1,14}?)(?:和|及|与)(.{1,14})", last)
    if m and len(pieces) >= 2:
        pieces[-1:] = [m.group(1), m.group(2)]
        split = True
    if not pieces or not all(_ITEM.match(p) for p in pieces):
        return None, split
    return pieces, split


def _case_stages(r: Reader) -> None:
    """Stages of opened cases within the cases opened (诉前程序 8335 ≤ 立案 9867).

    Only over a year or more, or all time: over a few months a stage may count cases
    opened before the window (a flow, not a part). Inferred, never a failure.
    """
    for total in r.statements:
        if not total.is_level or total.predicate not in r.lex.case_stages:
            continue
        stages = r.lex.case_stages[total.predicate]
        head = _sentence_before(r, total)
        if not _long_period(head + r.text.clean[total.start : total.sentence.end]):
            continue
        parts = [
            st
            for st in r.forward(total, total.sentence.end)
            if st.is_level
            and not st.in_parens
            and st.unit == total.unit
            and st.predicate in stages
            and "支持" not in st.words[-12:]
        ]
        for st in parts:
            r.add(
                Candidate(
                    Subset("x", fid(st), fid(total)),
                    "case_stage",
                    "inferred",
                    (r.span("opened", total), r.span("stage", st)),
                    f"{st.predicate} is a stage of the cases opened ({total.predicate})",
                    st.start,
                )
            )
        if len(parts) >= 2:
            _propose_total(r, total, parts, ("立案", total.start, total.end), "case_stage",
                           "inferred")  # fmt: skip


_PERIOD_LONG = re.compile(
    r"以来|累计|截至|(?:19|20)\d{2}年(?:\d{1,2}月)?(?:至|到|—|-)(?:19|20)\d{2}年|[五十]年来|\d+年来"
)
_PERIOD_SHORT = re.compile(
    r"\d{1,2}月(?:份)?(?:至|到|—|-)\d{1,2}月|上半年|前三季度|第[一二三四]季度"
)


def _long_period(words: str) -> bool:
    """Whether the counts cover a year or more (a calendar year, a span, all time)."""
    if _PERIOD_SHORT.search(words):
        return bool(re.search(r"(?:19|20)\d{2}年\d{1,2}月(?:至|到)(?:19|20)\d{2}年", words))
    return bool(_PERIOD_LONG.search(words) or re.search(r"(?:19|20)\d{2}年[，,]", words))


def _main_parts(r: Reader) -> None:
    """``查处的违规行为主要是超载和超速，分别为2100辆和1800辆`` (P14): parts of the total."""
    for st in r.statements:
        if not st.is_level or st.inherited or not st.respectively:
            continue
        head = r.before(st, 60)
        if not any(w in head for w in r.lex.main_parts):
            continue
        listed = [st] + [
            o
            for o in r.forward(st, st.sentence.end)
            if o.inherited and o.unit == st.unit and o.is_level
        ]
        if len(listed) < 2:
            continue
        for total in r.back(st, reach=600):
            if (
                total.is_level
                and total.unit == st.unit
                and total.total_cue
                and (_value(total) >= max(_value(p) for p in listed))
            ):
                _propose_total(
                    r, total, listed, ("主要是", st.start, st.start), "main_parts", "stated"
                )
                break


def _stages(r: Reader) -> None:
    """``共发出整改通知640份，截至年底已整改到位590份`` (P12): what was done of the stock."""
    for st in r.statements:
        if not st.is_level or st.inherited:
            continue
        words = re.sub(r"^[\s，,；;]+", "", st.words.split("|")[0])
        if not any(words.startswith(c) or f"，{c}" in words for c in r.lex.stage_cues):
            continue
        for stock in r.back(st, reach=300):
            if stock.sentence != st.sentence:
                break
            if stock.is_level and stock.unit == st.unit and (stock.total_cue or stock.predicate):
                r.add(
                    Candidate(
                        Subset("x", fid(st), fid(stock)),
                        "stage",
                        "inferred",
                        (r.span("stock", stock), r.span("done", st)),
                        f"已…: done of {stock.found.reported.printed}",
                        st.start,
                    )
                )
                break


# comparison words only: 上升/下降/提高 N个百分点 is a change over time, not a gap (and
# 比全市高 names the other rate the way 高于全市 does; the 比 of 比重 compares nothing)
_GAP_DIRECTION = re.compile(
    r"(?P<up>高于|高出|多于|超过|超出|比(?![重例率])[^，。；0-9]{1,12}?(?<![提升])高)"
    r"|(?P<down>低于|少于|比(?![重例率])[^，。；0-9]{1,12}?(?<![降减])低)"
)


_OVER_TIME = re.compile(r"比上年|同比|上年|去年|同期|上月|上季|年初")


def _gaps(r: Reader) -> None:
    """``乡村学校达标率为71.4%，高于全市9.6个百分点`` (P11): the gap between two rates."""
    clean = r.text.clean
    for gap in r.statements:
        if gap.role != "gap":
            continue
        lead = clean[max(gap.clause.start, gap.start - 20) : gap.start]
        m = _GAP_DIRECTION.search(lead)
        if m is None or _OVER_TIME.search(lead) or re.search(r"\d{4}年", lead):
            continue  # 与上年同期相比分别提高0.6和0.1个百分点: a change over time, not a gap
        rates = [
            o
            for o in r.back(gap, reach=400)
            if o.found.reported.unit in ("%", "‰") and o.role in ("rate", "share", "ratio_other")
        ]
        if len(rates) < 2 or rates[0].sentence != gap.sentence:
            continue
        closest = next((o for o in r.back(gap) if o.found.reported.unit in ("%", "‰")), None)
        if closest is not rates[0]:
            continue  # 制造业…下降5.3%，低于全市…增速14.9个百分点: the gap is of that change
        said = m.group()
        other_words = said[1:-1] if said.startswith("比") else lead[m.end() :].strip()
        near = rates[0]
        name = (near.name or "")[-3:]
        far = next(
            (
                o
                for o in rates[1:]
                if (not name or (o.name or "").endswith(name))
                # 增速比全部投资高7.1个百分点: the other rate's own clause names 全部投资
                and (not other_words or other_words[:2] in o.lead)
            ),
            None,
        )
        if far is None:
            continue
        expr = (
            f"{fid(near)} - {fid(far)} = {fid(gap)}"
            if m["up"]
            else f"{fid(far)} - {fid(near)} = {fid(gap)}"
        )
        r.add(
            Candidate(
                Formula("x", expr),
                "gap",
                "stated",
                (r.span("rate", near), r.span("other rate", far), r.span("gap", gap)),
                f"“{m.group()}” {far.found.reported.printed}: the gap between two rates",
                gap.start,
            )
        )


def _group_shares(r: Reader) -> None:
    """A partition's parts and its total as shares of one whole: the parts' add to the total's.

    (44.2 + 12.5 + 0.8 + 4.4 against 61.8.)
    """
    share_of: dict[tuple[int, int], Statement] = {}
    strength_of: dict[int, str] = {}
    for part, whole, share, strength in r.shares:
        share_of[(part.index, whole.index)] = share
        strength_of[share.index] = strength
    done: set[tuple[int, ...]] = set()
    for total, parts, closed, how in r.partitions:
        known = _holds(total, parts, closed, how)
        if known is None:
            continue
        for (pid, wid), total_share in list(share_of.items()):
            if pid != total.index:
                continue
            shares = [share_of.get((p.index, wid)) for p in parts]
            if any(s is None for s in shares):
                continue
            members = [s for s in shares if s is not None]
            key = tuple(s.index for s in (*members, total_share))
            if key in done or len({s.unit for s in (*members, total_share)}) != 1:
                continue
            done.add(key)
            strength = max(
                (known, *(strength_of[s.index] for s in (*members, total_share))),
                key=_STRENGTHS.index,
            )
            r.add(
                Candidate(
                    ShareSum("x", tuple(fid(s) for s in members), fid(total_share)),
                    "group_shares",
                    strength,
                    tuple(r.span("share", s) for s in (*members, total_share)),
                    f"the parts of {total.found.reported.printed} and the total itself "
                    "as shares of one whole",
                    total_share.start,
                )
            )


def _after_noun(r: Reader, st: Statement) -> str:
    m = re.match(r"[\u4e00-\u9fff]{1,4}", r.text.clean[st.end : st.end + 4])
    return m.group() if m else ""


def _restatements(r: Reader) -> None:
    """One quantity stated twice with the same words (沿黄9省 … 沿黄9省; 4个领域 … 四个领域).

    Only figures of one value are paired, so the relation reads a restatement the text
    makes; a figure restated with another value needs a fixture (its period or scope may
    differ), see the collections of documents.
    """
    seen: dict[tuple[str, ...], Statement] = {}
    for st in r.statements:
        if not (st.is_level or st.role == "kinds") or st.in_parens or st.inherited:
            continue
        after = _after_noun(r, st)[:2]
        before = re.sub(r"[^\u4e00-\u9fff]", "", st.words.split("|")[0])[-2:]
        if st.role == "kinds" or st.unit in ("个", "类", "种", "项"):
            if not after:
                continue
            key: tuple[str, ...] = ("kinds", st.unit, after, str(r.doc(st)))
        else:
            if len(before) < 2:
                continue
            key = ("level", st.unit, before, after, str(r.doc(st)))
        first = seen.get(key)
        seen[key] = st
        if (
            first is None
            or _value(first) != _value(st)
            or st.start - first.end > REACH
            or first.sentence == st.sentence  # a restatement comes back to a figure later
        ):
            continue
        if (
            not (first.additive and st.additive)
            or (st.role == "kinds" and _printed(first) == _printed(st))
            or _value(st) == 0
            or st.unit in _TIME_UNITS
            or (key[0] == "level" and _VERB_BEFORE.search(before) is not None)
        ):
            # 10人以上, 四类, 0件, 三年: a bound, a label, nothing or a span of time;
            # 矿山发生1起 … 化工发生1起: a verb, not a noun, names the figure
            continue
        r.add(
            Candidate(
                Same("x", (fid(first), fid(st))),
                "restated",
                "inferred",
                (r.span("first", first), r.span("again", st)),
                "the same words state the same figure twice",
                st.start,
            )
        )


_TIME_UNITS = ("年", "个月", "月", "天", "日", "小时")
_VERB_BEFORE = re.compile(r"发生|死亡|受伤|新增|增加|减少|达到|共有|涉及|办理|受理|审结|查处|发现")


def _printed(st: Statement) -> str:
    return re.sub(r"\s+", "", st.found.reported.printed)


def _region(r: Reader, st: Statement) -> str | None:
    """The region a figure is reported for: named at the start of its sentence."""
    opening = r.text.clean[st.sentence.start : min(st.start, st.sentence.start + 14)]
    return next((g for g in r.lex.regions if g in opening), None)


def _regions(r: Reader) -> None:
    """A region's count within the national count of the same thing (a national report).

    ``内蒙古自治区检察机关共立案办理国有财产保护和国有土地使用权出让领域公益诉讼案件410件``
    is within the national counts of those two fields; ``江苏…办理案件2573件`` within the
    national total. Inferred: the period or the counting rule may differ, so a mismatch
    is reported untestable, never a failure.
    """
    fields = r.lex.fields
    national: list[Statement] = []
    for st in r.statements:
        if not st.is_level or st.in_parens:
            continue
        region = _region(r, st)
        if region is None:
            national.append(st)
            continue
        named = _members_named(fields, _head(r, st) + r.text.clean[st.end : st.end + 12])
        pool = [
            n
            for n in reversed(national[-_MAX_BACK:])
            if n.unit == st.unit and r.same_doc(n, st) and _value(n) > _value(st)
        ]
        wholes: list[Statement] = []
        if named and st.found.reported.is_count:
            # the national count of each field the region's count is in (one list)
            for member in named:
                found = next((n for n in pool if _member_of(fields, n.words) == member), None)
                if found is None:
                    wholes = []
                    break
                wholes.append(found)
        elif st.found.reported.is_count:
            # 全年共办理大气污染防治领域…5800余件。新疆…大气污染防治…共办案91件: the topic
            topic = _grams(_head(r, st))
            near = [n for n in pool if st.start - n.end <= 600 and topic & _grams(n.words)]
            if len(near) >= 1:
                wholes = near[:1]
            else:
                totals = [n for n in pool if n.total_cue and _suffix(n.noun) == "案件"
                          and _suffix(st.noun) in ("案件", "办案")]  # fmt: skip
                wholes = totals[-1:]
        else:
            scored = [(_overlap(_noun_core(st), n.words), n) for n in pool]
            scored = [x for x in scored if x[0] >= 0.6]
            if scored:
                best = max(scored, key=lambda x: x[0])
                if sum(1 for x in scored if x[0] == best[0]) == 1:
                    wholes = [best[1]]
        if not wholes:
            continue
        ids: str | tuple[str, ...] = (
            fid(wholes[0]) if len(wholes) == 1 else tuple(fid(w) for w in wholes)
        )
        r.add(
            Candidate(
                Subset("x", fid(st), ids),
                "region",
                "inferred",
                (
                    ("region", st.sentence.start, st.sentence.start + len(region)),
                    r.span("part", st),
                    *(r.span("national", w) for w in wholes),
                ),
                f"{region} reports {st.found.reported.printed}, within the national "
                + "、".join(w.found.reported.printed for w in wholes),
                st.start,
            )
        )


_GENERIC = re.compile(r"公益诉讼|检察机关|人民检察|检察院|专项监督|开展|办理|案件")


def _grams(words: str) -> set[str]:
    """The distinctive four-character runs of ``words`` (generic words removed)."""
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", _GENERIC.sub(" ", words))
    return {run[i : i + 4] for run in cjk.split() for i in range(len(run) - 3)}


def _members_named(tax: Taxonomy, words: str) -> list[str]:
    """Every member ``words`` name, in order (国有财产保护和国有土地使用权出让 → two)."""
    pattern, owner = _member_pattern(tax)
    out: list[str] = []
    for m in pattern.finditer(words):
        if owner[m.group()] not in out:
            out.append(owner[m.group()])
    return out


def _noun_core(st: Statement) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", st.words.split("|")[0])[-10:]


# 中 as "among" (行政公益诉讼中提出…), not a syllable of a name (晋中市, 中央, 中心, 中国)
_NOUN_FRAME = re.compile(
    r"(?P<np>[\u4e00-\u9fff]{2,12}?)中(?![市县区省国央心部华学医东西南北山原路街镇乡村级期旬等型小])"
    r"[，,]?(?=[^，,。；;]*$)"
)


def _noun_frames(r: Reader) -> None:
    """``行政公益诉讼中提出诉前检察建议116489件``: a count within the cases just named."""
    for st in r.statements:
        if not st.is_level or st.in_parens or "其中" in st.words:
            continue
        m = _NOUN_FRAME.search(st.words.split("|")[0])
        if m is None or m.group("np").startswith(("在", "从")):
            continue
        np = m.group("np")
        for other in r.back(st, reach=2000):
            if (
                other.is_level
                and other.unit == st.unit
                and _value(other) >= _value(st)
                and (r.names(other, np))
            ):
                r.add(
                    Candidate(
                        Subset("x", fid(st), fid(other)),
                        "noun_frame",
                        "inferred",
                        (r.span("whole", other), r.span("part", st)),
                        f"“{np}中” names {other.found.reported.printed}",
                        st.start,
                    )
                )
                break


def _pronoun_of_which(r: Reader) -> None:
    """``234条问题线索…并对其中16起重点线索挂牌督办``: 其中 inside a clause, before a figure."""
    clean = r.text.clean
    for st in r.statements:
        if not st.is_level or not clean[max(0, st.start - 3) : st.start].rstrip().endswith("其中"):
            continue
        at = clean.rfind("其中", max(0, st.start - 4), st.start)
        if at <= 0 or clean[at - 1] in "，,。；;：:\n ":
            continue  # a scope marker at a clause start: read as a list
        noun = _after_noun(r, st)
        for other in r.back(st, reach=300):
            if other.sentence != st.sentence:
                break
            if (
                other.is_level
                and _coverage(noun[-2:], _after_noun(r, other)) >= 1.0
                and (other.found.reported.is_count and st.found.reported.is_count)
            ):
                r.add(
                    Candidate(
                        Subset("x", fid(st), fid(other), same_noun=True),
                        "of_which",
                        "inferred",
                        (("其中", at, at + 2), r.span("whole", other), r.span("part", st)),
                        f"“其中” refers to {other.found.reported.printed}",
                        st.start,
                    )
                )
                break


def _printed_sum_is_whole(members: list[tuple[Statement, Statement]]) -> bool:
    """Whether the printed shares add up to exactly 100% (or 1000‰) at face value."""
    total = sum(m[1].found.reported.value for m in members)
    return total == (Decimal(100) if members[0][1].unit == "%" else Decimal(1000))


# --- rates (P9, P10) -------------------------------------------------------------


def _rates(r: Reader) -> None:
    clean = r.text.clean
    for st in r.statements:
        if st.role != "rate":
            continue
        names = _rate_names(clean, st)
        if not names:
            continue
        # a list 不捕率、不诉率分别为 a和b: the k-th rate figure of the list takes the k-th name
        k = 0
        first = st
        while first.inherited and first.index > 0 and r.statements[first.index - 1].role == "rate":
            first = r.statements[first.index - 1]
            k += 1
        if k >= len(names):
            continue
        _one_rate(r, st, names[k])


def _rate_names(clean: str, st: Statement) -> list[str]:
    first_lead = st.lead
    if st.inherited:
        return _rate_names_from(clean, st)
    return re.findall(r"([\u4e00-\u9fff]{1,8}?率)", _strip_parens(first_lead))[-4:] or []


def _rate_names_from(clean: str, st: Statement) -> list[str]:
    clause = clean[max(st.clause.start, st.start - 120) : st.start]
    lead = clause[: clause.find("分别")] if "分别" in clause else clause
    return re.findall(r"([\u4e00-\u9fff]{1,8}?率)", _strip_parens(lead))


def _one_rate(r: Reader, st: Statement, name: str) -> None:
    short = name.removeprefix("人口")
    # the longest name it ends with: 附条件不起诉率 is not 不起诉率
    known = [n for n in r.lex.rates if short.endswith(n)]
    definition = r.lex.rates[max(known, key=len)] if known else None
    if definition is None:
        _generic_rate(r, st, name)
        return
    if definition.official:
        return
    slots: dict[str, Statement] = {}
    for pred in {*definition.numerator, *definition.denominator}:
        for other in r.back(st):
            if other.is_level and other.predicate == pred and other.unit in ("人", "件"):
                slots.setdefault(pred, other)
                break
    if len(slots) != len({*definition.numerator, *definition.denominator}):
        return
    units = {s.unit for s in slots.values()}
    if len(units) != 1:
        return
    denominators = {slots[p].index for p in definition.denominator}
    if len(definition.numerator) == 1 and len(denominators) > 1:
        # 审结审查逮捕96人，其中批准逮捕43人，不批准逮捕53人，不捕率55.2%: the stock they make up
        stock = next((t for t, ps, closed, _how in r.partitions
                      if closed and {p.index for p in ps} == denominators), None)  # fmt: skip
        if stock is not None:
            numerator = slots[definition.numerator[0]]
            r.add(
                Candidate(
                    Share("x", fid(numerator), fid(stock), fid(st)),
                    "rate",
                    "definition",
                    (
                        ("rate", st.start, st.end),
                        r.span("numerator", numerator),
                        r.span("stock", stock),
                    ),
                    f"{name} = {definition.numerator[0]} / {stock.found.reported.printed}, the "
                    f"{'+'.join(definition.denominator)} it is made of (definitions table)",
                    st.start,
                )
            )
            return
    num = " + ".join(fid(slots[p]) for p in definition.numerator)
    den = " + ".join(fid(slots[p]) for p in definition.denominator)
    expr = f"({num}) / ({den}) = {fid(st)}"
    r.add(
        Candidate(
            Formula("x", expr),
            "rate",
            "definition",
            (("rate", st.start, st.end), *(r.span(p, s) for p, s in slots.items())),
            f"{name} = {'+'.join(definition.numerator)} / "
            f"({'+'.join(definition.denominator)}) (definitions table)",
            st.start,
        )
    )


def _generic_rate(r: Reader, st: Statement, name: str) -> None:
    """A rate the definitions table does not know (回复整改率, 答复率).

    A rate of the count just given in its sentence; with a count of its numerator
    printed, a share of it (P9).
    """
    if st.found.reported.unit not in ("%", "‰"):
        return
    levels = [
        o
        for o in r.back(st, reach=300)
        if o.sentence == st.sentence
        and o.is_level
        and o.found.reported.is_count
        and not o.in_parens
    ]
    if not levels:
        return
    stem = name[:-1][-2:]
    numerator = next((o for o in levels if stem and stem in o.words[-8:]), None)
    if numerator is not None:
        base = next(
            (
                o
                for o in levels
                if o is not numerator and o.start < numerator.start and o.unit == numerator.unit
            ),
            None,
        )
        if base is not None and _value(base) >= _value(numerator):
            r.add(
                Candidate(
                    Share("x", fid(numerator), fid(base), fid(st)),
                    "rate",
                    "inferred",
                    (r.span("rate", st), r.span("numerator", numerator), r.span("base", base)),
                    f"{name} of {base.found.reported.printed}: "
                    f"{numerator.found.reported.printed} named by it",
                    st.start,
                )
            )
            return
    base = levels[0]
    r.add(
        Candidate(
            Rate("x", fid(st), fid(base)),
            "rate",
            "inferred",
            (r.span("rate", st), r.span("base", base)),
            f"{name} of {base.found.reported.printed}: some integer numerator",
            st.start,
            untestable_reason="base by proximity",
        )
    )


# --- changes -------------------------------------------------------------------------


def _changes(r: Reader) -> None:
    stmts = r.statements
    k = 0
    while k < len(stmts):
        st = stmts[k]
        if st.role != "change" or st.inherited:
            k += 1
            continue
        group = [st]
        j = k + 1
        while j < len(stmts) and stmts[j].inherited and stmts[j].role == "change":
            group.append(stmts[j])
            j += 1
        hosts = _change_hosts(r, group)
        for change, host in zip(group, hosts, strict=False):
            if host is not None:
                _one_change(r, change, host)
        k = j


_YEARS_LISTED = re.compile(r"((?:19|20)\d{2})年")


def _change_hosts(r: Reader, group: list[Statement]) -> list[Statement | None]:
    """The figure each change of a group is a change of.

    One change: its host. ``分别上升a、b``: the levels just before, in order — or those
    of the years the change names (2017年、2018年…同比分别下降2%、5%), or the values of
    the series whose predicates it names (受理审查逮捕、受理审查起诉…较2020年分别上升).
    """
    first = group[0]
    clean = r.text.clean
    lead_from = max(first.clause.start, first.start - 120)
    levels = [
        st
        for st in r.back(first, reach=600)
        if st.is_level and st.sentence == first.sentence and not st.in_parens
    ]
    levels.reverse()
    if levels:
        lead_from = max(lead_from, levels[-1].end)
    lead = clean[lead_from : first.start]
    years = [int(y) for y in _YEARS_LISTED.findall(lead)]
    if len(group) == 1 and not first.respectively:
        host = r.statements[first.host] if first.host is not None else None
        return [_by_measure(r, host, lead) if host is not None else None]
    if len(years) == len(group) and len(set(years)) == len(years):
        by_year = {st.year: st for st in levels if st.year is not None}
        if all(y in by_year for y in years):
            return [by_year[y] for y in years]
    if not levels or len(levels) < len(group):
        named = _series_named(r, first, lead)
        if len(named) == len(group):
            return named
        return [None] * len(group)
    measures = _named_measures(clean[max(first.sentence.start, first.start - 60) : first.start])
    if len(measures) == len(group) > 1 and len({u for u, _ in measures}) == len(measures):
        # 23起、死亡20人、受伤6人，同比事故起数和死亡人数分别下降28.1%、31.0%
        by_unit = [_measured(levels, u, said) for u, said in measures]
        if all(st is not None for st in by_unit):
            return by_unit
        return [None] * len(group)
    last = levels[-len(group) :]
    one_pair = len(last) == 2 and last[1].companion_of == last[0].index  # 7049件12729人
    if not one_pair and any(st.companion_of is not None for st in levels[-2 * len(group) :]):
        # 280件306人、401件431人…，件数同比分别上升: the changes are of the unit named
        unit = next((u for w, u in _MEASURE_WORDS.items() if w in lead[-12:]), None)
        if unit is None:
            return [None] * len(group)  # which of each pair changed is not said
        levels = [st for st in levels if st.unit == unit]
        if len(levels) < len(group):
            return [None] * len(group)
    if first.year is not None:
        dated = [st for st in levels if st.year == first.year]
        if len(dated) >= len(group):
            levels = dated
    return list(levels[-len(group) :])


_MEASURE_WORDS = {"人数": "人", "人次": "人次", "件数": "件", "案件数": "件", "案件数量": "件",
                  "起数": "起"}  # fmt: skip
_MEASURE_PATTERN = re.compile("|".join(sorted(_MEASURE_WORDS, key=len, reverse=True)))


def _named_measures(words: str) -> list[tuple[str, str]]:
    """The measures ``words`` name, in order, with the two words before each.

    事故起数和死亡人数 → (起, 事故), (人, 死亡).
    """
    return [
        (_MEASURE_WORDS[m.group()], words[max(0, m.start() - 2) : m.start()])
        for m in _MEASURE_PATTERN.finditer(words)
    ]


def _measured(levels: list[Statement], unit: str, said: str) -> Statement | None:
    """The one level of ``unit`` the words ``said`` name (死亡 → 死亡20人, not 受伤6人)."""
    of_unit = [st for st in levels if st.unit == unit]
    if len(of_unit) == 1:
        return of_unit[0]
    named = [st for st in of_unit if said and said in st.lead]
    return named[-1] if named else None


def _by_measure(r: Reader, host: Statement, lead: str) -> Statement:
    """``60件214人…人数同比上升89.4%``: the figure of the unit the change names."""
    unit = next((u for w, u in _MEASURE_WORDS.items() if w in lead[-12:]), None)
    if unit is None or host.unit == unit:
        return host
    owner = host.companion_of if host.companion_of is not None else host.index
    for k in range(owner, min(len(r.statements), owner + 4)):
        st = r.statements[k]
        if st.unit == unit and owner in (k, st.companion_of):
            return st
    return host


def _series_named(r: Reader, first: Statement, lead: str) -> list[Statement | None]:
    """Series (one value a year) whose predicates the change's words name, in order."""
    year = first.year
    found: list[tuple[int, Statement | None]] = []
    for st in r.back(first):
        series = r.series.get(st.index)
        if series is None or not st.predicate:
            continue
        for form, canonical in r.lex.forms:
            if canonical == st.predicate and form in lead:
                member = next((m for m in series if m.year == year), None)
                found.append((lead.find(form), member))
                break
    found.sort(key=lambda x: x[0])
    return [m for _, m in found]


_OTHER_BASES = ("年初", "年末", "上月", "环比", "上季", "上半年")


def _one_change(r: Reader, change: Statement, host: Statement) -> None:
    direction: Literal["up", "down"] = "down" if change.direction == "down" else "up"
    stated = "inferred" if _real_terms(r, host) else "stated"
    cues = (r.span("current", host), r.span("change", change))
    # an increment printed with it: 比上年增加33亿斤，增长0.3% (the nearest one before it),
    # or right after it: 结案45728件，同比增长36.18%，增加12958件
    incs = [r.statements[c] for c in host.children]
    before = [i for i in incs if i.role == "increment" and i.index < change.index]
    after = [i for i in incs if i.index > change.index][:1]
    found = before[-1:] or [i for i in after if i.role == "increment" and not i.inherited]
    for inc in found:
        other_base = next((w for w in _OTHER_BASES if w in inc.lead), None)
        if other_base is not None and other_base not in change.lead:
            continue  # 比年初增加1468.96亿元 … 同比增长8.08%: since January, not a year ago
        if inc.months is not None and inc.months != host.months:
            continue  # 用户总数达到13.3亿户，同比增长14.4%，1-5月净增5953万户: over five months
        if inc.found.reported.unit == host.unit:
            sign = "-" if inc.direction == "up" else "+"
            expr = f"{fid(inc)} / ({fid(host)} {sign} {fid(inc)}) = {fid(change)}"
            r.add(
                Candidate(
                    Formula("x", expr),
                    "change",
                    stated,
                    (*cues, r.span("increment", inc)),
                    "the increment and the rate of one change",
                    change.start,
                )
            )
            return
    previous = _named_previous(r, change, host) or _previous(r, change, host)
    if previous is not None:
        r.add(
            Candidate(
                Change("x", fid(host), fid(change), direction, fid(previous)),
                "change",
                stated,
                (*cues, r.span("previous", previous)),
                f"the earlier value {previous.found.reported.printed} ({previous.year}) is printed",
                change.start,
            )
        )
        return
    if host.found.reported.is_count:
        between = r.text.clean[host.end : change.start]
        single = not (change.respectively or change.inherited)  # a 分别 list is aligned
        own_subject = (
            len(_CHANGE_WORDS.sub("", between)) >= 3
            or (single and _interposed(r, host, change))
            # 315件（包括行政非诉执行案件7件，同比增长42.53%）: inside parentheses, a change
            # may be of the figure they follow rather than of the member it follows
            or (host.in_parens and change.in_parens)
        )
        value = host.found.reported.value
        # 每千名老年人拥有床位30.3张, 人均结案274件: an average, not a count of things
        average = not host.additive or value != value.to_integral_value()
        r.add(
            Candidate(
                Change("x", fid(host), fid(change), direction),
                "change",
                "inferred" if own_subject or average else stated,
                cues,
                "a change of a count: some integer earlier count must fit"
                + (
                    " (the change names its own subject, so it may not be this count's)"
                    if own_subject
                    else ""
                )
                + (
                    f" ({host.found.reported.printed} is an average or a rate, not a count "
                    "of things: its earlier value need not be an integer)"
                    if average
                    else ""
                ),
                change.start,
                untestable_reason="earlier value not printed",
            )
        )


def _real_terms(r: Reader, host: Statement) -> bool:
    """Whether a money value's growth may be 按可比价格计算 (real, not nominal).

    A document that says so anywhere before the figure prints growth rates its current
    prices need not give.
    """
    if not host.unit.endswith("元"):
        return False
    start = r.text.documents[r.doc(host)].start if r.text.documents else 0
    clean = r.text.clean
    return any(w in clean[start : host.end] for w in ("可比价", "不变价"))


def _interposed(r: Reader, host: Statement, change: Statement) -> bool:
    """Whether another measure stands between a count and a change (比例为86.8%，…28微克).

    The host's own increment, earlier value, share or companion does not count; a rate,
    a gap, another level or an unread number does: the change may be of that instead.
    """
    own = ("increment", "previous", "share", "change")
    pair = {host.index, host.companion_of}  # 60件214人，案件数量同比上升9%，人数同比上升89.4%
    for k in range(host.index + 1, change.index):
        st = r.statements[k]
        if not (st.host in pair and st.role in own) and st.companion_of not in pair:
            return True
    between = r.text.clean[host.end : change.start]
    for k in range(host.index + 1, change.index):
        st = r.statements[k]
        between = between.replace(r.text.clean[st.start : st.end], "")
    return _BARE_NUMBER.search(between) is not None


_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?![0-9]*(?:年|月|日|[0-9]))")


_CHANGE_WORDS = re.compile(
    r"[^\u4e00-\u9fff]|同比|比上年末?|上年同期|较上年|较|比|与|分别|增长|上升|增加|提高|下降|减少|"
    r"降低|增产|减产|增幅|降幅|了|为|达|约|同期|年|月|其中|人数|件数|数量|案件数"
)


def _printed_increments(r: Reader) -> None:
    """``收案78.14万件，比去年90.78万件减少12.64万件``: the increment is the difference."""
    for host in r.statements:
        if not host.children:
            continue
        kids = [r.statements[c] for c in host.children]
        prev = next((k for k in kids if k.role == "previous" and k.unit == host.unit), None)
        if prev is None:
            continue
        inc = next((k for k in kids if k.role == "increment" and k.index > prev.index), None)
        if inc is None or inc.unit != host.unit:
            continue
        expr = (
            f"{fid(host)} - {fid(prev)} = {fid(inc)}"
            if inc.direction == "up"
            else f"{fid(prev)} - {fid(host)} = {fid(inc)}"
        )
        r.add(
            Candidate(
                Formula("x", expr),
                "increment",
                "stated",
                (r.span("current", host), r.span("previous", prev), r.span("increment", inc)),
                f"the earlier value {prev.found.reported.printed} after 比, and the increment",
                inc.start,
            )
        )


def _named_previous(r: Reader, change: Statement, host: Statement) -> Statement | None:
    """The earlier value printed after 比 in the change's own clause (比去年90.78万件减少)."""
    for cid in host.children:
        prev = r.statements[cid]
        if prev.role == "previous" and prev.index < change.index and prev.unit == host.unit:
            return prev
    return None


def _previous(r: Reader, change: Statement, host: Statement) -> Statement | None:
    """The printed earlier value a change compares with (比2014年…; a series)."""
    clause = r.text.clean[max(change.sentence.start, change.start - 40) : change.start]
    m = _last(_BASE_YEAR, clause)
    year = host.year
    if m is not None and m["year"]:
        base = int(m["year"])
    elif year is not None:
        base = year - 1
    else:
        return None
    if year is not None and base >= year:
        return None
    series = r.series_of.get(host.index)
    if series is not None:
        for st in series:
            if st.year == base:
                return st
    if host.companion_of is not None:
        owner_series = r.series_of.get(host.companion_of)
        for st in owner_series or ():
            if st.year == base:
                return _companion(r, st, host.unit)
    # a later or earlier sentence: 2014年，最高法院受理案件11210件
    if r._by_key is None:  # noqa: SLF001 - the reader's own index
        index: dict[tuple[int | None, str, str | None], list[Statement]] = {}
        for st in r.statements:
            if st.is_level and st.year is not None:
                index.setdefault((st.year, st.unit, st.predicate), []).append(st)
        r._by_key = index  # noqa: SLF001
    candidates = [
        st
        for st in r._by_key.get((base, host.unit, host.predicate), ())  # noqa: SLF001
        if r.same_doc(st, host)
        and abs(st.start - host.start) <= REACH
        and st.months == host.months
        and _similar(r, st, host)
        and (
            host.predicate is not None
            or st.sentence == host.sentence  # 其中2016年6849人，2017年6701人
            or _verb_and_noun(st) == _verb_and_noun(host)
        )
    ]
    return candidates[0] if len(candidates) == 1 else None


def _verb_and_noun(st: Statement) -> str:
    """The last words before a figure, without dates, numbers or particles.

    With no known predicate, two years' figures are one series only when printed with
    the same words (共发生道路交通事故 is not 共接报道路交通事故).
    """
    words = re.sub(r"[^\u4e00-\u9fff]|(?:19|20)\d{2}年", "", st.words.split("|")[0])
    return _STRIP_TAIL.sub("", words)[-8:]


_STRIP_TAIL = re.compile(r"(?:的|了|为|达|有|共|约|近|超过|是)+$")


def _companion(r: Reader, st: Statement, unit: str) -> Statement | None:
    for k in range(st.index + 1, min(len(r.statements), st.index + 3)):
        other = r.statements[k]
        if other.companion_of == st.index and other.unit == unit:
            return other
    return None


def _similar(r: Reader, a: Statement, b: Statement) -> bool:
    """Same noun and, when both name one, the same subject (最高法院 vs 地方各级法院)."""
    if a.noun != b.noun and _overlap(a.noun, b.noun) < 0.6:
        return False
    sa = _subject_words(r, a)
    sb = _subject_words(r, b)
    if sa and sb:
        short, long = sorted((sa, sb), key=len)
        return _overlap(short, long) >= 0.6
    return True


def _subject_words(r: Reader, st: Statement) -> str:
    """Who the figure is about: the words of its clause before the predicate."""
    words = re.sub(r"(?:19|20)\d{2}年|[0-9.,，、:：;；\s]", "", st.words.split("|")[0])
    found = r.lex.predicate(words)
    return words[: found[1]] if found else ""


# --- outcomes of a stock (P12) ---------------------------------------------------


def _outcomes(r: Reader) -> None:
    for st in r.statements:
        if not st.is_level or not st.predicate:
            continue
        stocks = [stock for stock, outs in r.lex.outcomes.items() if st.predicate in outs]
        if not stocks:
            continue
        for other in r.back(st, reach=200):
            if other.sentence != st.sentence:
                break
            if other.is_level and other.predicate in stocks and other.unit == st.unit:
                r.add(
                    Candidate(
                        Subset("x", fid(st), fid(other)),
                        "outcome",
                        "stated",
                        (r.span("stock", other), r.span("outcome", st)),
                        f"{st.predicate} is an outcome of {other.predicate}",
                        st.start,
                    )
                )
                break


# --- taxonomies and identities ---------------------------------------------------------


def _taxonomies(r: Reader) -> None:
    listed: set[int] = set()
    for st in r.statements:
        if st.total_cue and st.is_level:
            listed.add(st.index)
            for other in r.forward(st, st.sentence.end):
                if other.is_level and other.predicate and not other.in_parens:
                    listed.add(other.index)
    nouns = tuple({n for tax in r.lex.taxonomies for n in tax.whole})
    pattern = _any_pattern(nouns)
    hits = [
        st
        for st in r.statements
        if st.is_level
        and not st.in_parens
        and (pattern.search(st.words) or (st.index in listed and pattern.search(_head(r, st))))
    ]
    for tax in r.lex.taxonomies:
        _one_taxonomy(r, tax, listed, hits)


def _member_of(tax: Taxonomy, words: str) -> str | None:
    """The member named last in ``words`` (the one nearest the figure)."""
    pattern, owner = _member_pattern(tax)
    last = None
    for m in pattern.finditer(words):
        if "附带" not in words[max(0, m.start() - 2) : m.start()]:
            last = m
    return owner[last.group()] if last is not None else None


_MEMBER_PATTERNS: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}


def _member_pattern(tax: Taxonomy) -> tuple[re.Pattern[str], dict[str, str]]:
    found = _MEMBER_PATTERNS.get(tax.name)
    if found is None:
        owner = {noun: member for member, nouns in tax.members.items() for noun in nouns}
        nouns = sorted(owner, key=len, reverse=True)
        found = _MEMBER_PATTERNS[tax.name] = (
            re.compile("|".join(re.escape(n) for n in nouns)),
            owner,
        )
    return found


@cache
def _any_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)))


def _sentence_before(r: Reader, st: Statement) -> str:
    """Up to 300 characters of the sentence before a figure, parentheses removed."""
    return _strip_parens(r.text.clean[max(st.sentence.start, st.start - 300) : st.start])


def _head(r: Reader, st: Statement) -> str:
    """The sentence up to a figure, parentheses removed: the words that frame it."""
    found = r._heads.get(st.index)  # noqa: SLF001 - the reader's own cache
    if found is None:
        lo = max(st.sentence.start, st.start - 300)
        found = r._heads[st.index] = _strip_parens(r.text.clean[lo : st.start])[-60:]  # noqa: SLF001
    return found


def _names_outside_predicate(r: Reader, words: str, nouns: tuple[str, ...]) -> bool:
    """Whether ``words`` name one of ``nouns`` other than inside a verb (提起公益诉讼)."""
    hits = [m.span() for m in _any_pattern(nouns).finditer(words)]
    if not hits:
        return False
    verbs = [m.span() for m in r.lex.forms_pattern.finditer(words)]
    return any(
        not any(a <= h0 and h1 <= b and (b - a) > (h1 - h0) for a, b in verbs) for h0, h1 in hits
    )


_SCOPE_WORDS = re.compile(
    r"(?:19|20)\d{2}年(?:末|底)?|中国|我国|大陆|全国|全省|全市|全区|"
    r"[省市县区]|各类|年末|年底|去年末|全年|的|\s|[（()）]"
)


def _unmodified(r: Reader, words: str, nouns: tuple[str, ...]) -> bool:
    """Whether a whole noun stands without a narrowing modifier (民事公益诉讼 is no whole)."""
    m = _last(_any_pattern(nouns), words)
    if m is None:
        return False
    tail = re.split(r"[，,。；;：:|]", words[: m.start()])[-1]
    found = r.lex.predicate(tail)
    if found is not None:
        tail = tail[found[1] :]
        tail = r.lex.forms_pattern.sub("", tail, count=1)
    return _SCOPE_WORDS.sub("", tail)[-2:] == ""


def _is_whole(r: Reader, tax: Taxonomy, st: Statement, listed: set[int]) -> bool:
    if not st.is_level or st.in_parens:
        return False
    whole_words = _any_pattern(tax.whole)
    own = whole_words.search(st.words)
    if own and not _unmodified(r, st.words, tax.whole):
        return False
    if not own and not (st.index in listed and whole_words.search(_head(r, st))):
        return False
    if _member_of(tax, st.words) is not None:
        return False
    if _names_outside_predicate(r, st.words, tax.whole):
        return True
    # 共立案公益诉讼案件14397件，发出检察建议11771件，起诉834件: one 共 for the list
    return (
        st.index in listed
        and _names_outside_predicate(r, _head(r, st), tax.whole)
        and (_member_of(tax, _sentence_before(r, st)) is None)
    )


_CASE_COUNTS = ("立案", "受理", "办理")


def _one_taxonomy(r: Reader, tax: Taxonomy, listed: set[int], hits: list[Statement]) -> None:
    wholes = [st for st in hits if _is_whole(r, tax, st, listed)]
    following: dict[tuple[str | None, str], int] = {}
    limits: list[int] = [0] * len(wholes)
    for n in range(len(wholes) - 1, -1, -1):
        key = (wholes[n].predicate, wholes[n].unit)
        limits[n] = min(following.get(key, len(r.text.clean)), wholes[n].end + REACH)
        following[key] = wholes[n].start
    for n, whole in enumerate(wholes):
        limit = limits[n]
        members: dict[str, Statement] = {}
        where: dict[str, Span] = {}
        for st in r.forward(whole, limit):
            if not st.is_level or st.in_parens or st.unit != whole.unit:
                continue
            if (
                st.predicate
                and whole.predicate
                and st.predicate != whole.predicate
                and not (st.pred_class == "generic" and whole.predicate in _CASE_COUNTS)
                and whole.pred_class != "generic"
            ):
                continue  # 办理案件113件 counts cases: a member of 立案, not of 起诉
            member = _member_of(tax, st.words) or _member_of(tax, _sentence_before(r, st))
            if member is None:
                continue
            if member in members:
                # in the sentence that names the member, the figure counted with the
                # whole's own verb wins over one counted with a generic verb (办理)
                held = members[member]
                if (
                    where[member] == st.sentence
                    and held.predicate != whole.predicate
                    and (st.predicate == whole.predicate)
                ):
                    members[member] = st
                continue
            members[member] = st
            where[member] = st.sentence
        _propose_taxonomy(r, tax, whole, members)


def _propose_taxonomy(
    r: Reader, tax: Taxonomy, whole: Statement, members: dict[str, Statement]
) -> None:
    if not members or (len(members) < 2 and tax.complete):
        return
    parts = list(members.values())
    weak = [p for p in parts if p.predicate and whole.predicate and p.predicate != whole.predicate]
    complete = tax.complete and len(members) == len(tax.members)
    ids = tuple(fid(p) for p in parts)
    cues = (r.span("whole", whole), *(r.span("member", p) for p in parts))
    if len(parts) == 1:
        r.add(
            Candidate(
                Subset("x", ids[0], fid(whole)),
                "taxonomy",
                "definition",
                cues,
                f"{tax.name}: a member of the whole",
                parts[0].start,
            )
        )
        return
    if complete:
        reason = f"{tax.name}: the members {'、'.join(members)} exhaust the whole"
        why_not = None
        if weak:
            why_not = "counted with another verb: " + ", ".join(
                f"{p.found.reported.printed} ({p.predicate} vs {whole.predicate})" for p in weak
            )
        r.add(
            Candidate(
                Total("x", fid(whole), ids, complete=True),
                "taxonomy",
                "definition" if not weak else "inferred",
                cues,
                reason,
                parts[0].start,
                untestable_reason=why_not,
            )
        )
        r.partitions.append((whole, parts, True, "definition" if not weak else "inferred"))
    else:
        r.add(
            Candidate(
                Total("x", fid(whole), ids, complete=True),
                "taxonomy",
                "inferred",
                cues,
                f"{tax.name}: {'、'.join(members)} are members of the whole",
                parts[0].start,
                fallback=Total("x", fid(whole), ids, complete=False),
            )
        )
        r.partitions.append((whole, parts, False, "inferred"))


def _identities(r: Reader) -> None:
    """Identities of the definitions table, each filled with figures near one another.

    Every slot lists the figures whose words name it; around each figure of the rarest
    slot, the nearest figure of every other slot in the same document (within
    :data:`REACH`) fills the rest, so a headline restating a figure is not mixed with
    the body. A change slot takes the absolute change printed with its figure, signed
    by its direction.
    """
    for ident in r.lex.identities:
        options: dict[str, list[Statement]] = {}
        for slot, (nouns, change) in ident.slots.items():
            ratio = "率" in nouns[0] or nouns[0].endswith("比") or "单产" in nouns[0]
            options[slot] = _slot_options(r, nouns, change=change, ratio=ratio)
        if not all(options.values()):
            continue
        seen: set[frozenset[int]] = set()
        for chosen in _assignments(r, options):
            key = frozenset(st.index for st in chosen.values())
            if key in seen:
                continue
            seen.add(key)
            expr = ident.expr
            for slot, st in sorted(chosen.items(), key=lambda kv: -len(kv[0])):
                term = fid(st) if st.direction != "down" else f"(-{fid(st)})"
                expr = re.sub(rf"\b{slot}\b", term, expr)
            anchor = max(st.start for st in chosen.values())
            r.add(
                Candidate(
                    Formula("x", expr),
                    "identity",
                    "definition",
                    tuple(r.span(k, v) for k, v in chosen.items()),
                    f"{ident.name} (definitions table)",
                    anchor,
                )
            )


def _assignments(r: Reader, options: dict[str, list[Statement]]) -> Iterator[dict[str, Statement]]:
    pivot = min(options, key=lambda k: len(options[k]))
    starts = {slot: [st.start for st in cands] for slot, cands in options.items()}
    for anchor in options[pivot]:
        chosen = {pivot: anchor}
        for slot, cands in options.items():
            if slot == pivot:
                continue
            k = bisect_left(starts[slot], anchor.start)
            near = [cands[j] for j in (k - 1, k) if 0 <= j < len(cands)]
            near = [
                c for c in near if r.same_doc(c, anchor) and abs(c.start - anchor.start) <= REACH
            ]
            if not near:
                break
            chosen[slot] = min(near, key=lambda c: abs(c.start - anchor.start))
        else:
            years = {_year_of(r, st) for st in chosen.values()} - {None}
            if len(years) <= 1:  # 2022年出生人口 … 2023年死亡人口: not one year's identity
                yield chosen


def _year_of(r: Reader, st: Statement) -> int | None:
    if st.role == "increment" and st.host is not None:
        return r.statements[st.host].year
    return st.year


def _noun_index(r: Reader) -> dict[str, list[Statement]]:
    """Statements by the identity nouns their words end with (built once per text)."""
    if r._nouns is None:  # noqa: SLF001 - the reader's own cache
        nouns = tuple(
            {n for ident in r.lex.identities for ns, _ in ident.slots.values() for n in ns}
        )
        pattern = _any_pattern(nouns)
        index: dict[str, list[Statement]] = {}
        for st in r.statements:
            for m in pattern.finditer(st.words[-24:]):
                index.setdefault(m.group(), []).append(st)
        r._nouns = index  # noqa: SLF001
    return r._nouns  # noqa: SLF001


def _slot_options(
    r: Reader, nouns: tuple[str, ...], *, change: bool, ratio: bool
) -> list[Statement]:
    out: list[Statement] = []
    index = _noun_index(r)
    seen: set[int] = set()
    pool = sorted((st for n in nouns for st in index.get(n, ())), key=lambda st: st.index)
    for st in pool:
        if st.index in seen:
            continue
        seen.add(st.index)
        words = st.words[-24:]
        if ratio:
            if (st.role in ("rate", "ratio", "ratio_other") or "/" in st.unit) and any(
                (words.endswith((n, n + "为", n + "是")) or n in words[-10:])
                # 出生人口性别比 is not the population's 性别比
                and not any(m in words[max(0, words.rfind(n) - 6) : words.rfind(n)]
                            for m in _NARROWERS)
                for n in nouns
            ):  # fmt: skip
                out.append(st)
            continue
        if not st.is_level or st.found.reported.is_ratio or st.in_parens:
            continue
        at = max(words.rfind(n) for n in nouns)
        if at < 0:
            continue
        # 男性人口 is not 人口; 城镇人口 neither: the noun must not be narrowed before it
        if any(m in words[max(0, at - 6) : at] for m in _NARROWERS):
            continue
        if change:
            incs = [r.statements[c] for c in st.children if r.statements[c].role == "increment"]
            if incs:
                out.append(incs[0])
            continue
        out.append(st)
    return out


_NARROWERS = ("男性", "女性", "城镇", "乡村", "劳动年龄", "及以上", "流动", "分离", "出生", "死亡")


# --- changes of the parts of a partition; implied bases (P16) ---------------------


def _partition_changes(r: Reader) -> None:
    """A partition whose whole and parts each print an increment: the increments add up."""
    seen: set[tuple[int, ...]] = set()
    for total, parts, closed, how in r.partitions:
        known = _holds(total, parts, closed, how)
        if known is None:
            continue
        incs = [_increment(r, s) for s in (total, *parts)]
        if any(i is None for i in incs):
            continue
        key = tuple(i.index for i in incs if i is not None)
        if key in seen:
            continue
        seen.add(key)
        signed = [("+" if i.direction == "up" else "-") + " " + fid(i) for i in incs[1:] if i]
        left = " ".join(signed).lstrip("+ ").strip()
        if left.startswith("- "):
            left = "-" + left[2:]
        whole_inc = incs[0]
        assert whole_inc is not None
        right = fid(whole_inc) if whole_inc.direction == "up" else f"-{fid(whole_inc)}"
        r.add(
            Candidate(
                Formula("x", f"{left} = {right}"),
                "partition_change",
                known,
                tuple(r.span("increment", i) for i in incs if i is not None),
                "the changes of the parts of a partition add up to the whole's",
                whole_inc.start,
            )
        )


def _holds(total: Statement, parts: list[Statement], closed: bool, how: str) -> str | None:
    """How strongly a partition is known, for readings that build on it (None: not)."""
    if _adds_up(total, parts):
        return "stated"
    if closed:
        return how
    if sum(_value(p) for p in parts) == _value(total):
        return "inferred"  # 8103万 + 16524万 = 24627万 at face value
    return None


def _adds_up(total: Statement, parts: list[Statement]) -> bool:
    exact = all(p.found.reported.exact for p in parts) and total.found.reported.exact
    return exact and sum(_value(p) for p in parts) == _value(total)


def _increment(r: Reader, st: Statement) -> Statement | None:
    for c in st.children:
        child = r.statements[c]
        if child.role == "increment":
            return child
    return None


def _relative(r: Reader, st: Statement) -> Statement | None:
    for c in st.children:
        child = r.statements[c]
        if child.role == "change" and child.found.reported.unit in ("%", "倍"):
            return child
    return None


def _previous_shares(r: Reader) -> None:
    """A share, its change in 个百分点, and the changes of its part and whole: last year's share.

    ``城镇常住人口83137万人，比上年末增加1790万人；…总人口139538万人，比上年末增加530万人；
    城镇化率为59.58%，比上年末提高1.06个百分点``: (83137 − 1790) / (139538 − 530) is 58.52%.
    """
    for part, whole, share, strength in r.shares:
        gap = next(
            (r.statements[k] for k in range(share.index + 1, min(len(r.statements), share.index + 3))  # noqa: E501
             if r.statements[k].role == "gap" and r.statements[k].sentence == share.sentence),
            None,
        )  # fmt: skip
        if gap is None or gap.direction is None:
            continue
        dp, dw = _increment(r, part), _increment(r, whole)
        if dp is None or dw is None:
            continue

        def before(level: Statement, inc: Statement) -> str:
            return f"{fid(level)} {'-' if inc.direction == 'up' else '+'} {fid(inc)}"

        sign = "-" if gap.direction == "up" else "+"
        expr = f"({before(part, dp)}) / ({before(whole, dw)}) = {fid(share)} {sign} {fid(gap)}"
        r.add(
            Candidate(
                Formula("x", expr),
                "previous_share",
                strength,
                (
                    r.span("share", share),
                    r.span("gap", gap),
                    r.span("part change", dp),
                    r.span("whole change", dw),
                ),
                "last year's share from the changes of part and whole",
                gap.start,
            )
        )


_LARGEST_WORD = re.compile(r"第一|最多|最高|居首")
_LARGEST_NOUN = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,8}?)(?:占比量|占比|数量|案件量|人数)?$")


def _largest(r: Reader) -> None:
    """``在…各类…案件中，民事案件占比量第一``: that part is the largest of its list."""
    clean = r.text.clean
    closed_lists = sorted(
        ((parts[-1].end, total, parts) for total, parts, closed, _ in r.partitions
         if closed and parts),
        key=lambda x: x[0],
    )  # fmt: skip
    ends = [e for e, _, _ in closed_lists]
    for w in _LARGEST_WORD.finditer(clean):
        m = _LARGEST_NOUN.search(clean, max(0, w.start() - 14), w.start())
        if m is None:
            continue
        noun = m.group("noun")[-4:]
        lo, hi = bisect_left(ends, w.start() - 400), bisect_left(ends, w.start() + 2000)
        for _end, total, parts in closed_lists[lo:hi]:
            if total.start > w.start():
                continue
            named = [p for p in parts if noun in p.words[-12:]]
            if len(named) != 1:
                continue
            others = [p for p in parts if p is not named[0]]
            expr = f"{fid(named[0])} = max({', '.join(fid(p) for p in parts)})"
            r.add(
                Candidate(
                    Formula("x", expr),
                    "largest",
                    "stated",
                    (
                        ("第一", m.start(), w.end()),
                        r.span("largest", named[0]),
                        *(r.span("other", p) for p in others),
                    ),
                    f"“{clean[m.start() : w.end()]}”: the largest of the list",
                    m.start(),
                )
            )
            break


def _implied_bases(r: Reader) -> None:
    """同比 on the parts and the whole (P16): the implied earlier values add up too."""
    for total, parts, closed, how in r.partitions:
        known = _holds(total, parts, closed, how)
        if known is None:
            continue
        changes = [_relative(r, s) for s in (total, *parts)]
        if any(c is None for c in changes):
            continue

        def base(st: Statement, ch: Statement) -> str:
            sign = "+" if ch.direction == "up" else "-"
            return f"{fid(st)} / (1 {sign} {fid(ch)})"

        left = " + ".join(base(p, c) for p, c in zip(parts, changes[1:], strict=True) if c)
        first = changes[0]
        assert first is not None
        expr = f"{left} = {base(total, first)}"
        if total.unit.endswith("元"):
            # 增加值 and 生产总值 grow 按可比价格计算 (in real terms): their printed values
            # are current prices, so the implied earlier values need not add up
            known = "inferred"
        r.add(
            Candidate(
                Formula("x", expr),
                "implied_bases",
                known,
                tuple(r.span("change", c) for c in changes if c is not None),
                "同比 of the parts and of the whole: the earlier values add up too",
                first.start,
            )
        )


# --- nested selections ---------------------------------------------------------------


def _selections(r: Reader) -> None:
    """从 N 件…中筛选出 M 件 (和 K 件): each chosen set within the one it is chosen from."""
    clean = r.text.clean
    for st in r.statements:
        if not st.is_level or not clean[max(0, st.start - 3) : st.start].rstrip().endswith("从"):
            continue
        end = r.text.sentence_of(st.end).end
        m = re.search(
            r"中\s*(?:筛选|遴选|挑选|选取|评选|选出)(?:推荐)?出?",
            clean[st.end : min(end, st.end + 60)],
        )
        if not m:
            continue
        source = st
        for other in r.forward(st, end):
            if other.start >= st.end + m.end() and other.is_level and other.unit == st.unit:
                r.add(
                    Candidate(
                        Subset("x", fid(other), fid(source)),
                        "selection",
                        "stated",
                        (
                            r.span("whole", source),
                            ("筛选", st.end + m.start(), st.end + m.end()),
                            r.span("part", other),
                        ),
                        f"selected from {source.found.reported.printed}",
                        other.start,
                    )
                )
                source = other  # 100件…和10件: the second from the first (2905 → 100 → 10)
