"""Laws of the diff, checked on many generated edits (hypothesis).

- A report compared with itself has no changes.
- The redline's accepted text is the new edition and its rejected text the old one, whatever
  was dropped, added, reworded or moved.
- A word diff rebuilds both texts, and never cuts through a number or its unit.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.diff import compare
from reportkit.diff.render.redline import redline_lines
from reportkit.diff.text import side, word_diff
from reportkit.diff.tokens import NUMBER_RE
from reportkit.flat import lines
from reportkit.model import Paragraph, Section

from .test_diff import accepted, rejected

EDITS = ("drop", "reword", "insert", "keep")


def edit(blocks, ops: dict, counter: list, shuffle: random.Random | None):
    """Apply paragraph edits (by running paragraph number) and maybe reorder one section."""
    out = []
    for b in blocks:
        if isinstance(b, Section):
            body = edit(b.body, ops, counter, shuffle)
            if shuffle is not None and len(body) > 2 and shuffle.random() < 0.3:
                shuffle.shuffle(body)
            out.append(replace(b, body=tuple(body)))
        elif isinstance(b, Paragraph):
            op = ops.get(counter[0], "keep")
            counter[0] += 1
            if op == "reword":
                out.append(replace(b, text="为此，" + b.text.replace("，", "；", 1)))
            elif op == "insert":
                out += [b, Paragraph("新增一段：全年新增就业6426人，增长6.5%。")]
            elif op != "drop":
                out.append(b)
        else:
            out.append(b)
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.dictionaries(st.integers(0, 70), st.sampled_from(EDITS), max_size=10),
       seed=st.one_of(st.none(), st.integers(0, 10_000)))
def test_redline_law_for_any_edit(seed_report, ops, seed):
    shuffle = random.Random(seed) if seed is not None else None
    body = tuple(edit(seed_report.body, ops, [0], shuffle))
    new = replace(seed_report, body=body)
    comparison = compare(seed_report, new)
    redline = redline_lines(comparison)
    assert accepted(redline) == [ln.full for ln in lines(new)]
    assert rejected(redline) == [ln.full for ln in lines(seed_report)]
    assert comparison.result.stats.identical == (lines(new) == lines(seed_report))


_PARTS = st.sampled_from(["增长", "地区生产总值", "下降", "，", "。", "左右", "亿元", "、",
                          "6.5%", "7%", "571.02亿元", "0.2个百分点", "6426人", "1,000户", "高于",
                          "新质生产力", "全市平均", "以上", "2024年"])
TEXTS = st.lists(_PARTS, max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(old=TEXTS, new=TEXTS)
def test_word_diff_rebuilds_both_sides_and_keeps_numbers_whole(old, new):
    pieces = word_diff(old, new)
    assert side(pieces, "old") == old and side(pieces, "new") == new
    for which, text in (("old", old), ("new", new)):
        keep = "-" if which == "old" else "+"
        spans, at = [], 0
        for op, piece in pieces:
            if op in ("=", keep):
                spans.append((at, at + len(piece)))
                at += len(piece)
        for m in NUMBER_RE.finditer(text):
            # the number starts and ends inside one piece: never "6." in one and "5%" in another
            assert any(a <= m.start() and m.end() <= b for a, b in spans), (m.group(), pieces)


def test_self_diff_of_every_corpus_report_is_empty():
    from reportkit.readers import read_any

    from .conftest import CORPUS

    for path in sorted(CORPUS.glob("*/*.md")):
        report, _ = read_any(path)
        assert compare(report, report).result.stats.identical, path


def test_number_pattern_takes_the_unit():
    assert [m.group() for m in NUMBER_RE.finditer("增长6.5%，571.02亿元，0.2个百分点")] == [
        "6.5%", "571.02亿元", "0.2个百分点"]
    assert re.fullmatch(NUMBER_RE, "1,000户")
