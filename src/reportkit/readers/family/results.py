"""Last year's outcomes, read from the review's prose.

Every report states them, in sentences rather than lists: "全年地区生产总值增长6.3%，规上工业
增加值增长5.7%，……城乡居民人均可支配收入分别增长8.7%、9.8%". For the core indicators this
reads, per indicator, the level ("达到12814.6亿元") and the growth ("增长8.1%", negative for
下降/回落) stated next to its name, the "A、B、C分别增长x、y、z" lists, and the joint 城乡 name.
Figures of another scope are left alone: five-year and two-year averages, quarters, a year
other than the one reviewed, districts ("其中……").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...clean import LazyRe
from ...model import Pos, Result
from ...registry import Registry, builtin

#: The indicators read from prose (registry keys).
KEYS = ("gdp", "industry", "fai", "retail", "revenue", "fiscal_total", "income", "urban_income",
        "rural_income", "cpi", "unemployment", "surveyed_unemployment", "new_jobs")
_NUM = r"\d+(?:\.\d+)?"
_LEVEL_RE = LazyRe(rf"^[^，；。\d突超跨迈跃]{{0,8}}?(?:达到|达|为|实现|完成|是)?"
                   rf"({_NUM})(万亿元|亿元|万元|元|万人|人|万个|%)")
#: What may stand before the level in a later comma part of a name's figures ("，达到……"):
#: any other words name something else ("新增城镇就业岗位14万个，下岗再就业5.8万人").
_LATER_LEVEL_LEAD_RE = LazyRe(r"^(?:全年|预计|总量|总额|规模)?(?:达到|达|为|实现|完成|是|共)?(?:约)?\d")
_GROWTH_RE = LazyRe(rf"(增长|下降|上涨|增加|回落|提高)(?:（[^（）]{{0,12}}）)?约?({_NUM})%")
#: Words just before a name that make its figure another scope (or not an outcome).
_NOT_BEFORE_RE = LazyRe(r"(?:年均|平均|五年|两年|三年|累计|季度|上半年|前三|目标|力争|确保|计划|"
                        r"预期|人均|单位|万元|每|占|比重|超过|高于|低于|十[一二三四五]五|翻|来源于)"
                        r"[^，；。]{0,6}$")
#: A comma part that ends the figures of the name before it.
_OTHER_SCOPE_RE = LazyRe(r"年均|平均|两年|三年|五年|累计|季度|上半年|其中|比20\d\d年|翻")
_YEAR_RE = LazyRe(r"(?<!\d)(19|20)\d\d(?=年)")
#: Indicators that are rates: their stated percentage is the level, not a growth.
_RATES = ("unemployment", "surveyed_unemployment")
_LEVELS_GAP_RE = LazyRe(rf"(?:为|达到|达|分别为|分别达到|完成|实现|分别完成)?"
                        rf"((?:{_NUM}(?:万元|元|亿元|万人)[和、及]?)+)[，,]?")
_CONTINUES_RE = LazyRe(r"^(?:比上年|同比|增加|提高|增长|下降|回落|上涨|按可比价|可比|同口径|实际|"
                       r"扣除|剔除)")
_REACHED_RE = LazyRe(rf"(?<=[、，])(?:达到|达)({_NUM})(万亿元|亿元|万元|元|万人|人)")
_TWO_RATES_RE = LazyRe(rf"{_NUM}%[和、及]{_NUM}%")
_THRESHOLD_RE = LazyRe(r"^(?:突破|超过|首次突破|跨过|迈上)")
_SHARED_RATES_RE = LazyRe(rf"(?:分别)?(?:实际|名义)?(?:比上年|同比)?增长((?:{_NUM}%[和、及])+{_NUM}%)")
_RESPECTIVE_RE = LazyRe(r"分别(?:比上年|同比|实际)?(增长|下降|达到|达|为|实现|完成|上涨)")


@dataclass
class _Hit:
    key: str
    name: str
    start: int
    end: int


_NAMES: re.Pattern | None = None


def _names_re() -> re.Pattern:
    """Every built-in indicator's names, longest first (so "A、B、C分别增长x、y、z" counts all
    three names, though only the indicators of KEYS are read); compiled once."""
    global _NAMES
    if _NAMES is None:
        names = {n for ind in builtin() for n in ind.names if len(n) >= 3 or n == "GDP"}
        names |= {"城乡居民人均可支配收入", "城乡居民收入", "城乡居民人均收入"}
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        _NAMES = re.compile(rf"(?:全[省市区州县盟旗]|我[省市区州]|本[省市区]|全年)?({alt})")
    return _NAMES


def read_results(text: str, registry: Registry, reviewed: int | None,
                 pos: Pos | None = None, seen: set[str] | None = None) -> list[Result]:
    """The core outcomes a paragraph states: for each indicator its level and its growth, each
    read once (``seen`` holds what was read from earlier paragraphs, as "gdp.level",
    "gdp.growth"; it is updated): a level stated after the rate, in a later sentence, is read
    then ("全区生产总值……分别增长16.6%" and, later, "全社会固定资产投资达540亿元")."""
    seen = set() if seen is None else seen
    rx = _names_re()
    out: list[Result] = []
    # web copies space and widen their numbers: "增长 10. 5％" is "增长10.5%"
    text = re.sub(r"[ \u3000]+", "", text).replace("％", "%").replace("．", ".")
    for sentence in _sentences(text):
        if _other_year(sentence, reviewed):
            continue
        hits = _hits(sentence, rx, registry)
        out += _respective(sentence, hits, seen, pos)
        mine: list[Result] = []
        for i, hit in enumerate(hits):
            if _done(hit.key, seen) or hit.key not in KEYS or \
                    _NOT_BEFORE_RE.search(sentence[max(0, hit.start - 8):hit.start]):
                continue
            stop = hits[i + 1].start if i + 1 < len(hits) else len(sentence)
            r = _take(_figures(hit, sentence[hit.end:stop], pos, reviewed), seen)
            if r is not None:
                mine.append(r)
        out += _shared_rates(sentence, mine, hits)
        out += _resident_groups(sentence, seen, pos)
    return out


def _done(key: str, seen: set[str]) -> bool:
    """Whether both the level and the growth of an indicator (a rate's level) were read."""
    return f"{key}.level" in seen and (key in _RATES or f"{key}.growth" in seen)


def _take(r: Result | None, seen: set[str]) -> Result | None:
    """The figures of a result not read before (None when it holds nothing new); noted."""
    if r is None:
        return None
    level = r.level if f"{r.indicator}.level" not in seen else None
    growth = r.growth if f"{r.indicator}.growth" not in seen else None
    if level is None and growth is None:
        return None
    seen.update(f"{r.indicator}.{f}" for f, x in (("level", level), ("growth", growth))
                if x is not None)
    if (level, growth) == (r.level, r.growth):
        return r
    return Result(indicator=r.indicator, level=level, growth=growth, name=r.name, pos=r.pos)


def _shared_rates(sentence: str, found: list[Result], hits: list[_Hit] | None = None
                  ) -> list[Result]:
    """"城镇居民人均可支配收入10766元，农村居民人均纯收入3520元，分别实际增长10.2%和6.8%": the
    rates after 分别 go, in order, to the names stated with a level before it (any indicator:
    "规模以上工业总产值1745.5亿元、规模以上工业增加值581.5亿元，分别增长27.4%和20.2%"), else to
    the last results read without one."""
    m = _SHARED_RATES_RE.search(sentence)
    if not m:
        return found
    rates = re.findall(rf"({_NUM})%", m.group(1))
    levelled = [h for h in hits or () if h.end <= m.start() and re.match(
        rf"(?:完成|实现|达到|达|为)?{_NUM}(?:万亿元|亿元|万元|元|万人|人)", sentence[h.end:])]
    if len(rates) >= 2 and len(levelled) == len(rates):
        rate_of = {h.key: Decimal(rate) for h, rate in zip(levelled, rates)}
        return [Result(indicator=r.indicator, level=r.level, growth=rate_of[r.indicator],
                       name=r.name, pos=r.pos)
                if r.growth is None and r.level is not None and r.indicator in rate_of and
                r.indicator not in _RATES else r for r in found]
    waiting = [i for i, r in enumerate(found)
               if r.growth is None and r.level is not None and r.indicator not in _RATES]
    if len(rates) < 2 or len(waiting) < len(rates):
        return found
    out = list(found)
    for i, rate in zip(waiting[-len(rates):], rates):
        out[i] = Result(indicator=out[i].indicator, level=out[i].level, growth=Decimal(rate),
                        name=out[i].name, pos=out[i].pos)
    return out


_RESIDENTS_RE = LazyRe(rf"(?:城镇|城市)(?:常住)?居民[、和及](?:农村(?:常住)?居民|农民)(?:、[^、，；。]{{2,8}})*"
                       rf"人均(?:可支配|纯)收入分别(?:比上年|同比)?(?:实际)?增长({_NUM})%[、和]({_NUM})%")


def _resident_groups(sentence: str, seen: set[str], pos: Pos | None) -> list[Result]:
    """"城镇居民、农村居民、低收入农户人均可支配收入分别增长4.4%、6.7%、12.1%": the first two
    are the urban and the rural income."""
    m = _RESIDENTS_RE.search(sentence)
    if not m:
        return []
    found = [_take(Result(indicator=key, growth=Decimal(g), pos=pos or Pos()), seen)
             for key, g in (("urban_income", m.group(1)), ("rural_income", m.group(2)))]
    return [r for r in found if r is not None]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！])", text) if s.strip()]


def _other_year(sentence: str, reviewed: int | None) -> bool:
    """A sentence about another year ("2010年……") than the one reviewed."""
    if reviewed is None:
        return False
    # a year compared with ("是2006年的2.6倍", "比2010年") is not what the sentence is about
    annual = re.search(r"比上年|同比", sentence)  # the sentence states the year's change
    years = {int(m.group()) for m in _YEAR_RE.finditer(sentence)
             if not (annual and re.match(r"年的[\d.]+倍|年(?:增长|翻)", sentence[m.end():])) and
             not re.search(r"(?:比|较|与|同|由|从)$", sentence[:m.start()])}
    return bool(years) and reviewed not in years


def _hits(sentence: str, rx: re.Pattern, registry: Registry) -> list[_Hit]:
    hits = []
    for m in rx.finditer(sentence):
        name = m.group(1)
        if name.startswith("城乡"):
            key = "urban_income"
        else:
            ind = registry.find(name)
            if ind is None:
                continue
            key = ind.key
        hits.append(_Hit(key, name, m.start(), m.end()))
    return hits


def _figures(hit: _Hit, span: str, pos: Pos | None, reviewed: int | None = None) -> Result | None:
    """Level and growth stated right after a name, up to the next name."""
    if hit.name.startswith("城乡"):
        return None  # a joint name states its figures with 分别 (read there)
    span = re.sub(r"（[^（）\d]{0,12}）", "", span)  # （预计，下同）
    # "由134.5亿元增加到343.1亿元": the level reached, not the one it started from
    span = re.sub(rf"^(?:由|从)(?:(?:19|20)\d\d年(?:末)?的?|[^，；。\d]{{1,10}}?)?"
                  rf"{_NUM}(?:万亿元|亿元|万元|元|万人|人)"
                  rf"(?:增加|增长|提高|上升|提升)?(?:到|至)(?:(?:19|20)\d\d年(?:末)?的?)?",
                  "达到", span)  # "从2015年的958.5亿元增加到2020年的1425.7亿元"
    # "2011年达到4243.4亿元": the year reviewed, named before the figure; a part opening on
    # another year ("2015年为7.5万亿元") is that year's
    parts = []
    for p in re.split(r"[，,]", span):
        y = re.match(r"^((?:19|20)\d\d)年(?:全年)?", p)
        parts.append(p if y is None else p[y.end():] if reviewed in (None, int(y.group(1)))
                     else "〔" + p)
    level = growth = None
    for j, part in enumerate(parts[:4]):
        if j and level is None and growth is None and (_THRESHOLD_RE.match(parts[j - 1]) or
                                                       re.search(r"(?:以上|多)$", parts[j - 1])):
            pass  # "突破1000亿元，达1069.34亿元": the threshold before is no figure
        elif j and (level is not None or growth is not None) and \
                not _CONTINUES_RE.match(part):
            break  # the figures of this name end where no rate or increase follows
        if _TWO_RATES_RE.search(part):
            break  # "增长9.4%和11.6%" belongs to the names before: _shared_rates
        if j and _OTHER_SCOPE_RE.search(part):
            break
        if j == 0 and _OTHER_SCOPE_RE.search(part[:6]) and not (
                hit.key == "cpi" and part.startswith("累计")):  # CPI "累计上涨2.2%": the year's
            return None
        if "分别" in part:
            break  # the rates after 分别 are shared out by _shared_rates
        if level is None and growth is None:
            m = _LEVEL_RE.match(part)
            reached = _REACHED_RE.search(part) if m is None else None
            if reached and re.search(r"突破|超过|跨越|迈上|跃上", part[:reached.start()]):
                level = Decimal(reached.group(1))  # "率先突破三千亿元、达到3010.08亿元"
            elif m and re.match(r"^(?:过|突破|超过|迈上|跨上|跃上|站上|迈过|首次突破)", part) or m and \
                    part[m.end():].startswith(("以上", "以下", "多", "台阶", "大关", "级")):
                pass  # "1万亿元以上，达到11330.68亿元": a threshold, the figure follows
            elif j and m and not _LATER_LEVEL_LEAD_RE.match(part):
                pass
            elif m and m.group(2) != "%" or m and hit.key in _RATES:
                level = Decimal(m.group(1))
            elif m and hit.key == "cpi" and not _GROWTH_RE.search(part) and \
                    Decimal(m.group(1)) < 50:  # "居民消费价格涨幅2.1%"
                growth = Decimal(m.group(1))
            elif m and hit.key == "cpi" and 90 <= Decimal(m.group(1)) <= 130:
                level = Decimal(m.group(1))  # an index: "居民消费价格指数为103.9%"
        if growth is None and hit.key not in _RATES:
            g = _GROWTH_RE.search(part)
            if g and not _OTHER_SCOPE_RE.search(
                    part[:g.start()].replace("累计", "") if hit.key == "cpi" else part[:g.start()]):
                growth = Decimal(g.group(2))
                if g.group(1) in ("下降", "回落"):
                    growth = -growth
        if growth is not None:
            break
    if level is None and growth is None:
        return None
    return Result(indicator=hit.key, level=level, growth=growth,
                  name="" if hit.name in ("", _canonical(hit.key)) else hit.name,
                  pos=pos or Pos())


def _canonical(key: str) -> str:
    """The built-in name of an indicator."""
    return next((ind.name for ind in builtin() if ind.key == key), key)


def _respective(sentence: str, hits: list[_Hit], seen: set[str],
                pos: Pos | None) -> list[Result]:
    """"A、B、C分别增长x%、y%、z%" and "城乡居民人均可支配收入分别增长x%、y%"."""
    out: list[Result] = []
    for m in _RESPECTIVE_RE.finditer(sentence):
        before = [h for h in hits if h.end <= m.start()]
        group: list[_Hit] = []
        levels: list[str] = []
        for h in reversed(before):  # the names joined by 、 和 及 right before 分别
            gap = sentence[h.end:(group[0].start if group else m.start())]
            stated = None if group else _LEVELS_GAP_RE.fullmatch(gap)
            if stated:  # "城乡居民人均可支配收入37342元和14656元，分别增长6.7%和6.6%"
                levels = re.findall(rf"{_NUM}", stated.group(1))
            elif group and not re.fullmatch(r"[、和及与](?:(?:城镇|城市)(?:常住)?(?:居民)?[和、及与])?",
                                            gap) or \
                    not group and not re.fullmatch(r"[^，。；\d]{0,4}", gap):
                break
            group.insert(0, h)
        # "城乡居民人均可支配收入分别…", "城镇和农村居民人均可支配收入分别…", also at the end
        # of a longer list ("GDP、……、城镇和农村居民人均可支配收入同比分别增长……")
        group = [x for h in group for x in (
            [_Hit("urban_income", "", h.start, h.start), _Hit("rural_income", "", h.start, h.end)]
            if h.name.startswith("城乡") or h.key == "rural_income" and re.search(
                r"(?:城镇|城市)(?:常住)?(?:居民)?[和、及与]$", sentence[:h.start]) else [h])]
        if len(group) < 2:
            continue
        tails = re.split(r"[，；。]", sentence[m.end():])
        values = re.findall(rf"({_NUM})(%|万亿元|亿元|万元|元|万人|人)", tails[0])
        if levels and len(levels) == len(group) == len(values):
            for h, lv, (rate, _) in zip(group, levels, values):
                if h.key in KEYS:
                    r = _take(Result(indicator=h.key, level=Decimal(lv),
                                     growth=-Decimal(rate) if m.group(1) == "下降" else
                                     Decimal(rate), pos=pos or Pos()), seen)
                    out += [r] if r is not None else []
            continue
        if len(values) != len(group):
            continue
        down = m.group(1) == "下降"
        rates = re.findall(rf"({_NUM})%", tails[1]) if len(tails) > 1 and \
            re.match(r"^(?:分别)?(?:比上年|同比)?(?:实际|名义)?增长", tails[1]) else []
        if len(rates) == len(group) and all(u != "%" for _, u in values):
            values = [(n, u, r) for (n, u), r in zip(values, rates)]  # "分别为A元和B元，增长x%和y%"
        else:
            values = [(n, u, None) for n, u in values]
        for h, (num, unit, rate) in zip(group, values):
            if _done(h.key, seen) or h.key not in KEYS:
                continue
            n = Decimal(num)
            if unit == "%" and h.key not in _RATES:
                r = Result(indicator=h.key, growth=-n if down else n, pos=pos or Pos())
            elif unit != "%":
                r = Result(indicator=h.key, level=n, growth=Decimal(rate) if rate else None,
                           pos=pos or Pos())
            else:
                continue
            r = _take(r, seen)
            out += [r] if r is not None else []
    return out
