"""python-telegram-bot's HTTP layer on aiohttp.

Why: ptb's default client (httpx over httpcore) was most of ptb's CPU per update, spent sending
the replies; aiohttp is already linli's HTTP library (webhook server, aiogram) and costs much less
per request. ``telegram.request.BaseRequest`` is ptb's documented interface for using another
asyncio HTTP library: ptb keeps its own handling above it (JSON decoding, 429 ``retry_after``,
403, 5xx, ``migrate_to_chat_id``), so only the transport changes here.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


def _value(given: object, default: float | None) -> float | None:
    """A timeout passed by the caller, or ours when ptb passes its ``DEFAULT_NONE`` sentinel."""
    if isinstance(given, BaseRequest.DEFAULT_NONE.__class__):
        return default
    return given  # type: ignore[return-value]


class AiohttpRequest(BaseRequest):
    """A ``BaseRequest`` on one ``aiohttp.ClientSession`` with at most ``connection_pool_size`` connections.

    Timeouts mean what they mean for ptb's ``HTTPXRequest``: ``connect_timeout`` to open a
    connection, ``read_timeout`` between reads of the answer, ``pool_timeout`` to wait for a free
    connection. aiohttp has no per-write timeout, so ``write_timeout`` (``media_write_timeout``
    for uploads) counts towards a bound on the whole request instead.
    """

    def __init__(
        self,
        connection_pool_size: int = 8,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read = read_timeout
        self._write = write_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector, headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, read: object, write: object, connect: object, pool: object, files: bool) -> aiohttp.ClientTimeout:
        read_s = _value(read, self._read)
        write_s = _value(write, self._media_write if files else self._write)
        connect_s = _value(connect, self._connect)
        pool_s = _value(pool, self._pool)
        # aiohttp's ``connect`` covers waiting for a pooled connection and opening it.
        wait = None if pool_s is None or connect_s is None else pool_s + connect_s
        parts = (read_s, write_s, connect_s, pool_s)
        total = None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
        return aiohttp.ClientTimeout(total=total, connect=wait, sock_connect=connect_s, sock_read=read_s)

    def _proxy(self, url: str) -> str | None:
        """The proxy that HTTPS_PROXY/HTTP_PROXY/NO_PROXY name for ``url``, as httpx honoured them.

        Looked up once per host: aiohttp's ``trust_env`` would look it up (and read ``.netrc``) in a
        thread on every request, which costs more than the request itself.
        """
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            bypass = bool(key[1]) and bool(urllib.request.proxy_bypass(key[1]))
            self._proxies[key] = None if bypass else urllib.request.getproxies().get(parts.scheme)
        return self._proxies[key]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        write_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        connect_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        pool_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data is not None and request_data.contains_files)
        body: aiohttp.FormData | dict[str, str] | None = None
        if request_data is not None:
            if files:
                form = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, part in request_data.multipart_data.items():
                    filename, content, *rest = part
                    form.add_field(name, content, filename=filename, content_type=rest[0] if rest else None)
                body = form
            else:
                body = request_data.json_parameters
        timeout = self._timeout(read_timeout, write_timeout, connect_timeout, pool_timeout, files)
        try:
            async with session.request(method, url, data=body, timeout=timeout, proxy=self._proxy(url)) as response:
                return response.status, await response.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            # The class name helps when the error's own message is empty.
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
