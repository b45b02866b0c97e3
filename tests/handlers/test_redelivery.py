"""A redelivered update gets its replies again when it is the chat's last one (issue 7).

The replies go out after the commit; a process killed in between used to lose them for good,
because the redelivered update is a duplicate. The conversation row now keeps the last update's
replies; an older duplicate still gets nothing, and /forget does not leave them behind.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from flow_helpers import register

from handlers import privacy
from handlers.context import Ctx, settings_of
from handlers.dispatcher import Dispatcher, replies_from_json, replies_to_json
from handlers.messages import Button, Incoming, Outgoing
from handlers.testing import CHANNEL, ChatHarness
from storage import models as m
from storage.uow import UnitOfWorkFactory

PHONE = "13800138000"


def _update(update_id: str, text: str | None = None, payload: str | None = None) -> Incoming:
    return Incoming(channel=CHANNEL, chat_id="alice", user_id="alice", update_id=update_id, text=text,
                    payload=payload)


def _button(replies: list[Outgoing], label: str) -> str:
    return next(b.payload for r in replies for b in r.flat_buttons() if b.label == label)


async def _conversation(uow_factory: UnitOfWorkFactory) -> m.Conversation:
    async with uow_factory() as uow:
        conv = await uow.session.get(m.Conversation, (CHANNEL, "alice"))
        assert conv is not None
        return conv


async def _cases(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        resident = await uow.residents.by_chat(CHANNEL, "alice")
        assert resident is not None
        return len(await uow.cases.of_resident(resident.id))


async def test_the_last_update_redelivered_gets_the_same_replies(
        chat: ChatHarness, dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory,
        caplog: pytest.LogCaptureFixture) -> None:
    await register(chat, "alice", phone=PHONE)
    summary = await dispatcher.handle(_update("u-report", text="老板拖欠我三个月工资"))
    confirm = _update("u-confirm", payload=_button(summary, "确认提交"))
    first = await dispatcher.handle(confirm)
    assert any("案件编号" in r.text for r in first)

    # the process died after the commit, before the replies went out: Telegram redelivers
    with caplog.at_level(logging.INFO, logger="handlers.dispatcher"):
        again = await dispatcher.handle(confirm)
    assert again == first
    assert "redelivered update console/u-confirm: replies sent again" in caplog.text
    assert await _cases(uow_factory) == 1  # handled once: only the replies are repeated

    assert (await _conversation(uow_factory)).last_update_id == "u-confirm"


async def test_an_older_duplicate_gets_nothing(chat: ChatHarness, dispatcher: Dispatcher,
                                               uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice", phone=PHONE)
    summary = await dispatcher.handle(_update("u-report", text="老板拖欠我三个月工资"))
    assert summary
    await dispatcher.handle(_update("u-confirm", payload=_button(summary, "确认提交")))
    before = await _conversation(uow_factory)

    # its replies went out before the chat's next update began: nothing to send again
    assert await dispatcher.handle(_update("u-report", text="老板拖欠我三个月工资")) == []
    after = await _conversation(uow_factory)
    assert (after.state, after.data, after.last_update_id) == (before.state, before.data, "u-confirm")
    assert await _cases(uow_factory) == 1


async def test_a_request_for_the_phone_comes_back_as_it_was(dispatcher: Dispatcher) -> None:
    hello = await dispatcher.handle(_update("u-1", text="你好"))
    community = await dispatcher.handle(_update("u-2", payload=_button(hello, "回新社区")))
    building = _update("u-3", payload=_button(community, "5栋"))
    asked = await dispatcher.handle(building)
    assert any(r.request_contact for r in asked)
    assert await dispatcher.handle(building) == asked


def test_replies_survive_the_round_trip_through_json() -> None:
    replies = [
        Outgoing("alice", "请确认", buttons=((Button("确认提交", "d:ok"), Button("修改", "d:edit")),
                                             (Button("取消", "d:no"),))),
        Outgoing("alice", "请分享手机号", request_contact=True, request_location=True),
        Outgoing("alice", "已签收", edit_of="77", channel="telegram"),
        Outgoing("alice", "月报", document="/srv/reports/2026-11.xlsx"),
    ]
    stored = replies_to_json(replies)
    assert stored[1] == {"chat_id": "alice", "text": "请分享手机号", "request_contact": True,
                         "request_location": True}
    assert replies_from_json(stored) == replies
    assert replies_from_json(None) == []


async def test_forget_leaves_no_stored_replies_behind(chat: ChatHarness, dispatcher: Dispatcher,
                                                      uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice", phone=PHONE)
    await chat.say("alice", "楼上漏水把我家天花板泡坏了")
    mine = await dispatcher.handle(_update("u-mydata", text="/mydata"))
    assert any(PHONE in r.text for r in mine)
    assert PHONE in str((await _conversation(uow_factory)).last_replies)  # kept for a redelivery

    ask = await dispatcher.handle(_update("u-forget", text="/forget"))
    done = await dispatcher.handle(_update("u-erase", payload=_button(ask, "确认删除")))
    assert any("已删除" in r.text for r in done)

    conv = await _conversation(uow_factory)
    stored = str(conv.last_replies)
    assert PHONE not in stored and "楼上漏水" not in stored
    # only the erasure's own answer is kept, for a redelivery of exactly that update
    assert conv.last_update_id == "u-erase"
    assert replies_from_json(conv.last_replies) == done
    assert await dispatcher.handle(_update("u-mydata", text="/mydata")) == []


async def test_erasure_outside_the_chat_clears_the_stored_replies(
        chat: ChatHarness, dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    """``privacy.forget`` itself clears them: not only because the chat's next answer replaces them."""
    await register(chat, "alice", phone=PHONE)
    await dispatcher.handle(_update("u-mydata", text="/mydata"))
    async with uow_factory() as uow:
        district = await uow.roster.district()
        resident = await uow.residents.by_chat(CHANNEL, "alice")
        assert district is not None and resident is not None
        ctx = Ctx(uow=uow, now=chat.clock(), district=district, settings=settings_of(district),
                  channel=CHANNEL, chat_id=None)
        await privacy.forget(ctx, resident)
        await uow.commit()
    conv = await _conversation(uow_factory)
    assert (conv.last_update_id, conv.last_replies) == (None, None)
    assert await dispatcher.handle(_update("u-mydata", text="/mydata")) == []


async def test_the_retention_pass_drops_the_replies_of_quiet_chats(
        chat: ChatHarness, dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    """Redelivery comes within Telegram's 24 hours; after that the copy is only personal data,
    so the daily pass drops it even when cases are kept for ever (``retention_days: 0``)."""
    await register(chat, "alice", phone=PHONE)
    await dispatcher.handle(_update("u-mydata", text="/mydata"))
    await privacy.retention(uow_factory, chat.clock() + privacy.REPLIES_KEPT - timedelta(minutes=1))
    assert PHONE in str((await _conversation(uow_factory)).last_replies)  # still within the window

    async with uow_factory() as uow:  # keep cases for ever: the housekeeping runs all the same
        district = await uow.roster.district()
        assert district is not None
        district.settings = {**(district.settings or {}), "privacy": {"retention_days": 0}}
        await uow.commit()
    result = await privacy.retention(uow_factory, chat.clock() + privacy.REPLIES_KEPT + timedelta(minutes=1))
    assert result.days == 0
    conv = await _conversation(uow_factory)
    assert (conv.last_update_id, conv.last_replies) == (None, None)
    assert conv.state == "idle"  # the flow state itself is untouched
