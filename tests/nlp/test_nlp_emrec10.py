"""emrec10 round: present dangers written informally (Cantonese, Hainan, voice-typed, typos and pinyin, English "rn").

The rules read informal now-words in their standard form (``urgency.informal_now``: 而家/依家/现下 → 现在,
正再 → 正在, 马尚 → 马上, 块来 → 快来, "rn" → 现在 …, same length so cue spans still point into the text the
learned scorers read), know Cantonese and Hainan danger words (冇咗呼吸, 郁唔到, 追住…斩, 无上来, 斩死),
take Cantonese V紧 as a present marker, and bring a voice-typed run back to today after a past word.
Sentences written for this test; none is in a data file.
"""

from __future__ import annotations

from collections import Counter

import pytest

from nlp import classify, segment
from nlp.halves import POOLED_PROBES, lines
from nlp.urgency import UrgencyResult, assess, informal_now, refine


def _rules(text: str) -> UrgencyResult:
    norm = segment.normalize(text)
    return assess(informal_now(norm))


def test_informal_now_keeps_length_and_spares_other_words() -> None:
    for text in ("寻日嚟过，而家又嚟", "现下伊又拿刀", "正再砍人马尚来块来", "came yesterday, rn he's back"):
        assert len(informal_now(text)) == len(text)
    assert informal_now("寻日嚟过，而家又嚟") == "寻日嚟过，现在又嚟"
    assert informal_now("正再砍人马尚来块来") == "正在砍人马上来快来"
    assert informal_now("came yesterday, rn he's back") == "came yesterday, 现在 he's back"
    for text in ("去宜家家居买了把菜刀", "he was born in may", "这下好了，押金又不退了"):
        assert informal_now(text) == text


@pytest.mark.parametrize("text", [
    "噚日佢都嚟搞过事，而家又喺楼梯口追住个阿伯斩，快啲嚟",  # a past frame, then now in Cantonese
    "我外婆在厨房门口昏到了",  # 昏到 for 昏倒
    "巷口两个人打驾，有一个流雪了",  # 打驾, 流雪
    "阿叔去河边放网，放到现在无上来，河边只剩伊的水鞋",  # Hainan: not come up from the water
    "阿嫲俾单车撞亲，而家瞓喺地下郁唔到",  # Cantonese: lying there, cannot move
    "我阿妈冇咗呼吸",
])
def test_informal_present_dangers_are_rule_emergencies(text: str) -> None:
    r = _rules(text)
    assert (r.urgency, r.danger) == ("emergency", "present"), r


def test_a_past_frame_then_now_in_cantonese_is_present_and_its_twin_over() -> None:
    now = classify("上个礼拜楼下闹过交，依家隔篱铺头真系着咗火，好大烟")
    assert (now.urgency, now.danger) == ("emergency", "present")
    over = classify("琴日隔篱屋着咗火，消防好快就救熄咗，而家成层楼都系焦味，想问边个赔")
    assert over.urgency != "emergency"


def test_rn_brings_an_english_message_back_to_now() -> None:
    r = classify("she left yesterday, rn her ex is outside with a knife")
    assert (r.urgency, r.danger) == ("emergency", "present")
    assert classify("last year my dad had a stroke, rn he's in a wheelchair, can we get a ramp").urgency != "emergency"


def test_a_voice_typed_run_comes_back_to_today_after_a_past_word() -> None:
    now = "我哥之前有抑郁症前段时间好一点了今天早上他发了一段话说对不起爸妈然后就关机了现在找不到人"
    assert (classify(now).urgency, classify(now).danger) == ("emergency", "present")
    over = "我哥之前有抑郁症前段时间发了一段话说对不起爸妈然后就关机了后来找到了现在在住院"
    assert classify(over).urgency != "emergency"


@pytest.mark.parametrize("text", [
    "今天累死了，加班加到想跳楼，哈哈",  # tiredness at work, laughing
    "现在的房租贵得想死",  # a price
    "rn my grandad can't get upstairs since the lift broke",  # "can't get up" was read inside "upstairs"
])
def test_figures_and_words_inside_words_are_no_emergency(text: str) -> None:
    assert classify(text).urgency != "emergency"


def test_a_cantonese_quoted_threat_is_asked_and_a_threat_acted_now_is_present() -> None:
    said = classify("佢话要斩死我")
    assert (said.urgency, said.danger) == ("high", "uncertain")
    acted = classify("有个男人喺门口淋紧汽油，话要烧死我哋，我哋喺入面")
    assert (acted.urgency, acted.danger) == ("emergency", "present")


def test_a_head_raise_over_an_imagined_case_is_asked() -> None:
    calm = UrgencyResult("normal", None, frozenset(), ())
    text = segment.normalize("如果有人在冰面上掉下去了，旁边的人应该怎么救？")
    r = refine(calm, 0.95, 0.1, "consult", text)
    assert (r.urgency, r.danger) == ("high", "uncertain")
    # the same words told as happening now are raised
    now = segment.normalize("刚才有人在冰面上掉下去了，旁边的人应该怎么救？")
    assert refine(calm, 0.95, 0.1, "consult", now).urgency == "emergency"


def test_emergency_probe14_halves_as_its_card_says() -> None:
    # emergency_probe14.md: index parity; A 63 emergencies / 52 others, B 62 / 53
    assert POOLED_PROBES["emergency_probe14"] == "index"
    for half, (em, others) in (("A", (63, 52)), ("B", (62, 53))):
        c = Counter(row.get("urgency") for _, _, row in lines(half, {"emergency_probe14": "index"}))
        assert (c["emergency"], sum(c.values()) - c["emergency"]) == (em, others)
