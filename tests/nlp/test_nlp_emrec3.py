"""Present dangers the rules missed in the emrec3 round, and look-alikes the rules alarmed on.

Recall: carbon monoxide told by a stove or heater and its signs (Chinese, Cantonese, English), a rope or
noose put up, a gas tap opened by someone who means to die with the family, a dog that has hold of someone
now, standing at a roof's edge (Cantonese), a digger driven at someone standing in its way, a baby or elder
blue with cold in freezing weather, a passenger not let out of a locked car, a child gone on an outing.
Each has a past, treated, hypothetical or everyday look-alike that must not be a present danger. The other
way: a diagnosis at the doctor's, a question about a dose, a resident well again. Every sentence was
written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import urgency as u

# (happening now, the look-alike that must not be a present danger)
FOUND = [
    ("宿舍里烧着煤炉睡了一夜，早上三个人都头晕想吐，有一个叫不醒",
     "上个月宿舍烧煤炉，三个人头晕想吐，开窗透了透气就好了，想问能不能装报警器"),
    ("她屋里点了一盆炭，门窗关着，现在说头疼想吐", "冬天屋里点炭取暖会不会头疼想吐？想提前了解一下"),
    ("我舅公间屋烧住个火炉，依家佢头晕到企唔稳", "我舅公间屋旧年烧火炉头晕过一次，开咗窗就冇事，想问下有冇报警器派"),
    ("my uncle has a wood stove going and the windows are shut, he's dizzy and keeps vomiting",
     "last winter my uncle's wood stove made him dizzy and he spent a night in hospital, he's fine now"),
    ("the gas heater's been on all night and the kids are drowsy and throwing up",
     "can a wood stove make you dizzy if the windows are shut? asking for my uncle"),
    ("绳子已经系好了，我不想再麻烦大家了，对不起", "晾衣服的绳子已经系好了，谢谢物业师傅"),
    ("he has tied a noose in the garage and won't come out", "the climbing rope is ready for tomorrow's trip"),
    ("他把煤气拧开了，说要跟我们一起死，门也反锁了", "去年他把煤气拧开过一次，说要一起死，后来被劝住了，现在我想离婚"),
    ("对面的狗正咬着一个小孩的腿，孩子在哭", "上个月对面的狗咬着一个小孩的腿不松口，后来被主人拉开了，孩子打了疫苗"),
    ("我而家企喺天台边，唔想再捱", "我哋企喺天台边影相，景好靓"),
    ("拆迁的挖机开过来了，我奶奶站在房子前面不走，挖机还在往前开", "前年拆迁的时候我奶奶站在挖机前面不走，后来谈好了补偿"),
    ("零下好几度，长椅上放着个婴儿，小脸冻得发紫", "零下好几度，我送孩子上学，他手冻得发紫，想问学校能不能早点开暖气"),
    ("司机不让我下车，车门锁死了，一直往高速上开", "如果司机不让我下车门锁了，是先报警还是先跟他讲道理"),
    ("孩子跟着我们去河边玩，一转身不见了", "离婚后孩子跟着我，他爸一直不给抚养费"),
]
# (not a present danger; its present twin)
CLOSED = [
    ("我爸胸口疼，去医院查了，医生说是胃病，开了药", "我爸胸口疼得厉害，满头冷汗"),
    ("安眠药一次吃多少算过量", "我妈把一整瓶安眠药都吃了，现在叫不醒"),
]


@pytest.mark.parametrize(("now", "look_alike"), FOUND)
def test_present_danger_found(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


@pytest.mark.parametrize(("closed", "now"), CLOSED)
def test_not_a_present_danger(closed: str, now: str) -> None:
    assert rules_danger(closed) != "present"
    assert rules_danger(now) == "present"


def test_a_frail_person_blue_with_cold_is_asked_about_and_cold_fingers_are_not() -> None:
    # "冻得…发紫" of a baby is the danger itself: asked (a model may raise it), not set aside as a figure.
    assert rules_danger("门口纸箱里有个婴儿，冻得嘴唇发紫") == "uncertain"
    assert rules_danger("暖气不热，屋里才十四度，我手指头冻得发紫") == "none"


def _none(text: str) -> u.UrgencyResult:
    return u.UrgencyResult("normal", None, frozenset(), (), (), "none")


def test_well_again_now_settles_a_raise_by_the_model_alone() -> None:
    well = "我婆婆刚才手抖出冷汗，喝了杯糖水现在好了"
    assert u.refine(_none(well), 0.9, 0.1, "consult", well).urgency != "emergency"
    worse = "我婆婆刚才手抖出冷汗，人越来越迷糊"
    assert u.refine(_none(worse), 0.9, 0.1, "consult", worse).urgency == "emergency"
