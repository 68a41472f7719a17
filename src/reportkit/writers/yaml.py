"""The spec writer: a Report as YAML that reads like a hand-written spec.

Written by hand rather than with yaml.dump so that the output looks like specs/dongqu-2024.yaml:
block style for the tree, flow mappings for results and targets, plain scalars wherever they
are safe, numbers exactly as stated (``4.0`` stays ``4.0``). ``read_spec(write_yaml(r)) == r``
for every report the spec can express (a property test checks it).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import vocab as v
from ..model import (Comparison, DashList, Indicator, Meta, Note, Paragraph, Report, Result,
                     ResultList, Section, Target, TargetList, Value)
from ..numbers import fmt, split_value

INDENT = "  "
#: A flow mapping longer than this is written as a block mapping instead.
FLOW_WIDTH = 110

_RESOLVER = None
_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@`. \t")
_FLOW_BAD = set(",[]{}")
#: What YAML may not carry unescaped (the complement of its printable set; a positive class
#: of a few small ranges compiles far faster than the negated one).
_NONPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BREAKS = re.compile("[\x85\u2028\u2029\ufeff]")


def write_yaml(report: Report, header: str = "", comments: dict[int, str] | None = None) -> bytes:
    """The report as a spec file (UTF-8). ``header`` lines become comments at the top;
    ``comments`` maps a source line to a comment put above the body item read from it (the
    import marks garbled passages this way)."""
    comments = comments or {}
    out: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]
    out.append("reportkit: 1")
    out.append("meta:")
    out += _meta(report.meta, 1)
    if report.indicators:
        out.append("indicators:")
        out += [f"{INDENT}- {_flow(_indicator(i))}" for i in report.indicators]
    out.append("body:" if report.body else "body: []")
    out += _blocks(report.body, 1, comments)
    if report.notes:
        out.append("notes:")
        for n in report.notes:
            out += _item(_note(n), 1)
    if report.appendix:
        out.append("appendix:")
        out += _blocks(report.appendix, 1, comments)
    return ("\n".join(out) + "\n").encode("utf-8")


# -- scalars ----------------------------------------------------------------------------------

def scalar(value, flow: bool = False) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return fmt(value)
    s = str(value)
    if _ISO_DATE.match(s):
        return s  # read back as a timestamp node whose text is the same string
    return s if _plain_ok(s, flow) else quote(s)


def quote(s: str) -> str:
    """A double-quoted YAML string with every unsafe character escaped."""
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _NONPRINTABLE.match(ch) or _BREAKS.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _plain_ok(s: str, flow: bool) -> bool:
    if not s or s[0] in _FIRST_BAD or s[-1] in " \t:" or s.startswith("..."):
        return False
    if ": " in s or " #" in s or "\t" in s or "\n" in s or "\r" in s:
        return False
    if _NONPRINTABLE.search(s) or _BREAKS.search(s):
        return False
    if flow and (any(c in _FLOW_BAD for c in s) or ":" in s):
        return False
    return _resolves_to_str(s)


def _resolves_to_str(s: str) -> bool:
    """PyYAML would read the plain scalar back as a string (not a number, bool, date, null)."""
    global _RESOLVER
    import yaml

    if _RESOLVER is None:
        _RESOLVER = yaml.resolver.Resolver()
    return _RESOLVER.resolve(yaml.ScalarNode, s, (True, False)) == "tag:yaml.org,2002:str"


def _value(val: Value):
    """A value as the spec writes it: 6.5, "7.2以上", "6000人以上" or a mapping."""
    text = fmt(val.number) + (val.unit or "") + val.qualifier
    if val.high is None and val.unit != "" and (val.unit is None or not re.search(r"\d", val.unit)):
        parts = split_value(text)
        if parts == (val.number, val.unit or "", val.qualifier):
            return val.number if text == fmt(val.number) else text
    d: dict = {"value": val.number}
    if val.high is not None:
        d["high"] = val.high
    if val.qualifier:
        d["qualifier"] = val.qualifier
    if val.unit is not None:
        d["unit"] = val.unit
    return d


# -- mappings ---------------------------------------------------------------------------------

def _flow(d: dict) -> str:
    parts = []
    for k, val in d.items():
        if isinstance(val, dict):
            parts.append(f"{k}: {_flow(val)}")
        elif isinstance(val, list):
            parts.append(f"{k}: [" + ", ".join(_flow(x) if isinstance(x, dict) else
                                              scalar(x, True) for x in val) + "]")
        else:
            parts.append(f"{k}: {scalar(val, True)}")
    return "{" + ", ".join(parts) + "}"


def _item(d: dict, depth: int) -> list[str]:
    """A list item holding a mapping: flow when short and flat, else block."""
    pad = INDENT * depth
    nested = any(isinstance(x, list) and x and isinstance(x[0], dict) for x in d.values())
    flow = _flow(d)
    if not nested and len(pad) + 2 + len(flow) <= FLOW_WIDTH:
        return [f"{pad}- {flow}"]
    lines = _mapping(d, depth + 1)
    lines[0] = f"{pad}- {lines[0].lstrip()}"
    return lines


def _mapping(d: dict, depth: int) -> list[str]:
    pad = INDENT * depth
    out = []
    for k, val in d.items():
        if isinstance(val, list):
            if not val:
                out.append(f"{pad}{k}: []")
                continue
            out.append(f"{pad}{k}:")
            for x in val:
                out += _item(x, depth + 1) if isinstance(x, dict) else \
                    [f"{pad}{INDENT}- {scalar(x)}"]
        elif isinstance(val, dict):
            out.append(f"{pad}{k}: {_flow(val)}")
        else:
            out.append(f"{pad}{k}: {scalar(val)}")
    return out


def _meta(m: Meta, depth: int) -> list[str]:
    d: dict = {"title": m.title}
    for key in ("occasion",):
        if m.occasion:
            d[key] = m.occasion
    if m.speaker:
        d["speaker"] = {"office": m.speaker.office, **({"name": m.speaker.name}
                                                       if m.speaker.name else {})}
    for key in ("date", "salutation", "region"):
        if getattr(m, key):
            d[key] = getattr(m, key)
    for key in ("year_reviewed", "year_planned"):
        if getattr(m, key) is not None:
            d[key] = getattr(m, key)
    for key in ("issuer", "status", "subject"):
        if getattr(m, key):
            d[key] = getattr(m, key)
    if m.keywords:
        d["keywords"] = list(m.keywords)
    if m.source:
        d["source"] = {k: getattr(m.source, k) for k in ("url", "published", "publisher", "note")
                       if getattr(m.source, k)}
    pad = INDENT * depth
    out = []
    for k, val in d.items():
        if k == "keywords":
            out.append(f"{pad}{k}: [" + ", ".join(scalar(x, True) for x in val) + "]")
        elif k == "source" and not val:
            out.append(f"{pad}source: {{}}")
        else:
            out += _mapping({k: val}, depth)
    return out


def _indicator(ind: Indicator) -> dict:
    d: dict = {"key": ind.key, "name": ind.name}
    if ind.aliases:
        d["aliases"] = list(ind.aliases)
    d["unit"] = ind.unit
    d["kind"] = ind.kind
    if ind.verb:
        d["verb"] = ind.verb
    return d


def _note(n: Note) -> dict:
    d: dict = {"key": n.key}
    if n.term:
        d["term"] = n.term
    if n.text:
        d["text"] = n.text
    return d


def _result(r: Result) -> dict:
    d: dict = {"indicator": r.indicator}
    if r.name:
        d["name"] = r.name
    if r.level is not None:
        d["level"] = r.level
    if r.growth is not None:
        d["growth"] = r.growth
    if r.growth_note:
        d["growth_note"] = r.growth_note
    if r.target is not None:
        d["target"] = _value(r.target)
    if r.measure:
        d["measure"] = r.measure
    comps = list(r.comparisons)
    if comps and comps[0].against == v.CITY_AVERAGE:
        d["vs_city"] = comps.pop(0).diff
    if comps:
        d["compare"] = [_comparison(c) for c in comps]
    if r.verb is not None:
        d["verb"] = r.verb
    if r.text:
        d["text"] = r.text
    if r.more:
        d["and"] = [_result(x) for x in r.more]
    return d


def _comparison(c: Comparison) -> dict:
    return {"against": c.against, "diff": c.diff}


def _target(t: Target) -> dict:
    d: dict = {"indicator": t.indicator}
    if t.name:
        d["name"] = t.name
    if t.measure:
        d["measure"] = t.measure
    for key in ("ensure", "strive", "value"):
        val = getattr(t, key)
        if val is not None:
            d[key] = _value(val)
    if t.text:
        d["text"] = t.text
    if not t.stated:
        d["stated"] = False
    if t.more:
        d["and"] = [_target(x) for x in t.more]
    return d


# -- the body ---------------------------------------------------------------------------------

def _blocks(blocks, depth: int, comments: dict[int, str]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        out += _block(b, depth, comments)
    return out


def _block(b, depth: int, comments: dict[int, str]) -> list[str]:
    pad = INDENT * depth
    note = comments.get(b.pos.line) if b.pos.line else None
    lines = _block_lines(b, depth, comments)
    if note:
        lines = [f"{pad}# {line}".rstrip() for line in note.splitlines()] + lines
    return lines


def _block_lines(b, depth: int, comments: dict[int, str]) -> list[str]:
    pad = INDENT * depth
    inner = INDENT * (depth + 1)
    if isinstance(b, Paragraph):
        if not b.lead and not b.results and _plain_ok(b.text, False):
            return [f"{pad}- {b.text}"]
        out = [f"{pad}- lead: {scalar(b.lead)}", f"{inner}text: {scalar(b.text)}"] if b.lead \
            else [f"{pad}- text: {scalar(b.text)}"]
        if b.results:
            out.append(f"{inner}outcomes:")
            for r in b.results:
                out += _item(_result(r), depth + 2)
        return out
    if isinstance(b, Section):
        out = [f"{pad}- {'part' if b.part else 'section'}: {scalar(b.heading)}"]
        if b.body:
            out.append(f"{inner}body:")
            out += _blocks(b.body, depth + 2, comments)
        return out
    if isinstance(b, DashList):
        if not b.items:
            return [f"{pad}- dashes: []"]
        return [f"{pad}- dashes:"] + [f"{inner}{INDENT}- {scalar(x)}" for x in b.items]
    if isinstance(b, ResultList):
        if not b.items:
            return [f"{pad}- results: []"]
        out = [f"{pad}- results:"]
        for r in b.items:
            out += _item(_result(r), depth + 2)
        return out
    if isinstance(b, TargetList):
        if not b.items:
            return [f"{pad}- targets: []"]
        out = [f"{pad}- targets:"]
        for t in b.items:
            out += _item(_target(t), depth + 2)
        return out
    raise TypeError(f"not a block: {type(b).__name__}")
