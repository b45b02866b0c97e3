"""Two rules of the emrec7 round, each with its look-alike.

A letter's numbered point or semicolon starts another matter: cigarettes or cooking fumes named in one point
no longer set aside the smoke of another as "burning". And "已经关了" followed by a span of time is how long
people have been shut in, not a valve turned off. Every sentence was written for this test; none is in a data
file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger


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
