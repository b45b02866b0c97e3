"""Fixtures for the workflow tests: a database with the sample roster, a dispatcher on a
virtual clock with a keyword classifier, and the chat harness.

The database fixture runs every test on SQLite (a fresh file) and on PostgreSQL when
``LINLI_TEST_DATABASE_URL`` is set (schema created once per session, tables emptied per test).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

PG_URL = os.environ.get("LINLI_TEST_DATABASE_URL")
PG_SKIP = "PostgreSQL workflow tests need LINLI_TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"
_pg_schema_ready = False


@pytest.fixture(params=["sqlite", "postgresql"])
async def uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[UnitOfWorkFactory]:
    global _pg_schema_ready
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'linli.db'}")
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
    else:
        if not PG_URL:
            pytest.skip(PG_SKIP)
        engine = make_engine(PG_URL)
        async with engine.begin() as conn:
            if not _pg_schema_ready:
                await conn.run_sync(Base.metadata.drop_all)
                await conn.run_sync(Base.metadata.create_all)
                _pg_schema_ready = True
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    sessions = make_session_factory(engine)
    await import_roster(sessions, sample_roster_path())
    yield UnitOfWorkFactory(sessions)
    await engine.dispose()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def dispatcher(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> Dispatcher:
    return Dispatcher(uow_factory, KeywordClassifier(), clock)


@pytest.fixture
async def chat(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> ChatHarness:
    harness = ChatHarness(dispatcher, uow_factory, clock)
    await harness.bind_all_staff()
    return harness


async def register(chat: ChatHarness, name: str, community: str = "回新社区", building: str | None = "5栋",
                   phone: str | None = "13800138000") -> None:
    """Walk a resident through registration (helper for many tests)."""
    await chat.say(name, "你好")
    await chat.press(name, community)
    await chat.press(name, building or "跳过")
    if phone:
        await chat.share_contact(name, phone)
    else:
        await chat.press(name, "跳过")
