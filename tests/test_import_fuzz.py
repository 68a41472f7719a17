"""Whatever text comes in, the import either gives a spec that reads back as itself or a clear
ReportError: never a traceback (property test over report-like fragments)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.problems import ReportError
from reportkit.readers.spec import read_spec_text
from reportkit.readers.text import import_text
from reportkit.writers.yaml import write_yaml

FRAGMENTS = ["一、", "（一）", "1.", "（1）", "——", "地区生产总值", "规上工业增加值", "城镇新增就业",
             "城镇登记失业率", "增长", "下降", "确保", "力争", "、", "，", "。", "；", "：", "6.7%",
             "6000人以上", "4.0%以内", "左右", "超过年初预期目标", "（6.5%）", "0.2个百分点",
             "高于全市平均", "主要预期目标是：", "[1]", "名词解释", "各位代表：", "“", "”", "(",
             ")", "?", "</p>", "關(guān)", "**", "# ", "---", " ", "\t", "\ufffd", "报告",
             "2024年2月27日在某区人民代表大会上", "局长 张三", "控制在", "为", "亿元", "9.55"]
line = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=12).map(
    "".join)
documents = st.lists(line, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([".txt", ".md"]))
def test_import_never_crashes(text, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            got = import_text(path)
        except ReportError:
            return
        spec = write_yaml(got.report).decode("utf-8")
        back, problems = read_spec_text(spec, "spec")
        assert [p for p in problems if p.level == "error"] == [], spec
        assert back == got.report
