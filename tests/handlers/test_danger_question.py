"""The danger question: a possible danger is asked about, with the numbers shown at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flow_helpers import register

from handlers.dispatcher import Dispatcher
from handlers.testing import DEFAULT_KEYWORDS, ChatHarness, KeywordClassifier, VirtualClock
from storage.uow import UnitOfWorkFactory

UNCERTAIN: tuple[tuple[str, dict[str, Any]], ...] = (
    ("上个月", {"category": "security", "urgency": "high", "danger": "uncertain", "numbers": ("110",),
              "counterparty": "stranger", "ask": "希望加强巡逻"}),
    ("烧伤", {"category": "hazard", "urgency": "normal", "danger": "uncertain", "numbers": ("119", "120")}),
)
CLASSIFIER = KeywordClassifier((*UNCERTAIN, *DEFAULT_KEYWORDS))
KNIFE_LAST_MONTH = "上个月楼道里有人拿刀伤人，希望加强巡逻"
YES, NO = "是，现在有危险", "没有，已经过去了"
POLICE, HEAD = "staff:huixin-police", "staff:huixin-head"


def harness(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> ChatHarness:
    return ChatHarness(Dispatcher(uow_factory, CLASSIFIER, clock), uow_factory, clock)


async def cases_of(uow_factory: UnitOfWorkFactory, name: str) -> list[Any]:
    async with uow_factory() as uow:
        resident = await uow.residents.by_chat("console", name)
        return [] if resident is None else await uow.cases.of_resident(resident.id)


async def test_uncertain_danger_shows_the_number_and_asks(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "ann")
    before = len(chat.received(POLICE))
    replies = await chat.say("ann", KNIFE_LAST_MONTH)
    assert len(replies) == 1
    assert "110" in replies[0].text and "现在是否有人身危险？" in replies[0].text
    assert [b.label for b in replies[0].flat_buttons()] == [YES, NO]
    assert await cases_of(uow_factory, "ann") == []
    assert len(chat.received(POLICE)) == before


async def test_yes_takes_the_emergency_path(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "ben")
    await chat.say("ben", KNIFE_LAST_MONTH)
    replies = await chat.press("ben", YES)
    assert "110" in replies[0].text
    (case,) = await cases_of(uow_factory, "ben")
    assert case.urgency == "emergency" and case.state == "assigned"
    assert case.number in chat.last(POLICE).text and case.number in chat.last(HEAD).text


async def test_no_goes_on_as_an_urgent_ordinary_report(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "cai")
    await chat.say("cai", KNIFE_LAST_MONTH)
    replies = await chat.press("cai", NO)
    assert "按一般求助办理" in replies[0].text
    assert "请确认" in replies[-1].text and "确认提交" in [b.label for b in replies[-1].flat_buttons()]
    assert await cases_of(uow_factory, "cai") == []
    await chat.press("cai", "确认提交")
    (case,) = await cases_of(uow_factory, "cai")
    assert case.urgency == "high"
    # answered: the clock falls due and does nothing
    await chat.advance(timedelta(minutes=5))
    assert len(await cases_of(uow_factory, "cai")) == 1


async def test_no_answer_in_time_is_an_emergency_even_after_a_restart(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "dan")
    await chat.say("dan", KNIFE_LAST_MONTH)
    await chat.advance(timedelta(minutes=2))
    assert await cases_of(uow_factory, "dan") == []
    # a new process (dispatcher and harness) over the same database: the question's clock is a row
    again = harness(uow_factory, clock)
    await again.bind_all_staff()
    await again.advance(timedelta(minutes=1))
    (case,) = await cases_of(uow_factory, "dan")
    assert case.urgency == "emergency"
    told = "\n".join(again.texts("dan"))
    assert "3 分钟内没有收到您的回复" in told and case.number in told and "110" in told
    assert case.number in again.last(POLICE).text and case.number in again.last(HEAD).text
    # a late press finds the question gone
    replies = await chat.press("dan", YES)
    assert "按钮已经失效" in replies[0].text and len(await cases_of(uow_factory, "dan")) == 1


async def test_minutes_come_from_the_roster(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    async with uow_factory() as uow:
        district = await uow.roster.district()
        district.settings = {**(district.settings or {}), "clocks": {"danger_question_minutes": 10}}
        await uow.commit()
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "eve")
    replies = await chat.say("eve", KNIFE_LAST_MONTH)
    assert "10 分钟内" in replies[0].text
    await chat.advance(timedelta(minutes=5))
    assert await cases_of(uow_factory, "eve") == []
    await chat.advance(timedelta(minutes=5))
    assert len(await cases_of(uow_factory, "eve")) == 1


async def test_numbers_follow_the_danger(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "fay")
    replies = await chat.say("fay", "厨房烧伤了孩子的手")
    assert "119、120" in replies[0].text


async def test_typed_answer_and_english(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "gus")
    await chat.say("gus", "/lang en")
    replies = await chat.say("gus", KNIFE_LAST_MONTH)
    assert "Is anyone in danger right now?" in replies[0].text
    assert [b.label for b in replies[0].flat_buttons()] == ["Yes, in danger now", "No, it is over"]
    await chat.say("gus", "yes!")
    (case,) = await cases_of(uow_factory, "gus")
    assert case.urgency == "emergency"


async def test_unregistered_resident_is_asked_then_registers(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    replies = await chat.say("hal", "回新社区" + KNIFE_LAST_MONTH)
    assert len(replies) == 1 and "110" in replies[0].text
    assert [b.label for b in replies[0].flat_buttons()] == [YES, NO]
    replies = await chat.press("hal", YES)
    (case,) = await cases_of(uow_factory, "hal")
    assert case.urgency == "emergency"
    # the community the text names: its police officer and station head are told at once
    assert case.number in chat.last(POLICE).text and case.number in chat.last(HEAD).text
    assert "请选择您所在的社区" in replies[-1].text  # registration follows


async def test_unregistered_no_keeps_the_report_until_registered(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await chat.say("ivy", KNIFE_LAST_MONTH)
    await chat.press("ivy", NO)
    await chat.press("ivy", "回新社区")
    await chat.press("ivy", "5栋")
    replies = await chat.press("ivy", "跳过")
    assert "请确认" in replies[-1].text  # not asked again
    await chat.press("ivy", "确认提交")
    (case,) = await cases_of(uow_factory, "ivy")
    assert case.urgency == "high"


async def test_uncertain_follow_up_joins_the_open_emergency(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "jon")
    await chat.say("jon", "楼道里有人拿刀砍人")
    replies = await chat.say("jon", "他上个月也来过")
    assert "110" in replies[0].text and not replies[0].buttons
    assert len(await cases_of(uow_factory, "jon")) == 1


# --------------------------------------------------------------------------- counterparty and ask on the case

PARTIES = KeywordClassifier((
    ("押金", {"category": "rental", "counterparty": "landlord", "ask": "希望退还押金，电话13800138000"}),
    ("工资", {"category": "labor", "counterparty": "unknown", "ask": "请帮我要回工资"}),
    *DEFAULT_KEYWORDS,
))


async def test_staff_see_the_other_party_and_the_request(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, PARTIES, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "kim")
    await chat.say("kim", "房东不退押金")
    await chat.press("kim", "确认提交")
    (case,) = await cases_of(uow_factory, "kim")
    holder = f"staff:{case.assignee_id}"
    assignment = chat.last(holder).text
    # the party's label is the nlp catalogue's; the request is masked until 签收
    assert "；诉求：希望退还押金，电话138****8000" in assignment and "对方：" in assignment
    view = (await chat.say(holder, f"/case {case.number}"))[0].text
    assert "；诉求：希望退还押金" in view and "13800138000" not in view
    await chat.press(holder, "签收")
    view = (await chat.say(holder, f"/case {case.number}"))[0].text
    assert "诉求：希望退还押金，电话13800138000" in view


async def test_unknown_party_shows_the_request_alone_and_english(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, PARTIES, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "lee")
    await chat.say("lee", "老板拖欠工资")
    await chat.press("lee", "确认提交")
    (case,) = await cases_of(uow_factory, "lee")
    assignment = chat.last(f"staff:{case.assignee_id}").text
    assert "\n诉求：请帮我要回工资\n" in assignment and "对方" not in assignment
    from handlers.cases import parties

    assert parties({"ask": "refund"}, "en", masked=False) == "\nRequest: refund"
    assert parties({}, "zh", masked=False) == ""


async def test_unregistered_follow_up_of_an_emergency_reaches_its_holder(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await chat.say("max", "楼道里有人拿刀砍人")
    (case,) = await cases_of(uow_factory, "max")
    replies = await chat.say("max", "他还在那里，快来人")  # the classifier sees no danger in it
    assert "110" in replies[0].text and case.number in replies[1].text
    assert "他还在那里" in chat.last("staff:centre-1").text
    await chat.press("max", "回新社区")
    await chat.press("max", "5栋")
    replies = await chat.press("max", "跳过")
    assert not any("新问题" in b.label for r in replies for b in r.flat_buttons())  # nothing kept to ask about


async def test_unregistered_silence_opens_the_case_with_the_centre_and_then_registers(
    uow_factory: UnitOfWorkFactory, clock: VirtualClock
) -> None:
    chat = harness(uow_factory, clock)
    await chat.bind_all_staff()
    await chat.say("ned", KNIFE_LAST_MONTH)  # names no community
    await chat.advance(timedelta(minutes=3))
    (case,) = await cases_of(uow_factory, "ned")
    assert case.urgency == "emergency" and case.assignee_id == "centre-1"
    assert case.number in chat.last("staff:centre-1").text
    assert "请选择您所在的社区" in chat.last("ned").text
    await chat.press("ned", "回新社区")
    await chat.press("ned", "5栋")
    await chat.press("ned", "跳过")
    assert case.number in chat.last(POLICE).text and case.number in chat.last(HEAD).text


async def test_forget_erases_the_request_kept_on_the_case(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, PARTIES, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "ola")
    await chat.say("ola", "房东不退押金")
    await chat.press("ola", "确认提交")
    (case,) = await cases_of(uow_factory, "ola")
    await chat.say("ola", "/forget")
    await chat.press("ola", "确认删除")
    async with uow_factory() as uow:
        opened = [e for e in await uow.cases.events(case.id) if e.action == "opened"][0]
    assert opened.data["ask"] == "[已删除]" and opened.data["counterparty"] == "landlord"
