"""The present-danger check reads the segmenter's words (topic and genre) and a wider "now" guard.

Every message here was written for these tests (not in any data file); each "not now" case has a
present twin that must stay an emergency.
"""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.danger import features, load_model, review, says_now, spans_of
from nlp.segment import normalize
from nlp.train import data_path, read_jsonl
from nlp.urgency import assess


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def test_words_of_the_message_and_of_the_cue_sentence_are_features() -> None:
    norm = normalize("上个月厨房着火了。今天想问保险能不能赔")
    feats = features(norm)
    assert "w:保险" in feats and "w:厨房" in feats
    assert "sw:厨房" in feats  # the cue's sentence
    assert "sw:保险" not in feats  # another sentence: message-level only


# (told, not happening now; its present twin). The rules alone call both present.
_PAIRS = [
    ("按摩店把我的脖子按得出血了，起了好多血点，店家说正常，我想投诉",
     "按摩店里有个客人按着按着突然口鼻出血，人晕过去了"),
    ("小区贴了告示说有人冒充燃气公司上门，说是煤气泄漏要换管子，大家注意",
     "我家厨房煤气泄漏了，味道很大，孩子说头晕"),
]


@pytest.mark.parametrize(("told", "present"), _PAIRS)
def test_a_complaint_or_notice_is_asked_about_and_its_present_twin_stays_an_emergency(told: str, present: str) -> None:
    for text in (told, present):
        assert assess(normalize(text)).danger == "present"  # the rules alone would alarm on both
    c = classify(told)
    assert (c.urgency, c.danger) == ("high", "uncertain") and c.numbers  # asked, the number shown
    c = classify(present)
    assert (c.urgency, c.danger) == ("emergency", "present")


@pytest.mark.parametrize(("now", "told"), [
    ("女儿把自己锁在卫生间里，叫了半天不开门，她前几天说过活着没意思",
     "女儿把自己锁在卫生间里，她前几天说过活着没意思"),
    ("儿子放学到现在还没回来，平时五点就到家，同学说看到他跟一个陌生人走了",
     "儿子放学跟一个陌生人走了，同学说看到的"),
])
def test_no_answer_now_or_not_back_yet_guards_the_cue(now: str, told: str) -> None:
    norm = normalize(now)
    spans = spans_of(norm, assess(norm))
    assert spans and says_now(norm, spans)
    assert classify(now).urgency == "emergency"
    norm = normalize(told)
    assert not says_now(norm, spans_of(norm, assess(norm)))


@pytest.mark.parametrize("name", ["danger_dev2.jsonl", "danger_dev3.jsonl"])
def test_no_present_emergency_of_a_danger_probe_that_the_rules_keep_is_lowered(name: str) -> None:
    model = load_model()
    assert model is not None
    for ex in read_jsonl(data_path(name)):
        if ex.urgency != "emergency":
            continue
        norm = normalize(ex.text)
        result = assess(norm)
        if result.danger == "present":
            assert review(result, norm, 0.0, model).danger == "present"
