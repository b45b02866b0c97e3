"""A fake Telegram Bot API server on loopback, and the users who talk to the bot through it.

Why a server and not mocks: both frameworks then run their real HTTP code (ptb through ``AiohttpRequest``, aiogram
on aiohttp), their real polling loops and their real parsing of our JSON, so a test that passes
here exercises what runs against api.telegram.org. Tests wait on conditions (``wait_for``), never
on sleeps: every request the bot makes notifies one ``asyncio.Condition``.

It enforces Telegram's flood limits with sliding windows (30 messages/s per bot; per private
chat 3 in any second and 12 in any ten; 20 per minute per group) and answers 429 with
``retry_after`` when they are broken, counting those in ``limit_429s``; ``fail_next`` injects 429s
and 5xx on demand, and ``migrate_chat`` upgrades a group to a supergroup (its old id then refuses
every send with ``migrate_to_chat_id``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

TOKEN = "123456:TEST-linli-token_abcdefghijklmnopqrstuv"
# A condition wait is over as soon as it holds; the limit only bounds a failing test. Generous,
# because CI runs the suite on every core of a 2-core machine and the flood limits pace the replies.
WAIT_TIMEOUT = 30.0
SEND_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendLocation", "editMessageText", "editMessageReplyMarkup"}
)


@dataclass(frozen=True)
class Limits:
    bot: tuple[tuple[int, float], ...] = ((30, 1.0),)
    private: tuple[tuple[int, float], ...] = ((3, 1.0), (12, 10.0))
    group: tuple[tuple[int, float], ...] = ((20, 60.0),)

    def faster(self, factor: float) -> Limits:
        """The same limits with every window ``factor`` times shorter (for quick tests)."""
        def scale(windows: tuple[tuple[int, float], ...]) -> tuple[tuple[int, float], ...]:
            return tuple((count, window / factor) for count, window in windows)

        return Limits(scale(self.bot), scale(self.private), scale(self.group))


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float


@dataclass
class BotMessage:
    """A message the bot sent (and its later edits)."""

    message_id: int
    chat_id: int
    text: str | None
    reply_markup: dict[str, Any] | None = None
    kind: str = "text"
    caption: str | None = None
    edits: int = 0
    history: list[str | None] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text if self.text is not None else (self.caption or "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.buttons]

    @property
    def requests(self) -> list[str]:
        rows = (self.reply_markup or {}).get("keyboard") or []
        found = []
        for row in rows:
            for b in row:
                if isinstance(b, dict) and b.get("request_contact"):
                    found.append("contact")
                if isinstance(b, dict) and b.get("request_location"):
                    found.append("location")
        return found


class FakeUser:
    """A Telegram user in a private chat with the bot (``chat_id == user_id``) or in a group."""

    def __init__(self, server: FakeBotAPI, user_id: int, first_name: str, language_code: str = "zh-hans",
                 chat_id: int | None = None) -> None:
        self.server = server
        self.id = user_id
        self.chat_id = chat_id if chat_id is not None else user_id
        self.first_name = first_name
        self.language_code = language_code
        self._cursor = 0

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": self.first_name, "language_code": self.language_code}

    def chat_json(self) -> dict[str, Any]:
        if self.chat_id < 0:
            return self.server.group_json(self.chat_id)
        return {"id": self.chat_id, "type": "private", "first_name": self.first_name}

    def follow(self, chat_id: int) -> None:
        """The group became a supergroup (``FakeBotAPI.migrate_chat``): this user writes and
        reads there from now on."""
        self.chat_id, self._cursor = chat_id, 0

    # ------------------------------------------------------------------ acting

    def _message(self, **fields: Any) -> dict[str, Any]:
        return {"message_id": next(self.server._user_message_ids), "date": int(time.time()),
                "chat": self.chat_json(), "from": self.json(), **fields}

    def send(self, text: str) -> int:
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.server.push({"message": self._message(**fields)})

    def share_contact(self, phone: str) -> int:
        contact = {"phone_number": phone, "first_name": self.first_name, "user_id": self.id}
        return self.server.push({"message": self._message(contact=contact)})

    def share_location(self, latitude: float, longitude: float) -> int:
        return self.server.push({"message": self._message(location={"latitude": latitude, "longitude": longitude})})

    def send_photo(self, file_id: str = "photo-big", caption: str | None = None) -> int:
        sizes = [
            {"file_id": file_id + "-small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 900},
            {"file_id": file_id, "file_unique_id": "b", "width": 1280, "height": 960, "file_size": 90000},
            {"file_id": file_id + "-mid", "file_unique_id": "m", "width": 320, "height": 240, "file_size": 9000},
        ]
        fields: dict[str, Any] = {"photo": sizes}
        if caption:
            fields["caption"] = caption
        return self.server.push({"message": self._message(**fields)})

    def press(self, label: str, message: BotMessage | None = None) -> str:
        """Press the button ``label`` on ``message`` (default: the latest message that has it)."""
        if message is None:
            message = next((m for m in reversed(self.messages) if label in m.labels), None)
            if message is None:
                seen = [m.labels for m in self.messages if m.labels]
                raise AssertionError(f"{self.first_name}: no message with button {label!r}; seen {seen}")
        data = dict(message.buttons)[label]
        query_id = str(next(self.server._callback_ids))
        self.server.push({"callback_query": {
            "id": query_id, "from": self.json(), "chat_instance": f"ci{self.chat_id}", "data": data,
            "message": self.server.message_json(message),
        }})
        return query_id

    # ------------------------------------------------------------------ reading

    @property
    def messages(self) -> list[BotMessage]:
        return self.server.chats.get(self.chat_id, [])

    def texts(self) -> list[str]:
        return [m.body for m in self.messages]

    async def wait_message(self, predicate: Callable[[BotMessage], bool] | str = lambda m: True,
                           timeout: float = WAIT_TIMEOUT) -> BotMessage:
        """The next message (after those already waited for) that matches; skips the others."""
        if isinstance(predicate, str):
            needle = predicate
            predicate = lambda m: needle in m.body  # noqa: E731
        found: list[BotMessage] = []

        def ready() -> bool:
            for index in range(self._cursor, len(self.messages)):
                if predicate(self.messages[index]):
                    self._cursor = index + 1
                    found.append(self.messages[index])
                    return True
            return False

        try:
            await self.server.wait_for(ready, timeout)
        except TimeoutError:
            got = "\n  ".join(m.body[:80] for m in self.messages[self._cursor:])
            raise AssertionError(f"{self.first_name}: no matching message in {timeout}s; unread:\n  {got}") from None
        return found[0]


class FakeBotAPI:
    def __init__(self, token: str = TOKEN, *, limits: Limits | None = Limits(), username: str = "linli_test_bot",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.token = token
        self.limits = limits
        self.username = username
        self.bot_id = int(token.split(":")[0])
        self.clock = clock
        self.calls: list[Call] = []
        self.chats: dict[int, list[BotMessage]] = {}
        self.messages: dict[tuple[int, int], BotMessage] = {}
        self.answered: set[str] = set()
        self.limit_429s = 0
        self.limit_hits: list[tuple[int, int, float]] = []  # (chat, count, window) of each 429 provoked
        self.injected: list[tuple[str, int]] = []
        self.webhook: dict[str, Any] | None = None
        self.webhook_statuses: list[int] = []
        self.migrated: dict[int, int] = {}  # group id -> the supergroup it became (``migrate_chat``)
        self.supergroups: set[int] = set()
        self.delivered = 0
        self._pending: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._user_message_ids = itertools.count(1)
        self._callback_ids = itertools.count(9_000_000)
        self._users = itertools.count(100_001)
        self._fail: deque[tuple[frozenset[str] | None, int, int]] = deque()
        self._sent_bot: deque[float] = deque()
        self._sent_chat: dict[int, deque[float]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self._deliveries: set[asyncio.Task[None]] = set()
        self._closing = False
        self.polling = 0  # getUpdates requests waiting for an update now (a bot that is up)
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeBotAPI:
        app = web.Application(client_max_size=20 << 20)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._client = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        self._closing = True
        await self._notify()
        for task in list(self._deliveries):
            task.cancel()
        await asyncio.gather(*self._deliveries, return_exceptions=True)
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ users and updates

    def user(self, first_name: str, language_code: str = "zh-hans", user_id: int | None = None,
             chat_id: int | None = None) -> FakeUser:
        return FakeUser(self, user_id or next(self._users), first_name, language_code, chat_id)

    def push(self, update: dict[str, Any], update_id: int | None = None) -> int:
        """Queue an update for getUpdates, or POST it to the webhook when one is set.

        ``update_id`` re-sends an update Telegram already sent (a duplicate delivery)."""
        update = {"update_id": update_id if update_id is not None else next(self._update_ids), **update}
        if self.webhook is not None:
            self._deliver_soon(update)
        else:
            self._pending.append(update)
            asyncio.get_running_loop().create_task(self._notify())
        return update["update_id"]

    def replay(self, update_id: int) -> None:
        """Deliver again an update that was already delivered (as Telegram does after a timeout)."""
        original = next(c.params["__update"] for c in self.calls if c.method == "__delivered"
                        and c.params["__update"]["update_id"] == update_id)
        update = dict(original)
        if self.webhook is not None:
            self._deliver_soon(update)
        else:
            update["__force"] = True
            self._pending.append(update)
            asyncio.get_running_loop().create_task(self._notify())

    def _deliver_soon(self, update: dict[str, Any]) -> None:
        task = asyncio.get_running_loop().create_task(self._post_webhook(update))
        self._deliveries.add(task)
        task.add_done_callback(self._deliveries.discard)

    async def _post_webhook(self, update: dict[str, Any]) -> None:
        """POST until answered 200. Each attempt goes to the webhook set *now*, as Telegram's
        resends do: a worker that died unanswered is replaced by the one that set it again."""
        assert self._client is not None
        for _attempt in range(200):
            hook = self.webhook
            if hook is None:  # deleted meanwhile: kept for getUpdates
                self._pending.append(update)
                await self._notify()
                return
            headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]} if hook.get("secret_token") else {}
            try:
                async with self._client.post(hook["url"], json=update, headers=headers) as response:
                    self.webhook_statuses.append(response.status)
                    if response.status == 200:
                        await self._record("__delivered", {"__update": update}, 200)
                        self.delivered += 1
                        return
            except aiohttp.ClientError:
                self.webhook_statuses.append(0)
            await asyncio.sleep(0.05)  # Telegram's own retry pause, not test synchronisation

    async def post_to_webhook(self, update: dict[str, Any], secret: str | None) -> int:
        """POST one raw update to the registered webhook with a given secret; the status."""
        assert self.webhook is not None and self._client is not None
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as response:
            return response.status

    # ------------------------------------------------------------------ failures on demand

    def migrate_chat(self, old_id: int, new_id: int, *, announce_by: FakeUser | None = None) -> None:
        """The group ``old_id`` becomes the supergroup ``new_id``: from now on every send to the old
        id is refused with 400 and ``migrate_to_chat_id``, as Telegram does, and what is sent to the
        new id is recorded under the new chat. ``announce_by``: the member who upgraded it; then
        the two service messages Telegram sends go out too (``migrate_to_chat_id`` in the old
        group, ``migrate_from_chat_id`` in the new supergroup)."""
        self.migrated[old_id] = new_id
        self.supergroups.add(new_id)
        if announce_by is not None:
            def service(chat_id: int, **fields: Any) -> dict[str, Any]:
                return {"message": {"message_id": next(self._user_message_ids), "date": int(time.time()),
                                    "chat": self.group_json(chat_id), "from": announce_by.json(), **fields}}

            self.push(service(old_id, migrate_to_chat_id=new_id))
            self.push(service(new_id, migrate_from_chat_id=old_id))

    def group_json(self, chat_id: int) -> dict[str, Any]:
        kind = "supergroup" if chat_id in self.supergroups else "group"
        return {"id": chat_id, "type": kind, "title": kind}

    def fail_next(self, count: int = 1, status: int = 429, retry_after: int = 1,
                  methods: Iterable[str] | None = SEND_METHODS) -> None:
        for _ in range(count):
            self._fail.append((frozenset(methods) if methods is not None else None, status, retry_after))

    # ------------------------------------------------------------------ waiting and reading

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT_TIMEOUT) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    def sent(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.status == 200 and (method is None or c.method == method)
                and not c.method.startswith("__")]

    def delivered_count(self, update_id: int) -> int:
        return sum(1 for c in self.calls if c.method == "__delivered" and c.params["__update"]["update_id"] == update_id)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def message_json(self, message: BotMessage) -> dict[str, Any]:
        chat = (self.group_json(message.chat_id) if message.chat_id < 0
                else {"id": message.chat_id, "type": "private", "first_name": "user"})
        body: dict[str, Any] = {"message_id": message.message_id, "date": int(time.time()), "chat": chat,
                                "from": self._me()}
        if message.kind == "document":
            body["document"] = {"file_id": f"doc{message.message_id}", "file_unique_id": f"d{message.message_id}",
                                "file_name": "report"}
            if message.caption is not None:
                body["caption"] = message.caption
        else:
            body["text"] = message.text or ""
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            body["reply_markup"] = message.reply_markup
        return body

    def _me(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "linli", "username": self.username}

    # ------------------------------------------------------------------ the API

    async def _record(self, method: str, params: dict[str, Any], status: int) -> None:
        self.calls.append(Call(method, params, status, self.clock()))
        await self._notify()

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.read()
            if body:
                params.update(json.loads(body))
        elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            post = await request.post()
            for key, value in post.items():
                params[key] = value if isinstance(value, str) else {"__file": getattr(value, "filename", "")}
        for key, value in list(params.items()):
            if isinstance(value, str) and value[:1] in ("{", "[") and key != "text":
                params[key] = json.loads(value)
        for key in ("chat_id", "message_id", "offset", "limit", "timeout", "max_connections"):
            if isinstance(params.get(key), str) and params[key].lstrip("-").isdigit():
                params[key] = int(params[key])
        for key in ("drop_pending_updates", "show_alert"):
            if isinstance(params.get(key), str):
                params[key] = params[key].lower() == "true"
        return params

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(status: int, description: str, **parameters: Any) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        if request.match_info["token"] != self.token:
            await self._record(method, params, 401)
            return self._error(401, "Unauthorized")
        if self._fail and (self._fail[0][0] is None or method in self._fail[0][0]):
            _, status, retry_after = self._fail.popleft()
            self.injected.append((method, status))
            await self._record(method, params, status)
            if status == 429:
                return self._error(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
            return self._error(status, "Bad Gateway" if status == 502 else "Internal Server Error")
        if method in SEND_METHODS and params.get("chat_id") in self.migrated:
            await self._record(method, params, 400)
            return self._error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                               migrate_to_chat_id=self.migrated[params["chat_id"]])
        if method in SEND_METHODS and self.limits is not None:
            retry_after = self._over_limit(int(params.get("chat_id", 0)))
            if retry_after is not None:
                self.limit_429s += 1
                await self._record(method, params, 429)
                return self._error(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            await self._record(method, params, 404)
            return self._error(404, "Not Found: method not found")
        response: web.Response = await handler(params)
        await self._record(method, params, response.status)
        return response

    def _over_limit(self, chat_id: int) -> int | None:
        now = self.clock()
        assert self.limits is not None
        chat_windows = self.limits.group if chat_id < 0 else self.limits.private
        chat_log = self._sent_chat.setdefault(chat_id, deque())
        longest = max(w for _, w in (*self.limits.bot, *chat_windows))
        for log in (self._sent_bot, chat_log):
            while log and log[0] <= now - longest:
                log.popleft()
        for log, windows in ((self._sent_bot, self.limits.bot), (chat_log, chat_windows)):
            for count, window in windows:
                inside = [t for t in log if t > now - window]
                if len(inside) >= count:
                    self.limit_hits.append((chat_id, count, window))
                    return max(1, math.ceil(inside[-count] + window - now))
        self._sent_bot.append(now)
        chat_log.append(now)
        return None

    # ------------------------------------------------------------------ methods

    async def _m_getMe(self, _p: dict[str, Any]) -> web.Response:
        return self._ok({**self._me(), "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": False})

    async def _m_getUpdates(self, p: dict[str, Any]) -> web.Response:
        if self.webhook is not None:
            return self._error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        if offset:  # confirms every update below the offset
            self._pending = [u for u in self._pending if u["update_id"] >= offset or u.get("__force")]

        def available() -> list[dict[str, Any]]:
            return [u for u in self._pending if u["update_id"] >= offset or u.get("__force")][:limit]

        if not available() and timeout > 0 and not self._closing:
            self.polling += 1
            await self._notify()
            try:
                with suppress(TimeoutError):
                    await self.wait_for(lambda: bool(available()) or self._closing, timeout)
            finally:
                self.polling -= 1
        batch = available()
        out = []
        for update in batch:
            if update.pop("__force", None):
                self._pending.remove(update)
            out.append(update)
            await self._record("__delivered", {"__update": dict(update)}, 200)
        return self._ok(out)

    async def _m_setWebhook(self, p: dict[str, Any]) -> web.Response:
        self.webhook = {"url": p["url"], "secret_token": p.get("secret_token", ""),
                        "max_connections": p.get("max_connections", 40)}
        pending, self._pending = self._pending, []
        for update in pending:
            update.pop("__force", None)
            self._deliver_soon(update)
        return self._ok(True)

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> web.Response:
        self.webhook = None
        if p.get("drop_pending_updates"):
            self._pending.clear()
        return self._ok(True)

    async def _m_getWebhookInfo(self, _p: dict[str, Any]) -> web.Response:
        return self._ok({"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                         "pending_update_count": len(self._pending)})

    def _new_message(self, p: dict[str, Any], kind: str = "text") -> BotMessage:
        chat_id = int(p["chat_id"])
        markup = p.get("reply_markup")
        message = BotMessage(next(self._message_ids), chat_id, p.get("text") if kind == "text" else None,
                             markup if isinstance(markup, dict) else None, kind, p.get("caption"))
        self.chats.setdefault(chat_id, []).append(message)
        self.messages[(chat_id, message.message_id)] = message
        return message

    async def _m_sendMessage(self, p: dict[str, Any]) -> web.Response:
        if not p.get("text"):
            return self._error(400, "Bad Request: message text is empty")
        if int(p["chat_id"]) == 403:
            return self._error(403, "Forbidden: bot was blocked by the user")
        return self._ok(self.message_json(self._new_message(p)))

    async def _m_sendPhoto(self, p: dict[str, Any]) -> web.Response:
        return self._ok(self.message_json(self._new_message(p, "photo")))

    async def _m_sendDocument(self, p: dict[str, Any]) -> web.Response:
        return self._ok(self.message_json(self._new_message(p, "document")))

    async def _edit(self, p: dict[str, Any], text: bool) -> web.Response:
        message = self.messages.get((int(p["chat_id"]), int(p["message_id"])))
        if message is None:
            return self._error(400, "Bad Request: message to edit not found")
        new_text = p.get("text") if text else message.text
        markup = p.get("reply_markup") if isinstance(p.get("reply_markup"), dict) else None
        if new_text == message.text and markup == message.reply_markup:
            return self._error(400, "Bad Request: message is not modified")
        message.history.append(message.text)
        message.text, message.reply_markup = new_text, markup
        message.edits += 1
        return self._ok(self.message_json(message))

    async def _m_editMessageText(self, p: dict[str, Any]) -> web.Response:
        return await self._edit(p, text=True)

    async def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> web.Response:
        return await self._edit(p, text=False)

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> web.Response:
        self.answered.add(str(p["callback_query_id"]))
        return self._ok(True)

    async def _m_getFile(self, p: dict[str, Any]) -> web.Response:
        file_id = p["file_id"]
        return self._ok({"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": 4,
                         "file_path": f"photos/{file_id}.jpg"})

    async def _file(self, _request: web.Request) -> web.Response:
        return web.Response(body=b"\xff\xd8fake")

    async def _m_setMyCommands(self, _p: dict[str, Any]) -> web.Response:
        return self._ok(True)

    async def _m_getMyCommands(self, _p: dict[str, Any]) -> web.Response:
        return self._ok([])

    async def _m_deleteMyCommands(self, _p: dict[str, Any]) -> web.Response:
        return self._ok(True)

    async def _m_close(self, _p: dict[str, Any]) -> web.Response:
        return self._ok(True)

    async def _m_logOut(self, _p: dict[str, Any]) -> web.Response:
        return self._ok(True)
