"""Acts told with their end, and figures of money, games and cooking (false4 round).

A violent act or an injury told in a complaint is over when the message goes on to its end: a court or the
police dealt with it (判了, 被抓了, 处理完了, "has been sentenced"), the victim got out only by calling the police
(报警才出来的), was sent home or discharged, or the fight was pulled apart. Each look-alike has a present twin
that still urges or still goes on after that end. Figures: "bleeding us dry", a pan lit on purpose for the
show, a death in a game, a self-harm word said of a loss while laughing. Every sentence was written for this
test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (not a present danger; its present twin)
CLOSED = [
    ("我爸被邻居拿扫帚打了，额头磕破了，在社区医院处理好已经回家了，邻居说是我爸先骂人",
     "邻居拿扫帚打我爸，额头磕破了，我把他送回家了，他又追上来了还在打"),
    ("她把我推倒在地，我后来自己爬起来回家了，膝盖破了，想告她", "她把我推倒在地，我爬不起来，她还在踢我"),
    ("我被关在仓库里一夜，第二天是老板报警才出来的，我要告他们", "我被关在仓库里，门锁了，外面没人，快来人"),
    ("那伙人把我儿子绑在树上打过，全抓了，判决书下来了，学校却不让他回去上学", "那伙人把我儿子绑在树上，正在用树枝抽他"),
    ("he attacked my brother with a bat in august and has been sentenced to two years",
     "he attacked my brother with a bat, the police arrested him but my brother is bleeding and not moving, help"),
    ("the man who set fire to the rubbish room was arrested and charged, the soot is still on the walls",
     "someone set fire to the rubbish room and the fire is spreading up the stairs right now"),
    ("the landlord is bleeding the tenants dry with these service charges",
     "the boy cut his leg on the fence and is bleeding a lot"),
    ("the bartender set the cocktail on fire on purpose for the show, then charged us 200 each",
     "the kitchen caught fire and the flames are reaching the ceiling"),
    ("烧烤店老板故意往炭上浇酒让火烧起来，说这样更香，这样安全吗", "烧烤店的煤气罐烧起来了，人都在往外跑"),
    ("打游戏一晚上被人打死了十几次，哈哈，明天不玩了", "楼下两个人打起来了，一个说要打死另一个，正在打"),
    ("输了一晚上的牌，我都想去跳海了哈哈，明天还来", "他打牌输光了，我都不敢说话，他现在说要去跳海，开车往海边去了"),
    ("女朋友被我气得要跳楼哈哈，因为我把她的猫喂胖了", "他打牌输了二十多万，站在天台边上说要跳楼"),
    ("被对面的后卫虐得想死，又输了", "我不想活了，药已经吃下去了"),
    ("他拿菜刀劈了我家的门，民警来了以后把他带回所里了，门的钱谁赔", "他拿菜刀在劈我家的门，我们躲在屋里"),
    ("the guy who mugged me at knifepoint was caught on camera and arrested, do i need to go to court?",
     "a guy is mugging an old lady at knifepoint by the bus stop right now"),
    ("今天炒菜把锅烧着了，赶紧盖上锅盖就灭了，吓我一跳", "今天炒菜把锅烧着了，盖上锅盖也灭不了，火烧到油烟机了"),
    ("跌停了，我要从22楼跳下去了😂，逗你们的", "他炒股跌停亏光了，在22楼窗户外面说要跳下去"),
    ("my shares crashed so hard i wanted to jump off the roof lol", "he lost all his savings and is on the roof saying he will jump off"),
    ("期末考得要跳楼了，哈哈", "孩子期末没考好，站在楼顶边上说要跳楼"),
]


@pytest.mark.parametrize(("closed", "now"), CLOSED)
def test_act_told_with_its_end_or_a_figure_is_not_present(closed: str, now: str) -> None:
    assert rules_danger(closed) != "present"
    assert rules_danger(now) == "present"


def test_an_end_followed_by_more_is_not_closed() -> None:
    # Someone still shut in after the end, a beating that starts again after each mediation.
    assert rules_danger("我被关在仓库里一夜，老板报警才出来的，可是我弟弟还没出来") == "present"
    assert rules_danger("他打我姐，派出所调解完了回家接着打，我姐被他推倒在地") == "present"
