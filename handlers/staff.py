"""The staff conversation: case buttons, progress notes, closure, queues.

Why separate from the resident flow: staff act on cases that are not theirs to own, so every
press goes through ``cases.refusal`` (role, ownership, state) before anything changes.
Staff conversation states: idle, await_progress (case_id), await_summary (case_id, outcome).
"""

from __future__ import annotations

import logging

from handlers import cases, routing
from handlers.context import ConvState, Ctx, rows
from handlers.figures import Period
from handlers.messages import Button, Incoming
from handlers.reporting import ReportRenderer, figures_text, scope_name
from storage import models as m
from storage.roster_schema import CATEGORIES

log = logging.getLogger(__name__)

MAX_NOTE_CHARS = 1000
QUEUE_LIMIT = 30


async def handle(ctx: Ctx, conv: ConvState, staff: m.Staff, inc: Incoming,
                 renderer: ReportRenderer | None = None) -> None:
    ctx.locale = staff.locale
    text = (inc.text or "").strip()
    if inc.payload:
        await _button(ctx, conv, staff, inc.payload)
    elif text.startswith("/"):
        await _command(ctx, conv, staff, text, renderer)
    elif text and conv.state in ("await_progress", "await_summary"):
        await _pending_text(ctx, conv, staff, text)
    elif text:
        ctx.say("staff.not_a_resident_flow")
    else:
        ctx.say("staff.unsupported")


def help_text(ctx: Ctx, staff: m.Staff) -> str:
    lines = [ctx.tr("staff.help", name=staff.name, role=ctx.tr(f"staff.role.{staff.role}"))]
    if staff.role == "station_head" or (staff.role in ("centre", "admin") and staff.department_id is None):
        lines.append(ctx.tr("staff.help_head"))
        lines.append(ctx.tr("jobs.help"))
    return "\n".join(lines)


async def _command(ctx: Ctx, conv: ConvState, staff: m.Staff, text: str,
                   renderer: ReportRenderer | None = None) -> None:
    command, _, arg = text.partition(" ")
    command = command.split("@")[0].lower()
    if command in ("/start", "/help"):
        ctx.reply(help_text(ctx, staff))
    elif command == "/mine":
        await _list(ctx, staff, await ctx.uow.cases.open_cases(assignee_id=staff.id), "staff.mine_title")
    elif command in ("/queue", "/overdue"):
        scope = _scope(staff)
        if scope is False:
            ctx.say("staff.head_only")
            return
        found = await ctx.uow.cases.open_cases(community_id=scope or None)
        if command == "/overdue":
            found = [c for c in found if cases.is_overdue(c, ctx.now)]
        await _list(ctx, staff, found, "staff.queue_title" if command == "/queue" else "staff.overdue_title")
    elif command == "/case":
        case = await _find(ctx, arg.strip())
        if case is None:
            ctx.say("staff.case_not_found", ref=arg.strip() or "?")
        elif cases.refusal(staff, case, "v") is not None:
            ctx.say("staff.not_yours", number=case.number)
        else:
            await _view(ctx, staff, case)
    elif command in ("/stats", "/report"):
        await _reports(ctx, staff, command, renderer)
    elif command == "/cancel":
        conv.state, conv.data = "idle", {}
        ctx.say("staff.cancelled")
    else:
        ctx.say("flow.unknown_command", command=command)


async def _reports(ctx: Ctx, staff: m.Staff, command: str, renderer: ReportRenderer | None) -> None:
    """``/stats``: this month's figures and the rates chart; ``/report``: this month's workbook.

    Why demo data is left out: station heads are judged on these numbers. An empty station gets
    zeros and a clear sentence (no chart: an empty chart says nothing the text does not).
    """
    scope = _scope(staff)
    if scope is False:
        ctx.say("jobs.head_only")
        return
    community_id = scope or None
    period = Period.month_of(ctx.now, ctx.tz)
    name = await scope_name(ctx.uow, community_id, ctx.locale)
    if command == "/stats":
        text, figures = await figures_text(ctx.uow, community_id, period, ctx.now,
                                           ctx.tr("jobs.stats_title", name=name), ctx.locale)
        ctx.reply(text)
        if figures.empty:
            return
    if renderer is None:
        ctx.say("jobs.unavailable")
        return
    render, caption = ((renderer.chart, "jobs.chart_caption") if command == "/stats"
                       else (renderer.workbook, "jobs.workbook_caption"))
    path = await render(ctx.uow, community_id, period, ctx.now, ctx.locale)
    if path is None:
        ctx.say("jobs.render_failed")
        return
    ctx.reply(ctx.tr(caption, name=name, period=period.label), document=path)


def _scope(staff: m.Staff) -> str | None | bool:
    """The community a station head sees, None for the centre (all), False for everyone else."""
    if staff.role == "station_head" and staff.community_id:
        return staff.community_id
    if staff.role in ("centre", "admin") and staff.department_id is None:
        return None
    return False


async def _find(ctx: Ctx, ref: str) -> m.Case | None:
    if not ref:
        return None
    if cases.is_id(ref):
        return await ctx.uow.cases.get(int(ref))
    return await ctx.uow.cases.by_number(ref.upper())


async def _list(ctx: Ctx, staff: m.Staff, found: list[m.Case] | tuple[m.Case, ...], title: str) -> None:
    if not found:
        ctx.say("staff.queue_empty")
        return
    lines = [ctx.tr(title, count=len(found))]
    for case in list(found)[:QUEUE_LIMIT]:
        mark = "⚠️ " if cases.is_overdue(case, ctx.now) else ""
        lines.append(ctx.tr("staff.queue_line", mark=mark, number=case.number,
                            category=cases.category_label(case.category, ctx.locale),
                            state=cases.state_label(case.state, ctx.locale),
                            holder=await cases.holder_name(ctx, case), due=ctx.when(case.resolution_due)))
    buttons = rows(*(Button(c.number, cases.payload(c, "v")) for c in list(found)[:10]), per_row=2)
    ctx.reply("\n".join(lines), buttons)


async def _view(ctx: Ctx, staff: m.Staff, case: m.Case) -> None:
    resident = await ctx.uow.residents.get(case.resident_id)
    visible = case.accepted_at is not None or case.state in ("closed", "settled")
    shown = case.text if visible else cases.mask(case.text)
    # Event notes hold the resident's additions: masked like the text until 签收.
    history = [f"· {ctx.when(e.at)} {e.action} {(e.note if visible else cases.mask(e.note or '')) or ''}".rstrip()
               for e in await ctx.uow.cases.events(case.id)]
    owner = staff.id == case.assignee_id
    if owner and case.state in ("assigned", "reopened"):
        buttons = cases.assignment_buttons(case, ctx.locale)
    elif owner and case.state in ("accepted", "in_progress", "referred"):
        buttons = cases.work_buttons(case, ctx.locale)
    elif case.state in cases.OPEN_STATES:
        buttons = rows(Button(ctx.tr("btn.transfer"), cases.payload(case, "tr")))
    else:
        buttons = ()
    ctx.reply(ctx.tr("staff.case_view", number=case.number, category=cases.category_label(case.category, ctx.locale),
                     urgency=cases.urgency_label(case.urgency, ctx.locale),
                     state=cases.state_label(case.state, ctx.locale), holder=await cases.holder_name(ctx, case),
                     text=shown, where=await cases.address(ctx, resident), due=ctx.when(case.resolution_due),
                     rule=f"{case.target} ({case.rule_id or '-'})")
              + "\n" + "\n".join(history[-10:]), buttons)


async def _button(ctx: Ctx, conv: ConvState, staff: m.Staff, data: str) -> None:
    press = cases.parse(data)
    if press is None:
        log.info("refused button %r from staff %s: not a case button", data[:64], staff.id)
        ctx.say("flow.button_not_for_staff")
        return
    if press.action in ("sv", "ag", "wd"):
        log.warning("refused resident action %s on case id %s by staff %s", press.action, press.case_id, staff.id)
        ctx.say("flow.button_not_for_staff")
        return
    case = await ctx.uow.cases.get(press.case_id, lock=True)
    if case is None:
        log.warning("refused %s by staff %s: no case id %s", press.action[:16], staff.id, press.case_id)
        ctx.say("flow.button_stale")
        return
    refused = cases.refusal(staff, case, press.action)
    if refused is not None:
        key, params = refused
        log.info("refused %s by %s on %s: %s", press.action, staff.id, case.number, key)
        ctx.say(key, **params)
        return
    await _ACTIONS[press.action](ctx, conv, staff, case, press.args)


async def _accept(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    await cases.accept(ctx, staff, case)


async def _contacted(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    if case.first_contact_at is not None:
        ctx.say("staff.contact_already", number=case.number)
        return
    await cases.record_contact(ctx, staff, case, "button")
    ctx.say("staff.contact_recorded", number=case.number)


async def _progress(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    conv.state, conv.data = "await_progress", {"case_id": case.id}
    ctx.say("staff.ask_progress", number=case.number)


async def _tell(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    notes = [n for n in await ctx.uow.cases.notes(case.id) if args and str(n.id) == args[0]]
    if not notes or notes[0].kind != "progress":
        ctx.say("flow.button_stale")
        return
    if notes[0].visible_to_resident:
        ctx.say("staff.already_told")
        return
    await cases.tell_resident(ctx, staff, case, notes[0])
    ctx.say("staff.told")


async def _recategorize(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
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


async def _close(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    ctx.say("staff.pick_outcome", cases.outcome_buttons(case, ctx.locale), number=case.number)


async def _outcome(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    outcome = cases.OUTCOME_CODES.get(args[0] if args else "")
    if outcome is None:
        ctx.say("flow.button_stale")
        return
    conv.state, conv.data = "await_summary", {"case_id": case.id, "outcome": outcome}
    ctx.say("staff.ask_summary", number=case.number, outcome=cases.outcome_label(outcome, ctx.locale))


async def _assist(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    head = await routing.station_head(ctx.uow, case.community_id) or await routing.centre(ctx.uow)
    cases.record(ctx, case, f"staff:{staff.id}", "assist_requested")
    if head is None or head.id == staff.id:
        head = await routing.centre(ctx.uow)
    if head is not None:
        ctx.to_staff(head, "staff.assist_request", case, cases.supervise_buttons(case, head.locale),
                     number=case.number, who=cases.staff_label(staff, head.locale))
    ctx.say("staff.assist_sent", number=case.number)


async def _transfer(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    candidates = await _candidates(ctx, case)
    buttons = [Button(cases.staff_label(s, ctx.locale), cases.payload(case, "to", s.id))
               for s in candidates if s.id != case.assignee_id and len(cases.payload(case, "to", s.id).encode()) <= 64]
    ctx.say("staff.pick_assignee", rows(*buttons, per_row=2), number=case.number)


async def _candidates(ctx: Ctx, case: m.Case) -> list[m.Staff]:
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


async def _transfer_to(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    new = await ctx.uow.roster.staff(args[0]) if args else None
    if new is None or not new.active or new.id not in {s.id for s in await _candidates(ctx, case)}:
        ctx.say("flow.button_stale")
        return
    if new.id == case.assignee_id:
        ctx.say("staff.already_holder", number=case.number)
        return
    await cases.reassign(ctx, staff, case, new)
    ctx.say("staff.reassigned", number=case.number, new=cases.staff_label(new, ctx.locale))


async def _view_button(ctx: Ctx, conv: ConvState, staff: m.Staff, case: m.Case, args: tuple[str, ...]) -> None:
    await _view(ctx, staff, case)


_ACTIONS = {
    "acc": _accept,
    "con": _contacted,
    "prog": _progress,
    "tell": _tell,
    "cat": _recategorize,
    "close": _close,
    "out": _outcome,
    "help": _assist,
    "tr": _transfer,
    "to": _transfer_to,
    "v": _view_button,
}


async def _pending_text(ctx: Ctx, conv: ConvState, staff: m.Staff, text: str) -> None:
    """The text a button asked for: a progress note or a closing summary."""
    if len(text) > MAX_NOTE_CHARS:
        ctx.say("staff.too_long", limit=MAX_NOTE_CHARS)
        return
    data = dict(conv.data)
    conv.state, conv.data = "idle", {}
    case = await ctx.uow.cases.get(int(data.get("case_id", 0)), lock=True)
    action = "prog" if "outcome" not in data else "out"
    refused = cases.refusal(staff, case, action) if case else ("flow.button_stale", {})
    if refused is not None:
        ctx.say(refused[0], **refused[1])
        return
    assert case is not None
    if action == "prog":
        note = await cases.add_progress(ctx, staff, case, text)
        ctx.say("staff.progress_saved",
                rows(Button(ctx.tr("btn.tell_resident"), cases.payload(case, "tell", note.id))), number=case.number)
    else:
        await cases.close(ctx, staff, case, data["outcome"], text)
        ctx.say("staff.closed", number=case.number, outcome=cases.outcome_label(data["outcome"], ctx.locale))
