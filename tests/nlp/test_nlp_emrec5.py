"""Present dangers the rules missed in the emrec5 round, and look-alikes the rules alarmed on.

Recall: in English a child pulled into a vehicle, acid thrown, a boat capsized with people in the water, a
child in a locked car, someone pinned under debris, petrol poured, an overdose of tablets counted, smoke
filling a stairwell, people collapsing in fumes; in Chinese someone held back from a fall by the writer's
hands, charcoal burned in a sealed room, people not yet out below a breached dam, a faint cry behind a
door, kicked to the ground. Each has a past, hypothetical or everyday look-alike. The other way: English
figures of speech ("drowning in paperwork", "kill me if I'm late … lol", "killing us with these fees",
legs "on fire" after a hike, "gave me a heart attack"), the fire brigade's name, a scolding "to death", a
question about the punishment for carrying a blade, a cry in a scene being acted. Every sentence was
written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now, the look-alike that must not be a present danger)
FOUND = [
    ("two men just dragged a boy into a grey car outside the arcade and drove off",
     "my son wants to learn to drive a car, is there a driving school near the arcade?"),
    ("a man threw acid at the cashier a minute ago, her face is burning",
     "the battery acid in my car leaked onto the garage floor, how do I clean it?"),
    ("a kayak capsized by the rocks and two kids are in the water screaming",
     "the kids are in the water park all day, it's closed on Mondays right?"),
    ("孩子半个身子在窗户外面，我抓着他不敢松手，快来人", "我抓着孩子的手过马路，他总想挣开"),
    ("他在屋里烧炭，门窗都用胶带封死了，敲门没人应", "冬天窗户漏风，我用胶带封上了，屋里暖和多了"),
    ("a toddler is crying inside the locked car in the mall car park, nobody is around",
     "I locked my keys inside the car at the mall, can a locksmith come?"),
    ("the shop sign fell and a man is pinned under the debris, he's groaning",
     "the debris from the old shop sign is still lying on the pavement, who clears it?"),
    ("my ex is pouring petrol on our front door and flicking a lighter",
     "the petrol station on the ring road charges too much for diesel"),
    ("水库漫坝了，坝下面还有几户老人没撤出来", "去年水库漫坝的时候，几户老人还没撤出来，后来都被救出来了"),
    ("独居的大爷好几天没出门，屋里传来微弱的呼救声", "隔壁在装修，一直传来轻轻的敲墙声"),
    ("他把我踹倒在地上，还在踢我的头", "上个月他把我踹倒在楼梯上，现在我想起诉他"),
    ("my flatmate says she took 30 paracetamol after dinner", "how many paracetamol can I take in a day for a fever?"),
    ("the sign blew down and a boy is trapped underneath", "my keys are stuck underneath the fridge, how do I move it?"),
    ("the stairwell is filling with smoke and we're on the 15th floor", "the pan is filling with smoke, I burnt the rice again lol"),
    ("a tanker leaked and people at the bus stop are coughing and collapsing",
     "the kids were falling down laughing at the clown"),
]
# (not a present danger; its present twin)
CLOSED = [
    ("I'm drowning in homework this term, any study rooms open late?", "a kid is drowning in the hotel pool"),
    ("my mum will kill me if I'm late for dinner again lol", "he has a knife and says he will kill me"),
    ("how do I call the fire brigade from a foreign phone?", "there's a fire in the kitchen and it's spreading"),
    ("今天被经理骂得想死，明天还得上班", "我不想活了，药都买好了"),
    ("带管制刀具进地铁会被怎么处罚", "有个人拿着管制刀具在地铁站追人"),
    ("楼下在拍短剧，一直喊救命，演得跟真的一样", "楼下有个女的一直喊救命，有人在打她"),
    ("the agency is killing us with these hidden fees", "he is beating my brother and says he will kill us"),
    ("my legs are on fire after the hike up the hill", "the kitchen is on fire and my dad is still inside"),
    ("I'm drowning under wedding planning, any caterers to recommend?", "a man is drowning under the pier"),
    ("the final penalty nearly gave me a heart attack", "my uncle is having a heart attack, he's grey and sweating"),
]


@pytest.mark.parametrize(("now", "look_alike"), FOUND)
def test_present_danger_found(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


@pytest.mark.parametrize(("closed", "now"), CLOSED)
def test_not_a_present_danger(closed: str, now: str) -> None:
    assert rules_danger(closed) != "present"
    assert rules_danger(now) == "present"


def test_a_live_stream_announcing_charcoal_is_not_a_retold_story() -> None:
    # A person saying live that they will burn charcoal is their own act, asked about at least.
    assert rules_danger("我朋友在直播说要烧炭") != "none"
    assert rules_danger("主播在直播里说有人烧炭自杀的新闻") == "none"
