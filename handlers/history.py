"""A case's history as people read it: every entry in the reader's language, in time order.

Why one module for staff and residents: both read the same audit log (events, and progress
notes told to the resident), only the selection differs. Long histories show the latest entries
and say how many there are, with a button for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from handlers.actions import payload
from handlers.context import Buttons, Ctx, mask
from handlers.messages import Button
from storage import models as m
from vocab import CASE_EVENTS, RESIDENT_EVENTS

SHOWN = 10
_FREE_TEXT = ("added", "progress", "closed", "survey_comment")  # notes written by people


async def staff_lines(ctx: Ctx, case: m.Case, *, visible: bool) -> list[str]:
    """Every event; what people wrote is masked (phones, ID numbers) until the case is accepted."""
    lines = []
    for ev in _in_order(await ctx.uow.cases.events(case.id)):
        what = ctx.tr(f"case.event.{ev.action}") if ev.action in CASE_EVENTS else ev.action
        lines.append(_line(ctx, ev.at, what, _note(ctx, ev, visible)))
    return lines


async def resident_lines(ctx: Ctx, case: m.Case) -> list[str]:
    """The steps a resident cares about, and the progress notes they were told (each where it was
    written). Built from the same events as the staff's view, in the same order, so both agree."""
    told = [note for note in await ctx.uow.cases.notes(case.id)
            if note.kind == "progress" and note.visible_to_resident]
    lines = []
    for ev in _in_order(await ctx.uow.cases.events(case.id)):
        if ev.action == "progress":
            note = _progress_note(ev, told)
            if note is not None:
                lines.append(_line(ctx, ev.at, note.text or "", ""))
        elif ev.action in RESIDENT_EVENTS:
            lines.append(_line(ctx, ev.at, ctx.tr(f"resident.history.{ev.action}"), ""))
    return lines


def _progress_note(ev: m.CaseEvent, notes: list[m.CaseNote]) -> m.CaseNote | None:
    """The note a progress event recorded: by its id, or (events written before the id was kept)
    the note of the same moment and text."""
    note_id = (ev.data or {}).get("note_id")
    for note in notes:
        if note.id == note_id if note_id is not None else (note.at == ev.at and note.text == ev.note):
            return note
    return None


def _in_order(events: Sequence[m.CaseEvent]) -> list[m.CaseEvent]:
    """Time order; entries of the same moment in the order they were recorded (event id)."""
    return sorted(events, key=lambda ev: (ev.at, ev.id))


def _line(ctx: Ctx, at: datetime, what: str, note: str) -> str:
    return (ctx.tr("history.line_note", at=ctx.when(at), what=what, note=note) if note
            else ctx.tr("history.line", at=ctx.when(at), what=what))


def _note(ctx: Ctx, ev: m.CaseEvent, visible: bool) -> str:
    if ev.action == "reopened" and ev.note:
        return ctx.tr(f"reopen.{ev.note}")
    if ev.action in _FREE_TEXT and ev.note:
        return ev.note if visible else mask(ev.note)
    return ""


def latest(ctx: Ctx, lines: list[str], everything: bool) -> tuple[list[str], bool]:
    """The lines to show and whether some were left out (then the caller offers all of them)."""
    if everything or len(lines) <= SHOWN:
        return lines, False
    return [ctx.tr("history.shown", shown=SHOWN, total=len(lines)), *lines[-SHOWN:]], True


def show(ctx: Ctx, head: str, lines: list[str], buttons: Buttons, case: m.Case, everything: bool) -> None:
    """``head`` and the history, in as many messages as it takes; the buttons on the last one,
    after a button for the whole history when entries were left out."""
    from handlers.privacy import split_message  # privacy imports the flows' neighbours

    shown, cut = latest(ctx, lines, everything)
    if cut:
        buttons = (*buttons, (Button(ctx.tr("btn.history_all"), payload(case, "v", "all")),))
    chunks = split_message([head, *shown])
    for chunk in chunks[:-1]:
        ctx.reply(chunk)
    ctx.reply(chunks[-1], buttons)
