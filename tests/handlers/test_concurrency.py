"""Two workers at once: each due clock runs once and each outbox row is sent once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from flow_helpers import register, report

from handlers.dispatcher import Dispatcher
from handlers.outbox import OutboxMessage, drain
from handlers.testing import ChatHarness, KeywordClassifier
from storage.uow import UnitOfWorkFactory


async def test_two_workers_share_due_clocks_and_outbox(chat: ChatHarness, uow_factory: UnitOfWorkFactory,
                                                       clock) -> None:
    for name in ("a", "b", "c"):
        await register(chat, name)
        await report(chat, name, "楼上漏水")
    clock.advance(timedelta(hours=2))
    workers = [Dispatcher(uow_factory, KeywordClassifier(), clock) for _ in range(2)]
    ran = await asyncio.gather(*(w.run_due() for w in workers))
    assert sum(ran) == 3
    sent: list[int] = []

    async def send(msg: OutboxMessage) -> str:
        sent.append(msg.id)
        await asyncio.sleep(0)
        return "ok"

    await asyncio.gather(drain(uow_factory, send, clock), drain(uow_factory, send, clock))
    assert len(sent) == len(set(sent)) == 3
