"""Two problems in one message: found when a second matter is announced and the parts disagree."""

from __future__ import annotations

import pytest

from nlp import classify, initialize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def test_two_announced_problems_of_different_categories() -> None:
    c = classify("房东不退我1500押金，说我墙上贴了挂钩，这个我先忍了。另外想反映一下，楼上那户天天半夜一两点还在拖椅子，"
                 "我找过两次，他说他家的事不用我管。两件事都想请社区帮忙处理一下，谢谢。")
    assert [p.category for p in c.problems] == ["rental", "neighbor"]
    assert c.problems[0].text.startswith("房东不退") and "楼上那户" in c.problems[1].text


@pytest.mark.parametrize(
    "text",
    [
        "房东不退押金",  # short: one problem
        "我们小区12栋有一套房子整天拉着窗帘，晚上进出的人很多，还有人专门在楼下看车。我问过物业，物业说不管。",  # 还有人
        "在小区门口倒车的时候不小心碰到一个老人，当时扶起来没事，第二天他儿子打电话来要我赔两万。我该怎么办？",  # 第二天
        "楼上邻居装修太吵了，每天早上七点就开始砸墙，另外周末也不停，跟他们说了好几次都没用，真的受不了了",  # one matter
    ],
)
def test_one_problem_stays_one(text: str) -> None:
    assert classify(text).problems == ()
