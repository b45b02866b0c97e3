"""Composition root: builds the engine, unit of work, classifier and dispatcher from settings.

Why one place: every command and channel gets the same wiring, and tests can build the same
objects with other parts (a virtual clock, a fake classifier) without touching globals.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.report_renderer import FileReportRenderer
from bot.settings import Settings
from handlers.dispatcher import Dispatcher
from storage import migrate
from storage.db import make_engine, make_session_factory
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

POSTGRES_PARALLEL_BATCHES = 8  # below the pool's 5 + 10 connections: the clocks and the outbox need some


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    uow_factory: UnitOfWorkFactory

    async def close(self) -> None:
        await self.engine.dispose()


def build_app(settings: Settings) -> App:
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    return App(settings=settings, engine=engine, session_factory=factory, uow_factory=UnitOfWorkFactory(factory))


async def _has_tables(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: inspect(c).has_table("alembic_version"))


async def prepare_database(app: App, *, roster: bool = True) -> bool:
    """Migrate the database and (``roster``) import the configured roster when it has none; True
    when the database was new.

    Why every command calls it: each must work on a fresh install with no earlier command, and
    one rule for all is easier to learn than "run linli db upgrade first" for some of them.
    """
    fresh = not await _has_tables(app.engine)
    await asyncio.to_thread(migrate.upgrade, app.settings.database_url)
    if not roster:
        return fresh
    async with app.uow_factory() as uow:
        district = await uow.roster.district()
    if district is None:
        await import_roster(app.session_factory, app.settings.roster or sample_roster_path())
    return fresh


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic announces every migration at INFO; the CLI prints its own one-line result.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    from nlp import MaskingFilter

    for handler in logging.getLogger().handlers:
        handler.addFilter(MaskingFilter())


Clock = Callable[[], datetime]


def build_dispatcher(app: App, now: Clock = utc_now, channel: str = "console") -> Dispatcher:
    """The core with the real classifier, initialised here so no user waits for the first load,
    and the report renderer (files under ``LINLI_REPORTS_DIR`` or ``reports/``) for /stats, /report."""
    import nlp

    nlp.initialize()
    # Group commit (handlers.batching): SQLite has one writer, so one batch at a time; PostgreSQL
    # runs a few side by side on the pool's connections.
    parallel = 1 if app.engine.dialect.name == "sqlite" else POSTGRES_PARALLEL_BATCHES
    return Dispatcher(app.uow_factory, nlp.classify, now, channel_default=channel,
                      renderer=FileReportRenderer(), parallel_batches=parallel)
