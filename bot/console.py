"""The console channel: ``linli chat`` (interactive or ``--script FILE``) and ``linli demo``.

Why it reuses the script harness: the console is a channel with many speakers on one terminal.
Each line is a script step (``@NAME text``, ``@NAME [按钮]``, ``~ 25h``), run through the same
Dispatcher as Telegram, on the configured database and the real classifier, with a virtual clock
so ``~`` can show what happens a day later. The clock starts at the real time, or where the last
session on this database left it when that is later (case numbers and clocks stay in order).

Interactive lines are read with ``readline`` when the platform has it: line editing, history
(kept in ``~/.linli_chat_history``), and a pasted line read whole (a terminal's own line buffer
cuts a line at 4,096 bytes).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.app import App, build_app, build_dispatcher, prepare_database, utc_now
from bot.jobs import harness_hook
from bot.settings import Settings
from handlers.script import DEMO, run_script  # noqa: F401 - DEMO is the demo's script
from handlers.testing import CHANNEL, ChatHarness, ScriptError, VirtualClock
from i18n import t
from storage import models as m

QUIT = {"/quit", "/exit", "quit", "exit"}
HISTORY = Path.home() / ".linli_chat_history"
HISTORY_LINES = 1000


async def last_console_time(app: App) -> datetime | None:
    """The latest virtual time a console session left in this database (its chats' last updates,
    case events and messages written), None on a database the console never used."""
    async with app.uow_factory() as uow:
        times = [await uow.session.scalar(select(func.max(m.Conversation.updated_at))
                                          .where(m.Conversation.channel == CHANNEL)),
                 await uow.session.scalar(select(func.max(m.CaseEvent.at))),
                 await uow.session.scalar(select(func.max(m.Outbox.created_at)))]
        await uow.rollback()
    found = [x for x in times if x is not None]
    return max(found) if found else None


async def _start_time(app: App) -> tuple[datetime, bool]:
    """Now, or the last session's time when it is later; True when the clock goes on from it."""
    now, last = utc_now(), await last_console_time(app)
    return (last, True) if last is not None and last > now else (now, False)


async def _harness(app: App, start: datetime | None = None) -> ChatHarness:
    clock = VirtualClock(start or (await _start_time(app))[0])
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


def _readline() -> object | None:
    """``readline`` with this console's history loaded, or None where the platform lacks it."""
    try:
        import readline
    except ImportError:  # Windows: plain input()
        return None
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(HISTORY_LINES)
    return readline


def _save_history(readline: object | None) -> None:
    if readline is not None:
        with contextlib.suppress(OSError):
            readline.write_history_file(HISTORY)  # type: ignore[attr-defined]


async def interactive(settings: Settings, emit: Callable[[str], None],
                      read: Callable[[str], str] | None = None) -> None:
    """Read one script line at a time from the terminal; a bad line is explained (in the
    console's language, without a line number), not fatal. ``read``: the line reader (tests)."""
    app = build_app(settings)
    readline = _readline() if read is None else None
    try:
        if await prepare_database(app):
            emit(t("cli.first_run", settings.locale, url=settings.database_url))
        start, resumed = await _start_time(app)
        harness = await _harness(app, start)
        emit(t("cli.console_hello", settings.locale))
        emit(t("console.clock_kept" if resumed else "console.clock_new", settings.locale,
               at=_local(start, await _district_tz(app))))
        while True:
            try:
                line = await asyncio.to_thread(read or input, "> ")
            except EOFError:
                return
            if line.strip() in QUIT:
                return
            try:
                await run_script(harness, line, echo=False, emit=emit)
            except ScriptError as exc:
                emit(exc.render(settings.locale, with_line=False))
    finally:
        _save_history(readline)
        await app.close()


async def _district_tz(app: App) -> ZoneInfo:
    async with app.uow_factory() as uow:
        district = await uow.roster.district()
        name = district.timezone if district is not None and district.timezone else "Asia/Shanghai"
        await uow.rollback()
    return ZoneInfo(name)


def _local(at: datetime, tz: ZoneInfo) -> str:
    return f"{at.astimezone(tz):%Y-%m-%d %H:%M}"


def demo_settings(settings: Settings) -> tuple[Settings, tempfile.TemporaryDirectory[str]]:
    """The demo runs on a fresh database of its own, so it always tells the same story."""
    tmp = tempfile.TemporaryDirectory(prefix="linli-demo-")
    url = f"sqlite:///{Path(tmp.name) / 'demo.db'}"
    return settings.model_copy(update={"database_url": url}), tmp


def read_script(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    return path.read_text(encoding="utf-8")
