"""Fonts for the PDF writer: TrueType outlines, reportlab registration, widths and coverage.

ReportLab embeds only TrueType (glyf) outlines, and the official faces (Fandol, .otf) are CFF.
``truetype_file`` converts such a face once with fontTools (cubic curves to quadratic ones, a
glyf table in place of CFF) and caches the result under ``$XDG_CACHE_HOME/reportkit/fonts``,
keyed by a hash of the source file, so only the first build on a machine pays for it.

The faces themselves come from ``reportkit.fonts.resolve`` (the project's fontconfig aliases),
so the PDF draws with exactly the faces LibreOffice uses for the .docx.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path

#: Tables a TrueType conversion does not need (CFF-specific or hinting for CFF).
_DROP = ("CFF ", "CFF2", "VORG")


def cache_dir() -> Path:
    """Where converted fonts are kept: $XDG_CACHE_HOME/reportkit/fonts (default ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportkit" / "fonts"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:24]


def _known_digest(path: Path) -> str:
    """The content hash of a font, remembered by path, size and time so that a build does not
    read 7 MB to hash it again (a changed file gets a new entry and is hashed)."""
    st = path.stat()
    key = hashlib.sha256(f"{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()
    memo = cache_dir() / "digests" / key[:24]
    try:
        return memo.read_text(encoding="ascii").strip()
    except OSError:
        pass
    digest = _digest(path)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=memo.name, suffix=".part", dir=memo.parent)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(digest)
        os.replace(tmp, memo)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return digest


def _is_cff(path: Path, index: int) -> bool:
    """Whether a font (or face ``index`` of a collection) has CFF outlines: its sfnt tag."""
    import struct

    with open(path, "rb") as fh:
        tag = fh.read(4)
        if tag == b"ttcf":
            fh.seek(12 + 4 * index)
            (offset,) = struct.unpack(">L", fh.read(4))
            fh.seek(offset)
            tag = fh.read(4)
    return tag == b"OTTO"


def truetype_file(path: str | Path, index: int = 0) -> tuple[Path, int]:
    """A TrueType-outline file for a font (and the subfont index to use in it).

    A glyf font is returned as is; a CFF one is converted once and cached by content hash.
    """
    path = Path(path)
    if not _is_cff(path, index):
        return path, index
    target = cache_dir() / f"{path.stem}-{_known_digest(path)}-{index}.ttf"
    if not target.exists():
        _convert(path, index, target)
    return target, 0


def _convert(src: Path, index: int, target: Path) -> None:
    """Convert a CFF font to TrueType outlines and write it atomically to ``target``."""
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(src), fontNumber=index)
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = _quadratic_glyphs(font.getGlyphSet(), order)
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in _DROP:
        if tag in font:
            del font[tag]
    glyf.compile(font)
    _fix_hmtx_lsb(font, glyf)
    font["maxp"] = _truetype_maxp(font, glyf)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Concurrent builds may convert the same face: each writes its own file, the rename wins.
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _quadratic_glyphs(glyphset, order) -> dict:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    out = {}
    for name in order:
        pen = TTGlyphPen(glyphset)
        # 1/1000 em is invisible at print sizes; reverse: TrueType contours run clockwise.
        glyphset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        out[name] = pen.glyph()
    return out


def _fix_hmtx_lsb(font, glyf) -> None:
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width, _ = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))


def _truetype_maxp(font, glyf):
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyf.glyphOrder)
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth", "maxPoints", "maxContours", "maxCompositePoints",
                 "maxCompositeContours"):
        setattr(maxp, attr, 0)
    maxp.recalc(font)
    return maxp


@dataclass(frozen=True)
class PdfFace:
    """A face registered with reportlab: its PDF name, source file and the font object."""

    name: str  #: reportlab font name (the face's family, made unique)
    family: str  #: fontconfig family, e.g. FandolFang
    file: str  #: the file the face came from (before conversion)
    font: object  #: reportlab TTFont
    is_bold: bool = False  #: the face itself is bold (no synthetic bold needed)

    def width(self, ch: str, size: float) -> float:
        """Advance width of one character in points at a size (0 for a missing glyph)."""
        return self.font.face.charWidths.get(ord(ch), 0) * size / 1000.0

    def covers(self, ch: str) -> bool:
        """Whether the face has a glyph for the character."""
        return ord(ch) in self.font.face.charToGlyph

    def lacking(self, chars) -> set[str]:
        """The characters of ``chars`` the face has no glyph for."""
        cmap = self.font.face.charToGlyph
        return {ch for ch in chars if ord(ch) not in cmap}

    @functools.cached_property
    def charset(self) -> frozenset:
        """Every character the face has a glyph for (built on first use: 10 000-33 000 of
        them, which a build never needs)."""
        return frozenset(map(chr, self.font.face.charToGlyph))


def defer_pil() -> None:
    """Let reportlab import Pillow without running it until it is used.

    ``reportlab.lib.utils`` imports ``PIL.Image`` at once (for images, which reports never
    have), ~10-20 ms of Pillow and its tag tables on every build. Before reportlab is first
    imported, PIL.Image is entered in sys.modules as the standard library's lazy module
    (importlib.util.LazyLoader): the same module, executed on its first attribute access, so
    anything that does use Pillow later (reportlab's images, pdfplumber) gets it as usual.
    """
    import sys

    if "PIL.Image" in sys.modules or "reportlab.lib.utils" in sys.modules:
        return
    import importlib.util

    try:
        spec = importlib.util.find_spec("PIL.Image")
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    sys.modules["PIL"].Image = module  # as an import of the submodule would


@functools.cache
def load_face(file: str, index: int = 0, family: str = "") -> PdfFace:
    """Register a font file with reportlab (converting CFF outlines first)."""
    defer_pil()
    from reportlab.pdfbase import pdfmetrics

    tt, sub = truetype_file(file, index)
    name = f"{family or Path(file).stem}-{Path(file).stem}-{index}".replace(" ", "")
    font = _reportlab_font(name, tt, sub)
    pdfmetrics.registerFont(font)
    return PdfFace(name, family or Path(file).stem, str(file), font, _bold(font))


#: Parts of a parsed face left out of its pickle: the raw bytes (re-read), a bound scale, and
#: glyphToChar, which reportlab only uses while parsing (a third of the unpickling time).
_NOT_PICKLED = ("_ttf_data", "_pdfScale", "glyphToChar")
_PICKLE_FORMAT = 5  #: part of the pickle's key: bump it when _NOT_PICKLED or _packed change
#: Per-glyph tables of a parsed face that only subsetting reads, a few hundred entries a
#: build: kept in the pickle as arrays of machine numbers and read from them in place
#: (``_packed``). Unpickling them as lists of Python numbers and tuples (27 000 glyphs in
#: AR PL UMing) was half the time spent loading the faces.
_PAIRS = ("hmetrics",)
_LISTS = ("glyphPos",)
#: Per-character tables (character -> glyph, character -> width): a build looks up a thousand
#: characters of the 10 000-33 000 a face maps, so they are kept as arrays indexed by code
#: point (``_CharTable``) instead of being rebuilt as dicts, which was 70% of loading a face.
_MAPS = ("charToGlyph", "charWidths")
#: Code points held in a character table's array; others (and odd values) go in its dict.
_DENSE = 0x10000


def _reportlab_font(name: str, path: Path, index: int):
    """A reportlab TTFont whose parsed tables come from a cache when they can.

    Parsing the cmap and widths of a 10 000-glyph face takes reportlab ~0.15 s, more than
    laying out the whole seed report; the parsed face is pickled next to the converted fonts
    (keyed by file, size, mtime and reportlab's version) and only the raw bytes are re-read.
    """
    import pickle

    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    st = path.stat()
    key = hashlib.sha256(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{index}\0{Version}\0"
                         f"{_PICKLE_FORMAT}".encode()).hexdigest()[:24]
    info = cache_dir() / f"{path.stem}-{key}.face.pickle"
    try:
        state = _unpacked(pickle.loads(info.read_bytes()))
        face = _mapped_face_class().__new__(_mapped_face_class())
        face.__dict__.update(state)
        face._ttf_data = _mapped(path)  # only the glyphs drawn are read, when subsetting
        face._pdfScale = functools.partial(_scale, 1000 / face.unitsPerEm)
        font = TTFont.__new__(TTFont)
        for attr, value in _font_state(name).items():
            setattr(font, attr, value)  # shapable is a property: set, never poke __dict__
        font.face = face
        return font
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError,
            KeyError):
        pass
    font = TTFont(name, str(path), subfontIndex=index)
    state = _packed({k: v for k, v in font.face.__dict__.items() if k not in _NOT_PICKLED})
    try:
        info.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=info.name, suffix=".part", dir=info.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, info)
        _drop_stale(info, path.stem)
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        pass  # a cache that cannot be written only costs time
    return font


def _drop_stale(current: Path, stem: str) -> None:
    """Remove the face's older pickles (another reportlab, format or font file made them): a
    new key is only written when the old one no longer matches, so they are never read again."""
    import re

    own = re.compile(re.escape(stem) + r"-[0-9a-f]{24}\.face\.pickle")
    for old in current.parent.glob(f"{glob_escape(stem)}-*.face.pickle"):
        if old != current and own.fullmatch(old.name):
            try:
                old.unlink()
            except OSError:
                pass


def _packed(state: dict) -> dict:
    """A face's state with its per-glyph tables as number columns (see _column)."""
    state = dict(state)
    packed = {}
    for name in _PAIRS:
        pairs = state.pop(name)
        packed[name] = ("pairs", _column(a for a, _ in pairs), _column(b for _, b in pairs))
    for name in _LISTS:
        packed[name] = ("list", _column(state.pop(name)))
    for name in _MAPS:
        packed[name] = ("map", _char_table(state.pop(name)))
    state["_packed"] = packed
    return state


def _unpacked(state: dict) -> dict:
    """The state again, each per-glyph table a sequence giving the values (and types) it held."""
    for name, (kind, *columns) in state.pop("_packed").items():
        if kind == "map":
            state[name] = _CharTable(*columns[0])
            continue
        values = [_Column(*c) for c in columns]
        state[name] = _Pairs(*values) if kind == "pairs" else values[0].plain()
    return state


def _char_table(mapping: dict) -> tuple[str, bytes, dict]:
    """A character table as (array typecode, the array's bytes, {code: value} for the rest).

    Whole numbers (glyph ids) go in a signed array, floats (widths) in a float32 array when
    every one of them survives the round trip (upem 1000, 1024, 2048 faces: all do), else
    float64; -1 marks "no entry" (glyph ids and advance widths are never negative). A code
    point past the BMP, a value of another type, or one the array cannot hold exactly is
    kept in the dict.
    """
    import array

    values = list(mapping.values())
    floats = sum(type(v) is float for v in values) * 2 > len(values)
    if floats:
        narrow = [v for v in values if type(v) is float]
        code = "f" if list(array.array("f", narrow)) == narrow else "d"
    else:
        code = "i"
    dense = array.array(code, [-1]) * _DENSE
    odd = {}
    for char, value in mapping.items():
        if 0 <= char < _DENSE and _fits(code, value):
            dense[char] = value
            if dense[char] == value:
                continue
            dense[char] = -1
        odd[char] = value
    return code, dense.tobytes(), odd


def _fits(code: str, value) -> bool:
    if code == "i":
        return type(value) is int and 0 <= value < 2**31
    return type(value) is float and value >= 0  # not NaN either


class _CharTable(Mapping):
    """A read-only character table (code point -> glyph id or width) over an array indexed
    by code point, with a dict for the entries the array does not hold (see _char_table).
    Looks and behaves as the dict reportlab builds: ``in``, ``[]``, ``get``, iteration."""

    __slots__ = ("_size", "dense", "odd")

    def __init__(self, code: str, data: bytes, odd: dict):
        import array

        self.dense = array.array(code)
        self.dense.frombytes(data)
        self.odd = odd
        self._size = None

    def __getitem__(self, char: int):
        if char in self.odd:
            return self.odd[char]
        if 0 <= char < _DENSE:
            value = self.dense[char]
            if value != -1:
                return value
        raise KeyError(char)

    def get(self, char: int, default=None):
        try:
            return self[char]
        except (KeyError, TypeError):
            return default

    def __contains__(self, char) -> bool:
        if char in self.odd:
            return True
        if type(char) is not int or not 0 <= char < _DENSE:
            return False
        return self.dense[char] != -1

    def __iter__(self):
        yield from (c for c, v in enumerate(self.dense) if v != -1)
        yield from self.odd

    def __len__(self) -> int:
        if self._size is None:
            self._size = sum(1 for _ in self)
        return self._size


def _column(values) -> tuple[str, bytes, dict]:
    """Numbers as (array typecode, the array's bytes, {position: value} for the values that
    are not of the array's type), so that ints stay ints and floats floats."""
    import array

    values = list(values)
    floats = sum(type(v) is float for v in values)
    code = "d" if floats * 2 > len(values) else "q"
    kind = float if code == "d" else int
    plain = [v if type(v) is kind and (kind is float or -2**63 <= v < 2**63) else kind(0)
             for v in values]
    odd = {i: v for i, (v, p) in enumerate(zip(values, plain)) if v is not p}
    return code, array.array(code, plain).tobytes(), odd


class _Column:
    """A packed column read in place: item i is the array's, or the odd value at i."""

    __slots__ = ("array", "odd")

    def __init__(self, code: str, data: bytes, odd: dict):
        import array

        self.array = array.array(code)
        self.array.frombytes(data)
        self.odd = odd

    def __getitem__(self, i: int):
        return self.odd[i] if i in self.odd else self.array[i]

    def __len__(self) -> int:
        return len(self.array)

    def plain(self):
        """The array itself when no value differs in type (indexing gives the same numbers)."""
        return self if self.odd else self.array


class _Pairs:
    """(a[i], b[i]) of two columns: reportlab's hmetrics, (advance, left side bearing)."""

    __slots__ = ("a", "b")

    def __init__(self, a: _Column, b: _Column):
        self.a, self.b = a, b

    def __getitem__(self, i: int) -> tuple:
        return self.a[i], self.b[i]

    def __len__(self) -> int:
        return len(self.a)


@functools.cache
def _mapped_face_class():
    """reportlab's TTFontFace, with the glyph table sliced in place of copied.

    ``makeSubset`` takes the whole glyf table (megabytes for a CJK face) only to slice out the
    glyphs drawn; from a memory map that copy was most of the subsetting time.
    """
    from reportlab.pdfbase.ttfonts import TTFontFace

    class MappedFace(TTFontFace):
        def get_table(self, tag):
            if tag != "glyf":
                return super().get_table(tag)
            pos, length = self.get_table_pos(tag)
            return _Slices(memoryview(self._ttf_data)[pos:pos + length])

    return MappedFace


class _Slices:
    """A read-only view of a table whose slices are bytes (copied only as far as sliced)."""

    __slots__ = ("view",)

    def __init__(self, view: memoryview):
        self.view = view

    def __getitem__(self, key) -> bytes:
        return self.view[key].tobytes()

    def __len__(self) -> int:
        return len(self.view)


def _mapped(path: Path):
    """The bytes of a file, memory-mapped (reportlab only slices them)."""
    import mmap

    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def _scale(factor: float, x: float) -> float:
    return x * factor


def _font_state(name: str) -> dict:
    """What reportlab's TTFont.__init__ sets besides the face (kept in step with reportlab 4-5)."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding

    return {"fontName": name, "encoding": TTEncoding(), "state": WeakKeyDictionary(),
            "_asciiReadable": rl_config.ttfAsciiReadable, "shapable": False}


def _bold(font) -> bool:
    """Whether a face is bold by its weight class (reportlab's FORCEBOLD flag: ≥ 600)."""
    from reportlab.pdfbase.ttfonts import FF_FORCEBOLD

    return bool(font.face.flags & FF_FORCEBOLD)


@functools.cache
def face_for(word_name: str, bold: bool = False) -> PdfFace:
    """The registered face LibreOffice would draw for a Word font name (e.g. 仿宋_GB2312)."""
    family, file, index = _resolved(word_name, bold)
    return load_face(file, index, family)


def _resolved(word_name: str, bold: bool) -> tuple[str, str, int]:
    """reportkit.fonts.resolve, remembered: fc-match costs 15 ms a name and a build asks for
    eight. The answer is kept with the fontconfig setup it came from (the alias config file,
    whose name carries its content hash, and the times of fontconfig's cache folders, which
    fc-cache touches when fonts come or go); a changed setup asks fc-match again."""
    import json

    from ... import fonts

    setup = [str(fonts.config_file())]
    for folder in ("/var/cache/fontconfig", os.path.expanduser("~/.cache/fontconfig")):
        try:
            setup.append(str(os.stat(folder).st_mtime_ns))
        except OSError:
            setup.append("-")
    key = hashlib.sha256(json.dumps([setup, word_name, bold]).encode()).hexdigest()[:24]
    memo = cache_dir() / "resolved" / key
    try:
        family, file, index = json.loads(memo.read_text(encoding="utf-8"))
        if os.path.exists(file):
            return family, file, int(index)
    except (OSError, ValueError, TypeError):
        pass
    face = fonts.resolve(word_name, bold)
    answer = (face.family, str(face.file), int(face.index or 0))
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=key, suffix=".part", dir=memo.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(answer, fh, ensure_ascii=False)
        os.replace(tmp, memo)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return answer
