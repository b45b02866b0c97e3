"""One aiohttp server per listen address, shared by the channels that listen there.

Why: ``linli run --channel telegram --channel web --listen 0.0.0.0:8080`` (Telegram in webhook
mode) must serve the webhook and the web chat on the one address a deployment opens, not fail on
the port the second channel finds taken. A channel that serves HTTP (``ServesHttp``) says where
it listens and adds its routes to an application it is given; when two or more channels listen on
one address, the runtime makes one application, lets each add its routes (before ``start``; the
channel then does not listen itself), and serves it. A channel alone on its address keeps its own
server, so a channel works the same outside a runtime (tests, ``bench/``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # aiohttp loads only in a process that serves HTTP (``linli`` starts light)
    from aiohttp import web

log = logging.getLogger(__name__)


@runtime_checkable
class ServesHttp(Protocol):
    """``http_address`` (host, port), or None when this channel serves nothing (Telegram polling).
    ``add_routes(app)``: the channel's routes (and middlewares, shutdown hooks) on ``app``, which
    the runtime serves from then on; the channel's ``start`` then does not listen itself."""

    @property
    def http_address(self) -> tuple[str, int] | None: ...

    @property
    def http_max_body(self) -> int: ...

    @property
    def http_stop_grace(self) -> float: ...

    def add_routes(self, app: web.Application) -> None: ...


def has_route(app: web.Application, method: str, path: str) -> bool:
    """Whether ``app`` already answers ``method path`` (``/healthz`` is added once per app)."""
    return any(route.method == method and route.resource is not None and route.resource.canonical == path
               for route in app.router.routes())


class SharedServers:
    """The servers of the addresses several channels listen on; ``prepare`` before the channels
    start, ``start`` after (requests reach channels that are ready), ``stop`` before they stop."""

    def __init__(self) -> None:
        self._apps: dict[tuple[str, int], tuple[web.Application, float]] = {}
        self._runners: list[web.AppRunner] = []

    def prepare(self, channels: list[object]) -> None:
        self._apps = {}
        groups: dict[tuple[str, int], list[ServesHttp]] = {}
        for channel in channels:
            if isinstance(channel, ServesHttp) and channel.http_address is not None:
                groups.setdefault(channel.http_address, []).append(channel)
        for address, group in groups.items():
            if len(group) < 2:
                continue
            from aiohttp import web

            app = web.Application(client_max_size=max(c.http_max_body for c in group))
            for channel in group:
                channel.add_routes(app)
            self._apps[address] = (app, max(c.http_stop_grace for c in group))

    @property
    def addresses(self) -> list[tuple[str, int]]:
        return list(self._apps)

    async def start(self) -> None:
        if not self._apps:
            return
        from aiohttp import web

        for (host, port), (app, grace) in self._apps.items():
            # ``shutdown_timeout``: how long ``stop`` lets requests in hand (updates) finish.
            runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=grace)
            await runner.setup()
            self._runners.append(runner)
            await web.TCPSite(runner, host, port).start()
            log.info("one server on %s:%s for several channels", host, port)

    async def stop(self) -> None:
        """Stop listening, run the apps' shutdown hooks (the web chat closes its sockets), let the
        requests in hand finish."""
        while self._runners:
            await self._runners.pop().cleanup()
