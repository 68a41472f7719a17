"""Reading the numbers of a report back: "——" result and target lines into Result / Target.

The parse is deliberately loose; what makes it safe is the check that follows. Each candidate
structure is turned back into a sentence with :mod:`reportkit.wording`, and the structure is
kept bare only when that sentence equals the source exactly. Otherwise the numbers are kept
*and* the source wording goes into ``text`` (which the linter checks against the numbers), so
nothing is dropped or silently re-worded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import islice, product

from .. import vocab as v
from ..clean import LazyRe
from ..model import Comparison, Indicator, Pos, Result, Target, Value
from ..registry import Registry, normalize_name
from ..wording import measure_unit, result_sentence, target_sentence

_NUM = r"-?\d+(?:\.\d+)?"
_QUALS = "|".join(sorted(v.QUALIFIERS, key=len, reverse=True))
#: number, unit (short, no punctuation), qualifier; the whole string.
VALUE_RE = LazyRe(rf"^({_NUM})([^\d\s，、；。：（）()%]{{0,5}}?|%)({_QUALS})?$")
_GROWTH_RE = LazyRe(rf"^(增长|下降)(?:（([^（）]*)）)?({_NUM})%$")
_LEVEL_RE = LazyRe(rf"^(为|实现|达到|达)?({_NUM})([^\d\s，、；。：（）()]{{0,5}})$")
_AGAINST_TARGET_RE = LazyRe(r"^(超过|低于|达到|完成)年初(?:预期)?目标(?:（([^（）]+)）)?(.*)$")
# Built from the words wording.py writes, so the reader follows the vocabulary.
_CEILING_MET_RE = LazyRe(rf"^{v.CEILING_MET}(.+)$")
_CEILING_MISSED_RE = LazyRe(rf"^{v.CEILING_MISSED}（([^（）]+)）(.*)$")
_COMPARE_RE = LazyRe(rf"^(高于|低于)(.+?)({_NUM})(个百分点|[^\d\s，、；。]{{0,4}})$")
_EQUAL_RE = LazyRe(r"^与(.+?)持平$")
_UNKNOWN_NAME_RE = LazyRe(r"^([\u4e00-\u9fffA-Za-z]{2,16}?)(?=为|实现|达到|达|增长|下降|确保|力争|控制在|"
                          r"保持在|稳定在|提高|提升|上升|上涨|降至|降低|减少|超过|超|突破|不低于|不超过|不高于|均|"
                          r"年均|比上年|比去年|在上年|-?\d)")
_MEASURES = ("", "growth", "level", "ceiling")
#: 确保/力争 written before the indicator's name instead of before its value.
_LEAD_WORD_RE = LazyRe(r"^(确保|力争)(?!增长|控制)")
#: Words that open a phrase, not an indicator's name.
_NOT_A_NAME_RE = LazyRe(r"^(全年|今年|明年|实现|完成|保持|争取|努力|继续|进一步|其中|分别|同比|增长|下降|"
                        r"比上年|比去年|按可比价|可比价|年均|力争|确保|争取|努力)")
_NOT_AMOUNT_RE = LazyRe(r"[0-9]+(?:\.[0-9]+)?(?=[年月日])|\[\^[^\]]*\]")
#: Readings tried per line: few items with few options each, so this is never reached in
#: practice; it bounds the work on a pathological line.
MAX_COMBOS = 256


@dataclass
class Found:
    """The outcome of parsing one line: the item (None when the line is not one), whether it
    regenerates the line exactly, and the spec-local indicators it needs."""

    item: Result | Target | None
    exact: bool = False
    new_indicators: list[Indicator] = field(default_factory=list)


def covers(generated: str, wording: str) -> bool:
    """Every amount the wording states is one the structure gives (as a multiset; years, dates
    and note marks aside). Kept wording must not carry numbers the spec cannot check."""
    given = Counter(_amounts(generated))
    for number in _amounts(wording):
        if given[number] <= 0:
            return False
        given[number] -= 1
    return True


def _amounts(text: str) -> list[Decimal]:
    text = _NOT_AMOUNT_RE.sub(" ", text)
    return [Decimal(n) for n in re.findall(r"[0-9]+(?:\.[0-9]+)?", text)]


def split_keep(text: str, seps: str) -> list[str]:
    """Split at separators outside parentheses and quotes, each part keeping its separator
    (joined, the parts give the text back)."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(“《[":
            depth += 1
        elif ch in "）)”》]" and depth:
            depth -= 1
        cur.append(ch)
        if ch in ";；" and re.search(r"&[a-zA-Z]+[;；]$", "".join(cur[-10:])):
            continue  # an HTML entity (&permil;), not a separator
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
    if cur or not parts or parts[-1][-1:] in seps:
        parts.append("".join(cur))
    return parts


def split_top(text: str, seps: str = "，") -> list[str]:
    """Split at separators outside parentheses and quotes (the separators dropped)."""
    parts = split_keep(text, seps)
    return [p[:-1] if i < len(parts) - 1 else p for i, p in enumerate(parts)]


def parse_value(text: str) -> tuple[Decimal, str, str] | None:
    """"7.2%以上" → (7.2, "%", "以上"); "6000人以上" → (6000, "人", "以上")."""
    m = VALUE_RE.match(text.strip())
    if not m:
        return None
    return Decimal(m.group(1)), m.group(2) or "", m.group(3) or ""


_SHARE_RE = re.compile(r"(?:所?占|在)[^，；。\d]{0,16}(?:比重|比例)|比重|所占")


def match_name(clause: str, registry: Registry) -> tuple[Indicator, str, str] | None:
    """The longest leading indicator name in a clause: (indicator, name as written, rest).

    None when the name goes on as a share of something ("服务业增加值占地区生产总值比重" is not
    服务业增加值)."""
    for end in range(min(len(clause), 24), 1, -1):
        ind = registry.find(clause[:end])
        if ind is not None:
            if _SHARE_RE.match(clause[end:]):
                return None
            return ind, clause[:end], clause[end:]
    return None


def _written_name(ind: Indicator, written: str) -> str:
    """The ``name`` field: empty when the text uses the canonical name."""
    return "" if written == ind.name else written


# -- results ----------------------------------------------------------------------------------

def parse_result(line: str, registry: Registry, pos: Pos | None = None) -> Found:
    """Parse a result line (without the leading "——") into a Result, checked by regeneration."""
    body = line.strip()
    stop = body.endswith(v.PERIOD)
    clauses = split_top(body[:-1] if stop else body)
    items: list[dict] = []
    understood = True
    for clause in clauses:
        if not _result_clause(clause, items, registry):
            understood = False
    items = [d for d in items if d.get("level") is not None or d.get("growth") is not None]
    if not items:
        return Found(None)
    return _settle_result(items, body, registry, understood and stop, pos)


def _result_clause(clause: str, items: list[dict], registry: Registry) -> bool:
    """Add what one clause says to the results being built; False if not understood."""
    cur = items[-1] if items else None
    m = _GROWTH_RE.match(clause)
    if m and cur is not None and cur.get("growth") is None:
        sign = -1 if m.group(1) == v.GROWTH_DOWN else 1
        cur["growth"] = sign * Decimal(m.group(3))
        cur["growth_note"] = m.group(2) or ""
        return True
    if cur is not None and _target_clause_of_result(clause, cur):
        return True
    if cur is not None and _comparison_clause(clause, cur):
        return True
    named = match_name(clause, registry)
    if named is None:
        return False
    ind, written, rest = named
    new = {"indicator": ind.key, "name": _written_name(ind, written), "comparisons": []}
    g = _GROWTH_RE.match(rest)
    lv = _LEVEL_RE.match(rest)
    if g:
        sign = -1 if g.group(1) == v.GROWTH_DOWN else 1
        new["growth"] = sign * Decimal(g.group(3))
        new["growth_note"] = g.group(2) or ""
    elif lv and lv.group(3) == ind.unit or lv and not lv.group(3) and ind.unit == "":
        new["level"] = Decimal(lv.group(2))
        new["verb"] = lv.group(1) or ""
    else:
        return False
    items.append(new)
    return True


def _target_clause_of_result(clause: str, cur: dict) -> bool:
    for ceiling in (_CEILING_MET_RE, _CEILING_MISSED_RE):
        m = ceiling.match(clause)
        if m:
            val = parse_value(m.group(1))
            if val is None:
                return False
            cur["target"], cur["measure_hint"] = val, "ceiling"
            return True
    m = _AGAINST_TARGET_RE.match(clause)
    if m and m.group(2):
        val = parse_value(m.group(2))
        if val is None:
            return False
        cur["target"] = val
        return True
    return False


def _comparison_clause(clause: str, cur: dict) -> bool:
    m = _COMPARE_RE.match(clause)
    if m and not m.group(2).startswith("年初"):
        sign = 1 if m.group(1) == v.HIGHER else -1
        cur["comparisons"].append(Comparison(m.group(2), sign * Decimal(m.group(3))))
        return True
    m = _EQUAL_RE.match(clause)
    if m:
        cur["comparisons"].append(Comparison(m.group(1), Decimal(0)))
        return True
    return False


def _settle_result(items: list[dict], body: str, registry: Registry, understood: bool,
                   pos: Pos | None) -> Found:
    """Choose, per result, the measure and units that regenerate the source; else keep text."""
    first_guess = None
    for combo in _result_combos(items, registry):
        result = _chain(combo, pos)
        if first_guess is None:
            first_guess = result
        if understood and result_sentence(result, registry) == body:
            return Found(result, exact=True)
    if not covers(result_sentence(first_guess, registry), body):
        return Found(None)
    return Found(replace(first_guess, text=body), exact=False)


def _result_combos(items: list[dict], registry: Registry):
    """Every way of reading the results' targets (measure × unit), most likely first."""
    return _combos([_result_options(d, registry) for d in items])


def _result_options(d: dict, registry: Registry) -> list[Result]:
    ind = registry.get(d["indicator"])
    base = Result(indicator=d["indicator"], level=d.get("level"), growth=d.get("growth"),
                  growth_note=d.get("growth_note", ""), comparisons=tuple(d["comparisons"]),
                  name=d.get("name", ""),
                  verb=None if d.get("verb", ind.verb) == ind.verb else d.get("verb"))
    if "target" not in d:
        return [base]
    number, unit, qual = d["target"]
    hint = d.get("measure_hint", "")
    out = []
    for measure in ((hint,) if hint else ("", "growth", "level", "ceiling")):
        eff = measure or _default_result_measure(base, ind)
        if eff == "growth" and base.growth is None or eff == "level" and base.level is None:
            continue
        default_unit = measure_unit(eff, ind)
        if unit == v.PERCENT and default_unit != v.PERCENT:
            continue
        value = Value(number, qual, None if unit == default_unit else unit)
        if qual and qual not in v.QUALIFIERS:
            continue
        out.append(replace(base, target=value,
                           measure="" if eff == _default_result_measure(base, ind) else eff))
    return out or [replace(base, target=Value(number, qual, unit or None))]


def _default_result_measure(r: Result, ind: Indicator) -> str:
    if ind.kind == "ceiling":
        return "ceiling"
    return "growth" if r.growth is not None else "level"


def _chain(results: list, pos: Pos | None):
    first = results[0]
    if pos is not None:
        first = replace(first, pos=pos)
    return replace(first, more=tuple(results[1:])) if len(results) > 1 else first


# -- targets ----------------------------------------------------------------------------------

_ENSURE_STRIVE_RE = LazyRe(r"^确保(增长|控制在)?(.+?)、力争(.+)$")
_STRIVE_RE = LazyRe(r"^力争(增长|控制在)?(.+)$")
_ENSURE_RE = LazyRe(r"^确保(增长|控制在)?(.+)$")
_VERBS = "增长|控制在|为|达到|降低|下降|提高|保持在|稳定在|保持|超过|突破"
_PLAIN_RE = LazyRe(rf"^({_VERBS})?(.+)$")
#: The last stated value of a clause the grammar does not cover ("同口径增长7%").
_TAIL_VALUE_RE = LazyRe(rf"(?:{_VERBS})({_NUM}(?:[^\d\s，、；。：（）()%]{{0,5}}?|%)(?:{_QUALS})?)$")


#: "城乡居民人均可支配收入分别增长7%、7.5%": several indicators, one verb, values in order.
_RESPECTIVELY_RE = LazyRe(r"^(.+?)分别(增长|控制在|为|达到)?(.+)$")
#: A joint name for two indicators: 城乡居民人均可支配收入 → 城镇… and 农村….
_JOINT_PREFIXES = {"城乡": ("城镇", "农村")}
#: "……增长6%左右，确保总量突破6万亿元": the level of the indicator the clause before names.
_TOTAL_RE = LazyRe(r"^(确保|力争)?(?:总量|总额|规模)(突破|达到|超过|为|达)(.+)$")


def parse_target(line: str, registry: Registry, pos: Pos | None = None,
                 allow_new: bool = True, clause: bool = False) -> Found:
    """Parse a target line or clause into a Target (``more`` for further clauses).

    With ``clause`` the text is one clause of a prose list ("……增长7%左右；"): its closing
    punctuation is the list's, not the target's, so it does not take part in the comparison.
    A name the registry does not know becomes a spec-local indicator, but only when the whole
    line then regenerates exactly (a stray phrase must not turn into an "indicator").
    """
    body = line.strip()
    stop = body[-1:] in ("。", "；", "，") and body[-1:]
    core = body[:-1] if stop else body
    parsed, understood, new = [], True, []
    for part in split_top(core):
        joint = _respective_targets(part, registry) or _total_target(part, parsed, registry)
        if joint:  # never regenerates: wording.py has no 分别 or 总量 sentence
            parsed += joint
            understood = False
            continue
        t = _target_clause(part, registry)
        if t is None and allow_new and match_name(part, registry) is None:
            t, ind = _new_indicator_target(part)
            if ind is not None:
                new.append(ind)
        if t is None:
            understood = False
        else:
            parsed.append(t)
    if not parsed:
        return Found(None)
    local = registry
    if new:
        local = Registry(dict(registry.by_key), dict(registry.by_name))
        for ind in new:
            local.add(ind)
    first_guess = None
    for combo in _target_combos(parsed, local):
        target = _chain(combo, pos)
        if first_guess is None:
            first_guess = target
        sentence = target_sentence(target, local)
        if understood and (sentence == body or clause and sentence[:-1] == core):
            return Found(target, exact=True, new_indicators=new)
    if new:  # unknown names only count when they regenerate exactly
        known = [t for t in parsed if t["indicator"] in registry]
        if not known:
            return Found(None)
        first_guess = _chain(next(_target_combos(known, registry)), pos)
    if not covers(target_sentence(first_guess, local), body):
        return Found(None)
    return Found(replace(first_guess, text=body), exact=False)


def _respective_targets(clause: str, registry: Registry) -> list[dict]:
    """"城乡居民人均可支配收入分别增长7%、7.5%" or "A、B分别增长X、Y": one target per
    indicator named, in order; [] unless every name is known and the counts agree."""
    m = _RESPECTIVELY_RE.match(clause)
    if not m:
        return []
    names = _joint_names(m.group(1), registry)
    values = [parse_value(x) for x in m.group(3).split("、")]
    if len(names) < 2 or len(names) != len(values) or None in values:
        return []
    return [{"indicator": ind.key, "name": _written_name(ind, written), "value": val,
             "verb": m.group(2) or ""} for (ind, written), val in zip(names, values)]


def _joint_names(text: str, registry: Registry) -> list[tuple[Indicator, str]]:
    """The indicators a "分别" clause names: "A、B" each known, or a joint 城乡 name."""
    written = text.split("、")
    if len(written) == 1:
        for prefix, parts in _JOINT_PREFIXES.items():
            if text.startswith(prefix):
                written = [p + text[len(prefix):] for p in parts]
    found = [(registry.find(w), w) for w in written]
    if any(ind is None for ind, _ in found) or len({ind.key for ind, _ in found}) < len(found):
        return []
    return found


def _total_target(clause: str, parsed: list[dict], registry: Registry) -> list[dict]:
    """"确保总量突破6万亿元" after "地区生产总值增长6%左右": that indicator's level, named
    "地区生产总值总量" so that it reads (and compares) apart from the growth target."""
    m = _TOTAL_RE.match(clause)
    val = parse_value(m.group(3)) if m and parsed else None
    if val is None:
        return []
    key = {v.ENSURE: "ensure", v.STRIVE: "strive"}.get(m.group(1) or "", "value")
    prev = parsed[-1]
    name = (prev.get("name") or registry.get(prev["indicator"]).name) + \
        clause[m.start(2) - 2:m.start(2)]
    return [{"indicator": prev["indicator"], "name": name, key: val, "verb": m.group(2)}]


def _target_clause(clause: str, registry: Registry) -> dict | None:
    """A known indicator's clause; with wording the grammar does not cover, its last value
    (the caller then keeps the wording as text, since the sentence will not regenerate)."""
    lead = _LEAD_WORD_RE.match(clause)
    if lead:  # "力争城镇新增就业1.7万人": the word before the name says which value it is
        named = match_name(clause[lead.end():], registry)
        if named is None:
            return None
        ind, written, rest = named
        val = parse_value(rest)
        if val is None:
            return None
        key = "ensure" if lead.group(1) == v.ENSURE else "strive"
        return {"indicator": ind.key, "name": _written_name(ind, written), key: val}
    named = match_name(clause, registry)
    if named is None:
        return None
    ind, written, rest = named
    d = _target_rest(ind, written, rest)
    if d is None:
        m = _TAIL_VALUE_RE.search(rest)
        val = parse_value(m.group(1)) if m else None
        if val is not None:
            d = {"indicator": ind.key, "name": _written_name(ind, written), "value": val}
    return d


def _target_rest(ind: Indicator, written: str, rest: str) -> dict | None:
    d = {"indicator": ind.key, "name": _written_name(ind, written)}
    m = _ENSURE_STRIVE_RE.match(rest)
    if m:
        e, s = parse_value(m.group(2)), parse_value(m.group(3))
        if e is None or s is None:
            return None
        d.update(ensure=e, strive=s, verb=m.group(1) or "")
        return d
    for rx, key in ((_STRIVE_RE, "strive"), (_ENSURE_RE, "ensure"), (_PLAIN_RE, "value")):
        m = rx.match(rest)
        if m:
            val = parse_value(m.group(2))
            if val is None:
                return None
            d.update({key: val, "verb": m.group(1) or ""})
            return d
    return None


def _new_indicator_target(clause: str) -> tuple[dict | None, Indicator | None]:
    m = _UNKNOWN_NAME_RE.match(clause)
    if not m or "“" in m.group(1) or _LEAD_WORD_RE.match(clause) or \
            _NOT_A_NAME_RE.match(m.group(1)) or m.group(1).endswith("分别"):
        return None, None
    name = m.group(1)
    rest = clause[len(name):]
    probe = _target_rest(Indicator(key=name, name=name), name, rest)
    if probe is None:
        return None, None
    values = [probe[k] for k in ("ensure", "strive", "value") if k in probe]
    unit = values[0][1]
    verb = probe.get("verb", "")
    kind = {"增长": "growth", "控制在": "ceiling"}.get(verb, "level")
    ind = Indicator(key=normalize_name(name), name=name, unit="" if kind != "level" else unit,
                    kind=kind, verb="" if verb in ("增长", "控制在") else verb)
    probe["indicator"], probe["name"] = ind.key, "" if ind.name == name else name
    return probe, ind


def _target_combos(parsed: list[dict], registry: Registry):
    return _combos([_target_options(d, registry) for d in parsed])


def _combos(options: list[list]):
    """Every choice of one option per item, most likely first (the first options vary
    slowest), at most MAX_COMBOS of them."""
    return islice(map(list, product(*options)), MAX_COMBOS)


def _as_value(parsed: tuple | None, default_unit: str) -> Value | None | bool:
    """A parsed (number, unit, qualifier) as a Value in a measure whose unit is
    ``default_unit``; False when the unit cannot belong to that measure (% of a level)."""
    if parsed is None:
        return None
    number, unit, qual = parsed
    if unit == v.PERCENT and default_unit != v.PERCENT:
        return False
    return Value(number, qual, None if unit == default_unit else unit)


def _target_options(d: dict, registry: Registry) -> list[Target]:
    ind = registry.get(d["indicator"])
    verb = d.get("verb", "")
    wanted = {"增长": ("growth",), "控制在": ("ceiling",)}.get(verb, ("level",) if verb else
                                                             _MEASURES[1:])
    out = []
    for measure in sorted(wanted, key=lambda m: m != ind.kind):
        default = measure_unit(measure, ind)
        vals = {k: _as_value(d.get(k), default) for k in ("ensure", "strive", "value")}
        if any(x is False for x in vals.values()):
            continue
        out.append(Target(indicator=d["indicator"], name=d.get("name", ""),
                          measure="" if measure == ind.kind else measure, **vals))
    if not out:
        vals = {k: Value(d[k][0], d[k][2], d[k][1] or None) if k in d else None
                for k in ("ensure", "strive", "value")}
        out.append(Target(indicator=d["indicator"], name=d.get("name", ""), **vals))
    return out
