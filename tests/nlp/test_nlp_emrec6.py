"""A cue set aside as a word of another sense no longer vetoes a sure learned head; new rules of the round.

``refine``: a cancellation that says a cue word is meant in another sense (a figure, an animal, a thing, a
term, cigarettes, a property) blocks the heads only below ``SENSE_RAISE``; past, negated, fiction and the
other reasons still block at any P. Rules: an English person trapped, pinned or buried under a vehicle, a
seat or a shelf; an ultimatum counted in minutes with its author at the door now (not a parent's); Chinese
figures set aside (paperwork up to the neck, buried in books, a mind that caves in, a client that stabs in
the back). Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp.segment import normalize
from nlp.urgency import SENSE_RAISE, UrgencyResult, assess, refine


def _cancelled(reason: str) -> UrgencyResult:
    return UrgencyResult("normal", None, frozenset(), (), ("捅了",), "none", (), cancel_reasons=(reason,))


@pytest.mark.parametrize("reason", ["figurative", "animal", "object", "word", "burning", "property"])
def test_a_sense_cancellation_lets_a_sure_head_raise(reason: str) -> None:
    text = "小区的马蜂窝被捅了，一群马蜂追着小孩蜇，孩子脸肿得睁不开眼"
    raised = refine(_cancelled(reason), SENSE_RAISE, 0.0, "environment", text)
    assert raised.urgency == "emergency" and raised.danger == "present"
    below = refine(_cancelled(reason), SENSE_RAISE - 0.01, 0.0, "environment", text)
    assert below.urgency != "emergency"


@pytest.mark.parametrize("reason", ["past", "negated", "fiction", "resolved", "treated", "hypothetical", "correction"])
def test_other_cancellations_still_block_the_head(reason: str) -> None:
    text = "上个月小区的马蜂窝被捅了，一群马蜂追着小孩蜇，后来都好了"
    assert refine(_cancelled(reason), 0.99, 0.0, "environment", text).urgency != "emergency"


def test_a_mixed_cancellation_blocks() -> None:
    result = UrgencyResult("normal", None, frozenset(), (), ("捅了", "拿刀"), "none", (),
                           cancel_reasons=("figurative", "past"))
    assert refine(result, 0.99, 0.0, "security", "他以前拿刀捅过马蜂窝，现在又在捅").urgency != "emergency"


def test_the_character_model_counts_for_a_sense_cancellation() -> None:
    text = "院子里的马蜂窝被捅了，马蜂追着老人蜇，老人躺在地上喘不上气"
    assert refine(_cancelled("figurative"), 0.5, 0.0, "environment", text, p_char=0.9).urgency == "emergency"
    assert refine(_cancelled("figurative"), 0.5, 0.0, "environment", text, p_char=0.82).urgency != "emergency"


def test_assess_keeps_the_reason_of_each_cancelled_cue() -> None:
    result = assess(normalize("这个项目被甲方捅了一刀，我们组全军覆没"))
    assert result.cancelled and len(result.cancel_reasons) == len(result.cancelled)
    assert set(result.cancel_reasons) == {"figurative"}


# (happening now, the look-alike that must not be a present danger)
FOUND = [
    ("the scaffold came down and a worker is pinned under the rack, he can't feel his legs",
     "my cat is stuck under the rack again, she loves hiding there"),
    ("the van rolled over and the driver is trapped under the van, he's screaming",
     "the driver lay under the van for an hour fixing the exhaust"),
    ("讨债的说给我二十分钟不还钱就砸了我的店，他们现在就堵在店门口",
     "我爸说给我二十分钟不写完作业就不许看电视，他现在就在门口盯着"),
]
# (a figure, set aside; its present twin)
CLOSED = [
    ("年底报表多得都没过头顶了，天天熬夜", "地下室进水了，水已经没过头顶了，我爸还在里面"),
    ("考完试整个人被埋在试卷堆里，不想说话", "隧道塌了，两个工人被埋在土里"),
    ("被甲方捅了一刀，这个月奖金泡汤了", "有个男的拿刀捅了我同事一刀，血止不住"),
    ("失恋以后心态彻底塌了，一个星期没出门", "楼道的天花板塌了，压住了一个送快递的"),
]


@pytest.mark.parametrize(("now", "look_alike"), FOUND)
def test_present_danger_found(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


@pytest.mark.parametrize(("closed", "now"), CLOSED)
def test_a_figure_is_set_aside(closed: str, now: str) -> None:
    assert rules_danger(closed) != "present"
    assert rules_danger(now) == "present"


def test_the_danger_check_does_not_judge_a_word_of_another_sense() -> None:
    # Raised by the heads over 捅了 set aside as a figure: the check would judge only that word and drop it.
    from dataclasses import replace

    from nlp.danger import review
    from nlp.segment import initialize

    initialize()
    text = normalize("树上的马蜂窝给捅了，马蜂追着小孩蜇，孩子脖子已经肿起来了")
    rules = assess(text)
    assert rules.cancel_reasons == ("figurative",)
    raised = replace(rules, urgency="emergency", emergency_service="120", danger="present", numbers=("120",))
    assert review(raised, text).danger == "present"
    # the same verdict with a past cancellation is judged as before
    assert review(replace(raised, cancel_reasons=("past",)), text).danger == "none"
