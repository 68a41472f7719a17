"""Breaking a long title into balanced lines by meaning (GB/T 9704 §7.3.1).

A title longer than ``max_chars`` character cells is set on the fewest lines that hold it,
broken only between words (rjieba, jieba's dictionary), never inside 《…》 or “…”, never before
a closing mark; among those breaks the most even line lengths win, so the lines form a
trapezoid rather than a long line and a stub. Digits and Latin letters count half a cell.

``balance_title`` works on text alone, so the Word writer can use it too (no reportlab here).
"""

from __future__ import annotations

from itertools import combinations

from . import breaker

_PAIRS = {"《": "》", "“": "”", "（": "）", "〈": "〉", "‘": "’"}


def cells(text: str) -> float:
    """Width of a text in character cells: 1 for Chinese, 0.5 for ASCII."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def break_points(text: str) -> list[int]:
    """Indexes where a title may be broken: word boundaries outside paired marks."""
    import rjieba

    glued = breaker.glue(text)
    points, pos, depth = [], 0, 0
    for word in rjieba.cut(text):
        for ch in word:
            depth += (ch in _PAIRS) - (ch in _PAIRS.values())
        pos += len(word)
        if 0 < pos < len(text) and depth <= 0 and not glued[pos]:
            points.append(pos)
    return points


def balance_title(text: str, max_chars: float = 20) -> list[str]:
    """The title as balanced lines of at most ``max_chars`` cells (one line if it fits)."""
    if cells(text) <= max_chars:
        return [text]
    points = break_points(text)
    for n in range(1, len(points) + 1):
        best = None
        for cut in combinations(points, n):
            parts = [text[a:b] for a, b in zip((0, *cut), (*cut, len(text)))]
            sizes = [cells(p) for p in parts]
            if max(sizes) > max_chars:
                continue
            score = (max(sizes) - min(sizes), -sizes[0])
            if best is None or score < best[0]:
                best = (score, parts)
        if best:
            return best[1]
    return [text]  # no word boundary allows it: one long line, wrapped by the layout


def title_spans(para, max_chars: float) -> list[breaker.Span]:
    """A title paragraph's lines as spans over its characters (widths from the layout)."""
    spans, start = [], 0
    for part in balance_title(para.text, max_chars):
        end = start + len(part)
        spans.append(breaker.Span(start, end, sum(para.widths[start:end])))
        start = end
    return spans
