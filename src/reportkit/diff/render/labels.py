"""Words the renderers print for changes, statuses and verdicts (the Chinese ones live in vocab)."""

from __future__ import annotations

from ... import vocab as v

CHANGE = v.DIFF_CHANGES
STATUS = v.DIFF_STATUSES
OP = {"equal": " ", "changed": "~", "moved": "↔", "added": "+", "removed": "-"}
VERDICT = v.DIFF_VERDICTS
COLUMNS = v.DIFF_COLUMNS
FRONT = v.DIFF_FRONT


def outcome_text(o) -> str:
    """Last year's result against its target: "6.7% / 6.5% 完成" or "5.8% / 10% 未完成 -4.2个百分点"."""
    if o is None:
        return ""
    text = f"{o.actual} / {o.target} {VERDICT[o.verdict]}"
    if o.verdict == "missed" and o.gap:
        text += f" {o.gap}"
    if o.strive:
        text += f"{v.COMMA}{v.DIFF_STRIVE_TARGET}{VERDICT[o.strive]}"
    if o.source == "text":
        text += f" ({v.DIFF_FROM_TEXT})"
    return text


def length(text: str) -> str:
    """A paragraph's length in characters: "（363字）"."""
    return f"（{len(text)}{v.DIFF_CHARS}）"
