"""The Telegram channel on python-telegram-bot (v21/v22), composing ``telegram.ext.Application``.

Why these choices: the ``Application`` owns the bot and its HTTP pool; flows and their state live
in the database, not in ptb's ``ConversationHandler``/``user_data``, so no handler of ptb's is
needed. No ptb ``Updater`` (it confirms updates before they are handled): polling is our
``ConfirmingPoller`` and webhook mode is our aiohttp endpoint, both handing each update to the
runtime straight away and confirming it only when it was handled (the runtime keeps each chat's
order from that call on). Not ptb's ``update_queue`` (its "custom webhook" example): that would
answer Telegram before the update is handled, and a crash in between would lose it.

Why the Bot API's JSON and not ptb's objects on the busy paths (``getUpdates``, the webhook's
updates, ``sendMessage``): linli reads a dozen fields of an update and only the id of a sent
message, and building ``Update``/``Message`` objects for them was a tenth of the CPU per update.
``Bot.do_api_request`` (public, documented) returns the raw result, with ptb's error handling.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import os
import warnings
from pathlib import Path
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.channels.base import (
    CAPTION_LIMIT,
    HTTP_IN_FLIGHT,
    TELEGRAM,
    TELEGRAM_CAPABILITIES,
    CallbackAnswers,
    ConfirmingPoller,
    JsonUpdate,
    OnIncoming,
    WebhookConfig,
    clip,
    contact_label,
    hand_on_json,
    incoming_from_json,
    inline_keyboard_json,
    location_label,
    read_json_update,
    telegram_parts,
)
from bot.channels.ptb_request import AiohttpRequest
from bot.channels.webhook import HostsWebhook, WebhookServer
from handlers.messages import Button, Incoming, Outgoing
from handlers.outbox import ChatMovedError, PermanentSendError, TemporarySendError

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
# ptb suggests its typed methods when ``do_api_request`` names one; here the raw result is the point.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.(getUpdates|sendMessage)' instead",
                        category=PTBUserWarning)


def _retry_after(exc: RetryAfter) -> float:
    """Seconds, whichever type this ptb version returns (int now, timedelta later)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ptb 22 warns that the type will change
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class PtbChannel(HostsWebhook):
    name = TELEGRAM
    capabilities = TELEGRAM_CAPABILITIES
    framework = "ptb"

    def __init__(
        self,
        token: str,
        on_incoming: OnIncoming,
        *,
        api_base: str = "https://api.telegram.org",
        webhook: WebhookConfig | None = None,
        concurrency: int = 64,
        poll_timeout: int = 10,
    ) -> None:
        # Opt in to ptb's future ``timedelta`` durations (RetryAfter.retry_after): ptb 22 warns on
        # every 429 otherwise; ``_retry_after`` reads either type.
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        base = api_base.rstrip("/")
        builder = (
            Application.builder()
            .token(token)
            .base_url(f"{base}/bot")
            .base_file_url(f"{base}/file/bot")
            .concurrent_updates(concurrency)
            # aiohttp rather than ptb's default httpx: see ``ptb_request``.
            .request(AiohttpRequest(HTTP_IN_FLIGHT, pool_timeout=30))
            .get_updates_request(AiohttpRequest(1))
        )
        # No ptb Updater: it confirms updates before they are handled (see ``ConfirmingPoller``).
        builder = builder.updater(None)
        self.application: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self._on_incoming = on_incoming
        self.concurrency = concurrency  # the runtime bounds the updates in hand by it
        self._answers = CallbackAnswers()
        self._in_flight = asyncio.Semaphore(HTTP_IN_FLIGHT)
        self._webhook = webhook
        self._server: WebhookServer[JsonUpdate] | None = (
            WebhookServer(webhook, read_json_update, self._on_parsed) if webhook is not None else None)
        self._poll_timeout = poll_timeout
        self._poller: ConfirmingPoller | None = None
        self.api_base = base

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = self.application
        await app.initialize()  # getMe: a wrong token or base URL fails here, at start-up
        await app.start()
        if self._webhook is None:
            await app.bot.delete_webhook(drop_pending_updates=False)
            self._poller = ConfirmingPoller(self._get_updates, self._on_update,
                                            _update_id, poll_timeout=self._poll_timeout)
            self._poller.start()
            return
        assert self._server is not None
        await self._server.start()  # nothing when the runtime serves our routes (``HostsWebhook``)
        await app.bot.set_webhook(
            url=self._webhook.url,
            secret_token=self._webhook.secret,
            allowed_updates=ALLOWED_UPDATES,
            max_connections=self._webhook.max_connections,
        )

    async def _get_updates(self, offset: int | None, timeout: int, limit: int) -> list[dict[str, Any]]:
        """getUpdates as JSON. The read timeout covers the long poll, as ptb's ``get_updates`` does."""
        bot = self.application.bot
        result = await bot.do_api_request(
            "getUpdates", {"offset": offset, "timeout": timeout, "limit": limit, "allowed_updates": ALLOWED_UPDATES},
            read_timeout=(bot.request.read_timeout or 0) + timeout)
        return list(result) if isinstance(result, list) else []

    async def stop(self) -> None:
        """Stop receiving, let updates in hand finish, then close the HTTP pool.

        The webhook stays registered: other workers (and this one after a restart) still serve it.
        """
        app = self.application
        if self._server is not None:
            await self._server.stop()
        if self._poller is not None:
            await self._poller.stop()  # finishes the batch in hand, confirms it with Telegram
            self._poller = None
        if app.running:
            await app.stop()
        await self._answers.settle()
        await app.shutdown()

    # ------------------------------------------------------------------ incoming

    async def _on_update(self, update: dict[str, Any]) -> None:
        await self._on_parsed(read_json_update(update))

    async def _on_parsed(self, parsed: JsonUpdate) -> None:
        await hand_on_json(parsed, self._answers, self._answer, self._on_incoming)

    async def _answer(self, query_id: str) -> None:
        try:
            async with self._in_flight:
                await self.application.bot.answer_callback_query(query_id)
        except (BadRequest, NetworkError) as exc:
            log.info("callback %s not answered: %s", query_id, exc)

    def to_incoming(self, native: dict[str, Any]) -> Incoming | None:
        """Pure: a Bot API update (JSON) to the neutral ``Incoming`` (None for what linli ignores)."""
        return incoming_from_json(native)

    # ------------------------------------------------------------------ outgoing

    @staticmethod
    def _inline(outgoing: Outgoing) -> InlineKeyboardMarkup | None:
        return _inline_markup(outgoing.buttons) if outgoing.buttons else None

    @staticmethod
    def _request_keyboard(outgoing: Outgoing, locale: str | None = None) -> ReplyKeyboardMarkup | None:
        row = []
        if outgoing.request_contact:
            row.append(KeyboardButton(contact_label(outgoing), request_contact=True))
        if outgoing.request_location:
            row.append(KeyboardButton(location_label(outgoing), request_location=True))
        if not row:
            return None
        return ReplyKeyboardMarkup([row], resize_keyboard=True, one_time_keyboard=True)

    def split(self, outgoing: Outgoing) -> list[Outgoing]:
        return telegram_parts(outgoing)

    async def send(self, outgoing: Outgoing) -> str | None:
        """Send one part (see ``split``): a request keyboard wins over inline buttons here."""
        await self._answers.before_send(outgoing.chat_id)
        try:
            async with self._in_flight:
                return await self._send(outgoing)
        except RetryAfter as exc:
            raise TemporarySendError(_retry_after(exc)) from exc
        except ChatMigrated as exc:  # the group became a supergroup
            raise ChatMovedError(str(exc.new_chat_id), str(exc)) from exc
        except (Forbidden, InvalidToken) as exc:
            raise PermanentSendError(str(exc)) from exc
        except BadRequest as exc:
            raise PermanentSendError(str(exc)) from exc
        except NetworkError as exc:  # timeouts, 5xx, connection errors
            raise TemporarySendError(None, str(exc)) from exc

    async def _send(self, outgoing: Outgoing) -> str | None:
        bot = self.application.bot
        chat_id = int(outgoing.chat_id)
        text = clip(outgoing.text)
        inline = self._inline(outgoing) if outgoing.edit_of is not None or outgoing.document is not None else None
        if outgoing.edit_of is not None:
            try:
                edited = await bot.edit_message_text(
                    text, chat_id=chat_id, message_id=int(outgoing.edit_of), reply_markup=inline
                )
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return outgoing.edit_of
                log.info("edit of %s failed (%s); sending anew", outgoing.edit_of, exc)
            else:
                return str(edited.message_id) if isinstance(edited, Message) else outgoing.edit_of
        if outgoing.document is not None:
            path = Path(outgoing.document)
            caption = clip(text, CAPTION_LIMIT) or None
            with path.open("rb") as handle:
                sent = await bot.send_document(
                    chat_id, document=handle, filename=path.name, caption=caption, reply_markup=inline
                )
            return str(sent.message_id)
        request = self._request_keyboard(outgoing)
        if request is not None:
            sent = await bot.send_message(chat_id, text, reply_markup=request)
            return str(sent.message_id)
        # The keyboard as JSON, serialised once per distinct keyboard (``api_kwargs`` are sent as
        # given), and the sent message's id read from the JSON (see the module's docstring).
        params: dict[str, Any] = {"chat_id": chat_id, "text": text}
        if outgoing.buttons:
            params["reply_markup"] = inline_keyboard_json(outgoing.buttons)
        sent = await bot.do_api_request("sendMessage", params)
        return str(sent["message_id"])


@functools.lru_cache(maxsize=512)
def _inline_markup(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """One markup object per distinct keyboard (ptb's objects are immutable). Why cached: the same
    keyboards go out again and again (a community's buttons, a case's actions)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
                                 for row in buttons])


def _update_id(update: dict[str, Any]) -> int:
    return int(update["update_id"])
