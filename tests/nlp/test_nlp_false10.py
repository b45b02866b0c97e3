"""Frames that are no present danger (false10 round): a question how to tell or deal with a danger, a killing verb
aimed at an animal or a thing, a disposition or a record (倾向, 习惯, 前科), a cry in quotes complained of as noise or
play. Each look-alike has a present twin that stays an emergency for the rules. Every sentence was written for this
test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (not a present danger; its present twin)
PAIRS = [
    # a question how to tell or deal with it
    ("烧蜂窝煤取暖，怎么判断是不是一氧化碳中毒，头疼恶心算不算", "烧蜂窝煤取暖，我和我爸都头疼恶心，我妈已经叫不醒了"),
    ("电瓶车充电着火了应该用什么灭火器，楼道里要不要放一个", "电瓶车充电着火了，楼道里全是烟，我们下不去"),
    ("天然气泄漏了闻起来是什么味道，刚搬来不太懂", "我家天然气泄漏了，味道特别大，我妈晕在厨房"),
    ("油锅着火了可不可以用锅盖盖住，想提前知道", "我家油锅着火了，火已经窜到抽油烟机上了"),
    ("the wall has a long crack now, could it collapse? who should inspect it", "the wall just collapsed on two workers, they are under it"),
    # a killing verb aimed at an animal or a thing
    ("邻居说我再投诉就毒死我家的狗", "邻居拿着一瓶农药冲进我家，正在往我嘴里灌"),
    ("有人放话要把我家鸽子全毒死，就因为鸽子落在他家阳台上", "有人拿着刀在我家门口，说要砍死我"),
    ("he said he'll shoot my dog if it barks again", "he is pointing a gun at me and says he'll shoot me"),
    # a disposition or a record
    ("我姐夫有家庭暴力倾向，我姐想离婚，社区能帮什么", "我姐夫正在家里对我姐家庭暴力，拿皮带抽她"),
    ("我室友有自残的习惯，手臂上都是旧疤，我想帮她找心理老师", "我室友在卫生间自残，地上都是血，门锁着"),
    # a cry in quotes complained of as noise or play
    ("楼下密室逃脱店每晚都有人尖叫\"救命\"\"着火了\"，吵得我们睡不着", "楼下密室逃脱店着火了，里面有人在喊救命"),
]


@pytest.mark.parametrize(("background", "now"), PAIRS)
def test_a_question_an_animal_a_disposition_or_a_cry_in_play_is_not_present(background: str, now: str) -> None:
    assert rules_danger(background) != "present"
    assert rules_danger(now) == "present"


def test_ones_own_people_named_keep_a_question_after_the_cue_a_report() -> None:
    # "What should we use" after a cue is a report when one's own home or people are named before it.
    assert rules_danger("我家电动车电池着火了应该用什么灭火器") == "present"


def test_a_kill_threat_against_a_person_and_a_pet_together_stays() -> None:
    assert rules_danger("他拿着刀说要把我和我家的狗一起砍死") == "present"


def test_a_quoted_cry_with_urging_after_it_stays() -> None:
    assert rules_danger("楼上有人在喊\"救命\"，吵得我睡不着，快来人") == "present"
