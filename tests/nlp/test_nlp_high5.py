"""``high`` by the rules (high5 round): the victims counted, a wave of thefts counted in what was taken, and an
English eviction with a time of day. Each with a calm twin in the same surroundings. Every sentence was written
for this test; none is in a data file.
"""

from __future__ import annotations

import pytest

from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.urgency import assess


def rules_urgency(text: str) -> str:
    """``urgency`` of the rules alone (before the model's heads) on the normalised text."""
    norm = normalize(text)
    return assess(norm, extract_amounts(norm)).urgency


# (serious, the calm twin that must stay normal)
PAIRS = [
    # the victims counted
    ("那家婚纱摄影店收了钱就关门了，被坑的新人少说也有三十来对", "那家婚纱摄影店说定金可以退，我想问问要多久到账"),
    ("网上那个卖茶叶的店，听说受骗的有几十位，我也在里面", "网上那个卖茶叶的店发货太慢，我想问问能不能催一下"),
    ("这个培训班卷钱跑了，跟我一样上当的家长有二十几个", "这个培训班换了地方，跟我一样想退课的家长有两个"),
    # a wave of thefts counted in what was taken
    ("我们村这两个月被偷了二十多台三轮车的电瓶，派出所说在查", "我们村有人的三轮车电瓶没电了，想问问哪里能充"),
    ("停车场半个月丢了十几辆电动车，保安说不归他管", "停车场的电动车停得乱七八糟，保安说不归他管"),
    # put out of a rented home tomorrow, with a time of day
    ("The landlord says I have until tonight at the latest — until tomorrow morning to move out, with my baby",
     "The landlord says the lease ends in March and I can move out any time before then, with my baby"),
]


@pytest.mark.parametrize(("serious", "calm"), PAIRS)
def test_counted_victims_thefts_and_eviction_are_high(serious: str, calm: str) -> None:
    assert rules_urgency(serious) == "high"
    assert rules_urgency(calm) == "normal"


@pytest.mark.parametrize("text", [
    "听说被骗的人不多，我就被骗了两百块",  # no count of victims
    "被骗的东西有十几个，都是几块钱的小玩意",  # things, not people: "个" after a thing
    "我丢了一辆自行车，想问问怎么报案",  # one thing taken
    "被偷了三辆车的车牌照还是同一辆车的？",  # fewer than ten: not a wave
])
def test_small_counts_stay_normal(text: str) -> None:
    assert rules_urgency(text) == "normal"
