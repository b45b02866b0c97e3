"""The staff conversation: case buttons, text prompts, slash commands.

Why separate from the resident flow: staff act on cases that are not theirs to own, so every
press goes through ``staff_actions.refusal`` (role, ownership, state) before anything changes.
States: ``idle``, ``await_text`` (an action's text prompt: ``data.action`` and ``data.case_id``).
The buttons are ``staff_actions.STAFF``; the commands are ``COMMANDS`` below; /help is read
from both.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import partial

from handlers import cases, notify, staff_actions
from handlers.actions import Command, Commands, payload, split_command
from handlers.context import ConvState, Ctx, rows
from handlers.figures import Period
from handlers.messages import Button, Incoming
from handlers.reporting import ReportRenderer, figures_text, render_after_commit, scope_name
from handlers.resident_actions import RESIDENT
from handlers.staff_actions import MAX_NOTE_CHARS, STAFF
from storage import models as m

log = logging.getLogger(__name__)

QUEUE_LIMIT = 30
COUNT_CAP = 999  # a list's title counts this many at most ("999+"): the count reads every row it counts
# Text prompts of conversations saved before prompts were registry actions.
_OLD_PROMPT_STATES = {"await_progress": "prog", "await_summary": "out"}


async def handle(ctx: Ctx, conv: ConvState, staff: m.Staff, inc: Incoming,
                 renderer: ReportRenderer | None = None) -> None:
    ctx.locale = staff.locale
    text = (inc.text or "").strip()
    if inc.payload:
        await _button(ctx, conv, staff, inc.payload)
    elif text.startswith("/"):
        await _command(ctx, conv, staff, text, renderer)
    elif text and _awaited(conv) is not None:
        await _awaited_text(ctx, conv, staff, text)
    elif text:
        ctx.say("staff.not_a_resident_flow")
    else:
        ctx.say("staff.unsupported")


def help_text(ctx: Ctx, staff: m.Staff) -> str:
    lines = [ctx.tr("staff.help", name=staff.name, role=ctx.tr(f"staff.role.{staff.role}"))]
    lines += COMMANDS.help_lines(staff, ctx.locale)
    lines.append(ctx.tr("staff.help_buttons", buttons=" · ".join(STAFF.labels(ctx.locale))))
    return "\n".join(lines)


async def _command(ctx: Ctx, conv: ConvState, staff: m.Staff, text: str,
                   renderer: ReportRenderer | None = None) -> None:
    name, arg = split_command(text)
    command = COMMANDS.get(name)
    if command is None:
        ctx.say("flow.unknown_command", command=name)
    elif not command.allowed(staff):
        ctx.say(command.denied)
    else:
        await command.run(ctx, conv, staff, arg, renderer)


async def _help(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    ctx.reply(help_text(ctx, staff))


async def _mine(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    await _page(ctx, staff, "m")


async def _queue(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    await _page(ctx, staff, "q")


async def _overdue(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    await _page(ctx, staff, "o")


async def _case(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    if not arg:
        ctx.say("staff.case_usage", example=cases.sample_number(ctx))
        return
    case = await _find(ctx, arg)
    if case is None:
        ctx.say("staff.case_not_found", ref=arg)
    elif staff_actions.refusal(staff, case, "v") is not None:
        ctx.say("staff.not_yours", number=case.number)
    else:
        await staff_actions.view(ctx, staff, case)


async def _cancel(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    conv.reset()
    ctx.say("staff.cancelled")


async def _stats(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    await _reports(ctx, staff, "/stats", renderer)


async def _report(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    await _reports(ctx, staff, "/report", renderer)


def _heads(staff: m.Staff) -> bool:
    return _scope(staff) is not False


COMMANDS = Commands(
    Command("/help", _help),
    Command("/mine", _mine, "help.staff.mine"),
    Command("/case", _case, "help.staff.case"),
    Command("/queue", _queue, "help.staff.queue", _heads, "staff.head_only"),
    Command("/overdue", _overdue, "help.staff.overdue", _heads, "staff.head_only"),
    Command("/stats", _stats, "help.staff.stats", _heads, "jobs.head_only"),
    Command("/report", _report, "help.staff.report", _heads, "jobs.head_only"),
    Command("/cancel", _cancel, "help.staff.cancel"),
    Command("/notify", notify.command, "help.staff.notify"),
    aliases={"/start": "/help"},
)


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
    if command == "/stats" and not renderer.charts:
        ctx.say("jobs.charts_missing")  # the figures above are the whole answer
        return
    kind, caption = ("chart", "jobs.chart_caption") if command == "/stats" else ("workbook", "jobs.workbook_caption")
    ctx.uow.after_commit(partial(render_after_commit, renderer=renderer, kind=kind, channel=ctx.channel,
                                 chat_id=ctx.chat_id or "", community_id=community_id, period=period, now=ctx.now,
                                 locale=ctx.locale, caption=ctx.tr(caption, name=name, period=period.label)))


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


# The three lists, by the letter their [更多] button carries: (title, command).
_LISTS = {"m": ("staff.mine_title", "/mine"), "q": ("staff.queue_title", "/queue"),
          "o": ("staff.overdue_title", "/overdue")}
PAGE_PREFIX = "pg:"


async def _page(ctx: Ctx, staff: m.Staff, which: str, after: tuple[datetime, int] | None = None) -> None:
    """One page of a list (QUEUE_LIMIT cases, oldest first) and a [更多] button when more follow.

    Why keyset paging: a centre's /queue over years of backlog reads one page from an index, and
    the button carries where the page ended (created_at, id), so the next page costs the same."""
    title, command = _LISTS[which]
    scope: dict[str, object] = {"assignee_id": staff.id} if which == "m" else {
        "community_id": _scope(staff) or None}
    if which != "m" and _scope(staff) is False:
        ctx.say("staff.head_only")
        return
    overdue_at = ctx.now if which == "o" else None
    found = await ctx.uow.cases.open_page(**scope, overdue_at=overdue_at, after=after, limit=QUEUE_LIMIT + 1)
    if not found:
        ctx.say("staff.queue_empty" if after is None else "list.page_gone", command=command)
        return
    page, more = list(found[:QUEUE_LIMIT]), len(found) > QUEUE_LIMIT
    count = await ctx.uow.cases.count_open(**scope, overdue_at=overdue_at, cap=COUNT_CAP)
    lines = [ctx.tr(title, count=count if count <= COUNT_CAP else f"{COUNT_CAP}+")]
    for case in page:
        mark = "⚠️ " if cases.is_overdue(case, ctx.now) else ""
        lines.append(ctx.tr("staff.queue_line", mark=mark, number=case.number,
                            category=cases.category_label(case.category, ctx.locale),
                            state=cases.state_label(case.state, ctx.locale),
                            holder=await cases.holder_name(ctx, case), due=ctx.when(case.resolution_due)))
    buttons = [Button(c.number, payload(c, "v")) for c in page[:10]]
    if more:
        last = _key(page[-1])
        buttons.append(Button(ctx.tr("list.more"),
                              f"{PAGE_PREFIX}{which}:{int(last[0].timestamp() * 1_000_000)}:{last[1]}"))
    ctx.reply("\n".join(lines), rows(*buttons, per_row=2))


def _key(case: m.Case) -> tuple[datetime, int]:
    return case.created_at, case.id


async def _more(ctx: Ctx, staff: m.Staff, data: str) -> None:
    """The [更多] button: the page after the one it was shown under."""
    parts = data[len(PAGE_PREFIX):].split(":")
    if len(parts) != 3 or parts[0] not in _LISTS or not (parts[1].isascii() and parts[1].isdigit()) \
            or not cases.is_id(parts[2]) or len(parts[1]) > 18:
        ctx.say("flow.button_stale")
        return
    at = datetime.fromtimestamp(int(parts[1]) / 1_000_000, UTC)
    await _page(ctx, staff, parts[0], (at, int(parts[2])))


async def _button(ctx: Ctx, conv: ConvState, staff: m.Staff, data: str) -> None:
    if data.startswith(PAGE_PREFIX):
        await _more(ctx, staff, data)
        return
    press = cases.parse(data)
    if press is None:
        log.info("refused button %r from staff %s: not a case button", data[:64], staff.id)
        ctx.say("flow.button_not_for_staff")
        return
    if press.action in RESIDENT and press.action not in STAFF:
        log.warning("refused resident action %s on case id %s by staff %s", press.action, press.case_id, staff.id)
        ctx.say("flow.button_not_for_staff")
        return
    case = await ctx.uow.cases.get(press.case_id, lock=True)
    if case is None:
        log.warning("refused %s by staff %s: no case id %s", press.action[:16], staff.id, press.case_id)
        ctx.say("flow.button_stale")
        return
    refused = staff_actions.refusal(staff, case, press.action)
    if refused is not None:
        key, params = refused
        log.info("refused %s by %s on %s: %s", press.action, staff.id, case.number, key)
        ctx.say(key, **params)
        return
    await STAFF.by_code[press.action].run(ctx, conv, staff, case, press.args)


def _awaited(conv: ConvState) -> str | None:
    """The action whose text prompt this conversation waits for, or None."""
    if conv.state == "await_text":
        return conv.data.action
    return _OLD_PROMPT_STATES.get(conv.state)


async def _awaited_text(ctx: Ctx, conv: ConvState, staff: m.Staff, text: str) -> None:
    """The text a button asked for (a progress note, a closing summary), re-checked like a press."""
    if len(text) > MAX_NOTE_CHARS:
        ctx.say("staff.too_long", limit=MAX_NOTE_CHARS)
        return
    code, case_id = _awaited(conv), conv.data.case_id
    action = STAFF.get(code or "")
    case = await ctx.uow.cases.get(case_id, lock=True) if case_id else None
    if action is None or action.on_text is None or case is None:
        conv.reset()
        ctx.say("flow.button_stale")
        return
    refused = staff_actions.refusal(staff, case, action.code)
    if refused is not None:
        conv.reset()
        ctx.say(refused[0], **refused[1])
        return
    await action.on_text(ctx, conv, staff, case, text)
    conv.reset()
