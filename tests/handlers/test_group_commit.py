"""Group commit: updates in hand at the same time share one transaction, and behave as if alone.

The core's ``handle`` is called concurrently by the channels (``ChatOrder`` keeps one update per
chat in hand); these tests call it concurrently the same way, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from flow_helpers import register, report
from sqlalchemy import func, select

from handlers.batching import GroupCommit
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage import models as m
from storage.uow import UnitOfWorkFactory


class CountingFactory:
    """The unit-of-work factory, counting the transactions opened."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner, self.opened = inner, 0
        self.outbox_listeners = inner.outbox_listeners

    def __call__(self) -> Any:
        self.opened += 1
        return self.inner()


class FailingOn(KeywordClassifier):
    """The test classifier, but a message containing ``word`` makes the flow fail."""

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word

    def __call__(self, text: str) -> Any:
        if self.word in text:
            raise RuntimeError("classifier broke")
        return super().__call__(text)


def hello(chat_id: str, update_id: str) -> Incoming:
    return Incoming(channel="telegram", chat_id=chat_id, user_id=chat_id, update_id=update_id, text="你好")


async def count(uow_factory: UnitOfWorkFactory, model: Any) -> int:
    async with uow_factory() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model)))


async def test_updates_in_hand_together_share_one_transaction(uow_factory: UnitOfWorkFactory,
                                                              clock: VirtualClock) -> None:
    counting = CountingFactory(uow_factory)
    core = Dispatcher(counting, KeywordClassifier(), clock)
    before = await count(uow_factory, m.ProcessedUpdate), await count(uow_factory, m.Conversation)
    alone = await core.handle(hello("900", "u900"))
    counting.opened = 0
    replies = await asyncio.gather(*(core.handle(hello(str(1000 + i), f"u{i}")) for i in range(12)))
    assert counting.opened == 1  # twelve updates, one transaction
    assert [[r.text for r in rs] for rs in replies] == [[r.text for r in alone]] * 12
    assert [rs[0].chat_id for rs in replies] == [str(1000 + i) for i in range(12)]
    assert replies[0][0].buttons == alone[0].buttons
    after = await count(uow_factory, m.ProcessedUpdate), await count(uow_factory, m.Conversation)
    assert (after[0] - before[0], after[1] - before[1]) == (13, 13)


async def test_a_lone_update_is_not_held_back(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    counting = CountingFactory(uow_factory)
    core = Dispatcher(counting, KeywordClassifier(), clock)
    for i in range(3):
        await core.handle(hello(str(2000 + i), f"v{i}"))
    assert counting.opened == 3


async def test_reports_made_at_once_each_get_their_own_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    names = [f"r{i}" for i in range(6)]
    await asyncio.gather(*(register(chat, name) for name in names))
    numbers = await asyncio.gather(*(report(chat, name, "老板拖欠工资三个月") for name in names))
    assert len(set(numbers)) == 6
    assert await count(uow_factory, m.Case) == 6
    for name in names:
        assert not any("出了点问题" in text for text in chat.texts(name))


async def test_one_failing_update_costs_the_others_nothing(uow_factory: UnitOfWorkFactory, clock: VirtualClock,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, FailingOn("故障"), clock), uow_factory, clock)
    await chat.bind_all_staff()
    names = [f"f{i}" for i in range(5)]
    for name in names:
        await register(chat, name)
    texts = {name: "楼上漏水" for name in names}
    texts["f2"] = "楼上漏水故障"
    with caplog.at_level("INFO", logger="handlers.dispatcher"):
        await asyncio.gather(*(chat.say(name, texts[name]) for name in names))
    assert "a batch of 5 updates failed (RuntimeError); handling each alone" in caplog.text
    assert "抱歉" in chat.last("f2").text
    for name in names:
        if name != "f2":
            assert "确认提交" in [b.label for b in chat.last(name).flat_buttons()], chat.texts(name)
    numbers = await asyncio.gather(*(chat.press(name, "确认提交") for name in names if name != "f2"))
    cases = [re.search(r"案件编号 (\S+?)。", rs[0].text) for rs in numbers]
    assert all(cases) and len({c.group(1) for c in cases if c}) == 4
    assert await count(uow_factory, m.Case) == 4  # the batch that failed left nothing behind


async def test_a_redelivered_update_in_a_batch_gets_its_replies_again(uow_factory: UnitOfWorkFactory,
                                                                      clock: VirtualClock) -> None:
    core = Dispatcher(uow_factory, KeywordClassifier(), clock)
    before = await count(uow_factory, m.ProcessedUpdate)
    first = await core.handle(hello("3000", "w1"))
    again, other = await asyncio.gather(core.handle(hello("3000", "w1")), core.handle(hello("3001", "w2")))
    assert [r.text for r in again] == [r.text for r in first]
    assert [r.text for r in other] == [r.text for r in first]
    assert await count(uow_factory, m.ProcessedUpdate) - before == 2


# --------------------------------------------------------------------------- GroupCommit itself


async def test_one_chat_never_twice_in_a_batch_and_order_kept() -> None:
    seen: list[list[tuple[str, int]]] = []

    async def run(batch: list[tuple[str, int]]) -> list[int]:
        seen.append(batch)
        return [n for _, n in batch]

    group: GroupCommit[tuple[str, int], int] = GroupCommit(run, key=lambda item: item[0], max_batch=3)
    items = [("a", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5), ("d", 6)]
    results = await asyncio.gather(*(group.submit(item) for item in items))
    assert results == [1, 2, 3, 4, 5, 6]
    for batch in seen:
        assert len(batch) <= 3 and len({key for key, _ in batch}) == len(batch)
    order_of_a = [n for batch in seen for key, n in batch if key == "a"]
    assert order_of_a == [1, 2, 5]


async def test_a_cancelled_submitter_does_not_strand_the_others() -> None:
    entered = asyncio.Event()
    release = asyncio.Event()
    ran: list[list[int]] = []

    async def run(batch: list[int]) -> list[int]:
        ran.append(batch)
        if len(ran) == 1:
            entered.set()
            await release.wait()  # the first batch hangs until told to go on
        return [n * 10 for n in batch]

    group: GroupCommit[int, int] = GroupCommit(run, key=lambda n: n, max_batch=2)
    first = [asyncio.create_task(group.submit(n)) for n in (1, 2)]
    await entered.wait()
    queued = [asyncio.create_task(group.submit(n)) for n in (3, 4, 5)]
    await asyncio.sleep(0)  # all three queued behind the running batch
    first[0].cancel()  # its item is in the running batch: the batch goes on for the other
    queued[1].cancel()  # its item is still queued: it leaves the queue, never run
    release.set()
    for task in (first[0], queued[1]):
        with pytest.raises(asyncio.CancelledError):
            await task
    assert await first[1] == 20
    assert [await queued[0], await queued[2]] == [30, 50]
    assert ran == [[1, 2], [3, 5]]


async def test_a_batch_nobody_waits_for_any_more_is_cancelled_and_the_queue_goes_on() -> None:
    """A stopping worker drops what it had in hand: the running batch is cancelled (in the core,
    its transaction rolled back), and items queued behind it still run."""
    entered = asyncio.Event()
    cancelled: list[list[int]] = []

    async def run(batch: list[int]) -> list[int]:
        if batch == [1, 2]:
            entered.set()
            try:
                await asyncio.Event().wait()  # stuck before its commit
            except asyncio.CancelledError:
                cancelled.append(batch)
                raise
        return [n * 10 for n in batch]

    group: GroupCommit[int, int] = GroupCommit(run, key=lambda n: n, max_batch=2)
    stuck = [asyncio.create_task(group.submit(n)) for n in (1, 2)]
    await entered.wait()
    later = asyncio.create_task(group.submit(3))
    await asyncio.sleep(0)
    stuck[0].cancel()
    await asyncio.sleep(0)
    assert cancelled == []  # one submitter still waits: the batch goes on
    stuck[1].cancel()
    assert await later == 30
    assert cancelled == [[1, 2]]
    for task in stuck:
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_a_lone_submitter_after_a_quiet_spell_gets_a_batcher_again() -> None:
    """The batcher leaves when the queue is empty; the next item starts another."""
    group: GroupCommit[int, int] = GroupCommit(_tenfold, key=lambda n: n)
    assert await group.submit(1) == 10
    await asyncio.sleep(0)
    assert await group.submit(2) == 20
    assert (group.batches, group.items) == (2, 2)


async def _tenfold(batch: list[int]) -> list[int]:
    return [n * 10 for n in batch]


async def test_an_error_in_run_reaches_every_submitter() -> None:
    async def run(batch: list[int]) -> list[int]:
        raise ValueError("broken")

    group: GroupCommit[int, int] = GroupCommit(run, key=lambda n: n)
    results = await asyncio.gather(*(group.submit(n) for n in range(3)), return_exceptions=True)
    assert all(isinstance(r, ValueError) for r in results)
