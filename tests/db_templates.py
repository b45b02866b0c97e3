"""Databases built once per test session and copied for each test.

Why: building a test database (schema, sample roster, enrolled staff, a history) costs 1–3 s on
PostgreSQL and a good part of a second on SQLite, and hundreds of tests start from the same few
states. So each state (``key``) is built once, by ``build`` on a database of its own, and every
test gets a copy: the SQLite file copied, or on PostgreSQL ``CREATE DATABASE … TEMPLATE`` (a copy
made inside the server). Each test still has a database nobody else touches, so tests run in any
order and in parallel processes (names carry this process's own database name, which
``flow_helpers`` makes unique per process).

On PostgreSQL the server's part runs beside the tests, on a thread of its own: the copy for the
next test of a key is made while the current one runs, and used copies are dropped in batches
without a test waiting for it. A template never changes once built, so a copy made early is
the same copy.

(A module with a unique name, not a conftest: conftest modules of different test directories
clash when imported by name.)
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from flow_helpers import PG_SKIP, PG_URL
from sqlalchemy.engine import make_url

Build = Callable[[str], Awaitable[None]]

_sqlite_templates: dict[str, Path] = {}
DROP_BATCH = 8  # used copies (about 9 MB each) kept until dropped together


class _Admin:
    """One admin connection on the server thread: statements run one after another, in the order
    asked (so a copy is never made from a template still being built)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None
        self.lock: asyncio.Lock | None = None

    async def run(self, *statements: str) -> None:
        if self.lock is None:
            self.lock = asyncio.Lock()
        async with self.lock:
            if self.conn is None:
                import asyncpg  # type: ignore[import-untyped]

                self.conn = await asyncpg.connect(self.url)
            for statement in statements:
                await self.conn.execute(statement)

    async def close(self) -> None:
        await self.run()  # what was asked before is done
        if self.conn is not None:
            await self.conn.close()
            self.conn = None


class _PgServer:
    """CREATE/DROP DATABASE on a thread with its own event loop: one connection makes templates
    and copies, another drops used copies.

    Why dropping apart, and in batches: every DROP DATABASE forces a checkpoint, which writes out
    the server's dirty pages (the copy made ahead's, other sessions'); it may take seconds on a
    busy server, and no test should wait for it. The drops after the first of a batch find
    little to write."""

    def __init__(self, server_url: str) -> None:
        url = make_url(server_url)
        admin_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.base = url.database
        self._url = url
        self.templates: dict[str, str] = {}  # key → template database
        self.ready: dict[str, Future[str]] = {}  # key → the next copy, being made or made
        self._serial = itertools.count(1)
        self._used: list[str] = []
        self._maker = _Admin(admin_url)
        self._dropper = _Admin(admin_url)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pg-test-databases", daemon=True)
        self._thread.start()

    def url(self, name: str) -> str:
        return self._url.set(database=name).render_as_string(hide_password=False)

    def _submit(self, coro: Coroutine[Any, Any, Any]) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    async def create(self, name: str, template: str | None = None) -> None:
        statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        await asyncio.wrap_future(self._submit(self._maker.run(statement)))

    def _copy(self, key: str) -> Future[str]:
        name = f"{self.base}_{next(self._serial)}"

        async def make() -> str:
            await self._maker.run(f'CREATE DATABASE "{name}" TEMPLATE "{self.templates[key]}"')
            return name

        return self._submit(make())

    async def take(self, key: str) -> str:
        """A new copy of ``key``'s template; the next one starts being made at once."""
        future = self.ready.pop(key, None) or self._copy(key)
        name = await asyncio.wrap_future(future)
        self.ready[key] = self._copy(key)
        return name

    def drop(self, name: str, now: bool = False) -> None:
        """Drop a used database, with the next ones of a batch (``now``: at once, with those waiting)."""
        self._used.append(name)
        if now or len(self._used) >= DROP_BATCH:
            # FORCE: a connection a test left open must not keep the copy alive.
            self._submit(self._dropper.run(*(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in self._used)))
            self._used = []

    def finish(self) -> None:
        """Drop every database this process made (copies made ahead, templates, any copy whose
        drop failed: all are named after this process's own database), then close."""
        for future in self.ready.values():
            future.exception()  # made (or failed): swept below either way
        self.ready.clear()
        self.templates.clear()

        async def close() -> None:
            await self._maker.close()
            await self._dropper.run()
            names = [r["datname"] for r in await self._dropper.conn.fetch("SELECT datname FROM pg_database")
                     if r["datname"].startswith(self.base + "_")]
            await self._dropper.run(*(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names))
            await self._dropper.close()

        self._submit(close()).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()


_pg: _PgServer | None = None


@asynccontextmanager
async def database(kind: str, key: str, build: Build, tmp_path: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """The URL of a database of this test's own in the state ``build`` makes (``kind`` is
    ``sqlite`` or ``postgresql``; PostgreSQL skips with the reason when not configured).

    ``build`` gets a URL, must leave every connection to it closed, and must give the same state
    whenever it runs: it runs once per session and key."""
    if kind == "sqlite":
        template = _sqlite_templates.get(key)
        if template is None:
            template = tmp_path_factory.mktemp(f"template-{key}") / "linli.db"
            await build(f"sqlite:///{template}")
            _sqlite_templates[key] = template
        path = tmp_path / "linli.db"
        shutil.copy(template, path)
        yield f"sqlite:///{path}"
        return
    global _pg
    if not PG_URL:
        pytest.skip(PG_SKIP)
    if _pg is None:
        _pg = _PgServer(PG_URL)
    pg = _pg
    if key not in pg.templates:
        name = f"{pg.base}_t_{key}"
        await pg.create(name)
        try:
            await build(pg.url(name))
        except BaseException:
            pg.drop(name, now=True)
            raise
        pg.templates[key] = name
    copy = await pg.take(key)
    try:
        yield pg.url(copy)
    finally:
        pg.drop(copy)


async def nothing(url: str) -> None:
    """The ``build`` of an empty database (PostgreSQL only: SQLite's is a file not yet made)."""


def finish() -> None:
    """At the end of the session: drop what is left on PostgreSQL (templates, copies made ahead)."""
    global _pg
    if _pg is not None:
        _pg.finish()
        _pg = None
