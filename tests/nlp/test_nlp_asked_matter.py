"""Frames of residents' genres (cat3 round): a matter set aside before the one asked about, a matter
reported settled with thanks, a platform's worker who hit the writer's side, a plan told before the
act. Each case has a twin the frame leaves alone."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import asked_matter_start, hit_by_a_worker, no_dispute_question, settled_thanks
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("隔壁的鹦鹉一早就叫也挺烦的，不过最要紧的是物业把门禁弄坏了两个月不修", "物业"),
        ("停车费涨价的事先不说了，小区后门那条路上天天有人倒建筑垃圾", "小区后门"),
        ("菜市场的事我就忍了，我要投诉的是楼下棋牌室通宵营业", "楼下棋牌室"),
        ("Forget the parking, the real problem is the rubbish bins by the gate nobody empties", "the rubbish"),
    ],
)
def test_asked_matter_start(text: str, rest: str) -> None:
    norm = normalize(text)
    start = asked_matter_start(norm)
    assert start is not None and norm[start:].lstrip().lower().startswith(rest.lower())


@pytest.mark.parametrize(
    "text",
    [
        # One matter: the marker opens the message.
        "我要反映的是物业把门禁弄坏了两个月不修",
        # Another's words, not the writer setting a matter aside.
        "物业说停车的事让我们自己解决，楼上邻居天天把车堵在我家车库门口",
        "老师只叫两个孩子互相道歉就算了，打人的孩子已经打过好几个同学",
        # Nothing worth scoring after the marker.
        "楼上吵的事先不说了，谢谢",
    ],
)
def test_no_asked_matter(text: str) -> None:
    assert asked_matter_start(normalize(text)) is None


def test_set_aside_matter_is_not_the_category() -> None:
    text = "楼下邻居养的鸽子是有点吵，不过今天想反映的是物业把小区大门的门禁卡停了，说我们没交停车费"
    assert classify(text).category == "property"
    # Twin: the neighbour's pigeons are the matter.
    assert classify("楼下邻居养的鸽子太吵了，天一亮就咕咕叫，说了也不听").category == "neighbor"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("老板把欠的三个月工资都发了，事情已经解决了，谢谢你们帮忙", True),
        ("The landlord fixed the boiler, the problem is solved, thank you all", True),
        # Twins: a turn or a new request after the settling, or no thanks at all.
        ("上次的问题已经解决了，谢谢，但是这两天楼上又开始吵了", False),
        ("押金的事已经解决了，谢谢，另外想问一下水电费怎么算", False),
        ("问题已经解决了一半，房东还是不肯退押金", False),
    ],
)
def test_settled_thanks(text: str, expected: bool) -> None:
    assert settled_thanks(normalize(text)) is expected


def test_settled_with_thanks_is_other() -> None:
    assert classify("老板把欠的三个月工资都发了，事情已经解决了，谢谢你们帮忙").category == "other"
    assert classify("老板只发了一个月工资，剩下两个月的一直拖着不给，怎么办").category == "labor"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("送快递的小哥骑车撞倒了我妈，快递公司说骑手是外包的不关他们的事", True),
        ("外卖骑手撞了我家的车，平台让我们自己协商", True),
        # Twins: the writer is the worker (a wage or injury claim against the employer).
        ("我是外卖骑手，送餐路上被车撞了，平台说我是众包不管", False),
        ("送餐的时候被车撞了，站长说这不算工伤", False),
    ],
)
def test_hit_by_a_worker(text: str, expected: bool) -> None:
    assert hit_by_a_worker(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我打算出租老家的房子，请问要去哪里登记？", True),
        ("我们准备签一份合伙协议，请问要写明哪些内容？", True),
        # Twin: the act is done and has gone wrong.
        ("我打算出租老家的房子，可是中介收了钱就不见了，怎么办", False),
    ],
)
def test_plan_before_the_act(text: str, expected: bool) -> None:
    assert no_dispute_question(normalize(text)) is expected
