"""What residents ran into when linli was tried as a new user would: each test failed before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flow_helpers import get_case, register, report

from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.uow import UnitOfWorkFactory


async def test_resident_is_told_of_a_reassignment(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "rita")
    number = await report(chat, "rita", "楼上漏水")
    head = "staff:huixin-head"
    await chat.say(head, f"/case {number}")
    await chat.press(head, "转派")
    await chat.press(head, 1)
    case = await get_case(uow_factory, number)
    async with uow_factory() as uow:
        new = await uow.roster.staff(case.assignee_id)
    told = chat.last("rita").text
    assert number in told and new.name in told and "签收后一天内与您联系" in told


async def test_resident_is_told_of_a_reassignment_after_signing(chat: ChatHarness,
                                                                 uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "rob")
    number = await report(chat, "rob", "楼上漏水")
    await chat.press("staff:huixin-gw1", "签收")
    head = "staff:huixin-head"
    await chat.say(head, f"/case {number}")
    await chat.press(head, "转派")
    await chat.press(head, 2)
    case = await get_case(uow_factory, number)
    async with uow_factory() as uow:
        new = await uow.roster.staff(case.assignee_id)
    assert case.assignee_id != "huixin-gw1"
    told = chat.last("rob").text
    assert number in told and new.name in told and "签收后一天内与您联系" in told


async def test_closure_says_when_the_survey_comes(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    async with uow_factory() as uow:
        district = await uow.roster.district()
        district.settings = {**(district.settings or {}), "clocks": {"survey_after": "48h"}}
        await uow.commit()
    chat = ChatHarness(Dispatcher(uow_factory, KeywordClassifier(), clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "sue")
    await report(chat, "sue", "楼上漏水")
    w = "staff:huixin-gw1"
    await chat.press(w, "签收")
    await chat.press(w, "结案")
    await chat.press(w, "已解释说明")
    await chat.say(w, "已协调楼上维修。")
    assert "我们会在2 天后请您评价" in chat.last("sue").text


async def test_case_without_a_number_shows_usage_and_the_cases(chat: ChatHarness) -> None:
    await register(chat, "tom")
    number = await report(chat, "tom", "楼上漏水")
    replies = await chat.say("tom", "/case")
    assert "用法：/case 编号" in replies[0].text and "?" not in replies[0].text
    assert number in replies[1].text and replies[1].buttons


async def test_no_phone_reads_well(chat: ChatHarness) -> None:
    await register(chat, "uli", phone=None)
    await report(chat, "uli", "楼上漏水")
    replies = await chat.press("staff:huixin-gw1", "签收")
    assert "未留电话" in replies[0].text and "电话 未留电话" not in replies[0].text


async def _guessing(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> ChatHarness:
    """A classifier that calls anything it does not know a question (as the real one did with 😡😡😡)."""
    chat = ChatHarness(Dispatcher(uow_factory, KeywordClassifier(default="consult"), clock), uow_factory, clock)
    await chat.bind_all_staff()
    return chat


async def test_emoji_alone_is_answered_kindly_and_drafts_nothing(uow_factory: UnitOfWorkFactory,
                                                                 clock: VirtualClock) -> None:
    chat = await _guessing(uow_factory, clock)
    await register(chat, "vera")
    for text in ("😡😡😡", "👍", "。。。"):
        replies = await chat.say("vera", text)
        assert len(replies) == 1 and "发生了什么" in replies[0].text and not replies[0].buttons
    number = await report(chat, "vera", "楼上漏水")
    assert (await get_case(uow_factory, number)).text == "楼上漏水"


async def test_emoji_before_registration_is_not_kept(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = await _guessing(uow_factory, clock)
    await chat.say("wen", "😡😡😡😡")
    assert not any("已记下" in t for t in chat.texts("wen"))


async def test_forget_then_mydata_creates_nothing(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "li")
    await chat.say("li", "/forget")
    await chat.press("li", "确认删除")
    replies = await chat.say("li", "/mydata")
    assert "没有保存" in replies[0].text and "称呼" not in replies[0].text
    async with uow_factory() as uow:
        assert await uow.residents.by_chat("console", "li") is None
    await chat.say("li", "你好")  # writing again starts afresh
    async with uow_factory() as uow:
        assert await uow.residents.by_chat("console", "li") is not None




async def test_staff_history_in_words_with_its_count_and_all(chat: ChatHarness) -> None:
    await register(chat, "xu")
    number = await report(chat, "xu", "楼上漏水")
    w = "staff:huixin-gw1"
    await chat.press(w, "签收")
    for i in range(6):
        await chat.say(w, f"/case {number}")
        await chat.press(w, "记录进展")
        await chat.say(w, f"第{i + 1}次上门")
    replies = await chat.say(w, f"/case {number}")
    view = "\n".join(r.text for r in replies)
    assert "accepted" not in view and "first_contact" not in view and "in_progress" not in view
    assert "签收" in view and "记录进展：第6次上门" in view
    assert "显示最近 10 条，共 11 条" in view and "居民提交" not in view  # the oldest left out, and said so
    everything = "\n".join(r.text for r in await chat.press(w, "查看全部记录"))
    assert "居民提交" in everything and "分派" in everything and "显示最近" not in everything


async def test_resident_history_is_in_time_order(chat: ChatHarness) -> None:
    await register(chat, "yu")
    number = await report(chat, "yu", "楼上漏水")
    w = "staff:huixin-gw1"
    await chat.press(w, "签收")
    await chat.press(w, "记录进展")
    await chat.say(w, "已联系物业维修")
    await chat.advance(timedelta(hours=2))
    await chat.press(w, "告知居民")  # told later than it was written
    await chat.advance(timedelta(hours=2))
    await chat.say("yu", "又漏了")
    await chat.press("yu", f"补充到 {number}")
    view = (await chat.say("yu", f"/case {number}"))[0].text
    order = [view.index(x) for x in ("提交", "已联系物业维修", "进展通知", "补充材料")]
    assert order == sorted(order), view


async def test_staff_and_resident_histories_agree_within_one_minute(chat: ChatHarness) -> None:
    """Everything below happens at the same moment: both views keep the order it happened in."""
    await register(chat, "yan")
    number = await report(chat, "yan", "楼上漏水")
    w = "staff:huixin-gw1"
    await chat.press(w, "签收")
    await chat.press(w, "已联系")
    await chat.say(w, f"/case {number}")
    await chat.press(w, "记录进展")
    await chat.say(w, "已约物业明早上门")
    await chat.press(w, "告知居民")
    await chat.press(w, "结案")
    await chat.press(w, "已解释说明")
    await chat.say(w, "物业已修好。")
    staff_view = "\n".join(r.text for r in await chat.say(w, f"/case {number}"))
    resident_view = (await chat.say("yan", f"/case {number}"))[0].text
    # The same steps as each role reads them: staff's words, resident's words.
    steps = [("签收", "工作人员已签收"), ("已联系居民", "已与您联系"), ("记录进展：已约物业明早上门", "已约物业明早上门"),
             ("进展已告知居民", "进展通知"), ("结案：物业已修好。", "办结")]

    def order(view: str, words: list[str]) -> list[str]:
        lines = view.splitlines()
        at = {w: next(i for i, line in enumerate(lines) if line.split(" ", 3)[-1] == w) for w in words}
        return sorted(words, key=at.__getitem__)

    assert order(staff_view, [s for s, _ in steps]) == [s for s, _ in steps], staff_view
    assert order(resident_view, [r for _, r in steps]) == [r for _, r in steps], resident_view


async def test_building_and_phone_steps_are_one_message_each(chat: ChatHarness) -> None:
    """The question, its buttons and the location/contact request travel together (the console and
    the web show them as one; only Telegram, one keyboard per message, splits them)."""
    await chat.say("ana", "你好")
    building = await chat.press("ana", "回新社区")
    assert len(building) == 1 and building[0].request_location and "5栋" in {b.label for b in building[0].flat_buttons()}
    phone = await chat.press("ana", "5栋")
    assert len(phone) == 1 and phone[0].request_contact and [b.label for b in phone[0].flat_buttons()] == ["跳过"]
    assert not any(m.text.strip() in ("请选择：", "Please choose:") for m in chat.received("ana"))


async def test_one_promise_with_human_deadlines(chat: ChatHarness) -> None:
    await register(chat, "zoe")
    await chat.say("zoe", "楼上漏水")
    summary = chat.last("zoe").text
    assert "前签收，签收后一天内与您联系" in summary and "（周六）11:00" in summary  # 28 Nov 2026 is a Saturday
    await chat.press("zoe", "确认提交")
    assert "签收后一天内与您联系" in chat.last("zoe").text
    await chat.press("staff:huixin-gw1", "签收")
    assert "（签收后一天内）与您联系" in chat.last("zoe").text


async def test_a_midnight_deadline_is_the_day_before(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    from datetime import UTC, datetime

    from handlers.context import Ctx, settings_of

    async with uow_factory() as uow:
        district = await uow.roster.district()
        ctx = Ctx(uow=uow, now=chat.clock(), district=district, settings=settings_of(district),
                  channel="console", chat_id=None)
        midnight = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)  # 16 Dec 00:00 in Sanya
        assert ctx.when(midnight) == "12月15日（周二）"
        assert ctx.when(midnight, "en") == "Tue 15 Dec"
        assert ctx.when(datetime(2026, 12, 6, 13, 18, tzinfo=UTC)) == "12月6日（周日）21:18"


async def test_emergency_naming_its_community_reaches_its_police_at_once(chat: ChatHarness,
                                                                         uow_factory: UnitOfWorkFactory) -> None:
    replies = await chat.say("ray", "回新社区5栋楼道里有人拿刀砍人")
    assert "110" in replies[0].text and "社区民警" in replies[1].text
    number = replies[1].text.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.community_id, case.assignee_id, case.micro_grid_id) == ("huixin", "huixin-police", "huixin-g1-m2")
    assert number in chat.last("staff:huixin-head").text


async def test_emergency_naming_a_landmark_of_one_community_reaches_its_police(
        chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    """A building or landmark the roster lists in one community only says where; "5栋" (in every
    community) does not."""
    async with uow_factory() as uow:
        micro = next(mg for mg in await uow.roster.micro_grids("huixin") if mg.id == "huixin-g1-m2")
        micro.buildings = [*micro.buildings, "椰风花园"]
        await uow.commit()
    replies = await chat.say("lin", "椰风花园门口有人拿刀砍人")
    number = replies[1].text.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.community_id, case.assignee_id, case.micro_grid_id) == ("huixin", "huixin-police", "huixin-g1-m2")
    replies = await chat.say("mo", "5栋楼道里有人拿刀砍人")
    number = replies[1].text.split("案件编号 ")[1][:15]
    assert (await get_case(uow_factory, number)).community_id is None


async def test_registration_completes_an_emergency_opened_before(chat: ChatHarness,
                                                                 uow_factory: UnitOfWorkFactory) -> None:
    replies = await chat.say("sam", "楼道里有人拿刀砍人")
    number = replies[1].text.split("案件编号 ")[1][:15]
    assert (await get_case(uow_factory, number)).community_id is None
    # At once, before any registration step: the centre's duty officer holds it, with buttons to
    # assign it, and at least one more staff member is told.
    centre = chat.last("staff:centre-1")
    assert number in centre.text and {"签收", "转派"} <= {b.label for b in centre.flat_buttons()}
    told = {e.recipient for e in chat.transcript if e.recipient.startswith("staff:") and number in e.message.text}
    assert len(told) >= 2, told
    await chat.press("sam", "回新社区")
    await chat.press("sam", "5栋")
    await chat.press("sam", "跳过")
    assert any(number in t and "社区民警" in t for t in chat.texts("sam")[-3:])
    case = await get_case(uow_factory, number)
    assert case.community_id == "huixin"
    assert number in chat.last("staff:huixin-police").text and number in chat.last("staff:huixin-head").text
    assert not any("确认提交" in b.label for m in chat.received("sam") for b in m.flat_buttons())  # no second case


@dataclass(frozen=True)
class _Danger:
    """A classification as the classifier gives it with numbers per danger."""

    category: str
    urgency: str = "emergency"
    emergency_service: str | None = None
    numbers: tuple[str, ...] = ()
    confidence: float = 0.9
    flags: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    low_confidence: bool = False
    keywords: tuple[str, ...] = ()  # the cue words found; none when only the category gave the number


def _danger_classifier(text: str) -> object:
    if "快来人" in text:  # as the real classifier had it: a hazard, 119, though no fire is named
        return _Danger("hazard", emergency_service="119")
    if "着火" in text:
        return _Danger("hazard", emergency_service="119", numbers=("119",), keywords=("着火",))
    return KeywordClassifier()(text)


async def test_a_follow_up_keeps_the_cases_number_and_a_new_danger_adds_its_own(
        uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, _danger_classifier, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "tao")
    assert "拨打 110" in (await chat.say("tao", "楼道里有人拿刀砍人"))[0].text
    replies = await chat.say("tao", "他还在楼道里，快来人啊")
    assert "拨打 110！" in replies[0].text and "119" not in replies[0].text
    assert "已补充到紧急案件" in replies[1].text
    replies = await chat.say("tao", "他在楼道里放火，着火了")
    assert "拨打 110、119！" in replies[0].text


@dataclass(frozen=True)
class _Problem:
    text: str
    category: str


@dataclass(frozen=True)
class _Two:
    category: str = "rental"
    urgency: str = "normal"
    confidence: float = 0.8
    flags: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    low_confidence: bool = False
    problems: tuple[_Problem, ...] = (_Problem("房东不退押金", "rental"), _Problem("楼上天天半夜吵", "neighbor"))


def _two_classifier(text: str) -> object:
    return _Two() if "另外" in text else KeywordClassifier()(text)


async def _two(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> ChatHarness:
    chat = ChatHarness(Dispatcher(uow_factory, _two_classifier, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "una")
    await chat.say("una", "房东不退押金，另外楼上天天半夜吵")
    return chat


async def test_two_problems_two_cases(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = await _two(uow_factory, clock)
    summary = chat.last("una")
    assert "1. 房屋租赁纠纷（马哥调解室）：房东不退押金" in summary.text and "2. 邻里纠纷" in summary.text
    assert [b.label for b in summary.flat_buttons()] == ["分别提交", "作为一件提交", "修改"]
    replies = await chat.press("una", "分别提交")
    numbers = [r.text.split("案件编号 ")[1][:15] for r in replies]
    assert len(set(numbers)) == 2
    first, second = [await get_case(uow_factory, n) for n in numbers]
    assert (first.category, first.text, first.room_id) == ("rental", "房东不退押金", "mage")
    assert (second.category, second.text, second.assignee_id) == ("neighbor", "楼上天天半夜吵", "huixin-gw1")


async def test_two_problems_as_one(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = await _two(uow_factory, clock)
    replies = await chat.press("una", "作为一件提交")
    number = replies[0].text.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.category, case.text) == ("rental", "房东不退押金，另外楼上天天半夜吵")
