"""The Chinese words reportkit writes and reads, in one place.

Code elsewhere refers to these names rather than repeating the literals, so a house that says
"高于预期目标" instead of "超过年初预期目标" changes one line.
"""

ENSURE = "确保"
STRIVE = "力争"
#: Qualifiers written before the number ("不低于6%") rather than after it ("6%左右").
PREFIX_QUALIFIERS = ("不低于", "不超过", "不高于")
QUALIFIERS = ("左右", "以上", "以内", "以下", "以上左右", "上下", *PREFIX_QUALIFIERS)
RANGE = "-"  #: between the two ends of a range: "5%-5.5%"
#: What a generated sentence says of a target the report names without a number.
NOT_STATED = "（不设具体目标）"
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
# Other numerals Word's list numbering draws (read on import): financial (大写) digits, the
# heavenly stems (甲乙丙 …) and the earthly branches (子丑寅 …).
CN_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"

# Document parts.
NOTES_HEADING = "名词解释"
STATUSES = ("草案", "征求意见稿", "送审稿", "定稿")
SALUTATION = "各位代表："
UNTITLED = "（无标题）"  #: the title of an imported report that states none

MEASURES = ("growth", "level", "ceiling")


def cn_number(n: int) -> str:
    """Write a positive whole number in Chinese numerals as used in headings.

    1→一, 10→十, 12→十二, 20→二十, 101→一百零一, 110→一百一十.
    """
    if n <= 0:
        raise ValueError(f"heading number out of range: {n}")
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
        return head + (CN_DIGITS[ones] if ones else "")
    out, zero = "", False
    for value, unit in ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"),
                        (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out += "零"
            out += (cn_number(digit) if value >= 10**4 else CN_DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def heading_label(level: int, n: int) -> str:
    """The generated number of the n-th heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return cn_number(n) + "、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"

# Units that stay on the same line as the number before them (PDF line breaking), e.g.
# "571.02亿元", "0.2个百分点", "6426人". Longest first is not required: the breaker sorts them.
NUMBER_UNITS = ("个百分点", "百分点", "万平方米", "平方米", "平方公里", "公里", "千米", "米",
                "亿元", "万元", "千元", "元", "万吨", "吨", "万人次", "人次", "万人", "人",
                "万户", "户", "万亩", "亩", "公顷", "万千瓦", "千瓦时", "千瓦", "兆瓦", "个",
                "家", "项", "名", "头", "只", "所", "座", "栋", "辆", "件", "套", "台", "条",
                "次", "倍", "年", "月", "日", "天", "周", "岁", "余", "多", "万", "亿", "届")

# Comparing editions (reportkit diff).
DIFF_KIND_CHANGED = "目标类型改变，不作相减"
DIFF_QUALIFIER = "限定词"
DIFF_MEASURES = {"growth": "增速", "level": "总量", "ceiling": "上限"}
DIFF_RATE = "比率"
DIFF_NUMBER = "数值"
DIFF_NO_NUMBER = "无数值"  # a target kept without a number ("能耗继续下降")
DIFF_CHANGES = {"added": "新增", "removed": "删除", "changed": "调整", "unchanged": "不变",
                "kind-changed": "类型改变"}
DIFF_STATUSES = {"unchanged": "不变", "changed": "修改", "renamed": "改名", "moved": "移动",
                 "added": "新增", "removed": "删除"}
DIFF_VERDICTS = {"met": "完成", "missed": "未完成", "unknown": ""}
DIFF_STRIVE_TARGET = "力争目标"
DIFF_FROM_TEXT = "据正文"  # the actual was read from a sentence of the report
DIFF_COLUMNS = ("指标", "旧目标", "新目标", "变化", "上年完成")
DIFF_FRONT = "（开头）"  # the part before the first heading
DIFF_TARGETS = "主要预期目标"
DIFF_SECTIONS = "章节"
DIFF_TERMS = "政策术语"
DIFF_CHARS = "字"  # a paragraph's length: "（363字）"
#: Words that, between an indicator's name and a number, say the number is not last year's result.
DIFF_NOT_ACTUAL = ("年均", "目标", "预期", "预计", "力争", "确保")
