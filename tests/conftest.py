"""Shared by every suite: ``db_url``, a fresh database per test on SQLite and on PostgreSQL, and
the workflow fixtures — ``uow_factory`` (schema + sample roster + enrolled staff), ``clock`` (virtual),
``dispatcher`` (keyword classifier) and ``chat`` (the script-style harness), after Errbot's test
backend: a test says something and asserts the reply.

PostgreSQL runs when ``LINLI_TEST_DATABASE_URL`` is set (CI sets it); otherwise those variants
are skipped with the reason shown. Every test gets a database of its own on that server, copied
from one built once per session (``db_templates``), so tests never see each other's rows.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import db_templates
import pytest
from flow_helpers import PG_URL

from bot.testing import RuntimeTransport
from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """An empty database of the test's own: a SQLite file not yet made, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'linli.db'}"
        return
    async with db_templates.database("postgresql", "empty", db_templates.nothing, tmp_path,
                                     tmp_path_factory) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kind(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``, for fixtures that copy a built database (``db_templates``)."""
    return str(request.param)


# --------------------------------------------------------------------------- the workflow fixtures


async def build_workflow(url: str) -> None:
    """Schema, sample roster and every staff member enrolled in the harness's channel."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    sessions = make_session_factory(engine)
    await import_roster(sessions, sample_roster_path())
    uows = UnitOfWorkFactory(sessions)
    clock = VirtualClock()
    await ChatHarness(Dispatcher(uows, KeywordClassifier(), clock), uows, clock).bind_all_staff()
    await engine.dispose()


@pytest.fixture
async def uow_factory(db_kind: str, tmp_path: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[UnitOfWorkFactory]:
    """A database of the test's own with schema, sample roster and enrolled staff (built once per
    session, copied per test)."""
    async with db_templates.database(db_kind, "workflow", build_workflow, tmp_path, tmp_path_factory) as url:
        engine = make_engine(url)
        yield UnitOfWorkFactory(make_session_factory(engine))
        await engine.dispose()


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


def pytest_sessionfinish(session: pytest.Session) -> None:
    db_templates.finish()


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
