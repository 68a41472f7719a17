"""A law of absorbing, checked on generated edits (hypothesis): a tracked replacement anywhere
in a paragraph of the seed's build comes back as exactly that paragraph's new text, every other
line unchanged; or, when the result would not validate, is refused whole and the spec is left
as it was. Never half an edit, never another line touched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit import flat
from reportkit.readers.spec import read_spec_text
from reportkit.review.absorb import absorb

from .conftest import SPEC
from .test_absorb import para, reviewed, run

TEXT = SPEC.read_text("utf-8")
REPORT, _ = read_spec_text(TEXT)
LINES = [line.full for line in flat.lines(REPORT)]
#: paragraphs without note marks (an edit cutting "[3]" in half is another law's business)
PARAS = [i for i, line in enumerate(flat.lines(REPORT)) if line.kind == "para" and "[" not in line.full]
CJK = st.text(alphabet="发展推进经济建设改革创新服务城市项目", max_size=4)


@st.composite
def edits(draw):
    i = draw(st.sampled_from(PARAS))
    full = LINES[i]
    start = draw(st.integers(0, len(full) - 1))
    old = full[start:start + draw(st.integers(0, 5))]
    new = draw(CJK.filter(lambda t: t != old))
    return i, start, old, new


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edit=edits())
def test_a_tracked_replacement_comes_back_whole_or_not_at_all(tmp_path_factory, edit):
    i, start, old, new = edit
    full = LINES[i]
    a, b = full[:start], full[start + len(old):]
    inner = run(a) + (run(old, "del", 1) if old else "") + (run(new, "ins", 2) if new else "") + run(b)
    folder = tmp_path_factory.mktemp("prop")
    spec = folder / "spec.yaml"
    spec.write_text(TEXT, "utf-8")
    (folder / "r.docx").write_bytes(reviewed(TEXT, {full: para(inner)}))
    out = absorb(str(spec), [str(folder / "r.docx")])
    if out.rejected:
        assert out.new_text == TEXT and not out.applied
        return
    got, problems = read_spec_text(out.new_text)
    assert got is not None, [p.text() for p in problems]
    lines = [line.full for line in flat.lines(got)]
    assert lines == LINES[:i] + [a + new + b] + LINES[i + 1:]
