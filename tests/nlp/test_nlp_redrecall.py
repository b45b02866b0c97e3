"""Present emergencies that carry the marker of a cancel rule, and the rule's own look-alike.

Each cancel rule of the reported-form and indirect-emergency rounds (a story, a joke, a habit, a fix
on the spot, a comparison, a pet, a treated injury, a time clause, rubbish burnt on purpose) must still
give way when the message turns back to what is happening now. Every sentence was written for this
test (redrecall round); none is in a data file. The rules alone are checked (``assess``).
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now despite the marker, the rule's intended case): rule named in the comment.
PAIRS = [
    # a story (video, documentary, short-video app) and then the resident's own senses
    ("刚刷完一个视频，突然看到对面阳台冒出火苗，火越来越大", "刷到一个视频，说对面小区阳台冒出火苗"),
    ("正看着纪录片呢，突然闻到屋里一股很浓的煤气味", "纪录片里讲了煤气泄漏怎么自救"),
    ("看快手说要降温，结果楼下配电房着火了，烟很大", "看快手说楼下配电房着火了，不知道真假"),
    # a joke denied, or set aside before the cue
    ("真不是讲笑，有个男的在楼道里拿着刀追人", "佢讲笑话楼道有人拿刀追人，大家笑翻了"),
    ("我弟平时爱开玩笑，但这次他真的吞了一大把药，人已经叫不醒了", "我弟开玩笑说要吞一大把药"),
    # said every day, but today it happens
    ("他天天这么说，但今天真的提着一桶汽油上楼了", "他天天这么说，要拿汽油烧我家"),
    # a fix on the spot that did not end it
    ("我已经关了煤气总阀，但是煤气味越来越重，我妈晕倒了", "我已经关了煤气总阀，现在想问燃气公司什么时候来检修"),
    ("The fire was put out but now it's burning again on the fourth floor", "The fire was put out, who pays for the repairs"),
    # a comparison with last time is not a past frame
    ("这回他比上次下手还重，我姐满头是血倒在地上", "上次他下手很重，我姐满头是血，现在想起诉"),
    # 涉嫌 naming a person, not telling the past
    ("那个涉嫌抢劫的男的又来了，在撬我家门", "那个男的涉嫌抢劫，在撬我家门的时候被抓了"),
    # a pet's owner is not in danger, a shop owner is a person
    ("宠物医院的老板突然倒在地上抽搐", "邻居的狗突然倒在地上抽搐"),
    # treated long ago, then a new collapse; 住了二十年 is living somewhere
    ("外婆出院才两天，刚才又倒在地上叫不醒", "外婆住了两天院，叫不醒的原因查出来了，医药费怎么报"),
    ("我在这住了二十年，对门的老人倒在楼道里一动不动", "我爸倒在楼道里一动不动，住了一周院，想问医保"),
    # a time clause telling what was seen
    ("跑步的时候看见一个人趴在河边一动不动", "跑步的时候突然晕倒怎么办"),
    ("洗衣服的时候插座冒烟了，现在还在冒", "插座冒烟的时候该怎么处理"),
    # rubbish burnt on purpose that spread
    ("有人在空地上焚烧垃圾，把旁边的柴房引燃了，火很大", "有人在空地上焚烧垃圾，浓烟呛人"),
]


@pytest.mark.parametrize(("now", "twin"), PAIRS)
def test_a_cancel_marker_does_not_hide_a_present_emergency(now: str, twin: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(twin) != "present"


def test_a_cue_that_says_now_is_not_dated_by_a_camera() -> None:
    # 拍到 dates what a camera caught; 正在 inside the cue says it is going on
    assert rules_danger("门口的监控拍到有个人正在撬我家的门，我在外地") == "present"
    assert rules_danger("门口的监控拍到有个人在撬我家的门，物业调了录像") != "present"
