"""A resident's language: from their first message, the channel's hint, or ``/lang``.

Why a script check and not a language model: the only question is zh or en, and the first
message answers it cheaply (Han characters → zh; Latin letters and no Han → en). Once set, the
language changes only by ``/lang``: a client's language hint on every update would undo a choice.
"""

from __future__ import annotations

from handlers import registration
from handlers.context import rows
from handlers.messages import Button
from handlers.turn import Turn
from i18n import normalize_locale
from vocab import LOCALES

PAYLOAD_PREFIX = "lang"
_LATIN_SHARE = 0.8  # of the letters, for a text to count as English
_NAMES = {"zh": "中文", "en": "English"}  # each in its own language: a reader finds theirs


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def detect(text: str | None) -> str | None:
    """``zh`` when the text holds Han characters, ``en`` when its letters are mostly Latin, else None."""
    letters = [ch for ch in text or "" if ch.isalpha()]
    if not letters:
        return None
    if any(is_han(ch) for ch in letters):
        return "zh"
    latin = sum(1 for ch in letters if ch.isascii())
    return "en" if latin >= 2 and latin >= _LATIN_SHARE * len(letters) else None


def first_locale(text: str | None, hint: str | None, default: str) -> str:
    """A new resident's language: what they wrote (a command is no sign of it), else what their
    client says, else the default."""
    written = None if (text or "").lstrip().startswith("/") else detect(text)
    return written or (normalize_locale(hint) if hint else default)


async def command(turn: Turn, arg: str) -> None:
    """``/lang``: two buttons; ``/lang en`` sets it at once."""
    wanted = normalize_locale(arg) if arg.lower()[:2] in LOCALES else None
    if wanted is not None:
        await _set(turn, wanted)
        return
    turn.ctx.say("resident.lang_ask", rows(*(Button(_NAMES[code], f"{PAYLOAD_PREFIX}:{code}") for code in LOCALES)))


async def button(turn: Turn) -> None:
    code = (turn.inc.payload or "").partition(":")[2]
    if code not in LOCALES:
        turn.ctx.say("flow.button_stale")
        return
    await _set(turn, code)


async def _set(turn: Turn, code: str) -> None:
    turn.resident.locale = turn.ctx.locale = code
    turn.ctx.say("resident.lang_set")
    if turn.conv.state in ("start", "reg_community"):  # the question they could not read, again
        await registration.ask_community(turn)
