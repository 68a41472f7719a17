"""Writing outputs safely and reproducibly: atomic files, fixed build dates."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from .model import Report
from .problems import Problem, ReportError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write bytes to a path all at once: a temporary file in the same folder, then rename.

    A failure leaves any previous file untouched and no partial file behind. An unwritable
    folder raises ReportError with a clear message.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ReportError(Problem(str(folder), 0, 0, "error", "RK040",
                                  f"cannot write here: {exc.strerror or exc}")) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ReportError(Problem(str(path), 0, 0, "error", "RK040",
                                      f"cannot write: {exc.strerror or exc}")) from None
        raise


def build_time(report: Report | None = None) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else the report's date, else
    2000-01-01. Never the wall clock, so the same spec gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    if report is not None and report.meta.date:
        try:
            d = dt.date.fromisoformat(report.meta.date)
            return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
