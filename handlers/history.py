"""A case's history as people read it: every entry in the reader's language, in time order.

Why one module for staff and residents: both read the same audit log (events, and progress
notes told to the resident), only the selection differs. Long histories show the latest entries
and say how many there are, with a button for all of them.
"""

from __future__ import annotations

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
    entries: list[tuple[datetime, str]] = []
    for ev in await ctx.uow.cases.events(case.id):
        what = ctx.tr(f"case.event.{ev.action}") if ev.action in CASE_EVENTS else ev.action
        note = _note(ctx, ev, visible)
        entries.append((ev.at, ctx.tr("history.line_note", at=ctx.when(ev.at), what=what, note=note) if note
                        else ctx.tr("history.line", at=ctx.when(ev.at), what=what)))
    return [line for _, line in sorted(entries, key=lambda e: e[0])]


async def resident_lines(ctx: Ctx, case: m.Case) -> list[str]:
    """The steps a resident cares about, and the progress notes they were told, by time."""
    entries: list[tuple[datetime, str]] = [
        (ev.at, ctx.tr("history.line", at=ctx.when(ev.at), what=ctx.tr(f"resident.history.{ev.action}")))
        for ev in await ctx.uow.cases.events(case.id) if ev.action in RESIDENT_EVENTS]
    entries += [(note.at, ctx.tr("history.line", at=ctx.when(note.at), what=note.text or ""))
                for note in await ctx.uow.cases.notes(case.id) if note.kind == "progress" and note.visible_to_resident]
    return [line for _, line in sorted(entries, key=lambda e: e[0])]


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
