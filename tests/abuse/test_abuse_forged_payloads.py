"""Forged callback payloads: a payload is never trusted. Each forgery is refused with a clear
message, changes nothing (the case, its events, notes, clocks and outbox rows compared before and
after) and leaves a log record naming the refusal."""

from __future__ import annotations

import logging

import pytest
from abuse_helpers import assert_consistent, assert_valid_message, snapshot
from flow_helpers import get_case, register, report

from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory

MAGE = "staff:room-mage-1"  # the labour case's assignee
GW = "staff:huixin-gw1"  # a grid worker of the same community, not the assignee


async def _two_cases(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> tuple[int, int]:
    """alice's wage case (assigned to room-mage-1) and bob's leak case (assigned to huixin-gw1)."""
    await register(chat, "alice")
    a = await get_case(uow_factory, await report(chat, "alice", "老板拖欠我三个月工资"))
    await register(chat, "bob")
    b = await get_case(uow_factory, await report(chat, "bob", "楼上漏水把天花板泡坏了"))
    return a.id, b.id


async def _refused(chat: ChatHarness, uow_factory: UnitOfWorkFactory, caplog: pytest.LogCaptureFixture,
                   who: str, payload: str, case_id: int, expect: str) -> None:
    before = await snapshot(uow_factory, case_id)
    caplog.clear()
    replies = await chat._send(who, payload=payload)
    assert len(replies) == 1, replies
    assert_valid_message(replies[0])
    assert expect in replies[0].text, (payload, replies[0].text)
    assert await snapshot(uow_factory, case_id) == before, f"{payload} changed the case"
    refusals = [r for r in caplog.records if r.levelno >= logging.INFO and "refused" in r.getMessage()]
    assert refusals, f"{payload}: no refusal logged ({[r.getMessage() for r in caplog.records]})"


@pytest.fixture
def info_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="handlers")
    return caplog


async def test_resident_presses_another_residents_case(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    alices, bobs = await _two_cases(chat, uow_factory)
    for action in ("wd", "v", "sv:s:0", "ag:n:0"):
        await _refused(chat, uow_factory, info_logs, "alice", f"c:{bobs}:{action}", bobs, "不属于您的案件")


async def test_resident_presses_staff_buttons_on_own_case(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    alices, _ = await _two_cases(chat, uow_factory)
    for action in ("acc", "con", "prog", "close", "out:med", "tr", f"to:{GW.split(':')[1]}", "cat:debt", "help"):
        await _refused(chat, uow_factory, info_logs, "alice", f"c:{alices}:{action}", alices, "未做任何更改")


async def test_staff_presses_another_staff_members_case(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    alices, _ = await _two_cases(chat, uow_factory)
    for action in ("acc", "con", "prog", "close", "out:med", "cat:debt", "help"):
        await _refused(chat, uow_factory, info_logs, GW, f"c:{alices}:{action}", alices, "不是由您承办")
    await chat.press(MAGE, "签收")  # accepted by its assignee: still not the grid worker's
    for action in ("con", "prog", "close", "out:exp"):
        await _refused(chat, uow_factory, info_logs, GW, f"c:{alices}:{action}", alices, "不是由您承办")


async def test_staff_presses_resident_buttons(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    alices, _ = await _two_cases(chat, uow_factory)
    for action in ("wd", "sv:u:0", "ag:n:0"):
        await _refused(chat, uow_factory, info_logs, MAGE, f"c:{alices}:{action}", alices, "居民使用的按钮")
    for payload in ("rg:c:0", "d:ok", "a:add", "pv:fg:ok:00000000"):
        await _refused(chat, uow_factory, info_logs, MAGE, payload, alices, "居民使用的按钮")


async def test_nonexistent_case_and_malformed_payloads(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    alices, _ = await _two_cases(chat, uow_factory)
    for who, expect in (("alice", "不属于您的案件"), (MAGE, "已经失效")):
        await _refused(chat, uow_factory, info_logs, who, "c:999999:acc", alices, expect)
    for payload in ("c:²:acc", "c:99999999999999999999999:acc", "c:-1:acc", "c::acc", "c:1", "zz:1:2",
                    ":::", "\x00", "💥"):
        await _refused(chat, uow_factory, info_logs, "alice", payload, alices, "已经失效")
    await _refused(chat, uow_factory, info_logs, "alice", f"c:{alices}:" + "x" * 500, alices, "未做任何更改")
    for payload in ("c:²:acc", "c:99999999999999999999999:acc", "zz:1:2", "\x00"):
        await _refused(chat, uow_factory, info_logs, MAGE, payload, alices, "居民使用的按钮")
    await _refused(chat, uow_factory, info_logs, MAGE, f"c:{alices}:zz", alices, "已经失效")
    await assert_consistent(uow_factory)


async def test_a_forged_action_in_the_wrong_state_is_refused(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, info_logs: pytest.LogCaptureFixture
) -> None:
    """The right person, the wrong moment: closing before 签收, accepting twice."""
    alices, _ = await _two_cases(chat, uow_factory)
    await _refused(chat, uow_factory, info_logs, MAGE, f"c:{alices}:out:med", alices, "不能进行这个操作")
    await chat.press(MAGE, "签收")
    await _refused(chat, uow_factory, info_logs, MAGE, f"c:{alices}:acc", alices, "签收")


async def test_long_follow_ups_never_make_an_undeliverable_message(chat: ChatHarness,
                                                                   uow_factory: UnitOfWorkFactory) -> None:
    """Messages sent before confirming are joined to the report: each may be 2,000 characters,
    the joined text much more, and it goes into the assignment of a staff member."""
    await register(chat, "alice")
    await chat.say("alice", "老板拖欠我三个月工资" + "，还有加班费没给" * 240)
    for _ in range(3):
        await chat.say("alice", "补充：" + "他说下个月再给但一直没给" * 160)
    await chat.press("alice", "确认提交")
    assert "案件编号" in chat.last("alice").text
    for entry in chat.transcript:
        assert_valid_message(entry.message)
    await assert_consistent(uow_factory)


async def test_control_characters_and_nul_in_a_report(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    """PostgreSQL refuses NUL in text columns; a report must still be taken (and on SQLite too)."""
    await register(chat, "alice")
    await chat.say("alice", "老板拖欠\x00我工资\x1b[31m\u202e")
    await chat.say("alice", "补充\x00说明")
    await chat.press("alice", "确认提交")
    assert "案件编号" in chat.last("alice").text
    await chat.say("alice", "/mydata")
    for entry in chat.transcript:
        assert_valid_message(entry.message)
    await assert_consistent(uow_factory)
