"""The Telegram channel on aiogram 3, composing ``Bot``, ``Dispatcher`` and one ``Router``.

Why these choices: two router handlers (messages, callback queries) hand everything to the core;
aiogram's FSM is not used because conversation state lives in the database, shared with ptb, the
console and every worker. Polling is our ``ConfirmingPoller``, not ``Dispatcher.start_polling``
(it confirms updates before they are handled), feeding aiogram's ``Update`` objects to
``Dispatcher.feed_update``. Webhook mode reads the request's JSON as python-telegram-bot's channel
does (``bot.channels.base.hand_on_json``) and awaits the runtime inside the request, so the 200 is
written only once the update is handled (a crash before that makes Telegram resend it). Why not
``Update`` and ``feed_update`` there: validating the update into pydantic models and passing it
through the dispatcher's middlewares cost about a fifth of the CPU per update, to read a dozen
fields. Each chat's order is the runtime's: ``feed_update`` reaches our handlers without waiting on
anything (no FSM storage, no event isolation), and they, like the webhook, call the runtime before
their first wait.
"""

from __future__ import annotations

import asyncio
import functools
import logging

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    CallbackQuery,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)

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
    incoming_from_update,
    location_label,
    read_json_update,
    telegram_parts,
)
from bot.channels.webhook import HostsWebhook, WebhookServer
from handlers.messages import Button, Incoming, Outgoing
from handlers.outbox import ChatMovedError, PermanentSendError, TemporarySendError

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]


class AiogramChannel(HostsWebhook):
    name = TELEGRAM
    capabilities = TELEGRAM_CAPABILITIES
    framework = "aiogram"

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
        self.api_base = api_base.rstrip("/")
        # The sends in flight, plus getUpdates and its confirmation (the same session).
        session = AiohttpSession(api=TelegramAPIServer.from_base(self.api_base), limit=HTTP_IN_FLIGHT + 2)
        self.bot = Bot(token, session=session)
        self.dispatcher = Dispatcher()
        self.router = Router(name="linli")
        self.router.message.register(self._on_message)
        self.router.callback_query.register(self._on_callback)
        self.dispatcher.include_router(self.router)
        self._on_incoming = on_incoming
        self.concurrency = concurrency  # the runtime bounds the updates in hand by it
        self._answers = CallbackAnswers()
        self._in_flight = asyncio.Semaphore(HTTP_IN_FLIGHT)
        self._webhook = webhook
        self._server: WebhookServer[JsonUpdate] | None = (
            WebhookServer(webhook, read_json_update, self._on_json) if webhook is not None else None)
        self._poller: ConfirmingPoller | None = None
        self._poll_timeout = poll_timeout

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        await self.bot.get_me()  # a wrong token or base URL fails here, at start-up
        if self._webhook is None:
            await self.bot.delete_webhook(drop_pending_updates=False)
            # Not ``start_polling``: it confirms updates before they are handled (``ConfirmingPoller``).
            self._poller = ConfirmingPoller(self._get_updates, self._feed,
                                            lambda u: u.update_id, poll_timeout=self._poll_timeout)
            self._poller.start()
            return
        assert self._server is not None
        await self._server.start()  # nothing when the runtime serves our routes (``HostsWebhook``)
        await self.bot.set_webhook(
            self._webhook.url,
            secret_token=self._webhook.secret,
            allowed_updates=ALLOWED_UPDATES,
            max_connections=self._webhook.max_connections,
        )

    async def _get_updates(self, offset: int | None, timeout: int, limit: int) -> list[Update]:
        return list(await self.bot.get_updates(offset=offset, timeout=timeout, limit=limit,
                                               allowed_updates=ALLOWED_UPDATES, request_timeout=timeout + 10))

    async def _feed(self, update: Update) -> None:
        await self.dispatcher.feed_update(self.bot, update)


    async def stop(self) -> None:
        """Stop receiving, let updates in hand finish, then close the HTTP session.

        The webhook stays registered: other workers (and this one after a restart) still serve it.
        """
        if self._server is not None:
            await self._server.stop()
        if self._poller is not None:
            await self._poller.stop()  # finishes the batch in hand, confirms it with Telegram
            self._poller = None
        await self._answers.settle()
        await self.bot.session.close()

    # ------------------------------------------------------------------ incoming

    async def _on_message(self, message: Message, event_update: Update) -> None:
        """To the runtime without waiting first (it keeps the chat's order from the call on)."""
        incoming = self.to_incoming(event_update)
        if incoming is not None:
            await self._on_incoming(incoming)

    async def _on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        incoming = self.to_incoming(event_update)
        # Answered beside the handling, before any reply to the chat (``CallbackAnswers``).
        self._answers.start(incoming.chat_id if incoming is not None else str(query.from_user.id),
                            self._answer(query))
        if incoming is not None:
            await self._on_incoming(incoming)

    async def _on_json(self, parsed: JsonUpdate) -> None:
        """A webhook's update, as JSON (see the module's docstring)."""
        await hand_on_json(parsed, self._answers, self._answer_id, self._on_incoming)

    async def _answer(self, query: CallbackQuery) -> None:
        await self._answer_id(query.id)

    async def _answer_id(self, query_id: str) -> None:
        try:
            async with self._in_flight:
                await self.bot.answer_callback_query(query_id)
        except TelegramAPIError as exc:
            log.info("callback %s not answered: %s", query_id, exc)

    def to_incoming(self, native: Update) -> Incoming | None:
        """Pure: an aiogram ``Update`` to the neutral ``Incoming`` (None for what linli ignores)."""
        return incoming_from_update(native)

    # ------------------------------------------------------------------ outgoing

    @staticmethod
    def _inline(outgoing: Outgoing) -> InlineKeyboardMarkup | None:
        return _inline_markup(outgoing.buttons) if outgoing.buttons else None

    @staticmethod
    def _request_keyboard(outgoing: Outgoing, locale: str | None = None) -> ReplyKeyboardMarkup | None:
        row = []
        if outgoing.request_contact:
            row.append(KeyboardButton(text=contact_label(outgoing), request_contact=True))
        if outgoing.request_location:
            row.append(KeyboardButton(text=location_label(outgoing), request_location=True))
        if not row:
            return None
        return ReplyKeyboardMarkup(keyboard=[row], resize_keyboard=True, one_time_keyboard=True)

    def split(self, outgoing: Outgoing) -> list[Outgoing]:
        return telegram_parts(outgoing)

    async def send(self, outgoing: Outgoing) -> str | None:
        """Send one part (see ``split``): a request keyboard wins over inline buttons here."""
        await self._answers.before_send(outgoing.chat_id)
        try:
            async with self._in_flight:
                return await self._send(outgoing)
        except TelegramRetryAfter as exc:
            raise TemporarySendError(float(exc.retry_after)) from exc
        except (TelegramServerError, TelegramNetworkError) as exc:
            raise TemporarySendError(None, str(exc)) from exc
        except TelegramMigrateToChat as exc:  # the group became a supergroup
            raise ChatMovedError(str(exc.migrate_to_chat_id), str(exc)) from exc
        except (
            TelegramForbiddenError,
            TelegramNotFound,
            TelegramUnauthorizedError,
            TelegramBadRequest,
        ) as exc:
            raise PermanentSendError(str(exc)) from exc

    async def _send(self, outgoing: Outgoing) -> str | None:
        bot = self.bot
        chat_id = int(outgoing.chat_id)
        text = clip(outgoing.text)
        if outgoing.edit_of is not None:
            try:
                edited = await bot.edit_message_text(
                    text=text, chat_id=chat_id, message_id=int(outgoing.edit_of), reply_markup=self._inline(outgoing)
                )
            except TelegramBadRequest as exc:
                if "not modified" in str(exc).lower():
                    return outgoing.edit_of
                log.info("edit of %s failed (%s); sending anew", outgoing.edit_of, exc)
            else:
                return str(edited.message_id) if isinstance(edited, Message) else outgoing.edit_of
        if outgoing.document is not None:
            caption = clip(text, CAPTION_LIMIT) or None
            sent = await bot.send_document(
                chat_id, FSInputFile(outgoing.document), caption=caption, reply_markup=self._inline(outgoing)
            )
            return str(sent.message_id)
        request = self._request_keyboard(outgoing)
        if request is not None:
            sent = await bot.send_message(chat_id, text, reply_markup=request)
            return str(sent.message_id)
        sent = await bot.send_message(chat_id, text, reply_markup=self._inline(outgoing))
        return str(sent.message_id)


@functools.lru_cache(maxsize=512)
def _inline_markup(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """One markup object per distinct keyboard. Why cached: the same keyboards go out again and
    again (a community's buttons, a case's actions), and each build validated a dozen pydantic
    models; the markup is only read when a message is sent."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=b.label, callback_data=b.payload) for b in row] for row in buttons]
    )
