"""Engine and session factory for SQLite (the embedded default) and PostgreSQL.

Why BEGIN IMMEDIATE on SQLite: every transaction of ours may write (outbox, processed updates),
and a deferred transaction that upgrades to a write lock fails at once instead of waiting when
another connection writes. Taking the write lock at BEGIN makes SQLite wait its busy timeout.

Why a DBAPI shim of our own for aiosqlite (``_OneHopDBAPI``): SQLAlchemy's aiosqlite adapter
makes four trips to aiosqlite's thread for every statement (open a cursor, execute, fetch, close),
each a hand-over between threads and a turn of the event loop. With one connection, every such
turn lets the rest of the process (HTTP, the frameworks) run while the transaction holds SQLite's
write lock; the shim does the four steps in one trip, so a transaction holds the lock for a
quarter of the turns. It changes nothing else: same driver, same thread, same SQL.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def async_url(url: str) -> str:
    """Accept plain ``sqlite:///`` and ``postgresql://`` URLs and pick the async driver."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif driver in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    url = async_url(url)
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # One connection: every transaction here writes, and SQLite has one writer. Waiting for the
        # pool is an asyncio hand-over in arrival order; waiting for SQLite's lock is its busy
        # handler, which sleeps in steps of up to 100 ms and made concurrent updates slow.
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        kwargs.setdefault("pool_timeout", 60)
        if _OneHopDBAPI is not None:
            kwargs.setdefault("module", _OneHopDBAPI(__import__("aiosqlite"), sqlite3))
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, issue BEGIN (the documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


# --------------------------------------------------------------------------- one trip per statement


def _run_statement(connection: Any, operation: str, parameters: Any, many: bool) -> tuple[Any, Sequence[Any], int, int]:
    """Runs in aiosqlite's thread: what the adapter's cursor did in four trips, in one."""
    cursor = connection._conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        if cursor.description:
            return cursor.description, cursor.fetchall(), -1, -1
        return None, (), cursor.lastrowid, cursor.rowcount
    finally:
        cursor.close()


try:  # SQLAlchemy 2.0's adapter classes; without them, the stock adapter is used
    from sqlalchemy.dialects.sqlite.aiosqlite import (
        AsyncAdapt_aiosqlite_connection,
        AsyncAdapt_aiosqlite_cursor,
        AsyncAdapt_aiosqlite_dbapi,
    )
except ImportError:  # pragma: no cover
    _OneHopDBAPI = None
else:

    class _OneHopCursor(AsyncAdapt_aiosqlite_cursor):
        __slots__ = ()

        def execute(self, operation: Any, parameters: Any = None) -> Any:
            self._run(operation, parameters, False)

        def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
            self._run(operation, seq_of_parameters, True)

        def _run(self, operation: Any, parameters: Any, many: bool) -> None:
            try:
                description, rows, lastrowid, rowcount = self.await_(
                    self._connection._execute(_run_statement, self._connection, operation, parameters, many)
                )
            except Exception as error:
                self._adapt_connection._handle_exception(error)
            self.description = description
            self._rows = deque(rows)
            self.lastrowid, self.rowcount = lastrowid, rowcount

    class _OneHopConnection(AsyncAdapt_aiosqlite_connection):
        __slots__ = ()

        def cursor(self, server_side: bool = False) -> Any:
            return super().cursor(server_side) if server_side else _OneHopCursor(self)

    class _OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):  # type: ignore[no-redef]
        def connect(self, *arg: Any, **kw: Any) -> Any:
            adapted = super().connect(*arg, **kw)
            if type(adapted) is AsyncAdapt_aiosqlite_connection:  # not the sync-fallback flavour
                return _OneHopConnection(self, adapted._connection)
            return adapted
