"""Edits to generated sentences (results and targets) traced back to the numbers behind them.

A reviewer who changes "增长6.7%" to "增长6.8%" in a result sentence usually also changes the
derived "超过……0.2个百分点" to 0.3. Both are numbers of one sentence; only the first is a field.
:func:`solve` looks for the fewest field changes that regenerate the reviewer's sentence exactly;
a number no field holds is derived. When no change of fields explains the sentence (words
changed), the sentence becomes the item's ``text:`` override, which lint then checks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from .. import vocab
from ..model import Result, Target
from ..registry import Registry
from ..wording import result_sentence, target_sentence

NUM_RE = re.compile(r"\d+(?:\.\d+)?")
#: at most this many combinations of fields are tried for one sentence
MAX_TRIES = 512


@dataclass(frozen=True)
class Field:
    """A number of a result or target: its path below the item, value, and how to set it."""

    path: tuple
    value: Decimal
    rebuild: Callable


@dataclass(frozen=True)
class Solution:
    """Field changes (path below the item -> new value), and the derived numbers that follow
    (old, new as regenerated) when the reviewer left them as they were."""

    fields: dict
    stale_derived: tuple = ()


def numbers(text: str) -> tuple[list[str], str]:
    """The numbers of a sentence and its skeleton (numbers replaced by #)."""
    return NUM_RE.findall(text), NUM_RE.sub("#", text)


def solve(item, new_sentence: str, registry: Registry, yaml_item) -> Solution | None:
    """The field changes that make ``item`` (a Result or Target) say ``new_sentence``, or None
    when its words changed or no change of numbers explains it."""
    sentence = _sentence(item, registry)
    old_nums, old_skel = numbers(sentence)
    new_nums, new_skel = numbers(new_sentence)
    if old_skel != new_skel or item.text:
        return None
    changed = [k for k, (a, b) in enumerate(zip(old_nums, new_nums)) if a != b]
    fields = _fields(item, yaml_item)
    options = []
    for k in changed:
        old = Decimal(old_nums[k])
        options.append([None] + [i for i, f in enumerate(fields) if abs(f.value) == old])
    combos = sorted(itertools.islice(itertools.product(*options), MAX_TRIES),
                    key=lambda c: sum(x is not None for x in c))
    loose = None
    for combo in combos:
        chosen = {i: _signed(fields[i].value, new_nums[k]) for k, i in zip(changed, combo)
                  if i is not None}
        if not chosen or len(set(chosen)) < len(chosen):
            continue
        regen = _sentence(_apply(item, yaml_item, chosen), registry)
        if regen == new_sentence:
            return Solution({fields[i].path: v for i, v in chosen.items()})
        stale = _stale(regen, new_sentence, old_nums, changed)
        if loose is None and stale is not None:
            loose = Solution({fields[i].path: v for i, v in chosen.items()}, stale)
    return loose


def _sentence(item, registry: Registry) -> str:
    if isinstance(item, Result):
        return result_sentence(item, registry)
    return target_sentence(item, registry)


def _signed(old: Decimal, new_text: str) -> Decimal:
    new = Decimal(new_text)
    return -new if old < 0 else new


def _stale(regen: str, new: str, old_nums: list[str], changed: list[int]):
    """(old, regenerated) pairs when regen and new differ only at numbers the reviewer left
    unchanged (derived numbers they did not update), else None."""
    regen_nums, regen_skel = numbers(regen)
    new_nums, new_skel = numbers(new)
    if regen_skel != new_skel:
        return None
    pairs = []
    for k, (a, b) in enumerate(zip(regen_nums, new_nums)):
        if a != b:
            if k in changed:
                return None
            pairs.append((b, a))
    return tuple(pairs)


def _apply(item, yaml_item, chosen: dict[int, Decimal]):
    for i, value in chosen.items():
        item = _fields(item, yaml_item)[i].rebuild(value)
    return item


def _fields(item, yaml_item) -> list[Field]:
    if isinstance(item, Result):
        return list(_result_fields(item, yaml_item, (), lambda r: r))
    return list(_target_fields(item, (), lambda t: t))


def _result_fields(r: Result, node, prefix: tuple, wrap) -> list[Field]:
    out = []
    for name in ("level", "growth"):
        if getattr(r, name) is not None:
            out.append(Field(prefix + (name,), getattr(r, name),
                             lambda d, n=name: wrap(replace(r, **{n: d}))))
    if r.target is not None:
        out.append(Field(prefix + ("target",), r.target.number,
                         lambda d: wrap(replace(r, target=replace(r.target, number=d)))))
    has_vs = hasattr(node, "get") and "vs_city" in node
    for k, c in enumerate(r.comparisons):
        path = prefix + (("vs_city",) if has_vs and k == 0 else
                         ("compare", k - int(has_vs), "diff"))
        out.append(Field(path, c.diff, lambda d, k=k: wrap(replace(r, comparisons=tuple(
            replace(x, diff=d) if j == k else x for j, x in enumerate(r.comparisons))))))
    more = node.get("and") if hasattr(node, "get") else None
    for j, m in enumerate(r.more):
        sub = more[j] if more is not None and j < len(more) else None
        out += _result_fields(m, sub, prefix + ("and", j), lambda nm, j=j: wrap(replace(
            r, more=r.more[:j] + (nm,) + r.more[j + 1:])))
    return out


def _target_fields(t: Target, prefix: tuple, wrap) -> list[Field]:
    out = []
    for name in ("ensure", "strive", "value"):
        value = getattr(t, name)
        if value is not None:
            out.append(Field(prefix + (name,), value.number, lambda d, n=name, v=value: wrap(
                replace(t, **{n: replace(v, number=d)}))))
    for j, m in enumerate(t.more):
        out += _target_fields(m, prefix + ("and", j), lambda nm, j=j: wrap(replace(
            t, more=t.more[:j] + (nm,) + t.more[j + 1:])))
    return out


def strip_dash(text: str) -> str:
    """A list line's sentence without its leading dash."""
    return text.removeprefix(vocab.DASH)
