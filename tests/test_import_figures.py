"""Reading numbers back: for every result and target the wording can generate, the parser finds
the same numbers and a structure that regenerates the sentence exactly (property tests)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit import vocab
from reportkit.model import Comparison, Result, Target, Value
from reportkit.readers.figures import parse_result, parse_target
from reportkit.registry import Registry, builtin
from reportkit.wording import result_measure, result_sentence, target_sentence

REG = Registry()
for _ind in builtin():
    REG.add(_ind)
KEYS = sorted(REG.by_key)

amounts = st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 99999),
                    st.integers(0, 2))
signed = st.builds(lambda a, neg: -a if neg and a else a, amounts, st.booleans())
quals = st.sampled_from(("", "左右", "以上", "以内"))


@st.composite
def results(draw, more=True):
    key = draw(st.sampled_from(KEYS))
    ind = REG.get(key)
    name = draw(st.sampled_from(("",) + ind.aliases))
    kind = draw(st.sampled_from(("growth", "level", "both")))
    level = draw(amounts) if kind in ("level", "both") else None
    growth = draw(signed) if kind in ("growth", "both") else None
    r = Result(key, level=level, growth=growth, name=name)
    measure = result_measure(r, ind)
    actual = r.growth if measure == "growth" else r.level
    if actual is not None and draw(st.booleans()):  # a target on what the result states
        r = replace(r, target=Value(draw(amounts), draw(quals)))
    if growth is not None and draw(st.booleans()):
        r = replace(r, comparisons=(Comparison(vocab.CITY_AVERAGE, draw(signed)),))
    if more and draw(st.booleans()):
        r = replace(r, more=(draw(results(more=False)),))
    return r


@st.composite
def targets(draw, more=True):
    key = draw(st.sampled_from(KEYS))
    ind = REG.get(key)
    name = draw(st.sampled_from(("",) + ind.aliases))
    if draw(st.booleans()):
        t = Target(key, ensure=Value(draw(amounts)), strive=Value(draw(amounts), draw(quals)),
                   name=name)
    else:
        t = Target(key, value=Value(draw(amounts), draw(quals)), name=name)
    if more and draw(st.booleans()):
        t = replace(t, more=(draw(targets(more=False)),))
    return t


def _numbers(item) -> list:
    out = []
    for one in (item, *item.more):
        for name in ("level", "growth", "target", "ensure", "strive", "value"):
            val = getattr(one, name, None)
            out.append(val.number if isinstance(val, Value) else val)
        out += [c.diff for c in getattr(one, "comparisons", ())]
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results())
def test_result_sentences_read_back(result):
    sentence = result_sentence(result, REG)
    found = parse_result(sentence, REG)
    assert found.item is not None and found.exact, sentence
    assert result_sentence(found.item, REG) == sentence
    assert _numbers(found.item) == _numbers(result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(targets())
def test_target_sentences_read_back(target):
    sentence = target_sentence(target, REG)
    found = parse_target(sentence, REG)
    assert found.item is not None and found.exact, sentence
    assert target_sentence(found.item, REG) == sentence
    assert _numbers(found.item) == _numbers(target)
