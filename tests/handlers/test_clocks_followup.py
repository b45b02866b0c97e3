"""Every clock on a virtual clock: sign-for, first contact, resolution, survey, agreement; restart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from flow_helpers import events, get_case, pending_clocks, register, report

from handlers import clocks
from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier
from storage import models as m
from storage.roster_schema import CalendarOverrides, DistrictSettings
from storage.uow import UnitOfWorkFactory

W = "staff:room-mage-1"
TZ = ZoneInfo("Asia/Shanghai")


async def _wage(chat: ChatHarness) -> str:
    await register(chat, "alice")
    return await report(chat, "alice", "老板拖欠我三个月工资")


async def _closed(chat: ChatHarness, outcome: str = "调解成功") -> str:
    number = await _wage(chat)
    await chat.press(W, "签收")
    await chat.press(W, "结案")
    await chat.press(W, outcome)
    await chat.say(W, "双方达成协议，月底前付清。")
    return number


# --------------------------------------------------------------------------- due-time math


def test_working_days_follow_the_chinese_calendar() -> None:
    # 2026-09-30 (Wed): National Day holiday follows; the next working days are whatever the calendar says.
    expected, day = [], date(2026, 9, 30)
    while len(expected) < 7:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            expected.append(day)
    assert clocks.add_working_days(date(2026, 9, 30), 7) == expected[-1]
    assert expected[0] >= date(2026, 10, 8)  # the holiday week is skipped
    assert clocks.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Fri -> Mon


def test_working_days_beyond_the_calendar_fall_back_to_weekdays() -> None:
    assert clocks.add_working_days(date(2031, 1, 3), 1) == date(2031, 1, 6)


def test_roster_calendar_overrides_win() -> None:
    """New Year 2027 is not in the package yet: the roster can say 1 Jan is a holiday and a
    Sunday is a shifted working day, and resolution deadlines follow it."""
    overrides = CalendarOverrides(holidays=[date(2027, 1, 1)], workdays=[date(2027, 1, 3)])
    assert clocks.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert clocks.add_working_days(date(2026, 12, 31), 1, overrides) == date(2027, 1, 3)
    settings = DistrictSettings(calendar=overrides)
    start = datetime(2026, 12, 31, 2, 0, tzinfo=UTC)  # Thursday 10:00 local
    due = clocks.resolution_due(m.Case(category="neighbor", complex=False), settings, TZ, start)
    assert due.astimezone(TZ).date() == clocks.add_working_days(date(2026, 12, 31), 7, overrides) + timedelta(days=1)


def test_resolution_due_by_kind() -> None:
    settings = DistrictSettings()
    start = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # Saturday 09:00 local
    labor = m.Case(category="labor", complex=False)
    assert clocks.resolution_due(labor, settings, TZ, start) == start + timedelta(days=15)
    normal = m.Case(category="neighbor", complex=False)
    due = clocks.resolution_due(normal, settings, TZ, start).astimezone(TZ)
    assert due.date() == clocks.add_working_days(date(2026, 11, 28), 7) + timedelta(days=1) and due.hour == 0
    complex_case = m.Case(category="land", complex=True)
    due = clocks.resolution_due(complex_case, settings, TZ, start).astimezone(TZ)
    assert due.date() == clocks.add_working_days(date(2026, 11, 28), 15) + timedelta(days=1)


async def test_complex_rule_sets_complex(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "lan")
    number = await report(chat, "lan", "宅基地边界纠纷")
    case = await get_case(uow_factory, number)
    assert case.complex and case.assignee_id == "centre-1"


# --------------------------------------------------------------------------- sign-for


async def test_sign_for_reminds_then_escalates(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage(chat)
    await chat.advance(timedelta(hours=1, minutes=59))
    assert "超过签收时限" not in chat.last(W).text
    await chat.advance(timedelta(minutes=1))
    assert "超过签收时限" in chat.last(W).text
    assert chat.received("staff:huixin-head") == []
    await chat.advance(timedelta(hours=1))
    assert "超时未签收" in chat.last("staff:huixin-head").text
    assert (await events(uow_factory, number))[-2:] == ["reminded", "escalated"]


async def test_a_station_heads_own_case_escalates_to_the_centre(chat: ChatHarness,
                                                                uow_factory: UnitOfWorkFactory) -> None:
    """Regression (bench/crash.py): the sign-for escalation of a case the station head holds went
    to that same station head, 10 s after the reminder (2 of 3 escalations in a 50-kill run), and
    doubled the messages to the one chat Telegram lets us send 1 a second to."""
    await register(chat, "alice")
    number = await report(chat, "alice", "朋友借钱两年了不还")
    assert (await get_case(uow_factory, number)).assignee_id == "huixin-head"
    await chat.advance(timedelta(hours=2))
    assert "超过签收时限" in chat.last("staff:huixin-head").text
    await chat.advance(timedelta(hours=1))
    assert not any("超时未签收" in t for t in chat.texts("staff:huixin-head"))
    assert "超时未签收" in chat.last("staff:centre-1").text and number in chat.last("staff:centre-1").text
    assert (await events(uow_factory, number))[-2:] == ["reminded", "escalated"]


async def test_emergency_sign_for_is_fifteen_minutes(chat: ChatHarness) -> None:
    await register(chat, "kim", "群众街社区")
    await chat.say("kim", "有人拿刀要砍人")
    await chat.advance(timedelta(minutes=15))
    assert "超过签收时限" in chat.last("staff:qunzhongjie-police").text


async def test_accepting_cancels_sign_for(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage(chat)
    await chat.press(W, "签收")
    await chat.advance(timedelta(hours=5))
    assert not any("签收时限" in t for t in chat.texts(W))
    assert sorted(await pending_clocks(uow_factory, number)) == ["first_contact", "resolution"]


# --------------------------------------------------------------------------- first contact


async def test_first_contact_reminds_then_escalates(chat: ChatHarness) -> None:
    await _wage(chat)
    await chat.press(W, "签收")
    await chat.advance(timedelta(hours=24))
    assert "还没有记录与居民联系" in chat.last(W).text
    await chat.advance(timedelta(hours=1))
    assert "超时未联系居民" in chat.last("staff:huixin-head").text


async def test_contact_stops_the_first_contact_clock(chat: ChatHarness) -> None:
    await _wage(chat)
    await chat.press(W, "签收")
    await chat.press(W, "已联系")
    await chat.advance(timedelta(hours=26))
    assert not any("联系居民" in t for t in chat.texts("staff:huixin-head"))


# --------------------------------------------------------------------------- resolution


async def test_resolution_overdue_goes_to_head_then_centre(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage(chat)
    await chat.press(W, "签收")
    await chat.press(W, "已联系")
    await chat.advance(timedelta(days=15))
    assert "超过办结期限" in chat.last("staff:huixin-head").text
    assert not any("区中心督办" in t for t in chat.texts("staff:centre-1"))
    await chat.advance(timedelta(days=1))
    assert "区中心督办" in chat.last("staff:centre-1").text
    assert (await events(uow_factory, number)).count("escalated") == 2


# --------------------------------------------------------------------------- survey


async def test_survey_after_24h_and_satisfied_settles(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _closed(chat, "已解释说明")
    await chat.advance(timedelta(hours=23))
    assert "回访" not in chat.last("alice").text
    await chat.advance(timedelta(hours=1))
    assert [b.label for b in chat.last("alice").flat_buttons()] == ["满意", "基本满意", "不满意"]
    await chat.press("alice", "满意")
    assert "感谢" in chat.last("alice").text
    await chat.say("alice", "网格员态度很好")
    assert "意见已记录" in chat.last("alice").text
    case = await get_case(uow_factory, number)
    assert (case.state, case.satisfaction, case.satisfaction_comment) == ("settled", "satisfied", "网格员态度很好")
    assert await pending_clocks(uow_factory, number) == []
    await chat.advance(timedelta(days=3))
    assert not any("再次打扰" in t for t in chat.texts("alice"))


async def test_survey_reminder_then_visit_task(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _closed(chat, "已解释说明")
    await chat.advance(timedelta(hours=24))
    assert chat.last("alice").text.startswith("回访：")
    await chat.advance(timedelta(hours=24))
    assert "再次打扰" in chat.last("alice").text
    await chat.advance(timedelta(hours=24))
    task = chat.last("staff:huixin-gw1").text  # alice lives in 5栋: 回新第1网格
    assert "上门回访" in task and number in task and "13800138000" in task
    assert "visit_task" in await events(uow_factory, number)


async def test_a_late_survey_keeps_its_reminder_a_day_away(chat: ChatHarness, uow_factory: UnitOfWorkFactory,
                                                            clock) -> None:
    """Regression (bench/crash.py): a survey run late, after downtime or behind a long outbox
    drain, was followed by its reminder in the same batch, before the resident could answer, and
    residents who answered within seconds had been reminded anyway."""
    number = await _closed(chat, "已解释说明")
    clock.advance(timedelta(hours=30))  # the process was down when the survey fell due
    await chat.advance(timedelta(0))
    assert chat.last("alice").text.startswith("回访：")
    assert not any("再次打扰" in t for t in chat.texts("alice"))
    await chat.advance(timedelta(hours=23, minutes=59))
    assert not any("再次打扰" in t for t in chat.texts("alice"))
    await chat.advance(timedelta(minutes=1))
    assert "再次打扰" in chat.last("alice").text
    await chat.press("alice", "满意")
    await chat.advance(timedelta(days=2))
    history = await events(uow_factory, number)
    assert history.count("survey_reminded") == 1 and "visit_task" not in history


async def test_an_answered_survey_is_never_reminded(chat: ChatHarness, uow_factory: UnitOfWorkFactory,
                                                    clock) -> None:
    """The answer cancels the reminder and the visit task, even when it comes just before they fall due."""
    number = await _closed(chat, "已解释说明")
    await chat.advance(timedelta(hours=24))
    await chat.advance(timedelta(hours=23, minutes=59, seconds=59))
    await chat.press("alice", "满意")
    await chat.advance(timedelta(days=3))
    assert not any("再次打扰" in t for t in chat.texts("alice"))
    assert "visit_task" not in await events(uow_factory, number)
    assert await pending_clocks(uow_factory, number) == []


async def test_unsatisfied_reopens_to_same_handler(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _closed(chat, "已解释说明")
    await chat.advance(timedelta(hours=24))
    await chat.press("alice", "不满意")
    assert "重新打开" in chat.last("alice").text
    assert "重新打开" in chat.last(W).text and [b.label for b in chat.last(W).flat_buttons()][0] == "签收"
    assert "重新打开" in chat.last("staff:huixin-head").text
    case = await get_case(uow_factory, number)
    assert (case.state, case.assignee_id, case.reopen_count) == ("reopened", "room-mage-1", 1)
    assert "survey_reminder" not in await pending_clocks(uow_factory, number)
    await chat.press("alice", "满意")  # the old survey button
    assert "已经答复过" in chat.last("alice").text
    await chat.press(W, "签收")
    assert (await get_case(uow_factory, number)).state == "accepted"


# --------------------------------------------------------------------------- agreement


async def test_agreement_check_not_kept_reopens(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _closed(chat, "调解成功")
    await chat.advance(timedelta(hours=24))
    await chat.press("alice", "基本满意")
    await chat.advance(timedelta(days=6))
    assert "履约" in chat.last("alice").text
    await chat.press("alice", "没有履行")
    assert "重新打开" in chat.last("alice").text
    assert "协议未履行" in chat.last("staff:huixin-head").text
    assert (await get_case(uow_factory, number)).state == "reopened"
    await chat.press("alice", "已履行")  # the old button
    assert "已经答复过" in chat.last("alice").text


async def test_agreement_kept(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _closed(chat, "调解成功")
    await chat.advance(timedelta(days=7))
    await chat.press("alice", "已履行")
    assert "感谢" in chat.last("alice").text
    assert "agreement_answered" in await events(uow_factory, number)


# --------------------------------------------------------------------------- restart and failures


async def test_restart_runs_an_overdue_clock_once(chat: ChatHarness, uow_factory: UnitOfWorkFactory, clock) -> None:
    number = await _wage(chat)
    clock.advance(timedelta(hours=10))  # the process was down
    fresh = Dispatcher(uow_factory, KeywordClassifier(), clock)
    assert await fresh.run_due() == 2  # the reminder, then its escalation (also overdue)
    assert await fresh.run_due() == 0
    assert await Dispatcher(uow_factory, KeywordClassifier(), clock).run_due() == 0
    await chat.deliver()
    assert sum("超过签收时限" in t for t in chat.texts(W)) == 1
    assert (await events(uow_factory, number)).count("escalated") == 1


async def test_a_failing_clock_is_marked_failed(chat: ChatHarness, uow_factory: UnitOfWorkFactory, clock) -> None:
    await _wage(chat)
    async with uow_factory() as uow:
        bad = m.Clock(case_id=1, kind="sign_for", due_at=clock(), data={}, created_at=clock())
        uow.clocks.add(bad)
        await uow.commit()
    original = clocks._ACTIONS["sign_for"]

    async def boom(*args: object) -> None:
        raise RuntimeError("boom")

    clocks._ACTIONS["sign_for"] = boom
    try:
        assert await chat.dispatcher.run_due() == 1
    finally:
        clocks._ACTIONS["sign_for"] = original
    async with uow_factory() as uow:
        assert (await uow.clocks.get(bad.id)).state == "failed"
    assert await chat.dispatcher.run_due() == 0  # not retried in a loop
