"""Privacy: a resident's own data (/mydata), erasure (/forget), and the retention period.

Why here and not in the resident flow: erasure and retention must treat every place that holds
what a resident wrote the same way (case text, notes, event notes, comments, corrections, the
outbox), and the daily job and the CLI need the same code without a conversation. Case rows
themselves stay (number, category, dates, outcome) so that the district's figures stay right.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers import cases
from handlers.clocks import FOLLOWUP_CLOCKS, WORK_CLOCKS
from handlers.context import ConvState, Ctx, mask, rows, settings_of
from handlers.messages import MAX_TEXT, Button
from handlers.turn import Turn
from storage import models as m
from vocab import ENDED_STATES, OPEN_STATES

log = logging.getLogger(__name__)

PLACEHOLDER = "[已删除]"
# Events whose note holds words a resident (or a staff member about them) wrote.
_TEXT_EVENTS = ("added", "survey_comment", "progress")
_ERASED = "erased (privacy)"
PAYLOAD_PREFIX = "pv"
# A chat's last replies are kept for a redelivery of its last update (handlers.dispatcher), which
# Telegram makes within 24 hours; kept longer, the copy (a /mydata answer, a summary quoting a
# report) would only be personal data outliving its use.
REPLIES_KEPT = timedelta(days=2)


# --------------------------------------------------------------------------- /mydata


def split_message(lines: Iterable[str], limit: int = MAX_TEXT) -> list[str]:
    """Lines packed into as few messages as fit ``limit`` characters; a longer line is cut up."""
    out: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            out.append(current)
            current = line
        else:
            current = candidate
    if current:
        out.append(current)
    return [chunk for chunk in out if chunk.strip()] or ["—"]


def _stored(ctx: Ctx, resident: m.Resident) -> bool:
    """Whether this chat's resident is on record: a command from a chat with none creates none
    (``handlers.resident``), so its resident has no id."""
    return resident.id is not None


def _date(ctx: Ctx, at: datetime | None) -> str:
    return ctx.local(at).strftime("%Y-%m-%d %H:%M") if at else "—"


async def my_data(ctx: Ctx, conv: ConvState, resident: m.Resident) -> None:
    """Everything linli keeps about the speaker, in full: it is theirs (phone not masked)."""
    if not _stored(ctx, resident):
        ctx.say("privacy.nothing_kept")
        return
    none = ctx.tr("privacy.not_given")
    lines = [ctx.tr("privacy.mydata_title"), "", ctx.tr("privacy.section_registration")]
    community = await ctx.uow.roster.community(resident.community_id) if resident.community_id else None
    grid = await ctx.uow.roster.grid(resident.grid_id) if resident.grid_id else None
    micro = await ctx.uow.roster.micro_grid(resident.micro_grid_id) if resident.micro_grid_id else None
    grid_name = " ".join(x.name for x in (grid, micro) if x is not None)
    fields = (
        ("name", resident.display_name), ("community", community.name if community else None),
        ("grid", grid_name or None), ("building", resident.building), ("phone", resident.phone),
        ("locale", resident.locale), ("first_seen", _date(ctx, resident.created_at)),
        ("consented", _date(ctx, resident.consented_at) if resident.consented_at else None),
        ("registered", _date(ctx, resident.registered_at) if resident.registered_at else None),
    )
    lines += [ctx.tr(f"privacy.field.{key}", value=value or none) for key, value in fields]
    mine = await ctx.uow.cases.of_resident(resident.id)
    lines += ["", ctx.tr("privacy.section_cases", count=len(mine))]
    if not mine:
        lines.append(ctx.tr("privacy.no_cases"))
    for case in mine:
        lines += await _case_lines(ctx, case)
    draft = (conv.data.draft.text if conv.data.draft else None) or conv.data.pending_text
    if draft:
        lines += ["", ctx.tr("privacy.section_draft"), str(draft)]
    lines += ["", ctx.tr("privacy.footer")]
    for chunk in split_message(lines):
        ctx.reply(chunk)


async def _case_lines(ctx: Ctx, case: m.Case) -> list[str]:
    """One case as /mydata shows it: what the resident wrote, added and answered."""
    lines = [ctx.tr("privacy.case_line", number=case.number, category=cases.category_label(case.category, ctx.locale),
                    state=cases.state_label(case.state, ctx.locale), created=_date(ctx, case.created_at))]
    if case.closed_at is not None and case.state in ENDED_STATES:
        lines.append(ctx.tr("privacy.case_ended", at=_date(ctx, case.closed_at),
                            outcome=cases.outcome_label(case.outcome, ctx.locale)))
    lines.append(ctx.tr("privacy.case_text", text=case.text))
    for note in await ctx.uow.cases.notes(case.id):
        if note.author == "resident":
            text = note.text if note.kind != "photo" else ctx.tr("privacy.photo")
            lines.append(ctx.tr("privacy.note_line", at=_date(ctx, note.at), text=text or "—"))
    if case.satisfaction:
        lines.append(ctx.tr("privacy.case_satisfaction", answer=ctx.tr(f"btn.{case.satisfaction}")))
    if case.satisfaction_comment:
        lines.append(ctx.tr("privacy.case_comment", text=case.satisfaction_comment))
    return lines


# --------------------------------------------------------------------------- /forget


async def ask_forget(ctx: Ctx, conv: ConvState, resident: m.Resident) -> None:
    """A confirmation with a one-time token, so that only the button we just sent erases."""
    if not _stored(ctx, resident):
        ctx.say("privacy.nothing_kept")
        return
    token = secrets.token_hex(4)
    conv.data.forget = token
    open_cases = [c for c in await ctx.uow.cases.of_resident(resident.id) if c.state in OPEN_STATES]
    if open_cases:
        open_line = ctx.tr("privacy.forget_open", count=len(open_cases),
                           numbers="、".join(c.number for c in open_cases[:20]))
    else:
        open_line = ctx.tr("privacy.forget_none_open")
    ctx.say("privacy.forget_ask", rows(Button(ctx.tr("privacy.btn.confirm"), f"{PAYLOAD_PREFIX}:fg:ok:{token}"),
                                       Button(ctx.tr("privacy.btn.cancel"), f"{PAYLOAD_PREFIX}:fg:no")),
            open_cases=open_line)


async def button(turn: Turn) -> None:
    await forget_button(turn.ctx, turn.conv, turn.resident, (turn.inc.payload or "").split(":"))


async def forget_button(ctx: Ctx, conv: ConvState, resident: m.Resident, parts: list[str]) -> None:
    """``pv:fg:ok:TOKEN`` erases (only with the token of the last /forget); ``pv:fg:no`` cancels."""
    token = conv.data.forget
    action = parts[2] if len(parts) > 2 and parts[1] == "fg" else ""
    if action == "no" and token:
        conv.data.forget = None
        ctx.say("privacy.forget_cancelled")
        return
    if action != "ok" or not token or parts[3:] != [token]:
        log.info("privacy: stale or forged erasure confirmation from %s/%s refused", ctx.channel, ctx.chat_id)
        ctx.say("privacy.forget_stale")
        return
    withdrawn = await forget(ctx, resident)
    conv.reset("start")
    numbers = ctx.tr("privacy.forget_withdrawn", numbers="、".join(withdrawn)) if withdrawn else ""
    ctx.say("privacy.forget_done", withdrawn=numbers)


async def forget(ctx: Ctx, resident: m.Resident) -> list[str]:
    """Withdraw the open cases (the handlers are told), then anonymise the resident and
    everything they wrote; returns the numbers of the withdrawn cases.

    The chat id is replaced too, so that a later message from the same chat starts afresh as a
    new resident and nothing links the old cases to that chat any more.
    """
    mine = list(await ctx.uow.cases.of_resident(resident.id))
    for case in mine:  # before the withdrawal notices are written: those must still go out
        await _erase_outbox(ctx.uow, case.id)
    withdrawn: list[str] = []
    for case in mine:
        locked = await ctx.uow.cases.get(case.id, lock=True)
        if locked is not None and locked.state in OPEN_STATES:
            await cases.withdraw(ctx, locked)
            withdrawn.append(locked.number)
    for case in mine:
        await ctx.uow.clocks.cancel_for_case(case.id, WORK_CLOCKS + FOLLOWUP_CLOCKS, ctx.now)
        await _erase_case(ctx.uow, case)
    # The replies kept for a redelivery (handlers.dispatcher) may quote the resident's words or
    # phone (/mydata). From the chat itself, the dispatcher then keeps only this update's answer.
    conversation = await ctx.uow.conversations.lock(resident.channel, resident.chat_id, ctx.now)
    conversation.last_update_id = conversation.last_replies = None
    anonymous = f"forgotten-{resident.id}"
    for row in await ctx.uow.outbox.to_chat(resident.channel, resident.chat_id):
        _erase_row(row)
        row.chat_id = anonymous
    await ctx.uow.web.erase(resident.channel, resident.chat_id)  # the web page's history
    resident.chat_id = anonymous
    resident.phone = resident.display_name = resident.user_id = resident.building = None
    resident.micro_grid_id = None
    resident.forgotten_at = ctx.now
    log.info("privacy: resident %s forgotten; %s case(s) anonymised, %s withdrawn",
             resident.id, len(mine), len(withdrawn))
    return withdrawn


def _erase_row(row: m.Outbox) -> None:
    row.text = PLACEHOLDER
    if row.state in ("pending", "held"):
        row.state, row.last_error = "failed", _ERASED


async def _erase_outbox(uow: Any, case_id: int) -> None:
    """Messages about the case keep no text; unsent ones are not sent any more."""
    for row in await uow.outbox.of_case(case_id):
        _erase_row(row)


async def _erase_case(uow: Any, case: m.Case) -> None:
    """What people wrote about one case replaced by the placeholder; the case row stays."""
    case.text = PLACEHOLDER
    if case.satisfaction_comment is not None:
        case.satisfaction_comment = PLACEHOLDER
    if case.summary:
        case.summary = mask(case.summary)
    for note in await uow.cases.notes(case.id):
        if note.text is not None:
            note.text = PLACEHOLDER
        if note.file_id is not None:
            note.file_id = PLACEHOLDER
    for event in await uow.cases.events(case.id):
        if event.note and event.action in _TEXT_EVENTS:
            event.note = PLACEHOLDER
        elif event.note and event.action == "closed":
            event.note = mask(event.note)
        if event.action == "opened" and (event.data or {}).get("ask"):
            event.data = {**event.data, "ask": PLACEHOLDER}  # the request, in the resident's words
    await uow.cases.delete_corrections(case.id)


# --------------------------------------------------------------------------- retention


@dataclass(frozen=True)
class RetentionResult:
    days: int
    cases: int
    residents: int


async def retention(uow_factory: Callable[[], Any], now: datetime, *, dry_run: bool = False) -> RetentionResult:
    """Anonymise ended cases closed more than ``settings.privacy.retention_days`` ago, and clear
    the phone of residents who have no case left within the period. Idempotent; 0 days = keep.

    Raises ``LookupError`` when the database holds no roster.
    """
    async with uow_factory() as uow:
        district = await uow.roster.district()
        if district is None:
            raise LookupError("no district roster in the database")
        if not dry_run:  # housekeeping, whatever the retention period: see REPLIES_KEPT
            dropped = await uow.conversations.drop_replies_before(now - REPLIES_KEPT)
            await uow.commit()
            log.info("kept replies of %s quiet chat(s) dropped", dropped)
        days = settings_of(district).privacy.retention_days
        if days == 0:
            return RetentionResult(0, 0, 0)
        cutoff = now - timedelta(days=days)
        due = [c for c in await uow.cases.ended_before(ENDED_STATES, cutoff, retained_only=True)
               if c.text != PLACEHOLDER]
        phones = []
        for resident in await uow.residents.with_phone_created_before(cutoff):
            mine = await uow.cases.of_resident(resident.id)
            if all(c.state in ENDED_STATES and c.closed_at is not None and c.closed_at < cutoff for c in mine):
                phones.append(resident)
        if dry_run:
            return RetentionResult(days, len(due), len(phones))
        for case in due:
            await _erase_outbox(uow, case.id)
            await _erase_case(uow, case)
        for resident in phones:
            resident.phone = None
        await uow.commit()
    log.info("privacy retention (%s days): %s case(s) anonymised, %s phone number(s) cleared",
             days, len(due), len(phones))
    return RetentionResult(days, len(due), len(phones))


async def apply_retention(uow_factory: Callable[[], Any], now: datetime) -> int:
    """For the daily job: apply the retention period; returns how many cases were anonymised."""
    return (await retention(uow_factory, now)).cases
