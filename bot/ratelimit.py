"""One outgoing rate limiter for every channel: per bot, per chat, per group chat.

Why leaky buckets sized *inside* Telegram's limits: Telegram counts messages in a window
(about 30/s per bot, about 1/s per chat with short bursts, 20/min per group). A bucket of
capacity ``c`` draining at ``r``/s lets at most ``c + r·w`` messages through in any window ``w``,
so each bucket below is chosen to keep that sum under the window's limit with a little margin for
network jitter. A 429 pauses only what it must: the chat that got it, or the whole bot when
several chats hit it at once (a global flood limit). The limiter is per process: with N workers,
give each ``1/N`` of the bot's budget (``share``). A chat's bucket cannot be split that way (two
workers may both send to it: one answers the update, another drains the outbox), so with several
workers the composition injects ``shared``: one reservation in a bucket all workers keep in the
database, waited for after the local bucket.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiolimiter import AsyncLimiter

from bot.channels.base import is_group_chat
from handlers.messages import Capabilities


@dataclass(frozen=True, slots=True)
class Bucket:
    capacity: float  # messages allowed at once (the burst)
    per_second: float  # sustained rate

    def limiter(self) -> AsyncLimiter:
        return AsyncLimiter(self.capacity, self.capacity / self.per_second)

    def faster(self, factor: float) -> Bucket:
        return Bucket(self.capacity, self.per_second * factor)


# 1 + 27·1 s = 28 ≤ 30 per second for the bot.
BOT = Bucket(capacity=1, per_second=27)
# 4th message 1.25 s after a burst of 3; 3 + 0.8·10 s = 11 < 12 in ten: "1/s with short bursts".
PRIVATE = Bucket(capacity=3, per_second=0.8)
# 1 + 18/min·60 s = 19 ≤ 20 per minute for a group.
GROUP = Bucket(capacity=1, per_second=18 / 60)
GLOBAL_WINDOW = 1.0  # 429s from this many distinct chats within a second mean a bot-wide limit
GLOBAL_CHATS = 2
SHARED_TIMEOUT = 5.0  # a shared reservation slower than this is a database hiccup: send on the local bucket
SHARED_WARN_EVERY = 60.0  # seconds between warnings about a failing shared reservation
KEPT_RESERVATION = 1.0  # seconds a reservation stays usable past its time after its waiter gave up
# A turn used this long after it was granted (a fraction of the chat's interval between messages)
# is taken again: the buckets' margins assume a message leaves when its turn comes.
TURN_KEPT = 0.1

# The wait (seconds) before one send to ``chat_id`` given its bucket, reserved in a bucket shared by
# every worker; an exception or a timeout means "unknown" and the local bucket alone decides.
Shared = Callable[[str, Bucket], Awaitable[float]]

log = logging.getLogger(__name__)


class RateLimiter:
    """``async with limiter.slot(chat_id):`` around every send; ``flooded`` after a 429."""

    @classmethod
    def for_capabilities(cls, capabilities: Capabilities, share: float = 1.0,
                         shared: Shared | None = None) -> RateLimiter:
        """Buckets inside a channel's declared rates, with the margins above: Telegram's
        (1 per chat, 30 per bot) give exactly ``PRIVATE`` and ``BOT``."""
        bot = Bucket(1, capabilities.global_per_second * BOT.per_second / 30)
        private = Bucket(PRIVATE.capacity, capabilities.per_chat_per_second * PRIVATE.per_second)
        group = Bucket(GROUP.capacity, min(GROUP.per_second, private.per_second))
        return cls(bot, private, group, share=share, shared=shared)

    def __init__(
        self,
        bot: Bucket = BOT,
        private: Bucket = PRIVATE,
        group: Bucket = GROUP,
        share: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = 10_000,
        shared: Shared | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._bot = Bucket(bot.capacity, bot.per_second * share).limiter()
        self._private, self._group = private, group
        self._chats: dict[str, AsyncLimiter] = {}
        self._paused: dict[str, float] = {}  # chat id, or "" for the whole bot -> monotonic until
        self._recent_429: deque[tuple[float, str]] = deque()
        self._clock = clock
        self._max_chats = max_chats
        self.shared, self._sleep = shared, sleep
        # Shared reservations whose waiter was cancelled (the drain's time slice ended), by chat ->
        # clock time they fall due. The next send to the chat uses it rather than reserving again:
        # otherwise each cancelled wait would push the chat's shared turn further out, for ever.
        self._reserved: dict[str, float] = {}
        self._shared_warned = -SHARED_WARN_EVERY
        self.waited = 0.0  # seconds spent waiting for a slot (for the bench)
        self.floods = 0  # 429s reported

    @classmethod
    def faster(cls, factor: float) -> RateLimiter:
        """Telegram's limits with time running ``factor`` times faster (tests and benches
        against a fake server scaled alike)."""
        return cls(BOT.faster(factor), PRIVATE.faster(factor), GROUP.faster(factor))

    def _chat(self, chat_id: str) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) >= self._max_chats:
                self._forget_idle()
            bucket = self._group if is_group_chat(chat_id) else self._private
            limiter = self._chats[chat_id] = bucket.limiter()
        return limiter

    def _forget_idle(self) -> None:
        """Drop chats whose bucket has fully drained: they would start full again anyway."""
        for key in [k for k, v in self._chats.items() if v.has_capacity(v.max_rate)]:
            del self._chats[key]
        stale = self._clock() - KEPT_RESERVATION
        self._reserved = {k: v for k, v in self._reserved.items() if v >= stale}

    async def _wait_pause(self, key: str) -> None:
        while (delay := self._paused.get(key, 0.0) - self._clock()) > 0:
            await self._sleep(delay)
        self._paused.pop(key, None)

    async def acquire(self, chat_id: str) -> float:
        """Wait for the chat's turn first, then the bot's, so a slow chat holds no bot token;
        returns when the turn came (for ``kept``)."""
        started = self._clock()
        await self._wait_pause(chat_id)
        await self._chat(chat_id).acquire()
        if self.shared is not None:
            await self._wait_shared(chat_id, self.shared)
        await self._wait_pause("")
        await self._bot.acquire()
        granted = self._clock()
        self.waited += granted - started
        return granted

    def kept(self, chat_id: str, granted: float) -> bool:
        """Whether a turn granted at ``granted`` (``acquire``'s value) may still be used for a send
        now. A sender that did other work between the turn and the send (a database claim that
        was slow) takes a new turn when not: sent late, a burst's messages would bunch closer
        than the chat's limit allows."""
        bucket = self._group if is_group_chat(chat_id) else self._private
        return self._clock() - granted <= TURN_KEPT / bucket.per_second

    async def _wait_shared(self, chat_id: str, shared: Shared) -> None:
        """Wait for this chat's turn in the bucket every worker shares (after the local one, so
        a process never reserves faster than it could send)."""
        until = self._reserved.pop(chat_id, None)
        if until is None or until < self._clock() - KEPT_RESERVATION:
            bucket = self._group if is_group_chat(chat_id) else self._private
            try:
                wait = await asyncio.wait_for(shared(chat_id, bucket), SHARED_TIMEOUT)
            except Exception as exc:  # the database must not stop sending: the local bucket decides
                now = self._clock()
                if now - self._shared_warned >= SHARED_WARN_EVERY:
                    self._shared_warned = now
                    log.warning("shared per-chat rate limit unavailable (%s: %s); "
                                "pacing chats by this process's sends only", type(exc).__name__, exc)
                return
            until = self._clock() + max(0.0, wait)
        delay = until - self._clock()
        if delay <= 0:
            return
        try:
            await self._sleep(delay)
        except asyncio.CancelledError:
            self._reserved[chat_id] = until
            raise

    def flooded(self, chat_id: str, retry_after: float | None) -> None:
        """Telegram said 429: pause that chat; pause the bot when several chats say it at once."""
        self.floods += 1
        now = self._clock()
        until = now + (retry_after if retry_after is not None else 1.0)
        self._paused[chat_id] = max(self._paused.get(chat_id, 0.0), until)
        self._recent_429.append((now, chat_id))
        while self._recent_429 and self._recent_429[0][0] < now - GLOBAL_WINDOW:
            self._recent_429.popleft()
        if len({c for _, c in self._recent_429}) >= GLOBAL_CHATS:
            self._paused[""] = max(self._paused.get("", 0.0), until)

    def ready(self, chat_id: str) -> bool:
        """Whether ``chat_id`` could send now without waiting for its own turn (the bot-wide
        bucket aside): lets a sender with many chats to serve pick one whose turn it is."""
        return self.paused_for(chat_id) == 0.0 and self._chat(chat_id).has_capacity()

    def paused_for(self, chat_id: str) -> float:
        """Seconds until ``chat_id`` may send again because of a 429 (0 when free)."""
        now = self._clock()
        return max(0.0, self._paused.get(chat_id, 0.0) - now, self._paused.get("", 0.0) - now)
