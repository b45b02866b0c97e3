"""The Dispatcher: the one entry point for every update, and the runner of due clocks.

Why this shape: a channel turns its native update into ``Incoming`` and calls ``handle``; the
reply to the speaker comes back, everything else goes to the outbox in the same transaction,
together with the processed-update row (a duplicate update changes nothing). The clock and the
classifier are passed in, so tests run on a virtual clock with a fake classifier.

Why the conversation keeps its last update's replies: the replies are sent after the commit, so a
process killed in between lost them (the resident never heard "your report is case #N"), and the
redelivered update was a duplicate that did nothing. Updates of one chat are handled one after
another and each one's replies are sent before the next starts, so only the chat's *last* update
can have unsent replies: they are written with the state (same UPDATE, no extra statement), and a
redelivery of exactly that update returns them again. Replies are therefore at-least-once: a
redelivery after a successful send (a kill between the send and the confirmation to Telegram)
repeats them once. An older duplicate returns nothing.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from handlers import clocks, outbox, resident, staff
from handlers.batching import GroupCommit
from handlers.context import ConvState, Ctx, mask, settings_of
from handlers.convdata import ConvData
from handlers.messages import MAX_TEXT, Incoming, Outgoing
from handlers.reporting import ReportRenderer
from i18n import DEFAULT_LOCALE, normalize_locale, t
from storage import models as m
from storage.repos import OpenChat
from storage.roster_schema import DistrictSettings
from storage.uow import UnitOfWork, is_transient

log = logging.getLogger(__name__)

INVITE_TTL = timedelta(days=7)
FLOOD_WINDOW = timedelta(minutes=1)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TRANSIENT_RETRIES = 3  # a deadlock victim run again at most this many times
CLOCK_BATCH = 500  # due clocks per transaction
T = TypeVar("T")


class Dispatcher:
    def __init__(
        self,
        uow_factory: Callable[[], Any],
        classify: Callable[[str], Any],
        now: Callable[[], datetime],
        *,
        channel_default: str = "console",
        renderer: ReportRenderer | None = None,
        max_batch: int = 32,
        parallel_batches: int = 1,
        default_locale: str = DEFAULT_LOCALE,
    ) -> None:
        """``renderer`` makes the chart and workbook files of ``/stats`` and ``/report`` (in bot/);
        without one those commands say that reports are not available in this process.
        ``max_batch`` and ``parallel_batches``: group commit of concurrent updates
        (``handlers.batching``); one batch at a time suits SQLite's one writer. ``default_locale``:
        the language of residents who give no sign of theirs (``LINLI_LOCALE``)."""
        self.uow_factory = uow_factory
        self.classify = classify
        self.now = now
        self.channel_default = channel_default
        self.renderer = renderer
        self.default_locale = normalize_locale(default_locale)
        self.residents = resident.ResidentFlow(classify)
        self._settings_of: m.District | None = None
        self._settings_value: DistrictSettings | None = None
        self.group = GroupCommit(self._handle_batch, lambda inc: (inc.channel, inc.chat_id),
                                 max_batch=max_batch, parallel=parallel_batches)

    # ------------------------------------------------------------------ updates

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Never raises: a failure rolls the transaction back (the update may be retried) and
        the speaker gets a polite apology. Updates handled concurrently share a transaction
        (``handlers.batching``); one that fails there is handled again alone."""
        return await self.group.submit(_without_nul(incoming))

    async def _handle_batch(self, batch: list[Incoming]) -> list[list[Outgoing]]:
        if len(batch) > 1 and all(inc.channel == batch[0].channel and inc.moved_to is None for inc in batch):
            try:
                return await self._handle_together(batch)
            except Exception as exc:  # rolled back as a whole: each alone, so one bad update costs the others nothing
                log.info("a batch of %s updates failed (%s); handling each alone", len(batch), type(exc).__name__)
        return [await self._handle_alone(inc) for inc in batch]

    async def _handle_alone(self, inc: Incoming) -> list[Outgoing]:
        try:
            return await _retried(f"update {inc.channel}/{inc.update_id}", lambda: self._handle(inc))
        except Exception:
            # Not log.exception: the traceback may quote the resident's words (phone, ID card), and
            # the logging filter masks only the message, so the traceback is masked here.
            log.error("update %s/%s failed\n%s", inc.channel, inc.update_id, mask(traceback.format_exc()))
            return [Outgoing(chat_id=inc.chat_id, text=t("flow.error", inc.locale))]

    async def _handle(self, inc: Incoming) -> list[Outgoing]:
        if inc.moved_to is not None:  # Telegram's service message: the group became a supergroup
            await self._move_chat(inc.channel, inc.chat_id, inc.moved_to)
            return []
        now = self.now()
        async with self.uow_factory() as uow:
            chat = await uow.conversations.open(inc.channel, inc.chat_id, now)  # per-chat order
            if not await uow.updates.claim(inc.channel, inc.update_id, now):
                return _redelivered(inc, chat.conversation)
            replies = await self._run_update(uow, now, inc, chat)
            await uow.commit()
        return replies

    async def _handle_together(self, batch: list[Incoming]) -> list[list[Outgoing]]:
        """``_handle`` for updates of distinct chats of one channel: the chats opened and the
        updates claimed with one statement each, one commit for all."""
        now = self.now()
        channel = batch[0].channel
        async with self.uow_factory() as uow:
            chats = await uow.conversations.open_many(channel, [inc.chat_id for inc in batch], now)
            fresh = await uow.updates.claim_many(channel, [inc.update_id for inc in batch], now)
            results = []
            for inc in batch:
                chat = chats[inc.chat_id]
                if inc.update_id in fresh:
                    results.append(await self._run_update(uow, now, inc, chat))
                else:
                    results.append(_redelivered(inc, chat.conversation))
            await uow.commit()
        return results

    async def _run_update(self, uow: Any, now: datetime, inc: Incoming, chat: OpenChat) -> list[Outgoing]:
        """The update's flow inside the caller's transaction; its replies, also kept on the
        conversation row (see the module docstring)."""
        district = await uow.roster.district(cached=True)
        if district is None:
            return [Outgoing(chat_id=inc.chat_id, text=t("flow.no_roster", inc.locale))]
        conv = chat.conversation
        ctx = Ctx(uow=uow, now=now, district=district, settings=self._settings(district),
                  channel=inc.channel, chat_id=inc.chat_id, default_locale=self.default_locale,
                  locale=normalize_locale(inc.locale) if inc.locale else self.default_locale)
        flow = ConvState(conv.state, ConvData.load(conv.data))
        await self._route(ctx, conv, flow, inc, chat.staff, chat.resident)
        replies = [_fit(r) for r in ctx.replies]
        conv.state, conv.data, conv.updated_at = flow.state, flow.data.dump(), now
        conv.last_update_id, conv.last_replies = inc.update_id, replies_to_json(replies) or None
        return replies

    def _settings(self, district: m.District) -> DistrictSettings:
        """``settings_of`` validates a document on every call; the cached district is the same
        object for a minute, so its settings are validated once per object, not per update."""
        if self._settings_of is not district:
            self._settings_value, self._settings_of = settings_of(district), district
        assert self._settings_value is not None
        return self._settings_value

    async def _route(self, ctx: Ctx, conv: m.Conversation, flow: ConvState, inc: Incoming,
                     member: m.Staff | None, known: m.Resident | None) -> None:
        """``member`` and ``known``: the staff member and the resident bound to this chat, as the
        conversation query found them (one query instead of two lookups)."""
        text = (inc.text or "").strip()
        if text.startswith("/start ") and await self._enrol(ctx, flow, inc, text.split(maxsplit=1)[1].strip()):
            return
        if member is not None and not member.active:
            log.warning("inactive staff %s wrote; refused", member.id)
            ctx.say("staff.inactive")
            return
        if member is None and not inc.payload and self._flooding(ctx, conv):
            return
        if member is not None:
            await staff.handle(ctx, flow, member, inc, self.renderer)
        else:
            await self.residents.handle(ctx, flow, inc, known)

    def _flooding(self, ctx: Ctx, conv: m.Conversation) -> bool:
        """More than ``messages_per_minute`` from one chat: one polite answer, then silence.
        Button presses do not count: they are bounded by the buttons we sent."""
        limit = ctx.settings.limits.messages_per_minute
        if conv.window_start is None or ctx.now - conv.window_start >= FLOOD_WINDOW:
            conv.window_start, conv.window_count = ctx.now, 0
        conv.window_count += 1
        if conv.window_count <= limit:
            return False
        if conv.window_count == limit + 1:
            ctx.say("flow.flood")
        log.info("flood control: %s/%s message %s in window", ctx.channel, ctx.chat_id, conv.window_count)
        return True

    async def _enrol(self, ctx: Ctx, conv: ConvState, inc: Incoming, code: str) -> bool:
        """``/start CODE``: the one way to become staff. False when it is no invite at all."""
        invite = await ctx.uow.invites.get(code.upper(), lock=True)
        if invite is None:
            if len(code) >= 6 and code.isalnum():
                ctx.say("staff.invite_invalid")
                return True
            return False
        member = await ctx.uow.roster.staff(invite.staff_id)
        if invite.used_at is not None or invite.expires_at <= ctx.now or member is None or not member.active:
            ctx.say("staff.invite_invalid")
            return True
        await enrol(ctx.uow, member, inc.channel, inc.chat_id, inc.locale, ctx.now)
        invite.used_at = ctx.now
        conv.reset()
        ctx.locale = member.locale
        ctx.say("staff.enrolled", name=member.name, role=t(f"staff.role.{member.role}", member.locale))
        ctx.reply(staff.help_text(ctx, member))
        return True

    # ------------------------------------------------------------------ chats that move

    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> bool:
        """A chat goes on under another id (a Telegram group that became a supergroup): whatever
        was bound to the old id follows, in one transaction. Idempotent; True when anything moved.

        Why the core must learn it: staff and residents are found by (channel, chat_id), so a
        grid worker team enrolled from the group would get nothing more, and the messages
        waiting for it would fail one by one."""
        return await _retried(f"moving chat {channel}/{old_chat_id}",
                              lambda: self._move_chat(channel, old_chat_id, new_chat_id))

    async def _move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> bool:
        async with self.uow_factory() as uow:
            moved = await outbox.rebind_chat(uow, channel, old_chat_id, new_chat_id)
            await uow.commit()
        return moved

    # ------------------------------------------------------------------ invites

    async def invite(self, staff_id: str, ttl: timedelta = INVITE_TTL) -> str:
        """A one-time enrolment code for a roster staff member; raises ``LookupError`` if unknown."""
        now = self.now()
        async with self.uow_factory() as uow:
            member = await uow.roster.staff(staff_id)
            if member is None or not member.active:
                raise LookupError(f"no active staff member {staff_id!r} in the roster")
            code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
            uow.invites.add(m.Invite(code=code, staff_id=staff_id, created_at=now, expires_at=now + ttl))
            await uow.commit()
        return code

    # ------------------------------------------------------------------ clocks

    async def run_due(self, limit: int = 500, batch: int = CLOCK_BATCH) -> int:
        """Run due clocks, each once, up to ``limit``; how many ran.

        Clocks go in batches of ``batch``, one transaction each: claimed with SKIP LOCKED (two
        workers never take the same clock), their cases locked in one statement (a case another
        worker holds is skipped, its clocks left for later), run, and marked done in one
        statement with their outbox rows and events. A batch that fails is rolled back and its
        clocks run one by one, each in its own transaction, so that one bad clock is marked
        failed and costs the others nothing. A batch the database aborted (a deadlock with an
        update on the same case) is run again; its clocks stay pending meanwhile."""
        ran = 0
        while ran < limit:
            now = self.now()
            try:
                done, alone = await _retried("clock batch", partial(self._run_batch, now, min(batch, limit - ran)))
            except Exception as exc:
                if not is_transient(exc):
                    raise
                break  # still pending: the next tick runs them
            for clock_id in alone:
                done += await self._run_alone(clock_id, now)
            if done == 0:
                break
            ran += done
        return ran

    async def _run_batch(self, now: datetime, size: int) -> tuple[int, list[int]]:
        """(clocks run, clock ids to run alone because the batch failed)."""
        async with self.uow_factory() as uow:
            claimed = await uow.clocks.claim_due(now, limit=size)
            if not claimed:
                return 0, []
            held = await uow.cases.lock_many([c.case_id for c in claimed if c.case_id], skip_locked=True)
            runnable = [c for c in claimed if c.case_id is None or c.case_id in held]
            if not runnable:
                return 0, []
            ctx = await self._clock_ctx(uow, now)
            ids = [c.id for c in runnable]
            try:
                await uow.residents.preload([(await uow.cases.get(i)).resident_id for i in sorted(held)])
                await uow.clocks.prefetch_pending(sorted({c.case_id for c in runnable if c.kind == "survey"}),
                                                  clocks.SURVEY_FOLLOW_UPS)
                await uow.roster.preload_staff()
                with uow.no_autoflush:
                    for clock in runnable:
                        await clocks.run(ctx, clock)
                await uow.flush()
                await uow.clocks.mark(ids, "done", now)
                await uow.commit()
            except Exception as exc:
                await uow.rollback()
                if is_transient(exc):
                    raise
                log.info("a batch of %s clocks failed (%s); running each alone", len(ids), type(exc).__name__)
                return 0, ids
        return len(ids), []

    async def _run_alone(self, clock_id: int, now: datetime) -> int:
        """One clock in its own transaction (1 if it ran or was marked failed, else 0)."""
        async with self.uow_factory() as uow:
            clock = await uow.clocks.claim(clock_id, now)
            if clock is None:
                return 0
            ctx = await self._clock_ctx(uow, now)
            kind = clock.kind
            try:
                await clocks.run(ctx, clock)
                await uow.clocks.mark([clock_id], "done", now)
                await uow.commit()
                return 1
            except Exception as exc:
                await uow.rollback()
                if is_transient(exc):
                    log.warning("clock %s (%s): transaction aborted by the database; the next tick runs it",
                                clock_id, kind)
                    return 0
                log.exception("clock %s (%s) failed", clock_id, kind)
        await self._mark_failed(clock_id, now)
        return 1

    async def _clock_ctx(self, uow: Any, now: datetime) -> Ctx:
        district = await uow.roster.district(cached=True)
        return Ctx(uow=uow, now=now, district=district, settings=settings_of(district),
                   channel=self.channel_default, chat_id=None)

    async def _mark_failed(self, clock_id: int, now: datetime) -> None:
        async with self.uow_factory() as uow:
            clock = await uow.clocks.get(clock_id)
            if clock is not None:
                clock.state, clock.done_at = "failed", now
            await uow.commit()

    async def drain(self, send: Callable[[outbox.OutboxMessage], Any], limit: int = 100) -> int:
        """Convenience: drain the outbox with this dispatcher's clock."""
        return await outbox.drain(self.uow_factory, send, self.now, limit)


async def _retried(what: str, work: Callable[[], Awaitable[T]]) -> T:
    """``work`` (one transaction), run again when the database aborted it as a deadlock victim,
    at most ``TRANSIENT_RETRIES`` times; any other error, or the last abort, propagates."""
    for _ in range(TRANSIENT_RETRIES):
        try:
            return await work()
        except Exception as exc:
            if not is_transient(exc):
                raise
            log.warning("%s: transaction aborted by the database, run again", what)
    return await work()


def _without_nul(inc: Incoming) -> Incoming:
    """PostgreSQL refuses NUL in text and in query parameters: a message holding one failed on
    every retry, for ever. Dropped from text; a payload keeps a mark, so it is still refused."""
    if "\x00" not in (inc.text or "") + (inc.payload or "") + (inc.display_name or ""):
        return inc
    log.info("NUL characters dropped from update %s/%s", inc.channel, inc.update_id)
    return replace(inc, text=inc.text and inc.text.replace("\x00", ""),
                   payload=inc.payload and inc.payload.replace("\x00", "?"),
                   display_name=inc.display_name and inc.display_name.replace("\x00", ""))


def _redelivered(inc: Incoming, conv: m.Conversation) -> list[Outgoing]:
    """A duplicate: the chat's last update gets its replies again (they may never have gone
    out); an older one nothing, its replies were sent before the chat's next update began."""
    if conv.last_update_id != inc.update_id:
        log.info("duplicate update %s/%s ignored", inc.channel, inc.update_id)
        return []
    log.info("redelivered update %s/%s: replies sent again", inc.channel, inc.update_id)
    return replies_from_json(conv.last_replies)


def replies_to_json(replies: list[Outgoing]) -> list[dict[str, Any]]:
    """Replies as the conversation row stores them; fields at their default are left out."""
    out = []
    for reply in replies:
        item: dict[str, Any] = {"chat_id": reply.chat_id, "text": reply.text}
        if reply.buttons:
            item["buttons"] = outbox.buttons_to_json(reply.buttons)
        for key in ("edit_of", "document", "channel", "contact_label", "location_label"):
            if getattr(reply, key) is not None:
                item[key] = getattr(reply, key)
        for key in ("request_contact", "request_location"):
            if getattr(reply, key):
                item[key] = True
        out.append(item)
    return out


def replies_from_json(stored: list[Any] | None) -> list[Outgoing]:
    return [Outgoing(chat_id=item["chat_id"], text=item["text"], buttons=outbox.buttons_from_json(item.get("buttons")),
                     edit_of=item.get("edit_of"), document=item.get("document"),
                     request_contact=bool(item.get("request_contact")),
                     request_location=bool(item.get("request_location")), channel=item.get("channel"),
                     contact_label=item.get("contact_label"), location_label=item.get("location_label"))
            for item in stored or []]


def _fit(out: Outgoing) -> Outgoing:
    """Replies longer than a chat message allows are cut (with a mark) rather than refused."""
    if len(out.text) <= MAX_TEXT:
        return out
    return replace(out, text=out.text[: MAX_TEXT - 2] + " …")


async def enrol(uow: UnitOfWork, member: m.Staff, channel: str, chat_id: str, locale: str | None,
                now: datetime) -> None:
    """Bind ``member`` to a chat and release the notices kept for them until they enrolled."""
    await uow.roster.bind_staff(member, channel, chat_id, now)
    if locale and member.locale == DEFAULT_LOCALE:  # the roster's language, when it names one
        member.locale = normalize_locale(locale)
    for row in await uow.outbox.held_for(f"staff:{member.id}"):
        row.channel, row.chat_id, row.state, row.next_attempt_at = channel, chat_id, "pending", now


async def enrol_many(uow: UnitOfWork, pairs: Sequence[tuple[m.Staff, str]], channel: str, locale: str | None,
                     now: datetime) -> None:
    """``enrol`` for several members, each to a chat of their own, in a few statements: what a
    sandbox does with the whole roster at once."""
    await uow.roster.bind_staff_many(pairs, channel, now)
    held = await uow.outbox.held_for_many([f"staff:{member.id}" for member, _ in pairs])
    for member, chat_id in pairs:
        if locale and member.locale == DEFAULT_LOCALE:  # the roster's language, when it names one
            member.locale = normalize_locale(locale)
        for row in held.get(f"staff:{member.id}", ()):
            row.channel, row.chat_id, row.state, row.next_attempt_at = channel, chat_id, "pending", now
