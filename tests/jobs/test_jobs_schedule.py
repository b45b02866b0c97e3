"""The daily digest and the weekly report: due by the roster's cron, sent once across restarts and
workers, caught up late (and saying so) after downtime, weekly only on Mondays; on the virtual clock,
no sleeps."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from jobs_env import Env
from jobs_history import CENTRE, EMPTY_HEAD, JJ_HEAD, QZ_HEAD, TZ, L
from openpyxl import load_workbook
from sqlalchemy import select, text

from bot.jobs import harness_hook, latest_fire, period_key, run_due_jobs
from handlers import digests
from handlers.digests import DAILY, WEEKLY, Planned
from i18n import t
from storage import models as m
from storage.uow import UnitOfWorkFactory

STAFF = "staff:"
DAILY_CRON, WEEKLY_CRON = "30 8 * * *", "30 8 * * mon"
QZ_STATION = "群众街社区平安工作站"


def digests_of(env: Env, staff_id: str) -> list[str]:
    marker = t("report.digest_title", station="").strip("【】")
    return [x for x in env.chat.texts(STAFF + staff_id) if marker in x]


def weekly_of(env: Env, staff_id: str) -> list[str]:
    return [x for x in env.chat.texts(STAFF + staff_id) if x.startswith(t("jobs.week_title", name=""))]


async def job_runs(uows: UnitOfWorkFactory) -> list[tuple[str, str]]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(m.JobRun.job, m.JobRun.period).order_by(m.JobRun.job))).all()
        await uow.rollback()
    return [(job, period) for job, period in rows]


# --------------------------------------------------------------------------- the cron, without a database


def test_latest_fire_within_lookback_and_period_keys() -> None:
    day, week = timedelta(days=1), timedelta(days=7)
    assert latest_fire(DAILY_CRON, TZ, L(20, 8, 29), day) == L(19, 8, 30)
    assert latest_fire(DAILY_CRON, TZ, L(20, 8, 30), day) == L(20, 8, 30)
    assert latest_fire(DAILY_CRON, TZ, L(20, 8, 31), day) == L(20, 8, 30)
    assert latest_fire(DAILY_CRON, TZ, L(20, 20), day) == L(20, 8, 30)  # started at 20:00: caught up
    assert latest_fire(DAILY_CRON, TZ, L(20, 8, 29), timedelta(hours=6)) is None
    assert latest_fire(WEEKLY_CRON, TZ, L(20, 9), timedelta(days=3)) is None  # Friday, Monday long gone
    assert latest_fire(WEEKLY_CRON, TZ, L(20, 9), week) == L(16, 8, 30)
    assert latest_fire(WEEKLY_CRON, TZ, L(23, 9), week) == L(23, 8, 30)  # Monday
    assert period_key(DAILY, L(20, 8, 30), TZ) == "2026-03-20"
    assert period_key(DAILY, L(1, 0, 30), TZ) == "2026-03-01"  # local date, not UTC (still 28 Feb)
    assert period_key(WEEKLY, L(23, 8, 30), TZ) == "2026-W13"


# --------------------------------------------------------------------------- the daily digest


async def test_daily_digest_at_0830_is_sent_once(env: Env) -> None:
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 8, 29)) == 0
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 8, 30)) == 1
    for later in (L(20, 8, 30), L(20, 8, 31), L(20, 12), L(20, 14, 29)):
        assert await run_due_jobs(env.uow_factory, env.renderer, later) == 0
    await env.chat.deliver()
    [digest] = digests_of(env, QZ_HEAD)
    assert QZ_STATION in digest
    assert t("report.digest_new", count=1) in digest and "TYJ-E" in digest
    assert t("report.digest_overdue", count=2) in digest and "TYJ-D" in digest
    assert t("report.digest_reopened", count=1) in digest and "TYJ-F" in digest
    assert "TYJ-DEMO" not in digest
    assert await job_runs(env.uow_factory) == [(DAILY, "2026-03-20")]


async def test_empty_station_digest_says_so(env: Env) -> None:
    await run_due_jobs(env.uow_factory, env.renderer, L(20, 8, 30))
    await env.chat.deliver()
    for head in (EMPTY_HEAD, JJ_HEAD):  # nothing at all; 金鸡岭路's one case is closed
        [digest] = digests_of(env, head)
        assert t("report.digest_nothing") in digest
    assert digests_of(env, CENTRE) == []  # the daily digest is the station heads'


async def test_restart_at_0831_sends_if_not_sent_and_never_twice(env: Env) -> None:
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 8)) == 0  # the process dies at 08:20
    assert await run_due_jobs(env.restart(), env.renderer, L(20, 8, 31)) == 1  # back at 08:31
    assert await run_due_jobs(env.restart(), env.renderer, L(20, 8, 32)) == 0  # and again at 08:32
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 8, 33)) == 0
    await env.chat.deliver()
    assert len(digests_of(env, QZ_HEAD)) == 1


async def test_two_workers_at_once_send_once(env: Env) -> None:
    a, b = env.restart(), env.restart()
    ran = await asyncio.gather(run_due_jobs(a, env.renderer, L(20, 8, 30)),
                               run_due_jobs(b, env.renderer, L(20, 8, 30)))
    assert sorted(ran) == [0, 1]
    await env.chat.deliver()
    assert len(digests_of(env, QZ_HEAD)) == 1
    assert len(digests_of(env, EMPTY_HEAD)) == 1


async def test_the_claim_race_loser_rolls_back(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    """A second worker that reaches the claim while the first has claimed but not committed: on
    PostgreSQL its insert waits on the primary key and fails when the first commits."""
    at = L(20, 8, 30)
    loser_uows = env.restart()
    async with env.uow_factory() as uow:
        assert await uow.jobs.claim(DAILY, "2026-03-20", at)
        await digests.enqueue(uow, [Planned(QZ_HEAD, "the first worker's digest")], at)
        caplog.set_level(logging.INFO, logger="bot.jobs")
        loser = asyncio.create_task(run_due_jobs(loser_uows, None, at))
        if env.url.startswith("postgresql"):
            await _until_a_backend_waits_on_a_lock(env.restart())
        await uow.commit()
    assert await loser == 0
    if env.url.startswith("postgresql"):
        assert "lost the claim race" in caplog.text
    await env.chat.deliver()
    assert env.chat.texts(STAFF + QZ_HEAD) == ["the first worker's digest"]
    assert digests_of(env, EMPTY_HEAD) == []  # the loser wrote nothing for anybody


async def _until_a_backend_waits_on_a_lock(probe: UnitOfWorkFactory) -> None:
    """Poll (each time a new transaction: activity views are snapshots) until the loser blocks."""
    for _ in range(5000):
        async with probe() as uow:
            waiting = (await uow.session.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"))).scalar_one()
            await uow.rollback()
        if waiting:
            return
    raise AssertionError("the second worker never reached the claim")


async def test_a_new_installation_sends_no_stale_digest(env: Env) -> None:
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 20)) == 0  # first started at 20:00
    assert await job_runs(env.uow_factory) == []


async def test_a_missed_digest_goes_out_once_late_and_says_so(env: Env) -> None:
    """Down from before 08:30 until 20:00: the morning digest is sent at 20:00, marked late."""
    assert await run_due_jobs(env.uow_factory, env.renderer, L(19, 8, 30)) == 1  # the day before
    assert await run_due_jobs(env.restart(), env.renderer, L(20, 20)) >= 1
    assert await run_due_jobs(env.restart(), env.renderer, L(20, 20, 5)) == 0
    env.clock.at = L(20, 20, 5)
    await env.chat.deliver()
    [_, digest] = digests_of(env, QZ_HEAD)
    assert digest.startswith(t("jobs.late", month=3, day=20, time="08:30"))
    assert t("report.digest_new", count=1) in digest and "TYJ-E" in digest
    assert (DAILY, "2026-03-20") in await job_runs(env.uow_factory)


async def test_a_digest_on_time_is_not_marked_late(env: Env) -> None:
    await run_due_jobs(env.uow_factory, env.renderer, L(20, 8, 45))
    await env.chat.deliver()
    [digest] = digests_of(env, QZ_HEAD)
    assert digest.startswith(t("report.digest_title", station=QZ_STATION))


async def test_a_head_without_a_chat_gets_the_digest_on_enrolment(env: Env) -> None:
    async with env.uow_factory() as uow:
        head = await uow.roster.staff("huixin-head")
        head.channel = head.chat_id = None
        await uow.commit()
    env.chat._bound.discard("huixin-head")
    await run_due_jobs(env.uow_factory, None, L(20, 8, 30))
    await env.chat.deliver()
    assert digests_of(env, "huixin-head") == []
    await env.chat.bind("huixin-head")
    await env.chat.deliver()
    assert len(digests_of(env, "huixin-head")) == 1


async def test_console_harness_runs_the_jobs_when_the_clock_moves(env: Env) -> None:
    env.clock.at = L(20, 8)
    env.chat.after_advance = harness_hook(env.uow_factory, None)
    await env.chat.advance(timedelta(minutes=20))
    assert digests_of(env, QZ_HEAD) == []
    await env.chat.advance(timedelta(minutes=15))
    await env.chat.advance(timedelta(hours=1))
    assert len(digests_of(env, QZ_HEAD)) == 1
    await env.chat.advance(timedelta(days=1))  # 09:35 the next day: that day's digest, once
    assert len(digests_of(env, QZ_HEAD)) == 2


# --------------------------------------------------------------------------- the weekly report


async def test_weekly_report_only_on_mondays_with_figures_chart_and_workbook(env: Env) -> None:
    for day in range(17, 23):  # Tuesday 17 to Sunday 22 March
        assert await run_due_jobs(env.uow_factory, env.renderer, L(day, 8, 30)) == 1  # the digest only
    env.clock.at = L(23, 9)  # the outbox is drained on the harness clock
    await env.chat.deliver()
    assert weekly_of(env, QZ_HEAD) == [] and weekly_of(env, CENTRE) == []
    assert await run_due_jobs(env.uow_factory, env.renderer, L(23, 8, 30)) == 2  # Monday: digest and report
    assert await run_due_jobs(env.restart(), env.renderer, L(23, 9)) == 0
    await env.chat.deliver()

    period = "2026-03-16 – 2026-03-22"
    [text_] = weekly_of(env, QZ_HEAD)
    assert period in text_ and f"{t('report.total')}：1" in text_  # E only; the demo case never
    docs = [m_ for m_ in env.chat.received(STAFF + QZ_HEAD) if m_.document]
    assert [d.document.rsplit(".", 1)[1] for d in docs] == ["png", "xlsx"]
    cases = load_workbook(docs[1].document)
    assert [r[0] for r in cases[cases.sheetnames[-1]].iter_rows(min_row=2, values_only=True)] == ["TYJ-E"]

    [district] = weekly_of(env, CENTRE)
    assert t("report.district_all") in district
    assert len([m_ for m_ in env.chat.received(STAFF + CENTRE) if m_.document]) == 2

    [empty] = weekly_of(env, EMPTY_HEAD)
    assert t("report.empty", period=period) in empty
    assert [m_.document.rsplit(".", 1)[1] for m_ in env.chat.received(STAFF + EMPTY_HEAD) if m_.document] == ["xlsx"]
    assert sorted(await job_runs(env.uow_factory))[-1] == (WEEKLY, "2026-W13")


async def test_two_workers_on_monday_leave_no_orphan_files(env: Env) -> None:
    a, b = env.restart(), env.restart()
    ran = await asyncio.gather(run_due_jobs(a, env.renderer, L(23, 8, 30)),
                               run_due_jobs(b, env.renderer, L(23, 8, 30)))
    assert sum(ran) == 2  # the digest and the report, once each
    async with env.uow_factory() as uow:
        queued = set((await uow.session.execute(
            select(m.Outbox.document).where(m.Outbox.document.is_not(None)))).scalars())
        await uow.rollback()
    assert len(weekly_rows := queued) == 7 + 1 + 2  # a workbook each, charts for 群众街 and the district
    assert {str(p) for p in env.reports_dir.glob("linli-*")} == weekly_rows


# --------------------------------------------------------------------------- data retention


async def test_retention_runs_once_a_day_at_0300(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import jobs

    calls: list[object] = []

    async def fake_retention(uow_factory: object, now: object) -> int:
        calls.append(now)
        return 0

    monkeypatch.setattr(jobs.privacy, "apply_retention", fake_retention)
    async with env.uow_factory() as uow:  # the sample roster's 03:00 (the fixture moved it away)
        district = await uow.roster.district()
        schedule = {**district.settings["schedule"], "retention": "0 3 * * *"}
        district.settings = {**district.settings, "schedule": schedule}
        await uow.commit()
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 2, 59)) == 0
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 3, 0)) == 1
    assert await run_due_jobs(env.uow_factory, env.renderer, L(20, 3, 5)) == 0
    assert calls == [L(20, 3, 0)]
    assert ("retention", "2026-03-20") in await job_runs(env.uow_factory)


async def test_console_clock_jump_over_0830_sends_the_digest_late(env: Env) -> None:
    """``~ 25h`` from 15:00 lands at 16:00 the next day: that morning's digest still goes out."""
    env.clock.at = L(20, 15)
    env.chat.after_advance = harness_hook(env.uow_factory, None, since=env.clock())
    await env.chat.advance(timedelta(hours=25))
    [digest] = digests_of(env, QZ_HEAD)
    assert digest.startswith(t("jobs.late", month=3, day=21, time="08:30"))
