"""`reportkit fonts [SPEC]`: which installed face each font role of a style gets.

For every role of the house style (body, title, heading1 …) it prints the Word font name, the
face fontconfig picks for it with reportkit's alias file (what LibreOffice draws), the file, and,
given a SPEC, whether that face has every character the role must draw in that report (and, for
those it lacks, which face of the style's glyph_fallback the PDF draws them from). A role
drawn with a fallback rather than the face the alias file prefers is named on stderr. A last
line says whether the aliases are active for programs started without reportkit (LibreOffice as
a user starts it), and from which installed file.

``--install`` copies the alias file into fontconfig's conf.d (the system's as root, else the
user's; ``--user``/``--system`` choose), ``--uninstall`` removes it.
Exit 0 when every face covers its text, 1 when one does not, 2 on unreadable input or a conf.d
folder that cannot be written.
"""

from __future__ import annotations

import sys

HELP = "show which installed face each font role gets and whether it covers the report"
PLAIN = "programs started without reportkit (LibreOffice as a user starts it)"


def add_arguments(p) -> None:
    """Arguments of `fonts`."""
    p.add_argument("spec", nargs="?", metavar="SPEC", help="spec file (YAML) to check coverage of")
    p.add_argument("--style", default="official", metavar="NAME|FILE",
                   help="house style: official, review, or a profile file (default: official)")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--install", action="store_true",
                     help="register reportkit's font aliases with fontconfig (conf.d)")
    act.add_argument("--uninstall", action="store_true", help="remove the registered aliases")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--user", dest="system", action="store_false", default=None,
                       help="for this user: ~/.config/fontconfig/conf.d (default unless root)")
    where.add_argument("--system", dest="system", action="store_true",
                       help="for every user: /etc/fonts/conf.d (default as root)")


def run(args) -> int:
    """Print one row per role; 1 when a face lacks characters the report uses."""
    if args.install or args.uninstall:
        return _install(args)
    if args.system is not None:
        sys.stderr.write("reportkit fonts: error --user and --system go with --install or "
                         "--uninstall\n")
        return 2
    status = _roles(args)
    _say_active()
    return status


def _install(args) -> int:
    """Install or remove the alias file; 2 (with the command to run as root) when the conf.d
    folder cannot be written."""
    import os

    from .. import fonts

    system = os.geteuid() == 0 if args.system is None else args.system
    target = fonts.conf_dir(system) / fonts.CONF_NAME
    if args.install and fonts.installed_aliases().get(target):
        return 0  # already there and current: nothing to do (setup runs this every time)
    try:
        done = fonts.install_aliases(system) if args.install else fonts.uninstall_aliases(system)
    except OSError as exc:
        why = exc.strerror or str(exc)
        flag = "--install" if args.install else "--uninstall"
        sys.stderr.write(f"{target}: error cannot write ({why}) (RK053)\n"
                         f"  run as root: sudo {sys.executable} -m reportkit fonts {flag} "
                         "--system\n")
        if system:
            sys.stderr.write(f"  or for yourself only: {sys.executable} -m reportkit fonts "
                             f"{flag} --user\n")
        return 2
    if args.uninstall:
        sys.stderr.write(f"fonts: removed {done}\n" if done else f"fonts: {target} was not "
                         "installed\n")
        return 0
    who = "every user" if system else "this user"
    sys.stderr.write(f"fonts: installed the aliases for {who} in {done}\n")
    return 0 if _say_active() else 1


def _say_active() -> bool:
    """A line on whether fontconfig applies the aliases for programs started without
    reportkit; True when it does."""
    from .. import fonts

    files = fonts.installed_aliases()
    wrong = {n: got for n, (got, want) in fonts.aliases_active().items() if got != want}
    stale = [str(p) for p, same in files.items() if not same]
    where = ", ".join(str(p) for p in files) or "no conf.d file"
    if not wrong:
        print(f"aliases: active for {PLAIN} ({where})")
    else:
        name, got = next(iter(wrong.items()))
        print(f"aliases: NOT active for {PLAIN}: {name} gets {got} ({len(wrong)} names "
              f"differ; {where}); run `reportkit fonts --install`")
    if stale:
        print(f"aliases: {', '.join(stale)} differs from the package's alias file; run "
              "`reportkit fonts --install` again")
    sys.stdout.flush()
    return not wrong


def _roles(args) -> int:
    """One row per role of the style (see the module docstring); 1 when a face lacks text."""
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
