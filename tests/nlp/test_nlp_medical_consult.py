"""A present emergency with nobody complained about is a call for help (`consult`): the kin word names the
patient, not a party. Each case has a twin with a party or a dangerous thing that keeps its category."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import unopposed_emergency
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我外婆在阳台上突然瘫倒了，嘴歪了说不出话", True),
        ("老伴儿刚吞了一瓶安眠药，现在叫不醒", True),
        ("my uncle just collapsed on the stairs and is not breathing", True),
        # Twins: a party doing wrong, a collision, a dangerous thing.
        ("我老公又打我，我头上在流血", False),
        ("我爸过马路被电动车撞倒了，腿在流血", False),
        ("厨房里一股煤气味，我妈晕倒了", False),
        ("my husband is beating me and I'm bleeding", False),
        # "打电话" and "抢救" are not a blow or a robbery.
        ("我奶奶晕倒了，打电话叫不到车，医生在抢救", True),
    ],
)
def test_unopposed_emergency(text: str, expected: bool) -> None:
    assert unopposed_emergency(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The patient is kin or a stranger; no one is complained about.
        ("我婆婆在卫生间晕倒了，怎么叫都叫不醒，嘴唇发紫", "consult"),
        ("我室友发消息说不想活了，现在电话不接，她一个人在宿舍", "consult"),
        ("有个老伯在公交车站倒下了，没有呼吸，谁会心肺复苏", "consult"),
        # Twins that keep their category: violence in the family now, a road collision, gas.
        ("我老公喝醉了正在打我妈，我妈头上都是血", "family"),
        ("十字路口小轿车把骑车的大爷撞倒了，大爷躺着不动", "traffic"),
        ("楼里煤气味很重，有个老人晕在家里了", "hazard"),
    ],
)
def test_category(text: str, category: str) -> None:
    assert classify(text).category == category
