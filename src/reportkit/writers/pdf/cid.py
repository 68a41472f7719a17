"""Embedding a TrueType face as one composite font (Type0 / CIDFontType2, Identity-H).

reportlab embeds a TrueType face as simple fonts of at most 256 glyphs each; Chinese text uses
a thousand or more characters, so a line switches between half a dozen subsets and the page
streams fill with font changes (at 50× the seed: 280 000 of them, most of the build time).
A composite font holds every glyph of the document in one subset with two-byte codes: a run of
text is one `<hex> Tj`, encoded by ``str.translate`` at C speed.

The font file is still reportlab's TrueType subset (``makeSubset``), so the outlines embedded
are the ones reportlab would embed; this module only writes the PDF dictionaries around it
(ISO 32000-1 §9.7: Type0 font, CIDFontType2 with CIDToGIDMap /Identity, a ToUnicode CMap so
text can be searched and copied).
"""

from __future__ import annotations

import functools
import hashlib

#: Characters per bfchar block of the ToUnicode CMap (the format allows at most 100).
_CMAP_BLOCK = 100


class _FastFlate:
    """Flate at level 1 for the font files: 3-4 times faster than zlib's default level, the
    file a tenth larger (the font programs are most of a PDF's bytes and of its save time).

    The compression of a font file starts on a thread as soon as the subset is made (before
    the pages are drawn, see ``CIDFont.finish``): zlib lets go of the GIL, so it runs beside
    the drawing and the rest of the save on a second core, and ``encode`` only waits for it.
    Same bytes either way.
    """

    pdfname = "FlateDecode"

    def __init__(self, data: bytes):
        import threading

        self.data, self.result = data, None
        self.thread = threading.Thread(target=self._run, name="reportkit-flate", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.result = _flate(self.data)

    def encode(self, data: bytes) -> bytes:
        if data is self.data:
            self.thread.join()
            if self.result is not None:
                return self.result
        return _flate(data)


def _flate(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 1)


class CIDFont:
    """One face of one document as a composite font: codes are assigned, then written once.

    ``encode(text)`` gives the hex string of a text (every character must have been passed
    to ``add`` first); ``name`` is the resource name to use with Tf.
    """

    def __init__(self, face, doc):
        self.face = face
        self.doc = doc
        self.chars: list[str] = []
        self.table: dict[int, str] = {}
        self.known: set[str] = set()
        self._glyph_of: dict[int, int] = {}  # original glyph -> new glyph id
        self._file: tuple[list[int], bytes, _FastFlate] | None = None  # codes, subset, flate
        self.name = "/" + _register(self, doc)

    def finish(self) -> None:
        """The glyph set is complete: make the TrueType subset now and start compressing it.

        Called before the pages are drawn, so the compression (the largest single cost of a
        save: a 700 KB subset for the body face) runs while they are. A character added later
        makes ``addObjects`` start again from the new glyph set.
        """
        codes = [ord(ch) for ch in self.chars]
        subset = self.face.font.face.makeSubset(codes)
        self._file = (codes, subset, _FastFlate(subset))

    def add(self, chars) -> None:
        """Give glyph ids to characters not seen yet (in the order given)."""
        char_to_glyph = self.face.font.face.charToGlyph
        for ch in chars:
            if ord(ch) in self.table:
                continue
            original = char_to_glyph.get(ord(ch), 0)
            # as reportlab's makeSubset numbers them: 0 is .notdef, then by first use
            gid = self._glyph_of.setdefault(original, len(self._glyph_of) + 1) if original else 0
            self.chars.append(ch)
            self.known.add(ch)
            self.table[ord(ch)] = chr(gid >> 8) + chr(gid & 0xFF)

    def encode(self, text: str) -> str:
        """The two-byte glyph ids of a text, as hex for a Tj string."""
        return text.translate(self.table).encode("latin-1").hex()

    def addObjects(self, doc) -> None:
        """Write the font dictionaries, the font file and the ToUnicode CMap into ``doc``."""
        from reportlab.pdfbase import pdfdoc

        internal = self.name[1:]
        base = f"{self._tag()}+{self.face.font.face.name.decode('latin-1')}"
        codes = [ord(ch) for ch in self.chars]
        if self._file is None or self._file[0] != codes:
            self.finish()
        descriptor = self._descriptor(doc, base)
        widths = self.face.font.face.charWidths
        by_gid = sorted({ord(t[0]) << 8 | ord(t[1]): ch for ch, t in
                         ((chr(c), self.table[c]) for c in codes)}.items())
        # Formatted here: reportlab's number formatting, element by element, cost more than
        # the rest of the dictionaries (the bytes are the same: whole numbers print as %d).
        w = pdfdoc.PDFArray([_Raw(x) for gid, ch in by_gid if gid
                             for x in (b"%d" % gid, b"[ %d ]" % round(widths.get(ord(ch), 1000)))])
        descendant = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0}),
            "FontDescriptor": descriptor, "DW": 1000, "W": w,
            "CIDToGIDMap": pdfdoc.PDFName("Identity")})
        cmap = pdfdoc.PDFStream(content=_to_unicode(by_gid).encode("latin-1"))
        if doc.compression:
            cmap.filters = [pdfdoc.PDFZCompress]
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(base), "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(descendant, f"cid:{internal}")]),
            "ToUnicode": doc.Reference(cmap, f"tounicode:{internal}")})
        doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(font, internal)

    def _descriptor(self, doc, base: str):
        """The font file and its FontDescriptor, as reportlab's ``addSubsetObjects`` writes
        them (same keys and values), from the subset made by ``finish``."""
        from reportlab.pdfbase import pdfdoc
        from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

        ttf = self.face.font.face
        _, subset, flate = self._file
        stream = pdfdoc.PDFStream()
        stream.content = subset
        stream.dictionary["Length1"] = len(subset)
        if doc.compression:
            stream.filters = [flate]
        ref = doc.Reference(stream, f"fontFile:{ttf.filename}({base})")
        return doc.Reference(pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "Ascent": ttf.ascent, "CapHeight": ttf.capHeight,
            "Descent": ttf.descent, "Flags": (ttf.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(ttf.bbox), "FontName": pdfdoc.PDFName(base),
            "ItalicAngle": ttf.italicAngle, "StemV": ttf.stemV, "FontFile2": ref,
            "MissingWidth": ttf.defaultWidth}), "fontDescriptor:" + base)

    def _tag(self) -> str:
        """Six capital letters naming this subset (PDF's subset tag), from its content."""
        digest = hashlib.sha256("".join(self.chars).encode("utf-8")).digest()
        return "".join(chr(ord("A") + b % 26) for b in digest[:6])


@functools.cache
def _raw_class():
    """A reportlab PDF object whose syntax is already formatted."""
    from reportlab.pdfbase import pdfdoc

    class Raw(pdfdoc.PDFObject):
        __slots__ = ("data",)

        def __init__(self, data: bytes):
            self.data = data

        def format(self, document) -> bytes:
            return self.data

    return Raw


def _Raw(data: bytes):
    return _raw_class()(data)


def _register(font: CIDFont, doc) -> str:
    """A fresh internal font name in reportlab's document, with the font written at save."""
    name = f"FC{len(doc.fontMapping) + 1}"
    doc.fontMapping[f"reportkit-cid-{id(font)}"] = "/" + name
    doc.delayedFonts.append(font)
    return name


def _to_unicode(by_gid: list[tuple[int, str]]) -> str:
    """A ToUnicode CMap from two-byte glyph ids to the characters they draw."""
    pairs = [f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for gid, ch in by_gid if gid]
    blocks = []
    for i in range(0, len(pairs), _CMAP_BLOCK):
        chunk = pairs[i:i + _CMAP_BLOCK]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
