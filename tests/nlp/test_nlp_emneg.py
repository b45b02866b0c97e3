"""Near-emergency ordinary messages (emneg round, nlp/data/false_probe.jsonl).

Each pair: an ordinary message whose danger word the rules used to take as present (a child not home yet
but already reached or placed, a danger in a news item, "I'm going to explode" with anger, a bang that was
a piece of furniture with nobody hurt, a burst pipe with its water shut off, an English gas smell the gas
company checked) and a present twin in the same surroundings, which must stay a present danger.
Sentences are written for these tests, not taken from any data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import urgency as u

# (look-alike: no present danger by the rules, present twin: present danger by the rules)
PAIRS = [
    # a child not home yet, reached by phone or placed at a relative's; not reached, not there
    ("闺女放学一个钟头了还没到家，刚才电话打通了，她在同学家玩呢", "闺女放学三个钟头了还没到家，电话打不通，同学家也没有"),
    ("我儿子还没回来，在他外婆家吃饭，我就想问下周几点开家长会", "我儿子还没回来，不在他外婆家，到处都找不到人"),
    ("孙子到现在还没回来，打通了他的电话，说在叔叔那里", "孙子到现在还没回来，去他叔叔家找了也没有"),
    # a danger in a news item; the same danger here after reading the news
    ("昨天刷到一个小孩溺水的新闻，想问问小区的池塘能不能拉个网", "刚刷完新闻，一抬头看见小区池塘里有个小孩在扑腾，快来"),
    # "I'm going to explode" with anger; a gas bottle that exploded
    ("我真的要炸了！物业又把停车费涨了", "楼下饭馆的煤气罐炸了，玻璃碎了一地，有人躺在地上"),
    # a bang that was a thing, nobody hurt; the same bang with a child under it
    ("半夜咣当一声，我去问了，是邻居家的书柜倒了，人都没事", "半夜咣当一声巨响，一看是书柜倒了，把邻居家孩子压在下面了"),
    # a burst pipe shut off at the main; one that cannot be shut off and reaches a socket
    ("厨房水管爆了，地上全是水，我已经把总阀关了，明天找人修", "厨房水管爆了，总阀关不上，水已经漫到插座那边了"),
    # an English gas smell the gas company checked; one that is strong now
    ("Our hallway smelled of gas on and off last month; the gas company checked it and found no leak. Can the "
     "management look at the drains?",
     "There is a strong smell of gas in our hallway right now and my neighbour isn't answering her door"),
]


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_a_near_emergency_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) == "none"
    assert rules_danger(present) == "present"


def test_anger_that_explodes_is_figurative_only_for_the_writer() -> None:
    assert rules_danger("气得我要炸了，快递又丢了") == "none"
    assert rules_danger("我家楼下的变压器炸了，电线掉在地上冒火花") == "present"


def _none(text: str) -> u.UrgencyResult:
    return u.UrgencyResult("normal", None, frozenset(), (), danger="none")


def test_a_series_being_watched_is_asked_about_when_a_model_alone_raises_it() -> None:
    show = "在追一部网剧，大结局里坏人把女主从楼顶推下去了，看得我心慌"
    asked = u.refine(_none(show), 0.9, 0.1, "other", show)
    assert (asked.urgency, asked.danger) == ("high", "uncertain")
    # present twin: the same height, no series, still raised by the model
    real = "刚才有人在楼顶把一个女的往下推，人已经挂在边上了"
    raised = u.refine(_none(real), 0.9, 0.1, "security", real)
    assert (raised.urgency, raised.danger) == ("emergency", "present")
