"""The staff's case buttons: one registry entry per button (code, label, states, who, handler,
text prompt), from which the button sets, the permission check of every press and /help come.

To add a button: one ``Action`` in ``STAFF`` (with the menus it appears in) and its messages.
"""

from __future__ import annotations

from handlers import cases, history, routing
from handlers.actions import Action, Actions, payload
from handlers.context import Buttons, ConvState, Ctx, rows
from handlers.messages import Button
from storage import models as m
from vocab import CATEGORIES, OPEN_STATES

_WORK = ("accepted", "in_progress", "referred")
_ACTIVE = ("assigned", "accepted", "in_progress", "reopened", "referred")
MAX_NOTE_CHARS = 1000
Args = tuple[str, ...]


async def _accept(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    await cases.accept(ctx, staff, case)


async def _contacted(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    if case.first_contact_at is not None:
        ctx.say("staff.contact_already", number=case.number)
        return
    await cases.record_contact(ctx, staff, case, "button")
    ctx.say("staff.contact_recorded", number=case.number)


def ask_text(ctx: Ctx, conv: ConvState, code: str, case: m.Case, **params: object) -> None:
    """An action whose work needs a text: its prompt, and the conversation waits for the text
    (handed to the action's ``on_text``)."""
    action = STAFF.by_code[code]
    assert action.prompt is not None
    conv.reset("await_text")
    conv.data.action, conv.data.case_id = code, case.id
    ctx.say(action.prompt, number=case.number, **params)


async def _ask_progress(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    ask_text(ctx, conv, "prog", case)


async def _save_progress(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, text: str) -> None:
    note = await cases.add_progress(ctx, staff, case, text)
    # The case's own buttons stay under the note: not telling the resident must not strand the case.
    ctx.say("staff.progress_saved", (*rows(Button(ctx.tr("btn.tell_resident"), payload(case, "tell", note.id))),
                                     *_view_buttons(staff, case, ctx.locale)), number=case.number)


async def _tell(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    notes = [n for n in await ctx.uow.cases.notes(case.id) if args and str(n.id) == args[0]]
    if not notes or notes[0].kind != "progress":
        ctx.say("flow.button_stale")
        return
    if notes[0].visible_to_resident:
        ctx.say("staff.already_told")
        return
    await cases.tell_resident(ctx, staff, case, notes[0])
    ctx.say("staff.told", _view_buttons(staff, case, ctx.locale))


async def _recategorize(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    if not args:
        ctx.say("staff.pick_category", cases.category_buttons(case, ctx.locale), number=case.number)
        return
    if args[0] not in CATEGORIES or args[0] == case.category:
        ctx.say("flow.button_stale")
        return
    old = case.category
    await cases.correct_category(ctx, staff, case, args[0])
    ctx.say("staff.recategorized", number=case.number, old=cases.category_label(old, ctx.locale),
            new=cases.category_label(args[0], ctx.locale))


async def _close(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    ctx.say("staff.pick_outcome", cases.outcome_buttons(case, ctx.locale), number=case.number)


async def _outcome(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    outcome = cases.OUTCOME_CODES.get(args[0] if args else "")
    if outcome is None:
        ctx.say("flow.button_stale")
        return
    ask_text(ctx, conv, "out", case, outcome=cases.outcome_label(outcome, ctx.locale))
    conv.data.outcome = outcome


async def _save_summary(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, text: str) -> None:
    outcome = conv.data.outcome or "explained"
    await cases.close(ctx, staff, case, outcome, text)
    ctx.say("staff.closed", number=case.number, outcome=cases.outcome_label(outcome, ctx.locale))


async def _assist(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    head = await routing.station_head(ctx.uow, case.community_id) or await routing.centre(ctx.uow)
    cases.record(ctx, case, f"staff:{staff.id}", "assist_requested")
    if head is None or head.id == staff.id:
        head = await routing.centre(ctx.uow)
    if head is not None:
        ctx.to_staff(head, "staff.assist_request", case, menu("supervise", case, head.locale),
                     number=case.number, who=cases.staff_label(staff, head.locale))
    ctx.say("staff.assist_sent", number=case.number)


async def _transfer(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    candidates = await candidates_for(ctx, case)
    buttons = [Button(cases.staff_label(s, ctx.locale), payload(case, "to", s.id))
               for s in candidates if s.id != case.assignee_id and len(payload(case, "to", s.id).encode()) <= 64]
    ctx.say("staff.pick_assignee", rows(*buttons, per_row=2), number=case.number)


async def candidates_for(ctx: Ctx, case: m.Case) -> list[m.Staff]:
    """Who a case may go to: the station's people, the rooms' first mediators, the centre."""
    found: list[m.Staff] = []
    for role in ("grid_worker", "police", "station_head", "mediator", "lawyer"):
        found += list(await ctx.uow.roster.staff_in(case.community_id, role)) if case.community_id else []
    for room in await ctx.uow.roster.rooms():
        first = await ctx.uow.roster.staff(room.members[0]) if room.members else None
        if first is not None and first.active:
            found.append(first)
    centre = await routing.centre(ctx.uow)
    if centre is not None:
        found.append(centre)
    unique: dict[str, m.Staff] = {}
    for s in found:
        unique.setdefault(s.id, s)
    return list(unique.values())


async def _transfer_to(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    new = await ctx.uow.roster.staff(args[0]) if args else None
    if new is None or not new.active or new.id not in {s.id for s in await candidates_for(ctx, case)}:
        ctx.say("flow.button_stale")
        return
    if new.id == case.assignee_id:
        ctx.say("staff.already_holder", number=case.number)
        return
    await cases.reassign(ctx, staff, case, new)
    ctx.say("staff.reassigned", number=case.number, new=cases.staff_label(new, ctx.locale))


async def _view(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: Args) -> None:
    await view(ctx, staff, case, everything=args[:1] == ("all",))


async def view(ctx: Ctx, staff: m.Staff, case: m.Case, *, everything: bool = False) -> None:
    """The case as staff see it, with the buttons this reader may press now."""
    resident = await ctx.uow.residents.get(case.resident_id)
    visible = case.accepted_at is not None or case.state in ("closed", "settled")
    shown = case.text if visible else cases.mask(case.text)
    head = ctx.tr("staff.case_view", number=case.number, category=cases.category_label(case.category, ctx.locale),
                  urgency=cases.urgency_label(case.urgency, ctx.locale),
                  state=cases.state_label(case.state, ctx.locale), holder=await cases.holder_name(ctx, case),
                  text=shown, where=await cases.address(ctx, resident), due=ctx.when(case.resolution_due),
                  rule=f"{case.target} ({case.rule_id or '-'})",
                  parties=cases.parties(await cases.opened_facts(ctx, case), ctx.locale, masked=not visible))
    # Event notes hold the resident's additions: masked like the text until 签收.
    lines = await history.staff_lines(ctx, case, visible=visible)
    history.show(ctx, head, lines, _view_buttons(staff, case, ctx.locale), case, everything)


def _view_buttons(staff: m.Staff, case: m.Case, locale: str) -> Buttons:
    owner = staff.id == case.assignee_id
    if owner and case.state in ("assigned", "reopened"):
        return menu("assign", case, locale)
    if owner and case.state in _WORK:
        return menu("work", case, locale)
    return menu("other", case, locale) if case.state in OPEN_STATES else ()


# Registry order is button order within each menu.
STAFF = Actions(
    Action("acc", _accept, "btn.accept", ("assigned", "reopened"), menus=("assign",)),
    Action("con", _contacted, "btn.contacted", _WORK, menus=("work",)),
    Action("prog", _ask_progress, "btn.progress", _WORK, menus=("work",), prompt="staff.ask_progress",
           on_text=_save_progress),
    Action("tell", _tell, None, OPEN_STATES),
    Action("cat", _recategorize, "btn.recategorize", _ACTIVE, menus=("work",)),
    Action("close", _close, "btn.close", _WORK, menus=("work",)),
    Action("out", _outcome, None, _WORK, prompt="staff.ask_summary", on_text=_save_summary),
    Action("v", _view, "btn.view", who="supervisor", menus=("supervise",)),
    Action("tr", _transfer, "btn.transfer", _ACTIVE, who="supervisor", menus=("assign", "work", "supervise", "other")),
    Action("to", _transfer_to, None, _ACTIVE, who="supervisor"),
    Action("help", _assist, "btn.assist", _ACTIVE, menus=("assign",)),
)


def menu(name: str, case: m.Case, locale: str | None) -> Buttons:
    return STAFF.menu(name, case, locale)


def may_supervise(staff: m.Staff, case: m.Case) -> bool:
    if staff.id == case.assignee_id:
        return True
    if staff.role == "station_head" and staff.community_id == case.community_id:
        return True
    return staff.role in ("centre", "admin") and staff.department_id is None


def refusal(staff: m.Staff, case: m.Case, code: str) -> tuple[str, dict[str, object]] | None:
    """Why this staff member may not do ``code`` to this case now (a message id), or None."""
    action = STAFF.get(code)
    if action is None:
        return "flow.button_stale", {}
    owner = staff.id == case.assignee_id
    if not (may_supervise(staff, case) if action.who == "supervisor" else owner):
        return "staff.not_yours", {"number": case.number}
    if case.state not in action.states:
        if code == "acc" and owner and case.state in ("accepted", "in_progress"):
            return "staff.already_accepted", {"number": case.number}
        return "staff.wrong_state", {"number": case.number, "state": cases.state_label(case.state, staff.locale)}
    return None
