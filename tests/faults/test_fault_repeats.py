"""A person who hears nothing back does it again: each repeated action changes nothing twice.

Why here: ``bench/crash.py`` kills the process while residents and staff act; their actors then
repeat the last step (a new update, not a redelivery), as people do. The core must refuse a
second 结案 of a closed case, a second 确认提交 of a sent report, a second summary, and must not
send the resident a second 已办结 notice or open a second case for one report.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flow_helpers import events, get_case, register, report
from sqlalchemy import select

from handlers.messages import Button, Incoming, Outgoing
from handlers.testing import CHANNEL, ChatHarness
from storage import models as m
from storage.uow import UnitOfWorkFactory

W = "staff:room-mage-1"


async def _press(chat: ChatHarness, name: str, button: Button) -> list[Outgoing]:
    """Press ``button`` of an earlier message once more (a new update, as a second tap is)."""
    replies = await chat.dispatcher.handle(Incoming(channel=CHANNEL, chat_id=name, user_id=name,
                                                    update_id=uuid.uuid4().hex, payload=button.payload))
    await chat.deliver()
    return replies


async def _numbers(uow_factory: UnitOfWorkFactory) -> list[str]:
    async with uow_factory() as uow:
        return list(await uow.session.scalars(select(m.Case.number)))


async def test_closing_steps_repeated_after_closure_change_nothing(chat: ChatHarness,
                                                                    uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice")
    number = await report(chat, "alice", "老板拖欠我三个月工资")
    await chat.press(W, "签收")
    close = chat.find_button(W, "结案")
    await chat.press(W, "已联系")
    await chat.press(W, "结案")
    outcome = chat.find_button(W, "调解成功")
    await chat.press(W, "调解成功")
    await chat.say(W, "双方达成协议，月底前付清。")
    assert "已结案" in chat.last(W).text

    assert "不能进行这个操作" in (await _press(chat, W, close))[0].text
    assert "不能进行这个操作" in (await _press(chat, W, outcome))[0].text
    await chat.say(W, "双方达成协议，月底前付清。")  # the summary again: no case is waiting for one

    closed = [t for t in chat.texts("alice") if t.startswith(f"案件 {number} 已办结")]
    assert len(closed) == 1, closed
    assert (await events(uow_factory, number)).count("closed") == 1
    assert (await get_case(uow_factory, number)).state == "closed"


async def test_confirm_pressed_twice_opens_one_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "bob")
    await chat.say("bob", "楼上漏水把我家天花板泡坏了")
    confirm = chat.find_button("bob", "确认提交")
    await chat.press("bob", "确认提交")
    second = await _press(chat, "bob", confirm)
    assert "案件编号" not in second[0].text
    assert len(await _numbers(uow_factory)) == 1
    assert sum("新案件" in t for name in ("staff:huixin-gw1", "staff:huixin-gw2", W, "staff:room-banyan-1")
               for t in chat.texts(name)) == 1


async def test_a_repeated_emergency_opens_one_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "kim", "群众街社区")
    await chat.say("kim", "有人拿刀要砍人")
    first = chat.last("kim").text
    await chat.say("kim", "有人拿刀要砍人")
    assert "110" in chat.texts("kim")[-2]  # the advice to call 110 comes again
    numbers = await _numbers(uow_factory)
    assert len(numbers) == 1 and numbers[0] in first and numbers[0] in chat.last("kim").text
    assert "已补充到紧急案件" in chat.last("kim").text
    to_staff = [e.message.text for e in chat.transcript if e.recipient.startswith("staff:")]
    assert sum("有人拿刀要砍人" in t for t in to_staff) >= 2, "the holder heard of the repeat too"


async def test_an_emergency_after_the_hour_is_a_new_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "kim", "群众街社区")
    await chat.say("kim", "有人拿刀要砍人")
    await chat.advance(timedelta(hours=1, minutes=1))
    await chat.say("kim", "楼道里着火了，好大的烟")
    assert len(await _numbers(uow_factory)) == 2
