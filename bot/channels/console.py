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
import os
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import App, build_app, build_dispatcher, prepare_database, utc_now
from bot.channels.base import OnIncoming
from bot.channels.registry import RunOptions
from bot.jobs import harness_hook
from bot.settings import Settings
from handlers.messages import Button, Capabilities, Contact, Incoming, Location, Outgoing
from handlers.script import DEMO, format_message, parse, run_script  # noqa: F401 - DEMO is the demo's script
from handlers.testing import CHANNEL, STAFF_PREFIX, ChatHarness, ScriptError, VirtualClock
from i18n import t

QUIT = {"/quit", "/exit", "quit", "exit"}
HISTORY = Path(os.environ.get("LINLI_CHAT_HISTORY", Path.home() / ".linli_chat_history"))
HISTORY_LINES = 1000
CLOCK_KEY = "console_clock"  # the ``meta`` key: where the last console session left its clock


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


async def _harness(app: App, sandbox: bool, start: datetime | None = None) -> ChatHarness:
    clock = VirtualClock(start or utc_now())
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


def _readline() -> object | None:
    """``readline`` with this console's history loaded, or None where the platform lacks it.

    Why: line editing and history, and a pasted line read whole (a terminal's own line buffer
    cuts a line at 4,096 bytes)."""
    try:
        import readline
    except ImportError:  # Windows: plain input()
        return None
    with suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(HISTORY_LINES)
    return readline


def _save_history(readline: object | None) -> None:
    if readline is not None:
        with suppress(OSError):
            readline.write_history_file(HISTORY)  # type: ignore[attr-defined]


async def last_console_time(app: App) -> datetime | None:
    """The latest virtual time a console session left in this database, None if it never ran."""
    async with app.uow_factory() as uow:
        found = await uow.meta.get(CLOCK_KEY)
        await uow.rollback()
    return datetime.fromisoformat(found) if found else None


async def _keep_time(app: App, at: datetime) -> None:
    async with app.uow_factory() as uow:
        await uow.meta.put(CLOCK_KEY, at.isoformat())
        await uow.commit()


async def _start_time(app: App) -> tuple[datetime, bool]:
    """Now, or the last session's time when it is later; True when the clock goes on from it."""
    now, last = utc_now(), await last_console_time(app)
    return (last, True) if last is not None and last > now else (now, False)


async def interactive(settings: Settings, emit: Callable[[str], None],
                      read: Callable[[str], str] | None = None) -> None:
    """Read one script line at a time from the terminal; a bad line is explained (in the
    console's language, without a line number), not fatal. ``read``: the line reader (tests)."""
    app = build_app(settings)
    readline = _readline() if read is None else None
    harness: ChatHarness | None = None
    try:
        fresh = await prepare_database(app)
        if fresh:
            emit(t("cli.first_run", settings.locale, url=settings.database_url))
        start, resumed = await _start_time(app)
        harness = await _harness(app, await is_sandbox(app, fresh), start)
        emit(t("cli.console_hello", settings.locale))
        emit(t("console.clock_kept" if resumed else "console.clock_new", settings.locale,
               at=_local(start, await _district_tz(app))))
        if not harness.sandbox:
            emit(t("console.not_sandbox", settings.locale))
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
        if harness is not None:
            await _keep_time(app, harness.clock())
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


# --------------------------------------------------------------------------- in ``linli run``

# A terminal carries anything at any pace; no files (the path is printed instead).
CONSOLE_CAPABILITIES = Capabilities(max_text=100_000, buttons=True, max_payload_bytes=64, files=False,
                                    locations=True, contact_request=True, per_chat_per_second=1_000.0,
                                    global_per_second=1_000.0)


class ConsoleChannel:
    """The console beside other channels in one ``linli run``: script lines from stdin (``@NAME
    text``, ``@NAME [label]``, ``@NAME 📍lat,lon``, ``@NAME 📞phone``) in real time, the bot's
    messages as ``→ NAME: text`` on stdout. No ``~`` (the clock is the real one) and no staff
    played by default: staff enrol on the console as anywhere, with ``/start CODE``."""

    name = CHANNEL
    capabilities = CONSOLE_CAPABILITIES

    def __init__(self, on_incoming: OnIncoming, emit: Callable[[str], None] | None = None,
                 read_line: Callable[[], str] = input) -> None:
        self.on_incoming = on_incoming
        self.emit = emit or (lambda line: print(line, flush=True))
        self.read_line = read_line
        self._buttons: dict[str, tuple[Button, ...]] = {}  # each speaker's last buttons
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._sent = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()

        def read() -> None:  # a daemon thread: a blocked ``input`` must not hold the process at exit
            while True:
                try:
                    line = self.read_line()
                except (EOFError, OSError):
                    loop.call_soon_threadsafe(self._lines.put_nowait, None)
                    return
                loop.call_soon_threadsafe(self._lines.put_nowait, line)

        threading.Thread(target=read, name="linli-console", daemon=True).start()
        self._task = asyncio.create_task(self._serve(), name="linli-console")

    async def _serve(self) -> None:
        while (line := await self._lines.get()) is not None:
            try:
                incoming = self.to_incoming(line)
            except ScriptError as exc:
                self.emit(str(exc))
                continue
            if incoming is not None:
                await self.on_incoming(incoming)

    def to_incoming(self, line: str) -> Incoming | None:
        """A script line as the update it stands for; None for blanks and comments."""
        steps = parse(line)
        if not steps:
            return None
        step = steps[0]
        if step.kind == "advance":
            raise ScriptError(t("console.no_time_travel", None))
        fields: dict[str, object] = {"text": step.text}
        if step.kind == "press":
            fields = {"payload": self._press(step.name, step.index if step.index is not None else step.text)}
        elif step.kind == "location":
            fields = {"location": Location(step.lat, step.lon)}
        elif step.kind == "contact":
            fields = {"contact": Contact(step.text, step.name)}
        return Incoming(channel=CHANNEL, chat_id=step.name, user_id=step.name, update_id=uuid.uuid4().hex,
                        display_name=None if step.name.startswith(STAFF_PREFIX) else step.name,
                        **fields)  # type: ignore[arg-type]

    def _press(self, name: str, label_or_index: str | int) -> str:
        buttons = self._buttons.get(name, ())
        if isinstance(label_or_index, int) and 1 <= label_or_index <= len(buttons):
            return buttons[label_or_index - 1].payload
        for button in buttons:
            if button.label == label_or_index:
                return button.payload
        raise ScriptError(f"{name}: no button [{label_or_index}]")

    async def send(self, outgoing: Outgoing) -> str | None:
        if outgoing.buttons:
            self._buttons[outgoing.chat_id] = tuple(outgoing.flat_buttons())
        text = outgoing.text if outgoing.document is None else f"{outgoing.text}\n📎 {outgoing.document}"
        for line in format_message(outgoing.chat_id, Outgoing(chat_id=outgoing.chat_id, text=text,
                                                              buttons=outgoing.buttons)):
            self.emit(line)
        self._sent += 1
        return str(self._sent)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def build(options: RunOptions) -> ConsoleChannel:
    return ConsoleChannel(options.on_incoming)
