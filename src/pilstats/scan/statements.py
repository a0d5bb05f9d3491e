"""Statements: what each figure says, read from the words of its clause.

For every figure :func:`read_statements` decides its *role* — a level (共立案14397件),
a share (占立案总数的54.96%), a relative or absolute change (同比上升76.7% /
比上年末增加530万人), a gap in 个百分点, a named rate (不捕率为55.2%), a ratio
(性别比为104.64) — from the words right before it, and records what a reader uses to
relate it to others: its predicate (受理, 审结, 起诉 …, with its class), its noun
(公益诉讼案件, 城镇常住人口 …), a total cue (共, 合计 …), the year it is about, whether
it follows 分别, the whole a share names, the name of a rate, and the *host* a share or
change is attached to (the level figure of the same statement).

Each figure looks at a bounded window of text (its clause, at most :data:`WINDOW`
characters back), so reading is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pilstats.figure import Qualifier
from pilstats.scan.figures import Found
from pilstats.scan.lexicon import Lexicon
from pilstats.scan.text import Span, Text

__all__ = ["WINDOW", "Statement", "read_statements"]

WINDOW = 60
"""How far back (characters) a figure's words are read."""

_PARENS = re.compile(r"[（(][^（()）]{0,200}[）)]")
_SHARE = re.compile(
    r"(?:(?P<bare>占比|所占比重|所占比例|比重|比例)|占(?!比)(?P<np>[^占，。；0-9]{0,30}?)(?:的)?"
    r"(?:比重|比例)?)(?:共|合计|均)?(?:为|是|达到?|约为|共达)?$"
)
_CHANGE = re.compile(
    r"(?P<dir>负增长|上升|增长|增加|提高|增产|增收|增支|净增加|净增|下降|减少|降低|下滑|回落|减产|减收|减支|净减少|净减|增幅为?|降幅为?"
    r"|(?<=[比较])[^，,。；;0-9]{1,10}?(?:多|少))(?:了)?(?:达)?$"
)  # 下降为20159件 (fell to) is a level: only 增幅为 / 降幅为 name the change
_RATE = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,8}率)(?:占比|为|是|达到?|均为|分别为)?$")
_RATIO = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,6}比)(?:为|是)$")
# a year, not one compared with (比2022年), the start or the end of a span (2019年至2021年),
# nor the start of a running total (2016年以来)
_YEAR = re.compile(
    r"(?<![比较与从])(?<!年至)(?<!年到)(?<!年—)(?<!年-)(?<!年–)"
    r"(?P<year>(?:19|20)\d{2})年(?!\s*[至到—–-])(?!以来|来)"
)
_RELATIVE_YEARS = ("今年", "去年", "本年", "上年", "当年", "同年")
_MONTHS = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})(?:月份?)?(?:至|到|—|-|–)(?:(?:19|20)\d{2}年)?(?P<b>\d{1,2})月"
)
_ONE_MONTH = re.compile(r"(?<![\d.\-—–至到])\d{1,2}月(?:份)?(?:当月|单月)")
_YEAR_WORDS = re.compile(r"(?:19|20)\d{2}年(?:末|底|度)?|\d{1,2}月(?:份)?|\d{1,2}日")
_CONNECTORS = re.compile(
    r"^(?:[，,、；;：:\s]|其中|此外|另外|同时|以及|及|和|与|并|还|共|合计|累计|全年|"
    r"全国|全省|全市|全区|依法|各类|分别|经审查|其中：)+"
)
_STRIP_END = re.compile(r"(?:的|了|为|达|有|共|约|近|超过|超|逾|不足|是|等)+$")
_UP = ("上升", "增长", "增加", "提高", "增产", "增收", "增支", "增幅", "净增")
_NAMED_PROPORTION = re.compile(r"(?<![占其所])[\u4e00-\u9fff]{2,8}(?<!的)(?<!占)(?<!所)$")
_AVERAGE_CHANGE = re.compile(r"(?:年均|平均每年|年平均|平均)(?:分别)?$")
# 比去年90.78万件减少…, 较2018年的1363人上升…: the figure named after 比 is the earlier value
_PREVIOUS = re.compile(
    r"(?:比|较|同比|环比)(?P<when>去年|上年|前一年|上年同期|去年同期|上周|上月|上季度|上季|上一季度"
    r"|上年末|年初|(?P<year>(?:19|20)\d{2})年(?:同期|末|底)?)"
    r"(?:的)?$"
    # 与2010年（第六次全国人口普查）的133972万人相比
    r"|与(?:去年|上年|上年同期|去年同期|(?P<year2>(?:19|20)\d{2})年)[^，,。；;0-9]{0,16}的$"
    # 97件134人，去年同期为197件375人: last year's values, printed after this year's
    r"|(?:去年|上年|前一年)(?:同期)?(?:为|是|有)$"
    # 比2010年第六次人口普查的133972万人: the earlier value, named at length
    r"|(?:比|较)(?![重例率])(?:(?P<year3>(?:19|20)\d{2})年)?[^，,。；;0-9比较]{2,16}的$"
)


@dataclass(slots=True)
class Statement:
    """One figure and what its words say about it."""

    index: int
    found: Found
    sentence: Span
    clause: Span
    paragraph: int
    lead: str
    context: str
    words: str = ""
    role: str = "level"
    direction: str | None = None
    predicate: str | None = None
    pred_class: str | None = None
    noun: str = ""
    total_cue: bool = False
    respectively: bool = False
    year: int | None = None
    months: tuple[int, int] | None = None
    in_parens: bool = False
    share_np: str | None = None
    name: str | None = None
    host: int | None = None
    companion_of: int | None = None
    base: int | None = None
    inherited: bool = False
    additive: bool = True
    children: list[int] = field(default_factory=list)
    start: int = 0
    end: int = 0
    unit: str = ""

    def __post_init__(self) -> None:
        """Copy the figure's place and unit, read many times by the rules."""
        self.start, self.end = self.found.start, self.found.end
        self.unit = self.found.reported.unit

    @property
    def is_level(self) -> bool:
        """A count or measure stated for itself (not a share, change, rate)."""
        return self.role == "level"


def _strip(lead: str) -> str:
    return _PARENS.sub("", lead)


def read_statements(text: Text, found: list[Found], lex: Lexicon) -> list[Statement]:
    """Read every figure's statement, then attach shares and changes to their hosts."""
    clean = text.clean
    newlines = [m.start() for m in _NEWLINE.finditer(clean)]
    out: list[Statement] = []
    for i, f in enumerate(found):
        clause = text.clause_of(f.start)
        sentence = text.sentence_of(f.start)
        lo = max(clause.start, f.start - WINDOW)
        previous = out[-1] if out else None
        if previous is not None and previous.end > lo:
            lo = previous.end
        lead = clean[lo : f.start]
        context = clean[max(sentence.start, f.start - 2 * WINDOW) : f.start]
        st = Statement(i, f, sentence, clause, bisect_right(newlines, f.start), lead, context)
        st.in_parens = _in_parens(clean, max(sentence.start, f.start - WINDOW), f.start)
        st.words = _strip(clean[max(clause.start, f.start - 5 * WINDOW) : f.start])[-WINDOW:]
        _classify(st, previous, lex)
        if (
            st.role == "level"
            and st.unit in ("项", "个")
            and st.found.reported.numeral[:1] in _CHINESE_DIGITS
            and clean.startswith(_LABELS, f.end)
        ):
            st.role = "kinds"  # 四项指标分别下降…: how many indicators follow, no count
        if st.role == "level" and _COMPARED_WITH.match(clean, f.end) and "与" in lead:
            st.role = "previous"  # 与第五次全国人口普查的总人口126583万人相比: the earlier value
        st.additive = _additive(st, previous, clean, lex)
        # the rest has been read; keep what the relations look at, and memory low
        st.context = st.context[-40:] if st.found.reported.is_ratio else ""
        st.lead = st.lead[-30:]
        if st.inherited and previous is not None:
            st.words = previous.words
        elif st.is_level and st.predicate and not st.noun:
            # 共批准逮捕侵害未成年人犯罪53286人，提起公诉67103人: the noun is shared
            for before in reversed(out[-12:]):
                if before.sentence != st.sentence:
                    break
                if before.is_level and before.noun and before.predicate:
                    st.noun = before.noun
                    st.words = st.words + "|" + before.noun
                    break
        out.append(st)
    _attach(out, [m.start() for m in _SEMICOLON.finditer(clean)], clean)
    return out


_REST = re.compile(r"(?:剩下|剩余|其余|余下)(?:的)?(?:部分)?占?$")
_CHINESE_DIGITS = "一二两三四五六七八九十"  # a count written in words: 五类, 四项
_LABELS = ("指标", "措施", "任务", "工作", "制度", "举措")
_COMPARED_WITH = re.compile(r"\s*(?:相比|相较|比较)")
_SECOND_CHANGE = re.compile(r"(?:多增|少增|多减|少减|多降|少降)(?:了)?$")
_THRESHOLD = re.compile(r"(?:突破|跨越|跨上|迈上|迈过|站上|跃上)(?:了)?$")
_NEWLINE = re.compile("\n")
_SEMICOLON = re.compile("[；;]")
_BOUND_AFTER = ("以上", "以下", "以内", "及以上", "及以下")


def _additive(st: Statement, previous: Statement | None, clean: str, lex: Lexicon) -> bool:
    """Whether the figure is an amount that parts add up to.

    Not so for an intensive quantity (单产每公顷4582公斤, 人均结案274件, a quotient unit
    公斤/亩) or a bound (300件以上, 超过300件的法院): such a figure is never a total or a part.
    """
    if st.inherited and previous is not None:
        return previous.additive
    if "/" in st.unit or clean.startswith(_BOUND_AFTER, st.end):
        return False
    over = (Qualifier.EXCEEDING, Qualifier.OVER, Qualifier.UNDER, Qualifier.BEYOND)
    if st.found.reported.qualifier in over and (
        clean.startswith("的", st.end)
        or (
            # 3省均超100万件, 7省超过50万件: a threshold the provinces pass
            previous is not None
            and previous.clause == st.clause
            and previous.unit != st.unit
            and st.lead.strip(" ") in ("", "均", "都", "均已", "已")
        )
        # 12家企业营业收入超过1亿元; 丽江玉龙雪山、昆明石林…等景区接待人数超过4000人: each
        # of the subjects passes it
        or (previous is not None and previous.clause == st.clause and previous.unit != st.unit)
        or "等" in st.lead
    ):
        return False  # 结案超过300件的法院: a threshold that picks out courts
    return lex.any_of(lex.intensive).search(st.lead) is None


_SHARE_SUBJECT = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,8}?)(?:所占比重|所占比例|占比|比重|比例)")
_NOT_NOUNS = ("分别", "其中", "合计", "共计", "均", "约", "总体", "整体")


def _own_noun(st: Statement, host: Statement) -> bool:
    """Whether a bare share names a subject of its own that its host's words do not."""
    m = _SHARE_SUBJECT.search(st.lead)
    if m is None:
        return False
    noun = m["noun"]
    for w in _NOT_NOUNS:
        noun = noun.replace(w, "")
    return len(noun) >= 2 and noun[-4:] not in host.words


def _in_parens(clean: str, lo: int, pos: int) -> bool:
    opened = max(clean.rfind("（", lo, pos), clean.rfind("(", lo, pos))
    closed = max(clean.rfind("）", lo, pos), clean.rfind(")", lo, pos))
    return opened > closed


def _classify(st: Statement, previous: Statement | None, lex: Lexicon) -> None:
    reported = st.found.reported
    lead = _strip(st.lead).strip()
    tail = lead.rstrip(" 　")
    years = list(_YEAR.finditer(st.context))
    st.year = int(years[-1]["year"]) if years else None
    own = st.context[-30:]
    relative = max(own.rfind(w) for w in _RELATIVE_YEARS)
    if relative >= 0 and (not years or years[-1].start() < len(st.context) - len(own) + relative):
        st.year = None  # 2022年…，今年1月至9月: the later year is one the text does not print
    # 2019年1-7月，…24050家，…5331.4亿元: a span of months opens its sentence; a single
    # month named after it (7月当月) closes it
    spans = list(_MONTHS.finditer(st.context))
    m = spans[-1] if spans else None
    if m is not None and _ONE_MONTH.search(st.context, m.end()):
        m = None
    st.months = (int(m["a"]), int(m["b"])) if m else None
    st.respectively = "分别" in lead
    # a figure right after another in the same clause, joined only by 、 和 及 or nothing,
    # continues the previous one's statement (46件96人; 42.6%和43%; 分别为a、b、c)
    rest = lead.strip(" 、，,和及与")
    joined = (
        previous is not None
        and previous.clause == st.clause
        and (
            rest == ""
            or (
                # a mirror's injected junk inside a 分别为 list (分别为54954人、未成73998人)
                previous.respectively
                and len(rest) <= 4
                and not any(ch.isdigit() for ch in rest)
                and lead.lstrip(" ")[:1] in "、，,和及与"
                and previous.unit == reported.unit
            )
        )
    )
    if joined and previous is not None:
        st.inherited = True
        st.respectively = previous.respectively
        if (
            previous.found.reported.unit != reported.unit
            and previous.is_level
            and (lead.strip() == "")
        ):
            st.companion_of = (
                previous.companion_of if previous.companion_of is not None else (previous.index)
            )
        st.role, st.direction, st.name = previous.role, previous.direction, previous.name
        st.share_np, st.predicate, st.pred_class = (
            previous.share_np,
            previous.predicate,
            previous.pred_class,
        )
        st.noun, st.total_cue = previous.noun, previous.total_cue
        said = _CHANGE.search(rest)
        if said and st.role in ("change", "increment", "gap"):
            st.direction = _direction(said["dir"])  # 分别下降38.6%、上升2.8%
        return
    ratio_unit = reported.is_ratio
    unit = reported.unit
    if unit in ("个百分点", "百分点", "个千分点", "千分点"):
        m = _CHANGE.search(tail)
        st.role = "gap"
        st.direction = _direction(m["dir"]) if m else None
        return
    if ratio_unit:
        m = _RATE.search(tail)
        if m and unit in ("%", "‰") and not tail.endswith(("比重", "比例")):
            st.role = "rate"  # 不捕率占比55.2%: a named rate, whatever verb follows it
            st.name = m["name"]
            return
        m = _SHARE.search(tail)
        if m and unit in ("%", "‰", "成") and m["bare"] in ("比例", "比重"):
            named = _NAMED_PROPORTION.search(tail[: m.start()])
            if named is not None:
                # 优良天数比例为87.5%: the proportion of what its own words name, not a
                # share of the figure before it
                st.role = "ratio_other"
                st.name = named.group() + m["bare"]
                return
        if m and unit in ("%", "‰", "成"):
            st.role = "share"
            np = m.group("np")
            st.share_np = np.strip() if np and np.strip() else None
            return
        m = _RATE.search(tail)
        if m and unit in ("%", "‰"):
            st.role = "rate"
            st.name = m["name"]
            return
        m = _CHANGE.search(tail)
        if m and unit in ("%", "倍", "成") and _AVERAGE_CHANGE.search(tail[: m.start()]):
            st.role = "ratio_other"  # 年均增长5.2%: a compound rate, not one year's change
            return
        if m and unit in ("%", "倍", "成"):
            st.role = "change"
            st.direction = _direction(m["dir"])
            return
        m = _RATIO.search(tail)
        if m and unit == "":
            st.role = "ratio"
            st.name = m["name"]
            return
        st.role = "ratio_other"
        return
    if _SECOND_CHANGE.search(tail):
        # 比年初增加1468.96亿元，同比少增1520.7亿元: a change of an increment, which is no
        # amount: it is neither a part nor a whole, and may exceed the figures around it
        st.role = "second_change"
        return
    if _THRESHOLD.search(tail):
        st.role = "bound"  # 出口首次突破3000亿元，达3080.3亿元: a mark passed, not an amount
        return
    m = _PREVIOUS.search(tail)
    if m:
        st.role = "previous"
        year = m["year"] or m["year2"] or m["year3"]
        st.year = int(year) if year else None
        return
    m = _CHANGE.search(tail)
    if m:
        st.role = "increment"
        st.direction = _direction(m["dir"])
        return
    if unit in ("类", "种") and reported.numeral[:1] in _CHINESE_DIGITS:
        st.role = "kinds"  # 五类犯罪: how many kinds a list names, not a count of cases
        return
    st.total_cue = lex.any_of(lex.total_cues).search(lead) is not None
    found = lex.predicate(lead)
    if found is not None:
        st.predicate, at = found
        st.pred_class = lex.classes[st.predicate]
        noun = lead[at:]
        for form, canonical in lex.forms:
            if canonical == st.predicate and noun.startswith(form):
                noun = noun[len(form) :]
                break
        st.noun = _noun(noun)
        if not st.noun:
            st.noun = _noun(lead[:at])[-12:]
    else:
        st.noun = _noun(lead)[-16:]


def _noun(words: str) -> str:
    """The noun of a statement: its words without connectors, dates and particles."""
    return _STRIP_END.sub("", _CONNECTORS.sub("", _YEAR_WORDS.sub("", words))).strip(" ，,、")


def _direction(word: str) -> str:
    if word.endswith("多"):
        return "up"  # 比上年多1284万元
    if word.endswith("少"):
        return "down"
    return "up" if word.startswith(_UP) else "down"


def _attach(statements: list[Statement], semicolons: list[int], clean: str) -> None:
    """Attach each share, change, rate to the level statement it qualifies (its host).

    The host is the nearest level figure before it in the same sentence that is not
    inside parentheses; a 分别 list of shares or changes attaches element-wise to the
    list of levels just before (see :mod:`pilstats.scan.relations`).
    """
    last_level: Statement | None = None
    before_last: Statement | None = None
    in_parens: Statement | None = None  # the last level inside the current parentheses
    for st in statements:
        if st.is_level and not st.in_parens:
            if last_level is None or st.companion_of is None:
                before_last, last_level = last_level, st
            in_parens = None
            continue
        if (
            st.role in ("share", "ratio_other")
            and st.found.reported.unit in ("%", "‰")
            and st.lead.strip() == "的"
            and last_level is not None
            and before_last is not None
            and before_last.sentence == st.sentence
            and before_last.unit == last_level.unit
        ):
            # 收入完成24627万元，完成年初预算数60999万元的40.4%，比上年减收1070万元: the
            # share is of the subject over the base, and what follows is the subject's
            st.role, st.base, st.host = "share", last_level.index, before_last.index
            before_last.children.append(st.index)
            last_level = before_last
            continue
        if st.is_level:
            if in_parens is None or st.companion_of is None:
                in_parens = st
            continue
        # 占常住人口的70.40%（其中：15—59岁人口为2254.31万人，占常住人口的64.77%）
        host = in_parens if st.in_parens and in_parens is not None else last_level
        if host is not None and st.role == "share" and not st.share_np and _own_noun(st, host):
            continue  # 办结74617件，办结率87%，诉讼案件占比84%: a share of another part
        if st.role == "share" and _REST.search(st.lead):
            continue  # …1004535起，仅占38.3%，剩下占61.7%的报警…1616453起: the rest's share
        if host is not None and st.role == "share" and "其中" in clean[host.end : st.start]:
            continue  # …30757亿元…，其中，文化传播渠道…占比为11.9%: a member printed without amount
        if not st.in_parens:
            in_parens = None
        if st.role in ("share", "change", "increment", "gap", "ratio_other", "previous") and (
            host is not None
            and host.sentence == st.sentence
            # 增加79千公顷；夏杂粮面积增加约73千公顷: a new subject after ；
            and not (
                st.role in ("change", "increment")
                and bisect_left(semicolons, host.end) < bisect_left(semicolons, st.start)
            )
        ):
            st.host = host.index
            host.children.append(st.index)
