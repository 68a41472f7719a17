"""Reading a file's bytes safely: size limit, binary detection, encoding with a clear message."""

from __future__ import annotations

from pathlib import Path

from ..model import Pos
from ..problems import Problem, ReportError

MAX_BYTES = 10 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


def fail(file: str, message: str, code: str = "RK001", line: int = 0, col: int = 0) -> ReportError:
    """The error for input that cannot be read at all (exit code 2)."""
    return ReportError(Problem(file, line, col, "error", code, message))


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing a directory, a missing file or one over the size limit."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise fail(name, "is a directory, not a file")
        if size > max_bytes:
            raise fail(name, f"file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB",
                       "RK002")
        return p.read_bytes()
    except FileNotFoundError:
        raise fail(name, "no such file") from None
    except PermissionError:
        raise fail(name, "permission denied") from None
    except IsADirectoryError:
        raise fail(name, "is a directory, not a file") from None


def decode(data: bytes, file: str, allow_legacy: bool = False) -> tuple[str, str]:
    """Decode text as UTF-8 (BOM allowed); return (text, encoding name).

    With ``allow_legacy`` GB18030 (a superset of GBK) and Big5 are tried next. Without it a file
    in one of those gets an error that names the encoding and says how to convert it.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # what Windows Notepad calls "Unicode"
        raise fail(file, "UTF-16 text, not UTF-8: convert it with `iconv -f UTF-16 -t UTF-8`",
                   "RK004", 1, 1)
    if b"\x00" in data[:8192]:
        raise fail(file, "binary file (NUL bytes): not a text report", "RK003")
    if data.startswith(BOM):
        data, bom = data[len(BOM):], True
    else:
        bom = False
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    legacy = _guess_legacy(data)
    if allow_legacy and legacy:
        return data.decode(legacy), legacy
    line = data.count(b"\n", 0, bad) + 1
    col = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    hint = (f": it looks like {legacy.upper()} (common for Chinese files); convert it with "
            f"`iconv -f {legacy.upper()} -t UTF-8`" if legacy else "")
    raise fail(file, f"not valid UTF-8 (byte 0x{data[bad]:02x}){hint}", "RK004", line, col)


def _guess_legacy(data: bytes) -> str:
    """Name the legacy Chinese encoding that decodes the data into mostly CJK text, if any."""
    # GBK first: it is what Chinese Windows writes, and GB18030 (its superset) is what a file
    # that uses characters outside GBK needs; Big5 is the traditional-character encoding.
    for enc in ("gbk", "gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        high = [c for c in text if ord(c) > 127]
        cjk = sum(1 for c in high if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                  or "\uff00" <= c <= "\uffef")
        if high and cjk / len(high) > 0.9:
            return enc
    return ""


def pos(file: str, line: int, col: int) -> Pos:
    """A model position."""
    return Pos(file, line, col)
