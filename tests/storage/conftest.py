"""Databases for the storage tests: a SQLite file, and PostgreSQL when configured, with linli's
schema (built once per session and copied per test, ``db_templates``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import db_templates
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import make_engine, make_session_factory
from storage.models import Base


async def build_schema(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    await engine.dispose()


@pytest.fixture
async def session_factory(db_kind: str, tmp_path: Path,
                          tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with db_templates.database(db_kind, "schema", build_schema, tmp_path, tmp_path_factory) as url:
        engine = make_engine(url)
        yield make_session_factory(engine)
        await engine.dispose()
