"""Frames that decide against the party named: a question before any dispute, a neighbour asking
help for a family's quarrel, an impersonated party, the tenant next door. Each case has a twin."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import impersonation_report, neighbours_family_matter, neighbours_tenant, no_dispute_question
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我还没签合同，想问问押金一般交几个月", True),
        ("下周才入职，想了解一下试用期能定多长", True),
        ("如果以后买的房子漏水，开发商要负责几年？", True),
        ("兄妹几个都同意把老房子卖了，请问过户要带什么", True),
        ("Just a general question: how is the parking fee set here?", True),
        # Twins: the dispute is already there.
        ("房东不退押金，想问问该去哪里投诉", False),
        ("兄妹几个都同意卖房，但是大哥拿了钱不分，怎么办", False),
        ("我以前被他打过，想提前咨询一下，但是他最近又喝酒了", False),
        ("还没开始装修就被物业罚了两百，这合理吗", False),
        # The frame in a thank-you that asks nothing.
        ("不是投诉，就是说一声网格员辛苦了", False),
    ],
)
def test_no_dispute_question(text: str, expected: bool) -> None:
    assert no_dispute_question(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("隔壁那对小夫妻天天吵着要离婚，能不能请社区去劝劝他们", True),
        ("楼上那家的男的又在骂他老婆，女的一直哭，快派人来", True),
        ("對面老兩口成日嗌交，想請社區幫手調解一下佢哋屋企嘅事", True),
        # Twins: the writer is a party, or complains of the noise.
        ("隔壁那家儿子跟我吵了一架，还说要收拾我，请社区调解", False),
        ("楼上两口子天天半夜吵架，吵得我睡不着，能不能管管", False),
    ],
)
def test_neighbours_family_matter(text: str, expected: bool) -> None:
    assert neighbours_family_matter(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有人冒充物业上门收水费，收了钱人就不见了", True),
        ("a man posing as a police officer called my aunt", True),
        ("几个穿着自来水公司工作服的人上门收检测费，后来自来水公司说没有派人", True),
        ("有个自称居委会的人打电话要我的身份证号", True),
        # Twins: the party itself, and anti-fraud publicity.
        ("物业上门收水费，收得比水司还贵", False),
        ("自来水公司的工人穿着工作服来抄表，把我家水表弄坏了", False),
        ("社区发的反诈宣传单说骗子会冒充客服，挺有用", False),
    ],
)
def test_impersonation_report(text: str, expected: bool) -> None:
    assert impersonation_report(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("楼下那间铺面房东租给人开了火锅店，排风扇对着我家卧室", True),
        ("the flat upstairs is rented out and the tenants party every night", True),
        ("the shop under my flat is let to a noodle bar, their fan runs all night", True),
        ("楼下铺面租给了一家烧烤店，店主说他交了租金想怎么做就怎么做", True),
        # Twins: the writer rents, or lets the flat.
        ("我租的房子楼下也是出租屋，房东不给修热水器", False),
        ("我家楼下那间铺面租出去了，租客拖了三个月租金", False),
    ],
)
def test_neighbours_tenant(text: str, expected: bool) -> None:
    assert neighbours_tenant(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A question before any contract names the landlord but is a consult ...
        ("我现在还没租到房子，想问问以后跟房东签合同押金条怎么写", "consult"),
        # ... its twin, the deposit already withheld, is rental.
        ("退房一个月了房东还扣着我两千押金不退，说墙脏了", "rental"),
        # A neighbour asking help for the couple next door is a family matter ...
        ("我是他们楼下的邻居，楼上那对夫妻最近天天吵着离婚，女的偷偷哭，社区能不能派人去调解一下他们夫妻的事", "family"),
        # ... its twin, the neighbours' quarrel with the writer, stays neighbor.
        ("楼上那家跟我因为漏水吵了好几次，他老婆还骂我，想请社区调解我们两家", "neighbor"),
        # Someone posing as 物业 is a fraud ...
        ("有人冒充物业在群里发收款码收明年的物业费，好几户都转了钱", "security"),
        # ... the property company's own fee is property.
        ("物业在群里发通知说明年物业费每平米涨五毛，没开业主大会", "property"),
        # The shop let out below the writer is a neighbour matter ...
        ("我家楼下那间铺面房东租给人开了个烧烤店，油烟天天往我家灌，房东说他只管收租", "neighbor"),
        # ... the writer's own landlord is rental.
        ("我租的铺面房东突然要涨三成租金，不涨就让我搬走", "rental"),
    ],
)
def test_frames_route(text: str, category: str) -> None:
    assert classify(text).category == category


def test_the_frame_takes_the_top_score() -> None:
    result = classify("想问下我下个月才入职新公司，试用期最长能定多久")
    assert result.category == "consult"
    assert result.alternatives[0] == ("consult", result.confidence)
    assert result.confidence >= max(p for _, p in result.alternatives[1:])
