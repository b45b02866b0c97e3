"""Build the whole bot against the fake Bot API: database, core, runtime, channel.

Why a context manager and not fixtures: the tests (and ``bench/telegram.py``) need to stop and
rebuild the process part mid-test (the restart test) while the database and the fake server live
on; a plain object with ``start``/``restart``/``stop`` says that directly.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakebotapi import FakeBotAPI, Limits

from bot.channels.base import Channel, OnIncoming, WebhookConfig
from bot.ratelimit import RateLimiter
from bot.runtime import Core, Runtime
from handlers.dispatcher import Dispatcher
from handlers.messages import Button, Incoming, Outgoing
from handlers.testing import KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

WEBHOOK_SECRET = "s3cret-Token_for-tests"
SPEED = 5.0  # tests run Telegram's flood limits 5x faster, on both sides alike


def fake_server(**kw: Any) -> FakeBotAPI:
    """A fake Bot API enforcing the flood limits at test speed."""
    return FakeBotAPI(limits=Limits().faster(SPEED), **kw)


def channel_factory(framework: str, server: FakeBotAPI, webhook: WebhookConfig | None,
                    concurrency: int = 64) -> Callable[[OnIncoming], Channel]:
    def make(on_incoming: OnIncoming) -> Channel:
        if framework == "aiogram":
            from bot.channels.aiogram import AiogramChannel

            return AiogramChannel(server.token, on_incoming, api_base=server.base_url, webhook=webhook,
                                  concurrency=concurrency, poll_timeout=2)
        from bot.channels.ptb import PtbChannel

        return PtbChannel(server.token, on_incoming, api_base=server.base_url, webhook=webhook,
                          concurrency=concurrency, poll_timeout=2)

    return make


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_config(stop_grace: float = 10.0) -> WebhookConfig:
    port = free_port()
    return WebhookConfig(url=f"http://127.0.0.1:{port}/tg/hook", host="127.0.0.1", port=port, secret=WEBHOOK_SECRET,
                         stop_grace=stop_grace)


async def make_database(tmp_path: Path) -> tuple[Any, UnitOfWorkFactory]:
    engine = make_engine(f"sqlite:///{tmp_path / 'linli.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    sessions = make_session_factory(engine)
    await import_roster(sessions, sample_roster_path())
    return engine, UnitOfWorkFactory(sessions)


class EchoCore:
    """A stand-in core: echoes text with one button and reports presses; for channel tests."""

    def __init__(self) -> None:
        self.seen: list[Incoming] = []
        self.update_ids: set[str] = set()

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        if incoming.update_id in self.update_ids:
            return []
        self.update_ids.add(incoming.update_id)
        self.seen.append(incoming)
        if incoming.payload:
            return [Outgoing(incoming.chat_id, f"pressed {incoming.payload}")]
        if incoming.contact:
            return [Outgoing(incoming.chat_id, f"phone {incoming.contact.phone}")]
        if incoming.location:
            return [Outgoing(incoming.chat_id, f"at {incoming.location.latitude},{incoming.location.longitude}")]
        if incoming.photo_file_id:
            return [Outgoing(incoming.chat_id, f"photo {incoming.photo_file_id}")]
        if incoming.text == "/phone":
            return [Outgoing(incoming.chat_id, "share please", request_contact=True, request_location=True)]
        return [Outgoing(incoming.chat_id, f"echo {incoming.text}", buttons=((Button("OK", "echo:ok"),),))]

    async def run_due(self, limit: int = 100) -> int:
        return 0


@dataclass
class Stack:
    tmp_path: Path
    framework: str
    mode: str  # polling | webhook
    server: FakeBotAPI
    core_kind: str = "linli"  # linli | echo | given (``core`` as passed)
    clock: VirtualClock = field(default_factory=VirtualClock)
    engine: Any = None
    uow_factory: UnitOfWorkFactory | None = None
    core: Core | None = None
    runtime: Runtime | None = None
    limiter: RateLimiter | None = None
    tick_seconds: float = 3600.0  # tests tick by hand (or by the kick after each update)
    concurrency: int = 64
    webhook_grace: float = 10.0  # how long a stopping worker lets updates in hand finish

    async def start(self) -> Stack:
        if self.engine is None:
            self.engine, self.uow_factory = await make_database(self.tmp_path)
        if self.core_kind == "echo":
            self.core = self.core if isinstance(self.core, EchoCore) else EchoCore()
        elif self.core_kind == "given":
            assert self.core is not None, "core_kind='given' needs a core"
        else:
            self.core = Dispatcher(self.uow_factory, KeywordClassifier(), self.clock, channel_default="telegram")
        # Kept across restarts: a real restart takes longer than Telegram's windows, a test's
        # does not, and a fresh limiter would start with a full burst the server still counts.
        self.limiter = self.limiter or RateLimiter.faster(SPEED)
        hook = webhook_config(self.webhook_grace) if self.mode == "webhook" else None
        self.runtime = Runtime(self.core, self.uow_factory, self.clock,
                               channel_factory(self.framework, self.server, hook, self.concurrency),
                               limiter=self.limiter, tick_seconds=self.tick_seconds)
        await self.runtime.start()
        return self

    async def stop(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
            self.runtime = None

    async def restart(self) -> None:
        """A new process on the same database and the same Telegram (a crash-free restart)."""
        await self.stop()
        await self.start()

    async def close(self) -> None:
        await self.stop()
        if self.engine is not None:
            await self.engine.dispose()

    async def tick(self) -> tuple[int, int]:
        assert self.runtime is not None
        return await self.runtime.tick()

    async def advance(self, **delta: float) -> tuple[int, int]:
        from datetime import timedelta

        self.clock.advance(timedelta(**delta))
        return await self.tick()

    async def invite(self, staff_id: str) -> str:
        assert isinstance(self.core, Dispatcher)
        return await self.core.invite(staff_id)

    async def deliver_all(self, timeout: float = 20.0) -> None:
        """Move the virtual clock on until the outbox holds nothing pending (retries included)."""
        assert self.uow_factory is not None and self.runtime is not None

        async def pending() -> int:
            async with self.uow_factory() as uow:  # type: ignore[misc]
                return await uow.outbox.pending_count()

        async with asyncio.timeout(timeout):
            while await pending():
                await self.advance(seconds=60)


async def open_stack(tmp_path: Path, framework: str, mode: str, server: FakeBotAPI, **kw: Any) -> Stack:
    return await Stack(tmp_path, framework, mode, server, **kw).start()


@asynccontextmanager
async def running_stack(tmp_path: Path, framework: str, mode: str, **kw: Any) -> AsyncIterator[Stack]:
    """A fake server and linli on it, closed afterwards: what a test fixture yields."""
    async with fake_server() as server:
        stack = await open_stack(tmp_path, framework, mode, server, **kw)
        try:
            yield stack
        finally:
            await stack.close()


def has(label: str) -> Callable[[Any], bool]:
    """A ``wait_message`` predicate: the message carries a button labelled ``label``."""
    return lambda m: label in m.labels
