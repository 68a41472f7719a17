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

import io


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
    replaced by one from each character to its glyph: the old cmap's code i is codes[i]."""
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    # head.modified stays the face's own: the same document, the same bytes
    font = TTFont(io.BytesIO(subset), recalcTimestamp=False)
    by_position = font["cmap"].getcmap(1, 0).cmap
    mapping = {codes[i]: glyph for i, glyph in by_position.items() if i < len(codes)}
    tables = [_subtable(CmapSubtable, 4, 1, {c: g for c, g in mapping.items() if c < 0x10000})]
    if any(c >= 0x10000 for c in mapping):
        tables.append(_subtable(CmapSubtable, 12, 10, mapping))
    cmap = newTable("cmap")
    cmap.tableVersion = 0
    cmap.tables = tables
    font["cmap"] = cmap
    out = io.BytesIO()
    font.save(out, reorderTables=False)  # tables not touched are copied as they are
    return out.getvalue()


def _subtable(cls, fmt: int, encoding: int, mapping: dict):
    """A Windows (platform 3) cmap subtable of a format and encoding."""
    table = cls.newSubtable(fmt)
    table.platformID, table.platEncID, table.language = 3, encoding, 0
    table.cmap = mapping
    return table
