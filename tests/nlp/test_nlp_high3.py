"""More ``high`` told in prose (high3 round): each new rule cue with a calm twin in the same surroundings,
and the file that teaches the high head only.

Sideways threats at the writer's job, home or children; repetition told without a count (不知多少回, 数不清,
讲了半年, a letter handed in months ago, passed from office to office); an elder or a frail person drained,
tricked in their frailty, tied up or left in filth; wounds told by the treatment; crowds counted in words;
put out the day after tomorrow. Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import json

import pytest

from nlp.corpus import EVALUATION_SETS, text_key
from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.train import (
    HIGH_FILES,
    URGENCY_FILES,
    data_path,
    high_training_examples,
    read_jsonl,
    urgency_targets,
)
from nlp.urgency import assess


def rules_urgency(text: str) -> str:
    """``urgency`` of the rules alone (before the model's heads) on the normalised text."""
    norm = normalize(text)
    return assess(norm, extract_amounts(norm)).urgency


# (serious, the calm twin that must stay normal)
PAIRS = [
    # sideways threats: at the writer's job, children, home, car
    ("他放话说我再去告，就让我横着出去", "他说我再去告也没用，让我先回去等通知"),
    ("收账的说要找人好好教育教育我", "社区说要找人给孩子们好好上一堂安全教育课"),
    ("那个老板说他知道我在哪家公司上班，让我掂量掂量", "我想知道哪家公司招保洁，离家近一点"),
    ("他说你家孩子以后放学最好别走这条路", "老师说下雨天孩子放学最好走大路"),
    ("拆迁的人说我女儿的工作也要考虑考虑", "我女儿的工作下个月调动，要考虑考虑租房的事"),
    ("中介说再闹就让我在这一片租不到房", "中介说这一片现在租不到便宜的房，建议去东边看看"),
    ("对方说今天不赔钱就别想离开这个村", "对方说今天不赔钱也行，下周再来这个村谈"),
    ("他一个电话叫来一车人把我的三轮车围住", "他一个电话叫来师傅把我的三轮车修好了"),
    ("He said he knows which school my daughter goes to", "He asked which school my daughter goes to"),
    # repetition told without a count, to an authority or over months
    ("油烟的事跟城管说了不知多少回", "油烟的事不知道该跟谁说，城管管不管"),
    ("为了积水给社区打的电话都数不清了", "积水的事给社区打了个电话，说明天来看"),
    ("楼顶漏水的事跟物业讲了半年", "楼顶漏水的事今天跟物业讲了，他们说下午来"),
    ("我们签名的联名信交上去三个月了", "我们准备写一封信交上去，想问格式"),
    ("路口的护栏半年过去了还是那样", "路口的护栏今天修好了，谢谢"),
    ("报了物业又报了城管，谁也不来", "想报修一下楼道灯，报物业还是报社区"),
    ("社区说是街道的事，街道说是城管的事", "社区说这是街道的事，让我去街道办问"),
    ("Our landlord has ignored it; this is the fifth letter I have sent.", "This is the first letter I have sent to the landlord about the boiler."),
    # an elder or a frail person drained, tricked in their frailty, tied up, left in filth
    ("那个推销员趁我爷爷耳背让他签了字，卡上划走三万", "我爷爷耳背，想问问社区有没有免费配助听器的"),
    ("我二叔把奶奶的存折拿走了，奶奶买菜都没钱", "奶奶的存折快用完了，想问问去哪个网点换新的"),
    ("隔壁的老伯一个人住，床上全是屎尿，没人管", "隔壁的老伯一个人住，精神挺好，想报名老年大学"),
    ("上周去养老院，看见他们把我妈绑在床上，说怕她乱走", "上周去养老院，看见我妈的床太硬，想给她换个床垫"),
    # wounds told by the treatment or their lasting effect
    ("在工地上被钢管砸了，左腿打了石膏，老板不管", "在工地上干活，想问问工地有没有发劳保鞋"),
    ("被车撞了以后人到现在还没醒", "被闹钟吵醒以后人到现在还迷迷糊糊的"),
    ("冲床把我的手指压掉了一节，厂里说是我不小心", "冲床的声音太大，想请厂里加个隔音罩"),
    # crowds counted in words
    ("这个小区一千多户被开发商拖着不交房", "这个小区一共多少户，想问问物业"),
    ("这一个月楼里被撬了五家", "这一个月楼里搬走了五家"),
    ("化工厂一开工，村里的小孩一个接一个咳嗽", "天气转凉，我家小孩有点咳嗽，想问问社区医院几点开门"),
    # put out the day after tomorrow, with a landlord
    ("房东说后天就要收回房子，我妈坐轮椅", "房东说后天来收一下水电费"),
]


@pytest.mark.parametrize(("serious", "calm"), PAIRS)
def test_high_told_in_prose_and_its_calm_twin(serious: str, calm: str) -> None:
    assert rules_urgency(serious) == "high", serious
    assert rules_urgency(calm) == "normal", calm


def test_a_settled_or_negated_cue_stays_normal() -> None:
    # Cancelled like every other high cue: negated, or settled in the same sentence.
    assert rules_urgency("我们签名的信交上去两个月了，已经解决了") == "normal"
    assert rules_urgency("我们签名的信交上去两个月了，还没人回") == "high"


def test_chasing_an_employer_for_wages_is_no_chase() -> None:
    assert rules_urgency("I have been chasing the agency for my wages since March.") == "normal"
    assert rules_urgency("A man is chasing my son down the road right now.") == "emergency"


def test_high_only_rows_are_left_out_of_the_emergency_head() -> None:
    urgencies = ["emergency", "normal", "high", "high", "normal"]
    rows_e, y_e, rows_h, y_h = urgency_targets(urgencies, high_only=2)
    assert list(rows_e) == [0, 1, 2]
    assert list(y_e) == [1, 0, 0]
    assert list(rows_h) == [1, 2, 3, 4]
    assert list(y_h) == [0, 1, 1, 0]
    rows_e, _, rows_h, _ = urgency_targets(urgencies)
    assert list(rows_e) == [0, 1, 2, 3, 4] and list(rows_h) == [1, 2, 3, 4]


def test_high_training_file_is_no_evaluation_set_and_repeats_none() -> None:
    assert set(HIGH_FILES).isdisjoint(EVALUATION_SETS) and set(HIGH_FILES).isdisjoint(URGENCY_FILES)
    rows = high_training_examples()
    assert len(rows) >= 200
    assert {ex.urgency for ex in rows} == {"high", "normal"}  # emergencies belong to urgency_train
    keys = {text_key(ex.text) for ex in rows}
    assert len(keys) == len(rows), "a line repeats inside the file"
    others = {text_key(ex.text) for name in ("corpus.jsonl", *URGENCY_FILES) for ex in read_jsonl(data_path(name))}
    assert not keys & others, "a line repeats the corpus or urgency_train"
    # Counts only: a failure must not print a held-out line.
    for name in EVALUATION_SETS:
        path = data_path(name)
        if path.is_file():
            texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
            overlap = len(keys & {text_key(t) for t in texts})
            assert overlap == 0, f"{overlap} lines of {name} in the high training file"
