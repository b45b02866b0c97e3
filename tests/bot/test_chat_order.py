"""Per-chat order in one place: the runtime. Updates of one chat are handled one at a time in the
order they reached ``Runtime.on_incoming``, whatever the channel; other chats (and the same chat
id on another channel) run at the same time. Driven by in-memory channels and a gated core."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bot.channels.base import ConfirmingPoller
from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import ChatOrder, Runtime
from bot.testing import MemoryChannel
from handlers.messages import Capabilities, Incoming, Outgoing
from handlers.testing import VirtualClock


class GatedCore:
    """Each update waits for its own gate; records when each starts and ends."""

    def __init__(self) -> None:
        self.started: dict[str, asyncio.Event] = {}
        self.gates: dict[str, asyncio.Event] = {}
        self.log: list[str] = []

    def _event(self, table: dict[str, asyncio.Event], key: str) -> asyncio.Event:
        return table.setdefault(key, asyncio.Event())

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        uid = incoming.update_id
        self.log.append(f"start {uid}")
        self._event(self.started, uid).set()
        await self._event(self.gates, uid).wait()
        self.log.append(f"end {uid}")
        if incoming.text == "boom":
            raise RuntimeError("the core failed")
        return [Outgoing(chat_id=incoming.chat_id, text=f"done {uid}")]

    async def run_due(self, limit: int = 100) -> int:
        return 0

    async def wait_started(self, *uids: str) -> None:
        await asyncio.gather(*(self._event(self.started, u).wait() for u in uids))

    def release(self, uid: str) -> None:
        self._event(self.gates, uid).set()

    def has_started(self, uid: str) -> bool:
        return uid in self.started and self.started[uid].is_set()


class NoUow:
    """The runtime's unit of work is not touched by these tests (no deferral, no drain)."""

    def __call__(self) -> Any:
        raise AssertionError("no database expected")


def _runtime(core: GatedCore) -> tuple[Runtime, MemoryChannel, MemoryChannel]:
    made: dict[str, MemoryChannel] = {}

    def factory(name: str) -> Any:
        def make(on_incoming: Any) -> MemoryChannel:
            made[name] = MemoryChannel(name, on_incoming, Capabilities())
            return made[name]
        return make

    fast = Bucket(1e9, 1e9)
    runtime = Runtime(core, NoUow(), VirtualClock(), [factory("alpha"), factory("beta")],
                      limiter=RateLimiter(fast, fast, fast))
    return runtime, made["alpha"], made["beta"]


def _inc(channel: str, chat: str, uid: str, text: str = "hi") -> Incoming:
    return Incoming(channel=channel, chat_id=chat, user_id=chat, update_id=uid, text=text)


async def test_one_chat_in_order_other_chats_and_channels_at_once() -> None:
    core = GatedCore()
    runtime, alpha, beta = _runtime(core)
    updates = [_inc("alpha", "1", "a1"), _inc("alpha", "1", "a2"), _inc("alpha", "2", "b1"),
               _inc("beta", "1", "c1"), _inc("beta", "1", "c2"), _inc("alpha", "1", "a3")]
    tasks = [asyncio.create_task(runtime.on_incoming(u)) for u in updates]
    # The first update of each chat runs at once, alpha's chat 1 and beta's chat 1 being two chats.
    await core.wait_started("a1", "b1", "c1")
    assert not any(core.has_started(u) for u in ("a2", "a3", "c2"))
    assert len(runtime.order) == 3

    core.release("a3")  # a later update let through first still waits for its turn
    core.release("a2")
    core.release("b1")
    core.release("c2")
    await tasks[2]
    assert not core.has_started("a3") and not core.has_started("c2")

    core.release("a1")
    core.release("c1")
    await asyncio.gather(*tasks)
    chat_a = [e for e in core.log if e.split()[1].startswith("a")]
    assert chat_a == ["start a1", "end a1", "start a2", "end a2", "start a3", "end a3"]
    chat_c = [e for e in core.log if e.split()[1].startswith("c")]
    assert chat_c == ["start c1", "end c1", "start c2", "end c2"]
    assert [o.text for o in alpha.sent if o.chat_id == "1"] == ["done a1", "done a2", "done a3"]
    assert [o.text for o in beta.sent] == ["done c1", "done c2"]
    assert len(runtime.order) == 0  # idle chats are forgotten


async def test_a_failed_update_passes_the_turn_on() -> None:
    core = GatedCore()
    runtime, alpha, _beta = _runtime(core)
    first = asyncio.create_task(runtime.on_incoming(_inc("alpha", "9", "x1", "boom")))
    second = asyncio.create_task(runtime.on_incoming(_inc("alpha", "9", "x2")))
    await core.wait_started("x1")
    core.release("x1")
    core.release("x2")
    await asyncio.gather(first, second)  # the runtime swallowed the failure
    assert core.log == ["start x1", "end x1", "start x2", "end x2"]
    assert [o.text for o in alpha.sent] == ["done x2"]


async def test_the_channels_concurrency_bounds_updates_in_hand() -> None:
    core = GatedCore()

    class Narrow(MemoryChannel):
        concurrency = 2

    made: list[Narrow] = []

    def make(on_incoming: Any) -> Narrow:
        made.append(Narrow("narrow", on_incoming, Capabilities()))
        return made[0]

    fast = Bucket(1e9, 1e9)
    runtime = Runtime(core, NoUow(), VirtualClock(), make, limiter=RateLimiter(fast, fast, fast))
    tasks = [asyncio.create_task(runtime.on_incoming(_inc("narrow", str(n), f"n{n}"))) for n in range(3)]
    await core.wait_started("n0", "n1")
    assert not core.has_started("n2")  # three chats, but only two in hand at once
    core.release("n0")
    await core.wait_started("n2")
    core.release("n1")
    core.release("n2")
    await asyncio.gather(*tasks)


async def test_idle_waits_for_updates_in_hand() -> None:
    order = ChatOrder()
    entered = asyncio.Event()
    leave = asyncio.Event()

    async def hold() -> None:
        async with order.turn("alpha", "1"):
            entered.set()
            await leave.wait()

    task = asyncio.create_task(hold())
    await entered.wait()
    idle = asyncio.create_task(order.idle())
    await asyncio.sleep(0)
    assert not idle.done()
    leave.set()
    await asyncio.gather(task, idle)
    assert len(order) == 0


@dataclass(frozen=True)
class Upd:
    update_id: int
    chat: str


async def test_a_polled_batch_is_ordered_by_the_runtime() -> None:
    """The poller hands the whole batch on at once; the runtime alone keeps chat "a" in order
    while chat "b" is handled meanwhile."""
    core = GatedCore()
    runtime, alpha, _beta = _runtime(core)
    batch = [Upd(1, "a"), Upd(2, "a"), Upd(3, "b")]
    fetched = asyncio.Event()

    async def fetch(offset: int | None, timeout: int, limit: int) -> list[Upd]:
        if offset is None:
            return batch
        fetched.set()
        await asyncio.Event().wait()  # a long poll with nothing to say: until cancelled
        return []

    async def handle(update: Upd) -> None:
        await runtime.on_incoming(_inc("alpha", update.chat, f"u{update.update_id}"))

    poller = ConfirmingPoller(fetch, handle, lambda u: u.update_id, confirm_every=3600)
    poller.start()
    await core.wait_started("u1", "u3")
    assert not core.has_started("u2")
    core.release("u3")
    core.release("u2")
    core.release("u1")
    await fetched.wait()  # the batch is done: the next long poll confirms it
    assert core.log.index("end u1") < core.log.index("start u2")
    assert poller.offset == 4
    await poller.stop()
