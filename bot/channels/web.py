"""The web channel: a mobile-first chat page and its JSON API, served by linli itself (aiohttp).

Why a channel like Telegram rather than a separate app: the page maps what a resident does to the
neutral ``Incoming`` and shows each ``Outgoing`` as a bubble, so registration, reports, staff
enrolment and surveys are the same flows. The page uses only the documented API (README "Web
chat"), so a WeChat mini-program or an app can use the same channel.

- A session is an unguessable token (cookie ``linli_session``, HttpOnly, SameSite=Lax, Secure
  behind TLS; or ``Authorization: Bearer`` for apps); only its SHA-256 is stored. The session's
  chat id is random too, and every read is scoped to it: an id in a URL gives nothing.
- Every bubble of both sides is a ``web_message`` row: a reload or a visit the next day restores
  the conversation, and a client that reconnects asks for the ids after the last it saw.
  Delivery is pushed over a WebSocket, or a long poll for proxies that block WebSockets.
- Limits (per session, per IP address, upload size, open sockets) answer with a 4xx and a reason
  in the reader's language, never a crash. Texts are rendered with ``textContent`` by the page,
  and the Content-Security-Policy allows only linli's own resources (no CDN: district intranets).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import hashlib
import json
import logging
import re
import secrets
import time
import uuid
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web
from sqlalchemy import select

from bot.channels.base import OnIncoming, parse_listen
from bot.channels.http import has_route
from handlers.messages import MAX_PAYLOAD_BYTES, Capabilities, Contact, Incoming, Location, Outgoing
from i18n import normalize_locale, t
from storage import models as m

WEB = "web"
COOKIE = "linli_session"
MAX_TEXT = 2000  # what a resident may type in one message (the core refuses longer reports too)
MAX_JSON_BYTES = 16 * 1024
LONG_POLL_MAX = 25.0  # below common proxy idle timeouts (30-60 s)
HISTORY_LIMIT = 200
PRESS_LOOKBACK = 30
SESSION_CACHE = 20_000  # a pressed button must be on one of the chat's last bot messages
STATIC = Path(__file__).with_name("web_static")
PHOTO_TYPES = {"image/jpeg": ("jpg", (b"\xff\xd8\xff",)), "image/png": ("png", (b"\x89PNG\r\n\x1a\n",)),
               "image/webp": ("webp", (b"RIFF",))}
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,36}$")  # with the chat id, within an update id's 64
_START = re.compile(r"^c-[A-Za-z0-9_-]{1,48}$")
_PHONE = re.compile(r"^\+?[0-9 -]{5,20}$")
_PHOTO_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png|webp)$")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

log = logging.getLogger(__name__)
# Set while a request of ours waits for the core's answer: its replies are sent from here, so
# ``send`` may wait for their bubbles to be written.
_ANSWERING: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("linli_web_answering", default=None)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class WebConfig:
    """The channel's knobs, from ``Settings`` (``LINLI_WEB_*``)."""

    host: str = "127.0.0.1"
    port: int = 8080
    session_days: float = 90
    allowed_origins: tuple[str, ...] = ()
    trust_proxy: bool = False
    photo_dir: Path = Path("web-photos")
    max_photo_bytes: int = 5 * 1024 * 1024
    messages_per_minute: int = 20
    requests_per_ip_per_minute: int = 600
    sessions_per_ip_per_hour: int = 60
    sockets_per_session: int = 4
    sockets_per_ip: int = 100

    @classmethod
    def from_settings(cls, settings: Any, listen: str | None) -> WebConfig:
        host, port = parse_listen(listen or "127.0.0.1:8080")
        return cls(host=host, port=port, session_days=settings.web_session_days,
                   allowed_origins=tuple(o.rstrip("/") for o in settings.web_allowed_origins),
                   trust_proxy=settings.web_trust_proxy, photo_dir=Path(settings.web_photo_dir),
                   max_photo_bytes=int(settings.web_max_photo_mb * 1024 * 1024),
                   messages_per_minute=settings.web_messages_per_minute,
                   requests_per_ip_per_minute=settings.web_requests_per_ip_per_minute,
                   sessions_per_ip_per_hour=settings.web_sessions_per_ip_per_hour,
                   sockets_per_session=settings.web_sockets_per_session,
                   sockets_per_ip=settings.web_sockets_per_ip)


class Refused(Exception):
    """A request we answer with a 4xx: the status, a stable code for clients, the reader's text."""

    def __init__(self, status: int, code: str, key: str, retry_after: int | None = None, **params: object) -> None:
        super().__init__(code)
        self.status, self.code, self.key, self.params, self.retry_after = status, code, key, params, retry_after


class Window:
    """At most ``limit`` events per ``seconds`` per key (a sliding log; keys forgotten when idle)."""

    def __init__(self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.seconds, self._clock = limit, seconds, clock
        self._events: dict[str, deque[float]] = {}

    def hit(self, key: str) -> int:
        """0 when allowed (and counted), else the whole seconds until it would be."""
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.seconds:
            events.popleft()
        if len(events) >= self.limit:
            return max(1, int(events[0] + self.seconds - now + 0.999))
        events.append(now)
        if len(self._events) > 50_000:  # forget idle keys rather than grow without bound
            for stale in [k for k, v in self._events.items() if not v or v[-1] <= now - self.seconds]:
                del self._events[stale]
        return 0


@dataclass
class _Session:
    chat_id: str
    locale: str
    token_hash: str


@dataclass
class _Hub:
    """Who is listening to which chat in this process: a queue per WebSocket or long poll."""

    listeners: dict[str, set[asyncio.Queue[dict[str, Any]]]] = field(default_factory=dict)

    def subscribe(self, chat_id: str) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.listeners.setdefault(chat_id, set()).add(queue)
        return queue

    def unsubscribe(self, chat_id: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self.listeners.get(chat_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self.listeners[chat_id]

    def publish(self, chat_id: str, message: dict[str, Any]) -> None:
        for queue in self.listeners.get(chat_id, ()):
            queue.put_nowait(message)


def public(row: m.WebMessage) -> dict[str, Any]:
    """A stored bubble as the API shows it (never the server's file paths)."""
    extra = row.extra or {}
    out: dict[str, Any] = {"id": row.id, "at": row.at.isoformat(), "from": row.author, "text": row.text}
    for key in ("buttons", "request_location", "request_contact", "location", "edit_of"):
        if extra.get(key):
            out[key] = extra[key]
    if extra.get("photo"):
        out["photo"] = f"/api/photo/{extra['photo']}"
    if extra.get("document"):
        out["document"] = {"name": extra["document"], "url": f"/api/file/{row.id}"}
    return out


class WebChannel:
    """The channel the runtime hosts: ``start`` serves, ``send`` stores and pushes a bubble."""

    name = WEB
    capabilities = Capabilities(max_text=4096, buttons=True, max_payload_bytes=MAX_PAYLOAD_BYTES, files=True,
                                locations=True, contact_request=True, per_chat_per_second=50.0,
                                global_per_second=10_000.0)

    concurrency = 256  # requests in hand at once (the runtime bounds them); each is one resident's

    def __init__(self, on_incoming: OnIncoming, uow_factory: Callable[[], Any], config: WebConfig | None = None,
                 *, now: Callable[[], datetime] = utc_now, default_locale: str = "zh",
                 on_close: Callable[[], Any] | None = None) -> None:
        self.on_incoming, self.uow_factory = on_incoming, uow_factory
        self.config = config or WebConfig()
        self.now, self.default_locale = now, normalize_locale(default_locale)
        self._on_close = on_close
        self.hub = _Hub()
        c = self.config
        self._per_session = Window(c.messages_per_minute, 60)
        self._per_ip = Window(c.requests_per_ip_per_minute, 60)
        self._new_sessions = Window(c.sessions_per_ip_per_hour, 3600)
        self._sockets: dict[str, int] = {}
        self._runner: web.AppRunner | None = None
        self._websockets: set[web.WebSocketResponse] = set()
        self._queue: list[tuple[m.WebMessage, asyncio.Future[dict[str, Any]]]] = []
        self._wake = asyncio.Event()
        self._unsettled: set[asyncio.Future[dict[str, Any]]] = set()
        # Sessions by token hash with their expiry (a read per request saved); the buttons each
        # chat was last shown (the check of a press without a read; the database when not here).
        self._sessions: dict[str, tuple[_Session, datetime]] = {}
        self._buttons: dict[str, dict[str, str]] = {}
        self._writer: asyncio.Task[None] | None = None
        self._hosted = False  # the runtime serves our routes on a shared app (``add_routes``)
        self.app = self._make_app()

    # ------------------------------------------------------------------ the Channel protocol

    async def start(self) -> None:
        self.config.photo_dir.mkdir(parents=True, exist_ok=True)
        async with self.uow_factory() as uow:  # sessions past their lifetime, and their history
            await uow.web.expire(self.now())
            await uow.commit()
        if self._hosted:
            return
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=self.http_stop_grace)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.config.host, self.config.port).start()

    async def stop(self) -> None:
        await self._close_sockets(self.app)
        if self._runner is not None:  # stops listening, lets the requests in hand (updates) finish
            await self._runner.cleanup()
            self._runner = None
        await self.flush()  # the bubbles those updates wrote
        if self._writer is not None:
            self._writer.cancel()
            with suppress(asyncio.CancelledError):
                await self._writer
        if self._on_close is not None:
            await self._on_close()

    def to_incoming(self, native: Any) -> Incoming | None:
        """``native``: (session, request body as a dict, kind); kind is the endpoint's name."""
        session, body, kind = native
        chat = session.chat_id
        update_id = f"{chat}:{body.get('client_id') or uuid.uuid4().hex}"
        base = {"channel": WEB, "chat_id": chat, "user_id": chat, "update_id": update_id, "locale": session.locale}
        if kind == "send":
            return Incoming(**base, text=body["text"])
        if kind == "press":
            return Incoming(**base, payload=body["payload"])
        if kind == "location":
            return Incoming(**base, location=Location(body["latitude"], body["longitude"]))
        if kind == "contact":
            return Incoming(**base, contact=Contact(body["phone"]))
        if kind == "photo":
            return Incoming(**base, photo_file_id=body["file_id"], text=body.get("caption") or None)
        return None

    def split(self, outgoing: Outgoing) -> list[Outgoing]:
        return [outgoing]  # one bubble carries text, buttons, requests and a document

    async def send(self, outgoing: Outgoing) -> str | None:
        extra: dict[str, Any] = {}
        if outgoing.buttons:
            extra["buttons"] = [[{"label": b.label, "payload": b.payload} for b in row] for row in outgoing.buttons]
        if outgoing.request_location:
            extra["request_location"] = True
        if outgoing.request_contact:
            extra["request_contact"] = True
        if outgoing.document:
            extra["document"], extra["path"] = Path(outgoing.document).name, str(outgoing.document)
        if outgoing.edit_of and outgoing.edit_of.isdigit():
            extra["edit_of"] = int(outgoing.edit_of)
        if outgoing.buttons:
            if len(self._buttons) >= SESSION_CACHE:
                self._buttons.pop(next(iter(self._buttons)))
            self._buttons[outgoing.chat_id] = {b.payload: b.label for row in outgoing.buttons for b in row}
        stored = self._store(outgoing.chat_id, "bot", outgoing.text, extra)
        replies = _ANSWERING.get()
        if replies is None:
            # From the runtime's outbox drain, whose transaction holds the database (SQLite's one
            # connection) until we return: the bubble is written just after, and pushed then.
            return None
        message = await stored
        replies.append(message["id"])
        return str(message["id"])

    # ------------------------------------------------------------------ storage

    def _store(self, chat_id: str, author: str, text: str, extra: dict[str, Any]) -> asyncio.Future[dict[str, Any]]:
        """Queue a bubble for the writer; the future gives it (with its id) once committed and
        pushed to the chat's listeners. Why one writer: bubbles that arrive together are written
        in one transaction (SQLite has one writer), and nothing here waits on a transaction the
        caller holds."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        row = m.WebMessage(chat_id=chat_id, at=self.now(), author=author, text=text, extra=extra)
        self._queue.append((row, future))
        self._unsettled.add(future)
        future.add_done_callback(self._unsettled.discard)
        self._wake.set()
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_loop(), name="linli-web-writer")
        return future

    async def _write_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._queue:
                batch, self._queue = self._queue[:500], self._queue[500:]
                try:
                    async with self.uow_factory() as uow:
                        for row, _ in batch:
                            uow.web.add(row)
                        await uow.commit()
                        messages = [public(row) for row, _ in batch]
                except Exception as exc:  # the callers hear of it; the page shows the error
                    log.exception("writing %s web message(s) failed", len(batch))
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (row, future), message in zip(batch, messages, strict=True):
                    self.hub.publish(row.chat_id, message)
                    if not future.done():
                        future.set_result(message)

    async def flush(self) -> None:
        """Wait until every queued bubble is written (stop, tests)."""
        while self._unsettled:
            await asyncio.wait(list(self._unsettled))

    async def _session_of(self, request: web.Request) -> _Session | None:
        token = request.cookies.get(COOKIE)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[7:].strip()
        if not token or len(token) > 100:
            return None
        digest = _hash(token)
        cached = self._sessions.get(digest)
        if cached is not None and cached[1] > self.now():
            return cached[0]
        async with self.uow_factory() as uow:
            row = await uow.web.session(digest, self.now())
            found = _Session(row.chat_id, row.locale or self.default_locale, digest) if row is not None else None
            expires = row.expires_at if row is not None else None
        if found is not None and expires is not None:
            self._remember(found, expires)
        return found

    def _remember(self, session: _Session, expires: datetime) -> None:
        if len(self._sessions) >= SESSION_CACHE:
            self._sessions.pop(next(iter(self._sessions)))
        self._sessions[session.token_hash] = (session, expires)

    # ------------------------------------------------------------------ the HTTP application

    @property
    def http_address(self) -> tuple[str, int]:
        return self.config.host, self.config.port

    @property
    def http_max_body(self) -> int:
        return self.config.max_photo_bytes + 64 * 1024

    http_stop_grace = 5.0

    def add_routes(self, app: web.Application) -> None:
        """Our routes, guard and socket closing on an app the runtime serves (``bot.channels.http``);
        ``start`` then does not listen. The guard acts on ``/api/`` only, beyond security headers."""
        app.middlewares.append(self._guard)
        self._routes(app)
        app.on_shutdown.append(self._close_sockets)
        self._hosted = True

    async def _close_sockets(self, _app: web.Application) -> None:
        for ws in list(self._websockets):
            with suppress(Exception):
                await ws.close()

    def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=self.http_max_body)
        self._routes(app)
        return app

    def _routes(self, app: web.Application) -> None:
        app.router.add_get("/", self.page)
        if not has_route(app, "GET", "/healthz"):
            app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/favicon.ico", self.favicon)
        app.router.add_static("/static/", STATIC, append_version=False)
        app.router.add_post("/api/session", self.open_session)
        app.router.add_post("/api/send", self.api_send)
        app.router.add_post("/api/press", self.api_press)
        app.router.add_post("/api/location", self.api_location)
        app.router.add_post("/api/contact", self.api_contact)
        app.router.add_post("/api/photo", self.api_photo)
        app.router.add_get("/api/messages", self.api_messages)
        app.router.add_get("/api/ws", self.api_ws)
        app.router.add_get("/api/photo/{name}", self.api_photo_file)
        app.router.add_get("/api/file/{id}", self.api_file)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Security headers on everything; per-IP limit and Origin check on the API; refusals as
        JSON with a reason in the reader's language."""
        locale = _locale_of(request, self.default_locale)
        try:
            if request.path.startswith("/api/"):
                wait = self._per_ip.hit(self._ip(request))
                if wait:
                    raise Refused(429, "rate_ip", "web.err.rate_ip", retry_after=wait, seconds=wait)
                self._check_origin(request)
            response = await handler(request)
        except Refused as exc:
            response = web.json_response({"error": exc.code, "message": t(exc.key, locale, **exc.params)},
                                         status=exc.status)
            if exc.retry_after:
                response.headers["Retry-After"] = str(exc.retry_after)
        except web.HTTPRequestEntityTooLarge:
            response = web.json_response({"error": "too_large", "message": t("web.err.too_large", locale)},
                                         status=413)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            response = web.json_response({"error": "http", "message": exc.reason}, status=exc.status)
        if not response.prepared:
            headers = response.headers
            headers.setdefault("Content-Security-Policy", CSP)
            headers.setdefault("X-Content-Type-Options", "nosniff")
            headers.setdefault("Referrer-Policy", "no-referrer")
            headers.setdefault("X-Frame-Options", "DENY")
            if request.path.startswith("/api/"):
                headers.setdefault("Cache-Control", "no-store")
        return response

    def _ip(self, request: web.Request) -> str:
        if self.config.trust_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()  # the address our proxy saw
        return request.remote or "?"

    def _secure(self, request: web.Request) -> bool:
        if request.secure:
            return True
        return self.config.trust_proxy and request.headers.get("X-Forwarded-Proto", "").lower() == "https"

    def _check_origin(self, request: web.Request) -> None:
        """A browser names the page that makes a request; only our own page (and configured
        origins) may use a resident's cookie. Apps send no Origin and authenticate by bearer token."""
        origin = request.headers.get("Origin")
        if origin is None:
            if request.method == "GET" and request.path != "/api/ws":
                return
            if request.headers.get("Authorization", "").startswith("Bearer ") or COOKIE not in request.cookies:
                return
            raise Refused(403, "origin", "web.err.origin")
        scheme = "https" if self._secure(request) else "http"
        own = f"{scheme}://{request.host}"
        if origin.rstrip("/") not in (own, *self.config.allowed_origins):
            raise Refused(403, "origin", "web.err.origin")

    # ------------------------------------------------------------------ the page

    async def page(self, request: web.Request) -> web.Response:
        locale = _locale_of(request, self.default_locale)
        strings = {k.removeprefix("web."): t(k, locale) for k in _PAGE_KEYS}
        html = (_template().replace("{{lang}}", "en" if locale == "en" else "zh-CN")
                .replace("{{title}}", escape(t("web.title", locale)))
                .replace("{{noscript}}", escape(t("web.noscript", locale)))
                .replace("{{strings}}", escape(json.dumps(strings, ensure_ascii=False), quote=True)))
        return web.Response(text=html, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def favicon(self, request: web.Request) -> web.Response:
        return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})

    async def healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    # ------------------------------------------------------------------ sessions

    async def open_session(self, request: web.Request) -> web.Response:
        """Resume the cookie's session, or open a new one; a new chat is greeted (``/start``,
        with the poster's community when the link carried one)."""
        body = await _json(request)
        locale = normalize_locale(_str(body, "locale", 8) or _locale_of(request, self.default_locale))
        start = _str(body, "start", 60)
        if start is not None and not _START.match(start):
            raise Refused(400, "bad_field", "web.err.bad_field", field="start")
        session = await self._session_of(request)
        token = None
        fresh = session is None
        if session is None:
            wait = self._new_sessions.hit(self._ip(request))
            if wait:
                raise Refused(429, "rate_ip", "web.err.rate_ip", retry_after=wait, seconds=wait)
            token = secrets.token_urlsafe(32)
            session = _Session("w" + secrets.token_hex(12), locale, _hash(token))
            now = self.now()
            expires = now + timedelta(days=self.config.session_days)
            async with self.uow_factory() as uow:
                uow.web.add(m.WebSession(token_hash=session.token_hash, chat_id=session.chat_id, created_at=now,
                                         expires_at=expires, locale=locale))
                await uow.commit()
            self._remember(session, expires)
        last = None
        if not fresh:
            async with self.uow_factory() as uow:
                last = await uow.session.scalar(select(m.WebMessage.id).where(
                    m.WebMessage.chat_id == session.chat_id).order_by(m.WebMessage.id.desc()).limit(1))
        if fresh or last is None:
            text = f"/start {start}" if start else "/start"
            inc = Incoming(channel=WEB, chat_id=session.chat_id, user_id=session.chat_id,
                           update_id=f"{session.chat_id}:open", text=text, locale=session.locale)
            answering = _ANSWERING.set([])
            try:
                await self.on_incoming(inc)
            finally:
                _ANSWERING.reset(answering)
        out: dict[str, Any] = {"resumed": not fresh, "locale": session.locale, "last_id": last or 0}
        if token is not None and body.get("bearer") is True:
            out["token"] = token  # for apps without cookies; a browser page never asks for it
        response = web.json_response(out)
        if token is not None:
            response.set_cookie(COOKIE, token, max_age=int(self.config.session_days * 86400), httponly=True,
                                samesite="Lax", secure=self._secure(request), path="/")
        return response

    async def _require(self, request: web.Request) -> _Session:
        session = await self._session_of(request)
        if session is None:
            raise Refused(401, "no_session", "web.err.no_session")
        return session

    # ------------------------------------------------------------------ what a resident does

    async def _dispatch(self, session: _Session, kind: str, body: dict[str, Any], shown: str,
                        extra: dict[str, Any] | None = None) -> web.Response:
        if kind != "press":  # buttons are bounded by what we sent
            wait = self._per_session.hit(session.chat_id)
            if wait:
                raise Refused(429, "rate_session", "web.err.rate_session", retry_after=wait, seconds=wait)
        inc = self.to_incoming((session, body, kind))
        assert inc is not None
        mine = self._store(session.chat_id, "me", shown, extra or {})  # written before the replies (one queue)
        replies: list[int] = []
        answering = _ANSWERING.set(replies)
        try:
            await self.on_incoming(inc)
        finally:
            _ANSWERING.reset(answering)
        return web.json_response({"ok": True, "id": (await mine)["id"], "replies": replies})

    async def api_send(self, request: web.Request) -> web.Response:
        body = await _json(request)
        text = body.get("text")
        if not isinstance(text, str):
            raise Refused(400, "bad_field", "web.err.bad_field", field="text")
        text = text.replace("\x00", "").strip()
        if not text:
            raise Refused(400, "empty", "web.err.empty")
        if len(text) > MAX_TEXT:
            raise Refused(413, "too_long", "web.err.too_long", limit=MAX_TEXT)
        _client_id(body)
        return await self._dispatch(await self._require(request), "send", {**body, "text": text}, text)

    async def api_press(self, request: web.Request) -> web.Response:
        body = await _json(request)
        payload = body.get("payload")
        if not isinstance(payload, str) or not payload or len(payload.encode()) > MAX_PAYLOAD_BYTES:
            raise Refused(400, "bad_field", "web.err.bad_field", field="payload")
        _client_id(body)
        session = await self._require(request)
        # Only a button this chat was shown: a payload naming someone else's case gives nothing.
        label = self._buttons.get(session.chat_id, {}).get(payload) or (await self._offered(session)).get(payload)
        if label is None:
            raise Refused(409, "stale_button", "web.err.stale_button")
        return await self._dispatch(session, "press", body, label)

    async def _offered(self, session: _Session) -> dict[str, str]:
        """Payload → label of the buttons on the chat's last bot messages."""
        async with self.uow_factory() as uow:
            rows = (await uow.session.scalars(
                select(m.WebMessage).where(m.WebMessage.chat_id == session.chat_id, m.WebMessage.author == "bot")
                .order_by(m.WebMessage.id.desc()).limit(PRESS_LOOKBACK))).all()
            return {b["payload"]: b["label"] for row in rows for line in (row.extra or {}).get("buttons", ())
                    for b in line}

    async def api_location(self, request: web.Request) -> web.Response:
        body = await _json(request)
        lat, lon = body.get("latitude"), body.get("longitude")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)) or \
                not (-90 <= lat <= 90 and -180 <= lon <= 180):  # type: ignore[operator]
            raise Refused(400, "bad_location", "web.err.bad_location")
        _client_id(body)
        session = await self._require(request)
        shown = {"location": {"latitude": round(float(lat), 6), "longitude": round(float(lon), 6)}}  # type: ignore[arg-type]
        return await self._dispatch(session, "location", {**body, "latitude": float(lat), "longitude": float(lon)},  # type: ignore[arg-type]
                                    t("web.sent_location", session.locale), shown)

    async def api_contact(self, request: web.Request) -> web.Response:
        body = await _json(request)
        phone = body.get("phone")
        if not isinstance(phone, str) or not _PHONE.match(phone.strip()):
            raise Refused(400, "bad_phone", "web.err.bad_phone")
        _client_id(body)
        return await self._dispatch(await self._require(request), "contact", {**body, "phone": phone.strip()},
                                    phone.strip())

    async def api_photo(self, request: web.Request) -> web.Response:
        """``multipart/form-data``: ``photo`` (JPEG, PNG or WebP), optional ``caption`` and ``client_id``.
        Stored under ``LINLI_WEB_PHOTO_DIR`` by content hash; the case keeps ``web:<name>`` as
        its file id, as it keeps Telegram's file id for a Telegram photo."""
        session = await self._require(request)
        if not request.content_type.startswith("multipart/"):
            raise Refused(415, "content_type", "web.err.content_type", expected="multipart/form-data")
        limit = self.config.max_photo_bytes
        fields: dict[str, Any] = {}
        data = b""
        kind = ""
        try:
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader):
                    continue
                name = getattr(part, "name", None)
                if name == "photo":
                    kind = (part.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                    chunks = bytearray()
                    while chunk := await part.read_chunk(64 * 1024):
                        chunks += chunk
                        if len(chunks) > limit:
                            raise Refused(413, "photo_size", "web.err.photo_size", mb=round(limit / 1048576, 1))
                    data = bytes(chunks)
                elif name in ("caption", "client_id"):
                    fields[name] = (await part.read(decode=True))[:4096].decode("utf-8", "replace")
        except (ValueError, AssertionError) as exc:
            raise Refused(400, "bad_field", "web.err.bad_field", field="photo") from exc
        if not data:
            raise Refused(400, "bad_field", "web.err.bad_field", field="photo")
        spec = PHOTO_TYPES.get(kind)
        if spec is None or not data.startswith(spec[1]) or (kind == "image/webp" and data[8:12] != b"WEBP"):
            raise Refused(415, "photo_type", "web.err.photo_type")
        caption = (fields.get("caption") or "").replace("\x00", "").strip()
        if len(caption) > MAX_TEXT:
            raise Refused(413, "too_long", "web.err.too_long", limit=MAX_TEXT)
        _client_id(fields)
        name = f"{hashlib.sha256(data).hexdigest()}.{spec[0]}"
        path = self.config.photo_dir / name
        if not path.exists():
            self.config.photo_dir.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(path.write_bytes, data)
        body = {"file_id": f"web:{name}", "caption": caption, "client_id": fields.get("client_id")}
        return await self._dispatch(session, "photo", body, caption or t("web.sent_photo", session.locale),
                                    {"photo": name})

    async def api_photo_file(self, request: web.Request) -> web.StreamResponse:
        """A photo, to the session that sent it only."""
        session = await self._require(request)
        name = request.match_info["name"]
        if not _PHOTO_NAME.match(name) or not await self._owns(session, "photo", name):
            raise Refused(404, "not_found", "web.err.not_found")
        path = self.config.photo_dir / name
        if not path.exists():
            raise Refused(404, "not_found", "web.err.not_found")
        return web.FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})

    async def api_file(self, request: web.Request) -> web.StreamResponse:
        """A document the bot sent this session (a staff member's report)."""
        session = await self._require(request)
        ident = request.match_info["id"]
        path = None
        if ident.isdigit() and len(ident) < 18:
            async with self.uow_factory() as uow:
                row = await uow.session.get(m.WebMessage, int(ident))
                path = Path((row.extra or {}).get("path", "")) if row is not None and \
                    row.chat_id == session.chat_id else None
        if path is None or not path.is_file():
            raise Refused(404, "not_found", "web.err.not_found")
        return web.FileResponse(path, headers={"Content-Disposition": f'attachment; filename="{path.name}"'})

    async def _owns(self, session: _Session, key: str, value: str) -> bool:
        async with self.uow_factory() as uow:
            rows = (await uow.session.scalars(select(m.WebMessage.extra).where(
                m.WebMessage.chat_id == session.chat_id, m.WebMessage.author == "me"))).all()
        return any((extra or {}).get(key) == value for extra in rows)

    # ------------------------------------------------------------------ what the bot says

    async def _after(self, chat_id: str, after: int) -> list[dict[str, Any]]:
        async with self.uow_factory() as uow:
            rows = await uow.web.messages(chat_id, after, HISTORY_LIMIT)
            out = [public(r) for r in rows]
            await uow.rollback()
        return out

    async def api_messages(self, request: web.Request) -> web.Response:
        """History and the long poll: messages after ``after``; with ``wait`` (seconds, at most
        25) and none yet, waits for the next one."""
        session = await self._require(request)
        after = _int_query(request, "after", 0)
        wait = min(float(_int_query(request, "wait", 0)), LONG_POLL_MAX)
        queue = self.hub.subscribe(session.chat_id)
        try:
            messages = await self._after(session.chat_id, after)
            if not messages and wait > 0:
                with suppress(TimeoutError):
                    first = await asyncio.wait_for(queue.get(), wait)
                    messages = [first]
                    while not queue.empty():
                        messages.append(queue.get_nowait())
                messages = [msg for msg in messages if msg["id"] > after]
        finally:
            self.hub.unsubscribe(session.chat_id, queue)
        last = max((msg["id"] for msg in messages), default=after)
        return web.json_response({"messages": messages, "last_id": last})

    async def api_ws(self, request: web.Request) -> web.StreamResponse:
        """Pushes ``{"type": "message", "message": {...}}``: first those after ``after``, then each
        new one once. Anything the client sends is ignored (it acts through the POST endpoints)."""
        session = await self._require(request)
        ip = self._ip(request)
        if self._sockets.get(session.chat_id, 0) >= self.config.sockets_per_session or \
                self._sockets.get(ip, 0) >= self.config.sockets_per_ip:
            raise Refused(429, "sockets", "web.err.sockets")
        after = _int_query(request, "after", 0)
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=4096)
        await ws.prepare(request)
        for key in (session.chat_id, ip):
            self._sockets[key] = self._sockets.get(key, 0) + 1
        self._websockets.add(ws)
        queue = self.hub.subscribe(session.chat_id)
        reader = asyncio.create_task(self._drain_client(ws))
        try:
            last = after
            for message in await self._after(session.chat_id, after):
                await ws.send_json({"type": "message", "message": message})
                last = message["id"]
            while not ws.closed:
                getter = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
                if getter not in done:
                    getter.cancel()
                    break
                message = getter.result()
                if message["id"] > last or message.get("edit_of"):
                    await ws.send_json({"type": "message", "message": message})
                    last = max(last, message["id"])
        except (ConnectionError, RuntimeError):
            pass  # the client went away mid-send
        finally:
            reader.cancel()
            self.hub.unsubscribe(session.chat_id, queue)
            self._websockets.discard(ws)
            for key in (session.chat_id, ip):
                self._sockets[key] -= 1
                if self._sockets[key] <= 0:
                    del self._sockets[key]
            await ws.close()
        return ws

    @staticmethod
    async def _drain_client(ws: web.WebSocketResponse) -> None:
        async for msg in ws:
            if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                break


_PAGE_KEYS = ("web.title", "web.placeholder", "web.send", "web.location", "web.photo", "web.phone",
              "web.phone_prompt", "web.connecting", "web.offline", "web.locating", "web.no_location",
              "web.sent_location", "web.sent_photo", "web.document", "web.err.photo_type", "web.err.photo_size",
              "web.err.too_long")


@functools.cache
def _template() -> str:
    return (STATIC / "index.html").read_text(encoding="utf-8")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _locale_of(request: web.Request, default: str) -> str:
    lang = request.query.get("lang")
    if lang:
        return normalize_locale(lang)
    accept = request.headers.get("Accept-Language", "")
    return normalize_locale(accept.split(",")[0].strip()) if accept else default


async def _json(request: web.Request) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise Refused(415, "content_type", "web.err.content_type", expected="application/json")
    if request.content_length is not None and request.content_length > MAX_JSON_BYTES:
        raise Refused(413, "too_large", "web.err.too_large")
    raw = await request.content.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise Refused(413, "too_large", "web.err.too_large")
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(400, "bad_json", "web.err.bad_json") from exc
    if not isinstance(body, dict):
        raise Refused(400, "bad_json", "web.err.bad_json")
    return body


def _str(body: dict[str, Any], key: str, limit: int) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise Refused(400, "bad_field", "web.err.bad_field", field=key)
    return value


def _client_id(body: dict[str, Any]) -> None:
    """Optional: the client's id for this action, so a retried request is handled once."""
    value = body.get("client_id")
    if value is not None and (not isinstance(value, str) or not _CLIENT_ID.match(value)):
        raise Refused(400, "bad_field", "web.err.bad_field", field="client_id")


def _int_query(request: web.Request, key: str, default: int) -> int:
    raw = request.query.get(key)
    if raw is None:
        return default
    if not raw.isdigit() or len(raw) > 15:
        raise Refused(400, "bad_field", "web.err.bad_field", field=key)
    return int(raw)


def build(options: Any, uow_factory: Callable[[], Any] | None = None) -> WebChannel:
    """The registry's entry (``bot.channels.registry``). With no ``uow_factory`` the channel opens
    its own engine on the settings' database (closed when the channel stops); the runtime can
    hand it the process's one to share SQLite's single connection."""
    settings = options.settings
    close = None
    uow_factory = uow_factory or options.uow_factory
    if uow_factory is None:
        from bot.app import build_app

        application = build_app(settings)
        uow_factory, close = application.uow_factory, application.close
    return WebChannel(options.on_incoming, uow_factory, WebConfig.from_settings(settings, options.listen),
                      default_locale=settings.locale, on_close=close)
