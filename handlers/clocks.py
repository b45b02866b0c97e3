"""Clocks: when a case must have been signed for, contacted, resolved, surveyed; and what
happens when one falls due.

Why rows and not timers: a clock is a database row with a due time, claimed by whichever worker
runs ``Dispatcher.run_due``; a clock that fell due while the process was down runs when it comes
back, once. Follow-up clocks are scheduled from the due time of the clock that made them, so a
catch-up after downtime runs the whole chain in order.

Kinds:
  sign_for -> reminder to the assignee, then sign_for_escalate -> station head
  first_contact -> reminder, then first_contact_escalate -> station head
  resolution -> 督办 to the station head, then resolution_escalate -> district centre
  survey (24 h after closure), survey_reminder (48 h), survey_visit (72 h: visit task)
  agreement_check (7 days after a mediated closure)
"""

from __future__ import annotations

import importlib
import logging
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar

from handlers import cases, routing
from handlers.context import Ctx
from storage import models as m
from storage.roster_schema import CalendarOverrides, DistrictSettings

log = logging.getLogger(__name__)

# Not (yet) in the roster schema: how long after the 督办 to the station head the centre hears of it.
RESOLUTION_CENTRE_AFTER = timedelta(days=1)

WORK_CLOCKS = (
    "sign_for", "sign_for_escalate", "first_contact", "first_contact_escalate",
    "resolution", "resolution_escalate",
)
SURVEY_CLOCKS = ("survey", "survey_reminder", "survey_visit")
FOLLOWUP_CLOCKS = (*SURVEY_CLOCKS, "agreement_check")


# --------------------------------------------------------------------------- due-time math


_warned_years: set[int] = set()


def is_workday(day: date, overrides: CalendarOverrides | None = None) -> bool:
    """The Chinese calendar with its shifted working days; the roster's ``settings.calendar``
    wins; outside the package's years, Monday to Friday (with one warning per year)."""
    if overrides is not None:
        if day in overrides.holidays:
            return False
        if day in overrides.workdays:
            return True
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            log.warning("chinese_calendar has no data for %s; counting Monday to Friday unless the "
                        "roster's settings.calendar lists the holidays", day.year)
        return day.weekday() < 5


def add_working_days(start: date, n: int, overrides: CalendarOverrides | None = None) -> date:
    """The n-th working day after ``start`` (``start`` itself does not count)."""
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_workday(day, overrides):
            counted += 1
    return day


def sign_for_after(settings: DistrictSettings, urgency: str) -> timedelta:
    sign_for = settings.clocks.sign_for
    return {"emergency": sign_for.emergency, "high": sign_for.high}.get(urgency, sign_for.normal)


def resolution_due(case: m.Case, settings: DistrictSettings, tz: ZoneInfo, start: datetime) -> datetime:
    """Labour mediation: 15 calendar days; complex: 15 working days; else 7 working days.

    A working-day deadline ends at midnight (local time) after the last working day counted.
    """
    clocks = settings.clocks
    if case.category == "labor":
        return start + timedelta(days=clocks.resolution_labor_days)
    days = clocks.resolution_complex_working_days if case.complex else clocks.resolution_working_days
    last = add_working_days(start.astimezone(tz).date(), days, settings.calendar)
    return datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(start.tzinfo)


# --------------------------------------------------------------------------- scheduling


def schedule(ctx: Ctx, case: m.Case, kind: str, due: datetime, **data: Any) -> None:
    ctx.uow.clocks.add(m.Clock(case_id=case.id, kind=kind, due_at=due, state="pending", data=data,
                               created_at=ctx.now))


async def cancel(ctx: Ctx, case: m.Case, kinds: tuple[str, ...]) -> None:
    await ctx.uow.clocks.cancel_for_case(case.id, kinds, ctx.now)


def schedule_sign_for(ctx: Ctx, case: m.Case) -> None:
    due = ctx.now + sign_for_after(ctx.settings, case.urgency)
    case.sign_for_due = due
    schedule(ctx, case, "sign_for", due, assignee=case.assignee_id)


def schedule_resolution(ctx: Ctx, case: m.Case) -> None:
    due = resolution_due(case, ctx.settings, ctx.tz, ctx.now)
    case.resolution_due = due
    schedule(ctx, case, "resolution", due)


def schedule_followup(ctx: Ctx, case: m.Case) -> None:
    """At closure: the survey, its reminder and the visit task; the agreement check if mediated."""
    c = ctx.settings.clocks
    rnd = case.reopen_count
    schedule(ctx, case, "survey", ctx.now + c.survey_after, round=rnd)
    schedule(ctx, case, "survey_reminder", ctx.now + c.survey_reminder_after, round=rnd)
    schedule(ctx, case, "survey_visit", ctx.now + c.survey_visit_after, round=rnd)
    if case.outcome == "mediated":
        schedule(ctx, case, "agreement_check", ctx.now + c.agreement_check_after, round=rnd)


# --------------------------------------------------------------------------- clock actions


# Clocks about a chat rather than a case: kind -> "module:function", imported when one falls due.
CHAT_CLOCKS = {"danger_question": "handlers.danger:run_clock"}


async def run(ctx: Ctx, clock: m.Clock) -> None:
    """Run one due clock; each action re-checks the case, so a stale clock does nothing."""
    if clock.case_id is None and clock.kind in CHAT_CLOCKS:
        module, _, name = CHAT_CLOCKS[clock.kind].partition(":")
        await getattr(importlib.import_module(module), name)(ctx, clock)
        return
    case = await ctx.uow.cases.get(clock.case_id, lock=True) if clock.case_id else None
    if case is None:
        log.warning("clock %s (%s) has no case; skipped", clock.id, clock.kind)
        return
    action = _ACTIONS.get(clock.kind)
    if action is None:
        log.error("unknown clock kind %r", clock.kind)
        return
    await action(ctx, case, clock)


async def _sign_for(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.state not in ("assigned", "reopened"):
        return
    assignee = await cases.assignee_or_head(ctx, case)
    if assignee is not None:
        ctx.to_staff(assignee, "clock.sign_for_reminder", case, cases.assignment_buttons(case, assignee.locale),
                     number=case.number)
    cases.record(ctx, case, "system", "reminded", kind="sign_for")
    schedule(ctx, case, "sign_for_escalate", clock.due_at + ctx.settings.clocks.escalate_after)


async def _sign_for_escalate(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.state not in ("assigned", "reopened"):
        return
    await _escalate(ctx, case, "station_head", "clock.sign_for_escalated")


async def _first_contact(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.first_contact_at is not None or case.state not in ("accepted", "in_progress"):
        return
    assignee = await cases.assignee_or_head(ctx, case)
    if assignee is not None:
        ctx.to_staff(assignee, "clock.first_contact_reminder", case, cases.work_buttons(case, assignee.locale),
                     number=case.number)
    cases.record(ctx, case, "system", "reminded", kind="first_contact")
    schedule(ctx, case, "first_contact_escalate", clock.due_at + ctx.settings.clocks.escalate_after)


async def _first_contact_escalate(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.first_contact_at is not None or case.state not in ("accepted", "in_progress"):
        return
    await _escalate(ctx, case, "station_head", "clock.first_contact_escalated")


async def _resolution(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.state not in cases.OPEN_STATES:
        return
    await _escalate(ctx, case, "station_head", "clock.resolution_overdue")
    schedule(ctx, case, "resolution_escalate", clock.due_at + RESOLUTION_CENTRE_AFTER)


async def _resolution_escalate(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.state not in cases.OPEN_STATES:
        return
    await _escalate(ctx, case, "centre", "clock.resolution_overdue_centre")


async def _escalate(ctx: Ctx, case: m.Case, who: str, key: str) -> None:
    staff = await routing.role_staff(ctx.uow, who, case)
    if staff is None and who == "station_head":
        staff = await routing.centre(ctx.uow)
    if staff is not None and staff.id == case.assignee_id:
        # The holder is whom we would escalate to (a station head's own case): 督办 to oneself
        # only repeats the reminder, so it goes one level up, to the centre, or to nobody.
        above = await routing.centre(ctx.uow) if who == "station_head" else None
        staff = above if above is not None and above.id != case.assignee_id else None
    holder = await cases.holder_name(ctx, case)
    if staff is not None:
        ctx.to_staff(staff, key, case, cases.supervise_buttons(case, staff.locale),
                     number=case.number, category=cases.category_label(case.category, staff.locale),
                     holder=holder, due=ctx.when(case.resolution_due, staff.locale))
    cases.record(ctx, case, "system", "escalated", to=staff.id if staff else None, kind=key)


def _survey_open(case: m.Case, clock: m.Clock) -> bool:
    return (
        case.state == "closed"
        and case.satisfaction is None
        and clock.data.get("round", case.reopen_count) == case.reopen_count
    )


async def _survey(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if not _survey_open(case, clock):
        return
    resident = await ctx.uow.residents.get(case.resident_id)
    if resident is not None:
        key = "survey.ask" if clock.kind == "survey" else "survey.reminder"
        ctx.to_resident(resident, key, case, cases.survey_buttons(case, resident.locale), number=case.number)
    cases.record(ctx, case, "system", "survey_sent" if clock.kind == "survey" else "survey_reminded")
    if clock.kind == "survey":
        await _keep_after_survey(ctx, case, clock)


#: The clocks a survey that went out late moves (``_keep_after_survey``).
SURVEY_FOLLOW_UPS = ("survey_reminder", "survey_visit")


async def _keep_after_survey(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    """A survey that goes out late moves its reminder and visit task by as much.

    Why: both were scheduled at closure, as times after it. A survey that ran late (the process
    was down, or busy) would otherwise be followed by its reminder at once, before the resident
    could answer, and the visit task right after: the resident is given the same time to answer
    as if the survey had gone out on time."""
    late = ctx.now - clock.due_at
    if late <= timedelta(0):
        return
    for later in await ctx.uow.clocks.pending_for_case(case.id, SURVEY_FOLLOW_UPS):
        if later.data.get("round") == clock.data.get("round"):
            later.due_at = later.due_at + late


async def _survey_visit(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if not _survey_open(case, clock):
        return
    worker = await routing.grid_worker(ctx.uow, case.micro_grid_id, case.grid_id)
    if worker is None:
        worker = await cases.assignee_or_head(ctx, case)
    resident = await ctx.uow.residents.get(case.resident_id)
    if worker is not None:
        ctx.to_staff(worker, "survey.visit_task", case, number=case.number,
                     where=await cases.address(ctx, resident), phone=(resident.phone if resident else None) or "—")
    cases.record(ctx, case, "system", "visit_task", to=worker.id if worker else None)


async def _agreement_check(ctx: Ctx, case: m.Case, clock: m.Clock) -> None:
    if case.state not in ("closed", "settled") or case.outcome != "mediated":
        return
    if clock.data.get("round", case.reopen_count) != case.reopen_count:
        return
    resident = await ctx.uow.residents.get(case.resident_id)
    if resident is not None:
        ctx.to_resident(resident, "agreement.ask", case, cases.agreement_buttons(case, resident.locale),
                        number=case.number)
    cases.record(ctx, case, "system", "agreement_check_sent")


_ACTIONS = {
    "sign_for": _sign_for,
    "sign_for_escalate": _sign_for_escalate,
    "first_contact": _first_contact,
    "first_contact_escalate": _first_contact_escalate,
    "resolution": _resolution,
    "resolution_escalate": _resolution_escalate,
    "survey": _survey,
    "survey_reminder": _survey,
    "survey_visit": _survey_visit,
    "agreement_check": _agreement_check,
}
