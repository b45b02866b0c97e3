"""A resident's own cases: /mycases, /case, the case view and withdrawing a case."""

from __future__ import annotations

from handlers import cases, history
from handlers.actions import payload
from handlers.cases import category_label
from handlers.context import Ctx, rows
from handlers.messages import Button
from handlers.turn import Turn
from storage import models as m
from vocab import OPEN_STATES

LISTED = 10


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
    if not arg:  # usage, then the cases it could name
        mine = await turn.ctx.uow.cases.of_resident(turn.resident.id) if turn.resident.id else []
        turn.ctx.say("resident.case_usage", example=mine[0].number if mine else cases.sample_number(turn.ctx))
        await my_cases(turn)
        return
    case = await _find_own(turn.ctx, turn.resident, arg)
    if case is None:
        turn.ctx.say("resident.case_not_found", ref=arg)
        return
    await view(turn, case)


async def view(turn: Turn, case: m.Case, args: tuple[str, ...] = ()) -> None:
    ctx = turn.ctx
    buttons = rows(Button(ctx.tr("btn.withdraw"), payload(case, "wd"))) if case.state in OPEN_STATES else ()
    head = ctx.tr("resident.case_view", number=case.number, category=category_label(case.category, ctx.locale),
                  state=cases.state_label(case.state, ctx.locale), holder=await cases.holder_name(ctx, case),
                  due=ctx.when(case.resolution_due), outcome=cases.outcome_label(case.outcome, ctx.locale))
    history.show(ctx, head, await history.resident_lines(ctx, case), buttons, case, args[:1] == ("all",))


async def ask_withdraw(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    """One tap must not end a case: the question first, with the case's own buttons."""
    ctx = turn.ctx
    ctx.say("resident.withdraw_ask", rows(Button(ctx.tr("btn.withdraw_confirm"), payload(case, "wdy")),
                                          Button(ctx.tr("btn.withdraw_keep"), payload(case, "wdn"))),
            number=case.number)


async def keep(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    turn.ctx.say("resident.withdraw_kept", number=case.number)


async def withdraw(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    ctx = turn.ctx
    await cases.withdraw(ctx, case)
    ctx.say("resident.withdrawn", number=case.number)
