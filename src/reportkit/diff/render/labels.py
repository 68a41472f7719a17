"""Words the renderers print for changes, statuses and verdicts (from vocab where Chinese)."""

from __future__ import annotations

CHANGE = {"added": "新增", "removed": "删除", "changed": "调整", "unchanged": "不变",
          "kind-changed": "类型改变"}
STATUS = {"unchanged": "不变", "changed": "修改", "renamed": "改名", "moved": "移动",
          "added": "新增", "removed": "删除"}
OP = {"equal": " ", "changed": "~", "moved": "↔", "added": "+", "removed": "-"}
VERDICT = {"met": "完成", "missed": "未完成", "unknown": ""}


def outcome_text(o) -> str:
    """Last year's result against its target: "6.7% / 6.5% 完成 (+0.2个百分点)"."""
    if o is None:
        return ""
    text = f"{o.actual} / {o.target} {VERDICT[o.verdict]}"
    if o.verdict == "missed" and o.gap:
        text += f" {o.gap}"
    if o.source == "text":
        text += " (据正文)"
    return text
