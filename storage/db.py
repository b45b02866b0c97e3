"""Engine and session factory for SQLite (the embedded default) and PostgreSQL.

Why BEGIN IMMEDIATE on SQLite: every transaction of ours may write (outbox, processed updates),
and a deferred transaction that upgrades to a write lock fails at once instead of waiting when
another connection writes. Taking the write lock at BEGIN makes SQLite wait its busy timeout.

Why a DBAPI shim of our own for aiosqlite (``_InlineDBAPI``): SQLAlchemy's aiosqlite adapter
makes four trips to aiosqlite's thread for every statement (open a cursor, execute, fetch, close),
each a hand-over between threads and a turn of the event loop, which cost far more than the
statement: our statements touch a few rows of a local WAL file and take microseconds. The shim
runs statements, COMMIT and ROLLBACK on the event loop's thread, with SQLite's busy timeout at
zero; only when another process holds the write lock (``linli`` CLI commands, a second worker)
does the call go to aiosqlite's thread and wait there, so the loop never sleeps on a lock. With
one pooled connection nothing else could use the database meanwhile anyway; what the loop gives
up is overlap of a long report query with HTTP work. Same driver, same SQL.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Sequence
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
        if _InlineDBAPI is not None:
            kwargs.setdefault("module", _InlineDBAPI(__import__("aiosqlite"), sqlite3))
        # check_same_thread off: opened in aiosqlite's thread, used on the loop's (one user at a time).
        engine = create_async_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)
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
        # Inline statements must not sleep on the loop's thread: they fail at once and wait in the thread.
        inline = _InlineDBAPI is not None and isinstance(dbapi_connection, _InlineConnection)
        cursor.execute(f"PRAGMA busy_timeout={0 if inline else BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        dbapi_connection = connection.connection.dbapi_connection
        if _InlineDBAPI is not None and isinstance(dbapi_connection, _InlineConnection):
            dbapi_connection.begin_immediate()  # straight to the driver: BEGIN needs no statement cache
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


# --------------------------------------------------------------------------- statements on the loop's thread

BUSY_TIMEOUT_MS = 30_000


def _run_statement(conn: sqlite3.Connection, operation: str, parameters: Any,
                   many: bool) -> tuple[Any, Sequence[Any], int, int]:
    """What the adapter's cursor did in four trips to aiosqlite's thread (open, execute, fetch, close)."""
    cursor = conn.cursor()
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


def _waiting(conn: sqlite3.Connection, call: Callable[..., Any], *args: Any) -> Any:
    """In aiosqlite's thread: the same call, allowed to wait for another process's write lock."""
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        return call(*args)
    finally:
        conn.execute("PRAGMA busy_timeout=0")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return (getattr(error, "sqlite_errorcode", sqlite3.SQLITE_BUSY) & 0xFF) == sqlite3.SQLITE_BUSY


async def _here_or_waiting(connection: Any, call: Callable[..., Any], *args: Any) -> Any:
    """``call`` at once; only if another process holds the write lock, in aiosqlite's thread."""
    try:
        return call(*args)
    except sqlite3.OperationalError as error:
        if not _is_busy(error):
            raise
    return await connection._execute(_waiting, connection._conn, call, *args)


try:  # SQLAlchemy 2.0's adapter classes; without them, the stock adapter is used
    from sqlalchemy.dialects.sqlite.aiosqlite import (
        AsyncAdapt_aiosqlite_connection,
        AsyncAdapt_aiosqlite_cursor,
        AsyncAdapt_aiosqlite_dbapi,
    )
except ImportError:  # pragma: no cover
    _InlineDBAPI = None
else:

    class _InlineConnection(AsyncAdapt_aiosqlite_connection):
        __slots__ = ()

        def call(self, call: Callable[..., Any], *args: Any) -> Any:
            """Run ``call`` on the loop's thread (SQLAlchemy's async layer still sees an await)."""
            try:
                return self.await_(_here_or_waiting(self._connection, call, *args))
            except Exception as error:
                self._handle_exception(error)

        def begin_immediate(self) -> None:
            self.call(self._connection._conn.execute, "BEGIN IMMEDIATE")

        def cursor(self, server_side: bool = False) -> Any:
            return super().cursor(server_side) if server_side else _InlineCursor(self)

        def commit(self) -> None:
            self.call(self._connection._conn.commit)

        def rollback(self) -> None:
            self.call(self._connection._conn.rollback)

    class _InlineCursor(AsyncAdapt_aiosqlite_cursor):
        __slots__ = ()

        def execute(self, operation: Any, parameters: Any = None) -> Any:
            self._run(operation, parameters, False)

        def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
            self._run(operation, seq_of_parameters, True)

        def _run(self, operation: Any, parameters: Any, many: bool) -> None:
            adapted = self._adapt_connection
            description, rows, lastrowid, rowcount = adapted.call(
                _run_statement, adapted._connection._conn, operation, parameters, many)
            self.description = description
            self._rows = deque(rows)
            self.lastrowid, self.rowcount = lastrowid, rowcount

    class _InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):  # type: ignore[no-redef]
        def connect(self, *arg: Any, **kw: Any) -> Any:
            adapted = super().connect(*arg, **kw)  # opened in aiosqlite's thread
            if type(adapted) is AsyncAdapt_aiosqlite_connection:  # not the sync-fallback flavour
                return _InlineConnection(self, adapted._connection)
            return adapted
