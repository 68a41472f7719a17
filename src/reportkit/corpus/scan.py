"""The files under a corpus folder, their fingerprints, and reportkit's own fingerprint."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..problems import Problem
from ..readers import READERS

#: A file with a suffix reportkit does not read is skipped with this warning.
SKIPPED = "RK707"
#: A file that cannot be opened or read at all.
UNREADABLE = "RK701"


@dataclass(frozen=True)
class Source:
    """One report file: its path relative to the corpus folder (POSIX) and its bytes' sha256."""

    rel: str
    path: str
    sha256: str


def scan(root: Path, leave_out: tuple[Path, ...] = ()) -> tuple[list[Source], list[Problem]]:
    """Every readable report file under ``root`` in path order; skipped files as problems.

    Hidden files and folders (``.git``) and the files in ``leave_out`` (the run's own output)
    are left out silently; other files whose suffix no reader takes get a warning each, and
    files that cannot be read an error each."""
    sources, problems = [], []
    own = {p.resolve() for p in leave_out}
    for path in _files(root):
        if path.resolve() in own:
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() not in READERS:
            problems.append(Problem(rel, 0, 0, "warning", SKIPPED,
                                    f"not a file reportkit reads (`{path.suffix or 'no suffix'}`):"
                                    " skipped"))
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            problems.append(Problem(rel, 0, 0, "error", UNREADABLE,
                                    f"cannot read the file: {exc.strerror or exc}"))
            continue
        sources.append(Source(rel, str(path), digest))
    return sources, problems


def _files(root: Path):
    """Regular files under root, sorted, hidden names left out (symbolic links followed)."""
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder, name)


#: Parts of the package no reader, diff or corpus module imports: editing them (a writer, a
#: lint rule, a command's options) does not change a table, so it does not void the cache.
NOT_READ = ("writers", "lint", "commands", "templates")


@lru_cache(maxsize=1)
def version_key() -> str:
    """reportkit's version and a digest of the code and data that make the tables: a cached
    report is read again when either changes (an edit to the importer changes its rows)."""
    from .. import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if (path.is_file() and parts[0] not in NOT_READ and "__pycache__" not in parts
                and path.suffix != ".pyc"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def read_key(source: Source) -> str:
    """The cache key of one report's rows: its path, its bytes and reportkit's version."""
    return _key("read", version_key(), source.rel, source.sha256)


def pair_key(place: str, old: Source, new: Source, old_year: int, new_year: int) -> str:
    """The cache key of one pair's rows: both editions as read, their place and years."""
    return _key("pair", version_key(), place, old.rel, old.sha256, new.rel, new.sha256,
                str(old_year), str(new_year))


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
