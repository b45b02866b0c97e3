"""The webhook endpoint both Telegram channels share: an aiohttp server.

Why our own and not the frameworks' (ptb's tornado server, aiogram's ``SimpleRequestHandler``):
one behaviour for both frameworks and for several workers behind a load balancer: a wrong or
missing ``X-Telegram-Bot-Api-Secret-Token`` gets 403, ``/healthz`` answers the balancer, and an
update is answered 200 only after it has been handled: the core has committed it and the replies
to the speaker have gone out (or into the outbox).

Why 200 only then: Telegram never resends an update that got 200, so answering first and handling
afterwards lost the update (the resident's report) whenever the process died in between. Now a
worker that dies mid-update never answers, and Telegram resends the update, to this worker after
its restart or to another. The price is what issue 5 wanted to avoid, a resend because we were
slow (the answer now waits for the replies too, so a chat paused by a 429 answers late). Handling
takes milliseconds, and a resend is harmless: the core records every processed update and skips
a repeat, sending at most the chat's last replies again (``handlers.dispatcher``). An update we
cannot even parse is answered 200 (a resend would fail alike); one whose handling raised gets 500,
so Telegram tries again. A stopping worker lets the updates in hand finish for
``WebhookConfig.stop_grace`` seconds, then drops them unanswered: Telegram resends those too.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from aiohttp import web

from bot.channels.base import WebhookConfig
from bot.channels.http import has_route

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # an update is a few kilobytes
U = TypeVar("U")


class WebhookServer(Generic[U]):
    """``parse(update_json)`` makes the framework's update; ``handle(update)`` returns once the
    update is handled to the end, and only then is the request answered 200."""

    def __init__(self, config: WebhookConfig, parse: Callable[[dict[str, Any]], U],
                 handle: Callable[[U], Awaitable[None]]) -> None:
        self.config = config
        self._parse = parse
        self._handle = handle
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        self.accepted = 0
        self.hosted = False  # the runtime serves our routes (``bot.channels.http``)

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        self._routes(app)
        return app

    def _routes(self, app: web.Application) -> None:
        app.router.add_post(self.config.path, self._update)
        if not has_route(app, "GET", "/healthz"):
            app.router.add_get("/healthz", self._healthz)

    def add_routes(self, app: web.Application) -> None:
        """Our routes on an app the runtime serves; ``start`` then does not listen."""
        self._routes(app)
        self.hosted = True

    async def start(self) -> None:
        if self.hosted:
            return
        # ``shutdown_timeout``: how long ``stop`` lets requests in hand finish before cancelling them.
        self._runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False,
                                     shutdown_timeout=self.config.stop_grace)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1] if sockets else self.config.port
        log.info("webhook listening on %s:%s%s", self.config.host, self.port, self.config.path)

    async def stop(self) -> None:
        """Stop listening, let the updates in hand finish (up to ``stop_grace``), then close."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, _request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        # No secret configured means nobody can prove to be Telegram: refuse everything.
        if not self.config.secret or not hmac.compare_digest(given.encode(), self.config.secret.encode()):
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except ValueError:
            return web.Response(status=400, text="bad json")
        if not isinstance(data, dict) or "update_id" not in data:
            return web.Response(status=400, text="not an update")
        try:
            update = self._parse(data)
        except Exception:  # an update we cannot parse must not make Telegram resend it forever
            log.exception("webhook: could not parse update %s; answered 200 and dropped", data.get("update_id"))
            return web.Response(status=200)
        try:
            await self._handle(update)
        except Exception:  # not confirmed: Telegram resends it, the core skips what was done
            log.exception("webhook: update %s failed; answered 500 so that Telegram resends it",
                          data.get("update_id"))
            return web.Response(status=500, text="not handled")
        self.accepted += 1
        return web.Response(status=200)


class HostsWebhook:
    """``ServesHttp`` for a Telegram channel: its webhook's address and routes (none when polling).
    Needs ``_webhook`` (a ``WebhookConfig`` or None) and ``_server`` (its ``WebhookServer``)."""

    _webhook: WebhookConfig | None
    _server: WebhookServer[Any] | None

    @property
    def http_address(self) -> tuple[str, int] | None:
        return (self._webhook.host, self._webhook.port) if self._webhook is not None else None

    @property
    def http_max_body(self) -> int:
        return MAX_BODY

    @property
    def http_stop_grace(self) -> float:
        return self._webhook.stop_grace if self._webhook is not None else 0.0

    def add_routes(self, app: web.Application) -> None:
        if self._server is not None:
            self._server.add_routes(app)
