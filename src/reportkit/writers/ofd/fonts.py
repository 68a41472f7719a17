"""Embedded font subsets for OFD: the PDF's TrueType subsets, with a Unicode cmap.

OFD text objects carry Unicode text (TextCode) and a reader finds each glyph through the
embedded font's cmap (GB/T 33190-2016 §11.1: a font resource names its FontFile). The
outlines are the ones the PDF embeds: reportlab's ``makeSubset`` of the same TrueType face
(converted from CFF once, see writers/pdf/fonts.py). That subset is built for a PDF, whose
text is glyph ids: its only cmap (Macintosh, format 6) maps subset positions, not characters.
``subset_file`` replaces it with a Windows Unicode cmap (format 4 for the BMP, format 12 beside
it for characters past it) from the characters to the same new glyph ids.
"""

from __future__ import annotations

import struct


class OfdFont:
    """One face of one document: the characters it draws, and its resource ID and file name."""

    def __init__(self, face, res_id: int):
        self.face = face
        self.id = res_id
        self.chars: set[str] = set()

    @property
    def file_name(self) -> str:
        """The font file's name inside the resource folder."""
        return f"font_{self.id}.ttf"

    @property
    def font_name(self) -> str:
        """The face's PostScript name (OFD's FontName)."""
        return self.face.font.face.name.decode("latin-1")

    def subset_file(self) -> bytes:
        """A TrueType file holding the glyphs of ``chars``, with a Unicode cmap."""
        codes = sorted(map(ord, self.chars))
        return unicode_cmap(self.face.font.face.makeSubset(codes), codes)


class Fonts:
    """The document's font resources, one per face, in the order first drawn."""

    def __init__(self, ids):
        self.ids = ids
        self.by_name: dict[str, OfdFont] = {}

    def of(self, face) -> OfdFont:
        """The resource of a face (made, with a new ID, on first use)."""
        font = self.by_name.get(face.name)
        if font is None:
            font = self.by_name[face.name] = OfdFont(face, self.ids.next())
        return font

    def __iter__(self):
        return iter(self.by_name.values())


def unicode_cmap(subset: bytes, codes: list[int]) -> bytes:
    """The TrueType ``subset`` (reportlab's, made for ``codes`` in this order) with its cmap
    replaced by one from each character to its glyph: the old cmap's code i is codes[i].

    Written with reportlab's own table writer (TTFontMaker: directory, checksums, head's
    checkSumAdjustment); importing fontTools for it cost more than the rest of a seed build's
    OFD part.
    """
    from reportlab.pdfbase.ttfonts import TTFontMaker

    tables = _tables(subset)
    glyphs = _format6_glyphs(tables["cmap"])
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, data)
    maker.add("cmap", cmap_table(dict(zip(codes, glyphs, strict=False))))
    return maker.makeStream()


def _tables(font: bytes) -> dict[str, bytes]:
    """The tables of a TrueType file by tag (the sfnt table directory, OpenType §5)."""
    (count,) = struct.unpack_from(">H", font, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        out[tag.decode("latin-1")] = font[offset:offset + length]
    return out


def _format6_glyphs(cmap: bytes) -> list[int]:
    """The glyph ids of reportlab's subset cmap: one format 6 table, codes from firstCode."""
    (count,) = struct.unpack_from(">H", cmap, 2)
    for i in range(count):
        _, _, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * i)
        fmt, _, _, first, entries = struct.unpack_from(">HHHHH", cmap, offset)
        if fmt == 6:
            if first:
                raise ValueError("a subset cmap not starting at code 0")
            return list(struct.unpack_from(f">{entries}H", cmap, offset + 10))
    raise ValueError("no format 6 cmap in the subset")


def cmap_table(mapping: dict[int, int]) -> bytes:
    """A cmap (OpenType §cmap) of Windows Unicode subtables: format 4 for the BMP (platform 3,
    encoding 1) and, for characters past it, format 12 (3, 10). Characters without a glyph
    (id 0) are left out."""
    runs = _runs(sorted((c, g) for c, g in mapping.items() if g))
    bmp = [(a, min(b, 0xFFFE), g) for a, b, g in runs if a < 0xFFFF]
    subtables = []
    fmt4 = _format4(bmp)
    if fmt4 is not None:
        subtables.append((1, fmt4))
    if fmt4 is None or any(b > 0xFFFE for _, b, _ in runs):
        subtables.append((10, _format12(runs)))
    head = struct.pack(">HH", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    records, bodies = b"", b""
    for encoding, body in subtables:
        records += struct.pack(">HHL", 3, encoding, offset + len(bodies))
        bodies += body
    return head + records + bodies


def _runs(pairs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(first code, last code, first glyph) of the runs of consecutive codes whose glyphs are
    consecutive too."""
    runs: list[list[int]] = []
    for code, glyph in pairs:
        if runs and code == runs[-1][1] + 1 and glyph == runs[-1][2] + code - runs[-1][0]:
            runs[-1][1] = code
        else:
            runs.append([code, code, glyph])
    return [tuple(r) for r in runs]


def _format4(runs: list[tuple[int, int, int]]) -> bytes | None:
    """A format 4 subtable: one segment a run (idDelta maps it), then the closing 0xFFFF
    segment; None when it would not fit the format's 16-bit length."""
    segments = [*runs, (0xFFFF, 0xFFFF, 0)]
    n = len(segments)
    length = 16 + 8 * n
    if length > 0xFFFF:
        return None
    power = 1 << (n.bit_length() - 1)
    ends = [b for _, b, _ in segments]
    starts = [a for a, _, _ in segments]
    deltas = [(g - a) % 0x10000 for a, _, g in runs] + [1]
    return (struct.pack(">7H", 4, length, 0, 2 * n, 2 * power, power.bit_length() - 1,
                        2 * n - 2 * power)
            + struct.pack(f">{n}H", *ends) + b"\0\0" + struct.pack(f">{n}H", *starts)
            + struct.pack(f">{n}H", *deltas) + bytes(2 * n))


def _format12(runs: list[tuple[int, int, int]]) -> bytes:
    """A format 12 subtable: one group a run."""
    groups = b"".join(struct.pack(">3L", a, b, g) for a, b, g in runs)
    return struct.pack(">HHLLL", 12, 0, 16 + len(groups), 0, len(runs)) + groups
