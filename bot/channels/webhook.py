"""The webhook endpoint both Telegram channels share: an aiohttp server.

Why our own and not the frameworks' (ptb's tornado server, aiogram's ``SimpleRequestHandler``):
one behaviour for both frameworks and for several workers behind a load balancer: a wrong or
missing ``X-Telegram-Bot-Api-Secret-Token`` gets 403, ``/healthz`` answers the balancer, and an
update is acknowledged with 200 as soon as it is parsed, so Telegram never resends it because we
were slow; processing happens after the answer.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.channels.base import WebhookConfig

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """``accept(update_json)`` must only enqueue; it is called before the 200 is written."""

    def __init__(self, config: WebhookConfig, accept: Callable[[dict[str, Any]], None]) -> None:
        self.config = config
        self._accept = accept
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        self.accepted = 0

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=1 << 20)
        app.router.add_post(self.config.path, self._update)
        app.router.add_get("/healthz", self._healthz)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1] if sockets else self.config.port
        log.info("webhook listening on %s:%s%s", self.config.host, self.port, self.config.path)

    async def stop(self) -> None:
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
            self._accept(data)
        except Exception:  # an update we cannot parse must not make Telegram resend it forever
            log.exception("webhook: could not accept update %s", data.get("update_id"))
        self.accepted += 1
        return web.Response(status=200)
