"""The daily retention pass also forgets old bookkeeping: processed update ids and job runs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.jobs import _prune_bookkeeping
from handlers.testing import VirtualClock
from storage import models as m
from storage.uow import UnitOfWorkFactory


async def test_old_update_ids_and_job_runs_are_pruned(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    now = clock()
    async with uow_factory() as uow:
        for update_id, age in (("old", 8), ("recent", 6)):
            await uow.updates.claim("telegram", update_id, now - timedelta(days=age))
        for period, age in (("p1", 90), ("p2", 80), ("p3", 1)):
            uow.session.add(m.JobRun(job="daily", period=period, at=now - timedelta(days=age)))
        uow.session.add(m.JobRun(job="weekly", period="w1", at=now - timedelta(days=100)))
        await uow.commit()
    await _prune_bookkeeping(uow_factory, now)
    async with uow_factory() as uow:
        updates = set((await uow.session.scalars(select(m.ProcessedUpdate.update_id)
                                                .where(m.ProcessedUpdate.channel == "telegram"))).all())
        runs = set((await uow.session.execute(select(m.JobRun.job, m.JobRun.period))).tuples().all())
    assert updates == {"recent"}
    assert runs == {("daily", "p3"), ("weekly", "w1")}  # a job's latest run is kept, however old
