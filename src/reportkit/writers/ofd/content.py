"""The pages' content as OFD text objects (GB/T 33190-2016 §11.2, §11.3).

Every line the PDF draws is drawn here at the same place: one TextObject per run of one face
and size, its TextCode at the run's origin and a DeltaX entry for every character after the
first, the advance the PDF gives that character (the face's width, the grid's spacing and the
line's justification). OFD measures in millimetres from the page's top left; the PDF in points
from its bottom left.
"""

from __future__ import annotations

from ...style import MM_PER_PT
from ..pdf import document as pdf
from ..pdf import layout

NS = "http://www.ofdspec.org/2016"
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def text_escape(text: str) -> str:
    """Text made safe as XML character data."""
    return text.translate(_TEXT_ESCAPES)


def attr_escape(text: str) -> str:
    """Text made safe inside a double-quoted XML attribute."""
    return text.translate(_ATTR_ESCAPES)


def num(value: float) -> str:
    """A length in millimetres, to a thousandth (a micrometre) and without trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def delta(value: float) -> str:
    """An advance in millimetres, to a tenth of a micrometre: the advances of a line add up,
    and 28 of them rounded alike to a micrometre would move its last character by 0.014 mm."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Ids:
    """Object IDs, unique in the document (ST_ID) and given in order; ``last`` is MaxUnitID."""

    def __init__(self):
        self.last = 0

    def next(self) -> int:
        """A new ID."""
        self.last += 1
        return self.last


class PageWriter:
    """Content.xml of the pages, from the PDF layout (geometry, faces, placed lines)."""

    def __init__(self, report, style, geo, faces, fonts, ids: Ids):
        self.style, self.geo, self.faces = style, geo, faces
        self.fonts = fonts  # fonts.Fonts: the document's font resources
        self.ids = ids
        self.header = pdf._header_runs(faces, style)
        self.line_number = faces.run_style("body", True)
        self._sizes: dict[tuple, tuple[str, str, str]] = {}
        self._deltas: dict[float, str] = {}
        self._advances: dict[int, dict] = {}  # id(run style) -> its advances (faces.advances)
        self._heads: dict[tuple, tuple] = {}  # (id(run style), size) -> _head()

    def page(self, n: int, placed: list) -> str:
        """The Content.xml of page n (from 1) with its placed lines."""
        out = [(f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
                f'<ofd:Content><ofd:Layer ID="{self.ids.next()}">')]
        for line in placed:
            self._line(out, line)
            if line.number:
                self._line_number(out, line)
        self._page_number(out, n)
        self._header(out)
        out.append("</ofd:Layer></ofd:Content></ofd:Page>")
        return "".join(out)

    def _line(self, out: list[str], placed) -> None:
        """A grid line as the PDF draws it (document._draw_line): runs side by side."""
        geo, para = self.geo, placed.para
        runs = placed.runs
        y = pdf.baseline(geo, placed.slot, max(st.size for _, _, st in runs))
        x = geo.left + placed.x
        text, widths = para.text, para.widths
        for i, j, st in runs:
            extra = 0.0 if st.latin else placed.extra
            advances = self._advances.get(id(st))
            if advances is None:  # width + the grid's spacing, per run style
                advances = self._advances[id(st)] = self.faces.advances(st, geo.spacing)
            piece = text[i:j]
            self._text(out, piece, st, st.size, x, y,
                       {ch: advances[ch] + extra for ch in set(piece)})
            x += sum(widths[i:j]) + extra * (j - i)

    def _text(self, out: list[str], text: str, st, size: float, x: float, y: float,
              advance: dict[str, float]) -> None:
        """One TextObject: ``text`` in a style and size, its first baseline origin at (x, y)
        in PDF points from the page's bottom left, each next character the ``advance`` (in
        points) of the one before further on."""
        head = self._heads.get((id(st), size))
        if head is None:
            head = self._heads[(id(st), size)] = self._head(st, size)
        chars, font_attrs, y_attr, height = head
        chars.update(advance)
        body = text[:-1]
        deltas = ""
        if body:
            # A document's characters have few distinct advances: each is formatted once.
            memo = self._deltas
            for value in set(advance.values()) - memo.keys():
                memo[value] = delta(value * MM_PER_PT)
            deltas = f' DeltaX="{" ".join(map(memo.__getitem__, map(advance.__getitem__, body)))}"'
        width = (sum(map(advance.__getitem__, body)) + 2 * size) * MM_PER_PT
        top = (self.geo.page_height - y - size) * MM_PER_PT  # from one size above the baseline
        self.ids.last += 1
        out.append(f'<ofd:TextObject ID="{self.ids.last}" Boundary="{x * MM_PER_PT:.3f} '
                   f'{top:.3f} {width:.3f} {height}"{font_attrs}><ofd:TextCode X="0"{y_attr}'
                   f'{deltas}>{text_escape(text)}</ofd:TextCode></ofd:TextObject>')

    def _head(self, st, size: float) -> tuple[set, str, str, str]:
        """What every text object of a style and size repeats, made once: the font's set of
        characters, the Font, Size and bold attributes, the TextCode's Y and the box height."""
        font = self.fonts.of(st.face)
        mm, height, bold = self._size(size, st.bold)
        return font.chars, f' Font="{font.id}" Size="{mm}"{bold}', f' Y="{mm}"', height

    def _size(self, size: float, bold: bool) -> tuple[str, str, str]:
        """A size's attributes, formatted once: Size (and the baseline's Y in the box), the
        box's height (one and a half sizes), and a synthetic bold's stroke."""
        key = (size, bold)
        if key not in self._sizes:
            mm = size * MM_PER_PT
            stroke = f' Stroke="true" LineWidth="{num(mm * pdf.BOLD_STROKE)}"' if bold else ""
            self._sizes[key] = (num(mm), num(mm * 1.5), stroke)
        return self._sizes[key]

    def _short(self, out: list[str], x: float, y: float, runs: list, align: str = "left"):
        """Text outside the grid (document._draw_text): (text, style, size) runs at a baseline,
        right-aligned at x for ``align`` right."""
        width = sum(st.face.width(ch, size) for text, st, size in runs for ch in text)
        x = x - width if align == "right" else x
        for text, st, size in runs:
            self._text(out, text, st, size, x, y, {ch: st.face.width(ch, size) for ch in text})
            x += sum(st.face.width(ch, size) for ch in text)

    def _page_number(self, out: list[str], n: int) -> None:
        """"— n —" where the PDF puts it (document._draw_page_number)."""
        geo, style = self.geo, self.style
        runs = pdf._page_number_runs(self.faces, style, n)
        size = style.font("page_number").size
        inset = float(style.value("page_number", "side_indent_chars")) * size
        below = layout.mm(style.value("page_number", "below_type_area_mm"))
        y = geo.page_height - geo.top - geo.type_height - below - (
            pdf.FOOTER_LINE_EM - pdf.FOOTER_DESCENT_EM) * size
        if n % 2:
            self._short(out, geo.left + geo.type_width - inset, y, runs, "right")
        else:
            self._short(out, geo.left + inset, y, runs)

    def _header(self, out: list[str]) -> None:
        """The review style's header mark, right-aligned (document._draw_header)."""
        if not self.header:
            return
        top = layout.mm(pdf._opt(self.style, 20, "header", "distance_mm"))
        y = self.geo.page_height - top - pdf.HEADER_ASCENT_EM * self.header[0][2]
        self._short(out, self.geo.left + self.geo.type_width, y, self.header, "right")

    def _line_number(self, out: list[str], placed) -> None:
        """The review style's line number, left of the line (document._draw_line_number)."""
        st = self.line_number
        y = pdf.baseline(self.geo, placed.slot, self.geo.em)
        x = self.geo.left - layout.mm(pdf.LINE_NUMBER_GAP_MM)
        self._short(out, x, y, [(str(placed.number), st, st.size)], "right")
