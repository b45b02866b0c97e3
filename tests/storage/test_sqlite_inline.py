"""SQLite statements run on the event loop's thread; a wait for another process's lock must not.

Why these tests: the inline shim in ``storage.db`` sets SQLite's busy timeout to zero and sends a
statement that met a held write lock to aiosqlite's thread to wait. If that went wrong, a CLI
command holding the lock would either freeze the whole bot (a sleep on the loop's thread) or make
its updates fail with "database is locked".
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.db import make_engine


async def _engine_with_table(path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{path}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
    return engine


async def test_a_held_write_lock_is_waited_for_off_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    engine = await _engine_with_table(path)
    other = sqlite3.connect(path, isolation_level=None)  # another process, say ``linli roster import``
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO note (id, body) VALUES (1, 'cli')")

    async def write() -> None:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO note (id, body) VALUES (2, 'bot')"))

    task = asyncio.create_task(write())
    began = time.monotonic()
    for _ in range(20):  # the loop keeps turning while the write waits for the lock
        await asyncio.sleep(0.01)
    assert time.monotonic() - began < 5, "the event loop was blocked by a wait for SQLite's lock"
    assert not task.done(), "the write did not wait for the other connection's lock"
    other.execute("COMMIT")
    await asyncio.wait_for(task, 10)
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT id, body FROM note ORDER BY id"))).all()
    assert [tuple(r) for r in rows] == [(1, "cli"), (2, "bot")]
    other.close()
    await engine.dispose()


async def test_errors_other_than_busy_are_raised_as_before(tmp_path: Path) -> None:
    engine = await _engine_with_table(tmp_path / "err.db")
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO note (id, body) VALUES (1, 'a')"))
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO note (id, body) VALUES (1, 'again')"))
    async with engine.connect() as conn:  # the failed transaction was rolled back, the engine works
        assert (await conn.execute(text("SELECT count(*) FROM note"))).scalar() == 1
    await engine.dispose()
