"""The process loop: one or more channels in, the core in the middle, the outbox and clocks on a tick.

Several channels (``linli run --channel telegram --channel web``) share one core, one tick and one
drain; each channel has its own rate limiter (its buckets from the channel's ``Capabilities``),
and the drain claims only outbox rows of the channels this process serves: another channel's rows
are left to the process that serves it.

Why a plain asyncio loop rather than APScheduler: the loop has one job, "run due clocks, then
drain the outbox", which must run both every second *and* right after an update wrote outbox rows
(so the mediator hears of a case in milliseconds, not at the next tick). An ``asyncio.Event``
expresses "every N seconds or when kicked" in a few lines; APScheduler would add a thread-free
but second scheduler whose jobs could overlap, and no missed-run semantics we need: the clocks are
rows with due times, so a tick after a restart runs whatever fell due while we were down.

Sending: replies to the speaker go out at once under the shared rate limiter, retried on 429
and 5xx; a reply that still cannot be sent is written to the outbox, never dropped. Outbox rows
are drained one at a time: the runtime picks the oldest due row whose chat may send now (else the
oldest), waits for that chat's (and the bot's) turn *outside* any transaction, then lets
``handlers.outbox.drain`` claim, send and mark that row, so no database lock is held while we
wait for the rate limiter. Why not simply the oldest row: a station head with thirty escalations
queued gets 0.8 messages a second, and every other chat (a resident's survey) would wait behind
them. A tick drains for at most ``tick_seconds`` and then kicks itself, so due clocks run between
slices of a long drain instead of after it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any, Protocol, runtime_checkable

from bot.channels.base import BoundsConcurrency, Channel, OnIncoming, SplitsMessages, capabilities_of
from bot.channels.http import SharedServers
from bot.jobs import run_due_jobs
from bot.ratelimit import RateLimiter
from handlers.fallback import NumberedMenus, chunks
from handlers.messages import Incoming, Outgoing
from handlers.outbox import (
    ChatMovedError,
    OutboxMessage,
    PermanentSendError,
    TemporarySendError,
    drain,
    new_row,
)
from storage import models as m
from storage.uow import settle

log = logging.getLogger(__name__)

REPLY_ATTEMPTS = 4  # then the reply goes to the outbox
PAUSED_SKIP = 5.0  # an outbox row whose chat is paused longer than this is rescheduled, not awaited
DRAIN_WINDOW = 200  # due outbox rows looked at for one whose chat may send now
CONCURRENCY = 64  # updates of one channel in hand at once, unless the channel says (BoundsConcurrency)
# Seconds a stopping runtime gives a tick in progress, and then the last drain of the outbox. Why
# short: a transaction stuck in an update in hand holds the connection (SQLite has one), and each
# of them would otherwise wait the pool's timeout for it; a row not sent now waits in the outbox.
STOP_GRACE = 2.0


class Core(Protocol):
    async def handle(self, incoming: Incoming) -> list[Outgoing]: ...

    async def run_due(self, limit: int = 100) -> int: ...


@runtime_checkable
class MovesChats(Protocol):
    """A core that re-points a chat that goes on under another id (``Dispatcher.move_chat``)."""

    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> bool: ...


@runtime_checkable
class RendersReports(Protocol):
    """A core with a report renderer, which the scheduled jobs use."""

    renderer: Any


@runtime_checkable
class NotifiesOutbox(Protocol):
    """A unit-of-work factory that calls its listeners after a commit that wrote outbox rows."""

    outbox_listeners: list[Callable[[], None]]


ChannelFactory = Callable[[OnIncoming], Channel]


class ChatOrder:
    """Updates of one chat run one at a time and in arrival order; other chats run in parallel.

    The one place in a process that keeps a chat's order, whatever the channel: every update passes
    ``Runtime.on_incoming``, which takes the chat's turn here. Why: channels receive concurrently
    (Telegram's batches and webhook requests, the web chat's requests), but a resident who types two
    messages must see them handled in order. A turn is queued at the call, before anything waits
    (``asyncio.Lock`` queues its waiters first come, first served), so the order of the calls is
    the order of handling. Across worker processes the core's row lock on the conversation does
    the same. ``slots`` bounds the updates in hand per channel (its database work in flight).
    """

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def __len__(self) -> int:
        """Chats with an update in hand or queued (an idle chat is forgotten)."""
        return len(self._locks)

    @asynccontextmanager
    async def turn(self, channel: str, chat_id: str, slots: asyncio.Semaphore | None = None
                   ) -> AsyncIterator[None]:
        key = (channel, chat_id)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        self._active += 1
        self._idle.clear()
        try:
            async with lock:
                if slots is None:
                    yield
                else:
                    async with slots:
                        yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
            self._active -= 1
            if self._active == 0:
                self._idle.set()

    async def idle(self) -> None:
        """Wait until every update in hand has been handled (graceful stop)."""
        await self._idle.wait()


class Runtime:
    """Wire each ``channel_factory(on_incoming)`` to ``dispatcher`` and run until stopped."""

    def __init__(
        self,
        dispatcher: Core,
        uow_factory: Callable[[], Any],
        now: Callable[[], datetime],
        channel_factory: ChannelFactory | Sequence[ChannelFactory],
        *,
        limiter: RateLimiter | None = None,
        limiters: Mapping[str, RateLimiter] | None = None,
        tick_seconds: float = 1.0,
        outbox_batch: int = 100,
        stop_grace: float = STOP_GRACE,
    ) -> None:
        """``limiter`` paces every channel (tests, benches); else ``limiters`` by channel name,
        else each channel's limiter is made from its capabilities."""
        self.dispatcher = dispatcher
        self.uow_factory = uow_factory
        self.now = now
        factories = [channel_factory] if callable(channel_factory) else list(channel_factory)
        self.channels: dict[str, Channel] = {}
        for factory in factories:
            channel = factory(self.on_incoming)
            if channel.name in self.channels:
                raise ValueError(f"two channels named {channel.name!r}")
            self.channels[channel.name] = channel
        if not self.channels:
            raise ValueError("a runtime needs at least one channel")
        self.limiters: dict[str, RateLimiter] = {
            name: limiter or (limiters or {}).get(name) or RateLimiter.for_capabilities(capabilities_of(channel))
            for name, channel in self.channels.items()}
        # The shared text fallback for channels without buttons (``handlers.fallback``).
        self._menus = {name: NumberedMenus() for name, channel in self.channels.items()
                       if not capabilities_of(channel).buttons}
        self.tick_seconds = tick_seconds
        self.outbox_batch = outbox_batch
        self.stop_grace = stop_grace
        self._kick = asyncio.Event()
        self._stopping = asyncio.Event()
        self._tick_lock = asyncio.Lock()
        # One drain at a time in this process: two would pick the same row, and the one that loses
        # it has spent a turn of the rate limiter on nothing (half the delivery rate in a burst).
        self._drain_lock = asyncio.Lock()
        self._drain_more = False  # the last drain stopped with due rows left (limit or time)
        self._ticker: asyncio.Task[None] | None = None
        # A unit-of-work factory that tells us when a commit wrote outbox rows (storage.uow): then
        # the drain runs after those commits only. Without it, after every update.
        self._outbox_listeners: list[Callable[[], None]] | None = (
            uow_factory.outbox_listeners if isinstance(uow_factory, NotifiesOutbox) else None)
        self.order = ChatOrder()
        self.servers = SharedServers()  # one server per address several channels listen on
        self._slots = {name: asyncio.Semaphore(channel.concurrency if isinstance(channel, BoundsConcurrency)
                                               else CONCURRENCY)
                       for name, channel in self.channels.items()}
        self.handled = 0
        self.replies_sent = 0
        self.replies_deferred = 0

    @property
    def channel(self) -> Channel:
        """The first channel (a runtime of one channel: that one)."""
        return next(iter(self.channels.values()))

    @property
    def limiter(self) -> RateLimiter:
        return self.limiters[self.channel.name]

    def _parts(self, channel: Channel, outgoing: Outgoing) -> list[Outgoing]:
        """What ``channel.send`` is called with: buttons numbered where the channel has none,
        then the channel's own split (else a text over its ``max_text`` in pieces)."""
        menus = self._menus.get(channel.name)
        if menus is not None:
            outgoing = menus.offer(outgoing)
        if isinstance(channel, SplitsMessages):
            return channel.split(outgoing)
        return chunks(outgoing, capabilities_of(channel).max_text)

    def _channel_of(self, outgoing: Outgoing) -> Channel | None:
        return self.channels.get(outgoing.channel or self.channel.name)

    # ------------------------------------------------------------------ updates in

    async def on_incoming(self, incoming: Incoming) -> None:
        """Every update of every channel, in its chat's turn (``ChatOrder``): the core decides, the
        replies go out in order, the outbox is kicked (by the unit of work's commit when it wrote
        outbox rows, else here)."""
        async with self.order.turn(incoming.channel, incoming.chat_id, self._slots.get(incoming.channel)):
            await self._handle(incoming)

    async def _handle(self, incoming: Incoming) -> None:
        menus = self._menus.get(incoming.channel)
        if menus is not None:  # a typed "1" or label presses the button it names
            incoming = menus.read(incoming)
        try:
            replies = await self.dispatcher.handle(incoming)
            self.handled += 1
            for reply in replies:
                await self.reply(reply if reply.channel else replace(reply, channel=incoming.channel))
        except Exception:  # the framework must never see our failure (it would log and drop)
            log.exception("update %s failed in the runtime", incoming.update_id)
        finally:
            if self._outbox_listeners is None:
                self._kick.set()

    async def reply(self, outgoing: Outgoing) -> str | None:
        """Send a reply (all its parts) on its channel (``outgoing.channel``, else the first);
        the native id of the last part, which carries the buttons."""
        channel = self._channel_of(outgoing)
        if channel is None:  # a channel another process serves: its outbox, not lost
            await self._defer(outgoing)
            return None
        outgoing = replace(outgoing, channel=channel.name)
        native_id = None
        for part in self._parts(channel, outgoing):
            native_id = await self._reply_part(channel, part)
        return native_id

    async def _reply_part(self, channel: Channel, outgoing: Outgoing) -> str | None:
        """One part, retried; a chat that moved (a group that became a supergroup) is followed
        once: the core re-points the chat, and the part goes to the new id."""
        moved = False
        limiter = self.limiters[channel.name]
        for attempt in range(1, REPLY_ATTEMPTS + 1):
            await limiter.acquire(outgoing.chat_id)
            try:
                native_id = await channel.send(outgoing)
            except ChatMovedError as exc:
                if moved:  # moved again at once: something is wrong, do not chase it
                    log.warning("reply to %s dropped: the chat moved twice in a row", outgoing.chat_id)
                    return None
                moved = True
                if isinstance(self.dispatcher, MovesChats):
                    try:  # no transaction is open here: the update's was committed before its replies
                        await self.dispatcher.move_chat(channel.name, outgoing.chat_id, exc.new_chat_id)
                    except Exception:  # the reply still goes to the new chat; the next send moves again
                        log.exception("moving chat %s to %s failed", outgoing.chat_id, exc.new_chat_id)
                log.info("reply to %s: chat moved to %s, sending there", outgoing.chat_id, exc.new_chat_id)
                outgoing = replace(outgoing, chat_id=exc.new_chat_id)
            except TemporarySendError as exc:
                if exc.retry_after is not None:
                    limiter.flooded(outgoing.chat_id, exc.retry_after)
                else:
                    await asyncio.sleep(min(0.2 * 2**attempt, 2.0))  # 5xx or network: brief backoff
                log.info("reply to %s: %s (attempt %s)", outgoing.chat_id, exc, attempt)
            except PermanentSendError as exc:
                log.warning("reply to %s dropped: %s", outgoing.chat_id, exc)
                return None
            else:
                self.replies_sent += 1
                return native_id
        await self._defer(outgoing)
        return None

    async def _defer(self, outgoing: Outgoing) -> None:
        """A reply we could not send now becomes an outbox row: retried, never lost."""
        now = self.now()
        row = new_row(outgoing.channel or self.channel.name, outgoing.chat_id, outgoing.text, now, outgoing.buttons,
                      document=outgoing.document)
        row.edit_of = outgoing.edit_of
        # Due at once: the limiter, not the row, decides when the chat may hear from us again.
        row.next_attempt_at = now
        async with self.uow_factory() as uow:
            uow.outbox.add(row)
            await uow.commit()
        self.replies_deferred += 1
        log.warning("reply to %s deferred to the outbox", outgoing.chat_id)

    # ------------------------------------------------------------------ clocks and outbox

    async def tick(self, clocks: bool = True) -> tuple[int, int]:
        """Run what fell due, then drain the outbox; returns (clocks run, messages sent).

        A kick after an update passes ``clocks=False``: updates write outbox rows, not due
        clocks, and on SQLite every extra transaction takes the one write lock the core needs."""
        async with self._tick_lock:
            ran = 0
            while clocks:
                batch = await self.dispatcher.run_due()
                ran += batch
                if batch < 100 or ran >= 1000:
                    break
            if clocks:  # the daily digest, weekly report and retention pass, each once per period
                renderer = self.dispatcher.renderer if isinstance(self.dispatcher, RendersReports) else None
                await run_due_jobs(self.uow_factory, renderer, self.now)
            loop = asyncio.get_running_loop()
            sent = await self.drain_outbox(self.outbox_batch, until=loop.time() + self.tick_seconds)
            if self._drain_more:
                self._kick.set()  # more is waiting: go again (clocks first if due) without waiting
            return ran, sent

    async def drain_outbox(self, limit: int = 100, until: float | None = None) -> int:
        """Send up to ``limit`` due outbox rows, each when its chat's turn comes; with ``until``
        (loop time), stop there. Returns how many were sent."""
        async with self._drain_lock:
            return await self._drain(limit, until)

    async def _drain(self, limit: int, until: float | None) -> int:
        loop = asyncio.get_running_loop()
        sent = 0
        self._drain_more = True
        for _ in range(limit):
            if until is not None and loop.time() >= until:
                return sent
            picked = await self._next_row()
            if picked is None:
                self._drain_more = False
                return sent
            row_id, channel, chat_id = picked
            limiter = self.limiters[channel]
            granted = None
            if limiter.paused_for(chat_id) <= PAUSED_SKIP:
                try:  # its turn (at once when it has come; else the oldest row's), not past ``until``
                    granted = await asyncio.wait_for(limiter.acquire(chat_id),
                                                     None if until is None else max(until - loop.time(), 0.0))
                except TimeoutError:
                    return sent
            sent += await drain(self.uow_factory, partial(self._send_row, granted=granted), self.now, limit=1,
                                claim=partial(_claim_row, row_id))
        return sent

    async def _next_row(self) -> tuple[int, str, str] | None:
        """(id, channel, chat) of the oldest due row of our channels whose chat may send now, else
        of the oldest due row. A chat's rows stay in order: its oldest due row is the first met."""
        async with self.uow_factory() as uow:
            due = await uow.outbox.due(self.now(), tuple(self.channels), DRAIN_WINDOW)
            await uow.rollback()
        ready = (row for row in due if self.limiters[row[1]].ready(row[2]))
        return next(ready, due[0] if due else None)

    async def _send_row(self, message: OutboxMessage, granted: float | None = None) -> str | None:
        """Send the row's parts; ``granted``: when the first part's turn was taken (before the claim)."""
        channel = self.channels.get(message.channel)
        if channel is None:  # not claimed by us (``_next_row``): only a row re-pointed meanwhile
            raise TemporarySendError(60.0, f"no {message.channel} channel in this process")
        limiter = self.limiters[channel.name]
        paused = limiter.paused_for(message.chat_id)
        if paused > PAUSED_SKIP:
            raise TemporarySendError(paused, "chat paused by a flood limit")
        native_id = None
        parts = self._parts(channel, message.to_outgoing())
        for index in range(min(message.parts_sent, len(parts) - 1), len(parts)):
            # The first part's turn was taken before the row was claimed: taken again if the claim was slow.
            if index > message.parts_sent or granted is None or not limiter.kept(message.chat_id, granted):
                await limiter.acquire(message.chat_id)
            try:
                native_id = await channel.send(parts[index])
            except TemporarySendError as exc:
                if exc.retry_after is not None:
                    limiter.flooded(message.chat_id, exc.retry_after)
                raise TemporarySendError(exc.retry_after, str(exc), parts_sent=index) from exc
            except ChatMovedError as exc:
                # Not ``dispatcher.move_chat`` here: this runs inside the drain's transaction, which
                # holds the row (and on SQLite the one connection), so a second transaction would
                # wait for it for ever. ``handlers.outbox.drain`` moves the chat in its own
                # transaction and calls us once more with the row addressed to the new id.
                raise ChatMovedError(exc.new_chat_id, str(exc), parts_sent=index) from exc
        return native_id

    def kick(self) -> None:
        self._kick.set()

    async def _tick_loop(self) -> None:
        loop = asyncio.get_running_loop()
        next_clocks = loop.time()
        while not self._stopping.is_set():
            with suppress(TimeoutError):
                await asyncio.wait_for(self._kick.wait(), max(0.0, next_clocks - loop.time()))
            if self._stopping.is_set():  # ``stop`` drains once more itself, within its grace
                return
            self._kick.clear()
            clocks = loop.time() >= next_clocks
            if clocks:
                next_clocks = loop.time() + self.tick_seconds
            try:
                await self.tick(clocks)
            except Exception:
                log.exception("tick failed; trying again at the next one")

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        if self._outbox_listeners is not None:
            self._outbox_listeners.append(self.kick)
        started: list[Channel] = []
        self.servers.prepare(list(self.channels.values()))
        try:
            for channel in self.channels.values():
                await channel.start()
                started.append(channel)
            await self.servers.start()
        except BaseException:
            with suppress(Exception):
                await self.servers.stop()
            for channel in reversed(started):  # a half-started process stops what it started
                with suppress(Exception):
                    await channel.stop()
            raise
        self._ticker = asyncio.create_task(self._tick_loop(), name="linli-tick")
        self._kick.set()  # whatever fell due while we were down

    async def stop(self) -> None:
        """Stop the clocks, send what is due while the channel can still send, then stop the
        channel (no new updates; those in hand finish).

        Why the outbox first: a stopped channel has closed its HTTP client (python-telegram-bot
        refuses to send: "HTTPXRequest is not initialized"), and every row tried then lost one of
        its attempts for nothing, so a message pending across a few restarts ended up failed.
        What the updates in hand write to the outbox waits for the next start (or another worker).

        Why within ``stop_grace``: an update in hand whose transaction is stuck holds the database
        connection, and the tick and the drain would each wait the pool's timeout for it. A tick
        or drain cut short loses nothing: a clock or row not done stays due, one sent but not yet
        marked is sent again after the restart (at least once, as after a crash), and an update
        not committed is delivered again by Telegram (or retried by the web chat) and handled then.
        """
        self._stopping.set()
        loop = asyncio.get_running_loop()
        if self._ticker is not None:
            self._kick.set()
            done, _ = await asyncio.wait({self._ticker}, timeout=self.stop_grace)
            if not done:  # a tick waiting for the connection: it gives up, its work stays due
                self._ticker.cancel()
            with suppress(asyncio.CancelledError, Exception):
                await self._ticker
            self._ticker = None
        with suppress(Exception):  # reports being rendered after a commit, then what is due
            await asyncio.wait_for(settle(self.uow_factory), 10)
        with suppress(Exception):
            await asyncio.wait_for(self.drain_outbox(self.outbox_batch, until=loop.time() + self.stop_grace),
                                   self.stop_grace)
        try:  # the shared servers stop listening and let their requests in hand finish
            await self.servers.stop()
        except Exception:
            log.exception("stopping the shared servers failed")
        for channel in self.channels.values():
            try:
                await channel.stop()
            except Exception:  # the other channels still stop
                log.exception("stopping channel %s failed", channel.name)
        if self._outbox_listeners is not None and self.kick in self._outbox_listeners:
            self._outbox_listeners.remove(self.kick)

    def request_stop(self) -> None:
        self._stopping.set()

    async def run_forever(self) -> None:
        """Start, then serve until SIGTERM or SIGINT."""
        await self.start()
        await self.run_until_stopped()

    async def run_until_stopped(self) -> None:
        """Serve a started runtime until SIGTERM or SIGINT (or ``request_stop``), then stop
        gracefully: updates in hand finish and their messages are sent."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with suppress(NotImplementedError):  # not on Windows
                loop.add_signal_handler(sig, self.request_stop)
        try:
            await self._stopping.wait()
        finally:
            await self.stop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                with suppress(NotImplementedError):
                    loop.remove_signal_handler(sig)


async def _claim_row(row_id: int, uow: Any, at: datetime) -> Sequence[m.Outbox]:
    """The row ``_next_row`` picked, if it is still due (another worker may have sent it)."""
    return await uow.outbox.claim(row_id, at)
