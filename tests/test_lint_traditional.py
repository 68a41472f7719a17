"""The traditional-character table RK108 ships agrees with OpenCC, which it stands in for."""

from __future__ import annotations

import importlib.util

from reportkit.lint.rules.traditional import TABLE, simplified_of

from .conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("make_traditional",
                                                  ROOT / "scripts" / "make_traditional.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_table_is_what_opencc_gives_today():
    assert TABLE.read_text(encoding="utf-8") == _script().table()


def test_table_agrees_with_opencc_on_a_traditional_text():
    import opencc

    text = "關於東區2023年國民經濟和社會發展計劃執行情況的報告，經濟運行整體好轉。"
    table = simplified_of()
    by_table = "".join(table.get(c, c) for c in text)
    assert by_table == opencc.OpenCC("t2s").convert(text)


def test_no_simplified_character_is_in_the_table():
    import opencc

    simplified = "关于东区国民经济和社会发展计划执行情况的报告经济运行整体好转显著著名"
    assert opencc.OpenCC("s2t").convert(simplified) != simplified  # the text has convertibles
    assert not set(simplified) & set(simplified_of())


def test_validate_does_not_import_opencc():
    import subprocess
    import sys

    code = ("import sys; from reportkit.cli import main; main(['validate', "
            f"{str(ROOT / 'specs' / 'dongqu-2024.yaml')!r}]); "
            "print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_real_reports_have_no_false_alarms():
    """The corpus reports are simplified text: none of their characters is in the table."""
    from .conftest import CORPUS

    reports = [p for p in sorted(CORPUS.rglob("*.md")) if p.name != "README.md"]
    assert len(reports) >= 8
    table = simplified_of()
    for path in reports:
        assert set(path.read_text(encoding="utf-8")) & set(table) == set(), path
