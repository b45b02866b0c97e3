"""Emergency cues in dialect, pinyin, English and indirect words: present → emergency, over or figurative → not."""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import classify

# (present, over or not real): the same kind of danger, happening now and told as past, feared or figurative.
PAIRS = [
    ("有人喺楼下劈友，个个都喺度走", "旧年有人喺街市劈友，而家想问下可唔可以加多啲巡逻"),  # Cantonese 劈友
    ("火烛呀，后楼梯全部系烟，我哋冲唔出去", "琴晚隔篱火烛，而家想问下保险点样赔"),  # Cantonese 火烛
    ("阿嬷倒落去无醒了 快叫车来", "阿嬷旧年倒落去无醒过一次，今年想办高龄补贴"),  # Hainan 无醒
    ("lou xia zhao huo le kuai lai", "wo jia qu nian zhao huo le, xiang wen bao xian zen me pei"),  # pinyin
    ("my dad isn't breathing, please send someone", "last week my dad wasn't breathing well at night, now he uses a machine"),
    ("我爷爷没有呼吸了，快来人", "去年我爸半夜没有呼吸，后来装了呼吸机，现在想申请补贴"),  # 没有 at a cue's start
    ("我被他们关在一个仓库里，手机快没电了", "我小时候被我爸关在屋里过，现在想咨询心理辅导"),  # detention
    ("他开着车朝我冲过来，现在还在倒车", "上周他开车朝我冲过来，幸好躲开了，现在想问怎么报案"),  # a car as a weapon
    ("孩子爬到窗户外面的空调架上去了，我够不着", "如果孩子爬到窗户外面去怎么办，想问物业能不能装防护网"),  # a child outside a window
    ("有个人被浪卷走了，还在水里挣扎", "这片海滩每年都有人被浪卷走，到现在还没有警示牌"),  # drowning, habitual
    ("我被一个男的跟踪到小区门口了，他现在还在后面", "上个月我被人跟踪过一次，想问小区能不能多装几个监控"),  # followed
]


@pytest.mark.parametrize(("present", "over"), PAIRS)
def test_new_cue_kinds_keep_present_and_past_apart(present: str, over: str) -> None:
    now = classify(present)
    assert (now.danger, now.urgency) == ("present", "emergency")
    assert rules_danger(present) == "present"
    past = classify(over)
    assert past.urgency != "emergency"
    assert rules_danger(over) != "present"


@pytest.mark.parametrize(
    "text",
    [
        "隔壁装修吵了一整天，吵得我脑袋都要炸了",
        "我们老板真是杀人不见血，三个月没发加班费",
        "想问一下被电信诈骗了两千块还能追回吗",
        "不用叫救护车了，我妈已经醒了，想问社区医生能不能上门",
    ],
)
def test_figurative_or_negated_words_are_not_an_emergency(text: str) -> None:
    assert rules_danger(text) != "present"
    assert classify(text).urgency != "emergency"
