"""The Chinese words reportkit writes and reads, in one place.

Code elsewhere refers to these names rather than repeating the literals, so a house that says
"高于预期目标" instead of "超过年初预期目标" changes one line.
"""

ENSURE = "确保"
STRIVE = "力争"
QUALIFIERS = ("左右", "以上", "以内", "以下", "以上左右", "上下")
GROWTH_UP = "增长"
GROWTH_DOWN = "下降"
CEILING_VERB = "控制在"
PERCENT = "%"
POINTS = "个百分点"
DASH = "——"
ENUM_COMMA = "、"
COMMA = "，"
PERIOD = "。"
COLON = "："

# Result against target.
TARGET_REF = "年初预期目标"
ABOVE_TARGET = "超过"
BELOW_TARGET = "低于"
AT_TARGET = "达到"
CEILING_MET = "完成年初目标控制在"
CEILING_MISSED = "高于年初控制目标"

# Result against a reference such as 全市平均.
HIGHER = "高于"
LOWER = "低于"
EQUAL = "持平"
CITY_AVERAGE = "全市平均"

# Heading numbers by level (1-4).
CN_DIGITS = "零一二三四五六七八九"

# Document parts.
NOTES_HEADING = "名词解释"
STATUSES = ("草案", "征求意见稿", "送审稿", "定稿")
SALUTATION = "各位代表："

MEASURES = ("growth", "level", "ceiling")


def cn_number(n: int) -> str:
    """Write 1-99 in Chinese numerals as used in headings: 1→一, 10→十, 12→十二, 20→二十."""
    if not 0 < n < 100:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")


def heading_label(level: int, n: int) -> str:
    """The generated number of the n-th heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return cn_number(n) + "、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"
