"""The comparison as one standalone HTML page: targets table, navigation, sections side by side.

Nothing is loaded from elsewhere (styles are inline, no scripts, fonts or images), and every piece
of report text goes through html.escape, so a report cannot inject markup into the page.
"""

from __future__ import annotations

from html import escape

from ... import vocab as v
from . import share
from .labels import CHANGE, COLUMNS, FRONT, STATUS, outcome_text

CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC",serif;margin:0;color:#222}
header,main,nav,section{padding:0 1.5rem}
h1{font-size:1.2rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:underline}
tr.added td{background:#f3fff3}tr.removed td{background:#fff3f3}
tr.kind-changed td{background:#fbf3ff}tr.changed td{background:#fffbea}
nav ol{columns:2;font-size:.9rem}nav li.unchanged a{color:#888}
.status{font-size:.8rem;border:1px solid #aaa;border-radius:3px;padding:0 .3rem;margin-right:.4rem}
.side td{width:50%}.share{color:#666;font-size:.85rem}.moved{color:#666;font-style:italic}
.note{color:#666;font-size:.85rem}
"""


def render(comparison, **_options) -> str:
    """The whole page."""
    r = comparison.result
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>reportkit diff: {escape(r.new_title)}</title>",
             f"<style>{CSS}</style></head><body>", _header(r)]
    if r.stats.identical:
        parts.append("<main><p>no changes</p></main>")
    else:
        parts += [_targets(r), _nav(r), "<main>", *(_section(s) for s in r.sections),
                  _terms(r), "</main>"]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _header(r) -> str:
    s = r.stats
    return (f"<header><h1>{escape(r.new_title)}</h1>"
            f"<p><del>{escape(r.old_file)}</del> → <ins>{escape(r.new_file)}</ins>："
            f"{share(s.share)} of the text changed</p></header>")


def _targets(r) -> str:
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    rows = [f'<section><h2 id="targets">Targets {v.DIFF_TARGETS}</h2>',
            f"<table><thead><tr>{head}</tr></thead><tbody>"]
    for t in r.targets:
        change = escape(CHANGE[t.change] + (f" {t.delta}" if t.delta else ""))
        if t.note:
            change += f'<div class="note">{escape(t.note)}</div>'
        old = escape(t.old.cell) if t.old else "—"
        new = escape(t.new.cell) if t.new else "—"
        rows.append(f'<tr class="{t.change}"><td>{escape(t.indicator)}</td><td>{old}</td>'
                    f"<td>{new}</td><td>{change}</td><td>{escape(outcome_text(t.outcome))}</td></tr>")
    if not r.targets:
        rows.append('<tr><td colspan="5">no targets in either edition</td></tr>')
    rows.append("</tbody></table></section>")
    return "\n".join(rows)


def _nav(r) -> str:
    items = []
    for s in r.sections:
        head = s.new_heading if s.new_heading is not None else s.old_heading
        items.append(f'<li class="{s.status}"><a href="#{s.id}">'
                     f'<span class="status">{STATUS[s.status]}</span>'
                     f"{escape(head or FRONT)}</a> "
                     f'<span class="share">{share(s.share)}</span></li>')
    links = (f'<p><a href="#targets">Targets {v.DIFF_TARGETS}</a> · '
             f'<a href="#terms">Terms {v.DIFF_TERMS}</a></p>')
    return f"<nav><h2>Sections {v.DIFF_SECTIONS}</h2>" + links + "<ol>" + "".join(items) + "</ol></nav>"


def _section(s) -> str:
    head = s.new_heading if s.new_heading is not None else s.old_heading
    title = escape(head or FRONT)
    if s.renamed:
        title = f"<del>{escape(s.old_heading or '')}</del> <ins>{title}</ins>"
    out = [(f'<h2 id="{s.id}"><span class="status">{STATUS[s.status]}</span>{title} '
            f'<span class="share">{share(s.share)}</span></h2>')]
    table = ['<table class="side"><tbody>'] + [_row(p) for p in s.paragraphs] + ["</tbody></table>"]
    if s.status == "unchanged":
        out += ["<details><summary>unchanged</summary>", *table, "</details>"]
    else:
        out += table
    return "\n".join(out)


def _row(p) -> str:
    if p.op == "moved" and p.new is None:
        return (f'<tr><td><del>{escape(p.old)}</del></td><td class="moved">'
                f"moved to {escape(p.moved_to)}</td></tr>")
    old = "".join(_piece(op, text) for op, text in p.pieces if op != "+")
    new = "".join(_piece(op, text) for op, text in p.pieces if op != "-")
    if p.op == "equal":
        old = new = escape(p.new)
    if p.op == "moved":
        old = f'<span class="moved">moved from {escape(p.moved_from)}</span><br>' + old
    return f'<tr class="{p.op}"><td>{old}</td><td>{new}</td></tr>'


def _piece(op: str, text: str) -> str:
    tag = {"-": "del", "+": "ins"}.get(op)
    return f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text)


def _terms(r) -> str:
    shown = [t for t in r.terms if t.change != "same"]
    if not shown:
        return f'<h2 id="terms">Terms {v.DIFF_TERMS}</h2><p>no policy term changed</p>'
    rows = "".join(f'<tr class="{t.change}"><td>{escape(t.term)}{"" if t.dictionary else " *"}'
                   f"</td><td>{t.old}</td><td>{t.new}</td><td>{t.change}</td></tr>"
                   for t in shown)
    return (f'<h2 id="terms">Terms {v.DIFF_TERMS}</h2><table><thead><tr><th>term</th><th>old</th>'
            f"<th>new</th><th>change</th></tr></thead><tbody>{rows}</tbody></table>")
