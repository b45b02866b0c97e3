"""The daily retention pass also deletes shared sending buckets (``chat_pace``) idle for a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from jobs_env import Env
from jobs_history import L
from sqlalchemy import select

from bot.jobs import run_due_jobs
from storage import models as m


async def test_retention_deletes_chat_buckets_idle_for_a_day(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import jobs

    async def no_retention(uow_factory: object, now: object) -> int:
        return 0

    monkeypatch.setattr(jobs.privacy, "apply_retention", no_retention)
    at = L(20, 3, 0)
    async with env.uow_factory() as uow:  # the sample roster's 03:00 (the fixture moved it away)
        district = await uow.roster.district()
        district.settings = {**district.settings,
                             "schedule": {**district.settings["schedule"], "retention": "0 3 * * *"}}
        uow.session.add_all([
            m.ChatPace(chat_key="telegram:1", tokens=3.0, at=at - timedelta(days=1, minutes=1)),
            m.ChatPace(chat_key="telegram:2", tokens=-1.0, at=at - timedelta(hours=23)),
        ])
        await uow.commit()
    assert await run_due_jobs(env.uow_factory, env.renderer, at) >= 1  # and yesterday's digest, caught up
    async with env.uow_factory() as uow:
        assert (await uow.session.scalars(select(m.ChatPace.chat_key))).all() == ["telegram:2"]
