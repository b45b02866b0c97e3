"""Frames for systematic category confusions (cat4 round): a lift that traps or fails and the estate's
upkeep are the property company's, a request that it mend its cameras or guards after a crime too; a
worker's question about his own job is labor; a merchant's price for a child's goods is consumer; a 110
danger at a night market is security. Each frame has twins it leaves alone."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import (
    asks_estate_guard,
    estate_upkeep,
    lift_trouble,
    merchant_sells_for_child,
    worker_asks_terms,
)
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二号楼的电梯卡在十四层不动了，我婆婆和孙子关在里面", True),
        ("电梯这周停了四回，每回都说修好了", True),
        ("the lift in tower 5 is stuck again with two kids inside", True),
        # Fire, an e-bike or a mall keep the hazard.
        ("电梯井里在冒烟，有人还关在里面", False),
        ("有人把电瓶车推进电梯，电梯卡住了", False),
        ("商场的扶梯突然停了，好几个人摔倒", False),
        # No trouble with the lift.
        ("电梯里的广告太吵了", False),
    ],
)
def test_lift_trouble(text: str, expected: bool) -> None:
    assert lift_trouble(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("楼道的声控灯坏了快一个月，晚上下楼看不见", True),
        ("我们小区的秋千链子松了，小孩荡的时候晃得厉害，麻烦修一下", True),
        ("二次供水的水箱好久没清洗，水有股异味", True),
        # A danger of its own stays a hazard.
        ("楼道的灯线路老化，刚才冒了火花", False),
        ("小区滑梯旁边的井盖没了", False),
        ("楼顶的水箱支架歪了，随时会掉下来", False),
    ],
)
def test_estate_upkeep(text: str, expected: bool) -> None:
    assert estate_upkeep(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上周小区车棚丢了三辆电动车，希望物业把坏掉的监控修好", True),
        ("最近晚上有醉汉在楼下闹，保安能不能多巡逻几趟", True),
        # The police are asked to act: a crime report.
        ("车棚丢了三辆电动车，已经报案了，想请派出所调监控", False),
        # No request to the estate.
        ("小区里有人偷电动车，监控拍到了一个戴头盔的", False),
    ],
)
def test_asks_estate_guard(text: str, expected: bool) -> None:
    assert asks_estate_guard(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我在物流园上班开叉车，想问一下夜班有没有补贴", True),
        ("我们厂说下个月起周六要上班，加班费怎么算", True),
        # A question about papers that mentions a job in passing.
        ("我在酒店上班，想问问办居住证要交几个月社保", False),
        # Not the writer's own job.
        ("请问高温补贴的标准是谁定的", False),
    ],
)
def test_worker_asks_terms(text: str, expected: bool) -> None:
    assert worker_asks_terms(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("孩子报的美术班才上了三节课就关门了，机构说不退费", True),
        ("学校旁边的书店一本教辅卖九十块，标价才四十", True),
        # Harm to the child, or the school's own demand, stays minors.
        ("托管班的老师打了我女儿，还不给退费", False),
        ("学校要求每个学生再买一套校服，太贵了", False),
    ],
)
def test_merchant_sells_for_child(text: str, expected: bool) -> None:
    assert merchant_sells_for_child(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("电梯卡在十一楼和十二楼中间，里面关着一个老人和一个小孩，按警铃没人应", "property"),
        ("我们小区的健身器材坏了好几个月，铁管断了露着尖头，麻烦物业派人修一下", "property"),
        ("我在快餐店做了三年，想问一下店长说的年假怎么算", "labor"),
        ("夜市里有个醉汉拿着啤酒瓶在砍人，有人倒在地上流血", "security"),
    ],
)
def test_classify_takes_the_frame(text: str, category: str) -> None:
    assert classify(text).category == category
