"""Words of the family, as data: the phrases that open a main target list, the verbs that join
an indicator's name to its number, the words before a name that are not part of it.

Built from reading reports of many places and years (provinces, major and other cities,
1990s–2026); a new phrasing is a new word here, not new code.
"""

from __future__ import annotations

from ...clean import LazyRe

#: A main target list's opening: "……主要预期目标是：", "主要目标：", "预期目标建议为：".
INTRO_RE = LazyRe(r"(?:预期|主要|发展)性?(?:奋斗)?(?:目标|指标)(?:预期)?"
                  r"(?:任务)?(?:主要)?(?:安排)?(?:是|为|建议为?|拟定为|确定为|安排为|如下)?\s*[:：]|"
                  r"(?:预期|主要)(?:目标|指标)(?:是|为)[，,]")  # "主要预期目标是，全市……"
#: An opening of targets that are not this year's main list: five-year goals, last year's.
NOT_MAIN_RE = LazyRe(r"五年|十[一二三四五六七八九]五|[“\"]十|时期|到20\d\d年|20\d\d年[前底末]|"
                     r"年初|去年|上年|过去|完成情况|远景|规划纲要|奋斗目标|任务是")
#: Words of a clause that end a main list: what comes after the targets.
LIST_END_RE = LazyRe(r"^(?:提出|确定|设定|考虑|综合|为此|按照)|^[^，。；]{0,6}上述|^(?:要|为了?|确保)?(?:实现(?:上述|以上|这些)|完成(?:上述|以上)|做好今年|为实现|这些目标|上述目标|"
                     r"围绕|今年(?:的)?工作|需要说明)|^做好(?:今年|明年|本年|\d{4}年)(?:的)?(?:各项)?(?:政府)?工作")

#: Verbs between a name and its number, longest first.
VERBS = ("分别削减", "削减", "提高到", "提升到", "上升到", "增加到", "降至", "降到", "分别控制在", "分别增长", "均增长", "分别达到", "分别为", "增长", "增加", "下降", "降低", "减少", "提高",
         "提升", "上升", "上涨", "涨幅控制在", "控制在", "保持在", "稳定在", "达到", "达", "突破", "超过",
         "为", "实现", "完成", "超", "不低于", "不超过", "不高于", "高于", "低于")
#: Verbs that make a target a rate of growth, and those that make it a ceiling.
GROWTH_VERBS = ("增长", "分别增长", "均增长", "增加", "提高", "提升", "上升", "上涨")
DOWN_VERBS = ("下降", "降低", "减少", "削减", "分别削减")
CEILING_VERBS = ("控制在", "涨幅控制在", "分别控制在")
#: Words before a name that belong to the clause, not to the name.
LEAD_WORDS = ("初步安排", "安排", "建议", "一是", "二是", "三是", "四是", "五是", "六是", "七是",
              "八是", "九是", "十是", "首先", "其次", "力争", "确保", "努力", "争取", "实现", "全年", "今年", "预计", "预期", "其中", "完成",
              "保持", "继续", "进一步", "推动", "促进", "使", "要", "减少", "在正常年景下",
              "正常年景下")
#: What a name never contains (a clause with these before its number is not "name verb value").
NOT_IN_NAME = "，。；：！？"
#: Asides inside a list that are no target of it.
FILLER_RE = LazyRe(r"^(?:同时|在实际工作中|实际工作中|着力|其中|并且?|尽最大努力|争取更好|力争更好|"
                   r"努力争取|要|确保完成|以|促进|树立|增强|又|加快|推动|坚持|围绕|实现更|更加)|"
                   r"指标中$|更好结果$|更好成绩$|的增长$|的基础上$|开局$|开好局$|起好步$")
#: A paragraph of a list that opens with its group's label ("脱贫攻坚目标：").
GROUP_LABEL_RE = LazyRe(r"^[^，。；：:]{2,12}(?:目标|指标)[:：]")
#: What follows an opening and makes its list a multi-year one ("发展目标：到2015年，……").
LATER_YEARS_RE = LazyRe(r"^(?:到20\d\d年|今后五年|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)")
#: A clause of a five-year (or multi-year) goal, not this year's list.
MULTI_YEAR_RE = LazyRe(r"年均(?:增长|增速|递增|提高)|到20\d\d年|20\d\d年[前底末]")
#: A heading over the notes list, in every variant seen: 名词解释, 注释, 注 释, 注解, 附注,
#: 附件：名词解释, 附：相关名词解释, 主要名词解释 (spaces, markup and a closing colon aside).
NOTES_HEADING_RE = LazyRe(r"^(?:附件\d*[：:、]?|附[：:]?)?(?:本报告|主要|相关|有关)?(?:名词|词语|名词术语)?"
                          r"(?:解释|注释|注解|说明)[：:]?$|^(?:附注|注|注释|注解)[：:]?$")
#: A line that opens an appendix after the report (附件1, 附表, 相关数据情况说明).
APPENDIX_RE = LazyRe(r"^(?:附件|附表|附录)\s*[\d一二三四五六七八九十]*(?:$|[：:、．.\s]|[\u4e00-\u9fff])|"
                     r"^(?:相关数据|有关数据|主要指标)(?:情况)?说明")
#: A clause that names a target but deliberately sets no number.
NOT_STATED_RE = LazyRe(r"不(?:设|提出|再设定?|作)(?:具体|量化|硬性)?(?:的)?(?:增长|增速)?(?:指标|目标)|"
                       r"(?:未|没有)(?:设定|提出)(?:具体)?(?:的)?(?:增长|增速)?(?:指标|目标)")
#: A paragraph that opens on the year reviewed ("刚刚过去的2015年，……").
YEAR_REVIEW_RE = LazyRe(r"(?:刚刚过去的|过去的一年|过去一年|一年来|去年)")
#: A five-year plan's period: 五年, “十三五”, “十五”计划, 九五期间.
PLAN_PERIOD_RE = LazyRe(r"五年|十[一二三四五六七八九]五|[“\"](?:十|[六七八九])五[”\"]|"
                        r"(?:十|[六七八九])五(?:计划|规划|期间|时期)")
#: A heading of the year's work, even when it names the plan period ("做好“十三五”开局工作").
YEAR_HEADING_RE = LazyRe(r"今年|明年|本年|20\d\d年(?!.{0,3}(?:—|-|至|到)20)|开局|起步|开篇|"
                         r"开好局|起好步|首年|第一年|收官|当前|最后一年|决胜|全面实现|全面完成|"
                         r"确保完成|圆满完成")
#: The opening of a sentence that states the year's list ("综合考虑各方面因素，……").
PLAN_LEAD_RE = LazyRe(r"(?:综合考虑|综合分析|统筹考虑|初步安排|建议|预期)")
