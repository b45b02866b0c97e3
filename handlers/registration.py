"""Registration: welcome and privacy notice, community, building (or a shared location), phone.

States: ``start`` → ``reg_community`` → ``reg_building`` → ``reg_phone`` → ``idle``. A typed
community or building name works like its button. What a resident writes before registering is
kept (``data.pending_text``) and offered as a report when registration ends; an emergency is
answered at once whatever the state.
"""

from __future__ import annotations

import re

from handlers import cases, danger, geo, report, routing, staff_actions
from handlers.context import rows
from handlers.messages import Button
from handlers.turn import Turn
from storage import models as m
from vocab import OPEN_STATES

MIN_KEPT_CHARS = 4


async def welcome(turn: Turn) -> None:
    """The greeting and the community buttons in one message: a new resident reads one screen,
    and the commonest first update costs one Bot API call instead of two."""
    await ask_community(turn, intro=turn.ctx.tr("resident.welcome"))


async def start_in(turn: Turn, arg: str) -> bool:
    """``/start c-<community id>`` (a poster's link): the welcome, then only the building."""
    communities = await turn.ctx.uow.roster.communities(cached=True)
    idx = next((i for i, c in enumerate(communities) if arg == f"c-{c.id}"), None)
    if idx is not None:
        turn.ctx.uow.residents.add(turn.resident)  # a command alone stores no resident; this one chose
        turn.ctx.say("resident.welcome")
        await _community(turn, [str(idx)])
    return idx is not None


async def ask_community(turn: Turn, intro: str = "") -> None:
    ctx = turn.ctx
    communities = await ctx.uow.roster.communities(cached=True)
    buttons = rows(*(Button(c.name, f"rg:c:{i}") for i, c in enumerate(communities)), per_row=2)
    question = ctx.tr("resident.ask_community")
    ctx.reply(f"{intro}\n\n{question}" if intro else question, buttons)
    turn.conv.state = "reg_community"


async def _ask_building(turn: Turn) -> None:
    ctx = turn.ctx
    micro = await ctx.uow.roster.micro_grids(turn.resident.community_id, cached=True)
    buttons = [Button(b, f"rg:b:{i}:{j}") for i, mg in enumerate(micro) for j, b in enumerate(mg.buildings or [])]
    buttons.append(Button(ctx.tr("btn.skip"), "rg:b:skip"))
    ctx.reply(ctx.tr("resident.ask_building"), rows(*buttons, per_row=4), request_location=True)
    turn.conv.state = "reg_building"


async def _ask_phone(turn: Turn) -> None:
    ctx = turn.ctx
    ctx.reply(ctx.tr("resident.ask_phone"), rows(Button(ctx.tr("btn.skip"), "rg:p:skip")), request_contact=True)
    turn.conv.state = "reg_phone"


async def _set_micro_grid(turn: Turn, micro: m.MicroGrid, building: str | None) -> None:
    resident = turn.resident
    grid = await turn.ctx.uow.roster.grid(micro.grid_id)
    resident.micro_grid_id, resident.grid_id, resident.building = micro.id, micro.grid_id, building
    if grid is not None:
        resident.community_id = grid.community_id


async def _finish(turn: Turn) -> None:
    ctx, resident = turn.ctx, turn.resident
    resident.registered_at = resident.registered_at or ctx.now
    turn.conv.state = "idle"
    community = await ctx.uow.roster.community(resident.community_id) if resident.community_id else None
    ctx.say("resident.registered", community=community.name if community else "—")
    if turn.data.emergency_case is not None:
        await _locate_emergency(turn, turn.data.emergency_case)
        turn.data.emergency_case = None
    pending, photos = turn.data.pending_text, turn.data.photos
    turn.data.pending_text, turn.data.photos = None, []
    if pending:
        await report.submit(turn, pending, photos)


async def place(turn: Turn, text: str) -> None:
    """The community (and building) an emergency's text names, for a resident not registered yet:
    a community's name, or a building or landmark the roster lists in one community only ("5栋"
    is in every community and says nothing; "椰风花园" says where)."""
    ctx, resident = turn.ctx, turn.resident
    for community in await ctx.uow.roster.communities(cached=True):
        short = community.name.removesuffix("社区").removesuffix("村")
        if community.name in text or (len(short) >= 2 and short in text) or _names_id(community.id, text):
            resident.community_id = community.id
            for micro in await ctx.uow.roster.micro_grids(community.id, cached=True):
                building = next((b for b in micro.buildings or [] if b in text), None)
                if building is not None:
                    await _set_micro_grid(turn, micro, building)
                    return
            return
    named: dict[str, list[tuple[str, m.MicroGrid]]] = {}
    for community in await ctx.uow.roster.communities(cached=True):
        for micro in await ctx.uow.roster.micro_grids(community.id, cached=True):
            for building in micro.buildings or []:
                if building in text:
                    named.setdefault(building, []).append((community.id, micro))
    places = [(building, found[0]) for building, found in named.items() if len({c for c, _ in found}) == 1]
    if len({community_id for _, (community_id, _) in places}) == 1:
        building, (community_id, micro) = max(places, key=lambda place: len(place[0]))
        resident.community_id = community_id
        await _set_micro_grid(turn, micro, building)


def _names_id(community_id: str, text: str) -> bool:
    """An English writer names a community by its pinyin, which roster ids usually are ("Huixin")."""
    return len(community_id) >= 4 and re.search(rf"(?<![a-z]){re.escape(community_id)}(?![a-z])", text,
                                                re.IGNORECASE) is not None


async def _locate_emergency(turn: Turn, case_id: int) -> None:
    """An emergency opened before registration learns where it is: the community's police
    officer and station head are told at once (they were not, without a community)."""
    ctx, resident = turn.ctx, turn.resident
    case = await ctx.uow.cases.get(case_id, lock=True)
    if case is None or case.resident_id != resident.id or case.state not in OPEN_STATES or \
            resident.community_id is None or case.community_id == resident.community_id:
        return
    case.community_id, case.grid_id, case.micro_grid_id = (resident.community_id, resident.grid_id,
                                                           resident.micro_grid_id)
    cases.record(ctx, case, "resident", "located", community=resident.community_id)
    where = await cases.address(ctx, resident)
    for role in ("police", "station_head"):
        staff = await routing.role_staff(ctx.uow, role, resident)
        if staff is not None and staff.id != case.assignee_id:
            ctx.to_staff(staff, "staff.emergency_located", case, staff_actions.menu("supervise", case, staff.locale),
                         number=case.number, where=where, text=cases.mask(case.text))
    community = await ctx.uow.roster.community(resident.community_id)
    ctx.say("resident.emergency_located", number=case.number, community=community.name if community else "—")


# --------------------------------------------------------------------------- buttons: rg:<step>:…


async def _community(turn: Turn, args: list[str]) -> None:
    communities = await turn.ctx.uow.roster.communities(cached=True)
    idx = int(args[0]) if args and cases.is_id(args[0]) else -1
    if not 0 <= idx < len(communities):
        turn.ctx.say("flow.button_stale")
        return
    resident = turn.resident
    resident.community_id = communities[idx].id
    resident.grid_id = resident.micro_grid_id = resident.building = None
    resident.consented_at = resident.consented_at or turn.ctx.now
    await _ask_building(turn)


async def _building(turn: Turn, args: list[str]) -> None:
    if args == ["skip"]:
        await _ask_phone(turn)
        return
    micro = await turn.ctx.uow.roster.micro_grids(turn.resident.community_id, cached=True)
    try:
        mg = micro[int(args[0])]
        building = (mg.buildings or [])[int(args[1])]
    except (IndexError, ValueError):
        turn.ctx.say("flow.button_stale")
        return
    await _set_micro_grid(turn, mg, building)
    await _ask_phone(turn)


async def _phone_skip(turn: Turn, args: list[str]) -> None:
    await _finish(turn)


# (state, step code) → handler: a button of another step is stale.
_BUTTONS = {
    ("reg_community", "c"): _community,
    ("reg_building", "b"): _building,
    ("reg_phone", "p"): _phone_skip,
}


async def button(turn: Turn) -> None:
    parts = (turn.inc.payload or "").split(":")
    handler = _BUTTONS.get((turn.conv.state, parts[1] if len(parts) > 1 else ""))
    if handler is None:
        turn.ctx.say("flow.button_stale")
        return
    await handler(turn, parts[2:])


# --------------------------------------------------------------------------- location, contact


async def location(turn: Turn) -> None:
    ctx, point = turn.ctx, turn.inc.location
    assert point is not None
    for micro in await ctx.uow.roster.micro_grids(cached=True):
        if geo.contains(micro.polygon or [], point.longitude, point.latitude):
            await _set_micro_grid(turn, micro, None)
            turn.resident.consented_at = turn.resident.consented_at or ctx.now
            grid = await ctx.uow.roster.grid(micro.grid_id)
            ctx.say("resident.location_matched", grid=f"{grid.name if grid else ''} {micro.name}")
            if turn.conv.state in ("start", "reg_community", "reg_building"):
                await _ask_phone(turn)
            return
    ctx.say("resident.location_unknown")


async def contact(turn: Turn) -> None:
    assert turn.inc.contact is not None
    turn.resident.phone = turn.inc.contact.phone.strip()[:32]
    turn.ctx.say("resident.phone_saved")
    if turn.conv.state == "reg_phone":
        await _finish(turn)


# --------------------------------------------------------------------------- typed text


async def _typed(turn: Turn) -> bool:
    """A typed community or building name, handled like its button; False when it is neither."""
    text, ctx = turn.text, turn.ctx
    if turn.conv.state == "reg_community":
        for i, c in enumerate(await ctx.uow.roster.communities(cached=True)):
            if text in (c.name, c.id) or c.name.startswith(text):
                await _community(turn, [str(i)])
                return True
    elif turn.conv.state == "reg_building":
        for i, mg in enumerate(await ctx.uow.roster.micro_grids(turn.resident.community_id, cached=True)):
            for j, b in enumerate(mg.buildings or []):
                if text in (b, b.rstrip("栋"), b.rstrip("栋") + "号楼"):
                    await _building(turn, [str(i), str(j)])
                    return True
    return False


async def text(turn: Turn) -> None:
    """Text while registering: a typed name; before the first registration, anything else is
    kept (and an emergency answered); afterwards (/register again), a hint to use the buttons."""
    if await _typed(turn):
        return
    if turn.resident.registered_at is None:
        await _before_registration(turn)
    else:
        turn.ctx.say("resident.use_buttons")


async def prompt(turn: Turn) -> None:
    """Back to registering: the welcome on a first message, else a hint to use the buttons."""
    if turn.conv.state == "start":
        await welcome(turn)
    else:
        turn.ctx.say("resident.use_buttons")


async def _before_registration(turn: Turn) -> None:
    ctx, text = turn.ctx, turn.text
    if await danger.text(turn):
        return  # the danger question's answer (it prompts for registration itself)
    c = turn.classify(text)
    recent = await report.recent_emergency(ctx, turn.resident) if turn.data.emergency_case else None
    if recent is not None and recent.id == turn.data.emergency_case and report.has_words(text):
        # More words during their emergency go to its holder now, with its numbers to call,
        # not into a report kept until registration.
        await report.emergency(turn, text, c, report.photos_of(turn))
    elif c.urgency == "emergency":
        # Nothing waits for registration: the case opens now, where the text says it happens
        # (else the district centre assigns it); registration then completes it.
        await place(turn, text)
        case = await report.emergency(turn, text, c, report.photos_of(turn))
        if case is not None:
            turn.data.emergency_case = case.id
    elif getattr(c, "danger", "none") == "uncertain":
        # The question first, alone: its buttons are the last ones shown; registration follows the answer.
        await danger.ask(turn, report.emergency_draft(text, c, report.photos_of(turn)))
        return
    elif len(text) >= MIN_KEPT_CHARS and c.category != "other" and report.has_words(text):
        turn.data.pending_text = text
        turn.data.photos = [*turn.data.photos, *report.photos_of(turn)]
        ctx.say("resident.kept_until_registered")
    await prompt(turn)

