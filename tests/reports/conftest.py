"""Databases for the report tests: a fresh SQLite file, and PostgreSQL when configured; each
with the sample roster and (``uow_factory``) the hand-made history of ``report_history``."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from report_history import insert_history
from sqlalchemy import text

from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

PG_URL = os.environ.get("LINLI_TEST_DATABASE_URL")
PG_SKIP = "PostgreSQL report tests need LINLI_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"


async def _reset(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'reports.db'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    await _reset(PG_URL)
    yield PG_URL
    await _reset(PG_URL)


@pytest.fixture
async def uow_factory(db_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    """The schema, the sample roster and the ten-case history (plus two cases outside March)."""
    engine = make_engine(db_url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = make_session_factory(engine)
    await import_roster(factory, sample_roster_path())
    await insert_history(UnitOfWorkFactory(factory))
    yield UnitOfWorkFactory(factory)
    await engine.dispose()


@pytest.fixture
async def empty_uow_factory(db_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    engine = make_engine(db_url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = make_session_factory(engine)
    await import_roster(factory, sample_roster_path())
    yield UnitOfWorkFactory(factory)
    await engine.dispose()
