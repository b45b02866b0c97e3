"""A backlog for one chat holds up neither the other chats' messages nor the clocks.

Regression (bench/crash.py): after the kills, station heads had dozens of escalations queued;
the drain sent the oldest row first and waited for its chat's turn (0.8 messages a second), so a
resident's survey waited some forty seconds behind them, and because the drain ran inside the
tick, no clock ran meanwhile: surveys, their reminders and the visit tasks then fell due in one
batch, and residents who were about to answer were reminded anyway.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import Runtime
from handlers.messages import Incoming, Outgoing
from handlers.outbox import new_row
from handlers.testing import VirtualClock
from storage.uow import UnitOfWorkFactory

SLOW = Bucket(capacity=1, per_second=0.001)  # one message, then the chat waits a quarter of an hour
GUARD = 30.0  # the old drain waited for the busy chat: fail instead of hanging


class Core:
    """No updates; counts the clock runs."""

    def __init__(self) -> None:
        self.clock_runs = 0

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return []

    async def run_due(self, limit: int = 100) -> int:
        self.clock_runs += 1
        return 0


class Channel:
    """Records what it sends; once stopped it cannot send (its HTTP client is closed)."""

    name = "console"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.stopped = False

    async def start(self) -> None: ...

    async def stop(self) -> None:
        self.stopped = True

    async def send(self, outgoing: Outgoing) -> str | None:
        if self.stopped:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        self.sent.append((outgoing.chat_id, outgoing.text))
        return str(len(self.sent))


async def _runtime(uow_factory: UnitOfWorkFactory, clock: VirtualClock, rows: list[tuple[str, str]],
                   tick_seconds: float = 3600.0) -> tuple[Runtime, Core, Channel]:
    core, channel = Core(), Channel()
    runtime = Runtime(core, uow_factory, clock, lambda _on: channel, tick_seconds=tick_seconds,  # type: ignore[arg-type]
                      limiter=RateLimiter(private=SLOW))
    async with uow_factory() as uow:
        for chat_id, text in rows:
            uow.outbox.add(new_row("console", chat_id, text, clock()))
        await uow.commit()
    return runtime, core, channel


async def _pending(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> list[str]:
    async with uow_factory() as uow:
        rows: Any = await uow.outbox.claim_pending(clock(), limit=100)
        texts = [r.text for r in rows]
        await uow.rollback()
    return texts


async def test_a_busy_chat_does_not_hold_up_the_others(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    runtime, _, channel = await _runtime(uow_factory, clock, [
        ("head", "督办 1"), ("head", "督办 2"), ("head", "督办 3"), ("alice", "回访"), ("bob", "已办结")])
    sent = await asyncio.wait_for(runtime.drain_outbox(3), GUARD)
    assert sent == 3
    assert channel.sent == [("head", "督办 1"), ("alice", "回访"), ("bob", "已办结")]
    assert await _pending(uow_factory, clock) == ["督办 2", "督办 3"]  # the head's, still in order


async def test_a_long_drain_gives_the_clocks_their_turn(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    runtime, core, channel = await _runtime(uow_factory, clock, [("head", "督办 1"), ("head", "督办 2")],
                                            tick_seconds=0.2)
    await asyncio.wait_for(runtime.tick(), GUARD)  # (the tick may also queue the day's digests)
    assert core.clock_runs == 1
    assert [text for chat, text in channel.sent if chat == "head"] == ["督办 1"]
    assert runtime._kick.is_set()  # the rest goes on at the next slice, after the clocks due by then
    assert "督办 2" in await _pending(uow_factory, clock)


async def test_a_graceful_stop_sends_before_the_channel_closes(uow_factory: UnitOfWorkFactory,
                                                               clock: VirtualClock) -> None:
    """Regression (bench/crash.py, final SIGTERM): the stop drained the outbox after the channel had
    closed its HTTP client, so nothing went out and each row lost an attempt; a row pending
    across a few restarts ended up failed, never delivered."""
    runtime, _, channel = await _runtime(uow_factory, clock, [("alice", "回访")])
    await asyncio.wait_for(runtime.stop(), GUARD)
    assert channel.sent == [("alice", "回访")] and channel.stopped
    assert await _pending(uow_factory, clock) == []
