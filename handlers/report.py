"""Reporting: from a resident's text to a confirmed case.

States: ``idle`` → (an open case exists) ``ask_add`` → ``report_pick`` (low confidence) →
``report_confirm`` (the summary) → ``idle``; ``report_edit`` while choosing another category. An
emergency skips every question: the number to call at once, then the case. The draft lives in
``data.draft`` until it is confirmed; a second message before that joins it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from handlers import cases, danger, routing
from handlers.cases import category_label
from handlers.context import Ctx, rows
from handlers.convdata import Draft, Part
from handlers.messages import Button
from handlers.turn import Turn
from storage import models as m
from vocab import CATEGORIES, OPEN_STATES

MIN_REPORT_CHARS = 2
EMERGENCY_REPEAT = timedelta(hours=1)  # an emergency again within this is the same danger (see _emergency)
DRAFT_STATES = ("report_pick", "report_confirm", "report_edit")


def draft_from(text: str, c: Any, photos: list[str]) -> Draft:
    return Draft(text=text, category=c.category, urgency=c.urgency,
                 confidence=float(getattr(c, "confidence", 0.0) or 0.0),
                 flags=list(getattr(c, "flags", ()) or ()), alternatives=_alternatives(c), photos=photos,
                 parts=_parts(c), counterparty=getattr(c, "counterparty", None), ask=getattr(c, "ask", None))


def _parts(c: Any) -> list[Part]:
    """The classifier's distinct problems (two or more, of different categories), else none."""
    parts = [Part(text=p.text, category=p.category, counterparty=getattr(p, "counterparty", None))
             for p in getattr(c, "problems", ()) or ()
             if p.category in CATEGORIES and p.text.strip()]
    return parts if len({p.category for p in parts}) >= 2 else []


def _alternatives(c: Any) -> list[str]:
    """Other likely categories, best first; the classifier gives names or (name, score) pairs."""
    out: list[str] = []
    for alt in getattr(c, "alternatives", ()) or ():
        name = alt if isinstance(alt, str) else alt[0]
        if name in CATEGORIES and name != c.category and name not in out:
            out.append(name)
    return out


SERVICES = ("110", "119", "120")


def emergency_numbers(c: Any) -> list[str]:
    """The numbers for the danger in this classification: its own list when it gives one, else its
    one service, else by category."""
    numbers = [n for n in getattr(c, "numbers", ()) or () if n in SERVICES]
    if numbers:
        return numbers
    service = getattr(c, "emergency_service", None)
    return [str(service)] if service in SERVICES else [{"hazard": "119"}.get(c.category, "110")]


def numbers_text(ctx: Ctx, numbers: list[str]) -> str:
    return (" / " if ctx.locale == "en" else "、").join(numbers)


def has_words(text: str) -> bool:
    """Letters or digits: emoji and punctuation alone (😡😡, 👍, 。。。) say no problem we could route."""
    return any(ch.isalnum() for ch in text)


def photos_of(turn: Turn) -> list[str]:
    return [turn.inc.photo_file_id] if turn.inc.photo_file_id else []


async def latest_open(ctx: Ctx, resident: m.Resident) -> m.Case | None:
    for c in await ctx.uow.cases.of_resident(resident.id):
        if c.state in OPEN_STATES:
            return c
    return None


# --------------------------------------------------------------------------- text and photos


async def text(turn: Turn) -> None:
    """A registered resident's text: it continues a pending draft or question, or starts a report."""
    data, body, photos = turn.data, turn.text, photos_of(turn)
    draft = data.draft
    data.draft = None
    if draft is not None and turn.conv.state in ("report_pick", "report_confirm"):
        # A second message before confirming continues the same report: nothing is dropped.
        body, photos = f"{draft.text}\n{body}", [*draft.photos, *photos]
    if turn.conv.state == "ask_add" and data.pending_text:
        body = f"{data.pending_text}\n{body}"
        data.pending_text = None
    turn.conv.state = "idle"
    photos += data.photos
    data.photos = []
    await submit(turn, body, photos)


async def no_words(turn: Turn) -> None:
    """Emoji or punctuation alone: a kind word and the question; nothing is drafted, and a draft
    or question in hand stays as it was."""
    turn.ctx.say("resident.no_words")


async def photo(turn: Turn) -> None:
    ctx, file_id = turn.ctx, turn.inc.photo_file_id
    assert file_id is not None
    open_case = await latest_open(ctx, turn.resident)
    if open_case is not None:
        ctx.uow.cases.add(m.CaseNote(case_id=open_case.id, at=ctx.now, author="resident", kind="photo",
                                     file_id=file_id))
        cases.record(ctx, open_case, "resident", "added", kind="photo")
        await _tell_holder_added(ctx, open_case, ctx.tr("resident.photo_word"))
        ctx.say("resident.photo_added", number=open_case.number)
        return
    if turn.data.draft is not None:
        turn.data.draft.photos.append(file_id)
    else:
        turn.data.photos = [*turn.data.photos, file_id]
    ctx.say("resident.photo_kept")


async def add_to(ctx: Ctx, case: m.Case, body: str, photos: list[str]) -> None:
    """More words (and photos) for an open case: kept as notes, and its holder is told."""
    ctx.uow.cases.add(m.CaseNote(case_id=case.id, at=ctx.now, author="resident", kind="text", text=body))
    for file_id in photos:
        ctx.uow.cases.add(m.CaseNote(case_id=case.id, at=ctx.now, author="resident", kind="photo", file_id=file_id))
    cases.record(ctx, case, "resident", "added", note=body)
    await _tell_holder_added(ctx, case, body)


async def _tell_holder_added(ctx: Ctx, case: m.Case, body: str) -> None:
    holder = await cases.assignee_or_head(ctx, case)
    if holder is not None:
        shown = body if case.accepted_at else cases.mask(body)
        ctx.to_staff(holder, "staff.resident_added", case, number=case.number, text=shown)


# --------------------------------------------------------------------------- the report


async def submit(turn: Turn, body: str, photos: list[str], *, new_case: bool = False, calm: bool = False) -> None:
    """Classify ``body``; an emergency opens its case at once, a possible danger is asked about
    first (unless ``calm``: the resident said it is over), anything else goes to a summary (after
    asking whether it belongs to the open case, unless ``new_case``)."""
    ctx = turn.ctx
    if len(body) < MIN_REPORT_CHARS:
        ctx.say("resident.too_short")
        return
    c = turn.classify(body)
    calm = calm or turn.data.danger_cleared == body
    turn.data.danger_cleared = None
    uncertain = getattr(c, "danger", "none") == "uncertain"
    if c.urgency == "emergency" or (uncertain and await recent_emergency(ctx, turn.resident) is not None):
        # A possible danger told while an emergency case of the last hour is open belongs to it:
        # its holder hears at once, no question asked.
        turn.conv.state = "idle"
        await emergency(turn, body, c, photos)
        return
    if uncertain and not calm:
        turn.conv.state = "idle"
        await danger.ask(turn, emergency_draft(body, c, photos))
        return
    open_case = await latest_open(ctx, turn.resident)
    if open_case is not None and not new_case:
        turn.data.pending_text, turn.data.photos = body, photos
        if calm:
            turn.data.danger_cleared = body
        turn.conv.state = "ask_add"
        ctx.say("resident.ask_add", rows(Button(ctx.tr("btn.add_to_case", number=open_case.number), "a:add"),
                                         Button(ctx.tr("btn.new_case"), "a:new")), number=open_case.number)
        return
    turn.conv.state = "idle"
    if c.category == "other" and not c.low_confidence:
        await _not_ours(turn, body, c)
        return
    draft = draft_from(body, c, photos)
    if calm:
        draft.urgency = danger.calm_urgency(draft)
    turn.data.draft = draft
    if c.low_confidence:
        choices = [c.category, *draft.alternatives][:2]
        buttons = [Button(category_label(x, ctx.locale), f"d:cat:{x}") for x in choices if x != "other"]
        buttons.append(Button(ctx.tr("btn.other"), "d:cat:other"))
        turn.conv.state = "report_pick"
        ctx.say("resident.pick_category", rows(*buttons))
        return
    await _summary(turn, draft)


async def _not_ours(turn: Turn, body: str, c: Any) -> None:
    decision = await routing.decide(turn.ctx.uow, turn.resident, c.category, c.urgency, list(c.flags or ()))
    if decision.none:
        turn.ctx.say("resident.not_a_case")
        return
    draft = draft_from(body, c, [])
    turn.data.draft = draft
    await _summary(turn, draft)


async def _summary(turn: Turn, draft: Draft) -> None:
    ctx = turn.ctx
    if draft.parts and await _two_summary(turn, draft):
        return
    decision = await routing.decide(ctx.uow, turn.resident, draft.category, draft.urgency, draft.flags)
    if decision.none:
        turn.conv.state = "idle"
        turn.data.draft = None
        ctx.say("resident.not_handled", category=category_label(draft.category, ctx.locale))
        return
    turn.conv.state = "report_confirm"
    ctx.say("resident.summary",
            rows(Button(ctx.tr("btn.confirm"), "d:ok"), Button(ctx.tr("btn.edit"), "d:edit")),
            category=category_label(draft.category, ctx.locale),
            holder=decision_label(ctx, decision),
            promise=cases.promise(ctx, draft.urgency),
            text=draft.text)


async def _two_summary(turn: Turn, draft: Draft) -> bool:
    """Problems that go to different handlers: say so, and offer separate cases or one. False
    (and the parts forgotten) when they would reach the same handler or one is not ours."""
    ctx = turn.ctx
    decisions = [await routing.decide(ctx.uow, turn.resident, p.category, draft.urgency, draft.flags)
                 for p in draft.parts]
    handlers = {(d.target, d.assignee.id if d.assignee else None) for d in decisions}
    if any(d.none for d in decisions) or len(handlers) < 2:
        draft.parts = []
        return False
    lines = [ctx.tr("resident.summary_part", n=i, category=category_label(p.category, ctx.locale),
                    holder=decision_label(ctx, d), text=p.text)
             for i, (p, d) in enumerate(zip(draft.parts, decisions, strict=True), start=1)]
    turn.conv.state = "report_confirm"
    ctx.say("resident.summary_two", rows(Button(ctx.tr("btn.split"), "d:split"), Button(ctx.tr("btn.as_one"), "d:ok"),
                                         Button(ctx.tr("btn.edit"), "d:edit")),
            parts="\n".join(lines), promise=cases.promise(ctx, draft.urgency))
    return True


def decision_label(ctx: Ctx, d: routing.Decision) -> str:
    if d.department is not None:
        return ctx.tr("resident.holder_dept", dept=d.department.name, hotline=d.department.hotline or "—")
    if d.room is not None:
        return d.room.name
    if d.assignee is not None:
        return cases.staff_label(d.assignee, ctx.locale)
    return "—"


def emergency_draft(body: str, c: Any, photos: list[str]) -> Draft:
    """The draft of a (possible) emergency, with the numbers to call for its danger."""
    draft = draft_from(body, c, photos)
    draft.numbers = emergency_numbers(c)
    return draft


async def recent_emergency(ctx: Ctx, resident: m.Resident) -> m.Case | None:
    """The resident's open emergency case of the last hour, if any (see ``emergency``)."""
    if resident.id is None:
        return None
    recent = await latest_open(ctx, resident)
    if recent is not None and recent.urgency == "emergency" and ctx.now - recent.created_at < EMERGENCY_REPEAT:
        return recent
    return None


async def emergency(turn: Turn, body: str, c: Any, photos: list[str]) -> m.Case | None:
    # Added to an open emergency, a message brings new numbers only for a danger it names (a cue
    # word: 着火, 流血): numbers inferred from the category alone ("快来人啊" read as a hazard,
    # hence 119) say nothing new about the danger already reported.
    named = bool(getattr(c, "keywords", ()))
    own = [n for n in getattr(c, "numbers", ()) or () if n in SERVICES] if named else []
    return await open_emergency(turn, emergency_draft(body, c, photos), own)


async def open_emergency(turn: Turn, draft: Draft, own: list[str] | None = None) -> m.Case | None:
    """Tell them whom to call first; then open the case at once (no confirmation step, and before
    registration too: the community is then the one the text names, if any). Returns the new
    case, None when the message went to the open one.

    The same resident's emergency again while their emergency case of the last hour is open is
    the same danger told twice (someone who heard nothing back writes again): it goes to that
    case's holder at once as an addition, not into a second case that alerts the police twice.
    It keeps that case's numbers to call; a new danger in it (``own``: the numbers the classifier
    gave, default the draft's) adds them."""
    ctx, resident = turn.ctx, turn.resident
    if resident.id is None:
        await ctx.uow.flush()  # a resident of this update: its cases need its id
    recent = await recent_emergency(ctx, resident)
    if recent is not None:
        told = await cases.emergency_numbers(ctx, recent) or draft.numbers
        new = [n for n in (draft.numbers if own is None else own) if n not in told]
        ctx.say("resident.emergency", number=numbers_text(ctx, told + new))
        await add_to(ctx, recent, draft.text, draft.photos)
        ctx.say("resident.emergency_added", number=recent.number, holder=await cases.holder_name(ctx, recent))
        return None
    ctx.say("resident.emergency", number=numbers_text(ctx, draft.numbers))
    draft = draft.model_copy(update={"urgency": "emergency", "parts": []})
    decision = await routing.decide(ctx.uow, resident, draft.category, "emergency", draft.flags)
    case = await cases.open_case(ctx, resident, draft, decision)
    key = "resident.emergency_case" if resident.community_id else "resident.emergency_case_centre"
    ctx.say(key, number=case.number, holder=await cases.holder_name(ctx, case))
    return case


async def _confirm(turn: Turn) -> None:
    draft = turn.data.draft
    if turn.conv.state != "report_confirm" or draft is None:
        turn.ctx.say("flow.button_stale")
        return
    if await _open(turn, draft):
        turn.data.draft = None
        turn.conv.state = "idle"


async def _split(turn: Turn, args: list[str]) -> None:
    """[分别提交]: one case per problem, each routed by its own category."""
    draft = turn.data.draft
    if turn.conv.state != "report_confirm" or draft is None or not draft.parts:
        turn.ctx.say("flow.button_stale")
        return
    for i, part in enumerate(draft.parts):
        # Each case names its own other party; the request goes with the part that says it.
        one = draft.model_copy(update={"text": part.text, "category": part.category, "parts": [],
                                       "photos": draft.photos if i == 0 else [],
                                       "counterparty": part.counterparty or None,
                                       "ask": draft.ask if draft.ask and draft.ask in part.text else None})
        if not await _open(turn, one):
            break
    turn.data.draft = None
    turn.conv.state = "idle"


async def _open(turn: Turn, draft: Draft) -> bool:
    """Open the case of ``draft`` and tell the resident its number; False when it cannot be."""
    ctx, resident = turn.ctx, turn.resident
    if await _over_limit(ctx, resident):
        ctx.say("resident.limit", limit=ctx.settings.limits.cases_per_day)
        return False
    decision = await routing.decide(ctx.uow, resident, draft.category, draft.urgency, draft.flags)
    if decision.none:
        ctx.say("resident.not_handled", category=category_label(draft.category, ctx.locale))
        turn.conv.state = "idle"
        return False
    case = await cases.open_case(ctx, resident, draft, decision)
    if case.state == "referred":
        ctx.say("resident.case_referred", number=case.number, holder=decision_label(ctx, decision),
                due=ctx.when(case.resolution_due))
    else:
        ctx.say("resident.case_opened", number=case.number, holder=await cases.holder_name(ctx, case),
                promise=cases.promise(ctx, case.urgency), due=ctx.when(case.resolution_due))
    return True


async def _over_limit(ctx: Ctx, resident: m.Resident) -> bool:
    local_midnight = datetime.combine(ctx.local(ctx.now).date(), time(0), tzinfo=ctx.tz)
    count = await ctx.uow.cases.count_created_since(resident.id, local_midnight)
    return count >= ctx.settings.limits.cases_per_day


# --------------------------------------------------------------------------- draft buttons: d:…


async def _pick(turn: Turn, args: list[str]) -> None:
    assert turn.data.draft is not None
    if not args or args[0] not in CATEGORIES:
        turn.ctx.say("flow.button_stale")
        return
    turn.data.draft.category = args[0]
    turn.data.draft.parts = []  # the resident chose one category for all of it
    await _summary(turn, turn.data.draft)


async def _edit(turn: Turn, args: list[str]) -> None:
    ctx = turn.ctx
    buttons = [Button(category_label(c, ctx.locale), f"d:cat:{c}") for c in CATEGORIES]
    buttons.append(Button(ctx.tr("btn.rewrite"), "d:redo"))
    turn.conv.state = "report_edit"
    ctx.say("resident.edit", rows(*buttons))


async def _redo(turn: Turn, args: list[str]) -> None:
    turn.data.draft = None
    turn.conv.state = "idle"
    turn.ctx.say("resident.rewrite")


_DRAFT_BUTTONS = {"cat": _pick, "edit": _edit, "redo": _redo, "split": _split}


async def draft_button(turn: Turn) -> None:
    parts = (turn.inc.payload or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    if action == "ok":
        await _confirm(turn)
        return
    handler = _DRAFT_BUTTONS.get(action)
    if handler is None or turn.data.draft is None or turn.conv.state not in DRAFT_STATES:
        turn.ctx.say("flow.button_stale")
        return
    await handler(turn, parts[2:])


# --------------------------------------------------------------------------- add-or-new: a:…


async def add_button(turn: Turn) -> None:
    ctx, data = turn.ctx, turn.data
    body = data.pending_text
    if turn.conv.state != "ask_add" or not body:
        ctx.say("flow.button_stale")
        return
    photos = data.photos
    data.pending_text, data.photos = None, []
    open_case = await latest_open(ctx, turn.resident)
    if (turn.inc.payload or "").split(":")[1:2] == ["add"] and open_case is not None:
        turn.conv.state = "idle"
        await add_to(ctx, open_case, body, photos)
        ctx.say("resident.added", number=open_case.number)
    else:
        turn.conv.state = "idle"
        await submit(turn, body, photos, new_case=True)
