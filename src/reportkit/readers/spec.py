"""The YAML spec reader: PyYAML safe composition into nodes, then nodes into the model.

Every model object keeps the line and column of its node, so checks can point at the spec.
Problems in the spec (syntax, types, unknown keys) are collected as values; input that cannot
be read at all (missing, too large, not UTF-8) raises ReportError.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from pathlib import Path

import yaml

from .. import vocab
from ..model import (Comparison, DashList, Indicator, Meta, Note, Paragraph, Pos, Report, Result,
                     ResultList, Section, Source, Speaker, Target, TargetList, Value)
from ..numbers import split_value, to_decimal
from ..problems import Problem
from .source import decode, read_bytes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map",
                                    "timestamp")}
MAX_NODES = 200_000
#: More digits than any report states: guards against 1e999999999 turning into a huge string.
MAX_DIGITS = 30
_WHOLE = re.compile(r"\s*[0-9]+\s*")

TOP_KEYS = ("reportkit", "meta", "indicators", "body", "notes", "appendix")
META_KEYS = ("title", "region", "year_reviewed", "year_planned", "occasion", "speaker", "date",
             "salutation", "issuer", "status", "subject", "keywords", "source")
SPEAKER_KEYS = ("office", "name")
SOURCE_KEYS = ("url", "published", "publisher", "note")
INDICATOR_KEYS = ("key", "name", "aliases", "unit", "kind", "verb")
BLOCK_KEYS = ("section", "part", "body", "text", "lead", "outcomes", "dashes", "results",
              "targets")
RESULT_KEYS = ("indicator", "level", "growth", "growth_note", "target", "measure", "vs_city",
               "compare", "name", "verb", "text", "and")
TARGET_KEYS = ("indicator", "measure", "ensure", "strive", "value", "name", "text", "stated",
               "and")
VALUE_KEYS = ("value", "high", "qualifier", "unit")
COMPARE_KEYS = ("against", "diff")
NOTE_KEYS = ("key", "term", "text")


class _TooBig(Exception):
    pass


def read_spec(path: str | Path) -> tuple[Report | None, list[Problem]]:
    """Read a spec file: the report (None when it cannot be built) and the problems found."""
    name = str(path)
    text, _ = decode(read_bytes(path), name)
    return read_spec_text(text, name)


def read_spec_text(text: str, name: str = "<string>") -> tuple[Report | None, list[Problem]]:
    """Read a spec from a string (``name`` is used in messages)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"YAML syntax: {exc.problem}" + (f" ({exc.context})" if exc.context else "")
        return None, [Problem(name, mark.line + 1, mark.column + 1, "error", "RK010", msg)]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, 0, "error", "RK010", f"YAML: {exc}")]
    if root is None:
        return None, [Problem(name, 1, 1, "error", "RK011", "empty spec: expected a mapping with "
                                                            "`meta` and `body`")]
    conv = _Converter(name)
    try:
        conv.check_tags(root)
        report = conv.report(root)
    except _TooBig:
        return None, [Problem(name, 1, 1, "error", "RK012",
                              f"the spec expands to more than {MAX_NODES} nodes "
                              "(a YAML alias bomb or a recursive alias?)")]
    except RecursionError:
        return None, [Problem(name, 1, 1, "error", "RK012",
                              "the spec is nested too deeply to be a report")]
    errors = any(p.level == "error" for p in conv.problems)
    return (None if errors else report), conv.problems


class _Converter:
    """Turns composed YAML nodes into model objects, collecting problems on the way."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.count = 0

    # -- helpers -------------------------------------------------------------------------
    def pos(self, node: yaml.Node) -> Pos:
        return Pos(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        p = self.pos(node)
        self.problems.append(Problem(self.file, p.line, p.col, "error", code, message))

    def check_tags(self, node: yaml.Node) -> None:
        """Refuse tags other than plain YAML's (e.g. !!python/object) and runaway aliases."""
        stack = [node]
        while stack:
            n = stack.pop()
            self.count += 1
            if self.count > MAX_NODES:
                raise _TooBig
            if n.tag not in ALLOWED_TAGS:
                self.error(n, "RK013", f"unsupported tag {n.tag.replace(_CORE, '!!')}: "
                                       "a spec is plain YAML")
            if isinstance(n, yaml.SequenceNode):
                stack.extend(n.value)
            elif isinstance(n, yaml.MappingNode):
                for k, val in n.value:
                    stack.extend((k, val))

    def mapping(self, node: yaml.Node, keys: tuple[str, ...], what: str,
                required: tuple[str, ...] = ()) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "RK020", f"{what} must be a mapping, not {_kind(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        for k, val in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.error(k, "RK021", f"a key in {what} must be a word, not {_kind(k)}")
                continue
            key = k.value
            if key in out:
                self.error(k, "RK022", f"duplicate key `{key}` in {what}")
            elif key not in keys:
                self.error(k, "RK021", f"unknown key `{_short(key)}` in {what}{_hint(key, keys)}")
            else:
                out[key] = val
        for r in required:
            if r not in out:
                self.error(node, "RK023", f"{what} is missing `{r}`")
        return out

    def str_(self, node: yaml.Node | None, what: str) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag == _CORE + "null":
            self.error(node, "RK020", f"{what} must be text, not {_kind(node)}")
            return ""
        return node.value

    def bool_(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _CORE + "bool":
            self.error(node, "RK020", f"{what} must be true or false, not {_show(node)}")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def int_(self, node: yaml.Node | None, what: str) -> int | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or not _WHOLE.fullmatch(node.value):
            self.error(node, "RK020", f"{what} must be a whole number, not {_show(node)}")
            return None
        return int(node.value)

    def dec(self, node: yaml.Node | None, what: str) -> Decimal | None:
        if node is None:
            return None
        d = to_decimal(node.value) if isinstance(node, yaml.ScalarNode) else None
        if d is None or node.tag not in (_CORE + "int", _CORE + "float", _CORE + "str"):
            self.error(node, "RK020", f"{what} must be a number, not {_show(node)}")
            return None
        return d if self.sane(node, d, what) else None

    def sane(self, node: yaml.Node, d: Decimal, what: str) -> bool:
        """A number as reports state them: at most MAX_DIGITS digits either side of the point."""
        exp = d.as_tuple().exponent
        if len(d.as_tuple().digits) <= MAX_DIGITS and isinstance(exp, int) and \
                -MAX_DIGITS <= exp <= MAX_DIGITS:
            return True
        self.error(node, "RK020", f"{what} is not a number a report states: {_show(node)}")
        return False

    def seq(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "RK020", f"{what} must be a list, not {_kind(node)}")
            return []
        return node.value

    def strs(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        return tuple(self.str_(n, what) for n in self.seq(node, what))

    def choice(self, node: yaml.Node | None, what: str, options: tuple[str, ...]) -> str:
        value = self.str_(node, what)
        if value and value not in options:
            near = difflib.get_close_matches(value, options, n=1)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            self.error(node, "RK024", f"{what} must be one of {', '.join(options)}, "
                                      f"not `{value}`{hint}")
            return ""
        return value

    # -- the spec ------------------------------------------------------------------------
    def report(self, root: yaml.Node) -> Report | None:
        top = self.mapping(root, TOP_KEYS, "the spec", required=("meta", "body"))
        if top is None:
            return None
        if "reportkit" in top:
            version = self.int_(top["reportkit"], "`reportkit` (spec version)")
            if version not in (None, 1):
                self.error(top["reportkit"], "RK025", f"spec version {version} is not known; "
                                                      "this reportkit reads version 1")
        meta = self.meta(top["meta"]) if "meta" in top else None
        indicators = tuple(filter(None, (self.indicator(n) for n in
                                         self.seq(top.get("indicators"), "`indicators`"))))
        body = self.blocks(top.get("body"), "`body`")
        notes = tuple(filter(None, (self.note(n) for n in self.seq(top.get("notes"), "`notes`"))))
        appendix = self.blocks(top.get("appendix"), "`appendix`")
        if meta is None:
            return None
        return Report(meta=meta, body=body, indicators=indicators, notes=notes,
                      appendix=appendix, pos=self.pos(root))

    def meta(self, node: yaml.Node) -> Meta | None:
        m = self.mapping(node, META_KEYS, "`meta`", required=("title",))
        if m is None:
            return None
        speaker = None
        if "speaker" in m:
            s = self.mapping(m["speaker"], SPEAKER_KEYS, "`meta.speaker`", required=("office",))
            if s is not None:
                speaker = Speaker(self.str_(s.get("office"), "`office`"),
                                  self.str_(s.get("name"), "`name`"))
        source = None
        if "source" in m:
            s = self.mapping(m["source"], SOURCE_KEYS, "`meta.source`")
            if s is not None:
                source = Source(**{k: self.str_(s.get(k), f"`source.{k}`") for k in SOURCE_KEYS})
        return Meta(
            title=self.str_(m.get("title"), "`title`"),
            region=self.str_(m.get("region"), "`region`"),
            year_reviewed=self.int_(m.get("year_reviewed"), "`year_reviewed`"),
            year_planned=self.int_(m.get("year_planned"), "`year_planned`"),
            occasion=self.str_(m.get("occasion"), "`occasion`"),
            speaker=speaker,
            date=self.str_(m.get("date"), "`date`"),
            salutation=self.str_(m.get("salutation"), "`salutation`"),
            issuer=self.str_(m.get("issuer"), "`issuer`"),
            status=self.str_(m.get("status"), "`status`"),
            subject=self.str_(m.get("subject"), "`subject`"),
            keywords=self.strs(m.get("keywords"), "`keywords`"),
            source=source,
            pos=self.pos(node),
        )

    def indicator(self, node: yaml.Node) -> Indicator | None:
        m = self.mapping(node, INDICATOR_KEYS, "an indicator", required=("key", "name"))
        if m is None:
            return None
        return Indicator(
            key=self.str_(m.get("key"), "`key`"), name=self.str_(m.get("name"), "`name`"),
            aliases=self.strs(m.get("aliases"), "`aliases`"),
            unit=self.str_(m.get("unit"), "`unit`"),
            kind=self.choice(m.get("kind"), "`kind`", vocab.MEASURES) or "growth",
            verb=self.str_(m.get("verb"), "`verb`"), pos=self.pos(node))

    def blocks(self, node: yaml.Node | None, what: str) -> tuple:
        return tuple(filter(None, (self.block(n) for n in self.seq(node, what))))

    def block(self, node: yaml.Node):
        if isinstance(node, yaml.ScalarNode):
            return Paragraph(self.str_(node, "a paragraph"), pos=self.pos(node))
        m = self.mapping(node, BLOCK_KEYS, "a body item")
        if m is None:
            return None
        kinds = [k for k in ("section", "part", "text", "dashes", "results", "targets")
                 if k in m]
        if not kinds and len(m) < len(node.value):
            return None  # an unknown key (reported with "did you mean") is the likely kind
        if len(kinds) != 1:
            found = ", ".join(f"`{k}`" for k in kinds) or "none"
            self.error(node, "RK026", "a body item needs exactly one of `section`, `part`, "
                                      f"`text`, `dashes`, `results`, `targets` (found {found})")
            return None
        kind, p = kinds[0], self.pos(node)
        extra = set(m) - {kind} - {"section": {"body"}, "part": {"body"},
                                   "text": {"lead", "outcomes"}}.get(kind, set())
        for k in sorted(extra):
            self.error(node, "RK021", f"`{k}` does not belong in a `{kind}` item")
        if kind in ("section", "part"):
            return Section(self.str_(m[kind], f"`{kind}`"),
                           self.blocks(m.get("body"), "`body`"), part=kind == "part", pos=p)
        if kind == "text":
            outcomes = tuple(filter(None, map(self.result, self.seq(m.get("outcomes"),
                                                                    "`outcomes`"))))
            return Paragraph(self.str_(m["text"], "`text`"), self.str_(m.get("lead"), "`lead`"),
                             results=outcomes, pos=p)
        if kind == "dashes":
            return DashList(self.strs(m["dashes"], "`dashes`"), pos=p)
        if kind == "results":
            return ResultList(tuple(filter(None, map(self.result, self.seq(m["results"],
                                                                           "`results`")))), pos=p)
        return TargetList(tuple(filter(None, map(self.target, self.seq(m["targets"],
                                                                       "`targets`")))), pos=p)

    def result(self, node: yaml.Node) -> Result | None:
        m = self.mapping(node, RESULT_KEYS, "a result", required=("indicator",))
        if m is None:
            return None
        comps = []
        if "vs_city" in m:
            d = self.dec(m["vs_city"], "`vs_city`")
            if d is not None:
                comps.append(Comparison(vocab.CITY_AVERAGE, d, self.pos(m["vs_city"])))
        for c in self.seq(m.get("compare"), "`compare`"):
            cm = self.mapping(c, COMPARE_KEYS, "a comparison", required=("against", "diff"))
            if cm is not None and "diff" in cm:
                d = self.dec(cm["diff"], "`diff`")
                if d is not None:
                    comps.append(Comparison(self.str_(cm.get("against"), "`against`"), d,
                                            self.pos(c)))
        return Result(
            indicator=self.str_(m.get("indicator"), "`indicator`"),
            level=self.dec(m.get("level"), "`level`"),
            growth=self.dec(m.get("growth"), "`growth`"),
            growth_note=self.str_(m.get("growth_note"), "`growth_note`"),
            target=self.value(m.get("target"), "`target`"),
            measure=self.choice(m.get("measure"), "`measure`", vocab.MEASURES),
            comparisons=tuple(comps),
            name=self.str_(m.get("name"), "`name`"),
            verb=self.str_(m["verb"], "`verb`") if "verb" in m else None,
            text=self.str_(m.get("text"), "`text`"),
            more=tuple(filter(None, map(self.result, self.seq(m.get("and"), "`and`")))),
            pos=self.pos(node))

    def target(self, node: yaml.Node, inner: bool = False) -> Target | None:
        """A target; an ``inner`` one (under `and:`) may go without a number and without
        `text`: the words of its item are its parent's ("A、B与经济增长同步")."""
        m = self.mapping(node, TARGET_KEYS, "a target", required=("indicator",))
        if m is None:
            return None
        stated = self.bool_(m.get("stated"), "`stated`")
        if "value" not in m and "ensure" not in m and "strive" not in m and "text" not in m \
                and stated is not False and not inner \
                and len(m) == len(node.value):  # else a misspelt key is the likely cause
            self.error(node, "RK023", "a target needs `value`, or `ensure` and/or `strive` (or, "
                                      "for a target without a number, its `text`)")
        if "value" in m and ("ensure" in m or "strive" in m):
            self.error(m["value"], "RK026", "a target has either `value` or `ensure`/`strive`")
        return Target(
            indicator=self.str_(m.get("indicator"), "`indicator`"),
            measure=self.choice(m.get("measure"), "`measure`", vocab.MEASURES),
            ensure=self.value(m.get("ensure"), "`ensure`"),
            strive=self.value(m.get("strive"), "`strive`"),
            value=self.value(m.get("value"), "`value`"),
            name=self.str_(m.get("name"), "`name`"),
            text=self.str_(m.get("text"), "`text`"),
            more=tuple(filter(None, (self.target(n, inner=True)
                                     for n in self.seq(m.get("and"), "`and`")))),
            stated=stated is not False,
            pos=self.pos(node))

    def value(self, node: yaml.Node | None, what: str) -> Value | None:
        """A value: `6.5`, `"7.2以上"`, `"6000人以上"` or {value, qualifier, unit}."""
        if node is None:
            return None
        p = self.pos(node)
        if isinstance(node, yaml.MappingNode):
            m = self.mapping(node, VALUE_KEYS, what, required=("value",))
            if m is None or "value" not in m:
                return None
            number = self.dec(m["value"], what)
            unit = self.str_(m["unit"], "`unit`") if "unit" in m else None
            high = self.dec(m["high"], "`high`") if "high" in m else None
            return None if number is None else Value(number, self.choice(
                m.get("qualifier"), "`qualifier`", vocab.QUALIFIERS), unit, high=high, pos=p)
        parts = split_value(node.value) if isinstance(node, yaml.ScalarNode) else None
        if parts is None or node.tag not in (_CORE + "int", _CORE + "float", _CORE + "str"):
            self.error(node, "RK020", f"{what} must be a number with an optional qualifier "
                                      f"(6.5, \"7.2以上\"), not {_show(node)}")
            return None
        number, unit, qualifier = parts
        if not self.sane(node, number, what):
            return None
        return Value(number, qualifier, unit or None, pos=p)

    def note(self, node: yaml.Node) -> Note | None:
        m = self.mapping(node, NOTE_KEYS, "a note", required=("key",))
        if m is None:
            return None
        return Note(self.str_(m.get("key"), "`key`"), self.str_(m.get("term"), "`term`"),
                    self.str_(m.get("text"), "`text`"), self.pos(node))


#: Where each key belongs, for "`ensure` belongs in a target" when it is written elsewhere.
_HOMES = (("the top level of the spec", TOP_KEYS), ("`meta`", META_KEYS),
          ("a body item", BLOCK_KEYS), ("a result", RESULT_KEYS), ("a target", TARGET_KEYS),
          ("an indicator", INDICATOR_KEYS), ("a note", NOTE_KEYS))


def _hint(key: str, keys: tuple[str, ...]) -> str:
    """"; did you mean `target`?", "; `ensure` belongs in a target", or the keys allowed."""
    homes = [what for what, keys_there in _HOMES if key in keys_there]
    if homes:  # a real key in the wrong place: a near miss here would mislead
        return f"; `{key}` belongs in {' or '.join(homes)}"
    near = difflib.get_close_matches(key, keys, n=1)
    return f"; did you mean `{near[0]}`?" if near else f"; expected one of: {', '.join(keys)}"


def _short(text: str) -> str:
    return text if len(text) < 40 else text[:37] + "…"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _show(node)


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _CORE + "null":
            return "empty"
        return f"`{node.value}`" if len(node.value) < 40 else f"`{node.value[:37]}…`"
    return _kind(node)
