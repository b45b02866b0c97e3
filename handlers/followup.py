"""The resident's answers after closure: the satisfaction survey (and its comment), and the
agreement check after a mediated closure.

States: a survey answer leads to ``survey_comment`` (``data.survey_case``): the next text is the
comment; anything else there is a new report.
"""

from __future__ import annotations

from handlers import cases, report
from handlers.context import Ctx
from handlers.turn import Turn
from storage import models as m

_ANSWERS = {"s": "satisfied", "b": "basic", "u": "unsatisfied"}


async def survey_answer(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    ctx = turn.ctx
    answer = _ANSWERS.get(args[0] if args else "")
    current = len(args) > 1 and args[1] == str(case.reopen_count)
    if answer is None or not current or case.state != "closed" or case.satisfaction is not None:
        ctx.say("resident.survey_stale", number=case.number)
        return
    case.satisfaction = answer
    from handlers import clocks  # local: clocks imports this module's neighbours

    await clocks.cancel(ctx, case, clocks.SURVEY_CLOCKS)
    if answer == "unsatisfied":
        cases.record(ctx, case, "resident", "survey_answered", answer=answer)
        await cases.reopen(ctx, case, "resident", "unsatisfied")
        ctx.say("resident.survey_reopened", number=case.number)
    else:
        cases.transition(ctx, case, "settled", "resident", "survey_answered", answer=answer)
        ctx.say("resident.survey_thanks")
    turn.conv.reset("survey_comment")
    turn.data.survey_case = case.id


async def survey_comment(turn: Turn) -> None:
    ctx, body = turn.ctx, turn.text
    case_id = turn.data.survey_case
    turn.conv.state, turn.data.survey_case = "idle", None
    case = await ctx.uow.cases.get(case_id) if case_id else None
    if case is None or case.resident_id != turn.resident.id:
        await report.submit(turn, body, report.photos_of(turn))
        return
    case.satisfaction_comment = body
    cases.record(ctx, case, "resident", "survey_comment", note=body)
    if case.state == "reopened":
        holder = await cases.assignee_or_head(ctx, case)
        if holder is not None:
            ctx.to_staff(holder, "staff.survey_comment", case, number=case.number, text=body)
    ctx.say("resident.comment_saved")


async def agreement_answer(turn: Turn, case: m.Case, args: tuple[str, ...]) -> None:
    ctx = turn.ctx
    if not await _agreement_open(ctx, case, args):
        ctx.say("resident.survey_stale", number=case.number)
        return
    cases.record(ctx, case, "resident", "agreement_answered", kept=args[0] == "y", round=case.reopen_count)
    if args[0] == "y":
        ctx.say("resident.agreement_thanks")
    else:
        await cases.reopen(ctx, case, "resident", "agreement_broken")
        ctx.say("resident.agreement_reopened", number=case.number)


async def _agreement_open(ctx: Ctx, case: m.Case, args: tuple[str, ...]) -> bool:
    """The question of this round, not answered yet, on a mediated closure."""
    current = len(args) > 1 and args[1] == str(case.reopen_count)
    if not args or args[0] not in ("y", "n") or not current or case.state not in ("closed", "settled") \
            or case.outcome != "mediated":
        return False
    return not [e for e in await ctx.uow.cases.events(case.id)
                if e.action == "agreement_answered" and e.data.get("round") == case.reopen_count]
