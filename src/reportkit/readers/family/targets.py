"""The clauses of a main target list, in any phrasing the family uses.

Inside a list that a report introduces as its main targets ("主要预期目标是："), a clause is a
target whatever its indicator: "实际利用外商直接投资增长5%", "户籍人口自然增长率控制在10‰以内",
"城镇居民人均可支配收入和农村居民人均纯收入均增长11%", "增长5%-5.5%", "不低于6%", and items
without a number ("居民收入增长与经济增长同步" is qualitative; a known indicator named with no
number is "not stated"). The strict reader (readers/figures.py) is tried first, since its
targets regenerate the source exactly; this one takes what it leaves, always keeping the
source's words in ``text``.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import replace
from decimal import Decimal

from ... import vocab as v
from ...clean import LazyRe
from ...model import Indicator, Pos, Target, Value
from ...registry import Registry, normalize_name
from ..figures import Found, covers, parse_target, split_keep, split_top
from . import patterns as pt

_NUM = r"\d+(?:\.\d+)?"
_QUALS = "|".join(sorted((q for q in v.QUALIFIERS if q not in v.PREFIX_QUALIFIERS), key=len,
                         reverse=True))
_PRE = "|".join(v.PREFIX_QUALIFIERS)
#: One stated value: optional prefix qualifier, number, unit, optional range end, qualifier.
VALUE_RE = LazyRe(rf"({_PRE})?({_NUM})\s*(%|‰|个百分点|[^\d\s，、；。：（）()%‰和及与]{{0,6}}?)"
                  rf"(?:\s*[-—–~～至到]\s*({_NUM})\s*(?:%|‰|[^\d\s，、；。：（）()%‰]{{0,5}}?))?"
                  rf"({_QUALS})?(?=$|[，、；。和及与（(）),;]|[的和])")
#: A name followed at once by its number: "城镇登记失业率4.6%左右".
_CONTINUATION_RE = LazyRe(r"^(?:力争|确保|争取|尽|努力(?!实现)|总量|总额|规模(?!以上)|年均|比(?!重)|同比|较|高于|低于|按|可比|"
                          r"达到|突破|增速|增幅|增长|下降|降低|提高|控制|保持|以上|左右|并|且|"
                          r"同时|分别|均|占|（|\(|\d(?![\d.]*(?:万元|亿元|千万元|万)?以上[\u4e00-\u9fff]{2}))")
_NAME_NUMBER_RE = LazyRe(r"^[\u4e00-\u9fffA-Za-z（）()]{2,30}?\s*(?:不低于|不超过|不高于)?\d")
#: ("增加值", "降低率", "削减量" end names, not the verbs 增加, 降低, 削减; "下达" is no verb 达)
_VERB_RE = LazyRe("(?<!下)(?:" + "|".join(sorted(pt.VERBS, key=len, reverse=True)) +
                  ")(?!值|率|量)")
_LEAD_RE = LazyRe(rf"^(?:{'|'.join(sorted(pt.LEAD_WORDS, key=len, reverse=True))})+")
_ENSURE_STRIVE_RE = LazyRe(r"(确保|力争|争取|努力)")
_GROUP_LEAD_RE = LazyRe(r"^[^，；。：]{2,20}[。：:]")
#: An item without a number is a target only when it says what is to be reached.
_QUALITATIVE_RE = LazyRe(r"同步|完成|下达|控制|保持|稳定|持续|改善|提高|基本|平衡|实现|达到|不低于|"
                         r"不超过|以内|好转|下降|降低|增长|提升|有效|壮大|提质|提效|稳中|向好|前列|领先|持平|"
                         r"高于|快于|跑赢|平均水平")
#: Where an item without a verb of VERBS says what becomes of its names ("新型消费、升级消费
#: 持续壮大", "金融财政风险有效防范", "利用外资稳中提效").
_PREDICATE_RE = LazyRe(r"持续|有效|稳中|稳步|进一步|保持|完成|基本|明显|促稳|继续|持平|稳定")
#: An item measured against something else (or by words) is qualitative, not "not stated".
_RELATIVE_RE = LazyRe(r"同步|高于|低于|持平|相当|匹配|相适应|平均|快于|慢于|与|跑赢|不低于|不超过|以内|下达|"
                      r"省定|国定|标准|范围|目标|要求|任务|稳步|稳定|持续|明显|较快|有所|正增长|稳中|"
                      r"[百千万亿]")  # (and an amount in words: "达到千亿以上规模")
#: Words that open a task, not an indicator's name ("推进36个项目", "建好200个站点").
_ACTION_RE = LazyRe(r"^(?:推进|建好|建成|建设|实施|开工|打造|培育|引进|争创|创建|启动|加快|新建|改造|"
                    r"完善|深化|开展|组织|落实|办好)")
#: The two sides of a joint name ("城镇和农村居民…").
_SIDES = ("城镇", "城市", "农村", "农民")
_MEASURE_TAIL_RE = LazyRe(r"(?:上涨幅度|增长幅度|涨幅|增幅|增速|幅度|总水平|上涨|增长)$")
_NAME_TAIL_RE = LazyRe(r"(?:比上年|同比|年均|比去年|较上年|全年)$")


#: A full stop between a number and its qualifier ("6.6％。以内"), a typo of the source.
_STRAY_STOP_RE = LazyRe(r"([%‰％])。(以内|以上|以下|左右)")


def split_clauses(text: str, registry: Registry | None = None) -> list[str]:
    """A list's text as clauses, each with its closing punctuation (joined, they give the text
    back): at ； and 。 outside brackets, then at ， where the part after it names an indicator
    of its own ("……增长7%，……增长8%" is two; "……增长6%左右，确保总量突破6万亿元" is one)."""
    out: list[str] = []
    parts = split_keep(text, "；;。")
    for i in range(len(parts) - 1, 0, -1):  # "控制在6.6%。以内；": one clause
        if _STRAY_STOP_RE.search(parts[i - 1][-2:] + parts[i][:2]):
            parts[i - 1:i + 1] = [parts[i - 1] + parts[i]]
    if len(parts) > 1 and _GROUP_LEAD_RE.fullmatch(parts[0]) and not re.search(r"\d", parts[0]):
        parts = [parts[0] + parts[1], *parts[2:]]  # "——保持经济平稳较快增长。全省生产总值……"
    for part in parts:
        cur = ""
        commas = split_keep(part, "，")
        # "A 435亿元、B 163亿元，分别增长22%、20%" stays whole
        commas = [q for i, c in enumerate(commas) for q in (
            [c] if i + 1 < len(commas) and commas[i + 1].startswith(("分别", "均")) else
            _enumeration(c))]
        for p in commas:
            if cur and _starts_clause(p, registry):
                out.append(cur)
                cur = p
            else:
                cur += p
        if cur:
            out.append(cur)
    return out


def _enumeration(part: str) -> list[str]:
    """A comma part that lists whole targets with 、 ("能耗降低7%以上、化学需氧量排放强度控制在
    1.55千克以内") as its pieces; any other part whole ("分别增长8%、9%", "A、B增长7%")."""
    pieces = split_keep(part, "、")
    out = [pieces[0]]
    for p in pieces[1:]:
        if _names_something(out[-1]) and not _CONTINUATION_RE.match(p) and _names_something(p):
            out.append(p)
        else:
            out[-1] += p
    return out


def _starts_clause(text: str, registry: Registry | None) -> bool:
    """A comma part that opens a clause: not a continuation of the one before ("力争8%",
    "增长15%以上", "确保总量突破……"), and either naming something with a number or an
    indicator the registry knows."""
    body = text.strip()
    if _CONTINUATION_RE.match(body):
        return False
    if _names_something(body):
        return True
    if not re.search(r"\d", body) and (len(body) <= 16 or _done_objects(body) or (
            len(body) <= 26 or _listed_aim(body)) and _QUALITATIVE_RE.search(body)):
        return True  # an item of its own without a number ("疫情零发生")
    if registry is not None:
        body = _LEAD_RE.sub("", body)
        return any(registry.find(body[:end]) for end in range(min(len(body), 16), 1, -1))
    return False


def _names_something(text: str) -> bool:
    """A comma part that starts a clause of its own: a name, a verb and a number."""
    body = _LEAD_RE.sub("", text.strip())
    if re.match(r"总量|总额|规模(?!以上)|其中|年均", body):  # the name before it, again
        return False
    if _NAME_NUMBER_RE.match(body):
        return True
    m = _VERB_RE.search(body)
    return bool(m and m.start() >= 2 and re.search(r"\d", body[m.end():m.end() + 12]) and
                not re.search(r"[，；。]", body[:m.start()]))


def qualitative(clause: str, registry: Registry, pos: Pos | None = None) -> Found | None:
    """An item of a list without a number, as a qualitative target (None for debris and for
    the list's asides: "同时，", "在实际工作中争取更好结果")."""
    text = clause.strip().strip("，；。 ")
    if pt.INTRO_RE.search(clause) or len(re.findall(r"[\u4e00-\u9fff]", text)) < 4 or \
            re.search(r"\d", text) or \
            pt.FILLER_RE.search(_LEAD_RE.sub("", text)) or len(text) > 30:
        return None
    head = _head(text)
    names = _done_objects(text) or (_qualitative_names(head, registry) if head else [])
    founds = [_make(n, None, clause.strip(), registry, pos) for n in names] or \
        [_make(_LEAD_RE.sub("", text)[:12] or text[:12], None, clause.strip(), registry, pos)]
    return joined(founds)


def _done_objects(text: str) -> list[str]:
    """"全面完成年度节能减排降碳约束性目标和环境质量改善目标": the aims an item opening on
    完成 names, when each is a 目标/指标/任务 of its own ([] otherwise: "完成国家和自治区下达的
    其它约束性指标" is one)."""
    m = re.match(r"(?:全面|确保|坚决)?(?:完成|实现|落实)", text)
    if not m:
        return []
    rest = text[m.end():].strip("，；。 ")
    if "的" in rest:  # "完成省下达的A指标和B目标": what follows 下达的
        rest = rest[rest.rfind("的") + 1:]
    objects = [p for p in re.split(r"[、和及]", rest) if p]
    if len(objects) > 1 and all(re.search(r"(?:目标|指标|任务)$", p) for p in objects):
        return objects
    return []


def _head(text: str) -> str:
    """The words before an item's verb (or its predicate, when it has no verb of VERBS)."""
    ends = [m.start() for rx in (_VERB_RE, _PREDICATE_RE) for m in rx.finditer(text)
            if m.start() >= 2]
    return text[:min(ends)] if ends else ""


def _qualitative_names(head: str, registry: Registry) -> list[str]:
    """The indicators an item without a number speaks of, one target each: "城镇调查失业率、
    居民消费价格指数控制在省定范围内" is about two; "固定资产投资、外贸出口等主要指标" about the
    two it names; a collective with 等 is one ("节能减排、环境保护等约束性指标"); what follows 与/同
    is the measure, not a name ("财政收入、城乡居民收入与经济同步")."""
    # 与 is the measure ("财政收入与经济同步") unless it joins two names of a 、 list
    # ("节能减排、大气与水环境质量、耕地保护")
    cut = r"与|和(?=经济|地区生产总值|生产总值|GDP)|同(?!口径)|比上年" if "、" not in head else \
        r"与(?=[^、]*(?:同步|相适应|相匹配|持平|一致|相当|经济))|同(?!口径)|比上年"
    head = re.split(cut, head)[0]
    if re.search(r"等[^、和及]*$", head):
        return [re.sub(r"等$", "", head)]  # "青海湖、龙羊峡等重点湖库水质": one aim
    head = re.sub(r"(?:进一步|继续|持续|稳步|逐步|明显|大幅|有所|基本|全面|实际)+$", "", head)
    if re.match(r"(?:全面|确保|坚决)?(?:完成|实现|落实|达到)", head):
        return [_LEAD_RE.sub("", head)]  # "完成国家和自治区下达的…": one aim, not a list of names
    if re.search(r"\d", head):
        return []
    if head.startswith("城乡") and not re.search(r"、|和|及", head) or \
            re.match(r"(?:城镇|城市)和农村", head):
        return [head]  # "城乡居民收入增长与经济增长同步", "城镇和农村居民…稳步增长": one aim
    names = _names(head, registry, joint=True)
    if len(names) > 1 and all(len(n) >= 2 for n in names) and \
            not any(c in n for n in names for c in "，；。的") and \
            not (min(len(n) for n in names) <= 2 and len(names[-1]) >= 4) and \
            len(names[-1]) > 2:  # "粮食播种面积和产量": one aim sharing its head
        # (a two-character part beside a long last one shares its tail: "长江、黄河、澜沧江
        # 省境内干流"; "大气、水环境质量": one aim)
        return names
    return [head] if len(names) > 1 else names


def joined(founds: list[Found], words: str | None = None) -> Found | None:
    """Several Founds of one item as one: the first target holds the words (``words``, else its
    own), the others (and whatever rode with them) follow in its ``more`` without words; the
    spec-local indicators of all are kept. None when none of them holds a target."""
    founds = [f for f in founds if f.item is not None]
    if not founds:
        return None
    items = [t for f in founds for t in (f.item, *f.item.more)]
    head = founds[0]
    head.item = replace(items[0], text=items[0].text if words is None else words,
                        more=tuple(replace(t, text="", more=()) for t in items[1:]))
    known = {n.key for n in head.new_indicators}
    for f in founds[1:]:
        head.new_indicators += [i for i in f.new_indicators if i.key not in known]
        known |= {i.key for i in f.new_indicators}
    head.exact = False
    return head


def parse_clause(clause: str, registry: Registry, pos: Pos | None = None) -> list[Found]:
    """One clause of a main list as targets (several for "A和B均增长X", "A、B分别增长X、Y").

    [] when the clause is not a target. Each target keeps the clause's words in ``text``
    unless the strict reader regenerates them exactly."""
    text = re.sub(r"&permil[;；]?", "‰", re.sub(r"[ \u3000]+", "", clause.strip()))
    text = html.unescape(text).strip("，；。,; ").replace("％", "%")
    text = _STRAY_STOP_RE.sub(r"\1\2", text)  # "控制在6.6%。以内": a typo, not a sentence end
    lead = _GROUP_LEAD_RE.match(text)
    if lead and re.search(r"\d", text[lead.end():]):
        text = text[lead.end():]  # "经济支撑型指标夯实厚度。地区生产总值增长7%左右"
    if not text or len(text) > 120 or _ACTION_RE.match(_LEAD_RE.sub("", text)):
        return []
    plan = re.match(r"(?:预期|预计)(?=[\u4e00-\u9fff])", text)  # "预期国内生产总值增长11%"
    strict = parse_target(text[plan.end():] if plan else text, registry, pos, clause=True)
    if strict.item is not None and strict.exact and not lead and not plan:
        return [strict]
    liberal = _liberal(text, clause.strip(), registry, pos)
    if strict.item is not None and _count(liberal) <= 1 + len(strict.item.more) and not (
            liberal and any(q in text for q in v.PREFIX_QUALIFIERS)):  # 不超过3% is the liberal's
        # the strict reading holds as much: it keeps the registry's names and measures
        strict.item = replace(strict.item, text=clause.strip())
        strict.exact = False
        return [strict]
    return liberal


def _count(founds: list[Found]) -> int:
    return sum(1 + len(f.item.more) for f in founds if f.item is not None)


def _liberal(text: str, words: str, registry: Registry, pos: Pos | None) -> list[Found]:
    # figures in brackets are of sub-areas or notes ("增长7.5%（州直增长10.3%、……）")
    text = re.sub(r"[（(](?![^（）()]*(?:力争|确保|争取))[^（）()]*\d[^（）()]*[）)]", "", text)
    if pt.NOT_STATED_RE.search(text):
        name = _name_before(text, pt.NOT_STATED_RE.search(text).start())
        return [_make(name, None, words, registry, pos, stated=False)] if name else []
    # "地区生产总值增速高于全省1个百分点，按增长7%以上安排": the number it is planned at
    text = re.sub(r"(?:增速|增长)?(?:略高于|高于|快于)[^，；。]*[，,]按(?:增长)?(?=\d)", "增长",
                  text)
    text = re.sub(r"(?<=[%‰])(?:左右|以上)?安排$", lambda m: m.group()[:-2], text)
    respective = _respective_levels(text, words, registry, pos)
    if respective:
        return respective
    values = list(VALUE_RE.finditer(text))
    values = [m for m in values if not _is_year(text, m)]
    if not values:
        return _no_number(text, words, registry, pos)
    first = values[0]
    verb = None
    for m in _VERB_RE.finditer(text[:first.start() + len(first.group(1) or "")]):
        if m.start() >= 2:  # a verb opening the clause ("实现地区生产总值…") is a lead word
            verb = m
    head_end = verb.start() if verb else first.start()
    head = text[:head_end]
    ensure_strive = [m for m in _ENSURE_STRIVE_RE.finditer(text)
                     if m.start() >= head_end - 2 or m.start() == 0]  # "确保生产总值增长11%以上"
    verb_word = verb.group() if verb else ""
    names = _names(head, registry, verb_word.startswith(("分别", "均")) or len(values) > 1 or
                   "、" in head or bool(re.search(r"均(?:实际|名义)?$", head)))
    # ("地区生产总值、人均GDP、全员劳动生产率增长7%", "A和B均实际增长8%")
    if not names:
        return []
    if verb_word.startswith("分别") or len(names) > 1 and len(values) == len(names):
        pairs = list(zip(names, values)) if len(values) == len(names) else \
            [(n, values[0]) for n in names] if len(values) == 1 else []  # one value for all
        if not pairs:
            return []
        out = [_make(n, {"value": v}, words, registry, pos, verb_word)
               for (n, _), v in zip(pairs, _framed(text, [m for _, m in pairs], verb_word))]
    elif not ensure_strive and len(names) == 1 and _level_and_rate(values):
        level, rate = _level_and_rate(values)  # "360亿元，按可比价增长7.5%"
        head = _make(names[0], {"value": _val(rate)}, words, registry, pos, "增长")
        extra = _make(names[0], {"value": _val(level)}, "", registry, pos, "达到")
        out = [joined([head, extra]) if head.item is not None else head]
    else:
        roles = _roles(text, values, ensure_strive)
        out = [_make(n, roles, words, registry, pos, verb_word) for n in names]
        used = {id(m) for m in values if _val(m) in roles.values()}
        extra = [m for m in values if id(m) not in used and m.group(3) not in ("%", "‰", "")]
        if len(names) == 1 and len(extra) == 1 and out[0].item is not None:
            # "确保增长14%、力争达到15%以上，突破3000亿元": the level beside the rate
            level = _make(names[0], {"value": _val(extra[0])}, "", registry, pos, "达到")
            out[0] = joined([out[0], level])
    out = [f for f in out if f.item is not None]
    items = [t for f in out for t in (f.item, *f.item.more)]
    shown = "".join(t.name or registry.get(t.indicator).name for t in items)
    if out and not covers(shown + " ".join(_shown(t) for t in items), _strip_marks(text)):
        return []  # numbers the targets would not hold: leave the clause as text
    return out


_RESPECTIVE_RE = LazyRe(r"^(?P<list>[^，,；。]+)[，,]分别(?P<verb>增长|增加|提高|下降|降低)(?P<vals>.+)$")


def _respective_levels(text: str, words: str, registry: Registry, pos: Pos | None) -> list:
    """"财政总收入435亿元、公共财政预算收入163亿元，分别增长22%、20%": each name its level and
    its rate ([] for any other clause)."""
    m = _RESPECTIVE_RE.match(text)
    if not m:
        return []
    pieces = split_top(m.group("list"), "、")
    rates = [r for r in VALUE_RE.finditer(m.group("vals")) if not _is_year(m.group("vals"), r)]
    if len(pieces) < 2 or len(rates) != len(pieces):
        return []
    out = []
    for piece, rate in zip(pieces, rates):
        level = next(iter(VALUE_RE.finditer(piece)), None)
        names = _names(piece[:level.start()], registry) if level else []
        if level is None or level.end() != len(piece) or len(names) != 1:
            return []
        head = _make(names[0], {"value": _val(rate)}, words, registry, pos, m.group("verb"))
        extra = _make(names[0], {"value": _val(level)}, "", registry, pos, "达到")
        if head.item is None or extra.item is None:
            return []
        out.append(joined([head, extra]))
    return out


def _framed(text: str, values: list, verb: str) -> list[tuple]:
    """The values of a 分别 list as _val gives them, except that "控制在3%和3.2%以内" frames
    every value as a ceiling (a closing 以内/以下 after 控制在 is each value's; "增长8%、10%以上"
    stays as written)."""
    vals = [_val(m) for m in values]
    closing = vals[-1][2] if len(vals) > 1 and "控制在" in verb else ""
    if closing in ("以内", "以下") and not any(v[2] for v in vals[:-1]) and all(
            re.fullmatch(r"[和、及与]?", text[a.end():b.start()])
            for a, b in itertools.pairwise(values)):
        return [(num, unit, closing, high) for num, unit, _, high in vals]
    return vals


def _level_and_rate(values: list) -> tuple | None:
    """(level, rate) when a clause states an amount and then a rate of growth."""
    if len(values) == 2 and values[0].group(3) not in ("%", "‰", "个百分点", "") and \
            values[1].group(3) == "%":
        return values[0], values[1]
    return None


def _strip_marks(text: str) -> str:
    return re.sub(r"\[\^[^\]]*\]", "", text)


def _shown(t: Target) -> str:
    parts = []
    for val in (t.ensure, t.strive, t.value):
        if val is not None:
            parts.append(f"{val.number} {val.high if val.high is not None else ''}")
    return " ".join(parts)


def _is_year(text: str, m: re.Match) -> bool:
    """"2024年" and "十四五" numbers are not values."""
    unit = m.group(3) or ""
    return unit.startswith(("年", "月", "日", "个月", "季度")) and not unit.startswith("年均")


def _roles(text: str, values: list, marks: list) -> dict:
    """Which value is 确保 and which 力争 ("确保6.5%、力争7%"), else the first one alone."""
    # the values of the unit the first mark speaks of ("完成1910亿元，增长15%以上，力争达到17%")
    unit = next((m.group(3) for m in values if marks and m.start() >= marks[0].end()),
                values[0].group(3))
    same = [m for m in values if m.group(3) == unit]
    if marks and len(values) >= 2 and len(same) < 2:
        # "增长9%左右、力争超过1.6万亿元": a rate and a level, not 确保 and 力争 of one
        return {"value": _val(values[0])}
    values = same  # "确保增长14%、力争达到15%以上，突破3000亿元": the level rides along
    if marks and len(values) >= 2:
        roles: dict = {}
        if values[0].start() < marks[0].start() and marks[0].group() != "确保":
            roles["ensure"] = _val(values[0])  # "增长11%，力争12%": the first is the floor
        for mk in marks:
            after = [m for m in values if m.start() >= mk.end()]
            if after:
                key = "ensure" if mk.group() == "确保" else "strive"
                roles.setdefault(key, _val(after[0]))
        if roles:
            return roles
    if marks and marks[0].group() in ("确保", "力争") and len(values) == 1 and \
            marks[0].end() <= values[0].start():  # not "增长4.5%左右、力争更好结果"
        return {"ensure" if marks[0].group() == "确保" else "strive": _val(values[0])}
    return {"value": _val(values[0])}


def _val(m: re.Match) -> tuple:
    """(number, unit, qualifier, high) from a VALUE_RE match."""
    qual = m.group(1) or m.group(5) or ""
    high = Decimal(m.group(4)) if m.group(4) else None
    return Decimal(m.group(2)), (m.group(3) or "").strip(), qual, high


def _names(head: str, registry: Registry | None = None, joint: bool = False) -> list[str]:
    """The indicator names a clause's head holds: "A和B均" → [A, B]; "A、B分别" → [A, B]."""
    head = re.sub(r"[（(][^（）()]*[）)]", "", _LEAD_RE.sub("", head.strip()))
    head = re.sub(r"(?:在|比|较)\d{4}年(?:的)?(?:基础上)?(?:累计)?", "", head)  # a base year
    head = _LEAD_RE.sub("", re.sub(r"^.*\d{4}年", "", head))  # "初步安排2014年全市……"
    head = re.sub(r"(?:稳定|持续|继续|保持)$", "", head)  # "环境质量综合指数稳定达到85"
    head = re.sub(r"(?:均|分别|都|各|要|将|预期|预计|力争|确保|争取|努力|实际|在)+$", "", head)
    head = _NAME_TAIL_RE.sub("", head).strip("，、 ")
    if registry is not None:  # "居民消费价格上涨幅度" is the registered 居民消费价格
        bare = _MEASURE_TAIL_RE.sub("", head)
        if bare != head and registry.find(bare) is not None:
            head = bare
    if not head or any(c in head for c in pt.NOT_IN_NAME) or \
            len(head) > (60 if re.search(r"[、和及]", head) else 30) or \
            _ACTION_RE.match(head):
        return []
    head = head.replace("一、二、三产业", "一二三产业")
    head = re.sub(r"^主要污染物(?=[^、和及]{3,}[、和及])", "", head)  # "主要污染物化学需氧量和氨氮…"
    parts = [p for p in re.split(r"、|和|及", head) if p]
    share = re.search(r"(?:增加值)?(?:所?占|在)[^、和及]{1,16}(?:比重|比例)$", parts[-1]) \
        if parts else None
    if len(parts) > 1 and share and joint and not any("占" in p for p in parts[:-1]):
        # "新经济、绿色经济、制造业占地区生产总值比重分别…": each a share of the same
        parts = [p + share.group() for p in parts[:-1]] + [parts[-1]]
    if len(parts) > 1:  # "常住人口和户籍人口城镇化率": the shared tail after the shared word
        last = parts[-1]
        parts = [p + _tail_after(p, last) for p in parts[:-1]] + [last]
    if len(parts) > 1 and parts[-1][:2] in _SIDES:  # "城镇和农村居民人均可支配收入"
        shared = parts[-1][2:]
        parts = [p + shared if p in _SIDES else p for p in parts]
    if len(parts) > 1 and all(len(p) >= 2 for p in parts) and (joint or all(
            registry.find(p) is not None for p in parts)):
        if head.startswith("城乡") and len(parts) == 1 and not re.search(r"之比|比值|倍差|差距", head):
            return ["城镇" + head[2:], "农村" + head[2:]]
        return parts
    if head == "一二三产业" or head == "一二三产业增加值":  # "一二三产业分别增长…"
        return [f"第{n}产业{head[5:]}" for n in "一二三"]
    if head.startswith("城乡") and "收入" in head and not re.search(r"之比|比值|倍差|差距|比$", head):
        return ["城镇" + head[2:], "农村" + head[2:]]  # (not "城乡居民收入之比": one ratio)
    return [head] if len(head) >= 2 else []


def _tail_after(part: str, last: str) -> str:
    """The measure a list's last name adds after the word it shares with ``part``: "城镇化率"
    for "常住人口" in "常住人口和户籍人口城镇化率"; "" when there is none."""
    at = last.find(part[-2:]) if len(part) >= 3 else -1
    tail = last[at + 2:] if at > 0 else ""
    if not tail or part.endswith(tail) or not re.fullmatch(
            r"[\u4e00-\u9fff]{0,6}(?:率|量|额|值|收入|比重|比例|占比|指数|价格|水平)", tail):
        return ""
    return tail


def _name_before(text: str, end: int) -> str:
    names = _names(text[:end], None)
    return names[0] if names else ""


def _no_number(text: str, words: str, registry: Registry, pos: Pos | None) -> list[Found]:
    """An item with no number: a known indicator is "not stated"; else qualitative (a list's
    own opening, "其他预期目标是，", is neither)."""
    if pt.INTRO_RE.search(words):
        return []
    head = _head(text)
    names = _done_objects(text) or _qualitative_names(head, registry)
    if len(names) == 1 and registry.find(names[0]) is not None and \
            registry.find(names[0]).kind in ("growth", "ceiling") and \
            not _RELATIVE_RE.search(text[text.find(names[0]) + len(names[0]):]):
        return [_make(names[0], None, words, registry, pos, stated=False)]
    if len(text) < 4 or len(text) > 40 and not _listed_aim(text) or \
            not _QUALITATIVE_RE.search(text) or pt.FILLER_RE.search(_LEAD_RE.sub("", text)):
        return []
    return [_make(n, None, words, registry, pos) for n in names or [_LEAD_RE.sub("", text)[:12]]]


def _listed_aim(text: str) -> bool:
    """A long item without a number that lists what it speaks of before a short predicate:
    "城镇新增就业、粮食产量、空气和水环境质量……等完成省定目标"."""
    head = _head(text)
    return "、" in head and len(text) - len(head) <= 20 and len(text) <= 80


def _make(name: str, roles: dict | None, words: str, registry: Registry, pos: Pos | None,
          verb: str = "", stated: bool = True) -> Found:
    """A Target (and the spec-local indicator it needs) from a name and its values."""
    ind = registry.find(name)
    new: list[Indicator] = []
    if ind is None:
        kind = "ceiling" if verb in pt.CEILING_VERBS else "growth" if verb in pt.GROWTH_VERBS \
            or verb in pt.DOWN_VERBS else "level"
        key = normalize_name(name)
        unit = ""
        if roles and kind == "level":
            unit = next(iter(roles.values()))[1]
        ind = Indicator(key=key, name=name, unit=unit, kind=kind)
        new.append(ind)
    vals = {}
    measure = ""
    if roles:
        unit0 = next(iter(roles.values()))[1]
        measure = _measure(verb, unit0, ind)
        default = v.PERCENT if measure == "growth" else ind.unit
        for key, (number, unit, qual, high) in roles.items():
            vals[key] = Value(number, qual, None if unit == default else unit, high=high)
    target = Target(indicator=ind.key, name="" if name == ind.name else name,
                    measure="" if not measure or measure == ind.kind else measure,
                    text=words,
                    stated=stated, pos=pos or Pos(), **vals)
    return Found(target, exact=False, new_indicators=new)


def _measure(verb: str, unit: str, ind: Indicator) -> str:
    if verb in pt.CEILING_VERBS:
        return "ceiling"
    if verb in pt.GROWTH_VERBS:
        return "growth" if unit in ("%", "") else "level"
    if verb in pt.DOWN_VERBS:  # "能耗下降3%": the number is the fall, a level to reach
        return "level"
    if unit == "%" and ind.kind in ("growth", "ceiling"):
        return ind.kind
    return "level"
