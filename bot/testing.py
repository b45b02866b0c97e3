"""The test harness driven through the runtime ``linli run`` uses: an in-memory channel.

Why: a test that says something through ``handlers.testing.ChatHarness`` then takes the same path
as a Telegram update (the runtime's reply path with its rate limiter, deferral to the outbox when a
send fails, the outbox drain of the channels served), like botbuilder's TestAdapter. The limiter
here never waits (tests run on a virtual clock, without sleeps); its buckets are tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.channels.base import OnIncoming
from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import Runtime
from handlers.messages import Capabilities, Outgoing
from handlers.testing import CHANNEL, VirtualClock
from storage.uow import settle

UNLIMITED = Bucket(1e9, 1e9)


class MemoryChannel:
    """Keeps what it is asked to send; ``fail`` (a callable) may refuse a send to test deferral."""

    def __init__(self, name: str, on_incoming: OnIncoming, capabilities: Capabilities) -> None:
        self.name, self.on_incoming, self.capabilities = name, on_incoming, capabilities
        self.sent: list[Outgoing] = []
        self.fail: Callable[[Outgoing], Exception | None] | None = None

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, outgoing: Outgoing) -> str | None:
        error = self.fail(outgoing) if self.fail is not None else None
        if error is not None:
            raise error
        self.sent.append(outgoing)
        return str(len(self.sent))


class RuntimeTransport:
    """``handlers.testing.Transport`` through a ``bot.runtime.Runtime`` with one ``MemoryChannel``."""

    def __init__(self, dispatcher: Any, uow_factory: Callable[[], Any], clock: VirtualClock,
                 channel: str = CHANNEL, capabilities: Capabilities | None = None) -> None:
        made: list[MemoryChannel] = []

        def factory(on_incoming: OnIncoming) -> MemoryChannel:
            made.append(MemoryChannel(channel, on_incoming, capabilities or Capabilities()))
            return made[0]

        self.runtime = Runtime(dispatcher, uow_factory, clock, factory,
                               limiter=RateLimiter(UNLIMITED, UNLIMITED, UNLIMITED))
        self.channel = made[0]

    async def handle(self, incoming: Any) -> list[Outgoing]:
        start = len(self.channel.sent)
        await self.channel.on_incoming(incoming)
        return self.channel.sent[start:]

    async def deliver(self, channel: str) -> list[Outgoing]:
        start = len(self.channel.sent)
        await settle(self.runtime.uow_factory)
        while await self.runtime.drain_outbox(100) == 100:
            pass
        return self.channel.sent[start:]
