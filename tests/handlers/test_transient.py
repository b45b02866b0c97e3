"""A transaction the database aborts (deadlock, serialization failure) is run again, not lost.

Regression (bench/crash.py on PostgreSQL): a resident answering the survey while its reminder
clock ran deadlocked; the clock was marked failed and the reminder never came.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from flow_helpers import PG_SKIP, PG_URL, events, get_case, register, report
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from handlers.dispatcher import TRANSIENT_RETRIES, Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier
from storage.db import make_engine
from storage.uow import UnitOfWork, UnitOfWorkFactory, is_transient


class _Deadlock(Exception):
    sqlstate = "40P01"


def _deadlock() -> OperationalError:
    return OperationalError("UPDATE ...", {}, _Deadlock("deadlock detected"))


class AbortingFactory(UnitOfWorkFactory):
    """The real unit of work, except that the next ``aborts`` commits fail as a deadlock victim's."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        super().__init__(inner.session_factory)
        self.outbox_listeners = inner.outbox_listeners
        self.aborts = 0

    def __call__(self) -> UnitOfWork:
        uow = super().__call__()
        real_commit = uow.commit

        async def commit() -> None:
            if self.aborts:
                self.aborts -= 1
                raise _deadlock()
            await real_commit()

        uow.commit = commit  # type: ignore[method-assign]
        return uow


@pytest.fixture
def aborting(uow_factory: UnitOfWorkFactory) -> AbortingFactory:
    return AbortingFactory(uow_factory)


@pytest.fixture
async def achat(aborting: AbortingFactory, clock: Any) -> ChatHarness:
    harness = ChatHarness(Dispatcher(aborting, KeywordClassifier(), clock), aborting, clock)
    await harness.bind_all_staff()
    return harness


def test_is_transient_knows_the_codes() -> None:
    assert is_transient(_deadlock())
    assert is_transient(OperationalError("COMMIT", {}, Exception("database is locked")))
    assert not is_transient(OperationalError("x", {}, Exception("no such table: case")))
    assert not is_transient(DBAPIError("x", {}, Exception("boom")))
    assert not is_transient(ValueError("deadlock"))


async def test_an_aborted_update_is_run_again(achat: ChatHarness, aborting: AbortingFactory,
                                              uow_factory: UnitOfWorkFactory) -> None:
    await register(achat, "alice")
    aborting.aborts = TRANSIENT_RETRIES  # every try but the last is a deadlock victim
    number = await report(achat, "alice", "老板拖欠工资")
    assert not any("出了点问题" in t for t in achat.texts("alice"))
    assert (await get_case(uow_factory, number)).state == "assigned"


async def test_an_update_aborted_every_time_gets_the_apology(achat: ChatHarness, aborting: AbortingFactory) -> None:
    await register(achat, "alice")
    aborting.aborts = TRANSIENT_RETRIES + 1
    await achat.say("alice", "老板拖欠工资")
    assert "抱歉" in achat.last("alice").text


async def test_an_aborted_clock_stays_pending_and_runs_later(achat: ChatHarness, aborting: AbortingFactory,
                                                             uow_factory: UnitOfWorkFactory) -> None:
    await register(achat, "alice")
    number = await report(achat, "alice", "老板拖欠工资")
    aborting.aborts = TRANSIENT_RETRIES + 5  # more than one run_due tries: it gives up for now
    await achat.advance(timedelta(hours=3))  # the sign-for clock (2 h) falls due
    assert "reminded" not in await events(uow_factory, number)
    aborting.aborts = 0
    await achat.advance(timedelta(minutes=1))  # the next tick
    history = await events(uow_factory, number)
    assert history.count("reminded") == 1


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP)
async def test_a_real_postgresql_deadlock_is_transient() -> None:
    """The codes above are what asyncpg really reports through SQLAlchemy."""
    engine = make_engine(PG_URL)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP TABLE IF EXISTS linli_deadlock_probe"))
            await conn.execute(text("CREATE TABLE linli_deadlock_probe (id int primary key, n int)"))
            await conn.execute(text("INSERT INTO linli_deadlock_probe VALUES (1, 0), (2, 0)"))
        both_locked = asyncio.Event()
        locked = 0

        async def cross(first: int, second: int) -> BaseException | None:
            nonlocal locked
            try:
                async with engine.begin() as conn:
                    await conn.execute(text("UPDATE linli_deadlock_probe SET n = n + 1 WHERE id = :i"), {"i": first})
                    locked += 1
                    if locked == 2:
                        both_locked.set()
                    await both_locked.wait()
                    await conn.execute(text("UPDATE linli_deadlock_probe SET n = n + 1 WHERE id = :i"), {"i": second})
            except DBAPIError as exc:
                return exc
            return None

        outcomes = await asyncio.wait_for(asyncio.gather(cross(1, 2), cross(2, 1)), timeout=30)
        errors = [e for e in outcomes if e is not None]
        assert len(errors) == 1 and is_transient(errors[0])
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DROP TABLE IF EXISTS linli_deadlock_probe"))
        await engine.dispose()
