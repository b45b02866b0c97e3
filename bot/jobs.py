"""Scheduled jobs (daily digest, weekly report, data retention) as catch-up on the runtime's tick, each sent once.

Why not an in-memory APScheduler timer: a timer fires in each worker (N sends) and not at all
when the process was down at 08:30. Instead, on every tick and for each job, APScheduler 3.x's
``CronTrigger`` (the roster's cron, in the district's time zone) gives the latest fire time
``<= now``; if it lies within the job's own period (a day for the digest and the retention pass,
a week for the weekly report) and that period (the fire's local date, or ISO week) has no
``job_run`` row, the messages are planned and then, in one transaction, the ``(job, period)`` row
is claimed and the outbox rows written. The primary key of ``job_run`` is the once-only guarantee:

- restart at 08:31 → the fire at 08:30 is found; sent if no row, never twice;
- several workers → SQLite serialises writers (BEGIN IMMEDIATE), so the second sees the row; on
  PostgreSQL the second insert waits for the first commit and fails on the key: rolled back,
  its rendered files removed, nothing sent;
- a process down from 07:00 to 20:00, or a console clock moved on by ``~ 25h`` → the missed
  digest goes out once when the process sees it, saying it is late (``digests.LATE_AFTER``); only
  the latest missed one, since a digest covers everything since the day before;
- a new installation started at 20:00 → a job that never ran sends nothing older than ``GRACE``
  before the process started watching: no "late" digest for a day linli did not yet serve.

Call ``run_due_jobs`` from the runtime tick; ``harness_hook`` adapts it to the console harness.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import IntegrityError

from handlers import digests, privacy
from handlers.context import settings_of
from handlers.digests import DAILY, WEEKLY, Planned
from handlers.reporting import ReportRenderer

log = logging.getLogger(__name__)

# How far back a missed run is still caught up: a job's own period. Older fires are covered by the
# newer one (a digest lists everything since the day before; a retention pass, all that is due).
LOOKBACK = {DAILY: timedelta(days=1), WEEKLY: timedelta(days=7)}
DEFAULT_LOOKBACK = timedelta(days=1)
GRACE = timedelta(hours=6)  # how long before the process began watching a job's first run may fall
RETRY_AFTER = timedelta(minutes=5)  # after a failed plan, this process waits before trying again
SETTINGS_TTL = timedelta(minutes=5)  # how long the district's schedule is cached between ticks
RETENTION = "retention"  # anonymise closed cases past the roster's retention period, daily
# Telegram keeps an unconfirmed update for 24 hours; a week is far past any redelivery.
UPDATES_KEPT = timedelta(days=7)
JOB_RUNS_KEPT = timedelta(days=60)  # past every job's lookback: no period that old can fall due again
PACE_KEPT = timedelta(days=1)  # a chat's shared sending bucket (chat_pace) idle this long is deleted


@dataclass(frozen=True)
class Due:
    job: str
    fire: datetime
    period: str

    @property
    def key(self) -> tuple[str, str]:
        return self.job, self.period


def latest_fire(expr: str, tz: ZoneInfo, now: datetime, lookback: timedelta = DEFAULT_LOOKBACK) -> datetime | None:
    """The latest fire time of ``expr`` in ``(now - lookback, now]``, or None."""
    trigger = CronTrigger.from_crontab(expr, timezone=tz)
    local_now = now.astimezone(tz)
    fire = trigger.get_next_fire_time(None, local_now - lookback)
    last = None
    while fire is not None and fire <= local_now:
        last = fire
        fire = trigger.get_next_fire_time(fire, fire)
    return last


def period_key(job: str, fire: datetime, tz: ZoneInfo) -> str:
    """The local date of a digest, the ISO week of a weekly report: one run each, whatever the
    cron says (a schedule moved from 08:30 to 09:00 on the day does not send twice)."""
    local = fire.astimezone(tz)
    if job == WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def due_jobs(schedule: dict[str, str], tz: ZoneInfo, now: datetime) -> list[Due]:
    found: list[Due] = []
    for job, expr in schedule.items():
        try:
            fire = latest_fire(expr, tz, now, LOOKBACK.get(job, DEFAULT_LOOKBACK))
        except ValueError:
            log.error("job %s: bad cron expression %r in the roster", job, expr)
            continue
        if fire is not None:
            found.append(Due(job, fire, period_key(job, fire, tz)))
    return found


@dataclass
class _Memory:
    """What this process learnt, to spare the database a transaction every tick; never decides
    that a job runs, only that it need not be looked at again."""

    settings_at: datetime | None = None
    since: datetime | None = None  # when this process began watching (its first tick)
    tz: ZoneInfo | None = None
    schedule: dict[str, str] = field(default_factory=dict)
    done: set[tuple[str, str]] = field(default_factory=set)
    retry_at: dict[tuple[str, str], datetime] = field(default_factory=dict)


@runtime_checkable
class _HasUows(Protocol):
    """A ``bot.app.App``: what ``run_due_jobs`` needs of it."""

    uow_factory: Any


_memories: weakref.WeakKeyDictionary[Any, _Memory] = weakref.WeakKeyDictionary()


def _memory(uow_factory: Any) -> _Memory:
    try:
        return _memories.setdefault(uow_factory, _Memory())
    except TypeError:  # not weak-referenceable: no memory, only the database
        return _Memory()


async def run_due_jobs(app_or_uow_factory: Any, renderer: ReportRenderer | None,
                       now: datetime | Callable[[], datetime], *, since: datetime | None = None) -> int:
    """Run every scheduled job that is due and not yet run; returns how many jobs ran.

    ``app_or_uow_factory``: a ``bot.app.App`` or a unit-of-work factory; ``now``: a time or a
    clock. Never raises (a failure is logged and retried after ``RETRY_AFTER``), so it can sit in
    the runtime's tick before the outbox drain; the messages are outbox rows the drain sends.
    """
    uow_factory = app_or_uow_factory.uow_factory if isinstance(app_or_uow_factory, _HasUows) else app_or_uow_factory
    at = now() if callable(now) else now
    memory = _memory(uow_factory)
    if memory.since is None:
        memory.since = since or at
    try:
        pending = await _pending(uow_factory, memory, at)
    except Exception:
        log.exception("scheduled jobs: could not read the schedule")
        return 0
    ran = 0
    for due in pending:
        try:
            if await _run(uow_factory, renderer, memory, due, at):
                ran += 1
        except Exception:
            log.exception("job %s for %s failed; retrying after %s", due.job, due.period, RETRY_AFTER)
            memory.retry_at[due.key] = at + RETRY_AFTER
    return ran


def harness_hook(uow_factory: Any, renderer: ReportRenderer | None,
                 since: datetime | None = None) -> Callable[[datetime], Awaitable[int]]:
    """For ``ChatHarness(after_advance=...)``: run the jobs at the virtual clock's new time.
    ``since``: when the virtual clock started, so that a jump over 08:30 still sends the digest."""

    async def hook(at: datetime) -> int:
        return await run_due_jobs(uow_factory, renderer, at, since=since)

    return hook


async def _pending(uow_factory: Any, memory: _Memory, at: datetime) -> list[Due]:
    """Due jobs not known to be done; the database is asked only when there is one."""
    if memory.settings_at is None or abs(at - memory.settings_at) >= SETTINGS_TTL:
        async with uow_factory() as uow:
            district = await uow.roster.district()
            if district is None:
                return []
            schedule = settings_of(district).schedule
            memory.tz = ZoneInfo(district.timezone or "Asia/Shanghai")
            await uow.rollback()
        memory.schedule = {DAILY: schedule.daily_digest, WEEKLY: schedule.weekly_report,
                           RETENTION: schedule.retention}
        memory.settings_at = at
    assert memory.tz is not None
    due = due_jobs(memory.schedule, memory.tz, at)
    keys = {d.key for d in due}
    memory.done &= keys  # forget what can no longer fall due
    memory.retry_at = {k: v for k, v in memory.retry_at.items() if k in keys}
    due = [d for d in due if d.key not in memory.done and memory.retry_at.get(d.key, at) <= at]
    if not due:
        return []
    async with uow_factory() as uow:
        ran, seen = await uow.jobs.ran({d.job for d in due}, {d.period for d in due})
        await uow.rollback()
    memory.done |= ran & keys
    assert memory.since is not None
    return [d for d in due if d.key not in ran and (d.job in seen or d.fire > memory.since - GRACE)]


async def _plan(uow_factory: Any, renderer: ReportRenderer | None, memory: _Memory, due: Due,
                at: datetime) -> list[Planned]:
    assert memory.tz is not None
    if due.job == RETENTION:
        return []  # nothing to send: the work itself runs after the claim
    if due.job == DAILY:
        return await digests.plan_daily(uow_factory, due.fire, at, memory.tz)
    return await digests.plan_weekly(uow_factory, renderer, due.fire, at, memory.tz)


async def _run(uow_factory: Any, renderer: ReportRenderer | None, memory: _Memory, due: Due,
               at: datetime) -> bool:
    """Plan (render) outside any write transaction, then claim and enqueue in one."""
    planned = await _plan(uow_factory, renderer, memory, due, at)
    async with uow_factory() as uow:
        try:
            claimed = await uow.jobs.claim(due.job, due.period, at)
            if claimed:
                written = await digests.enqueue(uow, planned, at)
                await uow.commit()
            else:
                await uow.rollback()
        except IntegrityError:  # PostgreSQL: another worker claimed it first
            await uow.rollback()
            log.info("job %s for %s: lost the claim race (primary key); rolled back", due.job, due.period)
            claimed = False
    memory.done.add(due.key)
    if not claimed:
        log.info("job %s for %s already run by another worker", due.job, due.period)
        _discard(planned)
        return False
    if due.job == RETENTION:
        # After the claim: a crash here skips one day's pass, which the next day's covers.
        log.info("retention: %s cases anonymised", await privacy.apply_retention(uow_factory, at))
        await _prune_pace(uow_factory, at)
        await _prune_bookkeeping(uow_factory, at)
        return True
    log.info("job %s for %s: %s messages queued (fire %s)", due.job, due.period, written, due.fire)
    return True


async def _prune_pace(uow_factory: Any, at: datetime) -> None:
    """Housekeeping with the daily pass: a bucket idle a day is full again, as a new row starts."""
    try:
        async with uow_factory() as uow:
            pruned = await uow.pace.prune(at - PACE_KEPT)
            await uow.commit()
    except Exception:  # not worth retrying the day's job for: tomorrow's pass deletes them
        log.exception("retention: idle chat_pace rows not deleted")
        return
    log.info("retention: %s idle shared chat bucket(s) deleted", pruned)


async def _prune_bookkeeping(uow_factory: Any, at: datetime) -> None:
    """Housekeeping with the daily pass: processed-update ids past any redelivery, old job runs."""
    try:
        async with uow_factory() as uow:
            updates = await uow.updates.prune(at - UPDATES_KEPT)
            runs = await uow.jobs.prune(at - JOB_RUNS_KEPT)
            await uow.commit()
    except Exception:  # tomorrow's pass deletes them
        log.exception("retention: bookkeeping rows not deleted")
        return
    log.info("retention: %s processed update id(s) and %s job run(s) deleted", updates, runs)


def _discard(planned: list[Planned]) -> None:
    """Files rendered for a job another worker ran: nobody will send them."""
    for item in planned:
        if item.document:
            Path(item.document).unlink(missing_ok=True)
