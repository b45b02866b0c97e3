"""Engine and session factory for SQLite (the embedded default) and PostgreSQL.

Why BEGIN IMMEDIATE on SQLite: every transaction of ours may write (outbox, processed updates),
and a deferred transaction that upgrades to a write lock fails at once instead of waiting when
another connection writes. Taking the write lock at BEGIN makes SQLite wait its busy timeout.

Stock drivers only (SQLAlchemy's aiosqlite and asyncpg dialects), configured through their
documented options and events.
"""

from __future__ import annotations

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


# A transaction waits this long for the pool's connection (SQLite has one) before it gives up
# and is run again (``storage.uow.is_transient``): one stuck transaction must not stall the
# clocks and the outbox for a minute.
POOL_TIMEOUT = 5
BUSY_TIMEOUT = 5.0  # seconds SQLite waits for another process's write lock (a CLI command, a worker)


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
        kwargs.setdefault("pool_timeout", POOL_TIMEOUT)
        engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT}, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    kwargs.setdefault("pool_timeout", POOL_TIMEOUT)
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
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
