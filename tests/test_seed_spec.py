"""The seed spec reproduces the seed report's wording once the seed is cleaned."""

from reportkit.clean import clean_web_text
from reportkit.flat import lines
from reportkit.model import results, targets

from .conftest import SEED

#: The three passages the web copy garbled; the spec restores them (see its YAML comments).
RESTORED = ("发展潜能得到新释放", "冷链食品、特色功能食品等产业", "启动东华山山地体育公园二期")


def _seed_lines() -> list[str]:
    text = clean_web_text(SEED.read_text(encoding="utf-8"))
    out = [line.strip() for line in text.splitlines() if line.strip()]
    del out[1]  # the web-page line under the title (site, 发布时间, 阅读次数) is not the report
    return out


def test_whole_text_matches_cleaned_seed(seed_report):
    spec = [line.full.replace("\u3000", " ") for line in lines(seed_report)]
    seed = [line.replace("\u3000", " ") for line in _seed_lines()]
    assert len(spec) == len(seed)
    differing = [(a, b) for a, b in zip(spec, seed) if a != b]
    assert len(differing) == 3
    for restored, (ours, _theirs) in zip(RESTORED, differing):
        assert restored in ours


def test_generated_sentences_are_the_seeds(seed_report):
    seed = set(_seed_lines())
    generated = [ln for ln in lines(seed_report) if ln.kind in ("result", "target")]
    assert len(generated) == 14
    for line in generated:
        assert line.full in seed


def test_all_results_and_targets_are_structured(seed_report):
    rs, ts = list(results(seed_report)), list(targets(seed_report))
    assert {r.indicator for r in rs} == {"gdp", "fai", "industry", "retail", "urban_income",
                                         "revenue", "new_jobs", "unemployment"}
    assert all(r.text == "" and r.target is not None for r in rs)
    assert len(ts) == 8 and all(t.text == "" for t in ts)


def test_note_marks_are_numbered_in_order(seed_report):
    text = "\n".join(ln.full for ln in lines(seed_report))
    positions = [text.index(f"[{n}]") for n in range(1, 17)]
    assert positions == sorted(positions)


def test_notes_without_marks_are_still_listed():
    from reportkit.model import Meta, Note, Paragraph, Report

    rep = Report(Meta("t"), body=(Paragraph("甲[^a]乙。"),),
                 notes=(Note("b", "丙", "未引用的解释。"), Note("a", "甲", "甲的解释。"),
                        Note("c", "丁", "")))
    listed = [ln.text for ln in lines(rep) if ln.kind == "note"]
    assert listed == ["[1]甲：甲的解释。", "[2]丙：未引用的解释。"]
