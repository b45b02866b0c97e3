"""The outbox takes a chat's turn before it claims a row; a turn used late (a slow claim) is taken
again, so a burst's messages never leave closer together than the chat's limit allows.

A fake clock for the limiter: "slow" is a clock moved forward inside the claim's transaction.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.ratelimit import PRIVATE, TURN_KEPT, Bucket, RateLimiter
from bot.runtime import Runtime
from handlers.messages import Capabilities, Incoming, Outgoing
from handlers.outbox import new_row
from handlers.testing import VirtualClock
from storage.uow import UnitOfWorkFactory

ROOMY = Bucket(capacity=1000, per_second=1000)


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


class Idle:
    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return []

    async def run_due(self, limit: int = 100) -> int:
        return 0


class Recorder:
    name = "alpha"

    def __init__(self, on_incoming: Any) -> None:
        self.on_incoming = on_incoming
        self.capabilities = Capabilities(per_chat_per_second=1.0, global_per_second=30.0)
        self.sent: list[str] = []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, outgoing: Outgoing) -> str | None:
        self.sent.append(outgoing.text)
        return str(len(self.sent))


class SlowClaims:
    """A unit-of-work factory whose transactions take ``seconds`` of the limiter's clock."""

    def __init__(self, inner: UnitOfWorkFactory, time: FakeTime, seconds: float) -> None:
        self.inner, self.time, self.seconds = inner, time, seconds

    def __call__(self) -> Any:
        self.time.now += self.seconds
        return self.inner()


def test_a_turn_is_kept_for_a_tenth_of_the_chats_interval() -> None:
    time = FakeTime()
    limiter = RateLimiter(ROOMY, PRIVATE, Bucket(1, 0.5), clock=time.clock, sleep=time.sleep)
    time.now = 10.0
    assert limiter.kept("7", 10.0)
    time.now = 10.0 + TURN_KEPT / PRIVATE.per_second
    assert limiter.kept("7", 10.0)
    time.now += 0.01
    assert not limiter.kept("7", 10.0)
    assert limiter.kept("-100", 10.0)  # a group's interval is longer (2 s here): still its turn


async def test_acquire_says_when_the_turn_came() -> None:
    time = FakeTime()
    limiter = RateLimiter(ROOMY, ROOMY, ROOMY, clock=time.clock, sleep=time.sleep)
    time.now = 3.5
    assert await limiter.acquire("7") == 3.5


@pytest.mark.parametrize(("claim_seconds", "turns"), [(0.0, 2), (5.0, 4)])
async def test_a_row_claimed_late_takes_its_turn_again(uow_factory: UnitOfWorkFactory, clock: VirtualClock,
                                                       claim_seconds: float, turns: int) -> None:
    time = FakeTime()
    limiter = RateLimiter(ROOMY, ROOMY, ROOMY, clock=time.clock, sleep=time.sleep)
    taken: list[float] = []
    acquire = limiter.acquire

    async def counted(chat_id: str) -> float:
        taken.append(time.now)
        return await acquire(chat_id)

    limiter.acquire = counted  # type: ignore[method-assign]
    async with uow_factory() as uow:
        for text in ("one", "two"):
            uow.outbox.add(new_row("alpha", "7", text, clock()))
        await uow.commit()
    runtime = Runtime(Idle(), SlowClaims(uow_factory, time, claim_seconds), clock, Recorder, limiter=limiter)
    assert await runtime.drain_outbox(10) == 2
    assert isinstance(runtime.channel, Recorder) and runtime.channel.sent == ["one", "two"]
    assert len(taken) == turns  # one turn a row; two when the claim outlasted the turn
