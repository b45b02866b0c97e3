"""Two rules of the emrec7 round, each with its look-alike.

A letter's numbered point or semicolon starts another matter: cigarettes or cooking fumes named in one point
no longer set aside the smoke of another as "burning". "已经关了" followed by a span of time is how long
people have been shut in, not a valve turned off. And a sure head's raise is no longer turned into a question
by a video or a story named in a message that urges now (快来, 正在, 还在 …), as it already was not for a
message that tells the past. Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp.segment import normalize
from nlp.urgency import UrgencyResult, refine


@pytest.mark.parametrize("text", [
    "致物业：反映两件事。1、地下室常年有人抽烟；2、刚才我下楼，看见五楼走廊里往外冒浓烟，里面的住户还没出来。",
    "1、五楼走廊往外冒浓烟，里面的住户还没出来；2、楼下烧烤店油烟太大。",
    "您好，有三点意见：一、烧腊店的油烟直排；二、垃圾桶没盖；三、现在车库里冒浓烟，有人困在里面。",
])
def test_smoke_in_its_own_point_is_present(text: str) -> None:
    assert rules_danger(text) == "present"


@pytest.mark.parametrize("text", [
    "致物业：反映两件事。1、消防栓没水；2、邻居天天在楼道抽烟，楼道里全是烟。",
    "楼道里有人抽烟，楼道里全是烟",
])
def test_cigarettes_in_the_same_point_still_set_the_smoke_aside(text: str) -> None:
    assert rules_danger(text) == "none"


@pytest.mark.parametrize("text", [
    "包工头把我们几个锁在工棚里不让出去，说不签字就不放人，已经关了两个多小时",
    "他们把我弟锁在仓库里不让走，说不还钱就不放，已经关了一下午了",
])
def test_shut_in_for_a_span_of_time_is_present(text: str) -> None:
    assert rules_danger(text) == "present"


@pytest.mark.parametrize("text", [
    "厨房燃气泄漏了，一股味道，我已经关了总阀",
    "厨房燃气泄漏了，一股味道，我已经关了天然气总阀",
])
def test_a_valve_turned_off_is_still_over(text: str) -> None:
    assert rules_danger(text) == "none"


def test_a_story_named_does_not_ask_about_a_sure_raise_when_the_message_urges() -> None:
    quiet = UrgencyResult("normal", None, frozenset(), ())
    urged = refine(quiet, 0.9, 0.1, "minors", normalize("女儿学短视频里的人爬到窗户外面的空调架上，现在下不来了，快来人"))
    assert urged.urgency == "emergency" and urged.danger == "present"
    told = refine(quiet, 0.9, 0.1, "minors", normalize("女儿学短视频里的人爬到窗户外面的空调架上，吓死我了，幸好自己爬回来了"))
    assert told.urgency == "high" and told.danger == "uncertain"
