"""Case lifecycle: states, transitions, permissions, and the messages each step sends.

Why one module: every rule about who may do what to a case, in which state, lives here, and
every change writes its ``case_event`` row here, so the audit log cannot be forgotten by a flow.
Who may press which button is the role's action registry (``staff_actions``, ``resident_actions``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from handlers import clocks, routing, staff_actions
from handlers.actions import payload
from handlers.context import Buttons, Ctx, mask, rows
from handlers.convdata import Draft
from handlers.messages import Button
from i18n import MESSAGES, t
from storage import models as m
from vocab import CATEGORIES, OPEN_STATES, REAL_RESOLUTIONS

__all__ = ["OPEN_STATES", "REAL_RESOLUTIONS", "mask", "payload"]  # re-exported for older importers

log = logging.getLogger(__name__)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned", "referred", "withdrawn"),
    "assigned": ("accepted", "assigned", "withdrawn"),
    "accepted": ("in_progress", "closed", "assigned", "withdrawn"),
    "in_progress": ("in_progress", "closed", "assigned", "withdrawn"),
    "referred": ("in_progress", "closed", "assigned", "withdrawn"),
    "closed": ("settled", "reopened"),
    "settled": ("reopened",),
    "reopened": ("accepted", "assigned", "withdrawn"),
    "withdrawn": (),
}

# Outcome codes in button payloads -> the stored outcome (DESIGN.md).
OUTCOME_CODES = {
    "med": "mediated",
    "exp": "explained",
    "court": "referred_court",
    "dept": "referred_dept",
    "not": "not_ours",
}


class InvalidTransition(Exception):
    """A programming error: a flow asked for a transition the table does not allow."""


@dataclass(frozen=True)
class Press:
    case_id: int
    action: str
    args: tuple[str, ...]


# --------------------------------------------------------------------------- payloads, labels


MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER


def is_id(text: str) -> bool:
    """ASCII digits that fit a database integer: ``str.isdigit`` also takes '²' and '٣', and a
    forged 30-digit number overflows the driver; both used to crash the update."""
    return 0 < len(text) <= 10 and text.isascii() and text.isdigit() and int(text) <= MAX_ID


def parse(data: str) -> Press | None:
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != "c" or not is_id(parts[1]):
        return None
    return Press(int(parts[1]), parts[2], tuple(parts[3:]))


def category_label(category: str, locale: str | None) -> str:
    return t(f"case.cat.{category}", locale) if category in CATEGORIES else category


def state_label(state: str, locale: str | None) -> str:
    return t(f"case.state.{state}", locale)


def outcome_label(outcome: str | None, locale: str | None) -> str:
    return t(f"case.outcome.{outcome}", locale) if outcome else "—"


def urgency_label(urgency: str, locale: str | None) -> str:
    return t(f"case.urgency.{urgency}", locale)


def staff_label(staff: m.Staff, locale: str | None) -> str:
    return t("staff.label", locale, name=staff.name, role=t(f"staff.role.{staff.role}", locale))


async def holder_name(ctx: Ctx, case: m.Case, locale: str | None = None) -> str:
    """Who holds the case, as the resident reads it: a room by its name, a person by name and role."""
    locale = locale or ctx.locale
    parts: list[str] = []
    if case.room_id and (room := await ctx.uow.roster.room(case.room_id)):
        parts.append(room.name)
    if case.department_id and (dept := await ctx.uow.roster.department(case.department_id)):
        parts.append(dept.name)
    if case.assignee_id and (staff := await ctx.uow.roster.staff(case.assignee_id)):
        parts.append(staff_label(staff, locale))
    return " · ".join(parts) or "—"


async def address(ctx: Ctx, resident: m.Resident | None) -> str:
    """Community, micro-grid and building, as far as the resident told us."""
    if resident is None:
        return "—"
    parts: list[str] = []
    if resident.community_id and (community := await ctx.uow.roster.community(resident.community_id)):
        parts.append(community.name)
    if resident.micro_grid_id and (micro := await ctx.uow.roster.micro_grid(resident.micro_grid_id)):
        parts.append(micro.name)
    if resident.building:
        parts.append(resident.building)
    return " ".join(parts) or "—"


# --------------------------------------------------------------------------- buttons


def assignment_buttons(case: m.Case, locale: str | None) -> Buttons:
    return staff_actions.menu("assign", case, locale)


def work_buttons(case: m.Case, locale: str | None) -> Buttons:
    return staff_actions.menu("work", case, locale)


def supervise_buttons(case: m.Case, locale: str | None) -> Buttons:
    return staff_actions.menu("supervise", case, locale)


def outcome_buttons(case: m.Case, locale: str | None) -> Buttons:
    return rows(*(Button(t(f"btn.outcome.{code}", locale), payload(case, "out", code)) for code in OUTCOME_CODES),
                per_row=2)


def category_buttons(case: m.Case, locale: str | None) -> Buttons:
    return rows(*(Button(category_label(c, locale), payload(case, "cat", c)) for c in CATEGORIES if c != case.category))


def survey_buttons(case: m.Case, locale: str | None) -> Buttons:
    rnd = case.reopen_count
    return rows(
        Button(t("btn.satisfied", locale), payload(case, "sv", "s", rnd)),
        Button(t("btn.basic", locale), payload(case, "sv", "b", rnd)),
        Button(t("btn.unsatisfied", locale), payload(case, "sv", "u", rnd)),
    )


def agreement_buttons(case: m.Case, locale: str | None) -> Buttons:
    rnd = case.reopen_count
    return rows(
        Button(t("btn.agreement_kept", locale), payload(case, "ag", "y", rnd)),
        Button(t("btn.agreement_broken", locale), payload(case, "ag", "n", rnd)),
    )


# --------------------------------------------------------------------------- events, permissions


def transition(ctx: Ctx, case: m.Case, to: str, actor: str, action: str, note: str | None = None,
               **data: Any) -> None:
    if to not in TRANSITIONS.get(case.state, ()):
        raise InvalidTransition(f"{case.number}: {case.state} -> {to} ({action})")
    ctx.uow.cases.add(m.CaseEvent(case_id=case.id, at=ctx.now, actor=actor, action=action,
                                  from_state=case.state, to_state=to, note=note, data=data))
    case.state = to


def record(ctx: Ctx, case: m.Case, actor: str, action: str, note: str | None = None, **data: Any) -> None:
    """An event without a change of state (a reminder, a note, an escalation)."""
    ctx.uow.cases.add(m.CaseEvent(case_id=case.id, at=ctx.now, actor=actor, action=action,
                                  from_state=case.state, to_state=case.state, note=note, data=data))


async def assignee_or_head(ctx: Ctx, case: m.Case) -> m.Staff | None:
    """The assignee; if the roster no longer lists them, the station head (then the centre)."""
    staff = await ctx.uow.roster.staff(case.assignee_id) if case.assignee_id else None
    if staff is not None and staff.active:
        return staff
    if staff is not None:
        log.warning("case %s: assignee %s is no longer active; telling the station head", case.number, staff.id)
    return await routing.station_head(ctx.uow, case.community_id) or await routing.centre(ctx.uow)


# --------------------------------------------------------------------------- opening and routing


async def open_case(ctx: Ctx, resident: m.Resident, draft: Draft, decision: routing.Decision) -> m.Case:
    """Create the case with its number, apply the routing decision, start the clocks."""
    day = ctx.local(ctx.now).strftime("%Y%m%d")
    number = await ctx.uow.cases.next_number(ctx.district.case_prefix, day)
    case = m.Case(
        number=number, resident_id=resident.id, district_id=ctx.district.id,
        community_id=resident.community_id, grid_id=resident.grid_id, micro_grid_id=resident.micro_grid_id,
        text=draft.text, category=draft.category, urgency=draft.urgency,
        confidence=draft.confidence, flags=list(draft.flags),
        state="new", created_at=ctx.now, complex=decision.complex, reopen_count=0,
    )
    ctx.uow.cases.add(case)
    await ctx.uow.flush()
    facts = {k: v for k, v in (("numbers", draft.numbers), ("counterparty", draft.counterparty),
                                 ("ask", draft.ask)) if v}
    record(ctx, case, "resident", "opened", category=case.category, urgency=case.urgency, **facts)
    for file_id in draft.photos:
        ctx.uow.cases.add(m.CaseNote(case_id=case.id, at=ctx.now, author="resident", kind="photo", file_id=file_id))
    await apply_route(ctx, case, resident, decision, facts)
    return case


async def apply_route(ctx: Ctx, case: m.Case, resident: m.Resident, decision: routing.Decision,
                      facts: dict[str, Any] | None = None) -> None:
    case.target, case.rule_id = decision.target, decision.rule_id
    case.room_id = decision.room.id if decision.room else None
    case.department_id = decision.department.id if decision.department else None
    case.assignee_id = decision.assignee.id if decision.assignee else None
    case.assigned_at = ctx.now
    to = "referred" if decision.referred else "assigned"
    transition(ctx, case, to, "system", "routed", note=decision.fallback,
               target=decision.target, rule_id=decision.rule_id, assignee=case.assignee_id)
    clocks.schedule_resolution(ctx, case)
    if not decision.referred:
        clocks.schedule_sign_for(ctx, case)
    if decision.assignee is not None:
        buttons = (work_buttons(case, decision.assignee.locale) if decision.referred
                   else assignment_buttons(case, decision.assignee.locale))
        ctx.to_staff(decision.assignee, "staff.assignment", case, buttons,
                     **await _case_params(ctx, case, decision.assignee.locale, masked=True, facts=facts))
    for staff in decision.notify:
        ctx.to_staff(staff, "staff.notify", case, supervise_buttons(case, staff.locale),
                     **await _case_params(ctx, case, staff.locale, masked=True, facts=facts))


async def opened_facts(ctx: Ctx, case: m.Case) -> dict[str, Any]:
    """What the case's opening recorded beyond its columns: the numbers the resident was told to
    call, whom the complaint is about (``counterparty``) and what is asked (``ask``)."""
    for ev in await ctx.uow.cases.events(case.id):
        if ev.action == "opened":
            return dict(ev.data or {})
    return {}


def parties(facts: dict[str, Any], locale: str | None, *, masked: bool) -> str:
    """"\n对方：物业；诉求：退还押金" (either part alone when the other is unknown), or "" when neither is."""
    party_id, ask = facts.get("counterparty"), facts.get("ask")
    key = f"nlp.counterparty.{party_id}"
    party = (t(key, locale) if key in MESSAGES else str(party_id)) if party_id and party_id != "unknown" else None
    if ask and masked:
        ask = mask(ask)
    if party and ask:
        return "\n" + t("case.parties", locale, party=party, ask=ask)
    if party:
        return "\n" + t("case.party_only", locale, party=party)
    return "\n" + t("case.ask_only", locale, ask=ask) if ask else ""


async def _case_params(ctx: Ctx, case: m.Case, locale: str | None, *, masked: bool,
                       facts: dict[str, Any] | None = None) -> dict[str, object]:
    if facts is None:
        facts = await opened_facts(ctx, case)
    return {
        "parties": parties(facts, locale, masked=masked),
        "number": case.number,
        "category": category_label(case.category, locale),
        "urgency": urgency_label(case.urgency, locale),
        "text": mask(case.text) if masked else case.text,
        "holder": await holder_name(ctx, case, locale),
        "sign_by": ctx.when(case.sign_for_due, locale),
        "due": ctx.when(case.resolution_due, locale),
    }


# --------------------------------------------------------------------------- staff actions


async def accept(ctx: Ctx, staff: m.Staff, case: m.Case) -> None:
    """签收: the assignee now sees the resident's contact; the resident learns who and by when."""
    transition(ctx, case, "accepted", f"staff:{staff.id}", "accepted")
    case.accepted_at = ctx.now
    await clocks.cancel(ctx, case, ("sign_for", "sign_for_escalate"))
    contact_by = ctx.now + ctx.settings.clocks.first_contact
    if case.first_contact_at is None:
        clocks.schedule(ctx, case, "first_contact", contact_by)
    resident = await ctx.uow.residents.get(case.resident_id)
    ctx.say("staff.accepted", work_buttons(case, ctx.locale), number=case.number,
            text=case.text, name=(resident.display_name if resident else None) or "—",
            phone=ctx.tr("staff.phone", phone=resident.phone) if resident and resident.phone else ctx.tr("staff.no_phone"),
            where=await address(ctx, resident), contact_by=ctx.when(contact_by))
    if resident is not None:
        ctx.to_resident(resident, "resident.case_accepted", case, number=case.number,
                        holder=staff_label(staff, resident.locale), phone=staff.phone or "—",
                        contact_by=ctx.when(contact_by, resident.locale),
                        within=ctx.duration(ctx.settings.clocks.first_contact, resident.locale))


async def record_contact(ctx: Ctx, staff: m.Staff, case: m.Case, how: str) -> None:
    """First contact counts when the assignee presses 已联系 or records any progress."""
    if case.first_contact_at is None:
        case.first_contact_at = ctx.now
        await clocks.cancel(ctx, case, ("first_contact", "first_contact_escalate"))
        record(ctx, case, f"staff:{staff.id}", "first_contact", how=how)
    if case.state == "accepted":
        transition(ctx, case, "in_progress", f"staff:{staff.id}", "in_progress")


async def add_progress(ctx: Ctx, staff: m.Staff, case: m.Case, text: str) -> m.CaseNote:
    note = m.CaseNote(case_id=case.id, at=ctx.now, author=f"staff:{staff.id}", kind="progress", text=text,
                      visible_to_resident=False)
    ctx.uow.cases.add(note)
    await ctx.uow.flush()
    record(ctx, case, f"staff:{staff.id}", "progress", note=text, note_id=note.id)
    await record_contact(ctx, staff, case, "progress")
    return note


async def tell_resident(ctx: Ctx, staff: m.Staff, case: m.Case, note: m.CaseNote) -> None:
    note.visible_to_resident = True
    resident = await ctx.uow.residents.get(case.resident_id)
    if resident is not None:
        ctx.to_resident(resident, "resident.progress", case, number=case.number, text=note.text or "")
    record(ctx, case, f"staff:{staff.id}", "resident_told", note_id=note.id)


async def correct_category(ctx: Ctx, staff: m.Staff, case: m.Case, category: str) -> None:
    """Kept as a ``Correction``: a labelled example for retraining the classifier."""
    ctx.uow.cases.add(m.Correction(case_id=case.id, text=case.text, old_category=case.category,
                                   new_category=category, staff_id=staff.id, at=ctx.now))
    record(ctx, case, f"staff:{staff.id}", "recategorized", old=case.category, new=category)
    case.category = category


async def close(ctx: Ctx, staff: m.Staff, case: m.Case, outcome: str, summary: str) -> None:
    transition(ctx, case, "closed", f"staff:{staff.id}", "closed", note=summary, outcome=outcome)
    case.outcome, case.summary, case.closed_at = outcome, summary, ctx.now
    case.satisfaction = None
    await clocks.cancel(ctx, case, clocks.WORK_CLOCKS)
    clocks.schedule_followup(ctx, case)
    resident = await ctx.uow.residents.get(case.resident_id)
    if resident is not None:
        ctx.to_resident(resident, "resident.case_closed", case, number=case.number,
                        outcome=outcome_label(outcome, resident.locale), summary=summary,
                        after=ctx.duration(ctx.settings.clocks.survey_after, resident.locale))


async def reassign(ctx: Ctx, actor: m.Staff, case: m.Case, new: m.Staff) -> None:
    old_id = case.assignee_id
    transition(ctx, case, "assigned", f"staff:{actor.id}", "reassigned", old=old_id, new=new.id)
    case.assignee_id, case.assigned_at, case.accepted_at = new.id, ctx.now, None
    case.room_id = None
    await clocks.cancel(ctx, case, ("sign_for", "sign_for_escalate", "first_contact", "first_contact_escalate"))
    clocks.schedule_sign_for(ctx, case)
    ctx.to_staff(new, "staff.assignment", case, assignment_buttons(case, new.locale),
                 **await _case_params(ctx, case, new.locale, masked=True))
    old = await ctx.uow.roster.staff(old_id) if old_id else None
    if old is not None and old.id not in (actor.id, new.id) and old.active:
        ctx.to_staff(old, "staff.reassigned_away", case, number=case.number, new=staff_label(new, old.locale))
    resident = await ctx.uow.residents.get(case.resident_id)
    if resident is not None:  # told who has it now and by when they will call
        ctx.to_resident(resident, "resident.case_reassigned", case, number=case.number,
                        holder=await holder_name(ctx, case, resident.locale),
                        promise=promise(ctx, case.urgency, resident.locale))


async def reopen(ctx: Ctx, case: m.Case, actor: str, reason: str) -> None:
    """不满意 or an agreement not kept: back to the same handler, and the station head is told."""
    transition(ctx, case, "reopened", actor, "reopened", note=reason)
    case.reopen_count += 1
    case.outcome = None
    await clocks.cancel(ctx, case, clocks.FOLLOWUP_CLOCKS)
    clocks.schedule_sign_for(ctx, case)
    clocks.schedule_resolution(ctx, case)
    handler = await assignee_or_head(ctx, case)
    if handler is not None:
        ctx.to_staff(handler, "staff.reopened", case, assignment_buttons(case, handler.locale),
                     reason=t(f"reopen.{reason}", handler.locale),
                     **await _case_params(ctx, case, handler.locale, masked=False))
    head = await routing.station_head(ctx.uow, case.community_id) or await routing.centre(ctx.uow)
    if head is not None and (handler is None or head.id != handler.id):
        ctx.to_staff(head, "staff.reopened_head", case, supervise_buttons(case, head.locale),
                     reason=t(f"reopen.{reason}", head.locale), holder=await holder_name(ctx, case, head.locale),
                     number=case.number)


async def withdraw(ctx: Ctx, case: m.Case) -> None:
    transition(ctx, case, "withdrawn", "resident", "withdrawn")
    case.outcome, case.closed_at = "withdrawn", ctx.now
    await clocks.cancel(ctx, case, clocks.WORK_CLOCKS + clocks.FOLLOWUP_CLOCKS)
    staff = await ctx.uow.roster.staff(case.assignee_id) if case.assignee_id else None
    if staff is not None and staff.active:
        ctx.to_staff(staff, "staff.withdrawn", case, number=case.number)


async def emergency_numbers(ctx: Ctx, case: m.Case) -> list[str]:
    """The numbers the resident was told to call when the case was opened."""
    return list((await opened_facts(ctx, case)).get("numbers", []))


def sample_number(ctx: Ctx) -> str:
    """A case number as this district writes them, for usage lines."""
    return f"{ctx.district.case_prefix}{ctx.local(ctx.now):%Y%m%d}-0001"


def promise(ctx: Ctx, urgency: str, locale: str | None = None) -> str:
    """What the resident is promised from now: the two clocks that hold staff to it, named (the
    sign-for deadline, then the first contact counted from acceptance), so that every later
    message keeps the same promise."""
    locale = locale or ctx.locale
    return t("resident.promise", locale, sign_by=ctx.when(ctx.now + clocks.sign_for_after(ctx.settings, urgency), locale),
             within=ctx.duration(ctx.settings.clocks.first_contact, locale))


def is_overdue(case: m.Case, now: Any) -> bool:
    if case.state in ("assigned", "reopened") and case.sign_for_due and case.sign_for_due < now:
        return True
    return case.state in OPEN_STATES and case.resolution_due is not None and case.resolution_due < now
