"""Processed updates, the outbox drainer (retry, backoff, failure) and handle() never raising."""

from __future__ import annotations

from datetime import timedelta

from flow_helpers import register, report

from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming
from handlers.outbox import (
    MAX_ATTEMPTS,
    OutboxMessage,
    PermanentSendError,
    TemporarySendError,
    backoff,
    drain,
)
from handlers.testing import ChatHarness, KeywordClassifier
from storage import models as m
from storage.uow import UnitOfWorkFactory


def _msg(update: str, text: str) -> Incoming:
    return Incoming(channel="console", chat_id="zed", user_id="zed", update_id=update, text=text)


async def test_duplicate_update_changes_nothing(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    first = await dispatcher.handle(_msg("42", "你好"))
    assert first
    # changes nothing; as the chat's last update it gets its replies again (test_redelivery.py)
    assert await dispatcher.handle(_msg("42", "你好")) == first
    async with uow_factory() as uow:
        conv = await uow.conversations.lock("console", "zed", dispatcher.now())
        assert conv.state == "reg_community"


async def test_a_crash_rolls_back_and_apologises(uow_factory: UnitOfWorkFactory, clock) -> None:
    fake = KeywordClassifier()

    def broken(text: str) -> object:
        if "工资" in text:
            raise RuntimeError("model missing")
        return fake(text)

    dispatcher = Dispatcher(uow_factory, broken, clock)
    chat = ChatHarness(dispatcher, uow_factory, clock)
    await register(chat, "zed")
    replies = await dispatcher.handle(_msg("u-1", "老板拖欠工资"))
    assert "出了点问题" in replies[0].text
    async with uow_factory() as uow:
        assert not await uow.updates.seen("console", "u-1")  # a redelivery may try again


async def _one_row(uow_factory: UnitOfWorkFactory, clock) -> int:
    async with uow_factory() as uow:
        row = m.Outbox(channel="console", chat_id="x", text="hi", buttons=[], state="pending", attempts=0,
                       next_attempt_at=clock(), created_at=clock())
        uow.outbox.add(row)
        await uow.commit()
        return row.id


async def _row(uow_factory: UnitOfWorkFactory, row_id: int) -> m.Outbox:
    async with uow_factory() as uow:
        return await uow.session.get(m.Outbox, row_id)


async def test_drain_sends_once(uow_factory: UnitOfWorkFactory, clock) -> None:
    row_id = await _one_row(uow_factory, clock)
    sent: list[OutboxMessage] = []

    async def send(msg: OutboxMessage) -> str:
        sent.append(msg)
        return "native-1"

    assert await drain(uow_factory, send, clock) == 1
    assert await drain(uow_factory, send, clock) == 0
    assert [s.id for s in sent] == [row_id]
    row = await _row(uow_factory, row_id)
    assert (row.state, row.native_id, row.attempts) == ("sent", "native-1", 1)


async def test_drain_retries_with_backoff_and_retry_after(uow_factory: UnitOfWorkFactory, clock) -> None:
    row_id = await _one_row(uow_factory, clock)

    async def flood(msg: OutboxMessage) -> str:
        raise TemporarySendError(retry_after=30)

    assert await drain(uow_factory, flood, clock) == 0
    row = await _row(uow_factory, row_id)
    assert row.state == "pending" and row.next_attempt_at == clock() + timedelta(seconds=30)
    assert await drain(uow_factory, flood, clock) == 0  # not due yet: not tried
    assert (await _row(uow_factory, row_id)).attempts == 1
    assert backoff(3, None) == timedelta(seconds=20) and backoff(30, None) == timedelta(hours=1)


async def test_drain_gives_up(uow_factory: UnitOfWorkFactory, clock) -> None:
    row_id = await _one_row(uow_factory, clock)

    async def down(msg: OutboxMessage) -> str:
        raise TemporarySendError()

    for _ in range(MAX_ATTEMPTS):
        await drain(uow_factory, down, clock)
        clock.advance(timedelta(hours=2))
    row = await _row(uow_factory, row_id)
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)


async def test_drain_permanent_failure(uow_factory: UnitOfWorkFactory, clock) -> None:
    row_id = await _one_row(uow_factory, clock)

    async def blocked(msg: OutboxMessage) -> str:
        raise PermanentSendError("bot blocked")

    await drain(uow_factory, blocked, clock)
    row = await _row(uow_factory, row_id)
    assert (row.state, row.last_error) == ("failed", "bot blocked")


async def test_notifications_are_outbox_rows_in_the_same_transaction(chat: ChatHarness,
                                                                      uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice")
    await chat.say("alice", "老板拖欠工资")
    replies = await chat.dispatcher.handle(Incoming(channel="console", chat_id="alice", user_id="alice",
                                                    update_id="confirm-1", payload="d:ok"))
    assert all(r.chat_id == "alice" for r in replies)
    async with uow_factory() as uow:
        pending = await uow.outbox.claim_pending(chat.clock())
        assert [(r.chat_id, r.case_id is not None) for r in pending] == [("staff:room-mage-1", True)]


async def test_report_then_drain_order(chat: ChatHarness) -> None:
    await register(chat, "alice")
    await report(chat, "alice", "老板拖欠工资")
    names = [e.recipient for e in chat.transcript[-2:]]
    assert names == ["alice", "staff:room-mage-1"]
