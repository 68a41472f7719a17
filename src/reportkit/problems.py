"""Problems are values: every check yields them, the CLI prints them in one of three formats."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Pos

LEVELS = ("error", "warning")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, at a place in a file, with a stable code (RK101 …)."""

    file: str
    line: int
    col: int
    level: str
    code: str
    message: str

    @classmethod
    def at(cls, pos: Pos, level: str, code: str, message: str, file: str = "") -> "Problem":
        """A problem at a model position (the position's file unless one is given)."""
        return cls(file or pos.file, pos.line, pos.col, level, code, message)

    def text(self) -> str:
        """`file:line:col: level message (CODE)`."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col}"
        return f"{where}: {self.level} {self.message} ({self.code})"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line."""
        kind = "error" if self.level == "error" else "warning"
        return (f"::{kind} file={_prop(self.file)},line={self.line},col={self.col},"
                f"title={self.code}::{_data(self.message)}")


def _data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a workflow command's property value (also `:` and `,`)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class ReportError(Exception):
    """Input that cannot be read at all: carries the problem to print (exit code 2)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def render(problems: list[Problem], fmt: str) -> str:
    """Print problems sorted by place in `text`, `json` or `github` format."""
    problems = sorted(problems)
    if fmt == "json":
        import json

        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in problems)
    return "\n".join(p.text() for p in problems)


def has_failures(problems: list[Problem], strict: bool = False) -> bool:
    """Errors always fail; warnings fail under --strict."""
    return any(p.level == "error" or strict for p in problems)
