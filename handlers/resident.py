"""The resident's conversation: a (state × event) table over small flow modules.

Why a state machine in the database: the conversation row (keyed by channel and chat) holds the
step and the typed data (``handlers.convdata``), so any worker and any channel continue the same
conversation. The steps live in ``registration`` (welcome, community, building, phone),
``report`` (draft, summary, confirmation, add-to-case), ``followup`` (survey, agreement),
``resident_cases`` (/mycases, /case, withdraw), ``language`` (/lang) and ``privacy`` (/mydata,
/forget). This module only decides which step an update goes to.
"""

from __future__ import annotations

import logging
import unicodedata

from handlers import cases, danger, followup, language, privacy, registration, report, resident_cases
from handlers.actions import Command, Commands, split_command
from handlers.context import ConvState, Ctx
from handlers.messages import Incoming
from handlers.resident_actions import RESIDENT
from handlers.turn import Classify, Step, Turn
from storage import models as m

log = logging.getLogger(__name__)

MAX_REPORT_CHARS = 2000


def foreign_script(text: str) -> bool:
    """Letters but none Chinese or Latin: a script we cannot read (Cyrillic, Arabic, Thai …)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    ours = sum(1 for ch in letters if "CJK" in unicodedata.name(ch, "") or ch.isascii())
    return ours == 0


def event_of(inc: Incoming) -> str:
    """What kind of update this is: the column of the table."""
    text = (inc.text or "").strip()
    if inc.payload:
        return "button"
    if inc.location is not None:
        return "location"
    if inc.contact is not None:
        return "contact"
    if text.startswith("/"):
        return "command"
    if text:
        return "text"
    if inc.photo_file_id:
        return "photo"
    return "empty" if inc.text is not None else "unsupported"


# --------------------------------------------------------------------------- events every state handles


def _saying(key: str) -> Step:
    async def step(turn: Turn) -> None:
        turn.ctx.say(key)
    return step


async def _button(turn: Turn) -> None:
    prefix = (turn.inc.payload or "").split(":")[0]
    step = _BUTTONS.get(prefix)
    if step is not None:
        await step(turn)
    elif (press := cases.parse(turn.inc.payload or "")) is not None:
        await _case_button(turn, press)
    else:
        log.info("refused button %r from resident %s: not a payload we send", (turn.inc.payload or "")[:64],
                 turn.resident.id)
        turn.ctx.say("flow.button_stale")


async def _case_button(turn: Turn, press: cases.Press) -> None:
    ctx, resident = turn.ctx, turn.resident
    action = RESIDENT.get(press.action)
    case = await ctx.uow.cases.get(press.case_id, lock=True) if action is not None else None
    if case is None or case.resident_id != resident.id:
        log.warning("refused %s on case id %s by resident %s: not their case", press.action[:16], press.case_id,
                    resident.id)
        ctx.say("flow.button_not_yours")
        return
    assert action is not None
    if case.state not in action.states:
        ctx.say(action.refused or "flow.button_stale", number=case.number,
                state=cases.state_label(case.state, ctx.locale))
        return
    await action.run(turn, case, press.args)


async def _command(turn: Turn) -> None:
    name, arg = split_command(turn.text)
    command = COMMANDS.get(name)
    if command is None:
        turn.ctx.say("flow.unknown_command", command=name)
        return
    await command.run(turn, arg)


async def _text(turn: Turn) -> None:
    """Checks every text passes, then the state's own step."""
    text = turn.text
    if len(text) > MAX_REPORT_CHARS:
        turn.ctx.say("resident.too_long", limit=MAX_REPORT_CHARS)
    elif foreign_script(text):
        turn.ctx.say("resident.foreign_script")
    elif turn.resident.registered_at is None:
        await registration.text(turn)
    elif turn.data.danger is not None:
        await danger.text(turn)
    elif not report.has_words(text):
        await report.no_words(turn)
    else:
        await _TEXT.get(turn.conv.state, report.text)(turn)


# Prefix of a button payload → the module that sent it.
_BUTTONS: dict[str, Step] = {
    "rg": registration.button,
    "d": report.draft_button,
    "a": report.add_button,
    danger.PAYLOAD_PREFIX: danger.button,
    privacy.PAYLOAD_PREFIX: privacy.button,
    language.PAYLOAD_PREFIX: language.button,
}

# A registered resident's text, by state (the rest: a report).
_TEXT: dict[str, Step] = {
    "survey_comment": followup.survey_comment,
    "reg_community": registration.text,
    "reg_building": registration.text,
    "reg_phone": registration.text,
}

# Event → step, whatever the state (text is split by state in ``_text``).
TABLE: dict[str, Step] = {
    "button": _button,
    "location": registration.location,
    "contact": registration.contact,
    "command": _command,
    "text": _text,
    "photo": report.photo,
    "empty": _saying("resident.empty"),
    "unsupported": _saying("resident.unsupported"),
}


# --------------------------------------------------------------------------- commands


async def _start(turn: Turn, arg: str) -> None:
    if turn.resident.registered_at is None:
        if not await registration.start_in(turn, arg):
            await registration.welcome(turn)
    else:
        await _help(turn, arg)


async def _help(turn: Turn, arg: str) -> None:
    ctx = turn.ctx
    ctx.reply("\n".join([ctx.tr("resident.help"), *COMMANDS.help_lines(turn.resident, ctx.locale)]))


async def _register(turn: Turn, arg: str) -> None:
    await registration.ask_community(turn)


async def _cancel(turn: Turn, arg: str) -> None:
    state = "idle" if turn.resident.registered_at else turn.conv.state
    turn.conv.reset(state)
    turn.ctx.say("resident.cancelled")


async def _my_data(turn: Turn, arg: str) -> None:
    await privacy.my_data(turn.ctx, turn.conv, turn.resident)


async def _forget(turn: Turn, arg: str) -> None:
    await privacy.ask_forget(turn.ctx, turn.conv, turn.resident)


COMMANDS = Commands(
    Command("/start", _start),
    Command("/help", _help),
    Command("/mycases", resident_cases.my_cases, "help.resident.mycases"),
    Command("/case", resident_cases.show_case, "help.resident.case"),
    Command("/register", _register, "help.resident.register"),
    Command("/lang", language.command, "help.resident.lang"),
    Command("/cancel", _cancel, "help.resident.cancel"),
    Command("/mydata", _my_data, "help.resident.mydata"),
    Command("/forget", _forget, "help.resident.forget"),
)


# --------------------------------------------------------------------------- entry


class ResidentFlow:
    def __init__(self, classify: Classify) -> None:
        self.classify = classify

    async def handle(self, ctx: Ctx, conv: ConvState, inc: Incoming, known: m.Resident | None) -> None:
        """``known``: the resident bound to this chat, or None when there is none yet (the dispatcher
        looked it up together with the conversation)."""
        event = event_of(inc)
        resident = _resident(ctx, inc, known, keep=event != "command" or split_command(inc.text or "")[0] == "/lang")
        await TABLE[event](Turn(ctx, conv, resident, inc, self.classify))


def _resident(ctx: Ctx, inc: Incoming, resident: m.Resident | None, *, keep: bool) -> m.Resident:
    """The chat's resident, created on a first message. Not flushed here (one flush fewer on
    the commonest first update): its ``id`` is None until the next query or the commit, and a
    new resident has nothing yet that could refer to it.

    A command (/start, /help, /mydata, /forget …) from a chat with no resident stores nothing
    (``keep`` False): the resident stays unsaved, so asking what linli keeps, for instance right
    after /forget, does not itself create a record."""
    if resident is None:
        resident = m.Resident(channel=inc.channel, chat_id=inc.chat_id, user_id=inc.user_id,
                              display_name=inc.display_name, created_at=ctx.now,
                              locale=language.first_locale(inc.text, inc.locale, ctx.default_locale))
        if keep:
            ctx.uow.residents.add(resident)
    ctx.locale = resident.locale
    return resident
