"""Two problems in one message: found when a second matter is announced and the parts disagree."""

from __future__ import annotations

import pytest

from nlp import classify, initialize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def test_two_announced_problems_of_different_categories() -> None:
    c = classify("房东到现在还不退押金一千五，说墙上有钉子眼。另外楼上那户天天半夜拖椅子剁东西，吵得孩子睡不着。")
    assert [p.category for p in c.problems] == ["rental", "neighbor"]
    assert c.problems[0].text == "房东到现在还不退押金一千五，说墙上有钉子眼。"
    assert c.problems[1].text.startswith("另外楼上那户")
    c = classify("老板拖欠我两个月工资一共七千块，打电话也不接。另外，我租的房子到期了，房东不退押金，说墙面弄脏了要扣钱。")
    assert [p.category for p in c.problems] == ["labor", "rental"]


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


def test_english_two_problems_keep_their_spaces() -> None:
    c = classify("My landlord won't return my deposit of 3000 yuan and says the walls are dirty. "
                 "Another thing: the neighbours upstairs play loud music every night until 2am.")
    assert [p.category for p in c.problems] == ["rental", "neighbor"]
    assert c.problems[0].text.startswith("my landlord won't return")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # connectives beyond 另外: 再就是, 对了, 同时我还, 还想反映
        ("楼下那家的狗每天半夜叫个不停，敲门说了也不理。再就是我们单元的电梯坏了一个星期，物业一直说在等配件。",
         ["neighbor", "property"]),
        ("工厂三个月没给我们发工资，老板说等回款。对了，我租的那间房房东突然要每月多收三百，不给就换锁。",
         ["labor", "rental"]),
        # no announcing word: two short sentences about different matters
        ("快递站的老板拖了我一个月工钱，打电话他也不接。我住的出租屋水管爆了五天，房东一直说没空来修。", ["labor", "rental"]),
    ],
)
def test_more_ways_of_telling_two_problems(text: str, expected: list[str]) -> None:
    assert [p.category for p in classify(text).problems] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a clock time is not "two points"
        "楼下的麻将馆每天从下午两点打到凌晨两点，洗牌声吵得人睡不着，找物业说了好几次都没人管。我们一家老小都快崩溃了。",
        # the first sentence is background to the one matter
        "去年楼道里的电线起过一次火，早就换新的了。现在是房东说我退租要扣两个月押金，合同上根本没写。",
        # 还有 inside a clause is not a second matter
        "对方撞了我以后只赔了两千，说他没钱，听说他在别的市场还有摊位。我们申请了强制执行，到现在也没结果。",
    ],
)
def test_single_problems_are_not_split(text: str) -> None:
    assert classify(text).problems == ()


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("房东不退押金，另外楼上天天半夜吵", ["rental", "neighbor"]),
        ("中介不退我的看房押金。另外楼上漏水把我家墙泡了", ["rental", "neighbor"]),
        ("小区电梯老是坏物业不修，另外对门养的狗天天半夜叫", ["property", "neighbor"]),
    ],
)
def test_a_short_message_announcing_a_second_matter_is_two(text: str, categories: list[str]) -> None:
    assert [p.category for p in classify(text).problems] == categories


@pytest.mark.parametrize(
    "text",
    [
        "老板不发工资，另外加班费也一分没给",  # one matter, said twice
        "酒店隔壁房间一直有女的在喊救命，还有摔打的声音",  # one scene described on
        "房东要涨房租，还有他说下个月不续租了",
    ],
)
def test_a_short_message_of_one_matter_stays_one(text: str) -> None:
    assert classify(text).problems == ()
