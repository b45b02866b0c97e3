"""Databases for the report-command and scheduled-job tests: a fresh SQLite file, and PostgreSQL
when ``LINLI_TEST_DATABASE_URL`` is set; each with the sample roster and the hand-made March
history of ``jobs_history``, built once per session and copied per test (``db_templates``).

``env`` is ``jobs_env.Env``: one "process" with a chat harness on a virtual clock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import db_templates
import pytest
from jobs_env import Env
from jobs_history import CENTRE, HEADS, NOW, insert_history

from bot.report_renderer import FileReportRenderer
from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, load_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

RETENTION_CRON = "0 3 1 1 *"
STAFF = (*HEADS, CENTRE, "qunzhongjie-gw1")


async def _build(url: str) -> None:
    """Schema, the sample roster (retention moved), the March history, the heads and centre enrolled."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    sessions = make_session_factory(engine)
    # The sample roster, with the 03:00 retention pass moved to 1 January so that it does not
    # count among the digests these tests watch (test_retention_runs_once_a_day sets its own).
    roster = load_roster(sample_roster_path())
    schedule = roster.settings.schedule.model_copy(update={"retention": RETENTION_CRON})
    settings = roster.settings.model_copy(update={"schedule": schedule})
    await import_roster(sessions, roster.model_copy(update={"settings": settings}))
    uows = UnitOfWorkFactory(sessions)
    await insert_history(uows)
    clock = VirtualClock(NOW)
    chat = ChatHarness(Dispatcher(uows, KeywordClassifier(), clock), uows, clock)
    for staff_id in STAFF:
        await chat.bind(staff_id)
    await engine.dispose()


@pytest.fixture
async def env(db_kind: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Env]:
    async with db_templates.database(db_kind, "jobs", _build, tmp_path, tmp_path_factory) as url:
        engine = make_engine(url)
        uows = UnitOfWorkFactory(make_session_factory(engine))
        clock = VirtualClock(NOW)
        renderer = FileReportRenderer(tmp_path / "reports")
        chat = ChatHarness(Dispatcher(uows, KeywordClassifier(), clock, renderer=renderer), uows, clock)
        for staff_id in STAFF:  # enrolled in the copy already: the harness only learns it
            await chat.bind(staff_id)
        environment = Env(url, uows, clock, renderer, chat, tmp_path / "reports", [engine])
        yield environment
        for e in environment.engines:
            await e.dispose()
