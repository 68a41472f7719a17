"""`reportkit fonts [SPEC]`: which installed face each font role of a style gets.

For every role of the house style (body, title, heading1 …) it prints the Word font name, the
face fontconfig picks for it with reportkit's alias file (what LibreOffice draws), the file, and,
given a SPEC, whether that face has every character the role must draw in that report (and, for
those it lacks, which face of the style's glyph_fallback the PDF draws them from). A role
drawn with a fallback rather than the face the alias file prefers is named on stderr.
Exit 0 when every face covers its text, 1 when one does not, 2 on unreadable input.
"""

from __future__ import annotations

import sys

HELP = "show which installed face each font role gets and whether it covers the report"


def add_arguments(p) -> None:
    """Arguments of `fonts`."""
    p.add_argument("spec", nargs="?", metavar="SPEC", help="spec file (YAML) to check coverage of")
    p.add_argument("--style", default="official", metavar="NAME|FILE",
                   help="house style: official, review, or a profile file (default: official)")


def run(args) -> int:
    """Print one row per role; 1 when a face lacks characters the report uses."""
    from .. import fonts
    from ..style import load_style

    style = load_style(args.style)
    texts = _texts(args.spec, style) if args.spec else None
    if texts is None and args.spec:
        return 1
    missing_any = False
    for role in style.roles:
        font = style.font(role)
        face = fonts.resolve(font.name, font.bold)
        wanted = fonts.preferred(font.name)
        if wanted and face.family != wanted[0]:
            sys.stderr.write(f"fonts: {role}: {font.name} is drawn with the fallback "
                             f"{face.family}, not {wanted[0]} (run scripts/fonts.sh)\n")
        status = ""
        if texts is not None:
            missing = fonts.coverage(face, [texts.get(role, "")])
            missing_any |= bool(missing)
            status = "covers" if not missing else "MISSING " + "".join(missing[:20]) + \
                _fallback_note(style, font.bold, missing)
            if not texts.get(role):
                status = "(unused)"
        print(f"{role:14}\t{font.name}\t{face.family}\t{face.file}" +
              (f":{face.index}" if face.index else "") + (f"\t{status}" if status else ""))
    sys.stdout.flush()
    return 1 if missing_any else 0


def _fallback_note(style, bold: bool, missing: list[str]) -> str:
    """What the PDF does with the characters a role's face lacks: the style's glyph_fallback
    faces that draw them, and those no face has (the PDF build refuses those, RK051)."""
    from .. import fonts

    try:
        names = [str(n) for n in style.value("glyph_fallback") or ()]
    except (KeyError, TypeError):
        names = []
    left, drawn = list(missing), []
    for name in names:
        if not left:
            break
        face = fonts.resolve(name, bold)
        lacking = set(fonts.coverage(face, left))
        if len(lacking) < len(left):
            drawn.append(f"{name} ({face.family}) draws {len(left) - len(lacking)}")
        left = [c for c in left if c in lacking]
    parts = drawn + ([f"no face has {''.join(left[:20])}"] if left else [])
    return f" [PDF: {'; '.join(parts)}]" if parts else ""


def _texts(path: str, style) -> dict[str, str] | None:
    """Characters per role for the report in a spec; None (problems printed) when unreadable."""
    from .. import flat, fonts
    from .common import load_checked, print_problems

    report, problems = load_checked(path)
    if report is None:
        print_problems([p for p in problems if p.level == "error"])
        return None
    return fonts.role_texts(flat.lines(report), style.value("page_number", "format"))
