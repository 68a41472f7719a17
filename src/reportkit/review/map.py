"""From a reviewed file's two views to edits of the spec.

1. The original view (every change rejected) is aligned with the report's lines: paragraph for
   paragraph when the file's fingerprint is the spec's, by text otherwise (``--force``).
2. The original and edited views are aligned with each other: unchanged paragraphs match, an
   edited paragraph pairs with its most similar counterpart, the rest are deletions and
   insertions, and a deletion whose text reappears elsewhere is a move.
3. Each change becomes :class:`Edit` values on the spec's YAML paths, chosen by the line's kind:
   free text is set, headings lose their generated number, results and targets go back into
   their numbers (generated.solve) or become a ``text:`` override.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .. import vocab
from ..flat import RENDERED_MARK_RE, note_numbers
from ..problems import Problem
from ..registry import for_report
from . import generated
from .places import Place, block_path
from .read import Para, Reviewed

LABEL_RE = re.compile(r"^(?:[一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十百零〇]+）|\d+[.．]"
                      r"|（\d+）)")
NOTE_RE = re.compile(r"^\[(\d+)\]")
#: two paragraphs this similar (difflib ratio) are one paragraph edited
SIMILAR = 0.5
#: a deleted and an inserted paragraph this similar are one paragraph moved
MOVED = 0.9
#: problem codes of the review list: a change not absorbed, and one dropped by design
NOT_ABSORBED, IGNORED = "RK603", "RK608"
HEADING_STYLES = re.compile(r"^(?:heading|Heading|标题)\s*\d")


@dataclass
class Edit:
    """One change to the spec.

    ``op``: "set" (``path`` to a value, ``value`` its new value; ``None`` removes the key),
    "insert" (``path`` = list path + (index before which to insert, in the original list)),
    "delete" (``path`` of the item), "move" (``path`` of the item, ``value`` the insert path).
    ``what`` says it for a person; ``line_no`` is the spec's line.
    """

    op: str
    path: tuple
    value: object = None
    old: object = None
    what: str = ""
    source: str = ""
    line_no: int = 0
    notes: list[str] = field(default_factory=list)
    #: the reviewer's change this edit is part of (a result's growth and its override, a
    #: paragraph's lead and text): a change applies whole or not at all
    group: str = ""

    def key(self) -> tuple:
        """What two edits must not both change."""
        return ("set" if self.op == "set" else "insert" if self.op == "insert" else "item",
                self.path)


@dataclass
class Mapped:
    """Everything one reviewed file says about the spec."""

    source: str
    edits: list[Edit]
    notes: list[Problem]
    comments: list[tuple]  #: (Comment, Place | None)
    sureness: float = 1.0
    exact: bool = True


def map_review(rev: Reviewed, report, places: list[Place], data, exact: bool) -> Mapped:
    """The edits one reviewed file makes to the spec (``data``: its ruamel round-trip tree)."""
    ctx = _Context(rev, report, places, data)
    old_at = ctx.align_old(exact)
    for change in _changes([p.text for p in rev.old], [p.text for p in rev.new]):
        ctx.change(change, old_at, rev.new)
    ctx.collapse_deletes()
    comments = [(c, places[old_at[c.para]] if c.para in old_at else None)
                for c in rev.comments]
    return Mapped(rev.path, ctx.edits, ctx.notes, comments, ctx.sureness, exact)


class _Context:
    def __init__(self, rev: Reviewed, report, places: list[Place], data):
        self.rev, self.report, self.places, self.data = rev, report, places, data
        self.registry = for_report(report)
        self.keys = {n: k for k, n in note_numbers(report).items()}
        self.edits: list[Edit] = []
        self.notes: list[Problem] = list(rev.notes)
        self.sureness = 1.0
        self.stale: set[int] = set()  #: old paragraphs matched to a spec line by likeness only
        self.group = ""

    # -- alignment ---------------------------------------------------------------------
    def align_old(self, exact: bool) -> dict[int, int]:
        """Old-view paragraph index -> index into places."""
        texts = [p.line.full for p in self.places]
        olds = [(i, p.text) for i, p in enumerate(self.rev.old) if p.text.strip()]
        sm = difflib.SequenceMatcher(None, texts, [t for _, t in olds], autojunk=False)
        out, matched = {}, 0
        for tag, a1, a2, b1, b2 in sm.get_opcodes():
            if tag == "equal":
                for k in range(a2 - a1):
                    out[olds[b1 + k][0]] = a1 + k
                    matched += 1
            elif tag == "replace" and not exact:
                for a, b in _pairs(texts[a1:a2], [t for _, t in olds[b1:b2]], SIMILAR):
                    out[olds[b1 + b][0]] = a1 + a
                    self.stale.add(olds[b1 + b][0])
        matched += self._misplaced(texts, olds, out)
        self.sureness = matched / max(len(olds), 1)
        return out

    def _misplaced(self, texts: list[str], olds: list[tuple[int, str]], out: dict) -> int:
        """Match paragraphs found out of order by their text. LibreOffice's comparison writes
        a wholly deleted paragraph at the end of the document, not where it was."""
        free: dict[str, list[int]] = {}
        taken = set(out.values())
        for a, text in enumerate(texts):
            if a not in taken:
                free.setdefault(text, []).append(a)
        found = 0
        for i, text in olds:
            if i not in out and free.get(text):
                out[i] = free[text].pop(0)
                self.stale.discard(i)
                found += 1
        return found

    # -- changes -----------------------------------------------------------------------
    def change(self, change: tuple, old_at: dict[int, int], new: list[Para]) -> None:
        op, i, j = change[:3]
        self.group = f"{self.rev.path}#{i}:{j}"
        where = self.places[old_at[i]] if i is not None and i in old_at else None
        if op in ("edit", "delete", "move") and where is None:
            text = self.rev.old[i].text
            self.note(f"a change to 「{_short(text)}」 no longer applies: the spec has no such "
                      "paragraph")
            return
        if where is not None and where.path is None and where.line.kind != "notes_heading" \
                and op != "insert":
            self.note(f"a change to 「{_short(where.line.full)}」 is not absorbed: absorb does "
                      "not know where that line lives in the spec")
            return
        if op == "edit" and i in self.stale:
            self.note(f"a change to 「{_short(self.rev.old[i].text)}」 no longer applies: the "
                      "spec's paragraph now reads differently")
            return
        if op == "edit":
            self.edit(where, new[j])
        elif op == "delete":
            self.delete(where)
        elif op == "insert":
            self.insert(self._after(i, old_at), new[j])
        elif op == "move":
            self.move(where, self._after(change[3], old_at), new[j])

    def _after(self, i: int | None, old_at: dict[int, int]) -> Place | None:
        """The line after which an old-view position (index of the paragraph before) is."""
        while i is not None and i >= 0:
            if i in old_at:
                return self.places[old_at[i]]
            i -= 1
        return None

    def note(self, message: str, line: int = 0, code: str = NOT_ABSORBED) -> None:
        """A note for the review list: by default a change not absorbed (RK603); IGNORED
        (RK608) for a change dropped by design, such as a generated heading number."""
        spec = self.report.pos.file if line else self.rev.path
        self.notes.append(Problem(spec, line, 0, "warning", code, message))

    def add(self, op: str, path: tuple, value=None, old=None, what: str = "",
            where: Place | None = None, notes=()) -> None:
        self.edits.append(Edit(op, path, value, old, what, self.rev.path,
                               where.line_no if where else 0, list(notes), self.group))

    def node(self, path: tuple):
        node = self.data
        for key in path:
            node = node[key]
        return node

    # -- edits by kind -----------------------------------------------------------------
    def edit(self, where: Place, para: Para) -> None:
        line, text = where.line, para.text
        kind = line.kind
        if kind == "notes_heading":
            self.note(f"the notes heading is generated; 「{_short(text)}」 ignored", code=IGNORED)
        elif kind == "title":
            self.set(where, ("meta", "title"), text)
        elif kind == "occasion":
            self.occasion(where, text.strip().removeprefix("（").removesuffix("）"))
        elif kind == "salutation":
            self.set(where, ("meta", "salutation"), text)
        elif kind == "speaker":
            office, _, name = text.partition("　")
            self.set(where, ("meta", "speaker", "office"), office)
            if name or "name" in self.node(("meta", "speaker")):
                self.set(where, ("meta", "speaker", "name"), name)
        elif kind == "heading":
            self.heading(where, text)
        elif kind == "para":
            self.paragraph(where, para)
        elif kind == "dash":
            self.set(where, where.path, self.unmark(generated.strip_dash(text)))
        elif kind in ("result", "target"):
            self.sentence(where, generated.strip_dash(text))
        elif kind == "note":
            self.note_text(where, text)
        else:
            self.note(f"a change to a {kind} line 「{_short(text)}」 is not absorbed")

    def set(self, where: Place, path: tuple, value, what: str = "", notes=()) -> None:
        old = self._get(path)
        if old == value:
            return
        name = f"{path[-1]}: " if isinstance(path[-1], str) else ""
        self.add("set", path, value, old, what or name + _change(str(old), str(value)), where,
                 notes)

    def _get(self, path: tuple):
        try:
            return self.node(path)
        except (KeyError, IndexError, TypeError):
            return None

    def occasion(self, where: Place, text: str) -> None:
        """The occasion, and the delivery date when the occasion's date was its date."""
        self.set(where, ("meta", "occasion"), text)
        old_date, new_date = _cn_date(where.line.text), _cn_date(text)
        date = self._get(("meta", "date"))
        if new_date and old_date != new_date and str(date) == old_date:
            value = type(date).fromisoformat(new_date) if hasattr(date, "isoformat") else new_date
            self.set(where, ("meta", "date"), value, f"date follows the occasion: {new_date}")

    def heading(self, where: Place, text: str) -> None:
        label = where.line.label
        if text.startswith(label):
            heading = text[len(label):]
        else:
            m = LABEL_RE.match(text)
            heading = text[m.end():] if m else text
            self.note(f"a heading's number was changed (「{label}」); numbers are generated from "
                      "the section's place, so the change is ignored", where.line_no, IGNORED)
        key = "part" if getattr(where.line.block, "part", False) else "section"
        self.set(where, where.path + (key,), self.unmark(heading))

    def paragraph(self, where: Place, para: Para) -> None:
        line, new = where.line, para.text
        item = self.node(where.path)
        lead, text = _split_lead(line.lead, line.text, new, para.lead)
        if isinstance(item, str):  # a plain paragraph has no lead
            self.set(where, where.path, self.unmark(new))
            return
        if lead != line.lead:
            self.set(where, where.path + ("lead",), self.unmark(lead) or None)
        if text != line.text:
            self.set(where, where.path + ("text",), self.unmark(text))

    def sentence(self, where: Place, new: str) -> None:
        item = where.line.block
        yaml_item = self.node(where.path)
        solution = generated.solve(item, new, self.registry, yaml_item)
        if solution is None:
            self.set(where, where.path + ("text",), new,
                     f"wording changed: 「{_short(new)}」 becomes its text: override (lint "
                     "checks its numbers)")
            return
        notes = [f"{a} follows from the numbers: now {b}" for a, b in solution.stale_derived]
        for sub, value in solution.fields.items():
            path = where.path + sub
            self.set(where, path, _value_text(self._get(path), value), notes=notes)

    def note_text(self, where: Place, text: str) -> None:
        note = where.line.block
        body = NOTE_RE.sub("", text, count=1)
        term = note.term
        if term and body.startswith(term + vocab.COLON):
            body = body[len(term) + 1:]
        elif vocab.COLON in body:
            term, _, body = body.partition(vocab.COLON)
            self.set(where, where.path + ("term",), term)
        self.set(where, where.path + ("text",), body)

    def delete(self, where: Place) -> None:
        kind, path = where.line.kind, where.path
        if kind in ("para", "dash", "result", "target"):
            self.add("delete", path, old=where.line.full, what=f"deleted 「{_short(where.line.full)}」",
                     where=where)
        elif kind == "heading":
            self.add("delete", path, old=where.line.full,
                     what=f"deleted section 「{_short(where.line.full)}」", where=where)
        elif kind == "note":
            self.set(where, path + ("text",), None, f"note explanation removed: 「"
                     f"{_short(where.line.full)}」")
        else:
            self.note(f"the {kind} line 「{_short(where.line.full)}」 was deleted; a spec needs "
                      "it, so the deletion is not absorbed")

    def collapse_deletes(self) -> None:
        """Deleting every line of a section, or every item of a list, deletes the section or
        the list item of the body; deleting a heading alone is not absorbed (its paragraphs
        would have no section), nor is anything else of that change lost silently."""
        deleted = {e.path for e in self.edits if e.op == "delete"}
        covered: set[tuple] = set()
        for e in [e for e in self.edits if e.op == "delete"]:
            if e.path in covered:
                continue
            lines = [p.path for p in self.places if p.path and p.path[:len(e.path)] == e.path
                     and len(p.path) > len(e.path)]
            is_section = any(p.path == e.path and p.line.kind == "heading" for p in self.places)
            if lines and not all(p in deleted for p in lines) and is_section:
                self.edits.remove(e)
                self.note(f"the heading 「{_short(str(e.old))}」 was deleted but not its "
                          "paragraphs; not absorbed: delete or merge the section by hand",
                          e.line_no)
            elif is_section:
                covered.update(lines)
        self._whole_lists(deleted)
        self.edits = [e for e in self.edits if not (e.op == "delete" and e.path in covered)]

    def _whole_lists(self, deleted: set[tuple]) -> None:
        """Every item of a results, targets or dashes list deleted: delete the body item."""
        lists: dict[tuple, list[tuple]] = {}
        for p in self.places:
            if p.path and p.line.kind in ("result", "target", "dash"):
                lists.setdefault(p.path[:-2], []).append(p.path)
        for block, items in lists.items():
            if len(items) > 1 and all(i in deleted for i in items):
                first = next(e for e in self.edits if e.op == "delete" and e.path == items[0])
                self.edits = [e for e in self.edits
                              if not (e.op == "delete" and e.path in set(items))]
                self.edits.append(Edit("delete", block, None, first.old, f"deleted the list "
                                       f"starting 「{_short(str(first.old))}」", first.source,
                                       first.line_no, [], first.group))

    def insert(self, after: Place | None, para: Para) -> None:
        text = para.text
        if not text.strip():
            return
        if HEADING_STYLES.match(para.style) or para.style.startswith(("Heading", "标题")):
            self.note(f"a new heading 「{_short(text)}」 is not absorbed: add the section to the "
                      "spec by hand")
            return
        target = self._insert_point(after, text)
        if target is None:
            self.note(f"a new paragraph 「{_short(text)}」 has no place in the spec's body; not "
                      "absorbed")
            return
        if target[0] == "note":
            self.note_text(target[1], text)
            return
        path, value = target[1], self._new_item(text, para, target[0])
        self.add("insert", path, value, what=f"new paragraph 「{_short(text)}」", where=after)

    def _insert_point(self, after: Place | None, text: str):
        """("note", place) for a note explanation, else (kind, list path + (index,))."""
        if after is None or after.line.kind in ("title", "occasion", "speaker", "salutation"):
            return ("para", ("body", 0))
        kind = after.line.kind
        if kind in ("note", "notes_heading"):
            place = self._note_place(text)
            return ("note", place) if place is not None else None
        if kind == "dash" and text.startswith(vocab.DASH):
            return ("dash", after.path[:-1] + (after.path[-1] + 1,))
        if kind == "heading":
            return ("para", after.path + ("body", 0))
        block = block_path(after)
        if block is None:
            return None
        return ("para", block[:-1] + (block[-1] + 1,))

    def _note_place(self, text: str) -> Place | None:
        body = NOTE_RE.sub("", text, count=1)
        for i, note in enumerate(self.report.notes):
            if note.term and body.startswith(note.term):
                line = type(self.places[0].line)("note", text, block=note)
                return Place(line, ("notes", i), note.pos.line)
        return None

    def _new_item(self, text: str, para: Para, kind: str):
        if kind == "dash":
            return self.unmark(generated.strip_dash(text))
        lead = para.lead if para.lead and text.startswith(para.lead) and \
            para.lead.endswith("。") else ""
        if lead and len(lead) < len(text):
            return {"lead": self.unmark(lead), "text": self.unmark(text[len(lead):])}
        return self.unmark(text)

    def move(self, where: Place, after: Place | None, para: Para) -> None:
        if where.line.kind != "para":
            self.delete(where)
            self.insert(after, para)
            return
        target = self._insert_point(after, para.text)
        if target is None or target[0] != "para":
            self.note(f"「{_short(para.text)}」 was moved where the spec has no place for it")
            return
        self.add("move", where.path, target[1], what=f"moved 「{_short(para.text)}」", where=where)
        if para.text != where.line.full:
            self.note(f"the moved paragraph 「{_short(para.text)}」 was also edited; the edit is "
                      "not absorbed", where.line_no)

    def unmark(self, text: str) -> str:
        """Rendered note marks [n] back to the spec's [^key]."""
        return RENDERED_MARK_RE.sub(
            lambda m: f"[^{self.keys[int(m.group(1))]}]" if int(m.group(1)) in self.keys
            else m.group(0), text)


CN_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _cn_date(text: str) -> str:
    """The first 2024年2月27日 in a text as 2024-02-27 ("" if none)."""
    m = CN_DATE_RE.search(text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def _split_lead(old_lead: str, old_text: str, new: str, styled: str) -> tuple[str, str]:
    """The new lead and text of a paragraph whose old lead and text are given."""
    if not old_lead:
        return "", new
    if new.startswith(old_lead):
        return old_lead, new[len(old_lead):]
    if new.endswith(old_text) and len(new) > len(old_text):
        return new[:len(new) - len(old_text)], old_text
    if styled and new.startswith(styled):
        return styled, new[len(styled):]
    end = new.find("。")
    return (new[:end + 1], new[end + 1:]) if end >= 0 else ("", new)


def _value_text(old, value):
    """A number written back the way the spec wrote the old one ("7.2以上" stays a string)."""
    from ..numbers import fmt

    text = fmt(value)
    if isinstance(old, str):
        return generated.NUM_RE.sub(text, old, count=1)
    if hasattr(old, "get") and "value" in old:
        return {**old, "value": _value_text(old["value"], value)}
    return int(text) if "." not in text else float(text)


def _changes(old: list[str], new: list[str]) -> list[tuple]:
    """Paragraph-level changes from the old to the new view: ("edit", i, j), ("delete", i,
    None), ("insert", i_before, j) with i_before the old index before it (or -1), and
    ("move", i, j, i_before)."""
    oi = [i for i, t in enumerate(old) if t.strip()]
    nj = [j for j, t in enumerate(new) if t.strip()]
    sm = difflib.SequenceMatcher(None, [old[i] for i in oi], [new[j] for j in nj],
                                 autojunk=False)
    out = []
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            continue
        pairs = _pairs([old[i] for i in oi[a1:a2]], [new[j] for j in nj[b1:b2]], SIMILAR) \
            if tag == "replace" else []
        paired_a = {a for a, _ in pairs}
        paired_b = {b: a for a, b in pairs}
        for a, b in pairs:
            out.append(("edit", oi[a1 + a], nj[b1 + b]))
        for a in range(a2 - a1):
            if a not in paired_a:
                out.append(("delete", oi[a1 + a], None))
        before = oi[a1 - 1] if a1 > 0 else -1
        for b in range(b2 - b1):
            if b in paired_b:
                before = oi[a1 + paired_b[b]]
            else:
                out.append(("insert", before, nj[b1 + b]))
    return _moves(out, old, new)


def _moves(changes: list[tuple], old: list[str], new: list[str]) -> list[tuple]:
    """A deletion and an insertion of (nearly) the same text are one move."""
    deletes = [c for c in changes if c[0] == "delete"]
    out = [c for c in changes if c[0] != "insert"]
    for c in changes:
        if c[0] != "insert":
            continue
        match = next((d for d in deletes
                      if _likeness(old[d[1]], new[c[2]], MOVED) >= MOVED), None)
        if match is None:
            out.append(c)
            continue
        deletes.remove(match)
        out.remove(match)
        out.append(("move", match[1], c[2], c[1]))
    return out


def _likeness(a: str, b: str, threshold: float, exact: bool = True) -> float:
    """difflib's similarity of two texts, computed only when the cheap upper bounds (lengths,
    then shared characters) reach ``threshold``; with ``exact`` False the shared-character
    bound is the answer (enough to pair the one old and one new paragraph of a change)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < threshold:
        return 0.0
    quick = sm.quick_ratio()
    if quick < threshold or not exact:
        return quick if quick >= threshold else 0.0
    return sm.ratio()


def _pairs(a: list[str], b: list[str], threshold: float) -> list[tuple[int, int]]:
    """Order-keeping pairs of similar texts (index in a, index in b), best total similarity."""
    n, m = len(a), len(b)
    if n * m > 40_000:  # too many to weigh: pair in order
        return [(k, k) for k in range(min(n, m))]
    if n == m and all(_likeness(x, y, threshold, exact=False) for x, y in zip(a, b)):
        return [(k, k) for k in range(n)]  # the usual case: each paragraph edited in place
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    ratio = {}
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            ratio[x, y] = r = _likeness(a[x], b[y], threshold, exact=n * m > 1)
            take = score[x + 1][y + 1] + r if r >= threshold else -1
            score[x][y] = max(take, score[x + 1][y], score[x][y + 1])
    out, x, y = [], 0, 0
    while x < n and y < m:
        if ratio[x, y] >= threshold and score[x][y] == score[x + 1][y + 1] + ratio[x, y]:
            out.append((x, y))
            x, y = x + 1, y + 1
        elif score[x][y] == score[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


def _change(old: str, new: str, context: int = 6) -> str:
    """The changed part of a text with a little context: "…经济高「质量」→「水平」发展…"."""
    if old == "None" or max(len(old), len(new)) <= 16:  # short values (numbers) whole
        return f"「{_short(old)}」→「{_short(new)}」" if old != "None" else f"「{_short(new)}」"
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    before = ("…" if start > context else "") + old[max(0, start - context):start]
    after = old[len(old) - end:len(old) - end + context] + ("…" if end > context else "")
    return (f"{before}「{_short(old[start:len(old) - end])}」→「{_short(new[start:len(new) - end])}」"
            f"{after}")


def _short(text: str, n: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n - 1] + "…"
