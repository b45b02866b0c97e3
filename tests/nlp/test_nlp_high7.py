"""``high`` by the rules (high7 round): many people counted with the noun first or the classifier apart
from the noun, a rented home to be left within days with a newborn or an elder at home; and two harms to a
minor that are not one (a question about what a punishment is called, a pupil's trifle taken). Each with a
calm twin in the same surroundings. Every sentence was written for this test; none is in a data file.
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
    # many people counted, noun first
    ("那家游泳馆关门了，会员起码三百多个，卡里的钱都没退", "那家游泳馆关门了，我的卡里还剩两次，想问问能不能退"),
    ("烘焙班老板跑了，学员有八十多个，学费都交了", "烘焙班老板说下周调课，学员可以选周六或者周日"),
    ("物业撤走以后，我们那栋楼九十多口人的快递没人管", "物业撤走以后，快递柜换了新的公司，想问问取件码怎么收"),
    # the classifier apart from the noun
    ("公司拖欠我们二十多个装修师傅的工钱，拖了三个月", "公司说装修师傅的工钱月底结，想问问要不要签字"),
    # a rented home to be left within days, a frail person at home
    ("房东说房子要收回，叫我们两天之内搬走，家里老人刚出院", "房东说房子明年要收回，叫我们提前两个月找房子"),
]
NOT_HARM = [
    "老师让我家孩子在走廊站了五分钟，想问下这样算体罚吗",
    "我儿子说同桌抢了他的铅笔，老师已经让他们和好了",
]


@pytest.mark.parametrize(("serious", "calm"), PAIRS)
def test_serious_is_high_and_its_twin_is_not(serious: str, calm: str) -> None:
    assert rules_urgency(serious) == "high"
    assert rules_urgency(calm) == "normal"


@pytest.mark.parametrize("text", NOT_HARM)
def test_not_a_minor_harmed(text: str) -> None:
    assert rules_urgency(text) == "normal"


def test_counted_noun_first_needs_a_real_crowd() -> None:
    # two members or an age are not a crowd
    assert rules_urgency("健身房的会员有两个人想转卡，想问问手续") == "normal"
    assert rules_urgency("楼下老人八十多岁了，想问问高龄补贴怎么领") == "normal"
