"""The console channel: ``linli chat`` (interactive or ``--script FILE``) and ``linli demo``.

Why it reuses the script harness: the console is a channel with many speakers on one terminal.
Each line is a script step (``@NAME text``, ``@NAME [按钮]``, ``~ 25h``), run through the same
Dispatcher as Telegram, on the configured database and the real classifier, with a virtual clock
that starts at the real time so ``~`` can show what happens a day later.
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
from handlers.testing import ChatHarness, ScriptError, VirtualClock
from i18n import t

QUIT = {"/quit", "/exit", "quit", "exit"}


async def _harness(app: App) -> ChatHarness:
    clock = VirtualClock(utc_now())
    dispatcher = build_dispatcher(app, clock)
    harness = ChatHarness(dispatcher, app.uow_factory, clock)
    # ``~ 3d`` also passes the daily digest and the weekly report, as a real process would.
    harness.after_advance = harness_hook(app.uow_factory, dispatcher.renderer, since=clock())
    # Every roster member speaks as ``staff:ID`` at once, so assignments show where they land.
    await harness.bind_all_staff()
    return harness


async def run_source(settings: Settings, source: str, emit: Callable[[str], None]) -> None:
    """Run a whole script; raises ``ScriptError`` naming the line that failed."""
    app = build_app(settings)
    try:
        await prepare_database(app)
        harness = await _harness(app)
        await run_script(harness, source, emit=emit)
    finally:
        await app.close()


async def interactive(settings: Settings, emit: Callable[[str], None]) -> None:
    """Read one script line at a time from the terminal; a bad line is explained, not fatal."""
    app = build_app(settings)
    try:
        if await prepare_database(app):
            emit(t("cli.first_run", settings.locale, url=settings.database_url))
        harness = await _harness(app)
        emit(t("cli.console_hello", settings.locale))
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
