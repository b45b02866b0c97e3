"""Fixtures for the workflow tests: a database with the sample roster, a dispatcher on a
virtual clock with a keyword classifier, and the chat harness.

The database fixture runs every test on SQLite (a fresh file) and on PostgreSQL when
``LINLI_TEST_DATABASE_URL`` is set (schema created once per session, tables emptied per test).
"""

from __future__ import annotations

import os
import shutil
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
_template: Path | None = None


@pytest.fixture(params=["sqlite", "postgresql"])
async def uow_factory(
    request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[UnitOfWorkFactory]:
    global _pg_schema_ready
    if request.param == "sqlite":
        path = tmp_path / "linli.db"
        shutil.copy(await _sqlite_template(tmp_path_factory), path)
        engine = make_engine(f"sqlite:///{path}")
        yield UnitOfWorkFactory(make_session_factory(engine))
        await engine.dispose()
        return
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


async def _sqlite_template(factory: pytest.TempPathFactory) -> Path:
    """Schema, sample roster and enrolled staff, built once per session and copied per test (fast)."""
    global _template
    if _template is None:
        path = factory.mktemp("template") / "linli.db"
        engine = make_engine(f"sqlite:///{path}")
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        sessions = make_session_factory(engine)
        await import_roster(sessions, sample_roster_path())
        uows = UnitOfWorkFactory(sessions)
        clock = VirtualClock()
        await ChatHarness(Dispatcher(uows, KeywordClassifier(), clock), uows, clock).bind_all_staff()
        await engine.dispose()
        _template = path
    return _template


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
