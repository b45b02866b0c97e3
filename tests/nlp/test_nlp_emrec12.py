"""emrec12 round: present dangers in the formal register of a hotline operator's work order.

The rules read the record's 目前/仍在/尚未 as 现在/还在/还没 (``urgency.informal_now``, same length) and know
its formal danger words (持械伤人, 用枪指着, 传来呼救声, 至今未归, 下落不明, 突发疾病, 呼之不应, 请求120,
发生火情, 明火未灭, 手持酒瓶, 家庭暴力, 儿童被反锁在车内 …). Sentences written for this test; none is in a
data file.
"""

from __future__ import annotations

import pytest

from nlp import classify, segment
from nlp.urgency import UrgencyResult, assess, informal_now


def _rules(text: str) -> UrgencyResult:
    return assess(informal_now(segment.normalize(text)))


def test_formal_now_words_keep_length() -> None:
    text = "目前对方仍在其住处，嫌疑人尚未离开"
    assert len(informal_now(text)) == len(text)
    assert informal_now(text) == "现在对方还在其住处，嫌疑人还没离开"


@pytest.mark.parametrize("text", [
    "来电人反映：有人在某停车场用枪指着一名司机，目前双方仍在对峙，诉求：请派警力。",
    "来电人表示其母亲患有老年痴呆，今天早上出门至今未归，天气很冷，诉求：请求协助寻找。",
    "该市民来电表示，其楼上传来男子打砸声和女子呼救声，目前仍在继续。",
    "来电人称其父亲在家中突发疾病，现场无人照看，诉求：请求120。",
    "来电人反映其所在小区发生火情，目前明火未灭，诉求：消防到场。",
    "来电人表示有人持械闹事，对方目前仍在店内。",
    "来电人称一名儿童被反锁在车内，车辆停在烈日下，孩子哭闹不止。",
])
def test_formal_present_dangers_are_emergencies(text: str) -> None:
    assert _rules(text).urgency == "emergency"
    assert classify(text).urgency == "emergency"


@pytest.mark.parametrize("text", [
    "来电人家属反映，其母亲上周走失，至今未归，后经民警找到已送回家中，诉求：感谢民警。",
    "来电人反映小区曾发生火情，已扑灭，诉求：检查消防设施。",
    "来电人反映，其丈夫前天突发心梗，已做了手术，诉求：咨询医保。",
    "来电人反映其欠款人下落不明，借款五万元至今未还，诉求：咨询起诉。",
])
def test_formal_words_of_something_over_are_not(text: str) -> None:
    assert classify(text).urgency != "emergency"


def test_formal_negation_of_a_trapped_person() -> None:
    assert "被困" not in _rules("来电人反映车库进水，目前积水约半米，无人员被困，诉求：物业抽水。").cues
