"""Databases for the report tests: a fresh SQLite file, and PostgreSQL when configured; each
with the sample roster and (``uow_factory``) the hand-made history of ``report_history``.
Each state is built once per session and copied per test (``db_templates``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import db_templates
import pytest
from report_history import insert_history

from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory


async def _build_roster(url: str, history: bool = False) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = make_session_factory(engine)
    await import_roster(factory, sample_roster_path())
    if history:
        await insert_history(UnitOfWorkFactory(factory))
    await engine.dispose()


async def _build_history(url: str) -> None:
    await _build_roster(url, history=True)


@pytest.fixture
async def uow_factory(db_kind: str, tmp_path: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[UnitOfWorkFactory]:
    """The schema, the sample roster and the ten-case history (plus two cases outside March)."""
    async with db_templates.database(db_kind, "report_history", _build_history, tmp_path,
                                     tmp_path_factory) as url:
        engine = make_engine(url)
        yield UnitOfWorkFactory(make_session_factory(engine))
        await engine.dispose()


@pytest.fixture
async def empty_uow_factory(db_kind: str, tmp_path: Path,
                            tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[UnitOfWorkFactory]:
    async with db_templates.database(db_kind, "report_roster", _build_roster, tmp_path, tmp_path_factory) as url:
        engine = make_engine(url)
        yield UnitOfWorkFactory(make_session_factory(engine))
        await engine.dispose()
