"""Group commit: updates that arrive together are handled together, in one transaction.

Why: an update's transaction cost about a millisecond on SQLite, and most of it did not depend on
the update: opening a session, BEGIN and COMMIT, the ORM's flush bookkeeping, and three statements
of the same shape every time (the chat's upsert and select, the processed-update claim). Updates
that queue up together (a ``getUpdates`` batch, a burst of webhook calls) now share all of that:
one upsert, one select, one claim, one flush, one commit. The caller still awaits its own result.

Why no timer: the batcher yields to the event loop for as long as its turns bring more updates
(the requests and tasks the sockets delivered meanwhile), and stops after eight turns in a row that
bring none: the frameworks hand updates over a few turns apart (as replies go out, python-telegram-
bot's slots free one by one), and stopping at the first idle turn cut its batches to 2-5 updates;
eight give 25-31 in bench/telegram.py. A turn with nothing to do costs
microseconds, so a lone update still goes at once; batches grow only when updates pile up, i.e.
when throughput matters. Items with the same key (the same chat) never share a batch: the later
one waits for the next, so a chat's updates stay in order.

Why a batcher task and not the submitters taking turns: when the submitter whose turn it was ran
the batch for everybody, the others got their results one by one, each having to take the turn
(a semaphore), find its result there and pass the turn on. Measured in bench/telegram.py with a
batch function that does nothing (aiogram, polling), that relay alone took the rate from about
1,750 to 1,400 updates/s, 0.14 ms per update; with a batcher task the loss is within noise. Now
each submitter only awaits its own result, and a batch's submitters all wake at once. A submitter that is cancelled (a
stopping webhook worker) leaves the queue if its item is still there; a batch already running is
finished for the others.

Why ``parallel``: SQLite has one writer, so one batch at a time there; on PostgreSQL a few batches
run side by side on separate connections.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class GroupCommit(Generic[T, R]):
    """``await submit(item)`` returns ``run(batch)[index of item]``; ``run`` gets up to
    ``max_batch`` items with distinct keys, in the order they were submitted."""

    def __init__(self, run: Callable[[list[T]], Awaitable[list[R]]], key: Callable[[T], Hashable],
                 *, max_batch: int = 32, parallel: int = 1, idle_turns: int = 8) -> None:
        self._run, self._key, self.max_batch, self.idle_turns = run, key, max_batch, idle_turns
        self._queue: deque[tuple[T, asyncio.Future[R]]] = deque()
        self._parallel = parallel
        self._running = 0  # batchers at work, counted without an await in between (no lost wake-up)
        self._tasks: set[asyncio.Task[None]] = set()
        self._batches: dict[asyncio.Future[list[R]], list[tuple[T, asyncio.Future[R]]]] = {}  # running
        self.batches = self.items = 0  # ``run`` calls and the items they got (the bench reports the mean)

    async def submit(self, item: T) -> R:
        entry = (item, asyncio.get_running_loop().create_future())
        self._queue.append(entry)
        if self._running < self._parallel:
            self._running += 1
            task = asyncio.create_task(self._batcher(), name="linli-group-commit")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        try:
            return await entry[1]
        except asyncio.CancelledError:
            if entry in self._queue:  # nobody is waiting for it any more: not handled at all
                self._queue.remove(entry)
            else:
                self._abandon_if_orphaned(entry)
            raise

    def _abandon_if_orphaned(self, entry: tuple[T, asyncio.Future[R]]) -> None:
        """A running batch whose submitters have all gone is cancelled (its transaction rolled
        back), as it was when a submitter ran it: a stopping worker drops what it still had in hand."""
        for run, batch in self._batches.items():
            if entry in batch and all(future.done() for _, future in batch):
                run.cancel()

    async def _batcher(self) -> None:
        """Run batches while items wait; gone once the queue is empty (the next submit starts one)."""
        try:
            while self._queue:
                await self._gather()
                await self._run_batch(self._take())
        finally:
            self._running -= 1

    async def _gather(self) -> None:
        """Yield to the loop while that brings more items (each turn handles what the sockets
        delivered meanwhile), up to a full batch; ``idle_turns`` turns in a row that bring
        nothing end the wait."""
        idle, seen = 0, len(self._queue)
        while idle < self.idle_turns and len(self._queue) < self.max_batch:
            await asyncio.sleep(0)
            idle, seen = (idle + 1, seen) if len(self._queue) == seen else (0, len(self._queue))

    def _take(self) -> list[tuple[T, asyncio.Future[R]]]:
        batch: list[tuple[T, asyncio.Future[R]]] = []
        keys: set[Hashable] = set()
        waiting: deque[tuple[T, asyncio.Future[R]]] = deque()
        while self._queue and len(batch) < self.max_batch:
            entry = self._queue.popleft()
            key = self._key(entry[0])
            if key in keys:
                waiting.append(entry)  # same chat as one in this batch: the next batch
            else:
                keys.add(key)
                batch.append(entry)
        self._queue.extendleft(reversed(waiting))
        return batch

    async def _run_batch(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        if not batch:  # every submitter of the gathered items was cancelled meanwhile
            return
        self.batches += 1
        self.items += len(batch)
        # Its own task, so that a batch nobody waits for any more can be cancelled alone.
        run = asyncio.ensure_future(self._run([item for item, _ in batch]))
        self._batches[run] = batch
        try:
            results = await run
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():  # the loop is shutting down: so are the submitters
                for _, future in batch:
                    future.cancel()
                raise
            return  # abandoned by all its submitters (``_abandon_if_orphaned``)
        except Exception as exc:
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        finally:
            del self._batches[run]
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():  # its submitter may have been cancelled meanwhile
                future.set_result(result)
