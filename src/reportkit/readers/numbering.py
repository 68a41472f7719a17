"""Word's automatic numbering, written out as the text Word shows ("一、", "（二）", "3.").

A report typed in Word often has its heading numbers from a numbering definition
(word/numbering.xml) rather than typed: the paragraph carries ``w:numPr`` (a list and a level),
directly or through its style, and the number is drawn, never stored. python-docx gives only
the typed text, so without this the importer would see "总体要求" where the reader sees
"一、总体要求", and lose the section tree.

``Numbering(document).label(paragraph)`` gives each numbered paragraph its label in document
order: counters per abstract list (lists sharing one continue each other, as in Word), a level
restarting when a higher one advances, a ``w:startOverride`` restarting its list, and the
formats Chinese reports use (chineseCounting 一, decimal 1, decimalEnclosedCircle ①,
ideographTraditional 甲 …). Bullets give no label.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import CN_DIGITS, cn_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


def _letters(n: int) -> str:
    """A, B, … Z, AA, BB, … as Word counts in letters."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (ECMA-376 ST_NumberFormat); unknown formats
    fall back to decimal, as Word does."""
    if fmt == "none" or fmt == "bullet":
        return ""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "koreanCounting"):
        return cn_number(n)
    if fmt in ("chineseLegalSimplified", "taiwaneseCountingThousand", "japaneseLegal"):
        return cn_number(n).translate(_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(d)] for d in str(n)).replace("零", "〇")
    if fmt == "ideographTraditional":
        return _HEAVENLY[n - 1] if n <= len(_HEAVENLY) else str(n)
    if fmt == "ideographZodiac":
        return _EARTHLY[n - 1] if n <= len(_EARTHLY) else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, 0x2460, 0x2473)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _val(el, path: str, default=None):
    found = el.find(path) if el is not None else None
    return found.get(_W + "val", default) if found is not None else default


def _int(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


class Numbering:
    """The numbering definitions of one document and the counters of a pass through it."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.styles_level: dict[tuple[str, str], int] = {}  # (abstract id, style id) -> level
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # num id -> (abstract, overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[str] = set()
        self.styles = document.styles
        root = _numbering_root(document)
        if root is None:
            return
        for a in root.iter(_W + "abstractNum"):
            aid = a.get(_W + "abstractNumId")
            levels = {}
            for lvl in a.iter(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                levels[ilvl] = _Level(_int(_val(lvl, _W + "start"), 1),
                                      _val(lvl, _W + "numFmt", "decimal"),
                                      _val(lvl, _W + "lvlText", ""))
                style = _val(lvl, _W + "pStyle")
                if style:
                    self.styles_level[(aid, style)] = ilvl
            self.abstract[aid] = levels
        for num in root.iter(_W + "num"):
            overrides = {}
            for o in num.iter(_W + "lvlOverride"):
                start = _val(o, _W + "startOverride")
                if start is not None:
                    overrides[_int(o.get(_W + "ilvl"), 0)] = _int(start, 1)
            self.nums[num.get(_W + "numId")] = (_val(num, _W + "abstractNumId"), overrides)

    def label(self, p) -> str:
        """The number Word draws before paragraph ``p`` (python-docx Paragraph), advancing
        the counters; "" for a paragraph without numbering (or with a bullet)."""
        if not self.nums:
            return ""
        num_id, ilvl, style_id = self._num_pr(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid)
        if not levels:
            return ""
        if ilvl is None:
            ilvl = self.styles_level.get((aid, style_id), 0)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.restarted and overrides:
            self.restarted.add(num_id)  # "restart numbering": this list starts again
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if levels[ilvl].fmt == "bullet":
            return ""
        text = levels[ilvl].text
        for level in range(8, -1, -1):  # %10 does not exist; replace %9 before %1
            key = f"%{level + 1}"
            if key in text:
                lv = levels.get(level, _Level(1, "decimal", ""))
                value = counters.get(level, lv.start)
                fmt = lv.fmt if level != ilvl else levels[ilvl].fmt
                text = text.replace(key, format_number(value, fmt))
        return text

    def _num_pr(self, p) -> tuple[str | None, int | None, str]:
        """(numId, ilvl or None, style id) from the paragraph, else from its style chain."""
        ppr = p._p.pPr
        style_id = ""
        if ppr is not None:
            style_id = _val(ppr, _W + "pStyle", "") or ""
            num = ppr.find(_W + "numPr")
            if num is not None:
                ilvl = _val(num, _W + "ilvl")
                return _val(num, _W + "numId"), None if ilvl is None else _int(ilvl, 0), style_id
        style = p.style
        seen = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            num = style.element.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                ilvl = _val(num, _W + "ilvl")
                return (_val(num, _W + "numId"), None if ilvl is None else _int(ilvl, 0),
                        style.style_id)
            style = style.base_style
        return None, None, style_id


def _numbering_root(document):
    """The numbering part's XML root, or None when the package has none."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/numbering") and not rel.is_external:
            return rel.target_part.element
    return None
