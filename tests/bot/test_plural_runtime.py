"""One runtime, several channels: replies go back on the speaker's channel, the drain claims only
the rows of channels this process serves, and a staff member is reachable on each channel."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.channels import registry
from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.messages import Capabilities, Incoming, Outgoing
from handlers.outbox import new_row
from handlers.testing import ChatHarness, VirtualClock
from storage import models as m
from storage.uow import UnitOfWorkFactory


def fast() -> RateLimiter:
    return RateLimiter(Bucket(1e9, 1e9), Bucket(1e9, 1e9), Bucket(1e9, 1e9))


class Echo:
    """Answers every update with its text, on no channel in particular."""

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return [Outgoing(chat_id=incoming.chat_id, text=f"echo {incoming.text}")]

    async def run_due(self, limit: int = 100) -> int:
        return 0


class Recorder:
    def __init__(self, name: str, on_incoming: Any) -> None:
        self.name, self.on_incoming = name, on_incoming
        self.capabilities = Capabilities(per_chat_per_second=5.0, global_per_second=50.0)
        self.sent: list[tuple[str, str]] = []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, outgoing: Outgoing) -> str | None:
        assert outgoing.channel in (None, self.name)
        self.sent.append((outgoing.chat_id, outgoing.text))
        return str(len(self.sent))


def _runtime(uow_factory: UnitOfWorkFactory, clock: VirtualClock, limited: bool = True
             ) -> tuple[Runtime, Recorder, Recorder]:
    made: dict[str, Recorder] = {}

    def factory(name: str) -> Any:
        def make(on_incoming: Any) -> Recorder:
            made[name] = Recorder(name, on_incoming)
            return made[name]
        return make

    runtime = Runtime(Echo(), uow_factory, clock, [factory("alpha"), factory("beta")],
                      limiter=fast() if limited else None)
    return runtime, made["alpha"], made["beta"]


async def test_replies_go_back_on_the_speakers_channel(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    runtime, alpha, beta = _runtime(uow_factory, clock)
    await alpha.on_incoming(Incoming(channel="beta", chat_id="7", user_id="7", update_id="u1", text="hi"))
    await alpha.on_incoming(Incoming(channel="alpha", chat_id="7", user_id="7", update_id="u2", text="yo"))
    assert beta.sent == [("7", "echo hi")] and alpha.sent == [("7", "echo yo")]


async def test_the_drain_claims_only_rows_of_channels_it_serves(uow_factory: UnitOfWorkFactory,
                                                                clock: VirtualClock) -> None:
    runtime, alpha, beta = _runtime(uow_factory, clock)
    async with uow_factory() as uow:
        for channel in ("alpha", "telegram", "beta"):
            uow.outbox.add(new_row(channel, "1", f"to {channel}", clock()))
        await uow.commit()
    assert await runtime.drain_outbox(10) == 2
    assert alpha.sent == [("1", "to alpha")] and beta.sent == [("1", "to beta")]
    async with uow_factory() as uow:
        rows = {r.channel: r for r in await uow.outbox.to_chat("telegram", "1")}
        assert (rows["telegram"].state, rows["telegram"].attempts) == ("pending", 0)  # another process's


def test_each_channel_gets_a_limiter_from_its_capabilities(uow_factory: UnitOfWorkFactory,
                                                           clock: VirtualClock) -> None:
    runtime, _, _ = _runtime(uow_factory, clock, limited=False)
    assert set(runtime.limiters) == {"alpha", "beta"}
    assert runtime.limiters["alpha"] is not runtime.limiters["beta"]


def test_two_channels_of_one_name_are_refused(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    with pytest.raises(ValueError):
        Runtime(Echo(), uow_factory, clock, [lambda on: Recorder("a", on), lambda on: Recorder("a", on)])


def test_the_registry_builds_the_console(tmp_path: Any) -> None:
    options = registry.RunOptions(settings=Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"),
                                  on_incoming=None)
    channel = registry.factory("console", options)(lambda incoming: None)
    assert channel.name == "console" and channel.capabilities.buttons


async def test_staff_are_reachable_on_each_channel_and_told_where_they_spoke_last(
        chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    code = await chat.dispatcher.invite("room-mage-1")
    await chat.dispatcher.handle(Incoming(channel="telegram", chat_id="900", user_id="900",
                                          update_id=uuid.uuid4().hex, text=f"/start {code}"))
    async with uow_factory() as uow:
        bindings = {(b.channel, b.chat_id) for b in await uow.roster.bindings("room-mage-1")}
        member = await uow.roster.staff("room-mage-1")
        assert member is not None
        assert bindings == {("console", "staff:room-mage-1"), ("telegram", "900")}
        assert (member.channel, member.chat_id) == ("telegram", "900")
    await chat.say("staff:room-mage-1", "/help")  # back on the console: notices follow
    async with uow_factory() as uow:
        member = await uow.roster.staff("room-mage-1")
        assert member is not None and (member.channel, member.chat_id) == ("console", "staff:room-mage-1")
        assert await uow.session.get(m.StaffBinding, ("room-mage-1", "telegram")) is not None
