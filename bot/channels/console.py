"""The console channel: ``linli chat`` (interactive or ``--script FILE``) and ``linli demo``.

Why it reuses the script harness: the console is a channel with many speakers on one terminal.
Each line is a script step (``@NAME text``, ``@NAME [按钮]``, ``~ 25h``), run through the same
Dispatcher as Telegram, on the configured database and the real classifier, with a virtual clock
that starts at the real time so ``~`` can show what happens a day later.

Safe on any database: the console is a channel of its own (channel ``console``, chat ids are the
script's names), so it claims and delivers only the console's outbox rows. A *sandbox* is a
database the console itself created (``linli chat`` or ``linli demo`` on a database that did not
exist; recorded in the ``meta`` table, cleared when ``linli run`` serves a real channel from it).
On a sandbox every staff member is played at once and ``~`` moves the clock. On any other
database (a running bot's) the console plays only staff bound to no other channel, one by one
when the script speaks as them, and refuses ``~``: the bot's staff and notices stay untouched.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bot.app import App, build_app, build_dispatcher, prepare_database, utc_now
from bot.jobs import harness_hook
from bot.settings import Settings
from handlers.script import DEMO, run_script  # noqa: F401 - DEMO is the demo's script
from handlers.testing import CHANNEL, ChatHarness, ScriptError, VirtualClock
from i18n import t

QUIT = {"/quit", "/exit", "quit", "exit"}


SANDBOX = "sandbox"  # the ``meta`` key: present when the console made the database


async def is_sandbox(app: App, fresh: bool) -> bool:
    """A database the console created is a sandbox (and is marked so when new)."""
    async with app.uow_factory() as uow:
        if fresh:
            await uow.meta.put(SANDBOX, "console")
            await uow.commit()
            return True
        return await uow.meta.get(SANDBOX) is not None


async def forget_sandbox(app: App) -> None:
    """A database a real channel serves is no sandbox any more (``linli run``)."""
    async with app.uow_factory() as uow:
        await uow.meta.drop(SANDBOX)
        await uow.commit()


async def _harness(app: App, sandbox: bool) -> ChatHarness:
    clock = VirtualClock(utc_now())
    dispatcher = build_dispatcher(app, clock)
    harness = ChatHarness(dispatcher, app.uow_factory, clock, channel=CHANNEL, sandbox=sandbox)
    # ``~ 3d`` also passes the daily digest and the weekly report, as a real process would.
    harness.after_advance = harness_hook(app.uow_factory, dispatcher.renderer, since=clock())
    # On a sandbox every roster member speaks as ``staff:ID`` at once, so assignments show where
    # they land; elsewhere only when the script speaks as them (``ChatHarness.bind``).
    await harness.bind_all_staff()
    return harness


async def run_source(settings: Settings, source: str, emit: Callable[[str], None]) -> None:
    """Run a whole script; raises ``ScriptError`` naming the line that failed."""
    app = build_app(settings)
    try:
        fresh = await prepare_database(app)
        harness = await _harness(app, await is_sandbox(app, fresh))
        await run_script(harness, source, emit=emit)
    finally:
        await app.close()


async def interactive(settings: Settings, emit: Callable[[str], None]) -> None:
    """Read one script line at a time from the terminal; a bad line is explained, not fatal."""
    app = build_app(settings)
    try:
        fresh = await prepare_database(app)
        if fresh:
            emit(t("cli.first_run", settings.locale, url=settings.database_url))
        harness = await _harness(app, await is_sandbox(app, fresh))
        emit(t("cli.console_hello", settings.locale))
        if not harness.sandbox:
            emit(t("console.not_sandbox", settings.locale))
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                return
            if line.strip() in QUIT:
                return
            try:
                await run_script(harness, line, echo=False, emit=emit)
            except ScriptError as exc:
                emit(str(exc))
    finally:
        await app.close()


def demo_settings(settings: Settings) -> tuple[Settings, tempfile.TemporaryDirectory[str]]:
    """The demo runs on a fresh database of its own, so it always tells the same story."""
    tmp = tempfile.TemporaryDirectory(prefix="linli-demo-")
    url = f"sqlite:///{Path(tmp.name) / 'demo.db'}"
    return settings.model_copy(update={"database_url": url}), tmp


def read_script(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    return path.read_text(encoding="utf-8")
