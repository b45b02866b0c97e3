"""The messages of the scheduled jobs: the daily digest and the weekly report, per recipient.

Why split from the scheduling (``bot/jobs.py``): when a job is due and that it runs once are the
scheduler's business (cron, claims, races); what each station head reads is the core's, built
from the same figures as ``/stats`` so the numbers never disagree. Messages are first *planned*
(texts and rendered files, outside the claiming transaction, so SQLite's one write lock is not
held while charts render) and then *enqueued* as outbox rows in the transaction that claims the
job: a crash or a lost race leaves no half-sent job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers import cases, outbox, routing
from handlers import figures as fg
from handlers.figures import Period
from handlers.reporting import ReportRenderer, figures_text, scope_name
from i18n import t
from storage import models as m

log = logging.getLogger(__name__)

DAILY = "daily_digest"
WEEKLY = "weekly_report"
JOBS = (DAILY, WEEKLY)
#: A digest or weekly report sent this long after its scheduled time says so at its top, so that
#: a station head reading "new: 0" at 20:00 knows it was written for the morning.
LATE_AFTER = timedelta(minutes=30)


def late_note(fire: datetime, now: datetime, tz: ZoneInfo, locale: str | None) -> str:
    """The first line of a late message ("（迟发：原定 3月20日 08:30）"), or nothing."""
    if now - fire <= LATE_AFTER:
        return ""
    local = fire.astimezone(tz)
    return t("jobs.late", locale, month=local.month, day=local.day, time=f"{local:%H:%M}") + "\n"


@dataclass(frozen=True)
class Planned:
    """One message to one staff member; ``document`` is the path of a rendered file."""

    staff_id: str
    text: str
    document: str | None = None


async def recipients(uow: Any, *, centre: bool) -> list[tuple[m.Staff, str | None]]:
    """Every active station head with their community; the centre's duty officer (whole district:
    None) when ``centre``. A head without a community is skipped: there is nothing of theirs."""
    found: list[tuple[m.Staff, str | None]] = []
    for head in await uow.roster.staff_in(None, "station_head"):
        if head.community_id:
            found.append((head, head.community_id))
        else:
            log.warning("station head %s has no community; no digest", head.id)
    if centre:
        duty = await routing.centre(uow)
        if duty is not None:
            found.append((duty, None))
    return found


async def plan_daily(uow_factory: Callable[[], Any], fire: datetime, now: datetime, tz: ZoneInfo) -> list[Planned]:
    """Each head's digest: new since the day before the scheduled time, overdue and reopened now.

    Why since ``fire - 1 day`` and not ``now - 1 day``: a digest caught up late (a restart at
    10:00) still covers everything since yesterday's 08:30, without a gap."""
    planned: list[Planned] = []
    async with uow_factory() as uow:
        since = fire - timedelta(days=1)
        every = await fg.load_digests(uow, since, now)
        for head, community_id in await recipients(uow, centre=False):
            digest = every.get(community_id) or fg.compute_digest((), now, since=since)
            station = await uow.roster.station(community_id) if community_id else None
            name = station.name if station is not None else await scope_name(uow, community_id, head.locale)
            text = fg.render_digest_text(digest, name, head.locale, category_label=cases.category_label)
            planned.append(Planned(head.id, late_note(fire, now, tz, head.locale) + text))
        await uow.rollback()
    return planned


async def plan_weekly(uow_factory: Callable[[], Any], renderer: ReportRenderer | None, fire: datetime,
                      now: datetime, tz: ZoneInfo) -> list[Planned]:
    """Last week's figures, the rates chart and the workbook, to each head and to the centre.

    One unit of work per recipient, so other updates get the database between two renders.
    Without a renderer (or when one file fails) the figures still go out as text."""
    period = Period.last_week(fire, tz)
    async with uow_factory() as uow:
        people = [(s.id, s.locale, cid) for s, cid in await recipients(uow, centre=True)]
        await uow.rollback()
    planned: list[Planned] = []
    for staff_id, locale, community_id in people:
        async with uow_factory() as uow:
            name = await scope_name(uow, community_id, locale)
            text, figures = await figures_text(uow, community_id, period, now,
                                               t("jobs.week_title", locale, name=name), locale)
            planned.append(Planned(staff_id, late_note(fire, now, tz, locale) + text))
            if renderer is not None:
                chart = None if figures.empty else await renderer.chart(uow, community_id, period, now, locale)
                if chart is not None:
                    planned.append(Planned(staff_id, t("jobs.chart_caption", locale, name=name,
                                                       period=period.label), chart))
                workbook = await renderer.workbook(uow, community_id, period, now, locale)
                if workbook is not None:
                    planned.append(Planned(staff_id, t("jobs.workbook_caption", locale, name=name,
                                                       period=period.label), workbook))
            await uow.rollback()
    return planned


async def enqueue(uow: Any, planned: list[Planned], now: datetime) -> int:
    """Outbox rows for the planned messages, in the caller's (claiming) transaction.

    A staff member not yet bound to a chat gets the rows held until they enrol, as every other
    message to staff does."""
    written = 0
    for item in planned:
        staff = await uow.roster.staff(item.staff_id)
        if staff is None or not staff.active:
            continue
        if staff.channel and staff.chat_id:
            row = outbox.new_row(staff.channel, staff.chat_id, item.text, now, document=item.document)
        else:
            row = outbox.new_row(outbox.HELD, f"staff:{staff.id}", item.text, now, held=True,
                                 document=item.document)
        uow.outbox.add(row)
        written += 1
    return written
