"""A runtime stops promptly while an update's transaction is stuck, and loses nothing by it.

The stuck transaction holds SQLite's one pooled connection. The pool here waits a minute for it
(the old setting): a stop whose tick or last drain waited for the connection took that long. The
update that was stuck is cancelled, as the webhook does after its grace (or a dying process), and
handled when Telegram delivers it again to the next start. Driven by events, no sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flow_helpers import CommitGate

from bot.ratelimit import RateLimiter
from bot.runtime import Runtime
from bot.testing import UNLIMITED, MemoryChannel
from handlers.dispatcher import Dispatcher
from handlers.messages import Capabilities, Incoming, Outgoing
from handlers.testing import KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

CHANNEL = "memory"
# Long enough that the old stop (which waited for the pool) fails the test rather than passing late.
STOP_HANG_GUARD = 30.0


class UpdatesHeld:
    """The core, with the updates' transactions on ``updates`` (which may hold one) and the clocks'
    on the plain factory, so that only the update's commit is held, whatever the tick does."""

    def __init__(self, factory: UnitOfWorkFactory, updates: Callable[[], Any], clock: VirtualClock) -> None:
        self.updates = Dispatcher(updates, KeywordClassifier(), clock, channel_default=CHANNEL)
        self.clocks = Dispatcher(factory, KeywordClassifier(), clock, channel_default=CHANNEL)

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return await self.updates.handle(incoming)

    async def run_due(self, limit: int = 100) -> int:
        return await self.clocks.run_due(limit)


def _runtime(factory: UnitOfWorkFactory, updates: Callable[[], Any], clock: VirtualClock
             ) -> tuple[Runtime, MemoryChannel]:
    made: list[MemoryChannel] = []

    def channel(on_incoming: Any) -> MemoryChannel:
        made.append(MemoryChannel(CHANNEL, on_incoming, Capabilities()))
        return made[0]

    core = UpdatesHeld(factory, updates, clock)
    runtime = Runtime(core, factory, clock, channel, limiter=RateLimiter(UNLIMITED, UNLIMITED, UNLIMITED),
                      tick_seconds=3600.0, stop_grace=0.05)
    return runtime, made[0]


async def _processed(factory: UnitOfWorkFactory, update_id: str) -> bool:
    async with factory() as uow:
        return await uow.updates.seen(CHANNEL, update_id)


async def test_stop_is_prompt_while_a_transaction_is_stuck_and_the_update_is_handled_after_restart(
        tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'linli.db'}", pool_timeout=60)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        sessions = make_session_factory(engine)
        await import_roster(sessions, sample_roster_path())
        factory = UnitOfWorkFactory(sessions)
        clock = VirtualClock()
        held = CommitGate(factory)
        runtime, channel = _runtime(factory, held, clock)
        await runtime.start()
        hello = Incoming(channel=CHANNEL, chat_id="4001", user_id="4001", update_id="u1", text="你好")

        held.armed = True
        update = asyncio.create_task(channel.on_incoming(hello))
        await held.reached.wait()  # the update's rows are written; it holds the one connection

        stopping = asyncio.create_task(runtime.stop())
        done, _ = await asyncio.wait({stopping}, timeout=STOP_HANG_GUARD)
        assert stopping in done, "stop waited for the connection the stuck transaction holds"
        assert not update.done()  # the stop did not wait for it either

        update.cancel()  # the webhook's grace ran out (or the process died): rolled back, unanswered
        await asyncio.gather(update, return_exceptions=True)
        assert channel.sent == []
        assert not await _processed(factory, "u1")

        # Telegram delivers the unanswered update again; the next start handles it, once.
        again, channel = _runtime(factory, factory, clock)
        await again.start()
        try:
            await channel.on_incoming(hello)
            first = [o.text for o in channel.sent]
            await channel.on_incoming(hello)  # a repeat: skipped, its replies sent once more
        finally:
            await again.stop()
        assert await _processed(factory, "u1")
        assert first and all(o.chat_id == "4001" for o in channel.sent)
        assert [o.text for o in channel.sent] == first + first
    finally:
        await engine.dispose()
