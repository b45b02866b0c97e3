"""A resident's own cases: /mycases, /case, the case view and withdrawing a case."""

from __future__ import annotations

from handlers import cases
from handlers.actions import payload
from handlers.cases import category_label
from handlers.context import Ctx, rows
from handlers.messages import Button
from handlers.turn import Turn
from storage import models as m
from vocab import OPEN_STATES

LISTED = 10
# Events the resident's history shows (the rest are staff bookkeeping).
_HISTORY = ("opened", "routed", "accepted", "in_progress", "first_contact", "closed", "reopened", "withdrawn",
            "reassigned", "survey_answered", "resident_told", "added")


async def my_cases(turn: Turn, arg: str = "") -> None:
    ctx = turn.ctx
    mine = await ctx.uow.cases.of_resident(turn.resident.id)
    if not mine:
        ctx.say("resident.no_cases")
        return
    lines = [ctx.tr("resident.case_line", number=c.number, category=category_label(c.category, ctx.locale),
                    state=cases.state_label(c.state, ctx.locale)) for c in mine[:LISTED]]
    buttons = rows(*(Button(c.number, payload(c, "v")) for c in mine[:LISTED]), per_row=2)
    ctx.reply(ctx.tr("resident.my_cases") + "\n" + "\n".join(lines), buttons)


async def _find_own(ctx: Ctx, resident: m.Resident, ref: str) -> m.Case | None:
    ref = ref.strip().upper()
    for c in await ctx.uow.cases.of_resident(resident.id):
        if ref and (c.number.upper() == ref or c.number.upper().endswith(ref) or str(c.id) == ref):
            return c
    return None


async def show_case(turn: Turn, arg: str) -> None:
    case = await _find_own(turn.ctx, turn.resident, arg) if arg else None
    if case is None:
        turn.ctx.say("resident.case_not_found", ref=arg or "?")
        return
    await view(turn, case)


async def view(turn: Turn, case: m.Case, args: tuple[str, ...] = ()) -> None:
    ctx = turn.ctx
    history = []
    for ev in await ctx.uow.cases.events(case.id):
        if ev.action in _HISTORY:
            history.append(f"· {ctx.when(ev.at)} {ctx.tr('resident.history.' + ev.action)}")
    for note in await ctx.uow.cases.notes(case.id):
        if note.kind == "progress" and note.visible_to_resident:
            history.append(f"· {ctx.when(note.at)} {note.text}")
    buttons = rows(Button(ctx.tr("btn.withdraw"), payload(case, "wd"))) if case.state in OPEN_STATES else ()
    ctx.reply(ctx.tr("resident.case_view", number=case.number, category=category_label(case.category, ctx.locale),
                     state=cases.state_label(case.state, ctx.locale), holder=await cases.holder_name(ctx, case),
                     due=ctx.when(case.resolution_due), outcome=cases.outcome_label(case.outcome, ctx.locale))
              + "\n" + "\n".join(history), buttons)


async def withdraw(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    ctx = turn.ctx
    await cases.withdraw(ctx, case)
    ctx.say("resident.withdrawn", number=case.number)
