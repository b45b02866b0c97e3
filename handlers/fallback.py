"""What a channel cannot carry, rendered in text: the shared fallback for every channel.

Buttons on a channel without buttons become numbered lines ("回复 1：确认提交"), and the reply
"1" (or the option's text) presses that button. A text longer than the channel's ``max_text``
goes in several messages. The runtime applies this from the channel's ``Capabilities``, so a new
channel gets it by declaring ``buttons=False``; the core never needs to know.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from handlers.messages import Button, Incoming, Outgoing
from i18n import t

_CJK = re.compile(r"[\u3400-\u9fff]")


def locale_of(text: str) -> str:
    """The language a rendered text is in (the core rendered it in the reader's language)."""
    return "zh" if _CJK.search(text) else "en"


def numbered(outgoing: Outgoing) -> Outgoing:
    """The buttons as numbered lines under the text, with a hint how to answer."""
    buttons = outgoing.flat_buttons()
    if not buttons:
        return outgoing
    locale = locale_of(outgoing.text)
    lines = [outgoing.text] if outgoing.text else []
    lines += [f"{t('channel.reply_number', locale, number=i)}: {b.label}" for i, b in enumerate(buttons, start=1)]
    lines.append(t("channel.numbered_hint", locale))
    return replace(outgoing, text="\n".join(lines), buttons=())


def pressed(text: str, buttons: tuple[Button, ...]) -> Button | None:
    """The button a typed answer names: its number (from 1) or its label; None for other text."""
    answer = text.strip().rstrip(".。")
    if answer.isdigit() and 1 <= int(answer) <= len(buttons):
        return buttons[int(answer) - 1]
    folded = answer.casefold()
    return next((b for b in buttons if b.label.strip().casefold() == folded), None)


def chunks(outgoing: Outgoing, max_text: int) -> list[Outgoing]:
    """A text the channel cannot carry in one message, in several (buttons on the last)."""
    if len(outgoing.text) <= max_text or max_text <= 0:
        return [outgoing]
    pieces = [outgoing.text[i:i + max_text] for i in range(0, len(outgoing.text), max_text)]
    return [replace(outgoing, text=p, buttons=(), document=None) for p in pieces[:-1]] + [
        replace(outgoing, text=pieces[-1])]


class NumberedMenus:
    """The buttons each chat of a button-less channel was offered last, so a typed "1" presses.

    Kept per process (bounded, oldest chats forgotten): an answer that reaches another worker
    is read as plain text, which every flow also understands (it asks again)."""

    def __init__(self, max_chats: int = 10_000) -> None:
        self._menus: OrderedDict[str, tuple[Button, ...]] = OrderedDict()
        self._max = max_chats

    def offer(self, outgoing: Outgoing) -> Outgoing:
        if not outgoing.buttons:
            return outgoing
        self._menus[outgoing.chat_id] = tuple(outgoing.flat_buttons())
        self._menus.move_to_end(outgoing.chat_id)
        while len(self._menus) > self._max:
            self._menus.popitem(last=False)
        return numbered(outgoing)

    def read(self, incoming: Incoming) -> Incoming:
        buttons = self._menus.get(incoming.chat_id)
        if not buttons or incoming.payload is not None or not incoming.text:
            return incoming
        button = pressed(incoming.text, buttons)
        if button is None:
            return incoming
        del self._menus[incoming.chat_id]
        return replace(incoming, text=None, payload=button.payload)
