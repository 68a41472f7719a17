"""From lines of cleaned report text to a Report: the part every importer shares.

The text, markdown and Word readers each turn their source into :class:`SrcLine` values (the
text with markup removed, its place in the source, and hints such as a heading style or a bold
lead) and hand them to :func:`build`. This module finds the front matter (title, occasion,
speaker, salutation), the section tree from the heading numbers 一、 （一） 1. （1） (or the
hints), lead sentences, dash lists, note marks, results and targets, and the notes list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import vocab as v
from ..clean import LazyRe
from ..model import (
    DashList,
    Indicator,
    Meta,
    Note,
    Paragraph,
    Pos,
    Report,
    ResultList,
    Section,
    Source,
    Speaker,
    TargetList,
)
from ..problems import Problem
from ..registry import Registry, builtin
from .family import patterns as fam
from .family.results import read_results
from .family.targets import joined, parse_clause, qualitative, split_clauses
from .figures import Found, parse_result, parse_target

_CN = "一二三四五六七八九十"
HEADING_RES = (
    (1, LazyRe(rf"^([{_CN}]{{1,3}})、\s*")),
    (2, LazyRe(rf"^（([{_CN}]{{1,3}})）\s*")),
    (3, LazyRe(r"^(\d{1,2})[.．](?!\d)\s*")),
    (4, LazyRe(r"^（(\d{1,2})）\s*")),
)
OCCASION_RE = LazyRe(r"^[（(—\-－\s]*(\d{4}年\d{1,2}月(?:\d{1,2}日)?\s*在.{2,60}?(?:会议|大会)上)"
                     r"\s*[）)]?$")
SPEAKER_RE = LazyRe(r"^(\S.{0,40}?(?:长|总理|主任|书记|负责人|局长|院长|代表))[\s\u3000]+"
                    r"([\u4e00-\u9fff·]{2,5})$")
SALUTATION_RE = LazyRe(r"^各位代表[:：]?$")
TITLE_RE = LazyRe(r"^.{2,90}?报告(?:（[^（）]{0,40}）)?$")
MARK_RE = LazyRe(r"\[(\d{1,3})\]")
#: Headings are numbered up to 九十九 (vocab.cn_number).
MAX_SIBLINGS = 99
NOTES_HEADING = v.NOTES_HEADING
NOTES_HEADINGS = (v.NOTES_HEADING, "名词解释：", "注释", "注解")
NOTE_ITEM_RE = LazyRe(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.．、])\s*(.*)$")
#: An item opened by an ordinal word, its first sentence the lead: "第一，加速提升产业竞争力。",
#: "一是深化改革。", "首先，……。"
ORDINAL_LEAD_RE = LazyRe(r"^((?:第[一二三四五六七八九十]{1,3}[，、]|[一二三四五六七八九十]{1,3}是|首先，|"
                         r"其次，|再次，|最后，)[^。！？；]{2,40}[。！])(.+)$")
LEAD_RE = LazyRe(r"^([^，,：；。！？:;\[]{2,24}[。！])(.+)$")
TARGET_INTRO_RE = LazyRe(r"目标(?:是|为)?[:：]$")
RESULT_HINT_RE = LazyRe(r"年初(?:预期|控制)?目标")
TARGET_HINT_RE = LazyRe(r"确保|力争|控制在")
#: A heading over last year's outcomes: its "——" lines are results, not targets.
REVIEW_HEADING_RE = LazyRe(r"完成情况|执行情况|工作回顾|过去一年")
#: A top-level heading over the year ahead: outcomes are not read under it.
LOOKS_AHEAD_RE = LazyRe(r"今年|明年|今后|安排|任务|目标|建议|部署|打算|计划草案")


@dataclass
class SrcLine:
    """One paragraph of the source after cleaning.

    ``level`` is a heading level given by markup (markdown ``#``, a Word heading style), 0 when
    none; ``bold`` the bold text the paragraph starts with (a lead sentence or a heading);
    ``whole_bold`` says the whole paragraph is bold (an unnumbered heading in the corpus).
    """

    text: str
    line: int
    col: int = 1
    level: int = 0
    bold: str = ""
    whole_bold: bool = False
    style_title: bool = False


@dataclass
class _Open:
    level: int
    heading: str
    pos: Pos
    body: list = field(default_factory=list)
    part: bool = False


@dataclass
class Stats:
    """What an import found, for the summary line."""

    sections: int = 0
    paragraphs: int = 0
    results: int = 0
    targets: int = 0
    dashes: int = 0
    notes: int = 0
    exact_numbers: int = 0
    worded_numbers: int = 0


class Builder:
    """Builds one Report from SrcLines; collects warnings as Problems."""

    def __init__(self, file: str, registry: Registry | None = None):
        self.file = file
        self.problems: list[Problem] = []
        self.registry = registry or _builtin_registry()
        self.new_indicators: dict[str, Indicator] = {}
        self.notes: dict[str, Note] = {}
        self.root: list = []
        self.stack: list[_Open] = []
        self.stats = Stats()
        self.unnumbered_level1 = False
        self.in_notes = False
        self.target_context = False
        self.result_context = False
        self.targets_here = False
        self.heading_text = ""  # the last heading, numbered or a line of its own
        #: The first top-level heading over last year ("2022年工作回顾"): it names the year.
        self.review_heading = ""
        #: The main target list of the planned year: "none" yet, "open" after its opening
        #: line (the list follows), "done" once read (later targets are tasks, not the list).
        self.main = "none"
        #: The body's blocks while the appendix is read into ``root`` (None before it).
        self.body_root: list | None = None
        #: The year the review covers (from the front lines), the heading of the top-level
        #: section the text is in, and the indicators whose outcome the prose already gave.
        self.reviewed: int | None = None
        self.top_heading = ""
        self.seen_results: set[str] = set()
        #: The report lists its results as "——" lines: the prose is not read for them.
        self.listed_results = False

    # -- helpers ---------------------------------------------------------------------------
    def pos(self, ln: SrcLine) -> Pos:
        """The model position of a source line."""
        return Pos(self.file, ln.line, ln.col)

    def warn(self, ln: SrcLine, code: str, message: str) -> None:
        """Record a warning at a source line."""
        self.problems.append(Problem(self.file, ln.line, ln.col, "warning", code, message))

    def container(self) -> list:
        """The body list new blocks go into: the innermost open section's, or the root."""
        return self.stack[-1].body if self.stack else self.root

    def add(self, block) -> None:
        """Append a block where the text currently is."""
        self.container().append(block)

    # -- front matter ----------------------------------------------------------------------
    def front(self, lines: list[SrcLine], meta: dict) -> int:
        """Take title, occasion, speaker and salutation from the top; return lines used."""
        i = 0
        while i < len(lines):
            ln = lines[i]
            s = ln.text.strip()
            if SALUTATION_RE.match(s):
                meta.setdefault("salutation", v.SALUTATION if s.startswith("各位代表") else s)
                return i + 1
            kind = _front_kind(s, ln, i == 0 and "title" not in meta)
            if kind is None:
                return i
            if kind in meta:
                if _same(meta[kind], s):
                    self.warn(ln, "RK303", f"repeated {kind} line left out: {s[:30]}")
                else:
                    return i
            else:
                meta[kind] = s
            i += 1
        return i

    # -- body ------------------------------------------------------------------------------
    def body(self, lines: list[SrcLine]) -> None:
        """Read the body: sections, paragraphs, "——" runs and the notes list."""
        # Bare short lines count as top headings only in a document that marks its top
        # headings neither with numbers nor with styles (panzhihua-city/2025 is one).
        self.unnumbered_level1 = not any(HEADING_RES[0][1].match(ln.text) or ln.level
                                         for ln in lines)
        parts = find_parts(lines)
        i = 0
        while i < len(lines):
            ln = lines[i]
            text = ln.text.strip()
            if not text:
                i += 1
                continue
            if _is_notes_heading(text):
                self.close_to(0)  # the notes list ends the body
                self.in_notes = True
                i += 1
                continue
            if i in parts or (self.in_notes or self.stats.paragraphs > 3) and \
                    fam.APPENDIX_RE.match(_plain(text)) and len(text) <= 40:
                if i not in parts:
                    self.start_appendix()
                self.open_part(ln, _plain(text))
                i += 1
                continue
            if self.in_notes and self.note_item(ln, text):
                i += 1
                continue
            if text.startswith(v.DASH):
                j = i
                while j < len(lines) and lines[j].text.strip().startswith(v.DASH):
                    j += 1
                self.dash_run(lines[i:j])
                i = j
                continue
            head = self.heading(ln, text)
            if head is not None:
                level, heading, rest = head
                self.open_section(ln, level, heading)
                if rest:
                    self.paragraph(ln, rest, "")
                i += 1
                continue
            self.paragraph(ln, text, ln.bold)
            i += 1

    def heading(self, ln: SrcLine, text: str) -> tuple[int, str, str] | None:
        """(level, heading, text after it on the same line) when the line opens a section."""
        bold = ln.bold.strip()
        for level, rx in HEADING_RES:
            m = rx.match(text)
            if m:
                label_end = m.end()
                head_part = text[label_end:]
                if bold and text.startswith(bold) and len(bold) > label_end:
                    return level, bold[label_end:].strip(), text[len(bold):].strip()
                if ln.whole_bold or ln.level:
                    return level, head_part.strip(), ""
                return (level, *_split_heading(head_part))
        if ln.level:
            return ln.level, text, ""
        if ln.whole_bold and len(text) <= 40 and not text.startswith(v.DASH) and \
                not text.endswith(("：", ":")):  # a bold line that opens a list is no heading
            return 1, text, ""
        if self.unnumbered_level1 and _looks_like_bare_heading(text):
            return 1, text, ""
        return None

    def start_appendix(self) -> None:
        """What follows goes to the report's appendix, not its body."""
        self.close_to(0)
        self.in_notes = False
        if self.body_root is None:
            self.body_root, self.root = self.root, []

    def open_part(self, ln: SrcLine, heading: str) -> None:
        """An unnumbered part heading: its numbered sections restart at 一、."""
        self.close_to(0)
        self.in_notes = False
        self.stack.append(_Open(1, heading, self.pos(ln), part=True))
        self.stats.sections += 1
        self.top_heading = self.heading_text = heading
        if REVIEW_HEADING_RE.search(heading) and not self.review_heading:
            self.review_heading = heading
            self.note_reviewed(heading)

    def note_reviewed(self, heading: str) -> None:
        """A review heading naming its year ("2022年工作回顾") says which year is reviewed (a
        report given in December reviews the year it is given in)."""
        m = re.search(r"((?:19|20)\d\d)年(?:工作)?(?:回顾|主要工作)", heading)
        if m and not fam.PLAN_PERIOD_RE.search(heading[:m.start()]):
            self.reviewed = int(m.group(1))

    def shift(self) -> int:
        """1 inside a part (its sections sit one level down in the stack), else 0."""
        return 1 if self.stack and self.stack[0].part else 0

    def open_section(self, ln: SrcLine, level: int, heading: str) -> None:
        """Start a section at a level, closing deeper ones; check its number."""
        self.in_notes = False
        if self.main == "open":
            self.main = "done"
        level += self.shift()
        self.close_to(level - 1)
        if len(self.stack) < level - 1:
            self.warn(ln, "RK302", f"heading at level {level} with no level {level - 1} above "
                                   "it; it is placed one level down from the enclosing one")
        sec = _Open(len(self.stack) + 1, heading, self.pos(ln))
        if sec.level == 1 + self.shift() and (sec.level == 1 or not self.top_heading):
            self.top_heading = heading
        self.stack.append(sec)
        self.stats.sections += 1
        looks_back = bool(REVIEW_HEADING_RE.search(heading))
        if looks_back and sec.level == 1 + self.shift() and not self.review_heading:
            self.review_heading = heading
            self.note_reviewed(heading)
        self.target_context = "目标" in heading and not looks_back
        self.targets_here = False  # a target list seen in this section: more may follow
        self.heading_text = heading
        self.result_context = looks_back
        self._check_number(ln, sec)

    def _check_number(self, ln: SrcLine, sec: _Open) -> None:
        level = sec.level - self.shift()
        siblings = [b for b in (self.stack[-2].body if len(self.stack) > 1 else self.root)
                    if isinstance(b, Section)]
        n = len(siblings) + 1
        if n > MAX_SIBLINGS:
            if n == MAX_SIBLINGS + 1:
                self.warn(ln, "RK302", f"more than {MAX_SIBLINGS} sections at level {level}: "
                                       "headings cannot be numbered past 九十九; is this one "
                                       "report?")
            return
        expected = v.heading_label(level, n) if level <= 4 else ""
        text = ln.text.strip()
        for lv, rx in HEADING_RES:
            m = rx.match(text)
            if m and lv == level and expected and not text.startswith(expected):
                self.warn(ln, "RK302", f"heading number `{m.group().strip()}` where "
                                       f"`{expected}` comes next; it is renumbered")

    def close_to(self, depth: int) -> None:
        """Close open sections until ``depth`` remain."""
        while len(self.stack) > depth:
            sec = self.stack.pop()
            block = Section(sec.heading, tuple(sec.body), part=sec.part, pos=sec.pos)
            self.container().append(block)

    def paragraph(self, ln: SrcLine, text: str, bold: str) -> None:
        """A paragraph (lead sentence split off), or a prose target list."""
        text = self.marks(text)
        if self.main == "open":
            if self.prose_targets(ln, "", "", text, continued=True):
                return
            if not text.endswith(("，", "；", ";", ",")):  # a clause of the list goes on
                self.main = "done"
        if len(text) <= 30 and not re.search(r"[。；：:，,]", text):
            self.heading_text = text  # a heading of its own line ("**“十三五”发展目标任务**")
        if self.main == "none" and self.main_list(ln, text):
            return
        lead, rest = _split_lead(text, self.marks(bold) if bold else "")
        found = self.prose_results(ln, text)
        self.add(Paragraph(rest, lead, results=found, pos=self.pos(ln)))
        self.stats.paragraphs += 1
        self.target_context = bool(TARGET_INTRO_RE.search(text)) or self.main == "open" or (
            self.target_context and not text)

    def main_list(self, ln: SrcLine, text: str) -> bool:
        """Read the paragraph as the year's main list when it is one (or opens one: the list
        then follows on its own lines); whether it was read."""
        intro = find_intro(text)
        planned = f"|{self.reviewed + 1}年" if self.reviewed else ""
        if self.under_plan_period() and not re.search(
                rf"今年|明年|本年{planned}", text[:(intro or (0, 80))[1]]):
            return False  # the goals of the five years, not the year's
        if intro is None:
            if self.unintroduced_list(ln, text):
                self.main = "done"
                return True
            return False
        start, end = intro
        if not text[end:].strip():
            self.main = "open"  # the list follows on its own lines
            return False
        if self.prose_targets(ln, text[:start], text[start:end], text[end:]):
            self.main = "done"
            return True
        return False

    def under_plan_period(self) -> bool:
        """Under a heading of the plan period's goals ("“十三五”发展目标任务", "今后五年的主要
        任务"), not one of this year ("“十四五”时期规划目标和2021年重点工作")."""
        # the nearest heading that speaks of either decides
        for h in [self.heading_text, *(o.heading for o in reversed(self.stack))]:
            if fam.YEAR_HEADING_RE.search(h):
                return False
            if fam.PLAN_PERIOD_RE.search(h):  # “十四五”…的指导思想和总体要求, 今后五年的主要任务
                return True
        return False

    def in_review(self) -> bool:
        """The text is in the review of last year: before the main target list, outside the
        notes, not under a top-level heading that looks ahead (今年/工作安排/任务)."""
        heading = self.top_heading
        planned = f"{self.reviewed + 1}年" if self.reviewed else "今年"
        ahead = (LOOKS_AHEAD_RE.search(heading) or planned in heading) and \
            not REVIEW_HEADING_RE.search(heading)  # 2019年和今年以来工作回顾
        return self.main == "none" and not self.in_notes and not ahead

    def prose_results(self, ln: SrcLine, text: str) -> tuple:
        """Last year's core outcomes the paragraph states, when it is in the review."""
        # (a paragraph opening on last year is its review under any heading, before the list)
        reviews = self.in_review() or self.main == "none" and not self.in_notes and \
            fam.YEAR_REVIEW_RE.match(text)
        if not reviews or self.listed_results or not re.search(r"\d", text):
            return ()
        found = read_results(text, self.registry, self.reviewed, self.pos(ln),
                             self.seen_results)
        self.stats.results += len(found)
        return tuple(found)

    def marks(self, text: str) -> str:
        """Note marks [n] → [^n], one Note per mark (the term guessed from a quote before it)."""
        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key not in self.notes:
                self.notes[key] = Note(key, _term_before(m.string, m.start()))
            return f"[^{key}]"
        return MARK_RE.sub(sub, text)

    def note_item(self, ln: SrcLine, text: str) -> bool:
        """An entry of the notes list ("[1]term：text" or "1．term：text"); False if not one."""
        m = NOTE_ITEM_RE.match(text)
        if not m:
            return False
        key = m.group(1) or m.group(2)
        body = m.group(3)
        term, _, expl = _split_term(body, ln.bold)
        old = self.notes.get(key)
        if old is not None and old.text:
            # a second list numbered from 1 after the notes (an appendix's questions): never
            # overwrite an explanation; what follows is an appendix
            self.problems.append(Problem(
                self.file, ln.line, ln.col, "warning", "RK312",
                f"note [{key}] is explained twice (line {old.pos.line} and here): the notes "
                "list ends here and what follows is kept as an appendix"))
            self.start_appendix()
            return False
        self.notes[key] = Note(key, term or (old.term if old else ""), expl, pos=self.pos(ln))
        return True

    # -- dash lines, results and targets ---------------------------------------------------
    def dash_run(self, run: list[SrcLine]) -> None:
        """Consecutive "——" lines: results, targets or a plain dash list, in runs."""
        groups: list[tuple[str, list]] = []
        for ln in run:
            item = ln.text.strip()[len(v.DASH):]
            kind, value = self.dash_item(ln, item)
            if groups and groups[-1][0] == kind:
                groups[-1][1].append(value)
            else:
                groups.append((kind, [value]))
        for kind, items in groups:
            p = items[0][1] if kind == "dash" else items[0].pos
            if kind == "result":
                self.listed_results = True
                self.add(ResultList(tuple(items), pos=p))
                self.stats.results += len(items)
            elif kind == "target":
                self.add(TargetList(tuple(items), pos=p))
                self.targets_here = True
                self.stats.targets += len(items)
            elif kind == "stated":
                for para in items:
                    self.add(para)
                self.stats.paragraphs += len(items)
            else:
                self.add(DashList(tuple(t for t, _ in items), pos=p))
                self.stats.dashes += len(items)
        if self.main == "none" and any(kind == "target" for kind, _ in groups):
            self.main = "done"  # the first target list is the main one (an opened list
            # stays open until a paragraph or heading that is not of it)
        self.target_context = False

    def dash_item(self, ln: SrcLine, item: str):
        """(kind, value) of one "——" line: a result, a target, or a plain dash item."""
        item = self.marks(item)
        if self.main == "open" and fam.MULTI_YEAR_RE.search(item):
            self.main = "none"  # the opening was of five-year goals
        if self.main == "open":
            found = self.main_dash(ln, item)
            if found is not None:
                self._learn(found)
                self._count(found)
                return "target", found.item
        if "[^" not in item:
            if RESULT_HINT_RE.search(item) or self.result_context:
                found = parse_result(item, self.registry, self.pos(ln))
                if found.item is not None:
                    self._count(found)
                    return "result", found.item
            # once the main list is read, later "——" lines are tasks (unless they go on
            # the list in its own section)
            if self.targets_here or self.main != "done" and not self.under_plan_period() and \
                    not fam.MULTI_YEAR_RE.search(item) and (
                    self.target_context or TARGET_HINT_RE.search(item)):
                found = parse_target(item, self.registry, self.pos(ln))
                if found.item is not None:
                    self._learn(found)
                    self._count(found)
                    return "target", found.item
        found = self.prose_results(ln, item)
        if found:  # a "——" line of the review stating outcomes: a paragraph holding them
            return "stated", Paragraph(v.DASH + item, results=found, pos=self.pos(ln))
        return "dash", (item, self.pos(ln))  # a bold opening stays part of the item's text

    def prose_targets(self, ln: SrcLine, before: str, intro: str, rest: str,
                      continued: bool = False) -> bool:
        """"主要预期目标是：A；B；C。……" → the intro, a TargetList of the clauses that parse,
        the clauses that do not as text, and what follows the list as a paragraph. A
        ``continued`` list (a paragraph after the opening line) must start with a target and
        state a number."""
        parsed, after = self.main_clauses(ln, rest)
        if sum(1 for _, f in parsed if f.item is not None) == 0:
            return False
        multi = sum(1 for words, _ in parsed if fam.MULTI_YEAR_RE.search(words))
        if multi >= max(2, len(parsed) // 3):
            self.main = "none" if self.main == "open" else self.main
            return False  # a five-year list: the year's own is still to come
        if continued and not fam.GROUP_LABEL_RE.match(rest) and (
                not parsed or parsed[0][1].item is None or not any(
                _has_value(f.item) for _, f in parsed if f.item is not None)):
            return False
        if before.strip():
            lead, body = _split_lead(before.strip(), "")
            self.add(Paragraph(body, lead, pos=self.pos(ln)))
            self.stats.paragraphs += 1
        if intro:
            self.add(Paragraph(intro, pos=self.pos(ln)))
            self.stats.paragraphs += 1
        items: list = []
        loose: list[str] = []
        for text, found in parsed:
            if found.item is None:
                if items:
                    self.add(TargetList(tuple(items), pos=self.pos(ln)))
                    items = []
                loose.append(text)
                continue
            if loose:
                self.add(Paragraph("".join(loose), pos=self.pos(ln)))
                self.stats.paragraphs += 1
                loose = []
            self._learn(found)
            self._count(found)
            items.append(found.item)
            self.stats.targets += 1
        if items:
            self.add(TargetList(tuple(items), pos=self.pos(ln)))
        self.targets_here = True
        if loose:
            self.add(Paragraph("".join(loose), pos=self.pos(ln)))
            self.stats.paragraphs += 1
        if after.strip():
            lead, body = _split_lead(after.strip(), "")
            self.add(Paragraph(body, lead, pos=self.pos(ln)))
            self.stats.paragraphs += 1
        return True

    def unintroduced_list(self, ln: SrcLine, text: str) -> bool:
        """A main list with no opening phrase ("综合考虑各方面因素，今年全市地区生产总值增长8%
        左右，……"): past the review, at least three registered indicators with a number, and
        the words of targets (左右, 以上, 以内, 确保, 力争, 控制在)."""
        planned = f"{self.reviewed + 1}年" if self.reviewed else "今年"
        if self.in_review() and not re.search(rf"今年|明年|{planned}", text[:40]):
            return False
        if self.reviewed and f"{self.reviewed}年" in text and \
                not re.search(rf"今年|明年|{planned}", text):
            return False  # a paragraph on the year reviewed ("2005年城镇登记失业率预计为4.5%以内")
        if not _TARGET_WORDS_RE.search(text):
            return False
        clauses = split_clauses(text, self.registry)
        found = [(i, parse_clause(c, self.registry, self.pos(ln))) for i, c in enumerate(clauses)]
        known = [i for i, fs in found for f in fs
                 if f.item.indicator in _builtin_keys() and _has_value(f.item)]
        if len(known) < 3:
            return False
        if fam.NOT_MAIN_RE.search(text[:30]):
            # a paragraph opening on the plan period ("今年是“十三五”开局之年……") may still
            # end in the year's list, when its sentence opens as one ("综合考虑各方面因素，")
            start = max(text.rfind("。", 0, sum(map(len, clauses[:known[0]]))) + 1, 0)
            sentence = text[start:]
            leads = fam.PLAN_LEAD_RE.match(sentence) or re.match(  # "……，努力实现地区生产总值增长7%"
                r"(?:努力|力争|确保)实现", clauses[known[0]].strip())
            if not leads or fam.NOT_MAIN_RE.search(
                    sentence[:sum(map(len, clauses[:known[-1] + 1])) - start]):
                return False
        first = known[0]
        while first and any(f.item.indicator in _builtin_keys() for f in found[first - 1][1]):
            first -= 1  # "经济增速保持在合理区间，" before the first number is an item too
        before = "".join(clauses[:first])
        if not self.prose_targets(ln, before, "", "".join(clauses[first:])):
            return False
        self.warn(ln, "RK313", "a main target list with no opening phrase (主要预期目标是：) was "
                               "read here; check that these are this year's targets")
        return True

    def main_clauses(self, ln: SrcLine, rest: str) -> tuple[list, str]:
        """The clauses of a main list as (wording, Found) pairs, and the text after the list
        (from a clause such as "实现上述目标，……" or the first that is no target on)."""
        clauses = split_clauses(rest, self.registry)
        parsed: list = []
        for i, clause in enumerate(clauses):
            words = clause.strip()
            found = self.clause_found(ln, words)
            # what follows the list ("实现上述目标，……"); a first clause that states numbers is
            # the list's own, whatever its preamble ("综合考虑……，初步安排2014年……分别增长10%")
            if fam.LIST_END_RE.match(words) and (
                    parsed or found is None or not _has_value(found.item)):
                return self._fill_between(ln, parsed), "".join(clauses[i:])
            if parsed and clauses[i - 1].rstrip().endswith("。") and (
                    len(clauses) - i >= 3 and not _any_number(clauses[i:]) and
                    self._named(clauses[i:i + 6]) < 2 or
                    re.search(r"目标(?:确定|设定|定)为", words)):
                # sentences without a number that name no indicator ("保持“三个同步”，即……；
                # 实现“三个高于”，……") say what the list means, not more items (unlike "居民
                # 人均可支配收入与经济增长基本同步，城镇调查失业率控制在……以内"); so is one on the
                # targets ("全省经济增长预期目标确定为10%，是综合考虑……")
                return self._fill_between(ln, parsed), "".join(clauses[i:])
            if found is None:
                if any(f.item is not None for _, f in parsed) and not re.search(r"\d", words) \
                        and i + 1 < len(clauses) and not _any_number(clauses[i + 1:]) and \
                        clauses[i - 1].rstrip().endswith(("。", "！")):  # a sentence after it
                    return self._fill_between(ln, parsed), "".join(clauses[i:])
                parsed.append((words, Found(None)))
                continue
            parsed.append((words, found))
        return self._fill_between(ln, parsed), ""

    def _named(self, clauses: list[str]) -> int:
        """How many of the clauses open on a registered indicator's name."""
        return sum(1 for c in clauses if any(
            self.registry.find(c.strip()[:end]) for end in range(2, min(len(c.strip()), 16) + 1)))

    def _fill_between(self, ln: SrcLine, parsed: list) -> list:
        """An item without a number between two targets of the list is an item of the list
        ("进出口促稳提质，"): a qualitative target, so the list stays one list."""
        last = max((k for k, (_, f) in enumerate(parsed) if f.item is not None), default=-1)
        out = []
        for k, (words, found) in enumerate(parsed):
            if found.item is None and k < last:
                found = qualitative(words, self.registry, self.pos(ln)) or found
            out.append((words, found))
        return out

    def main_dash(self, ln: SrcLine, item: str):
        """A "——" line of a main list as one Found: its clauses' targets joined as ``more``,
        the line's words kept unless it is one target that regenerates exactly."""
        whole = parse_target(item, self.registry, self.pos(ln))
        if whole.exact:
            return whole
        clauses = split_clauses(item, self.registry)
        founds = [f for f in (self.clause_found(ln, c.strip()) for c in clauses) if f is not None]
        if not founds:  # every "——" line after the list's opening is an item of it
            return qualitative(item, self.registry, self.pos(ln))
        if len(founds) == 1 and founds[0].exact and clauses == [item]:
            return founds[0]
        return joined(founds, item)

    def clause_found(self, ln: SrcLine, words: str):
        """One Found for a clause of a main list (several targets joined as ``more``)."""
        founds = parse_clause(words, self.registry, self.pos(ln))
        if not founds:
            return None
        return founds[0] if len(founds) == 1 else joined(founds, words)

    def _learn(self, found) -> None:
        for ind in found.new_indicators:
            if ind.key not in self.registry:
                self.new_indicators[ind.key] = ind
                self.registry.add(ind)

    def _count(self, found) -> None:
        if found.exact:
            self.stats.exact_numbers += 1
        else:
            self.stats.worded_numbers += 1

    # -- the whole -------------------------------------------------------------------------
    def finish(self, meta: Meta) -> Report:
        """Close every section and assemble the report."""
        self.close_to(0)
        self.stats.notes = len(self.notes)
        notes = tuple(sorted(self.notes.values(), key=lambda n: _note_order(n.key)))
        body, appendix = (self.root, []) if self.body_root is None else \
            (self.body_root, self.root)
        return Report(meta=meta, body=tuple(body),
                      indicators=tuple(self.new_indicators.values()), notes=notes,
                      appendix=tuple(appendix))


def build(lines: list[SrcLine], file: str, title: str = "", source: Source | None = None,
          meta_extra: dict | None = None) -> tuple[Report, list[Problem], Stats]:
    """Build a Report from cleaned lines: (report, warnings, what was found)."""
    b = Builder(file)
    found: dict[str, str] = {"title": title} if title else {}
    lines = [ln for ln in lines if ln.text.strip()]
    start = b.front(lines, found)
    b.reviewed = _years(_plain(found.get("title", "")), found.get("occasion", ""))[0]
    b.body(lines[start:])
    if b.main != "done" and b.stats.targets == 0 and any(
            find_intro(ln.text) for ln in lines[start:]):
        b.problems.append(Problem(file, 1, 1, "warning", "RK313",
                                  "the text opens a target list (主要预期目标…：) but no target "
                                  "could be read from it; its clauses are kept as text"))
    elif b.stats.targets == 0 and any(
            fam.NOT_MAIN_RE.search(ln.text) and re.search(r"目标|指标", ln.text)
            for ln in lines[start:]):
        # a five-year plan, a bulletin, a county's report of another shape: its goals are not
        # stated as this year's targets, and the reader is told so
        b.problems.append(Problem(file, 1, 1, "warning", "RK314",
                                  "no main target list of the planned year was found (goals of "
                                  "other periods are kept as text, not read as this year's "
                                  "targets)"))
    meta = make_meta(found, source, meta_extra or {}, review_heading=b.review_heading)
    report = b.finish(meta)
    if not report.body:
        b.problems.append(Problem(file, 1, 1, "warning", "RK305",
                                  "no body found (no paragraphs or sections after the front "
                                  "lines): is this a report?"))
    if lines and not any(_has_han(ln.text) for ln in lines):
        b.problems.append(Problem(file, 1, 1, "warning", "RK305",
                                  "the text has no Chinese characters: is this a plan report?"))
    return report, b.problems, b.stats


def make_meta(found: dict[str, str], source: Source | None, extra: dict,
              review_heading: str = "") -> Meta:
    """Meta from the front lines: dates, years, region, issuer and subject derived from them
    (the reviewed year also from the heading over last year, ``review_heading``)."""
    title = _plain(found.get("title", "")) or v.UNTITLED
    occasion = found.get("occasion", "")
    m = OCCASION_RE.match(occasion)
    occasion = m.group(1) if m else occasion
    speaker = None
    if "speaker" in found:
        sm = SPEAKER_RE.match(found["speaker"])
        speaker = Speaker(sm.group(1), sm.group(2)) if sm else Speaker(found["speaker"])
    date = ""
    # a web copy may give the day only in its title: "政府工作报告（2023年1月6日　虞平）"
    dm = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", occasion) or \
        re.search(r"（(\d{4})年(\d{1,2})月(\d{1,2})日", title)
    if dm:
        date = f"{dm.group(1)}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}"
    reviewed, planned = _years(title, occasion, review_heading)
    region = _region(title, speaker)
    issuer = _issuer(speaker)
    subject = ""
    sm = re.match(r"^关于(.*)的报告$", title)
    if sm:
        subject = sm.group(1)[len(region):] if region and sm.group(1).startswith(region) else \
            sm.group(1)
    values = {"title": title, "region": region, "year_reviewed": reviewed,
              "year_planned": planned, "occasion": occasion, "speaker": speaker, "date": date,
              "salutation": found.get("salutation", ""), "issuer": issuer, "subject": subject,
              "source": source}
    values.update({k: val for k, val in extra.items() if val})
    return Meta(**values)


# -- small pure helpers -----------------------------------------------------------------------

def _builtin_registry() -> Registry:
    reg = Registry()
    for ind in builtin():
        reg.add(ind)
    return reg


def _front_kind(s: str, ln: SrcLine, first: bool) -> str | None:
    plain = _plain(s)
    if OCCASION_RE.match(plain):
        return "occasion"
    if SPEAKER_RE.match(plain):
        return "speaker"
    if ln.style_title or TITLE_RE.match(plain) or first and not _heading_number(plain) \
            and len(plain) <= 90 and not plain.endswith(v.PERIOD):
        return "title"
    return None


def _is_notes_heading(text: str) -> bool:
    plain = re.sub(r"[\s\u3000*#]", "", text)
    return len(plain) <= 14 and (plain.startswith(NOTES_HEADINGS) and len(plain) <= 12 or
                                 bool(fam.NOTES_HEADING_RE.match(plain)))


def _cn_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (heading numbers up to 九十九)."""
    digits = "一二三四五六七八九"
    if "十" not in text:
        return digits.index(text) + 1 if text in digits else 0
    tens, _, ones = text.partition("十")
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)


def find_parts(lines: list[SrcLine]) -> set[int]:
    """The lines that are unnumbered part headings: the numbering 一、二、… restarts below
    each of them ("2022年工作回顾" … "2023年工作安排"). A reading under which the source's own
    numbers are consistent beats renumbering them."""
    firsts = []
    last = 0
    for i, ln in enumerate(lines):
        m = HEADING_RES[0][1].match(ln.text.strip())
        if m:
            n = _cn_int(m.group(1))
            if n == 1 and (last > 1 or not firsts):
                firsts.append(i)
            last = n
    if len(firsts) < 2:
        return set()
    parts = set()
    for r in firsts:
        for j in range(r - 1, max(-1, r - 6), -1):
            t = lines[j].text.strip()
            if _heading_number(t) or t.startswith(v.DASH):
                break
            if (lines[j].whole_bold or lines[j].level or _looks_like_bare_heading(t)) and \
                    len(_plain(t)) <= 30 and not t.endswith(("。", "：", ":")):
                parts.add(j)
                break
    return parts if len(parts) >= 2 else set()


def find_intro(text: str) -> tuple[int, int] | None:
    """Where a main target list's opening sentence starts and ends (after its colon) in a
    paragraph: "……，提出今年全市经济社会发展的主要预期目标是：" at any length, but not five-year
    goals, last year's targets or a plan's general requirements."""
    for m in fam.INTRO_RE.finditer(text):
        start = max(text.rfind(p, 0, m.start()) for p in "。！？") + 1
        # the words that qualify the list are in its own clause: "2021年是实施“十四五”规划的
        # 开局之年，经济社会发展主要预期目标为：" is this year's list
        clause = max(text.rfind(p, 0, m.start()) for p in "，。！？；") + 1
        words = text[clause:m.end()]
        bad = fam.NOT_MAIN_RE.search(words)
        if bad and bad.group() == "奋斗目标" and re.search(r"今年|本年|明年", words) and \
                not fam.NOT_MAIN_RE.search(words.replace("奋斗目标", "")):
            bad = None  # "今年全省经济社会发展的主要奋斗目标是："
        if not bad and not fam.LATER_YEARS_RE.match(text[m.end():].lstrip()):
            return start, m.end()
    return None


_TARGET_WORDS_RE = LazyRe(r"左右|以上|以内|确保|力争|控制在|预期|初步安排")


def _has_value(t) -> bool:
    return any(x is not None for x in (t.ensure, t.strive, t.value)) or \
        any(_has_value(m) for m in t.more)


def _any_number(clauses: list[str]) -> bool:
    return any(re.search(r"\d", c) for c in clauses)


def _has_han(text: str) -> bool:
    # a comparison, not a [\u3400-\u9fff] pattern: that class alone takes 2 ms to compile
    return any("\u3400" <= c <= "\u9fff" for c in text)


def _same(a: str, b: str) -> bool:
    """Two front lines say the same (ignoring markup, brackets, dashes and spaces)."""
    def norm(s: str) -> str:
        return re.sub(r"[\s\u3000*（）()—\-]", "", s)
    return norm(a) == norm(b) or norm(b) in norm(a)


def _plain(s: str) -> str:
    return s.replace("*", "").strip()


def _heading_number(text: str) -> bool:
    return any(rx.match(text) for _, rx in HEADING_RES)


def _split_heading(rest: str) -> tuple[str, str]:
    """A numbered line may carry its first paragraph: heading = the first sentence."""
    end = rest.find(v.PERIOD)
    if 0 <= end < len(rest) - 1:
        return rest[:end + 1].strip(), rest[end + 1:].strip()
    return rest.strip(), ""


def _looks_like_bare_heading(text: str) -> bool:
    """An unnumbered heading line: short, no sentence punctuation (2024年工作回顾)."""
    return (4 <= len(text) <= 30 and not re.search(r"[。，；：！？,;:!?、]", text)
            and not text.startswith(v.DASH) and not text.startswith("（"))


def _split_lead(text: str, bold: str) -> tuple[str, str]:
    """(lead, rest): a bold opening, or a short first sentence without commas."""
    if bold and text.startswith(bold) and len(bold) < len(text) and bold[-1] in "。！：:；":
        return bold, text[len(bold):]
    if bold:
        return "", text
    m = LEAD_RE.match(text) or ORDINAL_LEAD_RE.match(text)
    if m and not m.group(1).startswith(v.DASH):
        return m.group(1), m.group(2)
    return "", text


def _term_before(text: str, at: int) -> str:
    """The quoted term right before a note mark: “一区多园”[5] → 一区多园."""
    before = text[:at]
    if before.endswith("”"):
        start = before.rfind("“")
        if start >= 0:
            return before[start + 1:-1]
    return ""


def _split_term(body: str, bold: str) -> tuple[str, str, str]:
    """"“term”：explanation" → (term, "：", explanation)."""
    m = re.match(r"^([^，。；]{1,40}?)[：:](.*)$", body)
    if m:
        return _unquote(m.group(1).strip()), "：", m.group(2).strip()
    return "", "", body


def _unquote(term: str) -> str:
    """“term” → term, but only when the quotes enclose the whole term (keep “a”b as it is)."""
    if term.startswith("“") and term.endswith("”") and term.count("“") == 1 \
            and term.count("”") == 1:
        return term[1:-1]
    return term


def _note_order(key: str):
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


_BUILTIN_KEYS: frozenset[str] = frozenset()


def _builtin_keys() -> frozenset[str]:
    """The keys of the built-in indicators (read once)."""
    global _BUILTIN_KEYS
    if not _BUILTIN_KEYS:
        _BUILTIN_KEYS = frozenset(ind.key for ind in builtin())
    return _BUILTIN_KEYS


#: The plan year in a title: "2024年国民经济和社会发展计划（草案）", not "2023年……计划执行情况".
_PLAN_YEAR_RE = LazyRe(r"(\d{4})年(?:国民经济和社会发展)?计划(?!执行)")
_REVIEWED_IN_TITLE_RE = LazyRe(r"(\d{4})年[^\d]*?执行情况")
#: "2022年工作回顾", "过去五年和2022年工作回顾", "2023年国民经济和社会发展计划执行情况".
_REVIEWED_IN_HEADING_RE = LazyRe(r"(\d{4})年(?:[^\d]*?(?:执行情况|完成情况)|工作回顾)")
_YEAR_RE = LazyRe(r"(\d{4})年")


def _years(title: str, occasion: str, review_heading: str = "") -> tuple[int | None, int | None]:
    """(year reviewed, year planned). The planned year: the title's plan year, else the
    occasion's (a report is given early in the year it plans), else the title's first year.
    The reviewed year: the title's "××年……执行情况", else the year the review heading names,
    else the year before the planned one (a report looks back over 过去一年)."""
    planned = reviewed = None
    m = _PLAN_YEAR_RE.search(title)
    if m:
        planned = int(m.group(1))
    m = _REVIEWED_IN_TITLE_RE.search(title)
    if m:
        reviewed = int(m.group(1))
    if planned is None:
        given = re.match(r"(\d{4})年(\d{1,2})月", occasion)
        m = _YEAR_RE.search(occasion) or _YEAR_RE.search(title)
        if given:  # a report given in November or December plans the year after (明年)
            planned = int(given.group(1)) + (1 if int(given.group(2)) >= 11 else 0)
        elif m:
            planned = int(m.group(1))
    if reviewed is None:
        m = _REVIEWED_IN_HEADING_RE.search(review_heading)
        if m:
            reviewed = int(m.group(1))
        elif planned is not None:
            reviewed = planned - 1
    if planned is None and reviewed is not None:
        planned = reviewed + 1
    return reviewed, planned


def _region(title: str, speaker: Speaker | None) -> str:
    m = re.match(r"^关于(.+?)\d{4}年", title)
    if m:
        return m.group(1)
    m = re.match(r"^(?:\d{4}年)?(.+?[省市区县州旗])(?:人民)?政府工作报告", title)
    if m:
        return m.group(1)
    if speaker:
        m = re.match(r"^(.+?[省市区县州旗])(?:人民政府|发展和改革)", speaker.office)
        if m:
            return m.group(1)
    return ""


def _issuer(speaker: Speaker | None) -> str:
    if not speaker:
        return ""
    m = re.match(r"^(.+?(?:局|委员会|政府|国务院|办公室|厅))(?:副?(?:局长|主任|市长|省长|区长|县长|"
                 r"厅长|院长)|总理)$", speaker.office)
    return m.group(1) if m else ""
