"""ConfirmingPoller: an update is confirmed to Telegram only once it and all before it are handled,
and during a long batch the handled start is confirmed without waiting for the batch's end."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.channels.base import ConfirmingPoller


@dataclass(frozen=True)
class Upd:
    update_id: int
    chat: str


class FakeTelegram:
    """getUpdates over a list: ``offset`` confirms everything below it; records each call."""

    def __init__(self, updates: list[Upd]) -> None:
        self.pending = list(updates)
        self.calls: list[tuple[int | None, int, int]] = []
        self.called = asyncio.Event()

    async def fetch(self, offset: int | None, timeout: int, limit: int) -> list[Upd]:
        self.calls.append((offset, timeout, limit))
        self.called.set()
        if offset:
            self.pending = [u for u in self.pending if u.update_id >= offset]
        if not self.pending and timeout:
            await asyncio.Event().wait()  # a long poll with nothing to say: until cancelled
        return self.pending[:limit]


class Gate:
    """The handler: each update waits until the test lets it through."""

    def __init__(self) -> None:
        self.open: dict[int, asyncio.Event] = {}
        self.handled: list[int] = []

    async def handle(self, update: Upd) -> None:
        await self.open.setdefault(update.update_id, asyncio.Event()).wait()
        self.handled.append(update.update_id)

    async def let(self, *ids: int) -> None:
        for i in ids:
            self.open.setdefault(i, asyncio.Event()).set()
        for _ in range(20):  # let the handlers and the confirmation they start run
            await asyncio.sleep(0)


def _poller(telegram: FakeTelegram, gate: Gate) -> ConfirmingPoller:
    return ConfirmingPoller(telegram.fetch, gate.handle, lambda u: u.update_id, confirm_every=0)


async def test_the_handled_start_of_a_batch_is_confirmed_at_once() -> None:
    telegram = FakeTelegram([Upd(1, "a"), Upd(2, "b"), Upd(3, "c"), Upd(4, "a")])
    gate = Gate()
    poller = _poller(telegram, gate)
    poller.start()
    await gate.let()
    assert telegram.calls == [(None, 10, 100)]

    await gate.let(2, 3)  # handled, but update 1 is not: nothing may be confirmed
    assert telegram.calls == [(None, 10, 100)]

    await gate.let(1)  # 1, 2, 3 handled: confirmed while 4 is still in hand
    assert telegram.calls[1] == (4, 0, 1)
    assert [u.update_id for u in telegram.pending] == [4]

    await gate.let(4)  # the batch is done: the next long poll confirms it
    assert telegram.calls[-1] == (5, 10, 100)
    assert gate.handled == [2, 3, 1, 4]
    await poller.stop()


async def test_a_process_killed_mid_batch_gets_only_the_unconfirmed_rest_again() -> None:
    telegram = FakeTelegram([Upd(i, f"chat{i}") for i in range(1, 6)])
    gate = Gate()
    first = _poller(telegram, gate)
    first.start()
    await gate.let(1, 2)
    assert first._task is not None
    first._task.cancel()  # killed: no graceful stop, no final confirmation
    await gate.let()

    again = Gate()
    second = _poller(telegram, again)
    second.start()
    await again.let(3, 4, 5)
    assert again.handled == [3, 4, 5]  # 1 and 2 were confirmed before the kill
    await second.stop()


async def test_confirmations_wait_for_the_interval() -> None:
    telegram = FakeTelegram([Upd(1, "a"), Upd(2, "b")])
    gate = Gate()
    poller = ConfirmingPoller(telegram.fetch, gate.handle, lambda u: u.update_id,
                              confirm_every=3600)
    poller.start()
    await gate.let(1)
    assert telegram.calls == [(None, 10, 100)]  # within the hour: left to the batch's end
    await gate.let(2)
    assert telegram.calls[-1] == (3, 10, 100)
    await poller.stop()


async def test_stop_leaves_an_update_stuck_past_the_grace_unconfirmed() -> None:
    """A stopping poller lets the batch in hand finish for its grace, then cancels what is still
    running (a transaction stuck): the handled start is confirmed, the stuck rest comes again."""
    telegram = FakeTelegram([Upd(1, "a"), Upd(2, "b"), Upd(3, "c")])
    gate = Gate()
    poller = ConfirmingPoller(telegram.fetch, gate.handle, lambda u: u.update_id, confirm_every=60, stop_grace=0)
    poller.start()
    await gate.let(1)  # 2 and 3 never finish
    await poller.stop()
    assert gate.handled == [1]
    assert telegram.calls[-1][0] == 2  # below 2 confirmed; 2 and 3 delivered again
    assert [u.update_id for u in telegram.pending] == [2, 3]
