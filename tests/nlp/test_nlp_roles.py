"""Role frames: the writer works for the party named, or the party named borrowed from the writer."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import role_features
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "features"),
    [
        ("我妹妹在小区物业做保洁，两个月没发钱了", ["f:employed"]),
        ("我是这个小区的保安，物业拖着加班费", ["f:employed"]),
        ("Security guard here, the estate office cut our pay", ["f:employed"]),
        ("I worked for the management company for two years", ["f:employed"]),
        ("房东去年跟我借了五千，说好年底还", ["f:lent"]),
        ("隔壁借了我们家两万块一直拖着", ["f:lent"]),
        ("he borrowed 3000 from my uncle last spring", ["f:lent"]),
        # Twins: the same parties without the frame.
        ("物业做事太拖拉，保洁两个月没来扫楼道", []),
        ("我是这个小区的业主，物业乱收费", []),
        ("房东不退押金，说要等下个租客", []),
        ("我在家做饭的时候楼上一直在吵", []),
        ("我没在他那里干过活，他借的钱还没还", []),
    ],
)
def test_role_frames(text: str, features: list[str]) -> None:
    assert role_features(normalize(text)) == features


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The property company as employer is a wage dispute ...
        ("我在我们小区物业当保洁，物业拖了我三个月工资，经理说没钱", "labor"),
        # ... and its twin, a resident against the property company, stays property.
        ("物业三个月没派保洁来打扫楼道，垃圾堆成山，物业费照收", "property"),
        # A landlord who borrowed money from the tenant is a debtor ...
        ("房东跟我借了两万块做生意，写了借条，一年了不还，跟房租没关系", "debt"),
        # ... and the landlord who keeps the deposit is a rental dispute.
        ("房东退房时扣了我两千押金，说墙面脏了", "rental"),
    ],
)
def test_frames_route_to_the_role(text: str, category: str) -> None:
    assert classify(text).category == category


def test_a_person_named_is_not_a_strong_cue() -> None:
    from nlp.lexicon import STRONG_CUES

    assert not {"包工头", "二房东", "业委会"} & set(STRONG_CUES)
    # Topic words still are.
    assert STRONG_CUES["讨薪"] == "labor" and STRONG_CUES["物业费"] == "property"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A 包工头 who borrowed from a household he never employed is a debtor ...
        ("给我们小区修过围墙的包工头跟我爸借了一万二，说周转一下，我们家没人给他干过活，钱到今天没还", "debt"),
        # ... and the 包工头 who owes his crew is an employer.
        ("包工头拖着我们十几个人的工钱不给，说等甲方结账", "labor"),
    ],
)
def test_contractor_as_debtor_or_employer(text: str, category: str) -> None:
    assert classify(text).category == category
