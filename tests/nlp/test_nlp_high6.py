"""``high`` by the rules (high6 round): a threat let out (放话, 撂下狠话) or said in Cantonese (叫啲兄弟嚟), an
English "knows where I live", a crowd of "fifteen other tenants", savings all but gone for a person of eighty
(八旬), and heat, water or power cut on purpose to a frail person. Each with a calm twin in the same surroundings.
Every sentence was written for this test; none is in a data file.
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
    ("搞砂场的老板放出话来，哪个村民再去拦他的车，哪个就等着瞧好了吧",
     "搞砂场的老板说下个月起砂车改走北边那条路"),
    ("对面烧烤店老板撂下狠话，我再拍他占道的视频，他让我这个小店开不下去",
     "对面烧烤店老板说明天起不在门口摆桌子了"),
    ("我追佢还钱，佢话再追就叫班兄弟嚟我屋企楼下坐下",
     "我追佢还钱，佢话下个礼拜出粮就还"),
    ("The man I reported told my neighbour he knows where I live and that I should drop it.",
     "The man I reported told my neighbour he is moving away next month."),
    ("Me and about twenty other workers at the depot have not been paid since September.",
     "Me and another worker at the depot were paid a day late in September."),
    ("外公年近九旬，去年被人以养生为名骗去买理疗仪，积蓄几乎所剩无几",
     "外公年近九旬，想问社区有没有免费的理疗服务"),
    ("房东嫌我们交租晚了两天，把屋里的暖气停了，我奶奶八十多了冻得直哆嗦",
     "房东说暖气下个月开始供，我奶奶八十多了怕冷，能不能早点开"),
]


@pytest.mark.parametrize(("serious", "calm"), PAIRS)
def test_threats_crowds_and_drained_elders_are_high(serious: str, calm: str) -> None:
    assert rules_urgency(serious) == "high"
    assert rules_urgency(calm) == "normal"


@pytest.mark.parametrize("text", [
    "邻居放话说要去法院告我，就因为我家空调外机滴水",  # a lawsuit announced is not a threat of harm
    "我就欠了一个月物业费，物业把我家的水停了",  # cut for a debt, nobody frail named
    "Our landlord knows where the spare key is kept, is that normal?",  # no "I live"
])
def test_look_alikes_stay_normal(text: str) -> None:
    assert rules_urgency(text) == "normal"
