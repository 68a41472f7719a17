"""Fonts inside the .docx (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): subsets of the faces used.

``embed_fonts(parts, style, lines)`` takes the package's parts as the writer made them and
returns them with, for each Word font name the document uses, a subset of the face that draws it
(the one ``reportkit.fonts.resolve`` picks, as for the PDF) holding only the characters its roles
draw. Each subset is an obfuscated font part (word/fonts/fontN.odttf: its first 32 bytes XORed
with the font key, a GUID) referred to from fontTable.xml by ``w:embedRegular``/``w:embedBold``
with that ``w:fontKey``; settings.xml says ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``.

CFF faces (the Fandol .otf) are embedded with TrueType outlines (the PDF writer's cached
conversion), the form Word embeds and reads. A face is embedded only when its licence bits
(OS/2 fsType) allow it: installable (0) or editable (8); a face restricted to preview and
print (4) or forbidding embedding (2), or one that allows bitmaps only, stops the build with
RK054 naming it. Everything is derived from the bytes (the key is a hash of the subset), so the
same spec gives the same .docx.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass

from ... import fonts
from ...problems import Problem, ReportError
from . import oxml

FONT_DIR = "word/fonts"
CT_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
REL_FONT = oxml.REL + "font"
#: fsType bits (OpenType OS/2): what the face's licence allows an embedding document to do.
RESTRICTED, PREVIEW_PRINT, EDITABLE, NO_SUBSETTING, BITMAP_ONLY = 0x2, 0x4, 0x8, 0x100, 0x200


class EmbeddingRefused(Exception):
    """A face the document uses may not be embedded: ``problems`` say which (RK054)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Subset:
    """One embedded face: the Word name it serves, Regular or Bold, and the subset's bytes."""

    name: str
    bold: bool
    family: str
    data: bytes

    @property
    def key(self) -> str:
        """The font key: a GUID made from the subset's hash, so the bytes stay deterministic."""
        h = hashlib.sha256(self.data).hexdigest().upper()
        return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}}}"


def wanted_faces(style, texts: dict[str, str]) -> dict[tuple[str, bool], str]:
    """(Word font name, bold) -> every character drawn with it, from the roles' texts.

    Each role's text is given to its East Asian face and to its Latin face (Word picks one or
    the other per character; a face simply lacks what it does not draw). Bold uses the bold
    face only where fontconfig has a separate one (LibreOffice and Word embolden the rest).
    """
    out: dict[tuple[str, bool], set[str]] = {}
    for role in style.roles:
        text = texts.get(role, "")
        if not text:
            continue
        font = style.font(role)
        for name in dict.fromkeys((font.name, font.latin)):
            bold = font.bold and fonts.resolve(name, True) != fonts.resolve(name, False)
            out.setdefault((name, bold), set()).update(text)
    return {key: "".join(sorted(chars)) for key, chars in sorted(out.items())}


def subsets(style, texts: dict[str, str]) -> list[Subset]:
    """A subset of each face the document uses; EmbeddingRefused naming every face whose
    licence forbids it (RK054)."""
    wanted = wanted_faces(style, texts)
    refused = [p for p in (_licence_problem(name, fonts.resolve(name, bold))
                           for name, bold in wanted) if p]
    if refused:
        raise EmbeddingRefused(list(dict.fromkeys(refused)))
    return [_subset(name, bold, chars) for (name, bold), chars in wanted.items()]


def summary(docx: bytes) -> str:
    """What the embedded fonts add to a .docx, e.g. "583 KB, of which 559 KB embedded fonts:
    Times New Roman 16 KB, 仿宋_GB2312 458 KB, …" ("" when it embeds none)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        sizes = {i.filename: i.compress_size for i in zf.infolist()
                 if i.filename.startswith(FONT_DIR + "/")}
        if not sizes:
            return ""
        names = _part_names(zf.read("word/fontTable.xml"),
                            zf.read("word/_rels/fontTable.xml.rels"))
    per_name: dict[str, int] = {}
    for part, size in sizes.items():
        per_name[names.get(part, part)] = per_name.get(names.get(part, part), 0) + size
    each = ", ".join(f"{name} {_kb(size)}" for name, size in per_name.items())
    return f"{_kb(len(docx))}, of which {_kb(sum(sizes.values()))} embedded fonts: {each}"


def embed_fonts(parts: list[tuple[str, str | bytes]], subs: list[Subset]
                ) -> list[tuple[str, str | bytes]]:
    """The package's parts with the subsets embedded (see the module docstring)."""
    rels, fonts_xml, ctypes = [], {}, {}
    font_parts = []
    for n, sub in enumerate(subs, 1):
        rid, target = f"rIdFont{n}", f"fonts/font{n}.odttf"
        rels.append((rid, REL_FONT, target))
        fonts_xml.setdefault(sub.name, []).append(_embed_element(sub, rid))
        font_parts.append((f"word/{target}", obfuscate(sub.data, sub.key)))
    ctypes["odttf"] = CT_FONT
    out = []
    for name, text in parts:
        if name == "word/fontTable.xml":
            text = _with_embeds(text, fonts_xml)
            out += [(name, text), ("word/_rels/fontTable.xml.rels", oxml.relationships_xml(rels))]
            continue
        if name == "word/settings.xml":
            text = _with_settings(text)
        elif name == "[Content_Types].xml":
            text = _with_defaults(text, ctypes)
        out.append((name, text))
    return out + font_parts


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 §17.8.1: the first 32 bytes XORed with the key's 16 bytes, read from the GUID
    string's last hex pair to its first. Its own inverse."""
    digits = re.sub("[^0-9A-Fa-f]", "", key)
    k = bytes(int(digits[i:i + 2], 16) for i in range(30, -1, -2))
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _subset(name: str, bold: bool, chars: str) -> Subset:
    """The face fontconfig picks for a Word name, cut to ``chars``, with TrueType outlines."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    from ..pdf.fonts import truetype_file

    face = fonts.resolve(name, bold)
    path, index = truetype_file(face.file, face.index)
    # The outlines are copied as they are: their boxes are right, and recomputing them means
    # decoding and re-encoding every glyph (most of the time of an embedded build).
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False, recalcBBoxes=False)
    # The cached conversion is dated when it was made: the face's own date keeps the bytes
    # the same on every machine.
    font["head"].modified = _face_modified(face)
    if not font["OS/2"].fsType & NO_SUBSETTING:
        options = ftsubset.Options()
        options.name_IDs, options.name_languages, options.name_legacy = ["*"], ["*"], True
        options.layout_features = ["*"]  # vertical forms, full-width punctuation, kerning
        options.notdef_outline = True
        # Bitmap strikes (AR PL UMing has them) cost seconds to cut and nothing on a page.
        options.drop_tables += ["EBDT", "EBLC", "EBSC", "BDF ", "FFTM", "PCLT"]
        sub = ftsubset.Subsetter(options)
        sub.populate(unicodes={ord(c) for c in chars})
        with _quiet("fontTools.subset"):
            sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return Subset(name, bold, face.family, buf.getvalue())


def _face_modified(face) -> int:
    """The modification date in the face file's own head table."""
    from fontTools.ttLib import TTFont

    with TTFont(face.file, fontNumber=face.index, lazy=True) as font:
        return font["head"].modified


@contextmanager
def _quiet(logger: str):
    """fontTools logs each table it does not cut ("FFTM NOT subset") as a warning: not news
    for a reader of build's output."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _licence_problem(name: str, face) -> Problem | None:
    """RK054 when the face's fsType forbids embedding it in an editable document."""
    from fontTools.ttLib import TTFont

    with TTFont(face.file, fontNumber=face.index, lazy=True) as font:
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    allowed = not fs_type & (RESTRICTED | PREVIEW_PRINT) or fs_type & EDITABLE
    if allowed and not fs_type & BITMAP_ONLY:
        return None
    why = ("allows bitmaps only" if allowed else "forbids embedding" if fs_type & RESTRICTED
           and not fs_type & PREVIEW_PRINT else
           "allows embedding for preview and print only, not in an editable document")
    return Problem(face.file, 0, 0, "error", "RK054",
                   f"{name} is drawn with {face.family}, whose licence (OS/2 fsType "
                   f"{fs_type:#06x}) {why}: build without --embed-fonts, or map {name} to "
                   "another face")


def _part_names(font_table: bytes, rels: bytes) -> dict[str, str]:
    """Font part name -> the Word font name whose entry embeds it."""
    import xml.etree.ElementTree as ET

    w, r = "{%s}" % oxml.W_NS, "{%s}" % oxml.R_NS
    targets = {rel.get("Id"): "word/" + rel.get("Target", "")
               for rel in ET.fromstring(rels)}
    out = {}
    for font in ET.fromstring(font_table).iter(w + "font"):
        for embed in font:
            if embed.get(r + "id") in targets:
                out[targets[embed.get(r + "id")]] = font.get(w + "name", "")
    return out


def _kb(size: int) -> str:
    return f"{size / 1000:.0f} KB"


def _embed_element(sub: Subset, rid: str) -> str:
    tag = "embedBold" if sub.bold else "embedRegular"
    return f'<w:{tag} r:id="{rid}" w:fontKey="{sub.key}"/>'


def _with_embeds(xml: str, embeds: dict[str, list[str]]) -> str:
    """fontTable.xml with each embedded face's element at the end of its w:font (the schema
    puts embedRegular, embedBold … last); a name missing from the table gets an entry."""
    for name, elements in embeds.items():
        start = f'<w:font w:name="{oxml.esc(name)}">'
        elements.sort(key=lambda e: e.startswith("<w:embedBold"))  # Regular before Bold
        if start in xml:
            at = xml.index("</w:font>", xml.index(start))
            xml = xml[:at] + "".join(elements) + xml[at:]
        else:
            xml = xml.replace("</w:fonts>", start + "".join(elements) + "</w:font></w:fonts>")
    return xml


def _with_settings(xml: str) -> str:
    """settings.xml with w:embedTrueTypeFonts and w:saveSubsetFonts after w:zoom (their place
    in CT_Settings' sequence)."""
    flags = "<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
    at = xml.index("/>", xml.index("<w:zoom")) + 2
    return xml[:at] + flags + xml[at:]


def _with_defaults(xml: str, defaults: dict[str, str]) -> str:
    """[Content_Types].xml with a Default for each extension."""
    extra = "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>'
                    for ext, ct in defaults.items())
    at = xml.index(">", xml.index("<Types")) + 1
    return xml[:at] + extra + xml[at:]
