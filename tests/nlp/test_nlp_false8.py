"""false8 round: injuries that already happened and are being handled (false_probe7).

A fall from no height told with a bump or a graze, a bleed or a knock-down seen to or argued about, first aid
given (包扎好了, 缝好针, 冰敷过了, 擦了碘伏, 打完针回来了) and a calm now after it (现在在教室上课) are an
injury that happened: `high`, not a present emergency. The same scenes with a grave sign (vomiting, not
responding, bleeding that will not stop, a fall from a height, a call for help) stay emergencies.
Sentences written for this test; none is in a data file.
"""

from __future__ import annotations

from collections import Counter

import pytest

from nlp import segment
from nlp.classify import classify
from nlp.corpus import DEVELOPMENT_SETS, text_key
from nlp.halves import POOLED_PROBES
from nlp.train import data_path, read_jsonl
from nlp.urgency import assess, informal_now


def _rules(text: str):
    return assess(informal_now(segment.normalize(text)))


@pytest.mark.parametrize("text", [
    "小孩刚才从滑梯上摔下来，头上起了个大包，现在在哭",  # the lead's example
    "孩子从沙发上摔下来，起了个包，现在不哭了在玩",
    "骑电动车被车刮倒，腿上流血，现在人在路边坐着，对方在跟我商量私了",
    "我外婆走路被小孩的滑板车撞倒了，手擦破流血了，现在扶回家了",
    "我爸今天在小区里摔了一跤，额头破了，已经去社区卫生站缝好针回来了，路面那块砖翘起来好久了",
])
def test_minor_or_treated_injury_is_no_present_danger_for_the_rules(text: str) -> None:
    assert _rules(text).danger == "none"


def test_now_then_a_shot_is_not_hitting() -> None:
    # 现在打完针: 在打 read across 现在 + 打完针 was a violence cue
    assert _rules("楼上那家的狗咬了我儿子 现在打完针回来了 狗主人躲着不见").danger == "none"
    assert _rules("他们还在打，快来").danger == "present"


@pytest.mark.parametrize("text", [
    "小孩刚才从滑梯上摔下来，头上起了个大包，现在在哭",
    "儿子在学校被同学从后面踹了一脚摔在地上，手掌和膝盖都破了，老师给擦了碘伏，现在在教室上课",
    "楼上那家的狗咬了我儿子 现在打完针回来了 狗主人躲着不见",
    "孩子在補習班被門夾到手指，指甲發紫，老師已經冰敷過了，補習班說家長自己負責",
    "同学打了我儿子，鼻子流血，老师处理了，现在在上课",
    "我妈在楼道滑倒了，手腕肿了，现在在家敷着冰袋，物业说地是保洁刚拖的",
])
def test_handled_injury_is_not_an_emergency(text: str) -> None:
    c = classify(text)
    assert c.urgency != "emergency"
    assert c.danger != "present"


@pytest.mark.parametrize("text", [
    "孩子从床上摔下来，起了个包，现在睡着了叫不醒",
    "孩子从滑梯上摔下来，起了个包，快来人",
    "我爸从梯子上摔下来了，擦破了皮，现在说头很晕",
    "刚才手被刀割了，已经包扎了，还是止不住血，纱布都湿透了",
    "刚才孩子头磕破了，包扎好了以后还在流血",
    "老公刚才打了我，我头破了，已经止住血了，他现在还在砸东西",
    "狗咬了我儿子，打完针回来了，现在嘴唇发紫喘不上气",
    "打完针以后孩子脸发紫喘不过气",
    "我老婆打了狂犬疫苗以后全身起红疙瘩 嘴唇肿起来了 说喉咙像被人掐住 喘不过来",
    "孩子在学校被打了，校医处理过了，现在还被几个人堵在厕所里打",
])
def test_twins_with_a_grave_sign_stay_emergencies(text: str) -> None:
    assert classify(text).urgency == "emergency"


def test_false_probe7_is_a_development_set_split_by_index() -> None:
    assert "false_probe7.jsonl" in DEVELOPMENT_SETS
    assert POOLED_PROBES["false_probe7"] == "index"
    probe = read_jsonl(data_path("false_probe7.jsonl"))
    assert len(probe) == 220
    for half, want in ((0, {"emergency": 44, "high": 61, "normal": 5}), (1, {"emergency": 45, "high": 59, "normal": 6})):
        assert Counter(ex.urgency for i, ex in enumerate(probe) if i % 2 == half) == want
    trained = set()
    for file in ("corpus.jsonl", "urgency_train.jsonl", "urgency_high_train.jsonl", "danger_train.jsonl"):
        if data_path(file).exists():
            trained |= {text_key(ex.text) for ex in read_jsonl(data_path(file))}
    assert not [ex.text for ex in probe if text_key(ex.text) in trained]
