"""A scripted conversation harness: speak as any resident or staff member on a virtual clock.

Why shipped (not only in tests): ``linli chat --script`` and ``linli demo`` use the same harness,
so what the tests check is what the demo shows. Residents are named by handle (a new handle is a
new resident, chat_id = handle); staff by ``staff:ROSTER_ID``, bound through a real invite.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from handlers.convdata import ConvData, ConvState
from handlers.dispatcher import Dispatcher, enrol_many
from handlers.messages import Button, Contact, Incoming, Location, Outgoing
from handlers.outbox import OutboxMessage, drain
from i18n import t
from storage.uow import settle

CHANNEL = "console"
STAFF_PREFIX = "staff:"


class ScriptError(Exception):
    """A script asked for something that cannot be done (unknown button, unknown staff id).

    ``str()`` is the English message (with ``line N:`` once the runner knows the line); ``render``
    says it in a reader's language from the catalogue entry ``key``."""

    def __init__(self, message: str, key: str | None = None, line: int | None = None, **params: object) -> None:
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.message, self.key, self.line, self.params = message, key, line, params

    def at_line(self, line: int) -> ScriptError:
        """The same error, naming the script line it came from."""
        return type(self)(self.message, self.key, line, **self.params)

    def render(self, locale: str | None, *, with_line: bool = True) -> str:
        text = t(self.key, locale, **self.params) if self.key else self.message
        if with_line and self.line is not None:
            return t("script.line", locale, n=self.line, error=text)
        return text


class VirtualClock:
    """A time source that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.at = start or datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09:00 in Sanya

    def __call__(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


# --------------------------------------------------------------------------- a fake classifier


@dataclass(frozen=True)
class FakeClassification:
    category: str
    urgency: str = "normal"
    confidence: float = 0.9
    keywords: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, float], ...] = ()
    low_confidence: bool = False
    emergency_service: str | None = None
    danger: str = "none"
    numbers: tuple[str, ...] = ()
    counterparty: str | None = None
    ask: str | None = None


DEFAULT_KEYWORDS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("砍", {"category": "security", "urgency": "emergency", "emergency_service": "110"}),
    ("着火", {"category": "hazard", "urgency": "emergency", "emergency_service": "119"}),
    ("煤气", {"category": "hazard", "urgency": "emergency", "emergency_service": "119"}),
    ("几十个工人", {"category": "labor", "urgency": "high", "flags": ("group",)}),
    ("工资", {"category": "labor"}),
    ("押金", {"category": "rental"}),
    ("漏水", {"category": "neighbor"}),
    ("离婚", {"category": "family"}),
    ("物业", {"category": "property"}),
    ("宰客", {"category": "consumer"}),
    ("宅基地", {"category": "land"}),
    ("借钱", {"category": "debt"}),
    ("小偷", {"category": "security"}),
    ("谢谢", {"category": "other"}),
    ("不知道", {"category": "neighbor", "low_confidence": True, "confidence": 0.3,
              "alternatives": (("property", 0.25), ("environment", 0.2))}),
)


class KeywordClassifier:
    """Fixed answers by keyword (first match wins), so tests do not depend on the model."""

    def __init__(self, table: tuple[tuple[str, dict[str, Any]], ...] = DEFAULT_KEYWORDS,
                 default: str = "other") -> None:
        self.table = table
        self.default = default

    def __call__(self, text: str) -> FakeClassification:
        for keyword, answer in self.table:
            if keyword in text:
                return FakeClassification(**answer)
        return FakeClassification(category=self.default, confidence=0.6)


# --------------------------------------------------------------------------- the harness


@dataclass
class Entry:
    recipient: str
    message: Outgoing


class Transport(Protocol):
    """How the harness's messages travel: ``handle`` an update and return the replies the speaker
    got; ``deliver`` the due outbox rows of ``channel`` and return them as sent."""

    async def handle(self, incoming: Incoming) -> list[Outgoing]: ...

    async def deliver(self, channel: str) -> list[Outgoing]: ...


@dataclass
class Direct:
    """Straight to the dispatcher and the outbox drain (no runtime: the console's harness)."""

    dispatcher: Dispatcher
    uow_factory: Callable[[], Any]
    clock: VirtualClock

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        return await self.dispatcher.handle(incoming)

    async def deliver(self, channel: str) -> list[Outgoing]:
        await settle(self.uow_factory)
        sent: list[Outgoing] = []

        async def send(msg: OutboxMessage) -> str:
            sent.append(msg.to_outgoing())
            return str(len(sent))

        await drain(self.uow_factory, send, self.clock, channels=(channel,))
        return sent


@dataclass
class ChatHarness:
    dispatcher: Dispatcher
    uow_factory: Callable[[], Any]
    clock: VirtualClock
    locale: str | None = None
    transcript: list[Entry] = field(default_factory=list)
    # Called with the new time after each ``advance`` (before clocks run and the outbox is
    # delivered): the scheduled jobs, e.g. ``bot.jobs.harness_hook(uow_factory, renderer)``.
    after_advance: Callable[[datetime], Awaitable[object]] | None = None
    # The harness's own channel: it speaks, and delivers outbox rows, on this channel only.
    channel: str = CHANNEL
    # A sandbox (a test's or a console-made database) lets the harness play any staff member and
    # move the clock; on a real bot's database it plays only staff bound nowhere else, and ``~``
    # is refused (real cases' clocks would fall due early).
    sandbox: bool = True
    # None: ``Direct``; ``bot.testing.RuntimeTransport`` drives the same runtime as ``linli run``.
    transport: Transport | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _bound: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.transport is None:
            self.transport = Direct(self.dispatcher, self.uow_factory, self.clock)

    # ------------------------------------------------------------------ speaking

    async def say(self, name: str, text: str, **extra: Any) -> list[Outgoing]:
        return await self._send(name, text=text, **extra)

    async def photo(self, name: str, file_id: str = "photo-1", caption: str | None = None) -> list[Outgoing]:
        return await self._send(name, text=caption, photo_file_id=file_id)

    async def press(self, name: str, label_or_index: str | int) -> list[Outgoing]:
        """Press a button of the last message ``name`` received that had buttons (index from 1)."""
        button = self.find_button(name, label_or_index)
        return await self._send(name, payload=button.payload)

    async def share_location(self, name: str, lat: float, lon: float) -> list[Outgoing]:
        return await self._send(name, location=Location(latitude=lat, longitude=lon))

    async def share_contact(self, name: str, phone: str) -> list[Outgoing]:
        return await self._send(name, contact=Contact(phone=phone, user_id=name))

    async def advance(self, delta: timedelta) -> int:
        """Move the virtual clock, run what fell due, deliver the outbox; returns clocks run."""
        if not self.sandbox:
            raise ScriptError(t("console.no_time_travel", self.locale))
        self.clock.advance(delta)
        if self.after_advance is not None:
            await self.after_advance(self.clock())
        ran = 0
        while True:
            batch = await self.dispatcher.run_due()
            ran += batch
            await self.deliver()
            if batch == 0:
                return ran

    # ------------------------------------------------------------------ reading

    def last(self, name: str) -> Outgoing:
        for entry in reversed(self.transcript):
            if entry.recipient == name:
                return entry.message
        raise ScriptError(f"{name} has received nothing yet", "script.nothing_yet", name=name)

    def received(self, name: str) -> list[Outgoing]:
        return [e.message for e in self.transcript if e.recipient == name]

    def texts(self, name: str) -> list[str]:
        return [m.text for m in self.received(name)]

    def find_button(self, name: str, label_or_index: str | int) -> Button:
        for entry in reversed(self.transcript):
            if entry.recipient != name or not entry.message.buttons:
                continue
            buttons = entry.message.flat_buttons()
            if isinstance(label_or_index, int):
                if 1 <= label_or_index <= len(buttons):
                    return buttons[label_or_index - 1]
                raise ScriptError(f"{name}: no button #{label_or_index} (there are {len(buttons)})",
                                  "script.no_button_index", name=name, index=label_or_index, count=len(buttons))
            for button in buttons:
                if button.label == label_or_index.strip():
                    return button
            labels = " ".join(f"[{b.label}]" for b in buttons)
            raise ScriptError(f"{name}: no button [{label_or_index}] on the last message with buttons: {labels}",
                              "script.no_button", name=name, label=label_or_index, labels=labels)
        raise ScriptError(f"{name} has received no message with buttons", "script.no_buttons", name=name)

    # ------------------------------------------------------------------ plumbing

    async def _send(self, name: str, **fields: Any) -> list[Outgoing]:
        if name.startswith(STAFF_PREFIX):
            await self.bind(name.removeprefix(STAFF_PREFIX))
        incoming = Incoming(channel=self.channel, chat_id=name, user_id=name, update_id=uuid.uuid4().hex,
                            locale=self.locale, display_name=None if name.startswith(STAFF_PREFIX) else name,
                            **fields)
        assert self.transport is not None
        replies = await self.transport.handle(incoming)
        self.transcript.extend(Entry(name, r) for r in replies)
        await self.deliver()
        return replies

    async def bind(self, staff_id: str) -> None:
        """Enrol ``staff:ID`` through a real invite, as the console does (once per harness)."""
        if staff_id in self._bound:
            return
        async with self.uow_factory() as uow:
            member = await uow.roster.staff(staff_id)
            bindings = await uow.roster.bindings(staff_id) if member is not None else []
        if member is None:
            raise ScriptError(f"unknown staff id {staff_id!r}", "script.unknown_staff", id=staff_id)
        own = {(b.channel, b.chat_id) for b in bindings}
        # Whom notices go to now, too: a console binding not used last still leaves them elsewhere.
        already = (self.channel, STAFF_PREFIX + staff_id) in own and member.channel == self.channel
        elsewhere = sorted({b.channel for b in bindings if b.channel != self.channel})
        if not self.sandbox and elsewhere:
            raise ScriptError(t("console.staff_bound_elsewhere", self.locale, id=staff_id, name=member.name,
                                channels=", ".join(elsewhere)))
        if not already:
            try:
                code = await self.dispatcher.invite(staff_id)
            except LookupError as exc:
                raise ScriptError(str(exc)) from exc
            await self.dispatcher.handle(Incoming(channel=self.channel, chat_id=STAFF_PREFIX + staff_id,
                                                  user_id=STAFF_PREFIX + staff_id, update_id=uuid.uuid4().hex,
                                                  text=f"/start {code}", locale=self.locale))
        self._bound.add(staff_id)

    async def bind_all_staff(self) -> None:
        """Enrol every active staff member, so assignments show up under ``staff:ID`` at once
        (a sandbox only: elsewhere staff are played one by one, and only those bound nowhere else)."""
        if not self.sandbox:
            return
        # One transaction for the whole roster: an invite and a ``/start`` each would cost a
        # district's hundred staff a second of start-up, for the same bindings.
        now = self.dispatcher.now()
        async with self.uow_factory() as uow:
            members = [s for s in await uow.roster.all_staff() if s.active]
            todo = [s for s in members if (s.channel, s.chat_id) != (self.channel, STAFF_PREFIX + s.id)]
            chats = (await uow.conversations.open_many(self.channel, [STAFF_PREFIX + s.id for s in todo], now)
                     if todo else {})
            await enrol_many(uow, [(member, STAFF_PREFIX + member.id) for member in todo], self.channel,
                             self.locale, now)
            for member in todo:
                # Where ``/start CODE`` leaves a staff member's conversation.
                fresh = ConvState("idle", ConvData())
                chats[STAFF_PREFIX + member.id].conversation.state = fresh.state
                chats[STAFF_PREFIX + member.id].conversation.data = fresh.data.dump()
            await uow.commit()
        self._bound.update(member.id for member in members)

    async def deliver(self) -> int:
        """Deliver the due outbox rows of the harness's own channel (never another channel's)."""
        assert self.transport is not None
        sent = await self.transport.deliver(self.channel)
        self.transcript.extend(Entry(message.chat_id, message) for message in sent)
        return len(sent)
