"""A resident's own cases: /mycases, /case, the case view and withdrawing a case."""

from __future__ import annotations

from handlers import cases, history
from handlers.actions import payload
from handlers.cases import category_label
from handlers.context import rows
from handlers.messages import Button
from handlers.turn import Turn
from storage import models as m
from vocab import OPEN_STATES

LISTED = 10


async def my_cases(turn: Turn, arg: str = "") -> None:
    """The newest ``LISTED`` cases; ``/mycases 2`` the ten before them, and so on."""
    ctx = turn.ctx
    arg = arg.strip()
    page = int(arg) if arg.isascii() and arg.isdigit() and 0 < len(arg) <= 6 else 1
    total = await ctx.uow.cases.count_of_resident(turn.resident.id) if turn.resident.id else 0
    if not total:
        ctx.say("resident.no_cases")
        return
    pages = -(-total // LISTED)
    if page > pages:
        ctx.say("resident.my_cases_no_page", page=page, pages=pages)
        return
    mine = await ctx.uow.cases.of_resident_page(turn.resident.id, (page - 1) * LISTED, LISTED)
    lines = [ctx.tr("resident.case_line", number=c.number, category=category_label(c.category, ctx.locale),
                    state=cases.state_label(c.state, ctx.locale)) for c in mine]
    head = ctx.tr("resident.my_cases") if pages == 1 else ctx.tr("resident.my_cases_page", page=page, pages=pages)
    if page < pages:
        lines.append(ctx.tr("resident.my_cases_next", page=page + 1))
    buttons = rows(*(Button(c.number, payload(c, "v")) for c in mine), per_row=2)
    ctx.reply(head + "\n" + "\n".join(lines), buttons)


async def show_case(turn: Turn, arg: str) -> None:
    if not arg:  # usage, then the cases it could name
        newest = await turn.ctx.uow.cases.of_resident_page(turn.resident.id, 0, 1) if turn.resident.id else []
        turn.ctx.say("resident.case_usage", example=newest[0].number if newest else cases.sample_number(turn.ctx))
        await my_cases(turn)
        return
    case = await turn.ctx.uow.cases.own(turn.resident.id, arg) if turn.resident.id else None
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
