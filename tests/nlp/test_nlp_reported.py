"""Complaints in reported form (hotline work orders, message boards, news quotes, forwarded words):
the urgency rules read the reporter's framing, and the ask is what the work order labels 诉求.
Sentences written for these tests; none is in a data file."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.parties import ask_sentence
from nlp.segment import normalize
from nlp.urgency import assess


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def _rules(text: str):
    return assess(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "记者了解到，上周一名男子在夜市持刀伤人，目前已被警方控制。",  # a news account, after the event
        "据悉，该男子涉嫌殴打邻居，派出所已介入调查。",
        "来电人称其店铺被人撬门，警方已立案侦查，诉求：加装监控。",
        "事发当时两人扭打在一起，现双方已到派出所。",
    ],
)
def test_reported_or_investigated_violence_is_not_present(text: str) -> None:
    assert _rules(text).danger != "present"


@pytest.mark.parametrize(
    "text",
    [
        "来电人称楼下现在有人拿着刀追人，请求马上出警。",
        "市民来电：对面楼正在冒黑烟，有人在窗口喊救命。",
        "诉求人称其丈夫正在家里打她，孩子在哭，请求立即派人。",
    ],
)
def test_a_caller_reporting_danger_now_is_still_an_emergency(text: str) -> None:
    assert classify(text).urgency == "emergency"


def test_hearsay_from_the_caller_is_asked_not_alarmed() -> None:
    result = _rules("据其称，隔壁那户人家有人拿刀吓唬过孩子。")
    assert result.danger != "present"


def test_a_pharmacy_downstairs_is_not_drugging() -> None:
    assert _rules("她在楼下药店买了一盒降压药，吃了头晕，想问能不能退。").urgency != "emergency"
    assert _rules("有人在我的饮料里下药，我现在头很晕").urgency == "emergency"


def test_minors_are_not_adults() -> None:
    # 未成年人 holds 成年人, which alone means an adult pursuing a child
    assert _rules("市民反映某台球室接待未成年人，要求查处。").urgency == "normal"
    assert _rules("一个成年人在校门口约她出去，孩子才十二岁").urgency == "high"


def test_harm_to_children_named_as_such_is_high() -> None:
    assert _rules("据家长反映，某托管班一名工作人员体罚儿童，目前警方已介入。").urgency == "high"


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("其已第三次到街道办反映此事，仍未解决。", "high"),
        ("他第二次去那家店的时候又被多收了钱。", "normal"),  # a second visit is not a repeated complaint
        ("借款人至今未还，多次催要无果，诉求：咨询如何起诉。", "normal"),  # a debt's state, not a complaint
        ("开发商承诺的绿化至今没有落实。", "high"),
        ("平台客服也不处理，请问向哪里投诉？", "normal"),  # 也 is "also", not "again"
    ],
)
def test_repetition_told_in_prose(text: str, urgency: str) -> None:
    assert _rules(text).urgency == urgency


def test_nobody_hurt_in_a_work_order_is_not_an_injury() -> None:
    assert _rules("来电人称两车轻微剐蹭，双方均无人受伤，对方索要修车费。").urgency == "normal"
    assert _rules("来电人称两车剐蹭后对方司机受伤，正在协商赔偿。").urgency == "high"


def test_asking_whether_it_is_a_scam_is_not_being_scammed() -> None:
    assert _rules("我爸托我问，有人打电话说他社保卡异常要他转账，他没转，这算不算诈骗？").urgency == "normal"
    assert _rules("我爸七十多了，被人冒充客服骗走了八千块").urgency == "high"


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("来电人反映：其租住的房屋漏水，房东不修，诉求：请社区协调房东维修。", "请社区协调房东维修。"),
        ("市民来电称其工资被拖欠。来电诉求为督促公司发放工资。回复来电人。", "督促公司发放工资。"),
        ("诉求：", None),  # a label with nothing after it is no ask
    ],
)
def test_the_labelled_demand_is_the_ask(text: str, ask: str | None) -> None:
    assert ask_sentence(normalize(text)) == ask


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("来电人称村口有人焚烧塑料垃圾，黑烟很大，诉求：请城管制止。", "normal"),  # lit on purpose
        ("仓库着火了，黑烟很大，火还在烧", "emergency"),
        ("工单：市民反映某广场有流浪狗追着路人狂吠，请城管处理。", "normal"),
        ("来电人称现在有人正在撬对面那户的锁，请马上来人。", "emergency"),
        ("我们档口上个月被人撬开了锁，丢了两箱货。", "normal"),
        ("有个男的抱着小孩往车上拽，孩子一直在哭喊，快来人", "emergency"),
    ],
)
def test_emergency_cues_in_reports(text: str, urgency: str) -> None:
    assert _rules(text).urgency == urgency


@pytest.mark.parametrize(
    "text",
    [
        "市民来电称，其外婆九十岁，舅舅们互相推诿，老人独居无人照顾。",  # formal 无人 is 没人
        "据了解，两个村民小组数十人聚集对峙，诉求：请镇政府调处。",  # 数十人 is a group
        "居民先后十几次拨打热线反映路面积水，问题依旧。",  # repetition told with the count first
        "来电人称其姐姐被姐夫限制人身自由，手机被收走，家人联系不上她。",  # the victim's phone taken is no settlement
    ],
)
def test_high_in_formal_wording(text: str) -> None:
    assert _rules(text).urgency == "high"


def test_a_negated_harm_to_a_child_is_not_one() -> None:
    assert _rules("来电人称其孩子骑车与电动车相撞，双方都没有受伤，只是车子坏了。").urgency == "normal"


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("来电人称其家卫生间水管爆裂后，物业上门换了阀门，要求物业说明收费。", "none"),  # what came after
        ("他打人后还在楼道里骂，快来", "present"),  # brought back to now
        ("来电人称其父亲曾拿刀吓唬过邻居，现在两家想请社区调解。", "none"),  # 曾 + a verb: the past
        ("曾女士说楼下有人拿刀砍人，快来", "present"),  # 曾 the surname
    ],
)
def test_after_and_once(text: str, danger: str) -> None:
    result = _rules(text)
    assert (result.danger == "present") == (danger == "present")


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("市民来电称，其租住的房子空调坏了，房东一直不修，要求房东尽快维修。", "要求房东尽快维修。"),
        ("我舅舅托我问一下，他借给朋友三千块，对方一直不还，能不能找社区调解？", "能不能找社区调解？"),
        ("网友留言：订婚时给了12.5万彩礼，现在女方悔婚，请问怎么处理？", "请问怎么处理？"),  # 12.5 is a number
        ("来电人咨询如何办理居住证。", "来电人咨询如何办理居住证。"),
        ("房东扣着我的身份证不还，恳请社区帮忙。", "房东扣着我的身份证不还，恳请社区帮忙。"),  # first person: whole
    ],
)
def test_the_ask_of_a_reported_sentence_is_its_request_clause(text: str, ask: str) -> None:
    assert ask_sentence(normalize(text)) == ask


@pytest.mark.parametrize(
    ("text", "category", "party"),
    [
        ("我叔叔托我问问，他卖给别人一批荔枝，对方一直不给钱。", "debt", "stranger"),  # 叔叔 only asks
        ("网友留言：学校门口车辆乱停，孩子过马路很危险，希望学校设护学岗。", "minors", "school"),  # 网友 writes
        ("我婆婆天天跟我吵架，老公也不管。", "family", "family"),
    ],
)
def test_who_asks_on_someone_s_behalf_is_not_the_other_party(text: str, category: str, party: str) -> None:
    from nlp.parties import counterparty
    from nlp.segment import tokenize

    assert counterparty(tokenize(normalize(text)), category) == party


def test_a_name_starting_with_zeng_does_not_date_the_event() -> None:
    assert _rules("曾和平拿着刀在楼下追人，快来").danger == "present"
