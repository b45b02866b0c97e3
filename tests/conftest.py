"""Shared by every suite: ``db_url``, a fresh database per test on SQLite and on PostgreSQL, and
the workflow fixtures — ``uow_factory`` (schema + sample roster + enrolled staff), ``clock`` (virtual),
``dispatcher`` (keyword classifier) and ``chat`` (the script-style harness), after Errbot's test
backend: a test says something and asserts the reply.

PostgreSQL runs when ``LINLI_TEST_DATABASE_URL`` is set (CI sets it); otherwise those variants
are skipped with the reason shown. linli's tables in that database are dropped before and after
each test, so suites that share it never see each other's rows.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from flow_helpers import PG_SKIP, PG_URL
from sqlalchemy import inspect, text

from bot.testing import RuntimeTransport
from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory


async def reset_database(url: str) -> None:
    """Drop everything linli made, including Alembic's own table."""
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


# --------------------------------------------------------------------------- the workflow fixtures

_template: Path | None = None


@pytest.fixture(params=["sqlite", "postgresql"])
async def uow_factory(
    request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[UnitOfWorkFactory]:
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
            # Other suites drop linli's tables after their tests: create them when missing
            # (cheap to check), else only empty them (much faster than drop and create).
            if not await conn.run_sync(lambda c: inspect(c).has_table("case")):
                await conn.run_sync(Base.metadata.drop_all)
                await conn.run_sync(Base.metadata.create_all)
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
    """The harness as an in-memory channel of the same runtime ``linli run`` uses."""
    harness = ChatHarness(dispatcher, uow_factory, clock, transport=RuntimeTransport(dispatcher, uow_factory, clock))
    await harness.bind_all_staff()
    return harness


# --------------------------------------------------------------------------- chaos runs


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Chaos runs (``chaos`` marker: real processes killed, minutes each) run where
    ``LINLI_CHAOS=1`` (CI sets it); elsewhere they are skipped with the reason shown."""
    if os.environ.get("LINLI_CHAOS") == "1":
        return
    skip = pytest.mark.skip(reason="chaos run: set LINLI_CHAOS=1 (CI does)")
    for item in items:
        if "chaos" in item.keywords:
            item.add_marker(skip)


# --------------------------------------------------------------------------- the closing line


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say in so many words whether the PostgreSQL variants ran (CI must show that they did)."""
    counts = {}
    for outcome in ("passed", "failed", "skipped"):
        reports = terminalreporter.stats.get(outcome, [])
        counts[outcome] = sum(1 for r in reports if "[postgresql" in getattr(r, "nodeid", "")
                              and getattr(r, "when", "call") in ("call", "setup"))
    where = PG_URL.rsplit("@", 1)[-1] if PG_URL else "not configured (LINLI_TEST_DATABASE_URL)"
    terminalreporter.write_line(
        f"PostgreSQL variants ({where}): {counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped"
    )
