"""Databases for the storage tests: a fresh SQLite file, and PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import make_engine, make_session_factory
from storage.models import Base

PG_URL = os.environ.get("LINLI_TEST_DATABASE_URL")
PG_SKIP = "PostgreSQL tests need LINLI_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"


async def reset_database(url: str) -> None:
    """Drop everything linli made, including Alembic's own table, so a test starts clean."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'linli.db'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    await reset_database(PG_URL)
    yield PG_URL
    await reset_database(PG_URL)


@pytest.fixture
async def session_factory(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(db_url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield make_session_factory(engine)
    await engine.dispose()
