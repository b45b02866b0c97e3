"""Every migration runs up and down on SQLite and PostgreSQL, and head matches the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage import migrate
from storage.db import make_engine
from storage.models import Base


async def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    return names


async def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": False}), Base.metadata)
        )
    await engine.dispose()
    return diff


async def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, db_url)
    assert set(Base.metadata.tables) <= await _tables(db_url)
    assert await migrate.current_revision(db_url) == migrate.head_revision(db_url)
    assert await _diff(db_url) == [], "the models changed without a migration"

    await asyncio.to_thread(migrate.downgrade, db_url, "base")
    assert not (set(Base.metadata.tables) & await _tables(db_url))

    await asyncio.to_thread(migrate.upgrade, db_url)
    assert set(Base.metadata.tables) <= await _tables(db_url)
