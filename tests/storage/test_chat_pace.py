"""The per-chat sending bucket every worker shares (``chat_pace``, ``PaceRepo``).

Values, not elapsed time: each reservation returns the wait the database computed, so the
assertions hold however slowly the statements run (a few ms between them refill almost nothing).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import models as m
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.uow import UnitOfWorkFactory

PRIVATE = (3, 0.8)  # bot.ratelimit.PRIVATE: burst 3, 0.8/s
GROUP = (1, 0.3)


# ``db_url`` (tests/conftest.py) for PostgreSQL only: skipped with PG_SKIP's reason when unset.
only_postgresql = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


@pytest.fixture
async def pg_uows(db_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    engine = make_engine(db_url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield UnitOfWorkFactory(make_session_factory(engine))
    await engine.dispose()


async def _reserve(uows: UnitOfWorkFactory, key: str, bucket: tuple[float, float]) -> float:
    async with uows() as uow:  # its own transaction, as bot.run_cli.shared_pace does
        wait = await uow.pace.reserve(key, *bucket)
        await uow.commit()
    return wait


@only_postgresql
async def test_a_burst_of_three_then_the_fourth_waits(pg_uows: UnitOfWorkFactory) -> None:
    waits = [await _reserve(pg_uows, "telegram:100", PRIVATE) for _ in range(4)]
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert 1.0 < waits[3] <= 1.26  # one token at 0.8/s: 1.25 s, less what refilled meanwhile
    fifth = await _reserve(pg_uows, "telegram:100", PRIVATE)
    assert 2.2 < fifth <= 2.51  # a reservation behind the fourth's, not beside it


@only_postgresql
async def test_chats_do_not_affect_each_other(pg_uows: UnitOfWorkFactory) -> None:
    for _ in range(3):
        await _reserve(pg_uows, "telegram:100", PRIVATE)
    assert await _reserve(pg_uows, "telegram:200", PRIVATE) == 0.0
    assert await _reserve(pg_uows, "console:100", PRIVATE) == 0.0  # the channel is part of the key
    assert await _reserve(pg_uows, "telegram:100", PRIVATE) > 1.0


@only_postgresql
async def test_a_group_chat_gets_one_message_per_3_3_seconds(pg_uows: UnitOfWorkFactory) -> None:
    assert await _reserve(pg_uows, "telegram:-100123", GROUP) == 0.0
    assert 3.2 < await _reserve(pg_uows, "telegram:-100123", GROUP) <= 3.34


@only_postgresql
async def test_workers_reserving_at_once_never_share_a_token(pg_uows: UnitOfWorkFactory) -> None:
    """Four sessions (four connections, as four workers) at once: three free turns, one waits."""
    waits = sorted(await asyncio.gather(*(_reserve(pg_uows, "telegram:7", PRIVATE) for _ in range(4))))
    assert waits[:3] == [0.0, 0.0, 0.0] and 1.0 < waits[3] <= 1.26
    async with pg_uows() as uow:
        row = await uow.session.get(m.ChatPace, "telegram:7")
        assert row is not None and row.tokens == pytest.approx(-1.0, abs=0.3)


async def test_idle_buckets_are_pruned_and_reserve_needs_postgresql(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    now = datetime.now(UTC)
    uows = UnitOfWorkFactory(session_factory)
    async with uows() as uow:
        uow.session.add_all([m.ChatPace(chat_key="telegram:1", tokens=3.0, at=now - timedelta(days=2)),
                             m.ChatPace(chat_key="telegram:2", tokens=-1.0, at=now)])
        await uow.commit()
    async with uows() as uow:
        assert await uow.pace.prune(now - timedelta(days=1)) == 1
        await uow.commit()
        assert (await uow.session.scalars(select(m.ChatPace.chat_key))).all() == ["telegram:2"]
        if uow.session.bind.dialect.name != "postgresql":
            with pytest.raises(NotImplementedError):
                await uow.pace.reserve("telegram:3", *PRIVATE)
        assert await uow.session.scalar(select(func.count()).select_from(m.ChatPace)) == 1
