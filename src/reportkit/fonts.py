"""Which installed face draws each official font name, and whether it has the report's characters.

A document names 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体 and 宋体. On Linux none of these
is installed, so fontconfig decides what LibreOffice (and the PDF writer) actually uses. reportkit
ships an alias file (data/fontconfig/reportkit-aliases.conf) that maps those names to the Fandol
faces installed by scripts/fonts.sh, with the Debian CJK packages as fallbacks.

``config_env()`` gives an environment in which fontconfig reads the system configuration plus
that alias file: pass it to ``soffice`` and ``fc-match``. ``resolve(name)`` asks fc-match which
face a name gets; ``coverage(face, chars)`` lists the characters the face lacks.

``install_aliases()`` puts the alias file where fontconfig itself looks (a conf.d folder: the
user's, or the system's as root), so that LibreOffice started by a user draws the official faces
too; ``aliases_active()`` asks fc-match, as a user's programs do, whether it does.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .problems import Problem, ReportError

ALIASES = Path(__file__).parent / "data" / "fontconfig" / "reportkit-aliases.conf"
SYSTEM_CONF = Path("/etc/fonts/fonts.conf")
#: fontconfig loads only conf.d files named "<digits>-….conf", in name order; 60-69 is where
#: family preference lists go (the system's conf.d/README).
CONF_NAME = "60-reportkit-aliases.conf"
SYSTEM_CONF_DIR = Path("/etc/fonts/conf.d")


class Face(NamedTuple):
    """An installed face: its family name, its file and the face index inside that file."""

    family: str
    file: str
    index: int = 0


def config_file() -> Path:
    """A fontconfig file that includes the system configuration, then reportkit's aliases.

    It is written once into a cache folder because fontconfig needs absolute paths; its name
    carries a hash of its content, so a checkout in another folder gets its own. fontconfig reads
    the alias file itself each time, so edits to it take effect at once.
    """
    import hashlib
    import tempfile

    text = _config_text()
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    path = _cache_dir() / f"fonts-{digest}.conf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    return path


def config_env(base: dict | None = None) -> dict:
    """An environment (a copy of ``base`` or os.environ) whose fontconfig uses our aliases."""
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(config_file())
    return env


def resolve(name: str, bold: bool = False) -> Face:
    """The face fontconfig picks for a font name (with our aliases), as LibreOffice would ask."""
    return _resolve(name, bold, str(config_file()))


def preferred(name: str) -> list[str]:
    """The families reportkit's alias file prefers for a font name, best first ([] if none)."""
    return _aliases().get(name, [])


def coverage(face: Face, chars) -> list[str]:
    """The characters of ``chars`` (any iterable of str) that the face has no glyph for, sorted.

    Spaces and control characters are not checked: no face is expected to draw them.
    """
    cmap = _cmap(face.file, face.index)
    wanted = {c for text in chars for c in text if not c.isspace() and c.isprintable()}
    return sorted(c for c in wanted if ord(c) not in cmap)


def conf_dir(system: bool) -> Path:
    """The conf.d folder fontconfig reads: the system's, or the user's ($XDG_CONFIG_HOME or
    ~/.config, which the system's 50-user.conf includes)."""
    if system:
        return SYSTEM_CONF_DIR
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "fontconfig" / "conf.d"


def install_aliases(system: bool) -> Path:
    """Copy the alias file into a conf.d folder (atomically); its path.

    A copy, not a link: it keeps working when this checkout moves or is removed, and
    ``installed_aliases`` notices when it is older than the package's. Raises OSError
    (PermissionError without write access).
    """
    import tempfile

    folder = conf_dir(system)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".reportkit-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(ALIASES.read_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, folder / CONF_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return folder / CONF_NAME


def uninstall_aliases(system: bool) -> Path | None:
    """Remove the alias file from a conf.d folder; its path, or None if it was not there.
    Raises OSError (PermissionError without write access)."""
    path = conf_dir(system) / CONF_NAME
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    return path


def installed_aliases() -> dict[Path, bool]:
    """The installed alias files (user's, system's) and whether each equals the package's."""
    ours = ALIASES.read_bytes()
    found = {}
    for system in (False, True):
        path = conf_dir(system) / CONF_NAME
        if path.is_file():
            found[path] = path.read_bytes() == ours
    return found


def aliases_active(env: dict | None = None) -> dict[str, tuple[str, str]]:
    """For each official name of the alias file: (the family a program started without
    reportkit's FONTCONFIG_FILE gets, the family the aliases prefer). They are equal when the
    aliases are active for LibreOffice as a user starts it. ``env`` defaults to os.environ."""
    plain = {k: v for k, v in dict(os.environ if env is None else env).items()
             if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    out = {}
    for name, wanted in _aliases().items():
        got = _fc_match(f"{name}:lang=zh-cn", plain).split("\t")[0]
        out[name] = (got, wanted[0] if wanted else "")
    return out


def line_runs(line) -> list[tuple[str, str]]:
    """A flat.Line as (font role, text) runs: how every writer assigns faces to a line.

    Headings use their level's role for the number and the words; a paragraph's lead sentence
    has the ``lead`` role; front-matter lines have their own roles; the rest is ``body``.
    """
    if line.kind == "heading":
        return [(f"heading{min(max(line.level, 1), 4)}", line.label + line.text)]
    if line.kind == "para":
        return [(role, text) for role, text in (("lead", line.lead), ("body", line.text)) if text]
    role = line.kind if line.kind in _OWN_ROLE else "body"
    return [(role, line.text)]


def role_texts(lines, page_format: str = "— {n} —") -> dict[str, str]:
    """Every character each font role must draw, for lines of flat.lines(report)."""
    texts: dict[str, list[str]] = {"page_number": [page_format.replace("{n}", "0123456789")]}
    for line in lines:
        for role, text in line_runs(line):
            texts.setdefault(role, []).append(text)
    return {role: "".join(parts) for role, parts in texts.items()}


_OWN_ROLE = ("title", "occasion", "speaker", "notes_heading", "note")


def _config_text() -> str:
    system = SYSTEM_CONF if SYSTEM_CONF.exists() else None
    include = f'  <include ignore_missing="yes">{system}</include>\n' if system else ""
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            "<!-- written by reportkit.fonts: the system fonts plus reportkit's aliases -->\n"
            f"<fontconfig>\n{include}  <include>{ALIASES.resolve()}</include>\n</fontconfig>\n")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reportkit"


@cache
def _resolve(name: str, bold: bool, conf: str) -> Face:
    pattern = f"{name}:lang=zh-cn" + (":weight=bold" if bold else "")
    out = _fc_match(pattern, dict(os.environ, FONTCONFIG_FILE=conf))
    family, file, index = (out.split("\t") + ["", "", "0"])[:3]
    return Face(family, file, int(index or 0))


def _fc_match(pattern: str, env: dict) -> str:
    """fc-match's "family<TAB>file<TAB>index" for a pattern in an environment (RK050 if it
    cannot run)."""
    import subprocess

    name = pattern.split(":")[0]
    try:
        return subprocess.run(["fc-match", "-f", "%{family[0]}\t%{file}\t%{index}", pattern],
                              env=env, capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        raise ReportError(Problem("fc-match", 0, 0, "error", "RK050",
                                  "fontconfig's fc-match is not installed (run scripts/setup.sh)")
                          ) from None
    except subprocess.CalledProcessError as exc:
        raise ReportError(Problem("fc-match", 0, 0, "error", "RK050",
                                  f"fc-match failed for `{name}`: {exc.stderr.strip()}")) from None


@cache
def _aliases() -> dict[str, list[str]]:
    import xml.etree.ElementTree as ET

    out: dict[str, list[str]] = {}
    for alias in ET.parse(ALIASES).getroot().iter("alias"):
        name = alias.findtext("family", "")
        out[name] = [f.text or "" for f in alias.iterfind("prefer/family")]
    return out


@cache
def _cmap(file: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    kwargs = {"fontNumber": index} if file.lower().endswith((".ttc", ".otc")) else {}
    with TTFont(file, lazy=True, **kwargs) as font:
        return frozenset(font.getBestCmap() or {})
