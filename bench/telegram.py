"""Telegram benchmarks against the fake Bot API on loopback, each beside its baseline in one run.

1. Throughput: N updates (N distinct residents saying 你好) through linli end to end (framework,
   runtime, core on SQLite, reply sent), beside a bare echo bot of the *same* framework against the
   same fake server. Flood limits are off on both sides here: this measures our overhead.
2. Latency: updates offered at a steady 100/s; the time from Telegram having an update to
   Telegram receiving linli's reply, p50/p99.
3. Burst: 1,000 outbox notifications to 200 chats, the fake server enforcing Telegram's limits in
   real time; 429s provoked and the delivery rate (the limit is 30/s).

Run: ``python bench/telegram.py`` (``--quick`` for a smaller run).
"""

from __future__ import annotations

import argparse
import asyncio
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
from tgstack import Stack  # noqa: E402

from bot.ratelimit import Bucket, RateLimiter  # noqa: E402
from handlers.outbox import new_row  # noqa: E402

UNLIMITED = RateLimiter(Bucket(1e9, 1e9), Bucket(1e9, 1e9), Bucket(1e9, 1e9))


# --------------------------------------------------------------------------- bare echo bots


async def ptb_echo(server: FakeBotAPI) -> Any:
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    app = (Application.builder().token(server.token).base_url(f"{server.base_url}/bot")
           .concurrent_updates(64).connection_pool_size(64).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=2)

    async def stop() -> None:
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    return stop


async def aiogram_echo(server: FakeBotAPI) -> Any:
    from aiogram import Bot, Dispatcher, Router
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    bot = Bot(server.token, session=AiohttpSession(api=TelegramAPIServer.from_base(server.base_url), limit=64))
    dp = Dispatcher()
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp.include_router(router)
    task = asyncio.create_task(dp.start_polling(bot, polling_timeout=2, handle_signals=False,
                                                close_bot_session=False, tasks_concurrency_limit=64))

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


async def _replied(server: FakeBotAPI, pushed: list[tuple[int, float]], timeout: float = 300) -> list[float]:
    chats = {chat for chat, _ in pushed}
    await server.wait_for(lambda: all(chat in server.chats for chat in chats), timeout)
    first: dict[int, float] = {}
    for call in server.calls:
        if call.method == "sendMessage" and call.status == 200:
            first.setdefault(int(call.params["chat_id"]), call.at)
    return [first[chat] - at for chat, at in pushed]


async def throughput(kind: str, framework: str, mode: str, n: int, tmp: Path) -> float:
    async with FakeBotAPI(limits=None) as server:
        stack = None
        stop = None
        if kind == "echo":
            stop = await (ptb_echo(server) if framework == "ptb" else aiogram_echo(server))
        else:
            stack = await Stack(tmp / f"{framework}-{mode}-{n}", framework, mode, server, limiter=UNLIMITED).start()
        try:
            await _offer(server, 20, None)  # warm up connections and code paths
            await _replied(server, [(c, 0.0) for c in list(server.chats)] or [], 60)
            await server.wait_for(lambda: len(server.chats) >= 20, 60)
            began = time.monotonic()
            pushed = await _offer(server, n, None)
            await _replied(server, pushed)
            return n / (time.monotonic() - began)
        finally:
            if stop is not None:
                await stop()
            if stack is not None:
                await stack.close()


async def latency(framework: str, mode: str, rate: float, seconds: float, tmp: Path) -> tuple[float, float]:
    async with FakeBotAPI(limits=None) as server:
        stack = await Stack(tmp / f"lat-{framework}-{mode}", framework, mode, server, limiter=UNLIMITED).start()
        try:
            pushed = await _offer(server, 20, None)
            await _replied(server, pushed, 60)
            pushed = await _offer(server, int(rate * seconds), rate)
            waits = sorted(await _replied(server, pushed))
            p50 = statistics.median(waits)
            p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
            return p50 * 1000, p99 * 1000
        finally:
            await stack.close()


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


async def main(quick: bool) -> None:
    n = 300 if quick else 1000
    burst_n, burst_chats = (200, 40) if quick else (1000, 200)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        print(f"throughput: {n} updates, each a new resident's first message; fake server on loopback")
        print(f"{'framework':9} {'mode':8} {'echo bot/s':>11} {'linli/s':>9} {'ratio':>6}")
        for framework in ("ptb", "aiogram"):
            echo = await throughput("echo", framework, "polling", n, tmp)
            for mode in ("polling", "webhook"):
                ours = await throughput("linli", framework, mode, n, tmp)
                print(f"{framework:9} {mode:8} {echo:11.0f} {ours:9.0f} {ours / echo:6.0%}", flush=True)
        print("\nlatency at 100 updates/s for 5 s (update available -> reply received by Telegram)")
        for framework in ("ptb", "aiogram"):
            for mode in ("polling", "webhook"):
                p50, p99 = await latency(framework, mode, 100, 3 if quick else 5, tmp)
                print(f"{framework:9} {mode:8} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms", flush=True)
        print(f"\nburst: {burst_n} outbox notifications to {burst_chats} chats, Telegram's limits enforced")
        for framework in ("ptb", "aiogram"):
            rate, elapsed, provoked = await burst(framework, burst_n, burst_chats, tmp)
            print(f"{framework:9} {rate:5.1f} msg/s ({elapsed:5.1f} s), 429s provoked: {provoked}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    asyncio.run(main(parser.parse_args().quick))
