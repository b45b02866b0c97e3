"""Databases for the report tests: a fresh SQLite file, and PostgreSQL when configured; each
with the sample roster and (``uow_factory``) the hand-made history of ``report_history``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from report_history import insert_history

from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory


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
