"""What every channel is, and the pieces both Telegram channels share.

Why a Protocol and small helpers instead of a base class: a channel composes its framework
(python-telegram-bot's ``Application``, aiogram's ``Dispatcher``) and must not inherit from it or
from us; the runtime only needs ``start``/``stop``/``to_incoming``/``send``. The helpers keep the
two Telegram channels identical where Telegram, not the framework, decides (keyboards, groups,
per-chat order, the webhook secret).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from handlers.fallback import locale_of
from handlers.messages import MAX_TEXT, Button, Capabilities, Contact, Incoming, Location, Outgoing
from i18n import t

TELEGRAM = "telegram"  # Incoming.channel for both frameworks: one truth whichever runs
CAPTION_LIMIT = 1024
# Requests to the Bot API in flight at once per process, whatever the updates in hand. Why a limit
# of our own: both HTTP clients re-examine every queued request and pooled connection each time
# one is released (httpcore's pool, aiohttp's connector), so 32 replies queued for the pool cost
# more CPU than the replies themselves; an ``asyncio.Semaphore`` queues them for next to nothing.
# Eight cover Telegram's 30 messages a second at round trips up to a quarter of a second.
HTTP_IN_FLIGHT = 8
OnIncoming = Callable[[Incoming], Awaitable[None]]
log = logging.getLogger(__name__)


@runtime_checkable
class Channel(Protocol):
    """A transport. ``send`` raises ``handlers.outbox.TemporarySendError`` (retry later, with the
    server's ``retry_after`` when it gave one), ``PermanentSendError`` (never deliverable) or
    ``ChatMovedError`` (the chat goes on under another id: send there). A channel calls the
    runtime's ``on_incoming`` with each ``Incoming`` it receives, in the order received and with
    no wait before the call: the runtime keeps each chat's order from there (``bot.runtime``)."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, outgoing: Outgoing) -> str | None: ...


@runtime_checkable
class BoundsConcurrency(Protocol):
    """A channel that says how many of its updates the runtime may handle at once."""

    concurrency: int


@runtime_checkable
class SplitsMessages(Protocol):
    """A channel that sends some messages in several native parts (each one rate-limited send)."""

    def split(self, outgoing: Outgoing) -> list[Outgoing]:
        """The parts ``send`` must be called with, one native message each."""
        ...


@runtime_checkable
class DeclaresCapabilities(Protocol):
    """A channel that says what it can carry; one that does not gets ``Capabilities()``."""

    capabilities: Capabilities


# Telegram's Bot API: 4,096 characters, 64-byte callback data, about 1 message a second per chat
# and 30 a second per bot.
TELEGRAM_CAPABILITIES = Capabilities(max_text=4096, buttons=True, max_payload_bytes=64, files=True,
                                     locations=True, contact_request=True, per_chat_per_second=1.0,
                                     global_per_second=30.0)


def capabilities_of(channel: object) -> Capabilities:
    return channel.capabilities if isinstance(channel, DeclaresCapabilities) else Capabilities()


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    """``url`` is what Telegram calls; we listen on ``host:port`` at the URL's path.

    ``stop_grace``: seconds a stopping worker lets the updates in hand finish; those still
    running then are dropped unanswered, and Telegram resends them (to another worker, or to
    this one after its restart)."""

    url: str
    host: str = "127.0.0.1"
    port: int = 8080
    secret: str = ""
    max_connections: int = 40
    stop_grace: float = 10.0

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


def default_webhook_secret(token: str) -> str:
    """A secret every worker derives alike from the token (setWebhook is shared by them all).

    Why derived: with several workers behind a load balancer, a random secret per process would
    make each worker's setWebhook lock the others out.
    """
    return hmac.new(token.encode(), b"linli-webhook", hashlib.sha256).hexdigest()


def parse_listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(value)
    return host.strip("[]"), int(port)


def is_group_chat(chat_id: str) -> bool:
    """Telegram's group and supergroup ids are negative; private chats are positive."""
    return chat_id.startswith("-")


def contact_label(outgoing: Outgoing) -> str:
    """The core renders the label; a kept reply from before it did gets one in its text's language."""
    return outgoing.contact_label or t("channel.share_contact", locale_of(outgoing.text))


def location_label(outgoing: Outgoing) -> str:
    return outgoing.location_label or t("channel.share_location", locale_of(outgoing.text))


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def telegram_parts(outgoing: Outgoing) -> list[Outgoing]:
    """Split what one Bot API message cannot carry, so each part is one rate-limited send.

    A message has one keyboard: a contact/location request (a reply keyboard) and inline buttons
    become two messages. The request goes first under a line that says what its button does; the
    question itself comes last with its buttons, so the last part (whose id the core keeps for
    edits) carries them. A document caption is at most 1,024 characters: a longer text goes first
    as its own message.
    """
    if (outgoing.request_contact or outgoing.request_location) and outgoing.buttons:
        hint = "channel.hint_location" if outgoing.request_location else "channel.hint_contact"
        return [
            replace(outgoing, text=t(hint, locale_of(outgoing.text)), buttons=()),
            replace(outgoing, request_contact=False, request_location=False),
        ]
    if outgoing.document is not None and len(outgoing.text) > CAPTION_LIMIT:
        return [Outgoing(chat_id=outgoing.chat_id, text=outgoing.text, channel=outgoing.channel),
                replace(outgoing, text="")]
    return [outgoing]


@functools.lru_cache(maxsize=512)
def inline_keyboard_json(buttons: tuple[tuple[Button, ...], ...]) -> str:
    """The Bot API's ``reply_markup`` for inline buttons, serialised once per distinct keyboard.

    Why here and cached: the same keyboards go out again and again (a community's buttons, a
    case's actions), and both frameworks otherwise rebuild and re-serialise a dozen objects per send.
    """
    markup = {"inline_keyboard": [[{"text": b.label, "callback_data": b.payload} for b in row] for row in buttons]}
    return json.dumps(markup, ensure_ascii=False, separators=(",", ":"))


class CallbackAnswers:
    """Callback queries answered beside the handling of their update, before any reply to the chat.

    Why beside: the update must reach the runtime without a wait (the runtime keeps the chat's
    order from that call on), and the button should stop spinning at once, not after the updates
    queued before it in the chat. Why before any reply: a reply that overtook the answer would
    arrive while the button still spins; ``before_send`` lets the answer go first.
    """

    def __init__(self) -> None:
        self._pending: dict[str, asyncio.Task[None]] = {}

    def start(self, chat_id: str, answer: Awaitable[None]) -> None:
        task = asyncio.ensure_future(answer)
        self._pending[chat_id] = task
        task.add_done_callback(lambda done: self._forget(chat_id, done))

    def _forget(self, chat_id: str, task: asyncio.Task[None]) -> None:
        if self._pending.get(chat_id) is task:
            del self._pending[chat_id]

    async def before_send(self, chat_id: str) -> None:
        task = self._pending.get(chat_id)
        if task is not None:
            await asyncio.wait({task}, timeout=5)

    async def settle(self) -> None:
        """Wait for the answers in flight (graceful stop)."""
        if self._pending:
            await asyncio.wait(set(self._pending.values()), timeout=5)


class ConfirmingPoller:
    """``getUpdates`` that confirms an update to Telegram only after it was handled.

    Why not the frameworks' pollers: ptb's ``Updater`` and aiogram's ``start_polling`` ask for the
    next batch (whose ``offset`` confirms the previous one) as soon as the batch is *queued*, so a
    process killed while it handles a batch loses those updates for good: Telegram never sends a
    confirmed update again. Here the updates of a batch are handed on at once in arrival order (the
    runtime keeps each chat's order, ``bot.runtime.ChatOrder``), and an update is confirmed only
    once it and every earlier update of the batch were handled.
    After a crash Telegram redelivers the unconfirmed rest and the processed-update rows make the
    handled part a no-op (but for each chat's last update, whose replies are sent again: the crash
    may have come before they went out).

    Why confirm during a batch (every ``confirm_every`` seconds, with ``getUpdates(offset, limit=1,
    timeout=0)`` whose one returned update is ignored and comes again later): a batch of 100 updates
    takes seconds when its replies wait for Telegram's 30 messages a second; confirming only at its
    end, a process that restarts often (a crash loop, a deploy) was handed the same 100 updates
    again and again and re-sent their replies each time, never getting further.
    """

    def __init__(
        self,
        fetch: Callable[[int | None, int, int], Awaitable[list[Any]]],
        handle: Callable[[Any], Awaitable[None]],
        update_id: Callable[[Any], int],
        poll_timeout: int = 10,
        retry_delay: float = 1.0,
        confirm_every: float = 1.0,
        stop_grace: float = 10.0,
    ) -> None:
        """``fetch(offset, timeout, limit)`` is getUpdates; ``handle(update)`` must reach the runtime's
        ``on_incoming`` before it first waits, so that the runtime sees the batch in its order.
        ``stop_grace``: seconds ``stop`` lets the batch in hand finish (as ``WebhookConfig.stop_grace``)."""
        self._fetch, self._handle, self._update_id = fetch, handle, update_id
        self._stop_grace = stop_grace
        self._retry_delay, self._poll_timeout, self._confirm_every = retry_delay, poll_timeout, confirm_every
        self.offset: int | None = None  # what the next getUpdates sends: everything below it is confirmed
        self._stopping = False
        self._fetching = False
        self._task: asyncio.Task[None] | None = None
        self._ids: list[int] = []  # the batch in hand, by update id
        self._done: set[int] = set()
        self._prefix = 0  # how many of ``_ids`` (in order) are handled
        self._confirming: asyncio.Task[None] | None = None
        self._confirmed_at = 0.0

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="linli-polling")

    async def _loop(self) -> None:
        while not self._stopping:
            await self._confirm_settled()  # Telegram answers one getUpdates at a time (409)
            self._fetching = True
            try:
                batch = await self._fetch(self.offset, self._poll_timeout, 100)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # network, 5xx, 409: wait and ask again
                log.warning("getUpdates failed: %s", exc)
                await asyncio.sleep(self._retry_delay)
                continue
            finally:
                self._fetching = False
            if batch:
                await self._run(batch)
                self.offset = max(self._update_id(u) for u in batch) + 1

    async def _run(self, batch: list[Any]) -> None:
        self._ids, self._done, self._prefix = sorted(self._update_id(u) for u in batch), set(), 0
        self._confirmed_at = asyncio.get_running_loop().time()

        async def one(update: Any) -> None:
            try:
                await self._handle(update)
            except Exception:
                log.exception("update %s failed in the channel", self._update_id(update))
            self._handled(self._update_id(update))

        # Tasks start in the order they are made: each reaches the runtime's per-chat queue in turn.
        await asyncio.gather(*(one(u) for u in batch))

    def _handled(self, update_id: int) -> None:
        """Confirm the handled start of the batch, at most every ``confirm_every`` seconds."""
        self._done.add(update_id)
        while self._prefix < len(self._ids) and self._ids[self._prefix] in self._done:
            self._prefix += 1
        self._maybe_confirm()

    def _maybe_confirm(self) -> None:
        if self._prefix == 0 or self._prefix == len(self._ids) or self._confirming is not None:
            return  # nothing yet; the whole batch (the next getUpdates confirms it); one at a time
        offset = self._ids[self._prefix - 1] + 1
        now = asyncio.get_running_loop().time()
        if offset > (self.offset or 0) and now - self._confirmed_at >= self._confirm_every:
            self._confirming = asyncio.create_task(self._confirm(offset), name="linli-confirm")

    async def _confirm(self, offset: int) -> None:
        try:
            await self._fetch(offset, 0, 1)  # the update it returns is unconfirmed: it comes again
            self.offset = max(self.offset or 0, offset)
        except Exception as exc:  # the batch's end confirms it anyway
            log.debug("confirming updates below %s failed: %s", offset, exc)
        finally:
            self._confirmed_at = asyncio.get_running_loop().time()
            self._confirming = None
        self._maybe_confirm()  # what was handled meanwhile

    async def _confirm_settled(self) -> None:
        if self._confirming is not None:
            with suppress(Exception):
                await self._confirming

    async def stop(self) -> None:
        """Finish the batch in hand (a long poll in progress is cancelled), then confirm it.

        Updates still running after ``stop_grace`` (a transaction stuck) are cancelled, rolled back
        and left unconfirmed: Telegram delivers them again, to the next start or another worker."""
        self._stopping = True
        if self._task is None:
            return
        if self._fetching:
            self._task.cancel()
        else:
            done, _ = await asyncio.wait({self._task}, timeout=self._stop_grace)
            if not done:
                log.warning("updates still in hand after %s s: left to be delivered again", self._stop_grace)
                self._task.cancel()
        with suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        await self._confirm_settled()
        if self._prefix:  # the handled start of a batch cut short
            self.offset = max(self.offset or 0, self._ids[self._prefix - 1] + 1)
        if self.offset is not None:
            with suppress(Exception):  # best effort: unconfirmed updates are redelivered and skipped
                await asyncio.wait_for(self._fetch(self.offset, 0, 1), 5)


def incoming_from_update(native: Any) -> Incoming | None:
    """A Bot API ``Update`` (python-telegram-bot's or aiogram's: both mirror the API's field names)
    to the neutral ``Incoming``; None for what linli ignores (stickers, voice, edits …). Pure."""
    update_id = str(native.update_id)
    query = native.callback_query
    if query is not None:
        user = query.from_user
        message = query.message
        chat_id = str(message.chat.id) if message is not None else str(user.id)
        is_group = message is not None and message.chat.type in ("group", "supergroup")
        return Incoming(
            channel=TELEGRAM, chat_id=chat_id, user_id=str(user.id), update_id=update_id,
            payload=query.data, locale=user.language_code, display_name=user.full_name,
            is_group=is_group,
        )
    message = native.message
    if message is None:
        return None
    moved = _chat_moved(update_id, message)
    if moved is not None or message.from_user is None:
        return moved
    user = message.from_user
    location = contact = photo = None
    if message.location is not None:
        location = Location(message.location.latitude, message.location.longitude)
    if message.contact is not None:
        contact_user = message.contact.user_id
        contact = Contact(message.contact.phone_number, str(contact_user) if contact_user else None)
    if message.photo:
        photo = max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0)).file_id
    text = message.text if message.text is not None else message.caption
    if text is None and location is None and contact is None and photo is None:
        return None  # stickers, voice … : nothing the flows understand
    return Incoming(
        channel=TELEGRAM, chat_id=str(message.chat.id), user_id=str(user.id), update_id=update_id,
        text=text, location=location, contact=contact, photo_file_id=photo,
        locale=user.language_code, display_name=user.full_name,
        is_group=message.chat.type in ("group", "supergroup"),
    )


def incoming_from_json(data: dict[str, Any]) -> Incoming | None:
    """A Bot API update as Telegram sends it (JSON) to the neutral ``Incoming``; the same answer
    as ``incoming_from_update`` on the framework's object built from it. Pure.

    Why from the JSON: building python-telegram-bot's ``Update`` (a few dozen objects per
    update) only to read a dozen fields cost more CPU per update than the rest of the channel."""
    update_id = str(data["update_id"])
    query = data.get("callback_query")
    if query is not None:
        user = query["from"]
        message = query.get("message")
        chat = message["chat"] if message is not None else None
        return Incoming(
            channel=TELEGRAM, chat_id=str(chat["id"] if chat is not None else user["id"]), user_id=str(user["id"]),
            update_id=update_id, payload=query.get("data"), locale=user.get("language_code"),
            display_name=_full_name(user), is_group=chat is not None and chat.get("type") in ("group", "supergroup"),
        )
    message = data.get("message")
    if message is None:
        return None
    user = message.get("from")
    chat = message["chat"]
    if message.get("migrate_to_chat_id"):
        old, new = chat["id"], message["migrate_to_chat_id"]
    elif message.get("migrate_from_chat_id"):
        old, new = message["migrate_from_chat_id"], chat["id"]
    else:
        old = new = None
    if old is not None:
        return Incoming(channel=TELEGRAM, chat_id=str(old), user_id=str(user["id"]) if user is not None else "",
                        update_id=update_id, is_group=True, moved_to=str(new))
    if user is None:
        return None
    location = contact = photo = None
    if message.get("location") is not None:
        location = Location(message["location"]["latitude"], message["location"]["longitude"])
    if message.get("contact") is not None:
        contact_user = message["contact"].get("user_id")
        contact = Contact(message["contact"]["phone_number"], str(contact_user) if contact_user else None)
    if message.get("photo"):
        photo = max(message["photo"], key=lambda p: (p["width"] * p["height"], p.get("file_size") or 0))["file_id"]
    text = message.get("text") if message.get("text") is not None else message.get("caption")
    if text is None and location is None and contact is None and photo is None:
        return None  # stickers, voice … : nothing the flows understand
    return Incoming(
        channel=TELEGRAM, chat_id=str(chat["id"]), user_id=str(user["id"]), update_id=update_id,
        text=text, location=location, contact=contact, photo_file_id=photo,
        locale=user.get("language_code"), display_name=_full_name(user),
        is_group=chat.get("type") in ("group", "supergroup"),
    )


JsonUpdate = tuple[dict[str, Any], Incoming | None]  # a Bot API update and what linli reads of it


def read_json_update(update: dict[str, Any]) -> JsonUpdate:
    """The update and what linli reads of it; raises on an update it cannot read (the webhook
    then answers 200 and drops it, as a resend would fail alike)."""
    return update, incoming_from_json(update)


async def hand_on_json(parsed: JsonUpdate, answers: CallbackAnswers,
                       answer: Callable[[str], Awaitable[None]], on_incoming: OnIncoming) -> None:
    """A Bot API update (JSON) to the runtime without waiting first (it keeps the chat's order from
    the call on); a callback query is answered beside it (``CallbackAnswers``).

    Why both frameworks' webhooks take this path and not their own update objects: building
    aiogram's ``Update`` and passing it through its dispatcher's middlewares and routers cost more
    CPU per update than our whole channel layer, to read a dozen fields (as with ptb's objects)."""
    update, incoming = parsed
    query = update.get("callback_query")
    if query is not None:
        answers.start(incoming.chat_id if incoming is not None else str(query["from"]["id"]),
                      answer(str(query["id"])))
    if incoming is not None:
        await on_incoming(incoming)


def _full_name(user: dict[str, Any]) -> str:
    """As both frameworks' ``User.full_name``: first name, then the last name when there is one."""
    last = user.get("last_name")
    return f"{user['first_name']} {last}" if last else str(user["first_name"])


def _chat_moved(update_id: str, message: Any) -> Incoming | None:
    """Telegram's service messages when a group becomes a supergroup (its id changes):
    ``migrate_to_chat_id`` in the old group, ``migrate_from_chat_id`` in the new supergroup. Both
    say "old id → new id"; the core re-points the chat on the first and finds nothing on the second."""
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return None
    user = message.from_user
    return Incoming(channel=TELEGRAM, chat_id=str(old), user_id=str(user.id) if user is not None else "",
                    update_id=update_id, is_group=True, moved_to=str(new))
