"""The comparison as markdown for a pull-request comment: targets table, changed sections.

Deletions are <del>struck through</del> and insertions <ins>underlined</ins> (HTML tags, which
unlike ~~ and ** work next to Chinese punctuation); every piece of report text is escaped
so a report's own asterisks, pipes or angle brackets cannot change the markup. Each section's
paragraphs sit in a <details> block so a long comment stays readable.
"""

from __future__ import annotations

import html
import re

from . import elide, share
from .labels import CHANGE, COLUMNS, FRONT, OP, STATUS, length, outcome_text

#: Whole added or removed paragraphs show this many characters.
WHOLE = 120
#: Sections stop being listed past this many characters (GitHub's limit is 65,536 a comment).
BUDGET = 50_000
#: Characters with an inline meaning in GitHub markdown (text here is never at a line start).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def esc(text: str) -> str:
    """Escape markdown (and inline HTML) in report text."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def esc_html(text: str) -> str:
    """Escape text inside an HTML block (<summary>), where markdown escapes do not apply."""
    return html.escape(text.replace("\n", " "), quote=False)


def render(comparison, **_options) -> str:
    """The comparison as GitHub-flavoured markdown."""
    r = comparison.result
    out = [f"### reportkit diff: {esc(r.old_file)} → {esc(r.new_file)}", ""]
    if r.stats.identical:
        return "\n".join(out + ["no changes", ""])
    out += _targets(r) + _sections(r) + _terms(r)
    s = r.stats
    out += ["", f"{share(s.share)} of the text changed ({s.changed_chars} characters)", ""]
    return "\n".join(out)


def _targets(r) -> list[str]:
    if not r.targets:
        return ["no targets in either edition", ""]
    out = ["#### Targets", "", "| " + " | ".join(COLUMNS) + " |", "|---" * len(COLUMNS) + "|"]
    for t in r.targets:
        change = CHANGE[t.change] + (f" {t.delta}" if t.delta else "")
        if t.note:
            change += f"<br>{esc(t.note)}"
        cells = [esc(t.indicator), esc(t.old.cell) if t.old else "—",
                 esc(t.new.cell) if t.new else "—", change, esc(outcome_text(t.outcome))]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def _sections(r) -> list[str]:
    changed = [s for s in r.sections if s.status != "unchanged"]
    out = ["#### Sections", "", f"{len(changed)} of {len(r.sections)} sections changed.", ""]
    size = 0
    for k, s in enumerate(changed):
        block = _section(s)
        size += sum(len(line) + 1 for line in block)
        if size > BUDGET:  # a pull-request comment holds 65,536 characters at most
            out += [f"… {len(changed) - k} more changed sections: see `--format html`.", ""]
            break
        out += block
    return out


def _section(s) -> list[str]:
    """One changed section as a <details> block of its changed paragraphs."""
    head = s.new_heading if s.new_heading is not None else s.old_heading
    title = esc_html(head or FRONT)
    if s.renamed:
        title = f"<del>{esc_html(s.old_heading or '')}</del> → {title}"
    out = ["<details>", f"<summary>{STATUS[s.status]}: {title} ({share(s.share)})</summary>", ""]
    out += [f"- `{OP[p.op]}` {_para(p)}" for p in s.paragraphs if p.op != "equal"]
    return out + ["", "</details>", ""]


def _para(p) -> str:
    if p.op == "moved" and p.new is None:
        return f"moved to {esc(p.moved_to)}"
    if p.op in ("added", "removed"):  # whole paragraphs: their start is enough here
        op, whole = p.pieces[0]
        tag = "ins" if op == "+" else "del"
        short = whole if len(whole) <= WHOLE else whole[:WHOLE] + "…"
        more = length(whole) if len(whole) > WHOLE else ""
        return f"<{tag}>{esc(short)}</{tag}>{more}"
    lead = f"moved from {esc(p.moved_from)}: " if p.op == "moved" else ""
    parts = []
    for op, text in elide(p.pieces, 40):
        if op == "-":
            parts.append(f"<del>{esc(text)}</del>")
        elif op == "+":
            parts.append(f"<ins>{esc(text)}</ins>")
        else:
            parts.append(esc(text))
    return lead + "".join(parts)


def _terms(r) -> list[str]:
    shown = [t for t in r.terms if t.change in ("new", "dropped")
             or (t.dictionary and t.change in ("more", "fewer"))]
    if not shown:
        return []
    out = ["#### Terms", "", "| term | old | new | change |", "|---|---|---|---|"]
    star = " \\*"  # outside the dictionary
    out += [f"| {esc(t.term)}{'' if t.dictionary else star} | {t.old} | {t.new} | {t.change} |"
            for t in shown]
    return out
