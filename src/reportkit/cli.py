"""The `reportkit` command: one subcommand per module in reportkit.commands.

Exit codes: 0 ok, 1 problems found, 2 usage or unreadable input. Command modules import their
heavy dependencies inside ``run`` so that `reportkit validate` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .problems import ReportError

#: subcommand name -> module in reportkit.commands (each has HELP, add_arguments, run)
COMMANDS = {
    "validate": "validate",
    "scorecard": "scorecard",
    "schema": "schema",
    "build": "build",
    "fonts": "fonts",
    "import": "import_",
    "diff": "diff",
    "next": "next_",
    "series": "series",
    "corpus": "corpus",
    "absorb": "absorb",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        sys.exit(2)


def _modules(argv: list[str]) -> dict:
    """The command modules to offer: only the one asked for (the first word naming a command),
    so a build does not import the diff's modules; every one for help and usage errors."""
    asked = next((a for a in argv if not a.startswith("-")), None)
    names = [asked] if asked in COMMANDS else list(COMMANDS)
    mods = {}
    for name in names:
        mod = COMMANDS[name]
        try:
            mods[name] = importlib.import_module(f".commands.{mod}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.commands.{mod}":
                raise
    return mods


def build_parser(mods: dict) -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    from . import __version__

    parser = _Parser(prog="reportkit", description="Build, check, import and compare the annual "
                     "plan reports of Chinese local governments.")
    parser.add_argument("--version", action="version", version=f"reportkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, mod in mods.items():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    mods = _modules(argv)
    args = build_parser(mods).parse_args(argv)
    if not args.command:
        build_parser(mods).print_help(sys.stderr)
        return 2
    try:
        return mods[args.command].run(args)
    except ReportError as exc:
        sys.stderr.write(exc.problem.text() + "\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


#: The cyclic garbage collector's first threshold for a command-line run (Python's default:
#: 700 allocations). A run builds hundreds of thousands of objects that live to its end (the
#: report, its lines, the fonts' tables) and frees the rest by reference counting: at the
#: default the collector ran 47 times in the seed's PDF build (~10 ms) and 384 times at 50x
#: (~0.2 s, an eighth of the build) and freed nothing worth it. At 50 000 it runs 0 and 4
#: times, and the peak memory is the same (58 and 98 MiB).
GC_THRESHOLD = 50_000


def entry() -> None:
    """Console-script entry point (and `python -m reportkit`)."""
    import gc

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    code = main()
    gc.freeze()  # the process ends now: its last collection need not walk every object
    sys.exit(code)
