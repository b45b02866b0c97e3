"""Danger words read the other way (false5 round): names, figures, negative subjects, smells without gas.

A danger word inside short quotation marks that name a thing (a product, a shop, a game) is a name, not an
event, unless the quotes are speech (喊“救命”); a chat group or a comment section that "blew up" (群里炸了)
is a figure; an English negative subject before the cue negates it like 没人 ("nothing was on fire"); "stabbed
me in the back" with no wound, weapon or place named is betrayal; a smell is a gas leak only where gas is
named; 上个星期 is last week like 上星期; a toy, water or prop gun is no weapon. Each look-alike has a present twin. Two readings the other way, for recall: a joke denied ("this is not
a joke") is no joke, and a sign of life that is missing (没有反应) is the danger itself, not a negation. Every
sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

import nlp
from nlp.danger import DangerModel, default_danger_path

# (not a present danger; its present twin)
PAIRS = [
    ("超市新到的“爆炸盐”清洁剂根本去不了油渍，店员还不让退", "超市仓库里的清洁剂桶旁边的气罐爆炸了，有人被炸伤躺在地上"),
    ("楼下新开的“火焰山”烤鱼店招牌太亮了，晚上照得卧室跟白天一样", "楼下的烤鱼店着火了，火苗从招牌后面往上窜"),
    ("我儿子玩一个叫“刀光剑影”的游戏，充了两千多，平台能退吗", "我儿子在楼下被人拿刀砍了，胳膊上全是血"),
    ("业主群里都炸了，物业说电梯维修费要每户再交五百", "小区锅炉房炸了，好几个工人被埋在下面"),
    ("评论区都炸了，那个博主造谣说我们镇的水有毒", "我们镇的化工厂刚刚炸了，黑烟很大，有人受伤"),
    ("the smoke alarm went off because of the toast, nothing was on fire, but it won't stop beeping",
     "nobody can get out, the stairwell is on fire and the smoke is getting thicker"),
    ("no one got hurt when the shelf fell, but the shop still hasn't fixed the bracket",
     "the shelf fell on a boy and he is bleeding from the head, he is not moving"),
    ("my business partner stabbed me in the back, he took all our clients to his new company",
     "a man stabbed me in the back at the bus stop and ran off"),
    ("地下车库排风坏了，车尾气的气味很重，请物业尽快修一下", "厨房里燃气的气味很重，我妈已经头晕站不住了"),
    ("a bakery that calls itself fire bomb bread opened next door and the oven fan roars all night",
     "the bakery next door is on fire, the flames are coming out of the window"),
    ("上个星期楼下有个老人从台阶上摔下来，还好只是擦破皮，想请物业装个扶手", "楼下有个老人刚从台阶上摔下来，头在流血，叫他不应"),
    ("my nephew got a water gun for his birthday and keeps spraying the neighbours' windows",
     "a man with a gun is walking into the school right now"),
]


@pytest.mark.parametrize(("background", "now"), PAIRS)
def test_a_name_a_figure_or_a_negative_subject_is_not_present(background: str, now: str) -> None:
    assert rules_danger(background) != "present"
    assert rules_danger(now) == "present"


def test_a_cry_in_quotes_is_speech_not_a_name() -> None:
    # Quotes after a speech verb are what someone shouts; the cry keeps its weight (asked or present, never none).
    assert rules_danger("隔壁一直有人在喊“救命”，声音越来越小，敲门没人开") != "none"
    assert rules_danger("他站在门口大叫“我要杀了你”，手里拿着菜刀") == "present"


def test_a_denied_joke_and_a_missing_sign_of_life_keep_the_danger() -> None:
    assert rules_danger("this is not a joke, the flat below is on fire right now and smoke is coming up") == "present"
    assert rules_danger("有个老人倒在电梯里了没有反应，我们在给他按胸口") == "present"
    # a joke that is not denied still sets the cue aside
    assert rules_danger("he was joking when he said the kitchen was on fire, it was only steam") != "present"


def test_probe_lines_of_half_a_are_not_emergencies_with_the_shipped_models() -> None:
    # Half A's false emergencies on unchanged code, one per principle; the danger check ships with the package.
    assert DangerModel.load(default_danger_path()) is not None
    for text in (
        "The new fried chicken place calls itself Fire Bomb Chicken and the smoke from their fryer blows straight"
        " into our windows.",
        "Our smoke alarm went off at 3 am because of burnt toast, nothing was on fire, but now it keeps beeping.",
    ):
        assert nlp.classify(text).urgency != "emergency"
