"""`reportkit absorb SPEC REVIEWED.docx [MORE.docx ...] [--dry-run] [-o NEW_SPEC] [--force]`.

Takes reviewers' tracked changes back into the spec and lists their comments. The spec is
edited in place (or written to NEW_SPEC), atomically, touching only the lines of the edited
values; ``--dry-run`` prints the spec's diff instead. The review list (applied edits, conflicts,
edits refused because the result would not validate, notes, comments with the spec's
file:line) goes to stdout as text, Markdown or JSON.

Exit codes: 0 absorbed (or nothing to absorb); 1 some changes not absorbed (conflicts, invalid
results, changes that no longer apply); 2 unreadable input, or a file not built from this spec
without --force.
"""

from __future__ import annotations

import difflib
import json
import sys

HELP = "take reviewers' tracked changes in Word files back into the spec, and list comments"
FORMATS = ("text", "md", "json")
#: notes that say a change was not absorbed (a field code or table edit, a change that no
#: longer applies, a deletion the spec cannot take): exit 1
NOT_ABSORBED = ("RK602", "RK603")


def add_arguments(p) -> None:
    """Arguments of `absorb`."""
    p.add_argument("spec", metavar="SPEC", help="the spec the Word file was built from")
    p.add_argument("reviewed", metavar="REVIEWED.docx", nargs="+",
                   help="reviewed Word files (tracked changes and comments)")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would change as a diff of the spec; write nothing")
    p.add_argument("-o", "--output", metavar="NEW_SPEC",
                   help="write the new spec here instead of editing SPEC in place")
    p.add_argument("--force", action="store_true",
                   help="absorb a file built from another version of the spec, aligned by text")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="review list as text (default), md or json")


def run(args) -> int:
    """Absorb, print the review list, write the spec; see the module docstring."""
    from ..outputs import write_atomic
    from ..problems import render
    from ..review.absorb import absorb

    out = absorb(args.spec, args.reviewed, args.force)
    if out.refused:
        sys.stderr.write(render(out.refused, "text") + "\n")
        return 2
    if not out.revisions and not out.comments:
        sys.stderr.write("nothing to absorb: no tracked changes and no comments\n")
        return 0
    changed = out.new_text != out.old_text
    if args.format == "json":
        sys.stdout.write(render_json(out, spec_diff(out) if args.dry_run else None))
    else:
        sys.stdout.write(RENDER[args.format](out))
    if args.dry_run:
        if args.format != "json":
            sys.stdout.write(spec_diff(out))
    elif changed or args.output:
        target = args.output or args.spec
        write_atomic(target, out.new_text.encode("utf-8"))
        sys.stderr.write(f"wrote {target}\n")
    problems = out.conflicts or out.rejected or any(p.code in NOT_ABSORBED for p in out.notes)
    return 1 if problems else 0


def spec_diff(out) -> str:
    """A unified diff of the spec before and after."""
    return "".join(difflib.unified_diff(out.old_text.splitlines(True),
                                        out.new_text.splitlines(True),
                                        out.spec, out.spec + " (absorbed)"))


def _where(out, e) -> str:
    return f"{out.spec}:{e.line_no}" if e.line_no else out.spec


def _rows(out) -> dict:
    """The review list as plain data (what json prints; text and md format it)."""
    def edit(e):
        return {"place": _where(out, e), "path": "/".join(map(str, e.path)), "op": e.op,
                "what": e.what, "from": e.source, "notes": e.notes}

    def comment(source, c, place):
        where = f"{out.spec}:{place.line_no}" if place is not None and place.line_no else ""
        return {"place": where, "author": c.author, "date": c.date, "text": c.text,
                "commented": c.anchor, "reply_to": c.parent, "done": c.done, "from": source,
                "id": c.id}

    return {"spec": out.spec,
            "applied": [edit(e) for e in out.applied],
            "conflicts": [[edit(e) for e in group] for group in out.conflicts],
            "rejected": [{**edit(e), "why": why} for e, why in out.rejected],
            "notes": [p.text() for p in out.notes],
            "comments": [comment(*c) for c in out.comments]}


def render_json(out, diff: str | None = None) -> str:
    """The review list as JSON (with ``--dry-run``, the spec's diff under "diff")."""
    rows = _rows(out)
    if diff is not None:
        rows["diff"] = diff
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render_text(out) -> str:
    """The review list for a terminal."""
    rows, lines = _rows(out), []
    for e in rows["applied"]:
        lines.append(f"{e['place']}: applied {e['what']} ({e['from']})")
        lines += [f"    note: {n}" for n in e["notes"]]
    for group in rows["conflicts"]:
        lines.append(f"{group[0]['place']}: conflict, neither applied:")
        lines += [f"    {e['from']}: {e['what']}" for e in group]
    for e in rows["rejected"]:
        lines.append(f"{e['place']}: not applied, the spec would be invalid: {e['what']} "
                     f"({e['why']})")
    lines += rows["notes"]
    for c in _threads(rows["comments"]):
        lead = "    reply " if c["reply_to"] else f"{c['place'] or out.spec}: comment "
        lines.append(f"{lead}by {c['author'] or '(no author)'}"
                     + (f" on 「{_cut(c['commented'])}」" if c["commented"] and not c["reply_to"]
                        else "")
                     + f": {c['text']}" + (" [done]" if c["done"] else ""))
    lines.append(_summary(out))
    return "\n".join(lines) + "\n"


def render_md(out) -> str:
    """The review list as Markdown (a checklist for the drafter)."""
    rows = _rows(out)
    md = [f"# Review of `{out.spec}`", "", _summary(out), ""]
    if rows["applied"]:
        md += ["## Applied", ""] + [f"- `{e['place']}` {e['what']} ({e['from']})"
                                    for e in rows["applied"]] + [""]
    if rows["conflicts"]:
        md += ["## Conflicts (neither applied)", ""]
        for group in rows["conflicts"]:
            md.append(f"- `{group[0]['place']}`: " + "; ".join(
                f"{e['from']}: {e['what']}" for e in group))
        md.append("")
    if rows["rejected"]:
        md += ["## Not applied (the spec would be invalid)", ""] + [
            f"- `{e['place']}` {e['what']}: {e['why']}" for e in rows["rejected"]] + [""]
    if rows["notes"]:
        md += ["## Notes", ""] + [f"- {n}" for n in rows["notes"]] + [""]
    if rows["comments"]:
        md += ["## Comments", ""]
        for c in _threads(rows["comments"]):
            box = "[x]" if c["done"] else "[ ]"
            indent = "  " if c["reply_to"] else ""
            on = f" on 「{_cut(c['commented'])}」" if c["commented"] and not c["reply_to"] else ""
            md.append(f"{indent}- {box} `{c['place'] or out.spec}` **{c['author']}**{on}: "
                      f"{c['text']}")
        md.append("")
    return "\n".join(md)


def _cut(text: str, n: int = 40) -> str:
    """A commented text short enough for a list line (JSON keeps it whole)."""
    return text if len(text) <= n else text[:n - 1] + "…"


def _threads(comments: list[dict]) -> list[dict]:
    """Comments with each reply right after the comment it answers."""
    top = [c for c in comments if not c["reply_to"]]
    out = []
    for c in top:
        out.append(c)
        out += [r for r in comments if r["reply_to"] == c["id"] and r["from"] == c["from"]]
    return out + [c for c in comments if c not in out]


def _summary(out) -> str:
    return (f"{len(out.applied)} change(s) applied, {len(out.conflicts)} conflict(s), "
            f"{len(out.rejected)} not applied (invalid), {len(out.comments)} comment(s)")


RENDER = {"text": render_text, "md": render_md, "json": render_json}
