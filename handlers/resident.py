"""The resident's conversation: welcome and registration, reporting, follow-up answers.

Why a state machine in the database: the conversation row (keyed by channel and chat) holds the
step and the draft, so any worker and any channel continue the same conversation.

States: start -> reg_community -> reg_building -> reg_phone -> idle; from idle a report goes
through report_pick (low confidence) and report_confirm (summary); ask_add decides whether a
message belongs to an open case; survey_comment takes an optional comment after the survey.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import datetime, time, timedelta
from typing import Any

from handlers import cases, geo, privacy, routing
from handlers.cases import category_label
from handlers.context import ConvState, Ctx, rows
from handlers.messages import Button, Incoming
from i18n import normalize_locale
from storage import models as m
from storage.roster_schema import CATEGORIES

log = logging.getLogger(__name__)

MAX_REPORT_CHARS = 2000
MIN_REPORT_CHARS = 2
EMERGENCY_REPEAT = timedelta(hours=1)  # an emergency again within this is the same danger (see _emergency)
Classify = Any  # Callable[[str], Classification]


def _draft_from(text: str, c: Any, photos: list[str]) -> dict[str, Any]:
    return {
        "text": text,
        "category": c.category,
        "urgency": c.urgency,
        "confidence": float(getattr(c, "confidence", 0.0) or 0.0),
        "flags": list(getattr(c, "flags", ()) or ()),
        "alternatives": _alternatives(c),
        "photos": photos,
    }


def _alternatives(c: Any) -> list[str]:
    """Other likely categories, best first; the classifier gives names or (name, score) pairs."""
    out: list[str] = []
    for alt in getattr(c, "alternatives", ()) or ():
        name = alt if isinstance(alt, str) else alt[0]
        if name in CATEGORIES and name != c.category and name not in out:
            out.append(name)
    return out


def _emergency_number(c: Any) -> str:
    service = getattr(c, "emergency_service", None)
    if service in ("110", "119", "120"):
        return str(service)
    return {"hazard": "119"}.get(c.category, "110")


def foreign_script(text: str) -> bool:
    """Letters but none Chinese or Latin: a script we cannot read (Cyrillic, Arabic, Thai …)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    ours = sum(1 for ch in letters if "CJK" in unicodedata.name(ch, "") or ch.isascii())
    return ours == 0


class ResidentFlow:
    def __init__(self, classify: Classify) -> None:
        self.classify = classify

    # ------------------------------------------------------------------ entry

    async def handle(self, ctx: Ctx, conv: ConvState, inc: Incoming, known: m.Resident | None) -> None:
        """``known``: the resident bound to this chat, or None when there is none yet (the dispatcher
        looked it up together with the conversation)."""
        resident = await self._resident(ctx, inc, known)
        if inc.payload:
            await self._button(ctx, conv, resident, inc.payload)
        elif inc.location is not None:
            await self._location(ctx, conv, resident, inc.location.latitude, inc.location.longitude)
        elif inc.contact is not None:
            await self._contact(ctx, conv, resident, inc.contact.phone)
        elif inc.text is not None and inc.text.strip().startswith("/"):
            await self._command(ctx, conv, resident, inc.text.strip())
        elif inc.text is not None and inc.text.strip():
            await self._text(ctx, conv, resident, inc.text.strip(), inc.photo_file_id)
        elif inc.photo_file_id:
            await self._photo(ctx, conv, resident, inc.photo_file_id)
        elif inc.text is not None:
            ctx.say("resident.empty")
        else:
            ctx.say("resident.unsupported")

    async def _resident(self, ctx: Ctx, inc: Incoming, resident: m.Resident | None) -> m.Resident:
        """The chat's resident, created on a first message. Not flushed here (one flush fewer on
        the commonest first update): its ``id`` is None until the next query or the commit, and a
        new resident has nothing yet that could refer to it."""
        if resident is None:
            resident = m.Resident(channel=inc.channel, chat_id=inc.chat_id, user_id=inc.user_id,
                                  display_name=inc.display_name, locale=normalize_locale(inc.locale),
                                  created_at=ctx.now)
            ctx.uow.residents.add(resident)
        elif inc.locale:
            resident.locale = normalize_locale(inc.locale)
        ctx.locale = resident.locale
        return resident

    # ------------------------------------------------------------------ registration

    async def welcome(self, ctx: Ctx, conv: ConvState) -> None:
        """The greeting and the community buttons in one message: a new resident reads one screen,
        and the commonest first update costs one Bot API call instead of two."""
        await self._ask_community(ctx, conv, intro=ctx.tr("resident.welcome"))

    async def _ask_community(self, ctx: Ctx, conv: ConvState, intro: str = "") -> None:
        communities = await ctx.uow.roster.communities(cached=True)
        buttons = rows(*(Button(c.name, f"rg:c:{i}") for i, c in enumerate(communities)), per_row=2)
        question = ctx.tr("resident.ask_community")
        ctx.reply(f"{intro}\n\n{question}" if intro else question, buttons)
        conv.state = "reg_community"

    async def _ask_building(self, ctx: Ctx, conv: ConvState, resident: m.Resident) -> None:
        micro = await ctx.uow.roster.micro_grids(resident.community_id, cached=True)
        buttons = [Button(b, f"rg:b:{i}:{j}") for i, mg in enumerate(micro) for j, b in enumerate(mg.buildings or [])]
        buttons.append(Button(ctx.tr("btn.skip"), "rg:b:skip"))
        ctx.reply(ctx.tr("resident.ask_building"), rows(*buttons, per_row=4), request_location=True)
        conv.state = "reg_building"

    async def _ask_phone(self, ctx: Ctx, conv: ConvState) -> None:
        ctx.reply(ctx.tr("resident.ask_phone"), rows(Button(ctx.tr("btn.skip"), "rg:p:skip")), request_contact=True)
        conv.state = "reg_phone"

    async def _set_micro_grid(self, ctx: Ctx, resident: m.Resident, micro: m.MicroGrid, building: str | None) -> None:
        grid = await ctx.uow.roster.grid(micro.grid_id)
        resident.micro_grid_id, resident.grid_id, resident.building = micro.id, micro.grid_id, building
        if grid is not None:
            resident.community_id = grid.community_id

    async def _finish_registration(self, ctx: Ctx, conv: ConvState, resident: m.Resident) -> None:
        resident.registered_at = resident.registered_at or ctx.now
        conv.state = "idle"
        community = await ctx.uow.roster.community(resident.community_id) if resident.community_id else None
        ctx.say("resident.registered", community=community.name if community else "—")
        pending = conv.data.pop("pending_text", None)
        if pending:
            await self._report(ctx, conv, resident, pending, conv.data.pop("photos", []))

    async def _registration_button(self, ctx: Ctx, conv: ConvState, resident: m.Resident, parts: list[str]) -> None:
        kind = parts[1] if len(parts) > 1 else ""
        if kind == "c" and conv.state == "reg_community":
            communities = await ctx.uow.roster.communities(cached=True)
            idx = int(parts[2]) if len(parts) > 2 and cases.is_id(parts[2]) else -1
            if not 0 <= idx < len(communities):
                ctx.say("flow.button_stale")
                return
            resident.community_id = communities[idx].id
            resident.grid_id = resident.micro_grid_id = resident.building = None
            resident.consented_at = resident.consented_at or ctx.now
            await self._ask_building(ctx, conv, resident)
        elif kind == "b" and conv.state == "reg_building":
            if parts[2:] == ["skip"]:
                await self._ask_phone(ctx, conv)
                return
            micro = await ctx.uow.roster.micro_grids(resident.community_id, cached=True)
            try:
                mg = micro[int(parts[2])]
                building = (mg.buildings or [])[int(parts[3])]
            except (IndexError, ValueError):
                ctx.say("flow.button_stale")
                return
            await self._set_micro_grid(ctx, resident, mg, building)
            await self._ask_phone(ctx, conv)
        elif kind == "p" and conv.state == "reg_phone":
            await self._finish_registration(ctx, conv, resident)
        else:
            ctx.say("flow.button_stale")

    async def _location(self, ctx: Ctx, conv: ConvState, resident: m.Resident, lat: float, lon: float) -> None:
        for micro in await ctx.uow.roster.micro_grids(cached=True):
            if geo.contains(micro.polygon or [], lon, lat):
                await self._set_micro_grid(ctx, resident, micro, None)
                resident.consented_at = resident.consented_at or ctx.now
                grid = await ctx.uow.roster.grid(micro.grid_id)
                ctx.say("resident.location_matched", grid=f"{grid.name if grid else ''} {micro.name}")
                if conv.state in ("start", "reg_community", "reg_building"):
                    await self._ask_phone(ctx, conv)
                return
        ctx.say("resident.location_unknown")

    async def _contact(self, ctx: Ctx, conv: ConvState, resident: m.Resident, phone: str) -> None:
        resident.phone = phone.strip()[:32]
        if conv.state == "reg_phone":
            ctx.say("resident.phone_saved")
            await self._finish_registration(ctx, conv, resident)
        else:
            ctx.say("resident.phone_saved")

    # ------------------------------------------------------------------ commands

    async def _command(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str) -> None:
        command, _, arg = text.partition(" ")
        command = command.split("@")[0].lower()
        arg = arg.strip()
        if command == "/start":
            if resident.registered_at is None:
                await self.welcome(ctx, conv)
            else:
                ctx.say("resident.help")
        elif command == "/help":
            ctx.reply(ctx.tr("resident.help") + "\n" + ctx.tr("privacy.help_line"))
        elif command == "/mydata":
            await privacy.my_data(ctx, conv, resident)
        elif command == "/forget":
            await privacy.ask_forget(ctx, conv, resident)
        elif command == "/register":
            await self._ask_community(ctx, conv)
        elif command == "/mycases":
            await self._my_cases(ctx, resident)
        elif command == "/case":
            await self._show_case(ctx, resident, arg)
        elif command == "/cancel":
            conv.state = "idle" if resident.registered_at else conv.state
            conv.data.pop("draft", None)
            ctx.say("resident.cancelled")
        else:
            ctx.say("flow.unknown_command", command=command)

    async def _my_cases(self, ctx: Ctx, resident: m.Resident) -> None:
        mine = await ctx.uow.cases.of_resident(resident.id)
        if not mine:
            ctx.say("resident.no_cases")
            return
        lines = [ctx.tr("resident.case_line", number=c.number, category=category_label(c.category, ctx.locale),
                        state=cases.state_label(c.state, ctx.locale)) for c in mine[:10]]
        buttons = rows(*(Button(c.number, cases.payload(c, "v")) for c in mine[:10]), per_row=2)
        ctx.reply(ctx.tr("resident.my_cases") + "\n" + "\n".join(lines), buttons)

    async def _find_own(self, ctx: Ctx, resident: m.Resident, ref: str) -> m.Case | None:
        ref = ref.strip().upper()
        mine = await ctx.uow.cases.of_resident(resident.id)
        for c in mine:
            if ref and (c.number.upper() == ref or c.number.upper().endswith(ref) or str(c.id) == ref):
                return c
        return None

    async def _show_case(self, ctx: Ctx, resident: m.Resident, ref: str) -> None:
        case = await self._find_own(ctx, resident, ref) if ref else None
        if case is None:
            ctx.say("resident.case_not_found", ref=ref or "?")
            return
        await self._view(ctx, resident, case)

    async def _view(self, ctx: Ctx, resident: m.Resident, case: m.Case) -> None:
        history = []
        for ev in await ctx.uow.cases.events(case.id):
            if ev.action in _HISTORY:
                history.append(f"· {ctx.when(ev.at)} {ctx.tr('resident.history.' + ev.action)}")
        for note in await ctx.uow.cases.notes(case.id):
            if note.kind == "progress" and note.visible_to_resident:
                history.append(f"· {ctx.when(note.at)} {note.text}")
        buttons = rows(Button(ctx.tr("btn.withdraw"), cases.payload(case, "wd"))) if case.state in cases.OPEN_STATES else ()
        ctx.reply(ctx.tr("resident.case_view", number=case.number, category=category_label(case.category, ctx.locale),
                         state=cases.state_label(case.state, ctx.locale), holder=await cases.holder_name(ctx, case),
                         due=ctx.when(case.resolution_due), outcome=cases.outcome_label(case.outcome, ctx.locale))
                  + "\n" + "\n".join(history), buttons)

    # ------------------------------------------------------------------ text and photos

    async def _text(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str, photo: str | None) -> None:
        if len(text) > MAX_REPORT_CHARS:
            ctx.say("resident.too_long", limit=MAX_REPORT_CHARS)
            return
        if foreign_script(text):
            ctx.say("resident.foreign_script")
            return
        photos = [photo] if photo else []
        if conv.state == "survey_comment":
            await self._survey_comment(ctx, conv, resident, text)
            return
        if resident.registered_at is None:
            await self._text_before_registration(ctx, conv, resident, text, photos)
            return
        if conv.state == "reg_community" or conv.state.startswith("reg_"):
            await self._registration_text(ctx, conv, resident, text)
            return
        draft = conv.data.pop("draft", None)
        if draft and conv.state in ("report_pick", "report_confirm"):
            # A second message before confirming continues the same report: nothing is dropped.
            text, photos = f"{draft['text']}\n{text}", [*draft.get("photos", []), *photos]
        if conv.state == "ask_add" and conv.data.get("pending_text"):
            text = f"{conv.data.pop('pending_text')}\n{text}"
        conv.state = "idle"
        await self._report(ctx, conv, resident, text, photos + conv.data.pop("photos", []))

    async def _registration_text(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str) -> bool:
        """A typed community or building name works like its button."""
        if conv.state == "reg_community":
            for i, c in enumerate(await ctx.uow.roster.communities(cached=True)):
                if text in (c.name, c.id) or c.name.startswith(text):
                    await self._registration_button(ctx, conv, resident, ["rg", "c", str(i)])
                    return True
        elif conv.state == "reg_building":
            for i, mg in enumerate(await ctx.uow.roster.micro_grids(resident.community_id, cached=True)):
                for j, b in enumerate(mg.buildings or []):
                    if text in (b, b.rstrip("栋"), b.rstrip("栋") + "号楼"):
                        await self._registration_button(ctx, conv, resident, ["rg", "b", str(i), str(j)])
                        return True
        ctx.say("resident.use_buttons")
        return False

    async def _text_before_registration(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str,
                                        photos: list[str]) -> None:
        """An emergency is answered before anything else; a report is kept until registration ends."""
        if conv.state.startswith("reg_") and await self._registration_text_quiet(ctx, conv, resident, text):
            return
        c = self.classify(text)
        if c.urgency == "emergency":
            ctx.say("resident.emergency", number=_emergency_number(c))
            centre = await routing.centre(ctx.uow)
            if centre is not None:
                ctx.to_staff(centre, "staff.emergency_unregistered", text=text)
        if len(text) >= 4 and c.category != "other":
            conv.data["pending_text"] = text
            conv.data["photos"] = conv.data.get("photos", []) + photos
            ctx.say("resident.kept_until_registered")
        if conv.state == "start":
            await self.welcome(ctx, conv)
        else:
            ctx.say("resident.use_buttons")

    async def _registration_text_quiet(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str) -> bool:
        before = len(ctx.replies)
        if await self._registration_text(ctx, conv, resident, text):
            return True
        del ctx.replies[before:]  # drop the "use the buttons" hint; the caller answers instead
        return False

    async def _photo(self, ctx: Ctx, conv: ConvState, resident: m.Resident, file_id: str) -> None:
        open_case = await self._latest_open(ctx, resident)
        if open_case is not None:
            ctx.uow.cases.add(m.CaseNote(case_id=open_case.id, at=ctx.now, author="resident", kind="photo",
                                         file_id=file_id))
            cases.record(ctx, open_case, "resident", "added", kind="photo")
            await self._tell_holder_added(ctx, open_case, ctx.tr("resident.photo_word"))
            ctx.say("resident.photo_added", number=open_case.number)
            return
        draft = conv.data.get("draft")
        if draft is not None:
            draft["photos"] = [*draft.get("photos", []), file_id]
        else:
            conv.data["photos"] = [*conv.data.get("photos", []), file_id]
        ctx.say("resident.photo_kept")

    async def _latest_open(self, ctx: Ctx, resident: m.Resident) -> m.Case | None:
        for c in await ctx.uow.cases.of_resident(resident.id):
            if c.state in cases.OPEN_STATES:
                return c
        return None

    async def _add_to(self, ctx: Ctx, case: m.Case, text: str, photos: list[str]) -> None:
        """More words (and photos) for an open case: kept as notes, and its holder is told."""
        ctx.uow.cases.add(m.CaseNote(case_id=case.id, at=ctx.now, author="resident", kind="text", text=text))
        for file_id in photos:
            ctx.uow.cases.add(m.CaseNote(case_id=case.id, at=ctx.now, author="resident", kind="photo", file_id=file_id))
        cases.record(ctx, case, "resident", "added", note=text)
        await self._tell_holder_added(ctx, case, text)

    async def _tell_holder_added(self, ctx: Ctx, case: m.Case, text: str) -> None:
        holder = await cases.assignee_or_head(ctx, case)
        if holder is not None:
            shown = text if case.accepted_at else cases.mask(text)
            ctx.to_staff(holder, "staff.resident_added", case, number=case.number, text=shown)

    # ------------------------------------------------------------------ reporting

    async def _report(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str, photos: list[str]) -> None:
        if len(text) < MIN_REPORT_CHARS:
            ctx.say("resident.too_short")
            return
        c = self.classify(text)
        if c.urgency == "emergency":
            await self._emergency(ctx, conv, resident, text, c, photos)
            return
        open_case = await self._latest_open(ctx, resident)
        if open_case is not None and conv.state != "ask_add_new":
            conv.data["pending_text"] = text
            conv.data["photos"] = photos
            conv.state = "ask_add"
            ctx.say("resident.ask_add", rows(Button(ctx.tr("btn.add_to_case", number=open_case.number), "a:add"),
                                             Button(ctx.tr("btn.new_case"), "a:new")), number=open_case.number)
            return
        conv.state = "idle"
        if c.category == "other" and not c.low_confidence:
            await self._not_ours(ctx, conv, resident, text, c)
            return
        draft = _draft_from(text, c, photos)
        conv.data["draft"] = draft
        if c.low_confidence:
            choices = [c.category, *draft["alternatives"]][:2]
            buttons = [Button(category_label(x, ctx.locale), f"d:cat:{x}") for x in choices if x != "other"]
            buttons.append(Button(ctx.tr("btn.other"), "d:cat:other"))
            conv.state = "report_pick"
            ctx.say("resident.pick_category", rows(*buttons))
            return
        await self._summary(ctx, conv, resident, draft)

    async def _not_ours(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str, c: Any) -> None:
        decision = await routing.decide(ctx.uow, resident, c.category, c.urgency, list(c.flags or ()))
        if decision.none:
            ctx.say("resident.not_a_case")
            return
        draft = _draft_from(text, c, [])
        conv.data["draft"] = draft
        await self._summary(ctx, conv, resident, draft)

    async def _summary(self, ctx: Ctx, conv: ConvState, resident: m.Resident, draft: dict[str, Any]) -> None:
        decision = await routing.decide(ctx.uow, resident, draft["category"], draft["urgency"], draft["flags"])
        if decision.none:
            conv.state = "idle"
            conv.data.pop("draft", None)
            ctx.say("resident.not_handled", category=category_label(draft["category"], ctx.locale))
            return
        conv.state = "report_confirm"
        ctx.say("resident.summary",
                rows(Button(ctx.tr("btn.confirm"), "d:ok"), Button(ctx.tr("btn.edit"), "d:edit")),
                category=category_label(draft["category"], ctx.locale),
                holder=self._decision_label(ctx, decision),
                contact_by=ctx.when(ctx.now + _contact_within(ctx, draft["urgency"])),
                text=draft["text"])

    def _decision_label(self, ctx: Ctx, d: routing.Decision) -> str:
        if d.department is not None:
            return ctx.tr("resident.holder_dept", dept=d.department.name, hotline=d.department.hotline or "—")
        if d.room is not None:
            return d.room.name
        if d.assignee is not None:
            return cases.staff_label(d.assignee, ctx.locale)
        return "—"

    async def _emergency(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str, c: Any,
                         photos: list[str]) -> None:
        """Tell them whom to call first; then open the case at once (no confirmation step).

        The same resident's emergency again while their emergency case of the last hour is open is
        the same danger told twice (someone who heard nothing back writes again): it goes to that
        case's holder at once as an addition, not into a second case that alerts the police twice."""
        ctx.say("resident.emergency", number=_emergency_number(c))
        recent = await self._latest_open(ctx, resident)
        if recent is not None and recent.urgency == "emergency" and ctx.now - recent.created_at < EMERGENCY_REPEAT:
            conv.state = "idle"
            await self._add_to(ctx, recent, text, photos)
            ctx.say("resident.emergency_added", number=recent.number, holder=await cases.holder_name(ctx, recent))
            return
        decision = await routing.decide(ctx.uow, resident, c.category, "emergency", list(c.flags or ()))
        case = await cases.open_case(ctx, resident, _draft_from(text, c, photos), decision)
        conv.state = "idle"
        ctx.say("resident.emergency_case", number=case.number,
                holder=await cases.holder_name(ctx, case))

    async def _confirm(self, ctx: Ctx, conv: ConvState, resident: m.Resident) -> None:
        draft = conv.data.get("draft")
        if conv.state != "report_confirm" or not draft:
            ctx.say("flow.button_stale")
            return
        if await self._over_limit(ctx, resident):
            ctx.say("resident.limit", limit=ctx.settings.limits.cases_per_day)
            return
        decision = await routing.decide(ctx.uow, resident, draft["category"], draft["urgency"], draft["flags"])
        if decision.none:
            ctx.say("resident.not_handled", category=category_label(draft["category"], ctx.locale))
            conv.state = "idle"
            return
        case = await cases.open_case(ctx, resident, draft, decision)
        conv.data.pop("draft", None)
        conv.state = "idle"
        if case.state == "referred":
            ctx.say("resident.case_referred", number=case.number, holder=self._decision_label(ctx, decision),
                    due=ctx.when(case.resolution_due))
        else:
            ctx.say("resident.case_opened", number=case.number, holder=await cases.holder_name(ctx, case),
                    contact_by=ctx.when(ctx.now + _contact_within(ctx, case.urgency)), due=ctx.when(case.resolution_due))

    async def _over_limit(self, ctx: Ctx, resident: m.Resident) -> bool:
        local_midnight = datetime.combine(ctx.local(ctx.now).date(), time(0), tzinfo=ctx.tz)
        count = await ctx.uow.cases.count_created_since(resident.id, local_midnight)
        return count >= ctx.settings.limits.cases_per_day

    # ------------------------------------------------------------------ buttons

    async def _button(self, ctx: Ctx, conv: ConvState, resident: m.Resident, data: str) -> None:
        parts = data.split(":")
        if parts[0] == "rg":
            await self._registration_button(ctx, conv, resident, parts)
        elif parts[0] == "d":
            await self._draft_button(ctx, conv, resident, parts)
        elif parts[0] == "a":
            await self._add_button(ctx, conv, resident, parts)
        elif parts[0] == privacy.PAYLOAD_PREFIX:
            await privacy.forget_button(ctx, conv, resident, parts)
        elif (press := cases.parse(data)) is not None:
            await self._case_button(ctx, conv, resident, press)
        else:
            log.info("refused button %r from resident %s: not a payload we send", data[:64], resident.id)
            ctx.say("flow.button_stale")

    async def _draft_button(self, ctx: Ctx, conv: ConvState, resident: m.Resident, parts: list[str]) -> None:
        draft = conv.data.get("draft")
        action = parts[1] if len(parts) > 1 else ""
        if action == "ok":
            await self._confirm(ctx, conv, resident)
        elif draft is None or conv.state not in ("report_pick", "report_confirm", "report_edit"):
            ctx.say("flow.button_stale")
        elif action == "cat" and len(parts) > 2 and parts[2] in CATEGORIES:
            draft["category"] = parts[2]
            await self._summary(ctx, conv, resident, draft)
        elif action == "edit":
            buttons = [Button(category_label(c, ctx.locale), f"d:cat:{c}") for c in CATEGORIES]
            buttons.append(Button(ctx.tr("btn.rewrite"), "d:redo"))
            conv.state = "report_edit"
            ctx.say("resident.edit", rows(*buttons))
        elif action == "redo":
            conv.data.pop("draft", None)
            conv.state = "idle"
            ctx.say("resident.rewrite")
        else:
            ctx.say("flow.button_stale")

    async def _add_button(self, ctx: Ctx, conv: ConvState, resident: m.Resident, parts: list[str]) -> None:
        text = conv.data.get("pending_text")
        if conv.state != "ask_add" or not text:
            ctx.say("flow.button_stale")
            return
        photos = conv.data.pop("photos", [])
        conv.data.pop("pending_text", None)
        open_case = await self._latest_open(ctx, resident)
        if parts[1:2] == ["add"] and open_case is not None:
            conv.state = "idle"
            await self._add_to(ctx, open_case, text, photos)
            ctx.say("resident.added", number=open_case.number)
        else:
            conv.state = "ask_add_new"
            await self._report(ctx, conv, resident, text, photos)

    async def _case_button(self, ctx: Ctx, conv: ConvState, resident: m.Resident, press: cases.Press) -> None:
        case = await ctx.uow.cases.get(press.case_id, lock=True)
        if case is None or case.resident_id != resident.id:
            log.warning("refused %s on case id %s by resident %s: not their case", press.action, press.case_id,
                        resident.id)
            ctx.say("flow.button_not_yours")
            return
        if press.action == "v":
            await self._view(ctx, resident, case)
        elif press.action == "wd":
            if case.state not in cases.OPEN_STATES:
                ctx.say("resident.cannot_withdraw", state=cases.state_label(case.state, ctx.locale))
                return
            await cases.withdraw(ctx, case)
            ctx.say("resident.withdrawn", number=case.number)
        elif press.action == "sv":
            await self._survey_answer(ctx, conv, case, press.args)
        elif press.action == "ag":
            await self._agreement_answer(ctx, case, press.args)
        else:
            log.warning("refused staff action %s on %s by resident %s", press.action[:16], case.number, resident.id)
            ctx.say("flow.button_not_yours")

    # ------------------------------------------------------------------ follow-up answers

    async def _survey_answer(self, ctx: Ctx, conv: ConvState, case: m.Case, args: tuple[str, ...]) -> None:
        answer = {"s": "satisfied", "b": "basic", "u": "unsatisfied"}.get(args[0] if args else "")
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
        conv.state = "survey_comment"
        conv.data["survey_case"] = case.id

    async def _survey_comment(self, ctx: Ctx, conv: ConvState, resident: m.Resident, text: str) -> None:
        conv.state = "idle"
        case_id = conv.data.pop("survey_case", None)
        case = await ctx.uow.cases.get(case_id) if case_id else None
        if case is None or case.resident_id != resident.id:
            await self._report(ctx, conv, resident, text, [])
            return
        case.satisfaction_comment = text
        cases.record(ctx, case, "resident", "survey_comment", note=text)
        if case.state == "reopened":
            holder = await cases.assignee_or_head(ctx, case)
            if holder is not None:
                ctx.to_staff(holder, "staff.survey_comment", case, number=case.number, text=text)
        ctx.say("resident.comment_saved")

    async def _agreement_answer(self, ctx: Ctx, case: m.Case, args: tuple[str, ...]) -> None:
        current = len(args) > 1 and args[1] == str(case.reopen_count)
        if not args or args[0] not in ("y", "n") or not current or case.state not in ("closed", "settled") \
                or case.outcome != "mediated":
            ctx.say("resident.survey_stale", number=case.number)
            return
        done = [e for e in await ctx.uow.cases.events(case.id) if e.action == "agreement_answered"
                and e.data.get("round") == case.reopen_count]
        if done:
            ctx.say("resident.survey_stale", number=case.number)
            return
        cases.record(ctx, case, "resident", "agreement_answered", kept=args[0] == "y", round=case.reopen_count)
        if args[0] == "y":
            ctx.say("resident.agreement_thanks")
        else:
            await cases.reopen(ctx, case, "resident", "agreement_broken")
            ctx.say("resident.agreement_reopened", number=case.number)


def _contact_within(ctx: Ctx, urgency: str) -> Any:
    from handlers import clocks

    return clocks.sign_for_after(ctx.settings, urgency) + ctx.settings.clocks.first_contact


_HISTORY = ("opened", "routed", "accepted", "in_progress", "first_contact", "closed", "reopened", "withdrawn",
            "reassigned", "survey_answered", "resident_told", "added")
