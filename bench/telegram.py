"""Telegram benchmarks against the fake Bot API on loopback, each beside its baseline in one run.

1. Throughput: N updates (N distinct residents saying 你好) through linli end to end (framework,
   runtime, core on SQLite, replies sent), beside a bare echo bot of the *same* framework in the
   *same* mode (polling, or the framework's own webhook server: in webhook mode the fake server's
   HTTP client, one POST per update, runs in this process too) against the same fake server, with
   the same updates and the same concurrency (what ``linli run`` uses on SQLite, ``--concurrency``
   to change both). An update counts as done when all its replies have
   arrived (the count is learnt in the warm-up; today one each: linli's greeting carries the
   community buttons). A third column, "no-DB core", runs linli's channel and runtime with a core
   that answers with the same greeting and buttons but touches no database: echo → no-DB core is the
   cost of our channel layer and of the keyboard, no-DB core → linli the cost of the core's
   transaction. Each side is warmed up, then measured ``--rounds`` times, the sides alternating; the
   medians are reported, as the machine's other load moves single runs by ±30%. Flood limits are off
   on all sides here: this measures our overhead. The bare echo bots are often faster with few updates
   in hand, so a fourth side runs the echo bot at 4 and linli is also compared with the better of
   the two (aiogram's webhook handler has no such knob). "batch" is
   linli's mean number of updates per transaction (group commit, ``handlers.batching``).
2. Latency: updates offered at a steady 100/s; the time from Telegram having an update to
   Telegram receiving linli's first reply, p50/p99; the echo bot's (same mode) beside it, measured alike.
3. Residents: 1,000 new residents within a minute (``--quick``: 200 in 12 s), the fake server
   enforcing Telegram's limits: first reply p50/p99, time until all were answered, 429s provoked.
4. Burst: 1,000 outbox notifications to 200 chats, the fake server enforcing Telegram's limits in
   real time; 429s provoked and the delivery rate (the limit is 30/s).

Run: ``pip install '.[bench]'`` once (ptb's webhook server, tornado), then ``python bench/telegram.py``
(``--quick`` for a smaller run).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this file's folder comes first on sys.path and "telegram" would be this file.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path[:0] = [str(ROOT / "tests" / "telegram"), str(ROOT)]

from fakebotapi import FakeBotAPI, Limits  # noqa: E402
from tgstack import WEBHOOK_SECRET, Stack, free_port  # noqa: E402

from bot.channels.telegram import SQLITE_CONCURRENCY  # noqa: E402
from bot.ratelimit import Bucket, RateLimiter  # noqa: E402
from handlers.context import rows  # noqa: E402
from handlers.messages import Button, Incoming, Outgoing  # noqa: E402
from handlers.outbox import new_row  # noqa: E402
from i18n import t  # noqa: E402
from storage.roster import load_roster, sample_roster_path  # noqa: E402

# The bare echo bots do best with few updates in hand here (at 4, 1.1-1.5x their rate at 32), so
# linli is also compared with the echo bot at 4, whatever linli's own concurrency.
ECHO_BEST_CONCURRENCY = 4
PARTS = frozenset({"throughput", "latency", "residents", "burst"})
UNLIMITED = RateLimiter(Bucket(1e9, 1e9), Bucket(1e9, 1e9), Bucket(1e9, 1e9))


# --------------------------------------------------------------------------- bare echo bots


async def ptb_echo(server: FakeBotAPI, concurrency: int, mode: str) -> Any:
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    # The pool as PtbChannel sizes it: httpx's pool walks every connection on each request.
    app = (Application.builder().token(server.token).base_url(f"{server.base_url}/bot")
           .concurrent_updates(concurrency).connection_pool_size(8).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    if mode == "webhook":  # ptb's own webhook server (tornado), as its docs deploy it
        port = free_port()
        await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="hook", secret_token=WEBHOOK_SECRET,
                                        webhook_url=f"http://127.0.0.1:{port}/hook")
    else:
        await app.updater.start_polling(timeout=2)

    async def stop() -> None:
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    return stop


async def aiogram_echo(server: FakeBotAPI, concurrency: int, mode: str) -> Any:
    from aiogram import Bot, Dispatcher, Router
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler
    from aiohttp import web

    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url), limit=max(concurrency, 8))
    bot = Bot(server.token, session=session)
    dp = Dispatcher()
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp.include_router(router)
    if mode == "webhook":  # aiogram's own aiohttp handler, as its docs deploy it (no concurrency knob)
        app = web.Application()
        SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=WEBHOOK_SECRET).register(app, path="/hook")
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token=WEBHOOK_SECRET)

        async def stop_webhook() -> None:
            await runner.cleanup()
            await bot.session.close()

        return stop_webhook
    task = asyncio.create_task(dp.start_polling(bot, polling_timeout=2, handle_signals=False,
                                                close_bot_session=False, tasks_concurrency_limit=concurrency))

    async def stop() -> None:
        await dp.stop_polling()
        await task
        await bot.session.close()

    return stop


# --------------------------------------------------------------------------- measurements


async def _offer(server: FakeBotAPI, n: int, rate: float | None) -> list[tuple[int, float]]:
    """Push ``n`` first messages from ``n`` new users; (chat id, time pushed)."""
    pushed = []
    start = time.monotonic()
    for i in range(n):
        if rate is not None:
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        user = server.user(f"u{i}")
        user.send("你好")
        pushed.append((user.chat_id, time.monotonic()))
    return pushed


async def _answered(server: FakeBotAPI, pushed: list[tuple[int, float]], replies: int, since: int,
                    timeout: float = 300) -> list[float]:
    """Wait until every chat has ``replies`` messages; per chat, the time to its first and last.

    The server's calls from index ``since`` on are read once each, as they come: a check that
    looked at every chat on each of the server's notifications cost O(n²), most to the bot that
    sends most."""
    pushed_at = dict(pushed)
    count: dict[int, int] = {}
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    read = since

    def done() -> bool:
        nonlocal read
        calls = server.calls
        for call in calls[read:]:
            if call.method == "sendMessage" and call.status == 200:
                chat = int(call.params["chat_id"])
                if chat in pushed_at:
                    count[chat] = count.get(chat, 0) + 1
                    first.setdefault(chat, call.at)
                    if count[chat] == replies:
                        last[chat] = call.at
        read = len(calls)
        return len(last) == len(pushed_at)

    await server.wait_for(done, timeout)
    return [first[chat] - at for chat, at in pushed] + [last[chat] - at for chat, at in pushed]


async def _warm_up(server: FakeBotAPI, n: int = 50) -> int:
    """Warm connections and code paths; how many replies one new user's first message gets."""
    pushed = await _offer(server, n, None)
    await server.wait_for(lambda: all(server.chats.get(chat) for chat, _ in pushed), 60)
    await asyncio.sleep(0.5)  # second replies, the outbox kick, the tick after it
    replies = min(len(server.chats[chat]) for chat, _ in pushed)
    await server.wait_for(lambda: all(len(server.chats[chat]) >= replies for chat, _ in pushed), 60)
    return replies


class GreetingCore:
    """A stand-in for the core: linli's greeting to a new resident (same text, same community
    buttons), from the catalogue and the sample roster, without a database."""

    def __init__(self) -> None:
        communities = load_roster(sample_roster_path()).communities
        self.text = f"{t('resident.welcome', None)}\n\n{t('resident.ask_community', None)}"
        self.buttons = rows(*(Button(c.name, f"rg:c:{i}") for i, c in enumerate(communities)), per_row=2)

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return [Outgoing(incoming.chat_id, self.text, buttons=self.buttons)]

    async def run_due(self, limit: int = 100) -> int:
        return 0


class Bot:
    """One bot against its own fake server: the bare echo bot, linli's stack with a no-DB core
    ("stack"), or linli's whole stack."""

    def __init__(self, kind: str, framework: str, mode: str, concurrency: int, tmp: Path) -> None:
        self.kind, self.framework, self.mode, self.concurrency, self.tmp = kind, framework, mode, concurrency, tmp
        self.label = kind if kind != "echo" or concurrency != ECHO_BEST_CONCURRENCY else "echo-best"
        self.server = FakeBotAPI(limits=None)
        self._stop: Any = None
        self._stack: Stack | None = None
        self.replies = 1

    async def __aenter__(self) -> Bot:
        await self.server.start()
        if self.kind == "echo":
            echo = ptb_echo if self.framework == "ptb" else aiogram_echo
            self._stop = await echo(self.server, self.concurrency, self.mode)
        else:
            core = GreetingCore() if self.kind == "stack" else None
            self._stack = await Stack(self.tmp / f"{self.framework}-{self.mode}-{id(self)}", self.framework,
                                      self.mode, self.server, limiter=UNLIMITED, concurrency=self.concurrency,
                                      core_kind="given" if core else "linli", core=core).start()
        self.replies = await _warm_up(self.server)
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self._stop is not None:
                await self._stop()
            if self._stack is not None:
                await self._stack.close()
        finally:
            await self.server.stop()

    async def throughput(self, n: int) -> float:
        """``n`` updates at once; updates per second until the last reply of the last arrived."""
        since = len(self.server.calls)
        began = time.monotonic()
        pushed = await _offer(self.server, n, None)
        await _answered(self.server, pushed, self.replies, since)
        return n / (time.monotonic() - began)

    async def latency(self, rate: float, seconds: float) -> tuple[float, float]:
        """Updates offered at ``rate``/s; p50 and p99 of the wait for the first reply, in ms."""
        since = len(self.server.calls)
        pushed = await _offer(self.server, int(rate * seconds), rate)
        waits = sorted((await _answered(self.server, pushed, self.replies, since))[: len(pushed)])
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
        return statistics.median(waits) * 1000, p99 * 1000


    def batch_size(self) -> float:
        """linli's mean updates per transaction (group commit) so far."""
        group = getattr(self._stack.core if self._stack else None, "group", None)
        return group.items / max(group.batches, 1) if group is not None else 1.0


async def throughput(framework: str, mode: str, n: int, rounds: int, concurrency: int,
                     tmp: Path) -> dict[str, float]:
    """Medians over ``rounds`` of updates per second: the echo bot in the same mode at linli's
    concurrency and at its own best, the no-DB core, linli; and linli's mean batch."""
    runs: dict[str, list[float]] = {"echo": [], "echo-best": [], "stack": [], "linli": []}
    # aiogram's webhook handler has no concurrency knob: its echo bot at 4 would be the same bot.
    best_differs = concurrency != ECHO_BEST_CONCURRENCY and (framework, mode) != ("aiogram", "webhook")
    async with contextlib.AsyncExitStack() as hold:
        sides = [("echo", concurrency), ("stack", concurrency), ("linli", concurrency)]
        if best_differs:
            sides.insert(1, ("echo", ECHO_BEST_CONCURRENCY))
        bots = [await hold.enter_async_context(Bot(kind, framework, mode, conc, tmp)) for kind, conc in sides]
        for _ in range(rounds):
            for bot in bots:
                runs[bot.label].append(await bot.throughput(n))
        medians = {label: statistics.median(values) for label, values in runs.items() if values}
        medians["echo-best"] = max(medians.get("echo-best", 0.0), medians["echo"])
        medians["batch"] = bots[-1].batch_size()
    return medians


async def latency(kind: str, framework: str, mode: str, rate: float, seconds: float, concurrency: int,
                  tmp: Path) -> tuple[float, float]:
    async with Bot(kind, framework, mode, concurrency, tmp) as bot:
        return await bot.latency(rate, seconds)


async def burst(framework: str, messages: int, chats: int, tmp: Path) -> tuple[float, float, int]:
    async with FakeBotAPI(limits=Limits()) as server:  # Telegram's limits, real time
        stack = Stack(tmp / f"burst-{framework}", framework, "polling", server, limiter=RateLimiter())
        await stack.start()
        try:
            assert stack.uow_factory is not None and stack.runtime is not None
            now = stack.clock()
            async with stack.uow_factory() as uow:
                for i in range(messages):
                    chat = 500_000 + i % chats
                    uow.outbox.add(new_row("telegram", str(chat), f"通知 #{i}", now))
                await uow.commit()
            began = time.monotonic()
            sent = 0
            while sent < messages:
                sent += await stack.runtime.drain_outbox(100)
                async with stack.uow_factory() as uow:
                    if await uow.outbox.pending_count() == 0:
                        break
                    # rows a 429 rescheduled: let the virtual clock reach them
                    stack.clock.advance(__import__("datetime").timedelta(seconds=10))
            elapsed = time.monotonic() - began
            delivered = sum(len(v) for v in server.chats.values())
            return delivered / elapsed, elapsed, server.limit_429s
        finally:
            await stack.close()


async def residents(framework: str, n: int, seconds: float, tmp: Path) -> tuple[float, float, float, int]:
    """What users feel: ``n`` new residents write within ``seconds``, the fake server enforcing
    Telegram's limits in real time and linli pacing itself as ``linli run`` does. Returns the first
    reply's p50 and p99 (ms), the seconds until the last resident was answered, and the 429s."""
    async with FakeBotAPI(limits=Limits()) as server:
        stack = Stack(tmp / f"residents-{framework}", framework, "polling", server, limiter=RateLimiter(),
                      concurrency=SQLITE_CONCURRENCY)
        await stack.start()
        try:
            began = time.monotonic()
            pushed = await _offer(server, n, n / seconds)
            firsts = sorted((await _answered(server, pushed, 1, 0))[: len(pushed)])
            elapsed = time.monotonic() - began
            p99 = firsts[min(len(firsts) - 1, int(len(firsts) * 0.99))]
            return statistics.median(firsts) * 1000, p99 * 1000, elapsed, server.limit_429s
        finally:
            await stack.close()


async def main(quick: bool, rounds: int, concurrency: int, parts: set[str] = PARTS,
               frameworks: tuple[str, ...] = ("ptb", "aiogram")) -> None:
    n = 300 if quick else 1000
    seconds = 3 if quick else 10
    burst_n, burst_chats = (200, 40) if quick else (1000, 200)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if "throughput" in parts:
            print(f"throughput: {n} updates, each a new resident's first message; fake server on loopback;")
            print(f"the echo bot in the same mode; concurrency {concurrency} on all sides, and the echo bot's best of"
                  f" {concurrency} and {ECHO_BEST_CONCURRENCY};")
            print(f"median of {rounds} rounds, the sides alternating; batch: linli's mean updates per transaction")
            print(f"{'framework':9} {'mode':8} {'echo bot/s':>11} {'no-DB core/s':>13} {'linli/s':>9} {'ratio':>6}"
                  f" {'echo best/s':>11} {'ratio':>6} {'batch':>6}"
                  f"   ms per update: {'layer+keyboard':>14} {'core':>6}")
            for framework in frameworks:
                for mode in ("polling", "webhook"):
                    r = await throughput(framework, mode, n, rounds, concurrency, tmp)
                    echo, best, stack, ours = r["echo"], r["echo-best"], r["stack"], r["linli"]
                    print(f"{framework:9} {mode:8} {echo:11.0f} {stack:13.0f} {ours:9.0f} {ours / echo:6.0%}"
                          f" {best:11.0f} {ours / best:6.0%} {r['batch']:6.1f}"
                          f"   {'':15}{1000 / stack - 1000 / echo:14.2f} {1000 / ours - 1000 / stack:6.2f}",
                          flush=True)
        if "latency" in parts:
            print(f"\nlatency at 100 updates/s for {seconds} s (update available -> first reply received by Telegram)")
            for framework in frameworks:
                for mode in ("polling", "webhook"):
                    echo_p50, echo_p99 = await latency("echo", framework, mode, 100, seconds, concurrency, tmp)
                    p50, p99 = await latency("linli", framework, mode, 100, seconds, concurrency, tmp)
                    print(f"{framework:9} {mode:8} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms"
                          f"   (echo bot: p50 {echo_p50:5.1f} ms  p99 {echo_p99:5.1f} ms)", flush=True)
        if "residents" in parts:
            people = 200 if quick else 1000
            print(f"\nresidents: {people} new residents within {people * 60 // 1000} s, each writing 你好; Telegram's limits"
                  " enforced (target: all answered within the minute, first reply p99 <= 1 s, no 429)")
            for framework in frameworks:
                p50, p99, took, provoked = await residents(framework, people, people * 60 / 1000, tmp)
                print(f"{framework:9} first reply p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  all answered in {took:5.1f} s"
                      f"  429s: {provoked}", flush=True)
        if "burst" in parts:
            print(f"\nburst: {burst_n} outbox notifications to {burst_chats} chats, Telegram's limits enforced")
            for framework in frameworks:
                rate, elapsed, provoked = await burst(framework, burst_n, burst_chats, tmp)
                print(f"{framework:9} {rate:5.1f} msg/s ({elapsed:5.1f} s), 429s provoked: {provoked}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only these parts")
    parser.add_argument("--framework", choices=["ptb", "aiogram"], action="append", help="only these frameworks")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per side (median)")
    parser.add_argument("--concurrency", type=int, default=SQLITE_CONCURRENCY,
                        help="concurrent updates, for linli and the echo bot alike")
    args = parser.parse_args()
    if importlib.util.find_spec("tornado") is None:
        sys.exit("The bare ptb echo bot's webhook mode needs ptb's webhook server: pip install '.[bench]'")
    asyncio.run(main(args.quick, args.rounds, args.concurrency, set(args.only or PARTS),
                     tuple(args.framework or ("ptb", "aiogram"))))
