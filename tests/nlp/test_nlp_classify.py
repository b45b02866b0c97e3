"""Behaviour of nlp.classify: urgency with negation, flags, services, scripts, odd inputs."""

from __future__ import annotations

import dataclasses

import pytest

from nlp import Classification, classify, initialize
from nlp.taxonomy import CATEGORIES, FLAGS, URGENCIES


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    "text",
    ["不是打架，就是吵了几句", "上个月打过一架，已经处理了", "楼道堆满杂物，万一着火消防车都进不来"],
)
def test_negated_past_or_hypothetical_is_not_emergency(text: str) -> None:
    assert classify(text).urgency != "emergency"


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("他拿着菜刀在楼道里骂", "110"),
        ("我妈说不想活了", "120"),
        ("着火了！三楼冒黑烟", "119"),
        ("楼道里好大的煤气味", "119"),
        ("电梯突然停了，我和孩子被困在里面了", "119"),
        ("老公在家打我，现在还在砸东西", "110"),
        ("孩子放学没回家，找了两个小时了", "110"),
    ],
)
def test_emergencies_and_their_number(text: str, service: str) -> None:
    result = classify(text)
    assert result.urgency == "emergency"
    assert result.emergency_service == service


def test_normal_message_has_no_service() -> None:
    result = classify("楼上邻居半夜装修，吵得睡不着")
    assert result.urgency == "normal"
    assert result.emergency_service is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("房东扣着我的身份证不还", "police_link"),
        ("几十个工人的工资被包工头拖欠", "group"),
        ("大家一起去找开发商", "group"),
        ("朋友借了我12万不还", "large_sum"),
        ("欠我十二万元", "large_sum"),
        ("楼上漏水，反映过好几次了一直没人管", "repeat"),
        ("这是我第三次投诉了", "repeat"),
    ],
)
def test_flags(text: str, flag: str) -> None:
    result = classify(text)
    assert flag in result.flags
    if flag != "police_link":  # an unlawful act alone does not make a case serious
        assert result.urgency in ("high", "emergency")


def test_small_sum_is_not_large() -> None:
    assert "large_sum" not in classify("老板欠我5000元工资").flags


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("老板拖欠我三个月工资了", "labor"),
        ("房东不退押金", "rental"),
        ("外卖骑手被平台扣钱", "labor"),
        ("宅基地被邻居占了", "land"),
        ("楼道里有人飞线充电", "hazard"),
        ("工地半夜还在施工，吵死了", "environment"),
        ("樓上鄰居半夜吵，說了也不聽", "neighbor"),
        ("my landlord won't return my deposit", "rental"),
        ("boss hasn't paid my salary for 3 months", "labor"),
    ],
)
def test_categories(text: str, category: str) -> None:
    assert classify(text).category == category


@pytest.mark.parametrize("text", ["Привет, как дела?", "안녕하세요 이웃이 시끄러워요", "مرحبا", "こんにちは、よろしく"])
def test_other_scripts_are_other_with_low_confidence(text: str) -> None:
    result = classify(text)
    assert result.category == "other"
    assert result.low_confidence


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀😀😀", "\x00\x01\x1b[31m", "a" * 100_000, "欠薪" * 50_000, "\ud800", "1" * 5000],
)
def test_any_input_gives_a_valid_result(text: str) -> None:
    result = classify(text)
    assert result.category in CATEGORIES
    assert result.urgency in URGENCIES
    assert set(result.flags) <= set(FLAGS)
    assert 0.0 <= result.confidence <= 1.0


def test_empty_text_is_other_with_low_confidence() -> None:
    result = classify("")
    assert result.category == "other" and result.low_confidence


def test_classification_contract() -> None:
    result = classify("老板拖欠我们工资，一共十五万")
    assert isinstance(result, Classification)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.category = "x"  # type: ignore[misc]
    assert len(result.alternatives) >= 2
    probs = [p for _, p in result.alternatives]
    assert probs == sorted(probs, reverse=True)
    assert result.alternatives[0] == (result.category, result.confidence)
    assert "工资" in result.keywords
    assert isinstance(result.flags, frozenset)


def test_low_confidence_offers_two_choices() -> None:
    result = classify("有个事想问问")
    assert len(result.alternatives) >= 2
    assert result.low_confidence == (result.confidence < 0.7)


def test_literal_first_keeps_the_language_and_the_fast_scan() -> None:
    import re
    from re import _compiler, _parser  # type: ignore[attr-defined]

    from nlp.retrie import literal_first
    from nlp.urgency import _EMERGENCY, _GROUP, _REPEAT

    source = r"(?:坐|站)[^，]{0,2}楼顶|[六七]十多?岁|\d{2,}个人|(?:正|还)?在打(?!桩)|救命"
    fast = re.compile(literal_first(source))
    for text in ("他坐在楼顶", "七十岁", "六十多岁", "12个人", "正在打", "在打桩", "在打人", "救命啊", "没事"):
        assert [m.group(0) for m in fast.finditer(text)] == [m.group(0) for m in re.finditer(source, text)]
    for pattern in [p for _, p in _EMERGENCY] + [_GROUP, _REPEAT]:
        assert _compiler._get_charset_prefix(_parser.parse(pattern.pattern), 0)


@pytest.mark.parametrize(
    "text",
    [
        "如果有人拿刀闯进来，我该怎么办",  # a condition, not an event
        "昨天看的电影里有人持刀抢劫，好吓人",  # a story
        "老师用戒尺打孩子，手心都肿了",  # evidence of something that already happened (high)
        "以前他喝醉了会动手，这两年好多了",
    ],
)
def test_conditions_stories_and_evidence_are_not_emergencies(text: str) -> None:
    assert classify(text).urgency != "emergency"


@pytest.mark.parametrize(
    "text",
    ["没人受伤，就是车门凹了一块", "推了我一下，派出所调解过了，没什么事"],
)
def test_negated_or_settled_high_cues_are_normal(text: str) -> None:
    assert classify(text).urgency == "normal"


def test_refine_raises_vetoes_and_respects_cancellation() -> None:
    from nlp import urgency as u

    plain = u.UrgencyResult("normal", None, frozenset(), ())
    raised = u.refine(plain, 0.99, 0.1, "hazard")
    assert raised.urgency == "emergency" and raised.emergency_service == "119"
    assert u.refine(plain, 0.99, 0.1, "family").emergency_service == "110"
    # A cue the rules cancelled (negated, past) is not brought back by the model.
    cancelled = u.UrgencyResult("normal", None, frozenset(), (), ("打架",))
    assert u.refine(cancelled, 0.99, 0.1, "security").urgency != "emergency"
    assert u.refine(plain, 0.1, 0.99, "labor").urgency == "high"
    assert u.refine(plain, 0.1, 0.1, "labor").urgency == "normal"
    # A mere object is lowered to high (never to normal); an event cue is never vetoed.
    weak = u.UrgencyResult("emergency", "110", frozenset(), ("菜刀",))
    assert u.refine(weak, 0.01, 0.0, "consumer").urgency == "high"
    assert u.refine(weak, 0.5, 0.0, "consumer").urgency == "emergency"
    event = u.UrgencyResult("emergency", "110", frozenset(), ("打架",))
    assert u.refine(event, 0.0, 0.0, "security").urgency == "emergency"
    assert u.refine(plain, None, None, "labor") is plain


@pytest.mark.parametrize(
    "text",
    [
        "讨薪讨到现在，对方叫了一伙人拎着铁棍过来了，就在门口",
        "推土机已经开始推我家院墙了，我外婆还在屋里不肯出来",
        "工人从三楼脚手架上摔下来，头着地，一直不说话",
    ],
)
def test_emergencies_the_holdout_taught(text: str) -> None:
    assert classify(text).urgency == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "刚才看新闻说外省有个商场着火了，咱们这边商场安全吗",
        "前年他喝多了拿刀吓唬过我一次，现在想问离婚财产怎么分",
        "孩子说跟同学打架了，其实没打起来，就是推了一下",
        "婆婆和我老婆天天吵，我夹在中间很为难",
        "隔壁工厂的烟呛得人喘不过气",
        "楼下的狗天天追着人叫",
    ],
)
def test_reported_past_corrected_and_figurative_cues_are_not_emergencies(text: str) -> None:
    assert classify(text).urgency != "emergency"


def test_an_unsure_violent_emergency_is_security_not_the_place() -> None:
    """A man with a knife in the stairwell: the place word pulls towards `hazard`; the taxonomy
    says a crime in progress is `security` (and a stray dog attack stays `environment`)."""
    c = classify("楼道里有人拿刀要砍人！")
    assert (c.category, c.urgency, c.emergency_service) == ("security", "emergency", "110")
    assert classify("一群流浪狗在追着小孩咬，快来人").category != "security"


def test_a_violent_emergency_happening_now_is_security_even_when_the_place_is_surer() -> None:
    """In English the stairwell and the building outweigh the knife (hazard 0.80, security 0.18):
    a present 110 danger still goes to `security`."""
    c = classify("a man with a knife is attacking people in the stairwell of building 5 in Huixin community")
    assert (c.category, c.urgency, c.danger) == ("security", "emergency", "present")
    assert classify("楼道里堆满了杂物，消防通道被堵死了").category == "hazard"
