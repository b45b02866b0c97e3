"""The danger question: a message that may tell of a danger happening now, or of one already over.

Why a question and not a guess: treated as an emergency, a danger told as background (a fire
last month, a stabbing a year ago) tells the police and the station head at once for nothing;
treated as ordinary, a real one waits for a confirmation. So the resident is shown the numbers
to call at once and asked one question with two buttons. "Yes", or no answer within
``clocks.danger_question_minutes``, takes the emergency path (police and station head told, the
case opened without confirmation); "no" goes on as an ordinary report, urgent where it fits.

The question waits in the conversation data (``data.danger``); a clock row (kind
``danger_question``, no case) names it by token, so a restart does not lose it and an answer
given in time makes the clock a no-op.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

from handlers import outbox, registration, report
from handlers.context import ConvState, Ctx, rows
from handlers.convdata import ConvData, DangerQuestion, Draft
from handlers.messages import Button, Incoming
from handlers.turn import Turn
from storage import models as m

PAYLOAD_PREFIX = "dq"
CLOCK = "danger_question"

# Categories where a past danger to people still calls for quick action after "it is over".
_URGENT_WHEN_CALM = frozenset({"security", "family", "hazard", "minors"})

_PUNCT = re.compile(r"[\s,.!?;:，。！？；：、~～…]+")
_YES = frozenset({"是", "是的", "有", "有危险", "现在有危险", "危险", "对", "yes", "y", "yesindangernow"})
_NO = frozenset({"没有", "没", "否", "不是", "没事", "没事了", "没有危险", "过去了", "已经过去了", "不", "no", "n",
                 "noitisover", "itisover"})


def minutes(ctx: Ctx) -> int:
    return ctx.settings.clocks.danger_question_minutes


def calm_urgency(draft: Draft) -> str:
    """A danger the resident says is over still makes an assault, a family or a hazard report
    urgent: someone was hurt or nearly was."""
    return "high" if draft.urgency == "high" or draft.category in _URGENT_WHEN_CALM else draft.urgency


def _buttons(ctx: Ctx, token: str) -> Any:
    return rows(Button(ctx.tr("btn.danger_yes"), f"{PAYLOAD_PREFIX}:y:{token}"),
                Button(ctx.tr("btn.danger_no"), f"{PAYLOAD_PREFIX}:n:{token}"), per_row=2)


def _say_question(ctx: Ctx, q: DangerQuestion) -> None:
    ctx.say("danger.question", _buttons(ctx, q.token), number=report.numbers_text(ctx, q.draft.numbers),
            minutes=minutes(ctx))


async def ask(turn: Turn, draft: Draft) -> None:
    """The numbers at once and the question; the clock takes the emergency path if no answer comes."""
    ctx = turn.ctx
    q = DangerQuestion(token=uuid.uuid4().hex[:12], draft=draft)
    turn.data.danger = q
    ctx.uow.clocks.add(m.Clock(case_id=None, kind=CLOCK, due_at=ctx.now + timedelta(minutes=minutes(ctx)),
                               state="pending", created_at=ctx.now,
                               data={"channel": ctx.channel, "chat_id": ctx.chat_id, "token": q.token}))
    _say_question(ctx, q)


def _typed_answer(text: str) -> bool | None:
    """A typed yes or no (or a button's label typed out); None for anything else."""
    word = _PUNCT.sub("", text).lower()
    if word in _YES or word.startswith("是，现在") or word.startswith("是现在"):
        return True
    if word in _NO or word.startswith("没有，已经") or word.startswith("没有已经"):
        return False
    return None


async def text(turn: Turn) -> bool:
    """Text while the question waits: a typed answer; a present danger (the emergency path);
    anything else joins the report and the question is asked again. False: no question waits."""
    q = turn.data.danger
    if q is None:
        return False
    answer = _typed_answer(turn.text)
    if answer is not None:
        await _answer(turn, q, answer)
        return True
    q.draft.text = f"{q.draft.text}\n{turn.text}"
    q.draft.photos = [*q.draft.photos, *report.photos_of(turn)]
    c = turn.classify(turn.text)
    if c.urgency == "emergency":
        q.draft.numbers = [*q.draft.numbers, *(n for n in report.emergency_numbers(c) if n not in q.draft.numbers)]
        await _answer(turn, q, True)
        return True
    turn.data.danger = q
    _say_question(turn.ctx, q)
    return True


async def button(turn: Turn) -> None:
    """``dq:y:TOKEN`` / ``dq:n:TOKEN``: the answer to the question with that token."""
    parts = (turn.inc.payload or "").split(":")
    q = turn.data.danger
    if len(parts) != 3 or parts[1] not in ("y", "n") or q is None or parts[2] != q.token:
        turn.ctx.say("flow.button_stale")
        return
    await _answer(turn, q, parts[1] == "y")


async def _answer(turn: Turn, q: DangerQuestion, now: bool) -> None:
    ctx, resident = turn.ctx, turn.resident
    turn.data.danger = None
    registered = resident.registered_at is not None
    if now:
        if not registered:
            await registration.place(turn, q.draft.text)
        case = await report.open_emergency(turn, q.draft)
        if case is not None and not registered:
            turn.data.emergency_case = case.id
    else:
        ctx.say("danger.over")
        if registered:
            await report.submit(turn, q.draft.text, q.draft.photos, calm=True)
        else:
            turn.data.pending_text, turn.data.danger_cleared = q.draft.text, q.draft.text
            turn.data.photos = [*turn.data.photos, *q.draft.photos]
            ctx.say("resident.kept_until_registered")
    if not registered:
        await registration.prompt(turn)


# --------------------------------------------------------------------------- the clock


def _no_classifier(_text: str) -> Any:
    raise RuntimeError("the danger clock does not classify")


async def run_clock(ctx: Ctx, clock: m.Clock) -> None:
    """No answer in time: the emergency path, told to the resident through the outbox. A question
    answered, replaced or forgotten (another token, or none) leaves nothing to do."""
    channel, chat_id, token = (clock.data.get(k) for k in ("channel", "chat_id", "token"))
    if not (channel and chat_id and token):
        return
    chat = await ctx.uow.conversations.open(channel, chat_id, ctx.now)
    conv, resident = chat.conversation, chat.resident
    flow = ConvState(conv.state, ConvData.load(conv.data))
    q = flow.data.danger
    if resident is None or resident.forgotten_at is not None or q is None or q.token != token:
        return
    # The resident's own context: replies are collected, then sent as outbox rows (no update to answer).
    own = Ctx(uow=ctx.uow, now=ctx.now, district=ctx.district, settings=ctx.settings, channel=channel,
              chat_id=chat_id, locale=resident.locale, default_locale=ctx.default_locale)
    inc = Incoming(channel=channel, chat_id=chat_id, user_id=resident.user_id or chat_id,
                   update_id=f"clock:{clock.id}")
    turn = Turn(own, flow, resident, inc, _no_classifier)
    own.say("danger.timeout", minutes=minutes(own))
    await _answer(turn, q, True)
    conv.state, conv.data, conv.updated_at = flow.state, flow.data.dump(), ctx.now
    for reply in own.replies:
        ctx.uow.outbox.add(outbox.new_row(channel, chat_id, reply.text, ctx.now, reply.buttons))
